/* SPDX-License-Identifier: GPL-3.0-or-later
 * Benchmarks of the checker: a full check of the largest chart (1024 x
 * 20000, 4 yarns) and of a hat (48 x 100), each as a ratio to a plain pass
 * that only reads every stitch of the same chart (the memory-bound floor),
 * and the incremental re-check after a one-stitch edit, as a ratio to the
 * full check. Medians of several runs; nothing asserts a time.
 */
#include "st-bench.h"
#include "st-check.h"
#include "st-edit.h"

typedef struct
{
  StPattern      *pattern;
  StChecker      *checker;
  StCheckOptions  options;
  GRand          *rand;
  guint64         sink;
} Fixture;

static StPattern *
make_pattern (guint needles,
              guint rows,
              guint yarns,
              guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  StPattern *p = st_pattern_new (st_profiles_lookup ("custom"), needles, rows, NULL);

  for (guint i = p->n_yarns; i < yarns; i++)
    {
      StYarn y = { st_yarn_next_free_key (p->yarns, p->n_yarns), (char *) "Extra",
                   { 60 * i, 40, 120 }, ST_WEIGHT_MEDIUM, NULL, FALSE };

      st_edit_add_yarn (p, NULL, &y, NULL);
    }
  /* Colorwork-like: bands of one background with motif runs of 1-5
   * stitches in the other yarns, and some noise rounds. */
  for (guint r = 0; r < rows; r++)
    {
      guint8 *row = st_chart_row (p->chart, r);
      gboolean noise = r % 17 > 12;

      for (guint n = 0; n < needles;)
        {
          guint run = g_rand_int_range (rand, 1, 6);
          guint8 y = noise || g_rand_int_range (rand, 0, 3) == 0
            ? (guint8) g_rand_int_range (rand, 0, yarns) : (guint8) ((r / 9) % yarns);

          for (guint k = 0; k < run && n < needles; k++)
            row[n++] = y;
        }
    }
  st_pattern_take_dirty (p, NULL, NULL, NULL);
  return p;
}

/* The floor: read every stitch once and fold it into a sum. */
static void
do_read (gpointer data)
{
  Fixture *f = data;
  const guint8 *cells = f->pattern->chart->cells;
  gsize n = (gsize) f->pattern->chart->needles * f->pattern->chart->rows;
  guint64 sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += cells[i];
  f->sink += sum;
}

static void
do_full (gpointer data)
{
  Fixture *f = data;
  StCheckResult *r = st_check_run (f->pattern, &f->options);
  StCheckSummary s;

  st_check_result_get_summary (r, &s);
  f->sink += s.errors;
  st_check_result_free (r);
}

/* What the editor does after a change of size or palette: everything
 * again, in the checker's existing result. */
static void
do_check_all (gpointer data)
{
  Fixture *f = data;

  st_checker_check_all (f->checker, f->pattern);
}

static void
do_incremental (gpointer data)
{
  Fixture *f = data;
  guint row = g_rand_int_range (f->rand, 0, f->pattern->chart->rows);
  guint needle = g_rand_int_range (f->rand, 0, f->pattern->chart->needles);
  guint8 yarn = (st_chart_get (f->pattern->chart, row, needle) + 1) % f->pattern->n_yarns;
  guint first, last;
  gboolean structure, any;

  st_edit_set_stitch (f->pattern, NULL, row, needle, yarn);
  any = st_pattern_take_dirty (f->pattern, &first, &last, &structure);
  st_checker_update (f->checker, f->pattern, any, first, last, structure);
}

static void
bench_chart (const char *title,
             guint       needles,
             guint       rows,
             guint       full_runs,
             guint       edit_runs)
{
  Fixture f = { 0 };
  const StCheckResult *result;
  StCheckSummary s;
  double read, full, bare, again, edit;
  gsize rss0, rss1;
  char name[96];

  f.pattern = make_pattern (needles, rows, 4, 20);
  f.rand = g_rand_new_with_seed (5);
  st_check_options_init (&f.options);

  st_bench_header (title);
  read = st_bench_median (do_read, &f, full_runs * 2 + 1);
  st_bench_row ("plain pass reading every stitch (the floor)", read, read);
  full = st_bench_median (do_full, &f, full_runs);
  st_bench_row ("full check with risk map / floor", full, read);
  f.options.skip_risk = TRUE;
  bare = st_bench_median (do_full, &f, full_runs);
  st_bench_row ("full check without risk map / floor", bare, read);
  f.options.skip_risk = FALSE;

  rss0 = st_bench_rss ();
  f.checker = st_checker_new (&f.options);
  result = st_checker_check_all (f.checker, f.pattern);
  rss1 = st_bench_rss ();
  again = st_bench_median (do_check_all, &f, full_runs);
  st_bench_row ("full re-check in the editor's checker / floor", again, read);
  edit = st_bench_median (do_incremental, &f, edit_runs);
  g_snprintf (name, sizeof name, "re-check after a one-stitch edit / full check");
  st_bench_row (name, edit, full);

  result = st_checker_get_result (f.checker);
  st_check_result_get_summary (result, &s);
  printf ("%u x %u stitches, 4 yarns: %" G_GUINT64_FORMAT " errors, %" G_GUINT64_FORMAT
          " warnings, %" G_GUINT64_FORMAT " notes; %" G_GUINT64_FORMAT " findings kept, %"
          G_GUINT64_FORMAT " counted only\n",
          needles, rows, s.errors, s.warnings, s.infos, s.findings_stored, s.findings_omitted);
  printf ("result memory (resident growth): %.1f MB, %.2f bytes per stitch\n",
          (rss1 > rss0 ? rss1 - rss0 : 0) / 1e6,
          (rss1 > rss0 ? rss1 - rss0 : 0) / (double) ((gsize) needles * rows));
  if (f.sink == 42)
    printf ("\n");   /* keeps the floor loop from being optimised away */

  st_checker_free (f.checker);
  st_pattern_free (f.pattern);
  g_rand_free (f.rand);
}

int
main (void)
{
  bench_chart ("Checker, 1024 x 20000 chart (the largest)", 1024, 20000, 5, 21);
  bench_chart ("Checker, 48 x 100 hat", 48, 100, 201, 1001);
  return 0;
}
