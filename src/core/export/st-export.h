/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-export.h: every export format behind one call, for stranded-cli and the
 * app's Export dialog. Exports work headless (cairo image, PDF and SVG
 * surfaces, no display). What a format cannot carry either fails the export
 * with an ST_ERROR_UNSUPPORTED error or is reported as a warning sentence;
 * nothing is dropped silently. See EXPORTS.md beside this file.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  ST_EXPORT_PDF,            /* the printable pattern: legend, chart pages, check, instructions */
  ST_EXPORT_PNG,            /* the chart with numbers and legend as an image */
  ST_EXPORT_SVG,            /* the same as vector graphics */
  ST_EXPORT_PNG_STITCHES,   /* one pixel per stitch, round 1 at the bottom */
  ST_EXPORT_TXT,            /* the written instructions, UTF-8 */
  ST_EXPORT_KNITOUT,        /* a knitout-2 program knitting the pattern as a tube */
} StExportFormat;

typedef enum
{
  ST_PAPER_A4,
  ST_PAPER_LETTER,
} StPaper;

typedef struct
{
  StExportFormat   format;
  /* png: pixels per stitch (default 20); svg: points per stitch (default
   * 14). The round height follows from the gauge. */
  double           cell_size;
  StPaper          paper;              /* pdf */
  /* knitout: the machine to knit on; NULL takes the pattern's machine when
   * it has carriers, else the Kniterate profile. */
  const StProfile *knitout_machine;
} StExportOptions;

#define ST_EXPORT_PNG_DEFAULT_CELL 20.0
#define ST_EXPORT_SVG_DEFAULT_CELL 14.0
/* cairo's image surfaces stop at 32767 pixels a side. */
#define ST_EXPORT_PNG_MAX_SIDE     32767
#define ST_EXPORT_PNG_MAX_PIXELS   (256 * 1024 * 1024)
#define ST_EXPORT_CELL_MIN         2.0
#define ST_EXPORT_CELL_MAX         200.0

void         st_export_options_init        (StExportOptions       *options,
                                            StExportFormat         format);
gboolean     st_export_format_from_string  (const char            *text,
                                            StExportFormat        *format);
const char  *st_export_format_to_string    (StExportFormat         format);
/* The usual file name extension without the dot ("pdf", "png", "k"). */
const char  *st_export_format_extension    (StExportFormat         format);
/* A format from a file name's extension; png maps to the chart image. */
gboolean     st_export_format_from_path    (const char            *path,
                                            StExportFormat        *format);
gboolean     st_paper_from_string          (const char            *text,
                                            StPaper               *paper);
/* Paper size in points. */
void         st_paper_size                 (StPaper                paper,
                                            double                *width,
                                            double                *height);

/* The export as bytes. @warnings (nullable) receives one string per thing
 * the target keeps only partly (g_free each; create it with
 * g_ptr_array_new_with_free_func (g_free)). */
GBytes      *st_export_to_bytes            (const StPattern       *pattern,
                                            const StExportOptions *options,
                                            GPtrArray             *warnings,
                                            GError               **error);
/* The same, written atomically to @path. */
gboolean     st_export_to_file             (const StPattern       *pattern,
                                            const StExportOptions *options,
                                            const char            *path,
                                            GPtrArray             *warnings,
                                            GError               **error);

/* PDF preview for the Export dialog: the number of pages, and page @page
 * (0-based) drawn on @cr in points (scale @cr to fit; the page size is
 * returned in @width and @height). */
guint        st_export_pdf_page_count      (const StPattern       *pattern,
                                            const StExportOptions *options);
gboolean     st_export_pdf_draw_page       (const StPattern       *pattern,
                                            const StExportOptions *options,
                                            guint                  page,
                                            cairo_t               *cr,
                                            double                *width,
                                            double                *height);

/* Where the cell of round @row, needle @needle (0-based) lies in a png
 * (pixels) or svg (points) export made with @options, for previews and
 * hit-testing. FALSE for other formats or a stitch outside the chart. */
gboolean     st_export_chart_image_cell    (const StPattern       *pattern,
                                            const StExportOptions *options,
                                            guint                  row,
                                            guint                  needle,
                                            double                *x,
                                            double                *y,
                                            double                *width,
                                            double                *height);

G_END_DECLS
