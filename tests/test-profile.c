/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bf-profile.h"
#include "bf-store.h"
#include "bf-test-util.h"
#include "bf-vault.h"

#define PASS_A "første passfrase, lang nok"
#define PASS_B "andre passfrase, også lang"

static char *
get_root (void)
{
  return bf_profile_get_default_root ();
}

static BfProfile *
create_profile (const char *name,
                const char *passphrase)
{
  g_autofree char *root = get_root ();
  g_autoptr(GError) error = NULL;
  BfProfile *profile = bf_profile_create (root, name, "Tildelingskontoret", passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_create_and_load (void)
{
  g_autoptr(BfProfile) profile = create_profile ("  Kari Nordmann ", PASS_A);
  g_autoptr(BfProfile) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *base = NULL;
  BfStore *store;

  g_assert_false (bf_profile_get_locked (profile));
  g_assert_cmpstr (bf_profile_get_name (profile), ==, "Kari Nordmann");
  g_assert_cmpstr (bf_profile_get_unit (profile), ==, "Tildelingskontoret");
  g_assert_true (g_uuid_string_is_valid (bf_profile_get_id (profile)));
  base = g_path_get_basename (bf_profile_get_dir (profile));
  g_assert_cmpstr (base, ==, bf_profile_get_id (profile));

  store = bf_profile_get_store (profile);
  g_assert_nonnull (store);
  g_assert_true (bf_store_has_identity (store));
  name = bf_store_dup_meta (store, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Kari Nordmann");
  id = bf_store_dup_meta (store, "profile-id", &error);
  g_assert_cmpstr (id, ==, bf_profile_get_id (profile));
  created = bf_store_dup_meta (store, "created", &error);
  g_assert_nonnull (created);

  loaded = bf_profile_load (bf_profile_get_dir (profile), &error);
  g_assert_no_error (error);
  g_assert_true (bf_profile_get_locked (loaded));
  g_assert_null (bf_profile_get_store (loaded));
  g_assert_cmpstr (bf_profile_get_id (loaded), ==, bf_profile_get_id (profile));
  g_assert_cmpstr (bf_profile_get_name (loaded), ==, "Kari Nordmann");
}

static void
test_create_refuses_bad_input (void)
{
  g_autofree char *root = get_root ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;

  profile = bf_profile_create (root, "Ola", NULL, "kort", &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WEAK_PASSPHRASE);
  g_assert_null (profile);
  g_clear_error (&error);

  /* Eleven characters, more than eleven bytes: counted in characters. */
  profile = bf_profile_create (root, "Ola", NULL, "æøåæøåæøåæø", &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  profile = bf_profile_create (root, "   ", NULL, PASS_A, &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID);
  g_assert_null (profile);
}

static void
test_list_and_find (void)
{
  g_autofree char *root = get_root ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) found = NULL;
  g_autoptr(BfProfile) a = NULL;
  g_autoptr(BfProfile) b = NULL;
  g_autofree char *stray = NULL;

  list = bf_profile_list (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  found = bf_profile_find (root, NULL, &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  b = create_profile ("Berit", PASS_A);
  found = bf_profile_find (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_profile_get_id (found), ==, bf_profile_get_id (b));
  g_clear_object (&found);

  a = create_profile ("Anders", PASS_A);
  /* An interrupted create leaves a directory without vault.json. */
  stray = g_build_filename (root, "00000000-0000-4000-8000-000000000000", NULL);
  g_assert_cmpint (g_mkdir (stray, 0700), ==, 0);

  list = bf_profile_list (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (bf_profile_get_name (g_ptr_array_index (list, 0)), ==, "Anders");
  g_assert_cmpstr (bf_profile_get_name (g_ptr_array_index (list, 1)), ==, "Berit");

  found = bf_profile_find (root, NULL, &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_AMBIGUOUS);
  g_assert_null (found);
  g_clear_error (&error);

  found = bf_profile_find (root, "Berit", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_profile_get_id (found), ==, bf_profile_get_id (b));
  g_clear_object (&found);

  found = bf_profile_find (root, "Nobody", &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND);
}

static void
test_unlock_lock (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = bf_profile_load (bf_profile_get_dir (created), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  guint notified = 0;

  g_assert_true (bf_store_set_meta (bf_profile_get_store (created), "note", "hei", NULL));
  bf_profile_lock (created);
  g_assert_true (bf_profile_get_locked (created));

  g_signal_connect (profile, "notify::locked", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (bf_profile_unlock (profile, PASS_A, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (bf_profile_get_locked (profile));
  value = bf_store_dup_meta (bf_profile_get_store (profile), "note", &error);
  g_assert_cmpstr (value, ==, "hei");

  /* Unlocking twice is harmless and does not notify. */
  g_assert_true (bf_profile_unlock (profile, PASS_A, &error));
  g_assert_cmpuint (notified, ==, 1);

  bf_profile_lock (profile);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_null (bf_profile_get_store (profile));
  bf_profile_lock (profile);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_wrong_passphrase_changes_nothing (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (bf_profile_get_dir (created));

  g_assert_true (bf_store_set_meta (bf_profile_get_store (created), "note", "hei", NULL));
  bf_profile_lock (created);

  before = bf_test_hash_tree (dir);
  g_assert_cmpuint (g_hash_table_size (before), ==, 2);   /* vault.json, bofast.db */

  profile = bf_profile_load (dir, &error);
  g_assert_no_error (error);
  g_assert_false (bf_profile_unlock (profile, PASS_B, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (bf_profile_get_locked (profile));

  g_assert_false (bf_profile_change_passphrase (profile, PASS_B, "noe helt nytt og langt", &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  g_assert_false (bf_profile_change_passphrase (profile, PASS_A, "kort", &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WEAK_PASSPHRASE);

  after = bf_test_hash_tree (dir);
  bf_test_assert_same_tree (before, after);
}

static void
test_change_passphrase (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (bf_profile_get_dir (created));
  g_autofree char *db = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize len_before, len_after;

  bf_profile_lock (created);
  g_assert_true (g_file_get_contents (db, &db_before, &len_before, NULL));

  g_assert_true (bf_profile_change_passphrase (created, PASS_A, PASS_B, &error));
  g_assert_no_error (error);

  /* Rewrap only: the database is not re-encrypted. */
  g_assert_true (g_file_get_contents (db, &db_after, &len_after, NULL));
  g_assert_cmpmem (db_before, len_before, db_after, len_after);

  profile = bf_profile_load (dir, NULL);
  g_assert_false (bf_profile_unlock (profile, PASS_A, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (bf_profile_unlock (profile, PASS_B, &error));
  g_assert_no_error (error);

  /* Changing while unlocked works too and keeps the store open. */
  g_assert_true (bf_profile_change_passphrase (profile, PASS_B, PASS_A, &error));
  g_assert_no_error (error);
  g_assert_false (bf_profile_get_locked (profile));
  bf_profile_lock (profile);
  g_assert_true (bf_profile_unlock (profile, PASS_A, &error));
  g_assert_no_error (error);
}

static void
test_damaged_database (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (bf_profile_get_dir (created));
  g_autofree char *db = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);

  bf_profile_lock (created);
  /* Past the 16-byte salt, inside page 1 (and its HMAC'd content). */
  bf_test_corrupt_file (db, 100, 64);

  profile = bf_profile_load (dir, &error);
  g_assert_no_error (error);
  g_assert_false (bf_profile_unlock (profile, PASS_B, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (bf_profile_unlock (profile, PASS_A, &error));
  g_test_message ("damaged database: %s", error->message);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE);
  g_assert_true (bf_profile_get_locked (profile));
}

static void
test_missing_database (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (bf_profile_get_dir (created), BF_STORE_FILE_NAME, NULL);

  bf_profile_lock (created);
  g_assert_cmpint (g_unlink (db), ==, 0);
  g_assert_false (bf_profile_unlock (created, PASS_A, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_damaged_vault (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (bf_profile_get_dir (created));
  g_autofree char *vault = g_build_filename (dir, BF_VAULT_FILE_NAME, NULL);

  bf_profile_lock (created);
  bf_test_corrupt_file (vault, 0, 1);

  /* Already loaded: the unlock re-reads the file. */
  g_assert_false (bf_profile_unlock (created, PASS_A, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT);
  g_clear_error (&error);

  profile = bf_profile_load (dir, &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT);
  g_assert_null (profile);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (vault), ==, 0);
  profile = bf_profile_load (dir, &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT);
  g_assert_null (profile);
}

static void
test_missing_identity (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (bf_store_get_db (bf_profile_get_store (created)),
                                 "DELETE FROM identity;", NULL, NULL, NULL), ==, SQLITE_OK);
  bf_profile_lock (created);

  g_assert_false (bf_profile_unlock (created, PASS_A, &error));
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE);
  g_assert_true (bf_profile_get_locked (created));
}

static void
test_newer_vault_format (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vault = g_build_filename (bf_profile_get_dir (created), BF_VAULT_FILE_NAME, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *edited = NULL;

  bf_profile_lock (created);
  g_assert_true (g_file_get_contents (vault, &contents, NULL, NULL));
  parts = g_strsplit (contents, "\"version\" : 1,", 2);
  g_assert_nonnull (parts[1]);
  edited = g_strjoin ("\"version\" : 2,", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (vault, edited, -1, NULL));

  profile = bf_profile_load (bf_profile_get_dir (created), &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_UNSUPPORTED);
  g_assert_null (profile);
}

/* vault.json copied from one profile into another is refused: the folder
 * name and the associated data both bind it to its own uuid. */
static void
test_swapped_vault (void)
{
  g_autoptr(BfProfile) a = create_profile ("Anne", PASS_A);
  g_autoptr(BfProfile) b = create_profile ("Bjørn", PASS_A);
  g_autoptr(BfProfile) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vault_a = g_build_filename (bf_profile_get_dir (a), BF_VAULT_FILE_NAME, NULL);
  g_autofree char *vault_b = g_build_filename (bf_profile_get_dir (b), BF_VAULT_FILE_NAME, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  bf_profile_lock (a);
  bf_profile_lock (b);
  g_assert_true (g_file_get_contents (vault_a, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (vault_b, contents, len, NULL));

  loaded = bf_profile_load (bf_profile_get_dir (b), &error);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT);
  g_assert_null (loaded);
}

static gboolean
tree_has_marker (const char  *dir,
                 const char  *marker,
                 char       **found_in)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong utf16_len = 0;

  if (bf_test_tree_contains (dir, (const guint8 *) marker, strlen (marker), found_in))
    return TRUE;

  utf16 = g_utf8_to_utf16 (marker, -1, NULL, &utf16_len, NULL);
  return bf_test_tree_contains (dir, (const guint8 *) utf16, utf16_len * 2, found_in);
}

static void
assert_marker_nowhere (const char *profile_dir,
                       const char *marker)
{
  const char *dirs[] = { profile_dir, g_get_user_cache_dir (), g_get_tmp_dir () };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *found_in = NULL;

      if (tree_has_marker (dirs[i], marker, &found_in))
        g_test_message ("The marker is in %s", found_in);
      g_assert_null (found_in);
    }
}

/* Plaintext written to the store appears in no file: not in bofast.db or
 * its -wal and -shm, not in /tmp, not in the cache. */
static void
test_marker_stays_encrypted (void)
{
  g_autoptr(BfProfile) profile = create_profile ("Kari", PASS_A);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_build_filename (bf_profile_get_dir (profile), "bofast.db-wal", NULL);
  guint8 random[16];
  char hex[33];
  g_autofree char *marker = NULL;
  g_autofree char *read_back = NULL;

  randombytes_buf (random, sizeof random);
  sodium_bin2hex (hex, sizeof hex, random, sizeof random);
  marker = g_strdup_printf ("BOFAST-MARKER-%s-fødselsnummer", hex);

  g_assert_true (bf_store_set_meta (bf_profile_get_store (profile), "marker", marker, &error));
  g_assert_no_error (error);
  read_back = bf_store_dup_meta (bf_profile_get_store (profile), "marker", &error);
  g_assert_cmpstr (read_back, ==, marker);

  /* While open, the write sits in the WAL. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_marker_nowhere (bf_profile_get_dir (profile), marker);

  bf_profile_lock (profile);
  assert_marker_nowhere (bf_profile_get_dir (profile), marker);

  /* The check can fail: the same scan finds a plaintext copy. */
  {
    g_autofree char *plain = g_build_filename (g_get_user_cache_dir (), "leak.txt", NULL);
    g_autofree char *found_in = NULL;

    g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
    g_assert_true (g_file_set_contents (plain, marker, -1, NULL));
    g_assert_true (tree_has_marker (g_get_user_cache_dir (), marker, &found_in));
    g_assert_cmpint (g_unlink (plain), ==, 0);
  }
}

static void
check_modes (mode_t mask)
{
  mode_t old = umask (mask);
  g_autofree char *root = get_root ();
  g_autoptr(BfProfile) profile = NULL;
  g_autofree char *vault = NULL;
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  const char *dir;

  /* A root that already exists with a loose mode is tightened. */
  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
  profile = create_profile ("Kari", PASS_A);
  dir = bf_profile_get_dir (profile);
  vault = g_build_filename (dir, "vault.json", NULL);
  db = g_build_filename (dir, "bofast.db", NULL);
  wal = g_build_filename (dir, "bofast.db-wal", NULL);
  shm = g_build_filename (dir, "bofast.db-shm", NULL);

  g_assert_true (bf_profile_change_passphrase (profile, PASS_A, PASS_B, NULL));

  g_assert_cmpuint (bf_test_file_mode (root), ==, 0700);
  g_assert_cmpuint (bf_test_file_mode (dir), ==, 0700);
  g_assert_cmpuint (bf_test_file_mode (vault), ==, 0600);
  g_assert_cmpuint (bf_test_file_mode (db), ==, 0600);
  g_assert_cmpuint (bf_test_file_mode (wal), ==, 0600);
  g_assert_cmpuint (bf_test_file_mode (shm), ==, 0600);
  umask (old);
}

static void
test_modes_umask_022 (void)
{
  check_modes (022);
}

static void
test_modes_umask_000 (void)
{
  check_modes (0);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static GAsyncResult *
wait_for_result (AsyncData *data)
{
  g_main_loop_run (data->loop);
  return data->result;
}

static void
test_async (void)
{
  g_autofree char *root = get_root ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL };
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  bf_profile_create_async (root, "Asynkron", NULL, PASS_A, NULL, async_done_cb, &data);
  profile = bf_profile_create_finish (wait_for_result (&data), &error);
  g_clear_object (&data.result);
  g_assert_no_error (error);
  g_assert_false (bf_profile_get_locked (profile));
  bf_profile_lock (profile);

  g_signal_connect (profile, "notify::locked", G_CALLBACK (count_notify_cb), &notified);

  bf_profile_unlock_async (profile, PASS_B, NULL, async_done_cb, &data);
  g_assert_false (bf_profile_unlock_finish (profile, wait_for_result (&data), &error));
  g_clear_object (&data.result);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 0);

  bf_profile_unlock_async (profile, PASS_A, NULL, async_done_cb, &data);
  g_assert_true (bf_profile_unlock_finish (profile, wait_for_result (&data), &error));
  g_clear_object (&data.result);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (bf_profile_get_locked (profile));

  bf_profile_change_passphrase_async (profile, PASS_A, PASS_B, NULL, async_done_cb, &data);
  g_assert_true (bf_profile_change_passphrase_finish (profile, wait_for_result (&data), &error));
  g_clear_object (&data.result);
  g_assert_no_error (error);

  bf_profile_lock (profile);
  g_assert_cmpuint (notified, ==, 2);

  /* A lock while the unlock runs wins. */
  bf_profile_unlock_async (profile, PASS_B, NULL, async_done_cb, &data);
  bf_profile_lock (profile);
  g_assert_false (bf_profile_unlock_finish (profile, wait_for_result (&data), &error));
  g_clear_object (&data.result);
  g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_LOCKED);
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_strength (void)
{
  g_assert_cmpuint (bf_passphrase_estimate_strength (""), ==, 0);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("Xy9!"), <=, 1);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("aaaaaaaaaaaaaaaaaaaa"), ==, 0);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("abcdefghijklmnop"), ==, 0);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("password1234"), ==, 0);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("Sommer2024!!"), <=, 2);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("korrekt hest batteri stift"), >=, 3);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("Tr0ub4dor&3x!Qz"), >=, 3);
  g_assert_cmpuint (bf_passphrase_estimate_strength ("gk#8Lq!zP2@vR7^w"), ==, 4);
  /* Longer is never weaker here. */
  g_assert_cmpuint (bf_passphrase_estimate_strength ("blå bær og grønne epler"), >=,
                    bf_passphrase_estimate_strength ("blå bær"));
}

/* The child side of the kill test: flips the passphrase back and forth as
 * fast as it can and reports each completed change on stdout. */
static int
passwd_loop (const char *dir)
{
  g_autoptr(BfProfile) profile = NULL;

  g_assert_true (bf_secure_init (NULL));
  profile = bf_profile_load (dir, NULL);
  if (profile == NULL)
    return 3;

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      if (!bf_profile_change_passphrase (profile, PASS_A, PASS_B, &error))
        {
          if (!g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE))
            return 4;
          g_clear_error (&error);
          if (!bf_profile_change_passphrase (profile, PASS_B, PASS_A, &error))
            return 5;
        }
      if (write (STDOUT_FILENO, ".", 1) != 1)
        return 6;
    }
}

static gboolean
opens_with (const char *dir,
            const char *passphrase)
{
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  profile = bf_profile_load (dir, &error);
  g_assert_no_error (error);
  ok = bf_profile_unlock (profile, passphrase, &error);
  if (!ok)
    g_assert_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE);
  bf_profile_lock (profile);
  return ok;
}

#define KILL_ITERATIONS 60

/* SIGKILL during passphrase changes, at random moments: afterwards exactly
 * one of the two passphrases opens the profile, never none and never both. */
static void
test_kill_during_passwd (void)
{
  g_autoptr(BfProfile) created = create_profile ("Kari", PASS_A);
  g_autofree char *dir = g_strdup (bf_profile_get_dir (created));
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  guint seen_a = 0, seen_b = 0, total_changes = 0;
  g_autoptr(GDir) gdir = NULL;
  const char *entry;
  guint leftovers = 0;

  bf_profile_lock (created);
  g_assert_nonnull (self_exe);

  for (guint i = 0; i < KILL_ITERATIONS; i++)
    {
      const char *argv[] = { self_exe, "--passwd-loop", dir, NULL };
      g_autoptr(GError) error = NULL;
      guint wanted = g_test_rand_int_range (0, 4);
      GPid pid = 0;
      int out_fd = -1;
      int status = 0;
      gboolean a, b;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Let the child complete a few changes first, so that the kill lands
       * in every phase of one: KDF, temporary file, fsync, rename. */
      for (guint done = 0; done < wanted; )
        {
          char c;
          gssize n = read (out_fd, &c, 1);

          if (n < 0 && errno == EINTR)
            continue;
          g_assert_cmpint (n, ==, 1);
          done++;
        }
      g_usleep (g_test_rand_int_range (0, 20000));

      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      close (out_fd);

      /* Killed, not exited: an exit would mean the child hit an error. */
      g_assert_true (WIFSIGNALED (status));
      total_changes += wanted;

      a = opens_with (dir, PASS_A);
      b = opens_with (dir, PASS_B);
      g_assert_true (a != b);
      seen_a += a;
      seen_b += b;
    }

  g_test_message ("%u kills, %u changes observed before the kills; A opened %u times, B %u times",
                  KILL_ITERATIONS, total_changes, seen_a, seen_b);
  g_assert_cmpuint (total_changes, >, 0);
  g_assert_cmpuint (seen_a, >, 0);
  g_assert_cmpuint (seen_b, >, 0);

  /* A kill between mkstemp and rename can leave a temporary file behind;
   * it holds only a wrapped key. The next successful change removes it. */
  g_assert_true (opens_with (dir, PASS_A) ?
                 bf_profile_change_passphrase (created, PASS_A, PASS_B, NULL) :
                 bf_profile_change_passphrase (created, PASS_B, PASS_A, NULL));
  gdir = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (entry, "vault.json."))
      leftovers++;
  g_assert_cmpuint (leftovers, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--passwd-loop") == 0)
    return passwd_loop (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/profile/create-and-load", test_create_and_load);
  g_test_add_func ("/profile/create-refuses-bad-input", test_create_refuses_bad_input);
  g_test_add_func ("/profile/list-and-find", test_list_and_find);
  g_test_add_func ("/profile/unlock-lock", test_unlock_lock);
  g_test_add_func ("/profile/wrong-passphrase-changes-nothing", test_wrong_passphrase_changes_nothing);
  g_test_add_func ("/profile/change-passphrase", test_change_passphrase);
  g_test_add_func ("/profile/damaged-database", test_damaged_database);
  g_test_add_func ("/profile/missing-database", test_missing_database);
  g_test_add_func ("/profile/damaged-vault", test_damaged_vault);
  g_test_add_func ("/profile/missing-identity", test_missing_identity);
  g_test_add_func ("/profile/newer-vault-format", test_newer_vault_format);
  g_test_add_func ("/profile/swapped-vault", test_swapped_vault);
  g_test_add_func ("/profile/marker-stays-encrypted", test_marker_stays_encrypted);
  g_test_add_func ("/profile/modes-umask-022", test_modes_umask_022);
  g_test_add_func ("/profile/modes-umask-000", test_modes_umask_000);
  g_test_add_func ("/profile/async", test_async);
  g_test_add_func ("/profile/strength", test_strength);
  g_test_add_func ("/profile/kill-during-passwd", test_kill_during_passwd);

  return g_test_run ();
}
