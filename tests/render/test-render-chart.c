/* SPDX-License-Identifier: GPL-3.0-or-later
 * Chart rendering, checked pixel by pixel on cairo image surfaces.
 * Test yarn colours (tests/st-test-util.h): A #f3ecd9, B #9b1b30, C #1b4f9b.
 */
#include "render-test-util.h"
#include "st-chart-render.h"
#include "st-edit.h"
#include "st-test-util.h"

#define A_RGB 0xf3, 0xec, 0xd9
#define B_RGB 0x9b, 0x1b, 0x30
#define C_RGB 0x1b, 0x4f, 0x9b

static cairo_surface_t *
render (const StPattern      *pattern,
        const StChartLayout  *layout,
        const StChartRenderStyle *style,
        const StChartOverlay *overlay)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (layout->width),
                                                         (int) ceil (layout->height));
  g_autoptr(cairo_t) cr = cairo_create (surface);

  st_chart_render (cr, pattern, layout, style, overlay);
  return surface;
}

/* No gutters, grid, numbers or seam: just the stitches. */
static void
bare_style (StChartRenderStyle *style)
{
  st_chart_render_style_init (style, FALSE);
  style->show_grid = FALSE;
  style->show_numbers = FALSE;
  style->show_seam = FALSE;
}

static void
bare_layout (StChartLayout   *layout,
             const StPattern *pattern,
             double           cell,
             double           width)
{
  st_chart_layout_init_for_pattern (layout, pattern, cell, 0, 0);
  layout->gutter_left = 0;
  layout->gutter_bottom = 0;
  st_chart_layout_set_size (layout, width, ceil (st_pattern_rows (pattern) * layout->cell_height));
}

static const char *const small_rows[] = { "ABAB", "BBAA", "CCCC" };

START_TEST (test_cells_round_one_at_bottom)
{
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", small_rows, 3);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;

  bare_style (&style);
  /* 16 px stitches at 14/16 gauge: 14 px rounds, 42 px for three. */
  bare_layout (&layout, pattern, 16, 64);
  ck_assert_double_eq (layout.height, 42);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-small.png");

  /* Round 1 (ABAB) is the bottom band, y 28..42. */
  ck_assert (pixel_near (pixel_at (surface, 8, 35), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 24, 35), B_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 56, 41), B_RGB, 0));
  /* Round 2 (BBAA), y 14..28. */
  ck_assert (pixel_near (pixel_at (surface, 8, 21), B_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 40, 21), A_RGB, 0));
  /* Round 3 (CCCC) at the top, edges included: cells snap to pixels. */
  ck_assert (pixel_near (pixel_at (surface, 0, 0), C_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 63, 13), C_RGB, 0));
}
END_TEST

START_TEST (test_wrapping_and_seam)
{
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", small_rows, 3);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;

  bare_style (&style);
  style.show_seam = TRUE;
  /* Six columns of a four-needle round: columns 4 and 5 are needles 1, 2. */
  bare_layout (&layout, pattern, 16, 96);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-wrap.png");
  ck_assert (pixel_near (pixel_at (surface, 72, 35), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 88, 35), B_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 88, 21), B_RGB, 0));
  /* The seam is a 2 px line on the boundary at x = 64. */
  ck_assert (pixel_near (pixel_at (surface, 63, 20), 227, 89, 13, 1));
  ck_assert (pixel_near (pixel_at (surface, 64, 20), 227, 89, 13, 1));
  ck_assert (pixel_near (pixel_at (surface, 66, 20), B_RGB, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* Panned half a round: column 2 is at the left edge. */
  layout.scroll_column = 2;
  surface = render (pattern, &layout, &style, NULL);
  ck_assert (pixel_near (pixel_at (surface, 8, 35), A_RGB, 0));   /* needle 3 */
  ck_assert (pixel_near (pixel_at (surface, 24, 35), B_RGB, 0));  /* needle 4 */
  ck_assert (pixel_near (pixel_at (surface, 40, 35), A_RGB, 0));  /* needle 1 again */
  ck_assert (pixel_near (pixel_at (surface, 32, 20), 227, 89, 13, 1));
}
END_TEST

START_TEST (test_grid_emphasis)
{
  const char *rows[] = { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 3);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;
  double plain, minor, fifth, tenth;

  bare_style (&style);
  style.show_grid = TRUE;
  bare_layout (&layout, pattern, 10, 300);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-grid.png");

  /* Vertical lines fall on the first pixel column of each stitch. Middle
   * of round 2 is y = 14 (boundaries at y 18 and 10). */
  plain = pixel_luminance (pixel_at (surface, 12, 14));
  minor = pixel_luminance (pixel_at (surface, 30, 14));
  fifth = pixel_luminance (pixel_at (surface, 50, 14));
  tenth = pixel_luminance (pixel_at (surface, 100, 14));
  ck_assert (pixel_near (pixel_at (surface, 12, 14), A_RGB, 0));
  ck_assert (minor < plain);
  ck_assert (fifth < minor - 0.1);
  ck_assert (tenth < fifth - 0.1);
  /* Line strength is the alpha of black over cream: 0.16, 0.34, 0.62. */
  ck_assert_int_le (ABS (pixel_at (surface, 30, 14).r - (int) round (0xf3 * 0.84)), 1);
  ck_assert_int_eq (pixel_at (surface, 200, 14).r, pixel_at (surface, 100, 14).r);
  ck_assert_int_eq (pixel_at (surface, 150, 14).r, pixel_at (surface, 50, 14).r);
}
END_TEST

START_TEST (test_stitch_shapes)
{
  const char *rows[] = { "AB" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 1);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;
  StStitchStyle parsed;

  bare_style (&style);
  ck_assert (st_stitch_style_from_name ("stitches", &parsed));
  ck_assert_int_eq (parsed, ST_STITCH_STYLE_STITCHES);
  ck_assert (!st_stitch_style_from_name ("fancy", &parsed));
  style.stitch_style = parsed;
  bare_layout (&layout, pattern, 40, 80);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-stitches.png");

  /* Between the legs at the top of the "V": the yarn darkened to 62%. */
  ck_assert (pixel_near (pixel_at (surface, 20, 4), 151, 146, 135, 2));
  ck_assert (pixel_near (pixel_at (surface, 60, 4), 96, 17, 30, 2));
  /* The middle of each leg: the yarn itself. */
  ck_assert (pixel_near (pixel_at (surface, 11, 17), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 28, 17), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 51, 17), B_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 68, 17), B_RGB, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* With the grid on, stitches need no line of their own between them: the
   * gap at the left edge of needle 2 (x = 40) stays the darkened yarn. */
  style.show_grid = TRUE;
  surface = render (pattern, &layout, &style, NULL);
  ck_assert (pixel_near (pixel_at (surface, 40, 17), 96, 17, 30, 2));
  cairo_surface_destroy (g_steal_pointer (&surface));
  style.show_grid = FALSE;

  /* Too small for shapes: plain cells. */
  bare_layout (&layout, pattern, 6, 12);
  surface = render (pattern, &layout, &style, NULL);
  ck_assert (pixel_near (pixel_at (surface, 3, 3), A_RGB, 0));
}
END_TEST

static gboolean
has_ink (cairo_surface_t *surface,
         int              x0,
         int              x1,
         int              y0,
         int              y1)
{
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      if (pixel_luminance (pixel_at (surface, x, y)) < 0.6)
        return TRUE;
  return FALSE;
}

START_TEST (test_numbers)
{
  const char *row = "AAAAAAAAAA";
  const char *rows[30];
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    rows[i] = row;
  pattern = st_test_pattern ("custom", "AB", rows, G_N_ELEMENTS (rows));
  st_chart_render_style_init (&style, FALSE);
  style.show_grid = FALSE;
  /* 4 px stitches, 3.5 px rounds: a label every 5th round and needle. */
  st_chart_layout_init_for_pattern (&layout, pattern, 4, 0, 0);
  ck_assert_double_eq (layout.gutter_left, 26);
  ck_assert_double_eq (layout.gutter_bottom, 23);
  st_chart_layout_fit_whole (&layout);
  ck_assert_double_eq (layout.height, 23 + 105);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-numbers.png");

  /* "1" beside round 1 at the bottom (centre y = 105 - 1.75), "5" beside
   * round 5 (centre 105 - 15.75), nothing beside round 3 (98). */
  ck_assert (has_ink (surface, 0, 25, 100, 106));
  ck_assert (has_ink (surface, 0, 25, 86, 92));
  ck_assert (!has_ink (surface, 0, 25, 96, 97));
  /* Needle numbers: "1" under needle 1 (x 26..30), "5" under needle 5
   * (x 42..46); "10" is dropped so it does not crowd the "1" after the
   * seam; nothing under needle 3 (x 35..37). */
  ck_assert (has_ink (surface, 26, 30, 112, 126));
  ck_assert (has_ink (surface, 42, 46, 112, 126));
  ck_assert (!has_ink (surface, 35, 37, 110, 126));
  ck_assert (!has_ink (surface, 60, 65, 110, 126));

  ck_assert_uint_eq (st_chart_label_step (3.5, 13.2), 5);
  ck_assert_uint_eq (st_chart_label_step (10, 13.2), 2);
  ck_assert_uint_eq (st_chart_label_step (20, 13.2), 1);
  ck_assert_uint_eq (st_chart_label_step (1, 13), 20);
  ck_assert_uint_eq (st_chart_label_step (0.1, 13), 200);
}
END_TEST

static gboolean
tint_needle_2 (gpointer  data,
               guint     row,
               guint     needle,
               StRgba   *tint)
{
  guint *calls = data;

  (*calls)++;
  if (row != 0 || needle != 2)
    return FALSE;
  *tint = (StRgba) { 1, 0, 0, 0.5 };
  return TRUE;
}

START_TEST (test_overlays)
{
  const char *rows[] = { "AAAA", "AAAA", "AAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 3);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;
  StChartOverlay overlay;
  guint calls = 0;

  bare_style (&style);
  bare_layout (&layout, pattern, 16, 96);

  /* Cursor on round 2, column 1 (x 16..32, y 14..28): a white ring inside
   * a black one. */
  st_chart_overlay_init (&overlay);
  overlay.has_cursor = TRUE;
  overlay.cursor_row = 1;
  overlay.cursor_column = 1;
  surface = render (pattern, &layout, &style, &overlay);
  save_artifact (surface, "chart-cursor.png");
  ck_assert (pixel_near (pixel_at (surface, 16, 21), 255, 255, 255, 0));
  ck_assert (pixel_luminance (pixel_at (surface, 15, 21)) < 0.15);
  ck_assert (pixel_near (pixel_at (surface, 24, 21), A_RGB, 0));
  /* The same needle one round of columns later (column 5) has it too. */
  ck_assert (pixel_near (pixel_at (surface, 80, 21), 255, 255, 255, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* A selection of needles 4 and 1 (columns 3..4) across the seam: drawn
   * on column 0 as well, which shows needle 1. */
  st_chart_overlay_init (&overlay);
  overlay.has_selection = TRUE;
  overlay.selection_row0 = 0;
  overlay.selection_row1 = 2;
  overlay.selection_column0 = 3;
  overlay.selection_column1 = 4;
  surface = render (pattern, &layout, &style, &overlay);
  ck_assert (pixel_at (surface, 8, 21).b > pixel_at (surface, 8, 21).r);
  ck_assert (pixel_near (pixel_at (surface, 24, 21), A_RGB, 0));
  ck_assert (pixel_at (surface, 56, 21).b > pixel_at (surface, 56, 21).r);
  ck_assert (pixel_at (surface, 72, 21).b > pixel_at (surface, 72, 21).r);
  ck_assert (pixel_near (pixel_at (surface, 88, 21), A_RGB, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* Tints are asked for visible stitches only: 6 columns x 3 rounds. */
  st_chart_overlay_init (&overlay);
  overlay.tint = tint_needle_2;
  overlay.tint_data = &calls;
  surface = render (pattern, &layout, &style, &overlay);
  ck_assert_uint_eq (calls, 18);
  ck_assert (pixel_near (pixel_at (surface, 40, 35), 249, 118, 108, 2));
  ck_assert (pixel_near (pixel_at (surface, 40, 21), A_RGB, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* The highlighted round 3 (y 0..14) is washed yellow. */
  st_chart_overlay_init (&overlay);
  overlay.highlight_row = 2;
  surface = render (pattern, &layout, &style, &overlay);
  ck_assert (pixel_near (pixel_at (surface, 24, 7), 247, 229, 159, 3));
  ck_assert (pixel_near (pixel_at (surface, 24, 21), A_RGB, 0));
}
END_TEST

START_TEST (test_repeat_lines)
{
  const char *rows[] = { "AAAAAAAAAAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 2);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;
  StChartOverlay overlay;
  Pixel p;

  bare_style (&style);
  bare_layout (&layout, pattern, 10, 120);
  st_chart_overlay_init (&overlay);
  overlay.repeat_width = 4;
  overlay.mirror = TRUE;
  surface = render (pattern, &layout, &style, &overlay);
  save_artifact (surface, "chart-repeats.png");
  /* Dashed blue boundaries at needles 4 and 8 (x = 40, 80), dotted mirror
   * axes at 2, 6, 10 (x = 20, 60, 100); none at needle 3 (x = 30). */
  p = pixel_at (surface, 40, 1);
  ck_assert (p.b > p.r + 80);
  p = pixel_at (surface, 80, 1);
  ck_assert (p.b > p.r + 80);
  p = pixel_at (surface, 60, 1);
  ck_assert (p.b > p.r + 40);
  ck_assert (pixel_near (pixel_at (surface, 30, 1), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 35, 1), A_RGB, 0));
}
END_TEST

START_TEST (test_huge_chart_viewport)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = st_pattern_new (st_profiles_lookup ("custom"), 1024, 20000, &error);
  g_autoptr(cairo_surface_t) surface = NULL;
  StChartRenderStyle style;
  StChartLayout layout;
  gint64 t0, t1;

  ck_assert_ptr_nonnull (pattern);
  st_chart_set (pattern->chart, 19999, 1023, 1);
  st_chart_set (pattern->chart, 0, 0, 1);
  pattern->stitches_per_10cm = 14;
  pattern->rows_per_10cm = 16;
  bare_style (&style);
  st_chart_layout_init_for_pattern (&layout, pattern, 10, 100, 70);
  layout.gutter_left = 0;
  layout.gutter_bottom = 0;
  /* The top right corner: rounds 19992..19999, columns 1020..1029. */
  layout.scroll_row = 20000;
  layout.scroll_column = 1020;
  st_chart_layout_clamp (&layout);
  ck_assert_double_eq (layout.scroll_row, 19992);
  t0 = g_get_monotonic_time ();
  surface = render (pattern, &layout, &style, NULL);
  t1 = g_get_monotonic_time ();
  /* Drawn: the last stitch of the last round in cranberry, the seam after
   * it wrapping to needle 1 in cream. */
  ck_assert (pixel_near (pixel_at (surface, 35, 4), 0x9b, 0x1b, 0x30, 0));
  ck_assert (pixel_near (pixel_at (surface, 45, 4), 0xf3, 0xec, 0xd9, 0));
  ck_assert (pixel_near (pixel_at (surface, 35, 14), 0xf3, 0xec, 0xd9, 0));
  g_print ("1024x20000 viewport rendered in %.2f ms\n", (t1 - t0) / 1000.0);
}
END_TEST

START_TEST (test_catch_and_duplicate_marks)
{
  const char *rows[] = { "AAAA", "AAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "AB", rows, 2);
  g_autoptr(cairo_surface_t) surface = NULL;
  StCatch catch = { 0, 1, 1 };
  StChartRenderStyle style;
  StChartLayout layout;

  ck_assert (st_edit_set_catches (pattern, NULL, &catch, 1));
  ck_assert (st_edit_toggle_duplicate_stitch (pattern, NULL, 1, 2));
  bare_style (&style);
  /* 20 px stitches, 17.5 px rounds, 35 px tall: mark size 5.6 px. */
  bare_layout (&layout, pattern, 20, 80);
  surface = render (pattern, &layout, &style, NULL);
  save_artifact (surface, "chart-marks.png");
  /* A cranberry diamond at the foot of round 1, needle 2 (centre 30, 28.8). */
  ck_assert (pixel_near (pixel_at (surface, 30, 28), B_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 30, 20), A_RGB, 0));
  ck_assert (pixel_near (pixel_at (surface, 10, 28), A_RGB, 0));
  /* A dark ring on round 2, needle 3 (centre 50, 8.75): dark on the ring,
   * cream inside it. */
  ck_assert (pixel_luminance (pixel_at (surface, 55, 8)) < 0.5);
  ck_assert (pixel_near (pixel_at (surface, 50, 8), A_RGB, 0));
  cairo_surface_destroy (g_steal_pointer (&surface));

  /* Turned off, or too small to read: no marks. */
  style.show_marks = FALSE;
  surface = render (pattern, &layout, &style, NULL);
  ck_assert (pixel_near (pixel_at (surface, 30, 28), A_RGB, 0));
}
END_TEST

static Suite *
chart_suite (void)
{
  Suite *s = suite_create ("render-chart");
  TCase *tc = tcase_create ("chart");

  tcase_add_test (tc, test_cells_round_one_at_bottom);
  tcase_add_test (tc, test_wrapping_and_seam);
  tcase_add_test (tc, test_grid_emphasis);
  tcase_add_test (tc, test_stitch_shapes);
  tcase_add_test (tc, test_numbers);
  tcase_add_test (tc, test_overlays);
  tcase_add_test (tc, test_repeat_lines);
  tcase_add_test (tc, test_huge_chart_viewport);
  tcase_add_test (tc, test_catch_and_duplicate_marks);
  tcase_set_timeout (tc, 30);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (chart_suite ());
}
