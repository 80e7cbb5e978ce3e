/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-device-private.h: shared insides of the two device models.
 */
#pragma once

#include "emu-device.h"
#include "st-ayab.h"
#include "st-circular.h"

G_BEGIN_DECLS

#define EMU_NEVER G_MAXINT64
/* The cable comes out this long after the request that starts the faulty
 * round, so the request reaches the host and the host knows the previous
 * round is knitted; meanwhile nothing more gets through. */
#define EMU_UNPLUG_GRACE (200 * 1000)

typedef struct
{
  void   (*connected) (EmuDevice *device, gint64 now);
  void   (*receive)   (EmuDevice *device, const guint8 *payload, gsize length, gint64 now);
  void   (*tick)      (EmuDevice *device, gint64 now);
  gint64 (*deadline)  (const EmuDevice *device);
  void   (*reset)     (EmuDevice *device, gint64 now);
} EmuDeviceClass;

extern const EmuDeviceClass emu_ayab_class;
extern const EmuDeviceClass emu_circular_class;

typedef struct
{
  guint8   state;               /* StAyabState */
  guint8   machine_type;
  guint    line_bytes;
  guint8   start;
  guint8   stop;
  gboolean reporting;           /* reqStart bit 0 */
  guint8   buffer[ST_AYAB_MAX_LINE_BYTES];   /* the live line, as sent */
  guint8   current_line;
  gboolean requested;
  gboolean last_line;
  gint64   pass_due;            /* the carriage finishes the accepted line */
  gint64   ready_due;           /* the carriage crosses the turn mark */
  guint8   passes[4][ST_AYAB_MAX_LINE_BYTES];   /* passes of the row in progress */
  guint    n_passes;
} EmuAyab;

typedef struct
{
  gboolean valid;
  guint16  round;
  guint8   flags;
  guint8   yarns[ST_CIRCULAR_MAX_NEEDLES];
} EmuLine;

typedef struct
{
  guint8   state;               /* StCircularState */
  guint8   paused_from;         /* state to return to on RESUME */
  guint8   error;
  guint16  job;
  guint16  round;               /* in progress, or next */
  gboolean redirect;            /* after this round continue with next_round */
  guint16  next_round;
  EmuLine  lines[2];
  gint64   round_start;
  gint64   round_due;
  gint64   paused_at;
  gint64   request_due;
  gboolean requested;           /* a REQ_LINE went out for requested_round */
  guint16  requested_round;
  gint64   requested_at;
  gint64   heartbeat_due;
  gboolean announce_boot;
  gboolean hold;                /* a round waits for the unplug to pass */
} EmuCircular;

struct _EmuDevice
{
  const EmuDeviceClass *klass;
  EmuConfig             config;
  EmuCallbacks          cb;
  gpointer              user_data;
  EmuFabric            *fabric;
  EmuStats              stats;
  GRand                *rand;
  gboolean              connected;
  gboolean              disconnect_fired;
  gint64                unplug_due;     /* the cable comes out */
  gboolean              reset_fired;
  gint64                boot_until;
  EmuAyab               ayab;
  EmuCircular           circ;
};

void     emu_device_log    (EmuDevice    *device,
                            const char   *format,
                            ...) G_GNUC_PRINTF (2, 3);
void     emu_device_send   (EmuDevice    *device,
                            const guint8 *payload,
                            gsize         length);
/* Called when a round is about to start: fires the round faults. Returns
 * FALSE when the device reset and the caller must stop. */
gboolean emu_device_round_faults (EmuDevice *device,
                                  gint64     now);

G_END_DECLS
