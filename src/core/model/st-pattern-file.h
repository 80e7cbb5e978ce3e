/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-pattern-file.h: the .stranded file format (see FORMAT.md beside this
 * file). Loading is strict and all-or-nothing; saving is atomic.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_FORMAT_NAME    "stranded-pattern"
#define ST_FORMAT_VERSION 1

/* @source_name names the file in error messages. */
StPattern  *st_pattern_load_data   (const char       *data,
                                    gsize             length,
                                    const char       *source_name,
                                    GError          **error);
StPattern  *st_pattern_load_file   (const char       *path,
                                    GError          **error);
/* The file's text, UTF-8, ending in a newline. */
char       *st_pattern_to_data     (const StPattern  *pattern,
                                    gsize            *length);
/* Writes a temporary file beside @path, syncs it and renames it over @path,
 * keeping the old file's permissions; a crash leaves the old or new file. */
gboolean    st_pattern_save_file   (const StPattern  *pattern,
                                    const char       *path,
                                    GError          **error);

/* Writes @data atomically to @path (used by every exporter too). */
gboolean    st_file_write_atomic   (const char       *path,
                                    const char       *data,
                                    gsize             length,
                                    GError          **error);

G_END_DECLS
