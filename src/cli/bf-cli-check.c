/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bf-agreement-store.h"
#include "bf-cli.h"
#include "bf-rules.h"

/*
 * `bofastctl check ID`: the rule findings (R01–R15) for the saved
 * agreement and its logs, judged by --today; with --json the canonical list
 * of bf_findings_to_json(). Exit status 1 when any
 * finding blocks signing, so scripts can gate on it; 0 otherwise, also
 * with warnings.
 */
static int
check_run (int    argc,
           char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfAgreement) agreement = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  gboolean blocks;
  GDate date;
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The date to judge by (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("check", N_("ID"),
                                       _("Checks an agreement against the rules R01–R15 and prints the findings. "
                                         "Exit status: 0 when nothing blocks signing, 1 when something does "
                                         "or on failure, 2 on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);
  if (argc != 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("One agreement id is needed"));
  if (!bf_cli_parse_date (today, &date, &error))
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);

  agreement = bf_cli_load_agreement (&args, argv[1], &error);
  if (agreement == NULL)
    return bf_cli_fail (error);

  findings = bf_rules_check (agreement, &date);
  blocks = bf_findings_block_signing (findings);

  if (json)
    {
      /* The documented list (docs/agreement-json.md, "Rule findings"),
       * byte for byte: not through g_print(), which would convert it to
       * the locale's character set. */
      g_autofree char *text = bf_findings_to_json (findings, TRUE);

      fputs (text, stdout);
      fflush (stdout);
    }
  else
    {
      for (guint i = 0; i < findings->len; i++)
        {
          BfFinding *f = g_ptr_array_index (findings, i);

          g_print ("%s  %-8s  %s\n      (%s)\n", f->rule_id, bf_rule_kind_to_string (f->kind),
                   f->message_nb, f->source);
        }
      if (findings->len == 0)
        g_print ("%s\n", _("No findings."));
    }

  return blocks ? BF_CLI_EXIT_FAILURE : BF_CLI_EXIT_OK;
}

const BfCliGroup bf_cli_check_group = {
  "check",
  N_("Check an agreement against the rules; exit 1 if signing is blocked."),
  NULL,
  check_run,
};
