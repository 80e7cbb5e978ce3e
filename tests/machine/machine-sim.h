/* SPDX-License-Identifier: GPL-3.0-or-later
 * machine-sim.h: runs the job engine against the emulator's device models in
 * virtual time, over two faulty SLIP wires, with the cable able to come out.
 * Header-only for the machine suites.
 */
#pragma once

#include <check.h>
#include <glib.h>
#include <string.h>

#include "emu-device.h"
#include "emu-wire.h"
#include "st-circular.h"
#include "st-job.h"
#include "st-test-util.h"

typedef struct
{
  StJob         *job;
  EmuDevice     *device;
  EmuWire        to_device;
  EmuWire        to_host;
  StSlipDecoder  host_decoder;
  StSlipDecoder  device_decoder;
  gint64         now;
  gboolean       plugged;
  gboolean       unplug;
  guint64        persisted;       /* last rounds_done callback */
  guint          progress_events;
  GString       *log;             /* job log lines, one per line */
  GString       *states;          /* state names, comma separated */
  GPtrArray     *sent;            /* host payloads as hex, when recording */
  gboolean       record;
  /* Targeted faults: sees every message before the wire does (@sim is the
   * Sim); returns FALSE to lose it, and may change its bytes (a garbled
   * copy then fails its CRC). NULL: the wires' random faults only. */
  gboolean     (*filter) (gpointer sim, gboolean to_host, guint8 *payload, gsize length);
  gpointer       filter_data;
} Sim;

/* Puts a message on @wire through the sim's filter. */
static inline void
sim_wire_send (Sim          *sim,
               EmuWire      *wire,
               const guint8 *payload,
               gsize         length)
{
  g_autofree guint8 *copy = NULL;

  if (sim->filter != NULL)
    {
      copy = g_memdup2 (payload, length);
      if (!sim->filter (sim, wire == &sim->to_host, copy, length))
        return;
      payload = copy;
    }
  emu_wire_send (wire, payload, length, sim->now);
}

static inline void
sim_job_send (gpointer      user_data,
              const guint8 *payload,
              gsize         length)
{
  Sim *sim = user_data;

  if (sim->record)
    {
      GString *hex = g_string_new (NULL);

      for (gsize i = 0; i < length; i++)
        g_string_append_printf (hex, "%s%02X", i ? " " : "", payload[i]);
      g_ptr_array_add (sim->sent, g_string_free (hex, FALSE));
    }
  if (sim->plugged)
    sim_wire_send (sim, &sim->to_device, payload, length);
}

static inline void
sim_job_state (gpointer   user_data,
               StJobState state)
{
  Sim *sim = user_data;

  g_string_append_printf (sim->states, "%s%s", sim->states->len ? "," : "",
                          st_job_state_to_string (state));
}

static inline void
sim_job_progress (gpointer             user_data,
                  const StJobProgress *progress)
{
  ((Sim *) user_data)->progress_events++;
}

static inline void
sim_job_rounds (gpointer user_data,
                guint64  rounds)
{
  Sim *sim = user_data;

  /* Persisted progress never goes back. */
  ck_assert_uint_ge (rounds, sim->persisted);
  sim->persisted = rounds;
}

static inline void
sim_job_log (gpointer       user_data,
             StJobLogLevel  level,
             const char    *message)
{
  Sim *sim = user_data;

  if (level != ST_JOB_LOG_DEBUG)
    g_string_append_printf (sim->log, "%d %s\n", level, message);
}

static const StJobCallbacks sim_job_callbacks = {
  sim_job_send, sim_job_state, sim_job_progress, sim_job_rounds, NULL, sim_job_log,
};

static inline void
sim_device_send (gpointer      user_data,
                 const guint8 *payload,
                 gsize         length)
{
  Sim *sim = user_data;

  if (sim->plugged)
    sim_wire_send (sim, &sim->to_host, payload, length);
}

static inline void
sim_device_send_raw (gpointer      user_data,
                     const guint8 *bytes,
                     gsize         length)
{
  Sim *sim = user_data;

  if (sim->plugged)
    emu_wire_send_raw (&sim->to_host, bytes, length, sim->now);
}

static inline void
sim_device_event (gpointer user_data,
                  EmuEvent event)
{
  if (event == EMU_EVENT_DISCONNECT)
    ((Sim *) user_data)->unplug = TRUE;
}

static const EmuCallbacks sim_device_callbacks = {
  sim_device_send, sim_device_send_raw, sim_device_event, NULL,
};

static inline void
sim_init (Sim             *sim,
          const EmuConfig *config)
{
  memset (sim, 0, sizeof *sim);
  sim->device = emu_device_new (config, &sim_device_callbacks, sim);
  emu_wire_init (&sim->to_device, config->seed * 7 + 1);
  emu_wire_init (&sim->to_host, config->seed * 13 + 2);
  st_slip_decoder_init (&sim->host_decoder, st_job_max_frame (config->protocol));
  st_slip_decoder_init (&sim->device_decoder, ST_CIRCULAR_MAX_PAYLOAD + 16);
  sim->log = g_string_new (NULL);
  sim->states = g_string_new (NULL);
  sim->sent = g_ptr_array_new_with_free_func (g_free);
  sim->now = 1000;
}

static inline void
sim_clear (Sim *sim)
{
  st_job_free (sim->job);
  emu_device_free (sim->device);
  emu_wire_clear (&sim->to_device);
  emu_wire_clear (&sim->to_host);
  st_slip_decoder_clear (&sim->host_decoder);
  st_slip_decoder_clear (&sim->device_decoder);
  g_string_free (sim->log, TRUE);
  g_string_free (sim->states, TRUE);
  g_ptr_array_unref (sim->sent);
}

/* Plugs in (the device sees the port open) and starts a new job. */
static inline void
sim_start (Sim                *sim,
           const StPattern    *pattern,
           const StJobOptions *options,
           const StJobTimings *timings)
{
  g_autoptr(GError) error = NULL;

  st_job_free (sim->job);
  sim->job = st_job_new (pattern, options, &sim_job_callbacks, sim, &error);
  ck_assert_msg (sim->job != NULL, "job: %s", error ? error->message : "?");
  if (timings != NULL)
    st_job_set_timings (sim->job, timings);
  sim->plugged = TRUE;
  sim->unplug = FALSE;
  st_slip_decoder_reset (&sim->host_decoder);
  st_slip_decoder_reset (&sim->device_decoder);
  emu_device_connected (sim->device, sim->now);
  st_job_start (sim->job, sim->now);
}

static inline void
sim_deliver (Sim *sim)
{
  g_autoptr(GBytes) down = emu_wire_take (&sim->to_device, sim->now);
  g_autoptr(GBytes) up = NULL;

  if (down != NULL)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (down, &n);

      for (gsize i = 0; i < n; i++)
        if (st_slip_decoder_push (&sim->device_decoder, data[i]) == ST_SLIP_FRAME)
          emu_device_receive (sim->device, sim->device_decoder.frame,
                              sim->device_decoder.length, sim->now);
    }
  up = emu_wire_take (&sim->to_host, sim->now);
  if (up != NULL)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (up, &n);

      for (gsize i = 0; i < n; i++)
        {
          StSlipResult r = st_slip_decoder_push (&sim->host_decoder, data[i]);

          if (r == ST_SLIP_FRAME)
            st_job_receive (sim->job, sim->host_decoder.frame, sim->host_decoder.length, sim->now);
          else if (r != ST_SLIP_NONE)
            st_job_framing_error (sim->job, r, sim->now);
        }
    }
}

/* Runs until the job ends, the cable comes out, or @until (virtual us). */
static inline void
sim_run (Sim    *sim,
         gint64  until)
{
  guint guard = 0;

  while (!st_job_state_is_final (st_job_get_state (sim->job)))
    {
      gint64 next = st_job_next_deadline (sim->job);

      next = MIN (next, emu_device_next_deadline (sim->device));
      next = MIN (next, emu_wire_next_due (&sim->to_device));
      next = MIN (next, emu_wire_next_due (&sim->to_host));
      if (next > until)
        {
          sim->now = MAX (sim->now, until);
          break;
        }
      sim->now = MAX (sim->now, next);
      sim_deliver (sim);
      emu_device_tick (sim->device, sim->now);
      st_job_tick (sim->job, sim->now);
      if (sim->unplug)
        {
          sim->unplug = FALSE;
          sim->plugged = FALSE;
          emu_wire_flush (&sim->to_device);
          emu_wire_flush (&sim->to_host);
          emu_device_disconnected (sim->device, sim->now);
          st_job_disconnected (sim->job, "hang-up", sim->now);
        }
      ck_assert_uint_lt (++guard, 5000000);
    }
}

/* The fabric a job of @pattern should knit, in the emulator's text form. */
static inline char *
sim_expected_fabric (const StJobPlan *plan,
                     guint64          rounds)
{
  static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
  GString *out = g_string_new (NULL);

  for (guint64 j = 0; j < rounds; j++)
    {
      const guint8 *row = plan->cells + (gsize) st_job_plan_row (plan, j) * plan->needles;

      for (guint n = 0; n < plan->needles; n++)
        {
          guint8 yarn = row[n];

          if (plan->protocol == ST_PROTOCOL_AYAB)
            yarn = yarn == plan->main_yarn ? 0 : 1;
          g_string_append_c (out, digits[yarn]);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The emulator's fabric without its comment lines. */
static inline char *
sim_fabric (const Sim *sim)
{
  g_autofree char *text = emu_fabric_to_text (emu_device_get_fabric (sim->device));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && lines[i][0] != '\0')
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

/* A two-yarn pattern whose rows all differ, so a lost, repeated or shifted
 * round shows. */
static inline StPattern *
sim_pattern (const char *profile,
             guint       needles,
             guint       rows,
             const char *keys)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  guint n_keys = (guint) strlen (keys);
  StPattern *pattern;

  for (guint r = 0; r < rows; r++)
    {
      char *row = g_malloc0 (needles + 1);

      for (guint n = 0; n < needles; n++)
        {
          guint k = ((n * 7 + r * 3) % 5 == 0 || n == r % needles) ? 1 : 0;

          if (n_keys > 2 && (n + r) % 4 == 0)
            k = 2 + (n + r / 4) % (n_keys - 2);
          row[n] = keys[k];
        }
      g_ptr_array_add (strings, row);
    }
  pattern = st_test_pattern (profile, keys, (const char *const *) strings->pdata, rows);
  g_ptr_array_unref (strings);
  return pattern;
}
