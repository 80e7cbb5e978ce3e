/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded-cli: headless access to everything the app does.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"

static const CliCommand commands[] = {
  { "new", "", "create an empty pattern for a machine", cli_cmd_new },
  { "info", "FILE", "show a pattern's machine, size, gauge and yarns", cli_cmd_info },
  { "machines", "", "list the machine profiles", cli_cmd_machines },
  { "check", "FILE", "check floats, dropped-stitch risks and yarn usage", cli_cmd_check },
  { "catches", "FILE", "add the proposed catches to a pattern's long floats", cli_cmd_catches },
  { "export", "FILE", "export a pattern as PDF, PNG, SVG, stitch map, text or knitout", cli_cmd_export },
  { "import", "IMAGE", "make a pattern from a picture or a stitch map", cli_cmd_import },
  { "instructions", "FILE", "print the written round-by-round instructions", cli_cmd_instructions },
  { "send", "FILE", "knit a pattern on a connected machine (AYAB or circular)", cli_cmd_send },
  { "ports", "", "list the serial ports a machine may be on", cli_cmd_ports },
  { "jobs", "", "list knitting jobs that can be resumed", cli_cmd_jobs },
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
  fprintf (out, "Usage: stranded-cli COMMAND [OPTION...]\n\n"
                "Design colorwork for circular knitting machines, from the command line.\n\n"
                "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun 'stranded-cli COMMAND --help' for a command's options.\n"
                "Exit status: 0 success, 1 the pattern has problems, 2 bad usage or unreadable input.\n");
}

int
main (int    argc,
      char **argv)
{
  const CliCommand *command;

  setlocale (LC_ALL, "");
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
      cli_error (NULL, "'%s' is not a command", argv[1]);
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  return command->run (argc - 1, argv + 1);
}
