/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-edit.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-error.h"

/* Each public edit is one undo step unless the caller has a step open
 * (a stroke), in which case it joins that step. Step labels are for people
 * ("Undo Paint"), translated in the context "undo step". */
static void
begin (StHistory  *history,
       const char *label)
{
  if (history != NULL)
    st_history_begin (history, label);
}

static void
end (StHistory *history)
{
  if (history != NULL)
    st_history_end (history);
}

static void
snapshot (StHistory *history,
          StPattern *pattern)
{
  if (history != NULL)
    st_history_record_snapshot (history, pattern);
}

/* The one place a stitch changes: records it and marks the row dirty. */
static gboolean
put (StPattern *pattern,
     StHistory *history,
     gint64     row,
     gint64     needle,
     guint8     yarn)
{
  StChart *chart = pattern->chart;
  guint n;

  if (row < 0 || row >= chart->rows || yarn >= pattern->n_yarns)
    return FALSE;
  n = st_chart_wrap_needle (chart, needle);
  if (st_chart_get (chart, row, n) == yarn)
    return FALSE;
  if (history != NULL)
    st_history_record_stitch (history, pattern, row, n, yarn);
  st_chart_set (chart, row, n, yarn);
  st_pattern_mark_dirty_rows (pattern, row, row);
  return TRUE;
}

gboolean
st_edit_set_stitch (StPattern *pattern,
                    StHistory *history,
                    gint64     row,
                    gint64     needle,
                    guint8     yarn)
{
  gboolean changed;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Paint"));
  changed = put (pattern, history, row, needle, yarn);
  end (history);
  return changed;
}

gboolean
st_edit_brush (StPattern *pattern,
               StHistory *history,
               gint64     row,
               gint64     needle,
               guint      size,
               guint8     yarn)
{
  gboolean changed = FALSE;
  gint64 lo, hi;

  size = CLAMP (size, 1, 3);
  /* Sizes 1 and 3 centre on the stitch; size 2 extends up and right. */
  lo = size == 3 ? -1 : 0;
  hi = size == 1 ? 0 : 1;
  /* A brush wider than the round would paint a stitch twice. */
  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Paint"));
  for (gint64 dr = lo; dr <= hi; dr++)
    for (gint64 dn = lo; dn <= hi && dn - lo < pattern->chart->needles; dn++)
      changed |= put (pattern, history, row + dr, needle + dn, yarn);
  end (history);
  return changed;
}

gboolean
st_edit_line (StPattern *pattern,
              StHistory *history,
              gint64     row0,
              gint64     needle0,
              gint64     row1,
              gint64     needle1,
              guint8     yarn)
{
  gint64 dx = ABS (needle1 - needle0), dy = -ABS (row1 - row0);
  gint64 sx = needle0 < needle1 ? 1 : -1, sy = row0 < row1 ? 1 : -1;
  gint64 err = dx + dy, x = needle0, y = row0;
  gboolean changed = FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Line"));
  for (;;)
    {
      gint64 e2;

      changed |= put (pattern, history, y, x, yarn);
      if (x == needle1 && y == row1)
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
  end (history);
  return changed;
}

gboolean
st_edit_rectangle (StPattern *pattern,
                   StHistory *history,
                   gint64     row0,
                   gint64     needle0,
                   gint64     row1,
                   gint64     needle1,
                   guint8     yarn,
                   gboolean   filled)
{
  gint64 r_lo = MIN (row0, row1), r_hi = MAX (row0, row1);
  gint64 n_lo = MIN (needle0, needle1), n_hi = MAX (needle0, needle1);
  gboolean changed = FALSE;

  /* Wider than the round: the rectangle is the whole round. */
  if (n_hi - n_lo >= pattern->chart->needles)
    n_hi = n_lo + pattern->chart->needles - 1;
  r_lo = MAX (r_lo, 0);
  r_hi = MIN (r_hi, (gint64) pattern->chart->rows - 1);

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Rectangle"));
  for (gint64 r = r_lo; r <= r_hi; r++)
    for (gint64 n = n_lo; n <= n_hi; n++)
      {
        gboolean edge = r == MIN (row0, row1) || r == MAX (row0, row1) || n == n_lo || n == n_hi;

        if (filled || edge)
          changed |= put (pattern, history, r, n, yarn);
      }
  end (history);
  return changed;
}

gboolean
st_edit_flood_fill (StPattern *pattern,
                    StHistory *history,
                    gint64     row,
                    gint64     needle,
                    guint8     yarn)
{
  StChart *chart = pattern->chart;
  g_autoptr(GArray) stack = NULL;
  guint8 target;
  gboolean changed = FALSE;

  if (row < 0 || row >= chart->rows || yarn >= pattern->n_yarns)
    return FALSE;
  target = st_chart_get (chart, row, st_chart_wrap_needle (chart, needle));
  if (target == yarn)
    return FALSE;

  stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  {
    guint32 start = (guint32) row * chart->needles + st_chart_wrap_needle (chart, needle);
    g_array_append_val (stack, start);
  }

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Fill"));
  while (stack->len > 0)
    {
      guint32 index = g_array_index (stack, guint32, stack->len - 1);
      guint r = index / chart->needles, n = index % chart->needles;
      guint32 next[4];
      guint n_next = 0;

      g_array_set_size (stack, stack->len - 1);
      if (chart->cells[index] != target)
        continue;
      put (pattern, history, r, n, yarn);
      changed = TRUE;

      next[n_next++] = r * chart->needles + (n + 1) % chart->needles;
      next[n_next++] = r * chart->needles + (n + chart->needles - 1) % chart->needles;
      if (r > 0)
        next[n_next++] = index - chart->needles;
      if (r + 1 < chart->rows)
        next[n_next++] = index + chart->needles;
      for (guint i = 0; i < n_next; i++)
        if (chart->cells[next[i]] == target)
          g_array_append_val (stack, next[i]);
    }
  end (history);
  return changed;
}

gboolean
st_edit_replace_yarn (StPattern *pattern,
                      StHistory *history,
                      guint8     from,
                      guint8     to)
{
  StChart *chart = pattern->chart;
  gboolean changed = FALSE;

  if (from >= pattern->n_yarns || to >= pattern->n_yarns || from == to)
    return FALSE;
  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Replace yarn"));
  for (guint r = 0; r < chart->rows; r++)
    for (guint n = 0; n < chart->needles; n++)
      if (st_chart_get (chart, r, n) == from)
        changed |= put (pattern, history, r, n, to);
  end (history);
  return changed;
}

/* Structural edits rebuild the chart; marks move with their stitches. */
static void
replace_chart (StPattern *pattern,
               StChart   *chart)
{
  st_chart_free (pattern->chart);
  pattern->chart = chart;
  st_pattern_mark_dirty_structure (pattern);
}

static void
filter_marks (StPattern *pattern,
              gint64     row_from,
              gint64     row_shift,
              guint      rows_removed)
{
  guint kept = 0;

  /* Marks on rows >= row_from move by row_shift; rows in
   * [row_from, row_from + rows_removed) are deleted. */
  for (guint i = 0; i < pattern->catches->len; i++)
    {
      StCatch c = g_array_index (pattern->catches, StCatch, i);

      if (c.row >= row_from && c.row < row_from + rows_removed)
        continue;
      if (c.row >= row_from)
        c.row += row_shift;
      if (c.row < pattern->chart->rows && c.needle < pattern->chart->needles)
        g_array_index (pattern->catches, StCatch, kept++) = c;
    }
  g_array_set_size (pattern->catches, kept);

  kept = 0;
  for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
    {
      StStitchRef d = g_array_index (pattern->duplicate_stitches, StStitchRef, i);

      if (d.row >= row_from && d.row < row_from + rows_removed)
        continue;
      if (d.row >= row_from)
        d.row += row_shift;
      if (d.row < pattern->chart->rows && d.needle < pattern->chart->needles)
        g_array_index (pattern->duplicate_stitches, StStitchRef, kept++) = d;
    }
  g_array_set_size (pattern->duplicate_stitches, kept);
}

gboolean
st_edit_insert_rows (StPattern  *pattern,
                     StHistory  *history,
                     guint       at,
                     guint       count,
                     guint8      yarn,
                     GError    **error)
{
  StChart *old = pattern->chart, *chart;
  gsize w = old->needles;

  if (count == 0)
    return FALSE;
  if (at > old->rows || yarn >= pattern->n_yarns)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("cannot insert at round %u of %u"),
                   at + 1, old->rows);
      return FALSE;
    }
  chart = st_chart_new (old->needles, old->rows + count, yarn, error);
  if (chart == NULL)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Insert rounds"));
  snapshot (history, pattern);
  memcpy (chart->cells, old->cells, w * at);
  memcpy (chart->cells + w * (at + count), old->cells + w * at, w * (old->rows - at));
  replace_chart (pattern, chart);
  filter_marks (pattern, at, count, 0);
  end (history);
  return TRUE;
}

gboolean
st_edit_delete_rows (StPattern  *pattern,
                     StHistory  *history,
                     guint       at,
                     guint       count,
                     GError    **error)
{
  StChart *old = pattern->chart, *chart;
  gsize w = old->needles;

  if (count == 0)
    return FALSE;
  if (at >= old->rows || count > old->rows - at)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "rounds %u to %u are not all in the chart of %u round",
                                "rounds %u to %u are not all in the chart of %u rounds",
                                old->rows),
                   at + 1, at + count, old->rows);
      return FALSE;
    }
  if (count == old->rows)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_LIMIT, _("a pattern needs at least one round"));
      return FALSE;
    }
  chart = st_chart_new (old->needles, old->rows - count, 0, error);
  if (chart == NULL)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Delete rounds"));
  snapshot (history, pattern);
  memcpy (chart->cells, old->cells, w * at);
  memcpy (chart->cells + w * at, old->cells + w * (at + count), w * (old->rows - at - count));
  replace_chart (pattern, chart);
  filter_marks (pattern, at, -(gint64) count, count);
  end (history);
  return TRUE;
}

gboolean
st_edit_resize (StPattern  *pattern,
                StHistory  *history,
                guint       needles,
                guint       rows,
                guint8      fill,
                GError    **error)
{
  StChart *old = pattern->chart, *chart;

  if (needles == old->needles && rows == old->rows)
    return FALSE;
  if (fill >= pattern->n_yarns)
    fill = 0;
  if (pattern->profile != NULL && !st_profile_check_width (pattern->profile, needles, error))
    return FALSE;
  chart = st_chart_new (needles, rows, fill, error);
  if (chart == NULL)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Resize"));
  snapshot (history, pattern);
  for (guint r = 0; r < MIN (rows, old->rows); r++)
    memcpy (st_chart_row (chart, r), st_chart_row (old, r), MIN (needles, old->needles));
  replace_chart (pattern, chart);
  filter_marks (pattern, 0, 0, 0);
  end (history);
  return TRUE;
}

gboolean
st_edit_shift (StPattern *pattern,
               StHistory *history,
               gint64     offset)
{
  StChart *old = pattern->chart;
  guint shift = st_chart_wrap_needle (old, offset);
  StChart *chart;

  if (shift == 0)
    return FALSE;
  chart = st_chart_new (old->needles, old->rows, 0, NULL);

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Shift around"));
  snapshot (history, pattern);
  for (guint r = 0; r < old->rows; r++)
    for (guint n = 0; n < old->needles; n++)
      st_chart_set (chart, r, (n + shift) % old->needles, st_chart_get (old, r, n));
  for (guint i = 0; i < pattern->catches->len; i++)
    {
      StCatch *c = &g_array_index (pattern->catches, StCatch, i);
      c->needle = (c->needle + shift) % old->needles;
    }
  for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
    {
      StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);
      d->needle = (d->needle + shift) % old->needles;
    }
  replace_chart (pattern, chart);
  st_pattern_sort_marks (pattern);
  end (history);
  return TRUE;
}

gboolean
st_edit_mirror (StPattern *pattern,
                StHistory *history,
                guint      row0,
                guint      row1,
                gint64     needle,
                guint      width)
{
  StChart *chart = pattern->chart;
  g_autofree guint8 *line = NULL;
  gboolean changed = FALSE;

  if (width == 0 || width > chart->needles)
    width = chart->needles;
  row1 = MIN (row1, chart->rows - 1);
  line = g_malloc (width);

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Mirror"));
  for (guint r = MIN (row0, row1); r <= MAX (row0, row1); r++)
    {
      for (guint i = 0; i < width; i++)
        line[i] = st_chart_get (chart, r, st_chart_wrap_needle (chart, needle + i));
      for (guint i = 0; i < width; i++)
        changed |= put (pattern, history, r, needle + i, line[width - 1 - i]);
    }
  end (history);
  return changed;
}

gboolean
st_edit_flip_rows (StPattern *pattern,
                   StHistory *history,
                   guint      row0,
                   guint      row1)
{
  StChart *chart = pattern->chart;
  g_autoptr(StChart) copy = NULL;
  guint lo = MIN (row0, row1), hi = MIN (MAX (row0, row1), chart->rows - 1);
  gboolean changed = FALSE;

  if (lo >= chart->rows)
    return FALSE;
  copy = st_chart_copy (chart);
  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Flip"));
  for (guint r = lo; r <= hi; r++)
    for (guint n = 0; n < chart->needles; n++)
      changed |= put (pattern, history, r, n, st_chart_get (copy, lo + hi - r, n));
  end (history);
  return changed;
}

gboolean
st_edit_paste (StPattern     *pattern,
               StHistory     *history,
               const StChart *region,
               gint64         row,
               gint64         needle)
{
  gboolean changed = FALSE;
  guint width = MIN (region->needles, pattern->chart->needles);

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Paste"));
  for (guint r = 0; r < region->rows; r++)
    for (guint c = 0; c < width; c++)
      {
        guint8 v = st_chart_get (region, r, c);

        if (v != ST_TRANSPARENT)
          changed |= put (pattern, history, row + r, needle + c, v);
      }
  end (history);
  return changed;
}

gboolean
st_edit_repeat_motif (StPattern *pattern,
                      StHistory *history,
                      guint      row0,
                      guint      row1,
                      gint64     needle,
                      guint      width)
{
  StChart *chart = pattern->chart;
  guint lo = MIN (row0, row1), hi = MIN (MAX (row0, row1), chart->rows - 1);
  gboolean changed = FALSE;

  if (width == 0 || width >= chart->needles || lo >= chart->rows)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Repeat motif"));
  for (guint r = lo; r <= hi; r++)
    for (guint i = width; i < chart->needles; i++)
      {
        guint8 v = st_chart_get (chart, r, st_chart_wrap_needle (chart, needle + i % width));

        changed |= put (pattern, history, r, needle + i, v);
      }
  end (history);
  return changed;
}

static gboolean
check_yarn (const StPattern  *pattern,
            const StYarn     *yarn,
            gint              skip_index,
            GError          **error)
{
  if (!st_yarn_key_is_valid (yarn->key))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("'%c' is not a letter or digit"), yarn->key);
      return FALSE;
    }
  for (guint i = 0; i < pattern->n_yarns; i++)
    if ((gint) i != skip_index && pattern->yarns[i].key == yarn->key)
      {
        /* Translators: a yarn's key letter and the name of the yarn that has it. */
        g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("key '%c' is already used by %s"),
                     yarn->key, pattern->yarns[i].name);
        return FALSE;
      }
  if (yarn->name == NULL || *yarn->name == '\0')
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID, _("a yarn needs a name"));
      return FALSE;
    }
  g_return_val_if_fail (g_utf8_validate (yarn->name, -1, NULL), FALSE);
  g_return_val_if_fail (yarn->fibre == NULL || g_utf8_validate (yarn->fibre, -1, NULL), FALSE);
  /* The file refuses longer ones, so a save would not open again. */
  if (g_utf8_strlen (yarn->name, -1) > ST_MAX_NAME_LENGTH)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "a yarn name has at most %d character",
                                "a yarn name has at most %d characters", ST_MAX_NAME_LENGTH),
                   ST_MAX_NAME_LENGTH);
      return FALSE;
    }
  if (yarn->fibre != NULL && g_utf8_strlen (yarn->fibre, -1) > ST_MAX_NAME_LENGTH)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "a fibre has at most %d character",
                                "a fibre has at most %d characters", ST_MAX_NAME_LENGTH),
                   ST_MAX_NAME_LENGTH);
      return FALSE;
    }
  if ((guint) yarn->weight > ST_WEIGHT_JUMBO)
    {
      /* Translators: CYC is the Craft Yarn Council's yarn weight standard. */
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("weight %d is not a CYC class 0 to 7"),
                   yarn->weight);
      return FALSE;
    }
  return TRUE;
}

gboolean
st_edit_add_yarn (StPattern     *pattern,
                  StHistory     *history,
                  const StYarn  *yarn,
                  GError       **error)
{
  if (pattern->n_yarns >= ST_MAX_YARNS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "a pattern has at most %d yarn",
                                "a pattern has at most %d yarns", ST_MAX_YARNS),
                   ST_MAX_YARNS);
      return FALSE;
    }
  if (!check_yarn (pattern, yarn, -1, error))
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Add yarn"));
  snapshot (history, pattern);
  st_yarn_copy_into (&pattern->yarns[pattern->n_yarns++], yarn);
  st_pattern_mark_dirty_structure (pattern);
  end (history);
  return TRUE;
}

gboolean
st_edit_set_yarn (StPattern     *pattern,
                  StHistory     *history,
                  guint          index,
                  const StYarn  *yarn,
                  GError       **error)
{
  if (index >= pattern->n_yarns)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("there is no yarn %u"), index + 1);
      return FALSE;
    }
  if (!check_yarn (pattern, yarn, index, error))
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Edit yarn"));
  snapshot (history, pattern);
  st_yarn_clear (&pattern->yarns[index]);
  st_yarn_copy_into (&pattern->yarns[index], yarn);
  st_pattern_mark_dirty_structure (pattern);
  end (history);
  return TRUE;
}

/* Renumbers every yarn reference through @map (old index -> new index). */
static void
remap_yarns (StPattern    *pattern,
             const guint8 *map)
{
  StChart *chart = pattern->chart;
  gsize n = (gsize) chart->needles * chart->rows;
  guint kept = 0;

  for (gsize i = 0; i < n; i++)
    chart->cells[i] = map[chart->cells[i]];
  for (guint i = 0; i < pattern->catches->len; i++)
    {
      StCatch c = g_array_index (pattern->catches, StCatch, i);

      c.yarn = map[c.yarn];
      /* A catch of a yarn on a stitch now knit in that same yarn is moot. */
      if (st_chart_get (chart, c.row, c.needle) != c.yarn)
        g_array_index (pattern->catches, StCatch, kept++) = c;
    }
  g_array_set_size (pattern->catches, kept);
  st_pattern_sort_marks (pattern);
}

gboolean
st_edit_remove_yarn (StPattern  *pattern,
                     StHistory  *history,
                     guint       index,
                     guint       replacement,
                     GError    **error)
{
  guint8 map[ST_MAX_YARNS];

  if (index >= pattern->n_yarns || replacement >= pattern->n_yarns || index == replacement)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID, _("choose another yarn to replace it"));
      return FALSE;
    }
  if (pattern->n_yarns == 1)
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_LIMIT, _("a pattern needs at least one yarn"));
      return FALSE;
    }

  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      guint target = i == index ? replacement : i;

      map[i] = target > index ? target - 1 : target;
    }

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Remove yarn"));
  snapshot (history, pattern);
  remap_yarns (pattern, map);
  st_yarn_clear (&pattern->yarns[index]);
  memmove (&pattern->yarns[index], &pattern->yarns[index + 1],
           (pattern->n_yarns - index - 1) * sizeof (StYarn));
  pattern->n_yarns--;
  memset (&pattern->yarns[pattern->n_yarns], 0, sizeof (StYarn));
  st_pattern_mark_dirty_structure (pattern);
  end (history);
  return TRUE;
}

gboolean
st_edit_move_yarn (StPattern *pattern,
                   StHistory *history,
                   guint      from,
                   guint      to)
{
  guint8 map[ST_MAX_YARNS];
  StYarn moved;

  if (from >= pattern->n_yarns || to >= pattern->n_yarns || from == to)
    return FALSE;

  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      guint j = i;

      if (i == from)
        j = to;
      else if (from < to && i > from && i <= to)
        j = i - 1;
      else if (from > to && i >= to && i < from)
        j = i + 1;
      map[i] = j;
    }

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Reorder yarns"));
  snapshot (history, pattern);
  remap_yarns (pattern, map);
  moved = pattern->yarns[from];
  if (from < to)
    memmove (&pattern->yarns[from], &pattern->yarns[from + 1], (to - from) * sizeof (StYarn));
  else
    memmove (&pattern->yarns[to + 1], &pattern->yarns[to], (from - to) * sizeof (StYarn));
  pattern->yarns[to] = moved;
  st_pattern_mark_dirty_structure (pattern);
  end (history);
  return TRUE;
}

/* Marks the rows of every mark in @marks (StCatch or StStitchRef: both
 * start with their row), so a checker re-checks only around them. */
static void
mark_rows_of (StPattern    *pattern,
              const GArray *marks)
{
  guint size = g_array_get_element_size ((GArray *) marks);

  for (guint i = 0; i < marks->len; i++)
    {
      guint row;

      memcpy (&row, marks->data + (gsize) i * size, sizeof row);
      st_pattern_mark_dirty_rows (pattern, row, row);
    }
}

/* Replaces @marks (pattern->catches or ->duplicate_stitches) by @wanted,
 * already filtered and sorted, as one undo step; only the rows of the old
 * and new marks are dirty, so a checker re-checks just around them. */
static gboolean
replace_marks (StPattern    *pattern,
               StHistory    *history,
               GArray       *marks,
               const GArray *wanted,
               GCompareFunc  compare,
               const char   *label)
{
  g_autoptr(GArray) old = NULL;
  guint size = g_array_get_element_size (marks);
  gboolean same = marks->len == wanted->len;

  /* Compared by field, not memcmp: the structs have padding. */
  for (guint i = 0; same && i < marks->len; i++)
    same = compare (marks->data + (gsize) i * size, wanted->data + (gsize) i * size) == 0;
  if (same)
    return FALSE;

  old = g_array_copy (marks);
  begin (history, label);
  snapshot (history, pattern);
  g_array_set_size (marks, 0);
  g_array_append_vals (marks, wanted->data, wanted->len);
  end (history);
  mark_rows_of (pattern, old);
  mark_rows_of (pattern, marks);
  return TRUE;
}

gboolean
st_edit_set_catches (StPattern     *pattern,
                     StHistory     *history,
                     const StCatch *catches,
                     guint          n_catches)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (StCatch));

  for (guint i = 0; i < n_catches; i++)
    if (catches[i].row < pattern->chart->rows && catches[i].needle < pattern->chart->needles &&
        catches[i].yarn < pattern->n_yarns)
      g_array_append_val (wanted, catches[i]);
  /* One catch per stitch and yarn. */
  st_marks_sort_unique (wanted, st_catch_compare);
  return replace_marks (pattern, history, pattern->catches, wanted, st_catch_compare,
                        g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Catches"));
}

gboolean
st_edit_set_duplicate_stitches (StPattern         *pattern,
                                StHistory         *history,
                                const StStitchRef *stitches,
                                guint              n_stitches)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (StStitchRef));

  for (guint i = 0; i < n_stitches; i++)
    if (stitches[i].row < pattern->chart->rows && stitches[i].needle < pattern->chart->needles)
      g_array_append_val (wanted, stitches[i]);
  /* One mark per stitch. */
  st_marks_sort_unique (wanted, st_stitch_ref_compare);
  return replace_marks (pattern, history, pattern->duplicate_stitches, wanted, st_stitch_ref_compare,
                        g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Duplicate stitches"));
}

gboolean
st_edit_toggle_duplicate_stitch (StPattern *pattern,
                                 StHistory *history,
                                 guint      row,
                                 guint      needle)
{
  if (row >= pattern->chart->rows || needle >= pattern->chart->needles)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Duplicate stitch"));
  snapshot (history, pattern);
  if (st_pattern_has_duplicate_stitch (pattern, row, needle))
    {
      for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
        {
          StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);

          if (d->row == row && d->needle == needle)
            {
              g_array_remove_index (pattern->duplicate_stitches, i);
              break;
            }
        }
    }
  else
    {
      StStitchRef d = { row, needle };

      g_array_append_val (pattern->duplicate_stitches, d);
      st_pattern_sort_marks (pattern);
    }
  st_pattern_mark_dirty_rows (pattern, row, row);
  end (history);
  return TRUE;
}

gboolean
st_edit_set_gauge (StPattern  *pattern,
                   StHistory  *history,
                   double      stitches_per_10cm,
                   double      rows_per_10cm,
                   GError    **error)
{
  if (!(stitches_per_10cm >= 1 && stitches_per_10cm <= 200) ||
      !(rows_per_10cm >= 1 && rows_per_10cm <= 200))
    {
      g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID,
                           _("a gauge is 1 to 200 stitches and rows per 10 cm"));
      return FALSE;
    }
  if (stitches_per_10cm == pattern->stitches_per_10cm && rows_per_10cm == pattern->rows_per_10cm)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Gauge"));
  snapshot (history, pattern);
  pattern->stitches_per_10cm = stitches_per_10cm;
  pattern->rows_per_10cm = rows_per_10cm;
  st_pattern_mark_dirty_structure (pattern);
  end (history);
  return TRUE;
}

/* @name as the file can hold it: UTF-8 (a name from the command line may
 * not be) and at most ST_MAX_NAME_LENGTH characters, cut between two
 * characters; cutting bytes could split one and make the file unreadable. */
static char *
name_for_file (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);

  if (g_utf8_strlen (valid, -1) <= ST_MAX_NAME_LENGTH)
    return g_steal_pointer (&valid);
  return g_strndup (valid, g_utf8_offset_to_pointer (valid, ST_MAX_NAME_LENGTH) - valid);
}

gboolean
st_edit_set_name (StPattern  *pattern,
                  StHistory  *history,
                  const char *name)
{
  g_autofree char *kept = NULL;

  if (name == NULL)
    return FALSE;
  kept = name_for_file (name);
  if (g_strcmp0 (kept, pattern->name) == 0)
    return FALSE;

  begin (history, g_dpgettext2 (GETTEXT_PACKAGE, "undo step", "Rename"));
  snapshot (history, pattern);
  g_free (pattern->name);
  pattern->name = g_steal_pointer (&kept);
  pattern->dirty_structure = TRUE;
  end (history);
  return TRUE;
}
