/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-knit-along-view.h: knit-along, the knitter's companion at the machine:
 * the round and needle she is at in large type, the round drawn large with
 * that needle marked, the round in words, what to do at this stitch, what
 * changes next round, catches, duplicate stitches, warnings and
 * milestones. Keys that work from across the room (and from a USB foot
 * pedal) move by stop, needle and round; a sound cue comes before a colour
 * change. The same view follows a job on a connected machine. The model is
 * StKnitSession (src/core/knit, KNIT-ALONG.md); this is a thin view.
 */
#pragma once

#include <gtk/gtk.h>

#include "st-document.h"
#include "st-job.h"
#include "st-knit-session.h"

G_BEGIN_DECLS

#define ST_TYPE_KNIT_ALONG_VIEW (st_knit_along_view_get_type ())

G_DECLARE_FINAL_TYPE (StKnitAlongView, st_knit_along_view, ST, KNIT_ALONG_VIEW, GtkWidget)

GtkWidget      *st_knit_along_view_new            (void);
void            st_knit_along_view_set_document   (StKnitAlongView     *self,
                                                   StDocument          *document);
StDocument     *st_knit_along_view_get_document   (StKnitAlongView     *self);
StKnitSession  *st_knit_along_view_get_session    (StKnitAlongView     *self);

/* Follows a machine job: call with each StJobProgress the job reports;
 * NULL when the job ends hands the keys back to the knitter. */
void            st_knit_along_view_set_machine_progress (StKnitAlongView     *self,
                                                   const StJobProgress *progress);

/* Writes the position into the document's file now (it is otherwise
 * written 2 s after the last move and when the view goes away); FALSE with
 * @error when that failed, TRUE when written or when there is no file. */
gboolean        st_knit_along_view_save_progress  (StKnitAlongView     *self,
                                                   GError             **error);

/* The text shown in one part of the view, for tests and accessibility
 * checks: "round", "needle", "now", "round-words", "next", "marks",
 * "warnings" (one per line), "milestone", "milestone-detail",
 * "next-milestone", "machine", "place". NULL for an unknown part. */
char           *st_knit_along_view_get_text       (StKnitAlongView     *self,
                                                   const char          *part);

/* The knit-along window for @document: an existing one is raised, else a
 * new one is opened beside @parent (same application). */
GtkWindow      *st_knit_along_view_present        (GtkWindow           *parent,
                                                   StDocument          *document);
/* The view inside a window made by st_knit_along_view_present(). */
StKnitAlongView *st_knit_along_view_from_window   (GtkWindow           *window);

G_END_DECLS
