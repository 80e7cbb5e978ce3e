/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-profile.h: machine profiles. Profiles are JSON data in data/profiles/,
 * compiled into the library as a resource so the CLI and tests need no
 * installed files, and installed as readable files for users.
 */
#pragma once

#include <glib.h>

#include "st-yarn.h"

G_BEGIN_DECLS

typedef enum
{
  ST_MACHINE_HOBBY_CRANK,   /* Sentro, Addi Express: one feed, colours laid in by hand */
  ST_MACHINE_SOCK,          /* circular sock machines */
  ST_MACHINE_FLATBED,       /* Brother electronic with an AYAB interface */
  ST_MACHINE_VBED,          /* Kniterate and industrial v-beds, through knitout */
  ST_MACHINE_CUSTOM,
} StMachineKind;

typedef enum
{
  ST_DIRECTION_CLOCKWISE,
  ST_DIRECTION_COUNTERCLOCKWISE,
  ST_DIRECTION_LEFT_TO_RIGHT,
} StKnitDirection;

/* name, description and gauge_note are text for people: in the built-in
 * profiles they are translated (see st_profiles_get_all()); id, kind,
 * direction and protocol are values and never are. */
typedef struct
{
  char            *id;               /* what files and the CLI name it by */
  char            *name;
  char            *english_name;     /* for files other programs read (knitout) */
  char            *description;
  StMachineKind    kind;
  gboolean         circular;         /* the needles form a cylinder */
  guint            needles;          /* cylinder or bed needles; 0 for custom (any) */
  guint            feeds;            /* yarn feeds per round */
  guint            max_colors;       /* most colours per round it can knit */
  StYarnWeight     weight_min;
  StYarnWeight     weight_max;
  StKnitDirection  direction;
  double           stitches_per_10cm;  /* default gauge, an estimate */
  double           rows_per_10cm;
  char            *gauge_note;
  char            *protocol;         /* "ayab", "circular" or NULL */
  guint            carriers;         /* yarn carriers (v-beds), 0 if not relevant */
} StProfile;

const char      *st_machine_kind_to_string   (StMachineKind     kind);
gboolean         st_machine_kind_from_string (const char       *text,
                                              StMachineKind    *out);
const char      *st_knit_direction_to_string (StKnitDirection   direction);

/* The built-in profiles, sorted as shipped. The registry is loaded once and
 * lives for the process; the returned pointers are never freed. Their text
 * is translated as it loads, on the first call: programs bind their text
 * domain and set the locale before. */
GPtrArray       *st_profiles_get_all         (void);
const StProfile *st_profiles_lookup          (const char       *id);

/* Parses one profile document; used for the shipped data and by tests.
 * The text stays as written (untranslated). */
StProfile       *st_profile_parse            (const char       *json_text,
                                              const char       *source_name,
                                              GError          **error);
void             st_profile_free             (StProfile        *profile);

/* Widest pattern the profile can knit: the cylinder for circular machines,
 * the bed for flatbeds, both beds for a v-bed tube, any for custom. */
guint            st_profile_max_width        (const StProfile  *profile);
/* Whether a pattern of @needles stitches fits; fills @error with a sentence. */
gboolean         st_profile_check_width      (const StProfile  *profile,
                                              guint             needles,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StProfile, st_profile_free)

G_END_DECLS
