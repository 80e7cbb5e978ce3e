/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-export-dialog.h"

#include <glib/gi18n.h>
#include <math.h>

#include "st-render-types.h"

/* A text preview stops here; the file has everything. */
#define TEXT_PREVIEW_BYTES (256 * 1024)
/* PDF pages are previewed at this many pixels per point. */
#define PAGE_SCALE 1.25
/* A stitch map is shown this large at most, one square per stitch. */
#define STITCH_MAP_PREVIEW_SIDE 1200

struct _StExportDialog
{
  GtkWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *export_button;
  GtkDropDown    *format_dropdown;
  GtkLabel       *format_description;
  GtkWidget      *paper_title;
  GtkDropDown    *paper_dropdown;
  GtkWidget      *cell_title;
  GtkWidget      *cell_box;
  GtkAdjustment  *cell_adjustment;
  GtkLabel       *cell_unit;
  GtkLabel       *warnings_label;
  GtkLabel       *problem_label;
  GtkStack       *preview_stack;
  GtkPicture     *preview_picture;
  GtkTextView    *preview_text;
  GtkWidget      *page_bar;
  GtkLabel       *page_label;

  /* Owned */
  StDocument     *document;
  StExportOptions options;
  double          png_cell;
  double          svg_cell;
  guint           page;
  guint           n_pages;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (StExportDialog, st_export_dialog, GTK_TYPE_WINDOW)

static const char *
describe_format (StExportFormat format)
{
  switch (format)
    {
    case ST_EXPORT_PDF:
      return _("A printable pattern: the yarns and how much of each, the chart over as many pages as it "
               "needs, the check, and the written instructions round by round.");
    case ST_EXPORT_PNG:
      return _("The chart with its numbers and legend as one picture, to share or print.");
    case ST_EXPORT_SVG:
      return _("The same chart as vector graphics, sharp at any size.");
    case ST_EXPORT_PNG_STITCHES:
      return _("One pixel per stitch in the yarns’ colours, round 1 at the bottom: the image AYAB and "
               "other tools read. Stranded imports it back exactly.");
    case ST_EXPORT_TXT:
      return _("The written instructions as plain text, round by round.");
    case ST_EXPORT_KNITOUT:
    default:
      return _("A knitout program that knits the pattern as a tube, for a Kniterate or an industrial "
               "machine.");
    }
}

static StPattern *
pattern_of (StExportDialog *self)
{
  return st_document_get_pattern (self->document);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  /* cairo's ARGB32 is GDK's default memory format. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static GdkTexture *
render_pdf_page (StExportDialog *self)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  double width, height;

  st_paper_size (self->options.paper, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * PAGE_SCALE),
                                        (int) ceil (height * PAGE_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PAGE_SCALE, PAGE_SCALE);
  if (!st_export_pdf_draw_page (pattern_of (self), &self->options, self->page, cr, &width, &height))
    return NULL;
  return texture_from_surface (surface);
}

/* The stitch map is a few pixels a stitch wide: blown up square by square,
 * not blurred. */
static GdkTexture *
stitch_map_texture (GBytes  *png,
                    GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  g_autoptr(GdkPixbuf) scaled = NULL;
  int side, factor;

  if (pixbuf == NULL)
    return NULL;
  side = MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
  factor = CLAMP (STITCH_MAP_PREVIEW_SIDE / MAX (side, 1), 1, 16);
  scaled = gdk_pixbuf_scale_simple (pixbuf, gdk_pixbuf_get_width (pixbuf) * factor,
                                    gdk_pixbuf_get_height (pixbuf) * factor, GDK_INTERP_NEAREST);
  return gdk_texture_new_for_pixbuf (scaled != NULL ? scaled : pixbuf);
}

static void
show_text (StExportDialog *self,
           GBytes         *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_text);

  if (length <= TEXT_PREVIEW_BYTES)
    gtk_text_buffer_set_text (buffer, data, (int) length);
  else
    {
      const char *end = data + TEXT_PREVIEW_BYTES;
      gulong more = 0;
      g_autofree char *note = NULL;

      /* Cut after a whole line. */
      while (end > data && end[-1] != '\n')
        end--;
      if (end == data)
        end = g_utf8_find_prev_char (data, data + TEXT_PREVIEW_BYTES);
      for (const char *c = end; c < data + length; c++)
        more += *c == '\n';
      gtk_text_buffer_set_text (buffer, data, (int) (end - data));
      /* Translators: under a long text preview; the file itself is complete. */
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %lu more line in the file",
                                           "… and %lu more lines in the file", more),
                              more);
      {
        GtkTextIter iter;

        gtk_text_buffer_get_end_iter (buffer, &iter);
        gtk_text_buffer_insert (buffer, &iter, note, -1);
      }
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "text");
}

static void
show_warnings (StExportDialog *self,
               GPtrArray      *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      g_autofree char *line = g_strdup (g_ptr_array_index (warnings, i));

      /* The core words warnings as clauses; here each is a sentence. */
      line[0] = g_ascii_toupper (line[0]);
      g_string_append_printf (text, "%s%s.", text->len > 0 ? "\n" : "", line);
    }
  gtk_label_set_label (self->warnings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), text->len > 0);
}

static void
show_problem (StExportDialog *self,
              const char     *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* Builds the preview of the file as it would be written now. */
static void
refresh (StExportDialog *self)
{
  StExportFormat format = self->options.format;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean image_sized = format == ST_EXPORT_PNG || format == ST_EXPORT_SVG;
  gboolean ok = FALSE;

  gtk_label_set_label (self->format_description, describe_format (format));
  gtk_widget_set_visible (self->paper_title, format == ST_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_dropdown), format == ST_EXPORT_PDF);
  gtk_widget_set_visible (self->cell_title, image_sized);
  gtk_widget_set_visible (self->cell_box, image_sized);
  gtk_widget_set_visible (self->page_bar, format == ST_EXPORT_PDF);
  /* Translators: the unit of the stitch size of a PNG (pixels) or SVG (points) chart. */
  gtk_label_set_label (self->cell_unit, format == ST_EXPORT_SVG ? _("points") : _("pixels"));
  show_problem (self, NULL);

  if (format == ST_EXPORT_PDF)
    {
      g_autofree char *page = NULL;

      self->n_pages = st_export_pdf_page_count (pattern_of (self), &self->options);
      self->page = MIN (self->page, MAX (self->n_pages, 1) - 1);
      texture = self->n_pages > 0 ? render_pdf_page (self) : NULL;
      ok = texture != NULL;
      /* Translators: the page shown in the PDF preview. */
      page = g_strdup_printf (_("Page %u of %u"), self->page + 1, self->n_pages);
      gtk_label_set_label (self->page_label, page);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.previous-page", self->page > 0);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.next-page", self->page + 1 < self->n_pages);
    }
  else
    {
      StExportOptions options = self->options;
      g_autoptr(GBytes) bytes = NULL;

      /* The SVG draws what the PNG draws; the preview shows it as pixels. */
      if (format == ST_EXPORT_SVG)
        options.format = ST_EXPORT_PNG;
      bytes = st_export_to_bytes (pattern_of (self), &options, warnings, &error);
      if (bytes != NULL && (format == ST_EXPORT_TXT || format == ST_EXPORT_KNITOUT))
        {
          show_text (self, bytes);
          ok = TRUE;
        }
      else if (bytes != NULL)
        {
          texture = format == ST_EXPORT_PNG_STITCHES ? stitch_map_texture (bytes, &error)
                                                     : gdk_texture_new_from_bytes (bytes, &error);
          ok = texture != NULL;
        }
    }
  if (format != ST_EXPORT_TXT && format != ST_EXPORT_KNITOUT)
    {
      gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->preview_stack, "image");
    }
  if (error != NULL)
    show_problem (self, error->message);
  show_warnings (self, warnings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", ok);
}

static void
format_changed_cb (StExportDialog *self)
{
  if (self->syncing)
    return;
  st_export_dialog_set_format (self, (StExportFormat) gtk_drop_down_get_selected (self->format_dropdown));
}

static void
paper_changed_cb (StExportDialog *self)
{
  if (self->syncing)
    return;
  self->options.paper = gtk_drop_down_get_selected (self->paper_dropdown) == 1 ? ST_PAPER_LETTER : ST_PAPER_A4;
  refresh (self);
}

static void
cell_changed_cb (StExportDialog *self)
{
  double cell = gtk_adjustment_get_value (self->cell_adjustment);

  if (self->syncing)
    return;
  if (self->options.format == ST_EXPORT_SVG)
    self->svg_cell = cell;
  else
    self->png_cell = cell;
  self->options.cell_size = cell;
  refresh (self);
}

/* ---- saving ---------------------------------------------------------------- */

static void
file_chosen_cb (GtkNativeDialog *native,
                int              response,
                StExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL && st_export_dialog_export_to (self, file))
        gtk_window_destroy (GTK_WINDOW (self));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StExportDialog *self = ST_EXPORT_DIALOG (widget);
  GFile *pattern_file = st_document_get_file (self->document);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *extension = st_export_format_extension (self->options.format);
  g_autofree char *name = g_strconcat (st_document_get_title (self->document), ".", extension, NULL);
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Export Pattern"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, gtk_string_object_get_string (
                                      gtk_drop_down_get_selected_item (self->format_dropdown)));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (pattern_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (pattern_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Both stay alive until the chooser answers. */
  g_signal_connect (native, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StExportDialog *self = ST_EXPORT_DIALOG (widget);

  if (g_str_equal (action_name, "export.next-page") && self->page + 1 < self->n_pages)
    self->page++;
  else if (g_str_equal (action_name, "export.previous-page") && self->page > 0)
    self->page--;
  refresh (self);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
st_export_dialog_dispose (GObject *object)
{
  StExportDialog *self = ST_EXPORT_DIALOG (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), ST_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (st_export_dialog_parent_class)->dispose (object);
}

static void
st_export_dialog_class_init (StExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stranded/Stranded/ui/st-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, cell_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, cell_box);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, cell_title);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, cell_unit);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, page_bar);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, page_label);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, paper_title);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, preview_text);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, StExportDialog, warnings_label);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "export.next-page", NULL, page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "export.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "export.previous-page", NULL);
}

static void
st_export_dialog_init (StExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->png_cell = ST_EXPORT_PNG_DEFAULT_CELL;
  self->svg_cell = ST_EXPORT_SVG_DEFAULT_CELL;
  st_export_options_init (&self->options, ST_EXPORT_PDF);
  g_signal_connect_swapped (self->format_dropdown, "notify::selected", G_CALLBACK (format_changed_cb), self);
  g_signal_connect_swapped (self->paper_dropdown, "notify::selected", G_CALLBACK (paper_changed_cb), self);
  g_signal_connect_swapped (self->cell_adjustment, "value-changed", G_CALLBACK (cell_changed_cb), self);
}

/* ---- public API ------------------------------------------------------------------ */

StExportDialog *
st_export_dialog_new (GtkWindow  *parent,
                      StDocument *document)
{
  StExportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  self = g_object_new (ST_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  /* Translators: the Export dialog's title, with the pattern's name. */
  title = g_strdup_printf (_("Export “%s”"), st_document_get_title (document));
  gtk_window_set_title (GTK_WINDOW (self), title);
  st_export_dialog_set_format (self, ST_EXPORT_PDF);
  return self;
}

void
st_export_dialog_set_format (StExportDialog *self,
                             StExportFormat  format)
{
  StPaper paper;

  g_return_if_fail (ST_IS_EXPORT_DIALOG (self));

  paper = self->options.paper;
  st_export_options_init (&self->options, format);
  self->options.paper = paper;
  if (format == ST_EXPORT_PNG || format == ST_EXPORT_SVG)
    self->options.cell_size = format == ST_EXPORT_SVG ? self->svg_cell : self->png_cell;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->format_dropdown, (guint) format);
  if (format == ST_EXPORT_PNG || format == ST_EXPORT_SVG)
    gtk_adjustment_set_value (self->cell_adjustment, self->options.cell_size);
  self->syncing = FALSE;
  refresh (self);
}

StExportFormat
st_export_dialog_get_format (StExportDialog *self)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), ST_EXPORT_PDF);
  return self->options.format;
}

gboolean
st_export_dialog_export_to (StExportDialog *self,
                            GFile          *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Translators: exports go to local files; %s is where the user asked. */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a local file"), uri);
    }
  else if (st_export_to_file (pattern_of (self), &self->options, path, warnings, &error))
    return TRUE;
  show_problem (self, error->message);
  return FALSE;
}

static const char *
label_text (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : "";
}

char *
st_export_dialog_get_text (StExportDialog *self,
                           const char     *part)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  if (g_str_equal (part, "page"))
    return g_strdup (gtk_widget_get_visible (self->page_bar) ? gtk_label_get_label (self->page_label) : "");
  if (g_str_equal (part, "warnings"))
    return g_strdup (label_text (self->warnings_label));
  if (g_str_equal (part, "problem"))
    return g_strdup (label_text (self->problem_label));
  if (g_str_equal (part, "description"))
    return g_strdup (gtk_label_get_label (self->format_description));
  if (g_str_equal (part, "text"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_text);
      GtkTextIter start, end;

      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->preview_stack), "text") != 0)
        return g_strdup ("");
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return NULL;
}

GdkPaintable *
st_export_dialog_get_preview (StExportDialog *self)
{
  g_return_val_if_fail (ST_IS_EXPORT_DIALOG (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->preview_stack), "image") != 0)
    return NULL;
  return gtk_picture_get_paintable (self->preview_picture);
}
