/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Tampering with a share: every case must be flagged by `verify` (the
 * auditor, public keys only) and by a supervisor's pull (quarantine or
 * tamper alarm). The one exception is a deleted last record, which only the
 * witness of someone who saw it can notice.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-feed.h"
#include "bf-minisign.h"
#include "bf-record.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"

typedef struct
{
  BfTestWorld   w;
  BfTestMember *supervisor;
  BfTestMember *worker;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  bf_test_world_init (&f->w);
  f->supervisor = bf_test_world_add_member (&f->w, "Siri Leder", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  f->worker = bf_test_world_add_member (&f->w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (f->worker, 3, NULL);
  summary = bf_test_member_sync (&f->w, f->worker);
  g_assert_cmpuint (summary->pushed, ==, 3);
  g_assert_cmpuint (summary->alarms->len, ==, 0);

  /* The untouched share passes the audit. */
  report = bf_verify_share (f->w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bf_test_world_clear (&f->w);
}

static char *
path (Fixture *f,
      gint64   seq,
      gboolean sig)
{
  return bf_test_world_record_path (&f->w, f->worker->id, seq, sig);
}

static void
assert_verify_flags (Fixture    *f,
                     const char *member_id,
                     gint64      seq)
{
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("records/%s/%010" G_GINT64_FORMAT, member_id, seq);

  report = bf_verify_share (f->w.root, NULL, &error);
  g_assert_no_error (error);
  if (!bf_verify_report_has_problem_at (report, where))
    {
      g_autofree char *text = bf_verify_report_to_text (report);
      g_test_message ("%s", text);
    }
  g_assert_true (bf_verify_report_has_problem_at (report, where));
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), >=, 1);
}

static gboolean
has_entry (GPtrArray  *list,
           const char *member_id,
           gint64      seq)
{
  g_autofree char *prefix = g_strdup_printf ("%s/%010" G_GINT64_FORMAT ":", member_id, seq);

  for (guint i = 0; i < list->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (list, i), prefix))
      return TRUE;
  return FALSE;
}

static BfSyncSummary *
supervisor_pull (Fixture *f)
{
  return bf_test_member_sync (&f->w, f->supervisor);
}

static void
test_flipped_byte (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *p = path (f, 2, FALSE);
  g_autoptr(BfSyncSummary) s = NULL;

  bf_test_corrupt_file (p, 200, 1);
  assert_verify_flags (f, f->worker->id, 2);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 1);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 2));
  g_assert_cmpuint (bf_sync_count_quarantined (f->supervisor->store), ==, 1);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *p = path (f, 3, FALSE);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(BfSyncSummary) s = NULL;

  g_assert_true (g_file_get_contents (p, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (p, contents, len / 2, NULL));
  assert_verify_flags (f, f->worker->id, 3);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 2);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 3));
}

static void
test_deleted_middle (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = path (f, 2, FALSE);
  g_autofree char *b = path (f, 2, TRUE);
  g_autoptr(BfSyncSummary) s = NULL;

  g_assert_cmpint (g_unlink (a), ==, 0);
  g_assert_cmpint (g_unlink (b), ==, 0);
  assert_verify_flags (f, f->worker->id, 2);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 1);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 2));
}

static void
test_deleted_middle_after_pull (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *a = path (f, 2, FALSE);
  g_autoptr(BfSyncSummary) first = supervisor_pull (f);
  g_autoptr(BfSyncSummary) s = NULL;

  g_assert_cmpuint (first->pulled, ==, 3);
  g_assert_cmpint (g_unlink (a), ==, 0);
  assert_verify_flags (f, f->worker->id, 2);

  s = supervisor_pull (f);
  g_assert_true (has_entry (s->alarms, f->worker->id, 2));
}

static void
test_changed_after_pull (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *p = path (f, 3, FALSE);
  g_autoptr(BfSyncSummary) first = supervisor_pull (f);
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfSyncSummary) own = NULL;

  g_assert_cmpuint (first->pulled, ==, 3);
  bf_test_corrupt_file (p, 120, 1);
  assert_verify_flags (f, f->worker->id, 3);

  /* The reader's witness and the author's own check both notice. */
  s = supervisor_pull (f);
  g_assert_true (has_entry (s->alarms, f->worker->id, 3));
  own = bf_test_member_sync (&f->w, f->worker);
  g_assert_true (has_entry (own->alarms, f->worker->id, 3));
}

static void
test_deleted_last (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = path (f, 3, FALSE);
  g_autofree char *b = path (f, 3, TRUE);
  g_autoptr(BfSyncSummary) first = supervisor_pull (f);
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfSyncSummary) own = NULL;

  g_assert_cmpuint (first->pulled, ==, 3);
  g_assert_cmpint (g_unlink (a), ==, 0);
  g_assert_cmpint (g_unlink (b), ==, 0);

  /* A reader who saw record 3 notices that the feed shrank. */
  s = supervisor_pull (f);
  g_assert_true (has_entry (s->alarms, f->worker->id, 3));
  g_assert_cmpuint (bf_sync_count_alarms (f->supervisor->store), ==, 1);

  /* The author pushes it again, and the share is whole once more. */
  own = bf_test_member_sync (&f->w, f->worker);
  g_assert_cmpuint (own->repushed, ==, 1);
  g_assert_true (g_file_test (a, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BfVerifyReport) report = bf_verify_share (f->w.root, NULL, &error);
    g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  }
}

static void
swap (const char *a,
      const char *b)
{
  g_autofree char *tmp = g_strconcat (a, ".swap", NULL);

  g_assert_cmpint (g_rename (a, tmp), ==, 0);
  g_assert_cmpint (g_rename (b, a), ==, 0);
  g_assert_cmpint (g_rename (tmp, b), ==, 0);
}

static void
test_reordered (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a2 = path (f, 2, FALSE);
  g_autofree char *s2 = path (f, 2, TRUE);
  g_autofree char *a3 = path (f, 3, FALSE);
  g_autofree char *s3 = path (f, 3, TRUE);
  g_autoptr(BfSyncSummary) s = NULL;

  swap (a2, a3);
  swap (s2, s3);
  assert_verify_flags (f, f->worker->id, 2);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 1);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 2));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static void
test_replayed (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a1 = path (f, 1, FALSE);
  g_autofree char *s1 = path (f, 1, TRUE);
  g_autofree char *a4 = path (f, 4, FALSE);
  g_autofree char *s4 = path (f, 4, TRUE);
  g_autoptr(BfSyncSummary) s = NULL;

  copy_file (a1, a4);
  copy_file (s1, s4);
  assert_verify_flags (f, f->worker->id, 4);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 3);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 4));
}

static void
test_revoked_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) revoked = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) push = NULL;
  g_autoptr(BfSyncSummary) s = NULL;

  g_assert_true (bf_share_revoke (f->w.share, f->w.admin_dir, f->worker->id, revoked, NULL, &error));
  g_assert_no_error (error);

  /* The worker's laptop has not heard, and signs one more record. */
  bf_test_member_add_records (f->worker, 1, later);
  push = bf_test_member_sync (&f->w, f->worker);
  g_assert_cmpuint (push->pushed, ==, 1);

  assert_verify_flags (f, f->worker->id, 4);

  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 3);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 4));
  g_assert_nonnull (strstr (g_ptr_array_index (s->quarantined, 0), "revoked"));
}

static void
test_substituted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSecret) sk = bf_feed_dup_sign_secret (f->worker->store, &error);
  g_autoptr(GPtrArray) readers = bf_feed_dup_recipients (f->worker->store, &error);
  g_autoptr(BfRecord) r1 = bf_feed_get_record (f->worker->store, 1, &error);
  g_autoptr(BfRecord) r2 = bf_feed_get_record (f->worker->store, 2, &error);
  g_autoptr(BfRecord) other = NULL;
  g_autofree char *a2 = path (f, 2, FALSE);
  g_autofree char *s2 = path (f, 2, TRUE);
  g_autoptr(BfSyncSummary) s = NULL;

  /* A second, validly signed record 2 (a rewrite of history by someone
   * with the key, or a second device) replaces the first: only the chain
   * shows it, at record 3. */
  other = bf_record_seal (sk, f->worker->id, 2, bf_record_get_hash (r1), BF_RECORD_KIND_VISIT, BF_TEST_SUBJECT,
                          bf_record_get_time (r2), "{\"rewritten\":true}", readers, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (a2, g_bytes_get_data (bf_record_get_age (other), NULL),
                                      g_bytes_get_size (bf_record_get_age (other)), NULL));
  g_assert_true (g_file_set_contents (s2, bf_record_get_signature (other), -1, NULL));

  assert_verify_flags (f, f->worker->id, 3);
  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 2);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 3));
}

static void
test_backdated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSecret) sk = bf_feed_dup_sign_secret (f->worker->store, &error);
  g_autoptr(GPtrArray) readers = bf_feed_dup_recipients (f->worker->store, &error);
  g_autoptr(BfRecord) r3 = bf_feed_get_record (f->worker->store, 3, &error);
  g_autoptr(BfRecord) r4 = NULL;
  g_autoptr(GFile) feed = bf_share_get_feed_dir (f->w.share, f->worker->id);
  g_autoptr(GBytes) sig = NULL;
  g_autoptr(BfSyncSummary) s = NULL;

  /* With the worker's key, someone appends a record dated a year before
   * the record it follows (as a thief would, to slip under a revocation). */
  r4 = bf_record_seal (sk, f->worker->id, 4, bf_record_get_hash (r3), BF_RECORD_KIND_VISIT, BF_TEST_SUBJECT,
                       "2025-01-01T00:00:00Z", "{\"n\":4}", readers, &error);
  g_assert_no_error (error);
  g_assert_true (bf_share_publish (feed, "0000000004.age", bf_record_get_age (r4), NULL, NULL, &error));
  sig = g_bytes_new (bf_record_get_signature (r4), strlen (bf_record_get_signature (r4)));
  g_assert_true (bf_share_publish (feed, "0000000004.age.minisig", sig, NULL, NULL, &error));
  g_assert_no_error (error);

  assert_verify_flags (f, f->worker->id, 4);
  s = supervisor_pull (f);
  g_assert_cmpuint (s->pulled, ==, 3);
  g_assert_true (has_entry (s->quarantined, f->worker->id, 4));
}

static void
test_forged_member (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->w.base, "profiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) eve = NULL;
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(BfMember) m = g_new0 (BfMember, 1);
  g_autoptr(GFile) members = NULL;
  g_autoptr(GFile) feed = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autoptr(GBytes) sig_bytes = NULL;
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(BfRecord) r = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *name = NULL;
  g_autofree char *where = NULL;
  BfStore *store;

  eve = bf_profile_create (root, "Eve", "Nord", BF_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  store = bf_profile_get_store (eve);

  /* Eve signs her own member file as a supervisor. */
  m->id = bf_feed_dup_member_id (store, &error);
  m->name = g_strdup ("Eve");
  m->role = BF_MEMBER_ROLE_SUPERVISOR;
  m->unit = g_strdup ("Nord");
  m->sign_key = bf_feed_dup_sign_key (store, &error);
  m->age_recipient = bf_store_dup_age_public_key (store, &error);
  m->valid_from = g_strdup ("2020-01-01T00:00:00Z");
  sk = bf_feed_dup_sign_secret (store, &error);
  json = bf_member_to_json (m, FALSE);
  comment = bf_share_signed_comment ("member", m->id);
  sig = bf_minisign_sign ((const guint8 *) json, strlen (json), sk, comment, NULL, &error);
  g_assert_no_error (error);
  members = g_file_get_child (f->w.root, "members");
  name = g_strconcat (m->id, ".json", NULL);
  json_bytes = g_bytes_new (json, strlen (json));
  sig_bytes = g_bytes_new (sig, strlen (sig));
  g_assert_true (bf_share_publish (members, name, json_bytes, NULL, NULL, &error));
  g_clear_pointer (&name, g_free);
  name = g_strconcat (m->id, ".json.minisig", NULL);
  g_assert_true (bf_share_publish (members, name, sig_bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  /* …and puts a record in her own feed. */
  g_ptr_array_add (readers, g_bytes_ref (bf_share_get_recovery_recipient (f->w.share)));
  r = bf_feed_append (store, BF_RECORD_KIND_REVIEW, BF_TEST_SUBJECT, "{\"approve\":true}", readers, NULL, &error);
  g_assert_no_error (error);
  feed = bf_share_get_feed_dir (f->w.share, m->id);
  g_assert_true (bf_share_ensure_dir (feed, NULL, &error));
  g_clear_pointer (&name, g_free);
  name = bf_record_file_name (1);
  g_assert_true (bf_share_publish (feed, name, bf_record_get_age (r), NULL, NULL, &error));
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&sig_bytes, g_bytes_unref);
  name = g_strconcat ("0000000001.age", BF_SHARE_SIG_SUFFIX, NULL);
  sig_bytes = g_bytes_new (bf_record_get_signature (r), strlen (bf_record_get_signature (r)));
  g_assert_true (bf_share_publish (feed, name, sig_bytes, NULL, NULL, &error));
  g_assert_no_error (error);

  report = bf_verify_share (f->w.root, NULL, &error);
  g_assert_no_error (error);
  where = g_strdup_printf ("members/%s.json", m->id);
  g_assert_true (bf_verify_report_has_problem_at (report, where));
  g_clear_pointer (&where, g_free);
  where = g_strdup_printf ("records/%s", m->id);
  g_assert_true (bf_verify_report_has_problem_at (report, where));

  s = supervisor_pull (f);
  g_assert_true (has_entry (s->quarantined, m->id, 1));
  /* The worker's records still arrive. */
  g_assert_cmpuint (s->pulled, ==, 3);

  bf_profile_lock (eve);
}

static void
test_json_report (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *p = path (f, 1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *obj;

  g_assert_cmpint (g_unlink (p), ==, 0);
  report = bf_verify_share (f->w.root, NULL, &error);
  node = bf_verify_report_to_json (report);
  obj = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (obj, "ok"));
  g_assert_cmpint (json_object_get_int_member (obj, "problems"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "members"), ==, 2);
  text = bf_verify_report_to_text (report);
  g_assert_nonnull (strstr (text, "FAILED"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

#define ADD(path, func) \
  g_test_add ("/verify/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("flipped-byte", test_flipped_byte);
  ADD ("truncated", test_truncated);
  ADD ("deleted-middle", test_deleted_middle);
  ADD ("deleted-middle-after-pull", test_deleted_middle_after_pull);
  ADD ("deleted-last", test_deleted_last);
  ADD ("changed-after-pull", test_changed_after_pull);
  ADD ("reordered", test_reordered);
  ADD ("replayed", test_replayed);
  ADD ("revoked-key", test_revoked_key);
  ADD ("substituted", test_substituted);
  ADD ("backdated", test_backdated);
  ADD ("forged-member", test_forged_member);
  ADD ("json-report", test_json_report);

  return g_test_run ();
}
