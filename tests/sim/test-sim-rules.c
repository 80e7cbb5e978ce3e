/* SPDX-License-Identifier: GPL-3.0-or-later
 * The rules beyond single floats: float-stack, colors-per-round,
 * manual-change, cast-on, cast-off, yarn-join, yarn-weight, repeat-seam,
 * catch-stack, and the per-round storage cap with exact counts. Expected
 * places are 1-based and worked out in the comments.
 */
#include "sim-test-util.h"

static StCheckFinding
only (const StCheckResult *r,
      StCheckRule          rule)
{
  g_autoptr(GArray) f = sim_findings (r, rule);

  ck_assert_msg (f->len == 1, "%s: %u findings, expected 1", st_check_rule_id (rule), f->len);
  return g_array_index (f, StCheckFinding, 0);
}

static gboolean
describes (const StCheckResult  *r,
           const StCheckFinding *f,
           const char           *phrase)
{
  g_autofree char *message = st_check_result_describe (r, f);

  return strstr (message, phrase) != NULL;
}

START_TEST (test_float_stack)
{
  /* Both rounds: A, five B, six A. A floats 5 behind needles 2-6 in each
   * round; the second lies right above the first: 5 stacked stitches.
   * B floats 7 from round 1 needle 7 to round 2 needle 1: an error. */
  const char *rows[] = { "ABBBBBAAAAAA", "ABBBBBAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(GArray) fl = sim_findings (r, ST_CHECK_FLOAT_LONG);
  StCheckFinding stack = only (r, ST_CHECK_FLOAT_STACK);

  sim_assert_finding (&stack, ST_SEVERITY_WARNING, 2, 2, 'A', 5);
  ck_assert_uint_eq (stack.count, 5);
  ck_assert_uint_eq (fl->len, 3);
  sim_assert_finding (&g_array_index (fl, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 2, 'A', 5);
  sim_assert_finding (&g_array_index (fl, StCheckFinding, 1), ST_SEVERITY_ERROR, 1, 7, 'B', 7);
  sim_assert_finding (&g_array_index (fl, StCheckFinding, 2), ST_SEVERITY_WARNING, 2, 2, 'A', 5);
  /* The stacked stitches are those of the upper float. */
  ck_assert (st_check_result_reasons (r, 1, 3) & ST_RISK_FLOAT_STACK);
  ck_assert (!(st_check_result_reasons (r, 0, 3) & ST_RISK_FLOAT_STACK));
  ck_assert (describes (r, &stack, "different needles in each round"));
}
END_TEST

START_TEST (test_float_stack_shifted)
{
  /* Round 2 shifted one needle: its A float (needles 3-7) overlaps the
   * round 1 float (2-6) on needles 3-6: 4 stitches, still >= 2. Shifted
   * four needles (6-10), they share needle 6 only: 1 < 2, no stack. */
  const char *near[] = { "ABBBBBAAAAAA", "AABBBBBAAAAA" };
  const char *far[] = { "ABBBBBAAAAAA", "AAAAABBBBBAA" };
  g_autoptr(StPattern) pn = sim_pattern ("custom", "AB", 14, near, 2);
  g_autoptr(StPattern) pf = sim_pattern ("custom", "AB", 14, far, 2);
  g_autoptr(StCheckResult) rn = st_check_run (pn, NULL);
  g_autoptr(StCheckResult) rf = st_check_run (pf, NULL);
  StCheckFinding stack = only (rn, ST_CHECK_FLOAT_STACK);

  sim_assert_finding (&stack, ST_SEVERITY_WARNING, 2, 3, 'A', 5);
  ck_assert_uint_eq (stack.count, 4);
  ck_assert_uint_eq (sim_count (rf, ST_CHECK_FLOAT_STACK), 0);
}
END_TEST

START_TEST (test_colors_per_round)
{
  /* The custom profile knits 2 colours a round: C at needle 3 is the
   * third. A catch can bring in a third yarn too. */
  const char *rows[] = { "ABCAAAAAAA" };
  const char *caught_rows[] = { "ABAAAAAAAA", "AAAAAAAACA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "ABC", 14, rows, 1);
  g_autoptr(StPattern) pc = sim_pattern ("custom", "ABC", 14, caught_rows, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(StCheckResult) rc = NULL;
  StCheckFinding f = only (r, ST_CHECK_COLORS_PER_ROUND);

  sim_assert_finding (&f, ST_SEVERITY_ERROR, 1, 3, 'C', 0);
  ck_assert_uint_eq (f.count, 3);
  ck_assert (st_check_result_reasons (r, 0, 2) & ST_RISK_TOO_MANY);
  ck_assert (!(st_check_result_reasons (r, 0, 1) & ST_RISK_TOO_MANY));
  ck_assert (describes (r, &f, "knits at most 2 in a round"));

  sim_add_catch (pc, 1, 5, 'C');
  rc = st_check_run (pc, NULL);
  f = only (rc, ST_CHECK_COLORS_PER_ROUND);
  sim_assert_finding (&f, ST_SEVERITY_ERROR, 1, 5, 'C', 0);
}
END_TEST

START_TEST (test_manual_change)
{
  /* sentro-22 has one feed; the limit is max (4, 22 / 4) = 5 changes.
   * ABABABABA...: changes at needles 2-9, 8 > 5: a warning at needle 2.
   * ABABABBB...: 5 changes, no warning. The custom profile has 2 feeds. */
  const char *many[] = { "ABABABABAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA" };
  const char *five[] = { "ABABABBBBBBBBBBBBBBBBB" };
  g_autoptr(StPattern) p = sim_pattern ("sentro-22", "AB", 14, many, 2);
  g_autoptr(StPattern) p5 = sim_pattern ("sentro-22", "AB", 14, five, 1);
  g_autoptr(StPattern) pc = sim_pattern ("custom", "AB", 14, many, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(StCheckResult) r5 = st_check_run (p5, NULL);
  g_autoptr(StCheckResult) rc = st_check_run (pc, NULL);
  StCheckFinding f = only (r, ST_CHECK_MANUAL_CHANGE);

  ck_assert_uint_eq (st_check_manual_change_limit (22), 5);
  ck_assert_uint_eq (st_check_manual_change_limit (48), 12);
  ck_assert_uint_eq (st_check_manual_change_limit (10), 4);
  sim_assert_finding (&f, ST_SEVERITY_WARNING, 1, 2, '-', 0);
  ck_assert_uint_eq (f.count, 8);
  ck_assert (st_check_result_reasons (r, 0, 1) & ST_RISK_MANUAL_CHANGE);
  ck_assert (!(st_check_result_reasons (r, 0, 0) & ST_RISK_MANUAL_CHANGE));
  ck_assert (!(st_check_result_reasons (r, 0, 12) & ST_RISK_MANUAL_CHANGE));
  ck_assert_uint_eq (sim_count (r5, ST_CHECK_MANUAL_CHANGE), 0);
  ck_assert_uint_eq (sim_count (rc, ST_CHECK_MANUAL_CHANGE), 0);
  ck_assert (!(st_check_result_reasons (rc, 0, 1) & ST_RISK_MANUAL_CHANGE));
}
END_TEST

START_TEST (test_manual_change_round_start)
{
  /* The change from the last stitch of a round to the first of the next is
   * a change of the next round: round 2 starts in A after a B, and has
   * changes at needles 1-7 (B->A, then A/B alternating, then back to A):
   * 7 > 5. */
  const char *rows[] = { "AAAAAAAAAAAAAAAAAAAAAB", "ABABABAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("sentro-22", "AB", 14, rows, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  StCheckFinding f = only (r, ST_CHECK_MANUAL_CHANGE);

  sim_assert_finding (&f, ST_SEVERITY_WARNING, 2, 1, '-', 0);
  ck_assert_uint_eq (f.count, 7);
}
END_TEST

START_TEST (test_cast_on_off)
{
  /* Plain first two rounds and a plain last round: notes. Colour in round 2
   * needle 5: a cast-on warning there. Colour in the last round at needle
   * 6: a cast-off warning. */
  const char *plain[] = { "AAAAAAAAAA", "AAAAAAAAAA", "BBBBBBBBBB" };
  const char *early[] = { "AAAAAAAAAA", "AAAABAAAAA", "AAAAAAAAAA" };
  const char *late[] = { "AAAAAAAAAA", "AAAAAAAAAA", "AAAAABAAAA" };
  g_autoptr(StPattern) pp = sim_pattern ("custom", "AB", 14, plain, 3);
  g_autoptr(StPattern) pe = sim_pattern ("custom", "AB", 14, early, 3);
  g_autoptr(StPattern) pl = sim_pattern ("custom", "AB", 14, late, 3);
  g_autoptr(StCheckResult) rp = st_check_run (pp, NULL);
  g_autoptr(StCheckResult) re = st_check_run (pe, NULL);
  g_autoptr(StCheckResult) rl = st_check_run (pl, NULL);
  StCheckFinding f;

  f = only (rp, ST_CHECK_CAST_ON);
  sim_assert_finding (&f, ST_SEVERITY_INFO, 1, 1, 'A', 0);
  ck_assert (describes (rp, &f, "Crank the first 2 rounds slowly"));
  f = only (rp, ST_CHECK_CAST_OFF);
  sim_assert_finding (&f, ST_SEVERITY_INFO, 3, 1, 'B', 0);

  f = only (re, ST_CHECK_CAST_ON);
  sim_assert_finding (&f, ST_SEVERITY_WARNING, 2, 5, 'B', 0);
  ck_assert_uint_eq (f.count, 2);
  ck_assert (describes (re, &f, "at least 2 plain rounds"));

  f = only (rl, ST_CHECK_CAST_OFF);
  sim_assert_finding (&f, ST_SEVERITY_WARNING, 3, 6, 'B', 0);
  ck_assert (st_check_result_reasons (rl, 2, 0) & ST_RISK_CAST_OFF);
  ck_assert (st_check_result_reasons (rl, 1, 0) & ST_RISK_CAST_ON);
  ck_assert (!(st_check_result_reasons (rl, 1, 0) & ST_RISK_CAST_OFF));
}
END_TEST

START_TEST (test_yarn_join)
{
  /* B first appears in round 2 needle 6: joined there, marked with its two
   * following stitches. A yarn first used in round 1 is cast on, not
   * joined. */
  const char *rows[] = { "AAAAAAAAAA", "AAAAABAAAA" };
  const char *round1[] = { "AAAAABAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(StPattern) p1 = sim_pattern ("custom", "AB", 14, round1, 1);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(StCheckResult) r1 = st_check_run (p1, NULL);
  StCheckFinding f = only (r, ST_CHECK_YARN_JOIN);

  sim_assert_finding (&f, ST_SEVERITY_INFO, 2, 6, 'B', 0);
  ck_assert_uint_eq (f.count, 0);
  for (guint n = 5; n <= 7; n++)
    ck_assert (st_check_result_reasons (r, 1, n) & ST_RISK_YARN_JOIN);
  ck_assert (!(st_check_result_reasons (r, 1, 4) & ST_RISK_YARN_JOIN));
  ck_assert (!(st_check_result_reasons (r, 1, 8) & ST_RISK_YARN_JOIN));
  ck_assert_uint_eq (sim_count (r, ST_CHECK_IDLE_YARN), 0);
  ck_assert_uint_eq (sim_count (r1, ST_CHECK_YARN_JOIN), 0);
}
END_TEST

START_TEST (test_yarn_weight)
{
  /* sentro-22 takes weights 3-4. B is bulky (5): an error at its first
   * stitch, round 2 needle 4. C is super bulky but never knit: nothing. */
  const char *rows[] = { "AAAAAAAAAAAAAAAAAAAAAA", "AAABAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("sentro-22", "ABC", 14, rows, 2);
  g_autoptr(StCheckResult) r = NULL;
  StCheckFinding f;

  p->yarns[1].weight = ST_WEIGHT_BULKY;
  p->yarns[2].weight = ST_WEIGHT_SUPER_BULKY;
  r = st_check_run (p, NULL);
  f = only (r, ST_CHECK_YARN_WEIGHT);
  sim_assert_finding (&f, ST_SEVERITY_ERROR, 2, 4, 'B', 0);
  ck_assert_uint_eq (f.count, 5);
  ck_assert (describes (r, &f, "is bulky (weight 5)"));
  ck_assert (describes (r, &f, "choose a medium yarn"));
  ck_assert (st_check_result_reasons (r, 1, 3) & ST_RISK_YARN_WEIGHT);
  ck_assert (!(st_check_result_reasons (r, 1, 2) & ST_RISK_YARN_WEIGHT));
}
END_TEST

START_TEST (test_repeat_seam)
{
  /* 22 needles: a 5-stitch repeat leaves 2 (needles 21-22), a 7-stitch one
   * leaves 1; 11 divides; 30 is wider than the round. */
  const char *rows[] = { "AAAAAAAAAAAAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("sentro-22", "AB", 14, rows, 1);
  g_autoptr(StCheckResult) r5 = NULL, r7 = NULL, r11 = NULL, r30 = NULL;
  StCheckFinding f;

  p->repeat_width = 5;
  r5 = st_check_run (p, NULL);
  f = only (r5, ST_CHECK_REPEAT_SEAM);
  sim_assert_finding (&f, ST_SEVERITY_WARNING, 1, 21, '-', 0);
  ck_assert_uint_eq (f.count, 2);
  ck_assert (describes (r5, &f, "4 repeats leave 2 stitches"));
  ck_assert (describes (r5, &f, "such as 2, 11"));

  /* One stitch left over: the sentence says so in the singular. */
  p->repeat_width = 7;
  r7 = st_check_run (p, NULL);
  f = only (r7, ST_CHECK_REPEAT_SEAM);
  ck_assert_uint_eq (f.count, 1);
  ck_assert (describes (r7, &f, "3 repeats leave 1 stitch, so"));
  ck_assert (describes (r7, &f, "fill the last 1 stitch with a motif of its own."));

  p->repeat_width = 11;
  r11 = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (r11, ST_CHECK_REPEAT_SEAM), 0);

  p->repeat_width = 30;
  r30 = st_check_run (p, NULL);
  f = only (r30, ST_CHECK_REPEAT_SEAM);
  sim_assert_finding (&f, ST_SEVERITY_WARNING, 1, 1, '-', 0);
  ck_assert_uint_eq (f.count, 22);
  ck_assert (describes (r30, &f, "wider than the 22-stitch round"));
}
END_TEST

START_TEST (test_catch_stack)
{
  /* Round 2 is all A. Catches of B, C, D and E at needle 8 make 5 loops
   * on one hook (> 4): an error. Catches at needles 3 and 4 sit side by
   * side, as do needles 12 and 1 across the start of the round. */
  const char *rows[] = { "ABCDEAAAAAAA", "AAAAAAAAAAAA", "ABCDEAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "ABCDE", 14, rows, 3);
  g_autoptr(StCheckResult) r = NULL;
  g_autoptr(GArray) f = NULL;

  sim_add_catch (p, 2, 8, 'B');
  sim_add_catch (p, 2, 8, 'C');
  sim_add_catch (p, 2, 8, 'D');
  sim_add_catch (p, 2, 8, 'E');
  sim_add_catch (p, 2, 3, 'B');
  sim_add_catch (p, 2, 4, 'C');
  sim_add_catch (p, 2, 12, 'D');
  sim_add_catch (p, 2, 1, 'E');
  r = st_check_run (p, NULL);
  f = sim_findings (r, ST_CHECK_CATCH_STACK);
  ck_assert_uint_eq (f->len, 3);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 0), ST_SEVERITY_WARNING, 2, 3, 'C', 0);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 1), ST_SEVERITY_ERROR, 2, 8, 'B', 0);
  ck_assert_uint_eq (g_array_index (f, StCheckFinding, 1).count, 5);
  sim_assert_finding (&g_array_index (f, StCheckFinding, 2), ST_SEVERITY_WARNING, 2, 12, 'E', 0);
  ck_assert (st_check_result_reasons (r, 1, 7) & ST_RISK_CATCH_STACK);
  ck_assert (st_check_result_reasons (r, 1, 0) & ST_RISK_CATCH_STACK);
  ck_assert (!(st_check_result_reasons (r, 1, 5) & ST_RISK_CATCH_STACK));
}
END_TEST

START_TEST (test_catch_stack_limits)
{
  /* Three catches at one needle: 4 loops, allowed. Catches on the same
   * needle in neighbouring rounds are not side by side. */
  const char *rows[] = { "ABCDAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA", "ABCDAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "ABCD", 14, rows, 4);
  g_autoptr(StCheckResult) r = NULL;

  sim_add_catch (p, 2, 8, 'B');
  sim_add_catch (p, 2, 8, 'C');
  sim_add_catch (p, 2, 8, 'D');
  sim_add_catch (p, 3, 8, 'B');
  sim_add_catch (p, 3, 9, 'B');
  r = st_check_run (p, NULL);
  /* Round 3 needles 8 and 9 are neighbours: one warning, nothing else. */
  ck_assert_uint_eq (sim_count (r, ST_CHECK_CATCH_STACK), 1);
  ck_assert_uint_eq (st_check_result_count (r, ST_CHECK_CATCH_STACK, ST_SEVERITY_WARNING), 1);
}
END_TEST

START_TEST (test_catch_stack_flat_edges)
{
  /* Catches of B at needles 1 and 12 of round 2: neighbours round the
   * cylinder, but the two edges of a flat panel. */
  const char *rows[] = { "AAAAAABAAAAA", "AAAAAABAAAAA", "AAAAAABAAAAA" };
  g_autoptr(StPattern) tube = sim_pattern ("custom", "AB", 14, rows, 3);
  g_autoptr(StPattern) flat = sim_pattern ("brother-kh9xx", "AB", 14, rows, 3);
  g_autoptr(StCheckResult) rt = NULL;
  g_autoptr(StCheckResult) rf = NULL;

  sim_add_catch (tube, 2, 1, 'B');
  sim_add_catch (tube, 2, 12, 'B');
  sim_add_catch (flat, 2, 1, 'B');
  sim_add_catch (flat, 2, 12, 'B');
  rt = st_check_run (tube, NULL);
  rf = st_check_run (flat, NULL);
  ck_assert_uint_eq (sim_count (rt, ST_CHECK_CATCH_STACK), 1);
  ck_assert_uint_eq (sim_count (rf, ST_CHECK_CATCH_STACK), 0);
}
END_TEST

START_TEST (test_idle_message_by_machine)
{
  /* On a flatbed an idle yarn in the feeder floats the whole width. Its
   * rows end at the edges, so B misses one whole row (row 2), although
   * 20 stitches pass: a spiral would count 2 rounds. */
  const char *rows[] = { "BAAAAAAAAA", "AAAAAAAAAA", "ABAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("brother-kh9xx", "AB", 14, rows, 3);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  StCheckFinding f = only (r, ST_CHECK_IDLE_YARN);

  ck_assert (describes (r, &f, "take it out of the feeder"));
  ck_assert (describes (r, &f, "(1 full row) from row 1, needle 2"));
  ck_assert_uint_eq (f.count, 1);
  ck_assert_uint_eq (f.length_stitches, 20);
}
END_TEST

START_TEST (test_storage_cap)
{
  /* 40 x "ABBBB" on 200 needles: A floats 4 after each of its first 39
   * stitches. All 39 are counted, 12 kept (the first ones, needles 2, 7,
   * 12, ...). */
  GString *row = g_string_new (NULL);
  const char *rows[1];
  g_autoptr(StPattern) p = NULL;
  g_autoptr(StCheckResult) r = NULL;
  g_autoptr(GArray) f = NULL;
  StCheckSummary s;

  for (guint i = 0; i < 40; i++)
    g_string_append (row, "ABBBB");
  rows[0] = row->str;
  p = sim_pattern ("custom", "AB", 14, rows, 1);
  r = st_check_run (p, NULL);
  f = sim_findings (r, ST_CHECK_FLOAT_LONG);
  ck_assert_uint_eq (st_check_result_count (r, ST_CHECK_FLOAT_LONG, ST_SEVERITY_WARNING), 39);
  ck_assert_uint_eq (f->len, ST_CHECK_STORED_PER_ROUND);
  for (guint i = 0; i < f->len; i++)
    ck_assert_uint_eq (g_array_index (f, StCheckFinding, i).needle, 1 + 5 * i);
  st_check_result_get_summary (r, &s);
  /* 39 float-long warnings, and cast-on and cast-off warnings: the only
   * round is first and last and has two yarns. */
  ck_assert_uint_eq (s.warnings, 41);
  ck_assert_uint_eq (s.infos, 0);
  ck_assert_uint_eq (s.findings_omitted, 39 - ST_CHECK_STORED_PER_ROUND);
  ck_assert_uint_eq (s.findings_stored, ST_CHECK_STORED_PER_ROUND + 2);
  g_string_free (row, TRUE);
}
END_TEST

START_TEST (test_rule_ids)
{
  static const char *const ids[] = {
    "float-long", "float-stack", "idle-yarn", "yarn-join", "colors-per-round",
    "manual-change", "cast-on", "cast-off", "yarn-weight", "repeat-seam", "catch-stack",
  };
  StCheckRule rule;

  ck_assert_uint_eq (G_N_ELEMENTS (ids), ST_CHECK_N_RULES);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ck_assert_str_eq (st_check_rule_id (i), ids[i]);
      ck_assert (st_check_rule_from_id (ids[i], &rule));
      ck_assert_uint_eq (rule, i);
    }
  ck_assert (!st_check_rule_from_id ("float-longer", &rule));
  ck_assert_str_eq (st_check_severity_name (ST_SEVERITY_ERROR), "error");
  ck_assert_str_eq (st_check_severity_name (ST_SEVERITY_WARNING), "warning");
  ck_assert_str_eq (st_check_severity_name (ST_SEVERITY_INFO), "info");
}
END_TEST

START_TEST (test_findings_in_rows)
{
  /* Rounds 1, 2 and 4 plain; round 3 has B at needles 2-5, so A floats 4
   * from needle 2 and B is joined at needle 2. */
  const char *rows[] = { "AAAAAAAAAA", "AAAAAAAAAA", "ABBBBAAAAA", "AAAAAAAAAA" };
  /* B in round 1: the cast-on warning and A's float share needle 3 and
   * are ordered by rule. */
  const char *same[] = { "AABBBBAAAA", "AAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 4);
  g_autoptr(StPattern) ps = sim_pattern ("custom", "AB", 14, same, 2);
  g_autoptr(StCheckResult) r = st_check_run (p, NULL);
  g_autoptr(StCheckResult) rs = st_check_run (ps, NULL);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));
  g_autoptr(GArray) all = st_check_result_all_findings (r);

  st_check_result_get_findings (r, 0, 0, out);
  ck_assert_uint_eq (out->len, 1);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 0).rule, ST_CHECK_CAST_ON);
  g_array_set_size (out, 0);
  st_check_result_get_findings (r, 1, 1, out);
  ck_assert_uint_eq (out->len, 0);
  st_check_result_get_findings (r, 2, 2, out);
  ck_assert_uint_eq (out->len, 2);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 0).rule, ST_CHECK_FLOAT_LONG);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 1).rule, ST_CHECK_YARN_JOIN);
  g_array_set_size (out, 0);
  st_check_result_get_findings (r, 3, 9, out);
  ck_assert_uint_eq (out->len, 1);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 0).rule, ST_CHECK_CAST_OFF);
  ck_assert_uint_eq (all->len, 4);
  ck_assert_int_eq (g_array_index (all, StCheckFinding, 0).rule, ST_CHECK_CAST_ON);
  ck_assert_int_eq (g_array_index (all, StCheckFinding, 3).rule, ST_CHECK_CAST_OFF);

  g_array_set_size (out, 0);
  st_check_result_get_findings (rs, 0, 0, out);
  ck_assert_uint_eq (out->len, 2);
  sim_assert_finding (&g_array_index (out, StCheckFinding, 0), ST_SEVERITY_WARNING, 1, 3, 'A', 4);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 0).rule, ST_CHECK_FLOAT_LONG);
  sim_assert_finding (&g_array_index (out, StCheckFinding, 1), ST_SEVERITY_WARNING, 1, 3, 'B', 0);
  ck_assert_int_eq (g_array_index (out, StCheckFinding, 1).rule, ST_CHECK_CAST_ON);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-rules");
  TCase *tc = tcase_create ("rules");

  tcase_add_test (tc, test_float_stack);
  tcase_add_test (tc, test_float_stack_shifted);
  tcase_add_test (tc, test_colors_per_round);
  tcase_add_test (tc, test_manual_change);
  tcase_add_test (tc, test_manual_change_round_start);
  tcase_add_test (tc, test_cast_on_off);
  tcase_add_test (tc, test_yarn_join);
  tcase_add_test (tc, test_yarn_weight);
  tcase_add_test (tc, test_repeat_seam);
  tcase_add_test (tc, test_catch_stack);
  tcase_add_test (tc, test_catch_stack_limits);
  tcase_add_test (tc, test_catch_stack_flat_edges);
  tcase_add_test (tc, test_idle_message_by_machine);
  tcase_add_test (tc, test_storage_cap);
  tcase_add_test (tc, test_rule_ids);
  tcase_add_test (tc, test_findings_in_rows);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
