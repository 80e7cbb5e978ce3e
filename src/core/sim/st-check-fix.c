/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check-fix.c: fixes the checker proposes. Catches split long floats;
 * duplicate stitches replace isolated stitches of a colour. Placement rules
 * are in CHECKER.md.
 */
#include "st-check-private.h"

#include <stdlib.h>
#include <string.h>

#include "st-edit.h"

/* ---- catch proposals ----------------------------------------------------- */

typedef struct
{
  gint64  g;
  guint32 yarns;
} Slot;

/* Scratch for the placement search, grown as needed. */
typedef struct
{
  gint64          *cost;
  gint32          *from;
  gsize            scratch_size;
  gboolean        *allowed;          /* may a catch go at this offset */
  guint           *offsets;
  guint           *best;             /* the chosen offsets */
  gsize            allowed_size;
} Placer;

typedef struct
{
  const StPattern *pattern;
  StMarks         *marks;
  guint            W;
  guint            lmax[ST_MAX_YARNS];
  gboolean         flat;            /* rows end at the edges (st_check_knits_flat) */
  GArray          *out;             /* StCatch */
  guint            n_unstaggered;
  /* Proposals of the last rounds, by stitch: a float's catches lie within
   * one round of its end and look one round further back. */
  Slot            *recent;
  guint            recent_mask;
  Placer           placer;
} Proposer;

static void
placer_reserve (Placer *pl,
                guint   length)
{
  if (length <= pl->allowed_size)
    return;
  pl->allowed_size = MAX ((gsize) length, pl->allowed_size * 2);
  pl->allowed = g_renew (gboolean, pl->allowed, pl->allowed_size);
  pl->offsets = g_renew (guint, pl->offsets, pl->allowed_size);
  pl->best = g_renew (guint, pl->best, pl->allowed_size);
}

static void
placer_clear (Placer *pl)
{
  g_free (pl->cost);
  g_free (pl->from);
  g_free (pl->allowed);
  g_free (pl->offsets);
  g_free (pl->best);
}

static guint32
proposed_at (Proposer *pr,
             gint64    g)
{
  const Slot *slot = &pr->recent[g & pr->recent_mask];

  return slot->g == g ? slot->yarns : 0;
}

static void
propose_at (Proposer *pr,
            gint64    g,
            guint8    yarn)
{
  Slot *slot = &pr->recent[g & pr->recent_mask];
  StCatch c = { g / pr->W, g % pr->W, yarn };

  if (slot->g != g)
    {
      slot->g = g;
      slot->yarns = 0;
    }
  slot->yarns |= 1u << yarn;
  g_array_append_val (pr->out, c);
}

/* Yarns of the pattern's own catches at a stitch. */
static guint32
existing_at (Proposer *pr,
             guint     row,
             guint     needle)
{
  guint i = st_marks_catch_lower (pr->marks, row);
  guint32 yarns = 0;

  for (; i < pr->marks->n_catches && pr->marks->catches[i].row == row; i++)
    if (pr->marks->catches[i].needle == needle)
      yarns |= 1u << pr->marks->catches[i].yarn;
  return yarns;
}

static guint32
catches_at (Proposer *pr,
            gint64    row,
            gint64    needle)
{
  guint W = pr->W;

  if (row < 0 || row >= pr->pattern->chart->rows)
    return 0;
  /* Needles 1 and N are neighbours on a cylinder; a flat panel has edges. */
  if (pr->flat && (needle < 0 || needle >= W))
    return 0;
  needle = ((needle % W) + W) % W;
  return existing_at (pr, row, needle) | proposed_at (pr, row * W + needle);
}

/* Whether a catch of @yarn may go at stitch @g: no catch on it or beside it
 * in its round (@stagger: and none of the same yarn within one needle in the
 * rounds before and after). */
static gboolean
may_catch (Proposer *pr,
           gint64    g,
           guint8    yarn,
           gboolean  stagger)
{
  gint64 row = g / pr->W, needle = g % pr->W;

  if (catches_at (pr, row, needle))
    return FALSE;
  if (pr->W >= 3 && (catches_at (pr, row, needle - 1) || catches_at (pr, row, needle + 1)))
    return FALSE;
  if (stagger)
    for (gint64 d = -1; d <= 1; d++)
      if (((catches_at (pr, row - 1, needle + d) | catches_at (pr, row + 1, needle + d)) >> yarn) & 1)
        return FALSE;
  return TRUE;
}

/* Chooses @c catch offsets in 0..@length-1 so every piece of the float is
 * at most @limit stitches, catches are at least 2 apart and each sits on an
 * allowed stitch, closest in total to the even spread. Fills @offsets. */
static gboolean
place_catches (Placer         *pr,
               const gboolean *allowed,
               guint           length,
               guint           limit,
               guint           c,
               guint          *offsets)
{
  gsize need = (gsize) c * length;
  gint64 best = G_MAXINT64, tight;
  gint32 best_o = -1;

  if (need > pr->scratch_size)
    {
      pr->scratch_size = MAX (need, pr->scratch_size * 2);
      pr->cost = g_renew (gint64, pr->cost, pr->scratch_size);
      pr->from = g_renew (gint32, pr->from, pr->scratch_size);
    }
  /* Catches closer than limit + 1 leave no needle in the next round that
   * is 2 away from both, so a stacked float there could not be staggered:
   * such a pair costs more than any distance from the even spread. */
  tight = (gint64) length * (c + 1) * (c + 1);
  for (guint i = 0; i < c; i++)
    for (guint o = 0; o < length; o++)
      {
        gsize at = (gsize) i * length + o;
        /* Scaled distance from the i-th point of the even spread. */
        gint64 ideal = (gint64) (i + 1) * (length + 1) - (c + 1);
        gint64 here = llabs ((gint64) o * (c + 1) - ideal);

        pr->cost[at] = G_MAXINT64;
        pr->from[at] = -1;
        if (!allowed[o])
          continue;
        if (i == 0)
          {
            if (o <= limit)
              pr->cost[at] = here;
            continue;
          }
        /* Lowest predecessor first, so ties round down like the even
         * spread the messages quote. */
        for (gint64 p = MAX (0, (gint64) o - limit - 1); p <= (gint64) o - 2; p++)
          {
            gint64 before = pr->cost[(gsize) (i - 1) * length + p];
            gint64 total = before + here + ((guint) (o - p) < limit + 1 ? tight : 0);

            if (before != G_MAXINT64 && total < pr->cost[at])
              {
                pr->cost[at] = total;
                pr->from[at] = (gint32) p;
              }
          }
      }
  for (guint o = 0; o < length; o++)
    {
      gint64 v = pr->cost[(gsize) (c - 1) * length + o];

      if (length - 1 - o <= limit && v < best)
        {
          best = v;
          best_o = (gint32) o;
        }
    }
  if (best_o < 0)
    return FALSE;
  for (gint i = c - 1; i >= 0; i--)
    {
      offsets[i] = (guint) best_o;
      best_o = pr->from[(gsize) i * length + best_o];
    }
  return TRUE;
}

/* Chooses how many catches (from @c_min, up to @extra more) and where,
 * among the allowed offsets: fewest pairs closer than limit + 1 (such a
 * pair leaves the next round no needle 2 away from both), then fewest
 * catches, then the even spread. Fills pl->best; returns the count, 0 if
 * nothing fits. */
static guint
choose_catches (Placer *pl,
                guint   length,
                guint   limit,
                guint   c_min,
                guint   extra)
{
  guint best_c = 0, best_tight = G_MAXUINT;

  for (guint c = c_min; c <= c_min + extra && c <= (length + 1) / 2; c++)
    {
      guint tight = 0;

      if (best_c > 0 && c > best_c + 2)
        break;
      if (!place_catches (pl, pl->allowed, length, limit, c, pl->offsets))
        continue;
      for (guint i = 1; i < c; i++)
        tight += pl->offsets[i] - pl->offsets[i - 1] < limit + 1;
      if (tight < best_tight)
        {
          best_tight = tight;
          best_c = c;
          memcpy (pl->best, pl->offsets, c * sizeof (guint));
        }
      if (tight == 0)
        break;
    }
  return best_c;
}

guint
st_check_plan_catches (guint  length,
                       guint  limit,
                       guint *offsets)
{
  Placer pl = { 0 };
  guint c;

  if (length <= limit)
    return 0;
  placer_reserve (&pl, length);
  for (guint o = 0; o < length; o++)
    pl.allowed[o] = TRUE;
  c = choose_catches (&pl, length, limit, MAX (1u, length / (limit + 1)), 3);
  memcpy (offsets, pl.best, c * sizeof (guint));
  placer_clear (&pl);
  return c;
}

static void
propose_for_float (Proposer *pr,
                   guint8    yarn,
                   gint64    s,
                   guint     length)
{
  Placer *pl = &pr->placer;
  guint limit = pr->lmax[yarn];
  guint c_min = MAX (1u, length / (limit + 1));

  placer_reserve (pl, length);
  /* Staggered first, with up to three spare catches for room; then without
   * the stagger; then anywhere (always possible, CHECKER.md). */
  for (int pass = 0; pass < 3; pass++)
    {
      guint c;

      for (guint o = 0; o < length; o++)
        pl->allowed[o] = pass == 2 || may_catch (pr, s + o, yarn, pass == 0);
      c = choose_catches (pl, length, limit, c_min, pass == 2 ? 0 : 3);
      if (c == 0)
        continue;
      for (guint i = 0; i < c; i++)
        {
          if (pass > 0 && !may_catch (pr, s + pl->best[i], yarn, TRUE))
            pr->n_unstaggered++;
          propose_at (pr, s + pl->best[i], yarn);
        }
      return;
    }
}

static void
on_use_catches (gpointer user_data,
                guint8   yarn,
                gint64   g,
                gint64   prev,
                gboolean is_catch)
{
  Proposer *pr = user_data;
  StGapSplit split;

  if (prev < 0)
    return;
  st_check_split_gap (prev, g, pr->W, pr->flat, &split);
  for (guint i = 0; i < split.n; i++)
    if (split.length[i] > pr->lmax[yarn])
      propose_for_float (pr, yarn, split.start[i], (guint) split.length[i]);
}

GArray *
st_check_propose_catches (const StPattern      *pattern,
                          const StCheckOptions *options,
                          guint                *n_unstaggered)
{
  Proposer pr = { 0 };
  StMarks marks;
  gint64 last[ST_MAX_YARNS];
  guint size = 16;

  g_return_val_if_fail (pattern != NULL, NULL);

  st_marks_init (&marks, pattern);
  pr.pattern = pattern;
  pr.marks = &marks;
  pr.W = pattern->chart->needles;
  pr.flat = st_check_knits_flat (pattern->profile);
  pr.out = g_array_new (FALSE, FALSE, sizeof (StCatch));
  for (guint k = 0; k < ST_MAX_YARNS; k++)
    {
      last[k] = -1;
      pr.lmax[k] = k < pattern->n_yarns
        ? st_check_float_limit (pattern, options, pattern->yarns[k].sticky) : 2;
    }
  while (size < 4 * pr.W + 8)
    size *= 2;
  pr.recent_mask = size - 1;
  pr.recent = g_new (Slot, size);
  for (guint i = 0; i < size; i++)
    pr.recent[i].g = -1;

  st_marks_walk (&marks, 0, pattern->chart->rows - 1, last, on_use_catches, &pr);

  g_array_sort (pr.out, st_catch_compare);
  if (n_unstaggered)
    *n_unstaggered = pr.n_unstaggered;
  g_free (pr.recent);
  placer_clear (&pr.placer);
  st_marks_clear (&marks);
  return pr.out;
}

gboolean
st_check_apply_catches (StPattern    *pattern,
                        StHistory    *history,
                        const GArray *proposals)
{
  g_autoptr(GArray) all = NULL;

  g_return_val_if_fail (pattern != NULL && proposals != NULL, FALSE);
  if (proposals->len == 0)
    return FALSE;
  all = g_array_copy (pattern->catches);
  for (guint i = 0; i < proposals->len; i++)
    {
      const StCatch *c = &g_array_index (proposals, StCatch, i);

      if (!st_pattern_has_catch (pattern, c->row, c->needle, c->yarn))
        g_array_append_val (all, *c);
    }
  if (all->len == pattern->catches->len)
    return FALSE;
  return st_edit_set_catches (pattern, history, (const StCatch *) all->data, all->len);
}

/* ---- duplicate-stitch proposals ------------------------------------------ */

typedef struct
{
  const StPattern *pattern;
  guint            W;
  guint            lmax[ST_MAX_YARNS];
  gboolean         flat;
  gint64           pending[ST_MAX_YARNS];   /* a stitch waiting to see its next use */
  GArray          *out;                     /* StStitchRef */
} DupProposer;

static gboolean
isolated_candidate (DupProposer *dp,
                    guint8       yarn,
                    gint64       g)
{
  guint row = g / dp->W, needle = g % dp->W;
  gboolean has_left = !dp->flat || needle > 0, has_right = !dp->flat || needle + 1 < dp->W;

  /* A lone stitch: not beside another of its yarn in the round (round the
   * seam on a cylinder), and not the yarn the round is knit in anyway. */
  if (dp->W >= 2 &&
      ((has_left && st_check_knit_yarn (dp->pattern, row, (needle + dp->W - 1) % dp->W) == yarn) ||
       (has_right && st_check_knit_yarn (dp->pattern, row, (needle + 1) % dp->W) == yarn)))
    return FALSE;
  return st_check_round_main_yarn (dp->pattern, row) != yarn;
}

static void
on_use_dups (gpointer user_data,
             guint8   yarn,
             gint64   g,
             gint64   prev,
             gboolean is_catch)
{
  DupProposer *dp = user_data;
  gint64 far = 2 * (gint64) dp->lmax[yarn];
  gboolean far_before = TRUE, far_after_prev = TRUE;
  StGapSplit split;

  /* Far: idle, or no float over twice the limit joins the two uses. On a
   * flat panel a gap into the next row is two floats: the one after @prev
   * and the one before @g. */
  if (prev >= 0)
    {
      st_check_split_gap (prev, g, dp->W, dp->flat, &split);
      far_before = far_after_prev = split.idle_rounds > 0;
      if (split.n > 0 && split.start[0] == prev + 1)
        far_after_prev = split.length[0] > far;
      if (split.n > 0 && split.start[split.n - 1] + split.length[split.n - 1] == g)
        far_before = split.length[split.n - 1] > far;
    }

  if (dp->pending[yarn] >= 0)
    {
      if (dp->pending[yarn] == prev && far_after_prev)
        {
          StStitchRef d = { prev / dp->W, prev % dp->W };

          g_array_append_val (dp->out, d);
        }
      dp->pending[yarn] = -1;
    }
  if (!is_catch && far_before && isolated_candidate (dp, yarn, g))
    dp->pending[yarn] = g;
}

GArray *
st_check_propose_duplicate_stitches (const StPattern      *pattern,
                                     const StCheckOptions *options)
{
  DupProposer dp = { 0 };
  StMarks marks;
  gint64 last[ST_MAX_YARNS];

  g_return_val_if_fail (pattern != NULL, NULL);

  dp.pattern = pattern;
  dp.W = pattern->chart->needles;
  dp.flat = st_check_knits_flat (pattern->profile);
  dp.out = g_array_new (FALSE, FALSE, sizeof (StStitchRef));
  for (guint k = 0; k < ST_MAX_YARNS; k++)
    {
      last[k] = -1;
      dp.pending[k] = -1;
      dp.lmax[k] = k < pattern->n_yarns
        ? st_check_float_limit (pattern, options, pattern->yarns[k].sticky) : 2;
    }
  st_marks_init (&marks, pattern);
  st_marks_walk (&marks, 0, pattern->chart->rows - 1, last, on_use_dups, &dp);
  st_marks_clear (&marks);
  /* A lone stitch after which its yarn is never used again. */
  for (guint k = 0; k < ST_MAX_YARNS; k++)
    if (dp.pending[k] >= 0)
      {
        StStitchRef d = { dp.pending[k] / dp.W, dp.pending[k] % dp.W };

        g_array_append_val (dp.out, d);
      }
  g_array_sort (dp.out, st_stitch_ref_compare);
  return dp.out;
}

gboolean
st_check_apply_duplicate_stitches (StPattern    *pattern,
                                   StHistory    *history,
                                   const GArray *proposals)
{
  g_autoptr(GArray) all = NULL;

  g_return_val_if_fail (pattern != NULL && proposals != NULL, FALSE);
  all = g_array_copy (pattern->duplicate_stitches);
  g_array_append_vals (all, proposals->data, proposals->len);
  return st_edit_set_duplicate_stitches (pattern, history, (const StStitchRef *) all->data, all->len);
}
