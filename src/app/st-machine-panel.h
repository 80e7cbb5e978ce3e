/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-machine-panel.h: "Send to machine", the designer's side panel that
 * knits the document on a connected machine (or on stranded-emulator, the
 * "Emulated machine") through StMachineLink: port, protocol and placement,
 * the start row and how many times to knit the pattern, Start, Pause, Resume and Cancel, progress with the round on the needles
 * highlighted on the chart and the preview, the next colour change in
 * words, a log, and after an unplug a prompt to reconnect and resume from
 * the saved job record. See src/app/DESIGN.md.
 *
 * Actions (group "machine"): start, pause, resume, cancel, resume-job
 * (continue the stopped or saved job), forget-job. Properties: port,
 * protocol, mode, start-needle, start-row, repeat (the choices shown).
 */
#pragma once

#include <gtk/gtk.h>

#include "st-chart-view.h"
#include "st-document.h"
#include "st-machine-link.h"
#include "st-preview-view.h"

G_BEGIN_DECLS

#define ST_TYPE_MACHINE_PANEL (st_machine_panel_get_type ())

G_DECLARE_FINAL_TYPE (StMachinePanel, st_machine_panel, ST, MACHINE_PANEL, GtkWidget)

GtkWidget      *st_machine_panel_new             (void);
void            st_machine_panel_set_document    (StMachinePanel      *self,
                                                  StDocument          *document);
/* The window's chart and preview, where the round being knitted is shown
 * (borrowed: weak pointers). */
void            st_machine_panel_set_views       (StMachinePanel      *self,
                                                  StChartView         *chart_view,
                                                  StPreviewView       *preview_view);
/* The link of the current or last job; NULL before the first. */
StMachineLink  *st_machine_panel_get_link        (StMachinePanel      *self);
/* Extra arguments for the emulated machine (e.g. "--speed", "20"), placed
 * after the panel's own; NULL for none. */
void            st_machine_panel_set_emulator_arguments (StMachinePanel *self,
                                                  const char *const   *arguments);
/* The emulated machine's process while it runs (tests stop it). */
GSubprocess    *st_machine_panel_get_emulator    (StMachinePanel      *self);

/* What one part of the panel shows, for tests and screen readers:
 * "status", "action", "edited" (the pattern changed during the job), "device", "problem", "progress" (the bar's text),
 * "now", "next", "resume-title", "resume-body", "resume-button",
 * "placement", "length" (the rounds the job knits), "port-hint", "log" (the whole log). NULL for an unknown
 * part; "" for a hidden one. */
char           *st_machine_panel_get_text        (StMachinePanel      *self,
                                                  const char          *part);
double          st_machine_panel_get_fraction    (StMachinePanel      *self);
/* Whether the button for action @name ("start", "pause", "resume",
 * "cancel", "resume-job", "forget-job") can be pressed now. */
/* Whether a job is under way (or its emulated machine is starting), which
 * closing the window would stop. */
gboolean        st_machine_panel_is_knitting     (StMachinePanel      *self);
gboolean        st_machine_panel_can             (StMachinePanel      *self,
                                                  const char          *name);

/* "Next: change to Cranberry at round 13" from a job's progress; NULL
 * when no change comes. */
char           *st_machine_describe_next_change  (const StJobPlan     *plan,
                                                  const StJobProgress *progress);
/* stranded-emulator for the "Emulated machine": $STRANDED_EMULATOR, else
 * beside the running program, else in the build tree when running from
 * it, else in BINDIR, else on the PATH; NULL when there is none. */
char           *st_machine_find_emulator         (void);

G_END_DECLS
