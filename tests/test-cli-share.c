/* SPDX-License-Identifier: GPL-3.0-or-later */

/* bofastctl share, sync and verify, driven as an administrator's script
 * would drive them. */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bf-feed.h"
#include "bf-profile.h"
#include "bf-test-util.h"

#define PASS "et langt nok passord"

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

static void
run (Result     *r,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  result_clear (r);
  g_ptr_array_add (argv, (char *) g_getenv ("BOFASTCTL"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d; stdout: %s; stderr: %s", r->status, r->out, r->err);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_share_commands (void)
{
  g_auto(Result) r = { 0 };
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "cli", NULL);
  g_autofree char *share = g_build_filename (base, "share", NULL);
  g_autofree char *admin = g_build_filename (base, "admin", NULL);
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "bofast", "profiles", NULL);
  g_autoptr(JsonObject) req = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *record = NULL;

  if (g_getenv ("BOFASTCTL") == NULL)
    {
      g_test_skip ("BOFASTCTL is not set");
      return;
    }

  run (&r, NULL, "share", "init", share, "--org", "Testkommune", "--admin-dir", admin, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run (&r, NULL, "share", "init", share, "--org", "Testkommune", "--admin-dir", admin, NULL);
  g_assert_cmpint (r.status, ==, 1);
  run (&r, NULL, "share", "init", share, NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, PASS "\n", "profile", "create", "--name", "Kari", "--unit", "Nord", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run (&r, PASS "\n", "share", "request", share, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  req = parse_object (r.out);
  id = g_strdup (json_object_get_string_member (req, "member_id"));
  fingerprint = g_strdup (json_object_get_string_member (req, "fingerprint"));

  /* Not on a terminal, the fingerprint must be given; a wrong one fails. */
  run (&r, NULL, "share", "enrol", share, id, "--admin-dir", admin, "--role", "worker", "--unit", "Nord", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, NULL, "share", "enrol", share, id, "--admin-dir", admin, "--role", "worker", "--unit", "Nord",
       "--fingerprint", "00000 00000 00000 00000 00000 00000", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "does not match"));
  run (&r, NULL, "share", "enrol", share, id, "--admin-dir", admin, "--role", "boss", "--unit", "Nord", "--yes", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, NULL, "share", "enrol", share, id, "--admin-dir", admin, "--role", "worker", "--unit", "Nord",
       "--fingerprint", fingerprint, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, fingerprint));

  /* Records made through the core, then `bofastctl sync` with the share it
   * remembered from the request. */
  profiles = bf_profile_list (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  profile = g_object_ref (g_ptr_array_index (profiles, 0));
  g_assert_true (bf_profile_unlock (profile, PASS, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BfRecord) rec = bf_feed_append (bf_profile_get_store (profile), BF_RECORD_KIND_VISIT,
                                                "0b6f3a52-5a3e-4d2c-9a55-0b1a7c9d2e11", "{\"ok\":true}",
                                                NULL, NULL, &error);
      g_assert_no_error (error);
    }
  bf_profile_lock (profile);

  run (&r, PASS "\n", "sync", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonObject) s = parse_object (r.out);
    g_assert_cmpint (json_object_get_int_member (s, "pushed"), ==, 3);
    g_assert_true (json_object_get_boolean_member (s, "enrolled"));
  }

  run (&r, NULL, "verify", share, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3 records verified"));

  record = g_strdup_printf ("%s/records/%s/0000000002.age", share, id);
  bf_test_corrupt_file (record, 100, 1);
  run (&r, NULL, "verify", share, "--json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  report = parse_object (r.out);
  g_assert_false (json_object_get_boolean_member (report, "ok"));
  g_assert_cmpint (json_object_get_int_member (report, "problems"), ==, 1);

  run (&r, NULL, "share", "revoke", share, "--admin-dir", admin, id, NULL);
  g_assert_cmpint (r.status, ==, 0);

  run (&r, NULL, "verify", "/nonexistent/share", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "bofastctl: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/cli/share-sync-verify", test_share_commands);

  return g_test_run ();
}
