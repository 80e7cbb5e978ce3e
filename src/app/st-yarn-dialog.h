/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-yarn-dialog.h: add or edit a yarn: colour (GtkColorChooserDialog),
 * name, key, weight class, fibre and whether it is sticky. On accept it
 * activates win.apply-yarn on its parent window with the values.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_TYPE_YARN_DIALOG (st_yarn_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StYarnDialog, st_yarn_dialog, ST, YARN_DIALOG, GtkWindow)

/* @index: the yarn to edit, or -1 to add one. */
StYarnDialog  *st_yarn_dialog_new  (GtkWindow        *parent,
                                    const StPattern  *pattern,
                                    int               index);

G_END_DECLS
