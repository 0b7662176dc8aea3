/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-cli.h"
#include "bf-verify.h"

/* Like bf_cli_parse(), but leaves positional arguments (SHARE, MEMBER-ID)
 * in argv for the command to check. */
static gboolean
parse_positional (GOptionContext   *context,
                  int              *argc,
                  char           ***argv,
                  int              *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* `bofastctl verify SHARE [--json]`: an audit with public keys only. Exit 1
 * on any problem, so a script or a cron job can act on it. */
static int
verify_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("verify", "SHARE",
                                       _("Audits every signature, chain and key on the share. Needs no "
                                         "private key. Exits with 1 when there is any problem."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name one share: bofastctl verify SHARE"));

  root = g_file_new_for_commandline_arg (argv[1]);
  report = bf_verify_share (root, NULL, &error);
  if (report == NULL)
    return bf_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = bf_verify_report_to_json (report);
      bf_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = bf_verify_report_to_text (report);
      g_print ("%s", text);
    }

  if (bf_verify_report_get_n_problems (report) > 0)
    {
      if (!json)
        g_printerr (_("The share has problems; see above\n"));
      return BF_CLI_EXIT_FAILURE;
    }
  return BF_CLI_EXIT_OK;
}

const BfCliGroup bf_cli_verify_group = {
  "verify",
  N_("Audit a share’s signatures, chains and keys"),
  NULL,
  verify_run,
};
