/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli-common.h: what every stranded-cli subcommand shares: exit codes,
 * option parsing and loading a pattern with an error that names the file.
 */
#pragma once

#include <glib.h>

#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_PROBLEMS = 1,   /* the pattern has problems (check found errors) */
  CLI_EXIT_USAGE = 2,      /* bad usage or unreadable input */
  CLI_EXIT_INCOMPLETE = 3, /* send: the job stopped before the end; it can be resumed */
} CliExit;

typedef int (*CliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char     *name;
  const char     *parameters;   /* e.g. "FILE" */
  const char     *summary;
  CliCommandFunc  run;
} CliCommand;

/* Parses options for subcommand @command; prints help on --help and exits 0,
 * prints the error and exits 2 (returns FALSE) on bad usage. */
gboolean    cli_parse_options   (const CliCommand  *command,
                                 const GOptionEntry *entries,
                                 const char        *description,
                                 int               *argc,
                                 char            ***argv,
                                 int               *exit_code);
/* Prints "stranded-cli NAME: message" to stderr. */
void        cli_error           (const char        *command,
                                 const char        *format,
                                 ...) G_GNUC_PRINTF (2, 3);
/* Loads FILE or reports why not; NULL means exit with CLI_EXIT_USAGE. */
StPattern  *cli_load_pattern    (const char        *command,
                                 const char        *path);
/* Writes @data to @path atomically, or to stdout when @path is NULL or "-". */
gboolean    cli_write_output    (const char        *command,
                                 const char        *path,
                                 const char        *data,
                                 gsize              length);
const CliCommand *cli_find_command (const char     *name);

/* Subcommands, one file each. */
int cli_cmd_new          (int argc, char **argv);
int cli_cmd_info         (int argc, char **argv);
int cli_cmd_machines     (int argc, char **argv);
int cli_cmd_check        (int argc, char **argv);
int cli_cmd_catches      (int argc, char **argv);
int cli_cmd_export       (int argc, char **argv);
int cli_cmd_import       (int argc, char **argv);
int cli_cmd_instructions (int argc, char **argv);
int cli_cmd_send         (int argc, char **argv);
int cli_cmd_ports        (int argc, char **argv);
int cli_cmd_jobs         (int argc, char **argv);

G_END_DECLS
