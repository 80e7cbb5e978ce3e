/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-color-space.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* D65 white. */
#define XN 0.95047
#define YN 1.00000
#define ZN 1.08883

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
linear_to_srgb (double c)
{
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16) / 116;
}

static double
lab_f_inverse (double t)
{
  double t3 = t * t * t;

  return t3 > 216.0 / 24389.0 ? t3 : (116 * t - 16) * 27.0 / 24389.0;
}

StLab
st_rgb_to_lab (double red,
               double green,
               double blue)
{
  double r = srgb_to_linear (red), g = srgb_to_linear (green), b = srgb_to_linear (blue);
  double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
  double fx = lab_f (x / XN), fy = lab_f (y / YN), fz = lab_f (z / ZN);
  StLab lab = { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };

  return lab;
}

StLab
st_color_to_lab (StColor color)
{
  return st_rgb_to_lab (color.red / 255.0, color.green / 255.0, color.blue / 255.0);
}

static guint8
to_byte (double linear)
{
  double v = linear_to_srgb (CLAMP (linear, 0.0, 1.0)) * 255.0;

  return (guint8) CLAMP (lround (v), 0, 255);
}

StColor
st_lab_to_color (StLab lab)
{
  double fy = (lab.l + 16) / 116, fx = fy + lab.a / 500, fz = fy - lab.b / 200;
  double x = XN * lab_f_inverse (fx), y = YN * lab_f_inverse (fy), z = ZN * lab_f_inverse (fz);
  StColor color;

  color.red = to_byte (3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
  color.green = to_byte (-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
  color.blue = to_byte (0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
  return color;
}

double
st_lab_distance2 (StLab a,
                  StLab b)
{
  double dl = a.l - b.l, da = a.a - b.a, db = a.b - b.b;

  return dl * dl + da * da + db * db;
}

gboolean
st_color_is_dark (StColor color)
{
  return st_color_to_lab (color).l < 55;
}

/* Everyday colour names, given to the yarns a picture import makes. */
static const struct
{
  const char *name;
  StColor     color;
} named_colors[] = {
  /* Translators: the names of this context are given to the yarns a picture
   * import makes (a second yarn of the same colour becomes "Cream 2"). */
  { NC_ ("colour name", "White"), { 0xff, 0xff, 0xff } },
  { NC_ ("colour name", "Cream"), { 0xf3, 0xec, 0xd9 } },
  { NC_ ("colour name", "Beige"), { 0xd8, 0xc3, 0xa0 } },
  { NC_ ("colour name", "Tan"), { 0xb0, 0x8a, 0x60 } },
  { NC_ ("colour name", "Brown"), { 0x6d, 0x4c, 0x41 } },
  { NC_ ("colour name", "Light grey"), { 0xc8, 0xc8, 0xc8 } },
  { NC_ ("colour name", "Grey"), { 0x8c, 0x8c, 0x8c } },
  { NC_ ("colour name", "Charcoal"), { 0x40, 0x40, 0x40 } },
  { NC_ ("colour name", "Black"), { 0x14, 0x14, 0x14 } },
  { NC_ ("colour name", "Red"), { 0xc6, 0x28, 0x28 } },
  { NC_ ("colour name", "Cranberry"), { 0x9b, 0x1b, 0x30 } },
  { NC_ ("colour name", "Burgundy"), { 0x5e, 0x10, 0x22 } },
  { NC_ ("colour name", "Pink"), { 0xf4, 0x8f, 0xb1 } },
  { NC_ ("colour name", "Rose"), { 0xd0, 0x60, 0x7a } },
  { NC_ ("colour name", "Orange"), { 0xef, 0x6c, 0x00 } },
  { NC_ ("colour name", "Rust"), { 0xa0, 0x46, 0x1e } },
  { NC_ ("colour name", "Mustard"), { 0xd4, 0xa0, 0x17 } },
  { NC_ ("colour name", "Yellow"), { 0xfd, 0xd8, 0x35 } },
  { NC_ ("colour name", "Olive"), { 0x7a, 0x7a, 0x2a } },
  { NC_ ("colour name", "Light green"), { 0x9c, 0xcc, 0x65 } },
  { NC_ ("colour name", "Green"), { 0x2e, 0x7d, 0x32 } },
  { NC_ ("colour name", "Dark green"), { 0x1b, 0x4d, 0x2b } },
  { NC_ ("colour name", "Teal"), { 0x00, 0x80, 0x80 } },
  { NC_ ("colour name", "Turquoise"), { 0x40, 0xc0, 0xc8 } },
  { NC_ ("colour name", "Light blue"), { 0x90, 0xca, 0xf9 } },
  { NC_ ("colour name", "Blue"), { 0x1e, 0x63, 0xb4 } },
  { NC_ ("colour name", "Navy"), { 0x1a, 0x2a, 0x5a } },
  { NC_ ("colour name", "Lavender"), { 0xb3, 0x9d, 0xdb } },
  { NC_ ("colour name", "Purple"), { 0x6a, 0x1b, 0x9a } },
  /* Screen primaries and their neighbours under the yarn names people give
   * them. Plain CIELAB distance puts pure red nearer the orange yarn than
   * the red one, and bends saturated blue towards purple (blue is where
   * CIELAB is least even), so without these #ff0000 was "Orange" and
   * #0000ff "Purple". */
  { NC_ ("colour name", "Red"), { 0xff, 0x00, 0x00 } },
  { NC_ ("colour name", "Red"), { 0xe0, 0x10, 0x10 } },
  { NC_ ("colour name", "Orange"), { 0xff, 0x80, 0x00 } },
  { NC_ ("colour name", "Orange"), { 0xff, 0xa5, 0x00 } },
  { NC_ ("colour name", "Yellow"), { 0xff, 0xff, 0x00 } },
  { NC_ ("colour name", "Green"), { 0x00, 0xff, 0x00 } },
  { NC_ ("colour name", "Green"), { 0x00, 0xc0, 0x00 } },
  { NC_ ("colour name", "Turquoise"), { 0x00, 0xff, 0xff } },
  { NC_ ("colour name", "Blue"), { 0x00, 0x00, 0xff } },
  { NC_ ("colour name", "Blue"), { 0x20, 0x20, 0xe0 } },
  { NC_ ("colour name", "Blue"), { 0x30, 0x30, 0xc0 } },
  { NC_ ("colour name", "Navy"), { 0x00, 0x00, 0x80 } },
  { NC_ ("colour name", "Purple"), { 0x80, 0x00, 0x80 } },
};

const char *
st_color_describe (StColor color)
{
  StLab lab = st_color_to_lab (color);
  double best = G_MAXDOUBLE;
  const char *name = named_colors[0].name;

  for (guint i = 0; i < G_N_ELEMENTS (named_colors); i++)
    {
      double d = st_lab_distance2 (lab, st_color_to_lab (named_colors[i].color));

      if (d < best)
        {
          best = d;
          name = named_colors[i].name;
        }
    }
  return g_dpgettext2 (GETTEXT_PACKAGE, "colour name", name);
}
