/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-knit-render.h"

#include <math.h>

#include "st-chart-render.h"
#include "st-render-types.h"

typedef struct
{
  guint  row;
  guint  needle;
  StRgba fade;
} FadeData;

/* Other rounds faded strongly, stitches already knit in this round a
 * little: the round being knit stands out in its true colours. */
static gboolean
fade_tint (gpointer  user_data,
           guint     row,
           guint     needle,
           StRgba   *tint)
{
  FadeData *data = user_data;

  if (row == data->row && needle >= data->needle)
    return FALSE;
  *tint = data->fade;
  if (row == data->row)
    tint->alpha = 0.35;
  return TRUE;
}

/* Where the chart viewport sits inside the strip. */
static void
viewport_origin (const StChartLayout *layout,
                 double               width,
                 double              *x,
                 double              *y)
{
  *x = floor (MAX (0.0, (width - layout->width) / 2.0));
  *y = ST_KNIT_POINTER_HEIGHT;
}

void
st_knit_render_layout (const StPattern *pattern,
                       guint            row,
                       guint            needle,
                       double           width,
                       double           height,
                       StChartLayout   *layout)
{
  guint needles = st_pattern_needles (pattern);
  guint rows = st_pattern_rows (pattern);
  double area_w, area_h, cell;
  guint visible_rows;

  st_chart_layout_init_for_pattern (layout, pattern, ST_KNIT_MIN_CELL_WIDTH, width,
                                    MAX (0.0, height - ST_KNIT_POINTER_HEIGHT));
  area_w = MAX (0.0, width - layout->gutter_left);
  cell = CLAMP (floor (area_w / needles), ST_KNIT_MIN_CELL_WIDTH, ST_KNIT_MAX_CELL_WIDTH);
  /* Keep at least three rounds in view: the last, this one and the next. */
  area_h = MAX (0.0, layout->height - layout->gutter_bottom);
  if (cell * layout->aspect * 3 > area_h)
    cell = MAX (ST_KNIT_MIN_CELL_WIDTH, floor (area_h / (3 * layout->aspect)));
  layout->cell_width = cell;
  layout->cell_height = cell * layout->aspect;

  /* A round that fits is shown whole from needle 1; a wider one scrolls
   * to keep the needle in the middle. */
  if (needles * cell <= area_w)
    {
      layout->width = layout->gutter_left + needles * cell;
      layout->scroll_column = 0;
    }
  else
    {
      layout->scroll_column = needle + 0.5 - area_w / cell / 2.0;
      if (!layout->wrap)
        layout->scroll_column = CLAMP (layout->scroll_column, 0.0, needles - area_w / cell);
    }

  /* Whole rounds only; the current one a third of the way up, so more of
   * what comes next is in view than of what is done. */
  visible_rows = (guint) MAX (1.0, floor (area_h / layout->cell_height));
  visible_rows = MIN (visible_rows, rows);
  layout->height = layout->gutter_bottom + visible_rows * layout->cell_height;
  layout->scroll_row = (double) row - (double) ((visible_rows - 1) / 3);
  st_chart_layout_clamp (layout);
}

void
st_knit_render_round (cairo_t         *cr,
                      const StPattern *pattern,
                      guint            row,
                      guint            needle,
                      double           width,
                      double           height,
                      gboolean         dark)
{
  StChartLayout layout;
  StChartRenderStyle style;
  StChartOverlay overlay;
  FadeData fade;
  double ox, oy, x, y, w, h, cx;
  gint64 column;

  g_return_if_fail (row < st_pattern_rows (pattern) && needle < st_pattern_needles (pattern));

  st_knit_render_layout (pattern, row, needle, width, height, &layout);
  st_chart_render_style_init (&style, dark);
  /* Plain cells: from a metre away a whole cell of colour reads better
   * than a "V" over its darker shadow. */
  style.stitch_style = ST_STITCH_STYLE_PLAIN;
  style.show_grid = TRUE;
  style.show_numbers = TRUE;
  style.show_seam = TRUE;
  style.show_marks = TRUE;
  /* The current round gets only the outline, not a yellow wash over its
   * yarn colours. */
  style.highlight.alpha = 0;

  st_chart_overlay_init (&overlay);
  overlay.highlight_row = row;
  overlay.has_cursor = TRUE;
  overlay.cursor_row = row;
  overlay.cursor_column = needle;
  overlay.cursor_size = 1;
  fade.row = row;
  fade.needle = needle;
  fade.fade = dark ? (StRgba) { 0.12, 0.12, 0.13, 0.6 } : (StRgba) { 1, 1, 1, 0.6 };
  overlay.tint = fade_tint;
  overlay.tint_data = &fade;

  viewport_origin (&layout, width, &ox, &oy);
  cairo_save (cr);
  st_rgba_set_source (cr, style.background);
  cairo_paint (cr);
  cairo_translate (cr, ox, oy);
  cairo_rectangle (cr, 0, 0, layout.width, layout.height);
  cairo_clip (cr);
  st_chart_render (cr, pattern, &layout, &style, &overlay);

  /* The needle: a thick box on the stitch (the wrapped copy in view). */
  column = needle;
  if (layout.wrap)
    {
      gint64 first, last;

      if (st_chart_layout_visible_columns (&layout, &first, &last))
        {
          column = first + (((gint64) needle - first) % (gint64) layout.needles + layout.needles) %
                   layout.needles;
        }
    }
  st_chart_layout_cell_rect (&layout, row, column, &x, &y, &w, &h);
  cairo_rectangle (cr, x - 2, y - 2, w + 4, h + 4);
  cairo_set_line_width (cr, 4.0);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.95);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* A pointer above the chart over the needle's column. */
  cx = ox + x + w / 2.0;
  cairo_save (cr);
  cairo_move_to (cr, cx - 10, 2);
  cairo_line_to (cr, cx + 10, 2);
  cairo_line_to (cr, cx, ST_KNIT_POINTER_HEIGHT - 3);
  cairo_close_path (cr);
  st_rgba_set_source (cr, style.seam);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

gboolean
st_knit_render_cell_at (const StPattern *pattern,
                        guint            row,
                        guint            needle,
                        double           width,
                        double           height,
                        double           x,
                        double           y,
                        guint           *out_row,
                        guint           *out_needle)
{
  StChartLayout layout;
  double ox, oy;
  gint64 r, c;

  st_knit_render_layout (pattern, row, needle, width, height, &layout);
  viewport_origin (&layout, width, &ox, &oy);
  x -= ox;
  y -= oy;
  if (x < 0 || y < 0 || x >= layout.width || y >= layout.height)
    return FALSE;
  if (!st_chart_layout_cell_at (&layout, x, y, &r, &c))
    return FALSE;
  *out_row = (guint) r;
  *out_needle = st_chart_layout_needle (&layout, c);
  return TRUE;
}
