/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-knit-render.h: the knit-along chart strip: a few rounds around the
 * current one drawn by the shared chart renderer (st-chart-render.h), the
 * current round in true colours with the others faded, the stitches
 * already knit in it faded less, and the needle the knitter is at boxed and
 * pointed at from above. GTK-free; the knit-along view draws it and hit-tests
 * clicks with the same layout.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-chart-layout.h"
#include "st-pattern.h"

G_BEGIN_DECLS

/* Height above the chart for the needle pointer, in pixels. */
#define ST_KNIT_POINTER_HEIGHT 22.0
/* Cells stay between these widths; rounds wider than the strip then
 * scroll to keep the current needle in view. */
#define ST_KNIT_MIN_CELL_WIDTH 14.0
#define ST_KNIT_MAX_CELL_WIDTH 56.0

/* The chart layout of a @width x @height strip showing @row at @needle
 * (the chart starts ST_KNIT_POINTER_HEIGHT below the top). */
void      st_knit_render_layout  (const StPattern  *pattern,
                                  guint             row,
                                  guint             needle,
                                  double            width,
                                  double            height,
                                  StChartLayout    *layout);
/* Draws the strip at the cairo origin. */
void      st_knit_render_round   (cairo_t          *cr,
                                  const StPattern  *pattern,
                                  guint             row,
                                  guint             needle,
                                  double            width,
                                  double            height,
                                  gboolean          dark);
/* The stitch under (@x, @y) of the strip, FALSE when there is none. */
gboolean  st_knit_render_cell_at (const StPattern  *pattern,
                                  guint             row,
                                  guint             needle,
                                  double            width,
                                  double            height,
                                  double            x,
                                  double            y,
                                  guint            *out_row,
                                  guint            *out_needle);

G_END_DECLS
