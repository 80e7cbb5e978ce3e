/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-ayab.c: AYAB API v6 messages (see PROTOCOL.md, section "ayab").
 */
#include "config.h"

#include "st-ayab.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "st-framing.h"

gboolean
st_ayab_id_is_host (guint8 id)
{
  return (id & 0x80) == 0;
}

const char *
st_ayab_id_name (guint8 id)
{
  switch (id)
    {
    case ST_AYAB_REQ_START: return "reqStart";
    case ST_AYAB_REQ_INFO: return "reqInfo";
    case ST_AYAB_REQ_TEST: return "reqTest";
    case ST_AYAB_REQ_INIT: return "reqInit";
    case ST_AYAB_HELP_CMD: return "helpCmd";
    case ST_AYAB_SEND_CMD: return "sendCmd";
    case ST_AYAB_BEEP_CMD: return "beepCmd";
    case ST_AYAB_SET_SINGLE: return "setSingleCmd";
    case ST_AYAB_SET_ALL: return "setAllCmd";
    case ST_AYAB_READ_EOL: return "readEOLsensorsCmd";
    case ST_AYAB_READ_ENCODERS: return "readEncodersCmd";
    case ST_AYAB_AUTO_READ: return "autoReadCmd";
    case ST_AYAB_AUTO_TEST: return "autoTestCmd";
    case ST_AYAB_STOP_CMD: return "stopCmd";
    case ST_AYAB_QUIT_CMD: return "quitCmd";
    case ST_AYAB_CNF_LINE: return "cnfLine";
    case ST_AYAB_REQ_LINE: return "reqLine";
    case ST_AYAB_IND_STATE: return "indState";
    case ST_AYAB_DEBUG: return "debug";
    case ST_AYAB_CNF_START: return "cnfStart";
    case ST_AYAB_CNF_INFO: return "cnfInfo";
    case ST_AYAB_CNF_TEST: return "cnfTest";
    case ST_AYAB_CNF_INIT: return "cnfInit";
    case ST_AYAB_TEST_RES: return "testRes";
    default: return NULL;
    }
}

const char *
st_ayab_error_name (guint8 code)
{
  switch (code)
    {
    /* Translators: what the AYAB firmware answers to a request, after a
     * colon: "The AYAB firmware refused machine type 2: checksum error". */
    case ST_AYAB_OK: return N_("success");
    case ST_AYAB_ERR_SHORT: return N_("message too short");
    case ST_AYAB_ERR_UNRECOGNIZED: return N_("unrecognized message");
    case ST_AYAB_ERR_UNEXPECTED: return N_("unexpected message");
    case ST_AYAB_ERR_CHECKSUM: return N_("checksum error");
    case ST_AYAB_ERR_MACHINE_TYPE: return N_("invalid machine type");
    case ST_AYAB_ERR_NEEDLE: return N_("invalid needle range");
    case ST_AYAB_ERR_NULL_POINTER: return N_("null pointer");
    case ST_AYAB_ERR_ARGUMENT: return N_("invalid argument");
    case ST_AYAB_ERR_NO_MACHINE: return N_("no machine type");
    case ST_AYAB_ERR_NO_CARRIAGE: return N_("no carriage detected");
    case ST_AYAB_ERR_NO_DIRECTION: return N_("no direction detected");
    case ST_AYAB_ERR_NO_BELT_SHIFT: return N_("no belt shift detected");
    /* Translators: init, ready, knit and test are the AYAB firmware's
     * states; keep them as they are. */
    case ST_AYAB_ERR_STATE_INIT: return N_("wrong state (init)");
    case ST_AYAB_ERR_STATE_READY: return N_("wrong state (ready)");
    case ST_AYAB_ERR_STATE_KNIT: return N_("wrong state (knit)");
    case ST_AYAB_ERR_STATE_TEST: return N_("wrong state (test)");
    case ST_AYAB_ERR_WRONG_STATE: return N_("wrong machine state");
    /* Translators: what the AYAB firmware reports, after a colon: "The
     * machine reports: warning". */
    case ST_AYAB_ERR_WARNING: return N_("warning");
    case ST_AYAB_ERR_RECOVERABLE: return N_("recoverable error");
    case ST_AYAB_ERR_CRITICAL: return N_("critical error");
    case ST_AYAB_ERR_FATAL: return N_("fatal error");
    case ST_AYAB_ERR_UNSPECIFIED: return N_("unspecified error");
    default: return N_("unknown error");
    }
}

const char *
st_ayab_state_name (guint8 state)
{
  switch (state)
    {
    case ST_AYAB_STATE_WAIT_FOR_MACHINE: return "wait_for_machine";
    case ST_AYAB_STATE_INIT: return "init";
    case ST_AYAB_STATE_READY: return "ready";
    case ST_AYAB_STATE_KNIT: return "knit";
    case ST_AYAB_STATE_TEST: return "test";
    case ST_AYAB_STATE_ERROR: return "error";
    default: return "unknown";
    }
}

const char *
st_ayab_decode_result_name (StAyabDecodeResult result)
{
  switch (result)
    {
    case ST_AYAB_DECODE_OK: return "ok";
    /* Translators: what is wrong with a message from the machine, in
     * "Ignored a garbled message from the machine (12 bytes, %s)". */
    case ST_AYAB_DECODE_EMPTY: return N_("empty frame");
    case ST_AYAB_DECODE_UNKNOWN: return N_("unknown message ID");
    case ST_AYAB_DECODE_SHORT: return N_("message too short");
    case ST_AYAB_DECODE_LONG: return N_("message too long");
    case ST_AYAB_DECODE_BAD_CRC: return N_("bad CRC");
    default: return "unknown";
    }
}

guint
st_ayab_machine_needles (guint8 machine)
{
  switch (machine)
    {
    case ST_AYAB_MACHINE_KH910:
    case ST_AYAB_MACHINE_KH930:
      return 200;
    case ST_AYAB_MACHINE_KH270:
      return 112;
    default:
      return 0;
    }
}

guint
st_ayab_machine_line_bytes (guint8 machine)
{
  return (st_ayab_machine_needles (machine) + 7) / 8;
}

/* Size of a device message, which the firmware always sends whole; 0 for a
 * variable size. */
static gsize
device_message_size (guint8 id)
{
  switch (id)
    {
    case ST_AYAB_CNF_INFO: return 22;
    case ST_AYAB_CNF_INIT:
    case ST_AYAB_CNF_START:
    case ST_AYAB_CNF_TEST: return 2;
    case ST_AYAB_REQ_LINE: return 3;
    case ST_AYAB_IND_STATE: return 10;
    default: return 0;
    }
}

/* The minimum size of a host command as the firmware parses it. */
static gsize
host_message_size (guint8 id,
                   guint  line_bytes)
{
  switch (id)
    {
    case ST_AYAB_REQ_INIT: return 3;
    case ST_AYAB_REQ_START: return 5;
    case ST_AYAB_CNF_LINE: return line_bytes + 5;
    case ST_AYAB_SET_SINGLE:
    case ST_AYAB_SET_ALL: return 3;
    default: return 1;
    }
}

static StAyabDecodeResult
check_crc (const guint8 *payload,
           gsize         covered)
{
  return st_crc8_maxim (payload, covered) == payload[covered] ? ST_AYAB_DECODE_OK
                                                               : ST_AYAB_DECODE_BAD_CRC;
}

StAyabDecodeResult
st_ayab_decode (const guint8  *payload,
                gsize          length,
                guint          line_bytes,
                StAyabMessage *msg)
{
  guint8 id;

  memset (msg, 0, sizeof *msg);
  if (length == 0)
    return ST_AYAB_DECODE_EMPTY;
  id = payload[0];
  if (st_ayab_id_name (id) == NULL)
    return ST_AYAB_DECODE_UNKNOWN;
  msg->id = id;

  if (st_ayab_id_is_host (id))
    {
      if (id == ST_AYAB_CNF_LINE && line_bytes != 14 && line_bytes != 25)
        return ST_AYAB_DECODE_UNKNOWN;
      if (length < host_message_size (id, line_bytes))
        return ST_AYAB_DECODE_SHORT;
    }
  else if (id == ST_AYAB_TEST_RES || id == ST_AYAB_DEBUG)
    {
      if (length - 1 > ST_AYAB_MAX_TEXT)
        return ST_AYAB_DECODE_LONG;
    }
  else if (length < device_message_size (id))
    return ST_AYAB_DECODE_SHORT;
  else if (length > device_message_size (id))
    return ST_AYAB_DECODE_LONG;

  switch (id)
    {
    case ST_AYAB_REQ_INIT:
      msg->init.machine = payload[1];
      return check_crc (payload, 2);

    case ST_AYAB_REQ_START:
      msg->start.start_needle = payload[1];
      msg->start.stop_needle = payload[2];
      msg->start.flags = payload[3];
      return check_crc (payload, 4);

    case ST_AYAB_CNF_LINE:
      msg->line.line = payload[1];
      msg->line.color = payload[2];
      msg->line.flags = payload[3];
      msg->line.n_bytes = line_bytes;
      memcpy (msg->line.bits, payload + 4, line_bytes);
      return check_crc (payload, line_bytes + 4);

    case ST_AYAB_SET_SINGLE:
      msg->set_single.solenoid = payload[1];
      msg->set_single.value = payload[2];
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_SET_ALL:
      msg->set_all.mask = (guint16) (payload[1] << 8 | payload[2]);
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_CNF_INFO:
      msg->info.api = payload[1];
      msg->info.major = payload[2];
      msg->info.minor = payload[3];
      msg->info.patch = payload[4];
      /* strncpy semantics: up to 16 characters, NUL-padded. */
      for (int i = 0; i < 16 && payload[5 + i] != '\0'; i++)
        msg->info.suffix[i] = (char) payload[5 + i];
      msg->info.undefined = payload[21];
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_CNF_INIT:
    case ST_AYAB_CNF_START:
    case ST_AYAB_CNF_TEST:
      msg->cnf.error = payload[1];
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_REQ_LINE:
      msg->req_line.line = payload[1];
      msg->req_line.error = payload[2];
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_IND_STATE:
      msg->state.error = payload[1];
      msg->state.state = payload[2];
      msg->state.hall_left = (guint16) (payload[3] << 8 | payload[4]);
      msg->state.hall_right = (guint16) (payload[5] << 8 | payload[6]);
      msg->state.carriage = payload[7];
      msg->state.position = payload[8];
      msg->state.direction = payload[9];
      return ST_AYAB_DECODE_OK;

    case ST_AYAB_TEST_RES:
    case ST_AYAB_DEBUG:
      msg->text.length = (guint8) (length - 1);
      memcpy (msg->text.text, payload + 1, length - 1);
      msg->text.text[length - 1] = '\0';
      return ST_AYAB_DECODE_OK;

    default:
      /* Commands that are just an ID. */
      return ST_AYAB_DECODE_OK;
    }
}

static gsize
finish_crc (guint8 *out,
            gsize   covered)
{
  out[covered] = st_crc8_maxim (out, covered);
  return covered + 1;
}

gsize
st_ayab_encode (const StAyabMessage *msg,
                guint8              *out)
{
  gsize n;

  out[0] = msg->id;
  switch (msg->id)
    {
    case ST_AYAB_REQ_INIT:
      out[1] = msg->init.machine;
      return finish_crc (out, 2);

    case ST_AYAB_REQ_START:
      out[1] = msg->start.start_needle;
      out[2] = msg->start.stop_needle;
      out[3] = msg->start.flags;
      return finish_crc (out, 4);

    case ST_AYAB_CNF_LINE:
      g_return_val_if_fail (msg->line.n_bytes > 0 && msg->line.n_bytes <= ST_AYAB_MAX_LINE_BYTES, 0);
      out[1] = msg->line.line;
      out[2] = msg->line.color;
      out[3] = msg->line.flags;
      memcpy (out + 4, msg->line.bits, msg->line.n_bytes);
      return finish_crc (out, 4 + msg->line.n_bytes);

    case ST_AYAB_SET_SINGLE:
      out[1] = msg->set_single.solenoid;
      out[2] = msg->set_single.value;
      return 3;

    case ST_AYAB_SET_ALL:
      out[1] = (guint8) (msg->set_all.mask >> 8);
      out[2] = (guint8) (msg->set_all.mask & 0xFF);
      return 3;

    case ST_AYAB_CNF_INFO:
      out[1] = msg->info.api;
      out[2] = msg->info.major;
      out[3] = msg->info.minor;
      out[4] = msg->info.patch;
      memset (out + 5, 0, 16);
      n = strnlen (msg->info.suffix, 16);
      memcpy (out + 5, msg->info.suffix, n);
      out[21] = msg->info.undefined;
      return 22;

    case ST_AYAB_CNF_INIT:
    case ST_AYAB_CNF_START:
    case ST_AYAB_CNF_TEST:
      out[1] = msg->cnf.error;
      return 2;

    case ST_AYAB_REQ_LINE:
      out[1] = msg->req_line.line;
      out[2] = msg->req_line.error;
      return 3;

    case ST_AYAB_IND_STATE:
      out[1] = msg->state.error;
      out[2] = msg->state.state;
      out[3] = (guint8) (msg->state.hall_left >> 8);
      out[4] = (guint8) (msg->state.hall_left & 0xFF);
      out[5] = (guint8) (msg->state.hall_right >> 8);
      out[6] = (guint8) (msg->state.hall_right & 0xFF);
      out[7] = msg->state.carriage;
      out[8] = msg->state.position;
      out[9] = msg->state.direction;
      return 10;

    case ST_AYAB_TEST_RES:
    case ST_AYAB_DEBUG:
      n = MIN (msg->text.length, ST_AYAB_MAX_TEXT);
      memcpy (out + 1, msg->text.text, n);
      return n + 1;

    default:
      return 1;
    }
}
