/* SPDX-License-Identifier: GPL-3.0-or-later
 * Crash safety: a process saving a large pattern is killed with SIGKILL at
 * random moments, hundreds of times; the file on disk must always be the
 * complete old or the complete new version.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "st-edit.h"
#include "st-test-util.h"

#define KILLS 300

static StPattern *
version (guint8 yarn,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  StPattern *p = st_pattern_new (st_profiles_lookup ("custom"), 1024, 1500, &error);

  ck_assert_ptr_nonnull (p);
  memset (p->chart->cells, yarn, (gsize) 1024 * 1500);
  st_edit_set_name (p, NULL, name);
  return p;
}

static void
save_forever (const char *path,
              StPattern  *first,
              StPattern  *second)
{
  for (guint i = 0;; i++)
    if (!st_pattern_save_file (i % 2 ? second : first, path, NULL))
      _exit (3);
}

START_TEST (test_sigkill_during_save)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.stranded", NULL);
  g_autoptr(StPattern) a = version (0, "version-a");
  g_autoptr(StPattern) b = version (1, "version-b");
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GDir) listing = NULL;
  guint seen_a = 0, seen_b = 0, kills;
  gint64 save_us;
  const char *name;

  /* Kill within about three saves' time, however fast this machine (or a
   * sanitizer) saves, so the kills land all through the cycle.  Savers take
   * turns at which version they write first: otherwise one version only
   * reaches the disk when a saver outlives two full saves, which a loaded
   * machine rarely allows. */
  {
    gint64 start = g_get_monotonic_time ();

    ck_assert (st_pattern_save_file (a, path, NULL));
    save_us = MAX (g_get_monotonic_time () - start, 1000);
    kills = save_us > 50000 ? MAX (20, (guint) (15 * G_USEC_PER_SEC / save_us)) : KILLS;
  }
  for (guint i = 0; i < kills; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StPattern) on_disk = NULL;
      pid_t child = fork ();
      int status;

      ck_assert_int_ge (child, 0);
      if (child == 0)
        {
          if (i % 2)
            save_forever (path, b, a);
          save_forever (path, a, b);
        }

      g_usleep (g_rand_int_range (rand, 0, (gint32) MIN (3 * save_us, G_MAXINT32)));
      kill (child, SIGKILL);
      ck_assert_int_eq (waitpid (child, &status, 0), child);
      ck_assert_msg (WIFSIGNALED (status), "the saver stopped by itself (status %d)", status);

      on_disk = st_pattern_load_file (path, &error);
      ck_assert_msg (on_disk != NULL, "kill %u left a torn file: %s", i, error->message);
      if (g_str_equal (on_disk->name, "version-a"))
        {
          ck_assert (st_chart_equal (on_disk->chart, a->chart));
          seen_a++;
        }
      else
        {
          ck_assert_str_eq (on_disk->name, "version-b");
          ck_assert (st_chart_equal (on_disk->chart, b->chart));
          seen_b++;
        }
    }
  /* The kills landed at different moments of the cycle. */
  ck_assert_uint_gt (seen_a, 0);
  ck_assert_uint_gt (seen_b, 0);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}
END_TEST

static Suite *
crash_suite (void)
{
  Suite *s = suite_create ("crash-safety");
  TCase *tc = tcase_create ("save");

  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_sigkill_during_save);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (crash_suite ());
}
