/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-json-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "st-error.h"

void
st_json_locate (const char *data,
                gsize       offset,
                guint      *line,
                guint      *column)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset && data[i] != '\0'; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if (((guchar) data[i] & 0xc0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

json_object *
st_json_parse (const char  *data,
               gsize        length,
               const char  *source_name,
               GError     **error)
{
  json_tokener *tok;
  json_object *root;
  enum json_tokener_error jerr;
  gsize end;

  /* Deep nesting is never legitimate in our formats; a small depth limit
   * keeps hostile files from exhausting the stack. */
  tok = json_tokener_new_ex (64);
  /* Callers validate UTF-8 once over the whole text before parsing. */
  json_tokener_set_flags (tok, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex (tok, data, (int) length);
  jerr = json_tokener_get_error (tok);
  end = json_tokener_get_parse_end (tok);
  /* A bare literal at the very end ("null", "12") waits for a delimiter;
   * one space ends it, while an unclosed object stays unfinished. */
  if (jerr == json_tokener_continue)
    {
      root = json_tokener_parse_ex (tok, " ", 1);
      jerr = json_tokener_get_error (tok);
      end = length;
    }

  if (jerr == json_tokener_continue)
    {
      guint line, column;

      st_json_locate (data, length, &line, &column);
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE,
                   _("%s:%u:%u: the JSON ends too early (unclosed object, array or string)"),
                   source_name, line, column);
      json_tokener_free (tok);
      return NULL;
    }
  if (jerr != json_tokener_success)
    {
      guint line, column;

      st_json_locate (data, end, &line, &column);
      /* Translators: the last %s is json-c's own (English) description. */
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s:%u:%u: malformed JSON: %s"),
                   source_name, line, column, json_tokener_error_desc (jerr));
      json_tokener_free (tok);
      return NULL;
    }

  if (root == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: null is the JSON literal, not a word. */
                   _("%s: the file holds null, not a pattern object"), source_name);
      json_tokener_free (tok);
      return NULL;
    }

  /* Anything but white space after the document is an error too. */
  for (gsize i = end; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        {
          guint line, column;

          st_json_locate (data, i, &line, &column);
          g_set_error (error, ST_ERROR, ST_ERROR_PARSE,
                       _("%s:%u:%u: unexpected text after the end of the JSON document"),
                       source_name, line, column);
          json_object_put (root);
          json_tokener_free (tok);
          return NULL;
        }
    }

  json_tokener_free (tok);
  return root;
}

/* The names complete "expected %s, found %s" in messages; null stays the
 * JSON literal. */
const char *
st_json_type_name (json_object *value)
{
  switch (json_object_get_type (value))
    {
    case json_type_null: return "null";
    /* Translators: a kind of JSON value, as in "expected a string, found a
     * boolean". */
    case json_type_boolean: return _("a boolean");
    /* Translators: a kind of JSON value, as in "expected a string, found a
     * number". */
    case json_type_double: return _("a number");
    case json_type_int: return _("a number");
    /* Translators: a kind of JSON value, as in "expected a string, found an
     * object". */
    case json_type_object: return _("an object");
    /* Translators: a kind of JSON value, as in "expected a string, found an
     * array". */
    case json_type_array: return _("an array");
    /* Translators: a kind of JSON value, as in "expected a number, found a
     * string". */
    case json_type_string: return _("a string");
    /* Translators: a kind of JSON value json-c does not name. */
    default: return _("unknown");
    }
}

/* Finds @member: FALSE with @error set when it is missing but required,
 * or present as JSON null (json-c gives null as a NULL object, so it must
 * not pass for "absent"); TRUE with *@value NULL when optional and absent. */
static gboolean
lookup (json_object  *object,
        const char   *member,
        gboolean      required,
        const char   *path,
        json_object **value,
        GError      **error)
{
  *value = NULL;
  if (!json_object_object_get_ex (object, member, value))
    {
      if (required)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: the three %s make up the name of a member of the
                        * file, such as gauge.rows_per_10cm. */
                       _("%s%s%s: missing"), path, *path ? "." : "", member);
          return FALSE;
        }
      return TRUE;
    }
  if (*value == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: the three %s make up the name of a member of the file,
                    * such as gauge.rows_per_10cm; null is the JSON literal. */
                   _("%s%s%s: null is not a value here"), path, *path ? "." : "", member);
      return FALSE;
    }
  return TRUE;
}

/* Translators: the first three %s make up the name of a member of the
 * file, such as gauge.rows_per_10cm; then what it should be and what it is,
 * as in "expected a number, found a string". */
#define WRONG_TYPE(expected) \
  g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s%s%s: expected %s, found %s"), \
               path, *path ? "." : "", member, expected, st_json_type_name (value))

gboolean
st_json_get_string (json_object  *object,
                    const char   *member,
                    gboolean      required,
                    const char   *path,
                    const char  **out,
                    GError      **error)
{
  json_object *value;

  if (!lookup (object, member, required, path, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (!json_object_is_type (value, json_type_string))
    {
      WRONG_TYPE (_("a string"));
      return FALSE;
    }
  /* json-c keeps a "\u0000" escape inside the string, but everything after
   * it reads as a C string would be lost without a word on the next save. */
  if (strlen (json_object_get_string (value)) != (size_t) json_object_get_string_len (value))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: the three %s make up the name of a member of the
                    * file, such as yarns[2].name; \u0000 is how JSON writes the
                    * character, keep it. */
                   _("%s%s%s: contains a NUL character (\\u0000)"),
                   path, *path ? "." : "", member);
      return FALSE;
    }
  *out = json_object_get_string (value);
  return TRUE;
}

/* @value (a JSON number) as the file wrote it, for messages: json-c keeps
 * the text of a number with a fraction or exponent, but clamps a whole
 * number beyond 64 bits, so that one gets NULL rather than a wrong value. */
static char *
number_as_written (json_object *value)
{
  if (json_object_is_type (value, json_type_int))
    {
      gint64 v = json_object_get_int64 (value);

      if (v == G_MININT64 || (v == G_MAXINT64 && json_object_get_uint64 (value) == G_MAXUINT64))
        return NULL;
      if (v == G_MAXINT64)
        return g_strdup_printf ("%" G_GUINT64_FORMAT, json_object_get_uint64 (value));
      return g_strdup_printf ("%" G_GINT64_FORMAT, v);
    }
  return g_strdup (json_object_to_json_string_ext (value, JSON_C_TO_STRING_PLAIN));
}

gboolean
st_json_get_uint (json_object  *object,
                  const char   *member,
                  gboolean      required,
                  const char   *path,
                  guint         min,
                  guint         max,
                  guint        *out,
                  GError      **error)
{
  json_object *value;
  g_autofree char *written = NULL;
  gboolean in_range;

  if (!lookup (object, member, required, path, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (json_object_is_type (value, json_type_int))
    {
      gint64 v = json_object_get_int64 (value);

      in_range = v >= min && v <= max;
    }
  else if (json_object_is_type (value, json_type_double))
    {
      /* Some tools write every number as 48.0; that is still 48. */
      double v = json_object_get_double (value);

      if (isfinite (v) && v != floor (v))
        {
          written = number_as_written (value);
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: the first three %s make up the name of a member
                        * of the file, such as machine.needles; the last is a number
                        * as the file writes it, such as 48.5. */
                       _("%s%s%s: %s is not a whole number"),
                       path, *path ? "." : "", member, written);
          return FALSE;
        }
      in_range = isfinite (v) && v >= min && v <= max;
    }
  else
    {
      /* Translators: completes "expected %s, found %s". */
      WRONG_TYPE (_("a whole number"));
      return FALSE;
    }
  if (!in_range)
    {
      written = number_as_written (value);
      if (written == NULL)
        g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                     /* Translators: the first three %s make up the name of a member of
                      * the file, such as machine.needles; the number has too many
                      * digits to repeat. */
                     _("%s%s%s: a number far outside %u to %u"),
                     path, *path ? "." : "", member, min, max);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                     /* Translators: the first three %s make up the name of a member of
                      * the file, such as machine.needles; the last the number as the
                      * file writes it, such as 1e30. */
                     _("%s%s%s: %s is outside %u to %u"),
                     path, *path ? "." : "", member, written, min, max);
      return FALSE;
    }
  *out = json_object_is_type (value, json_type_int) ? (guint) json_object_get_int64 (value)
                                                    : (guint) json_object_get_double (value);
  return TRUE;
}

gboolean
st_json_get_double (json_object  *object,
                    const char   *member,
                    gboolean      required,
                    const char   *path,
                    double        min,
                    double        max,
                    double       *out,
                    GError      **error)
{
  json_object *value;
  double v;

  if (!lookup (object, member, required, path, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (!json_object_is_type (value, json_type_int) && !json_object_is_type (value, json_type_double))
    {
      WRONG_TYPE (_("a number"));
      return FALSE;
    }
  v = json_object_get_double (value);
  if (!isfinite (v) || v < min || v > max)
    {
      g_autofree char *written = number_as_written (value);

      if (written == NULL)
        g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                     /* Translators: the first three %s make up the name of a member of
                      * the file, such as gauge.rows_per_10cm; the number has too many
                      * digits to repeat. */
                     _("%s%s%s: a number far outside %g to %g"),
                     path, *path ? "." : "", member, min, max);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                     /* Translators: the first three %s make up the name of a member of
                      * the file, such as gauge.rows_per_10cm; the last the number as
                      * the file writes it, such as 1e30. */
                     _("%s%s%s: %s is outside %g to %g"),
                     path, *path ? "." : "", member, written, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
st_json_get_bool (json_object  *object,
                  const char   *member,
                  gboolean      required,
                  const char   *path,
                  gboolean     *out,
                  GError      **error)
{
  json_object *value;

  if (!lookup (object, member, required, path, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (!json_object_is_type (value, json_type_boolean))
    {
      /* Translators: completes "expected %s, found %s"; a JSON boolean. */
      WRONG_TYPE (_("true or false"));
      return FALSE;
    }
  *out = json_object_get_boolean (value);
  return TRUE;
}

json_object *
st_json_get_typed (json_object  *object,
                   const char   *member,
                   json_type     type,
                   gboolean      required,
                   const char   *path,
                   GError      **error)
{
  json_object *value;

  if (!lookup (object, member, required, path, &value, error) || value == NULL)
    return NULL;
  if (!json_object_is_type (value, type))
    {
      WRONG_TYPE (type == json_type_object ? _("an object") : _("an array"));
      return NULL;
    }
  return value;
}

void
st_json_append_string (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}
