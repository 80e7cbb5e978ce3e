/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-pattern.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-c/json.h>

#include "st-error.h"
#include "st-pattern-file.h"

#define SAMPLE_RESOURCE "/io/github/stranded/core/samples/sample-hat.stranded"

/* The names are translated when a new pattern takes them. */
static const StYarn default_yarns[] = {
  /* Translators: the name of the first yarn of a new pattern, a colour. */
  { 'A', (char *) N_("Cream"), { 0xf3, 0xec, 0xd9 }, ST_WEIGHT_MEDIUM, NULL, FALSE },
  /* Translators: the name of the second yarn of a new pattern, a colour. */
  { 'B', (char *) N_("Cranberry"), { 0x9b, 0x1b, 0x30 }, ST_WEIGHT_MEDIUM, NULL, FALSE },
};

static StYarnWeight
clamp_weight (const StProfile *profile,
              StYarnWeight     weight)
{
  return CLAMP (weight, profile->weight_min, profile->weight_max);
}

StPattern *
st_pattern_new (const StProfile  *profile,
                guint             needles,
                guint             rows,
                GError          **error)
{
  g_autoptr(StPattern) pattern = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  if (needles == 0)
    needles = profile->needles;
  if (needles == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                   /* Translators: %s is a machine profile id, such as custom. */
                   _("%s has no fixed needle count: give the stitches per round"), profile->id);
      return NULL;
    }
  if (!st_profile_check_width (profile, needles, error))
    return NULL;

  pattern = g_new0 (StPattern, 1);
  pattern->chart = st_chart_new (needles, rows, 0, error);
  if (pattern->chart == NULL)
    return NULL;

  pattern->name = g_strdup (_("Untitled pattern"));
  pattern->profile_id = g_strdup (profile->id);
  pattern->profile = profile;
  pattern->stitches_per_10cm = profile->stitches_per_10cm;
  pattern->rows_per_10cm = profile->rows_per_10cm;
  pattern->catches = g_array_new (FALSE, FALSE, sizeof (StCatch));
  pattern->duplicate_stitches = g_array_new (FALSE, FALSE, sizeof (StStitchRef));
  pattern->n_yarns = G_N_ELEMENTS (default_yarns);
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      st_yarn_copy_into (&pattern->yarns[i], &default_yarns[i]);
      g_free (pattern->yarns[i].name);
      pattern->yarns[i].name = g_strdup (_(default_yarns[i].name));
      pattern->yarns[i].weight = clamp_weight (profile, default_yarns[i].weight);
    }
  pattern->dirty_structure = TRUE;
  pattern->dirty_any = TRUE;
  pattern->dirty_row_max = rows - 1;
  return g_steal_pointer (&pattern);
}

StPattern *
st_pattern_copy (const StPattern *pattern)
{
  StPattern *copy = g_new0 (StPattern, 1);

  *copy = *pattern;
  copy->name = g_strdup (pattern->name);
  copy->profile_id = g_strdup (pattern->profile_id);
  copy->notes = g_strdup (pattern->notes);
  for (guint i = 0; i < pattern->n_yarns; i++)
    st_yarn_copy_into (&copy->yarns[i], &pattern->yarns[i]);
  copy->chart = st_chart_copy (pattern->chart);
  copy->catches = g_array_copy (pattern->catches);
  copy->duplicate_stitches = g_array_copy (pattern->duplicate_stitches);
  copy->extras = pattern->extras ? json_object_get (pattern->extras) : NULL;
  return copy;
}

void
st_pattern_free (StPattern *pattern)
{
  if (pattern == NULL)
    return;
  g_free (pattern->name);
  g_free (pattern->profile_id);
  g_free (pattern->notes);
  for (guint i = 0; i < pattern->n_yarns; i++)
    st_yarn_clear (&pattern->yarns[i]);
  st_chart_free (pattern->chart);
  g_clear_pointer (&pattern->catches, g_array_unref);
  g_clear_pointer (&pattern->duplicate_stitches, g_array_unref);
  g_clear_pointer (&pattern->extras, json_object_put);
  g_free (pattern);
}

StPattern *
st_pattern_new_sample (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StPattern *pattern;

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, 0, &error);
  if (bytes == NULL)
    g_error ("the embedded sample pattern is missing: %s", error->message);
  pattern = st_pattern_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "sample-hat.stranded", &error);
  /* The sample is tested; failing here is a build defect, not bad input. */
  if (pattern == NULL)
    g_error ("the embedded sample pattern is invalid: %s", error->message);
  /* It greets each knitter in their language (saved, it keeps that one);
   * its yarns are the defaults a new pattern starts with. */
  g_free (pattern->name);
  /* Translators: the name of the sample pattern shown at the first start. */
  pattern->name = g_strdup (_("Fair Isle band hat"));
  g_free (pattern->notes);
  pattern->notes = g_strdup (_("A two-colour hat for the Sentro 48: a folded brim, a Fair Isle band of stars "
                               "and diamonds between two stripes, then a plain crown gathered at the top."));
  for (guint i = 0; i < MIN (pattern->n_yarns, G_N_ELEMENTS (default_yarns)); i++)
    if (g_strcmp0 (pattern->yarns[i].name, default_yarns[i].name) == 0)
      {
        g_free (pattern->yarns[i].name);
        pattern->yarns[i].name = g_strdup (_(default_yarns[i].name));
      }
  return pattern;
}

int
st_pattern_find_yarn (const StPattern *pattern,
                      char             key)
{
  for (guint i = 0; i < pattern->n_yarns; i++)
    if (pattern->yarns[i].key == key)
      return (int) i;
  return -1;
}

double
st_pattern_stitch_width_mm (const StPattern *pattern)
{
  return 100.0 / pattern->stitches_per_10cm;
}

double
st_pattern_row_height_mm (const StPattern *pattern)
{
  return 100.0 / pattern->rows_per_10cm;
}

double
st_pattern_float_limit_mm (const StPattern *pattern)
{
  return pattern->float_limit_mm > 0 ? pattern->float_limit_mm : ST_DEFAULT_FLOAT_LIMIT_MM;
}

void
st_pattern_count_stitches (const StPattern *pattern,
                           guint64         *counts)
{
  gsize n = (gsize) pattern->chart->needles * pattern->chart->rows;
  const guint8 *cells = pattern->chart->cells;

  memset (counts, 0, sizeof (guint64) * ST_MAX_YARNS);
  for (gsize i = 0; i < n; i++)
    counts[cells[i] & (ST_MAX_YARNS - 1)]++;
}

int
st_catch_compare (gconstpointer a,
                  gconstpointer b)
{
  const StCatch *ca = a, *cb = b;

  if (ca->row != cb->row)
    return ca->row < cb->row ? -1 : 1;
  if (ca->needle != cb->needle)
    return ca->needle < cb->needle ? -1 : 1;
  return (int) ca->yarn - (int) cb->yarn;
}

int
st_stitch_ref_compare (gconstpointer a,
                       gconstpointer b)
{
  const StStitchRef *ra = a, *rb = b;

  if (ra->row != rb->row)
    return ra->row < rb->row ? -1 : 1;
  if (ra->needle != rb->needle)
    return ra->needle < rb->needle ? -1 : 1;
  return 0;
}

void
st_marks_sort_unique (GArray       *marks,
                      GCompareFunc  compare)
{
  guint size = g_array_get_element_size (marks);
  guint kept = 0;

  g_array_sort (marks, compare);
  for (guint i = 0; i < marks->len; i++)
    {
      const char *mark = marks->data + (gsize) i * size;

      if (kept > 0 && compare (mark, marks->data + (gsize) (kept - 1) * size) == 0)
        continue;
      if (kept != i)
        memcpy (marks->data + (gsize) kept * size, mark, size);
      kept++;
    }
  g_array_set_size (marks, kept);
}

void
st_pattern_sort_marks (StPattern *pattern)
{
  st_marks_sort_unique (pattern->catches, st_catch_compare);
  st_marks_sort_unique (pattern->duplicate_stitches, st_stitch_ref_compare);
}

gboolean
st_pattern_has_catch (const StPattern *pattern,
                      guint            row,
                      guint            needle,
                      guint8           yarn)
{
  StCatch key = { row, needle, yarn };
  guint index;

  return g_array_binary_search (pattern->catches, &key, st_catch_compare, &index);
}

gboolean
st_pattern_has_duplicate_stitch (const StPattern *pattern,
                                 guint            row,
                                 guint            needle)
{
  StStitchRef key = { row, needle };
  guint index;

  return g_array_binary_search (pattern->duplicate_stitches, &key, st_stitch_ref_compare, &index);
}

gboolean
st_pattern_validate (const StPattern  *pattern,
                     GError          **error)
{
  const StChart *chart = pattern->chart;
  gsize n = (gsize) chart->needles * chart->rows;

  if (pattern->n_yarns < 1 || pattern->n_yarns > ST_MAX_YARNS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   /* Translators: the first "yarns" names the member of the file; keep it. */
                   g_dngettext (GETTEXT_PACKAGE, "yarns: %u yarn, expected 1 to %d",
                                "yarns: %u yarns, expected 1 to %d", pattern->n_yarns),
                   pattern->n_yarns, ST_MAX_YARNS);
      return FALSE;
    }
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      if (!st_yarn_key_is_valid (pattern->yarns[i].key))
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: yarns[%u].key is a place in the file. */
                       _("yarns[%u].key: '%c' is not a letter or digit"), i, pattern->yarns[i].key);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (pattern->yarns[j].key == pattern->yarns[i].key)
          {
            g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                         /* Translators: yarns[%u].key and yarns[%u] are places in the file. */
                         _("yarns[%u].key: '%c' is already the key of yarns[%u]"),
                         i, pattern->yarns[i].key, j);
            return FALSE;
          }
    }
  for (gsize i = 0; i < n; i++)
    if (chart->cells[i] >= pattern->n_yarns)
      {
        g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                     /* Translators: rows[%zu][%zu] is a place in the file. */
                     _("rows[%zu][%zu]: yarn %u does not exist"), i / chart->needles,
                     i % chart->needles, chart->cells[i]);
        return FALSE;
      }
  for (guint i = 0; i < pattern->catches->len; i++)
    {
      const StCatch *c = &g_array_index (pattern->catches, StCatch, i);

      if (c->row >= chart->rows || c->needle >= chart->needles || c->yarn >= pattern->n_yarns)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: catches[%u] is a place in the file. */
                       _("catches[%u]: round %u, needle %u is outside the chart"), i,
                       c->row + 1, c->needle + 1);
          return FALSE;
        }
    }
  for (guint i = 0; i < pattern->duplicate_stitches->len; i++)
    {
      const StStitchRef *d = &g_array_index (pattern->duplicate_stitches, StStitchRef, i);

      if (d->row >= chart->rows || d->needle >= chart->needles)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_INVALID,
                       /* Translators: duplicate_stitches[%u] is a place in the file. */
                       _("duplicate_stitches[%u]: round %u, needle %u is outside the chart"), i,
                       d->row + 1, d->needle + 1);
          return FALSE;
        }
    }
  if (pattern->profile != NULL &&
      !st_profile_check_width (pattern->profile, chart->needles, error))
    return FALSE;
  return TRUE;
}

void
st_pattern_mark_dirty_rows (StPattern *pattern,
                            guint      first,
                            guint      last)
{
  if (first > last)
    {
      guint t = first;
      first = last;
      last = t;
    }
  if (!pattern->dirty_any)
    {
      pattern->dirty_row_min = first;
      pattern->dirty_row_max = last;
      pattern->dirty_any = TRUE;
      return;
    }
  pattern->dirty_row_min = MIN (pattern->dirty_row_min, first);
  pattern->dirty_row_max = MAX (pattern->dirty_row_max, last);
}

void
st_pattern_mark_dirty_structure (StPattern *pattern)
{
  pattern->dirty_structure = TRUE;
  st_pattern_mark_dirty_rows (pattern, 0, pattern->chart->rows - 1);
}

gboolean
st_pattern_take_dirty (StPattern *pattern,
                       guint     *first_row,
                       guint     *last_row,
                       gboolean  *structure)
{
  gboolean any = pattern->dirty_any || pattern->dirty_structure;

  if (first_row)
    *first_row = pattern->dirty_row_min;
  if (last_row)
    *last_row = MIN (pattern->dirty_row_max, pattern->chart->rows - 1);
  if (structure)
    *structure = pattern->dirty_structure;
  pattern->dirty_any = FALSE;
  pattern->dirty_structure = FALSE;
  pattern->dirty_row_min = 0;
  pattern->dirty_row_max = 0;
  return any;
}

void
st_pattern_assign (StPattern       *dest,
                   const StPattern *src)
{
  StPattern *copy = st_pattern_copy (src);
  gboolean has_progress = dest->has_progress;
  guint progress_row = dest->progress_row;
  guint progress_needle = dest->progress_needle;
  StPattern old = *dest;

  *dest = *copy;
  g_free (copy);

  /* Free what the old contents owned. */
  old.dirty_any = FALSE;
  g_free (old.name);
  g_free (old.profile_id);
  g_free (old.notes);
  for (guint i = 0; i < old.n_yarns; i++)
    st_yarn_clear (&old.yarns[i]);
  st_chart_free (old.chart);
  g_array_unref (old.catches);
  g_array_unref (old.duplicate_stitches);
  if (old.extras)
    json_object_put (old.extras);

  dest->has_progress = has_progress;
  dest->progress_row = MIN (progress_row, dest->chart->rows - 1);
  dest->progress_needle = MIN (progress_needle, dest->chart->needles - 1);
  dest->dirty_any = FALSE;
  st_pattern_mark_dirty_structure (dest);
}
