/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "st-history.h"

typedef struct
{
  guint32 index;
  guint8  old_yarn;
  guint8  new_yarn;
} Delta;

typedef struct
{
  char       *label;
  guint64     serial;
  GArray     *deltas;     /* Delta, in recording order */
  GHashTable *positions;  /* stitch index + 1 -> delta position + 1, while open */
  StPattern  *before;     /* snapshot steps */
  StPattern  *after;
  StPattern  *target;     /* borrowed: the pattern the snapshot was taken of */
  gsize       bytes;
} Step;

struct _StHistory
{
  GPtrArray *undo;        /* oldest first */
  GPtrArray *redo;        /* next redo last */
  Step      *open;
  guint      depth;
  gsize      limit;
  gsize      used;
  guint64    next_serial;
  guint64    saved_serial;
  guint64    bottom_serial;  /* serial of the newest step dropped for memory */
};

static gsize
pattern_bytes (const StPattern *pattern)
{
  if (pattern == NULL)
    return 0;
  return sizeof (StPattern) + (gsize) pattern->chart->needles * pattern->chart->rows +
         pattern->catches->len * sizeof (StCatch) +
         pattern->duplicate_stitches->len * sizeof (StStitchRef);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_clear_pointer (&step->deltas, g_array_unref);
  g_clear_pointer (&step->positions, g_hash_table_unref);
  g_clear_pointer (&step->before, st_pattern_free);
  g_clear_pointer (&step->after, st_pattern_free);
  g_free (step);
}

static gsize
step_measure (Step *step)
{
  return sizeof (Step) + (step->deltas ? step->deltas->len * sizeof (Delta) : 0) +
         pattern_bytes (step->before) + pattern_bytes (step->after);
}

StHistory *
st_history_new (gsize memory_limit)
{
  StHistory *history = g_new0 (StHistory, 1);

  history->undo = g_ptr_array_new_with_free_func (step_free);
  history->redo = g_ptr_array_new_with_free_func (step_free);
  history->limit = memory_limit ? memory_limit : ST_HISTORY_DEFAULT_LIMIT;
  history->next_serial = 1;
  return history;
}

void
st_history_clear (StHistory *history)
{
  g_ptr_array_set_size (history->undo, 0);
  g_ptr_array_set_size (history->redo, 0);
  g_clear_pointer (&history->open, step_free);
  history->depth = 0;
  history->used = 0;
  history->saved_serial = 0;
  history->bottom_serial = 0;
}

void
st_history_free (StHistory *history)
{
  if (history == NULL)
    return;
  st_history_clear (history);
  g_ptr_array_unref (history->undo);
  g_ptr_array_unref (history->redo);
  g_free (history);
}

void
st_history_begin (StHistory  *history,
                  const char *label)
{
  if (history->depth++ > 0)
    return;
  history->open = g_new0 (Step, 1);
  history->open->label = g_strdup (label);
  history->open->deltas = g_array_new (FALSE, FALSE, sizeof (Delta));
  history->open->positions = g_hash_table_new (NULL, NULL);
}

gboolean
st_history_in_step (StHistory *history)
{
  return history->depth > 0;
}

static void
enforce_limit (StHistory *history)
{
  /* Keep at least the newest step, however large, so the last edit can
   * always be undone. */
  while (history->used > history->limit && history->undo->len > 1)
    {
      Step *oldest = g_ptr_array_index (history->undo, 0);

      history->used -= oldest->bytes;
      history->bottom_serial = oldest->serial;
      g_ptr_array_remove_index (history->undo, 0);
    }
}

void
st_history_end (StHistory *history)
{
  Step *step;

  g_return_if_fail (history->depth > 0);
  if (--history->depth > 0)
    return;

  step = g_steal_pointer (&history->open);
  g_clear_pointer (&step->positions, g_hash_table_unref);
  if (step->before != NULL)
    step->after = st_pattern_copy (step->target);

  /* Drop deltas that changed nothing after coalescing (painted and
   * repainted to the original yarn). */
  if (step->deltas->len > 0)
    {
      guint kept = 0;

      for (guint i = 0; i < step->deltas->len; i++)
        {
          Delta d = g_array_index (step->deltas, Delta, i);

          if (d.old_yarn != d.new_yarn)
            g_array_index (step->deltas, Delta, kept++) = d;
        }
      g_array_set_size (step->deltas, kept);
    }

  if (step->deltas->len == 0 && step->before == NULL)
    {
      step_free (step);
      return;
    }

  step->serial = history->next_serial++;
  step->bytes = step_measure (step);
  g_ptr_array_add (history->undo, step);
  history->used += step->bytes;

  for (guint i = 0; i < history->redo->len; i++)
    history->used -= ((Step *) g_ptr_array_index (history->redo, i))->bytes;
  g_ptr_array_set_size (history->redo, 0);

  enforce_limit (history);
}

void
st_history_record_stitch (StHistory *history,
                          StPattern *pattern,
                          guint      row,
                          guint      needle,
                          guint8     new_yarn)
{
  Step *step = history->open;
  guint32 index = row * pattern->chart->needles + needle;
  gpointer position;

  g_return_if_fail (step != NULL);

  /* Once the step holds a snapshot, the after-copy taken at the end
   * records the stitches too. */
  if (step->before != NULL)
    return;

  position = g_hash_table_lookup (step->positions, GUINT_TO_POINTER (index + 1));
  if (position != NULL)
    {
      g_array_index (step->deltas, Delta, GPOINTER_TO_UINT (position) - 1).new_yarn = new_yarn;
      return;
    }

  {
    Delta d = { index, st_chart_get (pattern->chart, row, needle), new_yarn };

    g_array_append_val (step->deltas, d);
    g_hash_table_insert (step->positions, GUINT_TO_POINTER (index + 1),
                         GUINT_TO_POINTER (step->deltas->len));
  }
}

void
st_history_record_snapshot (StHistory *history,
                            StPattern *pattern)
{
  Step *step = history->open;

  g_return_if_fail (step != NULL);
  if (step->before != NULL)
    return;

  step->before = st_pattern_copy (pattern);
  step->target = pattern;
  /* Stitches painted earlier in this step belong to the before state's
   * past, so take them back out of the copy. */
  for (guint i = step->deltas->len; i > 0; i--)
    {
      Delta d = g_array_index (step->deltas, Delta, i - 1);

      step->before->chart->cells[d.index] = d.old_yarn;
    }
  g_array_set_size (step->deltas, 0);
  g_hash_table_remove_all (step->positions);
}

gboolean
st_history_can_undo (StHistory *history)
{
  return history->undo->len > 0;
}

gboolean
st_history_can_redo (StHistory *history)
{
  return history->redo->len > 0;
}

const char *
st_history_undo_label (StHistory *history)
{
  if (history->undo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (history->undo, history->undo->len - 1))->label;
}

const char *
st_history_redo_label (StHistory *history)
{
  if (history->redo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (history->redo, history->redo->len - 1))->label;
}

static void
apply (Step      *step,
       StPattern *pattern,
       gboolean   forward)
{
  StChart *chart = pattern->chart;

  if (step->before != NULL)
    {
      st_pattern_assign (pattern, forward ? step->after : step->before);
      return;
    }

  if (forward)
    {
      for (guint i = 0; i < step->deltas->len; i++)
        {
          Delta d = g_array_index (step->deltas, Delta, i);

          chart->cells[d.index] = d.new_yarn;
          st_pattern_mark_dirty_rows (pattern, d.index / chart->needles, d.index / chart->needles);
        }
    }
  else
    {
      for (guint i = step->deltas->len; i > 0; i--)
        {
          Delta d = g_array_index (step->deltas, Delta, i - 1);

          chart->cells[d.index] = d.old_yarn;
          st_pattern_mark_dirty_rows (pattern, d.index / chart->needles, d.index / chart->needles);
        }
    }
}

gboolean
st_history_undo (StHistory *history,
                 StPattern *pattern)
{
  Step *step;

  g_return_val_if_fail (history->depth == 0, FALSE);
  if (history->undo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (history->undo, history->undo->len - 1);
  apply (step, pattern, FALSE);
  g_ptr_array_add (history->redo, step);
  return TRUE;
}

gboolean
st_history_redo (StHistory *history,
                 StPattern *pattern)
{
  Step *step;

  g_return_val_if_fail (history->depth == 0, FALSE);
  if (history->redo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (history->redo, history->redo->len - 1);
  apply (step, pattern, TRUE);
  g_ptr_array_add (history->undo, step);
  return TRUE;
}

gsize
st_history_memory_used (StHistory *history)
{
  return history->used;
}

guint
st_history_n_undo_steps (StHistory *history)
{
  return history->undo->len;
}

static guint64
current_serial (StHistory *history)
{
  if (history->undo->len == 0)
    return history->bottom_serial;
  return ((Step *) g_ptr_array_index (history->undo, history->undo->len - 1))->serial;
}

void
st_history_mark_saved (StHistory *history)
{
  history->saved_serial = current_serial (history);
}

gboolean
st_history_is_modified (StHistory *history)
{
  return current_serial (history) != history->saved_serial;
}
