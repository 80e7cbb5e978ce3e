/* SPDX-License-Identifier: GPL-3.0-or-later
 * The window's actions. Dialogs collect values and activate a
 * parameterised action (win.new-pattern, win.apply-yarn, ...) so the edit
 * is one code path, reachable from the UI and from tests alike. Every
 * change to the pattern goes through st-edit.h or st-tool.h.
 */
#define G_LOG_DOMAIN "st-window"

#include "config.h"

#include "st-window-private.h"

#include <glib/gi18n.h>

#include "st-application.h"
#include "st-edit.h"
#include "st-error.h"
#include "st-import-dialog.h"
#include "st-export-dialog.h"
#include "st-knit-along-view.h"
#include "st-pattern-dialog.h"
#include "st-yarn-dialog.h"

static StPattern *
pattern_of (StWindow *self)
{
  return st_document_get_pattern (self->document);
}

static StHistory *
history_of (StWindow *self)
{
  return st_document_get_history (self->document);
}

/* Edits outside a stroke: finish any stroke first so steps stay apart. */
static void
before_edit (StWindow *self)
{
  st_chart_view_release (self->chart_view);
}

static void
after_edit (StWindow *self)
{
  st_document_changed (self->document);
}

static void
report (StWindow   *self,
        const char *what,
        GError     *error)
{
  st_window_show_error (self, what, error != NULL ? error->message : NULL);
}

void
_st_window_update_actions (StWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean selection = st_chart_view_get_selection (self->chart_view, NULL);

  if (self->document == NULL)
    return;
  st_window_update_paste (self);
  gtk_widget_action_set_enabled (widget, "win.undo", st_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "win.redo", st_document_can_redo (self->document));
  gtk_widget_action_set_enabled (widget, "win.copy", selection);
  gtk_widget_action_set_enabled (widget, "win.cut", selection);
  gtk_widget_action_set_enabled (widget, "win.delete-selection", selection);
  gtk_widget_action_set_enabled (widget, "win.mirror-selection", selection);
  gtk_widget_action_set_enabled (widget, "win.select-none", selection);
  gtk_widget_action_set_enabled (widget, "win.remove-yarn", pattern_of (self)->n_yarns > 1);
  gtk_widget_action_set_enabled (widget, "win.add-yarn", pattern_of (self)->n_yarns < ST_MAX_YARNS);
}

void
st_window_update_paste (StWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (self)));

  g_return_if_fail (ST_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste",
                                 (app != NULL && st_application_get_clipboard (ST_APPLICATION (app)) != NULL) ||
                                 gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
}

/* Files */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autofree char *machine = g_settings_get_string (self->settings, "default-machine");

  gtk_window_present (GTK_WINDOW (st_pattern_dialog_new_for_new (GTK_WINDOW (self), machine)));
}

static void
new_pattern_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  const char *name, *profile_id;
  guint needles, rows;
  double spi, rpi;
  const StProfile *profile;
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(StDocument) document = NULL;

  g_variant_get (parameter, "(&s&suudd)", &name, &profile_id, &needles, &rows, &spi, &rpi);
  profile = st_profiles_lookup (profile_id);
  if (profile == NULL)
    {
      g_set_error (&error, ST_ERROR, ST_ERROR_PROFILE, _("There is no machine profile “%s”"), profile_id);
      report (self, _("Could not create the pattern"), error);
      return;
    }
  pattern = st_pattern_new (profile, needles, rows, &error);
  if (pattern == NULL || (!st_edit_set_gauge (pattern, NULL, spi, rpi, &error) && error != NULL))
    {
      report (self, _("Could not create the pattern"), error);
      return;
    }
  st_edit_set_name (pattern, NULL, name);
  g_settings_set_string (self->settings, "default-machine", profile_id);
  document = st_document_new (g_steal_pointer (&pattern), NULL);
  _st_window_show_document (self, document);
}

static GtkFileFilter *
pattern_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Stranded Patterns"));
  gtk_file_filter_add_mime_type (filter, "application/x-stranded");
  gtk_file_filter_add_suffix (filter, "stranded");
  return filter;
}

static void
set_chooser_folder (StWindow       *self,
                    GtkFileChooser *chooser)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "last-folder");
  GFile *file = st_document_get_file (self->document);

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (chooser, parent, NULL);
    }
  else if (folder[0] != '\0')
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (chooser, dir, NULL);
    }
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  StWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      StApplication *app = ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          st_application_open_file (app, file, self);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = pattern_filter ();

  native = gtk_file_chooser_native_new (_("Open Pattern"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* The native dialog is not kept alive by GTK: hold it until it answers. */
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  st_application_open_file (ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file, self);
}

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    StWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        gtk_window_present (GTK_WINDOW (st_import_dialog_new (self, file)));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* Asks for a picture, then the Import dialog makes a pattern of it. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* Whatever gdk-pixbuf reads; the import itself refuses all but PNG,
   * JPEG, GIF and BMP with a reason. */
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  native = gtk_file_chooser_native_new (_("Import Picture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
finish_save (StWindow *self,
             GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!st_window_save_to (self, file, &error))
    {
      self->close_after_save = FALSE;
      report (self, _("Could not save the pattern"), error);
      return;
    }
  if (self->close_after_save)
    gtk_window_close (GTK_WINDOW (self));
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     StWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *basename = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;

      /* Keep the extension that file managers and Open look for. */
      if (g_str_has_suffix (basename, ".stranded"))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *name = g_strconcat (basename, ".stranded", NULL);

          file = g_file_get_child (parent, name);
        }
      finish_save (self, file);
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = pattern_filter ();
  g_autofree char *name = g_strconcat (st_document_get_title (self->document), ".stranded", NULL);

  native = gtk_file_chooser_native_new (_("Save Pattern"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  GFile *file = st_document_get_file (self->document);

  if (file == NULL)
    {
      save_as_action (widget, "win.save-as", NULL);
      return;
    }
  finish_save (self, file);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Editing */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  /* Undo in the middle of a drag abandons the drag. */
  if (st_chart_view_is_painting (self->chart_view))
    {
      st_chart_view_cancel (self->chart_view);
      return;
    }
  st_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  before_edit (self);
  st_document_redo (self->document);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StApplication *app = ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  StSelection selection;

  g_autoptr(StChart) region = NULL;
  g_autofree char *text = NULL;

  if (!st_chart_view_get_selection (self->chart_view, &selection))
    return;
  region = st_selection_copy (&selection, pattern_of (self));
  text = st_region_to_text (region, pattern_of (self));
  st_application_set_clipboard (app, g_steal_pointer (&region), text);
  _st_window_update_actions (self);
}

static void
delete_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StSelection selection;

  if (!st_chart_view_get_selection (self->chart_view, &selection))
    return;
  before_edit (self);
  st_tool_fill_selection (pattern_of (self), history_of (self), &selection, (guint8) self->secondary_yarn);
  after_edit (self);
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  copy_action (widget, action_name, parameter);
  delete_selection_action (widget, action_name, parameter);
}

/* The region's lower left lands on the cursor; needles wrap. */
static void
paste_region (StWindow      *self,
              const StChart *region)
{
  StToolOptions options;
  StSelection pasted;
  guint row, needle;

  before_edit (self);
  st_chart_view_get_cursor (self->chart_view, &row, &needle);
  st_tool_options_init (&options);
  options.repeat_width = self->repeat_width;
  st_tool_paste (pattern_of (self), history_of (self), &options, region, row, needle);
  after_edit (self);
  pasted = (StSelection) { row, (gint64) row + region->rows - 1, needle, (gint64) needle + region->needles - 1 };
  st_chart_view_set_selection (self->chart_view, &pasted);
}

static void
paste_text_cb (GObject      *clipboard,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StChart) region = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);

  /* The window may have closed while another program answered. */
  if (self->document == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;
  if (text != NULL)
    region = st_region_from_text (text, pattern_of (self), &error);
  if (region == NULL)
    {
      st_window_show_error (self, _("Cannot paste the clipboard as stitches"),
                            error != NULL ? error->message : _("the clipboard does not hold text"));
      return;
    }
  paste_region (self, region);
}

/* Stitches copied here paste exactly; anything else on the clipboard is
 * read as text, as a text editor would hold a chart (st_region_from_text). */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StApplication *app = ST_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const StChart *region = app != NULL ? st_application_get_clipboard (app) : NULL;

  if (region != NULL)
    paste_region (self, region);
  else
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_text_cb, g_object_ref (self));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  st_chart_view_select_all (ST_WINDOW (widget)->chart_view);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  st_chart_view_set_selection (ST_WINDOW (widget)->chart_view, NULL);
}

static void
mirror_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StSelection selection;

  if (!st_chart_view_get_selection (self->chart_view, &selection))
    return;
  before_edit (self);
  st_edit_mirror (pattern_of (self), history_of (self), (guint) selection.row0, (guint) selection.row1,
                  selection.column0, st_selection_width (&selection));
  after_edit (self);
}

/* Pattern structure */

static void
rows_target (StWindow *self,
             guint    *first,
             guint    *count)
{
  StSelection selection;
  guint needle;

  if (st_chart_view_get_selection (self->chart_view, &selection))
    {
      *first = (guint) selection.row0;
      *count = st_selection_height (&selection);
      return;
    }
  st_chart_view_get_cursor (self->chart_view, first, &needle);
  *count = 1;
}

static void
insert_rounds_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint first, count;

  before_edit (self);
  rows_target (self, &first, &count);
  /* New rounds go above the cursor's (or the selection's) rounds. */
  if (!st_edit_insert_rows (pattern_of (self), history_of (self), first + count, count,
                            (guint8) self->secondary_yarn, &error) && error != NULL)
    report (self, _("Could not insert rounds"), error);
  after_edit (self);
}

static void
delete_rounds_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint first, count;

  before_edit (self);
  rows_target (self, &first, &count);
  if (!st_edit_delete_rows (pattern_of (self), history_of (self), first, count, &error) && error != NULL)
    report (self, _("Could not delete rounds"), error);
  st_chart_view_set_selection (self->chart_view, NULL);
  after_edit (self);
}

static void
shift_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  before_edit (self);
  st_edit_shift (pattern_of (self), history_of (self), g_str_equal (action_name, "win.shift-left") ? -1 : 1);
  after_edit (self);
}

static void
pattern_settings_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (st_pattern_dialog_new_for_edit (GTK_WINDOW (self), pattern_of (self))));
}

static void
apply_pattern_settings_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StPattern *pattern = pattern_of (self);
  StHistory *history = history_of (self);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint needles, rows;
  double spi, rpi;

  g_variant_get (parameter, "(&suudd)", &name, &needles, &rows, &spi, &rpi);
  before_edit (self);
  st_history_begin (history, "Size and gauge");
  st_edit_set_name (pattern, history, name);
  if ((!st_edit_set_gauge (pattern, history, spi, rpi, &error) && error != NULL) ||
      (!st_edit_resize (pattern, history, needles, rows, (guint8) self->secondary_yarn, &error) &&
       error != NULL))
    report (self, _("Could not change the pattern"), error);
  st_history_end (history);
  after_edit (self);
}

/* Yarns */

static void
add_yarn_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (st_yarn_dialog_new (GTK_WINDOW (self), pattern_of (self), -1)));
}

static void
edit_yarn_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= pattern_of (self)->n_yarns)
    return;
  gtk_window_present (GTK_WINDOW (st_yarn_dialog_new (GTK_WINDOW (self), pattern_of (self), (int) index)));
}

static void
apply_yarn_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StPattern *pattern = pattern_of (self);
  g_autoptr(GError) error = NULL;
  const char *key, *name, *color, *fibre;
  gint32 index;
  guint32 weight;
  gboolean sticky, ok;
  StYarn yarn = { 0 };

  g_variant_get (parameter, "(i&s&s&su&sb)", &index, &key, &name, &color, &weight, &fibre, &sticky);
  yarn.key = key[0];
  yarn.name = (char *) name;
  yarn.weight = MIN (weight, ST_WEIGHT_JUMBO);
  yarn.fibre = fibre[0] != '\0' ? (char *) fibre : NULL;
  yarn.sticky = sticky;
  if (!st_color_parse (color, &yarn.color))
    {
      g_set_error (&error, ST_ERROR, ST_ERROR_INVALID, _("“%s” is not a colour like #9b1b30"), color);
      report (self, _("Could not change the yarn"), error);
      return;
    }
  before_edit (self);
  if (index < 0)
    ok = st_edit_add_yarn (pattern, history_of (self), &yarn, &error);
  else
    ok = st_edit_set_yarn (pattern, history_of (self), (guint) index, &yarn, &error);
  if (!ok && error != NULL)
    report (self, index < 0 ? _("Could not add the yarn") : _("Could not change the yarn"), error);
  after_edit (self);
  /* A new yarn is there to be painted with. */
  if (ok && index < 0)
    _st_window_set_yarns (self, pattern->n_yarns - 1, self->secondary_yarn);
}

static GtkWidget *
yarn_dropdown (const StPattern *pattern,
               int              skip,
               guint            selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < pattern->n_yarns; i++)
    {
      g_autofree char *label = g_strdup_printf ("%c · %s", pattern->yarns[i].key, pattern->yarns[i].name);

      gtk_string_list_append (names, (int) i == skip ? _("(this yarn)") : label);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

typedef struct
{
  StWindow    *window;
  GtkDropDown *from;
  GtkDropDown *to;
  guint        index;
} YarnChoice;

static void
remove_response_cb (GtkDialog  *dialog,
                    int         response,
                    YarnChoice *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_widget_activate_action (GTK_WIDGET (choice->window), "win.apply-remove-yarn", "(uu)",
                                choice->index, gtk_drop_down_get_selected (choice->to));
  gtk_window_destroy (GTK_WINDOW (dialog));
}


/* Cancel and @accept_label buttons, @accept_style on the latter; @choice is
 * freed with the dialog. */
static void
present_choice_dialog (GtkWidget  *dialog,
                       const char *accept_label,
                       const char *accept_style,
                       GCallback   response_cb,
                       gpointer    choice)
{
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, accept_label,
                          GTK_RESPONSE_ACCEPT, NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            accept_style);
  g_signal_connect_data (dialog, "response", response_cb, choice,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_yarn_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StPattern *pattern = pattern_of (self);
  guint index = g_variant_get_uint32 (parameter);
  YarnChoice *choice;
  GtkWidget *dialog, *area, *row;

  if (index >= pattern->n_yarns || pattern->n_yarns < 2)
    return;
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, _("Remove %s?"),
                                   pattern->yarns[index].name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Its stitches, catches and duplicate stitches are "
                                              "knit in the yarn you choose instead."));
  choice = g_new0 (YarnChoice, 1);
  choice->window = self;
  choice->index = index;
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Replace with")));
  choice->to = GTK_DROP_DOWN (yarn_dropdown (pattern, (int) index, index == 0 ? 1 : 0));
  gtk_widget_set_hexpand (GTK_WIDGET (choice->to), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (choice->to));
  gtk_box_append (GTK_BOX (area), row);
  present_choice_dialog (dialog, _("_Remove"), "destructive-action", G_CALLBACK (remove_response_cb), choice);
}

static void
apply_remove_yarn_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint index, replacement, primary = self->primary_yarn, secondary = self->secondary_yarn;

  g_variant_get (parameter, "(uu)", &index, &replacement);
  before_edit (self);
  if (!st_edit_remove_yarn (pattern_of (self), history_of (self), index, replacement, &error))
    {
      if (error != NULL)
        report (self, _("Could not remove the yarn"), error);
      return;
    }
  /* Yarns after the removed one moved down by one. */
  if (primary == index)
    primary = replacement;
  if (secondary == index)
    secondary = replacement;
  primary -= primary > index;
  secondary -= secondary > index;
  after_edit (self);
  _st_window_set_yarns (self, primary, secondary);
}

static void
move_yarn_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  guint from = g_variant_get_uint32 (parameter), to;
  guint primary = self->primary_yarn, secondary = self->secondary_yarn;

  if (g_str_equal (action_name, "win.move-yarn-up"))
    {
      if (from == 0)
        return;
      to = from - 1;
    }
  else
    {
      if (from + 1 >= pattern_of (self)->n_yarns)
        return;
      to = from + 1;
    }
  before_edit (self);
  if (!st_edit_move_yarn (pattern_of (self), history_of (self), from, to))
    return;
  /* The slots follow their yarns. */
  primary = primary == from ? to : primary == to ? from : primary;
  secondary = secondary == from ? to : secondary == to ? from : secondary;
  after_edit (self);
  _st_window_set_yarns (self, primary, secondary);
}

static void
swap_yarns_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  _st_window_set_yarns (self, self->secondary_yarn, self->primary_yarn);
}

static void
replace_response_cb (GtkDialog  *dialog,
                     int         response,
                     YarnChoice *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_widget_activate_action (GTK_WIDGET (choice->window), "win.apply-replace-yarn", "(uu)",
                                gtk_drop_down_get_selected (choice->from),
                                gtk_drop_down_get_selected (choice->to));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
replace_yarn_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  StPattern *pattern = pattern_of (self);
  YarnChoice *choice = g_new0 (YarnChoice, 1);
  GtkWidget *dialog, *area, *grid, *label;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, _("Replace a Yarn"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("Every stitch in the first yarn is knit in the second."));
  choice->window = self;
  choice->from = GTK_DROP_DOWN (yarn_dropdown (pattern, -1, self->primary_yarn));
  choice->to = GTK_DROP_DOWN (yarn_dropdown (pattern, -1, self->secondary_yarn));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  /* Translators: the Replace a Yarn dialog reads "Replace [yarn] with [yarn]". */
  label = gtk_label_new (_("Replace"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (choice->from), 1, 0, 1, 1);
  /* Translators: the Replace a Yarn dialog reads "Replace [yarn] with [yarn]". */
  label = gtk_label_new (_("with"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (choice->to), 1, 1, 1, 1);
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  gtk_box_append (GTK_BOX (area), grid);
  present_choice_dialog (dialog, _("_Replace"), "suggested-action", G_CALLBACK (replace_response_cb), choice);
}

static void
apply_replace_yarn_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);
  guint from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  if (from >= pattern_of (self)->n_yarns || to >= pattern_of (self)->n_yarns)
    return;
  before_edit (self);
  st_edit_replace_yarn (pattern_of (self), history_of (self), (guint8) from, (guint8) to);
  after_edit (self);
}

/* View */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    st_chart_view_zoom_in (self->chart_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    st_chart_view_zoom_out (self->chart_view);
  else
    st_chart_view_zoom_to_fit (self->chart_view);
}

static void
preview_reset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  st_preview_view_reset (ST_WINDOW (widget)->preview_view);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (st_export_dialog_new (GTK_WINDOW (self), self->document)));
}

/* Knit along: a window of its own for this document, which can fill the
 * screen by the machine while the designer stays as it is. */
static void
knit_along_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StWindow *self = ST_WINDOW (widget);

  st_knit_along_view_present (GTK_WINDOW (self), self->document);
}

void
_st_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-pattern", "(ssuudd)", new_pattern_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selection", NULL, delete_selection_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "win.mirror-selection", NULL, mirror_selection_action);

  gtk_widget_class_install_action (widget_class, "win.insert-rounds", NULL, insert_rounds_action);
  gtk_widget_class_install_action (widget_class, "win.delete-rounds", NULL, delete_rounds_action);
  gtk_widget_class_install_action (widget_class, "win.shift-left", NULL, shift_action);
  gtk_widget_class_install_action (widget_class, "win.shift-right", NULL, shift_action);
  gtk_widget_class_install_action (widget_class, "win.pattern-settings", NULL, pattern_settings_action);
  gtk_widget_class_install_action (widget_class, "win.apply-pattern-settings", "(suudd)",
                                   apply_pattern_settings_action);

  gtk_widget_class_install_action (widget_class, "win.add-yarn", NULL, add_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.edit-yarn", "u", edit_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.apply-yarn", "(isssusb)", apply_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.remove-yarn", "u", remove_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.apply-remove-yarn", "(uu)", apply_remove_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.move-yarn-up", "u", move_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.move-yarn-down", "u", move_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.swap-yarns", NULL, swap_yarns_action);
  gtk_widget_class_install_action (widget_class, "win.replace-yarn", NULL, replace_yarn_action);
  gtk_widget_class_install_action (widget_class, "win.apply-replace-yarn", "(uu)", apply_replace_yarn_action);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.preview-reset", NULL, preview_reset_action);
  gtk_widget_class_install_action (widget_class, "win.knit-along", NULL, knit_along_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
}
