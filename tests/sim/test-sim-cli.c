/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded-cli check and catches, run as a user would: the JSON shape,
 * the readable report, exit codes 0/1/2, the risk map and applying
 * catches.
 */
#include <json-c/json.h>
#include <sys/wait.h>

#include "sim-test-util.h"


/* Writes a pattern from row strings to @dir/@name; returns the path. */
static char *
write_pattern (const char        *dir,
               const char        *name,
               const char        *keys,
               const char *const *rows,
               guint              n_rows)
{
  g_autoptr(StPattern) p = st_test_pattern ("custom", keys, rows, n_rows);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  ck_assert_msg (st_pattern_save_file (p, path, &error), "%s", error ? error->message : "");
  return path;
}

static json_object *
member (json_object *object,
        const char  *key)
{
  json_object *value = NULL;

  ck_assert_msg (json_object_object_get_ex (object, key, &value), "no member \"%s\"", key);
  return value;
}

static gint64
int_member (json_object *object,
            const char  *key)
{
  json_object *value = member (object, key);

  ck_assert_msg (json_object_is_type (value, json_type_int), "\"%s\" is not an integer", key);
  return json_object_get_int64 (value);
}

static double
double_member (json_object *object,
               const char  *key)
{
  json_object *value = member (object, key);

  ck_assert_msg (json_object_is_type (value, json_type_double) ||
                 json_object_is_type (value, json_type_int), "\"%s\" is not a number", key);
  return json_object_get_double (value);
}

static const char *
string_member (json_object *object,
               const char  *key)
{
  json_object *value = member (object, key);

  ck_assert_msg (json_object_is_type (value, json_type_string), "\"%s\" is not a string", key);
  return json_object_get_string (value);
}

START_TEST (test_json_clean)
{
  /* One yarn used, 12 x 3: only the cast-on and cast-off notes; exit 0. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA" };
  g_autofree char *path = write_pattern (dir, "plain.stranded", "AB", rows, 3);
  StTestRun run = st_test_run_cli ("check", "--json", path, NULL);
  json_object *root = json_tokener_parse (run.out);
  json_object *summary, *findings, *usage, *a;

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (root);
  ck_assert_int_eq (int_member (root, "needles"), 12);
  ck_assert_int_eq (int_member (root, "rows"), 3);
  ck_assert_int_eq (int_member (root, "float_limit_stitches"), 3);
  ck_assert_double_eq (double_member (root, "float_limit_mm"), 25.0);
  summary = member (root, "summary");
  ck_assert_int_eq (int_member (summary, "errors"), 0);
  ck_assert_int_eq (int_member (summary, "warnings"), 0);
  ck_assert_int_eq (int_member (summary, "infos"), 2);
  ck_assert_int_eq (int_member (summary, "max_float_stitches"), 0);
  findings = member (root, "findings");
  ck_assert_int_eq (json_object_array_length (findings), 2);
  ck_assert_str_eq (string_member (json_object_array_get_idx (findings, 0), "rule"), "cast-on");
  ck_assert_str_eq (string_member (json_object_array_get_idx (findings, 1), "rule"), "cast-off");
  usage = member (root, "yarn_usage");
  ck_assert_int_eq (json_object_array_length (usage), 2);
  a = json_object_array_get_idx (usage, 0);
  ck_assert_str_eq (string_member (a, "yarn"), "A");
  ck_assert_int_eq (int_member (a, "stitches"), 36);
  /* 36 x 27.142857 mm x 1.1 = 1.0749 m, printed to 0.1 m. */
  ck_assert_double_eq (double_member (a, "meters"), 1.1);
  ck_assert_int_eq (json_object_array_length (member (root, "catch_proposals")), 0);
  json_object_put (root);
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_json_errors)
{
  /* A floats 7 behind needles 2-8 (limit 3): an error, exit 1. B in round
   * 1 and in the last round: cast-on and cast-off warnings. The proposal
   * is the middle, needle 5. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "ABBBBBBBAAAA" };
  g_autofree char *path = write_pattern (dir, "float.stranded", "AB", rows, 1);
  StTestRun run = st_test_run_cli ("check", "--json", path, NULL);
  json_object *root = json_tokener_parse (run.out);
  json_object *summary, *findings, *f, *proposals, *c;

  ck_assert_int_eq (run.status, 1);
  ck_assert_ptr_nonnull (root);
  summary = member (root, "summary");
  ck_assert_int_eq (int_member (summary, "errors"), 1);
  ck_assert_int_eq (int_member (summary, "warnings"), 2);
  ck_assert_int_eq (int_member (summary, "infos"), 0);
  ck_assert_int_eq (int_member (summary, "max_float_stitches"), 7);
  findings = member (root, "findings");
  ck_assert_int_eq (json_object_array_length (findings), 3);
  f = json_object_array_get_idx (findings, 0);
  ck_assert_str_eq (string_member (f, "rule"), "float-long");
  ck_assert_str_eq (string_member (f, "severity"), "error");
  ck_assert_int_eq (int_member (f, "row"), 1);
  ck_assert_int_eq (int_member (f, "needle"), 2);
  ck_assert_str_eq (string_member (f, "yarn"), "A");
  ck_assert_int_eq (int_member (f, "length_stitches"), 7);
  ck_assert_double_eq (double_member (f, "length_mm"), 50.0);
  ck_assert_ptr_nonnull (strstr (string_member (f, "message"), "floats 7 stitches (50.0 mm)"));
  f = json_object_array_get_idx (findings, 1);
  ck_assert_str_eq (string_member (f, "rule"), "cast-on");
  ck_assert_str_eq (string_member (f, "severity"), "warning");
  ck_assert (json_object_is_type (member (f, "yarn"), json_type_string));
  proposals = member (root, "catch_proposals");
  ck_assert_int_eq (json_object_array_length (proposals), 1);
  c = json_object_array_get_idx (proposals, 0);
  ck_assert_int_eq (int_member (c, "row"), 1);
  ck_assert_int_eq (int_member (c, "needle"), 5);
  ck_assert_str_eq (string_member (c, "yarn"), "A");
  json_object_put (root);
  st_test_run_clear (&run);

  /* At 60 mm the limit is 5 (8 by length, capped): the float of 7 only
   * warns, so no error: exit 0. */
  run = st_test_run_cli ("check", "--json", "--float-limit-mm", "60", path, NULL);
  root = json_tokener_parse (run.out);
  ck_assert_int_eq (run.status, 0);
  ck_assert_int_eq (int_member (root, "float_limit_stitches"), 5);
  ck_assert_double_eq (double_member (root, "float_limit_mm"), 60.0);
  ck_assert_int_eq (int_member (member (root, "summary"), "errors"), 0);
  f = json_object_array_get_idx (member (root, "findings"), 0);
  ck_assert_str_eq (string_member (f, "severity"), "warning");
  json_object_put (root);
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_no_yarn_is_null)
{
  /* manual-change concerns no single yarn: "yarn": null. sentro-22 is
   * needed for one feed; build the file by hand. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "ABABABABAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("sentro-22", "AB", rows, 3);
  g_autofree char *path = g_build_filename (dir, "changes.stranded", NULL);
  g_autoptr(GError) error = NULL;
  json_object *root, *findings;
  gboolean seen = FALSE;
  StTestRun run;

  ck_assert (st_pattern_save_file (p, path, &error));
  run = st_test_run_cli ("check", "--json", path, NULL);
  root = json_tokener_parse (run.out);
  findings = member (root, "findings");
  for (size_t i = 0; i < json_object_array_length (findings); i++)
    {
      json_object *f = json_object_array_get_idx (findings, i);

      if (g_strcmp0 (string_member (f, "rule"), "manual-change") == 0)
        {
          ck_assert (json_object_is_type (member (f, "yarn"), json_type_null));
          ck_assert_int_eq (int_member (f, "count"), 8);
          seen = TRUE;
        }
    }
  ck_assert (seen);
  json_object_put (root);
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_bad_input)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.stranded", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.stranded", NULL);
  const char *rows[] = { "AAAAAAAAAAAA" };
  g_autofree char *good = write_pattern (dir, "good.stranded", "AB", rows, 1);
  StTestRun run;

  run = st_test_run_cli ("check", missing, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "missing.stranded"));
  ck_assert_str_eq (run.out, "");
  st_test_run_clear (&run);

  ck_assert (g_file_set_contents (garbage, "{ not json", -1, NULL));
  run = st_test_run_cli ("check", "--json", garbage, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "garbage.stranded"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("check", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "FILE is required"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("check", "--float-limit-mm", "-3", good, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--float-limit-mm"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("check", "--no-such-option", good, NULL);
  ck_assert_int_eq (run.status, 2);
  st_test_run_clear (&run);

  run = st_test_run_cli ("catches", missing, NULL);
  ck_assert_int_eq (run.status, 2);
  st_test_run_clear (&run);

  run = st_test_run_cli ("check", "--help", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "--risk-map"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("catches", "--help", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "updated in place"));
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_report)
{
  /* The readable report groups by severity and rule, 1-based places. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "AAAAAAAAAAAA", "ABBBBBBBAAAA", "AAAAAAAAAAAA" };
  g_autofree char *path = write_pattern (dir, "report.stranded", "AB", rows, 3);
  StTestRun run = st_test_run_cli ("check", path, NULL);

  ck_assert_int_eq (run.status, 1);
  ck_assert_ptr_nonnull (strstr (run.out, "Errors\n  float-long (1)\n"));
  ck_assert_ptr_nonnull (strstr (run.out, "behind round 2, needles 2-8"));
  ck_assert_ptr_nonnull (strstr (run.out, "Summary: 1 error, 1 warning, 2 notes; longest float 7"));
  ck_assert_ptr_nonnull (strstr (run.out, "1 catch for the long floats"));
  ck_assert (strstr (run.out, "Errors") < strstr (run.out, "Warnings"));
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_risk_map)
{
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "ABBBBBBBAAAA", "AAAAAAAAAAAA" };
  g_autofree char *path = write_pattern (dir, "map.stranded", "AB", rows, 2);
  g_autofree char *png = g_build_filename (dir, "risk.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "risk.png", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  StTestRun run = st_test_run_cli ("check", "--risk-map", png, path, NULL);

  ck_assert_int_eq (run.status, 1);
  ck_assert (g_file_get_contents (png, &data, &length, NULL));
  ck_assert_uint_gt (length, 8);
  ck_assert (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  st_test_run_clear (&run);

  run = st_test_run_cli ("check", "--risk-map", bad, path, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "no-such-dir"));
  st_test_run_clear (&run);

  /* The map is a PNG: a .jpg name would get PNG bytes, so it is refused
   * and nothing is written. */
  {
    g_autofree char *jpg = g_build_filename (dir, "risk.jpg", NULL);

    run = st_test_run_cli ("check", "--risk-map", jpg, path, NULL);
    ck_assert_int_eq (run.status, 2);
    ck_assert_ptr_nonnull (strstr (run.err, "give a file name ending in .png"));
    ck_assert (!g_file_test (jpg, G_FILE_TEST_EXISTS));
    st_test_run_clear (&run);
  }
}
END_TEST

START_TEST (test_catches_command)
{
  /* -o writes the caught pattern elsewhere; without -o the file is updated
   * in place; a second run finds nothing to add and leaves it alone. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "ABBBBBBBAAAA", "AAAAAAAAAAAA" };
  g_autofree char *path = write_pattern (dir, "in.stranded", "AB", rows, 2);
  g_autofree char *out = g_build_filename (dir, "out.stranded", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(StPattern) caught = NULL;
  g_autoptr(StPattern) original = NULL;
  g_autoptr(StCheckResult) r = NULL;
  g_autoptr(GError) error = NULL;
  StTestRun run;

  run = st_test_run_cli ("catches", path, "-o", out, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.err, "Added 1 catch; 0 long floats left."));
  st_test_run_clear (&run);
  caught = st_pattern_load_file (out, &error);
  ck_assert_ptr_nonnull (caught);
  ck_assert_uint_eq (caught->catches->len, 1);
  ck_assert_uint_eq (g_array_index (caught->catches, StCatch, 0).row, 0);
  ck_assert_uint_eq (g_array_index (caught->catches, StCatch, 0).needle, 4);
  ck_assert_uint_eq (g_array_index (caught->catches, StCatch, 0).yarn, 0);
  r = st_check_run (caught, NULL);
  ck_assert_uint_eq (sim_count (r, ST_CHECK_FLOAT_LONG), 0);
  original = st_pattern_load_file (path, &error);
  ck_assert_uint_eq (original->catches->len, 0);

  run = st_test_run_cli ("check", out, NULL);
  ck_assert_int_eq (run.status, 0);
  st_test_run_clear (&run);

  run = st_test_run_cli ("catches", path, NULL);
  ck_assert_int_eq (run.status, 0);
  st_test_run_clear (&run);
  ck_assert (g_file_get_contents (path, &before, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (before, "\"catches\""));
  run = st_test_run_cli ("catches", path, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.err, "no catches to add"));
  st_test_run_clear (&run);
  ck_assert (g_file_get_contents (path, &after, NULL, NULL));
  ck_assert_str_eq (before, after);

  run = st_test_run_cli ("catches", path, "-o", "-", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "\"format\": \"stranded-pattern\""));
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_catches_duplicate_stitches)
{
  /* A lone B in a plain tube becomes a duplicate stitch. */
  g_autofree char *dir = st_test_tmpdir ();
  const char *rows[] = { "AAAAAAAAAAAA", "AAAAABAAAAAA", "AAAAAAAAAAAA" };
  g_autofree char *path = write_pattern (dir, "dot.stranded", "AB", rows, 3);
  g_autofree char *out = g_build_filename (dir, "out.stranded", NULL);
  g_autoptr(StPattern) p = NULL;
  g_autoptr(GError) error = NULL;
  json_object *root;
  json_object *d;
  StTestRun run = st_test_run_cli ("check", "--json", path, NULL);

  root = json_tokener_parse (run.out);
  d = member (root, "duplicate_stitch_proposals");
  ck_assert_int_eq (json_object_array_length (d), 1);
  ck_assert_int_eq (int_member (json_object_array_get_idx (d, 0), "row"), 2);
  ck_assert_int_eq (int_member (json_object_array_get_idx (d, 0), "needle"), 6);
  ck_assert_str_eq (string_member (json_object_array_get_idx (d, 0), "yarn"), "B");
  json_object_put (root);
  st_test_run_clear (&run);

  run = st_test_run_cli ("catches", "--duplicate-stitches", path, "-o", out, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.err, "Marked 1 isolated stitch as duplicate stitch."));
  st_test_run_clear (&run);
  p = st_pattern_load_file (out, &error);
  ck_assert_ptr_nonnull (p);
  ck_assert (st_pattern_has_duplicate_stitch (p, 1, 5));
}
END_TEST

START_TEST (test_sample_exit)
{
  /* The shipped sample hat has long floats (warnings) but no errors. */
  g_autofree char *sample = g_build_filename (TEST_SRCDIR, "..", "data", "samples",
                                              "sample-hat.stranded", NULL);
  StTestRun run = st_test_run_cli ("check", "--json", sample, NULL);
  json_object *root = json_tokener_parse (run.out);

  ck_assert_int_eq (run.status, 0);
  ck_assert_int_eq (int_member (member (root, "summary"), "errors"), 0);
  ck_assert_int_eq (int_member (member (root, "summary"), "max_float_stitches"), 5);
  ck_assert_int_eq (json_object_array_length (member (root, "catch_proposals")), 16);
  json_object_put (root);
  st_test_run_clear (&run);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-cli");
  TCase *tc = tcase_create ("cli");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_json_clean);
  tcase_add_test (tc, test_json_errors);
  tcase_add_test (tc, test_no_yarn_is_null);
  tcase_add_test (tc, test_bad_input);
  tcase_add_test (tc, test_report);
  tcase_add_test (tc, test_risk_map);
  tcase_add_test (tc, test_catches_command);
  tcase_add_test (tc, test_catches_duplicate_stitches);
  tcase_add_test (tc, test_sample_exit);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
