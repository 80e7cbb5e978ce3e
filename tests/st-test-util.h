/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-test-util.h: helpers shared by the Check suites. Header-only so each
 * suite stays one file.
 */
#pragma once

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "st-pattern.h"
#include "st-pattern-file.h"

/* A pattern for @profile_id whose round 1 is rows[0]; each character is a
 * yarn key among @keys (yarns get distinct colours and weight 4). */
static inline StPattern *
st_test_pattern (const char        *profile_id,
                 const char        *keys,
                 const char *const *rows,
                 guint              n_rows)
{
  static const char *const colors[] = {
    "#f3ecd9", "#9b1b30", "#1b4f9b", "#2e7d32", "#f9a825", "#6a1b9a", "#212121", "#ff7043",
  };
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  StPattern *pattern;

  g_string_append_printf (json, "{\"format\":\"stranded-pattern\",\"version\":1,\"name\":\"test\","
                                "\"machine\":{\"profile\":\"%s\",\"needles\":%zu},"
                                "\"gauge\":{\"stitches_per_10cm\":14,\"rows_per_10cm\":16},"
                                "\"yarns\":[", profile_id, strlen (rows[0]));
  for (guint i = 0; keys[i]; i++)
    g_string_append_printf (json, "%s{\"key\":\"%c\",\"name\":\"Yarn %c\",\"color\":\"%s\",\"weight\":4}",
                            i ? "," : "", keys[i], keys[i], colors[i % G_N_ELEMENTS (colors)]);
  g_string_append (json, "],\"rows\":[");
  for (guint r = 0; r < n_rows; r++)
    g_string_append_printf (json, "%s\"%s\"", r ? "," : "", rows[r]);
  g_string_append (json, "]}");

  pattern = st_pattern_load_data (json->str, json->len, "test", &error);
  if (pattern == NULL)
    ck_abort_msg ("test pattern: %s", error->message);
  return pattern;
}

/* The chart as row strings of yarn keys, round 1 first, joined by '/'. */
static inline char *
st_test_rows_string (const StPattern *pattern)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < st_pattern_rows (pattern); r++)
    {
      if (r > 0)
        g_string_append_c (out, '/');
      for (guint n = 0; n < st_pattern_needles (pattern); n++)
        g_string_append_c (out, pattern->yarns[st_chart_get (pattern->chart, r, n)].key);
    }
  return g_string_free (out, FALSE);
}

/* A fresh temporary folder for one test. */
static inline char *
st_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("stranded-test-XXXXXX", &error);

  if (dir == NULL)
    ck_abort_msg ("tmpdir: %s", error->message);
  return dir;
}

/* What a run of stranded-cli printed and how it exited. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} StTestRun;

/* Runs $STRANDED_CLI with the arguments up to NULL, as a user would. */
static inline StTestRun
st_test_run_cli (const char *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STRANDED_CLI");
  StTestRun run = { 0 };
  int wait_status = 0;
  va_list args;

  ck_assert_msg (cli != NULL, "STRANDED_CLI is not set");
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run.out, &run.err, &wait_status, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (WIFEXITED (wait_status), "stranded-cli %s died (status %d)", first, wait_status);
  run.status = WEXITSTATUS (wait_status);
  return run;
}

static inline void
st_test_run_clear (StTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs a suite and returns the process exit status. */
static inline int
st_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
