/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-knit-session.h: knit-along: where a knitter is in a pattern (round and
 * needle), how she moves through it, and what the pattern asks of her at
 * that place: the round in words, what changes next round, the catches and
 * duplicate stitches due, the checker's warnings phrased for someone at the
 * machine, milestones, sound cues. The same session follows a job on a
 * connected machine. GTK-free; the knit-along view in src/app draws it.
 * Rows and needles are 0-based here, 1-based in every text. See
 * KNIT-ALONG.md beside this file.
 */
#pragma once

#include <glib.h>

#include "st-instructions.h"
#include "st-job.h"
#include "st-pattern.h"

G_BEGIN_DECLS

/* What the last move asks the view to sound. */
typedef enum
{
  ST_KNIT_CUE_NONE,
  ST_KNIT_CUE_ROUND,     /* moved forward into a new round */
  ST_KNIT_CUE_CHANGE,    /* the stitch now due needs another yarn: change before knitting it */
} StKnitCue;

typedef enum
{
  ST_KNIT_MILESTONE_CAST_ON,
  ST_KNIT_MILESTONE_COLOR_CHANGE,   /* the round's yarns differ from the round before */
  ST_KNIT_MILESTONE_CAST_OFF,
} StKnitMilestoneKind;

typedef struct
{
  StKnitMilestoneKind  kind;
  guint                first_row;
  guint                last_row;    /* cast-on spans rounds 1-2; others one round */
  char                *title;       /* "Round 13: change to Cranberry (B)" */
  char                *detail;      /* what to do, one or more sentences */
} StKnitMilestone;

typedef struct _StKnitSession StKnitSession;

/* A session over @pattern, which it borrows and whose progress fields it
 * updates on every move (has_progress, progress_row, progress_needle). It
 * starts where the pattern's progress says (clamped to the chart), else at
 * round 1, needle 1, and checks the pattern once. */
StKnitSession   *st_knit_session_new             (StPattern            *pattern);
void             st_knit_session_free            (StKnitSession        *session);
StPattern       *st_knit_session_get_pattern     (StKnitSession        *session);

/* The pattern changed (the rows st_pattern_take_dirty() reported):
 * re-checks what is needed, rebuilds milestones and clamps the position. */
void             st_knit_session_pattern_changed (StKnitSession        *session,
                                                  guint                 first_row,
                                                  guint                 last_row,
                                                  gboolean              structure);

/* The position: the stitch to knit next. */
guint            st_knit_session_get_row         (StKnitSession        *session);
guint            st_knit_session_get_needle      (StKnitSession        *session);
/* Stitches knitted before the position, over all stitches: 0..1. */
double           st_knit_session_get_fraction    (StKnitSession        *session);

/* Moves. Each returns whether the position changed; none moves past round
 * 1 needle 1 or the last needle of the cast-off round. Needle moves wrap
 * into the next or previous round; round moves keep the needle; stops are
 * the needles where the knitter must do something (needle 1 of each round,
 * hand colour changes, catches). While a machine drives the session the
 * moves do nothing. */
gboolean         st_knit_session_go_to           (StKnitSession        *session,
                                                  guint                 row,
                                                  guint                 needle);
gboolean         st_knit_session_next_needle     (StKnitSession        *session);
gboolean         st_knit_session_previous_needle (StKnitSession        *session);
gboolean         st_knit_session_next_round      (StKnitSession        *session);
gboolean         st_knit_session_previous_round  (StKnitSession        *session);
gboolean         st_knit_session_next_stop       (StKnitSession        *session);
gboolean         st_knit_session_previous_stop   (StKnitSession        *session);
gboolean         st_knit_session_is_stop         (StKnitSession        *session,
                                                  guint                 row,
                                                  guint                 needle);
/* The cue the last move calls for: NONE after a move back or none at all. */
StKnitCue        st_knit_session_get_cue         (StKnitSession        *session);
/* Whether a colour change is due at the position (for the sound cue). */
gboolean         st_knit_session_change_due      (StKnitSession        *session);

/* The current round's instructions (st-instructions.h), and the next
 * round's (NULL in the cast-off round). Owned by the session. */
const StRoundInstructions *st_knit_session_get_instructions      (StKnitSession *session);
const StRoundInstructions *st_knit_session_get_next_instructions (StKnitSession *session);
/* "Round 17 of 60". */
char            *st_knit_session_describe_position (StKnitSession      *session);
/* The round in words, repeats folded: "Repeat 8 times: 3 Cream, 1
 * Cranberry, 2 Cream (6 needles)", "All 48 needles Cream", else the needle
 * list of st_round_instructions_describe(). */
char            *st_knit_session_describe_round  (StKnitSession        *session);
/* What to do at the position: the yarn to knit, a change or catch due
 * here, and where the next change of the round is. */
char            *st_knit_session_describe_now    (StKnitSession        *session);
/* What changes in the next round, or what follows the cast-off round. */
char            *st_knit_session_describe_next_round (StKnitSession    *session);
/* The round's catches and duplicate stitches, or NULL when it has none:
 * "Catch Cranberry (B) at needles 7, 13 and 19", "Duplicate stitch ...". */
char            *st_knit_session_describe_catches (StKnitSession       *session);
char            *st_knit_session_describe_duplicates (StKnitSession    *session);
/* The checker's findings in the current round as short sentences for the
 * knitter at the machine ("Cranberry (B) rejoins at needle 4: hold the tail,
 * crank slowly, watch needles 4-6."). Notes that the milestones already
 * give (cast-on, cast-off) are left out. A new array of strings. */
GPtrArray       *st_knit_session_get_warnings    (StKnitSession        *session);

/* Milestones in round order (StKnitMilestone). */
const GArray    *st_knit_session_get_milestones  (StKnitSession        *session);
/* The milestone whose rounds include the current one, or NULL. */
const StKnitMilestone *st_knit_session_get_current_milestone (StKnitSession *session);
/* The first milestone starting after the current round, or NULL. */
const StKnitMilestone *st_knit_session_get_next_milestone    (StKnitSession *session);
/* The steps that finish the piece after its last round, NULL-terminated. */
char           **st_knit_cast_off_steps          (const StPattern      *pattern);

/* Following a job on a connected machine: the job's progress moves the
 * session (its row; its needle when known, else needle 1); NULL ends it and
 * hands the position back to the knitter. Returns whether a colour-change
 * cue is due: the next pass changes yarns (once per change). */
gboolean         st_knit_session_set_machine_progress (StKnitSession   *session,
                                                  const StJobProgress  *progress);
gboolean         st_knit_session_is_machine_driven (StKnitSession      *session);
/* "Machine: round 23 of 60, pass 1 of 2. Next colour change: round 26,
 * Cranberry (B)." or NULL when no machine drives the session. */
char            *st_knit_session_describe_machine (StKnitSession       *session);

/* Stores a position in the saved file @path without touching the rest of
 * what is saved there (unsaved edits stay unsaved): loads it, sets its
 * progress (clamped to its chart) and writes it back atomically. */
gboolean         st_knit_progress_write_file     (const char           *path,
                                                  guint                 row,
                                                  guint                 needle,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StKnitSession, st_knit_session_free)

G_END_DECLS
