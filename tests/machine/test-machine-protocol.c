/* SPDX-License-Identifier: GPL-3.0-or-later
 * test-machine-protocol.c: SLIP framing, CRC-8/MAXIM vectors, every AYAB v6
 * message and every `circular` message, byte for byte.
 */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "st-ayab.h"
#include "st-circular.h"
#include "st-framing.h"
#include "st-test-util.h"

/* Feeds @bytes to @decoder; returns the frames as hex strings joined by '|'
 * and the results that dropped a frame as "!o" / "!e". */
static char *
decode_all (StSlipDecoder *decoder,
            const guint8  *bytes,
            gsize          length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      StSlipResult result = st_slip_decoder_push (decoder, bytes[i]);

      if (result == ST_SLIP_NONE)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      if (result == ST_SLIP_OVERSIZED)
        g_string_append (out, "!o");
      else if (result == ST_SLIP_BAD_ESCAPE)
        g_string_append (out, "!e");
      else
        for (gsize j = 0; j < decoder->length; j++)
          g_string_append_printf (out, "%02X", decoder->frame[j]);
    }
  return g_string_free (out, FALSE);
}

static char *
hex (const guint8 *bytes,
     gsize         length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%s%02X", i ? " " : "", bytes[i]);
  return g_string_free (out, FALSE);
}

static char *
slip_hex (const guint8 *payload,
          gsize         length)
{
  g_autoptr(GByteArray) wire = g_byte_array_new ();

  st_slip_encode (wire, payload, length);
  return hex (wire->data, wire->len);
}

/* ---- CRC ---------------------------------------------------------------- */

START_TEST (test_crc_vectors)
{
  static const guint8 req_start[] = { 0x01, 0x00, 0x0A, 0x01 };
  static const guint8 init0[] = { 0x05, 0x00 };
  static const guint8 init1[] = { 0x05, 0x01 };
  static const guint8 init2[] = { 0x05, 0x02 };
  static const guint8 start_70_129[] = { 0x01, 0x46, 0x81, 0x02 };

  ck_assert_uint_eq (st_crc8_maxim ((const guint8 *) "123456789", 9), 0xA1);
  ck_assert_uint_eq (st_crc8_maxim (req_start, 4), 0x36);
  ck_assert_uint_eq (st_crc8_maxim (init0, 2), 0xFF);
  ck_assert_uint_eq (st_crc8_maxim (init1, 2), 0xA1);
  ck_assert_uint_eq (st_crc8_maxim (init2, 2), 0x43);
  ck_assert_uint_eq (st_crc8_maxim (start_70_129, 4), 0x38);
  ck_assert_uint_eq (st_crc8_maxim (NULL, 0), 0x00);
  /* A CRC continued over a split buffer equals the CRC of the whole. */
  ck_assert_uint_eq (st_crc8_maxim_update (st_crc8_maxim ((const guint8 *) "1234", 4),
                                           (const guint8 *) "56789", 5), 0xA1);
}
END_TEST

/* CRC-8 catches every single-byte error: check all 255 corruptions of every
 * byte of a 30-byte cnfLine. */
START_TEST (test_crc_detects_single_byte_errors)
{
  guint8 line[30];
  guint8 crc;

  for (int i = 0; i < 30; i++)
    line[i] = (guint8) (i * 37 + 5);
  crc = st_crc8_maxim (line, 30);
  for (int i = 0; i < 30; i++)
    for (int flip = 1; flip < 256; flip++)
      {
        line[i] ^= (guint8) flip;
        ck_assert_uint_ne (st_crc8_maxim (line, 30), crc);
        line[i] ^= (guint8) flip;
      }
}
END_TEST

/* ---- SLIP --------------------------------------------------------------- */

START_TEST (test_slip_encode)
{
  static const guint8 plain[] = { 0x03 };
  static const guint8 special[] = { 0x01, 0xC0, 0x02, 0xDB, 0x03 };
  g_autofree char *a = slip_hex (plain, 1);
  g_autofree char *b = slip_hex (special, 5);
  g_autofree char *c = slip_hex (NULL, 0);

  ck_assert_str_eq (a, "C0 03 C0");
  ck_assert_str_eq (b, "C0 01 DB DC 02 DB DD 03 C0");
  ck_assert_str_eq (c, "C0 C0");
}
END_TEST

START_TEST (test_slip_decode_basic)
{
  static const guint8 wire[] = {
    0xC0, 0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03, 0xC0,   /* 01 C0 02 DB 03 */
    0xC0, 0xC0, 0xC0,                                       /* empty frames */
    0x03, 0xC0,                                             /* no leading END */
  };
  StSlipDecoder decoder;
  g_autofree char *frames = NULL;

  st_slip_decoder_init (&decoder, 64);
  frames = decode_all (&decoder, wire, sizeof wire);
  ck_assert_str_eq (frames, "01C002DB03|03");
  ck_assert_uint_eq (decoder.frames, 2);
  ck_assert_uint_eq (decoder.oversized, 0);
  ck_assert_uint_eq (decoder.bad_escapes, 0);
  ck_assert_uint_eq (decoder.bytes, sizeof wire);
  st_slip_decoder_clear (&decoder);
}
END_TEST

START_TEST (test_slip_decode_oversized)
{
  g_autoptr(GByteArray) wire = g_byte_array_new ();
  guint8 big[10], small[4] = { 1, 2, 3, 4 };
  StSlipDecoder decoder;
  g_autofree char *frames = NULL;

  memset (big, 0x55, sizeof big);
  st_slip_encode (wire, small, 4);
  st_slip_encode (wire, big, 5);        /* one over the limit of 4 */
  st_slip_encode (wire, small, 4);      /* the decoder recovers at once */
  st_slip_decoder_init (&decoder, 4);
  frames = decode_all (&decoder, wire->data, wire->len);
  ck_assert_str_eq (frames, "01020304|!o|01020304");
  ck_assert_uint_eq (decoder.frames, 2);
  ck_assert_uint_eq (decoder.oversized, 1);
  st_slip_decoder_clear (&decoder);
}
END_TEST

START_TEST (test_slip_decode_bad_escape)
{
  static const guint8 wire[] = {
    0xC0, 0x01, 0xDB, 0x05, 0x02, 0xC0,    /* ESC followed by a plain byte */
    0xC0, 0x07, 0xDB, 0xC0,                 /* ESC right before END */
    0xC0, 0x09, 0xC0,
  };
  StSlipDecoder decoder;
  g_autofree char *frames = NULL;

  st_slip_decoder_init (&decoder, 64);
  frames = decode_all (&decoder, wire, sizeof wire);
  ck_assert_str_eq (frames, "!e|!e|09");
  ck_assert_uint_eq (decoder.bad_escapes, 2);
  ck_assert_uint_eq (decoder.frames, 1);
  st_slip_decoder_clear (&decoder);
}
END_TEST

START_TEST (test_slip_reset_forgets_partial_frame)
{
  static const guint8 partial[] = { 0xC0, 0x11, 0x22 };
  static const guint8 rest[] = { 0x33, 0xC0 };
  StSlipDecoder decoder;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  st_slip_decoder_init (&decoder, 64);
  a = decode_all (&decoder, partial, sizeof partial);
  st_slip_decoder_reset (&decoder);
  b = decode_all (&decoder, rest, sizeof rest);
  ck_assert_str_eq (a, "");
  ck_assert_str_eq (b, "33");
  st_slip_decoder_clear (&decoder);
}
END_TEST

/* Every payload of one and two bytes survives encode + byte-wise decode. */
START_TEST (test_slip_roundtrip_exhaustive)
{
  StSlipDecoder decoder;
  g_autoptr(GByteArray) wire = g_byte_array_new ();
  guint frames = 0;

  st_slip_decoder_init (&decoder, 2);
  for (guint v = 0; v < 256 + 65536; v++)
    {
      guint8 payload[2];
      gsize length = v < 256 ? 1 : 2;
      gboolean got = FALSE;

      if (v < 256)
        payload[0] = (guint8) v;
      else
        {
          payload[0] = (guint8) ((v - 256) >> 8);
          payload[1] = (guint8) (v - 256);
        }
      g_byte_array_set_size (wire, 0);
      st_slip_encode (wire, payload, length);
      for (guint i = 0; i < wire->len; i++)
        if (st_slip_decoder_push (&decoder, wire->data[i]) == ST_SLIP_FRAME)
          {
            ck_assert (!got);
            ck_assert_uint_eq (decoder.length, length);
            ck_assert (memcmp (decoder.frame, payload, length) == 0);
            got = TRUE;
            frames++;
          }
      ck_assert (got);
    }
  ck_assert_uint_eq (frames, 256 + 65536);
  ck_assert_uint_eq (decoder.oversized, 0);
  st_slip_decoder_clear (&decoder);
}
END_TEST

/* ---- AYAB --------------------------------------------------------------- */

static char *
ayab_wire (const StAyabMessage *msg)
{
  guint8 payload[ST_AYAB_MAX_PAYLOAD];
  gsize length = st_ayab_encode (msg, payload);

  return slip_hex (payload, length);
}

START_TEST (test_ayab_reference_frames)
{
  StAyabMessage msg = { 0 };
  g_autofree char *info = NULL;
  g_autofree char *init = NULL;
  g_autofree char *start = NULL;
  g_autofree char *line = NULL;
  g_autofree char *blank30 = NULL;
  g_autofree char *quit = NULL;

  msg.id = ST_AYAB_REQ_INFO;
  info = ayab_wire (&msg);
  ck_assert_str_eq (info, "C0 03 C0");

  msg.id = ST_AYAB_REQ_INIT;
  msg.init.machine = ST_AYAB_MACHINE_KH930;
  init = ayab_wire (&msg);
  ck_assert_str_eq (init, "C0 05 01 A1 C0");

  memset (&msg, 0, sizeof msg);
  msg.id = ST_AYAB_REQ_START;
  msg.start.start_needle = 70;
  msg.start.stop_needle = 129;
  msg.start.flags = ST_AYAB_START_BEEPER;
  start = ayab_wire (&msg);
  ck_assert_str_eq (start, "C0 01 46 81 02 38 C0");

  memset (&msg, 0, sizeof msg);
  msg.id = ST_AYAB_CNF_LINE;
  msg.line.n_bytes = 25;
  for (guint n = 0; n < 8; n++)
    st_ayab_bit_set (msg.line.bits, n, TRUE);
  st_ayab_bit_set (msg.line.bits, 199, TRUE);
  line = ayab_wire (&msg);
  ck_assert_str_eq (line, "C0 42 00 00 00 FF 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 73 C0");

  /* The CRC of the blank line 30 is END itself and must be escaped. */
  memset (&msg, 0, sizeof msg);
  msg.id = ST_AYAB_CNF_LINE;
  msg.line.n_bytes = 25;
  msg.line.line = 30;
  blank30 = ayab_wire (&msg);
  ck_assert (g_str_has_suffix (blank30, "00 00 DB DC C0"));

  memset (&msg, 0, sizeof msg);
  msg.id = ST_AYAB_QUIT_CMD;
  quit = ayab_wire (&msg);
  ck_assert_str_eq (quit, "C0 2F C0");
}
END_TEST

/* The firmware's own vectors: reqStart 01 00 0A 01 36 passes, ... 73 fails. */
START_TEST (test_ayab_req_start_crc)
{
  static const guint8 good[] = { 0x01, 0x00, 0x0A, 0x01, 0x36 };
  static const guint8 bad[] = { 0x01, 0x00, 0x0A, 0x01, 0x73 };
  static const guint8 shorter[] = { 0x01, 0x00, 0x0A, 0x01 };
  StAyabMessage msg;

  ck_assert_int_eq (st_ayab_decode (good, 5, 25, &msg), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (msg.id, ST_AYAB_REQ_START);
  ck_assert_uint_eq (msg.start.start_needle, 0);
  ck_assert_uint_eq (msg.start.stop_needle, 10);
  ck_assert_uint_eq (msg.start.flags, ST_AYAB_START_CONTINUOUS_REPORTING);
  ck_assert_int_eq (st_ayab_decode (bad, 5, 25, &msg), ST_AYAB_DECODE_BAD_CRC);
  /* A bad CRC still decodes the fields, as the firmware reads them. */
  ck_assert_uint_eq (msg.start.stop_needle, 10);
  ck_assert_int_eq (st_ayab_decode (shorter, 4, 25, &msg), ST_AYAB_DECODE_SHORT);
}
END_TEST

/* Encode, then decode: every message of the API comes back field for field. */
START_TEST (test_ayab_roundtrip_every_message)
{
  static const guint8 simple_ids[] = {
    ST_AYAB_REQ_INFO, ST_AYAB_REQ_TEST, ST_AYAB_HELP_CMD, ST_AYAB_SEND_CMD, ST_AYAB_BEEP_CMD,
    ST_AYAB_READ_EOL, ST_AYAB_READ_ENCODERS, ST_AYAB_AUTO_READ, ST_AYAB_AUTO_TEST,
    ST_AYAB_STOP_CMD, ST_AYAB_QUIT_CMD,
  };
  static const guint8 cnf_ids[] = { ST_AYAB_CNF_START, ST_AYAB_CNF_INIT, ST_AYAB_CNF_TEST };
  guint8 payload[ST_AYAB_MAX_PAYLOAD];
  StAyabMessage in, out;
  gsize n;

  for (guint i = 0; i < G_N_ELEMENTS (simple_ids); i++)
    {
      memset (&in, 0, sizeof in);
      in.id = simple_ids[i];
      n = st_ayab_encode (&in, payload);
      ck_assert_uint_eq (n, 1);
      ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
      ck_assert_uint_eq (out.id, simple_ids[i]);
      ck_assert (st_ayab_id_is_host (simple_ids[i]));
    }

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_REQ_INIT;
  in.init.machine = ST_AYAB_MACHINE_KH270;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (payload[2], 0x43);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.init.machine, 2);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_CNF_INFO;
  in.info.api = 6;
  in.info.major = 1;
  in.info.minor = 0;
  in.info.patch = 3;
  strcpy (in.info.suffix, "0123456789abcdef");   /* exactly 16: no NUL on the wire */
  in.info.undefined = 0xA5;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 22);
  ck_assert_uint_eq (payload[20], 'f');
  ck_assert_uint_eq (payload[21], 0xA5);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.info.api, 6);
  ck_assert_uint_eq (out.info.patch, 3);
  ck_assert_str_eq (out.info.suffix, "0123456789abcdef");
  ck_assert_uint_eq (out.info.undefined, 0xA5);
  ck_assert (!st_ayab_id_is_host (ST_AYAB_CNF_INFO));

  for (guint i = 0; i < G_N_ELEMENTS (cnf_ids); i++)
    {
      guint8 id = cnf_ids[i];

      memset (&in, 0, sizeof in);
      in.id = id;
      in.cnf.error = ST_AYAB_ERR_WRONG_STATE;
      n = st_ayab_encode (&in, payload);
      ck_assert_uint_eq (n, 2);
      ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
      ck_assert_uint_eq (out.id, id);
      ck_assert_uint_eq (out.cnf.error, 0xEF);
    }

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_REQ_LINE;
  in.req_line.line = 255;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 3);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.req_line.line, 255);
  ck_assert_uint_eq (out.req_line.error, 0);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_IND_STATE;
  in.state.error = 0;
  in.state.state = ST_AYAB_STATE_READY;
  in.state.hall_left = 0x1234;
  in.state.hall_right = 0xBEEF;
  in.state.carriage = ST_AYAB_CARRIAGE_GARTER;
  in.state.position = 77;
  in.state.direction = ST_AYAB_DIRECTION_RIGHT;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 10);
  ck_assert_uint_eq (payload[3], 0x12);   /* big-endian */
  ck_assert_uint_eq (payload[4], 0x34);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.state.state, 2);
  ck_assert_uint_eq (out.state.hall_left, 0x1234);
  ck_assert_uint_eq (out.state.hall_right, 0xBEEF);
  ck_assert_uint_eq (out.state.carriage, 2);
  ck_assert_uint_eq (out.state.position, 77);
  ck_assert_uint_eq (out.state.direction, 1);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_SET_SINGLE;
  in.set_single.solenoid = 15;
  in.set_single.value = 1;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 3);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.set_single.solenoid, 15);
  ck_assert_uint_eq (out.set_single.value, 1);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_SET_ALL;
  in.set_all.mask = 0xA001;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (payload[1], 0xA0);
  ck_assert_uint_eq (payload[2], 0x01);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.set_all.mask, 0xA001);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_TEST_RES;
  strcpy (in.text.text, "EOL L: 512");
  in.text.length = 10;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 11);   /* no terminator on the wire */
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_str_eq (out.text.text, "EOL L: 512");
  ck_assert_uint_eq (out.text.length, 10);

  memset (&in, 0, sizeof in);
  in.id = ST_AYAB_DEBUG;
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 1);
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.id, ST_AYAB_DEBUG);
}
END_TEST

START_TEST (test_ayab_cnf_line)
{
  guint8 payload[ST_AYAB_MAX_PAYLOAD + 4];
  StAyabMessage in = { 0 }, out;
  gsize n;

  /* KH-270: 14 bitmap bytes, needle 111 is the last bit of byte 13. */
  in.id = ST_AYAB_CNF_LINE;
  in.line.line = 9;
  in.line.color = 1;
  in.line.flags = ST_AYAB_LINE_LAST;
  in.line.n_bytes = 14;
  st_ayab_bit_set (in.line.bits, 0, TRUE);
  st_ayab_bit_set (in.line.bits, 9, TRUE);
  st_ayab_bit_set (in.line.bits, 111, TRUE);
  n = st_ayab_encode (&in, payload);
  ck_assert_uint_eq (n, 19);
  ck_assert_uint_eq (payload[1], 9);     /* line, colour, flags: the code's order */
  ck_assert_uint_eq (payload[2], 1);
  ck_assert_uint_eq (payload[3], 1);
  ck_assert_uint_eq (payload[4], 0x01);
  ck_assert_uint_eq (payload[5], 0x02);
  ck_assert_uint_eq (payload[17], 0x80);
  ck_assert_int_eq (st_ayab_decode (payload, n, 14, &out), ST_AYAB_DECODE_OK);
  ck_assert_uint_eq (out.line.line, 9);
  ck_assert_uint_eq (out.line.color, 1);
  ck_assert_uint_eq (out.line.flags, 1);
  ck_assert (st_ayab_bit_get (out.line.bits, 0));
  ck_assert (!st_ayab_bit_get (out.line.bits, 1));
  ck_assert (st_ayab_bit_get (out.line.bits, 9));
  ck_assert (st_ayab_bit_get (out.line.bits, 111));

  /* The firmware ignores extra bytes, and drops frames one byte short. */
  payload[n] = 0x99;
  ck_assert_int_eq (st_ayab_decode (payload, n + 1, 14, &out), ST_AYAB_DECODE_OK);
  ck_assert_int_eq (st_ayab_decode (payload, n - 1, 14, &out), ST_AYAB_DECODE_SHORT);
  /* A KH-930 expects 25 bytes: this frame is short for it. */
  ck_assert_int_eq (st_ayab_decode (payload, n, 25, &out), ST_AYAB_DECODE_SHORT);
  /* Any flipped bit of the bitmap fails the CRC. */
  payload[10] ^= 0x10;
  ck_assert_int_eq (st_ayab_decode (payload, n, 14, &out), ST_AYAB_DECODE_BAD_CRC);
}
END_TEST

START_TEST (test_ayab_decode_errors)
{
  static const guint8 req_quit[] = { 0x0C };            /* in the manual, not in the code */
  static const guint8 req_line_v5[] = { 0x82, 0x05 };  /* API v5: two bytes */
  static const guint8 req_line_long[] = { 0x82, 0x05, 0x00, 0x00 };
  static const guint8 info_v5[] = { 0xC3, 0x05, 0x00, 0x95 };
  static const guint8 init_short[] = { 0x05, 0x01 };
  static const guint8 init_bad[] = { 0x05, 0x01, 0xA0 };
  StAyabMessage msg;

  ck_assert_int_eq (st_ayab_decode (NULL, 0, 25, &msg), ST_AYAB_DECODE_EMPTY);
  ck_assert_int_eq (st_ayab_decode (req_quit, 1, 25, &msg), ST_AYAB_DECODE_UNKNOWN);
  ck_assert_int_eq (st_ayab_decode (req_line_v5, 2, 25, &msg), ST_AYAB_DECODE_SHORT);
  ck_assert_int_eq (st_ayab_decode (req_line_long, 4, 25, &msg), ST_AYAB_DECODE_LONG);
  ck_assert_int_eq (st_ayab_decode (info_v5, 4, 25, &msg), ST_AYAB_DECODE_SHORT);
  ck_assert_int_eq (st_ayab_decode (init_short, 2, 25, &msg), ST_AYAB_DECODE_SHORT);
  ck_assert_int_eq (st_ayab_decode (init_bad, 3, 25, &msg), ST_AYAB_DECODE_BAD_CRC);
  ck_assert_str_eq (st_ayab_decode_result_name (ST_AYAB_DECODE_BAD_CRC), "bad CRC");
}
END_TEST

START_TEST (test_ayab_names_and_machines)
{
  /* Every ID byte either has a name or is unknown; exactly 24 are known. */
  guint known = 0;

  for (guint id = 0; id < 256; id++)
    if (st_ayab_id_name ((guint8) id) != NULL)
      known++;
  ck_assert_uint_eq (known, 24);
  ck_assert_str_eq (st_ayab_id_name (0x2F), "quitCmd");
  ck_assert_str_eq (st_ayab_error_name (0xEF), "wrong machine state");
  ck_assert_str_eq (st_ayab_error_name (0x04), "checksum error");
  ck_assert_str_eq (st_ayab_state_name (2), "ready");
  ck_assert_uint_eq (st_ayab_machine_needles (0), 200);
  ck_assert_uint_eq (st_ayab_machine_needles (1), 200);
  ck_assert_uint_eq (st_ayab_machine_needles (2), 112);
  ck_assert_uint_eq (st_ayab_machine_needles (3), 0);
  ck_assert_uint_eq (st_ayab_machine_line_bytes (1), 25);
  ck_assert_uint_eq (st_ayab_machine_line_bytes (2), 14);
}
END_TEST

/* ---- circular ----------------------------------------------------------- */

static gsize
circular_roundtrip (const StCircularMessage *in,
                    StCircularMessage       *out,
                    guint8                  *payload)
{
  gsize n = st_circular_encode (in, payload);

  ck_assert_int_eq (st_circular_decode (payload, n, out), ST_CIRCULAR_DECODE_OK);
  ck_assert_uint_eq (out->id, in->id);
  ck_assert_uint_eq (payload[n - 1], st_crc8_maxim (payload, n - 1));
  return n;
}

START_TEST (test_circular_exact_bytes)
{
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD];
  StCircularMessage msg = { 0 };
  g_autofree char *req_info = NULL;
  g_autofree char *set_round = NULL;
  g_autofree char *line = NULL;
  gsize n;

  msg.id = ST_CIRCULAR_REQ_INFO;
  n = st_circular_encode (&msg, payload);
  req_info = hex (payload, n);
  ck_assert_str_eq (req_info, "51 85");
  ck_assert_uint_eq (st_crc8_maxim ((const guint8 *) "\x51", 1), 0x85);

  msg.id = ST_CIRCULAR_SET_ROUND;
  msg.round.round = 0x0102;
  n = st_circular_encode (&msg, payload);
  set_round = hex (payload, n);
  ck_assert_str_eq (set_round, "54 01 02 9D");

  /* Five needles: yarns 1 2 3 4 5 pack low nibble first, padding 0. */
  memset (&msg, 0, sizeof msg);
  msg.id = ST_CIRCULAR_LINE;
  msg.line.round = 300;
  msg.line.flags = ST_CIRCULAR_LINE_LAST;
  msg.line.needles = 5;
  for (int i = 0; i < 5; i++)
    msg.line.yarn[i] = (guint8) (i + 1);
  n = st_circular_encode (&msg, payload);
  line = hex (payload, n - 1);
  ck_assert_str_eq (line, "53 01 2C 01 00 05 21 43 05");
  ck_assert_uint_eq (n, 10);
}
END_TEST

START_TEST (test_circular_roundtrip_every_message)
{
  static const guint8 bare[] = {
    ST_CIRCULAR_REQ_INFO, ST_CIRCULAR_PAUSE, ST_CIRCULAR_RESUME, ST_CIRCULAR_CANCEL,
    ST_CIRCULAR_RESET, ST_CIRCULAR_REQ_STATE,
  };
  static const guint8 round_ids[] = { ST_CIRCULAR_SET_ROUND, ST_CIRCULAR_ACK, ST_CIRCULAR_REQ_LINE };
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD];
  StCircularMessage in, out;
  gsize n;

  for (guint i = 0; i < G_N_ELEMENTS (bare); i++)
    {
      memset (&in, 0, sizeof in);
      in.id = bare[i];
      ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 2);
    }
  for (guint i = 0; i < G_N_ELEMENTS (round_ids); i++)
    {
      memset (&in, 0, sizeof in);
      in.id = round_ids[i];
      in.round.round = 65535;
      ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 4);
      ck_assert_uint_eq (out.round.round, 65535);
    }

  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_START;
  in.start.job = 0xBEEF;
  in.start.round = 17;
  in.start.needles = 48;
  in.start.yarns = 2;
  ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 9);
  ck_assert_uint_eq (out.start.job, 0xBEEF);
  ck_assert_uint_eq (out.start.round, 17);
  ck_assert_uint_eq (out.start.needles, 48);
  ck_assert_uint_eq (out.start.yarns, 2);

  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_INFO;
  in.info.version = 1;
  in.info.major = 2;
  in.info.minor = 3;
  in.info.patch = 4;
  in.info.needles = 1024;
  in.info.feeds = 16;
  in.info.caps = ST_CIRCULAR_CAP_PAUSE | ST_CIRCULAR_CAP_PERSISTENT;
  in.info.state = ST_CIRCULAR_STATE_WAITING;
  in.info.job = 7;
  in.info.round = 40000;
  strcpy (in.info.name, "Sentro motor 48!");   /* 16 characters */
  ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 31);
  ck_assert_uint_eq (out.info.version, 1);
  ck_assert_uint_eq (out.info.major, 2);
  ck_assert_uint_eq (out.info.minor, 3);
  ck_assert_uint_eq (out.info.patch, 4);
  ck_assert_uint_eq (out.info.needles, 1024);
  ck_assert_uint_eq (out.info.feeds, 16);
  ck_assert_uint_eq (out.info.caps, 5);
  ck_assert_uint_eq (out.info.state, 2);
  ck_assert_uint_eq (out.info.job, 7);
  ck_assert_uint_eq (out.info.round, 40000);
  ck_assert_str_eq (out.info.name, "Sentro motor 48!");

  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_CNF;
  in.cnf.request = ST_CIRCULAR_PAUSE;
  in.cnf.status = ST_CIRCULAR_STATUS_WRONG_STATE;
  in.cnf.round = 12;
  ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 6);
  ck_assert_uint_eq (out.cnf.request, ST_CIRCULAR_PAUSE);
  ck_assert_uint_eq (out.cnf.status, 4);
  ck_assert_uint_eq (out.cnf.round, 12);

  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_NAK;
  in.nak.round = 513;
  in.nak.reason = ST_CIRCULAR_STATUS_BAD_CRC;
  ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 5);
  ck_assert_uint_eq (out.nak.round, 513);
  ck_assert_uint_eq (out.nak.reason, 1);

  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_STATE;
  in.state.state = ST_CIRCULAR_STATE_PAUSED;
  in.state.error = ST_CIRCULAR_ERROR_YARN;
  in.state.round = 999;
  in.state.position = 47;
  in.state.job = 0x1234;
  ck_assert_uint_eq (circular_roundtrip (&in, &out, payload), 10);
  ck_assert_uint_eq (out.state.state, 3);
  ck_assert_uint_eq (out.state.error, 0x11);
  ck_assert_uint_eq (out.state.round, 999);
  ck_assert_uint_eq (out.state.position, 47);
  ck_assert_uint_eq (out.state.job, 0x1234);

  /* A full 1024-needle line using all 16 yarns. */
  memset (&in, 0, sizeof in);
  in.id = ST_CIRCULAR_LINE;
  in.line.round = 4;
  in.line.needles = 1024;
  for (guint i = 0; i < 1024; i++)
    in.line.yarn[i] = (guint8) ((i * 7) % 16);
  n = circular_roundtrip (&in, &out, payload);
  ck_assert_uint_eq (n, ST_CIRCULAR_MAX_PAYLOAD);
  ck_assert_uint_eq (out.line.needles, 1024);
  ck_assert (memcmp (out.line.yarn, in.line.yarn, 1024) == 0);
}
END_TEST

START_TEST (test_circular_decode_errors)
{
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD] = { 0 };
  StCircularMessage msg = { 0 }, out;
  gsize n;

  ck_assert_int_eq (st_circular_decode (payload, 0, &out), ST_CIRCULAR_DECODE_EMPTY);
  payload[0] = 0x03;   /* an AYAB reqInfo is not a circular message */
  ck_assert_int_eq (st_circular_decode (payload, 1, &out), ST_CIRCULAR_DECODE_UNKNOWN);

  msg.id = ST_CIRCULAR_ACK;
  msg.round.round = 5;
  n = st_circular_encode (&msg, payload);
  ck_assert_int_eq (st_circular_decode (payload, n - 1, &out), ST_CIRCULAR_DECODE_BAD_LENGTH);
  payload[n] = 0;
  ck_assert_int_eq (st_circular_decode (payload, n + 1, &out), ST_CIRCULAR_DECODE_BAD_LENGTH);
  /* Every single-byte corruption of the body is caught. */
  for (gsize i = 0; i < n; i++)
    for (int flip = 1; flip < 256; flip++)
      {
        StCircularDecodeResult r;

        payload[i] ^= (guint8) flip;
        r = st_circular_decode (payload, n, &out);
        ck_assert_int_ne (r, ST_CIRCULAR_DECODE_OK);
        payload[i] ^= (guint8) flip;
      }

  /* A line whose needle count disagrees with its length. */
  memset (&msg, 0, sizeof msg);
  msg.id = ST_CIRCULAR_LINE;
  msg.line.needles = 4;
  n = st_circular_encode (&msg, payload);
  ck_assert_uint_eq (n, 9);
  payload[5] = 6;
  payload[n - 1] = st_crc8_maxim (payload, n - 1);
  ck_assert_int_eq (st_circular_decode (payload, n, &out), ST_CIRCULAR_DECODE_BAD_LENGTH);

  /* Zero needles, and a non-zero padding nibble, are invalid values. */
  payload[5] = 0;
  payload[6] = st_crc8_maxim (payload, 6);
  ck_assert_int_eq (st_circular_decode (payload, 7, &out), ST_CIRCULAR_DECODE_BAD_VALUE);
  memset (&msg, 0, sizeof msg);
  msg.id = ST_CIRCULAR_LINE;
  msg.line.needles = 3;
  n = st_circular_encode (&msg, payload);
  payload[7] |= 0x10;
  payload[n - 1] = st_crc8_maxim (payload, n - 1);
  ck_assert_int_eq (st_circular_decode (payload, n, &out), ST_CIRCULAR_DECODE_BAD_VALUE);

  /* START with no yarns; STATE with a state beyond ERROR. */
  memset (&msg, 0, sizeof msg);
  msg.id = ST_CIRCULAR_START;
  msg.start.needles = 48;
  n = st_circular_encode (&msg, payload);
  ck_assert_int_eq (st_circular_decode (payload, n, &out), ST_CIRCULAR_DECODE_BAD_VALUE);
  memset (&msg, 0, sizeof msg);
  msg.id = ST_CIRCULAR_STATE;
  msg.state.state = 6;
  n = st_circular_encode (&msg, payload);
  ck_assert_int_eq (st_circular_decode (payload, n, &out), ST_CIRCULAR_DECODE_BAD_VALUE);
}
END_TEST

START_TEST (test_circular_round_expand)
{
  ck_assert_uint_eq (st_circular_round_expand (5, 5), 5);
  ck_assert_uint_eq (st_circular_round_expand (6, 5), 6);
  ck_assert_uint_eq (st_circular_round_expand (4, 5), 4);
  /* Across the 16-bit wrap, both ways. */
  ck_assert_uint_eq (st_circular_round_expand (0, 65535), 65536);
  ck_assert_uint_eq (st_circular_round_expand (2, 65535 + 65536), 2 + 2 * 65536);
  ck_assert_uint_eq (st_circular_round_expand (65535, 65536), 65535);
  /* Never below zero. */
  ck_assert_uint_eq (st_circular_round_expand (65535, 3), 65535);
}
END_TEST

START_TEST (test_circular_names)
{
  guint known = 0;

  for (guint id = 0; id < 256; id++)
    if (st_circular_id_name ((guint8) id) != NULL)
      {
        known++;
        /* No ID is shared with AYAB, so a wrong dialect is recognised. */
        ck_assert_ptr_null (st_ayab_id_name ((guint8) id));
      }
  ck_assert_uint_eq (known, 15);
  ck_assert_str_eq (st_circular_state_name (ST_CIRCULAR_STATE_WAITING), "waiting for a line");
  ck_assert_str_eq (st_circular_status_name (ST_CIRCULAR_STATUS_WRONG_ROUND), "wrong round");
  ck_assert_str_eq (st_circular_error_name (ST_CIRCULAR_ERROR_RESTARTED), "the controller restarted");
}
END_TEST

/* The examples in PROTOCOL.md section 3.5, so the document cannot drift. */
START_TEST (test_circular_spec_examples)
{
  static const struct { const char *hex; guint8 id; } examples[] = {
    { "51 85", ST_CIRCULAR_REQ_INFO },
    { "D1 01 01 02 00 00 30 02 07 00 00 00 00 00 53 65 6E 74 72 6F 2D 34 38 20 6D 6F 74 6F 72 00 03",
      ST_CIRCULAR_INFO },
    { "52 12 34 00 00 00 30 02 BA", ST_CIRCULAR_START },
    { "D2 52 00 00 00 02", ST_CIRCULAR_CNF },
    { "D5 00 00 2C", ST_CIRCULAR_REQ_LINE },
    { "53 00 00 00 00 08 10 01 10 01 31", ST_CIRCULAR_LINE },
    { "D3 00 00 FD", ST_CIRCULAR_ACK },
    { "D6 01 00 00 00 00 11 12 34 3E", ST_CIRCULAR_STATE },
    { "D4 00 01 01 95", ST_CIRCULAR_NAK },
    { "54 00 1A 06", ST_CIRCULAR_SET_ROUND },
    { "55 E4", ST_CIRCULAR_PAUSE },
    { "56 06", ST_CIRCULAR_RESUME },
    { "57 58", ST_CIRCULAR_CANCEL },
    { "58 19", ST_CIRCULAR_RESET },
    { "59 47", ST_CIRCULAR_REQ_STATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_auto(GStrv) parts = g_strsplit (examples[i].hex, " ", -1);
      guint8 payload[64], again[ST_CIRCULAR_MAX_PAYLOAD];
      StCircularMessage msg;
      gsize n = 0;

      for (guint j = 0; parts[j] != NULL; j++)
        payload[n++] = (guint8) g_ascii_strtoull (parts[j], NULL, 16);
      ck_assert_int_eq (st_circular_decode (payload, n, &msg), ST_CIRCULAR_DECODE_OK);
      ck_assert_uint_eq (msg.id, examples[i].id);
      /* Encoding what was decoded gives the same bytes. */
      ck_assert_uint_eq (st_circular_encode (&msg, again), n);
      ck_assert (memcmp (again, payload, n) == 0);
      if (msg.id == ST_CIRCULAR_INFO)
        {
          ck_assert_str_eq (msg.info.name, "Sentro-48 motor");
          ck_assert_uint_eq (msg.info.needles, 48);
          ck_assert_uint_eq (msg.info.major, 1);
          ck_assert_uint_eq (msg.info.minor, 2);
        }
      if (msg.id == ST_CIRCULAR_LINE)
        {
          static const guint8 yarns[8] = { 0, 1, 1, 0, 0, 1, 1, 0 };

          ck_assert_uint_eq (msg.line.needles, 8);
          ck_assert (memcmp (msg.line.yarn, yarns, 8) == 0);
        }
      if (msg.id == ST_CIRCULAR_STATE)
        {
          ck_assert_uint_eq (msg.state.position, 17);
          ck_assert_uint_eq (msg.state.job, 0x1234);
        }
    }
}
END_TEST

static Suite *
protocol_suite (void)
{
  Suite *s = suite_create ("machine-protocol");
  TCase *tc = tcase_create ("framing");

  tcase_add_test (tc, test_crc_vectors);
  tcase_add_test (tc, test_crc_detects_single_byte_errors);
  tcase_add_test (tc, test_slip_encode);
  tcase_add_test (tc, test_slip_decode_basic);
  tcase_add_test (tc, test_slip_decode_oversized);
  tcase_add_test (tc, test_slip_decode_bad_escape);
  tcase_add_test (tc, test_slip_reset_forgets_partial_frame);
  tcase_add_test (tc, test_slip_roundtrip_exhaustive);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ayab");
  tcase_add_test (tc, test_ayab_reference_frames);
  tcase_add_test (tc, test_ayab_req_start_crc);
  tcase_add_test (tc, test_ayab_roundtrip_every_message);
  tcase_add_test (tc, test_ayab_cnf_line);
  tcase_add_test (tc, test_ayab_decode_errors);
  tcase_add_test (tc, test_ayab_names_and_machines);
  suite_add_tcase (s, tc);

  tc = tcase_create ("circular");
  tcase_add_test (tc, test_circular_exact_bytes);
  tcase_add_test (tc, test_circular_roundtrip_every_message);
  tcase_add_test (tc, test_circular_decode_errors);
  tcase_add_test (tc, test_circular_round_expand);
  tcase_add_test (tc, test_circular_names);
  tcase_add_test (tc, test_circular_spec_examples);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (protocol_suite ());
}
