/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-yarn.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
st_yarn_key_is_valid (char key)
{
  return g_ascii_isalnum (key);
}

gboolean
st_color_parse (const char *text,
                StColor    *out)
{
  guint values[3];

  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  for (guint i = 0; i < 3; i++)
    values[i] = g_ascii_xdigit_value (text[1 + 2 * i]) * 16
                + g_ascii_xdigit_value (text[2 + 2 * i]);
  out->red = values[0];
  out->green = values[1];
  out->blue = values[2];
  return TRUE;
}

char *
st_color_to_string (StColor color)
{
  return g_strdup_printf ("#%02x%02x%02x", color.red, color.green, color.blue);
}

static const char *const weight_names[] = {
  /* Translators: the Craft Yarn Council's yarn weight classes 0 to 7, as in
   * "weight 4 (medium)" or "choose a medium yarn". */
  NC_("yarn weight", "lace"), NC_("yarn weight", "super fine"), NC_("yarn weight", "fine"),
  NC_("yarn weight", "light"), NC_("yarn weight", "medium"), NC_("yarn weight", "bulky"),
  NC_("yarn weight", "super bulky"), NC_("yarn weight", "jumbo"),
};

const char *
st_yarn_weight_english_name (StYarnWeight weight)
{
  return (guint) weight < G_N_ELEMENTS (weight_names) ? weight_names[weight] : "unknown";
}

const char *
st_yarn_weight_name (StYarnWeight weight)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "yarn weight", st_yarn_weight_english_name (weight));
}

void
st_yarn_copy_into (StYarn       *dest,
                   const StYarn *src)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->fibre = g_strdup (src->fibre);
}

void
st_yarn_clear (StYarn *yarn)
{
  g_clear_pointer (&yarn->name, g_free);
  g_clear_pointer (&yarn->fibre, g_free);
}

char
st_yarn_next_free_key (const StYarn *yarns,
                       guint         n_yarns)
{
  static const char order[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  for (const char *k = order; *k != '\0'; k++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n_yarns && !used; i++)
        used = yarns[i].key == *k;
      if (!used)
        return *k;
    }
  return '\0';
}
