/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-record.c: job records on disk (see st-job-record.h).
 */
#include "config.h"

#include "st-job-record.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-c/json.h>
#include <string.h>

#include "st-error.h"
#include "st-pattern-file.h"

StJobRecord *
st_job_record_new (void)
{
  StJobRecord *record = g_new0 (StJobRecord, 1);

  record->start_needle = -1;
  record->repeat = 1;
  return record;
}

void
st_job_record_free (StJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->pattern_path);
  g_free (record->pattern_sha256);
  g_free (record->pattern_name);
  g_free (record->port);
  g_free (record->state);
  g_free (record->message);
  g_free (record);
}

char *
st_job_record_default_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "stranded", "jobs", NULL);
}

static char *
absolute (const char *path)
{
  g_autofree char *resolved = realpath (path, NULL);

  if (resolved != NULL)
    return g_steal_pointer (&resolved);
  return g_canonicalize_filename (path, NULL);
}

char *
st_job_record_path (const char *dir,
                    const char *pattern_path)
{
  g_autofree char *full = absolute (pattern_path);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, full, -1);
  g_autofree char *base = g_path_get_basename (full);
  g_autofree char *name = NULL;

  /* Readable and unique: the file's name and a hash of its whole path. */
  g_strdelimit (base, " /\\", '_');
  name = g_strdup_printf ("%.40s-%.12s.json", base, hash);
  return g_build_filename (dir, name, NULL);
}

char *
st_job_record_hash_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

gboolean
st_job_record_save (const StJobRecord *record,
                    const char        *path,
                    GError           **error)
{
  json_object *root = json_object_new_object ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (record->updated);
  g_autofree char *when_text = when ? g_date_time_format_iso8601 (when) : g_strdup ("");
  const char *text;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      json_object_put (root);
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot create the folder: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  json_object_object_add (root, "format", json_object_new_string (ST_JOB_RECORD_FORMAT));
  json_object_object_add (root, "version", json_object_new_int (ST_JOB_RECORD_VERSION));
  json_object_object_add (root, "pattern", json_object_new_string (record->pattern_path));
  if (record->pattern_sha256 != NULL)
    json_object_object_add (root, "pattern_sha256", json_object_new_string (record->pattern_sha256));
  if (record->pattern_name != NULL)
    json_object_object_add (root, "pattern_name", json_object_new_string (record->pattern_name));
  if (record->port != NULL)
    json_object_object_add (root, "port", json_object_new_string (record->port));
  json_object_object_add (root, "protocol", json_object_new_string (st_protocol_to_string (record->protocol)));
  json_object_object_add (root, "mode", json_object_new_string (st_knit_mode_to_string (record->mode)));
  /* 1-based in files, as everywhere the user may read. */
  if (record->start_needle >= 0)
    json_object_object_add (root, "start_needle", json_object_new_int (record->start_needle + 1));
  json_object_object_add (root, "start_row", json_object_new_int ((int) record->start_row + 1));
  json_object_object_add (root, "repeat", json_object_new_int ((int) record->repeat));
  json_object_object_add (root, "job_id", json_object_new_int (record->job_id));
  json_object_object_add (root, "rounds_done", json_object_new_int64 ((gint64) record->rounds_done));
  json_object_object_add (root, "total_rounds", json_object_new_int64 ((gint64) record->total_rounds));
  if (record->state != NULL)
    json_object_object_add (root, "state", json_object_new_string (record->state));
  if (record->message != NULL)
    json_object_object_add (root, "message", json_object_new_string (record->message));
  json_object_object_add (root, "updated", json_object_new_string (when_text));
  text = json_object_to_json_string_ext (root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                        JSON_C_TO_STRING_NOSLASHESCAPE);
  ok = st_file_write_atomic (path, text, strlen (text), error);
  json_object_put (root);
  return ok;
}

static gboolean
get_string (json_object  *root,
            const char   *key,
            gboolean      required,
            char        **out,
            const char   *path,
            GError      **error)
{
  json_object *value;

  if (!json_object_object_get_ex (root, key, &value) || json_object_is_type (value, json_type_null))
    {
      if (required)
        /* Translators: a job record file, then the name of a member of
         * the file (JSON), which stays as it is. */
        g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: \"%s\" is missing"), path, key);
      return !required;
    }
  if (!json_object_is_type (value, json_type_string))
    {
      /* Translators: a job record file, then the name of a member of the
       * file (JSON), which stays as it is. */
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: \"%s\" must be text"), path, key);
      return FALSE;
    }
  *out = g_strdup (json_object_get_string (value));
  return TRUE;
}

static gboolean
get_int (json_object  *root,
         const char   *key,
         gint64        min,
         gint64        max,
         gint64       *out,
         const char   *path,
         GError      **error)
{
  json_object *value;

  if (!json_object_object_get_ex (root, key, &value))
    return TRUE;   /* keep the default */
  if (!json_object_is_type (value, json_type_int) ||
      json_object_get_int64 (value) < min || json_object_get_int64 (value) > max)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: a job record file, then the name of a
                    * member of the file (JSON), which stays as it is, and
                    * the range it must be in. */
                   _("%s: \"%s\" must be a whole number from %lld to %lld"),
                   path, key, (long long) min, (long long) max);
      return FALSE;
    }
  *out = json_object_get_int64 (value);
  return TRUE;
}

StJobRecord *
st_job_record_load (const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *format = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(StJobRecord) record = st_job_record_new ();
  json_object *root;
  gint64 version = 0, start_needle = 0, start_row = 1, repeat = 1, job_id = 0;
  gint64 rounds_done = 0, total_rounds = 0;
  gboolean ok;

  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  root = json_tokener_parse (data);
  if (root == NULL || !json_object_is_type (root, json_type_object))
    {
      if (root != NULL)
        json_object_put (root);
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: not a job record (not JSON)"), path);
      return NULL;
    }
  ok = get_string (root, "format", TRUE, &format, path, error) &&
       get_int (root, "version", 1, G_MAXINT, &version, path, error);
  if (ok && g_strcmp0 (format, ST_JOB_RECORD_FORMAT) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: not a job record"), path);
      ok = FALSE;
    }
  if (ok && version > ST_JOB_RECORD_VERSION)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_VERSION,
                   _("%s: written by a newer Stranded (job record version %lld)"),
                   path, (long long) version);
      ok = FALSE;
    }
  ok = ok &&
       get_string (root, "pattern", TRUE, &record->pattern_path, path, error) &&
       get_string (root, "pattern_sha256", FALSE, &record->pattern_sha256, path, error) &&
       get_string (root, "pattern_name", FALSE, &record->pattern_name, path, error) &&
       get_string (root, "port", FALSE, &record->port, path, error) &&
       get_string (root, "protocol", TRUE, &protocol, path, error) &&
       get_string (root, "mode", FALSE, &mode, path, error) &&
       get_string (root, "state", FALSE, &record->state, path, error) &&
       get_string (root, "message", FALSE, &record->message, path, error) &&
       get_string (root, "updated", FALSE, &updated, path, error) &&
       get_int (root, "start_needle", 1, 256, &start_needle, path, error) &&
       get_int (root, "start_row", 1, G_MAXINT, &start_row, path, error) &&
       get_int (root, "repeat", 0, G_MAXINT, &repeat, path, error) &&
       get_int (root, "job_id", 0, 65535, &job_id, path, error) &&
       get_int (root, "rounds_done", 0, G_MAXINT64, &rounds_done, path, error) &&
       get_int (root, "total_rounds", 0, G_MAXINT64, &total_rounds, path, error);
  json_object_put (root);
  if (!ok)
    return NULL;
  if (!st_protocol_from_string (protocol, &record->protocol))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: unknown protocol \"%s\""), path, protocol);
      return NULL;
    }
  record->mode = record->protocol == ST_PROTOCOL_AYAB ? ST_KNIT_MODE_SINGLEBED : ST_KNIT_MODE_ROUND;
  if (mode != NULL && !st_knit_mode_from_string (mode, &record->mode))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: unknown mode \"%s\""), path, mode);
      return NULL;
    }
  /* A circular machine knits rounds whatever the file says. */
  if (record->protocol == ST_PROTOCOL_CIRCULAR)
    record->mode = ST_KNIT_MODE_ROUND;
  record->start_needle = (int) start_needle - 1;
  record->start_row = (guint) start_row - 1;
  record->repeat = (guint) repeat;
  record->job_id = (guint16) job_id;
  record->rounds_done = (guint64) rounds_done;
  record->total_rounds = (guint64) total_rounds;
  if (updated != NULL && *updated != '\0')
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (updated, NULL);

      if (when != NULL)
        record->updated = g_date_time_to_unix (when);
    }
  return g_steal_pointer (&record);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const StJobRecord *ra = *(StJobRecord * const *) a;
  const StJobRecord *rb = *(StJobRecord * const *) b;

  return ra->updated < rb->updated ? 1 : ra->updated > rb->updated ? -1
         : g_strcmp0 (ra->pattern_path, rb->pattern_path);
}

GPtrArray *
st_job_record_list (const char *dir)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) st_job_record_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      StJobRecord *record;

      if (!g_str_has_suffix (name, ".json") || name[0] == '.')
        continue;
      path = g_build_filename (dir, name, NULL);
      record = st_job_record_load (path, NULL);
      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  g_ptr_array_sort (records, newest_first);
  return records;
}

void
st_job_record_to_options (const StJobRecord *record,
                          StJobOptions      *options)
{
  st_job_options_init (options, record->protocol);
  options->mode = record->mode;
  options->start_needle = record->start_needle;
  options->start_row = record->start_row;
  options->repeat = record->repeat;
  options->first_round = record->rounds_done;
  options->job_id = record->job_id;
}
