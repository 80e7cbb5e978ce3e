/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check-private.h: the checker's internal layout, shared by the sim
 * sources. Not installed, not for other layers.
 */
#pragma once

#include "st-check.h"

G_BEGIN_DECLS

#define ST_CHECK_NRS (ST_CHECK_N_RULES * ST_SEVERITY_N)
#define ST_PACKED_NO_YARN 0xff

/* A stored finding; its round is the bucket it lives in. 12 bytes. The
 * key holds needle, rule and yarn in the order findings sort by. */
typedef struct
{
  guint32 key;        /* needle << 16 | rule << 8 | yarn (ST_PACKED_NO_YARN for none) */
  guint32 length;
  guint16 count;
  guint8  severity;
  guint8  reserved;
} StPackedFinding;

static inline guint32
st_packed_key (guint  needle,
               guint  rule,
               guint8 yarn)
{
  return (guint32) needle << 16 | (guint32) rule << 8 | yarn;
}

static inline guint
st_packed_needle (const StPackedFinding *f)
{
  return f->key >> 16;
}

static inline StCheckRule
st_packed_rule (const StPackedFinding *f)
{
  return (f->key >> 8) & 0xff;
}

static inline guint8
st_packed_yarn (const StPackedFinding *f)
{
  return f->key & 0xff;
}

typedef struct
{
  StPackedFinding *items;
  guint32          n;
  guint32          alloc;
} StFindingRow;

struct _StCheckResult
{
  /* What the messages and limits need, copied from the pattern. */
  guint            needles;
  guint            rows;
  guint            n_yarns;
  char             keys[ST_MAX_YARNS];
  char            *names[ST_MAX_YARNS];
  StYarnWeight     weights[ST_MAX_YARNS];
  gboolean         sticky[ST_MAX_YARNS];
  char            *machine_name;
  StMachineKind    kind;
  guint            feeds;
  guint            max_colors;
  StYarnWeight     weight_min;
  StYarnWeight     weight_max;
  guint            repeat_width;
  double           stitch_width_mm;
  double           float_limit_mm;
  double           loop_length_mm;
  double           waste;
  guint            lmax[ST_MAX_YARNS];
  guint            lmax_plain;
  guint            manual_limit;
  gboolean         flat;              /* st_check_knits_flat(): rows end at the edges */

  /* Per round (row-major, rows x n_yarns where two-dimensional). */
  guint32         *row_mask;          /* yarns knit or caught */
  guint16         *row_counts;        /* stitches knit per yarn */
  guint32         *row_float_sum;     /* float stitches per yarn, floats ending here */
  guint16         *row_float_max;     /* longest float ending here */
  guint32         *row_rule_counts;   /* exact findings per rule and severity */
  StFindingRow    *findings;          /* stored findings positioned here */

  /* Per stitch, NULL with skip_risk. */
  guint16         *reasons;
  gboolean         reasons_zeroed;    /* fresh from calloc: no need to clear */

  /* Whole-pattern findings: cast-on, cast-off, yarn-weight, repeat-seam. */
  GArray          *globals;           /* StCheckFinding */

  /* Running totals over the rounds. */
  guint64          totals[ST_CHECK_N_RULES][ST_SEVERITY_N];
  guint64          stored;
  guint64          yarn_stitches[ST_MAX_YARNS];
  guint64          yarn_floats[ST_MAX_YARNS];
  guint64          yarn_catches[ST_MAX_YARNS];
  guint64          yarn_duplicates[ST_MAX_YARNS];
  guint            max_float;
};

/* The floats of the gap between a yarn's uses at stitches @prev and @g
 * (0-based, in knitting order, 0 <= @prev < @g). In a spiral the gap is
 * one float, or idle when it is a round or more. On a flat panel each row
 * ends at the edge: a gap into the next row is two floats, the rest of the
 * row and the start of the next, and a gap over a whole row is idle. */
typedef struct
{
  guint   n;             /* floats, 0 to 2; none when idle */
  gint64  start[2];      /* first floated stitch */
  gint64  length[2];     /* stitches floated over, > 0 */
  gint64  idle_rounds;   /* whole rounds (rows) without the yarn, 0 if not idle */
} StGapSplit;

static inline void
st_check_split_gap (gint64      prev,
                    gint64      g,
                    guint       W,
                    gboolean    flat,
                    StGapSplit *out)
{
  gint64 gap = g - prev - 1;
  gint64 r1 = prev / W, r2 = g / W;

  out->n = 0;
  out->idle_rounds = 0;
  if (!flat || r1 == r2)
    {
      if (gap >= W)
        out->idle_rounds = gap / W;
      else if (gap > 0)
        {
          out->start[0] = prev + 1;
          out->length[0] = gap;
          out->n = 1;
        }
      return;
    }
  if (r2 > r1 + 1)
    {
      out->idle_rounds = r2 - r1 - 1;
      return;
    }
  if (prev % W + 1 < W)
    {
      out->start[out->n] = prev + 1;
      out->length[out->n++] = W - 1 - prev % W;
    }
  if (g % W > 0)
    {
      out->start[out->n] = r2 * W;
      out->length[out->n++] = g % W;
    }
}

/* Catches and duplicate stitches sorted, plus scratch space for rows with
 * duplicate stitches. */
typedef struct
{
  const StPattern   *pattern;
  const StCatch     *catches;
  guint              n_catches;
  const StStitchRef *dups;
  guint              n_dups;
  GArray            *owned_catches;   /* sorted copies when the pattern's were not */
  GArray            *owned_dups;
  guint8            *scratch;
} StMarks;

/* Sort orders of the model: row, needle (, yarn). */
void          st_marks_init           (StMarks          *marks,
                                       const StPattern  *pattern);
void          st_marks_clear          (StMarks          *marks);
/* First catch / duplicate stitch at or after @row. */
guint         st_marks_catch_lower    (const StMarks    *marks,
                                       guint             row);
guint         st_marks_dup_lower      (const StMarks    *marks,
                                       guint             row);
/* The yarns knit in @row: the chart row itself, or marks->scratch with the
 * duplicate stitches replaced by the main yarn. */
const guint8 *st_marks_row_cells      (StMarks          *marks,
                                       guint             row);

/* Every use of a yarn in knitting order: each stitch's knit yarn, then the
 * catches at that stitch whose yarn differs. @last (ST_MAX_YARNS, -1 for
 * none) holds each yarn's previous use in and out. */
typedef void (*StUseFunc) (gpointer  user_data,
                           guint8    yarn,
                           gint64    g,
                           gint64    prev,
                           gboolean  is_catch);

void          st_marks_walk           (StMarks          *marks,
                                       guint             row0,
                                       guint             row1,
                                       gint64           *last,
                                       StUseFunc         func,
                                       gpointer          user_data);

/* Where the catches of a float of @length stitches go when nothing is in
 * the way (the proposer's choice): fills @offsets (@length entries) with
 * offsets from its first stitch and returns how many. */
guint         st_check_plan_catches   (guint             length,
                                       guint             limit,
                                       guint            *offsets);

/* Result internals used by the checker. */
StCheckResult *st_check_result_new    (const StPattern       *pattern,
                                       const StCheckOptions  *options);
void          st_check_result_set_context (StCheckResult   *result,
                                       const StPattern       *pattern,
                                       const StCheckOptions  *options);
void          st_finding_row_sort     (StFindingRow     *row);
void          st_finding_row_insert   (StFindingRow     *row,
                                       const StPackedFinding *finding);
gboolean      st_finding_row_remove   (StFindingRow     *row,
                                       guint             needle,
                                       StCheckRule       rule,
                                       guint8            yarn,
                                       StPackedFinding  *removed);
void          st_check_unpack         (const StCheckResult   *result,
                                       guint                  row,
                                       const StPackedFinding *packed,
                                       StCheckFinding        *out);

G_END_DECLS
