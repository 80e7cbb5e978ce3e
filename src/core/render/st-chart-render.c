/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-chart-render.h"

#include <math.h>
#include <string.h>

typedef enum
{
  LINE_STITCH,
  LINE_5,
  LINE_10,
} LineLevel;

void
st_chart_render_style_init (StChartRenderStyle *style,
                            gboolean            dark)
{
  memset (style, 0, sizeof *style);
  style->stitch_style = ST_STITCH_STYLE_PLAIN;
  style->show_grid = TRUE;
  style->show_numbers = TRUE;
  style->show_seam = TRUE;
  style->show_marks = TRUE;
  style->font_family = "Cantarell, sans-serif";
  if (dark)
    {
      style->background = (StRgba) { 0.14, 0.14, 0.15, 1 };
      style->gutter = (StRgba) { 0.14, 0.14, 0.15, 1 };
      style->text = (StRgba) { 0.85, 0.85, 0.85, 1 };
    }
  else
    {
      style->background = (StRgba) { 0.92, 0.92, 0.91, 1 };
      style->gutter = (StRgba) { 0.98, 0.98, 0.98, 1 };
      style->text = (StRgba) { 0.33, 0.33, 0.35, 1 };
    }
  /* Grid lines are translucent black so they read on any yarn colour. */
  style->grid = (StRgba) { 0, 0, 0, 0.16 };
  style->grid_5 = (StRgba) { 0, 0, 0, 0.34 };
  style->grid_10 = (StRgba) { 0, 0, 0, 0.62 };
  style->seam = (StRgba) { 0.89, 0.35, 0.05, 1 };
  style->repeat = (StRgba) { 0.21, 0.52, 0.89, 0.95 };
  style->selection = (StRgba) { 0.21, 0.52, 0.89, 0.22 };
  style->highlight = (StRgba) { 1.0, 0.85, 0.2, 0.35 };
}

gboolean
st_stitch_style_from_name (const char    *name,
                           StStitchStyle *out)
{
  if (g_strcmp0 (name, "plain") == 0)
    *out = ST_STITCH_STYLE_PLAIN;
  else if (g_strcmp0 (name, "stitches") == 0)
    *out = ST_STITCH_STYLE_STITCHES;
  else
    return FALSE;
  return TRUE;
}

void
st_chart_overlay_init (StChartOverlay *overlay)
{
  memset (overlay, 0, sizeof *overlay);
  overlay->cursor_size = 1;
  overlay->highlight_row = -1;
}

guint
st_chart_label_step (double cell_extent,
                     double label_extent)
{
  static const guint mantissas[] = { 1, 2, 5 };
  guint scale = 1;

  if (cell_extent <= 0)
    return G_MAXUINT;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        {
          guint step = mantissas[i] * scale;

          if (step * cell_extent >= label_extent)
            return step;
        }
      if (scale > G_MAXUINT / 100)
        return G_MAXUINT;
      scale *= 10;
    }
}

/* Cell edges snap to whole pixels so neighbouring cells share an edge
 * exactly: no background seams and crisp grid lines at any zoom. */
static double
snap_x (const StChartLayout *layout,
        gint64               column)
{
  return round (st_chart_layout_column_x (layout, column));
}

static double
snap_y (const StChartLayout *layout,
        gint64               row)
{
  return round (st_chart_layout_row_y (layout, row));
}

static StRgba
yarn_rgba (const StPattern *pattern,
           guint8           yarn)
{
  if (yarn >= pattern->n_yarns)
    return (StRgba) { 1, 0, 1, 1 };
  return st_rgba_from_color (pattern->yarns[yarn].color);
}

static void
append_legs (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  double xy[2 * ST_STITCH_LEG_POINTS];

  for (guint leg = 0; leg < 2; leg++)
    {
      st_stitch_leg_outline (leg, xy);
      cairo_move_to (cr, x + xy[0] * w, y + xy[1] * h);
      for (guint i = 1; i < ST_STITCH_LEG_POINTS; i++)
        cairo_line_to (cr, x + xy[2 * i] * w, y + xy[2 * i + 1] * h);
      cairo_close_path (cr);
    }
}

/* Below this width cells are drawn through a one-pixel-per-stitch image
 * scaled up: a screenful of tiny stitches is then one fill. */
#define IMAGE_CELL_WIDTH 10.0

static guint32
argb (StRgba color)
{
  return 0xff000000u | (guint32) (color.red * 255 + 0.5) << 16 | (guint32) (color.green * 255 + 0.5) << 8 |
         (guint32) (color.blue * 255 + 0.5);
}

static void
draw_cells_image (cairo_t             *cr,
                  const StPattern     *pattern,
                  const StChartLayout *layout,
                  guint                row0,
                  guint                row1,
                  gint64               col0,
                  gint64               col1)
{
  int width = (int) (col1 - col0 + 1), height = (int) (row1 - row0 + 1);
  g_autoptr(cairo_surface_t) image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(cairo_pattern_t) source = NULL;
  guint32 colors[256];
  guint8 *data;
  int stride;
  cairo_matrix_t matrix;
  double x0 = st_chart_layout_column_x (layout, col0), top = st_chart_layout_row_y (layout, row1 + 1);

  for (guint i = 0; i < 256; i++)
    colors[i] = argb (yarn_rgba (pattern, (guint8) i));
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint r = row0; r <= row1; r++)
    {
      const guint8 *cells = st_chart_row (pattern->chart, r);
      guint32 *line = (guint32 *) (data + (gsize) (row1 - r) * stride);
      guint needle = st_chart_layout_needle (layout, col0);

      for (int c = 0; c < width; c++)
        {
          line[c] = colors[cells[needle]];
          if (++needle == layout->needles)
            needle = layout->wrap ? 0 : needle - 1;
        }
    }
  cairo_surface_mark_dirty (image);

  source = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (source, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&matrix, 1 / layout->cell_width, 1 / layout->cell_height);
  cairo_matrix_translate (&matrix, -x0, -top);
  cairo_pattern_set_matrix (source, &matrix);
  cairo_set_source (cr, source);
  cairo_rectangle (cr, snap_x (layout, col0), snap_y (layout, row1 + 1),
                   snap_x (layout, col1 + 1) - snap_x (layout, col0),
                   snap_y (layout, row0) - snap_y (layout, row1 + 1));
  cairo_fill (cr);
}

/* One stitch ("V" over its gap) as a repeating pattern aligned with the
 * cells, so a run of stitches of one yarn is a single fill. */
static cairo_pattern_t *
stitch_tile (StRgba               color,
             const StChartLayout *layout,
             double               x0,
             double               y0)
{
  int width = (int) ceil (layout->cell_width), height = (int) ceil (layout->cell_height);
  g_autoptr(cairo_surface_t) tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(cairo_t) tcr = cairo_create (tile);
  cairo_pattern_t *source;
  cairo_matrix_t matrix;

  st_rgba_set_source (tcr, st_rgba_shade (color, 0.62));
  cairo_paint (tcr);
  append_legs (tcr, 0, 0, width, height);
  st_rgba_set_source (tcr, color);
  cairo_fill (tcr);

  source = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (source, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_scale (&matrix, width / layout->cell_width, height / layout->cell_height);
  cairo_matrix_translate (&matrix, -x0, -y0);
  cairo_pattern_set_matrix (source, &matrix);
  return source;
}

static void
draw_cells (cairo_t                  *cr,
            const StPattern          *pattern,
            const StChartLayout      *layout,
            const StChartRenderStyle *style,
            guint                     row0,
            guint                     row1,
            gint64                    col0,
            gint64                    col1)
{
  gboolean shapes = style->stitch_style == ST_STITCH_STYLE_STITCHES &&
                    layout->cell_width >= ST_CHART_MIN_STITCH_SHAPE_WIDTH;
  cairo_pattern_t *tiles[256] = { NULL };
  double x0 = st_chart_layout_column_x (layout, col0), y0 = st_chart_layout_row_y (layout, row1 + 1);

  if (!shapes && layout->cell_width < IMAGE_CELL_WIDTH)
    {
      draw_cells_image (cr, pattern, layout, row0, row1, col0, col1);
      return;
    }

  for (guint r = row0; r <= row1; r++)
    {
      const guint8 *cells = st_chart_row (pattern->chart, r);
      double top = snap_y (layout, r + 1), bottom = snap_y (layout, r);
      gint64 c = col0;

      while (c <= col1)
        {
          guint8 yarn = cells[st_chart_layout_needle (layout, c)];
          gint64 end = c;
          double left;

          while (end + 1 <= col1 && cells[st_chart_layout_needle (layout, end + 1)] == yarn)
            end++;
          left = snap_x (layout, c);
          if (shapes)
            {
              if (tiles[yarn] == NULL)
                tiles[yarn] = stitch_tile (yarn_rgba (pattern, yarn), layout, x0, y0);
              cairo_set_source (cr, tiles[yarn]);
            }
          else
            st_rgba_set_source (cr, yarn_rgba (pattern, yarn));
          cairo_rectangle (cr, left, top, snap_x (layout, end + 1) - left, bottom - top);
          cairo_fill (cr);
          c = end + 1;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    g_clear_pointer (&tiles[i], cairo_pattern_destroy);
}

static void
draw_tints (cairo_t              *cr,
            const StChartLayout  *layout,
            const StChartOverlay *overlay,
            guint                 row0,
            guint                 row1,
            gint64                col0,
            gint64                col1)
{
  for (guint r = row0; r <= row1; r++)
    for (gint64 c = col0; c <= col1; c++)
      {
        StRgba tint;

        if (overlay->tint (overlay->tint_data, r, st_chart_layout_needle (layout, c), &tint))
          {
            double left = snap_x (layout, c), top = snap_y (layout, r + 1);

            st_rgba_set_source (cr, tint);
            cairo_rectangle (cr, left, top, snap_x (layout, c + 1) - left, snap_y (layout, r) - top);
            cairo_fill (cr);
          }
      }
}

static LineLevel
level_of (guint count)
{
  if (count % 10 == 0)
    return LINE_10;
  if (count % 5 == 0)
    return LINE_5;
  return LINE_STITCH;
}

static gboolean
level_visible (LineLevel level,
               double    cell_extent)
{
  /* Lines closer than a few pixels would grey the whole chart. */
  switch (level)
    {
    case LINE_STITCH:
      return cell_extent >= 5;
    case LINE_5:
      return cell_extent * 5 >= 8;
    case LINE_10:
      return cell_extent * 10 >= 6;
    default:
      return FALSE;
    }
}

static const StRgba *
level_color (const StChartRenderStyle *style,
             LineLevel                 level)
{
  return level == LINE_10 ? &style->grid_10 : level == LINE_5 ? &style->grid_5 : &style->grid;
}

static void
draw_grid (cairo_t                  *cr,
           const StChartLayout      *layout,
           const StChartRenderStyle *style,
           guint                     row0,
           guint                     row1,
           gint64                    col0,
           gint64                    col1)
{
  double top = snap_y (layout, row1 + 1), bottom = snap_y (layout, row0);
  double left = snap_x (layout, col0), right = snap_x (layout, col1 + 1);

  /* Knit stitches outline themselves: only every 5th and 10th line. */
  gboolean shapes = style->stitch_style == ST_STITCH_STYLE_STITCHES &&
                    layout->cell_width >= ST_CHART_MIN_STITCH_SHAPE_WIDTH;

  cairo_set_line_width (cr, 1.0);
  /* One path per level keeps the alpha of crossing lines even. */
  for (int level = shapes ? LINE_5 : LINE_STITCH; level <= LINE_10; level++)
    {
      gboolean any = FALSE;

      if (level_visible (level, layout->cell_width))
        for (gint64 c = col0; c <= col1 + 1; c++)
          {
            guint needle = st_chart_layout_needle (layout, c);
            guint count = layout->wrap ? needle : (guint) CLAMP (c, 0, layout->needles);

            if (layout->wrap && needle == 0 && style->show_seam)
              continue;
            if (!layout->wrap && (c == 0 || c == layout->needles))
              count = 0;
            if ((int) level_of (count) != level)
              continue;
            cairo_move_to (cr, snap_x (layout, c) + 0.5, top);
            cairo_line_to (cr, snap_x (layout, c) + 0.5, bottom);
            any = TRUE;
          }
      if (level_visible (level, layout->cell_height))
        for (guint r = row0; r <= row1 + 1; r++)
          {
            guint count = r == layout->rows ? 0 : r;

            if ((int) level_of (count) != level)
              continue;
            cairo_move_to (cr, left, snap_y (layout, r) - 0.5);
            cairo_line_to (cr, right, snap_y (layout, r) - 0.5);
            any = TRUE;
          }
      if (any)
        {
          st_rgba_set_source (cr, *level_color (style, level));
          cairo_stroke (cr);
        }
    }
}

static void
draw_repeats (cairo_t                  *cr,
              const StChartLayout      *layout,
              const StChartRenderStyle *style,
              const StChartOverlay     *overlay,
              guint                     row0,
              guint                     row1,
              gint64                    col0,
              gint64                    col1)
{
  guint w = overlay->repeat_width;
  double top = snap_y (layout, row1 + 1), bottom = snap_y (layout, row0);
  double dash[] = { 4, 3 }, dots[] = { 1.5, 3 };

  if (w == 0 || w >= layout->needles)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dash, 2, 0);
  for (gint64 c = col0; c <= col1 + 1; c++)
    {
      guint needle = st_chart_layout_needle (layout, c);

      if (needle % w != 0 || (needle == 0 && style->show_seam && layout->wrap))
        continue;
      cairo_move_to (cr, snap_x (layout, c), top);
      cairo_line_to (cr, snap_x (layout, c), bottom);
    }
  st_rgba_set_source (cr, style->repeat);
  cairo_stroke (cr);

  if (overlay->mirror)
    {
      /* The mirror axis: between two stitches for even repeats, through
       * the middle stitch for odd ones. */
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dots, 2, 0);
      for (gint64 c = col0; c <= col1 + 1; c++)
        {
          guint needle = st_chart_layout_needle (layout, c);
          double x;

          if (needle % w != w / 2)
            continue;
          x = w % 2 == 0 ? snap_x (layout, c) : st_chart_layout_column_x (layout, c) + layout->cell_width / 2;
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, bottom);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_seams (cairo_t                  *cr,
            const StChartLayout      *layout,
            const StChartRenderStyle *style,
            guint                     row0,
            guint                     row1,
            gint64                    col0,
            gint64                    col1)
{
  double top = snap_y (layout, row1 + 1), bottom = snap_y (layout, row0);

  cairo_set_line_width (cr, 2.0);
  for (gint64 c = col0; c <= col1 + 1; c++)
    if (st_chart_layout_is_seam (layout, c))
      {
        cairo_move_to (cr, snap_x (layout, c), top);
        cairo_line_to (cr, snap_x (layout, c), bottom);
      }
  st_rgba_set_source (cr, style->seam);
  cairo_stroke (cr);
}

/* Calls @fn for every copy of columns @c0..@c1 that meets the visible range
 * (one copy for flat charts, one per round for circular ones). */
typedef void (*CopyFunc) (gint64   c0,
                          gint64   c1,
                          gpointer data);

static void
for_each_copy (const StChartLayout *layout,
               gint64               c0,
               gint64               c1,
               gint64               visible0,
               gint64               visible1,
               CopyFunc             fn,
               gpointer             data)
{
  gint64 n = layout->needles;

  if (!layout->wrap || n == 0)
    {
      fn (c0, c1, data);
      return;
    }
  {
    /* Shift to the first copy ending at or after the visible start. */
    gint64 k = (visible0 - c1) >= 0 ? (visible0 - c1 + n - 1) / n : -((c1 - visible0) / n);

    for (gint64 s = c0 + k * n; s <= visible1; s += n)
      fn (s, s + (c1 - c0), data);
  }
}

typedef struct
{
  cairo_t             *cr;
  const StChartLayout *layout;
  double               top;
  double               bottom;
} RectJob;

static void
append_column_rect (gint64   c0,
                    gint64   c1,
                    gpointer data)
{
  RectJob *job = data;
  double left = snap_x (job->layout, c0), right = snap_x (job->layout, c1 + 1);

  cairo_rectangle (job->cr, left + 0.5, job->top + 0.5, right - left - 1, job->bottom - job->top - 1);
}

static void
draw_selection (cairo_t                  *cr,
                const StChartLayout      *layout,
                const StChartRenderStyle *style,
                const StChartOverlay     *overlay,
                gint64                    col0,
                gint64                    col1)
{
  gint64 r0 = MIN (overlay->selection_row0, overlay->selection_row1);
  gint64 r1 = MAX (overlay->selection_row0, overlay->selection_row1);
  gint64 c0 = MIN (overlay->selection_column0, overlay->selection_column1);
  gint64 c1 = MAX (overlay->selection_column0, overlay->selection_column1);
  RectJob job = { cr, layout, snap_y (layout, r1 + 1), snap_y (layout, r0) };
  double dash[] = { 4, 4 };

  if (layout->wrap && c1 - c0 >= layout->needles)
    c1 = c0 + layout->needles - 1;
  for_each_copy (layout, c0, c1, col0, col1, append_column_rect, &job);
  st_rgba_set_source (cr, style->selection);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_cursor (cairo_t              *cr,
             const StChartLayout  *layout,
             const StChartOverlay *overlay,
             gint64                col0,
             gint64                col1)
{
  guint size = CLAMP (overlay->cursor_size, 1, 3);
  gint64 lo = size == 3 ? -1 : 0, hi = size == 1 ? 0 : 1;
  RectJob job = { cr, layout,
                  snap_y (layout, overlay->cursor_row + hi + 1),
                  snap_y (layout, overlay->cursor_row + lo) };

  for_each_copy (layout, overlay->cursor_column + lo, overlay->cursor_column + hi, col0, col1,
                 append_column_rect, &job);
  /* A dark and a light ring: visible on every yarn. */
  cairo_set_line_width (cr, 3.0);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.9);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_stroke (cr);
}

static void
draw_highlight (cairo_t                  *cr,
                const StChartLayout      *layout,
                const StChartRenderStyle *style,
                const StChartOverlay     *overlay,
                gint64                    col0,
                gint64                    col1)
{
  double top = snap_y (layout, overlay->highlight_row + 1);
  double bottom = snap_y (layout, overlay->highlight_row);
  double left = snap_x (layout, col0), right = snap_x (layout, col1 + 1);

  st_rgba_set_source (cr, style->highlight);
  cairo_rectangle (cr, left, top, right - left, bottom - top);
  cairo_fill (cr);
  cairo_set_line_width (cr, 2.0);
  st_rgba_set_source (cr, (StRgba) { style->highlight.red * 0.8, style->highlight.green * 0.6, 0, 1 });
  cairo_move_to (cr, left, top + 1);
  cairo_line_to (cr, right, top + 1);
  cairo_move_to (cr, left, bottom - 1);
  cairo_line_to (cr, right, bottom - 1);
  cairo_stroke (cr);
}

/* Marks are only drawn where a stitch is big enough to carry one. */
#define MIN_MARK_CELL 6.0

/* First index of @marks (sorted by row, then needle; each element starts
 * with its guint row) whose row is at least @row. */
static guint
first_mark_at (GArray *marks,
               guint   row)
{
  guint lo = 0, hi = marks->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint mid_row = *(const guint *) (marks->data + (gsize) mid * g_array_get_element_size (marks));

      if (mid_row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first column at or after @col0 that shows @needle, or col1 + 1. */
static gint64
first_column_of (const StChartLayout *layout,
                 guint                needle,
                 gint64               col0)
{
  gint64 n = layout->needles;
  gint64 offset;

  if (!layout->wrap)
    return needle;
  offset = ((needle - col0) % n + n) % n;
  return col0 + offset;
}

static void
draw_marks (cairo_t             *cr,
            const StPattern     *pattern,
            const StChartLayout *layout,
            guint                row0,
            guint                row1,
            gint64               col0,
            gint64               col1)
{
  double w = layout->cell_width, h = layout->cell_height;
  double size = MIN (w, h) * 0.32;

  if (MIN (w, h) < MIN_MARK_CELL)
    return;
  for (guint i = first_mark_at (pattern->catches, row0); i < pattern->catches->len; i++)
    {
      const StCatch *mark = &g_array_index (pattern->catches, StCatch, i);
      StRgba under, fill;

      if (mark->row > row1)
        break;
      under = yarn_rgba (pattern, st_chart_get (pattern->chart, mark->row, mark->needle));
      fill = yarn_rgba (pattern, mark->yarn);
      for (gint64 c = first_column_of (layout, mark->needle, col0); c <= col1;
           c += layout->wrap ? (gint64) layout->needles : col1 + 1)
        {
          double x = st_chart_layout_column_x (layout, c) + w / 2;
          double y = st_chart_layout_row_y (layout, mark->row) - size * 1.1;

          if (c < col0)
            continue;
          cairo_move_to (cr, x, y - size);
          cairo_line_to (cr, x + size, y);
          cairo_line_to (cr, x, y + size);
          cairo_line_to (cr, x - size, y);
          cairo_close_path (cr);
          st_rgba_set_source (cr, fill);
          cairo_fill_preserve (cr);
          /* Outline against the stitch underneath, for same-colour catches. */
          if (st_rgba_luminance (under) > 0.5)
            cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          else
            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }
  for (guint i = first_mark_at (pattern->duplicate_stitches, row0); i < pattern->duplicate_stitches->len; i++)
    {
      const StStitchRef *mark = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);
      StRgba under;

      if (mark->row > row1)
        break;
      under = yarn_rgba (pattern, st_chart_get (pattern->chart, mark->row, mark->needle));
      for (gint64 c = first_column_of (layout, mark->needle, col0); c <= col1;
           c += layout->wrap ? (gint64) layout->needles : col1 + 1)
        {
          double x = st_chart_layout_column_x (layout, c) + w / 2;
          double y = st_chart_layout_row_y (layout, mark->row) - h / 2;

          if (c < col0)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, size, 0, 2 * G_PI);
          if (st_rgba_luminance (under) > 0.5)
            cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          else
            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, MAX (1.0, size * 0.35));
          cairo_stroke (cr);
        }
    }
}

static void
draw_numbers (cairo_t                  *cr,
              const StPattern          *pattern,
              const StChartLayout      *layout,
              const StChartRenderStyle *style,
              gboolean                  rows_visible,
              guint                     row0,
              guint                     row1,
              gboolean                  columns_visible,
              gint64                    col0,
              gint64                    col1)
{
  double area_h = st_chart_layout_area_height (layout);
  double font = ST_CHART_NUMBER_FONT_SIZE;
  cairo_text_extents_t widest;
  char label[24];
  guint step;

  cairo_select_font_face (cr, style->font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, font);
  st_rgba_set_source (cr, style->text);

  if (rows_visible && layout->gutter_left > 0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, layout->gutter_left, area_h);
      cairo_clip (cr);
      step = st_chart_label_step (layout->cell_height, font * 1.2);
      for (guint r = row0; r <= row1; r++)
        {
          cairo_text_extents_t ext;
          double centre = st_chart_layout_row_y (layout, r) - layout->cell_height / 2;

          if (((r + 1) % step != 0 && r != 0) || (r != 0 && 2 * r <= step))
            continue;
          g_snprintf (label, sizeof label, "%u", r + 1);
          cairo_text_extents (cr, label, &ext);
          cairo_move_to (cr, layout->gutter_left - 6 - ext.x_advance, centre + font * 0.36);
          cairo_show_text (cr, label);
        }
      cairo_restore (cr);
    }

  if (columns_visible && layout->gutter_bottom > 0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, layout->gutter_left, area_h, st_chart_layout_area_width (layout),
                       layout->gutter_bottom);
      cairo_clip (cr);
      g_snprintf (label, sizeof label, "%u", MAX (layout->needles, 1));
      cairo_text_extents (cr, label, &widest);
      step = st_chart_label_step (layout->cell_width, widest.x_advance + 6);
      for (gint64 c = col0; c <= col1; c++)
        {
          guint needle = st_chart_layout_needle (layout, c);
          cairo_text_extents_t ext;
          double centre = st_chart_layout_column_x (layout, c) + layout->cell_width / 2;

          if ((needle + 1) % step != 0 && needle != 0)
            continue;
          /* Needle 1 always gets its number; drop a label crowding it. */
          if (needle != 0 && (2 * needle <= step || (layout->wrap && 2 * (layout->needles - needle) <= step)))
            continue;
          g_snprintf (label, sizeof label, "%u", needle + 1);
          cairo_text_extents (cr, label, &ext);
          cairo_move_to (cr, centre - ext.x_advance / 2, area_h + 4 + font);
          cairo_show_text (cr, label);
        }
      if (style->show_seam)
        {
          /* A small marker under each seam: the round starts here. */
          st_rgba_set_source (cr, style->seam);
          for (gint64 c = col0; c <= col1 + 1; c++)
            if (st_chart_layout_is_seam (layout, c))
              {
                double x = snap_x (layout, c);

                cairo_move_to (cr, x - 4, area_h);
                cairo_line_to (cr, x + 4, area_h);
                cairo_line_to (cr, x, area_h + 5);
                cairo_close_path (cr);
              }
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }
}

void
st_chart_render (cairo_t                  *cr,
                 const StPattern          *pattern,
                 const StChartLayout      *layout,
                 const StChartRenderStyle *style,
                 const StChartOverlay     *overlay)
{
  double area_w = st_chart_layout_area_width (layout), area_h = st_chart_layout_area_height (layout);
  guint row0 = 0, row1 = 0;
  gint64 col0 = 0, col1 = 0;
  gboolean rows_visible, columns_visible;

  g_return_if_fail (layout->needles == st_pattern_needles (pattern));
  g_return_if_fail (layout->rows == st_pattern_rows (pattern));

  cairo_save (cr);
  st_rgba_set_source (cr, style->background);
  cairo_rectangle (cr, layout->gutter_left, 0, area_w, area_h);
  cairo_fill (cr);
  st_rgba_set_source (cr, style->gutter);
  cairo_rectangle (cr, 0, 0, layout->gutter_left, layout->height);
  cairo_rectangle (cr, layout->gutter_left, area_h, area_w, layout->gutter_bottom);
  cairo_fill (cr);

  rows_visible = st_chart_layout_visible_rows (layout, &row0, &row1);
  columns_visible = st_chart_layout_visible_columns (layout, &col0, &col1);

  cairo_save (cr);
  cairo_rectangle (cr, layout->gutter_left, 0, area_w, area_h);
  cairo_clip (cr);
  if (rows_visible && columns_visible)
    {
      draw_cells (cr, pattern, layout, style, row0, row1, col0, col1);
      if (overlay != NULL && overlay->tint != NULL)
        draw_tints (cr, layout, overlay, row0, row1, col0, col1);
      if (overlay != NULL && overlay->highlight_row >= row0 && overlay->highlight_row <= row1)
        draw_highlight (cr, layout, style, overlay, col0, col1);
      if (style->show_grid)
        draw_grid (cr, layout, style, row0, row1, col0, col1);
      if (style->show_marks)
        draw_marks (cr, pattern, layout, row0, row1, col0, col1);
      if (overlay != NULL)
        draw_repeats (cr, layout, style, overlay, row0, row1, col0, col1);
      if (style->show_seam)
        draw_seams (cr, layout, style, row0, row1, col0, col1);
      if (overlay != NULL && overlay->has_selection)
        draw_selection (cr, layout, style, overlay, col0, col1);
      if (overlay != NULL && overlay->has_cursor)
        draw_cursor (cr, layout, overlay, col0, col1);
    }
  cairo_restore (cr);

  if (style->show_numbers)
    draw_numbers (cr, pattern, layout, style, rows_visible, row0, row1, columns_visible, col0, col1);
  cairo_restore (cr);
}
