/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cli-common.h"

#include <stdio.h>
#include <unistd.h>

#include "st-pattern-file.h"

void
cli_error (const char *command,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    fprintf (stderr, "stranded-cli %s: %s\n", command, message);   /* untranslated: program and command */
  else
    fprintf (stderr, "stranded-cli: %s\n", message);   /* untranslated: the program's name */
}

gboolean
cli_parse_options (const CliCommand   *command,
                   const GOptionEntry *entries,
                   const char         *description,
                   int                *argc,
                   char             ***argv,
                   int                *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  /* The parameter and summary are marked in main.c; "" is no message. */
  g_autofree char *parameter = g_strdup_printf ("%s - %s",
                                                command->parameters[0] != '\0' ? _(command->parameters) : "",
                                                _(command->summary));

  /* The usage line names the subcommand: "stranded-cli check [OPTION…] FILE". */
  {
    g_autofree char *prgname = g_strdup_printf ("stranded-cli %s", command->name);

    g_set_prgname (prgname);
  }
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, NULL);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  /* GOption prints help itself and exits 0; usage errors are ours. */
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      /* Translators: the first %s is GLib's message about the options,
       * the second the command's name. */
      cli_error (command->name, _("%s (see stranded-cli %s --help)"), error->message, command->name);
      *exit_code = CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

StPattern *
cli_load_pattern (const char *command,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  StPattern *pattern;

  pattern = st_pattern_load_file (path, &error);
  if (pattern == NULL)
    cli_error (command, "%s", error->message);
  return pattern;
}

gboolean
cli_write_output (const char *command,
                  const char *path,
                  const char *data,
                  gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          cli_error (command, "%s", _("cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }
  if (!st_file_write_atomic (path, data, length, &error))
    {
      cli_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}
