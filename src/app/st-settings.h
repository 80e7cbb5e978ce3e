/* SPDX-License-Identifier: GPL-3.0-or-later
 * st-settings.h: the app's GSettings, found whether it is installed or not.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *st_settings_new (void);

G_END_DECLS
