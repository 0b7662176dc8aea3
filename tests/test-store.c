/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "bf-store.h"
#include "bf-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  BfSecret *key;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_build_filename (g_get_user_data_dir (), "store", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->path = g_build_filename (f->dir, BF_STORE_FILE_NAME, NULL);
  f->key = bf_secret_new_random (BF_STORE_KEY_SIZE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->key, bf_secret_free);
}

static BfStore *
create_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  BfStore *store = bf_store_create (f->path, f->key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
pragma (BfStore    *store,
        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *ret;

  g_assert_cmpint (sqlite3_prepare_v2 (bf_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ret = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return ret;
}

static void
test_meta_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *unset = NULL;

  g_assert_true (bf_store_set_meta (store, "greeting", "hei", &error));
  g_assert_no_error (error);
  g_assert_true (bf_store_set_meta (store, "greeting", "hallo", &error));
  g_assert_no_error (error);
  bf_store_close (store);
  g_clear_object (&store);

  store = bf_store_open (f->path, f->key, &error);
  g_assert_no_error (error);
  value = bf_store_dup_meta (store, "greeting", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "hallo");
  unset = bf_store_dup_meta (store, "nothing", &error);
  g_assert_no_error (error);
  g_assert_null (unset);
  g_assert_cmpint (bf_store_get_schema_version (store), ==, bf_store_get_latest_schema_version ());
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autofree char *journal = pragma (store, "PRAGMA journal_mode;");
  g_autofree char *sync = pragma (store, "PRAGMA synchronous;");
  g_autofree char *temp = pragma (store, "PRAGMA temp_store;");
  g_autofree char *secure = pragma (store, "PRAGMA secure_delete;");
  g_autofree char *fk = pragma (store, "PRAGMA foreign_keys;");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (sync, ==, "2");     /* FULL */
  g_assert_cmpstr (temp, ==, "2");     /* MEMORY */
  g_assert_cmpstr (secure, ==, "1");
  g_assert_cmpstr (fk, ==, "1");
}

static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sign_public = NULL;
  g_autoptr(GBytes) age_public = NULL;
  g_autoptr(BfSecret) sign_secret = NULL;
  g_autoptr(BfSecret) age_secret = NULL;
  guint8 derived[32];
  guint8 sig[crypto_sign_BYTES];

  g_assert_false (bf_store_has_identity (store));
  g_assert_true (bf_store_create_identity (store, &error));
  g_assert_no_error (error);
  g_assert_true (bf_store_has_identity (store));
  /* Exactly one identity. */
  g_assert_false (bf_store_create_identity (store, &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED);
  g_clear_error (&error);

  sign_public = bf_store_dup_signing_public_key (store, &error);
  g_assert_no_error (error);
  sign_secret = bf_store_dup_signing_secret_key (store, &error);
  g_assert_no_error (error);
  age_public = bf_store_dup_age_public_key (store, &error);
  g_assert_no_error (error);
  age_secret = bf_store_dup_age_secret_key (store, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_bytes_get_size (sign_public), ==, 32);

  {
    g_autofree char *minisign = bf_store_dup_minisign_public_key (store, &error);
    g_autofree guchar *decoded = NULL;
    gsize decoded_len = 0;

    g_assert_no_error (error);
    decoded = g_base64_decode (minisign, &decoded_len);
    g_assert_cmpuint (decoded_len, ==, 42);
    g_assert_cmpmem (decoded, 2, "Ed", 2);
    g_assert_cmpmem (decoded + 10, 32, g_bytes_get_data (sign_public, NULL), 32);
  }

  g_assert_cmpuint (bf_secret_get_size (sign_secret), ==, 64);
  crypto_sign_detached (sig, NULL, (const guint8 *) "x", 1, bf_secret_peek (sign_secret));
  g_assert_cmpint (crypto_sign_verify_detached (sig, (const guint8 *) "x", 1,
                                                g_bytes_get_data (sign_public, NULL)), ==, 0);

  g_assert_cmpint (crypto_scalarmult_base (derived, bf_secret_peek (age_secret)), ==, 0);
  g_assert_cmpmem (derived, 32, g_bytes_get_data (age_public, NULL), 32);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autoptr(BfSecret) other = bf_secret_new_random (BF_STORE_KEY_SIZE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) reopened = NULL;

  g_assert_true (bf_store_set_meta (store, "k", "v", NULL));
  bf_store_close (store);

  reopened = bf_store_open (f->path, other, &error);
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_DAMAGED);
  g_assert_null (reopened);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfStore) store = bf_store_open (f->path, f->key, &error);

  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_DAMAGED);
  g_assert_null (store);
  /* Opening must not have created an empty database. */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_not_plain_sqlite (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autofree char *contents = NULL;
  g_autofree char *sqlcipher = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gsize len = 0;

  g_assert_true (bf_store_set_meta (store, "k", "v", NULL));
  bf_store_close (store);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 1024);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);

  sqlcipher = g_find_program_in_path ("sqlcipher");
  if (sqlcipher == NULL)
    {
      g_test_skip ("The sqlcipher shell is not installed");
      return;
    }

  {
    const char *argv[] = { sqlcipher, f->path, "SELECT count(*) FROM sqlite_master;", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                                 NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("sqlcipher said: %s%s", out, err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "not a database"));
  }

  /* The positive control: with the raw key the stock shell reads it, so the
   * file is standard SQLCipher 4 and the refusal above is the encryption. */
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autofree char *script = NULL;
    g_autofree char *key_out = NULL;
    char hex[2 * BF_STORE_KEY_SIZE + 1];

    sodium_bin2hex (hex, sizeof hex, bf_secret_peek (f->key), BF_STORE_KEY_SIZE);
    script = g_strdup_printf ("PRAGMA key = \"x'%s'\";\nSELECT value FROM meta WHERE key = 'k';\n", hex);
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             sqlcipher, f->path, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (proc, script, NULL, &key_out, NULL, &error));
    g_assert_no_error (error);
    bf_memzero (script, strlen (script));
    g_assert_nonnull (strstr (key_out, "v\n"));
  }
}

static void
test_cipher_version (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autoptr(GError) error = NULL;
  guint major = 0, minor = 0, micro = 0;

  g_assert_true (bf_store_parse_cipher_version (bf_store_get_cipher_version (store),
                                                &major, &minor, &micro));
  g_test_message ("SQLCipher %s", bf_store_get_cipher_version (store));
  g_assert_true (major > 4 || (major == 4 && minor >= 6));

  g_assert_true (bf_store_parse_cipher_version ("4.6.1 community", &major, &minor, &micro));
  g_assert_cmpuint (major, ==, 4);
  g_assert_cmpuint (minor, ==, 6);
  g_assert_cmpuint (micro, ==, 1);
  g_assert_true (bf_store_parse_cipher_version ("5.0", &major, &minor, &micro));
  g_assert_false (bf_store_parse_cipher_version ("", &major, &minor, &micro));
  g_assert_false (bf_store_parse_cipher_version ("community", &major, &minor, &micro));
  g_assert_false (bf_store_parse_cipher_version ("4", &major, &minor, &micro));

  g_assert_true (bf_store_check_cipher_version ("4.6.0 community", &error));
  g_assert_no_error (error);
  g_assert_true (bf_store_check_cipher_version ("4.10.0", &error));
  g_assert_no_error (error);
  g_assert_true (bf_store_check_cipher_version ("5.0.0", &error));
  g_assert_no_error (error);
  g_assert_false (bf_store_check_cipher_version ("4.5.6 community", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (bf_store_check_cipher_version ("3.99.0", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (bf_store_check_cipher_version ("", &error));
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BfStore) store = create_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;",
                                          bf_store_get_latest_schema_version () + 1);
  g_autoptr(BfStore) reopened = NULL;

  g_assert_cmpint (sqlite3_exec (bf_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  bf_store_close (store);

  reopened = bf_store_open (f->path, f->key, &error);
  g_assert_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED);
  g_assert_null (reopened);
}

static void
check_modes (Fixture *f,
             mode_t   mask)
{
  mode_t old = umask (mask);
  g_autoptr(BfStore) store = create_store (f);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_assert_true (bf_store_set_meta (store, "k", "v", NULL));
  g_assert_cmpuint (bf_test_file_mode (f->path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bf_test_file_mode (wal), ==, 0600);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bf_test_file_mode (shm), ==, 0600);
  umask (old);
}

static void
test_modes_umask_022 (Fixture       *f,
                      gconstpointer  data)
{
  check_modes (f, 022);
}

static void
test_modes_umask_000 (Fixture       *f,
                      gconstpointer  data)
{
  check_modes (f, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/store/meta-round-trip", test_meta_round_trip);
  ADD ("/store/pragmas", test_pragmas);
  ADD ("/store/identity", test_identity);
  ADD ("/store/wrong-key", test_wrong_key);
  ADD ("/store/missing-file", test_missing_file);
  ADD ("/store/not-plain-sqlite", test_not_plain_sqlite);
  ADD ("/store/cipher-version", test_cipher_version);
  ADD ("/store/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/modes-umask-022", test_modes_umask_022);
  ADD ("/store/modes-umask-000", test_modes_umask_000);

#undef ADD

  return g_test_run ();
}
