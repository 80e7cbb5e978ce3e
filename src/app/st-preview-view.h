/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-preview-view.h: the live 3D preview of the knitted tube or hat,
 * drawn by st_preview_render(); dragging turns it (sideways) and tilts it
 * (up and down), arrow keys turn it when focused.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-document.h"

G_BEGIN_DECLS

#define ST_TYPE_PREVIEW_VIEW (st_preview_view_get_type ())

G_DECLARE_FINAL_TYPE (StPreviewView, st_preview_view, ST, PREVIEW_VIEW, GtkWidget)

GtkWidget  *st_preview_view_new           (void);
void        st_preview_view_set_document  (StPreviewView  *self,
                                           StDocument     *document);
/* Turns by @radians and tilts by @tilt radians (what a drag does). */
void        st_preview_view_turn          (StPreviewView  *self,
                                           double          radians,
                                           double          tilt);
double      st_preview_view_get_rotation  (StPreviewView  *self);
void        st_preview_view_reset         (StPreviewView  *self);
/* Draws round @row (0-based) tinted and edged, like the chart's
 * highlighted round (a machine job's current round); -1 for none. */
void        st_preview_view_set_highlight_row (StPreviewView *self,
                                               gint64         row);
gint64      st_preview_view_get_highlight_row (StPreviewView *self);

G_END_DECLS
