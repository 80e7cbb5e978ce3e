/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-yarn-usage.h"

#include <glib/gi18n-lib.h>
#include <string.h>

const char *
st_export_metres_note (void)
{
  /* xgettext:no-c-format */
  return _("Metres are estimates from the gauge with 10% for tails and joins; knit a swatch and weigh it to be "
           "sure.");
}

void
st_export_yarn_metres_from (const StCheckResult *result,
                            double              *metres)
{
  StYarnUsage usage[ST_MAX_YARNS];
  guint n = st_check_result_get_usage (result, usage);

  memset (metres, 0, sizeof (double) * ST_MAX_YARNS);
  for (guint i = 0; i < n && i < ST_MAX_YARNS; i++)
    metres[i] = usage[i].meters;
}

void
st_export_yarn_metres (const StPattern *pattern,
                       double          *metres)
{
  StCheckOptions options;
  g_autoptr(StCheckResult) result = NULL;

  st_check_options_init (&options);
  options.skip_risk = TRUE;
  result = st_check_run (pattern, &options);
  st_export_yarn_metres_from (result, metres);
}
