/* SPDX-License-Identifier: GPL-3.0-or-later
 * The 3D preview: orientation, proportions, shading, the inside showing
 * through the top, hat crown and pompom, large charts. Pixel checks.
 */
#include <math.h>
#include <string.h>

#include "render-test-util.h"
#include "st-preview-render.h"
#include "st-test-util.h"

#define SIZE 240

static StPattern *
half_and_half (guint rows)
{
  /* Needles 1-24 cranberry (B), 25-48 blue (C). */
  const char *row = "BBBBBBBBBBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCCCCCCCCC";
  const char **strings = g_new (const char *, rows);
  StPattern *pattern;

  for (guint i = 0; i < rows; i++)
    strings[i] = row;
  pattern = st_test_pattern ("custom", "ABC", strings, rows);
  g_free (strings);
  return pattern;
}

static StPattern *
plain_tube (guint rows)
{
  StPattern *pattern = half_and_half (rows);

  memset (pattern->chart->cells, 0, (gsize) st_pattern_needles (pattern) * rows);
  return pattern;
}

static cairo_surface_t *
render (const StPattern        *pattern,
        const StPreviewOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  st_preview_render (cr, pattern, options, SIZE, SIZE);
  return surface;
}

static void
side_view (StPreviewOptions *options)
{
  st_preview_options_init (options);
  options->tilt = 0;
  options->stitches = FALSE;
}

/* The opaque extent of row @y, or FALSE if it is empty. */
static gboolean
span (cairo_surface_t *surface,
      int              y,
      int             *left,
      int             *right)
{
  *left = -1;
  for (int x = 0; x < SIZE; x++)
    if (pixel_at (surface, x, y).a > 128)
      {
        if (*left < 0)
          *left = x;
        *right = x;
      }
  return *left >= 0;
}

static void
vertical_extent (cairo_surface_t *surface,
                 int              x,
                 int             *top,
                 int             *bottom)
{
  *top = -1;
  for (int y = 0; y < SIZE; y++)
    if (pixel_at (surface, x, y).a > 128)
      {
        if (*top < 0)
          *top = y;
        *bottom = y;
      }
}

START_TEST (test_rotation_brings_needles_to_front)
{
  g_autoptr(StPattern) pattern = half_and_half (20);
  g_autoptr(cairo_surface_t) front = NULL, back = NULL;
  StPreviewOptions options;
  Pixel p;

  side_view (&options);
  /* Turn needle 13 (the middle of the cranberry half) to the front. */
  options.rotation = G_PI - 2 * G_PI * 12.5 / 48;
  front = render (pattern, &options);
  save_artifact (front, "preview-front.png");
  p = pixel_at (front, SIZE / 2, SIZE / 2);
  ck_assert_int_eq (p.a, 255);
  ck_assert (p.r > p.b + 40);

  /* Half a turn more: the blue half faces us. */
  options.rotation += G_PI;
  back = render (pattern, &options);
  p = pixel_at (back, SIZE / 2, SIZE / 2);
  ck_assert (p.b > p.r + 40);

  /* At rotation 0 the seam is at the back: needle 24|25 is at the front
   * centre, cranberry on the left, blue on the right. */
  options.rotation = 0;
  cairo_surface_destroy (g_steal_pointer (&front));
  front = render (pattern, &options);
  p = pixel_at (front, SIZE / 2 - 12, SIZE / 2);
  ck_assert (p.r > p.b + 40);
  p = pixel_at (front, SIZE / 2 + 12, SIZE / 2);
  ck_assert (p.b > p.r + 40);
}
END_TEST

START_TEST (test_gauge_proportions_and_shading)
{
  g_autoptr(StPattern) pattern = plain_tube (20);
  g_autoptr(cairo_surface_t) surface = NULL;
  StPreviewOptions options;
  int left, right, top, bottom;
  double centre, left_edge, right_edge;

  side_view (&options);
  surface = render (pattern, &options);
  save_artifact (surface, "preview-shading.png");
  ck_assert (span (surface, SIZE / 2, &left, &right));
  vertical_extent (surface, SIZE / 2, &top, &bottom);
  /* 48 stitches of 7.14 mm make a tube 109 mm across; 20 rounds of
   * 6.25 mm are 125 mm tall: seen from the side, 0.873 wide per tall. */
  ck_assert_double_eq_tol ((right - left + 1.0) / (bottom - top + 1.0), 0.873, 0.03);

  /* Lit from the upper left: brightest near the middle, darker at the left
   * edge, darkest at the right. */
  centre = pixel_luminance (pixel_at (surface, (left + right) / 2, SIZE / 2));
  left_edge = pixel_luminance (pixel_at (surface, left + 3, SIZE / 2));
  right_edge = pixel_luminance (pixel_at (surface, right - 3, SIZE / 2));
  ck_assert (centre > left_edge + 0.1);
  ck_assert (left_edge > right_edge + 0.05);
}
END_TEST

START_TEST (test_inside_through_the_top)
{
  g_autoptr(StPattern) pattern = plain_tube (20);
  g_autoptr(cairo_surface_t) side = NULL, above = NULL;
  StPreviewOptions options;
  int top, bottom;

  side_view (&options);
  side = render (pattern, &options);
  vertical_extent (side, SIZE / 2, &top, &bottom);
  ck_assert (pixel_luminance (pixel_at (side, SIZE / 2, top + 4)) > 0.5);

  /* Looking down, the back wall's inside (the purl side, in shadow) shows
   * just below the far rim. */
  options.tilt = 0.6;
  above = render (pattern, &options);
  save_artifact (above, "preview-tilt.png");
  vertical_extent (above, SIZE / 2, &top, &bottom);
  ck_assert (pixel_luminance (pixel_at (above, SIZE / 2, top + 4)) < 0.35);
  /* The front is still lit. */
  ck_assert (pixel_luminance (pixel_at (above, SIZE / 2, bottom - 10)) > 0.5);
}
END_TEST

START_TEST (test_hat_crown_and_pompom)
{
  g_autoptr(StPattern) pattern = plain_tube (40);
  g_autoptr(cairo_surface_t) tube = NULL, hat = NULL, pompom = NULL;
  StPreviewOptions options;
  int top, bottom, left, right, mid_width, top_width;
  Pixel p;

  side_view (&options);
  ck_assert_uint_eq (st_preview_crown_rows (pattern, &options), 0);
  tube = render (pattern, &options);
  vertical_extent (tube, SIZE / 2, &top, &bottom);
  span (tube, (top + bottom) / 2, &left, &right);
  mid_width = right - left;
  span (tube, top + 3, &left, &right);
  top_width = right - left;
  ck_assert_int_ge (top_width, mid_width - 2);

  /* Hat mode gathers the last fifth (8 rounds) into a narrow crown. */
  options.hat = TRUE;
  options.pompom = FALSE;
  ck_assert_uint_eq (st_preview_crown_rows (pattern, &options), 8);
  hat = render (pattern, &options);
  save_artifact (hat, "preview-hat.png");
  vertical_extent (hat, SIZE / 2, &top, &bottom);
  span (hat, (top + bottom) / 2, &left, &right);
  mid_width = right - left;
  span (hat, top + 3, &left, &right);
  top_width = right - left;
  ck_assert_int_lt (top_width, mid_width * 3 / 4);
  p = pixel_at (hat, SIZE / 2, top + 6);
  ck_assert (p.r > p.b);

  /* A blue pompom sits on the cinched top. */
  options.pompom = TRUE;
  options.pompom_yarn = 2;
  pompom = render (pattern, &options);
  save_artifact (pompom, "preview-pompom.png");
  vertical_extent (pompom, SIZE / 2, &top, &bottom);
  p = pixel_at (pompom, SIZE / 2, top + 8);
  ck_assert (p.b > p.r + 40);

  options.crown_rows = 5;
  ck_assert_uint_eq (st_preview_crown_rows (pattern, &options), 5);
}
END_TEST

START_TEST (test_stitch_shapes_when_large)
{
  const char *rows[] = { "AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 3);
  g_autoptr(cairo_surface_t) flat = NULL, shaped = NULL;
  StPreviewOptions options;
  gboolean differs = FALSE;

  side_view (&options);
  flat = render (pattern, &options);
  options.stitches = TRUE;
  shaped = render (pattern, &options);
  save_artifact (shaped, "preview-stitches.png");
  /* Twelve big stitches: the "V" gaps darken some pixels of the front. */
  for (int x = SIZE / 2 - 20; x < SIZE / 2 + 20 && !differs; x++)
    for (int y = SIZE / 2 - 20; y < SIZE / 2 + 20 && !differs; y++)
      if (pixel_luminance (pixel_at (shaped, x, y)) < pixel_luminance (pixel_at (flat, x, y)) - 0.15)
        differs = TRUE;
  ck_assert (differs);
}
END_TEST

START_TEST (test_huge_chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = st_pattern_new (st_profiles_lookup ("custom"), 1024, 20000, &error);
  g_autoptr(cairo_surface_t) surface = NULL;
  StPreviewOptions options;
  gint64 t0, t1;
  Pixel p;

  ck_assert_ptr_nonnull (pattern);
  memset (pattern->chart->cells, 1, (gsize) 1024 * 20000);
  st_preview_options_init (&options);
  t0 = g_get_monotonic_time ();
  surface = render (pattern, &options);
  t1 = g_get_monotonic_time ();
  p = pixel_at (surface, SIZE / 2, SIZE / 2);
  ck_assert_int_eq (p.a, 255);
  ck_assert (p.r > p.b + 30);
  g_print ("1024x20000 preview rendered in %.1f ms\n", (t1 - t0) / 1000.0);
}
END_TEST

START_TEST (test_stays_in_its_rectangle)
{
  g_autoptr(StPattern) pattern = plain_tube (20);
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  StPreviewOptions options;

  /* Two previews side by side on one surface, each with a background. */
  st_preview_options_init (&options);
  options.background = (StRgba) { 0, 0, 1, 1 };
  st_preview_render (cr, pattern, &options, 100, 100);
  cairo_translate (cr, 100, 0);
  options.background = (StRgba) { 0, 1, 0, 1 };
  st_preview_render (cr, pattern, &options, 100, 100);
  ck_assert (pixel_near (pixel_at (surface, 2, 2), 0, 0, 255, 0));
  ck_assert (pixel_near (pixel_at (surface, 102, 2), 0, 255, 0, 0));
}
END_TEST

/* The rows of pixels that differ between two renders: first and last. */
static gboolean
changed_rows (cairo_surface_t *a,
              cairo_surface_t *b,
              int             *first,
              int             *last)
{
  *first = -1;
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        Pixel p = pixel_at (a, x, y), q = pixel_at (b, x, y);

        if (ABS (p.r - q.r) + ABS (p.g - q.g) + ABS (p.b - q.b) > 30)
          {
            if (*first < 0)
              *first = y;
            *last = y;
            break;
          }
      }
  return *first >= 0;
}

START_TEST (test_highlighted_round)
{
  g_autoptr(StPattern) pattern = half_and_half (20);
  g_autoptr(cairo_surface_t) plain = NULL, low = NULL, high = NULL;
  StPreviewOptions options;
  int top, bottom, low0, low1, high0, high1;
  double row_px;
  Pixel before, after;

  side_view (&options);
  plain = render (pattern, &options);
  vertical_extent (plain, SIZE / 2 + 12, &top, &bottom);
  row_px = (bottom - top + 1) / 20.0;

  /* Round 3 (row 2): a band about one round tall, two rounds above the
   * bottom edge (round 1 is at the bottom). */
  options.has_highlight = TRUE;
  options.highlight_row = 2;
  low = render (pattern, &options);
  save_artifact (low, "preview-highlight.png");
  ck_assert (changed_rows (plain, low, &low0, &low1));
  ck_assert_int_le (low1 - low0 + 1, (int) (row_px * 1.6) + 4);
  ck_assert_double_eq_tol ((low0 + low1) / 2.0, bottom - 2.5 * row_px, row_px);

  /* Inside the band the blue half turns towards the highlight's yellow. */
  before = pixel_at (plain, SIZE / 2 + 12, (low0 + low1) / 2);
  after = pixel_at (low, SIZE / 2 + 12, (low0 + low1) / 2);
  ck_assert_int_gt (after.r, before.r + 60);
  ck_assert_int_gt (after.g, before.g + 40);

  /* Round 18 is 15 rounds higher up. */
  options.highlight_row = 17;
  high = render (pattern, &options);
  ck_assert (changed_rows (plain, high, &high0, &high1));
  ck_assert_double_eq_tol ((low0 + low1) / 2.0 - (high0 + high1) / 2.0, 15 * row_px, row_px);

  /* Rows past the end highlight nothing. */
  options.highlight_row = 20;
  cairo_surface_destroy (g_steal_pointer (&high));
  high = render (pattern, &options);
  ck_assert (!changed_rows (plain, high, &high0, &high1));
}
END_TEST

static Suite *
preview_suite (void)
{
  Suite *s = suite_create ("render-preview");
  TCase *tc = tcase_create ("preview");

  tcase_add_test (tc, test_rotation_brings_needles_to_front);
  tcase_add_test (tc, test_gauge_proportions_and_shading);
  tcase_add_test (tc, test_inside_through_the_top);
  tcase_add_test (tc, test_hat_crown_and_pompom);
  tcase_add_test (tc, test_stitch_shapes_when_large);
  tcase_add_test (tc, test_huge_chart);
  tcase_add_test (tc, test_stays_in_its_rectangle);
  tcase_add_test (tc, test_highlighted_round);
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (preview_suite ());
}
