/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-serial.h: a serial port on the GLib main loop. Opens a tty exclusively,
 * raw 8N1, non-blocking; reads until EAGAIN from a unix fd source; queues
 * writes behind a G_IO_OUT watch; reports a hang-up, end of file or I/O error
 * once as the "disconnected" signal and closes, never blocking the loop.
 * Sources attach to the thread-default main context at open time.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ST_SERIAL_DEFAULT_BAUD 115200

#define ST_TYPE_SERIAL_PORT (st_serial_port_get_type ())
G_DECLARE_FINAL_TYPE (StSerialPort, st_serial_port, ST, SERIAL_PORT, GObject)

/* Signals:
 *   received (GBytes *data)        bytes read, in order
 *   disconnected (const char *why) the port is gone; emitted once, after
 *                                  which the port is closed
 *   drained ()                     the write queue became empty
 */

/* Any path naming a terminal works: /dev/ttyUSB0, a by-id link, a pty. The
 * error names the path and, for the usual causes, what to do. */
StSerialPort  *st_serial_port_open          (const char    *path,
                                             guint          baud,
                                             GError       **error);
const char    *st_serial_port_get_path      (StSerialPort  *port);
gboolean       st_serial_port_is_open       (StSerialPort  *port);
/* Queues @data; written as the device accepts it. Ignored once closed. */
void           st_serial_port_write         (StSerialPort  *port,
                                             const guint8  *data,
                                             gsize          length);
/* Bytes queued but not yet handed to the kernel. */
gsize          st_serial_port_get_pending   (StSerialPort  *port);
/* Closes without emitting "disconnected"; queued bytes are dropped. */
void           st_serial_port_close         (StSerialPort  *port);

/* A serial port found on the system. */
typedef struct
{
  char *path;           /* device node, e.g. /dev/ttyACM0 */
  char *name;           /* ttyACM0 */
  char *by_id;          /* stable /dev/serial/by-id link, or NULL */
  char *driver;         /* kernel driver (cdc_acm, ftdi_sio, ch341...), or NULL */
  char *vendor_id;      /* USB idVendor as 4 hex digits, or NULL */
  char *product_id;
  char *manufacturer;   /* USB strings, or NULL */
  char *product;
  char *serial;
} StPortInfo;

void           st_port_info_free            (StPortInfo    *info);
/* "Arduino Uno (Arduino (www.arduino.cc), USB 2341:0043)": for lists. */
char          *st_port_info_describe        (const StPortInfo *info);

/* USB serial ports (ttyUSB*, ttyACM* and other ttys on a USB device) found
 * under @sysfs_root/class/tty, named under @dev_root, with their USB
 * identity and @dev_root/serial/by-id links; sorted by name. Roots are
 * parameters so tests can scan a fake tree; NULL means /sys and /dev. */
GPtrArray     *st_serial_list_ports         (const char    *sysfs_root,
                                             const char    *dev_root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StPortInfo, st_port_info_free)

/* Watches @dev_root (NULL: /dev) and its serial/by-id folder; "changed" is
 * emitted, coalesced over 300 ms, when a tty node or link appears or goes:
 * the app refreshes its port list on hotplug with it. */
#define ST_TYPE_PORT_MONITOR (st_port_monitor_get_type ())
G_DECLARE_FINAL_TYPE (StPortMonitor, st_port_monitor, ST, PORT_MONITOR, GObject)

StPortMonitor *st_port_monitor_new          (const char    *dev_root);

G_END_DECLS
