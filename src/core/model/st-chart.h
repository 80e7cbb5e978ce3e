/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-chart.h: the stitch grid of a cylinder. Cells are yarn indices, row-major,
 * row 0 is the first round knitted and needle 0 the first stitch of a round.
 * Needle arithmetic wraps (needle N is needle 0 of the same round); the core
 * API is 0-based, the file format, CLI and messages are 1-based.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   needles;
  guint   rows;
  guint8 *cells;   /* needles * rows yarn indices */
} StChart;

/* A cell value meaning "leave the stitch as it is" in pasted regions. */
#define ST_TRANSPARENT 0xff

StChart  *st_chart_new              (guint           needles,
                                     guint           rows,
                                     guint8          fill,
                                     GError        **error);
StChart  *st_chart_copy             (const StChart  *chart);
void      st_chart_free             (StChart        *chart);

/* Folds any integer needle into 0..needles-1 (the round is endless). */
guint     st_chart_wrap_needle      (const StChart  *chart,
                                     gint64          needle);

static inline guint8
st_chart_get (const StChart *chart,
              guint          row,
              guint          needle)
{
  return chart->cells[(gsize) row * chart->needles + needle];
}

static inline void
st_chart_set (StChart *chart,
              guint    row,
              guint    needle,
              guint8   yarn)
{
  chart->cells[(gsize) row * chart->needles + needle] = yarn;
}

static inline guint8 *
st_chart_row (const StChart *chart,
              guint          row)
{
  return chart->cells + (gsize) row * chart->needles;
}

/* Copies a @rows x @width block whose lower left stitch is (@row, @needle);
 * needles wrap, rows must lie inside the chart. */
StChart  *st_chart_copy_region      (const StChart  *chart,
                                     guint           row,
                                     gint64          needle,
                                     guint           rows,
                                     guint           width);

gboolean  st_chart_equal            (const StChart  *a,
                                     const StChart  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StChart, st_chart_free)

G_END_DECLS
