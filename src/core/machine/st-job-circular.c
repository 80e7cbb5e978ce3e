/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-circular.c: the job engine's driver for Stranded's circular dialect
 * (PROTOCOL.md, JOBS.md). The device requests rounds, acknowledges every
 * line, and reports in STATE which rounds are knitted; the host re-sends a
 * line or a command until it is acknowledged, and corrects the device's
 * round with SET_ROUND rather than ever skipping or repeating one. A START
 * or SET_ROUND is decided only from the device's own report of its job and
 * round (INFO or STATE): a refusal, a lost STATE or a request that does not
 * fit makes the host ask (REQ_STATE) rather than guess.
 */
#include "config.h"

#include "st-job-private.h"

#include <string.h>
#include <glib/gi18n-lib.h>

/* "-> LINE round 25", "<- STATE waiting, round 26, job 4242": rounds as
 * the knitter counts them, so a verbose log tells what happened to each. */
static void
log_message (StJob        *job,
             const char   *arrow,
             const guint8 *payload,
             gsize         length)
{
  g_autofree StCircularMessage *msg = NULL;
  g_autofree char *detail = NULL;

  if (job->cb.log == NULL)
    return;
  msg = g_new0 (StCircularMessage, 1);
  if (st_circular_decode (payload, length, msg) == ST_CIRCULAR_DECODE_OK)
    {
      guint64 round;

      switch (msg->id)
        {
        case ST_CIRCULAR_LINE:
          round = st_circular_round_expand (msg->line.round, job->rounds_done);
          detail = g_strdup_printf (" round %" G_GUINT64_FORMAT "%s", round + 1,
                                    msg->line.flags & ST_CIRCULAR_LINE_LAST ? " (last)" : "");
          break;
        case ST_CIRCULAR_REQ_LINE:
        case ST_CIRCULAR_ACK:
        case ST_CIRCULAR_SET_ROUND:
          round = st_circular_round_expand (msg->round.round, job->rounds_done);
          detail = g_strdup_printf (" round %" G_GUINT64_FORMAT, round + 1);
          break;
        case ST_CIRCULAR_NAK:
          round = st_circular_round_expand (msg->nak.round, job->rounds_done);
          detail = g_strdup_printf (" round %" G_GUINT64_FORMAT ": %s", round + 1,
                                    st_circular_status_name (msg->nak.reason));
          break;
        case ST_CIRCULAR_CNF:
          detail = g_strdup_printf (" %s: %s", st_circular_id_name (msg->cnf.request)
                                               ? st_circular_id_name (msg->cnf.request) : "?",
                                    st_circular_status_name (msg->cnf.status));
          break;
        case ST_CIRCULAR_START:
          round = st_circular_round_expand (msg->start.round, job->rounds_done);
          detail = g_strdup_printf (" job %04X from round %" G_GUINT64_FORMAT, msg->start.job, round + 1);
          break;
        case ST_CIRCULAR_STATE:
          round = st_circular_round_expand (msg->state.round, job->rounds_done);
          detail = g_strdup_printf (" %s%s%s, round %" G_GUINT64_FORMAT ", job %04X",
                                    st_circular_state_name (msg->state.state),
                                    msg->state.error ? ", " : "",
                                    msg->state.error ? st_circular_error_name (msg->state.error) : "",
                                    round + 1, msg->state.job);
          break;
        default:
          break;
        }
    }
  st_job_log (job, ST_JOB_LOG_DEBUG, "%s %s%s", arrow, st_circular_id_name (payload[0]),
              detail != NULL ? detail : "");
}

static void
send_message (StJob             *job,
              StCircularMessage *msg)
{
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD];
  gsize length = st_circular_encode (msg, payload);

  log_message (job, "->", payload, length);
  st_job_send (job, payload, length);
}

static void
send_head_command (StJob  *job,
                   gint64  now)
{
  StJobCommand *head = &job->circ.commands[0];

  head->attempts++;
  log_message (job, "->", head->payload, head->length);
  st_job_send (job, head->payload, head->length);
  job->t_retry = now + job->t.ack;
}

static gboolean
head_is (StJob  *job,
         guint8  id)
{
  return job->circ.n_commands > 0 && job->circ.commands[0].payload[0] == id;
}

static gboolean
command_queued (StJob  *job,
                guint8  id)
{
  for (guint i = 0; i < job->circ.n_commands; i++)
    if (job->circ.commands[i].payload[0] == id)
      return TRUE;
  return FALSE;
}

static void
queue_command (StJob             *job,
               StCircularMessage *msg,
               gint64             now)
{
  StJobCommand *command;

  if (job->circ.n_commands == ST_JOB_MAX_COMMANDS)
    {
      /* Translators: %s is a command of the protocol (START, SET_ROUND);
       * keep it. */
      st_job_log (job, ST_JOB_LOG_WARNING, _("Too many commands waiting; %s dropped"),
                  st_circular_id_name (msg->id));
      return;
    }
  command = &job->circ.commands[job->circ.n_commands++];
  command->length = st_circular_encode (msg, command->payload);
  command->attempts = 0;
  if (job->circ.n_commands == 1)
    send_head_command (job, now);
}

static void
queue_simple (StJob        *job,
              StCircularId  id,
              gint64        now)
{
  StCircularMessage msg = { .id = id };

  queue_command (job, &msg, now);
}

static void
queue_start (StJob  *job,
             gint64  now)
{
  StCircularMessage msg = { .id = ST_CIRCULAR_START };

  msg.start.job = job->job_id;
  msg.start.round = (guint16) job->rounds_done;
  msg.start.needles = (guint16) job->plan->needles;
  msg.start.yarns = (guint8) MAX (job->plan->yarn_limit, 1);
  queue_command (job, &msg, now);
}

static void
queue_set_round (StJob  *job,
                 gint64  now)
{
  StCircularMessage msg = { .id = ST_CIRCULAR_SET_ROUND };

  if (command_queued (job, ST_CIRCULAR_SET_ROUND))
    return;
  msg.round.round = (guint16) job->rounds_done;
  queue_command (job, &msg, now);
}

static void
command_done (StJob  *job,
              gint64  now)
{
  if (job->circ.n_commands == 0)
    return;
  memmove (&job->circ.commands[0], &job->circ.commands[1],
           (job->circ.n_commands - 1) * sizeof (StJobCommand));
  job->circ.n_commands--;
  job->t_retry = ST_JOB_NEVER;
  if (job->circ.n_commands > 0)
    send_head_command (job, now);
}

static void
clear_commands (StJob *job)
{
  job->circ.n_commands = 0;
  job->circ.check = ST_JOB_CHECK_NONE;
  job->t_retry = ST_JOB_NEVER;
}

static void enter_knit (StJob *job, gint64 now);

/* A SET_ROUND is a correction, and one that arrives after the device reached
 * its round and went on would turn it back to rounds it knitted. So once the
 * device shows it is at or past the round (it asks for it or a later one, or
 * a STATE of this job reports it), the SET_ROUND is done: never re-sent, CNF
 * or not. */
static void
set_round_reached (StJob   *job,
                   guint64  device_round,
                   gint64   now)
{
  for (guint i = 0; i < job->circ.n_commands; i++)
    {
      const guint8 *payload = job->circ.commands[i].payload;
      guint64 target;

      if (payload[0] != ST_CIRCULAR_SET_ROUND)
        continue;
      target = st_circular_round_expand ((guint16) ((payload[1] << 8) | payload[2]), job->rounds_done);
      if (device_round < target)
        continue;
      if (i == 0)
        {
          command_done (job, now);
          if (job->phase == ST_JOB_PHASE_INIT)
            enter_knit (job, now);
        }
      else
        {
          memmove (&job->circ.commands[i], &job->circ.commands[i + 1],
                   (job->circ.n_commands - i - 1) * sizeof (StJobCommand));
          job->circ.n_commands--;
        }
      return;
    }
}

/* Asks the device for its STATE (re-sent like a command until one comes)
 * and lets the answer decide: what the host just heard says that something
 * changed, not which rounds are knitted. */
static void
ask_state (StJob      *job,
           StJobCheck  check,
           gint64      now)
{
  if (check > job->circ.check)
    job->circ.check = check;
  if (!command_queued (job, ST_CIRCULAR_REQ_STATE))
    queue_simple (job, ST_CIRCULAR_REQ_STATE, now);
}

static void
send_line (StJob   *job,
           guint64  round,
           gint64   now)
{
  StCircularMessage *msg = g_new0 (StCircularMessage, 1);
  StJobOutstanding *out = NULL;

  msg->id = ST_CIRCULAR_LINE;
  msg->line.round = (guint16) round;
  msg->line.needles = (guint16) job->plan->needles;
  if (job->plan->total_rounds != 0 && round + 1 == job->plan->total_rounds)
    msg->line.flags = ST_CIRCULAR_LINE_LAST;
  st_job_plan_circular_line (job->plan, round, msg->line.yarn);

  for (guint i = 0; i < job->circ.n_out; i++)
    if (job->circ.out[i].round == round)
      out = &job->circ.out[i];
  if (out == NULL)
    {
      if (job->circ.n_out == ST_JOB_MAX_OUTSTANDING)
        {
          /* Oldest first: a device asks for at most two rounds ahead. */
          memmove (&job->circ.out[0], &job->circ.out[1],
                   (ST_JOB_MAX_OUTSTANDING - 1) * sizeof (StJobOutstanding));
          job->circ.n_out--;
        }
      out = &job->circ.out[job->circ.n_out++];
      out->round = round;
      out->attempts = 0;
      job->stats.lines_sent++;
    }
  else
    job->stats.lines_resent++;
  out->attempts++;
  out->due = now + job->t.ack;
  send_message (job, msg);
  g_free (msg);
}

static void
drop_lines (StJob  *job,
            gint64  keep)
{
  guint kept = 0;

  for (guint i = 0; i < job->circ.n_out; i++)
    if ((gint64) job->circ.out[i].round == keep)
      job->circ.out[kept++] = job->circ.out[i];
  job->circ.n_out = kept;
}

/* A line whose round is knitted needs no acknowledgement any more. */
static void
drop_knitted_lines (StJob *job)
{
  guint kept = 0;

  for (guint i = 0; i < job->circ.n_out; i++)
    if (job->circ.out[i].round >= job->rounds_done)
      job->circ.out[kept++] = job->circ.out[i];
  job->circ.n_out = kept;
}

static void
acknowledged (StJob   *job,
              guint64  round)
{
  job->circ.acked_end = MAX (job->circ.acked_end, round + 1);
  for (guint i = 0; i < job->circ.n_out; i++)
    if (job->circ.out[i].round == round)
      {
        memmove (&job->circ.out[i], &job->circ.out[i + 1],
                 (job->circ.n_out - i - 1) * sizeof (StJobOutstanding));
        job->circ.n_out--;
        return;
      }
}

static void
circular_start (StJob  *job,
                gint64  now)
{
  StCircularMessage msg = { .id = ST_CIRCULAR_REQ_INFO };

  job->phase = ST_JOB_PHASE_INFO;
  st_job_set_state (job, ST_JOB_STATE_CONNECTING);
  st_job_log (job, ST_JOB_LOG_INFO, "%s", _("Connecting to the circular machine controller"));
  send_message (job, &msg);
  job->t_retry = now + job->t.retry;
  job->t_deadline = now + job->t.handshake;
}

static void
enter_knit (StJob  *job,
            gint64  now)
{
  g_autofree char *label = st_job_round_label (job, job->rounds_done);

  job->phase = ST_JOB_PHASE_KNIT;
  st_job_set_state (job, job->user_paused ? ST_JOB_STATE_PAUSED : ST_JOB_STATE_KNITTING);
  /* Translators: %s is a round: "round 12 of 60". */
  st_job_log (job, ST_JOB_LOG_INFO, _("Knitting from %s"), label);
  job->t_probe = now + job->t.silence;
}

static gboolean
device_active (guint8 state)
{
  return state == ST_CIRCULAR_STATE_KNITTING || state == ST_CIRCULAR_STATE_WAITING ||
         state == ST_CIRCULAR_STATE_PAUSED || state == ST_CIRCULAR_STATE_ERROR;
}

static gboolean
all_knitted (StJob *job)
{
  return job->plan->total_rounds != 0 && job->rounds_done >= job->plan->total_rounds;
}

static void
complete (StJob *job)
{
  st_job_stop (job, ST_JOB_STATE_COMPLETED,
               g_dngettext (GETTEXT_PACKAGE, "Completed: %llu round knitted",
                            "Completed: all %llu rounds knitted", (gulong) job->rounds_done),
               (unsigned long long) job->rounds_done);
}

/* The device is at round @round, behind the rounds it confirmed: it is set
 * to the first round not knitted (the caller queues the SET_ROUND). */
static void
log_behind (StJob   *job,
            guint64  round)
{
  st_job_log (job, ST_JOB_LOG_WARNING,
              /* Translators: "The machine is at round 3 but 5 rounds are
               * knitted: setting it to round 6". */
              g_dngettext (GETTEXT_PACKAGE, "The machine is at round %llu but %llu round is knitted: "
                           "setting it to round %llu",
                           "The machine is at round %llu but %llu rounds are knitted: "
                           "setting it to round %llu", (gulong) job->rounds_done),
              (unsigned long long) round + 1, (unsigned long long) job->rounds_done,
              (unsigned long long) job->rounds_done + 1);
}

/* STARTs the job from rounds done; @why (NULL at the first start) says why
 * it starts again. */
static void
start_job (StJob      *job,
           const char *why,
           gboolean    cancel_other,
           gint64      now)
{
  if (why != NULL)
    {
      g_autofree char *label = st_job_round_label (job, job->rounds_done);

      job->stats.restarts++;
      /* Translators: the first %s says why the job starts again ("The
       * machine restarted"), the second is a round: "round 12 of 60". */
      st_job_log (job, ST_JOB_LOG_WARNING, _("%s; continuing with %s"), why, label);
    }
  job->circ.n_out = 0;
  job->circ.held = FALSE;
  job->circ.acked_end = job->rounds_done;
  clear_commands (job);
  job->phase = ST_JOB_PHASE_INIT;
  st_job_set_state (job, ST_JOB_STATE_STARTING);
  if (cancel_other)
    {
      st_job_log (job, ST_JOB_LOG_WARNING, "%s",
                  _("The machine was busy with another job; cancelling it"));
      queue_simple (job, ST_CIRCULAR_CANCEL, now);
    }
  queue_start (job, now);
}

/* Decides how the job goes on from the device's own report (INFO, or a
 * STATE): every round before @round16 of job @device_job is knitted. The
 * job completes when that is all of them, goes on where the device is when
 * it still holds the job, and is STARTed from rounds done otherwise. Never
 * is a round the device reports knitted STARTed or SET again. @why: NULL
 * at the handshake, else why the device's job is in question. */
static void
adopt (StJob      *job,
       guint8      state,
       guint8      error,
       guint16     device_job,
       guint16     round16,
       const char *why,
       gint64      now)
{
  gboolean ours = device_job == job->job_id;
  gboolean active = device_active (state) && error != ST_CIRCULAR_ERROR_RESTARTED;
  guint64 round = st_circular_round_expand (round16, job->rounds_done);

  job->circ.check = ST_JOB_CHECK_NONE;
  if (ours && round > job->rounds_done)
    {
      st_job_confirm (job, round);
      drop_knitted_lines (job);
    }
  if (all_knitted (job))
    {
      complete (job);
      return;
    }
  if (ours && active)
    {
      if (round < job->rounds_done)
        {
          /* Behind what it reported before: the rounds between are knitted. */
          job->stats.out_of_sequence++;
          log_behind (job, round);
          queue_set_round (job, now);
        }
      else if (job->phase != ST_JOB_PHASE_KNIT)
        enter_knit (job, now);
      return;
    }
  if (why != NULL && !ours && job->circ.acked_end > job->rounds_done)
    {
      g_autofree char *label = st_job_round_label (job, job->rounds_done);

      /* It held the line and kept no count (no CAP_PERSISTENT). */
      /* Translators: %s is a round: "round 12 of 60". */
      st_job_log (job, ST_JOB_LOG_ACTION, _("The machine lost its count: it may have knitted %s "
                                            "before it did. If that round is on the needles "
                                            "already, unravel it before the machine knits it "
                                            "again"), label);
    }
  start_job (job, why, active, now);
}

static void
on_info (StJob                   *job,
         const StCircularMessage *msg,
         gint64                   now)
{
  const StJobPlan *plan = job->plan;
  gboolean ours;

  if (job->phase != ST_JOB_PHASE_INFO)
    return;
  if (msg->info.version != ST_CIRCULAR_VERSION)
    {
      st_job_refuse (job, _("The machine speaks circular protocol v%u; Stranded speaks v%u"),
                   msg->info.version, ST_CIRCULAR_VERSION);
      return;
    }
  job->have_info = TRUE;
  job->info.protocol = ST_PROTOCOL_CIRCULAR;
  job->info.api_version = msg->info.version;
  job->info.major = msg->info.major;
  job->info.minor = msg->info.minor;
  job->info.patch = msg->info.patch;
  g_strlcpy (job->info.name, msg->info.name, sizeof job->info.name);
  job->info.needles = msg->info.needles;
  job->info.feeds = msg->info.feeds;
  job->info.caps = msg->info.caps;
  job->circ.device_state = msg->info.state;
  {
    g_autofree char *needles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needle", "%u needles",
                                                             msg->info.needles), msg->info.needles);
    g_autofree char *feeds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u yarn feed",
                                                           "%u yarn feeds", msg->info.feeds),
                                              msg->info.feeds);

    if (msg->info.name[0])
      /* Translators: the controller's name, its firmware version, then "48
       * needles" and "4 yarn feeds". */
      st_job_log (job, ST_JOB_LOG_INFO, _("Connected to %s, firmware %u.%u.%u: %s, %s"),
                  msg->info.name, msg->info.major, msg->info.minor, msg->info.patch, needles, feeds);
    else
      st_job_log (job, ST_JOB_LOG_INFO,
                  /* Translators: the firmware version, then "48 needles"
                   * and "4 yarn feeds". */
                  _("Connected to a circular controller, firmware %u.%u.%u: %s, %s"),
                  msg->info.major, msg->info.minor, msg->info.patch, needles, feeds);
  }
  if (job->cb.device_info != NULL)
    job->cb.device_info (job->user_data, &job->info);

  if (msg->info.needles != plan->needles)
    {
      g_autofree char *stitches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch",
                                                                "%u stitches", plan->needles),
                                                   plan->needles);
      g_autofree char *needles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needle",
                                                               "%u needles", msg->info.needles),
                                                  msg->info.needles);

      /* Translators: "The pattern is 12 stitches round and the machine has
       * 48 needles". */
      st_job_refuse (job, _("The pattern is %s round and the machine has %s"), stitches, needles);
      return;
    }
  if (msg->info.feeds < plan->yarn_limit)
    {
      st_job_refuse (job,
                     /* Translators: %c is the key of a yarn (A, B, C...). */
                     g_dngettext (GETTEXT_PACKAGE, "The pattern uses yarns up to %c and the machine "
                                  "has %u yarn feed",
                                  "The pattern uses yarns up to %c and the machine has %u yarn "
                                  "feeds",
                                  msg->info.feeds),
                     plan->keys[plan->yarn_limit - 1], msg->info.feeds);
      return;
    }
  job->t_retry = ST_JOB_NEVER;
  job->t_deadline = ST_JOB_NEVER;
  job->phase = ST_JOB_PHASE_INIT;
  st_job_set_state (job, ST_JOB_STATE_STARTING);

  /* The device counts rounds for the job it holds, even across a link loss
   * or (with CAP_PERSISTENT) a restart: what it says is knitted, is. */
  ours = msg->info.job == job->job_id;
  if (ours)
    {
      guint64 round = st_circular_round_expand (msg->info.round, job->rounds_done);

      if (round > job->rounds_done)
        {
          g_autofree char *label = st_job_round_label (job, round - 1);

          st_job_log (job, ST_JOB_LOG_INFO,
                      /* Translators: %s is a round: "round 12 of 60". */
                      _("The machine knitted up to %s while it was not connected"), label);
        }
      if (device_active (msg->info.state) && (job->plan->total_rounds == 0 ||
                                              round < job->plan->total_rounds))
        {
          g_autofree char *label = st_job_round_label (job, MAX (round, job->rounds_done));

          st_job_log (job, ST_JOB_LOG_INFO,
                      /* Translators: %s is a round: "round 12 of 60". */
                      _("The machine still holds this job: continuing with %s"), label);
        }
    }
  adopt (job, msg->info.state, ST_CIRCULAR_ERROR_NONE, msg->info.job, msg->info.round, NULL, now);
  if (ours && !st_job_state_is_final (job->state) && !job->user_paused &&
      (msg->info.state == ST_CIRCULAR_STATE_PAUSED || msg->info.state == ST_CIRCULAR_STATE_ERROR))
    queue_simple (job, ST_CIRCULAR_RESUME, now);
}

static void
on_cnf (StJob                   *job,
        const StCircularMessage *msg,
        gint64                   now)
{
  guint8 request = msg->cnf.request;
  guint8 status = msg->cnf.status;

  if (!head_is (job, request))
    {
      st_job_log (job, ST_JOB_LOG_DEBUG, "late confirmation of %s ignored",
                  st_circular_id_name (request) ? st_circular_id_name (request) : "?");
      return;
    }
  command_done (job, now);

  switch (request)
    {
    case ST_CIRCULAR_START:
      if (status == ST_CIRCULAR_STATUS_OK)
        enter_knit (job, now);
      else if (status == ST_CIRCULAR_STATUS_BUSY)
        {
          /* Busy with this very job (a copy of START got through and its
           * CNF was lost) or with another: its STATE says which. */
          st_job_log (job, ST_JOB_LOG_INFO, "%s", _("The machine is busy with a job: asking which"));
          ask_state (job, ST_JOB_CHECK_HOLDS, now);
        }
      else if (status == ST_CIRCULAR_STATUS_BAD_NEEDLES || status == ST_CIRCULAR_STATUS_BAD_YARN)
        st_job_refuse (job, _("The machine refused the job: %s"), _(st_circular_status_name (status)));
      else
        st_job_stop (job, ST_JOB_STATE_FAILED, _("The machine refused the job: %s"),
                     _(st_circular_status_name (status)));
      break;

    case ST_CIRCULAR_SET_ROUND:
      if (status == ST_CIRCULAR_STATUS_OK)
        {
          if (job->phase != ST_JOB_PHASE_KNIT)
            enter_knit (job, now);
        }
      else if (status == ST_CIRCULAR_STATUS_WRONG_STATE)
        {
          /* No active job: lost, or finished with its last STATE lost. */
          st_job_log (job, ST_JOB_LOG_WARNING, "%s",
                      _("The machine has no active job: asking for its state"));
          ask_state (job, ST_JOB_CHECK_HOLDS, now);
        }
      else
        st_job_stop (job, ST_JOB_STATE_FAILED, _("The machine refused round %llu: %s"),
                     (unsigned long long) job->rounds_done + 1, _(st_circular_status_name (status)));
      break;

    case ST_CIRCULAR_CANCEL:
      if (job->phase == ST_JOB_PHASE_CANCEL)
        {
          g_autofree char *done = st_job_done_text (job);

          /* Translators: %s says what is knitted: "Rounds 1 to 25 are knitted." */
          st_job_stop (job, ST_JOB_STATE_CANCELLED, _("Cancelled; the machine stopped. %s"), done);
        }
      break;

    default:
      break;
    }
}

/* Sends round @round's line, or holds it while paused. */
static void
answer_request (StJob   *job,
                guint64  round,
                gint64   now)
{
  if (job->user_paused)
    {
      job->circ.held = TRUE;
      job->circ.held_round = round;
      return;
    }
  send_line (job, round, now);
}

static void
on_req_line (StJob   *job,
             guint16  round16,
             gint64   now)
{
  guint64 round;

  if (job->phase == ST_JOB_PHASE_INIT &&
      (head_is (job, ST_CIRCULAR_START) || head_is (job, ST_CIRCULAR_SET_ROUND)))
    {
      /* The device asks for a line only once it took the job: its CNF got lost. */
      command_done (job, now);
      enter_knit (job, now);
    }
  if (job->phase != ST_JOB_PHASE_KNIT)
    return;

  round = st_circular_round_expand (round16, job->rounds_done);
  set_round_reached (job, round, now);
  if (round < job->rounds_done)
    {
      job->stats.out_of_sequence++;
      st_job_log (job, ST_JOB_LOG_WARNING,
                  g_dngettext (GETTEXT_PACKAGE,
                               "The machine asked for round %llu but %llu round is knitted: "
                               "setting it to round %llu",
                               "The machine asked for round %llu but %llu rounds are knitted: "
                               "setting it to round %llu", (gulong) job->rounds_done),
                  (unsigned long long) round + 1, (unsigned long long) job->rounds_done,
                  (unsigned long long) job->rounds_done + 1);
      queue_set_round (job, now);
      return;
    }
  if (round > job->rounds_done + 1 ||
      (job->plan->total_rounds != 0 && round >= job->plan->total_rounds))
    {
      /* It can only be there by knitting: a STATE got lost. Setting it back
       * to rounds done would make it knit those rounds twice. */
      job->stats.out_of_sequence++;
      st_job_log (job, ST_JOB_LOG_WARNING,
                  g_dngettext (GETTEXT_PACKAGE,
                               "The machine asked for round %llu but %llu round is confirmed: "
                               "asking where it is",
                               "The machine asked for round %llu but %llu rounds are confirmed: "
                               "asking where it is", (gulong) job->rounds_done),
                  (unsigned long long) round + 1, (unsigned long long) job->rounds_done);
      job->circ.ahead_round = round;
      ask_state (job, ST_JOB_CHECK_AHEAD, now);
      return;
    }
  answer_request (job, round, now);
}

static void
on_nak (StJob                   *job,
        const StCircularMessage *msg,
        gint64                   now)
{
  guint64 expected = st_circular_round_expand (msg->nak.round, job->rounds_done);

  switch (msg->nak.reason)
    {
    case ST_CIRCULAR_STATUS_BAD_CRC:
    case ST_CIRCULAR_STATUS_BAD_LENGTH:
    case ST_CIRCULAR_STATUS_UNKNOWN:
      /* Something of ours arrived garbled. Only the line of the round the
       * device wants is surely missing; the others may be stored with their
       * ACK on the way, and a copy arriving after the device knitted its
       * round only draws another NAK. Their timers cover a loss. */
      st_job_log (job, ST_JOB_LOG_WARNING,
                  _("The machine received a garbled message (%s): sending again"),
                  _(st_circular_status_name (msg->nak.reason)));
      for (guint i = 0; i < job->circ.n_out; i++)
        if (job->circ.out[i].round == expected)
          send_line (job, expected, now);
      if (job->circ.n_commands > 0)
        send_head_command (job, now);
      break;

    case ST_CIRCULAR_STATUS_WRONG_ROUND:
      /* The device has moved past that line; it asks for the one it needs
       * with REQ_LINE. Answering the NAK with a line instead would race a
       * fast device round after round. */
      drop_lines (job, (gint64) expected);
      break;

    case ST_CIRCULAR_STATUS_WRONG_STATE:
      /* A line reached a device with no active job: it lost the job, or it
       * finished and its STATE saying so was lost. Only its STATE tells. */
      if (job->phase == ST_JOB_PHASE_KNIT)
        {
          job->circ.n_out = 0;
          if (job->circ.check != ST_JOB_CHECK_HOLDS)
            st_job_log (job, ST_JOB_LOG_WARNING, "%s",
                        _("The machine refused a line: it has no active job. Asking for its state"));
          ask_state (job, ST_JOB_CHECK_HOLDS, now);
        }
      break;

    case ST_CIRCULAR_STATUS_BAD_NEEDLES:
    case ST_CIRCULAR_STATUS_BAD_YARN:
      st_job_stop (job, ST_JOB_STATE_FAILED, _("The machine refused a line: %s"),
                   _(st_circular_status_name (msg->nak.reason)));
      break;

    default:
      break;
    }
}

static void
on_state (StJob                   *job,
          const StCircularMessage *msg,
          gint64                   now)
{
  guint64 round = st_circular_round_expand (msg->state.round, job->rounds_done);
  guint8 state = msg->state.state;
  gboolean ours = msg->state.job == job->job_id;
  gboolean restarted = msg->state.error == ST_CIRCULAR_ERROR_RESTARTED;
  gboolean answer;
  StJobCheck check = job->circ.check;

  job->circ.device_state = state;
  job->circ.device_error = msg->state.error;
  if (job->phase == ST_JOB_PHASE_INFO)
    return;
  if (job->phase == ST_JOB_PHASE_CANCEL)
    {
      if (ours && round > job->rounds_done)
        st_job_confirm (job, round);
      if (restarted || state == ST_CIRCULAR_STATE_IDLE)
        {
          g_autofree char *done = st_job_done_text (job);

          /* Translators: %s says what is knitted: "Rounds 1 to 25 are knitted." */
          st_job_stop (job, ST_JOB_STATE_CANCELLED, _("Cancelled; the machine stopped. %s"), done);
        }
      return;
    }

  /* Any STATE after a question answers it: it was sent after whatever
   * made the host ask. */
  answer = head_is (job, ST_CIRCULAR_REQ_STATE);
  if (answer)
    {
      command_done (job, now);
      job->circ.check = ST_JOB_CHECK_NONE;
    }

  /* Restarted, idle or done while this job runs (or a question about its
   * job): the report decides, unless a START is on its way anyway. */
  if (!command_queued (job, ST_CIRCULAR_START) &&
      (restarted || !device_active (state) || (answer && check == ST_JOB_CHECK_HOLDS)))
    {
      adopt (job, state, msg->state.error, msg->state.job, msg->state.round,
             restarted ? _("The machine restarted")
                       : ours && state == ST_CIRCULAR_STATE_DONE ? _("The machine finished early")
                                                                 : _("The machine no longer holds the job"),
             now);
      return;
    }
  if (!ours)
    return;

  if (round > job->rounds_done)
    {
      st_job_confirm (job, round);
      drop_knitted_lines (job);
    }
  set_round_reached (job, round, now);
  if (all_knitted (job))
    {
      complete (job);
      return;
    }
  if (round < job->rounds_done && job->phase == ST_JOB_PHASE_KNIT)
    {
      job->stats.out_of_sequence++;
      log_behind (job, round);
      queue_set_round (job, now);
    }
  if (answer && check == ST_JOB_CHECK_AHEAD && job->phase == ST_JOB_PHASE_KNIT)
    {
      guint64 ahead = job->circ.ahead_round;
      gboolean beyond = job->plan->total_rounds != 0 && ahead >= job->plan->total_rounds;

      if ((ahead == job->rounds_done || ahead == job->rounds_done + 1) && !beyond)
        answer_request (job, ahead, now);
      else if ((ahead > job->rounds_done + 1 || beyond) && round == job->rounds_done)
        {
          /* Its own STATE says round @round: the request was wrong. */
          st_job_log (job, ST_JOB_LOG_WARNING,
                      _("The machine asked for round %llu while it is at round %llu: "
                        "setting it to round %llu"), (unsigned long long) ahead + 1,
                      (unsigned long long) round + 1, (unsigned long long) job->rounds_done + 1);
          queue_set_round (job, now);
        }
    }
  if (job->phase != ST_JOB_PHASE_KNIT)
    return;

  switch (state)
    {
    case ST_CIRCULAR_STATE_KNITTING:
    case ST_CIRCULAR_STATE_WAITING:
      if (job->plan->total_rounds == 0 || round < job->plan->total_rounds)
        st_job_report (job, round, 0, msg->state.position);
      break;

    case ST_CIRCULAR_STATE_PAUSED:
      if (job->state == ST_JOB_STATE_KNITTING)
        {
          job->user_paused = TRUE;
          st_job_set_state (job, ST_JOB_STATE_PAUSED);
          st_job_log (job, ST_JOB_LOG_INFO, "%s", _("Paused on the machine"));
        }
      break;

    case ST_CIRCULAR_STATE_ERROR:
      if (job->state == ST_JOB_STATE_KNITTING)
        {
          job->user_paused = TRUE;
          st_job_set_state (job, ST_JOB_STATE_PAUSED);
          /* Translators: %s is the fault ("needle jam", "yarn break"). */
          st_job_log (job, ST_JOB_LOG_ERROR, _("The machine stopped: %s at needle %u. "
                                               "Fix it, then resume."),
                      _(st_circular_error_name (msg->state.error)),
                      msg->state.position + 1);
        }
      break;

    default:
      break;
    }
}

static void
circular_receive (StJob        *job,
                  const guint8 *payload,
                  gsize         length,
                  gint64        now)
{
  StCircularMessage *msg = g_new0 (StCircularMessage, 1);
  StCircularDecodeResult result = st_circular_decode (payload, length, msg);

  if (result != ST_CIRCULAR_DECODE_OK || (msg->id & 0x80) == 0)
    {
      StAyabMessage other;

      job->stats.bad_frames++;
      if (length == 22 && st_ayab_decode (payload, length, 25, &other) == ST_AYAB_DECODE_OK &&
          other.id == ST_AYAB_CNF_INFO)
        {
          /* Translators: ayab and circular are the names of the
           * protocols (the --protocol option of stranded-cli
           * send); keep them. */
          const char *why = _("The machine speaks ayab, not the circular dialect: "
                              "choose the ayab protocol");

          /* No circular message has this size: before any of ours, the
           * handshake cannot succeed. */
          if (job->phase == ST_JOB_PHASE_INFO)
            st_job_refuse (job, "%s", why);
          else
            st_job_log (job, ST_JOB_LOG_WARNING, "%s", why);
        }
      else
        st_job_log_garbled (job, length,
                            result != ST_CIRCULAR_DECODE_OK ? st_circular_decode_result_name (result) : NULL);
      g_free (msg);
      return;
    }
  st_job_heard (job, now);
  log_message (job, "<-", payload, length);

  switch (msg->id)
    {
    case ST_CIRCULAR_INFO:
      on_info (job, msg, now);
      break;
    case ST_CIRCULAR_CNF:
      on_cnf (job, msg, now);
      break;
    case ST_CIRCULAR_ACK:
      acknowledged (job, st_circular_round_expand (msg->round.round, job->rounds_done));
      break;
    case ST_CIRCULAR_NAK:
      on_nak (job, msg, now);
      break;
    case ST_CIRCULAR_REQ_LINE:
      on_req_line (job, msg->round.round, now);
      break;
    case ST_CIRCULAR_STATE:
      on_state (job, msg, now);
      break;
    default:
      break;
    }
  g_free (msg);
}

static void
circular_tick (StJob  *job,
               gint64  now)
{
  if (now >= job->t_deadline)
    {
      if (job->phase == ST_JOB_PHASE_INFO)
        {
          st_job_stop (job, ST_JOB_STATE_FAILED,
                       /* Translators: %.0f is seconds. */
                       _("No answer from the machine in %.0f s: check that it is a controller "
                         "speaking Stranded's circular protocol and that the port is right"),
                       job->t.handshake / (double) G_USEC_PER_SEC);
          return;
        }
      if (job->phase == ST_JOB_PHASE_CANCEL)
        {
          g_autofree char *done = st_job_done_text (job);

          st_job_stop (job, ST_JOB_STATE_CANCELLED,
                       /* Translators: %s says what is knitted: "Rounds 1 to 25
                        * are knitted." */
                       _("Cancelled; the machine did not confirm it stopped. %s"), done);
          return;
        }
      job->t_deadline = ST_JOB_NEVER;
    }

  if (now >= job->t_retry)
    {
      job->stats.retries++;
      if (job->phase == ST_JOB_PHASE_INFO)
        {
          StCircularMessage msg = { .id = ST_CIRCULAR_REQ_INFO };

          send_message (job, &msg);
          job->t_retry = now + job->t.retry;
        }
      else if (job->circ.n_commands > 0)
        {
          if (job->circ.commands[0].attempts >= job->t.ack_attempts)
            {
              g_autofree char *done = st_job_done_text (job);

              if (job->phase == ST_JOB_PHASE_CANCEL)
                st_job_stop (job, ST_JOB_STATE_CANCELLED,
                             _("Cancelled; the machine did not confirm it stopped. %s"), done);
              else
                /* Translators: the first %s is a command of the protocol
                 * (START, REQ_STATE); keep it. The second says what is
                 * knitted: "Rounds 1 to 25 are knitted." */
                st_job_stop (job, ST_JOB_STATE_DISCONNECTED, _("The machine does not answer %s. %s"),
                             st_circular_id_name (job->circ.commands[0].payload[0]), done);
              return;
            }
          send_head_command (job, now);
        }
      else
        job->t_retry = ST_JOB_NEVER;
    }

  for (guint i = 0; i < job->circ.n_out; i++)
    if (now >= job->circ.out[i].due)
      {
        if (job->circ.out[i].attempts >= job->t.ack_attempts)
          {
            g_autofree char *done = st_job_done_text (job);

            st_job_stop (job, ST_JOB_STATE_DISCONNECTED,
                         /* Translators: %s says what is knitted: "Rounds 1 to
                          * 25 are knitted." */
                         _("The machine does not acknowledge round %llu. %s"),
                         (unsigned long long) job->circ.out[i].round + 1, done);
            return;
          }
        send_line (job, job->circ.out[i].round, now);
      }

  if (now >= job->t_probe && (job->phase == ST_JOB_PHASE_KNIT || job->phase == ST_JOB_PHASE_INIT))
    {
      if (st_job_probe_due (job, now))
        {
          StCircularMessage msg = { .id = ST_CIRCULAR_REQ_STATE };

          send_message (job, &msg);
        }
    }
}

static void
circular_pause (StJob  *job,
                gint64  now)
{
  if (job->info.caps & ST_CIRCULAR_CAP_PAUSE)
    queue_simple (job, ST_CIRCULAR_PAUSE, now);
}

static void
circular_resume (StJob  *job,
                 gint64  now)
{
  if ((job->info.caps & ST_CIRCULAR_CAP_PAUSE) ||
      job->circ.device_state == ST_CIRCULAR_STATE_PAUSED ||
      job->circ.device_state == ST_CIRCULAR_STATE_ERROR)
    queue_simple (job, ST_CIRCULAR_RESUME, now);
  if (job->circ.held)
    {
      job->circ.held = FALSE;
      send_line (job, job->circ.held_round, now);
    }
}

static void
circular_cancel (StJob  *job,
                 gint64  now)
{
  job->phase = ST_JOB_PHASE_CANCEL;
  st_job_set_state (job, ST_JOB_STATE_CANCELLING);
  job->circ.n_out = 0;
  job->circ.held = FALSE;
  job->t_probe = ST_JOB_NEVER;
  clear_commands (job);
  queue_simple (job, ST_CIRCULAR_CANCEL, now);
  job->t_deadline = now + job->t.finish;
}

const StJobDriver st_job_circular_driver = {
  circular_start,
  circular_receive,
  circular_tick,
  circular_pause,
  circular_resume,
  circular_cancel,
};
