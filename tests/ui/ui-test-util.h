/* SPDX-License-Identifier: GPL-3.0-or-later
 * ui-test-util.h: what every GTK test shares: a scratch home, the display
 * check (exit 77 without one), a private application instance, running
 * the main loop a little, and running a suite without forking (forks
 * would share one X connection).
 */
#pragma once

#include <check.h>
#include <gtk/gtk.h>
#include <stdlib.h>

#include "st-application.h"

#define ST_UI_TEST_SKIP 77

/* Runs pending main-loop work and lets timers fire for about 50 ms. */
static inline void
st_ui_test_iterate (void)
{
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Points the XDG folders (state: autosaves and job records; data: recent
 * files; config; runtime: ports) at a fresh scratch folder and starts GTK.
 * Returns the folder, or NULL when there is no display. */
static inline char *
st_ui_test_init (const char *name)
{
  static const char *const folders[] = {
    "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("stranded-%s-XXXXXX", name);
  char *tmpdir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, folders[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (folders[i], dir, TRUE);
    }
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests (run them under xvfb-run).\n");
      g_free (tmpdir);
      return NULL;
    }
  return tmpdir;
}

/* A registered application that is its own instance: no session bus. */
static inline StApplication *
st_ui_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  StApplication *app = st_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  return app;
}

/* Runs @suite in this process; returns the exit status. */
static inline int
st_ui_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}

/* The first widget of @type below @root, depth first, or NULL. */
static inline GtkWidget *
st_ui_test_find_widget_of_type (GtkWidget *root,
                                GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = st_ui_test_find_widget_of_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The message dialog transient for @window (a question or an error), or
 * NULL. */
static inline GtkMessageDialog *
st_ui_test_dialog_of (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        return GTK_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Removes the scratch folder. */
static inline void
st_ui_test_cleanup (char *tmpdir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

  if (system (command) != 0)
    g_printerr ("could not remove %s\n", tmpdir);
  g_free (tmpdir);
}

/* The whole main() of a UI test with an application: the scratch folder
 * goes in *@tmpdir and the application in *@app while @make_suite's
 * tests run (both are the test file's globals); exit 77 without a
 * display. */
static inline int
st_ui_test_main (const char      *name,
                 Suite         *(*make_suite) (void),
                 char           **tmpdir,
                 StApplication  **app)
{
  int status;

  *tmpdir = st_ui_test_init (name);
  if (*tmpdir == NULL)
    return ST_UI_TEST_SKIP;
  *app = st_ui_test_app_new ();
  status = st_ui_test_run (make_suite ());
  g_clear_object (app);
  st_ui_test_cleanup (g_steal_pointer (tmpdir));
  return status;
}
