/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check-image.c: the dropped-stitch risk map as a PNG.
 */
#include "config.h"

#include "st-check-private.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "st-error.h"

/* cairo's largest image side. */
#define MAX_SIDE 32767

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Risk 1..100 from yellow to dark red, over the stitch's faded yarn colour. */
static guint32
cell_colour (StColor yarn,
             guint8  score)
{
  double fade = 0.75;
  double r = yarn.red + (255 - yarn.red) * fade;
  double g = yarn.green + (255 - yarn.green) * fade;
  double b = yarn.blue + (255 - yarn.blue) * fade;

  if (score > 0)
    {
      double t = score / 100.0;
      double hr = 255 - 75 * t, hg = 215 * (1 - t), hb = 40 * (1 - t);
      double alpha = 0.45 + 0.55 * t;

      r = r * (1 - alpha) + hr * alpha;
      g = g * (1 - alpha) + hg * alpha;
      b = b * (1 - alpha) + hb * alpha;
    }
  return 0xff000000u | ((guint32) r << 16) | ((guint32) g << 8) | (guint32) b;
}

GBytes *
st_check_render_risk_png (const StCheckResult *result,
                          const StPattern     *pattern,
                          guint                cell_px,
                          GError             **error)
{
  cairo_surface_t *surface;
  GByteArray *bytes;
  cairo_status_t status;
  guint W = result->needles, H = result->rows;
  guint8 *data;
  int stride;

  g_return_val_if_fail (pattern->chart->needles == W && pattern->chart->rows == H, NULL);

  if (result->reasons == NULL)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                           /* Translators: skip_risk is the name of an option; keep it. */
                           _("the check kept no risk map (it ran with skip_risk)"));
      return NULL;
    }
  if (cell_px == 0)
    cell_px = CLAMP (1024 / MAX (W, H), 1u, 16u);
  cell_px = MIN (cell_px, MAX (1u, MIN (MAX_SIDE / W, MAX_SIDE / H)));
  if ((guint64) W * cell_px > MAX_SIDE || (guint64) H * cell_px > MAX_SIDE)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   /* Translators: needles x rounds. */
                   _("a %u x %u risk map does not fit a PNG image"), W, H);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W * cell_px, H * cell_px);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: width x height in pixels, then cairo's (English) reason. */
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("cannot make a %u x %u image: %s"),
                   W * cell_px, H * cell_px, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint row = 0; row < H; row++)
    {
      /* Round 1 at the bottom, as the chart is drawn. */
      guint y0 = (H - 1 - row) * cell_px;

      for (guint n = 0; n < W; n++)
        {
          guint8 yarn = st_chart_get (pattern->chart, row, n);
          StColor colour = yarn < pattern->n_yarns ? pattern->yarns[yarn].color : (StColor) { 0, 0, 0 };
          guint32 px = cell_colour (colour, st_check_risk_score (result->reasons[(gsize) row * W + n]));

          for (guint dy = 0; dy < cell_px; dy++)
            {
              guint32 *line = (guint32 *) (data + (gsize) (y0 + dy) * stride) + n * cell_px;

              for (guint dx = 0; dx < cell_px; dx++)
                line[dx] = px;
            }
        }
    }
  cairo_surface_mark_dirty (surface);

  bytes = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, write_to_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s is cairo's (English) reason. */
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("cannot encode the risk map: %s"),
                   cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}
