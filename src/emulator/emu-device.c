/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-device.c: what both device models share (see emu-device.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "emu-device-private.h"

#include <stdarg.h>
#include <string.h>

void
emu_config_init (EmuConfig  *config,
                 StProtocol  protocol)
{
  memset (config, 0, sizeof *config);
  config->protocol = protocol;
  config->mode = protocol == ST_PROTOCOL_AYAB ? ST_KNIT_MODE_SINGLEBED : ST_KNIT_MODE_ROUND;
  config->needles = protocol == ST_PROTOCOL_AYAB ? 200 : 48;
  config->feeds = 2;
  config->pass_time = G_USEC_PER_SEC;
  config->ready_time = 500 * 1000;
  config->boot_time = 300 * 1000;
  config->dtr_reset = TRUE;
  config->persistent = TRUE;
  config->seed = 1;
}

EmuDevice *
emu_device_new (const EmuConfig    *config,
                const EmuCallbacks *callbacks,
                gpointer            user_data)
{
  EmuDevice *device = g_new0 (EmuDevice, 1);

  device->klass = config->protocol == ST_PROTOCOL_AYAB ? &emu_ayab_class : &emu_circular_class;
  device->config = *config;
  device->cb = *callbacks;
  device->user_data = user_data;
  device->fabric = emu_fabric_new ();
  device->rand = g_rand_new_with_seed (config->seed);
  device->unplug_due = EMU_NEVER;
  device->fabric->description =
    g_strdup_printf ("protocol %s, mode %s, %u needles", st_protocol_to_string (config->protocol),
                     st_knit_mode_to_string (config->mode), config->needles);
  /* Powered up before anyone listens: no boot announcement. */
  device->klass->reset (device, 0);
  device->circ.announce_boot = FALSE;
  return device;
}

void
emu_device_free (EmuDevice *device)
{
  if (device == NULL)
    return;
  emu_fabric_free (device->fabric);
  g_rand_free (device->rand);
  g_free (device);
}

void
emu_device_log (EmuDevice  *device,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (device->cb.log == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  device->cb.log (device->user_data, message);
}

void
emu_device_send (EmuDevice    *device,
                 const guint8 *payload,
                 gsize         length)
{
  /* Nothing leaves an unplugged device. */
  if (device->connected)
    device->cb.send (device->user_data, payload, length);
}

gboolean
emu_device_round_faults (EmuDevice *device,
                         gint64     now)
{
  guint next = emu_fabric_rows (device->fabric) + 1;

  if (device->config.reset_at != 0 && next == device->config.reset_at && !device->reset_fired)
    {
      device->reset_fired = TRUE;
      emu_device_log (device, _("fault: resetting before round %u"), next);
      emu_device_reset (device, now);
      return FALSE;
    }
  if (device->config.disconnect_at != 0 && next == device->config.disconnect_at &&
      !device->disconnect_fired && device->connected)
    {
      device->disconnect_fired = TRUE;
      emu_device_log (device, _("fault: unplugging before round %u"), next);
      device->unplug_due = now + EMU_UNPLUG_GRACE;
    }
  return TRUE;
}

void
emu_device_connected (EmuDevice *device,
                      gint64     now)
{
  device->connected = TRUE;
  device->unplug_due = EMU_NEVER;
  device->klass->connected (device, now);
}

void
emu_device_disconnected (EmuDevice *device,
                         gint64     now)
{
  device->connected = FALSE;
}

void
emu_device_receive (EmuDevice    *device,
                    const guint8 *payload,
                    gsize         length,
                    gint64        now)
{
  if (now < device->boot_until || device->unplug_due != EMU_NEVER)
    return;   /* the bootloader does not listen; a cable being pulled carries nothing */
  device->stats.frames_in++;
  device->klass->receive (device, payload, length, now);
}

void
emu_device_tick (EmuDevice *device,
                 gint64     now)
{
  if (now >= device->unplug_due)
    {
      device->unplug_due = EMU_NEVER;
      device->connected = FALSE;
      if (device->cb.event != NULL)
        device->cb.event (device->user_data, EMU_EVENT_DISCONNECT);
    }
  device->klass->tick (device, now);
}

gint64
emu_device_next_deadline (const EmuDevice *device)
{
  return MIN (device->unplug_due, device->klass->deadline (device));
}

void
emu_device_reset (EmuDevice *device,
                  gint64     now)
{
  device->stats.resets++;
  device->boot_until = now + device->config.boot_time;
  device->klass->reset (device, now);
}

const EmuFabric *
emu_device_get_fabric (const EmuDevice *device)
{
  return device->fabric;
}

guint8
emu_device_get_state (const EmuDevice *device)
{
  return device->config.protocol == ST_PROTOCOL_AYAB ? device->ayab.state : device->circ.state;
}

const EmuStats *
emu_device_get_stats (const EmuDevice *device)
{
  return &device->stats;
}
