/* SPDX-License-Identifier: GPL-3.0-or-later
 * Benchmark: application start to first frame, against a minimal GTK 4
 * window, both started as fresh processes under the same display. Run it
 * under Xvfb (xvfb-run -a meson test -C build --benchmark bench-start).
 */
#include <gtk/gtk.h>
#include <unistd.h>

#include "st-application.h"
#include "st-bench.h"

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  /* The first frame is on screen: that is all this process was for. */
  _exit (0);
}

static void
watch_first_frame (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_signal_connect (window, "map", G_CALLBACK (watch_first_frame), NULL);
}

static int
run_minimal (void)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Stranded"));
  g_signal_connect (window, "map", G_CALLBACK (watch_first_frame), NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

static int
run_stranded (void)
{
  g_autoptr(StApplication) application = st_application_new ();
  char *argv[] = { (char *) "stranded", NULL };

  /* A private instance: never hand the start to a running Stranded. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) |
                           G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (application), 1, argv);
}

typedef struct
{
  const char *self;
  const char *mode;
} Child;

static void
spawn_child (gpointer data)
{
  const Child *child = data;
  const char *argv[] = { child->self, child->mode, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s did not reach its first frame", child->self, child->mode);
}

int
main (int    argc,
      char **argv)
{
  Child minimal = { argv[0], "--minimal" };
  Child stranded = { argv[0], "--stranded" };
  double base, app;

  if (argc > 1 && g_str_equal (argv[1], "--minimal"))
    return run_minimal ();
  if (argc > 1 && g_str_equal (argv[1], "--stranded"))
    return run_stranded ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-start: no display; run it under xvfb-run\n");
      return 0;
    }
  /* One warm-up each, so both find fonts and icons in the page cache. */
  spawn_child (&minimal);
  spawn_child (&stranded);
  base = st_bench_median (spawn_child, &minimal, 7);
  app = st_bench_median (spawn_child, &stranded, 7);
  st_bench_header ("Application start (baseline: a minimal GTK 4 window)");
  st_bench_row ("start to first frame, sample pattern, 1280x800", app, base);
  return 0;
}
