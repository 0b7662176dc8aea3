/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bf-cli.h"

/* Each group is one src/cli/bf-cli-<group>.c. Add new ones here. */
static const BfCliGroup * const groups[] = {
  &bf_cli_agreement_group,
  &bf_cli_check_group,
  &bf_cli_demo_group,
  &bf_cli_profile_group,
  &bf_cli_share_group,
  &bf_cli_sync_group,
  &bf_cli_verify_group,
};

static void
print_help (void)
{
  g_print (_("Usage:\n  bofastctl GROUP COMMAND [OPTION…]\n\nGroups:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_print ("  %-10s %s\n", groups[i]->name, _(groups[i]->summary));
  g_print (_("\nRun “bofastctl GROUP --help” for its commands. "
             "Exit status: 0 success, 1 failure, 2 usage error.\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("bofastctl");

  /* First: no core dumps, no ptrace, before any key exists. */
  if (!bf_secure_init (&error))
    return bf_cli_fail (error);

  if (argc < 2)
    {
      print_help ();
      return BF_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help ();
      return BF_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("bofastctl %s\n", PACKAGE_VERSION);
      return BF_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (argv[1], groups[i]->name))
      return bf_cli_run_group (groups[i], argc - 1, argv + 1);

  return bf_cli_fail_message (BF_CLI_EXIT_USAGE,
                              _("“%s” is not a command group; see “bofastctl --help”"), argv[1]);
}
