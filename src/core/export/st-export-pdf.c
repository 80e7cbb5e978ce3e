/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-export-pdf.c: the printable pattern. Page 1 has the title, machine,
 * size, yarn legend and check summary; then the chart over as many pages
 * as it needs (neighbouring pages repeat two stitches and rounds, marked);
 * then the written instructions and the duplicate stitches to embroider.
 * The document is laid out twice: once to count the pages for the footers,
 * once to draw.
 */
#include "config.h"

#include "st-export.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "st-chart-print.h"
#include "st-error.h"
#include "st-export-private.h"
#include "st-instructions.h"
#include "st-yarn-usage.h"

#define MM 2.834645669
#define MARGIN (12 * MM)
#define BODY_SIZE 9.5
#define FOOTER_SIZE 7.5
/* Smallest and largest printed cell side (the shorter of width and height). */
#define CELL_MIN (2.8 * MM)
#define CELL_MAX (6.0 * MM)
/* Stitches and rounds repeated on neighbouring chart pages. */
#define OVERLAP 2

typedef struct
{
  const StPattern       *pattern;
  const StExportOptions *options;
  cairo_t               *cr;
  cairo_surface_t       *pdf;          /* NULL when drawing a preview */
  int                    only_page;    /* -1: every page */
  double                 page_width;
  double                 page_height;
  double                 y;            /* where the next block goes */
  guint                  page;         /* pages begun so far */
  guint                  total_pages;  /* from the first pass, 0 in it */
  gboolean               hidden;       /* this page is not drawn */
  gboolean               in_page;
  double                 shown_width;  /* size of @only_page */
  double                 shown_height;
  const StCheckResult   *check;        /* the checker's findings and yarn usage */
} PdfDoc;

typedef struct
{
  gboolean     landscape;
  StChartStyle style;
  guint        tiles_x;
  guint        tiles_y;
  guint        needles_per_tile;
  guint        rows_per_tile;
} ChartPlan;

static gboolean
drawing (const PdfDoc *doc)
{
  return !doc->hidden;
}

static void
page_begin (PdfDoc *doc,
            gboolean landscape)
{
  double w, h;

  st_paper_size (doc->options->paper, &w, &h);
  doc->page_width = landscape ? h : w;
  doc->page_height = landscape ? w : h;
  if (doc->pdf != NULL)
    cairo_pdf_surface_set_size (doc->pdf, doc->page_width, doc->page_height);
  doc->hidden = doc->only_page >= 0 && (guint) doc->only_page != doc->page;
  if (!doc->hidden && doc->only_page >= 0)
    {
      doc->shown_width = doc->page_width;
      doc->shown_height = doc->page_height;
    }
  doc->y = MARGIN;
  doc->in_page = TRUE;
  cairo_save (doc->cr);
  if (doc->hidden)
    {
      /* Lay the page out without drawing it. */
      cairo_rectangle (doc->cr, 0, 0, 0, 0);
      cairo_clip (doc->cr);
    }
  else
    {
      cairo_set_source_rgb (doc->cr, 1, 1, 1);
      cairo_paint (doc->cr);
      cairo_set_source_rgb (doc->cr, 0, 0, 0);
    }
}

static void
page_end (PdfDoc *doc)
{
  g_autofree char *footer = NULL;

  if (!doc->in_page)
    return;
  if (doc->total_pages > 0)
    /* Translators: the footer of a PDF page, the pattern's name first. */
    footer = g_strdup_printf (_("%s · page %u of %u"), doc->pattern->name, doc->page + 1, doc->total_pages);
  else
    footer = g_strdup_printf (_("%s · page %u"), doc->pattern->name, doc->page + 1);
  cairo_set_source_rgb (doc->cr, 0.3, 0.3, 0.3);
  st_print_text (doc->cr, footer, FOOTER_SIZE, FALSE, doc->page_width / 2,
                 doc->page_height - MARGIN + FOOTER_SIZE * 0.6, 0, 0.5, drawing (doc));
  cairo_restore (doc->cr);
  if (doc->pdf != NULL)
    cairo_show_page (doc->cr);
  doc->page++;
  doc->in_page = FALSE;
}

static double
content_width (const PdfDoc *doc)
{
  return doc->page_width - 2 * MARGIN;
}

static double
content_bottom (const PdfDoc *doc)
{
  return doc->page_height - MARGIN;
}

/* Starts a new portrait page when @height does not fit below the cursor. */
static void
ensure_space (PdfDoc *doc,
              double  height)
{
  if (doc->in_page && doc->y + height <= content_bottom (doc))
    return;
  page_end (doc);
  page_begin (doc, FALSE);
}

static void
flow_text (PdfDoc     *doc,
           const char *text,
           double      size,
           gboolean    bold,
           double      indent,
           double      space_after)
{
  double h = st_print_text (doc->cr, text, size, bold, 0, 0, content_width (doc) - indent, 0, FALSE);

  ensure_space (doc, h);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
  st_print_text (doc->cr, text, size, bold, MARGIN + indent, doc->y, content_width (doc) - indent, 0,
                 drawing (doc));
  doc->y += h + space_after;
}

static void
heading (PdfDoc     *doc,
         const char *text)
{
  /* Keep a heading with at least a few lines of what follows. */
  ensure_space (doc, 14 * 1.4 + BODY_SIZE * 5);
  doc->y += doc->y > MARGIN ? BODY_SIZE * 0.8 : 0;
  flow_text (doc, text, 14, TRUE, 0, BODY_SIZE * 0.5);
}

/* Label and value in two columns. */
static void
info_line (PdfDoc     *doc,
           const char *label,
           const char *value)
{
  double label_w = 34 * MM;
  double h = st_print_text (doc->cr, value, BODY_SIZE, FALSE, 0, 0, content_width (doc) - label_w, 0, FALSE);

  ensure_space (doc, h);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
  st_print_text (doc->cr, label, BODY_SIZE, TRUE, MARGIN, doc->y, 0, 0, drawing (doc));
  st_print_text (doc->cr, value, BODY_SIZE, FALSE, MARGIN + label_w, doc->y, content_width (doc) - label_w, 0,
                 drawing (doc));
  doc->y += h + BODY_SIZE * 0.25;
}

static void
cover_page (PdfDoc *doc)
{
  const StPattern *p = doc->pattern;
  const StProfile *profile = p->profile;
  g_autofree char *machine = NULL;
  g_autofree char *needles = NULL;
  g_autofree char *stitches = NULL;
  g_autofree char *rounds = NULL;
  g_autofree char *gauge = NULL;
  g_autofree char *size = NULL;
  g_autofree char *floats = NULL;
  g_autofree char *feeds = NULL;
  StChartStyle legend_style = { 0, 0, BODY_SIZE };
  double metres[ST_MAX_YARNS], h;
  double float_mm = st_pattern_float_limit_mm (p);
  guint float_st = (guint) floor (float_mm / st_pattern_stitch_width_mm (p));

  page_begin (doc, FALSE);
  flow_text (doc, p->name, 20, TRUE, 0, BODY_SIZE * 0.6);
  if (p->notes != NULL && *p->notes != '\0')
    flow_text (doc, p->notes, BODY_SIZE, FALSE, 0, BODY_SIZE * 0.8);

  machine = profile ? g_strdup_printf ("%s (%s)", profile->name, p->profile_id) : g_strdup (p->profile_id);
  stitches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch per round", "%u stitches per round",
                                           st_pattern_needles (p)), st_pattern_needles (p));
  rounds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u round", "%u rounds", st_pattern_rows (p)),
                            st_pattern_rows (p));
  needles = g_strdup_printf ("%s, %s", stitches, rounds);
  gauge = g_strdup_printf (_("%.1f stitches and %.1f rows per 10 cm (one stitch %.1f mm wide, %.1f mm tall)"),
                           p->stitches_per_10cm, p->rows_per_10cm, st_pattern_stitch_width_mm (p),
                           st_pattern_row_height_mm (p));
  /* Translators: the knitted tube's circumference, half of it, and its
   * length. */
  size = g_strdup_printf (_("%.1f cm round (%.1f cm laid flat), %.1f cm long"),
                          st_pattern_needles (p) * st_pattern_stitch_width_mm (p) / 10,
                          st_pattern_needles (p) * st_pattern_stitch_width_mm (p) / 20,
                          st_pattern_rows (p) * st_pattern_row_height_mm (p) / 10);
  /* Translators: the pattern's float limit, "25 mm, 5 stitches at this
   * gauge". */
  floats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f mm, %u stitch at this gauge",
                                         "%.0f mm, %u stitches at this gauge", float_st),
                            float_mm, float_st);
  if (profile != NULL)
    feeds = profile->feeds == 1
            /* Translators: the number of yarn feeds of a one-feed machine;
             * "change to" quotes "change to %c at needle %u" of the written
             * instructions. */
            ? g_strdup (_("1: colour changes are made by hand where the instructions say \"change to\""))
            : g_strdup_printf ("%u", profile->feeds);

  /* Translators: the labels on the PDF's first page. */
  info_line (doc, _("Machine"), machine);
  info_line (doc, _("Needles"), needles);
  info_line (doc, _("Gauge"), gauge);
  info_line (doc, _("Finished size"), size);
  info_line (doc, _("Longest float"), floats);
  if (feeds != NULL)
    info_line (doc, _("Yarn feeds"), feeds);

  /* Translators: a heading of the PDF: the yarn legend. */
  heading (doc, _("Yarns"));
  st_export_yarn_metres_from (doc->check, metres);
  h = st_chart_draw_legend (doc->cr, p, &legend_style, metres, FALSE, MARGIN, doc->y,
                            content_width (doc), FALSE);
  ensure_space (doc, h);
  st_chart_draw_legend (doc->cr, p, &legend_style, metres, FALSE, MARGIN, doc->y,
                        content_width (doc), drawing (doc));
  doc->y += h;
  flow_text (doc, st_export_metres_note (), BODY_SIZE * 0.85, FALSE, 0, 0);
}

/* "1 warning", "3 notes". */
static char *
severity_count (StCheckSeverity severity,
                guint64         count)
{
  unsigned long n = (unsigned long) count;

  switch (severity)
    {
    case ST_SEVERITY_ERROR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu error", "%lu errors", n), n);
    case ST_SEVERITY_WARNING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu warning", "%lu warnings", n), n);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu note", "%lu notes", n), n);
    }
}

/* "Warning:" before a finding. */
static const char *
severity_label (StCheckSeverity severity)
{
  switch (severity)
    {
    case ST_SEVERITY_ERROR:
      /* Translators: before a finding of the checker in the PDF, "Error:
       * Cranberry (B) floats ...". */
      return _("Error:");
    case ST_SEVERITY_WARNING:
      return _("Warning:");
    default:
      return _("Note:");
    }
}

/* Findings listed by name on page 1; the rest are counted. */
#define CHECK_LISTED 8

static void
check_section (PdfDoc *doc)
{
  g_autoptr(GArray) findings = st_check_result_all_findings (doc->check);
  g_autoptr(GString) totals = g_string_new (NULL);
  g_autofree char *floats = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *longest = NULL;
  StCheckSummary summary;
  guint listed = 0;
  guint64 serious;

  st_check_result_get_summary (doc->check, &summary);
  /* Translators: a heading of the PDF: the checker's findings. */
  heading (doc, g_dpgettext2 (GETTEXT_PACKAGE, "PDF heading", "Check"));
  serious = summary.errors + summary.warnings;
  if (serious == 0)
    g_string_append (totals, _("No errors or warnings."));
  else
    {
      g_autofree char *errors = severity_count (ST_SEVERITY_ERROR, summary.errors);
      g_autofree char *warnings = severity_count (ST_SEVERITY_WARNING, summary.warnings);

      /* Translators: "2 errors and 1 warning." */
      g_string_append_printf (totals, _("%s and %s."), errors, warnings);
    }
  if (summary.infos > 0)
    {
      unsigned long n = (unsigned long) summary.infos;

      if (totals->len > 0)
        g_string_append_c (totals, ' ');
      g_string_append_printf (totals, g_dngettext (GETTEXT_PACKAGE, "%lu note.", "%lu notes.", n), n);
    }
  flow_text (doc, totals->str, BODY_SIZE, TRUE, 0, BODY_SIZE * 0.3);
  limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch at this gauge", "%u stitches at this gauge",
                                        summary.float_limit_stitches), summary.float_limit_stitches);
  longest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stitch", "%u stitches", summary.max_float_stitches),
                             summary.max_float_stitches);
  /* Translators: "Float limit 25 mm, 5 stitches at this gauge; the longest
   * float is 4 stitches." */
  floats = g_strdup_printf (_("Float limit %.0f mm, %s; the longest float is %s."),
                            summary.float_limit_mm, limit, longest);
  flow_text (doc, floats, BODY_SIZE, FALSE, 0, BODY_SIZE * 0.3);

  /* Per rule, then the first errors and warnings in the knitter's words. */
  for (int rule = 0; rule < ST_CHECK_N_RULES; rule++)
    {
      guint64 counts[ST_SEVERITY_N];
      g_autoptr(GString) line = NULL;

      for (int sev = 0; sev < ST_SEVERITY_N; sev++)
        counts[sev] = st_check_result_count (doc->check, rule, sev);
      if (counts[ST_SEVERITY_ERROR] + counts[ST_SEVERITY_WARNING] + counts[ST_SEVERITY_INFO] == 0)
        continue;
      line = g_string_new (st_check_rule_id (rule));
      g_string_append (line, ":");
      for (int sev = ST_SEVERITY_N - 1; sev >= 0; sev--)
        if (counts[sev] > 0)
          {
            g_autofree char *count = severity_count (sev, counts[sev]);

            /* The rule id, then "1 error, 3 warnings". */
            g_string_append_printf (line, "%s %s", line->str[line->len - 1] == ':' ? "" : ",", count);
          }
      flow_text (doc, line->str, BODY_SIZE * 0.9, FALSE, BODY_SIZE, BODY_SIZE * 0.1);
    }
  doc->y += BODY_SIZE * 0.4;
  for (int sev = ST_SEVERITY_ERROR; sev >= ST_SEVERITY_WARNING; sev--)
    for (guint i = 0; i < findings->len && listed < CHECK_LISTED; i++)
      {
        const StCheckFinding *f = &g_array_index (findings, StCheckFinding, i);
        g_autofree char *text = NULL;
        g_autofree char *item = NULL;
        gsize label;
        double h;

        if ((int) f->severity != sev)
          continue;
        text = st_check_result_describe (doc->check, f);
        item = g_strdup_printf ("%s %s", severity_label (f->severity), text);
        label = strlen (severity_label (f->severity));
        h = st_print_paragraph (doc->cr, item, label, BODY_SIZE * 0.9, 0, 0, content_width (doc) - BODY_SIZE,
                                BODY_SIZE * 2, FALSE);
        ensure_space (doc, h);
        cairo_set_source_rgb (doc->cr, 0, 0, 0);
        st_print_paragraph (doc->cr, item, label, BODY_SIZE * 0.9, MARGIN + BODY_SIZE, doc->y,
                            content_width (doc) - BODY_SIZE, BODY_SIZE * 2, drawing (doc));
        doc->y += h + BODY_SIZE * 0.35;
        listed++;
      }
  if (serious > listed)
    {
      unsigned long n = (unsigned long) (serious - listed);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %lu more: see the checker in Stranded, "
                                                            "or run stranded-cli check on the pattern file.",
                                                            "… and %lu more: see the checker in Stranded, "
                                                            "or run stranded-cli check on the pattern file.", n),
                                               n);

      flow_text (doc, more, BODY_SIZE * 0.9, FALSE, BODY_SIZE, BODY_SIZE * 0.3);
    }
}

static guint
tiles_needed (guint total,
              guint per_tile)
{
  if (total <= per_tile)
    return 1;
  if (per_tile <= OVERLAP)
    return G_MAXUINT;
  return 1 + (total - per_tile + (per_tile - OVERLAP) - 1) / (per_tile - OVERLAP);
}

static void
plan_for (PdfDoc          *doc,
          gboolean         landscape,
          double           cell_min,
          ChartPlan       *plan)
{
  const StPattern *p = doc->pattern;
  double w, h, side, top, bottom, avail_w, avail_h, ratio;
  StChartStyle *style = &plan->style;

  st_paper_size (doc->options->paper, &w, &h);
  if (landscape)
    {
      double t = w;

      w = h;
      h = t;
    }
  ratio = st_pattern_row_height_mm (p) / st_pattern_stitch_width_mm (p);
  style->cell_width = ratio >= 1 ? cell_min : cell_min / ratio;
  style->cell_height = style->cell_width * ratio;
  style->font_size = CLAMP (style->cell_height * 0.68, 4.5, 7.5);
  st_chart_tile_margins (doc->cr, p, style, &side, &top, &bottom);
  avail_w = w - 2 * MARGIN - 2 * side;
  /* Room for the page heading and the footer. */
  avail_h = h - 2 * MARGIN - top - bottom - BODY_SIZE * 4.5;
  plan->landscape = landscape;
  plan->needles_per_tile = (guint) MAX (floor (avail_w / style->cell_width), 1);
  plan->rows_per_tile = (guint) MAX (floor (avail_h / style->cell_height), 1);
  plan->tiles_x = tiles_needed (st_pattern_needles (p), plan->needles_per_tile);
  plan->tiles_y = tiles_needed (st_pattern_rows (p), plan->rows_per_tile);
}

static guint64
plan_pages (const ChartPlan *plan)
{
  return (guint64) plan->tiles_x * plan->tiles_y;
}

/* The fewest pages, then the largest cells, then portrait. */
static void
plan_chart (PdfDoc    *doc,
            ChartPlan *best)
{
  gboolean have = FALSE;

  for (int landscape = 0; landscape < 2; landscape++)
    {
      ChartPlan plan, chosen;

      plan_for (doc, landscape, CELL_MIN, &chosen);
      for (double cell = CELL_MIN + 0.1 * MM; cell <= CELL_MAX + 1e-9; cell += 0.1 * MM)
        {
          plan_for (doc, landscape, cell, &plan);
          if (plan_pages (&plan) > plan_pages (&chosen))
            break;
          chosen = plan;
        }
      if (!have || plan_pages (&chosen) < plan_pages (best) ||
          (plan_pages (&chosen) == plan_pages (best) &&
           chosen.style.cell_width > best->style.cell_width * 1.15))
        {
          *best = chosen;
          have = TRUE;
        }
    }
}

/* Splits @total into @tiles parts of equal size that overlap by OVERLAP. */
static void
tile_span (guint  total,
           guint  tiles,
           guint  index,
           guint *first,
           guint *count)
{
  guint size;

  if (tiles <= 1)
    {
      *first = 0;
      *count = total;
      return;
    }
  size = (total + (tiles - 1) * OVERLAP + tiles - 1) / tiles;
  *first = MIN (index * (size - OVERLAP), total - 1);
  *count = MIN (size, total - *first);
}

/* Stitches or rounds that tile @index shares with the tile before it. */
static guint
overlap_before (guint total,
                guint tiles,
                guint index)
{
  guint first, count, prev_first, prev_count;

  if (index == 0)
    return 0;
  tile_span (total, tiles, index, &first, &count);
  tile_span (total, tiles, index - 1, &prev_first, &prev_count);
  return prev_first + prev_count > first ? prev_first + prev_count - first : 0;
}

/* Appends "; " and a part of the note under a chart page's heading. */
static void append_part (GString    *parts,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
append_part (GString    *parts,
             const char *format,
             ...)
{
  va_list args;

  if (parts->len > 0)
    g_string_append (parts, "; ");
  va_start (args, format);
  g_string_append_vprintf (parts, format, args);
  va_end (args);
}

/* @text with its first letter in upper case, at the start of a sentence. */
static char *
capitalize (const char *text)
{
  char first[6];
  int length = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);

  return g_strdup_printf ("%.*s%s", length, first, g_utf8_next_char (text));
}

static void
chart_pages (PdfDoc *doc)
{
  const StPattern *p = doc->pattern;
  ChartPlan plan = { 0 };
  guint n = 0, total;

  plan_chart (doc, &plan);
  total = plan.tiles_x * plan.tiles_y;
  for (guint ty = 0; ty < plan.tiles_y; ty++)
    for (guint tx = 0; tx < plan.tiles_x; tx++)
      {
        StChartTile tile = { 0 };
        g_autofree char *title = NULL;
        g_autofree char *note = NULL;
        GString *repeats = g_string_new (NULL);
        double tile_w, tile_h;

        tile_span (st_pattern_needles (p), plan.tiles_x, tx, &tile.first_needle, &tile.n_needles);
        tile_span (st_pattern_rows (p), plan.tiles_y, ty, &tile.first_row, &tile.n_rows);
        tile.overlap_left = overlap_before (st_pattern_needles (p), plan.tiles_x, tx);
        tile.overlap_right = tx + 1 < plan.tiles_x ? overlap_before (st_pattern_needles (p), plan.tiles_x, tx + 1) : 0;
        tile.overlap_bottom = overlap_before (st_pattern_rows (p), plan.tiles_y, ty);
        tile.overlap_top = ty + 1 < plan.tiles_y ? overlap_before (st_pattern_rows (p), plan.tiles_y, ty + 1) : 0;

        page_end (doc);
        page_begin (doc, plan.landscape);
        n++;
        if (total > 1)
          /* Translators: the heading of a chart page of the PDF. */
          title = g_strdup_printf (_("Chart, part %u of %u: rounds %u–%u, needles %u–%u"), n, total,
                                   tile.first_row + 1, tile.first_row + tile.n_rows,
                                   tile.first_needle + 1, tile.first_needle + tile.n_needles);
        else
          title = g_strdup_printf (_("Chart: rounds 1–%u, needles 1–%u"), tile.n_rows, tile.n_needles);
        flow_text (doc, title, 12, TRUE, 0, BODY_SIZE * 0.2);
        if (tile.overlap_left)
          /* Translators: the parts of the note under a chart page's
           * heading, joined with "; ", the first one capitalised: "Needles
           * 45–46 repeat the part to the left; rounds 1–2 repeat on the part
           * above (grey numbers, dashed lines)." */
          append_part (repeats, _("needles %u–%u repeat the part to the left"),
                       tile.first_needle + 1, tile.first_needle + tile.overlap_left);
        if (tile.overlap_right)
          append_part (repeats, _("needles %u–%u repeat on the part to the right"),
                       tile.first_needle + tile.n_needles - tile.overlap_right + 1,
                       tile.first_needle + tile.n_needles);
        if (tile.overlap_bottom)
          append_part (repeats, _("rounds %u–%u repeat the part below"),
                       tile.first_row + 1, tile.first_row + tile.overlap_bottom);
        if (tile.overlap_top)
          append_part (repeats, _("rounds %u–%u repeat on the part above"),
                       tile.first_row + tile.n_rows - tile.overlap_top + 1, tile.first_row + tile.n_rows);
        if (repeats->len > 0)
          {
            g_autofree char *parts = capitalize (repeats->str);

            g_string_free (repeats, TRUE);
            /* Translators: %s is the parts above. */
            note = g_strdup_printf (_("%s (grey numbers, dashed lines)."), parts);
          }
        else
          {
            g_string_free (repeats, TRUE);
            note = g_strdup (_("Round 1 is at the bottom; every round is read from needle 1."));
          }
        flow_text (doc, note, BODY_SIZE * 0.85, FALSE, 0, BODY_SIZE * 0.4);
        st_chart_tile_size (doc->cr, p, &plan.style, &tile, &tile_w, &tile_h);
        if (drawing (doc))
          st_chart_draw_tile (doc->cr, p, &plan.style, &tile, (doc->page_width - tile_w) / 2, doc->y);
        doc->y += tile_h;
      }
}

static void
instruction_pages (PdfDoc *doc)
{
  const StPattern *p = doc->pattern;
  g_autofree char *reading = st_instructions_reading_text (p);
  g_autofree char *dups = st_instructions_duplicates_text (p);
  g_auto(GStrv) reading_lines = g_strsplit (reading, "\n", -1);

  page_end (doc);
  page_begin (doc, FALSE);
  heading (doc, _("Written instructions"));
  /* The rest of the txt header repeats page 1; keep how to read the rounds. */
  for (guint i = 0; reading_lines[i] != NULL; i++)
    if (*reading_lines[i] != '\0')
      flow_text (doc, reading_lines[i], BODY_SIZE * 0.9, FALSE, 0, BODY_SIZE * 0.15);
  doc->y += BODY_SIZE * 0.6;
  for (guint r = 0; r < st_pattern_rows (p); r++)
    {
      g_autoptr(StRoundInstructions) round = st_round_instructions_new (p, r);
      const char *colon = strchr (round->text, ':');
      gsize bold = colon ? (gsize) (colon - round->text) + 1 : 0;
      double h = st_print_paragraph (doc->cr, round->text, bold, BODY_SIZE, 0, 0, content_width (doc),
                                     BODY_SIZE * 3, FALSE);

      ensure_space (doc, h);
      cairo_set_source_rgb (doc->cr, 0, 0, 0);
      st_print_paragraph (doc->cr, round->text, bold, BODY_SIZE, MARGIN, doc->y, content_width (doc),
                          BODY_SIZE * 3, drawing (doc));
      doc->y += h + (h > BODY_SIZE * 1.5 ? BODY_SIZE * 0.5 : BODY_SIZE * 0.15);
    }
  if (dups != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (dups, "\n", -1);

      heading (doc, _("Duplicate stitches to embroider"));
      flow_text (doc, _("Knit these stitches in the round's main yarn, then embroider each in the yarn named "
                        "first, over the stitch knit in the yarn named second."),
                 BODY_SIZE * 0.9, FALSE, 0, BODY_SIZE * 0.4);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          flow_text (doc, lines[i], BODY_SIZE, FALSE, 0, BODY_SIZE * 0.2);
    }
}

static void
layout_document (PdfDoc *doc)
{
  cover_page (doc);
  check_section (doc);
  chart_pages (doc);
  instruction_pages (doc);
  page_end (doc);
}

static StCheckResult *
check_pattern (const StPattern *pattern)
{
  StCheckOptions options;

  st_check_options_init (&options);
  options.skip_risk = TRUE;
  return st_check_run (pattern, &options);
}

static guint
count_pages (const StPattern       *pattern,
             const StExportOptions *options,
             const StCheckResult   *check)
{
  g_autoptr(cairo_t) measure = st_export_measure_context ();
  /* only_page -2 matches no page: everything is laid out, nothing drawn. */
  PdfDoc doc = { .pattern = pattern, .options = options, .cr = measure, .only_page = -2, .check = check };

  layout_document (&doc);
  return doc.page;
}

guint
st_export_pdf_page_count (const StPattern       *pattern,
                          const StExportOptions *options)
{
  g_autoptr(StCheckResult) check = check_pattern (pattern);

  return count_pages (pattern, options, check);
}

gboolean
st_export_pdf_draw_page (const StPattern       *pattern,
                         const StExportOptions *options,
                         guint                  page,
                         cairo_t               *cr,
                         double                *width,
                         double                *height)
{
  g_autoptr(StCheckResult) check = check_pattern (pattern);
  PdfDoc doc = { .pattern = pattern, .options = options, .cr = cr, .only_page = (int) page, .check = check };

  doc.total_pages = count_pages (pattern, options, check);
  if (page >= doc.total_pages)
    return FALSE;
  layout_document (&doc);
  if (width)
    *width = doc.shown_width;
  if (height)
    *height = doc.shown_height;
  return TRUE;
}

GBytes *
st_export_pdf (const StPattern       *pattern,
               const StExportOptions *options,
               GPtrArray             *warnings,
               GError               **error)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(StCheckResult) check = check_pattern (pattern);
  PdfDoc doc = { .pattern = pattern, .options = options, .only_page = -1, .check = check };
  double w, h;
  cairo_status_t status;

  st_paper_size (options->paper, &w, &h);
  doc.total_pages = count_pages (pattern, options, check);
  surface = cairo_pdf_surface_create_for_stream (st_export_write_to_array, bytes, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pattern->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stranded");
  cr = cairo_create (surface);
  doc.cr = cr;
  doc.pdf = surface;
  layout_document (&doc);
  status = cairo_status (cr);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (!st_export_check_cairo (status, _("writing the PDF"), error))
    {
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}
