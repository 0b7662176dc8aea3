/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-age-private.h"
#include "bf-secure.h"

#define KAT_RECIPIENT "age1kaucqdhyy9yla4k0xz79qpn9gknrys502lzqggylt2y8kwawad8suggf7c"

/* Helpers */

static GBytes *
load_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static BfSecret *
load_kat_identity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = load_data ("age-identity.txt");
  gsize len;
  const char *text = g_bytes_get_data (file, &len);
  BfSecret *identity = bf_age_identity_from_file_contents (text, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (identity);
  return identity;
}

static guint8 *
pattern (gsize len)
{
  guint8 *p = g_malloc (MAX (len, 1));

  for (gsize i = 0; i < len; i++)
    p[i] = (guint8) (i * 7 + 3);
  return p;
}

static GPtrArray *
recipients_new (GBytes *first,
                ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  va_list ap;

  va_start (ap, first);
  for (GBytes *r = first; r != NULL; r = va_arg (ap, GBytes *))
    g_ptr_array_add (array, g_bytes_ref (r));
  va_end (ap);
  return array;
}

static void
assert_decrypts_to (GBytes       *ciphertext,
                    BfSecret     *identity,
                    const guint8 *expected,
                    gsize         expected_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = bf_age_decrypt (ciphertext, identity, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plain);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                   expected, expected_len);
}

static void
assert_fails (GBytes   *ciphertext,
              BfSecret *identity,
              gint      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = bf_age_decrypt (ciphertext, identity, &error);

  g_assert_null (plain);
  g_assert_error (error, BF_AGE_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static gsize
header_length (GBytes *ciphertext)
{
  gsize len;
  const char *data = g_bytes_get_data (ciphertext, &len);
  const char *mac = g_strstr_len (data, len, "\n--- ");
  const char *nl;

  g_assert_nonnull (mac);
  nl = memchr (mac + 1, '\n', len - (mac + 1 - data));
  g_assert_nonnull (nl);
  return nl + 1 - data;
}

/* Replaces the first occurrence of @old in the header with @new. */
static GBytes *
replace_in_header (GBytes     *ciphertext,
                   const char *old,
                   const char *new)
{
  gsize len;
  const char *data = g_bytes_get_data (ciphertext, &len);
  gsize hlen = header_length (ciphertext);
  const char *at = g_strstr_len (data, hlen, old);
  GByteArray *out = g_byte_array_new ();

  g_assert_nonnull (at);
  g_byte_array_append (out, (const guint8 *) data, at - data);
  g_byte_array_append (out, (const guint8 *) new, strlen (new));
  g_byte_array_append (out, (const guint8 *) at + strlen (old), len - (at - data) - strlen (old));
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
flip_byte (GBytes *bytes,
           gsize   offset,
           guint8  mask)
{
  gsize len;
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));

  g_assert_cmpuint (offset, <, len);
  copy[offset] ^= mask;
  return g_bytes_new_take (copy, len);
}

static GBytes *
truncate_to (GBytes *bytes,
             gsize   len)
{
  g_assert_cmpuint (len, <=, g_bytes_get_size (bytes));
  return g_bytes_new_from_bytes (bytes, 0, len);
}

static GBytes *
append (GBytes       *bytes,
        const guint8 *extra,
        gsize         extra_len)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_byte_array_append (out, extra, extra_len);
  return g_byte_array_free_to_bytes (out);
}

/* Recomputes the header MAC of a ciphertext made with a known file key, so
 * that a test can change the header and still get past the MAC.  Takes
 * @owned. */
static GBytes *
remac (GBytes       *owned,
       const guint8 *file_key)
{
  g_autoptr(GBytes) ciphertext = owned;
  gsize len;
  const char *data = g_bytes_get_data (ciphertext, &len);
  gsize hlen = header_length (ciphertext);
  gsize mac_at = hlen - 1 - 43 - 1;   /* the space before the MAC */
  guint8 key[32];
  guint8 mac[32];
  char b64[64];
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpmem (data + mac_at - 3, 4, "--- ", 4);
  bf_age_hkdf_sha256 (file_key, 16, NULL, 0, (const guint8 *) "header", 6, key, sizeof key);
  crypto_auth_hmacsha256 (mac, (const guint8 *) data, mac_at, key);
  sodium_bin2base64 (b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);

  g_byte_array_append (out, (const guint8 *) data, mac_at + 1);
  g_byte_array_append (out, (const guint8 *) b64, strlen (b64));
  g_byte_array_append (out, (const guint8 *) data + hlen - 1, len - hlen + 1);
  return g_byte_array_free_to_bytes (out);
}

/* The share of the first X25519 stanza, as it appears in the header. */
static char *
first_share (GBytes *ciphertext)
{
  const char *data = g_bytes_get_data (ciphertext, NULL);
  const char *at = g_strstr_len (data, header_length (ciphertext), "-> X25519 ");

  g_assert_nonnull (at);
  return g_strndup (at + strlen ("-> X25519 "), 43);
}

/* The wrapped file key of the first X25519 stanza. */
static char *
first_body (GBytes *ciphertext)
{
  const char *data = g_bytes_get_data (ciphertext, NULL);
  const char *at = g_strstr_len (data, header_length (ciphertext), "-> X25519 ");

  g_assert_nonnull (at);
  at = strchr (at, '\n') + 1;
  return g_strndup (at, 43);
}

/* HKDF */

static void
hkdf_case (const char *ikm_hex,
           const char *salt_hex,
           const char *info_hex,
           const char *okm_hex)
{
  guint8 ikm[128], salt[128], info[128], okm[128], out[128];
  gsize ikm_len, salt_len, info_len, okm_len;

  g_assert_cmpint (sodium_hex2bin (ikm, sizeof ikm, ikm_hex, strlen (ikm_hex), NULL, &ikm_len, NULL), ==, 0);
  g_assert_cmpint (sodium_hex2bin (salt, sizeof salt, salt_hex, strlen (salt_hex), NULL, &salt_len, NULL), ==, 0);
  g_assert_cmpint (sodium_hex2bin (info, sizeof info, info_hex, strlen (info_hex), NULL, &info_len, NULL), ==, 0);
  g_assert_cmpint (sodium_hex2bin (okm, sizeof okm, okm_hex, strlen (okm_hex), NULL, &okm_len, NULL), ==, 0);

  bf_age_hkdf_sha256 (ikm, ikm_len, salt, salt_len, info, info_len, out, okm_len);
  g_assert_cmpmem (out, okm_len, okm, okm_len);
}

/* RFC 5869, appendix A, test cases 1 to 3. */
static void
test_hkdf_rfc5869 (void)
{
  hkdf_case ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
             "000102030405060708090a0b0c",
             "f0f1f2f3f4f5f6f7f8f9",
             "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  hkdf_case ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
             "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
             "404142434445464748494a4b4c4d4e4f",
             "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
             "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
             "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
             "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
             "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
             "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
             "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
             "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
             "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  hkdf_case ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
             "",
             "",
             "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

/* Keys */

static void
test_keys_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(GBytes) recipient2 = NULL;
  g_autoptr(GBytes) parsed = NULL;
  g_autoptr(BfSecret) identity = bf_age_keypair_generate (&recipient);
  g_autoptr(BfSecret) identity2 = NULL;
  g_autoptr(BfSecret) identity3 = NULL;
  g_autofree char *pub = NULL;
  char *sec;
  char *file;

  g_assert_cmpuint (g_bytes_get_size (recipient), ==, 32);

  pub = bf_age_recipient_to_string (recipient);
  g_assert_true (g_str_has_prefix (pub, "age1"));
  g_assert_cmpuint (strlen (pub), ==, 62);
  parsed = bf_age_recipient_from_string (pub, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (parsed, recipient));

  sec = bf_age_identity_to_string (identity);
  g_assert_true (g_str_has_prefix (sec, "AGE-SECRET-KEY-1"));
  g_assert_cmpuint (strlen (sec), ==, 74);
  identity2 = bf_age_identity_from_string (sec, &error);
  g_assert_no_error (error);
  g_assert_true (bf_secret_equal (identity, identity2));

  /* Each key type has its own case and prefix. */
  {
    g_autofree char *lower = g_ascii_strdown (sec, -1);
    g_autofree char *upper = g_ascii_strup (pub, -1);
    g_autoptr(BfSecret) no_identity = bf_age_identity_from_string (lower, &error);
    g_autoptr(GBytes) no_recipient = NULL;

    g_assert_null (no_identity);
    g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
    g_clear_error (&error);
    no_recipient = bf_age_recipient_from_string (upper, &error);
    g_assert_null (no_recipient);
    g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
    g_clear_error (&error);
    g_assert_null (bf_age_recipient_from_string (sec, &error));
    g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
    g_clear_error (&error);
  }
  bf_str_wipe_free (sec);

  file = bf_age_identity_to_file_contents (identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (file, pub));
  identity3 = bf_age_identity_from_file_contents (file, -1, &error);
  g_assert_no_error (error);
  g_assert_true (bf_secret_equal (identity, identity3));
  bf_str_wipe_free (file);

  recipient2 = bf_age_identity_get_recipient (identity3, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (recipient, recipient2));
}

/* The example keys in the age specification parse. */
static void
test_keys_spec_examples (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) recipient = bf_age_recipient_from_string ("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj", &error);
  g_autoptr(BfSecret) identity = NULL;
  g_autofree char *again = NULL;
  char *sec;

  g_assert_no_error (error);
  g_assert_nonnull (recipient);
  again = bf_age_recipient_to_string (recipient);
  g_assert_cmpstr (again, ==, "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");

  identity = bf_age_identity_from_string ("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  for (guint i = 0; i < 32; i++)
    g_assert_cmpuint (bf_secret_peek (identity)[i], ==, 0x42);
  sec = bf_age_identity_to_string (identity);
  g_assert_cmpstr (sec, ==, "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
  bf_str_wipe_free (sec);
}

static void
test_keys_identity_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) recipient = bf_age_identity_get_recipient (identity, &error);
  g_autofree char *pub = bf_age_recipient_to_string (recipient);
  g_autoptr(BfSecret) two = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pub, ==, KAT_RECIPIENT);

  two = bf_age_identity_from_file_contents ("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n"
                                            "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n",
                                            -1, &error);
  g_assert_null (two);
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
  g_clear_error (&error);

  g_assert_null (bf_age_identity_from_file_contents ("# nothing here\n", -1, &error));
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
}

/* Known answers from the stock age 1.1.1 tool */

static void
test_kat_hello (void)
{
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) ct = load_data ("age-kat-hello.age");
  g_autoptr(GBytes) pt = load_data ("age-kat-hello.txt");

  g_assert_cmpuint (g_bytes_get_size (pt), ==, 15);
  assert_decrypts_to (ct, identity, g_bytes_get_data (pt, NULL), g_bytes_get_size (pt));
}

static void
test_kat_empty (void)
{
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) ct = load_data ("age-kat-empty.age");

  assert_decrypts_to (ct, identity, (const guint8 *) "", 0);
}

static void
test_kat_chunks (void)
{
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) ct1 = load_data ("age-kat-65536.age");
  g_autoptr(GBytes) ct2 = load_data ("age-kat-70000.age");
  g_autofree guint8 *expected = pattern (70000);

  assert_decrypts_to (ct1, identity, expected, 65536);
  assert_decrypts_to (ct2, identity, expected, 70000);
}

/* A file for two recipients, ours second: the first stanza is skipped. */
static void
test_kat_two_recipients (void)
{
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) ct = load_data ("age-kat-two.age");
  g_autoptr(GBytes) pt = load_data ("age-kat-hello.txt");

  assert_decrypts_to (ct, identity, g_bytes_get_data (pt, NULL), g_bytes_get_size (pt));
}

static void
test_kat_not_for_us (void)
{
  g_autoptr(BfSecret) identity = load_kat_identity ();
  g_autoptr(GBytes) ct = load_data ("age-kat-other.age");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pt = bf_age_decrypt (ct, identity, &error);

  g_assert_null (pt);
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_NO_MATCH);
  g_assert_cmpstr (error->message, ==, "This record is not addressed to you");
}

/* Round trips */

static void
test_round_trip_sizes (void)
{
  static const gsize sizes[] = { 0, 1, 65535, 65536, 65537, 131072, 200000 };
  g_autoptr(GBytes) r1 = NULL;
  g_autoptr(GBytes) r2 = NULL;
  g_autoptr(GBytes) r3 = NULL;
  g_autoptr(BfSecret) i1 = bf_age_keypair_generate (&r1);
  g_autoptr(BfSecret) i2 = bf_age_keypair_generate (&r2);
  g_autoptr(BfSecret) i3 = bf_age_keypair_generate (&r3);
  g_autoptr(GPtrArray) recipients = recipients_new (r1, r2, r3, NULL);
  g_autofree guint8 *data = pattern (200000);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) ct = bf_age_encrypt (data, sizes[i], recipients, &error);
      gsize chunks = sizes[i] == 0 ? 1 : (sizes[i] + 65535) / 65536;

      g_test_message ("size %" G_GSIZE_FORMAT, sizes[i]);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (ct), ==,
                        header_length (ct) + 16 + sizes[i] + 16 * chunks);
      assert_decrypts_to (ct, i1, data, sizes[i]);
      assert_decrypts_to (ct, i2, data, sizes[i]);
      assert_decrypts_to (ct, i3, data, sizes[i]);
    }
}

/* The largest record goes through, and one byte more is refused. */
static void
test_round_trip_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(BfSecret) identity = bf_age_keypair_generate (&recipient);
  g_autoptr(GPtrArray) recipients = recipients_new (recipient, NULL);
  g_autofree guint8 *data = pattern (BF_AGE_MAX_PLAINTEXT + 1);
  g_autoptr(GBytes) ct = bf_age_encrypt (data, BF_AGE_MAX_PLAINTEXT, recipients, &error);
  g_autoptr(GBytes) too_big = NULL;

  g_assert_no_error (error);
  assert_decrypts_to (ct, identity, data, BF_AGE_MAX_PLAINTEXT);

  too_big = bf_age_encrypt (data, BF_AGE_MAX_PLAINTEXT + 1, recipients, &error);
  g_assert_null (too_big);
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_TOO_LARGE);
}

/* The header is canonical: each X25519 stanza is an argument line and one
 * 43-column body line. */
static void
test_header_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) r1 = NULL;
  g_autoptr(BfSecret) i1 = bf_age_keypair_generate (&r1);
  g_autoptr(GPtrArray) recipients = recipients_new (r1, r1, NULL);
  g_autoptr(GBytes) ct = bf_age_encrypt ((const guint8 *) "x", 1, recipients, &error);
  g_autofree char *header = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  header = g_strndup (g_bytes_get_data (ct, NULL), header_length (ct));
  lines = g_strsplit (header, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[0], ==, "age-encryption.org/v1");
  g_assert_true (g_str_has_prefix (lines[1], "-> X25519 "));
  g_assert_cmpuint (strlen (lines[1]), ==, 10 + 43);
  g_assert_cmpuint (strlen (lines[2]), ==, 43);
  g_assert_true (g_str_has_prefix (lines[3], "-> X25519 "));
  g_assert_true (g_str_has_prefix (lines[5], "--- "));
  g_assert_cmpuint (strlen (lines[5]), ==, 4 + 43);
  g_assert_cmpstr (lines[6], ==, "");
  assert_decrypts_to (ct, i1, (const guint8 *) "x", 1);
}

/* Tampering */

typedef struct
{
  BfSecret  *identity;
  GBytes    *recipient;
  BfSecret  *other;
  GBytes    *other_recipient;
  guint8    *data;
  GBytes    *ct;        /* 200000 bytes for identity alone */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = NULL;

  f->identity = bf_age_keypair_generate (&f->recipient);
  f->other = bf_age_keypair_generate (&f->other_recipient);
  f->data = pattern (200000);
  recipients = recipients_new (f->recipient, NULL);
  f->ct = bf_age_encrypt (f->data, 200000, recipients, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  bf_secret_free (f->identity);
  bf_secret_free (f->other);
  g_bytes_unref (f->recipient);
  g_bytes_unref (f->other_recipient);
  g_bytes_unref (f->ct);
  g_free (f->data);
}

static void
test_tamper_wrong_identity (Fixture       *f,
                            gconstpointer  user_data)
{
  assert_decrypts_to (f->ct, f->identity, f->data, 200000);
  assert_fails (f->ct, f->other, BF_AGE_ERROR_NO_MATCH);
}

static void
test_tamper_header (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = recipients_new (f->other_recipient, f->recipient, NULL);
  g_autoptr(GBytes) two = bf_age_encrypt (f->data, 1000, recipients, &error);
  g_autoptr(GBytes) version = flip_byte (f->ct, 3, 0x01);
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autofree char *body = NULL;
  g_autofree char *flipped = NULL;

  g_assert_no_error (error);
  assert_fails (version, f->identity, BF_AGE_ERROR_BAD_HEADER);

  /* A changed wrapped key for us no longer opens. */
  body = first_body (f->ct);
  flipped = g_strdup (body);
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  ours = replace_in_header (f->ct, body, flipped);
  assert_fails (ours, f->identity, BF_AGE_ERROR_NO_MATCH);

  /* A change to someone else's stanza is caught by the header MAC. */
  g_free (body);
  g_free (flipped);
  body = first_body (two);
  flipped = g_strdup (body);
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  theirs = replace_in_header (two, body, flipped);
  assert_decrypts_to (two, f->identity, f->data, 1000);
  assert_fails (theirs, f->identity, BF_AGE_ERROR_BAD_MAC);
}

static void
test_tamper_mac (Fixture       *f,
                 gconstpointer  user_data)
{
  gsize hlen = header_length (f->ct);
  const char *data = g_bytes_get_data (f->ct, NULL);
  char first = data[hlen - 1 - 43];
  /* Another first character of the MAC: the encoding stays canonical
   * base64, only the value changes. */
  g_autoptr(GBytes) bad = flip_byte (f->ct, hlen - 1 - 43, (guint8) (first ^ (first == 'A' ? 'B' : 'A')));

  g_assert_cmpint (data[hlen - 1 - 44], ==, ' ');

  assert_fails (bad, f->identity, BF_AGE_ERROR_BAD_MAC);
}

static void
test_tamper_payload (Fixture       *f,
                     gconstpointer  user_data)
{
  gsize hlen = header_length (f->ct);
  gsize len = g_bytes_get_size (f->ct);
  g_autoptr(GBytes) nonce = flip_byte (f->ct, hlen, 0x80);
  g_autoptr(GBytes) first = flip_byte (f->ct, hlen + 16 + 10, 0x01);
  g_autoptr(GBytes) last = flip_byte (f->ct, len - 1, 0x01);

  assert_fails (nonce, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);
  assert_fails (first, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);
  assert_fails (last, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);
}

static void
test_tamper_truncated (Fixture       *f,
                       gconstpointer  user_data)
{
  gsize hlen = header_length (f->ct);
  gsize len = g_bytes_get_size (f->ct);
  g_autoptr(GBytes) one_short = truncate_to (f->ct, len - 1);
  g_autoptr(GBytes) two_chunks = truncate_to (f->ct, hlen + 16 + 2 * 65552);
  g_autoptr(GBytes) no_payload = truncate_to (f->ct, hlen);
  g_autoptr(GBytes) nonce_only = truncate_to (f->ct, hlen + 16);
  g_autoptr(GBytes) in_header = truncate_to (f->ct, hlen - 10);
  g_autoptr(GBytes) in_stanza = truncate_to (f->ct, 40);

  assert_fails (one_short, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);
  /* Cut at a chunk boundary: the last chunk left is not a final one. */
  assert_fails (two_chunks, f->identity, BF_AGE_ERROR_TRUNCATED);
  assert_fails (no_payload, f->identity, BF_AGE_ERROR_TRUNCATED);
  assert_fails (nonce_only, f->identity, BF_AGE_ERROR_TRUNCATED);
  assert_fails (in_header, f->identity, BF_AGE_ERROR_TRUNCATED);
  assert_fails (in_stanza, f->identity, BF_AGE_ERROR_TRUNCATED);
}

static void
test_tamper_trailing (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = recipients_new (f->recipient, NULL);
  g_autoptr(GBytes) full = bf_age_encrypt (f->data, 65536, recipients, &error);
  static const guint8 extra[40] = { 0 };
  g_autoptr(GBytes) one = append (f->ct, extra, 1);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) tag = NULL;
  g_autoptr(GBytes) many = NULL;

  g_assert_no_error (error);
  assert_fails (one, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);

  /* After a full final chunk, extra bytes are recognised as such. */
  chunk = append (full, extra, 1);
  tag = append (full, extra, 16);
  many = append (full, extra, 40);
  assert_decrypts_to (full, f->identity, f->data, 65536);
  assert_fails (chunk, f->identity, BF_AGE_ERROR_TRAILING_DATA);
  assert_fails (tag, f->identity, BF_AGE_ERROR_TRAILING_DATA);
  assert_fails (many, f->identity, BF_AGE_ERROR_TRAILING_DATA);
}

static void
test_tamper_empty_final_chunk (Fixture       *f,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = recipients_new (f->recipient, NULL);
  g_autoptr(GBytes) ct = bf_age_encrypt_full (f->data, 65536, recipients, NULL, TRUE, &error);
  g_autoptr(GBytes) ct2 = NULL;

  g_assert_no_error (error);
  assert_fails (ct, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);

  ct2 = bf_age_encrypt_full (f->data, 2 * 65536, recipients, NULL, TRUE, &error);
  g_assert_no_error (error);
  assert_fails (ct2, f->identity, BF_AGE_ERROR_BAD_PAYLOAD);
}

static void
test_tamper_non_canonical (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autofree char *share = first_share (f->ct);
  g_autofree char *body = first_body (f->ct);
  g_autofree char *share2 = g_strdup (share);
  g_autofree char *padded = g_strconcat (share, "=", NULL);
  g_autofree char *body2 = g_strdup (body);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  g_autoptr(GBytes) d = NULL;
  gsize hlen = header_length (f->ct);
  const char *data = g_bytes_get_data (f->ct, NULL);
  g_autofree char *mac = g_strndup (data + hlen - 44, 43);
  g_autofree char *mac2 = g_strdup (mac);
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /* 32 bytes in 43 characters leave two bits over, which must be zero:
   * setting the lowest makes a second spelling of the same bytes. */
  share2[42] = b64[(strchr (b64, share[42]) - b64) | 1];
  body2[42] = b64[(strchr (b64, body[42]) - b64) | 1];
  mac2[42] = b64[(strchr (b64, mac[42]) - b64) | 1];

  a = replace_in_header (f->ct, share, share2);
  b = replace_in_header (f->ct, share, padded);
  c = replace_in_header (f->ct, body, body2);
  d = replace_in_header (f->ct, mac, mac2);
  assert_fails (a, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (b, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (c, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (d, f->identity, BF_AGE_ERROR_BAD_HEADER);
}

static void
test_tamper_stanza_shape (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autofree char *share = first_share (f->ct);
  g_autofree char *body = first_body (f->ct);
  g_autofree char *long_body = g_strconcat (body, "AA", NULL);   /* 33 bytes */
  g_autofree char *short_body = g_strndup (body, 42);            /* 31 bytes */
  g_autofree char *three_args = g_strconcat (share, " extra", NULL);
  g_autofree char *split_body = g_strconcat (body, "\n", NULL);
  g_autoptr(GBytes) a = replace_in_header (f->ct, body, long_body);
  g_autoptr(GBytes) b = replace_in_header (f->ct, body, short_body);
  g_autoptr(GBytes) c = replace_in_header (f->ct, share, three_args);
  g_autoptr(GBytes) d = replace_in_header (f->ct, "-> X25519 ", "-> X25519  ");
  g_autoptr(GBytes) e = replace_in_header (f->ct, share, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_autoptr(GBytes) g = replace_in_header (f->ct, "\n--- ", "\n---\t");
  g_autoptr(GBytes) h = replace_in_header (f->ct, "-> X25519 ", "->X25519 ");
  g_autoptr(GBytes) i = replace_in_header (f->ct, body, split_body);

  g_test_message ("33-byte body");
  assert_fails (a, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("31-byte body");
  assert_fails (b, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("three arguments");
  assert_fails (c, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("empty argument");
  assert_fails (d, f->identity, BF_AGE_ERROR_BAD_HEADER);
  /* A low-order share gives an all-zero shared secret. */
  g_test_message ("zero share");
  assert_fails (e, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("MAC line");
  assert_fails (g, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("stanza prefix");
  assert_fails (h, f->identity, BF_AGE_ERROR_BAD_HEADER);
  g_test_message ("body split over two lines");
  assert_fails (i, f->identity, BF_AGE_ERROR_BAD_HEADER);

  /* Shapes from the age test kit's list of cases. */
  {
    g_autofree char *with_newlines = g_strconcat ("\n", body, "\n", NULL);
    g_autoptr(GBytes) lowercase = replace_in_header (f->ct, "-> X25519 ", "-> x25519 ");
    g_autoptr(GBytes) missing_body = replace_in_header (f->ct, with_newlines, "\n");
    g_autoptr(GBytes) short_lines = replace_in_header (f->ct, body, "AAAA\nAAAA");
    g_autoptr(GBytes) mac_space = replace_in_header (f->ct, "\n--- ", "\n---  ");
    g_autoptr(GBytes) mac_missing = replace_in_header (f->ct, "\n--- ", "\n---\n");
    g_autofree char *share_line = g_strconcat ("-> X25519 ", share, NULL);
    g_autoptr(GBytes) no_args = replace_in_header (f->ct, share_line, "-> ");
    g_autoptr(GBytes) bare_arrow = replace_in_header (f->ct, share_line, "->");

    g_test_message ("lowercase type: an unknown stanza, skipped");
    assert_fails (lowercase, f->identity, BF_AGE_ERROR_NO_MATCH);
    g_test_message ("missing body");
    assert_fails (missing_body, f->identity, BF_AGE_ERROR_BAD_HEADER);
    g_test_message ("several short body lines");
    assert_fails (short_lines, f->identity, BF_AGE_ERROR_BAD_HEADER);
    g_test_message ("MAC with two spaces");
    assert_fails (mac_space, f->identity, BF_AGE_ERROR_BAD_HEADER);
    g_test_message ("MAC missing");
    assert_fails (mac_missing, f->identity, BF_AGE_ERROR_BAD_HEADER);
    g_test_message ("stanza without arguments");
    assert_fails (no_args, f->identity, BF_AGE_ERROR_BAD_HEADER);
    assert_fails (bare_arrow, f->identity, BF_AGE_ERROR_BAD_HEADER);
  }
}

/* Unknown stanzas are skipped when well formed and rejected when not. */
static void
test_unknown_stanzas (Fixture       *f,
                      gconstpointer  user_data)
{
  static const guint8 file_key[16] = "0123456789abcde";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = recipients_new (f->recipient, NULL);
  g_autoptr(GBytes) ct = bf_age_encrypt_full (f->data, 100, recipients, file_key, FALSE, &error);
  g_autofree char *full_line = g_strnfill (64, 'A');
  g_autofree char *long_line = g_strnfill (65, 'A');
  g_autofree char *good = g_strdup_printf ("\n-> example.org/enigma b@r baz\n%s\n%s\nAAA\n--- ",
                                           full_line, full_line);
  g_autofree char *empty_last = g_strdup_printf ("\n-> example.org/enigma\n%s\n\n--- ", full_line);
  g_autofree char *too_long = g_strdup_printf ("\n-> example.org/enigma\n%s\n--- ", long_line);
  g_autofree char *bad_char = g_strdup_printf ("\n-> example.org/enigma\nAA*A\n--- ");
  g_autofree char *ctrl_arg = g_strdup_printf ("\n-> example.org/en\x7fgma\nAA\n--- ");
  g_autoptr(GBytes) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, g = NULL;

  g_assert_no_error (error);
  assert_decrypts_to (ct, f->identity, f->data, 100);

  a = remac (replace_in_header (ct, "\n--- ", good), file_key);
  b = remac (replace_in_header (ct, "\n--- ", empty_last), file_key);
  c = remac (replace_in_header (ct, "\n--- ", too_long), file_key);
  d = remac (replace_in_header (ct, "\n--- ", bad_char), file_key);
  e = remac (replace_in_header (ct, "\n--- ", ctrl_arg), file_key);
  /* Without the new MAC, the same change is caught. */
  g = replace_in_header (ct, "\n--- ", good);

  assert_decrypts_to (a, f->identity, f->data, 100);
  assert_decrypts_to (b, f->identity, f->data, 100);
  assert_fails (c, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (d, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (e, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (g, f->identity, BF_AGE_ERROR_BAD_MAC);
}

static void
test_not_age (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(GBytes) armored = g_bytes_new_static ("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", 40);
  g_autoptr(GBytes) v2 = g_bytes_new_static ("age-encryption.org/v2\n", 22);
  g_autoptr(GBytes) crlf = g_bytes_new_static ("age-encryption.org/v1\r\n", 23);
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_stanza = g_bytes_new_static ("age-encryption.org/v1\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", 70);
  g_autofree guint8 *huge_data = g_malloc0 (BF_AGE_MAX_PLAINTEXT + BF_AGE_MAX_HEADER + 8192);
  g_autoptr(GBytes) huge = g_bytes_new_static (huge_data, BF_AGE_MAX_PLAINTEXT + BF_AGE_MAX_HEADER + 8192);
  g_autofree char *long_header = g_strconcat ("age-encryption.org/v1\n-> a\n", NULL);
  g_autoptr(GByteArray) endless = g_byte_array_new ();
  g_autoptr(GBytes) endless_bytes = NULL;

  assert_fails (armored, f->identity, BF_AGE_ERROR_UNSUPPORTED);
  assert_fails (v2, f->identity, BF_AGE_ERROR_UNSUPPORTED);
  assert_fails (crlf, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (junk, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (empty, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (no_stanza, f->identity, BF_AGE_ERROR_BAD_HEADER);
  assert_fails (huge, f->identity, BF_AGE_ERROR_TOO_LARGE);

  /* A header that never ends is cut off at the header limit. */
  g_byte_array_append (endless, (const guint8 *) long_header, strlen (long_header));
  while (endless->len < BF_AGE_MAX_HEADER + 1000)
    g_byte_array_append (endless, (const guint8 *) "-> a\n\n", 6);
  endless_bytes = g_bytes_new (endless->data, endless->len);
  assert_fails (endless_bytes, f->identity, BF_AGE_ERROR_BAD_HEADER);
}

static void
test_bad_recipients (void)
{
  g_autoptr(GError) error = NULL;
  static const guint8 zero[32] = { 0 };
  g_autoptr(GBytes) low_order = g_bytes_new_static (zero, 32);
  g_autoptr(GBytes) short_key = g_bytes_new_static (zero, 31);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) low = recipients_new (low_order, NULL);
  g_autoptr(GPtrArray) bad_size = recipients_new (short_key, NULL);

  /* An empty plaintext may come as NULL. */
  {
    g_autoptr(GBytes) r = NULL;
    g_autoptr(BfSecret) identity = bf_age_keypair_generate (&r);
    g_autoptr(GPtrArray) one = recipients_new (r, NULL);
    g_autoptr(GBytes) ct = bf_age_encrypt (NULL, 0, one, &error);

    g_assert_no_error (error);
    assert_decrypts_to (ct, identity, (const guint8 *) "", 0);
  }

  g_assert_null (bf_age_encrypt ((const guint8 *) "x", 1, none, &error));
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
  g_clear_error (&error);
  g_assert_null (bf_age_encrypt ((const guint8 *) "x", 1, low, &error));
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
  g_clear_error (&error);
  g_assert_null (bf_age_encrypt ((const guint8 *) "x", 1, bad_size, &error));
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY);
}

/* Interoperability with the stock age tool */

static char *
make_work_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "age-interop", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_steal_pointer (&dir);
}

static gboolean
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", argv[0], err);
      return FALSE;
    }
  return TRUE;
}

static void
test_interop_age_decrypts_ours (void)
{
  static const gsize sizes[] = { 0, 1, 65536, 65537, 200000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *age = g_find_program_in_path ("age");
  g_autofree char *dir = NULL;
  g_autofree char *id_path = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(GBytes) other_recipient = NULL;
  g_autoptr(BfSecret) identity = NULL;
  g_autoptr(BfSecret) other = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autofree guint8 *data = NULL;
  char *id_file;

  if (age == NULL)
    {
      g_test_skip ("The stock age tool is not installed");
      return;
    }

  dir = make_work_dir ();
  identity = bf_age_keypair_generate (&recipient);
  other = bf_age_keypair_generate (&other_recipient);
  recipients = recipients_new (other_recipient, recipient, NULL);
  id_file = bf_age_identity_to_file_contents (identity, &error);
  g_assert_no_error (error);
  id_path = g_build_filename (dir, "identity.txt", NULL);
  g_file_set_contents_full (id_path, id_file, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  bf_str_wipe_free (id_file);

  data = g_malloc (200000);
  randombytes_buf (data, 200000);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) ct = bf_age_encrypt (data, sizes[i], recipients, &error);
      g_autofree char *ct_path = g_build_filename (dir, "ours.age", NULL);
      g_autofree char *out_path = g_build_filename (dir, "ours.out", NULL);
      g_autofree char *out = NULL;
      gsize out_len = 0;
      const char *argv[] = { age, "-d", "-i", id_path, "-o", out_path, ct_path, NULL };

      g_assert_no_error (error);
      g_file_set_contents (ct_path, g_bytes_get_data (ct, NULL), g_bytes_get_size (ct), &error);
      g_assert_no_error (error);
      g_unlink (out_path);
      g_assert_true (run (argv));
      /* age opens its output on the first write, so an empty plaintext
       * leaves no file. */
      if (sizes[i] > 0 || g_file_test (out_path, G_FILE_TEST_EXISTS))
        {
          g_file_get_contents (out_path, &out, &out_len, &error);
          g_assert_no_error (error);
        }
      g_assert_cmpmem (out, out_len, data, sizes[i]);
    }
}

static void
test_interop_ours_decrypts_age (void)
{
  static const gsize sizes[] = { 0, 1, 65536, 65537, 200000 };
  g_autoptr(GError) error = NULL;
  g_autofree char *age = g_find_program_in_path ("age");
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(BfSecret) identity = NULL;
  g_autofree char *pub = NULL;
  g_autofree guint8 *data = NULL;

  if (age == NULL)
    {
      g_test_skip ("The stock age tool is not installed");
      return;
    }

  dir = make_work_dir ();
  identity = bf_age_keypair_generate (&recipient);
  pub = bf_age_recipient_to_string (recipient);
  data = g_malloc (200000);
  randombytes_buf (data, 200000);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *in_path = g_build_filename (dir, "plain", NULL);
      g_autofree char *ct_path = g_build_filename (dir, "theirs.age", NULL);
      g_autofree char *ct_data = NULL;
      g_autoptr(GBytes) ct = NULL;
      gsize ct_len = 0;
      const char *argv[] = { age, "-r", pub, "-o", ct_path, in_path, NULL };

      g_file_set_contents (in_path, (const char *) data, sizes[i], &error);
      g_assert_no_error (error);
      g_unlink (ct_path);
      g_assert_true (run (argv));
      g_file_get_contents (ct_path, &ct_data, &ct_len, &error);
      g_assert_no_error (error);
      ct = g_bytes_new_take (g_steal_pointer (&ct_data), ct_len);
      assert_decrypts_to (ct, identity, data, sizes[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/age/hkdf/rfc5869", test_hkdf_rfc5869);
  g_test_add_func ("/age/keys/round-trip", test_keys_round_trip);
  g_test_add_func ("/age/keys/spec-examples", test_keys_spec_examples);
  g_test_add_func ("/age/keys/identity-file", test_keys_identity_file);
  g_test_add_func ("/age/kat/hello", test_kat_hello);
  g_test_add_func ("/age/kat/empty", test_kat_empty);
  g_test_add_func ("/age/kat/chunks", test_kat_chunks);
  g_test_add_func ("/age/kat/two-recipients", test_kat_two_recipients);
  g_test_add_func ("/age/kat/not-for-us", test_kat_not_for_us);
  g_test_add_func ("/age/round-trip/sizes", test_round_trip_sizes);
  g_test_add_func ("/age/round-trip/limit", test_round_trip_limit);
  g_test_add_func ("/age/header-format", test_header_format);
  g_test_add_func ("/age/bad-recipients", test_bad_recipients);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/age/tamper/wrong-identity", test_tamper_wrong_identity);
  ADD ("/age/tamper/header", test_tamper_header);
  ADD ("/age/tamper/mac", test_tamper_mac);
  ADD ("/age/tamper/payload", test_tamper_payload);
  ADD ("/age/tamper/truncated", test_tamper_truncated);
  ADD ("/age/tamper/trailing-data", test_tamper_trailing);
  ADD ("/age/tamper/empty-final-chunk", test_tamper_empty_final_chunk);
  ADD ("/age/tamper/non-canonical-base64", test_tamper_non_canonical);
  ADD ("/age/tamper/stanza-shape", test_tamper_stanza_shape);
  ADD ("/age/unknown-stanzas", test_unknown_stanzas);
  ADD ("/age/not-age", test_not_age);
#undef ADD
  g_test_add_func ("/age/interop/age-decrypts-ours", test_interop_age_decrypts_ours);
  g_test_add_func ("/age/interop/ours-decrypts-age", test_interop_ours_decrypts_age);

  return g_test_run ();
}
