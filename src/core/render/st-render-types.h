/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-render-types.h: colours and helpers shared by the chart and preview
 * renderers (see RENDER.md). Include this header rather than defining cairo
 * autocleanups elsewhere: they may be defined only once per program.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-yarn.h"

G_BEGIN_DECLS

/* A colour with alpha, channels 0..1, not premultiplied. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} StRgba;

#ifndef ST_CAIRO_AUTOCLEANUPS
#define ST_CAIRO_AUTOCLEANUPS
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_pattern_t, cairo_pattern_destroy)
#endif

/* Parses "#rrggbb" or "#rrggbbaa"; returns FALSE and leaves @out alone on
 * anything else. */
gboolean  st_rgba_parse          (const char    *text,
                                  StRgba        *out);
StRgba    st_rgba_from_color     (StColor        color);
/* @factor < 1 darkens towards black, > 1 lightens towards white. */
StRgba    st_rgba_shade          (StRgba         color,
                                  double         factor);
/* Relative luminance 0..1 (sRGB weights); picks readable overlay colours. */
double    st_rgba_luminance      (StRgba         color);
void      st_rgba_set_source     (cairo_t       *cr,
                                  StRgba         color);

/* The outline of one leg of a knit stitch "V" in the unit cell (x right,
 * y down, both 0..1): @leg 0 is the left leg, 1 the right one. Fills
 * @n_points (x, y) pairs into @xy. Shared by the chart and the preview so
 * both draw the same stitch. */
#define ST_STITCH_LEG_POINTS 14
void      st_stitch_leg_outline  (guint          leg,
                                  double        *xy);

G_END_DECLS
