/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "st-image-import.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "st-check.h"
#include "st-color-space.h"
#include "st-edit.h"
#include "st-error.h"
#include "st-export-private.h"
#include "st-image-sniff.h"
#include "st-pattern-file.h"

#define KMEANS_SEED 0x5eed5eedu
#define KMEANS_MAX_ITERATIONS 60

void
st_import_options_init (StImportOptions *options)
{
  *options = (StImportOptions) { 0 };
}

typedef struct
{
  int      width;
  int      height;
  gboolean refused;
} SizeCheck;

/* The loader reports the real size before it allocates the image; a
 * zero size makes every gdk-pixbuf loader stop with an error. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeCheck *check = user_data;

  if (width != check->width || height != check->height)
    {
      check->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static gboolean
refuse_size (const char  *display,
             guint64      width,
             guint64      height,
             GError     **error)
{
  if (width == 0 || height == 0)
    {
      /* Translators: %s is the file name, then its width and height. */
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the image has no pixels (%lu x %lu)"), display,
                   (unsigned long) width, (unsigned long) height);
      return TRUE;
    }
  if (width > ST_IMPORT_MAX_SIDE || height > ST_IMPORT_MAX_SIDE || width * height > ST_IMPORT_MAX_PIXELS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   _("%s: %lu x %lu pixels is too large to import (at most %d a side and %d million pixels); "
                     "scale it down first"), display, (unsigned long) width, (unsigned long) height,
                   ST_IMPORT_MAX_SIDE, ST_IMPORT_MAX_PIXELS / 1000000);
      return TRUE;
    }
  return FALSE;
}

GdkPixbuf *
st_image_load (const char  *path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *format_name = NULL;
  GdkPixbufFormat *format;
  SizeCheck check = { 0 };
  GdkPixbuf *pixbuf;
  StImageKind kind;
  guint64 width, height;
  gboolean written, closed;
  goffset size;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", display, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, _("%s: not a regular file"), display);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size == 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the file is empty"), display);
      return NULL;
    }
  if (size > ST_IMPORT_MAX_FILE_BYTES)
    {
      unsigned long bytes = (unsigned long) size;

      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %lu byte, more than the %d MB an image may have",
                                "%s: %lu bytes, more than the %d MB an image may have", bytes),
                   display, bytes, ST_IMPORT_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_IO, "%s: %s", display, local_error->message);
      return NULL;
    }
  if (length > ST_IMPORT_MAX_FILE_BYTES)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT, _("%s: the file grew while it was read"), display);
      return NULL;
    }

  /* The container first: format, declared size, completeness. */
  kind = st_image_sniff_kind ((const guint8 *) data, length);
  if (kind == ST_IMAGE_UNKNOWN)
    {
      g_autofree char *type = g_content_type_guess (NULL, (const guchar *) data, MIN (length, 4096), NULL);
      g_autofree char *mime = g_content_type_get_mime_type (type);

      /* Translators: the second %s is a MIME type, "application/pdf". */
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: not a PNG, JPEG, GIF or BMP image (it looks like %s)"),
                   display, mime ? mime : type);
      return NULL;
    }
  if (!st_image_sniff_size (kind, (const guint8 *) data, length, &width, &height))
    {
      /* Translators: the second %s is the image format: png, jpeg, gif or
       * bmp. */
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the %s header is damaged or cut short"), display,
                   st_image_kind_name (kind));
      return NULL;
    }
  if (refuse_size (display, width, height, error))
    return NULL;
  if (!st_image_is_complete (kind, (const guint8 *) data, length))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the %s image is truncated or damaged "
                                                      "(it ends before its last block)"),
                   display, st_image_kind_name (kind));
      return NULL;
    }

  /* gdk-pixbuf reads only the header here, before anything is decoded. */
  format = gdk_pixbuf_get_file_info (path, &check.width, &check.height);
  if (format != NULL)
    format_name = gdk_pixbuf_format_get_name (format);
  if (g_strcmp0 (format_name, st_image_kind_name (kind)) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: gdk-pixbuf cannot read this %s image's header"),
                   display, st_image_kind_name (kind));
      return NULL;
    }
  if (refuse_size (display, (guint64) MAX (check.width, 0), (guint64) MAX (check.height, 0), error))
    return NULL;

  loader = gdk_pixbuf_loader_new_with_type (format_name, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, "%s: %s", display, local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &check);
  written = gdk_pixbuf_loader_write (loader, (const guchar *) data, length, &local_error);
  /* Close exactly once; a failed write already holds the error. */
  closed = gdk_pixbuf_loader_close (loader, written ? &local_error : NULL);
  if (!written || !closed)
    {
      if (check.refused)
        g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the image data does not match its header's size"),
                     display);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the image is damaged (%s)"),
                     display, local_error ? local_error->message : _("no details"));
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (check.refused || pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) != check.width ||
      gdk_pixbuf_get_height (pixbuf) != check.height)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PARSE, _("%s: the image data does not match its header's size"),
                   display);
      return NULL;
    }
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* The picture as opaque RGB on white, 3 bytes a pixel, no row padding. */
static guint8 *
flatten (GdkPixbuf *pixbuf,
         guint     *width,
         guint     *height)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *rgb = g_new (guint8, (gsize) w * h * 3);

  for (int y = 0; y < h; y++)
    {
      const guint8 *line = pixels + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          const guint8 *px = line + (gsize) x * channels;
          guint8 *out = rgb + ((gsize) y * w + x) * 3;
          guint a = alpha ? px[3] : 255;

          for (int c = 0; c < 3; c++)
            out[c] = (guint8) ((px[c] * a + 255 * (255 - a) + 127) / 255);
        }
    }
  *width = (guint) w;
  *height = (guint) h;
  return rgb;
}

static guint32
pack (const guint8 *rgb)
{
  return ((guint32) rgb[0] << 16) | ((guint32) rgb[1] << 8) | rgb[2];
}

static StColor
unpack (guint32 value)
{
  StColor c = { (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  return c;
}

/* Distinct colours of @rgb, counting at most @limit + 1 of them. */
static guint
count_colors (const guint8 *rgb,
              gsize         n,
              guint         limit)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (gsize i = 0; i < n && g_hash_table_size (seen) <= limit; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (pack (rgb + 3 * i) + 1));
  return g_hash_table_size (seen);
}

/* ---- k-means ---------------------------------------------------------- */

guint
st_kmeans_lab (const double *lab,
               const double *weights,
               gsize         n,
               guint         k,
               double       *centres)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (KMEANS_SEED);
  g_autofree double *dist = g_new (double, n);
  g_autofree guint *assign = g_new0 (guint, n);
  g_autofree double *sums = g_new (double, (gsize) k * 4);
  g_autofree double *mass = g_new0 (double, k);
  guint n_centres = 0;
  gsize heaviest = 0;

  if (n == 0 || k == 0)
    return 0;
  /* k-means++: the heaviest colour first, then colours drawn with
   * probability weight x squared distance to the nearest centre. */
  for (gsize i = 1; i < n; i++)
    if ((weights ? weights[i] : 1) > (weights ? weights[heaviest] : 1))
      heaviest = i;
  memcpy (centres, lab + 3 * heaviest, sizeof (double) * 3);
  n_centres = 1;
  for (gsize i = 0; i < n; i++)
    dist[i] = G_MAXDOUBLE;
  while (n_centres < k)
    {
      const double *c = centres + 3 * (n_centres - 1);
      double total = 0, pick, acc = 0;
      gsize chosen = n;

      for (gsize i = 0; i < n; i++)
        {
          StLab a = { lab[3 * i], lab[3 * i + 1], lab[3 * i + 2] }, b = { c[0], c[1], c[2] };

          dist[i] = MIN (dist[i], st_lab_distance2 (a, b));
          total += dist[i] * (weights ? weights[i] : 1);
        }
      if (total <= 1e-9)
        break;   /* every colour is already a centre */
      pick = g_rand_double (rand) * total;
      for (gsize i = 0; i < n; i++)
        {
          acc += dist[i] * (weights ? weights[i] : 1);
          if (dist[i] > 0 && acc >= pick)
            {
              chosen = i;
              break;
            }
        }
      if (chosen == n)
        for (gsize i = n; i-- > 0;)
          if (dist[i] > 0)
            {
              chosen = i;
              break;
            }
      memcpy (centres + 3 * n_centres, lab + 3 * chosen, sizeof (double) * 3);
      n_centres++;
    }

  /* Lloyd iterations until no colour changes centre. */
  for (int iteration = 0; iteration < KMEANS_MAX_ITERATIONS; iteration++)
    {
      gboolean changed = iteration == 0;

      for (gsize i = 0; i < n; i++)
        {
          StLab a = { lab[3 * i], lab[3 * i + 1], lab[3 * i + 2] };
          double best = G_MAXDOUBLE;
          guint best_c = 0;

          for (guint c = 0; c < n_centres; c++)
            {
              StLab b = { centres[3 * c], centres[3 * c + 1], centres[3 * c + 2] };
              double d = st_lab_distance2 (a, b);

              if (d < best)
                {
                  best = d;
                  best_c = c;
                }
            }
          if (assign[i] != best_c)
            changed = TRUE;
          assign[i] = best_c;
          dist[i] = best;
        }
      if (!changed)
        break;
      memset (sums, 0, sizeof (double) * n_centres * 4);
      for (gsize i = 0; i < n; i++)
        {
          double w = weights ? weights[i] : 1;

          for (int j = 0; j < 3; j++)
            sums[4 * assign[i] + j] += w * lab[3 * i + j];
          sums[4 * assign[i] + 3] += w;
        }
      for (guint c = 0; c < n_centres; c++)
        {
          if (sums[4 * c + 3] > 0)
            {
              for (int j = 0; j < 3; j++)
                centres[3 * c + j] = sums[4 * c + j] / sums[4 * c + 3];
            }
          else
            {
              /* An empty centre takes the colour furthest from its own. */
              gsize far = 0;

              for (gsize i = 1; i < n; i++)
                if (dist[i] > dist[far])
                  far = i;
              memcpy (centres + 3 * c, lab + 3 * far, sizeof (double) * 3);
              dist[far] = 0;
            }
        }
    }

  /* Heaviest centre first, so the main colour becomes yarn A. */
  for (guint c = 0; c < n_centres; c++)
    mass[c] = 0;
  for (gsize i = 0; i < n; i++)
    mass[assign[i]] += weights ? weights[i] : 1;
  for (guint a = 1; a < n_centres; a++)
    for (guint b = a; b > 0 && mass[b] > mass[b - 1]; b--)
      {
        double t[3], m = mass[b];

        memcpy (t, centres + 3 * b, sizeof t);
        memcpy (centres + 3 * b, centres + 3 * (b - 1), sizeof t);
        memcpy (centres + 3 * (b - 1), t, sizeof t);
        mass[b] = mass[b - 1];
        mass[b - 1] = m;
      }
  return n_centres;
}

/* ---- float-aware reduction --------------------------------------------- */

/* No deadline: a yarn not yet used in this round or since the round
 * before, whose first stitch is a join, not the end of a float. */
#define NO_DEADLINE G_MAXINT64

/* Whether the yarns other than @skip can each still be placed by their
 * deadline when the slots from @next on are free (earliest deadline first
 * is optimal for unit jobs). A deadline at or after @free_from[y] needs no
 * slot here: the yarn's float ends at the row's edge there, or the yarn is
 * idle after this round. */
static gboolean
deadlines_feasible (const gint64   *deadline,
                    const gint64   *free_from,
                    const gboolean *in_round,
                    guint           n_rank,
                    guint           skip,
                    gint64          next)
{
  gint64 sorted[ST_MAX_YARNS];
  guint n = 0;

  for (guint y = 0; y < n_rank; y++)
    if (in_round[y] && y != skip && deadline[y] < free_from[y])
      {
        guint at = n++;

        while (at > 0 && sorted[at - 1] > deadline[y])
          {
            sorted[at] = sorted[at - 1];
            at--;
          }
        sorted[at] = deadline[y];
      }
  for (guint j = 0; j < n; j++)
    if (sorted[j] < next + (gint64) j)
      return FALSE;
  return TRUE;
}

guint
st_float_limit_rows (guint8       *yarns,
                     const guint8 *rank,
                     guint         n_rank,
                     guint         width,
                     guint         rows,
                     guint         max_float,
                     gboolean      flat)
{
  gint64 last[ST_MAX_YARNS], deadline[ST_MAX_YARNS], free_from[ST_MAX_YARNS];
  gboolean in_round[ST_MAX_YARNS], in_next[ST_MAX_YARNS] = { FALSE };
  g_autofree guint8 *original = NULL;
  guint changed = 0;

  g_return_val_if_fail (n_rank <= ST_MAX_YARNS, 0);
  if (width == 0 || rows == 0)
    return 0;
  original = g_memdup2 (yarns, (gsize) width * rows);
  for (guint y = 0; y < n_rank; y++)
    last[y] = -(gint64) 2 * width - 1;
  for (guint i = 0; i < width; i++)
    in_next[original[i]] = TRUE;

  /* Rounds in knitting order, each yarn's last stitch carried from one
   * round into the next as the checker reads them (CHECKER.md): the yarns
   * a round uses are those its stitches prefer, so a yarn the round
   * leaves out is idle there, never floating. */
  for (guint r = 0; r < rows; r++)
    {
      gint64 base = (gint64) r * width, end = base + width;
      const guint8 *before = original + (gsize) r * width;
      guint8 *row = yarns + (gsize) r * width;

      memcpy (in_round, in_next, sizeof in_round);
      memset (in_next, 0, sizeof in_next);
      if (r + 1 < rows)
        for (guint i = 0; i < width; i++)
          in_next[before[width + i]] = TRUE;
      for (guint y = 0; y < n_rank; y++)
        {
          /* Used in the round before: its float runs on into this one
           * (spiral), or comes back from the edge (flat panel). */
          if (last[y] >= base - (gint64) width)
            deadline[y] = (flat ? base - 1 : last[y]) + max_float + 1;
          else
            deadline[y] = NO_DEADLINE;
          /* The edge of a flat row ends every float; in a spiral only a
           * yarn the next round leaves out (or the last round) is free. */
          free_from[y] = flat || !in_next[y] ? end : NO_DEADLINE;
        }
      for (guint i = 0; i < width; i++)
        {
          gint64 g = base + i;
          guint pick = G_MAXUINT;

          for (guint k = 0; k < n_rank && pick == G_MAXUINT; k++)
            {
              guint y = rank[((gsize) r * width + i) * n_rank + k];

              if (in_round[y] && deadlines_feasible (deadline, free_from, in_round, n_rank, y, g + 1))
                pick = y;
            }
          if (pick == G_MAXUINT)
            {
              /* Overdue already: the earliest deadline goes now. */
              for (guint y = 0; y < n_rank; y++)
                if (in_round[y] && (pick == G_MAXUINT || deadline[y] < deadline[pick]))
                  pick = y;
            }
          changed += pick != before[i];
          row[i] = (guint8) pick;
          last[pick] = g;
          deadline[pick] = g + max_float + 1;
        }
    }
  return changed;
}

/* ---- building the pattern ---------------------------------------------- */

static void
set_yarns (StPattern       *pattern,
           const StColor   *colors,
           const StYarn    *from,
           guint            n)
{
  const StProfile *profile = pattern->profile;

  for (guint i = 0; i < pattern->n_yarns; i++)
    st_yarn_clear (&pattern->yarns[i]);
  pattern->n_yarns = 0;
  for (guint i = 0; i < n; i++)
    {
      StYarn *y = &pattern->yarns[i];

      if (from != NULL)
        st_yarn_copy_into (y, &from[i]);
      else
        {
          const char *base = st_color_describe (colors[i]);
          guint same = 0;

          for (guint j = 0; j < i; j++)
            if (g_str_has_prefix (pattern->yarns[j].name, base))
              same++;
          y->key = st_yarn_next_free_key (pattern->yarns, i);
          y->name = same ? g_strdup_printf ("%s %u", base, same + 1) : g_strdup (base);
          y->color = colors[i];
          y->weight = profile ? CLAMP (ST_WEIGHT_MEDIUM, profile->weight_min, profile->weight_max)
                              : ST_WEIGHT_MEDIUM;
          y->fibre = NULL;
          y->sticky = FALSE;
        }
      pattern->n_yarns = i + 1;
    }
}

static char *
default_name (const char *source_name)
{
  g_autofree char *base = g_path_get_basename (source_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_utf8_make_valid (base, -1);
}

/* The needle count of the pattern to make. */
static gboolean
target_needles (const StImportOptions *options,
                guint                  image_width,
                guint                  image_colors,
                guint                 *needles,
                GError               **error)
{
  const StProfile *profile = options->profile;

  if (options->needles > 0)
    *needles = options->needles;
  else if (profile->circular && profile->needles > 0)
    *needles = profile->needles;
  else if (image_colors <= ST_MAX_YARNS && image_width <= st_profile_max_width (profile))
    *needles = image_width;   /* a stitch map for a flat or v-bed machine */
  else if (profile->needles > 0)
    *needles = profile->needles;
  else
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE,
                   _("%s has no fixed needle count: give the stitches per round"), profile->id);
      return FALSE;
    }
  return st_profile_check_width (profile, *needles, error);
}

static void
apply_gauge (StPattern             *pattern,
             const StImportOptions *options)
{
  const StPattern *from = options->yarns_from;

  if (from != NULL && g_strcmp0 (from->profile_id, pattern->profile_id) == 0)
    {
      pattern->stitches_per_10cm = from->stitches_per_10cm;
      pattern->rows_per_10cm = from->rows_per_10cm;
    }
  if (options->stitches_per_10cm > 0)
    pattern->stitches_per_10cm = options->stitches_per_10cm;
  if (options->rows_per_10cm > 0)
    pattern->rows_per_10cm = options->rows_per_10cm;
}

/* A Stranded stitch map: its text chunk is the pattern without rows. */
static StPattern *
import_with_metadata (const char            *metadata,
                      const guint8          *rgb,
                      guint                  width,
                      guint                  height,
                      const char            *source_name,
                      const StImportOptions *options,
                      GPtrArray             *warnings)
{
  json_object *root = json_tokener_parse (metadata);
  json_object *yarns, *machine, *profile_id, *rows;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  const char *text;
  StPattern *pattern = NULL;

  if (root == NULL || !json_object_is_type (root, json_type_object) ||
      !json_object_object_get_ex (root, "yarns", &yarns) || !json_object_is_type (yarns, json_type_array) ||
      !json_object_object_get_ex (root, "machine", &machine) ||
      !json_object_object_get_ex (machine, "profile", &profile_id))
    goto out;
  if (options->profile != NULL && g_strcmp0 (json_object_get_string (profile_id), options->profile->id) != 0)
    {
      /* Translators: a picture file, then two machine ids. */
      st_export_warn (warnings, _("%s was exported for %s; its Stranded details (yarn names, gauge, marks) "
                                  "are left out in an import for %s"), source_name, json_object_get_string (profile_id),
                      options->profile->id);
      goto out;
    }
  keys = g_hash_table_new (NULL, NULL);
  for (gsize i = 0; i < json_object_array_length (yarns); i++)
    {
      json_object *yarn = json_object_array_get_idx (yarns, i), *key, *color;
      StColor c;

      if (!json_object_object_get_ex (yarn, "key", &key) || !json_object_object_get_ex (yarn, "color", &color) ||
          !st_color_parse (json_object_get_string (color), &c) || strlen (json_object_get_string (key)) != 1)
        goto out;
      g_hash_table_insert (keys, GUINT_TO_POINTER (((guint) c.red << 16 | (guint) c.green << 8 | c.blue) + 1),
                           GUINT_TO_POINTER ((guint) (guchar) json_object_get_string (key)[0]));
    }
  rows = json_object_new_array ();
  json_object_object_add (root, "rows", rows);
  row = g_new (char, width + 1);
  row[width] = '\0';
  for (guint r = 0; r < height; r++)
    {
      const guint8 *line = rgb + (gsize) (height - 1 - r) * width * 3;

      for (guint n = 0; n < width; n++)
        {
          gpointer key = g_hash_table_lookup (keys, GUINT_TO_POINTER (pack (line + 3 * n) + 1));

          if (key == NULL)
            {
              st_export_warn (warnings, _("%s: round %u, needle %u has a colour none of its Stranded yarns "
                                          "has; the picture was edited, so it is imported as a plain stitch map"),
                              source_name, r + 1, n + 1);
              goto out;
            }
          row[n] = (char) GPOINTER_TO_UINT (key);
        }
      json_object_array_add (rows, json_object_new_string (row));
    }
  text = json_object_to_json_string_ext (root, JSON_C_TO_STRING_PLAIN);
  pattern = st_pattern_load_data (text, strlen (text), source_name, &error);
  if (pattern == NULL)
    st_export_warn (warnings, _("%s: its Stranded details do not fit the picture (%s); imported as a plain "
                                "stitch map"), source_name, error->message);

out:
  if (root != NULL)
    json_object_put (root);
  return pattern;
}

/* Nearest of @n palette colours to each pixel; fills @rank with the palette
 * in order of preference when @rank is not NULL. */
static void
assign_nearest (const double *lab,
                gsize         n_pixels,
                const StLab  *palette,
                guint         n,
                guint8       *out,
                guint8       *rank)
{
  for (gsize i = 0; i < n_pixels; i++)
    {
      StLab a = { lab[3 * i], lab[3 * i + 1], lab[3 * i + 2] };
      double d[ST_MAX_YARNS];
      guint8 order[ST_MAX_YARNS];

      for (guint c = 0; c < n; c++)
        {
          d[c] = st_lab_distance2 (a, palette[c]);
          order[c] = (guint8) c;
        }
      for (guint x = 1; x < n; x++)
        for (guint y = x; y > 0 && d[order[y]] < d[order[y - 1]]; y--)
          {
            guint8 t = order[y];

            order[y] = order[y - 1];
            order[y - 1] = t;
          }
      out[i] = order[0];
      if (rank != NULL)
        memcpy (rank + i * n, order, n);
    }
}

/* Limits one round to @max_colors yarns, moving the stitches of the least
 * used ones to their nearest kept yarn. Returns the stitches changed. */
static guint
limit_round_colors (guint8       *yarns,
                    const guint8 *rank,
                    guint         n_rank,
                    guint         width,
                    guint         max_colors)
{
  guint counts[ST_MAX_YARNS] = { 0 }, used = 0, changed = 0;
  gboolean keep[ST_MAX_YARNS] = { FALSE };

  for (guint i = 0; i < width; i++)
    counts[yarns[i]]++;
  for (guint y = 0; y < n_rank; y++)
    used += counts[y] > 0;
  if (used <= max_colors)
    return 0;
  for (guint k = 0; k < max_colors; k++)
    {
      guint best = G_MAXUINT;

      for (guint y = 0; y < n_rank; y++)
        if (!keep[y] && counts[y] > 0 && (best == G_MAXUINT || counts[y] > counts[best]))
          best = y;
      keep[best] = TRUE;
    }
  for (guint i = 0; i < width; i++)
    if (!keep[yarns[i]])
      {
        for (guint r = 0; r < n_rank; r++)
          if (keep[rank[(gsize) i * n_rank + r]])
            {
              yarns[i] = rank[(gsize) i * n_rank + r];
              break;
            }
        changed++;
      }
  return changed;
}

StPattern *
st_image_import_pixbuf (GdkPixbuf             *pixbuf,
                        const char            *source_name,
                        const StImportOptions *options_in,
                        StImportReport        *report_out,
                        GPtrArray             *warnings,
                        GError               **error)
{
  StImportOptions options = *options_in;
  StImportReport report = { 0 };
  g_autofree guint8 *rgb = NULL;
  g_autofree guint8 *cells = NULL;
  g_autofree double *lab = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  const char *metadata;
  guint width, height, n_colors, needles, rows, n_palette = 0;
  StColor palette[ST_MAX_YARNS];
  StLab palette_lab[ST_MAX_YARNS];
  const StYarn *palette_yarns = NULL;
  StYarn chosen_yarns[ST_MAX_YARNS];
  gboolean stitch_map;
  gsize n_pixels;

  rgb = flatten (pixbuf, &width, &height);
  report.source_width = width;
  report.source_height = height;
  n_colors = count_colors (rgb, (gsize) width * height, ST_MAX_YARNS);

  metadata = gdk_pixbuf_get_option (pixbuf, ST_STITCH_MAP_TEXT_KEY);
  if (metadata != NULL && options.yarns_from == NULL && (options.rows == 0 || options.rows == height) &&
      (options.needles == 0 || options.needles == width))
    {
      StPattern *restored = import_with_metadata (metadata, rgb, width, height, source_name, &options, warnings);

      if (restored != NULL)
        {
          /* Cut to what a file holds, so the pattern saves and opens again. */
          if (options.name != NULL && options.name[0] != '\0')
            st_edit_set_name (restored, NULL, options.name);
          report.stitch_map = TRUE;
          report.from_metadata = TRUE;
          if (report_out)
            *report_out = report;
          return restored;
        }
    }
  if (options.profile == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_PROFILE, _("%s: give the machine the pattern is for"), source_name);
      return NULL;
    }
  if (!target_needles (&options, width, n_colors, &needles, error))
    return NULL;
  if (options.colors > ST_MAX_YARNS)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                   g_dngettext (GETTEXT_PACKAGE, "%u colour: a pattern has at most %d yarns",
                                "%u colours: a pattern has at most %d yarns", options.colors),
                   options.colors, ST_MAX_YARNS);
      return NULL;
    }
  if (options.yarns_from != NULL && options.colors == 0)
    options.colors = options.yarns_from->n_yarns;
  /* Each colour takes one of those yarns: there cannot be more. */
  if (options.yarns_from != NULL && options.colors > options.yarns_from->n_yarns)
    {
      st_export_warn (warnings,
                      /* Translators: colours asked for, the pattern whose yarns are used, its
                       * yarns (the plural is theirs), and the colours the picture gets. */
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%u colours were asked for, but “%s” has %u yarn to use: the picture "
                                   "is reduced to %u colours",
                                   "%u colours were asked for, but “%s” has %u yarns to use: the picture "
                                   "is reduced to %u colours", options.yarns_from->n_yarns),
                      options.colors, options.yarns_from->name, options.yarns_from->n_yarns,
                      options.yarns_from->n_yarns);
      options.colors = options.yarns_from->n_yarns;
    }
  stitch_map = width == needles && (options.rows == 0 || options.rows == height) &&
               n_colors <= (options.colors ? options.colors : ST_MAX_YARNS);
  /* A stitch map is imported at its own size: asking for other rounds
   * makes it a picture to resample, which the user should hear about. */
  if (!stitch_map && width == needles && options.rows != 0 && options.rows != height &&
      n_colors <= (options.colors ? options.colors : ST_MAX_YARNS))
    st_export_warn (warnings,
                    /* Translators: the picture, its rows of pixels, and the rounds asked for. */
                    _("%s looks like a stitch map (one pixel per stitch, %u rows), but %u rounds were "
                      "asked for: it is resampled as a picture, not imported stitch for stitch"),
                    source_name, height, options.rows);

  pattern = st_pattern_new (options.profile, needles, 1, error);
  if (pattern == NULL)
    return NULL;
  apply_gauge (pattern, &options);
  {
    g_autofree char *name = options.name ? g_strdup (options.name) : default_name (source_name);

    /* Cut to what a file holds (a long file name), so it saves and opens. */
    if (name[0] != '\0')
      st_edit_set_name (pattern, NULL, name);
  }

  if (stitch_map)
    {
      rows = height;
      report.stitch_map = TRUE;
      if (options.max_float != 0)
        st_export_warn (warnings, _("%s is a stitch map, imported exactly: the float limit was not applied"),
                        source_name);
    }
  else
    {
      double aspect = (double) height / width *
                      st_pattern_stitch_width_mm (pattern) / st_pattern_row_height_mm (pattern);

      rows = options.rows ? options.rows : (guint) CLAMP (lround (needles * aspect), 1, ST_MAX_ROWS);
      if (rows > ST_MAX_ROWS)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT,
                       g_dngettext (GETTEXT_PACKAGE, "%u round is more than the %d a pattern may have",
                                    "%u rounds is more than the %d a pattern may have", rows),
                       rows, ST_MAX_ROWS);
          return NULL;
        }
      /* gdk-pixbuf's bilinear filter averages the covered area when it
       * shrinks, so fine detail blends instead of aliasing. */
      {
        g_autoptr(GdkPixbuf) source = gdk_pixbuf_new_from_data (rgb, GDK_COLORSPACE_RGB, FALSE, 8, (int) width,
                                                                (int) height, (int) width * 3, NULL, NULL);

        flat = gdk_pixbuf_scale_simple (source, (int) needles, (int) rows, GDK_INTERP_BILINEAR);
      }
      if (flat == NULL)
        {
          g_set_error (error, ST_ERROR, ST_ERROR_LIMIT, _("%s: cannot resample to %u x %u"), source_name,
                       needles, rows);
          return NULL;
        }
      g_free (rgb);
      rgb = flatten (flat, &width, &height);
    }

  /* Lab of every stitch, round 1 first. */
  n_pixels = (gsize) needles * rows;
  lab = g_new (double, n_pixels * 3);
  for (guint r = 0; r < rows; r++)
    for (guint n = 0; n < needles; n++)
      {
        const guint8 *px = rgb + ((gsize) (rows - 1 - r) * needles + n) * 3;
        StLab l = st_rgb_to_lab (px[0] / 255.0, px[1] / 255.0, px[2] / 255.0);
        double *out = lab + ((gsize) r * needles + n) * 3;

        out[0] = l.l;
        out[1] = l.a;
        out[2] = l.b;
      }

  /* The palette. */
  {
    g_autoptr(GHashTable) uniques = g_hash_table_new (NULL, NULL);
    g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint32));
    g_autofree double *u_lab = NULL;
    g_autofree double *u_weight = NULL;
    guint k;

    /* Distinct colours with their counts, in order of first use. */
    for (gsize i = 0; i < n_pixels; i++)
      {
        const guint8 *px = rgb + (((gsize) (rows - 1 - i / needles)) * needles + i % needles) * 3;
        guint32 key = pack (px) + 1;
        gpointer count;

        if (!g_hash_table_lookup_extended (uniques, GUINT_TO_POINTER (key), NULL, &count))
          {
            g_array_append_val (order, key);
            count = GUINT_TO_POINTER (0);
          }
        g_hash_table_insert (uniques, GUINT_TO_POINTER (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
      }
    u_lab = g_new (double, (gsize) order->len * 3);
    u_weight = g_new (double, order->len);
    for (guint i = 0; i < order->len; i++)
      {
        guint32 key = g_array_index (order, guint32, i);
        StLab l = st_color_to_lab (unpack (key - 1));

        u_lab[3 * i] = l.l;
        u_lab[3 * i + 1] = l.a;
        u_lab[3 * i + 2] = l.b;
        u_weight[i] = GPOINTER_TO_UINT (g_hash_table_lookup (uniques, GUINT_TO_POINTER (key)));
      }

    if (stitch_map && options.yarns_from == NULL)
      {
        /* Every colour is a yarn, the most used first, ties in order of use. */
        guint idx[ST_MAX_YARNS];

        n_palette = order->len;
        for (guint i = 0; i < n_palette; i++)
          idx[i] = i;
        for (guint a = 1; a < n_palette; a++)
          for (guint b = a; b > 0 && u_weight[idx[b]] > u_weight[idx[b - 1]]; b--)
            {
              guint t = idx[b];

              idx[b] = idx[b - 1];
              idx[b - 1] = t;
            }
        for (guint i = 0; i < n_palette; i++)
          {
            palette[i] = unpack (g_array_index (order, guint32, idx[i]) - 1);
            palette_lab[i] = st_color_to_lab (palette[i]);
          }
      }
    else
      {
        double centres[ST_MAX_YARNS * 3];

        k = options.colors ? options.colors
                           : CLAMP (options.profile->max_colors ? options.profile->max_colors : 2, 2, 6);
        n_palette = st_kmeans_lab (u_lab, u_weight, order->len, k, centres);
        for (guint i = 0; i < n_palette; i++)
          {
            palette_lab[i] = (StLab) { centres[3 * i], centres[3 * i + 1], centres[3 * i + 2] };
            palette[i] = st_lab_to_color (palette_lab[i]);
          }
        if (options.yarns_from != NULL)
          {
            /* Each centre, heaviest first, takes the nearest yarn left. */
            const StPattern *from = options.yarns_from;
            gboolean taken[ST_MAX_YARNS] = { FALSE };

            for (guint i = 0; i < n_palette; i++)
              {
                guint best = G_MAXUINT;
                double best_d = G_MAXDOUBLE;

                for (guint y = 0; y < from->n_yarns; y++)
                  {
                    double d = st_lab_distance2 (palette_lab[i], st_color_to_lab (from->yarns[y].color));

                    if (!taken[y] && d < best_d)
                      {
                        best_d = d;
                        best = y;
                      }
                  }
                taken[best] = TRUE;
                chosen_yarns[i] = from->yarns[best];
                palette[i] = from->yarns[best].color;
                palette_lab[i] = st_color_to_lab (palette[i]);
              }
            palette_yarns = chosen_yarns;
          }
      }
  }

  /* Every stitch takes its nearest yarn; the float limit then reworks
   * each round. */
  {
    g_autofree guint8 *rank = NULL;
    guint max_colors = options.profile->max_colors ? options.profile->max_colors : ST_MAX_YARNS;
    gboolean limit = options.max_float != 0 && !stitch_map;

    cells = g_new (guint8, n_pixels);
    if (limit)
      rank = g_new (guint8, n_pixels * n_palette);
    assign_nearest (lab, n_pixels, palette_lab, n_palette, cells, rank);
    if (limit)
      {
        /* auto: the limit the checker applies to a yarn not marked sticky. */
        guint max_float = options.max_float > 0 ? (guint) options.max_float
                                                : st_check_float_limit (pattern, NULL, FALSE);

        report.max_float = max_float;
        max_colors = MIN (max_colors, max_float + 1);
        for (guint r = 0; r < rows; r++)
          report.changed_stitches += limit_round_colors (cells + (gsize) r * needles,
                                                         rank + (gsize) r * needles * n_palette,
                                                         n_palette, needles, max_colors);
        report.changed_stitches += st_float_limit_rows (cells, rank, n_palette, needles, rows, max_float,
                                                        st_check_knits_flat (options.profile));
      }
  }

  /* Yarns no stitch uses are left out. */
  {
    guint counts[ST_MAX_YARNS] = { 0 };
    guint8 remap[ST_MAX_YARNS];
    guint kept = 0;

    for (gsize i = 0; i < n_pixels; i++)
      counts[cells[i]]++;
    for (guint i = 0; i < n_palette; i++)
      if (counts[i] > 0)
        {
          remap[i] = (guint8) kept;
          palette[kept] = palette[i];
          if (palette_yarns != NULL)
            chosen_yarns[kept] = palette_yarns[i];
          kept++;
        }
    for (gsize i = 0; i < n_pixels; i++)
      cells[i] = remap[cells[i]];
    n_palette = kept;
  }

  {
    g_autoptr(StChart) chart = st_chart_new (needles, rows, 0, error);

    if (chart == NULL)
      return NULL;
    memcpy (chart->cells, cells, n_pixels);
    st_chart_free (pattern->chart);
    pattern->chart = g_steal_pointer (&chart);
  }
  set_yarns (pattern, palette, palette_yarns, n_palette);
  st_pattern_mark_dirty_structure (pattern);
  /* Every colour of a stitch map is a yarn: a gradient gives dozens, which
   * a machine knitting two a round cannot use as a picture. */
  if (stitch_map && options_in->colors == 0 && options.yarns_from == NULL &&
      options.profile->max_colors > 0 && n_palette > options.profile->max_colors)
    st_export_warn (warnings,
                    /* Translators: the picture, its colours (the plural is theirs), the
                     * machine's name, and the most yarns it knits in a round. */
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s was imported as a stitch map: each of its %u colour became a yarn, "
                                 "but the %s knits at most %u yarns in a round: import it with fewer "
                                 "colours to knit it on this machine",
                                 "%s was imported as a stitch map: each of its %u colours became a yarn, "
                                 "but the %s knits at most %u yarns in a round: import it with fewer "
                                 "colours to knit it on this machine",
                                 n_palette),
                    source_name, n_palette, options.profile->name, options.profile->max_colors);
  if (!st_pattern_validate (pattern, error))
    return NULL;
  if (report_out)
    *report_out = report;
  return g_steal_pointer (&pattern);
}

StPattern *
st_image_import_file (const char            *path,
                      const StImportOptions *options,
                      StImportReport        *report,
                      GPtrArray             *warnings,
                      GError               **error)
{
  g_autoptr(GdkPixbuf) pixbuf = st_image_load (path, error);
  g_autofree char *display = NULL;

  if (pixbuf == NULL)
    return NULL;
  display = g_filename_display_name (path);
  return st_image_import_pixbuf (pixbuf, display, options, report, warnings, error);
}
