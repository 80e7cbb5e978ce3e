/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-application.h: the single-instance application: opens files from the
 * command line and from other launches, starts on the sample pattern,
 * offers to recover autosaved work after a crash, holds the stitch
 * clipboard shared by its windows, and the app-wide actions.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-chart.h"
#include "st-window.h"

G_BEGIN_DECLS

#define ST_TYPE_APPLICATION (st_application_get_type ())

G_DECLARE_FINAL_TYPE (StApplication, st_application, ST, APPLICATION, GtkApplication)

StApplication  *st_application_new            (void);
/* Opens @file: shows the window that has it, or loads it into @hint (or
 * the active window) if that has nothing unsaved, or into a new window. */
void            st_application_open_file      (StApplication  *self,
                                               GFile          *file,
                                               StWindow       *hint);
/* The stitches copied last, while the desktop's clipboard still holds
 * them: NULL once another program (or a text field) copied something. */
const StChart  *st_application_get_clipboard  (StApplication  *self);
/* Takes ownership of @region and puts @text, the region as
 * st_region_to_text() writes it, on the desktop's clipboard, so other
 * programs (a text editor, another Stranded) can paste it. */
void            st_application_set_clipboard  (StApplication  *self,
                                               StChart        *region,
                                               const char     *text);

G_END_DECLS
