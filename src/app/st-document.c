/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-document"

#include "config.h"

#include "st-document.h"

#include <glib/gi18n.h>

#include "st-autosave.h"
#include "st-pattern-file.h"

struct _StDocument
{
  GObject     parent_instance;

  StPattern  *pattern;
  StHistory  *history;
  GFile      *file;

  /* Recovered work is unsaved even before the first edit. */
  gboolean    forced_modified;
  gboolean    modified;
  gboolean    can_undo;
  gboolean    can_redo;
  char       *title;

  char       *autosave_path;
  guint64     change_serial;
  guint64     autosaved_serial;
};

G_DEFINE_FINAL_TYPE (StDocument, st_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Recomputes the derived properties and notifies those that moved. */
static void
sync_state (StDocument *self)
{
  gboolean modified = self->forced_modified || st_history_is_modified (self->history);
  gboolean can_undo = st_history_can_undo (self->history);
  gboolean can_redo = st_history_can_redo (self->history);

  if (g_strcmp0 (self->title, self->pattern->name) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (self->pattern->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

static void
st_document_dispose (GObject *object)
{
  StDocument *self = ST_DOCUMENT (object);

  g_clear_object (&self->file);
  G_OBJECT_CLASS (st_document_parent_class)->dispose (object);
}

static void
st_document_finalize (GObject *object)
{
  StDocument *self = ST_DOCUMENT (object);

  g_clear_pointer (&self->pattern, st_pattern_free);
  g_clear_pointer (&self->history, st_history_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->autosave_path, g_free);
  G_OBJECT_CLASS (st_document_parent_class)->finalize (object);
}

static void
st_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StDocument *self = ST_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_document_class_init (StDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = st_document_dispose;
  object_class->finalize = st_document_finalize;
  object_class->get_property = st_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StDocument::changed:
   * @first_row: first round to redraw
   * @last_row: last round to redraw
   * @structure: size, palette, gauge or annotations changed: redraw all
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
st_document_init (StDocument *self)
{
  self->history = st_history_new (0);
}

StDocument *
st_document_new (StPattern *pattern,
                 GFile     *file)
{
  StDocument *self;

  g_return_val_if_fail (pattern != NULL, NULL);

  self = g_object_new (ST_TYPE_DOCUMENT, NULL);
  self->pattern = pattern;
  g_set_object (&self->file, file);
  st_pattern_take_dirty (pattern, NULL, NULL, NULL);
  st_history_mark_saved (self->history);
  sync_state (self);
  return self;
}

StDocument *
st_document_new_from_file (GFile   *file,
                           GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  StPattern *pattern;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file; copy it to your computer first"), uri);
      return NULL;
    }
  pattern = st_pattern_load_file (path, error);
  if (pattern == NULL)
    return NULL;
  return st_document_new (pattern, file);
}

StPattern *
st_document_get_pattern (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->pattern;
}

StHistory *
st_document_get_history (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->history;
}

GFile *
st_document_get_file (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
st_document_get_title (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->title;
}

gboolean
st_document_get_modified (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

void
st_document_set_modified (StDocument *self,
                          gboolean    modified)
{
  g_return_if_fail (ST_IS_DOCUMENT (self));

  self->forced_modified = modified;
  if (!modified)
    st_history_mark_saved (self->history);
  sync_state (self);
}

gboolean
st_document_can_undo (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);
  return self->can_undo;
}

gboolean
st_document_can_redo (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);
  return self->can_redo;
}

void
st_document_changed (StDocument *self)
{
  guint first = 0, last = 0;
  gboolean structure = FALSE;

  g_return_if_fail (ST_IS_DOCUMENT (self));

  if (st_pattern_take_dirty (self->pattern, &first, &last, &structure))
    {
      self->change_serial++;
      g_signal_emit (self, signals[CHANGED], 0, first, last, structure);
    }
  sync_state (self);
}

gboolean
st_document_undo (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);

  if (st_history_in_step (self->history) || !st_history_undo (self->history, self->pattern))
    return FALSE;
  st_document_changed (self);
  return TRUE;
}

gboolean
st_document_redo (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);

  if (st_history_in_step (self->history) || !st_history_redo (self->history, self->pattern))
    return FALSE;
  st_document_changed (self);
  return TRUE;
}

gboolean
st_document_save (StDocument  *self,
                  GFile       *file,
                  GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot save to %s: choose a folder on this computer"), uri);
      return FALSE;
    }
  if (!st_pattern_save_file (self->pattern, path, error))
    return FALSE;

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  self->forced_modified = FALSE;
  st_history_mark_saved (self->history);
  st_document_discard_autosave (self);
  sync_state (self);
  return TRUE;
}

const char *
st_document_get_autosave_path (StDocument *self)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), NULL);
  return self->autosave_path;
}

void
st_document_set_autosave_path (StDocument *self,
                               const char *path)
{
  g_return_if_fail (ST_IS_DOCUMENT (self));

  g_free (self->autosave_path);
  self->autosave_path = g_strdup (path);
}

gboolean
st_document_autosave (StDocument  *self,
                      GError     **error)
{
  g_return_val_if_fail (ST_IS_DOCUMENT (self), FALSE);

  if (!self->modified || (self->autosaved_serial == self->change_serial && self->autosave_path != NULL))
    return TRUE;
  /* A stroke in progress is written when it ends. */
  if (st_history_in_step (self->history))
    return TRUE;
  if (self->autosave_path == NULL)
    {
      self->autosave_path = st_autosave_new_path (error);
      if (self->autosave_path == NULL)
        return FALSE;
    }
  if (!st_autosave_write (self->autosave_path, self->pattern, self->file, error))
    return FALSE;
  self->autosaved_serial = self->change_serial;
  return TRUE;
}

void
st_document_discard_autosave (StDocument *self)
{
  g_return_if_fail (ST_IS_DOCUMENT (self));

  if (self->autosave_path == NULL)
    return;
  st_autosave_remove (self->autosave_path);
  g_clear_pointer (&self->autosave_path, g_free);
  self->autosaved_serial = 0;
}
