/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "bf-minisign.h"
#include "bf-secure.h"

#define KAT_KEY_ID "19247931F7EEBEEF"
#define KAT_PUBLIC_KEY "RWTvvu73MXkkGQ7XYWtzF6eKgBVBBHKzapVdlEs7cYldI1LLZV6j4nmw"
#define KAT_TRUSTED_COMMENT \
  "bofast/1 author=m-0001 seq=1 " \
  "prev=0000000000000000000000000000000000000000000000000000000000000000 " \
  "kind=visit subject=6f1c0e0a-3b3e-4c1a-9d7e-2a1b3c4d5e6f time=2026-11-22T05:00:00Z"

static char *
load_text (const char *name,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static GBytes *
kat_public_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = load_text ("minisign-kat.pub", NULL);
  GBytes *pk = bf_minisign_public_key_from_file_contents (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pk);
  return pk;
}

static void
assert_verify_fails (const guint8 *data,
                     gsize         len,
                     GBytes       *pk,
                     const char   *sig,
                     gint          code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tc = NULL;

  g_assert_false (bf_minisign_verify (data, len, pk, sig, -1, &tc, &error));
  g_assert_error (error, BF_MINISIGN_ERROR, code);
  g_assert_null (tc);
}

/* Replaces the first occurrence of @old in @str. */
static char *
replace (const char *str,
         const char *old,
         const char *new)
{
  const char *at = strstr (str, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - str), str, new, at + strlen (old));
}

static char **
split_lines (const char *sig)
{
  char **lines = g_strsplit (sig, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  return lines;
}

/* A signature made once with the stock minisign 0.11 */

static void
test_kat_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pk = kat_public_key ();
  g_autofree char *msg = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *tc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *pub_file = NULL;
  g_autofree char *pub_again = NULL;
  gsize msg_len, sig_len;

  msg = load_text ("minisign-kat.txt", &msg_len);
  sig = load_text ("minisign-kat.txt.minisig", &sig_len);

  g_assert_true (bf_minisign_verify ((const guint8 *) msg, msg_len, pk, sig, sig_len, &tc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc, ==, KAT_TRUSTED_COMMENT);

  id = bf_minisign_key_id_to_string (pk);
  g_assert_cmpstr (id, ==, KAT_KEY_ID);
  b64 = bf_minisign_public_key_to_string (pk);
  g_assert_cmpstr (b64, ==, KAT_PUBLIC_KEY);

  /* Our .pub files are byte for byte what minisign writes. */
  pub_file = load_text ("minisign-kat.pub", NULL);
  pub_again = bf_minisign_public_key_to_file_contents (pk);
  g_assert_cmpstr (pub_again, ==, pub_file);
}

static void
test_kat_tampered (void)
{
  g_autoptr(GBytes) pk = kat_public_key ();
  g_autoptr(GBytes) other_pk = NULL;
  g_autoptr(BfSecret) other = bf_minisign_keypair_generate (&other_pk);
  g_autoptr(GBytes) same_id = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *tc_changed = NULL;
  g_autofree char *uc_changed = NULL;
  guint8 pk_bytes[BF_MINISIGN_PUBLIC_KEY_SIZE];
  gsize msg_len;

  msg = load_text ("minisign-kat.txt", &msg_len);
  sig = load_text ("minisign-kat.txt.minisig", NULL);

  /* One changed byte of the file. */
  msg[3] ^= 0x20;
  assert_verify_fails ((const guint8 *) msg, msg_len, pk, sig, BF_MINISIGN_ERROR_BAD_SIGNATURE);
  msg[3] ^= 0x20;
  assert_verify_fails ((const guint8 *) msg, msg_len - 1, pk, sig, BF_MINISIGN_ERROR_BAD_SIGNATURE);

  /* A changed trusted comment. */
  tc_changed = replace (sig, "seq=1 ", "seq=2 ");
  assert_verify_fails ((const guint8 *) msg, msg_len, pk, tc_changed,
                       BF_MINISIGN_ERROR_BAD_COMMENT_SIGNATURE);

  /* Another key, with another key id. */
  assert_verify_fails ((const guint8 *) msg, msg_len, other_pk, sig, BF_MINISIGN_ERROR_WRONG_KEY);

  /* Another key that claims the same key id. */
  memcpy (pk_bytes, g_bytes_get_data (other_pk, NULL), sizeof pk_bytes);
  memcpy (pk_bytes + 2, (const guint8 *) g_bytes_get_data (pk, NULL) + 2, BF_MINISIGN_KEY_ID_SIZE);
  same_id = g_bytes_new (pk_bytes, sizeof pk_bytes);
  assert_verify_fails ((const guint8 *) msg, msg_len, same_id, sig, BF_MINISIGN_ERROR_BAD_SIGNATURE);

  /* The untrusted comment is not covered, by design. */
  uc_changed = replace (sig, "signature from minisign secret key", "anything at all");
  g_assert_true (bf_minisign_verify ((const guint8 *) msg, msg_len, pk, uc_changed, -1, NULL, NULL));
}

/* Our own signatures */

static void
test_sign_verify (void)
{
  static const gsize sizes[] = { 0, 1, 8192, 200000 };
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = bf_minisign_keypair_generate (&pk);
  g_autofree guint8 *data = g_malloc (200000);

  randombytes_buf (data, 200000);
  g_assert_cmpuint (g_bytes_get_size (pk), ==, 42);
  g_assert_cmpmem (g_bytes_get_data (pk, NULL), 2, "Ed", 2);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sig = bf_minisign_sign (data, sizes[i], sk, KAT_TRUSTED_COMMENT, NULL, &error);
      g_autofree char *tc = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_no_error (error);
      lines = split_lines (sig);
      g_assert_cmpstr (lines[0], ==, "untrusted comment: signature from bofast");
      g_assert_true (g_str_has_prefix (lines[1], "RU"));   /* "ED" */
      g_assert_cmpstr (lines[2], ==, "trusted comment: " KAT_TRUSTED_COMMENT);
      g_assert_cmpstr (lines[4], ==, "");

      g_assert_true (bf_minisign_verify (data, sizes[i], pk, sig, -1, &tc, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (tc, ==, KAT_TRUSTED_COMMENT);

      if (sizes[i] > 0)
        {
          data[sizes[i] / 2] ^= 1;
          assert_verify_fails (data, sizes[i], pk, sig, BF_MINISIGN_ERROR_BAD_SIGNATURE);
          data[sizes[i] / 2] ^= 1;
        }
    }
}

static void
test_sign_comments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = bf_minisign_keypair_generate (&pk);
  g_autofree char *long_tc = g_strnfill (BF_MINISIGN_MAX_TRUSTED_COMMENT + 1, 'x');
  g_autofree char *max_tc = g_strnfill (BF_MINISIGN_MAX_TRUSTED_COMMENT, 'x');
  static const char *bad[] = { "two\nlines", "carriage\rreturn", "bad \xff utf-8", NULL };
  g_autofree char *sig = NULL;
  g_autofree char *tc = NULL;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_assert_null (bf_minisign_sign ((const guint8 *) "x", 1, sk, bad[i], NULL, &error));
      g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_COMMENT);
      g_clear_error (&error);
      g_assert_null (bf_minisign_sign ((const guint8 *) "x", 1, sk, "fine", bad[i], &error));
      g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_COMMENT);
      g_clear_error (&error);
    }
  g_assert_null (bf_minisign_sign ((const guint8 *) "x", 1, sk, long_tc, NULL, &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_COMMENT);
  g_clear_error (&error);

  /* The longest trusted comment, UTF-8, an empty one, and our own
   * untrusted comment all survive the round trip. */
  sig = bf_minisign_sign ((const guint8 *) "x", 1, sk, max_tc, "Bofast record", &error);
  g_assert_no_error (error);
  g_assert_true (bf_minisign_verify ((const guint8 *) "x", 1, pk, sig, -1, &tc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc, ==, max_tc);
  g_clear_pointer (&sig, g_free);
  g_clear_pointer (&tc, g_free);

  sig = bf_minisign_sign ((const guint8 *) "x", 1, sk, "Oppfølging på Ålesund", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bf_minisign_verify ((const guint8 *) "x", 1, pk, sig, -1, &tc, &error));
  g_assert_cmpstr (tc, ==, "Oppfølging på Ålesund");
  g_clear_pointer (&sig, g_free);
  g_clear_pointer (&tc, g_free);

  sig = bf_minisign_sign ((const guint8 *) "x", 1, sk, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bf_minisign_verify ((const guint8 *) "x", 1, pk, sig, -1, &tc, &error));
  g_assert_cmpstr (tc, ==, "");
}

/* Strict parsing of signature files */

static void
test_verify_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = bf_minisign_keypair_generate (&pk);
  g_autofree char *sig = bf_minisign_sign ((const guint8 *) "data", 4, sk, "comment", NULL, &error);
  g_auto(GStrv) lines = split_lines (sig);
  g_autofree char *extra_line = g_strconcat (sig, "more\n", NULL);
  g_autofree char *no_newline = g_strndup (sig, strlen (sig) - 1);
  g_autofree char *crlf = replace (sig, "\n", "\r\n");
  g_autofree char *no_prefix = replace (sig, "untrusted comment: ", "comment: ");
  g_autofree char *no_tc_prefix = replace (sig, "trusted comment: ", "trusted: ");
  g_autofree char *bad_utf8 = replace (sig, "trusted comment: comment", "trusted comment: c\xffomment");
  g_autofree char *unpadded = replace (sig, "=\n", "\n");
  g_autofree char *non_canonical = NULL;
  g_autofree char *legacy = NULL;
  g_autofree char *unknown_alg = NULL;
  g_autofree char *long_uc = NULL;
  g_autofree char *filler = g_strnfill (BF_MINISIGN_MAX_UNTRUSTED_COMMENT + 1, 'u');
  g_autofree char *giant = g_strnfill (BF_MINISIGN_MAX_SIGNATURE + 1, 'a');
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char *line;
  gsize n;

  g_assert_no_error (error);
  g_assert_true (bf_minisign_verify ((const guint8 *) "data", 4, pk, sig, -1, NULL, &error));
  g_assert_no_error (error);

  assert_verify_fails ((const guint8 *) "data", 4, pk, extra_line, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, no_newline, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, crlf, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, no_prefix, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, no_tc_prefix, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, bad_utf8, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, unpadded, BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, "", BF_MINISIGN_ERROR_BAD_FORMAT);
  assert_verify_fails ((const guint8 *) "data", 4, pk, giant, BF_MINISIGN_ERROR_TOO_LARGE);

  /* A NUL inside the text, where a C parser would stop reading. */
  g_assert_false (bf_minisign_verify ((const guint8 *) "data", 4, pk, sig, strlen (sig) + 1, NULL, &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_FORMAT);
  g_clear_error (&error);

  /* 74 bytes leave two spare bits before the padding; setting one spells
   * the same bytes a second way. */
  line = g_strdup (lines[1]);
  n = strlen (line);
  g_assert_cmpint (line[n - 1], ==, '=');
  line[n - 2] = b64[(strchr (b64, line[n - 2]) - b64) | 1];
  non_canonical = replace (sig, lines[1], line);
  g_free (line);
  assert_verify_fails ((const guint8 *) "data", 4, pk, non_canonical, BF_MINISIGN_ERROR_BAD_FORMAT);

  /* "Ed" (legacy, unhashed) and unknown algorithms. */
  line = g_strdup (lines[1]);
  g_assert_cmpint (line[1], ==, 'U');
  line[1] = 'W';   /* "RU…" -> "RW…" turns "ED" into "Ed" */
  legacy = replace (sig, lines[1], line);
  line[1] = 'V';
  unknown_alg = replace (sig, lines[1], line);
  g_free (line);
  assert_verify_fails ((const guint8 *) "data", 4, pk, legacy, BF_MINISIGN_ERROR_UNSUPPORTED);
  assert_verify_fails ((const guint8 *) "data", 4, pk, unknown_alg, BF_MINISIGN_ERROR_UNSUPPORTED);

  long_uc = replace (sig, "signature from bofast", filler);
  assert_verify_fails ((const guint8 *) "data", 4, pk, long_uc, BF_MINISIGN_ERROR_BAD_FORMAT);
}

/* A legacy "Ed" signature is refused even when it is genuine. */
static void
test_verify_legacy_refused (void)
{
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = bf_minisign_keypair_generate (&pk);
  const guint8 *skp = bf_secret_peek (sk);
  guint8 sig_struct[74];
  guint8 global[64];
  guint8 signed_comment[64 + 1];
  char b1[128], b2[128];
  g_autofree char *text = NULL;

  memcpy (sig_struct, "Ed", 2);
  memcpy (sig_struct + 2, skp, 8);
  crypto_sign_detached (sig_struct + 10, NULL, (const guint8 *) "data", 4, skp + 8);
  memcpy (signed_comment, sig_struct + 10, 64);
  signed_comment[64] = 'c';
  crypto_sign_detached (global, NULL, signed_comment, sizeof signed_comment, skp + 8);
  sodium_bin2base64 (b1, sizeof b1, sig_struct, sizeof sig_struct, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64 (b2, sizeof b2, global, sizeof global, sodium_base64_VARIANT_ORIGINAL);
  text = g_strdup_printf ("untrusted comment: x\n%s\ntrusted comment: c\n%s\n", b1, b2);

  assert_verify_fails ((const guint8 *) "data", 4, pk, text, BF_MINISIGN_ERROR_UNSUPPORTED);
}

/* Keys */

static void
test_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = bf_minisign_keypair_generate (&pk);
  g_autoptr(BfSecret) sk2 = NULL;
  g_autoptr(GBytes) pk2 = NULL;
  g_autoptr(GBytes) pk3 = NULL;
  g_autoptr(GBytes) pk4 = NULL;
  g_autofree char *str = bf_minisign_public_key_to_string (pk);
  g_autofree char *file = bf_minisign_public_key_to_file_contents (pk);
  g_autofree char *id = bf_minisign_key_id_to_string (pk);
  g_autofree guint8 *damaged = NULL;

  g_assert_cmpuint (strlen (str), ==, 56);
  g_assert_true (g_str_has_prefix (str, "RW"));   /* "Ed" */
  pk2 = bf_minisign_public_key_from_string (str, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pk, pk2));
  pk3 = bf_minisign_public_key_from_file_contents (file, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pk, pk3));
  g_assert_nonnull (strstr (file, id));

  /* The stored form of the secret key comes back, and damage is caught. */
  sk2 = bf_minisign_secret_key_from_data (bf_secret_peek (sk), bf_secret_get_size (sk), &error);
  g_assert_no_error (error);
  g_assert_true (bf_secret_equal (sk, sk2));
  pk4 = bf_minisign_secret_key_get_public_key (sk2);
  g_assert_true (g_bytes_equal (pk, pk4));
  damaged = g_memdup2 (bf_secret_peek (sk), BF_MINISIGN_SECRET_KEY_SIZE);
  damaged[BF_MINISIGN_SECRET_KEY_SIZE - 1] ^= 1;
  g_assert_null (bf_minisign_secret_key_from_data (damaged, BF_MINISIGN_SECRET_KEY_SIZE, &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY);
  g_clear_error (&error);
  sodium_memzero (damaged, BF_MINISIGN_SECRET_KEY_SIZE);

  g_assert_null (bf_minisign_public_key_from_string ("RWQ", &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY);
  g_clear_error (&error);
  /* A signature is not a public key. */
  g_assert_null (bf_minisign_public_key_from_string ("RUTvvu73MXkkGQ7XYWtzF6eKgBVBBHKzapVdlEs7cYldI1LLZV6j4nmw", &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY);
  g_clear_error (&error);
  g_assert_null (bf_minisign_public_key_from_file_contents (str, -1, &error));
  g_assert_error (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY);
}

/* Interoperability with the stock minisign tool */

static char *
make_work_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "minisign-interop", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_steal_pointer (&dir);
}

static gboolean
run (const char * const  *argv,
     char               **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  /* Whatever the tool prints must not reach our TAP output. */
  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", argv[0], err);
      return FALSE;
    }
  return TRUE;
}

static void
test_interop_minisign_verifies_ours (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *bad_sig = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autoptr(BfSecret) sk = NULL;
  guint8 data[8192];

  if (minisign == NULL)
    {
      g_test_skip ("The stock minisign tool is not installed");
      return;
    }

  dir = make_work_dir ();
  sk = bf_minisign_keypair_generate (&pk);
  pub = bf_minisign_public_key_to_string (pk);
  randombytes_buf (data, sizeof data);
  file = g_build_filename (dir, "0000000001.age", NULL);
  sig_path = g_strconcat (file, ".minisig", NULL);
  g_file_set_contents (file, (const char *) data, sizeof data, &error);
  g_assert_no_error (error);
  sig = bf_minisign_sign (data, sizeof data, sk, KAT_TRUSTED_COMMENT, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (sig_path, sig, -1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { minisign, "-V", "-Q", "-m", file, "-P", pub, NULL };

    g_assert_true (run (argv, &out));
    g_assert_cmpstr (out, ==, KAT_TRUSTED_COMMENT "\n");
  }

  /* And it refuses what we refuse. */
  bad_sig = replace (sig, "seq=1 ", "seq=9 ");
  g_file_set_contents (sig_path, bad_sig, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { minisign, "-V", "-q", "-m", file, "-P", pub, NULL };

    g_assert_false (run (argv, NULL));
  }
}

static void
test_interop_ours_verifies_minisign (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *tc = NULL;
  g_autoptr(GBytes) pk = NULL;
  guint8 data[8192];

  if (minisign == NULL)
    {
      g_test_skip ("The stock minisign tool is not installed");
      return;
    }

  dir = make_work_dir ();
  pub_path = g_build_filename (dir, "stock.pub", NULL);
  key_path = g_build_filename (dir, "stock.key", NULL);
  file = g_build_filename (dir, "0000000002.age", NULL);
  sig_path = g_strconcat (file, ".minisig", NULL);
  randombytes_buf (data, sizeof data);
  g_file_set_contents (file, (const char *) data, sizeof data, &error);
  g_assert_no_error (error);

  {
    const char *keygen[] = { minisign, "-G", "-W", "-f", "-p", pub_path, "-s", key_path, NULL };
    const char *sign[] = { minisign, "-S", "-s", key_path, "-m", file, "-t", KAT_TRUSTED_COMMENT, NULL };

    g_assert_true (run (keygen, NULL));
    g_assert_true (run (sign, NULL));
  }

  g_file_get_contents (pub_path, &pub_text, NULL, &error);
  g_assert_no_error (error);
  pk = bf_minisign_public_key_from_file_contents (pub_text, -1, &error);
  g_assert_no_error (error);
  g_file_get_contents (sig_path, &sig, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (bf_minisign_verify (data, sizeof data, pk, sig, -1, &tc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tc, ==, KAT_TRUSTED_COMMENT);

  data[0] ^= 1;
  assert_verify_fails (data, sizeof data, pk, sig, BF_MINISIGN_ERROR_BAD_SIGNATURE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/minisign/kat/verify", test_kat_verify);
  g_test_add_func ("/minisign/kat/tampered", test_kat_tampered);
  g_test_add_func ("/minisign/sign-verify", test_sign_verify);
  g_test_add_func ("/minisign/sign-comments", test_sign_comments);
  g_test_add_func ("/minisign/verify-format", test_verify_format);
  g_test_add_func ("/minisign/verify-legacy-refused", test_verify_legacy_refused);
  g_test_add_func ("/minisign/keys", test_keys);
  g_test_add_func ("/minisign/interop/minisign-verifies-ours", test_interop_minisign_verifies_ours);
  g_test_add_func ("/minisign/interop/ours-verifies-minisign", test_interop_ours_verifies_minisign);

  return g_test_run ();
}
