/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-yarn-dialog"

#include "config.h"

#include "st-yarn-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-yarn-palette.h"

struct _StYarnDialog
{
  GtkWindow       parent_instance;

  /* Template widgets */
  GtkButton      *accept_button;
  GtkWidget      *color_box;
  GtkEntry       *name_entry;
  GtkEntry       *key_entry;
  GtkDropDown    *weight_dropdown;
  GtkEntry       *fibre_entry;
  GtkSwitch      *sticky_switch;
  GtkLabel       *error_label;

  /* Borrowed */
  GtkWindow      *target;
  const StPattern *pattern;

  int             index;
  StColor         color;
};

G_DEFINE_FINAL_TYPE (StYarnDialog, st_yarn_dialog, GTK_TYPE_WINDOW)

static void
show_color (StYarnDialog *self)
{
  GtkWidget *child;
  g_autofree char *hex = st_color_to_string (self->color);

  while ((child = gtk_widget_get_first_child (self->color_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->color_box), child);
  gtk_box_append (GTK_BOX (self->color_box), st_swatch_new (self->color, 24));
  gtk_box_append (GTK_BOX (self->color_box), gtk_label_new (hex));
}

static void
chooser_response_cb (GtkColorChooserDialog *chooser,
                     int                    response,
                     StYarnDialog          *self)
{
  if (response == GTK_RESPONSE_OK)
    {
      GdkRGBA rgba;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (chooser), &rgba);
      self->color.red = (guint8) CLAMP (rgba.red * 255 + 0.5, 0, 255);
      self->color.green = (guint8) CLAMP (rgba.green * 255 + 0.5, 0, 255);
      self->color.blue = (guint8) CLAMP (rgba.blue * 255 + 0.5, 0, 255);
      show_color (self);
    }
  gtk_window_destroy (GTK_WINDOW (chooser));
}

static void
color_clicked_cb (StYarnDialog *self)
{
  GtkWidget *chooser = gtk_color_chooser_dialog_new (_("Yarn Colour"), GTK_WINDOW (self));
  GdkRGBA rgba = { self->color.red / 255.0, self->color.green / 255.0, self->color.blue / 255.0, 1 };

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (chooser), FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (chooser), &rgba);
  gtk_window_set_modal (GTK_WINDOW (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
show_error (StYarnDialog *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
accept_clicked_cb (StYarnDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_entry));
  const char *fibre = gtk_editable_get_text (GTK_EDITABLE (self->fibre_entry));
  g_autofree char *hex = st_color_to_string (self->color);
  int existing;

  if (name[0] == '\0')
    {
      show_error (self, _("Give the yarn a name, for example its colour."));
      return;
    }
  if (strlen (key) != 1 || !st_yarn_key_is_valid (key[0]))
    {
      show_error (self, _("The key must be one letter (A–Z, a–z) or digit."));
      return;
    }
  existing = st_pattern_find_yarn (self->pattern, key[0]);
  if (existing >= 0 && existing != self->index)
    {
      g_autofree char *message = g_strdup_printf (_("Key %c is already used by %s."), key[0],
                                                  self->pattern->yarns[existing].name);
      show_error (self, message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self->target), "win.apply-yarn", "(isssusb)", self->index,
                              key, name, hex, gtk_drop_down_get_selected (self->weight_dropdown),
                              fibre, gtk_switch_get_active (self->sticky_switch));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
st_yarn_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ST_TYPE_YARN_DIALOG);
  G_OBJECT_CLASS (st_yarn_dialog_parent_class)->dispose (object);
}

static void
st_yarn_dialog_class_init (StYarnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_yarn_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-yarn-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, color_box);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, fibre_entry);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, sticky_switch);
  gtk_widget_class_bind_template_child (widget_class, StYarnDialog, weight_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hide_error_cb (StYarnDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
st_yarn_dialog_init (StYarnDialog *self)
{
  g_autoptr(GtkStringList) weights = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (int w = ST_WEIGHT_LACE; w <= ST_WEIGHT_JUMBO; w++)
    {
      g_autofree char *label = g_strdup_printf ("%d · %s", w, st_yarn_weight_name (w));

      gtk_string_list_append (weights, label);
    }
  gtk_drop_down_set_model (self->weight_dropdown, G_LIST_MODEL (weights));
  /* A complaint about the key goes once the key is retyped. */
  g_signal_connect_swapped (self->key_entry, "changed", G_CALLBACK (hide_error_cb), self);
}

StYarnDialog *
st_yarn_dialog_new (GtkWindow       *parent,
                    const StPattern *pattern,
                    int              index)
{
  StYarnDialog *self = g_object_new (ST_TYPE_YARN_DIALOG, "transient-for", parent, NULL);
  char key[2] = { 0, 0 };

  self->target = parent;
  self->pattern = pattern;
  self->index = index;
  if (index >= 0)
    {
      const StYarn *yarn = &pattern->yarns[index];

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Yarn"));
      gtk_button_set_label (self->accept_button, _("_Apply"));
      self->color = yarn->color;
      key[0] = yarn->key;
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), yarn->name);
      gtk_drop_down_set_selected (self->weight_dropdown, yarn->weight);
      gtk_editable_set_text (GTK_EDITABLE (self->fibre_entry), yarn->fibre != NULL ? yarn->fibre : "");
      gtk_switch_set_active (self->sticky_switch, yarn->sticky);
    }
  else
    {
      const StProfile *profile = pattern->profile;

      gtk_window_set_title (GTK_WINDOW (self), _("Add Yarn"));
      gtk_button_set_label (self->accept_button, _("_Add"));
      /* A colour far from the first yarns, in the machine's weight range. */
      self->color = (StColor) { 0x1b, 0x4f, 0x9b };
      key[0] = st_yarn_next_free_key (pattern->yarns, pattern->n_yarns);
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), _("New yarn"));
      gtk_drop_down_set_selected (self->weight_dropdown,
                                  profile != NULL ? CLAMP (ST_WEIGHT_MEDIUM, profile->weight_min,
                                                           profile->weight_max)
                                                  : ST_WEIGHT_MEDIUM);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), key);
  show_color (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->accept_button));
  return self;
}
