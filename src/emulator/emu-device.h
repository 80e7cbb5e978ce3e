/* SPDX-License-Identifier: GPL-3.0-or-later
 * emu-device.h: the virtual knitting machine behind stranded-emulator: an
 * AYAB interface running firmware 1.0 (API 6), with its states and quirks,
 * or a controller speaking Stranded's circular dialect. Pure state machines:
 * fed host payloads and the time, they answer through callbacks and knit
 * into an EmuFabric. The I/O (a pty, or a test's virtual wire) is outside.
 */
#pragma once

#include <glib.h>

#include "emu-fabric.h"
#include "st-job-plan.h"

G_BEGIN_DECLS

typedef struct
{
  StProtocol  protocol;
  StKnitMode  mode;            /* ayab: how passes make rounds */
  guint       needles;         /* ayab: bed (200 or 112); circular: cylinder */
  guint       feeds;           /* circular yarn feeds */
  gint64      pass_time;       /* one carriage pass (ayab) or round (circular), us */
  gint64      ready_time;      /* ayab: from reqInit to the carriage at the turn mark */
  gint64      boot_time;       /* after power-up or a reset the input is ignored */
  gboolean    dtr_reset;       /* ayab: opening the port resets the board */
  gboolean    persistent;      /* circular: job and round survive a reset */
  guint       disconnect_at;   /* unplug when this round (1-based) is about to start */
  guint       reset_at;        /* restart when this round is about to start */
  guint32     seed;
} EmuConfig;

void        emu_config_init   (EmuConfig     *config,
                               StProtocol     protocol);

typedef enum
{
  EMU_EVENT_DISCONNECT,        /* the fault says the cable goes now */
  EMU_EVENT_FINISHED,          /* the job ended: ayab end-of-work, circular DONE */
} EmuEvent;

typedef struct
{
  void (*send)  (gpointer user_data, const guint8 *payload, gsize length);
  void (*send_raw) (gpointer user_data, const guint8 *bytes, gsize length);
  void (*event) (gpointer user_data, EmuEvent event);
  void (*log)   (gpointer user_data, const char *message);
} EmuCallbacks;

typedef struct _EmuDevice EmuDevice;

EmuDevice        *emu_device_new            (const EmuConfig    *config,
                                             const EmuCallbacks *callbacks,
                                             gpointer            user_data);
void              emu_device_free           (EmuDevice          *device);
/* The host opened the port (an Arduino resets here when dtr_reset). */
void              emu_device_connected      (EmuDevice          *device,
                                             gint64              now);
/* The link went: nothing more can be sent until reconnected. */
void              emu_device_disconnected   (EmuDevice          *device,
                                             gint64              now);
void              emu_device_receive        (EmuDevice          *device,
                                             const guint8       *payload,
                                             gsize               length,
                                             gint64              now);
void              emu_device_tick           (EmuDevice          *device,
                                             gint64              now);
gint64            emu_device_next_deadline  (const EmuDevice    *device);
/* Power-cycles the controller at once. */
void              emu_device_reset          (EmuDevice          *device,
                                             gint64              now);
const EmuFabric  *emu_device_get_fabric     (const EmuDevice    *device);
/* The firmware state (StAyabState) or controller state (StCircularState). */
guint8            emu_device_get_state      (const EmuDevice    *device);
/* Counters for the end-of-run summary and the tests. */
typedef struct
{
  guint64 frames_in;
  guint64 bad_crc;            /* dropped or NAKed for a bad CRC */
  guint64 lines_accepted;
  guint64 lines_ignored;      /* duplicates and unrequested lines */
  guint64 rerequests;         /* ayab: wrong line number, asked again */
  guint64 passes;
  guint64 resets;
} EmuStats;
const EmuStats   *emu_device_get_stats      (const EmuDevice    *device);

G_END_DECLS
