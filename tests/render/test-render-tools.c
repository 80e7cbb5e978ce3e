/* SPDX-License-Identifier: GPL-3.0-or-later
 * Painting tools: wrap-around strokes, one undo step per stroke, live
 * shape previews, repeat and mirror modes, fill, eyedropper, selections,
 * move and paste.
 */
#include <string.h>

#include "st-edit.h"
#include "st-error.h"
#include "st-history.h"
#include "st-test-util.h"
#include "st-tool.h"

/* Twelve needles, three rounds, all yarn A; B and C to paint with. */
static StPattern *
blank (void)
{
  const char *rows[] = { "AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA" };

  return st_test_pattern ("custom", "ABC", rows, 3);
}

static void
assert_rows (const StPattern *pattern,
             const char      *expected)
{
  g_autofree char *rows = st_test_rows_string (pattern);

  ck_assert_str_eq (rows, expected);
}

static StToolOptions
options_with (guint    brush,
              guint    repeat,
              gboolean mirror)
{
  StToolOptions options;

  st_tool_options_init (&options);
  options.brush_size = brush;
  options.repeat_width = repeat;
  options.mirror = mirror;
  return options;
}

START_TEST (test_names)
{
  StTool tool;

  for (guint t = 0; t < ST_N_TOOLS; t++)
    {
      ck_assert (st_tool_from_name (st_tool_to_name (t), &tool));
      ck_assert_uint_eq (tool, t);
    }
  ck_assert (!st_tool_from_name ("airbrush", &tool));
  ck_assert (st_tool_paints (ST_TOOL_FILL));
  ck_assert (!st_tool_paints (ST_TOOL_EYEDROPPER));
  ck_assert (!st_tool_paints (ST_TOOL_SELECT));
}
END_TEST

START_TEST (test_pencil_stroke_across_seam)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  /* Drag along round 2 from needle 11 through columns 12, 13, 14: past
   * the seam to needles 1, 2, 3. */
  ck_assert (st_stroke_begin (&stroke, pattern, history, ST_TOOL_PENCIL, &options, 1, 0, NULL, 1, 10));
  ck_assert (st_stroke_update (&stroke, 1, 14));
  ck_assert (!st_stroke_update (&stroke, 1, 14));
  st_stroke_end (&stroke);
  assert_rows (pattern, "AAAAAAAAAAAA/BBBAAAAAAABB/AAAAAAAAAAAA");
  /* One stroke, one step. */
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);
  ck_assert_str_eq (st_history_undo_label (history), "Paint");
  ck_assert (st_history_undo (history, pattern));
  assert_rows (pattern, "AAAAAAAAAAAA/AAAAAAAAAAAA/AAAAAAAAAAAA");
}
END_TEST

START_TEST (test_pencil_fast_drag_leaves_no_gaps)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  /* A jump from (0, 0) to (2, 4) is filled in along the line. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_PENCIL, &options, 1, 0, NULL, 0, 0);
  st_stroke_update (&stroke, 2, 4);
  st_stroke_end (&stroke);
  assert_rows (pattern, "BAAAAAAAAAAA/ABBAAAAAAAAA/AAABBAAAAAAA");
}
END_TEST

START_TEST (test_brush_sizes_wrap)
{
  g_autoptr(StPattern) pattern = blank ();
  StToolOptions options = options_with (3, 0, FALSE);
  StStroke stroke;

  /* A 3-stitch brush on needle 1 of round 2 covers needles 12, 1, 2. */
  st_stroke_begin (&stroke, pattern, NULL, ST_TOOL_PENCIL, &options, 2, 0, NULL, 1, 0);
  st_stroke_end (&stroke);
  assert_rows (pattern, "CCAAAAAAAAAC/CCAAAAAAAAAC/CCAAAAAAAAAC");
}
END_TEST

START_TEST (test_repeat_mode)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 4, FALSE);
  StStroke stroke;

  ck_assert_uint_eq (st_tool_options_repeat (&options, 12), 4);
  /* Widths that do not divide the round, or are the round, mean off. */
  options.repeat_width = 5;
  ck_assert_uint_eq (st_tool_options_repeat (&options, 12), 0);
  options.repeat_width = 12;
  ck_assert_uint_eq (st_tool_options_repeat (&options, 12), 0);
  options.repeat_width = 4;

  /* Painting needle 2 paints needles 2, 6, 10: all three repeats. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_PENCIL, &options, 1, 0, NULL, 0, 1);
  st_stroke_update (&stroke, 1, 1);
  st_stroke_end (&stroke);
  assert_rows (pattern, "ABAAABAAABAA/ABAAABAAABAA/AAAAAAAAAAAA");
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);

  /* 3-fold symmetry of a 12-needle cylinder is a repeat of 4: a line
   * crossing a repeat boundary is drawn in every repeat, wrapping. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_LINE, &options, 2, 0, NULL, 2, 3);
  st_stroke_update (&stroke, 2, 4);
  st_stroke_end (&stroke);
  assert_rows (pattern, "ABAAABAAABAA/ABAAABAAABAA/CAACCAACCAAC");
  ck_assert_uint_eq (st_history_n_undo_steps (history), 2);
}
END_TEST

START_TEST (test_mirror_within_repeat)
{
  g_autoptr(StPattern) pattern = blank ();
  StToolOptions options = options_with (1, 6, TRUE);
  StStroke stroke;

  /* Needle 2 in a repeat of 6 mirrors to needle 5; both repeat at 8, 11. */
  st_stroke_begin (&stroke, pattern, NULL, ST_TOOL_PENCIL, &options, 1, 0, NULL, 0, 1);
  st_stroke_end (&stroke);
  assert_rows (pattern, "ABAABAABAABA/AAAAAAAAAAAA/AAAAAAAAAAAA");

  /* Without a repeat the mirror is the whole round: needle 1 <-> 12. A
   * size-2 brush grows right, so its mirror grows left: 1-2 <-> 11-12. */
  options = options_with (2, 0, TRUE);
  st_stroke_begin (&stroke, pattern, NULL, ST_TOOL_PENCIL, &options, 2, 0, NULL, 1, 0);
  st_stroke_end (&stroke);
  assert_rows (pattern, "ABAABAABAABA/CCAAAAAAAACC/CCAAAAAAAACC");
}
END_TEST

START_TEST (test_line_preview_is_live_and_one_step)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  st_stroke_begin (&stroke, pattern, history, ST_TOOL_LINE, &options, 1, 0, NULL, 0, 0);
  assert_rows (pattern, "BAAAAAAAAAAA/AAAAAAAAAAAA/AAAAAAAAAAAA");
  st_stroke_update (&stroke, 0, 5);
  assert_rows (pattern, "BBBBBBAAAAAA/AAAAAAAAAAAA/AAAAAAAAAAAA");
  /* Moving on replaces the previous preview. */
  st_stroke_update (&stroke, 2, 0);
  assert_rows (pattern, "BAAAAAAAAAAA/BAAAAAAAAAAA/BAAAAAAAAAAA");
  st_stroke_end (&stroke);
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);
  ck_assert (!st_history_can_redo (history));
  st_history_undo (history, pattern);
  assert_rows (pattern, "AAAAAAAAAAAA/AAAAAAAAAAAA/AAAAAAAAAAAA");
}
END_TEST

START_TEST (test_rectangles)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  /* An outline from needle 11 to column 13 (needle 2) across the seam. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_RECTANGLE, &options, 1, 0, NULL, 0, 10);
  st_stroke_update (&stroke, 2, 13);
  st_stroke_end (&stroke);
  assert_rows (pattern, "BBAAAAAAAABB/ABAAAAAAAABA/BBAAAAAAAABB");

  st_stroke_begin (&stroke, pattern, history, ST_TOOL_FILLED_RECTANGLE, &options, 2, 0, NULL, 1, 4);
  st_stroke_update (&stroke, 2, 5);
  st_stroke_end (&stroke);
  assert_rows (pattern, "BBAAAAAAAABB/ABAACCAAAABA/BBAACCAAAABB");
  ck_assert_uint_eq (st_history_n_undo_steps (history), 2);
}
END_TEST

START_TEST (test_fill_wraps)
{
  const char *rows[] = { "AAABBBBBBAAA", "BBBBBBBBBBBB" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", rows, 2);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  /* The A region around the seam is one region on the cylinder. */
  st_stroke_begin (&stroke, pattern, NULL, ST_TOOL_FILL, &options, 2, 0, NULL, 0, 11);
  st_stroke_end (&stroke);
  assert_rows (pattern, "CCCBBBBBBCCC/BBBBBBBBBBBB");
}
END_TEST

START_TEST (test_eyedropper_and_cancel)
{
  const char *rows[] = { "ABCAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", rows, 1);
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  ck_assert (!st_stroke_begin (&stroke, pattern, history, ST_TOOL_EYEDROPPER, &options, 0, 0, NULL, 0, 14));
  ck_assert_int_eq (stroke.picked, 2);
  ck_assert (!stroke.active);

  /* Cancelling puts everything back and leaves no undo step. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_PENCIL, &options, 1, 0, NULL, 0, 3);
  st_stroke_update (&stroke, 0, 8);
  assert_rows (pattern, "ABCBBBBBBAAA");
  ck_assert (st_stroke_cancel (&stroke));
  assert_rows (pattern, "ABCAAAAAAAAA");
  ck_assert_uint_eq (st_history_n_undo_steps (history), 0);
  ck_assert (!st_history_in_step (history));
}
END_TEST

START_TEST (test_select_copy_paste_wraps)
{
  const char *rows[] = { "BCAAAAAAAAAB", "CBAAAAAAAAAC", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", rows, 3);
  g_autoptr(StHistory) history = st_history_new (0);
  g_autoptr(StChart) region = NULL;
  StToolOptions options = options_with (1, 0, FALSE);
  StStroke stroke;

  /* Select from column -1 (needle 12) to column 1 (needle 2), rounds 1-2,
   * dragging from top right to bottom left. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_SELECT, &options, 0, 0, NULL, 1, 1);
  st_stroke_update (&stroke, 0, -1);
  st_stroke_end (&stroke);
  ck_assert (stroke.has_selection);
  ck_assert_int_eq (stroke.selection.row0, 0);
  ck_assert_int_eq (stroke.selection.row1, 1);
  ck_assert_int_eq (stroke.selection.column0, 11);
  ck_assert_int_eq (stroke.selection.column1, 13);
  ck_assert_uint_eq (st_selection_width (&stroke.selection), 3);
  ck_assert (st_selection_contains (&stroke.selection, pattern, 1, 0));
  ck_assert (st_selection_contains (&stroke.selection, pattern, 1, 11));
  ck_assert (!st_selection_contains (&stroke.selection, pattern, 1, 2));
  ck_assert (!st_selection_contains (&stroke.selection, pattern, 2, 0));
  ck_assert_uint_eq (st_history_n_undo_steps (history), 0);

  region = st_selection_copy (&stroke.selection, pattern);
  ck_assert_uint_eq (region->needles, 3);
  ck_assert_uint_eq (region->rows, 2);
  ck_assert_uint_eq (st_chart_get (region, 0, 0), 1);
  ck_assert_uint_eq (st_chart_get (region, 0, 1), 1);
  ck_assert_uint_eq (st_chart_get (region, 0, 2), 2);

  /* Paste at needle 11 of round 2: wraps past the seam; the top round of
   * the region falls off the chart. */
  ck_assert (st_tool_paste (pattern, history, &options, region, 2, 10));
  assert_rows (pattern, "BCAAAAAAAAAB/CBAAAAAAAAAC/CAAAAAAAAABB");
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);

  /* Cut: the selection becomes the background yarn. */
  ck_assert (st_tool_fill_selection (pattern, history, &stroke.selection, 0));
  assert_rows (pattern, "AAAAAAAAAAAA/AAAAAAAAAAAA/CAAAAAAAAABB");
}
END_TEST

/* The system clipboard's text: as the chart shows it, top round first. */
START_TEST (test_region_as_text)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StChart) region = NULL;
  g_autoptr(StChart) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  region = st_chart_new (3, 2, 0, &error);
  st_chart_set (region, 0, 0, 1);               /* round 1: B A C */
  st_chart_set (region, 0, 2, 2);
  st_chart_set (region, 1, 1, ST_TRANSPARENT);  /* round 2: A . A */
  text = st_region_to_text (region, pattern);
  ck_assert_str_eq (text, "A.A\nBAC\n");
  back = st_region_from_text (text, pattern, &error);
  ck_assert_ptr_nonnull (back);
  ck_assert (st_chart_equal (back, region));
  g_clear_pointer (&back, st_chart_free);

  /* From an editor: Windows line ends, spaces at the ends, blank lines
   * around; pasted, '.' leaves the stitch as it is. */
  back = st_region_from_text ("\r\n  A.A  \r\nBAC\r\n\r\n", pattern, &error);
  ck_assert_ptr_nonnull (back);
  ck_assert (st_chart_equal (back, region));
  ck_assert (st_tool_paste (pattern, NULL, &(StToolOptions) { .brush_size = 1 }, back, 1, 11));
  assert_rows (pattern, "AAAAAAAAAAAA/ACAAAAAAAAAB/AAAAAAAAAAAA");
}
END_TEST

START_TEST (test_region_text_errors)
{
  g_autoptr(StPattern) pattern = blank ();
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "the clipboard holds no stitches: its text is empty" },
    { " \n\t\n", "the clipboard holds no stitches: its text is empty" },
    { "\nABC\nAB\n", "line 3 has 2 stitches, line 2 has 3: every line of a chart is one round of the same width" },
    { "ABC\n\nABC", "line 2 has 0 stitches, line 1 has 3: every line of a chart is one round of the same width" },
    { "ABC\nAxC", "line 2, column 2: “x” is not a yarn key of this pattern (A, B, C) nor “.” for a stitch left as it is" },
    { "Aé", "line 1, column 2: “é” is not a yarn key of this pattern (A, B, C) nor “.” for a stitch left as it is" },
    { "a", "line 1, column 1: “a” is not a yarn key of this pattern (A, B, C) nor “.” for a stitch left as it is" },
    { "A\xff", "the clipboard does not hold text" },
  };
  g_autofree char *wide = g_strnfill (ST_MAX_NEEDLES + 1, 'A');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StChart) region = st_region_from_text (cases[i].text, pattern, &error);

      ck_assert_msg (region == NULL, "case %u was read", i);
      ck_assert_str_eq (error->message, cases[i].message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StChart) region = st_region_from_text (wide, pattern, &error);

    ck_assert_ptr_null (region);
    ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_LIMIT));
    ck_assert_str_eq (error->message, "the clipboard holds 1 line of 1025 characters, more than a chart can "
                                      "have (20000 rounds of 1024 stitches)");
  }
}
END_TEST

START_TEST (test_paste_into_repeats)
{
  g_autoptr(StPattern) pattern = blank ();
  g_autoptr(StChart) region = NULL;
  g_autoptr(GError) error = NULL;
  StToolOptions options = options_with (1, 6, FALSE);

  region = st_chart_new (2, 1, 1, &error);
  st_chart_set (region, 0, 1, ST_TRANSPARENT);
  ck_assert (st_tool_paste (pattern, NULL, &options, region, 1, 2));
  assert_rows (pattern, "AAAAAAAAAAAA/AABAAAAABAAA/AAAAAAAAAAAA");
}
END_TEST

START_TEST (test_move_selection)
{
  const char *rows[] = { "BCAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) pattern = st_test_pattern ("custom", "ABC", rows, 3);
  g_autoptr(StHistory) history = st_history_new (0);
  StToolOptions options = options_with (1, 0, FALSE);
  StSelection selection = { 0, 0, 0, 1 };
  StStroke stroke;

  /* Outside the selection the move tool does nothing. */
  ck_assert (!st_stroke_begin (&stroke, pattern, history, ST_TOOL_MOVE, &options, 0, 0, &selection, 2, 5));
  ck_assert (!stroke.active);

  /* Grab needle 1 and drag up one round and left two needles: the pair
   * lands on needles 11-12 of round 2; round 1 gets the background. */
  st_stroke_begin (&stroke, pattern, history, ST_TOOL_MOVE, &options, 0, 0, &selection, 0, 0);
  st_stroke_update (&stroke, 1, 3);
  assert_rows (pattern, "AAAAAAAAAAAA/AAABCAAAAAAA/AAAAAAAAAAAA");
  st_stroke_update (&stroke, 1, -2);
  assert_rows (pattern, "AAAAAAAAAAAA/AAAAAAAAAABC/AAAAAAAAAAAA");
  st_stroke_end (&stroke);
  ck_assert_int_eq (stroke.selection.row0, 1);
  ck_assert_int_eq (stroke.selection.column0, 10);
  ck_assert_int_eq (stroke.selection.column1, 11);
  ck_assert_uint_eq (st_history_n_undo_steps (history), 1);
  st_history_undo (history, pattern);
  assert_rows (pattern, "BCAAAAAAAAAA/AAAAAAAAAAAA/AAAAAAAAAAAA");
}
END_TEST

static Suite *
tools_suite (void)
{
  Suite *s = suite_create ("render-tools");
  TCase *tc = tcase_create ("tools");

  tcase_add_test (tc, test_names);
  tcase_add_test (tc, test_pencil_stroke_across_seam);
  tcase_add_test (tc, test_pencil_fast_drag_leaves_no_gaps);
  tcase_add_test (tc, test_brush_sizes_wrap);
  tcase_add_test (tc, test_repeat_mode);
  tcase_add_test (tc, test_mirror_within_repeat);
  tcase_add_test (tc, test_line_preview_is_live_and_one_step);
  tcase_add_test (tc, test_rectangles);
  tcase_add_test (tc, test_fill_wraps);
  tcase_add_test (tc, test_eyedropper_and_cancel);
  tcase_add_test (tc, test_select_copy_paste_wraps);
  tcase_add_test (tc, test_region_as_text);
  tcase_add_test (tc, test_region_text_errors);
  tcase_add_test (tc, test_paste_into_repeats);
  tcase_add_test (tc, test_move_selection);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (tools_suite ());
}
