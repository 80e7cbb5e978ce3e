/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-import-dialog.h: "Import Picture": a pattern from a picture or a
 * stitch map (st-image-import.h), with the choices of `stranded-cli
 * import` (machine, yarns, rounds, float limit, the window's yarns) and a
 * live preview of the resulting chart. The picture is read once, in a
 * thread; every change of a choice re-runs the import on it in a thread,
 * 150 ms after the last change. Import opens the pattern the way a new
 * pattern opens: in the window when nothing there is unsaved, else in a
 * window of its own.
 *
 * Action (group "import"): accept (Import; enabled when the preview shows
 * the current choices). Properties: profile-id, yarns (0: exact, one yarn
 * per colour of a stitch map), rows (0: from the picture's proportions),
 * short-floats, pattern-yarns.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-window.h"

G_BEGIN_DECLS

#define ST_TYPE_IMPORT_DIALOG (st_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StImportDialog, st_import_dialog, ST, IMPORT_DIALOG, GtkWindow)

/* A modal dialog for @file, transient for @window, whose pattern lends its
 * machine and, when asked, its yarns. */
StImportDialog  *st_import_dialog_new       (StWindow        *window,
                                             GFile           *file);
/* Whether the picture is still being read or a preview is due or under
 * way (tests wait for this to end). */
gboolean         st_import_dialog_is_busy   (StImportDialog  *self);
/* What one part shows, for tests and screen readers: "file" (the
 * picture's name and size), "summary" ("48 stitches × 60 rounds, 3
 * yarns"), "report" (how it was made, warnings), "error" (the reason
 * nothing can be imported, "" when there is none). NULL for an unknown
 * part. */
char            *st_import_dialog_get_text  (StImportDialog  *self,
                                             const char      *part);

G_END_DECLS
