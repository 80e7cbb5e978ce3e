/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-pattern-dialog"

#include "config.h"

#include "st-pattern-dialog.h"

#include <glib/gi18n.h>

#include "st-check.h"
#include "st-profile.h"

struct _StPatternDialog
{
  GtkWindow       parent_instance;

  /* Template widgets */
  GtkButton      *accept_button;
  GtkEntry       *name_entry;
  GtkDropDown    *machine_dropdown;
  GtkLabel       *machine_note;
  GtkSpinButton  *needles_spin;
  GtkLabel       *needles_title;
  GtkLabel       *rows_title;
  GtkLabel       *rpi_title;
  GtkSpinButton  *rows_spin;
  GtkSpinButton  *spi_spin;
  GtkSpinButton  *rpi_spin;
  GtkLabel       *gauge_note;

  /* Borrowed */
  GtkWindow      *target;
  gboolean        editing;
};

G_DEFINE_FINAL_TYPE (StPatternDialog, st_pattern_dialog, GTK_TYPE_WINDOW)

static const StProfile *
selected_profile (StPatternDialog *self)
{
  GPtrArray *profiles = st_profiles_get_all ();
  guint index = gtk_drop_down_get_selected (self->machine_dropdown);

  return index < profiles->len ? g_ptr_array_index (profiles, index) : NULL;
}

/* A flatbed knits rows of a panel, a circular machine rounds of a tube. */
static void
name_rows (StPatternDialog *self,
           const StProfile *profile)
{
  gboolean flat = st_check_knits_flat (profile);

  gtk_label_set_label (self->needles_title, flat ? _("_Stitches per row") : _("_Stitches per round"));
  gtk_label_set_label (self->rows_title, flat ? _("_Rows") : _("_Rounds"));
  gtk_label_set_label (self->rpi_title, flat ? _("Gauge: r_ows") : _("Gauge: r_ounds"));
}

static void
machine_changed_cb (StPatternDialog *self)
{
  const StProfile *profile = selected_profile (self);
  guint max;

  if (profile == NULL || self->editing)
    return;
  name_rows (self, profile);
  gtk_label_set_label (self->machine_note, profile->description);
  max = st_profile_max_width (profile);
  gtk_spin_button_set_range (self->needles_spin, 1, max > 0 ? max : ST_MAX_NEEDLES);
  /* A circular machine knits exactly its cylinder's needle count. */
  if (profile->circular && profile->needles > 0)
    gtk_spin_button_set_value (self->needles_spin, profile->needles);
  gtk_widget_set_sensitive (GTK_WIDGET (self->needles_spin), !(profile->circular && profile->needles > 0));
  gtk_spin_button_set_value (self->spi_spin, profile->stitches_per_10cm);
  gtk_spin_button_set_value (self->rpi_spin, profile->rows_per_10cm);
  gtk_label_set_label (self->gauge_note, profile->gauge_note != NULL ? profile->gauge_note : "");
}

static void
accept_clicked_cb (StPatternDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  guint needles = (guint) gtk_spin_button_get_value_as_int (self->needles_spin);
  guint rows = (guint) gtk_spin_button_get_value_as_int (self->rows_spin);
  double spi = gtk_spin_button_get_value (self->spi_spin);
  double rpi = gtk_spin_button_get_value (self->rpi_spin);

  if (name[0] == '\0')
    name = _("Untitled pattern");
  if (self->editing)
    gtk_widget_activate_action (GTK_WIDGET (self->target), "win.apply-pattern-settings", "(suudd)",
                                name, needles, rows, spi, rpi);
  else
    {
      const StProfile *profile = selected_profile (self);

      if (profile == NULL)
        return;
      gtk_widget_activate_action (GTK_WIDGET (self->target), "win.new-pattern", "(ssuudd)",
                                  name, profile->id, needles, rows, spi, rpi);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
st_pattern_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ST_TYPE_PATTERN_DIALOG);
  G_OBJECT_CLASS (st_pattern_dialog_parent_class)->dispose (object);
}

static void
st_pattern_dialog_class_init (StPatternDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_pattern_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-pattern-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, gauge_note);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, machine_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, machine_note);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, needles_spin);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, needles_title);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, rows_title);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, rpi_title);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, rows_spin);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, rpi_spin);
  gtk_widget_class_bind_template_child (widget_class, StPatternDialog, spi_spin);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, machine_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
st_pattern_dialog_init (StPatternDialog *self)
{
  GPtrArray *profiles = st_profiles_get_all ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < profiles->len; i++)
    gtk_string_list_append (names, ((const StProfile *) g_ptr_array_index (profiles, i))->name);
  gtk_drop_down_set_model (self->machine_dropdown, G_LIST_MODEL (names));
}

StPatternDialog *
st_pattern_dialog_new_for_new (GtkWindow  *parent,
                               const char *default_profile_id)
{
  StPatternDialog *self = g_object_new (ST_TYPE_PATTERN_DIALOG, "transient-for", parent, NULL);
  GPtrArray *profiles = st_profiles_get_all ();
  guint selected = 0;

  self->target = parent;
  gtk_window_set_title (GTK_WINDOW (self), _("New Pattern"));
  gtk_button_set_label (self->accept_button, _("C_reate"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), _("Untitled pattern"));
  for (guint i = 0; i < profiles->len; i++)
    if (g_strcmp0 (((const StProfile *) g_ptr_array_index (profiles, i))->id, default_profile_id) == 0)
      selected = i;
  gtk_drop_down_set_selected (self->machine_dropdown, selected);
  machine_changed_cb (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->accept_button));
  return self;
}

StPatternDialog *
st_pattern_dialog_new_for_edit (GtkWindow       *parent,
                                const StPattern *pattern)
{
  StPatternDialog *self = g_object_new (ST_TYPE_PATTERN_DIALOG, "transient-for", parent, NULL);
  GPtrArray *profiles = st_profiles_get_all ();
  const StProfile *profile = pattern->profile;
  guint max = profile != NULL ? st_profile_max_width (profile) : ST_MAX_NEEDLES;

  self->target = parent;
  self->editing = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Size and Gauge"));
  gtk_button_set_label (self->accept_button, _("_Apply"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), pattern->name);
  for (guint i = 0; i < profiles->len; i++)
    if (g_ptr_array_index (profiles, i) == profile)
      gtk_drop_down_set_selected (self->machine_dropdown, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->machine_dropdown), FALSE);
  {
    guint fill = G_MAXUINT;
    g_autofree char *grows = NULL;
    g_autofree char *note = NULL;

    /* Growing the chart fills with the background yarn, as a cut does:
     * say which, so nobody is surprised by a block of it. */
    if (parent != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "secondary-yarn") != NULL)
      g_object_get (parent, "secondary-yarn", &fill, NULL);
    if (fill < pattern->n_yarns)
      grows = g_strdup_printf (st_check_knits_flat (profile)
                               /* Translators: %s is a yarn's name. */
                               ? _("New stitches and rows take %s, the right mouse button’s yarn.")
                               /* Translators: %s is a yarn's name. */
                               : _("New stitches and rounds take %s, the right mouse button’s yarn."),
                               pattern->yarns[fill].name);
    note = g_strjoin (" ", _("The machine is fixed; start a new pattern to knit on another one."), grows, NULL);
    gtk_label_set_label (self->machine_note, note);
  }
  gtk_spin_button_set_range (self->needles_spin, 1, max > 0 ? max : ST_MAX_NEEDLES);
  gtk_spin_button_set_value (self->needles_spin, st_pattern_needles (pattern));
  gtk_widget_set_sensitive (GTK_WIDGET (self->needles_spin),
                            profile == NULL || !(profile->circular && profile->needles > 0));
  gtk_spin_button_set_value (self->rows_spin, st_pattern_rows (pattern));
  name_rows (self, profile);
  gtk_spin_button_set_value (self->spi_spin, pattern->stitches_per_10cm);
  gtk_spin_button_set_value (self->rpi_spin, pattern->rows_per_10cm);
  gtk_label_set_label (self->gauge_note,
                       _("Measure a swatch knit on your machine: the chart and the preview use "
                         "these numbers for the stitch shape and the float limits."));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->accept_button));
  return self;
}
