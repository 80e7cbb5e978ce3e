/* SPDX-License-Identifier: GPL-3.0-or-later
 * Benchmarks of the model: loading and saving against json-c handling the
 * same bytes without interpretation, resident memory per stitch of the
 * largest chart, and undo memory after 10,000 strokes.
 */
#include <json-c/json.h>

#include "st-bench.h"
#include "st-edit.h"
#include "st-history.h"
#include "st-pattern-file.h"

typedef struct
{
  StPattern *pattern;
  char      *text;
  gsize      length;
} Fixture;

static StPattern *
make_pattern (guint needles,
              guint rows,
              guint yarns)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  StPattern *p = st_pattern_new (st_profiles_lookup ("custom"), needles, rows, NULL);

  for (guint i = p->n_yarns; i < yarns; i++)
    {
      StYarn y = { st_yarn_next_free_key (p->yarns, p->n_yarns), (char *) "Extra",
                   { 10 * i, 20, 30 }, ST_WEIGHT_MEDIUM, NULL, FALSE };
      st_edit_add_yarn (p, NULL, &y, NULL);
    }
  /* Motif-like content: runs of a few stitches, as real colorwork has. */
  for (gsize i = 0; i < (gsize) needles * rows;)
    {
      guint run = g_rand_int_range (rand, 1, 6);
      guint8 y = g_rand_int_range (rand, 0, yarns);

      for (guint k = 0; k < run && i < (gsize) needles * rows; k++)
        p->chart->cells[i++] = y;
    }
  return p;
}

static void
do_load (gpointer data)
{
  Fixture *f = data;
  StPattern *p = st_pattern_load_data (f->text, f->length, "bench", NULL);

  g_assert (p != NULL);
  st_pattern_free (p);
}

static void
do_json_parse (gpointer data)
{
  Fixture *f = data;
  json_tokener *tok = json_tokener_new ();
  json_object *root = json_tokener_parse_ex (tok, f->text, (int) f->length);

  g_assert (root != NULL);
  json_object_put (root);
  json_tokener_free (tok);
}

static void
do_save (gpointer data)
{
  Fixture *f = data;
  char *text = st_pattern_to_data (f->pattern, NULL);

  g_free (text);
}

static void
do_json_write (gpointer data)
{
  Fixture *f = data;
  json_object *root = json_tokener_parse (f->text);

  /* Serialising an already-built tree: the writer's own cost. */
  g_assert (root != NULL);
  json_object_to_json_string_ext (root, JSON_C_TO_STRING_PRETTY);
  json_object_put (root);
}

static void
do_json_parse_only (gpointer data)
{
  Fixture *f = data;
  json_object *root = json_tokener_parse (f->text);

  json_object_put (root);
}

static void
bench_file (const char *scale,
            guint       needles,
            guint       rows,
            guint       runs)
{
  Fixture f = { 0 };
  char name[128];
  double load, parse, save, write, parse_only;

  f.pattern = make_pattern (needles, rows, 4);
  f.text = st_pattern_to_data (f.pattern, &f.length);

  load = st_bench_median (do_load, &f, runs);
  parse = st_bench_median (do_json_parse, &f, runs);
  g_snprintf (name, sizeof name, "load %s (%u x %u, %.1f MB)", scale, needles, rows, f.length / 1e6);
  st_bench_row (name, load, parse);

  save = st_bench_median (do_save, &f, runs);
  write = st_bench_median (do_json_write, &f, runs);
  parse_only = st_bench_median (do_json_parse_only, &f, runs);
  g_snprintf (name, sizeof name, "save %s to text", scale);
  /* json-c's writer needs its tree; its cost alone is write - parse. */
  st_bench_row (name, save, MAX (write - parse_only, 1e-9));

  st_pattern_free (f.pattern);
  g_free (f.text);
}

static void
bench_memory (void)
{
  gsize before, after;
  StPattern *p;
  StHistory *h;
  gsize undo_bytes;

  before = st_bench_rss ();
  p = make_pattern (1024, 20000, 4);
  after = st_bench_rss ();
  printf ("%-52s %10.2f bytes per stitch (%zu MB for 1024 x 20000)\n",
          "resident memory of the largest chart", (double) (after - before) / (1024.0 * 20000),
          (after - before) >> 20);

  h = st_history_new (0);
  for (guint i = 0; i < 10000; i++)
    {
      st_history_begin (h, "Pencil");
      for (guint k = 0; k < 12; k++)
        st_edit_brush (p, h, (i * 13 + k) % 20000, (i * 31 + k * 3) % 1024, 1, (i + k) % 4);
      st_history_end (h);
    }
  undo_bytes = st_history_memory_used (h);
  printf ("%-52s %10.1f KB (%u steps, %.1f bytes per stroke)\n",
          "undo memory after 10,000 strokes of 12 stitches", undo_bytes / 1024.0,
          st_history_n_undo_steps (h), (double) undo_bytes / 10000);
  st_history_free (h);
  st_pattern_free (p);
}

int
main (void)
{
  /* Memory first, while the heap is fresh. */
  printf ("\nModel: memory\n");
  bench_memory ();
  st_bench_header ("Model: file format (baseline: json-c on the same bytes)");
  bench_file ("hat", 48, 100, 31);
  bench_file ("largest chart", 1024, 20000, 5);
  return 0;
}
