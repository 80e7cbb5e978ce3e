/* SPDX-License-Identifier: GPL-3.0-or-later
 * test-machine-integration.c: stranded-cli send against stranded-emulator
 * over a real pseudo-terminal, both dialects, both AYAB modes, with faults:
 * corruption, drops, slow replies, unplug and --resume, restarts, Ctrl+C.
 * Each case compares the fabric the emulator knitted with the design: no
 * round lost, none repeated. Every wait is bounded. One meson test per case
 * (CK_RUN_CASE) so they run in parallel.
 */
#include <check.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-c/json.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "machine-sim.h"
#include "st-job-record.h"
#include "st-pattern-file.h"

#define WAIT_LIMIT_S 40

typedef struct
{
  char        *dir;
  char        *state_home;
  char        *pattern_path;
  char        *port;           /* the emulator's --link */
  char        *fabric_path;
  GSubprocess *emulator;
} Bench;

static const char *
program (const char *variable)
{
  const char *path = g_getenv (variable);

  ck_assert_msg (path != NULL, "%s is not set", variable);
  return path;
}

static GSubprocessLauncher *
launcher (Bench *b)
{
  GSubprocessLauncher *l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (l, "XDG_STATE_HOME", b->state_home, TRUE);
  g_subprocess_launcher_setenv (l, "LC_ALL", "C.UTF-8", TRUE);
  return l;
}

static void
bench_init (Bench           *b,
            const StPattern *pattern)
{
  g_autofree char *data = NULL;
  gsize length;

  memset (b, 0, sizeof *b);
  b->dir = st_test_tmpdir ();
  b->state_home = g_build_filename (b->dir, "state", NULL);
  b->pattern_path = g_build_filename (b->dir, "pattern.stranded", NULL);
  b->port = g_build_filename (b->dir, "machine", NULL);
  b->fabric_path = g_build_filename (b->dir, "fabric.txt", NULL);
  data = st_pattern_to_data (pattern, &length);
  ck_assert (g_file_set_contents (b->pattern_path, data, (gssize) length, NULL));
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Starts the emulator with @args and waits (at most 5 s) for its port. */
static void
start_emulator (Bench              *b,
                const char *const  *args)
{
  g_autoptr(GSubprocessLauncher) l = launcher (b);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_ptr_array_add (argv, (gpointer) program ("STRANDED_EMULATOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--link");
  g_ptr_array_add (argv, b->port);
  g_ptr_array_add (argv, (gpointer) "--output-txt");
  g_ptr_array_add (argv, b->fabric_path);
  g_ptr_array_add (argv, (gpointer) "--timeout");
  g_ptr_array_add (argv, (gpointer) "60");
  g_ptr_array_add (argv, NULL);
  /* Its output is not read: keep it from filling a pipe. */
  g_subprocess_launcher_set_flags (l, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  b->emulator = g_subprocess_launcher_spawnv (l, (const char *const *) argv->pdata, &error);
  ck_assert_msg (b->emulator != NULL, "emulator: %s", error ? error->message : "?");
  while (!g_file_test (b->port, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (10 * 1000);
  ck_assert_msg (g_file_test (b->port, G_FILE_TEST_EXISTS), "the emulator made no port");
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Communicated;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *c = user_data;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  /* The bytes variant: GLib 2.74's UTF-8 one leaks a buffer. */
  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, &err, NULL);
  c->out = out ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) : NULL;
  c->err = err ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err)) : NULL;
  c->done = TRUE;
}

/* Waits for @process at most WAIT_LIMIT_S, killing it if it hangs. */
static int
finish (GSubprocess  *process,
        char        **out,
        char        **err)
{
  Communicated c = { 0 };
  gboolean late = FALSE;
  guint timer = g_timeout_add_seconds (WAIT_LIMIT_S, on_deadline, &late);

  g_subprocess_communicate_async (process, NULL, NULL, on_communicated, &c);
  while (!c.done && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (timer);
  if (!c.done)
    {
      g_subprocess_force_exit (process);
      while (!c.done)
        g_main_context_iteration (NULL, TRUE);
    }
  ck_assert_msg (!late, "still running after %d s:\n%s\n%s", WAIT_LIMIT_S, c.out, c.err);
  g_subprocess_wait (process, NULL, NULL);
  if (out != NULL)
    *out = g_steal_pointer (&c.out);
  if (err != NULL)
    *err = g_steal_pointer (&c.err);
  g_free (c.out);
  g_free (c.err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* Runs stranded-cli with @args; returns its exit status. */
static int
cli (Bench              *b,
     const char *const  *args,
     char              **out,
     char              **err)
{
  g_autoptr(GSubprocessLauncher) l = launcher (b);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) program ("STRANDED_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (l, (const char *const *) argv->pdata, &error);
  ck_assert_msg (process != NULL, "stranded-cli: %s", error ? error->message : "?");
  return finish (process, out, err);
}

/* Ends the emulator (it exits by itself when the host closed; a signal
 * covers the rest) and returns its fabric without comment lines. */
static char *
stop_emulator (Bench *b)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *rows = g_string_new (NULL);
  int status;

  g_subprocess_send_signal (b->emulator, SIGTERM);
  status = finish (b->emulator, NULL, NULL);
  ck_assert_int_eq (status, 0);
  g_clear_object (&b->emulator);
  ck_assert_msg (g_file_get_contents (b->fabric_path, &text, NULL, NULL), "no fabric written");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      g_string_append_printf (rows, "%s\n", lines[i]);
  return g_string_free (rows, FALSE);
}

static void
bench_clear (Bench *b)
{
  g_autofree char *command = NULL;

  if (b->emulator != NULL)
    {
      g_subprocess_force_exit (b->emulator);
      g_subprocess_wait (b->emulator, NULL, NULL);
      g_clear_object (&b->emulator);
    }
  command = g_strdup_printf ("rm -rf '%s'", b->dir);
  ck_assert_int_eq (system (command), 0);
  g_free (b->dir);
  g_free (b->state_home);
  g_free (b->pattern_path);
  g_free (b->port);
  g_free (b->fabric_path);
}

static char *
expected (const StPattern *pattern,
          StProtocol       protocol,
          guint            start_row,
          guint            repeat)
{
  StJobOptions options;
  g_autoptr(StJobPlan) plan = NULL;

  st_job_options_init (&options, protocol);
  options.start_row = start_row;
  options.repeat = repeat;
  plan = st_job_plan_new (pattern, &options, NULL);
  return sim_expected_fabric (plan, plan->total_rounds);
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;
  return n;
}

/* Sends, expecting success; checks one progress line per round. */
static void
send_ok (Bench              *b,
         const char *const  *extra,
         guint               rounds)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *last = g_strdup_printf ("round %u of %u knitted\n", rounds, rounds);
  int status;

  g_ptr_array_add (args, (gpointer) "send");
  g_ptr_array_add (args, b->pattern_path);
  g_ptr_array_add (args, (gpointer) "--port");
  g_ptr_array_add (args, b->port);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);
  status = cli (b, (const char *const *) args->pdata, &out, &err);
  ck_assert_msg (status == 0, "send exited %d:\n%s\n%s", status, out, err);
  ck_assert_uint_eq (count_lines (out, "round "), rounds);
  ck_assert (strstr (out, last) != NULL);
  ck_assert (strstr (out, "Completed: ") != NULL);
}

static void
assert_no_saved_job (Bench *b)
{
  static const char *const args[] = { "jobs", NULL };
  g_autofree char *out = NULL;

  ck_assert_int_eq (cli (b, args, &out, NULL), 0);
  ck_assert_str_eq (out, "No unfinished jobs.\n");
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* ---- cases -------------------------------------------------------------- */

START_TEST (test_ayab_singlebed)
{
  g_autoptr(StPattern) pattern = sim_pattern ("brother-kh9xx", 60, 16, "AB");
  static const char *const emu[] = { "--protocol", "ayab", "--speed", "10", "--ready-ms", "100", NULL };
  static const char *const send[] = { "--protocol", "ayab", NULL };
  g_autofree char *want = expected (pattern, ST_PROTOCOL_AYAB, 0, 1);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 16);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  assert_no_saved_job (&b);
  bench_clear (&b);
}
END_TEST

START_TEST (test_ayab_ribber_placed_repeated)
{
  g_autoptr(StPattern) pattern = sim_pattern ("brother-kh9xx", 40, 7, "AB");
  static const char *const emu[] = { "--mode", "circular-ribber", "--speed", "8", "--ready-ms", "100", NULL };
  static const char *const send[] = { "--protocol", "ayab", "--mode", "circular-ribber",
                                      "--start-needle", "L30", "--start-row", "3", "--repeat", "2", NULL };
  g_autofree char *want = expected (pattern, ST_PROTOCOL_AYAB, 2, 2);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 12);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}
END_TEST

START_TEST (test_circular_sample_hat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = st_pattern_load_file (TEST_SRCDIR "/../data/samples/sample-hat.stranded", &error);
  static const char *const emu[] = { "--protocol", "circular", "--needles", "48", "--speed", "10", NULL };
  static const char *const send[] = { "--protocol", "circular", NULL };
  g_autofree char *want = NULL;
  g_autofree char *fabric = NULL;
  Bench b;

  ck_assert_msg (pattern != NULL, "%s", error ? error->message : "");
  want = expected (pattern, ST_PROTOCOL_CIRCULAR, 0, 1);
  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, st_pattern_rows (pattern));
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}
END_TEST

START_TEST (test_ayab_corruption)
{
  g_autoptr(StPattern) pattern = sim_pattern ("brother-kh9xx", 60, 24, "AB");
  static const char *const emu[] = { "--speed", "10", "--ready-ms", "100", "--corrupt-rate", "0.004",
                                     "--seed", "5", NULL };
  static const char *const send[] = { "--protocol", "ayab", NULL };
  g_autofree char *want = expected (pattern, ST_PROTOCOL_AYAB, 0, 1);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 24);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}
END_TEST

START_TEST (test_ayab_ribber_drops)
{
  g_autoptr(StPattern) pattern = sim_pattern ("brother-kh9xx", 50, 10, "AB");
  static const char *const emu[] = { "--mode", "circular-ribber", "--speed", "8", "--ready-ms", "100",
                                     "--drop-rate", "0.05", "--seed", "3", NULL };
  static const char *const send[] = { "--protocol", "ayab", "--mode", "circular-ribber", NULL };
  g_autofree char *want = expected (pattern, ST_PROTOCOL_AYAB, 0, 1);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 10);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}
END_TEST

START_TEST (test_circular_faults)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 48, 30, "AB");
  static const char *const emu[] = { "--protocol", "circular", "--needles", "48", "--speed", "10",
                                     "--corrupt-rate", "0.002", "--drop-rate", "0.04", "--slow-ms", "60",
                                     "--seed", "9", NULL };
  static const char *const send[] = { "--protocol", "circular", NULL };
  g_autofree char *want = expected (pattern, ST_PROTOCOL_CIRCULAR, 0, 1);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 30);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}
END_TEST

/* Unplugged at round @at: send exits 3 with a resume hint, jobs lists the
 * job, send --resume knits the rest; the fabric has every round once. */
static void
unplug_and_resume (StProtocol  protocol,
                   const char *mode,
                   guint       rows,
                   guint       at)
{
  g_autoptr(StPattern) pattern = sim_pattern (protocol == ST_PROTOCOL_AYAB ? "brother-kh9xx" : "custom",
                                              40, rows, "AB");
  g_autofree char *at_text = g_strdup_printf ("%u", at);
  g_autoptr(GPtrArray) emu = g_ptr_array_new ();
  g_autofree char *want = expected (pattern, protocol, 0, 1);
  g_autofree char *fabric = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *hint = NULL;
  Bench b;
  int status;

  g_ptr_array_add (emu, (gpointer) "--protocol");
  g_ptr_array_add (emu, (gpointer) st_protocol_to_string (protocol));
  g_ptr_array_add (emu, (gpointer) "--needles");
  g_ptr_array_add (emu, (gpointer) (protocol == ST_PROTOCOL_AYAB ? "200" : "40"));
  if (protocol == ST_PROTOCOL_AYAB)
    {
      g_ptr_array_add (emu, (gpointer) "--mode");
      g_ptr_array_add (emu, (gpointer) mode);
    }
  g_ptr_array_add (emu, (gpointer) "--speed");
  g_ptr_array_add (emu, (gpointer) "10");
  g_ptr_array_add (emu, (gpointer) "--ready-ms");
  g_ptr_array_add (emu, (gpointer) "100");
  g_ptr_array_add (emu, (gpointer) "--disconnect-at-round");
  g_ptr_array_add (emu, at_text);
  g_ptr_array_add (emu, (gpointer) "--reconnect-ms");
  g_ptr_array_add (emu, (gpointer) "200");
  g_ptr_array_add (emu, NULL);
  bench_init (&b, pattern);
  start_emulator (&b, (const char *const *) emu->pdata);
  {
    const char *args[] = { "send", b.pattern_path, "--port", b.port, "--protocol",
                           st_protocol_to_string (protocol), "--mode", mode, NULL };

    if (protocol == ST_PROTOCOL_CIRCULAR)
      args[6] = NULL;
    status = cli (&b, args, &out, &err);
  }
  ck_assert_msg (status == 3, "send exited %d:\n%s\n%s", status, out, err);
  ck_assert (strstr (err, "The machine was disconnected") != NULL);
  hint = g_strdup_printf ("stranded-cli send '%s' --resume --port '%s'", b.pattern_path, b.port);
  ck_assert_msg (strstr (err, hint) != NULL, "no resume hint in:\n%s", err);
  ck_assert_uint_ge (count_lines (out, "round "), at - 1);

  {
    static const char *const args[] = { "jobs", NULL };

    ck_assert_int_eq (cli (&b, args, &jobs, NULL), 0);
    ck_assert (strstr (jobs, b.pattern_path) != NULL);
    ck_assert (strstr (jobs, "disconnected") != NULL);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *args[] = { "send", b.pattern_path, "--resume", "--port", b.port, NULL };
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    /* The emulator plugs its port back in 200 ms after the unplug. */
    while (g_get_monotonic_time () < end)
      {
        g_autofree char *target = g_file_read_link (b.port, NULL);

        if (target != NULL && g_file_test (target, G_FILE_TEST_EXISTS))
          break;
        g_usleep (20 * 1000);
      }
    g_usleep (300 * 1000);
    status = cli (&b, args, &out, &err);
  }
  ck_assert_msg (status == 0, "resume exited %d:\n%s\n%s", status, out, err);
  ck_assert (strstr (err, "Resuming") != NULL);
  {
    g_autofree char *last = g_strdup_printf ("round %u of %u knitted\n", rows, rows);

    ck_assert (strstr (out, last) != NULL);
  }
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  assert_no_saved_job (&b);
  bench_clear (&b);
}

START_TEST (test_ayab_unplug_resume)
{
  unplug_and_resume (ST_PROTOCOL_AYAB, "singlebed", 14, 6);
}
END_TEST

START_TEST (test_ayab_ribber_unplug_resume)
{
  unplug_and_resume (ST_PROTOCOL_AYAB, "circular-ribber", 8, 4);
}
END_TEST

START_TEST (test_circular_unplug_resume)
{
  unplug_and_resume (ST_PROTOCOL_CIRCULAR, "round", 20, 9);
}
END_TEST

/* The rounds the saved job record says were knitted, or -1 without one. */
static gint64
saved_rounds_done (Bench *b)
{
  g_autofree char *dir = g_build_filename (b->state_home, "stranded", "jobs", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 done = -1;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      json_object *root, *value;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      root = json_object_from_file (path);
      if (root != NULL && json_object_object_get_ex (root, "rounds_done", &value))
        done = MAX (done, json_object_get_int64 (value));
      json_object_put (root);
    }
  return done;
}

/* The host crashes (SIGKILL, no cleanup) once the record holds @at knitted
 * rounds; send --resume on the same machine knits the rest. */
static void
crash_and_resume (StProtocol protocol,
                  guint      rows,
                  guint      at)
{
  g_autoptr(StPattern) pattern = sim_pattern (protocol == ST_PROTOCOL_AYAB ? "brother-kh9xx" : "custom",
                                              40, rows, "AB");
  const char *emu[] = { "--protocol", st_protocol_to_string (protocol), "--needles",
                        protocol == ST_PROTOCOL_AYAB ? "200" : "40", "--speed", "60",
                        "--ready-ms", "100", "--keep-running", NULL };
  g_autofree char *want = expected (pattern, protocol, 0, 1);
  g_autofree char *fabric = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) host = NULL;
  g_autoptr(GSubprocessLauncher) l = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;
  Bench b;
  int status;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  l = launcher (&b);
  g_subprocess_launcher_set_flags (l, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  host = g_subprocess_launcher_spawn (l, &error, program ("STRANDED_CLI"), "send", b.pattern_path,
                                      "--port", b.port, "--protocol", st_protocol_to_string (protocol),
                                      NULL);
  ck_assert_msg (host != NULL, "stranded-cli: %s", error ? error->message : "?");

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (saved_rounds_done (&b) < (gint64) at && g_get_monotonic_time () < end)
    g_usleep (5 * 1000);
  ck_assert_msg (saved_rounds_done (&b) >= (gint64) at, "the job never reached round %u", at);
  g_subprocess_force_exit (host);
  ck_assert (g_subprocess_wait (host, NULL, NULL));
  ck_assert (g_subprocess_get_if_signaled (host));
  ck_assert_int_lt (saved_rounds_done (&b), rows);

  {
    const char *args[] = { "send", b.pattern_path, "--resume", "--port", b.port, NULL };

    /* The machine (an Arduino resets when the port opens) settles first. */
    g_usleep (400 * 1000);
    status = cli (&b, args, &out, &err);
  }
  ck_assert_msg (status == 0, "resume exited %d:\n%s\n%s", status, out, err);
  ck_assert (strstr (err, "Resuming") != NULL);
  fabric = stop_emulator (&b);
  if (protocol == ST_PROTOCOL_CIRCULAR)
    {
      /* Every round is confirmed as it is knitted: exact. */
      ck_assert_str_eq (fabric, want);
    }
  else
    {
      /* AYAB confirms a row only when the firmware asks for the next one
       * (JOBS.md), so the row on the needles at the crash may be knitted
       * again: nothing lost, at most that row twice in a row. */
      g_auto(GStrv) got = g_strsplit (fabric, "\n", -1);
      g_auto(GStrv) wanted = g_strsplit (want, "\n", -1);
      guint g = 0, w = 0, repeated = 0;

      while (wanted[w] != NULL && got[g] != NULL)
        {
          if (g_str_equal (got[g], wanted[w]))
            {
              g++;
              w++;
            }
          else
            {
              ck_assert_msg (g > 0 && g_str_equal (got[g], got[g - 1]) && repeated == 0,
                             "fabric row %u is neither the design's row %u nor a repeat", g + 1, w + 1);
              repeated++;
              g++;
            }
        }
      ck_assert_msg (wanted[w] == NULL && got[g] == NULL, "rows lost or added:\n%s", fabric);
    }
  assert_no_saved_job (&b);
  bench_clear (&b);
}

START_TEST (test_circular_crash_resume)
{
  crash_and_resume (ST_PROTOCOL_CIRCULAR, 24, 8);
}
END_TEST

START_TEST (test_ayab_crash_resume)
{
  crash_and_resume (ST_PROTOCOL_AYAB, 16, 5);
}
END_TEST

static void
restart (StProtocol  protocol,
         const char *flag)
{
  g_autoptr(StPattern) pattern = sim_pattern (protocol == ST_PROTOCOL_AYAB ? "brother-kh9xx" : "custom",
                                              48, 12, "AB");
  const char *emu[] = { "--protocol", st_protocol_to_string (protocol), "--needles",
                        protocol == ST_PROTOCOL_AYAB ? "200" : "48", "--speed", "10", "--ready-ms", "100",
                        "--reset-at-round", "5", flag, NULL };
  const char *send[] = { "--protocol", st_protocol_to_string (protocol), NULL };
  g_autofree char *want = expected (pattern, protocol, 0, 1);
  g_autofree char *fabric = NULL;
  Bench b;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  send_ok (&b, send, 12);
  fabric = stop_emulator (&b);
  ck_assert_str_eq (fabric, want);
  bench_clear (&b);
}

START_TEST (test_ayab_reset)
{
  restart (ST_PROTOCOL_AYAB, NULL);
}
END_TEST

START_TEST (test_circular_reset)
{
  restart (ST_PROTOCOL_CIRCULAR, "--forgetful");
}
END_TEST

typedef struct
{
  GString *out;
  gboolean eof;
} Reader;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *r = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  if (line == NULL)
    {
      r->eof = TRUE;
      return;
    }
  g_string_append_printf (r->out, "%s\n", line);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT, NULL, on_line, r);
}

/* Ctrl+C: the machine is stopped, the job saved as cancelled, resumable. */
START_TEST (test_interrupt_cancels)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 24, 10, "AB");
  static const char *const emu[] = { "--protocol", "circular", "--needles", "24", "--speed", "20",
                                     "--keep-running", NULL };
  g_autoptr(GSubprocessLauncher) l = NULL;
  g_autoptr(GSubprocess) send = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *fabric = NULL;
  Reader reader = { g_string_new (NULL), FALSE };
  gboolean late = FALSE;
  guint timer;
  Bench b;
  int status;

  bench_init (&b, pattern);
  start_emulator (&b, emu);
  l = launcher (&b);
  g_subprocess_launcher_set_flags (l, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  send = g_subprocess_launcher_spawn (l, NULL, program ("STRANDED_CLI"), "send", b.pattern_path,
                                      "--port", b.port, "--protocol", "circular", "--repeat", "0", NULL);
  ck_assert_ptr_nonnull (send);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (send));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, on_line, &reader);
  timer = g_timeout_add_seconds (WAIT_LIMIT_S, on_deadline, &late);
  while (!late && !reader.eof && strstr (reader.out->str, "round 5 knitted") == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (!late && !reader.eof, "no progress:\n%s", reader.out->str);
  g_subprocess_send_signal (send, SIGINT);
  while (!late && !reader.eof)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  ck_assert (!late);
  g_subprocess_wait (send, NULL, NULL);
  status = g_subprocess_get_exit_status (send);
  ck_assert_int_eq (status, 3);

  {
    static const char *const args[] = { "jobs", NULL };

    ck_assert_int_eq (cli (&b, args, &jobs, NULL), 0);
    ck_assert (strstr (jobs, "cancelled") != NULL);
    ck_assert (strstr (jobs, " rounds knitted, repeating until cancelled, cancelled") != NULL);
  }
  /* Stopped means stopped: at most the round on the needles finishes. */
  g_usleep (300 * 1000);
  fabric = stop_emulator (&b);
  ck_assert_uint_ge (count_lines (reader.out->str, "round "), 5);
  ck_assert_uint_ge (count_lines (fabric, ""), count_lines (reader.out->str, "round "));
  ck_assert_uint_le (count_lines (fabric, ""), count_lines (reader.out->str, "round ") + 1);
  g_string_free (reader.out, TRUE);
  bench_clear (&b);
}
END_TEST

START_TEST (test_wrong_dialect_and_usage)
{
  g_autoptr(StPattern) three = sim_pattern ("brother-kh9xx", 30, 4, "ABC");
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 48, 4, "AB");
  static const char *const emu[] = { "--protocol", "circular", "--needles", "48", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Bench b;
  int status;

  bench_init (&b, three);
  /* ayab cannot knit three yarns in a row: the pattern's problem, exit 1. */
  {
    const char *args[] = { "send", b.pattern_path, "--port", "/dev/null", NULL };

    status = cli (&b, args, &out, &err);
    ck_assert_int_eq (status, 1);
    ck_assert (strstr (err, "ayab knits two yarns per row in singlebed mode, and this pattern uses 3 (A, B, C)") != NULL);
  }
  bench_clear (&b);

  bench_init (&b, pattern);
  {
    const char *no_port[] = { "send", b.pattern_path, "--protocol", "circular", NULL };
    const char *missing[] = { "send", b.pattern_path, "--protocol", "circular", "--port", "/nonexistent/ttyUSB7", NULL };
    const char *not_tty[] = { "send", b.pattern_path, "--protocol", "circular", "--port", b.pattern_path, NULL };
    const char *nothing[] = { "send", b.pattern_path, "--resume", NULL };
    const char *no_protocol_mix[] = { "send", b.pattern_path, "--protocol", "circular", "--mode", "singlebed",
                                      "--port", "/dev/null", NULL };

    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (cli (&b, no_port, NULL, &err), 2);
    ck_assert_str_eq (err, "stranded-cli send: --port is required (see stranded-cli ports)\n");
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (cli (&b, missing, NULL, &err), 2);
    ck_assert_str_eq (err, "stranded-cli send: /nonexistent/ttyUSB7: no such port (is the machine plugged in?)\n");
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (cli (&b, not_tty, NULL, &err), 2);
    ck_assert (strstr (err, ": not a serial port") != NULL);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (cli (&b, nothing, NULL, &err), 2);
    ck_assert (strstr (err, "no saved job for") != NULL);
    g_clear_pointer (&err, g_free);
    ck_assert_int_eq (cli (&b, no_protocol_mix, NULL, &err), 2);
    ck_assert (strstr (err, "--mode is singlebed or circular-ribber, with --protocol ayab") != NULL);
  }
  /* Values out of range are refused, not taken as the defaults they used
   * to stand for (--repeat -1 knitted once, --start-row 0 began at row 1). */
  {
    struct { const char *option, *value, *says; } bad[] = {
      { "--repeat", "-1", "stranded-cli send: --repeat -1: give a number of times (1 or more), or 0 for endless\n" },
      { "--start-row", "0", "stranded-cli send: --start-row 0 is outside the pattern's rows 1 to 4\n" },
      { "--start-row", "-3", "stranded-cli send: --start-row -3 is outside the pattern's rows 1 to 4\n" },
      { "--baud", "0", "stranded-cli send: --baud 0: give a line speed such as 115200 (9600 to 230400)\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *args[] = { "send", b.pattern_path, "--protocol", "circular", "--port", "/dev/null",
                               bad[i].option, bad[i].value, NULL };

        g_clear_pointer (&err, g_free);
        ck_assert_int_eq (cli (&b, args, NULL, &err), 2);
        ck_assert_str_eq (err, bad[i].says);
      }
  }

  /* An ayab host on a circular controller: the first answer names the
   * problem, once, and ends the job; it cannot be knitted this way, so exit
   * 1, no resume hint and no saved job. */
  start_emulator (&b, emu);
  {
    const char *args[] = { "send", b.pattern_path, "--protocol", "ayab", "--port", b.port, NULL };
    gint64 started = g_get_monotonic_time ();

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    status = cli (&b, args, &out, &err);
    ck_assert_msg (g_get_monotonic_time () - started < 5 * G_USEC_PER_SEC, "took the handshake timeout:\n%s", err);
  }
  ck_assert_msg (status == 1, "send exited %d:\n%s", status, err);
  ck_assert_uint_eq (count_occurrences (err, "The machine speaks the circular dialect, not ayab: "
                                             "choose the circular protocol"), 1);
  ck_assert (strstr (err, "stranded-cli send: The machine speaks the circular dialect") != NULL);
  ck_assert (strstr (err, "No answer from the machine") == NULL);
  ck_assert (strstr (err, "--resume") == NULL);
  assert_no_saved_job (&b);
  bench_clear (&b);
}
END_TEST

/* Runs the emulator with @args (no --link added) for at most 2 s; returns
 * its exit status and its standard error. */
static int
emulator_once (Bench              *b,
               const char *const  *args,
               char              **err)
{
  g_autoptr(GSubprocessLauncher) l = launcher (b);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) program ("STRANDED_EMULATOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--timeout");
  g_ptr_array_add (argv, (gpointer) "2");
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (l, (const char *const *) argv->pdata, &error);
  ck_assert_msg (process != NULL, "emulator: %s", error ? error->message : "?");
  return finish (process, NULL, err);
}

/* --link never replaces a file (only a stale link), and removes only its
 * own link; values out of range and stray arguments are refused. */
START_TEST (test_emulator_usage)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 8, 2, "AB");
  g_autofree char *data = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *err = NULL;
  Bench b;

  bench_init (&b, pattern);
  {
    const char *args[] = { "--link", b.pattern_path, NULL };
    g_autofree char *before = NULL;

    ck_assert (g_file_get_contents (b.pattern_path, &before, NULL, NULL));
    ck_assert_int_eq (emulator_once (&b, args, &err), 2);
    ck_assert_msg (strstr (err, b.pattern_path) != NULL && strstr (err, "--link") != NULL, "%s", err);
    ck_assert (g_file_get_contents (b.pattern_path, &data, NULL, NULL));
    ck_assert_str_eq (data, before);
    ck_assert (!g_file_test (b.pattern_path, G_FILE_TEST_IS_SYMLINK));
  }
  {
    struct { const char *args[4]; const char *says; } bad[] = {
      { { "--speed", "-1", NULL }, "--speed -1" },
      { { "--speed", "0", NULL }, "--speed 0" },
      { { "--needles", "0", NULL }, "--needles 0: give 1 to 1024" },
      { { "--protocol", "circular", "--needles", "-5" }, "--needles -5" },
      { { "--disconnect-at-round", "0", NULL }, "--disconnect-at-round 0" },
      { { "--disconnect-at-round", "1", NULL }, "--disconnect-at-round 1: give a round of 2 or more" },
      { { "--reset-at-round", "-2", NULL }, "--reset-at-round -2" },
      { { "stray", NULL }, "unexpected argument 'stray'" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *args[5] = { bad[i].args[0], bad[i].args[1], bad[i].args[2], bad[i].args[3], NULL };

        g_clear_pointer (&err, g_free);
        ck_assert_msg (emulator_once (&b, args, &err) == 2, "%s accepted", bad[i].says);
        ck_assert_msg (strstr (err, bad[i].says) != NULL, "no '%s' in: %s", bad[i].says, err);
      }
  }

  /* A stale link of an earlier run is replaced, and removed at exit. */
  ck_assert_int_eq (symlink ("/nonexistent/pts", b.port), 0);
  {
    static const char *const emu[] = { "--protocol", "circular", NULL };
    g_autofree char *target = NULL;

    start_emulator (&b, emu);
    target = g_file_read_link (b.port, NULL);
    ck_assert (target != NULL && !g_str_equal (target, "/nonexistent/pts"));
    g_subprocess_send_signal (b.emulator, SIGTERM);
    ck_assert_int_eq (finish (b.emulator, NULL, NULL), 0);
    g_clear_object (&b.emulator);
    ck_assert (!g_file_test (b.port, G_FILE_TEST_IS_SYMLINK));
  }
  /* A link someone else put there meanwhile stays. */
  {
    static const char *const emu[] = { "--protocol", "circular", NULL };

    start_emulator (&b, emu);
    stale = g_strdup_printf ("%s.other", b.port);
    ck_assert_int_eq (symlink ("/nonexistent/other", stale), 0);
    ck_assert_int_eq (g_rename (stale, b.port), 0);
    g_subprocess_send_signal (b.emulator, SIGTERM);
    ck_assert_int_eq (finish (b.emulator, NULL, NULL), 0);
    g_clear_object (&b.emulator);
    ck_assert (g_file_test (b.port, G_FILE_TEST_IS_SYMLINK));
  }
  bench_clear (&b);
}
END_TEST

/* Runs send with @args; expects exit 1 ("cannot be knitted this way") with
 * @says and no resume hint. */
static void
send_refused (Bench              *b,
              const char *const  *args,
              const char         *says,
              char              **err_out)
{
  g_autofree char *err = NULL;
  int status = cli (b, args, NULL, &err);

  ck_assert_msg (status == 1, "send exited %d:\n%s", status, err);
  ck_assert_msg (strstr (err, says) != NULL, "no '%s' in:\n%s", says, err);
  ck_assert_msg (strstr (err, "Reconnect the machine and continue") == NULL, "resume hint in:\n%s", err);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
}

/* A job the machine can never knit this way (too few yarn feeds, another
 * needle count) ends with exit 1, leaves no job to resume, and leaves a
 * saved job of the same pattern as it was. A plain send that replaces a
 * saved job says so first. */
START_TEST (test_refused_not_resumable)
{
  g_autoptr(StPattern) three = sim_pattern ("custom", 40, 6, "ABC");
  g_autoptr(StPattern) wide = sim_pattern ("custom", 48, 60, "AB");
  static const char *const emu[] = { "--protocol", "circular", "--needles", "40", "--feeds", "2",
                                     "--speed", "5", "--keep-running", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *record_path = NULL;
  g_autofree char *err = NULL;
  Bench b;

  bench_init (&b, three);
  start_emulator (&b, emu);
  {
    const char *args[] = { "send", b.pattern_path, "--protocol", "circular", "--port", b.port, NULL };

    send_refused (&b, args, "stranded-cli send: The pattern uses yarns up to C and the machine has 2 yarn feeds",
                  NULL);
    assert_no_saved_job (&b);
  }

  /* 48 stitches on 40 needles, with a saved job of this pattern. */
  {
    g_autofree char *data = NULL;
    gsize length;
    g_autoptr(StJobRecord) record = st_job_record_new ();

    data = st_pattern_to_data (wide, &length);
    ck_assert (g_file_set_contents (b.pattern_path, data, (gssize) length, NULL));
    dir = g_build_filename (b.state_home, "stranded", "jobs", NULL);
    record_path = st_job_record_path (dir, b.pattern_path);
    record->pattern_path = g_canonicalize_filename (b.pattern_path, NULL);
    record->pattern_name = g_strdup ("wide");
    record->port = g_strdup (b.port);
    record->protocol = ST_PROTOCOL_CIRCULAR;
    record->mode = ST_KNIT_MODE_ROUND;
    record->start_needle = -1;
    record->repeat = 1;
    record->job_id = 77;
    record->rounds_done = 10;
    record->total_rounds = 60;
    record->state = g_strdup ("cancelled");
    record->message = g_strdup ("Cancelled; the machine stopped. Rounds 1 to 10 are knitted.");
    ck_assert (st_job_record_save (record, record_path, NULL));
  }
  {
    const char *args[] = { "send", b.pattern_path, "--resume", "--port", b.port, NULL };

    send_refused (&b, args, "The pattern is 48 stitches round and the machine has 40 needles", &err);
    ck_assert_msg (strstr (err, "is kept as it was") != NULL, "%s", err);
    ck_assert_int_eq (saved_rounds_done (&b), 10);
  }
  g_clear_pointer (&err, g_free);
  {
    const char *args[] = { "send", b.pattern_path, "--protocol", "circular", "--port", b.port, NULL };

    send_refused (&b, args, "The pattern is 48 stitches round and the machine has 40 needles", &err);
    ck_assert_msg (strstr (err, "has a saved job (cancelled, 10 of 60 rounds knitted)") != NULL, "%s", err);
    /* The saved job was not replaced after all. */
    ck_assert_int_eq (saved_rounds_done (&b), 10);
  }
  g_clear_pointer (&err, g_free);
  g_subprocess_force_exit (b.emulator);
  g_subprocess_wait (b.emulator, NULL, NULL);
  g_clear_object (&b.emulator);

  /* On a machine it fits, a plain send warns, then starts over. */
  {
    static const char *const fits[] = { "--protocol", "circular", "--needles", "48", "--speed", "5", NULL };
    const char *args[] = { "send", b.pattern_path, "--protocol", "circular", "--port", b.port, NULL };
    g_autofree char *out = NULL;
    int status;

    g_unlink (b.port);
    start_emulator (&b, fits);
    status = cli (&b, args, &out, &err);
    ck_assert_msg (status == 0, "send exited %d:\n%s", status, err);
    ck_assert_msg (strstr (err, "warning: ") != NULL &&
                   strstr (err, "has a saved job (cancelled, 10 of 60 rounds knitted); this job starts "
                                "from the beginning and replaces it. --resume would have continued it.") != NULL,
                   "%s", err);
    ck_assert (strstr (out, "round 60 of 60 knitted") != NULL);
    g_free (stop_emulator (&b));
    assert_no_saved_job (&b);
  }
  bench_clear (&b);
}
END_TEST

START_TEST (test_ports_fake_tree)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 8, 2, "AB");
  static const char *const args[] = { "ports", "--sysfs-root", TEST_SRCDIR "/machine/data/sysfs",
                                      "--dev-root", TEST_SRCDIR "/machine/data/dev", NULL };
  static const char *const none[] = { "ports", "--sysfs-root", "/nonexistent", "--dev-root", "/nonexistent", NULL };
  g_autofree char *out = NULL;
  g_autofree char *empty = NULL;
  Bench b;

  bench_init (&b, pattern);
  ck_assert_int_eq (cli (&b, args, &out, NULL), 0);
  ck_assert_str_eq (out,
    TEST_SRCDIR "/machine/data/dev/ttyACM0  ttyACM0 (Arduino (www.arduino.cc), USB 2341:0043, cdc_acm)\n"
    "    " TEST_SRCDIR "/machine/data/dev/serial/by-id/usb-Arduino__www.arduino.cc__0043_75833353035350-if00\n"
    TEST_SRCDIR "/machine/data/dev/ttyACM2  ttyACM2 (Arduino (www.arduino.cc), USB 2341:0043, cdc_acm)\n"
    TEST_SRCDIR "/machine/data/dev/ttyACM10  ttyACM10 (USB 1a86:7523)\n"
    TEST_SRCDIR "/machine/data/dev/ttyUSB0  FT232R USB UART (FTDI, USB 0403:6001, ftdi_sio)\n"
    "    " TEST_SRCDIR "/machine/data/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0\n");
  ck_assert_int_eq (cli (&b, none, &empty, NULL), 0);
  ck_assert (g_str_has_prefix (empty, "No USB serial ports found."));
  bench_clear (&b);
}
END_TEST

static Suite *
integration_suite (void)
{
  Suite *s = suite_create ("machine-integration");
  struct { const char *name; const TTest *test; } cases[] = {
    { "ayab_singlebed", test_ayab_singlebed },
    { "ayab_ribber_placed_repeated", test_ayab_ribber_placed_repeated },
    { "circular_sample_hat", test_circular_sample_hat },
    { "ayab_corruption", test_ayab_corruption },
    { "ayab_ribber_drops", test_ayab_ribber_drops },
    { "circular_faults", test_circular_faults },
    { "ayab_unplug_resume", test_ayab_unplug_resume },
    { "ayab_ribber_unplug_resume", test_ayab_ribber_unplug_resume },
    { "circular_unplug_resume", test_circular_unplug_resume },
    { "circular_crash_resume", test_circular_crash_resume },
    { "ayab_crash_resume", test_ayab_crash_resume },
    { "ayab_reset", test_ayab_reset },
    { "circular_reset", test_circular_reset },
    { "interrupt_cancels", test_interrupt_cancels },
    { "wrong_dialect_and_usage", test_wrong_dialect_and_usage },
    { "ports_fake_tree", test_ports_fake_tree },
    { "emulator_usage", test_emulator_usage },
    { "refused_not_resumable", test_refused_not_resumable },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TCase *tc = tcase_create (cases[i].name);

      tcase_set_timeout (tc, 90);
      tcase_add_test (tc, cases[i].test);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return st_test_run (integration_suite ());
}
