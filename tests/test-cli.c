/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <unistd.h>
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
  key = g_base64_decode (json_object_get_string_member (info, "minisign-public-key"), &key_len);
  g_assert_cmpuint (key_len, ==, 42);
  g_assert_cmpmem (key, 2, "Ed", 2);
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

/* Reads @stream until @text has been seen. */
static void
wait_for_text (GInputStream *stream,
               GString      *seen,
               const char   *text)
{
  while (strstr (seen->str, text) == NULL)
    {
      g_autoptr(GError) error = NULL;
      char buf[256];
      gssize n = g_input_stream_read (stream, buf, sizeof buf, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (seen, buf, n);
    }
}

static void
write_all (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      gssize n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      text += n;
      len -= n;
    }
}

/* Runs `profile create` with stdin on a pseudo-terminal, types the two
 * passphrases after each prompt, and returns the exit status; @echoed gets
 * whatever the terminal echoed back. */
static int
create_on_terminal (const char  *name,
                    const char  *first,
                    const char  *second,
                    char       **echoed,
                    char       **err_out)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GString) echo = g_string_new (NULL);
  GInputStream *err_stream;
  int master, slave;
  char *slave_name;

  master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave_name = ptsname (master);
  g_assert_nonnull (slave_name);
  slave = open (slave_name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (slave, >=, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BOFASTCTL"),
                                      "profile", "create", "--name", name, NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);   /* closes our copy of the slave */

  /* Typing before the prompt would race with the switch to no-echo, which
   * also flushes pending input; so wait for each prompt. */
  err_stream = g_subprocess_get_stderr_pipe (proc);
  wait_for_text (err_stream, err, "New passphrase: ");
  write_all (master, first);
  write_all (master, "\n");
  wait_for_text (err_stream, err, "Repeat the passphrase: ");
  write_all (master, second);
  write_all (master, "\n");

  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GBytes) bytes = g_input_stream_read_bytes (err_stream, 65536, NULL, NULL);

    if (bytes != NULL)
      g_string_append_len (err, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }

  g_assert_cmpint (fcntl (master, F_SETFL, O_NONBLOCK), ==, 0);
  for (;;)
    {
      char buf[256];
      gssize n = read (master, buf, sizeof buf);

      if (n <= 0)
        break;
      g_string_append_len (echo, buf, n);
    }
  close (master);

  g_test_message ("terminal echoed: %s; stderr: %s", echo->str, err->str);
  *echoed = g_string_free (g_steal_pointer (&echo), FALSE);
  *err_out = g_string_free (g_steal_pointer (&err), FALSE);
  return g_subprocess_get_exit_status (proc);
}

static void
test_terminal_passphrase (void)
{
  g_autofree char *echoed = NULL;
  g_autofree char *err = NULL;
  g_auto(Result) r = { 0 };
  int status;

  /* Typed twice, differently: refused. */
  status = create_on_terminal ("Tastatur", PASS_A, PASS_B, &echoed, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "bofastctl: The two passphrases are not the same\n"));
  g_assert_null (strstr (echoed, "passfrase"));
  g_clear_pointer (&echoed, g_free);
  g_clear_pointer (&err, g_free);

  /* Typed twice, the same: created, and never echoed. */
  status = create_on_terminal ("Tastatur", PASS_A, PASS_A, &echoed, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "Passphrase strength: "));
  g_assert_null (strstr (echoed, "passfrase"));

  run (&r, PASS_A "\n", "profile", "info", "--unlock", "--name", "Tastatur", NULL);
  g_assert_cmpint (r.status, ==, 0);
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
  g_test_add_func ("/cli/terminal-passphrase", test_terminal_passphrase);

  return g_test_run ();
}
