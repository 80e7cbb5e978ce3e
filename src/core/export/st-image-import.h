/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-image-import.h: a pattern from a picture (PNG, JPEG, GIF, BMP through
 * gdk-pixbuf, no display needed).
 *
 * A stitch map (as wide as the pattern has needles, at most as many
 * colours as yarns allowed) imports exactly: round 1 is the bottom pixel
 * row and each colour becomes a yarn; a stitch map written by Stranded
 * brings back its yarns, gauge and marks as well. Any other picture is
 * resampled to the needle count and to the rounds that keep its
 * proportions at the pattern's gauge, then reduced to N yarns by k-means in
 * CIELAB (deterministic), optionally onto existing yarns and with a float
 * limit. Files are checked before decoding: size, format and dimensions.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_IMPORT_MAX_FILE_BYTES (64 * 1024 * 1024)
#define ST_IMPORT_MAX_SIDE       20000
#define ST_IMPORT_MAX_PIXELS     (40 * 1000 * 1000)
/* max_float value: take the limit from the pattern's float limit in mm. */
#define ST_IMPORT_MAX_FLOAT_AUTO (-1)

typedef struct
{
  const StProfile *profile;            /* NULL only for a stitch map written by Stranded */
  guint            needles;            /* 0: the profile's, or a stitch map's width */
  guint            colors;             /* 0: the stitch map's own, else the machine's colours per round (2-6) */
  guint            rows;               /* 0: from the picture's proportions and the gauge */
  const StPattern *yarns_from;         /* use these yarns (nearest colours), NULL for new ones */
  /* Float-aware reduction: no float longer than max_float stitches in the
   * machine's knitting order (st_float_limit_rows()), and a round uses at
   * most the machine's colours per round. 0 off, ST_IMPORT_MAX_FLOAT_AUTO
   * for the checker's float limit. */
  int              max_float;
  double           stitches_per_10cm;  /* 0: from yarns_from on the same machine, else the profile */
  double           rows_per_10cm;
  const char      *name;               /* NULL: the file's name */
} StImportOptions;

typedef struct
{
  gboolean stitch_map;       /* one pixel per stitch, no resampling */
  gboolean from_metadata;    /* a Stranded stitch map: the whole pattern came back */
  guint    source_width;
  guint    source_height;
  guint    max_float;        /* the float limit applied, 0 none */
  guint    changed_stitches; /* stitches the float-aware reduction changed */
} StImportReport;

void        st_import_options_init     (StImportOptions       *options);

/* Loads @path within the limits above, refusing truncated, damaged, empty,
 * oversized and non-PNG/JPEG/GIF/BMP files with a message that names the
 * file. The result has its EXIF orientation applied. */
GdkPixbuf  *st_image_load              (const char            *path,
                                        GError               **error);
/* The import of a loaded picture (the Import dialog re-runs this for its
 * live preview). @source_name names the picture in messages and is the
 * default pattern name. @warnings (nullable) receives notes on options
 * that did not apply. */
StPattern  *st_image_import_pixbuf     (GdkPixbuf             *pixbuf,
                                        const char            *source_name,
                                        const StImportOptions *options,
                                        StImportReport        *report,
                                        GPtrArray             *warnings,
                                        GError               **error);
StPattern  *st_image_import_file       (const char            *path,
                                        const StImportOptions *options,
                                        StImportReport        *report,
                                        GPtrArray             *warnings,
                                        GError               **error);

/* Reduces @n_pixels Lab colours (with @weights, NULL for 1 each) to at most
 * @k centres by k-means with k-means++ seeding from a fixed seed; returns
 * the number of centres (fewer when there are fewer distinct colours),
 * heaviest first. Exposed for tests. */
guint       st_kmeans_lab              (const double          *lab,
                                        const double          *weights,
                                        gsize                  n_pixels,
                                        guint                  k,
                                        double                *centres);

/* Float-aware reduction of a chart of @rows rounds of @width stitches
 * (round 1 first), in place: @yarns are each stitch's preferred yarn,
 * @rank the yarns in order of preference per stitch (@width x @rows x
 * @n_rank). Rounds are read in the checker's knitting order: a spiral,
 * where a float runs on from one round into the next, or with @flat
 * (st_check_knits_flat()) rows that end at the edges. Afterwards no float
 * the checker sees is longer than @max_float, when that can be done with
 * the yarns each round prefers. Returns the stitches changed. Exposed for
 * tests. */
guint       st_float_limit_rows        (guint8                *yarns,
                                        const guint8          *rank,
                                        guint                  n_rank,
                                        guint                  width,
                                        guint                  rows,
                                        guint                  max_float,
                                        gboolean               flat);

G_END_DECLS
