/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-image-sniff.h: reads the container of a PNG, JPEG, GIF or BMP file
 * without decoding it: the format, the size the header declares, and
 * whether the file is complete. gdk-pixbuf's loaders accept some truncated
 * files (a cut PNG or JPEG decodes with a grey or black end), so the import
 * checks the structure itself before anything is decoded.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ST_IMAGE_UNKNOWN,
  ST_IMAGE_PNG,
  ST_IMAGE_JPEG,
  ST_IMAGE_GIF,
  ST_IMAGE_BMP,
} StImageKind;

/* The format from the signature, or ST_IMAGE_UNKNOWN. */
StImageKind  st_image_sniff_kind     (const guint8  *data,
                                      gsize          length);
/* gdk-pixbuf's name of the format ("png", "jpeg", "gif", "bmp"). */
const char  *st_image_kind_name      (StImageKind    kind);
/* The size the header declares; FALSE when the header is cut short or
 * malformed. A JPEG's size is that of its first frame. */
gboolean     st_image_sniff_size     (StImageKind    kind,
                                      const guint8  *data,
                                      gsize          length,
                                      guint64       *width,
                                      guint64       *height);
/* Whether every chunk, segment or block the file starts is there up to
 * its end marker (PNG IEND, JPEG EOI, GIF trailer, a BMP's pixel rows). */
gboolean     st_image_is_complete    (StImageKind    kind,
                                      const guint8  *data,
                                      gsize          length);

G_END_DECLS
