/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fuzz target: the job engine fed arbitrary device bytes and time. The
 * first byte picks the dialect and mode; the rest arrive through the SLIP
 * decoder, each byte after a delay it encodes, with timers run as due.
 * Whatever arrives, the count of confirmed rounds never goes back and never
 * passes the total, and a final state is final.
 */
#include <stdlib.h>

#include "st-framing.h"
#include "st-job.h"
#include "st-job-plan.h"
#include "st-pattern-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

typedef struct
{
  guint64  rounds_done;
  gboolean final;
} Watch;

static void
on_send (gpointer user_data, const guint8 *payload, gsize length)
{
}

static void
on_state (gpointer user_data, StJobState state)
{
  Watch *w = user_data;

  if (w->final)
    abort ();
  w->final = st_job_state_is_final (state);
}

static void
on_rounds (gpointer user_data, guint64 rounds_done)
{
  Watch *w = user_data;

  if (rounds_done < w->rounds_done)
    abort ();
  w->rounds_done = rounds_done;
}

static StPattern *
test_pattern (gboolean ayab)
{
  static const char *const documents[] = {
    "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"brother-kh9xx\",\"needles\":8},"
    "\"gauge\":{\"stitches_per_10cm\":30,\"rows_per_10cm\":40},"
    "\"yarns\":[{\"key\":\"A\",\"name\":\"A\",\"color\":\"#ffffff\",\"weight\":2},"
    "{\"key\":\"B\",\"name\":\"B\",\"color\":\"#000000\",\"weight\":2}],"
    "\"rows\":[\"AABBAABB\",\"ABABABAB\",\"BBBBAAAA\"]}",
    "{\"format\":\"stranded-pattern\",\"version\":1,\"machine\":{\"profile\":\"custom\",\"needles\":8},"
    "\"gauge\":{\"stitches_per_10cm\":30,\"rows_per_10cm\":40},"
    "\"yarns\":[{\"key\":\"A\",\"name\":\"A\",\"color\":\"#ffffff\",\"weight\":2},"
    "{\"key\":\"B\",\"name\":\"B\",\"color\":\"#000000\",\"weight\":2}],"
    "\"rows\":[\"AABBAABB\",\"ABABABAB\",\"BBBBAAAA\"]}",
  };
  const char *text = documents[ayab ? 0 : 1];

  return st_pattern_load_data (text, strlen (text), "fuzz", NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  StJobCallbacks callbacks = { on_send, on_state, NULL, on_rounds, NULL, NULL };
  g_autoptr(StPattern) pattern = NULL;
  StJobOptions options;
  StSlipDecoder decoder;
  Watch watch = { 0 };
  StJob *job;
  gboolean ayab;
  gint64 now = 0;

  if (size < 1)
    return 0;
  ayab = (data[0] & 1) == 0;
  pattern = test_pattern (ayab);
  st_job_options_init (&options, ayab ? ST_PROTOCOL_AYAB : ST_PROTOCOL_CIRCULAR);
  if (ayab)
    options.mode = data[0] & 2 ? ST_KNIT_MODE_CIRCULAR_RIBBER : ST_KNIT_MODE_SINGLEBED;
  options.repeat = 1 + ((data[0] >> 2) & 3);
  job = st_job_new (pattern, &options, &callbacks, &watch, NULL);
  if (job == NULL)
    abort ();

  st_slip_decoder_init (&decoder, st_job_max_frame (options.protocol));
  st_job_start (job, now);
  for (size_t i = 1; i < size; i++)
    {
      StSlipResult result;

      /* A high byte value is a pause on the wire: timers get to run. */
      now += data[i] >= 0xf0 ? (gint64) (data[i] - 0xef) * 700000 : 100;
      while (st_job_next_deadline (job) <= now)
        {
          gint64 deadline = st_job_next_deadline (job);

          st_job_tick (job, deadline);
          if (st_job_next_deadline (job) <= deadline)
            break;
        }
      result = st_slip_decoder_push (&decoder, data[i]);
      if (result == ST_SLIP_FRAME)
        st_job_receive (job, decoder.frame, decoder.length, now);
      else if (result != ST_SLIP_NONE)
        st_job_framing_error (job, result, now);

      if (st_job_get_rounds_done (job) < watch.rounds_done)
        abort ();
      if (st_job_get_plan (job)->total_rounds != 0 &&
          st_job_get_rounds_done (job) > st_job_get_plan (job)->total_rounds)
        abort ();
    }
  st_job_cancel (job, now + 1);
  st_job_free (job);
  st_slip_decoder_clear (&decoder);
  return 0;
}
