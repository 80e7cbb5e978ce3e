/* SPDX-License-Identifier: GPL-3.0-or-later
 * The .stranded format: round trips, strict all-or-nothing loading with
 * messages that name the member and place, atomic saving.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st-edit.h"
#include "st-error.h"
#include "st-test-util.h"

#define HEAD "{\"format\":\"stranded-pattern\",\"version\":1,\"name\":\"t\"," \
             "\"machine\":{\"profile\":\"custom\",\"needles\":4}," \
             "\"gauge\":{\"stitches_per_10cm\":14.0,\"rows_per_10cm\":16.0},"
#define YARNS "\"yarns\":[{\"key\":\"A\",\"name\":\"Cream\",\"color\":\"#f3ecd9\",\"weight\":4}," \
              "{\"key\":\"B\",\"name\":\"Red\",\"color\":\"#9b1b30\",\"weight\":4}],"
#define ROWS "\"rows\":[\"AABB\",\"ABAB\"]"

START_TEST (test_sample_loads)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();

  ck_assert_str_eq (p->profile_id, "sentro-48");
  ck_assert_uint_eq (st_pattern_needles (p), 48);
  ck_assert_uint_eq (st_pattern_rows (p), 60);
  ck_assert_uint_eq (p->n_yarns, 2);
  ck_assert_int_eq (p->yarns[1].key, 'B');
  ck_assert_uint_eq (p->yarns[1].color.red, 0x9b);
  ck_assert_uint_eq (p->repeat_width, 12);
  /* Round 13 is the first cranberry stripe. */
  ck_assert_uint_eq (st_chart_get (p->chart, 12, 0), 1);
  ck_assert_uint_eq (st_chart_get (p->chart, 11, 0), 0);
}
END_TEST

START_TEST (test_round_trip_everything)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  StCatch catches[] = { { 20, 5, 1 }, { 3, 47, 0 } };
  gsize len;

  p->yarns[0].sticky = TRUE;
  g_free (p->yarns[1].fibre);
  p->yarns[1].fibre = g_strdup ("wool \"Shetland\"\n");
  p->float_limit_mm = 30.5;
  p->loop_length_mm = 26;
  p->has_progress = TRUE;
  p->progress_row = 9;
  p->progress_needle = 3;
  st_edit_set_catches (p, NULL, catches, 2);
  st_edit_toggle_duplicate_stitch (p, NULL, 17, 2);
  st_edit_set_name (p, NULL, "Snöflinga / \"hat\"");

  data = st_pattern_to_data (p, &len);
  back = st_pattern_load_data (data, len, "mem", &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert (st_chart_equal (p->chart, back->chart));
  ck_assert_str_eq (back->name, "Snöflinga / \"hat\"");
  ck_assert_str_eq (back->yarns[1].fibre, "wool \"Shetland\"\n");
  ck_assert (back->yarns[0].sticky);
  ck_assert (!back->yarns[1].sticky);
  ck_assert_double_eq_tol (back->float_limit_mm, 30.5, 1e-9);
  ck_assert_double_eq_tol (back->loop_length_mm, 26, 1e-9);
  ck_assert_uint_eq (back->catches->len, 2);
  /* Sorted by round: round 4 first. */
  ck_assert_uint_eq (g_array_index (back->catches, StCatch, 0).row, 3);
  ck_assert_uint_eq (g_array_index (back->catches, StCatch, 0).needle, 47);
  ck_assert_uint_eq (back->duplicate_stitches->len, 1);
  ck_assert (back->has_progress);
  ck_assert_uint_eq (back->progress_row, 9);
  ck_assert_uint_eq (back->repeat_width, 12);

  /* Saving what was loaded gives the same bytes: the format is stable. */
  again = st_pattern_to_data (back, NULL);
  ck_assert_str_eq (again, data);
  /* One row per line keeps diffs readable. */
  ck_assert_ptr_nonnull (strstr (data, "\n    \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\n"));
  ck_assert_ptr_nonnull (strstr (data, "{ \"row\": 4, \"needle\": 48, \"yarn\": \"A\" }"));
}
END_TEST

START_TEST (test_unknown_members_preserved)
{
  const char *text = HEAD "\"x-designer\":{\"tool\":\"pencil\",\"list\":[1,2]}," YARNS ROWS "}";
  g_autoptr(StPattern) p = st_pattern_load_data (text, strlen (text), "mem", NULL);
  g_autofree char *data = NULL;

  ck_assert_ptr_nonnull (p);
  data = st_pattern_to_data (p, NULL);
  ck_assert_ptr_nonnull (strstr (data, "\"x-designer\": {\"tool\":\"pencil\",\"list\":[1,2]}"));
}
END_TEST

typedef struct
{
  const char *text;
  const char *message;   /* expected substring of the error */
  int         code;
} BadFile;

static const BadFile bad_files[] = {
  { "", "mem: the file is empty", ST_ERROR_PARSE },
  { "{\"format\":", "mem:1:11: the JSON ends too early", ST_ERROR_PARSE },
  { "{\n  \"format\": \"stranded-pattern\",\n  \"version\": 1,,\n}", "mem:3:16: malformed JSON", ST_ERROR_PARSE },
  { "{} x", "mem:1:4: ", ST_ERROR_PARSE },
  { "{}\n\n  ", "mem: format: missing", ST_ERROR_INVALID },
  { "[1,2]", "mem: the file holds an array, not a pattern object", ST_ERROR_INVALID },
  { "{\"format\":\"other\",\"version\":1}", "format: 'other' is not a Stranded pattern", ST_ERROR_INVALID },
  { "{\"format\":\"stranded-pattern\"}", "mem: version: missing", ST_ERROR_INVALID },
  { "{\"format\":\"stranded-pattern\",\"version\":\"1\"}", "version: expected a whole number, found a string", ST_ERROR_INVALID },
  { "{\"format\":\"stranded-pattern\",\"version\":2}", "written by a newer Stranded", ST_ERROR_VERSION },
  { "{\"format\":\"stranded-pattern\",\"version\":1," YARNS ROWS "}", "mem: machine: missing", ST_ERROR_INVALID },
  { HEAD "\"rows\":[]}", "mem: yarns: missing", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[]}", "mem: rows: 0 rounds, expected 1 to 20000", ST_ERROR_LIMIT },
  { HEAD YARNS "\"rows\":[\"AAB\"]}", "mem: rows[0]: 3 stitches, expected 4", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"AABB\",\"AAQB\"]}", "mem: rows[1][2]: 'Q' is not a yarn key", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"AABB\",7]}", "mem: rows[1]: expected a string, found a number", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"AAB\xc3\xa9\"]}", "rows[0][3]: '\xc3\xa9' is not a yarn key", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"A\xc3\xa9\"]}", "rows[0]: 2 stitches, expected 4", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"AA\\tB\"]}", "rows[0][2]: '\\x09' is not a yarn key", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"A\",\"name\":\"C\",\"color\":\"#12345\",\"weight\":4}]," ROWS "}",
    "mem: yarns[0].color: '#12345' is not #rrggbb", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"A\",\"name\":\"C\",\"color\":\"#123456\",\"weight\":4},"
         "{\"key\":\"A\",\"name\":\"D\",\"color\":\"#123456\",\"weight\":4}]," ROWS "}",
    "mem: yarns[1].key: 'A' is already the key of yarns[0]", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"AB\",\"name\":\"C\",\"color\":\"#123456\",\"weight\":4}]," ROWS "}",
    "yarns[0].key: 'AB' is not one letter or digit", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"A\",\"name\":\"C\",\"color\":\"#123456\",\"weight\":9}]," ROWS "}",
    "yarns[0].weight: 9 is outside 0 to 7", ST_ERROR_LIMIT },
  { HEAD "\"yarns\":[{\"key\":\"A\",\"color\":\"#123456\",\"weight\":4}]," ROWS "}",
    "yarns[0].name: missing", ST_ERROR_INVALID },
  { HEAD "\"yarns\":{}," ROWS "}", "yarns: expected an array, found an object", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[]," ROWS "}", "yarns: 0 yarns, expected 1 to 32", ST_ERROR_LIMIT },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"knitomatic\",\"needles\":4}}",
    "machine.profile: unknown machine profile 'knitomatic'", ST_ERROR_PROFILE },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"sentro-48\",\"needles\":40}}",
    "machine.needles: sentro-48 has 48 needles on its cylinder", ST_ERROR_PROFILE },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":4000}}",
    "machine.needles: 4000 is outside 1 to 1024", ST_ERROR_LIMIT },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"kniterate\",\"needles\":600}}",
    "600 stitches do not fit kniterate, which knits at most 504", ST_ERROR_PROFILE },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":4},"
    "\"gauge\":{\"stitches_per_10cm\":0,\"rows_per_10cm\":16}}", "gauge.stitches_per_10cm: 0 is outside 1 to 200", ST_ERROR_LIMIT },
  { HEAD YARNS ROWS ",\"catches\":[{\"row\":3,\"needle\":1,\"yarn\":\"A\"}]}",
    "catches[0].row: 3 is outside 1 to 2", ST_ERROR_LIMIT },
  { HEAD YARNS ROWS ",\"catches\":[{\"row\":1,\"needle\":1,\"yarn\":\"Z\"}]}",
    "catches[0].yarn: 'Z' is not a yarn key", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"duplicate_stitches\":[{\"row\":1}]}",
    "duplicate_stitches[0].needle: missing", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"progress\":{\"row\":1,\"needle\":5}}", "progress.needle: 5 is outside 1 to 4", ST_ERROR_LIMIT },
  { HEAD YARNS ROWS ",\"repeat\":{\"width\":0}}", "repeat.width: 0 is outside 1 to 4", ST_ERROR_LIMIT },
  { HEAD YARNS ROWS ",\"float_limit_mm\":\"25\"}", "float_limit_mm: expected a number, found a string", ST_ERROR_INVALID },
  { "\xff\xfe{}", "mem:1:1: not UTF-8 text", ST_ERROR_PARSE },
  { "null", "mem: the file holds null, not a pattern object", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"catches\":[{\"row\":1,\"needle\":2,\"yarn\":null}]}",
    "mem: catches[0].yarn: null is not a value here", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"notes\":null}", "mem: notes: null is not a value here", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"progress\":null}", "mem: progress: null is not a value here", ST_ERROR_INVALID },
  { HEAD YARNS "\"rows\":[\"AABB\",null]}", "mem: rows[1]: expected a string, found null", ST_ERROR_INVALID },
  /* A NUL is refused in every string member: kept, it would cut the string
   * on the next save without a word. */
  { "{\"format\":\"stranded-pattern\\u0000x\",\"version\":1}",
    "mem: format: contains a NUL character (\\u0000)", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"notes\":\"a\\u0000b\"}", "mem: notes: contains a NUL character", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"A\\u0000\",\"name\":\"C\",\"color\":\"#123456\",\"weight\":4},"
         "{\"key\":\"B\",\"name\":\"D\",\"color\":\"#123456\",\"weight\":4}]," ROWS "}",
    "mem: yarns[0].key: contains a NUL character", ST_ERROR_INVALID },
  { HEAD "\"yarns\":[{\"key\":\"A\",\"name\":\"C\\u0000\",\"color\":\"#123456\",\"weight\":4},"
         "{\"key\":\"B\",\"name\":\"D\",\"color\":\"#123456\",\"weight\":4}]," ROWS "}",
    "mem: yarns[0].name: contains a NUL character", ST_ERROR_INVALID },
  { HEAD YARNS ROWS ",\"catches\":[{\"row\":1,\"needle\":2,\"yarn\":\"B\\u0000\"}]}",
    "mem: catches[0].yarn: contains a NUL character", ST_ERROR_INVALID },
  /* Numbers out of range are named as the file writes them. */
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":1e30}}",
    "mem: machine.needles: 1e30 is outside 1 to 1024", ST_ERROR_LIMIT },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":48.5}}",
    "mem: machine.needles: 48.5 is not a whole number", ST_ERROR_INVALID },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":-7}}",
    "mem: machine.needles: -7 is outside 1 to 1024", ST_ERROR_LIMIT },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":9223372036854775808}}",
    "mem: machine.needles: 9223372036854775808 is outside 1 to 1024", ST_ERROR_LIMIT },
  /* json-c keeps no text for a whole number beyond 64 bits. */
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":100000000000000000000000}}",
    "mem: machine.needles: a number far outside 1 to 1024", ST_ERROR_LIMIT },
  { "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":4},"
    "\"gauge\":{\"stitches_per_10cm\":1E300,\"rows_per_10cm\":16}}",
    "gauge.stitches_per_10cm: 1E300 is outside 1 to 200", ST_ERROR_LIMIT },
  { HEAD YARNS ROWS ",\"catches\":[{\"row\":1.25,\"needle\":1,\"yarn\":\"A\"}]}",
    "mem: catches[0].row: 1.25 is not a whole number", ST_ERROR_INVALID },
  /* A byte order mark is skipped, and places are counted after it. */
  { "\xef\xbb\xbf{\"format\":,}", "mem:1:11: malformed JSON", ST_ERROR_PARSE },
  { "\xef\xbb\xbf", "mem: the file is empty", ST_ERROR_PARSE },
  { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "malformed JSON", ST_ERROR_PARSE },
};

START_TEST (test_malformed_files)
{
  const BadFile *bad = &bad_files[_i];
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (bad->text, strlen (bad->text), "mem", &error);

  ck_assert_msg (p == NULL, "case %d loaded", _i);
  ck_assert_msg (strstr (error->message, bad->message) != NULL,
                 "case %d: expected '%s' in '%s'", _i, bad->message, error->message);
  ck_assert_msg (error->code == bad->code, "case %d: code %d, expected %d (%s)", _i,
                 error->code, bad->code, error->message);
}
END_TEST

START_TEST (test_not_text_file)
{
  const char data[] = "{\"format\"\0\x01\x02";
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (data, sizeof data, "photo.jpg", &error);

  ck_assert_ptr_null (p);
  ck_assert_str_eq (error->message,
                    "photo.jpg: not a text file (it contains NUL bytes); a pattern is JSON text");
}
END_TEST

START_TEST (test_oversized_refused_before_reading)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.stranded", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: large on paper, nothing read. */
  ck_assert (fseek (f, ST_MAX_FILE_BYTES + 10, SEEK_SET) == 0);
  fputc ('}', f);
  fclose (f);
  p = st_pattern_load_file (path, &error);
  ck_assert_ptr_null (p);
  ck_assert_ptr_nonnull (strstr (error->message, "larger than a pattern can be"));
  ck_assert_ptr_nonnull (strstr (error->message, path));
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_missing_file_named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_file ("/nonexistent/hat.stranded", &error);

  ck_assert_ptr_null (p);
  ck_assert_ptr_nonnull (strstr (error->message, "/nonexistent/hat.stranded"));
}
END_TEST

START_TEST (test_save_atomic_keeps_permissions)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.stranded", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.stranded", NULL);
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  struct stat st;
  guint entries = 0;

  ck_assert (st_pattern_save_file (p, path, &error));
  ck_assert (chmod (path, 0640) == 0);
  st_edit_set_stitch (p, NULL, 0, 0, 1);
  ck_assert (st_pattern_save_file (p, path, &error));
  ck_assert (stat (path, &st) == 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0640);

  /* Saving through a symbolic link_path replaces the file it points to. */
  ck_assert (symlink ("hat.stranded", link_path) == 0);
  st_edit_set_stitch (p, NULL, 0, 1, 1);
  ck_assert (st_pattern_save_file (p, link_path, &error));
  ck_assert (lstat (link_path, &st) == 0 && S_ISLNK (st.st_mode));
  back = st_pattern_load_file (path, &error);
  ck_assert_ptr_nonnull (back);
  ck_assert_uint_eq (st_chart_get (back->chart, 0, 1), 1);

  /* No temporary files are left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    entries++;
  ck_assert_uint_eq (entries, 2);

  g_unlink (link_path);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* Creates @name in @dir, last written @age_s seconds ago. */
static char *
leftover (const char *dir,
          const char *name,
          gint64      age_s)
{
  char *path = g_build_filename (dir, name, NULL);
  struct timespec times[2];

  ck_assert (g_file_set_contents (path, "{\"format\":", -1, NULL));
  times[0].tv_sec = times[1].tv_sec = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  times[0].tv_nsec = times[1].tv_nsec = 0;
  ck_assert (utimensat (AT_FDCWD, path, times, 0) == 0);
  return path;
}

/* A save killed midway leaves its temporary file; the next save of the
 * same file deletes it once it is old, and nothing else. */
START_TEST (test_save_removes_stale_temporaries)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.stranded", NULL);
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GError) error = NULL;
  const char *const names[] = {
    ".hat.stranded.a1B2c3",     /* stale: goes */
    ".hat.stranded.Zz9yX8",     /* fresh: a save under way, stays */
    ".hat.stranded.a1B2c3d",    /* not one of ours: 7 characters */
    ".hat.stranded.a1-2c3",     /* not one of ours */
    ".cap.stranded.a1B2c3",     /* another file's: its own save cleans it */
    "hat.stranded.a1B2c3",      /* not hidden */
  };
  gint64 ages[] = { 2 * 60 * 60, 10, 2 * 60 * 60, 2 * 60 * 60, 2 * 60 * 60, 2 * 60 * 60 };
  char *paths[G_N_ELEMENTS (names)];

  ck_assert (st_pattern_save_file (p, path, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    paths[i] = leftover (dir, names[i], ages[i]);
  ck_assert (st_pattern_save_file (p, path, &error));
  ck_assert (!g_file_test (paths[0], G_FILE_TEST_EXISTS));
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    ck_assert_msg (g_file_test (paths[i], G_FILE_TEST_EXISTS), "%s was deleted", names[i]);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_save_failure_reports_path)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GError) error = NULL;

  ck_assert (!st_pattern_save_file (p, "/nonexistent-dir/hat.stranded", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "/nonexistent-dir/hat.stranded"));
}
END_TEST

START_TEST (test_largest_chart_round_trip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_new (st_profiles_lookup ("custom"), 1024, 20000, &error);
  g_autoptr(StPattern) back = NULL;
  g_autofree char *data = NULL;
  gsize len;

  ck_assert_ptr_nonnull (p);
  for (gsize i = 0; i < (gsize) 1024 * 20000; i += 7)
    p->chart->cells[i] = 1;
  data = st_pattern_to_data (p, &len);
  ck_assert_uint_lt (len, ST_MAX_FILE_BYTES);
  back = st_pattern_load_data (data, len, "big", &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert (st_chart_equal (p->chart, back->chart));
}
END_TEST

/* @count copies of @unit, for names measured in characters. */
static char *
repeat_text (const char *unit,
             guint       count)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static StPattern *
load_with_names (const char  *name,
                 const char  *yarn_name,
                 const char  *fibre,
                 GError     **error)
{
  g_autofree char *text = g_strdup_printf (
      "{\"format\":\"stranded-pattern\",\"version\":1,\"name\":\"%s\","
      "\"machine\":{\"profile\":\"custom\",\"needles\":4},"
      "\"gauge\":{\"stitches_per_10cm\":14.0,\"rows_per_10cm\":16.0},"
      "\"yarns\":[{\"key\":\"A\",\"name\":\"%s\",\"color\":\"#f3ecd9\",\"weight\":4,"
      "\"fibre\":\"%s\"},{\"key\":\"B\",\"name\":\"Red\",\"color\":\"#9b1b30\",\"weight\":4}],"
      ROWS "}", name, yarn_name, fibre);

  return st_pattern_load_data (text, strlen (text), "mem", error);
}

/* The limits are in characters: 200 two-byte characters are 400 bytes. */
START_TEST (test_name_limits_count_characters)
{
  g_autofree char *e200 = repeat_text ("\xc3\xa9", 200);
  g_autofree char *e201 = repeat_text ("\xc3\xa9", 201);
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = load_with_names (e200, e200, e200, &error);
  StPattern *refused;

  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (p->name, e200);
  ck_assert_str_eq (p->yarns[0].name, e200);
  ck_assert_str_eq (p->yarns[0].fibre, e200);

  refused = load_with_names (e201, "Cream", "wool", &error);
  ck_assert_ptr_null (refused);
  ck_assert_str_eq (error->message, "mem: name: longer than 200 characters");
  g_clear_error (&error);
  refused = load_with_names ("t", e201, "wool", &error);
  ck_assert_ptr_null (refused);
  ck_assert_str_eq (error->message, "mem: yarns[0].name: a yarn name has 1 to 200 characters");
  g_clear_error (&error);
  refused = load_with_names ("t", "Cream", e201, &error);
  ck_assert_ptr_null (refused);
  ck_assert_str_eq (error->message, "mem: yarns[0].fibre: longer than 200 characters");
}
END_TEST

/* A long name is cut between characters, so the saved file opens again. */
START_TEST (test_long_name_saved_and_loaded)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StPattern) back = NULL;
  g_autoptr(StHistory) history = st_history_new (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *e150 = repeat_text ("\xc3\xa9", 150);
  g_autofree char *e250 = repeat_text ("\xc3\xa9", 250);
  g_autofree char *long_name = g_strconcat ("a", e150, NULL);
  g_autofree char *longer_name = g_strconcat ("a", e250, NULL);
  g_autofree char *data = NULL;
  gsize len;

  /* 301 bytes: a cut at 200 bytes would split an é. */
  ck_assert (st_edit_set_name (p, NULL, long_name));
  ck_assert_str_eq (p->name, long_name);
  data = st_pattern_to_data (p, &len);
  back = st_pattern_load_data (data, len, "mem", &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (back->name, long_name);

  ck_assert (st_edit_set_name (p, history, longer_name));
  ck_assert (g_utf8_validate (p->name, -1, NULL));
  ck_assert_int_eq (g_utf8_strlen (p->name, -1), ST_MAX_NAME_LENGTH);
  ck_assert (g_str_has_prefix (longer_name, p->name));
  /* The same name again changes nothing, so it is no undo step. */
  ck_assert (!st_edit_set_name (p, history, longer_name));
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);

  g_clear_pointer (&data, g_free);
  g_clear_pointer (&back, st_pattern_free);
  data = st_pattern_to_data (p, &len);
  back = st_pattern_load_data (data, len, "mem", &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (back->name, p->name);

  /* Text that is not UTF-8 (a name from the command line) stays readable. */
  ck_assert (st_edit_set_name (p, NULL, "Hut \xe9t\xe9"));
  ck_assert (g_utf8_validate (p->name, -1, NULL));
}
END_TEST

/* Some Windows editors start a UTF-8 file with a byte order mark. */
START_TEST (test_byte_order_mark_skipped)
{
  const char *text = "\xef\xbb\xbf" HEAD YARNS ROWS "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (text, strlen (text), "mem", &error);
  g_autofree char *data = NULL;

  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (p->name, "t");
  /* Saving writes plain UTF-8, as Stranded always does. */
  data = st_pattern_to_data (p, NULL);
  ck_assert (g_str_has_prefix (data, "{\n"));
}
END_TEST

/* Some tools write every number with a fraction: 4.0 is still 4. */
START_TEST (test_whole_numbers_written_as_decimals)
{
  const char *text = "{\"format\":\"stranded-pattern\",\"version\":1,\"name\":\"t\","
                     "\"machine\":{\"profile\":\"custom\",\"needles\":4.0},"
                     "\"gauge\":{\"stitches_per_10cm\":14,\"rows_per_10cm\":16}," YARNS ROWS ","
                     "\"catches\":[{\"row\":2.0,\"needle\":4e0,\"yarn\":\"B\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (text, strlen (text), "mem", &error);

  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (st_pattern_needles (p), 4);
  ck_assert_uint_eq (p->catches->len, 1);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).row, 1);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).needle, 3);
}
END_TEST

/* A mark given twice is one mark: it is kept, printed and saved once. */
START_TEST (test_duplicate_marks_merged)
{
  const char *text = HEAD YARNS ROWS ","
    "\"catches\":[{\"row\":2,\"needle\":3,\"yarn\":\"B\"},{\"row\":1,\"needle\":2,\"yarn\":\"B\"},"
    "{\"row\":2,\"needle\":3,\"yarn\":\"B\"},{\"row\":2,\"needle\":3,\"yarn\":\"A\"},"
    "{\"row\":1,\"needle\":2,\"yarn\":\"B\"}],"
    "\"duplicate_stitches\":[{\"row\":2,\"needle\":1},{\"row\":1,\"needle\":4},{\"row\":2,\"needle\":1}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (text, strlen (text), "mem", &error);
  g_autofree char *data = NULL;
  const StCatch *c;
  const StStitchRef *d;

  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  /* By round, then needle, then yarn (in palette order). */
  ck_assert_uint_eq (p->catches->len, 3);
  c = &g_array_index (p->catches, StCatch, 0);
  ck_assert (c->row == 0 && c->needle == 1 && c->yarn == 1);
  c = &g_array_index (p->catches, StCatch, 1);
  ck_assert (c->row == 1 && c->needle == 2 && c->yarn == 0);
  c = &g_array_index (p->catches, StCatch, 2);
  ck_assert (c->row == 1 && c->needle == 2 && c->yarn == 1);
  ck_assert_uint_eq (p->duplicate_stitches->len, 2);
  d = &g_array_index (p->duplicate_stitches, StStitchRef, 0);
  ck_assert (d->row == 0 && d->needle == 3);
  d = &g_array_index (p->duplicate_stitches, StStitchRef, 1);
  ck_assert (d->row == 1 && d->needle == 0);

  data = st_pattern_to_data (p, NULL);
  ck_assert_ptr_nonnull (strstr (data, "\"catches\": [\n"
                                       "    { \"row\": 1, \"needle\": 2, \"yarn\": \"B\" },\n"
                                       "    { \"row\": 2, \"needle\": 3, \"yarn\": \"A\" },\n"
                                       "    { \"row\": 2, \"needle\": 3, \"yarn\": \"B\" }\n  ],"));
  ck_assert_ptr_nonnull (strstr (data, "\"duplicate_stitches\": [\n"
                                       "    { \"row\": 1, \"needle\": 4 },\n"
                                       "    { \"row\": 2, \"needle\": 1 }\n  ],"));
}
END_TEST

/* Unknown members are kept as they are, a NUL inside their strings too. */
START_TEST (test_unknown_member_keeps_nul)
{
  const char *text = HEAD "\"x-note\":\"a\\u0000b\"," YARNS ROWS "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_load_data (text, strlen (text), "mem", &error);
  g_autofree char *data = NULL;

  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  data = st_pattern_to_data (p, NULL);
  ck_assert_ptr_nonnull (strstr (data, "\"x-note\": \"a\\u0000b\""));
}
END_TEST

static Suite *
file_suite (void)
{
  Suite *s = suite_create ("file");
  TCase *tc = tcase_create ("format");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_sample_loads);
  tcase_add_test (tc, test_round_trip_everything);
  tcase_add_test (tc, test_unknown_members_preserved);
  tcase_add_loop_test (tc, test_malformed_files, 0, G_N_ELEMENTS (bad_files));
  tcase_add_test (tc, test_not_text_file);
  tcase_add_test (tc, test_oversized_refused_before_reading);
  tcase_add_test (tc, test_missing_file_named);
  tcase_add_test (tc, test_save_atomic_keeps_permissions);
  tcase_add_test (tc, test_save_removes_stale_temporaries);
  tcase_add_test (tc, test_save_failure_reports_path);
  tcase_add_test (tc, test_largest_chart_round_trip);
  tcase_add_test (tc, test_name_limits_count_characters);
  tcase_add_test (tc, test_long_name_saved_and_loaded);
  tcase_add_test (tc, test_byte_order_mark_skipped);
  tcase_add_test (tc, test_whole_numbers_written_as_decimals);
  tcase_add_test (tc, test_duplicate_marks_merged);
  tcase_add_test (tc, test_unknown_member_keeps_nul);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (file_suite ());
}
