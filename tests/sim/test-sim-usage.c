/* SPDX-License-Identifier: GPL-3.0-or-later
 * Yarn usage in metres (Munden loop length, floats, catches, duplicate
 * stitches, waste allowance), the risk map PNG and risk descriptions.
 */
#include "sim-test-util.h"

#include <cairo.h>
#include <gio/gio.h>

START_TEST (test_usage_hand_worked)
{
  /* 14 st/10 cm: stitch 7.142857 mm, Munden loop 3.8 x that = 27.142857 mm.
   * A: 6 stitches and a float of 4: 6 x 27.142857 + 4 x 7.142857 =
   * 191.428571 mm, plus 10 % = 210.571 mm. B: 4 stitches, 108.571429 mm,
   * plus 10 % = 119.429 mm. */
  const char *rows[] = { "ABBBBAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(StCheckResult) own_loop = NULL;
  g_autoptr(StCheckResult) no_waste = NULL;
  StYarnUsage u[ST_MAX_YARNS];
  StCheckOptions options;

  ck_assert_uint_eq (st_check_result_get_usage (r, u), 2);
  ck_assert_double_eq_tol (st_check_result_loop_length_mm (r), 27.142857, 1e-5);
  ck_assert_double_eq_tol (st_check_result_waste_allowance (r), 0.10, 1e-12);
  ck_assert_uint_eq (u[0].stitches, 6);
  ck_assert_uint_eq (u[0].float_stitches, 4);
  ck_assert_double_eq_tol (u[0].meters, 0.210571, 1e-6);
  ck_assert_uint_eq (u[1].stitches, 4);
  ck_assert_uint_eq (u[1].float_stitches, 0);
  ck_assert_double_eq_tol (u[1].meters, 0.119429, 1e-6);

  /* A calibrated loop of 20 mm: A = (120 + 28.571429) x 1.1 = 163.43 mm. */
  p->loop_length_mm = 20;
  own_loop = st_check_run (p, NULL);
  st_check_result_get_usage (own_loop, u);
  ck_assert_double_eq_tol (u[0].meters, 0.163429, 1e-6);

  /* No waste allowance: 191.43 mm. */
  p->loop_length_mm = 0;
  st_check_options_init (&options);
  options.waste_allowance = 0;
  no_waste = st_check_run (p, &options);
  st_check_result_get_usage (no_waste, u);
  ck_assert_double_eq_tol (u[0].meters, 0.191429, 1e-6);
}
END_TEST

START_TEST (test_usage_marks)
{
  /* A and B have 5 stitches each, so A is the main yarn. Needle 8 as
   * duplicate stitch is knit in A and embroidered in B (about two loops);
   * a catch of A at needle 3 adds a stitch width and splits A's float.
   * A knits needles 1, 6-10 (6 stitches), floats 1 + 2 (needles 2 and
   * 4-5), 1 catch: (6 x 27.142857 + 4 x 7.142857) x 1.1 = 210.571 mm.
   * B knits needles 2-5, 1 duplicate: 6 x 27.142857 x 1.1 = 179.143 mm. */
  const char *rows[] = { "ABBBBAABAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r = NULL;
  StStitchRef d = { 0, 7 };
  StYarnUsage u[ST_MAX_YARNS];

  sim_add_catch (p, 1, 3, 'A');
  g_array_append_val (p->duplicate_stitches, d);
  r = st_check_run (p, NULL);
  st_check_result_get_usage (r, u);
  ck_assert_uint_eq (u[0].stitches, 6);
  ck_assert_uint_eq (u[0].float_stitches, 3);
  ck_assert_uint_eq (u[0].catches, 1);
  ck_assert_uint_eq (u[0].duplicate_stitches, 0);
  ck_assert_double_eq_tol (u[0].meters, 0.210571, 1e-6);
  ck_assert_uint_eq (u[1].stitches, 4);
  ck_assert_uint_eq (u[1].float_stitches, 0);
  ck_assert_uint_eq (u[1].duplicate_stitches, 1);
  ck_assert_double_eq_tol (u[1].meters, 0.179143, 1e-6);
}
END_TEST

START_TEST (test_usage_sample)
{
  /* The sample hat: the knitted stitches are the chart's counts (no
   * duplicate stitches), and the float stitches are every gap shorter than
   * a round, counted here independently. */
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  guint64 counts[ST_MAX_YARNS], floats[2] = { 0, 0 };
  gint64 last[2] = { -1, -1 };
  guint W = st_pattern_needles (p);
  StYarnUsage u[ST_MAX_YARNS];

  st_pattern_count_stitches (p, counts);
  for (gint64 g = 0; g < (gint64) W * st_pattern_rows (p); g++)
    {
      guint8 y = p->chart->cells[g];

      if (last[y] >= 0 && g - last[y] - 1 < W)
        floats[y] += g - last[y] - 1;
      last[y] = g;
    }
  st_check_result_get_usage (r, u);
  ck_assert_uint_eq (u[0].stitches, counts[0]);
  ck_assert_uint_eq (u[1].stitches, counts[1]);
  ck_assert_uint_eq (u[0].stitches, 2544);
  ck_assert_uint_eq (u[1].stitches, 336);
  ck_assert_uint_eq (u[0].float_stitches, floats[0]);
  ck_assert_uint_eq (u[1].float_stitches, floats[1]);
  ck_assert_double_eq_tol (u[0].meters,
                           (2544 * 3.8 * 100 / 14.0 + floats[0] * 100 / 14.0) * 1.1 / 1000, 1e-9);
}
END_TEST

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL)
    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  return *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4)
         & 0xffffff;
}

START_TEST (test_risk_png)
{
  /* 10 x 3, 8 px cells: 80 x 24. Round 1 is the bottom band of pixels.
   * Round 2 needle 5 sits behind a 7-stitch float of A in the cast-on
   * rounds (25 + 20 + 20 = 65): red.
   * Round 3 needle 10 (plain, last round: cast-off only, 15): pale with a
   * little yellow. The error cell is redder than the plain one. */
  const char *rows[] = { "AAAAAAAAAA", "ABBBBBBBAA", "AAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 3);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = st_check_render_risk_png (r, p, 8, &error);
  g_autoptr(GInputStream) in = NULL;
  cairo_surface_t *s;
  guint32 hot, cool;
  const guint8 *data;

  ck_assert_msg (png != NULL, "%s", error ? error->message : "");
  data = g_bytes_get_data (png, NULL);
  ck_assert (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  in = g_memory_input_stream_new_from_bytes (png);
  s = cairo_image_surface_create_from_png_stream (read_bytes, in);
  ck_assert_int_eq (cairo_surface_status (s), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (s), 80);
  ck_assert_int_eq (cairo_image_surface_get_height (s), 24);
  ck_assert_uint_eq (st_check_result_risk (r, 1, 4), 65);
  hot = pixel (s, 4 * 8 + 3, 8 + 3);      /* round 2 is the middle band */
  cool = pixel (s, 9 * 8 + 3, 3);         /* round 3 is the top band */
  ck_assert_uint_gt ((hot >> 16) & 0xff, 200);
  ck_assert_uint_lt ((hot >> 8) & 0xff, (cool >> 8) & 0xff);
  ck_assert_uint_lt (hot & 0xff, cool & 0xff);
  cairo_surface_destroy (s);

  /* Without a risk map there is nothing to draw. */
  {
    StCheckOptions options;
    g_autoptr(StCheckResult) bare = NULL;
    g_autoptr(GBytes) none = NULL;

    st_check_options_init (&options);
    options.skip_risk = TRUE;
    bare = st_check_run (p, &options);
    ck_assert (!st_check_result_has_risk (bare));
    ck_assert_uint_eq (st_check_result_risk (bare, 1, 4), 0);
    none = st_check_render_risk_png (bare, p, 8, &error);
    ck_assert_ptr_null (none);
    ck_assert_ptr_nonnull (error);
  }
}
END_TEST

START_TEST (test_risk_row_and_names)
{
  const char *rows[] = { "ABBBBBBBAA", "AAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autofree char *text = st_check_reasons_describe (ST_RISK_FLOAT_LONG | ST_RISK_YARN_JOIN);
  guint8 scores[10];

  st_check_result_risk_row (r, 0, scores);
  /* Needle 1 anchors the float (10) in the cast-on rounds (20); needles
   * 2-8 are behind it (25 + 20 + 20). */
  ck_assert_uint_eq (scores[0], 30);
  ck_assert_uint_eq (scores[4], 65);
  ck_assert_str_eq (text, "long float behind, yarn join");
  ck_assert_str_eq (st_check_reason_name (ST_RISK_CATCH_STACK),
                    "too many loops or side-by-side catches");
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-usage");
  TCase *tc = tcase_create ("usage");

  tcase_add_test (tc, test_usage_hand_worked);
  tcase_add_test (tc, test_usage_marks);
  tcase_add_test (tc, test_usage_sample);
  tcase_add_test (tc, test_risk_png);
  tcase_add_test (tc, test_risk_row_and_names);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
