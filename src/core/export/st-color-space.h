/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-color-space.h: sRGB <-> CIELAB (D65) for perceptual colour distances
 * in image import, contrast decisions in chart printing and colour names.
 */
#pragma once

#include <glib.h>

#include "st-yarn.h"

G_BEGIN_DECLS

typedef struct
{
  double l;
  double a;
  double b;
} StLab;

StLab        st_color_to_lab      (StColor      color);
StLab        st_rgb_to_lab        (double       red,
                                   double       green,
                                   double       blue);
/* Rounds and clamps to the sRGB gamut. */
StColor      st_lab_to_color      (StLab        lab);
/* Squared CIE76 distance. */
double       st_lab_distance2     (StLab        a,
                                   StLab        b);
/* Whether black or white marks read better on @color (CIE L* below 55). */
gboolean     st_color_is_dark     (StColor      color);
/* An everyday name for the nearest of a small set of yarn colours
 * ("Cream", "Navy", "Cranberry"), in the user's language, for yarns made by
 * image import. */
const char  *st_color_describe    (StColor      color);

G_END_DECLS
