/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check-marks.c: what is really knit where: duplicate stitches knit in the
 * round's main yarn, catches as extra uses of the caught yarn.
 */
#include "st-check-private.h"

#include <string.h>

/* Whether @array is sorted and every entry lies inside the chart (and, for
 * catches, names a yarn of the palette). */
static gboolean
is_clean (const GArray    *array,
          GCompareFunc     compare,
          const StPattern *pattern,
          gboolean         catches)
{
  gsize size = g_array_get_element_size ((GArray *) array);

  for (guint i = 0; i < array->len; i++)
    {
      const StStitchRef *ref = (const StStitchRef *) (array->data + i * size);

      if (ref->row >= pattern->chart->rows || ref->needle >= pattern->chart->needles)
        return FALSE;
      if (catches && ((const StCatch *) ref)->yarn >= pattern->n_yarns)
        return FALSE;
      if (i > 0 && compare (array->data + (i - 1) * size, array->data + i * size) > 0)
        return FALSE;
    }
  return TRUE;
}

/* A sorted copy of @array without entries outside the chart. */
static GArray *
clean_copy (const GArray    *array,
            GCompareFunc     compare,
            const StPattern *pattern,
            gboolean         catches)
{
  gsize size = g_array_get_element_size ((GArray *) array);
  GArray *copy = g_array_sized_new (FALSE, FALSE, size, array->len);

  for (guint i = 0; i < array->len; i++)
    {
      const StStitchRef *ref = (const StStitchRef *) (array->data + i * size);

      if (ref->row < pattern->chart->rows && ref->needle < pattern->chart->needles &&
          (!catches || ((const StCatch *) ref)->yarn < pattern->n_yarns))
        g_array_append_vals (copy, ref, 1);
    }
  g_array_sort (copy, compare);
  return copy;
}

void
st_marks_init (StMarks         *marks,
               const StPattern *pattern)
{
  memset (marks, 0, sizeof *marks);
  marks->pattern = pattern;

  /* The model keeps marks sorted and inside the chart; a caller that filled
   * the arrays by hand gets a clean copy rather than wrong results. */
  if (is_clean (pattern->catches, st_catch_compare, pattern, TRUE))
    {
      marks->catches = (const StCatch *) pattern->catches->data;
      marks->n_catches = pattern->catches->len;
    }
  else
    {
      marks->owned_catches = clean_copy (pattern->catches, st_catch_compare, pattern, TRUE);
      marks->catches = (const StCatch *) marks->owned_catches->data;
      marks->n_catches = marks->owned_catches->len;
    }
  if (is_clean (pattern->duplicate_stitches, st_stitch_ref_compare, pattern, FALSE))
    {
      marks->dups = (const StStitchRef *) pattern->duplicate_stitches->data;
      marks->n_dups = pattern->duplicate_stitches->len;
    }
  else
    {
      marks->owned_dups = clean_copy (pattern->duplicate_stitches, st_stitch_ref_compare, pattern, FALSE);
      marks->dups = (const StStitchRef *) marks->owned_dups->data;
      marks->n_dups = marks->owned_dups->len;
    }
  marks->scratch = g_malloc (pattern->chart->needles);
}

void
st_marks_clear (StMarks *marks)
{
  g_clear_pointer (&marks->owned_catches, g_array_unref);
  g_clear_pointer (&marks->owned_dups, g_array_unref);
  g_clear_pointer (&marks->scratch, g_free);
}

guint
st_marks_catch_lower (const StMarks *marks,
                      guint          row)
{
  guint lo = 0, hi = marks->n_catches;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (marks->catches[mid].row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
st_marks_dup_lower (const StMarks *marks,
                    guint          row)
{
  guint lo = 0, hi = marks->n_dups;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (marks->dups[mid].row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint8
main_yarn_of (const guint8 *cells,
              guint         needles)
{
  guint counts[256] = { 0 };
  guint8 best = cells[0];

  for (guint n = 0; n < needles; n++)
    counts[cells[n]]++;
  for (guint y = 0; y < 256; y++)
    if (counts[y] > counts[best] || (counts[y] == counts[best] && y < best))
      best = (guint8) y;
  return best;
}

guint8
st_check_round_main_yarn (const StPattern *pattern,
                          guint            row)
{
  g_return_val_if_fail (row < pattern->chart->rows, 0);
  return main_yarn_of (st_chart_row (pattern->chart, row), pattern->chart->needles);
}

guint8
st_check_knit_yarn (const StPattern *pattern,
                    guint            row,
                    guint            needle)
{
  g_return_val_if_fail (row < pattern->chart->rows && needle < pattern->chart->needles, 0);
  if (st_pattern_has_duplicate_stitch (pattern, row, needle))
    return st_check_round_main_yarn (pattern, row);
  return st_chart_get (pattern->chart, row, needle);
}

const guint8 *
st_marks_row_cells (StMarks *marks,
                    guint    row)
{
  const StChart *chart = marks->pattern->chart;
  const guint8 *cells = st_chart_row (chart, row);
  guint i = st_marks_dup_lower (marks, row);
  guint8 main;

  if (i >= marks->n_dups || marks->dups[i].row != row)
    return cells;
  memcpy (marks->scratch, cells, chart->needles);
  main = main_yarn_of (cells, chart->needles);
  for (; i < marks->n_dups && marks->dups[i].row == row; i++)
    marks->scratch[marks->dups[i].needle] = main;
  return marks->scratch;
}

void
st_marks_walk (StMarks   *marks,
               guint      row0,
               guint      row1,
               gint64    *last,
               StUseFunc  func,
               gpointer   user_data)
{
  guint needles = marks->pattern->chart->needles;
  guint ci = st_marks_catch_lower (marks, row0);

  for (guint row = row0; row <= row1; row++)
    {
      const guint8 *cells = st_marks_row_cells (marks, row);
      gint64 base = (gint64) row * needles;

      for (guint n = 0; n < needles; n++)
        {
          guint8 y = cells[n];
          gint64 g = base + n;

          func (user_data, y, g, last[y], FALSE);
          last[y] = g;
          for (; ci < marks->n_catches && marks->catches[ci].row == row &&
                 marks->catches[ci].needle == n; ci++)
            {
              guint8 k = marks->catches[ci].yarn;

              /* A catch in the yarn the stitch is knit in, or a repeated
               * entry, changes nothing. */
              if (k == y || last[k] == g)
                continue;
              func (user_data, k, g, last[k], TRUE);
              last[k] = g;
            }
        }
      /* Skip catches with needles beyond the chart (never after validation). */
      while (ci < marks->n_catches && marks->catches[ci].row == row)
        ci++;
    }
}
