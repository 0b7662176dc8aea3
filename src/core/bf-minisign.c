/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-minisign"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "bf-minisign.h"

/*
 * minisign signatures, prehashed ("ED") form only: the Ed25519 signature
 * covers BLAKE2b-512 of the data, and a second signature covers that
 * signature and the trusted comment.  The stock `minisign -V` verifies what
 * this writes.  Verification refuses the legacy "Ed" form, which signs the
 * raw data: DESIGN.md names the prehashed form, and accepting both would
 * give every record two valid signature formats.
 *
 * Signature files are parsed strictly: four LF-terminated lines, nothing
 * after them, canonical padded base64, no NUL or CR anywhere.
 */

#define SIG_ALG_HASHED          "ED"
#define SIG_ALG_LEGACY          "Ed"
#define PK_ALG                  "Ed"
#define UNTRUSTED_PREFIX        "untrusted comment: "
#define TRUSTED_PREFIX          "trusted comment: "
#define DEFAULT_UNTRUSTED       "signature from bofast"
#define PREHASH_SIZE            crypto_generichash_BYTES_MAX
#define SIG_STRUCT_SIZE         (2 + BF_MINISIGN_KEY_ID_SIZE + crypto_sign_BYTES)

G_DEFINE_QUARK (bf-minisign-error-quark, bf_minisign_error)

G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == 32);
G_STATIC_ASSERT (crypto_sign_SECRETKEYBYTES == 64);
G_STATIC_ASSERT (crypto_sign_BYTES == 64);
G_STATIC_ASSERT (crypto_generichash_BYTES_MAX == 64);

/* Decodes padded standard base64 and accepts only the canonical spelling:
 * whatever libsodium tolerates, the text must be what encoding the bytes
 * again gives. */
static gboolean
b64_decode_exact (const char *s,
                  gsize       len,
                  guint8     *out,
                  gsize       out_len)
{
  char again[128];
  gsize n = 0;

  if (sodium_base64_ENCODED_LEN (out_len, sodium_base64_VARIANT_ORIGINAL) > sizeof again ||
      len != sodium_base64_ENCODED_LEN (out_len, sodium_base64_VARIANT_ORIGINAL) - 1)
    return FALSE;
  if (sodium_base642bin (out, out_len, s, len, NULL, &n, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || n != out_len)
    return FALSE;
  sodium_bin2base64 (again, sizeof again, out, out_len, sodium_base64_VARIANT_ORIGINAL);
  return memcmp (again, s, len) == 0;
}

static char *
b64_encode (const guint8 *data,
            gsize         len)
{
  gsize enc = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (enc);

  sodium_bin2base64 (out, enc, data, len, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

/* The key id as minisign prints it: the little-endian number in
 * uppercase hex, without leading zeros. */
static char *
key_id_hex (const guint8 *key_id)
{
  guint64 v = 0;

  for (guint i = 0; i < BF_MINISIGN_KEY_ID_SIZE; i++)
    v |= (guint64) key_id[i] << (8 * i);
  return g_strdup_printf ("%" G_GINT64_MODIFIER "X", v);
}

/* A comment goes on one line of a file that the stock minisign reads
 * with fgets() and cuts at the first CR or LF. */
static gboolean
comment_is_valid (const char *comment,
                  gsize       max)
{
  gsize len = strlen (comment);

  if (len > max || !g_utf8_validate (comment, len, NULL))
    return FALSE;
  return strpbrk (comment, "\r\n") == NULL;
}

/**
 * bf_minisign_keypair_generate:
 * @out_public_key: (out) (optional): the public key
 *
 * Makes an Ed25519 key pair with a random 8-byte key id.
 *
 * Returns: (transfer full): the secret key: key id ‖ libsodium secret key
 */
BfSecret *
bf_minisign_keypair_generate (GBytes **out_public_key)
{
  BfSecret *sk = bf_secret_new (BF_MINISIGN_SECRET_KEY_SIZE);
  guint8 *p = bf_secret_get_data (sk);
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  randombytes_buf (p, BF_MINISIGN_KEY_ID_SIZE);
  crypto_sign_keypair (pk, p + BF_MINISIGN_KEY_ID_SIZE);

  if (out_public_key != NULL)
    *out_public_key = bf_minisign_secret_key_get_public_key (sk);

  return sk;
}

/**
 * bf_minisign_secret_key_from_data:
 * @data: key id ‖ 64-byte libsodium Ed25519 secret key, as stored
 *
 * Checks that the public half inside the secret key belongs to its seed,
 * so that a damaged stored key fails here rather than signing with a key
 * nobody can verify.
 *
 * Returns: (transfer full): the secret key
 */
BfSecret *
bf_minisign_secret_key_from_data (const guint8  *data,
                                  gsize          len,
                                  GError       **error)
{
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(BfSecret) check = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len != BF_MINISIGN_SECRET_KEY_SIZE)
    goto bad;

  sk = bf_secret_new_from_data (data, len);
  check = bf_secret_new (crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair (pk, bf_secret_get_data (check), data + BF_MINISIGN_KEY_ID_SIZE);
  if (sodium_memcmp (bf_secret_peek (check), data + BF_MINISIGN_KEY_ID_SIZE,
                     crypto_sign_SECRETKEYBYTES) != 0)
    goto bad;

  return g_steal_pointer (&sk);

bad:
  g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY,
                       _("The signing key is damaged"));
  return NULL;
}

/**
 * bf_minisign_secret_key_get_public_key:
 *
 * Returns: (transfer full): the 42-byte public key
 */
GBytes *
bf_minisign_secret_key_get_public_key (BfSecret *secret_key)
{
  const guint8 *p;
  guint8 pk[BF_MINISIGN_PUBLIC_KEY_SIZE];

  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (bf_secret_get_size (secret_key) == BF_MINISIGN_SECRET_KEY_SIZE, NULL);

  p = bf_secret_peek (secret_key);
  memcpy (pk, PK_ALG, 2);
  memcpy (pk + 2, p, BF_MINISIGN_KEY_ID_SIZE);
  crypto_sign_ed25519_sk_to_pk (pk + 2 + BF_MINISIGN_KEY_ID_SIZE, p + BF_MINISIGN_KEY_ID_SIZE);

  return g_bytes_new (pk, sizeof pk);
}

/**
 * bf_minisign_public_key_to_string:
 *
 * Returns: (transfer full): the base64 form that `minisign -P` takes
 */
char *
bf_minisign_public_key_to_string (GBytes *public_key)
{
  g_return_val_if_fail (public_key != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (public_key) == BF_MINISIGN_PUBLIC_KEY_SIZE, NULL);

  return b64_encode (g_bytes_get_data (public_key, NULL), BF_MINISIGN_PUBLIC_KEY_SIZE);
}

/**
 * bf_minisign_public_key_from_string:
 * @str: the base64 form, with nothing around it
 *
 * Returns: (transfer full): the 42-byte public key
 */
GBytes *
bf_minisign_public_key_from_string (const char  *str,
                                    GError     **error)
{
  guint8 pk[BF_MINISIGN_PUBLIC_KEY_SIZE];

  g_return_val_if_fail (str != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!b64_decode_exact (str, strnlen (str, 128), pk, sizeof pk) ||
      memcmp (pk, PK_ALG, 2) != 0)
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY,
                           _("This is not a valid minisign public key"));
      return NULL;
    }

  return g_bytes_new (pk, sizeof pk);
}

/**
 * bf_minisign_public_key_to_file_contents:
 *
 * Returns: (transfer full): a `.pub` file as `minisign -G` writes it
 */
char *
bf_minisign_public_key_to_file_contents (GBytes *public_key)
{
  g_autofree char *id = NULL;
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (public_key != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (public_key) == BF_MINISIGN_PUBLIC_KEY_SIZE, NULL);

  id = bf_minisign_key_id_to_string (public_key);
  b64 = bf_minisign_public_key_to_string (public_key);
  return g_strdup_printf (UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, b64);
}

/**
 * bf_minisign_public_key_from_file_contents:
 * @contents: a `.pub` file: an untrusted comment line, then the key
 * @length: the length of @contents, or -1 if it is NUL-terminated
 *
 * Returns: (transfer full): the 42-byte public key
 */
GBytes *
bf_minisign_public_key_from_file_contents (const char  *contents,
                                           gssize       length,
                                           GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strnlen (contents, 4096 + 1) : (gsize) length;
  if (len > 4096 || memchr (contents, '\0', len) != NULL)
    goto bad;

  copy = g_strndup (contents, len);
  lines = g_strsplit (copy, "\n", -1);
  /* Two lines, the last one terminated, or not. */
  if (g_strv_length (lines) < 2 || g_strv_length (lines) > 3 ||
      (g_strv_length (lines) == 3 && lines[2][0] != '\0') ||
      !g_str_has_prefix (lines[0], UNTRUSTED_PREFIX))
    goto bad;

  return bf_minisign_public_key_from_string (lines[1], error);

bad:
  g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_KEY,
                       _("This is not a minisign public key file"));
  return NULL;
}

/**
 * bf_minisign_key_id_to_string:
 *
 * Returns: (transfer full): the key id as minisign prints it
 */
char *
bf_minisign_key_id_to_string (GBytes *public_key)
{
  g_return_val_if_fail (public_key != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (public_key) == BF_MINISIGN_PUBLIC_KEY_SIZE, NULL);

  return key_id_hex ((const guint8 *) g_bytes_get_data (public_key, NULL) + 2);
}

/**
 * bf_minisign_sign:
 * @data: the bytes to sign
 * @len: their length
 * @secret_key: a key from bf_minisign_keypair_generate(); it carries its
 *   key id
 * @trusted_comment: one line of UTF-8, covered by the signature
 * @untrusted_comment: (nullable): one line of UTF-8, not covered
 * @error: return location for a #GError
 *
 * Signs @data in minisign's prehashed form.
 *
 * Returns: (transfer full): the four-line signature file
 */
char *
bf_minisign_sign (const guint8  *data,
                  gsize          len,
                  BfSecret      *secret_key,
                  const char    *trusted_comment,
                  const char    *untrusted_comment,
                  GError       **error)
{
  const guint8 *sk;
  guint8 hash[PREHASH_SIZE];
  guint8 sig_struct[SIG_STRUCT_SIZE];
  guint8 global_sig[crypto_sign_BYTES];
  g_autofree guint8 *signed_comment = NULL;
  g_autofree char *sig_b64 = NULL;
  g_autofree char *global_b64 = NULL;
  gsize tc_len;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (bf_secret_get_size (secret_key) == BF_MINISIGN_SECRET_KEY_SIZE, NULL);
  g_return_val_if_fail (trusted_comment != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (untrusted_comment == NULL)
    untrusted_comment = DEFAULT_UNTRUSTED;
  if (!comment_is_valid (trusted_comment, BF_MINISIGN_MAX_TRUSTED_COMMENT) ||
      !comment_is_valid (untrusted_comment, BF_MINISIGN_MAX_UNTRUSTED_COMMENT))
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_COMMENT,
                           _("A signature comment must be one line of text"));
      return NULL;
    }

  sk = bf_secret_peek (secret_key);
  crypto_generichash (hash, sizeof hash, data, len, NULL, 0);

  memcpy (sig_struct, SIG_ALG_HASHED, 2);
  memcpy (sig_struct + 2, sk, BF_MINISIGN_KEY_ID_SIZE);
  crypto_sign_detached (sig_struct + 2 + BF_MINISIGN_KEY_ID_SIZE, NULL,
                        hash, sizeof hash, sk + BF_MINISIGN_KEY_ID_SIZE);

  tc_len = strlen (trusted_comment);
  signed_comment = g_malloc (crypto_sign_BYTES + tc_len);
  memcpy (signed_comment, sig_struct + 2 + BF_MINISIGN_KEY_ID_SIZE, crypto_sign_BYTES);
  memcpy (signed_comment + crypto_sign_BYTES, trusted_comment, tc_len);
  crypto_sign_detached (global_sig, NULL, signed_comment, crypto_sign_BYTES + tc_len,
                        sk + BF_MINISIGN_KEY_ID_SIZE);

  sig_b64 = b64_encode (sig_struct, sizeof sig_struct);
  global_b64 = b64_encode (global_sig, sizeof global_sig);

  return g_strdup_printf (UNTRUSTED_PREFIX "%s\n%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          untrusted_comment, sig_b64, trusted_comment, global_b64);
}

static gboolean
format_error (GError     **error,
              const char  *why)
{
  g_debug ("Bad minisign signature: %s", why);
  g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_FORMAT,
                       _("The signature file is damaged or is not a minisign signature"));
  return FALSE;
}

/**
 * bf_minisign_verify:
 * @data: the signed bytes
 * @len: their length
 * @public_key: the 42-byte public key of the expected signer
 * @signature: the signature file's contents, untrusted
 * @signature_len: its length, or -1 if it is NUL-terminated
 * @out_trusted_comment: (out) (optional): the trusted comment, set only
 *   when everything verified
 * @error: return location for a #GError
 *
 * Checks that @signature is a prehashed minisign signature of exactly
 * @data by @public_key, and that its trusted comment is the one signed.
 *
 * Returns: %TRUE if both signatures verify
 */
gboolean
bf_minisign_verify (const guint8  *data,
                    gsize          len,
                    GBytes        *public_key,
                    const char    *signature,
                    gssize         signature_len,
                    char         **out_trusted_comment,
                    GError       **error)
{
  const guint8 *pk;
  const char *lines[4];
  gsize line_lens[4];
  gsize sig_len;
  gsize pos = 0;
  guint8 sig_struct[SIG_STRUCT_SIZE];
  guint8 global_sig[crypto_sign_BYTES];
  guint8 hash[PREHASH_SIZE];
  const char *tc;
  gsize tc_len;
  g_autofree guint8 *signed_comment = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (g_bytes_get_size (public_key) == BF_MINISIGN_PUBLIC_KEY_SIZE, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pk = g_bytes_get_data (public_key, NULL);

  sig_len = signature_len < 0 ? strnlen (signature, BF_MINISIGN_MAX_SIGNATURE + 1)
                              : (gsize) signature_len;
  if (sig_len > BF_MINISIGN_MAX_SIGNATURE)
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_TOO_LARGE,
                           _("The signature file is too large"));
      return FALSE;
    }
  if (memchr (signature, '\0', sig_len) != NULL || memchr (signature, '\r', sig_len) != NULL)
    return format_error (error, "NUL or CR");

  for (guint i = 0; i < 4; i++)
    {
      const char *nl = memchr (signature + pos, '\n', sig_len - pos);

      if (nl == NULL)
        return format_error (error, "fewer than four lines");
      lines[i] = signature + pos;
      line_lens[i] = nl - lines[i];
      pos += line_lens[i] + 1;
    }
  if (pos != sig_len)
    return format_error (error, "data after the fourth line");

  if (line_lens[0] < strlen (UNTRUSTED_PREFIX) ||
      memcmp (lines[0], UNTRUSTED_PREFIX, strlen (UNTRUSTED_PREFIX)) != 0 ||
      line_lens[0] - strlen (UNTRUSTED_PREFIX) > BF_MINISIGN_MAX_UNTRUSTED_COMMENT)
    return format_error (error, "untrusted comment line");

  if (!b64_decode_exact (lines[1], line_lens[1], sig_struct, sizeof sig_struct))
    return format_error (error, "signature line");

  if (line_lens[2] < strlen (TRUSTED_PREFIX) ||
      memcmp (lines[2], TRUSTED_PREFIX, strlen (TRUSTED_PREFIX)) != 0)
    return format_error (error, "trusted comment line");
  tc = lines[2] + strlen (TRUSTED_PREFIX);
  tc_len = line_lens[2] - strlen (TRUSTED_PREFIX);
  if (tc_len > BF_MINISIGN_MAX_TRUSTED_COMMENT || !g_utf8_validate (tc, tc_len, NULL))
    return format_error (error, "trusted comment");

  if (!b64_decode_exact (lines[3], line_lens[3], global_sig, sizeof global_sig))
    return format_error (error, "comment signature line");

  if (memcmp (sig_struct, SIG_ALG_HASHED, 2) != 0)
    {
      if (memcmp (sig_struct, SIG_ALG_LEGACY, 2) == 0)
        g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_UNSUPPORTED,
                             _("The signature uses minisign's legacy format, which is not accepted"));
      else
        g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_UNSUPPORTED,
                             _("The signature uses an unknown algorithm"));
      return FALSE;
    }

  if (memcmp (sig_struct + 2, pk + 2, BF_MINISIGN_KEY_ID_SIZE) != 0)
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_WRONG_KEY,
                           _("The signature was made with a different key"));
      return FALSE;
    }

  crypto_generichash (hash, sizeof hash, data, len, NULL, 0);
  if (crypto_sign_verify_detached (sig_struct + 2 + BF_MINISIGN_KEY_ID_SIZE,
                                   hash, sizeof hash, pk + 2 + BF_MINISIGN_KEY_ID_SIZE) != 0)
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_SIGNATURE,
                           _("The signature does not match the file: it has been changed or damaged"));
      return FALSE;
    }

  signed_comment = g_malloc (crypto_sign_BYTES + tc_len);
  memcpy (signed_comment, sig_struct + 2 + BF_MINISIGN_KEY_ID_SIZE, crypto_sign_BYTES);
  memcpy (signed_comment + crypto_sign_BYTES, tc, tc_len);
  if (crypto_sign_verify_detached (global_sig, signed_comment, crypto_sign_BYTES + tc_len,
                                   pk + 2 + BF_MINISIGN_KEY_ID_SIZE) != 0)
    {
      g_set_error_literal (error, BF_MINISIGN_ERROR, BF_MINISIGN_ERROR_BAD_COMMENT_SIGNATURE,
                           _("The signature's trusted comment has been changed"));
      return FALSE;
    }

  if (out_trusted_comment != NULL)
    *out_trusted_comment = g_strndup (tc, tc_len);

  return TRUE;
}
