/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "bf-test-util.h"
#include "bf-vault.h"

#define PASSPHRASE "korrekt hest batteri stift"
#define PROFILE_ID "0b6f1f0e-6c1e-4a57-9d6c-1b2a3c4d5e6f"

static char *
make_vault (BfSecret **out_key)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BfVault) vault = bf_vault_new (PROFILE_ID, "Kari Nordmann", "Boligkontoret", now);
  g_autoptr(BfSecret) key = bf_secret_new_random (BF_VAULT_KEY_SIZE);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), "vault.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  g_assert_true (bf_vault_wrap (vault, key, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (bf_vault_save (vault, path, &error));
  g_assert_no_error (error);

  if (out_key != NULL)
    *out_key = g_steal_pointer (&key);
  return path;
}

static void
test_round_trip (void)
{
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(BfSecret) unwrapped = NULL;
  g_autoptr(BfVault) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_vault (&key);
  guint64 ops;
  gsize mem;

  loaded = bf_vault_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (bf_vault_get_profile_id (loaded), ==, PROFILE_ID);
  g_assert_cmpstr (bf_vault_get_name (loaded), ==, "Kari Nordmann");
  g_assert_cmpstr (bf_vault_get_unit (loaded), ==, "Boligkontoret");
  g_assert_cmpuint (bf_vault_get_format_version (loaded), ==, BF_VAULT_FORMAT_VERSION);
  bf_vault_get_default_kdf_params (&ops, &mem);
  g_assert_cmpuint (bf_vault_get_opslimit (loaded), ==, ops);
  g_assert_cmpuint (bf_vault_get_memlimit (loaded), ==, mem);

  unwrapped = bf_vault_unwrap (loaded, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (bf_secret_equal (key, unwrapped));
  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);
}

static void
test_file_has_no_key (void)
{
  g_autoptr(BfSecret) key = NULL;
  g_autofree char *path = make_vault (&key);
  g_autofree char *contents = NULL;
  g_autofree char *b64 = NULL;
  char hex[2 * BF_VAULT_KEY_SIZE + 1];
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  b64 = g_base64_encode (bf_secret_peek (key), BF_VAULT_KEY_SIZE);
  sodium_bin2hex (hex, sizeof hex, bf_secret_peek (key), BF_VAULT_KEY_SIZE);
  g_assert_null (memmem (contents, len, bf_secret_peek (key), BF_VAULT_KEY_SIZE));
  g_assert_null (strstr (contents, b64));
  g_assert_null (strstr (contents, hex));
  g_assert_null (strstr (contents, PASSPHRASE));
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *path = make_vault (NULL);
  g_autoptr(BfVault) loaded = bf_vault_load (path, NULL);
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (loaded);
  key = bf_vault_unwrap (loaded, "korrekt hest batteri stifT", &error);
  g_assert_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (key);
}

static void
replace_in_file (const char *path,
                 const char *from,
                 const char *to)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, from));
  parts = g_strsplit (contents, from, -1);
  joined = g_strjoinv (to, parts);
  g_assert_true (g_file_set_contents (path, joined, -1, NULL));
}

/* The uuid is associated data: a vault moved to another profile id does not
 * unwrap, even with the right passphrase. */
static void
test_bound_to_profile (void)
{
  g_autofree char *path = make_vault (NULL);
  g_autoptr(BfVault) loaded = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(GError) error = NULL;

  replace_in_file (path, PROFILE_ID, "11111111-2222-4333-8444-555555555555");
  loaded = bf_vault_load (path, &error);
  g_assert_no_error (error);
  key = bf_vault_unwrap (loaded, PASSPHRASE, &error);
  g_assert_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (key);
}

static void
assert_load_fails (const char *path,
                   const char *contents,
                   gssize      len,
                   int         code)
{
  g_autoptr(BfVault) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  loaded = bf_vault_load (path, &error);
  g_assert_error (error, BF_VAULT_ERROR, code);
  g_assert_null (loaded);
}

static void
test_damaged (void)
{
  g_autofree char *path = make_vault (NULL);
  g_autofree char *good = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfVault) missing = NULL;
  g_autofree char *missing_path = g_build_filename (g_get_user_data_dir (), "nope.json", NULL);
  gsize len;

  g_assert_true (g_file_get_contents (path, &good, &len, NULL));

  assert_load_fails (path, "", 0, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, "not json", -1, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, "[]", -1, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, good, len / 2, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, "{\"format\":\"bofast-vault\",\"version\":\"1\"}", -1, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, "{\"format\":\"bofast-vault\",\"version\":1}", -1, BF_VAULT_ERROR_DAMAGED);
  assert_load_fails (path, "{\"format\":\"bofast-vault\",\"version\":2}", -1, BF_VAULT_ERROR_UNSUPPORTED);
  assert_load_fails (path, "\xff\xfe{}", -1, BF_VAULT_ERROR_DAMAGED);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  assert_load_fails (path, deep->str, deep->len, BF_VAULT_ERROR_DAMAGED);

  big = g_strnfill (BF_VAULT_MAX_FILE_SIZE + 1, ' ');
  assert_load_fails (path, big, -1, BF_VAULT_ERROR_DAMAGED);

  /* One field at a time made wrong. */
  {
    static const char * const edits[][2] = {
      { "\"argon2id13\"", "\"argon2i13\"" },
      { "\"wrapped-key\" : \"", "\"wrapped-key\" : \"AAAA" },
      { "\"nonce\" : \"", "\"nonce\" : \"!" },
      { "\"id\" : \"", "\"id\" : \"x" },
      { "\"opslimit\" : ", "\"opslimit\" : 9999" },
      { "\"memlimit\" : ", "\"memlimit\" : 9999999" },
      { "\"name\" : ", "\"name\" : 1, \"x\" : " },
    };

    for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
      {
        g_auto(GStrv) parts = NULL;
        g_autofree char *edited = NULL;
        g_autoptr(BfVault) loaded = NULL;
        g_autoptr(GError) edit_error = NULL;

        g_assert_nonnull (strstr (good, edits[i][0]));
        parts = g_strsplit (good, edits[i][0], 2);
        edited = g_strjoin (edits[i][1], parts[0], parts[1], NULL);
        g_assert_true (g_file_set_contents (path, edited, -1, NULL));
        loaded = bf_vault_load (path, &edit_error);
        g_test_message ("edit %u: %s", i, edit_error ? edit_error->message : "loaded");
        g_assert_null (loaded);
        g_assert_true (g_error_matches (edit_error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED) ||
                       g_error_matches (edit_error, BF_VAULT_ERROR, BF_VAULT_ERROR_UNSUPPORTED));
      }
  }

  missing = bf_vault_load (missing_path, &error);
  g_assert_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED);
  g_assert_null (missing);
}

/* Random damage never crashes the parser and never yields a wrong key:
 * each mutant either loads and unwraps to the right key (the change was in
 * whitespace or a display field), or is refused with a vault error. */
static void
test_mutations (void)
{
  g_autoptr(BfSecret) key = NULL;
  g_autofree char *path = make_vault (&key);
  g_autofree char *good = NULL;
  guint loaded_count = 0, refused = 0;
  gsize len;

  g_assert_true (g_file_get_contents (path, &good, &len, NULL));

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *mutant = g_memdup2 (good, len);
      g_autoptr(BfVault) vault = NULL;
      g_autoptr(BfSecret) unwrapped = NULL;
      g_autoptr(GError) error = NULL;
      gsize mutant_len = len;
      guint flips = g_test_rand_int_range (1, 4);

      for (guint j = 0; j < flips; j++)
        mutant[g_test_rand_int_range (0, len)] = (char) g_test_rand_int_range (0, 256);
      if (g_test_rand_bit ())
        mutant_len = g_test_rand_int_range (0, len);

      g_assert_true (g_file_set_contents (path, mutant, mutant_len, NULL));
      vault = bf_vault_load (path, &error);
      if (vault == NULL)
        {
          g_assert_true (error != NULL && error->domain == BF_VAULT_ERROR);
          refused++;
          continue;
        }

      g_assert_no_error (error);
      unwrapped = bf_vault_unwrap (vault, PASSPHRASE, &error);
      if (unwrapped != NULL)
        g_assert_true (bf_secret_equal (key, unwrapped));
      else
        g_assert_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_WRONG_PASSPHRASE);
      loaded_count++;
    }

  g_test_message ("%u mutants refused, %u loaded", refused, loaded_count);
  g_assert_cmpuint (refused, >, 0);
}

/* The same passphrase typed with a composed or a decomposed å unwraps. */
static void
test_normalization (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BfVault) vault = bf_vault_new (PROFILE_ID, "Ola", "", now);
  g_autoptr(BfSecret) key = bf_secret_new_random (BF_VAULT_KEY_SIZE);
  g_autoptr(BfSecret) unwrapped = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_vault_wrap (vault, key, "bl\xc3\xa5" "b\xc3\xa6rsyltet\xc3\xb8y", &error));
  g_assert_no_error (error);
  unwrapped = bf_vault_unwrap (vault, "bla\xcc\x8a" "b\xc3\xa6rsyltet\xc3\xb8y", &error);
  g_assert_no_error (error);
  g_assert_true (bf_secret_equal (key, unwrapped));
}

static void
test_mode_under_umask (void)
{
  mode_t old = umask (0);
  g_autofree char *path = make_vault (NULL);

  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);
  umask (0077);
  g_clear_pointer (&path, g_free);
  path = make_vault (NULL);
  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);
  umask (old);
}

/* The real parameters are what was measured; the test switch is honoured
 * only when set. */
static void
test_default_params (void)
{
  guint64 ops;
  gsize mem;

  g_unsetenv (BF_VAULT_TEST_PARAMS_ENV);
  bf_vault_get_default_kdf_params (&ops, &mem);
  g_assert_cmpuint (ops, ==, 4);
  g_assert_cmpuint (mem, ==, 256 * 1024 * 1024);

  g_setenv (BF_VAULT_TEST_PARAMS_ENV, "1", TRUE);
  bf_vault_get_default_kdf_params (&ops, &mem);
  g_assert_cmpuint (ops, ==, crypto_pwhash_OPSLIMIT_MIN);
  g_assert_cmpuint (mem, ==, crypto_pwhash_MEMLIMIT_MIN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/vault/round-trip", test_round_trip);
  g_test_add_func ("/vault/file-has-no-key", test_file_has_no_key);
  g_test_add_func ("/vault/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/vault/bound-to-profile", test_bound_to_profile);
  g_test_add_func ("/vault/damaged", test_damaged);
  g_test_add_func ("/vault/mutations", test_mutations);
  g_test_add_func ("/vault/normalization", test_normalization);
  g_test_add_func ("/vault/mode-under-umask", test_mode_under_umask);
  g_test_add_func ("/vault/default-params", test_default_params);

  return g_test_run ();
}
