/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-bench.h: timing for the benchmarks. Each figure is the median of
 * several runs and is reported as a ratio to a baseline measured in the
 * same run, so numbers from different machines compare; nothing here
 * asserts a time.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void (*StBenchFunc) (gpointer data);

static inline int
st_bench_compare_doubles (const void *a,
                          const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Median wall time in seconds of @runs calls of @func. */
static inline double
st_bench_median (StBenchFunc func,
                 gpointer    data,
                 guint       runs)
{
  double times[64];

  runs = CLAMP (runs, 1, G_N_ELEMENTS (times));
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (data);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (times, runs, sizeof (double), st_bench_compare_doubles);
  return times[runs / 2];
}

static inline void
st_bench_header (const char *title)
{
  printf ("\n%s\n", title);
  printf ("%-52s %12s %12s %9s\n", "benchmark", "median", "baseline", "ratio");
}

static inline void
st_bench_row (const char *name,
              double      seconds,
              double      baseline_seconds)
{
  printf ("%-52s %10.3f ms %10.3f ms %8.2fx\n", name, seconds * 1e3, baseline_seconds * 1e3,
          baseline_seconds > 0 ? seconds / baseline_seconds : 0.0);
}

/* Resident memory of this process in bytes (Linux). */
static inline gsize
st_bench_rss (void)
{
  g_autofree char *statm = NULL;
  unsigned long pages = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &pages, &resident) != 2)
    return 0;
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}
