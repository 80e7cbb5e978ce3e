/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-import-dialog"

#include "config.h"

#include "st-import-dialog.h"

#include <glib/gi18n.h>

#include "st-image-import.h"
#include "st-profile.h"
#include "st-settings.h"

/* The same pause as the checks panel: typing "12" in a spin button
 * imports once, not twice. */
#define PREVIEW_DELAY_MS 150
/* Cells at least this many pixels wide get a grid. */
#define GRID_MIN_CELL    6.0

struct _StImportDialog
{
  GtkWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *file_label;
  GtkDropDown     *machine_dropdown;
  GtkLabel        *machine_note;
  GtkSpinButton   *yarns_spin;
  GtkCheckButton  *exact_check;
  GtkSpinButton   *rows_spin;
  GtkCheckButton  *auto_rows_check;
  GtkCheckButton  *floats_check;
  GtkCheckButton  *pattern_yarns_check;
  GtkLabel        *pattern_yarns_note;
  GtkStack        *preview_stack;
  GtkDrawingArea  *preview_area;
  GtkLabel        *loading_label;
  GtkLabel        *error_title;
  GtkLabel        *error_label;
  GtkLabel        *summary_label;
  GtkSpinner      *spinner;
  GtkLabel        *report_label;

  /* Owned */
  GFile           *file;
  char            *file_name;       /* for people: the file's base name */
  GdkPixbuf       *pixbuf;          /* NULL until read */
  guint            image_colors;    /* distinct colours, ST_MAX_YARNS + 1 for more */
  StPattern       *own_pattern;     /* the window's pattern, lends its yarns; read by workers */
  StPattern       *pattern;         /* the preview's pattern, NULL after an error */
  cairo_surface_t *surface;         /* its stitches, one pixel each, round 1 at the bottom */
  double           row_aspect;      /* a round's height over a stitch's width */
  GCancellable    *cancellable;
  guint            preview_id;
  gboolean         loading;
  gboolean         running;
  gboolean         pending;         /* the choices changed while a preview ran */
  gboolean         syncing;         /* widgets set from code, not by the user */

  /* Borrowed (weak) */
  StWindow        *window;
};

G_DEFINE_FINAL_TYPE (StImportDialog, st_import_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PROFILE_ID,
  PROP_YARNS,
  PROP_ROWS,
  PROP_SHORT_FLOATS,
  PROP_PATTERN_YARNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_preview (StImportDialog *self);

/* Choices */

static const StProfile *
selected_profile (StImportDialog *self)
{
  GPtrArray *profiles = st_profiles_get_all ();
  guint index = gtk_drop_down_get_selected (self->machine_dropdown);

  return index < profiles->len ? g_ptr_array_index (profiles, index) : NULL;
}

static guint
machine_yarns (const StProfile *profile)
{
  return CLAMP (profile->max_colors ? profile->max_colors : 2, 2, 6);
}

/* Whether the picture imports stitch for stitch on @profile, as the
 * import decides it (st-image-import.c: target_needles). */
static gboolean
is_stitch_map_for (StImportDialog  *self,
                   const StProfile *profile)
{
  guint width, max;

  if (self->pixbuf == NULL || profile == NULL || self->image_colors > ST_MAX_YARNS)
    return FALSE;
  width = (guint) gdk_pixbuf_get_width (self->pixbuf);
  if (profile->circular && profile->needles > 0)
    return width == profile->needles;
  max = st_profile_max_width (profile);
  return width <= (max > 0 ? max : ST_MAX_NEEDLES);
}

static gboolean
exact_in_effect (StImportDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->exact_check)) &&
         gtk_widget_get_sensitive (GTK_WIDGET (self->exact_check)) &&
         gtk_check_button_get_active (self->exact_check);
}

static gboolean
pattern_yarns_in_effect (StImportDialog *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->pattern_yarns_check)) &&
         gtk_check_button_get_active (self->pattern_yarns_check);
}

/* Shows the exact choice only for a stitch map, and keeps the spin
 * buttons for what is not decided otherwise. */
static void
update_choices (StImportDialog *self)
{
  gboolean auto_rows = gtk_check_button_get_active (self->auto_rows_check);

  gtk_widget_set_visible (GTK_WIDGET (self->exact_check), is_stitch_map_for (self, selected_profile (self)));
  /* A picture resized to other rounds is no longer one pixel per stitch. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->exact_check), auto_rows);
  gtk_widget_set_sensitive (GTK_WIDGET (self->yarns_spin), !exact_in_effect (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rows_spin), !auto_rows);
}

static void
option_changed_cb (StImportDialog *self)
{
  if (self->syncing)
    return;
  update_choices (self);
  schedule_preview (self);
}

static void
machine_changed_cb (StImportDialog *self)
{
  const StProfile *profile = selected_profile (self);

  if (profile == NULL)
    return;
  gtk_label_set_label (self->machine_note, profile->description);
  /* The machine's colours per round, unless this pattern's yarns count. */
  if (!pattern_yarns_in_effect (self))
    {
      self->syncing = TRUE;
      gtk_spin_button_set_value (self->yarns_spin, machine_yarns (profile));
      self->syncing = FALSE;
    }
  option_changed_cb (self);
}

static void
auto_rows_toggled_cb (StImportDialog *self)
{
  option_changed_cb (self);
}

static void
pattern_yarns_toggled_cb (StImportDialog *self)
{
  const StProfile *profile = selected_profile (self);
  guint n = self->own_pattern != NULL ? self->own_pattern->n_yarns : 2;

  self->syncing = TRUE;
  if (pattern_yarns_in_effect (self))
    {
      /* There are only so many yarns to map the colours onto. */
      gtk_spin_button_set_range (self->yarns_spin, 2, MIN (6, MAX (2, n)));
      gtk_spin_button_set_value (self->yarns_spin, MIN (6, n));
    }
  else
    {
      gtk_spin_button_set_range (self->yarns_spin, 2, 6);
      if (profile != NULL)
        gtk_spin_button_set_value (self->yarns_spin, machine_yarns (profile));
    }
  self->syncing = FALSE;
  option_changed_cb (self);
}

/* The preview */

typedef struct
{
  GdkPixbuf       *pixbuf;
  char            *source_name;
  StImportOptions  options;
  /* Results */
  StPattern       *pattern;
  StImportReport   report;
  GPtrArray       *warnings;
  GError          *error;
  cairo_surface_t *surface;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_clear_object (&job->pixbuf);
  g_free (job->source_name);
  g_clear_pointer (&job->pattern, st_pattern_free);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_free (job);
}

/* One pixel per stitch in its yarn's colour, round 1 at the bottom. */
static cairo_surface_t *
stitch_surface (const StPattern *pattern)
{
  guint needles = st_pattern_needles (pattern);
  guint rows = st_pattern_rows (pattern);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) needles, (int) rows);
  guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint r = 0; r < rows; r++)
    {
      guint32 *line = (guint32 *) (gpointer) (data + (gsize) (rows - 1 - r) * stride);

      for (guint n = 0; n < needles; n++)
        {
          StColor color = pattern->yarns[st_chart_get (pattern->chart, r, n)].color;

          line[n] = (guint32) color.red << 16 | (guint32) color.green << 8 | color.blue;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;

  job->warnings = g_ptr_array_new_with_free_func (g_free);
  job->pattern = st_image_import_pixbuf (job->pixbuf, job->source_name, &job->options, &job->report,
                                         job->warnings, &job->error);
  if (job->pattern != NULL)
    job->surface = stitch_surface (job->pattern);
  g_task_return_boolean (task, TRUE);
}

static char *
summary_text (const StPattern *pattern)
{
  guint needles = st_pattern_needles (pattern);
  guint rows = st_pattern_rows (pattern);
  g_autofree char *stitches = g_strdup_printf (ngettext ("%u stitch", "%u stitches", needles), needles);
  g_autofree char *rounds = g_strdup_printf (ngettext ("%u round", "%u rounds", rows), rows);
  g_autofree char *yarns = g_strdup_printf (ngettext ("%u yarn", "%u yarns", pattern->n_yarns),
                                            pattern->n_yarns);

  /* Translators: the imported pattern's size, "48 stitches × 60 rounds,
   * 3 yarns". */
  return g_strdup_printf (_("%s × %s, %s"), stitches, rounds, yarns);
}

static char *
report_text (PreviewJob *job)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const StImportReport *report = &job->report;

  if (report->from_metadata)
    g_string_append (text, _("A stitch map made by Stranded: the pattern comes back whole, with its "
                             "machine, yarns and marks."));
  else if (report->stitch_map)
    g_string_append (text, _("A stitch map, imported exactly: one pixel per stitch."));
  else
    /* Translators: the picture's width and height in pixels. */
    g_string_append_printf (text, _("Resampled from %u × %u pixels."), report->source_width,
                            report->source_height);
  if (report->max_float > 0)
    {
      g_autofree char *limit = g_strdup_printf (ngettext ("%u stitch", "%u stitches", report->max_float),
                                                report->max_float);

      g_string_append_c (text, '\n');
      /* Translators: %s is the float limit, such as "5 stitches". */
      g_string_append_printf (text, ngettext ("Float limit %s: %u stitch changed",
                                              "Float limit %s: %u stitches changed",
                                              report->changed_stitches),
                              limit, report->changed_stitches);
    }
  for (guint i = 0; i < job->warnings->len; i++)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (job->warnings, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_error (StImportDialog *self,
            const char     *title,
            const char     *message)
{
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
  gtk_label_set_label (self->summary_label, "");
  gtk_label_set_label (self->report_label, "");
}

static void
update_state (StImportDialog *self)
{
  gboolean busy = st_import_dialog_is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", !busy && self->pattern != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy && !self->loading);
  gtk_spinner_set_spinning (self->spinner, busy && !self->loading);
}

static void start_preview (StImportDialog *self);

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StImportDialog *self = ST_IMPORT_DIALOG (source);
  PreviewJob *job = g_task_get_task_data (G_TASK (result));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->running = FALSE;
  if (self->pending)
    {
      /* The result is already stale: go straight on with the new choices. */
      self->pending = FALSE;
      start_preview (self);
      return;
    }
  g_clear_pointer (&self->pattern, st_pattern_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (job->pattern == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Cannot make a pattern of “%s” this way"), self->file_name);

      show_error (self, title, job->error != NULL ? job->error->message : "");
    }
  else
    {
      g_autofree char *summary = summary_text (job->pattern);
      g_autofree char *report = report_text (job);

      self->pattern = g_steal_pointer (&job->pattern);
      self->surface = g_steal_pointer (&job->surface);
      self->row_aspect = st_pattern_row_height_mm (self->pattern) / st_pattern_stitch_width_mm (self->pattern);
      gtk_label_set_label (self->summary_label, summary);
      gtk_label_set_label (self->report_label, report);
      gtk_stack_set_visible_child_name (self->preview_stack, "preview");
      gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
      /* Show the rounds the proportions gave, to start editing from. */
      if (gtk_check_button_get_active (self->auto_rows_check))
        {
          self->syncing = TRUE;
          gtk_spin_button_set_value (self->rows_spin, st_pattern_rows (self->pattern));
          self->syncing = FALSE;
        }
    }
  update_state (self);
}

static void
start_preview (StImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;
  guint colors;

  if (self->pixbuf == NULL)
    return;
  if (self->running)
    {
      self->pending = TRUE;
      return;
    }
  job = g_new0 (PreviewJob, 1);
  job->pixbuf = g_object_ref (self->pixbuf);
  job->source_name = g_strdup (self->file_name);
  st_import_options_init (&job->options);
  job->options.profile = selected_profile (self);
  colors = exact_in_effect (self) ? 0 : (guint) gtk_spin_button_get_value_as_int (self->yarns_spin);
  if (pattern_yarns_in_effect (self))
    {
      /* Read by the worker: the dialog keeps it until it finalizes, which
       * the task's reference on the dialog delays until the worker ends. */
      job->options.yarns_from = self->own_pattern;
      /* More colours than yarns to map them onto cannot be matched. */
      colors = MIN (colors, self->own_pattern->n_yarns);
    }
  job->options.colors = colors;
  job->options.rows = gtk_check_button_get_active (self->auto_rows_check)
                      ? 0 : (guint) gtk_spin_button_get_value_as_int (self->rows_spin);
  job->options.max_float = gtk_check_button_get_active (self->floats_check) ? ST_IMPORT_MAX_FLOAT_AUTO : 0;

  self->running = TRUE;
  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, preview_thread);
  update_state (self);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  StImportDialog *self = data;

  self->preview_id = 0;
  start_preview (self);
  update_state (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (StImportDialog *self)
{
  if (self->pixbuf == NULL)
    return;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
  update_state (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  StImportDialog *self = data;
  double needles, rows, cell_w, cell_h, x0, y0;

  if (self->surface == NULL)
    return;
  needles = cairo_image_surface_get_width (self->surface);
  rows = cairo_image_surface_get_height (self->surface);
  /* Cells keep the stitch's proportions at the gauge, like the chart. */
  cell_w = MIN (width / needles, height / (rows * self->row_aspect));
  cell_h = cell_w * self->row_aspect;
  x0 = floor ((width - cell_w * needles) / 2);
  y0 = floor ((height - cell_h * rows) / 2);

  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, cell_w, cell_h);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  /* Sharp stitches, not a blur between them. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, needles, rows);
  cairo_fill (cr);
  cairo_restore (cr);

  if (cell_w >= GRID_MIN_CELL && cell_h >= GRID_MIN_CELL)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
      cairo_set_line_width (cr, 1);
      for (guint n = 0; n <= needles; n++)
        {
          cairo_move_to (cr, floor (x0 + n * cell_w) + 0.5, y0);
          cairo_line_to (cr, floor (x0 + n * cell_w) + 0.5, y0 + rows * cell_h);
        }
      for (guint r = 0; r <= rows; r++)
        {
          cairo_move_to (cr, x0, floor (y0 + r * cell_h) + 0.5);
          cairo_line_to (cr, x0 + needles * cell_w, floor (y0 + r * cell_h) + 0.5);
        }
      cairo_stroke (cr);
    }
}

/* Reading the picture */

typedef struct
{
  GdkPixbuf *pixbuf;
  guint      colors;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->pixbuf);
  g_free (result);
}

/* Distinct colours, counting stops past ST_MAX_YARNS: only a stitch map
 * (at most that many) imports exactly. */
static guint
count_colors (GdkPixbuf *pixbuf)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  /* Wider than any machine: never a stitch map, and not worth a scan. */
  if (width > ST_MAX_NEEDLES)
    return ST_MAX_YARNS + 1;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *px = pixels + (gsize) y * stride + (gsize) x * channels;
        guint key = ((guint) px[0] << 16 | (guint) px[1] << 8 | px[2]) + 1;

        g_hash_table_add (seen, GUINT_TO_POINTER (key));
        if (g_hash_table_size (seen) > ST_MAX_YARNS)
          return ST_MAX_YARNS + 1;
      }
  return g_hash_table_size (seen);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  LoadResult *result;
  GdkPixbuf *pixbuf;

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only pictures on this computer can be imported"), name);
      return;
    }
  pixbuf = st_image_load (path, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (LoadResult, 1);
  result->pixbuf = pixbuf;
  result->colors = count_colors (pixbuf);
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  StImportDialog *self = ST_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autofree char *label = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }
  self->loading = FALSE;
  if (result == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Cannot read “%s”"), self->file_name);

      show_error (self, title, error->message);
      update_state (self);
      return;
    }
  self->pixbuf = g_steal_pointer (&result->pixbuf);
  self->image_colors = result->colors;
  load_result_free (result);

  /* Translators: the picture's file name, then its width and height in
   * pixels. */
  label = g_strdup_printf (_("%s, %d × %d pixels"), self->file_name, gdk_pixbuf_get_width (self->pixbuf),
                           gdk_pixbuf_get_height (self->pixbuf));
  gtk_label_set_label (self->file_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), label);

  /* A stitch map is most likely meant stitch for stitch. The first
   * preview starts right away, not after a change. */
  self->syncing = TRUE;
  gtk_check_button_set_active (self->exact_check, TRUE);
  self->syncing = FALSE;
  {
    g_autofree char *exact = g_strdup_printf (ngettext ("_Exact (%u colour)", "_Exact (%u colours)",
                                                        self->image_colors),
                                              self->image_colors);

    gtk_check_button_set_label (self->exact_check, exact);
  }
  update_choices (self);
  start_preview (self);
}

/* Import */

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StImportDialog *self = ST_IMPORT_DIALOG (widget);
  g_autoptr(StDocument) document = NULL;
  g_autoptr(GSettings) settings = NULL;
  StWindow *window = self->window;

  if (st_import_dialog_is_busy (self) || self->pattern == NULL || window == NULL)
    return;
  if (st_profiles_lookup (self->pattern->profile_id) != NULL)
    {
      /* As New Pattern does: the next pattern starts on this machine. */
      settings = st_settings_new ();
      g_settings_set_string (settings, "default-machine", self->pattern->profile_id);
    }
  document = st_document_new (g_steal_pointer (&self->pattern), NULL);
  /* Opened the way a new pattern opens (see _st_window_show_document). */
  if (st_window_is_replaceable (window))
    {
      st_window_set_document (window, document);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    gtk_window_present (GTK_WINDOW (st_window_new (gtk_window_get_application (GTK_WINDOW (window)), document)));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
st_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StImportDialog *self = ST_IMPORT_DIALOG (object);
  const StProfile *profile;

  switch (prop_id)
    {
    case PROP_PROFILE_ID:
      profile = selected_profile (self);
      g_value_set_string (value, profile != NULL ? profile->id : NULL);
      break;
    case PROP_YARNS:
      g_value_set_uint (value, exact_in_effect (self) ? 0 : (guint) gtk_spin_button_get_value_as_int (self->yarns_spin));
      break;
    case PROP_ROWS:
      g_value_set_uint (value, gtk_check_button_get_active (self->auto_rows_check)
                               ? 0 : (guint) gtk_spin_button_get_value_as_int (self->rows_spin));
      break;
    case PROP_SHORT_FLOATS:
      g_value_set_boolean (value, gtk_check_button_get_active (self->floats_check));
      break;
    case PROP_PATTERN_YARNS:
      g_value_set_boolean (value, gtk_check_button_get_active (self->pattern_yarns_check));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StImportDialog *self = ST_IMPORT_DIALOG (object);
  GPtrArray *profiles = st_profiles_get_all ();
  guint n;

  switch (prop_id)
    {
    case PROP_PROFILE_ID:
      for (guint i = 0; i < profiles->len; i++)
        if (g_strcmp0 (((const StProfile *) g_ptr_array_index (profiles, i))->id, g_value_get_string (value)) == 0)
          gtk_drop_down_set_selected (self->machine_dropdown, i);
      break;
    case PROP_YARNS:
      n = g_value_get_uint (value);
      gtk_check_button_set_active (self->exact_check, n == 0);
      if (n > 0)
        gtk_spin_button_set_value (self->yarns_spin, n);
      break;
    case PROP_ROWS:
      n = g_value_get_uint (value);
      gtk_check_button_set_active (self->auto_rows_check, n == 0);
      if (n > 0)
        gtk_spin_button_set_value (self->rows_spin, n);
      break;
    case PROP_SHORT_FLOATS:
      gtk_check_button_set_active (self->floats_check, g_value_get_boolean (value));
      break;
    case PROP_PATTERN_YARNS:
      gtk_check_button_set_active (self->pattern_yarns_check, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_import_dialog_dispose (GObject *object)
{
  StImportDialog *self = ST_IMPORT_DIALOG (object);

  /* Workers still running finish unseen: their callbacks see this. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_clear_pointer (&self->pattern, st_pattern_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_object (&self->pixbuf);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (object), ST_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (st_import_dialog_parent_class)->dispose (object);
}

static void
st_import_dialog_finalize (GObject *object)
{
  StImportDialog *self = ST_IMPORT_DIALOG (object);

  /* Only now: a worker may have read it until the task let go of us. */
  g_clear_pointer (&self->own_pattern, st_pattern_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_free (self->file_name);
  G_OBJECT_CLASS (st_import_dialog_parent_class)->finalize (object);
}

static void
st_import_dialog_class_init (StImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_import_dialog_dispose;
  object_class->finalize = st_import_dialog_finalize;
  object_class->get_property = st_import_dialog_get_property;
  object_class->set_property = st_import_dialog_set_property;

  properties[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_YARNS] =
    g_param_spec_uint ("yarns", NULL, NULL, 0, 6, 2, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROWS] =
    g_param_spec_uint ("rows", NULL, NULL, 0, ST_MAX_ROWS, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_FLOATS] =
    g_param_spec_boolean ("short-floats", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATTERN_YARNS] =
    g_param_spec_boolean ("pattern-yarns", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, auto_rows_check);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, error_title);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, exact_check);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, floats_check);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, machine_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, machine_note);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, pattern_yarns_check);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, pattern_yarns_note);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, preview_area);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, report_label);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, rows_spin);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StImportDialog, yarns_spin);
  gtk_widget_class_bind_template_callback (widget_class, auto_rows_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, machine_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pattern_yarns_toggled_cb);
  gtk_widget_class_install_action (widget_class, "import.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
st_import_dialog_init (StImportDialog *self)
{
  GPtrArray *profiles = st_profiles_get_all ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->row_aspect = 1.0;
  /* No preview yet: nothing to react to while the template is built. */
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < profiles->len; i++)
    gtk_string_list_append (names, ((const StProfile *) g_ptr_array_index (profiles, i))->name);
  gtk_drop_down_set_model (self->machine_dropdown, G_LIST_MODEL (names));
  self->syncing = FALSE;
  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
}

StImportDialog *
st_import_dialog_new (StWindow *window,
                      GFile    *file)
{
  StImportDialog *self;
  StPattern *pattern;
  g_autoptr(GSettings) settings = st_settings_new ();
  g_autofree char *default_machine = NULL;
  g_autofree char *loading = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GTask) task = NULL;
  const char *machine;

  g_return_val_if_fail (ST_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ST_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->file = g_object_ref (file);
  {
    g_autofree char *base = g_file_get_basename (file);

    self->file_name = base != NULL ? g_filename_display_name (base) : g_file_get_parse_name (file);
  }
  gtk_label_set_label (self->file_label, self->file_name);

  /* The window's machine first: the picture is likely for the same one. */
  pattern = st_document_get_pattern (st_window_get_document (window));
  self->own_pattern = st_pattern_copy (pattern);
  default_machine = g_settings_get_string (settings, "default-machine");
  machine = st_profiles_lookup (pattern->profile_id) != NULL ? pattern->profile_id : default_machine;
  self->syncing = TRUE;
  g_object_set (self, "profile-id", machine, NULL);
  self->syncing = FALSE;
  machine_changed_cb (self);

  /* Translators: %s is the pattern's name. */
  note = g_strdup_printf (_("Each colour becomes the nearest yarn of “%s”."), pattern->name);
  gtk_label_set_label (self->pattern_yarns_note, note);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pattern_yarns_check), pattern->n_yarns >= 2);

  loading = g_strdup_printf (_("Reading “%s”…"), self->file_name);
  gtk_label_set_label (self->loading_label, loading);
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  self->loading = TRUE;
  update_state (self);

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
  return self;
}

gboolean
st_import_dialog_is_busy (StImportDialog *self)
{
  g_return_val_if_fail (ST_IS_IMPORT_DIALOG (self), FALSE);
  return self->loading || self->running || self->preview_id != 0;
}

char *
st_import_dialog_get_text (StImportDialog *self,
                           const char     *part)
{
  g_return_val_if_fail (ST_IS_IMPORT_DIALOG (self), NULL);

  if (g_strcmp0 (part, "file") == 0)
    return g_strdup (gtk_label_get_label (self->file_label));
  if (g_strcmp0 (part, "summary") == 0)
    return g_strdup (gtk_label_get_label (self->summary_label));
  if (g_strcmp0 (part, "report") == 0)
    return g_strdup (gtk_label_get_label (self->report_label));
  if (g_strcmp0 (part, "error") == 0)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->preview_stack), "error") != 0)
        return g_strdup ("");
      return g_strdup_printf ("%s\n%s", gtk_label_get_label (self->error_title),
                              gtk_label_get_label (self->error_label));
    }
  return NULL;
}
