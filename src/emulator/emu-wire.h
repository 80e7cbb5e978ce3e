/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-wire.h: one direction of a serial line with faults: frames are SLIP
 * framed, some dropped whole, some bytes corrupted, all delayed. Used by the
 * emulator for its own replies and input, and by the tests for both ways.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double   corrupt_rate;   /* chance per byte of one flipped bit */
  double   drop_rate;      /* chance per frame of losing it whole */
  gint64   delay;          /* microseconds each frame is held back */
  GRand   *rand;
  GQueue   queue;          /* EmuWireChunk, in order of due time */
  guint64  frames;
  guint64  dropped;
  guint64  corrupted;      /* bytes */
} EmuWire;

void     emu_wire_init         (EmuWire       *wire,
                                guint32        seed);
void     emu_wire_clear        (EmuWire       *wire);
/* Frames @payload and queues it, perhaps dropped or corrupted. */
void     emu_wire_send         (EmuWire       *wire,
                                const guint8  *payload,
                                gsize          length,
                                gint64         now);
/* Queues raw bytes unframed (the AYAB test command sendCmd). */
void     emu_wire_send_raw     (EmuWire       *wire,
                                const guint8  *bytes,
                                gsize          length,
                                gint64         now);
/* Corrupts received bytes in place at the wire's rate. */
void     emu_wire_corrupt      (EmuWire       *wire,
                                guint8        *bytes,
                                gsize          length);
/* Whether a frame that arrived should be lost. */
gboolean emu_wire_drop         (EmuWire       *wire);
/* When the next bytes are due; G_MAXINT64 if none wait. */
gint64   emu_wire_next_due     (const EmuWire *wire);
/* Takes the bytes due by @now, in order; NULL if none. */
GBytes  *emu_wire_take         (EmuWire       *wire,
                                gint64         now);
/* Forgets everything queued (the cable was pulled). */
void     emu_wire_flush        (EmuWire       *wire);

G_END_DECLS
