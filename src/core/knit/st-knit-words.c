/* SPDX-License-Identifier: GPL-3.0-or-later
 * What the knitter reads in knit-along: the round in words, what to do at
 * the needle, the next round, marks, warnings and milestones. In the user's
 * language, like the written instructions the exports share.
 */
#include "config.h"

#include "st-knit-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Helpers */

char *
st_knit_yarn_label (const StPattern *pattern,
                    guint            yarn)
{
  if (yarn >= pattern->n_yarns)
    return g_strdup (_("a yarn"));
  return g_strdup_printf ("%s (%c)", pattern->yarns[yarn].name, pattern->yarns[yarn].key);
}

char *
st_knit_join_list (const char *const *items,
                   guint              n)
{
  char *out = g_strdup (n > 0 ? items[0] : "");

  for (guint i = 1; i < n; i++)
    {
      char *longer;

      if (i + 1 == n)
        /* Translators: joins the last item to a list, "4, 9 and 12",
         * "Cream (A) and Cranberry (B)". */
        longer = g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "list", "%s and %s"), out, items[i]);
      else
        /* Translators: joins the items of a list but the last, "4, 9 and
         * 12". */
        longer = g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "list", "%s, %s"), out, items[i]);
      g_free (out);
      out = longer;
    }
  return out;
}

char *
st_knit_needle_list (const guint *needles,
                     guint        n)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (numbers, g_strdup_printf ("%u", needles[i] + 1));
  list = st_knit_join_list ((const char *const *) numbers->pdata, n);
  /* Translators: %s is one needle number or a list of them, "4, 9 and 12". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "needle %s", "needles %s", n), list);
}

char *
st_knit_needle_span (guint first,
                     guint count,
                     guint needles)
{
  guint last = (first + count - 1) % needles;

  if (count <= 1)
    return g_strdup_printf (_("needle %u"), first + 1);
  if (count >= needles)
    return g_strdup (_("every needle"));
  if (last < first)
    /* Translators: needles that wrap past the last needle of the round,
     * "needles 46-48 and 1-2". */
    return g_strdup_printf (_("needles %u-%u and 1-%u"), first + 1, needles, last + 1);
  return g_strdup_printf (_("needles %u-%u"), first + 1, last + 1);
}

void
st_knit_append_sentence (GString    *out,
                         const char *sentence)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, sentence);
}

char *
st_knit_capitalize (const char *text)
{
  char first[6];
  int length;

  if (*text == '\0')
    return g_strdup (text);
  length = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strdup_printf ("%.*s%s", length, first, g_utf8_next_char (text));
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

char *
st_knit_yarn_list (const StPattern *pattern,
                   guint32          bits)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
    if (bits & (1u << y))
      g_ptr_array_add (labels, st_knit_yarn_label (pattern, y));
  return st_knit_join_list ((const char *const *) labels->pdata, labels->len);
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
  g_autoptr(GString) out = NULL;
  g_autofree char *repeat = NULL;
  guint period;

  st_knit_expand_runs (round, knit);
  period = round_period (knit, needles);
  if (period == 1)
    /* Translators: a round knit in one yarn, "All 48 needles Cream". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u needle %s", "All %u needles %s", needles),
                            needles, pattern->yarns[knit[0]].name);
  if (period == needles)
    {
      g_autofree char *list = st_round_instructions_describe (pattern, round);

      /* "Needles 1-3 Cream, ..." at the start of a line. */
      return st_knit_capitalize (list);
    }
  out = g_string_new (NULL);
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
  repeat = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needle", "%u needles", period), period);
  /* Translators: a round made of a repeat, "Repeat 8 times: 3 Cream,
   * 1 Cranberry, 2 Cream (6 needles)". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Repeat %u time: %s (%s)", "Repeat %u times: %s (%s)",
                                       needles / period),
                          needles / period, out->str, repeat);
}

char *
st_knit_session_describe_position (StKnitSession *session)
{
  StPattern *pattern = st_knit_session_get_pattern (session);

  return g_strdup_printf (_("Round %u of %u"), st_knit_session_get_row (session) + 1, st_pattern_rows (pattern));
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
    /* Translators: what to do at the needle due now; %s is a yarn,
     * "Cranberry (B)". */
    g_string_append_printf (out, _("Needle %u: change to %s now."), needle + 1, yarn);
  else
    g_string_append_printf (out, _("Needle %u: knit %s."), needle + 1, yarn);

  for (guint i = 0; i < round->n_catches; i++)
    if (round->catches[i].needle == needle)
      {
        g_autofree char *caught = st_knit_yarn_label (pattern, round->catches[i].yarn);
        g_autofree char *sentence = g_strdup_printf (_("Catch %s here: lay its strand into the hook."), caught);

        st_knit_append_sentence (out, sentence);
      }
  for (guint i = 0; i < round->n_duplicates; i++)
    if (round->duplicates[i].needle == needle)
      {
        g_autofree char *embroider = st_knit_yarn_label (pattern, round->duplicates[i].yarn);
        g_autofree char *sentence = g_strdup_printf (_("Duplicate stitch: embroider %s over it afterwards."),
                                                     embroider);

        st_knit_append_sentence (out, sentence);
      }

  if (next_change != NULL)
    {
      g_autofree char *to = st_knit_yarn_label (pattern, next_change->to_yarn);
      g_autofree char *sentence = g_strdup_printf (_("Next change: needle %u, to %s."),
                                                   next_change->needle + 1, to);

      st_knit_append_sentence (out, sentence);
    }
  else if (round->n_changes > 0)
    st_knit_append_sentence (out, _("No more changes in this round."));
  else
    {
      guint end = needle;

      /* The yarn carries on: say how far. */
      while (end + 1 < needles && knit[end + 1] == knit[needle])
        end++;
      if (end + 1 == needles && end > needle)
        {
          g_autofree char *sentence = g_strdup_printf (_("%s to the end of the round."), yarn);

          st_knit_append_sentence (out, sentence);
        }
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
    return g_strdup (_("This is the last round: cast off after it."));

  knit = g_new (guint8, needles);
  knit_next = g_new (guint8, needles);
  st_knit_expand_runs (round, knit);
  st_knit_expand_runs (next, knit_next);
  out = g_string_new (NULL);
  if (memcmp (knit, knit_next, needles) == 0)
    g_string_append_printf (out, _("Round %u: the same as this round."), next->row + 1);
  else
    {
      g_autofree char *words = st_knit_describe_runs (pattern, next);

      /* Translators: the next round in words, "Round 13: All 48 needles
       * Cranberry." */
      g_string_append_printf (out, _("Round %u: %s."), next->row + 1, words);
    }

  yarns = st_knit_round_yarns (round);
  next_yarns = st_knit_round_yarns (next);
  joining = next_yarns & ~yarns;
  resting = yarns & ~next_yarns;
  for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
    if (joining & (1u << y))
      {
        g_autofree char *label = st_knit_yarn_label (pattern, y);
        g_autofree char *sentence = g_strdup_printf (_("%s comes in at needle %u."), label,
                                                     first_needle_of (next, y) + 1);

        st_knit_append_sentence (out, sentence);
      }
  if (resting != 0)
    {
      g_autofree char *list = st_knit_yarn_list (pattern, resting);
      g_autofree char *sentence = NULL;

      /* Translators: %s is a yarn or a list of yarns. */
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not used.", "%s are not used.",
                                               count_bits (resting)), list);
      st_knit_append_sentence (out, sentence);
    }
  if (next->n_changes > 0)
    {
      g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u colour change by hand.",
                                                                "%u colour changes by hand.", next->n_changes),
                                                   next->n_changes);

      st_knit_append_sentence (out, sentence);
    }
  if (next->n_catches > 0)
    {
      g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u catch.", "%u catches.",
                                                                next->n_catches), next->n_catches);

      st_knit_append_sentence (out, sentence);
    }
  if (next->n_duplicates > 0)
    {
      g_autofree char *sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate stitch.",
                                                                "%u duplicate stitches.", next->n_duplicates),
                                                   next->n_duplicates);

      st_knit_append_sentence (out, sentence);
    }
  if (next->row + 1 == st_pattern_rows (pattern))
    st_knit_append_sentence (out, _("It is the cast-off round."));
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
      /* Translators: a yarn and where its catches or duplicate stitches
       * are, "Cranberry (B) at needles 7 and 13". */
      g_string_append_printf (out, _("%s at %s"), label, list);
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
  /* Translators: %s is "Cranberry (B) at needles 7 and 13; Cream (A) at
   * needle 4". */
  return g_strdup_printf (_("Catch %s."), marks);
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
  /* Translators: the first %s is "Cranberry (B) at needles 7 and 13", the
   * second the yarn to knit them in. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Duplicate stitch %s: knit it in %s, embroider afterwards.",
                                       "Duplicate stitch %s: knit them in %s, embroider afterwards.",
                                       round->n_duplicates),
                          marks, main_yarn);
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
  g_autofree char *this_round = NULL;
  g_autofree char *next_round = NULL;

  if (here->len + next->len == 0)
    return NULL;
  if (here->len > 0)
    this_round = st_knit_needle_list ((const guint *) here->data, here->len);
  if (next->len > 0)
    next_round = st_knit_needle_list ((const guint *) next->data, next->len);
  if (next_round == NULL)
    /* Translators: where to catch a long float, after "catch it"; %s is
     * "needle 7" or "needles 7 and 13". "near": the middle of the float,
     * when the catches were not worked out. */
    return g_strdup_printf (near ? _("near %s") : _("at %s"), this_round);
  if (this_round == NULL)
    return g_strdup_printf (near ? _("near %s of the next round") : _("at %s of the next round"), next_round);
  return g_strdup_printf (near ? _("near %s, and %s of the next round") : _("at %s, and %s of the next round"),
                          this_round, next_round);
}

char *
st_knit_describe_finding (const StPattern      *pattern,
                          const StCheckResult  *result,
                          const StCheckFinding *f,
                          const GArray         *proposals)
{
  guint needles = st_pattern_needles (pattern);
  g_autofree char *yarn = f->yarn >= 0 ? st_knit_yarn_label (pattern, (guint) f->yarn) : g_strdup (_("A yarn"));
  gboolean tube = is_tube (pattern);

  switch (f->rule)
    {
    case ST_CHECK_YARN_JOIN:
      {
        g_autofree char *watch = st_knit_needle_span (f->needle, MIN (3u, needles), needles);

        if (f->count > 0 && tube)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: the first %s is a yarn, "Cranberry
                                                * (B)", the last the needles to watch, "needles
                                                * 2-4". */
                                               "%s rejoins here at needle %u after %u idle round: hold the tail, "
                                               "crank slowly, watch %s.",
                                               "%s rejoins here at needle %u after %u idle rounds: hold the tail, "
                                               "crank slowly, watch %s.", f->count),
                                  yarn, f->needle + 1, f->count, watch);
        if (f->count > 0)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s rejoins here at needle %u after %u idle round: hold the tail, "
                                               "knit slowly, watch %s.",
                                               "%s rejoins here at needle %u after %u idle rounds: hold the tail, "
                                               "knit slowly, watch %s.", f->count),
                                  yarn, f->needle + 1, f->count, watch);
        if (tube)
          /* Translators: the first %s is a yarn, "Cranberry (B)", the last
           * the needles to watch, "needles 2-4". */
          return g_strdup_printf (_("%s joins here at needle %u: hold the tail, crank slowly, watch %s."),
                                  yarn, f->needle + 1, watch);
        return g_strdup_printf (_("%s joins here at needle %u: hold the tail, knit slowly, watch %s."),
                                yarn, f->needle + 1, watch);
      }
    case ST_CHECK_IDLE_YARN:
      {
        const char *what;

        if (tube)
          /* Translators: what to do with a yarn that rests for some rounds;
           * follows "Cream (A) rests for 2 rounds from needle 1:". */
          what = _("carry it up inside the tube, twisting it with the working yarn each round, or cut it "
                   "and rejoin it later");
        else if (pattern->profile != NULL && pattern->profile->kind == ST_MACHINE_FLATBED)
          what = _("take it out of the feeder, or cut it");
        else
          what = _("take its carrier out");
        /* Translators: the first %s is a yarn, "Cream (A)", the last what to
         * do with it. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s rests for %u round from needle %u: %s.",
                                             "%s rests for %u rounds from needle %u: %s.", f->count),
                                yarn, f->count, f->needle + 1, what);
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
        gboolean far = f->severity == ST_SEVERITY_ERROR;
        unsigned long length = (unsigned long) f->length_stitches;

        float_catch_points (pattern, proposals, (guint8) f->yarn, (guint64) f->row * needles + f->needle,
                            f->length_stitches, here, next, &near);
        points = catch_points_text (here, next, near);
        if (crosses)
          {
            g_free (span);
            span = g_strdup_printf (_("needle %u to needle %u of the next round"), f->needle + 1,
                                    (guint) ((f->needle + f->length_stitches - 1) % needles) + 1);
          }
        if (points != NULL && far)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: the first %s is a yarn, "Cranberry
                                                * (B)", the second "needles 3-8" or "needle 48 to
                                                * needle 3 of the next round", the last where to
                                                * catch the float, "at needle 5". */
                                               "%s floats %lu stitch behind %s, far too long: catch it %s.",
                                               "%s floats %lu stitches behind %s, far too long: catch it %s.", length),
                                  yarn, length, span, points);
        if (points != NULL)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s floats %lu stitch behind %s: catch it %s.",
                                               "%s floats %lu stitches behind %s: catch it %s.", length),
                                  yarn, length, span, points);
        if (far)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s floats %lu stitch behind %s, far too long: keep the strand loose.",
                                               "%s floats %lu stitches behind %s, far too long: keep the strand "
                                               "loose.", length),
                                  yarn, length, span);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s floats %lu stitch behind %s: keep the strand loose.",
                                             "%s floats %lu stitches behind %s: keep the strand loose.", length),
                                yarn, length, span);
      }
    case ST_CHECK_FLOAT_STACK:
      return g_strdup_printf (_("%s floats over last round's float from needle %u: catch at other needles "
                                "than last round."), yarn, f->needle + 1);
    case ST_CHECK_COLORS_PER_ROUND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the %s is a yarn, "Cranberry (B)". */
                                           "This round has %u yarn, more than the machine knits in a round: %s "
                                           "from needle %u needs duplicate stitch or another colour.",
                                           "This round has %u yarns, more than the machine knits in a round: %s "
                                           "from needle %u needs duplicate stitch or another colour.", f->count),
                              f->count, yarn, f->needle + 1);
    case ST_CHECK_MANUAL_CHANGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u colour change or catch by hand in this round: go slowly and check "
                                           "each needle took the right yarn.",
                                           "%u colour changes and catches by hand in this round: go slowly and "
                                           "check each needle took the right yarn.", f->count),
                              f->count);
    case ST_CHECK_CAST_ON:
      if (f->severity == ST_SEVERITY_INFO)
        return NULL;
      return g_strdup_printf (_("The cast-on rounds already change colour (%s at needle %u): crank "
                                "gently until the weights hang."), yarn, f->needle + 1);
    case ST_CHECK_CAST_OFF:
      if (f->severity == ST_SEVERITY_INFO)
        return NULL;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The last round has %u yarn (%s at needle %u): take it off carefully, "
                                           "it ladders.",
                                           "The last round has %u yarns (%s at needle %u): take them off carefully, "
                                           "they ladder.", f->count),
                              f->count, yarn, f->needle + 1);
    case ST_CHECK_YARN_WEIGHT:
      /* Translators: a yarn, "Cranberry (B)", and its weight, "bulky". */
      return g_strdup_printf (_("%s is %s, outside what the machine knits well: watch every needle for "
                                "dropped stitches."), yarn, st_yarn_weight_name (f->count));
    case ST_CHECK_REPEAT_SEAM:
      return g_strdup_printf (_("The motif repeat breaks at needle %u, where each round starts."), f->needle + 1);
    case ST_CHECK_CATCH_STACK:
      if (f->severity == ST_SEVERITY_ERROR)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Needle %u holds %u loop: crank slowly and check it knits them all off.",
                                             "Needle %u holds %u loops: crank slowly and check it knits them all "
                                             "off.", f->count),
                                f->needle + 1, f->count);
      return g_strdup_printf (_("Catches side by side at needles %u and %u: check both knit off."),
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
  if (shortest == longest)
    lengths = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu stitch", "%lu stitches", (unsigned long) longest),
                               (unsigned long) longest);
  else
    /* Translators: the shortest and the longest of some floats, "4-5
     * stitches". */
    lengths = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu-%lu stitch", "%lu-%lu stitches",
                                            (unsigned long) longest),
                               (unsigned long) shortest, (unsigned long) longest);
  points = catch_points_text (here, next, near);
  if (points == NULL)
    /* Translators: "Cranberry (B) floats too far in 8 places (4-5
     * stitches): keep the strands loose." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s floats too far in %u place (%s): keep the strand loose.",
                                         "%s floats too far in %u places (%s): keep the strands loose.", floats->len),
                            yarn, floats->len, lengths);
  /* Translators: "Cranberry (B) floats too far in 8 places (4-5 stitches):
   * catch it at needles 7, 13 and 19." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s floats too far in %u place (%s): catch it %s.",
                                       "%s floats too far in %u places (%s): catch it %s.", floats->len),
                          yarn, floats->len, lengths, points);
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

      g_ptr_array_add (steps, g_strdup_printf (_("Cut the yarn, leaving a long end: about %u cm, three "
                                                 "times round the tube."), end_cm));
      g_ptr_array_add (steps, g_strdup (_("Crank one slow turn so the end runs through every needle "
                                          "and the last loops sit loose in the hooks.")));
      g_ptr_array_add (steps, g_strdup (_("Thread the end through the loops one at a time with a yarn "
                                          "needle, lifting each loop off its needle.")));
      g_ptr_array_add (steps, g_strdup (_("Pull the end to gather the top, or leave the loops open to "
                                          "bind off, and fasten it inside.")));
    }
  else
    {
      g_ptr_array_add (steps, g_strdup (_("Knit 2 or 3 rows of waste yarn and take the piece off the machine.")));
      g_ptr_array_add (steps, g_strdup (_("Cut the yarn, leaving an end three times the width of the piece.")));
      g_ptr_array_add (steps, g_strdup (_("Bind off the live loops of the last row one at a time, then "
                                          "unravel the waste yarn.")));
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
    return g_strdup_printf (_("Round %u"), first_row + 1);
  return g_strdup_printf (_("Rounds %u-%u"), first_row + 1, last_row + 1);
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

  cast_on_yarns = st_knit_yarn_list (pattern, yarns[0]);
  add_milestone (milestones, ST_KNIT_MILESTONE_CAST_ON, 0, MIN (1u, rows - 1),
                 g_strdup (rows > 1 ? _("Rounds 1-2: cast on") : _("Round 1: cast on")),
                 /* Translators: %s is a yarn or a list of yarns. */
                 tube ? g_strdup_printf (_("Cast on in %s. Crank slowly, check every needle caught the yarn, "
                                           "and hang the weights as soon as the tube is long enough."),
                                         cast_on_yarns)
                      : g_strdup_printf (_("Cast on in %s. Knit slowly with the cast-on comb and weights hung, "
                                           "and check every needle caught the yarn."),
                                         cast_on_yarns));

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
      list = st_knit_yarn_list (pattern, yarns[r]);
      joining = yarns[r] & ~yarns[r - 1];
      resting = yarns[r - 1] & ~yarns[r];
      if (count_bits (yarns[r]) > 1)
        /* Translators: the title of a colour-change milestone; the first
         * %s is "Round 13" or "Rounds 17-23", the second a yarn or a list
         * of yarns, "Cream (A) and Cranberry (B)". */
        title = g_strdup_printf (_("%s: colourwork in %s"), label, list);
      else if (joining != 0)
        title = g_strdup_printf (_("%s: change to %s"), label, list);
      else
        title = g_strdup_printf (_("%s: %s only"), label, list);

      detail = g_string_new (NULL);
      for (guint y = 0; y < MIN (pattern->n_yarns, 32u); y++)
        if (joining & (1u << y))
          {
            g_autofree char *name = st_knit_yarn_label (pattern, y);
            g_autofree char *sentence = g_strdup_printf (_("%s comes in at needle %u."), name,
                                                         first_needle_of (round, y) + 1);

            st_knit_append_sentence (detail, sentence);
          }
      if (resting != 0)
        {
          g_autofree char *rest = st_knit_yarn_list (pattern, resting);
          g_autofree char *sentence = NULL;

          /* Translators: %s is a yarn or a list of yarns. */
          sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not used from here.",
                                                   "%s are not used from here.", count_bits (resting)),
                                      rest);
          st_knit_append_sentence (detail, sentence);
        }
      if (round->n_changes > 0)
        {
          g_autofree char *sentence = NULL;

          sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u colour change by hand in round %u.",
                                                   "%u colour changes by hand in round %u.", round->n_changes),
                                      round->n_changes, r + 1);
          st_knit_append_sentence (detail, sentence);
        }
      add_milestone (milestones, ST_KNIT_MILESTONE_COLOR_CHANGE, r, last, title,
                     g_string_free (g_steal_pointer (&detail), FALSE));
    }

  steps = st_knit_cast_off_steps (pattern);
  detail = g_string_new (_("Knit the last round, then:"));
  for (guint i = 0; steps[i] != NULL; i++)
    g_string_append_printf (detail, "\n%u. %s", i + 1, steps[i]);
  add_milestone (milestones, ST_KNIT_MILESTONE_CAST_OFF, rows - 1, rows - 1,
                 g_strdup_printf (_("Round %u: cast off"), rows),
                 g_string_free (g_steal_pointer (&detail), FALSE));
  return milestones;
}
