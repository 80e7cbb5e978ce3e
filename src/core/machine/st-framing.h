/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-framing.h: the byte layer both machine dialects share: SLIP framing
 * (RFC 1055, END before and after every frame) and CRC-8/MAXIM.
 * Pure code: bytes in, frames out, no I/O.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ST_SLIP_END     0xC0
#define ST_SLIP_ESC     0xDB
#define ST_SLIP_ESC_END 0xDC
#define ST_SLIP_ESC_ESC 0xDD

/* CRC-8/MAXIM (Dallas 1-Wire): reflected polynomial 0x8C, init 0, no final
 * XOR. "123456789" gives 0xA1. */
guint8        st_crc8_maxim            (const guint8   *data,
                                        gsize           length);
/* Continues a CRC over more bytes; st_crc8_maxim (d, n) is
 * st_crc8_maxim_update (0, d, n). */
guint8        st_crc8_maxim_update     (guint8          crc,
                                        const guint8   *data,
                                        gsize           length);

/* Appends END, the escaped payload and END to @out. */
void          st_slip_encode           (GByteArray     *out,
                                        const guint8   *payload,
                                        gsize           length);

typedef enum
{
  ST_SLIP_NONE,         /* the byte was consumed; no frame ended */
  ST_SLIP_FRAME,        /* a non-empty frame ended: decoder->frame, ->length */
  ST_SLIP_OVERSIZED,    /* a frame longer than the limit ended and was dropped */
  ST_SLIP_BAD_ESCAPE,   /* a frame with an invalid escape ended and was dropped */
} StSlipResult;

/* An incremental decoder fed one byte at a time. Empty frames (END END) are
 * ignored silently, as both AYAB ends do; oversized and badly escaped frames
 * are dropped whole and counted. */
typedef struct
{
  guint8   *frame;        /* the frame just completed, valid until the next push */
  gsize     length;
  gsize     max_length;
  gboolean  escaped;      /* the previous byte was ESC */
  gboolean  overflow;     /* the frame in progress is over max_length */
  gboolean  bad_escape;   /* the frame in progress holds an invalid escape */
  gboolean  complete;     /* the last push returned a frame: start afresh */

  guint64   frames;       /* counters since init */
  guint64   oversized;
  guint64   bad_escapes;
  guint64   bytes;
} StSlipDecoder;

void          st_slip_decoder_init     (StSlipDecoder  *decoder,
                                        gsize           max_length);
void          st_slip_decoder_clear    (StSlipDecoder  *decoder);
/* Forgets a partial frame (after a reconnect); keeps the counters. */
void          st_slip_decoder_reset    (StSlipDecoder  *decoder);
StSlipResult  st_slip_decoder_push     (StSlipDecoder  *decoder,
                                        guint8          byte);

G_END_DECLS
