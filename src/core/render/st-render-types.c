/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-render-types.h"

#include <math.h>
#include <string.h>

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

gboolean
st_rgba_parse (const char *text,
               StRgba     *out)
{
  double channels[4] = { 0, 0, 0, 1 };
  gsize len;
  guint n;

  if (text == NULL || text[0] != '#')
    return FALSE;
  len = strlen (text + 1);
  if (len != 6 && len != 8)
    return FALSE;
  n = len / 2;
  for (guint i = 0; i < n; i++)
    {
      int hi = hex_value (text[1 + 2 * i]), lo = hex_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      channels[i] = (hi * 16 + lo) / 255.0;
    }
  out->red = channels[0];
  out->green = channels[1];
  out->blue = channels[2];
  out->alpha = channels[3];
  return TRUE;
}

StRgba
st_rgba_from_color (StColor color)
{
  StRgba rgba = { color.red / 255.0, color.green / 255.0, color.blue / 255.0, 1.0 };

  return rgba;
}

StRgba
st_rgba_shade (StRgba color,
               double factor)
{
  StRgba out = color;

  if (factor <= 1.0)
    {
      out.red *= factor;
      out.green *= factor;
      out.blue *= factor;
    }
  else
    {
      double t = MIN (factor - 1.0, 1.0);

      out.red += (1.0 - out.red) * t;
      out.green += (1.0 - out.green) * t;
      out.blue += (1.0 - out.blue) * t;
    }
  return out;
}

double
st_rgba_luminance (StRgba color)
{
  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
}

void
st_rgba_set_source (cairo_t *cr,
                    StRgba   color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

void
st_stitch_leg_outline (guint   leg,
                       double *xy)
{
  /* Each leg is an ellipse leaning inwards: from the top outer corner of
   * the cell down to the bottom centre, where the two legs meet. */
  const double top_x = 0.07, top_y = 0.02, bottom_x = 0.49, bottom_y = 0.98;
  double cx = (top_x + bottom_x) / 2, cy = (top_y + bottom_y) / 2;
  double dx = bottom_x - top_x, dy = bottom_y - top_y;
  double length = sqrt (dx * dx + dy * dy);
  double ux = dx / length, uy = dy / length;
  double major = length / 2, minor = 0.19;

  for (guint i = 0; i < ST_STITCH_LEG_POINTS; i++)
    {
      double a = 2 * G_PI * i / ST_STITCH_LEG_POINTS;
      double along = major * cos (a), across = minor * sin (a);
      double x = cx + along * ux - across * uy;
      double y = cy + along * uy + across * ux;

      xy[2 * i] = leg == 0 ? x : 1.0 - x;
      xy[2 * i + 1] = y;
    }
}
