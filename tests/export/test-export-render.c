/* SPDX-License-Identifier: GPL-3.0-or-later
 * PNG and SVG chart exports: cells in the yarns' colours where the layout
 * says they are, a symbol that reads on dark yarns, cells in the gauge's
 * proportions, well-formed SVG (xmllint), refusals of oversized images.
 */
#include "export-test-util.h"

#include "st-chart-print.h"
#include "st-error.h"
#include "st-export.h"
#include "st-pattern-file.h"

static GdkPixbuf *
pixbuf_from_bytes (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  ck_assert (gdk_pixbuf_loader_write_bytes (loader, bytes, &error));
  ck_assert (gdk_pixbuf_loader_close (loader, &error));
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  ck_assert_ptr_nonnull (pixbuf);
  return g_object_ref (pixbuf);
}

/* The colour near the left edge of a cell, clear of grid and symbol. */
static void
cell_color (GdkPixbuf             *pixbuf,
            const StPattern       *pattern,
            const StExportOptions *options,
            guint                  row,
            guint                  needle,
            double                 fx,
            double                 fy,
            guint8                *rgb)
{
  double x, y, w, h;

  ck_assert (st_export_chart_image_cell (pattern, options, row, needle, &x, &y, &w, &h));
  export_pixel (pixbuf, (int) (x + w * fx), (int) (y + h * fy), rgb);
}

static void
assert_rgb (const guint8 *rgb,
            StColor       color)
{
  ck_assert_uint_eq (rgb[0], color.red);
  ck_assert_uint_eq (rgb[1], color.green);
  ck_assert_uint_eq (rgb[2], color.blue);
}

START_TEST (test_png_cells_have_yarn_colours)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(GError) error = NULL;
  StExportOptions options;
  StColor cream = { 0xf3, 0xec, 0xd9 }, cranberry = { 0x9b, 0x1b, 0x30 };
  double x, y, w, h;
  guint8 rgb[3];

  st_export_options_init (&options, ST_EXPORT_PNG);
  bytes = st_export_to_bytes (p, &options, NULL, &error);
  ck_assert_ptr_nonnull (bytes);
  image = pixbuf_from_bytes (bytes);

  /* 20 pixels a stitch; 6.25 / 7.14 mm of the gauge makes 17.5, so 18. */
  ck_assert (st_export_chart_image_cell (p, &options, 0, 0, &x, &y, &w, &h));
  ck_assert_double_eq (w, 20);
  ck_assert_double_eq (h, 18);
  ck_assert_double_eq (x, floor (x));
  ck_assert_double_eq (y, floor (y));

  /* Round 1 is plain cream, rounds 13 and 14 plain cranberry, round 17
   * alternates A B from needle 1; round 1 is the bottom row. */
  cell_color (image, p, &options, 0, 0, 0.2, 0.5, rgb);
  assert_rgb (rgb, cream);
  cell_color (image, p, &options, 0, 47, 0.2, 0.5, rgb);
  assert_rgb (rgb, cream);
  cell_color (image, p, &options, 12, 5, 0.2, 0.5, rgb);
  assert_rgb (rgb, cranberry);
  cell_color (image, p, &options, 16, 0, 0.2, 0.5, rgb);
  assert_rgb (rgb, cream);
  cell_color (image, p, &options, 16, 1, 0.2, 0.5, rgb);
  assert_rgb (rgb, cranberry);
  cell_color (image, p, &options, 59, 20, 0.2, 0.5, rgb);
  assert_rgb (rgb, cream);
  /* Round 60 is the top row, with the needle numbers above it. */
  ck_assert (st_export_chart_image_cell (p, &options, 59, 0, &x, &y, &w, &h));
  ck_assert (y > 40);
  ck_assert (y + 60 * h < gdk_pixbuf_get_height (image));

  /* Yarn B's symbol is a dot, white on the dark cranberry; yarn A is blank. */
  cell_color (image, p, &options, 12, 5, 0.5, 0.5, rgb);
  ck_assert_uint_eq (rgb[0], 255);
  ck_assert_uint_eq (rgb[1], 255);
  ck_assert_uint_eq (rgb[2], 255);
  cell_color (image, p, &options, 0, 5, 0.5, 0.5, rgb);
  assert_rgb (rgb, cream);

  /* The grid line between needles 10 and 11 is black (every 10th). */
  ck_assert (st_export_chart_image_cell (p, &options, 0, 10, &x, &y, &w, &h));
  export_pixel (image, (int) x, (int) (y + h / 2), rgb);
  ck_assert_uint_lt (rgb[0], 40);
  ck_assert_uint_lt (rgb[1], 40);
}
END_TEST

START_TEST (test_png_marks_and_cell_size)
{
  const char *rows[] = { "AAAAAAAAAA", "AAAAAAAAAA", "AAAAAAAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 3);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  StExportOptions options;
  StStitchRef dup = { 1, 4 };
  StCatch catch = { 2, 7, 1 };
  double x, y, w, h;
  guint8 rgb[3];

  g_array_append_val (p->duplicate_stitches, dup);
  g_array_append_val (p->catches, catch);
  st_export_options_init (&options, ST_EXPORT_PNG);
  options.cell_size = 32;
  bytes = st_export_to_bytes (p, &options, warnings, NULL);
  image = pixbuf_from_bytes (bytes);
  /* Two yarns: the catch is of B, the yarn not knit there; nothing lost. */
  ck_assert_uint_eq (warnings->len, 0);

  /* The test gauge is 14 x 16 per 10 cm: 7.14 x 6.25 mm, so 32 x 28. */
  ck_assert (st_export_chart_image_cell (p, &options, 1, 4, &x, &y, &w, &h));
  ck_assert_double_eq (w, 32);
  ck_assert_double_eq (h, 28);
  /* The duplicate stitch mark: a black corner at the top right. */
  export_pixel (image, (int) (x + w - 4), (int) (y + 3), rgb);
  ck_assert_uint_eq (rgb[0], 0);
  export_pixel (image, (int) (x + 5), (int) (y + h - 5), rgb);
  ck_assert_uint_eq (rgb[0], 0xf3);
  /* The catch mark: a hook drawn in black at the foot of the cell. */
  ck_assert (st_export_chart_image_cell (p, &options, 2, 7, &x, &y, &w, &h));
  {
    guint dark = 0;

    for (int py = (int) (y + h / 2); py < (int) (y + h - 2); py++)
      for (int px = (int) (x + 3); px < (int) (x + w - 3); px++)
        {
          export_pixel (image, px, py, rgb);
          dark += rgb[0] < 60;
        }
    ck_assert_uint_gt (dark, 10);
  }
}
END_TEST

/* The caught yarn's letter in the foot of a @caught catch at needle 2 of a
 * three-yarn chart, as dark pixels of a 32-pixel cell's right half. */
static GPtrArray *
catch_letter_pixels (guint8     caught,
                     GPtrArray *warnings)
{
  const char *rows[] = { "AAAABBBBCC" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) image = NULL;
  GPtrArray *dark = g_ptr_array_new ();
  StExportOptions options;
  StCatch catch = { 0, 2, caught };
  double x, y, w, h;
  guint8 rgb[3];

  g_array_append_val (p->catches, catch);
  st_export_options_init (&options, ST_EXPORT_PNG);
  options.cell_size = 32;
  bytes = st_export_to_bytes (p, &options, warnings, NULL);
  image = pixbuf_from_bytes (bytes);
  ck_assert (st_export_chart_image_cell (p, &options, 0, 2, &x, &y, &w, &h));
  for (int py = (int) (y + h / 2); py < (int) (y + h); py++)
    for (int px = (int) (x + w * 0.55); px < (int) (x + w); px++)
      {
        export_pixel (image, px, py, rgb);
        if (rgb[0] < 100)
          g_ptr_array_add (dark, GINT_TO_POINTER (py * 4096 + px));
      }
  return dark;
}

START_TEST (test_catches_of_three_yarns_named)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) c = catch_letter_pixels (2, warnings);
  g_autoptr(GPtrArray) b = catch_letter_pixels (1, warnings);
  gboolean same = c->len == b->len;

  /* Nothing to warn about: the image says which yarn each catch takes. */
  ck_assert_uint_eq (warnings->len, 0);
  /* A letter is drawn beside the hook, and a catch of C looks unlike a catch of B. */
  ck_assert_uint_gt (c->len, 8);
  ck_assert_uint_gt (b->len, 8);
  for (guint i = 0; same && i < c->len; i++)
    same = g_ptr_array_index (c, i) == g_ptr_array_index (b, i);
  ck_assert (!same);
}
END_TEST

START_TEST (test_legend_headers_do_not_overlap)
{
  /* Short yarn names ("YA") are narrower than the "Name" header, and the
   * key letter than "Key": each column must still be as wide as its
   * header plus a gap, or "Name" runs into "Weight". */
  const char *rows[] = { "ABABABAB" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 1);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  const char *headers[] = { "Yarn", "Key", "Name", "Weight", "Symbol" };
  StChartStyle style = { 0 };
  double cols[ST_LEGEND_N_COLUMNS], name_w;

  g_free (p->yarns[0].name);
  p->yarns[0].name = g_strdup ("YA");
  g_free (p->yarns[1].name);
  p->yarns[1].name = g_strdup ("YB");
  style.font_size = 10;
  st_chart_legend_columns (cr, p, &style, 0, 1000, cols, &name_w);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      double w;

      st_print_text_extent (cr, headers[c], style.font_size * 0.9, TRUE, &w, NULL);
      ck_assert_msg (cols[c + 1] - cols[c] >= w + style.font_size,
                     "column %s: %.1f wide, its header %.1f", headers[c], cols[c + 1] - cols[c], w);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_png_refuses_huge_images)
{
  g_autoptr(StPattern) p = st_pattern_new (st_profiles_lookup ("custom"), 1024, 2000, NULL);
  g_autoptr(GError) error = NULL;
  StExportOptions options;

  st_export_options_init (&options, ST_EXPORT_PNG);
  options.cell_size = 40;
  ck_assert_ptr_null (st_export_to_bytes (p, &options, NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_LIMIT));
  ck_assert_ptr_nonnull (strstr (error->message, "use a smaller cell size or the PDF export"));
  /* 1024 x 2000 stitches at 40 pixels: the sides fit, the pixel count
   * does not, and the message says so. */
  ck_assert_ptr_nonnull (strstr (error->message, "(32767 a side, 268 million pixels)"));
  g_clear_error (&error);

  options.cell_size = 0.5;
  ck_assert_ptr_null (st_export_to_bytes (p, &options, NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_INVALID));
  ck_assert_str_eq (error->message, "cell size 0.5 is outside 2 to 200");
}
END_TEST

START_TEST (test_svg_is_well_formed)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.svg", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *xmllint[] = { "xmllint", "--noout", path, NULL };
  StExportOptions options;
  ExportRun run;
  double x, y, w, h;

  st_export_options_init (&options, ST_EXPORT_SVG);
  ck_assert (st_export_to_file (p, &options, path, NULL, &error));
  run = export_run_argv (xmllint);
  ck_assert_msg (run.status == 0, "xmllint: %s", run.err);
  ck_assert_str_eq (run.err, "");
  export_run_clear (&run);

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (text, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  /* 14 points a stitch; 12.25 points a round at the sample's gauge. */
  ck_assert (st_export_chart_image_cell (p, &options, 0, 0, &x, &y, &w, &h));
  ck_assert_double_eq_tol (w, 14, 1e-9);
  ck_assert_double_eq_tol (h, 12.25, 1e-9);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_cli_png_and_svg)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "hat.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "hat.svg", NULL);
  g_autofree char *sample = export_sample_path ();
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *written = NULL;
  StExportOptions options;
  gsize length;
  ExportRun run = export_run_cli ("export", sample, "-o", png, "--cell-size", "12", NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.err, "");
  export_run_clear (&run);
  image = gdk_pixbuf_new_from_file (png, NULL);
  ck_assert_ptr_nonnull (image);
  st_export_options_init (&options, ST_EXPORT_PNG);
  options.cell_size = 12;
  expected = st_export_to_bytes (p, &options, NULL, NULL);
  ck_assert (g_file_get_contents (png, &written, &length, NULL));
  ck_assert_uint_eq (length, g_bytes_get_size (expected));
  ck_assert (memcmp (written, g_bytes_get_data (expected, NULL), length) == 0);

  run = export_run_cli ("export", sample, "--format", "svg", "-o", svg, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  export_run_clear (&run);

  run = export_run_cli ("export", sample, "-o", png, "--cell-size", "1000", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--cell-size 1000 is outside 2 to 200"));
  export_run_clear (&run);
  /* A chart too big for a PNG: the target cannot carry the pattern, exit
   * 1 as --help says (it was 2, bad usage). */
  {
    g_autoptr(StPattern) big = st_pattern_new (st_profiles_lookup ("custom"), 1024, 2000, NULL);
    g_autofree char *big_path = g_build_filename (dir, "big.stranded", NULL);

    ck_assert (st_pattern_save_file (big, big_path, NULL));
    run = export_run_cli ("export", big_path, "-o", png, "--cell-size", "20", NULL);
    ck_assert_int_eq (run.status, 1);
    ck_assert_ptr_nonnull (strstr (run.err, "more than a PNG export allows"));
    export_run_clear (&run);
  }
  /* 0 was taken for "not given" and silently became the default. */
  run = export_run_cli ("export", sample, "-o", png, "--cell-size", "0", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--cell-size 0 is outside 2 to 200"));
  export_run_clear (&run);
  run = export_run_cli ("export", sample, "--format", "png", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "png is binary"));
  export_run_clear (&run);
  run = export_run_cli ("export", sample, "--format", "gif", "-o", png, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "unknown format 'gif'"));
  export_run_clear (&run);
  run = export_run_cli ("export", sample, "-o", "hat.unknown", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_format_names)
{
  StExportFormat f;
  StPaper paper;
  double w, h;

  ck_assert (st_export_format_from_string ("png-stitches", &f));
  ck_assert_int_eq (f, ST_EXPORT_PNG_STITCHES);
  ck_assert (st_export_format_from_string ("KNITOUT", &f));
  ck_assert_int_eq (f, ST_EXPORT_KNITOUT);
  ck_assert (!st_export_format_from_string ("jpeg", &f));
  ck_assert (st_export_format_from_path ("/tmp/a.b/hat.k", &f));
  ck_assert_int_eq (f, ST_EXPORT_KNITOUT);
  ck_assert (st_export_format_from_path ("hat.PDF", &f));
  ck_assert_int_eq (f, ST_EXPORT_PDF);
  ck_assert (st_export_format_from_path ("hat.png", &f));
  ck_assert_int_eq (f, ST_EXPORT_PNG);
  ck_assert (!st_export_format_from_path ("/tmp/a.b/hat", &f));
  ck_assert_str_eq (st_export_format_extension (ST_EXPORT_PNG_STITCHES), "png");
  ck_assert (st_paper_from_string ("Letter", &paper));
  st_paper_size (paper, &w, &h);
  ck_assert_double_eq (w, 612);
  ck_assert_double_eq (h, 792);
  ck_assert (!st_paper_from_string ("a5", &paper));
}
END_TEST

static Suite *
render_suite (void)
{
  Suite *s = suite_create ("export-render");
  TCase *tc = tcase_create ("render");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_png_cells_have_yarn_colours);
  tcase_add_test (tc, test_png_marks_and_cell_size);
  tcase_add_test (tc, test_catches_of_three_yarns_named);
  tcase_add_test (tc, test_png_refuses_huge_images);
  tcase_add_test (tc, test_legend_headers_do_not_overlap);
  tcase_add_test (tc, test_svg_is_well_formed);
  tcase_add_test (tc, test_cli_png_and_svg);
  tcase_add_test (tc, test_format_names);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (render_suite ());
}
