/* SPDX-License-Identifier: GPL-3.0-or-later
 * export-test-util.h: helpers shared by the export suites: machines with
 * one or two feeds at any width, running stranded-cli and the poppler and
 * libxml2 tools, reading PNG pixels.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sys/wait.h>

#include "st-test-util.h"
#include "st-profile.h"

/* Pango and fontconfig keep their font caches until the process ends; under
 * LeakSanitizer (the ASan CI run) those look like leaks. The test programs
 * suppress them here, and export_run_cli() passes the same list to
 * stranded-cli through LSAN_OPTIONS. Leaks in Stranded's own code still
 * fail. */
#define EXPORT_LSAN_SUPPRESSIONS \
  "leak:libfontconfig.so\n" \
  "leak:libpango-1.0.so\n" \
  "leak:libpangoft2-1.0.so\n" \
  "leak:libpangocairo-1.0.so\n" \
  "leak:libharfbuzz.so\n" \
  "leak:libfreetype.so\n"

const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return EXPORT_LSAN_SUPPRESSIONS;
}

/* A circular machine of any width with @feeds yarn feeds, like a Sentro
 * (1) or a two-feed sock machine (2). Free with st_profile_free(). */
static inline StProfile *
export_test_profile (guint feeds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"test-%u-feed\",\"name\":\"Test %u-feed\",\"description\":\"test\","
    "\"kind\":\"custom\",\"circular\":true,\"needles\":0,\"feeds\":%u,"
    "\"max_colors_per_round\":2,\"yarn_weight\":{\"min\":0,\"max\":7},"
    "\"direction\":\"clockwise\",\"gauge\":{\"stitches_per_10cm\":14,\"rows_per_10cm\":16}}",
    feeds, feeds, feeds);
  StProfile *profile = st_profile_parse (json, "test profile", &error);

  if (profile == NULL)
    ck_abort_msg ("test profile: %s", error->message);
  return profile;
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} ExportRun;

/* The environment for child programs: LSAN_OPTIONS gets a suppressions
 * file with EXPORT_LSAN_SUPPRESSIONS, kept in the build directory. */
static inline char **
export_child_environment (void)
{
  g_autofree char *file = g_build_filename (TEST_BUILDDIR, "export", "lsan-fonts.supp", NULL);
  char **env = g_get_environ ();
  const char *old = g_environ_getenv (env, "LSAN_OPTIONS");
  g_autofree char *options = NULL;

  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    ck_assert (g_file_set_contents (file, EXPORT_LSAN_SUPPRESSIONS, -1, NULL));
  options = g_strdup_printf ("%s%ssuppressions=%s:print_suppressions=0", old ? old : "", old ? ":" : "", file);
  return g_environ_setenv (env, "LSAN_OPTIONS", options, TRUE);
}

/* Runs a program (argv[0] looked up in PATH) and collects its output. */
static inline ExportRun
export_run_argv (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = export_child_environment ();
  ExportRun run = { 0 };
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run.out, &run.err,
                     &wait_status, &error))
    ck_abort_msg ("cannot run %s: %s", argv[0], error->message);
  ck_assert (WIFEXITED (wait_status));
  run.status = WEXITSTATUS (wait_status);
  return run;
}

/* Runs stranded-cli with the NULL-terminated arguments. */
static inline ExportRun
export_run_cli (const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("STRANDED_CLI");
  ExportRun run;
  va_list args;

  ck_assert_msg (cli != NULL, "STRANDED_CLI is not set");
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run = export_run_argv ((const char *const *) argv->pdata);
  return run;
}

static inline void
export_run_clear (ExportRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static inline char *
export_sample_path (void)
{
  return g_build_filename (TEST_SRCDIR, "..", "data", "samples", "sample-hat.stranded", NULL);
}

/* Removes a test folder and the files in it. */
static inline void
export_rmtree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The RGB of pixel (x, y). */
static inline void
export_pixel (GdkPixbuf *pixbuf,
              int        x,
              int        y,
              guint8    *rgb)
{
  const guint8 *p;

  ck_assert_int_ge (x, 0);
  ck_assert_int_ge (y, 0);
  ck_assert_int_lt (x, gdk_pixbuf_get_width (pixbuf));
  ck_assert_int_lt (y, gdk_pixbuf_get_height (pixbuf));
  p = gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
      (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);
  rgb[0] = p[0];
  rgb[1] = p[1];
  rgb[2] = p[2];
}
