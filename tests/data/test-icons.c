/* SPDX-License-Identifier: GPL-3.0-or-later
 * The application icons render: the full-colour icon at every size a
 * desktop asks for, showing the two yarns of a stranded tube; the symbolic
 * icon in one colour, so GTK can recolour it, and sharp at 16 px.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

#include "st-test-util.h"

#define APP_ICON ICON_DIR "/scalable/apps/io.github.stranded.Stranded.svg"
#define SYMBOLIC_ICON ICON_DIR "/symbolic/apps/io.github.stranded.Stranded-symbolic.svg"

static GdkPixbuf *
load_icon (const char *path,
           int         size)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_size (path, size, size, &error);

  ck_assert_msg (pixbuf != NULL, "%s at %d px: %s", path, size, error ? error->message : "?");
  ck_assert_int_eq (gdk_pixbuf_get_width (pixbuf), size);
  ck_assert_int_eq (gdk_pixbuf_get_height (pixbuf), size);
  ck_assert (gdk_pixbuf_get_has_alpha (pixbuf));
  ck_assert_int_eq (gdk_pixbuf_get_n_channels (pixbuf), 4);
  return pixbuf;
}

static const guchar *
pixel (GdkPixbuf *pixbuf,
       int        x,
       int        y)
{
  return gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 4;
}

static gboolean
near_color (const guchar *p,
            guint32       rgb,
            int           tolerance)
{
  return abs (p[0] - (int) ((rgb >> 16) & 0xff)) <= tolerance
      && abs (p[1] - (int) ((rgb >> 8) & 0xff)) <= tolerance
      && abs (p[2] - (int) (rgb & 0xff)) <= tolerance;
}

static const int app_sizes[] = { 16, 24, 32, 48, 64, 128, 256, 512 };

START_TEST (test_app_icon_sizes)
{
  int size = app_sizes[_i];
  g_autoptr(GdkPixbuf) pixbuf = load_icon (APP_ICON, size);

  /* Transparent around the tube, solid in its middle. */
  ck_assert_int_eq (pixel (pixbuf, 0, 0)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, size - 1, 0)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, 0, size - 1)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, size - 1, size - 1)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, size / 2, size * 70 / 128)[3], 255);
}
END_TEST

START_TEST (test_app_icon_two_yarns)
{
  g_autoptr(GdkPixbuf) pixbuf = load_icon (APP_ICON, 128);
  int opaque = 0, cream = 0, cranberry = 0;

  for (int y = 0; y < 128; y++)
    for (int x = 0; x < 128; x++)
      {
        const guchar *p = pixel (pixbuf, x, y);

        if (p[3] != 255)
          continue;
        opaque++;
        cream += near_color (p, 0xf3e9d2, 40);
        cranberry += near_color (p, 0xb3243f, 40);
      }
  /* The tube fills a good part of the canvas... */
  ck_assert_int_gt (opaque, 128 * 128 / 3);
  /* ...and shows both yarns: 43 of the 77 charted stitches are cream and
   * 34 cranberry, so both are plainly visible and cream dominates. */
  ck_assert_int_gt (cream, opaque / 20);
  ck_assert_int_gt (cranberry, opaque / 20);
  ck_assert_int_gt (cream, cranberry);
}
END_TEST

START_TEST (test_symbolic_one_colour)
{
  int size = _i == 0 ? 16 : 32;
  g_autoptr(GdkPixbuf) pixbuf = load_icon (SYMBOLIC_ICON, size);
  int covered = 0;

  /* GTK recolours a symbolic icon by its alpha alone: every visible pixel
   * must be the one foreground colour (edges are only partly covered, and
   * their colour loses precision to premultiplication, so judge the
   * mostly covered ones). */
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        const guchar *p = pixel (pixbuf, x, y);

        if (p[3] < 128)
          continue;
        covered++;
        ck_assert_msg (near_color (p, 0x2e3436, 2),
                       "pixel %d,%d at %d px is #%02x%02x%02x", x, y, size, p[0], p[1], p[2]);
      }
  ck_assert_int_gt (covered, size * size / 5);
  ck_assert_int_lt (covered, size * size * 3 / 4);
}
END_TEST

START_TEST (test_symbolic_sharp_at_16)
{
  g_autoptr(GdkPixbuf) pixbuf = load_icon (SYMBOLIC_ICON, 16);

  /* The side walls are whole pixels (x 1-2 and 13-14, rows 5-11). */
  for (int y = 5; y <= 11; y++)
    {
      ck_assert_int_eq (pixel (pixbuf, 1, y)[3], 255);
      ck_assert_int_eq (pixel (pixbuf, 2, y)[3], 255);
      ck_assert_int_eq (pixel (pixbuf, 13, y)[3], 255);
      ck_assert_int_eq (pixel (pixbuf, 14, y)[3], 255);
      ck_assert_int_eq (pixel (pixbuf, 0, y)[3], 0);
      ck_assert_int_eq (pixel (pixbuf, 15, y)[3], 0);
    }
  /* The upper V: legs from (4,6) and (11,6) down to (7,9) and (8,9). */
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (pixel (pixbuf, 4 + i, 6 + i)[3], 255);
      ck_assert_int_eq (pixel (pixbuf, 11 - i, 6 + i)[3], 255);
    }
  /* Inside the V and between the Vs and the walls there is no ink. */
  ck_assert_int_eq (pixel (pixbuf, 7, 6)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, 8, 7)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, 3, 8)[3], 0);
  ck_assert_int_eq (pixel (pixbuf, 12, 8)[3], 0);
  /* The tube is open: the middle of the rim is empty. */
  ck_assert_int_eq (pixel (pixbuf, 8, 3)[3], 0);
}
END_TEST

START_TEST (test_symbolic_fills_only)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_get_contents (SYMBOLIC_ICON, &text, NULL, &error), "%s",
                 error ? error->message : "?");
  /* Strokes and gradients would not follow the theme's foreground colour. */
  ck_assert_ptr_null (strstr (text, "stroke"));
  ck_assert_ptr_null (strstr (text, "Gradient"));
  ck_assert_ptr_null (strstr (text, "opacity"));
}
END_TEST

static Suite *
icons_suite (void)
{
  Suite *s = suite_create ("icons");
  TCase *tc = tcase_create ("icons");

  tcase_add_loop_test (tc, test_app_icon_sizes, 0, G_N_ELEMENTS (app_sizes));
  tcase_add_test (tc, test_app_icon_two_yarns);
  tcase_add_loop_test (tc, test_symbolic_one_colour, 0, 2);
  tcase_add_test (tc, test_symbolic_sharp_at_16);
  tcase_add_test (tc, test_symbolic_fills_only);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (icons_suite ());
}
