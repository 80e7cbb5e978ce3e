/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-error.h: the error domain of the core library.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ST_ERROR (st_error_quark ())

typedef enum
{
  ST_ERROR_PARSE,        /* not JSON, not text, malformed */
  ST_ERROR_INVALID,      /* well-formed but wrong: types, values, references */
  ST_ERROR_LIMIT,        /* over a size limit */
  ST_ERROR_VERSION,      /* written by a newer Stranded */
  ST_ERROR_PROFILE,      /* unknown machine profile or width does not fit */
  ST_ERROR_IO,
  ST_ERROR_UNSUPPORTED,  /* the target cannot carry what the pattern holds */
} StError;

GQuark st_error_quark (void);

G_END_DECLS
