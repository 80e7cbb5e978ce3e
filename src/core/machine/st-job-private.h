/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-private.h: the job engine's insides, shared by the common part
 * (st-job.c) and the two dialect drivers (st-job-ayab.c, st-job-circular.c).
 */
#pragma once

#include "st-ayab.h"
#include "st-circular.h"
#include "st-job.h"

G_BEGIN_DECLS

#define ST_JOB_NEVER G_MAXINT64
#define ST_JOB_MAX_OUTSTANDING 4
#define ST_JOB_MAX_COMMANDS 8

typedef struct
{
  void (*start)   (StJob *job, gint64 now);
  void (*receive) (StJob *job, const guint8 *payload, gsize length, gint64 now);
  void (*tick)    (StJob *job, gint64 now);
  void (*pause)   (StJob *job, gint64 now);
  void (*resume)  (StJob *job, gint64 now);
  void (*cancel)  (StJob *job, gint64 now);
} StJobDriver;

extern const StJobDriver st_job_ayab_driver;
extern const StJobDriver st_job_circular_driver;

typedef enum
{
  ST_JOB_PHASE_INFO,      /* asking who is there */
  ST_JOB_PHASE_INIT,      /* ayab: reqInit; circular: START or SET_ROUND */
  ST_JOB_PHASE_READY,     /* ayab: waiting for the carriage */
  ST_JOB_PHASE_KNIT,
  ST_JOB_PHASE_FINISH,
  ST_JOB_PHASE_CANCEL,
  ST_JOB_PHASE_DONE,
} StJobPhase;

typedef struct
{
  guint8  payload[16];
  gsize   length;
  guint   attempts;
} StJobCommand;

typedef struct
{
  guint64 round;
  guint   attempts;
  gint64  due;
} StJobOutstanding;

/* circular: why the host asked the device for its STATE (REQ_STATE), and
 * so what its answer decides. */
typedef enum
{
  ST_JOB_CHECK_NONE,
  ST_JOB_CHECK_AHEAD,     /* it asked for a round beyond the look-ahead */
  ST_JOB_CHECK_HOLDS,     /* it refused for the wrong state, or was busy */
} StJobCheck;

struct _StJob
{
  const StJobDriver *driver;
  StJobPlan         *plan;
  StJobOptions       options;
  StJobCallbacks     cb;
  gpointer           user_data;
  StJobTimings       t;

  StJobState         state;
  StJobPhase         phase;
  StJobProgress      progress;
  StJobStats         stats;
  StDeviceInfo       info;
  gboolean           have_info;
  char              *message;
  guint16            job_id;
  guint64            rounds_done;
  gboolean           user_paused;
  gboolean           refused;       /* cannot be knitted this way: not resumable */

  /* timers, ST_JOB_NEVER when off */
  gint64             t_retry;       /* handshake message / command retry */
  gint64             t_deadline;    /* handshake, closing handshake */
  gint64             t_resend;      /* ayab current line */
  gint64             t_probe;       /* silence, then probe answers */
  guint              retry_count;
  guint              probe_count;

  struct
  {
    guint     wrong_api;
    guint     init_errors;
    guint     start_errors;
    guint64   session_base;         /* job pass index of session line 0 */
    gint64    line;                 /* last answered session line, -1 none */
    gboolean  held;                 /* a line request waits for resume */
    guint8    line_payload[ST_AYAB_MAX_PAYLOAD];
    gsize     line_length;          /* 0: no current line */
    guint8    last_line_number;
  } ayab;

  struct
  {
    guint8            device_state;
    guint8            device_error;
    StJobCommand      commands[ST_JOB_MAX_COMMANDS];
    guint             n_commands;
    StJobOutstanding  out[ST_JOB_MAX_OUTSTANDING];
    guint             n_out;
    gboolean          held;
    guint64           held_round;
    StJobCheck        check;        /* a REQ_STATE is queued for this */
    guint64           ahead_round;  /* ST_JOB_CHECK_AHEAD: the round it asked for */
    guint64           acked_end;    /* 1 + the last round whose line was acknowledged */
  } circ;
};

void     st_job_log           (StJob         *job,
                               StJobLogLevel  level,
                               const char    *format,
                               ...) G_GNUC_PRINTF (3, 4);
/* Warns of a frame that did not decode; @problem is the decode result's
 * English name (marked for translation), NULL for a host-only command. */
void     st_job_log_garbled   (StJob         *job,
                               gsize          length,
                               const char    *problem);
void     st_job_set_state     (StJob         *job,
                               StJobState     state);
void     st_job_send          (StJob         *job,
                               const guint8  *payload,
                               gsize          length);
/* Ends the job in final state @state with a message saying why. */
void     st_job_stop          (StJob         *job,
                               StJobState     state,
                               const char    *format,
                               ...) G_GNUC_PRINTF (3, 4);
/* Ends the job as FAILED because the pattern cannot be knitted this way on
 * this machine (st_job_can_resume() is then FALSE). */
void     st_job_refuse        (StJob         *job,
                               const char    *format,
                               ...) G_GNUC_PRINTF (2, 3);
/* Records that every round before @rounds is knitted; never goes back. */
void     st_job_confirm       (StJob         *job,
                               guint64        rounds);
/* Reports round @round, pass @pass as the one on the needles. */
void     st_job_report        (StJob         *job,
                               guint64        round,
                               guint          pass,
                               guint          needle);
/* A valid message arrived: the link is alive. */
void     st_job_heard         (StJob         *job,
                               gint64         now);
/* Counts and logs a probe; FALSE when too many went unanswered (the job is
 * then stopped as disconnected). */
gboolean st_job_probe_due     (StJob         *job,
                               gint64         now);
/* "Rounds 1 to 27 are knitted." */
char    *st_job_done_text     (StJob         *job);
/* "round 12 of 60" in user terms (1-based). */
char    *st_job_round_label   (StJob         *job,
                               guint64        round);

G_END_DECLS
