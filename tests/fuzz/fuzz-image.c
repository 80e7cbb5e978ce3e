/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fuzz target: image import. Arbitrary bytes are written to a file and
 * imported for a Sentro 48: either a clear refusal or a valid pattern of 48
 * stitches per round, never a crash or an allocation beyond the limits.
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "st-image-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = NULL;
  StImportOptions options;
  StImportReport report;

  if (path == NULL)
    path = g_strdup_printf ("%s/stranded-fuzz-image-%d", g_get_tmp_dir (), (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();

  st_import_options_init (&options);
  options.profile = st_profiles_lookup ("sentro-48");
  options.colors = 2 + (size % 3);
  pattern = st_image_import_file (path, &options, &report, NULL, &error);
  if (pattern == NULL)
    {
      if (error == NULL || *error->message == '\0')
        abort ();
      return 0;
    }
  if (!st_pattern_validate (pattern, NULL) || st_pattern_needles (pattern) != 48)
    abort ();
  return 0;
}
