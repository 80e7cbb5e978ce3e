/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-framing.c: SLIP framing and CRC-8/MAXIM (see PROTOCOL.md).
 */
#include "st-framing.h"

#include <string.h>

guint8
st_crc8_maxim_update (guint8        crc,
                      const guint8 *data,
                      gsize         length)
{
  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = data[i];

      /* Bit by bit, least significant first: the polynomial 0x31 reflected. */
      for (int bit = 0; bit < 8; bit++)
        {
          gboolean mix = (crc ^ byte) & 1;

          crc >>= 1;
          if (mix)
            crc ^= 0x8C;
          byte >>= 1;
        }
    }
  return crc;
}

guint8
st_crc8_maxim (const guint8 *data,
               gsize         length)
{
  return st_crc8_maxim_update (0, data, length);
}

void
st_slip_encode (GByteArray   *out,
                const guint8 *payload,
                gsize         length)
{
  static const guint8 end = ST_SLIP_END;
  static const guint8 esc_end[2] = { ST_SLIP_ESC, ST_SLIP_ESC_END };
  static const guint8 esc_esc[2] = { ST_SLIP_ESC, ST_SLIP_ESC_ESC };

  /* The leading END flushes line noise the receiver may hold. */
  g_byte_array_append (out, &end, 1);
  for (gsize i = 0; i < length; i++)
    {
      if (payload[i] == ST_SLIP_END)
        g_byte_array_append (out, esc_end, 2);
      else if (payload[i] == ST_SLIP_ESC)
        g_byte_array_append (out, esc_esc, 2);
      else
        g_byte_array_append (out, &payload[i], 1);
    }
  g_byte_array_append (out, &end, 1);
}

void
st_slip_decoder_init (StSlipDecoder *decoder,
                      gsize          max_length)
{
  g_return_if_fail (max_length > 0);

  memset (decoder, 0, sizeof *decoder);
  decoder->max_length = max_length;
  decoder->frame = g_malloc (max_length);
}

void
st_slip_decoder_clear (StSlipDecoder *decoder)
{
  g_clear_pointer (&decoder->frame, g_free);
  decoder->length = 0;
}

void
st_slip_decoder_reset (StSlipDecoder *decoder)
{
  decoder->length = 0;
  decoder->escaped = FALSE;
  decoder->overflow = FALSE;
  decoder->bad_escape = FALSE;
  decoder->complete = FALSE;
}

static StSlipResult
end_frame (StSlipDecoder *decoder)
{
  StSlipResult result = ST_SLIP_NONE;

  if (decoder->overflow)
    {
      decoder->oversized++;
      result = ST_SLIP_OVERSIZED;
    }
  else if (decoder->bad_escape || decoder->escaped)
    {
      decoder->bad_escapes++;
      result = ST_SLIP_BAD_ESCAPE;
    }
  else if (decoder->length > 0)
    {
      decoder->frames++;
      decoder->complete = TRUE;
      return ST_SLIP_FRAME;
    }
  st_slip_decoder_reset (decoder);
  return result;
}

static void
append (StSlipDecoder *decoder,
        guint8         byte)
{
  if (decoder->length < decoder->max_length)
    decoder->frame[decoder->length++] = byte;
  else
    decoder->overflow = TRUE;
}

StSlipResult
st_slip_decoder_push (StSlipDecoder *decoder,
                      guint8         byte)
{
  if (decoder->complete)
    st_slip_decoder_reset (decoder);
  decoder->bytes++;

  if (byte == ST_SLIP_END)
    return end_frame (decoder);

  if (decoder->escaped)
    {
      decoder->escaped = FALSE;
      if (byte == ST_SLIP_ESC_END)
        append (decoder, ST_SLIP_END);
      else if (byte == ST_SLIP_ESC_ESC)
        append (decoder, ST_SLIP_ESC);
      else
        decoder->bad_escape = TRUE;   /* RFC 1055 would keep it; a CRC-less message must not */
      return ST_SLIP_NONE;
    }
  if (byte == ST_SLIP_ESC)
    decoder->escaped = TRUE;
  else
    append (decoder, byte);
  return ST_SLIP_NONE;
}
