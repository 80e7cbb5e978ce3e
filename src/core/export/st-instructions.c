/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-instructions.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-check.h"

/* @msgid translated, or as it is for machine-readable output (knitout
 * comments). Call it with N_() so xgettext finds the string. */
static const char *tr (gboolean    translate,
                       const char *msgid) G_GNUC_FORMAT (2);

static const char *
tr (gboolean    translate,
    const char *msgid)
{
  return translate ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
}

/* The first index of @row in an array sorted by row (catches and duplicate
 * stitches both start with a guint row). */
static guint
lower_bound_row (const GArray *array,
                 gsize         element_size,
                 guint         row)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint mid_row = *(const guint *) (array->data + (gsize) mid * element_size);

      if (mid_row < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
st_instructions_prompt_changes (const StPattern *pattern)
{
  return pattern->profile != NULL && pattern->profile->feeds == 1;
}

/* Marks the duplicate stitches of @row in @is_duplicate (needles entries)
 * and returns how many there are. */
static guint
mark_duplicates (const StPattern *pattern,
                 guint            row,
                 gboolean        *is_duplicate)
{
  const GArray *dups = pattern->duplicate_stitches;
  guint n = 0;

  for (guint i = lower_bound_row (dups, sizeof (StStitchRef), row); i < dups->len; i++)
    {
      const StStitchRef *d = &g_array_index (dups, StStitchRef, i);

      if (d->row != row)
        break;
      if (d->needle < st_pattern_needles (pattern) && !is_duplicate[d->needle])
        {
          is_duplicate[d->needle] = TRUE;
          n++;
        }
    }
  return n;
}

/* The yarn the machine knits at each needle of @row: the chart, with
 * duplicate stitches in the main yarn. Fills @knit (needles entries). */
static guint8
knit_yarns (const StPattern *pattern,
            guint            row,
            guint8          *knit,
            gboolean        *is_duplicate,
            guint           *n_duplicates)
{
  const guint8 *cells = st_chart_row (pattern->chart, row);
  guint needles = st_pattern_needles (pattern);
  guint8 main_yarn;

  memset (is_duplicate, 0, sizeof (gboolean) * needles);
  *n_duplicates = mark_duplicates (pattern, row, is_duplicate);
  main_yarn = st_check_round_main_yarn (pattern, row);
  for (guint n = 0; n < needles; n++)
    knit[n] = is_duplicate[n] ? main_yarn : cells[n];
  return main_yarn;
}

static char
key_of (const StPattern *pattern,
        guint8           yarn)
{
  return yarn < pattern->n_yarns ? pattern->yarns[yarn].key : '?';
}

/* The round's line (see st_round_instructions_new()), in the user's
 * language when @translate. */
static char *
round_text (const StPattern           *pattern,
            const StRoundInstructions *round,
            gboolean                   translate)
{
  g_autoptr(GString) body = g_string_new (NULL);

  /* A run is its count and the yarn's key, "3 A", in every language. */
  for (guint i = 0; i < round->n_runs; i++)
    g_string_append_printf (body, "%s%u %c", i ? ", " : "", round->runs[i].count,
                            key_of (pattern, round->runs[i].yarn));
  for (guint i = 0; i < round->n_changes; i++)
    {
      g_string_append (body, i ? ", " : "; ");
      /* Translators: part of a round of the written instructions, "change to
       * B at needle 4": lay in yarn B by hand at needle 4. %c is a yarn's key
       * letter. */
      g_string_append_printf (body, tr (translate, N_("change to %c at needle %u")),
                              key_of (pattern, round->changes[i].to_yarn), round->changes[i].needle + 1);
    }
  for (guint i = 0; i < round->n_catches; i++)
    {
      g_string_append (body, i ? ", " : "; ");
      /* Translators: part of a round of the written instructions, "catch B at
       * needle 9": catch the floating yarn B into the stitch at needle 9. */
      g_string_append_printf (body, tr (translate, N_("catch %c at needle %u")),
                              key_of (pattern, round->catches[i].yarn), round->catches[i].needle + 1);
    }
  for (guint i = 0; i < round->n_duplicates; i++)
    {
      g_string_append (body, i ? ", " : "; ");
      /* Translators: part of a round of the written instructions: the stitch
       * at needle 5 is embroidered in yarn B afterwards. */
      g_string_append_printf (body, tr (translate, N_("duplicate stitch %c at needle %u")),
                              key_of (pattern, round->duplicates[i].yarn), round->duplicates[i].needle + 1);
    }
  /* Translators: one round of the written instructions, "Round 12: 3 A, 2 B,
   * 7 A; change to B at needle 4". The PDF prints the text up to the first
   * colon in bold. */
  return g_strdup_printf (tr (translate, N_("Round %u: %s")), round->row + 1, body->str);
}

StRoundInstructions *
st_round_instructions_new (const StPattern *pattern,
                           guint            row)
{
  StRoundInstructions *round;
  guint needles = st_pattern_needles (pattern);
  g_autofree guint8 *knit = NULL;
  g_autofree gboolean *is_duplicate = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (StInstructionRun));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (StYarnChange));
  const GArray *catches = pattern->catches;
  guint n_dups, first_catch, last_catch, d;

  g_return_val_if_fail (row < st_pattern_rows (pattern), NULL);

  round = g_new0 (StRoundInstructions, 1);
  round->row = row;
  knit = g_new (guint8, needles);
  is_duplicate = g_new (gboolean, needles);
  round->main_yarn = knit_yarns (pattern, row, knit, is_duplicate, &n_dups);

  for (guint n = 0; n < needles; n++)
    {
      if (runs->len > 0 && g_array_index (runs, StInstructionRun, runs->len - 1).yarn == knit[n])
        g_array_index (runs, StInstructionRun, runs->len - 1).count++;
      else
        {
          StInstructionRun run = { n, 1, knit[n] };
          g_array_append_val (runs, run);
        }
    }

  if (st_instructions_prompt_changes (pattern))
    {
      /* The feed carries on from the last stitch of the round before. */
      if (row > 0)
        {
          g_autofree guint8 *prev = g_new (guint8, needles);
          g_autofree gboolean *prev_dup = g_new (gboolean, needles);
          guint prev_n;

          knit_yarns (pattern, row - 1, prev, prev_dup, &prev_n);
          if (prev[needles - 1] != knit[0])
            {
              StYarnChange change = { 0, prev[needles - 1], knit[0] };
              g_array_append_val (changes, change);
            }
        }
      for (guint i = 1; i < runs->len; i++)
        {
          const StInstructionRun *r = &g_array_index (runs, StInstructionRun, i);
          StYarnChange change = { r->first_needle,
                                  g_array_index (runs, StInstructionRun, i - 1).yarn, r->yarn };
          g_array_append_val (changes, change);
        }
    }

  first_catch = lower_bound_row (catches, sizeof (StCatch), row);
  for (last_catch = first_catch;
       last_catch < catches->len && g_array_index (catches, StCatch, last_catch).row == row;
       last_catch++)
    ;
  round->n_catches = last_catch - first_catch;
  round->catches = g_memdup2 (catches->data + (gsize) first_catch * sizeof (StCatch),
                              sizeof (StCatch) * round->n_catches);

  round->n_duplicates = n_dups;
  round->duplicates = g_new0 (StDuplicateNote, MAX (n_dups, 1));
  d = 0;
  for (guint n = 0; n < needles; n++)
    if (is_duplicate[n])
      {
        round->duplicates[d].needle = n;
        round->duplicates[d].yarn = st_chart_get (pattern->chart, row, n);
        round->duplicates[d].knit_yarn = round->main_yarn;
        d++;
      }

  round->n_runs = runs->len;
  round->runs = (StInstructionRun *) g_array_free (g_steal_pointer (&runs), FALSE);
  round->n_changes = changes->len;
  round->changes = (StYarnChange *) g_array_free (g_steal_pointer (&changes), FALSE);

  round->text = round_text (pattern, round, TRUE);
  return round;
}

char *
st_round_instructions_english_text (const StPattern           *pattern,
                                    const StRoundInstructions *round)
{
  return round_text (pattern, round, FALSE);
}

void
st_round_instructions_free (StRoundInstructions *round)
{
  if (round == NULL)
    return;
  g_free (round->runs);
  g_free (round->changes);
  g_free (round->catches);
  g_free (round->duplicates);
  g_free (round->text);
  g_free (round);
}

char *
st_round_instructions_describe (const StPattern           *pattern,
                                const StRoundInstructions *round)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < round->n_runs; i++)
    {
      const StInstructionRun *r = &round->runs[i];
      const char *name = r->yarn < pattern->n_yarns ? pattern->yarns[r->yarn].name : "?";

      if (i > 0)
        g_string_append (list, ", ");
      if (r->count == 1)
        g_string_append_printf (list, "%u %s", r->first_needle + 1, name);
      else
        g_string_append_printf (list, "%u-%u %s", r->first_needle + 1,
                                r->first_needle + r->count, name);
    }
  /* Translators: the needles of a round with their yarns, "needles 1-3
   * Cream, 4-5 Cranberry, 6-48 Cream". */
  return g_strdup_printf (_("needles %s"), list->str);
}

char *
st_instructions_rounds_text (const StPattern *pattern,
                             guint            from_row)
{
  GString *out = g_string_new (NULL);

  for (guint r = from_row; r < st_pattern_rows (pattern); r++)
    {
      g_autoptr(StRoundInstructions) round = st_round_instructions_new (pattern, r);

      g_string_append (out, round->text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
st_instructions_duplicates_text (const StPattern *pattern)
{
  GString *out;
  guint row = G_MAXUINT;
  guint8 main_yarn = 0;

  if (pattern->duplicate_stitches->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
    {
      const StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);
      guint8 yarn = st_chart_get (pattern->chart, d->row, d->needle);

      if (d->row != row)
        {
          row = d->row;
          main_yarn = st_check_round_main_yarn (pattern, row);
        }
      /* Translators: a duplicate stitch to embroider, "Round 12, needle 5:
       * B Cranberry over A Cream": yarn keys and names, the embroidered yarn
       * first. */
      g_string_append_printf (out, _("Round %u, needle %u: %c %s over %c %s"), d->row + 1,
                              d->needle + 1, pattern->yarns[yarn].key, pattern->yarns[yarn].name,
                              pattern->yarns[main_yarn].key, pattern->yarns[main_yarn].name);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
st_instructions_reading_text (const StPattern *pattern)
{
  GString *out = g_string_new (NULL);

  /* Translators: followed by the yarns, " A Cream (#f3ecd9, 4 medium,
   * wool), B ...". */
  g_string_append (out, _("Yarns:"));
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      const StYarn *y = &pattern->yarns[i];
      g_autofree char *color = st_color_to_string (y->color);

      g_string_append_printf (out, "%s %c %s (%s, %d %s", i ? "," : "", y->key, y->name, color,
                              y->weight, st_yarn_weight_name (y->weight));
      if (y->fibre != NULL)
        g_string_append_printf (out, ", %s", y->fibre);
      if (y->sticky)
        {
          /* Translators: said of a yarn that sticks to itself (mohair,
           * brushed yarns). */
          g_string_append_printf (out, ", %s", _("sticky"));
        }
      g_string_append_c (out, ')');
    }
  g_string_append_c (out, '\n');
  /* Translators: "3 A" is how a round of the instructions writes a run of
   * stitches (count and yarn key); it is the same in every language. */
  g_string_append_printf (out, _("Each round runs from needle 1 to needle %u; \"3 A\" means knit 3 stitches in "
                                 "yarn A."),
                          st_pattern_needles (pattern));
  g_string_append_c (out, '\n');
  if (st_instructions_prompt_changes (pattern))
    {
      /* Translators: "change to" quotes the words of "change to %c at needle
       * %u" in the rounds of the instructions. */
      g_string_append (out, _("This machine has one yarn feed: lay in the new yarn by hand at each "
                              "\"change to\"."));
      g_string_append_c (out, '\n');
    }
  if (pattern->catches->len > 0)
    {
      /* Translators: quotes "catch %c at needle %u" from the rounds of the
       * instructions, with yarn B and needle 9. */
      g_string_append (out, _("\"catch B at needle 9\": catch the floating yarn B into the stitch at needle 9."));
      g_string_append_c (out, '\n');
    }
  if (pattern->duplicate_stitches->len > 0)
    {
      /* Translators: quotes "duplicate stitch %c at needle %u" from the
       * rounds of the instructions, with yarn B and needle 5. */
      g_string_append (out, _("\"duplicate stitch B at needle 5\": knit that stitch in the round's main yarn, "
                              "then embroider it in B (see the list at the end)."));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
st_instructions_header_text (const StPattern *pattern)
{
  GString *out = g_string_new (NULL);
  g_autofree char *reading = st_instructions_reading_text (pattern);
  g_autofree char *stitches = NULL;
  g_autofree char *rounds = NULL;
  guint needles = st_pattern_needles (pattern);
  guint rows = st_pattern_rows (pattern);

  g_string_append_printf (out, "%s\n", pattern->name);
  if (pattern->profile != NULL)
    {
      /* Translators: the machine's name and its id, "Sentro 48-needle
       * (sentro-48)". */
      g_string_append_printf (out, _("Machine: %s (%s)"), pattern->profile->name, pattern->profile_id);
      g_string_append_c (out, '\n');
    }
  stitches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch per round", "%u stitches per round",
                                           needles), needles);
  rounds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u round", "%u rounds", rows), rows);
  /* Translators: "Needles: 48 stitches per round; 60 rounds". */
  g_string_append_printf (out, _("Needles: %s; %s"), stitches, rounds);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Gauge: %.1f stitches and %.1f rows per 10 cm"),
                          pattern->stitches_per_10cm, pattern->rows_per_10cm);
  g_string_append_c (out, '\n');
  /* Translators: the knitted tube's circumference and length. */
  g_string_append_printf (out, _("Finished size: %.1f cm round, %.1f cm long"),
                          needles * st_pattern_stitch_width_mm (pattern) / 10,
                          rows * st_pattern_row_height_mm (pattern) / 10);
  g_string_append_c (out, '\n');
  g_string_append (out, reading);
  return g_string_free (out, FALSE);
}

char *
st_instructions_to_text (const StPattern *pattern)
{
  g_autofree char *header = st_instructions_header_text (pattern);
  g_autofree char *rounds = st_instructions_rounds_text (pattern, 0);
  g_autofree char *dups = st_instructions_duplicates_text (pattern);
  GString *out = g_string_new (header);

  g_string_append (out, "\n");
  g_string_append (out, rounds);
  if (dups != NULL)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("Duplicate stitches to embroider:"));
      g_string_append_c (out, '\n');
      g_string_append (out, dups);
    }
  return g_string_free (out, FALSE);
}
