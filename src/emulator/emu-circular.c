/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-circular.c: a motorised circular machine controller speaking the
 * circular dialect (PROTOCOL.md). It knits one round per pass_time, asks for
 * the next round's line while knitting the current one, re-asks every
 * 500 ms while it waits, acknowledges every line, reports its state on
 * every change and at least once a second, and keeps its job and round
 * counter across a reset (CAP_PERSISTENT) unless configured not to.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "emu-device-private.h"

#include <string.h>

#define REQUEST_INTERVAL  (500 * 1000)
#define HEARTBEAT         G_USEC_PER_SEC

static void
send_message (EmuDevice         *device,
              StCircularMessage *msg,
              gint64             now)
{
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD];

  emu_device_send (device, payload, st_circular_encode (msg, payload));
  device->circ.heartbeat_due = now + HEARTBEAT;
}

static guint16
position (EmuDevice *device,
          gint64     now)
{
  EmuCircular *c = &device->circ;
  gint64 at = c->state == ST_CIRCULAR_STATE_PAUSED ? c->paused_at : now;

  if (c->state != ST_CIRCULAR_STATE_KNITTING &&
      !(c->state == ST_CIRCULAR_STATE_PAUSED && c->paused_from == ST_CIRCULAR_STATE_KNITTING))
    return 0;
  return (guint16) MIN (device->config.needles - 1,
                        (guint64) MAX (0, at - c->round_start) * device->config.needles /
                        (guint64) device->config.pass_time);
}

static void
send_state (EmuDevice *device,
            gint64     now)
{
  EmuCircular *c = &device->circ;
  StCircularMessage msg = { .id = ST_CIRCULAR_STATE };

  msg.state.state = c->state;
  msg.state.error = c->error;
  msg.state.round = c->round;
  msg.state.position = position (device, now);
  msg.state.job = c->job;
  send_message (device, &msg, now);
}

static void
send_cnf (EmuDevice *device,
          guint8     request,
          guint8     status,
          gint64     now)
{
  StCircularMessage msg = { .id = ST_CIRCULAR_CNF };

  msg.cnf.request = request;
  msg.cnf.status = status;
  msg.cnf.round = device->circ.round;
  send_message (device, &msg, now);
}

static void
send_nak (EmuDevice *device,
          guint16    round,
          guint8     reason,
          gint64     now)
{
  StCircularMessage msg = { .id = ST_CIRCULAR_NAK };

  msg.nak.round = round;
  msg.nak.reason = reason;
  send_message (device, &msg, now);
}

static EmuLine *
find_line (EmuCircular *c,
           guint16      round)
{
  for (int i = 0; i < 2; i++)
    if (c->lines[i].valid && c->lines[i].round == round)
      return &c->lines[i];
  return NULL;
}

static gboolean
active (guint8 state)
{
  return state == ST_CIRCULAR_STATE_KNITTING || state == ST_CIRCULAR_STATE_WAITING ||
         state == ST_CIRCULAR_STATE_PAUSED || state == ST_CIRCULAR_STATE_ERROR;
}

/* The round the device wants a line for next, if any. */
static gboolean
wanted_round (EmuCircular *c,
              guint16     *round)
{
  EmuLine *current = find_line (c, c->round);

  if (c->state == ST_CIRCULAR_STATE_WAITING ||
      (c->state == ST_CIRCULAR_STATE_PAUSED && c->paused_from == ST_CIRCULAR_STATE_WAITING))
    {
      *round = c->round;
      return current == NULL;
    }
  if (c->state == ST_CIRCULAR_STATE_KNITTING ||
      (c->state == ST_CIRCULAR_STATE_PAUSED && c->paused_from == ST_CIRCULAR_STATE_KNITTING))
    {
      if (current == NULL || (current->flags & ST_CIRCULAR_LINE_LAST))
        return FALSE;
      *round = c->redirect ? c->next_round : (guint16) (c->round + 1);
      return find_line (c, *round) == NULL;
    }
  return FALSE;
}

/* What a NAK reports: the first round of the job whose line the device does
 * not hold, the one it wants next. A host may re-send that line; any line
 * before it is stored or knitted, so a copy would only be refused later. */
static guint16
needed_round (EmuCircular *c)
{
  EmuLine *current = find_line (c, c->round);
  guint16 next;

  if (!active (c->state) || current == NULL)
    return c->round;
  if (current->flags & ST_CIRCULAR_LINE_LAST)
    return (guint16) (c->round + 1);
  next = c->redirect ? c->next_round : (guint16) (c->round + 1);
  return find_line (c, next) != NULL ? (guint16) (next + 1) : next;
}

static void
request_line (EmuDevice *device,
              gint64     now)
{
  EmuCircular *c = &device->circ;
  StCircularMessage msg = { .id = ST_CIRCULAR_REQ_LINE };
  guint16 round;

  c->request_due = EMU_NEVER;
  if (!wanted_round (c, &round) || c->state == ST_CIRCULAR_STATE_PAUSED)
    return;
  /* Repeat a request every 500 ms, never sooner: the answer may be on
   * its way over a slow link. */
  if (c->requested && c->requested_round == round && now < c->requested_at + REQUEST_INTERVAL)
    {
      c->request_due = c->requested_at + REQUEST_INTERVAL;
      return;
    }
  msg.round.round = round;
  send_message (device, &msg, now);
  c->requested = TRUE;
  c->requested_round = round;
  c->requested_at = now;
  c->request_due = now + REQUEST_INTERVAL;
}

static void
begin_round (EmuDevice *device,
             gint64     now)
{
  EmuCircular *c = &device->circ;

  c->state = ST_CIRCULAR_STATE_KNITTING;
  c->round_start = now;
  c->round_due = now + device->config.pass_time;
  send_state (device, now);
  request_line (device, now);
}

static void
drop_lines_except (EmuCircular *c,
                   guint16      keep,
                   gboolean     keep_any)
{
  for (int i = 0; i < 2; i++)
    if (!keep_any || c->lines[i].round != keep)
      c->lines[i].valid = FALSE;
}

static void
end_round (EmuDevice *device,
           gint64     now)
{
  EmuCircular *c = &device->circ;
  EmuLine *line = find_line (c, c->round);
  gboolean last;

  c->round_due = EMU_NEVER;
  device->stats.passes++;
  emu_fabric_add_row (device->fabric, line->yarns, device->config.needles);
  last = (line->flags & ST_CIRCULAR_LINE_LAST) != 0;
  line->valid = FALSE;
  c->round = c->redirect ? c->next_round : (guint16) (c->round + 1);
  c->redirect = FALSE;
  if (last)
    {
      c->state = ST_CIRCULAR_STATE_DONE;
      c->request_due = EMU_NEVER;
      send_state (device, now);
      emu_device_log (device, "%s", _("job done"));
      if (device->cb.event != NULL)
        device->cb.event (device->user_data, EMU_EVENT_FINISHED);
      return;
    }
  c->state = ST_CIRCULAR_STATE_WAITING;
  send_state (device, now);
  if (!emu_device_round_faults (device, now))
    return;
  /* The cable is coming out before this round: it must not start, however
   * short a round is, until a host is back. */
  if (device->unplug_due != EMU_NEVER)
    c->hold = TRUE;
  else if (find_line (c, c->round) != NULL)
    begin_round (device, now);
  else
    request_line (device, now);
}

static void
on_line (EmuDevice               *device,
         const StCircularMessage *msg,
         gint64                   now)
{
  EmuCircular *c = &device->circ;
  guint16 wanted = c->round;
  EmuLine *slot;

  if (!active (c->state))
    {
      send_nak (device, c->round, ST_CIRCULAR_STATUS_WRONG_STATE, now);
      return;
    }
  if (msg->line.needles != device->config.needles)
    {
      send_nak (device, c->round, ST_CIRCULAR_STATUS_BAD_NEEDLES, now);
      return;
    }
  for (guint i = 0; i < msg->line.needles; i++)
    if (msg->line.yarn[i] >= device->config.feeds)
      {
        send_nak (device, c->round, ST_CIRCULAR_STATUS_BAD_YARN, now);
        return;
      }
  if (find_line (c, msg->line.round) != NULL)
    {
      /* A repeat of a line it holds: acknowledge again, keep the first. */
      StCircularMessage ack = { .id = ST_CIRCULAR_ACK };

      device->stats.lines_ignored++;
      ack.round.round = msg->line.round;
      send_message (device, &ack, now);
      return;
    }
  if (!wanted_round (c, &wanted) || msg->line.round != wanted)
    {
      device->stats.lines_ignored++;
      send_nak (device, needed_round (c), ST_CIRCULAR_STATUS_WRONG_ROUND, now);
      return;
    }
  slot = !c->lines[0].valid ? &c->lines[0] : &c->lines[1];
  slot->valid = TRUE;
  slot->round = msg->line.round;
  slot->flags = msg->line.flags;
  memcpy (slot->yarns, msg->line.yarn, msg->line.needles);
  device->stats.lines_accepted++;
  {
    StCircularMessage ack = { .id = ST_CIRCULAR_ACK };

    ack.round.round = msg->line.round;
    send_message (device, &ack, now);
  }
  c->request_due = EMU_NEVER;
  if (c->state == ST_CIRCULAR_STATE_WAITING && msg->line.round == c->round)
    begin_round (device, now);
}

static void
circular_receive (EmuDevice    *device,
                  const guint8 *payload,
                  gsize         length,
                  gint64        now)
{
  EmuCircular *c = &device->circ;
  StCircularMessage *msg = g_new0 (StCircularMessage, 1);
  StCircularDecodeResult result = st_circular_decode (payload, length, msg);
  guint16 expected = needed_round (c);

  switch (result)
    {
    case ST_CIRCULAR_DECODE_OK:
      break;
    case ST_CIRCULAR_DECODE_BAD_CRC:
      device->stats.bad_crc++;
      send_nak (device, expected, ST_CIRCULAR_STATUS_BAD_CRC, now);
      g_free (msg);
      return;
    case ST_CIRCULAR_DECODE_BAD_LENGTH:
      send_nak (device, expected, ST_CIRCULAR_STATUS_BAD_LENGTH, now);
      g_free (msg);
      return;
    default:
      send_nak (device, expected, ST_CIRCULAR_STATUS_UNKNOWN, now);
      g_free (msg);
      return;
    }

  switch (msg->id)
    {
    case ST_CIRCULAR_REQ_INFO:
      {
        StCircularMessage info = { .id = ST_CIRCULAR_INFO };

        info.info.version = ST_CIRCULAR_VERSION;
        info.info.major = 1;
        info.info.needles = (guint16) device->config.needles;
        info.info.feeds = (guint8) device->config.feeds;
        info.info.caps = ST_CIRCULAR_CAP_PAUSE | ST_CIRCULAR_CAP_POSITION |
                         (device->config.persistent ? ST_CIRCULAR_CAP_PERSISTENT : 0);
        info.info.state = c->state;
        info.info.job = c->job;
        info.info.round = c->round;
        strcpy (info.info.name, "stranded-emu");
        send_message (device, &info, now);
      }
      break;

    case ST_CIRCULAR_REQ_STATE:
      send_state (device, now);
      break;

    case ST_CIRCULAR_START:
      if (active (c->state))
        send_cnf (device, ST_CIRCULAR_START, ST_CIRCULAR_STATUS_BUSY, now);
      else if (msg->start.needles != device->config.needles)
        send_cnf (device, ST_CIRCULAR_START, ST_CIRCULAR_STATUS_BAD_NEEDLES, now);
      else if (msg->start.yarns > device->config.feeds)
        send_cnf (device, ST_CIRCULAR_START, ST_CIRCULAR_STATUS_BAD_YARN, now);
      else
        {
          c->job = msg->start.job;
          c->round = msg->start.round;
          c->error = ST_CIRCULAR_ERROR_NONE;
          c->redirect = FALSE;
          drop_lines_except (c, 0, FALSE);
          c->state = ST_CIRCULAR_STATE_WAITING;
          send_cnf (device, ST_CIRCULAR_START, ST_CIRCULAR_STATUS_OK, now);
          send_state (device, now);
          request_line (device, now);
        }
      break;

    case ST_CIRCULAR_LINE:
      on_line (device, msg, now);
      break;

    case ST_CIRCULAR_SET_ROUND:
      if (!active (c->state))
        send_cnf (device, ST_CIRCULAR_SET_ROUND, ST_CIRCULAR_STATUS_WRONG_STATE, now);
      else
        {
          gboolean mid_round = c->state == ST_CIRCULAR_STATE_KNITTING ||
                               (c->state == ST_CIRCULAR_STATE_PAUSED &&
                                c->paused_from == ST_CIRCULAR_STATE_KNITTING);

          if (mid_round)
            {
              /* The round on the needles finishes; then the given one. */
              if (msg->round.round != c->round)
                {
                  drop_lines_except (c, c->round, TRUE);
                  c->redirect = msg->round.round != (guint16) (c->round + 1);
                  c->next_round = msg->round.round;
                }
            }
          else
            {
              drop_lines_except (c, 0, FALSE);
              c->round = msg->round.round;
            }
          send_cnf (device, ST_CIRCULAR_SET_ROUND, ST_CIRCULAR_STATUS_OK, now);
          request_line (device, now);
        }
      break;

    case ST_CIRCULAR_PAUSE:
      if (c->state == ST_CIRCULAR_STATE_KNITTING || c->state == ST_CIRCULAR_STATE_WAITING)
        {
          c->paused_from = c->state;
          c->paused_at = now;
          c->state = ST_CIRCULAR_STATE_PAUSED;
          c->request_due = EMU_NEVER;
          send_cnf (device, ST_CIRCULAR_PAUSE, ST_CIRCULAR_STATUS_OK, now);
          send_state (device, now);
        }
      else
        send_cnf (device, ST_CIRCULAR_PAUSE, ST_CIRCULAR_STATUS_WRONG_STATE, now);
      break;

    case ST_CIRCULAR_RESUME:
      if (c->state == ST_CIRCULAR_STATE_PAUSED || c->state == ST_CIRCULAR_STATE_ERROR)
        {
          if (c->state == ST_CIRCULAR_STATE_PAUSED && c->paused_from == ST_CIRCULAR_STATE_KNITTING)
            {
              c->round_start += now - c->paused_at;
              c->round_due += now - c->paused_at;
              c->state = ST_CIRCULAR_STATE_KNITTING;
            }
          else
            c->state = find_line (c, c->round) ? ST_CIRCULAR_STATE_KNITTING : ST_CIRCULAR_STATE_WAITING;
          c->error = ST_CIRCULAR_ERROR_NONE;
          send_cnf (device, ST_CIRCULAR_RESUME, ST_CIRCULAR_STATUS_OK, now);
          send_state (device, now);
          if (c->state == ST_CIRCULAR_STATE_KNITTING && c->round_due == EMU_NEVER)
            begin_round (device, now);
          else
            request_line (device, now);
        }
      else
        send_cnf (device, ST_CIRCULAR_RESUME, ST_CIRCULAR_STATUS_WRONG_STATE, now);
      break;

    case ST_CIRCULAR_CANCEL:
      c->state = ST_CIRCULAR_STATE_IDLE;
      c->job = 0;
      c->round_due = EMU_NEVER;
      c->request_due = EMU_NEVER;
      c->redirect = FALSE;
      drop_lines_except (c, 0, FALSE);
      send_cnf (device, ST_CIRCULAR_CANCEL, ST_CIRCULAR_STATUS_OK, now);
      break;

    case ST_CIRCULAR_RESET:
      send_cnf (device, ST_CIRCULAR_RESET, ST_CIRCULAR_STATUS_OK, now);
      emu_device_reset (device, now);
      break;

    default:
      send_nak (device, expected, ST_CIRCULAR_STATUS_UNKNOWN, now);
      break;
    }
  g_free (msg);
}

static void
circular_tick (EmuDevice *device,
               gint64     now)
{
  EmuCircular *c = &device->circ;

  if (now < device->boot_until)
    return;
  if (c->announce_boot)
    {
      c->announce_boot = FALSE;
      send_state (device, now);
      c->error = ST_CIRCULAR_ERROR_NONE;
    }
  if (now >= c->round_due && c->state == ST_CIRCULAR_STATE_KNITTING)
    end_round (device, now);
  if (now >= c->request_due)
    request_line (device, now);
  if (now >= c->heartbeat_due)
    send_state (device, now);
}

static gint64
circular_deadline (const EmuDevice *device)
{
  const EmuCircular *c = &device->circ;
  gint64 next = MIN (c->heartbeat_due, c->request_due);

  if (c->state == ST_CIRCULAR_STATE_KNITTING)
    next = MIN (next, c->round_due);
  if (c->announce_boot)
    next = MIN (next, device->boot_until);
  return next;
}

static void
circular_reset (EmuDevice *device,
                gint64     now)
{
  EmuCircular *c = &device->circ;
  guint16 job = c->job, round = c->round;

  memset (c, 0, sizeof *c);
  c->state = ST_CIRCULAR_STATE_IDLE;
  c->error = ST_CIRCULAR_ERROR_RESTARTED;
  if (device->config.persistent)
    {
      /* Kept in EEPROM at every round. */
      c->job = job;
      c->round = round;
    }
  c->round_due = EMU_NEVER;
  c->request_due = EMU_NEVER;
  c->heartbeat_due = now + device->config.boot_time + HEARTBEAT;
  c->announce_boot = TRUE;
}

static void
circular_connected (EmuDevice *device,
                    gint64     now)
{
  EmuCircular *c = &device->circ;

  /* A native USB controller does not reset when the port opens. A round
   * held for an unplug starts now, or asks for its line. */
  if (!c->hold)
    return;
  c->hold = FALSE;
  if (c->state != ST_CIRCULAR_STATE_WAITING)
    return;
  if (find_line (c, c->round) != NULL)
    begin_round (device, now);
  else
    request_line (device, now);
}

const EmuDeviceClass emu_circular_class = {
  circular_connected,
  circular_receive,
  circular_tick,
  circular_deadline,
  circular_reset,
};
