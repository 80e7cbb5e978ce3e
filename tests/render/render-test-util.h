/* SPDX-License-Identifier: GPL-3.0-or-later
 * render-test-util.h: reading pixels back from cairo image surfaces.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-render-types.h"

typedef struct
{
  int r;
  int g;
  int b;
  int a;
} Pixel;

/* The pixel at (@x, @y), un-premultiplied, channels 0..255. */
static inline Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data;
  guint32 value;
  Pixel p;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  value = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  p.a = (value >> 24) & 0xff;
  p.r = (value >> 16) & 0xff;
  p.g = (value >> 8) & 0xff;
  p.b = value & 0xff;
  if (p.a > 0 && p.a < 255)
    {
      p.r = p.r * 255 / p.a;
      p.g = p.g * 255 / p.a;
      p.b = p.b * 255 / p.a;
    }
  return p;
}

static inline gboolean
pixel_near (Pixel p,
            int   r,
            int   g,
            int   b,
            int   tolerance)
{
  return ABS (p.r - r) <= tolerance && ABS (p.g - g) <= tolerance && ABS (p.b - b) <= tolerance;
}

static inline double
pixel_luminance (Pixel p)
{
  return (0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b) / 255.0;
}

/* Writes the surface next to the test binary for a human to look at. */
static inline void
save_artifact (cairo_surface_t *surface,
               const char      *name)
{
  g_autofree char *path = g_build_filename (TEST_BUILDDIR, "render", name, NULL);

  cairo_surface_write_to_png (surface, path);
}
