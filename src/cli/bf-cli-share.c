/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bf-cli.h"
#include "bf-feed.h"
#include "bf-minisign.h"
#include "bf-share.h"
#include "bf-store.h"

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

static BfShare *
open_share (const char  *arg,
            GError     **error)
{
  g_autoptr(GFile) root = g_file_new_for_commandline_arg (arg);

  return bf_share_open (root, NULL, error);
}

static int
share_init (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autoptr(GFile) root = NULL;
  g_autofree char *org = NULL;
  g_autofree char *admin_dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uri = NULL;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("The organisation’s name"), N_("NAME") },
    { "admin-dir", 0, 0, G_OPTION_ARG_FILENAME, &admin_dir,
      N_("A private folder for the organisation key and the recovery identity"), N_("DIR") },
    { NULL }
  };

  context = bf_cli_option_context_new ("share init", "SHARE",
                                       _("Creates a share in SHARE (a folder or a GIO URI). The organisation’s "
                                         "signing key and the recovery age identity are written to the admin "
                                         "folder (0600 files in a 0700 folder); existing keys are never "
                                         "overwritten. Keep that folder offline."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name one share: bofastctl share init SHARE --org NAME --admin-dir DIR"));
  if (org == NULL || admin_dir == NULL)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Both --org NAME and --admin-dir DIR are needed"));

  root = g_file_new_for_commandline_arg (argv[1]);
  share = bf_share_create (root, org, admin_dir, NULL, NULL, &error);
  if (share == NULL)
    return bf_cli_fail (error);

  key = bf_minisign_public_key_to_string (bf_share_get_org_key (share));
  uri = g_file_get_uri (root);
  g_print (_("Created the share of “%s” at %s\n"), org, uri);
  g_print (_("Organisation key: %s\n"), key);
  g_print (_("Secrets in %s: %s (signing key), %s (recovery identity)\n"),
           admin_dir, BF_SHARE_ADMIN_ORG_KEY, BF_SHARE_ADMIN_RECOVERY);
  return BF_CLI_EXIT_OK;
}

static int
share_request (int    argc,
               char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  BfStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("share request", "SHARE",
                                       _("Asks to join the share with this profile’s keys. Read the "
                                         "fingerprint aloud to the administrator, who compares it when "
                                         "enrolling you. The share is remembered for “bofastctl sync”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name one share: bofastctl share request SHARE"));

  profile = bf_cli_resolve_profile (&args, &error);
  if (profile == NULL || !bf_cli_unlock (profile, &error))
    return bf_cli_fail (error);
  store = bf_profile_get_store (profile);

  share = open_share (argv[1], &error);
  if (share == NULL ||
      !bf_share_load_members (share, NULL, NULL, &error) ||
      !bf_share_write_request (share, store, bf_profile_get_name (profile), bf_profile_get_unit (profile),
                               NULL, &id, &fingerprint, NULL, &error) ||
      !bf_share_remember (share, store, bf_profile_get_unit (profile), NULL, &error))
    return bf_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "member_id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "fingerprint");
      json_builder_add_string_value (b, fingerprint);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      bf_cli_print_json (node);
    }
  else
    {
      g_print (_("Asked to join “%s” as member %s\n"), bf_share_get_org_name (share), id);
      g_print (_("Fingerprint (read it aloud to the administrator): %s\n"), fingerprint);
    }
  return BF_CLI_EXIT_OK;
}

static char *
digits_only (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; s && *s; s++)
    if (g_ascii_isdigit (*s))
      g_string_append_c (out, *s);
  return g_string_free (out, FALSE);
}

static int
share_enrol (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autoptr(BfMember) request = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autofree char *admin_dir = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean yes = FALSE;
  BfMemberRole role;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "admin-dir", 0, 0, G_OPTION_ARG_FILENAME, &admin_dir, N_("The folder with the organisation key"), N_("DIR") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("worker, supervisor or admin"), N_("ROLE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The member’s unit"), N_("UNIT") },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &expected,
      N_("The fingerprint the member read aloud; enrolment fails unless it matches"), N_("DIGITS") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask to confirm the fingerprint"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("share enrol", "SHARE MEMBER-ID",
                                       _("Enrols the member who asked to join: checks the request’s own "
                                         "signature, shows its fingerprint for comparison, and writes the "
                                         "member file signed by the organisation key."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name the share and the member id"));
  if (admin_dir == NULL || role_name == NULL || unit == NULL)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("--admin-dir DIR, --role ROLE and --unit UNIT are needed"));
  if (!bf_member_role_from_string (role_name, &role))
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("The role must be worker, supervisor or admin"));

  share = open_share (argv[1], &error);
  if (share == NULL)
    return bf_cli_fail (error);
  request = bf_share_read_request (share, argv[2], NULL, &error);
  if (request == NULL)
    return bf_cli_fail (error);

  fingerprint = bf_member_fingerprint (request->sign_key, request->age_recipient);
  g_print (_("Request from “%s” (%s), member %s\n"), request->name, request->unit, request->id);
  g_print (_("Fingerprint: %s\n"), fingerprint);

  if (expected != NULL)
    {
      g_autofree char *a = digits_only (expected);
      g_autofree char *b = digits_only (fingerprint);

      if (!g_str_equal (a, b))
        return bf_cli_fail_message (BF_CLI_EXIT_FAILURE,
                                    _("The fingerprint does not match: this request is not from the person you spoke to"));
    }
  else if (!yes)
    {
      char line[16] = "";

      if (!isatty (STDIN_FILENO))
        return bf_cli_fail_message (BF_CLI_EXIT_USAGE,
                                    _("Compare the fingerprint: pass --fingerprint DIGITS (or --yes) when not on a terminal"));
      g_print (_("Does it match what the member reads aloud? [y/N] "));
      if (fgets (line, sizeof line, stdin) == NULL || (line[0] != 'y' && line[0] != 'Y' && line[0] != 'j' && line[0] != 'J'))
        return bf_cli_fail_message (BF_CLI_EXIT_FAILURE, _("Not enrolled"));
    }

  member = bf_share_enrol (share, admin_dir, argv[2], role, unit, NULL, NULL, &error);
  if (member == NULL)
    return bf_cli_fail (error);

  g_print (_("Enrolled %s as %s in %s, valid from %s\n"), member->id,
           bf_member_role_to_string (member->role), member->unit, member->valid_from);
  return BF_CLI_EXIT_OK;
}

static int
share_revoke (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autofree char *admin_dir = NULL;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "admin-dir", 0, 0, G_OPTION_ARG_FILENAME, &admin_dir, N_("The folder with the organisation key"), N_("DIR") },
    { NULL }
  };

  context = bf_cli_option_context_new ("share revoke", "SHARE MEMBER-ID",
                                       _("Revokes a member’s keys from now on. Records they signed before "
                                         "stay valid; anything signed later is refused."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name the share and the member id"));
  if (admin_dir == NULL)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("--admin-dir DIR is needed"));

  share = open_share (argv[1], &error);
  if (share == NULL || !bf_share_revoke (share, admin_dir, argv[2], NULL, NULL, &error))
    return bf_cli_fail (error);

  g_print (_("Revoked %s\n"), argv[2]);
  return BF_CLI_EXIT_OK;
}

static const BfCliCommand share_commands[] = {
  { "init", share_init, N_("Create a share and the organisation’s keys") },
  { "request", share_request, N_("Ask to join a share with this profile") },
  { "enrol", share_enrol, N_("Enrol a member who asked to join") },
  { "revoke", share_revoke, N_("Revoke a member’s keys") },
  { NULL }
};

const BfCliGroup bf_cli_share_group = {
  "share", N_("Create a share and manage its members"), share_commands,
};
