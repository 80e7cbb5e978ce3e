/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-chart-print.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "st-color-space.h"

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics keep text the same size in points and pixels. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
st_print_text_extent (cairo_t    *cr,
                      const char *text,
                      double      size,
                      gboolean    bold,
                      double     *width,
                      double     *height)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold, 0);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

double
st_print_text (cairo_t    *cr,
               const char *text,
               double      size,
               gboolean    bold,
               double      x,
               double      y,
               double      width,
               double      align_x,
               gboolean    draw)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold, width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (draw)
    {
      double w = (double) logical.width / PANGO_SCALE;

      if (width > 0)
        pango_layout_set_alignment (layout, align_x >= 0.75 ? PANGO_ALIGN_RIGHT :
                                            align_x >= 0.25 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      cairo_move_to (cr, width > 0 ? x : x - align_x * w, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

double
st_print_paragraph (cairo_t    *cr,
                    const char *text,
                    gsize       bold_bytes,
                    double      size,
                    double      x,
                    double      y,
                    double      width,
                    double      hanging,
                    gboolean    draw)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "", size, FALSE, width);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  bold->start_index = 0;
  bold->end_index = (guint) bold_bytes;
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_indent (layout, (int) (-hanging * PANGO_SCALE));
  pango_layout_get_extents (layout, NULL, &logical);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

static void
set_color (cairo_t *cr,
           StColor  color)
{
  cairo_set_source_rgb (cr, color.red / 255.0, color.green / 255.0, color.blue / 255.0);
}

void
st_chart_style_init (StChartStyle    *style,
                     const StPattern *pattern,
                     double           cell_width,
                     double           font_size)
{
  style->cell_width = cell_width;
  style->cell_height = cell_width * st_pattern_row_height_mm (pattern) /
                       st_pattern_stitch_width_mm (pattern);
  style->font_size = font_size;
}

void
st_chart_tile_init_full (StChartTile     *tile,
                         const StPattern *pattern)
{
  *tile = (StChartTile) { 0 };
  tile->n_rows = st_pattern_rows (pattern);
  tile->n_needles = st_pattern_needles (pattern);
}

void
st_chart_draw_symbol (cairo_t         *cr,
                      const StPattern *pattern,
                      guint8           yarn,
                      double           cx,
                      double           cy,
                      double           size,
                      gboolean         on_swatch)
{
  double r = size * 0.32, lw = MAX (size * 0.12, 0.2);
  gboolean white = on_swatch && yarn < pattern->n_yarns && st_color_is_dark (pattern->yarns[yarn].color);

  if (yarn == 0)
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, white ? 1 : 0, white ? 1 : 0, white ? 1 : 0);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);
  switch (yarn)
    {
    case 1: /* dot */
      cairo_arc (cr, cx, cy, r * 0.8, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case 2: /* cross */
      cairo_move_to (cr, cx - r, cy - r);
      cairo_line_to (cr, cx + r, cy + r);
      cairo_move_to (cr, cx + r, cy - r);
      cairo_line_to (cr, cx - r, cy + r);
      cairo_stroke (cr);
      break;
    case 3: /* ring */
      cairo_arc (cr, cx, cy, r * 0.9, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case 4: /* slash */
      cairo_move_to (cr, cx - r, cy + r);
      cairo_line_to (cr, cx + r, cy - r);
      cairo_stroke (cr);
      break;
    case 5: /* filled triangle */
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy + r * 0.8);
      cairo_line_to (cr, cx - r, cy + r * 0.8);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case 6: /* plus */
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx, cy + r);
      cairo_move_to (cr, cx - r, cy);
      cairo_line_to (cr, cx + r, cy);
      cairo_stroke (cr);
      break;
    case 7: /* open square */
      cairo_rectangle (cr, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
      cairo_stroke (cr);
      break;
    case 8: /* backslash */
      cairo_move_to (cr, cx - r, cy - r);
      cairo_line_to (cr, cx + r, cy + r);
      cairo_stroke (cr);
      break;
    case 9: /* filled square */
      cairo_rectangle (cr, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
      cairo_fill (cr);
      break;
    case 10: /* open triangle */
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy + r * 0.8);
      cairo_line_to (cr, cx - r, cy + r * 0.8);
      cairo_close_path (cr);
      cairo_stroke (cr);
      break;
    case 11: /* filled diamond */
    case 12: /* open diamond */
      cairo_move_to (cr, cx, cy - r * 1.1);
      cairo_line_to (cr, cx + r * 0.9, cy);
      cairo_line_to (cr, cx, cy + r * 1.1);
      cairo_line_to (cr, cx - r * 0.9, cy);
      cairo_close_path (cr);
      if (yarn == 11)
        cairo_fill (cr);
      else
        cairo_stroke (cr);
      break;
    case 13: /* horizontal bar */
      cairo_set_line_width (cr, lw * 1.6);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_move_to (cr, cx - r, cy);
      cairo_line_to (cr, cx + r, cy);
      cairo_stroke (cr);
      break;
    case 14: /* vertical bar */
      cairo_set_line_width (cr, lw * 1.6);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx, cy + r);
      cairo_stroke (cr);
      break;
    case 15: /* asterisk */
      for (int i = 0; i < 4; i++)
        {
          double a = i * G_PI / 4;

          cairo_move_to (cr, cx - r * cos (a), cy - r * sin (a));
          cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
        }
      cairo_stroke (cr);
      break;
    default:
      {
        char key[2] = { yarn < pattern->n_yarns ? pattern->yarns[yarn].key : '?', '\0' };
        double w, h;

        st_print_text_extent (cr, key, size * 0.75, TRUE, &w, &h);
        st_print_text (cr, key, size * 0.75, TRUE, cx, cy - h / 2, 0, 0.5, TRUE);
      }
      break;
    }
  cairo_restore (cr);
}

void
st_chart_draw_catch_mark (cairo_t    *cr,
                          double      x,
                          double      y,
                          double      w,
                          double      h,
                          const char *key)
{
  double s = MIN (w, h), r = s * 0.2;
  double cx = key != NULL ? x + w * 0.3 : x + w / 2, cy = y + h - s * 0.34;

  cairo_save (cr);
  if (key != NULL)
    {
      double size = s * 0.46, kw, kh, kx = x + w * 0.74, bottom = y + h - s * 0.03;

      /* The letter on a white tab in the cell's corner, readable on any yarn. */
      st_print_text_extent (cr, key, size, TRUE, &kw, &kh);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, kx - kw / 2 - s * 0.05, bottom - kh * 0.8, kw + s * 0.1, kh * 0.8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      st_print_text (cr, key, size, TRUE, kx, bottom - kh * 0.9, 0, 0.5, TRUE);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_new_path (cr);
  cairo_move_to (cr, cx - r, cy - r * 0.6);
  cairo_arc_negative (cr, cx, cy, r, G_PI, 0);
  cairo_line_to (cr, cx + r, cy - r * 0.6);
  /* A white halo keeps the hook visible on dark yarns. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, s * 0.2);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, s * 0.1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
st_chart_draw_duplicate_mark (cairo_t *cr,
                              double   x,
                              double   y,
                              double   w,
                              double   h)
{
  double s = MIN (w, h) * 0.45;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x + w, y);
  cairo_line_to (cr, x + w - s, y);
  cairo_line_to (cr, x + w, y + s);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MIN (w, h) * 0.05);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
band_height (const StChartStyle *style)
{
  return style->font_size * 1.6;
}

void
st_chart_tile_margins (cairo_t            *cr,
                       const StPattern    *pattern,
                       const StChartStyle *style,
                       double             *side,
                       double             *top,
                       double             *bottom)
{
  g_autofree char *widest = g_strdup_printf ("%u", st_pattern_rows (pattern));
  double w;

  st_print_text_extent (cr, widest, style->font_size, TRUE, &w, NULL);
  if (side)
    *side = w + style->font_size * 0.8;
  if (top)
    *top = band_height (style);
  if (bottom)
    *bottom = band_height (style) * 2;
}

void
st_chart_tile_size (cairo_t            *cr,
                    const StPattern    *pattern,
                    const StChartStyle *style,
                    const StChartTile  *tile,
                    double             *width,
                    double             *height)
{
  double side, top, bottom;

  st_chart_tile_margins (cr, pattern, style, &side, &top, &bottom);
  if (width)
    *width = 2 * side + tile->n_needles * style->cell_width;
  if (height)
    *height = top + bottom + tile->n_rows * style->cell_height;
}

/* Needle numbers every @step (and needle 1) so numbers never collide. */
static guint
needle_number_step (cairo_t            *cr,
                    const StPattern    *pattern,
                    const StChartStyle *style)
{
  g_autofree char *widest = g_strdup_printf ("%u", st_pattern_needles (pattern));
  double w;

  st_print_text_extent (cr, widest, style->font_size, FALSE, &w, NULL);
  w += style->font_size * 0.3;
  if (style->cell_width >= w)
    return 1;
  if (5 * style->cell_width >= w * 1.3)
    return 5;
  return 10;
}

static guint
row_number_step (const StChartStyle *style)
{
  if (style->cell_height >= style->font_size * 1.05)
    return 1;
  if (5 * style->cell_height >= style->font_size * 1.3)
    return 5;
  return 10;
}

static double
line_width_for (const StChartStyle *style,
                guint               index)
{
  double base = MIN (style->cell_width, style->cell_height);

  if (index % 10 == 0)
    return base * 0.13;
  if (index % 5 == 0)
    return base * 0.085;
  return base * 0.03;
}

static void
set_line_color_for (cairo_t *cr,
                    guint    index)
{
  if (index % 10 == 0)
    cairo_set_source_rgb (cr, 0, 0, 0);
  else if (index % 5 == 0)
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
}

static void
draw_dashed (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1,
             double   width,
             double   dash)
{
  double dashes[2] = { dash, dash * 0.7 };

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, width * 1.8);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
st_chart_draw_tile (cairo_t            *cr,
                    const StPattern    *pattern,
                    const StChartStyle *style,
                    const StChartTile  *tile,
                    double              x,
                    double              y)
{
  const StChart *chart = pattern->chart;
  double cw = style->cell_width, ch = style->cell_height, fs = style->font_size;
  double side, top, bottom, gx, gy, gw, gh, band = band_height (style);
  guint needle_step = needle_number_step (cr, pattern, style);
  guint row_step = row_number_step (style);
  guint last_row = tile->first_row + tile->n_rows;
  guint last_needle = tile->first_needle + tile->n_needles;
  double symbol_size = MIN (cw, ch);

  g_return_if_fail (last_row <= chart->rows && last_needle <= chart->needles);

  st_chart_tile_margins (cr, pattern, style, &side, &top, &bottom);
  gx = x + side;
  gy = y + top;
  gw = tile->n_needles * cw;
  gh = tile->n_rows * ch;

  cairo_save (cr);

  /* Grey number bands over the stitches repeated on a neighbouring page. */
  cairo_set_source_rgb (cr, 0.82, 0.82, 0.82);
  if (tile->overlap_left > 0)
    {
      cairo_rectangle (cr, gx, y, tile->overlap_left * cw, top);
      cairo_rectangle (cr, gx, gy + gh, tile->overlap_left * cw, band);
    }
  if (tile->overlap_right > 0)
    {
      cairo_rectangle (cr, gx + gw - tile->overlap_right * cw, y, tile->overlap_right * cw, top);
      cairo_rectangle (cr, gx + gw - tile->overlap_right * cw, gy + gh, tile->overlap_right * cw, band);
    }
  if (tile->overlap_bottom > 0)
    {
      cairo_rectangle (cr, x, gy + gh - tile->overlap_bottom * ch, side, tile->overlap_bottom * ch);
      cairo_rectangle (cr, gx + gw, gy + gh - tile->overlap_bottom * ch, side, tile->overlap_bottom * ch);
    }
  if (tile->overlap_top > 0)
    {
      cairo_rectangle (cr, x, gy, side, tile->overlap_top * ch);
      cairo_rectangle (cr, gx + gw, gy, side, tile->overlap_top * ch);
    }
  cairo_fill (cr);

  /* Cells: one rectangle per run of a yarn, then symbols and marks. */
  for (guint r = tile->first_row; r < last_row; r++)
    {
      double cy = gy + (last_row - 1 - r) * ch;
      guint n = tile->first_needle;

      while (n < last_needle)
        {
          guint8 yarn = st_chart_get (chart, r, n);
          guint end = n + 1;

          while (end < last_needle && st_chart_get (chart, r, end) == yarn)
            end++;
          set_color (cr, pattern->yarns[MIN (yarn, pattern->n_yarns - 1)].color);
          cairo_rectangle (cr, gx + (n - tile->first_needle) * cw, cy, (end - n) * cw, ch);
          cairo_fill (cr);
          n = end;
        }
      for (n = tile->first_needle; n < last_needle; n++)
        st_chart_draw_symbol (cr, pattern, st_chart_get (chart, r, n),
                              gx + (n - tile->first_needle + 0.5) * cw, cy + ch / 2, symbol_size, TRUE);
    }
  for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
    {
      const StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);

      if (d->row >= tile->first_row && d->row < last_row &&
          d->needle >= tile->first_needle && d->needle < last_needle)
        st_chart_draw_duplicate_mark (cr, gx + (d->needle - tile->first_needle) * cw,
                                      gy + (last_row - 1 - d->row) * ch, cw, ch);
    }
  for (guint i = 0; i < pattern->catches->len; i++)
    {
      const StCatch *c = &g_array_index (pattern->catches, StCatch, i);
      /* With two yarns the caught one is the one not knit here. */
      char key[2] = { c->yarn < pattern->n_yarns ? pattern->yarns[c->yarn].key : '?', '\0' };

      if (c->row >= tile->first_row && c->row < last_row &&
          c->needle >= tile->first_needle && c->needle < last_needle)
        st_chart_draw_catch_mark (cr, gx + (c->needle - tile->first_needle) * cw,
                                  gy + (last_row - 1 - c->row) * ch, cw, ch,
                                  pattern->n_yarns > 2 ? key : NULL);
    }

  /* Grid: thin lines first, then every 5th, then every 10th on top. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (int pass = 0; pass < 3; pass++)
    {
      for (guint n = tile->first_needle; n <= last_needle; n++)
        {
          guint kind = n % 10 == 0 ? 2 : n % 5 == 0 ? 1 : 0;
          double lx = gx + (n - tile->first_needle) * cw;

          if (n == tile->first_needle || n == last_needle)
            kind = 2;
          if ((int) kind != pass)
            continue;
          cairo_set_line_width (cr, line_width_for (style, kind == 2 ? 0 : kind == 1 ? 5 : 1));
          set_line_color_for (cr, kind == 2 ? 0 : kind == 1 ? 5 : 1);
          cairo_move_to (cr, lx, gy);
          cairo_line_to (cr, lx, gy + gh);
          cairo_stroke (cr);
        }
      for (guint r = tile->first_row; r <= last_row; r++)
        {
          guint kind = r % 10 == 0 ? 2 : r % 5 == 0 ? 1 : 0;
          double ly = gy + (last_row - r) * ch;

          if (r == tile->first_row || r == last_row)
            kind = 2;
          if ((int) kind != pass)
            continue;
          cairo_set_line_width (cr, line_width_for (style, kind == 2 ? 0 : kind == 1 ? 5 : 1));
          set_line_color_for (cr, kind == 2 ? 0 : kind == 1 ? 5 : 1);
          cairo_move_to (cr, gx, ly);
          cairo_line_to (cr, gx + gw, ly);
          cairo_stroke (cr);
        }
    }

  /* Overlap boundaries. */
  if (tile->overlap_left > 0)
    draw_dashed (cr, gx + tile->overlap_left * cw, gy - top * 0.3, gx + tile->overlap_left * cw,
                 gy + gh + band * 0.3, line_width_for (style, 5), cw * 0.6);
  if (tile->overlap_right > 0)
    draw_dashed (cr, gx + gw - tile->overlap_right * cw, gy - top * 0.3,
                 gx + gw - tile->overlap_right * cw, gy + gh + band * 0.3,
                 line_width_for (style, 5), cw * 0.6);
  if (tile->overlap_bottom > 0)
    draw_dashed (cr, gx - side * 0.3, gy + gh - tile->overlap_bottom * ch, gx + gw + side * 0.3,
                 gy + gh - tile->overlap_bottom * ch, line_width_for (style, 5), ch * 0.6);
  if (tile->overlap_top > 0)
    draw_dashed (cr, gx - side * 0.3, gy + tile->overlap_top * ch, gx + gw + side * 0.3,
                 gy + tile->overlap_top * ch, line_width_for (style, 5), ch * 0.6);

  /* Needle numbers above and below, round numbers on both sides. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint n = tile->first_needle; n < last_needle; n++)
    {
      g_autofree char *label = NULL;
      double cx = gx + (n - tile->first_needle + 0.5) * cw, h;

      if (n != 0 && (n + 1) % needle_step != 0)
        continue;
      label = g_strdup_printf ("%u", n + 1);
      st_print_text_extent (cr, label, fs, FALSE, NULL, &h);
      st_print_text (cr, label, fs, (n + 1) % 10 == 0, cx, y + (top - h) / 2, 0, 0.5, TRUE);
      st_print_text (cr, label, fs, (n + 1) % 10 == 0, cx, gy + gh + (band - h) / 2, 0, 0.5, TRUE);
    }
  for (guint r = tile->first_row; r < last_row; r++)
    {
      g_autofree char *label = NULL;
      double cy = gy + (last_row - 1 - r + 0.5) * ch, h;

      if (r != 0 && (r + 1) % row_step != 0)
        continue;
      label = g_strdup_printf ("%u", r + 1);
      st_print_text_extent (cr, label, fs, (r + 1) % 10 == 0, NULL, &h);
      st_print_text (cr, label, fs, (r + 1) % 10 == 0, gx - fs * 0.4, cy - h / 2, 0, 1, TRUE);
      st_print_text (cr, label, fs, (r + 1) % 10 == 0, gx + gw + fs * 0.4, cy - h / 2, 0, 0, TRUE);
    }

  /* The seam: each round starts at needle 1, after the last needle. */
  if (tile->first_needle == 0 || last_needle == chart->needles)
    {
      double ty = gy + gh + band, s = fs * 0.7;

      for (int end = 0; end < 2; end++)
        {
          double sx;

          if (end == 0 && tile->first_needle != 0)
            continue;
          if (end == 1 && last_needle != chart->needles)
            continue;
          sx = end == 0 ? gx : gx + gw;
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, line_width_for (style, 0) * 1.6);
          cairo_move_to (cr, sx, gy - top * 0.5);
          cairo_line_to (cr, sx, ty + s * 0.2);
          cairo_stroke (cr);
          cairo_move_to (cr, sx, ty + s * 0.2);
          cairo_line_to (cr, sx - s * 0.5, ty + s);
          cairo_line_to (cr, sx + s * 0.5, ty + s);
          cairo_close_path (cr);
          cairo_fill (cr);
          /* Translators: under the chart, at the seam where each round
           * starts (needle 1), and at its other end. */
          st_print_text (cr, end == 0 ? _("seam: rounds start here") : _("seam"), fs * 0.9, FALSE,
                         end == 0 ? sx + s * 0.8 : sx - s * 0.8, ty + s * 0.1, 0, end == 0 ? 0 : 1, TRUE);
        }
    }
  cairo_restore (cr);
}

static char *
format_metres (double metres)
{
  if (metres < 0)
    return g_strdup ("?");
  if (metres < 10)
    /* Translators: metres of a yarn in the legend. */
    return g_strdup_printf (_("%.1f m"), metres);
  return g_strdup_printf (_("%.0f m"), ceil (metres));
}

static const char *const legend_headers[ST_LEGEND_N_COLUMNS] = {
  /* Translators: the columns of the yarn legend: swatch, key letter, name,
   * yarn weight, chart symbol, metres needed. */
  N_("Yarn"), N_("Key"), N_("Name"), N_("Weight"), N_("Symbol"), N_("Metres")
};

void
st_chart_legend_columns (cairo_t            *cr,
                         const StPattern    *pattern,
                         const StChartStyle *style,
                         double              x,
                         double              width,
                         double             *cols,
                         double             *name_width)
{
  double fs = style->font_size, sw_w = fs * 3.4, sw_h = fs * 1.9, gap = fs * 1.2;
  double name_w = 0, weight_w = 0, w;
  double header_w[ST_LEGEND_N_COLUMNS];

  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      g_autofree char *weight = g_strdup_printf ("%d %s", pattern->yarns[i].weight,
                                                 st_yarn_weight_name (pattern->yarns[i].weight));

      st_print_text_extent (cr, pattern->yarns[i].name, fs, FALSE, &w, NULL);
      name_w = MAX (name_w, w);
      st_print_text_extent (cr, weight, fs, FALSE, &w, NULL);
      weight_w = MAX (weight_w, w);
    }
  /* Every column is at least as wide as its header (translated headers,
   * or short yarn names such as "YA", can be narrower than it). */
  for (guint c = 0; c < ST_LEGEND_N_COLUMNS; c++)
    st_print_text_extent (cr, _(legend_headers[c]), fs * 0.9, TRUE, &header_w[c], NULL);
  weight_w = MAX (weight_w, header_w[3]);
  cols[0] = x;
  cols[1] = cols[0] + MAX (sw_w, header_w[0]) + gap;
  cols[2] = cols[1] + MAX (fs * 2.2, header_w[1] + gap);
  /* Names take what is left when the table would be too wide, but never
   * less than their header. */
  name_w = MIN (name_w, MAX (width - (cols[2] - x) - weight_w - fs * 9 - 3 * gap, fs * 6));
  name_w = MAX (name_w, header_w[2]);
  cols[3] = cols[2] + name_w + gap;
  cols[4] = cols[3] + weight_w + gap;
  /* Translators: in the legend's symbol column: yarn A has no symbol. */
  st_print_text_extent (cr, _("(blank)"), fs * 0.8, FALSE, &w, NULL);
  cols[5] = cols[4] + MAX (sw_h * 1.3 + w, header_w[4]) + gap;
  if (name_width)
    *name_width = name_w;
}

double
st_chart_draw_legend (cairo_t            *cr,
                      const StPattern    *pattern,
                      const StChartStyle *style,
                      const double       *metres,
                      gboolean            show_overlap,
                      double              x,
                      double              y,
                      double              width,
                      gboolean            draw)
{
  double fs = style->font_size, row_h = fs * 2.3, sw_w = fs * 3.4, sw_h = fs * 1.9;
  double cols[ST_LEGEND_N_COLUMNS], name_w;
  double col_key, col_name, col_weight, col_symbol, col_metres;
  double top = y, h;

  st_chart_legend_columns (cr, pattern, style, x, width, cols, &name_w);
  col_key = cols[1];
  col_name = cols[2];
  col_weight = cols[3];
  col_symbol = cols[4];
  col_metres = cols[5];

  if (draw)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (guint c = 0; c < ST_LEGEND_N_COLUMNS; c++)
        if (c < 5 || metres != NULL)
          st_print_text (cr, _(legend_headers[c]), fs * 0.9, TRUE, cols[c], y, 0, 0, TRUE);
    }
  y += fs * 1.6;

  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      const StYarn *yarn = &pattern->yarns[i];
      char key[2] = { yarn->key, '\0' };
      g_autofree char *weight = g_strdup_printf ("%d %s", yarn->weight, st_yarn_weight_name (yarn->weight));
      double name_h = st_print_text (cr, yarn->name, fs, FALSE, col_name, y, name_w, 0, FALSE);
      double this_h = MAX (row_h, name_h + fs * 0.6);
      double ty = y + (sw_h - fs * 1.2) / 2;

      if (draw)
        {
          set_color (cr, yarn->color);
          cairo_rectangle (cr, x, y, sw_w, sw_h);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, fs * 0.06);
          cairo_stroke (cr);
          st_chart_draw_symbol (cr, pattern, i, x + sw_w / 2, y + sw_h / 2, sw_h, TRUE);
          cairo_set_source_rgb (cr, 0, 0, 0);
          st_print_text (cr, key, fs * 1.1, TRUE, col_key, ty - fs * 0.05, 0, 0, TRUE);
          st_print_text (cr, yarn->name, fs, FALSE, col_name, ty, name_w, 0, TRUE);
          st_print_text (cr, weight, fs, FALSE, col_weight, ty, 0, 0, TRUE);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, col_symbol, y, sw_h * 1.15, sw_h);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, fs * 0.06);
          cairo_stroke (cr);
          st_chart_draw_symbol (cr, pattern, i, col_symbol + sw_h * 0.575, y + sw_h / 2, sw_h, FALSE);
          if (i == 0)
            st_print_text (cr, _("(blank)"), fs * 0.8, FALSE, col_symbol + sw_h * 1.3, ty + fs * 0.1, 0, 0, TRUE);
          if (metres != NULL)
            {
              g_autofree char *m = format_metres (metres[i]);

              cairo_set_source_rgb (cr, 0, 0, 0);
              st_print_text (cr, m, fs, FALSE, col_metres, ty, 0, 0, TRUE);
            }
        }
      y += this_h;
    }

  /* What the marks mean. */
  y += fs * 0.6;
  for (int mark = 0; mark < 5; mark++)
    {
      const char *text;
      double mx = x + (sw_w - sw_h * 1.15) / 2;

      switch (mark)
        {
        case 0:
          if (pattern->catches->len == 0)
            continue;
          text = pattern->n_yarns > 2
                 ? _("Catch: the yarn whose letter follows the hook floats behind this stitch and is caught "
                     "into it.")
                 : _("Catch: the yarn floating behind this stitch is caught into it (the written instructions "
                     "name the yarn).");
          break;
        case 1:
          if (pattern->duplicate_stitches->len == 0)
            continue;
          text = _("Duplicate stitch: knit it in the round's main yarn, then embroider it in the charted yarn.");
          break;
        case 2:
          text = _("Seam: every round starts at needle 1. Round 1 is at the bottom; read each round from needle 1.");
          break;
        case 3:
          text = _("Grid: medium lines every 5, thick lines every 10 stitches and rounds.");
          break;
        default:
          if (!show_overlap)
            continue;
          text = _("Grey numbers and dashed line: stitches repeated on the neighbouring chart page.");
          break;
        }
      h = st_print_text (cr, text, fs * 0.9, FALSE, col_key, y, x + width - col_key, 0, FALSE);
      if (draw)
        {
          double bw = sw_h * 1.15, bh = sw_h;

          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, mx, y, bw, bh);
          cairo_fill (cr);
          if (mark == 0)
            {
              /* The example names the yarn of the pattern's first catch. */
              const StCatch *first = &g_array_index (pattern->catches, StCatch, 0);
              char key[2] = { first->yarn < pattern->n_yarns ? pattern->yarns[first->yarn].key : '?', '\0' };

              st_chart_draw_catch_mark (cr, mx, y, bw, bh, pattern->n_yarns > 2 ? key : NULL);
            }
          else if (mark == 1)
            st_chart_draw_duplicate_mark (cr, mx, y, bw, bh);
          else if (mark == 2)
            {
              cairo_set_source_rgb (cr, 0, 0, 0);
              cairo_set_line_width (cr, fs * 0.25);
              cairo_move_to (cr, mx + bw / 2, y);
              cairo_line_to (cr, mx + bw / 2, y + bh * 0.6);
              cairo_stroke (cr);
              cairo_move_to (cr, mx + bw / 2, y + bh * 0.55);
              cairo_line_to (cr, mx + bw / 2 - fs * 0.35, y + bh);
              cairo_line_to (cr, mx + bw / 2 + fs * 0.35, y + bh);
              cairo_close_path (cr);
              cairo_fill (cr);
            }
          else if (mark == 3)
            {
              cairo_set_source_rgb (cr, 0, 0, 0);
              for (int l = 0; l < 3; l++)
                {
                  cairo_set_line_width (cr, fs * (l == 0 ? 0.04 : l == 1 ? 0.1 : 0.18));
                  cairo_move_to (cr, mx + bw * (0.2 + 0.3 * l), y);
                  cairo_line_to (cr, mx + bw * (0.2 + 0.3 * l), y + bh);
                  cairo_stroke (cr);
                }
            }
          else
            {
              cairo_set_source_rgb (cr, 0.82, 0.82, 0.82);
              cairo_rectangle (cr, mx, y, bw / 2, bh);
              cairo_fill (cr);
              draw_dashed (cr, mx + bw / 2, y, mx + bw / 2, y + bh, fs * 0.1, fs * 0.3);
            }
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, fs * 0.04);
          cairo_rectangle (cr, mx, y, bw, bh);
          cairo_stroke (cr);
          st_print_text (cr, text, fs * 0.9, FALSE, col_key, y + (bh - MIN (h, bh)) / 2,
                         x + width - col_key, 0, TRUE);
        }
      y += MAX (h, sw_h) + fs * 0.5;
    }
  return y - top;
}
