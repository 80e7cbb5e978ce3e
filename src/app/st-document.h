/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-document.h: one open pattern: the StPattern, its undo history, the file
 * it belongs to, and a "changed" signal telling views which rounds to
 * redraw. Every edit goes through the core (st-edit.h, st-tool.h) on the
 * pattern and history returned here, followed by st_document_changed().
 */
#pragma once

#include <gio/gio.h>

#include "st-history.h"
#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_TYPE_DOCUMENT (st_document_get_type ())

G_DECLARE_FINAL_TYPE (StDocument, st_document, ST, DOCUMENT, GObject)

/* Takes ownership of @pattern. */
StDocument  *st_document_new             (StPattern    *pattern,
                                          GFile        *file);
StDocument  *st_document_new_from_file   (GFile        *file,
                                          GError      **error);
StPattern   *st_document_get_pattern     (StDocument   *self);
StHistory   *st_document_get_history     (StDocument   *self);
GFile       *st_document_get_file        (StDocument   *self);
/* The pattern's name, for the window title. */
const char  *st_document_get_title       (StDocument   *self);
/* Changed since it was last saved (or recovered from an autosave). */
gboolean     st_document_get_modified    (StDocument   *self);
void         st_document_set_modified    (StDocument   *self,
                                          gboolean      modified);
gboolean     st_document_can_undo        (StDocument   *self);
gboolean     st_document_can_redo        (StDocument   *self);

/* Call after changing the pattern: emits "changed" with the rounds the
 * edit touched (from st_pattern_take_dirty) and updates the properties. */
void         st_document_changed         (StDocument   *self);
gboolean     st_document_undo            (StDocument   *self);
gboolean     st_document_redo            (StDocument   *self);

/* Writes the pattern to @file atomically and makes it the document's file. */
gboolean     st_document_save            (StDocument   *self,
                                          GFile        *file,
                                          GError      **error);

/* Autosave: a copy of unsaved work under the user's state folder, written
 * when the document changed since the last autosave. */
const char  *st_document_get_autosave_path (StDocument *self);
void         st_document_set_autosave_path (StDocument *self,
                                            const char *path);
gboolean     st_document_autosave        (StDocument   *self,
                                          GError      **error);
/* Deletes the autosave copy (after saving, or when the user discards). */
void         st_document_discard_autosave (StDocument  *self);

G_END_DECLS
