/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Records created by saving: the agreement store's hook into the feed, the
 * outbox before a share is known, and who can read what was sealed. */

#include "config.h"

#include <string.h>

#include "bf-age.h"
#include "bf-agreement-private.h"
#include "bf-agreement-store.h"
#include "bf-feed.h"
#include "bf-record.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"
#include "fixtures.h"

static GPtrArray *
list_feed (BfStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = bf_feed_list (store, 1, FALSE, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* A fresh copy of a stored record opened with @identity; NULL when the
 * identity is not among its readers. */
static BfRecord *
open_as (BfRecord *stored,
         BfSecret *identity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfRecord) r = bf_record_new_trusted (bf_record_get_age (stored), bf_record_get_signature (stored),
                                                  &error);

  g_assert_no_error (error);
  if (!bf_record_decrypt (r, identity, NULL))
    return NULL;
  return g_steal_pointer (&r);
}

static BfSecret *
own_identity (BfStore *store)
{
  g_autoptr(GError) error = NULL;
  BfSecret *sk = bf_store_dup_age_secret_key (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sk);
  return sk;
}

static BfSecret *
recovery_identity (BfTestWorld *w)
{
  g_autofree char *path = g_build_filename (w->admin_dir, BF_SHARE_ADMIN_RECOVERY, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  BfSecret *sk;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  sk = bf_age_identity_from_file_contents (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sk);
  return sk;
}

static void
assert_record (BfRecord     *r,
               gint64        seq,
               BfRecordKind  kind,
               const char   *subject)
{
  g_assert_cmpint (bf_record_get_seq (r), ==, seq);
  g_assert_cmpstr (bf_record_kind_to_string (bf_record_get_kind (r)), ==, bf_record_kind_to_string (kind));
  g_assert_cmpstr (bf_record_get_subject (r), ==, subject);
}

/* The body of an agreement record parses back to the saved agreement. */
static void
assert_agreement_body (BfRecord    *opened,
                       BfAgreement *saved)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = bf_record_dup_body_json (opened);
  g_autoptr(BfAgreement) back = bf_agreement_new_from_json (body, -1, &error);
  g_autofree char *want = bf_agreement_to_json (saved, BF_AGREEMENT_JSON_DEFAULT);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  got = bf_agreement_to_json (back, BF_AGREEMENT_JSON_DEFAULT);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (body, ==, want);
}

static void
assert_log_body (BfRecord      *opened,
                 BfLogKind      kind,
                 gconstpointer  entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = bf_record_dup_body_json (opened);
  g_autofree char *agreement = NULL;
  g_autofree char *want = bf_log_entry_to_json (kind, entry, ID_AGREEMENT, FALSE);
  g_autofree char *got = NULL;
  gpointer back = bf_log_entry_new_from_json (kind, body, -1, &agreement, &error);

  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (agreement, ==, ID_AGREEMENT);
  got = bf_log_entry_to_json (kind, back, ID_AGREEMENT, FALSE);
  g_assert_cmpstr (got, ==, want);
  switch (kind)
    {
    case BF_LOG_KIND_VISIT:      bf_visit_free (back); break;
    case BF_LOG_KIND_KEY_USE:    bf_key_use_free (back); break;
    case BF_LOG_KIND_EVALUATION: bf_evaluation_free (back); break;
    case BF_LOG_KIND_BREACH:     bf_breach_free (back); break;
    default:                     g_assert_not_reached ();
    }
}

static gint64
count_feed (BfStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 head = -1;

  g_assert_true (bf_feed_get_head (store, &head, NULL, &error));
  g_assert_no_error (error);
  return head;
}

/* Saving a version, a signing and each kind of log entry makes exactly one
 * record each, of the right kind, readable by the author, the unit's
 * supervisor and the recovery identity, and by nobody else. */
static void
test_save_makes_records (void)
{
  BfTestWorld w;
  BfTestMember *sup_nord, *sup_sor, *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfSecret) own = NULL;
  g_autoptr(BfSecret) nord = NULL;
  g_autoptr(BfSecret) sor = NULL;
  g_autoptr(BfSecret) recovery = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(GDateTime) saved = fixture_time ("2025-01-27T09:30:00Z");
  g_autoptr(GDateTime) signed_at = fixture_time ("2025-01-28T10:15:00Z");
  GPtrArray *parties;
  BfVisit *v;
  BfKeyUse *u;
  BfEvaluation *e;
  BfBreach *br;
  GDate today;

  bf_test_world_init (&w);
  sup_nord = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  sup_sor = bf_test_world_add_member (&w, "Sverre", BF_MEMBER_ROLE_SUPERVISOR, "Sør");
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  store = bf_agreement_store_new (kari->store);
  g_assert_cmpint (count_feed (kari->store), ==, 0);

  /* 1: a new version. */
  g_assert_true (bf_agreement_store_save (store, a, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, 1);

  /* Saving the same document again records nothing. */
  g_assert_true (bf_agreement_store_save (store, a, saved, &error));
  g_assert_cmpint (count_feed (kari->store), ==, 1);

  /* 2: sent for signing, 3: every party signs; no new version. */
  fixture_today (&today);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_true (bf_agreement_store_save (store, a, saved, &error));
  g_assert_no_error (error);
  parties = bf_agreement_get_parties (a);
  for (guint i = 0; i < parties->len; i++)
    g_assert_true (bf_agreement_sign (a, ((BfParty *) g_ptr_array_index (parties, i))->id,
                                      BF_SIGNATURE_STATUS_SIGNERT, signed_at, NULL, NULL, &error));
  g_assert_true (bf_agreement_store_save (store, a, signed_at, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);
  g_assert_cmpint (count_feed (kari->store), ==, 3);

  /* 4–7: one log entry of each kind. */
  v = bf_visit_new ("2025-02-11", BF_VISIT_TYPE_HJEMMEBESOK);
  set_id (&v->id, "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b01");
  v->observations = g_strdup ("Ryddig i stua.");
  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT, v, &error));
  u = bf_key_use_new ("2025-02-16T14:05:00Z", BF_ENTRY_CONDITION_INGEN_KONTAKT);
  set_id (&u->id, "5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c01");
  u->notice_given = TRUE;
  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_KEY_USE, u, &error));
  e = bf_evaluation_new ("2025-02-25");
  set_id (&e->id, "6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d01");
  e->home_visit_done = TRUE;
  e->next_date = g_strdup ("2025-07-15");
  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_EVALUATION, e, &error));
  br = bf_breach_new ("2025-02-22", "Møtte ikke til tre avtalte hjemmebesøk.");
  set_id (&br->id, "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e01");
  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_BREACH, br, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, 7);

  /* A save that brings no new log entry makes no log record. */
  g_assert_true (bf_agreement_store_save (store, a, signed_at, &error));
  g_assert_cmpint (count_feed (kari->store), ==, 7);

  feed = list_feed (kari->store);
  g_assert_cmpuint (feed->len, ==, 7);
  assert_record (g_ptr_array_index (feed, 0), 1, BF_RECORD_KIND_AGREEMENT_VERSION, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 1), 2, BF_RECORD_KIND_AGREEMENT_SIGNATURES, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 2), 3, BF_RECORD_KIND_AGREEMENT_SIGNATURES, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 3), 4, BF_RECORD_KIND_VISIT, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 4), 5, BF_RECORD_KIND_KEY_USE, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 5), 6, BF_RECORD_KIND_EVALUATION, ID_AGREEMENT);
  assert_record (g_ptr_array_index (feed, 6), 7, BF_RECORD_KIND_BREACH, ID_AGREEMENT);

  /* The bodies, decrypted as the author, are the documented JSON. */
  own = own_identity (kari->store);
  {
    g_autoptr(BfRecord) r1 = open_as (g_ptr_array_index (feed, 0), own);
    g_autoptr(BfRecord) r3 = open_as (g_ptr_array_index (feed, 2), own);
    g_autoptr(BfAgreement) v1 = bf_agreement_store_load_version (store, ID_AGREEMENT, 1, &error);
    g_autoptr(BfAgreement) head = bf_agreement_store_load (store, ID_AGREEMENT, &error);
    g_autoptr(BfRecord) rv = open_as (g_ptr_array_index (feed, 3), own);
    g_autoptr(BfRecord) rk = open_as (g_ptr_array_index (feed, 4), own);
    g_autoptr(BfRecord) re = open_as (g_ptr_array_index (feed, 5), own);
    g_autoptr(BfRecord) rb = open_as (g_ptr_array_index (feed, 6), own);

    g_assert_no_error (error);
    g_assert_nonnull (r1);
    assert_agreement_body (r1, v1);
    g_assert_nonnull (r3);
    assert_agreement_body (r3, head);
    g_assert_true (bf_agreement_all_signed (head));
    g_assert_nonnull (rv);
    assert_log_body (rv, BF_LOG_KIND_VISIT, v);
    g_assert_nonnull (rk);
    assert_log_body (rk, BF_LOG_KIND_KEY_USE, u);
    g_assert_nonnull (re);
    assert_log_body (re, BF_LOG_KIND_EVALUATION, e);
    g_assert_nonnull (rb);
    assert_log_body (rb, BF_LOG_KIND_BREACH, br);
  }

  /* Readers: the unit's supervisor and the recovery identity; not the
   * supervisor of another unit. */
  nord = own_identity (sup_nord->store);
  sor = own_identity (sup_sor->store);
  recovery = recovery_identity (&w);
  for (guint i = 0; i < feed->len; i++)
    {
      g_autoptr(BfRecord) by_nord = open_as (g_ptr_array_index (feed, i), nord);
      g_autoptr(BfRecord) by_sor = open_as (g_ptr_array_index (feed, i), sor);
      g_autoptr(BfRecord) by_recovery = open_as (g_ptr_array_index (feed, i), recovery);

      g_assert_nonnull (by_nord);
      g_assert_null (by_sor);
      g_assert_nonnull (by_recovery);
    }

  /* Pushed and checked like any other records. */
  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 7);
  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, 7);

  bf_test_world_clear (&w);
}

/* A record that cannot be written takes its version or log entry with it:
 * both commit in one transaction. The failure is injected with a trigger
 * on the table the record goes to. */
static void
test_rollback (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(BfAgreement) loaded = NULL;
  g_autofree char *root = NULL;
  g_autoptr(BfProfile) lone = NULL;
  g_autoptr(BfAgreementStore) lone_store = NULL;
  g_autoptr(BfAgreement) b = fixture_draft ();
  BfVisit *v;
  sqlite3 *db;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  store = bf_agreement_store_new (kari->store);
  db = bf_store_get_db (kari->store);

  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER fail_feed BEFORE INSERT ON main.feed BEGIN"
                                     "  SELECT RAISE (ABORT, 'injected failure');"
                                     " END;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bf_agreement_store_save (store, a, NULL, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  g_clear_error (&error);
  g_assert_false (bf_agreement_store_contains (store, ID_AGREEMENT));
  versions = bf_agreement_store_list_versions (store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 0);
  g_assert_cmpint (count_feed (kari->store), ==, 0);

  /* Without the failure the same save goes through, with its record. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER fail_feed;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (bf_agreement_store_save (store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, 1);

  /* A log entry whose record fails is not stored either. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER fail_feed BEFORE INSERT ON main.feed BEGIN"
                                     "  SELECT RAISE (ABORT, 'injected failure');"
                                     " END;", NULL, NULL, NULL), ==, SQLITE_OK);
  v = bf_visit_new ("2025-02-11", BF_VISIT_TYPE_HJEMMEBESOK);
  g_assert_false (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT, v, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  loaded = bf_agreement_store_load (store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_agreement_get_visits (loaded)->len, ==, 0);
  g_assert_cmpint (count_feed (kari->store), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER fail_feed;", NULL, NULL, NULL), ==, SQLITE_OK);

  /* The same holds for the outbox of a profile without a share. */
  root = g_build_filename (w.base, "lone", NULL);
  lone = bf_profile_create (root, "Ola", "Nord", BF_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  lone_store = bf_agreement_store_new (bf_profile_get_store (lone));
  db = bf_store_get_db (bf_profile_get_store (lone));
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON main.outbox BEGIN"
                                     "  SELECT RAISE (ABORT, 'injected failure');"
                                     " END;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (bf_agreement_store_save (lone_store, b, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (bf_agreement_store_contains (lone_store, ID_AGREEMENT));
  g_assert_cmpint (bf_feed_count_outbox (bf_profile_get_store (lone), &error), ==, 0);
  bf_profile_lock (lone);

  bf_test_world_clear (&w);
}

/* Before the profile knows a share, records wait in the outbox; joining
 * seals them in order, seq from 1, and the chain verifies. */
static void
test_outbox (void)
{
  BfTestWorld w;
  BfTestMember *sup;
  BfTestMember *kari = g_new0 (BfTestMember, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) copy = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  g_autoptr(BfSecret) sup_sk = NULL;
  g_autofree char *root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *fingerprint = NULL;
  static const BfRecordKind order[] = {
    BF_RECORD_KIND_AGREEMENT_VERSION,
    BF_RECORD_KIND_VISIT, BF_RECORD_KIND_VISIT,
    BF_RECORD_KIND_KEY_USE,
    BF_RECORD_KIND_EVALUATION,
    BF_RECORD_KIND_BREACH,
    BF_RECORD_KIND_VISIT,
  };
  BfVisit *v;

  bf_test_world_init (&w);
  sup = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");

  /* A worker offline, before asking to join. */
  root = g_build_filename (w.base, "profiles", NULL);
  kari->profile = bf_profile_create (root, "Kari", "Nord", BF_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  kari->store = bf_profile_get_store (kari->profile);
  kari->unit = g_strdup ("Nord");
  store = bf_agreement_store_new (kari->store);

  /* An agreement that arrives with its logs (an import), then one more
   * visit: nothing can be sealed yet, so all of it is kept. */
  json = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_free (bf_agreement_store_import_json (store, json, -1, &error));
  g_assert_no_error (error);
  copy = bf_agreement_store_load (store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  v = bf_visit_new ("2025-03-01", BF_VISIT_TYPE_TELEFON);
  g_assert_true (bf_agreement_store_add_log (store, copy, BF_LOG_KIND_VISIT, v, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_feed (kari->store), ==, 0);
  g_assert_cmpint (bf_feed_count_outbox (kari->store, &error), ==, G_N_ELEMENTS (order));
  g_assert_false (bf_feed_seal_outbox (kari->store, NULL, NULL, &error));
  g_assert_error (error, BF_FEED_ERROR, BF_FEED_ERROR_NO_SHARE);
  g_clear_error (&error);

  /* Contact with the share before asking to join is not enough: the key
   * is valid only from the request on, so nothing is sealed yet. */
  g_assert_true (bf_share_remember (w.share, kari->store, "Nord", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_feed_count_outbox (kari->store, &error), ==, G_N_ELEMENTS (order));
  g_assert_cmpint (count_feed (kari->store), ==, 0);

  /* Asking to join makes the readers known: the outbox is sealed. */
  g_assert_true (bf_share_write_request (w.share, kari->store, "Kari", "Nord", NULL, &kari->id, &fingerprint,
                                         NULL, &error));
  g_assert_true (bf_share_remember (w.share, kari->store, "Nord", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_feed_count_outbox (kari->store, &error), ==, 0);
  feed = list_feed (kari->store);
  g_assert_cmpuint (feed->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < feed->len; i++)
    {
      BfRecord *r = g_ptr_array_index (feed, i);

      assert_record (r, i + 1, order[i], ID_AGREEMENT);
      g_assert_cmpstr (bf_record_get_prev (r), ==,
                       i == 0 ? BF_RECORD_ZERO_HASH : bf_record_get_hash (g_ptr_array_index (feed, i - 1)));
    }

  /* A later save is sealed at once, after them. */
  v = bf_visit_new ("2025-03-02", BF_VISIT_TYPE_TELEFON);
  g_assert_true (bf_agreement_store_add_log (store, copy, BF_LOG_KIND_VISIT, v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, G_N_ELEMENTS (order) + 1);

  /* Enrolled, synced and read by the unit's supervisor; the share
   * verifies. */
  member = bf_share_enrol (w.share, w.admin_dir, kari->id, BF_MEMBER_ROLE_WORKER, "Nord", NULL, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (w.members, kari);
  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, G_N_ELEMENTS (order) + 1);
  g_clear_pointer (&s, bf_sync_summary_free);
  s = bf_test_member_sync (&w, sup);
  g_assert_cmpuint (s->pulled, ==, G_N_ELEMENTS (order) + 1);
  g_assert_cmpuint (s->readable, ==, G_N_ELEMENTS (order) + 1);
  g_assert_cmpuint (s->quarantined->len, ==, 0);

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, G_N_ELEMENTS (order) + 1);

  sup_sk = own_identity (sup->store);
  {
    g_autoptr(BfRecord) first = open_as (g_ptr_array_index (feed, 0), sup_sk);

    g_assert_nonnull (first);
    assert_agreement_body (first, a);
  }

  bf_test_world_clear (&w);
}

/* The readers are refreshed from members/ on each sync: a supervisor
 * enrolled later reads what is sealed after the worker's next sync, and
 * not what was sealed before (records are never encrypted again). */
static void
test_new_supervisor (void)
{
  BfTestWorld w;
  BfTestMember *kari, *siri;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GPtrArray) feed = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfSecret) siri_sk = NULL;
  g_autoptr(GPtrArray) readers = NULL;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  store = bf_agreement_store_new (kari->store);
  readers = bf_feed_dup_recipients (kari->store, &error);
  g_assert_cmpuint (readers->len, ==, 1);     /* recovery only */
  g_clear_pointer (&readers, g_ptr_array_unref);

  g_assert_true (bf_agreement_store_save (store, a, NULL, &error));
  g_assert_no_error (error);

  siri = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  s = bf_test_member_sync (&w, kari);
  readers = bf_feed_dup_recipients (kari->store, &error);
  g_assert_cmpuint (readers->len, ==, 2);

  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT,
                                             bf_visit_new ("2025-02-11", BF_VISIT_TYPE_HJEMMEBESOK), &error));
  g_assert_no_error (error);

  feed = list_feed (kari->store);
  g_assert_cmpuint (feed->len, ==, 2);
  siri_sk = own_identity (siri->store);
  {
    g_autoptr(BfRecord) before = open_as (g_ptr_array_index (feed, 0), siri_sk);
    g_autoptr(BfRecord) after = open_as (g_ptr_array_index (feed, 1), siri_sk);

    g_assert_null (before);
    g_assert_nonnull (after);
  }

  bf_test_world_clear (&w);
}

/* The fixture's draft under another id. */
static BfAgreement *
draft_with_id (const char *id)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autofree char *json = bf_agreement_to_json (a, BF_AGREEMENT_JSON_DEFAULT);
  g_auto(GStrv) parts = g_strsplit (json, ID_AGREEMENT, -1);
  g_autofree char *other = g_strjoinv (id, parts);
  g_autoptr(GError) error = NULL;
  BfAgreement *b = bf_agreement_new_from_json (other, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bf_agreement_get_id (b), ==, id);
  return b;
}

/* Many saves in one bulk transaction (the demo's path): the records keep
 * their order and chain; a rollback takes the saves and their records; a
 * failing record inside the batch fails its save, and the transaction
 * rolls back whole. */
static void
test_batch (void)
{
  BfTestWorld w;
  BfTestMember *kari;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) b = draft_with_id ("6f1c2f0e-8a51-4c8e-9a55-2d7c1b0e4a02");
  g_autoptr(BfAgreement) c = draft_with_id ("6f1c2f0e-8a51-4c8e-9a55-2d7c1b0e4a03");
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report = NULL;

  bf_test_world_init (&w);
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  store = bf_agreement_store_new (kari->store);

  g_assert_true (bf_agreement_store_begin (store, &error));
  g_assert_true (bf_agreement_store_save (store, a, NULL, &error));
  for (guint i = 0; i < 5; i++)
    g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT,
                                               bf_visit_new ("2025-02-11", BF_VISIT_TYPE_TELEFON), &error));
  g_assert_true (bf_agreement_store_save (store, b, NULL, &error));
  g_assert_true (bf_agreement_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, 7);

  /* Rolled back: neither the agreement nor its record stays. */
  g_assert_true (bf_agreement_store_begin (store, &error));
  g_assert_true (bf_agreement_store_save (store, c, NULL, &error));
  bf_agreement_store_rollback (store);
  g_assert_false (bf_agreement_store_contains (store, bf_agreement_get_id (c)));
  g_assert_cmpint (count_feed (kari->store), ==, 7);

  /* A record that fails inside the batch fails the save. */
  g_assert_cmpint (sqlite3_exec (bf_store_get_db (kari->store),
                                 "CREATE TEMP TRIGGER fail_feed BEFORE INSERT ON main.feed BEGIN"
                                 "  SELECT RAISE (ABORT, 'injected failure');"
                                 " END;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (bf_agreement_store_begin (store, &error));
  g_assert_false (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT,
                                              bf_visit_new ("2025-02-12", BF_VISIT_TYPE_TELEFON), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  bf_agreement_store_rollback (store);
  g_assert_cmpint (sqlite3_exec (bf_store_get_db (kari->store), "DROP TRIGGER fail_feed;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (count_feed (kari->store), ==, 7);

  /* The next batch goes on from the head. */
  g_assert_true (bf_agreement_store_begin (store, &error));
  g_assert_true (bf_agreement_store_save (store, c, NULL, &error));
  g_assert_true (bf_agreement_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_feed (kari->store), ==, 8);

  s = bf_test_member_sync (&w, kari);
  g_assert_cmpuint (s->pushed, ==, 8);
  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_records (report), ==, 8);

  bf_test_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/feed/save-makes-records", test_save_makes_records);
  g_test_add_func ("/feed/rollback", test_rollback);
  g_test_add_func ("/feed/outbox", test_outbox);
  g_test_add_func ("/feed/new-supervisor", test_new_supervisor);
  g_test_add_func ("/feed/batch", test_batch);

  return g_test_run ();
}
