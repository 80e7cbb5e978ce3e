/* SPDX-License-Identifier: GPL-3.0-or-later
 * Knitout export: a structural check of the program (header, carriers in
 * before use and out at the end, every needle knit once per round, floats
 * routed round the tube's edges, catch tucks on needles already knit) and a
 * per-needle reconstruction of the yarns that must equal the chart.
 */
#include "export-test-util.h"

#include "st-error.h"
#include "st-export.h"
#include "st-check.h"
#include "st-instructions.h"
#include "st-knitout.h"

#define MAX_CARRIERS 10

typedef struct
{
  gboolean front;
  guint    needle;
  char     dir;
  gboolean valid;
} Position;

/* What the checker learnt from a program. */
typedef struct
{
  guint     front;              /* F: highest front needle knit */
  guint     back;               /* B */
  GPtrArray *rows;              /* per chart round: yarn keys in chart order */
  GArray    *catches;           /* StCatch found: round, chart needle, yarn index */
  guint     sweeps;             /* rounds knit as one sweep */
} Knitted;

static void
knitted_clear (Knitted *k)
{
  g_ptr_array_unref (k->rows);
  g_array_unref (k->catches);
}

/* Chart needle of a tube needle. */
static guint
chart_needle (const Knitted *k,
              gboolean       front,
              guint          needle)
{
  return front ? needle - 1 : k->front + k->back - needle;
}

/* Checks @text structurally and fills @out; @pattern gives the yarn keys. */
static void
check_program (const char      *text,
               const StPattern *pattern,
               Knitted         *out)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean declared[MAX_CARRIERS + 1] = { FALSE };
  gboolean in[MAX_CARRIERS + 1] = { FALSE };
  gboolean used_since_in[MAX_CARRIERS + 1] = { FALSE };
  char key_of_carrier[MAX_CARRIERS + 1] = { 0 };
  Position last[MAX_CARRIERS + 1] = { { 0 } };
  g_autoptr(GHashTable) knit_this_round = g_hash_table_new (NULL, NULL);   /* needle id -> carrier */
  g_autoptr(GString) current = NULL;
  int round = -1;
  gboolean closing = FALSE;
  guint width = st_pattern_needles (pattern);

  out->front = (width + 1) / 2;
  out->back = width - out->front;
  out->rows = g_ptr_array_new_with_free_func (g_free);
  out->catches = g_array_new (FALSE, FALSE, sizeof (StCatch));
  out->sweeps = 0;

  ck_assert_str_eq (lines[0], ";!knitout-2");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) tok = NULL;
      g_autofree char *code = NULL;
      const char *semi;
      guint carrier = 0;

      if (g_str_has_prefix (line, ";;Carriers:"))
        {
          g_auto(GStrv) names = g_strsplit (line + strlen (";;Carriers:"), " ", -1);

          for (guint n = 0; names[n] != NULL; n++)
            if (*names[n] != '\0')
              {
                guint c = (guint) g_ascii_strtoull (names[n], NULL, 10);

                ck_assert_uint_ge (c, 1);
                ck_assert_uint_le (c, MAX_CARRIERS);
                declared[c] = TRUE;
              }
          continue;
        }
      if (g_str_has_prefix (line, ";;Yarn-"))
        {
          guint c = (guint) g_ascii_strtoull (line + strlen (";;Yarn-"), NULL, 10);
          const char *paren = strrchr (line, '(');

          ck_assert_msg (declared[c], "Yarn-%u before its carrier is declared", c);
          ck_assert_ptr_nonnull (paren);
          key_of_carrier[c] = paren[1];
          continue;
        }
      if (g_str_has_prefix (line, "; Round "))
        {
          if (current != NULL)
            g_ptr_array_add (out->rows, g_string_free (g_steal_pointer (&current), FALSE));
          round = (int) g_ascii_strtoull (line + strlen ("; Round "), NULL, 10) - 1;
          ck_assert_int_eq (round, (int) out->rows->len);
          current = g_string_new (NULL);
          g_string_set_size (current, width);
          memset (current->str, '.', width);
          g_hash_table_remove_all (knit_this_round);
          continue;
        }
      if (g_str_has_prefix (line, "; close the tube"))
        {
          if (current != NULL)
            g_ptr_array_add (out->rows, g_string_free (g_steal_pointer (&current), FALSE));
          closing = TRUE;
          continue;
        }
      if (g_str_has_prefix (line, "; catches cross"))
        out->sweeps++;
      semi = strchr (line, ';');
      code = semi ? g_strndup (line, semi - line) : g_strdup (line);
      g_strstrip (code);
      if (*code == '\0')
        continue;
      tok = g_strsplit (code, " ", -1);

      if (g_str_equal (tok[0], "in") || g_str_equal (tok[0], "out"))
        {
          carrier = (guint) g_ascii_strtoull (tok[1], NULL, 10);
          ck_assert_msg (declared[carrier], "line %u: carrier %u is not declared", i + 1, carrier);
          if (g_str_equal (tok[0], "in"))
            {
              ck_assert_msg (!in[carrier], "line %u: carrier %u is already in", i + 1, carrier);
              in[carrier] = TRUE;
              used_since_in[carrier] = FALSE;
              last[carrier].valid = FALSE;
            }
          else
            {
              ck_assert_msg (in[carrier], "line %u: carrier %u is not in", i + 1, carrier);
              ck_assert_msg (used_since_in[carrier], "line %u: carrier %u went out unused", i + 1, carrier);
              in[carrier] = FALSE;
            }
          continue;
        }
      if (g_str_equal (tok[0], "knit") || g_str_equal (tok[0], "tuck") || g_str_equal (tok[0], "miss"))
        {
          char dir = tok[1][0];
          gboolean front = tok[2][0] == 'f';
          guint needle = (guint) g_ascii_strtoull (tok[2] + 1, NULL, 10);
          Position *p;

          carrier = (guint) g_ascii_strtoull (tok[3], NULL, 10);
          ck_assert_msg (in[carrier], "line %u: carrier %u used before 'in'", i + 1, carrier);
          ck_assert (dir == '+' || dir == '-');
          p = &last[carrier];
          /* The Kniterate carriers start on the left: a first pass goes +. */
          if (!p->valid)
            ck_assert_msg (dir == '+', "line %u: carrier %u starts with a - pass", i + 1, carrier);
          /* Floats round the edges: a carrier changes bed only at the right
           * edge (front to back) or the left edge (back to front). */
          if (p->valid && p->front && !front)
            ck_assert_msg (p->needle == out->front && p->dir == '+',
                           "line %u: carrier %u leaves the front at f%u %c", i + 1, carrier, p->needle, p->dir);
          if (p->valid && !p->front && front)
            ck_assert_msg (p->needle == 1 && p->dir == '-',
                           "line %u: carrier %u leaves the back at b%u %c", i + 1, carrier, p->needle, p->dir);
          if (!closing)
            {
              ck_assert_uint_ge (needle, 1);
              ck_assert_uint_le (needle, front ? out->front : out->back);
            }
          *p = (Position) { front, needle, dir, TRUE };
          used_since_in[carrier] = TRUE;

          if (current != NULL && !g_str_equal (tok[0], "miss"))
            {
              guint n = chart_needle (out, front, needle);
              gpointer id = GUINT_TO_POINTER (n + 1);

              ck_assert_int_eq (dir, front ? '+' : '-');
              if (g_str_equal (tok[0], "knit"))
                {
                  ck_assert_msg (current->str[n] == '.', "round %d: needle %c%u knit twice", round + 1,
                                 front ? 'f' : 'b', needle);
                  ck_assert (key_of_carrier[carrier] != 0);
                  current->str[n] = key_of_carrier[carrier];
                  g_hash_table_insert (knit_this_round, id, GUINT_TO_POINTER (carrier));
                }
              else
                {
                  guint knitter = GPOINTER_TO_UINT (g_hash_table_lookup (knit_this_round, id));
                  StCatch c = { (guint) round, n, (guint8) st_pattern_find_yarn (pattern, key_of_carrier[carrier]) };

                  ck_assert_msg (knitter != 0, "round %d: catch tuck on %c%u before it is knit", round + 1,
                                 front ? 'f' : 'b', needle);
                  ck_assert_uint_ne (knitter, carrier);
                  g_array_append_val (out->catches, c);
                }
            }
          continue;
        }
      if (g_str_equal (tok[0], "xfer") || g_str_equal (tok[0], "rack") || g_str_equal (tok[0], "drop") ||
          g_str_equal (tok[0], "x-vis-color"))
        {
          ck_assert_msg (closing || g_str_equal (tok[0], "x-vis-color"), "line %u: %s outside the closing",
                         i + 1, tok[0]);
          continue;
        }
      ck_abort_msg ("line %u: unexpected operation '%s'", i + 1, tok[0]);
    }
  ck_assert (closing);
  for (guint c = 1; c <= MAX_CARRIERS; c++)
    ck_assert_msg (!in[c], "carrier %u is still in at the end", c);
}

/* The yarn keys the machine knits per round: the chart, with duplicate
 * stitches in the round's main yarn. */
static char *
expected_row (const StPattern *pattern,
              guint            row)
{
  guint width = st_pattern_needles (pattern);
  char *keys = g_new0 (char, width + 1);
  guint8 main_yarn = st_check_round_main_yarn (pattern, row);

  for (guint n = 0; n < width; n++)
    keys[n] = pattern->yarns[st_pattern_has_duplicate_stitch (pattern, row, n)
                             ? main_yarn : st_chart_get (pattern->chart, row, n)].key;
  return keys;
}

static void
check_reproduces_chart (const StPattern *pattern,
                        const Knitted   *k)
{
  ck_assert_uint_eq (k->rows->len, st_pattern_rows (pattern));
  for (guint r = 0; r < st_pattern_rows (pattern); r++)
    {
      g_autofree char *want = expected_row (pattern, r);

      ck_assert_msg (g_str_equal (g_ptr_array_index (k->rows, r), want), "round %u: knit %s, chart %s",
                     r + 1, (char *) g_ptr_array_index (k->rows, r), want);
    }
}

static char *
knitout_of (const StPattern *pattern,
            GPtrArray       *warnings)
{
  g_autoptr(GError) error = NULL;
  char *text = st_knitout_generate (pattern, NULL, warnings, &error);

  if (text == NULL)
    ck_abort_msg ("knitout: %s", error->message);
  return text;
}

START_TEST (test_sample_hat_structure_and_colours)
{
  g_autoptr(StPattern) p = st_pattern_new_sample ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = knitout_of (p, warnings);
  Knitted k;

  ck_assert (g_str_has_prefix (text, ";!knitout-2\n;;Machine: Kniterate\n;;Carriers: 1 2 3 4 5 6\n"
                                     ";;Yarn-1: medium Cream (A, #f3ecd9)\n"
                                     ";;Yarn-2: medium Cranberry (B, #9b1b30)\n"));
  check_program (text, p, &k);
  ck_assert_uint_eq (k.front, 24);
  ck_assert_uint_eq (k.back, 24);
  check_reproduces_chart (p, &k);
  ck_assert_uint_eq (k.catches->len, 0);
  /* Carrier 2 comes in just before round 13, its first round. */
  ck_assert_ptr_nonnull (strstr (text, "; Round 13: 48 B; change to B at needle 1\nin 2\n"));
  /* The hat is for a Sentro: the knitout says it targets Kniterate. */
  ck_assert_uint_eq (warnings->len, 1);
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (warnings, 0), "Kniterate"));
  knitted_clear (&k);
}
END_TEST

/* The worked example of the domain notes (section 4): the same rounds give
 * the same passes, edge misses and catch tuck. */
START_TEST (test_reference_example_rounds)
{
  const char *rows[] = { "AABBAABB", "ABBAABBA", "BBAABBAA", "AAAAAAAB", "AAAAAAAA" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 5);
  StCatch catch = { 3, 2, 1 };
  g_autofree char *text = NULL;
  const char *round1, *round4, *round5;
  g_autofree char *block1 = NULL;
  g_autofree char *block4 = NULL;
  Knitted k;

  g_array_append_val (p->catches, catch);
  text = knitout_of (p, NULL);
  check_program (text, p, &k);
  check_reproduces_chart (p, &k);
  ck_assert_uint_eq (k.catches->len, 1);
  ck_assert_uint_eq (g_array_index (k.catches, StCatch, 0).row, 3);
  ck_assert_uint_eq (g_array_index (k.catches, StCatch, 0).needle, 2);
  ck_assert_uint_eq (g_array_index (k.catches, StCatch, 0).yarn, 1);

  round1 = strstr (text, "; Round 1:");
  round4 = strstr (text, "; Round 4:");
  round5 = strstr (text, "; Round 5:");
  ck_assert_ptr_nonnull (round1);
  block1 = g_strndup (round1, strstr (text, "; Round 2:") - round1);
  block4 = g_strndup (round4, round5 - round4);
  ck_assert_str_eq (block1,
                    "; Round 1: 2 A, 2 B, 2 A, 2 B\n"
                    "in 2\n"
                    "knit + f1 1\n"
                    "knit + f2 1\n"
                    "miss + f4 1 ;carry to the right edge before the back bed\n"
                    "knit - b4 1\n"
                    "knit - b3 1\n"
                    "miss - b1 1 ;carry to the left edge\n"
                    "knit + f3 2\n"
                    "knit + f4 2\n"
                    "knit - b2 2\n"
                    "knit - b1 2\n");
  ck_assert_str_eq (block4,
                    "; Round 4: 7 A, 1 B; catch B at needle 3\n"
                    "knit + f1 1\n"
                    "knit + f2 1\n"
                    "knit + f3 1\n"
                    "knit + f4 1\n"
                    "knit - b4 1\n"
                    "knit - b3 1\n"
                    "knit - b2 1\n"
                    "miss - b1 1 ;carry to the left edge\n"
                    "tuck + f3 2 ;catch\n"
                    "miss + f4 2 ;carry to the right edge before the back bed\n"
                    "knit - b1 2\n"
                    "out 2\n");
  /* Cast-on: carrier 1 in, then every other needle round the tube. */
  ck_assert_ptr_nonnull (strstr (text, "in 1\ntuck + f1 1\ntuck + f3 1\nmiss + f4 1\ntuck - b4 1\ntuck - b2 1\n"
                                       "miss - b1 1\ntuck + f2 1\ntuck + f4 1\ntuck - b3 1\ntuck - b1 1\n"));
  /* Closing: back loops to the front, then the chain bind-off and out. */
  ck_assert_ptr_nonnull (strstr (text, "xfer b1 f1\nxfer b2 f2\nxfer b3 f3\nxfer b4 f4\n"));
  ck_assert_ptr_nonnull (strstr (text, "knit + f1 1\nxfer f1 b1\nrack 1\nxfer b1 f2\nrack 0\n"));
  ck_assert (g_str_has_suffix (text, "out 1\ndrop f4\n"));
  knitted_clear (&k);
}
END_TEST

START_TEST (test_three_yarns_odd_width_crossed_catches)
{
  const char *rows[] = {
    "AAAAAAAAAAA",
    "AAAAABBBBBB",
    "ABCABCABCAB",
    "CCCCCCCCCCC",
    "AAAAAAAAAAA",
  };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABC", rows, 5);
  /* Round 2: B catches on A's needle 3 and A on B's needle 8, a cycle;
   * round 4: A and B catch on C's stitches. */
  StCatch catches[] = { { 1, 2, 1 }, { 1, 7, 0 }, { 3, 4, 0 }, { 3, 9, 1 } };
  StStitchRef dup = { 2, 1 };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  Knitted k;

  g_array_append_vals (p->catches, catches, G_N_ELEMENTS (catches));
  g_array_append_val (p->duplicate_stitches, dup);
  st_pattern_sort_marks (p);
  text = knitout_of (p, warnings);
  check_program (text, p, &k);
  ck_assert_uint_eq (k.front, 6);
  ck_assert_uint_eq (k.back, 5);
  check_reproduces_chart (p, &k);
  /* Round 3 knits the duplicate stitch (needle 2, B) in A, the main yarn. */
  ck_assert_str_eq (g_ptr_array_index (k.rows, 2), "AACABCABCAB");
  ck_assert_uint_eq (k.catches->len, 4);
  ck_assert_uint_eq (k.sweeps, 1);
  ck_assert_ptr_nonnull (strstr (text, "; round 3: duplicate stitch at needle 2 is knit in A; embroider it in B afterwards\n"));
  ck_assert_ptr_nonnull (strstr (text, ";;Yarn-3: medium Yarn C (C, #1b4f9b)\n"));
  /* Custom machine (a warning), duplicate stitch (a warning). */
  ck_assert_uint_eq (warnings->len, 2);
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (warnings, 1), "1 duplicate stitch is knit in the round's main yarn; embroider it afterwards"));
  knitted_clear (&k);
}
END_TEST

START_TEST (test_catch_on_own_yarn_is_left_out_with_warning)
{
  const char *rows[] = { "AAAABBBB", "AAAABBBB" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "AB", rows, 2);
  StCatch catch = { 1, 1, 0 };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  Knitted k;

  g_array_append_val (p->catches, catch);
  text = knitout_of (p, warnings);
  check_program (text, p, &k);
  ck_assert_uint_eq (k.catches->len, 0);
  ck_assert_uint_eq (warnings->len, 2);
  ck_assert_str_eq (g_ptr_array_index (warnings, 1),
                    "round 2, needle 2: the catch of A is on a stitch knit in A itself, so there is no float to "
                    "catch there; the knitout leaves it out");
  knitted_clear (&k);
}
END_TEST

START_TEST (test_refuses_what_the_target_cannot_knit)
{
  const char *seven[] = { "ABCDEFG" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABCDEFG", seven, 1);
  g_autoptr(StPattern) wide = NULL;
  g_autoptr(StPattern) one = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = g_strnfill (600, 'A');
  const char *wide_rows[] = { row };
  const char *one_row[] = { "A" };

  text = st_knitout_generate (p, NULL, NULL, &error);
  ck_assert_ptr_null (text);
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED));
  ck_assert_str_eq (error->message, "the pattern knits 7 yarns but Kniterate has 6 carriers; "
                                    "merge yarns until at most 6 are left");
  g_clear_error (&error);

  wide = st_test_pattern ("custom", "A", wide_rows, 1);
  ck_assert_ptr_null (st_knitout_generate (wide, NULL, NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED));
  ck_assert_str_eq (error->message, "a round of 600 stitches needs 300 needles on each bed, but Kniterate has 252");
  g_clear_error (&error);

  ck_assert_ptr_null (st_knitout_generate (p, st_profiles_lookup ("sentro-48"), NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED));
  ck_assert_ptr_nonnull (strstr (error->message, "sentro-48 has no yarn carriers"));
  g_clear_error (&error);

  one = st_test_pattern ("custom", "A", one_row, 1);
  ck_assert_ptr_null (st_knitout_generate (one, NULL, NULL, &error));
  ck_assert (g_error_matches (error, ST_ERROR, ST_ERROR_UNSUPPORTED));
}
END_TEST

START_TEST (test_cli_exit_codes)
{
  g_autofree char *dir = st_test_tmpdir ();
  g_autofree char *seven = g_build_filename (dir, "seven.stranded", NULL);
  g_autofree char *out = g_build_filename (dir, "seven.k", NULL);
  g_autofree char *hat_k = g_build_filename (dir, "hat.k", NULL);
  g_autofree char *sample = export_sample_path ();
  const char *rows[] = { "ABCDEFG" };
  g_autoptr(StPattern) p = st_test_pattern ("custom", "ABCDEFG", rows, 1);
  g_autofree char *hat_text = NULL;
  g_autoptr(StPattern) hat = st_pattern_new_sample ();
  g_autofree char *expected = knitout_of (hat, NULL);
  ExportRun run;

  ck_assert (st_pattern_save_file (p, seven, NULL));
  run = export_run_cli ("export", seven, "--format", "knitout", "-o", out, NULL);
  ck_assert_int_eq (run.status, 1);
  ck_assert_ptr_nonnull (strstr (run.err, "7 yarns but Kniterate has 6 carriers"));
  ck_assert (!g_file_test (out, G_FILE_TEST_EXISTS));
  export_run_clear (&run);

  /* The extension picks the format; the target warning goes to stderr. */
  run = export_run_cli ("export", sample, "-o", hat_k, NULL);
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.err, "warning: the pattern is for Sentro 48-needle"));
  ck_assert (g_file_get_contents (hat_k, &hat_text, NULL, NULL));
  ck_assert_str_eq (hat_text, expected);
  export_run_clear (&run);

  run = export_run_cli ("export", sample, "--format", "knitout", "--machine", "nope", NULL);
  ck_assert_int_eq (run.status, 2);
  export_run_clear (&run);
  run = export_run_cli ("export", sample, "--format", "pdf", "--machine", "kniterate", NULL);
  ck_assert_int_eq (run.status, 2);
  ck_assert_ptr_nonnull (strstr (run.err, "--machine applies to knitout only"));
  export_run_clear (&run);
  export_rmtree (dir);
}
END_TEST

static Suite *
knitout_suite (void)
{
  Suite *s = suite_create ("export-knitout");
  TCase *tc = tcase_create ("knitout");

  tcase_add_test (tc, test_sample_hat_structure_and_colours);
  tcase_add_test (tc, test_reference_example_rounds);
  tcase_add_test (tc, test_three_yarns_odd_width_crossed_catches);
  tcase_add_test (tc, test_catch_on_own_yarn_is_left_out_with_warning);
  tcase_add_test (tc, test_refuses_what_the_target_cannot_knit);
  tcase_add_test (tc, test_cli_exit_codes);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (knitout_suite ());
}
