/* SPDX-License-Identifier: GPL-3.0-or-later
 * Knit-along sessions (src/core/knit): moving round by round and needle by
 * needle, stops, cues, milestones, the words the knitter reads, warnings,
 * machine progress, progress saved in the file, and the chart strip's
 * pixels. Expected values are worked out by hand from the charts below and
 * the embedded sample hat (rounds 13-14 and 26-27 cranberry, the Fair Isle
 * band in rounds 17-23, 60 rounds of 48 stitches).
 */
#include "config.h"

#include <check.h>

#include "render/render-test-util.h"
#include "st-check.h"
#include "st-knit-render.h"
#include "st-knit-private.h"
#include "st-knit-session.h"
#include "st-test-util.h"

/* Sentro 22 (one feed, colours by hand). Round 2 has a duplicate stitch
 * of B at needle 8 (knit in A); round 4 a catch of B at needle 13. */
static const char *const small_rows[] = {
  "AAAAAAAAAAAAAAAAAAAAAA",
  "AAAAAAABAAAAAAAAAAAAAA",
  "AAABBAAAAAAAAAAAAAAAAA",
  "AAABBAAAAAAAAAAAAAAAAA",
  "BBBBBBBBBBBBBBBBBBBBBB",
  "AAAAAAAAAAAAAAAAAAAAAA",
};

static StPattern *
small_pattern (void)
{
  StPattern *p = st_test_pattern ("sentro-22", "AB", small_rows, G_N_ELEMENTS (small_rows));
  StCatch c = { 3, 12, 1 };
  StStitchRef d = { 1, 7 };

  g_array_append_val (p->catches, c);
  g_array_append_val (p->duplicate_stitches, d);
  st_pattern_sort_marks (p);
  return p;
}

static void
assert_at (StKnitSession *s,
           guint          row,
           guint          needle)
{
  ck_assert_uint_eq (st_knit_session_get_row (s), row);
  ck_assert_uint_eq (st_knit_session_get_needle (s), needle);
}

START_TEST (test_needle_steps_wrap_and_clamp)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);

  /* A new session on a pattern without progress starts at the cast-on
   * and stores nothing until the knitter moves. */
  assert_at (s, 0, 0);
  ck_assert (!p->has_progress);
  ck_assert (!st_knit_session_previous_needle (s));
  ck_assert (!st_knit_session_previous_round (s));
  ck_assert (!st_knit_session_previous_stop (s));
  ck_assert (!p->has_progress);

  ck_assert (st_knit_session_go_to (s, 0, 47));
  ck_assert (st_knit_session_next_needle (s));
  assert_at (s, 1, 0);
  ck_assert (st_knit_session_previous_needle (s));
  assert_at (s, 0, 47);

  /* Round moves keep the needle. */
  ck_assert (st_knit_session_go_to (s, 10, 20));
  ck_assert (st_knit_session_next_round (s));
  assert_at (s, 11, 20);
  ck_assert (st_knit_session_previous_round (s));
  ck_assert (st_knit_session_previous_round (s));
  assert_at (s, 9, 20);

  /* The cast-off round is the end: round 60, needle 48. */
  ck_assert (st_knit_session_go_to (s, 59, 46));
  ck_assert (!st_knit_session_next_round (s));
  ck_assert (st_knit_session_next_needle (s));
  assert_at (s, 59, 47);
  ck_assert (!st_knit_session_next_needle (s));
  ck_assert (!st_knit_session_next_stop (s));
  assert_at (s, 59, 47);
  /* go_to clamps. */
  ck_assert (st_knit_session_go_to (s, 500, 500) == FALSE);
  assert_at (s, 59, 47);
  ck_assert (st_knit_session_go_to (s, 2, 500));
  assert_at (s, 2, 47);

  /* 2 full rounds and 48 stitches of the 2880 are behind the position. */
  ck_assert_double_eq_tol (st_knit_session_get_fraction (s), (2 * 48 + 47) / 2880.0, 1e-12);
  ck_assert (p->has_progress);
  ck_assert_uint_eq (p->progress_row, 2);
  ck_assert_uint_eq (p->progress_needle, 47);
}
END_TEST

START_TEST (test_stops_and_cues)
{
  g_autoptr(StPattern) p = small_pattern ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  /* Stops: needle 1 of each round, the changes of rounds 3 and 4 (to B at
   * needle 4, back to A at needle 6), the catch at needle 13 of round 4,
   * and the end of the cast-off round. */
  static const struct { guint row, needle; StKnitCue cue; } expected[] = {
    { 1, 0, ST_KNIT_CUE_ROUND },
    { 2, 0, ST_KNIT_CUE_ROUND },     /* round 3 starts in A, as round 2 ended */
    { 2, 3, ST_KNIT_CUE_CHANGE },
    { 2, 5, ST_KNIT_CUE_CHANGE },
    { 3, 0, ST_KNIT_CUE_ROUND },
    { 3, 3, ST_KNIT_CUE_CHANGE },
    { 3, 5, ST_KNIT_CUE_CHANGE },
    { 3, 12, ST_KNIT_CUE_NONE },     /* a catch: a stop, not a colour change */
    { 4, 0, ST_KNIT_CUE_CHANGE },    /* all B after A */
    { 5, 0, ST_KNIT_CUE_CHANGE },    /* all A after B */
    { 5, 21, ST_KNIT_CUE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ck_assert_msg (st_knit_session_next_stop (s), "stop %u", i);
      assert_at (s, expected[i].row, expected[i].needle);
      ck_assert_msg (st_knit_session_get_cue (s) == expected[i].cue, "cue at stop %u: %d", i,
                     st_knit_session_get_cue (s));
      ck_assert (st_knit_session_is_stop (s, expected[i].row, expected[i].needle) ||
                 expected[i].needle == 21);
    }
  ck_assert (!st_knit_session_next_stop (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);

  /* Back again through the same stops; moving back never cues. */
  for (guint i = G_N_ELEMENTS (expected) - 1; i-- > 0;)
    {
      ck_assert (st_knit_session_previous_stop (s));
      assert_at (s, expected[i].row, expected[i].needle);
      ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);
    }
  ck_assert (st_knit_session_previous_stop (s));
  assert_at (s, 0, 0);

  ck_assert (!st_knit_session_is_stop (s, 2, 4));
  ck_assert (!st_knit_session_is_stop (s, 4, 3));
  ck_assert (st_knit_session_is_stop (s, 4, 0));

  /* Needle by needle: the cue comes on the stitch that needs the change,
   * before it is knit, and not on the next one. */
  ck_assert (st_knit_session_go_to (s, 2, 2));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_ROUND);
  ck_assert (!st_knit_session_change_due (s));
  ck_assert (st_knit_session_next_needle (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
  ck_assert (st_knit_session_change_due (s));
  ck_assert (st_knit_session_next_needle (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);
  ck_assert (st_knit_session_previous_needle (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);
  ck_assert (st_knit_session_change_due (s));
}
END_TEST

START_TEST (test_sample_cues)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);

  /* Round 12 -> 13: cranberry starts at needle 1. */
  ck_assert (st_knit_session_go_to (s, 11, 0));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_ROUND);
  ck_assert (st_knit_session_next_round (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
  ck_assert (st_knit_session_next_round (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_ROUND);
  /* Round 17 alternates from needle 1 (cream, as round 16 ended): the
   * first change is to cranberry at needle 2. */
  ck_assert (st_knit_session_go_to (s, 16, 0));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_ROUND);
  ck_assert (st_knit_session_next_stop (s));
  assert_at (s, 16, 1);
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
  /* Every stitch of round 17 after the first is a change: 47 stops. */
  for (guint i = 2; i < 48; i++)
    ck_assert (st_knit_session_next_stop (s));
  assert_at (s, 16, 47);
  ck_assert (st_knit_session_next_stop (s));
  assert_at (s, 17, 0);
}
END_TEST

START_TEST (test_multi_feed_cue)
{
  static const char *const rows[] = { "AAAA", "AAAA", "ABAB", "ABAB", "AAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, G_N_ELEMENTS (rows));
  g_autoptr(StKnitSession) s = st_knit_session_new (p);

  /* Two feeds: no hand changes are listed, so the cue marks the start of
   * a round whose yarns differ (thread the second feed). */
  ck_assert (!st_instructions_prompt_changes (p));
  ck_assert (st_knit_session_go_to (s, 1, 3));
  ck_assert (st_knit_session_next_needle (s));
  assert_at (s, 2, 0);
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
  ck_assert (st_knit_session_next_needle (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);
  /* Round 4 knits what round 3 did: a new round, nothing to thread. */
  ck_assert (st_knit_session_next_round (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_ROUND);
  /* Back to needle 1 (no cue), then on to round 5, cream only again. */
  ck_assert (st_knit_session_go_to (s, 3, 0));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_NONE);
  ck_assert (st_knit_session_next_round (s));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
}
END_TEST

START_TEST (test_sample_milestones)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  const GArray *m = st_knit_session_get_milestones (s);
  static const struct { StKnitMilestoneKind kind; guint first, last; const char *title; } expected[] = {
    { ST_KNIT_MILESTONE_CAST_ON, 0, 1, "Rounds 1-2: cast on" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 12, 13, "Rounds 13-14: change to Cranberry (B)" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 14, 15, "Rounds 15-16: change to Cream (A)" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 16, 22, "Rounds 17-23: colourwork in Cream (A) and Cranberry (B)" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 23, 24, "Rounds 24-25: Cream (A) only" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 25, 26, "Rounds 26-27: change to Cranberry (B)" },
    { ST_KNIT_MILESTONE_COLOR_CHANGE, 27, 59, "Rounds 28-60: change to Cream (A)" },
    { ST_KNIT_MILESTONE_CAST_OFF, 59, 59, "Round 60: cast off" },
  };
  const StKnitMilestone *current, *next;

  ck_assert_uint_eq (m->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < m->len; i++)
    {
      const StKnitMilestone *got = &g_array_index (m, StKnitMilestone, i);

      ck_assert_int_eq (got->kind, expected[i].kind);
      ck_assert_uint_eq (got->first_row, expected[i].first);
      ck_assert_uint_eq (got->last_row, expected[i].last);
      ck_assert_str_eq (got->title, expected[i].title);
    }
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 0).detail,
                    "Cast on in Cream (A). Crank slowly, check every needle caught the yarn, and hang "
                    "the weights as soon as the tube is long enough.");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 3).detail,
                    "Cranberry (B) comes in at needle 2. 47 colour changes by hand in round 17.");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 4).detail,
                    "Cranberry (B) is not used from here. 1 colour change by hand in round 24.");

  /* Round 1: inside the cast-on; round 13 comes next. */
  current = st_knit_session_get_current_milestone (s);
  next = st_knit_session_get_next_milestone (s);
  ck_assert_str_eq (current->title, "Rounds 1-2: cast on");
  ck_assert_str_eq (next->title, "Rounds 13-14: change to Cranberry (B)");
  ck_assert (st_knit_session_go_to (s, 5, 0));
  ck_assert_ptr_null (st_knit_session_get_current_milestone (s));
  ck_assert (st_knit_session_go_to (s, 20, 0));
  ck_assert_uint_eq (st_knit_session_get_current_milestone (s)->first_row, 16);
  /* Round 60 lies in rounds 28-60 and is the cast-off: the later start wins. */
  ck_assert (st_knit_session_go_to (s, 59, 0));
  current = st_knit_session_get_current_milestone (s);
  ck_assert_int_eq (current->kind, ST_KNIT_MILESTONE_CAST_OFF);
  ck_assert_ptr_null (st_knit_session_get_next_milestone (s));
  /* The tube is 48 x 100/14 mm = 34.3 cm round; three times is 103 cm,
   * rounded up to 110. */
  ck_assert_str_eq (current->detail,
                    "Knit the last round, then:\n"
                    "1. Cut the yarn, leaving a long end: about 110 cm, three times round the tube.\n"
                    "2. Crank one slow turn so the end runs through every needle and the last loops sit "
                    "loose in the hooks.\n"
                    "3. Thread the end through the loops one at a time with a yarn needle, lifting each "
                    "loop off its needle.\n"
                    "4. Pull the end to gather the top, or leave the loops open to bind off, and fasten "
                    "it inside.");
}
END_TEST

START_TEST (test_small_milestones_and_flat_cast_off)
{
  g_autoptr(StPattern) p = small_pattern ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  const GArray *m = st_knit_session_get_milestones (s);
  static const char *const rows[] = { "AAAAAAAA", "AAAAAAAA" };
  g_autoptr(StPattern) flat = st_test_pattern ("brother-kh270", "A", rows, 2);
  g_auto(GStrv) steps = st_knit_cast_off_steps (flat);

  /* Round 2 knits only A (its B is a duplicate stitch): no milestone. */
  ck_assert_uint_eq (m->len, 5);
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 1).title, "Rounds 3-4: colourwork in Yarn A (A) and Yarn B (B)");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 1).detail,
                    "Yarn B (B) comes in at needle 4. 2 colour changes by hand in round 3.");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 2).title, "Round 5: Yarn B (B) only");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 3).title, "Round 6: change to Yarn A (A)");
  ck_assert_str_eq (g_array_index (m, StKnitMilestone, 4).title, "Round 6: cast off");

  /* Flat machines take the piece off on waste yarn. */
  ck_assert_uint_eq (g_strv_length (steps), 3);
  ck_assert_str_eq (steps[0], "Knit 2 or 3 rows of waste yarn and take the piece off the machine.");
}
END_TEST

START_TEST (test_instruction_lines_in_their_rounds)
{
  g_autoptr(StPattern) p = small_pattern ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  static const char *const lines[] = {
    "Round 1: 22 A",
    "Round 2: 22 A; duplicate stitch B at needle 8",
    "Round 3: 3 A, 2 B, 17 A; change to B at needle 4, change to A at needle 6",
    "Round 4: 3 A, 2 B, 17 A; change to B at needle 4, change to A at needle 6; catch B at needle 13",
    "Round 5: 22 B; change to B at needle 1",
    "Round 6: 22 A; change to A at needle 1",
  };

  for (guint r = 0; r < G_N_ELEMENTS (lines); r++)
    {
      const StRoundInstructions *round, *next;
      g_autofree char *catches = NULL;
      g_autofree char *duplicates = NULL;

      ck_assert (st_knit_session_go_to (s, r, 9) || r == 0);
      round = st_knit_session_get_instructions (s);
      next = st_knit_session_get_next_instructions (s);
      ck_assert_uint_eq (round->row, r);
      ck_assert_str_eq (round->text, lines[r]);
      if (r + 1 < G_N_ELEMENTS (lines))
        ck_assert_str_eq (next->text, lines[r + 1]);
      else
        ck_assert_ptr_null (next);

      catches = st_knit_session_describe_catches (s);
      duplicates = st_knit_session_describe_duplicates (s);
      if (r == 3)
        ck_assert_str_eq (catches, "Catch Yarn B (B) at needle 13.");
      else
        ck_assert_ptr_null (catches);
      if (r == 1)
        ck_assert_str_eq (duplicates, "Duplicate stitch Yarn B (B) at needle 8: knit it in Yarn A (A), "
                                      "embroider afterwards.");
      else
        ck_assert_ptr_null (duplicates);
    }
  /* Stepping back a round reads the round before again. */
  ck_assert (st_knit_session_previous_round (s));
  ck_assert_str_eq (st_knit_session_get_instructions (s)->text, lines[4]);
  ck_assert (st_knit_session_go_to (s, 0, 0));
  ck_assert_str_eq (st_knit_session_get_instructions (s)->text, lines[0]);
}
END_TEST

START_TEST (test_words)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  g_autoptr(StPattern) q = small_pattern ();
  g_autoptr(StKnitSession) t = st_knit_session_new (q);
  struct { guint row, needle; const char *position, *round, *now, *next; } expected[] = {
    { 0, 0, "Round 1 of 60", "All 48 needles Cream",
      "Needle 1: knit Cream (A). Cream (A) to the end of the round.",
      "Round 2: the same as this round." },
    { 11, 40, "Round 12 of 60", "All 48 needles Cream",
      "Needle 41: knit Cream (A). Cream (A) to the end of the round.",
      "Round 13: All 48 needles Cranberry. Cranberry (B) comes in at needle 1. Cream (A) is not used. "
      "1 colour change by hand." },
    { 12, 0, "Round 13 of 60", "All 48 needles Cranberry",
      "Needle 1: change to Cranberry (B) now. No more changes in this round.",
      "Round 14: the same as this round." },
    { 16, 0, "Round 17 of 60", "Repeat 24 times: 1 Cream, 1 Cranberry (2 needles)",
      "Needle 1: knit Cream (A). Next change: needle 2, to Cranberry (B).",
      "Round 18: Repeat 8 times: 3 Cream, 1 Cranberry, 2 Cream (6 needles). 17 colour changes by hand." },
    { 17, 3, "Round 18 of 60", "Repeat 8 times: 3 Cream, 1 Cranberry, 2 Cream (6 needles)",
      "Needle 4: change to Cranberry (B) now. Next change: needle 5, to Cream (A).",
      "Round 19: Repeat 8 times: 2 Cream, 3 Cranberry, 1 Cream (6 needles). 16 colour changes by hand." },
    { 22, 47, "Round 23 of 60", "Repeat 24 times: 1 Cream, 1 Cranberry (2 needles)",
      "Needle 48: change to Cranberry (B) now. No more changes in this round.",
      "Round 24: All 48 needles Cream. Cranberry (B) is not used. 1 colour change by hand." },
    { 58, 0, "Round 59 of 60", "All 48 needles Cream",
      "Needle 1: knit Cream (A). Cream (A) to the end of the round.",
      "Round 60: the same as this round. It is the cast-off round." },
    { 59, 47, "Round 60 of 60", "All 48 needles Cream", "Needle 48: knit Cream (A).",
      "This is the last round: cast off after it." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *position = NULL, *round = NULL, *now = NULL, *next = NULL;

      st_knit_session_go_to (s, expected[i].row, expected[i].needle);
      assert_at (s, expected[i].row, expected[i].needle);
      position = st_knit_session_describe_position (s);
      round = st_knit_session_describe_round (s);
      now = st_knit_session_describe_now (s);
      next = st_knit_session_describe_next_round (s);
      ck_assert_str_eq (position, expected[i].position);
      ck_assert_str_eq (round, expected[i].round);
      ck_assert_str_eq (now, expected[i].now);
      ck_assert_str_eq (next, expected[i].next);
    }

  /* No repeat shorter than the round: the needle list the exports use. */
  ck_assert (st_knit_session_go_to (t, 3, 12));
  {
    g_autofree char *round = st_knit_session_describe_round (t);
    g_autofree char *now = st_knit_session_describe_now (t);

    ck_assert_str_eq (round, "Needles 1-3 Yarn A, 4-5 Yarn B, 6-22 Yarn A");
    ck_assert_str_eq (now, "Needle 13: knit Yarn A (A). Catch Yarn B (B) here: lay its strand into the "
                           "hook. No more changes in this round.");
  }
  ck_assert (st_knit_session_go_to (t, 1, 7));
  {
    g_autofree char *now = st_knit_session_describe_now (t);

    ck_assert_str_eq (now, "Needle 8: knit Yarn A (A). Duplicate stitch: embroider Yarn B (B) over it "
                           "afterwards. Yarn A (A) to the end of the round.");
  }
}
END_TEST

static GPtrArray *
warnings_at (StKnitSession *s,
             guint          row)
{
  st_knit_session_go_to (s, row, 0);
  return st_knit_session_get_warnings (s);
}

START_TEST (test_warnings_for_the_knitter)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  g_autoptr(GPtrArray) first = warnings_at (s, 0);
  g_autoptr(GPtrArray) plain = warnings_at (s, 5);
  g_autoptr(GPtrArray) join = warnings_at (s, 12);
  g_autoptr(GPtrArray) band = warnings_at (s, 16);
  g_autoptr(GPtrArray) floats = warnings_at (s, 17);
  g_autoptr(GPtrArray) cross = warnings_at (s, 20);
  g_autoptr(GPtrArray) last = warnings_at (s, 59);

  /* The cast-on and cast-off notes are milestones, not warnings. */
  ck_assert_uint_eq (first->len, 0);
  ck_assert_uint_eq (plain->len, 0);
  ck_assert_uint_eq (last->len, 0);

  ck_assert_uint_eq (join->len, 2);
  ck_assert_str_eq (join->pdata[0], "Cream (A) rests for 2 rounds from needle 1: carry it up inside the tube, "
                                    "twisting it with the working yarn each round, or cut it and rejoin it later.");
  ck_assert_str_eq (join->pdata[1], "Cranberry (B) joins here at needle 1: hold the tail, crank slowly, "
                                    "watch needles 1-3.");

  ck_assert_uint_eq (band->len, 2);
  ck_assert_str_eq (band->pdata[0], "Cranberry (B) rejoins here at needle 2 after 2 idle rounds: hold the "
                                    "tail, crank slowly, watch needles 2-4.");
  ck_assert_str_eq (band->pdata[1], "47 colour changes and catches by hand in this round: go slowly and check "
                                    "each needle took the right yarn.");

  /* Round 18: 7 floats of 5 behind the cream blocks and one of 4 crossing
   * into round 19, in one sentence with the needles the proposer catches
   * them at (the middle of each). */
  ck_assert_uint_eq (floats->len, 2);
  ck_assert_str_eq (floats->pdata[0], "17 colour changes and catches by hand in this round: go slowly and check "
                                      "each needle took the right yarn.");
  ck_assert_str_eq (floats->pdata[1], "Cranberry (B) floats too far in 8 places (4-5 stitches): catch it at "
                                      "needles 7, 13, 19, 25, 31, 37, 43 and 48.");
  /* Round 21's last float is caught in round 22. */
  ck_assert_str_eq (cross->pdata[cross->len - 1],
                    "Cranberry (B) floats 4 stitches behind needle 48 to needle 3 of the next round: catch it "
                    "at needle 1 of the next round.");

  /* Catching the float at needle 7 takes it off the list. */
  {
    StCatch c = { 17, 6, 1 };
    g_autoptr(GPtrArray) after = NULL;

    g_array_append_val (p->catches, c);
    st_pattern_sort_marks (p);
    st_pattern_mark_dirty_structure (p);
    st_knit_session_pattern_changed (s, 17, 17, TRUE);
    after = warnings_at (s, 17);
    ck_assert_uint_eq (after->len, 2);
    ck_assert_str_eq (after->pdata[1], "Cranberry (B) floats too far in 7 places (4-5 stitches): catch it at "
                                       "needles 13, 19, 25, 31, 37, 43 and 48.");
  }
}
END_TEST

START_TEST (test_single_long_float)
{
  static const char *const rows[] = { "AAAAAAAAAAAA", "AAAAAAAAAAAA", "ABAAAAAABAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, G_N_ELEMENTS (rows));
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  g_autoptr(GPtrArray) warnings = warnings_at (s, 2);
  g_autoptr(GArray) proposals = st_check_propose_catches (p, NULL, NULL);
  g_autofree char *expected = NULL;
  const StCatch *c;

  /* B floats behind needles 3-8 (6 stitches, the limit is 3 at 14
   * stitches per 10 cm): one catch splits it, on needle 5 or 6. */
  ck_assert_uint_eq (proposals->len, 1);
  c = &g_array_index (proposals, StCatch, 0);
  ck_assert_uint_eq (c->row, 2);
  ck_assert (c->needle == 4 || c->needle == 5);
  expected = g_strdup_printf ("Yarn B (B) floats 6 stitches behind needles 3-8: catch it at needle %u.",
                              c->needle + 1);
  ck_assert_uint_eq (warnings->len, 2);
  ck_assert_str_eq (warnings->pdata[0], "Yarn B (B) joins here at needle 2: hold the tail, crank slowly, "
                                        "watch needles 2-4.");
  ck_assert_str_eq (warnings->pdata[1], expected);
}
END_TEST

START_TEST (test_machine_progress)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StKnitSession) s = st_knit_session_new (p);
  StJobProgress job = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *two_pass = NULL;

  ck_assert_ptr_null (st_knit_session_describe_machine (s));
  job.total_rounds = 60;
  job.round = 11;
  job.row = 11;
  job.passes = 1;
  job.needle = G_MAXUINT;
  job.has_next_change = TRUE;
  job.next_change_round = 12;
  job.next_change_pass = 0;
  job.next_change_yarns = 1u << 1;

  /* The change is the next pass: one cue, not one per progress report. */
  ck_assert (st_knit_session_set_machine_progress (s, &job));
  ck_assert (st_knit_session_get_cue (s) == ST_KNIT_CUE_CHANGE);
  ck_assert (!st_knit_session_set_machine_progress (s, &job));
  assert_at (s, 11, 0);
  ck_assert (st_knit_session_is_machine_driven (s));
  ck_assert (p->has_progress);
  ck_assert_uint_eq (p->progress_row, 11);
  text = st_knit_session_describe_machine (s);
  ck_assert_str_eq (text, "Machine: round 12 of 60. Next colour change: round 13, to Cranberry (B).");

  /* The machine moves the session; the knitter's keys do not. */
  ck_assert (!st_knit_session_next_needle (s));
  ck_assert (!st_knit_session_next_round (s));
  ck_assert (!st_knit_session_go_to (s, 30, 0));
  job.round = 12;
  job.row = 12;
  job.needle = 17;
  job.next_change_round = 14;
  ck_assert (!st_knit_session_set_machine_progress (s, &job));
  assert_at (s, 12, 17);

  /* Two passes a round: the change at pass 2 of this round is due next;
   * the job is on its second time through the pattern. */
  job.round = 76;
  job.row = 16;
  job.repeat = 1;
  job.passes = 2;
  job.pass = 0;
  job.next_change_round = 76;
  job.next_change_pass = 1;
  job.next_change_yarns = 3;
  job.total_rounds = 120;
  ck_assert (st_knit_session_set_machine_progress (s, &job));
  two_pass = st_knit_session_describe_machine (s);
  ck_assert_str_eq (two_pass, "Machine: round 77 of 120 (pattern round 17), pass 1 of 2. Next colour change: "
                              "round 77, pass 2, to Cream (A) and Cranberry (B).");

  /* The job ended: the knitter has the keys again, where it stopped. */
  ck_assert (!st_knit_session_set_machine_progress (s, NULL));
  ck_assert (!st_knit_session_is_machine_driven (s));
  ck_assert (st_knit_session_next_needle (s));
  assert_at (s, 16, 18);
}
END_TEST

START_TEST (test_progress_round_trip)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.stranded", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(StPattern) loaded = NULL;

  {
    g_autoptr(StPattern) p = st_pattern_new_sample ();
    g_autoptr(StKnitSession) s = st_knit_session_new (p);

    ck_assert (st_knit_session_go_to (s, 16, 5));
    ck_assert (st_pattern_save_file (p, path, &error));
  }
  ck_assert (g_file_get_contents (path, &text, NULL, &error));
  ck_assert_ptr_nonnull (strstr (text, "\"progress\": { \"row\": 17, \"needle\": 6 }"));

  /* Reopened another evening: the session starts where she stopped. */
  loaded = st_pattern_load_file (path, &error);
  ck_assert_ptr_nonnull (loaded);
  {
    g_autoptr(StKnitSession) s = st_knit_session_new (loaded);

    assert_at (s, 16, 5);
    ck_assert (st_knit_session_next_round (s));
  }
  ck_assert_uint_eq (loaded->progress_row, 17);
  ck_assert_uint_eq (loaded->progress_needle, 5);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_progress_written_alone)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hat.stranded", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.stranded", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(StPattern) saved = NULL;
  g_autoptr(StPattern) again = NULL;

  ck_assert (st_pattern_save_file (p, path, &error));
  /* An unsaved edit in the open pattern, then knitting progress. */
  st_chart_set (p->chart, 0, 0, 1);
  {
    g_autoptr(StKnitSession) s = st_knit_session_new (p);

    ck_assert (st_knit_session_go_to (s, 22, 10));
  }
  ck_assert (st_knit_progress_write_file (path, p->progress_row, p->progress_needle, &error));
  saved = st_pattern_load_file (path, &error);
  ck_assert_ptr_nonnull (saved);
  ck_assert (saved->has_progress);
  ck_assert_uint_eq (saved->progress_row, 22);
  ck_assert_uint_eq (saved->progress_needle, 10);
  /* The edit stays unsaved: the file still has cream at needle 1. */
  ck_assert_uint_eq (st_chart_get (saved->chart, 0, 0), 0);
  ck_assert_str_eq (saved->notes, p->notes);
  ck_assert_uint_eq (saved->repeat_width, 12);

  /* A position beyond the saved chart is clamped to it. */
  ck_assert (st_knit_progress_write_file (path, 1000, 1000, &error));
  again = st_pattern_load_file (path, &error);
  ck_assert_uint_eq (again->progress_row, 59);
  ck_assert_uint_eq (again->progress_needle, 47);

  ck_assert (!st_knit_progress_write_file (missing, 1, 1, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_ptr_nonnull (strstr (error->message, "missing.stranded"));
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_pattern_changed_clamps)
{
  static const char *const rows[] = { "AAAA", "ABAB", "BBBB" };
  static const char *const fewer[] = { "AAAA", "ABAB" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 3);
  g_autoptr(StPattern) shorter = st_test_pattern ("custom", "AB", fewer, 2);
  g_autoptr(StKnitSession) s = st_knit_session_new (p);

  ck_assert (st_knit_session_go_to (s, 2, 3));
  ck_assert_uint_eq (st_knit_session_get_milestones (s)->len, 4);
  /* The designer deletes the last round while the knitter is on it. */
  st_pattern_assign (p, shorter);
  st_knit_session_pattern_changed (s, 0, 1, TRUE);
  assert_at (s, 1, 3);
  ck_assert_uint_eq (p->progress_row, 1);
  ck_assert_str_eq (st_knit_session_get_instructions (s)->text, "Round 2: 1 A, 1 B, 1 A, 1 B");
  ck_assert_ptr_null (st_knit_session_get_next_instructions (s));
  ck_assert_uint_eq (st_knit_session_get_milestones (s)->len, 3);
}
END_TEST

/* The strip: the boxed needle, the pointer over it, faded rounds. */
START_TEST (test_strip_pixels)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1240, 220);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  g_autofree char *artifact = g_build_filename (TEST_BUILDDIR, "knit", "strip-round-17.png", NULL);
  StChartLayout layout;
  double x, y, w, h, ox;
  guint row, needle;
  Pixel box, pointer, done, todo, past, future;

  st_knit_render_round (cr, p, 16, 5, 1240, 220, FALSE);
  cairo_surface_write_to_png (surface, artifact);
  st_knit_render_layout (p, 16, 5, 1240, 220, &layout);

  /* 48 needles in 1240 px less the round numbers (26 px): 25 px cells,
   * the round centred; 175 px of chart hold 8 rounds of 21.875 px, the
   * current one third from the bottom (rounds 15-22, 17 the third). */
  ck_assert_double_eq_tol (layout.cell_width, 25.0, 1e-9);
  ck_assert_double_eq_tol (layout.scroll_row, 14.0, 1e-9);
  ck_assert_double_eq_tol (layout.scroll_column, 0.0, 1e-9);
  ox = floor ((1240 - layout.width) / 2);

  st_chart_layout_cell_rect (&layout, 16, 5, &x, &y, &w, &h);
  x += ox;
  y += ST_KNIT_POINTER_HEIGHT;
  /* The box's dark ring just outside the stitch (4 px wide from 4 px
   * out, a light 1.5 px line along its middle). */
  box = pixel_at (surface, (int) (x - 4), (int) (y + h / 2));
  ck_assert_msg (pixel_luminance (box) < 0.15, "box ring %d,%d,%d", box.r, box.g, box.b);
  /* The orange pointer above the column. */
  pointer = pixel_at (surface, (int) (x + w / 2), 6);
  ck_assert_msg (pixel_near (pointer, 227, 89, 13, 20), "pointer %d,%d,%d", pointer.r, pointer.g, pointer.b);
  ck_assert (pixel_near (pixel_at (surface, (int) (x + w / 2 - 4 * w), 6), 235, 235, 232, 6));

  /* Cranberry stitches at the same spot of their cells: needle 2 (done,
   * faded a little), needle 8 (to knit, true colour), needle 8 of round
   * 19 (faded more; round 19 has cranberry at needles 3-5, 9-11: take 10)
   * and of round 15 (all cream: faded cream). */
  st_chart_layout_cell_rect (&layout, 16, 1, &x, &y, &w, &h);
  done = pixel_at (surface, (int) (ox + x + w * 0.3), (int) (y + ST_KNIT_POINTER_HEIGHT + h * 0.5));
  st_chart_layout_cell_rect (&layout, 16, 7, &x, &y, &w, &h);
  todo = pixel_at (surface, (int) (ox + x + w * 0.3), (int) (y + ST_KNIT_POINTER_HEIGHT + h * 0.5));
  st_chart_layout_cell_rect (&layout, 18, 9, &x, &y, &w, &h);
  future = pixel_at (surface, (int) (ox + x + w * 0.3), (int) (y + ST_KNIT_POINTER_HEIGHT + h * 0.5));
  st_chart_layout_cell_rect (&layout, 14, 9, &x, &y, &w, &h);
  past = pixel_at (surface, (int) (ox + x + w * 0.3), (int) (y + ST_KNIT_POINTER_HEIGHT + h * 0.5));
  ck_assert_msg (todo.r > todo.g + 80, "to knit %d,%d,%d", todo.r, todo.g, todo.b);
  ck_assert (pixel_luminance (done) > pixel_luminance (todo) + 0.1);
  ck_assert (pixel_luminance (future) > pixel_luminance (done) + 0.05);
  ck_assert (past.r > 220 && past.g > 215);

  /* Clicks land on the stitch drawn there. */
  st_chart_layout_cell_rect (&layout, 18, 40, &x, &y, &w, &h);
  ck_assert (st_knit_render_cell_at (p, 16, 5, 1240, 220, ox + x + w / 2, ST_KNIT_POINTER_HEIGHT + y + h / 2,
                                     &row, &needle));
  ck_assert_uint_eq (row, 18);
  ck_assert_uint_eq (needle, 40);
  ck_assert (!st_knit_render_cell_at (p, 16, 5, 1240, 220, ox + x + w / 2, 5, &row, &needle));
}
END_TEST

/* A round wider than the strip scrolls to keep the needle in the middle,
 * across the seam. */
START_TEST (test_strip_wide_round)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autoptr(StPattern) p = NULL;
  const char *rows[3];
  StChartLayout layout;
  double x, y, w, h;
  guint r, n;

  for (guint i = 0; i < 200; i++)
    g_string_append_c (row, i % 10 == 0 ? 'B' : 'A');
  rows[0] = rows[1] = rows[2] = row->str;
  p = st_test_pattern ("custom", "AB", rows, 3);
  st_knit_render_layout (p, 1, 2, 800, 200, &layout);
  ck_assert_double_eq_tol (layout.cell_width, ST_KNIT_MIN_CELL_WIDTH, 1e-9);
  /* Needle 3 sits in the middle of the chart area: the view starts left
   * of the seam, so it is the copy in column 202. */
  st_chart_layout_cell_rect (&layout, 1, 202, &x, &y, &w, &h);
  ck_assert_double_eq_tol (x + w / 2, layout.gutter_left + (800 - layout.gutter_left) / 2, 1e-6);
  /* Left of it, across the seam, needle 200. */
  ck_assert (st_knit_render_cell_at (p, 1, 2, 800, 200, x - 2 * w - w / 2, ST_KNIT_POINTER_HEIGHT + y + h / 2,
                                     &r, &n));
  ck_assert_uint_eq (n, 199);
}
END_TEST

/* Over 2 million stitches the whole-pattern catch proposer would cost
 * seconds after every edit: warnings name the float's middle instead. */
START_TEST (test_huge_pattern_names_the_middle)
{
  g_autoptr(StPattern) p = st_pattern_new (st_profiles_lookup ("custom"), 1024, 1954, NULL);
  g_autoptr(StKnitSession) s = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *expected = NULL;

  /* New patterns come with a palette; its second yarn floats. */
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_ge (p->n_yarns, 2);
  st_chart_set (p->chart, 5, 10, 1);
  st_chart_set (p->chart, 5, 20, 1);
  ck_assert (st_pattern_validate (p, NULL));
  s = st_knit_session_new (p);
  warnings = warnings_at (s, 5);
  /* B floats behind needles 12-20 (9 stitches): the middle is needle 16. */
  ck_assert_uint_eq (warnings->len, 2);
  expected = g_strdup_printf ("%s (%c) floats 9 stitches behind needles 12-20: catch it near needle 16.",
                              p->yarns[1].name, p->yarns[1].key);
  ck_assert_str_eq (warnings->pdata[1], expected);
}
END_TEST

/* Milestones come from each round's yarns counted without building its
 * instructions; both must agree, duplicate stitches included. */
START_TEST (test_row_yarns_match_instructions)
{
  g_autoptr(StPattern) small = small_pattern ();
  g_autoptr(StPattern) sample = st_pattern_new_sample ();
  StPattern *patterns[] = { small, sample };
  static const guint32 small_expected[] = { 1, 1, 3, 3, 2, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (small_expected); i++)
    ck_assert_uint_eq (st_knit_row_yarns (small, i), small_expected[i]);
  for (guint k = 0; k < G_N_ELEMENTS (patterns); k++)
    for (guint r = 0; r < st_pattern_rows (patterns[k]); r++)
      {
        g_autoptr(StRoundInstructions) round = st_round_instructions_new (patterns[k], r);

        ck_assert_uint_eq (st_knit_row_yarns (patterns[k], r), st_knit_round_yarns (round));
      }
}
END_TEST

static Suite *
knit_suite (void)
{
  Suite *s = suite_create ("knit-session");
  TCase *tc = tcase_create ("session");

  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_needle_steps_wrap_and_clamp);
  tcase_add_test (tc, test_stops_and_cues);
  tcase_add_test (tc, test_sample_cues);
  tcase_add_test (tc, test_multi_feed_cue);
  tcase_add_test (tc, test_sample_milestones);
  tcase_add_test (tc, test_small_milestones_and_flat_cast_off);
  tcase_add_test (tc, test_instruction_lines_in_their_rounds);
  tcase_add_test (tc, test_words);
  tcase_add_test (tc, test_warnings_for_the_knitter);
  tcase_add_test (tc, test_single_long_float);
  tcase_add_test (tc, test_huge_pattern_names_the_middle);
  tcase_add_test (tc, test_row_yarns_match_instructions);
  tcase_add_test (tc, test_machine_progress);
  tcase_add_test (tc, test_progress_round_trip);
  tcase_add_test (tc, test_progress_written_alone);
  tcase_add_test (tc, test_pattern_changed_clamps);
  tcase_add_test (tc, test_strip_pixels);
  tcase_add_test (tc, test_strip_wide_round);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (knit_suite ());
}
