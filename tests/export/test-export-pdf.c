/* SPDX-License-Identifier: GPL-3.0-or-later
 * The PDF pattern: page count and size (pdfinfo), and the text a knitter
 * reads (pdftotext): title, machine, size, the yarn legend with metres, the
 * chart headings, the written instructions and the duplicate stitches.
 */
#include "export-test-util.h"

#include <math.h>
#include <stdlib.h>

#include "st-check.h"
#include "st-export.h"
#include "st-instructions.h"
#include "st-yarn-usage.h"

typedef struct
{
  char  *dir;
  char  *path;
  guint  pages;
  char  *info;
  char  *text;
} Pdf;

static Pdf
export_pdf (const StPattern *pattern,
            StPaper          paper)
{
  g_autoptr(GError) error = NULL;
  StExportOptions options;
  Pdf pdf = { 0 };
  ExportRun run;
  const char *info_argv[] = { "pdfinfo", NULL, NULL };
  const char *text_argv[] = { "pdftotext", "-layout", NULL, "-", NULL };
  const char *pages;

  st_export_options_init (&options, ST_EXPORT_PDF);
  options.paper = paper;
  pdf.dir = st_test_tmpdir ();
  pdf.path = g_build_filename (pdf.dir, "pattern.pdf", NULL);
  ck_assert (st_export_to_file (pattern, &options, pdf.path, NULL, &error));

  info_argv[1] = pdf.path;
  run = export_run_argv (info_argv);
  ck_assert_msg (run.status == 0, "pdfinfo: %s", run.err);
  pdf.info = g_steal_pointer (&run.out);
  export_run_clear (&run);
  pages = strstr (pdf.info, "Pages:");
  ck_assert_ptr_nonnull (pages);
  pdf.pages = (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
  ck_assert_uint_eq (pdf.pages, st_export_pdf_page_count (pattern, &options));

  text_argv[2] = pdf.path;
  run = export_run_argv (text_argv);
  ck_assert_msg (run.status == 0, "pdftotext: %s", run.err);
  pdf.text = g_steal_pointer (&run.out);
  export_run_clear (&run);
  return pdf;
}

static void
pdf_clear (Pdf *pdf)
{
  export_rmtree (pdf->dir);
  g_free (pdf->dir);
  g_free (pdf->path);
  g_free (pdf->info);
  g_free (pdf->text);
}

#define assert_has(text, needle) \
  ck_assert_msg (strstr ((text), (needle)) != NULL, "missing: %s", (needle))

START_TEST (test_sample_hat_pdf)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  Pdf pdf = export_pdf (p, ST_PAPER_A4);
  double metres[ST_MAX_YARNS];
  g_autofree char *cream_m = NULL;
  g_autofree char *cranberry_m = NULL;
  const char *legend, *instructions;

  /* Page 1, the chart on one page, the instructions on two. */
  ck_assert_uint_eq (pdf.pages, 4);
  ck_assert (g_regex_match_simple ("Page size: +595.28 x 841.89 pts \\(A4\\)", pdf.info, 0, 0));
  ck_assert (g_regex_match_simple ("Title: +Fair Isle band hat", pdf.info, 0, 0));

  assert_has (pdf.text, "Fair Isle band hat");
  assert_has (pdf.text, "Sentro 48-needle (sentro-48)");
  assert_has (pdf.text, "48 stitches per round, 60 rounds");
  assert_has (pdf.text, "14.0 stitches and 16.0 rows per 10 cm");
  assert_has (pdf.text, "34.3 cm round (17.1 cm laid flat), 37.5 cm long");
  assert_has (pdf.text, "25 mm, 3 stitches at this gauge");

  /* The legend: key, name, weight and metres per yarn. */
  st_export_yarn_metres (p, metres);
  cream_m = g_strdup_printf ("%.0f m", ceil (metres[0]));
  cranberry_m = g_strdup_printf ("%.0f m", ceil (metres[1]));
  legend = strstr (pdf.text, "Yarns");
  ck_assert_ptr_nonnull (legend);
  assert_has (legend, "Key");
  assert_has (legend, "Symbol");
  assert_has (legend, "Metres");
  ck_assert (g_regex_match_simple ("A +Cream +4 medium +\\(blank\\) +[0-9]+ m", legend, 0, 0));
  ck_assert (g_regex_match_simple ("B +Cranberry +4 medium +[0-9]+ m", legend, 0, 0));
  assert_has (legend, cream_m);
  assert_has (legend, cranberry_m);
  assert_has (legend, "Seam: every round starts at needle 1");

  /* The check summary: the checker's totals and its findings in words. */
  {
    g_autoptr(StCheckResult) check = st_check_run (p, NULL);
    g_autoptr(GArray) findings = st_check_result_all_findings (check);
    g_autofree char *totals = NULL;
    g_autofree char *limit = NULL;
    StCheckSummary summary;

    st_check_result_get_summary (check, &summary);
    ck_assert_uint_gt (summary.warnings, 0);
    ck_assert_uint_ge (findings->len, summary.errors + summary.warnings);
    totals = g_strdup_printf ("%" G_GUINT64_FORMAT " errors and %" G_GUINT64_FORMAT " warnings.",
                              summary.errors, summary.warnings);
    limit = g_strdup_printf ("Float limit 25 mm, 3 stitches at this gauge; the longest float is %u stitches.",
                             summary.max_float_stitches);
    assert_has (pdf.text, "Check");
    assert_has (pdf.text, totals);
    assert_has (pdf.text, limit);
    assert_has (pdf.text, "float-long: ");
    assert_has (pdf.text, "Warning: ");
  }

  assert_has (pdf.text, "Chart: rounds 1–60, needles 1–48");
  assert_has (pdf.text, "seam: rounds start here");

  instructions = strstr (pdf.text, "Written instructions");
  ck_assert_ptr_nonnull (instructions);
  assert_has (instructions, "This machine has one yarn feed");
  assert_has (instructions, "Round 1: 48 A");
  assert_has (instructions, "Round 13: 48 B; change to B at needle 1");
  assert_has (instructions, "Round 18: 3 A, 1 B, 5 A, 1 B, 5 A");
  assert_has (instructions, "Round 60: 48 A");
  ck_assert_ptr_null (strstr (pdf.text, "Duplicate stitches to embroider"));
  pdf_clear (&pdf);
}
END_TEST

START_TEST (test_letter_paper)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  Pdf pdf = export_pdf (p, ST_PAPER_LETTER);

  ck_assert (g_regex_match_simple ("Page size: +612 x 792 pts \\(letter\\)", pdf.info, 0, 0));
  assert_has (pdf.text, "Round 60: 48 A");
  pdf_clear (&pdf);
}
END_TEST

/* A 60-needle sock of 200 rounds: the chart needs several pages, which
 * repeat two rounds of each other and say so. */
START_TEST (test_long_sock_splits_the_chart)
{
  g_autoptr(StPattern) p = st_pattern_new (st_profiles_lookup ("csm-60"), 0, 200, NULL);
  StStitchRef dup = { 101, 7 };
  Pdf pdf;

  for (guint r = 0; r < 200; r++)
    for (guint n = 0; n < 60; n++)
      st_chart_set (p->chart, r, n, (r / 10 + n / 6) % 2 == 0 ? 0 : 1);
  g_array_append_val (p->duplicate_stitches, dup);
  st_chart_set (p->chart, 101, 7, 1);
  g_free (p->name);
  p->name = g_strdup ("Checked sock");
  pdf = export_pdf (p, ST_PAPER_A4);

  ck_assert_uint_ge (pdf.pages, 5);
  /* The parts cover rounds 1 to 200 from the bottom up, each repeating
   * exactly two rounds of the one below. */
  {
    g_autoptr(GRegex) re = g_regex_new ("Chart, part ([0-9]+) of ([0-9]+): rounds ([0-9]+)–([0-9]+), needles 1–60",
                                        0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint parts = 0, last_end = 0;

    g_regex_match (re, pdf.text, 0, &match);
    while (g_match_info_matches (match))
      {
        g_autofree char *index = g_match_info_fetch (match, 1);
        g_autofree char *first = g_match_info_fetch (match, 3);
        g_autofree char *last = g_match_info_fetch (match, 4);

        parts++;
        ck_assert_uint_eq (atoi (index), parts);
        ck_assert_uint_eq (atoi (first), parts == 1 ? 1 : last_end - 1);
        last_end = (guint) atoi (last);
        g_match_info_next (match, NULL);
      }
    ck_assert_uint_ge (parts, 2);
    ck_assert_uint_eq (last_end, 200);
  }
  assert_has (pdf.text, "Chart, part 1 of ");
  assert_has (pdf.text, "Chart, part 2 of ");
  assert_has (pdf.text, "repeat on the part above");
  assert_has (pdf.text, "repeat the part below");
  assert_has (pdf.text, "Circular sock machine, 60-needle cylinder (csm-60)");
  assert_has (pdf.text, "Round 200: ");
  assert_has (pdf.text, "duplicate stitch B at needle 8");
  assert_has (pdf.text, "Duplicate stitches to embroider");
  assert_has (pdf.text, "Round 102, needle 8: B Cranberry over");
  assert_has (pdf.text, "Checked sock · page 1 of ");
  pdf_clear (&pdf);
}
END_TEST

START_TEST (test_preview_pages)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cairo_t *cr = cairo_create (surface);
  StExportOptions options;
  double w = 0, h = 0;
  const guint8 *data;
  int stride;
  guint dark = 0;

  st_export_options_init (&options, ST_EXPORT_PDF);
  ck_assert_uint_eq (st_export_pdf_page_count (p, &options), 4);
  ck_assert (st_export_pdf_draw_page (p, &options, 1, cr, &w, &h));
  ck_assert_double_eq_tol (w, 595.28, 1e-9);
  ck_assert_double_eq_tol (h, 841.89, 1e-9);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The chart page is drawn: many cranberry and grid pixels. */
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 596; x++)
      dark += data[y * stride + x * 4 + 1] < 100;
  ck_assert_uint_gt (dark, 5000);
  ck_assert (!st_export_pdf_draw_page (p, &options, 4, cr, &w, &h));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_cli_pdf)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.pdf", NULL);
  g_autofree char *sample = export_sample_path ();
  g_autofree char *data = NULL;
  ExportRun run = export_run_cli ("export", sample, "-o", path, "--paper", "letter", NULL);

  ck_assert_int_eq (run.status, 0);
  export_run_clear (&run);
  ck_assert (g_file_get_contents (path, &data, NULL, NULL));
  ck_assert (g_str_has_prefix (data, "%PDF-"));
  run = export_run_cli ("export", sample, "-o", path, "--paper", "a3", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "unknown paper 'a3' (a4 or letter)"));
  export_run_clear (&run);
  run = export_run_cli ("export", sample, "--format", "txt", "--paper", "a4", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
  export_rmtree (dir);
}
END_TEST

static Suite *
pdf_suite (void)
{
  Suite *s = suite_create ("export-pdf");
  TCase *tc = tcase_create ("pdf");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_sample_hat_pdf);
  tcase_add_test (tc, test_letter_paper);
  tcase_add_test (tc, test_long_sock_splits_the_chart);
  tcase_add_test (tc, test_preview_pages);
  tcase_add_test (tc, test_cli_pdf);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (pdf_suite ());
}
