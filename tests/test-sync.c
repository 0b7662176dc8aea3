/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "bf-feed.h"
#include "bf-record.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"

static guint
count_pulled (BfStore    *store,
              const char *author,
              gboolean    readable_only)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  bf_store_lock (store);
  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_get_db (store),
                                       readable_only
                                       ? "SELECT count(*) FROM pulled WHERE author = ? AND body IS NOT NULL;"
                                       : "SELECT count(*) FROM pulled WHERE author = ?;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, author, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return n;
}

static void
test_two_workers_and_a_supervisor (void)
{
  BfTestWorld w;
  BfTestMember *sup, *kari, *ola, *other;
  g_autoptr(BfSyncSummary) s1 = NULL;
  g_autoptr(BfSyncSummary) s2 = NULL;
  g_autoptr(BfSyncSummary) s3 = NULL;
  g_autoptr(BfSyncSummary) again = NULL;
  g_autoptr(BfSyncSummary) s4 = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  bf_test_world_init (&w);
  sup = bf_test_world_add_member (&w, "Siri Leder", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  ola = bf_test_world_add_member (&w, "Ola", BF_MEMBER_ROLE_WORKER, "Nord");
  other = bf_test_world_add_member (&w, "Per Sør", BF_MEMBER_ROLE_SUPERVISOR, "Sør");

  bf_test_member_add_records (kari, 5, NULL);
  bf_test_member_add_records (ola, 7, NULL);

  s1 = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s1->pushed, ==, 5);
  g_assert_cmpuint (s1->pending, ==, 0);
  s2 = bf_test_member_sync (&w, ola);
  g_assert_cmpuint (s2->pushed, ==, 7);
  /* Ola sees Kari's records, but cannot read them. */
  g_assert_cmpuint (s2->pulled, ==, 5);
  g_assert_cmpuint (s2->readable, ==, 0);

  /* The supervisor of the unit reads everything the workers made. */
  s3 = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (s3->pulled, ==, 12);
  g_assert_cmpuint (s3->readable, ==, 12);
  g_assert_cmpuint (s3->alarms->len, ==, 0);
  g_assert_cmpuint (s3->quarantined->len, ==, 0);
  g_assert_cmpuint (count_pulled (sup->store, kari->id, TRUE), ==, 5);
  g_assert_cmpuint (count_pulled (sup->store, ola->id, TRUE), ==, 7);

  /* What the supervisor's view reads back: every record, with its body. */
  {
    g_autoptr(GPtrArray) list = bf_sync_list_pulled (sup->store, BF_TEST_SUBJECT, &error);
    g_autofree char *body = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 12);
    body = bf_record_dup_body_json (g_ptr_array_index (list, 0));
    g_assert_nonnull (strstr (body, "Besøk nr. 0"));
  }

  /* Another unit's supervisor gets them, but not their contents. */
  s4 = bf_test_member_sync (&w, other);
  g_assert_cmpuint (s4->pulled, ==, 12);
  g_assert_cmpuint (s4->readable, ==, 0);

  /* A second sync changes nothing and duplicates nothing. */
  again = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (again->pulled, ==, 0);
  g_assert_cmpuint (count_pulled (sup->store, kari->id, FALSE), ==, 5);
  g_clear_pointer (&again, bf_sync_summary_free);
  again = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (again->pushed, ==, 0);
  g_assert_cmpuint (again->already_there, ==, 0);
  g_assert_cmpuint (again->alarms->len, ==, 0);

  /* Incremental: one more record from Kari. */
  bf_test_member_add_records (kari, 1, NULL);
  g_clear_pointer (&again, bf_sync_summary_free);
  again = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (again->pushed, ==, 1);
  g_clear_pointer (&again, bf_sync_summary_free);
  again = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (again->pulled, ==, 1);
  g_assert_cmpuint (count_pulled (sup->store, kari->id, TRUE), ==, 6);

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, 13);

  bf_test_world_clear (&w);
}

static void
test_fork_alarm (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autofree char *p = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (kari, 2, NULL);
  g_clear_pointer (&s, bf_sync_summary_free);
  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 2);

  /* Someone puts other bytes where record 3 will go. */
  p = bf_test_world_record_path (&w, kari->id, 3, FALSE);
  g_assert_true (g_file_set_contents (p, "not a record", -1, NULL));
  bf_test_member_add_records (kari, 1, NULL);
  g_clear_pointer (&s, bf_sync_summary_free);
  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 0);
  g_assert_cmpuint (s->pending, ==, 1);
  g_assert_cmpuint (s->alarms->len, >=, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = bf_sync_dup_problems (kari->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, >=, 1);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "fork "));
  }
  /* Never overwritten. */
  g_assert_true (g_file_get_contents (p, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, "not a record");

  bf_test_world_clear (&w);
}

static void
test_revoked_does_not_push (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) s = NULL;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  g_assert_true (bf_share_revoke (w.share, w.admin_dir, kari->id, NULL, NULL, &error));
  g_assert_no_error (error);
  bf_test_member_add_records (kari, 1, NULL);

  s = bf_test_member_sync (&w, kari);
  g_assert_false (s->enrolled);
  g_assert_cmpuint (s->pushed, ==, 0);
  g_assert_cmpuint (s->pending, ==, 1);

  bf_test_world_clear (&w);
}

/* Runs `bofastctl sync` for @profile_dir, in the background. */
static GSubprocess *
spawn_sync (const char  *profile_dir,
            const char  *share,
            gboolean     drop_caps,
            GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GSubprocess *proc;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* As root the permission bits of a read-only share do not bind; drop the
   * capabilities that override them. */
  if (drop_caps && geteuid () == 0)
    {
      g_ptr_array_add (argv, (char *) "setpriv");
      g_ptr_array_add (argv, (char *) "--bounding-set");
      g_ptr_array_add (argv, (char *) "-dac_override,-dac_read_search");
      g_ptr_array_add (argv, (char *) "--");
    }
  g_ptr_array_add (argv, (char *) g_getenv ("BOFASTCTL"));
  g_ptr_array_add (argv, (char *) "sync");
  g_ptr_array_add (argv, (char *) "--profile");
  g_ptr_array_add (argv, (char *) profile_dir);
  g_ptr_array_add (argv, (char *) "--timeout");
  g_ptr_array_add (argv, (char *) "20");
  g_ptr_array_add (argv, (char *) share);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (proc != NULL)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (proc);
      g_output_stream_write_all (in, BF_TEST_PASSPHRASE "\n", strlen (BF_TEST_PASSPHRASE) + 1, NULL, NULL, NULL);
      g_output_stream_close (in, NULL, NULL);
    }
  return proc;
}

static void
test_killed_mid_push (void)
{
  BfTestWorld w;
  BfTestMember *sup, *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfSyncSummary) pulled = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *profile_dir = NULL;
  const guint total = 400;
  guint seen = 0;
  gint64 unpushed;

  if (g_getenv ("BOFASTCTL") == NULL)
    {
      g_test_skip ("BOFASTCTL is not set");
      return;
    }

  bf_test_world_init (&w);
  sup = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (kari, total, NULL);
  feed = g_build_filename (w.share_path, "records", kari->id, NULL);
  profile_dir = g_strdup (bf_profile_get_dir (kari->profile));

  /* The child opens the same database: close ours first. */
  bf_profile_lock (kari->profile);

  proc = spawn_sync (profile_dir, w.share_path, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20000; i++)
    {
      seen = bf_test_count_files (feed, ".age");
      if (seen >= 20)
        break;
      g_usleep (500);
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
  g_test_message ("killed after %u records were on the share", seen);
  g_assert_cmpuint (seen, >=, 20);
  g_assert_cmpuint (bf_test_count_files (feed, ".age"), <, total);

  g_assert_true (bf_profile_unlock (kari->profile, BF_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  kari->store = bf_profile_get_store (kari->profile);
  unpushed = bf_feed_count_unpushed (kari->store, &error);
  g_assert_cmpint (unpushed, >, 0);

  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed + s->already_there, ==, unpushed);
  /* At most one unsaved batch of "pushed" marks (64) is found again. */
  g_assert_cmpuint (s->already_there, <=, 64);
  g_assert_cmpuint (s->pending, ==, 0);
  g_assert_cmpuint (s->alarms->len, ==, 0);

  /* Exactly one copy of each record, no temporary files left. */
  g_assert_cmpuint (bf_test_count_files (feed, ".age"), ==, total);
  g_assert_cmpuint (bf_test_count_files (feed, ".age.minisig"), ==, total);
  g_assert_cmpuint (bf_test_count_files (feed, ""), ==, 2 * total);

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_warnings (report), ==, 0);

  pulled = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (pulled->pulled, ==, total);
  g_assert_cmpuint (pulled->readable, ==, total);

  bf_test_world_clear (&w);
}

static void
make_read_only (const char *path,
                gboolean    read_only)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        make_read_only (child, read_only);
      }
  g_chmod (path, read_only ? (dir ? 0555 : 0444) : (dir ? 0755 : 0644));
}

static void
test_read_only_share (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *err = NULL;
  g_autofree char *profile_dir = NULL;
  gint64 start;

  if (geteuid () == 0 && setpriv == NULL)
    {
      g_test_skip ("running as root without setpriv: permission bits do not bind");
      return;
    }

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (kari, 2, NULL);
  profile_dir = g_strdup (bf_profile_get_dir (kari->profile));
  bf_profile_lock (kari->profile);
  make_read_only (w.share_path, TRUE);

  start = g_get_monotonic_time ();
  proc = spawn_sync (profile_dir, w.share_path, TRUE, &error);
  g_assert_no_error (error);
  {
    GInputStream *es = g_subprocess_get_stderr_pipe (proc);
    char buf[4096];
    gsize n = 0;

    g_assert_true (g_input_stream_read_all (es, buf, sizeof buf - 1, &n, NULL, &error));
    g_assert_no_error (error);
    buf[n] = '\0';
    err = g_strdup (buf);
    g_assert_true (g_subprocess_wait (proc, NULL, &error));
  }
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  make_read_only (w.share_path, FALSE);
  g_assert_true (bf_profile_unlock (kari->profile, BF_TEST_PASSPHRASE, &error));
  kari->store = bf_profile_get_store (kari->profile);
  g_assert_cmpint (bf_feed_count_unpushed (kari->store, &error), ==, 2);
  bf_test_world_clear (&w);
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
test_async_and_unreachable (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { loop, NULL, NULL };
  g_autofree char *missing_path = NULL;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (kari, 3, NULL);

  bf_sync_run_async (kari->store, w.root, kari->unit, 30, NULL, done_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.summary->pushed, ==, 3);
  g_clear_pointer (&wait.summary, bf_sync_summary_free);

  /* A share that is not there fails at once with a sentence. */
  missing_path = g_build_filename (w.base, "unplugged", NULL);
  missing = g_file_new_for_path (missing_path);
  bf_sync_run_async (kari->store, missing, kari->unit, 30, NULL, done_cb, &wait);
  g_main_loop_run (loop);
  g_assert_null (wait.summary);
  g_assert_error (wait.error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND);
  g_clear_error (&wait.error);

  /* Cancelled before it starts: reported as unreachable, not a hang. */
  g_cancellable_cancel (cancellable);
  bf_sync_run_async (kari->store, w.root, kari->unit, 30, cancellable, done_cb, &wait);
  g_main_loop_run (loop);
  g_assert_null (wait.summary);
  g_assert_nonnull (wait.error);
  g_clear_error (&wait.error);

  bf_test_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/sync/two-workers-and-a-supervisor", test_two_workers_and_a_supervisor);
  g_test_add_func ("/sync/fork-alarm", test_fork_alarm);
  g_test_add_func ("/sync/revoked-does-not-push", test_revoked_does_not_push);
  g_test_add_func ("/sync/killed-mid-push", test_killed_mid_push);
  g_test_add_func ("/sync/read-only-share", test_read_only_share);
  g_test_add_func ("/sync/async-and-unreachable", test_async_and_unreachable);

  return g_test_run ();
}
