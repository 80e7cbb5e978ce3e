/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-circular.c: the `circular` dialect codec (see PROTOCOL.md).
 */
#include "config.h"

#include "st-circular.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "st-framing.h"

const char *
st_circular_id_name (guint8 id)
{
  switch (id)
    {
    case ST_CIRCULAR_REQ_INFO: return "REQ_INFO";
    case ST_CIRCULAR_START: return "START";
    case ST_CIRCULAR_LINE: return "LINE";
    case ST_CIRCULAR_SET_ROUND: return "SET_ROUND";
    case ST_CIRCULAR_PAUSE: return "PAUSE";
    case ST_CIRCULAR_RESUME: return "RESUME";
    case ST_CIRCULAR_CANCEL: return "CANCEL";
    case ST_CIRCULAR_RESET: return "RESET";
    case ST_CIRCULAR_REQ_STATE: return "REQ_STATE";
    case ST_CIRCULAR_INFO: return "INFO";
    case ST_CIRCULAR_CNF: return "CNF";
    case ST_CIRCULAR_ACK: return "ACK";
    case ST_CIRCULAR_NAK: return "NAK";
    case ST_CIRCULAR_REQ_LINE: return "REQ_LINE";
    case ST_CIRCULAR_STATE: return "STATE";
    default: return NULL;
    }
}

const char *
st_circular_state_name (guint8 state)
{
  switch (state)
    {
    case ST_CIRCULAR_STATE_IDLE: return "idle";
    case ST_CIRCULAR_STATE_KNITTING: return "knitting";
    case ST_CIRCULAR_STATE_WAITING: return "waiting for a line";
    case ST_CIRCULAR_STATE_PAUSED: return "paused";
    case ST_CIRCULAR_STATE_DONE: return "done";
    case ST_CIRCULAR_STATE_ERROR: return "error";
    default: return "unknown";
    }
}

const char *
st_circular_error_name (guint8 error)
{
  switch (error)
    {
    /* Translators: a fault the machine reports, in "The machine stopped:
     * needle jam at needle 12". */
    case ST_CIRCULAR_ERROR_NONE: return N_("no error");
    case ST_CIRCULAR_ERROR_RESTARTED: return N_("the controller restarted");
    case ST_CIRCULAR_ERROR_JAM: return N_("needle jam");
    case ST_CIRCULAR_ERROR_YARN: return N_("yarn break");
    case ST_CIRCULAR_ERROR_MOTOR: return N_("motor fault");
    default: return N_("unknown error");
    }
}

const char *
st_circular_status_name (guint8 status)
{
  switch (status)
    {
    case ST_CIRCULAR_STATUS_OK: return "ok";
    /* Translators: why the machine refused a message, after a colon or in
     * parentheses: "The machine refused the job: busy with another job". */
    case ST_CIRCULAR_STATUS_BAD_CRC: return N_("bad CRC");
    case ST_CIRCULAR_STATUS_BAD_LENGTH: return N_("bad length");
    case ST_CIRCULAR_STATUS_UNKNOWN: return N_("unknown message");
    case ST_CIRCULAR_STATUS_WRONG_STATE: return N_("wrong state");
    case ST_CIRCULAR_STATUS_WRONG_ROUND: return N_("wrong round");
    case ST_CIRCULAR_STATUS_BAD_NEEDLES: return N_("wrong needle count");
    case ST_CIRCULAR_STATUS_BAD_YARN: return N_("yarn index beyond the feeds");
    case ST_CIRCULAR_STATUS_BUSY: return N_("busy with another job");
    default: return N_("unknown status");
    }
}

const char *
st_circular_decode_result_name (StCircularDecodeResult result)
{
  switch (result)
    {
    case ST_CIRCULAR_DECODE_OK: return "ok";
    /* Translators: what is wrong with a message from the machine, in
     * "Ignored a garbled message from the machine (12 bytes, %s)". */
    case ST_CIRCULAR_DECODE_EMPTY: return N_("empty frame");
    case ST_CIRCULAR_DECODE_UNKNOWN: return N_("unknown message ID");
    case ST_CIRCULAR_DECODE_BAD_LENGTH: return N_("wrong length");
    case ST_CIRCULAR_DECODE_BAD_CRC: return N_("bad CRC");
    case ST_CIRCULAR_DECODE_BAD_VALUE: return N_("invalid value");
    default: return "unknown";
    }
}

guint64
st_circular_round_expand (guint16 round16,
                          guint64 near)
{
  gint64 delta = (gint16) (guint16) (round16 - (guint16) near);

  if (delta < 0 && (guint64) -delta > near)
    return round16;   /* below zero: the only reading is the raw value */
  return near + delta;
}

static inline guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static inline void
put16 (guint8  *p,
       guint16  value)
{
  p[0] = (guint8) (value >> 8);
  p[1] = (guint8) (value & 0xFF);
}

/* Fixed sizes including ID and CRC; LINE depends on its needle count. */
static gsize
message_size (guint8 id)
{
  switch (id)
    {
    case ST_CIRCULAR_REQ_INFO:
    case ST_CIRCULAR_PAUSE:
    case ST_CIRCULAR_RESUME:
    case ST_CIRCULAR_CANCEL:
    case ST_CIRCULAR_RESET:
    case ST_CIRCULAR_REQ_STATE: return 2;
    case ST_CIRCULAR_START: return 9;
    case ST_CIRCULAR_SET_ROUND:
    case ST_CIRCULAR_ACK:
    case ST_CIRCULAR_REQ_LINE: return 4;
    case ST_CIRCULAR_INFO: return 31;
    case ST_CIRCULAR_CNF: return 6;
    case ST_CIRCULAR_NAK: return 5;
    case ST_CIRCULAR_STATE: return 10;
    default: return 0;
    }
}

StCircularDecodeResult
st_circular_decode (const guint8      *payload,
                    gsize              length,
                    StCircularMessage *msg)
{
  guint8 id;
  gsize expected;

  memset (msg, 0, sizeof *msg);
  if (length == 0)
    return ST_CIRCULAR_DECODE_EMPTY;
  id = payload[0];
  if (st_circular_id_name (id) == NULL)
    return ST_CIRCULAR_DECODE_UNKNOWN;
  msg->id = id;

  if (id == ST_CIRCULAR_LINE)
    expected = length >= 6 ? 7 + (get16 (payload + 4) + 1u) / 2 : 7;
  else
    expected = message_size (id);
  if (length != expected)
    return ST_CIRCULAR_DECODE_BAD_LENGTH;
  if (st_crc8_maxim (payload, length - 1) != payload[length - 1])
    return ST_CIRCULAR_DECODE_BAD_CRC;

  switch (id)
    {
    case ST_CIRCULAR_START:
      msg->start.job = get16 (payload + 1);
      msg->start.round = get16 (payload + 3);
      msg->start.needles = get16 (payload + 5);
      msg->start.yarns = payload[7];
      if (msg->start.needles == 0 || msg->start.needles > ST_CIRCULAR_MAX_NEEDLES ||
          msg->start.yarns == 0 || msg->start.yarns > ST_CIRCULAR_MAX_FEEDS)
        return ST_CIRCULAR_DECODE_BAD_VALUE;
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_LINE:
      msg->line.round = get16 (payload + 1);
      msg->line.flags = payload[3];
      msg->line.needles = get16 (payload + 4);
      if (msg->line.needles == 0 || msg->line.needles > ST_CIRCULAR_MAX_NEEDLES)
        return ST_CIRCULAR_DECODE_BAD_VALUE;
      for (guint i = 0; i < msg->line.needles; i++)
        msg->line.yarn[i] = (payload[6 + i / 2] >> ((i & 1) * 4)) & 0x0F;
      /* An odd count leaves the last high nibble as padding, which is 0. */
      if ((msg->line.needles & 1) && (payload[6 + msg->line.needles / 2] & 0xF0))
        return ST_CIRCULAR_DECODE_BAD_VALUE;
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_SET_ROUND:
    case ST_CIRCULAR_ACK:
    case ST_CIRCULAR_REQ_LINE:
      msg->round.round = get16 (payload + 1);
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_INFO:
      msg->info.version = payload[1];
      msg->info.major = payload[2];
      msg->info.minor = payload[3];
      msg->info.patch = payload[4];
      msg->info.needles = get16 (payload + 5);
      msg->info.feeds = payload[7];
      msg->info.caps = payload[8];
      msg->info.state = payload[9];
      msg->info.job = get16 (payload + 10);
      msg->info.round = get16 (payload + 12);
      for (int i = 0; i < ST_CIRCULAR_NAME_LENGTH && payload[14 + i] != '\0'; i++)
        msg->info.name[i] = (char) payload[14 + i];
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_CNF:
      msg->cnf.request = payload[1];
      msg->cnf.status = payload[2];
      msg->cnf.round = get16 (payload + 3);
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_NAK:
      msg->nak.round = get16 (payload + 1);
      msg->nak.reason = payload[3];
      return ST_CIRCULAR_DECODE_OK;

    case ST_CIRCULAR_STATE:
      msg->state.state = payload[1];
      msg->state.error = payload[2];
      msg->state.round = get16 (payload + 3);
      msg->state.position = get16 (payload + 5);
      msg->state.job = get16 (payload + 7);
      if (msg->state.state > ST_CIRCULAR_STATE_ERROR)
        return ST_CIRCULAR_DECODE_BAD_VALUE;
      return ST_CIRCULAR_DECODE_OK;

    default:
      return ST_CIRCULAR_DECODE_OK;
    }
}

gsize
st_circular_encode (const StCircularMessage *msg,
                    guint8                  *out)
{
  gsize n;

  out[0] = msg->id;
  switch (msg->id)
    {
    case ST_CIRCULAR_START:
      put16 (out + 1, msg->start.job);
      put16 (out + 3, msg->start.round);
      put16 (out + 5, msg->start.needles);
      out[7] = msg->start.yarns;
      n = 8;
      break;

    case ST_CIRCULAR_LINE:
      g_return_val_if_fail (msg->line.needles > 0 && msg->line.needles <= ST_CIRCULAR_MAX_NEEDLES, 0);
      put16 (out + 1, msg->line.round);
      out[3] = msg->line.flags;
      put16 (out + 4, msg->line.needles);
      memset (out + 6, 0, (msg->line.needles + 1u) / 2);
      for (guint i = 0; i < msg->line.needles; i++)
        out[6 + i / 2] |= (guint8) ((msg->line.yarn[i] & 0x0F) << ((i & 1) * 4));
      n = 6 + (msg->line.needles + 1u) / 2;
      break;

    case ST_CIRCULAR_SET_ROUND:
    case ST_CIRCULAR_ACK:
    case ST_CIRCULAR_REQ_LINE:
      put16 (out + 1, msg->round.round);
      n = 3;
      break;

    case ST_CIRCULAR_INFO:
      out[1] = msg->info.version;
      out[2] = msg->info.major;
      out[3] = msg->info.minor;
      out[4] = msg->info.patch;
      put16 (out + 5, msg->info.needles);
      out[7] = msg->info.feeds;
      out[8] = msg->info.caps;
      out[9] = msg->info.state;
      put16 (out + 10, msg->info.job);
      put16 (out + 12, msg->info.round);
      memset (out + 14, 0, ST_CIRCULAR_NAME_LENGTH);
      memcpy (out + 14, msg->info.name, strnlen (msg->info.name, ST_CIRCULAR_NAME_LENGTH));
      n = 30;
      break;

    case ST_CIRCULAR_CNF:
      out[1] = msg->cnf.request;
      out[2] = msg->cnf.status;
      put16 (out + 3, msg->cnf.round);
      n = 5;
      break;

    case ST_CIRCULAR_NAK:
      put16 (out + 1, msg->nak.round);
      out[3] = msg->nak.reason;
      n = 4;
      break;

    case ST_CIRCULAR_STATE:
      out[1] = msg->state.state;
      out[2] = msg->state.error;
      put16 (out + 3, msg->state.round);
      put16 (out + 5, msg->state.position);
      put16 (out + 7, msg->state.job);
      n = 9;
      break;

    default:
      n = 1;
      break;
    }
  out[n] = st_crc8_maxim (out, n);
  return n + 1;
}
