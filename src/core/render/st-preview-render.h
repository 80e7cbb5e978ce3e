/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-preview-render.h: a cairo picture of the knitted piece: the chart
 * wrapped around a cylinder of the gauge's true proportions, lit from the
 * upper left, with knit "V" stitches when they are big enough, the inside
 * (purl side) showing through the top opening. Hat mode gathers the last
 * rounds into a cinched crown, optionally with a pompom, as a hat comes
 * off a Sentro. See RENDER.md.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-pattern.h"
#include "st-render-types.h"

G_BEGIN_DECLS

typedef struct
{
  /* Turns the piece about its axis, radians. At 0 the seam (where each
   * round starts) is at the back and needle N/2 faces the viewer; a
   * positive rotation brings later needles to the front. */
  double    rotation;
  /* How far the camera looks down on the piece, radians (0: from the side). */
  double    tilt;
  gboolean  hat;
  /* Rounds gathered into the crown in hat mode; 0 chooses a fifth. */
  guint     crown_rows;
  gboolean  pompom;
  /* Yarn of the pompom; -1 takes the most used yarn of the last round. */
  int       pompom_yarn;
  /* Draw knit "V" shapes when stitches are big enough on screen. */
  gboolean  stitches;
  /* Filled first unless fully transparent. */
  StRgba    background;
  /* A round drawn tinted and edged on the visible side (the round a
   * machine is knitting); zero-initialised options highlight none. */
  gboolean  has_highlight;
  guint     highlight_row;
} StPreviewOptions;

#define ST_PREVIEW_DEFAULT_TILT 0.42

void      st_preview_options_init      (StPreviewOptions        *options);

/* Draws the piece centred and scaled to fit @width x @height, with a
 * margin. Large charts are drawn with several stitches averaged per
 * facet, so the cost stays bounded. */
void      st_preview_render            (cairo_t                 *cr,
                                        const StPattern         *pattern,
                                        const StPreviewOptions  *options,
                                        double                   width,
                                        double                   height);

/* The crown rounds hat mode gathers for @pattern with @options. */
guint     st_preview_crown_rows        (const StPattern         *pattern,
                                        const StPreviewOptions  *options);

G_END_DECLS
