/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-plan.c: rounds, passes and lines of a knitting job (see JOBS.md).
 */
#include "config.h"

#include "st-job-plan.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "st-ayab.h"
#include "st-circular.h"
#include "st-error.h"

const char *
st_protocol_to_string (StProtocol protocol)
{
  return protocol == ST_PROTOCOL_AYAB ? "ayab" : "circular";
}

gboolean
st_protocol_from_string (const char *text,
                         StProtocol *out)
{
  if (g_strcmp0 (text, "ayab") == 0)
    *out = ST_PROTOCOL_AYAB;
  else if (g_strcmp0 (text, "circular") == 0)
    *out = ST_PROTOCOL_CIRCULAR;
  else
    return FALSE;
  return TRUE;
}

const char *
st_knit_mode_to_string (StKnitMode mode)
{
  switch (mode)
    {
    case ST_KNIT_MODE_SINGLEBED: return "singlebed";
    case ST_KNIT_MODE_CIRCULAR_RIBBER: return "circular-ribber";
    default: return "round";
    }
}

gboolean
st_knit_mode_from_string (const char *text,
                          StKnitMode *out)
{
  if (g_strcmp0 (text, "singlebed") == 0)
    *out = ST_KNIT_MODE_SINGLEBED;
  else if (g_strcmp0 (text, "circular-ribber") == 0)
    *out = ST_KNIT_MODE_CIRCULAR_RIBBER;
  else if (g_strcmp0 (text, "round") == 0)
    *out = ST_KNIT_MODE_ROUND;
  else
    return FALSE;
  return TRUE;
}

void
st_job_options_init (StJobOptions *options,
                     StProtocol    protocol)
{
  memset (options, 0, sizeof *options);
  options->protocol = protocol;
  options->mode = protocol == ST_PROTOCOL_AYAB ? ST_KNIT_MODE_SINGLEBED : ST_KNIT_MODE_ROUND;
  options->start_needle = -1;
  options->repeat = 1;
}

void
st_job_plan_free (StJobPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->cells);
  g_free (plan->row_masks);
  g_free (plan->change_distance);
  for (guint i = 0; i < plan->n_yarns; i++)
    g_free (plan->names[i]);
  g_free (plan);
}

static char *
keys_of (const StJobPlan *plan,
         guint32          mask)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < plan->n_yarns; i++)
    if (mask & (1u << i))
      g_string_append_printf (out, "%s%c", out->len ? ", " : "", plan->keys[i]);
  return g_string_free (out, FALSE);
}

char *
st_job_plan_describe_yarns (const StJobPlan *plan,
                            guint32          yarns)
{
  char *out = NULL;
  guint total = (guint) __builtin_popcount (yarns), seen = 0;

  for (guint i = 0; i < plan->n_yarns; i++)
    {
      g_autofree char *yarn = NULL;
      char *longer;

      if (!(yarns & (1u << i)))
        continue;
      seen++;
      yarn = g_strdup_printf ("%c (%s)", plan->keys[i], plan->names[i]);
      if (out == NULL)
        {
          out = g_steal_pointer (&yarn);
          continue;
        }
      if (seen == total)
        /* Translators: the last two items of a list of yarns: "A (Cream),
         * B (Navy) and C (Red)". */
        longer = g_strdup_printf (_("%s and %s"), out, yarn);
      else
        /* Translators: joins items of a list of yarns: "A (Cream), B (Navy)
         * and C (Red)". */
        longer = g_strdup_printf (_("%s, %s"), out, yarn);
      g_free (out);
      out = longer;
    }
  if (out == NULL)
    /* Translators: a pass that knits with no yarn selected. */
    out = g_strdup (_("no yarn"));
  return out;
}

/* For each row, the rows to the next row (cyclically, as repeats run) whose
 * yarns differ; 0 when every row uses the same yarns. */
static void
compute_change_distances (StJobPlan *plan)
{
  guint rows = plan->rows;
  guint next_diff = 0;   /* position in the doubled sequence, 0 = none yet */

  plan->change_distance = g_new0 (guint, rows);
  /* Walk the doubled sequence backwards; positions are 1-based so 0 = none. */
  for (guint k = 2 * rows; k-- > 0;)
    {
      guint row = k % rows;
      guint nxt = (k + 1) % rows;

      if (k + 1 < 2 * rows && plan->row_masks[nxt] != plan->row_masks[row])
        next_diff = k + 2;
      if (k < rows)
        plan->change_distance[row] = next_diff ? next_diff - 1 - k : 0;
    }
}

StJobPlan *
st_job_plan_new (const StPattern    *pattern,
                 const StJobOptions *options,
                 GError            **error)
{
  g_autoptr(StJobPlan) plan = g_new0 (StJobPlan, 1);
  guint rows = st_pattern_rows (pattern);
  guint needles = st_pattern_needles (pattern);
  guint used = 0;

  plan->protocol = options->protocol;
  plan->mode = options->protocol == ST_PROTOCOL_CIRCULAR ? ST_KNIT_MODE_ROUND : options->mode;
  plan->rows = rows;
  plan->needles = needles;
  plan->cells = g_memdup2 (pattern->chart->cells, (gsize) rows * needles);
  plan->n_yarns = pattern->n_yarns;
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      plan->keys[i] = pattern->yarns[i].key;
      plan->names[i] = g_strdup (pattern->yarns[i].name);
    }
  plan->row_masks = g_new0 (guint32, rows);
  for (guint r = 0; r < rows; r++)
    {
      const guint8 *row = st_chart_row (pattern->chart, r);

      for (guint n = 0; n < needles; n++)
        plan->row_masks[r] |= 1u << row[n];
      plan->used_mask |= plan->row_masks[r];
    }
  for (guint i = 0; i < 32; i++)
    if (plan->used_mask & (1u << i))
      {
        used++;
        plan->yarn_limit = i + 1;
      }

  if (options->start_row >= rows)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "start row %u is beyond the pattern's %u row",
                                "start row %u is beyond the pattern's %u rows", rows),
                   options->start_row + 1, rows);
      return NULL;
    }
  plan->start_row = options->start_row;
  plan->repeat = options->repeat;
  plan->total_rounds = options->repeat == 0 ? 0 : (guint64) rows * options->repeat - options->start_row;
  plan->passes_per_round = plan->mode == ST_KNIT_MODE_CIRCULAR_RIBBER ? 4 : 1;

  if (plan->protocol == ST_PROTOCOL_AYAB)
    {
      g_autofree char *keys = keys_of (plan, plan->used_mask);
      guint first = G_MAXUINT, second = G_MAXUINT;

      if (plan->mode == ST_KNIT_MODE_ROUND)
        {
          g_set_error_literal (error, ST_ERROR, ST_ERROR_INVALID,
                               /* Translators: ayab is a protocol, singlebed
                                * and circular-ribber are modes (the
                                * --protocol and --mode options of
                                * stranded-cli send); keep them. */
                               _("ayab knits in singlebed or circular-ribber mode"));
          return NULL;
        }
      if (used > 2)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                       /* Translators: ayab is a protocol, %s its mode
                        * (singlebed or circular-ribber, kept as they are);
                        * then the number of yarns the pattern uses and
                        * their keys: "uses 3 (A, B, C)". */
                       _("ayab knits two yarns per row in %s mode, and this pattern uses %u (%s)"),
                       st_knit_mode_to_string (plan->mode), used, keys);
          return NULL;
        }
      for (guint i = 0; i < 32; i++)
        if (plan->used_mask & (1u << i))
          {
            if (first == G_MAXUINT)
              first = i;
            else
              second = i;
          }
      plan->main_yarn = (guint8) first;
      plan->contrast_yarn = (guint8) (second == G_MAXUINT ? first : second);

      plan->machine_type = g_strcmp0 (pattern->profile_id, "brother-kh270") == 0
                           ? ST_AYAB_MACHINE_KH270 : ST_AYAB_MACHINE_KH930;
      plan->bed_needles = st_ayab_machine_needles (plan->machine_type);
      plan->line_bytes = st_ayab_machine_line_bytes (plan->machine_type);
      if (needles > plan->bed_needles)
        {
          g_autofree char *stitches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch",
                                                                    "%u stitches", needles),
                                                       needles);
          g_autofree char *bed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needle",
                                                               "%u needles", plan->bed_needles),
                                                  plan->bed_needles);

          g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                       /* Translators: "the pattern is 220 stitches wide and
                        * the bed has 200 needles". */
                       _("the pattern is %s wide and the bed has %s"), stitches, bed);
          return NULL;
        }
      if (needles < 2)
        {
          g_set_error_literal (error, ST_ERROR, ST_ERROR_PROFILE,
                               /* Translators: ayab is the name of a protocol;
                                * keep it. */
                               _("ayab needs a pattern at least 2 stitches wide"));
          return NULL;
        }
      if (options->start_needle < 0)
        plan->start_needle = (plan->bed_needles - needles) / 2;
      else if ((guint) options->start_needle + needles > plan->bed_needles)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                       /* Translators: "from needle 198 the pattern's 4
                        * stitches run off the 200-needle bed (the last
                        * possible start is needle 197)". */
                       g_dngettext (GETTEXT_PACKAGE, "from needle %d the pattern's %u stitch runs "
                                    "off the %u-needle bed (the last possible start is needle %u)",
                                    "from needle %d the pattern's %u stitches run off the %u-needle "
                                    "bed (the last possible start is needle %u)", needles),
                       options->start_needle + 1, needles, plan->bed_needles,
                       plan->bed_needles - needles + 1);
          return NULL;
        }
      else
        plan->start_needle = (guint) options->start_needle;
    }
  else
    {
      if (plan->yarn_limit > ST_CIRCULAR_MAX_FEEDS)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                       /* Translators: %c is the key of a yarn (A, B, C...). */
                       _("the circular protocol carries yarns A to the 16th; this pattern uses yarn %c"),
                       plan->keys[plan->yarn_limit - 1]);
          return NULL;
        }
      if (needles > ST_CIRCULAR_MAX_NEEDLES)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                       g_dngettext (GETTEXT_PACKAGE, "the circular protocol carries up to %d needle",
                                    "the circular protocol carries up to %d needles",
                                    ST_CIRCULAR_MAX_NEEDLES),
                       ST_CIRCULAR_MAX_NEEDLES);
          return NULL;
        }
    }

  if (plan->total_rounds != 0 && options->first_round >= plan->total_rounds)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the job is already complete: its %llu round is knitted",
                                "the job is already complete: all %llu rounds are knitted",
                                (gulong) plan->total_rounds),
                   (unsigned long long) plan->total_rounds);
      return NULL;
    }
  compute_change_distances (plan);
  return g_steal_pointer (&plan);
}

guint
st_job_plan_row (const StJobPlan *plan,
                 guint64          round)
{
  return (guint) ((plan->start_row + round) % plan->rows);
}

guint64
st_job_plan_total_passes (const StJobPlan *plan)
{
  return plan->total_rounds * plan->passes_per_round;
}

guint32
st_job_plan_pass_yarns (const StJobPlan *plan,
                        guint64          round,
                        guint            pass)
{
  if (plan->mode == ST_KNIT_MODE_CIRCULAR_RIBBER)
    return 1u << (pass < 2 ? plan->main_yarn : plan->contrast_yarn);
  return plan->row_masks[st_job_plan_row (plan, round)];
}

void
st_job_plan_ayab_line (const StJobPlan *plan,
                       guint64          pass_index,
                       guint8          *bits,
                       guint8          *color)
{
  guint64 round = pass_index / plan->passes_per_round;
  guint pass = (guint) (pass_index % plan->passes_per_round);
  const guint8 *row = plan->cells + (gsize) st_job_plan_row (plan, round) * plan->needles;
  int select = -1;

  memset (bits, 0, plan->line_bytes);
  if (plan->mode == ST_KNIT_MODE_SINGLEBED)
    {
      /* Selected needles knit the contrast yarn (feeder B). */
      *color = 0;
      if (plan->contrast_yarn != plan->main_yarn)
        select = plan->contrast_yarn;
    }
  else
    {
      /* Pass A selects the main yarn's stitches, pass B the contrast's; the
       * blank passes knit the ribber side with nothing selected. */
      *color = pass < 2 ? 0 : 1;
      if (pass == 0)
        select = plan->main_yarn;
      else if (pass == 2 && plan->contrast_yarn != plan->main_yarn)
        select = plan->contrast_yarn;
    }
  if (select < 0)
    return;
  for (guint n = 0; n < plan->needles; n++)
    if (row[n] == select)
      bits[(plan->start_needle + n) >> 3] |= (guint8) (1u << ((plan->start_needle + n) & 7));
}

void
st_job_plan_circular_line (const StJobPlan *plan,
                           guint64          round,
                           guint8          *yarns)
{
  memcpy (yarns, plan->cells + (gsize) st_job_plan_row (plan, round) * plan->needles, plan->needles);
}

gboolean
st_job_plan_next_change (const StJobPlan *plan,
                         guint64          round,
                         guint            pass,
                         guint64         *change_round,
                         guint           *change_pass,
                         guint32         *change_yarns)
{
  guint64 r;
  guint p;

  if (plan->mode == ST_KNIT_MODE_CIRCULAR_RIBBER)
    {
      if (plan->contrast_yarn == plan->main_yarn)
        return FALSE;
      if (pass < 2)
        r = round, p = 2;
      else
        r = round + 1, p = 0;
    }
  else
    {
      guint distance = plan->change_distance[st_job_plan_row (plan, round)];

      if (distance == 0)
        return FALSE;
      r = round + distance;
      p = 0;
    }
  if (plan->total_rounds != 0 && r >= plan->total_rounds)
    return FALSE;
  *change_round = r;
  *change_pass = p;
  *change_yarns = st_job_plan_pass_yarns (plan, r, p);
  return TRUE;
}
