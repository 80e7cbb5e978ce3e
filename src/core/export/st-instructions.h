/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-instructions.h: written round-by-round instructions. One generator
 * serves the txt and PDF exports, `stranded-cli instructions` and the
 * knit-along view, so every place uses the same words.
 *
 * A round is read in knitting order (needle 1 first). A duplicate stitch is
 * knit in the round's main yarn (st_check_round_main_yarn(): the yarn its
 * chart row uses most) and embroidered afterwards in its charted yarn; runs
 * and colour changes therefore count it as the main yarn.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

/* @count stitches of @yarn from @first_needle on (0-based). */
typedef struct
{
  guint  first_needle;
  guint  count;
  guint8 yarn;
} StInstructionRun;

/* On a one-feed machine: lay in @to_yarn at @needle (0-based), the first
 * stitch knit in it. A change at needle 0 continues from the previous
 * round's last yarn. */
typedef struct
{
  guint  needle;
  guint8 from_yarn;
  guint8 to_yarn;
} StYarnChange;

/* A duplicate stitch: knit in @knit_yarn (the main yarn), embroider @yarn. */
typedef struct
{
  guint  needle;
  guint8 yarn;
  guint8 knit_yarn;
} StDuplicateNote;

typedef struct
{
  guint             row;           /* 0-based */
  guint8            main_yarn;
  guint             n_runs;
  StInstructionRun *runs;
  guint             n_changes;     /* always 0 on machines with more than one feed */
  StYarnChange     *changes;
  guint             n_catches;
  StCatch          *catches;       /* this round's catches, by needle */
  guint             n_duplicates;
  StDuplicateNote  *duplicates;    /* by needle */
  char             *text;          /* the round's line, see st_round_instructions_new() */
} StRoundInstructions;

/* The instructions for round @row (0-based). Its text is one line, in the
 * user's language:
 *   Round 12: 3 A, 2 B, 7 A; change to B at needle 4, change to A at needle 6;
 *   catch B at needle 9; duplicate stitch B at needle 5
 * (one line, no newline), with the change, catch and duplicate parts only
 * when the round has them. */
StRoundInstructions *st_round_instructions_new     (const StPattern           *pattern,
                                                    guint                      row);
void                 st_round_instructions_free    (StRoundInstructions       *round);
/* The round's line as in @round->text but always in English, for
 * machine-readable output (the comments of a knitout file). */
char                *st_round_instructions_english_text (const StPattern           *pattern,
                                                         const StRoundInstructions *round);

/* Whether the machine has one yarn feed, so colour changes are made by hand
 * and the instructions prompt for them. */
gboolean             st_instructions_prompt_changes (const StPattern          *pattern);

/* The runs in words with needle ranges and yarn names, for a knitter at the
 * machine: "needles 1-3 Cream, 4-5 Cranberry, 6-48 Cream". */
char                *st_round_instructions_describe (const StPattern          *pattern,
                                                    const StRoundInstructions *round);

/* Lines of every round from @from_row (0-based) on, each ending in '\n'. */
char                *st_instructions_rounds_text   (const StPattern           *pattern,
                                                    guint                      from_row);
/* The list of duplicate stitches to embroider, one per line ("Round 12,
 * needle 5: B Cranberry over A Cream"), or NULL when there are none. */
char                *st_instructions_duplicates_text (const StPattern         *pattern);
/* How to read the rounds: the yarn keys and what the words of a round
 * mean, one sentence a line, each ending in '\n'. The end of the header. */
char                *st_instructions_reading_text  (const StPattern           *pattern);
/* A short header (name, machine, gauge, size, then
 * st_instructions_reading_text()) used by the txt export. */
char                *st_instructions_header_text   (const StPattern           *pattern);
/* The whole written pattern for the txt export: header, rounds, duplicate
 * stitches. UTF-8, lines end in '\n'. */
char                *st_instructions_to_text       (const StPattern           *pattern);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StRoundInstructions, st_round_instructions_free)

G_END_DECLS
