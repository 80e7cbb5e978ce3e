/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-autosave.h: copies of unsaved work in
 * $XDG_STATE_HOME/stranded/autosave/. Each copy is a .stranded file with a
 * ".origin" file beside it naming the file it belongs to (empty for a new
 * pattern). Copies are deleted when the work is saved or discarded, so any
 * copy found at start-up is left from a crash.
 */
#pragma once

#include <gio/gio.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef struct
{
  char   *path;         /* the .stranded copy */
  char   *origin_uri;   /* nullable */
  char   *name;         /* the pattern's name, or the file name if unreadable */
  gint64  modified;     /* seconds since the epoch */
} StAutosaveEntry;

char       *st_autosave_dir        (void);
/* A fresh path for a new copy (the folder is created). */
char       *st_autosave_new_path   (GError          **error);
gboolean    st_autosave_write      (const char       *path,
                                    const StPattern  *pattern,
                                    GFile            *origin,
                                    GError          **error);
/* The copies present, newest first (StAutosaveEntry). */
GPtrArray  *st_autosave_list       (void);
void        st_autosave_remove     (const char       *path);

G_END_DECLS
