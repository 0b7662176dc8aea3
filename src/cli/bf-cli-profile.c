/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-cli.h"
#include "bf-store.h"
#include "bf-vault.h"

static int
profile_create (int    argc,
                char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfSecret) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *root = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Your name, as shown on the unlock page"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Your unit or office"), N_("UNIT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the new profile as JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("profile create", NULL,
                                       _("Creates an encrypted profile. The passphrase is read from the "
                                         "terminal (twice), or as one line from standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, FALSE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (name == NULL || *g_strstrip (name) == '\0')
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("A name is needed: --name NAME"));

  passphrase = bf_cli_read_new_passphrase (_("New passphrase: "), _("Repeat the passphrase: "), &error);
  if (passphrase == NULL)
    return bf_cli_fail (error);

  root = bf_cli_get_root (&args);
  profile = bf_profile_create (root, name, unit, (const char *) bf_secret_peek (passphrase), &error);
  if (profile == NULL)
    return bf_cli_fail (error);
  bf_profile_lock (profile);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, bf_profile_get_id (profile));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, bf_profile_get_name (profile));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, bf_profile_get_unit (profile));
      json_builder_set_member_name (builder, "dir");
      json_builder_add_string_value (builder, bf_profile_get_dir (profile));
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      bf_cli_print_json (node);
    }
  else
    {
      /* Translators: the profile name, its id and its folder. */
      g_print (_("Created the profile “%s” (%s) in %s\n"),
               bf_profile_get_name (profile), bf_profile_get_id (profile),
               bf_profile_get_dir (profile));
    }

  return BF_CLI_EXIT_OK;
}

static int
profile_passwd (int    argc,
                char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfSecret) old_passphrase = NULL;
  g_autoptr(BfSecret) new_passphrase = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = BF_CLI_EXIT_OK;

  context = bf_cli_option_context_new ("profile passwd", NULL,
                                       _("Changes the passphrase. Only the wrapped key in vault.json is "
                                         "rewritten; the database is not re-encrypted. From standard input, "
                                         "the current and the new passphrase are two lines."));
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  profile = bf_cli_resolve_profile (&args, &error);
  if (profile == NULL)
    return bf_cli_fail (error);

  old_passphrase = bf_cli_read_passphrase (_("Current passphrase: "), &error);
  if (old_passphrase == NULL)
    return bf_cli_fail (error);

  new_passphrase = bf_cli_read_new_passphrase (_("New passphrase: "), _("Repeat the new passphrase: "), &error);
  if (new_passphrase == NULL)
    return bf_cli_fail (error);

  if (!bf_profile_change_passphrase (profile,
                                     (const char *) bf_secret_peek (old_passphrase),
                                     (const char *) bf_secret_peek (new_passphrase),
                                     &error))
    return bf_cli_fail (error);

  g_print (_("The passphrase of “%s” was changed\n"), bf_profile_get_name (profile));
  return BF_CLI_EXIT_OK;
}

static char *
format_bytes_base64 (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return g_base64_encode (data, len);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

/*
 * `profile info` prints what vault.json says without a passphrase: id, name,
 * unit, folder, creation time, vault format and KDF parameters. With
 * --unlock it also asks for the passphrase, opens the database and adds the
 * SQLCipher version, the schema version and the member's public keys: the
 * signing key in minisign's form (usable with `minisign -V -P`) and the
 * X25519 key as base64 of its 32 bytes (the age1… form comes with the age
 * module). Secret keys are never printed.
 */
static int
profile_info (int    argc,
              char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *created = NULL;
  g_autofree char *sign_public = NULL;
  g_autofree char *age_public = NULL;
  gboolean json = FALSE;
  gboolean unlock = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  BfVault *vault;
  BfStore *store = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "unlock", 0, 0, G_OPTION_ARG_NONE, &unlock,
      N_("Ask for the passphrase and add the database version and the public keys"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("profile info", NULL,
                                       _("Shows a profile. Without --unlock only the unencrypted "
                                         "vault.json is read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  profile = bf_cli_resolve_profile (&args, &error);
  if (profile == NULL)
    return bf_cli_fail (error);

  if (unlock)
    {
      g_autoptr(GBytes) age = NULL;

      if (!bf_cli_unlock (profile, &error))
        return bf_cli_fail (error);
      store = bf_profile_get_store (profile);
      sign_public = bf_store_dup_minisign_public_key (store, &error);
      if (sign_public == NULL)
        return bf_cli_fail (error);
      age = bf_store_dup_age_public_key (store, &error);
      if (age == NULL)
        return bf_cli_fail (error);
      age_public = format_bytes_base64 (age);
    }

  /* The unlock re-read vault.json, so this is current. */
  vault = bf_profile_get_vault (profile);
  created = g_date_time_format_iso8601 (bf_vault_get_created (vault));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "id", bf_profile_get_id (profile));
  add_string (builder, "name", bf_profile_get_name (profile));
  add_string (builder, "unit", bf_profile_get_unit (profile));
  add_string (builder, "dir", bf_profile_get_dir (profile));
  add_string (builder, "created", created);
  add_int (builder, "vault-format", bf_vault_get_format_version (vault));
  json_builder_set_member_name (builder, "kdf");
  json_builder_begin_object (builder);
  add_string (builder, "algorithm", bf_vault_get_kdf_algorithm (vault));
  add_int (builder, "opslimit", bf_vault_get_opslimit (vault));
  add_int (builder, "memlimit", bf_vault_get_memlimit (vault));
  json_builder_end_object (builder);
  if (store != NULL)
    {
      add_string (builder, "cipher-version", bf_store_get_cipher_version (store));
      add_int (builder, "schema-version", bf_store_get_schema_version (store));
      add_string (builder, "minisign-public-key", sign_public);
      add_string (builder, "age-public-key", age_public);
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  if (json)
    bf_cli_print_json (node);
  else
    {
      g_autofree char *mem = g_format_size_full (bf_vault_get_memlimit (vault), G_FORMAT_SIZE_IEC_UNITS);

      g_print ("%-20s %s\n", _("Id:"), bf_profile_get_id (profile));
      g_print ("%-20s %s\n", _("Name:"), bf_profile_get_name (profile));
      g_print ("%-20s %s\n", _("Unit:"), bf_profile_get_unit (profile));
      g_print ("%-20s %s\n", _("Folder:"), bf_profile_get_dir (profile));
      g_print ("%-20s %s\n", _("Created:"), created);
      g_print ("%-20s %u\n", _("Vault format:"), bf_vault_get_format_version (vault));
      g_print ("%-20s %s, opslimit %" G_GUINT64_FORMAT ", memlimit %s\n",
               _("Key derivation:"), bf_vault_get_kdf_algorithm (vault),
               bf_vault_get_opslimit (vault), mem);
      if (store != NULL)
        {
          g_print ("%-20s %s\n", _("SQLCipher:"), bf_store_get_cipher_version (store));
          g_print ("%-20s %d\n", _("Schema version:"), bf_store_get_schema_version (store));
          g_print ("%-20s %s\n", _("Signing key:"), sign_public);
          g_print ("%-20s %s\n", _("Encryption key:"), age_public);
        }
      else
        g_print ("%-20s %s\n", _("State:"), _("locked (use --unlock for more)"));
    }

  bf_profile_lock (profile);
  return BF_CLI_EXIT_OK;
}

static int
profile_list (int    argc,
              char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("profile list", NULL, _("Lists the profiles."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, FALSE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  root = bf_cli_get_root (&args);
  profiles = bf_profile_list (root, &error);
  if (profiles == NULL)
    return bf_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < profiles->len; i++)
        {
          BfProfile *profile = g_ptr_array_index (profiles, i);

          json_builder_begin_object (builder);
          add_string (builder, "id", bf_profile_get_id (profile));
          add_string (builder, "name", bf_profile_get_name (profile));
          add_string (builder, "unit", bf_profile_get_unit (profile));
          add_string (builder, "dir", bf_profile_get_dir (profile));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      bf_cli_print_json (node);
      return BF_CLI_EXIT_OK;
    }

  for (guint i = 0; i < profiles->len; i++)
    {
      BfProfile *profile = g_ptr_array_index (profiles, i);

      g_print ("%s  %s%s%s%s\n", bf_profile_get_id (profile), bf_profile_get_name (profile),
               *bf_profile_get_unit (profile) ? " (" : "", bf_profile_get_unit (profile),
               *bf_profile_get_unit (profile) ? ")" : "");
    }

  return BF_CLI_EXIT_OK;
}

static const BfCliCommand profile_commands[] = {
  { "create", profile_create, N_("Create an encrypted profile") },
  { "passwd", profile_passwd, N_("Change the passphrase") },
  { "info",   profile_info,   N_("Show a profile") },
  { "list",   profile_list,   N_("List the profiles") },
  { NULL }
};

const BfCliGroup bf_cli_profile_group = {
  "profile",
  N_("Create and manage the local encrypted profile."),
  profile_commands,
};
