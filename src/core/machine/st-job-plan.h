/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-plan.h: what a knitting job sends, worked out once from a pattern:
 * the order of rounds (start row, repeats), for ayab the passes of each row
 * and their needle bitmaps on the bed, for circular the yarn of every needle
 * of each round, and where the next colour change comes. Pure code; the
 * chart is copied, so editing the pattern during a job does not change it.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  ST_PROTOCOL_AYAB,
  ST_PROTOCOL_CIRCULAR,
} StProtocol;

typedef enum
{
  ST_KNIT_MODE_SINGLEBED,        /* ayab: two yarns, one pass per row */
  ST_KNIT_MODE_CIRCULAR_RIBBER,  /* ayab: passes A, blank, B, blank per row: a tube */
  ST_KNIT_MODE_ROUND,            /* circular: one line per round */
} StKnitMode;

const char  *st_protocol_to_string     (StProtocol     protocol);
gboolean     st_protocol_from_string   (const char    *text,
                                        StProtocol    *out);
const char  *st_knit_mode_to_string    (StKnitMode     mode);
gboolean     st_knit_mode_from_string  (const char    *text,
                                        StKnitMode    *out);

typedef struct
{
  StProtocol  protocol;
  StKnitMode  mode;             /* ignored for circular, which is always ROUND */
  int         start_needle;     /* ayab: bed needle of the first stitch, 0-based; -1 centres */
  guint       start_row;        /* pattern row of the job's first round, 0-based */
  guint       repeat;           /* times through the pattern; 0 knits on until cancelled */
  guint64     first_round;      /* job rounds already knitted (resume) */
  guint16     job_id;           /* circular: the job's name on the device; 0 picks one */
} StJobOptions;

void         st_job_options_init       (StJobOptions  *options,
                                        StProtocol     protocol);

typedef struct
{
  StProtocol  protocol;
  StKnitMode  mode;
  guint       rows;
  guint       needles;
  guint8     *cells;            /* copy of the chart, row-major yarn indices */
  guint       n_yarns;
  char        keys[32];         /* yarn keys, for messages */
  char       *names[32];
  guint32    *row_masks;        /* yarns used in each row */
  guint      *change_distance;  /* rows to the next row with other yarns; 0: never */
  guint32     used_mask;

  guint       start_row;
  guint       repeat;
  guint64     total_rounds;     /* 0 when endless */
  guint       passes_per_round;

  /* ayab */
  guint8      machine_type;
  guint       bed_needles;
  guint       line_bytes;
  guint       start_needle;     /* 0-based bed needle of chart needle 0 */
  guint8      main_yarn;        /* unselected in singlebed, pass A in ribber */
  guint8      contrast_yarn;    /* selected in singlebed, pass B; = main if one yarn */

  /* circular */
  guint       yarn_limit;       /* highest yarn index used + 1 */
} StJobPlan;

/* Checks the pattern can be knit this way and fills @error with a sentence
 * saying why not (too many yarns, too wide, start needle off the bed...). */
StJobPlan   *st_job_plan_new           (const StPattern     *pattern,
                                        const StJobOptions  *options,
                                        GError             **error);
void         st_job_plan_free          (StJobPlan           *plan);

/* Pattern row of job round @round. */
guint        st_job_plan_row           (const StJobPlan     *plan,
                                        guint64              round);
/* Passes in the whole job (0 when endless). */
guint64      st_job_plan_total_passes  (const StJobPlan     *plan);
/* Yarns knitted in pass @pass of round @round. */
guint32      st_job_plan_pass_yarns    (const StJobPlan     *plan,
                                        guint64              round,
                                        guint                pass);
/* ayab: the bed bitmap (plan->line_bytes bytes) and colour byte of job pass
 * @pass_index (round = index / passes, pass = index % passes). */
void         st_job_plan_ayab_line     (const StJobPlan     *plan,
                                        guint64              pass_index,
                                        guint8              *bits,
                                        guint8              *color);
/* circular: the yarn of every needle of round @round (plan->needles bytes). */
void         st_job_plan_circular_line (const StJobPlan     *plan,
                                        guint64              round,
                                        guint8              *yarns);
/* Where the yarns change next after pass @pass of round @round, and to what;
 * FALSE when they do not change again in this job. */
gboolean     st_job_plan_next_change   (const StJobPlan     *plan,
                                        guint64              round,
                                        guint                pass,
                                        guint64             *change_round,
                                        guint               *change_pass,
                                        guint32             *change_yarns);
/* "B (Cranberry)" or "A (Cream) and B (Cranberry)". */
char        *st_job_plan_describe_yarns (const StJobPlan    *plan,
                                         guint32             yarns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StJobPlan, st_job_plan_free)

G_END_DECLS
