/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "st-knit-along"

#include "config.h"

#include "st-knit-along-view.h"
#include "st-settings.h"

#include <glib/gi18n.h>
#include <string.h>

#include "st-knit-render.h"
#include "st-yarn-palette.h"

/* The position goes into the file this long after the last move. */
#define SAVE_DELAY_MS 2000
/* A change cue is two beeps this far apart; a round cue one. */
#define SECOND_BEEP_MS 180
/* Key repeat must not turn into a buzz. */
#define MIN_BEEP_INTERVAL_US (120 * G_TIME_SPAN_MILLISECOND)
#define CUE_FLASH_MS 900
#define SWATCH_SIZE 46
#define WINDOW_KEY "st-knit-along-window"

struct _StKnitAlongView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *keys_label;
  GtkLabel        *machine_label;
  GtkLabel        *marks_label;
  GtkLabel        *milestone_detail_label;
  GtkLabel        *milestone_label;
  GtkLabel        *needle_label;
  GtkLabel        *next_label;
  GtkLabel        *next_milestone_label;
  GtkLabel        *now_label;
  GtkLabel        *place_label;
  GtkLabel        *round_label;
  GtkLabel        *round_words_label;
  GtkLabel        *warnings_heading;
  GtkBox          *now_box;
  GtkBox          *swatch_box;
  GtkBox          *warnings_box;
  GtkDrawingArea  *strip;
  GtkProgressBar  *progress_bar;
  GtkButton       *sound_button;

  /* Owned */
  StDocument      *document;
  StKnitSession   *session;
  GSettings       *settings;
  char            *save_error;
  guint            save_id;
  guint            beep_id;
  guint            flash_id;

  /* Borrowed: the window whose fullscreen state the view follows. */
  GtkWindow       *window;

  gboolean         sound_cues;
  gboolean         fullscreen;
  gint64           last_beep;
  guint            warnings_row;    /* the round the warnings were built for */
  guint            swatch_yarn;     /* the yarn the swatch shows */
};

G_DEFINE_FINAL_TYPE (StKnitAlongView, st_knit_along_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_SOUND_CUES,
  PROP_FULLSCREEN,
  N_PROPS
};

enum
{
  CUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static StPattern *
pattern_of (StKnitAlongView *self)
{
  return st_knit_session_get_pattern (self->session);
}

static guint
yarn_at_position (StKnitAlongView *self)
{
  const StRoundInstructions *round = st_knit_session_get_instructions (self->session);
  guint needle = st_knit_session_get_needle (self->session);

  for (guint i = 0; i < round->n_runs; i++)
    if (needle >= round->runs[i].first_needle && needle < round->runs[i].first_needle + round->runs[i].count)
      return round->runs[i].yarn;
  return 0;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static char *
place_text (StKnitAlongView *self)
{
  GFile *file = st_document_get_file (self->document);
  g_autofree char *name = NULL;

  if (self->save_error != NULL)
    /* Translators: knit-along: the position could not be written into the file. */
    return g_strdup_printf (_("Could not save your place: %s"), self->save_error);
  if (file == NULL)
    return g_strdup (_("This pattern is not saved yet: your place is kept while Stranded is open "
                       "and saved with the pattern. Save it to keep your place between evenings."));
  name = g_file_get_basename (file);
  /* Translators: knit-along: the file the knitter's position is saved in. */
  return g_strdup_printf (_("Your place is saved in “%s” as you go."), name);
}

static void
rebuild_warnings (StKnitAlongView *self)
{
  g_autoptr(GPtrArray) warnings = st_knit_session_get_warnings (self->session);

  clear_box (self->warnings_box);
  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (warnings->pdata[i]);

      gtk_widget_add_css_class (icon, "knit-warning-icon");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (icon, 4);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "knit-warning");
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (self->warnings_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_heading), warnings->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box), warnings->len > 0);
  self->warnings_row = st_knit_session_get_row (self->session);
}

static void
update_actions (StKnitAlongView *self)
{
  gboolean active = self->session != NULL && !st_knit_session_is_machine_driven (self->session);
  gboolean at_start = TRUE, at_end = TRUE, last_round = TRUE;

  if (self->session != NULL)
    {
      StPattern *pattern = pattern_of (self);
      guint row = st_knit_session_get_row (self->session);
      guint needle = st_knit_session_get_needle (self->session);

      at_start = row == 0 && needle == 0;
      last_round = row + 1 >= st_pattern_rows (pattern);
      at_end = last_round && needle + 1 >= st_pattern_needles (pattern);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.previous-stop", active && !at_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.previous-needle", active && !at_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.previous-round",
                                 active && self->session != NULL && st_knit_session_get_row (self->session) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.next-stop", active && !at_end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.next-needle", active && !at_end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "knit.next-round", active && !last_round);
}

static void
refresh (StKnitAlongView *self)
{
  StPattern *pattern;
  const StKnitMilestone *milestone, *next_milestone;
  g_autofree char *round = NULL, *needle = NULL, *now = NULL, *words = NULL, *next = NULL;
  g_autofree char *catches = NULL, *duplicates = NULL, *machine = NULL, *place = NULL;
  guint row, yarn;

  update_actions (self);
  if (self->session == NULL)
    return;
  pattern = pattern_of (self);
  row = st_knit_session_get_row (self->session);

  /* Translators: knit-along, in large type: the round being knit. */
  round = g_strdup_printf (_("Round %u of %u"), row + 1, st_pattern_rows (pattern));
  /* Translators: knit-along: the needle whose stitch is knit next. */
  needle = g_strdup_printf (_("Needle %u of %u"), st_knit_session_get_needle (self->session) + 1,
                            st_pattern_needles (pattern));
  gtk_label_set_label (self->round_label, round);
  gtk_label_set_label (self->needle_label, needle);
  gtk_progress_bar_set_fraction (self->progress_bar, st_knit_session_get_fraction (self->session));

  machine = st_knit_session_describe_machine (self->session);
  gtk_widget_set_visible (GTK_WIDGET (self->machine_label), machine != NULL);
  gtk_label_set_label (self->machine_label, machine != NULL ? machine : "");

  yarn = yarn_at_position (self);
  if (yarn != self->swatch_yarn && yarn < pattern->n_yarns)
    {
      clear_box (self->swatch_box);
      gtk_box_append (self->swatch_box, st_swatch_new (pattern->yarns[yarn].color, SWATCH_SIZE));
      self->swatch_yarn = yarn;
    }
  now = st_knit_session_describe_now (self->session);
  gtk_label_set_label (self->now_label, now);

  words = st_knit_session_describe_round (self->session);
  gtk_label_set_label (self->round_words_label, words);
  catches = st_knit_session_describe_catches (self->session);
  duplicates = st_knit_session_describe_duplicates (self->session);
  if (catches != NULL || duplicates != NULL)
    {
      g_autofree char *marks = g_strjoin ("\n", catches != NULL ? catches : duplicates,
                                          catches != NULL ? duplicates : NULL, NULL);

      gtk_label_set_label (self->marks_label, marks);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->marks_label), catches != NULL || duplicates != NULL);
  next = st_knit_session_describe_next_round (self->session);
  gtk_label_set_label (self->next_label, next);

  if (row != self->warnings_row)
    rebuild_warnings (self);

  milestone = st_knit_session_get_current_milestone (self->session);
  next_milestone = st_knit_session_get_next_milestone (self->session);
  gtk_label_set_label (self->milestone_label, milestone != NULL ? milestone->title : _("Plain knitting"));
  gtk_label_set_label (self->milestone_detail_label,
                       milestone != NULL ? milestone->detail : _("Nothing special in this round: keep cranking."));
  if (milestone != NULL && milestone->kind == ST_KNIT_MILESTONE_CAST_OFF)
    gtk_widget_add_css_class (GTK_WIDGET (self->milestone_label), "knit-cast-off");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->milestone_label), "knit-cast-off");
  if (next_milestone != NULL)
    {
      guint away = next_milestone->first_row - row;
      g_autofree char *text = NULL;

      if (away == 1)
        /* Translators: knit-along: the next milestone starts with the next round. */
        text = g_strdup_printf (_("%s, next round"), next_milestone->title);
      else
        /* Translators: knit-along: the next milestone and how many rounds away it is. */
        text = g_strdup_printf (ngettext ("%s, in %u round", "%s, in %u rounds", away),
                                next_milestone->title, away);

      gtk_label_set_label (self->next_milestone_label, text);
    }
  else
    gtk_label_set_label (self->next_milestone_label, _("Nothing more: the cast-off round is the last."));

  place = place_text (self);
  gtk_label_set_label (self->place_label, place);
  gtk_widget_queue_draw (GTK_WIDGET (self->strip));
}

/* Sound and flash */

static void
beep (StKnitAlongView *self)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->last_beep < MIN_BEEP_INTERVAL_US)
    return;
  self->last_beep = now;
  gdk_display_beep (gtk_widget_get_display (GTK_WIDGET (self)));
}

static gboolean
second_beep_cb (gpointer data)
{
  StKnitAlongView *self = data;

  self->beep_id = 0;
  self->last_beep = 0;
  beep (self);
  return G_SOURCE_REMOVE;
}

static gboolean
flash_done_cb (gpointer data)
{
  StKnitAlongView *self = data;

  self->flash_id = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (self->now_box), "knit-cue");
  return G_SOURCE_REMOVE;
}

/* The now box flashes for every cue, so a muted knitter still sees it. */
static void
play_cue (StKnitAlongView *self,
          StKnitCue        cue)
{
  gboolean sounded;

  if (cue == ST_KNIT_CUE_NONE)
    return;
  sounded = self->sound_cues;
  if (sounded)
    {
      beep (self);
      g_clear_handle_id (&self->beep_id, g_source_remove);
      if (cue == ST_KNIT_CUE_CHANGE)
        self->beep_id = g_timeout_add (SECOND_BEEP_MS, second_beep_cb, self);
    }
  if (cue == ST_KNIT_CUE_CHANGE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->now_box), "knit-cue");
      g_clear_handle_id (&self->flash_id, g_source_remove);
      self->flash_id = g_timeout_add (CUE_FLASH_MS, flash_done_cb, self);
    }
  g_signal_emit (self, signals[CUE], 0, (guint) cue, sounded);
}

/* Saving the position */

static gboolean
write_progress (StKnitAlongView  *self,
                GError          **error)
{
  StPattern *pattern;
  GFile *file;
  g_autofree char *path = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->document == NULL || self->session == NULL)
    return TRUE;
  pattern = pattern_of (self);
  file = st_document_get_file (self->document);
  if (file == NULL || !pattern->has_progress)
    return TRUE;
  path = g_file_get_path (file);
  if (path == NULL)
    return TRUE;
  return st_knit_progress_write_file (path, pattern->progress_row, pattern->progress_needle, error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  StKnitAlongView *self = data;
  g_autoptr(GError) error = NULL;
  gboolean had_error = self->save_error != NULL;

  self->save_id = 0;
  g_clear_pointer (&self->save_error, g_free);
  if (!write_progress (self, &error))
    {
      /* The knitter sees the error in the window (place_text). */
      g_warning ("Cannot save the knit-along position: %s", error->message); /* untranslated: a log line */
      self->save_error = g_strdup (error->message);
    }
  if (had_error || self->save_error != NULL)
    {
      g_autofree char *place = place_text (self);

      gtk_label_set_label (self->place_label, place);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_save (StKnitAlongView *self)
{
  if (st_document_get_file (self->document) == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
flush_save (StKnitAlongView *self)
{
  if (self->save_id != 0)
    save_timeout_cb (self);
}

/* Actions */

static void
moved (StKnitAlongView *self)
{
  refresh (self);
  play_cue (self, st_knit_session_get_cue (self->session));
  schedule_save (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (widget);
  const char *step = action_name + strlen ("knit.");
  gboolean done;

  if (self->session == NULL)
    return;
  if (g_str_equal (step, "next-stop"))
    done = st_knit_session_next_stop (self->session);
  else if (g_str_equal (step, "previous-stop"))
    done = st_knit_session_previous_stop (self->session);
  else if (g_str_equal (step, "next-needle"))
    done = st_knit_session_next_needle (self->session);
  else if (g_str_equal (step, "previous-needle"))
    done = st_knit_session_previous_needle (self->session);
  else if (g_str_equal (step, "next-round"))
    done = st_knit_session_next_round (self->session);
  else
    done = st_knit_session_previous_round (self->session);
  if (done)
    moved (self);
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (widget);
  guint row, needle;

  g_variant_get (parameter, "(uu)", &row, &needle);
  if (self->session != NULL && row > 0 && needle > 0 &&
      st_knit_session_go_to (self->session, row - 1, needle - 1))
    moved (self);
}

static void
leave_fullscreen_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_object_set (widget, "fullscreen", FALSE, NULL);
}

/* The strip */

static void
draw_strip (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  StKnitAlongView *self = data;

  if (self->session == NULL || width <= 0 || height <= 0)
    return;
  st_knit_render_round (cr, pattern_of (self), st_knit_session_get_row (self->session),
                        st_knit_session_get_needle (self->session), width, height, FALSE);
}

static void
strip_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  StKnitAlongView *self)
{
  guint row, needle;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->session == NULL ||
      !st_knit_render_cell_at (pattern_of (self), st_knit_session_get_row (self->session),
                               st_knit_session_get_needle (self->session),
                               gtk_widget_get_width (GTK_WIDGET (self->strip)),
                               gtk_widget_get_height (GTK_WIDGET (self->strip)), x, y, &row, &needle))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "knit.go-to", "(uu)", row + 1, needle + 1);
}

/* Document and window */

static void
document_changed_cb (StKnitAlongView *self,
                     guint            first_row,
                     guint            last_row,
                     gboolean         structure,
                     StDocument      *document)
{
  st_knit_session_pattern_changed (self->session, first_row, last_row, structure);
  self->warnings_row = G_MAXUINT;
  self->swatch_yarn = G_MAXUINT;
  refresh (self);
}

static void
document_file_cb (StKnitAlongView *self)
{
  g_clear_pointer (&self->save_error, g_free);
  refresh (self);
}

static void
window_fullscreened_cb (StKnitAlongView *self,
                        GParamSpec      *pspec,
                        GtkWindow       *window)
{
  gboolean fullscreen = gtk_window_is_fullscreen (window);

  if (fullscreen == self->fullscreen)
    return;
  self->fullscreen = fullscreen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULLSCREEN]);
}

static void
st_knit_along_view_root (GtkWidget *widget)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (st_knit_along_view_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (window_fullscreened_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
st_knit_along_view_unroot (GtkWidget *widget)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (widget);

  flush_save (self);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->window, window_fullscreened_cb, self);
      self->window = NULL;
    }
  GTK_WIDGET_CLASS (st_knit_along_view_parent_class)->unroot (widget);
}

static void
st_knit_along_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (st_knit_along_view_parent_class)->map (widget);
  /* Keys go to the view, never to a button the mouse last touched. */
  gtk_widget_grab_focus (widget);
}

/* GObject */

static void
st_knit_along_view_dispose (GObject *object)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (object);
  GtkWidget *child;

  flush_save (self);
  g_clear_handle_id (&self->beep_id, g_source_remove);
  g_clear_handle_id (&self->flash_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->session, st_knit_session_free);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->save_error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ST_TYPE_KNIT_ALONG_VIEW);
  /* The template's outer box has no id: unparent it ourselves. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (st_knit_along_view_parent_class)->dispose (object);
}

static void
st_knit_along_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SOUND_CUES:
      g_value_set_boolean (value, self->sound_cues);
      break;
    case PROP_FULLSCREEN:
      g_value_set_boolean (value, self->fullscreen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_knit_along_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StKnitAlongView *self = ST_KNIT_ALONG_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      st_knit_along_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_SOUND_CUES:
      if (self->sound_cues == g_value_get_boolean (value))
        return;
      self->sound_cues = g_value_get_boolean (value);
      gtk_button_set_icon_name (self->sound_button, self->sound_cues ? "audio-volume-high-symbolic"
                                                                     : "audio-volume-muted-symbolic");
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_FULLSCREEN:
      if (self->fullscreen == g_value_get_boolean (value))
        return;
      self->fullscreen = g_value_get_boolean (value);
      if (self->window != NULL)
        {
          if (self->fullscreen)
            gtk_window_fullscreen (self->window);
          else
            gtk_window_unfullscreen (self->window);
        }
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_keys (GtkWidgetClass  *widget_class,
          const guint     *keys,
          guint            n_keys,
          GdkModifierType  modifiers,
          const char      *action)
{
  for (guint i = 0; i < n_keys; i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i], modifiers, action, NULL);
}

static void
st_knit_along_view_class_init (StKnitAlongViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  /* A USB foot pedal sends one of these; so does a keyboard across the room. */
  static const guint next_stop_keys[] = { GDK_KEY_space, GDK_KEY_KP_Space, GDK_KEY_Return,
                                          GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  static const guint previous_stop_keys[] = { GDK_KEY_BackSpace };
  static const guint next_needle_keys[] = { GDK_KEY_Right, GDK_KEY_KP_Right };
  static const guint previous_needle_keys[] = { GDK_KEY_Left, GDK_KEY_KP_Left };
  static const guint next_round_keys[] = { GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, GDK_KEY_Up, GDK_KEY_KP_Up };
  static const guint previous_round_keys[] = { GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, GDK_KEY_Down,
                                               GDK_KEY_KP_Down };

  object_class->dispose = st_knit_along_view_dispose;
  object_class->get_property = st_knit_along_view_get_property;
  object_class->set_property = st_knit_along_view_set_property;
  widget_class->root = st_knit_along_view_root;
  widget_class->unroot = st_knit_along_view_unroot;
  widget_class->map = st_knit_along_view_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ST_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOUND_CUES] =
    g_param_spec_boolean ("sound-cues", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULLSCREEN] =
    g_param_spec_boolean ("fullscreen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StKnitAlongView::cue:
   * @cue: the StKnitCue a move or the machine called for
   * @sounded: whether sound cues are on (the view beeped)
   */
  signals[CUE] = g_signal_new ("cue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/stranded/Stranded/ui/st-knit-along-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, keys_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, machine_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, marks_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, milestone_detail_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, milestone_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, needle_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, next_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, next_milestone_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, now_box);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, now_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, place_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, round_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, round_words_label);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, sound_button);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, strip);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, swatch_box);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, StKnitAlongView, warnings_heading);

  gtk_widget_class_install_action (widget_class, "knit.next-stop", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "knit.previous-stop", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "knit.next-needle", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "knit.previous-needle", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "knit.next-round", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "knit.previous-round", NULL, step_action);
  /* 1-based round and needle, as the knitter reads them. */
  gtk_widget_class_install_action (widget_class, "knit.go-to", "(uu)", go_to_action);
  gtk_widget_class_install_property_action (widget_class, "knit.sound-cues", "sound-cues");
  gtk_widget_class_install_property_action (widget_class, "knit.fullscreen", "fullscreen");
  gtk_widget_class_install_action (widget_class, "knit.leave-fullscreen", NULL, leave_fullscreen_action);

  add_keys (widget_class, next_stop_keys, G_N_ELEMENTS (next_stop_keys), 0, "knit.next-stop");
  add_keys (widget_class, previous_stop_keys, G_N_ELEMENTS (previous_stop_keys), 0, "knit.previous-stop");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, "knit.previous-stop", NULL);
  add_keys (widget_class, next_needle_keys, G_N_ELEMENTS (next_needle_keys), 0, "knit.next-needle");
  add_keys (widget_class, previous_needle_keys, G_N_ELEMENTS (previous_needle_keys), 0, "knit.previous-needle");
  add_keys (widget_class, next_round_keys, G_N_ELEMENTS (next_round_keys), 0, "knit.next-round");
  add_keys (widget_class, previous_round_keys, G_N_ELEMENTS (previous_round_keys), 0, "knit.previous-round");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "knit.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "knit.leave-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "knit.sound-cues", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "knitalongview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The view's stylesheet, once per display. */
static void
ensure_css (GdkDisplay *display)
{
  static const char *key = "st-knit-along-css";
  g_autoptr(GtkCssProvider) css = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), key) != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/stranded/Stranded/ui/st-knit-along-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), key, g_steal_pointer (&css), g_object_unref);
}

static void
st_knit_along_view_init (StKnitAlongView *self)
{
  GtkGesture *click;

  self->sound_cues = TRUE;
  self->warnings_row = G_MAXUINT;
  self->swatch_yarn = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));

  gtk_drawing_area_set_draw_func (self->strip, draw_strip, self, NULL);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (strip_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->strip), GTK_EVENT_CONTROLLER (click));

  self->settings = st_settings_new ();
  g_settings_bind (self->settings, "sound-cues", self, "sound-cues", G_SETTINGS_BIND_DEFAULT);
  update_actions (self);
}

/* Public API */

GtkWidget *
st_knit_along_view_new (void)
{
  return g_object_new (ST_TYPE_KNIT_ALONG_VIEW, NULL);
}

void
st_knit_along_view_set_document (StKnitAlongView *self,
                                 StDocument      *document)
{
  g_return_if_fail (ST_IS_KNIT_ALONG_VIEW (self));
  g_return_if_fail (document == NULL || ST_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  flush_save (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->session, st_knit_session_free);
  g_clear_pointer (&self->save_error, g_free);
  g_set_object (&self->document, document);
  self->warnings_row = G_MAXUINT;
  self->swatch_yarn = G_MAXUINT;
  if (document != NULL)
    {
      self->session = st_knit_session_new (st_document_get_pattern (document));
      g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
      g_signal_connect_swapped (document, "notify::file", G_CALLBACK (document_file_cb), self);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

StDocument *
st_knit_along_view_get_document (StKnitAlongView *self)
{
  g_return_val_if_fail (ST_IS_KNIT_ALONG_VIEW (self), NULL);
  return self->document;
}

StKnitSession *
st_knit_along_view_get_session (StKnitAlongView *self)
{
  g_return_val_if_fail (ST_IS_KNIT_ALONG_VIEW (self), NULL);
  return self->session;
}

void
st_knit_along_view_set_machine_progress (StKnitAlongView     *self,
                                         const StJobProgress *progress)
{
  gboolean cue;

  g_return_if_fail (ST_IS_KNIT_ALONG_VIEW (self));

  if (self->session == NULL)
    return;
  cue = st_knit_session_set_machine_progress (self->session, progress);
  refresh (self);
  if (cue)
    play_cue (self, ST_KNIT_CUE_CHANGE);
  schedule_save (self);
}

gboolean
st_knit_along_view_save_progress (StKnitAlongView  *self,
                                  GError          **error)
{
  g_return_val_if_fail (ST_IS_KNIT_ALONG_VIEW (self), FALSE);
  return write_progress (self, error);
}

static char *
warnings_text (StKnitAlongView *self)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_widget_get_last_child (row);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (out, FALSE);
}

char *
st_knit_along_view_get_text (StKnitAlongView *self,
                             const char      *part)
{
  struct { const char *name; GtkLabel *label; } parts[] = {
    { "round", self->round_label },
    { "needle", self->needle_label },
    { "now", self->now_label },
    { "round-words", self->round_words_label },
    { "next", self->next_label },
    { "marks", self->marks_label },
    { "milestone", self->milestone_label },
    { "milestone-detail", self->milestone_detail_label },
    { "next-milestone", self->next_milestone_label },
    { "machine", self->machine_label },
    { "place", self->place_label },
  };

  g_return_val_if_fail (ST_IS_KNIT_ALONG_VIEW (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  if (g_str_equal (part, "warnings"))
    return warnings_text (self);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (part, parts[i].name))
      return gtk_widget_get_visible (GTK_WIDGET (parts[i].label))
               ? g_strdup (gtk_label_get_label (parts[i].label))
               : g_strdup ("");
  return NULL;
}

/* The window */

static void
window_destroyed_cb (GtkWidget  *window,
                     StDocument *document)
{
  if (g_object_get_data (G_OBJECT (document), WINDOW_KEY) == window)
    g_object_set_data (G_OBJECT (document), WINDOW_KEY, NULL);
}

static void
window_title_cb (GtkWindow  *window,
                 GParamSpec *pspec,
                 StDocument *document)
{
  /* Translators: the knit-along window's title; %s is the pattern's name. */
  g_autofree char *title = g_strdup_printf (_("Knit Along — %s"), st_document_get_title (document));

  gtk_window_set_title (window, title);
}

GtkWindow *
st_knit_along_view_present (GtkWindow  *parent,
                            StDocument *document)
{
  GtkWindow *window;
  GtkWidget *view;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ST_IS_DOCUMENT (document), NULL);

  window = g_object_get_data (G_OBJECT (document), WINDOW_KEY);
  if (window != NULL)
    {
      gtk_window_present (window);
      return window;
    }

  /* A window of its own: it can go fullscreen on the screen by the
   * machine while the designer stays where it is. */
  window = GTK_WINDOW (gtk_window_new ());
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (parent));
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_titlebar (window, gtk_header_bar_new ());
  view = st_knit_along_view_new ();
  st_knit_along_view_set_document (ST_KNIT_ALONG_VIEW (view), document);
  gtk_window_set_child (window, view);
  /* Ctrl+W closes it like any window; win.close belongs to the designer. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Primary>w"),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (GTK_WIDGET (window), keys);
  }
  window_title_cb (window, NULL, document);
  g_signal_connect_object (document, "notify::title", G_CALLBACK (window_title_cb), window, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (document), WINDOW_KEY, window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (window_destroyed_cb), document, 0);
  gtk_window_present (window);
  return window;
}

StKnitAlongView *
st_knit_along_view_from_window (GtkWindow *window)
{
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  child = gtk_window_get_child (window);
  return ST_IS_KNIT_ALONG_VIEW (child) ? ST_KNIT_ALONG_VIEW (child) : NULL;
}
