/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-tool.h: the painting tools as GTK-free strokes over st-edit.h. A
 * stroke runs from a press to a release; everything it changes is one undo
 * step. Shape tools (line, rectangles, move) show their result live while
 * dragging: each update puts back the stitches of the previous update
 * (from a copy of the chart taken at the press) and applies the shape
 * again, inside the same open step.
 *
 * Repeat mode applies every stroke to each repeat of @repeat_width needles
 * around the round (n-fold rotational symmetry of the cylinder is a repeat
 * of needles/n); mirror mode also applies it reflected within the repeat
 * (or across the whole round when there is no repeat).
 *
 * Coordinates are rows and unwrapped columns as st-chart-layout.h gives
 * them; the edits wrap columns around the round.
 */
#pragma once

#include <glib.h>

#include "st-chart.h"
#include "st-history.h"
#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  ST_TOOL_PENCIL,
  ST_TOOL_LINE,
  ST_TOOL_RECTANGLE,
  ST_TOOL_FILLED_RECTANGLE,
  ST_TOOL_FILL,
  ST_TOOL_EYEDROPPER,
  ST_TOOL_SELECT,
  ST_TOOL_MOVE,
  ST_N_TOOLS
} StTool;

const char *st_tool_to_name     (StTool          tool);
gboolean    st_tool_from_name   (const char     *name,
                                 StTool         *out);
/* Whether the tool changes stitches (select and eyedropper do not). */
gboolean    st_tool_paints      (StTool          tool);

typedef struct
{
  guint     brush_size;     /* pencil, 1-3 */
  guint     repeat_width;   /* 0 for none; must divide the needle count */
  gboolean  mirror;
} StToolOptions;

void        st_tool_options_init (StToolOptions *options);
/* The repeat width in effect for @needles: @repeat_width if it divides
 * @needles into at least two repeats, else 0. */
guint       st_tool_options_repeat (const StToolOptions *options,
                                    guint                needles);

/* A rectangle of stitches, inclusive, in rows and unwrapped columns. */
typedef struct
{
  gint64 row0;
  gint64 row1;
  gint64 column0;
  gint64 column1;
} StSelection;

/* Orders the corners, clips rows to the chart, limits the width to one
 * round and moves column0 into 0..needles-1. FALSE if nothing is left. */
gboolean    st_selection_normalize (StSelection      *selection,
                                    const StPattern  *pattern);
gboolean    st_selection_contains  (const StSelection *selection,
                                    const StPattern  *pattern,
                                    gint64            row,
                                    gint64            column);
guint       st_selection_width     (const StSelection *selection);
guint       st_selection_height    (const StSelection *selection);
/* The stitches under the selection, for the clipboard. */
StChart    *st_selection_copy      (const StSelection *selection,
                                    const StPattern  *pattern);

/* A copied region as text for the system clipboard, as the chart shows it:
 * a line per round, the top (last knitted) round first, a yarn key per
 * stitch from needle to needle; a stitch left as it is (ST_TRANSPARENT) is
 * '.'. Every line ends in '\n'. */
char       *st_region_to_text      (const StChart    *region,
                                    const StPattern  *pattern);
/* Reads such text (from Stranded or typed in an editor) for pasting into
 * @pattern: lines of equal length of @pattern's yarn keys and '.'; blank
 * lines around it and spaces at line ends are ignored, as are '\r'. NULL
 * with an error naming the line and column of the first problem. */
StChart    *st_region_from_text    (const char       *text,
                                    const StPattern  *pattern,
                                    GError          **error);

typedef struct
{
  /* Borrowed */
  StPattern     *pattern;
  StHistory     *history;

  StTool         tool;
  StToolOptions  options;
  guint8         yarn;
  guint8         background;    /* fills the place a moved selection left */
  gboolean       active;

  gint64         start_row;
  gint64         start_column;
  gint64         last_row;
  gint64         last_column;
  gint64         mirror_base;   /* first column of the repeat the stroke began in */

  /* Shape previews */
  StChart       *pristine;
  gboolean       previewed;
  gint64         preview_row0;
  gint64         preview_row1;

  /* Select and move */
  StSelection    selection;
  gboolean       has_selection;
  StChart       *region;
  StSelection    region_origin;

  /* Eyedropper result: the yarn under the press */
  int            picked;
  gboolean       changed;       /* the pattern changed during the stroke */
} StStroke;

/* Starts a stroke at (@row, @column). @selection is the current selection
 * (needed by the move tool; may be NULL). Returns whether the pattern
 * changed. Painting tools open a history step that st_stroke_end() closes. */
gboolean    st_stroke_begin     (StStroke             *stroke,
                                 StPattern            *pattern,
                                 StHistory            *history,
                                 StTool                tool,
                                 const StToolOptions  *options,
                                 guint8                yarn,
                                 guint8                background,
                                 const StSelection    *selection,
                                 gint64                row,
                                 gint64                column);
/* The pointer moved to (@row, @column). */
gboolean    st_stroke_update    (StStroke             *stroke,
                                 gint64                row,
                                 gint64                column);
/* Finishes: closes the undo step (one step per stroke). */
void        st_stroke_end       (StStroke             *stroke);
/* Abandons: puts back what the stroke changed and drops its step. */
gboolean    st_stroke_cancel    (StStroke             *stroke);

/* Pastes @region with its lower left at (@row, @column), into every
 * repeat when repeat mode is on; one undo step. */
gboolean    st_tool_paste       (StPattern            *pattern,
                                 StHistory            *history,
                                 const StToolOptions  *options,
                                 const StChart        *region,
                                 gint64                row,
                                 gint64                column);
/* Fills the selection with @yarn (cut, delete). */
gboolean    st_tool_fill_selection (StPattern         *pattern,
                                    StHistory         *history,
                                    const StSelection *selection,
                                    guint8             yarn);

G_END_DECLS
