/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check.c: the checking pass and incremental re-checks. One pass over the
 * chart handles every yarn at once: each stitch looks up its yarn's previous
 * use, so a float is found when its yarn comes back. How a re-check limits
 * itself to the rounds an edit can affect is explained in CHECKER.md.
 */
#include "st-check-private.h"

#include <math.h>
#include <string.h>

/* No previous use: far enough back that any gap looks idle. */
#define NO_USE (-((gint64) 1 << 40))

typedef struct
{
  StCheckResult *r;
  StMarks        marks;
  guint          W;
  guint          H;
  gint64         total;
  gint64         s_start;          /* stitches whose results are rebuilt */
  gint64         s_end;
  guint          A;
  guint          B;
  gint64         last[ST_MAX_YARNS];
  gint64         thr[ST_MAX_YARNS];
  guint          stack_thr[ST_MAX_YARNS];
  guint32       *ring;             /* recent long floats per yarn: start, end */
  guint          ring_mask;
  guint          ring_head[ST_MAX_YARNS];
  guint          ring_tail[ST_MAX_YARNS];
  guint8         capc[2][2][ST_MAX_YARNS];
  guint16       *reasons;
  guint32        bad_weight;
  gint64         join_fix[ST_MAX_YARNS * 3 + 2];
  guint          n_join_fix;
  gboolean       flat;             /* rows end at the edges: no float crosses them */
} Pass;

guint
st_check_machine_cap (StMachineKind kind)
{
  switch (kind)
    {
    case ST_MACHINE_VBED:
      return 6;
    case ST_MACHINE_HOBBY_CRANK:
    case ST_MACHINE_SOCK:
    case ST_MACHINE_FLATBED:
    case ST_MACHINE_CUSTOM:
    default:
      /* Custom covers hand-knit tubes too, but 5 is the safe machine
       * figure; CHECKER.md explains. */
      return 5;
    }
}

static double
limit_mm (const StPattern      *pattern,
          const StCheckOptions *options)
{
  if (options != NULL && options->float_limit_mm > 0)
    return options->float_limit_mm;
  return st_pattern_float_limit_mm (pattern);
}

static guint
float_limit_for (StMachineKind kind,
                 double        mm,
                 double        stitches_per_10cm,
                 gboolean      sticky)
{
  guint cap = st_check_machine_cap (kind) + (sticky ? 2 : 0);
  /* A hair of tolerance so 25 mm at exactly 4 st/cm is 10, not 9.999. */
  double fit = floor (mm * stitches_per_10cm / 100.0 + 1e-9);
  guint by_length = fit < 0 ? 0 : fit > 1e6 ? 1000000 : (guint) fit;

  return MAX (2u, MIN (cap, by_length));
}

guint
st_check_float_limit (const StPattern      *pattern,
                      const StCheckOptions *options,
                      gboolean              sticky)
{
  StMachineKind kind = pattern->profile ? pattern->profile->kind : ST_MACHINE_CUSTOM;

  return float_limit_for (kind, limit_mm (pattern, options), pattern->stitches_per_10cm, sticky);
}

gboolean
st_check_knits_flat (const StProfile *profile)
{
  /* A v-bed knits the pattern as a tube over both beds (the knitout
   * export), so its floats run on round the tube like a cylinder's. */
  return profile != NULL && !profile->circular && profile->kind != ST_MACHINE_VBED;
}

guint
st_check_manual_change_limit (guint needles)
{
  return MAX (4u, needles / 4);
}

void
st_check_options_init (StCheckOptions *options)
{
  memset (options, 0, sizeof *options);
  options->waste_allowance = ST_CHECK_DEFAULT_WASTE;
}

/* ---- the result's storage ---------------------------------------------- */

void
st_check_result_set_context (StCheckResult        *r,
                             const StPattern      *pattern,
                             const StCheckOptions *options)
{
  const StProfile *profile = pattern->profile;
  StCheckOptions defaults;

  if (options == NULL)
    {
      st_check_options_init (&defaults);
      options = &defaults;
    }
  for (guint i = 0; i < r->n_yarns; i++)
    g_clear_pointer (&r->names[i], g_free);
  r->n_yarns = pattern->n_yarns;
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      r->keys[i] = pattern->yarns[i].key;
      r->names[i] = g_strdup (pattern->yarns[i].name);
      r->weights[i] = pattern->yarns[i].weight;
      r->sticky[i] = pattern->yarns[i].sticky;
    }
  g_free (r->machine_name);
  r->machine_name = g_strdup (profile ? profile->name : pattern->profile_id);
  r->kind = profile ? profile->kind : ST_MACHINE_CUSTOM;
  r->feeds = profile ? profile->feeds : 2;
  r->max_colors = profile && profile->max_colors ? profile->max_colors : ST_MAX_YARNS;
  r->weight_min = profile ? profile->weight_min : ST_WEIGHT_LACE;
  r->weight_max = profile ? profile->weight_max : ST_WEIGHT_JUMBO;
  r->repeat_width = pattern->repeat_width;
  r->stitch_width_mm = st_pattern_stitch_width_mm (pattern);
  r->float_limit_mm = limit_mm (pattern, options);
  r->loop_length_mm = pattern->loop_length_mm > 0 ? pattern->loop_length_mm
                                                  : ST_CHECK_MUNDEN_LOOP_FACTOR * r->stitch_width_mm;
  r->waste = options->waste_allowance >= 0 ? options->waste_allowance : ST_CHECK_DEFAULT_WASTE;
  for (guint i = 0; i < pattern->n_yarns; i++)
    r->lmax[i] = float_limit_for (r->kind, r->float_limit_mm, pattern->stitches_per_10cm,
                                  pattern->yarns[i].sticky);
  r->lmax_plain = float_limit_for (r->kind, r->float_limit_mm, pattern->stitches_per_10cm, FALSE);
  r->manual_limit = st_check_manual_change_limit (pattern->chart->needles);
  r->flat = st_check_knits_flat (profile);
}

StCheckResult *
st_check_result_new (const StPattern      *pattern,
                     const StCheckOptions *options)
{
  StCheckResult *r = g_new0 (StCheckResult, 1);
  gsize rows = pattern->chart->rows;
  gsize ny = pattern->n_yarns;

  r->needles = pattern->chart->needles;
  r->rows = pattern->chart->rows;
  st_check_result_set_context (r, pattern, options);
  r->row_mask = g_new0 (guint32, rows);
  r->row_counts = g_new0 (guint16, rows * ny);
  r->row_float_sum = g_new0 (guint32, rows * ny);
  r->row_float_max = g_new0 (guint16, rows);
  r->row_rule_counts = g_new0 (guint32, rows * ST_CHECK_NRS);
  r->findings = g_new0 (StFindingRow, rows);
  if (options == NULL || !options->skip_risk)
    {
      r->reasons = g_new0 (guint16, rows * r->needles);
      r->reasons_zeroed = TRUE;
    }
  r->globals = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));
  return r;
}

void
st_check_result_free (StCheckResult *r)
{
  if (r == NULL)
    return;
  for (guint i = 0; i < r->n_yarns; i++)
    g_free (r->names[i]);
  g_free (r->machine_name);
  g_free (r->row_mask);
  g_free (r->row_counts);
  g_free (r->row_float_sum);
  g_free (r->row_float_max);
  g_free (r->row_rule_counts);
  if (r->findings != NULL)
    for (guint i = 0; i < r->rows; i++)
      g_free (r->findings[i].items);
  g_free (r->findings);
  g_free (r->reasons);
  g_clear_pointer (&r->globals, g_array_unref);
  g_free (r);
}

void
st_finding_row_sort (StFindingRow *row)
{
  /* Insertion sort: findings arrive almost in order (a float is reported
   * where its yarn returns, a little after where it starts). */
  for (guint i = 1; i < row->n; i++)
    {
      StPackedFinding item = row->items[i];
      guint j = i;

      if (row->items[j - 1].key <= item.key)
        continue;
      while (j > 0 && row->items[j - 1].key > item.key)
        {
          row->items[j] = row->items[j - 1];
          j--;
        }
      row->items[j] = item;
    }
}

static void
row_append (StFindingRow          *row,
            const StPackedFinding *finding)
{
  if (row->n == row->alloc)
    {
      row->alloc = MAX (8u, row->alloc * 2);
      row->items = g_renew (StPackedFinding, row->items, row->alloc);
    }
  row->items[row->n++] = *finding;
}

void
st_finding_row_insert (StFindingRow          *row,
                       const StPackedFinding *finding)
{
  guint i;

  row_append (row, finding);
  for (i = row->n - 1; i > 0 && row->items[i - 1].key > finding->key; i--)
    row->items[i] = row->items[i - 1];
  row->items[i] = *finding;
}

gboolean
st_finding_row_remove (StFindingRow    *row,
                       guint            needle,
                       StCheckRule      rule,
                       guint8           yarn,
                       StPackedFinding *removed)
{
  for (guint i = 0; i < row->n; i++)
    {
      StPackedFinding *f = &row->items[i];

      if (f->key == st_packed_key (needle, rule, yarn))
        {
          if (removed)
            *removed = *f;
          memmove (f, f + 1, (row->n - i - 1) * sizeof *f);
          row->n--;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- emitting ------------------------------------------------------------ */

static inline void
count_finding (StCheckResult   *r,
               guint            row,
               StCheckRule      rule,
               StCheckSeverity  severity,
               gint             delta)
{
  r->row_rule_counts[(gsize) row * ST_CHECK_NRS + rule * ST_SEVERITY_N + severity] += delta;
  r->totals[rule][severity] += delta;
}

static void
store_finding (StCheckResult   *r,
               guint            row,
               guint            needle,
               StCheckRule      rule,
               StCheckSeverity  severity,
               guint8           yarn,
               guint64          length,
               guint            count)
{
  StPackedFinding f = {
    .key = st_packed_key (needle, rule, yarn),
    .length = (guint32) MIN (length, G_MAXUINT32),
    .count = (guint16) MIN (count, G_MAXUINT16),
    .severity = severity,
  };

  row_append (&r->findings[row], &f);
  r->stored++;
}

/* Counts a finding, and keeps it if @store: findings over the cap cost
 * only the count. */
static inline void
emit (Pass            *ps,
      guint            row,
      guint            needle,
      StCheckRule      rule,
      StCheckSeverity  severity,
      guint8           yarn,
      guint64          length,
      guint            count,
      gboolean         store)
{
  count_finding (ps->r, row, rule, severity, 1);
  if (store)
    store_finding (ps->r, row, needle, rule, severity, yarn, length, count);
}

static inline gboolean
in_s (const Pass *ps,
      gint64      g)
{
  return g >= ps->s_start && g < ps->s_end;
}

static inline void
or_range (Pass    *ps,
          gint64   lo,
          gint64   hi,
          guint16  bits)
{
  /* A local pointer: stores through ps->reasons could alias *ps. */
  guint16 *reasons = ps->reasons;

  if (reasons == NULL)
    return;
  lo = MAX (lo, ps->s_start);
  hi = MIN (hi, ps->s_end);
  for (gint64 g = lo; g < hi; g++)
    reasons[g] |= bits;
}

/* Stored findings of the float rules are capped per round and yarn; the
 * counters cover the round being read and the one before (a float found
 * now may start there). */
static inline gboolean
take_slot (Pass  *ps,
           guint  row,
           guint  which,
           guint8 yarn)
{
  guint8 *slot = &ps->capc[row & 1][which][yarn];

  if (*slot >= ST_CHECK_STORED_PER_ROUND)
    return FALSE;
  (*slot)++;
  return TRUE;
}

static void
emit_join (Pass   *ps,
           guint8  yarn,
           gint64  g,
           guint   idle_rounds)
{
  /* A join just before the rebuilt stitches still marks the first of them. */
  or_range (ps, g, MIN (g + 3, ps->total), ST_RISK_YARN_JOIN);
  if (in_s (ps, g))
    emit (ps, g / ps->W, g % ps->W, ST_CHECK_YARN_JOIN, ST_SEVERITY_INFO, yarn, 0, idle_rounds, TRUE);
}

static void
emit_idle (Pass   *ps,
           guint8  yarn,
           gint64  old,
           gint64  gap,
           gint64  idle_rounds)
{
  if (!in_s (ps, old + 1))
    return;
  emit (ps, (old + 1) / ps->W, (old + 1) % ps->W, ST_CHECK_IDLE_YARN, ST_SEVERITY_WARNING,
        yarn, gap, (guint) MIN (idle_rounds, G_MAXUINT), TRUE);
}

/* A float of @y over stitches @s..@e-1, longer than its limit. @old and @g
 * are the stitches anchoring it, -1 where it ends at a flat panel's edge. */
static void
long_float (Pass   *ps,
            guint8  y,
            gint64  s,
            gint64  e,
            gint64  old,
            gint64  g)
{
  StCheckResult *r = ps->r;
  gint64 gap = e - s;
  guint s_row = s / ps->W, s_needle = s % ps->W;
  gboolean error = gap > 2 * (gint64) r->lmax[y];
  guint32 *ring = ps->ring + (gsize) y * (ps->ring_mask + 1) * 2;
  guint head = ps->ring_head[y], tail = ps->ring_tail[y];
  gint64 overlap = 0;

  if (in_s (ps, s))
    emit (ps, s_row, s_needle, ST_CHECK_FLOAT_LONG,
          error ? ST_SEVERITY_ERROR : ST_SEVERITY_WARNING, y, gap, 0,
          take_slot (ps, s_row, 0, y));
  or_range (ps, s, e, error ? ST_RISK_FLOAT_LONG | ST_RISK_FLOAT_ERROR : ST_RISK_FLOAT_LONG);
  if (old >= 0)
    or_range (ps, old, old + 1, ST_RISK_FLOAT_END);
  if (g >= 0)
    or_range (ps, g, g + 1, ST_RISK_FLOAT_END);

  /* Long floats of this yarn one round earlier over the same needles. */
  while (tail != head && (gint64) ring[(tail & ps->ring_mask) * 2 + 1] + ps->W <= s)
    tail++;
  for (guint i = tail; i != head; i++)
    {
      gint64 s1 = ring[(i & ps->ring_mask) * 2] + (gint64) ps->W;
      gint64 e1 = ring[(i & ps->ring_mask) * 2 + 1] + (gint64) ps->W;

      if (s1 >= e)
        break;
      if (MIN (e, e1) > MAX (s, s1))
        overlap += MIN (e, e1) - MAX (s, s1);
    }
  if (overlap >= ps->stack_thr[y])
    {
      if (in_s (ps, s))
        emit (ps, s_row, s_needle, ST_CHECK_FLOAT_STACK, ST_SEVERITY_WARNING, y, gap,
              (guint) overlap, take_slot (ps, s_row, 1, y));
      for (guint i = tail; i != head; i++)
        {
          gint64 s1 = ring[(i & ps->ring_mask) * 2] + (gint64) ps->W;
          gint64 e1 = ring[(i & ps->ring_mask) * 2 + 1] + (gint64) ps->W;

          if (s1 >= e)
            break;
          or_range (ps, MAX (s, s1), MIN (e, e1), ST_RISK_FLOAT_STACK);
        }
    }

  if (head - tail > ps->ring_mask)
    tail++;   /* cannot happen with the ring sized to the round; stay safe */
  ring[(head & ps->ring_mask) * 2] = (guint32) s;
  ring[(head & ps->ring_mask) * 2 + 1] = (guint32) e;
  ps->ring_head[y] = head + 1;
  ps->ring_tail[y] = tail;
}

/* A gap the hot path does not handle: first use, idle span, long float,
 * or on a flat panel a gap across the row edge. @fsum is NULL when the
 * gap ends outside the rebuilt rounds. */
static void
slow_gap (Pass    *ps,
          guint8   y,
          gint64   old,
          gint64   g,
          guint32 *fsum,
          guint   *fmax)
{
  StGapSplit split;

  if (old < 0)
    {
      /* Yarns that start in round 1 are cast on, not joined. */
      if (g >= ps->W)
        emit_join (ps, y, g, 0);
      return;
    }
  st_check_split_gap (old, g, ps->W, ps->flat, &split);
  if (split.idle_rounds > 0)
    {
      emit_idle (ps, y, old, g - old - 1, split.idle_rounds);
      emit_join (ps, y, g, (guint) MIN (split.idle_rounds, G_MAXUINT));
      return;
    }
  /* Shorter than a round: a float starting in this round or the last;
   * on a flat panel the rest of the last row and the start of this one. */
  for (guint i = 0; i < split.n; i++)
    {
      gint64 s = split.start[i], e = s + split.length[i];

      if (fsum != NULL)
        {
          fsum[y] += split.length[i];
          *fmax = MAX (*fmax, (guint) split.length[i]);
        }
      if (split.length[i] > (gint64) ps->r->lmax[y])
        long_float (ps, y, s, e, s == old + 1 ? old : -1, e == g ? g : -1);
    }
}

/* ---- searching outside the rebuilt rounds ------------------------------- */

static gint64
row_last_use (Pass  *ps,
              guint  row,
              guint  yarn,
              guint  max_needle)
{
  const guint8 *cells = st_marks_row_cells (&ps->marks, row);
  guint c0 = st_marks_catch_lower (&ps->marks, row);
  guint c1 = st_marks_catch_lower (&ps->marks, row + 1);

  for (gint64 n = max_needle; n >= 0; n--)
    {
      if (cells[n] == yarn)
        return (gint64) row * ps->W + n;
      for (guint c = c0; c < c1; c++)
        if (ps->marks.catches[c].needle == n && ps->marks.catches[c].yarn == yarn)
          return (gint64) row * ps->W + n;
    }
  return -1;
}

static gint64
row_first_use (Pass  *ps,
               guint  row,
               guint  yarn,
               guint  min_needle)
{
  const guint8 *cells = st_marks_row_cells (&ps->marks, row);
  guint c0 = st_marks_catch_lower (&ps->marks, row);
  guint c1 = st_marks_catch_lower (&ps->marks, row + 1);

  for (guint n = min_needle; n < ps->W; n++)
    {
      if (cells[n] == yarn)
        return (gint64) row * ps->W + n;
      for (guint c = c0; c < c1; c++)
        if (ps->marks.catches[c].needle == n && ps->marks.catches[c].yarn == yarn)
          return (gint64) row * ps->W + n;
    }
  return -1;
}

/* Last use of @yarn before stitch @before, from the rounds' yarn masks. */
static gint64
find_prev_use (Pass   *ps,
               guint   yarn,
               gint64  before)
{
  if (before <= 0)
    return -1;
  for (gint64 row = (before - 1) / ps->W; row >= 0; row--)
    {
      guint max_needle = row == (before - 1) / ps->W ? (before - 1) % ps->W : ps->W - 1;
      gint64 g;

      if (!(ps->r->row_mask[row] & (1u << yarn)))
        continue;
      g = row_last_use (ps, row, yarn, max_needle);
      if (g >= 0)
        return g;
    }
  return -1;
}

static gint64
find_next_use (Pass   *ps,
               guint   yarn,
               gint64  from)
{
  for (gint64 row = from / ps->W; row < ps->H; row++)
    {
      guint min_needle = row == from / ps->W ? from % ps->W : 0;
      gint64 g;

      if (!(ps->r->row_mask[row] & (1u << yarn)))
        continue;
      g = row_first_use (ps, row, yarn, min_needle);
      if (g >= 0)
        return g;
    }
  return -1;
}

/* Replaces the one finding of @rule for @yarn at stitch @g outside the
 * rebuilt rounds (these rules store every finding, so no cap applies). */
static void
replace_far (Pass        *ps,
             StCheckRule  rule,
             guint8       yarn,
             gint64       g,
             gboolean     present,
             guint64      length,
             guint        count)
{
  StCheckResult *r = ps->r;
  guint row = g / ps->W, needle = g % ps->W;
  StPackedFinding old;
  StCheckSeverity severity = rule == ST_CHECK_IDLE_YARN ? ST_SEVERITY_WARNING : ST_SEVERITY_INFO;

  if (st_finding_row_remove (&r->findings[row], needle, rule, yarn, &old))
    {
      count_finding (r, row, rule, old.severity, -1);
      r->stored--;
    }
  if (present)
    {
      StPackedFinding f = {
        .key = st_packed_key (needle, rule, yarn),
        .length = (guint32) MIN (length, G_MAXUINT32),
        .count = (guint16) MIN (count, G_MAXUINT16),
        .severity = severity,
      };

      st_finding_row_insert (&r->findings[row], &f);
      count_finding (r, row, rule, severity, 1);
      r->stored++;
    }
  if (rule == ST_CHECK_YARN_JOIN && ps->n_join_fix + 3 <= G_N_ELEMENTS (ps->join_fix))
    for (gint64 x = g; x < MIN (g + 3, ps->total); x++)
      ps->join_fix[ps->n_join_fix++] = x;
}

static gboolean
join_covers (StCheckResult *r,
             gint64         x)
{
  gint64 lo = MAX (0, x - 2);

  for (gint64 row = lo / r->needles; row <= x / r->needles; row++)
    {
      const StFindingRow *fr = &r->findings[row];

      for (guint i = 0; i < fr->n; i++)
        {
          gint64 g = row * r->needles + st_packed_needle (&fr->items[i]);

          if (st_packed_rule (&fr->items[i]) == ST_CHECK_YARN_JOIN && g >= lo && g <= x)
            return TRUE;
        }
    }
  return FALSE;
}

/* ---- the pass ------------------------------------------------------------ */

static void
clear_rows (StCheckResult *r,
            guint          A,
            guint          B)
{
  guint ny = r->n_yarns;

  for (guint row = A; row <= B; row++)
    {
      guint32 *rc = r->row_rule_counts + (gsize) row * ST_CHECK_NRS;

      for (guint i = 0; i < ST_CHECK_NRS; i++)
        r->totals[i / ST_SEVERITY_N][i % ST_SEVERITY_N] -= rc[i];
      memset (rc, 0, ST_CHECK_NRS * sizeof *rc);
      r->stored -= r->findings[row].n;
      r->findings[row].n = 0;
      for (guint k = 0; k < ny; k++)
        {
          r->yarn_stitches[k] -= r->row_counts[(gsize) row * ny + k];
          r->yarn_floats[k] -= r->row_float_sum[(gsize) row * ny + k];
        }
    }
}

static void
finish_row (Pass         *ps,
            guint         row,
            const guint8 *cells,
            guint         c0,
            guint         c1,
            const guint  *cnt,
            const guint32 *fsum,
            guint         fmax,
            guint         changes,
            guint32       caught,
            guint8        prev_at_start)
{
  StCheckResult *r = ps->r;
  guint W = ps->W, ny = r->n_yarns;
  gint64 base = (gint64) row * W;
  const StCatch *catches = ps->marks.catches;
  guint32 mask = caught;
  guint distinct;

  for (guint k = 0; k < ny; k++)
    {
      if (cnt[k])
        mask |= 1u << k;
      r->row_counts[(gsize) row * ny + k] = (guint16) cnt[k];
      r->row_float_sum[(gsize) row * ny + k] = fsum[k];
      r->yarn_stitches[k] += cnt[k];
      r->yarn_floats[k] += fsum[k];
    }
  r->row_mask[row] = mask;
  r->row_float_max[row] = (guint16) fmax;

  /* colors-per-round: which yarns come too late to fit the feeds. */
  distinct = (guint) __builtin_popcount (mask);
  if (distinct > r->max_colors)
    {
      guint32 seen = 0, excess = 0;
      guint rank = 0, c = c0, where = 0;
      guint8 first_excess = ST_PACKED_NO_YARN;

      for (guint n = 0; n < W && seen != mask; n++)
        {
          guint8 y = cells[n];

          if (!(seen & (1u << y)))
            {
              seen |= 1u << y;
              if (rank++ >= r->max_colors)
                {
                  excess |= 1u << y;
                  if (first_excess == ST_PACKED_NO_YARN)
                    first_excess = y, where = n;
                }
            }
          for (; c < c1 && catches[c].needle == n; c++)
            {
              guint8 k = catches[c].yarn;

              if (k == y || (seen & (1u << k)))
                continue;
              seen |= 1u << k;
              if (rank++ >= r->max_colors)
                {
                  excess |= 1u << k;
                  if (first_excess == ST_PACKED_NO_YARN)
                    first_excess = k, where = n;
                }
            }
        }
      emit (ps, row, where, ST_CHECK_COLORS_PER_ROUND, ST_SEVERITY_ERROR, first_excess, 0,
            distinct, TRUE);
      if (ps->reasons)
        {
          for (guint n = 0; n < W; n++)
            if (excess & (1u << cells[n]))
              ps->reasons[base + n] |= ST_RISK_TOO_MANY;
          for (c = c0; c < c1; c++)
            if (excess & (1u << catches[c].yarn))
              ps->reasons[base + catches[c].needle] |= ST_RISK_TOO_MANY;
        }
    }

  /* manual-change: each change is a hand operation on a one-feed machine. */
  if (r->feeds == 1 && changes > r->manual_limit)
    {
      guint where = 0, c = c0;
      guint8 prev = prev_at_start;

      for (guint n = 0; n < W; n++)
        {
          gboolean caught_here = FALSE;

          for (; c < c1 && catches[c].needle == n; c++)
            caught_here |= catches[c].yarn != cells[n];
          if (cells[n] != prev || caught_here)
            {
              where = n;
              break;
            }
          prev = cells[n];
        }
      emit (ps, row, where, ST_CHECK_MANUAL_CHANGE, ST_SEVERITY_WARNING, ST_PACKED_NO_YARN, 0,
            changes, TRUE);
    }

  /* catch-stack: loops held on one needle, and catches side by side. */
  if (c1 > c0)
    {
      guint8 stored[ST_MAX_YARNS] = { 0 };
      gint64 first_active = -1, prev_active = -1;
      guint8 first_yarn = 0, prev_yarn = 0;
      guint c = c0;

      while (c < c1)
        {
          guint n = catches[c].needle;
          guint loops = 1;
          guint8 yarn = ST_PACKED_NO_YARN;
          guint8 last_yarn = ST_PACKED_NO_YARN;

          for (; c < c1 && catches[c].needle == n; c++)
            if (catches[c].yarn != cells[n] && catches[c].yarn != last_yarn)
              {
                loops++;
                last_yarn = catches[c].yarn;
                if (yarn == ST_PACKED_NO_YARN)
                  yarn = catches[c].yarn;
              }
          if (loops == 1)
            continue;
          if (loops > ST_CHECK_MAX_LOOPS)
            {
              emit (ps, row, n, ST_CHECK_CATCH_STACK, ST_SEVERITY_ERROR, yarn, 0, loops,
                    stored[yarn]++ < ST_CHECK_STORED_PER_ROUND);
              or_range (ps, base + n, base + n + 1, ST_RISK_CATCH_STACK);
            }
          if (prev_active >= 0 && prev_active + 1 == n)
            {
              emit (ps, row, prev_active, ST_CHECK_CATCH_STACK, ST_SEVERITY_WARNING, yarn, 0, 2,
                    stored[yarn]++ < ST_CHECK_STORED_PER_ROUND);
              or_range (ps, base + prev_active, base + n + 1, ST_RISK_CATCH_STACK);
            }
          if (first_active < 0)
            first_active = n, first_yarn = yarn;
          prev_active = n;
          prev_yarn = yarn;
        }
      /* Needles N and 1 are neighbours on the cylinder, not on a flat panel. */
      if (!r->flat && W > 2 && first_active == 0 && prev_active == W - 1)
        {
          emit (ps, row, W - 1, ST_CHECK_CATCH_STACK, ST_SEVERITY_WARNING, first_yarn, 0, 2,
                stored[first_yarn]++ < ST_CHECK_STORED_PER_ROUND);
          or_range (ps, base + W - 1, base + W, ST_RISK_CATCH_STACK);
          or_range (ps, base, base + 1, ST_RISK_CATCH_STACK);
        }
      (void) prev_yarn;
    }
}

/* Rebuilds everything positioned in rounds A..B (whole rounds), reading
 * from two rounds earlier so floats and float stacks reaching in are seen,
 * then fixes the idle span and the join that may lie outside. */
static void
check_rows (StCheckResult   *r,
            const StPattern *pattern,
            guint            A,
            guint            B)
{
  Pass ps = { 0 };
  guint W = pattern->chart->needles, H = pattern->chart->rows, ny = pattern->n_yarns;
  guint A0 = A >= 2 ? A - 2 : 0;
  gint64 p_at_start[ST_MAX_YARNS];
  guint cnt[ST_MAX_YARNS];
  guint32 fsum[ST_MAX_YARNS];
  guint ring_size = 16, ci;
  guint8 prev;
  gboolean one_feed;

  ps.r = r;
  ps.W = W;
  ps.H = H;
  ps.total = (gint64) W * H;
  ps.A = A;
  ps.B = B;
  ps.s_start = (gint64) A * W;
  ps.s_end = (gint64) (B + 1) * W;
  ps.reasons = r->reasons;
  ps.flat = r->flat;
  st_marks_init (&ps.marks, pattern);
  while (ring_size < W / 2 + 8)
    ring_size *= 2;
  ps.ring_mask = ring_size - 1;
  ps.ring = g_new (guint32, (gsize) ny * ring_size * 2);
  one_feed = r->feeds == 1;

  for (guint k = 0; k < ny; k++)
    {
      ps.thr[k] = MIN ((gint64) r->lmax[k], (gint64) W - 1);
      ps.stack_thr[k] = (r->lmax[k] + 1) / 2;
      if (r->weights[k] < r->weight_min || r->weights[k] > r->weight_max)
        ps.bad_weight |= 1u << k;
    }

  clear_rows (r, A, B);
  if (ps.reasons && !r->reasons_zeroed)
    memset (ps.reasons + ps.s_start, 0, (gsize) (ps.s_end - ps.s_start) * sizeof (guint16));
  r->reasons_zeroed = FALSE;

  for (guint k = 0; k < ny; k++)
    {
      gint64 g = find_prev_use (&ps, k, (gint64) A0 * W);

      ps.last[k] = g >= 0 ? g : NO_USE;
    }
  prev = A0 > 0 ? st_marks_row_cells (&ps.marks, A0 - 1)[W - 1]
                : st_marks_row_cells (&ps.marks, 0)[0];
  ci = st_marks_catch_lower (&ps.marks, A0);

  for (guint row = A0; row <= B; row++)
    {
      const guint8 *cells = st_marks_row_cells (&ps.marks, row);
      gint64 base = (gint64) row * W;
      gboolean emit_row = row >= A;
      guint16 *mc = one_feed && emit_row && ps.reasons ? ps.reasons + base : NULL;
      guint c0 = ci, fmax = 0, changes = 0, n = 0;
      /* On a flat panel a yarn last used in an earlier row comes in from
       * the edge: the slow path splits the gap there. */
      gint64 row_floor = ps.flat ? base : NO_USE;
      guint32 caught = 0;
      guint8 prev_at_start = prev;
      gint64 *last = ps.last;

      if (row == A)
        memcpy (p_at_start, ps.last, sizeof p_at_start);
      memset (ps.capc[row & 1], 0, sizeof ps.capc[row & 1]);
      memset (cnt, 0, sizeof cnt);
      memset (fsum, 0, sizeof fsum);

      while (n < W)
        {
          guint stop = ci < ps.marks.n_catches && ps.marks.catches[ci].row == row
                         ? ps.marks.catches[ci].needle + 1 : W;

          stop = MIN (stop, W);
          /* The hot loop: one lookup of the yarn's previous use per stitch. */
          for (; n < stop; n++)
            {
              guint8 y = cells[n];
              gint64 g = base + n;
              gint64 gap = g - last[y] - 1;
              guint ch = y != prev;

              if (G_UNLIKELY (gap > ps.thr[y] || last[y] < row_floor))
                slow_gap (&ps, y, last[y], g, fsum, &fmax);
              else
                {
                  fsum[y] += (guint32) gap;
                  fmax = MAX (fmax, (guint) gap);
                }
              last[y] = g;
              cnt[y]++;
              changes += ch;
              if (mc)
                mc[n] |= ch * ST_RISK_MANUAL_CHANGE;
              prev = y;
            }
          /* Catches at the last stitch read: extra uses of their yarns. */
          for (; ci < ps.marks.n_catches && ps.marks.catches[ci].row == row &&
                 ps.marks.catches[ci].needle + 1 == n; ci++)
            {
              guint8 k = ps.marks.catches[ci].yarn;
              gint64 g = base + n - 1;
              gint64 gap = g - last[k] - 1;

              if (k == cells[n - 1] || last[k] == g)
                continue;
              if (gap > ps.thr[k] || last[k] < 0 || last[k] < row_floor)
                slow_gap (&ps, k, last[k], g, fsum, &fmax);
              else
                {
                  fsum[k] += (guint32) gap;
                  fmax = MAX (fmax, (guint) gap);
                }
              last[k] = g;
              caught |= 1u << k;
              if (one_feed)
                changes++;
              if (emit_row && ps.reasons)
                ps.reasons[g] |= ST_RISK_CATCH | ((ps.bad_weight >> k) & 1 ? ST_RISK_YARN_WEIGHT : 0);
            }
          /* Catches past the last needle (only in unvalidated input). */
          if (n >= W)
            while (ci < ps.marks.n_catches && ps.marks.catches[ci].row == row)
              ci++;
        }

      if (!emit_row)
        continue;
      if (ps.reasons)
        {
          guint16 row_bits = (row < 2 ? ST_RISK_CAST_ON : 0) | (row == H - 1 ? ST_RISK_CAST_OFF : 0);

          if (row_bits)
            for (guint i = 0; i < W; i++)
              ps.reasons[base + i] |= row_bits;
          if (ps.bad_weight)
            for (guint i = 0; i < W; i++)
              if ((ps.bad_weight >> cells[i]) & 1)
                ps.reasons[base + i] |= ST_RISK_YARN_WEIGHT;
        }
      finish_row (&ps, row, cells, c0, ci, cnt, fsum, fmax, changes, caught, prev_at_start);
    }
  if (A == 0)
    for (guint k = 0; k < ny; k++)
      p_at_start[k] = NO_USE;

  /* The gap running out of the rebuilt rounds: its float part inside them,
   * and the join where the yarn comes back. */
  if (B + 1 < H)
    for (guint k = 0; k < ny; k++)
      {
        gint64 next = find_next_use (&ps, k, ps.s_end);
        gint64 old = ps.last[k];
        StGapSplit split;

        if (next < 0)
          continue;
        if (old < 0)
          {
            replace_far (&ps, ST_CHECK_YARN_JOIN, k, next, next >= W, 0, 0);
            continue;
          }
        st_check_split_gap (old, next, W, ps.flat, &split);
        if (split.idle_rounds > 0)
          {
            emit_idle (&ps, k, old, next - old - 1, split.idle_rounds);
            replace_far (&ps, ST_CHECK_YARN_JOIN, k, next, TRUE, 0,
                         (guint) MIN (split.idle_rounds, G_MAXUINT));
          }
        else
          {
            replace_far (&ps, ST_CHECK_YARN_JOIN, k, next, FALSE, 0, 0);
            slow_gap (&ps, k, old, next, NULL, NULL);
          }
      }

  /* The idle span running into the rebuilt rounds starts before them. */
  for (guint k = 0; k < ny; k++)
    {
      gint64 p = p_at_start[k];
      gint64 q;
      StGapSplit split = { 0 };

      if (p < 0 || p + 1 >= ps.s_start)
        continue;
      q = find_next_use (&ps, k, ps.s_start);
      if (q >= 0)
        st_check_split_gap (p, q, W, ps.flat, &split);
      replace_far (&ps, ST_CHECK_IDLE_YARN, k, p + 1, split.idle_rounds > 0,
                   q - p - 1, (guint) MIN (split.idle_rounds, G_MAXUINT));
    }

  for (guint row = A; row <= B; row++)
    st_finding_row_sort (&r->findings[row]);

  /* Join marks reaching past the rebuilt rounds, and those of far joins. */
  if (ps.reasons)
    {
      for (gint64 x = ps.s_end; x < MIN (ps.s_end + 2, ps.total); x++)
        ps.join_fix[ps.n_join_fix++] = x;
      for (guint i = 0; i < ps.n_join_fix; i++)
        {
          gint64 x = ps.join_fix[i];

          if (join_covers (r, x))
            ps.reasons[x] |= ST_RISK_YARN_JOIN;
          else
            ps.reasons[x] &= ~ST_RISK_YARN_JOIN;
        }
    }

  g_free (ps.ring);
  st_marks_clear (&ps.marks);
}

/* ---- whole-pattern findings --------------------------------------------- */

static void
add_global (StCheckResult   *r,
            StCheckRule      rule,
            StCheckSeverity  severity,
            guint            row,
            guint            needle,
            int              yarn,
            guint            count)
{
  StCheckFinding f = {
    .rule = rule,
    .severity = severity,
    .row = row,
    .needle = needle,
    .yarn = yarn,
    .count = count,
  };

  g_array_append_val (r->globals, f);
}

/* The first stitch in rounds @row0..@row1 using a yarn other than @yarn
 * (knit, or caught there); FALSE if there is none. @mask gets every yarn
 * used in those rounds. */
static gboolean
first_other_yarn (StMarks *marks,
                  guint    row0,
                  guint    row1,
                  guint8   yarn,
                  guint   *row_out,
                  guint   *needle_out,
                  guint8  *other,
                  guint32 *mask)
{
  guint W = marks->pattern->chart->needles;
  gboolean found = FALSE;

  *mask = 0;
  for (guint row = row0; row <= row1; row++)
    {
      const guint8 *cells = st_marks_row_cells (marks, row);
      guint c = st_marks_catch_lower (marks, row);

      for (guint n = 0; n < W; n++)
        {
          guint8 k = cells[n];

          *mask |= 1u << cells[n];
          for (; c < marks->n_catches && marks->catches[c].row == row &&
                 marks->catches[c].needle <= n; c++)
            if (marks->catches[c].needle == n && marks->catches[c].yarn != cells[n])
              {
                *mask |= 1u << marks->catches[c].yarn;
                if (k == yarn)
                  k = marks->catches[c].yarn;
              }
          if (!found && k != yarn)
            {
              found = TRUE;
              *row_out = row;
              *needle_out = n;
              *other = k;
            }
        }
    }
  return found;
}

static void
compute_globals (StCheckResult   *r,
                 const StPattern *pattern)
{
  StMarks marks;
  Pass ps = { 0 };
  guint W = pattern->chart->needles, H = pattern->chart->rows;
  guint row, needle;
  guint8 yarn, other;
  guint32 mask;
  guint max_float = 0;

  st_marks_init (&marks, pattern);
  g_array_set_size (r->globals, 0);

  /* cast-on: the first two rounds, best in one yarn. */
  yarn = st_marks_row_cells (&marks, 0)[0];
  if (first_other_yarn (&marks, 0, MIN (2u, H) - 1, yarn, &row, &needle, &other, &mask))
    add_global (r, ST_CHECK_CAST_ON, ST_SEVERITY_WARNING, row, needle, other,
                __builtin_popcount (mask));
  else
    add_global (r, ST_CHECK_CAST_ON, ST_SEVERITY_INFO, 0, 0, yarn, 1);

  /* cast-off: the last round, best in one yarn. */
  yarn = st_marks_row_cells (&marks, H - 1)[0];
  if (first_other_yarn (&marks, H - 1, H - 1, yarn, &row, &needle, &other, &mask))
    add_global (r, ST_CHECK_CAST_OFF, ST_SEVERITY_WARNING, row, needle, other,
                __builtin_popcount (mask));
  else
    add_global (r, ST_CHECK_CAST_OFF, ST_SEVERITY_INFO, H - 1, 0, yarn, 1);

  /* Catches and duplicate stitches per yarn, for the usage figures. */
  memset (r->yarn_catches, 0, sizeof r->yarn_catches);
  memset (r->yarn_duplicates, 0, sizeof r->yarn_duplicates);
  for (guint i = 0; i < marks.n_catches; i++)
    {
      const StCatch *c = &marks.catches[i];

      if (c->row >= H || c->needle >= W || c->yarn >= r->n_yarns)
        continue;
      if (i > 0 && st_catch_compare (c, &marks.catches[i - 1]) == 0)
        continue;
      if (st_marks_row_cells (&marks, c->row)[c->needle] != c->yarn)
        r->yarn_catches[c->yarn]++;
    }
  for (guint i = 0; i < marks.n_dups; i++)
    {
      const StStitchRef *d = &marks.dups[i];
      guint8 charted;

      if (d->row >= H || d->needle >= W)
        continue;
      charted = st_chart_get (pattern->chart, d->row, d->needle);
      if (st_marks_row_cells (&marks, d->row)[d->needle] != charted)
        r->yarn_duplicates[charted]++;
    }

  /* yarn-weight: every yarn the machine knits must suit it. */
  ps.r = r;
  ps.W = W;
  ps.H = H;
  ps.marks = marks;
  for (guint k = 0; k < r->n_yarns; k++)
    {
      gint64 first;

      if (r->weights[k] >= r->weight_min && r->weights[k] <= r->weight_max)
        continue;
      if (r->yarn_stitches[k] == 0 && r->yarn_catches[k] == 0)
        continue;
      first = find_next_use (&ps, k, 0);
      if (first >= 0)
        add_global (r, ST_CHECK_YARN_WEIGHT, ST_SEVERITY_ERROR, first / W, first % W, k,
                    r->weights[k]);
    }

  /* repeat-seam: the repeat must divide the round. */
  if (r->repeat_width > 0 && W % r->repeat_width != 0)
    add_global (r, ST_CHECK_REPEAT_SEAM, ST_SEVERITY_WARNING, 0,
                (W / r->repeat_width) * r->repeat_width % W, ST_CHECK_NO_YARN,
                W % r->repeat_width);

  for (guint i = 0; i < H; i++)
    max_float = MAX (max_float, r->row_float_max[i]);
  r->max_float = max_float;
  st_marks_clear (&marks);
}

StCheckResult *
st_check_run (const StPattern      *pattern,
              const StCheckOptions *options)
{
  StCheckResult *r;

  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (pattern->n_yarns >= 1 && pattern->n_yarns <= ST_MAX_YARNS, NULL);

  r = st_check_result_new (pattern, options);
  check_rows (r, pattern, 0, pattern->chart->rows - 1);
  compute_globals (r, pattern);
  return r;
}

/* ---- incremental --------------------------------------------------------- */

struct _StChecker
{
  StCheckOptions   options;
  StCheckResult   *result;

  /* What a result depends on beyond the stitches and marks. */
  guint            needles;
  guint            rows;
  guint            n_yarns;
  StYarnWeight     weights[ST_MAX_YARNS];
  gboolean         sticky[ST_MAX_YARNS];
  const StProfile *profile;
  double           stitches_per_10cm;
  double           float_limit_mm;
  double           loop_length_mm;
  guint            repeat_width;
  GArray          *catches;
  GArray          *dups;

  guint            last_first;
  guint            last_last;
  gboolean         last_full;
};

StChecker *
st_checker_new (const StCheckOptions *options)
{
  StChecker *checker = g_new0 (StChecker, 1);

  st_checker_set_options (checker, options);
  checker->catches = g_array_new (FALSE, FALSE, sizeof (StCatch));
  checker->dups = g_array_new (FALSE, FALSE, sizeof (StStitchRef));
  return checker;
}

void
st_checker_free (StChecker *checker)
{
  if (checker == NULL)
    return;
  g_clear_pointer (&checker->result, st_check_result_free);
  g_clear_pointer (&checker->catches, g_array_unref);
  g_clear_pointer (&checker->dups, g_array_unref);
  g_free (checker);
}

void
st_checker_set_options (StChecker            *checker,
                        const StCheckOptions *options)
{
  if (options != NULL)
    checker->options = *options;
  else
    st_check_options_init (&checker->options);
  /* Any option may change every finding: start again. */
  g_clear_pointer (&checker->result, st_check_result_free);
}

const StCheckResult *
st_checker_get_result (StChecker *checker)
{
  return checker->result;
}

void
st_checker_last_range (StChecker *checker,
                       guint     *first_row,
                       guint     *last_row,
                       gboolean  *full)
{
  if (first_row)
    *first_row = checker->last_first;
  if (last_row)
    *last_row = checker->last_last;
  if (full)
    *full = checker->last_full;
}

static void
remember (StChecker       *checker,
          const StPattern *pattern)
{
  checker->needles = pattern->chart->needles;
  checker->rows = pattern->chart->rows;
  checker->n_yarns = pattern->n_yarns;
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      checker->weights[i] = pattern->yarns[i].weight;
      checker->sticky[i] = pattern->yarns[i].sticky;
    }
  checker->profile = pattern->profile;
  checker->stitches_per_10cm = pattern->stitches_per_10cm;
  checker->float_limit_mm = pattern->float_limit_mm;
  checker->loop_length_mm = pattern->loop_length_mm;
  checker->repeat_width = pattern->repeat_width;
  g_array_set_size (checker->catches, 0);
  g_array_append_vals (checker->catches, pattern->catches->data, pattern->catches->len);
  g_array_set_size (checker->dups, 0);
  g_array_append_vals (checker->dups, pattern->duplicate_stitches->data,
                       pattern->duplicate_stitches->len);
}

static gboolean
same_structure (StChecker       *checker,
                const StPattern *pattern)
{
  if (checker->needles != pattern->chart->needles || checker->rows != pattern->chart->rows ||
      checker->n_yarns != pattern->n_yarns || checker->profile != pattern->profile ||
      checker->stitches_per_10cm != pattern->stitches_per_10cm ||
      checker->float_limit_mm != pattern->float_limit_mm ||
      checker->loop_length_mm != pattern->loop_length_mm ||
      checker->repeat_width != pattern->repeat_width)
    return FALSE;
  for (guint i = 0; i < pattern->n_yarns; i++)
    if (checker->weights[i] != pattern->yarns[i].weight ||
        checker->sticky[i] != pattern->yarns[i].sticky)
      return FALSE;
  return TRUE;
}

static void
widen (gboolean *any,
       guint    *first,
       guint    *last,
       guint     row)
{
  if (!*any)
    {
      *first = *last = row;
      *any = TRUE;
      return;
    }
  *first = MIN (*first, row);
  *last = MAX (*last, row);
}

/* Rows whose catches or duplicate stitches differ between two sorted lists.
 * Both element types start with their row. */
static void
diff_marks (const GArray *a,
            const GArray *b,
            GCompareFunc  compare,
            gboolean     *any,
            guint        *first,
            guint        *last)
{
  gsize size = g_array_get_element_size ((GArray *) a);
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      gconstpointer ea = i < a->len ? a->data + i * size : NULL;
      gconstpointer eb = j < b->len ? b->data + j * size : NULL;
      int cmp = ea && eb ? compare (ea, eb) : ea ? -1 : 1;

      if (cmp == 0)
        {
          i++;
          j++;
        }
      else if (cmp < 0)
        {
          widen (any, first, last, *(const guint *) ea);
          i++;
        }
      else
        {
          widen (any, first, last, *(const guint *) eb);
          j++;
        }
    }
}

const StCheckResult *
st_checker_check_all (StChecker       *checker,
                      const StPattern *pattern)
{
  StCheckResult *r = checker->result;

  /* Same size and palette: rebuild in place, keeping the big arrays. */
  if (r != NULL && r->needles == pattern->chart->needles && r->rows == pattern->chart->rows &&
      r->n_yarns == pattern->n_yarns)
    {
      st_check_result_set_context (r, pattern, &checker->options);
      check_rows (r, pattern, 0, pattern->chart->rows - 1);
      compute_globals (r, pattern);
    }
  else
    {
      g_clear_pointer (&checker->result, st_check_result_free);
      checker->result = st_check_run (pattern, &checker->options);
    }
  remember (checker, pattern);
  checker->last_first = 0;
  checker->last_last = pattern->chart->rows - 1;
  checker->last_full = TRUE;
  return checker->result;
}

const StCheckResult *
st_checker_update (StChecker       *checker,
                   const StPattern *pattern,
                   gboolean         any,
                   guint            first_row,
                   guint            last_row,
                   gboolean         structure)
{
  guint H = pattern->chart->rows;
  guint A, B;

  if (checker->result == NULL || !same_structure (checker, pattern))
    return st_checker_check_all (checker, pattern);

  if (first_row > last_row)
    {
      guint t = first_row;

      first_row = last_row;
      last_row = t;
    }
  if (structure)
    {
      /* Names and colours only change messages; marks change rows. */
      st_check_result_set_context (checker->result, pattern, &checker->options);
      diff_marks (checker->catches, pattern->catches, st_catch_compare, &any, &first_row, &last_row);
      diff_marks (checker->dups, pattern->duplicate_stitches, st_stitch_ref_compare, &any,
                  &first_row, &last_row);
    }
  first_row = MIN (first_row, H - 1);
  last_row = MIN (last_row, H - 1);
  if (!any)
    {
      checker->last_first = checker->last_last = 0;
      checker->last_full = FALSE;
      return checker->result;
    }

  /* One round before (floats reaching into the edit) and two after (a
   * float starting in the edit ends in the next round, and stacks on the
   * one after that). */
  A = first_row > 0 ? first_row - 1 : 0;
  B = MIN (last_row + 2, H - 1);
  check_rows (checker->result, pattern, A, B);
  compute_globals (checker->result, pattern);
  remember (checker, pattern);
  checker->last_first = A;
  checker->last_last = B;
  checker->last_full = FALSE;
  return checker->result;
}
