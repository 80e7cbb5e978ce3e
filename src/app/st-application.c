/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-application"

#include "config.h"

#include "st-application.h"
#include "st-settings.h"

#include <glib/gi18n.h>

#include "st-autosave.h"
#include "st-pattern-file.h"
#include "st-profile.h"

struct _StApplication
{
  GtkApplication  parent_instance;

  StChart        *clipboard;
  GdkContentProvider *clipboard_content;   /* what we put on the desktop's clipboard */
  gboolean        recovery_checked;
};

G_DEFINE_FINAL_TYPE (StApplication, st_application, GTK_TYPE_APPLICATION)

static StWindow *
new_sample_window (StApplication *self)
{
  g_autoptr(StDocument) document = st_document_new (st_pattern_new_sample (), NULL);

  return st_window_new (GTK_APPLICATION (self), document);
}

static StWindow *
active_window (StApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return ST_IS_WINDOW (window) ? ST_WINDOW (window) : NULL;
}

static StWindow *
window_with_file (StApplication *self,
                  GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *other;

      if (!ST_IS_WINDOW (l->data))
        continue;
      other = st_document_get_file (st_window_get_document (l->data));
      if (other != NULL && g_file_equal (other, file))
        return l->data;
    }
  return NULL;
}

void
st_application_open_file (StApplication *self,
                          GFile         *file,
                          StWindow      *hint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StDocument) document = NULL;
  StWindow *window;

  g_return_if_fail (ST_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = window_with_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  if (hint == NULL)
    hint = active_window (self);

  document = st_document_new_from_file (file, &error);
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

      if (hint == NULL)
        {
          hint = new_sample_window (self);
          gtk_window_present (GTK_WINDOW (hint));
        }
      st_window_show_error (hint, primary, error->message);
      return;
    }
  if (hint != NULL && st_window_is_replaceable (hint))
    {
      st_window_set_document (hint, document);
      window = hint;
    }
  else
    window = st_window_new (GTK_APPLICATION (self), document);
  {
    g_autofree char *uri = g_file_get_uri (file);
    GtkRecentData data = { 0 };

    data.mime_type = (char *) "application/x-stranded";
    data.app_name = (char *) "Stranded";
    data.app_exec = (char *) "stranded %u";
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static GdkClipboard *
desktop_clipboard (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  return display != NULL ? gdk_display_get_clipboard (display) : NULL;
}

const StChart *
st_application_get_clipboard (StApplication *self)
{
  GdkClipboard *clipboard = desktop_clipboard ();

  g_return_val_if_fail (ST_IS_APPLICATION (self), NULL);

  if (clipboard != NULL && gdk_clipboard_get_content (clipboard) != self->clipboard_content)
    return NULL;
  return self->clipboard;
}

void
st_application_set_clipboard (StApplication *self,
                              StChart       *region,
                              const char    *text)
{
  GdkClipboard *clipboard = desktop_clipboard ();

  g_return_if_fail (ST_IS_APPLICATION (self));

  g_clear_pointer (&self->clipboard, st_chart_free);
  g_clear_object (&self->clipboard_content);
  self->clipboard = region;
  if (clipboard != NULL && region != NULL && text != NULL)
    {
      /* Plain text, which every program can take. */
      self->clipboard_content = gdk_content_provider_new_typed (G_TYPE_STRING, text);
      gdk_clipboard_set_content (clipboard, self->clipboard_content);
    }
  /* Windows also follow the clipboard's "changed" signal, which a NULL
   * region does not send. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ST_IS_WINDOW (l->data))
      st_window_update_paste (l->data);
}

/* Crash recovery */

static void
recovery_response_cb (GtkDialog *dialog,
                      int        response,
                      StWindow  *window)
{
  StApplication *self = ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GPtrArray) entries = st_autosave_list ();

  gtk_window_destroy (GTK_WINDOW (dialog));
  for (guint i = 0; i < entries->len; i++)
    {
      StAutosaveEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(StPattern) pattern = NULL;
      g_autoptr(StDocument) document = NULL;
      g_autoptr(GFile) origin = NULL;

      if (response != GTK_RESPONSE_ACCEPT)
        {
          st_autosave_remove (entry->path);
          continue;
        }
      pattern = st_pattern_load_file (entry->path, &error);
      if (pattern == NULL)
        {
          st_window_show_error (window, _("Could not recover a pattern"), error->message);
          continue;
        }
      origin = entry->origin_uri != NULL ? g_file_new_for_uri (entry->origin_uri) : NULL;
      document = st_document_new (g_steal_pointer (&pattern), origin);
      st_document_set_autosave_path (document, entry->path);
      st_document_set_modified (document, TRUE);
      if (st_window_is_replaceable (window))
        st_window_set_document (window, document);
      else
        gtk_window_present (GTK_WINDOW (st_window_new (GTK_APPLICATION (self), document)));
    }
}

static void
offer_recovery (StApplication *self,
                StWindow      *window)
{
  g_autoptr(GPtrArray) entries = st_autosave_list ();
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *dialog;

  if (entries->len == 0)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      StAutosaveEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->modified);
      g_autofree char *time = when != NULL ? g_date_time_format (when, "%x %X") : g_strdup ("");

      g_string_append_printf (names, "\n• %s (%s)", entry->name, time);
    }
  dialog = gtk_message_dialog_new (GTK_WINDOW (window), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   g_dngettext (GETTEXT_PACKAGE, "Recover Unsaved Pattern?",
                                                "Recover Unsaved Patterns?", entries->len));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s%s",
                                            _("Stranded closed without saving this work:"), names->str);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT, _("_Recover"),
                          GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (recovery_response_cb), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* App actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  StApplication *self = data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  gtk_window_present (GTK_WINDOW (new_sample_window (data)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  StApplication *self = data;
  const char *authors[] = { _("The Stranded developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Stranded"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Design stranded colorwork for circular knitting machines"),
                         /* Translators: the copyright line of the About dialog. */
                         "copyright", _("© 2026 The Stranded developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "website", "https://stranded.github.io/",
                         /* Translators: replace this with your names, one per line, for
                          * example "Jane Doe <jane@example.org>"; the About dialog lists them
                          * as translators. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
machine_selected_cb (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     GSettings   *settings)
{
  GPtrArray *profiles = st_profiles_get_all ();
  guint index = gtk_drop_down_get_selected (dropdown);

  if (index < profiles->len)
    g_settings_set_string (settings, "default-machine",
                           ((const StProfile *) g_ptr_array_index (profiles, index))->id);
}

static gboolean
grid_style_to_active (GValue   *value,
                      GVariant *variant,
                      gpointer  data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "stitches") == 0);
  return TRUE;
}

static GVariant *
active_to_grid_style (const GValue       *value,
                      const GVariantType *type,
                      gpointer            data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "stitches" : "plain");
}

static GtkWidget *
preference_row (GtkWidget  *grid,
                int         row,
                const char *label_text,
                GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_widget_set_halign (control, GTK_ALIGN_END);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), control, 1, row, 1, 1);
  return control;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  StApplication *self = data;
  g_autoptr(GSettings) settings = st_settings_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *machine = g_settings_get_string (settings, "default-machine");
  GPtrArray *profiles = st_profiles_get_all ();
  GtkWidget *window, *grid, *dropdown, *stitches, *sound;

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Preferences"));
  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 14);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_margin_start (grid, 24);
  gtk_widget_set_margin_end (grid, 24);
  gtk_widget_set_margin_top (grid, 24);
  gtk_widget_set_margin_bottom (grid, 24);

  for (guint i = 0; i < profiles->len; i++)
    gtk_string_list_append (names, ((const StProfile *) g_ptr_array_index (profiles, i))->name);
  dropdown = preference_row (grid, 0, _("Default _machine for new patterns"),
                             gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  for (guint i = 0; i < profiles->len; i++)
    if (g_strcmp0 (((const StProfile *) g_ptr_array_index (profiles, i))->id, machine) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
  g_signal_connect_data (dropdown, "notify::selected", G_CALLBACK (machine_selected_cb),
                         g_object_ref (settings), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  stitches = preference_row (grid, 1, _("Draw chart cells as knit _stitches"), gtk_switch_new ());
  g_settings_bind_with_mapping (settings, "grid-style", stitches, "active", G_SETTINGS_BIND_DEFAULT,
                                grid_style_to_active, active_to_grid_style, NULL, NULL);
  sound = preference_row (grid, 2, _("Sound _cues while knitting along"), gtk_switch_new ());
  g_settings_bind (settings, "sound-cues", sound, "active", G_SETTINGS_BIND_DEFAULT);

  gtk_window_set_child (GTK_WINDOW (window), grid);
  /* Settings apply at once, so the window only needs closing. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Primary>w"),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "new-window", new_window_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
};

static void
set_accels (GtkApplication *app)
{
  static const struct
  {
    const char *action;
    const char *accels[5];
  } table[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
    { "win.new", { "<Primary>n", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.import", { "<Primary><Shift>i", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.close", { "<Primary>w", NULL } },
    { "win.undo", { "<Primary>z", NULL } },
    { "win.redo", { "<Primary><Shift>z", "<Primary>y", NULL } },
    { "win.cut", { "<Primary>x", NULL } },
    { "win.copy", { "<Primary>c", NULL } },
    { "win.paste", { "<Primary>v", NULL } },
    { "win.delete-selection", { "Delete", "KP_Delete", NULL } },
    { "win.select-all", { "<Primary>a", NULL } },
    { "win.select-none", { "<Primary><Shift>a", NULL } },
    { "win.insert-rounds", { "<Primary>i", NULL } },
    { "win.delete-rounds", { "<Primary>Delete", NULL } },
    { "win.shift-left", { "<Alt>Left", NULL } },
    { "win.shift-right", { "<Alt>Right", NULL } },
    { "win.zoom-in", { "<Primary>plus", "<Primary>equal", "plus", "KP_Add" } },
    { "win.zoom-out", { "<Primary>minus", "minus", "KP_Subtract", NULL } },
    { "win.zoom-fit", { "<Primary>0", NULL } },
    { "win.swap-yarns", { "x", NULL } },
    { "win.mirror", { "<Shift>m", NULL } },
    { "win.tool('pencil')", { "p", NULL } },
    { "win.tool('line')", { "l", NULL } },
    { "win.tool('rectangle')", { "r", NULL } },
    { "win.tool('filled-rectangle')", { "<Shift>r", NULL } },
    { "win.tool('fill')", { "f", NULL } },
    { "win.tool('eyedropper')", { "i", NULL } },
    { "win.tool('select')", { "s", NULL } },
    { "win.tool('move')", { "m", NULL } },
    { "win.brush-size(uint32 1)", { "1", NULL } },
    { "win.brush-size(uint32 2)", { "2", NULL } },
    { "win.brush-size(uint32 3)", { "3", NULL } },
    { "settings.show-preview", { "F9", NULL } },
    { "win.knit-along", { "<Primary>k", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    gtk_application_set_accels_for_action (app, table[i].action, table[i].accels);
}

static void
st_application_startup (GApplication *application)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (st_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  set_accels (GTK_APPLICATION (application));
  /* Plain GtkApplication does not load style.css by itself. */
  gtk_css_provider_load_from_resource (css, "/io/github/stranded/Stranded/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
st_application_activate (GApplication *application)
{
  StApplication *self = ST_APPLICATION (application);
  StWindow *window = active_window (self);

  if (window == NULL)
    {
      /* A new user sees the main job at once: the sample hat. */
      window = new_sample_window (self);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (!self->recovery_checked)
    {
      self->recovery_checked = TRUE;
      offer_recovery (self, window);
    }
}

static void
st_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  StApplication *self = ST_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    st_application_open_file (self, files[i], NULL);
  if (!self->recovery_checked && active_window (self) != NULL)
    {
      self->recovery_checked = TRUE;
      offer_recovery (self, active_window (self));
    }
}

static void
st_application_finalize (GObject *object)
{
  StApplication *self = ST_APPLICATION (object);

  g_clear_pointer (&self->clipboard, st_chart_free);
  g_clear_object (&self->clipboard_content);
  G_OBJECT_CLASS (st_application_parent_class)->finalize (object);
}

static void
st_application_class_init (StApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = st_application_finalize;
  app_class->startup = st_application_startup;
  app_class->activate = st_application_activate;
  app_class->open = st_application_open;
}

static void
st_application_init (StApplication *self)
{
}

StApplication *
st_application_new (void)
{
  return g_object_new (ST_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/stranded/Stranded",
                       NULL);
}
