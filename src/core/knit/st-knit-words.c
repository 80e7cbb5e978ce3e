/* SPDX-License-Identifier: GPL-3.0-or-later
 * What the knitter reads in knit-along: the round in words, what to do at
 * the needle, the next round, marks, warnings and milestones. English, like
 * the written instructions the exports share.
 */
#include "st-knit-private.h"

#include <math.h>
#include <string.h>

/* Helpers */

char *
st_knit_yarn_label (const StPattern *pattern,
                    guint            yarn)
{
  if (yarn >= pattern->n_yarns)
    return g_strdup ("a yarn");
  return g_strdup_printf ("%s (%c)", pattern->yarns[yarn].name, pattern->yarns[yarn].key);
}

char *
st_knit_needle_list (const guint *needles,
                     guint        n)
{
  GString *out = g_string_new (n == 1 ? "needle " : "needles ");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == n ? " and " : ", ");
      g_string_append_printf (out, "%u", needles[i] + 1);
    }
  return g_string_free (out, FALSE);
}

char *
st_knit_needle_span (guint first,
                     guint count,
                     guint needles)
{
  guint last = (first + count - 1) % needles;

  if (count <= 1)
    return g_strdup_printf ("needle %u", first + 1);
  if (count >= needles)
    return g_strdup ("every needle");
  if (last < first)
    return g_strdup_printf ("needles %u-%u and 1-%u", first + 1, needles, last + 1);
  return g_strdup_printf ("needles %u-%u", first + 1, last + 1);
}

void
st_knit_expand_runs (const StRoundInstructions *round,
                     guint8                    *knit)
{
  for (guint i = 0; i < round->n_runs; i++)
    memset (knit + round->runs[i].first_needle, round->runs[i].yarn, round->runs[i].count);
}

guint32
st_knit_round_yarns (const StRoundInstructions *round)
{
  guint32 bits = 0;

  for (guint i = 0; i < round->n_runs; i++)
    if (round->runs[i].yarn < 32)
      bits |= 1u << round->runs[i].yarn;
  return bits;
}

static guint
count_bits (guint32 bits)
{
  guint n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;
  return n;
}

/* "Cream (A) and Cranberry (B)" for the yarns in @bits. */
static char *
yarn_list (const StPattern *pattern,
           guint32          bits)
{
  GString *out = g_string_new (NULL);
  guint total = count_bits (bits), seen = 0;

  for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
    {
      g_autofree char *label = NULL;

      if (!(bits & (1u << y)))
        continue;
      label = st_knit_yarn_label (pattern, y);
      if (seen > 0)
        g_string_append (out, seen + 1 == total ? " and " : ", ");
      g_string_append (out, label);
      seen++;
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_tube (const StPattern *pattern)
{
  return pattern->profile == NULL || pattern->profile->circular;
}

static guint
first_needle_of (const StRoundInstructions *round,
                 guint                      yarn)
{
  for (guint i = 0; i < round->n_runs; i++)
    if (round->runs[i].yarn == yarn)
      return round->runs[i].first_needle;
  return 0;
}

/* The round in words */

/* The shortest period of @knit that divides @needles. */
static guint
round_period (const guint8 *knit,
              guint         needles)
{
  for (guint p = 1; p < needles; p++)
    {
      gboolean repeats = TRUE;

      if (needles % p != 0)
        continue;
      for (guint n = p; n < needles && repeats; n++)
        repeats = knit[n] == knit[n - p];
      if (repeats)
        return p;
    }
  return needles;
}

char *
st_knit_describe_runs (const StPattern           *pattern,
                       const StRoundInstructions *round)
{
  guint needles = st_pattern_needles (pattern);
  g_autofree guint8 *knit = g_new (guint8, needles);
  GString *out;
  guint period;

  st_knit_expand_runs (round, knit);
  period = round_period (knit, needles);
  if (period == 1)
    return g_strdup_printf ("All %u needles %s", needles, pattern->yarns[knit[0]].name);
  if (period == needles)
    {
      g_autofree char *list = st_round_instructions_describe (pattern, round);

      /* "Needles 1-3 Cream, ..." at the start of a line. */
      list[0] = g_ascii_toupper (list[0]);
      return g_steal_pointer (&list);
    }
  out = g_string_new (NULL);
  g_string_append_printf (out, "Repeat %u times: ", needles / period);
  for (guint n = 0; n < period;)
    {
      guint end = n;

      while (end < period && knit[end] == knit[n])
        end++;
      if (n > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%u %s", end - n, pattern->yarns[knit[n]].name);
      n = end;
    }
  g_string_append_printf (out, " (%u needles)", period);
  return g_string_free (out, FALSE);
}

char *
st_knit_session_describe_position (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);

  return g_strdup_printf ("Round %u of %u", st_knit_session_get_row (session) + 1, st_pattern_rows (pattern));
}

char *
st_knit_session_describe_round (StKnitSession *session)
{
  return st_knit_describe_runs (st_knit_session_get_pattern (session),
                                st_knit_session_get_instructions (session));
}

char *
st_knit_session_describe_now (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);
  const StRoundInstructions *round = st_knit_session_get_instructions (session);
  guint needle = st_knit_session_get_needle (session);
  guint needles = st_pattern_needles (pattern);
  g_autofree guint8 *knit = g_new (guint8, needles);
  g_autofree char *yarn = NULL;
  GString *out = g_string_new (NULL);
  const StYarnChange *next_change = NULL;
  gboolean change_here = FALSE;

  st_knit_expand_runs (round, knit);
  yarn = st_knit_yarn_label (pattern, knit[needle]);
  for (guint i = 0; i < round->n_changes; i++)
    {
      if (round->changes[i].needle == needle)
        change_here = TRUE;
      else if (round->changes[i].needle > needle && next_change == NULL)
        next_change = &round->changes[i];
    }
  if (change_here)
    g_string_append_printf (out, "Needle %u: change to %s now.", needle + 1, yarn);
  else
    g_string_append_printf (out, "Needle %u: knit %s.", needle + 1, yarn);

  for (guint i = 0; i < round->n_catches; i++)
    if (round->catches[i].needle == needle)
      {
        g_autofree char *caught = st_knit_yarn_label (pattern, round->catches[i].yarn);

        g_string_append_printf (out, " Catch %s here: lay its strand into the hook.", caught);
      }
  for (guint i = 0; i < round->n_duplicates; i++)
    if (round->duplicates[i].needle == needle)
      {
        g_autofree char *embroider = st_knit_yarn_label (pattern, round->duplicates[i].yarn);

        g_string_append_printf (out, " Duplicate stitch: embroider %s over it afterwards.", embroider);
      }

  if (next_change != NULL)
    {
      g_autofree char *to = st_knit_yarn_label (pattern, next_change->to_yarn);

      g_string_append_printf (out, " Next change: needle %u, to %s.", next_change->needle + 1, to);
    }
  else if (round->n_changes > 0)
    g_string_append (out, " No more changes in this round.");
  else
    {
      guint end = needle;

      /* The yarn carries on: say how far. */
      while (end + 1 < needles && knit[end + 1] == knit[needle])
        end++;
      if (end + 1 == needles && end > needle)
        g_string_append_printf (out, " %s to the end of the round.", yarn);
    }
  return g_string_free (out, FALSE);
}

char *
st_knit_session_describe_next_round (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);
  const StRoundInstructions *round = st_knit_session_get_instructions (session);
  const StRoundInstructions *next = st_knit_session_get_next_instructions (session);
  guint needles = st_pattern_needles (pattern);
  g_autofree guint8 *knit = NULL;
  g_autofree guint8 *knit_next = NULL;
  guint32 yarns, next_yarns, joining, resting;
  GString *out;

  if (next == NULL)
    return g_strdup ("This is the last round: cast off after it.");

  knit = g_new (guint8, needles);
  knit_next = g_new (guint8, needles);
  st_knit_expand_runs (round, knit);
  st_knit_expand_runs (next, knit_next);
  out = g_string_new (NULL);
  g_string_append_printf (out, "Round %u: ", next->row + 1);
  if (memcmp (knit, knit_next, needles) == 0)
    g_string_append (out, "the same as this round.");
  else
    {
      g_autofree char *words = st_knit_describe_runs (pattern, next);

      g_string_append_printf (out, "%s.", words);
    }

  yarns = st_knit_round_yarns (round);
  next_yarns = st_knit_round_yarns (next);
  joining = next_yarns & ~yarns;
  resting = yarns & ~next_yarns;
  for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
    if (joining & (1u << y))
      {
        g_autofree char *label = st_knit_yarn_label (pattern, y);

        g_string_append_printf (out, " %s comes in at needle %u.", label, first_needle_of (next, y) + 1);
      }
  if (resting != 0)
    {
      g_autofree char *list = yarn_list (pattern, resting);

      g_string_append_printf (out, " %s %s not used.", list, count_bits (resting) == 1 ? "is" : "are");
    }
  if (next->n_changes > 0)
    g_string_append_printf (out, " %u colour change%s by hand.", next->n_changes,
                            next->n_changes == 1 ? "" : "s");
  if (next->n_catches > 0)
    g_string_append_printf (out, " %u catch%s.", next->n_catches, next->n_catches == 1 ? "" : "es");
  if (next->n_duplicates > 0)
    g_string_append_printf (out, " %u duplicate stitch%s.", next->n_duplicates,
                            next->n_duplicates == 1 ? "" : "es");
  if (next->row + 1 == st_pattern_rows (pattern))
    g_string_append (out, " It is the cast-off round.");
  return g_string_free (out, FALSE);
}

/* "Cranberry (B) at needles 7 and 13; Cream (A) at needle 4" for entries
 * whose yarn and needle @get reads. */
typedef void (*MarkFunc) (const StRoundInstructions *round,
                          guint                      i,
                          guint                     *yarn,
                          guint                     *needle);

static void
catch_mark (const StRoundInstructions *round,
            guint                      i,
            guint                     *yarn,
            guint                     *needle)
{
  *yarn = round->catches[i].yarn;
  *needle = round->catches[i].needle;
}

static void
duplicate_mark (const StRoundInstructions *round,
                guint                      i,
                guint                     *yarn,
                guint                     *needle)
{
  *yarn = round->duplicates[i].yarn;
  *needle = round->duplicates[i].needle;
}

static char *
marks_by_yarn (const StPattern           *pattern,
               const StRoundInstructions *round,
               guint                      n,
               MarkFunc                   get)
{
  GString *out = g_string_new (NULL);
  g_autofree guint *needles = g_new (guint, MAX (n, 1u));
  guint32 done = 0;

  for (guint i = 0; i < n; i++)
    {
      guint yarn, needle, count = 0;
      g_autofree char *label = NULL;
      g_autofree char *list = NULL;

      get (round, i, &yarn, &needle);
      if (yarn < 32 && (done & (1u << yarn)))
        continue;
      if (yarn < 32)
        done |= 1u << yarn;
      for (guint j = i; j < n; j++)
        {
          guint y, nd;

          get (round, j, &y, &nd);
          if (y == yarn)
            needles[count++] = nd;
        }
      label = st_knit_yarn_label (pattern, yarn);
      list = st_knit_needle_list (needles, count);
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s at %s", label, list);
    }
  return g_string_free (out, FALSE);
}

char *
st_knit_session_describe_catches (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);
  const StRoundInstructions *round = st_knit_session_get_instructions (session);
  g_autofree char *marks = NULL;

  if (round->n_catches == 0)
    return NULL;
  marks = marks_by_yarn (pattern, round, round->n_catches, catch_mark);
  return g_strdup_printf ("Catch %s.", marks);
}

char *
st_knit_session_describe_duplicates (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);
  const StRoundInstructions *round = st_knit_session_get_instructions (session);
  g_autofree char *marks = NULL;
  g_autofree char *main_yarn = NULL;

  if (round->n_duplicates == 0)
    return NULL;
  marks = marks_by_yarn (pattern, round, round->n_duplicates, duplicate_mark);
  main_yarn = st_knit_yarn_label (pattern, round->main_yarn);
  return g_strdup_printf ("Duplicate stitch %s: knit %s in %s, embroider afterwards.",
                          marks, round->n_duplicates == 1 ? "it" : "them", main_yarn);
}

/* Warnings for the knitter */

/* The first proposal in round @row or later (proposals are sorted). */
static guint
proposals_lower (const GArray *proposals,
                 guint         row)
{
  guint lo = 0, hi = proposals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (proposals, StCatch, mid).row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Where to catch the float of @yarn over stitches @start.. (@length, spiral
 * indices): the proposer's catches, or without proposals (too big a
 * pattern to propose for at every step) its middle stitch, and then
 * *@near is TRUE. Appends needles in the float's first round to @here and
 * the others to @next. */
static void
float_catch_points (const StPattern *pattern,
                    const GArray    *proposals,
                    guint8           yarn,
                    guint64          start,
                    guint64          length,
                    GArray          *here,
                    GArray          *next,
                    gboolean        *near)
{
  guint needles = st_pattern_needles (pattern);
  guint64 row0 = start / needles;

  if (proposals == NULL)
    {
      guint64 g = start + (length - 1) / 2;
      guint needle = (guint) (g % needles);

      g_array_append_val (g / needles == row0 ? here : next, needle);
      *near = TRUE;
      return;
    }
  for (guint i = proposals_lower (proposals, (guint) row0); i < proposals->len; i++)
    {
      const StCatch *c = &g_array_index (proposals, StCatch, i);
      guint64 g = (guint64) c->row * needles + c->needle;
      guint needle = c->needle;

      if (g >= start + length)
        break;
      if (c->yarn != yarn || g < start)
        continue;
      g_array_append_val (c->row == row0 ? here : next, needle);
    }
}

/* "at needles 7 and 13", "near needle 7", "at needle 48, and needle 1 of
 * the next round"; NULL when there is nothing to say. */
static char *
catch_points_text (const GArray *here,
                   const GArray *next,
                   gboolean      near)
{
  GString *out;

  if (here->len + next->len == 0)
    return NULL;
  out = g_string_new (near ? "near " : "at ");
  if (here->len > 0)
    {
      g_autofree char *list = st_knit_needle_list ((const guint *) here->data, here->len);

      g_string_append (out, list);
    }
  if (next->len > 0)
    {
      g_autofree char *list = st_knit_needle_list ((const guint *) next->data, next->len);

      g_string_append_printf (out, "%s%s of the next round", here->len > 0 ? ", and " : "", list);
    }
  return g_string_free (out, FALSE);
}

char *
st_knit_describe_finding (const StPattern      *pattern,
                          const StCheckResult  *result,
                          const StCheckFinding *f,
                          const GArray         *proposals)
{
  guint needles = st_pattern_needles (pattern);
  g_autofree char *yarn = f->yarn >= 0 ? st_knit_yarn_label (pattern, (guint) f->yarn) : g_strdup ("A yarn");
  gboolean tube = is_tube (pattern);

  switch (f->rule)
    {
    case ST_CHECK_YARN_JOIN:
      {
        g_autofree char *watch = st_knit_needle_span (f->needle, MIN (3u, needles), needles);

        if (f->count > 0)
          return g_strdup_printf ("%s rejoins here at needle %u after %u idle round%s: hold the tail, "
                                  "%s slowly, watch %s.", yarn, f->needle + 1, f->count,
                                  f->count == 1 ? "" : "s", tube ? "crank" : "knit", watch);
        return g_strdup_printf ("%s joins here at needle %u: hold the tail, %s slowly, watch %s.",
                                yarn, f->needle + 1, tube ? "crank" : "knit", watch);
      }
    case ST_CHECK_IDLE_YARN:
      {
        const char *what;

        if (tube)
          what = "carry it up inside the tube, twisting it with the working yarn each round, or cut it "
                 "and rejoin it later";
        else if (pattern->profile != NULL && pattern->profile->kind == ST_MACHINE_FLATBED)
          what = "take it out of the feeder, or cut it";
        else
          what = "take its carrier out";
        return g_strdup_printf ("%s rests for %u round%s from needle %u: %s.", yarn, f->count,
                                f->count == 1 ? "" : "s", f->needle + 1, what);
      }
    case ST_CHECK_FLOAT_LONG:
      {
        g_autofree char *span = st_knit_needle_span (f->needle, (guint) MIN (f->length_stitches, (guint64) needles),
                                                     needles);
        g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autofree char *points = NULL;
        gboolean near = FALSE;
        gboolean crosses = f->needle + f->length_stitches > needles;

        float_catch_points (pattern, proposals, (guint8) f->yarn, (guint64) f->row * needles + f->needle,
                            f->length_stitches, here, next, &near);
        points = catch_points_text (here, next, near);
        if (crosses)
          {
            g_free (span);
            span = g_strdup_printf ("needle %u to needle %u of the next round", f->needle + 1,
                                    (guint) ((f->needle + f->length_stitches - 1) % needles) + 1);
          }
        if (points != NULL)
          return g_strdup_printf ("%s floats %" G_GUINT64_FORMAT " stitches behind %s%s: catch it %s.",
                                  yarn, f->length_stitches, span,
                                  f->severity == ST_SEVERITY_ERROR ? ", far too long" : "", points);
        return g_strdup_printf ("%s floats %" G_GUINT64_FORMAT " stitches behind %s%s: keep the strand loose.",
                                yarn, f->length_stitches, span,
                                f->severity == ST_SEVERITY_ERROR ? ", far too long" : "");
      }
    case ST_CHECK_FLOAT_STACK:
      return g_strdup_printf ("%s floats over last round's float from needle %u: catch at other needles "
                              "than last round.", yarn, f->needle + 1);
    case ST_CHECK_COLORS_PER_ROUND:
      return g_strdup_printf ("This round has %u yarns, more than the machine knits in a round: %s "
                              "from needle %u needs duplicate stitch or another colour.",
                              f->count, yarn, f->needle + 1);
    case ST_CHECK_MANUAL_CHANGE:
      return g_strdup_printf ("%u colour changes and catches by hand in this round: go slowly and check "
                              "each needle took the right yarn.", f->count);
    case ST_CHECK_CAST_ON:
      if (f->severity == ST_SEVERITY_INFO)
        return NULL;
      return g_strdup_printf ("The cast-on rounds already change colour (%s at needle %u): crank "
                              "gently until the weights hang.", yarn, f->needle + 1);
    case ST_CHECK_CAST_OFF:
      if (f->severity == ST_SEVERITY_INFO)
        return NULL;
      return g_strdup_printf ("The last round has %u yarns (%s at needle %u): take them off carefully, "
                              "they ladder.", f->count, yarn, f->needle + 1);
    case ST_CHECK_YARN_WEIGHT:
      return g_strdup_printf ("%s is %s, outside what the machine knits well: watch every needle for "
                              "dropped stitches.", yarn, st_yarn_weight_name (f->count));
    case ST_CHECK_REPEAT_SEAM:
      return g_strdup_printf ("The motif repeat breaks at needle %u, where each round starts.", f->needle + 1);
    case ST_CHECK_CATCH_STACK:
      if (f->severity == ST_SEVERITY_ERROR)
        return g_strdup_printf ("Needle %u holds %u loops: crank slowly and check it knits them all off.",
                                f->needle + 1, f->count);
      return g_strdup_printf ("Catches side by side at needles %u and %u: check both knit off.",
                              f->needle + 1, (f->needle + 1) % needles + 1);
    case ST_CHECK_N_RULES:
    default:
      {
        g_autofree char *full = st_check_result_describe (result, f);

        return g_steal_pointer (&full);
      }
    }
}

char *
st_knit_describe_floats (const StPattern *pattern,
                         const GArray    *floats,
                         const GArray    *proposals)
{
  guint needles = st_pattern_needles (pattern);
  const StCheckFinding *first = &g_array_index (floats, StCheckFinding, 0);
  g_autofree char *yarn = st_knit_yarn_label (pattern, (guint) first->yarn);
  g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 shortest = G_MAXUINT64, longest = 0;
  g_autofree char *lengths = NULL;
  g_autofree char *points = NULL;
  gboolean near = FALSE;

  for (guint i = 0; i < floats->len; i++)
    {
      const StCheckFinding *f = &g_array_index (floats, StCheckFinding, i);

      shortest = MIN (shortest, f->length_stitches);
      longest = MAX (longest, f->length_stitches);
      float_catch_points (pattern, proposals, (guint8) f->yarn, (guint64) f->row * needles + f->needle,
                          f->length_stitches, here, next, &near);
    }
  lengths = shortest == longest
    ? g_strdup_printf ("%" G_GUINT64_FORMAT " stitches", longest)
    : g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " stitches", shortest, longest);
  points = catch_points_text (here, next, near);
  if (points == NULL)
    return g_strdup_printf ("%s floats too far in %u places (%s): keep the strands loose.", yarn, floats->len,
                            lengths);
  return g_strdup_printf ("%s floats too far in %u places (%s): catch it %s.", yarn, floats->len, lengths,
                          points);
}

/* Milestones */

static void
clear_milestone (gpointer data)
{
  StKnitMilestone *m = data;

  g_free (m->title);
  g_free (m->detail);
}

char **
st_knit_cast_off_steps (const StPattern *pattern)
{
  GPtrArray *steps = g_ptr_array_new ();
  guint needles = st_pattern_needles (pattern);

  if (is_tube (pattern))
    {
      /* Three times round the tube gathers it and leaves an end to sew in. */
      double tube_cm = needles * st_pattern_stitch_width_mm (pattern) / 10.0;
      guint end_cm = (guint) (ceil (3.0 * tube_cm / 10.0) * 10.0);

      g_ptr_array_add (steps, g_strdup_printf ("Cut the yarn, leaving a long end: about %u cm, three "
                                               "times round the tube.", end_cm));
      g_ptr_array_add (steps, g_strdup ("Crank one slow turn so the end runs through every needle "
                                        "and the last loops sit loose in the hooks."));
      g_ptr_array_add (steps, g_strdup ("Thread the end through the loops one at a time with a yarn "
                                        "needle, lifting each loop off its needle."));
      g_ptr_array_add (steps, g_strdup ("Pull the end to gather the top, or leave the loops open to "
                                        "bind off, and fasten it inside."));
    }
  else
    {
      g_ptr_array_add (steps, g_strdup ("Knit 2 or 3 rows of waste yarn and take the piece off the machine."));
      g_ptr_array_add (steps, g_strdup ("Cut the yarn, leaving an end three times the width of the piece."));
      g_ptr_array_add (steps, g_strdup ("Bind off the live loops of the last row one at a time, then "
                                        "unravel the waste yarn."));
    }
  g_ptr_array_add (steps, NULL);
  return (char **) g_ptr_array_free (steps, FALSE);
}

static void
add_milestone (GArray              *milestones,
               StKnitMilestoneKind  kind,
               guint                first_row,
               guint                last_row,
               char                *title,
               char                *detail)
{
  StKnitMilestone m = { kind, first_row, last_row, title, detail };

  g_array_append_val (milestones, m);
}

static char *
rounds_label (guint first_row,
              guint last_row)
{
  if (first_row == last_row)
    return g_strdup_printf ("Round %u", first_row + 1);
  return g_strdup_printf ("Rounds %u-%u", first_row + 1, last_row + 1);
}

guint32
st_knit_row_yarns (const StPattern *pattern,
                   guint            row)
{
  const GArray *dups = pattern->duplicate_stitches;
  const guint8 *cells = st_chart_row (pattern->chart, row);
  guint needles = st_pattern_needles (pattern);
  guint counts[ST_MAX_YARNS] = { 0 };
  guint lo = 0, hi = dups->len, main_yarn = 0;
  guint32 bits = 0;

  for (guint n = 0; n < needles; n++)
    if (cells[n] < ST_MAX_YARNS)
      counts[cells[n]]++;
  /* The main yarn as st_check_round_main_yarn() defines it: most used on
   * the chart as drawn, ties to the lower index. */
  for (guint y = 1; y < ST_MAX_YARNS; y++)
    if (counts[y] > counts[main_yarn])
      main_yarn = y;
  /* Duplicate stitches are knit in the main yarn. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (dups, StStitchRef, mid).row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < dups->len && g_array_index (dups, StStitchRef, i).row == row; i++)
    {
      guint needle = g_array_index (dups, StStitchRef, i).needle;

      if (needle < needles && cells[needle] < ST_MAX_YARNS && counts[cells[needle]] > 0)
        {
          counts[cells[needle]]--;
          counts[main_yarn]++;
        }
    }
  for (guint y = 0; y < MIN (32u, (guint) ST_MAX_YARNS); y++)
    if (counts[y] > 0)
      bits |= 1u << y;
  return bits;
}

GArray *
st_knit_milestones_new (const StPattern *pattern,
                        const guint32   *yarns)
{
  GArray *milestones = g_array_new (FALSE, FALSE, sizeof (StKnitMilestone));
  guint rows = st_pattern_rows (pattern);
  gboolean tube = is_tube (pattern);
  g_autofree char *cast_on_yarns = NULL;
  g_auto(GStrv) steps = NULL;
  g_autoptr(GString) detail = NULL;

  g_array_set_clear_func (milestones, clear_milestone);

  cast_on_yarns = yarn_list (pattern, yarns[0]);
  add_milestone (milestones, ST_KNIT_MILESTONE_CAST_ON, 0, MIN (1u, rows - 1),
                 g_strdup_printf ("%s: cast on", rows > 1 ? "Rounds 1-2" : "Round 1"),
                 g_strdup_printf ("Cast on in %s. %s", cast_on_yarns,
                                  tube ? "Crank slowly, check every needle caught the yarn, and hang "
                                         "the weights as soon as the tube is long enough."
                                       : "Knit slowly with the cast-on comb and weights hung, and check "
                                         "every needle caught the yarn."));

  for (guint r = 1; r < rows; r++)
    {
      g_autoptr(StRoundInstructions) round = NULL;
      g_autofree char *label = NULL;
      g_autofree char *list = NULL;
      char *title;
      guint last = r;
      guint32 joining, resting;

      if (yarns[r] == yarns[r - 1])
        continue;
      while (last + 1 < rows && yarns[last + 1] == yarns[r])
        last++;
      round = st_round_instructions_new (pattern, r);
      label = rounds_label (r, last);
      list = yarn_list (pattern, yarns[r]);
      joining = yarns[r] & ~yarns[r - 1];
      resting = yarns[r - 1] & ~yarns[r];
      if (count_bits (yarns[r]) > 1)
        title = g_strdup_printf ("%s: colourwork in %s", label, list);
      else if (joining != 0)
        title = g_strdup_printf ("%s: change to %s", label, list);
      else
        title = g_strdup_printf ("%s: %s only", label, list);

      detail = g_string_new (NULL);
      for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
        if (joining & (1u << y))
          {
            g_autofree char *name = st_knit_yarn_label (pattern, y);

            g_string_append_printf (detail, "%s%s comes in at needle %u.", detail->len ? " " : "", name,
                                    first_needle_of (round, y) + 1);
          }
      if (resting != 0)
        {
          g_autofree char *rest = yarn_list (pattern, resting);

          g_string_append_printf (detail, "%s%s %s not used from here.", detail->len ? " " : "", rest,
                                  count_bits (resting) == 1 ? "is" : "are");
        }
      if (round->n_changes > 0)
        g_string_append_printf (detail, "%s%u colour change%s by hand in round %u.", detail->len ? " " : "",
                                round->n_changes, round->n_changes == 1 ? "" : "s", r + 1);
      add_milestone (milestones, ST_KNIT_MILESTONE_COLOR_CHANGE, r, last, title,
                     g_string_free (g_steal_pointer (&detail), FALSE));
    }

  steps = st_knit_cast_off_steps (pattern);
  detail = g_string_new ("Knit the last round, then:");
  for (guint i = 0; steps[i] != NULL; i++)
    g_string_append_printf (detail, "\n%u. %s", i + 1, steps[i]);
  add_milestone (milestones, ST_KNIT_MILESTONE_CAST_OFF, rows - 1, rows - 1,
                 g_strdup_printf ("Round %u: cast off", rows),
                 g_string_free (g_steal_pointer (&detail), FALSE));
  return milestones;
}
