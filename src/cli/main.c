/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded-cli: headless access to everything the app does.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"

/* Parameters and summaries are marked with N_() and translated where they
 * are shown (the summaries here and in each --help, the parameters in the
 * --help usage line). */
static const CliCommand commands[] = {
  { "new", "", N_("create an empty pattern for a machine"), cli_cmd_new },
  /* Translators: FILE and IMAGE name a command's argument in its usage
   * line, "stranded-cli check [OPTION…] FILE". */
  { "info", N_("FILE"), N_("show a pattern's machine, size, gauge and yarns"), cli_cmd_info },
  { "machines", "", N_("list the machine profiles"), cli_cmd_machines },
  { "check", N_("FILE"), N_("check floats, dropped-stitch risks and yarn usage"), cli_cmd_check },
  { "catches", N_("FILE"), N_("add the proposed catches to a pattern's long floats"), cli_cmd_catches },
  { "export", N_("FILE"), N_("export a pattern as PDF, PNG, SVG, stitch map, text or knitout"), cli_cmd_export },
  { "import", N_("IMAGE"), N_("make a pattern from a picture or a stitch map"), cli_cmd_import },
  { "instructions", N_("FILE"), N_("print the written round-by-round instructions"), cli_cmd_instructions },
  { "send", N_("FILE"), N_("knit a pattern on a connected machine (AYAB or circular)"), cli_cmd_send },
  { "ports", "", N_("list the serial ports a machine may be on"), cli_cmd_ports },
  { "jobs", "", N_("list knitting jobs that can be resumed"), cli_cmd_jobs },
};

const CliCommand *
cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_usage (FILE *out)
{
  /* Translators: COMMAND and OPTION stand for what the user types; keep "stranded-cli". */
  fprintf (out, "%s\n\n", _("Usage: stranded-cli COMMAND [OPTION...]"));
  fprintf (out, "%s\n\n", _("Design colorwork for circular knitting machines, from the command line."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run 'stranded-cli COMMAND --help' for a command's options."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 the pattern has problems, 2 bad usage or unreadable input, 3 (send) the job stopped before the end and can be resumed."));
}

int
main (int    argc,
      char **argv)
{
  const CliCommand *command;

  setlocale (LC_ALL, "");
  /* STRANDED_LOCALEDIR lets tests use catalogues that are not installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRANDED_LOCALEDIR") != NULL
                                   ? g_getenv ("STRANDED_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("stranded-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("stranded-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  command = cli_find_command (argv[1]);
  if (command == NULL)
    {
      cli_error (NULL, _("'%s' is not a command"), argv[1]);
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  return command->run (argc - 1, argv + 1);
}
