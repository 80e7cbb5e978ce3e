/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-window-private.h: StWindow's instance struct, shared by the files
 * that implement it (st-window.c: lifecycle and views; st-window-actions.c:
 * actions and dialogs; st-window-checks.c: the checks panel).
 */
#pragma once

#include "st-machine-panel.h"
#include "st-window.h"

G_BEGIN_DECLS

struct _StWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *position_label;
  GtkMenuButton        *recent_button;
  StChartView          *chart_view;
  StPreviewView        *preview_view;
  GtkWidget            *preview_box;
  StYarnPalette        *yarn_palette;
  GtkDropDown          *repeat_dropdown;
  GtkButton            *zoom_button;
  GtkStack             *side_stack;

  /* Owned */
  StDocument           *document;
  GSettings            *settings;
  GArray               *repeat_widths;     /* guint per repeat_dropdown item */
  guint                 autosave_id;
  gboolean              close_confirmed;
  gboolean              stop_job_confirmed;
  gboolean              close_after_save;
  gboolean              syncing_repeat;

  /* Property-action state */
  char                 *tool;
  char                 *last_paint_tool;
  guint                 brush_size;
  guint                 repeat_width;
  gboolean              mirror;
  guint                 primary_yarn;
  guint                 secondary_yarn;
  char                 *preview_shape;
  gboolean              pompom;

  /* The checks panel (st-window-checks.c) */
  gpointer              checks;

  /* Send to machine (st-machine-panel.c) */
  StMachinePanel       *machine_panel;
};

void      _st_window_class_actions_init  (GtkWidgetClass  *widget_class);
void      _st_window_update_actions      (StWindow        *self);
void      _st_window_set_yarns           (StWindow        *self,
                                          guint            primary,
                                          guint            secondary);
/* Replaces the document if nothing would be lost, else opens a window. */
void      _st_window_show_document       (StWindow        *self,
                                          StDocument      *document);
void      _st_window_remember_folder     (StWindow        *self,
                                          GFile           *file);

/* Checks panel hooks (st-window-checks.c). */
void      _st_window_checks_init         (StWindow        *self);
void      _st_window_checks_set_document (StWindow        *self);
void      _st_window_checks_document_changed (StWindow    *self,
                                          guint            first_row,
                                          guint            last_row,
                                          gboolean         structure);
void      _st_window_checks_dispose      (StWindow        *self);

G_END_DECLS
