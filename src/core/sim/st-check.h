/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check.h: the pattern checker. It walks the chart in knitting order (a
 * spiral: round 1 needle 1..N, then round 2, ...; on a flatbed's panel each
 * row ends at the edges) and reports long yarn
 * floats, idle yarns, joins, colour and weight problems and other
 * dropped-stitch risks; gives every stitch a risk score with reasons; counts
 * yarn usage; proposes catches and duplicate stitches. StChecker re-checks
 * only the rounds an edit touched. GTK-free; rules and scores are described
 * in CHECKER.md beside this file. Rows and needles are 0-based here.
 */
#pragma once

#include <glib.h>

#include "st-history.h"
#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  ST_CHECK_FLOAT_LONG,
  ST_CHECK_FLOAT_STACK,
  ST_CHECK_IDLE_YARN,
  ST_CHECK_YARN_JOIN,
  ST_CHECK_COLORS_PER_ROUND,
  ST_CHECK_MANUAL_CHANGE,
  ST_CHECK_CAST_ON,
  ST_CHECK_CAST_OFF,
  ST_CHECK_YARN_WEIGHT,
  ST_CHECK_REPEAT_SEAM,
  ST_CHECK_CATCH_STACK,
  ST_CHECK_N_RULES
} StCheckRule;

typedef enum
{
  ST_SEVERITY_INFO,
  ST_SEVERITY_WARNING,
  ST_SEVERITY_ERROR,
  ST_SEVERITY_N
} StCheckSeverity;

/* Why a stitch is at risk: bits of st_check_result_reasons(). */
typedef enum
{
  ST_RISK_FLOAT_LONG    = 1 << 0,   /* a float longer than the limit passes behind it */
  ST_RISK_FLOAT_ERROR   = 1 << 1,   /* ... longer than twice the limit */
  ST_RISK_FLOAT_END     = 1 << 2,   /* the stitch anchoring a long float */
  ST_RISK_FLOAT_STACK   = 1 << 3,   /* long floats stacked in consecutive rounds */
  ST_RISK_YARN_JOIN     = 1 << 4,   /* first stitches of a joined or rejoined yarn */
  ST_RISK_TOO_MANY      = 1 << 5,   /* a yarn beyond the round's colour limit */
  ST_RISK_MANUAL_CHANGE = 1 << 6,   /* a colour changed by hand here */
  ST_RISK_CAST_ON       = 1 << 7,   /* the first two rounds */
  ST_RISK_CAST_OFF      = 1 << 8,   /* the last round */
  ST_RISK_YARN_WEIGHT   = 1 << 9,   /* a yarn the machine cannot knit */
  ST_RISK_CATCH         = 1 << 10,  /* a float is caught here */
  ST_RISK_CATCH_STACK   = 1 << 11,  /* too many loops, or catches side by side */
} StRiskReason;

#define ST_RISK_N_REASONS 12

/* A finding's yarn when it concerns no single yarn. */
#define ST_CHECK_NO_YARN (-1)
/* Findings stored per round, rule and yarn; counts stay exact (CHECKER.md). */
#define ST_CHECK_STORED_PER_ROUND 12
/* Default waste allowance added to yarn usage: 10 %. */
#define ST_CHECK_DEFAULT_WASTE 0.10
/* Loop length of relaxed plain knitting in stitch widths (Munden). */
#define ST_CHECK_MUNDEN_LOOP_FACTOR 3.8
/* Loops a needle hook holds before it drops one. */
#define ST_CHECK_MAX_LOOPS 4

typedef struct
{
  double   float_limit_mm;     /* 0: the pattern's (st_pattern_float_limit_mm) */
  double   waste_allowance;    /* fraction added to yarn usage, e.g. 0.10 */
  gboolean skip_risk;          /* do not keep the per-stitch risk map (saves 2 bytes a stitch) */
} StCheckOptions;

void             st_check_options_init      (StCheckOptions        *options);

typedef struct
{
  StCheckRule      rule;
  StCheckSeverity  severity;
  guint            row;              /* where it is: for floats, the first floated stitch */
  guint            needle;
  int              yarn;             /* yarn index, or ST_CHECK_NO_YARN */
  guint64          length_stitches;  /* floats and idle spans: stitches passed; else 0 */
  double           length_mm;        /* length_stitches x stitch width */
  guint            count;            /* rule-specific: rounds idle, yarns in the round,
                                      * hand changes, loops on the needle, stitches stacked,
                                      * leftover repeat stitches, the yarn's weight class */
} StCheckFinding;

typedef struct
{
  guint64  errors;
  guint64  warnings;
  guint64  infos;
  guint    max_float_stitches;       /* longest float of any yarn, catches applied */
  guint    float_limit_stitches;     /* Lmax for yarns not marked sticky */
  double   float_limit_mm;
  guint64  findings_stored;          /* findings kept for listing */
  guint64  findings_omitted;         /* counted but not kept (ST_CHECK_STORED_PER_ROUND) */
} StCheckSummary;

typedef struct
{
  guint64  stitches;                 /* stitches knit in the yarn (duplicate stitches go to
                                      * the round's main yarn) */
  guint64  float_stitches;           /* stitches its floats pass behind */
  guint64  catches;
  guint64  duplicate_stitches;       /* stitches embroidered in it afterwards */
  double   meters;                   /* everything above plus the waste allowance */
} StYarnUsage;

typedef struct
{
  guint            row;              /* first floated stitch */
  guint            needle;
  guint8           yarn;
  guint            length;           /* stitches passed behind */
  StCheckSeverity  severity;         /* info: within the limit */
} StCheckFloat;

typedef struct _StCheckResult StCheckResult;
typedef struct _StChecker StChecker;

/* Rules and limits. Rule ids ("float-long") and severity names ("error")
 * are values for JSON and the command line, never translated; reason names
 * and every sentence below are for people, translated. */
const char      *st_check_rule_id           (StCheckRule            rule);
gboolean         st_check_rule_from_id      (const char            *id,
                                             StCheckRule           *out);
const char      *st_check_severity_name     (StCheckSeverity        severity);
const char      *st_check_reason_name       (StRiskReason           reason);
/* The float cap of a machine kind in stitches, before the sticky bonus. */
guint            st_check_machine_cap       (StMachineKind          kind);
/* Lmax = max (2, min (cap + 2 if sticky, floor (limit_mm / stitch width))). */
guint            st_check_float_limit       (const StPattern       *pattern,
                                             const StCheckOptions  *options,
                                             gboolean               sticky);
/* Whether @profile knits flat panels, row by row with each row ending at
 * the edges (a flatbed), rather than a spiral of rounds (circular machines,
 * a v-bed's tube, custom and NULL). Floats never cross from one row of a
 * flat panel into the next (CHECKER.md). */
gboolean         st_check_knits_flat        (const StProfile       *profile);
/* Hand colour changes in a round above which manual-change warns. */
guint            st_check_manual_change_limit (guint                needles);
/* The yarn a round uses most (ties: the lower index): duplicate stitches
 * are knit in it. */
guint8           st_check_round_main_yarn   (const StPattern       *pattern,
                                             guint                  row);
/* The yarn actually knit at a stitch: the chart's, or the round's main yarn
 * for a duplicate stitch. */
guint8           st_check_knit_yarn         (const StPattern       *pattern,
                                             guint                  row,
                                             guint                  needle);

/* One full check. @pattern must be valid as loaded or edited (chart cells
 * name yarns of the palette; st_pattern_validate()); catches and duplicate
 * stitches outside the chart are ignored. @options may be NULL for the
 * defaults. */
StCheckResult   *st_check_run               (const StPattern       *pattern,
                                             const StCheckOptions  *options);
void             st_check_result_free       (StCheckResult         *result);

void             st_check_result_get_summary (const StCheckResult  *result,
                                             StCheckSummary        *summary);
/* Exact number of findings of @rule with @severity. */
guint64          st_check_result_count      (const StCheckResult   *result,
                                             StCheckRule            rule,
                                             StCheckSeverity        severity);
guint            st_check_result_needles    (const StCheckResult   *result);
guint            st_check_result_rows       (const StCheckResult   *result);
/* Lmax of one yarn of the checked pattern. */
guint            st_check_result_float_limit (const StCheckResult  *result,
                                             guint                  yarn);
/* Stored findings positioned in rounds @row0..@row1 (inclusive), sorted by
 * round, needle, rule and yarn; appended to @out (StCheckFinding). */
void             st_check_result_get_findings (const StCheckResult *result,
                                             guint                  row0,
                                             guint                  row1,
                                             GArray                *out);
/* All stored findings, sorted. */
GArray          *st_check_result_all_findings (const StCheckResult *result);
/* A sentence for the knitter (1-based places) with a concrete fix. */
char            *st_check_result_describe   (const StCheckResult   *result,
                                             const StCheckFinding  *finding);
/* Yarn usage; @usage holds ST_MAX_YARNS entries; returns the yarn count. */
guint            st_check_result_get_usage  (const StCheckResult   *result,
                                             StYarnUsage           *usage);
double           st_check_result_loop_length_mm (const StCheckResult *result);
double           st_check_result_waste_allowance (const StCheckResult *result);

/* Per-stitch risk; 0 and no reasons when the check kept no risk map. */
gboolean         st_check_result_has_risk   (const StCheckResult   *result);
guint16          st_check_result_reasons    (const StCheckResult   *result,
                                             guint                  row,
                                             guint                  needle);
guint8           st_check_result_risk       (const StCheckResult   *result,
                                             guint                  row,
                                             guint                  needle);
/* Scores of one round into @scores (needles entries), for heat maps. */
void             st_check_result_risk_row   (const StCheckResult   *result,
                                             guint                  row,
                                             guint8                *scores);
/* The score of a set of reasons (0-100). */
guint8           st_check_risk_score        (guint16                reasons);
/* "long float, yarn join" for a tooltip. */
char            *st_check_reasons_describe  (guint16                reasons);

/* Floats (catches and duplicate stitches applied) whose floated stitches
 * overlap rounds @row0..@row1, in knitting order, appended to @out
 * (StCheckFloat). @long_only keeps those over the limit. */
void             st_check_list_floats       (const StPattern       *pattern,
                                             const StCheckOptions  *options,
                                             guint                  row0,
                                             guint                  row1,
                                             gboolean               long_only,
                                             GArray                *out);

/* Incremental checking for the editor: keeps the last result and re-checks
 * only the rounds an edit can affect. The checker does not keep @pattern. */
StChecker       *st_checker_new             (const StCheckOptions  *options);
void             st_checker_free            (StChecker             *checker);
void             st_checker_set_options     (StChecker             *checker,
                                             const StCheckOptions  *options);
/* Checks everything. */
const StCheckResult *st_checker_check_all   (StChecker             *checker,
                                             const StPattern       *pattern);
/* Re-checks after an edit; the arguments are what st_pattern_take_dirty()
 * returned. Falls back to a full check after structural changes (size,
 * palette, gauge, profile), and turns changed catches and duplicate
 * stitches into row ranges itself. */
const StCheckResult *st_checker_update      (StChecker             *checker,
                                             const StPattern       *pattern,
                                             gboolean               any,
                                             guint                  first_row,
                                             guint                  last_row,
                                             gboolean               structure);
/* NULL before the first check. */
const StCheckResult *st_checker_get_result  (StChecker             *checker);
/* Rounds the last update re-checked (for tests and redraws). */
void             st_checker_last_range      (StChecker             *checker,
                                             guint                 *first_row,
                                             guint                 *last_row,
                                             gboolean              *full);

/* Fixes. Catch proposals: for every float over its limit, catches near the
 * middle that split it into floats within the limit, at least 2 needles from
 * the previous round's catch of the same yarn and never beside another
 * catch. Returns StCatch (0-based, sorted); @n_unstaggered (nullable) gets
 * how many could not keep the stagger (none in a normal chart). */
GArray          *st_check_propose_catches   (const StPattern       *pattern,
                                             const StCheckOptions  *options,
                                             guint                 *n_unstaggered);
/* Adds @proposals to the pattern's catches as one undoable step. */
gboolean         st_check_apply_catches     (StPattern             *pattern,
                                             StHistory             *history,
                                             const GArray          *proposals);
/* Duplicate-stitch proposals: single stitches of a yarn that is not the
 * round's main yarn, with more than twice the float limit to its previous
 * and next use. Returns StStitchRef (sorted). */
GArray          *st_check_propose_duplicate_stitches (const StPattern      *pattern,
                                             const StCheckOptions  *options);
gboolean         st_check_apply_duplicate_stitches (StPattern      *pattern,
                                             StHistory             *history,
                                             const GArray          *proposals);

/* The risk map as a PNG: one cell of @cell_px pixels per stitch, round 1 at
 * the bottom; stitches without risk show their yarn's colour faded. */
GBytes          *st_check_render_risk_png   (const StCheckResult   *result,
                                             const StPattern       *pattern,
                                             guint                  cell_px,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StCheckResult, st_check_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StChecker, st_checker_free)

G_END_DECLS
