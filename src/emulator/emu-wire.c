/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-wire.c: a faulty serial line in one direction (see emu-wire.h).
 */
#include "emu-wire.h"

#include <string.h>

#include "st-framing.h"

typedef struct
{
  gint64  due;
  GBytes *bytes;
} EmuWireChunk;

static void
chunk_free (EmuWireChunk *chunk)
{
  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

void
emu_wire_init (EmuWire *wire,
               guint32  seed)
{
  memset (wire, 0, sizeof *wire);
  wire->rand = g_rand_new_with_seed (seed);
  g_queue_init (&wire->queue);
}

void
emu_wire_flush (EmuWire *wire)
{
  g_queue_clear_full (&wire->queue, (GDestroyNotify) chunk_free);
}

void
emu_wire_clear (EmuWire *wire)
{
  emu_wire_flush (wire);
  g_clear_pointer (&wire->rand, g_rand_free);
}

void
emu_wire_corrupt (EmuWire *wire,
                  guint8  *bytes,
                  gsize    length)
{
  if (wire->corrupt_rate <= 0)
    return;
  for (gsize i = 0; i < length; i++)
    if (g_rand_double (wire->rand) < wire->corrupt_rate)
      {
        bytes[i] ^= (guint8) (1u << g_rand_int_range (wire->rand, 0, 8));
        wire->corrupted++;
      }
}

gboolean
emu_wire_drop (EmuWire *wire)
{
  if (wire->drop_rate > 0 && g_rand_double (wire->rand) < wire->drop_rate)
    {
      wire->dropped++;
      return TRUE;
    }
  return FALSE;
}

static void
enqueue (EmuWire *wire,
         guint8  *data,
         gsize    length,
         gint64   now)
{
  EmuWireChunk *chunk = g_new0 (EmuWireChunk, 1);

  chunk->due = now + wire->delay;
  chunk->bytes = g_bytes_new_take (data, length);
  g_queue_push_tail (&wire->queue, chunk);
}

void
emu_wire_send (EmuWire      *wire,
               const guint8 *payload,
               gsize         length,
               gint64        now)
{
  GByteArray *framed;
  gsize n;

  wire->frames++;
  if (emu_wire_drop (wire))
    return;
  framed = g_byte_array_new ();
  st_slip_encode (framed, payload, length);
  emu_wire_corrupt (wire, framed->data, framed->len);
  n = framed->len;
  enqueue (wire, g_byte_array_free (framed, FALSE), n, now);
}

void
emu_wire_send_raw (EmuWire      *wire,
                   const guint8 *bytes,
                   gsize         length,
                   gint64        now)
{
  enqueue (wire, g_memdup2 (bytes, length), length, now);
}

gint64
emu_wire_next_due (const EmuWire *wire)
{
  const EmuWireChunk *head = g_queue_peek_head ((GQueue *) &wire->queue);

  return head ? head->due : G_MAXINT64;
}

GBytes *
emu_wire_take (EmuWire *wire,
               gint64   now)
{
  GByteArray *out = NULL;
  EmuWireChunk *head;

  while ((head = g_queue_peek_head (&wire->queue)) != NULL && head->due <= now)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (head->bytes, &n);

      if (out == NULL)
        out = g_byte_array_new ();
      g_byte_array_append (out, data, (guint) n);
      chunk_free (g_queue_pop_head (&wire->queue));
    }
  return out ? g_byte_array_free_to_bytes (out) : NULL;
}
