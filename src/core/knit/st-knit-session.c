/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-knit-session.h"

#include <glib/gi18n-lib.h>

#include "st-check.h"
#include "st-knit-private.h"
#include "st-pattern-file.h"

/* Up to this many stitches warnings name the proposer's catches. */
#define ST_KNIT_PROPOSALS_MAX_STITCHES 2000000

struct _StKnitSession
{
  StPattern           *pattern;      /* borrowed */
  guint                row;
  guint                needle;
  StKnitCue            cue;

  StChecker           *checker;
  GArray              *milestones;   /* StKnitMilestone */
  GArray              *proposals;    /* StCatch for long floats; built when a warning needs it */
  guint32             *row_yarns;    /* st_knit_row_yarns() of every round, for milestones */
  guint                n_row_yarns;

  /* Instructions of the current round and the next, built on demand. */
  guint                cached_row;   /* G_MAXUINT: none */
  StRoundInstructions *round;
  StRoundInstructions *next;

  gboolean             machine;
  StJobProgress        machine_progress;
  gboolean             machine_cued;
  guint64              machine_cued_round;
  guint                machine_cued_pass;
};

static void
clear_instructions (StKnitSession *session)
{
  g_clear_pointer (&session->round, st_round_instructions_free);
  g_clear_pointer (&session->next, st_round_instructions_free);
  session->cached_row = G_MAXUINT;
}

static void
ensure_instructions (StKnitSession *session)
{
  guint rows = st_pattern_rows (session->pattern);

  if (session->cached_row == session->row)
    return;
  /* A step to the next round reuses what was the next round. */
  if (session->next != NULL && session->cached_row + 1 == session->row)
    {
      g_clear_pointer (&session->round, st_round_instructions_free);
      session->round = g_steal_pointer (&session->next);
    }
  else
    {
      clear_instructions (session);
      session->round = st_round_instructions_new (session->pattern, session->row);
    }
  session->next = session->row + 1 < rows ? st_round_instructions_new (session->pattern, session->row + 1) : NULL;
  session->cached_row = session->row;
}

static void
store_progress (StKnitSession *session)
{
  session->pattern->has_progress = TRUE;
  session->pattern->progress_row = session->row;
  session->pattern->progress_needle = session->needle;
}

static guint64
position_index (StKnitSession *session)
{
  return (guint64) session->row * st_pattern_needles (session->pattern) + session->needle;
}

static guint64
last_index (StKnitSession *session)
{
  return (guint64) st_pattern_rows (session->pattern) * st_pattern_needles (session->pattern) - 1;
}

static gboolean
change_at (const StRoundInstructions *round,
           guint                      needle)
{
  for (guint i = 0; i < round->n_changes; i++)
    if (round->changes[i].needle == needle)
      return TRUE;
  return FALSE;
}

static gboolean
catch_at (const StRoundInstructions *round,
          guint                      needle)
{
  for (guint i = 0; i < round->n_catches; i++)
    if (round->catches[i].needle == needle)
      return TRUE;
  return FALSE;
}

/* Refreshes the yarns of rounds @first..@last (all after a size change)
 * and rebuilds the milestones from them. */
static void
update_milestones (StKnitSession *session,
                   guint          first,
                   guint          last)
{
  guint rows = st_pattern_rows (session->pattern);

  if (session->n_row_yarns != rows)
    {
      g_free (session->row_yarns);
      session->row_yarns = g_new (guint32, rows);
      session->n_row_yarns = rows;
      first = 0;
      last = rows - 1;
    }
  for (guint r = first; r <= MIN (last, rows - 1); r++)
    session->row_yarns[r] = st_knit_row_yarns (session->pattern, r);
  g_clear_pointer (&session->milestones, g_array_unref);
  session->milestones = st_knit_milestones_new (session->pattern, session->row_yarns);
}

static gboolean
milestone_starts (StKnitSession       *session,
                  StKnitMilestoneKind  kind,
                  guint                row)
{
  for (guint i = 0; i < session->milestones->len; i++)
    {
      const StKnitMilestone *m = &g_array_index (session->milestones, StKnitMilestone, i);

      if (m->kind == kind && m->first_row == row)
        return TRUE;
    }
  return FALSE;
}

gboolean
st_knit_session_change_due (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  ensure_instructions (session);
  if (change_at (session->round, session->needle))
    return TRUE;
  /* Machines with several feeds list no hand changes: the cue comes where
   * a round with other yarns begins (thread the feed). */
  return session->needle == 0 && session->row > 0 && session->round->n_changes == 0 &&
         !st_instructions_prompt_changes (session->pattern) &&
         milestone_starts (session, ST_KNIT_MILESTONE_COLOR_CHANGE, session->row);
}

/* Moves to stitch @index of the spiral and works out the cue. */
static gboolean
move_to_index (StKnitSession *session,
               guint64        index)
{
  guint needles = st_pattern_needles (session->pattern);
  guint64 from = position_index (session);
  guint old_row = session->row;

  index = MIN (index, last_index (session));
  session->cue = ST_KNIT_CUE_NONE;
  if (index == from)
    return FALSE;
  session->row = (guint) (index / needles);
  session->needle = (guint) (index % needles);
  store_progress (session);
  if (index > from)
    {
      if (st_knit_session_change_due (session))
        session->cue = ST_KNIT_CUE_CHANGE;
      else if (session->row != old_row)
        session->cue = ST_KNIT_CUE_ROUND;
    }
  return TRUE;
}

StKnitSession *
st_knit_session_new (StPattern *pattern)
{
  StKnitSession *session;
  StCheckOptions options;

  g_return_val_if_fail (pattern != NULL, NULL);

  session = g_new0 (StKnitSession, 1);
  session->pattern = pattern;
  session->cached_row = G_MAXUINT;
  st_check_options_init (&options);
  /* The per-stitch risk map is for the designer's heat map, not needed here. */
  options.skip_risk = TRUE;
  session->checker = st_checker_new (&options);
  st_checker_check_all (session->checker, pattern);
  update_milestones (session, 0, st_pattern_rows (pattern) - 1);
  if (pattern->has_progress)
    {
      session->row = MIN (pattern->progress_row, st_pattern_rows (pattern) - 1);
      session->needle = MIN (pattern->progress_needle, st_pattern_needles (pattern) - 1);
    }
  return session;
}

void
st_knit_session_free (StKnitSession *session)
{
  if (session == NULL)
    return;
  clear_instructions (session);
  g_clear_pointer (&session->checker, st_checker_free);
  g_clear_pointer (&session->milestones, g_array_unref);
  g_clear_pointer (&session->proposals, g_array_unref);
  g_free (session->row_yarns);
  g_free (session);
}

StPattern *
st_knit_session_get_pattern (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);
  return session->pattern;
}

void
st_knit_session_pattern_changed (StKnitSession *session,
                                 guint          first_row,
                                 guint          last_row,
                                 gboolean       structure)
{
  guint rows, needles;

  g_return_if_fail (session != NULL);

  rows = st_pattern_rows (session->pattern);
  needles = st_pattern_needles (session->pattern);
  st_checker_update (session->checker, session->pattern, TRUE, first_row, last_row, structure);
  clear_instructions (session);
  g_clear_pointer (&session->proposals, g_array_unref);
  /* Duplicate stitches and palette changes can touch any round. */
  if (structure)
    update_milestones (session, 0, rows - 1);
  else
    update_milestones (session, first_row, last_row);
  if (session->row >= rows || session->needle >= needles)
    {
      session->row = MIN (session->row, rows - 1);
      session->needle = MIN (session->needle, needles - 1);
      if (session->pattern->has_progress)
        store_progress (session);
    }
}

guint
st_knit_session_get_row (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, 0);
  return session->row;
}

guint
st_knit_session_get_needle (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, 0);
  return session->needle;
}

double
st_knit_session_get_fraction (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, 0);
  return (double) position_index (session) / (double) (last_index (session) + 1);
}

gboolean
st_knit_session_go_to (StKnitSession *session,
                       guint          row,
                       guint          needle)
{
  guint needles;

  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine)
    return FALSE;
  needles = st_pattern_needles (session->pattern);
  row = MIN (row, st_pattern_rows (session->pattern) - 1);
  needle = MIN (needle, needles - 1);
  return move_to_index (session, (guint64) row * needles + needle);
}

gboolean
st_knit_session_next_needle (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine)
    return FALSE;
  return move_to_index (session, position_index (session) + 1);
}

gboolean
st_knit_session_previous_needle (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine || position_index (session) == 0)
    return FALSE;
  return move_to_index (session, position_index (session) - 1);
}

gboolean
st_knit_session_next_round (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine || session->row + 1 >= st_pattern_rows (session->pattern))
    return FALSE;
  return move_to_index (session, position_index (session) + st_pattern_needles (session->pattern));
}

gboolean
st_knit_session_previous_round (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine || session->row == 0)
    return FALSE;
  return move_to_index (session, position_index (session) - st_pattern_needles (session->pattern));
}

gboolean
st_knit_session_is_stop (StKnitSession *session,
                         guint          row,
                         guint          needle)
{
  g_autoptr(StRoundInstructions) other = NULL;
  const StRoundInstructions *round;

  g_return_val_if_fail (session != NULL, FALSE);

  if (row >= st_pattern_rows (session->pattern) || needle >= st_pattern_needles (session->pattern))
    return FALSE;
  if (needle == 0)
    return TRUE;
  ensure_instructions (session);
  if (row == session->row)
    round = session->round;
  else if (row == session->row + 1 && session->next != NULL)
    round = session->next;
  else
    round = other = st_round_instructions_new (session->pattern, row);
  return change_at (round, needle) || catch_at (round, needle);
}

/* The first stop of @round after @needle, or G_MAXUINT. */
static guint
stop_after (const StRoundInstructions *round,
            guint                      needle)
{
  guint best = G_MAXUINT;

  for (guint i = 0; i < round->n_changes; i++)
    if (round->changes[i].needle > needle)
      best = MIN (best, round->changes[i].needle);
  for (guint i = 0; i < round->n_catches; i++)
    if (round->catches[i].needle > needle)
      best = MIN (best, round->catches[i].needle);
  return best;
}

/* The last stop of @round before @needle (needle 0 always is one), or
 * G_MAXUINT when @needle is 0. */
static guint
stop_before (const StRoundInstructions *round,
             guint                      needle)
{
  guint best = 0;

  if (needle == 0)
    return G_MAXUINT;
  for (guint i = 0; i < round->n_changes; i++)
    if (round->changes[i].needle < needle)
      best = MAX (best, round->changes[i].needle);
  for (guint i = 0; i < round->n_catches; i++)
    if (round->catches[i].needle < needle)
      best = MAX (best, round->catches[i].needle);
  return best;
}

gboolean
st_knit_session_next_stop (StKnitSession *session)
{
  guint stop;

  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine)
    return FALSE;
  ensure_instructions (session);
  stop = stop_after (session->round, session->needle);
  if (stop != G_MAXUINT)
    return move_to_index (session, (guint64) session->row * st_pattern_needles (session->pattern) + stop);
  /* Needle 1 of the next round; the cast-off round ends at its last needle. */
  if (session->row + 1 < st_pattern_rows (session->pattern))
    return move_to_index (session, (guint64) (session->row + 1) * st_pattern_needles (session->pattern));
  return move_to_index (session, last_index (session));
}

gboolean
st_knit_session_previous_stop (StKnitSession *session)
{
  guint needles, stop;

  g_return_val_if_fail (session != NULL, FALSE);

  if (session->machine || position_index (session) == 0)
    return FALSE;
  needles = st_pattern_needles (session->pattern);
  ensure_instructions (session);
  stop = stop_before (session->round, session->needle);
  if (stop != G_MAXUINT)
    return move_to_index (session, (guint64) session->row * needles + stop);
  {
    g_autoptr(StRoundInstructions) previous = st_round_instructions_new (session->pattern, session->row - 1);

    stop = stop_before (previous, needles);
    return move_to_index (session, (guint64) (session->row - 1) * needles + stop);
  }
}

StKnitCue
st_knit_session_get_cue (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, ST_KNIT_CUE_NONE);
  return session->cue;
}

const StRoundInstructions *
st_knit_session_get_instructions (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);
  ensure_instructions (session);
  return session->round;
}

const StRoundInstructions *
st_knit_session_get_next_instructions (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);
  ensure_instructions (session);
  return session->next;
}

/* Catch proposals cover the whole pattern: on huge charts (seconds of
 * work after every edit) the warnings name the float's middle instead. */
static gboolean
proposals_affordable (StKnitSession *session)
{
  return (guint64) st_pattern_rows (session->pattern) * st_pattern_needles (session->pattern) <=
         ST_KNIT_PROPOSALS_MAX_STITCHES;
}

GPtrArray *
st_knit_session_get_warnings (StKnitSession *session)
{
  const StCheckResult *result;
  g_autoptr(GArray) findings = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint32 yarns_said = 0;

  g_return_val_if_fail (session != NULL, out);

  result = st_checker_get_result (session->checker);
  if (result == NULL)
    return out;
  st_check_result_get_findings (result, session->row, session->row, findings);
  for (guint i = 0; i < findings->len; i++)
    {
      const StCheckFinding *f = &g_array_index (findings, StCheckFinding, i);
      g_autoptr(GArray) floats = NULL;
      char *text;

      /* Long floats name the needles the catch proposer picks. */
      if (f->rule == ST_CHECK_FLOAT_LONG && session->proposals == NULL && proposals_affordable (session))
        session->proposals = st_check_propose_catches (session->pattern, NULL, NULL);
      if (f->rule == ST_CHECK_FLOAT_LONG && f->yarn >= 0 && f->yarn < 32)
        {
          /* A yarn's long floats are one sentence, said where the first is. */
          if (yarns_said & (1u << f->yarn))
            continue;
          yarns_said |= 1u << f->yarn;
          floats = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));
          for (guint j = i; j < findings->len; j++)
            {
              const StCheckFinding *g = &g_array_index (findings, StCheckFinding, j);

              if (g->rule == ST_CHECK_FLOAT_LONG && g->yarn == f->yarn)
                g_array_append_val (floats, *g);
            }
        }
      if (floats != NULL && floats->len > 1)
        text = st_knit_describe_floats (session->pattern, floats, session->proposals);
      else
        text = st_knit_describe_finding (session->pattern, result, f, session->proposals);
      if (text != NULL)
        g_ptr_array_add (out, text);
    }
  return out;
}

const GArray *
st_knit_session_get_milestones (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);
  return session->milestones;
}

const StKnitMilestone *
st_knit_session_get_current_milestone (StKnitSession *session)
{
  const StKnitMilestone *best = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  /* Of overlapping milestones the one that began last is the news. */
  for (guint i = 0; i < session->milestones->len; i++)
    {
      const StKnitMilestone *m = &g_array_index (session->milestones, StKnitMilestone, i);

      if (m->first_row <= session->row && session->row <= m->last_row &&
          (best == NULL || m->first_row >= best->first_row))
        best = m;
    }
  return best;
}

const StKnitMilestone *
st_knit_session_get_next_milestone (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);

  for (guint i = 0; i < session->milestones->len; i++)
    {
      const StKnitMilestone *m = &g_array_index (session->milestones, StKnitMilestone, i);

      if (m->first_row > session->row)
        return m;
    }
  return NULL;
}

/* Machine progress */

gboolean
st_knit_session_set_machine_progress (StKnitSession       *session,
                                      const StJobProgress *progress)
{
  guint needles;
  guint64 next_round;
  guint next_pass;

  g_return_val_if_fail (session != NULL, FALSE);

  session->cue = ST_KNIT_CUE_NONE;
  if (progress == NULL)
    {
      session->machine = FALSE;
      session->machine_cued = FALSE;
      return FALSE;
    }
  needles = st_pattern_needles (session->pattern);
  session->machine = TRUE;
  session->machine_progress = *progress;
  session->row = MIN (progress->row, st_pattern_rows (session->pattern) - 1);
  session->needle = progress->needle < needles ? progress->needle : 0;
  store_progress (session);

  if (!progress->has_next_change)
    return FALSE;
  /* Due when the very next pass knits other yarns. */
  if (progress->pass + 1 < progress->passes)
    {
      next_round = progress->round;
      next_pass = progress->pass + 1;
    }
  else
    {
      next_round = progress->round + 1;
      next_pass = 0;
    }
  if (progress->next_change_round != next_round || progress->next_change_pass != next_pass)
    return FALSE;
  if (session->machine_cued && session->machine_cued_round == next_round &&
      session->machine_cued_pass == next_pass)
    return FALSE;
  session->machine_cued = TRUE;
  session->machine_cued_round = next_round;
  session->machine_cued_pass = next_pass;
  session->cue = ST_KNIT_CUE_CHANGE;
  return TRUE;
}

gboolean
st_knit_session_is_machine_driven (StKnitSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);
  return session->machine;
}

char *
st_knit_session_describe_machine (StKnitSession *session)
{
  const StJobProgress *p;
  GString *out;
  g_autofree char *where = NULL;
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  if (!session->machine)
    return NULL;
  p = &session->machine_progress;
  if (p->total_rounds > 0)
    /* Translators: where a machine job is: "round 77 of 120 (pattern
     * round 17), pass 1 of 2", in "Machine: %s.". */
    where = g_strdup_printf (_("round %lu of %lu"), (unsigned long) p->round + 1,
                             (unsigned long) p->total_rounds);
  else
    where = g_strdup_printf (_("round %lu"), (unsigned long) p->round + 1);
  if (p->repeat > 0 || p->round != p->row)
    {
      char *longer = g_strdup_printf (_("%s (pattern round %u)"), where, p->row + 1);

      g_free (where);
      where = longer;
    }
  if (p->passes > 1)
    {
      char *longer = g_strdup_printf (_("%s, pass %u of %u"), where, p->pass + 1, p->passes);

      g_free (where);
      where = longer;
    }
  out = g_string_new (NULL);
  g_string_append_printf (out, _("Machine: %s."), where);
  g_clear_pointer (&where, g_free);
  if (p->has_next_change)
    {
      g_autofree char *yarns = st_knit_yarn_list (session->pattern, p->next_change_yarns);

      where = g_strdup_printf (_("round %lu"), (unsigned long) p->next_change_round + 1);
      if (p->passes > 1)
        {
          /* Translators: "round 77, pass 2", in "Next colour change: %s.". */
          char *longer = g_strdup_printf (_("%s, pass %u"), where, p->next_change_pass + 1);

          g_free (where);
          where = longer;
        }
      if (*yarns != '\0')
        /* Translators: "Next colour change: round 77, pass 2, to Cream (A)
         * and Cranberry (B)." */
        sentence = g_strdup_printf (_("Next colour change: %s, to %s."), where, yarns);
      else
        sentence = g_strdup_printf (_("Next colour change: %s."), where);
      st_knit_append_sentence (out, sentence);
    }
  else
    st_knit_append_sentence (out, _("No more colour changes."));
  return g_string_free (out, FALSE);
}

/* Saved progress */

gboolean
st_knit_progress_write_file (const char  *path,
                             guint        row,
                             guint        needle,
                             GError     **error)
{
  g_autoptr(StPattern) saved = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  saved = st_pattern_load_file (path, error);
  if (saved == NULL)
    return FALSE;
  row = MIN (row, st_pattern_rows (saved) - 1);
  needle = MIN (needle, st_pattern_needles (saved) - 1);
  if (saved->has_progress && saved->progress_row == row && saved->progress_needle == needle)
    return TRUE;
  saved->has_progress = TRUE;
  saved->progress_row = row;
  saved->progress_needle = needle;
  return st_pattern_save_file (saved, path, error);
}
