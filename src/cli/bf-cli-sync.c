/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-cli.h"
#include "bf-share.h"
#include "bf-store.h"
#include "bf-sync.h"

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

typedef struct
{
  GMainLoop     *loop;
  BfSyncSummary *summary;
  GError        *error;
} Wait;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->summary = bf_sync_run_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
add_strings (JsonBuilder *b,
             const char  *key,
             GPtrArray   *strings)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, i));
  json_builder_end_array (b);
}

static void
add_uint (JsonBuilder *b,
          const char  *key,
          guint        value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* `bofastctl sync [SHARE]`: push, pull and witness once. Without SHARE it
 * uses the share this profile asked to join. Exit 1 when the share cannot
 * be reached or written, or when there is an alarm. */
static int
sync_run (int    argc,
          char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  gboolean json = FALSE;
  int timeout = BF_SYNC_DEFAULT_TIMEOUT;
  int exit_code = BF_CLI_EXIT_OK;
  Wait wait = { 0 };
  BfSyncSummary *s;
  BfStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up after this many seconds (default 60)"), N_("SECONDS") },
    { NULL }
  };

  context = bf_cli_option_context_new ("sync", "[SHARE]",
                                       _("Pushes this profile’s new records to the share, pulls everyone "
                                         "else’s, and checks that nothing seen before has changed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!parse_positional (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Name at most one share"));
  if (timeout <= 0)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("The timeout must be a positive number of seconds"));

  profile = bf_cli_resolve_profile (&args, &error);
  if (profile == NULL || !bf_cli_unlock (profile, &error))
    return bf_cli_fail (error);
  store = bf_profile_get_store (profile);

  if (argc == 2)
    root = g_file_new_for_commandline_arg (argv[1]);
  else
    {
      uri = bf_store_dup_meta (store, BF_SHARE_META_URI, &error);
      if (uri == NULL)
        return error ? bf_cli_fail (error)
                     : bf_cli_fail_message (BF_CLI_EXIT_USAGE,
                                            _("This profile knows no share yet: run “bofastctl share request SHARE” "
                                              "or name the share"));
      root = g_file_new_for_uri (uri);
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  bf_sync_run_async (store, root, bf_profile_get_unit (profile), timeout, NULL, sync_done_cb, &wait);
  g_main_loop_run (loop);

  if (wait.summary == NULL)
    {
      exit_code = bf_cli_fail (wait.error);
      g_clear_error (&wait.error);
      return exit_code;
    }
  s = wait.summary;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "enrolled");
      json_builder_add_boolean_value (b, s->enrolled);
      add_uint (b, "pushed", s->pushed);
      add_uint (b, "already_there", s->already_there);
      add_uint (b, "repushed", s->repushed);
      add_uint (b, "pending", s->pending);
      add_uint (b, "pulled", s->pulled);
      add_uint (b, "readable", s->readable);
      add_uint (b, "feeds", s->feeds);
      add_strings (b, "alarms", s->alarms);
      add_strings (b, "quarantined", s->quarantined);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      bf_cli_print_json (node);
    }
  else
    {
      if (!s->enrolled)
        g_print (_("Not enrolled (or revoked): your records wait until an administrator enrols you\n"));
      g_print (_("Pushed %u records (%u were already there, %u pushed again), %u pending\n"),
               s->pushed, s->already_there, s->repushed, s->pending);
      g_print (_("Pulled %u records from %u feeds (%u addressed to you)\n"), s->pulled, s->feeds, s->readable);
      for (guint i = 0; i < s->quarantined->len; i++)
        g_print (_("Quarantined %s\n"), (const char *) g_ptr_array_index (s->quarantined, i));
      for (guint i = 0; i < s->alarms->len; i++)
        g_print (_("ALARM %s\n"), (const char *) g_ptr_array_index (s->alarms, i));
    }

  exit_code = s->alarms->len > 0 ? BF_CLI_EXIT_FAILURE : BF_CLI_EXIT_OK;
  if (exit_code != BF_CLI_EXIT_OK)
    g_printerr (_("bofastctl: the sync raised an alarm; see above\n"));
  bf_sync_summary_free (s);
  return exit_code;
}

const BfCliGroup bf_cli_sync_group = {
  "sync",
  N_("Push, pull and witness records on the share"),
  NULL,
  sync_run,
};
