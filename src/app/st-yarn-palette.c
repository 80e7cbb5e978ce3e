/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-yarn-palette"

#include "config.h"

#include "st-yarn-palette.h"

#include <glib/gi18n.h>

#include "st-render-types.h"

/* Stitch counts walk the whole chart: at most this often while painting. */
#define RECOUNT_DELAY_MS 200

struct _StYarnPalette
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *primary_swatch_box;
  GtkWidget    *secondary_swatch_box;
  GtkLabel     *primary_label;
  GtkLabel     *secondary_label;
  GtkListBox   *list;

  /* Owned */
  StDocument   *document;
  gulong        changed_handler;
  guint         recount_id;
  guint64       counts[ST_MAX_YARNS];
  GtkLabel     *count_labels[ST_MAX_YARNS];
  GtkWidget    *badges[ST_MAX_YARNS];
  guint         n_rows;

  guint         primary_yarn;
  guint         secondary_yarn;
};

G_DEFINE_FINAL_TYPE (StYarnPalette, st_yarn_palette, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_PRIMARY_YARN,
  PROP_SECONDARY_YARN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const StColor *color = data;
  double r = MIN (width, height) * 0.22;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r - 0.5, r + 0.5, r, -G_PI_2, 0);
  cairo_arc (cr, width - r - 0.5, height - r - 0.5, r, 0, G_PI_2);
  cairo_arc (cr, r + 0.5, height - r - 0.5, r, G_PI_2, G_PI);
  cairo_arc (cr, r + 0.5, r + 0.5, r, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
  st_rgba_set_source (cr, st_rgba_from_color (*color));
  cairo_fill_preserve (cr);
  /* A thin dark edge keeps pale yarns visible on a white sidebar. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
st_swatch_new (StColor color,
               int     size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch,
                                  g_memdup2 (&color, sizeof color), g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
set_box_child (GtkWidget *box,
               GtkWidget *child)
{
  GtkWidget *old;

  while ((old = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), old);
  gtk_box_append (GTK_BOX (box), child);
}

static void
sync_current (StYarnPalette *self)
{
  StPattern *pattern = self->document != NULL ? st_document_get_pattern (self->document) : NULL;
  guint primary, secondary;

  if (pattern == NULL)
    return;
  primary = MIN (self->primary_yarn, pattern->n_yarns - 1);
  secondary = MIN (self->secondary_yarn, pattern->n_yarns - 1);
  set_box_child (self->primary_swatch_box, st_swatch_new (pattern->yarns[primary].color, 32));
  set_box_child (self->secondary_swatch_box, st_swatch_new (pattern->yarns[secondary].color, 32));
  gtk_label_set_label (self->primary_label, pattern->yarns[primary].name);
  gtk_label_set_label (self->secondary_label, pattern->yarns[secondary].name);

  for (guint i = 0; i < self->n_rows; i++)
    {
      /* Translators: badges on a yarn: used by the left (primary) and right
       * (secondary) mouse button. */
      const char *text = i == primary && i == secondary ? C_("mouse buttons", "L R")
                         : i == primary ? C_("mouse buttons", "L")
                         : i == secondary ? C_("mouse buttons", "R")
                         : "";

      gtk_label_set_label (GTK_LABEL (self->badges[i]), text);
      gtk_widget_set_visible (self->badges[i], text[0] != '\0');
    }
}

static void
update_counts (StYarnPalette *self)
{
  StPattern *pattern = st_document_get_pattern (self->document);
  guint64 total = (guint64) st_pattern_needles (pattern) * st_pattern_rows (pattern);

  st_pattern_count_stitches (pattern, self->counts);
  for (guint i = 0; i < self->n_rows; i++)
    {
      g_autofree char *text = NULL;
      unsigned long count = (unsigned long) self->counts[i];
      double percent = total > 0 ? 100.0 * self->counts[i] / total : 0;

      /* Translators: stitches knit in a yarn and their share of the chart;
       * "st" is the knitting abbreviation of stitch and stitches. */
      text = g_strdup_printf (ngettext ("%lu st · %.0f%%", "%lu st · %.0f%%", count), count, percent);
      gtk_label_set_label (self->count_labels[i], text);
    }
}

static gboolean
recount_cb (gpointer data)
{
  StYarnPalette *self = data;

  self->recount_id = 0;
  if (self->document != NULL)
    update_counts (self);
  return G_SOURCE_REMOVE;
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (row), "menu-button");
  GtkWidget *picked = gtk_widget_pick (row, x, y, GTK_PICK_DEFAULT);
  guint index = GPOINTER_TO_UINT (data);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* A press on the menu button is the button's: claiming it here would
   * swallow the click that opens the menu. */
  if (picked != NULL && (picked == menu_button || gtk_widget_is_ancestor (picked, menu_button)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (button == GDK_BUTTON_SECONDARY)
    gtk_widget_activate_action (row, "win.secondary-yarn", "u", index);
  else if (n_press == 2)
    gtk_widget_activate_action (row, "win.edit-yarn", "u", index);
  else
    gtk_widget_activate_action (row, "win.primary-yarn", "u", index);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static GMenuModel *
row_menu (guint index,
          guint n_yarns)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target (item, "win.edit-yarn", "u", index);
  g_menu_append_item (section, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Use as _Secondary"), NULL);
  g_menu_item_set_action_and_target (item, "win.secondary-yarn", "u", index);
  g_menu_append_item (section, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  /* Only the moves there is room for: the action is one for every row. */
  section = g_menu_new ();
  if (index > 0)
    {
      item = g_menu_item_new (_("Move _Up"), NULL);
      g_menu_item_set_action_and_target (item, "win.move-yarn-up", "u", index);
      g_menu_append_item (section, item);
      g_clear_object (&item);
    }
  if (index + 1 < n_yarns)
    {
      item = g_menu_item_new (_("Move _Down"), NULL);
      g_menu_item_set_action_and_target (item, "win.move-yarn-down", "u", index);
      g_menu_append_item (section, item);
      g_clear_object (&item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_("_Remove…"), NULL);
  g_menu_item_set_action_and_target (item, "win.remove-yarn", "u", index);
  g_menu_append_item (section, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_row (StYarnPalette *self,
          guint          index)
{
  StPattern *pattern = st_document_get_pattern (self->document);
  const StYarn *yarn = &pattern->yarns[index];
  GtkWidget *row, *box, *text, *key, *name, *count, *badge, *menu_button;
  GtkGesture *click;
  g_autoptr(GMenuModel) menu = row_menu (index, pattern->n_yarns);
  g_autofree char *key_text = g_strdup_printf ("%c", yarn->key);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *hex = st_color_to_string (yarn->color);

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_add_css_class (box, "yarn-row");

  gtk_box_append (GTK_BOX (box), st_swatch_new (yarn->color, 28));

  key = gtk_label_new (key_text);
  gtk_widget_add_css_class (key, "yarn-key");
  gtk_box_append (GTK_BOX (box), key);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  name = gtk_label_new (yarn->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), name);
  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (text), count);
  gtk_box_append (GTK_BOX (box), text);

  badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (badge, "yarn-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), badge);

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Yarn Menu"));
  gtk_box_append (GTK_BOX (box), menu_button);
  g_object_set_data (G_OBJECT (row), "menu-button", menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  tooltip = g_strdup_printf (_("%s (%c, %s, %s)\nClick: paint with it · Right click: secondary · "
                               "Double click: edit"),
                             yarn->name, yarn->key, hex, st_yarn_weight_name (yarn->weight));
  gtk_widget_set_tooltip_text (row, tooltip);
  accessible = g_strdup_printf (_("Yarn %c, %s"), yarn->key, yarn->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), GUINT_TO_POINTER (index));
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  self->count_labels[index] = GTK_LABEL (count);
  self->badges[index] = badge;
  return row;
}

static void
rebuild (StYarnPalette *self)
{
  StPattern *pattern;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  if (self->document == NULL)
    return;
  pattern = st_document_get_pattern (self->document);
  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      gtk_list_box_append (self->list, make_row (self, i));
      self->n_rows++;
    }
  update_counts (self);
  sync_current (self);
}

static void
list_row_activated_cb (StYarnPalette *self,
                       GtkListBoxRow *row)
{
  /* Keyboard activation (Enter) picks the primary yarn. */
  gtk_widget_activate_action (GTK_WIDGET (row), "win.primary-yarn", "u",
                              (guint) gtk_list_box_row_get_index (row));
}

static void
on_document_changed (StYarnPalette *self,
                     guint          first_row,
                     guint          last_row,
                     gboolean       structure)
{
  if (structure)
    {
      g_clear_handle_id (&self->recount_id, g_source_remove);
      rebuild (self);
      return;
    }
  if (self->recount_id == 0)
    self->recount_id = g_timeout_add (RECOUNT_DELAY_MS, recount_cb, self);
}

static void
st_yarn_palette_dispose (GObject *object)
{
  StYarnPalette *self = ST_YARN_PALETTE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), ST_TYPE_YARN_PALETTE);
  /* The template's unnamed top box is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (st_yarn_palette_parent_class)->dispose (object);
}

static void
st_yarn_palette_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StYarnPalette *self = ST_YARN_PALETTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PRIMARY_YARN:
      g_value_set_uint (value, self->primary_yarn);
      break;
    case PROP_SECONDARY_YARN:
      g_value_set_uint (value, self->secondary_yarn);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_yarn_palette_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StYarnPalette *self = ST_YARN_PALETTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      st_yarn_palette_set_document (self, g_value_get_object (value));
      break;
    case PROP_PRIMARY_YARN:
      self->primary_yarn = g_value_get_uint (value);
      sync_current (self);
      break;
    case PROP_SECONDARY_YARN:
      self->secondary_yarn = g_value_get_uint (value);
      sync_current (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_yarn_palette_class_init (StYarnPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_yarn_palette_dispose;
  object_class->get_property = st_yarn_palette_get_property;
  object_class->set_property = st_yarn_palette_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIMARY_YARN] =
    g_param_spec_uint ("primary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECONDARY_YARN] =
    g_param_spec_uint ("secondary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-yarn-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, StYarnPalette, list);
  gtk_widget_class_bind_template_child (widget_class, StYarnPalette, primary_label);
  gtk_widget_class_bind_template_child (widget_class, StYarnPalette, primary_swatch_box);
  gtk_widget_class_bind_template_child (widget_class, StYarnPalette, secondary_label);
  gtk_widget_class_bind_template_child (widget_class, StYarnPalette, secondary_swatch_box);
  gtk_widget_class_bind_template_callback (widget_class, list_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yarnpalette");
}

static void
st_yarn_palette_init (StYarnPalette *self)
{
  self->primary_yarn = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
st_yarn_palette_new (void)
{
  return g_object_new (ST_TYPE_YARN_PALETTE, NULL);
}

void
st_yarn_palette_set_document (StYarnPalette *self,
                              StDocument    *document)
{
  g_return_if_fail (ST_IS_YARN_PALETTE (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_handler = g_signal_connect_object (document, "changed",
                                                     G_CALLBACK (on_document_changed), self,
                                                     G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
st_yarn_palette_refresh (StYarnPalette *self)
{
  g_return_if_fail (ST_IS_YARN_PALETTE (self));

  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->document != NULL)
    update_counts (self);
}

guint64
st_yarn_palette_get_count (StYarnPalette *self,
                           guint          yarn)
{
  g_return_val_if_fail (ST_IS_YARN_PALETTE (self), 0);
  g_return_val_if_fail (yarn < ST_MAX_YARNS, 0);
  return self->counts[yarn];
}
