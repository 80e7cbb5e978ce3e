/* SPDX-License-Identifier: GPL-3.0-or-later
 * The Send to machine panel under Xvfb, driving real jobs against
 * stranded-emulator over pseudo-terminals: a circular job on a typed port,
 * an AYAB job on the panel's own Emulated machine, and an unplug (the
 * emulator killed mid-job) followed by a resume from the saved job record
 * on a new emulator. Each compares the fabric the emulator knitted with the
 * pattern. Every wait is bounded. Exit 77 without a display.
 */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <string.h>

#include "st-application.h"
#include "st-job-record.h"
#include "st-machine-panel.h"
#include "st-pattern-file.h"
#include "st-test-util.h"
#include "ui-test-util.h"
#include "st-window.h"

#define WAIT_S 20.0

static StApplication *app;
static char *tmpdir;

typedef struct
{
  StMachinePanel *panel;
  StChartView    *chart;
  StPreviewView  *preview;
  GHashTable     *rows_seen;      /* chart rows highlighted during the job */
  GHashTable     *next_seen;      /* "next" texts shown */
  guint           mismatches;     /* preview highlight != chart highlight */
  guint64         last_round;     /* 1-based round of the last progress */
  guint64         last_total;
} Watch;


/* Runs the main loop until @done says so or @seconds pass. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return TRUE;
}

static StWindow *
show_window (StDocument *document)
{
  StWindow *window = st_window_new (GTK_APPLICATION (app), document);
  GtkWidget *chart = GTK_WIDGET (st_window_get_chart_view (window));
  GtkWidget *panel = st_window_get_panel (window, "machine");
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  ck_assert_ptr_nonnull (panel);
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (panel)), panel);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (chart) <= 0 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  ck_assert_int_gt (gtk_widget_get_width (chart), 0);
  st_ui_test_iterate ();
  return window;
}

static void
close_window (StWindow *window)
{
  st_document_set_modified (st_window_get_document (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  st_ui_test_iterate ();
}

static StMachinePanel *
panel_of (StWindow *window)
{
  return ST_MACHINE_PANEL (st_window_get_panel (window, "machine"));
}

static char *
text (StMachinePanel *panel,
      const char     *part)
{
  return st_machine_panel_get_text (panel, part);
}

static void
assert_text (StMachinePanel *panel,
             const char     *part,
             const char     *expected)
{
  g_autofree char *shown = text (panel, part);

  ck_assert_msg (g_strcmp0 (shown, expected) == 0, "%s: “%s”, expected “%s”", part, shown, expected);
}

static gboolean
text_has (StMachinePanel *panel,
          const char     *part,
          const char     *needle)
{
  g_autofree char *shown = text (panel, part);

  return shown != NULL && strstr (shown, needle) != NULL;
}

/* ---- the emulator ----------------------------------------------------------- */

static GSubprocess *
start_emulator (const char        *link,
                const char        *fabric,
                const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *emulator;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  ck_assert_msg (g_getenv ("STRANDED_EMULATOR") != NULL, "STRANDED_EMULATOR is not set");
  g_ptr_array_add (argv, (gpointer) g_getenv ("STRANDED_EMULATOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--keep-running");
  g_ptr_array_add (argv, (gpointer) "--link");
  g_ptr_array_add (argv, (gpointer) link);
  g_ptr_array_add (argv, (gpointer) "--output-txt");
  g_ptr_array_add (argv, (gpointer) fabric);
  g_ptr_array_add (argv, (gpointer) "--timeout");
  g_ptr_array_add (argv, (gpointer) "60");
  g_ptr_array_add (argv, NULL);
  emulator = g_subprocess_newv ((const char *const *) argv->pdata,
                                G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  ck_assert_msg (emulator != NULL, "emulator: %s", error ? error->message : "?");
  while (!g_file_test (link, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (5000);
  ck_assert_msg (g_file_test (link, G_FILE_TEST_EXISTS), "the emulator made no port");
  return emulator;
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* Stops @emulator (SIGTERM: it writes its fabric and exits), waiting at
 * most 10 s. */
static void
stop_emulator (GSubprocess *emulator)
{
  g_subprocess_send_signal (emulator, SIGTERM);
  if (!wait_until (exited, emulator, 10))
    {
      g_subprocess_force_exit (emulator);
      ck_abort_msg ("the emulator did not exit");
    }
}

/* The fabric's rows, comment lines left out, each ending in '\n'. */
static char *
read_fabric (const char *path)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GString *rows = g_string_new (NULL);

  ck_assert_msg (g_file_get_contents (path, &data, NULL, NULL), "no fabric at %s", path);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      g_string_append_printf (rows, "%s\n", lines[i]);
  return g_string_free (rows, FALSE);
}

/* Rounds @first to @last - 1 of @pattern as the emulator writes them: each
 * stitch its yarn index (circular), or 0 for @main_yarn and 1 for the other
 * (ayab: the carriage's two feeders). */
static char *
expected_fabric (const StPattern *pattern,
                 guint            first,
                 guint            last,
                 int              main_yarn)
{
  GString *rows = g_string_new (NULL);

  for (guint r = first; r < last; r++)
    {
      for (guint n = 0; n < st_pattern_needles (pattern); n++)
        {
          guint8 yarn = st_chart_get (pattern->chart, r, n);

          g_string_append_c (rows, main_yarn < 0 ? "0123456789"[yarn] : yarn == main_yarn ? '0' : '1');
        }
      g_string_append_c (rows, '\n');
    }
  return g_string_free (rows, FALSE);
}

/* ---- watching a job ---------------------------------------------------------- */

static void
progress_cb (StMachineLink       *link,
             const StJobProgress *progress,
             Watch               *watch)
{
  gint64 row = st_chart_view_get_highlight_row (watch->chart);

  /* Connected after the panel: what it shows is up to date here. */
  g_hash_table_add (watch->next_seen, text (watch->panel, "next"));
  if (row >= 0)
    g_hash_table_add (watch->rows_seen, GINT_TO_POINTER ((int) row + 1));
  if (row != st_preview_view_get_highlight_row (watch->preview))
    watch->mismatches++;
  watch->last_round = MIN (progress->round + 1, progress->total_rounds);
  watch->last_total = progress->total_rounds;
}

static void
watch_init (Watch    *watch,
            StWindow *window)
{
  memset (watch, 0, sizeof *watch);
  watch->panel = panel_of (window);
  watch->chart = st_window_get_chart_view (window);
  watch->preview = st_window_get_preview_view (window);
  watch->rows_seen = g_hash_table_new (NULL, NULL);
  watch->next_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
watch_clear (Watch *watch)
{
  g_hash_table_unref (watch->rows_seen);
  g_hash_table_unref (watch->next_seen);
}

static gboolean
has_link (gpointer data)
{
  return st_machine_panel_get_link (data) != NULL;
}

/* Presses @action, waits for the job's link and watches its progress. */
static StMachineLink *
press_and_watch (Watch      *watch,
                 const char *action)
{
  StMachineLink *link;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (watch->panel), action, NULL));
  ck_assert_msg (wait_until (has_link, watch->panel, 10), "no job started");
  link = st_machine_panel_get_link (watch->panel);
  g_signal_connect (link, "progress", G_CALLBACK (progress_cb), watch);
  return link;
}

static gboolean
link_finished (gpointer data)
{
  return !st_machine_link_is_running (data);
}

static gboolean
rounds_at_least_3 (gpointer data)
{
  return st_machine_link_get_rounds_done (data) >= 3;
}

static gboolean
rounds_at_least_8 (gpointer data)
{
  return st_machine_link_get_rounds_done (data) >= 8;
}

/* Within a line of the end: the last line is in view. */
static gboolean
log_shows_last_line (gpointer data)
{
  GtkAdjustment *scroll = data;

  return gtk_adjustment_get_value (scroll) + gtk_adjustment_get_page_size (scroll) >=
         gtk_adjustment_get_upper (scroll) - 24;
}

/* The control a mnemonic label names, or the check button labelled @label. */
static GtkWidget *
find_control (GtkWidget  *root,
              const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), label) == 0 &&
          gtk_label_get_mnemonic_widget (GTK_LABEL (child)) != NULL)
        return gtk_label_get_mnemonic_widget (GTK_LABEL (child));
      if (GTK_IS_CHECK_BUTTON (child) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_control (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static guint
uint_property (gpointer    object,
               const char *name)
{
  guint value;

  g_object_get (object, name, &value, NULL);
  return value;
}

/* ---- tests ------------------------------------------------------------------- */

START_TEST (test_find_emulator)
{
  g_autofree char *saved = g_strdup (g_getenv ("STRANDED_EMULATOR"));
  g_autofree char *found = NULL, *built = NULL, *missing = NULL;

  ck_assert_ptr_nonnull (saved);
  found = st_machine_find_emulator ();
  ck_assert_str_eq (found, saved);
  /* Without the variable, a program run from the build tree (this test)
   * finds the one built beside it. */
  g_unsetenv ("STRANDED_EMULATOR");
  built = st_machine_find_emulator ();
  ck_assert_str_eq (built, BUILD_EMULATOR);
  g_setenv ("STRANDED_EMULATOR", "/nonexistent/stranded-emulator", TRUE);
  missing = st_machine_find_emulator ();
  ck_assert_ptr_null (missing);
  g_setenv ("STRANDED_EMULATOR", saved, TRUE);
}
END_TEST

START_TEST (test_next_change_in_words)
{
  g_autoptr(StPattern) pattern = st_pattern_new_sample ();
  g_autoptr(StJobPlan) plan = NULL;
  StJobOptions options;
  StJobProgress p = { 0 };
  static const struct { guint round; const char *text; } cases[] = {
    /* The sample: Cranberry in rounds 13-14 and 26-27, the band in 17-23. */
    { 1, "Next: change to Cranberry at round 13" },
    { 12, "Next: change to Cranberry at round 13" },
    { 13, "Next: change to Cream at round 15" },
    { 15, "Next: change to Cream and Cranberry at round 17" },
    { 19, "Next: change to Cream at round 24" },
    { 24, "Next: change to Cranberry at round 26" },
    { 26, "Next: change to Cream at round 28" },
    { 28, NULL },
    { 60, NULL },
  };

  st_job_options_init (&options, ST_PROTOCOL_CIRCULAR);
  plan = st_job_plan_new (pattern, &options, NULL);
  ck_assert_ptr_nonnull (plan);
  p.passes = 1;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = NULL;

      p.round = cases[i].round - 1;
      p.has_next_change = st_job_plan_next_change (plan, p.round, 0, &p.next_change_round,
                                                   &p.next_change_pass, &p.next_change_yarns);
      words = st_machine_describe_next_change (plan, &p);
      ck_assert_msg (g_strcmp0 (words, cases[i].text) == 0, "round %u: “%s”, expected “%s”",
                     cases[i].round, words, cases[i].text);
    }
  /* Several passes a round (AYAB ribber): the pass is named. */
  p.passes = 4;
  p.has_next_change = TRUE;
  p.next_change_round = 0;
  p.next_change_pass = 2;
  p.next_change_yarns = 1u << 1;
  {
    g_autofree char *words = st_machine_describe_next_change (plan, &p);

    ck_assert_str_eq (words, "Next: change to Cranberry at round 1, pass 3");
  }
}
END_TEST

START_TEST (test_options_and_controls)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  g_autofree char *protocol = NULL;

  /* A Sentro has no controller protocol of its own: circular, on the
   * emulated machine, ready to start and nothing else. */
  g_object_get (panel, "protocol", &protocol, NULL);
  ck_assert_str_eq (protocol, "circular");
  assert_text (panel, "status", "Ready to knit “Fair Isle band hat”: 60 rounds of 48 stitches");
  assert_text (panel, "placement", "One round per turn of a 48-needle cylinder");
  ck_assert (text_has (panel, "port-hint", "A virtual machine on this computer"));
  assert_text (panel, "progress", "Not started");
  ck_assert (st_machine_panel_can (panel, "start"));
  ck_assert (!st_machine_panel_can (panel, "pause"));
  ck_assert (!st_machine_panel_can (panel, "resume"));
  ck_assert (!st_machine_panel_can (panel, "cancel"));
  ck_assert (!st_machine_panel_can (panel, "resume-job"));
  assert_text (panel, "resume-title", "");

  /* AYAB: 48 stitches centred on the 200-needle bed are needles 77-124,
   * Brother's L24 to R24. */
  g_object_set (panel, "protocol", "ayab", NULL);
  assert_text (panel, "placement", "Needles L24 to R24 (77 to 124 of 200), 1 pass per row");
  g_object_set (panel, "mode", "circular-ribber", NULL);
  assert_text (panel, "placement", "Needles L24 to R24 (77 to 124 of 200), 4 passes per row");
  g_object_set (panel, "mode", "singlebed", "start-needle", 1, NULL);
  assert_text (panel, "placement", "Needles L100 to L53 (1 to 48 of 200), 1 pass per row");
  assert_text (panel, "problem", "");
  /* Off the bed: the plan says why and Start is off. */
  g_object_set (panel, "start-needle", 160, NULL);
  ck_assert (text_has (panel, "problem", "160"));
  ck_assert (!st_machine_panel_can (panel, "start"));
  g_object_set (panel, "start-needle", -1, NULL);
  assert_text (panel, "problem", "");
  ck_assert (st_machine_panel_can (panel, "start"));
  assert_text (panel, "length", "60 rounds: pattern rows 1 to 60");

  /* A typed port: nothing typed, nothing to start. */
  g_object_set (panel, "port", "", NULL);
  ck_assert (!st_machine_panel_can (panel, "start"));
  ck_assert (text_has (panel, "port-hint", "Any serial port or pseudo-terminal"));
  g_object_set (panel, "port", "/dev/pts/999", NULL);
  ck_assert (st_machine_panel_can (panel, "start"));
  /* A port that cannot be opened: said, and nothing runs. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.start", NULL));
  ck_assert (text_has (panel, "problem", "/dev/pts/999"));
  ck_assert_ptr_null (st_machine_panel_get_link (panel));
  ck_assert (st_machine_panel_can (panel, "start"));
  close_window (window);
}
END_TEST

/* Start row and times, through the controls a knitter uses, and a job that
 * knits rows 51-60 and then the whole pattern once more. */
START_TEST (test_start_row_and_times)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  g_autofree char *port = g_build_filename (tmpdir, "rows-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "rows-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "100", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  g_autofree char *fabric = NULL, *want = NULL, *tail = NULL, *whole = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  GtkWidget *start_row = find_control (GTK_WIDGET (panel), "Start ro_w");
  GtkWidget *times = find_control (GTK_WIDGET (panel), "_Times");
  GtkWidget *endless = find_control (GTK_WIDGET (panel), "Until stopped");
  StMachineLink *link;
  Watch watch;

  ck_assert (GTK_IS_SPIN_BUTTON (start_row));
  ck_assert (GTK_IS_SPIN_BUTTON (times));
  ck_assert (GTK_IS_CHECK_BUTTON (endless));
  ck_assert_uint_eq (uint_property (panel, "start-row"), 1);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 1);
  assert_text (panel, "length", "60 rounds: pattern rows 1 to 60");

  /* The start row stops at the pattern's last row. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start_row), 500);
  ck_assert_uint_eq (uint_property (panel, "start-row"), 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start_row), 51);
  ck_assert_uint_eq (uint_property (panel, "start-row"), 51);
  assert_text (panel, "length", "10 rounds: pattern rows 51 to 60");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (times), 3);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 3);
  assert_text (panel, "length", "130 rounds: pattern rows 51 to 60, then the whole pattern 2 more times");
  /* Until stopped: the count is put aside, and comes back. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (endless), TRUE);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 0);
  ck_assert (!gtk_widget_get_sensitive (times));
  assert_text (panel, "length",
               "Pattern rows 51 to 60, then the whole pattern again and again, until you press Cancel");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (endless), FALSE);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 3);
  ck_assert (gtk_widget_get_sensitive (times));
  g_object_set (panel, "start-row", 1, NULL);
  ck_assert_int_eq ((int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (start_row)), 1);
  assert_text (panel, "length", "180 rounds: the whole pattern 3 times");
  g_object_set (panel, "repeat", 0, NULL);
  ck_assert (gtk_check_button_get_active (GTK_CHECK_BUTTON (endless)));
  assert_text (panel, "length", "The pattern again and again, until you press Cancel");
  /* Protocol switches keep them. */
  g_object_set (panel, "protocol", "ayab", NULL);
  g_object_set (panel, "protocol", "circular", "start-row", 51, "repeat", 2, NULL);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 2);
  assert_text (panel, "length", "70 rounds: pattern rows 51 to 60, then the whole pattern 1 more time");

  /* Knit it: rows 51 to 60, then 1 to 60, 70 rounds in all. */
  watch_init (&watch, window);
  g_object_set (panel, "port", port, NULL);
  link = press_and_watch (&watch, "machine.start");
  ck_assert_msg (wait_until (link_finished, link, WAIT_S), "the job did not finish");
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_COMPLETED);
  st_ui_test_iterate ();
  ck_assert_uint_eq (watch.last_total, 70);
  assert_text (panel, "progress", "All 70 rounds knitted");
  assert_text (panel, "status", "Finished: 70 rounds knitted");
  ck_assert (g_hash_table_contains (watch.rows_seen, GINT_TO_POINTER (51)));
  ck_assert (g_hash_table_contains (watch.rows_seen, GINT_TO_POINTER (1)));
  ck_assert_uint_eq (watch.mismatches, 0);
  stop_emulator (emulator);
  fabric = read_fabric (fabric_path);
  tail = expected_fabric (pattern, 50, 60, -1);
  whole = expected_fabric (pattern, 0, 60, -1);
  want = g_strconcat (tail, whole, NULL);
  ck_assert_str_eq (fabric, want);

  /* Another pattern in the window starts afresh: row 1, once. */
  {
    g_autoptr(StDocument) other = st_document_new (st_pattern_new_sample (), NULL);

    st_machine_panel_set_document (panel, other);
    ck_assert_uint_eq (uint_property (panel, "start-row"), 1);
    ck_assert_uint_eq (uint_property (panel, "repeat"), 1);
    st_machine_panel_set_document (panel, document);
  }
  watch_clear (&watch);
  close_window (window);
}
END_TEST

/* A job that knits on until cancelled: no total anywhere, and Resume
 * brings back its start row and "until stopped". */
START_TEST (test_endless_job_cancel_and_resume)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  g_autofree char *port = g_build_filename (tmpdir, "endless-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "endless-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "100", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  g_autofree char *status = NULL, *fabric = NULL, *want = NULL, *first = NULL, *then = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  StMachineLink *link;
  guint64 done;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", port, "start-row", 59, "repeat", 0, NULL);
  link = press_and_watch (&watch, "machine.start");
  ck_assert_msg (wait_until (rounds_at_least_8, link, WAIT_S), "no 8 rounds knitted");
  ck_assert_uint_eq (watch.last_total, 0);
  ck_assert (text_has (panel, "status", "Knitting round "));
  ck_assert (!text_has (panel, "status", " of "));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.cancel", NULL));
  ck_assert_msg (wait_until (link_finished, link, 10), "the cancel did not finish");
  st_ui_test_iterate ();
  done = st_machine_link_get_rounds_done (link);
  status = g_strdup_printf ("Cancelled after %" G_GUINT64_FORMAT " rounds", done);
  assert_text (panel, "status", status);
  assert_text (panel, "resume-title", "The job was cancelled");

  /* Other choices, then Resume: the job's own come back. */
  g_object_set (panel, "start-row", 1, "repeat", 1, NULL);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.resume-job", NULL));
  ck_assert_uint_eq (uint_property (panel, "start-row"), 59);
  ck_assert_uint_eq (uint_property (panel, "repeat"), 0);
  ck_assert_msg (wait_until (has_link, panel, 10), "the job did not resume");
  link = st_machine_panel_get_link (panel);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.cancel", NULL));
  ck_assert_msg (wait_until (link_finished, link, 10), "the second cancel did not finish");
  st_ui_test_iterate ();

  /* The fabric begins with rows 59 and 60, then row 1 onwards. */
  stop_emulator (emulator);
  fabric = read_fabric (fabric_path);
  first = expected_fabric (pattern, 58, 60, -1);
  then = expected_fabric (pattern, 0, 6, -1);
  want = g_strconcat (first, then, NULL);
  ck_assert_msg (g_str_has_prefix (fabric, want), "the fabric begins\n%.400s", fabric);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

static char *
dialog_text (GtkMessageDialog *dialog,
             const char       *property)
{
  char *value = NULL;

  g_object_get (dialog, property, &value, NULL);
  return value;
}

/* Closing the window mid-job asks first: Keep Knitting leaves the job
 * alone, Stop and Close cancels it and closes. */
START_TEST (test_close_mid_job_asks)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  g_autofree char *port = g_build_filename (tmpdir, "closing-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "closing-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "200", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  g_autoptr(StMachineLink) link = NULL;
  g_autofree char *primary = NULL, *secondary = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  GtkMessageDialog *dialog;
  gpointer weak = window;
  guint64 held;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", port, NULL);
  link = g_object_ref (press_and_watch (&watch, "machine.start"));
  ck_assert_msg (wait_until (rounds_at_least_3, link, WAIT_S), "no 3 rounds knitted");
  ck_assert (st_machine_panel_is_knitting (panel));
  g_object_add_weak_pointer (G_OBJECT (window), &weak);

  gtk_window_close (GTK_WINDOW (window));
  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (weak);
  dialog = st_ui_test_dialog_of (window);
  ck_assert_ptr_nonnull (dialog);
  primary = dialog_text (dialog, "text");
  secondary = dialog_text (dialog, "secondary-text");
  ck_assert_str_eq (primary, "Stop knitting “Fair Isle band hat”?");
  ck_assert_msg (g_str_has_prefix (secondary, "Knitting round "), "%s", secondary);
  ck_assert_msg (strstr (secondary, "never saved, so the job cannot be resumed") != NULL, "%s", secondary);

  /* Keep Knitting: the window stays and the machine goes on. */
  held = st_machine_link_get_rounds_done (link);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (weak);
  ck_assert_ptr_null (st_ui_test_dialog_of (window));
  ck_assert (st_machine_link_is_running (link));
  ck_assert_msg (wait_until (rounds_at_least_8, link, WAIT_S), "the job did not go on");
  ck_assert_uint_gt (st_machine_link_get_rounds_done (link), held);

  /* An edit during the job: the panel says the job knits the old pattern. */
  assert_text (panel, "edited", "");
  st_chart_view_set_cursor (st_window_get_chart_view (window), 50, 3);
  st_chart_view_activate_cursor (st_window_get_chart_view (window), FALSE);
  st_ui_test_iterate ();
  ck_assert (text_has (panel, "edited", "this job knits it as it was then"));
  /* Back to unedited, so closing asks only about the job. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ck_assert (!st_document_get_modified (document));

  /* Stop and Close: the job is cancelled and the window goes. */
  gtk_window_close (GTK_WINDOW (window));
  st_ui_test_iterate ();
  dialog = st_ui_test_dialog_of (window);
  ck_assert_ptr_nonnull (dialog);
  watch_clear (&watch);
  g_signal_handlers_disconnect_by_data (link, &watch);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT);
  st_ui_test_iterate ();
  ck_assert_ptr_null (weak);
  ck_assert_msg (wait_until (link_finished, link, 10), "the job was not stopped");
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_CANCELLED);
  ck_assert_uint_lt (st_machine_link_get_rounds_done (link), 60);
  stop_emulator (emulator);
}
END_TEST

/* A machine with fewer needles than the pattern refuses it: the reason is
 * shown and no Resume is offered, since it would fail again. */
START_TEST (test_refused_job_offers_no_resume)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  g_autofree char *port = g_build_filename (tmpdir, "small-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "small-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "40", "--speed", "100", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  StMachineLink *link;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", port, NULL);
  link = press_and_watch (&watch, "machine.start");
  ck_assert_msg (wait_until (link_finished, link, WAIT_S), "the job did not end");
  st_ui_test_iterate ();
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_FAILED);
  ck_assert (!st_machine_link_can_resume (link));
  ck_assert_msg (text_has (panel, "problem", "40"), "problem: %s", text (panel, "problem"));
  assert_text (panel, "resume-title", "");
  ck_assert (!st_machine_panel_can (panel, "resume-job"));
  ck_assert (st_machine_panel_can (panel, "start"));
  stop_emulator (emulator);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

START_TEST (test_circular_job_on_a_pty)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  g_autofree char *port = g_build_filename (tmpdir, "circular-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "circular-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "15", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  g_autofree char *fabric = NULL, *want = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  StMachineLink *link;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", port, NULL);
  /* Every message: a log much longer than its view. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_control (GTK_WIDGET (panel), "Every _message")), TRUE);
  link = press_and_watch (&watch, "machine.start");
  ck_assert (!st_machine_panel_can (panel, "start"));
  ck_assert (st_machine_panel_can (panel, "cancel"));
  ck_assert_msg (wait_until (link_finished, link, WAIT_S), "the job did not finish");
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_COMPLETED);
  st_ui_test_iterate ();

  /* Progress reached the last round; the highlight followed the rounds on
   * the chart and on the preview, then went away. */
  ck_assert_uint_eq (watch.last_round, 60);
  ck_assert_uint_eq (watch.last_total, 60);
  ck_assert_double_eq (st_machine_panel_get_fraction (panel), 1.0);
  assert_text (panel, "progress", "All 60 rounds knitted");
  assert_text (panel, "status", "Finished: 60 rounds knitted");
  ck_assert (g_hash_table_contains (watch.rows_seen, GINT_TO_POINTER (1)));
  ck_assert (g_hash_table_contains (watch.rows_seen, GINT_TO_POINTER (60)));
  ck_assert_uint_ge (g_hash_table_size (watch.rows_seen), 30);
  ck_assert_uint_eq (watch.mismatches, 0);
  ck_assert_int_eq (st_chart_view_get_highlight_row (watch.chart), -1);
  ck_assert_int_eq (st_preview_view_get_highlight_row (watch.preview), -1);
  ck_assert (g_hash_table_contains (watch.next_seen, "Next: change to Cranberry at round 13"));
  ck_assert (g_hash_table_contains (watch.next_seen, "Next: change to Cream and Cranberry at round 17"));
  ck_assert (text_has (panel, "device", "48 needles, 2 yarn feeds"));
  ck_assert (text_has (panel, "log", "The job is complete"));
  ck_assert (st_machine_panel_can (panel, "start"));
  ck_assert (!st_machine_panel_can (panel, "cancel"));
  assert_text (panel, "resume-title", "");
  /* The log shows its newest line once it has laid the lines out. */
  {
    GtkWidget *log = st_ui_test_find_widget_of_type (GTK_WIDGET (panel), GTK_TYPE_TEXT_VIEW);
    GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (log));

    st_ui_test_iterate ();
    ck_assert_double_gt (gtk_adjustment_get_upper (scroll), 2 * gtk_adjustment_get_page_size (scroll));
    ck_assert_msg (wait_until (log_shows_last_line, scroll, 10), "the log is at %g + %g of %g",
                   gtk_adjustment_get_value (scroll), gtk_adjustment_get_page_size (scroll),
                   gtk_adjustment_get_upper (scroll));
  }

  /* The fabric is the pattern: every round once, in order. */
  stop_emulator (emulator);
  fabric = read_fabric (fabric_path);
  want = expected_fabric (pattern, 0, 60, -1);
  ck_assert_str_eq (fabric, want);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

START_TEST (test_ayab_on_the_emulated_machine)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "ayab-fabric.txt", NULL);
  const char *const args[] = { "--speed", "4", "--ready-ms", "100", "--output-txt", fabric_path, NULL };
  g_autoptr(GSubprocess) emulator = NULL;
  g_autofree char *fabric = NULL, *want = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  StMachineLink *link;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", NULL, "protocol", "ayab", "mode", "singlebed", NULL);
  st_machine_panel_set_emulator_arguments (panel, args);
  link = press_and_watch (&watch, "machine.start");
  /* The panel started stranded-emulator for a 200-needle bed. */
  emulator = g_object_ref (st_machine_panel_get_emulator (panel));
  ck_assert_msg (wait_until (link_finished, link, WAIT_S), "the job did not finish");
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_COMPLETED);
  st_ui_test_iterate ();

  ck_assert_uint_eq (watch.last_round, 60);
  assert_text (panel, "progress", "All 60 rounds knitted");
  ck_assert (text_has (panel, "device", "AYAB interface"));
  ck_assert (text_has (panel, "device", "200-needle bed"));
  /* What the knitter had to do is in the log. */
  ck_assert (text_has (panel, "log", "Set needles 77 to 124 to B, then move the carriage across the left turn mark"));
  ck_assert (text_has (panel, "log", "The emulated machine is on /dev/"));
  ck_assert_uint_ge (g_hash_table_size (watch.rows_seen), 30);
  ck_assert_uint_eq (watch.mismatches, 0);

  /* After the job the panel lets its emulated machine go, which writes its
   * fabric: Cream (A) on the main feeder, Cranberry (B) selected. */
  ck_assert_msg (wait_until (exited, emulator, 10), "the emulated machine was not stopped");
  ck_assert_ptr_null (st_machine_panel_get_emulator (panel));
  fabric = read_fabric (fabric_path);
  want = expected_fabric (pattern, 0, 60, 0);
  ck_assert_str_eq (fabric, want);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

START_TEST (test_unplug_and_resume)
{
  g_autofree char *pattern_path = g_build_filename (tmpdir, "hat.stranded", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pattern_path);
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  g_autofree char *port = g_build_filename (tmpdir, "unplugged-machine", NULL);
  g_autofree char *first_path = g_build_filename (tmpdir, "before-unplug.txt", NULL);
  g_autofree char *second_path = g_build_filename (tmpdir, "after-unplug.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "40", NULL };
  g_autoptr(GSubprocess) emulator = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StJobRecord) record = NULL;
  g_autofree char *first = NULL, *second = NULL, *want = NULL, *state_dir = NULL, *record_path = NULL;
  g_autofree char *button = NULL, *prefix = NULL;
  StWindow *window;
  StMachinePanel *panel;
  StMachineLink *link;
  guint64 done;
  Watch watch;

  /* A saved pattern: its job is kept on disk. */
  ck_assert_msg (st_document_save (document, file, &error), "%s", error ? error->message : "");
  state_dir = st_job_record_default_dir ();
  record_path = st_job_record_path (state_dir, pattern_path);
  window = show_window (document);
  panel = panel_of (window);
  watch_init (&watch, window);
  emulator = start_emulator (port, first_path, args);
  g_object_set (panel, "port", port, NULL);
  link = press_and_watch (&watch, "machine.start");
  ck_assert_msg (wait_until (rounds_at_least_8, link, WAIT_S), "no 8 rounds knitted");

  /* The machine goes away mid-job. */
  stop_emulator (emulator);
  ck_assert_msg (wait_until (link_finished, link, 10), "the unplug went unnoticed");
  st_ui_test_iterate ();
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_DISCONNECTED);
  done = st_machine_link_get_rounds_done (link);
  ck_assert_uint_ge (done, 8);
  ck_assert_uint_lt (done, 60);
  assert_text (panel, "resume-title", "The machine was disconnected");
  ck_assert (text_has (panel, "resume-body", "Plug the machine back in"));
  button = g_strdup_printf ("_Resume from Round %" G_GUINT64_FORMAT, done + 1);
  assert_text (panel, "resume-button", button);
  prefix = g_strdup_printf ("Disconnected after %" G_GUINT64_FORMAT " of 60 rounds", done);
  assert_text (panel, "status", prefix);
  ck_assert (st_machine_panel_can (panel, "resume-job"));
  ck_assert (st_machine_panel_can (panel, "forget-job"));
  ck_assert (!st_machine_panel_can (panel, "cancel"));
  /* The round it stopped in stays marked. */
  ck_assert_int_ge (st_chart_view_get_highlight_row (watch.chart), (gint64) done - 1);

  /* The saved job record says where to go on from. */
  record = st_job_record_load (record_path, &error);
  ck_assert_msg (record != NULL, "no job record: %s", error ? error->message : "");
  ck_assert_uint_eq (record->rounds_done, done);
  ck_assert_str_eq (record->state, "disconnected");

  /* The emulator knitted every confirmed round, and at most the one in
   * progress on top. */
  first = read_fabric (first_path);
  want = expected_fabric (pattern, 0, (guint) done, -1);
  ck_assert (g_str_has_prefix (first, want));
  ck_assert_uint_le (strlen (first), strlen (want) + 49);

  /* Stranded closes and opens the file again: the saved job is offered. */
  watch_clear (&watch);
  close_window (window);
  g_clear_object (&document);
  document = st_document_new_from_file (file, &error);
  ck_assert_msg (document != NULL, "%s", error ? error->message : "");
  pattern = st_document_get_pattern (document);
  window = show_window (document);
  panel = panel_of (window);
  watch_init (&watch, window);
  assert_text (panel, "resume-title", "The machine was disconnected");
  assert_text (panel, "resume-button", button);
  g_free (prefix);
  prefix = g_strdup_printf ("“Fair Isle band hat” is knitted to round %" G_GUINT64_FORMAT " of 60", done);
  assert_text (panel, "status", prefix);
  ck_assert (st_machine_panel_can (panel, "resume-job"));

  /* Plugged back in on the same port: Resume knits the rest. */
  again = start_emulator (port, second_path, args);
  g_object_set (panel, "port", port, NULL);
  link = press_and_watch (&watch, "machine.resume-job");
  ck_assert_msg (wait_until (link_finished, link, WAIT_S), "the resumed job did not finish");
  st_ui_test_iterate ();
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_COMPLETED);
  assert_text (panel, "progress", "All 60 rounds knitted");
  assert_text (panel, "resume-title", "");
  ck_assert (text_has (panel, "log", "Resuming “Fair Isle band hat”"));
  ck_assert (!g_file_test (record_path, G_FILE_TEST_EXISTS));

  /* Together the two pieces of fabric are the pattern: no round lost,
   * none repeated. */
  stop_emulator (again);
  second = read_fabric (second_path);
  g_free (want);
  want = expected_fabric (pattern, (guint) done, 60, -1);
  ck_assert_str_eq (second, want);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

static gboolean
is_paused (gpointer data)
{
  return st_machine_link_get_state (data) == ST_JOB_STATE_PAUSED;
}

START_TEST (test_pause_cancel_forget)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  g_autofree char *port = g_build_filename (tmpdir, "cancelled-machine", NULL);
  g_autofree char *fabric_path = g_build_filename (tmpdir, "cancelled-fabric.txt", NULL);
  static const char *const args[] = { "--protocol", "circular", "--needles", "48", "--speed", "100", NULL };
  g_autoptr(GSubprocess) emulator = start_emulator (port, fabric_path, args);
  g_autofree char *status = NULL, *button = NULL;
  StWindow *window = show_window (document);
  StMachinePanel *panel = panel_of (window);
  StMachineLink *link;
  guint64 held, done;
  Watch watch;

  watch_init (&watch, window);
  g_object_set (panel, "port", port, NULL);
  link = press_and_watch (&watch, "machine.start");
  ck_assert_msg (wait_until (rounds_at_least_3, link, WAIT_S), "no 3 rounds knitted");

  /* Pause: the buttons turn to Resume and Cancel, and nothing more is knitted. */
  ck_assert (st_machine_panel_can (panel, "pause"));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.pause", NULL));
  ck_assert_msg (wait_until (is_paused, link, 5), "not paused");
  st_ui_test_iterate ();
  ck_assert (!st_machine_panel_can (panel, "pause"));
  ck_assert (st_machine_panel_can (panel, "resume"));
  ck_assert (st_machine_panel_can (panel, "cancel"));
  ck_assert (!st_machine_panel_can (panel, "start"));
  ck_assert (text_has (panel, "status", "Paused at round"));
  ck_assert (text_has (panel, "action", "until you press Resume"));
  held = st_machine_link_get_rounds_done (link);
  ck_assert_uint_lt (held, 20);
  /* Three rounds' time: none of them is knitted (the one under way may end). */
  for (int i = 0; i < 10; i++)
    st_ui_test_iterate ();
  ck_assert_uint_le (st_machine_link_get_rounds_done (link), held + 1);

  /* Resume, then Cancel: the machine is stopped and the job can go on later. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.resume", NULL));
  st_ui_test_iterate ();
  ck_assert_msg (st_machine_panel_can (panel, "pause"), "state %s after resume, %" G_GUINT64_FORMAT " rounds",
                 st_job_state_to_string (st_machine_link_get_state (link)),
                 st_machine_link_get_rounds_done (link));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.cancel", NULL));
  ck_assert_msg (wait_until (link_finished, link, 10), "the cancel did not finish");
  st_ui_test_iterate ();
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_CANCELLED);
  done = st_machine_link_get_rounds_done (link);
  status = g_strdup_printf ("Cancelled after %" G_GUINT64_FORMAT " of 60 rounds", done);
  assert_text (panel, "status", status);
  assert_text (panel, "resume-title", "The job was cancelled");
  button = g_strdup_printf ("_Resume from Round %" G_GUINT64_FORMAT, done + 1);
  assert_text (panel, "resume-button", button);
  ck_assert (st_machine_panel_can (panel, "resume-job"));
  ck_assert (!st_machine_panel_can (panel, "cancel"));

  /* Forget it: no prompt, a plain Start again. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (panel), "machine.forget-job", NULL));
  assert_text (panel, "resume-title", "");
  ck_assert (!st_machine_panel_can (panel, "resume-job"));
  ck_assert (st_machine_panel_can (panel, "start"));
  ck_assert_int_eq (st_chart_view_get_highlight_row (watch.chart), -1);
  stop_emulator (emulator);
  watch_clear (&watch);
  close_window (window);
}
END_TEST

static Suite *
machine_suite (void)
{
  Suite *s = suite_create ("ui-machine");
  TCase *tc = tcase_create ("machine");

  tcase_add_test (tc, test_find_emulator);
  tcase_add_test (tc, test_next_change_in_words);
  tcase_add_test (tc, test_options_and_controls);
  tcase_add_test (tc, test_circular_job_on_a_pty);
  tcase_add_test (tc, test_start_row_and_times);
  tcase_add_test (tc, test_endless_job_cancel_and_resume);
  tcase_add_test (tc, test_close_mid_job_asks);
  tcase_add_test (tc, test_refused_job_offers_no_resume);
  tcase_add_test (tc, test_ayab_on_the_emulated_machine);
  tcase_add_test (tc, test_unplug_and_resume);
  tcase_add_test (tc, test_pause_cancel_forget);
  tcase_set_timeout (tc, 90);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_ui_test_main ("ui-machine", machine_suite, &tmpdir, &app);
}
