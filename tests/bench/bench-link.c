/* SPDX-License-Identifier: GPL-3.0-or-later
 * bench-link.c: how fast the host answers a machine's line request over a
 * pseudo-terminal. A device thread plays the machine (blocking I/O on the
 * pty master) and times each request until the whole answering frame is
 * back; StMachineLink runs the job on the main loop, as in the app and CLI.
 * Baselines from the same run: a raw echo of a frame of the same size
 * through the same main loop and pty (the floor), and the 115200-baud wire
 * time of that frame (what a real serial line costs anyway).
 */
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <time.h>

#include "st-ayab.h"
#include "st-bench.h"
#include "st-circular.h"
#include "st-framing.h"
#include "st-machine-link.h"
#include "st-pattern-file.h"

#define REQUESTS 200
#define RUNS     5
/* Between requests: a carriage pass takes a second or more; 5 ms lets the
 * host finish saving the last round, as it always has in real use. */
#define GAP_US   5000

typedef struct
{
  int            master;
  StProtocol     protocol;
  gboolean       echo;           /* baseline: send raw frames, read them back */
  gsize          echo_size;
  guint          requests;
  double        *latency;        /* seconds, one per request */
  gsize          frame_bytes;    /* size on the wire of the answer */
  gint           stop;
  gint           measured;
  GMainContext  *context;        /* woken when the measuring is done */
  guint16        job;            /* circular: the job id START gave */
  guint8         buffer[512];
  gsize          filled;
  gsize          at;
  StSlipDecoder  decoder;
} Device;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
send_frame (Device       *d,
            const guint8 *payload,
            gsize         length)
{
  g_autoptr(GByteArray) wire = g_byte_array_new ();

  st_slip_encode (wire, payload, length);
  g_assert (write (d->master, wire->data, wire->len) == (ssize_t) wire->len);
}

static void
send_ayab (Device        *d,
           StAyabMessage *msg)
{
  guint8 payload[ST_AYAB_MAX_PAYLOAD];

  send_frame (d, payload, st_ayab_encode (msg, payload));
}

static void
send_circular (Device            *d,
               StCircularMessage *msg)
{
  guint8 payload[ST_CIRCULAR_MAX_PAYLOAD];

  send_frame (d, payload, st_circular_encode (msg, payload));
}

/* Reads the next frame (at most 2 s) in chunks, as a UART driver hands
 * them over; counts its wire bytes. */
static gboolean
read_frame (Device  *d,
            gsize   *wire_bytes)
{
  gsize bytes = 0;

  for (;;)
    {
      while (d->at < d->filled)
        {
          guint8 byte = d->buffer[d->at++];

          bytes++;
          if (st_slip_decoder_push (&d->decoder, byte) == ST_SLIP_FRAME)
            {
              if (wire_bytes)
                *wire_bytes = bytes + 1;   /* and the leading END */
              return TRUE;
            }
        }
      {
        struct pollfd pfd = { d->master, POLLIN, 0 };
        ssize_t n;

        if (poll (&pfd, 1, 2000) <= 0)
          return FALSE;
        n = read (d->master, d->buffer, sizeof d->buffer);
        if (n <= 0)
          return FALSE;
        d->filled = (gsize) n;
        d->at = 0;
      }
    }
}

/* The machine's side of the handshake, then timed line requests. */
static gpointer
device_thread (gpointer user_data)
{
  Device *d = user_data;
  guint measured = 0;

  st_slip_decoder_init (&d->decoder, 1024);
  if (d->echo)
    {
      guint8 frame[64];

      memset (frame, 0x42, sizeof frame);
      for (guint i = 0; i < d->requests; i++)
        {
          double t0;
          gsize got = 0;

          g_usleep (GAP_US);
          t0 = now_s ();
          g_assert (write (d->master, frame, d->echo_size) == (ssize_t) d->echo_size);
          while (got < d->echo_size)
            {
              struct pollfd pfd = { d->master, POLLIN, 0 };
              ssize_t n;

              g_assert (poll (&pfd, 1, 2000) > 0);
              n = read (d->master, frame, d->echo_size - got);
              g_assert (n > 0);
              got += (gsize) n;
            }
          d->latency[measured++] = now_s () - t0;
        }
      g_atomic_int_set (&d->measured, 1);
      g_main_context_wakeup (d->context);
      st_slip_decoder_clear (&d->decoder);
      return NULL;
    }

  while (!g_atomic_int_get (&d->stop))
    {
      gsize wire = 0;

      if (!read_frame (d, &wire))
        continue;
      if (d->protocol == ST_PROTOCOL_AYAB)
        {
          StAyabMessage in, out = { 0 };

          if (st_ayab_decode (d->decoder.frame, d->decoder.length, 25, &in) != ST_AYAB_DECODE_OK)
            continue;
          switch (in.id)
            {
            case ST_AYAB_REQ_INFO:
              out.id = ST_AYAB_CNF_INFO;
              out.info.api = 6;
              out.info.major = 1;
              send_ayab (d, &out);
              break;
            case ST_AYAB_REQ_INIT:
              out.id = ST_AYAB_CNF_INIT;
              send_ayab (d, &out);
              out.id = ST_AYAB_IND_STATE;
              out.state.state = ST_AYAB_STATE_READY;
              send_ayab (d, &out);
              break;
            case ST_AYAB_REQ_START:
              out.id = ST_AYAB_CNF_START;
              send_ayab (d, &out);
              /* Timed requests: reqLine n, until cnfLine n is back. */
              while (measured < d->requests)
                {
                  double t0;
                  StAyabMessage line;

                  out.id = ST_AYAB_REQ_LINE;
                  out.req_line.line = (guint8) measured;
                  g_usleep (GAP_US);
                  t0 = now_s ();
                  send_ayab (d, &out);
                  do
                    g_assert (read_frame (d, &wire));
                  while (st_ayab_decode (d->decoder.frame, d->decoder.length, 25, &line) != ST_AYAB_DECODE_OK ||
                         line.id != ST_AYAB_CNF_LINE || line.line.line != (guint8) measured);
                  d->latency[measured++] = now_s () - t0;
                  d->frame_bytes = wire;
                }
              g_atomic_int_set (&d->measured, 1);
      g_main_context_wakeup (d->context);
              break;
            default:
              break;
            }
        }
      else
        {
          StCircularMessage *in = g_new0 (StCircularMessage, 1);
          StCircularMessage out = { 0 };

          if (st_circular_decode (d->decoder.frame, d->decoder.length, in) == ST_CIRCULAR_DECODE_OK)
            switch (in->id)
              {
              case ST_CIRCULAR_REQ_INFO:
                out.id = ST_CIRCULAR_INFO;
                out.info.version = 1;
                out.info.needles = 48;
                out.info.feeds = 2;
                out.info.caps = ST_CIRCULAR_CAP_PAUSE;
                send_circular (d, &out);
                break;
              case ST_CIRCULAR_START:
                d->job = in->start.job;
                out.id = ST_CIRCULAR_CNF;
                out.cnf.request = ST_CIRCULAR_START;
                send_circular (d, &out);
                while (measured < d->requests)
                  {
                    StCircularMessage *line = g_new0 (StCircularMessage, 1);
                    double t0;

                    out.id = ST_CIRCULAR_REQ_LINE;
                    out.round.round = (guint16) measured;
                    g_usleep (GAP_US);
                    t0 = now_s ();
                    send_circular (d, &out);
                    do
                      g_assert (read_frame (d, &wire));
                    while (st_circular_decode (d->decoder.frame, d->decoder.length, line) != ST_CIRCULAR_DECODE_OK ||
                           line->id != ST_CIRCULAR_LINE || line->line.round != (guint16) measured);
                    d->latency[measured++] = now_s () - t0;
                    d->frame_bytes = wire;
                    g_free (line);
                    /* Acknowledge and report the round knitted, as a device does. */
                    out.id = ST_CIRCULAR_ACK;
                    send_circular (d, &out);
                    out.id = ST_CIRCULAR_STATE;
                    out.state.state = ST_CIRCULAR_STATE_KNITTING;
                    out.state.round = (guint16) measured;
                    out.state.job = d->job;
                    send_circular (d, &out);
                  }
                g_atomic_int_set (&d->measured, 1);
      g_main_context_wakeup (d->context);
                break;
              case ST_CIRCULAR_CANCEL:
                out.id = ST_CIRCULAR_CNF;
                out.cnf.request = ST_CIRCULAR_CANCEL;
                send_circular (d, &out);
                break;
              default:
                break;
              }
          g_free (in);
        }
    }
  st_slip_decoder_clear (&d->decoder);
  return NULL;
}

static gboolean
on_echo (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  guint8 buffer[256];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_assert (write (fd, buffer, (size_t) n) == n);
  return G_SOURCE_CONTINUE;
}

static void
on_finished (StMachineLink *link,
             StJobState     state,
             const char    *message,
             gboolean      *done)
{
  *done = TRUE;
}

static void
on_log (StMachineLink *link,
        int            level,
        const char    *message,
        gpointer       data)
{
  fprintf (stderr, "link: %s\n", message);
}

static int
open_pair (int  *master,
           char *slave_path)
{
  struct termios tio;
  int slave;

  /* cfmakeraw sets only some fields: start from a zeroed, 115200-baud one. */
  memset (&tio, 0, sizeof tio);
  cfmakeraw (&tio);
  cfsetspeed (&tio, B115200);
  g_assert (openpty (master, &slave, slave_path, &tio, NULL) == 0);
  return slave;
}

/* One run: @requests latencies in seconds, sorted. */
static void
run_once (StProtocol  protocol,
          gboolean    echo,
          gsize       echo_size,
          double     *latency,
          gsize      *frame_bytes)
{
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(StMachineLink) link = NULL;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  Device d = { 0 };
  char slave_path[256];
  int slave = open_pair (&d.master, slave_path);
  GThread *thread;
  gboolean done = FALSE;
  guint watch = 0;
  g_autofree char *record_dir = g_dir_make_tmp ("bench-link-XXXXXX", NULL);
  g_autofree char *pattern_path = NULL;

  d.protocol = protocol;
  d.context = context;
  d.echo = echo;
  d.echo_size = echo_size;
  d.requests = REQUESTS;
  d.latency = latency;
  if (echo)
    {
      fcntl (slave, F_SETFL, fcntl (slave, F_GETFL) | O_NONBLOCK);
      watch = g_unix_fd_add (slave, G_IO_IN, on_echo, NULL);
    }
  else
    {
      StJobOptions options;
      GString *json = g_string_new ("{\"format\":\"stranded-pattern\",\"version\":1,\"name\":\"bench\","
                                    "\"machine\":{\"profile\":\"");

      g_string_append_printf (json, "%s\",\"needles\":%u},\"gauge\":{\"stitches_per_10cm\":20,"
                              "\"rows_per_10cm\":20},\"yarns\":[{\"key\":\"A\",\"name\":\"a\","
                              "\"color\":\"#ffffff\",\"weight\":3},{\"key\":\"B\",\"name\":\"b\","
                              "\"color\":\"#000000\",\"weight\":3}],\"rows\":[",
                              protocol == ST_PROTOCOL_AYAB ? "brother-kh9xx" : "custom",
                              protocol == ST_PROTOCOL_AYAB ? 60u : 48u);
      for (guint r = 0; r < REQUESTS + 10; r++)
        {
          g_string_append (json, r ? ",\"" : "\"");
          for (guint n = 0; n < (protocol == ST_PROTOCOL_AYAB ? 60u : 48u); n++)
            g_string_append_c (json, (n * 3 + r) % 7 < 3 ? 'B' : 'A');
          g_string_append_c (json, '"');
        }
      g_string_append (json, "]}");
      pattern = st_pattern_load_data (json->str, json->len, "bench", NULL);
      g_string_free (json, TRUE);
      g_assert (pattern != NULL);
      close (slave);
      slave = -1;
      link = st_machine_link_new ();
      /* As the CLI runs it: every confirmed round saved to a job record. */
      st_machine_link_set_record_dir (link, record_dir);
      g_signal_connect (link, "finished", G_CALLBACK (on_finished), &done);
      if (g_getenv ("BENCH_DEBUG"))
        g_signal_connect (link, "log", G_CALLBACK (on_log), NULL);
      st_job_options_init (&options, protocol);
      pattern_path = g_build_filename (record_dir, "bench.stranded", NULL);
      g_assert (st_pattern_save_file (pattern, pattern_path, NULL));
      g_assert (st_machine_link_start (link, slave_path, 0, pattern, pattern_path, &options, NULL));
    }

  thread = g_thread_new ("device", device_thread, &d);
  while (!g_atomic_int_get (&d.measured))
    g_main_context_iteration (context, TRUE);
  if (link != NULL)
    {
      st_machine_link_cancel (link);
      while (!done)
        g_main_context_iteration (context, TRUE);
    }
  g_atomic_int_set (&d.stop, 1);
  g_thread_join (thread);
  if (watch)
    g_source_remove (watch);
  if (slave >= 0)
    close (slave);
  close (d.master);
  if (pattern_path != NULL)
    {
      g_autofree char *record = st_job_record_path (record_dir, pattern_path);

      g_unlink (record);
      g_unlink (pattern_path);
    }
  g_rmdir (record_dir);
  qsort (latency, REQUESTS, sizeof (double), st_bench_compare_doubles);
  if (frame_bytes)
    *frame_bytes = d.frame_bytes;
}

typedef struct
{
  double median;
  double p99;
} Figures;

static Figures
measure (StProtocol  protocol,
         gboolean    echo,
         gsize       echo_size,
         gsize      *frame_bytes)
{
  double medians[RUNS], p99s[RUNS];
  double latency[REQUESTS];
  Figures f;

  for (guint run = 0; run < RUNS; run++)
    {
      run_once (protocol, echo, echo_size, latency, frame_bytes);
      medians[run] = latency[REQUESTS / 2];
      p99s[run] = latency[REQUESTS * 99 / 100];
    }
  qsort (medians, RUNS, sizeof (double), st_bench_compare_doubles);
  qsort (p99s, RUNS, sizeof (double), st_bench_compare_doubles);
  f.median = medians[RUNS / 2];
  f.p99 = p99s[RUNS / 2];
  return f;
}

/* The job record written after every confirmed round, atomically. */
static double
record_save_median (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-link-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "job.json", NULL);
  g_autoptr(StJobRecord) record = st_job_record_new ();
  double times[50];

  record->pattern_path = g_strdup ("/home/knitter/hat.stranded");
  record->port = g_strdup ("/dev/ttyACM0");
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      double t0 = now_s ();

      record->rounds_done = i;
      g_assert (st_job_record_save (record, path, NULL));
      times[i] = now_s () - t0;
    }
  g_unlink (path);
  g_rmdir (dir);
  qsort (times, G_N_ELEMENTS (times), sizeof (double), st_bench_compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

int
main (void)
{
  static const StProtocol protocols[] = { ST_PROTOCOL_AYAB, ST_PROTOCOL_CIRCULAR };

  printf ("\nHost reply to a line request over a pty: %d requests %d ms apart x %d runs, medians "
          "of the runs;\nthe job record is saved after every round, as send does\n",
          REQUESTS, GAP_US / 1000, RUNS);
  printf ("%-34s %11s %11s %12s %11s %12s\n", "", "median", "p99", "wire 115200", "x wire",
          "x pty echo");
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      gsize frame = 0;
      Figures link = measure (protocols[i], FALSE, 0, &frame);
      Figures echo = measure (protocols[i], TRUE, frame, NULL);
      /* 8N1: ten bits a byte. */
      double wire = frame * 10.0 / 115200.0;
      g_autofree char *name = g_strdup_printf ("%s: request -> line (%zu bytes)",
                                               st_protocol_to_string (protocols[i]), frame);
      g_autofree char *echo_name = g_strdup_printf ("  baseline: raw pty echo, %zu bytes", frame);

      printf ("%-34s %8.1f us %8.1f us %9.1f us %10.3fx %11.2fx\n", name, link.median * 1e6,
              link.p99 * 1e6, wire * 1e6, link.median / wire, link.median / echo.median);
      printf ("%-34s %8.1f us %8.1f us %9.1f us %10.3fx %11.2fx\n", echo_name, echo.median * 1e6,
              echo.p99 * 1e6, wire * 1e6, echo.median / wire, 1.0);
    }
  printf ("%-34s %8.1f us  (once per round, after the answer; a pass takes ~1 s)\n",
          "job record save (fsync)", record_save_median () * 1e6);
  return 0;
}
