/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli-pattern.c: new, info and machines.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"
#include "st-edit.h"
#include "st-pattern-file.h"

static char *
known_profiles (void)
{
  GPtrArray *all = st_profiles_get_all ();
  GString *known = g_string_new (NULL);

  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "",
                            ((StProfile *) g_ptr_array_index (all, i))->id);
  return g_string_free (known, FALSE);
}

int
cli_cmd_new (int    argc,
             char **argv)
{
  g_autofree char *machine = NULL;
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const StProfile *profile;
  int rows = 60, needles = 0, exit_code = CLI_EXIT_OK;
  double stitches = 0, rows_gauge = 0;
  gsize length;
  const GOptionEntry entries[] = {
    /* Translators: ID, N, TEXT, X and FILE stand for an option's value in --help. */
    { "machine", 'm', 0, G_OPTION_ARG_STRING, &machine, N_("Machine profile (see stranded-cli machines)"), N_("ID") },
    { "rows", 'r', 0, G_OPTION_ARG_INT, &rows, N_("Rounds to knit (default 60)"), N_("N") },
    { "needles", 'n', 0, G_OPTION_ARG_INT, &needles, N_("Stitches per round (flatbeds, v-beds and custom)"), N_("N") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Pattern name"), N_("TEXT") },
    { "stitches-per-10cm", 0, 0, G_OPTION_ARG_DOUBLE, &stitches, N_("Your swatch's stitches per 10 cm"), N_("X") },
    { "rows-per-10cm", 0, 0, G_OPTION_ARG_DOUBLE, &rows_gauge, N_("Your swatch's rows per 10 cm"), N_("X") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the pattern here (default: standard output)"),
      N_("FILE") },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("new"), entries,
                          _("Creates an empty pattern for a machine, filled with its first yarn."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      cli_error ("new", _("unexpected argument '%s'"), argv[1]);
      return CLI_EXIT_USAGE;
    }
  if (machine == NULL)
    {
      g_autofree char *known = known_profiles ();

      cli_error ("new", _("--machine is required (one of: %s)"), known);
      return CLI_EXIT_USAGE;
    }
  profile = st_profiles_lookup (machine);
  if (profile == NULL)
    {
      g_autofree char *known = known_profiles ();

      cli_error ("new", _("unknown machine '%s' (known: %s)"), machine, known);
      return CLI_EXIT_USAGE;
    }
  if (rows < 1 || rows > ST_MAX_ROWS)
    {
      cli_error ("new", _("--rows %d is outside 1 to %d"), rows, ST_MAX_ROWS);
      return CLI_EXIT_USAGE;
    }
  if (needles < 0 || needles > ST_MAX_NEEDLES)
    {
      cli_error ("new", _("--needles %d is outside 1 to %d"), needles, ST_MAX_NEEDLES);
      return CLI_EXIT_USAGE;
    }

  pattern = st_pattern_new (profile, needles, rows, &error);
  if (pattern == NULL)
    {
      cli_error ("new", "%s", error->message);
      return CLI_EXIT_USAGE;
    }
  if (name != NULL)
    st_edit_set_name (pattern, NULL, name);
  if ((stitches != 0 || rows_gauge != 0) &&
      !st_edit_set_gauge (pattern, NULL, stitches ? stitches : pattern->stitches_per_10cm,
                          rows_gauge ? rows_gauge : pattern->rows_per_10cm, &error) &&
      error != NULL)
    {
      cli_error ("new", "%s", error->message);
      return CLI_EXIT_USAGE;
    }

  data = st_pattern_to_data (pattern, &length);
  if (!cli_write_output ("new", output, data, length))
    return CLI_EXIT_USAGE;
  return CLI_EXIT_OK;
}

static json_object *
info_json (const StPattern *pattern,
           const guint64   *counts)
{
  json_object *root = json_object_new_object ();
  json_object *yarns = json_object_new_array ();

  json_object_object_add (root, "name", json_object_new_string (pattern->name));
  json_object_object_add (root, "machine", json_object_new_string (pattern->profile_id));
  json_object_object_add (root, "machine_name", json_object_new_string (pattern->profile->name));
  json_object_object_add (root, "needles", json_object_new_int (st_pattern_needles (pattern)));
  json_object_object_add (root, "rows", json_object_new_int (st_pattern_rows (pattern)));
  json_object_object_add (root, "stitches_per_10cm", json_object_new_double (pattern->stitches_per_10cm));
  json_object_object_add (root, "rows_per_10cm", json_object_new_double (pattern->rows_per_10cm));
  json_object_object_add (root, "width_cm",
                          json_object_new_double (st_pattern_needles (pattern) * st_pattern_stitch_width_mm (pattern) / 10));
  json_object_object_add (root, "length_cm",
                          json_object_new_double (st_pattern_rows (pattern) * st_pattern_row_height_mm (pattern) / 10));
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      const StYarn *y = &pattern->yarns[i];
      json_object *item = json_object_new_object ();
      char key[2] = { y->key, '\0' };
      g_autofree char *color = st_color_to_string (y->color);

      json_object_object_add (item, "key", json_object_new_string (key));
      json_object_object_add (item, "name", json_object_new_string (y->name));
      json_object_object_add (item, "color", json_object_new_string (color));
      json_object_object_add (item, "weight", json_object_new_int (y->weight));
      if (y->fibre)
        json_object_object_add (item, "fibre", json_object_new_string (y->fibre));
      json_object_object_add (item, "sticky", json_object_new_boolean (y->sticky));
      json_object_object_add (item, "stitches", json_object_new_int64 (counts[i]));
      json_object_array_add (yarns, item);
    }
  json_object_object_add (root, "yarns", yarns);
  json_object_object_add (root, "catches", json_object_new_int (pattern->catches->len));
  json_object_object_add (root, "duplicate_stitches",
                          json_object_new_int (pattern->duplicate_stitches->len));
  if (pattern->has_progress)
    {
      json_object *progress = json_object_new_object ();

      json_object_object_add (progress, "row", json_object_new_int (pattern->progress_row + 1));
      json_object_object_add (progress, "needle", json_object_new_int (pattern->progress_needle + 1));
      json_object_object_add (root, "progress", progress);
    }
  return root;
}

int
cli_cmd_info (int    argc,
              char **argv)
{
  g_autoptr(StPattern) pattern = NULL;
  guint64 counts[ST_MAX_YARNS];
  gboolean as_json = FALSE;
  int exit_code = CLI_EXIT_OK;
  guint64 total;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("info"), entries,
                          _("Shows the machine, size, gauge and yarns of a pattern."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("info", "%s", argc < 2 ? _("a pattern FILE is required") : _("give one pattern FILE"));
      return CLI_EXIT_USAGE;
    }
  pattern = cli_load_pattern ("info", argv[1]);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;

  st_pattern_count_stitches (pattern, counts);
  if (as_json)
    {
      json_object *root = info_json (pattern, counts);

      printf ("%s\n", json_object_to_json_string_ext (root, JSON_C_TO_STRING_PRETTY |
                                                      JSON_C_TO_STRING_SPACED |
                                                      JSON_C_TO_STRING_NOSLASHESCAPE));
      json_object_put (root);
      return CLI_EXIT_OK;
    }

  total = (guint64) st_pattern_needles (pattern) * st_pattern_rows (pattern);
  /* Translators: the labels of "stranded-cli info" are padded with spaces
   * so that the values after them line up; keep them lined up. */
  printf (_("Pattern:   %s\n"), pattern->name);
  printf (_("Machine:   %s (%s)\n"), pattern->profile->name, pattern->profile_id);
  printf (ngettext ("Needles:   %u stitch per round\n", "Needles:   %u stitches per round\n",
                    st_pattern_needles (pattern)),
          st_pattern_needles (pattern));
  printf (_("Rounds:    %u\n"), st_pattern_rows (pattern));
  printf (_("Gauge:     %.1f stitches and %.1f rows per 10 cm (stitch %.1f x %.1f mm)\n"),
          pattern->stitches_per_10cm, pattern->rows_per_10cm,
          st_pattern_stitch_width_mm (pattern), st_pattern_row_height_mm (pattern));
  printf (_("Size:      %.1f cm round, %.1f cm long\n"),
          st_pattern_needles (pattern) * st_pattern_stitch_width_mm (pattern) / 10,
          st_pattern_rows (pattern) * st_pattern_row_height_mm (pattern) / 10);
  printf (_("Yarns:     %u\n"), pattern->n_yarns);
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      const StYarn *y = &pattern->yarns[i];
      g_autofree char *color = st_color_to_string (y->color);
      g_autoptr(GString) details = g_string_new (NULL);

      /* Translators: a yarn's weight in "stranded-cli info": its number
       * and its name, such as "weight 4 (Worsted)". */
      g_string_append_printf (details, _("weight %d (%s)"), y->weight, st_yarn_weight_name (y->weight));
      if (y->fibre)
        g_string_append_printf (details, ", %s", y->fibre);
      if (y->sticky)
        /* Translators: said of a yarn that grips floats (non-superwash
         * wool), so longer floats are allowed. */
        g_string_append_printf (details, ", %s", _("sticky"));
      /* Translators: a yarn's line in "stranded-cli info": its key, name,
       * colour, weight and fibre, then its stitches and their share. */
      printf (ngettext ("  %c  %-24s %s  %s  %lu stitch (%.1f%%)\n",
                        "  %c  %-24s %s  %s  %lu stitches (%.1f%%)\n", (unsigned long) counts[i]),
              y->key, y->name, color, details->str, (unsigned long) counts[i], 100.0 * counts[i] / total);
    }
  if (pattern->catches->len > 0)
    printf (_("Catches:   %u\n"), pattern->catches->len);
  if (pattern->duplicate_stitches->len > 0)
    printf (_("Duplicate stitches: %u\n"), pattern->duplicate_stitches->len);
  if (pattern->has_progress)
    printf (_("Progress:  round %u, needle %u\n"), pattern->progress_row + 1,
            pattern->progress_needle + 1);
  return CLI_EXIT_OK;
}

int
cli_cmd_machines (int    argc,
                  char **argv)
{
  GPtrArray *all = st_profiles_get_all ();
  int exit_code = CLI_EXIT_OK;

  if (!cli_parse_options (cli_find_command ("machines"), NULL,
                          _("Lists the machine profiles a pattern can name."),
                          &argc, &argv, &exit_code))
    return exit_code;

  /* Translators: the column headings of "stranded-cli machines", in capitals
   * (the profile's identifier, needles, kind of machine, yarn feeds, gauge
   * and name); short words keep the columns lined up. */
  printf ("%-15s %-8s %-13s %-6s %-10s %s\n", C_("machines column", "ID"), C_("machines column", "NEEDLES"),
          C_("machines column", "KIND"), C_("machines column", "FEEDS"), C_("machines column", "GAUGE"),
          C_("machines column", "NAME"));
  for (guint i = 0; i < all->len; i++)
    {
      const StProfile *p = g_ptr_array_index (all, i);
      g_autofree char *needles = p->needles ? g_strdup_printf ("%u", p->needles)
                                          /* Translators: in the NEEDLES column: the profile takes
                                           * any number of needles. */
                                          : g_strdup (C_("needles", "any"));
      g_autofree char *gauge = g_strdup_printf ("%.0fx%.0f", p->stitches_per_10cm, p->rows_per_10cm);

      printf ("%-15s %-8s %-13s %-6u %-10s %s\n", p->id, needles,
              st_machine_kind_to_string (p->kind), p->feeds, gauge, p->name);
    }
  printf ("\n%s\n", _("Gauge is stitches x rows per 10 cm, an estimate: measure your own swatch."));
  return CLI_EXIT_OK;
}
