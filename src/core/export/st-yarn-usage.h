/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-yarn-usage.h: metres of each yarn a pattern needs, for the PDF and
 * chart legends.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

/* Allowance on top of the knitted length for tails, joins and a swatch. */
#define ST_YARN_USAGE_ALLOWANCE 1.10

/* The sentence printed under every metres column. */
#define ST_EXPORT_METRES_NOTE \
  "Metres are estimates from the gauge with 10% for tails and joins; knit a swatch and weigh it to be sure."

/* Metres of each yarn for the legends (ST_MAX_YARNS entries). */
void     st_export_yarn_metres          (const StPattern *pattern,
                                         double          *metres);

/* Fills @metres (ST_MAX_YARNS entries, unused ones 0) with the metres of
 * each yarn: stitches times the loop length (the pattern's, or estimated
 * from the gauge), plus the floats behind the stitches of other yarns in
 * the rounds where the yarn is knit, plus the allowance. */
void     st_export_yarn_metres_estimate (const StPattern *pattern,
                                         double          *metres);
/* The loop length used, in mm: the pattern's when set, else estimated from
 * the gauge with Munden's constants for relaxed plain knitting. */
double   st_export_loop_length_mm       (const StPattern *pattern);

G_END_DECLS
