/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli-export.c: export, import and instructions.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"
#include "st-error.h"
#include "st-export.h"
#include "st-image-import.h"
#include "st-instructions.h"
#include "st-pattern-file.h"

static void
print_warnings (const char *command,
                GPtrArray  *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    cli_error (command, _("warning: %s"), (const char *) g_ptr_array_index (warnings, i));
}

/* Numeric options are read as text: NULL, which nothing typed can be,
 * means "not given", so a typed 0 is refused like any other value
 * outside the range instead of silently meaning the default. */
static gboolean
int_option (const char *command,
            const char *option,
            const char *text,
            int         min,
            int         max,
            int        *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return TRUE;
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || errno != 0)
    {
      /* Translators: an option such as --colors, what was given, and the
       * numbers it takes. */
      cli_error (command, _("%s '%s' is not a whole number from %d to %d"), option, text, min, max);
      return FALSE;
    }
  if (value < min || value > max)
    {
      /* Translators: an option such as --colors, the number given, and its
       * range. */
      cli_error (command, _("%s %s is outside %d to %d"), option, text, min, max);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
number_option (const char *command,
               const char *option,
               const char *text,
               double      min,
               double      max,
               double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      /* Translators: an option such as --cell-size, what was given, and the
       * numbers it takes. */
      cli_error (command, _("%s '%s' is not a number from %g to %g"), option, text, min, max);
      return FALSE;
    }
  /* Written so that NaN is outside too. */
  if (!(value >= min && value <= max))
    {
      /* Translators: an option such as --cell-size, the number given, and
       * its range. */
      cli_error (command, _("%s %s is outside %g to %g"), option, text, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static int
exit_code_for (const GError *error)
{
  /* The pattern holds what the target cannot carry, or is too big for it
   * (a chart image over the PNG size limit): a problem of the pattern for
   * this target, not of the command line. */
  return g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED) ||
         g_error_matches (error, ST_ERROR, ST_ERROR_LIMIT) ? CLI_EXIT_PROBLEMS : CLI_EXIT_USAGE;
}

int
cli_cmd_export (int    argc,
                char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *machine = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  StExportOptions options;
  StExportFormat format;
  g_autofree char *cell_size = NULL;
  int exit_code = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      /* Translators: keep the format names (pdf, png-stitches, ...) as they are. */
      N_("pdf, png, svg, png-stitches, txt or knitout (default: from the -o extension)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write here; - for standard output (the default for txt and knitout)"), N_("FILE") },
    { "cell-size", 0, 0, G_OPTION_ARG_STRING, &cell_size,
      N_("png: pixels per stitch (default 20); svg: points per stitch (default 14)"), N_("N") },
    /* Translators: keep "a4" and "letter": they are the option's values. */
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("pdf: a4 (default) or letter"), N_("SIZE") },
    { "machine", 'm', 0, G_OPTION_ARG_STRING, &machine,
      N_("knitout: the machine to knit on (default: the pattern's if it has carriers, else kniterate)"), N_("ID") },
    { NULL }
  };
  /* Translators: keep the format names at the start of the lines and the
   * columns lined up. */
  const char *description =
    _("Formats:\n"
      "  pdf           the pattern to print: legend, chart pages, check, written instructions\n"
      "  png, svg      the chart with numbers and legend\n"
      "  png-stitches  one pixel per stitch, round 1 at the bottom (AYAB and other tools)\n"
      "  txt           the written instructions\n"
      "  knitout       a knitout-2 program knitting the pattern as a tube on a v-bed\n\n"
      "Exit status 1 when the target cannot carry the pattern (e.g. more yarns than carriers, or a\n"
      "chart too big for a PNG), 2 for bad usage or unreadable input.\n"
      "Warnings about what a format keeps only partly go to standard error.");

  if (!cli_parse_options (cli_find_command ("export"), entries, description, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("export", "%s", argc < 2 ? _("a pattern FILE is required") : _("give one pattern FILE"));
      return CLI_EXIT_USAGE;
    }
  if (format_name != NULL)
    {
      if (!st_export_format_from_string (format_name, &format))
        {
          cli_error ("export", _("unknown format '%s' (pdf, png, svg, png-stitches, txt, knitout)"), format_name);
          return CLI_EXIT_USAGE;
        }
    }
  else if (output == NULL || g_strcmp0 (output, "-") == 0 || !st_export_format_from_path (output, &format))
    {
      cli_error ("export", "%s", _("give --format (pdf, png, svg, png-stitches, txt, knitout)"));
      return CLI_EXIT_USAGE;
    }

  st_export_options_init (&options, format);
  if (cell_size != NULL)
    {
      if (format != ST_EXPORT_PNG && format != ST_EXPORT_SVG)
        {
          cli_error ("export", "%s", _("--cell-size applies to png and svg only"));
          return CLI_EXIT_USAGE;
        }
      if (!number_option ("export", "--cell-size", cell_size, ST_EXPORT_CELL_MIN, ST_EXPORT_CELL_MAX,
                          &options.cell_size))
        return CLI_EXIT_USAGE;
    }
  if (paper != NULL)
    {
      if (format != ST_EXPORT_PDF)
        {
          cli_error ("export", "%s", _("--paper applies to pdf only"));
          return CLI_EXIT_USAGE;
        }
      if (!st_paper_from_string (paper, &options.paper))
        {
          cli_error ("export", _("unknown paper '%s' (a4 or letter)"), paper);
          return CLI_EXIT_USAGE;
        }
    }
  if (machine != NULL)
    {
      if (format != ST_EXPORT_KNITOUT)
        {
          cli_error ("export", "%s", _("--machine applies to knitout only"));
          return CLI_EXIT_USAGE;
        }
      options.knitout_machine = st_profiles_lookup (machine);
      if (options.knitout_machine == NULL)
        {
          cli_error ("export", _("unknown machine '%s' (see stranded-cli machines)"), machine);
          return CLI_EXIT_USAGE;
        }
    }

  if (output == NULL && format != ST_EXPORT_TXT && format != ST_EXPORT_KNITOUT)
    {
      /* Translators: %s is a format name, such as "pdf". */
      cli_error ("export", _("%s is binary: give -o FILE (or -o - for standard output)"),
                 st_export_format_to_string (format));
      return CLI_EXIT_USAGE;
    }

  pattern = cli_load_pattern ("export", argv[1]);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;
  bytes = st_export_to_bytes (pattern, &options, warnings, &error);
  if (bytes == NULL)
    {
      cli_error ("export", "%s: %s", argv[1], error->message);
      return exit_code_for (error);
    }
  print_warnings ("export", warnings);
  if (!cli_write_output ("export", output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    return CLI_EXIT_USAGE;
  return CLI_EXIT_OK;
}

static gboolean
parse_max_float (const char  *text,
                 int         *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (g_strcmp0 (text, "auto") == 0)
    {
      *out = ST_IMPORT_MAX_FLOAT_AUTO;
      return TRUE;
    }
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value < 1 || value > ST_MAX_NEEDLES)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

int
cli_cmd_import (int    argc,
                char **argv)
{
  g_autofree char *machine = NULL;
  g_autofree char *output = NULL;
  g_autofree char *yarns = NULL;
  g_autofree char *max_float = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *colors_text = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *needles_text = NULL;
  g_autoptr(StPattern) yarns_from = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  StImportOptions options;
  StImportReport report;
  int colors = 0, rows = 0, needles = 0, exit_code = CLI_EXIT_OK;
  double stitches_gauge = 0, rows_gauge = 0;
  gsize length;
  guint64 counts[ST_MAX_YARNS];
  const GOptionEntry entries[] = {
    { "machine", 'm', 0, G_OPTION_ARG_STRING, &machine,
      N_("Machine profile (optional for a stitch map exported by Stranded)"), N_("ID") },
    { "colors", 'c', 0, G_OPTION_ARG_STRING, &colors_text,
      N_("Yarns to reduce a picture to (default: the machine's colours per round, 2 to 6)"), N_("N") },
    /* Translators: R stands for a number of rounds in --help. */
    { "rows", 'r', 0, G_OPTION_ARG_STRING, &rows_text, N_("Rounds (default: keep the picture's proportions)"),
      N_("R") },
    { "needles", 'n', 0, G_OPTION_ARG_STRING, &needles_text,
      N_("Stitches per round (flatbeds, v-beds, custom; default the machine's)"), N_("N") },
    { "yarns", 'y', 0, G_OPTION_ARG_FILENAME, &yarns, N_("Use the yarns of this .stranded file"), N_("FILE") },
    { "max-float", 0, 0, G_OPTION_ARG_STRING, &max_float,
      /* Translators: keep "auto": it is the option's value. */
      N_("Float-aware reduction: no float longer than N stitches in any round ('auto': from the float limit)"),
      N_("N|auto") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Pattern name (default: the picture's file name)"), N_("TEXT") },
    { "stitches-per-10cm", 0, 0, G_OPTION_ARG_DOUBLE, &stitches_gauge, N_("Your swatch's stitches per 10 cm"),
      N_("X") },
    { "rows-per-10cm", 0, 0, G_OPTION_ARG_DOUBLE, &rows_gauge, N_("Your swatch's rows per 10 cm"), N_("X") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the pattern here (default: standard output)"),
      N_("FILE") },
    { NULL }
  };
  const char *description =
    _("Reads PNG, JPEG, GIF or BMP. A stitch map (as wide as the machine has needles, one pixel per\n"
      "stitch, at most --colors or 32 colours) imports exactly, round 1 at the bottom; --rows other\n"
      "than its height makes it a picture. A picture is resampled to the needles and to rounds that\n"
      "keep its proportions at the gauge, then reduced to N yarns (k-means in CIELAB). --yarns maps\n"
      "the colours onto a pattern's yarns. --max-float N reworks the rounds so no yarn floats more\n"
      "than N stitches in the order the machine knits them (on a cylinder over the seam into the next\n"
      "round, on a flatbed up to the row's edge) and a round has no more colours than the machine\n"
      "knits per round.");

  if (!cli_parse_options (cli_find_command ("import"), entries, description, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("import", "%s", argc < 2 ? _("an IMAGE is required") : _("give one IMAGE"));
      return CLI_EXIT_USAGE;
    }
  st_import_options_init (&options);
  if (machine != NULL)
    {
      options.profile = st_profiles_lookup (machine);
      if (options.profile == NULL)
        {
          cli_error ("import", _("unknown machine '%s' (see stranded-cli machines)"), machine);
          return CLI_EXIT_USAGE;
        }
    }
  if (!int_option ("import", "--colors", colors_text, 1, ST_MAX_YARNS, &colors) ||
      !int_option ("import", "--rows", rows_text, 1, ST_MAX_ROWS, &rows) ||
      !int_option ("import", "--needles", needles_text, 1, ST_MAX_NEEDLES, &needles))
    return CLI_EXIT_USAGE;
  if (stitches_gauge < 0 || rows_gauge < 0)
    {
      cli_error ("import", "%s", _("a gauge must be positive"));
      return CLI_EXIT_USAGE;
    }
  if (!parse_max_float (max_float, &options.max_float))
    {
      cli_error ("import", _("--max-float '%s' is not a number of stitches from 1 to %d, or auto"), max_float,
                 ST_MAX_NEEDLES);
      return CLI_EXIT_USAGE;
    }
  if (yarns != NULL)
    {
      yarns_from = cli_load_pattern ("import", yarns);
      if (yarns_from == NULL)
        return CLI_EXIT_USAGE;
      options.yarns_from = yarns_from;
    }
  options.colors = (guint) colors;
  options.rows = (guint) rows;
  options.needles = (guint) needles;
  options.stitches_per_10cm = stitches_gauge;
  options.rows_per_10cm = rows_gauge;
  options.name = name;

  pattern = st_image_import_file (argv[1], &options, &report, warnings, &error);
  if (pattern == NULL)
    {
      if (g_error_matches (error, ST_ERROR, ST_ERROR_PROFILE) && options.profile == NULL)
        cli_error ("import", _("%s (--machine ID; see stranded-cli machines)"), error->message);
      else
        cli_error ("import", "%s", error->message);
      return CLI_EXIT_USAGE;
    }
  print_warnings ("import", warnings);
  data = st_pattern_to_data (pattern, &length);
  if (!cli_write_output ("import", output, data, length))
    return CLI_EXIT_USAGE;

  if (output != NULL && g_strcmp0 (output, "-") != 0)
    {
      st_pattern_count_stitches (pattern, counts);
      if (report.from_metadata)
        printf (_("Imported a Stranded stitch map: the pattern \"%s\" with its yarns and marks\n"), pattern->name);
      else if (report.stitch_map)
        printf ("%s\n", _("Imported a stitch map exactly, one pixel per stitch"));
      else
        /* Translators: the picture's width and height in pixels, then the
         * pattern's stitches per round and rounds. */
        printf (_("Resampled %u x %u pixels to %u stitches x %u rounds\n"), report.source_width,
                report.source_height, st_pattern_needles (pattern), st_pattern_rows (pattern));
      if (report.max_float > 0)
        {
          g_autofree char *limit = g_strdup_printf (ngettext ("%u stitch", "%u stitches", report.max_float),
                                                    report.max_float);

          /* Translators: %s is the float limit, such as "5 stitches". */
          printf (ngettext ("Float limit %s: %u stitch changed\n", "Float limit %s: %u stitches changed\n",
                            report.changed_stitches),
                  limit, report.changed_stitches);
        }
      /* Translators: followed by the list of the yarns, "A Cream #f0e8d0 (500 stitches), ...". */
      printf (ngettext ("%u yarn:", "%u yarns:", pattern->n_yarns), pattern->n_yarns);
      for (guint i = 0; i < pattern->n_yarns; i++)
        {
          g_autofree char *color = st_color_to_string (pattern->yarns[i].color);

          printf ("%s ", i ? "," : "");
          /* Translators: a yarn's key, name and colour, and its stitches. */
          printf (ngettext ("%c %s %s (%lu stitch)", "%c %s %s (%lu stitches)", (unsigned long) counts[i]),
                  pattern->yarns[i].key, pattern->yarns[i].name, color, (unsigned long) counts[i]);
        }
      printf ("\n");
    }
  return CLI_EXIT_OK;
}

int
cli_cmd_instructions (int    argc,
                      char **argv)
{
  g_autoptr(StPattern) pattern = NULL;
  g_autofree char *text = NULL;
  int from_row = 1, exit_code = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "from-row", 'r', 0, G_OPTION_ARG_INT, &from_row, N_("First round to print (default 1)"), N_("N") },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("instructions"), entries,
                          /* Translators: "Round" as the instructions say it in your language. */
                          _("Prints one line per round: 'Round N: ' and the runs of stitches in knitting\n"
                            "order as count and yarn key ('Round 12: 3 A, 2 B, 7 A'), then the round's\n"
                            "colour changes (one-feed machines), catches and duplicate stitches."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("instructions", "%s", argc < 2 ? _("a pattern FILE is required") : _("give one pattern FILE"));
      return CLI_EXIT_USAGE;
    }
  pattern = cli_load_pattern ("instructions", argv[1]);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;
  if (from_row < 1 || (guint) from_row > st_pattern_rows (pattern))
    {
      cli_error ("instructions", _("--from-row %d is outside 1 to %u"), from_row, st_pattern_rows (pattern));
      return CLI_EXIT_USAGE;
    }
  text = st_instructions_rounds_text (pattern, (guint) from_row - 1);
  if (!cli_write_output ("instructions", NULL, text, strlen (text)))
    return CLI_EXIT_USAGE;
  return CLI_EXIT_OK;
}
