/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-yarn.h: one yarn of a pattern's palette.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Craft Yarn Council weight classes. */
typedef enum
{
  ST_WEIGHT_LACE = 0,
  ST_WEIGHT_SUPER_FINE = 1,
  ST_WEIGHT_FINE = 2,
  ST_WEIGHT_LIGHT = 3,
  ST_WEIGHT_MEDIUM = 4,
  ST_WEIGHT_BULKY = 5,
  ST_WEIGHT_SUPER_BULKY = 6,
  ST_WEIGHT_JUMBO = 7,
} StYarnWeight;

typedef struct
{
  guint8 red;
  guint8 green;
  guint8 blue;
} StColor;

typedef struct
{
  char          key;      /* A-Z, a-z or 0-9: the character used in row strings */
  char         *name;
  StColor       color;
  StYarnWeight  weight;
  char         *fibre;    /* nullable */
  gboolean      sticky;   /* grips floats (non-superwash wool): longer floats allowed */
} StYarn;

gboolean     st_yarn_key_is_valid      (char            key);
gboolean     st_color_parse            (const char     *text,
                                        StColor        *out);
char        *st_color_to_string        (StColor         color);
/* "medium": the weight class's name for people, translated (files store
 * the number). */
const char  *st_yarn_weight_name       (StYarnWeight    weight);
/* For files other programs read (knitout comments), whatever the language. */
const char  *st_yarn_weight_english_name (StYarnWeight  weight);
void         st_yarn_copy_into         (StYarn         *dest,
                                        const StYarn   *src);
void         st_yarn_clear             (StYarn         *yarn);
char         st_yarn_next_free_key     (const StYarn   *yarns,
                                        guint           n_yarns);

G_END_DECLS
