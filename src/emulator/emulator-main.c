/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded-emulator: a virtual knitting machine on a pseudo-terminal, for
 * trying Stranded without hardware and for testing it. It prints the path of
 * its port and speaks ayab (an AYAB interface with firmware 1.0) or
 * Stranded's circular dialect, with faults on demand, and writes what it
 * knitted as a text grid and a stitch-map PNG.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "emu-device.h"
#include "emu-wire.h"
#include "st-ayab.h"
#include "st-circular.h"
#include "st-framing.h"
#include "st-pattern-file.h"

typedef struct
{
  EmuDevice     *device;
  EmuConfig      config;
  EmuWire        out;            /* device to host: drops, corruption, delay */
  EmuWire        in;             /* host to device: corruption, drops */
  StSlipDecoder  decoder;
  GMainLoop     *loop;
  int            master;
  char          *slave_path;
  const char    *link;           /* borrowed from main () */
  gboolean       host;           /* a host has the port open */
  gboolean       ever_connected;
  gboolean       keep_running;
  gboolean       verbose;
  gint64         reconnect_ms;
  GSource       *watch;
  GSource       *write_watch;
  GSource       *timer;
  GSource       *poller;         /* waits for a host to open the port */
  GByteArray    *pending;        /* bytes the pty did not take yet */
  const char    *output_txt;     /* borrowed from main () */
  const char    *output_png;     /* borrowed from main () */
  int            exit_code;
} Emulator;

static void reschedule (Emulator *emu);
static void start_polling (Emulator *emu);

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
say (Emulator   *emu,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (Emulator   *emu,
     const char *format,
     ...)
{
  va_list args;

  if (!emu->verbose)
    return;
  va_start (args, format);
  fprintf (stderr, "stranded-emulator: ");   /* untranslated: the program's name */
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
}

/* Prints "stranded-emulator: message" to stderr, verbose or not. */
static void
complain (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
complain (const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "stranded-emulator: %s\n", message);   /* untranslated: the program's name */
}

static void
write_outputs (Emulator *emu)
{
  const EmuFabric *fabric = emu_device_get_fabric (emu->device);
  g_autoptr(GError) error = NULL;

  if (emu->output_txt != NULL)
    {
      g_autofree char *text = emu_fabric_to_text (fabric);

      if (!st_file_write_atomic (emu->output_txt, text, strlen (text), &error))
        {
          complain ("%s", error->message);
          emu->exit_code = 1;
          g_clear_error (&error);
        }
    }
  if (emu->output_png != NULL && !emu_fabric_write_png (fabric, emu->output_png, &error))
    {
      complain ("%s", error->message);
      emu->exit_code = 1;
    }
}

static void
quit (Emulator   *emu,
      const char *why)
{
  const EmuStats *stats = emu_device_get_stats (emu->device);

  guint rounds = emu_fabric_rows (emu_device_get_fabric (emu->device));
  unsigned long dropped = (unsigned long) (emu->out.dropped + emu->in.dropped);
  unsigned long corrupted = (unsigned long) (emu->out.corrupted + emu->in.corrupted);
  g_autofree char *knitted = NULL;
  g_autofree char *passes = NULL;
  g_autofree char *bad_crc = NULL;
  g_autofree char *frames = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *resets = NULL;

  write_outputs (emu);
  /* Translators: %s says why the emulator stops, such as "the host closed
   * the port". */
  knitted = g_strdup_printf (ngettext ("%s; knitted %u round", "%s; knitted %u rounds", rounds), why, rounds);
  passes = g_strdup_printf (ngettext ("%lu pass", "%lu passes", (unsigned long) stats->passes),
                            (unsigned long) stats->passes);
  /* Translators: messages whose checksum was wrong. */
  bad_crc = g_strdup_printf (ngettext ("%lu bad CRC", "%lu bad CRCs", (unsigned long) stats->bad_crc),
                             (unsigned long) stats->bad_crc);
  frames = g_strdup_printf (ngettext ("%lu frame dropped", "%lu frames dropped", dropped), dropped);
  bytes = g_strdup_printf (ngettext ("%lu byte corrupted", "%lu bytes corrupted", corrupted), corrupted);
  resets = g_strdup_printf (ngettext ("%lu reset", "%lu resets", (unsigned long) stats->resets),
                            (unsigned long) stats->resets);
  /* Translators: "the host closed the port; knitted 12 rounds (24 passes,
   * 0 bad CRCs, 1 frame dropped, 0 bytes corrupted, 0 resets)". */
  complain (C_("emulator summary", "%s (%s, %s, %s, %s, %s)"), knitted, passes, bad_crc, frames, bytes, resets);
  g_main_loop_quit (emu->loop);
}

/* ---- writing to the host ------------------------------------------------ */

static gboolean
on_writable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  Emulator *emu = user_data;

  while (emu->pending->len > 0)
    {
      ssize_t n = write (emu->master, emu->pending->data, emu->pending->len);

      if (n > 0)
        g_byte_array_remove_range (emu->pending, 0, (guint) n);
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return G_SOURCE_CONTINUE;
      else
        {
          g_byte_array_set_size (emu->pending, 0);
          break;
        }
    }
  g_clear_pointer (&emu->write_watch, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
write_host (Emulator     *emu,
            const guint8 *data,
            gsize         length)
{
  if (!emu->host || emu->master < 0)
    return;
  g_byte_array_append (emu->pending, data, (guint) length);
  if (emu->write_watch != NULL)
    return;
  on_writable (emu->master, G_IO_OUT, emu);
  if (emu->pending->len > 0 && emu->write_watch == NULL)
    {
      emu->write_watch = g_unix_fd_source_new (emu->master, G_IO_OUT);
      g_source_set_callback (emu->write_watch, (GSourceFunc) (void (*) (void)) on_writable, emu, NULL);
      g_source_attach (emu->write_watch, NULL);
    }
}

static void
flush_wire (Emulator *emu)
{
  g_autoptr(GBytes) bytes = emu_wire_take (&emu->out, now_us ());

  if (bytes != NULL)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (bytes, &n);

      write_host (emu, data, n);
    }
}

/* ---- the pseudo-terminal ------------------------------------------------ */

/* --link may only replace nothing or a symbolic link (a stale one from an
 * earlier run): a typo such as --link hat.stranded must not eat a file. */
static gboolean
link_path_free (const char *path,
                GError    **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return TRUE;
  if (S_ISLNK (st.st_mode))
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               /* Translators: %s is the path given to --link. */
               _("--link %s: something other than a symbolic link is there already; "
                 "give a path that does not exist yet"), path);
  return FALSE;
}

/* Removes the link only if it still points at our port. */
static void
remove_link (Emulator *emu)
{
  g_autofree char *target = NULL;

  if (emu->link == NULL || emu->slave_path == NULL)
    return;
  target = g_file_read_link (emu->link, NULL);
  if (target != NULL && g_str_equal (target, emu->slave_path))
    g_unlink (emu->link);
}

static gboolean
open_pty (Emulator *emu,
          GError  **error)
{
  struct termios tio;
  char name[256];
  int slave;

  memset (&tio, 0, sizeof tio);
  /* cfmakeraw sets only some fields: start from a zeroed, 115200-baud one. */
  memset (&tio, 0, sizeof tio);
  cfmakeraw (&tio);
  cfsetspeed (&tio, B115200);
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  if (openpty (&emu->master, &slave, name, &tio, NULL) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("cannot open a pseudo-terminal: %s"), g_strerror (errno));
      return FALSE;
    }
  /* Our slave fd closes at once: then the master reports a hang-up while no
   * host has the port open, which is how we see hosts come and go. */
  close (slave);
  fcntl (emu->master, F_SETFL, fcntl (emu->master, F_GETFL) | O_NONBLOCK);
  fcntl (emu->master, F_SETFD, FD_CLOEXEC);
  g_free (emu->slave_path);
  emu->slave_path = g_strdup (name);

  if (emu->link != NULL)
    {
      g_autofree char *tmp = g_strdup_printf ("%s.%d.tmp", emu->link, (int) getpid ());

      /* Checked again on every plug-in: never rename over a real file. */
      if (!link_path_free (emu->link, error))
        return FALSE;
      g_unlink (tmp);
      if (symlink (name, tmp) != 0 || g_rename (tmp, emu->link) != 0)
        {
          int saved = errno;

          g_unlink (tmp);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot make the link: %s"), emu->link, g_strerror (saved));
          return FALSE;
        }
    }
  printf ("%s\n", name);
  fflush (stdout);
  return TRUE;
}

static void
close_pty (Emulator *emu)
{
  destroy_source (&emu->watch);
  destroy_source (&emu->write_watch);
  destroy_source (&emu->poller);
  g_byte_array_set_size (emu->pending, 0);
  if (emu->master >= 0)
    close (emu->master);
  emu->master = -1;
  emu->host = FALSE;
}

static void
host_gone (Emulator *emu)
{
  emu->host = FALSE;
  destroy_source (&emu->watch);
  destroy_source (&emu->write_watch);
  g_byte_array_set_size (emu->pending, 0);
  emu_wire_flush (&emu->out);
  emu_device_disconnected (emu->device, now_us ());
  if (!emu->keep_running)
    {
      quit (emu, _("the host closed the port"));
      return;
    }
  say (emu, "%s", _("the host closed the port; waiting for the next"));
  start_polling (emu);
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  Emulator *emu = user_data;
  guint8 buffer[4096];
  gint64 now = now_us ();

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        {
          emu_wire_corrupt (&emu->in, buffer, (gsize) n);
          for (ssize_t i = 0; i < n; i++)
            if (st_slip_decoder_push (&emu->decoder, buffer[i]) == ST_SLIP_FRAME &&
                !emu_wire_drop (&emu->in))
              emu_device_receive (emu->device, emu->decoder.frame, emu->decoder.length, now);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        break;
      /* EIO or end of file: the host closed its side. */
      g_clear_pointer (&emu->watch, g_source_unref);
      host_gone (emu);
      return G_SOURCE_REMOVE;
    }
  if (condition & G_IO_HUP)
    {
      g_clear_pointer (&emu->watch, g_source_unref);
      host_gone (emu);
      return G_SOURCE_REMOVE;
    }
  flush_wire (emu);
  reschedule (emu);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_poll_host (gpointer user_data)
{
  Emulator *emu = user_data;
  struct pollfd pfd = { emu->master, POLLIN, 0 };

  if (poll (&pfd, 1, 0) < 0 || (pfd.revents & POLLHUP))
    return G_SOURCE_CONTINUE;   /* nobody yet */
  g_clear_pointer (&emu->poller, g_source_unref);
  emu->host = TRUE;
  emu->ever_connected = TRUE;
  st_slip_decoder_reset (&emu->decoder);
  say (emu, _("a host opened %s"), emu->slave_path);
  emu_device_connected (emu->device, now_us ());
  emu->watch = g_unix_fd_source_new (emu->master, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (emu->watch, (GSourceFunc) (void (*) (void)) on_readable, emu, NULL);
  g_source_attach (emu->watch, NULL);
  reschedule (emu);
  return G_SOURCE_REMOVE;
}

static void
start_polling (Emulator *emu)
{
  destroy_source (&emu->poller);
  emu->poller = g_timeout_source_new (10);
  g_source_set_callback (emu->poller, on_poll_host, emu, NULL);
  g_source_attach (emu->poller, NULL);
}

static gboolean
on_reconnect (gpointer user_data)
{
  Emulator *emu = user_data;
  g_autoptr(GError) error = NULL;

  if (!open_pty (emu, &error))
    {
      complain ("%s", error->message);
      emu->exit_code = 1;
      quit (emu, _("cannot plug back in"));
      return G_SOURCE_REMOVE;
    }
  say (emu, _("plugged back in at %s"), emu->slave_path);
  start_polling (emu);
  return G_SOURCE_REMOVE;
}

/* ---- the device --------------------------------------------------------- */

static void
device_send (gpointer      user_data,
             const guint8 *payload,
             gsize         length)
{
  Emulator *emu = user_data;

  emu_wire_send (&emu->out, payload, length, now_us ());
}

static void
device_send_raw (gpointer      user_data,
                 const guint8 *bytes,
                 gsize         length)
{
  Emulator *emu = user_data;

  emu_wire_send_raw (&emu->out, bytes, length, now_us ());
}

static void
device_event (gpointer user_data,
              EmuEvent event)
{
  Emulator *emu = user_data;

  if (event == EMU_EVENT_FINISHED)
    {
      say (emu, "%s", _("the job is finished"));
      write_outputs (emu);
      return;
    }
  /* The cable comes out: the host sees a hang-up; the port comes back. */
  say (emu, _("fault: unplugged; back in %ld ms"), (long) emu->reconnect_ms);
  flush_wire (emu);
  close_pty (emu);
  emu_wire_flush (&emu->out);
  g_timeout_add ((guint) emu->reconnect_ms, on_reconnect, emu);
}

static void
device_log (gpointer    user_data,
            const char *message)
{
  say (user_data, "%s", message);
}

static const EmuCallbacks device_callbacks = {
  device_send, device_send_raw, device_event, device_log,
};

static gboolean
on_timer (gpointer user_data)
{
  Emulator *emu = user_data;

  g_clear_pointer (&emu->timer, g_source_unref);
  emu_device_tick (emu->device, now_us ());
  flush_wire (emu);
  reschedule (emu);
  return G_SOURCE_REMOVE;
}

static void
reschedule (Emulator *emu)
{
  gint64 next = MIN (emu_device_next_deadline (emu->device), emu_wire_next_due (&emu->out));
  gint64 delay;

  destroy_source (&emu->timer);
  if (next == G_MAXINT64)
    return;
  delay = MAX (0, (next - now_us () + 999) / 1000);
  emu->timer = g_timeout_source_new ((guint) MIN (delay, G_MAXINT));
  g_source_set_callback (emu->timer, on_timer, emu, NULL);
  g_source_attach (emu->timer, NULL);
}

static gboolean
on_signal (gpointer user_data)
{
  quit (user_data, _("stopped by a signal"));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Emulator *emu = user_data;

  emu->exit_code = 3;
  quit (emu, _("time limit reached"));
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  Emulator emu = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *mode = NULL;
  /* Owned here, so every early return frees them; emu borrows them. */
  g_autofree char *link = NULL;
  g_autofree char *output_txt = NULL;
  g_autofree char *output_png = NULL;
  /* G_MININT cannot be typed: it tells "not given" from any value. */
  int needles = G_MININT, feeds = 2, speed = G_MININT, ready_ms = 1000, boot_ms = 300, slow_ms = 0;
  int disconnect_at = G_MININT, reset_at = G_MININT, reconnect_ms = 1000, seed = 1, timeout = 0;
  double corrupt_rate = 0, drop_rate = 0;
  gboolean no_dtr_reset = FALSE, forgetful = FALSE, keep_running = FALSE, verbose = FALSE;
  const GOptionEntry entries[] = {
    /* Translators: NAME, MODE, N, MS (milliseconds), R (a rate), PATH,
     * FILE and S (seconds) stand for an option's value in --help; keep
     * "ayab", "circular", "singlebed" and "circular-ribber", the option's
     * values. */
    { "protocol", 'p', 0, G_OPTION_ARG_STRING, &protocol, N_("ayab (default) or circular"), N_("NAME") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode,
      N_("ayab: how passes make rows, singlebed (default) or circular-ribber"), N_("MODE") },
    { "needles", 'n', 0, G_OPTION_ARG_INT, &needles,
      N_("ayab: bed of 200 (KH-9xx, default) or 112 (KH-270); circular: cylinder (default 48)"), N_("N") },
    { "feeds", 0, 0, G_OPTION_ARG_INT, &feeds, N_("circular: yarn feeds (default 2, at most 16)"), N_("N") },
    { "speed", 's', 0, G_OPTION_ARG_INT, &speed,
      N_("Milliseconds per carriage pass (ayab, default 800) or round (circular, default 1000)"), N_("MS") },
    { "ready-ms", 0, 0, G_OPTION_ARG_INT, &ready_ms,
      /* Translators: reqInit is the name of a message of the AYAB protocol. */
      N_("ayab: from reqInit until the carriage crosses the turn mark (default 1000)"), N_("MS") },
    { "boot-ms", 0, 0, G_OPTION_ARG_INT, &boot_ms,
      N_("Input ignored this long after power-up or a reset (default 300)"), N_("MS") },
    { "no-dtr-reset", 0, 0, G_OPTION_ARG_NONE, &no_dtr_reset,
      N_("ayab: do not reset when the port opens (an Arduino does)"), NULL },
    { "forgetful", 0, 0, G_OPTION_ARG_NONE, &forgetful,
      /* Translators: CAP_PERSISTENT is the name of a capability in the protocol. */
      N_("circular: forget the job on a reset (no CAP_PERSISTENT)"), NULL },
    { "corrupt-rate", 0, 0, G_OPTION_ARG_DOUBLE, &corrupt_rate,
      N_("Chance per byte, both ways, of a flipped bit (e.g. 0.002)"), N_("R") },
    { "drop-rate", 0, 0, G_OPTION_ARG_DOUBLE, &drop_rate,
      N_("Chance per frame, both ways, of losing it (e.g. 0.05)"), N_("R") },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &slow_ms, N_("Delay every reply by this much"), N_("MS") },
    { "disconnect-at-round", 0, 0, G_OPTION_ARG_INT, &disconnect_at,
      N_("Unplug as round N (1-based) is about to start; the port comes back"), N_("N") },
    { "reconnect-ms", 0, 0, G_OPTION_ARG_INT, &reconnect_ms,
      N_("After an unplug, the port comes back after this long (default 1000)"), N_("MS") },
    { "reset-at-round", 0, 0, G_OPTION_ARG_INT, &reset_at,
      N_("Restart the controller as round N (1-based) is about to start"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed for the faults (default 1)"), N_("N") },
    { "link", 'l', 0, G_OPTION_ARG_FILENAME, &link,
      N_("Also name the port with a symbolic link here (kept across unplugs)"), N_("PATH") },
    { "output-txt", 0, 0, G_OPTION_ARG_FILENAME, &output_txt,
      N_("Write the knitted fabric as a text grid of yarn indices"), N_("FILE") },
    { "output-png", 0, 0, G_OPTION_ARG_FILENAME, &output_png,
      N_("Write the knitted fabric as a stitch-map PNG"), N_("FILE") },
    { "keep-running", 'k', 0, G_OPTION_ARG_NONE, &keep_running,
      N_("Wait for the next host when one closes the port (default: exit)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Exit with status 3 after this many seconds"), N_("S") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Report what happens on standard error"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* STRANDED_LOCALEDIR lets tests use catalogues that are not installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRANDED_LOCALEDIR") != NULL
                                   ? g_getenv ("STRANDED_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("- a virtual knitting machine on a pseudo-terminal"));
  g_option_context_set_description (context,
    _("Prints the path of its port on standard output; connect Stranded to it.\n"
      "It exits when the host closes the port (unless --keep-running), on SIGINT\n"
      "or SIGTERM, writing the knitted fabric to --output-txt and --output-png.\n"
      "--disconnect-at-round and --reset-at-round count rounds in the fabric: round 1\n"
      "is the first it ever knitted, whichever host sent it.\n"
      "Exit status: 0 normal, 1 could not write output, 2 bad usage, 3 --timeout."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      /* Translators: %s is GLib's message about the options. */
      complain (_("%s (see --help)"), error->message);
      return 2;
    }
  if (argc > 1)
    {
      /* Translators: %s is a word of the command line the emulator does
       * not take. */
      complain (_("unexpected argument '%s': the emulator takes only options (see --help)"), argv[1]);
      return 2;
    }
  emu.link = link;
  emu.output_txt = output_txt;
  emu.output_png = output_png;
  if (emu.link != NULL && !link_path_free (emu.link, &error))
    {
      complain ("%s", error->message);
      return 2;
    }

  emu_config_init (&emu.config, ST_PROTOCOL_AYAB);
  if (protocol != NULL && !st_protocol_from_string (protocol, &emu.config.protocol))
    {
      complain (_("--protocol must be ayab or circular, not '%s'"), protocol);
      return 2;
    }
  emu_config_init (&emu.config, emu.config.protocol);
  if (mode != NULL)
    {
      if (emu.config.protocol != ST_PROTOCOL_AYAB ||
          !st_knit_mode_from_string (mode, &emu.config.mode) || emu.config.mode == ST_KNIT_MODE_ROUND)
        {
          complain ("%s", _("--mode is singlebed or circular-ribber, for ayab"));
          return 2;
        }
    }
  if (needles != G_MININT)
    {
      if (needles < 1 || needles > ST_CIRCULAR_MAX_NEEDLES)
        {
          complain (_("--needles %d: give 1 to %d"), needles, ST_CIRCULAR_MAX_NEEDLES);
          return 2;
        }
      emu.config.needles = (guint) needles;
    }
  if (emu.config.protocol == ST_PROTOCOL_AYAB && emu.config.needles != 200 && emu.config.needles != 112)
    {
      complain ("%s", _("an AYAB bed has 200 (KH-9xx) or 112 (KH-270) needles"));
      return 2;
    }
  if (emu.config.needles < 1 || emu.config.needles > ST_CIRCULAR_MAX_NEEDLES ||
      feeds < 1 || feeds > ST_CIRCULAR_MAX_FEEDS)
    {
      complain (_("--needles is 1 to %d and --feeds 1 to %d"), ST_CIRCULAR_MAX_NEEDLES, ST_CIRCULAR_MAX_FEEDS);
      return 2;
    }
  if (speed != G_MININT && speed < 1)
    {
      complain (_("--speed %d: give milliseconds, 1 or more"), speed);
      return 2;
    }
  /* The faults strike between two rounds, so never before round 1. */
  if (disconnect_at != G_MININT && disconnect_at < 2)
    {
      complain (_("--disconnect-at-round %d: give a round of 2 or more (faults come between rounds)"),
                disconnect_at);
      return 2;
    }
  if (reset_at != G_MININT && reset_at < 2)
    {
      complain (_("--reset-at-round %d: give a round of 2 or more (faults come between rounds)"), reset_at);
      return 2;
    }
  if (corrupt_rate < 0 || corrupt_rate > 1 || drop_rate < 0 || drop_rate > 1 || slow_ms < 0 ||
      ready_ms < 0 || boot_ms < 0 || reconnect_ms < 0 || timeout < 0)
    {
      complain ("%s", _("rates are 0 to 1 and times not negative"));
      return 2;
    }
  emu.config.feeds = (guint) feeds;
  if (speed == G_MININT)
    speed = emu.config.protocol == ST_PROTOCOL_AYAB ? 800 : 1000;
  emu.config.pass_time = (gint64) speed * 1000;
  emu.config.ready_time = (gint64) ready_ms * 1000;
  emu.config.boot_time = (gint64) boot_ms * 1000;
  emu.config.dtr_reset = !no_dtr_reset;
  emu.config.persistent = !forgetful;
  emu.config.disconnect_at = disconnect_at != G_MININT ? (guint) disconnect_at : 0;
  emu.config.reset_at = reset_at != G_MININT ? (guint) reset_at : 0;
  emu.config.seed = (guint32) seed;
  emu.keep_running = keep_running;
  emu.verbose = verbose;
  emu.reconnect_ms = reconnect_ms;
  emu.master = -1;
  emu.pending = g_byte_array_new ();

  emu_wire_init (&emu.out, (guint32) seed * 7919u + 1);
  emu_wire_init (&emu.in, (guint32) seed * 104729u + 3);
  emu.out.corrupt_rate = emu.in.corrupt_rate = corrupt_rate;
  emu.out.drop_rate = emu.in.drop_rate = drop_rate;
  emu.out.delay = (gint64) slow_ms * 1000;
  st_slip_decoder_init (&emu.decoder, ST_CIRCULAR_MAX_PAYLOAD + 16);
  emu.device = emu_device_new (&emu.config, &device_callbacks, &emu);
  emu.loop = g_main_loop_new (NULL, FALSE);

  if (!open_pty (&emu, &error))
    {
      complain ("%s", error->message);
      return 1;
    }
  /* Translators: the protocol (ayab or circular, kept as it is), the
   * needles and the port. */
  say (&emu, ngettext ("%s machine, %u needle, on %s", "%s machine, %u needles, on %s", emu.config.needles),
       st_protocol_to_string (emu.config.protocol),
       emu.config.needles, emu.slave_path);
  start_polling (&emu);
  g_unix_signal_add (SIGINT, on_signal, &emu);
  g_unix_signal_add (SIGTERM, on_signal, &emu);
  if (timeout > 0)
    g_timeout_add_seconds ((guint) timeout, on_timeout, &emu);

  g_main_loop_run (emu.loop);

  close_pty (&emu);
  destroy_source (&emu.timer);
  remove_link (&emu);
  emu_device_free (emu.device);
  emu_wire_clear (&emu.out);
  emu_wire_clear (&emu.in);
  st_slip_decoder_clear (&emu.decoder);
  g_byte_array_unref (emu.pending);
  g_main_loop_unref (emu.loop);
  g_free (emu.slave_path);
  return emu.exit_code;
}
