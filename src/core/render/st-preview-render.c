/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-preview-render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Facets narrower than this (pixels) merge several stitches. */
#define MIN_FACET_PX 2.5
/* And never more facets than this, whatever the chart size. */
#define MAX_FACETS 60000
/* Stitches at least this wide on screen get their "V". */
#define MIN_SHAPE_PX 6.0
/* How small the cinched top of a hat is, relative to the tube. */
#define CROWN_OPENING 0.06
/* The highlighted round: the chart's highlight colour, mixed in this much,
 * edged in a darker orange. */
#define HIGHLIGHT_MIX 0.55
static const StRgba highlight_fill = { 1.0, 0.85, 0.2, 1 };
static const StRgba highlight_edge = { 0.8, 0.45, 0, 1 };

typedef struct
{
  double x;
  double y;
} Point;

typedef struct
{
  Point   corners[4];   /* top left, top right, bottom right, bottom left */
  double  depth;
  StRgba  color;        /* lit */
  StRgba  gap;          /* between the legs of the "V" */
  gboolean shape;
  gboolean edged;       /* in the highlighted round, facing the viewer */
} Facet;

typedef struct
{
  const StPattern        *pattern;
  const StPreviewOptions *options;
  guint    needles;
  guint    rows;
  double   radius;         /* mm */
  double   stitch_w;       /* mm */
  double   row_h;          /* mm */
  guint    crown_rows;
  guint    crown_start;    /* first row boundary of the crown */
  double   crown_height;   /* mm the crown rises */
  guint    pleats;
  /* Projection */
  double   cos_t;
  double   sin_t;
  double   scale;
  double   origin_x;
  double   origin_y;
} Scene;

void
st_preview_options_init (StPreviewOptions *options)
{
  memset (options, 0, sizeof *options);
  options->tilt = ST_PREVIEW_DEFAULT_TILT;
  options->pompom = TRUE;
  options->pompom_yarn = -1;
  options->stitches = TRUE;
}

guint
st_preview_crown_rows (const StPattern        *pattern,
                       const StPreviewOptions *options)
{
  guint rows = st_pattern_rows (pattern);

  if (!options->hat || rows < 2)
    return 0;
  if (options->crown_rows > 0)
    return MIN (options->crown_rows, rows - 1);
  return CLAMP ((guint) lround (rows * 0.2), 1, rows - 1);
}

/* The profile of the piece: radius and height (mm) of row boundary @i. */
static void
profile_at (const Scene *scene,
            double       i,
            double      *radius,
            double      *height)
{
  if (scene->crown_rows == 0 || i <= scene->crown_start)
    {
      *radius = scene->radius;
      *height = i * scene->row_h;
      return;
    }
  {
    /* The crown: a dome closing towards a small gathered opening. Its
     * fabric is longer than the dome, which is what makes the pleats. */
    double t = (i - scene->crown_start) / scene->crown_rows;
    double a = t * G_PI_2;

    *radius = scene->radius * (CROWN_OPENING + (1 - CROWN_OPENING) * cos (a));
    *height = scene->crown_start * scene->row_h + scene->crown_height * sin (a);
  }
}

/* Fraction of the radius the gathered pleats bulge at row boundary @i:
 * the fabric is as wide as the tube, so the more the crown closes, the
 * deeper it folds. */
static double
pleat_amplitude (const Scene *scene,
                 double       i)
{
  double radius, height;

  if (scene->crown_rows == 0 || i <= scene->crown_start)
    return 0;
  profile_at (scene, i, &radius, &height);
  return MIN (0.55, 0.32 * (scene->radius - radius) / radius);
}

static double
angle_of (const Scene *scene,
          double       u)
{
  return 2 * G_PI * u / scene->needles - G_PI + scene->options->rotation;
}

/* World position of the fabric point at needle coordinate @u and row
 * boundary @i: x right, y up, z towards the viewer before tilting. */
static void
world_point (const Scene *scene,
             double       u,
             double       i,
             double      *x,
             double      *y,
             double      *z)
{
  double radius, height, theta = angle_of (scene, u);
  double bulge = 1 + pleat_amplitude (scene, i) * cos (scene->pleats * 2 * G_PI * u / scene->needles);

  profile_at (scene, i, &radius, &height);
  radius *= bulge;
  *x = radius * sin (theta);
  *y = height;
  *z = radius * cos (theta);
}

static Point
project (const Scene *scene,
         double       x,
         double       y,
         double       z)
{
  Point p;

  p.x = scene->origin_x + x * scene->scale;
  p.y = scene->origin_y - (y * scene->cos_t - z * scene->sin_t) * scene->scale;
  return p;
}

static double
depth_of (const Scene *scene,
          double       y,
          double       z)
{
  return y * scene->sin_t + z * scene->cos_t;
}

/* Averages the yarn colours of a block of stitches (sampling at most 4x4). */
static StRgba
block_color (const Scene *scene,
             guint        row0,
             guint        rows,
             guint        needle0,
             guint        needles)
{
  const StPattern *pattern = scene->pattern;
  guint sr = MIN (rows, 4), sn = MIN (needles, 4);
  StRgba sum = { 0, 0, 0, 1 };

  for (guint a = 0; a < sr; a++)
    for (guint b = 0; b < sn; b++)
      {
        guint r = row0 + (rows * (2 * a + 1)) / (2 * sr);
        guint n = (needle0 + (needles * (2 * b + 1)) / (2 * sn)) % scene->needles;
        guint8 yarn = st_chart_get (pattern->chart, r, n);
        StRgba c = yarn < pattern->n_yarns ? st_rgba_from_color (pattern->yarns[yarn].color)
                                           : (StRgba) { 1, 0, 1, 1 };

        sum.red += c.red;
        sum.green += c.green;
        sum.blue += c.blue;
      }
  sum.red /= sr * sn;
  sum.green /= sr * sn;
  sum.blue /= sr * sn;
  return sum;
}

static StRgba
lit (StRgba color,
     double intensity,
     double specular)
{
  StRgba out;

  out.red = MIN (1.0, color.red * intensity + specular);
  out.green = MIN (1.0, color.green * intensity + specular);
  out.blue = MIN (1.0, color.blue * intensity + specular);
  out.alpha = 1;
  return out;
}

static int
compare_facets (const void *a,
                const void *b)
{
  double da = ((const Facet *) a)->depth, db = ((const Facet *) b)->depth;

  return da < db ? -1 : da > db ? 1 : 0;
}

static void
fit (Scene  *scene,
     double  width,
     double  height,
     double  pompom_radius)
{
  double y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE, x_max = 0;
  double margin = MAX (8.0, MIN (width, height) * 0.06);
  double top_radius = 0, top_height = 0;
  guint steps = MAX (scene->rows, 1);

  /* Each ring projects to an ellipse; collect their extents. */
  for (guint k = 0; k <= MIN (steps, 400); k++)
    {
      double i = (double) k * scene->rows / MIN (steps, 400);
      double radius, h;

      profile_at (scene, i, &radius, &h);
      radius *= 1 + pleat_amplitude (scene, i);
      x_max = MAX (x_max, radius);
      y_min = MIN (y_min, h * scene->cos_t - radius * scene->sin_t);
      y_max = MAX (y_max, h * scene->cos_t + radius * scene->sin_t);
      top_radius = radius;
      top_height = h;
    }
  if (pompom_radius > 0)
    {
      y_max = MAX (y_max, top_height * scene->cos_t + pompom_radius * 1.15);
      x_max = MAX (x_max, pompom_radius * 1.15);
    }
  (void) top_radius;
  scene->scale = MIN ((width - 2 * margin) / MAX (2 * x_max, 1e-6),
                      (height - 2 * margin) / MAX (y_max - y_min, 1e-6));
  scene->scale = MAX (scene->scale, 1e-6);
  scene->origin_x = width / 2;
  scene->origin_y = height / 2 + (y_max + y_min) / 2 * scene->scale;
}

static int
pompom_yarn (const Scene *scene)
{
  const StPattern *pattern = scene->pattern;
  guint counts[ST_MAX_YARNS] = { 0 };
  guint best = 0;

  if (scene->options->pompom_yarn >= 0 && (guint) scene->options->pompom_yarn < pattern->n_yarns)
    return scene->options->pompom_yarn;
  for (guint n = 0; n < scene->needles; n++)
    {
      guint8 yarn = st_chart_get (pattern->chart, scene->rows - 1, n);

      if (yarn < ST_MAX_YARNS)
        counts[yarn]++;
    }
  for (guint y = 1; y < ST_MAX_YARNS; y++)
    if (counts[y] > counts[best])
      best = y;
  return best;
}

static void
draw_pompom (cairo_t     *cr,
             const Scene *scene,
             double       radius_mm)
{
  const StPattern *pattern = scene->pattern;
  int yarn = pompom_yarn (scene);
  StRgba color = st_rgba_from_color (pattern->yarns[yarn].color);
  double top_r, top_h, r = radius_mm * scene->scale;
  Point centre;
  g_autoptr(cairo_pattern_t) shade = NULL;
  GRand *rand = g_rand_new_with_seed (4817);
  guint strands = (guint) CLAMP (r * r * 0.9, 60, 900);

  profile_at (scene, scene->rows, &top_r, &top_h);
  centre = project (scene, 0, top_h + radius_mm * 0.72, 0);

  shade = cairo_pattern_create_radial (centre.x - r * 0.35, centre.y - r * 0.4, r * 0.1,
                                       centre.x, centre.y, r * 1.05);
  cairo_pattern_add_color_stop_rgb (shade, 0, MIN (1, color.red * 1.15 + 0.08),
                                    MIN (1, color.green * 1.15 + 0.08), MIN (1, color.blue * 1.15 + 0.08));
  cairo_pattern_add_color_stop_rgb (shade, 1, color.red * 0.5, color.green * 0.5, color.blue * 0.5);
  cairo_arc (cr, centre.x, centre.y, r * 0.92, 0, 2 * G_PI);
  cairo_set_source (cr, shade);
  cairo_fill (cr);

  /* Fluff: short strands pointing outwards, lighter where the light is. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, MAX (0.8, r * 0.045));
  for (guint s = 0; s < strands; s++)
    {
      double a = g_rand_double_range (rand, 0, 2 * G_PI);
      double d = sqrt (g_rand_double (rand)) * 0.9;
      double len = g_rand_double_range (rand, 0.12, 0.26);
      double light = 0.62 + 0.45 * (1 - (cos (a + 0.8) * 0.5 + 0.5) * d);
      double x0 = centre.x + cos (a) * d * r, y0 = centre.y + sin (a) * d * r;
      double x1 = centre.x + cos (a + g_rand_double_range (rand, -0.2, 0.2)) * (d + len) * r;
      double y1 = centre.y + sin (a + g_rand_double_range (rand, -0.2, 0.2)) * (d + len) * r;

      st_rgba_set_source (cr, lit (color, light * g_rand_double_range (rand, 0.85, 1.1), 0));
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
    }
  g_rand_free (rand);
}

/* A soft shadow on the ground under the piece. */
static StRgba
mix (StRgba a,
     StRgba b,
     double t)
{
  return (StRgba) { a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t,
                    a.blue + (b.blue - a.blue) * t, a.alpha };
}

/* The top and bottom edges of the highlighted round where it faces the
 * viewer, over everything else, so a thin round still shows. */
static void
draw_highlight_edges (cairo_t     *cr,
                      const Facet *facets,
                      gsize        n_facets,
                      double       scale)
{
  gboolean any = FALSE;

  for (gsize k = 0; k < n_facets; k++)
    {
      const Facet *f = &facets[k];

      if (!f->edged)
        continue;
      cairo_move_to (cr, f->corners[0].x, f->corners[0].y);
      cairo_line_to (cr, f->corners[1].x, f->corners[1].y);
      cairo_move_to (cr, f->corners[3].x, f->corners[3].y);
      cairo_line_to (cr, f->corners[2].x, f->corners[2].y);
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_line_width (cr, CLAMP (scale * 0.4, 1.0, 2.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  st_rgba_set_source (cr, highlight_edge);
  cairo_stroke (cr);
}

static void
draw_shadow (cairo_t     *cr,
             const Scene *scene)
{
  Point centre = project (scene, 0, 0, 0);
  double rx = scene->radius * scene->scale * 1.25;
  double ry = MAX (scene->radius * scene->scale * (scene->sin_t + 0.08), 2.0);
  g_autoptr(cairo_pattern_t) shade = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);

  cairo_pattern_add_color_stop_rgba (shade, 0, 0, 0, 0, 0.28);
  cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0);
  cairo_save (cr);
  cairo_translate (cr, centre.x, centre.y + ry * 0.35);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_set_source (cr, shade);
  cairo_fill (cr);
  cairo_restore (cr);
}

static Point
bilinear (const Facet *f,
          double       u,
          double       v)
{
  /* corners: 0 top left, 1 top right, 2 bottom right, 3 bottom left */
  Point p;

  p.x = (1 - v) * ((1 - u) * f->corners[0].x + u * f->corners[1].x) +
        v * ((1 - u) * f->corners[3].x + u * f->corners[2].x);
  p.y = (1 - v) * ((1 - u) * f->corners[0].y + u * f->corners[1].y) +
        v * ((1 - u) * f->corners[3].y + u * f->corners[2].y);
  return p;
}

static void
draw_facet (cairo_t     *cr,
            const Facet *f,
            const double *legs)
{
  double cx = (f->corners[0].x + f->corners[1].x + f->corners[2].x + f->corners[3].x) / 4;
  double cy = (f->corners[0].y + f->corners[1].y + f->corners[2].y + f->corners[3].y) / 4;

  /* Each facet grows by about half a pixel so neighbours overlap: no
   * anti-aliasing seams, at the cost of one fill (a stroke costs more). */
  for (guint k = 0; k < 4; k++)
    {
      double dx = f->corners[k].x - cx, dy = f->corners[k].y - cy;
      double len = sqrt (dx * dx + dy * dy);
      double grow = len > 0 ? (len + 0.6) / len : 1;

      if (k == 0)
        cairo_move_to (cr, cx + dx * grow, cy + dy * grow);
      else
        cairo_line_to (cr, cx + dx * grow, cy + dy * grow);
    }
  cairo_close_path (cr);
  st_rgba_set_source (cr, f->shape ? f->gap : f->color);
  cairo_fill (cr);
  if (!f->shape)
    return;
  for (guint leg = 0; leg < 2; leg++)
    {
      const double *xy = legs + leg * 2 * ST_STITCH_LEG_POINTS;

      for (guint k = 0; k < ST_STITCH_LEG_POINTS; k++)
        {
          Point p = bilinear (f, xy[2 * k], xy[2 * k + 1]);

          if (k == 0)
            cairo_move_to (cr, p.x, p.y);
          else
            cairo_line_to (cr, p.x, p.y);
        }
      cairo_close_path (cr);
    }
  st_rgba_set_source (cr, f->color);
  cairo_fill (cr);
}

void
st_preview_render (cairo_t                *cr,
                   const StPattern        *pattern,
                   const StPreviewOptions *options,
                   double                  width,
                   double                  height)
{
  Scene scene = { 0 };
  const double light[3] = { -0.48, 0.58, 0.66 };
  double view[3], half[3], half_len;
  double legs[2 * 2 * ST_STITCH_LEG_POINTS];
  guint block_r = 1, block_n = 1, n_blocks_r, n_blocks_n;
  g_autofree Facet *facets = NULL;
  gsize n_facets = 0;
  double pompom_radius;
  gboolean shapes;

  g_return_if_fail (cr != NULL && pattern != NULL && options != NULL);

  if (options->background.alpha > 0)
    {
      /* Only our rectangle: the caller may be composing a larger page. */
      st_rgba_set_source (cr, options->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
  if (width < 4 || height < 4 || st_pattern_needles (pattern) == 0 || st_pattern_rows (pattern) == 0)
    return;

  scene.pattern = pattern;
  scene.options = options;
  scene.needles = st_pattern_needles (pattern);
  scene.rows = st_pattern_rows (pattern);
  scene.stitch_w = st_pattern_stitch_width_mm (pattern);
  scene.row_h = st_pattern_row_height_mm (pattern);
  scene.radius = scene.needles * scene.stitch_w / (2 * G_PI);
  scene.crown_rows = st_preview_crown_rows (pattern, options);
  scene.crown_start = scene.rows - scene.crown_rows;
  /* Gathered fabric bunches: the crown rises far less than its length. */
  scene.crown_height = MIN (0.45 * scene.crown_rows * scene.row_h, 0.75 * scene.radius);
  scene.pleats = MAX (5u, MIN (12u, scene.needles / 5));
  scene.cos_t = cos (options->tilt);
  scene.sin_t = sin (options->tilt);
  pompom_radius = options->hat && options->pompom ? scene.radius * 0.55 : 0;
  fit (&scene, width, height, pompom_radius);

  view[0] = 0;
  view[1] = scene.sin_t;
  view[2] = scene.cos_t;
  half[0] = light[0] + view[0];
  half[1] = light[1] + view[1];
  half[2] = light[2] + view[2];
  half_len = sqrt (half[0] * half[0] + half[1] * half[1] + half[2] * half[2]);
  for (guint k = 0; k < 3; k++)
    half[k] /= half_len;

  /* Level of detail: facets at least MIN_FACET_PX on screen. */
  {
    double px_w = scene.stitch_w * scene.scale, px_h = scene.row_h * scene.scale * MAX (scene.cos_t, 0.3);

    if (px_w < MIN_FACET_PX)
      block_n = (guint) ceil (MIN_FACET_PX / px_w);
    if (px_h < MIN_FACET_PX)
      block_r = (guint) ceil (MIN_FACET_PX / px_h);
    while ((gsize) ((scene.needles + block_n - 1) / block_n) * ((scene.rows + block_r - 1) / block_r) > MAX_FACETS)
      {
        block_n++;
        block_r++;
      }
    block_n = MIN (block_n, MAX (1u, scene.needles / 8));
  }
  /* Stitch shapes everywhere or nowhere: a patch of texture in the middle
   * of a plain tube would look like a different fabric. */
  shapes = options->stitches && block_n == 1 && block_r == 1 &&
           scene.stitch_w * scene.scale >= MIN_SHAPE_PX &&
           scene.row_h * scene.scale * scene.cos_t >= MIN_SHAPE_PX * 0.6;
  n_blocks_n = (scene.needles + block_n - 1) / block_n;
  n_blocks_r = (scene.rows + block_r - 1) / block_r;

  st_stitch_leg_outline (0, legs);
  st_stitch_leg_outline (1, legs + 2 * ST_STITCH_LEG_POINTS);

  facets = g_new (Facet, (gsize) n_blocks_n * n_blocks_r);
  for (guint br = 0; br < n_blocks_r; br++)
    {
      guint r0 = br * block_r, r1 = MIN (r0 + block_r, scene.rows);

      for (guint bn = 0; bn < n_blocks_n; bn++)
        {
          guint n0 = bn * block_n, n1 = MIN (n0 + block_n, scene.needles);
          Facet *f = &facets[n_facets++];
          double x[4], y[4], z[4];
          double rad0, h0, rad1, h1, dr, dh, len, nr, nh, theta, phi, amp, um, im;
          double normal[3], facing, diffuse, specular, intensity;
          StRgba base = block_color (&scene, r0, r1 - r0, n0, n1 - n0);
          gboolean highlighted = options->has_highlight && options->highlight_row >= r0 &&
                                 options->highlight_row < r1;

          /* corners: top left, top right, bottom right, bottom left */
          world_point (&scene, n0, r1, &x[0], &y[0], &z[0]);
          world_point (&scene, n1, r1, &x[1], &y[1], &z[1]);
          world_point (&scene, n1, r0, &x[2], &y[2], &z[2]);
          world_point (&scene, n0, r0, &x[3], &y[3], &z[3]);
          for (guint k = 0; k < 4; k++)
            f->corners[k] = project (&scene, x[k], y[k], z[k]);

          /* Normal: from the profile's slope, turned by the pleats. */
          profile_at (&scene, r0, &rad0, &h0);
          profile_at (&scene, r1, &rad1, &h1);
          dr = rad1 - rad0;
          dh = h1 - h0;
          len = sqrt (dr * dr + dh * dh);
          nr = len > 0 ? dh / len : 1;
          nh = len > 0 ? -dr / len : 0;
          um = (n0 + n1) / 2.0;
          im = (r0 + r1) / 2.0;
          theta = angle_of (&scene, um);
          amp = pleat_amplitude (&scene, im);
          phi = -atan (amp * scene.pleats * sin (scene.pleats * 2 * G_PI * um / scene.needles));
          normal[0] = nr * sin (theta + phi);
          normal[1] = nh;
          normal[2] = nr * cos (theta + phi);

          if (highlighted)
            base = mix (base, highlight_fill, HIGHLIGHT_MIX);
          facing = normal[0] * view[0] + normal[1] * view[1] + normal[2] * view[2];
          f->edged = highlighted && facing >= 0;
          f->depth = depth_of (&scene, (y[0] + y[1] + y[2] + y[3]) / 4, (z[0] + z[1] + z[2] + z[3]) / 4);
          if (facing >= 0)
            {
              diffuse = MAX (0.0, normal[0] * light[0] + normal[1] * light[1] + normal[2] * light[2]);
              specular = pow (MAX (0.0, normal[0] * half[0] + normal[1] * half[1] + normal[2] * half[2]), 24);
              /* Darken towards the silhouette so the tube reads round. */
              intensity = (0.34 + 0.72 * diffuse) * (0.62 + 0.38 * facing);
              f->color = lit (base, intensity, 0.10 * specular);
              f->gap = lit (base, intensity * 0.66, 0);
              f->shape = shapes;
            }
          else if (r0 >= scene.crown_start && scene.crown_rows > 0)
            {
              /* The far side of a pleat in the closed crown: in shadow. */
              f->color = lit (base, 0.3, 0);
              f->gap = f->color;
              f->shape = FALSE;
            }
          else
            {
              /* The inside of the far wall: the purl side, in shadow. */
              diffuse = MAX (0.0, -(normal[0] * light[0] + normal[1] * light[1] + normal[2] * light[2]));
              f->color = lit (base, 0.14 + 0.16 * diffuse, 0);
              f->gap = f->color;
              f->shape = FALSE;
            }
        }
    }

  qsort (facets, n_facets, sizeof (Facet), compare_facets);
  cairo_save (cr);
  draw_shadow (cr, &scene);
  for (gsize k = 0; k < n_facets; k++)
    draw_facet (cr, &facets[k], legs);
  draw_highlight_edges (cr, facets, n_facets, scene.scale);
  if (pompom_radius > 0)
    draw_pompom (cr, &scene, pompom_radius);
  cairo_restore (cr);
}
