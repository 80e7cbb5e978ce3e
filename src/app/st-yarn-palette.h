/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-yarn-palette.h: the pattern's yarns as swatches with key, name and
 * stitch count. A left click makes a yarn the primary (left button) yarn,
 * a right click the secondary one; each row's menu edits, reorders or
 * removes it. Everything goes through the window's actions (win.*-yarn).
 */
#pragma once

#include <gtk/gtk.h>

#include "st-document.h"

G_BEGIN_DECLS

#define ST_TYPE_YARN_PALETTE (st_yarn_palette_get_type ())

G_DECLARE_FINAL_TYPE (StYarnPalette, st_yarn_palette, ST, YARN_PALETTE, GtkWidget)

GtkWidget  *st_yarn_palette_new           (void);
void        st_yarn_palette_set_document  (StYarnPalette  *self,
                                           StDocument     *document);
/* Recounts stitches now instead of on the next idle (for tests). */
void        st_yarn_palette_refresh       (StYarnPalette  *self);
/* The stitch count shown for @yarn. */
guint64     st_yarn_palette_get_count     (StYarnPalette  *self,
                                           guint           yarn);

/* A small rounded swatch of @color (shared with the dialogs). */
GtkWidget  *st_swatch_new                 (StColor         color,
                                           int             size);

G_END_DECLS
