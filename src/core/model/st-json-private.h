/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-json-private.h: json-c helpers shared by the core's readers, which all
 * report errors as "path: problem".
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_object, json_object_put)

/* Parses a whole document; errors name the line and column. The caller
 * has checked that @data is UTF-8 (once, over the whole text). */
json_object *st_json_parse           (const char   *data,
                                      gsize         length,
                                      const char   *source_name,
                                      GError      **error);
/* Line and column (1-based) of byte @offset in @data. */
void         st_json_locate          (const char   *data,
                                      gsize         offset,
                                      guint        *line,
                                      guint        *column);
const char  *st_json_type_name       (json_object  *value);

gboolean     st_json_get_string      (json_object  *object,
                                      const char   *member,
                                      gboolean      required,
                                      const char   *path,
                                      const char  **out,
                                      GError      **error);
gboolean     st_json_get_uint        (json_object  *object,
                                      const char   *member,
                                      gboolean      required,
                                      const char   *path,
                                      guint         min,
                                      guint         max,
                                      guint        *out,
                                      GError      **error);
gboolean     st_json_get_double      (json_object  *object,
                                      const char   *member,
                                      gboolean      required,
                                      const char   *path,
                                      double        min,
                                      double        max,
                                      double       *out,
                                      GError      **error);
gboolean     st_json_get_bool        (json_object  *object,
                                      const char   *member,
                                      gboolean      required,
                                      const char   *path,
                                      gboolean     *out,
                                      GError      **error);
/* Object or array member of the given type; NULL and no error when optional
 * and absent. */
json_object *st_json_get_typed       (json_object  *object,
                                      const char   *member,
                                      json_type     type,
                                      gboolean      required,
                                      const char   *path,
                                      GError      **error);

/* Appends @text to @out as a JSON string literal. */
void         st_json_append_string   (GString      *out,
                                      const char   *text);

G_END_DECLS
