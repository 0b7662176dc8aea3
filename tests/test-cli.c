/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bf-test-util.h"

#define PASS_A "første passfrase, lang nok"
#define PASS_B "andre passfrase, også lang"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs $BOFASTCTL with @input on stdin (a pipe, so not a terminal). */
static void
run (Result     *r,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *bofastctl = g_getenv ("BOFASTCTL");
  const char *arg;
  va_list args;

  g_assert_nonnull (bofastctl);
  g_ptr_array_add (argv, (char *) bofastctl);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The isolated XDG directories of this test are GLib state, not the
   * environment; hand them to the child explicitly. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d; stdout: %s; stderr: %s", r->status, r->out, r->err);
}

/* A failure is exactly one line on stderr, "bofastctl: <reason>". */
static void
assert_one_line_error (Result *r,
                       int     status)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "bofastctl: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
test_help_and_usage (void)
{
  g_auto(Result) r = { 0 };

  run (&r, NULL, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "profile"));
  result_clear (&r);

  run (&r, NULL, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run (&r, NULL, "profile", "create", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--name"));
  g_assert_nonnull (strstr (r.out, "bofastctl profile create"));
  result_clear (&r);

  for (const char * const *cmd = (const char *[]) { "passwd", "info", "list", NULL }; *cmd; cmd++)
    {
      run (&r, NULL, "profile", *cmd, "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "--root"));
      result_clear (&r);
    }

  run (&r, NULL, "nonsense", NULL);
  assert_one_line_error (&r, 2);
  result_clear (&r);

  run (&r, NULL, "profile", "nonsense", NULL);
  assert_one_line_error (&r, 2);
  result_clear (&r);

  run (&r, NULL, "profile", "info", "--frobnicate", NULL);
  assert_one_line_error (&r, 2);
  result_clear (&r);

  run (&r, PASS_A "\n", "profile", "create", NULL);
  assert_one_line_error (&r, 2);
}

static void
test_profile_life (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree guchar *key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  gsize key_len = 0;

  run (&r, PASS_A "\n", "profile", "create", "--name", "Kari Nordmann", "--unit", "Boligkontoret", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  created = parse_object (r.out);
  id = g_strdup (json_object_get_string_member (created, "id"));
  dir = g_strdup (json_object_get_string_member (created, "dir"));
  g_assert_true (g_uuid_string_is_valid (id));
  result_clear (&r);

  /* Without --unlock: vault.json only, no passphrase read. */
  run (&r, NULL, "profile", "info", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  info = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (info, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "Kari Nordmann");
  g_assert_cmpstr (json_object_get_string_member (info, "unit"), ==, "Boligkontoret");
  g_assert_cmpstr (json_object_get_string_member (info, "dir"), ==, dir);
  g_assert_cmpint (json_object_get_int_member (info, "vault-format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (info, "kdf"), "algorithm"),
                   ==, "argon2id13");
  g_assert_false (json_object_has_member (info, "cipher-version"));
  g_clear_pointer (&info, json_object_unref);
  result_clear (&r);

  run (&r, PASS_A "\n", "profile", "info", "--unlock", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  info = parse_object (r.out);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (info, "cipher-version"), "4."));
  key = g_base64_decode (json_object_get_string_member (info, "signing-public-key"), &key_len);
  g_assert_cmpuint (key_len, ==, 32);
  g_clear_pointer (&info, json_object_unref);
  result_clear (&r);

  /* A wrong passphrase: exit 1, one line, no file changed. */
  before = bf_test_hash_tree (dir);
  run (&r, PASS_B "\n", "profile", "info", "--unlock", NULL);
  assert_one_line_error (&r, 1);
  g_assert_cmpstr (r.err, ==, "bofastctl: The passphrase is not correct\n");
  result_clear (&r);
  run (&r, PASS_B "\n" PASS_A "\n", "profile", "passwd", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);
  after = bf_test_hash_tree (dir);
  bf_test_assert_same_tree (before, after);

  run (&r, PASS_A "\n" "kort\n", "profile", "passwd", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, "", "profile", "passwd", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, PASS_A "\n" PASS_B "\n", "profile", "passwd", "--profile", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run (&r, PASS_A "\n", "profile", "info", "--unlock", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, PASS_B "\n", "profile", "info", "--unlock", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "SQLCipher"));
}

static void
test_profile_selection (void)
{
  g_auto(Result) r = { 0 };

  run (&r, NULL, "profile", "info", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, "kort\n", "profile", "create", "--name", "Ola", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, PASS_A "\n", "profile", "create", "--name", "Ola", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  run (&r, PASS_A "\n", "profile", "create", "--name", "Per", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run (&r, NULL, "profile", "info", NULL);
  assert_one_line_error (&r, 1);
  result_clear (&r);

  run (&r, NULL, "profile", "info", "--name", "Per", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Per"));
  result_clear (&r);

  run (&r, NULL, "profile", "list", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"Ola\""));
  g_assert_nonnull (strstr (r.out, "\"Per\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/cli/help-and-usage", test_help_and_usage);
  g_test_add_func ("/cli/profile-life", test_profile_life);
  g_test_add_func ("/cli/profile-selection", test_profile_selection);

  return g_test_run ();
}
