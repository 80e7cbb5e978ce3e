/* SPDX-License-Identifier: GPL-3.0-or-later
 * StChecker: after random edits (stitches, brushes, lines, rectangles,
 * catches, duplicate stitches, structural changes), the incremental result
 * equals a full check in every finding, count, usage figure and risk bit.
 * Fixed seeds, thousands of edits.
 */
#include "sim-test-util.h"

#include "st-edit.h"

static void
assert_same (const StCheckResult *inc,
             const StCheckResult *full,
             const char          *what)
{
  g_autoptr(GArray) fi = st_check_result_all_findings (inc);
  g_autoptr(GArray) ff = st_check_result_all_findings (full);
  StYarnUsage ui[ST_MAX_YARNS], uf[ST_MAX_YARNS];
  StCheckSummary si, sf;
  guint n_yarns;

  st_check_result_get_summary (inc, &si);
  st_check_result_get_summary (full, &sf);
  ck_assert_msg (si.errors == sf.errors && si.warnings == sf.warnings && si.infos == sf.infos,
                 "%s: summary %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                 " vs full %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                 what, si.errors, si.warnings, si.infos, sf.errors, sf.warnings, sf.infos);
  ck_assert_msg (si.max_float_stitches == sf.max_float_stitches, "%s: max float %u vs %u", what,
                 si.max_float_stitches, sf.max_float_stitches);
  ck_assert_uint_eq (si.findings_stored, sf.findings_stored);
  ck_assert_uint_eq (si.findings_omitted, sf.findings_omitted);
  for (guint rule = 0; rule < ST_CHECK_N_RULES; rule++)
    for (guint sev = 0; sev < ST_SEVERITY_N; sev++)
      if (st_check_result_count (inc, rule, sev) != st_check_result_count (full, rule, sev))
        ck_abort_msg ("%s: %s/%s count %" G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT, what,
                      st_check_rule_id (rule), st_check_severity_name (sev),
                      st_check_result_count (inc, rule, sev), st_check_result_count (full, rule, sev));
  ck_assert_msg (fi->len == ff->len, "%s: %u stored findings vs %u", what, fi->len, ff->len);
  /* Plain comparisons, failing through Check only on a difference: every
   * ck_assert records a message, and there are millions here. */
  for (guint i = 0; i < fi->len; i++)
    {
      const StCheckFinding *a = &g_array_index (fi, StCheckFinding, i);
      const StCheckFinding *b = &g_array_index (ff, StCheckFinding, i);

      if (a->rule != b->rule || a->severity != b->severity || a->row != b->row ||
          a->needle != b->needle || a->yarn != b->yarn ||
          a->length_stitches != b->length_stitches || a->count != b->count)
        ck_abort_msg ("%s: finding %u: %s %s round %u needle %u yarn %d len %" G_GUINT64_FORMAT
                      " count %u vs %s %s round %u needle %u yarn %d len %" G_GUINT64_FORMAT " count %u",
                      what, i, st_check_rule_id (a->rule), st_check_severity_name (a->severity),
                      a->row + 1, a->needle + 1, a->yarn, a->length_stitches, a->count,
                      st_check_rule_id (b->rule), st_check_severity_name (b->severity),
                      b->row + 1, b->needle + 1, b->yarn, b->length_stitches, b->count);
    }
  n_yarns = st_check_result_get_usage (inc, ui);
  ck_assert_uint_eq (n_yarns, st_check_result_get_usage (full, uf));
  for (guint k = 0; k < n_yarns; k++)
    if (ui[k].stitches != uf[k].stitches || ui[k].float_stitches != uf[k].float_stitches ||
        ui[k].catches != uf[k].catches || ui[k].duplicate_stitches != uf[k].duplicate_stitches ||
        ui[k].meters != uf[k].meters)
      ck_abort_msg ("%s: usage of yarn %u differs", what, k);
  ck_assert_int_eq (st_check_result_has_risk (inc), st_check_result_has_risk (full));
  for (guint row = 0; row < st_check_result_rows (full); row++)
    for (guint n = 0; n < st_check_result_needles (full); n++)
      if (st_check_result_reasons (inc, row, n) != st_check_result_reasons (full, row, n))
        ck_abort_msg ("%s: risk reasons at round %u needle %u: %#x vs %#x", what, row + 1, n + 1,
                      st_check_result_reasons (inc, row, n), st_check_result_reasons (full, row, n));
}

static StPattern *
random_pattern (GRand      *rand,
                const char *profile_id,
                guint       needles,
                guint       rows,
                guint       n_yarns,
                int         mode)
{
  StPattern *p = st_pattern_new (st_profiles_lookup (profile_id), needles, rows, NULL);

  for (guint i = p->n_yarns; i < n_yarns; i++)
    {
      StYarn y = { st_yarn_next_free_key (p->yarns, p->n_yarns), (char *) "Extra",
                   { 40 * i, 90, 200 }, ST_WEIGHT_MEDIUM, NULL, FALSE };

      ck_assert (st_edit_add_yarn (p, NULL, &y, NULL));
    }
  p->stitches_per_10cm = 14;
  p->yarns[n_yarns - 1].sticky = TRUE;
  for (gsize i = 0; i < (gsize) needles * rows; i++)
    {
      switch (mode)
        {
        case 0:   /* noise */
          p->chart->cells[i] = g_rand_int_range (rand, 0, n_yarns);
          break;
        case 1:   /* a background with rare dots: idle yarns and joins */
          p->chart->cells[i] = g_rand_int_range (rand, 0, 40) == 0
            ? g_rand_int_range (rand, 1, n_yarns) : 0;
          break;
        default:  /* bands of motif-like runs */
          p->chart->cells[i] = (i / needles) % 7 < 3 ? 0
            : ((i % needles) / (1 + (i / needles) % 5)) % n_yarns;
          break;
        }
    }
  return p;
}

static void
random_marks (GRand     *rand,
              StPattern *p,
              guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      StCatch c = { g_rand_int_range (rand, 0, p->chart->rows),
                    g_rand_int_range (rand, 0, p->chart->needles),
                    g_rand_int_range (rand, 0, p->n_yarns) };
      StStitchRef d = { g_rand_int_range (rand, 0, p->chart->rows),
                        g_rand_int_range (rand, 0, p->chart->needles) };

      if (!st_pattern_has_catch (p, c.row, c.needle, c.yarn))
        g_array_append_val (p->catches, c);
      if (i % 2 == 0 && !st_pattern_has_duplicate_stitch (p, d.row, d.needle))
        g_array_append_val (p->duplicate_stitches, d);
    }
  st_pattern_sort_marks (p);
}

/* One random edit through the undoable edit API; returns its name. */
static const char *
random_edit (GRand     *rand,
             StPattern *p,
             StHistory *history,
             gboolean   structural)
{
  guint W = p->chart->needles, H = p->chart->rows;
  gint64 row = g_rand_int_range (rand, 0, H), needle = g_rand_int_range (rand, 0, W);
  guint8 yarn = g_rand_int_range (rand, 0, p->n_yarns);
  int kind = g_rand_int_range (rand, 0, structural ? 10 : 8);

  switch (kind)
    {
    case 0:
    case 1:
      st_edit_set_stitch (p, history, row, needle, yarn);
      return "stitch";
    case 2:
      st_edit_brush (p, history, row, needle, g_rand_int_range (rand, 1, 4), yarn);
      return "brush";
    case 3:
      st_edit_line (p, history, row, needle, row + g_rand_int_range (rand, -3, 4),
                    needle + g_rand_int_range (rand, -W, W), yarn);
      return "line";
    case 4:
      st_edit_rectangle (p, history, row, needle, row + g_rand_int_range (rand, 0, 3),
                         needle + g_rand_int_range (rand, 0, 8), yarn, g_rand_boolean (rand));
      return "rectangle";
    case 5:
      st_edit_toggle_duplicate_stitch (p, history, row, needle);
      return "duplicate stitch";
    case 6:
      {
        g_autoptr(GArray) catches = g_array_copy (p->catches);
        StCatch c = { row, needle, yarn };

        if (catches->len > 0 && g_rand_boolean (rand))
          g_array_remove_index (catches, g_rand_int_range (rand, 0, catches->len));
        else
          g_array_append_val (catches, c);
        st_edit_set_catches (p, history, (const StCatch *) catches->data, catches->len);
        return "catches";
      }
    case 7:
      if (g_rand_int_range (rand, 0, 4) == 0 && st_history_can_undo (history))
        {
          st_history_undo (history, p);
          return "undo";
        }
      st_edit_set_stitch (p, history, row, needle, yarn);
      return "stitch";
    case 8:
      st_edit_flood_fill (p, history, row, needle, yarn);
      return "flood fill";
    default:
      st_edit_set_gauge (p, history, g_rand_boolean (rand) ? 14 : 33.5, 20, NULL);
      return "gauge";
    }
}

static void
run_property_on (const char *profile_id,
                 guint32     seed,
                 guint       needles,
                 guint       rows,
                 guint       n_yarns,
                 int         mode,
                 guint       edits,
                 gboolean    skip_risk)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(StPattern) p = random_pattern (rand, profile_id, needles, rows, n_yarns, mode);
  g_autoptr(StHistory) history = st_history_new (0);
  g_autoptr(StChecker) checker = NULL;
  StCheckOptions options;
  guint incremental = 0;

  st_check_options_init (&options);
  options.skip_risk = skip_risk;
  checker = st_checker_new (&options);
  random_marks (rand, p, needles * rows / 40);
  st_pattern_take_dirty (p, NULL, NULL, NULL);
  st_checker_check_all (checker, p);

  for (guint i = 0; i < edits; i++)
    {
      g_autoptr(StCheckResult) full = NULL;
      g_autofree char *what = NULL;
      const char *edit = NULL;
      guint batch = g_rand_int_range (rand, 0, 5) == 0 ? 3 : 1;
      guint first, last;
      gboolean structure, any, was_full;

      for (guint b = 0; b < batch; b++)
        edit = random_edit (rand, p, history, i % 50 == 49);
      any = st_pattern_take_dirty (p, &first, &last, &structure);
      st_checker_update (checker, p, any, first, last, structure);
      st_checker_last_range (checker, NULL, NULL, &was_full);
      incremental += !was_full;
      full = st_check_run (p, &options);
      what = g_strdup_printf ("seed %u edit %u (%s)", seed, i, edit);
      assert_same (st_checker_get_result (checker), full, what);
    }
  /* Nearly every edit must have taken the incremental path. */
  ck_assert_msg (incremental > edits * 3 / 4, "only %u of %u re-checks were incremental",
                 incremental, edits);
}

static void
run_property (guint32  seed,
              guint    needles,
              guint    rows,
              guint    n_yarns,
              int      mode,
              guint    edits,
              gboolean skip_risk)
{
  run_property_on ("custom", seed, needles, rows, n_yarns, mode, edits, skip_risk);
}

START_TEST (test_noise)
{
  run_property (1, 12, 30, 3, 0, 800, FALSE);
  run_property (2, 7, 40, 4, 0, 800, FALSE);
}
END_TEST

START_TEST (test_sparse)
{
  /* Rare dots: long idle spans whose findings lie far from the edit. */
  run_property (3, 10, 60, 3, 1, 1000, FALSE);
  run_property (4, 16, 50, 4, 1, 1000, FALSE);
}
END_TEST

START_TEST (test_bands)
{
  run_property (5, 24, 40, 3, 2, 800, FALSE);
  run_property (6, 33, 30, 5, 2, 600, FALSE);
}
END_TEST

START_TEST (test_capped_rows)
{
  /* 200 needles of noise: rows exceed the per-round storage cap. */
  run_property (7, 200, 16, 4, 0, 300, FALSE);
}
END_TEST

START_TEST (test_tiny_rounds)
{
  /* One, two and three needles: every gap is idle, needles are their own
   * neighbours. */
  run_property (9, 1, 40, 3, 0, 300, FALSE);
  run_property (10, 2, 40, 3, 0, 300, FALSE);
  run_property (11, 3, 40, 4, 1, 300, FALSE);
}
END_TEST

START_TEST (test_flat_panel)
{
  /* A flatbed's rows end at the edges: floats, idle rows and joins split
   * there, and a re-check must agree with a full check all the same. */
  run_property_on ("brother-kh9xx", 12, 12, 30, 3, 0, 600, FALSE);
  run_property_on ("brother-kh9xx", 13, 10, 60, 3, 1, 600, FALSE);
  run_property_on ("brother-kh9xx", 14, 24, 40, 4, 2, 400, FALSE);
}
END_TEST

START_TEST (test_without_risk)
{
  run_property (8, 12, 30, 3, 0, 400, TRUE);
}
END_TEST

START_TEST (test_marks_outside)
{
  /* Marks filled in by hand beyond the chart, or of a yarn not in the
   * palette, are ignored by the check and by re-checks. */
  const char *rows[] = { "ABBBBBBBAAAA", "AAAAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 2);
  g_autoptr(StChecker) checker = st_checker_new (NULL);
  g_autoptr(StCheckResult) full = NULL;
  StCatch bad_catches[] = { { 5, 1, 0 }, { 0, 40, 0 }, { 0, 4, 7 } };
  StStitchRef bad_dup = { 0, 99 };

  st_checker_check_all (checker, p);
  g_array_append_vals (p->catches, bad_catches, G_N_ELEMENTS (bad_catches));
  g_array_append_val (p->duplicate_stitches, bad_dup);
  st_checker_update (checker, p, FALSE, 0, 0, TRUE);
  full = st_check_run (p, NULL);
  ck_assert_uint_eq (sim_count (full, ST_CHECK_FLOAT_LONG), 1);
  ck_assert_uint_eq (sim_count (full, ST_CHECK_CATCH_STACK), 0);
  assert_same (st_checker_get_result (checker), full, "marks outside the chart");
}
END_TEST

START_TEST (test_range)
{
  /* One stitch in round 10 re-checks rounds 9-12; an edit at the top
   * edge is clipped to the chart. Nothing dirty: nothing re-checked. */
  const char *rows[] = { "AAAAAAAAAA" };
  g_autoptr(StPattern) p = sim_pattern ("custom", "AB", 14, rows, 1);
  g_autoptr(StChecker) checker = st_checker_new (NULL);
  g_autoptr(GError) error = NULL;
  guint first, last;
  gboolean full, structure, any;

  ck_assert (st_edit_resize (p, NULL, 10, 20, 0, &error));
  st_checker_check_all (checker, p);
  st_pattern_take_dirty (p, NULL, NULL, NULL);
  ck_assert_ptr_nonnull (st_checker_get_result (checker));

  st_edit_set_stitch (p, NULL, 9, 4, 1);
  any = st_pattern_take_dirty (p, &first, &last, &structure);
  st_checker_update (checker, p, any, first, last, structure);
  st_checker_last_range (checker, &first, &last, &full);
  ck_assert (!full);
  ck_assert_uint_eq (first, 8);
  ck_assert_uint_eq (last, 11);

  st_edit_set_stitch (p, NULL, 19, 4, 1);
  any = st_pattern_take_dirty (p, &first, &last, &structure);
  st_checker_update (checker, p, any, first, last, structure);
  st_checker_last_range (checker, &first, &last, &full);
  ck_assert (!full);
  ck_assert_uint_eq (first, 18);
  ck_assert_uint_eq (last, 19);

  /* A catch is a structural change of the model, but only its round is
   * re-checked. */
  sim_add_catch (p, 5, 3, 'B');
  st_checker_update (checker, p, FALSE, 0, 0, TRUE);
  st_checker_last_range (checker, &first, &last, &full);
  ck_assert (!full);
  ck_assert_uint_eq (first, 3);
  ck_assert_uint_eq (last, 6);

  any = st_pattern_take_dirty (p, &first, &last, &structure);
  st_checker_update (checker, p, FALSE, 0, 0, FALSE);
  st_checker_last_range (checker, &first, &last, &full);
  ck_assert (!full);
  ck_assert_uint_eq (first, 0);
  ck_assert_uint_eq (last, 0);

  /* A new gauge changes every limit: a full check. */
  st_edit_set_gauge (p, NULL, 20, 20, NULL);
  any = st_pattern_take_dirty (p, &first, &last, &structure);
  st_checker_update (checker, p, any, first, last, structure);
  st_checker_last_range (checker, NULL, NULL, &full);
  ck_assert (full);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sim-incremental");
  TCase *tc = tcase_create ("incremental");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_range);
  tcase_add_test (tc, test_noise);
  tcase_add_test (tc, test_sparse);
  tcase_add_test (tc, test_bands);
  tcase_add_test (tc, test_capped_rows);
  tcase_add_test (tc, test_tiny_rounds);
  tcase_add_test (tc, test_without_risk);
  tcase_add_test (tc, test_flat_panel);
  tcase_add_test (tc, test_marks_outside);
  suite_add_tcase (suite, tc);
  return st_test_run (suite);
}
