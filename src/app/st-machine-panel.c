/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-machine-panel"

#include "config.h"

#include "st-machine-panel.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "st-job-record.h"
#include "st-knit-along-view.h"
#include "st-serial.h"

/* Lines kept in the log view. */
#define LOG_LIMIT 2000
/* How long the emulated machine may take to show its port. */
#define EMULATOR_START_TIMEOUT_S 5

typedef enum
{
  PENDING_NONE,
  PENDING_START,
  PENDING_RESUME,
} Pending;

struct _StMachinePanel
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *scroller;
  GtkLabel        *status_label;
  GtkLabel        *action_label;
  GtkWidget       *edited_label;
  GtkWidget       *resume_box;
  GtkLabel        *resume_title;
  GtkLabel        *resume_body;
  GtkButton       *resume_job_button;
  GtkWidget       *options_grid;
  GtkDropDown     *port_dropdown;
  GtkEntry        *port_entry;
  GtkLabel        *port_hint;
  GtkDropDown     *protocol_dropdown;
  GtkWidget       *mode_title;
  GtkDropDown     *mode_dropdown;
  GtkWidget       *needle_title;
  GtkWidget       *needle_box;
  GtkCheckButton  *centre_check;
  GtkSpinButton   *start_needle_spin;
  GtkAdjustment   *start_needle_adjustment;
  GtkSpinButton   *start_row_spin;
  GtkAdjustment   *start_row_adjustment;
  GtkWidget       *times_box;
  GtkSpinButton   *times_spin;
  GtkAdjustment   *times_adjustment;
  GtkCheckButton  *endless_check;
  GtkLabel        *placement_label;
  GtkLabel        *length_label;
  GtkLabel        *summary_label;
  GtkLabel        *problem_label;
  GtkLabel        *device_label;
  GtkButton       *start_button;
  GtkWidget       *pause_button;
  GtkWidget       *resume_button;
  GtkProgressBar  *progress_bar;
  GtkLabel        *now_label;
  GtkLabel        *next_label;
  GtkCheckButton  *details_check;
  GtkTextView     *log_view;
  GtkWidget       *log_scroller;
  GtkWidget       *cancel_button;
  GtkWidget       *forget_button;

  /* Owned */
  StDocument      *document;
  StDocument      *job_document;    /* what the current or last job knits */
  StPortMonitor   *monitor;
  GPtrArray       *ports;           /* StPortInfo, listed after "Emulated machine" */
  GtkStringList   *port_items;
  StMachineLink   *link;
  StJobRecord     *resumable;       /* the job "Resume" continues, or NULL */
  gboolean         plan_ok;
  gboolean         log_follows;     /* the log keeps its newest line in view */
  gboolean         syncing;
  StProtocol       protocol;
  StKnitMode       mode;
  int              start_needle;    /* 0-based; -1 centred */
  guint            start_row;       /* 0-based */
  guint            repeat;          /* times through the pattern; 0 until cancelled */
  StJobOptions     job_options;     /* of the current or last job */
  guint64          last_round;      /* G_MAXUINT64 before the first progress */
  char            *last_action;
  Pending          pending;         /* waiting for the emulated machine */

  /* The emulated machine */
  GSubprocess     *emulator;
  GDataInputStream *emulator_out;
  GCancellable    *emulator_cancellable;
  char            *emulator_port;
  char            *emulator_config;
  char           **emulator_arguments;
  guint            emulator_timeout;
  gboolean         emulator_ready;
  gboolean         emulator_used;   /* a job ran on it: its fabric is not fresh */
  guint            emulator_serial;

  /* Borrowed (weak) */
  StChartView     *chart_view;
  StPreviewView   *preview_view;
};

G_DEFINE_FINAL_TYPE (StMachinePanel, st_machine_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PORT,
  PROP_PROTOCOL,
  PROP_MODE,
  PROP_START_NEEDLE,
  PROP_START_ROW,
  PROP_REPEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_controls (StMachinePanel *self);
static void start_job (StMachinePanel *self, gboolean resume);
static void offer_saved_job (StMachinePanel *self);
static void stop_emulator (StMachinePanel *self);

/* ---- words -------------------------------------------------------------- */

/* "Cream", "Cream and Cranberry", "Cream, Cranberry and Navy". */
static char *
yarn_names (const StJobPlan *plan,
            guint32          yarns)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < plan->n_yarns; i++)
    if (yarns & (1u << i))
      g_ptr_array_add (names, plan->names[i] != NULL && plan->names[i][0] ? plan->names[i] : "?");
  if (names->len == 0)
    /* Translators: a pass that knits with no yarn selected. */
    g_string_append (out, _("no yarn"));
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        /* Translators: separators in a list of yarn names. */
        g_string_append (out, i + 1 == names->len ? _(" and ") : _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* "48 needles", "2 yarn feeds": counts in sentences about the machine. */
static char *
needles_text (guint needles)
{
  /* Translators: a count in a sentence about the machine, e.g. "48 needles". */
  return g_strdup_printf (ngettext ("%u needle", "%u needles", needles), needles);
}

static char *
feeds_text (guint feeds)
{
  /* Translators: a count in a sentence about the machine, e.g. "2 yarn feeds". */
  return g_strdup_printf (ngettext ("%u yarn feed", "%u yarn feeds", feeds), feeds);
}

char *
st_machine_describe_next_change (const StJobPlan     *plan,
                                 const StJobProgress *progress)
{
  g_autofree char *names = NULL;

  g_return_val_if_fail (plan != NULL && progress != NULL, NULL);

  if (!progress->has_next_change)
    return NULL;
  names = yarn_names (plan, progress->next_change_yarns);
  if (progress->passes > 1)
    /* Translators: the next colour change of a job with several passes per round. */
    return g_strdup_printf (_("Next: change to %s at round %llu, pass %u"), names,
                            (unsigned long long) progress->next_change_round + 1,
                            progress->next_change_pass + 1);
  /* Translators: the next colour change, e.g. "Next: change to Cranberry at round 13". */
  return g_strdup_printf (_("Next: change to %s at round %llu"), names,
                          (unsigned long long) progress->next_change_round + 1);
}

/* Brother bed numbers: needles left of centre are L100..L1, then R1..R100. */
static char *
bed_needle_name (guint needle,
                 guint bed)
{
  if (needle < bed / 2)
    return g_strdup_printf ("L%u", bed / 2 - needle);
  return g_strdup_printf ("R%u", needle - bed / 2 + 1);
}

/* Core messages are clauses ("from needle 160 the pattern..."); the panel
 * shows them as sentences. */
static char *
sentence (const char *clause)
{
  gunichar first = g_utf8_get_char (clause);
  char buffer[8] = { 0 };

  if (clause[0] == '\0' || g_unichar_isupper (first))
    return g_strdup (clause);
  g_unichar_to_utf8 (g_unichar_toupper (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (clause), NULL);
}

static gboolean
file_exists (const char *path)
{
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

char *
st_machine_find_emulator (void)
{
  const char *env = g_getenv ("STRANDED_EMULATOR");
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir_path = g_build_filename (BINDIR, "stranded-emulator", NULL);

  if (env != NULL && env[0] != '\0')
    return file_exists (env) ? g_strdup (env) : NULL;
  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);
      g_autofree char *beside = g_build_filename (dir, "stranded-emulator", NULL);

      if (file_exists (beside))
        return g_steal_pointer (&beside);
      /* Run from the build tree: the emulator is built in its own folder. */
      if (g_str_has_prefix (self_path, BUILD_ROOT G_DIR_SEPARATOR_S) && file_exists (BUILD_EMULATOR))
        return g_strdup (BUILD_EMULATOR);
    }
  if (file_exists (bindir_path))
    return g_steal_pointer (&bindir_path);
  return g_find_program_in_path ("stranded-emulator");
}

/* ---- the chosen machine --------------------------------------------------- */

static StPattern *
pattern_of (StMachinePanel *self)
{
  return self->document != NULL ? st_document_get_pattern (self->document) : NULL;
}

static guint
n_listed_ports (StMachinePanel *self)
{
  return self->ports != NULL ? self->ports->len : 0;
}

static gboolean
other_port_selected (StMachinePanel *self)
{
  return gtk_drop_down_get_selected (self->port_dropdown) == n_listed_ports (self) + 1;
}

/* The port the user chose; NULL for the emulated machine, "" when none. */
static const char *
chosen_port (StMachinePanel *self)
{
  guint index = gtk_drop_down_get_selected (self->port_dropdown);

  if (index == 0 || index == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (index <= n_listed_ports (self))
    return ((StPortInfo *) g_ptr_array_index (self->ports, index - 1))->path;
  return gtk_editable_get_text (GTK_EDITABLE (self->port_entry));
}

static gboolean
port_ok (StMachinePanel *self)
{
  const char *port = chosen_port (self);

  if (port == NULL)
    return TRUE;
  while (g_ascii_isspace (*port))
    port++;
  return port[0] != '\0';
}

static char *
port_label (const StPortInfo *info)
{
  if (info->product != NULL)
    return g_strdup_printf ("%s (%s)", info->product, info->name);
  return g_strdup (info->name);
}

static void
update_port_hint (StMachinePanel *self)
{
  guint index = gtk_drop_down_get_selected (self->port_dropdown);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->port_entry), other_port_selected (self));
  if (index == 0)
    {
      g_autofree char *emulator = st_machine_find_emulator ();

      if (emulator == NULL)
        text = g_strdup (_("Not available: stranded-emulator is not installed beside Stranded."));
      else if (n_listed_ports (self) == 0)
        text = g_strdup (_("A virtual machine on this computer, to watch a job without hardware. "
                           "No machine is plugged in: one appears in this list when you plug it in."));
      else
        text = g_strdup (_("A virtual machine on this computer, to watch a job without hardware."));
    }
  else if (index <= n_listed_ports (self))
    {
      const StPortInfo *info = g_ptr_array_index (self->ports, index - 1);
      g_autofree char *described = st_port_info_describe (info);

      text = info->by_id != NULL ? g_strdup_printf ("%s\n%s", described, info->by_id)
                                 : g_strdup_printf ("%s\n%s", described, info->path);
    }
  else
    text = g_strdup (_("Any serial port or pseudo-terminal, such as the path stranded-emulator prints."));
  gtk_label_set_label (self->port_hint, text);
}

/* Selects @port (NULL: the emulated machine) in the list, or types it into
 * "Other port" when it is not listed. */
static void
select_port (StMachinePanel *self,
             const char     *port)
{
  guint index = 0;

  if (port != NULL)
    {
      index = n_listed_ports (self) + 1;
      for (guint i = 0; i < n_listed_ports (self); i++)
        {
          const StPortInfo *info = g_ptr_array_index (self->ports, i);

          if (g_strcmp0 (info->path, port) == 0 || g_strcmp0 (info->by_id, port) == 0)
            index = i + 1;
        }
      if (index == n_listed_ports (self) + 1)
        gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port);
    }
  gtk_drop_down_set_selected (self->port_dropdown, index);
  update_port_hint (self);
}

static void
refresh_ports (StMachinePanel *self)
{
  g_autofree char *wanted = g_strdup (chosen_port (self));
  gboolean emulated = gtk_drop_down_get_selected (self->port_dropdown) == 0;
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

  g_clear_pointer (&self->ports, g_ptr_array_unref);
  self->ports = st_serial_list_ports (NULL, NULL);
  gtk_string_list_append (items, _("Emulated machine"));
  for (guint i = 0; i < self->ports->len; i++)
    {
      g_autofree char *label = port_label (g_ptr_array_index (self->ports, i));

      gtk_string_list_append (items, label);
    }
  gtk_string_list_append (items, _("Other port…"));
  self->syncing = TRUE;
  g_set_object (&self->port_items, items);
  gtk_drop_down_set_model (self->port_dropdown, G_LIST_MODEL (items));
  select_port (self, emulated || wanted == NULL || wanted[0] == '\0' ? NULL : wanted);
  self->syncing = FALSE;
  update_controls (self);
}

/* ---- options and plan ----------------------------------------------------- */

/* Every choice on the panel, whichever protocol: switching the protocol
 * back and forth keeps the AYAB ones. */
static void
chosen_options (StMachinePanel *self,
                StJobOptions   *options)
{
  st_job_options_init (options, self->protocol);
  options->mode = self->mode;
  options->start_needle = self->start_needle;
  options->start_row = self->start_row;
  options->repeat = self->repeat;
}

/* The options of a job started now. */
static void
options_from_ui (StMachinePanel *self,
                 StJobOptions   *options)
{
  chosen_options (self, options);
  if (self->protocol != ST_PROTOCOL_AYAB)
    {
      options->mode = ST_KNIT_MODE_ROUND;
      options->start_needle = -1;
    }
}

/* How long the job is: "110 rounds: pattern rows 11 to 60, then the whole
 * pattern once more". */
static char *
describe_length (const StJobPlan *plan)
{
  unsigned long long total = plan->total_rounds;
  guint rows = plan->rows, first = plan->start_row + 1;
  g_autofree char *rounds = NULL;
  g_autofree char *order = NULL;

  if (plan->repeat == 0)
    {
      if (first == 1)
        return g_strdup (_("The pattern again and again, until you press Cancel"));
      /* Translators: an endless job that starts partway, e.g. "Pattern rows 11 to 60,
       * then the whole pattern again and again, until you press Cancel". */
      return g_strdup_printf (_("Pattern rows %u to %u, then the whole pattern again and again, "
                                "until you press Cancel"), first, rows);
    }
  /* Translators: the length of a job, e.g. "110 rounds" in "110 rounds: pattern rows 11 to 60, …". */
  rounds = g_strdup_printf (ngettext ("%llu round", "%llu rounds", (unsigned long) total), total);
  if (first == 1 && plan->repeat == 1)
    /* Translators: the order of rows in a job that knits the pattern once. */
    order = g_strdup_printf (_("pattern rows 1 to %u"), rows);
  else if (first == 1)
    /* Translators: the order of rows in a job that knits the whole pattern several times. */
    order = g_strdup_printf (ngettext ("the whole pattern %u time", "the whole pattern %u times", plan->repeat),
                             plan->repeat);
  else if (plan->repeat == 1)
    order = g_strdup_printf (_("pattern rows %u to %u"), first, rows);
  else
    /* Translators: a job that starts partway, then knits the whole pattern N more times, e.g.
     * "pattern rows 11 to 60, then the whole pattern 2 more times". */
    order = g_strdup_printf (ngettext ("pattern rows %u to %u, then the whole pattern %u more time",
                                       "pattern rows %u to %u, then the whole pattern %u more times",
                                       plan->repeat - 1),
                             first, rows, plan->repeat - 1);
  /* Translators: "110 rounds: pattern rows 11 to 60, then the whole pattern 1 more time". */
  return g_strdup_printf (C_("job length", "%s: %s"), rounds, order);
}

/* Checks the pattern can be knit as chosen; says why not under the
 * options, and where the stitches go on an AYAB bed. */
static void
update_plan (StMachinePanel *self)
{
  StPattern *pattern = pattern_of (self);
  g_autoptr(StJobPlan) plan = NULL;
  g_autoptr(StJobPlan) centred = NULL;
  g_autoptr(GError) error = NULL;
  StJobOptions options;
  gboolean ayab = self->protocol == ST_PROTOCOL_AYAB;

  gtk_widget_set_visible (self->mode_title, ayab);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_dropdown), ayab);
  gtk_widget_set_visible (self->needle_title, ayab);
  gtk_widget_set_visible (self->needle_box, ayab);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_needle_spin), self->start_needle >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->times_spin), self->repeat > 0);
  self->plan_ok = FALSE;
  if (pattern == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->placement_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->length_label), FALSE);
      return;
    }

  options_from_ui (self, &options);
  if (ayab)
    {
      StJobOptions centre = options;

      centre.start_needle = -1;
      centred = st_job_plan_new (pattern, &centre, NULL);
      if (centred != NULL)
        {
          self->syncing = TRUE;
          gtk_adjustment_set_upper (self->start_needle_adjustment,
                                    MAX (1, (int) centred->bed_needles - (int) centred->needles + 1));
          if (self->start_needle < 0)
            gtk_adjustment_set_value (self->start_needle_adjustment, centred->start_needle + 1);
          self->syncing = FALSE;
        }
    }
  plan = st_job_plan_new (pattern, &options, &error);
  self->plan_ok = plan != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), plan == NULL);
  if (plan == NULL)
    {
      g_autofree char *problem = sentence (error->message);

      gtk_label_set_label (self->problem_label, problem);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->placement_label), plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->length_label), plan != NULL);
  if (plan != NULL)
    {
      g_autofree char *length = describe_length (plan);

      gtk_label_set_label (self->length_label, length);
    }
  if (plan != NULL && ayab)
    {
      g_autofree char *first = bed_needle_name (plan->start_needle, plan->bed_needles);
      g_autofree char *last = bed_needle_name (plan->start_needle + plan->needles - 1, plan->bed_needles);
      g_autofree char *text = NULL;

      /* Translators: where the pattern goes on an AYAB bed, e.g. "Needles L24 to R24
       * (77 to 124 of 200), 1 pass per row". */
      text = g_strdup_printf (ngettext ("Needles %s to %s (%u to %u of %u), %u pass per row",
                                        "Needles %s to %s (%u to %u of %u), %u passes per row",
                                        plan->passes_per_round),
                              first, last, plan->start_needle + 1, plan->start_needle + plan->needles,
                              plan->bed_needles, plan->passes_per_round);
      gtk_label_set_label (self->placement_label, text);
    }
  else if (plan != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a circular machine knits every needle of its cylinder; the
       * plural follows the needles (English says "48-needle" for any number). */
      text = g_strdup_printf (ngettext ("One round per turn of a %u-needle cylinder",
                                        "One round per turn of a %u-needle cylinder", plan->needles),
                              plan->needles);
      gtk_label_set_label (self->placement_label, text);
    }
}

static StProtocol
default_protocol (const StPattern *pattern)
{
  StProtocol protocol;

  if (pattern != NULL && pattern->profile != NULL && pattern->profile->protocol != NULL &&
      st_protocol_from_string (pattern->profile->protocol, &protocol))
    return protocol;
  if (pattern != NULL && pattern->profile != NULL && !pattern->profile->circular)
    return ST_PROTOCOL_AYAB;
  return ST_PROTOCOL_CIRCULAR;
}

/* Shows @options (all but the resume point) in the controls. A start row
 * past the pattern's end (it got shorter) becomes its last row. */
static void
set_options (StMachinePanel     *self,
             const StJobOptions *options)
{
  StPattern *pattern = pattern_of (self);
  guint rows = pattern != NULL ? MAX (st_pattern_rows (pattern), 1) : 1;

  self->protocol = options->protocol;
  self->mode = options->mode == ST_KNIT_MODE_CIRCULAR_RIBBER ? options->mode : ST_KNIT_MODE_SINGLEBED;
  self->start_needle = options->start_needle;
  self->start_row = MIN (options->start_row, rows - 1);
  self->repeat = options->repeat;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->protocol_dropdown, self->protocol == ST_PROTOCOL_AYAB ? 0 : 1);
  gtk_drop_down_set_selected (self->mode_dropdown, self->mode == ST_KNIT_MODE_SINGLEBED ? 0 : 1);
  gtk_check_button_set_active (self->centre_check, self->start_needle < 0);
  if (self->start_needle >= 0)
    gtk_adjustment_set_value (self->start_needle_adjustment, self->start_needle + 1);
  gtk_adjustment_set_upper (self->start_row_adjustment, rows);
  gtk_adjustment_set_value (self->start_row_adjustment, self->start_row + 1);
  gtk_check_button_set_active (self->endless_check, self->repeat == 0);
  if (self->repeat > 0)
    gtk_adjustment_set_value (self->times_adjustment, self->repeat);
  self->syncing = FALSE;
  update_plan (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_NEEDLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_ROW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEAT]);
}

static void
option_widget_changed_cb (StMachinePanel *self)
{
  StJobOptions options;

  if (self->syncing)
    return;
  chosen_options (self, &options);
  options.protocol = gtk_drop_down_get_selected (self->protocol_dropdown) == 0 ? ST_PROTOCOL_AYAB
                                                                              : ST_PROTOCOL_CIRCULAR;
  options.mode = gtk_drop_down_get_selected (self->mode_dropdown) == 1 ? ST_KNIT_MODE_CIRCULAR_RIBBER
                                                                       : ST_KNIT_MODE_SINGLEBED;
  options.start_needle = gtk_check_button_get_active (self->centre_check)
                         ? -1 : (int) gtk_adjustment_get_value (self->start_needle_adjustment) - 1;
  options.start_row = (guint) gtk_adjustment_get_value (self->start_row_adjustment) - 1;
  options.repeat = gtk_check_button_get_active (self->endless_check)
                   ? 0 : (guint) gtk_adjustment_get_value (self->times_adjustment);
  set_options (self, &options);
}

static void
port_widget_changed_cb (StMachinePanel *self)
{
  if (self->syncing)
    return;
  update_port_hint (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/* ---- state and progress on screen ---------------------------------------- */

static StJobState
job_state (StMachinePanel *self)
{
  return self->link != NULL ? st_machine_link_get_state (self->link) : ST_JOB_STATE_IDLE;
}

static gboolean
job_running (StMachinePanel *self)
{
  return self->pending != PENDING_NONE ||
         (self->link != NULL && st_machine_link_is_running (self->link));
}

static char *
resume_button_label (guint64 round)
{
  /* Translators: the button that continues a stopped job. */
  return g_strdup_printf (_("_Resume from Round %llu"), (unsigned long long) round);
}

static void
update_status (StMachinePanel *self)
{
  StPattern *pattern = pattern_of (self);
  const StJobProgress *p = self->link != NULL ? st_machine_link_get_progress (self->link) : NULL;
  unsigned long long done = p != NULL ? p->rounds_done : 0, total = p != NULL ? p->total_rounds : 0;
  unsigned long long round = p != NULL ? MIN (p->round + 1, total ? total : G_MAXUINT64) : 0;
  g_autofree char *text = NULL;
  const char *action;

  if (self->pending != PENDING_NONE)
    text = g_strdup (_("Starting the emulated machine…"));
  else
    switch (job_state (self))
      {
      case ST_JOB_STATE_IDLE:
        if (self->resumable != NULL && self->resumable->total_rounds != 0)
          text = g_strdup_printf (_("“%s” is knitted to round %llu of %llu"),
                                  self->resumable->pattern_name ? self->resumable->pattern_name : "",
                                  (unsigned long long) self->resumable->rounds_done,
                                  (unsigned long long) self->resumable->total_rounds);
        else if (self->resumable != NULL)
          /* Translators: a stopped job that knits on until cancelled. */
          text = g_strdup_printf (_("“%s” is knitted to round %llu"),
                                  self->resumable->pattern_name ? self->resumable->pattern_name : "",
                                  (unsigned long long) self->resumable->rounds_done);
        else if (pattern != NULL)
          {
            guint rows = st_pattern_rows (pattern), needles = st_pattern_needles (pattern);
            /* Translators: a number of rounds, e.g. "60 rounds" in "Ready to knit “Hat”: 60 rounds
             * of 48 stitches". */
            g_autofree char *rounds = g_strdup_printf (ngettext ("%u round", "%u rounds", rows), rows);

            /* Translators: the panel before a job, e.g. "Ready to knit “Hat”: 60 rounds of 48 stitches";
             * the second %s is "60 rounds", the plural follows the stitches. */
            text = g_strdup_printf (ngettext ("Ready to knit “%s”: %s of %u stitch",
                                              "Ready to knit “%s”: %s of %u stitches", needles),
                                    pattern->name, rounds, needles);
          }
        else
          text = g_strdup ("");
        break;
      case ST_JOB_STATE_CONNECTING:
        text = g_strdup (_("Connecting to the machine…"));
        break;
      case ST_JOB_STATE_WAITING_READY:
        text = g_strdup (_("Waiting for the carriage"));
        break;
      case ST_JOB_STATE_STARTING:
        text = g_strdup (_("Starting…"));
        break;
      case ST_JOB_STATE_KNITTING:
        text = total ? g_strdup_printf (_("Knitting round %llu of %llu"), round, total)
                     : g_strdup_printf (_("Knitting round %llu"), round);
        break;
      case ST_JOB_STATE_PAUSED:
        text = total ? g_strdup_printf (_("Paused at round %llu of %llu"), round, total)
                     : g_strdup_printf (_("Paused at round %llu"), round);
        break;
      case ST_JOB_STATE_FINISHING:
        text = g_strdup (_("Every round is knitted: finishing"));
        break;
      case ST_JOB_STATE_CANCELLING:
        text = g_strdup (_("Stopping the machine…"));
        break;
      case ST_JOB_STATE_COMPLETED:
        text = g_strdup_printf (ngettext ("Finished: %llu round knitted", "Finished: %llu rounds knitted",
                                          (unsigned long) done), done);
        break;
      /* An endless job has no total to name. */
      case ST_JOB_STATE_CANCELLED:
        /* Translators: the plural follows the second number, the rounds of the job. */
        text = total ? g_strdup_printf (ngettext ("Cancelled after %llu of %llu round",
                                                  "Cancelled after %llu of %llu rounds", (unsigned long) total),
                                        done, total)
                     : g_strdup_printf (ngettext ("Cancelled after %llu round", "Cancelled after %llu rounds",
                                                  (unsigned long) done),
                                        done);
        break;
      case ST_JOB_STATE_DISCONNECTED:
        /* Translators: the plural follows the second number, the rounds of the job. */
        text = total ? g_strdup_printf (ngettext ("Disconnected after %llu of %llu round",
                                                  "Disconnected after %llu of %llu rounds", (unsigned long) total),
                                        done, total)
                     : g_strdup_printf (ngettext ("Disconnected after %llu round", "Disconnected after %llu rounds",
                                                  (unsigned long) done),
                                        done);
        break;
      case ST_JOB_STATE_FAILED:
      default:
        /* Translators: the plural follows the second number, the rounds of the job. */
        text = total ? g_strdup_printf (ngettext ("Stopped after %llu of %llu round",
                                                  "Stopped after %llu of %llu rounds", (unsigned long) total),
                                        done, total)
                     : g_strdup_printf (ngettext ("Stopped after %llu round", "Stopped after %llu rounds",
                                                  (unsigned long) done),
                                        done);
        break;
      }
  gtk_label_set_label (self->status_label, text);
  /* What to do now; while paused, that nothing happens until Resume. */
  action = job_state (self) == ST_JOB_STATE_PAUSED
           ? _("Paused: the machine gets no next row until you press Resume.") : self->last_action;
  gtk_widget_set_visible (GTK_WIDGET (self->action_label),
                          action != NULL && self->link != NULL && !st_job_state_is_final (job_state (self)));
  gtk_label_set_label (self->action_label, action != NULL ? action : "");
}

/* The emulated machines' ports, whichever session made them. */
static char *
emulated_port_folder (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "stranded", NULL);
}

static gboolean
is_emulated_port (const char *port)
{
  g_autofree char *folder = emulated_port_folder ();
  g_autofree char *dir = g_path_get_dirname (port);
  g_autofree char *name = g_path_get_basename (port);

  return g_strcmp0 (dir, folder) == 0 && g_str_has_prefix (name, "emulated-machine-");
}

static void
update_resume_prompt (StMachinePanel *self)
{
  const StJobRecord *r = self->resumable;
  g_autoptr(GString) body = NULL;
  g_autofree char *button = NULL;
  unsigned long long next;

  gtk_widget_set_visible (self->resume_box, r != NULL && !job_running (self));
  gtk_button_set_label (self->start_button, r != NULL ? _("Start _Over") : _("_Start"));
  if (r == NULL)
    return;
  next = r->rounds_done + 1;
  body = g_string_new (NULL);
  if (g_strcmp0 (r->state, "disconnected") == 0)
    {
      gtk_label_set_label (self->resume_title, _("The machine was disconnected"));
      if (r->message != NULL)
        g_string_append_printf (body, "%s\n\n", r->message);
      g_string_append_printf (body, _("Plug the machine back in (or switch it on again), check the "
                                      "port above, then press Resume: knitting goes on from round %llu."),
                              next);
    }
  else if (g_strcmp0 (r->state, "cancelled") == 0)
    {
      gtk_label_set_label (self->resume_title, _("The job was cancelled"));
      g_string_append_printf (body, _("Rounds 1 to %llu are knitted. Resume goes on from round %llu."),
                              (unsigned long long) r->rounds_done, next);
    }
  else if (g_strcmp0 (r->state, "failed") == 0)
    {
      gtk_label_set_label (self->resume_title, _("The machine stopped the job"));
      if (r->message != NULL)
        g_string_append_printf (body, "%s\n\n", r->message);
      g_string_append_printf (body, _("Once that is fixed, Resume goes on from round %llu."), next);
    }
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->updated);
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%x %H:%M") : g_strdup ("?");

      /* A record left by a crash or a closed window: it stopped mid-job. */
      gtk_label_set_label (self->resume_title, _("An unfinished job of this pattern"));
      if (r->total_rounds != 0)
        g_string_append_printf (body, _("It stopped on %s after round %llu of %llu (%s). "
                                        "Connect the machine and press Resume to go on from round %llu."),
                                date, (unsigned long long) r->rounds_done,
                                (unsigned long long) r->total_rounds, r->port ? r->port : "?", next);
      else
        /* Translators: as above, for a job that knits on until cancelled. */
        g_string_append_printf (body, _("It stopped on %s after round %llu (%s). "
                                        "Connect the machine and press Resume to go on from round %llu."),
                                date, (unsigned long long) r->rounds_done, r->port ? r->port : "?", next);
    }
  if (r->port != NULL && is_emulated_port (r->port))
    g_string_replace (body, r->port, _("the emulated machine"), 0);
  if (r->protocol == ST_PROTOCOL_AYAB && r->mode == ST_KNIT_MODE_CIRCULAR_RIBBER)
    g_string_append_printf (body, "\n%s", _("If some passes of that row were knitted, unravel them first: "
                                            "the machine cannot tell which."));
  gtk_label_set_label (self->resume_body, body->str);
  button = resume_button_label (next);
  gtk_button_set_label (self->resume_job_button, button);
}

/* "Emulated machine · Circular controller", "Arduino Uno (ttyACM0) · AYAB
 * (Brother), single bed, needles L24 to R24". */
static void
update_summary (StMachinePanel *self)
{
  GtkStringObject *port = gtk_drop_down_get_selected_item (self->port_dropdown);
  GtkStringObject *protocol = gtk_drop_down_get_selected_item (self->protocol_dropdown);
  GtkStringObject *mode = gtk_drop_down_get_selected_item (self->mode_dropdown);
  const char *placement = gtk_label_get_label (self->placement_label);
  g_autoptr(GString) text = g_string_new (NULL);

  if (port != NULL && !other_port_selected (self))
    g_string_append (text, gtk_string_object_get_string (port));
  else
    g_string_append (text, gtk_editable_get_text (GTK_EDITABLE (self->port_entry)));
  if (protocol != NULL)
    g_string_append_printf (text, " · %s", gtk_string_object_get_string (protocol));
  if (self->protocol == ST_PROTOCOL_AYAB && mode != NULL)
    g_string_append_printf (text, " · %s", gtk_string_object_get_string (mode));
  if (self->protocol == ST_PROTOCOL_AYAB && placement != NULL && placement[0] != '\0')
    g_string_append_printf (text, " · %s", placement);
  gtk_label_set_label (self->summary_label, text->str);
}

static void
update_controls (StMachinePanel *self)
{
  StJobState state = job_state (self);
  gboolean running = job_running (self);
  gboolean ready = !running && self->document != NULL && port_ok (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.start", ready && self->plan_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.pause",
                                 self->pending == PENDING_NONE && state == ST_JOB_STATE_KNITTING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.resume",
                                 self->pending == PENDING_NONE && state == ST_JOB_STATE_PAUSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.cancel",
                                 running && state != ST_JOB_STATE_CANCELLING && state != ST_JOB_STATE_FINISHING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.resume-job", ready && self->resumable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "machine.forget-job", !running && self->resumable != NULL);
  gtk_widget_set_visible (self->pause_button, state != ST_JOB_STATE_PAUSED);
  gtk_widget_set_visible (self->resume_button, state == ST_JOB_STATE_PAUSED);
  /* During a job the choices give way to progress: one line says them. */
  gtk_widget_set_visible (self->options_grid, !running);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), running);
  if (running)
    update_summary (self);
  update_resume_prompt (self);
  update_status (self);
}

/* The round on the needles, on the chart (which follows it) and preview. */
static void
show_round (StMachinePanel *self,
            gint64          row)
{
  gboolean ours = self->document != NULL && self->document == self->job_document;

  if (self->chart_view != NULL)
    {
      st_chart_view_set_highlight_row (self->chart_view, ours ? row : -1);
      if (ours && row >= 0)
        {
          const StChartLayout *layout = st_chart_view_get_layout (self->chart_view);
          guint first_row, last_row;
          gint64 first_column, last_column;

          /* Scroll only when the round leaves the view, and only up or
           * down: the cursor goes to a column already in view. */
          if (st_chart_layout_visible_rows (layout, &first_row, &last_row) &&
              st_chart_layout_visible_columns (layout, &first_column, &last_column) &&
              (((guint) row <= first_row && first_row > 0) ||
               ((guint) row >= last_row && last_row + 1 < st_pattern_rows (pattern_of (self)))))
            st_chart_view_set_cursor (self->chart_view, row, (first_column + last_column) / 2);
        }
    }
  if (self->preview_view != NULL)
    st_preview_view_set_highlight_row (self->preview_view, ours ? row : -1);
}

/* Knit-along windows of the job's document follow the machine. */
static void
tell_knit_along (StMachinePanel      *self,
                 const StJobProgress *progress)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (app == NULL || self->job_document == NULL)
    return;
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      StKnitAlongView *view = st_knit_along_view_from_window (l->data);

      if (view != NULL && st_knit_along_view_get_document (view) == self->job_document)
        st_knit_along_view_set_machine_progress (view, progress);
    }
}

static void
show_progress (StMachinePanel      *self,
               const StJobProgress *p)
{
  const StJobPlan *plan = st_machine_link_get_plan (self->link);
  StJobState state = st_machine_link_get_state (self->link);
  g_autofree char *bar = NULL, *now = NULL, *next = NULL, *yarns = NULL;
  unsigned long long round = p->total_rounds ? MIN (p->round + 1, p->total_rounds) : p->round + 1;

  if (p->total_rounds != 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     (double) (p->rounds_done * p->passes + (state == ST_JOB_STATE_KNITTING
                                                                             && p->rounds_done < p->total_rounds
                                                                             ? p->pass : 0)) /
                                     (double) (p->total_rounds * MAX (p->passes, 1)));
      if (state == ST_JOB_STATE_COMPLETED || p->rounds_done >= p->total_rounds)
        /* Translators: the progress bar at the end of a job. */
        bar = g_strdup_printf (ngettext ("All %llu round knitted", "All %llu rounds knitted",
                                         (unsigned long) p->total_rounds),
                               (unsigned long long) p->total_rounds);
      else
        /* Translators: the progress bar, e.g. "Round 14 of 60". */
        bar = g_strdup_printf (_("Round %llu of %llu"), round, (unsigned long long) p->total_rounds);
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      bar = g_strdup_printf (_("Round %llu"), round);
    }
  gtk_progress_bar_set_text (self->progress_bar, bar);

  if (p->rounds_done < p->total_rounds || p->total_rounds == 0)
    {
      yarns = yarn_names (plan, p->yarns);
      if (p->passes > 1)
        /* Translators: what is on the needles, e.g. "Round 14, pass 3 of 4: Cranberry". */
        now = g_strdup_printf (_("Round %llu, pass %u of %u: %s"), round, p->pass + 1, p->passes, yarns);
      else
        /* Translators: what is on the needles, e.g. "Round 14: Cream and Cranberry". */
        now = g_strdup_printf (_("Round %llu: %s"), round, yarns);
      if (p->row + 1 != round)
        {
          g_autofree char *where = g_strdup_printf (_("pattern row %u, time %u through"), p->row + 1,
                                                    p->repeat + 1);
          char *longer = g_strdup_printf ("%s (%s)", now, where);

          g_free (now);
          now = longer;
        }
      next = st_machine_describe_next_change (plan, p);
      if (next == NULL)
        next = g_strdup (_("No more colour changes"));
    }
  gtk_label_set_label (self->now_label, now != NULL ? now : "");
  gtk_widget_set_visible (GTK_WIDGET (self->now_label), now != NULL);
  gtk_label_set_label (self->next_label, next != NULL ? next : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), next != NULL);
}

/* ---- the log --------------------------------------------------------------- */

static void
append_log (StMachinePanel *self,
            StJobLogLevel   level,
            const char     *message)
{
  static const char *const tags[] = { "debug", "info", "action", "warning", "error" };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S  ");
  GtkTextIter end;
  int lines;

  if (level == ST_JOB_LOG_DEBUG && !gtk_check_button_get_active (self->details_check))
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, time, -1, "time", NULL);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, message, -1, tags[CLAMP ((int) level, 0, 4)], NULL);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
  lines = gtk_text_buffer_get_line_count (buffer);
  if (lines > LOG_LIMIT + 1)
    {
      GtkTextIter start, cut;

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_get_iter_at_line (buffer, &cut, lines - 1 - LOG_LIMIT);
      gtk_text_buffer_delete (buffer, &start, &cut);
    }
  /* Aligned scrolling waits for the new lines' layout, so it reaches them. */
  if (self->log_follows)
    gtk_text_view_scroll_to_mark (self->log_view, gtk_text_buffer_get_mark (buffer, "end"), 0, TRUE, 0, 1);
  if (level == ST_JOB_LOG_ACTION)
    {
      g_free (self->last_action);
      self->last_action = g_strdup (message);
      update_status (self);
    }
}

/* After the knitter scrolls the log: reading older lines stops the log
 * following new ones, scrolling back to the end starts it again. Only the
 * knitter's scrolling counts, not the text view's own while it lays out. */
static gboolean
log_user_scrolled_cb (gpointer data)
{
  StMachinePanel *self = data;
  GtkAdjustment *scroll;

  if (self->log_view == NULL)   /* disposed meanwhile */
    return G_SOURCE_REMOVE;
  scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->log_view));
  self->log_follows = gtk_adjustment_get_value (scroll) + gtk_adjustment_get_page_size (scroll) >=
                      gtk_adjustment_get_upper (scroll) - 4;
  return G_SOURCE_REMOVE;
}

static gboolean
log_wheel_cb (StMachinePanel           *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, log_user_scrolled_cb, g_object_ref (self), g_object_unref);
  return FALSE;
}

static void
log_scrollbar_released_cb (StMachinePanel *self)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, log_user_scrolled_cb, g_object_ref (self), g_object_unref);
}

static void
log_info (StMachinePanel *self,
          StJobLogLevel   level,
          const char     *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
log_info (StMachinePanel *self,
          StJobLogLevel   level,
          const char     *format,
          ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  append_log (self, level, message);
}

static void
show_problem (StMachinePanel *self,
              const char     *message)
{
  g_autofree char *text = sentence (message);

  gtk_label_set_label (self->problem_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  append_log (self, ST_JOB_LOG_ERROR, message);
}

/* ---- the link's signals ---------------------------------------------------- */

static void
link_state_changed_cb (StMachinePanel *self,
                       StJobState      state,
                       StMachineLink  *link)
{
  if (st_job_state_is_final (state))
    {
      g_clear_pointer (&self->last_action, g_free);
      gtk_widget_set_visible (self->edited_label, FALSE);
    }
  update_controls (self);
}

static void
link_progress_cb (StMachinePanel      *self,
                  const StJobProgress *progress,
                  StMachineLink       *link)
{
  show_progress (self, progress);
  if (progress->round != self->last_round)
    {
      self->last_round = progress->round;
      update_status (self);
      if (progress->total_rounds == 0 || progress->round < progress->total_rounds)
        show_round (self, progress->row);
    }
  tell_knit_along (self, progress);
}

static void
link_device_info_cb (StMachinePanel     *self,
                     const StDeviceInfo *info,
                     StMachineLink      *link)
{
  g_autofree char *text = NULL;

  if (info->protocol == ST_PROTOCOL_AYAB)
    /* Translators: after connecting, e.g. "Machine: AYAB interface, firmware 1.0.0 (API 6), 200-needle bed";
     * the plural follows the needles of the bed (English says "200-needle" for any number). */
    text = g_strdup_printf (ngettext ("Machine: AYAB interface%s%s, firmware %u.%u.%u (API %u), %u-needle bed",
                                      "Machine: AYAB interface%s%s, firmware %u.%u.%u (API %u), %u-needle bed",
                                      info->needles),
                            info->name[0] ? " " : "", info->name, info->major, info->minor, info->patch,
                            info->api_version, info->needles);
  else
    {
      g_autofree char *needles = needles_text (info->needles);
      g_autofree char *feeds = feeds_text (info->feeds);

      /* Translators: after connecting, e.g. "Machine: stranded-emu, firmware 1.0.0 (protocol 1),
       * 48 needles, 2 yarn feeds": the last two %s are "48 needles" and "2 yarn feeds". */
      text = g_strdup_printf (_("Machine: %s, firmware %u.%u.%u (protocol %u), %s, %s"),
                              info->name[0] ? info->name : _("circular controller"), info->major, info->minor,
                              info->patch, info->api_version, needles, feeds);
    }
  gtk_label_set_label (self->device_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->device_label), TRUE);
}

static void
link_log_cb (StMachinePanel *self,
             int             level,
             const char     *message,
             StMachineLink  *link)
{
  append_log (self, (StJobLogLevel) level, message);
}

static void
link_disconnected_cb (StMachinePanel *self,
                      const char     *reason,
                      StMachineLink  *link)
{
  log_info (self, ST_JOB_LOG_WARNING, _("The port went away: %s"), reason);
}

/* The job that Resume continues: its saved record, else (a pattern never
 * saved to a file) the same facts kept in memory. */
static StJobRecord *
record_of_stopped_job (StMachinePanel *self,
                       StJobState      state,
                       const char     *message)
{
  const char *path = st_machine_link_get_record_path (self->link);
  const StJobPlan *plan = st_machine_link_get_plan (self->link);
  StJobRecord *record = NULL;

  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    record = st_job_record_load (path, NULL);
  if (record != NULL)
    return record;
  record = st_job_record_new ();
  record->pattern_name = g_strdup (st_document_get_title (self->job_document));
  record->port = g_strdup (st_machine_link_get_port (self->link));
  record->protocol = self->job_options.protocol;
  record->mode = plan->mode;
  record->start_needle = self->job_options.start_needle;
  record->start_row = self->job_options.start_row;
  record->repeat = self->job_options.repeat;
  record->job_id = self->job_options.job_id;
  record->rounds_done = st_machine_link_get_rounds_done (self->link);
  record->total_rounds = plan->total_rounds;
  record->state = g_strdup (st_job_state_to_string (state));
  record->message = g_strdup (message);
  record->updated = g_get_real_time () / G_USEC_PER_SEC;
  return record;
}

static void
link_finished_cb (StMachinePanel *self,
                  StJobState      state,
                  const char     *message,
                  StMachineLink  *link)
{
  g_clear_pointer (&self->resumable, st_job_record_free);
  g_clear_pointer (&self->last_action, g_free);
  if (state == ST_JOB_STATE_COMPLETED)
    {
      const StJobProgress *p = st_machine_link_get_progress (link);

      show_progress (self, p);
      show_round (self, -1);
      append_log (self, ST_JOB_LOG_INFO, _("The job is complete: every round is knitted."));
      /* The next job gets a fresh emulated machine, with fresh fabric. */
      if (self->emulator != NULL && g_strcmp0 (st_machine_link_get_port (link), self->emulator_port) == 0)
        stop_emulator (self);
    }
  else if (!st_machine_link_can_resume (link))
    {
      /* This machine cannot knit the pattern this way: there is nothing
       * to resume, but a job saved before this attempt still is. */
      show_round (self, -1);
      if (message != NULL)
        show_problem (self, message);
      offer_saved_job (self);
    }
  else
    self->resumable = record_of_stopped_job (self, state, message);
  tell_knit_along (self, NULL);
  update_controls (self);
}

static void
clear_link (StMachinePanel *self)
{
  if (self->link == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->link, self);
  g_clear_object (&self->link);
}

/* ---- the emulated machine -------------------------------------------------- */

/* What the emulated machine is started with, for a job with @options: the
 * same protocol and mode, the bed or cylinder the pattern needs, and a feed
 * for every yarn. */
static GPtrArray *
emulator_config_args (StMachinePanel     *self,
                      const StJobOptions *options)
{
  StPattern *pattern = pattern_of (self);
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("--protocol"));
  g_ptr_array_add (args, g_strdup (st_protocol_to_string (options->protocol)));
  if (options->protocol == ST_PROTOCOL_AYAB)
    {
      g_autoptr(StJobPlan) plan = st_job_plan_new (pattern, options, NULL);

      g_ptr_array_add (args, g_strdup ("--mode"));
      g_ptr_array_add (args, g_strdup (st_knit_mode_to_string (options->mode)));
      g_ptr_array_add (args, g_strdup ("--needles"));
      g_ptr_array_add (args, g_strdup_printf ("%u", plan != NULL ? plan->bed_needles : 200));
    }
  else
    {
      g_ptr_array_add (args, g_strdup ("--needles"));
      g_ptr_array_add (args, g_strdup_printf ("%u", st_pattern_needles (pattern)));
      g_ptr_array_add (args, g_strdup ("--feeds"));
      g_ptr_array_add (args, g_strdup_printf ("%u", CLAMP (pattern->n_yarns, 2u, 16u)));
    }
  for (guint i = 0; self->emulator_arguments != NULL && self->emulator_arguments[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (self->emulator_arguments[i]));
  g_ptr_array_add (args, NULL);
  return args;
}

static void
stop_emulator (StMachinePanel *self)
{
  if (self->emulator_cancellable != NULL)
    g_cancellable_cancel (self->emulator_cancellable);
  if (self->emulator != NULL)
    g_subprocess_send_signal (self->emulator, SIGTERM);
  g_clear_handle_id (&self->emulator_timeout, g_source_remove);
  g_clear_object (&self->emulator_cancellable);
  g_clear_object (&self->emulator_out);
  g_clear_object (&self->emulator);
  g_clear_pointer (&self->emulator_port, g_free);
  g_clear_pointer (&self->emulator_config, g_free);
  self->emulator_ready = FALSE;
}

static void
emulator_failed (StMachinePanel *self,
                 const char     *why)
{
  g_autofree char *message = g_strdup_printf (_("The emulated machine did not start: %s"), why);

  stop_emulator (self);
  self->pending = PENDING_NONE;
  show_problem (self, message);
  update_controls (self);
}

static void read_emulator_line (StMachinePanel *self);

static void
emulator_line_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                                     NULL, &error);
  GDataInputStream *stream;
  StMachinePanel *self;

  /* Cancelled: the panel stopped this emulator and may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ST_MACHINE_PANEL (user_data);
  if (G_DATA_INPUT_STREAM (source) != self->emulator_out || line == NULL)
    return;
  stream = G_DATA_INPUT_STREAM (source);
  g_strstrip (line);
  if (!self->emulator_ready)
    {
      Pending pending = self->pending;

      if (line[0] != '/')
        {
          emulator_failed (self, line);
          return;
        }
      self->emulator_ready = TRUE;
      g_clear_handle_id (&self->emulator_timeout, g_source_remove);
      log_info (self, ST_JOB_LOG_INFO, _("The emulated machine is on %s"), line);
      self->pending = PENDING_NONE;
      if (pending != PENDING_NONE)
        start_job (self, pending == PENDING_RESUME);
    }
  else if (line[0] != '\0')
    log_info (self, ST_JOB_LOG_INFO, _("Emulated machine: %s"), line);
  /* Starting the job may have replaced this emulator. */
  if (self->emulator_out == stream)
    read_emulator_line (self);
}

static void
read_emulator_line (StMachinePanel *self)
{
  g_data_input_stream_read_line_async (self->emulator_out, G_PRIORITY_DEFAULT, self->emulator_cancellable,
                                       emulator_line_cb, self);
}

static void
emulator_exited_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  StMachinePanel *self;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ST_MACHINE_PANEL (user_data);
  if (G_SUBPROCESS (source) != self->emulator)
    return;
  if (!self->emulator_ready)
    {
      emulator_failed (self, _("it exited at once"));
      return;
    }
  append_log (self, ST_JOB_LOG_WARNING, _("The emulated machine stopped."));
  stop_emulator (self);
  update_controls (self);
}

static gboolean
emulator_timeout_cb (gpointer user_data)
{
  StMachinePanel *self = user_data;

  self->emulator_timeout = 0;
  emulator_failed (self, _("it showed no port within 5 seconds"));
  return G_SOURCE_REMOVE;
}

/* In the emulated machine's process, before it runs: it goes when Stranded
 * goes, even if Stranded is killed, rather than waiting for a host forever. */
static void
emulator_child_setup (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    _exit (1);
}

/* The number at @index of emulator_config_args(), such as the value of --needles. */
static guint
config_number (GPtrArray *config,
               guint      index)
{
  return (guint) g_ascii_strtoull (g_ptr_array_index (config, index), NULL, 10);
}

/* Starts stranded-emulator for a job with @options; @pending runs once it
 * shows its port. Never waits: the port arrives on its standard output. */
static void
launch_emulator (StMachinePanel     *self,
                 const StJobOptions *options,
                 Pending             pending)
{
  g_autofree char *program = st_machine_find_emulator ();
  g_autoptr(GPtrArray) config = emulator_config_args (self, options);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = emulated_port_folder ();
  g_autofree char *name = NULL;

  stop_emulator (self);
  if (program == NULL)
    {
      emulator_failed (self, _("stranded-emulator is not installed beside Stranded or on the PATH"));
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_autofree char *why = g_strdup_printf ("%s: %s", dir, g_strerror (errno));

      emulator_failed (self, why);
      return;
    }
  name = g_strdup_printf ("emulated-machine-%d-%u", (int) getpid (), ++self->emulator_serial);
  self->emulator_port = g_build_filename (dir, name, NULL);
  self->emulator_config = g_strjoinv (" ", (char **) config->pdata);
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, (gpointer) "--keep-running");
  g_ptr_array_add (argv, (gpointer) "--link");
  g_ptr_array_add (argv, self->emulator_port);
  for (guint i = 0; i + 1 < config->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (config, i));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, emulator_child_setup, GINT_TO_POINTER ((int) getpid ()), NULL);
  self->emulator = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  if (self->emulator == NULL)
    {
      emulator_failed (self, error->message);
      return;
    }
  self->emulator_cancellable = g_cancellable_new ();
  self->emulator_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->emulator));
  self->emulator_used = FALSE;
  self->pending = pending;
  read_emulator_line (self);
  g_subprocess_wait_async (self->emulator, self->emulator_cancellable, emulator_exited_cb, self);
  self->emulator_timeout = g_timeout_add_seconds (EMULATOR_START_TIMEOUT_S, emulator_timeout_cb, self);
  if (options->protocol == ST_PROTOCOL_AYAB)
    {
      guint bed = config_number (config, 5);

      /* Translators: the plural follows the needles of the bed (English says "200-needle"
       * for any number). */
      log_info (self, ST_JOB_LOG_INFO,
                ngettext ("Starting the emulated machine: an AYAB interface, %s, on a %u-needle bed",
                          "Starting the emulated machine: an AYAB interface, %s, on a %u-needle bed", bed),
                options->mode == ST_KNIT_MODE_CIRCULAR_RIBBER ? _("circular on the ribber") : _("single bed"),
                bed);
    }
  else
    {
      g_autofree char *needles = needles_text (config_number (config, 3));
      g_autofree char *feeds = feeds_text (config_number (config, 5));

      /* Translators: e.g. "Starting the emulated machine: a circular controller with 48 needles
       * and 2 yarn feeds". */
      log_info (self, ST_JOB_LOG_INFO, _("Starting the emulated machine: a circular controller with %s and %s"),
                needles, feeds);
    }
  update_controls (self);
}

/* ---- starting a job ---------------------------------------------------------- */

static void
connect_and_start (StMachinePanel     *self,
                   const char         *port,
                   const StJobOptions *options,
                   gboolean            resume)
{
  StPattern *pattern = pattern_of (self);
  GFile *file = st_document_get_file (self->document);
  g_autofree char *pattern_path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  const StJobProgress *p;

  if (resume)
    {
      g_autofree char *hash = pattern_path != NULL ? st_job_record_hash_file (pattern_path) : NULL;

      if (st_document_get_modified (self->document) ||
          (self->resumable->pattern_sha256 != NULL && g_strcmp0 (hash, self->resumable->pattern_sha256) != 0))
        append_log (self, ST_JOB_LOG_WARNING,
                    _("The pattern changed since the job started: the remaining rounds follow it as it is now."));
    }
  clear_link (self);
  self->link = st_machine_link_new ();
  g_signal_connect_swapped (self->link, "state-changed", G_CALLBACK (link_state_changed_cb), self);
  g_signal_connect_swapped (self->link, "progress", G_CALLBACK (link_progress_cb), self);
  g_signal_connect_swapped (self->link, "device-info", G_CALLBACK (link_device_info_cb), self);
  g_signal_connect_swapped (self->link, "log", G_CALLBACK (link_log_cb), self);
  g_signal_connect_swapped (self->link, "disconnected", G_CALLBACK (link_disconnected_cb), self);
  g_signal_connect_swapped (self->link, "finished", G_CALLBACK (link_finished_cb), self);
  if (!st_machine_link_start (self->link, port, 0, pattern, pattern_path, options, &error))
    {
      clear_link (self);
      show_problem (self, error->message);
      update_controls (self);
      return;
    }
  if (g_strcmp0 (port, self->emulator_port) == 0)
    self->emulator_used = TRUE;
  self->job_options = *options;
  g_set_object (&self->job_document, self->document);
  gtk_widget_set_visible (self->edited_label, FALSE);
  self->last_round = G_MAXUINT64;
  g_clear_pointer (&self->last_action, g_free);
  g_clear_pointer (&self->resumable, st_job_record_free);
  gtk_widget_set_visible (GTK_WIDGET (self->device_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  p = st_machine_link_get_progress (self->link);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 p->total_rounds ? (double) p->rounds_done / p->total_rounds : 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Connecting…"));
  gtk_label_set_label (self->next_label, "");
  gtk_label_set_label (self->now_label, "");
  if (is_emulated_port (port))
    where = g_strdup (_("the emulated machine"));
  else
    where = g_strdup (port);
  if (resume)
    log_info (self, ST_JOB_LOG_INFO, _("Resuming “%s” on %s from round %llu"), pattern->name, where,
              (unsigned long long) options->first_round + 1);
  else
    log_info (self, ST_JOB_LOG_INFO, _("Sending “%s” to %s"), pattern->name, where);
  update_controls (self);
}

static void
start_job (StMachinePanel *self,
           gboolean        resume)
{
  const char *chosen = chosen_port (self);
  g_autofree char *port = NULL;
  StJobOptions options;

  if (self->document == NULL || (resume && self->resumable == NULL))
    return;
  if (resume)
    {
      st_job_record_to_options (self->resumable, &options);
      set_options (self, &options);
    }
  else
    {
      options_from_ui (self, &options);
      options.job_id = (guint16) g_random_int_range (1, 65536);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  if (chosen == NULL)
    {
      g_autoptr(GPtrArray) config = emulator_config_args (self, &options);
      g_autofree char *wanted = g_strjoinv (" ", (char **) config->pdata);

      /* A fresh job gets a fresh machine; a resumed one the same, if alive. */
      if (!self->emulator_ready || g_strcmp0 (wanted, self->emulator_config) != 0 ||
          (!resume && self->emulator_used))
        {
          launch_emulator (self, &options, resume ? PENDING_RESUME : PENDING_START);
          return;
        }
      port = g_strdup (self->emulator_port);
    }
  else
    port = g_strstrip (g_strdup (chosen));
  connect_and_start (self, port, &options, resume);
}

/* A job of this document's file saved by an earlier session (a crash, an
 * unplug, a closed window) is offered for resuming. */
static void
offer_saved_job (StMachinePanel *self)
{
  GFile *file = self->document != NULL ? st_document_get_file (self->document) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *real = path != NULL ? realpath (path, NULL) : NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) records = NULL;

  if (real == NULL || job_running (self))
    return;
  dir = st_job_record_default_dir ();
  records = st_job_record_list (dir);
  for (guint i = 0; i < records->len; i++)
    {
      StJobRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->pattern_path, real) != 0 || g_strcmp0 (record->state, "completed") == 0)
        continue;
      g_clear_pointer (&self->resumable, st_job_record_free);
      self->resumable = g_ptr_array_steal_index (records, i);
      {
        StJobOptions options;

        st_job_record_to_options (self->resumable, &options);
        set_options (self, &options);
      }
      for (guint k = 0; k < n_listed_ports (self); k++)
        if (g_strcmp0 (((StPortInfo *) g_ptr_array_index (self->ports, k))->path, self->resumable->port) == 0)
          select_port (self, self->resumable->port);
      break;
    }
}

/* ---- actions ----------------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_job (ST_MACHINE_PANEL (widget), FALSE);
}

static void
resume_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_job (ST_MACHINE_PANEL (widget), TRUE);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StMachinePanel *self = ST_MACHINE_PANEL (widget);

  if (self->link != NULL)
    st_machine_link_pause (self->link);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StMachinePanel *self = ST_MACHINE_PANEL (widget);

  if (self->link != NULL)
    st_machine_link_resume (self->link);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StMachinePanel *self = ST_MACHINE_PANEL (widget);

  if (self->pending != PENDING_NONE)
    {
      /* Still waiting for the emulated machine: nothing was sent yet. */
      self->pending = PENDING_NONE;
      stop_emulator (self);
      append_log (self, ST_JOB_LOG_INFO, _("Cancelled before the job started."));
      update_controls (self);
      return;
    }
  if (self->link != NULL)
    st_machine_link_cancel (self->link);
}

static void
forget_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StMachinePanel *self = ST_MACHINE_PANEL (widget);
  g_autofree char *dir = st_job_record_default_dir ();

  if (self->resumable == NULL)
    return;
  if (self->resumable->pattern_path != NULL)
    {
      g_autofree char *path = st_job_record_path (dir, self->resumable->pattern_path);

      g_unlink (path);
    }
  g_clear_pointer (&self->resumable, st_job_record_free);
  show_round (self, -1);
  append_log (self, ST_JOB_LOG_INFO, _("The stopped job is forgotten."));
  update_controls (self);
}

/* ---- document -------------------------------------------------------------- */

static void
document_changed_cb (StMachinePanel *self,
                     guint           first_row,
                     guint           last_row,
                     gboolean        structure)
{
  StJobOptions options;

  /* The link knits a copy taken at Start: say so rather than let the
   * chart and the fabric part silently. */
  if (job_running (self) && self->document == self->job_document)
    gtk_widget_set_visible (self->edited_label, TRUE);
  if (!structure)
    {
      update_controls (self);
      return;
    }
  /* Rows came or went: the start row's range follows. */
  chosen_options (self, &options);
  set_options (self, &options);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
release_link_cb (StMachineLink *link)
{
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, link);
}

static void
st_machine_panel_dispose (GObject *object)
{
  StMachinePanel *self = ST_MACHINE_PANEL (object);

  if (self->link != NULL && st_machine_link_is_running (self->link))
    {
      /* The window goes away mid-job: stop the machine and let the link
       * live until it has said so; the job record stays for a resume. */
      StMachineLink *link = g_object_ref (self->link);

      g_signal_handlers_disconnect_by_data (link, self);
      g_signal_connect (link, "finished", G_CALLBACK (release_link_cb), NULL);
      st_machine_link_cancel (link);
    }
  clear_link (self);
  show_round (self, -1);
  stop_emulator (self);
  g_clear_object (&self->monitor);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->job_document);
  g_clear_object (&self->port_items);
  g_clear_pointer (&self->ports, g_ptr_array_unref);
  g_clear_pointer (&self->resumable, st_job_record_free);
  g_clear_weak_pointer (&self->chart_view);
  g_clear_weak_pointer (&self->preview_view);
  gtk_widget_dispose_template (GTK_WIDGET (self), ST_TYPE_MACHINE_PANEL);
  G_OBJECT_CLASS (st_machine_panel_parent_class)->dispose (object);
}

static void
st_machine_panel_finalize (GObject *object)
{
  StMachinePanel *self = ST_MACHINE_PANEL (object);

  g_free (self->last_action);
  g_strfreev (self->emulator_arguments);
  G_OBJECT_CLASS (st_machine_panel_parent_class)->finalize (object);
}

static void
st_machine_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StMachinePanel *self = ST_MACHINE_PANEL (object);

  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_string (value, chosen_port (self));
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, st_protocol_to_string (self->protocol));
      break;
    case PROP_MODE:
      g_value_set_string (value, st_knit_mode_to_string (self->mode));
      break;
    case PROP_START_NEEDLE:
      g_value_set_int (value, self->start_needle < 0 ? -1 : self->start_needle + 1);
      break;
    case PROP_START_ROW:
      g_value_set_uint (value, self->start_row + 1);
      break;
    case PROP_REPEAT:
      g_value_set_uint (value, self->repeat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_machine_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StMachinePanel *self = ST_MACHINE_PANEL (object);
  StJobOptions options;

  chosen_options (self, &options);
  switch (prop_id)
    {
    case PROP_PORT:
      self->syncing = TRUE;
      select_port (self, g_value_get_string (value));
      self->syncing = FALSE;
      update_controls (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_PROTOCOL:
      if (st_protocol_from_string (g_value_get_string (value), &options.protocol))
        set_options (self, &options);
      break;
    case PROP_MODE:
      if (st_knit_mode_from_string (g_value_get_string (value), &options.mode))
        set_options (self, &options);
      break;
    case PROP_START_NEEDLE:
      options.start_needle = MAX (g_value_get_int (value), 0) - 1;
      set_options (self, &options);
      break;
    case PROP_START_ROW:
      options.start_row = g_value_get_uint (value) - 1;
      set_options (self, &options);
      break;
    case PROP_REPEAT:
      options.repeat = g_value_get_uint (value);
      set_options (self, &options);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_machine_panel_class_init (StMachinePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = st_machine_panel_dispose;
  object_class->finalize = st_machine_panel_finalize;
  object_class->get_property = st_machine_panel_get_property;
  object_class->set_property = st_machine_panel_set_property;

  /* NULL is the emulated machine. */
  properties[PROP_PORT] =
    g_param_spec_string ("port", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, "circular",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "singlebed",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* ayab: bed needle of the first stitch from the left, 1-based; -1 centres. */
  properties[PROP_START_NEEDLE] =
    g_param_spec_int ("start-needle", NULL, NULL, -1, 1000, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The pattern row knit first, 1-based (past the end: the last row). */
  properties[PROP_START_ROW] =
    g_param_spec_uint ("start-row", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Times through the pattern; 0 knits on until cancelled. */
  properties[PROP_REPEAT] =
    g_param_spec_uint ("repeat", NULL, NULL, 0, 999, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-machine-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, centre_check);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, details_check);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, device_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, log_view);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, log_scroller);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, forget_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, mode_title);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, needle_box);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, needle_title);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, next_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, now_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, options_grid);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, action_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, edited_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, pause_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, placement_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, port_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, port_entry);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, port_hint);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, problem_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, resume_body);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, resume_box);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, resume_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, resume_job_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, resume_title);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, start_button);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, start_needle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, start_needle_spin);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, start_row_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, start_row_spin);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, times_box);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, times_spin);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, times_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, endless_check);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, length_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, StMachinePanel, summary_label);

  gtk_widget_class_install_action (widget_class, "machine.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "machine.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "machine.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "machine.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "machine.resume-job", NULL, resume_job_action);
  gtk_widget_class_install_action (widget_class, "machine.forget-job", NULL, forget_job_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "machinepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The panel's stylesheet, once per display. */
static void
ensure_css (GdkDisplay *display)
{
  static const char *key = "st-machine-panel-css";
  g_autoptr(GtkCssProvider) css = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), key) != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/stranded/Stranded/ui/st-machine-panel.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), key, g_steal_pointer (&css), g_object_unref);
}

static void
st_machine_panel_init (StMachinePanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  self->start_needle = -1;
  self->repeat = 1;
  self->protocol = ST_PROTOCOL_CIRCULAR;
  self->mode = ST_KNIT_MODE_SINGLEBED;
  self->last_round = G_MAXUINT64;
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));

  buffer = gtk_text_view_get_buffer (self->log_view);
  gtk_text_buffer_create_tag (buffer, "time", "foreground", "#77767b", "font-features", "tnum", NULL);
  gtk_text_buffer_create_tag (buffer, "debug", "foreground", "#77767b", "scale", 0.9, NULL);
  gtk_text_buffer_create_tag (buffer, "info", NULL);
  /* What the knitter must do now stands out. */
  gtk_text_buffer_create_tag (buffer, "action", "weight", PANGO_WEIGHT_BOLD, "foreground", "#1a5fb4",
                              "paragraph-background", "#dbe7f6", NULL);
  gtk_text_buffer_create_tag (buffer, "warning", "foreground", "#c64600", NULL);
  gtk_text_buffer_create_tag (buffer, "error", "weight", PANGO_WEIGHT_BOLD, "foreground", "#c01c28", NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_create_mark (buffer, "end", &end, FALSE);
  self->log_follows = TRUE;
  {
    GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    GtkGesture *drag = gtk_gesture_click_new ();
    GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (self->log_scroller));

    g_signal_connect_swapped (wheel, "scroll", G_CALLBACK (log_wheel_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->log_view), wheel);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (drag, "released", G_CALLBACK (log_scrollbar_released_cb), self);
    gtk_widget_add_controller (scrollbar, GTK_EVENT_CONTROLLER (drag));
  }

  g_signal_connect_swapped (self->port_dropdown, "notify::selected", G_CALLBACK (port_widget_changed_cb), self);
  g_signal_connect_swapped (self->port_entry, "changed", G_CALLBACK (port_widget_changed_cb), self);
  g_signal_connect_swapped (self->protocol_dropdown, "notify::selected", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->mode_dropdown, "notify::selected", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->centre_check, "toggled", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->start_needle_adjustment, "value-changed", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->start_row_adjustment, "value-changed", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->times_adjustment, "value-changed", G_CALLBACK (option_widget_changed_cb), self);
  g_signal_connect_swapped (self->endless_check, "toggled", G_CALLBACK (option_widget_changed_cb), self);

  self->monitor = st_port_monitor_new (NULL);
  g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (refresh_ports), self);
  refresh_ports (self);
  {
    StJobOptions options;

    chosen_options (self, &options);
    set_options (self, &options);
  }
  gtk_progress_bar_set_text (self->progress_bar, _("Not started"));
  gtk_widget_set_visible (GTK_WIDGET (self->now_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
st_machine_panel_new (void)
{
  return g_object_new (ST_TYPE_MACHINE_PANEL, NULL);
}

void
st_machine_panel_set_document (StMachinePanel *self,
                               StDocument     *document)
{
  g_return_if_fail (ST_IS_MACHINE_PANEL (self));
  g_return_if_fail (document == NULL || ST_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  show_round (self, -1);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  if (!job_running (self))
    {
      /* The last job belongs to the old document; this one may have its own. */
      clear_link (self);
      g_clear_object (&self->job_document);
      gtk_widget_set_visible (GTK_WIDGET (self->device_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->now_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Not started"));
      g_clear_pointer (&self->resumable, st_job_record_free);
      {
        StJobOptions fresh;

        /* A new document starts from its first row, once, centred. */
        st_job_options_init (&fresh, default_protocol (pattern_of (self)));
        set_options (self, &fresh);
      }
      offer_saved_job (self);
    }
  update_plan (self);
  update_controls (self);
}

void
st_machine_panel_set_views (StMachinePanel *self,
                            StChartView    *chart_view,
                            StPreviewView  *preview_view)
{
  g_return_if_fail (ST_IS_MACHINE_PANEL (self));

  g_set_weak_pointer (&self->chart_view, chart_view);
  g_set_weak_pointer (&self->preview_view, preview_view);
}

StMachineLink *
st_machine_panel_get_link (StMachinePanel *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), NULL);
  return self->link;
}

void
st_machine_panel_set_emulator_arguments (StMachinePanel    *self,
                                         const char *const *arguments)
{
  g_return_if_fail (ST_IS_MACHINE_PANEL (self));

  g_strfreev (self->emulator_arguments);
  self->emulator_arguments = g_strdupv ((char **) arguments);
}

GSubprocess *
st_machine_panel_get_emulator (StMachinePanel *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), NULL);
  return self->emulator;
}

static const char *
label_text (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : "";
}

char *
st_machine_panel_get_text (StMachinePanel *self,
                           const char     *part)
{
  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  if (g_str_equal (part, "status"))
    return g_strdup (label_text (self->status_label));
  if (g_str_equal (part, "action"))
    return g_strdup (label_text (self->action_label));
  if (g_str_equal (part, "edited"))
    return g_strdup (label_text (GTK_LABEL (self->edited_label)));
  if (g_str_equal (part, "device"))
    return g_strdup (label_text (self->device_label));
  if (g_str_equal (part, "problem"))
    return g_strdup (label_text (self->problem_label));
  if (g_str_equal (part, "progress"))
    return g_strdup (gtk_progress_bar_get_text (self->progress_bar));
  if (g_str_equal (part, "now"))
    return g_strdup (label_text (self->now_label));
  if (g_str_equal (part, "next"))
    return g_strdup (label_text (self->next_label));
  if (g_str_equal (part, "placement"))
    return g_strdup (label_text (self->placement_label));
  if (g_str_equal (part, "length"))
    return g_strdup (label_text (self->length_label));
  if (g_str_equal (part, "port-hint"))
    return g_strdup (label_text (self->port_hint));
  if (g_str_has_prefix (part, "resume-"))
    {
      gboolean shown = gtk_widget_get_visible (self->resume_box);

      if (g_str_equal (part, "resume-title"))
        return g_strdup (shown ? gtk_label_get_label (self->resume_title) : "");
      if (g_str_equal (part, "resume-body"))
        return g_strdup (shown ? gtk_label_get_label (self->resume_body) : "");
      if (g_str_equal (part, "resume-button"))
        return g_strdup (shown ? gtk_button_get_label (self->resume_job_button) : "");
      return NULL;
    }
  if (g_str_equal (part, "log"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return NULL;
}

double
st_machine_panel_get_fraction (StMachinePanel *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), 0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

gboolean
st_machine_panel_is_knitting (StMachinePanel *self)
{
  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), FALSE);

  return job_running (self);
}

gboolean
st_machine_panel_can (StMachinePanel *self,
                      const char     *name)
{
  GtkWidget *button = NULL;

  g_return_val_if_fail (ST_IS_MACHINE_PANEL (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "start"))
    button = GTK_WIDGET (self->start_button);
  else if (g_str_equal (name, "pause"))
    button = self->pause_button;
  else if (g_str_equal (name, "resume"))
    button = self->resume_button;
  else if (g_str_equal (name, "cancel"))
    button = self->cancel_button;
  else if (g_str_equal (name, "resume-job"))
    button = GTK_WIDGET (self->resume_job_button);
  else if (g_str_equal (name, "forget-job"))
    button = self->forget_button;
  g_return_val_if_fail (button != NULL, FALSE);
  /* What the knitter sees: a button shown (the resume prompt's only with
   * the prompt) and sensitive. */
  if ((button == GTK_WIDGET (self->resume_job_button) || button == self->forget_button) &&
      !gtk_widget_get_visible (self->resume_box))
    return FALSE;
  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}
