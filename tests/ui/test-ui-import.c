/* SPDX-License-Identifier: GPL-3.0-or-later
 * The Import Picture dialog under Xvfb: opened on a file (the constructor
 * skips the file chooser), its choices set through its properties, the
 * live preview's words checked after each change, then Import, which
 * must leave the window with the pattern the preview showed. Exit 77
 * without a display.
 */
#include "config.h"

#include <check.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "st-application.h"
#include "st-import-dialog.h"
#include "st-test-util.h"
#include "ui-test-util.h"
#include "st-window.h"

static StApplication *app;
static char *tmpdir;

/* A window on a 48-stitch Sentro pattern with three yarns. */
static StWindow *
show_window (void)
{
  g_autofree char *row = g_strnfill (48, 'A');
  const char *rows[] = { row, row };
  StPattern *pattern;
  g_autoptr(StDocument) document = NULL;
  StWindow *window;

  row[1] = 'B';
  row[2] = 'C';
  pattern = st_test_pattern ("sentro-48", "ABC", rows, 2);
  document = st_document_new (pattern, NULL);
  window = st_window_new (GTK_APPLICATION (app), document);
  gtk_window_present (GTK_WINDOW (window));
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

/* A picture of @width x @height in tmpdir: four quadrants (cream, red,
 * navy, green) with some noise, so it is a photo, not a stitch map. */
static char *
write_photo (const char *name,
             int         width,
             int         height)
{
  static const guint8 quadrant[4][3] = {
    { 0xf3, 0xec, 0xd9 }, { 0x9b, 0x1b, 0x30 }, { 0x1b, 0x2f, 0x6b }, { 0x2e, 0x7d, 0x32 },
  };
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (tmpdir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *c = quadrant[(y >= height / 2) * 2 + (x >= width / 2)];
        guint8 *px = pixels + y * stride + x * 3;

        for (int i = 0; i < 3; i++)
          px[i] = (guint8) CLAMP (c[i] + ((x * 7 + y * 13 + i * 5) % 9) - 4, 0, 255);
      }
  ck_assert_msg (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL), "%s", error ? error->message : "");
  return path;
}

/* A stitch map: @width x @height, one pixel per stitch, @n_colors
 * colours in stripes. */
static char *
write_stitch_map (const char *name,
                  int         width,
                  int         height,
                  guint       n_colors)
{
  static const guint8 colors[6][3] = {
    { 255, 255, 255 }, { 200, 0, 0 }, { 0, 0, 200 }, { 0, 150, 0 }, { 250, 200, 0 }, { 20, 20, 20 },
  };
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (tmpdir, name, NULL);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (pixels + y * stride + x * 3, colors[(x + y) % n_colors], 3);
  ck_assert (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  return path;
}

static StImportDialog *
open_dialog (StWindow   *window,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StImportDialog *dialog = st_import_dialog_new (window, file);

  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  ck_assert (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Runs the main loop until the dialog has read the picture and shows a
 * preview of its current choices. */
static void
wait_for_preview (StImportDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  st_ui_test_iterate ();
  while (st_import_dialog_is_busy (dialog) && g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  ck_assert (!st_import_dialog_is_busy (dialog));
  st_ui_test_iterate ();
}

static void
assert_text (StImportDialog *dialog,
             const char     *part,
             const char     *expected)
{
  g_autofree char *shown = st_import_dialog_get_text (dialog, part);

  ck_assert_msg (g_strcmp0 (shown, expected) == 0, "%s: “%s”, expected “%s”", part, shown, expected);
}

static void
assert_text_has (StImportDialog *dialog,
                 const char     *part,
                 const char     *expected)
{
  g_autofree char *shown = st_import_dialog_get_text (dialog, part);

  ck_assert_msg (shown != NULL && strstr (shown, expected) != NULL, "%s: “%s”, expected “%s” in it", part, shown,
                 expected);
}

static gboolean
dialog_open (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ST_IS_IMPORT_DIALOG (toplevel))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_action (StWindow   *window,
            const char *name)
{
  const char *action, *property;
  const GVariantType *type;
  GType owner;

  /* GTK 4.8 wants every out argument. */
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &action, &type, &property);
       i++)
    if (g_str_equal (action, name))
      return TRUE;
  return FALSE;
}

/* The rounds that keep a @width x @height picture's proportions on a
 * 48-stitch Sentro (14 stitches and 16 rounds per 10 cm). */
static guint
sentro_rounds (int width,
               int height)
{
  return (guint) lround (48.0 * height / width * (100.0 / 14) / (100.0 / 16));
}

/* The menu, the shortcut, then a photo: yarns and rounds change the
 * preview, the float limit reports, Import replaces the window's
 * unmodified pattern. */
START_TEST (test_import_photo)
{
  g_autofree char *path = write_photo ("hills.png", 90, 60);
  g_autofree char *summary = NULL;
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.import");
  StWindow *window = show_window ();
  StImportDialog *dialog;
  g_autofree char *profile_id = NULL;
  guint yarns, rows, key = 0;
  GdkModifierType mods = 0;
  StPattern *pattern;

  ck_assert_uint_eq (g_strv_length (accels), 1);
  ck_assert (gtk_accelerator_parse (accels[0], &key, &mods));
  ck_assert_uint_eq (key, GDK_KEY_i);
  ck_assert_uint_eq (mods, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  /* The file chooser itself needs a person: the tests open the dialog
   * directly, as its answer does. */
  ck_assert (has_action (window, "win.import"));

  dialog = open_dialog (window, path);
  wait_for_preview (dialog);
  assert_text (dialog, "error", "");
  assert_text (dialog, "file", "hills.png, 90 × 60 pixels");
  /* The window's machine and its colours per round. */
  g_object_get (dialog, "profile-id", &profile_id, "yarns", &yarns, "rows", &rows, NULL);
  ck_assert_str_eq (profile_id, "sentro-48");
  ck_assert_uint_eq (yarns, 2);
  ck_assert_uint_eq (rows, 0);
  summary = g_strdup_printf ("48 stitches × %u rounds, 2 yarns", sentro_rounds (90, 60));
  assert_text (dialog, "summary", summary);
  assert_text (dialog, "report", "Resampled from 90 × 60 pixels.");

  g_object_set (dialog, "yarns", 3, NULL);
  wait_for_preview (dialog);
  g_clear_pointer (&summary, g_free);
  summary = g_strdup_printf ("48 stitches × %u rounds, 3 yarns", sentro_rounds (90, 60));
  assert_text (dialog, "summary", summary);

  g_object_set (dialog, "rows", 20, NULL);
  wait_for_preview (dialog);
  assert_text (dialog, "summary", "48 stitches × 20 rounds, 3 yarns");

  /* Keep floats short: the Sentro's float limit, and what it changed. */
  g_object_set (dialog, "short-floats", TRUE, NULL);
  wait_for_preview (dialog);
  assert_text_has (dialog, "report", "Float limit ");
  assert_text_has (dialog, "report", " changed");

  /* Import: the window had nothing unsaved, so it shows the picture. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  st_ui_test_iterate ();
  ck_assert (!dialog_open ());
  pattern = pattern_of (window);
  ck_assert_str_eq (pattern->profile_id, "sentro-48");
  ck_assert_str_eq (pattern->name, "hills");
  ck_assert_uint_eq (st_pattern_needles (pattern), 48);
  ck_assert_uint_eq (st_pattern_rows (pattern), 20);
  ck_assert_uint_le (pattern->n_yarns, 3);
  ck_assert_uint_ge (pattern->n_yarns, 2);
  ck_assert (st_document_get_file (st_window_get_document (window)) == NULL);
  close_window (window);
}
END_TEST

/* A changed pattern is not replaced: the import gets a window of its own,
 * and with "use this pattern's yarns" it is knit in them. */
START_TEST (test_import_into_new_window_with_own_yarns)
{
  g_autofree char *path = write_photo ("fields.png", 48, 48);
  StWindow *window = show_window ();
  StPattern *before = pattern_of (window);
  StImportDialog *dialog;
  GList *windows;
  StWindow *other = NULL;
  StPattern *imported;

  st_document_set_modified (st_window_get_document (window), TRUE);
  dialog = open_dialog (window, path);
  wait_for_preview (dialog);
  g_object_set (dialog, "pattern-yarns", TRUE, "yarns", 3, NULL);
  wait_for_preview (dialog);
  assert_text_has (dialog, "summary", ", 3 yarns");
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  st_ui_test_iterate ();
  ck_assert (pattern_of (window) == before);

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (ST_IS_WINDOW (l->data) && l->data != window)
      other = l->data;
  ck_assert_ptr_nonnull (other);
  imported = pattern_of (other);
  ck_assert_str_eq (imported->name, "fields");
  ck_assert_uint_eq (imported->n_yarns, 3);
  /* The yarns are the window's, colours and names. */
  for (guint i = 0; i < imported->n_yarns; i++)
    {
      int found = -1;

      for (guint j = 0; j < before->n_yarns; j++)
        if (memcmp (&imported->yarns[i].color, &before->yarns[j].color, sizeof (StColor)) == 0 &&
            g_strcmp0 (imported->yarns[i].name, before->yarns[j].name) == 0)
          found = (int) j;
      ck_assert_int_ge (found, 0);
    }
  close_window (other);
  close_window (window);
}
END_TEST

/* A stitch map imports exactly by default; fewer yarns reduce it. */
START_TEST (test_import_stitch_map)
{
  g_autofree char *path = write_stitch_map ("stripes.png", 48, 10, 5);
  StWindow *window = show_window ();
  StImportDialog *dialog = open_dialog (window, path);
  guint yarns;

  wait_for_preview (dialog);
  g_object_get (dialog, "yarns", &yarns, NULL);
  ck_assert_uint_eq (yarns, 0);
  assert_text (dialog, "summary", "48 stitches × 10 rounds, 5 yarns");
  /* Five yarns are more than the Sentro knits in a round: said. */
  assert_text (dialog, "report", "A stitch map, imported exactly: one pixel per stitch.\n"
                                 "stripes.png was imported as a stitch map: each of its 5 colours became a yarn, "
                                 "but the Sentro 48-needle knits at most 2 yarns in a round: import it with "
                                 "fewer colours to knit it on this machine");

  g_object_set (dialog, "yarns", 2, NULL);
  wait_for_preview (dialog);
  assert_text_has (dialog, "summary", ", 2 yarns");
  assert_text_has (dialog, "report", "Resampled from 48 × 10 pixels.");

  /* Another machine with other needles: not a stitch map there. */
  g_object_set (dialog, "profile-id", "csm-60", "yarns", 0, NULL);
  wait_for_preview (dialog);
  assert_text_has (dialog, "summary", "60 stitches × ");
  assert_text_has (dialog, "report", "Resampled");

  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}
END_TEST

/* What cannot be read says so, naming the file; nothing is imported. */
START_TEST (test_import_unreadable)
{
  g_autofree char *path = g_build_filename (tmpdir, "notes.png", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "gone.jpg", NULL);
  StWindow *window = show_window ();
  StPattern *before = pattern_of (window);
  StImportDialog *dialog;

  ck_assert (g_file_set_contents (path, "these are not pixels", -1, NULL));
  dialog = open_dialog (window, path);
  wait_for_preview (dialog);
  assert_text_has (dialog, "error", "Cannot read “notes.png”");
  assert_text_has (dialog, "error", "notes.png: ");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL);
  st_ui_test_iterate ();
  ck_assert (dialog_open ());
  ck_assert (pattern_of (window) == before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog (window, missing);
  wait_for_preview (dialog);
  assert_text_has (dialog, "error", "gone.jpg");
  gtk_window_destroy (GTK_WINDOW (dialog));
  st_ui_test_iterate ();
  ck_assert (pattern_of (window) == before);
  close_window (window);
}
END_TEST

/* Closing the dialog while the preview runs leaves nothing behind. */
START_TEST (test_close_while_busy)
{
  g_autofree char *path = write_photo ("big.png", 1600, 1200);
  StWindow *window = show_window ();
  StImportDialog *dialog = open_dialog (window, path);
  gint64 end = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;

  g_object_set (dialog, "yarns", 4, "short-floats", TRUE, NULL);
  while (g_get_monotonic_time () < end && st_import_dialog_is_busy (dialog))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Let the workers end. */
  for (int i = 0; i < 40; i++)
    st_ui_test_iterate ();
  close_window (window);
}
END_TEST

static Suite *
import_suite (void)
{
  Suite *s = suite_create ("ui-import");
  TCase *tc = tcase_create ("import");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_import_photo);
  tcase_add_test (tc, test_import_into_new_window_with_own_yarns);
  tcase_add_test (tc, test_import_stitch_map);
  tcase_add_test (tc, test_import_unreadable);
  tcase_add_test (tc, test_close_while_busy);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_ui_test_main ("import", import_suite, &tmpdir, &app);
}
