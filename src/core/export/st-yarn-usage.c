/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-yarn-usage.h"

#include <string.h>

#include "st-instructions.h"

/* Munden's dimensional constants for dry-relaxed plain knitting: wales per
 * cm = K_W / l and courses per cm = K_C / l, l the loop length in cm. The
 * mean of both estimates evens out a gauge measured on a stretched tube. */
#define MUNDEN_K_WALES   4.2
#define MUNDEN_K_COURSES 5.5

double
st_export_loop_length_mm (const StPattern *pattern)
{
  if (pattern->loop_length_mm > 0)
    return pattern->loop_length_mm;
  return (MUNDEN_K_WALES * st_pattern_stitch_width_mm (pattern) +
          MUNDEN_K_COURSES * st_pattern_row_height_mm (pattern)) / 2;
}

void
st_export_yarn_metres_estimate (const StPattern *pattern,
                                double          *metres)
{
  guint needles = st_pattern_needles (pattern);
  double loop = st_export_loop_length_mm (pattern);
  double width = st_pattern_stitch_width_mm (pattern);
  guint64 stitches[ST_MAX_YARNS] = { 0 }, floated[ST_MAX_YARNS] = { 0 };

  memset (metres, 0, sizeof (double) * ST_MAX_YARNS);
  for (guint r = 0; r < st_pattern_rows (pattern); r++)
    {
      guint counts[ST_MAX_YARNS] = { 0 };
      g_autoptr(StRoundInstructions) round = st_round_instructions_new (pattern, r);

      /* Duplicate stitches are knit in the main yarn; their embroidery
       * takes about one loop of the charted yarn. */
      for (guint i = 0; i < round->n_runs; i++)
        counts[round->runs[i].yarn] += round->runs[i].count;
      for (guint i = 0; i < round->n_duplicates; i++)
        stitches[round->duplicates[i].yarn]++;
      for (guint y = 0; y < pattern->n_yarns; y++)
        if (counts[y] > 0)
          {
            stitches[y] += counts[y];
            floated[y] += needles - counts[y];
          }
    }
  for (guint y = 0; y < pattern->n_yarns; y++)
    metres[y] = (stitches[y] * loop + floated[y] * width) / 1000.0 * ST_YARN_USAGE_ALLOWANCE;
}

void
st_export_yarn_metres (const StPattern *pattern,
                       double          *metres)
{
  st_export_yarn_metres_estimate (pattern, metres);
}
