/* SPDX-License-Identifier: GPL-3.0-or-later
 * The knit-along view under Xvfb: keys arrive as the actions they are bound
 * to (gtk_widget_activate_action, the path a key or a foot pedal takes), and
 * the test reads back what the view shows, the cues it sounded and the
 * progress stored in the pattern and its file. Exit 77 without a display.
 */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "st-application.h"
#include "st-knit-along-view.h"
#include "st-pattern-file.h"
#include "st-test-util.h"
#include "ui-test-util.h"
#include "st-window.h"

static StApplication *app;
static char *tmpdir;

typedef struct
{
  guint    count;
  guint    sounded;
  StKnitCue last;
} CueLog;


static void
cue_cb (StKnitAlongView *view,
        guint            cue,
        gboolean         sounded,
        CueLog          *log)
{
  log->count++;
  log->sounded += sounded ? 1 : 0;
  log->last = cue;
}

/* A window of its own holding a view of @document. */
static StKnitAlongView *
show_view (StDocument *document,
           GtkWindow **window_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = st_knit_along_view_new ();
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (window, 1280, 800);
  st_knit_along_view_set_document (ST_KNIT_ALONG_VIEW (view), document);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  while (gtk_widget_get_width (view) <= 0 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  ck_assert_int_gt (gtk_widget_get_width (view), 0);
  st_ui_test_iterate ();
  *window_out = window;
  return ST_KNIT_ALONG_VIEW (view);
}

static void
assert_text (StKnitAlongView *view,
             const char      *part,
             const char      *expected)
{
  g_autofree char *text = st_knit_along_view_get_text (view, part);

  ck_assert_msg (g_strcmp0 (text, expected) == 0, "%s: “%s”, expected “%s”", part, text, expected);
}

static gboolean
text_contains (StKnitAlongView *view,
               const char      *part,
               const char      *needle)
{
  g_autofree char *text = st_knit_along_view_get_text (view, part);

  return text != NULL && strstr (text, needle) != NULL;
}

static void
step (StKnitAlongView *view,
      const char      *action,
      guint            times)
{
  for (guint i = 0; i < times; i++)
    ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
}

START_TEST (test_step_through_rounds)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  GtkWindow *window;
  StKnitAlongView *view = show_view (document, &window);
  CueLog log = { 0 };

  g_signal_connect (view, "cue", G_CALLBACK (cue_cb), &log);
  assert_text (view, "round", "Round 1 of 60");
  assert_text (view, "needle", "Needle 1 of 48");
  assert_text (view, "round-words", "All 48 needles Cream");
  assert_text (view, "milestone", "Rounds 1-2: cast on");
  assert_text (view, "next-milestone", "Rounds 13-14: change to Cranberry (B), in 12 rounds");
  assert_text (view, "warnings", "");
  assert_text (view, "marks", "");
  ck_assert (text_contains (view, "place", "not saved yet"));
  ck_assert (!pattern->has_progress);

  /* Space (next stop) through the plain brim: one stop a round. */
  step (view, "knit.next-stop", 11);
  assert_text (view, "round", "Round 12 of 60");
  assert_text (view, "milestone", "Plain knitting");
  assert_text (view, "next", "Round 13: All 48 needles Cranberry. Cranberry (B) comes in at needle 1. "
                             "Cream (A) is not used. 1 colour change by hand.");
  ck_assert_uint_eq (log.count, 11);
  ck_assert (log.last == ST_KNIT_CUE_ROUND);

  /* Into round 13: the change cue, sounded (sound cues are on). */
  step (view, "knit.next-stop", 1);
  assert_text (view, "round", "Round 13 of 60");
  assert_text (view, "needle", "Needle 1 of 48");
  assert_text (view, "now", "Needle 1: change to Cranberry (B) now. No more changes in this round.");
  assert_text (view, "milestone", "Rounds 13-14: change to Cranberry (B)");
  assert_text (view, "warnings",
               "Cream (A) rests for 2 rounds from needle 1: carry it up inside the tube, twisting it with "
               "the working yarn each round, or cut it and rejoin it later.\n"
               "Cranberry (B) joins here at needle 1: hold the tail, crank slowly, watch needles 1-3.");
  ck_assert (log.last == ST_KNIT_CUE_CHANGE);
  ck_assert_uint_eq (log.sounded, 12);
  ck_assert (pattern->has_progress);
  ck_assert_uint_eq (pattern->progress_row, 12);
  ck_assert_uint_eq (pattern->progress_needle, 0);
  /* Progress is not an edit: nothing to undo, nothing unsaved. */
  ck_assert (!st_document_get_modified (document));
  ck_assert (!st_document_can_undo (document));

  /* Arrows: needle by needle, wrapping back into round 12. */
  step (view, "knit.next-needle", 2);
  assert_text (view, "needle", "Needle 3 of 48");
  step (view, "knit.previous-needle", 3);
  assert_text (view, "round", "Round 12 of 60");
  assert_text (view, "needle", "Needle 48 of 48");
  /* Page Down / Page Up: a round at a time, keeping the needle. */
  step (view, "knit.next-round", 5);
  assert_text (view, "round", "Round 17 of 60");
  assert_text (view, "needle", "Needle 48 of 48");
  assert_text (view, "round-words", "Repeat 24 times: 1 Cream, 1 Cranberry (2 needles)");
  assert_text (view, "now", "Needle 48: change to Cranberry (B) now. No more changes in this round.");
  assert_text (view, "milestone", "Rounds 17-23: colourwork in Cream (A) and Cranberry (B)");
  step (view, "knit.previous-round", 1);
  assert_text (view, "round", "Round 16 of 60");
  /* Backspace: back to the stop before, needle 1 of round 16. */
  step (view, "knit.previous-stop", 1);
  assert_text (view, "needle", "Needle 1 of 48");
  ck_assert_uint_eq (pattern->progress_row, 15);
  ck_assert_uint_eq (pattern->progress_needle, 0);

  /* Round 18 in the Fair Isle band: the long floats with their catches. */
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.go-to", "(uu)", 18, 4);
  assert_text (view, "round", "Round 18 of 60");
  assert_text (view, "now", "Needle 4: change to Cranberry (B) now. Next change: needle 5, to Cream (A).");
  ck_assert (text_contains (view, "warnings", "Cranberry (B) floats too far in 8 places (4-5 stitches): catch "
                                              "it at needles 7, 13, 19, 25, 31, 37, 43 and 48."));
  ck_assert (text_contains (view, "next", "Round 19: Repeat 8 times: 2 Cream, 3 Cranberry, 1 Cream (6 needles)."));
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

/* The keys a foot pedal or a keyboard across the room sends, read back
 * from the view's shortcut controller. */
static const char *
action_for_key (StKnitAlongView *view,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  const char *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && found == NULL; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            found = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return found;
}

START_TEST (test_keys_for_the_pedal)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  GtkWindow *window;
  StKnitAlongView *view = show_view (document, &window);
  static const struct { guint keyval; GdkModifierType modifiers; const char *action; } keys[] = {
    { GDK_KEY_space, 0, "knit.next-stop" },
    { GDK_KEY_Return, 0, "knit.next-stop" },
    { GDK_KEY_KP_Enter, 0, "knit.next-stop" },
    { GDK_KEY_BackSpace, 0, "knit.previous-stop" },
    { GDK_KEY_space, GDK_SHIFT_MASK, "knit.previous-stop" },
    { GDK_KEY_Right, 0, "knit.next-needle" },
    { GDK_KEY_Left, 0, "knit.previous-needle" },
    { GDK_KEY_Page_Down, 0, "knit.next-round" },
    { GDK_KEY_Up, 0, "knit.next-round" },
    { GDK_KEY_Page_Up, 0, "knit.previous-round" },
    { GDK_KEY_Down, 0, "knit.previous-round" },
    { GDK_KEY_F11, 0, "knit.fullscreen" },
    { GDK_KEY_Escape, 0, "knit.leave-fullscreen" },
    { GDK_KEY_m, 0, "knit.sound-cues" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ck_assert_msg (g_strcmp0 (action_for_key (view, keys[i].keyval, keys[i].modifiers), keys[i].action) == 0,
                   "key %s", gdk_keyval_name (keys[i].keyval));
  /* Keys reach the view: it holds the focus, and its buttons never take it. */
  ck_assert (gtk_widget_has_focus (GTK_WIDGET (view)));

  /* At the start nothing goes back; at the end nothing goes on. */
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.previous-stop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.previous-round", NULL);
  assert_text (view, "needle", "Needle 1 of 48");
  assert_text (view, "round", "Round 1 of 60");
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.go-to", "(uu)", 60, 47);
  step (view, "knit.next-needle", 1);
  assert_text (view, "needle", "Needle 48 of 48");
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.next-needle", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.next-stop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.next-round", NULL);
  assert_text (view, "round", "Round 60 of 60");
  assert_text (view, "needle", "Needle 48 of 48");
  assert_text (view, "milestone", "Round 60: cast off");
  ck_assert (text_contains (view, "milestone-detail", "1. Cut the yarn, leaving a long end: about 110 cm"));
  ck_assert (text_contains (view, "milestone-detail", "3. Thread the end through the loops one at a time"));
  assert_text (view, "next", "This is the last round: cast off after it.");
  assert_text (view, "next-milestone", "Nothing more: the cast-off round is the last.");
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

START_TEST (test_sound_cues_can_be_muted)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *window;
  StKnitAlongView *view = show_view (document, &window);
  CueLog log = { 0 };
  gboolean sound = TRUE;

  g_signal_connect (view, "cue", G_CALLBACK (cue_cb), &log);
  /* M mutes: the setting follows. */
  step (view, "knit.sound-cues", 1);
  ck_assert (!g_settings_get_boolean (settings, "sound-cues"));
  g_object_get (view, "sound-cues", &sound, NULL);
  ck_assert (!sound);

  gtk_widget_activate_action (GTK_WIDGET (view), "knit.go-to", "(uu)", 12, 48);
  step (view, "knit.next-needle", 1);
  assert_text (view, "round", "Round 13 of 60");
  /* The change is still cued (the view flashes), but silently. */
  ck_assert_uint_eq (log.count, 2);
  ck_assert (log.last == ST_KNIT_CUE_CHANGE);
  ck_assert_uint_eq (log.sounded, 0);

  /* Back is silent; a needle with nothing to change is silent. */
  step (view, "knit.previous-needle", 1);
  step (view, "knit.next-needle", 1);
  step (view, "knit.next-needle", 1);
  ck_assert_uint_eq (log.count, 3);

  /* Preferences turn it back on. */
  g_settings_set_boolean (settings, "sound-cues", TRUE);
  g_object_get (view, "sound-cues", &sound, NULL);
  ck_assert (sound);
  step (view, "knit.next-round", 1);
  ck_assert_uint_eq (log.count, 4);
  ck_assert (log.last == ST_KNIT_CUE_ROUND);
  ck_assert_uint_eq (log.sounded, 1);
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

START_TEST (test_progress_saved_in_the_file)
{
  g_autofree char *path = g_build_filename (tmpdir, "hat.stranded", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  g_autoptr(StDocument) reopened = NULL;
  g_autoptr(StPattern) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  StKnitAlongView *view;
  gint64 end;

  ck_assert (st_document_save (document, file, &error));
  view = show_view (document, &window);
  ck_assert (text_contains (view, "place", "hat.stranded"));

  /* A design edit left unsaved, then knitting. */
  st_chart_set (st_document_get_pattern (document)->chart, 40, 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.go-to", "(uu)", 17, 6);
  ck_assert (st_knit_along_view_save_progress (view, &error));
  saved = st_pattern_load_file (path, &error);
  ck_assert (saved->has_progress);
  ck_assert_uint_eq (saved->progress_row, 16);
  ck_assert_uint_eq (saved->progress_needle, 5);
  ck_assert_uint_eq (st_chart_get (saved->chart, 40, 0), 0);
  ck_assert (!st_document_get_modified (document));

  /* On its own the position reaches the file 2 s after the last move. */
  step (view, "knit.next-round", 2);
  end = g_get_monotonic_time () + 4 * G_TIME_SPAN_SECOND;
  do
    {
      g_clear_pointer (&saved, st_pattern_free);
      st_ui_test_iterate ();
      saved = st_pattern_load_file (path, &error);
    }
  while (saved->progress_row != 18 && g_get_monotonic_time () < end);
  ck_assert_uint_eq (saved->progress_row, 18);
  ck_assert_uint_eq (saved->progress_needle, 5);

  /* Closing the view writes a pending move at once. */
  step (view, "knit.next-needle", 1);
  gtk_window_destroy (window);
  st_ui_test_iterate ();
  g_clear_pointer (&saved, st_pattern_free);
  saved = st_pattern_load_file (path, &error);
  ck_assert_uint_eq (saved->progress_needle, 6);

  /* Another evening: the file opens where she stopped. */
  reopened = st_document_new_from_file (file, &error);
  ck_assert_ptr_nonnull (reopened);
  view = show_view (reopened, &window);
  assert_text (view, "round", "Round 19 of 60");
  assert_text (view, "needle", "Needle 7 of 48");
  gtk_window_destroy (window);
  st_ui_test_iterate ();
  g_unlink (path);
}
END_TEST

START_TEST (test_machine_drives_the_view)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  GtkWindow *window;
  StKnitAlongView *view = show_view (document, &window);
  StJobProgress job = { 0 };
  CueLog log = { 0 };

  g_signal_connect (view, "cue", G_CALLBACK (cue_cb), &log);
  assert_text (view, "machine", "");
  job.total_rounds = 60;
  job.round = 24;
  job.row = 24;
  job.passes = 1;
  job.needle = 30;
  job.has_next_change = TRUE;
  job.next_change_round = 25;
  job.next_change_yarns = 1u << 1;
  st_knit_along_view_set_machine_progress (view, &job);
  assert_text (view, "machine", "Machine: round 25 of 60. Next colour change: round 26, to Cranberry (B).");
  assert_text (view, "round", "Round 25 of 60");
  assert_text (view, "needle", "Needle 31 of 48");
  ck_assert_uint_eq (log.count, 1);
  ck_assert (log.last == ST_KNIT_CUE_CHANGE);
  /* The machine has the position: the keys are off. */
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.next-stop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "knit.previous-round", NULL);
  assert_text (view, "round", "Round 25 of 60");
  assert_text (view, "needle", "Needle 31 of 48");

  /* The job ends: back to the knitter's keys, from where it stopped. */
  st_knit_along_view_set_machine_progress (view, NULL);
  assert_text (view, "machine", "");
  step (view, "knit.next-stop", 1);
  assert_text (view, "round", "Round 26 of 60");
  assert_text (view, "needle", "Needle 1 of 48");
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

START_TEST (test_edits_reach_the_view)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StPattern *pattern = st_document_get_pattern (document);
  GtkWindow *window;
  StKnitAlongView *view = show_view (document, &window);
  StCatch c = { 17, 6, 1 };

  gtk_widget_activate_action (GTK_WIDGET (view), "knit.go-to", "(uu)", 18, 1);
  ck_assert (text_contains (view, "warnings", "in 8 places (4-5 stitches): catch it at needles 7, 13,"));
  assert_text (view, "marks", "");
  /* The designer adds a catch (as win.* actions do, through the document). */
  g_array_append_val (pattern->catches, c);
  st_pattern_sort_marks (pattern);
  st_pattern_mark_dirty_structure (pattern);
  st_document_changed (document);
  ck_assert (text_contains (view, "warnings", "in 7 places (4-5 stitches): catch it at needles 13, 19,"));
  assert_text (view, "marks", "Catch Cranberry (B) at needle 7.");
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

START_TEST (test_knit_along_window)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  GtkWindow *window = st_knit_along_view_present (NULL, document);
  StKnitAlongView *view = st_knit_along_view_from_window (window);
  gboolean fullscreen = TRUE;

  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (view);
  ck_assert_ptr_eq (st_knit_along_view_get_document (view), document);
  ck_assert_str_eq (gtk_window_get_title (window), "Knit Along — Fair Isle band hat");
  /* One knit-along window per document. */
  ck_assert_ptr_eq (st_knit_along_view_present (NULL, document), window);

  g_object_get (view, "fullscreen", &fullscreen, NULL);
  ck_assert (!fullscreen);
  step (view, "knit.fullscreen", 1);
  g_object_get (view, "fullscreen", &fullscreen, NULL);
  ck_assert (fullscreen);
  step (view, "knit.leave-fullscreen", 1);
  g_object_get (view, "fullscreen", &fullscreen, NULL);
  ck_assert (!fullscreen);

  /* Closed: the next request opens a new one. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  st_ui_test_iterate ();
  ck_assert_ptr_null (window);
  window = st_knit_along_view_present (NULL, document);
  ck_assert_ptr_nonnull (window);
  ck_assert_ptr_eq (st_knit_along_view_get_document (st_knit_along_view_from_window (window)), document);
  gtk_window_destroy (window);
  st_ui_test_iterate ();
}
END_TEST

/* The designer's win.knit-along (Ctrl+K) opens the view on its document. */
START_TEST (test_window_action)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StWindow *designer = st_window_new (GTK_APPLICATION (app), document);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.knit-along");
  GListModel *toplevels;
  GtkWindow *knit = NULL;
  StKnitAlongView *view;

  ck_assert_uint_eq (g_strv_length (accels), 1);
  ck_assert_str_eq (accels[0], "<Control>k");
  gtk_window_present (GTK_WINDOW (designer));
  st_ui_test_iterate ();
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (designer), "win.knit-along", NULL));
  st_ui_test_iterate ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (st_knit_along_view_from_window (GTK_WINDOW (toplevel)) != NULL)
        knit = GTK_WINDOW (toplevel);
    }
  ck_assert_ptr_nonnull (knit);
  view = st_knit_along_view_from_window (knit);
  ck_assert_ptr_eq (st_knit_along_view_get_document (view), document);
  ck_assert_ptr_eq (gtk_window_get_application (knit), GTK_APPLICATION (app));
  /* Again: the same window comes forward. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (designer), "win.knit-along", NULL));
  ck_assert_ptr_eq (st_knit_along_view_present (NULL, document), knit);

  /* The shortcuts window lists the knit-along keys. */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *ui = NULL;
    g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/stranded/Stranded/gtk/help-overlay.ui", 0, &error);

    ck_assert_ptr_nonnull (bytes);
    ck_assert (gtk_builder_add_from_resource (builder, "/io/github/stranded/Stranded/gtk/help-overlay.ui", &error));
    ck_assert_ptr_nonnull (gtk_builder_get_object (builder, "help_overlay"));
    ui = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    ck_assert_ptr_nonnull (strstr (ui, "Knit along with the pattern"));
    gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  }

  /* Knitting in it does not make the design "modified". */
  step (view, "knit.next-round", 3);
  ck_assert (!st_document_get_modified (document));
  ck_assert_uint_eq (st_document_get_pattern (document)->progress_row, 3);
  gtk_window_destroy (knit);
  gtk_window_destroy (GTK_WINDOW (designer));
  st_ui_test_iterate ();
}
END_TEST

static Suite *
knit_along_suite (void)
{
  Suite *s = suite_create ("ui-knit-along");
  TCase *tc = tcase_create ("view");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_step_through_rounds);
  tcase_add_test (tc, test_keys_for_the_pedal);
  tcase_add_test (tc, test_sound_cues_can_be_muted);
  tcase_add_test (tc, test_progress_saved_in_the_file);
  tcase_add_test (tc, test_machine_drives_the_view);
  tcase_add_test (tc, test_edits_reach_the_view);
  tcase_add_test (tc, test_knit_along_window);
  tcase_add_test (tc, test_window_action);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_ui_test_main ("ui-knit", knit_along_suite, &tmpdir, &app);
}
