/* SPDX-License-Identifier: GPL-3.0-or-later
 * stranded: the designer window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "st-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StApplication) app = NULL;

  /* Before the first _(): GTK sets the locale only when the application starts. */
  setlocale (LC_ALL, "");
  /* STRANDED_LOCALEDIR lets tests use catalogues that are not installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRANDED_LOCALEDIR") != NULL
                                   ? g_getenv ("STRANDED_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Stranded"));

  app = st_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
