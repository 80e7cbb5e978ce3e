/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-pattern-dialog.h: "New Pattern" (machine, stitches, rounds, gauge)
 * and "Size and Gauge" for the open pattern. On accept it activates
 * win.new-pattern or win.apply-pattern-settings on its parent window with
 * the values, so the edit itself lives with the window's actions.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_TYPE_PATTERN_DIALOG (st_pattern_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StPatternDialog, st_pattern_dialog, ST, PATTERN_DIALOG, GtkWindow)

/* @default_profile_id: preselected machine (the default-machine setting). */
StPatternDialog  *st_pattern_dialog_new_for_new   (GtkWindow        *parent,
                                                   const char       *default_profile_id);
/* Edits @pattern's name, size and gauge; the machine is fixed. */
StPatternDialog  *st_pattern_dialog_new_for_edit  (GtkWindow        *parent,
                                                   const StPattern  *pattern);

G_END_DECLS
