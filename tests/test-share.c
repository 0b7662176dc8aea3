/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-age.h"
#include "bf-feed.h"
#include "bf-minisign.h"
#include "bf-share.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"

static void
test_create (void)
{
  BfTestWorld w;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfShare) again = NULL;
  g_autoptr(BfShare) opened = NULL;
  g_autoptr(BfSecret) recovery = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autofree char *other = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *rec_path = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  bf_test_world_init (&w);

  /* Secrets: 0600 in a 0700 folder; the recovery identity in age-keygen
   * format that our own parser (and age) reads back. */
  key_path = g_build_filename (w.admin_dir, BF_SHARE_ADMIN_ORG_KEY, NULL);
  rec_path = g_build_filename (w.admin_dir, BF_SHARE_ADMIN_RECOVERY, NULL);
  g_assert_cmpuint (bf_test_file_mode (w.admin_dir), ==, 0700);
  g_assert_cmpuint (bf_test_file_mode (key_path), ==, 0600);
  g_assert_cmpuint (bf_test_file_mode (rec_path), ==, 0600);
  g_assert_true (g_file_get_contents (rec_path, &contents, &len, NULL));
  g_assert_nonnull (strstr (contents, "AGE-SECRET-KEY-1"));
  recovery = bf_age_identity_from_file_contents (contents, len, &error);
  g_assert_no_error (error);
  recipient = bf_age_identity_get_recipient (recovery, &error);
  g_assert_true (g_bytes_equal (recipient, bf_share_get_recovery_recipient (w.share)));

  opened = bf_share_open (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_share_get_org_name (opened), ==, "Testkommune");
  g_assert_true (g_bytes_equal (bf_share_get_org_key (opened), bf_share_get_org_key (w.share)));

  /* Neither the share nor the keys are ever overwritten. */
  again = bf_share_create (w.root, "Annen kommune", w.admin_dir, NULL, NULL, &error);
  g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);
  {
    g_autofree char *elsewhere = g_build_filename (w.base, "other-share", NULL);
    g_autoptr(GFile) root2 = g_file_new_for_path (elsewhere);

    again = bf_share_create (root2, "Annen kommune", w.admin_dir, NULL, NULL, &error);
    g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* No share at all. */
  other = g_build_filename (w.base, "nothing", NULL);
  {
    g_autoptr(GFile) none = g_file_new_for_path (other);
    g_autoptr(BfShare) s = bf_share_open (none, NULL, &error);

    g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND);
    g_assert_null (s);
  }

  bf_test_world_clear (&w);
}

static void
test_request_enrol_revoke (void)
{
  BfTestWorld w;
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfMember) request = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(BfMember) twice = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BfVerifyReport) report = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint2 = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *other_admin = NULL;
  g_autofree char *pinned = NULL;
  BfMember *loaded;

  bf_test_world_init (&w);
  root = g_build_filename (w.base, "profiles", NULL);
  profile = bf_profile_create (root, "Kari Nordmann", "Bydel Nord", BF_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);

  g_assert_true (bf_share_write_request (w.share, bf_profile_get_store (profile), "Kari Nordmann", "Bydel Nord",
                                         NULL, &id, &fingerprint, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bf_member_id_is_valid (id));
  /* Asking twice is harmless and gives the same answer. */
  g_assert_true (bf_share_write_request (w.share, bf_profile_get_store (profile), "Kari Nordmann", "Bydel Nord",
                                         NULL, &id2, &fingerprint2, NULL, &error));
  g_assert_cmpstr (id, ==, id2);
  g_assert_cmpstr (fingerprint, ==, fingerprint2);

  /* The administrator sees the same fingerprint. */
  request = bf_share_read_request (w.share, id, NULL, &error);
  g_assert_no_error (error);
  shown = bf_member_fingerprint (request->sign_key, request->age_recipient);
  g_assert_cmpstr (shown, ==, fingerprint);
  g_assert_cmpstr (request->name, ==, "Kari Nordmann");

  /* Another organisation's key cannot enrol here. */
  other_admin = g_build_filename (w.base, "other-admin", NULL);
  {
    g_autofree char *p = g_build_filename (w.base, "other-share", NULL);
    g_autoptr(GFile) r = g_file_new_for_path (p);
    g_autoptr(BfShare) s = bf_share_create (r, "Andre", other_admin, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  member = bf_share_enrol (w.share, other_admin, id, BF_MEMBER_ROLE_WORKER, "Bydel Nord", NULL, NULL, &error);
  g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_WRONG_ORG);
  g_assert_null (member);
  g_clear_error (&error);

  member = bf_share_enrol (w.share, w.admin_dir, id, BF_MEMBER_ROLE_WORKER, "Bydel Nord", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  g_assert_cmpint (member->role, ==, BF_MEMBER_ROLE_WORKER);

  twice = bf_share_enrol (w.share, w.admin_dir, id, BF_MEMBER_ROLE_SUPERVISOR, "Bydel Nord", NULL, NULL, &error);
  g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (bf_share_load_members (w.share, problems, NULL, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  loaded = bf_share_lookup_member (w.share, id);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->unit, ==, "Bydel Nord");
  g_assert_null (loaded->revoked_at);

  /* Remembering the share pins its org key and its readers. */
  g_assert_true (bf_share_remember (w.share, bf_profile_get_store (profile), NULL, NULL, &error));
  g_assert_no_error (error);
  pinned = bf_store_dup_meta (bf_profile_get_store (profile), BF_SHARE_META_ORG_KEY, &error);
  g_assert_nonnull (pinned);
  {
    g_autoptr(GPtrArray) readers = bf_feed_dup_recipients (bf_profile_get_store (profile), &error);
    g_assert_cmpuint (readers->len, ==, 1);   /* recovery; no supervisor yet */
  }

  g_assert_true (bf_share_revoke (w.share, w.admin_dir, id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (bf_share_revoke (w.share, w.admin_dir, "0123456789abcdef", NULL, NULL, &error));
  g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (bf_share_load_members (w.share, problems, NULL, &error));
  g_assert_nonnull (bf_share_lookup_member (w.share, id)->revoked_at);

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report), ==, 0);
  g_assert_cmpuint (bf_verify_report_get_n_members (report), ==, 1);

  bf_profile_lock (profile);
  bf_test_world_clear (&w);
}

static void
test_tampered_request (void)
{
  BfTestWorld w;
  g_autofree char *root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(BfVerifyReport) report = NULL;
  GString *s;

  bf_test_world_init (&w);
  root = g_build_filename (w.base, "profiles", NULL);
  profile = bf_profile_create (root, "Ola", "Sør", BF_TEST_PASSPHRASE, &error);
  g_assert_true (bf_share_write_request (w.share, bf_profile_get_store (profile), "Ola", "Sør",
                                         NULL, &id, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Someone edits the name in the request on the share. */
  path = g_strdup_printf ("%s/requests/%s.json", w.share_path, id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  s = g_string_new (contents);
  g_string_replace (s, "\"Ola\"", "\"Eve\"", 1);
  changed = g_string_free (s, FALSE);
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));

  member = bf_share_enrol (w.share, w.admin_dir, id, BF_MEMBER_ROLE_WORKER, "Sør", NULL, NULL, &error);
  g_assert_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE);
  g_assert_null (member);
  g_clear_error (&error);

  report = bf_verify_share (w.root, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bf_verify_report_has_problem_at (report, "requests/"));

  bf_profile_lock (profile);
  bf_test_world_clear (&w);
}

static char *
find_program (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed", name);
  return path;
}

static void
test_stock_tools (void)
{
  BfTestWorld w;
  BfTestMember *worker;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *minisign = find_program ("minisign");
  g_autofree char *age = minisign ? find_program ("age") : NULL;
  g_autofree char *record = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *key = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *quoted_record = NULL;
  g_autofree char *cmd = NULL;
  int status = -1;

  if (age == NULL)
    return;

  bf_test_world_init (&w);
  worker = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  bf_test_member_add_records (worker, 2, NULL);
  summary = bf_test_member_sync (&w, worker);
  g_assert_cmpuint (summary->pushed, ==, 2);

  record = bf_test_world_record_path (&w, worker->id, 2, FALSE);
  key = bf_minisign_public_key_to_string (bf_share_lookup_member (w.share, worker->id)->sign_key);
  {
    const char *argv[] = { minisign, "-V", "-P", key, "-m", record, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Signature and comment signature verified"));
    g_assert_nonnull (strstr (out, "bofast/1 author="));
    g_assert_nonnull (strstr (out, " seq=2 "));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  identity = g_build_filename (w.admin_dir, BF_SHARE_ADMIN_RECOVERY, NULL);
  {
    const char *argv[] = { age, "-d", "-i", identity, record, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, "{\"author\":\""));
    g_assert_nonnull (strstr (out, "\"body\":{\"n\":1,\"note\":\"Besøk nr. 1\"}"));
    g_assert_nonnull (strstr (out, "\"seq\":2"));
  }

  /* The org's own files are checkable with the stock tool too. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *pub = g_build_filename (w.admin_dir, BF_SHARE_ADMIN_ORG_PUB, NULL);
    g_autofree char *manifest = g_build_filename (w.share_path, BF_SHARE_MANIFEST, NULL);
    const char *argv[] = { minisign, "-V", "-p", pub, "-m", manifest, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "bofast/1 manifest"));
  }

  bf_test_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/share/create", test_create);
  g_test_add_func ("/share/request-enrol-revoke", test_request_enrol_revoke);
  g_test_add_func ("/share/tampered-request", test_tampered_request);
  g_test_add_func ("/share/stock-tools", test_stock_tools);

  return g_test_run ();
}
