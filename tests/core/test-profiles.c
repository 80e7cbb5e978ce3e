/* SPDX-License-Identifier: GPL-3.0-or-later
 * Machine profiles: the shipped data, and how patterns must fit them.
 */
#include "st-error.h"
#include "st-test-util.h"

typedef struct
{
  const char    *id;
  guint          needles;
  StMachineKind  kind;
  gboolean       circular;
  const char    *protocol;
} ExpectedProfile;

static const ExpectedProfile expected[] = {
  { "sentro-22", 22, ST_MACHINE_HOBBY_CRANK, TRUE, NULL },
  { "sentro-40", 40, ST_MACHINE_HOBBY_CRANK, TRUE, NULL },
  { "sentro-48", 48, ST_MACHINE_HOBBY_CRANK, TRUE, NULL },
  { "addi-22", 22, ST_MACHINE_HOBBY_CRANK, TRUE, NULL },
  { "addi-46", 46, ST_MACHINE_HOBBY_CRANK, TRUE, NULL },
  { "csm-54", 54, ST_MACHINE_SOCK, TRUE, NULL },
  { "csm-60", 60, ST_MACHINE_SOCK, TRUE, NULL },
  { "csm-72", 72, ST_MACHINE_SOCK, TRUE, NULL },
  { "brother-kh9xx", 200, ST_MACHINE_FLATBED, FALSE, "ayab" },
  { "brother-kh270", 112, ST_MACHINE_FLATBED, FALSE, "ayab" },
  { "kniterate", 252, ST_MACHINE_VBED, FALSE, NULL },
  { "custom", 0, ST_MACHINE_CUSTOM, TRUE, "circular" },
};

START_TEST (test_shipped_profiles)
{
  const ExpectedProfile *e = &expected[_i];
  const StProfile *p = st_profiles_lookup (e->id);

  ck_assert_msg (p != NULL, "profile %s missing", e->id);
  ck_assert_uint_eq (p->needles, e->needles);
  ck_assert_int_eq (p->kind, e->kind);
  ck_assert_int_eq (p->circular, e->circular);
  ck_assert_str_eq (p->protocol ? p->protocol : "", e->protocol ? e->protocol : "");
  ck_assert_uint_ge (p->feeds, 1);
  ck_assert_uint_ge (p->max_colors, 1);
  ck_assert_uint_le (p->weight_min, p->weight_max);
  ck_assert (p->stitches_per_10cm > 5 && p->stitches_per_10cm < 60);
  ck_assert (p->rows_per_10cm > 5 && p->rows_per_10cm < 80);
  /* Defaults are estimates and say so. */
  ck_assert_ptr_nonnull (p->gauge_note);
  ck_assert_ptr_nonnull (strstr (p->gauge_note, "swatch"));
}
END_TEST

START_TEST (test_registry_complete_and_unique)
{
  GPtrArray *all = st_profiles_get_all ();

  ck_assert_uint_eq (all->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      ck_assert_str_ne (((StProfile *) all->pdata[i])->id, ((StProfile *) all->pdata[j])->id);
  /* Custom comes last in menus. */
  ck_assert_str_eq (((StProfile *) all->pdata[all->len - 1])->id, "custom");
  ck_assert_ptr_null (st_profiles_lookup ("nonexistent"));
}
END_TEST

START_TEST (test_hobby_machines_are_one_feed)
{
  ck_assert_uint_eq (st_profiles_lookup ("sentro-48")->feeds, 1);
  ck_assert_uint_eq (st_profiles_lookup ("addi-46")->feeds, 1);
  /* The Sentro wants a medium, not a bulky, yarn. */
  ck_assert_uint_eq (st_profiles_lookup ("sentro-48")->weight_max, ST_WEIGHT_MEDIUM);
  ck_assert_uint_eq (st_profiles_lookup ("kniterate")->carriers, 6);
}
END_TEST

START_TEST (test_widths)
{
  g_autoptr(GError) error = NULL;
  const StProfile *kh = st_profiles_lookup ("brother-kh9xx");
  const StProfile *kn = st_profiles_lookup ("kniterate");
  const StProfile *custom = st_profiles_lookup ("custom");

  ck_assert (st_profile_check_width (kh, 60, NULL));
  ck_assert (st_profile_check_width (kh, 200, NULL));
  ck_assert (!st_profile_check_width (kh, 201, &error));
  ck_assert_str_eq (error->message, "201 stitches do not fit brother-kh9xx, which knits at most 200");
  g_clear_error (&error);
  ck_assert_uint_eq (st_profile_max_width (kn), 504);
  ck_assert (st_profile_check_width (kn, 504, NULL));
  ck_assert (st_profile_check_width (custom, 1024, NULL));
  ck_assert (!st_profile_check_width (custom, 1025, NULL));
}
END_TEST

START_TEST (test_new_pattern_from_profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) p = st_pattern_new (st_profiles_lookup ("csm-60"), 0, 80, &error);
  g_autoptr(StPattern) q = NULL;

  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (st_pattern_needles (p), 60);
  ck_assert_uint_eq (st_pattern_rows (p), 80);
  ck_assert_double_eq_tol (p->stitches_per_10cm, 33.5, 1e-9);
  /* The default yarns are clamped to the machine's weight range. */
  ck_assert_uint_le (p->yarns[0].weight, st_profiles_lookup ("csm-60")->weight_max);
  ck_assert (st_pattern_validate (p, NULL));
  ck_assert_double_eq_tol (st_pattern_stitch_width_mm (p), 100 / 33.5, 1e-9);

  q = st_pattern_new (st_profiles_lookup ("custom"), 0, 10, &error);
  ck_assert_ptr_null (q);
  ck_assert_ptr_nonnull (strstr (error->message, "give the stitches per round"));
}
END_TEST

START_TEST (test_bad_profile_document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StProfile) p = st_profile_parse ("{\"id\":\"x\",\"name\":\"X\",\"kind\":\"loom\"}",
                                              "x.json", &error);

  ck_assert_ptr_null (p);
  ck_assert_str_eq (error->message, "x.json: circular: missing");
}
END_TEST

static Suite *
profiles_suite (void)
{
  Suite *s = suite_create ("profiles");
  TCase *tc = tcase_create ("profiles");

  tcase_add_loop_test (tc, test_shipped_profiles, 0, G_N_ELEMENTS (expected));
  tcase_add_test (tc, test_registry_complete_and_unique);
  tcase_add_test (tc, test_hobby_machines_are_one_feed);
  tcase_add_test (tc, test_widths);
  tcase_add_test (tc, test_new_pattern_from_profile);
  tcase_add_test (tc, test_bad_profile_document);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return st_test_run (profiles_suite ());
}
