/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-machine-link.c: the job engine on a serial port (see st-machine-link.h).
 */
#include "st-machine-link.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "st-pattern-file.h"
#include "st-serial.h"

/* How long a finished job waits for its last bytes to leave. */
#define DRAIN_TIMEOUT_MS 1000

struct _StMachineLink
{
  GObject        parent_instance;

  GMainContext  *context;
  StSerialPort  *port;
  char          *port_path;
  StJob         *job;
  StSlipDecoder  decoder;
  gboolean       have_decoder;
  GSource       *timer;
  gint64         timer_deadline;
  GSource       *closer;
  GSource       *starter;
  GSource       *command;          /* a command issued from inside a callback */
  guint          queued_commands;  /* bit 0 pause, 1 resume, 2 cancel */
  gboolean       in_engine;
  gboolean       finished;
  gulong         drained_id;

  char          *record_dir;
  gboolean       record_dir_set;
  char          *record_path;
  StJobRecord   *record;
  GBytes        *previous_record; /* the record file this job replaced, if any */
  StJobTimings   timings;
  gboolean       have_timings;
};

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum
{
  SIGNAL_STATE_CHANGED,
  SIGNAL_PROGRESS,
  SIGNAL_ROUND_DONE,
  SIGNAL_DEVICE_INFO,
  SIGNAL_LOG,
  SIGNAL_DISCONNECTED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StMachineLink, st_machine_link, G_TYPE_OBJECT)

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
close_port (StMachineLink *self)
{
  if (self->port != NULL)
    {
      g_clear_signal_handler (&self->drained_id, self->port);
      g_signal_handlers_disconnect_by_data (self->port, self);
      st_serial_port_close (self->port);
      g_clear_object (&self->port);
    }
}

static void
st_machine_link_dispose (GObject *object)
{
  StMachineLink *self = ST_MACHINE_LINK (object);

  destroy_source (&self->timer);
  destroy_source (&self->closer);
  destroy_source (&self->command);
  destroy_source (&self->starter);
  close_port (self);
  G_OBJECT_CLASS (st_machine_link_parent_class)->dispose (object);
}

static void
st_machine_link_finalize (GObject *object)
{
  StMachineLink *self = ST_MACHINE_LINK (object);

  st_job_free (self->job);
  if (self->have_decoder)
    st_slip_decoder_clear (&self->decoder);
  g_free (self->port_path);
  g_free (self->record_dir);
  g_free (self->record_path);
  st_job_record_free (self->record);
  g_clear_pointer (&self->previous_record, g_bytes_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (st_machine_link_parent_class)->finalize (object);
}

static void
st_machine_link_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StMachineLink *self = ST_MACHINE_LINK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, st_machine_link_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_machine_link_class_init (StMachineLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->dispose = st_machine_link_dispose;
  object_class->finalize = st_machine_link_finalize;
  object_class->get_property = st_machine_link_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ST_TYPE_JOB_STATE, ST_JOB_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ST_TYPE_JOB_STATE);
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_ROUND_DONE] =
    g_signal_new ("round-done", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT64);
  signals[SIGNAL_DEVICE_INFO] =
    g_signal_new ("device-info", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_LOG] =
    g_signal_new ("log", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[SIGNAL_DISCONNECTED] =
    g_signal_new ("disconnected", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ST_TYPE_JOB_STATE, G_TYPE_STRING);
}

static void
st_machine_link_init (StMachineLink *self)
{
  self->timer_deadline = G_MAXINT64;
}

StMachineLink *
st_machine_link_new (void)
{
  return g_object_new (ST_TYPE_MACHINE_LINK, NULL);
}

void
st_machine_link_set_record_dir (StMachineLink *self,
                                const char    *dir)
{
  g_return_if_fail (ST_IS_MACHINE_LINK (self));
  g_free (self->record_dir);
  self->record_dir = g_strdup (dir);
  self->record_dir_set = TRUE;
}

void
st_machine_link_set_timings (StMachineLink      *self,
                             const StJobTimings *timings)
{
  g_return_if_fail (ST_IS_MACHINE_LINK (self));
  self->timings = *timings;
  self->have_timings = TRUE;
}

static void
save_record (StMachineLink *self)
{
  g_autoptr(GError) error = NULL;

  if (self->record == NULL || self->record_path == NULL)
    return;
  self->record->updated = g_get_real_time () / G_USEC_PER_SEC;
  if (!st_job_record_save (self->record, self->record_path, &error))
    g_signal_emit (self, signals[SIGNAL_LOG], 0, ST_JOB_LOG_WARNING, error->message);
}

/* A job that cannot be knitted this way leaves no record to resume: the
 * one it replaced comes back (a saved job of the same pattern, or this
 * very job when resuming it on the wrong machine), else there is none. */
static void
drop_refused_record (StMachineLink *self)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  if (self->previous_record == NULL)
    {
      g_unlink (self->record_path);
      return;
    }
  data = g_bytes_get_data (self->previous_record, &length);
  if (!st_file_write_atomic (self->record_path, data, length, &error))
    g_signal_emit (self, signals[SIGNAL_LOG], 0, ST_JOB_LOG_WARNING, error->message);
}

static void reschedule (StMachineLink *self);

static gboolean
on_timer (gpointer user_data)
{
  StMachineLink *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  self->timer_deadline = G_MAXINT64;
  g_object_ref (self);
  self->in_engine = TRUE;
  st_job_tick (self->job, g_get_monotonic_time ());
  self->in_engine = FALSE;
  reschedule (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* One timer, for the engine's next deadline. */
static void
reschedule (StMachineLink *self)
{
  gint64 deadline;
  gint64 now;

  if (self->job == NULL || st_job_state_is_final (st_job_get_state (self->job)))
    {
      destroy_source (&self->timer);
      self->timer_deadline = G_MAXINT64;
      return;
    }
  deadline = st_job_next_deadline (self->job);
  if (deadline == self->timer_deadline && self->timer != NULL)
    return;
  destroy_source (&self->timer);
  self->timer_deadline = deadline;
  if (deadline == G_MAXINT64)
    return;
  now = g_get_monotonic_time ();
  self->timer = g_timeout_source_new ((guint) CLAMP ((deadline - now + 999) / 1000, 0, G_MAXINT));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_attach (self->timer, self->context);
}

static gboolean
on_finish (gpointer user_data)
{
  StMachineLink *self = user_data;
  StJobState state = st_job_get_state (self->job);

  destroy_source (&self->closer);
  if (self->finished)
    return G_SOURCE_REMOVE;
  self->finished = TRUE;
  close_port (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, state,
                 state == ST_JOB_STATE_COMPLETED ? NULL : st_job_get_message (self->job));
  return G_SOURCE_REMOVE;
}

static void
on_drained (StSerialPort  *port,
            StMachineLink *self)
{
  /* Out of the queue is not yet out of the kernel: a short grace. */
  destroy_source (&self->closer);
  self->closer = g_timeout_source_new (50);
  g_source_set_callback (self->closer, on_finish, self, NULL);
  g_source_attach (self->closer, self->context);
}

/* The job ended: let the last bytes (quitCmd, CANCEL) go, then close. */
static void
finish_later (StMachineLink *self)
{
  destroy_source (&self->timer);
  if (self->port != NULL && st_serial_port_is_open (self->port) &&
      st_serial_port_get_pending (self->port) > 0)
    {
      self->drained_id = g_signal_connect (self->port, "drained", G_CALLBACK (on_drained), self);
      self->closer = g_timeout_source_new (DRAIN_TIMEOUT_MS);
    }
  else
    self->closer = g_timeout_source_new (self->port != NULL ? 50 : 0);
  g_source_set_callback (self->closer, on_finish, self, NULL);
  g_source_attach (self->closer, self->context);
}

/* ---- engine callbacks --------------------------------------------------- */

static void
job_send (gpointer      user_data,
          const guint8 *payload,
          gsize         length)
{
  StMachineLink *self = user_data;
  g_autoptr(GByteArray) wire = g_byte_array_sized_new ((guint) length * 2 + 2);

  if (self->port == NULL)
    return;
  st_slip_encode (wire, payload, length);
  st_serial_port_write (self->port, wire->data, wire->len);
}

static void
job_state_changed (gpointer   user_data,
                   StJobState state)
{
  StMachineLink *self = user_data;

  if (self->record != NULL)
    {
      g_free (self->record->state);
      self->record->state = g_strdup (st_job_state_to_string (state));
      g_free (self->record->message);
      self->record->message = g_strdup (st_job_get_message (self->job));
      if (state == ST_JOB_STATE_COMPLETED && self->record_path != NULL)
        g_unlink (self->record_path);   /* nothing left to resume */
      else if (st_job_state_is_final (state) && !st_job_can_resume (self->job) && self->record_path != NULL)
        drop_refused_record (self);
      else
        save_record (self);
    }
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (st_job_state_is_final (state))
    finish_later (self);
}

static void
job_progress (gpointer             user_data,
              const StJobProgress *progress)
{
  g_signal_emit (user_data, signals[SIGNAL_PROGRESS], 0, progress);
}

static void
job_rounds_done (gpointer user_data,
                 guint64  rounds)
{
  StMachineLink *self = user_data;

  if (self->record != NULL)
    {
      self->record->rounds_done = rounds;
      save_record (self);
    }
  g_signal_emit (self, signals[SIGNAL_ROUND_DONE], 0, rounds);
}

static void
job_device_info (gpointer            user_data,
                 const StDeviceInfo *info)
{
  g_signal_emit (user_data, signals[SIGNAL_DEVICE_INFO], 0, info);
}

static void
job_log (gpointer       user_data,
         StJobLogLevel  level,
         const char    *message)
{
  g_signal_emit (user_data, signals[SIGNAL_LOG], 0, (int) level, message);
}

static const StJobCallbacks job_callbacks = {
  job_send, job_state_changed, job_progress, job_rounds_done, job_device_info, job_log,
};

/* ---- port --------------------------------------------------------------- */

static void
on_received (StSerialPort  *port,
             GBytes        *bytes,
             StMachineLink *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gint64 now = g_get_monotonic_time ();

  g_object_ref (self);
  self->in_engine = TRUE;
  for (gsize i = 0; i < length && self->job != NULL; i++)
    {
      StSlipResult result = st_slip_decoder_push (&self->decoder, data[i]);

      if (result == ST_SLIP_FRAME)
        st_job_receive (self->job, self->decoder.frame, self->decoder.length, now);
      else if (result != ST_SLIP_NONE)
        st_job_framing_error (self->job, result, now);
    }
  self->in_engine = FALSE;
  reschedule (self);
  g_object_unref (self);
}

static void
on_disconnected (StSerialPort  *port,
                 const char    *reason,
                 StMachineLink *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_DISCONNECTED], 0, reason);
  self->in_engine = TRUE;
  st_job_disconnected (self->job, reason, g_get_monotonic_time ());
  self->in_engine = FALSE;
  g_clear_object (&self->port);
  reschedule (self);
  g_object_unref (self);
}

static gboolean
on_start (gpointer user_data)
{
  StMachineLink *self = user_data;

  g_clear_pointer (&self->starter, g_source_unref);
  self->in_engine = TRUE;
  st_job_start (self->job, g_get_monotonic_time ());
  self->in_engine = FALSE;
  reschedule (self);
  return G_SOURCE_REMOVE;
}

gboolean
st_machine_link_start (StMachineLink       *self,
                       const char          *port,
                       guint                baud,
                       const StPattern     *pattern,
                       const char          *pattern_path,
                       const StJobOptions  *options,
                       GError             **error)
{
  g_autoptr(StSerialPort) serial = NULL;
  StJob *job;

  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), FALSE);
  g_return_val_if_fail (self->job == NULL, FALSE);

  job = st_job_new (pattern, options, &job_callbacks, self, error);
  if (job == NULL)
    return FALSE;
  serial = st_serial_port_open (port, baud ? baud : ST_SERIAL_DEFAULT_BAUD, error);
  if (serial == NULL)
    {
      st_job_free (job);
      return FALSE;
    }
  self->job = job;
  if (self->have_timings)
    st_job_set_timings (job, &self->timings);
  self->port = g_steal_pointer (&serial);
  self->port_path = g_strdup (port);
  self->context = g_main_context_ref_thread_default ();
  st_slip_decoder_init (&self->decoder, st_job_max_frame (options->protocol));
  self->have_decoder = TRUE;
  g_signal_connect (self->port, "received", G_CALLBACK (on_received), self);
  g_signal_connect (self->port, "disconnected", G_CALLBACK (on_disconnected), self);

  if (!self->record_dir_set)
    self->record_dir = st_job_record_default_dir ();
  if (pattern_path != NULL && self->record_dir != NULL)
    {
      const StJobPlan *plan = st_job_get_plan (job);
      g_autofree char *full = g_canonicalize_filename (pattern_path, NULL);

      self->record_path = st_job_record_path (self->record_dir, pattern_path);
      {
        g_autofree char *old = NULL;
        gsize length;

        if (g_file_get_contents (self->record_path, &old, &length, NULL))
          self->previous_record = g_bytes_new_take (g_steal_pointer (&old), length);
      }
      self->record = st_job_record_new ();
      self->record->pattern_path = realpath (pattern_path, NULL);
      if (self->record->pattern_path == NULL)
        self->record->pattern_path = g_steal_pointer (&full);
      self->record->pattern_sha256 = st_job_record_hash_file (pattern_path);
      self->record->pattern_name = g_strdup (pattern->name);
      self->record->port = g_strdup (port);
      self->record->protocol = options->protocol;
      self->record->mode = plan->mode;
      self->record->start_needle = options->start_needle;
      self->record->start_row = options->start_row;
      self->record->repeat = options->repeat;
      self->record->job_id = st_job_get_job_id (job);
      self->record->rounds_done = options->first_round;
      self->record->total_rounds = plan->total_rounds;
      self->record->state = g_strdup (st_job_state_to_string (ST_JOB_STATE_CONNECTING));
      save_record (self);
    }

  /* From the loop, so the caller can connect and print before anything. */
  self->starter = g_idle_source_new ();
  g_source_set_priority (self->starter, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->starter, on_start, self, NULL);
  g_source_attach (self->starter, self->context);
  return TRUE;
}

static gboolean
on_command (gpointer user_data)
{
  StMachineLink *self = user_data;
  guint commands = self->queued_commands;

  g_clear_pointer (&self->command, g_source_unref);
  self->queued_commands = 0;
  if (commands & 1)
    st_machine_link_pause (self);
  if (commands & 2)
    st_machine_link_resume (self);
  if (commands & 4)
    st_machine_link_cancel (self);
  return G_SOURCE_REMOVE;
}

/* A handler of one of our signals may call us back while the engine is
 * still inside a callback: run the command from the loop instead. */
static gboolean
defer (StMachineLink *self,
       guint          command)
{
  if (!self->in_engine)
    return FALSE;
  self->queued_commands |= command;
  if (self->command == NULL)
    {
      self->command = g_idle_source_new ();
      g_source_set_priority (self->command, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->command, on_command, self, NULL);
      g_source_attach (self->command, self->context);
    }
  return TRUE;
}

void
st_machine_link_pause (StMachineLink *self)
{
  g_return_if_fail (ST_IS_MACHINE_LINK (self));
  if (self->job == NULL || defer (self, 1))
    return;
  self->in_engine = TRUE;
  st_job_pause (self->job, g_get_monotonic_time ());
  self->in_engine = FALSE;
  reschedule (self);
}

void
st_machine_link_resume (StMachineLink *self)
{
  g_return_if_fail (ST_IS_MACHINE_LINK (self));
  if (self->job == NULL || defer (self, 2))
    return;
  self->in_engine = TRUE;
  st_job_resume (self->job, g_get_monotonic_time ());
  self->in_engine = FALSE;
  reschedule (self);
}

void
st_machine_link_cancel (StMachineLink *self)
{
  g_return_if_fail (ST_IS_MACHINE_LINK (self));
  if (self->job == NULL || defer (self, 4))
    return;
  self->in_engine = TRUE;
  st_job_cancel (self->job, g_get_monotonic_time ());
  self->in_engine = FALSE;
  reschedule (self);
}

StJobState
st_machine_link_get_state (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), ST_JOB_STATE_IDLE);
  return self->job ? st_job_get_state (self->job) : ST_JOB_STATE_IDLE;
}

gboolean
st_machine_link_is_running (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), FALSE);
  return self->job != NULL && !self->finished;
}

const StJobProgress *
st_machine_link_get_progress (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->job ? st_job_get_progress (self->job) : NULL;
}

const StJobPlan *
st_machine_link_get_plan (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->job ? st_job_get_plan (self->job) : NULL;
}

const StDeviceInfo *
st_machine_link_get_device_info (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->job ? st_job_get_device_info (self->job) : NULL;
}

const StJobStats *
st_machine_link_get_stats (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->job ? st_job_get_stats (self->job) : NULL;
}

guint64
st_machine_link_get_rounds_done (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), 0);
  return self->job ? st_job_get_rounds_done (self->job) : 0;
}

const char *
st_machine_link_get_message (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->job ? st_job_get_message (self->job) : NULL;
}

gboolean
st_machine_link_can_resume (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), FALSE);
  return self->job != NULL && st_job_can_resume (self->job);
}

const char *
st_machine_link_get_record_path (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->record_path;
}

const char *
st_machine_link_get_port (StMachineLink *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_LINK (self), NULL);
  return self->port_path;
}
