/* SPDX-License-Identifier: GPL-3.0-or-later
 * Edits on the cylinder: every operation wraps around the round.
 */
#include "st-edit.h"
#include "st-test-util.h"

static StPattern *
blank (guint needles,
       guint rows)
{
  g_autoptr(GPtrArray) row_strings = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < rows; r++)
    g_ptr_array_add (row_strings, g_strnfill (needles, 'A'));
  return st_test_pattern ("custom", "ABC", (const char *const *) row_strings->pdata, rows);
}

static void
assert_rows (const StPattern *pattern,
             const char      *expected)
{
  g_autofree char *rows = st_test_rows_string (pattern);

  ck_assert_str_eq (rows, expected);
}

START_TEST (test_set_stitch_wraps)
{
  g_autoptr(StPattern) p = blank (6, 2);

  ck_assert (st_edit_set_stitch (p, NULL, 0, 6, 1));     /* needle 7 is needle 1 */
  ck_assert (st_edit_set_stitch (p, NULL, 1, -1, 2));    /* needle 0 is needle 6 */
  ck_assert (!st_edit_set_stitch (p, NULL, 0, 12, 1));   /* already B: no change */
  ck_assert (!st_edit_set_stitch (p, NULL, 2, 0, 1));    /* above the chart */
  ck_assert (!st_edit_set_stitch (p, NULL, 0, 0, 7));    /* no such yarn */
  assert_rows (p, "BAAAAA/AAAAAC");
}
END_TEST

START_TEST (test_brush_sizes)
{
  g_autoptr(StPattern) p = blank (5, 4);

  st_edit_brush (p, NULL, 1, 0, 3, 1);
  assert_rows (p, "BBAAB/BBAAB/BBAAB/AAAAA");
  st_edit_brush (p, NULL, 3, 4, 2, 2);   /* up and right: row 4 clipped, needle 5 wraps to 0 */
  assert_rows (p, "BBAAB/BBAAB/BBAAB/CAAAC");
}
END_TEST

START_TEST (test_line_across_seam)
{
  g_autoptr(StPattern) p = blank (6, 3);

  /* From needle 5 to needle 8 (= 2) on round 2: crosses the seam. */
  st_edit_line (p, NULL, 1, 4, 1, 7, 1);
  assert_rows (p, "AAAAAA/BBAABB/AAAAAA");
  st_edit_line (p, NULL, 0, 0, 2, 2, 2);
  assert_rows (p, "CAAAAA/BCAABB/AACAAA");
}
END_TEST

START_TEST (test_rectangle_outline_and_fill)
{
  g_autoptr(StPattern) p = blank (8, 4);

  st_edit_rectangle (p, NULL, 0, 6, 3, 9, 1, FALSE);   /* needles 7,8,1,2 */
  assert_rows (p, "BBAAAABB/ABAAAABA/ABAAAABA/BBAAAABB");
  st_edit_rectangle (p, NULL, 1, 2, 2, 3, 2, TRUE);
  assert_rows (p, "BBAAAABB/ABCCAABA/ABCCAABA/BBAAAABB");
  /* Wider than the round: the whole round, each stitch once. */
  st_edit_rectangle (p, NULL, 0, 0, 0, 100, 2, TRUE);
  assert_rows (p, "CCCCCCCC/ABCCAABA/ABCCAABA/BBAAAABB");
}
END_TEST

START_TEST (test_flood_fill_wraps)
{
  const char *rows[] = { "ABBBA", "BBABB", "ABBBA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 3);

  /* Needle 1 and needle 5 of round 1 touch across the seam. */
  ck_assert (st_edit_flood_fill (p, NULL, 0, 0, 2));
  assert_rows (p, "CBBBC/BBABB/ABBBA");
  /* The B region is connected through round 2 and round 2's seam. */
  ck_assert (st_edit_flood_fill (p, NULL, 1, 4, 2));
  assert_rows (p, "CCCCC/CCACC/ACCCA");
  ck_assert (!st_edit_flood_fill (p, NULL, 1, 0, 2));
}
END_TEST

START_TEST (test_replace_yarn)
{
  const char *rows[] = { "ABCA", "CCBA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);

  ck_assert (st_edit_replace_yarn (p, NULL, 2, 0));
  assert_rows (p, "ABAA/AABA");
  ck_assert (!st_edit_replace_yarn (p, NULL, 2, 0));
}
END_TEST

START_TEST (test_insert_delete_rows_move_marks)
{
  const char *rows[] = { "AB", "BA", "BB" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 3);
  StCatch c = { 2, 1, 0 };
  g_autoptr(GError) error = NULL;

  st_edit_set_catches (p, NULL, &c, 1);
  ck_assert (st_edit_insert_rows (p, NULL, 1, 2, 2, &error));
  assert_rows (p, "AB/CC/CC/BA/BB");
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).row, 4);

  ck_assert (st_edit_delete_rows (p, NULL, 0, 2, &error));
  assert_rows (p, "CC/BA/BB");
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).row, 2);
  ck_assert (st_edit_delete_rows (p, NULL, 2, 1, &error));
  ck_assert_uint_eq (p->catches->len, 0);   /* its round is gone */

  ck_assert (!st_edit_delete_rows (p, NULL, 0, 2, &error));
  ck_assert_str_eq (error->message, "a pattern needs at least one round");
  g_clear_error (&error);
  ck_assert (!st_edit_delete_rows (p, NULL, 1, 5, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "not all in the chart"));
}
END_TEST

START_TEST (test_resize_keeps_stitches_and_checks_limits)
{
  const char *rows[] = { "AB", "BA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);
  g_autoptr(GError) error = NULL;

  ck_assert (st_edit_resize (p, NULL, 3, 3, 2, &error));
  assert_rows (p, "ABC/BAC/CCC");
  ck_assert (!st_edit_resize (p, NULL, 2000, 3, 0, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "outside 1 to 1024"));
  g_clear_error (&error);
  ck_assert (!st_edit_resize (p, NULL, 3, 20001, 0, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "outside 1 to 20000"));
  assert_rows (p, "ABC/BAC/CCC");
}
END_TEST

START_TEST (test_resize_respects_profile)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GError) error = NULL;

  /* A Sentro cylinder has 48 needles, whatever the user asks. */
  ck_assert (!st_edit_resize (p, NULL, 50, 60, 0, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "48 needles"));
  ck_assert (st_edit_resize (p, NULL, 48, 80, 0, NULL));
  ck_assert_uint_eq (st_pattern_rows (p), 80);
}
END_TEST

START_TEST (test_shift_around_cylinder)
{
  const char *rows[] = { "ABCA", "AAAB" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);
  StCatch c = { 0, 3, 1 };

  st_edit_set_catches (p, NULL, &c, 1);
  ck_assert (st_edit_shift (p, NULL, 1));
  assert_rows (p, "AABC/BAAA");
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).needle, 0);
  ck_assert (st_edit_shift (p, NULL, -5));   /* -5 == -1 on 4 needles */
  assert_rows (p, "ABCA/AAAB");
  ck_assert (!st_edit_shift (p, NULL, 8));
}
END_TEST

START_TEST (test_mirror_and_flip)
{
  const char *rows[] = { "ABCAAA", "BBAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);

  st_edit_mirror (p, NULL, 0, 1, 0, 0);
  assert_rows (p, "AAACBA/AAAABB");
  /* A block of 3 from needle 6 wraps: needles 6,1,2. */
  st_edit_mirror (p, NULL, 0, 0, 5, 3);
  assert_rows (p, "AAACBA/AAAABB");
  st_edit_mirror (p, NULL, 1, 1, 5, 3);
  assert_rows (p, "AAACBA/ABAABA");
  st_edit_flip_rows (p, NULL, 0, 1);
  assert_rows (p, "ABAABA/AAACBA");
}
END_TEST

START_TEST (test_copy_paste_wraps)
{
  const char *rows[] = { "ABCAA", "CBAAA", "AAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 3);
  g_autoptr(StChart) region = st_chart_copy_region (p->chart, 0, -1, 2, 3);

  /* Needles 5,1,2 of rounds 1-2. */
  ck_assert_uint_eq (region->needles, 3);
  ck_assert_uint_eq (st_chart_get (region, 0, 0), 0);
  ck_assert_uint_eq (st_chart_get (region, 0, 1), 0);
  ck_assert_uint_eq (st_chart_get (region, 0, 2), 1);
  ck_assert_uint_eq (st_chart_get (region, 1, 1), 2);

  st_chart_set (region, 0, 0, ST_TRANSPARENT);
  /* Pasted at needle 4: lands on 4,5,1; its top row falls off the chart. */
  st_edit_paste (p, NULL, region, 2, 3);
  assert_rows (p, "ABCAA/CBAAA/BAAAA");
  st_edit_paste (p, NULL, region, 1, 3);
  assert_rows (p, "ABCAA/BBAAA/BAAAC");
}
END_TEST

START_TEST (test_repeat_motif)
{
  const char *rows[] = { "ABBAAAAAA", "BAAAAAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);

  st_edit_repeat_motif (p, NULL, 0, 1, 0, 3);
  assert_rows (p, "ABBABBABB/BAABAABAA");
  /* A width that does not divide the round leaves a partial repeat. */
  st_edit_repeat_motif (p, NULL, 1, 1, 1, 2);
  assert_rows (p, "ABBABBABB/AAAAAAAAA");
}
END_TEST

START_TEST (test_palette_edits_remap_stitches)
{
  const char *rows[] = { "ABC", "CBA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 2);
  g_autoptr(GError) error = NULL;
  StYarn yarn = { 'D', (char *) "Denim", { 1, 2, 3 }, ST_WEIGHT_LIGHT, NULL, TRUE };
  StCatch c = { 0, 0, 2 };

  st_edit_set_catches (p, NULL, &c, 1);
  ck_assert (st_edit_add_yarn (p, NULL, &yarn, &error));
  ck_assert_uint_eq (p->n_yarns, 4);
  yarn.key = 'A';
  ck_assert (!st_edit_add_yarn (p, NULL, &yarn, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "already used"));
  g_clear_error (&error);

  ck_assert (st_edit_move_yarn (p, NULL, 2, 0));   /* C first */
  ck_assert_int_eq (p->yarns[0].key, 'C');
  assert_rows (p, "ABC/CBA");                       /* keys unchanged */
  ck_assert_uint_eq (st_chart_get (p->chart, 0, 2), 0);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).yarn, 0);

  ck_assert (st_edit_remove_yarn (p, NULL, 0, 2, &error));   /* C becomes B */
  ck_assert_uint_eq (p->n_yarns, 3);
  assert_rows (p, "ABB/BBA");
  ck_assert_int_eq (p->yarns[2].key, 'D');
  ck_assert (st_pattern_validate (p, NULL));
}
END_TEST

START_TEST (test_edits_mark_dirty_rows)
{
  g_autoptr(StPattern) p = blank (4, 10);
  guint first, last;
  gboolean structure;

  st_pattern_take_dirty (p, NULL, NULL, NULL);
  ck_assert (!st_pattern_take_dirty (p, &first, &last, &structure));
  st_edit_set_stitch (p, NULL, 7, 1, 1);
  st_edit_set_stitch (p, NULL, 3, 1, 1);
  ck_assert (st_pattern_take_dirty (p, &first, &last, &structure));
  ck_assert_uint_eq (first, 3);
  ck_assert_uint_eq (last, 7);
  ck_assert (!structure);
  st_edit_insert_rows (p, NULL, 0, 1, 0, NULL);
  ck_assert (st_pattern_take_dirty (p, &first, &last, &structure));
  ck_assert (structure);
}
END_TEST

START_TEST (test_marks_touch_only_their_rows)
{
  g_autoptr(StPattern) p = blank (6, 20);
  g_autoptr(StHistory) h = st_history_new (0);
  StCatch catches[] = { { 12, 3, 1 }, { 4, 1, 1 } };
  StStitchRef dups[] = { { 9, 2 }, { 2, 5 }, { 9, 2 }, { 30, 0 } };
  guint first, last;
  gboolean structure;

  st_pattern_take_dirty (p, NULL, NULL, NULL);
  ck_assert (st_edit_set_catches (p, h, catches, 2));
  ck_assert (st_pattern_take_dirty (p, &first, &last, &structure));
  ck_assert_uint_eq (first, 4);
  ck_assert_uint_eq (last, 12);
  ck_assert (!structure);
  ck_assert (!st_edit_set_catches (p, h, catches, 2));   /* the same list: no step */
  ck_assert_uint_eq (st_history_n_undo_steps (h), 1);

  /* Duplicates are sorted, deduplicated, and those off the chart dropped. */
  ck_assert (st_edit_set_duplicate_stitches (p, h, dups, 4));
  ck_assert_uint_eq (p->duplicate_stitches->len, 2);
  ck_assert_uint_eq (g_array_index (p->duplicate_stitches, StStitchRef, 0).row, 2);
  ck_assert (st_pattern_has_duplicate_stitch (p, 9, 2));
  ck_assert (st_pattern_take_dirty (p, &first, &last, &structure));
  ck_assert_uint_eq (first, 2);
  ck_assert_uint_eq (last, 9);

  ck_assert (st_history_undo (h, p));
  ck_assert_uint_eq (p->duplicate_stitches->len, 0);
  ck_assert (st_history_undo (h, p));
  ck_assert_uint_eq (p->catches->len, 0);
  ck_assert (st_history_redo (h, p));
  ck_assert_uint_eq (p->catches->len, 2);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).row, 4);
}
END_TEST

/* A catch given twice is one catch, as a duplicate stitch is. */
START_TEST (test_set_catches_merges_repeats)
{
  g_autoptr(StPattern) p = blank (6, 4);
  StCatch catches[] = { { 2, 3, 1 }, { 0, 5, 2 }, { 2, 3, 1 }, { 2, 3, 0 } };

  ck_assert (st_edit_set_catches (p, NULL, catches, G_N_ELEMENTS (catches)));
  ck_assert_uint_eq (p->catches->len, 3);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 0).row, 0);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 1).yarn, 0);
  ck_assert_uint_eq (g_array_index (p->catches, StCatch, 2).yarn, 1);
  ck_assert (st_pattern_has_catch (p, 2, 3, 1));
}
END_TEST

/* A yarn name or fibre the file would refuse is refused when it is given,
 * not when the saved pattern is opened again. */
START_TEST (test_yarn_name_limits)
{
  g_autoptr(StPattern) p = blank (4, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  StYarn yarn = { 'D', NULL, { 1, 2, 3 }, ST_WEIGHT_LIGHT, NULL, FALSE };

  for (guint i = 0; i < ST_MAX_NAME_LENGTH; i++)
    g_string_append (name, "\xc3\xa9");
  yarn.name = name->str;
  ck_assert_msg (st_edit_add_yarn (p, NULL, &yarn, &error), "%s", error ? error->message : "");

  g_string_append (name, "x");
  yarn.key = 'E';
  ck_assert (!st_edit_add_yarn (p, NULL, &yarn, &error));
  ck_assert_str_eq (error->message, "a yarn name has at most 200 characters");
  g_clear_error (&error);

  yarn.name = (char *) "Wool";
  yarn.fibre = name->str;
  ck_assert (!st_edit_set_yarn (p, NULL, 0, &yarn, &error));
  ck_assert_str_eq (error->message, "a fibre has at most 200 characters");
  ck_assert_uint_eq (p->n_yarns, 4);
}
END_TEST

static Suite *
edit_suite (void)
{
  Suite *s = suite_create ("edit");
  TCase *tc = tcase_create ("edits");

  tcase_add_test (tc, test_set_stitch_wraps);
  tcase_add_test (tc, test_brush_sizes);
  tcase_add_test (tc, test_line_across_seam);
  tcase_add_test (tc, test_rectangle_outline_and_fill);
  tcase_add_test (tc, test_flood_fill_wraps);
  tcase_add_test (tc, test_replace_yarn);
  tcase_add_test (tc, test_insert_delete_rows_move_marks);
  tcase_add_test (tc, test_resize_keeps_stitches_and_checks_limits);
  tcase_add_test (tc, test_resize_respects_profile);
  tcase_add_test (tc, test_shift_around_cylinder);
  tcase_add_test (tc, test_mirror_and_flip);
  tcase_add_test (tc, test_copy_paste_wraps);
  tcase_add_test (tc, test_repeat_motif);
  tcase_add_test (tc, test_palette_edits_remap_stitches);
  tcase_add_test (tc, test_edits_mark_dirty_rows);
  tcase_add_test (tc, test_marks_touch_only_their_rows);
  tcase_add_test (tc, test_set_catches_merges_repeats);
  tcase_add_test (tc, test_yarn_name_limits);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (edit_suite ());
}
