/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-pattern-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st-error.h"
#include "st-json-private.h"

/* Error messages start with the place in the file, a JSON member path such
 * as yarns[2].color: translators keep those names as they are. */

/* Members this version reads; anything else at the top level is kept as is. */
static const char *const known_members[] = {
  "format", "version", "name", "machine", "gauge", "yarns", "rows", "float_limit_mm",
  "loop_length_mm", "notes", "repeat", "catches", "duplicate_stitches", "progress",
};

static gboolean
is_known_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    if (strcmp (name, known_members[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_yarns (StPattern    *pattern,
            json_object  *root,
            GError      **error)
{
  json_object *yarns = st_json_get_typed (root, "yarns", json_type_array, TRUE, "", error);
  gsize n;

  if (yarns == NULL)
    return FALSE;
  n = json_object_array_length (yarns);
  if (n < 1 || n > ST_MAX_YARNS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   /* Translators: the first "yarns" names the member of the file; keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "yarns: %zu yarn, expected 1 to %d",
                                "yarns: %zu yarns, expected 1 to %d", n),
                   n, ST_MAX_YARNS);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      json_object *y = json_object_array_get_idx (yarns, i);
      g_autofree char *path = g_strdup_printf ("yarns[%zu]", i);
      StYarn *yarn = &pattern->yarns[i];
      const char *key = NULL, *name = NULL, *color = NULL, *fibre = NULL;
      guint weight = 0;

      if (!json_object_is_type (y, json_type_object))
        {
          /* Translators: the first %s is a place in the file, such as
           * yarns[2]; the second a kind of JSON value, such as "a string". */
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: expected an object, found %s"),
                       path, st_json_type_name (y));
          return FALSE;
        }
      if (!st_json_get_string (y, "key", TRUE, path, &key, error) ||
          !st_json_get_string (y, "name", TRUE, path, &name, error) ||
          !st_json_get_string (y, "color", TRUE, path, &color, error) ||
          !st_json_get_uint (y, "weight", TRUE, path, 0, 7, &weight, error) ||
          !st_json_get_string (y, "fibre", FALSE, path, &fibre, error) ||
          !st_json_get_bool (y, "sticky", FALSE, path, &yarn->sticky, error))
        return FALSE;

      if (strlen (key) != 1 || !st_yarn_key_is_valid (key[0]))
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: %s.key is a place in the file, such as yarns[2].key. */
                       _("%s.key: '%s' is not one letter or digit"), path, key);
          return FALSE;
        }
      for (gsize j = 0; j < i; j++)
        if (pattern->yarns[j].key == key[0])
          {
            g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                         /* Translators: %s.key and yarns[%zu] are places in the file. */
                         _("%s.key: '%c' is already the key of yarns[%zu]"), path, key[0], j);
            return FALSE;
          }
      /* The limits count characters, as the messages say; the text is
       * valid UTF-8 by now. */
      if (*name == '\0' || g_utf8_strlen (name, -1) > ST_MAX_NAME_LENGTH)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: %s.name is a place in the file, such as yarns[2].name. */
                       g_dngettext (GETTEXT_PACKAGE, "%s.name: a yarn name has 1 to %d character",
                                    "%s.name: a yarn name has 1 to %d characters",
                                    ST_MAX_NAME_LENGTH),
                       path, ST_MAX_NAME_LENGTH);
          return FALSE;
        }
      if (!st_color_parse (color, &yarn->color))
        {
          /* Translators: %s.color is a place in the file, such as
           * yarns[2].color; #rrggbb is the colour notation, keep it. */
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s.color: '%s' is not #rrggbb"),
                       path, color);
          return FALSE;
        }
      if (fibre != NULL && g_utf8_strlen (fibre, -1) > ST_MAX_NAME_LENGTH)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: %s.fibre is a place in the file, such as yarns[2].fibre. */
                       g_dngettext (GETTEXT_PACKAGE, "%s.fibre: longer than %d character",
                                    "%s.fibre: longer than %d characters", ST_MAX_NAME_LENGTH),
                       path, ST_MAX_NAME_LENGTH);
          return FALSE;
        }

      yarn->key = key[0];
      yarn->name = g_strdup (name);
      yarn->fibre = g_strdup (fibre);
      yarn->weight = weight;
      pattern->n_yarns = i + 1;
    }
  return TRUE;
}

static gboolean
read_rows (StPattern    *pattern,
           json_object  *root,
           guint         needles,
           GError      **error)
{
  json_object *rows = st_json_get_typed (root, "rows", json_type_array, TRUE, "", error);
  gint8 key_to_index[128];
  gsize n;

  if (rows == NULL)
    return FALSE;
  n = json_object_array_length (rows);
  if (n < 1 || n > ST_MAX_ROWS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   /* Translators: "rows" names the member of the file; keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "rows: %zu round, expected 1 to %d",
                                "rows: %zu rounds, expected 1 to %d", n),
                   n, ST_MAX_ROWS);
      return FALSE;
    }

  memset (key_to_index, -1, sizeof key_to_index);
  for (guint i = 0; i < pattern->n_yarns; i++)
    key_to_index[(guchar) pattern->yarns[i].key] = (gint8) i;

  /* Sizes were checked above, so this allocation is bounded. */
  pattern->chart = st_chart_new (needles, n, 0, error);
  if (pattern->chart == NULL)
    return FALSE;

  for (gsize r = 0; r < n; r++)
    {
      json_object *row = json_object_array_get_idx (rows, r);
      const char *text;
      gsize len;
      guint8 *cells = st_chart_row (pattern->chart, r);

      if (!json_object_is_type (row, json_type_string))
        {
          /* Translators: rows[%zu] is a place in the file; the %s a kind of
           * JSON value, such as "a number". */
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("rows[%zu]: expected a string, found %s"),
                       r, st_json_type_name (row));
          return FALSE;
        }
      text = json_object_get_string (row);
      len = json_object_get_string_len (row);
      /* Byte length equals stitches for the ASCII keys; only a row that
       * fails that needs counting characters for its message. */
      if (len != needles)
        {
          glong chars = g_utf8_strlen (text, len);

          if (chars != (glong) needles)
            {
              g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                           /* Translators: rows[%zu] is a place in the file. */
                           g_dngettext (GETTEXT_PACKAGE, "rows[%zu]: %ld stitch, expected %u",
                                        "rows[%zu]: %ld stitches, expected %u", chars),
                           r, chars, needles);
              return FALSE;
            }
        }
      for (gsize c = 0; c < needles; c++)
        {
          guchar ch = (guchar) text[c];

          if (ch >= 128 || key_to_index[ch] < 0)
            {
              /* Name the character, whole, at its stitch position. */
              glong stitch = g_utf8_pointer_to_offset (text, text + c);
              const char *start = g_utf8_find_prev_char (text, text + c + 1);
              g_autofree char *shown = NULL;

              if (start == NULL)
                start = text + c;
              shown = ch < 128 && !g_ascii_isprint (ch)
                      ? g_strdup_printf ("\\x%02x", ch)
                      : g_strndup (start, g_utf8_next_char (start) - start);
              g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                           /* Translators: rows[%zu][%ld] is a place in the file. */
                           _("rows[%zu][%ld]: '%s' is not a yarn key"), r, stitch, shown);
              return FALSE;
            }
          cells[c] = (guint8) key_to_index[ch];
        }
    }
  return TRUE;
}

static gboolean
read_position (json_object  *item,
               const char   *path,
               StPattern    *pattern,
               guint        *row,
               guint        *needle,
               GError      **error)
{
  if (!json_object_is_type (item, json_type_object))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: expected an object, found %s"),
                   path, st_json_type_name (item));
      return FALSE;
    }
  if (!st_json_get_uint (item, "row", TRUE, path, 1, st_pattern_rows (pattern), row, error) ||
      !st_json_get_uint (item, "needle", TRUE, path, 1, st_pattern_needles (pattern), needle, error))
    return FALSE;
  (*row)--;
  (*needle)--;
  return TRUE;
}

static gboolean
read_marks (StPattern    *pattern,
            json_object  *root,
            GError      **error)
{
  json_object *catches, *duplicates, *progress, *repeat;

  catches = st_json_get_typed (root, "catches", json_type_array, FALSE, "", error);
  if (catches == NULL && error && *error)
    return FALSE;
  if (catches != NULL)
    {
      gsize n = json_object_array_length (catches);

      if (n > ST_MAX_MARKS)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                       /* Translators: "catches" names the member of the file; keep it. */
                       g_dngettext (GETTEXT_PACKAGE, "catches: %zu entry, at most %d",
                                    "catches: %zu entries, at most %d", n),
                       n, ST_MAX_MARKS);
          return FALSE;
        }
      for (gsize i = 0; i < n; i++)
        {
          json_object *item = json_object_array_get_idx (catches, i);
          g_autofree char *path = g_strdup_printf ("catches[%zu]", i);
          const char *key = NULL;
          StCatch c;
          int yarn;

          if (!read_position (item, path, pattern, &c.row, &c.needle, error) ||
              !st_json_get_string (item, "yarn", TRUE, path, &key, error))
            return FALSE;
          yarn = strlen (key) == 1 ? st_pattern_find_yarn (pattern, key[0]) : -1;
          if (yarn < 0)
            {
              /* Translators: %s.yarn is a place in the file, such as catches[3].yarn. */
              g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s.yarn: '%s' is not a yarn key"),
                           path, key);
              return FALSE;
            }
          c.yarn = yarn;
          g_array_append_val (pattern->catches, c);
        }
    }

  duplicates = st_json_get_typed (root, "duplicate_stitches", json_type_array, FALSE, "", error);
  if (duplicates == NULL && error && *error)
    return FALSE;
  if (duplicates != NULL)
    {
      gsize n = json_object_array_length (duplicates);

      if (n > ST_MAX_MARKS)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                       /* Translators: "duplicate_stitches" names the member of the
                        * file; keep it. */
                       g_dngettext (GETTEXT_PACKAGE, "duplicate_stitches: %zu entry, at most %d",
                                    "duplicate_stitches: %zu entries, at most %d", n),
                       n, ST_MAX_MARKS);
          return FALSE;
        }
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *path = g_strdup_printf ("duplicate_stitches[%zu]", i);
          StStitchRef d;

          if (!read_position (json_object_array_get_idx (duplicates, i), path, pattern,
                              &d.row, &d.needle, error))
            return FALSE;
          g_array_append_val (pattern->duplicate_stitches, d);
        }
    }

  progress = st_json_get_typed (root, "progress", json_type_object, FALSE, "", error);
  if (progress == NULL && error && *error)
    return FALSE;
  if (progress != NULL)
    {
      if (!read_position (progress, "progress", pattern, &pattern->progress_row,
                          &pattern->progress_needle, error))
        return FALSE;
      pattern->has_progress = TRUE;
    }

  repeat = st_json_get_typed (root, "repeat", json_type_object, FALSE, "", error);
  if (repeat == NULL && error && *error)
    return FALSE;
  if (repeat != NULL &&
      !st_json_get_uint (repeat, "width", TRUE, "repeat", 1, st_pattern_needles (pattern),
                         &pattern->repeat_width, error))
    return FALSE;

  st_pattern_sort_marks (pattern);
  return TRUE;
}

static StPattern *
read_pattern (json_object  *root,
              GError      **error)
{
  g_autoptr(StPattern) pattern = g_new0 (StPattern, 1);
  const char *format = NULL, *name = _("Untitled pattern"), *profile_id = NULL, *notes = NULL;
  json_object *machine, *gauge, *version_value;
  guint needles = 0;
  gint64 version;

  pattern->catches = g_array_new (FALSE, FALSE, sizeof (StCatch));
  pattern->duplicate_stitches = g_array_new (FALSE, FALSE, sizeof (StStitchRef));

  if (!json_object_is_type (root, json_type_object))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: %s is a kind of JSON value, such as "an array". */
                   _("the file holds %s, not a pattern object"), st_json_type_name (root));
      return NULL;
    }
  if (!st_json_get_string (root, "format", TRUE, "", &format, error))
    return NULL;
  if (strcmp (format, ST_FORMAT_NAME) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: "format" names the member of the file; keep it. */
                   _("format: '%s' is not a Stranded pattern ('%s')"), format, ST_FORMAT_NAME);
      return NULL;
    }
  if (!json_object_object_get_ex (root, "version", &version_value))
    {
      /* Translators: "version" names the member of the file; keep it. */
      g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID, _("version: missing"));
      return NULL;
    }
  if (!json_object_is_type (version_value, json_type_int))
    {
      /* Translators: "version" names the member of the file; keep it. The
       * %s is a kind of JSON value, such as "a string". */
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("version: expected a whole number, found %s"),
                   st_json_type_name (version_value));
      return NULL;
    }
  version = json_object_get_int64 (version_value);
  if (version > ST_FORMAT_VERSION)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   /* Translators: "version" names the member of the file; keep it. */
                   _("version: the file is format version %lld, written by a newer Stranded; "
                     "this version reads version %d"),
                   (long long) version, ST_FORMAT_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      /* Translators: "version" names the member of the file; keep it. */
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("version: %lld is not a format version"),
                   (long long) version);
      return NULL;
    }

  if (!st_json_get_string (root, "name", FALSE, "", &name, error) ||
      !st_json_get_string (root, "notes", FALSE, "", &notes, error))
    return NULL;
  if (g_utf8_strlen (name, -1) > ST_MAX_NAME_LENGTH)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   /* Translators: "name" names the member of the file; keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "name: longer than %d character",
                                "name: longer than %d characters", ST_MAX_NAME_LENGTH),
                   ST_MAX_NAME_LENGTH);
      return NULL;
    }

  machine = st_json_get_typed (root, "machine", json_type_object, TRUE, "", error);
  if (machine == NULL ||
      !st_json_get_string (machine, "profile", TRUE, "machine", &profile_id, error) ||
      !st_json_get_uint (machine, "needles", TRUE, "machine", 1, ST_MAX_NEEDLES, &needles, error))
    return NULL;
  pattern->profile = st_profiles_lookup (profile_id);
  if (pattern->profile == NULL)
    {
      GPtrArray *all = st_profiles_get_all ();
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < all->len; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "",
                                ((StProfile *) g_ptr_array_index (all, i))->id);
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                   /* Translators: "machine.profile" names the member of the file; keep
                    * it. The second %s lists the known profile ids. */
                   _("machine.profile: unknown machine profile '%s' (known: %s)"),
                   profile_id, known->str);
      return NULL;
    }
  {
    g_autoptr(GError) width_error = NULL;

    if (!st_profile_check_width (pattern->profile, needles, &width_error))
      {
        /* Translators: "machine.needles" names the member of the file; keep
         * it. The %s says what is wrong with it. */
        g_set_error (error, ST_ERROR, ST_ERROR_PROFILE, _("machine.needles: %s"),
                     width_error->message);
        return NULL;
      }
  }

  gauge = st_json_get_typed (root, "gauge", json_type_object, TRUE, "", error);
  if (gauge == NULL ||
      !st_json_get_double (gauge, "stitches_per_10cm", TRUE, "gauge", 1, 200,
                           &pattern->stitches_per_10cm, error) ||
      !st_json_get_double (gauge, "rows_per_10cm", TRUE, "gauge", 1, 200,
                           &pattern->rows_per_10cm, error) ||
      !st_json_get_double (root, "float_limit_mm", FALSE, "", 1, 1000,
                           &pattern->float_limit_mm, error) ||
      !st_json_get_double (root, "loop_length_mm", FALSE, "", 0.5, 500,
                           &pattern->loop_length_mm, error))
    return NULL;

  if (!read_yarns (pattern, root, error) ||
      !read_rows (pattern, root, needles, error) ||
      !read_marks (pattern, root, error))
    return NULL;

  pattern->name = g_strdup (name);
  pattern->notes = g_strdup (notes);
  pattern->profile_id = g_strdup (profile_id);

  json_object_object_foreach (root, member, value)
    {
      if (is_known_member (member))
        continue;
      if (pattern->extras == NULL)
        pattern->extras = json_object_new_object ();
      json_object_object_add (pattern->extras, member, json_object_get (value));
    }

  if (!st_pattern_validate (pattern, error))
    return NULL;
  st_pattern_mark_dirty_structure (pattern);
  return g_steal_pointer (&pattern);
}

StPattern *
st_pattern_load_data (const char  *data,
                      gsize        length,
                      const char  *source_name,
                      GError     **error)
{
  g_autoptr(json_object) root = NULL;
  GError *local_error = NULL;
  StPattern *pattern;
  const char *bad_utf8;

  if (length > ST_MAX_FILE_BYTES)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: the first %s is the file name. */
                                "%s: %zu byte is larger than a pattern can be (%d MB)",
                                "%s: %zu bytes is larger than a pattern can be (%d MB)", length),
                   source_name, length, ST_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  /* Some Windows editors start UTF-8 files with a byte order mark; it is
   * no part of the JSON, and lines and columns are counted after it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the file is empty"), source_name);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE,
                   _("%s: not a text file (it contains NUL bytes); a pattern is JSON text"),
                   source_name);
      return NULL;
    }
  if (!g_utf8_validate (data, length, &bad_utf8))
    {
      guint line, column;

      st_json_locate (data, bad_utf8 - data, &line, &column);
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE,
                   _("%s:%u:%u: not UTF-8 text; a pattern is JSON text"), source_name, line, column);
      return NULL;
    }

  root = st_json_parse (data, length, source_name, error);
  if (root == NULL)
    return NULL;

  pattern = read_pattern (root, &local_error);
  if (pattern == NULL)
    {
      g_set_error (error, ST_ERROR, local_error->code, "%s: %s", source_name, local_error->message);
      g_clear_error (&local_error);
    }
  return pattern;
}

StPattern *
st_pattern_load_file (const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  /* Refuse huge files before reading them into memory. */
  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: is a folder, not a pattern file"), path);
          return NULL;
        }
      if (st.st_size > ST_MAX_FILE_BYTES)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s: %lld byte is larger than a pattern can be (%d MB)",
                                    "%s: %lld bytes is larger than a pattern can be (%d MB)",
                                    (gulong) st.st_size),
                       path, (long long) st.st_size, ST_MAX_FILE_BYTES / (1024 * 1024));
          return NULL;
        }
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return st_pattern_load_data (data, length, path, error);
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
  /* Trim trailing zeros but keep one decimal so the type stays visible. */
  {
    char *end = buffer + strlen (buffer) - 1;

    while (end > buffer && *end == '0' && end[-1] != '.')
      *end-- = '\0';
  }
  g_string_append (out, buffer);
}

static void
append_key (GString *out,
            char     key)
{
  char text[2] = { key, '\0' };

  st_json_append_string (out, text);
}

char *
st_pattern_to_data (const StPattern *pattern,
                    gsize           *length)
{
  const StChart *chart = pattern->chart;
  GString *out = g_string_sized_new ((gsize) (chart->needles + 8) * chart->rows + 1024);
  g_autofree char *line = g_malloc (chart->needles + 1);

  g_string_append_printf (out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"name\": ",
                          ST_FORMAT_NAME, ST_FORMAT_VERSION);
  st_json_append_string (out, pattern->name ? pattern->name : "");
  g_string_append (out, ",\n  \"machine\": { \"profile\": ");
  st_json_append_string (out, pattern->profile_id);
  g_string_append_printf (out, ", \"needles\": %u },\n", chart->needles);
  g_string_append (out, "  \"gauge\": { \"stitches_per_10cm\": ");
  append_double (out, pattern->stitches_per_10cm);
  g_string_append (out, ", \"rows_per_10cm\": ");
  append_double (out, pattern->rows_per_10cm);
  g_string_append (out, " },\n");
  if (pattern->float_limit_mm > 0)
    {
      g_string_append (out, "  \"float_limit_mm\": ");
      append_double (out, pattern->float_limit_mm);
      g_string_append (out, ",\n");
    }
  if (pattern->loop_length_mm > 0)
    {
      g_string_append (out, "  \"loop_length_mm\": ");
      append_double (out, pattern->loop_length_mm);
      g_string_append (out, ",\n");
    }
  if (pattern->notes != NULL)
    {
      g_string_append (out, "  \"notes\": ");
      st_json_append_string (out, pattern->notes);
      g_string_append (out, ",\n");
    }
  if (pattern->repeat_width > 0)
    g_string_append_printf (out, "  \"repeat\": { \"width\": %u },\n", pattern->repeat_width);

  g_string_append (out, "  \"yarns\": [\n");
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      const StYarn *y = &pattern->yarns[i];
      g_autofree char *color = st_color_to_string (y->color);

      g_string_append (out, "    { \"key\": ");
      append_key (out, y->key);
      g_string_append (out, ", \"name\": ");
      st_json_append_string (out, y->name);
      g_string_append_printf (out, ", \"color\": \"%s\", \"weight\": %d", color, y->weight);
      if (y->fibre != NULL)
        {
          g_string_append (out, ", \"fibre\": ");
          st_json_append_string (out, y->fibre);
        }
      if (y->sticky)
        g_string_append (out, ", \"sticky\": true");
      g_string_append_printf (out, " }%s\n", i + 1 < pattern->n_yarns ? "," : "");
    }
  g_string_append (out, "  ],\n");

  if (pattern->catches->len > 0)
    {
      g_string_append (out, "  \"catches\": [\n");
      for (guint i = 0; i < pattern->catches->len; i++)
        {
          const StCatch *c = &g_array_index (pattern->catches, StCatch, i);

          g_string_append_printf (out, "    { \"row\": %u, \"needle\": %u, \"yarn\": ",
                                  c->row + 1, c->needle + 1);
          append_key (out, pattern->yarns[c->yarn].key);
          g_string_append_printf (out, " }%s\n", i + 1 < pattern->catches->len ? "," : "");
        }
      g_string_append (out, "  ],\n");
    }
  if (pattern->duplicate_stitches->len > 0)
    {
      g_string_append (out, "  \"duplicate_stitches\": [\n");
      for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
        {
          const StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);

          g_string_append_printf (out, "    { \"row\": %u, \"needle\": %u }%s\n",
                                  d->row + 1, d->needle + 1,
                                  i + 1 < pattern->duplicate_stitches->len ? "," : "");
        }
      g_string_append (out, "  ],\n");
    }
  if (pattern->has_progress)
    g_string_append_printf (out, "  \"progress\": { \"row\": %u, \"needle\": %u },\n",
                            pattern->progress_row + 1, pattern->progress_needle + 1);

  if (pattern->extras != NULL)
    {
      json_object_object_foreach (pattern->extras, member, value)
        {
          g_string_append (out, "  ");
          st_json_append_string (out, member);
          g_string_append_printf (out, ": %s,\n",
                                  json_object_to_json_string_ext (value, JSON_C_TO_STRING_PLAIN |
                                                                  JSON_C_TO_STRING_NOSLASHESCAPE));
        }
    }

  g_string_append (out, "  \"rows\": [\n");
  for (guint r = 0; r < chart->rows; r++)
    {
      const guint8 *cells = st_chart_row (chart, r);

      for (guint c = 0; c < chart->needles; c++)
        line[c] = pattern->yarns[cells[c]].key;
      line[chart->needles] = '\0';
      g_string_append_c (out, ' ');
      g_string_append_c (out, ' ');
      g_string_append_c (out, ' ');
      g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      g_string_append_len (out, line, chart->needles);
      g_string_append (out, r + 1 < chart->rows ? "\",\n" : "\"\n");
    }
  g_string_append (out, "  ]\n}\n");

  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
fsync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  fsync (fd);
  close (fd);
  return TRUE;
}

/* A temporary file of a save that never finished (the process was killed
 * or the machine lost power) is this old at least; a save under way keeps
 * writing to its own, so it is always younger. */
#define STALE_TEMPORARY_S (60 * 60)

static gboolean
is_temporary_of (const char *name,
                 const char *base)
{
  gsize base_length = strlen (base);

  if (name[0] != '.' || strncmp (name + 1, base, base_length) != 0 || name[1 + base_length] != '.')
    return FALSE;
  name += 2 + base_length;
  if (strlen (name) != 6)
    return FALSE;
  for (; *name != '\0'; name++)
    if (!g_ascii_isalnum (*name))
      return FALSE;
  return TRUE;
}

/* Deletes the temporary files that killed saves of @base left in @dir. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!is_temporary_of (name, base))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid () &&
          now - (gint64) st.st_mtime >= STALE_TEMPORARY_S)
        g_unlink (path);
    }
}

gboolean
st_file_write_atomic (const char  *path,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  struct stat st;
  gboolean existed;
  gsize written = 0;
  int fd;

  /* Write through a symbolic link to the file it names, so the link stays. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  existed = stat (target, &st) == 0;
  if (existed && S_ISDIR (st.st_mode))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: is a folder"), path);
      return FALSE;
    }

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      /* Translators: the file, its folder and the system's reason. */
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot write in %s: %s"), path, dir,
                   g_strerror (saved));
      return FALSE;
    }

  while (written < length)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (tmp_path);
          g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      written += n;
    }

  if (existed)
    fchmod (fd, st.st_mode & 07777);
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      fchmod (fd, 0666 & ~mask);
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (g_rename (tmp_path, target) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  fsync_directory (dir);
  remove_stale_temporaries (dir, base);
  return TRUE;
}

gboolean
st_pattern_save_file (const StPattern  *pattern,
                      const char       *path,
                      GError          **error)
{
  g_autofree char *data = NULL;
  gsize length;

  data = st_pattern_to_data (pattern, &length);
  return st_file_write_atomic (path, data, length, error);
}
