/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-yarn-usage.h: metres of each yarn for the PDF and chart legends, from
 * the checker's yarn usage (st_check_result_get_usage: stitches times the
 * loop length, floats, catches, duplicate stitches and a 10 % allowance).
 */
#pragma once

#include <glib.h>

#include "st-check.h"
#include "st-pattern.h"

G_BEGIN_DECLS

/* The sentence printed under every metres column, translated. */
const char *st_export_metres_note       (void);

/* Fills @metres (ST_MAX_YARNS entries, unused ones 0) from @result. */
void     st_export_yarn_metres_from     (const StCheckResult *result,
                                         double              *metres);
/* The same after a check of @pattern with the default options. */
void     st_export_yarn_metres          (const StPattern     *pattern,
                                         double              *metres);

G_END_DECLS
