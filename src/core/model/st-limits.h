/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-limits.h: hard limits of the pattern model, checked before any allocation.
 */
#pragma once

#define ST_MAX_NEEDLES      1024
#define ST_MAX_ROWS         20000
#define ST_MAX_YARNS        32
#define ST_MAX_NAME_LENGTH  200
/* Largest .stranded file accepted: a full 1024 x 20000 chart is ~21 MB of
 * row strings plus JSON punctuation and annotations. */
#define ST_MAX_FILE_BYTES   (96 * 1024 * 1024)
/* Catches and duplicate stitches: at most one per stitch of the largest chart
 * would be absurd; a tenth of that is still far beyond any real pattern. */
#define ST_MAX_MARKS        (2 * 1024 * 1024)
