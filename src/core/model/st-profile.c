/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-profile.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "st-error.h"
#include "st-json-private.h"
#include "st-limits.h"
/* The profiles' names, descriptions and gauge notes for xgettext; generated
 * from data/profiles/ by profile-strings.py. */
#include "st-profile-strings.h"

#define PROFILES_RESOURCE_PATH "/io/github/stranded/core/profiles/"

static const struct
{
  StMachineKind kind;
  const char   *name;
} kind_names[] = {
  { ST_MACHINE_HOBBY_CRANK, "hobby-crank" },
  { ST_MACHINE_SOCK, "sock-machine" },
  { ST_MACHINE_FLATBED, "flatbed" },
  { ST_MACHINE_VBED, "v-bed" },
  { ST_MACHINE_CUSTOM, "custom" },
};

static const char *const direction_names[] = {
  "clockwise", "counterclockwise", "left-to-right",
};

const char *
st_machine_kind_to_string (StMachineKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (kind_names[i].kind == kind)
      return kind_names[i].name;
  return "custom";
}

gboolean
st_machine_kind_from_string (const char    *text,
                             StMachineKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i].name, text) == 0)
      {
        *out = kind_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
st_knit_direction_to_string (StKnitDirection direction)
{
  if ((guint) direction < G_N_ELEMENTS (direction_names))
    return direction_names[direction];
  return "clockwise";
}

void
st_profile_free (StProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->id);
  g_free (profile->name);
  g_free (profile->english_name);
  g_free (profile->description);
  g_free (profile->gauge_note);
  g_free (profile->protocol);
  g_free (profile);
}

StProfile *
st_profile_parse (const char  *json_text,
                  const char  *source_name,
                  GError     **error)
{
  g_autoptr(json_object) root = NULL;
  g_autoptr(StProfile) profile = g_new0 (StProfile, 1);
  const char *id = NULL, *name = NULL, *description = "", *kind = NULL;
  const char *direction = "clockwise", *protocol = NULL, *note = NULL;
  json_object *weights, *gauge;
  guint wmin = 0, wmax = 7;
  gboolean known_direction = FALSE;
  GError *local_error = NULL;

  if (!g_utf8_validate (json_text, -1, NULL))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: not UTF-8 text"), source_name);
      return NULL;
    }
  root = st_json_parse (json_text, strlen (json_text), source_name, error);
  if (root == NULL)
    return NULL;
  if (!json_object_is_type (root, json_type_object))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("%s: a profile must be a JSON object"),
                   source_name);
      return NULL;
    }

  if (!st_json_get_string (root, "id", TRUE, "", &id, &local_error) ||
      !st_json_get_string (root, "name", TRUE, "", &name, &local_error) ||
      !st_json_get_string (root, "description", FALSE, "", &description, &local_error) ||
      !st_json_get_string (root, "kind", TRUE, "", &kind, &local_error) ||
      !st_json_get_bool (root, "circular", TRUE, "", &profile->circular, &local_error) ||
      !st_json_get_uint (root, "needles", TRUE, "", 0, ST_MAX_NEEDLES, &profile->needles, &local_error) ||
      !st_json_get_uint (root, "feeds", TRUE, "", 1, ST_MAX_YARNS, &profile->feeds, &local_error) ||
      !st_json_get_uint (root, "max_colors_per_round", TRUE, "", 1, ST_MAX_YARNS,
                         &profile->max_colors, &local_error) ||
      !st_json_get_string (root, "direction", FALSE, "", &direction, &local_error) ||
      !st_json_get_string (root, "protocol", FALSE, "", &protocol, &local_error) ||
      !st_json_get_uint (root, "carriers", FALSE, "", 0, ST_MAX_YARNS, &profile->carriers, &local_error))
    goto fail;

  weights = st_json_get_typed (root, "yarn_weight", json_type_object, TRUE, "", &local_error);
  if (weights == NULL ||
      !st_json_get_uint (weights, "min", TRUE, "yarn_weight", 0, 7, &wmin, &local_error) ||
      !st_json_get_uint (weights, "max", TRUE, "yarn_weight", wmin, 7, &wmax, &local_error))
    goto fail;

  gauge = st_json_get_typed (root, "gauge", json_type_object, TRUE, "", &local_error);
  if (gauge == NULL ||
      !st_json_get_double (gauge, "stitches_per_10cm", TRUE, "gauge", 1, 200,
                           &profile->stitches_per_10cm, &local_error) ||
      !st_json_get_double (gauge, "rows_per_10cm", TRUE, "gauge", 1, 200,
                           &profile->rows_per_10cm, &local_error) ||
      !st_json_get_string (gauge, "note", FALSE, "gauge", &note, &local_error))
    goto fail;

  if (!st_machine_kind_from_string (kind, &profile->kind))
    {
      /* Translators: "kind" names the member of the profile file; keep it. */
      g_set_error (&local_error, ST_ERROR, ST_ERROR_INVALID, _("kind: '%s' is not a machine kind"),
                   kind);
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (direction_names); i++)
    if (g_strcmp0 (direction, direction_names[i]) == 0)
      {
        profile->direction = i;
        known_direction = TRUE;
      }
  if (!known_direction)
    {
      g_set_error (&local_error, ST_ERROR, ST_ERROR_INVALID,
                   /* Translators: "direction" names the member of the profile file, and
                    * clockwise, counterclockwise and left-to-right are its values: keep
                    * them. */
                   _("direction: '%s' is not clockwise, counterclockwise or left-to-right"),
                   direction);
      goto fail;
    }

  profile->id = g_strdup (id);
  profile->name = g_strdup (name);
  profile->english_name = g_strdup (name);
  profile->description = g_strdup (description);
  profile->gauge_note = g_strdup (note);
  profile->protocol = g_strdup (protocol);
  profile->weight_min = wmin;
  profile->weight_max = wmax;
  return g_steal_pointer (&profile);

fail:
  g_set_error (error, ST_ERROR, ST_ERROR_INVALID, "%s: %s", source_name, local_error->message);
  g_clear_error (&local_error);
  return NULL;
}

/* Replaces @text by its translation; "" stays "" (gettext would give the
 * catalogue's header). */
static void
translate_text (char **text)
{
  char *translated;

  if (*text == NULL || **text == '\0')
    return;
  translated = g_strdup (g_dgettext (GETTEXT_PACKAGE, *text));
  g_free (*text);
  *text = translated;
}

static GPtrArray *
load_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GPtrArray *profiles = g_ptr_array_new ();

  names = g_resources_enumerate_children (PROFILES_RESOURCE_PATH, 0, &error);
  if (names == NULL)
    g_error ("built-in machine profiles are missing: %s", error->message);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (PROFILES_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
      g_autofree char *text = NULL;
      StProfile *profile;

      if (bytes == NULL)
        g_error ("%s: %s", path, error->message);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      profile = st_profile_parse (text, names[i], &error);
      /* Shipped data is tested; a broken profile is a build defect. */
      if (profile == NULL)
        g_error ("built-in profile %s", error->message);
      /* Only text for people: the id, kind, direction and protocol are
       * values, and pattern files store the id alone. */
      translate_text (&profile->name);
      translate_text (&profile->description);
      translate_text (&profile->gauge_note);
      g_ptr_array_add (profiles, profile);
    }

  return profiles;
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  const StProfile *pa = *(const StProfile **) a;
  const StProfile *pb = *(const StProfile **) b;

  /* Group by kind as a menu would, custom last, then by needle count. */
  if (pa->kind != pb->kind)
    return (int) pa->kind - (int) pb->kind;
  if (pa->needles != pb->needles)
    return (int) pa->needles - (int) pb->needles;
  return g_strcmp0 (pa->id, pb->id);
}

GPtrArray *
st_profiles_get_all (void)
{
  static GPtrArray *registry;

  if (g_once_init_enter (&registry))
    {
      GPtrArray *loaded = load_registry ();

      g_ptr_array_sort (loaded, compare_profiles);
      g_once_init_leave (&registry, loaded);
    }
  return registry;
}

const StProfile *
st_profiles_lookup (const char *id)
{
  GPtrArray *all = st_profiles_get_all ();

  for (guint i = 0; i < all->len; i++)
    {
      const StProfile *p = g_ptr_array_index (all, i);

      if (g_strcmp0 (p->id, id) == 0)
        return p;
    }
  return NULL;
}

guint
st_profile_max_width (const StProfile *profile)
{
  if (profile->needles == 0)
    return ST_MAX_NEEDLES;
  if (profile->kind == ST_MACHINE_VBED)
    return MIN (2 * profile->needles, ST_MAX_NEEDLES);
  return profile->needles;
}

gboolean
st_profile_check_width (const StProfile  *profile,
                        guint             needles,
                        GError          **error)
{
  if (needles < 1 || needles > ST_MAX_NEEDLES)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "%u stitch per round is outside 1 to %d",
                                "%u stitches per round is outside 1 to %d", needles),
                   needles, ST_MAX_NEEDLES);
      return FALSE;
    }
  if (profile->needles == 0)
    return TRUE;
  if (profile->circular && needles != profile->needles)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: the %s is a machine profile id, such as
                                 * sentro-48. */
                                "%s has %u needle on its cylinder, so a round has %u stitch, "
                                "not %u",
                                "%s has %u needles on its cylinder, so a round has %u "
                                "stitches, not %u",
                                profile->needles),
                   profile->id, profile->needles, profile->needles, needles);
      return FALSE;
    }
  if (!profile->circular && needles > st_profile_max_width (profile))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                   /* Translators: the %s is a machine profile id, such as brother-kh9xx. */
                   g_dngettext (GETTEXT_PACKAGE, "%u stitch does not fit %s, which knits at most %u",
                                "%u stitches do not fit %s, which knits at most %u", needles),
                   needles, profile->id, st_profile_max_width (profile));
      return FALSE;
    }
  return TRUE;
}
