/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-ayab.c: an AYAB interface with firmware 1.0 (API 6), written from the
 * protocol notes, not from AYAB's code. Its quirks are kept on purpose:
 * cnfLine's bitmap is copied into the live buffer before the CRC check, a
 * line with a bad CRC is then dropped without a word and never asked for
 * again, a line with the wrong number makes it ask again, a line nobody
 * asked for is ignored, reqInit works only in wait_for_machine, a finished
 * job leaves it in init, and cnfInfo's last byte is whatever was in memory.
 * The emulated knitter moves the carriage only after the line's beep.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "emu-device-private.h"

#include <string.h>

static void
send_message (EmuDevice     *device,
              StAyabMessage *msg)
{
  guint8 payload[ST_AYAB_MAX_PAYLOAD];

  emu_device_send (device, payload, st_ayab_encode (msg, payload));
}

static void
send_cnf (EmuDevice *device,
          StAyabId   id,
          guint8     error)
{
  StAyabMessage msg = { .id = id };

  msg.cnf.error = error;
  send_message (device, &msg);
}

static void
send_req_line (EmuDevice *device)
{
  StAyabMessage msg = { .id = ST_AYAB_REQ_LINE };

  msg.req_line.line = device->ayab.current_line;
  send_message (device, &msg);
}

static void
send_state (EmuDevice *device,
            guint8     error)
{
  StAyabMessage msg = { .id = ST_AYAB_IND_STATE };

  msg.state.error = error;
  msg.state.state = device->ayab.state;
  msg.state.hall_left = 0x0210;
  msg.state.hall_right = 0x0230;
  msg.state.carriage = ST_AYAB_CARRIAGE_KNIT;
  msg.state.position = (guint8) (device->ayab.start + 28);
  msg.state.direction = ST_AYAB_DIRECTION_RIGHT;
  send_message (device, &msg);
}

static void
send_text (EmuDevice  *device,
           const char *text)
{
  StAyabMessage msg = { .id = ST_AYAB_TEST_RES };

  msg.text.length = (guint8) MIN (strlen (text), ST_AYAB_MAX_TEXT);
  memcpy (msg.text.text, text, msg.text.length);
  send_message (device, &msg);
}

static void
ayab_reset (EmuDevice *device,
            gint64     now)
{
  EmuAyab *a = &device->ayab;

  memset (a, 0, sizeof *a);
  a->state = ST_AYAB_STATE_WAIT_FOR_MACHINE;
  a->machine_type = ST_AYAB_MACHINE_NONE;
  a->line_bytes = 25;
  a->pass_due = EMU_NEVER;
  a->ready_due = EMU_NEVER;
}

static void
ayab_connected (EmuDevice *device,
                gint64     now)
{
  /* Opening the port toggles DTR: the Uno reboots into its bootloader. */
  if (device->config.dtr_reset)
    emu_device_reset (device, now);
}

/* Turns the passes of a row into yarn indices: 0 is the main yarn (feeder
 * A), 1 the contrast. */
static void
assemble_row (EmuDevice *device)
{
  EmuAyab *a = &device->ayab;
  guint width = (guint) a->stop - a->start + 1;
  g_autofree guint8 *yarns = g_new0 (guint8, width);

  for (guint i = 0; i < width; i++)
    {
      guint needle = a->start + i;

      if (device->config.mode == ST_KNIT_MODE_SINGLEBED)
        yarns[i] = st_ayab_bit_get (a->passes[0], needle) ? 1 : 0;
      else
        {
          gboolean in_a = st_ayab_bit_get (a->passes[0], needle);
          gboolean in_b = st_ayab_bit_get (a->passes[2], needle);
          gboolean blank = st_ayab_bit_get (a->passes[1], needle) || st_ayab_bit_get (a->passes[3], needle);

          /* Each stitch knits in exactly one of the two colour passes. */
          if (blank || in_a == in_b)
            yarns[i] = EMU_STITCH_FAULT;
          else
            yarns[i] = in_a ? 0 : 1;
        }
    }
  emu_fabric_add_row (device->fabric, yarns, width);
  a->n_passes = 0;
}

static void
request_next_line (EmuDevice *device)
{
  EmuAyab *a = &device->ayab;

  a->current_line++;
  a->requested = TRUE;
  send_req_line (device);
}

/* The carriage has worked the accepted line and left the needles. */
static void
finish_pass (EmuDevice *device,
             gint64     now)
{
  EmuAyab *a = &device->ayab;
  guint per_row = device->config.mode == ST_KNIT_MODE_CIRCULAR_RIBBER ? 4 : 1;

  a->pass_due = EMU_NEVER;
  device->stats.passes++;
  if (a->last_line)
    {
      /* End of work: two beeps, solenoids released, back to init. */
      emu_device_log (device, "%s", _("end of work"));
      a->state = ST_AYAB_STATE_INIT;
      a->requested = FALSE;
      a->n_passes = 0;
      if (device->cb.event != NULL)
        device->cb.event (device->user_data, EMU_EVENT_FINISHED);
      return;
    }
  memcpy (a->passes[a->n_passes++], a->buffer, a->line_bytes);
  if (a->reporting)
    send_state (device, ST_AYAB_OK);
  if (a->n_passes == per_row)
    assemble_row (device);

  if (a->n_passes == 0)
    {
      /* A row boundary: where the round faults strike. The request for the
       * next line goes out first, so the host knows the row is knitted. */
      request_next_line (device);
      emu_device_round_faults (device, now);
      return;
    }
  request_next_line (device);
}

static void
on_cnf_line (EmuDevice    *device,
             const guint8 *payload,
             gsize         length,
             gint64        now)
{
  EmuAyab *a = &device->ayab;
  StAyabMessage msg;
  StAyabDecodeResult result = st_ayab_decode (payload, length, a->line_bytes, &msg);

  if (result == ST_AYAB_DECODE_SHORT || a->state != ST_AYAB_STATE_KNIT)
    return;
  /* The firmware copies the bitmap first and checks the CRC after. */
  memcpy (a->buffer, payload + 4, a->line_bytes);
  if (result == ST_AYAB_DECODE_BAD_CRC)
    {
      device->stats.bad_crc++;
      /* Translators: cnfLine is the name of a message of the AYAB protocol. */
      emu_device_log (device, _("cnfLine %u: bad CRC, dropped silently"), msg.line.line);
      return;
    }
  if (!a->requested)
    {
      device->stats.lines_ignored++;
      return;
    }
  if (msg.line.line != a->current_line)
    {
      device->stats.rerequests++;
      /* Translators: cnfLine is the name of a message of the AYAB protocol. */
      emu_device_log (device, _("cnfLine %u while line %u is requested: asking again"),
                      msg.line.line, a->current_line);
      send_req_line (device);
      return;
    }
  device->stats.lines_accepted++;
  a->requested = FALSE;
  a->last_line = (msg.line.flags & ST_AYAB_LINE_LAST) != 0;
  /* Beep; the knitter moves the carriage across the bed. */
  a->pass_due = now + device->config.pass_time;
}

static void
on_req_init (EmuDevice    *device,
             StAyabMessage *msg,
             StAyabDecodeResult result,
             gint64        now)
{
  EmuAyab *a = &device->ayab;

  if (result == ST_AYAB_DECODE_SHORT)
    send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_ERR_SHORT);
  else if (result == ST_AYAB_DECODE_BAD_CRC)
    send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_ERR_CHECKSUM);
  else if (a->state != ST_AYAB_STATE_WAIT_FOR_MACHINE)
    send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_ERR_WRONG_STATE);
  else if (msg->init.machine == ST_AYAB_MACHINE_NONE)
    send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_ERR_NO_MACHINE);
  else if (st_ayab_machine_needles (msg->init.machine) != device->config.needles)
    {
      /* Real firmware would drive the wrong machine; the emulator says so. */
      /* Translators: reqInit is the name of a message of the AYAB protocol. */
      emu_device_log (device, _("reqInit for machine type %u, but this bed has %u needles"),
                      msg->init.machine, device->config.needles);
      send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_ERR_MACHINE_TYPE);
    }
  else
    {
      a->machine_type = msg->init.machine;
      a->line_bytes = st_ayab_machine_line_bytes (msg->init.machine);
      a->state = ST_AYAB_STATE_INIT;
      a->ready_due = now + device->config.ready_time;
      send_cnf (device, ST_AYAB_CNF_INIT, ST_AYAB_OK);
    }
}

static void
on_req_start (EmuDevice          *device,
              StAyabMessage      *msg,
              StAyabDecodeResult  result)
{
  EmuAyab *a = &device->ayab;
  guint needles = st_ayab_machine_needles (a->machine_type);

  if (result == ST_AYAB_DECODE_SHORT)
    send_cnf (device, ST_AYAB_CNF_START, ST_AYAB_ERR_SHORT);
  else if (result == ST_AYAB_DECODE_BAD_CRC)
    send_cnf (device, ST_AYAB_CNF_START, ST_AYAB_ERR_CHECKSUM);
  else if (a->state != ST_AYAB_STATE_READY)
    send_cnf (device, ST_AYAB_CNF_START, ST_AYAB_ERR_WRONG_STATE);
  else if (!(msg->start.start_needle < msg->start.stop_needle && msg->start.stop_needle < needles))
    send_cnf (device, ST_AYAB_CNF_START, ST_AYAB_ERR_NEEDLE);
  else
    {
      a->start = msg->start.start_needle;
      a->stop = msg->start.stop_needle;
      a->reporting = (msg->start.flags & ST_AYAB_START_CONTINUOUS_REPORTING) != 0;
      a->state = ST_AYAB_STATE_KNIT;
      a->current_line = 255;
      a->requested = FALSE;
      a->last_line = FALSE;
      a->n_passes = 0;
      send_cnf (device, ST_AYAB_CNF_START, ST_AYAB_OK);
      /* The first knit() call asks for line 0 at once. */
      request_next_line (device);
    }
}

static void
on_test_command (EmuDevice     *device,
                 StAyabMessage *msg,
                 gint64         now)
{
  char text[64];

  if (device->ayab.state != ST_AYAB_STATE_TEST)
    return;
  switch (msg->id)
    {
    case ST_AYAB_HELP_CMD:
      send_text (device, "The following commands are available:");
      send_text (device, "setSingle [0..15] [1/0], setAll [0..FFFF], readEOLsensors,");
      send_text (device, "readEncoders, beep, autoRead, autoTest, send, stop, quit, help");
      break;
    case ST_AYAB_SEND_CMD:
      if (device->cb.send_raw != NULL && device->connected)
        device->cb.send_raw (device->user_data, (const guint8 *) "123", 3);
      break;
    case ST_AYAB_BEEP_CMD:
      send_text (device, "Called beep");
      break;
    case ST_AYAB_SET_SINGLE:
      g_snprintf (text, sizeof text, "Called setSingle %u %u", msg->set_single.solenoid,
                  msg->set_single.value);
      send_text (device, text);
      break;
    case ST_AYAB_SET_ALL:
      g_snprintf (text, sizeof text, "Called setAll %04X", msg->set_all.mask);
      send_text (device, text);
      break;
    case ST_AYAB_READ_EOL:
      send_text (device, "EOL_L: 528  EOL_R: 560");
      break;
    case ST_AYAB_READ_ENCODERS:
      send_text (device, "ENC_A: HIGH  ENC_B: LOW  ENC_C: LOW");
      break;
    case ST_AYAB_AUTO_READ:
    case ST_AYAB_AUTO_TEST:
    case ST_AYAB_STOP_CMD:
      send_text (device, msg->id == ST_AYAB_STOP_CMD ? "Called stop" : "Called auto");
      break;
    default:
      break;
    }
}

static void
ayab_receive (EmuDevice    *device,
              const guint8 *payload,
              gsize         length,
              gint64        now)
{
  EmuAyab *a = &device->ayab;
  StAyabMessage msg;
  StAyabDecodeResult result;

  /* PacketSerial's buffer: anything longer is lost. */
  if (length == 0 || length > ST_AYAB_FIRMWARE_BUFFER)
    return;
  if (payload[0] == ST_AYAB_CNF_LINE)
    {
      on_cnf_line (device, payload, length, now);
      return;
    }
  result = st_ayab_decode (payload, length, a->line_bytes, &msg);
  if (result == ST_AYAB_DECODE_UNKNOWN || result == ST_AYAB_DECODE_EMPTY)
    return;

  switch (msg.id)
    {
    case ST_AYAB_REQ_INFO:
      {
        StAyabMessage info = { .id = ST_AYAB_CNF_INFO };

        info.info.api = ST_AYAB_API_VERSION;
        info.info.major = 1;
        strcpy (info.info.suffix, "stranded-emu");
        /* Byte 21 is never written by the firmware. */
        info.info.undefined = (guint8) g_rand_int_range (device->rand, 0, 256);
        send_message (device, &info);
      }
      break;
    case ST_AYAB_REQ_INIT:
      on_req_init (device, &msg, result, now);
      break;
    case ST_AYAB_REQ_START:
      on_req_start (device, &msg, result);
      break;
    case ST_AYAB_REQ_TEST:
      if (a->state == ST_AYAB_STATE_WAIT_FOR_MACHINE || a->state == ST_AYAB_STATE_INIT ||
          a->state == ST_AYAB_STATE_READY)
        {
          a->state = ST_AYAB_STATE_TEST;
          a->ready_due = EMU_NEVER;
          send_cnf (device, ST_AYAB_CNF_TEST, ST_AYAB_OK);
        }
      else
        send_cnf (device, ST_AYAB_CNF_TEST, ST_AYAB_ERR_WRONG_STATE);
      break;
    case ST_AYAB_QUIT_CMD:
      /* Handled in any state. */
      a->state = ST_AYAB_STATE_WAIT_FOR_MACHINE;
      a->requested = FALSE;
      a->pass_due = EMU_NEVER;
      a->ready_due = EMU_NEVER;
      a->n_passes = 0;
      break;
    default:
      on_test_command (device, &msg, now);
      break;
    }
}

static void
ayab_tick (EmuDevice *device,
           gint64     now)
{
  EmuAyab *a = &device->ayab;

  if (now >= a->ready_due && a->state == ST_AYAB_STATE_INIT)
    {
      /* The carriage passed the left turn mark going right: ready. */
      a->ready_due = EMU_NEVER;
      a->state = ST_AYAB_STATE_READY;
      send_state (device, ST_AYAB_OK);
    }
  if (now >= a->pass_due && a->state == ST_AYAB_STATE_KNIT)
    finish_pass (device, now);
}

static gint64
ayab_deadline (const EmuDevice *device)
{
  return MIN (device->ayab.ready_due, device->ayab.pass_due);
}

const EmuDeviceClass emu_ayab_class = {
  ayab_connected,
  ayab_receive,
  ayab_tick,
  ayab_deadline,
  ayab_reset,
};
