/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The same flow over a real WebDAV server, through gvfs: `rclone serve
 * webdav` on 127.0.0.1, mounted as dav:// by Bofast itself
 * (g_file_mount_enclosing_volume), two workers and a supervisor syncing,
 * verify over dav://, a tampered record, and the server going away (a
 * clear error, quickly, not a hang). meson runs this inside
 * dbus-run-session, so gvfsd is private to the test.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "bf-feed.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"

static guint16
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (sock, addr, TRUE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
wait_for_port (guint16 port)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GError) err = NULL;
      g_autoptr(GSocketConnection) conn = NULL;

      g_socket_client_set_enable_proxy (client, FALSE);
      conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &err);
      if (i == 100)
        g_test_message ("waiting for the server: %s", err ? err->message : "?");

      if (conn != NULL)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* The server dies with the test, even when an assertion aborts it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct
{
  GMainLoop     *loop;
  BfSyncSummary *summary;
  GError        *error;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->summary = bf_sync_run_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
test_webdav (void)
{
  g_autofree char *rclone = g_find_program_in_path ("rclone");
  g_autofree char *served = NULL;
  g_autofree char *local_share = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  BfTestWorld w;
  BfTestMember *sup, *kari, *ola;
  Wait wait = { 0 };
  guint16 port;
  gint64 start;

  if (rclone == NULL)
    {
      g_test_skip ("rclone is not installed");
      return;
    }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus (run under dbus-run-session)");
      return;
    }

  served = g_build_filename (g_get_user_data_dir (), "dav", NULL);
  g_assert_cmpint (g_mkdir_with_parents (served, 0700), ==, 0);
  local_share = g_build_filename (served, "share", NULL);
  port = free_port ();
  {
    g_autofree char *addr = g_strdup_printf ("127.0.0.1:%u", port);
    g_autofree char *config = g_build_filename (g_get_user_config_dir (), "rclone.conf", NULL);
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    /* rclone wants a config file; an absent one means defaults. */
    g_subprocess_launcher_setenv (launcher, "RCLONE_CONFIG", config, TRUE);
    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    server = g_subprocess_launcher_spawn (launcher, &error, rclone, "serve", "webdav", served, "--addr", addr, NULL);
  }
  g_assert_no_error (error);
  g_assert_true (wait_for_port (port));

  uri = g_strdup_printf ("dav://127.0.0.1:%u/share", port);
  root = g_file_new_for_uri (uri);
  g_assert_false (g_file_is_native (root));

  /* bf_share_create mounts dav:// itself. */
  bf_test_world_init_at (&w, root, local_share);
  g_assert_true (g_file_test (local_share, G_FILE_TEST_IS_DIR));

  sup = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  ola = bf_test_world_add_member (&w, "Ola", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (kari, 4, NULL);
  bf_test_member_add_records (ola, 3, NULL);

  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 4);
  g_clear_pointer (&s, bf_sync_summary_free);
  s = bf_test_member_sync (&w, ola);
  g_assert_cmpuint (s->pushed, ==, 3);
  g_clear_pointer (&s, bf_sync_summary_free);
  s = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (s->pulled, ==, 7);
  g_assert_cmpuint (s->readable, ==, 7);
  g_assert_cmpuint (s->alarms->len, ==, 0);
  g_clear_pointer (&s, bf_sync_summary_free);

  /* Idempotent over WebDAV too. */
  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 0);
  g_assert_cmpuint (s->alarms->len, ==, 0);
  g_clear_pointer (&s, bf_sync_summary_free);

  /* No temporary files left behind on the server. */
  {
    g_autofree char *feed = g_build_filename (local_share, "records", kari->id, NULL);
    g_assert_cmpuint (bf_test_count_files (feed, ""), ==, 8);
  }

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, 7);
  g_clear_object (&report);

  /* Tampering on the server is seen through dav:// as well. */
  {
    g_autofree char *p = bf_test_world_record_path (&w, ola->id, 2, FALSE);
    bf_test_corrupt_file (p, 150, 1);
  }
  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = bf_verify_report_to_text (report);
    g_autofree char *where = g_strdup_printf ("records/%s/0000000002.age", ola->id);

    g_test_message ("%s", text);
    g_assert_true (bf_verify_report_has_problem_at (report, where));
  }

  /* The server goes away: a clear error within the deadline. */
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  bf_test_member_add_records (kari, 1, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  start = g_get_monotonic_time ();
  bf_sync_run_async (kari->store, w.root, kari->unit, 15, NULL, done_cb, &wait);
  g_main_loop_run (loop);
  g_test_message ("offline: %s after %.1f s", wait.error ? wait.error->message : "(no error)",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_null (wait.summary);
  g_assert_error (wait.error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_clear_error (&wait.error);
  g_assert_cmpint (bf_feed_count_unpushed (kari->store, NULL), ==, 1);

  {
    g_autoptr(GMount) mount = g_file_find_enclosing_mount (root, NULL, NULL);
    if (mount != NULL)
      g_mount_unmount_with_operation (mount, G_MOUNT_UNMOUNT_FORCE, NULL, NULL, NULL, NULL);
  }
  bf_test_world_clear (&w);
}

/* The gvfs client warns that the test's isolated XDG_RUNTIME_DIR has no
 * gvfsd socket and falls back to the session bus, which is fine here. */
static gboolean
ignore_gvfs_fallback (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "GVFS") == 0 && strstr (message, "peer-to-peer") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_log_set_fatal_handler (ignore_gvfs_fallback, NULL);
  /* gvfs logs that warning through structured logging, which the handler
   * above does not see: only criticals stay fatal in this test. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  bf_test_setup ();

  g_test_add_func ("/webdav/sync-and-verify", test_webdav);

  return g_test_run ();
}
