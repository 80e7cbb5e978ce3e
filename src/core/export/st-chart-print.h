/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-chart-print.h: the chart as printed by the PNG, SVG and PDF exports:
 * cells in true stitch proportions from the gauge, one black-and-white
 * readable symbol per yarn, a grid with every 5th line medium and every
 * 10th thick (counted from needle 1 and round 1), round numbers on both
 * sides with round 1 at the bottom, needle numbers above and below, catch
 * and duplicate-stitch marks, the seam (where each round starts) and the
 * overlap with neighbouring pages. Drawn with cairo and Pango in user units
 * (points for PDF and SVG, pixels for PNG).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef struct
{
  double cell_width;    /* one stitch */
  double cell_height;   /* one round */
  double font_size;     /* numbers and legend text */
} StChartStyle;

/* A block of the chart. The overlap counts say how many needles or rounds
 * at each side are repeated on the neighbouring page; they get a grey
 * number band and a dashed line. */
typedef struct
{
  guint first_row;
  guint n_rows;
  guint first_needle;
  guint n_needles;
  guint overlap_left;
  guint overlap_right;
  guint overlap_bottom;
  guint overlap_top;
} StChartTile;

/* Symbols: yarn 0 is blank, yarns 1-15 get shapes (dot, cross, ring,
 * slash, triangle, plus, square, ...), yarns 16 and up their key letter. */
#define ST_CHART_N_SHAPES 16

/* A style whose cells keep the pattern's stitch proportions: @cell_width
 * per stitch, the height from the gauge. */
void    st_chart_style_init      (StChartStyle       *style,
                                  const StPattern    *pattern,
                                  double              cell_width,
                                  double              font_size);
/* The whole chart as one tile. */
void    st_chart_tile_init_full  (StChartTile        *tile,
                                  const StPattern    *pattern);

/* Size of a tile with its number bands and seam label. @cr is only used to
 * measure text. */
void    st_chart_tile_size       (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  const StChartStyle *style,
                                  const StChartTile  *tile,
                                  double             *width,
                                  double             *height);
/* Band widths around the grid: left/right round numbers, top needle
 * numbers, bottom needle numbers plus the seam label. */
void    st_chart_tile_margins    (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  const StChartStyle *style,
                                  double             *side,
                                  double             *top,
                                  double             *bottom);
/* Draws @tile with its top left corner (number bands included) at @x, @y. */
void    st_chart_draw_tile       (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  const StChartStyle *style,
                                  const StChartTile  *tile,
                                  double              x,
                                  double              y);

/* The yarn's symbol centred on @cx, @cy in a @size square; on its own
 * colour (@on_swatch) it is black or white, whichever reads, else black. */
void    st_chart_draw_symbol     (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  guint8              yarn,
                                  double              cx,
                                  double              cy,
                                  double              size,
                                  gboolean            on_swatch);
/* The catch mark (a small hook at the foot of the cell, followed by @key,
 * the caught yarn's letter, unless NULL) and the duplicate stitch mark (a
 * folded top right corner) in a @w x @h cell at @x, @y. */
void    st_chart_draw_catch_mark (cairo_t            *cr,
                                  double              x,
                                  double              y,
                                  double              w,
                                  double              h,
                                  const char         *key);
void    st_chart_draw_duplicate_mark (cairo_t        *cr,
                                  double              x,
                                  double              y,
                                  double              w,
                                  double              h);

/* The legend: per yarn a swatch with its symbol, key, name, weight, the
 * symbol alone, and metres when @metres is given (one per yarn, < 0 for
 * unknown); then the marks the chart uses. @width is the space available.
 * Draws only when @draw; returns the height used either way. */
double  st_chart_draw_legend     (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  const StChartStyle *style,
                                  const double       *metres,
                                  gboolean            show_overlap,
                                  double              x,
                                  double              y,
                                  double              width,
                                  gboolean            draw);

/* The legend's columns: swatch, key, name, weight, symbol, metres. */
#define ST_LEGEND_N_COLUMNS 6

/* Where the legend's columns start (@cols, ST_LEGEND_N_COLUMNS entries,
 * the first at @x) and the width left for names; each column is at least
 * as wide as its header and its contents, plus a gap. */
void    st_chart_legend_columns  (cairo_t            *cr,
                                  const StPattern    *pattern,
                                  const StChartStyle *style,
                                  double              x,
                                  double              width,
                                  double             *cols,
                                  double             *name_width);

/* Text helpers shared by the exports: @text in Sans at @size (bold when
 * asked), wrapped to @width when @width > 0; @align_x 0 left, 0.5 centre,
 * 1 right of @x. Return the height drawn. */
double  st_print_text            (cairo_t            *cr,
                                  const char         *text,
                                  double              size,
                                  gboolean            bold,
                                  double              x,
                                  double              y,
                                  double              width,
                                  double              align_x,
                                  gboolean            draw);
/* A paragraph wrapped to @width whose text up to @bold_bytes is bold and
 * whose second and later lines are indented by @hanging. */
double  st_print_paragraph       (cairo_t            *cr,
                                  const char         *text,
                                  gsize               bold_bytes,
                                  double              size,
                                  double              x,
                                  double              y,
                                  double              width,
                                  double              hanging,
                                  gboolean            draw);
void    st_print_text_extent     (cairo_t            *cr,
                                  const char         *text,
                                  double              size,
                                  gboolean            bold,
                                  double             *width,
                                  double             *height);

G_END_DECLS
