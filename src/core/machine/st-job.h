/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job.h: the job engine: a state machine that knits a pattern through a
 * machine speaking ayab or circular. It is fed decoded frames, framing
 * errors, the user's commands and the time, and answers through callbacks:
 * payloads to send, state changes, progress, confirmed rounds (to persist),
 * device info and log lines. No I/O and no clock inside, so every state and
 * fault is testable in virtual time. See JOBS.md.
 */
#pragma once

#include <glib-object.h>

#include "st-framing.h"
#include "st-job-plan.h"
#include "st-pattern.h"

G_BEGIN_DECLS

typedef enum
{
  ST_JOB_STATE_IDLE,            /* created, not started */
  ST_JOB_STATE_CONNECTING,      /* handshake: info, init */
  ST_JOB_STATE_WAITING_READY,   /* ayab: the carriage must cross the turn mark */
  ST_JOB_STATE_STARTING,        /* start sent, not yet confirmed */
  ST_JOB_STATE_KNITTING,
  ST_JOB_STATE_PAUSED,
  ST_JOB_STATE_FINISHING,       /* every round knitted; closing the handshake */
  ST_JOB_STATE_CANCELLING,
  ST_JOB_STATE_COMPLETED,       /* final */
  ST_JOB_STATE_CANCELLED,       /* final; resumable */
  ST_JOB_STATE_DISCONNECTED,    /* final; the link is gone or silent; resumable */
  ST_JOB_STATE_FAILED,          /* final; the machine refused; see st_job_can_resume() */
} StJobState;

GType        st_job_state_get_type      (void) G_GNUC_CONST;
#define ST_TYPE_JOB_STATE (st_job_state_get_type ())
const char  *st_job_state_to_string     (StJobState  state);
gboolean     st_job_state_is_final      (StJobState  state);

typedef enum
{
  ST_JOB_LOG_DEBUG,     /* every message on the wire */
  ST_JOB_LOG_INFO,
  ST_JOB_LOG_ACTION,    /* the knitter must do something */
  ST_JOB_LOG_WARNING,   /* a fault that was handled */
  ST_JOB_LOG_ERROR,     /* why the job stopped */
} StJobLogLevel;

typedef struct
{
  guint64  total_rounds;        /* 0 when endless */
  guint64  rounds_done;         /* confirmed knitted: resume starts here */
  guint64  round;               /* job round on the needles now, 0-based */
  guint    row;                 /* its pattern row, 0-based */
  guint    repeat;              /* which time through the pattern, 0-based */
  guint    pass;                /* pass within the round, 0-based */
  guint    passes;              /* passes per round */
  guint32  yarns;               /* yarn indices knitted in this pass, as bits */
  gboolean has_next_change;
  guint64  next_change_round;
  guint    next_change_pass;
  guint32  next_change_yarns;
  guint    needle;              /* circular: needle under the feed; G_MAXUINT unknown */
} StJobProgress;

typedef struct
{
  StProtocol protocol;
  guint      api_version;       /* ayab API / circular protocol version */
  guint      major;
  guint      minor;
  guint      patch;
  char       name[32];          /* ayab firmware suffix / circular controller name */
  guint      needles;           /* ayab: of the machine type; circular: cylinder */
  guint      feeds;             /* circular */
  guint      caps;              /* circular ST_CIRCULAR_CAP_* */
} StDeviceInfo;

/* Counters for the end-of-job summary and the benchmarks. */
typedef struct
{
  guint64 frames_in;
  guint64 frames_out;
  guint64 bad_frames;           /* garbled, bad CRC, wrong size, unknown ID */
  guint64 framing_errors;       /* oversized or badly escaped SLIP frames */
  guint64 lines_sent;
  guint64 lines_resent;         /* ayab resend rule, circular NAK/timeout */
  guint64 out_of_sequence;
  guint64 retries;              /* handshake and command retries */
  guint64 probes;               /* liveness probes after silence */
  guint64 restarts;             /* the machine restarted during the job */
} StJobStats;

typedef struct
{
  void (*send)          (gpointer user_data, const guint8 *payload, gsize length);
  void (*state_changed) (gpointer user_data, StJobState state);
  void (*progress)      (gpointer user_data, const StJobProgress *progress);
  void (*rounds_done)   (gpointer user_data, guint64 rounds_done);
  void (*device_info)   (gpointer user_data, const StDeviceInfo *info);
  void (*log)           (gpointer user_data, StJobLogLevel level, const char *message);
} StJobCallbacks;

/* Times in microseconds; st_job_timings_default() gives the values JOBS.md
 * explains. Tests shorten or lengthen them. */
typedef struct
{
  gint64 retry;           /* re-send a handshake message: 200 ms */
  gint64 handshake;       /* give up the handshake: 10 s */
  gint64 resend;          /* ayab: re-send the current line: 1 s */
  gint64 ready_probe;     /* ayab: probe readiness while waiting for the carriage: 1 s */
  gint64 silence;         /* probe after this long without a message: 3 s */
  gint64 probe;           /* wait for a probe's answer: 1 s */
  guint  probe_attempts;  /* unanswered probes before the link counts as lost: 3 */
  gint64 ack;             /* circular: wait for ACK or CNF before re-sending: 500 ms */
  guint  ack_attempts;    /* sends of one line or command before giving up: 10 */
  gint64 finish;          /* wait for the closing handshake: 3 s */
} StJobTimings;

void        st_job_timings_default      (StJobTimings *timings);

typedef struct _StJob StJob;

/* Validates the pattern for @options (see st_job_plan_new()). */
StJob       *st_job_new                 (const StPattern      *pattern,
                                         const StJobOptions   *options,
                                         const StJobCallbacks *callbacks,
                                         gpointer              user_data,
                                         GError              **error);
void         st_job_free                (StJob                *job);
void         st_job_set_timings         (StJob                *job,
                                         const StJobTimings   *timings);

void         st_job_start               (StJob                *job,
                                         gint64                now);
/* One decoded SLIP frame from the machine. */
void         st_job_receive             (StJob                *job,
                                         const guint8         *payload,
                                         gsize                 length,
                                         gint64                now);
/* The SLIP decoder dropped a frame. */
void         st_job_framing_error       (StJob                *job,
                                         StSlipResult          result,
                                         gint64                now);
/* Runs the timers due at @now. */
void         st_job_tick                (StJob                *job,
                                         gint64                now);
/* When st_job_tick() next has work; G_MAXINT64 for never. */
gint64       st_job_next_deadline       (const StJob          *job);

void         st_job_pause               (StJob                *job,
                                         gint64                now);
void         st_job_resume              (StJob                *job,
                                         gint64                now);
/* Stops the machine (ayab quitCmd, circular CANCEL) and ends the job. */
void         st_job_cancel              (StJob                *job,
                                         gint64                now);
void         st_job_disconnected        (StJob                *job,
                                         const char           *reason,
                                         gint64                now);

StJobState            st_job_get_state        (const StJob *job);
const StJobProgress  *st_job_get_progress     (const StJob *job);
guint64               st_job_get_rounds_done  (const StJob *job);
const StJobPlan      *st_job_get_plan         (const StJob *job);
/* NULL until the handshake got the machine's info. */
const StDeviceInfo   *st_job_get_device_info  (const StJob *job);
const StJobStats     *st_job_get_stats        (const StJob *job);
guint16               st_job_get_job_id       (const StJob *job);
/* Why the job stopped (final states other than COMPLETED), else NULL. */
const char           *st_job_get_message      (const StJob *job);
/* TRUE when the job stopped before the end and can continue after its last
 * knitted round. FALSE while it runs, when it completed, and when it failed
 * because the pattern cannot be knitted this way (another dialect, needle
 * count or yarn feeds, firmware that refuses it): resuming the same job on
 * the same machine would fail the same way. */
gboolean              st_job_can_resume       (const StJob *job);
/* The progress of @p as one line of at most @columns characters, for a
 * terminal: "[#####---] 25%  round 15/60  A (Cream) and B (Navy)  | next
 * change: round 20, A (Cream)". What does not fit is left out whole, never
 * cut: first the yarn names (keys stay), then the next change, the yarns,
 * the bar. */
char                 *st_job_progress_line    (const StJobPlan     *plan,
                                               const StJobProgress *p,
                                               guint                columns);

/* Largest frame the machine may send in this dialect (SLIP decoder size). */
gsize                 st_job_max_frame        (StProtocol   protocol);

G_END_DECLS
