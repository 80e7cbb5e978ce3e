/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-check-result.c: reading a check result: counts, findings, usage, risk
 * scores, and the sentences that explain each finding to a knitter.
 */
#include "config.h"

#include "st-check-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const char *const rule_ids[ST_CHECK_N_RULES] = {
  [ST_CHECK_FLOAT_LONG] = "float-long",
  [ST_CHECK_FLOAT_STACK] = "float-stack",
  [ST_CHECK_IDLE_YARN] = "idle-yarn",
  [ST_CHECK_YARN_JOIN] = "yarn-join",
  [ST_CHECK_COLORS_PER_ROUND] = "colors-per-round",
  [ST_CHECK_MANUAL_CHANGE] = "manual-change",
  [ST_CHECK_CAST_ON] = "cast-on",
  [ST_CHECK_CAST_OFF] = "cast-off",
  [ST_CHECK_YARN_WEIGHT] = "yarn-weight",
  [ST_CHECK_REPEAT_SEAM] = "repeat-seam",
  [ST_CHECK_CATCH_STACK] = "catch-stack",
};

/* Heat-map weight of each reason, in bit order (CHECKER.md). */
static const guint8 reason_weights[ST_RISK_N_REASONS] = {
  25,   /* float-long */
  20,   /* float over twice the limit, on top of float-long */
  10,   /* float end */
  15,   /* float stack */
  30,   /* yarn join */
  60,   /* too many colours */
  10,   /* manual change */
  20,   /* cast-on */
  15,   /* cast-off */
  50,   /* yarn weight */
  5,    /* catch */
  40,   /* catch stack */
};

/* Why a stitch is at risk, for people (a tooltip lists them); translated
 * where they are used. */
static const char *const reason_names[ST_RISK_N_REASONS] = {
  /* Translators: why a stitch is at risk; a tooltip lists these. */
  N_("long float behind"), N_("float over twice the limit"), N_("end of a long float"),
  N_("stacked floats"), N_("yarn join"), N_("too many colours in the round"),
  N_("hand colour change"), N_("cast-on rounds"), N_("cast-off round"),
  N_("yarn weight unsuitable"), N_("caught float"), N_("too many loops or side-by-side catches"),
};

/* Between the items of a list for people: "4, 8 and 12". */
static const char *
list_separator (void)
{
  /* Translators: between the items of a list, as in "needles 4, 8 and 12". */
  return g_dpgettext2 (GETTEXT_PACKAGE, "list", ", ");
}

static const char *
list_last_separator (void)
{
  /* Translators: before the last item of a list, as in "needles 4, 8 and 12". */
  return g_dpgettext2 (GETTEXT_PACKAGE, "list", " and ");
}

const char *
st_check_rule_id (StCheckRule rule)
{
  g_return_val_if_fail (rule < ST_CHECK_N_RULES, "unknown");
  return rule_ids[rule];
}

gboolean
st_check_rule_from_id (const char  *id,
                       StCheckRule *out)
{
  for (guint i = 0; i < ST_CHECK_N_RULES; i++)
    if (g_strcmp0 (rule_ids[i], id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
st_check_severity_name (StCheckSeverity severity)
{
  switch (severity)
    {
    case ST_SEVERITY_INFO:
      return "info";
    case ST_SEVERITY_WARNING:
      return "warning";
    case ST_SEVERITY_ERROR:
      return "error";
    case ST_SEVERITY_N:
    default:
      return "unknown";
    }
}

const char *
st_check_reason_name (StRiskReason reason)
{
  for (guint i = 0; i < ST_RISK_N_REASONS; i++)
    if (reason == (1u << i))
      return _(reason_names[i]);
  return g_dpgettext2 (GETTEXT_PACKAGE, "risk reason", "unknown");
}

guint8
st_check_risk_score (guint16 reasons)
{
  static guint8 table[1 << ST_RISK_N_REASONS];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint bits = 0; bits < G_N_ELEMENTS (table); bits++)
        {
          guint sum = 0;

          for (guint i = 0; i < ST_RISK_N_REASONS; i++)
            if (bits & (1u << i))
              sum += reason_weights[i];
          table[bits] = (guint8) MIN (sum, 100u);
        }
      g_once_init_leave (&ready, 1);
    }
  return table[reasons & ((1u << ST_RISK_N_REASONS) - 1)];
}

char *
st_check_reasons_describe (guint16 reasons)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ST_RISK_N_REASONS; i++)
    if (reasons & (1u << i))
      g_string_append_printf (out, "%s%s", out->len ? list_separator () : "", _(reason_names[i]));
  return g_string_free (out, FALSE);
}

guint
st_check_result_needles (const StCheckResult *r)
{
  return r->needles;
}

guint
st_check_result_rows (const StCheckResult *r)
{
  return r->rows;
}

guint
st_check_result_float_limit (const StCheckResult *r,
                             guint                yarn)
{
  g_return_val_if_fail (yarn < r->n_yarns, r->lmax_plain);
  return r->lmax[yarn];
}

guint64
st_check_result_count (const StCheckResult *r,
                       StCheckRule          rule,
                       StCheckSeverity      severity)
{
  guint64 n;

  g_return_val_if_fail (rule < ST_CHECK_N_RULES && severity < ST_SEVERITY_N, 0);
  n = r->totals[rule][severity];
  for (guint i = 0; i < r->globals->len; i++)
    {
      const StCheckFinding *f = &g_array_index (r->globals, StCheckFinding, i);

      if (f->rule == rule && f->severity == severity)
        n++;
    }
  return n;
}

void
st_check_result_get_summary (const StCheckResult *r,
                             StCheckSummary      *s)
{
  guint64 total = 0;

  memset (s, 0, sizeof *s);
  for (guint rule = 0; rule < ST_CHECK_N_RULES; rule++)
    {
      s->infos += r->totals[rule][ST_SEVERITY_INFO];
      s->warnings += r->totals[rule][ST_SEVERITY_WARNING];
      s->errors += r->totals[rule][ST_SEVERITY_ERROR];
    }
  for (guint i = 0; i < r->globals->len; i++)
    {
      const StCheckFinding *f = &g_array_index (r->globals, StCheckFinding, i);

      if (f->severity == ST_SEVERITY_ERROR)
        s->errors++;
      else if (f->severity == ST_SEVERITY_WARNING)
        s->warnings++;
      else
        s->infos++;
    }
  total = s->infos + s->warnings + s->errors;
  s->max_float_stitches = r->max_float;
  s->float_limit_stitches = r->lmax_plain;
  s->float_limit_mm = r->float_limit_mm;
  s->findings_stored = r->stored + r->globals->len;
  s->findings_omitted = total - s->findings_stored;
}

void
st_check_unpack (const StCheckResult   *r,
                 guint                  row,
                 const StPackedFinding *p,
                 StCheckFinding        *out)
{
  out->rule = st_packed_rule (p);
  out->severity = p->severity;
  out->row = row;
  out->needle = st_packed_needle (p);
  out->yarn = st_packed_yarn (p) == ST_PACKED_NO_YARN ? ST_CHECK_NO_YARN : st_packed_yarn (p);
  out->length_stitches = p->length;
  out->length_mm = p->length * r->stitch_width_mm;
  out->count = p->count;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const StCheckFinding *fa = a, *fb = b;

  if (fa->row != fb->row)
    return fa->row < fb->row ? -1 : 1;
  if (fa->needle != fb->needle)
    return fa->needle < fb->needle ? -1 : 1;
  if (fa->rule != fb->rule)
    return fa->rule < fb->rule ? -1 : 1;
  return fa->yarn - fb->yarn;
}

void
st_check_result_get_findings (const StCheckResult *r,
                              guint                row0,
                              guint                row1,
                              GArray              *out)
{
  guint start = out->len;
  gboolean any_global = FALSE;

  g_return_if_fail (g_array_get_element_size (out) == sizeof (StCheckFinding));
  if (r->rows == 0 || row0 > row1 || row0 >= r->rows)
    return;
  row1 = MIN (row1, r->rows - 1);
  for (guint row = row0; row <= row1; row++)
    {
      const StFindingRow *fr = &r->findings[row];

      for (guint i = 0; i < fr->n; i++)
        {
          StCheckFinding f;

          st_check_unpack (r, row, &fr->items[i], &f);
          g_array_append_val (out, f);
        }
    }
  for (guint i = 0; i < r->globals->len; i++)
    {
      const StCheckFinding *f = &g_array_index (r->globals, StCheckFinding, i);

      if (f->row >= row0 && f->row <= row1)
        {
          g_array_append_val (out, *f);
          any_global = TRUE;
        }
    }
  /* Rows come sorted; only the few whole-pattern findings need placing. */
  if (any_global)
    g_qsort_with_data (out->data + start * sizeof (StCheckFinding), out->len - start,
                       sizeof (StCheckFinding), (GCompareDataFunc) compare_findings, NULL);
}

GArray *
st_check_result_all_findings (const StCheckResult *r)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));

  if (r->rows > 0)
    st_check_result_get_findings (r, 0, r->rows - 1, out);
  return out;
}

guint
st_check_result_get_usage (const StCheckResult *r,
                           StYarnUsage         *usage)
{
  for (guint k = 0; k < r->n_yarns; k++)
    {
      StYarnUsage *u = &usage[k];
      double mm;

      u->stitches = r->yarn_stitches[k];
      u->float_stitches = r->yarn_floats[k];
      u->catches = r->yarn_catches[k];
      u->duplicate_stitches = r->yarn_duplicates[k];
      /* A stitch takes a loop; a float or catch crosses a stitch width; a
       * duplicate stitch traces about two loops by hand. */
      mm = u->stitches * r->loop_length_mm +
           (u->float_stitches + u->catches) * r->stitch_width_mm +
           u->duplicate_stitches * 2.0 * r->loop_length_mm;
      u->meters = mm * (1.0 + r->waste) / 1000.0;
    }
  return r->n_yarns;
}

double
st_check_result_loop_length_mm (const StCheckResult *r)
{
  return r->loop_length_mm;
}

double
st_check_result_waste_allowance (const StCheckResult *r)
{
  return r->waste;
}

gboolean
st_check_result_has_risk (const StCheckResult *r)
{
  return r->reasons != NULL;
}

guint16
st_check_result_reasons (const StCheckResult *r,
                         guint                row,
                         guint                needle)
{
  g_return_val_if_fail (row < r->rows && needle < r->needles, 0);
  if (r->reasons == NULL)
    return 0;
  return r->reasons[(gsize) row * r->needles + needle];
}

guint8
st_check_result_risk (const StCheckResult *r,
                      guint                row,
                      guint                needle)
{
  return st_check_risk_score (st_check_result_reasons (r, row, needle));
}

void
st_check_result_risk_row (const StCheckResult *r,
                          guint                row,
                          guint8              *scores)
{
  g_return_if_fail (row < r->rows);
  for (guint n = 0; n < r->needles; n++)
    scores[n] = r->reasons ? st_check_risk_score (r->reasons[(gsize) row * r->needles + n]) : 0;
}

/* ---- floats for drawing -------------------------------------------------- */

typedef struct
{
  const StPattern *pattern;
  guint            W;
  gint64           lo;
  gint64           hi;
  guint            lmax[ST_MAX_YARNS];
  gboolean         long_only;
  gboolean         flat;
  GArray          *out;
} FloatList;

static void
collect_float (gpointer user_data,
               guint8   yarn,
               gint64   g,
               gint64   prev,
               gboolean is_catch)
{
  FloatList *fl = user_data;
  StGapSplit split;

  if (prev < 0)
    return;
  st_check_split_gap (prev, g, fl->W, fl->flat, &split);
  for (guint i = 0; i < split.n; i++)
    {
      gint64 s = split.start[i], length = split.length[i];
      StCheckFloat f;

      if (s >= fl->hi || s + length <= fl->lo)
        continue;
      if (fl->long_only && length <= fl->lmax[yarn])
        continue;
      f.row = s / fl->W;
      f.needle = s % fl->W;
      f.yarn = yarn;
      f.length = (guint) length;
      f.severity = length > 2 * (gint64) fl->lmax[yarn] ? ST_SEVERITY_ERROR
                 : length > fl->lmax[yarn] ? ST_SEVERITY_WARNING : ST_SEVERITY_INFO;
      g_array_append_val (fl->out, f);
    }
}

static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  const StCheckFloat *fa = a, *fb = b;

  if (fa->row != fb->row)
    return fa->row < fb->row ? -1 : 1;
  if (fa->needle != fb->needle)
    return fa->needle < fb->needle ? -1 : 1;
  return (int) fa->yarn - (int) fb->yarn;
}

void
st_check_list_floats (const StPattern      *pattern,
                      const StCheckOptions *options,
                      guint                 row0,
                      guint                 row1,
                      gboolean              long_only,
                      GArray               *out)
{
  FloatList fl = { 0 };
  StMarks marks;
  gint64 last[ST_MAX_YARNS];
  guint H = pattern->chart->rows, start = out->len;

  g_return_if_fail (g_array_get_element_size (out) == sizeof (StCheckFloat));
  if (row0 > row1 || row0 >= H)
    return;
  row1 = MIN (row1, H - 1);
  fl.pattern = pattern;
  fl.W = pattern->chart->needles;
  fl.lo = (gint64) row0 * fl.W;
  fl.hi = (gint64) (row1 + 1) * fl.W;
  fl.long_only = long_only;
  fl.flat = st_check_knits_flat (pattern->profile);
  fl.out = out;
  for (guint k = 0; k < pattern->n_yarns; k++)
    {
      fl.lmax[k] = st_check_float_limit (pattern, options, pattern->yarns[k].sticky);
      last[k] = -1;
    }
  for (guint k = pattern->n_yarns; k < ST_MAX_YARNS; k++)
    last[k] = -1;

  /* A float reaching into row0 starts at most one round earlier, and one
   * starting in row1 ends at most one round later. */
  st_marks_init (&marks, pattern);
  st_marks_walk (&marks, row0 > 0 ? row0 - 1 : 0, MIN (row1 + 1, H - 1), last, collect_float, &fl);
  st_marks_clear (&marks);
  g_qsort_with_data (out->data + start * sizeof (StCheckFloat), out->len - start,
                     sizeof (StCheckFloat), (GCompareDataFunc) compare_floats, NULL);
}

/* ---- messages ------------------------------------------------------------ */

/* "yarn B (Cranberry)", or "Yarn B (Cranberry)" to start a sentence. */
static char *
yarn_label (const StCheckResult *r,
            int                  yarn,
            gboolean             capital)
{
  if (yarn < 0 || (guint) yarn >= r->n_yarns)
    /* Translators: a finding's yarn when the check could not name it; the
     * first starts a sentence. */
    return g_strdup (capital ? _("A yarn") : _("a yarn"));
  if (capital)
    /* Translators: a yarn's key and name, starting a sentence, as in
     * "Yarn B (Cranberry) floats 9 stitches ...". */
    return g_strdup_printf (_("Yarn %c (%s)"), r->keys[yarn], r->names[yarn]);
  /* Translators: a yarn's key and name inside a sentence, as in "Cast on
   * in yarn A (Cream)." */
  return g_strdup_printf (_("yarn %c (%s)"), r->keys[yarn], r->names[yarn]);
}

/* "round 12, needle 5" for stitch @g (0-based index in knitting order);
 * "row 12, needle 5" on a flat panel. */
static char *
place (const StCheckResult *r,
       gint64               g)
{
  if (r->flat)
    /* Translators: a place on a flat panel (a flatbed knits rows, not
     * rounds), used inside the check's sentences. */
    return g_strdup_printf (_("row %lld, needle %lld"),
                            (long long) (g / r->needles + 1), (long long) (g % r->needles + 1));
  /* Translators: a place on the machine, used inside the check's sentences. */
  return g_strdup_printf (_("round %lld, needle %lld"),
                          (long long) (g / r->needles + 1), (long long) (g % r->needles + 1));
}

/* The float limit in mm that goes with @limit stitches: the limit in mm
 * when the length decides, else (the machine's cap, or the floor of 2
 * stitches) the length of @limit stitches at this gauge. */
static double
limit_mm_for (const StCheckResult *r,
              guint                limit)
{
  double by_length = floor (r->float_limit_mm / r->stitch_width_mm + 1e-9);

  if (by_length == (double) limit)
    return r->float_limit_mm;
  return limit * r->stitch_width_mm;
}

/* Where the catches of a float of @length stitches starting at @s go, as
 * the proposer places them when no other catch is in the way. */
static char *
catch_points (const StCheckResult *r,
              gint64               s,
              guint                length,
              guint                limit,
              guint               *n_out)
{
  g_autofree guint *offsets = g_new (guint, MAX (length, 1u));
  guint c = st_check_plan_catches (length, limit, offsets);
  GString *out = g_string_new (NULL);
  gint64 row0 = s / r->needles;
  gboolean one_round = c > 0 && (s + offsets[c - 1]) / r->needles == row0;

  /* "needle 7", "needles 4, 8 and 12", or "round 3 needle 47 and round 4
   * needle 2" when the float crosses into the next round. */
  for (guint i = 0; i < c; i++)
    {
      gint64 g = s + offsets[i];

      if (i > 0)
        g_string_append (out, i + 1 == c ? list_last_separator () : list_separator ());
      if (one_round)
        g_string_append_printf (out, "%lld", (long long) (g % r->needles + 1));
      else
        /* Translators: one of the places of a list, as in "round 3 needle
         * 47 and round 4 needle 2". */
        g_string_append_printf (out, _("round %lld needle %lld"),
                                (long long) (g / r->needles + 1), (long long) (g % r->needles + 1));
    }
  *n_out = c;
  if (one_round)
    {
      g_autofree char *numbers = g_string_free (out, FALSE);

      /* Translators: %s is a list of needle numbers, such as "7" or "4, 8
       * and 12". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "needle %s", "needles %s", c), numbers);
    }
  return g_string_free (out, FALSE);
}

/* How to catch a float by hand on a machine of @kind: completes "Fix: catch
 * it at needle 7 (%s; stranded-cli catches adds it)". */
static const char *
catch_how (StMachineKind kind)
{
  switch (kind)
    {
    case ST_MACHINE_HOBBY_CRANK:
      /* Translators: how to catch a float, in "Fix: catch it at needle 7 (%s;
       * stranded-cli catches adds it)". */
      return _("lay the strand into the needle's hook with the working yarn as you crank past");
    case ST_MACHINE_SOCK:
      /* Translators: how to catch a float, in "Fix: catch it at needle 7 (%s;
       * stranded-cli catches adds it)". */
      return _("lay the strand into the needle's hook before it knits");
    case ST_MACHINE_FLATBED:
      /* Translators: how to catch a float, in "Fix: catch it at needle 7 (%s;
       * stranded-cli catches adds it)". */
      return _("hook the float onto the needle with a transfer tool before the next row");
    case ST_MACHINE_VBED:
      /* Translators: how to catch a float, in "Fix: catch it at needle 7 (%s;
       * stranded-cli catches adds it)"; knitout is a file format. */
      return _("the knitout export tucks the yarn there");
    case ST_MACHINE_CUSTOM:
    default:
      /* Translators: how to catch a float, in "Fix: catch it at needle 7 (%s;
       * stranded-cli catches adds it)". */
      return _("twist the strand with the working yarn behind the stitch");
    }
}

static char *
divisor_hint (guint needles,
              guint width)
{
  GString *out = g_string_new (NULL);
  guint found = 0;

  /* Divisors of the round nearest the repeat, at most four. */
  for (guint d = 0; d < needles && found < 4; d++)
    for (int sign = -1; sign <= 1 && found < 4; sign += 2)
      {
        gint64 w = (gint64) width + sign * (gint64) d;

        if (d == 0 && sign == 1)
          continue;
        if (w >= 2 && w <= needles && needles % w == 0)
          {
            g_string_append_printf (out, "%s%lld", found ? list_separator () : "", (long long) w);
            found++;
          }
      }
  return g_string_free (out, FALSE);
}

static char *
describe_float_long (const StCheckResult  *r,
                     const StCheckFinding *f,
                     const char           *Yarn,
                     guint                 limit,
                     char                  key)
{
  gint64 g = (gint64) f->row * r->needles + f->needle;
  gint64 last = g + f->length_stitches - 1;
  g_autofree char *span = NULL;
  g_autofree char *points = NULL;
  guint n_catches;
  /* "it" and "a stitch of" for one catch (or none), "them" for several. */
  gulong n;

  if (last / r->needles == f->row && r->flat)
    /* Translators: where a float lies, within one row of a flat panel. */
    span = g_strdup_printf (_("row %u, needles %u-%lld"), f->row + 1, f->needle + 1,
                            (long long) (last % r->needles + 1));
  else if (last / r->needles == f->row)
    /* Translators: where a float lies, within one round. */
    span = g_strdup_printf (_("round %u, needles %u-%lld"), f->row + 1, f->needle + 1,
                            (long long) (last % r->needles + 1));
  else
    /* Translators: where a float lies, from one round into the next. */
    span = g_strdup_printf (_("round %lld, needle %lld to round %lld, needle %lld"),
                            (long long) (g / r->needles + 1), (long long) (g % r->needles + 1),
                            (long long) (last / r->needles + 1), (long long) (last % r->needles + 1));
  points = catch_points (r, g, f->length_stitches, limit, &n_catches);
  n = MAX (n_catches, 1u);

  if (f->severity == ST_SEVERITY_ERROR)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   /* Translators: yarn, float length, where it lies, the float limit, where
                    * to catch it (as in "needles 4, 8 and 12"), how to catch on this
                    * machine, the yarn's key, where to catch it again. The plural is that
                    * of the catches, which are "it" or "them". */
                   "%s floats %lu stitches (%.1f mm) behind %s; that is more than twice the "
                   "limit of %u stitches (%.1f mm) at this gauge, so it will snag and pull the "
                   "stitches at both ends loose. Fix: catch it at %s (%s; stranded-cli catches "
                   "adds it), or knit a stitch of %c at %s instead.",
                   "%s floats %lu stitches (%.1f mm) behind %s; that is more than twice the "
                   "limit of %u stitches (%.1f mm) at this gauge, so it will snag and pull the "
                   "stitches at both ends loose. Fix: catch it at %s (%s; stranded-cli catches "
                   "adds them), or knit stitches of %c at %s instead.",
                   n),
      Yarn, (unsigned long) f->length_stitches, f->length_mm, span, limit,
      limit_mm_for (r, limit), points, catch_how (r->kind), key, points);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 /* Translators: yarn, float length, where it lies, the float limit, where
                  * to catch it (as in "needles 4, 8 and 12"), how to catch on this machine,
                  * the yarn's key, where to catch it again. The plural is that of the
                  * catches, which are "it" or "them". */
                 "%s floats %lu stitches (%.1f mm) behind %s; the limit is %u stitches "
                 "(%.1f mm) at this gauge. Fix: catch it at %s (%s; stranded-cli catches adds "
                 "it), or knit a stitch of %c at %s instead.",
                 "%s floats %lu stitches (%.1f mm) behind %s; the limit is %u stitches "
                 "(%.1f mm) at this gauge. Fix: catch it at %s (%s; stranded-cli catches adds "
                 "them), or knit stitches of %c at %s instead.",
                 n),
    Yarn, (unsigned long) f->length_stitches, f->length_mm, span, limit,
    limit_mm_for (r, limit), points, catch_how (r->kind), key, points);
}

static char *
describe_idle_yarn (const StCheckResult  *r,
                    const StCheckFinding *f,
                    const char           *Yarn,
                    const char           *where,
                    gboolean              tube)
{
  gint64 g = (gint64) f->row * r->needles + f->needle;
  g_autofree char *back = place (r, g + f->length_stitches);
  g_autofree char *fix = NULL;

  if (tube)
    /* Translators: completes "Fix: %s"; %s is where the yarn is used again,
     * as in "round 7, needle 12". */
    fix = g_strdup_printf (_("carry it up inside the tube, twisting it once with the working "
                             "yarn at the start of each round, or cut it with a 15 cm tail "
                             "and rejoin it at %s."), back);
  else if (r->kind == ST_MACHINE_FLATBED)
    /* Translators: completes "Fix: %s"; %s is where the yarn is used again,
     * as in "round 7, needle 12". */
    fix = g_strdup_printf (_("take it out of the feeder, where it would float across the "
                             "whole width every row, and rejoin it at %s, or cut it."), back);
  else
    /* Translators: completes "Fix: %s"; %s is where the yarn is used again,
     * as in "round 7, needle 12". */
    fix = g_strdup_printf (_("take its carrier out and bring it back in at %s."), back);
  if (r->flat)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   /* Translators: the yarn, the stitches it is idle for, the whole rows of
                    * a flat panel (the plural is theirs), where it starts, and how to fix
                    * it. */
                   "%s is not used for %lu stitches (%u full row) from %s while it stays "
                   "attached. Fix: %s",
                   "%s is not used for %lu stitches (%u full rows) from %s while it stays "
                   "attached. Fix: %s",
                   f->count),
      Yarn, (unsigned long) f->length_stitches, f->count, where, fix);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 /* Translators: the yarn, the stitches it is idle for, the whole rounds
                  * (the plural is theirs), where it starts, and how to fix it. */
                 "%s is not used for %lu stitches (%u full round) from %s while it stays "
                 "attached. Fix: %s",
                 "%s is not used for %lu stitches (%u full rounds) from %s while it stays "
                 "attached. Fix: %s",
                 f->count),
    Yarn, (unsigned long) f->length_stitches, f->count, where, fix);
}

static char *
describe_yarn_join (const StCheckFinding *f,
                    const char           *Yarn,
                    const char           *where,
                    gboolean              tube)
{
  if (f->count == 0 && tube)
    return g_strdup_printf (
      /* Translators: the yarn and where it is joined. */
      _("%s is joined at %s; the first stitches of a joined yarn are where stitches drop. "
        "Fix: leave a 15 cm tail, hold it down for the first few needles and crank slowly "
        "until every needle has caught the new yarn."),
      Yarn, where);
  if (f->count == 0)
    return g_strdup_printf (
      /* Translators: the yarn and where it is joined. */
      _("%s is joined at %s; the first stitches of a joined yarn are where stitches drop. "
        "Fix: leave a 15 cm tail, hold it down for the first few needles and knit slowly "
        "until every needle has caught the new yarn."),
      Yarn, where);
  if (tube)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   /* Translators: the yarn, the rounds it was idle for, and where it is
                    * joined again. */
                   "%s is joined again after %u idle round at %s; the first stitches of a "
                   "joined yarn are where stitches drop. Fix: leave a 15 cm tail, hold it down "
                   "for the first few needles and crank slowly until every needle has caught "
                   "the new yarn.",
                   "%s is joined again after %u idle rounds at %s; the first stitches of a "
                   "joined yarn are where stitches drop. Fix: leave a 15 cm tail, hold it down "
                   "for the first few needles and crank slowly until every needle has caught "
                   "the new yarn.",
                   f->count),
      Yarn, f->count, where);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 /* Translators: the yarn, the rounds it was idle for, and where it is
                  * joined again. */
                 "%s is joined again after %u idle round at %s; the first stitches of a "
                 "joined yarn are where stitches drop. Fix: leave a 15 cm tail, hold it down "
                 "for the first few needles and knit slowly until every needle has caught "
                 "the new yarn.",
                 "%s is joined again after %u idle rounds at %s; the first stitches of a "
                 "joined yarn are where stitches drop. Fix: leave a 15 cm tail, hold it down "
                 "for the first few needles and knit slowly until every needle has caught "
                 "the new yarn.",
                 f->count),
    Yarn, f->count, where);
}

static char *
describe_repeat_seam (const StCheckResult  *r,
                      const StCheckFinding *f)
{
  g_autofree char *divisors = divisor_hint (r->needles, r->repeat_width);

  if (r->repeat_width > r->needles && *divisors)
    return g_strdup_printf (
      /* Translators: the repeat's width, the round's stitches twice, and a
       * list of repeat widths that would fit, as in "6, 8, 4, 3". */
      _("The %u-stitch repeat is wider than the %u-stitch round, so it breaks where each round "
        "starts. Fix: use a repeat that divides %u, such as %s."),
      r->repeat_width, r->needles, r->needles, divisors);
  if (r->repeat_width > r->needles)
    return g_strdup_printf (
      /* Translators: the repeat's width, and the round's stitches twice. */
      _("The %u-stitch repeat is wider than the %u-stitch round, so it breaks where each round "
        "starts. Fix: use a repeat that divides %u."),
      r->repeat_width, r->needles, r->needles);
  if (*divisors)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   /* Translators: the repeat's width, the round's stitches, how many whole
                    * repeats fit, the stitches left over (the plural is theirs), the needle
                    * where the motif breaks, the round's stitches, a list of repeat widths
                    * that would fit (as in "6, 8, 4, 3"), and the stitches left over. */
                   "The %u-stitch repeat does not divide the %u stitches of a round: %u repeats "
                   "leave %u stitch, so the motif breaks where each round starts (needle %u). "
                   "Fix: use a repeat that divides %u, such as %s, or fill the last %u stitch "
                   "with a motif of its own.",
                   "The %u-stitch repeat does not divide the %u stitches of a round: %u repeats "
                   "leave %u stitches, so the motif breaks where each round starts (needle %u). "
                   "Fix: use a repeat that divides %u, such as %s, or fill the last %u stitches "
                   "with a motif of their own.",
                   f->count),
      r->repeat_width, r->needles, r->needles / r->repeat_width, f->count, f->needle + 1,
      r->needles, divisors, f->count);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 /* Translators: the repeat's width, the round's stitches, how many whole
                  * repeats fit, the stitches left over (the plural is theirs), the needle
                  * where the motif breaks, the round's stitches, and the stitches left
                  * over. */
                 "The %u-stitch repeat does not divide the %u stitches of a round: %u repeats "
                 "leave %u stitch, so the motif breaks where each round starts (needle %u). "
                 "Fix: use a repeat that divides %u, or fill the last %u stitch with a motif of "
                 "its own.",
                 "The %u-stitch repeat does not divide the %u stitches of a round: %u repeats "
                 "leave %u stitches, so the motif breaks where each round starts (needle %u). "
                 "Fix: use a repeat that divides %u, or fill the last %u stitches with a motif "
                 "of their own.",
                 f->count),
    r->repeat_width, r->needles, r->needles / r->repeat_width, f->count, f->needle + 1,
    r->needles, f->count);
}

char *
st_check_result_describe (const StCheckResult  *r,
                          const StCheckFinding *f)
{
  g_autofree char *yarn = yarn_label (r, f->yarn, FALSE);
  g_autofree char *Yarn = yarn_label (r, f->yarn, TRUE);
  g_autofree char *where = place (r, (gint64) f->row * r->needles + f->needle);
  guint limit = f->yarn >= 0 && (guint) f->yarn < r->n_yarns ? r->lmax[f->yarn] : r->lmax_plain;
  char key = f->yarn >= 0 && (guint) f->yarn < r->n_yarns ? r->keys[f->yarn] : '?';
  gboolean tube = r->kind == ST_MACHINE_HOBBY_CRANK || r->kind == ST_MACHINE_SOCK ||
                  r->kind == ST_MACHINE_CUSTOM;

  /* In the sentences below "the %s" before "knits" is the machine's name,
   * such as "Sentro 48-needle". */
  switch (f->rule)
    {
    case ST_CHECK_FLOAT_LONG:
      return describe_float_long (r, f, Yarn, limit, key);
    case ST_CHECK_FLOAT_STACK:
      if (r->flat)
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       /* Translators: the yarn, the stitches stacked (the plural is
                        * theirs), and where the upper float starts, on a flat panel. */
                       "Long floats of %s lie over the same needles in consecutive rows: %u "
                       "stitch of the float from %s sits right above the float of the row "
                       "before. Stacked floats pucker the fabric and snag together. Fix: catch "
                       "them at different needles in each row (stranded-cli catches staggers "
                       "its catches), or shift the motif by a stitch in alternate rows.",
                       "Long floats of %s lie over the same needles in consecutive rows: %u "
                       "stitches of the float from %s sit right above the float of the row "
                       "before. Stacked floats pucker the fabric and snag together. Fix: catch "
                       "them at different needles in each row (stranded-cli catches staggers "
                       "its catches), or shift the motif by a stitch in alternate rows.",
                       f->count),
          yarn, f->count, where);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* Translators: the yarn, the stitches stacked (the plural is theirs),
                      * and where the upper float starts. */
                     "Long floats of %s lie over the same needles in consecutive rounds: %u "
                     "stitch of the float from %s sits right above the float of the round "
                     "before. Stacked floats pucker the fabric and snag together. Fix: catch "
                     "them at different needles in each round (stranded-cli catches staggers "
                     "its catches), or shift the motif by a stitch in alternate rounds.",
                     "Long floats of %s lie over the same needles in consecutive rounds: %u "
                     "stitches of the float from %s sit right above the float of the round "
                     "before. Stacked floats pucker the fabric and snag together. Fix: catch "
                     "them at different needles in each round (stranded-cli catches staggers "
                     "its catches), or shift the motif by a stitch in alternate rounds.",
                     f->count),
        yarn, f->count, where);
    case ST_CHECK_IDLE_YARN:
      return describe_idle_yarn (r, f, Yarn, where, tube);
    case ST_CHECK_YARN_JOIN:
      return describe_yarn_join (f, Yarn, where, tube);
    case ST_CHECK_COLORS_PER_ROUND:
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* Translators: the round, its yarns (the plural is theirs), the
                      * machine's name, its most yarns in a round, the first yarn too many
                      * and its needle. */
                     "Round %u uses %u yarn but the %s knits at most %u in a round: %s first "
                     "appears at needle %u. Fix: recolour its stitches with one of the round's "
                     "other yarns, or mark them as duplicate stitch and embroider them "
                     "afterwards.",
                     "Round %u uses %u yarns but the %s knits at most %u in a round: %s first "
                     "appears at needle %u. Fix: recolour its stitches with one of the round's "
                     "other yarns, or mark them as duplicate stitch and embroider them "
                     "afterwards.",
                     f->count),
        f->row + 1, f->count, r->machine_name, r->max_colors, yarn, f->needle + 1);
    case ST_CHECK_MANUAL_CHANGE:
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* Translators: the round, its hand changes (the plural is theirs),
                      * the limit, the stitches of a round, the machine's name, and the
                      * needle of the first change. */
                     "Round %u needs %u hand colour change and catch (more than %u for a "
                     "%u-stitch round) on the %s, which has one yarn feed; the first is at "
                     "needle %u. Each change is laid in by hand and a fumbled one drops a "
                     "stitch. Fix: simplify the round, mark isolated stitches as duplicate "
                     "stitch, or crank slowly and count the changes off.",
                     "Round %u needs %u hand colour changes and catches (more than %u for a "
                     "%u-stitch round) on the %s, which has one yarn feed; the first is at "
                     "needle %u. Each change is laid in by hand and a fumbled one drops a "
                     "stitch. Fix: simplify the round, mark isolated stitches as duplicate "
                     "stitch, or crank slowly and count the changes off.",
                     f->count),
        f->row + 1, f->count, r->manual_limit, r->needles, r->machine_name, f->needle + 1);
    case ST_CHECK_CAST_ON:
      if (f->severity == ST_SEVERITY_INFO && tube)
        return g_strdup_printf (
          /* Translators: %s is the yarn of the first round. */
          _("Cast on in %s. Crank the first 2 rounds slowly, hang the cast-on weights or hook "
            "before round 3 and check that every needle caught the yarn."),
          yarn);
      if (f->severity == ST_SEVERITY_INFO)
        return g_strdup_printf (
          /* Translators: %s is the yarn of the first row. */
          _("Cast on in %s. Knit the first 2 rows slowly with the cast-on comb and weights "
            "hung, and check that every needle caught the yarn."),
          yarn);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* Translators: the yarns of the first rounds (the plural is theirs), the
                      * second yarn and where it appears. */
                     "The first rounds already use %u yarn (%s at %s): colour changes before "
                     "the fabric has weight on it drop stitches. Fix: start with at least 2 "
                     "plain rounds in one yarn.",
                     "The first rounds already use %u yarns (%s at %s): colour changes before "
                     "the fabric has weight on it drop stitches. Fix: start with at least 2 "
                     "plain rounds in one yarn.",
                     f->count),
        f->count, yarn, where);
    case ST_CHECK_CAST_OFF:
      if (f->severity == ST_SEVERITY_INFO)
        return g_strdup_printf (
          /* Translators: the number of the last round and its yarn. */
          _("The last round (%u) is knit in %s. Finish with 2 or 3 rounds of waste yarn, or "
            "gather the last round's loops onto a tapestry needle before taking the work off."),
          f->row + 1, yarn);
      return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* Translators: the number of the last round, its yarns (the plural is
                      * theirs), the second yarn and its needle. */
                     "The last round (%u) uses %u yarn (%s at needle %u): loops of two yarns "
                     "taken off together run and ladder. Fix: end with a plain round in one "
                     "yarn.",
                     "The last round (%u) uses %u yarns (%s at needle %u): loops of two yarns "
                     "taken off together run and ladder. Fix: end with a plain round in one "
                     "yarn.",
                     f->count),
        f->row + 1, f->count, yarn, f->needle + 1);
    case ST_CHECK_YARN_WEIGHT:
      return g_strdup_printf (
        /* Translators: the yarn, its weight class's name and number, the
         * machine's name, the names of its lightest and heaviest classes, their
         * numbers, where the yarn first appears, and the class to choose. The
         * names are those of st_yarn_weight_name(), such as "medium". */
        _("%s is %s (weight %u) but the %s knits %s to %s yarn (weights %u to %u); it first "
          "appears at %s. Its needles cannot form even stitches with it and drop them. Fix: "
          "choose a %s yarn."),
        Yarn, st_yarn_weight_name (f->count), f->count,
        r->machine_name, st_yarn_weight_name (r->weight_min), st_yarn_weight_name (r->weight_max),
        r->weight_min, r->weight_max, where,
        r->weight_min == r->weight_max ? st_yarn_weight_name (r->weight_min)
        : f->count > r->weight_max ? st_yarn_weight_name (r->weight_max)
                                   : st_yarn_weight_name (r->weight_min));
    case ST_CHECK_REPEAT_SEAM:
      return describe_repeat_seam (r, f);
    case ST_CHECK_CATCH_STACK:
      if (f->severity == ST_SEVERITY_ERROR)
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       /* Translators: the needle, the round, the loops on the needle (the
                        * plural is theirs), the caught floats among them, and the most a
                        * hook holds. */
                       "Needle %u of round %u holds %u loop (its stitch and %u caught floats); "
                       "a hook holds at most %d and drops the rest. Fix: move some of these "
                       "catches to other needles.",
                       "Needle %u of round %u holds %u loops (its stitch and %u caught floats); "
                       "a hook holds at most %d and drops the rest. Fix: move some of these "
                       "catches to other needles.",
                       f->count),
          f->needle + 1, f->row + 1, f->count, f->count - 1, ST_CHECK_MAX_LOOPS);
      return g_strdup_printf (
        /* Translators: two neighbouring needles and their round. */
        _("Catches on neighbouring needles %u and %u of round %u: caught floats side by side "
          "pull the stitches together and do not knit off cleanly. Fix: move one catch at "
          "least one needle further."),
        f->needle + 1, (f->needle + 1) % r->needles + 1, f->row + 1);
    case ST_CHECK_N_RULES:
    default:
      return g_strdup (_("Unknown finding."));
    }
}
