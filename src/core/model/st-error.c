/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-error.h"

G_DEFINE_QUARK (stranded-error-quark, st_error)
