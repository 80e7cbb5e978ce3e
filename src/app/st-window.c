/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-window"

#include "config.h"

#include "st-window-private.h"
#include "st-settings.h"

#include <glib/gi18n.h>

#include "st-application.h"
#include "st-check.h"

/* Unsaved work is copied to the state folder this long after an edit. */
#define AUTOSAVE_DELAY_SECONDS 5
#define RECENT_ITEMS 10

G_DEFINE_FINAL_TYPE (StWindow, st_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_TOOL,
  PROP_BRUSH_SIZE,
  PROP_REPEAT_WIDTH,
  PROP_MIRROR,
  PROP_PRIMARY_YARN,
  PROP_SECONDARY_YARN,
  PROP_PREVIEW_SHAPE,
  PROP_POMPOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (StWindow *self)
{
  StPattern *pattern = st_document_get_pattern (self->document);
  GFile *file = st_document_get_file (self->document);
  gboolean modified = st_document_get_modified (self->document);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *place = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: the title of a pattern with unsaved changes. */
  title = modified ? g_strdup_printf (_("• %s"), pattern->name) : g_strdup (pattern->name);
  gtk_label_set_label (self->title_label, title);
  window_title = g_strdup_printf ("%s — %s", title, _("Stranded"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      const char *home = g_get_home_dir ();

      if (path != NULL && g_str_has_prefix (path, home))
        place = g_strconcat ("~", path + strlen (home), NULL);
      else
        place = path != NULL ? g_strdup (path) : g_file_get_uri (file);
    }
  else
    place = g_strdup (_("Not saved"));
  /* Translators: machine · stitches × rounds · where the file is. */
  subtitle = g_strdup_printf (_("%s · %u × %u · %s"),
                              pattern->profile != NULL ? pattern->profile->name : pattern->profile_id,
                              st_pattern_needles (pattern), st_pattern_rows (pattern), place);
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
update_zoom_label (StWindow *self)
{
  double zoom = 0;
  g_autofree char *label = NULL;

  g_object_get (self->chart_view, "zoom", &zoom, NULL);
  label = g_strdup_printf ("%.0f%%", zoom / 20.0 * 100.0);
  gtk_button_set_label (self->zoom_button, label);
}

static void
position_changed_cb (StWindow    *self,
                     guint        row,
                     guint        needle,
                     StChartView *view)
{
  StPattern *pattern = st_document_get_pattern (self->document);
  StSelection selection;
  g_autofree char *text = NULL;
  const StYarn *yarn;

  if (row >= st_pattern_rows (pattern) || needle >= st_pattern_needles (pattern))
    return;
  yarn = &pattern->yarns[st_chart_get (pattern->chart, row, needle)];
  if (st_check_knits_flat (pattern->profile) && st_chart_view_get_selection (view, &selection))
    /* Translators: as below, on a flatbed's panel, which is knit in rows. */
    text = g_strdup_printf (_("Row %u of %u · Needle %u of %u · %s (%c) · Selection %u × %u"),
                            row + 1, st_pattern_rows (pattern), needle + 1,
                            st_pattern_needles (pattern), yarn->name, yarn->key,
                            st_selection_width (&selection), st_selection_height (&selection));
  else if (st_check_knits_flat (pattern->profile))
    /* Translators: as below, on a flatbed's panel, which is knit in rows. */
    text = g_strdup_printf (_("Row %u of %u · Needle %u of %u · %s (%c)"), row + 1,
                            st_pattern_rows (pattern), needle + 1, st_pattern_needles (pattern),
                            yarn->name, yarn->key);
  else if (st_chart_view_get_selection (view, &selection))
    /* Translators: status bar: place of the cursor, its yarn and the selection size. */
    text = g_strdup_printf (_("Round %u of %u · Needle %u of %u · %s (%c) · Selection %u × %u"),
                            row + 1, st_pattern_rows (pattern), needle + 1,
                            st_pattern_needles (pattern), yarn->name, yarn->key,
                            st_selection_width (&selection), st_selection_height (&selection));
  else
    /* Translators: status bar: place of the cursor and its yarn. */
    text = g_strdup_printf (_("Round %u of %u · Needle %u of %u · %s (%c)"), row + 1,
                            st_pattern_rows (pattern), needle + 1, st_pattern_needles (pattern),
                            yarn->name, yarn->key);
  gtk_label_set_label (self->position_label, text);
}

static void
selection_changed_cb (StWindow *self)
{
  guint row, needle;

  _st_window_update_actions (self);
  st_chart_view_get_cursor (self->chart_view, &row, &needle);
  position_changed_cb (self, row, needle, self->chart_view);
}

static void
yarn_picked_cb (StWindow    *self,
                guint        yarn,
                gboolean     secondary,
                StChartView *view)
{
  if (secondary)
    _st_window_set_yarns (self, self->primary_yarn, yarn);
  else
    _st_window_set_yarns (self, yarn, self->secondary_yarn);
  /* Back to the tool that was painting before the eyedropper. */
  g_object_set (self, "tool", self->last_paint_tool, NULL);
}

/* Repeat choices: every width that divides the round into 2 or more. */
static void
rebuild_repeat_choices (StWindow *self)
{
  StPattern *pattern = st_document_get_pattern (self->document);
  guint needles = st_pattern_needles (pattern);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0, zero = 0;

  g_array_set_size (self->repeat_widths, 0);
  gtk_string_list_append (labels, _("No repeat"));
  g_array_append_val (self->repeat_widths, zero);
  for (guint w = needles / 2; w >= 1; w--)
    {
      g_autofree char *label = NULL;

      if (needles % w != 0)
        continue;
      /* Translators: repeat mode: how many repeats of how many stitches;
       * the plural follows the second number, the stitches in one repeat. */
      label = g_strdup_printf (ngettext ("%u × %u stitch", "%u × %u stitches", w), needles / w, w);
      gtk_string_list_append (labels, label);
      g_array_append_val (self->repeat_widths, w);
      if (w == self->repeat_width)
        selected = self->repeat_widths->len - 1;
    }
  self->syncing_repeat = TRUE;
  gtk_drop_down_set_model (self->repeat_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->repeat_dropdown, selected);
  self->syncing_repeat = FALSE;
  if (selected == 0 && self->repeat_width != 0)
    g_object_set (self, "repeat-width", 0u, NULL);
}

static void
repeat_selected_cb (StWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->repeat_dropdown);

  if (self->syncing_repeat || index >= self->repeat_widths->len)
    return;
  g_object_set (self, "repeat-width", g_array_index (self->repeat_widths, guint, index), NULL);
}

static gboolean
autosave_cb (gpointer data)
{
  StWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (st_chart_view_is_painting (self->chart_view))
    {
      self->autosave_id = g_timeout_add_seconds (1, autosave_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (!st_document_autosave (self->document, &error))
    g_warning ("Autosave of “%s” failed: %s", /* untranslated: a log line */
               st_document_get_title (self->document), error->message);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (StWindow   *self,
                     guint       first_row,
                     guint       last_row,
                     gboolean    structure,
                     StDocument *document)
{
  if (structure)
    {
      StPattern *pattern = st_document_get_pattern (document);

      update_title (self);
      rebuild_repeat_choices (self);
      /* Keep the yarn slots on existing yarns after a removal. */
      if (self->primary_yarn >= pattern->n_yarns || self->secondary_yarn >= pattern->n_yarns)
        _st_window_set_yarns (self, MIN (self->primary_yarn, pattern->n_yarns - 1),
                              MIN (self->secondary_yarn, pattern->n_yarns - 1));
    }
  if (self->autosave_id == 0 && st_document_get_modified (document))
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_cb, self);
  _st_window_checks_document_changed (self, first_row, last_row, structure);
  {
    guint row, needle;

    st_chart_view_get_cursor (self->chart_view, &row, &needle);
    position_changed_cb (self, row, needle, self->chart_view);
  }
}

static void
document_notify_cb (StWindow   *self,
                    GParamSpec *pspec,
                    StDocument *document)
{
  update_title (self);
  _st_window_update_actions (self);
}

/* Newest first. */
static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
rebuild_recent_menu (StWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  guint count = 0;

  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && count < RECENT_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".stranded") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-uri", "s", uri);
      g_menu_append_item (section, item);
      count++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (count == 0)
    {
      /* The action does not exist, so the item is greyed out. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Patterns"), "win.none"); /* untranslated: action */

      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, _("Recent Patterns"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (menu));
}

static gboolean
drop_cb (StWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  StApplication *app = ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    st_application_open_file (app, l->data, self);
  return files != NULL;
}

static void
save_window_state (StWindow *self)
{
  int width = 0, height = 0;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
close_response_cb (GtkDialog *dialog,
                   int        response,
                   StWindow  *self)
{
  /* Unlink first: closing the window must not reach back into the
   * dialog while it is still finishing its response. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
      break;
    case GTK_RESPONSE_REJECT:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    default:
      /* Kept open: a job that was to stop with it knits on. */
      self->stop_job_confirmed = FALSE;
      break;
    }
}

static void
stop_job_response_cb (GtkDialog *dialog,
                      int        response,
                      StWindow  *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_REJECT)
    {
      self->stop_job_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Closing the window stops the machine mid-job: ask first, and say
 * whether the job can be resumed afterwards. */
static void
ask_stop_job (StWindow *self)
{
  g_autofree char *status = st_machine_panel_get_text (self->machine_panel, "status");
  GtkWidget *dialog;
  const char *later;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Stop knitting “%s”?"), st_document_get_title (self->document));
  later = st_document_get_file (self->document) != NULL
          ? _("Closing the window stops the machine. When you open the pattern again, "
              "Stranded offers to resume from the last finished round.")
          : _("Closing the window stops the machine. The pattern was never saved, "
              "so the job cannot be resumed later.");
  /* The status may end in an ellipsis ("Connecting to the machine…"). */
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s%s\n\n%s", status,
                                            g_str_has_suffix (status, "…") ? "" : ".", later);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Keep Knitting"), GTK_RESPONSE_CANCEL,
                          _("_Stop and Close"), GTK_RESPONSE_REJECT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (stop_job_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
st_window_close_request (GtkWindow *window)
{
  StWindow *self = ST_WINDOW (window);
  GtkWidget *dialog;

  st_chart_view_release (self->chart_view);
  if (!self->stop_job_confirmed && st_machine_panel_is_knitting (self->machine_panel))
    {
      ask_stop_job (self);
      return TRUE;
    }
  if (!st_document_get_modified (self->document) || self->close_confirmed)
    {
      save_window_state (self);
      /* Closing without saving is a decision: no recovery offer later. */
      st_document_discard_autosave (self->document);
      return GTK_WINDOW_CLASS (st_window_parent_class)->close_request (window);
    }

  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save changes to “%s” before closing?"),
                                   st_document_get_title (self->document));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("If you don’t save, your changes since the last save are lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT, _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
st_window_dispose (GObject *object)
{
  StWindow *self = ST_WINDOW (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  _st_window_checks_dispose (self);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->repeat_widths, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ST_TYPE_WINDOW);
  G_OBJECT_CLASS (st_window_parent_class)->dispose (object);
}

static void
st_window_finalize (GObject *object)
{
  StWindow *self = ST_WINDOW (object);

  g_free (self->tool);
  g_free (self->last_paint_tool);
  g_free (self->preview_shape);
  G_OBJECT_CLASS (st_window_parent_class)->finalize (object);
}

static void
st_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  StWindow *self = ST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    case PROP_BRUSH_SIZE:
      g_value_set_uint (value, self->brush_size);
      break;
    case PROP_REPEAT_WIDTH:
      g_value_set_uint (value, self->repeat_width);
      break;
    case PROP_MIRROR:
      g_value_set_boolean (value, self->mirror);
      break;
    case PROP_PRIMARY_YARN:
      g_value_set_uint (value, self->primary_yarn);
      break;
    case PROP_SECONDARY_YARN:
      g_value_set_uint (value, self->secondary_yarn);
      break;
    case PROP_PREVIEW_SHAPE:
      g_value_set_string (value, self->preview_shape);
      break;
    case PROP_POMPOM:
      g_value_set_boolean (value, self->pompom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  StWindow *self = ST_WINDOW (object);
  StPattern *pattern = self->document != NULL ? st_document_get_pattern (self->document) : NULL;

  switch (prop_id)
    {
    case PROP_TOOL:
      {
        const char *tool = g_value_get_string (value);
        StTool parsed;

        if (!st_tool_from_name (tool, &parsed) || g_strcmp0 (tool, self->tool) == 0)
          return;
        /* @tool may be one of our own strings (g_object_set does not copy). */
        g_free (g_steal_pointer (&self->tool));
        self->tool = g_strdup (st_tool_to_name (parsed));
        if (st_tool_paints (parsed) || parsed == ST_TOOL_SELECT)
          {
            g_free (self->last_paint_tool);
            self->last_paint_tool = g_strdup (st_tool_to_name (parsed));
          }
      }
      break;
    case PROP_BRUSH_SIZE:
      if (self->brush_size == g_value_get_uint (value))
        return;
      self->brush_size = g_value_get_uint (value);
      break;
    case PROP_REPEAT_WIDTH:
      if (self->repeat_width == g_value_get_uint (value))
        return;
      self->repeat_width = g_value_get_uint (value);
      for (guint i = 0; self->repeat_widths != NULL && i < self->repeat_widths->len; i++)
        if (g_array_index (self->repeat_widths, guint, i) == self->repeat_width &&
            gtk_drop_down_get_selected (self->repeat_dropdown) != i)
          {
            self->syncing_repeat = TRUE;
            gtk_drop_down_set_selected (self->repeat_dropdown, i);
            self->syncing_repeat = FALSE;
          }
      break;
    case PROP_MIRROR:
      if (self->mirror == g_value_get_boolean (value))
        return;
      self->mirror = g_value_get_boolean (value);
      break;
    case PROP_PRIMARY_YARN:
      if (self->primary_yarn == g_value_get_uint (value) ||
          (pattern != NULL && g_value_get_uint (value) >= pattern->n_yarns))
        return;
      self->primary_yarn = g_value_get_uint (value);
      break;
    case PROP_SECONDARY_YARN:
      if (self->secondary_yarn == g_value_get_uint (value) ||
          (pattern != NULL && g_value_get_uint (value) >= pattern->n_yarns))
        return;
      self->secondary_yarn = g_value_get_uint (value);
      break;
    case PROP_PREVIEW_SHAPE:
      if (g_strcmp0 (self->preview_shape, g_value_get_string (value)) == 0)
        return;
      {
        char *shape = g_value_dup_string (value);

        g_free (self->preview_shape);
        self->preview_shape = shape;
      }
      break;
    case PROP_POMPOM:
      if (self->pompom == g_value_get_boolean (value))
        return;
      self->pompom = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
st_window_class_init (StWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = st_window_dispose;
  object_class->finalize = st_window_finalize;
  object_class->get_property = st_window_get_property;
  object_class->set_property = st_window_set_property;
  window_class->close_request = st_window_close_request;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "pencil",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_uint ("brush-size", NULL, NULL, 1, 3, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPEAT_WIDTH] =
    g_param_spec_uint ("repeat-width", NULL, NULL, 0, ST_MAX_NEEDLES, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIRROR] =
    g_param_spec_boolean ("mirror", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIMARY_YARN] =
    g_param_spec_uint ("primary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECONDARY_YARN] =
    g_param_spec_uint ("secondary-yarn", NULL, NULL, 0, ST_MAX_YARNS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREVIEW_SHAPE] =
    g_param_spec_string ("preview-shape", NULL, NULL, "tube",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POMPOM] =
    g_param_spec_boolean ("pompom", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ST_TYPE_CHART_VIEW);
  g_type_ensure (ST_TYPE_PREVIEW_VIEW);
  g_type_ensure (ST_TYPE_YARN_PALETTE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stranded/Stranded/ui/st-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, StWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, StWindow, preview_box);
  gtk_widget_class_bind_template_child (widget_class, StWindow, preview_view);
  gtk_widget_class_bind_template_child (widget_class, StWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, StWindow, repeat_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, StWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, StWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StWindow, yarn_palette);
  gtk_widget_class_bind_template_child (widget_class, StWindow, zoom_button);

  gtk_widget_class_install_property_action (widget_class, "win.tool", "tool");
  gtk_widget_class_install_property_action (widget_class, "win.brush-size", "brush-size");
  gtk_widget_class_install_property_action (widget_class, "win.repeat-width", "repeat-width");
  gtk_widget_class_install_property_action (widget_class, "win.mirror", "mirror");
  gtk_widget_class_install_property_action (widget_class, "win.primary-yarn", "primary-yarn");
  gtk_widget_class_install_property_action (widget_class, "win.secondary-yarn", "secondary-yarn");
  gtk_widget_class_install_property_action (widget_class, "win.preview-shape", "preview-shape");
  gtk_widget_class_install_property_action (widget_class, "win.pompom", "pompom");
  _st_window_class_actions_init (widget_class);
}

static gboolean
shape_to_hat (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  g_value_set_boolean (to, g_strcmp0 (g_value_get_string (from), "hat") == 0);
  return TRUE;
}

static void
st_window_init (StWindow *self)
{
  g_autoptr(GSimpleActionGroup) settings_actions = g_simple_action_group_new ();
  g_autoptr(GAction) grid_style = NULL;
  g_autoptr(GAction) show_preview = NULL;
  GtkDropTarget *drop;
  static const char *const bound[] = { "tool", "brush-size", "repeat-width", "mirror",
                                       "primary-yarn", "secondary-yarn" };

  self->tool = g_strdup ("pencil");
  self->last_paint_tool = g_strdup ("pencil");
  self->brush_size = 1;
  self->primary_yarn = 1;
  self->secondary_yarn = 0;
  self->preview_shape = g_strdup ("tube");
  self->pompom = TRUE;
  self->repeat_widths = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_object_bind_property (self, bound[i], self->chart_view, bound[i], G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "primary-yarn", self->yarn_palette, "primary-yarn", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "secondary-yarn", self->yarn_palette, "secondary-yarn", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self, "preview-shape", self->preview_view, "hat", G_BINDING_SYNC_CREATE,
                               shape_to_hat, NULL, NULL, NULL);
  g_object_bind_property (self, "pompom", self->preview_view, "pompom", G_BINDING_SYNC_CREATE);

  /* Paste follows whatever any program puts on the clipboard. */
  g_signal_connect_object (gtk_widget_get_clipboard (GTK_WIDGET (self)), "changed",
                           G_CALLBACK (st_window_update_paste), self, G_CONNECT_SWAPPED);

  self->settings = st_settings_new ();
  g_settings_bind (self->settings, "grid-style", self->chart_view, "stitch-style", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-preview", self->preview_box, "visible", G_SETTINGS_BIND_GET);
  grid_style = g_settings_create_action (self->settings, "grid-style");
  show_preview = g_settings_create_action (self->settings, "show-preview");
  g_action_map_add_action (G_ACTION_MAP (settings_actions), grid_style);
  g_action_map_add_action (G_ACTION_MAP (settings_actions), show_preview);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (settings_actions));
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_swapped (self->chart_view, "position-changed", G_CALLBACK (position_changed_cb), self);
  g_signal_connect_swapped (self->chart_view, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->chart_view, "yarn-picked", G_CALLBACK (yarn_picked_cb), self);
  g_signal_connect_swapped (self->chart_view, "notify::zoom", G_CALLBACK (update_zoom_label), self);
  g_signal_connect_swapped (self->repeat_dropdown, "notify::selected", G_CALLBACK (repeat_selected_cb), self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_zoom_label (self);
  _st_window_checks_init (self);
  self->machine_panel = ST_MACHINE_PANEL (st_machine_panel_new ());
  st_machine_panel_set_views (self->machine_panel, self->chart_view, self->preview_view);
  st_window_add_panel (self, "machine", _("Machine"), GTK_WIDGET (self->machine_panel));
  /* Arrow keys and Space paint from the start. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->chart_view));
}

StWindow *
st_window_new (GtkApplication *application,
               StDocument     *document)
{
  StWindow *self = g_object_new (ST_TYPE_WINDOW, "application", application, NULL);

  st_window_set_document (self, document);
  return self;
}

StDocument *
st_window_get_document (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->document;
}

void
st_window_set_document (StWindow   *self,
                        StDocument *document)
{
  StPattern *pattern;

  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (ST_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      /* The replaced document had nothing unsaved (st_window_is_replaceable). */
      st_document_discard_autosave (self->document);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_set_object (&self->document, document);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "notify", G_CALLBACK (document_notify_cb), self);

  pattern = st_document_get_pattern (document);
  /* Start painting with the second yarn on the first: the usual contrast. */
  self->primary_yarn = MIN (1u, pattern->n_yarns - 1);
  self->secondary_yarn = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMARY_YARN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDARY_YARN]);
  /* Paint in the pattern's own motif repeat when it has one that fits. */
  self->repeat_width = pattern->repeat_width > 0 && pattern->repeat_width < st_pattern_needles (pattern) &&
                       st_pattern_needles (pattern) % pattern->repeat_width == 0
                       ? pattern->repeat_width : 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEAT_WIDTH]);

  st_chart_view_set_document (self->chart_view, document);
  st_preview_view_set_document (self->preview_view, document);
  st_yarn_palette_set_document (self->yarn_palette, document);
  rebuild_repeat_choices (self);
  update_title (self);
  _st_window_checks_set_document (self);
  st_machine_panel_set_document (self->machine_panel, document);
  _st_window_update_actions (self);
  if (st_document_get_modified (document))
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_cb, self);
}

gboolean
st_window_is_replaceable (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);
  return self->document == NULL || !st_document_get_modified (self->document);
}

StChartView *
st_window_get_chart_view (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->chart_view;
}

StPreviewView *
st_window_get_preview_view (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->preview_view;
}

StYarnPalette *
st_window_get_yarn_palette (StWindow *self)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return self->yarn_palette;
}

void
_st_window_set_yarns (StWindow *self,
                      guint     primary,
                      guint     secondary)
{
  g_object_set (self, "primary-yarn", primary, "secondary-yarn", secondary, NULL);
}

void
_st_window_remember_folder (StWindow *self,
                            GFile    *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };

  data.mime_type = (char *) "application/x-stranded";
  data.app_name = (char *) "Stranded";
  data.app_exec = (char *) "stranded %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

gboolean
st_window_save_to (StWindow  *self,
                   GFile     *file,
                   GError   **error)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), FALSE);

  st_chart_view_release (self->chart_view);
  if (!st_document_save (self->document, file, error))
    return FALSE;
  add_recent (file);
  _st_window_remember_folder (self, file);
  return TRUE;
}

void
_st_window_show_document (StWindow   *self,
                          StDocument *document)
{
  GFile *file = st_document_get_file (document);

  if (file != NULL)
    add_recent (file);
  if (st_window_is_replaceable (self))
    {
      st_window_set_document (self, document);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  gtk_window_present (GTK_WINDOW (st_window_new (gtk_window_get_application (GTK_WINDOW (self)), document)));
}

void
st_window_show_error (StWindow   *self,
                      const char *primary,
                      const char *secondary)
{
  GtkWidget *dialog;

  g_return_if_fail (ST_IS_WINDOW (self));

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
st_window_add_panel (StWindow   *self,
                     const char *name,
                     const char *title,
                     GtkWidget  *child)
{
  g_return_if_fail (ST_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_stack_add_titled (self->side_stack, child, name, title);
}

GtkWidget *
st_window_get_panel (StWindow   *self,
                     const char *name)
{
  g_return_val_if_fail (ST_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->side_stack, name);
}
