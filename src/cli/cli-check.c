/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli-check.c: check (floats, dropped-stitch risk, yarn usage) and catches
 * (apply the proposed catches).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"
#include "st-check.h"
#include "st-pattern-file.h"

/* Findings listed per rule in the readable report; --json lists all kept. */
#define REPORT_PER_RULE 20

static json_object *
json_1dp (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.1f", value);
  return json_object_new_double_s (g_ascii_strtod (text, NULL), text);
}

static json_object *
json_yarn_key (const StPattern *pattern,
               int              yarn)
{
  char key[2] = { 0, 0 };

  if (yarn < 0 || (guint) yarn >= pattern->n_yarns)
    return NULL;
  key[0] = pattern->yarns[yarn].key;
  return json_object_new_string (key);
}

static json_object *
json_place (guint row,
            guint needle)
{
  json_object *item = json_object_new_object ();

  json_object_object_add (item, "row", json_object_new_int64 ((gint64) row + 1));
  json_object_object_add (item, "needle", json_object_new_int64 ((gint64) needle + 1));
  return item;
}

static json_object *
check_json (const StPattern     *pattern,
            const StCheckResult *result,
            const GArray        *catches,
            const GArray        *dups)
{
  json_object *root = json_object_new_object ();
  json_object *summary = json_object_new_object ();
  json_object *findings = json_object_new_array ();
  json_object *usage = json_object_new_array ();
  json_object *proposals = json_object_new_array ();
  json_object *dup_proposals = json_object_new_array ();
  g_autoptr(GArray) all = st_check_result_all_findings (result);
  StYarnUsage yarn_usage[ST_MAX_YARNS];
  StCheckSummary s;
  guint n_yarns;

  st_check_result_get_summary (result, &s);
  json_object_object_add (root, "needles", json_object_new_int (st_pattern_needles (pattern)));
  json_object_object_add (root, "rows", json_object_new_int (st_pattern_rows (pattern)));
  json_object_object_add (root, "float_limit_stitches", json_object_new_int (s.float_limit_stitches));
  json_object_object_add (root, "float_limit_mm", json_1dp (s.float_limit_mm));

  json_object_object_add (summary, "errors", json_object_new_int64 (s.errors));
  json_object_object_add (summary, "warnings", json_object_new_int64 (s.warnings));
  json_object_object_add (summary, "infos", json_object_new_int64 (s.infos));
  json_object_object_add (summary, "max_float_stitches", json_object_new_int (s.max_float_stitches));
  json_object_object_add (summary, "findings_omitted", json_object_new_int64 (s.findings_omitted));
  json_object_object_add (root, "summary", summary);

  for (guint i = 0; i < all->len; i++)
    {
      const StCheckFinding *f = &g_array_index (all, StCheckFinding, i);
      json_object *item = json_object_new_object ();
      g_autofree char *message = st_check_result_describe (result, f);

      json_object_object_add (item, "rule", json_object_new_string (st_check_rule_id (f->rule)));
      json_object_object_add (item, "severity",
                              json_object_new_string (st_check_severity_name (f->severity)));
      json_object_object_add (item, "row", json_object_new_int64 ((gint64) f->row + 1));
      json_object_object_add (item, "needle", json_object_new_int64 ((gint64) f->needle + 1));
      json_object_object_add (item, "yarn", json_yarn_key (pattern, f->yarn));
      json_object_object_add (item, "length_stitches", json_object_new_int64 (f->length_stitches));
      json_object_object_add (item, "length_mm", json_1dp (f->length_mm));
      json_object_object_add (item, "count", json_object_new_int64 (f->count));
      json_object_object_add (item, "message", json_object_new_string (message));
      json_object_array_add (findings, item);
    }
  json_object_object_add (root, "findings", findings);

  n_yarns = st_check_result_get_usage (result, yarn_usage);
  for (guint k = 0; k < n_yarns; k++)
    {
      json_object *item = json_object_new_object ();

      json_object_object_add (item, "yarn", json_yarn_key (pattern, k));
      json_object_object_add (item, "stitches", json_object_new_int64 (yarn_usage[k].stitches));
      json_object_object_add (item, "meters", json_1dp (yarn_usage[k].meters));
      json_object_object_add (item, "float_stitches", json_object_new_int64 (yarn_usage[k].float_stitches));
      json_object_object_add (item, "catches", json_object_new_int64 (yarn_usage[k].catches));
      json_object_object_add (item, "duplicate_stitches",
                              json_object_new_int64 (yarn_usage[k].duplicate_stitches));
      json_object_array_add (usage, item);
    }
  json_object_object_add (root, "yarn_usage", usage);
  json_object_object_add (root, "loop_length_mm", json_1dp (st_check_result_loop_length_mm (result)));
  json_object_object_add (root, "waste_allowance",
                          json_object_new_double (st_check_result_waste_allowance (result)));

  for (guint i = 0; i < catches->len; i++)
    {
      const StCatch *c = &g_array_index (catches, StCatch, i);
      json_object *item = json_place (c->row, c->needle);

      json_object_object_add (item, "yarn", json_yarn_key (pattern, c->yarn));
      json_object_array_add (proposals, item);
    }
  json_object_object_add (root, "catch_proposals", proposals);

  for (guint i = 0; i < dups->len; i++)
    {
      const StStitchRef *d = &g_array_index (dups, StStitchRef, i);
      json_object *item = json_place (d->row, d->needle);

      json_object_object_add (item, "yarn",
                              json_yarn_key (pattern, st_chart_get (pattern->chart, d->row, d->needle)));
      json_object_array_add (dup_proposals, item);
    }
  json_object_object_add (root, "duplicate_stitch_proposals", dup_proposals);
  return root;
}

/* Prints @text wrapped at 78 columns: the first line indented by
 * @first_indent, the others by @indent. */
static void
print_wrapped (const char *text,
               guint       indent,
               guint       first_indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint column = first_indent;
  gboolean line_start = TRUE;

  printf ("%*s", (int) first_indent, "");
  for (guint i = 0; words[i]; i++)
    {
      guint len = strlen (words[i]);

      if (len == 0)
        continue;
      if (!line_start && column + 1 + len > 78)
        {
          printf ("\n%*s", (int) indent, "");
          column = indent;
          line_start = TRUE;
        }
      if (!line_start)
        {
          putchar (' ');
          column++;
        }
      fputs (words[i], stdout);
      column += len;
      line_start = FALSE;
    }
  putchar ('\n');
}

static void
print_report (const char          *path,
              const StPattern     *pattern,
              const StCheckOptions *options,
              const StCheckResult *result,
              const GArray        *catches,
              guint                n_unstaggered,
              const GArray        *dups)
{
  static const StCheckSeverity order[] = { ST_SEVERITY_ERROR, ST_SEVERITY_WARNING, ST_SEVERITY_INFO };
  /* Translators: the headings of the findings in "stranded-cli check". */
  static const char *const headings[] = { N_("Errors"), N_("Warnings"), N_("Notes") };
  g_autoptr(GArray) all = st_check_result_all_findings (result);
  StYarnUsage usage[ST_MAX_YARNS];
  StCheckSummary s;
  guint sticky_limit = st_check_float_limit (pattern, options, TRUE);
  guint n_yarns;

  st_check_result_get_summary (result, &s);
  /* Translators: the first line of "stranded-cli check": the file and the
   * pattern's name in quotes. */
  printf (_("%s: \"%s\"\n"), path, pattern->name);
  {
    guint needles = st_pattern_needles (pattern), rows = st_pattern_rows (pattern);
    /* A flatbed knits a flat panel row by row: its messages say rows. */
    gboolean flat = st_check_knits_flat (pattern->profile);
    g_autofree char *stitches = flat ? g_strdup_printf (ngettext ("%u stitch a row", "%u stitches a row",
                                                                  needles), needles)
                                     : g_strdup_printf (ngettext ("%u stitch a round", "%u stitches a round",
                                                                  needles), needles);
    g_autofree char *rounds = flat ? g_strdup_printf (ngettext ("%u row", "%u rows", rows), rows)
                                   : g_strdup_printf (ngettext ("%u round", "%u rounds", rows), rows);

    /* Translators: the machine's name and id, then "48 stitches a round"
     * and "60 rounds" (or "a row" and "rows" on a flatbed), then the gauge. */
    printf (_("%s (%s): %s, %s, %.1f stitches per 10 cm\n"),
            pattern->profile->name, pattern->profile_id, stitches, rounds, pattern->stitches_per_10cm);
  }
  printf (ngettext ("Float limit: %.1f mm, %u stitch (%u for sticky yarns)\n",
                    "Float limit: %.1f mm, %u stitches (%u for sticky yarns)\n", s.float_limit_stitches),
          s.float_limit_mm, s.float_limit_stitches,
          MAX (sticky_limit, s.float_limit_stitches));

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    {
      gboolean heading = FALSE;

      for (guint rule = 0; rule < ST_CHECK_N_RULES; rule++)
        {
          guint64 total = st_check_result_count (result, rule, order[o]);
          guint shown = 0;

          if (total == 0)
            continue;
          if (!heading)
            {
              printf ("\n%s\n", _(headings[o]));
              heading = TRUE;
            }
          printf ("  %s (%" G_GUINT64_FORMAT ")\n", st_check_rule_id (rule), total);
          for (guint i = 0; i < all->len && shown < REPORT_PER_RULE; i++)
            {
              const StCheckFinding *f = &g_array_index (all, StCheckFinding, i);
              g_autofree char *message = NULL;

              if (f->rule != rule || f->severity != order[o])
                continue;
              message = st_check_result_describe (result, f);
              print_wrapped (message, 6, 4);
              shown++;
            }
          if (total > shown)
            printf (ngettext ("    ... and %lu more (--json lists up to %d per round and yarn)\n",
                              "    ... and %lu more (--json lists up to %d per round and yarn)\n",
                              (unsigned long) (total - shown)),
                    (unsigned long) (total - shown), ST_CHECK_STORED_PER_ROUND);
        }
    }

  {
    g_autofree char *errors = g_strdup_printf (ngettext ("%lu error", "%lu errors", (unsigned long) s.errors),
                                               (unsigned long) s.errors);
    g_autofree char *warnings = g_strdup_printf (ngettext ("%lu warning", "%lu warnings",
                                                           (unsigned long) s.warnings),
                                                 (unsigned long) s.warnings);
    g_autofree char *notes = g_strdup_printf (ngettext ("%lu note", "%lu notes", (unsigned long) s.infos),
                                              (unsigned long) s.infos);

    /* Translators: "Summary: 1 error, 2 warnings, 3 notes; longest float 7
     * stitches (limit 5)." The first three %s are the counted errors,
     * warnings and notes. */
    putchar ('\n');
    printf (ngettext ("Summary: %s, %s, %s; longest float %u stitch (limit %u).\n",
                      "Summary: %s, %s, %s; longest float %u stitches (limit %u).\n", s.max_float_stitches),
            errors, warnings, notes, s.max_float_stitches, s.float_limit_stitches);
  }

  n_yarns = st_check_result_get_usage (result, usage);
  putchar ('\n');
  printf (_("Yarn usage (loop length %.1f mm, plus %.0f%% for tails and waste):\n"),
          st_check_result_loop_length_mm (result), 100 * st_check_result_waste_allowance (result));
  for (guint k = 0; k < n_yarns; k++)
    /* Translators: a yarn's key and name, its stitches and the metres of
     * yarn they take. */
    printf (ngettext ("  %c  %-20s %9lu stitch %8.1f m\n", "  %c  %-20s %9lu stitches %8.1f m\n",
                      (unsigned long) usage[k].stitches),
            pattern->yarns[k].key, pattern->yarns[k].name, (unsigned long) usage[k].stitches, usage[k].meters);

  if (catches->len > 0 || dups->len > 0)
    {
      printf ("\n%s\n", _("Proposed fixes:"));
      if (catches->len > 0 && n_unstaggered > 0)
        printf (ngettext ("  %u catch for the long floats (some could not be staggered): "
                          "stranded-cli catches %s\n",
                          "  %u catches for the long floats (some could not be staggered): "
                          "stranded-cli catches %s\n", catches->len),
                catches->len, path);
      else if (catches->len > 0)
        printf (ngettext ("  %u catch for the long floats: stranded-cli catches %s\n",
                          "  %u catches for the long floats: stranded-cli catches %s\n", catches->len),
                catches->len, path);
      if (dups->len > 0)
        printf (ngettext ("  %u isolated stitch to embroider as duplicate stitch: stranded-cli catches "
                          "--duplicate-stitches %s\n",
                          "  %u isolated stitches to embroider as duplicate stitch: stranded-cli catches "
                          "--duplicate-stitches %s\n", dups->len),
                dups->len, path);
    }
}

static gboolean
parse_limit (const char     *command,
             double          value,
             StCheckOptions *options)
{
  if (value == -1)
    return TRUE;
  if (!(value > 0 && value <= 1000))
    {
      cli_error (command, _("--float-limit-mm must be above 0 and at most 1000 mm, not %g"), value);
      return FALSE;
    }
  options->float_limit_mm = value;
  return TRUE;
}

int
cli_cmd_check (int    argc,
               char **argv)
{
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(StCheckResult) result = NULL;
  g_autoptr(GArray) catches = NULL;
  g_autoptr(GArray) dups = NULL;
  g_autofree char *risk_map = NULL;
  gboolean as_json = FALSE;
  double float_limit = -1;
  int exit_code = CLI_EXIT_OK;
  guint n_unstaggered = 0;
  StCheckOptions options;
  StCheckSummary summary;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object"), NULL },
    { "float-limit-mm", 0, 0, G_OPTION_ARG_DOUBLE, &float_limit,
      N_("Longest float to allow, in mm (default: the pattern's, else 25)"), N_("X") },
    { "risk-map", 0, 0, G_OPTION_ARG_FILENAME, &risk_map,
      /* Translators: OUT.png stands for the file name in --help; keep ".png". */
      N_("Write the dropped-stitch risk map to a PNG file; its name must end in .png (round 1 at the bottom)"),
      N_("OUT.png") },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("check"), entries,
                          _("Checks a pattern for long floats, idle yarns, joins, colours per round, "
                            "yarn weight and other dropped-stitch risks, and estimates yarn usage.\n"
                            "Rounds and needles are counted from 1.\n"
                            "Exit status: 0 no errors, 1 the pattern has errors, 2 bad usage or "
                            "unreadable input."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("check", "%s", argc < 2 ? _("a pattern FILE is required") : _("give one pattern FILE"));
      return CLI_EXIT_USAGE;
    }
  st_check_options_init (&options);
  if (!parse_limit ("check", float_limit, &options))
    return CLI_EXIT_USAGE;
  /* The map is always a PNG: a .jpg or .svg name would hold a PNG that
   * other programs misread, so refuse it before any work. */
  if (risk_map != NULL &&
      (strlen (risk_map) < 4 || g_ascii_strcasecmp (risk_map + strlen (risk_map) - 4, ".png") != 0))
    {
      g_autofree char *display = g_filename_display_name (risk_map);

      cli_error ("check", _("--risk-map %s: the risk map is a PNG image; give a file name ending in .png"),
                 display);
      return CLI_EXIT_USAGE;
    }
  pattern = cli_load_pattern ("check", argv[1]);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;

  options.skip_risk = risk_map == NULL;
  result = st_check_run (pattern, &options);
  catches = st_check_propose_catches (pattern, &options, &n_unstaggered);
  dups = st_check_propose_duplicate_stitches (pattern, &options);

  if (risk_map != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = st_check_render_risk_png (result, pattern, 0, &error);
      gsize length;
      const char *data;

      if (png == NULL)
        {
          cli_error ("check", "%s: %s", risk_map, error->message);
          return CLI_EXIT_USAGE;
        }
      data = g_bytes_get_data (png, &length);
      if (!st_file_write_atomic (risk_map, data, length, &error))
        {
          cli_error ("check", "%s", error->message);
          return CLI_EXIT_USAGE;
        }
    }

  if (as_json)
    {
      json_object *root = check_json (pattern, result, catches, dups);

      printf ("%s\n", json_object_to_json_string_ext (root, JSON_C_TO_STRING_PRETTY |
                                                      JSON_C_TO_STRING_SPACED |
                                                      JSON_C_TO_STRING_NOSLASHESCAPE));
      json_object_put (root);
    }
  else
    print_report (argv[1], pattern, &options, result, catches, n_unstaggered, dups);

  if (fflush (stdout) != 0)
    {
      cli_error ("check", "%s", _("cannot write to standard output"));
      return CLI_EXIT_USAGE;
    }
  st_check_result_get_summary (result, &summary);
  return summary.errors > 0 ? CLI_EXIT_PROBLEMS : CLI_EXIT_OK;
}

int
cli_cmd_catches (int    argc,
                 char **argv)
{
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(GArray) catches = NULL;
  g_autoptr(StCheckResult) after = NULL;
  g_autofree char *output = NULL;
  g_autofree char *data = NULL;
  gboolean with_dups = FALSE;
  double float_limit = -1;
  int exit_code = CLI_EXIT_OK;
  guint n_unstaggered = 0, n_dups = 0;
  guint64 remaining;
  gsize length;
  StCheckOptions options;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      /* Translators: OUT stands for the file name in --help. */
      N_("Write the pattern here ('-' for standard output) instead of updating FILE"), N_("OUT") },
    { "float-limit-mm", 0, 0, G_OPTION_ARG_DOUBLE, &float_limit,
      N_("Longest float to allow, in mm (default: the pattern's, else 25)"), N_("X") },
    { "duplicate-stitches", 0, 0, G_OPTION_ARG_NONE, &with_dups,
      N_("First mark isolated stitches as duplicate stitch, then catch what still floats too far"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("catches"), entries,
                          _("Adds the catches 'stranded-cli check' proposes, so no float is longer "
                            "than the limit. Catches go near the middle of each long float, at "
                            "least 2 needles from the previous round's catch of the same yarn.\n"
                            "Without -o, FILE is updated in place (atomically: a crash leaves the "
                            "old or the new file, never half of one)."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      cli_error ("catches", "%s", argc < 2 ? _("a pattern FILE is required") : _("give one pattern FILE"));
      return CLI_EXIT_USAGE;
    }
  st_check_options_init (&options);
  options.skip_risk = TRUE;
  if (!parse_limit ("catches", float_limit, &options))
    return CLI_EXIT_USAGE;
  pattern = cli_load_pattern ("catches", argv[1]);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;

  if (with_dups)
    {
      g_autoptr(GArray) dups = st_check_propose_duplicate_stitches (pattern, &options);

      n_dups = dups->len;
      st_check_apply_duplicate_stitches (pattern, NULL, dups);
    }
  catches = st_check_propose_catches (pattern, &options, &n_unstaggered);
  st_check_apply_catches (pattern, NULL, catches);
  after = st_check_run (pattern, &options);
  remaining = st_check_result_count (after, ST_CHECK_FLOAT_LONG, ST_SEVERITY_WARNING) +
              st_check_result_count (after, ST_CHECK_FLOAT_LONG, ST_SEVERITY_ERROR);

  if (with_dups && n_dups > 0)
    fprintf (stderr, ngettext ("Marked %u isolated stitch as duplicate stitch.\n",
                               "Marked %u isolated stitches as duplicate stitch.\n", n_dups), n_dups);
  if (catches->len == 0)
    fprintf (stderr, "%s\n", _("No float is longer than the limit: no catches to add."));
  else
    {
      g_autofree char *added = NULL;
      g_autofree char *left = g_strdup_printf (ngettext ("%lu long float left.", "%lu long floats left.",
                                                         (unsigned long) remaining),
                                               (unsigned long) remaining);

      if (n_unstaggered > 0)
        /* Translators: the second %u counts the catches that could not be
         * moved away from the previous round's catch. */
        added = g_strdup_printf (ngettext ("Added %u catch (%u not staggered: no room)",
                                           "Added %u catches (%u not staggered: no room)", catches->len),
                                 catches->len, n_unstaggered);
      else
        added = g_strdup_printf (ngettext ("Added %u catch", "Added %u catches", catches->len), catches->len);
      /* Translators: "Added 3 catches; 1 long float left." */
      fprintf (stderr, C_("catches summary", "%s; %s\n"), added, left);
    }

  /* Nothing changed and nowhere else to write: leave the file alone. */
  if (output == NULL && catches->len == 0 && n_dups == 0)
    return CLI_EXIT_OK;
  data = st_pattern_to_data (pattern, &length);
  if (!cli_write_output ("catches", output ? output : argv[1], data, length))
    return CLI_EXIT_USAGE;
  return CLI_EXIT_OK;
}
