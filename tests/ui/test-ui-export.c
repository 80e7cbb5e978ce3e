/* SPDX-License-Identifier: GPL-3.0-or-later
 * The Export dialog under Xvfb: each format's preview is what the file
 * will hold (PDF pages, the chart and stitch map images, the text of the
 * instructions and the knitout), the file written is the core's export
 * byte for byte, and a format that cannot carry the pattern or a folder
 * that cannot be written says why. Exit 77 without a display.
 */
#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "st-application.h"
#include "st-document.h"
#include "st-export-dialog.h"
#include "st-profile.h"
#include "st-test-util.h"
#include "ui-test-util.h"

static StApplication *app;
static char *tmpdir;

static StExportDialog *
open_dialog (StDocument *document)
{
  StExportDialog *dialog = st_export_dialog_new (NULL, document);

  gtk_window_present (GTK_WINDOW (dialog));
  st_ui_test_iterate ();
  return dialog;
}

static void
assert_part (StExportDialog *dialog,
             const char     *part,
             const char     *expected)
{
  g_autofree char *shown = st_export_dialog_get_text (dialog, part);

  ck_assert_msg (g_strcmp0 (shown, expected) == 0, "%s: “%s”, expected “%s”", part, shown, expected);
}

static GBytes *
core_export (StDocument     *document,
             StExportFormat  format)
{
  StExportOptions options;

  st_export_options_init (&options, format);
  return st_export_to_bytes (st_document_get_pattern (document), &options, NULL, NULL);
}

START_TEST (test_pdf_pages)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StExportDialog *dialog = open_dialog (document);
  StExportOptions options;
  g_autofree char *first = NULL, *second = NULL;
  guint pages;

  st_export_options_init (&options, ST_EXPORT_PDF);
  pages = st_export_pdf_page_count (st_document_get_pattern (document), &options);
  ck_assert_uint_ge (pages, 2);
  ck_assert_int_eq (st_export_dialog_get_format (dialog), ST_EXPORT_PDF);
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (dialog)), "Export “Fair Isle band hat”");
  first = g_strdup_printf ("Page 1 of %u", pages);
  second = g_strdup_printf ("Page 2 of %u", pages);
  assert_part (dialog, "page", first);
  /* An A4 page at 1.25 pixels a point. */
  {
    double width, height;

    st_paper_size (ST_PAPER_A4, &width, &height);
    ck_assert_ptr_nonnull (st_export_dialog_get_preview (dialog));
    ck_assert_int_eq (gdk_paintable_get_intrinsic_width (st_export_dialog_get_preview (dialog)),
                      (int) ceil (width * 1.25));
  }
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.next-page", NULL));
  assert_part (dialog, "page", second);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.previous-page", NULL));
  assert_part (dialog, "page", first);
  assert_part (dialog, "problem", "");
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

START_TEST (test_previews_are_the_files)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StExportDialog *dialog = open_dialog (document);
  g_autoptr(GBytes) png = core_export (document, ST_EXPORT_PNG);
  g_autoptr(GBytes) txt = core_export (document, ST_EXPORT_TXT);
  g_autoptr(GdkTexture) chart = gdk_texture_new_from_bytes (png, NULL);
  g_autofree char *text = NULL, *knitout = NULL, *instructions = NULL;

  /* The chart image: the same picture as the PNG file. */
  st_export_dialog_set_format (dialog, ST_EXPORT_PNG);
  assert_part (dialog, "page", "");
  ck_assert_int_eq (gdk_paintable_get_intrinsic_width (st_export_dialog_get_preview (dialog)),
                    gdk_texture_get_width (chart));
  ck_assert_int_eq (gdk_paintable_get_intrinsic_height (st_export_dialog_get_preview (dialog)),
                    gdk_texture_get_height (chart));
  assert_part (dialog, "warnings", "");

  /* The stitch map: 48 x 60 stitches, blown up 16 times, not blurred. */
  st_export_dialog_set_format (dialog, ST_EXPORT_PNG_STITCHES);
  ck_assert_int_eq (gdk_paintable_get_intrinsic_width (st_export_dialog_get_preview (dialog)), 48 * 16);
  ck_assert_int_eq (gdk_paintable_get_intrinsic_height (st_export_dialog_get_preview (dialog)), 60 * 16);

  /* The instructions: the text of the file. */
  st_export_dialog_set_format (dialog, ST_EXPORT_TXT);
  ck_assert_ptr_null (st_export_dialog_get_preview (dialog));
  text = st_export_dialog_get_text (dialog, "text");
  instructions = g_strndup (g_bytes_get_data (txt, NULL), g_bytes_get_size (txt));
  ck_assert_str_eq (text, instructions);

  /* Knitout. */
  st_export_dialog_set_format (dialog, ST_EXPORT_KNITOUT);
  knitout = st_export_dialog_get_text (dialog, "text");
  ck_assert (g_str_has_prefix (knitout, ";!knitout-2\n"));
  assert_part (dialog, "problem", "");
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

START_TEST (test_export_writes_the_file)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);
  StExportDialog *dialog = open_dialog (document);
  g_autofree char *path = g_build_filename (tmpdir, "hat.k", NULL);
  g_autofree char *pdf_path = g_build_filename (tmpdir, "hat.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/hat.k");
  g_autoptr(GBytes) want = core_export (document, ST_EXPORT_KNITOUT);
  g_autofree char *written = NULL, *problem = NULL;
  gsize length;

  st_export_dialog_set_format (dialog, ST_EXPORT_KNITOUT);
  ck_assert (st_export_dialog_export_to (dialog, file));
  ck_assert (g_file_get_contents (path, &written, &length, NULL));
  ck_assert_uint_eq (length, g_bytes_get_size (want));
  ck_assert (memcmp (written, g_bytes_get_data (want, NULL), length) == 0);

  st_export_dialog_set_format (dialog, ST_EXPORT_PDF);
  ck_assert (st_export_dialog_export_to (dialog, pdf_file));
  g_clear_pointer (&written, g_free);
  ck_assert (g_file_get_contents (pdf_path, &written, &length, NULL));
  ck_assert (g_str_has_prefix (written, "%PDF-"));

  /* A folder that does not exist: said in the dialog, with the path. */
  ck_assert (!st_export_dialog_export_to (dialog, nowhere));
  problem = st_export_dialog_get_text (dialog, "problem");
  ck_assert_msg (strstr (problem, "/nonexistent-folder/hat.k") != NULL, "%s", problem);
  g_unlink (path);
  g_unlink (pdf_path);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

/* Seven yarns are more carriers than a Kniterate has: the knitout preview
 * says so instead of showing a file. */
START_TEST (test_format_that_cannot_carry_the_pattern)
{
  const char *rows[] = { "ABCDEFG" };
  g_autoptr(StDocument) document = st_document_new (st_test_pattern ("custom", "ABCDEFG", rows, 1), NULL);
  StExportDialog *dialog = open_dialog (document);
  g_autofree char *problem = NULL;

  st_export_dialog_set_format (dialog, ST_EXPORT_KNITOUT);
  problem = st_export_dialog_get_text (dialog, "problem");
  ck_assert_msg (problem[0] != '\0', "no problem shown");
  ck_assert_msg (strstr (problem, "7") != NULL, "%s", problem);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

static Suite *
export_suite (void)
{
  Suite *s = suite_create ("ui-export");
  TCase *tc = tcase_create ("export");

  tcase_add_test (tc, test_pdf_pages);
  tcase_add_test (tc, test_previews_are_the_files);
  tcase_add_test (tc, test_export_writes_the_file);
  tcase_add_test (tc, test_format_that_cannot_carry_the_pattern);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_ui_test_main ("ui-export", export_suite, &tmpdir, &app);
}
