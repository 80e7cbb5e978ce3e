/* SPDX-License-Identifier: GPL-3.0-or-later
 * test-machine-serial.c: the serial transport over a real pseudo-terminal
 * (raw settings, exclusive open, reads, queued writes, hang-up), opening
 * errors, port listing against a fake sysfs tree, and the hotplug monitor.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "st-serial.h"
#include "st-test-util.h"

typedef struct
{
  int           master;
  char          slave_path[256];
  GByteArray   *received;
  char         *disconnect_reason;
  guint         disconnects;
  guint         drained;
} Fixture;

static void
fixture_open (Fixture *f)
{
  int slave;
  struct termios tio;

  memset (f, 0, sizeof *f);
  ck_assert_int_eq (openpty (&f->master, &slave, f->slave_path, NULL, NULL), 0);
  /* Cooked defaults on purpose: the port must make the line raw itself. */
  tcgetattr (slave, &tio);
  ck_assert (tio.c_lflag & ICANON);
  close (slave);
  fcntl (f->master, F_SETFL, fcntl (f->master, F_GETFL) | O_NONBLOCK);
  f->received = g_byte_array_new ();
}

static void
fixture_close (Fixture *f)
{
  if (f->master >= 0)
    close (f->master);
  g_byte_array_unref (f->received);
  g_free (f->disconnect_reason);
}

static void
on_received (StSerialPort *port,
             GBytes       *bytes,
             Fixture      *f)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (bytes, &n);

  g_byte_array_append (f->received, data, (guint) n);
}

static void
on_disconnected (StSerialPort *port,
                 const char   *reason,
                 Fixture      *f)
{
  f->disconnects++;
  g_free (f->disconnect_reason);
  f->disconnect_reason = g_strdup (reason);
}

static void
on_drained (StSerialPort *port,
            Fixture      *f)
{
  f->drained++;
}

static StSerialPort *
open_port (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  StSerialPort *port = st_serial_port_open (f->slave_path, ST_SERIAL_DEFAULT_BAUD, &error);

  ck_assert_msg (port != NULL, "open: %s", error ? error->message : "?");
  g_signal_connect (port, "received", G_CALLBACK (on_received), f);
  g_signal_connect (port, "disconnected", G_CALLBACK (on_disconnected), f);
  g_signal_connect (port, "drained", G_CALLBACK (on_drained), f);
  return port;
}

/* Iterates the default context until *@value reaches @want, at most 5 s. */
static void
wait_for (const guint *value,
          guint        want)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*value < want && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (200);
  ck_assert_uint_ge (*value, want);
}

/* Reads what the port wrote, for up to @timeout_ms. */
static gsize
read_master (Fixture *f,
             guint8  *out,
             gsize    want,
             int      timeout_ms)
{
  gsize got = 0;
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (got < want && g_get_monotonic_time () < end)
    {
      struct pollfd pfd = { f->master, POLLIN, 0 };
      ssize_t n;

      g_main_context_iteration (NULL, FALSE);
      if (poll (&pfd, 1, 10) <= 0)
        continue;
      n = read (f->master, out + got, want - got);
      if (n > 0)
        got += (gsize) n;
    }
  return got;
}

START_TEST (test_open_sets_raw_115200)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;
  struct termios tio;
  int fd;

  fixture_open (&f);
  port = open_port (&f);
  ck_assert (st_serial_port_is_open (port));
  ck_assert_str_eq (st_serial_port_get_path (port), f.slave_path);

  fd = open (f.slave_path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  /* Root ignores TIOCEXCL; the settings are readable through the master. */
  ck_assert_int_eq (tcgetattr (fd >= 0 ? fd : f.master, &tio), 0);
  if (fd >= 0)
    close (fd);
  ck_assert (!(tio.c_lflag & (ICANON | ECHO | ISIG)));
  ck_assert (!(tio.c_oflag & OPOST));
  ck_assert (!(tio.c_iflag & (IXON | ICRNL)));
  ck_assert_uint_eq (tio.c_cflag & CSIZE, CS8);
  ck_assert (!(tio.c_cflag & (PARENB | CSTOPB | CRTSCTS)));
  ck_assert (tio.c_cflag & CLOCAL);
  ck_assert_uint_eq (cfgetospeed (&tio), B115200);
  ck_assert_uint_eq (cfgetispeed (&tio), B115200);

  st_serial_port_close (port);
  ck_assert (!st_serial_port_is_open (port));
  ck_assert_uint_eq (f.disconnects, 0);   /* closing is not a disconnect */
  fixture_close (&f);
}
END_TEST

START_TEST (test_open_is_exclusive)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;
  g_autoptr(StSerialPort) second = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&f);
  port = open_port (&f);
  second = st_serial_port_open (f.slave_path, ST_SERIAL_DEFAULT_BAUD, &error);
  ck_assert_ptr_null (second);
  ck_assert (g_str_has_suffix (error->message, "the port is in use by another program"));
  ck_assert (strstr (error->message, f.slave_path) != NULL);

  /* Free again once the first user closes it. */
  st_serial_port_close (port);
  g_clear_error (&error);
  second = st_serial_port_open (f.slave_path, ST_SERIAL_DEFAULT_BAUD, &error);
  ck_assert_ptr_nonnull (second);
  fixture_close (&f);
}
END_TEST

START_TEST (test_open_errors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "ttyUSB9", NULL);
  g_autofree char *plain = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: no such port (is the machine plugged in?)", missing);
  StSerialPort *port;

  port = st_serial_port_open (missing, 115200, &error);
  ck_assert_ptr_null (port);
  ck_assert_str_eq (error->message, expected);
  g_clear_error (&error);

  ck_assert (g_file_set_contents (plain, "x", 1, NULL));
  port = st_serial_port_open (plain, 115200, &error);
  ck_assert_ptr_null (port);
  ck_assert (g_str_has_suffix (error->message, ": not a serial port"));
  g_clear_error (&error);

  port = st_serial_port_open (plain, 12345, &error);
  ck_assert_ptr_null (port);
  ck_assert (strstr (error->message, "12345 baud is not supported") != NULL);
  g_unlink (plain);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_read_until_eagain)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;
  guint8 big[100000];
  gsize sent = 0;

  fixture_open (&f);
  port = open_port (&f);
  for (gsize i = 0; i < sizeof big; i++)
    big[i] = (guint8) (i * 131 + 7);
  /* More than a pty buffer holds: write as the port drains it. */
  while (sent < sizeof big)
    {
      ssize_t n = write (f.master, big + sent, sizeof big - sent);

      if (n > 0)
        sent += (gsize) n;
      g_main_context_iteration (NULL, FALSE);
    }
  wait_for (&f.received->len, sizeof big);
  ck_assert_uint_eq (f.received->len, sizeof big);
  ck_assert (memcmp (f.received->data, big, sizeof big) == 0);
  fixture_close (&f);
}
END_TEST

START_TEST (test_write_queue_drains_in_order)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;
  static guint8 big[300000];
  static guint8 back[300000];
  gsize got;

  fixture_open (&f);
  port = open_port (&f);
  for (gsize i = 0; i < sizeof big; i++)
    big[i] = (guint8) (i * 7 + i / 256);
  /* Nobody reads yet: most of it must wait in the queue, not block. */
  st_serial_port_write (port, big, 100000);
  st_serial_port_write (port, big + 100000, sizeof big - 100000);
  ck_assert_uint_gt (st_serial_port_get_pending (port), 0);
  ck_assert_uint_eq (f.drained, 0);

  got = read_master (&f, back, sizeof back, 5000);
  ck_assert_uint_eq (got, sizeof big);
  ck_assert (memcmp (back, big, sizeof big) == 0);
  wait_for (&f.drained, 1);
  ck_assert_uint_eq (st_serial_port_get_pending (port), 0);
  fixture_close (&f);
}
END_TEST

START_TEST (test_small_write_goes_out_at_once)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;
  guint8 back[8];

  fixture_open (&f);
  port = open_port (&f);
  st_serial_port_write (port, (const guint8 *) "\xC0\x03\xC0", 3);
  ck_assert_uint_eq (st_serial_port_get_pending (port), 0);
  ck_assert_uint_eq (read_master (&f, back, 3, 1000), 3);
  ck_assert (memcmp (back, "\xC0\x03\xC0", 3) == 0);
  fixture_close (&f);
}
END_TEST

START_TEST (test_hangup_is_a_disconnect)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;

  fixture_open (&f);
  port = open_port (&f);
  ck_assert_int_eq (write (f.master, "abc", 3), 3);
  wait_for (&f.received->len, 3);
  close (f.master);
  f.master = -1;
  wait_for (&f.disconnects, 1);
  ck_assert_uint_eq (f.disconnects, 1);
  ck_assert (g_str_has_prefix (f.disconnect_reason, f.slave_path));
  ck_assert (!st_serial_port_is_open (port));
  /* Writing to a closed port is ignored, and no second signal comes. */
  st_serial_port_write (port, (const guint8 *) "x", 1);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_uint_eq (f.disconnects, 1);
  fixture_close (&f);
}
END_TEST

/* A handler may drop its port while it is being notified. */
static void
close_on_receive (StSerialPort *port,
                  GBytes       *bytes,
                  Fixture      *f)
{
  f->drained += 100;
  st_serial_port_close (port);
}

START_TEST (test_close_inside_handler)
{
  Fixture f;
  g_autoptr(StSerialPort) port = NULL;

  fixture_open (&f);
  port = open_port (&f);
  g_signal_connect (port, "received", G_CALLBACK (close_on_receive), &f);
  ck_assert_int_eq (write (f.master, "hello", 5), 5);
  wait_for (&f.drained, 100);
  ck_assert (!st_serial_port_is_open (port));
  ck_assert_int_eq (write (f.master, "more", 4), 4);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_uint_eq (f.drained, 100);
  ck_assert_uint_eq (f.disconnects, 0);
  fixture_close (&f);
}
END_TEST

START_TEST (test_list_ports_fake_sysfs)
{
  g_autoptr(GPtrArray) ports = st_serial_list_ports (TEST_SRCDIR "/machine/data/sysfs",
                                                     TEST_SRCDIR "/machine/data/dev");
  StPortInfo *p;
  g_autofree char *label0 = NULL;
  g_autofree char *label3 = NULL;

  /* tty0 is virtual and ttyS0 is a bare 8250 port: both skipped. */
  ck_assert_uint_eq (ports->len, 4);
  p = g_ptr_array_index (ports, 0);
  ck_assert_str_eq (p->name, "ttyACM0");
  ck_assert_str_eq (p->path, TEST_SRCDIR "/machine/data/dev/ttyACM0");
  ck_assert_str_eq (p->vendor_id, "2341");
  ck_assert_str_eq (p->product_id, "0043");
  ck_assert_str_eq (p->manufacturer, "Arduino (www.arduino.cc)");
  ck_assert_ptr_null (p->product);
  ck_assert_str_eq (p->serial, "75833353035350");
  ck_assert_str_eq (p->driver, "cdc_acm");
  ck_assert_str_eq (p->by_id, TEST_SRCDIR "/machine/data/dev/serial/by-id/"
                              "usb-Arduino__www.arduino.cc__0043_75833353035350-if00");
  label0 = st_port_info_describe (p);
  ck_assert_str_eq (label0, "ttyACM0 (Arduino (www.arduino.cc), USB 2341:0043, cdc_acm)");

  p = g_ptr_array_index (ports, 1);
  ck_assert_str_eq (p->name, "ttyACM2");
  ck_assert_ptr_null (p->by_id);
  p = g_ptr_array_index (ports, 2);
  ck_assert_str_eq (p->name, "ttyACM10");       /* natural order */
  ck_assert_str_eq (p->vendor_id, "1a86");
  ck_assert_ptr_null (p->driver);

  p = g_ptr_array_index (ports, 3);
  ck_assert_str_eq (p->name, "ttyUSB0");
  ck_assert_str_eq (p->product, "FT232R USB UART");
  ck_assert_str_eq (p->driver, "ftdi_sio");
  ck_assert (g_str_has_suffix (p->by_id, "usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"));
  label3 = st_port_info_describe (p);
  ck_assert_str_eq (label3, "FT232R USB UART (FTDI, USB 0403:6001, ftdi_sio)");
}
END_TEST

START_TEST (test_list_ports_missing_root)
{
  g_autoptr(GPtrArray) ports = st_serial_list_ports ("/nonexistent-sysfs", "/nonexistent-dev");

  ck_assert_uint_eq (ports->len, 0);
}
END_TEST

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

START_TEST (test_port_monitor_reports_hotplug)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *node = g_build_filename (dir, "ttyUSB7", NULL);
  g_autofree char *other = g_build_filename (dir, "random-file", NULL);
  g_autoptr(StPortMonitor) monitor = st_port_monitor_new (dir);
  guint changes = 0;
  gint64 end;

  g_signal_connect (monitor, "changed", G_CALLBACK (count_signal), &changes);

  /* A file that is not a tty does not count. */
  ck_assert (g_file_set_contents (other, "", 0, NULL));
  end = g_get_monotonic_time () + 700 * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  ck_assert_uint_eq (changes, 0);

  /* Plug and unplug: one coalesced signal each. */
  ck_assert (g_file_set_contents (node, "", 0, NULL));
  wait_for (&changes, 1);
  ck_assert_uint_eq (changes, 1);
  g_unlink (node);
  wait_for (&changes, 2);
  ck_assert_uint_eq (changes, 2);
  g_unlink (other);
  g_clear_object (&monitor);
  g_rmdir (dir);
}
END_TEST

static Suite *
serial_suite (void)
{
  Suite *s = suite_create ("machine-serial");
  TCase *tc = tcase_create ("transport");

  tcase_set_timeout (tc, 20);
  tcase_add_test (tc, test_open_sets_raw_115200);
  tcase_add_test (tc, test_open_is_exclusive);
  tcase_add_test (tc, test_open_errors);
  tcase_add_test (tc, test_read_until_eagain);
  tcase_add_test (tc, test_write_queue_drains_in_order);
  tcase_add_test (tc, test_small_write_goes_out_at_once);
  tcase_add_test (tc, test_hangup_is_a_disconnect);
  tcase_add_test (tc, test_close_inside_handler);
  suite_add_tcase (s, tc);

  tc = tcase_create ("ports");
  tcase_set_timeout (tc, 20);
  tcase_add_test (tc, test_list_ports_fake_sysfs);
  tcase_add_test (tc, test_list_ports_missing_root);
  tcase_add_test (tc, test_port_monitor_reports_hotplug);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (serial_suite ());
}
