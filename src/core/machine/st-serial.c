/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-serial.c: serial transport and port listing (see st-serial.h).
 */
#include "config.h"

#include "st-serial.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "st-error.h"

struct _StSerialPort
{
  GObject        parent_instance;

  char          *path;
  int            fd;
  GMainContext  *context;
  GSource       *read_source;
  GSource       *write_source;
  GSource       *idle_source;    /* emits a disconnect found while writing */
  GByteArray    *queue;
  char          *pending_reason;
  gboolean       have_saved;
  struct termios saved;
};

enum
{
  SIGNAL_RECEIVED,
  SIGNAL_DISCONNECTED,
  SIGNAL_DRAINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StSerialPort, st_serial_port, G_TYPE_OBJECT)

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
close_fd (StSerialPort *self,
          gboolean      restore)
{
  destroy_source (&self->read_source);
  destroy_source (&self->write_source);
  if (self->fd >= 0)
    {
      if (restore && self->have_saved)
        tcsetattr (self->fd, TCSANOW, &self->saved);
      flock (self->fd, LOCK_UN);
      close (self->fd);
      self->fd = -1;
    }
  g_byte_array_set_size (self->queue, 0);
}

static void
st_serial_port_dispose (GObject *object)
{
  StSerialPort *self = ST_SERIAL_PORT (object);

  close_fd (self, TRUE);
  destroy_source (&self->idle_source);
  G_OBJECT_CLASS (st_serial_port_parent_class)->dispose (object);
}

static void
st_serial_port_finalize (GObject *object)
{
  StSerialPort *self = ST_SERIAL_PORT (object);

  g_free (self->path);
  g_free (self->pending_reason);
  g_byte_array_unref (self->queue);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (st_serial_port_parent_class)->finalize (object);
}

static void
st_serial_port_class_init (StSerialPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = st_serial_port_dispose;
  object_class->finalize = st_serial_port_finalize;

  signals[SIGNAL_RECEIVED] =
    g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[SIGNAL_DISCONNECTED] =
    g_signal_new ("disconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DRAINED] =
    g_signal_new ("drained", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
st_serial_port_init (StSerialPort *self)
{
  self->fd = -1;
  self->queue = g_byte_array_new ();
}

/* Closes and tells listeners why, once. */
static void
disconnect (StSerialPort *self,
            const char   *reason)
{
  if (self->fd < 0)
    return;
  close_fd (self, FALSE);
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_DISCONNECTED], 0, reason);
  g_object_unref (self);
}

static gboolean
on_idle_disconnect (gpointer user_data)
{
  StSerialPort *self = user_data;
  g_autofree char *reason = g_steal_pointer (&self->pending_reason);

  g_clear_pointer (&self->idle_source, g_source_unref);
  disconnect (self, reason);
  return G_SOURCE_REMOVE;
}

/* A write fails inside st_serial_port_write(), perhaps called from a
 * "received" handler: report it from the loop, not from under the caller. */
static void
disconnect_later (StSerialPort *self,
                  const char   *reason)
{
  if (self->idle_source != NULL)
    return;
  self->pending_reason = g_strdup (reason);
  self->idle_source = g_idle_source_new ();
  g_source_set_priority (self->idle_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->idle_source, on_idle_disconnect, self, NULL);
  g_source_attach (self->idle_source, self->context);
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  StSerialPort *self = user_data;
  guint8 buffer[4096];
  g_autofree char *reason = NULL;
  g_autoptr(GByteArray) got = g_byte_array_new ();

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        {
          g_byte_array_append (got, buffer, (guint) n);
          continue;
        }
      if (n == 0)
        /* Translators: %s is the port: "/dev/ttyACM0". */
        reason = g_strdup_printf (_("%s: end of file (the device went away)"), self->path);
      else if (errno == EINTR)
        continue;
      else if (errno != EAGAIN && errno != EWOULDBLOCK)
        reason = g_strdup_printf ("%s: %s", self->path, g_strerror (errno));
      break;
    }
  if (reason == NULL && (condition & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) && got->len == 0)
    /* Translators: %s is the port: "/dev/ttyACM0". */
    reason = g_strdup_printf (_("%s: hang-up (the device was unplugged or closed)"), self->path);

  g_object_ref (self);
  if (got->len > 0)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&got));

      g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, bytes);
    }
  if (reason != NULL)
    disconnect (self, reason);
  g_object_unref (self);

  /* The source is gone if a handler closed the port. */
  return G_SOURCE_CONTINUE;
}

/* Writes as much of the queue as the kernel takes; FALSE on a fatal error. */
static gboolean
flush_queue (StSerialPort *self)
{
  while (self->queue->len > 0)
    {
      ssize_t n = write (self->fd, self->queue->data, self->queue->len);

      if (n > 0)
        {
          g_byte_array_remove_range (self->queue, 0, (guint) n);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return TRUE;
      {
        g_autofree char *reason = g_strdup_printf ("%s: %s", self->path,
                                                   n < 0 ? g_strerror (errno) : _("write failed"));
        disconnect_later (self, reason);
        return FALSE;
      }
    }
  return TRUE;
}

static gboolean
on_writable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  StSerialPort *self = user_data;

  if (!flush_queue (self))
    {
      /* Stop polling a dead fd; the disconnect is reported from an idle. */
      g_clear_pointer (&self->write_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  if (self->queue->len > 0)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->write_source, g_source_unref);
  g_signal_emit (self, signals[SIGNAL_DRAINED], 0);
  return G_SOURCE_REMOVE;
}

void
st_serial_port_write (StSerialPort *self,
                      const guint8 *data,
                      gsize         length)
{
  g_return_if_fail (ST_IS_SERIAL_PORT (self));

  if (self->fd < 0 || length == 0)
    return;
  g_byte_array_append (self->queue, data, (guint) length);
  if (self->write_source != NULL)
    return;
  if (!flush_queue (self) || self->queue->len == 0)
    return;
  self->write_source = g_unix_fd_source_new (self->fd, G_IO_OUT | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->write_source, (GSourceFunc) (void (*) (void)) on_writable, self, NULL);
  g_source_attach (self->write_source, self->context);
}

gsize
st_serial_port_get_pending (StSerialPort *self)
{
  g_return_val_if_fail (ST_IS_SERIAL_PORT (self), 0);
  return self->queue->len;
}

const char *
st_serial_port_get_path (StSerialPort *self)
{
  g_return_val_if_fail (ST_IS_SERIAL_PORT (self), NULL);
  return self->path;
}

gboolean
st_serial_port_is_open (StSerialPort *self)
{
  g_return_val_if_fail (ST_IS_SERIAL_PORT (self), FALSE);
  return self->fd >= 0;
}

void
st_serial_port_close (StSerialPort *self)
{
  g_return_if_fail (ST_IS_SERIAL_PORT (self));
  close_fd (self, TRUE);
  destroy_source (&self->idle_source);
}

static speed_t
baud_constant (guint baud)
{
  switch (baud)
    {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return 0;
    }
}

StSerialPort *
st_serial_port_open (const char  *path,
                     guint        baud,
                     GError     **error)
{
  g_autoptr(StSerialPort) self = NULL;
  struct termios tio;
  speed_t speed = baud_constant (baud);
  int fd, saved;

  g_return_val_if_fail (path != NULL, NULL);

  if (speed == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                   _("%s: %u baud is not supported (use 9600 to 230400)"), path, baud);
      return NULL;
    }

  fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      saved = errno;
      if (saved == EACCES)
        g_set_error (error, ST_ERROR, ST_ERROR_IO,
                     /* Translators: dialout is the name of a group and the
                      * command in parentheses must stay as it is. */
                     _("%s: permission denied; add yourself to the dialout group "
                       "(sudo usermod -aG dialout $USER) and log in again"), path);
      else if (saved == EBUSY)
        g_set_error (error, ST_ERROR, ST_ERROR_IO,
                     _("%s: the port is in use by another program"), path);
      else if (saved == ENOENT || saved == ENXIO || saved == ENODEV)
        g_set_error (error, ST_ERROR, ST_ERROR_IO,
                     _("%s: no such port (is the machine plugged in?)"), path);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (!isatty (fd))
    {
      close (fd);
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: not a serial port"), path);
      return NULL;
    }
  /* TIOCEXCL keeps others out (except root); the lock also stops a second
   * Stranded or AYAB run by root, as pyserial's exclusive=True does. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, ST_ERROR, ST_ERROR_IO,
                   _("%s: the port is in use by another program"), path);
      return NULL;
    }
  if (ioctl (fd, TIOCEXCL) != 0 && errno != ENOTTY)
    {
      saved = errno;
      close (fd);
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot lock the port: %s"), path,
                   g_strerror (saved));
      return NULL;
    }

  self = g_object_new (ST_TYPE_SERIAL_PORT, NULL);
  self->path = g_strdup (path);
  self->fd = fd;
  if (tcgetattr (fd, &tio) != 0)
    {
      saved = errno;
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot read the line settings: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  self->saved = tio;
  self->have_saved = TRUE;

  /* Raw 8N1, no flow control. VMIN 1 matters: with VMIN 0 and VTIME 0 a
   * tty read returns 0 when empty even with O_NONBLOCK, which looks like end
   * of file; with VMIN 1 an empty line gives EAGAIN and 0 means hang-up. */
  cfmakeraw (&tio);
  tio.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~(IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  cfsetispeed (&tio, speed);
  cfsetospeed (&tio, speed);
  if (tcsetattr (fd, TCSANOW, &tio) != 0)
    {
      saved = errno;
      /* Translators: 8N1 is the line setting (8 data bits, no parity, 1
       * stop bit); keep it. */
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: cannot set %u baud 8N1: %s"),
                   path, baud, g_strerror (saved));
      return NULL;
    }
  tcflush (fd, TCIOFLUSH);

  self->context = g_main_context_ref_thread_default ();
  self->read_source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->read_source, (GSourceFunc) (void (*) (void)) on_readable, self, NULL);
  g_source_attach (self->read_source, self->context);
  return g_steal_pointer (&self);
}

/* ---- port listing ------------------------------------------------------- */

void
st_port_info_free (StPortInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->name);
  g_free (info->by_id);
  g_free (info->driver);
  g_free (info->vendor_id);
  g_free (info->product_id);
  g_free (info->manufacturer);
  g_free (info->product);
  g_free (info->serial);
  g_free (info);
}

char *
st_port_info_describe (const StPortInfo *info)
{
  GString *out = g_string_new (info->product ? info->product : info->name);
  const char *sep = " (";

  if (info->manufacturer != NULL)
    {
      g_string_append_printf (out, "%s%s", sep, info->manufacturer);
      sep = ", ";
    }
  if (info->vendor_id != NULL && info->product_id != NULL)
    {
      g_string_append_printf (out, "%sUSB %s:%s", sep, info->vendor_id, info->product_id);
      sep = ", ";
    }
  if (info->driver != NULL)
    {
      g_string_append_printf (out, "%s%s", sep, info->driver);
      sep = ", ";
    }
  if (strcmp (sep, ", ") == 0)
    g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static char *
read_attribute (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

static gboolean
is_usb_candidate (const char *name)
{
  return g_str_has_prefix (name, "ttyUSB") || g_str_has_prefix (name, "ttyACM");
}

/* Natural order: ttyACM2 before ttyACM10. */
static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  const StPortInfo *pa = *(StPortInfo * const *) a;
  const StPortInfo *pb = *(StPortInfo * const *) b;
  gsize la = strcspn (pa->name, "0123456789");
  gsize lb = strcspn (pb->name, "0123456789");
  int c;

  if (la != lb || (c = strncmp (pa->name, pb->name, la)) != 0)
    return strcmp (pa->name, pb->name);
  c = (int) (g_ascii_strtoull (pa->name + la, NULL, 10) - g_ascii_strtoull (pb->name + lb, NULL, 10));
  return c != 0 ? c : strcmp (pa->name, pb->name);
}

static StPortInfo *
probe_port (const char *sysfs_root,
            const char *tty_dir,
            const char *name,
            const char *dev_root)
{
  g_autofree char *class_entry = g_build_filename (tty_dir, name, NULL);
  g_autofree char *device_link = g_build_filename (class_entry, "device", NULL);
  g_autofree char *device = realpath (device_link, NULL);
  g_autofree char *root = realpath (sysfs_root, NULL);
  g_autofree char *resolved_entry = realpath (class_entry, NULL);
  g_autofree char *driver_link = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *usb = NULL;
  StPortInfo *info;

  /* Virtual consoles and ptys have no device; neither do phantom ttyS. */
  if (device == NULL || root == NULL)
    return NULL;
  if (resolved_entry != NULL && strstr (resolved_entry, "/virtual/") != NULL)
    return NULL;

  /* Walk up from the interface to the USB device holding idVendor. */
  usb = g_strdup (device);
  for (int level = 0; level < 6 && usb != NULL; level++)
    {
      g_autofree char *vendor = g_build_filename (usb, "idVendor", NULL);
      char *parent;

      if (g_file_test (vendor, G_FILE_TEST_EXISTS))
        break;
      parent = g_path_get_dirname (usb);
      g_free (usb);
      usb = parent;
      if (!g_str_has_prefix (usb, root) || strlen (usb) <= strlen (root))
        g_clear_pointer (&usb, g_free);
    }
  if (usb != NULL)
    {
      g_autofree char *vendor = g_build_filename (usb, "idVendor", NULL);

      if (!g_file_test (vendor, G_FILE_TEST_EXISTS))
        g_clear_pointer (&usb, g_free);
    }
  if (usb == NULL && !is_usb_candidate (name))
    return NULL;

  info = g_new0 (StPortInfo, 1);
  info->name = g_strdup (name);
  info->path = g_build_filename (dev_root, name, NULL);
  driver_link = g_build_filename (device, "driver", NULL);
  driver = realpath (driver_link, NULL);
  if (driver != NULL)
    info->driver = g_path_get_basename (driver);
  if (usb != NULL)
    {
      info->vendor_id = read_attribute (usb, "idVendor");
      info->product_id = read_attribute (usb, "idProduct");
      info->manufacturer = read_attribute (usb, "manufacturer");
      info->product = read_attribute (usb, "product");
      info->serial = read_attribute (usb, "serial");
    }
  return info;
}

GPtrArray *
st_serial_list_ports (const char *sysfs_root,
                      const char *dev_root)
{
  GPtrArray *ports = g_ptr_array_new_with_free_func ((GDestroyNotify) st_port_info_free);
  g_autofree char *tty_dir = NULL;
  g_autofree char *by_id_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  if (sysfs_root == NULL)
    sysfs_root = "/sys";
  if (dev_root == NULL)
    dev_root = "/dev";
  tty_dir = g_build_filename (sysfs_root, "class", "tty", NULL);
  dir = g_dir_open (tty_dir, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      StPortInfo *info = probe_port (sysfs_root, tty_dir, entry, dev_root);

      if (info != NULL)
        g_ptr_array_add (ports, info);
    }

  /* udev's stable names: each link's target is the node it names. */
  by_id_dir = g_build_filename (dev_root, "serial", "by-id", NULL);
  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (by_id_dir, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (by_id_dir, entry, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      g_autofree char *base = NULL;

      if (target == NULL)
        continue;
      base = g_path_get_basename (target);
      for (guint i = 0; i < ports->len; i++)
        {
          StPortInfo *info = g_ptr_array_index (ports, i);

          if (strcmp (info->name, base) == 0 && info->by_id == NULL)
            info->by_id = g_steal_pointer (&link);
        }
    }
  g_ptr_array_sort (ports, compare_ports);
  return ports;
}

/* ---- hotplug ------------------------------------------------------------ */

struct _StPortMonitor
{
  GObject       parent_instance;
  GFileMonitor *dev_monitor;
  GFileMonitor *by_id_monitor;
  GSource      *settle;
};

G_DEFINE_FINAL_TYPE (StPortMonitor, st_port_monitor, G_TYPE_OBJECT)

static guint monitor_changed_signal;

static void
st_port_monitor_dispose (GObject *object)
{
  StPortMonitor *self = ST_PORT_MONITOR (object);

  if (self->dev_monitor != NULL)
    g_file_monitor_cancel (self->dev_monitor);
  if (self->by_id_monitor != NULL)
    g_file_monitor_cancel (self->by_id_monitor);
  g_clear_object (&self->dev_monitor);
  g_clear_object (&self->by_id_monitor);
  destroy_source (&self->settle);
  G_OBJECT_CLASS (st_port_monitor_parent_class)->dispose (object);
}

static void
st_port_monitor_class_init (StPortMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = st_port_monitor_dispose;
  monitor_changed_signal =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
st_port_monitor_init (StPortMonitor *self)
{
}

static gboolean
on_settled (gpointer user_data)
{
  StPortMonitor *self = user_data;

  g_clear_pointer (&self->settle, g_source_unref);
  g_signal_emit (self, monitor_changed_signal, 0);
  return G_SOURCE_REMOVE;
}

static void
on_dev_changed (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                gpointer           user_data)
{
  StPortMonitor *self = user_data;
  g_autofree char *name = g_file_get_basename (file);

  if (event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_DELETED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN && event != G_FILE_MONITOR_EVENT_MOVED_OUT)
    return;
  if (monitor == self->dev_monitor && !g_str_has_prefix (name, "tty"))
    return;
  /* udev adds the by-id links a moment after the node: report once. */
  if (self->settle != NULL)
    return;
  self->settle = g_timeout_source_new (300);
  g_source_set_callback (self->settle, on_settled, self, NULL);
  g_source_attach (self->settle, g_main_context_get_thread_default ());
}

StPortMonitor *
st_port_monitor_new (const char *dev_root)
{
  StPortMonitor *self = g_object_new (ST_TYPE_PORT_MONITOR, NULL);
  g_autoptr(GFile) dev = g_file_new_for_path (dev_root ? dev_root : "/dev");
  g_autoptr(GFile) by_id = g_file_resolve_relative_path (dev, "serial/by-id");

  self->dev_monitor = g_file_monitor_directory (dev, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->dev_monitor != NULL)
    g_signal_connect (self->dev_monitor, "changed", G_CALLBACK (on_dev_changed), self);
  self->by_id_monitor = g_file_monitor_directory (by_id, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->by_id_monitor != NULL)
    g_signal_connect (self->by_id_monitor, "changed", G_CALLBACK (on_dev_changed), self);
  return self;
}
