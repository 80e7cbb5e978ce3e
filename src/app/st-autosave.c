/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-autosave.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "st-pattern-file.h"

#define ORIGIN_SUFFIX ".origin"

char *
st_autosave_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "stranded", "autosave", NULL);
}

char *
st_autosave_new_path (GError **error)
{
  g_autofree char *dir = st_autosave_dir ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (uuid, ".stranded", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the autosave folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

gboolean
st_autosave_write (const char      *path,
                   const StPattern *pattern,
                   GFile           *origin,
                   GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *origin_path = g_strconcat (path, ORIGIN_SUFFIX, NULL);
  g_autofree char *uri = origin != NULL ? g_file_get_uri (origin) : g_strdup ("");
  gsize length = 0;

  data = st_pattern_to_data (pattern, &length);
  if (!st_file_write_atomic (path, data, length, error))
    return FALSE;
  return st_file_write_atomic (origin_path, uri, strlen (uri), error);
}

static void
entry_free (gpointer data)
{
  StAutosaveEntry *entry = data;

  g_free (entry->path);
  g_free (entry->origin_uri);
  g_free (entry->name);
  g_free (entry);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const StAutosaveEntry *ea = *(StAutosaveEntry *const *) a;
  const StAutosaveEntry *eb = *(StAutosaveEntry *const *) b;

  return ea->modified < eb->modified ? 1 : ea->modified > eb->modified ? -1 : 0;
}

GPtrArray *
st_autosave_list (void)
{
  g_autofree char *dir_path = st_autosave_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  const char *name;

  if (dir == NULL)
    return entries;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      StAutosaveEntry *entry;
      g_autofree char *origin_path = NULL;
      g_autofree char *origin = NULL;
      g_autoptr(StPattern) pattern = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, ".stranded"))
        continue;
      entry = g_new0 (StAutosaveEntry, 1);
      entry->path = g_build_filename (dir_path, name, NULL);
      origin_path = g_strconcat (entry->path, ORIGIN_SUFFIX, NULL);
      if (g_file_get_contents (origin_path, &origin, NULL, NULL) && origin[0] != '\0')
        entry->origin_uri = g_steal_pointer (&origin);
      pattern = st_pattern_load_file (entry->path, NULL);
      entry->name = g_strdup (pattern != NULL ? pattern->name : name);
      entry->modified = g_stat (entry->path, &st) == 0 ? (gint64) st.st_mtime : 0;
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_newest_first);
  return entries;
}

void
st_autosave_remove (const char *path)
{
  g_autofree char *origin_path = NULL;

  if (path == NULL)
    return;
  origin_path = g_strconcat (path, ORIGIN_SUFFIX, NULL);
  g_unlink (path);
  g_unlink (origin_path);
}
