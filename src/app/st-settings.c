/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-settings.c: the app's GSettings.
 *
 * An installed app finds its schema through XDG_DATA_DIRS like any other.
 * Run from the build tree (the README's first command) or installed into a
 * prefix that XDG_DATA_DIRS does not name, the default source lacks it and
 * g_settings_new() would abort, so the schema compiled in the build tree
 * and the one installed under our own prefix are looked up too.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "st-settings.h"

static GSettingsSchema *
lookup_in_directory (const char *directory)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autofree char *compiled = g_build_filename (directory, "gschemas.compiled", NULL);

  if (!g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    return NULL;
  source = g_settings_schema_source_new_from_directory (directory,
                                                        g_settings_schema_source_get_default (),
                                                        FALSE, NULL);
  return source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
}

static GSettingsSchema *
find_schema (void)
{
  GSettingsSchemaSource *default_source = g_settings_schema_source_get_default ();
  g_autofree char *installed = g_build_filename (DATADIR, "glib-2.0", "schemas", NULL);
  g_autofree char *built = g_build_filename (BUILD_ROOT, "data", NULL);
  GSettingsSchema *schema = NULL;

  if (default_source != NULL)
    schema = g_settings_schema_source_lookup (default_source, APP_ID, TRUE);
  if (schema == NULL)
    schema = lookup_in_directory (installed);
  if (schema == NULL)
    schema = lookup_in_directory (built);
  return schema;
}

GSettings *
st_settings_new (void)
{
  static GSettingsSchema *schema;

  if (schema == NULL)
    schema = find_schema ();
  if (schema == NULL)
    {
      /* An installation fault: say what is missing rather than abort in GIO. */
      g_printerr (_("stranded: the settings schema %s is not installed; run “meson install”, "
                    "or build the app so that %s/data/gschemas.compiled exists\n"),
                  APP_ID, BUILD_ROOT);
      exit (EXIT_FAILURE);
    }
  return g_settings_new_full (schema, NULL, NULL);
}
