/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-knit-private.h: helpers shared by st-knit-session.c (position, moves,
 * machine progress) and st-knit-words.c (what the knitter reads).
 */
#pragma once

#include "st-check.h"
#include "st-knit-session.h"

G_BEGIN_DECLS

/* "Cranberry (B)". */
char     *st_knit_yarn_label        (const StPattern            *pattern,
                                     guint                       yarn);
/* "Cream (A) and Cranberry (B)" for the yarns in @bits. */
char     *st_knit_yarn_list         (const StPattern            *pattern,
                                     guint32                     bits);
/* "4", "4 and 9", "4, 9 and 12": @n items joined in the user's language. */
char     *st_knit_join_list         (const char *const          *items,
                                     guint                       n);
/* Appends @sentence to @out, after a space unless @out is empty. */
void      st_knit_append_sentence   (GString                    *out,
                                     const char                 *sentence);
/* @text with its first letter in upper case, at the start of a sentence. */
char     *st_knit_capitalize        (const char                 *text);
/* "needle 4", "needles 4 and 9", "needles 4, 9 and 12" (0-based in). */
char     *st_knit_needle_list       (const guint                *needles,
                                     guint                       n);
/* "needles 4-6" for @count needles from @first, wrapping past the last. */
char     *st_knit_needle_span       (guint                       first,
                                     guint                       count,
                                     guint                       needles);
/* The yarn knitted at every needle of a round, from its runs; @knit holds
 * the pattern's needle count. */
void      st_knit_expand_runs       (const StRoundInstructions  *round,
                                     guint8                     *knit);
/* Which yarns a round knits, as bits. */
guint32   st_knit_round_yarns       (const StRoundInstructions  *round);

/* Which yarns round @row knits (duplicate stitches in its main yarn), as
 * bits: what st_knit_round_yarns() gives for its instructions, without
 * building them. */
guint32   st_knit_row_yarns         (const StPattern            *pattern,
                                     guint                       row);
/* Milestones of @pattern (StKnitMilestone, cleared with the array) from
 * st_knit_row_yarns() of every round. */
GArray   *st_knit_milestones_new    (const StPattern            *pattern,
                                     const guint32              *row_yarns);
/* The round in words with repeats folded. */
char     *st_knit_describe_runs     (const StPattern            *pattern,
                                     const StRoundInstructions  *round);
/* One finding as a sentence for the knitter, NULL for notes the
 * milestones already give. @proposals (StCatch from
 * st_check_propose_catches(), nullable) names the needles to catch a long
 * float at. */
char     *st_knit_describe_finding  (const StPattern            *pattern,
                                     const StCheckResult        *result,
                                     const StCheckFinding       *finding,
                                     const GArray               *proposals);

/* Several long floats of one yarn in a round as one sentence: how many,
 * how long, and every needle to catch them at. @floats holds
 * StCheckFinding of rule float-long, all of one yarn. */
char     *st_knit_describe_floats   (const StPattern            *pattern,
                                     const GArray               *floats,
                                     const GArray               *proposals);

G_END_DECLS
