/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fixes: catch proposals (placement by hand-worked examples, stagger, and
 * the property that no float is left over the limit) and duplicate-stitch
 * proposals.
 */
#include "sim-test-util.h"

#include "st-edit.h"

static guint
circular_distance (guint a,
                   guint b,
                   guint needles)
{
  guint d = a > b ? a - b : b - a;

  return MIN (d, needles - d);
}

/* Catches of a yarn less than 2 needles from one of the same yarn in the
 * round before (each counted once). */
static guint
stagger_violations (const StPattern *p)
{
  guint n = 0;

  for (guint j = 0; j < p->catches->len; j++)
    for (guint i = 0; i < p->catches->len; i++)
      {
        const StCatch *a = &g_array_index (p->catches, StCatch, i);
        const StCatch *b = &g_array_index (p->catches, StCatch, j);

        if (a->yarn == b->yarn && b->row == a->row + 1 &&
            circular_distance (a->needle, b->needle, p->chart->needles) < 2)
          {
            n++;
            break;
          }
      }
  return n;
}

static void
assert_catch (const GArray *catches,
              guint         index,
              guint         round1,
              guint         needle1,
              guint8        yarn)
{
  const StCatch *c;

  ck_assert_uint_gt (catches->len, index);
  c = &g_array_index (catches, StCatch, index);
  ck_assert_msg (c->row + 1 == round1 && c->needle + 1 == needle1 && c->yarn == yarn,
                 "catch %u: round %u needle %u yarn %u, expected round %u needle %u yarn %u",
                 index, c->row + 1, c->needle + 1, c->yarn, round1, needle1, yarn);
}

START_TEST (test_catch_middle)
{
  /* A floats 7 behind needles 2-8 with Lmax 3: one catch splits it into
   * 3 + 3, at the middle, needle 5. Applying is one undo step. */
  const char *rows[] = { "ABBBBBBBAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StHistory) history = st_history_new (0);
  g_autoptr(GArray) catches = NULL;
  g_autoptr(StCheckResult) after = NULL;
  guint unstaggered = 99;

  catches = st_check_propose_catches (p, NULL, &unstaggered);
  ck_assert_uint_eq (catches->len, 1);
  assert_catch (catches, 0, 1, 5, 0);
  ck_assert_uint_eq (unstaggered, 0);
  ck_assert (st_check_apply_catches (p, history, catches));
  ck_assert_uint_eq (p->catches->len, 1);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
  /* Nothing left to propose; applying nothing changes nothing. */
  g_clear_pointer (&catches, g_array_unref);
  catches = st_check_propose_catches (p, NULL, NULL);
  ck_assert_uint_eq (catches->len, 0);
  ck_assert (!st_check_apply_catches (p, history, catches));
  ck_assert (st_history_undo (history, p));
  ck_assert_uint_eq (p->catches->len, 0);
}
END_TEST

START_TEST (test_catch_long_float)
{
  /* 13 stitches with Lmax 3: 13 / 4 = 3 catches. The even spread is
   * offsets 2, 6, 9 (floor ((13 + 1) * i / 4) - 1), but catches 3 apart
   * would leave the next round no needle 2 away from both, so the pieces
   * between catches are full: offsets 2, 6, 10, needles 4, 8 and 12,
   * pieces 2, 3, 3, 2. */
  const char *rows[] = { "ABBBBBBBBBBBBBAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(GArray) catches = st_check_propose_catches (p, NULL, NULL);
  g_autoptr(StCheckResult) before = st_check_run (p, NULL);
  g_autoptr(GArray) floats = sim_findings (before, ST_CHECK_FLOAT_LONG);
  g_autofree char *message = st_check_result_describe (before, &g_array_index (floats, StCheckFinding, 0));
  g_autoptr(StCheckResult) after = NULL;
  StCheckSummary s;

  ck_assert_uint_eq (catches->len, 3);
  assert_catch (catches, 0, 1, 4, 0);
  assert_catch (catches, 1, 1, 8, 0);
  assert_catch (catches, 2, 1, 12, 0);
  /* The message names the same needles. */
  ck_assert_msg (strstr (message, "catch it at needles 4, 8 and 12 (") != NULL, "%s", message);
  st_check_apply_catches (p, NULL, catches);
  after = st_check_run (p, NULL);
  st_check_result_get_summary (after, &s);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
  ck_assert_uint_eq (s.max_float_stitches, 3);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_CATCH_STACK), 0);
}
END_TEST

START_TEST (test_catch_stagger)
{
  /* Four equal rounds, A floating 7 behind needles 2-8 each time.
   * Round 1: the middle, needle 5. Round 2 must keep 2 needles from it
   * (not 4-6): one catch cannot (only needle 5 splits 7 into 3 + 3), so
   * two, at needles 3 and 7 (pieces 1, 3, 1). Round 3 must avoid 2-4 and
   * 6-8: needle 5 again. Round 4 as round 2. */
  const char *rows[] = { "ABBBBBBBABBB", "ABBBBBBBABBB", "ABBBBBBBABBB", "ABBBBBBBABBB" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 4);
  guint unstaggered = 99;
  g_autoptr(GArray) catches = st_check_propose_catches (p, NULL, &unstaggered);
  g_autoptr(StCheckResult) after = NULL;

  ck_assert_uint_eq (catches->len, 6);
  assert_catch (catches, 0, 1, 5, 0);
  assert_catch (catches, 1, 2, 3, 0);
  assert_catch (catches, 2, 2, 7, 0);
  assert_catch (catches, 3, 3, 5, 0);
  assert_catch (catches, 4, 4, 3, 0);
  assert_catch (catches, 5, 4, 7, 0);
  ck_assert_uint_eq (unstaggered, 0);
  st_check_apply_catches (p, NULL, catches);
  ck_assert_uint_eq (stagger_violations (p), 0);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_CATCH_STACK), 0);
}
END_TEST

START_TEST (test_catch_respects_existing)
{
  /* A catch already at needle 5 leaves nothing to propose. One at needle 3
   * leaves A floating 5 behind needles 4-8: caught at its middle, needle
   * 6 (needle 4 would sit beside the existing catch). */
  const char *rows[] = { "ABBBBBBBAAAAAAAAAAAA" };
  g_autoptr(StPattern) done = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StPattern) part = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) one = NULL;

  sim_add_catch (done, 1, 5, 'A');
  none = st_check_propose_catches (done, NULL, NULL);
  ck_assert_uint_eq (none->len, 0);

  sim_add_catch (part, 1, 3, 'A');
  one = st_check_propose_catches (part, NULL, NULL);
  ck_assert_uint_eq (one->len, 1);
  assert_catch (one, 0, 1, 6, 0);
  st_check_apply_catches (part, NULL, one);
  ck_assert_uint_eq (part->catches->len, 2);
}
END_TEST

START_TEST (test_catch_wrapping_float)
{
  /* B at round 1 needle 4, next at round 2 needle 3: 8 stitches behind
   * round 1 needles 5-10 and round 2 needles 1-2. 8 / 4 = 2 catches, a
   * full piece of 3 between them, nearest the even spread (offsets 2, 5):
   * offsets 1 and 5, round 1 needles 6 and 10, pieces 1, 3, 2. */
  const char *rows[] = { "AAABAAAAAA", "AABAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(GArray) catches = st_check_propose_catches (p, NULL, NULL);
  g_autoptr(StCheckResult) after = NULL;

  ck_assert_uint_eq (catches->len, 2);
  assert_catch (catches, 0, 1, 6, 1);
  assert_catch (catches, 1, 1, 10, 1);
  st_check_apply_catches (p, NULL, catches);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
}
END_TEST

START_TEST (test_catch_sticky_and_override)
{
  /* At 33.5 st/10 cm: a float of 7 needs a catch in plain yarn (limit 5)
   * but not in sticky yarn (7). */
  const char *rows[] = { "ABBBBBBBAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 33.5, rows, 1);
  g_autoptr(GArray) plain = st_check_propose_catches (p, NULL, NULL);
  g_autoptr(GArray) sticky = NULL;
  g_autoptr(GArray) tight = NULL;
  StCheckOptions options;

  ck_assert_uint_eq (plain->len, 1);
  p->yarns[0].sticky = TRUE;
  sticky = st_check_propose_catches (p, NULL, NULL);
  ck_assert_uint_eq (sticky->len, 0);
  /* 10 mm at 33.5 st/10 cm is 3 stitches: sticky A needs its middle
   * catch again. */
  st_check_options_init (&options);
  options.float_limit_mm = 10;
  tight = st_check_propose_catches (p, &options, NULL);
  ck_assert_uint_eq (tight->len, 1);
  assert_catch (tight, 0, 1, 5, 0);
}
END_TEST

static void
random_chart (GRand     *rand,
              StPattern *p,
              guint      n_yarns)
{
  guint8 y = 0;
  guint left = 0;

  /* Runs of 1-12 stitches: plenty of long floats. */
  for (gsize i = 0; i < (gsize) p->chart->needles * p->chart->rows; i++)
    {
      if (left == 0)
        {
          y = g_rand_int_range (rand, 0, n_yarns);
          left = g_rand_int_range (rand, 1, 13);
        }
      p->chart->cells[i] = y;
      left--;
    }
}

START_TEST (test_catch_property)
{
  /* Random charts with runs of up to 12 stitches (floats up to 40 and
   * more): after applying the proposals no float is over its limit. Every
   * catch closer than 2 needles to one of its yarn in the round before is
   * one the proposer reported as not staggered, and with none reported no
   * catches stack. Two-yarn charts keep the stagger almost everywhere. */
  static const guint widths[] = { 12, 20, 33, 48, 60 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint total2 = 0, unstaggered2 = 0;

  for (guint t = 0; t < 40; t++)
    {
      const char *row = "AAAAAAAAAAAA";
      g_autoptr(StPattern) p = sim_pattern ("custom", "ABC", 14, &row, 1);
      g_autoptr(GArray) catches = NULL;
      g_autoptr(StCheckResult) after = NULL;
      g_autoptr(GError) error = NULL;
      guint n_yarns = 2 + t % 2, unstaggered = 0;

      ck_assert (st_edit_resize (p, NULL, widths[t % G_N_ELEMENTS (widths)], 30, 0, &error));
      p->stitches_per_10cm = t % 3 == 0 ? 33.5 : 14;
      p->yarns[1].sticky = t % 4 == 0;
      random_chart (rand, p, n_yarns);
      catches = st_check_propose_catches (p, NULL, &unstaggered);
      st_check_apply_catches (p, NULL, catches);
      after = st_check_run (p, NULL);
      ck_assert_msg (sim_count (after, ST_CHECK_FLOAT_LONG) == 0, "chart %u: %" G_GUINT64_FORMAT
                     " long floats left", t, sim_count (after, ST_CHECK_FLOAT_LONG));
      ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_STACK), 0);
      ck_assert_msg (stagger_violations (p) <= unstaggered, "chart %u: %u catches not staggered, "
                     "%u reported", t, stagger_violations (p), unstaggered);
      if (unstaggered == 0)
        ck_assert_uint_eq (sim_count (after, ST_CHECK_CATCH_STACK), 0);
      if (n_yarns == 2)
        {
          total2 += catches->len;
          unstaggered2 += unstaggered;
        }
    }
  ck_assert_uint_gt (total2, 1000);
  ck_assert_msg (unstaggered2 * 20 <= total2, "%u of %u catches not staggered", unstaggered2, total2);
}
END_TEST

START_TEST (test_catch_sample)
{
  /* The sample hat's Fair Isle band: 16 floats of 4-5 stitches, one
   * middle catch each, all staggered (the long floats of rounds 18 and 22
   * are four rounds apart). */
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  guint unstaggered = 99;
  g_autoptr(GArray) catches = st_check_propose_catches (p, NULL, &unstaggered);
  g_autoptr(StCheckResult) after = NULL;

  ck_assert_uint_eq (catches->len, 16);
  ck_assert_uint_eq (unstaggered, 0);
  /* Round 18: B floats 5 behind needles 5-9: caught at needle 7. */
  assert_catch (catches, 0, 18, 7, 1);
  st_check_apply_catches (p, NULL, catches);
  ck_assert_uint_eq (stagger_violations (p), 0);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_CATCH_STACK), 0);
}
END_TEST

START_TEST (test_duplicate_lone_stitch)
{
  /* A single B in round 2 of a plain hat: B would be joined for one
   * stitch. Proposed as duplicate stitch; after applying B is not knit at
   * all and is embroidered once. */
  const char *rows[] = { "AAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAABAAAAAAAAAAAA",
                         "AAAAAAAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 3);
  g_autoptr(StHistory) history = st_history_new (0);
  g_autoptr(GArray) dups = st_check_propose_duplicate_stitches (p, NULL);
  g_autoptr(StCheckResult) before = st_check_run (p, NULL);
  g_autoptr(StCheckResult) after = NULL;
  StYarnUsage usage[ST_MAX_YARNS];

  ck_assert_uint_eq (dups->len, 1);
  ck_assert_uint_eq (g_array_index (dups, StStitchRef, 0).row, 1);
  ck_assert_uint_eq (g_array_index (dups, StStitchRef, 0).needle, 11);
  ck_assert_uint_eq (sim_count (before, ST_CHECK_YARN_JOIN), 1);
  ck_assert (st_check_apply_duplicate_stitches (p, history, dups));
  ck_assert (st_pattern_has_duplicate_stitch (p, 1, 11));
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_YARN_JOIN), 0);
  st_check_result_get_usage (after, usage);
  ck_assert_uint_eq (usage[1].stitches, 0);
  ck_assert_uint_eq (usage[1].duplicate_stitches, 1);
  ck_assert_uint_eq (usage[0].stitches, 72);
  /* One undo step removes it. */
  ck_assert (st_history_undo (history, p));
  ck_assert_uint_eq (p->duplicate_stitches->len, 0);
}
END_TEST

START_TEST (test_duplicate_spacing)
{
  /* Lmax 3: "far" is more than 6. B at needles 6 and 16: 9 apart, both
   * proposed. B at 5 and 9: 3 apart, neither. B at 5 and 6: a pair, not a
   * lone stitch. */
  const char *far[] = { "AAAAABAAAAAAAAABAAAA" };
  const char *near[] = { "AAAABAAABAAAAAAAAAAA" };
  const char *pair[] = { "AAAABBAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) pf = sim_pattern ("custom", "AB", 14, far, 1);
  g_autoptr(StPattern) pn = sim_pattern ("custom", "AB", 14, near, 1);
  g_autoptr(StPattern) pp = sim_pattern ("custom", "AB", 14, pair, 1);
  g_autoptr(GArray) df = st_check_propose_duplicate_stitches (pf, NULL);
  g_autoptr(GArray) dn = st_check_propose_duplicate_stitches (pn, NULL);
  g_autoptr(GArray) dp = st_check_propose_duplicate_stitches (pp, NULL);

  ck_assert_uint_eq (df->len, 2);
  ck_assert_uint_eq (g_array_index (df, StStitchRef, 0).needle, 5);
  ck_assert_uint_eq (g_array_index (df, StStitchRef, 1).needle, 15);
  ck_assert_uint_eq (dn->len, 0);
  ck_assert_uint_eq (dp->len, 0);
}
END_TEST

START_TEST (test_duplicate_flat_edges)
{
  /* B at needles 1 and 12 of round 2, 10 apart (far: more than 2 x 3).
   * Round the cylinder they are neighbours, a pair; on a flat panel they
   * sit at the two edges, each a lone stitch. */
  const char *rows[] = { "AAAAAAAAAAAA", "BAAAAAAAAAAB", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) tube = sim_pattern ("custom", "AB", 14, rows, 3);
  g_autoptr(StPattern) flat = sim_pattern ("brother-kh9xx", "AB", 14, rows, 3);
  g_autoptr(GArray) dt = st_check_propose_duplicate_stitches (tube, NULL);
  g_autoptr(GArray) df = st_check_propose_duplicate_stitches (flat, NULL);

  ck_assert_uint_eq (dt->len, 0);
  ck_assert_uint_eq (df->len, 2);
  ck_assert_uint_eq (g_array_index (df, StStitchRef, 0).needle, 0);
  ck_assert_uint_eq (g_array_index (df, StStitchRef, 1).needle, 11);
}
END_TEST

START_TEST (test_catch_flat_panel)
{
  /* Every row of a flat panel: B at needle 2 only, 20 needles. B floats
   * from the edge to needle 2 (1 stitch) and from needle 3 to the edge (18
   * stitches), never across into the next row: the catches lie in each
   * row's needles 3-20 and fix every float. A spiral would catch the 19
   * stitches from needle 3 to needle 1 of the next row. */
  const char *rows[] = { "ABAAAAAAAAAAAAAAAAAA", "ABAAAAAAAAAAAAAAAAAA", "ABAAAAAAAAAAAAAAAAAA",
                         "ABAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("brother-kh9xx", "AB", 14, rows, 4);
  g_autoptr(GArray) catches = st_check_propose_catches (p, NULL, NULL);
  g_autoptr(StCheckResult) after = NULL;

  ck_assert_uint_gt (catches->len, 0);
  for (guint i = 0; i < catches->len; i++)
    {
      const StCatch *c = &g_array_index (catches, StCatch, i);

      ck_assert_uint_ge (c->needle, 2);
      ck_assert_uint_eq (c->yarn, 1);
    }
  /* After a yarn's last use there is nothing: row 4 needs no catch. */
  for (guint i = 0; i < catches->len; i++)
    ck_assert_uint_lt (g_array_index (catches, StCatch, i).row, 3);
  st_check_apply_catches (p, NULL, catches);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-fix");
  TCase *tc = tcase_create ("fix");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_catch_middle);
  tcase_add_test (tc, test_catch_long_float);
  tcase_add_test (tc, test_catch_stagger);
  tcase_add_test (tc, test_catch_respects_existing);
  tcase_add_test (tc, test_catch_wrapping_float);
  tcase_add_test (tc, test_catch_sticky_and_override);
  tcase_add_test (tc, test_catch_property);
  tcase_add_test (tc, test_catch_sample);
  tcase_add_test (tc, test_duplicate_lone_stitch);
  tcase_add_test (tc, test_duplicate_spacing);
  tcase_add_test (tc, test_duplicate_flat_edges);
  tcase_add_test (tc, test_catch_flat_panel);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
