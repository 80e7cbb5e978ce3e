/* SPDX-License-Identifier: GPL-3.0-or-later
 * Benchmark: drawing a 1920 x 1080 viewport of the chart at 8 px cells,
 * against a cairo fill of the same surface (the least any frame costs),
 * for the hat and the largest chart, and while panning deep inside it.
 */
#include <cairo.h>

#include "st-bench.h"
#include "st-chart-render.h"
#include "st-edit.h"

typedef struct
{
  cairo_surface_t    *surface;
  StPattern          *pattern;
  StChartLayout       layout;
  StChartRenderStyle  style;
  StChartOverlay      overlay;
  guint               frame;
} Fixture;

static StPattern *
make_pattern (guint needles,
              guint rows)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  StPattern *p = st_pattern_new (st_profiles_lookup ("custom"), needles, rows, NULL);
  StYarn extra[] = {
    { 'C', (char *) "Navy", { 0x1b, 0x2a, 0x5b }, ST_WEIGHT_MEDIUM, NULL, FALSE },
    { 'D', (char *) "Gold", { 0xe0, 0xa8, 0x20 }, ST_WEIGHT_MEDIUM, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    st_edit_add_yarn (p, NULL, &extra[i], NULL);
  for (gsize i = 0; i < (gsize) needles * rows; i++)
    p->chart->cells[i] = g_rand_int_range (rand, 0, 4);
  return p;
}

static void
draw_chart (gpointer data)
{
  Fixture *f = data;
  cairo_t *cr = cairo_create (f->surface);

  st_chart_render (cr, f->pattern, &f->layout, &f->style, &f->overlay);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

static void
draw_panning (gpointer data)
{
  Fixture *f = data;

  /* A different place every frame, as a drag across the seam gives. */
  st_chart_layout_pan (&f->layout, 37.0, 23.0);
  f->frame++;
  draw_chart (data);
}

static void
fill_surface (gpointer data)
{
  Fixture *f = data;
  cairo_t *cr = cairo_create (f->surface);

  cairo_set_source_rgb (cr, 0.95, 0.93, 0.88);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

static void
bench_scale (const char *scale,
             guint       needles,
             guint       rows)
{
  Fixture f = { 0 };
  char name[128];
  double fill, chart, pan;

  f.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  f.pattern = make_pattern (needles, rows);
  st_chart_layout_init_for_pattern (&f.layout, f.pattern, 8.0, 1920, 1080);
  st_chart_render_style_init (&f.style, FALSE);
  st_chart_overlay_init (&f.overlay);

  fill = st_bench_median (fill_surface, &f, 21);
  chart = st_bench_median (draw_chart, &f, 21);
  g_snprintf (name, sizeof name, "draw %s (%u x %u), 1920x1080 at 8 px", scale, needles, rows);
  st_bench_row (name, chart, fill);

  if (rows > 1000)
    f.layout.scroll_row = rows / 2.0;
  pan = st_bench_median (draw_panning, &f, 21);
  g_snprintf (name, sizeof name, "pan and draw %s", scale);
  st_bench_row (name, pan, fill);

  f.style.stitch_style = ST_STITCH_STYLE_STITCHES;
  st_chart_layout_zoom_at (&f.layout, 16.0, 0, 0);
  chart = st_bench_median (draw_chart, &f, 21);
  g_snprintf (name, sizeof name, "draw %s as knit stitches at 16 px", scale);
  st_bench_row (name, chart, fill);

  st_pattern_free (f.pattern);
  cairo_surface_destroy (f.surface);
}

int
main (void)
{
  st_bench_header ("Chart rendering (baseline: cairo fill of the same surface)");
  bench_scale ("hat", 48, 100);
  bench_scale ("largest chart", 1024, 20000);
  return 0;
}
