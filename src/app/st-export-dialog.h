/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-export-dialog.h: "Export", the app's face of st-export.h: choose a
 * format (PDF pattern, chart PNG or SVG, stitch map, written instructions,
 * knitout) and its options, see the file before it is written (PDF pages,
 * the image, the text), then pick where to save it. What the format keeps
 * only partly is listed as the export's warnings; a format that cannot
 * carry the pattern says why and Export is off.
 *
 * Actions (group "export"): choose-file, previous-page, next-page.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-document.h"
#include "st-export.h"

G_BEGIN_DECLS

#define ST_TYPE_EXPORT_DIALOG (st_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StExportDialog, st_export_dialog, ST, EXPORT_DIALOG, GtkWindow)

StExportDialog  *st_export_dialog_new        (GtkWindow       *parent,
                                              StDocument      *document);
void             st_export_dialog_set_format (StExportDialog  *self,
                                              StExportFormat   format);
StExportFormat   st_export_dialog_get_format (StExportDialog  *self);
/* Writes the export to @file, as the file chooser's answer does; on
 * failure the dialog shows why and FALSE is returned. */
gboolean         st_export_dialog_export_to  (StExportDialog  *self,
                                              GFile           *file);
/* What the dialog shows, for tests and screen readers: "page" ("Page 1
 * of 4"), "text" (the text preview), "warnings", "problem",
 * "description". */
char            *st_export_dialog_get_text   (StExportDialog  *self,
                                              const char      *part);
/* The preview image (NULL while the text page shows). */
GdkPaintable    *st_export_dialog_get_preview (StExportDialog *self);

G_END_DECLS
