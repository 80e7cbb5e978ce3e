/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-knitout.h: a knitout-2 program that knits the pattern as a tube on a
 * v-bed: a round of W stitches is the front needles f1..fF knit left to
 * right, then the back needles bB..b1 right to left (F = ceil(W/2)), so the
 * chart's needle i is f(i+1) for i < F and b(W-i) after. Each yarn gets a
 * carrier (yarns in chart order); every carrier travels the whole round and
 * is moved to the tube's edge with a miss before it changes bed, so floats
 * stay inside the tube. See EXPORTS.md for the full mapping.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

/* Plain rounds of the cast-on yarn knit before the chart's round 1. */
#define ST_KNITOUT_CASTON_ROUNDS 2

/* The machine a knitout export targets by default: the pattern's own when
 * it has carriers, else the Kniterate profile. */
const StProfile *st_knitout_default_target (const StPattern  *pattern);

/* The program, or NULL with ST_ERROR_UNSUPPORTED when @target (NULL: the
 * default) cannot knit it: more yarns than carriers, a round wider than
 * both beds, or no carriers at all. @warnings (nullable) receives what is
 * only partly carried: duplicate stitches (knit in the main yarn, listed in
 * comments) and catches that cannot be tucked. */
char            *st_knitout_generate       (const StPattern  *pattern,
                                            const StProfile  *target,
                                            GPtrArray        *warnings,
                                            GError          **error);

G_END_DECLS
