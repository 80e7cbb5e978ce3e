/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-fabric.c: the emulator's record of knitted rounds.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "emu-fabric.h"

#include <cairo.h>

#include "st-error.h"
#include "st-pattern-file.h"

EmuFabric *
emu_fabric_new (void)
{
  EmuFabric *fabric = g_new0 (EmuFabric, 1);

  fabric->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return fabric;
}

void
emu_fabric_free (EmuFabric *fabric)
{
  if (fabric == NULL)
    return;
  g_ptr_array_unref (fabric->rows);
  g_free (fabric->description);
  g_free (fabric);
}

void
emu_fabric_add_row (EmuFabric    *fabric,
                    const guint8 *yarns,
                    guint         width)
{
  if (fabric->rows->len == 0)
    fabric->width = width;
  else if (width != fabric->width)
    {
      g_ptr_array_set_size (fabric->rows, 0);
      fabric->faults = 0;
      fabric->width = width;
    }
  for (guint i = 0; i < width; i++)
    if (yarns[i] == EMU_STITCH_FAULT)
      fabric->faults++;
  g_ptr_array_add (fabric->rows, g_bytes_new (yarns, width));
}

guint
emu_fabric_rows (const EmuFabric *fabric)
{
  return fabric->rows->len;
}

char *
emu_fabric_to_text (const EmuFabric *fabric)
{
  static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "# stranded-emulator knitted fabric: %u rounds of %u stitches, "
                          "round 1 first; digits are yarn indices, ? a faulty stitch\n",
                          fabric->rows->len, fabric->width);
  if (fabric->description != NULL)
    g_string_append_printf (out, "# %s\n", fabric->description);
  for (guint r = 0; r < fabric->rows->len; r++)
    {
      gsize n;
      const guint8 *row = g_bytes_get_data (g_ptr_array_index (fabric->rows, r), &n);

      for (gsize i = 0; i < n; i++)
        g_string_append_c (out, row[i] < 32 ? digits[row[i]] : '?');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
emu_fabric_write_png (const EmuFabric *fabric,
                      const char      *path,
                      GError         **error)
{
  /* Yarn 0 light, 1 dark, then distinct hues; faults in signal red. */
  static const double palette[][3] = {
    { 0.95, 0.93, 0.85 }, { 0.61, 0.11, 0.19 }, { 0.11, 0.31, 0.61 }, { 0.18, 0.49, 0.20 },
    { 0.98, 0.66, 0.15 }, { 0.42, 0.11, 0.60 }, { 0.13, 0.13, 0.13 }, { 1.00, 0.44, 0.26 },
  };
  const int cell_w = 8, cell_h = 7, margin = 4;
  int width = MAX (1, (int) fabric->width) * cell_w + 2 * margin;
  int height = MAX (1, (int) fabric->rows->len) * cell_h + 2 * margin;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1.0);
  for (guint r = 0; r < fabric->rows->len; r++)
    {
      gsize n;
      const guint8 *row = g_bytes_get_data (g_ptr_array_index (fabric->rows, r), &n);
      /* Round 1 at the bottom, as the fabric grows up from the cast-on. */
      double y = height - margin - (double) (r + 1) * cell_h;

      for (gsize i = 0; i < n; i++)
        {
          double x = margin + (double) i * cell_w;

          if (row[i] == EMU_STITCH_FAULT)
            cairo_set_source_rgb (cr, 1.0, 0.0, 0.0);
          else
            {
              const double *c = palette[row[i] % G_N_ELEMENTS (palette)];

              cairo_set_source_rgb (cr, c[0], c[1], c[2]);
            }
          /* A knit stitch: two legs meeting at the bottom. */
          cairo_move_to (cr, x + 0.5, y);
          cairo_line_to (cr, x + cell_w / 2.0, y + cell_h);
          cairo_line_to (cr, x + cell_w - 0.5, y);
          cairo_line_to (cr, x + cell_w / 2.0, y + cell_h * 0.55);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot draw the stitch map: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return st_file_write_atomic (path, (const char *) png->data, png->len, error);
}
