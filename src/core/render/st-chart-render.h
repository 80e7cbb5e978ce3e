/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-chart-render.h: draws the visible part of a chart with cairo: stitches
 * (plain cells or knit "V" shapes) in the gauge's aspect ratio, grid lines
 * with every 5th and 10th emphasised, round numbers up the left side (round
 * 1 at the bottom), needle numbers along the bottom, the seam where each
 * round starts, and overlays (cursor, selection, repeats, a highlighted
 * round, per-stitch tints for checks), and the pattern's catches (a
 * diamond in the caught yarn at the foot of the stitch) and duplicate
 * stitches (a ring). Shared by the chart widget and the
 * exporters; see RENDER.md.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-chart-layout.h"
#include "st-pattern.h"
#include "st-render-types.h"

G_BEGIN_DECLS

typedef enum
{
  ST_STITCH_STYLE_PLAIN,     /* filled cells */
  ST_STITCH_STYLE_STITCHES,  /* knit "V" shapes when cells are big enough */
} StStitchStyle;

/* Below this cell width "V" shapes are too small to read: plain cells. */
#define ST_CHART_MIN_STITCH_SHAPE_WIDTH 7.0

typedef struct
{
  StStitchStyle  stitch_style;
  gboolean       show_grid;
  gboolean       show_numbers;
  gboolean       show_seam;
  gboolean       show_marks;    /* catches and duplicate stitches */

  StRgba         background;    /* the viewport outside the chart */
  StRgba         gutter;        /* behind the numbers */
  StRgba         text;
  StRgba         grid;          /* every stitch */
  StRgba         grid_5;        /* every 5th */
  StRgba         grid_10;       /* every 10th */
  StRgba         seam;
  StRgba         repeat;
  StRgba         selection;
  StRgba         highlight;     /* the highlighted round */
  const char    *font_family;
} StChartRenderStyle;

/* Colours for a light (@dark FALSE) or dark surrounding. */
void      st_chart_render_style_init (StChartRenderStyle  *style,
                                      gboolean             dark);
/* "plain" or "stitches" (the grid-style setting); FALSE if neither. */
gboolean  st_stitch_style_from_name  (const char          *name,
                                      StStitchStyle       *out);

/* Asked for each visible stitch: return TRUE and fill @tint to lay a
 * translucent colour over it (float and heat-map overlays). */
typedef gboolean (*StCellTintFunc) (gpointer   user_data,
                                    guint      row,
                                    guint      needle,
                                    StRgba    *tint);

typedef struct
{
  /* Keyboard cursor: a brush footprint of @cursor_size (1-3) stitches
   * placed as st_edit_brush() places it. */
  gboolean        has_cursor;
  gint64          cursor_row;
  gint64          cursor_column;
  guint           cursor_size;

  /* Selection, inclusive, in unwrapped columns (drawn on every copy). */
  gboolean        has_selection;
  gint64          selection_row0;
  gint64          selection_row1;
  gint64          selection_column0;
  gint64          selection_column1;

  /* Repeat boundaries every @repeat_width needles (0: none); with
   * @mirror the middle of each repeat is marked too. */
  guint           repeat_width;
  gboolean        mirror;

  /* A round drawn with a band (knit-along progress); -1 for none. */
  gint64          highlight_row;

  StCellTintFunc  tint;
  gpointer        tint_data;
} StChartOverlay;

void      st_chart_overlay_init      (StChartOverlay      *overlay);

/* Draws everything in the layout's viewport at the cairo origin. Only the
 * visible cells are visited, with runs of one yarn filled together. */
void      st_chart_render            (cairo_t             *cr,
                                      const StPattern     *pattern,
                                      const StChartLayout *layout,
                                      const StChartRenderStyle *style,
                                      const StChartOverlay *overlay);

/* Label spacing: the smallest of 1, 2, 5, 10, 20, 50, ... whose multiple of
 * @cell_extent is at least @label_extent. */
guint     st_chart_label_step        (double               cell_extent,
                                      double               label_extent);

G_END_DECLS
