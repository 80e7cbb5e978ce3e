/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-chart-layout.h"

#include <math.h>

/* Slack for floating-point edges: a viewport exactly N cells wide shows N
 * columns, not a sliver of an (N+1)th. */
#define EDGE_EPSILON 1e-6

static guint
count_digits (guint value)
{
  guint digits = 1;

  while (value >= 10)
    {
      value /= 10;
      digits++;
    }
  return digits;
}

void
st_chart_layout_init (StChartLayout *layout,
                      guint          needles,
                      guint          rows,
                      gboolean       wrap,
                      double         stitches_per_10cm,
                      double         rows_per_10cm,
                      double         cell_width,
                      double         width,
                      double         height)
{
  layout->needles = needles;
  layout->rows = rows;
  layout->wrap = wrap;
  /* A stitch is 100/spi mm wide and 100/rpi mm tall. */
  layout->aspect = stitches_per_10cm > 0 && rows_per_10cm > 0 ? stitches_per_10cm / rows_per_10cm : 1.0;
  layout->cell_width = CLAMP (cell_width, ST_CHART_MIN_CELL_WIDTH, ST_CHART_MAX_CELL_WIDTH);
  layout->cell_height = layout->cell_width * layout->aspect;
  layout->width = width;
  layout->height = height;
  layout->gutter_left = ceil (count_digits (MAX (rows, 1)) * ST_CHART_NUMBER_FONT_SIZE * 0.62) + 12;
  layout->gutter_bottom = ST_CHART_NUMBER_FONT_SIZE + 12;
  layout->scroll_column = 0;
  layout->scroll_row = 0;
}

void
st_chart_layout_init_for_pattern (StChartLayout   *layout,
                                  const StPattern *pattern,
                                  double           cell_width,
                                  double           width,
                                  double           height)
{
  gboolean wrap = pattern->profile == NULL || pattern->profile->circular;

  st_chart_layout_init (layout, st_pattern_needles (pattern), st_pattern_rows (pattern), wrap,
                        pattern->stitches_per_10cm, pattern->rows_per_10cm, cell_width, width,
                        height);
}

void
st_chart_layout_fit_whole (StChartLayout *layout)
{
  layout->scroll_column = 0;
  layout->scroll_row = 0;
  layout->width = layout->gutter_left + layout->needles * layout->cell_width;
  layout->height = layout->gutter_bottom + layout->rows * layout->cell_height;
}

double
st_chart_layout_area_width (const StChartLayout *layout)
{
  return MAX (0.0, layout->width - layout->gutter_left);
}

double
st_chart_layout_area_height (const StChartLayout *layout)
{
  return MAX (0.0, layout->height - layout->gutter_bottom);
}

gboolean
st_chart_layout_cell_at (const StChartLayout *layout,
                         double               x,
                         double               y,
                         gint64              *row,
                         gint64              *column)
{
  double area_h = st_chart_layout_area_height (layout);
  gint64 r = (gint64) floor (layout->scroll_row + (area_h - y) / layout->cell_height);
  gint64 c = (gint64) floor (layout->scroll_column + (x - layout->gutter_left) / layout->cell_width);

  *row = r;
  *column = c;
  if (x < layout->gutter_left || x >= layout->width || y < 0 || y >= area_h)
    return FALSE;
  if (r < 0 || r >= layout->rows)
    return FALSE;
  if (!layout->wrap && (c < 0 || c >= layout->needles))
    return FALSE;
  return layout->needles > 0;
}

double
st_chart_layout_column_x (const StChartLayout *layout,
                          gint64               column)
{
  return layout->gutter_left + (column - layout->scroll_column) * layout->cell_width;
}

double
st_chart_layout_row_y (const StChartLayout *layout,
                       gint64               row)
{
  return st_chart_layout_area_height (layout) - (row - layout->scroll_row) * layout->cell_height;
}

void
st_chart_layout_cell_rect (const StChartLayout *layout,
                           gint64               row,
                           gint64               column,
                           double              *x,
                           double              *y,
                           double              *w,
                           double              *h)
{
  *x = st_chart_layout_column_x (layout, column);
  *y = st_chart_layout_row_y (layout, row + 1);
  *w = layout->cell_width;
  *h = layout->cell_height;
}

guint
st_chart_layout_needle (const StChartLayout *layout,
                        gint64               column)
{
  gint64 n = layout->needles;

  if (n == 0)
    return 0;
  if (!layout->wrap)
    return (guint) CLAMP (column, 0, n - 1);
  return (guint) (((column % n) + n) % n);
}

gboolean
st_chart_layout_visible_rows (const StChartLayout *layout,
                              guint               *first,
                              guint               *last)
{
  double area_h = st_chart_layout_area_height (layout);
  gint64 lo, hi;

  if (layout->rows == 0 || area_h <= 0 || st_chart_layout_area_width (layout) <= 0)
    return FALSE;
  lo = (gint64) floor (layout->scroll_row + EDGE_EPSILON);
  hi = (gint64) ceil (layout->scroll_row + area_h / layout->cell_height - EDGE_EPSILON) - 1;
  lo = MAX (lo, 0);
  hi = MIN (hi, (gint64) layout->rows - 1);
  if (lo > hi)
    return FALSE;
  *first = (guint) lo;
  *last = (guint) hi;
  return TRUE;
}

gboolean
st_chart_layout_visible_columns (const StChartLayout *layout,
                                 gint64              *first,
                                 gint64              *last)
{
  double area_w = st_chart_layout_area_width (layout);
  gint64 lo, hi;

  if (layout->needles == 0 || area_w <= 0 || st_chart_layout_area_height (layout) <= 0)
    return FALSE;
  lo = (gint64) floor (layout->scroll_column + EDGE_EPSILON);
  hi = (gint64) ceil (layout->scroll_column + area_w / layout->cell_width - EDGE_EPSILON) - 1;
  if (!layout->wrap)
    {
      lo = MAX (lo, 0);
      hi = MIN (hi, (gint64) layout->needles - 1);
    }
  if (lo > hi)
    return FALSE;
  *first = lo;
  *last = hi;
  return TRUE;
}

void
st_chart_layout_clamp (StChartLayout *layout)
{
  double visible_columns = st_chart_layout_area_width (layout) / layout->cell_width;
  double visible_rows = st_chart_layout_area_height (layout) / layout->cell_height;
  double max_row = MAX (0.0, layout->rows - visible_rows);

  if (layout->needles == 0)
    layout->scroll_column = 0;
  else if (layout->wrap)
    {
      layout->scroll_column = fmod (layout->scroll_column, layout->needles);
      if (layout->scroll_column < 0)
        layout->scroll_column += layout->needles;
    }
  else
    layout->scroll_column = CLAMP (layout->scroll_column, 0.0,
                                   MAX (0.0, layout->needles - visible_columns));
  layout->scroll_row = CLAMP (layout->scroll_row, 0.0, max_row);
}

void
st_chart_layout_pan (StChartLayout *layout,
                     double         dx,
                     double         dy)
{
  layout->scroll_column -= dx / layout->cell_width;
  layout->scroll_row += dy / layout->cell_height;
  st_chart_layout_clamp (layout);
}

void
st_chart_layout_zoom_at (StChartLayout *layout,
                         double         cell_width,
                         double         x,
                         double         y)
{
  double area_h = st_chart_layout_area_height (layout);
  double column = layout->scroll_column + (x - layout->gutter_left) / layout->cell_width;
  double row = layout->scroll_row + (area_h - y) / layout->cell_height;

  layout->cell_width = CLAMP (cell_width, ST_CHART_MIN_CELL_WIDTH, ST_CHART_MAX_CELL_WIDTH);
  layout->cell_height = layout->cell_width * layout->aspect;
  layout->scroll_column = column - (x - layout->gutter_left) / layout->cell_width;
  layout->scroll_row = row - (area_h - y) / layout->cell_height;
  st_chart_layout_clamp (layout);
}

void
st_chart_layout_set_size (StChartLayout *layout,
                          double         width,
                          double         height)
{
  layout->width = width;
  layout->height = height;
  st_chart_layout_clamp (layout);
}

gint64
st_chart_layout_scroll_to_cell (StChartLayout *layout,
                                gint64         row,
                                gint64         column)
{
  double visible_columns = st_chart_layout_area_width (layout) / layout->cell_width;
  double visible_rows = st_chart_layout_area_height (layout) / layout->cell_height;
  double margin_c = MIN (1.0, MAX (0.0, (visible_columns - 1) / 2));
  double margin_r = MIN (1.0, MAX (0.0, (visible_rows - 1) / 2));
  double before;

  if (layout->wrap && layout->needles > 0)
    {
      /* Of the copies of this needle, take the one nearest the view. */
      double centre = layout->scroll_column + visible_columns / 2;
      gint64 n = layout->needles;
      gint64 k = (gint64) floor ((centre - (column + 0.5)) / n + 0.5);

      column += k * n;
    }

  if (column < layout->scroll_column + margin_c)
    layout->scroll_column = column - margin_c;
  else if (column + 1 > layout->scroll_column + visible_columns - margin_c)
    layout->scroll_column = column + 1 - visible_columns + margin_c;
  if (row < layout->scroll_row + margin_r)
    layout->scroll_row = row - margin_r;
  else if (row + 1 > layout->scroll_row + visible_rows - margin_r)
    layout->scroll_row = row + 1 - visible_rows + margin_r;

  before = layout->scroll_column;
  st_chart_layout_clamp (layout);
  /* Folding the scroll position moves the view by whole rounds: follow. */
  if (layout->wrap)
    column -= (gint64) llround (before - layout->scroll_column);
  return column;
}

gboolean
st_chart_layout_is_seam (const StChartLayout *layout,
                         gint64               column)
{
  return layout->wrap && layout->needles > 0 && st_chart_layout_needle (layout, column) == 0;
}
