/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fuzz target: the .stranded loader. Whatever the bytes, loading either
 * fails with a message or gives a pattern that validates and survives a
 * save/load round trip unchanged.
 */
#include <stdlib.h>

#include "st-pattern-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StPattern) pattern = NULL;
  g_autoptr(StPattern) again = NULL;
  g_autofree char *text = NULL;
  gsize length;

  pattern = st_pattern_load_data ((const char *) data, size, "fuzz", &error);
  if (pattern == NULL)
    {
      if (error == NULL || error->message == NULL || *error->message == '\0')
        abort ();
      return 0;
    }
  if (!st_pattern_validate (pattern, NULL))
    abort ();
  text = st_pattern_to_data (pattern, &length);
  again = st_pattern_load_data (text, length, "fuzz-again", NULL);
  if (again == NULL || !st_chart_equal (pattern->chart, again->chart))
    abort ();
  return 0;
}
