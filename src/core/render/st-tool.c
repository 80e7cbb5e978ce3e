/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-tool.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-edit.h"
#include "st-error.h"

static const char *const tool_names[ST_N_TOOLS] = {
  [ST_TOOL_PENCIL] = "pencil",
  [ST_TOOL_LINE] = "line",
  [ST_TOOL_RECTANGLE] = "rectangle",
  [ST_TOOL_FILLED_RECTANGLE] = "filled-rectangle",
  [ST_TOOL_FILL] = "fill",
  [ST_TOOL_EYEDROPPER] = "eyedropper",
  [ST_TOOL_SELECT] = "select",
  [ST_TOOL_MOVE] = "move",
};

/* The undo step a stroke makes ("Undo Paint"), translated where it is used. */
static const char *const tool_labels[ST_N_TOOLS] = {
  [ST_TOOL_PENCIL] = NC_("undo step", "Paint"),
  [ST_TOOL_LINE] = NC_("undo step", "Line"),
  [ST_TOOL_RECTANGLE] = NC_("undo step", "Rectangle"),
  [ST_TOOL_FILLED_RECTANGLE] = NC_("undo step", "Filled rectangle"),
  [ST_TOOL_FILL] = NC_("undo step", "Fill"),
  [ST_TOOL_EYEDROPPER] = NC_("undo step", "Pick yarn"),
  [ST_TOOL_SELECT] = NC_("undo step", "Select"),
  [ST_TOOL_MOVE] = NC_("undo step", "Move selection"),
};

const char *
st_tool_to_name (StTool tool)
{
  g_return_val_if_fail (tool < ST_N_TOOLS, NULL);
  return tool_names[tool];
}

gboolean
st_tool_from_name (const char *name,
                   StTool     *out)
{
  for (guint t = 0; t < ST_N_TOOLS; t++)
    if (g_strcmp0 (name, tool_names[t]) == 0)
      {
        *out = t;
        return TRUE;
      }
  return FALSE;
}

gboolean
st_tool_paints (StTool tool)
{
  return tool != ST_TOOL_EYEDROPPER && tool != ST_TOOL_SELECT;
}

void
st_tool_options_init (StToolOptions *options)
{
  options->brush_size = 1;
  options->repeat_width = 0;
  options->mirror = FALSE;
}

guint
st_tool_options_repeat (const StToolOptions *options,
                        guint                needles)
{
  guint w = options->repeat_width;

  if (w == 0 || w >= needles || needles % w != 0)
    return 0;
  return w;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

gboolean
st_selection_normalize (StSelection     *selection,
                        const StPattern *pattern)
{
  gint64 needles = st_pattern_needles (pattern), rows = st_pattern_rows (pattern);
  gint64 r0 = MIN (selection->row0, selection->row1), r1 = MAX (selection->row0, selection->row1);
  gint64 c0 = MIN (selection->column0, selection->column1), c1 = MAX (selection->column0, selection->column1);
  gint64 shift;

  r0 = MAX (r0, 0);
  r1 = MIN (r1, rows - 1);
  if (r0 > r1 || needles == 0)
    return FALSE;
  if (c1 - c0 >= needles)
    c1 = c0 + needles - 1;
  shift = floor_div (c0, needles) * needles;
  selection->row0 = r0;
  selection->row1 = r1;
  selection->column0 = c0 - shift;
  selection->column1 = c1 - shift;
  return TRUE;
}

gboolean
st_selection_contains (const StSelection *selection,
                       const StPattern   *pattern,
                       gint64             row,
                       gint64             column)
{
  gint64 needles = st_pattern_needles (pattern);
  gint64 offset;

  if (row < selection->row0 || row > selection->row1 || needles == 0)
    return FALSE;
  /* Columns compare around the round. */
  offset = ((column - selection->column0) % needles + needles) % needles;
  return offset <= selection->column1 - selection->column0;
}

guint
st_selection_width (const StSelection *selection)
{
  return (guint) (selection->column1 - selection->column0 + 1);
}

guint
st_selection_height (const StSelection *selection)
{
  return (guint) (selection->row1 - selection->row0 + 1);
}

StChart *
st_selection_copy (const StSelection *selection,
                   const StPattern   *pattern)
{
  return st_chart_copy_region (pattern->chart, (guint) selection->row0, selection->column0,
                               st_selection_height (selection), st_selection_width (selection));
}

char *
st_region_to_text (const StChart   *region,
                   const StPattern *pattern)
{
  GString *text = g_string_sized_new ((gsize) (region->needles + 1) * region->rows + 1);

  for (guint r = region->rows; r-- > 0;)
    {
      for (guint n = 0; n < region->needles; n++)
        {
          guint8 yarn = st_chart_get (region, r, n);

          g_string_append_c (text, yarn < pattern->n_yarns ? pattern->yarns[yarn].key : '.');
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static char *
keys_of (const StPattern *pattern)
{
  GString *keys = g_string_new (NULL);

  for (guint y = 0; y < pattern->n_yarns; y++)
    g_string_append_printf (keys, y == 0 ? "%c" : ", %c", pattern->yarns[y].key);
  return g_string_free (keys, FALSE);
}

StChart *
st_region_from_text (const char       *text,
                     const StPattern  *pattern,
                     GError          **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(StChart) region = NULL;
  int yarn_of[128];
  guint n_lines, first, last, rows, width;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_PARSE, _("the clipboard does not hold text"));
      return NULL;
    }
  for (guint c = 0; c < G_N_ELEMENTS (yarn_of); c++)
    yarn_of[c] = -1;
  for (guint y = 0; y < pattern->n_yarns; y++)
    if ((guchar) pattern->yarns[y].key < G_N_ELEMENTS (yarn_of))
      yarn_of[(guchar) pattern->yarns[y].key] = (int) y;

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    g_strstrip (lines[i]);
  for (first = 0; first < n_lines && lines[first][0] == '\0'; first++)
    ;
  if (first == n_lines)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID, _("the clipboard holds no stitches: its text is empty"));
      return NULL;
    }
  for (last = n_lines - 1; lines[last][0] == '\0'; last--)
    ;
  rows = last - first + 1;
  width = (guint) g_utf8_strlen (lines[first], -1);
  if (rows > ST_MAX_ROWS || width > ST_MAX_NEEDLES)
    {
      /* Translators: the plural follows the lines. */
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the clipboard holds %u line of %u characters, more than a chart can have "
                                "(%d rounds of %d stitches)",
                                "the clipboard holds %u lines of %u characters, more than a chart can have "
                                "(%d rounds of %d stitches)", rows),
                   rows, width, ST_MAX_ROWS, ST_MAX_NEEDLES);
      return NULL;
    }
  region = st_chart_new (width, rows, ST_TRANSPARENT, error);
  if (region == NULL)
    return NULL;
  for (guint i = first; i <= last; i++)
    {
      const char *c = lines[i];
      guint length = (guint) g_utf8_strlen (c, -1);

      if (length != width)
        {
          /* Translators: a line of pasted text is longer or shorter than the first;
           * e.g. "line 3 has 7 stitches, line 1 has 8". */
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       _("line %u has %u stitches, line %u has %u: every line of a chart is one round "
                         "of the same width"),
                       i + 1, length, first + 1, width);
          return NULL;
        }
      for (guint column = 0; column < width; column++, c = g_utf8_next_char (c))
        {
          gunichar ch = g_utf8_get_char (c);

          if (ch == '.')
            continue;
          if (ch >= G_N_ELEMENTS (yarn_of) || yarn_of[ch] < 0)
            {
              g_autofree char *keys = keys_of (pattern);
              char shown[8] = { 0 };

              g_unichar_to_utf8 (ch, shown);
              g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                           _("line %u, column %u: “%s” is not a yarn key of this pattern (%s) nor “.” "
                             "for a stitch left as it is"),
                           i + 1, column + 1, shown, keys);
              return NULL;
            }
          st_chart_set (region, rows - 1 - (i - first), column, (guint8) yarn_of[ch]);
        }
    }
  return g_steal_pointer (&region);
}

/* Copies of a stroke: one per repeat, twice that when mirroring. */
static guint
n_repeats (const StStroke *stroke)
{
  guint w = st_tool_options_repeat (&stroke->options, st_pattern_needles (stroke->pattern));

  return w == 0 ? 1 : st_pattern_needles (stroke->pattern) / w;
}

static guint
repeat_width (const StStroke *stroke)
{
  guint w = st_tool_options_repeat (&stroke->options, st_pattern_needles (stroke->pattern));

  return w == 0 ? st_pattern_needles (stroke->pattern) : w;
}

static guint
n_copies (const StStroke *stroke)
{
  return n_repeats (stroke) * (stroke->options.mirror ? 2 : 1);
}

/* Column @column as copy @copy draws it: shifted by whole repeats, and for
 * odd copies reflected about the middle of the stroke's first repeat. */
static gint64
map_column (const StStroke *stroke,
            gint64          column,
            guint           copy)
{
  gint64 w = repeat_width (stroke);
  guint per = stroke->options.mirror ? 2 : 1;
  gint64 shift = (gint64) (copy / per) * w;

  if (stroke->options.mirror && copy % 2 == 1)
    column = 2 * stroke->mirror_base + w - 1 - column;
  return column + shift;
}

static gboolean
copy_is_mirrored (const StStroke *stroke,
                  guint           copy)
{
  return stroke->options.mirror && copy % 2 == 1;
}

static void
touch_rows (StStroke *stroke,
            gint64    r0,
            gint64    r1)
{
  gint64 lo = MAX (MIN (r0, r1), 0);
  gint64 hi = MIN (MAX (r0, r1), (gint64) st_pattern_rows (stroke->pattern) - 1);

  if (lo > hi)
    return;
  if (!stroke->previewed)
    {
      stroke->preview_row0 = lo;
      stroke->preview_row1 = hi;
      stroke->previewed = TRUE;
      return;
    }
  stroke->preview_row0 = MIN (stroke->preview_row0, lo);
  stroke->preview_row1 = MAX (stroke->preview_row1, hi);
}

/* Puts back every stitch changed since the press, from the pristine copy. */
static gboolean
revert (StStroke *stroke)
{
  StChart *chart = stroke->pattern->chart;
  gboolean changed = FALSE;

  if (!stroke->previewed || stroke->pristine == NULL)
    return FALSE;
  for (gint64 r = stroke->preview_row0; r <= stroke->preview_row1; r++)
    {
      const guint8 *now = st_chart_row (chart, r), *was = st_chart_row (stroke->pristine, r);

      if (memcmp (now, was, chart->needles) == 0)
        continue;
      for (guint n = 0; n < chart->needles; n++)
        if (now[n] != was[n])
          changed |= st_edit_set_stitch (stroke->pattern, stroke->history, r, n, was[n]);
    }
  return changed;
}

static gboolean
stamp (StStroke *stroke,
       gint64    row,
       gint64    column)
{
  guint size = CLAMP (stroke->options.brush_size, 1, 3);
  gboolean changed = FALSE;

  for (guint k = 0; k < n_copies (stroke); k++)
    {
      gint64 c = map_column (stroke, column, k);

      /* A size-2 brush grows right of its stitch: mirrored, it grows left. */
      if (size == 2 && copy_is_mirrored (stroke, k))
        c -= 1;
      changed |= st_edit_brush (stroke->pattern, stroke->history, row, c, size, stroke->yarn);
    }
  touch_rows (stroke, row - (size == 3), row + (size > 1));
  return changed;
}

/* Stamps the brush on every stitch from the last point to (@row, @column),
 * so a fast drag leaves no gaps. */
static gboolean
stamp_line (StStroke *stroke,
            gint64    row,
            gint64    column)
{
  gint64 x = stroke->last_column, y = stroke->last_row;
  gint64 dx = ABS (column - x), dy = -ABS (row - y);
  gint64 sx = x < column ? 1 : -1, sy = y < row ? 1 : -1;
  gint64 err = dx + dy;
  gboolean changed = FALSE;

  for (;;)
    {
      gint64 e2;

      if (x != stroke->last_column || y != stroke->last_row)
        changed |= stamp (stroke, y, x);
      if (x == column && y == row)
        break;
      e2 = 2 * err;
      if (e2 >= dy)
        {
          err += dy;
          x += sx;
        }
      if (e2 <= dx)
        {
          err += dx;
          y += sy;
        }
    }
  return changed;
}

static gboolean
apply_shape (StStroke *stroke,
             gint64    row,
             gint64    column)
{
  gboolean changed = FALSE;

  for (guint k = 0; k < n_copies (stroke); k++)
    {
      gint64 c0 = map_column (stroke, stroke->start_column, k), c1 = map_column (stroke, column, k);

      if (stroke->tool == ST_TOOL_LINE)
        changed |= st_edit_line (stroke->pattern, stroke->history, stroke->start_row, c0, row, c1,
                                 stroke->yarn);
      else
        changed |= st_edit_rectangle (stroke->pattern, stroke->history, stroke->start_row, c0, row,
                                      c1, stroke->yarn, stroke->tool == ST_TOOL_FILLED_RECTANGLE);
    }
  touch_rows (stroke, stroke->start_row, row);
  return changed;
}

static gboolean
apply_fill (StStroke *stroke,
            gint64    row,
            gint64    column)
{
  gboolean changed = FALSE;

  for (guint k = 0; k < n_copies (stroke); k++)
    changed |= st_edit_flood_fill (stroke->pattern, stroke->history, row,
                                   map_column (stroke, column, k), stroke->yarn);
  /* A fill may reach any round. */
  touch_rows (stroke, 0, (gint64) st_pattern_rows (stroke->pattern) - 1);
  return changed;
}

static gboolean
apply_move (StStroke *stroke,
            gint64    row,
            gint64    column)
{
  gint64 dr = row - stroke->start_row, dc = column - stroke->start_column;
  const StSelection *from = &stroke->region_origin;
  gboolean changed;

  changed = st_edit_rectangle (stroke->pattern, stroke->history, from->row0, from->column0,
                               from->row1, from->column1, stroke->background, TRUE);
  changed |= st_edit_paste (stroke->pattern, stroke->history, stroke->region, from->row0 + dr,
                            from->column0 + dc);
  touch_rows (stroke, from->row0, from->row1);
  touch_rows (stroke, from->row0 + dr, from->row1 + dr);
  stroke->selection = *from;
  stroke->selection.row0 += dr;
  stroke->selection.row1 += dr;
  stroke->selection.column0 += dc;
  stroke->selection.column1 += dc;
  stroke->has_selection = st_selection_normalize (&stroke->selection, stroke->pattern);
  return changed;
}

gboolean
st_stroke_begin (StStroke            *stroke,
                 StPattern           *pattern,
                 StHistory           *history,
                 StTool               tool,
                 const StToolOptions *options,
                 guint8               yarn,
                 guint8               background,
                 const StSelection   *selection,
                 gint64               row,
                 gint64               column)
{
  gint64 w;

  g_return_val_if_fail (tool < ST_N_TOOLS, FALSE);

  memset (stroke, 0, sizeof *stroke);
  stroke->pattern = pattern;
  stroke->history = history;
  stroke->tool = tool;
  stroke->options = *options;
  stroke->yarn = yarn;
  stroke->background = background;
  stroke->start_row = stroke->last_row = row;
  stroke->start_column = stroke->last_column = column;
  stroke->picked = -1;
  w = repeat_width (stroke);
  stroke->mirror_base = w > 0 ? floor_div (column, w) * w : 0;

  switch (tool)
    {
    case ST_TOOL_EYEDROPPER:
      if (row >= 0 && row < st_pattern_rows (pattern))
        stroke->picked = st_chart_get (pattern->chart, row, st_chart_wrap_needle (pattern->chart, column));
      return FALSE;

    case ST_TOOL_SELECT:
      stroke->active = TRUE;
      stroke->selection = (StSelection) { row, row, column, column };
      stroke->has_selection = st_selection_normalize (&stroke->selection, pattern);
      return FALSE;

    case ST_TOOL_MOVE:
      if (selection == NULL || !st_selection_contains (selection, pattern, row, column))
        return FALSE;
      stroke->region_origin = *selection;
      /* Grab from the copy of the selection under the pointer. */
      {
        gint64 n = st_pattern_needles (pattern);
        gint64 k = floor_div (column - selection->column0, n);

        stroke->region_origin.column0 += k * n;
        stroke->region_origin.column1 += k * n;
      }
      stroke->region = st_selection_copy (selection, pattern);
      stroke->selection = *selection;
      stroke->has_selection = TRUE;
      break;

    case ST_TOOL_PENCIL:
    case ST_TOOL_LINE:
    case ST_TOOL_RECTANGLE:
    case ST_TOOL_FILLED_RECTANGLE:
    case ST_TOOL_FILL:
    case ST_N_TOOLS:
    default:
      break;
    }

  stroke->active = TRUE;
  stroke->pristine = st_chart_copy (pattern->chart);
  if (history != NULL)
    st_history_begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", tool_labels[tool]));

  switch (tool)
    {
    case ST_TOOL_PENCIL:
      stroke->changed = stamp (stroke, row, column);
      break;
    case ST_TOOL_LINE:
    case ST_TOOL_RECTANGLE:
    case ST_TOOL_FILLED_RECTANGLE:
      stroke->changed = apply_shape (stroke, row, column);
      break;
    case ST_TOOL_FILL:
      stroke->changed = apply_fill (stroke, row, column);
      break;
    case ST_TOOL_MOVE:
      stroke->changed = FALSE;
      break;
    case ST_TOOL_EYEDROPPER:
    case ST_TOOL_SELECT:
    case ST_N_TOOLS:
    default:
      g_assert_not_reached ();
    }
  return stroke->changed;
}

gboolean
st_stroke_update (StStroke *stroke,
                  gint64    row,
                  gint64    column)
{
  gboolean changed = FALSE;

  if (!stroke->active || (row == stroke->last_row && column == stroke->last_column))
    return FALSE;

  switch (stroke->tool)
    {
    case ST_TOOL_PENCIL:
      changed = stamp_line (stroke, row, column);
      break;
    case ST_TOOL_LINE:
    case ST_TOOL_RECTANGLE:
    case ST_TOOL_FILLED_RECTANGLE:
      changed = revert (stroke);
      changed |= apply_shape (stroke, row, column);
      break;
    case ST_TOOL_MOVE:
      changed = revert (stroke);
      changed |= apply_move (stroke, row, column);
      break;
    case ST_TOOL_SELECT:
      stroke->selection = (StSelection) { stroke->start_row, row, stroke->start_column, column };
      stroke->has_selection = st_selection_normalize (&stroke->selection, stroke->pattern);
      break;
    case ST_TOOL_FILL:
    case ST_TOOL_EYEDROPPER:
    case ST_N_TOOLS:
    default:
      break;
    }
  stroke->last_row = row;
  stroke->last_column = column;
  stroke->changed |= changed;
  return changed;
}

static void
finish (StStroke *stroke)
{
  if (stroke->pristine != NULL && stroke->history != NULL)
    st_history_end (stroke->history);
  g_clear_pointer (&stroke->pristine, st_chart_free);
  g_clear_pointer (&stroke->region, st_chart_free);
  stroke->active = FALSE;
}

void
st_stroke_end (StStroke *stroke)
{
  if (!stroke->active)
    return;
  finish (stroke);
}

gboolean
st_stroke_cancel (StStroke *stroke)
{
  gboolean changed;

  if (!stroke->active)
    return FALSE;
  changed = revert (stroke);
  if (stroke->tool == ST_TOOL_MOVE)
    {
      stroke->selection = stroke->region_origin;
      stroke->has_selection = st_selection_normalize (&stroke->selection, stroke->pattern);
    }
  else if (stroke->tool == ST_TOOL_SELECT)
    stroke->has_selection = FALSE;
  finish (stroke);
  stroke->changed = FALSE;
  return changed;
}

gboolean
st_tool_paste (StPattern           *pattern,
               StHistory           *history,
               const StToolOptions *options,
               const StChart       *region,
               gint64               row,
               gint64               column)
{
  guint w = st_tool_options_repeat (options, st_pattern_needles (pattern));
  guint copies = w == 0 ? 1 : st_pattern_needles (pattern) / w;
  gboolean changed = FALSE;

  if (history != NULL)
    st_history_begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Paste"));
  for (guint k = 0; k < copies; k++)
    changed |= st_edit_paste (pattern, history, region, row, column + (gint64) k * w);
  if (history != NULL)
    st_history_end (history);
  return changed;
}

gboolean
st_tool_fill_selection (StPattern         *pattern,
                        StHistory         *history,
                        const StSelection *selection,
                        guint8             yarn)
{
  return st_edit_rectangle (pattern, history, selection->row0, selection->column0, selection->row1,
                            selection->column1, yarn, TRUE);
}
