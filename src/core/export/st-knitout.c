/* SPDX-License-Identifier: GPL-3.0-or-later
 * The knitout file itself, comments included, is machine-readable and stays
 * English; only the errors and warnings are translated.
 */
#include "config.h"

#include "st-knitout.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "st-check.h"
#include "st-error.h"
#include "st-export-private.h"
#include "st-instructions.h"

#define NO_CARRIER 0

typedef struct
{
  guint    needle;   /* 1-based on its bed */
  gboolean front;
  gboolean tuck;     /* a catch; else a knit */
} Op;

typedef struct
{
  GString         *out;
  const StPattern *pattern;
  guint            width;
  guint            front;            /* F: front needles f1..fF */
  guint            back;             /* B: back needles b1..bB */
  guint            carrier[ST_MAX_YARNS];  /* 1-based carrier per yarn, 0 unused */
  gboolean         in[ST_MAX_YARNS + 1];   /* by carrier */
} Knitout;

const StProfile *
st_knitout_default_target (const StPattern *pattern)
{
  if (pattern->profile != NULL && pattern->profile->carriers > 0)
    return pattern->profile;
  return st_profiles_lookup ("kniterate");
}

/* Chart needle @n (0-based) on the tube. */
static void
tube_needle (const Knitout *k,
             guint          n,
             gboolean      *front,
             guint         *needle)
{
  *front = n < k->front;
  *needle = n < k->front ? n + 1 : k->width - n;
}

static void
emit (Knitout    *k,
      const char *op,
      gboolean    plus,
      gboolean    front,
      guint       needle,
      guint       carrier)
{
  g_string_append_printf (k->out, "%s %c %c%u %u\n", op, plus ? '+' : '-', front ? 'f' : 'b', needle, carrier);
}

/* A knit, or a catch tuck (marked in a comment). */
static void
emit_op (Knitout  *k,
         const Op *op,
         guint     carrier)
{
  if (op->tuck)
    g_string_append_printf (k->out, "tuck %c %c%u %u ;catch\n", op->front ? '+' : '-', op->front ? 'f' : 'b',
                            op->needle, carrier);
  else
    emit (k, "knit", op->front, op->front, op->needle, carrier);
}

/* Front ops left to right, a miss to the right edge, back ops right to
 * left, a miss to the left edge: the carrier goes once round the tube and
 * changes bed only at the edges. */
static void
emit_carrier_round (Knitout      *k,
                    guint         carrier,
                    const GArray *front_ops,
                    const GArray *back_ops)
{
  gboolean at_right = FALSE, at_left = FALSE;

  for (guint i = 0; i < front_ops->len; i++)
    {
      const Op *op = &g_array_index (front_ops, Op, i);

      emit_op (k, op, carrier);
      at_right = op->needle == k->front;
    }
  if (!at_right)
    g_string_append_printf (k->out, "miss + f%u %u ;carry to the right edge before the back bed\n",
                            k->front, carrier);
  for (guint i = 0; i < back_ops->len; i++)
    {
      const Op *op = &g_array_index (back_ops, Op, i);

      emit_op (k, op, carrier);
      at_left = op->needle == 1;
    }
  if (!at_left)
    g_string_append_printf (k->out, "miss - b1 %u ;carry to the left edge\n", carrier);
}

/* Orders the carriers so each catch tucks on a needle its knitter has
 * already knit this round. Returns FALSE on a cycle. */
static gboolean
order_carriers (guint          n_carriers,
                gboolean       after[][ST_MAX_YARNS + 1],
                const gboolean *active,
                guint         *order,
                guint         *n_order)
{
  gboolean placed[ST_MAX_YARNS + 1] = { FALSE };
  guint want = 0;

  *n_order = 0;
  for (guint c = 1; c <= n_carriers; c++)
    want += active[c] ? 1 : 0;
  while (*n_order < want)
    {
      guint pick = 0;

      for (guint c = 1; c <= n_carriers && pick == 0; c++)
        {
          gboolean ready = active[c] && !placed[c];

          for (guint d = 1; d <= n_carriers && ready; d++)
            if (after[c][d] && active[d] && !placed[d])
              ready = FALSE;
          if (ready)
            pick = c;
        }
      if (pick == 0)
        return FALSE;
      placed[pick] = TRUE;
      order[(*n_order)++] = pick;
    }
  return TRUE;
}

static void
knit_round (Knitout   *k,
            guint      row,
            GPtrArray *warnings)
{
  const StPattern *p = k->pattern;
  g_autoptr(StRoundInstructions) round = st_round_instructions_new (p, row);
  g_autofree guint8 *knit = g_new (guint8, k->width);
  g_autofree guint *knitter = g_new0 (guint, k->width);   /* carrier knitting each needle */
  g_autofree char *text = NULL;
  GArray *front_ops[ST_MAX_YARNS + 1], *back_ops[ST_MAX_YARNS + 1];
  gboolean active[ST_MAX_YARNS + 1] = { FALSE };
  gboolean after[ST_MAX_YARNS + 1][ST_MAX_YARNS + 1];
  guint order[ST_MAX_YARNS + 1], n_order, n_carriers = 0, n = 0;

  memset (after, 0, sizeof after);
  for (guint i = 0; i < round->n_runs; i++)
    for (guint j = 0; j < round->runs[i].count; j++)
      knit[n++] = round->runs[i].yarn;
  for (guint y = 0; y < p->n_yarns; y++)
    n_carriers = MAX (n_carriers, k->carrier[y]);
  for (guint c = 0; c <= n_carriers; c++)
    {
      front_ops[c] = g_array_new (FALSE, FALSE, sizeof (Op));
      back_ops[c] = g_array_new (FALSE, FALSE, sizeof (Op));
    }

  text = st_round_instructions_english_text (p, round);
  g_string_append_printf (k->out, "; %s\n", text);
  for (guint i = 0; i < round->n_duplicates; i++)
    g_string_append_printf (k->out, "; round %u: duplicate stitch at needle %u is knit in %c; embroider it in %c afterwards\n",
                            row + 1, round->duplicates[i].needle + 1, p->yarns[round->duplicates[i].knit_yarn].key,
                            p->yarns[round->duplicates[i].yarn].key);

  /* Knits, left to right on the front, right to left on the back. */
  for (guint i = 0; i < k->width; i++)
    {
      guint c = k->carrier[knit[i]];
      Op op = { 0 };

      tube_needle (k, i, &op.front, &op.needle);
      knitter[i] = c;
      active[c] = TRUE;
      g_array_append_val (op.front ? front_ops[c] : back_ops[c], op);
    }
  /* Catches: a tuck of the floating carrier on a needle another carrier
   * knits this round, so that carrier goes first. */
  for (guint i = 0; i < round->n_catches; i++)
    {
      const StCatch *catch = &round->catches[i];
      guint c = k->carrier[catch->yarn], needle;
      Op op = { 0 };
      GArray *ops;
      guint at;

      if (catch->needle >= k->width || c == NO_CARRIER)
        continue;
      if (knitter[catch->needle] == c)
        {
          st_export_warn (warnings, _("round %u, needle %u: the catch of %c is on a stitch knit in %c itself, "
                                      "so there is no float to catch there; the knitout leaves it out"),
                          row + 1, catch->needle + 1, p->yarns[catch->yarn].key, p->yarns[catch->yarn].key);
          continue;
        }
      tube_needle (k, catch->needle, &op.front, &needle);
      op.needle = needle;
      op.tuck = TRUE;
      active[c] = TRUE;
      after[c][knitter[catch->needle]] = TRUE;
      ops = op.front ? front_ops[c] : back_ops[c];
      /* Keep each pass in needle order: ascending on the front,
       * descending on the back. */
      for (at = 0; at < ops->len; at++)
        {
          guint other = g_array_index (ops, Op, at).needle;

          if (op.front ? other > needle : other < needle)
            break;
        }
      g_array_insert_val (ops, at, op);
    }

  for (guint c = 1; c <= n_carriers; c++)
    if (active[c] && !k->in[c])
      {
        g_string_append_printf (k->out, "in %u\n", c);
        k->in[c] = TRUE;
      }

  if (order_carriers (n_carriers, after, active, order, &n_order))
    {
      for (guint i = 0; i < n_order; i++)
        emit_carrier_round (k, order[i], front_ops[order[i]], back_ops[order[i]]);
    }
  else
    {
      /* Catches that depend on each other both ways: sweep the needles once,
       * each needle's knit before the tucks on it, then route every carrier
       * round the edges. */
      g_string_append (k->out, "; catches cross in this round: the carriers share the passes\n");
      for (int bed = 0; bed < 2; bed++)
        {
          guint count = bed == 0 ? k->front : k->back;

          for (guint s = 0; s < count; s++)
            {
              guint needle = bed == 0 ? s + 1 : k->back - s;

              for (int tucks = 0; tucks < 2; tucks++)
                for (guint c = 1; c <= n_carriers; c++)
                  {
                    GArray *ops = bed == 0 ? front_ops[c] : back_ops[c];

                    for (guint i = 0; i < ops->len; i++)
                      {
                        const Op *op = &g_array_index (ops, Op, i);

                        if (op->needle == needle && op->tuck == (tucks == 1))
                          emit_op (k, op, c);
                      }
                  }
            }
          for (guint c = 1; c <= n_carriers; c++)
            {
              GArray *ops = bed == 0 ? front_ops[c] : back_ops[c];
              guint edge = bed == 0 ? k->front : 1;

              if (!active[c])
                continue;
              if (ops->len == 0 || g_array_index (ops, Op, ops->len - 1).needle != edge)
                g_string_append_printf (k->out, "miss %c %c%u %u ;carry to the %s edge\n",
                                        bed == 0 ? '+' : '-', bed == 0 ? 'f' : 'b', edge, c,
                                        bed == 0 ? "right" : "left");
            }
        }
    }

  for (guint c = 0; c <= n_carriers; c++)
    {
      g_array_unref (front_ops[c]);
      g_array_unref (back_ops[c]);
    }
}

static void
cast_on (Knitout *k,
         guint    carrier)
{
  g_string_append_printf (k->out, "; cast-on: tuck every other needle round the tube, then the gaps\n");
  g_string_append_printf (k->out, "in %u\n", carrier);
  k->in[carrier] = TRUE;
  for (guint parity = 0; parity < 2; parity++)
    {
      guint last = 0;

      for (guint i = parity; i < k->front; i += 2)
        {
          emit (k, "tuck", TRUE, TRUE, i + 1, carrier);
          last = i + 1;
        }
      if (last != k->front)
        g_string_append_printf (k->out, "miss + f%u %u\n", k->front, carrier);
      last = 0;
      for (guint i = k->front + ((k->front + parity) % 2 == 0 ? 0 : 1); i < k->width; i += 2)
        {
          emit (k, "tuck", FALSE, FALSE, k->width - i, carrier);
          last = k->width - i;
        }
      if (last != 1)
        g_string_append_printf (k->out, "miss - b1 %u\n", carrier);
    }
  for (guint r = 0; r < ST_KNITOUT_CASTON_ROUNDS; r++)
    {
      g_string_append_printf (k->out, "; cast-on plain round %u\n", r + 1);
      for (guint n = 1; n <= k->front; n++)
        emit (k, "knit", TRUE, TRUE, n, carrier);
      for (guint n = k->back; n >= 1; n--)
        emit (k, "knit", FALSE, FALSE, n, carrier);
    }
}

/* Back loops onto the front needles, two rows on the front, then a chain
 * bind-off from left to right. */
static void
close_tube (Knitout *k,
            guint    carrier)
{
  g_string_append (k->out, "; close the tube: back loops onto the front needles\n");
  for (guint n = 1; n <= k->back; n++)
    g_string_append_printf (k->out, "xfer b%u f%u\n", n, n);
  for (guint n = 1; n <= k->front; n++)
    emit (k, "knit", TRUE, TRUE, n, carrier);
  for (guint n = k->front; n >= 1; n--)
    emit (k, "knit", FALSE, TRUE, n, carrier);
  g_string_append (k->out, "; chain bind-off\n");
  for (guint n = 1; n < k->front; n++)
    {
      emit (k, "knit", TRUE, TRUE, n, carrier);
      g_string_append_printf (k->out, "xfer f%u b%u\nrack 1\nxfer b%u f%u\nrack 0\n", n, n, n, n + 1);
    }
  /* A short chain on the last loop before the yarn is cut. */
  emit (k, "knit", TRUE, TRUE, k->front, carrier);
  emit (k, "knit", FALSE, TRUE, k->front, carrier);
  emit (k, "knit", TRUE, TRUE, k->front, carrier);
  g_string_append_printf (k->out, "out %u\n", carrier);
  g_string_append_printf (k->out, "drop f%u\n", k->front);
  k->in[carrier] = FALSE;
}

char *
st_knitout_generate (const StPattern  *pattern,
                     const StProfile  *target,
                     GPtrArray        *warnings,
                     GError          **error)
{
  Knitout k = { 0 };
  gboolean used[ST_MAX_YARNS] = { FALSE };
  guint n_used = 0, rows = st_pattern_rows (pattern), closing;
  g_autofree char *summary = NULL;

  if (target == NULL)
    target = st_knitout_default_target (pattern);
  if (target == NULL || target->carriers == 0)
    {
      if (target != NULL)
        g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                     _("%s has no yarn carriers: knitout needs a v-bed machine such as kniterate"),
                     target->id);
      else
        g_set_error_literal (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                             _("the machine has no yarn carriers: knitout needs a v-bed machine such as "
                               "kniterate"));
      return NULL;
    }
  k.pattern = pattern;
  k.width = st_pattern_needles (pattern);
  k.front = (k.width + 1) / 2;
  k.back = k.width - k.front;
  if (k.back == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                   g_dngettext (GETTEXT_PACKAGE, "a round of %u stitch cannot be knit as a tube on two beds",
                                "a round of %u stitches cannot be knit as a tube on two beds", k.width),
                   k.width);
      return NULL;
    }
  if (target->needles > 0 && k.front > target->needles)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                   /* Translators: the last %u is the needles on each bed of
                    * machine %s. */
                   g_dngettext (GETTEXT_PACKAGE, "a round of %u stitch needs %u needles on each bed, but %s has %u",
                                "a round of %u stitches needs %u needles on each bed, but %s has %u", k.width),
                   k.width, k.front, target->name, target->needles);
      return NULL;
    }

  for (guint r = 0; r < rows; r++)
    {
      g_autoptr(StRoundInstructions) round = st_round_instructions_new (pattern, r);

      for (guint i = 0; i < round->n_runs; i++)
        used[round->runs[i].yarn] = TRUE;
    }
  /* A catch needs its yarn in a carrier even if it is never knit. */
  for (guint i = 0; i < pattern->catches->len; i++)
    used[g_array_index (pattern->catches, StCatch, i).yarn] = TRUE;
  for (guint y = 0; y < pattern->n_yarns; y++)
    if (used[y])
      k.carrier[y] = ++n_used;
  if (n_used > target->carriers)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the pattern knits %u yarn but %s has %u carriers; "
                                "merge yarns until at most %u are left",
                                "the pattern knits %u yarns but %s has %u carriers; "
                                "merge yarns until at most %u are left", n_used),
                   n_used, target->name, target->carriers, target->carriers);
      return NULL;
    }

  if (pattern->profile != NULL && pattern->profile != target)
    st_export_warn (warnings,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "the pattern is for %s; this knitout knits it on %s as a tube of "
                                 "%u front and %u back needle",
                                 "the pattern is for %s; this knitout knits it on %s as a tube of "
                                 "%u front and %u back needles", k.back),
                    pattern->profile->name, target->name, k.front, k.back);
  if (pattern->duplicate_stitches->len > 0)
    st_export_warn (warnings,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%u duplicate stitch is knit in the round's main yarn; embroider it afterwards "
                                 "(the knitout lists them in comments)",
                                 "%u duplicate stitches are knit in the round's main yarn; embroider them "
                                 "afterwards (the knitout lists them in comments)",
                                 pattern->duplicate_stitches->len),
                    pattern->duplicate_stitches->len);

  k.out = g_string_new (";!knitout-2\n");
  g_string_append_printf (k.out, ";;Machine: %s\n", target->english_name);
  g_string_append (k.out, ";;Carriers:");
  for (guint c = 1; c <= target->carriers; c++)
    g_string_append_printf (k.out, " %u", c);
  g_string_append_c (k.out, '\n');
  for (guint y = 0; y < pattern->n_yarns; y++)
    if (k.carrier[y] != NO_CARRIER)
      {
        g_autofree char *color = st_color_to_string (pattern->yarns[y].color);

        g_string_append_printf (k.out, ";;Yarn-%u: %s %s (%c, %s)\n", k.carrier[y],
                                st_yarn_weight_english_name (pattern->yarns[y].weight), pattern->yarns[y].name,
                                pattern->yarns[y].key, color);
      }
  g_string_append (k.out, ";;Position: Center\n");
  summary = st_export_summary_line (pattern, FALSE);
  g_string_append_printf (k.out, "; %s: %s\n", pattern->name, summary);
  g_string_append_printf (k.out, "; a tube on f1-f%u (knit +) and b%u-b1 (knit -); made by Stranded\n",
                          k.front, k.back);
  for (guint y = 0; y < pattern->n_yarns; y++)
    if (k.carrier[y] != NO_CARRIER)
      {
        g_autofree char *color = st_color_to_string (pattern->yarns[y].color);

        g_string_append_printf (k.out, "x-vis-color %s %u\n", color, k.carrier[y]);
      }

  cast_on (&k, k.carrier[st_check_round_main_yarn (pattern, 0)]);
  {
    /* Each carrier goes out after the last round it works in; the yarn of
     * the last round's main yarn stays to close the tube. */
    int last_use[ST_MAX_YARNS + 1];

    closing = k.carrier[st_check_round_main_yarn (pattern, rows - 1)];
    for (guint c = 0; c <= ST_MAX_YARNS; c++)
      last_use[c] = -1;
    for (guint r = 0; r < rows; r++)
      {
        g_autoptr(StRoundInstructions) round = st_round_instructions_new (pattern, r);

        for (guint i = 0; i < round->n_runs; i++)
          last_use[k.carrier[round->runs[i].yarn]] = (int) r;
        for (guint i = 0; i < round->n_catches; i++)
          last_use[k.carrier[round->catches[i].yarn]] = MAX (last_use[k.carrier[round->catches[i].yarn]], (int) r);
      }
    for (guint r = 0; r < rows; r++)
      {
        knit_round (&k, r, warnings);
        for (guint c = 1; c <= n_used; c++)
          if (c != closing && k.in[c] && last_use[c] <= (int) r)
            {
              g_string_append_printf (k.out, "out %u\n", c);
              k.in[c] = FALSE;
            }
      }
  }
  close_tube (&k, closing);
  return g_string_free (k.out, FALSE);
}
