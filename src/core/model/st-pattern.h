/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-pattern.h: a colorwork pattern: machine, gauge, yarns, the chart and the
 * annotations later features store in it (catches, duplicate stitches,
 * knitting progress). Plain data; edits with undo live in st-edit.h and
 * st-history.h, the file format in st-pattern-file.h.
 */
#pragma once

#include <glib.h>

#include "st-chart.h"
#include "st-limits.h"
#include "st-profile.h"
#include "st-yarn.h"

G_BEGIN_DECLS

#define ST_DEFAULT_FLOAT_LIMIT_MM 25.0

/* A catch: yarn @yarn is caught (tucked, or twisted in by hand) at this
 * stitch, which splits its float there. 0-based. */
typedef struct
{
  guint  row;
  guint  needle;
  guint8 yarn;
} StCatch;

/* A stitch knit in the round's main yarn and embroidered afterwards in its
 * charted yarn. 0-based. */
typedef struct
{
  guint row;
  guint needle;
} StStitchRef;

typedef struct
{
  char            *name;
  char            *profile_id;
  const StProfile *profile;             /* borrowed from the registry */
  double           stitches_per_10cm;
  double           rows_per_10cm;
  double           float_limit_mm;      /* 0: the default, 25 mm */
  double           loop_length_mm;      /* 0: estimated from the gauge */
  char            *notes;               /* nullable */

  guint            n_yarns;
  StYarn           yarns[ST_MAX_YARNS];

  StChart         *chart;
  GArray          *catches;             /* StCatch, sorted by row then needle */
  GArray          *duplicate_stitches;  /* StStitchRef, sorted */
  guint            repeat_width;        /* motif repeat in stitches, 0 for none */

  gboolean         has_progress;
  guint            progress_row;
  guint            progress_needle;

  /* Members of the file this version does not understand, kept for saving. */
  struct json_object *extras;

  /* Rows touched since the last st_pattern_take_dirty(), for incremental
   * re-checks and redraws. */
  guint            dirty_row_min;
  guint            dirty_row_max;
  gboolean         dirty_any;
  gboolean         dirty_structure;     /* size, palette or annotations changed */
} StPattern;

/* A new pattern of @rows rounds for @profile, filled with its first yarn.
 * @needles 0 takes the profile's needle count. */
StPattern  *st_pattern_new                 (const StProfile  *profile,
                                            guint             needles,
                                            guint             rows,
                                            GError          **error);
StPattern  *st_pattern_copy                (const StPattern  *pattern);
void        st_pattern_free                (StPattern        *pattern);
/* Replaces @dest's contents with a copy of @src, keeping @dest's knitting
 * progress (clamped to the new size); marks everything dirty. */
void        st_pattern_assign              (StPattern        *dest,
                                            const StPattern  *src);

/* The embedded sample: a two-colour hat for sentro-48 with a Fair Isle band. */
StPattern  *st_pattern_new_sample          (void);

static inline guint
st_pattern_needles (const StPattern *pattern)
{
  return pattern->chart->needles;
}

static inline guint
st_pattern_rows (const StPattern *pattern)
{
  return pattern->chart->rows;
}

int         st_pattern_find_yarn           (const StPattern  *pattern,
                                            char              key);
double      st_pattern_stitch_width_mm     (const StPattern  *pattern);
double      st_pattern_row_height_mm       (const StPattern  *pattern);
double      st_pattern_float_limit_mm      (const StPattern  *pattern);
/* Stitches counted per yarn; @counts holds ST_MAX_YARNS entries. */
void        st_pattern_count_stitches      (const StPattern  *pattern,
                                            guint64          *counts);
gboolean    st_pattern_has_catch           (const StPattern  *pattern,
                                            guint             row,
                                            guint             needle,
                                            guint8            yarn);
gboolean    st_pattern_has_duplicate_stitch (const StPattern *pattern,
                                            guint             row,
                                            guint             needle);
/* Puts the catches and duplicate stitches in their order and merges marks
 * that are there twice: a stitch is caught or embroidered once. */
void        st_pattern_sort_marks          (StPattern        *pattern);
/* Sorts @marks (of StCatch or StStitchRef) by @compare and drops repeats. */
void        st_marks_sort_unique           (GArray           *marks,
                                            GCompareFunc      compare);
/* The order marks are kept in: by row, then needle (then yarn). */
int         st_catch_compare               (gconstpointer     a,
                                            gconstpointer     b);
int         st_stitch_ref_compare          (gconstpointer     a,
                                            gconstpointer     b);

/* Checks every invariant (yarn keys unique and valid, cells < n_yarns, marks
 * inside the chart, width fits the profile); used after loading and by tests. */
gboolean    st_pattern_validate            (const StPattern  *pattern,
                                            GError          **error);

void        st_pattern_mark_dirty_rows     (StPattern        *pattern,
                                            guint             first,
                                            guint             last);
void        st_pattern_mark_dirty_structure (StPattern       *pattern);
/* Returns whether anything changed since the last call, and which rows. */
gboolean    st_pattern_take_dirty          (StPattern        *pattern,
                                            guint            *first_row,
                                            guint            *last_row,
                                            gboolean         *structure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPattern, st_pattern_free)

G_END_DECLS
