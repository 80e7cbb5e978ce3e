/* SPDX-License-Identifier: GPL-3.0-or-later
 * Undo and redo: deltas, strokes as one step, snapshots, memory bound.
 */
#include "st-edit.h"
#include "st-history.h"
#include "st-test-util.h"

static StPattern *
blank (guint needles,
       guint rows)
{
  g_autoptr(GPtrArray) row_strings = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < rows; r++)
    g_ptr_array_add (row_strings, g_strnfill (needles, 'A'));
  return st_test_pattern ("custom", "AB", (const char *const *) row_strings->pdata, rows);
}

static void
assert_rows (const StPattern *pattern,
             const char      *expected)
{
  g_autofree char *rows = st_test_rows_string (pattern);

  ck_assert_str_eq (rows, expected);
}

START_TEST (test_stroke_is_one_step)
{
  g_autoptr(StPattern) p = blank (4, 2);
  g_autoptr(StHistory) h = st_history_new (0);

  st_history_begin (h, "Pencil");
  st_edit_set_stitch (p, h, 0, 0, 1);
  st_edit_set_stitch (p, h, 0, 1, 1);
  st_edit_set_stitch (p, h, 0, 0, 0);   /* painted back within the stroke */
  st_edit_set_stitch (p, h, 1, 5, 1);
  st_history_end (h);

  assert_rows (p, "ABAA/ABAA");
  ck_assert_uint_eq (st_history_n_undo_steps (h), 1);
  ck_assert_str_eq (st_history_undo_label (h), "Pencil");
  ck_assert (st_history_undo (h, p));
  assert_rows (p, "AAAA/AAAA");
  ck_assert (!st_history_can_undo (h));
  ck_assert (st_history_redo (h, p));
  assert_rows (p, "ABAA/ABAA");
  ck_assert (!st_history_redo (h, p));
}
END_TEST

START_TEST (test_empty_step_discarded)
{
  g_autoptr(StPattern) p = blank (4, 1);
  g_autoptr(StHistory) h = st_history_new (0);

  st_history_begin (h, "Pencil");
  st_edit_set_stitch (p, h, 0, 0, 1);
  st_edit_set_stitch (p, h, 0, 0, 0);
  st_history_end (h);
  ck_assert (!st_history_can_undo (h));
  ck_assert (!st_history_is_modified (h));
}
END_TEST

START_TEST (test_new_edit_clears_redo)
{
  g_autoptr(StPattern) p = blank (3, 1);
  g_autoptr(StHistory) h = st_history_new (0);

  st_edit_set_stitch (p, h, 0, 0, 1);
  st_edit_set_stitch (p, h, 0, 1, 1);
  st_history_undo (h, p);
  ck_assert (st_history_can_redo (h));
  st_edit_set_stitch (p, h, 0, 2, 1);
  ck_assert (!st_history_can_redo (h));
  assert_rows (p, "BAB");
  st_history_undo (h, p);
  st_history_undo (h, p);
  assert_rows (p, "AAA");
}
END_TEST

START_TEST (test_snapshot_steps)
{
  const char *rows[] = { "AB", "BA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 2);
  g_autoptr(StHistory) h = st_history_new (0);
  StYarn yarn = { 'C', (char *) "Coal", { 0, 0, 0 }, ST_WEIGHT_MEDIUM, NULL, FALSE };

  st_edit_insert_rows (p, h, 2, 1, 1, NULL);
  st_edit_add_yarn (p, h, &yarn, NULL);
  st_edit_set_stitch (p, h, 2, 0, 2);
  st_edit_resize (p, h, 3, 3, 0, NULL);
  assert_rows (p, "ABA/BAA/CBA");

  st_history_undo (h, p);
  assert_rows (p, "AB/BA/CB");
  st_history_undo (h, p);
  assert_rows (p, "AB/BA/BB");
  st_history_undo (h, p);
  ck_assert_uint_eq (p->n_yarns, 2);
  st_history_undo (h, p);
  assert_rows (p, "AB/BA");
  for (guint i = 0; i < 4; i++)
    st_history_redo (h, p);
  assert_rows (p, "ABA/BAA/CBA");
  ck_assert (st_pattern_validate (p, NULL));
}
END_TEST

START_TEST (test_stroke_then_structural_edit_in_one_step)
{
  g_autoptr(StPattern) p = blank (2, 1);
  g_autoptr(StHistory) h = st_history_new (0);

  st_history_begin (h, "Combined");
  st_edit_set_stitch (p, h, 0, 0, 1);
  st_edit_insert_rows (p, h, 1, 1, 1, NULL);
  st_edit_set_stitch (p, h, 1, 0, 0);
  st_history_end (h);
  assert_rows (p, "BA/AB");
  st_history_undo (h, p);
  assert_rows (p, "AA");
  st_history_redo (h, p);
  assert_rows (p, "BA/AB");
}
END_TEST

START_TEST (test_modified_tracking)
{
  g_autoptr(StPattern) p = blank (2, 1);
  g_autoptr(StHistory) h = st_history_new (0);

  ck_assert (!st_history_is_modified (h));
  st_edit_set_stitch (p, h, 0, 0, 1);
  ck_assert (st_history_is_modified (h));
  st_history_mark_saved (h);
  ck_assert (!st_history_is_modified (h));
  st_history_undo (h, p);
  ck_assert (st_history_is_modified (h));
  st_history_redo (h, p);
  ck_assert (!st_history_is_modified (h));
}
END_TEST

START_TEST (test_memory_bound)
{
  g_autoptr(StPattern) p = blank (100, 100);
  g_autoptr(StHistory) h = st_history_new (64 * 1024);
  guint steps;

  /* 10,000 strokes of 10 stitches each: far more than 64 KiB of deltas. */
  for (guint i = 0; i < 10000; i++)
    {
      st_history_begin (h, "Pencil");
      for (guint k = 0; k < 10; k++)
        st_edit_set_stitch (p, h, (i + k) % 100, (i * 7 + k) % 100, (i / 100 + i + k) % 2);
      st_history_end (h);
    }
  ck_assert_uint_le (st_history_memory_used (h), 64 * 1024);
  steps = st_history_n_undo_steps (h);
  ck_assert_uint_gt (steps, 100);
  ck_assert_uint_lt (steps, 10000);
  while (st_history_undo (h, p))
    ;
  /* Dropped history means the pattern is not the original any more, and
   * the document stays modified. */
  ck_assert (st_history_is_modified (h));
}
END_TEST

START_TEST (test_large_snapshot_kept)
{
  g_autoptr(StPattern) p = blank (100, 100);
  g_autoptr(StHistory) h = st_history_new (1024);

  /* One snapshot is bigger than the whole limit: the newest step stays. */
  st_edit_insert_rows (p, h, 0, 10, 1, NULL);
  ck_assert_uint_eq (st_history_n_undo_steps (h), 1);
  st_history_undo (h, p);
  ck_assert_uint_eq (st_pattern_rows (p), 100);
}
END_TEST

START_TEST (test_undo_matches_random_edits)
{
  g_autoptr(StPattern) p = blank (16, 12);
  g_autoptr(StPattern) original = st_pattern_copy (p);
  g_autoptr(StHistory) h = st_history_new (0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (states, st_test_rows_string (p));
  for (guint i = 0; i < 300; i++)
    {
      gint64 r = g_rand_int_range (rand, 0, 12), n = g_rand_int_range (rand, -20, 40);
      guint8 y = g_rand_int_range (rand, 0, 2);
      gboolean changed = FALSE;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: changed = st_edit_brush (p, h, r, n, 3, y); break;
        case 1: changed = st_edit_line (p, h, r, n, g_rand_int_range (rand, 0, 12), n + 9, y); break;
        case 2: changed = st_edit_flood_fill (p, h, r, n, y); break;
        case 3: changed = st_edit_shift (p, h, n); break;
        case 4: changed = st_edit_mirror (p, h, 0, 11, n, 5); break;
        default: changed = st_edit_rectangle (p, h, r, n, r + 3, n + 4, y, i % 2); break;
        }
      if (changed)
        g_ptr_array_add (states, st_test_rows_string (p));
    }
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = st_test_rows_string (p);

      ck_assert_str_eq (now, g_ptr_array_index (states, i));
      ck_assert (st_history_undo (h, p));
    }
  ck_assert (st_chart_equal (p->chart, original->chart));
}
END_TEST

static Suite *
history_suite (void)
{
  Suite *s = suite_create ("history");
  TCase *tc = tcase_create ("undo");

  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_stroke_is_one_step);
  tcase_add_test (tc, test_empty_step_discarded);
  tcase_add_test (tc, test_new_edit_clears_redo);
  tcase_add_test (tc, test_snapshot_steps);
  tcase_add_test (tc, test_stroke_then_structural_edit_in_one_step);
  tcase_add_test (tc, test_modified_tracking);
  tcase_add_test (tc, test_memory_bound);
  tcase_add_test (tc, test_large_snapshot_kept);
  tcase_add_test (tc, test_undo_matches_random_edits);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (history_suite ());
}
