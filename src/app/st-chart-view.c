/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-chart-view"

#include "config.h"

#include "st-chart-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "st-check.h"

#define ZOOM_STEP 1.25
#define DEFAULT_CELL_WIDTH 18.0
/* Wheel clicks pan this many cells. */
#define WHEEL_CELLS 3.0

struct _StChartView
{
  GtkWidget           parent_instance;

  /* Owned */
  StDocument         *document;
  gulong              changed_handler;
  StChartLayout       layout;
  gboolean            have_layout;
  gboolean            needs_fit;
  StStroke            stroke;
  gboolean            keyboard_stroke;
  StCellTintFunc      tint;
  gpointer            tint_data;
  GDestroyNotify      tint_destroy;

  /* Tool state, bound from the window */
  StTool              tool;
  StToolOptions       options;
  guint               primary_yarn;
  guint               secondary_yarn;
  StStitchStyle       stitch_style;

  /* Interaction */
  gint64              cursor_row;
  gint64              cursor_column;
  gboolean            show_cursor;
  gboolean            hovering;
  gboolean            has_selection;
  StSelection         selection;
  gboolean            panning;
  double              drag_start_x;
  double              drag_start_y;
  double              pan_last_x;
  double              pan_last_y;
  double              pointer_x;
  double              pointer_y;
  double              pinch_start_width;
  gint64              highlight_row;
};

G_DEFINE_FINAL_TYPE (StChartView, st_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_TOOL,
  PROP_BRUSH_SIZE,
  PROP_REPEAT_WIDTH,
  PROP_MIRROR,
  PROP_PRIMARY_YARN,
  PROP_SECONDARY_YARN,
  PROP_STITCH_STYLE,
  PROP_ZOOM,
  N_PROPS
};

enum
{
  YARN_PICKED,
  POSITION_CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static StPattern *
pattern_of (StChartView *self)
{
  return self->document != NULL ? st_document_get_pattern (self->document) : NULL;
}

static void
update_accessible (StChartView *self)
{
  StPattern *pattern = pattern_of (self);
  g_autofree char *description = NULL;
  guint needle;
  guint8 yarn;

  if (pattern == NULL)
    return;
  needle = st_chart_wrap_needle (pattern->chart, self->cursor_column);
  yarn = st_chart_get (pattern->chart, (guint) self->cursor_row, needle);
  /* Translators: the keyboard cursor's place on the chart, 1-based; a
   * flatbed's panel is knit in rows, a circular machine's tube in rounds. */
  description = g_strdup_printf (st_check_knits_flat (pattern->profile) ? _("Row %u, needle %u: %s")
                                                                          : _("Round %u, needle %u: %s"),
                                 (guint) self->cursor_row + 1, needle + 1, pattern->yarns[yarn].name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
emit_position (StChartView *self)
{
  StPattern *pattern = pattern_of (self);

  if (pattern == NULL)
    return;
  g_signal_emit (self, signals[POSITION_CHANGED], 0, (guint) self->cursor_row,
                 st_chart_wrap_needle (pattern->chart, self->cursor_column));
}

static void
update_mouse_cursor (StChartView *self)
{
  const char *name = "crosshair";

  if (self->panning)
    name = "grabbing";
  else if (self->tool == ST_TOOL_SELECT)
    name = "cell";
  else if (self->tool == ST_TOOL_MOVE)
    name = "move";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* (Re)builds the layout for the document's size, keeping zoom and scroll. */
static void
sync_layout (StChartView *self)
{
  StPattern *pattern = pattern_of (self);
  double cell = self->have_layout ? self->layout.cell_width : DEFAULT_CELL_WIDTH;
  double scroll_column = self->layout.scroll_column, scroll_row = self->layout.scroll_row;

  if (pattern == NULL)
    {
      self->have_layout = FALSE;
      return;
    }
  st_chart_layout_init_for_pattern (&self->layout, pattern, cell,
                                    gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->have_layout)
    {
      self->layout.scroll_column = scroll_column;
      self->layout.scroll_row = scroll_row;
    }
  st_chart_layout_clamp (&self->layout);
  self->have_layout = TRUE;
}

static void
clamp_cursor (StChartView *self)
{
  StPattern *pattern = pattern_of (self);

  if (pattern == NULL)
    return;
  self->cursor_row = CLAMP (self->cursor_row, 0, (gint64) st_pattern_rows (pattern) - 1);
  if (!self->layout.wrap)
    self->cursor_column = CLAMP (self->cursor_column, 0, (gint64) st_pattern_needles (pattern) - 1);
}

static void
on_document_changed (StChartView *self,
                     guint        first_row,
                     guint        last_row,
                     gboolean     structure,
                     StDocument  *document)
{
  if (structure)
    {
      StPattern *pattern = pattern_of (self);

      sync_layout (self);
      clamp_cursor (self);
      if (self->has_selection)
        {
          self->has_selection = st_selection_normalize (&self->selection, pattern);
          g_signal_emit (self, signals[SELECTION_CHANGED], 0);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static guint8
yarn_for (StChartView *self,
          gboolean     secondary)
{
  StPattern *pattern = pattern_of (self);
  guint yarn = secondary ? self->secondary_yarn : self->primary_yarn;

  return (guint8) MIN (yarn, pattern->n_yarns - 1);
}

/* Starts a stroke at a cell; shared by the pointer and the keyboard. */
static void
begin_at (StChartView *self,
          gint64       row,
          gint64       column,
          gboolean     secondary)
{
  StPattern *pattern = pattern_of (self);
  gboolean changed;

  if (pattern == NULL)
    return;
  if (self->stroke.active)
    st_chart_view_cancel (self);

  changed = st_stroke_begin (&self->stroke, pattern, st_document_get_history (self->document),
                             self->tool, &self->options, yarn_for (self, secondary),
                             yarn_for (self, !secondary),
                             self->has_selection ? &self->selection : NULL, row, column);
  if (self->tool == ST_TOOL_EYEDROPPER && self->stroke.picked >= 0)
    g_signal_emit (self, signals[YARN_PICKED], 0, (guint) self->stroke.picked, secondary);
  if (changed)
    st_document_changed (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_to (StChartView *self,
           gint64       row,
           gint64       column)
{
  if (!self->stroke.active)
    return;
  if (st_stroke_update (&self->stroke, row, column))
    st_document_changed (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
finish_stroke (StChartView *self)
{
  StTool tool = self->stroke.tool;
  gboolean was_click;

  if (!self->stroke.active)
    return;
  was_click = self->stroke.start_row == self->stroke.last_row &&
              self->stroke.start_column == self->stroke.last_column;
  st_stroke_end (&self->stroke);
  self->keyboard_stroke = FALSE;
  if (tool == ST_TOOL_SELECT || tool == ST_TOOL_MOVE)
    {
      /* A click with the select tool clears the selection. */
      self->has_selection = self->stroke.has_selection && !(tool == ST_TOOL_SELECT && was_click);
      if (self->has_selection)
        self->selection = self->stroke.selection;
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }
  /* Closing the step changes can-undo and the modified flag. */
  st_document_changed (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_chart_view_press (StChartView *self,
                     double       x,
                     double       y,
                     gboolean     secondary)
{
  gint64 row, column;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (!self->have_layout)
    return;
  if (!st_chart_layout_cell_at (&self->layout, x, y, &row, &column))
    return;
  self->cursor_row = row;
  self->cursor_column = column;
  begin_at (self, row, column, secondary);
  emit_position (self);
}

void
st_chart_view_drag_to (StChartView *self,
                       double       x,
                       double       y)
{
  gint64 row, column;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (!self->have_layout || !self->stroke.active)
    return;
  st_chart_layout_cell_at (&self->layout, x, y, &row, &column);
  update_to (self, row, column);
  if (row >= 0 && row < self->layout.rows)
    {
      self->cursor_row = row;
      self->cursor_column = column;
      emit_position (self);
    }
}

void
st_chart_view_release (StChartView *self)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));
  finish_stroke (self);
}

void
st_chart_view_cancel (StChartView *self)
{
  gboolean changed;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (!self->stroke.active)
    return;
  changed = st_stroke_cancel (&self->stroke);
  self->keyboard_stroke = FALSE;
  if (self->stroke.tool == ST_TOOL_MOVE)
    {
      self->selection = self->stroke.selection;
      self->has_selection = self->stroke.has_selection;
    }
  if (changed || self->document != NULL)
    st_document_changed (self->document);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
st_chart_view_is_painting (StChartView *self)
{
  g_return_val_if_fail (ST_IS_CHART_VIEW (self), FALSE);
  return self->stroke.active;
}

void
st_chart_view_cell_centre (StChartView *self,
                           gint64       row,
                           gint64       column,
                           double      *x,
                           double      *y)
{
  double cx, cy, w, h;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  st_chart_layout_cell_rect (&self->layout, row, column, &cx, &cy, &w, &h);
  *x = cx + w / 2;
  *y = cy + h / 2;
}

static void
cursor_moved (StChartView *self)
{
  gint64 shown;

  clamp_cursor (self);
  shown = st_chart_layout_scroll_to_cell (&self->layout, self->cursor_row, self->cursor_column);
  /* Keep the cursor on the copy of its needle that is on screen. */
  if (!self->stroke.active)
    self->cursor_column = shown;
  self->show_cursor = TRUE;
  if (self->keyboard_stroke)
    update_to (self, self->cursor_row, self->cursor_column);
  update_accessible (self);
  emit_position (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_chart_view_move_cursor (StChartView *self,
                           int          rows,
                           int          needles)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (pattern_of (self) == NULL)
    return;
  self->cursor_row += rows;
  self->cursor_column += needles;
  cursor_moved (self);
}

void
st_chart_view_set_cursor (StChartView *self,
                          gint64       row,
                          gint64       column)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (pattern_of (self) == NULL)
    return;
  self->cursor_row = row;
  self->cursor_column = column;
  cursor_moved (self);
}

void
st_chart_view_get_cursor (StChartView *self,
                          guint       *row,
                          guint       *needle)
{
  StPattern *pattern = pattern_of (self);

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  *row = (guint) self->cursor_row;
  *needle = pattern != NULL ? st_chart_wrap_needle (pattern->chart, self->cursor_column) : 0;
}

void
st_chart_view_activate_cursor (StChartView *self,
                               gboolean     secondary)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (pattern_of (self) == NULL)
    return;
  self->show_cursor = TRUE;
  if (self->keyboard_stroke)
    {
      finish_stroke (self);
      return;
    }
  begin_at (self, self->cursor_row, self->cursor_column, secondary);
  switch (self->tool)
    {
    case ST_TOOL_LINE:
    case ST_TOOL_RECTANGLE:
    case ST_TOOL_FILLED_RECTANGLE:
    case ST_TOOL_SELECT:
    case ST_TOOL_MOVE:
      /* Shapes follow the cursor until space is pressed again. */
      self->keyboard_stroke = self->stroke.active;
      break;
    case ST_TOOL_PENCIL:
    case ST_TOOL_FILL:
    case ST_TOOL_EYEDROPPER:
    case ST_N_TOOLS:
    default:
      finish_stroke (self);
      break;
    }
}

static void
set_cell_width (StChartView *self,
                double       width,
                double       x,
                double       y)
{
  double before = self->layout.cell_width;

  if (!self->have_layout)
    return;
  st_chart_layout_zoom_at (&self->layout, width, x, y);
  if (self->layout.cell_width != before)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
st_chart_view_zoom_at (StChartView *self,
                       double       factor,
                       double       x,
                       double       y)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));
  set_cell_width (self, self->layout.cell_width * factor, x, y);
}

/* Keyboard and button zoom keeps the cursor (or the view's centre) still. */
static void
zoom_anchor (StChartView *self,
             double      *x,
             double      *y)
{
  if (self->show_cursor)
    st_chart_view_cell_centre (self, self->cursor_row, self->cursor_column, x, y);
  else
    {
      *x = self->layout.gutter_left + st_chart_layout_area_width (&self->layout) / 2;
      *y = st_chart_layout_area_height (&self->layout) / 2;
    }
}

void
st_chart_view_zoom_in (StChartView *self)
{
  double x, y;

  g_return_if_fail (ST_IS_CHART_VIEW (self));
  zoom_anchor (self, &x, &y);
  st_chart_view_zoom_at (self, ZOOM_STEP, x, y);
}

void
st_chart_view_zoom_out (StChartView *self)
{
  double x, y;

  g_return_if_fail (ST_IS_CHART_VIEW (self));
  zoom_anchor (self, &x, &y);
  st_chart_view_zoom_at (self, 1 / ZOOM_STEP, x, y);
}

void
st_chart_view_zoom_to_fit (StChartView *self)
{
  double area_w, area_h, width;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (!self->have_layout || self->layout.width <= 0)
    {
      self->needs_fit = TRUE;
      return;
    }
  area_w = st_chart_layout_area_width (&self->layout);
  area_h = st_chart_layout_area_height (&self->layout);
  /* A whole round across, but never so tall that fewer than a dozen
   * rounds show, and no bigger than is comfortable. */
  width = area_w / MAX (self->layout.needles, 1);
  width = MIN (width, area_h / 12.0 / self->layout.aspect);
  width = CLAMP (floor (width), 4.0, 32.0);
  self->layout.cell_width = width;
  self->layout.cell_height = width * self->layout.aspect;
  self->layout.scroll_column = 0;
  self->layout.scroll_row = 0;
  st_chart_layout_clamp (&self->layout);
  self->needs_fit = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_chart_view_pan (StChartView *self,
                   double       dx,
                   double       dy)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (!self->have_layout)
    return;
  st_chart_layout_pan (&self->layout, dx, dy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
st_chart_view_get_selection (StChartView *self,
                             StSelection *selection)
{
  g_return_val_if_fail (ST_IS_CHART_VIEW (self), FALSE);

  if (self->has_selection && selection != NULL)
    *selection = self->selection;
  return self->has_selection;
}

void
st_chart_view_set_selection (StChartView       *self,
                             const StSelection *selection)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  self->has_selection = FALSE;
  if (selection != NULL && pattern_of (self) != NULL)
    {
      self->selection = *selection;
      self->has_selection = st_selection_normalize (&self->selection, pattern_of (self));
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_chart_view_select_all (StChartView *self)
{
  StPattern *pattern = pattern_of (self);
  StSelection all;

  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (pattern == NULL)
    return;
  all = (StSelection) { 0, st_pattern_rows (pattern) - 1, 0, st_pattern_needles (pattern) - 1 };
  st_chart_view_set_selection (self, &all);
}

void
st_chart_view_set_tint_func (StChartView    *self,
                             StCellTintFunc  func,
                             gpointer        data,
                             GDestroyNotify  destroy)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  if (self->tint_destroy != NULL)
    self->tint_destroy (self->tint_data);
  self->tint = func;
  self->tint_data = data;
  self->tint_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
st_chart_view_set_highlight_row (StChartView *self,
                                 gint64       row)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));

  self->highlight_row = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
st_chart_view_get_highlight_row (StChartView *self)
{
  g_return_val_if_fail (ST_IS_CHART_VIEW (self), -1);
  return self->highlight_row;
}

/* Input controllers: they only translate events into the calls above. */

static void
drag_begin_cb (StChartView    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->show_cursor = FALSE;
  /* The middle button, or the left with Alt held, pans the chart. */
  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && (state & GDK_ALT_MASK)))
    {
      self->panning = TRUE;
      self->pan_last_x = x;
      self->pan_last_y = y;
      update_mouse_cursor (self);
      return;
    }
  st_chart_view_press (self, x, y, button == GDK_BUTTON_SECONDARY);
}

static void
drag_update_cb (StChartView    *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double x = self->drag_start_x + offset_x, y = self->drag_start_y + offset_y;

  if (self->panning)
    {
      st_chart_view_pan (self, x - self->pan_last_x, y - self->pan_last_y);
      self->pan_last_x = x;
      self->pan_last_y = y;
      return;
    }
  st_chart_view_drag_to (self, x, y);
}

static void
drag_end_cb (StChartView    *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  if (self->panning)
    {
      self->panning = FALSE;
      update_mouse_cursor (self);
      return;
    }
  st_chart_view_release (self);
}

static void
drag_cancel_cb (StChartView      *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->panning = FALSE;
  st_chart_view_cancel (self);
}

static gboolean
scroll_cb (StChartView              *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (!self->have_layout)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (ZOOM_STEP, -dy) : pow (1.01, -dy);

      st_chart_view_zoom_at (self, factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx = dy;
      dy = 0;
    }
  if (wheel)
    {
      dx *= WHEEL_CELLS * self->layout.cell_width;
      dy *= WHEEL_CELLS * self->layout.cell_height;
    }
  /* Scrolling down shows lower rounds: the content moves up. */
  st_chart_view_pan (self, -dx, -dy);
  return TRUE;
}

static void
zoom_begin_cb (StChartView      *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  self->pinch_start_width = self->layout.cell_width;
  st_chart_view_cancel (self);
}

static void
zoom_scale_changed_cb (StChartView    *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  set_cell_width (self, self->pinch_start_width * scale, x, y);
}

static void
motion_cb (StChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gint64 row, column;

  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->have_layout || self->stroke.active || self->panning)
    return;
  /* The cursor follows the pointer, so mouse and keyboard share it. */
  self->hovering = st_chart_layout_cell_at (&self->layout, x, y, &row, &column);
  if (self->hovering && (row != self->cursor_row || column != self->cursor_column || !self->show_cursor))
    {
      self->cursor_row = row;
      self->cursor_column = column;
      self->show_cursor = TRUE;
      emit_position (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (StChartView              *self,
          GtkEventControllerMotion *controller)
{
  self->hovering = FALSE;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    self->show_cursor = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (StChartView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int step = (state & GDK_SHIFT_MASK) ? 10 : 1;
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  int page = MAX (1, (int) (st_chart_layout_area_height (&self->layout) / self->layout.cell_height) - 1);

  if (mods != 0 || pattern_of (self) == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      st_chart_view_move_cursor (self, 0, -step);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      st_chart_view_move_cursor (self, 0, step);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      st_chart_view_move_cursor (self, step, 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      st_chart_view_move_cursor (self, -step, 0);
      return TRUE;
    case GDK_KEY_Page_Up:
      st_chart_view_move_cursor (self, page, 0);
      return TRUE;
    case GDK_KEY_Page_Down:
      st_chart_view_move_cursor (self, -page, 0);
      return TRUE;
    case GDK_KEY_Home:
      st_chart_view_set_cursor (self, self->cursor_row, 0);
      return TRUE;
    case GDK_KEY_End:
      st_chart_view_set_cursor (self, self->cursor_row, (gint64) self->layout.needles - 1);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      st_chart_view_activate_cursor (self, (state & GDK_SHIFT_MASK) != 0);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->stroke.active)
        st_chart_view_cancel (self);
      else if (self->has_selection)
        st_chart_view_set_selection (self, NULL);
      else
        return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_changed_cb (StChartView *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)) && !self->hovering)
    self->show_cursor = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
st_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  StChartView *self = ST_CHART_VIEW (widget);
  StPattern *pattern = pattern_of (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  StChartRenderStyle style;
  StChartOverlay overlay;
  cairo_t *cr;

  if (pattern == NULL || !self->have_layout || width <= 0 || height <= 0)
    return;

  st_chart_render_style_init (&style, is_dark (widget));
  style.stitch_style = self->stitch_style;

  st_chart_overlay_init (&overlay);
  overlay.has_cursor = self->show_cursor && self->tool != ST_TOOL_SELECT && self->tool != ST_TOOL_MOVE;
  overlay.cursor_row = self->cursor_row;
  overlay.cursor_column = self->cursor_column;
  overlay.cursor_size = self->tool == ST_TOOL_PENCIL ? self->options.brush_size : 1;
  if (self->stroke.active && (self->stroke.tool == ST_TOOL_SELECT || self->stroke.tool == ST_TOOL_MOVE))
    {
      overlay.has_selection = self->stroke.has_selection;
      overlay.selection_row0 = self->stroke.selection.row0;
      overlay.selection_row1 = self->stroke.selection.row1;
      overlay.selection_column0 = self->stroke.selection.column0;
      overlay.selection_column1 = self->stroke.selection.column1;
    }
  else if (self->has_selection)
    {
      overlay.has_selection = TRUE;
      overlay.selection_row0 = self->selection.row0;
      overlay.selection_row1 = self->selection.row1;
      overlay.selection_column0 = self->selection.column0;
      overlay.selection_column1 = self->selection.column1;
    }
  overlay.repeat_width = st_tool_options_repeat (&self->options, st_pattern_needles (pattern));
  overlay.mirror = self->options.mirror;
  overlay.highlight_row = self->highlight_row;
  overlay.tint = self->tint;
  overlay.tint_data = self->tint_data;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  st_chart_render (cr, pattern, &self->layout, &style, &overlay);
  cairo_destroy (cr);
}

static void
st_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  StChartView *self = ST_CHART_VIEW (widget);

  if (!self->have_layout)
    return;
  st_chart_layout_set_size (&self->layout, width, height);
  if (self->needs_fit && width > 0 && height > 0)
    st_chart_view_zoom_to_fit (self);
}

static void
st_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

/* GObject */

static void
st_chart_view_dispose (GObject *object)
{
  StChartView *self = ST_CHART_VIEW (object);

  if (self->stroke.active)
    st_stroke_cancel (&self->stroke);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);
  if (self->tint_destroy != NULL)
    self->tint_destroy (self->tint_data);
  self->tint = NULL;
  self->tint_destroy = NULL;
  G_OBJECT_CLASS (st_chart_view_parent_class)->dispose (object);
}

static void
st_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StChartView *self = ST_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_TOOL:
      g_value_set_string (value, st_tool_to_name (self->tool));
      break;
    case PROP_BRUSH_SIZE:
      g_value_set_uint (value, self->options.brush_size);
      break;
    case PROP_REPEAT_WIDTH:
      g_value_set_uint (value, self->options.repeat_width);
      break;
    case PROP_MIRROR:
      g_value_set_boolean (value, self->options.mirror);
      break;
    case PROP_PRIMARY_YARN:
      g_value_set_uint (value, self->primary_yarn);
      break;
    case PROP_SECONDARY_YARN:
      g_value_set_uint (value, self->secondary_yarn);
      break;
    case PROP_STITCH_STYLE:
      g_value_set_string (value, self->stitch_style == ST_STITCH_STYLE_STITCHES ? "stitches" : "plain");
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->have_layout ? self->layout.cell_width : DEFAULT_CELL_WIDTH);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StChartView *self = ST_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      st_chart_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_TOOL:
      {
        StTool tool;

        if (st_tool_from_name (g_value_get_string (value), &tool) && tool != self->tool)
          {
            st_chart_view_cancel (self);
            self->tool = tool;
            update_mouse_cursor (self);
            gtk_widget_queue_draw (GTK_WIDGET (self));
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_BRUSH_SIZE:
      self->options.brush_size = g_value_get_uint (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_REPEAT_WIDTH:
      self->options.repeat_width = g_value_get_uint (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_MIRROR:
      self->options.mirror = g_value_get_boolean (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_PRIMARY_YARN:
      self->primary_yarn = g_value_get_uint (value);
      break;
    case PROP_SECONDARY_YARN:
      self->secondary_yarn = g_value_get_uint (value);
      break;
    case PROP_STITCH_STYLE:
      if (!st_stitch_style_from_name (g_value_get_string (value), &self->stitch_style))
        self->stitch_style = ST_STITCH_STYLE_PLAIN;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_ZOOM:
      {
        double x, y;

        zoom_anchor (self, &x, &y);
        set_cell_width (self, g_value_get_double (value), x, y);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_chart_view_class_init (StChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_chart_view_dispose;
  object_class->get_property = st_chart_view_get_property;
  object_class->set_property = st_chart_view_set_property;

  widget_class->snapshot = st_chart_view_snapshot;
  widget_class->size_allocate = st_chart_view_size_allocate;
  widget_class->measure = st_chart_view_measure;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "pencil",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_uint ("brush-size", NULL, NULL, 1, 3, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPEAT_WIDTH] =
    g_param_spec_uint ("repeat-width", NULL, NULL, 0, ST_MAX_NEEDLES, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIRROR] =
    g_param_spec_boolean ("mirror", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIMARY_YARN] =
    g_param_spec_uint ("primary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECONDARY_YARN] =
    g_param_spec_uint ("secondary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STITCH_STYLE] =
    g_param_spec_string ("stitch-style", NULL, NULL, "plain",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ST_CHART_MIN_CELL_WIDTH, ST_CHART_MAX_CELL_WIDTH,
                         DEFAULT_CELL_WIDTH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The eyedropper picked @yarn for the primary or secondary slot. */
  signals[YARN_PICKED] =
    g_signal_new ("yarn-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
  /* The stitch under the pointer or keyboard cursor: round and needle. */
  signals[POSITION_CHANGED] =
    g_signal_new ("position-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
st_chart_view_init (StChartView *self)
{
  GtkGesture *drag, *zoom;
  GtkEventController *scroll, *motion, *key, *focus;

  self->tool = ST_TOOL_PENCIL;
  st_tool_options_init (&self->options);
  self->primary_yarn = 1;
  self->secondary_yarn = 0;
  self->highlight_row = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_mouse_cursor (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart: arrow keys move, space paints"), -1);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  gtk_gesture_group (zoom, drag);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
st_chart_view_new (void)
{
  return g_object_new (ST_TYPE_CHART_VIEW, NULL);
}

void
st_chart_view_set_document (StChartView *self,
                            StDocument  *document)
{
  g_return_if_fail (ST_IS_CHART_VIEW (self));
  g_return_if_fail (document == NULL || ST_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  st_chart_view_cancel (self);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_handler = g_signal_connect_object (document, "changed",
                                                     G_CALLBACK (on_document_changed), self,
                                                     G_CONNECT_SWAPPED);
  self->have_layout = FALSE;
  self->has_selection = FALSE;
  self->cursor_row = 0;
  self->cursor_column = 0;
  sync_layout (self);
  st_chart_view_zoom_to_fit (self);
  update_accessible (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

StDocument *
st_chart_view_get_document (StChartView *self)
{
  g_return_val_if_fail (ST_IS_CHART_VIEW (self), NULL);
  return self->document;
}

const StChartLayout *
st_chart_view_get_layout (StChartView *self)
{
  g_return_val_if_fail (ST_IS_CHART_VIEW (self), NULL);
  return &self->layout;
}
