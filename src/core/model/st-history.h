/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-history.h: undo and redo. A step holds stitch deltas (index, old, new)
 * for painting, or before/after copies of the pattern for edits that change
 * its size, palette or annotations. Everything recorded between
 * st_history_begin() and st_history_end() is one step, so a whole brush
 * stroke undoes at once. The oldest steps are dropped to stay within the
 * memory limit.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef struct _StHistory StHistory;

#define ST_HISTORY_DEFAULT_LIMIT (256u * 1024u * 1024u)

StHistory  *st_history_new              (gsize        memory_limit);
void        st_history_free             (StHistory   *history);
void        st_history_clear            (StHistory   *history);

/* Opens a step; nested begins join the outer step. */
void        st_history_begin            (StHistory   *history,
                                         const char  *label);
/* Closes it; an empty step is discarded. */
void        st_history_end              (StHistory   *history);
gboolean    st_history_in_step          (StHistory   *history);

/* Called by edits, before they change the pattern. */
void        st_history_record_stitch    (StHistory   *history,
                                         StPattern   *pattern,
                                         guint        row,
                                         guint        needle,
                                         guint8       new_yarn);
void        st_history_record_snapshot  (StHistory   *history,
                                         StPattern   *pattern);

gboolean    st_history_can_undo         (StHistory   *history);
gboolean    st_history_can_redo         (StHistory   *history);
const char *st_history_undo_label       (StHistory   *history);
const char *st_history_redo_label       (StHistory   *history);
gboolean    st_history_undo             (StHistory   *history,
                                         StPattern   *pattern);
gboolean    st_history_redo             (StHistory   *history,
                                         StPattern   *pattern);

gsize       st_history_memory_used      (StHistory   *history);
guint       st_history_n_undo_steps     (StHistory   *history);
/* Steps since the document was saved; the app shows a modified marker
 * when this is not zero. */
void        st_history_mark_saved       (StHistory   *history);
gboolean    st_history_is_modified      (StHistory   *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StHistory, st_history_free)

G_END_DECLS
