/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-machine-link.h: a knitting job on a connected machine, on the GLib main
 * loop: the serial port, the job engine and the job record together. This is
 * what the app's "Send to machine" panel and `stranded-cli send` drive:
 * start, pause, resume and cancel, and signals for everything to show.
 *
 * Signals (all on the main context the link was started from):
 *   state-changed (StJobState state)          also notify::state
 *   progress      (gpointer StJobProgress*)   round, pass, yarns, next change
 *   round-done    (guint64 rounds_done)       after the job record is saved
 *   device-info   (gpointer StDeviceInfo*)    after the handshake
 *   log           (gint StJobLogLevel, const char *message)
 *   disconnected  (const char *reason)        the port went away
 *   finished      (StJobState state, const char *message)
 *                 the job ended and the port is closed; message is NULL
 *                 when it completed, otherwise says why; resumable when
 *                 st_machine_link_can_resume() says so
 */
#pragma once

#include <glib-object.h>

#include "st-job.h"
#include "st-job-record.h"
#include "st-pattern.h"

G_BEGIN_DECLS

#define ST_TYPE_MACHINE_LINK (st_machine_link_get_type ())
G_DECLARE_FINAL_TYPE (StMachineLink, st_machine_link, ST, MACHINE_LINK, GObject)

StMachineLink        *st_machine_link_new              (void);
/* Where job records are kept; NULL keeps none. The default is
 * st_job_record_default_dir(). Set before starting. */
void                  st_machine_link_set_record_dir   (StMachineLink       *self,
                                                        const char          *dir);
void                  st_machine_link_set_timings      (StMachineLink       *self,
                                                        const StJobTimings  *timings);
/* Opens @port and starts knitting. @pattern_path, when given, names the
 * pattern in the job record so `send --resume` and the app can continue it;
 * to resume, pass options from st_job_record_to_options(). */
gboolean              st_machine_link_start            (StMachineLink       *self,
                                                        const char          *port,
                                                        guint                baud,
                                                        const StPattern     *pattern,
                                                        const char          *pattern_path,
                                                        const StJobOptions  *options,
                                                        GError             **error);
void                  st_machine_link_pause            (StMachineLink       *self);
void                  st_machine_link_resume           (StMachineLink       *self);
/* Stops the machine (ayab quitCmd, circular CANCEL), then finishes. */
void                  st_machine_link_cancel           (StMachineLink       *self);

StJobState            st_machine_link_get_state        (StMachineLink       *self);
gboolean              st_machine_link_is_running       (StMachineLink       *self);
/* NULL before a job started. */
const StJobProgress  *st_machine_link_get_progress     (StMachineLink       *self);
const StJobPlan      *st_machine_link_get_plan         (StMachineLink       *self);
const StDeviceInfo   *st_machine_link_get_device_info  (StMachineLink       *self);
const StJobStats     *st_machine_link_get_stats        (StMachineLink       *self);
guint64               st_machine_link_get_rounds_done  (StMachineLink       *self);
const char           *st_machine_link_get_message      (StMachineLink       *self);
/* After `finished`: TRUE when the job record was kept for a resume, FALSE
 * when the job completed or cannot be knitted this way (st_job_can_resume). */
gboolean              st_machine_link_can_resume       (StMachineLink       *self);
/* The job record file, or NULL when none is kept. */
const char           *st_machine_link_get_record_path  (StMachineLink       *self);
const char           *st_machine_link_get_port         (StMachineLink       *self);

G_END_DECLS
