/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fuzz target: the byte layer and both dialects' decoders. Arbitrary bytes
 * go through the SLIP decoder; every frame is decoded as AYAB (both bitmap
 * sizes) and as a circular message. A frame that decodes must re-encode to
 * a payload that decodes to the same bytes again.
 */
#include <stdlib.h>
#include <string.h>

#include "st-ayab.h"
#include "st-circular.h"
#include "st-framing.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_ayab (const guint8 *frame,
            gsize         length,
            guint         line_bytes)
{
  StAyabMessage msg, again;
  guint8 out[ST_AYAB_MAX_PAYLOAD], out2[ST_AYAB_MAX_PAYLOAD];
  gsize n, n2;

  memset (&msg, 0, sizeof msg);
  if (st_ayab_decode (frame, length, line_bytes, &msg) != ST_AYAB_DECODE_OK)
    return;
  n = st_ayab_encode (&msg, out);
  if (n == 0 || n > sizeof out)
    abort ();
  memset (&again, 0, sizeof again);
  if (st_ayab_decode (out, n, line_bytes, &again) != ST_AYAB_DECODE_OK)
    abort ();
  n2 = st_ayab_encode (&again, out2);
  if (n2 != n || memcmp (out, out2, n) != 0)
    abort ();
}

static void
check_circular (const guint8 *frame,
                gsize         length)
{
  StCircularMessage msg, again;
  guint8 out[ST_CIRCULAR_MAX_PAYLOAD], out2[ST_CIRCULAR_MAX_PAYLOAD];
  gsize n, n2;

  memset (&msg, 0, sizeof msg);
  if (st_circular_decode (frame, length, &msg) != ST_CIRCULAR_DECODE_OK)
    return;
  /* Padding after a name's NUL is not kept, so compare canonical forms. */
  n = st_circular_encode (&msg, out);
  if (n != length)
    abort ();
  memset (&again, 0, sizeof again);
  if (st_circular_decode (out, n, &again) != ST_CIRCULAR_DECODE_OK)
    abort ();
  n2 = st_circular_encode (&again, out2);
  if (n2 != n || memcmp (out, out2, n) != 0)
    abort ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  StSlipDecoder decoder;
  g_autoptr(GByteArray) encoded = g_byte_array_new ();

  st_slip_decoder_init (&decoder, 1024);
  for (size_t i = 0; i < size; i++)
    {
      StSlipResult result = st_slip_decoder_push (&decoder, data[i]);

      if (result != ST_SLIP_FRAME)
        continue;
      if (decoder.length == 0 || decoder.length > 1024)
        abort ();
      check_ayab (decoder.frame, decoder.length, 25);
      check_ayab (decoder.frame, decoder.length, 14);
      check_circular (decoder.frame, decoder.length);
    }
  st_slip_decoder_clear (&decoder);

  /* Whatever the payload, SLIP gives it back unchanged. */
  if (size > 0 && size <= 1024)
    {
      st_slip_encode (encoded, data, size);
      st_slip_decoder_init (&decoder, 1024);
      for (guint i = 0; i < encoded->len; i++)
        if (st_slip_decoder_push (&decoder, encoded->data[i]) == ST_SLIP_FRAME &&
            (decoder.length != size || memcmp (decoder.frame, data, size) != 0))
          abort ();
      if (decoder.frames != 1)
        abort ();
      st_slip_decoder_clear (&decoder);
    }
  return 0;
}
