/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-preview-view"

#include "config.h"

#include "st-preview-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "st-preview-render.h"

#define MIN_TILT 0.0
#define MAX_TILT 1.2

struct _StPreviewView
{
  GtkWidget         parent_instance;

  StDocument       *document;
  gulong            changed_handler;
  StPreviewOptions  options;
  double            drag_rotation;
  double            drag_tilt;
};

G_DEFINE_FINAL_TYPE (StPreviewView, st_preview_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_HAT,
  PROP_POMPOM,
  PROP_ROTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_document_changed (StPreviewView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_preview_view_turn (StPreviewView *self,
                      double         radians,
                      double         tilt)
{
  g_return_if_fail (ST_IS_PREVIEW_VIEW (self));

  self->options.rotation = fmod (self->options.rotation + radians, 2 * G_PI);
  self->options.tilt = CLAMP (self->options.tilt + tilt, MIN_TILT, MAX_TILT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
st_preview_view_get_rotation (StPreviewView *self)
{
  g_return_val_if_fail (ST_IS_PREVIEW_VIEW (self), 0);
  return self->options.rotation;
}

void
st_preview_view_reset (StPreviewView *self)
{
  g_return_if_fail (ST_IS_PREVIEW_VIEW (self));

  self->options.rotation = 0;
  self->options.tilt = ST_PREVIEW_DEFAULT_TILT;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_preview_view_set_highlight_row (StPreviewView *self,
                                   gint64         row)
{
  g_return_if_fail (ST_IS_PREVIEW_VIEW (self));

  if (row < 0 ? !self->options.has_highlight
              : self->options.has_highlight && self->options.highlight_row == row)
    return;
  self->options.has_highlight = row >= 0 && row <= G_MAXUINT;
  self->options.highlight_row = row >= 0 && row <= G_MAXUINT ? (guint) row : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
st_preview_view_get_highlight_row (StPreviewView *self)
{
  g_return_val_if_fail (ST_IS_PREVIEW_VIEW (self), -1);
  return self->options.has_highlight ? (gint64) self->options.highlight_row : -1;
}

static void
drag_begin_cb (StPreviewView  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_rotation = self->options.rotation;
  self->drag_tilt = self->options.tilt;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (StPreviewView  *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);

  /* A drag across the whole view is half a turn; dragging right brings the
   * stitches on the left to the front, like turning the tube by hand. */
  self->options.rotation = self->drag_rotation + offset_x / width * G_PI;
  self->options.tilt = CLAMP (self->drag_tilt + offset_y / width, MIN_TILT, MAX_TILT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed_cb (StPreviewView   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  if (n_press == 2)
    st_preview_view_reset (self);
}

static gboolean
key_pressed_cb (StPreviewView         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
      st_preview_view_turn (self, -G_PI / 12, 0);
      return TRUE;
    case GDK_KEY_Right:
      st_preview_view_turn (self, G_PI / 12, 0);
      return TRUE;
    case GDK_KEY_Up:
      st_preview_view_turn (self, 0, -0.1);
      return TRUE;
    case GDK_KEY_Down:
      st_preview_view_turn (self, 0, 0.1);
      return TRUE;
    case GDK_KEY_Home:
      st_preview_view_reset (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
st_preview_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  StPreviewView *self = ST_PREVIEW_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->document == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  st_preview_render (cr, st_document_get_pattern (self->document), &self->options, width, height);
  cairo_destroy (cr);
}

static void
st_preview_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 120;
  *natural = 280;
}

static void
st_preview_view_dispose (GObject *object)
{
  StPreviewView *self = ST_PREVIEW_VIEW (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (st_preview_view_parent_class)->dispose (object);
}

static void
st_preview_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StPreviewView *self = ST_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_HAT:
      g_value_set_boolean (value, self->options.hat);
      break;
    case PROP_POMPOM:
      g_value_set_boolean (value, self->options.pompom);
      break;
    case PROP_ROTATION:
      g_value_set_double (value, self->options.rotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_preview_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StPreviewView *self = ST_PREVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      st_preview_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_HAT:
      self->options.hat = g_value_get_boolean (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_POMPOM:
      self->options.pompom = g_value_get_boolean (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_ROTATION:
      self->options.rotation = g_value_get_double (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_preview_view_class_init (StPreviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_preview_view_dispose;
  object_class->get_property = st_preview_view_get_property;
  object_class->set_property = st_preview_view_set_property;

  widget_class->snapshot = st_preview_view_snapshot;
  widget_class->measure = st_preview_view_measure;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAT] =
    g_param_spec_boolean ("hat", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POMPOM] =
    g_param_spec_boolean ("pompom", NULL, NULL, TRUE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION] =
    g_param_spec_double ("rotation", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "previewview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
st_preview_view_init (StPreviewView *self)
{
  GtkGesture *drag, *click;
  GtkEventController *key;

  st_preview_options_init (&self->options);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the knitted piece: drag or use the arrow keys to turn it"),
                                  -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

GtkWidget *
st_preview_view_new (void)
{
  return g_object_new (ST_TYPE_PREVIEW_VIEW, NULL);
}

void
st_preview_view_set_document (StPreviewView *self,
                              StDocument    *document)
{
  g_return_if_fail (ST_IS_PREVIEW_VIEW (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_handler = g_signal_connect_object (document, "changed",
                                                     G_CALLBACK (on_document_changed), self,
                                                     G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
