/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli-send.c: send (knit a pattern on a connected machine), ports (list
 * serial ports) and jobs (the saved jobs that can be resumed).
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli-common.h"
#include "st-ayab.h"
#include "st-error.h"
#include "st-machine-link.h"
#include "st-serial.h"

typedef struct
{
  GMainLoop     *loop;
  StMachineLink *link;
  const char    *pattern_path;
  char          *port;
  gboolean       tty;
  gboolean       verbose;
  gboolean       bar_shown;
  guint          signals;
  gint64         started;
  StJobState     final_state;
  char          *final_message;
  guint64        last_printed;
} SendRun;

/* ---- output -------------------------------------------------------------- */

static guint
terminal_width (void)
{
  struct winsize ws;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  return 80;
}

static void
clear_bar (SendRun *run)
{
  if (run->tty && run->bar_shown)
    {
      fputs ("\r\033[K", stdout);
      fflush (stdout);
      run->bar_shown = FALSE;
    }
}

static void
draw_bar (SendRun             *run,
          const StJobProgress *p)
{
  /* One column spare: writing the last one wraps some terminals. */
  g_autofree char *line = st_job_progress_line (st_machine_link_get_plan (run->link), p,
                                                terminal_width () - 1);

  fprintf (stdout, "\r\033[K%s", line);
  fflush (stdout);
  run->bar_shown = TRUE;
}

static void
on_log (StMachineLink *link,
        int            level,
        const char    *message,
        SendRun       *run)
{
  if (level == ST_JOB_LOG_DEBUG && !run->verbose)
    return;
  /* The final message is printed once, at the end, with the resume hint. */
  if (level != ST_JOB_LOG_WARNING && st_job_state_is_final (st_machine_link_get_state (link)))
    return;
  clear_bar (run);
  /* The messages come translated from the machine link; the debug lines
   * of --verbose are the wire's, for developers. */
  if (level <= ST_JOB_LOG_DEBUG)
    fprintf (stderr, "debug: %s\n", message);   /* untranslated: wire traffic, for developers */
  else if (level == ST_JOB_LOG_INFO)
    fprintf (stderr, "%s\n", message);
  else if (level == ST_JOB_LOG_ACTION)
    fprintf (stderr, ">>> %s\n", message);
  else
    {
      /* Translators: %s is a message from the machine. */
      g_autofree char *line = g_strdup_printf (level == ST_JOB_LOG_WARNING ? _("warning: %s") : _("error: %s"),
                                               message);

      fprintf (stderr, "%s\n", line);
    }
  fflush (stderr);
  if (run->tty && st_machine_link_get_progress (link) != NULL &&
      st_machine_link_get_state (link) == ST_JOB_STATE_KNITTING)
    draw_bar (run, st_machine_link_get_progress (link));
}

static void
on_progress (StMachineLink       *link,
             const StJobProgress *p,
             SendRun             *run)
{
  if (run->tty)
    {
      draw_bar (run, p);
      return;
    }
  /* Plain lines, one per knitted round, for logs and pipes. */
  while (run->last_printed < p->rounds_done)
    {
      run->last_printed++;
      if (p->total_rounds != 0)
        printf (_("round %lu of %lu knitted\n"), (unsigned long) run->last_printed,
                (unsigned long) p->total_rounds);
      else
        printf (_("round %lu knitted\n"), (unsigned long) run->last_printed);
    }
  fflush (stdout);
}

static void
on_device_info (StMachineLink      *link,
                const StDeviceInfo *info,
                SendRun            *run)
{
  if (!run->verbose)
    return;
  clear_bar (run);
  fprintf (stderr, _("machine: %s, firmware %u.%u.%u, protocol version %u\n"),
           info->name[0] ? info->name : st_protocol_to_string (info->protocol),
           info->major, info->minor, info->patch, info->api_version);
}

static void
on_finished (StMachineLink *link,
             StJobState     state,
             const char    *message,
             SendRun       *run)
{
  run->final_state = state;
  run->final_message = g_strdup (message);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  SendRun *run = user_data;

  if (run->signals++ == 0 && st_machine_link_is_running (run->link))
    {
      clear_bar (run);
      fprintf (stderr, "%s\n", _("Cancelling: stopping the machine (interrupt again to quit at once)"));
      st_machine_link_cancel (run->link);
      return G_SOURCE_CONTINUE;
    }
  run->final_state = ST_JOB_STATE_CANCELLED;
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

static char *
format_duration (gint64 us)
{
  gint64 s = us / G_USEC_PER_SEC;

  if (s < 60)
    /* Translators: how long a job took, in seconds; s, min and h are the
     * symbols of seconds, minutes and hours. */
    return g_strdup_printf (_("%.1f s"), us / (double) G_USEC_PER_SEC);
  if (s < 3600)
    /* Translators: how long a job took, in minutes and seconds. */
    return g_strdup_printf (_("%d min %02d s"), (int) (s / 60), (int) (s % 60));
  /* Translators: how long a job took, in hours and minutes. */
  return g_strdup_printf (_("%d h %02d min"), (int) (s / 3600), (int) (s % 3600 / 60));
}

/* ---- send ---------------------------------------------------------------- */

static guint
bed_needles (const StPattern *pattern)
{
  return g_strcmp0 (pattern->profile_id, "brother-kh270") == 0 ? 112 : 200;
}

/* "71" counts from the left (1-based); "L30" and "R12" are Brother numbers. */
static gboolean
parse_start_needle (const char *text,
                    guint       bed,
                    int        *out)
{
  guint64 n;
  char side = g_ascii_toupper (text[0]);

  if ((side == 'L' || side == 'R') && text[1] != '\0')
    {
      if (!g_ascii_string_to_unsigned (text + 1, 10, 1, bed / 2, &n, NULL))
        return FALSE;
      *out = side == 'L' ? (int) (bed / 2 - n) : (int) (bed / 2 + n - 1);
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, bed, &n, NULL))
    return FALSE;
  *out = (int) n - 1;
  return TRUE;
}

static StJobRecord *
find_record (const char *pattern_path)
{
  g_autofree char *dir = st_job_record_default_dir ();
  g_autoptr(GPtrArray) records = NULL;

  if (pattern_path != NULL)
    {
      g_autofree char *path = st_job_record_path (dir, pattern_path);

      return g_file_test (path, G_FILE_TEST_EXISTS) ? st_job_record_load (path, NULL) : NULL;
    }
  records = st_job_record_list (dir);
  if (records->len == 0)
    return NULL;
  return g_ptr_array_steal_index (records, 0);
}

/* A plain send starts over: say so when that replaces a job --resume
 * would have continued, before the new job's record takes its place. */
static void
warn_replaced_job (const char *pattern_path)
{
  g_autoptr(StJobRecord) old = find_record (pattern_path);
  g_autofree char *done = NULL;

  if (old == NULL || old->rounds_done == 0)
    return;
  if (old->total_rounds != 0)
    done = g_strdup_printf (ngettext ("%lu of %lu round knitted", "%lu of %lu rounds knitted",
                                      (unsigned long) old->total_rounds),
                            (unsigned long) old->rounds_done, (unsigned long) old->total_rounds);
  else
    done = g_strdup_printf (ngettext ("%lu round knitted", "%lu rounds knitted", (unsigned long) old->rounds_done),
                            (unsigned long) old->rounds_done);
  /* Translators: the pattern's file, the saved job's state (kept as it
   * is: cancelled, disconnected, failed) and "10 of 60 rounds knitted". */
  fprintf (stderr, _("warning: %s has a saved job (%s, %s); this job starts from the beginning "
                     "and replaces it. --resume would have continued it.\n"),
           pattern_path, old->state ? old->state : "stopped", done);   /* untranslated: a state, as in jobs */
}

static void
print_resume_hint (SendRun *run)
{
  g_autofree char *file = g_shell_quote (run->pattern_path);
  g_autofree char *port = g_shell_quote (run->port);
  guint64 done = st_machine_link_get_rounds_done (run->link);

  const StJobPlan *plan = st_machine_link_get_plan (run->link);

  fprintf (stderr, _("The job is saved. Reconnect the machine and continue from round %lu with:\n"),
           (unsigned long) (done + 1));
  fprintf (stderr, "  stranded-cli send %s --resume --port %s\n", file, port);   /* untranslated: a command */
  /* A row of several passes may be half knitted; ayab cannot say which. */
  if (plan != NULL && plan->passes_per_round > 1 && plan->protocol == ST_PROTOCOL_AYAB)
    fprintf (stderr, _("If some passes of round %lu were knitted, unravel them first.\n"),
             (unsigned long) (done + 1));
}

static void
print_start (SendRun         *run,
             const StPattern *pattern,
             gboolean         resuming)
{
  const StJobPlan *plan = st_machine_link_get_plan (run->link);
  const StJobProgress *p = st_machine_link_get_progress (run->link);
  g_autofree char *total = plan->total_rounds ? g_strdup_printf ("%lu", (unsigned long) plan->total_rounds)
                                              /* Translators: the last round of a job that
                                               * repeats until cancelled: "rounds 1 to endless". */
                                              : g_strdup (_("endless"));
  g_autofree char *stitches = g_strdup_printf (ngettext ("%u stitch", "%u stitches", plan->needles),
                                               plan->needles);
  g_autofree char *rows = g_strdup_printf (ngettext ("%u row", "%u rows", plan->rows), plan->rows);
  g_autofree char *job = NULL;
  g_autofree char *how = NULL;

  if (resuming)
    /* Translators: the pattern's name, "48 stitches", "60 rows" and the port. */
    job = g_strdup_printf (_("Resuming '%s' (%s, %s) to %s"), pattern->name, stitches, rows, run->port);
  else
    /* Translators: the pattern's name, "48 stitches", "60 rows" and the port. */
    job = g_strdup_printf (_("Sending '%s' (%s, %s) to %s"), pattern->name, stitches, rows, run->port);
  if (plan->protocol == ST_PROTOCOL_AYAB)
    /* Translators: the protocol (ayab) and the mode (singlebed,
     * circular-ribber) stay as they are; then where the pattern lies on the
     * bed and the rounds to knit ("to endless" when it repeats). */
    how = g_strdup_printf (_("%s %s, needles %u to %u of %u, rounds %lu to %s"),
                           st_protocol_to_string (plan->protocol), st_knit_mode_to_string (plan->mode),
                           plan->start_needle + 1, plan->start_needle + plan->needles, plan->bed_needles,
                           (unsigned long) (p->rounds_done + 1), total);
  else
    /* Translators: the protocol (circular) stays as it is; then the rounds
     * to knit ("to endless" when it repeats). */
    how = g_strdup_printf (_("%s, rounds %lu to %s"), st_protocol_to_string (plan->protocol),
                           (unsigned long) (p->rounds_done + 1), total);
  /* Translators: "Sending 'Hat' (48 stitches, 60 rows) to /dev/ttyUSB0: circular, rounds 1 to 60". */
  fprintf (stderr, C_("send start", "%s: %s\n"), job, how);
  if (plan->protocol == ST_PROTOCOL_AYAB)
    {
      g_autofree char *main_yarn = st_job_plan_describe_yarns (plan, 1u << plan->main_yarn);
      g_autofree char *contrast = st_job_plan_describe_yarns (plan, 1u << plan->contrast_yarn);

      if (plan->mode == ST_KNIT_MODE_SINGLEBED)
        fprintf (stderr, _("Main yarn %s in feeder A; selected needles knit %s from feeder B.\n"),
                 main_yarn, contrast);
      else
        fprintf (stderr, _("Each row: pass 1 selects %s, pass 3 selects %s; passes 2 and 4 knit "
                           "the ribber.\n"), main_yarn, contrast);
    }
}

int
cli_cmd_send (int    argc,
              char **argv)
{
  g_autofree char *port = NULL;
  g_autofree char *protocol_name = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *start_needle = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(StJobRecord) record = NULL;
  g_autoptr(StMachineLink) link = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *pattern_path = NULL;
  /* G_MININT cannot be typed: it tells an option not given from any value. */
  int start_row = G_MININT, repeat = G_MININT, baud = G_MININT, exit_code = CLI_EXIT_OK;
  gboolean resume = FALSE, verbose = FALSE;
  StJobOptions options;
  SendRun run = { 0 };
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_FILENAME, &port,
      /* Translators: PATH, NAME, MODE and N stand for an option's value in --help. */
      N_("Serial port of the machine (see stranded-cli ports), or a pseudo-terminal"), N_("PATH") },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &protocol_name,
      /* Translators: keep "ayab" and "circular": they are the option's values. */
      N_("ayab or circular (default: the machine profile's)"), N_("NAME") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name,
      /* Translators: keep "singlebed" and "circular-ribber": they are the option's values. */
      N_("ayab: singlebed (default) or circular-ribber"), N_("MODE") },
    { "start-needle", 0, 0, G_OPTION_ARG_STRING, &start_needle,
      /* Translators: L and R are the left and right halves of a Brother bed, as printed on it. */
      N_("ayab: bed needle of the first stitch, from the left (1-200) or as L100-L1, R1-R100 "
         "(default: centred)"), N_("N") },
    { "start-row", 0, 0, G_OPTION_ARG_INT, &start_row, N_("Begin at this row of the pattern (default 1)"), N_("N") },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
      N_("Knit the pattern N times; 0 knits on until cancelled (default 1)"), N_("N") },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume,
      N_("Continue the saved job of FILE (or the latest) after its last knitted round"), NULL },
    { "baud", 0, 0, G_OPTION_ARG_INT, &baud, N_("Line speed (default 115200)"), N_("N") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Show every message exchanged"), NULL },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("send"), entries,
                          _("Knits FILE on a connected machine: an AYAB interface on a Brother\n"
                            "flatbed (--protocol ayab) or a circular machine controller\n"
                            "(--protocol circular). Shows a progress bar on a terminal and one line\n"
                            "per knitted round otherwise. Every knitted round is saved in\n"
                            "$XDG_STATE_HOME/stranded/jobs, so after an unplug, a crash or\n"
                            "Ctrl+C the job continues with --resume.\n\n"
                            "Exit status: 0 the job completed; 1 the pattern cannot be knitted this\n"
                            "way; 2 bad usage, unreadable input or the port cannot be opened;\n"
                            "3 the job stopped before the end (unplugged, machine error, cancelled)\n"
                            "and can be resumed."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 2)
    {
      cli_error ("send", _("unexpected argument '%s'"), argv[2]);
      return CLI_EXIT_USAGE;
    }
  pattern_path = argc > 1 ? argv[1] : NULL;
  if (repeat != G_MININT && repeat < 0)
    {
      cli_error ("send", _("--repeat %d: give a number of times (1 or more), or 0 for endless"), repeat);
      return CLI_EXIT_USAGE;
    }
  if (baud != G_MININT && baud < 1)
    {
      cli_error ("send", _("--baud %d: give a line speed such as 115200 (9600 to 230400)"), baud);
      return CLI_EXIT_USAGE;
    }
  if (baud == G_MININT)
    baud = ST_SERIAL_DEFAULT_BAUD;

  if (resume)
    {
      if (protocol_name != NULL || mode_name != NULL || start_needle != NULL || start_row != G_MININT ||
          repeat != G_MININT)
        {
          cli_error ("send", "%s", _("--resume continues the saved job as it was started; "
                                     "leave out --protocol, --mode, --start-needle, --start-row and --repeat"));
          return CLI_EXIT_USAGE;
        }
      record = find_record (pattern_path);
      if (record == NULL)
        {
          if (pattern_path != NULL)
            cli_error ("send", _("no saved job for %s (see stranded-cli jobs)"), pattern_path);
          else
            cli_error ("send", "%s", _("no saved job to resume (see stranded-cli jobs)"));
          return CLI_EXIT_USAGE;
        }
      if (pattern_path == NULL)
        pattern_path = record->pattern_path;
      if (port == NULL)
        port = g_strdup (record->port);
      st_job_record_to_options (record, &options);
    }
  if (pattern_path == NULL)
    {
      /* Translators: FILE and PATH stand for what the user types in a command line. */
      cli_error ("send", "%s", _("which pattern? (stranded-cli send FILE --port PATH)"));
      return CLI_EXIT_USAGE;
    }
  if (port == NULL)
    {
      cli_error ("send", "%s", _("--port is required (see stranded-cli ports)"));
      return CLI_EXIT_USAGE;
    }
  pattern = cli_load_pattern ("send", pattern_path);
  if (pattern == NULL)
    return CLI_EXIT_USAGE;

  if (resume)
    {
      g_autofree char *hash = st_job_record_hash_file (pattern_path);

      if (record->pattern_sha256 != NULL && g_strcmp0 (hash, record->pattern_sha256) != 0)
        fprintf (stderr, _("warning: %s changed since the job started; the remaining rounds "
                           "follow the file as it is now\n"), pattern_path);
    }
  else
    {
      StProtocol protocol;

      if (protocol_name == NULL && pattern->profile->protocol == NULL)
        {
          cli_error ("send", _("--protocol is required: the %s profile names none (ayab or circular)"),
                     pattern->profile->name);
          return CLI_EXIT_USAGE;
        }
      if (!st_protocol_from_string (protocol_name ? protocol_name : pattern->profile->protocol, &protocol))
        {
          cli_error ("send", _("--protocol must be ayab or circular, not '%s'"), protocol_name);
          return CLI_EXIT_USAGE;
        }
      st_job_options_init (&options, protocol);
      if (mode_name != NULL)
        {
          if (protocol != ST_PROTOCOL_AYAB || !st_knit_mode_from_string (mode_name, &options.mode) ||
              options.mode == ST_KNIT_MODE_ROUND)
            {
              cli_error ("send", "%s", _("--mode is singlebed or circular-ribber, with --protocol ayab"));
              return CLI_EXIT_USAGE;
            }
        }
      if (start_needle != NULL)
        {
          if (protocol != ST_PROTOCOL_AYAB)
            {
              cli_error ("send", "%s", _("--start-needle places a pattern on an AYAB bed; a circular "
                                         "machine knits every needle"));
              return CLI_EXIT_USAGE;
            }
          if (!parse_start_needle (start_needle, bed_needles (pattern), &options.start_needle))
            {
              cli_error ("send", _("--start-needle %s is not a needle of the %u-needle bed "
                                   "(1 to %u from the left, or L%u to L1, R1 to R%u)"), start_needle,
                         bed_needles (pattern), bed_needles (pattern), bed_needles (pattern) / 2,
                         bed_needles (pattern) / 2);
              return CLI_EXIT_USAGE;
            }
        }
      if (start_row != G_MININT)
        {
          if (start_row < 1 || (guint) start_row > st_pattern_rows (pattern))
            {
              cli_error ("send", _("--start-row %d is outside the pattern's rows 1 to %u"), start_row,
                         st_pattern_rows (pattern));
              return CLI_EXIT_USAGE;
            }
          options.start_row = (guint) start_row - 1;
        }
      if (repeat != G_MININT)
        options.repeat = (guint) repeat;
    }

  if (!resume)
    warn_replaced_job (pattern_path);
  loop = g_main_loop_new (NULL, FALSE);
  link = st_machine_link_new ();
  run.loop = loop;
  run.link = link;
  run.pattern_path = pattern_path;
  run.port = g_strdup (port);
  run.tty = isatty (STDOUT_FILENO);
  run.verbose = verbose;
  run.final_state = ST_JOB_STATE_IDLE;
  run.last_printed = options.first_round;
  g_signal_connect (link, "log", G_CALLBACK (on_log), &run);
  g_signal_connect (link, "progress", G_CALLBACK (on_progress), &run);
  g_signal_connect (link, "device-info", G_CALLBACK (on_device_info), &run);
  g_signal_connect (link, "finished", G_CALLBACK (on_finished), &run);

  if (!st_machine_link_start (link, port, (guint) baud, pattern, pattern_path, &options, &error))
    {
      cli_error ("send", "%s", error->message);
      g_free (run.port);
      return error->domain == ST_ERROR && error->code == ST_ERROR_IO ? CLI_EXIT_USAGE
             : error->domain == ST_ERROR && error->code == ST_ERROR_INVALID ? CLI_EXIT_USAGE
             : CLI_EXIT_PROBLEMS;
    }
  print_start (&run, pattern, resume);
  run.started = g_get_monotonic_time ();
  sigint = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  clear_bar (&run);

  if (run.final_state == ST_JOB_STATE_COMPLETED)
    {
      const StJobStats *stats = st_machine_link_get_stats (link);
      g_autofree char *took = format_duration (g_get_monotonic_time () - run.started);

      unsigned long rounds = (unsigned long) st_machine_link_get_rounds_done (link);
      unsigned long messages = (unsigned long) (stats->frames_in + stats->frames_out);
      unsigned long garbled = (unsigned long) (stats->bad_frames + stats->framing_errors);
      unsigned long resent = (unsigned long) stats->lines_resent;
      g_autofree char *done = NULL;
      g_autofree char *exchanged = NULL;
      g_autofree char *repaired = NULL;

      /* Translators: %s is how long it took, such as "2 min 05 s". */
      done = g_strdup_printf (ngettext ("Completed: %lu round knitted in %s", "Completed: %lu rounds knitted in %s",
                                        rounds), rounds, took);
      exchanged = g_strdup_printf (ngettext ("%lu message", "%lu messages", messages), messages);
      /* Translators: the messages that arrived garbled, and the lines of
       * the pattern sent again. */
      repaired = g_strdup_printf (ngettext ("%lu garbled, %lu line re-sent", "%lu garbled, %lu lines re-sent",
                                            resent), garbled, resent);
      /* Translators: "Completed: 60 rounds knitted in 2 min 05 s (1234 messages;
       * 0 garbled, 0 lines re-sent)." */
      printf (C_("send completed", "%s (%s; %s).\n"), done, exchanged, repaired);
      exit_code = CLI_EXIT_OK;
    }
  else if (st_job_state_is_final (st_machine_link_get_state (link)) && !st_machine_link_can_resume (link))
    {
      /* Another dialect, needle count or yarn feeds: resuming would fail the
       * same way, so no hint, and no job record of this attempt is left. */
      cli_error ("send", "%s", run.final_message ? run.final_message
                               : _("the machine cannot knit this pattern this way"));
      if (resume)
        fprintf (stderr, _("The saved job of %s is kept as it was; resume it on a machine it fits.\n"),
                 pattern_path);
      exit_code = CLI_EXIT_PROBLEMS;
    }
  else
    {
      cli_error ("send", "%s", run.final_message ? run.final_message
                               : _("stopped before the machine confirmed it"));
      print_resume_hint (&run);
      exit_code = CLI_EXIT_INCOMPLETE;
    }
  g_free (run.final_message);
  g_free (run.port);
  return exit_code;
}

/* ---- ports --------------------------------------------------------------- */

int
cli_cmd_ports (int    argc,
               char **argv)
{
  g_autofree char *sysfs = NULL;
  g_autofree char *dev = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  int exit_code = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "sysfs-root", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &sysfs, "Scan this sysfs (tests)", "DIR" },
    { "dev-root", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &dev, "Device folder (tests)", "DIR" },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("ports"), entries,
                          _("Lists USB serial ports (ttyUSB, ttyACM) with their USB names and\n"
                            "stable /dev/serial/by-id links. Any other port path, such as an\n"
                            "emulator's pseudo-terminal, works with send --port too."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      cli_error ("ports", _("unexpected argument '%s'"), argv[1]);
      return CLI_EXIT_USAGE;
    }
  ports = st_serial_list_ports (sysfs, dev);
  if (ports->len == 0)
    {
      printf ("%s", _("No USB serial ports found. Plug in the machine; any port path, such as a\n"
                      "stranded-emulator pseudo-terminal, also works with send --port.\n"));
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < ports->len; i++)
    {
      StPortInfo *info = g_ptr_array_index (ports, i);
      g_autofree char *label = st_port_info_describe (info);

      printf ("%s  %s\n", info->path, label);
      if (info->by_id != NULL)
        printf ("    %s\n", info->by_id);
    }
  return CLI_EXIT_OK;
}

/* ---- jobs ---------------------------------------------------------------- */

int
cli_cmd_jobs (int    argc,
              char **argv)
{
  g_autofree char *dir = st_job_record_default_dir ();
  g_autofree char *forget = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int exit_code = CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "forget", 0, 0, G_OPTION_ARG_FILENAME, &forget, N_("Delete the saved job of this pattern"), N_("FILE") },
    { NULL }
  };

  if (!cli_parse_options (cli_find_command ("jobs"), entries,
                          _("Lists the knitting jobs that stopped before the end, with the command\n"
                            "that continues each (saved in $XDG_STATE_HOME/stranded/jobs)."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      cli_error ("jobs", _("unexpected argument '%s'"), argv[1]);
      return CLI_EXIT_USAGE;
    }
  if (forget != NULL)
    {
      g_autofree char *path = st_job_record_path (dir, forget);

      if (g_unlink (path) != 0)
        {
          cli_error ("jobs", _("no saved job for %s"), forget);
          return CLI_EXIT_USAGE;
        }
      printf (_("Forgot the job of %s\n"), forget);
      return CLI_EXIT_OK;
    }
  records = st_job_record_list (dir);
  if (records->len == 0)
    {
      printf ("%s\n", _("No unfinished jobs."));
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < records->len; i++)
    {
      StJobRecord *r = g_ptr_array_index (records, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->updated);
      g_autofree char *when_text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
      g_autofree char *file = g_shell_quote (r->pattern_path);
      /* Translators: stands for the port in a command line to type. */
      g_autofree char *port = r->port ? g_shell_quote (r->port) : g_strdup (_("PORT"));
      g_autofree char *done = r->total_rounds
                              ? g_strdup_printf (ngettext ("%lu of %lu round knitted", "%lu of %lu rounds knitted",
                                                           (unsigned long) r->total_rounds),
                                                 (unsigned long) r->rounds_done, (unsigned long) r->total_rounds)
                              : g_strdup_printf (ngettext ("%lu round knitted, repeating until cancelled",
                                                           "%lu rounds knitted, repeating until cancelled",
                                                           (unsigned long) r->rounds_done),
                                                 (unsigned long) r->rounds_done);

      /* Translators: a saved job in "stranded-cli jobs": the pattern's file,
       * then the protocol and mode (kept as they are) on the port, the rounds
       * knitted, the job's state (kept as it is) and when it was saved. */
      printf (_("%s\n    %s %s on %s: %s, %s (%s)\n"), r->pattern_path, st_protocol_to_string (r->protocol),
              st_knit_mode_to_string (r->mode), r->port ? r->port : "?", done,
              r->state ? r->state : "stopped", when_text);
      printf ("    stranded-cli send %s --resume --port %s\n", file, port);
    }
  return CLI_EXIT_OK;
}
