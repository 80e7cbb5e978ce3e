/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-chart.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-error.h"
#include "st-limits.h"

StChart *
st_chart_new (guint    needles,
              guint    rows,
              guint8   fill,
              GError **error)
{
  StChart *chart;

  if (needles < 1 || needles > ST_MAX_NEEDLES)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "%u needle is outside 1 to %d",
                                "%u needles is outside 1 to %d", needles),
                   needles, ST_MAX_NEEDLES);
      return NULL;
    }
  if (rows < 1 || rows > ST_MAX_ROWS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "%u round is outside 1 to %d",
                                "%u rounds is outside 1 to %d", rows),
                   rows, ST_MAX_ROWS);
      return NULL;
    }

  chart = g_new0 (StChart, 1);
  chart->needles = needles;
  chart->rows = rows;
  chart->cells = g_malloc ((gsize) needles * rows);
  memset (chart->cells, fill, (gsize) needles * rows);
  return chart;
}

StChart *
st_chart_copy (const StChart *chart)
{
  StChart *copy = g_new0 (StChart, 1);

  copy->needles = chart->needles;
  copy->rows = chart->rows;
  copy->cells = g_memdup2 (chart->cells, (gsize) chart->needles * chart->rows);
  return copy;
}

void
st_chart_free (StChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->cells);
  g_free (chart);
}

guint
st_chart_wrap_needle (const StChart *chart,
                      gint64         needle)
{
  gint64 n = chart->needles;
  gint64 r = needle % n;

  return (guint) (r < 0 ? r + n : r);
}

StChart *
st_chart_copy_region (const StChart *chart,
                      guint          row,
                      gint64         needle,
                      guint          rows,
                      guint          width)
{
  StChart *region;

  g_return_val_if_fail (rows > 0 && width > 0, NULL);
  g_return_val_if_fail (row + rows <= chart->rows, NULL);
  g_return_val_if_fail (width <= ST_MAX_NEEDLES, NULL);

  region = st_chart_new (width, rows, 0, NULL);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < width; c++)
      st_chart_set (region, r, c,
                    st_chart_get (chart, row + r, st_chart_wrap_needle (chart, needle + c)));
  return region;
}

gboolean
st_chart_equal (const StChart *a,
                const StChart *b)
{
  return a->needles == b->needles && a->rows == b->rows &&
         memcmp (a->cells, b->cells, (gsize) a->needles * a->rows) == 0;
}
