/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-fabric.h: what the emulated machine knitted, round by round, as yarn
 * indices per stitch, written out as a text grid and a stitch-map PNG so
 * tests can compare the fabric with the design.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stitch the machine could not have knitted cleanly: no yarn or two yarns
 * selected (ribber passes that disagree), or a selected needle in a blank pass. */
#define EMU_STITCH_FAULT 0xFE

typedef struct
{
  guint       width;
  GPtrArray  *rows;          /* GBytes of width yarn indices, round 1 first */
  char       *description;   /* header line of the text output */
  guint       faults;        /* stitches marked EMU_STITCH_FAULT */
} EmuFabric;

EmuFabric  *emu_fabric_new        (void);
void        emu_fabric_free       (EmuFabric       *fabric);
/* The first row fixes the width; a row of another width starts over with a
 * note in the description (a new job on other needles). */
void        emu_fabric_add_row    (EmuFabric       *fabric,
                                   const guint8    *yarns,
                                   guint            width);
guint       emu_fabric_rows       (const EmuFabric *fabric);
/* One line per round, round 1 first, each stitch a base-32 digit of its yarn
 * index (0-9, a-v) or '?' for a fault; '#' lines are comments. */
char       *emu_fabric_to_text    (const EmuFabric *fabric);
/* A stitch map: each stitch a V in its yarn's colour, round 1 at the bottom. */
gboolean    emu_fabric_write_png  (const EmuFabric *fabric,
                                   const char      *path,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuFabric, emu_fabric_free)

G_END_DECLS
