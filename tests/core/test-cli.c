/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded-cli new, info and machines, run as a user would, with exit codes.
 */
#include <json-c/json.h>

#include "st-test-util.h"


static char *
sample_path (void)
{
  return g_build_filename (TEST_SRCDIR, "..", "data", "samples", "sample-hat.stranded", NULL);
}

START_TEST (test_new_writes_valid_pattern)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sock.stranded", NULL);
  g_autoptr(StPattern) p = NULL;
  StTestRun run = st_test_run_cli ("new", "--machine", "csm-60", "--rows", "90", "--name", "Sock",
                        "--stitches-per-10cm", "32", "-o", path, NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, "");
  p = st_pattern_load_file (path, NULL);
  ck_assert_ptr_nonnull (p);
  ck_assert_str_eq (p->name, "Sock");
  ck_assert_uint_eq (st_pattern_needles (p), 60);
  ck_assert_uint_eq (st_pattern_rows (p), 90);
  ck_assert_double_eq_tol (p->stitches_per_10cm, 32, 1e-9);
  ck_assert_double_eq_tol (p->rows_per_10cm, 47, 1e-9);
  st_test_run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_new_to_stdout_and_errors)
{
  StTestRun run = st_test_run_cli ("new", "--machine", "brother-kh9xx", "--needles", "60", "--rows", "2", NULL);
  g_autoptr(StPattern) p = st_pattern_load_data (run.out, strlen (run.out), "stdout", NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (st_pattern_needles (p), 60);
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--machine is required"));
  ck_assert_ptr_nonnull (strstr (run.err, "sentro-48"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", "--machine", "knitomatic", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "unknown machine 'knitomatic'"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", "--machine", "sentro-48", "--rows", "20001", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "outside 1 to 20000"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", "--machine", "sentro-48", "--needles", "50", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "48 needles"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", "--machine", "custom", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "give the stitches per round"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("new", "--bogus", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--bogus"));
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_info_text)
{
  g_autofree char *path = sample_path ();
  StTestRun run = st_test_run_cli ("info", path, NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "Machine:   Sentro 48-needle (sentro-48)"));
  ck_assert_ptr_nonnull (strstr (run.out, "Needles:   48 stitches per round"));
  ck_assert_ptr_nonnull (strstr (run.out, "Rounds:    60"));
  ck_assert_ptr_nonnull (strstr (run.out, "14.0 stitches and 16.0 rows per 10 cm"));
  ck_assert_ptr_nonnull (strstr (run.out, "Cranberry"));
  ck_assert_ptr_nonnull (strstr (run.out, "336 stitches"));
  st_test_run_clear (&run);
}
END_TEST

/* Counts of one read in the singular: "1 stitch", not "1 stitches". */
START_TEST (test_info_counts_of_one)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "one.stranded", NULL);
  StTestRun run = st_test_run_cli ("new", "--machine", "custom", "--needles", "1", "--rows", "1", "-o", path, NULL);

  ck_assert_int_eq (run.status, 0);
  st_test_run_clear (&run);
  run = st_test_run_cli ("info", path, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "Needles:   1 stitch per round\n"));
  ck_assert_ptr_nonnull (strstr (run.out, "  1 stitch (100.0%)\n"));
  ck_assert_ptr_nonnull (strstr (run.out, "  0 stitches (0.0%)\n"));
  st_test_run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_info_json)
{
  g_autofree char *path = sample_path ();
  StTestRun run = st_test_run_cli ("info", "--json", path, NULL);
  json_object *root = json_tokener_parse (run.out), *yarns, *b;

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (root);
  ck_assert_int_eq (json_object_get_int (json_object_object_get (root, "needles")), 48);
  ck_assert_int_eq (json_object_get_int (json_object_object_get (root, "rows")), 60);
  yarns = json_object_object_get (root, "yarns");
  ck_assert_int_eq (json_object_array_length (yarns), 2);
  b = json_object_array_get_idx (yarns, 1);
  ck_assert_str_eq (json_object_get_string (json_object_object_get (b, "key")), "B");
  ck_assert_int_eq (json_object_get_int (json_object_object_get (b, "stitches")), 336);
  ck_assert_int_eq (json_object_get_int (json_object_object_get (json_object_array_get_idx (yarns, 0),
                                                                  "stitches")), 48 * 60 - 336);
  json_object_put (root);
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_info_bad_input)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.stranded", NULL);
  StTestRun run;

  run = st_test_run_cli ("info", "/nonexistent/hat.stranded", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "stranded-cli info:"));
  ck_assert_ptr_nonnull (strstr (run.err, "/nonexistent/hat.stranded"));
  st_test_run_clear (&run);

  g_file_set_contents (path, "{\"format\":\"stranded-pattern\",\"version\":1,\n\"rows\": [}", -1, NULL);
  run = st_test_run_cli ("info", path, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, path));
  ck_assert_ptr_nonnull (strstr (run.err, ":2:"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("info", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "a pattern FILE is required"));
  st_test_run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_help_version_and_unknown)
{
  static const char *const commands[] = { "new", "info", "machines" };
  StTestRun run = st_test_run_cli ("--version", NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "stranded-cli "));
  st_test_run_clear (&run);

  run = st_test_run_cli ("--help", NULL);
  ck_assert_int_eq (run.status, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    ck_assert_ptr_nonnull (strstr (run.out, commands[i]));
  st_test_run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run = st_test_run_cli (commands[i], "--help", NULL);
      ck_assert_int_eq (run.status, 0);
      ck_assert_ptr_nonnull (strstr (run.out, "Usage:"));
      st_test_run_clear (&run);
    }

  /* The usage line, the options and the description of a command's help
   * come through the catalogue (English here: the tests run with LANGUAGE=C). */
  run = st_test_run_cli ("info", "--help", NULL);
  ck_assert_ptr_nonnull (strstr (run.out, " FILE - show a pattern's machine, size, gauge and yarns\n"));
  ck_assert_ptr_nonnull (strstr (run.out, "Print one JSON object"));
  ck_assert_ptr_nonnull (strstr (run.out, "Shows the machine, size, gauge and yarns of a pattern."));
  st_test_run_clear (&run);
  run = st_test_run_cli ("new", "--help", NULL);
  ck_assert_ptr_nonnull (strstr (run.out, "--machine=ID"));
  ck_assert_ptr_nonnull (strstr (run.out, "Machine profile (see stranded-cli machines)"));
  st_test_run_clear (&run);

  run = st_test_run_cli ("knit", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "'knit' is not a command"));
  st_test_run_clear (&run);

  run = st_test_run_cli (NULL);
  ck_assert_int_eq (run.status, 2);
  st_test_run_clear (&run);
}
END_TEST

START_TEST (test_machines_lists_profiles)
{
  StTestRun run = st_test_run_cli ("machines", NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "sentro-48"));
  ck_assert_ptr_nonnull (strstr (run.out, "brother-kh9xx"));
  ck_assert_ptr_nonnull (strstr (run.out, "kniterate"));
  ck_assert_ptr_nonnull (strstr (run.out, "estimate"));
  st_test_run_clear (&run);
}
END_TEST

static Suite *
cli_suite (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("pattern commands");

  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_new_writes_valid_pattern);
  tcase_add_test (tc, test_new_to_stdout_and_errors);
  tcase_add_test (tc, test_info_text);
  tcase_add_test (tc, test_info_counts_of_one);
  tcase_add_test (tc, test_info_json);
  tcase_add_test (tc, test_info_bad_input);
  tcase_add_test (tc, test_help_version_and_unknown);
  tcase_add_test (tc, test_machines_lists_profiles);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (cli_suite ());
}
