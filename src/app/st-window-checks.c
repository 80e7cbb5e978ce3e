/* SPDX-License-Identifier: GPL-3.0-or-later
 * The "Checks" side panel: the simulation's findings (src/core/sim) for
 * the open pattern, kept up to date incrementally while painting, a risk
 * overlay on the chart, and a one-click fix for long floats (catches).
 */
#define G_LOG_DOMAIN "st-window"

#include "config.h"

#include "st-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-check.h"

/* Re-check this long after the last edit, so painting stays fluid. */
#define CHECK_DELAY_MS 150
/* Rows in the problems list; the summary counts them all. */
#define MAX_LISTED 200

typedef struct
{
  StWindow     *window;       /* borrowed: the window owns this */
  StChecker    *checker;
  guint         check_id;
  gboolean      pending;
  gboolean      pending_structure;
  guint         pending_first;
  guint         pending_last;
  gboolean      overlay;

  GtkLabel     *summary;
  GtkListBox   *list;
  GtkLabel     *detail;
  GArray       *listed;       /* StCheckFinding shown in the list */
} Checks;

static Checks *
checks_of (StWindow *self)
{
  return self->checks;
}

static gboolean
risk_tint (gpointer  data,
           guint     row,
           guint     needle,
           StRgba   *tint)
{
  Checks *checks = data;
  const StCheckResult *result = st_checker_get_result (checks->checker);
  double t;
  guint8 risk;

  if (!checks->overlay || result == NULL || !st_check_result_has_risk (result) ||
      row >= st_check_result_rows (result) || needle >= st_check_result_needles (result))
    return FALSE;
  risk = st_check_result_risk (result, row, needle);
  if (risk == 0)
    return FALSE;
  /* Yellow for a little risk through red for a lot. */
  t = MIN (risk, 100) / 100.0;
  tint->red = 1.0 - 0.15 * t;
  tint->green = 0.85 - 0.75 * t;
  tint->blue = 0.1;
  tint->alpha = 0.3 + 0.45 * t;
  return TRUE;
}

static const char *
severity_icon (StCheckSeverity severity)
{
  switch (severity)
    {
    case ST_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case ST_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case ST_SEVERITY_INFO:
    case ST_SEVERITY_N:
    default:
      return "dialog-information-symbolic";
    }
}

/* Errors first, then warnings; each in knitting order. */
static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const StCheckFinding *fa = a, *fb = b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->row != fb->row)
    return fa->row < fb->row ? -1 : 1;
  return fa->needle < fb->needle ? -1 : fa->needle > fb->needle ? 1 : 0;
}

/* The first clause of a finding's sentence: what and where. */
static char *
headline_of (const char *description)
{
  const char *end = description + strlen (description);
  const char *semicolon = strstr (description, "; ");
  const char *stop = strstr (description, ". ");

  if (semicolon != NULL && semicolon < end)
    end = semicolon;
  if (stop != NULL && stop < end)
    end = stop;
  return g_strndup (description, end - description);
}

static void
refresh_panel (Checks *checks)
{
  const StCheckResult *result = st_checker_get_result (checks->checker);
  g_autoptr(GArray) findings = NULL;
  StCheckSummary summary;
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (checks->list))) != NULL)
    gtk_list_box_remove (checks->list, child);
  g_array_set_size (checks->listed, 0);
  gtk_widget_set_visible (GTK_WIDGET (checks->detail), FALSE);
  if (result == NULL)
    return;

  st_check_result_get_summary (result, &summary);
  if (summary.errors == 0 && summary.warnings == 0)
    /* Translators: the checks summary when nothing is wrong; the plural
     * follows the length of the longest float. */
    text = g_strdup_printf (ngettext ("No problems found. Longest float: %u stitch (limit %u).",
                                      "No problems found. Longest float: %u stitches (limit %u).",
                                      summary.max_float_stitches),
                            summary.max_float_stitches, summary.float_limit_stitches);
  else
    {
      /* Translators: a count in the checks summary, e.g. "2 errors". */
      g_autofree char *errors = g_strdup_printf (ngettext ("%lu error", "%lu errors",
                                                           (unsigned long) summary.errors),
                                                 (unsigned long) summary.errors);
      /* Translators: a count in the checks summary, e.g. "1 warning". */
      g_autofree char *warnings = g_strdup_printf (ngettext ("%lu warning", "%lu warnings",
                                                             (unsigned long) summary.warnings),
                                                   (unsigned long) summary.warnings);

      /* Translators: the checks summary: "2 errors", "1 warning", then the
       * longest float; the plural follows the length of the longest float. */
      text = g_strdup_printf (ngettext ("%s, %s. Longest float: %u stitch (limit %u).",
                                        "%s, %s. Longest float: %u stitches (limit %u).",
                                        summary.max_float_stitches),
                              errors, warnings, summary.max_float_stitches,
                              summary.float_limit_stitches);
    }
  gtk_label_set_label (checks->summary, text);

  findings = st_check_result_all_findings (result);
  g_array_sort (findings, compare_findings);
  for (guint i = 0; i < findings->len && checks->listed->len < MAX_LISTED; i++)
    {
      const StCheckFinding *finding = &g_array_index (findings, StCheckFinding, i);
      g_autofree char *description = NULL;
      g_autofree char *headline = NULL;
      g_autofree char *place = NULL;
      GtkWidget *row, *box, *icon, *label, *column;

      if (finding->severity == ST_SEVERITY_INFO)
        continue;
      description = st_check_result_describe (result, finding);
      headline = headline_of (description);
      /* Translators: where a problem is, 1-based. */
      place = g_strdup_printf (_("Round %u, needle %u"), finding->row + 1, finding->needle + 1);
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), icon);
      column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_hexpand (column, TRUE);
      /* One line each: wrapping hundreds of long sentences makes the
       * panel slow to show; the whole text is in the tooltip and below. */
      label = gtk_label_new (headline);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (column), label);
      label = gtk_label_new (place);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (column), label);
      gtk_box_append (GTK_BOX (box), column);
      gtk_widget_set_tooltip_text (row, description);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (checks->list, row);
      g_array_append_val (checks->listed, *finding);
    }
  if (checks->listed->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Floats, yarn changes and stitch risks are checked as you paint."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_list_box_set_placeholder (checks->list, label);
    }
}

static gboolean
check_cb (gpointer data)
{
  Checks *checks = data;
  StPattern *pattern = st_document_get_pattern (checks->window->document);

  checks->check_id = 0;
  if (st_checker_get_result (checks->checker) == NULL)
    st_checker_check_all (checks->checker, pattern);
  else
    st_checker_update (checks->checker, pattern, checks->pending, checks->pending_first,
                       checks->pending_last, checks->pending_structure);
  checks->pending = FALSE;
  checks->pending_structure = FALSE;
  refresh_panel (checks);
  if (checks->overlay)
    gtk_widget_queue_draw (GTK_WIDGET (checks->window->chart_view));
  return G_SOURCE_REMOVE;
}

void
_st_window_checks_document_changed (StWindow *self,
                                    guint     first_row,
                                    guint     last_row,
                                    gboolean  structure)
{
  Checks *checks = checks_of (self);

  /* Edits between two checks add up to one range. */
  if (!checks->pending)
    {
      checks->pending_first = first_row;
      checks->pending_last = last_row;
    }
  else
    {
      checks->pending_first = MIN (checks->pending_first, first_row);
      checks->pending_last = MAX (checks->pending_last, last_row);
    }
  checks->pending = TRUE;
  checks->pending_structure |= structure;
  if (checks->check_id == 0)
    checks->check_id = g_timeout_add (CHECK_DELAY_MS, check_cb, checks);
}

static void
row_activated_cb (Checks        *checks,
                  GtkListBoxRow *row)
{
  guint index = (guint) gtk_list_box_row_get_index (row);
  const StCheckFinding *finding;

  if (index >= checks->listed->len)
    return;
  finding = &g_array_index (checks->listed, StCheckFinding, index);
  gtk_label_set_label (checks->detail, gtk_widget_get_tooltip_text (GTK_WIDGET (row)));
  gtk_widget_set_visible (GTK_WIDGET (checks->detail), TRUE);
  st_chart_view_set_cursor (checks->window->chart_view, finding->row, finding->needle);
  gtk_widget_grab_focus (GTK_WIDGET (checks->window->chart_view));
}

static void
overlay_toggled_cb (Checks         *checks,
                    GtkCheckButton *button)
{
  checks->overlay = gtk_check_button_get_active (button);
  gtk_widget_queue_draw (GTK_WIDGET (checks->window->chart_view));
}

static void
catches_clicked_cb (Checks *checks)
{
  StWindow *self = checks->window;
  StPattern *pattern = st_document_get_pattern (self->document);
  g_autoptr(GArray) proposals = NULL;

  st_chart_view_release (self->chart_view);
  proposals = st_check_propose_catches (pattern, NULL, NULL);
  if (proposals->len == 0)
    {
      st_window_show_error (self, _("No float needs a catch"),
                            _("Every float is within the limit for its yarn and this machine."));
      return;
    }
  st_check_apply_catches (pattern, st_document_get_history (self->document), proposals);
  st_document_changed (self->document);
}

void
_st_window_checks_init (StWindow *self)
{
  Checks *checks = g_new0 (Checks, 1);
  GtkWidget *box, *overlay, *button, *scroller, *list, *summary, *detail;

  checks->window = self;
  checks->checker = st_checker_new (NULL);
  checks->listed = g_array_new (FALSE, FALSE, sizeof (StCheckFinding));
  checks->overlay = FALSE;
  self->checks = checks;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_add_css_class (summary, "heading");
  gtk_box_append (GTK_BOX (box), summary);
  checks->summary = GTK_LABEL (summary);

  overlay = gtk_check_button_new_with_mnemonic (_("Show _risk on the chart"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (overlay), checks->overlay);
  g_signal_connect_swapped (overlay, "toggled", G_CALLBACK (overlay_toggled_cb), checks);
  gtk_box_append (GTK_BOX (box), overlay);

  button = gtk_button_new_with_mnemonic (_("Add _Catches for Long Floats"));
  gtk_widget_set_tooltip_text (button, _("Catch each float that is over the limit near its middle, "
                                         "staggered from round to round"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (catches_clicked_cb), checks);
  gtk_box_append (GTK_BOX (box), button);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "problems-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems"), -1);
  g_signal_connect_swapped (list, "row-activated", G_CALLBACK (row_activated_cb), checks);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  checks->list = GTK_LIST_BOX (list);

  detail = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
  gtk_widget_set_visible (detail, FALSE);
  gtk_box_append (GTK_BOX (box), detail);
  checks->detail = GTK_LABEL (detail);

  st_window_add_panel (self, "checks", _("Checks"), box);
  st_chart_view_set_tint_func (self->chart_view, risk_tint, checks, NULL);
}

void
_st_window_checks_set_document (StWindow *self)
{
  Checks *checks = checks_of (self);

  g_clear_handle_id (&checks->check_id, g_source_remove);
  /* A new document: check everything now. */
  st_checker_free (checks->checker);
  checks->checker = st_checker_new (NULL);
  checks->pending = FALSE;
  check_cb (checks);
}

void
_st_window_checks_dispose (StWindow *self)
{
  Checks *checks = checks_of (self);

  if (checks == NULL)
    return;
  g_clear_handle_id (&checks->check_id, g_source_remove);
  if (self->chart_view != NULL)
    st_chart_view_set_tint_func (self->chart_view, NULL, NULL, NULL);
  g_clear_pointer (&checks->checker, st_checker_free);
  g_clear_pointer (&checks->listed, g_array_unref);
  g_free (checks);
  self->checks = NULL;
}
