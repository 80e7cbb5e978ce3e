/* SPDX-License-Identifier: GPL-3.0-or-later
 * test-machine-link.c: job records on disk, and StMachineLink driving a job
 * over a real pseudo-terminal against the emulator's device model (run here
 * on the master side): signals, persistence of every confirmed round,
 * unplug, cancel from inside a signal handler, pause and resume.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-c/json.h>
#include <pty.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "machine-sim.h"
#include "st-job-record.h"
#include "st-machine-link.h"
#include "st-pattern-file.h"

/* ---- records ------------------------------------------------------------ */

START_TEST (test_record_roundtrip)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *jobs = g_build_filename (dir, "state", "jobs", NULL);
  g_autofree char *path = st_job_record_path (jobs, "/home/k/My hat.stranded");
  g_autoptr(StJobRecord) record = st_job_record_new ();
  g_autoptr(StJobRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StJobOptions options;

  /* File name: readable base name plus a hash of the whole path. */
  ck_assert (g_str_has_prefix (path, jobs));
  ck_assert (strstr (path, "/My_hat.stranded-") != NULL);
  ck_assert (g_str_has_suffix (path, ".json"));

  record->pattern_path = g_strdup ("/home/k/My hat.stranded");
  record->pattern_sha256 = g_strdup ("ab12");
  record->pattern_name = g_strdup ("My hat");
  record->port = g_strdup ("/dev/ttyACM0");
  record->protocol = ST_PROTOCOL_AYAB;
  record->mode = ST_KNIT_MODE_CIRCULAR_RIBBER;
  record->start_needle = 70;
  record->start_row = 4;
  record->repeat = 3;
  record->job_id = 4321;
  record->rounds_done = 27;
  record->total_rounds = 56;
  record->state = g_strdup ("disconnected");
  record->message = g_strdup ("The machine was disconnected");
  record->updated = 1800000000;
  ck_assert_msg (st_job_record_save (record, path, &error), "%s", error ? error->message : "");

  /* 1-based where people read it. */
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert (strstr (text, "\"start_needle\": 71") != NULL);
  ck_assert (strstr (text, "\"start_row\": 5") != NULL);
  ck_assert (strstr (text, "\"mode\": \"circular-ribber\"") != NULL);
  ck_assert (strstr (text, "\"updated\": \"2027-01-15T08:00:00Z\"") != NULL);

  loaded = st_job_record_load (path, &error);
  ck_assert_msg (loaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (loaded->pattern_path, "/home/k/My hat.stranded");
  ck_assert_str_eq (loaded->pattern_sha256, "ab12");
  ck_assert_str_eq (loaded->port, "/dev/ttyACM0");
  ck_assert_int_eq (loaded->protocol, ST_PROTOCOL_AYAB);
  ck_assert_int_eq (loaded->mode, ST_KNIT_MODE_CIRCULAR_RIBBER);
  ck_assert_int_eq (loaded->start_needle, 70);
  ck_assert_uint_eq (loaded->start_row, 4);
  ck_assert_uint_eq (loaded->repeat, 3);
  ck_assert_uint_eq (loaded->job_id, 4321);
  ck_assert_uint_eq (loaded->rounds_done, 27);
  ck_assert_uint_eq (loaded->total_rounds, 56);
  ck_assert_str_eq (loaded->state, "disconnected");
  ck_assert_int_eq (loaded->updated, 1800000000);

  st_job_record_to_options (loaded, &options);
  ck_assert_uint_eq (options.first_round, 27);
  ck_assert_int_eq (options.start_needle, 70);
  ck_assert_uint_eq (options.job_id, 4321);
  ck_assert_int_eq (options.mode, ST_KNIT_MODE_CIRCULAR_RIBBER);

  /* Centred placement is saved as no start needle at all. */
  record->start_needle = -1;
  ck_assert (st_job_record_save (record, path, NULL));
  g_clear_pointer (&loaded, st_job_record_free);
  loaded = st_job_record_load (path, NULL);
  ck_assert_int_eq (loaded->start_needle, -1);
}
END_TEST

START_TEST (test_record_errors_and_list)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.json", NULL);
  g_autoptr(StJobRecord) a = st_job_record_new ();
  g_autoptr(StJobRecord) b = st_job_record_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *not_json = g_strconcat (bad, ": not a job record (not JSON)", NULL);

  ck_assert (g_file_set_contents (bad, "{ nope", -1, NULL));
  ck_assert_ptr_null (st_job_record_load (bad, &error));
  ck_assert_str_eq (error->message, not_json);
  g_clear_error (&error);
  ck_assert (g_file_set_contents (newer, "{\"format\":\"stranded-job\",\"version\":2,\"pattern\":\"x\","
                                         "\"protocol\":\"ayab\"}", -1, NULL));
  ck_assert_ptr_null (st_job_record_load (newer, &error));
  ck_assert (g_str_has_suffix (error->message, "written by a newer Stranded (job record version 2)"));
  g_clear_error (&error);
  ck_assert (g_file_set_contents (other, "{\"format\":\"stranded-job\",\"version\":1,\"pattern\":\"x\","
                                         "\"protocol\":\"knitout\"}", -1, NULL));
  ck_assert_ptr_null (st_job_record_load (other, &error));
  ck_assert (g_str_has_suffix (error->message, "unknown protocol \"knitout\""));

  /* Listing skips what does not load; newest first. */
  a->pattern_path = g_strdup ("/a.stranded");
  a->updated = 100;
  b->pattern_path = g_strdup ("/b.stranded");
  b->protocol = ST_PROTOCOL_CIRCULAR;
  b->updated = 200;
  pa = st_job_record_path (dir, a->pattern_path);
  pb = st_job_record_path (dir, b->pattern_path);
  ck_assert (st_job_record_save (a, pa, NULL));
  ck_assert (st_job_record_save (b, pb, NULL));
  list = st_job_record_list (dir);
  ck_assert_uint_eq (list->len, 2);
  ck_assert_str_eq (((StJobRecord *) g_ptr_array_index (list, 0))->pattern_path, "/b.stranded");
  ck_assert_str_eq (((StJobRecord *) g_ptr_array_index (list, 1))->pattern_path, "/a.stranded");
  ck_assert_int_eq (((StJobRecord *) g_ptr_array_index (list, 0))->mode, ST_KNIT_MODE_ROUND);
}
END_TEST

/* ---- the link against a device on the pty master ------------------------ */

typedef struct
{
  int            master;
  char           slave[256];
  EmuDevice     *device;
  StSlipDecoder  decoder;
  guint          watch;
  guint          ticker;
  gboolean       unplug;

  /* what the link said */
  GString       *states;
  guint          progress;
  GArray        *rounds;        /* guint64 per round-done */
  guint          device_infos;
  guint          disconnects;
  gboolean       finished;
  StJobState     final_state;
  char          *final_message;
  gboolean       cancel_at_progress;
  GString       *log;
} Machine;

static void
machine_send (gpointer      user_data,
              const guint8 *payload,
              gsize         length)
{
  Machine *m = user_data;
  g_autoptr(GByteArray) wire = g_byte_array_new ();

  if (m->master < 0)
    return;
  st_slip_encode (wire, payload, length);
  ck_assert_int_eq (write (m->master, wire->data, wire->len), (int) wire->len);
}

static void
machine_event (gpointer user_data,
               EmuEvent event)
{
  if (event == EMU_EVENT_DISCONNECT)
    ((Machine *) user_data)->unplug = TRUE;
}

static const EmuCallbacks machine_callbacks = { machine_send, NULL, machine_event, NULL };

static gboolean
on_master (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  Machine *m = user_data;
  guint8 buffer[1024];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    for (ssize_t i = 0; i < n; i++)
      if (st_slip_decoder_push (&m->decoder, buffer[i]) == ST_SLIP_FRAME)
        emu_device_receive (m->device, m->decoder.frame, m->decoder.length, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (gpointer user_data)
{
  Machine *m = user_data;

  emu_device_tick (m->device, g_get_monotonic_time ());
  if (m->unplug && m->master >= 0)
    {
      g_source_remove (m->watch);
      close (m->master);
      m->master = -1;
    }
  return G_SOURCE_CONTINUE;
}

static void
machine_init (Machine    *m,
              StProtocol  protocol,
              guint       needles,
              guint       disconnect_at)
{
  EmuConfig config;
  struct termios tio;
  int slave;

  memset (m, 0, sizeof *m);
  /* cfmakeraw sets only some fields: start from a zeroed, 115200-baud one. */
  memset (&tio, 0, sizeof tio);
  cfmakeraw (&tio);
  cfsetspeed (&tio, B115200);
  ck_assert_int_eq (openpty (&m->master, &slave, m->slave, &tio, NULL), 0);
  close (slave);
  fcntl (m->master, F_SETFL, fcntl (m->master, F_GETFL) | O_NONBLOCK);
  emu_config_init (&config, protocol);
  config.needles = needles;
  config.pass_time = 10 * 1000;
  config.ready_time = 50 * 1000;
  config.boot_time = 50 * 1000;
  config.disconnect_at = disconnect_at;
  m->device = emu_device_new (&config, &machine_callbacks, m);
  st_slip_decoder_init (&m->decoder, 1024);
  m->watch = g_unix_fd_add (m->master, G_IO_IN, on_master, m);
  m->ticker = g_timeout_add (2, on_tick, m);
  emu_device_connected (m->device, g_get_monotonic_time ());
  m->states = g_string_new (NULL);
  m->rounds = g_array_new (FALSE, FALSE, sizeof (guint64));
  m->log = g_string_new (NULL);
}

static void
machine_clear (Machine *m)
{
  if (m->master >= 0)
    {
      g_source_remove (m->watch);
      close (m->master);
    }
  g_source_remove (m->ticker);
  emu_device_free (m->device);
  st_slip_decoder_clear (&m->decoder);
  g_string_free (m->states, TRUE);
  g_string_free (m->log, TRUE);
  g_array_unref (m->rounds);
  g_free (m->final_message);
}

static void
on_state (StMachineLink *link,
          StJobState     state,
          Machine       *m)
{
  g_string_append_printf (m->states, "%s%s", m->states->len ? "," : "", st_job_state_to_string (state));
}

static void
on_progress (StMachineLink       *link,
             const StJobProgress *p,
             Machine             *m)
{
  m->progress++;
  /* A handler may cancel from inside the engine's own callback. */
  if (m->cancel_at_progress && p->rounds_done >= 3)
    st_machine_link_cancel (link);
}

static void
on_round (StMachineLink *link,
          guint64        rounds,
          Machine       *m)
{
  g_array_append_val (m->rounds, rounds);
}

static void
on_info (StMachineLink      *link,
         const StDeviceInfo *info,
         Machine            *m)
{
  m->device_infos++;
  ck_assert_str_eq (info->name, info->protocol == ST_PROTOCOL_AYAB ? "stranded-emu" : "stranded-emu");
}

static void
on_disconnected (StMachineLink *link,
                 const char    *reason,
                 Machine       *m)
{
  m->disconnects++;
}

static void
on_log (StMachineLink *link,
        int            level,
        const char    *message,
        Machine       *m)
{
  g_string_append_printf (m->log, "%d %s\n", level, message);
}

static void
on_finished (StMachineLink *link,
             StJobState     state,
             const char    *message,
             Machine       *m)
{
  m->finished = TRUE;
  m->final_state = state;
  m->final_message = g_strdup (message);
}

static StMachineLink *
link_new (Machine    *m,
          const char *record_dir)
{
  StMachineLink *link = st_machine_link_new ();

  st_machine_link_set_record_dir (link, record_dir);
  g_signal_connect (link, "state-changed", G_CALLBACK (on_state), m);
  g_signal_connect (link, "progress", G_CALLBACK (on_progress), m);
  g_signal_connect (link, "round-done", G_CALLBACK (on_round), m);
  g_signal_connect (link, "device-info", G_CALLBACK (on_info), m);
  g_signal_connect (link, "disconnected", G_CALLBACK (on_disconnected), m);
  g_signal_connect (link, "log", G_CALLBACK (on_log), m);
  g_signal_connect (link, "finished", G_CALLBACK (on_finished), m);
  return link;
}

static void
run_until_finished (Machine *m)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!m->finished && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (m->finished, "the job did not finish:\n%s", m->log->str);
}

static char *
save_pattern (const StPattern *pattern,
              const char      *dir)
{
  char *path = g_build_filename (dir, "pattern.stranded", NULL);

  ck_assert (st_pattern_save_file (pattern, path, NULL));
  return path;
}

START_TEST (test_link_completes_and_forgets_the_record)
{
  g_autoptr(StPattern) pattern = sim_pattern ("brother-kh9xx", 40, 8, "AB");
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = save_pattern (pattern, dir);
  g_autoptr(StMachineLink) link = NULL;
  g_autoptr(GError) error = NULL;
  StJobOptions options;
  Machine m;

  machine_init (&m, ST_PROTOCOL_AYAB, 200, 0);
  link = link_new (&m, dir);
  st_job_options_init (&options, ST_PROTOCOL_AYAB);
  ck_assert (st_machine_link_start (link, m.slave, 0, pattern, path, &options, &error));
  /* Started from the loop: nothing has happened yet, but a record exists. */
  ck_assert_str_eq (m.states->str, "");
  ck_assert (g_file_test (st_machine_link_get_record_path (link), G_FILE_TEST_EXISTS));
  ck_assert_str_eq (st_machine_link_get_port (link), m.slave);
  run_until_finished (&m);

  ck_assert_int_eq (m.final_state, ST_JOB_STATE_COMPLETED);
  ck_assert_ptr_null (m.final_message);
  ck_assert_str_eq (m.states->str, "connecting,waiting for the carriage,starting,knitting,finishing,completed");
  ck_assert_uint_eq (m.device_infos, 1);
  ck_assert_uint_eq (m.rounds->len, 8);
  for (guint i = 0; i < 8; i++)
    ck_assert_uint_eq (g_array_index (m.rounds, guint64, i), i + 1);
  ck_assert_uint_ge (m.progress, 16);
  ck_assert_uint_eq (m.disconnects, 0);
  ck_assert (!st_machine_link_is_running (link));
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_COMPLETED);
  /* Nothing to resume: the record is gone. */
  ck_assert (!g_file_test (st_machine_link_get_record_path (link), G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (emu_fabric_rows (emu_device_get_fabric (m.device)), 8);
  machine_clear (&m);
}
END_TEST

START_TEST (test_link_unplug_keeps_the_record)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 24, 12, "AB");
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = save_pattern (pattern, dir);
  g_autofree char *hash = st_job_record_hash_file (path);
  g_autoptr(StMachineLink) link = NULL;
  g_autoptr(StJobRecord) record = NULL;
  StJobOptions options;
  Machine m;

  machine_init (&m, ST_PROTOCOL_CIRCULAR, 24, 5);
  link = link_new (&m, dir);
  st_job_options_init (&options, ST_PROTOCOL_CIRCULAR);
  options.job_id = 99;
  ck_assert (st_machine_link_start (link, m.slave, 0, pattern, path, &options, NULL));
  run_until_finished (&m);

  ck_assert_int_eq (m.final_state, ST_JOB_STATE_DISCONNECTED);
  ck_assert_uint_eq (m.disconnects, 1);
  ck_assert (g_str_has_prefix (m.final_message, "The machine was disconnected ("));
  record = st_job_record_load (st_machine_link_get_record_path (link), NULL);
  ck_assert_ptr_nonnull (record);
  /* Every confirmed round reached the disk. */
  ck_assert_uint_eq (record->rounds_done, st_machine_link_get_rounds_done (link));
  ck_assert_uint_ge (record->rounds_done, 4);
  ck_assert_str_eq (record->state, "disconnected");
  ck_assert_str_eq (record->pattern_sha256, hash);
  ck_assert_str_eq (record->port, m.slave);
  ck_assert_uint_eq (record->job_id, 99);
  ck_assert_uint_eq (record->total_rounds, 12);
  ck_assert (g_path_is_absolute (record->pattern_path));
  machine_clear (&m);
}
END_TEST

START_TEST (test_link_cancel_from_a_handler)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 24, 40, "AB");
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = save_pattern (pattern, dir);
  g_autoptr(StMachineLink) link = NULL;
  StJobOptions options;
  Machine m;

  machine_init (&m, ST_PROTOCOL_CIRCULAR, 24, 0);
  m.cancel_at_progress = TRUE;
  link = link_new (&m, dir);
  st_job_options_init (&options, ST_PROTOCOL_CIRCULAR);
  ck_assert (st_machine_link_start (link, m.slave, 0, pattern, path, &options, NULL));
  run_until_finished (&m);
  ck_assert_int_eq (m.final_state, ST_JOB_STATE_CANCELLED);
  ck_assert (g_str_has_prefix (m.final_message, "Cancelled; the machine stopped."));
  ck_assert_uint_eq (emu_device_get_state (m.device), ST_CIRCULAR_STATE_IDLE);
  ck_assert_uint_lt (emu_fabric_rows (emu_device_get_fabric (m.device)), 8);
  ck_assert (g_file_test (st_machine_link_get_record_path (link), G_FILE_TEST_EXISTS));
  machine_clear (&m);
}
END_TEST

START_TEST (test_link_pause_resume)
{
  g_autoptr(StPattern) pattern = sim_pattern ("custom", 24, 30, "AB");
  g_autoptr(StMachineLink) link = NULL;
  StJobOptions options;
  Machine m;
  guint rows;
  gint64 end;

  machine_init (&m, ST_PROTOCOL_CIRCULAR, 24, 0);
  link = link_new (&m, NULL);
  st_job_options_init (&options, ST_PROTOCOL_CIRCULAR);
  ck_assert (st_machine_link_start (link, m.slave, 0, pattern, NULL, &options, NULL));
  ck_assert_ptr_null (st_machine_link_get_record_path (link));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (m.rounds->len < 3 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  st_machine_link_pause (link);
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_PAUSED);
  end = g_get_monotonic_time () + 200 * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  rows = emu_fabric_rows (emu_device_get_fabric (m.device));
  end = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_uint_eq (emu_fabric_rows (emu_device_get_fabric (m.device)), rows);
  ck_assert_uint_eq (emu_device_get_state (m.device), ST_CIRCULAR_STATE_PAUSED);
  st_machine_link_resume (link);
  run_until_finished (&m);
  ck_assert_int_eq (m.final_state, ST_JOB_STATE_COMPLETED);
  ck_assert_uint_eq (emu_fabric_rows (emu_device_get_fabric (m.device)), 30);
  machine_clear (&m);
}
END_TEST

START_TEST (test_link_start_errors)
{
  static const char *const three[] = { "ABC", "CBA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("brother-kh9xx", "ABC", three, 2);
  g_autoptr(StPattern) fine = sim_pattern ("custom", 8, 2, "AB");
  g_autoptr(StMachineLink) link = st_machine_link_new ();
  g_autoptr(GError) error = NULL;
  StJobOptions options;

  st_machine_link_set_record_dir (link, NULL);
  st_job_options_init (&options, ST_PROTOCOL_AYAB);
  ck_assert (!st_machine_link_start (link, "/dev/null", 0, pattern, NULL, &options, &error));
  ck_assert (g_str_has_prefix (error->message, "ayab knits two yarns per row"));
  ck_assert_int_eq (st_machine_link_get_state (link), ST_JOB_STATE_IDLE);
  g_clear_error (&error);
  st_job_options_init (&options, ST_PROTOCOL_CIRCULAR);
  ck_assert (!st_machine_link_start (link, "/nonexistent/ttyACM9", 0, fine, NULL, &options, &error));
  ck_assert_str_eq (error->message, "/nonexistent/ttyACM9: no such port (is the machine plugged in?)");
  ck_assert_ptr_null (st_machine_link_get_progress (link));
}
END_TEST

static Suite *
link_suite (void)
{
  Suite *s = suite_create ("machine-link");
  TCase *tc = tcase_create ("records");

  tcase_add_test (tc, test_record_roundtrip);
  tcase_add_test (tc, test_record_errors_and_list);
  suite_add_tcase (s, tc);

  tc = tcase_create ("link");
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_link_completes_and_forgets_the_record);
  tcase_add_test (tc, test_link_unplug_keeps_the_record);
  tcase_add_test (tc, test_link_cancel_from_a_handler);
  tcase_add_test (tc, test_link_pause_resume);
  tcase_add_test (tc, test_link_start_errors);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (link_suite ());
}
