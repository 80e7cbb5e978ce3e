/* SPDX-License-Identifier: GPL-3.0-or-later
 * sim-test-util.h: helpers for the checker suites (header-only, like
 * st-test-util.h).
 */
#pragma once

#include "st-check.h"
#include "st-test-util.h"

/* The stored findings of @rule (any severity), in knitting order. */
static inline GArray *
sim_findings (const StCheckResult *result,
              StCheckRule          rule)
{
  g_autoptr(GArray) all = st_check_result_all_findings (result);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));

  for (guint i = 0; i < all->len; i++)
    if (g_array_index (all, StCheckFinding, i).rule == rule)
      g_array_append_val (out, g_array_index (all, StCheckFinding, i));
  return out;
}

static inline guint64
sim_count (const StCheckResult *result,
           StCheckRule          rule)
{
  guint64 n = 0;

  for (guint s = 0; s < ST_SEVERITY_N; s++)
    n += st_check_result_count (result, rule, s);
  return n;
}

/* Asserts one finding's place (1-based, as a knitter reads it), yarn key
 * ('-' for none), severity and length. */
#define sim_assert_finding(f, sev, round1, needle1, key, len)                              \
  G_STMT_START                                                                          \
  {                                                                                     \
    const StCheckFinding *f_ = (f);                                                     \
    ck_assert_int_eq (f_->severity, (sev));                                             \
    ck_assert_uint_eq (f_->row + 1, (round1));                                          \
    ck_assert_uint_eq (f_->needle + 1, (needle1));                                      \
    if ((key) == '-')                                                                   \
      ck_assert_int_eq (f_->yarn, ST_CHECK_NO_YARN);                                    \
    else                                                                                \
      ck_assert_int_eq (f_->yarn, (key) - 'A');                                         \
    ck_assert_uint_eq (f_->length_stitches, (len));                                     \
  }                                                                                     \
  G_STMT_END

/* A pattern from row strings (keys A, B, C... in order) on @profile_id at
 * @stitches per 10 cm. */
static inline StPattern *
sim_pattern (const char        *profile_id,
             const char        *keys,
             double             stitches,
             const char *const *rows,
             guint              n_rows)
{
  StPattern *p = st_test_pattern (profile_id, keys, rows, n_rows);

  p->stitches_per_10cm = stitches;
  return p;
}

static inline void
sim_add_catch (StPattern *p,
               guint      round1,
               guint      needle1,
               char       key)
{
  StCatch c = { round1 - 1, needle1 - 1, (guint8) st_pattern_find_yarn (p, key) };

  g_array_append_val (p->catches, c);
  st_pattern_sort_marks (p);
}
