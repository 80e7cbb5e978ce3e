/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-job-record.h: a knitting job as kept on disk, so a disconnect, a crash
 * of the app or a reboot can resume it after its last knitted round. One
 * JSON file per pattern in $XDG_STATE_HOME/stranded/jobs/, written
 * atomically whenever a round is confirmed (JOBS.md, "Persistence").
 */
#pragma once

#include <glib.h>

#include "st-job-plan.h"

G_BEGIN_DECLS

#define ST_JOB_RECORD_FORMAT  "stranded-job"
#define ST_JOB_RECORD_VERSION 1

typedef struct
{
  char       *pattern_path;     /* absolute */
  char       *pattern_sha256;   /* of the file when the job started */
  char       *pattern_name;
  char       *port;
  StProtocol  protocol;
  StKnitMode  mode;
  int         start_needle;     /* 0-based; -1 centred */
  guint       start_row;        /* 0-based */
  guint       repeat;           /* 0 endless */
  guint16     job_id;
  guint64     rounds_done;
  guint64     total_rounds;     /* 0 endless */
  char       *state;            /* st_job_state_to_string() of the last state */
  char       *message;          /* why it stopped, or NULL */
  gint64      updated;          /* unix seconds */
} StJobRecord;

StJobRecord *st_job_record_new          (void);
void         st_job_record_free         (StJobRecord        *record);
/* $XDG_STATE_HOME/stranded/jobs (not created). */
char        *st_job_record_default_dir  (void);
/* The record file for @pattern_path (made absolute) in @dir. */
char        *st_job_record_path         (const char         *dir,
                                         const char         *pattern_path);
/* Creates @dir if needed and writes atomically. */
gboolean     st_job_record_save         (const StJobRecord  *record,
                                         const char         *path,
                                         GError            **error);
StJobRecord *st_job_record_load         (const char         *path,
                                         GError            **error);
/* Readable records in @dir, most recently updated first. */
GPtrArray   *st_job_record_list         (const char         *dir);
/* Options that continue the job after its last knitted round. */
void         st_job_record_to_options   (const StJobRecord  *record,
                                         StJobOptions       *options);
/* SHA-256 of a file's bytes, or NULL if unreadable. */
char        *st_job_record_hash_file    (const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StJobRecord, st_job_record_free)

G_END_DECLS
