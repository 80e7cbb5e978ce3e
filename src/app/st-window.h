/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-window.h: the designer window: header bar, tool palette, chart,
 * preview, yarn palette and side panels for one document. Everything the
 * user can do is a win.* action (st-window-actions.c).
 */
#pragma once

#include <gtk/gtk.h>

#include "st-chart-view.h"
#include "st-document.h"
#include "st-preview-view.h"
#include "st-yarn-palette.h"

G_BEGIN_DECLS

#define ST_TYPE_WINDOW (st_window_get_type ())

G_DECLARE_FINAL_TYPE (StWindow, st_window, ST, WINDOW, GtkApplicationWindow)

StWindow       *st_window_new                (GtkApplication  *application,
                                              StDocument      *document);
StDocument     *st_window_get_document       (StWindow        *self);
/* Shows another document in this window (the caller checked it may). */
void            st_window_set_document       (StWindow        *self,
                                              StDocument      *document);
/* Whether a newly opened pattern may replace this window's document:
 * nothing unsaved would be lost. */
gboolean        st_window_is_replaceable     (StWindow        *self);

StChartView    *st_window_get_chart_view     (StWindow        *self);
StPreviewView  *st_window_get_preview_view   (StWindow        *self);
StYarnPalette  *st_window_get_yarn_palette   (StWindow        *self);

/* Saves to @file (what Save and Save As do once a file is known). */
gboolean        st_window_save_to            (StWindow        *self,
                                              GFile           *file,
                                              GError         **error);
/* Shows an error message attached to the window. */
/* Enables Paste when there is something to paste: stitches this app
 * copied, or text on the desktop's clipboard. */
void            st_window_update_paste       (StWindow        *self);
void            st_window_show_error         (StWindow        *self,
                                              const char      *primary,
                                              const char      *secondary);

/* Side panels beside "Yarns" (checks, send to machine, knit-along):
 * @name identifies the page, @title is shown in the switcher. */
void            st_window_add_panel          (StWindow        *self,
                                              const char      *name,
                                              const char      *title,
                                              GtkWidget       *child);
/* The panel added as @name ("machine" is Send to machine), or NULL. */
GtkWidget      *st_window_get_panel          (StWindow        *self,
                                              const char      *name);

G_END_DECLS
