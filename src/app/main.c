/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "bf-application.h"

/*
 * Run from the build tree (./run-bofast), the translations are the ones
 * just built there, not whatever an older installed copy left in
 * LOCALEDIR.
 */
static const char *
find_localedir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_ROOT G_DIR_SEPARATOR_S "po";

  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BfApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
