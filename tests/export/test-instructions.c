/* SPDX-License-Identifier: GPL-3.0-or-later
 * The written instructions: runs in knitting order, colour-change prompts
 * on one-feed machines, catches and duplicate stitches in the right rounds,
 * and the same words in the CLI, txt and PDF. Hand-worked examples.
 */
#include "export-test-util.h"

#include "st-export.h"
#include "st-check.h"
#include "st-instructions.h"

static StPattern *
pattern_with_feeds (guint               feeds,
                    StProfile         **profile,
                    const char         *keys,
                    const char *const  *rows,
                    guint               n_rows)
{
  StPattern *pattern = st_test_pattern ("custom", keys, rows, n_rows);

  *profile = export_test_profile (feeds);
  pattern->profile = *profile;
  return pattern;
}

static char *
round_text (const StPattern *pattern,
            guint            row)
{
  g_autoptr(StRoundInstructions) round = st_round_instructions_new (pattern, row);

  return g_strdup (round->text);
}

START_TEST (test_runs_and_changes_one_feed)
{
  const char *rows[] = { "AAABBAAAAAAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (1, &profile, "AB", rows, 1);
  g_autoptr(StRoundInstructions) round = st_round_instructions_new (p, 0);

  ck_assert_str_eq (round->text, "Round 1: 3 A, 2 B, 7 A; change to B at needle 4, change to A at needle 6");
  ck_assert_uint_eq (round->row, 0);
  ck_assert_uint_eq (round->main_yarn, 0);
  ck_assert_uint_eq (round->n_runs, 3);
  ck_assert_uint_eq (round->runs[0].first_needle, 0);
  ck_assert_uint_eq (round->runs[0].count, 3);
  ck_assert_uint_eq (round->runs[0].yarn, 0);
  ck_assert_uint_eq (round->runs[1].first_needle, 3);
  ck_assert_uint_eq (round->runs[1].count, 2);
  ck_assert_uint_eq (round->runs[1].yarn, 1);
  ck_assert_uint_eq (round->runs[2].first_needle, 5);
  ck_assert_uint_eq (round->runs[2].count, 7);
  ck_assert_uint_eq (round->n_changes, 2);
  ck_assert_uint_eq (round->changes[0].needle, 3);
  ck_assert_uint_eq (round->changes[0].from_yarn, 0);
  ck_assert_uint_eq (round->changes[0].to_yarn, 1);
  ck_assert_uint_eq (round->changes[1].needle, 5);
  ck_assert_uint_eq (round->changes[1].to_yarn, 0);
  ck_assert_uint_eq (round->n_catches, 0);
  ck_assert_uint_eq (round->n_duplicates, 0);
  ck_assert (st_instructions_prompt_changes (p));
  st_profile_free (profile);
}
END_TEST

START_TEST (test_two_feeds_have_no_prompts)
{
  const char *rows[] = { "AAABBAAAAAAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (2, &profile, "AB", rows, 1);
  g_autoptr(StRoundInstructions) round = st_round_instructions_new (p, 0);

  ck_assert_str_eq (round->text, "Round 1: 3 A, 2 B, 7 A");
  ck_assert_uint_eq (round->n_changes, 0);
  ck_assert (!st_instructions_prompt_changes (p));
  st_profile_free (profile);
}
END_TEST

START_TEST (test_changes_continue_across_rounds)
{
  const char *rows[] = { "AAAB", "BBAA", "AAAA", "BBBB" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (1, &profile, "AB", rows, 4);
  g_autoptr(StRoundInstructions) last = st_round_instructions_new (p, 3);
  g_autofree char *r1 = round_text (p, 0);
  g_autofree char *r2 = round_text (p, 1);
  g_autofree char *r3 = round_text (p, 2);

  /* Round 1 starts the yarn; round 2 goes on in B from round 1's last
   * stitch; round 3 goes on in A; round 4 starts in B. */
  ck_assert_str_eq (r1, "Round 1: 3 A, 1 B; change to B at needle 4");
  ck_assert_str_eq (r2, "Round 2: 2 B, 2 A; change to A at needle 3");
  ck_assert_str_eq (r3, "Round 3: 4 A");
  ck_assert_str_eq (last->text, "Round 4: 4 B; change to B at needle 1");
  ck_assert_uint_eq (last->n_changes, 1);
  ck_assert_uint_eq (last->changes[0].needle, 0);
  ck_assert_uint_eq (last->changes[0].from_yarn, 0);
  ck_assert_uint_eq (last->changes[0].to_yarn, 1);
  st_profile_free (profile);
}
END_TEST

START_TEST (test_catches_in_their_rounds)
{
  const char *rows[] = { "AAAAAAAAAAAA", "BAAAAAAAAAAB", "BBBBBBAAAAAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (2, &profile, "AB", rows, 3);
  StCatch catches[] = { { 1, 8, 1 }, { 2, 0, 0 }, { 1, 2, 1 } };
  g_autoptr(StRoundInstructions) r2 = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *r3 = NULL;

  g_array_append_vals (p->catches, catches, G_N_ELEMENTS (catches));
  st_pattern_sort_marks (p);
  r1 = round_text (p, 0);
  r2 = st_round_instructions_new (p, 1);
  r3 = round_text (p, 2);
  ck_assert_str_eq (r1, "Round 1: 12 A");
  ck_assert_str_eq (r2->text, "Round 2: 1 B, 10 A, 1 B; catch B at needle 3, catch B at needle 9");
  ck_assert_uint_eq (r2->n_catches, 2);
  ck_assert_uint_eq (r2->catches[0].needle, 2);
  ck_assert_uint_eq (r2->catches[1].needle, 8);
  ck_assert_uint_eq (r2->catches[1].yarn, 1);
  ck_assert_str_eq (r3, "Round 3: 6 B, 6 A; catch A at needle 1");
  st_profile_free (profile);
}
END_TEST

START_TEST (test_duplicate_stitches_knit_in_main_yarn)
{
  const char *rows[] = { "AABAAAAA", "ABBAAAAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (1, &profile, "AB", rows, 2);
  StStitchRef dups[] = { { 0, 2 }, { 1, 1 }, { 1, 2 } };
  g_autoptr(StRoundInstructions) r1 = NULL;
  g_autoptr(StRoundInstructions) r2 = NULL;
  g_autofree char *list = NULL;

  g_array_append_vals (p->duplicate_stitches, dups, G_N_ELEMENTS (dups));
  st_pattern_sort_marks (p);
  r1 = st_round_instructions_new (p, 0);
  r2 = st_round_instructions_new (p, 1);

  /* Knit all in A (no colour change), embroider B afterwards. */
  ck_assert_str_eq (r1->text, "Round 1: 8 A; duplicate stitch B at needle 3");
  ck_assert_uint_eq (r1->n_changes, 0);
  ck_assert_uint_eq (r1->n_duplicates, 1);
  ck_assert_uint_eq (r1->duplicates[0].needle, 2);
  ck_assert_uint_eq (r1->duplicates[0].yarn, 1);
  ck_assert_uint_eq (r1->duplicates[0].knit_yarn, 0);
  ck_assert_str_eq (r2->text, "Round 2: 8 A; duplicate stitch B at needle 2, duplicate stitch B at needle 3");
  ck_assert_uint_eq (st_check_round_main_yarn (p, 1), 0);

  list = st_instructions_duplicates_text (p);
  ck_assert_str_eq (list, "Round 1, needle 3: B Yarn B over A Yarn A\n"
                          "Round 2, needle 2: B Yarn B over A Yarn A\n"
                          "Round 2, needle 3: B Yarn B over A Yarn A\n");
  st_profile_free (profile);
}
END_TEST

START_TEST (test_main_yarn_ties_and_counts)
{
  /* The chart row counts, duplicate stitches in their charted yarn; ties
   * go to the yarn listed first. */
  const char *rows[] = { "BBAA", "ABBB", "ABCC" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (2, &profile, "ABC", rows, 3);
  StStitchRef dup = { 1, 2 };

  g_array_append_val (p->duplicate_stitches, dup);
  ck_assert_uint_eq (st_check_round_main_yarn (p, 0), 0);
  ck_assert_uint_eq (st_check_round_main_yarn (p, 1), 1);
  ck_assert_uint_eq (st_check_round_main_yarn (p, 2), 2);
  st_profile_free (profile);
}
END_TEST

START_TEST (test_describe_for_knit_along)
{
  const char *rows[] = { "AAABBAAAAAAA", "ABAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (1, &profile, "AB", rows, 1);
  g_autoptr(StPattern) q = st_test_pattern ("custom", "AB", rows + 1, 1);
  g_autoptr(StRoundInstructions) round = st_round_instructions_new (p, 0);
  g_autoptr(StRoundInstructions) other = st_round_instructions_new (q, 0);
  g_autofree char *words = st_round_instructions_describe (p, round);
  g_autofree char *single = st_round_instructions_describe (q, other);

  ck_assert_str_eq (words, "needles 1-3 Yarn A, 4-5 Yarn B, 6-12 Yarn A");
  ck_assert_str_eq (single, "needles 1 Yarn A, 2 Yarn B, 3-4 Yarn A");
  st_profile_free (profile);
}
END_TEST

START_TEST (test_sample_hat_rounds)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autofree char *text = st_instructions_rounds_text (p, 0);
  g_autofree char *last = st_instructions_rounds_text (p, 59);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(StRoundInstructions) r18 = st_round_instructions_new (p, 17);

  ck_assert_uint_eq (g_strv_length (lines), 61);   /* 60 rounds and the empty tail */
  ck_assert_str_eq (lines[0], "Round 1: 48 A");
  ck_assert_str_eq (lines[12], "Round 13: 48 B; change to B at needle 1");
  ck_assert_str_eq (lines[13], "Round 14: 48 B");
  ck_assert_str_eq (lines[14], "Round 15: 48 A; change to A at needle 1");
  ck_assert (g_str_has_prefix (lines[17], "Round 18: 3 A, 1 B, 5 A, 1 B, 5 A, 1 B,"));
  ck_assert (g_str_has_prefix (lines[17] + strlen ("Round 18: 3 A, 1 B, 5 A, 1 B, 5 A, 1 B, 5 A, 1 B, 5 A, "
                                                   "1 B, 5 A, 1 B, 5 A, 1 B, 5 A, 1 B, 2 A"),
                               "; change to A at needle 1, change to B at needle 4,"));
  /* 17 runs: 16 changes inside the round and one at needle 1, because
   * round 17 ends in B. */
  ck_assert_uint_eq (r18->n_runs, 17);
  ck_assert_uint_eq (r18->n_changes, 17);
  ck_assert_str_eq (last, "Round 60: 48 A\n");
}
END_TEST

START_TEST (test_same_words_in_txt_and_cli)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autofree char *path = export_sample_path ();
  g_autofree char *rounds = st_instructions_rounds_text (p, 0);
  g_autofree char *whole = st_instructions_to_text (p);
  g_autoptr(GBytes) txt = NULL;
  g_autoptr(GError) error = NULL;
  StExportOptions options;
  ExportRun run;
  g_autofree char *from13 = NULL;

  st_export_options_init (&options, ST_EXPORT_TXT);
  txt = st_export_to_bytes (p, &options, NULL, &error);
  ck_assert_ptr_nonnull (txt);
  ck_assert_uint_eq (g_bytes_get_size (txt), strlen (whole));
  ck_assert (memcmp (g_bytes_get_data (txt, NULL), whole, strlen (whole)) == 0);
  ck_assert_ptr_nonnull (strstr (whole, rounds));
  ck_assert (g_str_has_prefix (whole, "Fair Isle band hat\nMachine: Sentro 48-needle (sentro-48)\n"));
  ck_assert_ptr_nonnull (strstr (whole, "Yarns: A Cream (#f3ecd9, 4 medium, acrylic), "
                                        "B Cranberry (#9b1b30, 4 medium, acrylic)\n"));

  run = export_run_cli ("instructions", path, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, rounds);
  export_run_clear (&run);

  run = export_run_cli ("export", path, "--format", "txt", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, whole);
  export_run_clear (&run);

  from13 = st_instructions_rounds_text (p, 12);
  run = export_run_cli ("instructions", path, "--from-row", "13", NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, from13);
  ck_assert (g_str_has_prefix (run.out, "Round 13: 48 B; change to B at needle 1\nRound 14: 48 B\n"));
  export_run_clear (&run);
}
END_TEST

/* The knitout's comments use the English text, and the PDF takes how to
 * read the rounds from the end of the txt header; under LANGUAGE=C both
 * are the user's text. */
START_TEST (test_english_text_and_reading_lines)
{
  const char *rows[] = { "AABAAAAA", "ABBAAAAA" };
  StProfile *profile;
  g_autoptr(StPattern) p = pattern_with_feeds (1, &profile, "AB", rows, 2);
  g_autoptr(StRoundInstructions) round = NULL;
  g_autofree char *english = NULL;
  g_autofree char *header = NULL;
  g_autofree char *reading = NULL;
  g_auto(GStrv) lines = NULL;
  StCatch catch = { 1, 5, 1 };
  StStitchRef dup = { 0, 2 };

  g_array_append_val (p->catches, catch);
  g_array_append_val (p->duplicate_stitches, dup);
  round = st_round_instructions_new (p, 1);
  english = st_round_instructions_english_text (p, round);
  ck_assert_str_eq (english, round->text);
  ck_assert_str_eq (english, "Round 2: 1 A, 2 B, 5 A; change to B at needle 2, change to A at needle 4; "
                             "catch B at needle 6");

  header = st_instructions_header_text (p);
  reading = st_instructions_reading_text (p);
  ck_assert (g_str_has_suffix (header, reading));
  lines = g_strsplit (reading, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 6);
  ck_assert (g_str_has_prefix (lines[0], "Yarns: A Yarn A ("));
  ck_assert (g_str_has_prefix (lines[1], "Each round runs from needle 1 to needle 8;"));
  ck_assert (g_str_has_prefix (lines[2], "This machine has one yarn feed:"));
  ck_assert (g_str_has_prefix (lines[3], "\"catch B at needle 9\":"));
  ck_assert (g_str_has_prefix (lines[4], "\"duplicate stitch B at needle 5\":"));
  ck_assert_str_eq (lines[5], "");
  st_profile_free (profile);
}
END_TEST

START_TEST (test_cli_instructions_errors)
{
  g_autofree char *path = export_sample_path ();
  ExportRun run = export_run_cli ("instructions", path, "--from-row", "61", NULL);

  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--from-row 61 is outside 1 to 60"));
  export_run_clear (&run);
  run = export_run_cli ("instructions", path, "--from-row", "0", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
  run = export_run_cli ("instructions", "/nonexistent/hat.stranded", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "hat.stranded"));
  export_run_clear (&run);
  run = export_run_cli ("instructions", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
}
END_TEST

static Suite *
instructions_suite (void)
{
  Suite *s = suite_create ("export-instructions");
  TCase *tc = tcase_create ("instructions");

  tcase_add_test (tc, test_runs_and_changes_one_feed);
  tcase_add_test (tc, test_two_feeds_have_no_prompts);
  tcase_add_test (tc, test_changes_continue_across_rounds);
  tcase_add_test (tc, test_catches_in_their_rounds);
  tcase_add_test (tc, test_duplicate_stitches_knit_in_main_yarn);
  tcase_add_test (tc, test_main_yarn_ties_and_counts);
  tcase_add_test (tc, test_describe_for_knit_along);
  tcase_add_test (tc, test_sample_hat_rounds);
  tcase_add_test (tc, test_same_words_in_txt_and_cli);
  tcase_add_test (tc, test_english_text_and_reading_lines);
  tcase_add_test (tc, test_cli_instructions_errors);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (instructions_suite ());
}
