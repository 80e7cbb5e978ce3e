/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-chart-view.h: the chart editor widget. It keeps a StChartLayout and
 * a StStroke and forwards everything to src/core/render: drawing is
 * st_chart_render(), hit-testing st_chart_layout_cell_at(), painting
 * st_stroke_*(). The gesture and key handlers only call the public
 * functions below, which tests call too.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-chart-render.h"
#include "st-document.h"
#include "st-tool.h"

G_BEGIN_DECLS

#define ST_TYPE_CHART_VIEW (st_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (StChartView, st_chart_view, ST, CHART_VIEW, GtkWidget)

GtkWidget           *st_chart_view_new              (void);
void                 st_chart_view_set_document     (StChartView         *self,
                                                     StDocument          *document);
StDocument          *st_chart_view_get_document     (StChartView         *self);
const StChartLayout *st_chart_view_get_layout       (StChartView         *self);

/* Pointer input in widget coordinates: what the drag gesture calls.
 * @secondary paints with the secondary yarn (right button). */
void                 st_chart_view_press            (StChartView         *self,
                                                     double               x,
                                                     double               y,
                                                     gboolean             secondary);
void                 st_chart_view_drag_to          (StChartView         *self,
                                                     double               x,
                                                     double               y);
void                 st_chart_view_release          (StChartView         *self);
/* Abandons the stroke in progress, putting the stitches back. */
void                 st_chart_view_cancel           (StChartView         *self);
gboolean             st_chart_view_is_painting      (StChartView         *self);
/* The centre of a cell in widget coordinates (for tests and tooltips). */
void                 st_chart_view_cell_centre      (StChartView         *self,
                                                     gint64               row,
                                                     gint64               column,
                                                     double              *x,
                                                     double              *y);

/* Keyboard painting: the cursor wraps around the round. */
void                 st_chart_view_move_cursor      (StChartView         *self,
                                                     int                  rows,
                                                     int                  needles);
void                 st_chart_view_set_cursor       (StChartView         *self,
                                                     gint64               row,
                                                     gint64               column);
void                 st_chart_view_get_cursor       (StChartView         *self,
                                                     guint               *row,
                                                     guint               *needle);
/* Space: applies the tool at the cursor; shape tools start on the first
 * press, follow the cursor, and finish on the second. */
void                 st_chart_view_activate_cursor  (StChartView         *self,
                                                     gboolean             secondary);

/* View */
void                 st_chart_view_zoom_at          (StChartView         *self,
                                                     double               factor,
                                                     double               x,
                                                     double               y);
void                 st_chart_view_zoom_in          (StChartView         *self);
void                 st_chart_view_zoom_out         (StChartView         *self);
/* Fits a whole round across the view. */
void                 st_chart_view_zoom_to_fit      (StChartView         *self);
void                 st_chart_view_pan              (StChartView         *self,
                                                     double               dx,
                                                     double               dy);

/* Selection */
gboolean             st_chart_view_get_selection    (StChartView         *self,
                                                     StSelection         *selection);
void                 st_chart_view_set_selection    (StChartView         *self,
                                                     const StSelection   *selection);
void                 st_chart_view_select_all       (StChartView         *self);

/* Hooks for the checks and knit-along views: a per-stitch tint and a
 * highlighted round (-1 for none). */
void                 st_chart_view_set_tint_func    (StChartView         *self,
                                                     StCellTintFunc       func,
                                                     gpointer             data,
                                                     GDestroyNotify       destroy);
void                 st_chart_view_set_highlight_row (StChartView        *self,
                                                     gint64               row);
gint64               st_chart_view_get_highlight_row (StChartView        *self);

G_END_DECLS
