/* SPDX-License-Identifier: GPL-3.0-or-later
 * Image import: a photo-like picture becomes N yarns at the size its
 * proportions and the gauge give; k-means and the float-aware reduction on
 * hand-worked inputs; mapping onto existing yarns; and a table of hostile
 * files refused with a clear message before anything is decoded.
 */
#include "export-test-util.h"

#include <cairo.h>
#include <math.h>
#include <unistd.h>

#include "st-check.h"
#include "st-color-space.h"
#include "st-error.h"
#include "st-image-import.h"

/* A 300 x 200 picture: a sky gradient, a red sun, a dark green hill, and
 * deterministic noise, like a small photo. */
static char *
write_photo (const char *dir)
{
  char *path = g_build_filename (dir, "photo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, 0, 200);
  GRand *rand = g_rand_new_with_seed (7);
  guint8 *data;
  int stride;

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.55, 0.75, 0.95);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.85, 0.92, 1.0);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.85, 0.15, 0.1);
  cairo_arc (cr, 220, 60, 30, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.35, 0.15);
  cairo_arc (cr, 120, 260, 140, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 300; x++)
      for (int c = 0; c < 3; c++)
        {
          guint8 *v = data + y * stride + x * 4 + c;

          *v = (guint8) CLAMP (*v + g_rand_int_range (rand, -10, 11), 0, 255);
        }
  cairo_surface_mark_dirty (surface);
  ck_assert_int_eq (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
  cairo_pattern_destroy (sky);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return path;
}

static StPattern *
import (const char      *path,
        const char      *machine,
        guint            colors,
        int              max_float,
        StImportReport  *report)
{
  g_autoptr(GError) error = NULL;
  StImportOptions options;
  StPattern *p;

  st_import_options_init (&options);
  options.profile = st_profiles_lookup (machine);
  options.colors = colors;
  options.max_float = max_float;
  p = st_image_import_file (path, &options, report, NULL, &error);
  if (p == NULL)
    ck_abort_msg ("import: %s", error->message);
  return p;
}

/* The longest float the checker finds (in the machine's knitting order:
 * a spiral, or rows that end at the edges) and the most yarns in one
 * round. */
static void
float_stats (const StPattern *p,
             guint           *longest,
             guint           *most_yarns)
{
  g_autoptr(StCheckResult) result = st_check_run (p, NULL);
  StCheckSummary summary;
  guint w = st_pattern_needles (p);

  st_check_result_get_summary (result, &summary);
  *longest = summary.max_float_stitches;
  *most_yarns = 0;
  for (guint r = 0; r < st_pattern_rows (p); r++)
    {
      const guint8 *row = st_chart_row (p->chart, r);
      gboolean used[ST_MAX_YARNS] = { FALSE };
      guint n_used = 0;

      for (guint n = 0; n < w; n++)
        if (!used[row[n]])
          {
            used[row[n]] = TRUE;
            n_used++;
          }
      *most_yarns = MAX (*most_yarns, n_used);
    }
}

START_TEST (test_photo_gives_n_yarns_at_gauge_size)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(StPattern) three = NULL;
  g_autoptr(StPattern) again = NULL;
  g_autoptr(StPattern) two = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  StImportReport report;
  gsize n;

  three = import (path, "sentro-48", 3, 0, &report);
  ck_assert (!report.stitch_map);
  ck_assert_uint_eq (report.source_width, 300);
  ck_assert_uint_eq (report.source_height, 200);
  ck_assert_uint_eq (three->n_yarns, 3);
  ck_assert_uint_eq (st_pattern_needles (three), 48);
  /* 48 x 200/300 x (7.14 mm stitch / 6.25 mm round) = 36.57 */
  ck_assert_uint_eq (st_pattern_rows (three), 37);
  ck_assert_str_eq (three->name, "photo");
  ck_assert_str_eq (three->profile_id, "sentro-48");
  ck_assert (st_pattern_validate (three, NULL));
  /* The sky is the heaviest colour (yarn A, light), the hill dark. */
  ck_assert_int_eq (three->yarns[0].key, 'A');
  ck_assert_uint_gt (three->yarns[0].color.blue, 200);
  ck_assert_uint_lt (three->yarns[st_chart_get (three->chart, 0, 10)].color.green, 120);
  ck_assert_uint_gt (three->yarns[st_chart_get (three->chart, 36, 45)].color.blue, 200);

  /* Deterministic: the same file gives the same pattern. */
  again = import (path, "sentro-48", 3, 0, &report);
  a = st_pattern_to_data (three, &n);
  b = st_pattern_to_data (again, &n);
  ck_assert_str_eq (a, b);

  /* The Sentro knits 2 colours a round: the default. */
  two = import (path, "sentro-48", 0, 0, &report);
  ck_assert_uint_eq (two->n_yarns, 2);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_rows_and_gauge_options)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(StPattern) fixed = NULL;
  g_autoptr(StPattern) square = NULL;
  g_autoptr(StPattern) sock = NULL;
  g_autoptr(GError) error = NULL;
  StImportOptions options;

  st_import_options_init (&options);
  options.profile = st_profiles_lookup ("sentro-48");
  options.rows = 50;
  fixed = st_image_import_file (path, &options, NULL, NULL, &error);
  ck_assert_uint_eq (st_pattern_rows (fixed), 50);

  /* Square stitches keep the picture's 3:2: 48 x 2/3 = 32 rounds. */
  options.rows = 0;
  options.stitches_per_10cm = 20;
  options.rows_per_10cm = 20;
  square = st_image_import_file (path, &options, NULL, NULL, &error);
  ck_assert_uint_eq (st_pattern_rows (square), 32);
  ck_assert_double_eq (square->stitches_per_10cm, 20);

  /* 60 needles, 33.5 x 47 per 10 cm: 60 x 2/3 x 47/33.5 = 56.1 */
  sock = import (path, "csm-60", 2, 0, NULL);
  ck_assert_uint_eq (st_pattern_needles (sock), 60);
  ck_assert_uint_eq (st_pattern_rows (sock), 56);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_float_aware_reduction_on_photo)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(StPattern) plain = NULL;
  g_autoptr(StPattern) limited = NULL;
  g_autoptr(StPattern) automatic = NULL;
  StImportReport report;
  guint longest, most;

  plain = import (path, "sentro-48", 3, 0, &report);
  float_stats (plain, &longest, &most);
  ck_assert_uint_gt (longest, 3);
  ck_assert_uint_eq (report.max_float, 0);

  limited = import (path, "sentro-48", 3, 3, &report);
  float_stats (limited, &longest, &most);
  ck_assert_uint_le (longest, 3);
  ck_assert_uint_le (most, 2);   /* the Sentro's colours per round */
  ck_assert_uint_eq (report.max_float, 3);
  ck_assert_uint_gt (report.changed_stitches, 0);

  /* auto: 25 mm at 7.14 mm a stitch is 3 stitches. */
  automatic = import (path, "sentro-48", 3, ST_IMPORT_MAX_FLOAT_AUTO, &report);
  ck_assert_uint_eq (report.max_float, 3);
  ck_assert (st_chart_equal (automatic->chart, limited->chart));
  export_rmtree (dir);
}
END_TEST

START_TEST (test_float_limit_rows_by_hand)
{
  /* Two rounds of 8, A A A A A A B B then B B A A A A A A, floats of at
   * most 2, worked through the earliest-deadline rule of EXPORTS.md.
   * Round 1 stays (B is joined at needle 7, nothing floats yet; A's last
   * stitch, needle 6, and B's have deadlines in round 2).
   *
   * Spiral (a cylinder): A's float from round 1 needle 6 runs on round the
   * seam, so needle 1 of round 2 must be A (its deadline), then the rule
   * gives A B A A B A A B: 3 stitches changed.
   *
   * Flat panel: A floats to the edge (2 stitches) and comes back from it,
   * so round 2 may start B B: B B A A B A A B, 2 stitches changed. */
  guint8 yarns[16] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 };
  guint8 flat[16];
  guint8 rank[32];
  guint8 spiral_expected[16] = { 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1 };
  guint8 flat_expected[16] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1 };
  guint8 single[5] = { 2, 2, 2, 2, 2 };
  guint8 single_rank[15] = { 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1 };

  for (guint i = 0; i < 16; i++)
    {
      rank[2 * i] = yarns[i];
      rank[2 * i + 1] = 1 - yarns[i];
    }
  memcpy (flat, yarns, sizeof flat);
  ck_assert_uint_eq (st_float_limit_rows (yarns, rank, 2, 8, 2, 2, FALSE), 3);
  ck_assert_mem_eq (yarns, spiral_expected, 16);
  ck_assert_uint_eq (st_float_limit_rows (flat, rank, 2, 8, 2, 2, TRUE), 2);
  ck_assert_mem_eq (flat, flat_expected, 16);
  /* One yarn in the round: nothing to interleave. */
  ck_assert_uint_eq (st_float_limit_rows (single, single_rank, 3, 5, 1, 1, FALSE), 0);
  ck_assert_uint_eq (single[4], 2);
}
END_TEST

START_TEST (test_colour_names)
{
  /* Screen primaries get their everyday names (pure red was "Orange",
   * blues "Purple"); yarn colours keep their yarn names. */
  static const struct
  {
    StColor     color;
    const char *name;
  } cases[] = {
    { { 0xff, 0x00, 0x00 }, "Red" },
    { { 0xc5, 0x14, 0x18 }, "Red" },
    { { 0x00, 0x00, 0xff }, "Blue" },
    { { 0x1b, 0x11, 0xfe }, "Blue" },
    { { 0x34, 0x00, 0xd6 }, "Blue" },
    { { 0x27, 0x1b, 0xc5 }, "Blue" },
    { { 0x00, 0xff, 0x00 }, "Green" },
    { { 0x00, 0x80, 0x00 }, "Green" },
    { { 0xff, 0xff, 0x00 }, "Yellow" },
    { { 0xff, 0x80, 0x00 }, "Orange" },
    { { 0xff, 0xa5, 0x00 }, "Orange" },
    { { 0x00, 0xff, 0xff }, "Turquoise" },
    { { 0x80, 0x00, 0x80 }, "Purple" },
    { { 0x00, 0x00, 0x80 }, "Navy" },
    { { 0xff, 0xff, 0xff }, "White" },
    { { 0x00, 0x00, 0x00 }, "Black" },
    { { 0x80, 0x80, 0x80 }, "Grey" },
    { { 0xf3, 0xec, 0xd9 }, "Cream" },
    { { 0x9b, 0x1b, 0x30 }, "Cranberry" },
    { { 0xd4, 0xa0, 0x17 }, "Mustard" },
    { { 0x6a, 0x1b, 0x9a }, "Purple" },
    { { 0x90, 0xca, 0xf9 }, "Light blue" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hex = st_color_to_string (cases[i].color);

      ck_assert_msg (g_strcmp0 (st_color_describe (cases[i].color), cases[i].name) == 0, "%s: %s, not %s",
                     hex, st_color_describe (cases[i].color), cases[i].name);
    }
}
END_TEST

START_TEST (test_kmeans_by_hand)
{
  /* Two dark colours of weight 1 and a light one of weight 3: the light
   * one first (heaviest), then the mean of the dark pair. */
  const double lab[] = { 10, 0, 0, 12, 0, 0, 80, 5, -5 };
  const double weights[] = { 1, 1, 3 };
  double centres[5 * 3];

  ck_assert_uint_eq (st_kmeans_lab (lab, weights, 3, 2, centres), 2);
  ck_assert_double_eq_tol (centres[0], 80, 1e-9);
  ck_assert_double_eq_tol (centres[1], 5, 1e-9);
  ck_assert_double_eq_tol (centres[2], -5, 1e-9);
  ck_assert_double_eq_tol (centres[3], 11, 1e-9);
  ck_assert_double_eq_tol (centres[4], 0, 1e-9);
  /* Asking for more centres than colours gives one per colour. */
  ck_assert_uint_eq (st_kmeans_lab (lab, weights, 3, 5, centres), 3);
  ck_assert_double_eq_tol (centres[0], 80, 1e-9);
}
END_TEST

START_TEST (test_mapping_onto_existing_yarns)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hearts.png", NULL);
  g_autoptr(GdkPixbuf) picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 90);
  g_autoptr(StPattern) hat = st_pattern_new_sample ();
  g_autoptr(StPattern) p = NULL;
  g_autoptr(StPattern) one = NULL;
  g_autoptr(GError) error = NULL;
  StImportOptions options;
  guint8 *pixels = gdk_pixbuf_get_pixels (picture);
  int stride = gdk_pixbuf_get_rowstride (picture);

  /* A near-cream picture with a near-red disc. */
  for (int y = 0; y < 90; y++)
    for (int x = 0; x < 120; x++)
      {
        guint8 *px = pixels + y * stride + x * 3;
        gboolean disc = (x - 60) * (x - 60) + (y - 45) * (y - 45) < 900;

        px[0] = disc ? 0xb0 : 0xfa;
        px[1] = disc ? 0x20 : 0xf0;
        px[2] = disc ? 0x28 : 0xe0;
      }
  ck_assert (gdk_pixbuf_save (picture, path, "png", &error, NULL));

  st_import_options_init (&options);
  options.profile = st_profiles_lookup ("sentro-48");
  options.yarns_from = hat;
  p = st_image_import_file (path, &options, NULL, NULL, &error);
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->n_yarns, 2);
  ck_assert_str_eq (p->yarns[0].name, "Cream");
  ck_assert_str_eq (p->yarns[1].name, "Cranberry");
  ck_assert_str_eq (p->yarns[1].fibre, "acrylic");
  ck_assert (memcmp (&p->yarns[1].color, &hat->yarns[1].color, sizeof (StColor)) == 0);
  /* The hat's gauge comes along: the same machine. */
  ck_assert_double_eq (p->rows_per_10cm, hat->rows_per_10cm);
  /* The disc's middle is Cranberry, the corner Cream. */
  ck_assert_uint_eq (st_chart_get (p->chart, st_pattern_rows (p) / 2, 24), 1);
  ck_assert_uint_eq (st_chart_get (p->chart, 0, 0), 0);

  options.colors = 1;
  one = st_image_import_file (path, &options, NULL, NULL, &error);
  ck_assert_uint_eq (one->n_yarns, 1);
  ck_assert_str_eq (one->yarns[0].name, "Cream");
  export_rmtree (dir);
}
END_TEST

/* ---- hostile files ------------------------------------------------------ */

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
put_be32 (GByteArray *a,
          guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (a, b, 4);
}

/* A PNG header declaring @w x @h, with a tiny IDAT and IEND. */
static GBytes *
png_header (guint32 w,
            guint32 h)
{
  GByteArray *a = g_byte_array_new ();
  guint8 ihdr[17] = { 'I', 'H', 'D', 'R' };
  const guint8 idat[] = { 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
  const guint8 iend[] = { 'I', 'E', 'N', 'D' };

  g_byte_array_append (a, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  ihdr[4] = w >> 24; ihdr[5] = w >> 16; ihdr[6] = w >> 8; ihdr[7] = w;
  ihdr[8] = h >> 24; ihdr[9] = h >> 16; ihdr[10] = h >> 8; ihdr[11] = h;
  ihdr[12] = 8;
  ihdr[13] = 2;
  put_be32 (a, 13);
  g_byte_array_append (a, ihdr, 17);
  put_be32 (a, crc32_of (ihdr, 17));
  put_be32 (a, sizeof idat - 4);
  g_byte_array_append (a, idat, sizeof idat);
  put_be32 (a, crc32_of (idat, sizeof idat));
  put_be32 (a, 0);
  g_byte_array_append (a, iend, 4);
  put_be32 (a, crc32_of (iend, 4));
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
bmp_header (gint32 w,
            gint32 h)
{
  guint8 b[54 + 12] = { 'B', 'M' };

  b[2] = sizeof b;
  b[10] = 54;
  b[14] = 40;
  memcpy (b + 18, &w, 4);   /* little-endian host, as on every CI machine */
  memcpy (b + 22, &h, 4);
  b[26] = 1;
  b[28] = 24;
  return g_bytes_new (b, sizeof b);
}

/* A small BMP whose info header claims @size bytes: gdk-pixbuf would
 * allocate that much before reading a pixel. */
static GBytes *
bmp_claiming_header (guint32 size)
{
  g_autoptr(GBytes) bmp = bmp_header (6, 5);
  guint8 *b = g_memdup2 (g_bytes_get_data (bmp, NULL), g_bytes_get_size (bmp));

  memcpy (b + 14, &size, 4);
  return g_bytes_new_take (b, g_bytes_get_size (bmp));
}

/* A 24-bit BMP claiming a palette of @colors entries. */
static GBytes *
bmp_claiming_palette (guint32 colors)
{
  g_autoptr(GBytes) bmp = bmp_header (6, 5);
  guint8 *b = g_memdup2 (g_bytes_get_data (bmp, NULL), g_bytes_get_size (bmp));

  memcpy (b + 46, &colors, 4);
  return g_bytes_new_take (b, g_bytes_get_size (bmp));
}

/* A 1 x 1 GIF declaring a @w x @h screen; @cut bytes are dropped at the end. */
static GBytes *
gif_image (guint16 w,
           guint16 h,
           gsize   cut)
{
  guint8 g[] = { 'G', 'I', 'F', '8', '9', 'a', w & 0xff, w >> 8, h & 0xff, h >> 8, 0x80, 0, 0,
                 0xff, 0, 0, 0xff, 0xff, 0xff,
                 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0,
                 0x02, 0x02, 0x44, 0x01, 0x00,
                 0x3b };

  return g_bytes_new (g, sizeof g - cut);
}

static GBytes *
encoded (const char *type,
         int         w,
         int         h)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  g_autoptr(GError) error = NULL;
  char *buffer;
  gsize length;

  gdk_pixbuf_fill (p, 0x4080c0ff);
  ck_assert (gdk_pixbuf_save_to_buffer (p, &buffer, &length, type, &error, NULL));
  return g_bytes_new_take (buffer, length);
}

static GBytes *
cut (GBytes *bytes,
     gsize   keep)
{
  GBytes *part = g_bytes_new_from_bytes (bytes, 0, keep);

  g_bytes_unref (bytes);
  return part;
}

typedef struct
{
  const char *name;
  GBytes     *bytes;     /* NULL: a special file made by the test */
  int         code;      /* ST_ERROR_*, or -1 when the import must work */
  const char *message;
} Hostile;

static const char notes_text[] = "hello, not a picture\n";
static const char svg_text[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\"/>";

/* More colours than the pattern whose yarns are used has yarns: the
 * picture gets as many colours as there are yarns, and is told so. A long
 * file name becomes a name a pattern file can hold. */
START_TEST (test_more_colours_than_yarns_and_long_names)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *photo = write_photo (dir);
  g_autofree char *long_name = g_strnfill (250, 'e');
  g_autoptr(StPattern) hat = st_pattern_new_sample ();
  g_autoptr(StPattern) p = NULL;
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_build_filename (dir, "named.stranded", NULL);
  StImportOptions options;
  StImportReport report;

  st_import_options_init (&options);
  options.profile = st_profiles_lookup ("sentro-48");
  options.yarns_from = hat;
  options.colors = 6;
  options.name = long_name;
  p = st_image_import_file (photo, &options, &report, warnings, &error);
  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (p->n_yarns, 2);
  ck_assert_uint_eq (warnings->len, 1);
  ck_assert_str_eq (g_ptr_array_index (warnings, 0), "6 colours were asked for, but “Fair Isle band hat” has 2 "
                                                     "yarns to use: the picture is reduced to 2 colours");
  ck_assert_uint_eq (g_utf8_strlen (p->name, -1), ST_MAX_NAME_LENGTH);
  ck_assert (st_pattern_save_file (p, saved, &error));
  back = st_pattern_load_file (saved, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  g_unlink (saved);
  g_unlink (photo);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_hostile_images_are_refused)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autoptr(GBytes) jpeg = encoded ("jpeg", 64, 48);
  g_autoptr(GBytes) bmp = encoded ("bmp", 64, 48);
  g_autoptr(GBytes) png = encoded ("png", 64, 48);
  Hostile table[] = {
    { "empty.png", g_bytes_new_static ("", 0), ST_ERROR_PARSE, "empty.png: the file is empty" },
    { "notes.png", g_bytes_new_static (notes_text, sizeof notes_text - 1), ST_ERROR_PARSE,
      "notes.png: not a PNG, JPEG, GIF or BMP image (it looks like text/plain)" },
    { "drawing.svg", g_bytes_new_static (svg_text, sizeof svg_text - 1),
      ST_ERROR_PARSE, "(it looks like image/svg+xml)" },
    { "huge.png", png_header (100000, 100000), ST_ERROR_LIMIT,
      "huge.png: 100000 x 100000 pixels is too large to import (at most 20000 a side and 40 million pixels)" },
    { "wide.png", png_header (30000, 10), ST_ERROR_LIMIT, "30000 x 10 pixels is too large" },
    { "many.png", png_header (7000, 7000), ST_ERROR_LIMIT, "7000 x 7000 pixels is too large" },
    { "zero.png", png_header (0, 10), ST_ERROR_PARSE, "zero.png: the image has no pixels (0 x 10)" },
    { "huge.bmp", bmp_header (50000, -50000), ST_ERROR_LIMIT, "50000 x 50000 pixels is too large" },
    { "zero.bmp", bmp_header (0, 10), ST_ERROR_PARSE, "the image has no pixels (0 x 10)" },
    { "claims.bmp", bmp_claiming_header (0xff00007c), ST_ERROR_PARSE,
      "claims.bmp: the bmp header is damaged or cut short" },
    { "palette.bmp", bmp_claiming_palette (0xff0000ff), ST_ERROR_PARSE,
      "palette.bmp: the bmp header is damaged or cut short" },
    { "huge.gif", gif_image (65535, 65535, 0), ST_ERROR_LIMIT, "65535 x 65535 pixels is too large" },
    { "zero.gif", gif_image (0, 0, 0), ST_ERROR_PARSE, "the image has no pixels (0 x 0)" },
    { "cut.gif", gif_image (1, 1, 1), ST_ERROR_PARSE, "cut.gif: the gif image is truncated or damaged" },
    { "cut.png", cut (g_bytes_ref (png), g_bytes_get_size (png) - 20), ST_ERROR_PARSE,
      "the png image is truncated or damaged" },
    { "cut.jpg", cut (g_bytes_ref (jpeg), g_bytes_get_size (jpeg) - 2), ST_ERROR_PARSE,
      "the jpeg image is truncated or damaged" },
    { "cut.bmp", cut (g_bytes_ref (bmp), g_bytes_get_size (bmp) - 100), ST_ERROR_PARSE,
      "the bmp image is truncated or damaged" },
    { "stub.png", cut (g_bytes_ref (png), 20), ST_ERROR_PARSE, "stub.png: the png header is damaged or cut short" },
    { "big-file.png", NULL, ST_ERROR_LIMIT, "more than the 64 MB an image may have" },
    { "folder.png", NULL, ST_ERROR_IO, "folder.png: not a regular file" },
    { "missing.png", NULL, ST_ERROR_IO, "missing.png" },
    /* The whole files import. */
    { "good.png", g_bytes_ref (png), -1, NULL },
    { "good.jpg", g_bytes_ref (jpeg), -1, NULL },
    { "good.bmp", g_bytes_ref (bmp), -1, NULL },
    { "good.gif", gif_image (1, 1, 0), -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *path = g_build_filename (dir, table[i].name, NULL);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      if (table[i].bytes != NULL)
        ck_assert (g_file_set_contents (path, g_bytes_get_data (table[i].bytes, NULL),
                                        (gssize) g_bytes_get_size (table[i].bytes), NULL));
      else if (g_str_equal (table[i].name, "big-file.png"))
        {
          FILE *f = fopen (path, "wb");

          /* A sparse file: no disk space, but its size is over the limit. */
          ck_assert_ptr_nonnull (f);
          ck_assert_int_eq (ftruncate (fileno (f), (off_t) ST_IMPORT_MAX_FILE_BYTES + 1), 0);
          fclose (f);
        }
      else if (g_str_equal (table[i].name, "folder.png"))
        ck_assert_int_eq (g_mkdir (path, 0700), 0);

      pixbuf = st_image_load (path, &error);
      if (table[i].code < 0)
        {
          ck_assert_msg (pixbuf != NULL, "%s: %s", table[i].name, error ? error->message : "");
          ck_assert_int_eq (gdk_pixbuf_get_width (pixbuf), g_str_equal (table[i].name, "good.gif") ? 1 : 64);
        }
      else
        {
          ck_assert_msg (pixbuf == NULL, "%s was accepted", table[i].name);
          ck_assert_msg (error->domain == ST_ERROR && error->code == table[i].code, "%s: code %d: %s",
                         table[i].name, error->code, error->message);
          ck_assert_msg (strstr (error->message, table[i].message) != NULL, "%s: '%s' lacks '%s'",
                         table[i].name, error->message, table[i].message);
        }
      if (g_str_equal (table[i].name, "folder.png"))
        g_rmdir (path);
      g_clear_pointer (&table[i].bytes, g_bytes_unref);
    }
  export_rmtree (dir);
}
END_TEST

/* A 200 x 200 target: a red disc in a blue ring on cream, drawn with
 * cairo (anti-aliased edges give the k-means some in-between colours). */
static char *
write_target (const char *dir)
{
  char *path = g_build_filename (dir, "target.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.94, 0.94, 0.9);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.08, 0.08, 0.8);
  cairo_arc (cr, 100, 100, 70, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.8, 0.08, 0.08);
  cairo_arc (cr, 100, 100, 40, 0, 2 * G_PI);
  cairo_fill (cr);
  ck_assert_int_eq (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

START_TEST (test_float_limit_follows_knitting_order)
{
  /* The limit held in each round on its own, but on a cylinder the float
   * runs on over the seam into the next round: check found floats of 5
   * behind a "limit 3" import. Now check finds none over the limit, on a
   * cylinder (spiral) and on a flatbed (rows end at the edges). */
  const char *machines[] = { "sentro-48", "brother-kh270" };
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = write_target (dir);

  for (guint m = 0; m < G_N_ELEMENTS (machines); m++)
    {
      g_autoptr(StPattern) p = NULL;
      g_autoptr(StCheckResult) result = NULL;
      StImportReport report;
      StCheckSummary summary;

      p = import (path, machines[m], 3, ST_IMPORT_MAX_FLOAT_AUTO, &report);
      result = st_check_run (p, NULL);
      st_check_result_get_summary (result, &summary);
      /* auto is the checker's own limit. */
      ck_assert_uint_eq (report.max_float, st_check_float_limit (p, NULL, FALSE));
      ck_assert_uint_gt (report.changed_stitches, 0);
      ck_assert_msg (st_check_result_count (result, ST_CHECK_FLOAT_LONG, ST_SEVERITY_WARNING) == 0 &&
                     st_check_result_count (result, ST_CHECK_FLOAT_LONG, ST_SEVERITY_ERROR) == 0,
                     "%s: long floats after the import, longest %u", machines[m],
                     summary.max_float_stitches);
      ck_assert_uint_le (summary.max_float_stitches, report.max_float);
    }
  export_rmtree (dir);
}
END_TEST

START_TEST (test_float_limit_rows_property)
{
  /* Random rounds of at most max_float + 1 preferred yarns: every float
   * in knitting order (worked out here independently of the checker) is
   * within the limit, in a spiral and on a flat panel. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint trial = 0; trial < 400; trial++)
    {
      guint width = g_rand_int_range (rand, 2, 30), rows = g_rand_int_range (rand, 1, 12);
      guint max_float = g_rand_int_range (rand, 1, 5), n_rank = 4;
      gboolean flat = trial % 2 == 1;
      gsize n = (gsize) width * rows;
      g_autofree guint8 *yarns = g_new (guint8, n);
      g_autofree guint8 *rank = g_new (guint8, n * n_rank);
      gint64 last[4] = { -1, -1, -1, -1 };

      for (guint r = 0; r < rows; r++)
        {
          /* Each round prefers a random subset of at most max_float + 1
           * yarns, in runs. */
          guint8 set[4] = { 0, 1, 2, 3 };
          guint k = g_rand_int_range (rand, 1, MIN (max_float + 1, 4) + 1);

          for (guint i = 3; i > 0; i--)
            {
              guint j = g_rand_int_range (rand, 0, i + 1);
              guint8 t = set[i];

              set[i] = set[j];
              set[j] = t;
            }
          for (guint i = 0; i < width; i++)
            {
              gsize at = (gsize) r * width + i;
              guint8 y = i > 0 && g_rand_int_range (rand, 0, 4) > 0 ? yarns[at - 1]
                                                                   : set[g_rand_int_range (rand, 0, k)];

              yarns[at] = y;
              rank[at * n_rank] = y;
              for (guint o = 0, x = 1; o < 4; o++)
                if (o != y)
                  rank[at * n_rank + x++] = (guint8) o;
            }
        }
      st_float_limit_rows (yarns, rank, n_rank, width, rows, max_float, flat);
      for (gint64 g = 0, W = width; g < (gint64) n; g++)
        {
          guint8 y = yarns[g];
          gint64 prev = last[y];

          last[y] = g;
          if (prev < 0)
            continue;
          if (!flat && g - prev - 1 < W)
            ck_assert_msg (g - prev - 1 <= max_float, "trial %u: spiral float of %lld", trial,
                           (long long) (g - prev - 1));
          else if (flat && prev / W == g / W)
            ck_assert_msg (g - prev - 1 <= max_float, "trial %u: float of %lld", trial,
                           (long long) (g - prev - 1));
          else if (flat && prev / W + 1 == g / W)
            {
              ck_assert_msg (W - 1 - prev % W <= max_float, "trial %u: float to the edge", trial);
              ck_assert_msg (g % W <= max_float, "trial %u: float from the edge", trial);
            }
        }
    }
}
END_TEST

/* A @width x @height picture of exact colours: pixel (x, y) is
 * @pixel (x, y) as 0xrrggbb. */
static char *
write_pixels (const char    *dir,
              const char    *name,
              int            width,
              int            height,
              guint32      (*pixel) (int x, int y))
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      *(guint32 *) (data + y * stride + x * 4) = pixel (x, y);
  cairo_surface_mark_dirty (surface);
  ck_assert_int_eq (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* 30 greys, one a row. */
static guint32
grey_rows (int x,
           int y)
{
  guint32 v = 20 + y * 7;

  return v << 16 | v << 8 | v;
}

/* Three colours in bands across the needles. */
static guint32
three_bands (int x,
             int y)
{
  static const guint32 colors[] = { 0xf0f0e0, 0xc01010, 0x1010c0 };

  return colors[(x / 4 + y / 3) % 3];
}

START_TEST (test_stitch_map_size_and_yarns)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *greys = write_pixels (dir, "greys.png", 48, 30, grey_rows);
  g_autofree char *bands = write_pixels (dir, "bands.png", 48, 30, three_bands);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) map = NULL;
  g_autoptr(StPattern) resized = NULL;
  g_autoptr(StPattern) reduced = NULL;
  StImportOptions options;
  StImportReport report;

  /* A 48-pixel-wide picture of 30 greys is a stitch map for a Sentro 48:
   * 30 yarns for a machine that knits 2 a round. It says so and points
   * at fewer colours (--colors in the CLI, Yarns in the app). */
  st_import_options_init (&options);
  options.profile = st_profiles_lookup ("sentro-48");
  map = st_image_import_file (greys, &options, &report, warnings, &error);
  ck_assert_ptr_nonnull (map);
  ck_assert (report.stitch_map);
  ck_assert_uint_eq (map->n_yarns, 30);
  ck_assert_uint_eq (warnings->len, 1);
  ck_assert_msg (strstr (g_ptr_array_index (warnings, 0), "each of its 30 colours became a yarn, but the "
                         "Sentro 48-needle knits at most 2 yarns in a round") != NULL &&
                 strstr (g_ptr_array_index (warnings, 0), "import it with fewer colours") != NULL,
                 "%s", (char *) g_ptr_array_index (warnings, 0));
  /* With --colors it is a picture of that many yarns, and nothing to say. */
  g_ptr_array_set_size (warnings, 0);
  options.colors = 2;
  reduced = st_image_import_file (greys, &options, &report, warnings, &error);
  ck_assert_ptr_nonnull (reduced);
  ck_assert (!report.stitch_map);
  ck_assert_uint_eq (reduced->n_yarns, 2);
  ck_assert_uint_eq (warnings->len, 0);

  /* A 3-colour stitch map asked for other rounds is resampled as a
   * picture (EXPORTS.md), with a warning that says so. */
  options.colors = 0;
  options.rows = 20;
  resized = st_image_import_file (bands, &options, &report, warnings, &error);
  ck_assert_ptr_nonnull (resized);
  ck_assert (!report.stitch_map);
  ck_assert_uint_eq (st_pattern_rows (resized), 20);
  ck_assert_uint_ge (warnings->len, 1);
  ck_assert_msg (strstr (g_ptr_array_index (warnings, 0), "looks like a stitch map (one pixel per stitch, 30 "
                         "rows), but 20 rounds were asked for") != NULL,
                 "%s", (char *) g_ptr_array_index (warnings, 0));
  export_rmtree (dir);
}
END_TEST

START_TEST (test_cli_import)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *photo = write_photo (dir);
  g_autofree char *out = g_build_filename (dir, "photo.stranded", NULL);
  g_autofree char *sample = export_sample_path ();
  g_autoptr(StPattern) p = NULL;
  ExportRun run = export_run_cli ("import", photo, "--machine", "sentro-48", "--colors", "3", "--max-float", "3",
                                  "--name", "Sunset", "-o", out, NULL);

  ck_assert_int_eq (run.status, 0);
  ck_assert (g_str_has_prefix (run.out, "Resampled 300 x 200 pixels to 48 stitches x 37 rounds\n"
                                        "Float limit 3 stitches: "));
  export_run_clear (&run);
  p = st_pattern_load_file (out, NULL);
  ck_assert_ptr_nonnull (p);
  ck_assert_str_eq (p->name, "Sunset");
  ck_assert_uint_eq (p->n_yarns, 3);

  run = export_run_cli ("import", photo, "-o", out, NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "give the machine the pattern is for"));
  export_run_clear (&run);
  run = export_run_cli ("import", photo, "--machine", "sentro-48", "--max-float", "lots", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--max-float 'lots'"));
  export_run_clear (&run);
  run = export_run_cli ("import", photo, "--machine", "sentro-48", "--colors", "40", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
  /* 0 is a value given, not "the default": refused like any other value
   * outside the range, naming the option. */
  {
    const char *const refused[][2] = {
      { "--colors", "--colors 0 is outside 1 to 32" },
      { "--rows", "--rows 0 is outside 1 to 20000" },
      { "--needles", "--needles 0 is outside 1 to 1024" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        run = export_run_cli ("import", photo, "--machine", "sentro-48", refused[i][0], "0", "-o", out, NULL);
        ck_assert_int_eq (run.status, 2);
        ck_assert_msg (strstr (run.err, refused[i][1]) != NULL, "%s", run.err);
        export_run_clear (&run);
      }
    run = export_run_cli ("import", photo, "--machine", "sentro-48", "--colors", "three", NULL);
    ck_assert_int_eq (run.status, 2);
    ck_assert_ptr_nonnull (strstr (run.err, "--colors 'three' is not a whole number from 1 to 32"));
    export_run_clear (&run);
  }
  run = export_run_cli ("import", sample, "--machine", "sentro-48", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "not a PNG, JPEG, GIF or BMP image"));
  export_run_clear (&run);
  /* To standard output when no -o is given. */
  run = export_run_cli ("import", photo, "--machine", "sentro-48", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert (g_str_has_prefix (run.out, "{"));
  export_run_clear (&run);
  export_rmtree (dir);
}
END_TEST

static Suite *
import_suite (void)
{
  Suite *s = suite_create ("export-image-import");
  TCase *tc = tcase_create ("import");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_photo_gives_n_yarns_at_gauge_size);
  tcase_add_test (tc, test_rows_and_gauge_options);
  tcase_add_test (tc, test_float_aware_reduction_on_photo);
  tcase_add_test (tc, test_float_limit_rows_by_hand);
  tcase_add_test (tc, test_float_limit_follows_knitting_order);
  tcase_add_test (tc, test_float_limit_rows_property);
  tcase_add_test (tc, test_kmeans_by_hand);
  tcase_add_test (tc, test_colour_names);
  tcase_add_test (tc, test_stitch_map_size_and_yarns);
  tcase_add_test (tc, test_mapping_onto_existing_yarns);
  tcase_add_test (tc, test_more_colours_than_yarns_and_long_names);
  tcase_add_test (tc, test_hostile_images_are_refused);
  tcase_add_test (tc, test_cli_import);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (import_suite ());
}
