/* SPDX-License-Identifier: GPL-3.0-or-later
 * Crash recovery end to end: a child process edits a pattern, autosaves
 * it as the window does, and is killed with SIGKILL. The next start of the
 * application offers the work back; "Recover" opens it, unsaved, linked to
 * its file, with the edit in it. "Discard" on a second crash removes the
 * copy. Exit 77 without a display.
 */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "st-application.h"
#include "st-autosave.h"
#include "st-edit.h"
#include "st-pattern-file.h"
#include "st-test-util.h"
#include "ui-test-util.h"
#include "st-window.h"

static char *tmpdir;


/* What a crashed session leaves: the child autosaves an edit of @path's
 * pattern and dies without cleaning up. */
static void
crash_after_editing (const char *path,
                     guint       row,
                     guint       needle)
{
  pid_t child = fork ();
  int status;

  ck_assert_int_ge (child, 0);
  if (child == 0)
    {
      g_autoptr(StPattern) pattern = st_pattern_load_file (path, NULL);
      g_autoptr(GFile) origin = g_file_new_for_path (path);
      g_autofree char *copy = st_autosave_new_path (NULL);

      if (pattern == NULL || copy == NULL)
        _exit (2);
      st_edit_set_stitch (pattern, NULL, row, needle, 1);
      if (!st_autosave_write (copy, pattern, origin, NULL))
        _exit (3);
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  ck_assert_int_eq (waitpid (child, &status, 0), child);
  ck_assert (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
}

/* Starts a fresh application instance as a new session would and returns
 * the recovery question it asks. */
static GtkDialog *
start_and_find_offer (StApplication **app_out)
{
  StApplication *app = st_application_new ();
  g_autoptr(GError) error = NULL;
  GListModel *toplevels;
  GtkDialog *offer = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  ck_assert_msg (g_application_register (G_APPLICATION (app), NULL, &error), "%s",
                 error ? error->message : "");
  g_application_activate (G_APPLICATION (app));
  st_ui_test_iterate ();

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        offer = GTK_DIALOG (toplevel);
    }
  *app_out = app;
  return offer;
}

static void
quit_app (StApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (ST_IS_WINDOW (l->data))
        st_document_set_modified (st_window_get_document (l->data), FALSE);
      gtk_window_destroy (GTK_WINDOW (l->data));
    }
  g_list_free (windows);
  st_ui_test_iterate ();
  g_object_unref (app);
}

START_TEST (test_recover_after_sigkill)
{
  g_autofree char *path = g_build_filename (tmpdir, "hat.stranded", NULL);
  g_autoptr(StPattern) sample = st_pattern_new_sample ();
  g_autoptr(GPtrArray) left = NULL;
  StApplication *app = NULL;
  GtkDialog *offer;
  StWindow *recovered = NULL;
  StPattern *pattern;

  ck_assert (st_pattern_save_file (sample, path, NULL));
  crash_after_editing (path, 30, 7);
  left = st_autosave_list ();
  ck_assert_uint_eq (left->len, 1);

  offer = start_and_find_offer (&app);
  ck_assert_msg (offer != NULL, "no recovery was offered after the crash");
  gtk_dialog_response (offer, GTK_RESPONSE_ACCEPT);
  st_ui_test_iterate ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ST_IS_WINDOW (l->data))
      {
        GFile *file = st_document_get_file (st_window_get_document (l->data));
        g_autoptr(GFile) expected = g_file_new_for_path (path);

        if (file != NULL && g_file_equal (file, expected))
          recovered = l->data;
      }
  ck_assert_msg (recovered != NULL, "the recovered pattern is in no window");
  pattern = st_document_get_pattern (st_window_get_document (recovered));
  /* The edit made before the crash is there, and it is not saved yet. */
  ck_assert_uint_eq (st_chart_get (pattern->chart, 30, 7), 1);
  ck_assert (st_document_get_modified (st_window_get_document (recovered)));
  /* The file on disk is still the one saved before the crash. */
  {
    g_autoptr(StPattern) on_disk = st_pattern_load_file (path, NULL);

    ck_assert_uint_eq (st_chart_get (on_disk->chart, 30, 7), 0);
  }
  quit_app (app);
}
END_TEST

START_TEST (test_discard_removes_copy)
{
  g_autofree char *path = g_build_filename (tmpdir, "sock.stranded", NULL);
  g_autoptr(StPattern) sample = st_pattern_new_sample ();
  g_autoptr(GPtrArray) left = NULL;
  StApplication *app = NULL;
  GtkDialog *offer;

  ck_assert (st_pattern_save_file (sample, path, NULL));
  crash_after_editing (path, 2, 2);
  offer = start_and_find_offer (&app);
  ck_assert_ptr_nonnull (offer);
  gtk_dialog_response (offer, GTK_RESPONSE_REJECT);
  st_ui_test_iterate ();
  left = st_autosave_list ();
  ck_assert_uint_eq (left->len, 0);
  quit_app (app);

  /* Nothing left: the next start asks nothing. */
  offer = start_and_find_offer (&app);
  ck_assert_ptr_null (offer);
  quit_app (app);
}
END_TEST

static Suite *
recovery_suite (void)
{
  Suite *s = suite_create ("ui-recovery");
  TCase *tc = tcase_create ("recovery");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_recover_after_sigkill);
  tcase_add_test (tc, test_discard_removes_copy);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status;

  tmpdir = st_ui_test_init ("recovery");
  if (tmpdir == NULL)
    return ST_UI_TEST_SKIP;
  status = st_ui_test_run (recovery_suite ());
  st_ui_test_cleanup (g_steal_pointer (&tmpdir));
  return status;
}
