/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-chart-layout.h: where the cells of a chart fall in a viewport, and
 * which cell lies under a point. Pure arithmetic, shared by the chart
 * widget, the chart renderer and the exporters (see RENDER.md).
 *
 * Columns are unwrapped needle positions: column c shows needle
 * c mod needles, so a circular chart repeats endlessly sideways and a
 * stroke dragged across the seam keeps increasing columns (the edits in
 * st-edit.h wrap them). Rows are rounds, 0-based, row 0 at the bottom.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_CHART_MIN_CELL_WIDTH   2.0
#define ST_CHART_MAX_CELL_WIDTH 120.0
/* Numbers in the gutters are drawn at this size (device pixels). */
#define ST_CHART_NUMBER_FONT_SIZE 11.0

typedef struct
{
  guint    needles;
  guint    rows;
  gboolean wrap;            /* circular: the round repeats sideways */

  double   cell_width;      /* device pixels per stitch */
  double   aspect;          /* cell height / cell width, from the gauge */
  double   cell_height;

  double   width;           /* the whole viewport */
  double   height;
  double   gutter_left;     /* round numbers; the chart area starts here */
  double   gutter_bottom;   /* needle numbers; the chart area ends above */

  /* The column at the chart area's left edge and the row at its bottom
   * edge, in cells (fractional while panning). */
  double   scroll_column;
  double   scroll_row;
} StChartLayout;

/* Cells are @cell_width wide and as tall as the gauge makes them: a stitch
 * is 100/@stitches_per_10cm mm wide and 100/@rows_per_10cm mm tall. The
 * gutters are sized for the numbers; set them to 0 for a bare chart. */
void      st_chart_layout_init             (StChartLayout        *layout,
                                            guint                 needles,
                                            guint                 rows,
                                            gboolean              wrap,
                                            double                stitches_per_10cm,
                                            double                rows_per_10cm,
                                            double                cell_width,
                                            double                width,
                                            double                height);
/* The same for a pattern: wraps when its machine knits in the round. */
void      st_chart_layout_init_for_pattern (StChartLayout        *layout,
                                            const StPattern      *pattern,
                                            double                cell_width,
                                            double                width,
                                            double                height);
/* Sizes the viewport to show the whole chart once (for exports). */
void      st_chart_layout_fit_whole        (StChartLayout        *layout);

double    st_chart_layout_area_width       (const StChartLayout  *layout);
double    st_chart_layout_area_height      (const StChartLayout  *layout);

/* The cell under (@x, @y). Always fills @row and @column (unclamped, so a
 * drag outside the chart keeps its direction); returns whether the point
 * is inside the chart area on an existing stitch. */
gboolean  st_chart_layout_cell_at          (const StChartLayout  *layout,
                                            double                x,
                                            double                y,
                                            gint64               *row,
                                            gint64               *column);
/* The rectangle of a cell in viewport pixels (y down). */
void      st_chart_layout_cell_rect        (const StChartLayout  *layout,
                                            gint64                row,
                                            gint64                column,
                                            double               *x,
                                            double               *y,
                                            double               *w,
                                            double               *h);
/* x of the left edge of @column and y of the bottom edge of @row. */
double    st_chart_layout_column_x         (const StChartLayout  *layout,
                                            gint64                column);
double    st_chart_layout_row_y            (const StChartLayout  *layout,
                                            gint64                row);
/* The needle a column shows (wraps; for a flat chart columns outside the
 * chart return their clamped needle). */
guint     st_chart_layout_needle           (const StChartLayout  *layout,
                                            gint64                column);

/* The rows and columns at least partly inside the chart area; FALSE when
 * none is (empty chart or zero-sized viewport). Only these are drawn. */
gboolean  st_chart_layout_visible_rows     (const StChartLayout  *layout,
                                            guint                *first,
                                            guint                *last);
gboolean  st_chart_layout_visible_columns  (const StChartLayout  *layout,
                                            gint64               *first,
                                            gint64               *last);

/* Moves the content by (@dx, @dy) pixels as a hand dragging it would
 * (content right: earlier columns come into view; content down: higher
 * rounds come into view), then clamps. */
void      st_chart_layout_pan              (StChartLayout        *layout,
                                            double                dx,
                                            double                dy);
/* Keeps the scroll position in range: circular charts fold the column into
 * 0..needles, rows stay between round 1 at the bottom and the last round
 * at the top. */
void      st_chart_layout_clamp            (StChartLayout        *layout);
/* Changes the cell width (clamped to the limits) keeping the point of the
 * chart under (@x, @y) where it is. */
void      st_chart_layout_zoom_at          (StChartLayout        *layout,
                                            double                cell_width,
                                            double                x,
                                            double                y);
void      st_chart_layout_set_size         (StChartLayout        *layout,
                                            double                width,
                                            double                height);
/* Scrolls the least needed to show the cell with a margin of one cell;
 * returns the column of the cell's instance now on screen (for circular
 * charts, the copy of @column nearest the view). */
gint64    st_chart_layout_scroll_to_cell   (StChartLayout        *layout,
                                            gint64                row,
                                            gint64                column);
/* Whether a column of a circular chart lies on the seam (needle 0). */
gboolean  st_chart_layout_is_seam          (const StChartLayout  *layout,
                                            gint64                column);

G_END_DECLS
