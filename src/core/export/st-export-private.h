/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-export-private.h: shared between the exporters of this directory.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "st-export.h"

G_BEGIN_DECLS

/* The same guard as src/core/render/st-render-types.h, so both headers can
 * meet in one file. */
#ifndef ST_CAIRO_AUTOCLEANUPS
#define ST_CAIRO_AUTOCLEANUPS
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_pattern_t, cairo_pattern_destroy)
#endif

/* PNG text key holding the pattern (without its rows) in a stitch map. */
#define ST_STITCH_MAP_TEXT_KEY "tEXt::Stranded"

GBytes   *st_export_pdf                (const StPattern       *pattern,
                                        const StExportOptions *options,
                                        GPtrArray             *warnings,
                                        GError               **error);
GBytes   *st_export_stitch_map         (const StPattern       *pattern,
                                        GPtrArray             *warnings,
                                        GError               **error);
/* "Sentro 48-needle, 48 stitches x 60 rounds, gauge ..., 34.3 cm round", in
 * the user's language when @translate, else English (knitout comments). */
char     *st_export_summary_line       (const StPattern       *pattern,
                                        gboolean               translate);
/* A cairo context on a 1x1 image, for measuring text before the real
 * surface exists. */
cairo_t  *st_export_measure_context    (void);
void      st_export_warn               (GPtrArray             *warnings,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* Maps cairo stream errors to a GError naming @what. */
gboolean  st_export_check_cairo        (cairo_status_t         status,
                                        const char            *what,
                                        GError               **error);
cairo_status_t st_export_write_to_array (void                 *closure,
                                        const unsigned char   *data,
                                        unsigned int           length);

G_END_DECLS
