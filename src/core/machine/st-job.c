/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job.c: the dialect-independent part of the job engine (see JOBS.md).
 */
#include "config.h"

#include "st-job-private.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

G_DEFINE_ENUM_TYPE (StJobState, st_job_state,
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_WAITING_READY, "waiting-ready"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_KNITTING, "knitting"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_FINISHING, "finishing"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_CANCELLING, "cancelling"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (ST_JOB_STATE_FAILED, "failed"))

const char *
st_job_state_to_string (StJobState state)
{
  switch (state)
    {
    case ST_JOB_STATE_IDLE: return "idle";
    case ST_JOB_STATE_CONNECTING: return "connecting";
    case ST_JOB_STATE_WAITING_READY: return "waiting for the carriage";
    case ST_JOB_STATE_STARTING: return "starting";
    case ST_JOB_STATE_KNITTING: return "knitting";
    case ST_JOB_STATE_PAUSED: return "paused";
    case ST_JOB_STATE_FINISHING: return "finishing";
    case ST_JOB_STATE_CANCELLING: return "cancelling";
    case ST_JOB_STATE_COMPLETED: return "completed";
    case ST_JOB_STATE_CANCELLED: return "cancelled";
    case ST_JOB_STATE_DISCONNECTED: return "disconnected";
    case ST_JOB_STATE_FAILED: return "failed";
    default: return "unknown";
    }
}

gboolean
st_job_state_is_final (StJobState state)
{
  return state >= ST_JOB_STATE_COMPLETED;
}

void
st_job_timings_default (StJobTimings *t)
{
  t->retry = 200 * 1000;
  t->handshake = 10 * G_USEC_PER_SEC;
  t->resend = G_USEC_PER_SEC;
  t->ready_probe = G_USEC_PER_SEC;
  t->silence = 3 * G_USEC_PER_SEC;
  t->probe = G_USEC_PER_SEC;
  t->probe_attempts = 3;
  t->ack = 500 * 1000;
  t->ack_attempts = 10;
  t->finish = 3 * G_USEC_PER_SEC;
}

gsize
st_job_max_frame (StProtocol protocol)
{
  /* Room for a frame of the other dialect too, so a wrong --protocol is
   * recognised instead of dropped as oversized. */
  return ST_CIRCULAR_MAX_PAYLOAD + 16;
}

static void
clear_timers (StJob *job)
{
  job->t_retry = ST_JOB_NEVER;
  job->t_deadline = ST_JOB_NEVER;
  job->t_resend = ST_JOB_NEVER;
  job->t_probe = ST_JOB_NEVER;
}

StJob *
st_job_new (const StPattern      *pattern,
            const StJobOptions   *options,
            const StJobCallbacks *callbacks,
            gpointer              user_data,
            GError              **error)
{
  StJobPlan *plan;
  StJob *job;

  g_return_val_if_fail (callbacks != NULL && callbacks->send != NULL, NULL);

  plan = st_job_plan_new (pattern, options, error);
  if (plan == NULL)
    return NULL;
  job = g_new0 (StJob, 1);
  job->plan = plan;
  job->options = *options;
  job->cb = *callbacks;
  job->user_data = user_data;
  job->driver = options->protocol == ST_PROTOCOL_AYAB ? &st_job_ayab_driver : &st_job_circular_driver;
  st_job_timings_default (&job->t);
  job->job_id = options->job_id != 0 ? options->job_id : (guint16) g_random_int_range (1, 65536);
  job->rounds_done = options->first_round;
  job->state = ST_JOB_STATE_IDLE;
  clear_timers (job);

  job->progress.total_rounds = plan->total_rounds;
  job->progress.rounds_done = job->rounds_done;
  job->progress.passes = plan->passes_per_round;
  job->progress.needle = G_MAXUINT;
  job->progress.round = job->rounds_done;
  job->progress.row = st_job_plan_row (plan, job->rounds_done);
  job->progress.repeat = (guint) ((plan->start_row + job->rounds_done) / plan->rows);
  job->progress.yarns = st_job_plan_pass_yarns (plan, job->rounds_done, 0);
  job->progress.has_next_change =
    st_job_plan_next_change (plan, job->rounds_done, 0, &job->progress.next_change_round,
                             &job->progress.next_change_pass, &job->progress.next_change_yarns);
  return job;
}

void
st_job_free (StJob *job)
{
  if (job == NULL)
    return;
  st_job_plan_free (job->plan);
  g_free (job->message);
  g_free (job);
}

void
st_job_set_timings (StJob              *job,
                    const StJobTimings *timings)
{
  job->t = *timings;
}

void
st_job_log (StJob         *job,
            StJobLogLevel  level,
            const char    *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (job->cb.log == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  job->cb.log (job->user_data, level, message);
}

void
st_job_log_garbled (StJob      *job,
                    gsize       length,
                    const char *problem)
{
  const char *what;

  if (problem != NULL)
    what = _(problem);
  else
    /* Translators: what is wrong with a message from the machine,
     * in "Ignored a garbled message from the machine (12 bytes,
     * %s)": it is one only the computer sends. */
    what = _("a host command");
  st_job_log (job, ST_JOB_LOG_WARNING,
              g_dngettext (GETTEXT_PACKAGE,
                           "Ignored a garbled message from the machine (%zu byte, %s)",
                           "Ignored a garbled message from the machine (%zu bytes, %s)",
                           (gulong) length),
              length, what);
}

void
st_job_set_state (StJob      *job,
                  StJobState  state)
{
  if (job->state == state)
    return;
  job->state = state;
  if (st_job_state_is_final (state))
    {
      clear_timers (job);
      job->phase = ST_JOB_PHASE_DONE;
    }
  if (job->cb.state_changed != NULL)
    job->cb.state_changed (job->user_data, state);
}

void
st_job_send (StJob        *job,
             const guint8 *payload,
             gsize         length)
{
  if (st_job_state_is_final (job->state))
    return;
  job->stats.frames_out++;
  job->cb.send (job->user_data, payload, length);
}

void
st_job_stop (StJob      *job,
             StJobState  state,
             const char *format,
             ...)
{
  va_list args;

  if (st_job_state_is_final (job->state))
    return;
  va_start (args, format);
  g_free (job->message);
  job->message = g_strdup_vprintf (format, args);
  va_end (args);
  /* State first: a listener can tell the final message by the state. */
  st_job_set_state (job, state);
  st_job_log (job, state == ST_JOB_STATE_COMPLETED ? ST_JOB_LOG_INFO : ST_JOB_LOG_ERROR,
              "%s", job->message);
}

void
st_job_refuse (StJob      *job,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (st_job_state_is_final (job->state))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Set first: the state change is where the job record is dropped. */
  job->refused = TRUE;
  st_job_stop (job, ST_JOB_STATE_FAILED, "%s", message);
}

char *
st_job_round_label (StJob   *job,
                    guint64  round)
{
  if (job->plan->total_rounds == 0)
    /* Translators: a round of an endless job and its pattern row, used
     * inside sentences: "Knitting from round 12 (row 2)". */
    return g_strdup_printf (_("round %llu (row %u)"), (unsigned long long) round + 1,
                            st_job_plan_row (job->plan, round) + 1);
  /* Translators: used inside sentences: "Knitting from round 12 of 60". */
  return g_strdup_printf (_("round %llu of %llu"), (unsigned long long) round + 1,
                          (unsigned long long) job->plan->total_rounds);
}

char *
st_job_done_text (StJob *job)
{
  if (job->rounds_done == 0)
    return g_strdup (_("No round is knitted yet."));
  if (job->rounds_done == 1)
    return g_strdup (_("Round 1 is knitted."));
  return g_strdup_printf (_("Rounds 1 to %llu are knitted."), (unsigned long long) job->rounds_done);
}

static void
emit_progress (StJob *job)
{
  if (job->cb.progress != NULL)
    job->cb.progress (job->user_data, &job->progress);
}

void
st_job_confirm (StJob   *job,
                guint64  rounds)
{
  if (rounds <= job->rounds_done)
    return;
  if (job->plan->total_rounds != 0)
    rounds = MIN (rounds, job->plan->total_rounds);
  st_job_log (job, ST_JOB_LOG_DEBUG, "rounds %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT " knitted",
              job->rounds_done + 1, rounds);
  job->rounds_done = rounds;
  job->progress.rounds_done = rounds;
  if (job->cb.rounds_done != NULL)
    job->cb.rounds_done (job->user_data, rounds);
  emit_progress (job);
}

void
st_job_report (StJob   *job,
               guint64  round,
               guint    pass,
               guint    needle)
{
  StJobProgress *p = &job->progress;

  p->round = round;
  p->row = st_job_plan_row (job->plan, round);
  p->repeat = (guint) ((job->plan->start_row + round) / job->plan->rows);
  p->pass = pass;
  p->needle = needle;
  p->yarns = st_job_plan_pass_yarns (job->plan, round, pass);
  p->has_next_change = st_job_plan_next_change (job->plan, round, pass, &p->next_change_round,
                                                &p->next_change_pass, &p->next_change_yarns);
  emit_progress (job);
}

void
st_job_heard (StJob  *job,
              gint64  now)
{
  job->probe_count = 0;
  if (job->phase == ST_JOB_PHASE_READY || job->phase == ST_JOB_PHASE_KNIT)
    job->t_probe = now + job->t.silence;
}

gboolean
st_job_probe_due (StJob  *job,
                  gint64  now)
{
  if (job->probe_count >= job->t.probe_attempts)
    {
      g_autofree char *done = st_job_done_text (job);

      st_job_stop (job, ST_JOB_STATE_DISCONNECTED,
                   /* Translators: %.0f is seconds; the last %s says what
                    * is knitted: "Rounds 1 to 25 are knitted." */
                   _("The machine stopped answering (nothing for %.0f s). %s"),
                   (job->t.silence + job->t.probe * job->t.probe_attempts) / (double) G_USEC_PER_SEC,
                   done);
      return FALSE;
    }
  job->probe_count++;
  job->stats.probes++;
  job->t_probe = now + job->t.probe;
  st_job_log (job, ST_JOB_LOG_DEBUG, "no message for a while: probing the machine (%u)",
              job->probe_count);
  return TRUE;
}

void
st_job_start (StJob  *job,
              gint64  now)
{
  g_return_if_fail (job->state == ST_JOB_STATE_IDLE);
  job->driver->start (job, now);
}

void
st_job_receive (StJob        *job,
                const guint8 *payload,
                gsize         length,
                gint64        now)
{
  if (st_job_state_is_final (job->state) || job->state == ST_JOB_STATE_IDLE)
    return;
  job->stats.frames_in++;
  job->driver->receive (job, payload, length, now);
}

void
st_job_framing_error (StJob        *job,
                      StSlipResult  result,
                      gint64        now)
{
  const char *what;

  if (st_job_state_is_final (job->state))
    return;
  job->stats.framing_errors++;
  /* Translators: what was wrong with a frame from the machine, in
   * "Dropped a garbled frame from the machine (%s)". SLIP is the framing of
   * the serial protocol: keep the name. */
  what = result == ST_SLIP_OVERSIZED ? _("too long") : _("bad SLIP escape");
  st_job_log (job, ST_JOB_LOG_WARNING, _("Dropped a garbled frame from the machine (%s)"), what);
}

void
st_job_tick (StJob  *job,
             gint64  now)
{
  if (st_job_state_is_final (job->state) || job->state == ST_JOB_STATE_IDLE)
    return;
  job->driver->tick (job, now);
  /* Everything due was handled; a timer still due belongs to another phase.
   * Left alone it would make the caller's loop spin. */
  if (job->t_retry <= now)
    job->t_retry = ST_JOB_NEVER;
  if (job->t_deadline <= now)
    job->t_deadline = ST_JOB_NEVER;
  if (job->t_resend <= now)
    job->t_resend = ST_JOB_NEVER;
  if (job->t_probe <= now)
    job->t_probe = ST_JOB_NEVER;
}

gint64
st_job_next_deadline (const StJob *job)
{
  gint64 next = ST_JOB_NEVER;

  if (st_job_state_is_final (job->state))
    return ST_JOB_NEVER;
  next = MIN (next, job->t_retry);
  next = MIN (next, job->t_deadline);
  next = MIN (next, job->t_resend);
  next = MIN (next, job->t_probe);
  for (guint i = 0; i < job->circ.n_out; i++)
    next = MIN (next, job->circ.out[i].due);
  return next;
}

void
st_job_pause (StJob  *job,
              gint64  now)
{
  if (job->state != ST_JOB_STATE_KNITTING)
    return;
  job->user_paused = TRUE;
  st_job_set_state (job, ST_JOB_STATE_PAUSED);
  st_job_log (job, ST_JOB_LOG_INFO, "%s",
              job->plan->passes_per_round > 1 ? _("Paused after the current pass")
                                              : _("Paused after the current round"));
  job->driver->pause (job, now);
}

void
st_job_resume (StJob  *job,
               gint64  now)
{
  if (job->state != ST_JOB_STATE_PAUSED)
    return;
  job->user_paused = FALSE;
  st_job_set_state (job, ST_JOB_STATE_KNITTING);
  st_job_log (job, ST_JOB_LOG_INFO, "%s", _("Resumed"));
  job->driver->resume (job, now);
}

void
st_job_cancel (StJob  *job,
               gint64  now)
{
  if (st_job_state_is_final (job->state) || job->state == ST_JOB_STATE_CANCELLING)
    return;
  if (job->state == ST_JOB_STATE_IDLE)
    {
      st_job_stop (job, ST_JOB_STATE_CANCELLED, "%s", _("Cancelled before it started"));
      return;
    }
  job->driver->cancel (job, now);
}

void
st_job_disconnected (StJob      *job,
                     const char *reason,
                     gint64      now)
{
  if (st_job_state_is_final (job->state))
    return;
  if (job->state == ST_JOB_STATE_CANCELLING)
    {
      st_job_stop (job, ST_JOB_STATE_CANCELLED, _("Cancelled; the link closed (%s)"), reason);
      return;
    }
  {
    g_autofree char *done = st_job_done_text (job);

    /* Translators: the first %s is why ("/dev/ttyACM0: hang-up (the device
     * was unplugged or closed)"), the second what is knitted ("Rounds 1 to
     * 25 are knitted."). */
    st_job_stop (job, ST_JOB_STATE_DISCONNECTED, _("The machine was disconnected (%s). %s"),
                 reason, done);
  }
}

/* "A and B": the keys of @yarns, without the names. */
static char *
describe_keys (const StJobPlan *plan,
               guint32          yarns)
{
  char *out = NULL;
  guint total = (guint) __builtin_popcount (yarns), seen = 0;

  for (guint i = 0; i < plan->n_yarns; i++)
    {
      char key[2] = { plan->keys[i], '\0' };
      char *longer;

      if (!(yarns & (1u << i)))
        continue;
      if (seen++ == 0)
        {
          out = g_strdup (key);
          continue;
        }
      /* Same wording as st_job_plan_describe_yarns(). */
      longer = g_strdup_printf (seen == total ? _("%s and %s") : _("%s, %s"), out, key);
      g_free (out);
      out = longer;
    }
  return out != NULL ? out : g_strdup ("");
}

static char *
progress_next_change (const StJobPlan     *plan,
                      const StJobProgress *p,
                      gboolean             names)
{
  g_autofree char *next = names ? st_job_plan_describe_yarns (plan, p->next_change_yarns)
                                : describe_keys (plan, p->next_change_yarns);

  if (p->passes > 1)
    /* Translators: in the progress bar: where the yarns change next,
     * and to which yarns. */
    return g_strdup_printf (_("next change: round %lu pass %u, %s"),
                            (unsigned long) (p->next_change_round + 1), p->next_change_pass + 1, next);
  /* Translators: in the progress bar: where the yarns change next,
   * and to which yarns. */
  return g_strdup_printf (_("next change: round %lu, %s"), (unsigned long) (p->next_change_round + 1), next);
}

char *
st_job_progress_line (const StJobPlan     *plan,
                      const StJobProgress *p,
                      guint                columns)
{
  g_autofree char *bar = NULL;
  g_autofree char *head = NULL;
  g_autofree char *pass = NULL;
  g_autofree char *yarns = st_job_plan_describe_yarns (plan, p->yarns);
  g_autofree char *yarn_keys = describe_keys (plan, p->yarns);
  g_autofree char *next = NULL;
  g_autofree char *next_keys = NULL;
  /* Most to least complete: which parts to show, and with names or not. */
  static const struct { gboolean bar, pass, yarns, next, names; } levels[] = {
    { TRUE, TRUE, TRUE, TRUE, TRUE },
    { TRUE, TRUE, TRUE, TRUE, FALSE },
    { TRUE, TRUE, TRUE, FALSE, FALSE },
    { TRUE, TRUE, FALSE, FALSE, FALSE },
    { FALSE, TRUE, FALSE, FALSE, FALSE },
    { FALSE, FALSE, FALSE, FALSE, FALSE },
  };
  char *line = NULL;

  if (p->total_rounds != 0)
    {
      guint64 passes = p->total_rounds * p->passes;
      double fraction = passes ? (double) (p->rounds_done * p->passes) / passes : 0;
      guint cells = 20, full = (guint) (fraction * cells + 0.5);
      GString *cells_text = g_string_new ("[");

      for (guint i = 0; i < cells; i++)
        g_string_append_c (cells_text, i < full ? '#' : '-');
      g_string_append (cells_text, "] ");
      bar = g_string_free (cells_text, FALSE);
      /* Translators: in the progress bar: the share done, then the round
       * being knitted of all rounds. */
      head = g_strdup_printf (_("%3.0f%%  round %lu/%lu"), fraction * 100,
                              (unsigned long) MIN (p->round + 1, p->total_rounds),
                              (unsigned long) p->total_rounds);
    }
  else
    /* Translators: in the progress bar of an endless job. */
    head = g_strdup_printf (_("round %lu (row %u, repeat %u)"),
                            (unsigned long) (p->round + 1), p->row + 1, p->repeat + 1);
  if (p->passes > 1)
    /* Translators: in the progress bar: the carriage pass of the row. */
    pass = g_strdup_printf (_("pass %u/%u"), p->pass + 1, p->passes);
  if (p->has_next_change)
    {
      next = progress_next_change (plan, p, TRUE);
      next_keys = progress_next_change (plan, p, FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      GString *text = g_string_new (NULL);

      if (levels[i].bar && bar != NULL)
        g_string_append (text, bar);
      g_string_append (text, head);
      if (levels[i].pass && pass != NULL)
        g_string_append_printf (text, "  %s", pass);
      if (levels[i].yarns && yarns[0] != '\0')
        g_string_append_printf (text, "  %s", levels[i].names ? yarns : yarn_keys);
      if (levels[i].next && next != NULL)
        g_string_append_printf (text, "  | %s", levels[i].names ? next : next_keys);
      if (g_utf8_strlen (text->str, -1) <= (glong) columns || i == G_N_ELEMENTS (levels) - 1)
        {
          line = g_string_free (text, FALSE);
          break;
        }
      g_string_free (text, TRUE);
    }
  /* Narrower than the round itself: end at a space, never inside a number. */
  if (g_utf8_strlen (line, -1) > (glong) columns)
    {
      char *end = g_utf8_offset_to_pointer (line, columns);
      gboolean at_space = *end == ' ';

      *end = '\0';
      if (!at_space)
        {
          end = strrchr (line, ' ');
          *(end != NULL ? end : line) = '\0';
        }
      g_strchomp (line);
    }
  return line;
}

StJobState
st_job_get_state (const StJob *job)
{
  return job->state;
}

const StJobProgress *
st_job_get_progress (const StJob *job)
{
  return &job->progress;
}

guint64
st_job_get_rounds_done (const StJob *job)
{
  return job->rounds_done;
}

const StJobPlan *
st_job_get_plan (const StJob *job)
{
  return job->plan;
}

const StDeviceInfo *
st_job_get_device_info (const StJob *job)
{
  return job->have_info ? &job->info : NULL;
}

const StJobStats *
st_job_get_stats (const StJob *job)
{
  return &job->stats;
}

guint16
st_job_get_job_id (const StJob *job)
{
  return job->job_id;
}

const char *
st_job_get_message (const StJob *job)
{
  return job->message;
}

gboolean
st_job_can_resume (const StJob *job)
{
  return st_job_state_is_final (job->state) && job->state != ST_JOB_STATE_COMPLETED && !job->refused;
}
