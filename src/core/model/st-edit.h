/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-edit.h: every change to a pattern, as core operations. Needle
 * coordinates are signed and wrap around the round, so a stroke dragged past
 * the seam continues at needle 0; rows are clipped to the chart. @history may
 * be NULL; when it has no open step each call is a step of its own.
 * Functions return TRUE when the pattern changed.
 */
#pragma once

#include <glib.h>

#include "st-history.h"
#include "st-pattern.h"

G_BEGIN_DECLS

gboolean  st_edit_set_stitch     (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          row,
                                  gint64          needle,
                                  guint8          yarn);
/* A square brush of @size (1-3) stitches centred on the stitch. */
gboolean  st_edit_brush          (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          row,
                                  gint64          needle,
                                  guint           size,
                                  guint8          yarn);
gboolean  st_edit_line           (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          row0,
                                  gint64          needle0,
                                  gint64          row1,
                                  gint64          needle1,
                                  guint8          yarn);
gboolean  st_edit_rectangle      (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          row0,
                                  gint64          needle0,
                                  gint64          row1,
                                  gint64          needle1,
                                  guint8          yarn,
                                  gboolean        filled);
/* 4-connected fill of the stitches sharing the start stitch's yarn; it
 * crosses the seam between the last and the first needle. */
gboolean  st_edit_flood_fill     (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          row,
                                  gint64          needle,
                                  guint8          yarn);
gboolean  st_edit_replace_yarn   (StPattern      *pattern,
                                  StHistory      *history,
                                  guint8          from,
                                  guint8          to);
gboolean  st_edit_insert_rows    (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           at,
                                  guint           count,
                                  guint8          yarn,
                                  GError        **error);
gboolean  st_edit_delete_rows    (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           at,
                                  guint           count,
                                  GError        **error);
/* New size; existing stitches keep their place, new ones take @fill. */
gboolean  st_edit_resize         (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           needles,
                                  guint           rows,
                                  guint8          fill,
                                  GError        **error);
/* Turns the whole pattern around the cylinder by @offset needles. */
gboolean  st_edit_shift          (StPattern      *pattern,
                                  StHistory      *history,
                                  gint64          offset);
/* Mirrors the block of @width needles from @needle (wrapping) over rows
 * @row0..@row1, left to right. A @width of 0 means the whole round. */
gboolean  st_edit_mirror         (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           row0,
                                  guint           row1,
                                  gint64          needle,
                                  guint           width);
/* Turns rows @row0..@row1 upside down. */
gboolean  st_edit_flip_rows      (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           row0,
                                  guint           row1);
/* Pastes @region with its lower left at (@row, @needle); needles wrap, rows
 * outside the chart are dropped, ST_TRANSPARENT cells leave stitches alone. */
gboolean  st_edit_paste          (StPattern      *pattern,
                                  StHistory      *history,
                                  const StChart  *region,
                                  gint64          row,
                                  gint64          needle);
/* Repeats the motif of @width needles starting at @needle over rows
 * @row0..@row1 all around the round. */
gboolean  st_edit_repeat_motif   (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           row0,
                                  guint           row1,
                                  gint64          needle,
                                  guint           width);

/* Palette. Indices are positions in pattern->yarns. */
gboolean  st_edit_add_yarn       (StPattern      *pattern,
                                  StHistory      *history,
                                  const StYarn   *yarn,
                                  GError        **error);
gboolean  st_edit_set_yarn       (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           index,
                                  const StYarn   *yarn,
                                  GError        **error);
/* Removes a yarn; its stitches, catches and marks become @replacement. */
gboolean  st_edit_remove_yarn    (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           index,
                                  guint           replacement,
                                  GError        **error);
gboolean  st_edit_move_yarn      (StPattern      *pattern,
                                  StHistory      *history,
                                  guint           from,
                                  guint           to);

/* Annotations */
gboolean  st_edit_set_catches    (StPattern      *pattern,
                                  StHistory      *history,
                                  const StCatch  *catches,
                                  guint           n_catches);
/* Replaces all duplicate stitches; entries outside the chart are dropped. */
gboolean  st_edit_set_duplicate_stitches (StPattern *pattern,
                                  StHistory      *history,
                                  const StStitchRef *stitches,
                                  guint           n_stitches);
gboolean  st_edit_toggle_duplicate_stitch (StPattern *pattern,
                                  StHistory      *history,
                                  guint           row,
                                  guint           needle);
gboolean  st_edit_set_gauge      (StPattern      *pattern,
                                  StHistory      *history,
                                  double          stitches_per_10cm,
                                  double          rows_per_10cm,
                                  GError        **error);
gboolean  st_edit_set_name       (StPattern      *pattern,
                                  StHistory      *history,
                                  const char     *name);

G_END_DECLS
