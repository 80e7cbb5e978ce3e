/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-ayab.c: the job engine's ayab driver: AYAB API v6 as the firmware
 * behaves (JOBS.md, "ayab"). The device pulls lines and never says whether
 * one arrived, so the host re-sends the current line about once a second
 * until the next request, and probes with reqInit when the machine is quiet:
 * 0xEF means "still knitting", 0 means it restarted.
 */
#include "config.h"

#include "st-job-private.h"

#include <string.h>
#include <glib/gi18n-lib.h>

static void
send_message (StJob         *job,
              StAyabMessage *msg)
{
  guint8 payload[ST_AYAB_MAX_PAYLOAD];
  gsize length = st_ayab_encode (msg, payload);

  st_job_log (job, ST_JOB_LOG_DEBUG, "-> %s", st_ayab_id_name (msg->id));
  st_job_send (job, payload, length);
}

static void
send_simple (StJob    *job,
             StAyabId  id)
{
  StAyabMessage msg = { .id = id };

  send_message (job, &msg);
}

static void
send_req_init (StJob *job)
{
  StAyabMessage msg = { .id = ST_AYAB_REQ_INIT };

  msg.init.machine = job->plan->machine_type;
  send_message (job, &msg);
}

static void
send_req_start (StJob *job)
{
  StAyabMessage msg = { .id = ST_AYAB_REQ_START };

  msg.start.start_needle = (guint8) job->plan->start_needle;
  msg.start.stop_needle = (guint8) (job->plan->start_needle + job->plan->needles - 1);
  msg.start.flags = ST_AYAB_START_BEEPER;
  send_message (job, &msg);
}

/* A cnfLine with a line number the firmware cannot be waiting for: if it is
 * knitting and its request got lost, it asks again; in any other state it
 * ignores the line. The bitmap is blank, since the firmware copies it into
 * its buffer before looking at anything. */
static void
send_poke (StJob *job)
{
  StAyabMessage msg = { .id = ST_AYAB_CNF_LINE };

  msg.line.line = 0xFF;
  msg.line.n_bytes = (guint8) job->plan->line_bytes;
  send_message (job, &msg);
}

static void
ayab_start (StJob  *job,
            gint64  now)
{
  job->phase = ST_JOB_PHASE_INFO;
  job->ayab.line = -1;
  job->ayab.session_base = job->rounds_done * job->plan->passes_per_round;
  st_job_set_state (job, ST_JOB_STATE_CONNECTING);
  st_job_log (job, ST_JOB_LOG_INFO, "%s", _("Connecting to the AYAB firmware"));
  send_simple (job, ST_AYAB_REQ_INFO);
  job->t_retry = now + job->t.retry;
  job->t_deadline = now + job->t.handshake;
}

static void
enter_ready (StJob  *job,
             gint64  now)
{
  const StJobPlan *plan = job->plan;

  job->phase = ST_JOB_PHASE_READY;
  st_job_set_state (job, ST_JOB_STATE_WAITING_READY);
  st_job_log (job, ST_JOB_LOG_ACTION,
              /* Translators: B is the needle position marked on the
               * Brother bed; the turn mark is at the left end of the bed. */
              _("Set needles %u to %u to B, then move the carriage across the left turn mark"),
              plan->start_needle + 1, plan->start_needle + plan->needles);
  job->t_retry = now + job->t.ready_probe;
  job->t_deadline = ST_JOB_NEVER;
  job->t_probe = now + job->t.silence;
}

/* The firmware restarted (a reset, a brown-out): it lost the job. The rounds
 * it confirmed stay knitted; a new session starts after the last of them. */
static void
restart_session (StJob  *job,
                 gint64  now)
{
  g_autofree char *label = st_job_round_label (job, job->rounds_done);

  job->stats.restarts++;
  job->ayab.session_base = job->rounds_done * job->plan->passes_per_round;
  job->ayab.line = -1;
  job->ayab.held = FALSE;
  job->ayab.line_length = 0;
  job->t_resend = ST_JOB_NEVER;
  if (job->plan->passes_per_round > 1)
    st_job_log (job, ST_JOB_LOG_WARNING,
                /* Translators: %s is a round: "round 12 of 60". */
                _("The machine restarted. Knitting continues with %s; if part of that round "
                  "was knitted, unravel it first"), label);
  else
    /* Translators: %s is a round: "round 12 of 60". */
    st_job_log (job, ST_JOB_LOG_WARNING, _("The machine restarted. Knitting continues with %s"),
                label);
  enter_ready (job, now);
}

static void
send_line (StJob   *job,
           guint64  pass_index,
           guint8   line_number,
           gboolean last,
           gint64   now)
{
  StAyabMessage msg = { .id = ST_AYAB_CNF_LINE };
  guint passes = job->plan->passes_per_round;

  msg.line.line = line_number;
  msg.line.n_bytes = (guint8) job->plan->line_bytes;
  if (last)
    msg.line.flags = ST_AYAB_LINE_LAST;   /* blank: nothing selected */
  else
    st_job_plan_ayab_line (job->plan, pass_index, msg.line.bits, &msg.line.color);
  job->ayab.line_length = st_ayab_encode (&msg, job->ayab.line_payload);
  job->ayab.last_line_number = line_number;
  st_job_log (job, ST_JOB_LOG_DEBUG, "-> cnfLine %u%s", line_number, last ? " (last)" : "");
  st_job_send (job, job->ayab.line_payload, job->ayab.line_length);
  job->stats.lines_sent++;
  job->t_resend = now + job->t.resend;
  if (!last)
    st_job_report (job, pass_index / passes, (guint) (pass_index % passes), G_MAXUINT);
}

static void
resend_line (StJob  *job,
             gint64  now)
{
  if (job->ayab.line_length == 0 && job->ayab.line < 0 && job->phase == ST_JOB_PHASE_KNIT)
    {
      /* Knitting, and the first request never came: it was lost, and the
       * firmware does not ask twice. A line it cannot want makes it ask. */
      job->stats.retries++;
      send_poke (job);
      job->t_resend = now + job->t.resend;
      return;
    }
  if (job->ayab.line_length == 0)
    return;
  job->stats.lines_resent++;
  st_job_log (job, ST_JOB_LOG_DEBUG, "-> cnfLine %u again", job->ayab.last_line_number);
  st_job_send (job, job->ayab.line_payload, job->ayab.line_length);
  job->t_resend = now + job->t.resend;
}

static void
finish (StJob  *job,
        guint8  line_number,
        gint64  now)
{
  job->phase = ST_JOB_PHASE_FINISH;
  st_job_set_state (job, ST_JOB_STATE_FINISHING);
  send_line (job, 0, line_number, TRUE, now);
  job->t_resend = ST_JOB_NEVER;
  job->t_probe = ST_JOB_NEVER;
  st_job_log (job, ST_JOB_LOG_ACTION, "%s",
              _("Every round is knitted: knit one more pass, until the machine beeps twice"));
  /* cnfInfo after the last line proves the line left the port (AYAB #662). */
  send_simple (job, ST_AYAB_REQ_INFO);
  job->t_retry = now + job->t.retry;
  job->t_deadline = now + job->t.finish;
}

/* The firmware asks for a line when the carriage has worked the previous one
 * and left the needles: a request for line n+1 confirms pass n. */
static void
on_req_line (StJob  *job,
             guint8  n,
             gint64  now)
{
  guint passes = job->plan->passes_per_round;
  guint64 total_passes = st_job_plan_total_passes (job->plan);
  guint64 pass_index;
  gboolean advanced = FALSE;

  if (job->ayab.line < 0)
    {
      if (n != 0)
        {
          job->stats.out_of_sequence++;
          st_job_log (job, ST_JOB_LOG_WARNING,
                      _("The machine asked for line %u before line 0: out of sequence, ignored"), n);
          return;
        }
      job->ayab.line = 0;
    }
  else if (n == (guint8) job->ayab.line)
    {
      /* The firmware asks again when a line came with the wrong number. */
      if (job->ayab.held)
        return;
      st_job_log (job, ST_JOB_LOG_DEBUG, "the machine asked for line %u again", n);
      resend_line (job, now);
      return;
    }
  else if (n == (guint8) (job->ayab.line + 1))
    {
      if (job->ayab.held)
        {
          /* Impossible unless a held line got through: never skip a pass. */
          job->stats.out_of_sequence++;
          st_job_log (job, ST_JOB_LOG_WARNING,
                      _("The machine asked for line %u while line %u is held: ignored"),
                      n, (guint8) job->ayab.line);
          return;
        }
      job->ayab.line++;
      advanced = TRUE;
    }
  else
    {
      job->stats.out_of_sequence++;
      st_job_log (job, ST_JOB_LOG_WARNING,
                  _("The machine asked for line %u while line %u is current: out of sequence, "
                    "ignored (line %u is re-sent until it asks again)"),
                  n, (guint8) job->ayab.line, (guint8) job->ayab.line);
      return;
    }

  pass_index = job->ayab.session_base + (guint64) job->ayab.line;
  if (total_passes != 0 && pass_index >= total_passes)
    {
      if (advanced)
        st_job_confirm (job, pass_index / passes);
      finish (job, n, now);
      return;
    }
  if (job->user_paused)
    {
      job->ayab.held = TRUE;
      job->ayab.line_length = 0;
      job->t_resend = ST_JOB_NEVER;
      st_job_log (job, ST_JOB_LOG_INFO, _("Paused: the machine waits for line %u until you resume"),
                  n);
    }
  else
    send_line (job, pass_index, n, FALSE, now);
  /* Confirmed after the answer: saving the job record must not delay the
   * line the carriage is waiting for. */
  if (advanced)
    st_job_confirm (job, pass_index / passes);
}

static void
on_cnf_info (StJob               *job,
             const StAyabMessage *msg,
             gint64               now)
{
  switch (job->phase)
    {
    case ST_JOB_PHASE_INFO:
      if (msg->info.api != ST_AYAB_API_VERSION)
        {
          if (++job->ayab.wrong_api >= 3)
            st_job_refuse (job,
                           _("The machine runs AYAB firmware with API v%u (firmware %u.%u.%u); "
                             "Stranded speaks API v6 (AYAB firmware 1.0). Update the firmware "
                             "with AYAB desktop."), msg->info.api, msg->info.major,
                           msg->info.minor, msg->info.patch);
          return;
        }
      job->have_info = TRUE;
      job->info.protocol = ST_PROTOCOL_AYAB;
      job->info.api_version = msg->info.api;
      job->info.major = msg->info.major;
      job->info.minor = msg->info.minor;
      job->info.patch = msg->info.patch;
      g_strlcpy (job->info.name, msg->info.suffix, sizeof job->info.name);
      job->info.needles = job->plan->bed_needles;
      /* Translators: the firmware version, with its suffix if any
       * ("1.0.0-beta"), and the API version. */
      st_job_log (job, ST_JOB_LOG_INFO, _("Connected to AYAB firmware %u.%u.%u%s%s (API %u)"),
                  msg->info.major, msg->info.minor, msg->info.patch,
                  msg->info.suffix[0] ? "-" : "", msg->info.suffix, msg->info.api);
      if (job->cb.device_info != NULL)
        job->cb.device_info (job->user_data, &job->info);
      /* quitCmd first: from any state the firmware goes back to waiting for
       * reqInit, whatever an earlier program left it doing. */
      job->phase = ST_JOB_PHASE_INIT;
      send_simple (job, ST_AYAB_QUIT_CMD);
      send_req_init (job);
      job->t_retry = now + job->t.retry;
      job->t_deadline = now + job->t.handshake;
      break;

    case ST_JOB_PHASE_FINISH:
      st_job_stop (job, ST_JOB_STATE_COMPLETED,
                   g_dngettext (GETTEXT_PACKAGE, "Completed: %llu round knitted",
                                "Completed: all %llu rounds knitted", (gulong) job->rounds_done),
                   (unsigned long long) job->rounds_done);
      break;

    case ST_JOB_PHASE_CANCEL:
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

static void
on_cnf_init (StJob  *job,
             guint8  error,
             gint64  now)
{
  if (job->phase == ST_JOB_PHASE_INIT)
    {
      if (error == ST_AYAB_OK)
        {
          /* The firmware now waits for the carriage to pass a turn mark,
           * then sends one indState. */
          enter_ready (job, now);
          return;
        }
      if (error == ST_AYAB_ERR_WRONG_STATE)
        {
          /* An earlier reqInit got through, or the firmware was busy. */
          send_simple (job, ST_AYAB_QUIT_CMD);
          send_req_init (job);
          job->t_retry = now + job->t.retry;
          return;
        }
      if (++job->ayab.init_errors >= 3)
        st_job_refuse (job, _("The AYAB firmware refused machine type %u: %s"),
                       job->plan->machine_type, _(st_ayab_error_name (error)));
      return;
    }
  if ((job->phase == ST_JOB_PHASE_READY || job->phase == ST_JOB_PHASE_KNIT) && error == ST_AYAB_OK)
    restart_session (job, now);
}

static void
on_cnf_start (StJob  *job,
              guint8  error,
              gint64  now)
{
  if (job->phase != ST_JOB_PHASE_READY)
    return;
  if (error == ST_AYAB_OK)
    {
      job->phase = ST_JOB_PHASE_KNIT;
      st_job_set_state (job, job->user_paused ? ST_JOB_STATE_PAUSED : ST_JOB_STATE_KNITTING);
      st_job_log (job, ST_JOB_LOG_ACTION, "%s",
                  _("Knit: each pass of the carriage selects the next row"));
      job->t_retry = ST_JOB_NEVER;
      /* Until the first request, the resend rule pokes (resend_line). */
      job->t_resend = now + job->t.resend;
      return;
    }
  if (error == ST_AYAB_ERR_WRONG_STATE)
    {
      /* Not ready yet, or knitting with its first request lost. */
      st_job_set_state (job, ST_JOB_STATE_WAITING_READY);
      send_poke (job);
      return;
    }
  /* Device messages carry no CRC: only a repeated refusal is believed. */
  if (++job->ayab.start_errors < 3)
    {
      st_job_log (job, ST_JOB_LOG_WARNING, _("The machine refused to start (%s); asking again"),
                  _(st_ayab_error_name (error)));
      return;
    }
  st_job_refuse (job, _("The AYAB firmware refused needles %u to %u: %s"),
                 job->plan->start_needle + 1, job->plan->start_needle + job->plan->needles,
                 _(st_ayab_error_name (error)));
}

/* Back to the handshake's reqInit, the firmware stopped first: it is doing
 * something this job did not ask for. No session of this job is running
 * (the job is waiting for the carriage), so nothing knitted is lost. */
static void
start_over (StJob  *job,
            gint64  now)
{
  job->phase = ST_JOB_PHASE_INIT;
  st_job_set_state (job, ST_JOB_STATE_CONNECTING);
  send_simple (job, ST_AYAB_QUIT_CMD);
  send_req_init (job);
  job->t_retry = now + job->t.retry;
  job->t_deadline = now + job->t.handshake;
  job->t_probe = ST_JOB_NEVER;
}

static void
ayab_receive (StJob        *job,
              const guint8 *payload,
              gsize         length,
              gint64        now)
{
  StAyabMessage msg;
  StAyabDecodeResult result = st_ayab_decode (payload, length, job->plan->line_bytes, &msg);

  if (result != ST_AYAB_DECODE_OK || st_ayab_id_is_host (msg.id))
    {
      StCircularMessage other;

      job->stats.bad_frames++;
      if (st_circular_decode (payload, length, &other) == ST_CIRCULAR_DECODE_OK)
        {
          /* Translators: circular and ayab are the names of the
           * protocols (the --protocol option of stranded-cli
           * send); keep them. */
          const char *why = _("The machine speaks the circular dialect, not ayab: "
                              "choose the circular protocol");

          /* A CRC-checked frame of the other dialect before any of ours:
           * waiting out the handshake would not change the answer. */
          if (job->phase == ST_JOB_PHASE_INFO)
            st_job_refuse (job, "%s", why);
          else
            st_job_log (job, ST_JOB_LOG_WARNING, "%s", why);
        }
      else
        st_job_log_garbled (job, length,
                            result != ST_AYAB_DECODE_OK ? st_ayab_decode_result_name (result) : NULL);
      return;
    }
  st_job_heard (job, now);
  st_job_log (job, ST_JOB_LOG_DEBUG, "<- %s", st_ayab_id_name (msg.id));

  switch (msg.id)
    {
    case ST_AYAB_CNF_INFO:
      on_cnf_info (job, &msg, now);
      break;
    case ST_AYAB_CNF_INIT:
      on_cnf_init (job, msg.cnf.error, now);
      break;
    case ST_AYAB_IND_STATE:
      if (job->phase == ST_JOB_PHASE_READY && msg.state.error == ST_AYAB_OK &&
          job->state == ST_JOB_STATE_WAITING_READY)
        {
          st_job_set_state (job, ST_JOB_STATE_STARTING);
          send_req_start (job);
          job->t_retry = now + job->t.ready_probe;
        }
      else if (msg.state.error != ST_AYAB_OK)
        st_job_log (job, ST_JOB_LOG_INFO, _("The machine reports: %s"),
                    _(st_ayab_error_name (msg.state.error)));
      break;
    case ST_AYAB_CNF_START:
      on_cnf_start (job, msg.cnf.error, now);
      break;
    case ST_AYAB_REQ_LINE:
      if (job->phase == ST_JOB_PHASE_READY && msg.req_line.line == 0)
        {
          /* Knitting started and its cnfStart got lost. */
          on_cnf_start (job, ST_AYAB_OK, now);
        }
      else if (job->phase == ST_JOB_PHASE_READY)
        {
          /* Knitting a session this host did not start (a garbled answer
           * made it think the firmware restarted): start over cleanly. */
          job->stats.out_of_sequence++;
          st_job_log (job, ST_JOB_LOG_WARNING, _("The machine is knitting line %u of a session "
                                                 "Stranded did not start: restarting it"),
                      msg.req_line.line);
          start_over (job, now);
          break;
        }
      if (job->phase == ST_JOB_PHASE_KNIT)
        on_req_line (job, msg.req_line.line, now);
      else if (job->phase == ST_JOB_PHASE_FINISH && msg.req_line.line == job->ayab.last_line_number)
        resend_line (job, now);
      break;
    case ST_AYAB_CNF_TEST:
      /* Stranded never sends reqTest: one flipped bit made a reqInit (05)
       * one (04), and in test mode the firmware refuses reqStart for ever. */
      if (msg.cnf.error == ST_AYAB_OK &&
          (job->phase == ST_JOB_PHASE_INIT || job->phase == ST_JOB_PHASE_READY))
        {
          st_job_log (job, ST_JOB_LOG_WARNING, "%s",
                      _("A garbled command put the machine in test mode: starting again"));
          start_over (job, now);
        }
      break;
    case ST_AYAB_TEST_RES:
    case ST_AYAB_DEBUG:
      st_job_log (job, ST_JOB_LOG_DEBUG, "machine says: %s", msg.text.text);
      break;
    default:
      break;
    }
}

static void
ayab_tick (StJob  *job,
           gint64  now)
{
  if (now >= job->t_deadline)
    {
      switch (job->phase)
        {
        case ST_JOB_PHASE_INFO:
          st_job_stop (job, ST_JOB_STATE_FAILED,
                       /* Translators: %.0f is seconds. */
                       _("No answer from the machine in %.0f s: check that it is an AYAB "
                         "interface with firmware 1.0 (API 6) and that the port is right"),
                       job->t.handshake / (double) G_USEC_PER_SEC);
          return;
        case ST_JOB_PHASE_INIT:
          st_job_refuse (job, _("The AYAB firmware does not accept machine type %u"),
                         job->plan->machine_type);
          return;
        case ST_JOB_PHASE_FINISH:
          st_job_log (job, ST_JOB_LOG_WARNING, "%s",
                      _("The machine did not confirm the end; every round was knitted"));
          st_job_stop (job, ST_JOB_STATE_COMPLETED,
                       g_dngettext (GETTEXT_PACKAGE, "Completed: %llu round knitted",
                                    "Completed: all %llu rounds knitted", (gulong) job->rounds_done),
                       (unsigned long long) job->rounds_done);
          return;
        case ST_JOB_PHASE_CANCEL:
          {
            g_autofree char *done = st_job_done_text (job);

            st_job_stop (job, ST_JOB_STATE_CANCELLED,
                         /* Translators: %s says what is knitted: "Rounds 1 to
                          * 25 are knitted." */
                         _("Cancelled; the machine did not confirm it stopped. %s"), done);
          }
          return;
        default:
          job->t_deadline = ST_JOB_NEVER;
          break;
        }
    }

  if (now >= job->t_retry)
    {
      job->stats.retries++;
      switch (job->phase)
        {
        case ST_JOB_PHASE_INFO:
        case ST_JOB_PHASE_FINISH:
        case ST_JOB_PHASE_CANCEL:
          send_simple (job, ST_AYAB_REQ_INFO);
          job->t_retry = now + job->t.retry;
          break;
        case ST_JOB_PHASE_INIT:
          send_req_init (job);
          job->t_retry = now + job->t.retry;
          break;
        case ST_JOB_PHASE_READY:
          /* reqInit finds a restart (0 instead of 0xEF); reqStart finds the
           * carriage ready even if its single indState got lost. */
          send_req_init (job);
          send_req_start (job);
          job->t_retry = now + job->t.ready_probe;
          break;
        default:
          job->t_retry = ST_JOB_NEVER;
          break;
        }
    }

  if (now >= job->t_resend && job->phase == ST_JOB_PHASE_KNIT)
    resend_line (job, now);

  if (now >= job->t_probe && (job->phase == ST_JOB_PHASE_READY || job->phase == ST_JOB_PHASE_KNIT))
    {
      if (st_job_probe_due (job, now))
        send_req_init (job);
    }
}

static void
ayab_pause (StJob  *job,
            gint64  now)
{
  /* The line on the needles is the firmware's already; the next request
   * is held, which is all a pull protocol can do. */
}

static void
ayab_resume (StJob  *job,
             gint64  now)
{
  if (job->ayab.held)
    {
      job->ayab.held = FALSE;
      send_line (job, job->ayab.session_base + (guint64) job->ayab.line,
                 (guint8) job->ayab.line, FALSE, now);
    }
}

static void
ayab_cancel (StJob  *job,
             gint64  now)
{
  /* quitCmd is handled in any state: the firmware stops selecting needles
   * and waits for reqInit. Without it the firmware keeps knitting the last
   * line (AYAB firmware #156). */
  job->phase = ST_JOB_PHASE_CANCEL;
  st_job_set_state (job, ST_JOB_STATE_CANCELLING);
  job->t_resend = ST_JOB_NEVER;
  job->t_probe = ST_JOB_NEVER;
  send_simple (job, ST_AYAB_QUIT_CMD);
  send_simple (job, ST_AYAB_REQ_INFO);
  job->t_retry = now + job->t.retry;
  job->t_deadline = now + job->t.finish;
}

const StJobDriver st_job_ayab_driver = {
  ayab_start,
  ayab_receive,
  ayab_tick,
  ayab_pause,
  ayab_resume,
  ayab_cancel,
};
