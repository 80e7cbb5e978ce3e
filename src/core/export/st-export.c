/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-export.h"

#include <cairo-svg.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "st-chart-print.h"
#include "st-error.h"
#include "st-export-private.h"
#include "st-instructions.h"
#include "st-knitout.h"
#include "st-pattern-file.h"
#include "st-yarn-usage.h"

static const struct
{
  StExportFormat format;
  const char    *name;
  const char    *extension;
} formats[] = {
  { ST_EXPORT_PDF, "pdf", "pdf" },
  { ST_EXPORT_PNG, "png", "png" },
  { ST_EXPORT_SVG, "svg", "svg" },
  { ST_EXPORT_PNG_STITCHES, "png-stitches", "png" },
  { ST_EXPORT_TXT, "txt", "txt" },
  { ST_EXPORT_KNITOUT, "knitout", "k" },
};

void
st_export_options_init (StExportOptions *options,
                        StExportFormat   format)
{
  *options = (StExportOptions) { 0 };
  options->format = format;
  options->cell_size = format == ST_EXPORT_SVG ? ST_EXPORT_SVG_DEFAULT_CELL : ST_EXPORT_PNG_DEFAULT_CELL;
  options->paper = ST_PAPER_A4;
}

gboolean
st_export_format_from_string (const char     *text,
                              StExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (text, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
st_export_format_to_string (StExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;
  return "unknown";
}

const char *
st_export_format_extension (StExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;
  return "";
}

gboolean
st_export_format_from_path (const char     *path,
                            StExportFormat *format)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot + 1, "knitout") == 0)
    {
      *format = ST_EXPORT_KNITOUT;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

gboolean
st_paper_from_string (const char *text,
                      StPaper    *paper)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = ST_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = ST_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
st_paper_size (StPaper paper,
               double *width,
               double *height)
{
  *width = paper == ST_PAPER_LETTER ? 612 : 595.28;
  *height = paper == ST_PAPER_LETTER ? 792 : 841.89;
}

void
st_export_warn (GPtrArray  *warnings,
                const char *format,
                ...)
{
  va_list args;

  if (warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

gboolean
st_export_check_cairo (cairo_status_t   status,
                       const char      *what,
                       GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", what, cairo_status_to_string (status));
  return FALSE;
}

cairo_status_t
st_export_write_to_array (void                *closure,
                          const unsigned char *data,
                          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_t *
st_export_measure_context (void)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);

  return cairo_create (surface);
}

char *
st_export_summary_line (const StPattern *pattern,
                        gboolean         translate)
{
  guint needles = st_pattern_needles (pattern), rows = st_pattern_rows (pattern);
  g_autofree char *stitches = NULL;
  g_autofree char *rounds = NULL;
  g_autofree char *size = NULL;
  double cm_round = needles * st_pattern_stitch_width_mm (pattern) / 10;
  double cm_long = rows * st_pattern_row_height_mm (pattern) / 10;

  if (translate)
    {
      stitches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch", "%u stitches", needles), needles);
      rounds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u round", "%u rounds", rows), rows);
      /* Translators: the pattern's size, "48 stitches × 60 rounds, gauge 23.0
       * stitches and 30.0 rows per 10 cm, 34.3 cm round, 20.0 cm long"; the
       * machine's name and a comma come before it. */
      size = g_strdup_printf (_("%s × %s, gauge %.1f stitches and %.1f rows per 10 cm, %.1f cm round, "
                                "%.1f cm long"),
                              stitches, rounds, pattern->stitches_per_10cm, pattern->rows_per_10cm,
                              cm_round, cm_long);
    }
  else
    /* untranslated: the comments of a knitout file stay English */
    size = g_strdup_printf ("%u %s × %u %s, gauge %.1f stitches and %.1f rows per 10 cm, "
                            "%.1f cm round, %.1f cm long",
                            needles, needles == 1 ? "stitch" : "stitches", rows, rows == 1 ? "round" : "rounds",
                            pattern->stitches_per_10cm, pattern->rows_per_10cm, cm_round, cm_long);
  if (pattern->profile == NULL)
    return g_steal_pointer (&size);
  return g_strdup_printf ("%s, %s", translate ? pattern->profile->name : pattern->profile->english_name, size);
}

/* Where the chart of a png or svg export lies in the image. */
typedef struct
{
  StChartStyle style;
  double       grid_x;     /* left edge of needle 1 */
  double       grid_y;     /* top edge of the last round */
  double       width;      /* the whole image */
  double       height;
} ChartImageGeometry;

/* The chart image of the png and svg exports: title, summary, the whole
 * chart, legend. Draws only when @draw. On a pixel grid (png) every cell is
 * a whole number of pixels and starts on a pixel boundary. */
static void
chart_image_layout (cairo_t            *cr,
                    const StPattern    *pattern,
                    double              cell,
                    gboolean            pixel_grid,
                    gboolean            draw,
                    ChartImageGeometry *geometry)
{
  StChartStyle style, legend_style;
  StChartTile tile;
  double metres[ST_MAX_YARNS];
  g_autofree char *summary = st_export_summary_line (pattern, TRUE);
  double fs, margin, tile_w, tile_h, tile_x, side, top, content_w, y;

  st_chart_style_init (&style, pattern, cell, 0);
  if (pixel_grid)
    style.cell_height = MAX (1, round (style.cell_height));
  fs = CLAMP (MIN (style.cell_width, style.cell_height) * 0.62, 7, 16);
  style.font_size = fs;
  legend_style = style;
  legend_style.font_size = MAX (fs, 11);
  margin = legend_style.font_size * 2;
  st_chart_tile_init_full (&tile, pattern);
  st_chart_tile_size (cr, pattern, &style, &tile, &tile_w, &tile_h);
  st_chart_tile_margins (cr, pattern, &style, &side, &top, NULL);
  content_w = MAX (tile_w, legend_style.font_size * 40);
  st_export_yarn_metres (pattern, metres);

  if (draw)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  y = margin;
  y += st_print_text (cr, pattern->name, legend_style.font_size * 1.6, TRUE, margin, y,
                      content_w, 0, draw);
  y += st_print_text (cr, summary, legend_style.font_size, FALSE, margin, y, content_w, 0, draw);
  if (pattern->notes != NULL && *pattern->notes != '\0')
    y += st_print_text (cr, pattern->notes, legend_style.font_size * 0.9, FALSE, margin, y, content_w, 0, draw);
  y += legend_style.font_size;
  tile_x = margin + (content_w - tile_w) / 2;
  if (pixel_grid)
    {
      /* Shift the tile so the grid itself starts on whole pixels. */
      tile_x = round (tile_x + side) - side;
      y = round (y + top) - top;
    }
  geometry->style = style;
  geometry->grid_x = tile_x + side;
  geometry->grid_y = y + top;
  if (draw)
    st_chart_draw_tile (cr, pattern, &style, &tile, tile_x, y);
  y += tile_h + legend_style.font_size;
  y += st_chart_draw_legend (cr, pattern, &legend_style, metres, FALSE, margin, y, content_w, draw);
  if (draw)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      st_print_text (cr, st_export_metres_note (), legend_style.font_size * 0.85, FALSE, margin, y,
                     content_w, 0, TRUE);
    }
  y += legend_style.font_size * 1.5;
  geometry->width = ceil (content_w + 2 * margin);
  geometry->height = ceil (y + margin);
}

gboolean
st_export_chart_image_cell (const StPattern       *pattern,
                            const StExportOptions *options,
                            guint                  row,
                            guint                  needle,
                            double                *x,
                            double                *y,
                            double                *width,
                            double                *height)
{
  g_autoptr(cairo_t) measure = st_export_measure_context ();
  ChartImageGeometry g;
  gboolean png = options->format == ST_EXPORT_PNG;

  if ((options->format != ST_EXPORT_PNG && options->format != ST_EXPORT_SVG) ||
      row >= st_pattern_rows (pattern) || needle >= st_pattern_needles (pattern))
    return FALSE;
  chart_image_layout (measure, pattern, png ? round (options->cell_size) : options->cell_size, png, FALSE, &g);
  *x = g.grid_x + needle * g.style.cell_width;
  *y = g.grid_y + (st_pattern_rows (pattern) - 1 - row) * g.style.cell_height;
  *width = g.style.cell_width;
  *height = g.style.cell_height;
  return TRUE;
}

static gboolean
check_cell_size (double   cell,
                 GError **error)
{
  if (!(cell >= ST_EXPORT_CELL_MIN && cell <= ST_EXPORT_CELL_MAX))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("cell size %g is outside %g to %g"),
                   cell, ST_EXPORT_CELL_MIN, ST_EXPORT_CELL_MAX);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
export_png (const StPattern       *pattern,
            const StExportOptions *options,
            GError               **error)
{
  g_autoptr(cairo_t) measure = st_export_measure_context ();
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  GByteArray *bytes;
  ChartImageGeometry g;
  double width, height;
  /* Whole pixels per stitch and round keep the grid crisp. */
  double cell = round (options->cell_size);

  if (!check_cell_size (options->cell_size, error))
    return NULL;
  chart_image_layout (measure, pattern, cell, TRUE, FALSE, &g);
  width = g.width;
  height = g.height;
  if (width > ST_EXPORT_PNG_MAX_SIDE || height > ST_EXPORT_PNG_MAX_SIDE ||
      width * height > ST_EXPORT_PNG_MAX_PIXELS)
    {
      /* Translators: the image's width and height, then the largest side and
       * the most pixels (in millions) a PNG export makes. */
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   _("the chart image would be %.0f x %.0f pixels, more than a PNG export allows "
                     "(%d a side, %d million pixels); use a smaller cell size or the PDF export"),
                   width, height, ST_EXPORT_PNG_MAX_SIDE, ST_EXPORT_PNG_MAX_PIXELS / (1000 * 1000));
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  if (!st_export_check_cairo (cairo_surface_status (surface), _("PNG image"), error))
    return NULL;
  cr = cairo_create (surface);
  chart_image_layout (cr, pattern, cell, TRUE, TRUE, &g);
  if (!st_export_check_cairo (cairo_status (cr), _("drawing the chart"), error))
    return NULL;
  cairo_surface_flush (surface);
  bytes = g_byte_array_new ();
  if (!st_export_check_cairo (cairo_surface_write_to_png_stream (surface, st_export_write_to_array, bytes),
                              _("writing the PNG"), error))
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
export_svg (const StPattern       *pattern,
            const StExportOptions *options,
            GError               **error)
{
  g_autoptr(cairo_t) measure = st_export_measure_context ();
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  GByteArray *bytes = g_byte_array_new ();
  ChartImageGeometry g;
  cairo_status_t status;

  if (!check_cell_size (options->cell_size, error))
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  chart_image_layout (measure, pattern, options->cell_size, FALSE, FALSE, &g);
  surface = cairo_svg_surface_create_for_stream (st_export_write_to_array, bytes, g.width, g.height);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cr = cairo_create (surface);
  chart_image_layout (cr, pattern, options->cell_size, FALSE, TRUE, &g);
  status = cairo_status (cr);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (!st_export_check_cairo (status, _("writing the SVG"), error))
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* The pattern without its rows: the stitch map's pixels are the rows. */
static char *
stitch_map_metadata (const StPattern *pattern)
{
  g_autofree char *data = NULL;
  json_object *root;
  char *text;
  gsize length;

  data = st_pattern_to_data (pattern, &length);
  root = json_tokener_parse (data);
  g_return_val_if_fail (root != NULL, NULL);
  json_object_object_del (root, "rows");
  text = g_strdup (json_object_to_json_string_ext (root, JSON_C_TO_STRING_PLAIN |
                                                   JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (root);
  return text;
}

GBytes *
st_export_stitch_map (const StPattern *pattern,
                      GPtrArray       *warnings,
                      GError         **error)
{
  guint needles = st_pattern_needles (pattern), rows = st_pattern_rows (pattern);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *buffer = NULL;
  gsize length;
  guint8 *pixels;
  int stride;

  for (guint i = 0; i < pattern->n_yarns; i++)
    for (guint j = 0; j < i; j++)
      if (memcmp (&pattern->yarns[i].color, &pattern->yarns[j].color, sizeof (StColor)) == 0)
        {
          g_autofree char *color = st_color_to_string (pattern->yarns[i].color);

          g_set_error (error, ST_ERROR, ST_ERROR_UNSUPPORTED,
                       _("yarns %c and %c are both %s: a stitch map tells yarns apart only by colour, "
                         "so give one of them a different colour first"),
                       pattern->yarns[j].key, pattern->yarns[i].key, color);
          return NULL;
        }

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, (int) needles, (int) rows);
  if (pixbuf == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT, _("cannot allocate a %u x %u stitch map"), needles, rows);
      return NULL;
    }
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  for (guint r = 0; r < rows; r++)
    {
      /* Round 1 is the bottom pixel row. */
      guint8 *line = pixels + (gsize) (rows - 1 - r) * stride;

      for (guint n = 0; n < needles; n++)
        {
          StColor c = pattern->yarns[st_chart_get (pattern->chart, r, n)].color;

          line[3 * n] = c.red;
          line[3 * n + 1] = c.green;
          line[3 * n + 2] = c.blue;
        }
    }

  metadata = stitch_map_metadata (pattern);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error,
                                  ST_STITCH_MAP_TEXT_KEY, metadata, "compression", "9", NULL))
    return NULL;
  if (pattern->catches->len > 0 || pattern->duplicate_stitches->len > 0)
    {
      guint n_catches = pattern->catches->len, n_dups = pattern->duplicate_stitches->len;
      g_autofree char *catches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u catch", "%u catches",
                                                               n_catches), n_catches);
      g_autofree char *dups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate stitch",
                                                            "%u duplicate stitches", n_dups), n_dups);

      /* Translators: "the stitch map keeps 3 catches and 0 duplicate
       * stitches only in ...". */
      st_export_warn (warnings, _("the stitch map keeps %s and %s only in Stranded's metadata inside the PNG; "
                                  "other programs see just the stitch colours"), catches, dups);
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

GBytes *
st_export_to_bytes (const StPattern       *pattern,
                    const StExportOptions *options,
                    GPtrArray             *warnings,
                    GError               **error)
{
  g_return_val_if_fail (pattern != NULL && options != NULL, NULL);

  switch (options->format)
    {
    case ST_EXPORT_PDF:
      return st_export_pdf (pattern, options, warnings, error);
    case ST_EXPORT_PNG:
    case ST_EXPORT_SVG:
      return options->format == ST_EXPORT_PNG ? export_png (pattern, options, error)
                                              : export_svg (pattern, options, error);
    case ST_EXPORT_PNG_STITCHES:
      return st_export_stitch_map (pattern, warnings, error);
    case ST_EXPORT_TXT:
      {
        char *text = st_instructions_to_text (pattern);

        return g_bytes_new_take (text, strlen (text));
      }
    case ST_EXPORT_KNITOUT:
      {
        char *text = st_knitout_generate (pattern, options->knitout_machine, warnings, error);

        return text ? g_bytes_new_take (text, strlen (text)) : NULL;
      }
    default:
      g_set_error (error, ST_ERROR, ST_ERROR_INVALID, _("unknown export format %d"), options->format);
      return NULL;
    }
}

gboolean
st_export_to_file (const StPattern       *pattern,
                   const StExportOptions *options,
                   const char            *path,
                   GPtrArray             *warnings,
                   GError               **error)
{
  g_autoptr(GBytes) bytes = st_export_to_bytes (pattern, options, warnings, error);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return st_file_write_atomic (path, data, length, error);
}
