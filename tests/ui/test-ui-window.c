/* SPDX-License-Identifier: GPL-3.0-or-later
 * The designer window under Xvfb: actions activated as GActions change the
 * model; painting goes through the chart view's public functions, the
 * same ones its gesture and key handlers call. Exit 77 without a display.
 */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "st-application.h"
#include "st-autosave.h"
#include "st-pattern-dialog.h"
#include "st-pattern-file.h"
#include "st-test-util.h"
#include "st-profile.h"
#include "st-yarn-dialog.h"
#include "ui-test-util.h"
#include "st-window.h"

static StApplication *app;
static char *tmpdir;


static StWindow *
show_window (StPattern *pattern)
{
  g_autoptr(StDocument) document = st_document_new (pattern != NULL ? pattern : st_pattern_new_sample (), NULL);
  StWindow *window = st_window_new (GTK_APPLICATION (app), document);
  GtkWidget *chart = GTK_WIDGET (st_window_get_chart_view (window));
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

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

static StPattern *
pattern_of (StWindow *window)
{
  return st_document_get_pattern (st_window_get_document (window));
}

static guint8
cell (StWindow *window,
      guint     row,
      guint     needle)
{
  return st_chart_get (pattern_of (window)->chart, row, needle);
}

/* Centre of a cell that must be on screen. */
static void
centre (StChartView *view,
        gint64       row,
        gint64       column,
        double      *x,
        double      *y)
{
  gint64 r, c;

  st_chart_view_cell_centre (view, row, column, x, y);
  ck_assert_msg (st_chart_layout_cell_at (st_chart_view_get_layout (view), *x, *y, &r, &c),
                 "cell %" G_GINT64_FORMAT ",%" G_GINT64_FORMAT " is not on screen", row, column);
  ck_assert_int_eq (r, row);
  ck_assert_int_eq (c, column);
}

static const char *
title_of (StWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

/* Whether a label under @widget (itself included) reads @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The drop-down under @widget whose first choice is @first, or NULL. */
static GtkDropDown *
find_dropdown (GtkWidget  *widget,
               const char *first)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), first) == 0)
        return GTK_DROP_DOWN (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child, first);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @model or one of its sections has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_key_entry (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) && gtk_entry_get_max_length (GTK_ENTRY (widget)) == 1;
}

static gboolean
is_text_entry (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) && gtk_entry_get_max_length (GTK_ENTRY (widget)) != 1;
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child))
        return child;
      if ((found = find_widget (child, match)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a visible label under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A flatbed's panel is knit in rows, a circular machine's tube in rounds:
 * the status bar and the Size and Gauge dialog say which. */
START_TEST (test_rows_on_a_flatbed)
{
  StWindow *window = show_window (st_pattern_new (st_profiles_lookup ("brother-kh9xx"), 60, 120, NULL));
  StWindow *tube = show_window (NULL);
  StPatternDialog *dialog;

  st_chart_view_set_cursor (st_window_get_chart_view (window), 0, 0);
  st_ui_test_iterate ();
  ck_assert (has_label (GTK_WIDGET (window), "Row 1 of 120 · Needle 1 of 60 · Cream (A)"));
  dialog = st_pattern_dialog_new_for_edit (GTK_WINDOW (window), pattern_of (window));
  ck_assert (has_label (GTK_WIDGET (dialog), "_Stitches per row"));
  ck_assert (has_label (GTK_WIDGET (dialog), "_Rows"));
  ck_assert (has_label (GTK_WIDGET (dialog), "Gauge: r_ows"));
  /* Which yarn fills new stitches and rows: the right button's. */
  ck_assert (has_label (GTK_WIDGET (dialog), "The machine is fixed; start a new pattern to knit on another one. "
                                             "New stitches and rows take Cream, the right mouse button’s yarn."));
  gtk_window_destroy (GTK_WINDOW (dialog));

  st_chart_view_set_cursor (st_window_get_chart_view (tube), 0, 0);
  st_ui_test_iterate ();
  ck_assert (has_label (GTK_WIDGET (tube), "Round 1 of 60 · Needle 1 of 48 · Cream (A)"));
  dialog = st_pattern_dialog_new_for_edit (GTK_WINDOW (tube), pattern_of (tube));
  ck_assert (has_label (GTK_WIDGET (dialog), "_Rounds"));
  ck_assert (has_label (GTK_WIDGET (dialog), "_Stitches per round"));
  g_object_set (tube, "secondary-yarn", 1, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = st_pattern_dialog_new_for_edit (GTK_WINDOW (tube), pattern_of (tube));
  ck_assert (has_label (GTK_WIDGET (dialog), "The machine is fixed; start a new pattern to knit on another one. "
                                             "New stitches and rounds take Cranberry, the right mouse button’s "
                                             "yarn."));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (tube);
  close_window (window);
}
END_TEST

/* The shortcuts window (Ctrl+?) lists a shortcut of every action that has
 * one, so no shortcut is a secret. Accelerators are compared parsed:
 * <Primary> and <Control> are the same key here. */
static gboolean
overlay_lists (GArray     *listed,
               const char *accel)
{
  guint key;
  GdkModifierType mods;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    return FALSE;
  for (guint i = 0; i < listed->len; i += 2)
    if (g_array_index (listed, guint, i) == gdk_keyval_to_lower (key) &&
        g_array_index (listed, guint, i + 1) == (guint) mods)
      return TRUE;
  return FALSE;
}

START_TEST (test_shortcuts_window_lists_every_shortcut)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/stranded/Stranded/gtk/help-overlay.ui", 0, NULL);
  g_autoptr(GRegex) property = g_regex_new ("name=\"accelerator\">([^<]+)<", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *overlay = NULL;
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_autoptr(GString) missing = g_string_new (NULL);
  guint checked = 0;

  ck_assert_ptr_nonnull (bytes);
  overlay = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_regex_match (property, overlay, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *escaped = g_match_info_fetch (match, 1);
      g_autoptr(GString) value = g_string_new (escaped);
      g_auto(GStrv) accels = NULL;

      g_string_replace (value, "&lt;", "<", 0);
      g_string_replace (value, "&gt;", ">", 0);
      g_string_replace (value, "&amp;", "&", 0);
      accels = g_strsplit (value->str, " ", -1);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          guint key;
          GdkModifierType mods;

          if (gtk_accelerator_parse (accels[k], &key, &mods))
            {
              guint lower = gdk_keyval_to_lower (key), m = mods;

              g_array_append_val (listed, lower);
              g_array_append_val (listed, m);
            }
        }
    }
  ck_assert_uint_ge (listed->len / 2, 30);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      gboolean found = FALSE;

      for (guint k = 0; accels[k] != NULL && !found; k++)
        found = overlay_lists (listed, accels[k]);
      if (accels[0] != NULL && !found)
        g_string_append_printf (missing, " %s (%s)", actions[i], accels[0]);
      checked += accels[0] != NULL;
    }
  ck_assert_msg (missing->len == 0, "not in the shortcuts window:%s", missing->str);
  ck_assert_uint_ge (checked, 30);
}
END_TEST

/* Adding a yarn: a taken key is refused with a message that goes when the
 * key is retyped, and Return in the key field adds the yarn. */
START_TEST (test_yarn_dialog_key)
{
  StWindow *window = show_window (NULL);
  StYarnDialog *dialog = st_yarn_dialog_new (GTK_WINDOW (window), pattern_of (window), -1);
  GtkWidget *key = find_widget (GTK_WIDGET (dialog), is_key_entry);
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (key);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_text_entry)), "Gold");
  gtk_editable_set_text (GTK_EDITABLE (key), "A");
  /* Return in the field activates the dialog's default button, Add
   * (a synthetic Return does not reach it here, so Add is clicked). */
  ck_assert (gtk_entry_get_activates_default (GTK_ENTRY (key)));
  g_signal_emit_by_name (gtk_window_get_default_widget (GTK_WINDOW (dialog)), "clicked");
  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (weak);
  ck_assert (shows_label (GTK_WIDGET (dialog), "Key A is already used by Cream."));
  gtk_editable_set_text (GTK_EDITABLE (key), "C");
  ck_assert (!shows_label (GTK_WIDGET (dialog), "Key A is already used by Cream."));
  g_signal_emit_by_name (gtk_window_get_default_widget (GTK_WINDOW (dialog)), "clicked");
  st_ui_test_iterate ();
  ck_assert_ptr_null (weak);
  ck_assert_uint_eq (pattern_of (window)->n_yarns, 3);
  ck_assert_int_eq (pattern_of (window)->yarns[2].key, 'C');
  close_window (window);
}
END_TEST

/* A click on a yarn row picks the yarn, but a click on its menu button
 * is left to the button, which opens the menu. */
START_TEST (test_yarn_row_click_and_menu_button)
{
  StWindow *window = show_window (NULL);
  GtkWidget *row = st_ui_test_find_widget_of_type (GTK_WIDGET (st_window_get_yarn_palette (window)), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *menu_button = st_ui_test_find_widget_of_type (row, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GtkGesture *click = NULL;
  double x, y;
  guint primary;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  ck_assert_ptr_nonnull (click);
  ck_assert_ptr_nonnull (menu_button);
  g_object_get (window, "primary-yarn", &primary, NULL);
  ck_assert_uint_eq (primary, 1);

  ck_assert (gtk_widget_translate_coordinates (menu_button, row, gtk_widget_get_width (menu_button) / 2.0,
                                               gtk_widget_get_height (menu_button) / 2.0, &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_object_get (window, "primary-yarn", &primary, NULL);
  ck_assert_uint_eq (primary, 1);

  g_signal_emit_by_name (click, "pressed", 1, x / 2, y);
  g_object_get (window, "primary-yarn", &primary, NULL);
  ck_assert_uint_eq (primary, 0);

  /* The first yarn's menu offers no move up. */
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));

    ck_assert (menu_has_action (menu, "win.edit-yarn"));
    ck_assert (menu_has_action (menu, "win.move-yarn-down"));
    ck_assert (!menu_has_action (menu, "win.move-yarn-up"));
  }
  close_window (window);
}
END_TEST

START_TEST (test_starts_on_sample)
{
  StWindow *window = show_window (NULL);
  StYarnPalette *palette = st_window_get_yarn_palette (window);

  ck_assert_str_eq (pattern_of (window)->name, "Fair Isle band hat");
  ck_assert (g_str_has_prefix (title_of (window), "Fair Isle band hat"));
  ck_assert_ptr_eq (st_chart_view_get_document (st_window_get_chart_view (window)),
                    st_window_get_document (window));
  /* Cranberry in the sample: rounds 13, 14, 26, 27 (4 x 48) and the band
   * 24 + 8 + 24 + 32 + 24 + 8 + 24 = 144: 336 stitches; the rest cream. */
  st_yarn_palette_refresh (palette);
  ck_assert_uint_eq (st_yarn_palette_get_count (palette, 1), 336);
  ck_assert_uint_eq (st_yarn_palette_get_count (palette, 0), 48 * 60 - 336);
  ck_assert (!st_document_can_undo (st_window_get_document (window)));
  ck_assert (!st_document_get_modified (st_window_get_document (window)));
  /* Painting starts in the sample's own 12-stitch motif repeat. */
  {
    guint repeat = 0;

    g_object_get (window, "repeat-width", &repeat, NULL);
    ck_assert_uint_eq (repeat, 12);
  }
  close_window (window);
}
END_TEST

START_TEST (test_paint_stroke_and_undo)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  StDocument *document = st_window_get_document (window);
  double x0, y0, x1, y1;

  /* One stitch at a time here, not every repeat. */
  g_object_set (window, "repeat-width", 0u, NULL);
  /* Drag with the left button along round 1 from needle 6 to needle 10. */
  centre (view, 0, 5, &x0, &y0);
  centre (view, 0, 9, &x1, &y1);
  st_chart_view_press (view, x0, y0, FALSE);
  ck_assert (st_chart_view_is_painting (view));
  st_chart_view_drag_to (view, (x0 + x1) / 2, y0);
  st_chart_view_drag_to (view, x1, y1);
  st_chart_view_release (view);
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (cell (window, 0, n), n >= 5 && n <= 9 ? 1 : 0);
  ck_assert (st_document_get_modified (document));
  ck_assert (g_str_has_prefix (title_of (window), "• Fair Isle band hat"));
  ck_assert_uint_eq (st_history_n_undo_steps (st_document_get_history (document)), 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (cell (window, 0, n), 0);
  ck_assert (!st_document_get_modified (document));
  ck_assert (g_str_has_prefix (title_of (window), "Fair Isle band hat"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  ck_assert_uint_eq (cell (window, 0, 7), 1);

  /* The right button paints with the secondary yarn (cream). */
  centre (view, 12, 3, &x0, &y0);
  st_chart_view_press (view, x0, y0, TRUE);
  st_chart_view_release (view);
  ck_assert_uint_eq (cell (window, 12, 3), 0);
  ck_assert_uint_eq (cell (window, 12, 4), 1);
  close_window (window);
}
END_TEST

START_TEST (test_stroke_wraps_across_seam)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  const StChartLayout *layout = st_chart_view_get_layout (view);
  double x0, y0, x1, y1;

  /* One stitch at a time here, not every repeat. */
  g_object_set (window, "repeat-width", 0u, NULL);
  /* Pan half a round so the seam is in the middle of the view. */
  st_chart_view_pan (view, -24 * layout->cell_width, 0);
  ck_assert_double_eq_tol (layout->scroll_column, 24, 1e-6);
  centre (view, 2, 46, &x0, &y0);
  centre (view, 2, 50, &x1, &y1);
  st_chart_view_press (view, x0, y0, FALSE);
  st_chart_view_drag_to (view, x1, y1);
  st_chart_view_release (view);
  /* Needles 47, 48, then 1, 2, 3 of the same round. */
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (cell (window, 2, n), (n >= 46 || n <= 2) ? 1 : 0);
  close_window (window);
}
END_TEST

START_TEST (test_keyboard_painting)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  guint row, needle;

  st_chart_view_set_cursor (view, 3, 0);
  /* Left from needle 1 wraps to needle 48. */
  st_chart_view_move_cursor (view, 0, -1);
  st_chart_view_get_cursor (view, &row, &needle);
  ck_assert_uint_eq (row, 3);
  ck_assert_uint_eq (needle, 47);
  st_chart_view_activate_cursor (view, FALSE);
  ck_assert_uint_eq (cell (window, 3, 47), 1);
  st_chart_view_move_cursor (view, 1, 0);
  st_chart_view_activate_cursor (view, FALSE);
  ck_assert_uint_eq (cell (window, 4, 47), 1);

  /* A line by keyboard: space, move, space. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "line");
  st_chart_view_set_cursor (view, 6, 10);
  st_chart_view_activate_cursor (view, FALSE);
  st_chart_view_move_cursor (view, 0, 3);
  ck_assert (st_chart_view_is_painting (view));
  st_chart_view_activate_cursor (view, FALSE);
  ck_assert (!st_chart_view_is_painting (view));
  for (guint n = 9; n <= 14; n++)
    ck_assert_uint_eq (cell (window, 6, n), n >= 10 && n <= 13 ? 1 : 0);
  close_window (window);
}
END_TEST

START_TEST (test_tools_through_actions)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  g_autofree char *tool = NULL;
  guint brush = 0;
  double x, y;

  /* Fill the cream brim (rounds 1-12, bounded by cranberry round 13). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "fill");
  g_object_get (view, "tool", &tool, NULL);
  ck_assert_str_eq (tool, "fill");
  centre (view, 0, 0, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  ck_assert_uint_eq (cell (window, 11, 30), 1);
  ck_assert_uint_eq (cell (window, 14, 0), 0);

  /* A 3x3 brush. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "pencil");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.brush-size", "u", 3);
  g_object_get (view, "brush-size", &brush, NULL);
  ck_assert_uint_eq (brush, 3);
  centre (view, 30, 10, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  for (guint r = 28; r <= 32; r++)
    for (guint n = 8; n <= 12; n++)
      ck_assert_uint_eq (cell (window, r, n), r >= 29 && r <= 31 && n >= 9 && n <= 11 ? 1 : 0);

  /* Repeat mode: 4 repeats of 12 on the 48-needle round. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.brush-size", "u", 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.repeat-width", "u", 12);
  centre (view, 35, 2, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (cell (window, 35, n), n % 12 == 2 ? 1 : 0);

  /* Mirror within each repeat: needle 3 also paints needle 10 (of 12). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mirror", NULL);
  centre (view, 36, 2, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (cell (window, 36, n), n % 12 == 2 || n % 12 == 9 ? 1 : 0);

  /* The eyedropper picks cream into the primary slot and goes back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "eyedropper");
  centre (view, 16, 0, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  g_object_get (window, "primary-yarn", &brush, NULL);
  ck_assert_uint_eq (brush, 0);
  g_free (g_steal_pointer (&tool));
  g_object_get (window, "tool", &tool, NULL);
  ck_assert_str_eq (tool, "pencil");
  close_window (window);
}
END_TEST

START_TEST (test_new_pattern)
{
  StWindow *window = show_window (NULL);
  StPattern *pattern;
  gboolean found = FALSE;
  GListModel *toplevels;

  /* win.new opens the dialog... */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  st_ui_test_iterate ();
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ST_IS_PATTERN_DIALOG (toplevel))
        {
          found = TRUE;
          gtk_window_destroy (GTK_WINDOW (toplevel));
          break;
        }
    }
  ck_assert (found);

  /* ...whose Create activates win.new-pattern: an unmodified window
   * takes the new pattern. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-pattern", "(ssuudd)", "Socks", "csm-60",
                              60, 80, 33.5, 47.0);
  pattern = pattern_of (window);
  ck_assert_str_eq (pattern->name, "Socks");
  ck_assert_str_eq (pattern->profile_id, "csm-60");
  ck_assert_uint_eq (st_pattern_needles (pattern), 60);
  ck_assert_uint_eq (st_pattern_rows (pattern), 80);
  ck_assert_double_eq (pattern->stitches_per_10cm, 33.5);
  ck_assert_double_eq (pattern->rows_per_10cm, 47.0);
  ck_assert (!st_document_get_modified (st_window_get_document (window)));
  ck_assert_uint_eq (st_chart_view_get_layout (st_window_get_chart_view (window))->needles, 60);
  close_window (window);
}
END_TEST

START_TEST (test_open_and_save)
{
  const char *rows[] = { "ABAB", "BBBB" };
  g_autoptr(StPattern) source = st_test_pattern ("custom", "AB", rows, 2);
  g_autofree char *path = g_build_filename (tmpdir, "four.stranded", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) saved = NULL;
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  double x, y;

  ck_assert (st_pattern_save_file (source, path, &error));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri);
  ck_assert_str_eq (pattern_of (window)->name, "test");
  ck_assert_uint_eq (st_pattern_needles (pattern_of (window)), 4);
  ck_assert (g_file_equal (st_document_get_file (st_window_get_document (window)), file));
  st_ui_test_iterate ();

  /* Paint needle 1 of round 1 (A -> B) and save. */
  centre (view, 0, 0, &x, &y);
  st_chart_view_press (view, x, y, FALSE);
  st_chart_view_release (view);
  ck_assert (g_str_has_prefix (title_of (window), "• test"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  ck_assert (!st_document_get_modified (st_window_get_document (window)));
  ck_assert (g_str_has_prefix (title_of (window), "test"));
  saved = st_pattern_load_file (path, &error);
  ck_assert_ptr_nonnull (saved);
  {
    g_autofree char *text = st_test_rows_string (saved);

    ck_assert_str_eq (text, "BBAB/BBBB");
  }
  close_window (window);
}
END_TEST

START_TEST (test_yarn_actions)
{
  StWindow *window = show_window (NULL);
  StPattern *pattern = pattern_of (window);
  guint primary = 0, secondary = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-yarn", "(isssusb)", -1, "C", "Blue",
                              "#1b4f9b", 4u, "wool", TRUE);
  pattern = pattern_of (window);
  ck_assert_uint_eq (pattern->n_yarns, 3);
  ck_assert_str_eq (pattern->yarns[2].name, "Blue");
  ck_assert_uint_eq (pattern->yarns[2].color.blue, 0x9b);
  ck_assert (pattern->yarns[2].sticky);
  g_object_get (window, "primary-yarn", &primary, NULL);
  ck_assert_uint_eq (primary, 2);

  /* Edit it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-yarn", "(isssusb)", 2, "C", "Navy",
                              "#102040", 3u, "", FALSE);
  ck_assert_str_eq (pattern->yarns[2].name, "Navy");
  ck_assert_uint_eq (pattern->yarns[2].weight, 3);

  /* Reorder: cranberry moves up; the slots follow their yarns. */
  g_object_set (window, "primary-yarn", 1u, "secondary-yarn", 0u, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-yarn-up", "u", 1u);
  ck_assert_int_eq (pattern->yarns[0].key, 'B');
  ck_assert_uint_eq (st_chart_get (pattern->chart, 12, 0), 0);
  g_object_get (window, "primary-yarn", &primary, "secondary-yarn", &secondary, NULL);
  ck_assert_uint_eq (primary, 0);
  ck_assert_uint_eq (secondary, 1);

  /* Remove cranberry (now 0), knitting its stitches in navy (2). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-remove-yarn", "(uu)", 0u, 2u);
  ck_assert_uint_eq (pattern->n_yarns, 2);
  ck_assert_int_eq (pattern->yarns[1].key, 'C');
  ck_assert_uint_eq (st_chart_get (pattern->chart, 12, 0), 1);
  ck_assert_uint_eq (st_chart_get (pattern->chart, 0, 0), 0);

  /* Replace cream (0) by navy (1) everywhere. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-replace-yarn", "(uu)", 0u, 1u);
  for (guint n = 0; n < 48; n++)
    ck_assert_uint_eq (st_chart_get (pattern->chart, 0, n), 1);

  /* One undo step per action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ck_assert_uint_eq (st_chart_get (pattern->chart, 0, 0), 0);
  close_window (window);
}
END_TEST

static void
text_read_cb (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("(nothing)");
}

/* What the desktop's clipboard holds, as text. */
static char *
clipboard_text (GdkClipboard *clipboard)
{
  char *text = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gdk_clipboard_read_text_async (clipboard, NULL, text_read_cb, &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_msg (text != NULL, "the clipboard did not answer");
  return text;
}

/* Copied stitches go on the desktop's clipboard as text, and text another
 * program copied pastes as stitches. */
START_TEST (test_desktop_clipboard)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  StSelection selection = { 11, 12, 46, 49 };
  g_autofree char *copied = NULL;
  g_autofree char *secondary = NULL;
  GtkMessageDialog *dialog;
  gint64 end;

  /* Rounds 12-13, needles 47 to 2 across the seam: cream under cranberry. */
  st_chart_view_set_selection (view, &selection);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy", NULL);
  copied = clipboard_text (clipboard);
  ck_assert_str_eq (copied, "BBBB\nAAAA\n");
  ck_assert_ptr_nonnull (st_application_get_clipboard (app));

  /* A text editor copies a small chart: ours is gone, the text pastes,
   * '.' leaving the stitch as it is. */
  gdk_clipboard_set_text (clipboard, "B.B\r\nAAB\r\n");
  st_ui_test_iterate ();
  ck_assert_ptr_null (st_application_get_clipboard (app));
  st_chart_view_set_cursor (view, 40, 9);
  ck_assert_uint_eq (cell (window, 41, 10), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (cell (window, 41, 9) != 1 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_uint_eq (cell (window, 41, 9), 1);
  ck_assert_uint_eq (cell (window, 41, 10), 0);
  ck_assert_uint_eq (cell (window, 41, 11), 1);
  ck_assert_uint_eq (cell (window, 40, 9), 0);
  ck_assert_uint_eq (cell (window, 40, 11), 1);
  /* One undo step takes it all back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ck_assert_uint_eq (cell (window, 41, 9), 0);
  ck_assert_uint_eq (cell (window, 40, 11), 0);

  /* Text that is no chart: said, with where, and nothing changes. */
  gdk_clipboard_set_text (clipboard, "https://example.org");
  st_ui_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while ((dialog = st_ui_test_dialog_of (window)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_ptr_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  ck_assert_str_eq (secondary, "line 1, column 1: “h” is not a yarn key of this pattern (A, B) nor “.” "
                               "for a stitch left as it is");
  ck_assert (!st_document_can_undo (st_window_get_document (window)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}
END_TEST

START_TEST (test_rounds_and_clipboard)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  StSelection selection = { 12, 13, 0, 1 };
  g_autoptr(GError) error = NULL;

  st_chart_view_set_cursor (view, 5, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.insert-rounds", NULL);
  ck_assert_uint_eq (st_pattern_rows (pattern_of (window)), 61);
  /* The cranberry rounds moved up by one. */
  ck_assert_uint_eq (cell (window, 13, 0), 1);
  ck_assert_uint_eq (cell (window, 12, 0), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-rounds", NULL);
  ck_assert_uint_eq (st_pattern_rows (pattern_of (window)), 60);
  ck_assert_uint_eq (cell (window, 12, 0), 1);

  /* Copy two cranberry stitches of rounds 13-14, paste across the seam. */
  st_chart_view_set_selection (view, &selection);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy", NULL);
  ck_assert_ptr_nonnull (st_application_get_clipboard (app));
  st_chart_view_set_cursor (view, 30, 47);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  ck_assert_uint_eq (cell (window, 30, 47), 1);
  ck_assert_uint_eq (cell (window, 30, 0), 1);
  ck_assert_uint_eq (cell (window, 31, 47), 1);
  ck_assert_uint_eq (cell (window, 31, 0), 1);
  ck_assert_uint_eq (cell (window, 30, 1), 0);

  /* Shift the whole pattern one needle to the right around the cylinder. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.shift-right", NULL);
  ck_assert_uint_eq (cell (window, 30, 0), 1);
  ck_assert_uint_eq (cell (window, 30, 1), 1);
  ck_assert_uint_eq (cell (window, 30, 47), 0);

  /* Resize through the settings action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-pattern-settings", "(suudd)", "Taller hat",
                              48u, 70u, 15.0, 18.0);
  ck_assert_str_eq (pattern_of (window)->name, "Taller hat");
  ck_assert_uint_eq (st_pattern_rows (pattern_of (window)), 70);
  ck_assert_double_eq (pattern_of (window)->rows_per_10cm, 18.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ck_assert_uint_eq (st_pattern_rows (pattern_of (window)), 60);
  ck_assert_str_eq (pattern_of (window)->name, "Fair Isle band hat");
  close_window (window);
}
END_TEST

START_TEST (test_autosave_and_close_prompt)
{
  StWindow *window = show_window (NULL);
  StChartView *view = st_window_get_chart_view (window);
  StDocument *document = st_window_get_document (window);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) copy = NULL;
  GtkWindow *dialog = NULL;
  gpointer weak = window;

  st_chart_view_set_cursor (view, 40, 4);
  st_chart_view_activate_cursor (view, FALSE);
  ck_assert (st_document_autosave (document, &error));
  entries = st_autosave_list ();
  ck_assert_uint_eq (entries->len, 1);
  ck_assert_str_eq (((StAutosaveEntry *) g_ptr_array_index (entries, 0))->name, "Fair Isle band hat");
  copy = st_pattern_load_file (((StAutosaveEntry *) g_ptr_array_index (entries, 0))->path, &error);
  ck_assert_ptr_nonnull (copy);
  ck_assert_uint_eq (st_chart_get (copy->chart, 40, 4), 1);

  /* Closing asks first; "Discard" closes and drops the autosave copy. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  st_ui_test_iterate ();
  ck_assert_ptr_nonnull (weak);
  dialog = GTK_WINDOW (st_ui_test_dialog_of (window));
  ck_assert_ptr_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT);
  st_ui_test_iterate ();
  ck_assert_ptr_null (weak);
  g_ptr_array_unref (g_steal_pointer (&entries));
  entries = st_autosave_list ();
  ck_assert_uint_eq (entries->len, 0);
}
END_TEST

START_TEST (test_preview_and_snapshot)
{
  StWindow *window = show_window (NULL);
  StPreviewView *preview = st_window_get_preview_view (window);
  StChartView *view = st_window_get_chart_view (window);
  gboolean hat = FALSE;
  double x, y;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;
  guchar *data;
  guint32 value;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preview-shape", "s", "hat");
  g_object_get (preview, "hat", &hat, NULL);
  ck_assert (hat);
  st_preview_view_turn (preview, 0.5, 0);
  ck_assert_double_eq_tol (st_preview_view_get_rotation (preview), 0.5, 1e-9);

  /* The chart view's own drawing: round 13 is cranberry at its cells. */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  ck_assert_ptr_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (view))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  data = g_malloc (width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  centre (view, 12, 20, &x, &y);
  value = *(guint32 *) (data + (int) y * width * 4 + (int) x * 4);
  ck_assert_uint_eq (value & 0xffffff, 0x9b1b30);
  centre (view, 14, 20, &x, &y);
  value = *(guint32 *) (data + (int) y * width * 4 + (int) x * 4);
  ck_assert_uint_eq (value & 0xffffff, 0xf3ecd9);
  g_free (data);
  close_window (window);
}
END_TEST

/* Counts in sentences take the plural of their own number; the English
 * stays "N stitches" and says "1 stitch". */
START_TEST (test_count_sentences)
{
  StWindow *window = show_window (NULL);
  GtkWidget *checks = st_window_get_panel (window, "checks");
  GtkLabel *summary = GTK_LABEL (gtk_widget_get_first_child (checks));
  GtkDropDown *repeats = find_dropdown (GTK_WIDGET (window), "No repeat");
  GListModel *choices;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  /* 336 of the sample's 2880 stitches are cranberry. */
  st_yarn_palette_refresh (st_window_get_yarn_palette (window));
  ck_assert (has_label (GTK_WIDGET (st_window_get_yarn_palette (window)), "336 st · 12%"));

  /* The 48-needle sample: 2 repeats of 24 stitches down to 48 of 1 stitch. */
  ck_assert_ptr_nonnull (repeats);
  choices = gtk_drop_down_get_model (repeats);
  ck_assert_str_eq (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), "2 × 24 stitches");
  ck_assert_str_eq (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                                g_list_model_get_n_items (choices) - 1),
                    "48 × 1 stitch");

  while (gtk_label_get_label (summary)[0] == '\0' && g_get_monotonic_time () < end)
    st_ui_test_iterate ();
  ck_assert_str_eq (gtk_label_get_label (summary),
                    "0 errors, 27 warnings. Longest float: 5 stitches (limit 3).");
  close_window (window);
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("ui-window");
  TCase *tc = tcase_create ("window");

  tcase_add_test (tc, test_starts_on_sample);
  tcase_add_test (tc, test_paint_stroke_and_undo);
  tcase_add_test (tc, test_stroke_wraps_across_seam);
  tcase_add_test (tc, test_keyboard_painting);
  tcase_add_test (tc, test_tools_through_actions);
  tcase_add_test (tc, test_new_pattern);
  tcase_add_test (tc, test_open_and_save);
  tcase_add_test (tc, test_yarn_actions);
  tcase_add_test (tc, test_rounds_and_clipboard);
  tcase_add_test (tc, test_desktop_clipboard);
  tcase_add_test (tc, test_yarn_row_click_and_menu_button);
  tcase_add_test (tc, test_yarn_dialog_key);
  tcase_add_test (tc, test_rows_on_a_flatbed);
  tcase_add_test (tc, test_shortcuts_window_lists_every_shortcut);
  tcase_add_test (tc, test_autosave_and_close_prompt);
  tcase_add_test (tc, test_preview_and_snapshot);
  tcase_add_test (tc, test_count_sentences);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_ui_test_main ("ui", window_suite, &tmpdir, &app);
}
