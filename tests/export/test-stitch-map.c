/* SPDX-License-Identifier: GPL-3.0-or-later
 * The stitch map (png-stitches): one pixel per stitch in the yarn's colour,
 * round 1 the bottom row; a Stranded round trip gives back the same
 * pattern, a plain stitch map the same stitches, and yarns that share a
 * colour are refused.
 */
#include "export-test-util.h"

#include "st-error.h"
#include "st-export.h"
#include "st-image-import.h"

static StPattern *
three_yarn_pattern (void)
{
  /* A is the most used, then B, then C, so a plain stitch map lists the
   * yarns in the same order. */
  const char *rows[] = {
    "AAAAAAAAAA",
    "AABBAABBAA",
    "ABCCBAABCA",
    "AAAABBAAAA",
    "CAAAAAAAAB",
    "AAAAAAAAAA",
  };
  StPattern *p = st_test_pattern ("custom", "ABC", rows, G_N_ELEMENTS (rows));
  StCatch catch = { 3, 1, 1 };
  StStitchRef dup = { 4, 9 };

  g_free (p->name);
  p->name = g_strdup ("Three yarns — «stitch map»");
  p->notes = g_strdup ("Round trip test");
  g_array_append_val (p->catches, catch);
  g_array_append_val (p->duplicate_stitches, dup);
  return p;
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);

  ck_assert (gdk_pixbuf_loader_write_bytes (loader, bytes, NULL));
  ck_assert (gdk_pixbuf_loader_close (loader, NULL));
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static char *
write_bytes (const char *dir,
             const char *name,
             const void *data,
             gsize       length)
{
  char *path = g_build_filename (dir, name, NULL);

  ck_assert (g_file_set_contents (path, data, (gssize) length, NULL));
  return path;
}

START_TEST (test_pixels_are_the_chart)
{
  g_autoptr(StPattern) p = three_yarn_pattern ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) map = NULL;
  StExportOptions options;
  guint8 rgb[3];

  st_export_options_init (&options, ST_EXPORT_PNG_STITCHES);
  bytes = st_export_to_bytes (p, &options, warnings, NULL);
  ck_assert_ptr_nonnull (bytes);
  map = decode (bytes);
  ck_assert_int_eq (gdk_pixbuf_get_width (map), 10);
  ck_assert_int_eq (gdk_pixbuf_get_height (map), 6);
  for (guint r = 0; r < 6; r++)
    for (guint n = 0; n < 10; n++)
      {
        StColor c = p->yarns[st_chart_get (p->chart, r, n)].color;

        /* Round 1 is the bottom pixel row. */
        export_pixel (map, (int) n, (int) (5 - r), rgb);
        ck_assert_uint_eq (rgb[0], c.red);
        ck_assert_uint_eq (rgb[1], c.green);
        ck_assert_uint_eq (rgb[2], c.blue);
      }
  /* Round 3, needle 3 is C (#1b4f9b): pixel (2, 3). */
  export_pixel (map, 2, 3, rgb);
  ck_assert_uint_eq (rgb[0], 0x1b);
  ck_assert_uint_eq (rgb[2], 0x9b);
  ck_assert_uint_eq (warnings->len, 1);
  ck_assert_str_eq (g_ptr_array_index (warnings, 0),
                    "the stitch map keeps 1 catch and 1 duplicate stitch only in Stranded's metadata inside "
                    "the PNG; other programs see just the stitch colours");
}
END_TEST

START_TEST (test_stranded_round_trip_is_exact)
{
  g_autoptr(StPattern) p = three_yarn_pattern ();
  g_autoptr(StPattern) back = NULL;
  g_autoptr(StPattern) back_for_machine = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StExportOptions options;
  StImportOptions import;
  StImportReport report;
  gsize n1, n2;

  st_export_options_init (&options, ST_EXPORT_PNG_STITCHES);
  bytes = st_export_to_bytes (p, &options, NULL, NULL);
  path = write_bytes (dir, "map.png", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  st_import_options_init (&import);
  back = st_image_import_file (path, &import, &report, NULL, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert (report.stitch_map);
  ck_assert (report.from_metadata);
  before = st_pattern_to_data (p, &n1);
  after = st_pattern_to_data (back, &n2);
  ck_assert_str_eq (after, before);
  ck_assert (st_chart_equal (p->chart, back->chart));

  /* Naming the same machine changes nothing. */
  import.profile = st_profiles_lookup ("custom");
  back_for_machine = st_image_import_file (path, &import, &report, NULL, &error);
  ck_assert_ptr_nonnull (back_for_machine);
  ck_assert (report.from_metadata);
  ck_assert (st_chart_equal (p->chart, back_for_machine->chart));
  ck_assert_uint_eq (back_for_machine->catches->len, 1);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_plain_stitch_map_imports_exactly)
{
  g_autoptr(StPattern) p = three_yarn_pattern ();
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) map = NULL;
  g_autoptr(GdkPixbuf) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *buffer = NULL;
  StExportOptions options;
  StImportOptions import;
  StImportReport report;
  gsize length;

  st_export_options_init (&options, ST_EXPORT_PNG_STITCHES);
  bytes = st_export_to_bytes (p, &options, NULL, NULL);
  map = decode (bytes);
  /* As another program would write it: the pixels without the metadata. */
  plain = gdk_pixbuf_copy (map);
  ck_assert_ptr_null (gdk_pixbuf_get_option (plain, "tEXt::Stranded"));
  ck_assert (gdk_pixbuf_save_to_buffer (plain, &buffer, &length, "png", &error, NULL));
  path = write_bytes (dir, "plain.png", buffer, length);

  st_import_options_init (&import);
  ck_assert_ptr_null (st_image_import_file (path, &import, &report, NULL, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "give the machine"));
  g_clear_error (&error);

  import.profile = st_profiles_lookup ("custom");
  back = st_image_import_file (path, &import, &report, NULL, &error);
  ck_assert_ptr_nonnull (back);
  ck_assert (report.stitch_map);
  ck_assert (!report.from_metadata);
  ck_assert_uint_eq (st_pattern_needles (back), 10);
  ck_assert_uint_eq (st_pattern_rows (back), 6);
  ck_assert_uint_eq (back->n_yarns, 3);
  /* Most used first: the same order as the original's. */
  ck_assert (st_chart_equal (p->chart, back->chart));
  for (guint i = 0; i < 3; i++)
    ck_assert (memcmp (&back->yarns[i].color, &p->yarns[i].color, sizeof (StColor)) == 0);
  ck_assert_int_eq (back->yarns[0].key, 'A');
  ck_assert_int_eq (back->yarns[2].key, 'C');
  ck_assert_str_eq (back->yarns[1].name, "Cranberry");
  ck_assert_str_eq (back->name, "plain");
  ck_assert_uint_eq (back->catches->len, 0);
  export_rmtree (dir);
}
END_TEST

START_TEST (test_edited_map_falls_back_with_warning)
{
  g_autoptr(StPattern) p = three_yarn_pattern ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) map = NULL;
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  StExportOptions options;
  StImportOptions import;
  StImportReport report;
  guint8 *pixels;

  st_export_options_init (&options, ST_EXPORT_PNG_STITCHES);
  bytes = st_export_to_bytes (p, &options, NULL, NULL);
  map = decode (bytes);
  pixels = gdk_pixbuf_get_pixels (map);
  /* Round 6 (the top row), needle 1 painted pure green elsewhere. */
  pixels[0] = 0;
  pixels[1] = 255;
  pixels[2] = 0;
  st_import_options_init (&import);
  import.profile = st_profiles_lookup ("custom");
  back = st_image_import_pixbuf (map, "edited.png", &import, &report, warnings, NULL);
  ck_assert_ptr_nonnull (back);
  ck_assert (report.stitch_map);
  ck_assert (!report.from_metadata);
  ck_assert_uint_eq (back->n_yarns, 4);
  /* The second warning: 4 yarns for a machine of 2 a round (EXPORTS.md). */
  ck_assert_uint_eq (warnings->len, 2);
  ck_assert_str_eq (g_ptr_array_index (warnings, 0),
                    "edited.png: round 6, needle 1 has a colour none of its Stranded yarns has; the picture "
                    "was edited, so it is imported as a plain stitch map");
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (warnings, 1), "each of its 4 colours became a yarn"));
}
END_TEST

START_TEST (test_shared_colour_is_refused)
{
  g_autoptr(StPattern) p = three_yarn_pattern ();
  g_autoptr(GError) error = NULL;
  StExportOptions options;

  p->yarns[2].color = p->yarns[0].color;
  st_export_options_init (&options, ST_EXPORT_PNG_STITCHES);
  ck_assert_ptr_null (st_export_to_bytes (p, &options, NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED));
  ck_assert_str_eq (error->message, "yarns A and C are both #f3ecd9: a stitch map tells yarns apart only by "
                                    "colour, so give one of them a different colour first");
}
END_TEST

START_TEST (test_flatbed_map_keeps_its_width)
{
  g_autoptr(GdkPixbuf) map = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 60, 20);
  g_autoptr(StPattern) back = NULL;
  g_autoptr(GError) error = NULL;
  StImportOptions import;
  StImportReport report;
  guint8 *pixels = gdk_pixbuf_get_pixels (map);
  int stride = gdk_pixbuf_get_rowstride (map);

  /* Stripes of black, white and red: 3 colours, 60 stitches, 20 rounds. */
  for (int y = 0; y < 20; y++)
    for (int x = 0; x < 60; x++)
      {
        guint8 *px = pixels + y * stride + x * 3;
        int band = (x / 4 + y / 5) % 3;

        px[0] = band == 1 ? 255 : band == 2 ? 200 : 0;
        px[1] = band == 1 ? 255 : 0;
        px[2] = band == 1 ? 255 : 0;
      }
  st_import_options_init (&import);
  import.profile = st_profiles_lookup ("brother-kh9xx");
  back = st_image_import_pixbuf (map, "band.png", &import, &report, NULL, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert (report.stitch_map);
  ck_assert_uint_eq (st_pattern_needles (back), 60);
  ck_assert_uint_eq (st_pattern_rows (back), 20);
  ck_assert_uint_eq (back->n_yarns, 3);
  /* The bottom pixel row is round 1: x = 0..3 there is band (0 + 19 / 5) % 3 = 0, black. */
  ck_assert_uint_eq (back->yarns[st_chart_get (back->chart, 0, 0)].color.red, 0);
  ck_assert_uint_eq (back->yarns[st_chart_get (back->chart, 0, 4)].color.green, 255);
  ck_assert_uint_eq (back->yarns[st_chart_get (back->chart, 19, 0)].color.red, 0);
  ck_assert_uint_eq (back->yarns[st_chart_get (back->chart, 19, 4)].color.red, 255);
}
END_TEST

START_TEST (test_cli_round_trip)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "hat-stitches.png", NULL);
  g_autofree char *back = g_build_filename (dir, "hat.stranded", NULL);
  g_autofree char *sample = export_sample_path ();
  g_autofree char *original = NULL;
  g_autofree char *text = NULL;
  g_autoptr(StPattern) hat = st_pattern_new_sample ();
  gsize length;
  ExportRun run = export_run_cli ("export", sample, "--format", "png-stitches", "-o", png, NULL);

  ck_assert_int_eq (run.status, 0);
  export_run_clear (&run);
  run = export_run_cli ("import", png, "-o", back, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, "Imported a Stranded stitch map: the pattern \"Fair Isle band hat\" with its "
                             "yarns and marks\n2 yarns: A Cream #f3ecd9 (2544 stitches), "
                             "B Cranberry #9b1b30 (336 stitches)\n");
  export_run_clear (&run);
  original = st_pattern_to_data (hat, &length);
  ck_assert (g_file_get_contents (back, &text, NULL, NULL));
  ck_assert_str_eq (text, original);
  export_rmtree (dir);
}
END_TEST

static Suite *
stitch_map_suite (void)
{
  Suite *s = suite_create ("export-stitch-map");
  TCase *tc = tcase_create ("stitch-map");

  tcase_add_test (tc, test_pixels_are_the_chart);
  tcase_add_test (tc, test_stranded_round_trip_is_exact);
  tcase_add_test (tc, test_plain_stitch_map_imports_exactly);
  tcase_add_test (tc, test_edited_map_falls_back_with_warning);
  tcase_add_test (tc, test_shared_colour_is_refused);
  tcase_add_test (tc, test_flatbed_map_keeps_its_width);
  tcase_add_test (tc, test_cli_round_trip);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (stitch_map_suite ());
}
