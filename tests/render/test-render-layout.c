/* SPDX-License-Identifier: GPL-3.0-or-later
 * Chart layout: gauge aspect ratio, hit-testing with wrapping needles,
 * visible ranges, panning, zooming and scrolling to a cell.
 */
#include <math.h>

#include "st-chart-layout.h"
#include "st-test-util.h"

/* 48 needles x 60 rounds, 10 px stitches at 14/16 gauge: rounds 8.75 px. */
static void
make_layout (StChartLayout *layout,
             gboolean       wrap)
{
  st_chart_layout_init (layout, 48, 60, wrap, 14, 16, 10, 300, 200);
  layout->gutter_left = 20;
  layout->gutter_bottom = 25;
}

START_TEST (test_aspect_from_gauge)
{
  StChartLayout layout;

  make_layout (&layout, TRUE);
  /* A stitch is 100/14 = 7.14 mm wide and 100/16 = 6.25 mm tall. */
  ck_assert_double_eq_tol (layout.cell_height, 8.75, 1e-9);
  ck_assert_double_eq_tol (st_chart_layout_area_width (&layout), 280, 1e-9);
  ck_assert_double_eq_tol (st_chart_layout_area_height (&layout), 175, 1e-9);

  /* Clamped to the zoom limits. */
  st_chart_layout_init (&layout, 48, 60, TRUE, 14, 16, 0.5, 300, 200);
  ck_assert_double_eq (layout.cell_width, ST_CHART_MIN_CELL_WIDTH);
}
END_TEST

START_TEST (test_cell_at_round_one_at_bottom)
{
  StChartLayout layout;
  gint64 row, column;
  double x, y, w, h;

  make_layout (&layout, TRUE);
  /* Just above the needle gutter, just right of the round gutter. */
  ck_assert (st_chart_layout_cell_at (&layout, 21, 174, &row, &column));
  ck_assert_int_eq (row, 0);
  ck_assert_int_eq (column, 0);
  /* 3 cells right, 2 rounds up: x = 20 + 35, y = 175 - 2.5 * 8.75. */
  ck_assert (st_chart_layout_cell_at (&layout, 55, 175 - 2.5 * 8.75, &row, &column));
  ck_assert_int_eq (row, 2);
  ck_assert_int_eq (column, 3);

  st_chart_layout_cell_rect (&layout, 2, 3, &x, &y, &w, &h);
  ck_assert_double_eq_tol (x, 50, 1e-9);
  ck_assert_double_eq_tol (y, 175 - 3 * 8.75, 1e-9);
  ck_assert_double_eq_tol (w, 10, 1e-9);
  ck_assert_double_eq_tol (h, 8.75, 1e-9);

  /* In the gutters: no stitch, but the coordinates still follow. */
  ck_assert (!st_chart_layout_cell_at (&layout, 10, 100, &row, &column));
  ck_assert_int_eq (column, -1);
  ck_assert (!st_chart_layout_cell_at (&layout, 100, 190, &row, &column));
  ck_assert_int_eq (row, -2);
}
END_TEST

START_TEST (test_cell_at_wraps_needles)
{
  StChartLayout layout;
  gint64 row, column;

  make_layout (&layout, TRUE);
  /* Scrolled so needle 46 is at the left edge: 3 cells right is column
   * 49, which shows needle 1 (the second stitch of the round). */
  layout.scroll_column = 46;
  ck_assert (st_chart_layout_cell_at (&layout, 55, 170, &row, &column));
  ck_assert_int_eq (column, 49);
  ck_assert_uint_eq (st_chart_layout_needle (&layout, column), 1);
  ck_assert_uint_eq (st_chart_layout_needle (&layout, -1), 47);
  ck_assert_uint_eq (st_chart_layout_needle (&layout, -49), 47);
  ck_assert (st_chart_layout_is_seam (&layout, 48));
  ck_assert (st_chart_layout_is_seam (&layout, -96));
  ck_assert (!st_chart_layout_is_seam (&layout, 47));

  /* A flat chart has nothing past its last needle. */
  make_layout (&layout, FALSE);
  layout.scroll_column = 46;
  ck_assert (!st_chart_layout_cell_at (&layout, 55, 170, &row, &column));
  ck_assert_int_eq (column, 49);
  ck_assert_uint_eq (st_chart_layout_needle (&layout, 49), 47);
  ck_assert (!st_chart_layout_is_seam (&layout, 48));
}
END_TEST

START_TEST (test_cell_at_outside_rounds)
{
  StChartLayout layout;
  gint64 row, column;

  st_chart_layout_init (&layout, 48, 5, TRUE, 14, 16, 10, 300, 200);
  layout.gutter_left = 20;
  layout.gutter_bottom = 25;
  /* Five rounds are 43.75 px tall; above them is empty. */
  ck_assert (st_chart_layout_cell_at (&layout, 30, 175 - 43, &row, &column));
  ck_assert_int_eq (row, 4);
  ck_assert (!st_chart_layout_cell_at (&layout, 30, 175 - 45, &row, &column));
  ck_assert_int_eq (row, 5);
}
END_TEST

START_TEST (test_visible_ranges)
{
  StChartLayout layout;
  guint r0, r1;
  gint64 c0, c1;

  make_layout (&layout, TRUE);
  /* 280 px / 10 = 28 columns; 175 px / 8.75 = 20 rounds exactly. */
  ck_assert (st_chart_layout_visible_columns (&layout, &c0, &c1));
  ck_assert_int_eq (c0, 0);
  ck_assert_int_eq (c1, 27);
  ck_assert (st_chart_layout_visible_rows (&layout, &r0, &r1));
  ck_assert_uint_eq (r0, 0);
  ck_assert_uint_eq (r1, 19);

  /* Half a cell in: one more partly visible column and round. */
  layout.scroll_column = 40.5;
  layout.scroll_row = 10.5;
  ck_assert (st_chart_layout_visible_columns (&layout, &c0, &c1));
  ck_assert_int_eq (c0, 40);
  ck_assert_int_eq (c1, 68);
  ck_assert (st_chart_layout_visible_rows (&layout, &r0, &r1));
  ck_assert_uint_eq (r0, 10);
  ck_assert_uint_eq (r1, 30);

  /* The top of the chart limits the rows; a flat chart the columns. */
  make_layout (&layout, FALSE);
  layout.scroll_column = 40;
  layout.scroll_row = 50;
  ck_assert (st_chart_layout_visible_columns (&layout, &c0, &c1));
  ck_assert_int_eq (c0, 40);
  ck_assert_int_eq (c1, 47);
  ck_assert (st_chart_layout_visible_rows (&layout, &r0, &r1));
  ck_assert_uint_eq (r1, 59);

  /* A zero-sized viewport shows nothing. */
  st_chart_layout_set_size (&layout, 10, 10);
  ck_assert (!st_chart_layout_visible_rows (&layout, &r0, &r1));
}
END_TEST

START_TEST (test_pan_wraps_and_clamps)
{
  StChartLayout layout;

  make_layout (&layout, TRUE);
  /* Dragging the content 30 px right reveals the end of the round. */
  st_chart_layout_pan (&layout, 30, 0);
  ck_assert_double_eq_tol (layout.scroll_column, 45, 1e-9);
  /* 50 cells left of that: past the seam and round again to 47. */
  st_chart_layout_pan (&layout, -500, 0);
  ck_assert_double_eq_tol (layout.scroll_column, 47, 1e-9);

  /* Dragging down shows higher rounds, up to the last at the top:
   * 60 rounds - 20 visible = 40. */
  st_chart_layout_pan (&layout, 0, 10 * 8.75);
  ck_assert_double_eq_tol (layout.scroll_row, 10, 1e-9);
  st_chart_layout_pan (&layout, 0, 1000);
  ck_assert_double_eq_tol (layout.scroll_row, 40, 1e-9);
  st_chart_layout_pan (&layout, 0, -5000);
  ck_assert_double_eq_tol (layout.scroll_row, 0, 1e-9);

  /* Flat charts stop at their edges: 48 - 28 visible = 20. */
  make_layout (&layout, FALSE);
  st_chart_layout_pan (&layout, -1000, 0);
  ck_assert_double_eq_tol (layout.scroll_column, 20, 1e-9);
  st_chart_layout_pan (&layout, 1000, 0);
  ck_assert_double_eq_tol (layout.scroll_column, 0, 1e-9);
}
END_TEST

START_TEST (test_zoom_keeps_point)
{
  StChartLayout layout;
  gint64 row_before, col_before, row_after, col_after;
  double x = 123, y = 77;

  make_layout (&layout, TRUE);
  layout.scroll_column = 10;
  layout.scroll_row = 20;
  st_chart_layout_cell_at (&layout, x, y, &row_before, &col_before);
  st_chart_layout_zoom_at (&layout, 20, x, y);
  ck_assert_double_eq_tol (layout.cell_height, 17.5, 1e-9);
  st_chart_layout_cell_at (&layout, x, y, &row_after, &col_after);
  ck_assert_int_eq (row_after, row_before);
  ck_assert_int_eq (col_after, col_before);
  /* The chart point under the pointer is exactly the same: column
   * 10 + 103/10 = 20.3 before, scroll + 103/20 after. */
  ck_assert_double_eq_tol (layout.scroll_column + (x - 20) / 20, 20.3, 1e-9);

  st_chart_layout_zoom_at (&layout, 1000, x, y);
  ck_assert_double_eq (layout.cell_width, ST_CHART_MAX_CELL_WIDTH);
}
END_TEST

START_TEST (test_scroll_to_cell)
{
  StChartLayout layout;
  gint64 column;

  make_layout (&layout, TRUE);
  /* Needle 47 is one step left of the view: the copy at -1 is nearest;
   * the view moves by two columns (one margin cell) and folds to 46. */
  column = st_chart_layout_scroll_to_cell (&layout, 0, 47);
  ck_assert_double_eq_tol (layout.scroll_column, 46, 1e-9);
  ck_assert_int_eq (column, 47);
  ck_assert_uint_eq (st_chart_layout_needle (&layout, column), 47);

  /* Round 30 is above the 20 visible rounds: scroll so it is second from
   * the top: 30 + 1 - 20 + 1 = 12. */
  st_chart_layout_scroll_to_cell (&layout, 30, 50);
  ck_assert_double_eq_tol (layout.scroll_row, 12, 1e-9);
  /* Already visible: nothing moves. */
  layout.scroll_column = 0;
  layout.scroll_row = 0;
  column = st_chart_layout_scroll_to_cell (&layout, 5, 10);
  ck_assert_int_eq (column, 10);
  ck_assert_double_eq (layout.scroll_column, 0);
  ck_assert_double_eq (layout.scroll_row, 0);
}
END_TEST

START_TEST (test_huge_chart_ranges)
{
  StChartLayout layout;
  guint r0, r1;
  gint64 c0, c1;

  st_chart_layout_init (&layout, 1024, 20000, TRUE, 14, 16, 8, 800, 600);
  layout.scroll_row = 1e9;
  st_chart_layout_clamp (&layout);
  ck_assert (st_chart_layout_visible_rows (&layout, &r0, &r1));
  ck_assert_uint_eq (r1, 19999);
  /* Only a screenful of rounds and stitches is visited. */
  ck_assert_uint_le (r1 - r0 + 1, (guint) ceil ((600 - layout.gutter_bottom) / 7.0) + 1);
  ck_assert (st_chart_layout_visible_columns (&layout, &c0, &c1));
  ck_assert_int_le (c1 - c0 + 1, 100);
}
END_TEST

START_TEST (test_fit_whole)
{
  StChartLayout layout;
  g_autoptr(StPattern) pattern = st_pattern_new_sample ();
  gint64 c0, c1;

  st_chart_layout_init_for_pattern (&layout, pattern, 12, 1, 1);
  ck_assert (layout.wrap);
  st_chart_layout_fit_whole (&layout);
  ck_assert (st_chart_layout_visible_columns (&layout, &c0, &c1));
  ck_assert_int_eq (c0, 0);
  ck_assert_int_eq (c1, 47);
  ck_assert_double_eq_tol (layout.height, layout.gutter_bottom + 60 * 12 * 14.0 / 16.0, 1e-9);
}
END_TEST

static Suite *
layout_suite (void)
{
  Suite *s = suite_create ("render-layout");
  TCase *tc = tcase_create ("layout");

  tcase_add_test (tc, test_aspect_from_gauge);
  tcase_add_test (tc, test_cell_at_round_one_at_bottom);
  tcase_add_test (tc, test_cell_at_wraps_needles);
  tcase_add_test (tc, test_cell_at_outside_rounds);
  tcase_add_test (tc, test_visible_ranges);
  tcase_add_test (tc, test_pan_wraps_and_clamps);
  tcase_add_test (tc, test_zoom_keeps_point);
  tcase_add_test (tc, test_scroll_to_cell);
  tcase_add_test (tc, test_huge_chart_ranges);
  tcase_add_test (tc, test_fit_whole);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (layout_suite ());
}
