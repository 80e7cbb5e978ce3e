/* SPDX-License-Identifier: GPL-3.0-or-later
 * Runs a fuzz target over its seed corpus without libFuzzer, so every
 * build (gcc included) replays the corpus as a regression test.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
main (int    argc,
      char **argv)
{
  guint files = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "fuzz-replay: cannot open corpus folder %s\n", argv[i]);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize length;

          if (!g_file_get_contents (path, &data, &length, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const guint8 *) data, length);
          files++;
        }
    }
  if (files == 0)
    {
      fprintf (stderr, "fuzz-replay: empty corpus\n");
      return 1;
    }
  /* The plain closing line CI counts. */
  printf ("%u passed, 0 failed\n", files);
  return 0;
}
