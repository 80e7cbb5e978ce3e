/* SPDX-License-Identifier: GPL-3.0-or-later
 * Floats: the limit formula, float-long in a round and across the round
 * boundary, idle yarns, catches and duplicate stitches, sticky yarns, each
 * machine kind's cap. Every expected value is worked out by hand in the
 * comments (1-based rounds and needles, as the knitter reads them).
 */
#include "sim-test-util.h"

static char *
row_of (const char *head,
        char        fill,
        guint       width)
{
  char *row = g_strnfill (width, fill);

  memcpy (row, head, strlen (head));
  return row;
}

START_TEST (test_limit_formula)
{
  /* Lmax = max (2, min (cap + 2 if sticky, floor (limit_mm / stitch width))). */
  g_autofree char *w48 = row_of ("", 'A', 48);
  g_autofree char *w60 = row_of ("", 'A', 60);
  const char *r48[] = { w48 }, *r60[] = { w60 }, *r20[] = { "AAAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) sentro = sim_pattern ("sentro-48", "AB", 14, r48, 1);
  g_autoptr(StPattern) csm = sim_pattern ("csm-60", "AB", 33.5, r60, 1);
  g_autoptr(StPattern) kniterate = sim_pattern ("kniterate", "AB", 33.5, r20, 1);
  g_autoptr(StPattern) brother = sim_pattern ("brother-kh9xx", "AB", 33.5, r20, 1);
  g_autoptr(StPattern) custom = sim_pattern ("custom", "AB", 33.5, r20, 1);
  StCheckOptions options;

  ck_assert_uint_eq (st_check_machine_cap (ST_MACHINE_HOBBY_CRANK), 5);
  ck_assert_uint_eq (st_check_machine_cap (ST_MACHINE_SOCK), 5);
  ck_assert_uint_eq (st_check_machine_cap (ST_MACHINE_FLATBED), 5);
  ck_assert_uint_eq (st_check_machine_cap (ST_MACHINE_VBED), 6);
  ck_assert_uint_eq (st_check_machine_cap (ST_MACHINE_CUSTOM), 5);

  /* 14 st/10 cm: 7.14 mm stitches, 25 / 7.14 = 3.5 -> 3; sticky cannot
   * lift it past the length limit. */
  ck_assert_uint_eq (st_check_float_limit (sentro, NULL, FALSE), 3);
  ck_assert_uint_eq (st_check_float_limit (sentro, NULL, TRUE), 3);
  /* 33.5 st/10 cm: 25 / 2.985 = 8.4 -> 8, capped at 5 (sock), 7 sticky. */
  ck_assert_uint_eq (st_check_float_limit (csm, NULL, FALSE), 5);
  ck_assert_uint_eq (st_check_float_limit (csm, NULL, TRUE), 7);
  /* v-bed cap 6, sticky 8. */
  ck_assert_uint_eq (st_check_float_limit (kniterate, NULL, FALSE), 6);
  ck_assert_uint_eq (st_check_float_limit (kniterate, NULL, TRUE), 8);
  ck_assert_uint_eq (st_check_float_limit (brother, NULL, FALSE), 5);
  ck_assert_uint_eq (st_check_float_limit (custom, NULL, FALSE), 5);
  /* A hobby machine at a fine gauge hits its cap too. */
  sentro->stitches_per_10cm = 33.5;
  ck_assert_uint_eq (st_check_float_limit (sentro, NULL, FALSE), 5);
  ck_assert_uint_eq (st_check_float_limit (sentro, NULL, TRUE), 7);

  /* The limit in mm: the override, then the pattern's, then 25. */
  st_check_options_init (&options);
  custom->stitches_per_10cm = 14;
  options.float_limit_mm = 40;     /* 40 / 7.14 = 5.6 -> 5 */
  ck_assert_uint_eq (st_check_float_limit (custom, &options, FALSE), 5);
  options.float_limit_mm = 10;     /* 1.4 -> 1, raised to the floor of 2 */
  ck_assert_uint_eq (st_check_float_limit (custom, &options, FALSE), 2);
  custom->float_limit_mm = 15;
  custom->stitches_per_10cm = 20;  /* exactly 3.0 stitches: no rounding down to 2 */
  ck_assert_uint_eq (st_check_float_limit (custom, NULL, FALSE), 3);
  options.float_limit_mm = 0;
  ck_assert_uint_eq (st_check_float_limit (custom, &options, FALSE), 3);
}
END_TEST

START_TEST (test_float_in_round)
{
  /* A at needle 1, B at 2-5, A again from 6: A floats behind needles 2-5,
   * 4 stitches > 3: a warning at round 1 needle 2, 4 x 7.143 = 28.6 mm. */
  const char *rows[] = { "ABBBBAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(GArray) f = sim_findings (r, ST_CHECK_FLOAT_LONG);
  StCheckSummary s;

  ck_assert_uint_eq (f->len, 1);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 2, 'A', 4);
  ck_assert_double_eq_tol (g_array_index (f, StCheckFinding, 0).length_mm, 28.5714, 0.001);
  st_check_result_get_summary (r, &s);
  ck_assert_uint_eq (s.max_float_stitches, 4);
  ck_assert_uint_eq (s.float_limit_stitches, 3);
  ck_assert_double_eq (s.float_limit_mm, 25.0);
  /* B stops after needle 5: no float after a yarn's last stitch. */
  ck_assert_uint_eq (sim_count (r, ST_CHECK_FLOAT_STACK), 0);
}
END_TEST

START_TEST (test_float_error_boundary)
{
  /* 6 stitches = 2 x Lmax: still a warning; 7 is an error; 3 is fine. */
  const char *six[] = { "ABBBBBBAAAAAAAAAAAAA" };
  const char *seven[] = { "ABBBBBBBAAAAAAAAAAAA" };
  const char *three[] = { "ABBBAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p6 = sim_pattern ("custom", "AB", 14, six, 1);
  g_autoptr(StPattern) p7 = sim_pattern ("custom", "AB", 14, seven, 1);
  g_autoptr(StPattern) p3 = sim_pattern ("custom", "AB", 14, three, 1);
  g_autoptr(StCheckResult) r6 = st_check_run (p6, NULL);
  g_autoptr(StCheckResult) r7 = st_check_run (p7, NULL);
  g_autoptr(StCheckResult) r3 = st_check_run (p3, NULL);
  g_autoptr(GArray) f6 = sim_findings (r6, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) f7 = sim_findings (r7, ST_CHECK_FLOAT_LONG);

  ck_assert_uint_eq (f6->len, 1);
  sim_assert_finding (&g_array_index (f6, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 2, 'A', 6);
  ck_assert_uint_eq (f7->len, 1);
  sim_assert_finding (&g_array_index (f7, StCheckFinding, 0), ST_SEVERITY_ERROR, 1, 2, 'A', 7);
  ck_assert_uint_eq (st_check_result_count (r7, ST_CHECK_FLOAT_LONG, ST_SEVERITY_ERROR), 1);
  ck_assert_uint_eq (sim_count (r3, ST_CHECK_FLOAT_LONG), 0);
}
END_TEST

START_TEST (test_float_wraps_round)
{
  /* B at round 1 needle 8, next at round 2 needle 3: B floats behind
   * round 1 needles 9-10 and round 2 needles 1-2, 4 stitches. */
  const char *rows[] = { "AAAAAAABAA", "AABAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(GArray) f = sim_findings (r, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) floats = g_array_new (FALSE, FALSE, sizeof (StCheckFloat));
  g_autofree char *message = NULL;
  const StCheckFloat *fl;

  ck_assert_uint_eq (f->len, 1);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 9, 'B', 4);
  message = st_check_result_describe (r, &g_array_index (f, StCheckFinding, 0));
  ck_assert_ptr_nonnull (strstr (message, "round 1, needle 9 to round 2, needle 2"));
  /* The middle of the float is round 1 needle 10 (offset 1 of 4 -> 4+1)/2-1). */
  ck_assert_ptr_nonnull (strstr (message, "catch it at needle 10"));

  /* The floats for drawing: the long one seen from either round. */
  st_check_list_floats (p, NULL, 1, 1, TRUE, floats);
  ck_assert_uint_eq (floats->len, 1);
  fl = &g_array_index (floats, StCheckFloat, 0);
  ck_assert_uint_eq (fl->row, 0);
  ck_assert_uint_eq (fl->needle, 8);
  ck_assert_uint_eq (fl->yarn, 1);
  ck_assert_uint_eq (fl->length, 4);
  ck_assert_int_eq (fl->severity, ST_SEVERITY_WARNING);
  g_array_set_size (floats, 0);
  /* All floats: A behind B at round 1 needle 8 and round 2 needle 3. */
  st_check_list_floats (p, NULL, 0, 1, FALSE, floats);
  ck_assert_uint_eq (floats->len, 3);
  fl = &g_array_index (floats, StCheckFloat, 0);
  ck_assert (fl->row == 0 && fl->needle == 7 && fl->yarn == 0 && fl->length == 1);
  ck_assert_int_eq (fl->severity, ST_SEVERITY_INFO);
  fl = &g_array_index (floats, StCheckFloat, 1);
  ck_assert (fl->row == 0 && fl->needle == 8 && fl->yarn == 1 && fl->length == 4);
  fl = &g_array_index (floats, StCheckFloat, 2);
  ck_assert (fl->row == 1 && fl->needle == 2 && fl->yarn == 0 && fl->length == 1);
}
END_TEST

START_TEST (test_idle_boundary)
{
  /* B at needle 1, then round 2 needle 1: a gap of 9 < 10 is a float (an
   * error, > 6); round 2 needle 2: a gap of exactly 10 is a whole round
   * idle, not a float. */
  const char *float_rows[] = { "BAAAAAAAAA", "BAAAAAAAAA" };
  const char *idle_rows[] = { "BAAAAAAAAA", "ABAAAAAAAA" };
  g_autoptr(StPattern) pf = sim_pattern ("custom", "AB", 14, float_rows, 2);
  g_autoptr(StPattern) pi = sim_pattern ("custom", "BA", 14, idle_rows, 2);
  g_autoptr(StCheckResult) rf = st_check_run (pf, NULL);
  g_autoptr(StCheckResult) ri = st_check_run (pi, NULL);
  g_autoptr(GArray) ff = sim_findings (rf, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) idle = sim_findings (ri, ST_CHECK_IDLE_YARN);
  g_autoptr(GArray) join = sim_findings (ri, ST_CHECK_YARN_JOIN);

  /* In pf the keys are "AB": 'B' is yarn 1. */
  ck_assert_uint_eq (ff->len, 1);
  ck_assert_int_eq (g_array_index (ff, StCheckFinding, 0).severity, ST_SEVERITY_ERROR);
  ck_assert_uint_eq (g_array_index (ff, StCheckFinding, 0).length_stitches, 9);
  ck_assert_int_eq (g_array_index (ff, StCheckFinding, 0).yarn, 1);
  ck_assert_uint_eq (sim_count (rf, ST_CHECK_IDLE_YARN), 0);

  /* In pi the keys are "BA": 'B' is yarn 0 ('A' - 'A'), so the macro's key
   * letters are off by one here; check the index directly. */
  ck_assert_uint_eq (sim_count (ri, ST_CHECK_FLOAT_LONG), 0);
  ck_assert_uint_eq (idle->len, 1);
  ck_assert_uint_eq (g_array_index (idle, StCheckFinding, 0).row, 0);
  ck_assert_uint_eq (g_array_index (idle, StCheckFinding, 0).needle, 1);
  ck_assert_int_eq (g_array_index (idle, StCheckFinding, 0).yarn, 0);
  ck_assert_uint_eq (g_array_index (idle, StCheckFinding, 0).length_stitches, 10);
  ck_assert_uint_eq (g_array_index (idle, StCheckFinding, 0).count, 1);
  ck_assert_uint_eq (join->len, 1);
  ck_assert_uint_eq (g_array_index (join, StCheckFinding, 0).row, 1);
  ck_assert_uint_eq (g_array_index (join, StCheckFinding, 0).needle, 1);
  ck_assert_uint_eq (g_array_index (join, StCheckFinding, 0).count, 1);
}
END_TEST

START_TEST (test_idle_rounds)
{
  /* B at round 1 needle 1, then round 4 needle 9: 37 stitches unused,
   * 3 whole rounds; rejoined at round 4 needle 9. A never floats. */
  const char *rows[] = { "BAAAAAAAAA", "AAAAAAAAAA", "AAAAAAAAAA", "AAAAAAAABA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 4);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(GArray) idle = sim_findings (r, ST_CHECK_IDLE_YARN);
  g_autoptr(GArray) join = sim_findings (r, ST_CHECK_YARN_JOIN);
  g_autofree char *message = NULL;

  ck_assert_uint_eq (idle->len, 1);
  sim_assert_finding (&g_array_index (idle, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 2, 'B', 37);
  ck_assert_uint_eq (g_array_index (idle, StCheckFinding, 0).count, 3);
  message = st_check_result_describe (r, &g_array_index (idle, StCheckFinding, 0));
  ck_assert_ptr_nonnull (strstr (message, "rejoin it at round 4, needle 9"));
  ck_assert_uint_eq (join->len, 1);
  sim_assert_finding (&g_array_index (join, StCheckFinding, 0), ST_SEVERITY_INFO, 4, 9, 'B', 0);
  ck_assert_uint_eq (g_array_index (join, StCheckFinding, 0).count, 3);
  ck_assert_uint_eq (sim_count (r, ST_CHECK_FLOAT_LONG), 0);
}
END_TEST

START_TEST (test_catches_split)
{
  /* A floats 7 (needles 2-8). A catch of A at needle 5 splits it into
   * 3 + 3: no finding, longest float 3. A catch at needle 3 leaves 1 + 5:
   * a warning at needle 4 for 5 stitches. */
  const char *rows[] = { "ABBBBBBBAAAAAAAAAAAA" };
  g_autoptr(StPattern) mid = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StPattern) early = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StPattern) same = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) rm = NULL, re = NULL, rs = NULL;
  g_autoptr(GArray) fe = NULL;
  StYarnUsage usage[ST_MAX_YARNS];
  StCheckSummary s;

  sim_add_catch (mid, 1, 5, 'A');
  rm = st_check_run (mid, NULL);
  ck_assert_uint_eq (sim_count (rm, ST_CHECK_FLOAT_LONG), 0);
  st_check_result_get_summary (rm, &s);
  ck_assert_uint_eq (s.max_float_stitches, 3);
  st_check_result_get_usage (rm, usage);
  ck_assert_uint_eq (usage[0].catches, 1);
  ck_assert_uint_eq (usage[0].float_stitches, 6);
  ck_assert (st_check_result_reasons (rm, 0, 4) & ST_RISK_CATCH);

  sim_add_catch (early, 1, 3, 'A');
  re = st_check_run (early, NULL);
  fe = sim_findings (re, ST_CHECK_FLOAT_LONG);
  ck_assert_uint_eq (fe->len, 1);
  sim_assert_finding (&g_array_index (fe, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 4, 'A', 5);

  /* A catch of B on a B stitch changes nothing. */
  sim_add_catch (same, 1, 4, 'B');
  rs = st_check_run (same, NULL);
  ck_assert_uint_eq (st_check_result_count (rs, ST_CHECK_FLOAT_LONG, ST_SEVERITY_ERROR), 1);
}
END_TEST

START_TEST (test_duplicate_stitch_use)
{
  /* A floats 5 behind B at needles 4-8 (warning). Needle 6 as duplicate
   * stitch is knit in the round's main yarn: A and B have 5 each, the tie
   * goes to A, so A is used at needle 6 and floats only 2 + 2. */
  const char *rows[] = { "AAABBBBBAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) before = st_check_run (p, NULL);
  g_autoptr(StCheckResult) after = NULL;
  StStitchRef d = { 0, 5 };
  StYarnUsage usage[ST_MAX_YARNS];

  ck_assert_uint_eq (sim_count (before, ST_CHECK_FLOAT_LONG), 1);
  ck_assert_uint_eq (st_check_round_main_yarn (p, 0), 0);
  g_array_append_val (p->duplicate_stitches, d);
  ck_assert_uint_eq (st_check_knit_yarn (p, 0, 5), 0);
  after = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
  st_check_result_get_usage (after, usage);
  ck_assert_uint_eq (usage[0].stitches, 6);
  ck_assert_uint_eq (usage[1].stitches, 4);
  ck_assert_uint_eq (usage[1].duplicate_stitches, 1);
  ck_assert_uint_eq (usage[0].duplicate_stitches, 0);
}
END_TEST

START_TEST (test_duplicate_stitch_not_a_use)
{
  /* B at needles 1, 4 and 9: floats 2 and 4 (warning at needle 5). With
   * needle 4 as duplicate stitch it is knit in A, so B floats 7 from
   * needle 2: an error. */
  const char *rows[] = { "BAABAAAABA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) before = st_check_run (p, NULL);
  g_autoptr(StCheckResult) after = NULL;
  g_autoptr(GArray) fb = sim_findings (before, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) fa = NULL;
  StStitchRef d = { 0, 3 };

  ck_assert_uint_eq (fb->len, 1);
  sim_assert_finding (&g_array_index (fb, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 5, 'B', 4);
  g_array_append_val (p->duplicate_stitches, d);
  after = st_check_run (p, NULL);
  fa = sim_findings (after, ST_CHECK_FLOAT_LONG);
  ck_assert_uint_eq (fa->len, 1);
  sim_assert_finding (&g_array_index (fa, StCheckFinding, 0), ST_SEVERITY_ERROR, 1, 2, 'B', 7);
}
END_TEST

START_TEST (test_sticky)
{
  /* At 33.5 st/10 cm a plain yarn may float 5, a sticky one 7: a float of
   * 6 warns for A until A is marked sticky. */
  const char *rows[] = { "ABBBBBBAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 33.5, rows, 1);
  g_autoptr(StCheckResult) plain = st_check_run (p, NULL);
  g_autoptr(StCheckResult) sticky = NULL;
  StCheckSummary s;

  ck_assert_uint_eq (st_check_result_count (plain, ST_CHECK_FLOAT_LONG, ST_SEVERITY_WARNING), 1);
  p->yarns[0].sticky = TRUE;
  sticky = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (sticky, ST_CHECK_FLOAT_LONG), 0);
  ck_assert_uint_eq (st_check_result_float_limit (sticky, 0), 7);
  ck_assert_uint_eq (st_check_result_float_limit (sticky, 1), 5);
  /* The summary's limit is the plain yarns' one. */
  st_check_result_get_summary (sticky, &s);
  ck_assert_uint_eq (s.float_limit_stitches, 5);
}
END_TEST

static guint64
long_floats_for (const char *profile,
                 guint       width,
                 guint       gap)
{
  g_autofree char *row = row_of ("A", 'A', width);
  const char *rows[] = { row };
  g_autoptr(StPattern) p = NULL;
  g_autoptr(StCheckResult) r = NULL;

  memset (row + 1, 'B', gap);
  p = sim_pattern (profile, "AB", 33.5, rows, 1);
  r = st_check_run (p, NULL);
  return sim_count (r, ST_CHECK_FLOAT_LONG);
}

START_TEST (test_machine_caps)
{
  /* At 33.5 st/10 cm the length allows 8: each kind's cap decides. */
  ck_assert_uint_eq (long_floats_for ("sentro-48", 48, 5), 0);
  ck_assert_uint_eq (long_floats_for ("sentro-48", 48, 6), 1);
  ck_assert_uint_eq (long_floats_for ("csm-60", 60, 5), 0);
  ck_assert_uint_eq (long_floats_for ("csm-60", 60, 6), 1);
  ck_assert_uint_eq (long_floats_for ("brother-kh9xx", 100, 5), 0);
  ck_assert_uint_eq (long_floats_for ("brother-kh9xx", 100, 6), 1);
  ck_assert_uint_eq (long_floats_for ("kniterate", 100, 6), 0);
  ck_assert_uint_eq (long_floats_for ("kniterate", 100, 7), 1);
  ck_assert_uint_eq (long_floats_for ("custom", 30, 5), 0);
  ck_assert_uint_eq (long_floats_for ("custom", 30, 6), 1);
}
END_TEST

START_TEST (test_limit_override)
{
  /* At 14 st/10 cm a float of 4 warns; allowed 40 mm (5 stitches) it does
   * not, and the summary reports the override. */
  const char *rows[] = { "ABBBBAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r = NULL;
  StCheckOptions options;
  StCheckSummary s;

  st_check_options_init (&options);
  options.float_limit_mm = 40;
  r = st_check_run (p, &options);
  ck_assert_uint_eq (sim_count (r, ST_CHECK_FLOAT_LONG), 0);
  st_check_result_get_summary (r, &s);
  ck_assert_uint_eq (s.float_limit_stitches, 5);
  ck_assert_double_eq (s.float_limit_mm, 40.0);
  ck_assert_uint_eq (s.max_float_stitches, 4);
}
END_TEST

START_TEST (test_float_reasons)
{
  /* A floats 7 behind needles 2-8: those stitches carry the float and
   * error bits, needles 1 and 9 anchor it. Needle 12 is clear except for
   * the cast-on and cast-off rounds of a one-round chart. */
  const char *rows[] = { "ABBBBBBBAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  guint16 behind = st_check_result_reasons (r, 0, 4);
  guint16 end = st_check_result_reasons (r, 0, 0);
  guint16 clear = st_check_result_reasons (r, 0, 11);

  ck_assert (st_check_result_has_risk (r));
  ck_assert_uint_eq (behind & (ST_RISK_FLOAT_LONG | ST_RISK_FLOAT_ERROR),
                     ST_RISK_FLOAT_LONG | ST_RISK_FLOAT_ERROR);
  ck_assert (end & ST_RISK_FLOAT_END);
  ck_assert (st_check_result_reasons (r, 0, 8) & ST_RISK_FLOAT_END);
  ck_assert (!(end & ST_RISK_FLOAT_LONG));
  ck_assert_uint_eq (clear, ST_RISK_CAST_ON | ST_RISK_CAST_OFF);
  /* Scores: 25 + 20 for the float, 20 cast-on, 15 cast-off = 80. */
  ck_assert_uint_eq (st_check_result_risk (r, 0, 4), 80);
  ck_assert_uint_eq (st_check_result_risk (r, 0, 11), 35);
  ck_assert_uint_eq (st_check_risk_score (0xfff), 100);
}
END_TEST

START_TEST (test_flat_rows_end_at_edges)
{
  /* A flatbed panel at 30 st/10 cm: 3.33 mm stitches, Lmax = min (5, 7) =
   * 5. Row 2: B at needles 1 and 10, then needle 7 of row 3. B floats 8
   * behind row 2 needles 2-9; then it runs to the edge (needles 11-12, 2
   * stitches) and comes back from the edge in row 3 (needles 1-6, 6
   * stitches). A spiral would make it one float of 8 from row 2 needle 11
   * to row 3 needle 6. */
  const char *rows[] = { "AAAAAAAAAAAA", "BAAAAAAAABAA", "AAAAAABAAAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) flat = sim_pattern ("brother-kh9xx", "AB", 30, rows, 4);
  g_autoptr(StPattern) tube = sim_pattern ("custom", "AB", 30, rows, 4);
  g_autoptr(StCheckResult) r = st_check_run (flat, NULL);
  g_autoptr(StCheckResult) rt = st_check_run (tube, NULL);
  g_autoptr(GArray) f = sim_findings (r, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) ft = sim_findings (rt, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) floats = g_array_new (FALSE, FALSE, sizeof (StCheckFloat));
  g_autoptr(GArray) catches = NULL;
  g_autoptr(StCheckResult) after = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stack = NULL;
  g_autoptr(GArray) stacks = sim_findings (r, ST_CHECK_FLOAT_STACK);
  StYarnUsage usage[ST_MAX_YARNS];

  ck_assert (st_check_knits_flat (flat->profile));
  ck_assert (!st_check_knits_flat (tube->profile));
  ck_assert (!st_check_knits_flat (st_profiles_lookup ("sentro-48")));
  /* Stranded knits a v-bed pattern as a tube. */
  ck_assert (!st_check_knits_flat (st_profiles_lookup ("kniterate")));

  ck_assert_uint_eq (f->len, 2);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 0), ST_SEVERITY_WARNING, 2, 2, 'B', 8);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 1), ST_SEVERITY_WARNING, 3, 1, 'B', 6);
  ck_assert_uint_eq (ft->len, 2);
  sim_assert_finding (&g_array_index (ft, StCheckFinding, 1), ST_SEVERITY_WARNING, 2, 11, 'B', 8);

  /* Rows, not rounds, and catches inside the row. */
  first = st_check_result_describe (r, &g_array_index (f, StCheckFinding, 0));
  second = st_check_result_describe (r, &g_array_index (f, StCheckFinding, 1));
  ck_assert_msg (strstr (first, "behind row 2, needles 2-9;") != NULL, "%s", first);
  ck_assert_msg (strstr (second, "behind row 3, needles 1-6;") != NULL, "%s", second);
  ck_assert_msg (strstr (second, "catch it at needle 3 ") != NULL, "%s", second);
  ck_assert_msg (strstr (second, "round") == NULL, "%s", second);

  /* The row 3 float lies under the one of row 2 (needles 2-6 shifted up a
   * row: 5 stitches >= ceil (5 / 2)): a stack, worded in rows. */
  ck_assert_uint_eq (stacks->len, 1);
  stack = st_check_result_describe (r, &g_array_index (stacks, StCheckFinding, 0));
  ck_assert_msg (strstr (stack, "consecutive rows: 5 stitches of the float from row 3, needle 1")
                 != NULL, "%s", stack);

  /* The edge anchors nothing: only needle 7 of row 3 is the end of the
   * float from the edge, needle 1 of row 3 is behind it. */
  ck_assert (st_check_result_reasons (r, 2, 6) & ST_RISK_FLOAT_END);
  ck_assert (st_check_result_reasons (r, 2, 0) & ST_RISK_FLOAT_LONG);
  ck_assert (!(st_check_result_reasons (r, 2, 0) & ST_RISK_FLOAT_END));

  /* The floats for drawing and the yarn usage: 8 + 2 + 6 for B. */
  st_check_list_floats (flat, NULL, 0, 3, FALSE, floats);
  for (guint i = 0; i < floats->len; i++)
    {
      const StCheckFloat *fl = &g_array_index (floats, StCheckFloat, i);

      ck_assert_uint_le (fl->needle + fl->length, 12);
    }
  st_check_result_get_usage (r, usage);
  ck_assert_uint_eq (usage[1].float_stitches, 16);

  /* The proposed catches stay in their rows and leave no long float. */
  catches = st_check_propose_catches (flat, NULL, NULL);
  ck_assert_uint_eq (catches->len, 2);
  ck_assert (g_array_index (catches, StCatch, 0).row == 1 && g_array_index (catches, StCatch, 0).needle == 4);
  ck_assert (g_array_index (catches, StCatch, 1).row == 2 && g_array_index (catches, StCatch, 1).needle == 2);
  st_check_apply_catches (flat, NULL, catches);
  after = st_check_run (flat, NULL);
  ck_assert_uint_eq (sim_count (after, ST_CHECK_FLOAT_LONG), 0);
}
END_TEST

START_TEST (test_limit_mm_in_message)
{
  /* The mm quoted with the limit is that of the limit that applies: at 30
   * st/10 cm 25 mm would be 7 stitches, but the cap of 5 applies: 5 x
   * 3.33 = 16.7 mm. At 14 st/10 cm the length decides (3 stitches): 25 mm.
   * With 10 mm at 14 st/10 cm the floor of 2 stitches applies: 14.3 mm. */
  const char *rows[] = { "ABBBBBBAAAAAAAAAAAAA" };
  g_autoptr(StPattern) fine = sim_pattern ("custom", "AB", 30, rows, 1);
  g_autoptr(StPattern) coarse = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) rf = st_check_run (fine, NULL);
  g_autoptr(StCheckResult) rc = st_check_run (coarse, NULL);
  g_autoptr(StCheckResult) rs = NULL;
  g_autoptr(GArray) ff = sim_findings (rf, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) fc = sim_findings (rc, ST_CHECK_FLOAT_LONG);
  g_autoptr(GArray) fs = NULL;
  g_autofree char *mf = NULL;
  g_autofree char *mc = NULL;
  g_autofree char *ms = NULL;
  StCheckOptions options;

  st_check_options_init (&options);
  options.float_limit_mm = 10;
  rs = st_check_run (coarse, &options);
  fs = sim_findings (rs, ST_CHECK_FLOAT_LONG);
  ck_assert_uint_eq (ff->len, 1);
  ck_assert_uint_eq (fc->len, 1);
  ck_assert_uint_eq (fs->len, 1);
  mf = st_check_result_describe (rf, &g_array_index (ff, StCheckFinding, 0));
  mc = st_check_result_describe (rc, &g_array_index (fc, StCheckFinding, 0));
  ms = st_check_result_describe (rs, &g_array_index (fs, StCheckFinding, 0));
  ck_assert_msg (strstr (mf, "floats 6 stitches (20.0 mm)") != NULL, "%s", mf);
  ck_assert_msg (strstr (mf, "the limit is 5 stitches (16.7 mm) at this gauge") != NULL, "%s", mf);
  ck_assert_msg (strstr (mc, "the limit is 3 stitches (25.0 mm)") != NULL, "%s", mc);
  ck_assert_msg (strstr (ms, "twice the limit of 2 stitches (14.3 mm)") != NULL, "%s", ms);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-floats");
  TCase *tc = tcase_create ("floats");

  tcase_add_test (tc, test_limit_formula);
  tcase_add_test (tc, test_float_in_round);
  tcase_add_test (tc, test_float_error_boundary);
  tcase_add_test (tc, test_float_wraps_round);
  tcase_add_test (tc, test_idle_boundary);
  tcase_add_test (tc, test_idle_rounds);
  tcase_add_test (tc, test_catches_split);
  tcase_add_test (tc, test_duplicate_stitch_use);
  tcase_add_test (tc, test_duplicate_stitch_not_a_use);
  tcase_add_test (tc, test_sticky);
  tcase_add_test (tc, test_machine_caps);
  tcase_add_test (tc, test_limit_override);
  tcase_add_test (tc, test_float_reasons);
  tcase_add_test (tc, test_flat_rows_end_at_edges);
  tcase_add_test (tc, test_limit_mm_in_message);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
