/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-age"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-age-private.h"
#include "bf-bech32.h"

/*
 * age v1 (https://c2sp.org/age), X25519 recipients only, over whole
 * buffers: records are small, so there is no streaming API.
 *
 * Decryption parses the header in place, in one pass, and allocates
 * nothing that grows with it: stanzas that are not X25519 are checked for
 * syntax and skipped, and each X25519 stanza is checked and, until the file
 * key is found, tried.  The plaintext lives in sodium_malloc() memory; see
 * bf_age_decrypt().
 */

#define VERSION_LINE     "age-encryption.org/v1\n"
#define ARMOR_BEGIN      "-----BEGIN AGE ENCRYPTED FILE-----"
#define X25519_INFO      "age-encryption.org/v1/X25519"
#define IDENTITY_HRP     "AGE-SECRET-KEY-"
#define RECIPIENT_HRP    "age"
#define FILE_KEY_SIZE    16
#define NONCE_SIZE       16
#define TAG_SIZE         crypto_aead_chacha20poly1305_ietf_ABYTES
#define CHUNK_SIZE       (64 * 1024)
#define CHUNK_CT_SIZE    (CHUNK_SIZE + TAG_SIZE)
#define COLUMNS          64
#define MAC_B64_LEN      43
#define KEY_B64_LEN      43   /* 32 bytes, unpadded */

G_DEFINE_QUARK (bf-age-error-quark, bf_age_error)

G_STATIC_ASSERT (crypto_scalarmult_BYTES == BF_AGE_KEY_SIZE);
G_STATIC_ASSERT (crypto_scalarmult_SCALARBYTES == BF_AGE_KEY_SIZE);
G_STATIC_ASSERT (crypto_aead_chacha20poly1305_ietf_KEYBYTES == 32);
G_STATIC_ASSERT (crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);

static int
b64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* Decodes unpadded standard base64 and rejects anything that is not the
 * one canonical encoding (RFC 4648, section 3.5): padding, characters
 * outside the alphabet, a dangling character, non-zero trailing bits.
 * With @out %NULL it only checks. */
static gboolean
b64_decode_strict (const char *s,
                   gsize       len,
                   guint8     *out,
                   gsize       out_size,
                   gsize      *out_len)
{
  guint32 acc = 0;
  guint bits = 0;
  gsize k = 0;

  if (len % 4 == 1)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int v = b64_value (s[i]);

      if (v < 0)
        return FALSE;
      acc = (acc << 6) | (guint32) v;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          if (out != NULL)
            {
              if (k >= out_size)
                return FALSE;
              out[k] = (acc >> bits) & 0xff;
            }
          k++;
        }
    }

  if ((acc & ((1u << bits) - 1)) != 0)
    return FALSE;

  if (out_len != NULL)
    *out_len = k;
  return TRUE;
}

static void
b64_append (GString      *str,
            const guint8 *data,
            gsize         len)
{
  gsize start = str->len;
  gsize enc = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);

  g_string_set_size (str, start + enc);
  sodium_bin2base64 (str->str + start, enc, data, len,
                     sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  g_string_set_size (str, start + enc - 1);
}

/* A stanza body: base64 wrapped at 64 columns, always ending with a line
 * shorter than 64, which may be empty. */
static void
b64_append_wrapped (GString      *str,
                    const guint8 *data,
                    gsize         len)
{
  g_autoptr(GString) b64 = g_string_new (NULL);
  gsize i;

  b64_append (b64, data, len);
  for (i = 0; i + COLUMNS <= b64->len; i += COLUMNS)
    {
      g_string_append_len (str, b64->str + i, COLUMNS);
      g_string_append_c (str, '\n');
    }
  g_string_append_len (str, b64->str + i, b64->len - i);
  g_string_append_c (str, '\n');
}

/**
 * bf_age_hkdf_sha256:
 *
 * HKDF-SHA-256 (RFC 5869), extract then expand, built on libsodium's
 * HMAC-SHA-256.  An empty salt is HashLen zero bytes, which HMAC treats the
 * same as an empty key.
 */
void
bf_age_hkdf_sha256 (const guint8 *ikm,
                    gsize         ikm_len,
                    const guint8 *salt,
                    gsize         salt_len,
                    const guint8 *info,
                    gsize         info_len,
                    guint8       *out,
                    gsize         out_len)
{
  crypto_auth_hmacsha256_state st;
  guint8 prk[crypto_auth_hmacsha256_BYTES];
  guint8 t[crypto_auth_hmacsha256_BYTES];
  static const guint8 empty[1] = { 0 };
  gsize done = 0;
  guint8 counter = 0;

  g_return_if_fail (out_len <= 255 * sizeof t);
  g_return_if_fail (out != NULL);

  crypto_auth_hmacsha256_init (&st, salt_len ? salt : empty, salt_len);
  crypto_auth_hmacsha256_update (&st, ikm_len ? ikm : empty, ikm_len);
  crypto_auth_hmacsha256_final (&st, prk);

  while (done < out_len)
    {
      gsize n = MIN (sizeof t, out_len - done);

      counter++;
      crypto_auth_hmacsha256_init (&st, prk, sizeof prk);
      if (counter > 1)
        crypto_auth_hmacsha256_update (&st, t, sizeof t);
      crypto_auth_hmacsha256_update (&st, info_len ? info : empty, info_len);
      crypto_auth_hmacsha256_update (&st, &counter, 1);
      crypto_auth_hmacsha256_final (&st, t);
      memcpy (out + done, t, n);
      done += n;
    }

  sodium_memzero (&st, sizeof st);
  sodium_memzero (prk, sizeof prk);
  sodium_memzero (t, sizeof t);
}

static void
hkdf_str (const guint8 *ikm,
          gsize         ikm_len,
          const guint8 *salt,
          gsize         salt_len,
          const char   *info,
          guint8        out[32])
{
  bf_age_hkdf_sha256 (ikm, ikm_len, salt, salt_len,
                      (const guint8 *) info, strlen (info), out, 32);
}

static void
stream_nonce (guint8  nonce[12],
              guint64 counter,
              gboolean last)
{
  memset (nonce, 0, 12);
  for (guint i = 0; i < 8; i++)
    nonce[10 - i] = (counter >> (8 * i)) & 0xff;
  nonce[11] = last ? 0x01 : 0x00;
}

static void
header_mac (const guint8 *file_key,
            const guint8 *header,
            gsize         header_len,
            guint8        mac[32])
{
  guint8 mac_key[32];

  hkdf_str (file_key, FILE_KEY_SIZE, NULL, 0, "header", mac_key);
  crypto_auth_hmacsha256 (mac, header, header_len, mac_key);
  sodium_memzero (mac_key, sizeof mac_key);
}

/* Wraps @file_key for one recipient and appends the stanza. */
static gboolean
append_x25519_stanza (GString      *header,
                      const guint8 *recipient,
                      const guint8 *file_key,
                      GError      **error)
{
  guint8 eph[32];
  guint8 share[32];
  guint8 shared[32];
  guint8 salt[64];
  guint8 wrap_key[32];
  guint8 body[FILE_KEY_SIZE + TAG_SIZE];
  static const guint8 zero_nonce[12] = { 0 };
  gboolean ok = FALSE;

  randombytes_buf (eph, sizeof eph);
  crypto_scalarmult_base (share, eph);

  /* libsodium fails when the result is all zeros, that is, when the
   * recipient is a low-order point. */
  if (crypto_scalarmult (shared, eph, recipient) != 0 ||
      sodium_is_zero (shared, sizeof shared))
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("One of the recipients is not a usable public key"));
      goto out;
    }

  memcpy (salt, share, 32);
  memcpy (salt + 32, recipient, 32);
  hkdf_str (shared, sizeof shared, salt, sizeof salt, X25519_INFO, wrap_key);
  crypto_aead_chacha20poly1305_ietf_encrypt (body, NULL, file_key, FILE_KEY_SIZE,
                                             NULL, 0, NULL, zero_nonce, wrap_key);

  g_string_append (header, "-> X25519 ");
  b64_append (header, share, sizeof share);
  g_string_append_c (header, '\n');
  b64_append_wrapped (header, body, sizeof body);
  ok = TRUE;

out:
  sodium_memzero (eph, sizeof eph);
  sodium_memzero (shared, sizeof shared);
  sodium_memzero (wrap_key, sizeof wrap_key);
  return ok;
}

GBytes *
bf_age_encrypt_full (const guint8 *data,
                     gsize         len,
                     GPtrArray    *recipients,
                     const guint8 *file_key_in,
                     gboolean      add_empty_final_chunk,
                     GError      **error)
{
  g_autoptr(GString) header = NULL;
  guint8 file_key[FILE_KEY_SIZE];
  guint8 mac[32];
  guint8 nonce[NONCE_SIZE];
  guint8 payload_key[32];
  guint8 chunk_nonce[12];
  guint8 *out;
  gsize n_chunks;
  gsize out_len;
  gsize pos;
  GBytes *ret = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (recipients != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > BF_AGE_MAX_PLAINTEXT)
    {
      g_set_error (error, BF_AGE_ERROR, BF_AGE_ERROR_TOO_LARGE,
                   _("The record is too large to encrypt (the limit is %u MiB)"),
                   BF_AGE_MAX_PLAINTEXT / (1024 * 1024));
      return NULL;
    }
  if (recipients->len == 0 || recipients->len > BF_AGE_MAX_RECIPIENTS)
    {
      g_set_error (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                   _("A record needs between 1 and %u recipients"),
                   BF_AGE_MAX_RECIPIENTS);
      return NULL;
    }
  for (guint i = 0; i < recipients->len; i++)
    {
      GBytes *r = g_ptr_array_index (recipients, i);

      if (r == NULL || g_bytes_get_size (r) != BF_AGE_KEY_SIZE)
        {
          g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                               _("One of the recipients is not a usable public key"));
          return NULL;
        }
    }

  /* No arithmetic on a NULL pointer, even with a zero offset. */
  if (data == NULL)
    data = (const guint8 *) "";

  if (file_key_in != NULL)
    memcpy (file_key, file_key_in, sizeof file_key);
  else
    randombytes_buf (file_key, sizeof file_key);

  header = g_string_new (VERSION_LINE);
  for (guint i = 0; i < recipients->len; i++)
    {
      GBytes *r = g_ptr_array_index (recipients, i);

      if (!append_x25519_stanza (header, g_bytes_get_data (r, NULL), file_key, error))
        goto out;
    }
  g_string_append (header, "---");
  header_mac (file_key, (const guint8 *) header->str, header->len, mac);
  g_string_append_c (header, ' ');
  b64_append (header, mac, sizeof mac);
  g_string_append_c (header, '\n');

  /* An empty plaintext is one empty final chunk; otherwise the last chunk
   * is never empty, even when the plaintext fills whole chunks. */
  n_chunks = len == 0 ? 1 : (len + CHUNK_SIZE - 1) / CHUNK_SIZE;
  out_len = header->len + NONCE_SIZE + len + n_chunks * TAG_SIZE;
  if (add_empty_final_chunk)
    out_len += TAG_SIZE;

  out = g_malloc (out_len);
  memcpy (out, header->str, header->len);
  pos = header->len;

  randombytes_buf (nonce, sizeof nonce);
  memcpy (out + pos, nonce, sizeof nonce);
  pos += sizeof nonce;
  hkdf_str (file_key, sizeof file_key, nonce, sizeof nonce, "payload", payload_key);

  for (gsize i = 0; i < n_chunks; i++)
    {
      gsize off = i * CHUNK_SIZE;
      gsize n = MIN (CHUNK_SIZE, len - off);
      gboolean last = i + 1 == n_chunks && !add_empty_final_chunk;

      stream_nonce (chunk_nonce, i, last);
      crypto_aead_chacha20poly1305_ietf_encrypt (out + pos, NULL, data + off, n,
                                                 NULL, 0, NULL, chunk_nonce, payload_key);
      pos += n + TAG_SIZE;
    }
  if (add_empty_final_chunk)
    {
      stream_nonce (chunk_nonce, n_chunks, TRUE);
      crypto_aead_chacha20poly1305_ietf_encrypt (out + pos, NULL, NULL, 0,
                                                 NULL, 0, NULL, chunk_nonce, payload_key);
      pos += TAG_SIZE;
    }
  g_assert (pos == out_len);

  ret = g_bytes_new_take (out, out_len);

out:
  sodium_memzero (file_key, sizeof file_key);
  sodium_memzero (payload_key, sizeof payload_key);
  return ret;
}

/**
 * bf_age_encrypt:
 * @data: the plaintext
 * @len: its length, at most %BF_AGE_MAX_PLAINTEXT
 * @recipients: (element-type GBytes): 32-byte X25519 public keys
 * @error: return location for a #GError
 *
 * Encrypts @data to every recipient as a binary (not armored) age v1 file,
 * with a fresh file key, fresh ephemeral keys and a fresh payload nonce.
 *
 * Returns: (transfer full): the age file, or %NULL with @error set
 */
GBytes *
bf_age_encrypt (const guint8 *data,
                gsize         len,
                GPtrArray    *recipients,
                GError      **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (recipients != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return bf_age_encrypt_full (data, len, recipients, NULL, FALSE, error);
}

static gboolean
header_error (GError     **error,
              const char  *why)
{
  g_debug ("Bad age header: %s", why);
  g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_HEADER,
                       _("The record is damaged: its header is not valid"));
  return FALSE;
}

static gboolean
is_vchar (char c)
{
  return c >= 0x21 && c <= 0x7e;
}

typedef struct
{
  const guint8 *identity;
  guint8        recipient[32];
  guint8        file_key[FILE_KEY_SIZE];
  gboolean      found;
} Unwrap;

/* Checks one X25519 stanza strictly and, if the file key is still
 * unknown, tries to unwrap it.  A stanza for someone else is not an
 * error. */
static gboolean
x25519_stanza (Unwrap      *u,
               const char  *args,
               gsize        args_len,
               guint        n_args,
               const char  *body,
               gsize        body_len,
               GError     **error)
{
  static const guint8 zero_nonce[12] = { 0 };
  const char *share_b64;
  gsize share_b64_len;
  guint8 share[32];
  guint8 wrapped[FILE_KEY_SIZE + TAG_SIZE];
  guint8 shared[32];
  guint8 salt[64];
  guint8 wrap_key[32];
  gsize n;
  gboolean ok = FALSE;

  if (n_args != 2)
    return header_error (error, "X25519 stanza with the wrong number of arguments");
  share_b64 = args + strlen ("X25519 ");
  share_b64_len = args_len - strlen ("X25519 ");
  if (!b64_decode_strict (share_b64, share_b64_len, share, sizeof share, &n) || n != sizeof share)
    return header_error (error, "X25519 share is not canonical base64 of 32 bytes");
  /* The body length is checked before any decryption is tried, which
   * rules out partitioning oracles. */
  if (!b64_decode_strict (body, body_len, wrapped, sizeof wrapped, &n) || n != sizeof wrapped)
    return header_error (error, "X25519 body is not 32 bytes");

  if (u->found)
    return TRUE;

  if (crypto_scalarmult (shared, u->identity, share) != 0 ||
      sodium_is_zero (shared, sizeof shared))
    {
      header_error (error, "X25519 shared secret is all zeros");
      goto out;
    }

  memcpy (salt, share, 32);
  memcpy (salt + 32, u->recipient, 32);
  hkdf_str (shared, sizeof shared, salt, sizeof salt, X25519_INFO, wrap_key);
  if (crypto_aead_chacha20poly1305_ietf_decrypt (u->file_key, NULL, NULL,
                                                 wrapped, sizeof wrapped,
                                                 NULL, 0, zero_nonce, wrap_key) == 0)
    u->found = TRUE;
  ok = TRUE;

out:
  sodium_memzero (shared, sizeof shared);
  sodium_memzero (wrap_key, sizeof wrap_key);
  return ok;
}

/* A well-formed version line for a version other than v1.  A damaged v1
 * line, such as one ending in CR LF, is a bad header instead. */
static gboolean
is_other_version (const char *data,
                  gsize       len)
{
  const gsize prefix = strlen ("age-encryption.org/");
  gsize i;

  if (len < prefix || memcmp (data, "age-encryption.org/", prefix) != 0)
    return FALSE;
  for (i = prefix; i < len && is_vchar (data[i]); i++)
    ;
  return i > prefix && i < len && data[i] == '\n';
}

/* Parses the header at the start of @data.  On success, @header_len is
 * the length up to and including the MAC line's newline, and the file key
 * is in @u when one of the stanzas was ours. */
static gboolean
parse_header (const char  *data,
              gsize        len,
              Unwrap      *u,
              gsize       *mac_start,
              gsize       *header_len,
              GError     **error)
{
  gsize limit = MIN (len, BF_AGE_MAX_HEADER);
  gsize pos;
  guint n_stanzas = 0;

  if (len >= strlen (ARMOR_BEGIN) && memcmp (data, ARMOR_BEGIN, strlen (ARMOR_BEGIN)) == 0)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_UNSUPPORTED,
                           _("ASCII-armored age files are not supported"));
      return FALSE;
    }
  if (len < strlen (VERSION_LINE) || memcmp (data, VERSION_LINE, strlen (VERSION_LINE)) != 0)
    {
      if (is_other_version (data, limit))
        g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_UNSUPPORTED,
                             _("The record uses an age version that is not supported"));
      else
        g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_HEADER,
                             _("The record is damaged: it is not an age file"));
      return FALSE;
    }

  pos = strlen (VERSION_LINE);
  for (;;)
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', limit - pos);
      gsize line_len;

      if (nl == NULL)
        {
          if (limit < len)
            return header_error (error, "header longer than the limit");
          g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_TRUNCATED,
                               _("The record is cut short: its header is incomplete"));
          return FALSE;
        }
      line_len = nl - line;

      if (line_len >= 3 && memcmp (line, "---", 3) == 0)
        {
          if (n_stanzas == 0)
            return header_error (error, "no recipient stanzas");
          if (line_len != 4 + MAC_B64_LEN || line[3] != ' ')
            return header_error (error, "malformed MAC line");
          *mac_start = pos;
          *header_len = pos + line_len + 1;
          return TRUE;
        }
      else if (line_len >= 3 && memcmp (line, "-> ", 3) == 0)
        {
          const char *args = line + 3;
          gsize args_len = line_len - 3;
          guint n_args = 0;
          const char *body;
          gsize body_len = 0;
          gboolean in_arg = FALSE;

          /* Arguments: one or more runs of VCHAR separated by single
           * spaces. */
          for (gsize i = 0; i < args_len; i++)
            {
              if (args[i] == ' ')
                {
                  if (!in_arg)
                    return header_error (error, "empty stanza argument");
                  in_arg = FALSE;
                }
              else if (is_vchar (args[i]))
                {
                  if (!in_arg)
                    n_args++;
                  in_arg = TRUE;
                }
              else
                return header_error (error, "stanza argument is not VCHAR");
            }
          if (!in_arg)
            return header_error (error, "empty stanza argument");

          /* The body: full 64-column lines, then one shorter line. */
          pos += line_len + 1;
          body = data + pos;
          for (;;)
            {
              const char *bl = data + pos;
              const char *bnl = memchr (bl, '\n', MIN (limit - pos, COLUMNS + 1));
              gsize bl_len;

              if (bnl == NULL)
                {
                  if (limit - pos > COLUMNS)
                    return header_error (error, "stanza body line longer than 64 columns");
                  if (limit < len)
                    return header_error (error, "header longer than the limit");
                  g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_TRUNCATED,
                                       _("The record is cut short: its header is incomplete"));
                  return FALSE;
                }
              bl_len = bnl - bl;
              pos += bl_len + 1;
              if (bl_len < COLUMNS)
                {
                  /* Full lines are whole base64 quanta, so the last line
                   * alone decides whether the body is canonical. */
                  if (!b64_decode_strict (bl, bl_len, NULL, 0, NULL))
                    return header_error (error, "stanza body is not canonical base64");
                  body_len += bl_len;
                  break;
                }
              if (!b64_decode_strict (bl, bl_len, NULL, 0, NULL))
                return header_error (error, "stanza body is not base64");
              body_len += bl_len + 1;
            }
          n_stanzas++;

          if (args_len >= 6 && memcmp (args, "X25519", 6) == 0 &&
              (args_len == 6 || args[6] == ' '))
            {
              /* The body of an X25519 stanza is one line. */
              if (memchr (body, '\n', body_len) != NULL)
                return header_error (error, "X25519 body is not 32 bytes");
              if (!x25519_stanza (u, args, args_len, n_args, body, body_len, error))
                return FALSE;
            }
          continue;
        }
      else
        return header_error (error, "unexpected line");
    }
}

static void
free_plaintext (gpointer data)
{
  sodium_free (data);
}

/**
 * bf_age_decrypt:
 * @ciphertext: a binary age v1 file
 * @identity: a 32-byte X25519 identity
 * @error: return location for a #GError
 *
 * Decrypts @ciphertext with @identity, checking the whole header, its MAC
 * and every payload chunk before anything is returned.
 *
 * The plaintext is returned as a #GBytes, so that it can go straight to a
 * parser, but its memory comes from sodium_malloc(): it is kept out of
 * swap where the system allows, and wiped when the last reference goes.
 * Decrypted records are personal data, so callers should keep them no
 * longer than they need and never copy them into ordinary buffers.
 *
 * Returns: (transfer full): the plaintext, or %NULL with @error set
 */
GBytes *
bf_age_decrypt (GBytes    *ciphertext,
                BfSecret  *identity,
                GError   **error)
{
  const guint8 *data;
  gsize len;
  Unwrap u = { 0 };
  gsize mac_start = 0;
  gsize header_len = 0;
  gsize max_len;
  guint8 mac[32];
  guint8 expected_mac[32];
  guint8 nonce[NONCE_SIZE];
  guint8 payload_key[32];
  guint8 chunk_nonce[12];
  gsize n;
  gsize ct_len;
  gsize n_chunks;
  gsize last_len;
  gsize pt_len;
  guint8 *pt = NULL;
  GBytes *ret = NULL;

  g_return_val_if_fail (ciphertext != NULL, NULL);
  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (bf_secret_get_size (identity) == BF_AGE_KEY_SIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (ciphertext, &len);
  max_len = BF_AGE_MAX_HEADER + NONCE_SIZE + BF_AGE_MAX_PLAINTEXT +
            (BF_AGE_MAX_PLAINTEXT / CHUNK_SIZE) * TAG_SIZE;
  if (len > max_len)
    {
      g_set_error (error, BF_AGE_ERROR, BF_AGE_ERROR_TOO_LARGE,
                   _("The record is too large to decrypt (the limit is %u MiB)"),
                   BF_AGE_MAX_PLAINTEXT / (1024 * 1024));
      return NULL;
    }

  u.identity = bf_secret_peek (identity);
  crypto_scalarmult_base (u.recipient, u.identity);

  if (!parse_header ((const char *) data, len, &u, &mac_start, &header_len, error))
    goto out;

  if (!u.found)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_NO_MATCH,
                           _("This record is not addressed to you"));
      goto out;
    }

  if (!b64_decode_strict ((const char *) data + mac_start + 4, MAC_B64_LEN,
                          mac, sizeof mac, &n) || n != sizeof mac)
    {
      header_error (error, "MAC is not canonical base64");
      goto out;
    }
  header_mac (u.file_key, data, mac_start + 3, expected_mac);
  if (crypto_verify_32 (mac, expected_mac) != 0)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_MAC,
                           _("The record has been tampered with or damaged: its header does not match its key"));
      goto out;
    }

  if (len - header_len < NONCE_SIZE + TAG_SIZE)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_TRUNCATED,
                           _("The record is cut short: its content is missing"));
      goto out;
    }
  memcpy (nonce, data + header_len, NONCE_SIZE);
  hkdf_str (u.file_key, FILE_KEY_SIZE, nonce, sizeof nonce, "payload", payload_key);

  data += header_len + NONCE_SIZE;
  ct_len = len - header_len - NONCE_SIZE;
  n_chunks = (ct_len + CHUNK_CT_SIZE - 1) / CHUNK_CT_SIZE;
  /* Every chunk but the last is full.  A last chunk shorter than its tag
   * is an error found in the loop below, once the chunks before it have
   * shown whether it is appended data. */
  last_len = ct_len - (n_chunks - 1) * CHUNK_CT_SIZE;
  pt_len = (n_chunks - 1) * CHUNK_SIZE + (last_len >= TAG_SIZE ? last_len - TAG_SIZE : 0);
  if (pt_len > BF_AGE_MAX_PLAINTEXT)
    {
      g_set_error (error, BF_AGE_ERROR, BF_AGE_ERROR_TOO_LARGE,
                   _("The record is too large to decrypt (the limit is %u MiB)"),
                   BF_AGE_MAX_PLAINTEXT / (1024 * 1024));
      goto out;
    }

  pt = sodium_malloc (MAX (pt_len, 1));
  if (pt == NULL)
    g_error ("sodium_malloc(%" G_GSIZE_FORMAT ") failed", pt_len);

  for (gsize i = 0; i < n_chunks; i++)
    {
      const guint8 *c = data + i * CHUNK_CT_SIZE;
      gsize c_len = MIN (CHUNK_CT_SIZE, ct_len - i * CHUNK_CT_SIZE);
      guint8 *p = pt + i * CHUNK_SIZE;
      gboolean last = i + 1 == n_chunks;

      if (c_len < TAG_SIZE)
        {
          g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_PAYLOAD,
                               _("The record is damaged: its content does not end properly"));
          goto out;
        }
      if (last && i > 0 && c_len == TAG_SIZE)
        {
          g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_PAYLOAD,
                               _("The record is damaged: it ends with an empty chunk"));
          goto out;
        }

      stream_nonce (chunk_nonce, i, last);
      if (crypto_aead_chacha20poly1305_ietf_decrypt (p, NULL, NULL, c, c_len, NULL, 0,
                                                     chunk_nonce, payload_key) == 0)
        continue;

      /* Tell truncation and appended data apart from plain damage: a full
       * chunk that only opens with the other flag shows which it is. */
      stream_nonce (chunk_nonce, i, !last);
      if (c_len == CHUNK_CT_SIZE &&
          crypto_aead_chacha20poly1305_ietf_decrypt (p, NULL, NULL, c, c_len, NULL, 0,
                                                     chunk_nonce, payload_key) == 0)
        {
          if (last)
            g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_TRUNCATED,
                                 _("The record is cut short: its content is incomplete"));
          else
            g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_TRAILING_DATA,
                                 _("The record is damaged: there is data after its end"));
        }
      else
        g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_PAYLOAD,
                             _("The record has been tampered with or damaged: its content does not authenticate"));
      goto out;
    }

  ret = g_bytes_new_with_free_func (pt, pt_len, free_plaintext, pt);
  pt = NULL;

out:
  if (pt != NULL)
    sodium_free (pt);
  sodium_memzero (&u, sizeof u);
  sodium_memzero (payload_key, sizeof payload_key);
  sodium_memzero (expected_mac, sizeof expected_mac);
  return ret;
}

/**
 * bf_age_keypair_generate:
 * @out_recipient: (out) (optional): the matching public key
 *
 * Returns: (transfer full): a new 32-byte X25519 identity
 */
BfSecret *
bf_age_keypair_generate (GBytes **out_recipient)
{
  BfSecret *identity = bf_secret_new_random (BF_AGE_KEY_SIZE);

  if (out_recipient != NULL)
    *out_recipient = bf_age_identity_get_recipient (identity, NULL);

  return identity;
}

/**
 * bf_age_identity_get_recipient:
 *
 * Returns: (transfer full): the public key X25519(@identity, basepoint)
 */
GBytes *
bf_age_identity_get_recipient (BfSecret  *identity,
                               GError   **error)
{
  guint8 pk[BF_AGE_KEY_SIZE];

  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (bf_secret_get_size (identity) != BF_AGE_KEY_SIZE ||
      crypto_scalarmult_base (pk, bf_secret_peek (identity)) != 0)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("The secret key is not a valid age identity"));
      return NULL;
    }

  return g_bytes_new (pk, sizeof pk);
}

/**
 * bf_age_identity_from_string:
 * @str: an `AGE-SECRET-KEY-1…` string, with nothing around it
 *
 * Returns: (transfer full): the identity
 */
BfSecret *
bf_age_identity_from_string (const char  *str,
                             GError     **error)
{
  g_autoptr(BfSecret) identity = NULL;
  g_autofree char *hrp = NULL;
  gsize len = 0;

  g_return_val_if_fail (str != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  identity = bf_secret_new (BF_AGE_KEY_SIZE);
  if (!bf_bech32_decode (str, &hrp, bf_secret_get_data (identity), BF_AGE_KEY_SIZE, &len, NULL) ||
      g_strcmp0 (hrp, IDENTITY_HRP) != 0 || len != BF_AGE_KEY_SIZE)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("This is not a valid age secret key (AGE-SECRET-KEY-1…)"));
      return NULL;
    }

  return g_steal_pointer (&identity);
}

/**
 * bf_age_identity_to_string:
 *
 * Returns: (transfer full): `AGE-SECRET-KEY-1…`; free it with
 *   bf_str_wipe_free()
 */
char *
bf_age_identity_to_string (BfSecret *identity)
{
  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (bf_secret_get_size (identity) == BF_AGE_KEY_SIZE, NULL);

  return bf_bech32_encode (IDENTITY_HRP, bf_secret_peek (identity), BF_AGE_KEY_SIZE, TRUE, NULL);
}

/**
 * bf_age_identity_from_file_contents:
 * @contents: an identity file as age-keygen writes it
 * @length: the length of @contents, or -1 if it is NUL-terminated
 *
 * Accepts exactly one identity line; blank lines and `#` comments are
 * skipped, as age does.
 *
 * Returns: (transfer full): the identity
 */
BfSecret *
bf_age_identity_from_file_contents (const char  *contents,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(BfSecret) identity = NULL;
  gsize len;
  gsize pos = 0;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (contents) : (gsize) length;
  if (len > 64 * 1024 || memchr (contents, '\0', len) != NULL)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("This is not an age identity file"));
      return NULL;
    }

  while (pos < len)
    {
      const char *line = contents + pos;
      const char *nl = memchr (line, '\n', len - pos);
      gsize line_len = nl ? (gsize) (nl - line) : len - pos;
      char *copy;

      pos += line_len + 1;
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
      if (line_len == 0 || line[0] == '#')
        continue;
      if (identity != NULL)
        {
          g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                               _("The identity file holds more than one key"));
          return NULL;
        }

      copy = g_strndup (line, line_len);
      identity = bf_age_identity_from_string (copy, error);
      bf_str_wipe_free (copy);
      if (identity == NULL)
        return NULL;
    }

  if (identity == NULL)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("The identity file holds no key"));
      return NULL;
    }

  return g_steal_pointer (&identity);
}

/**
 * bf_age_identity_to_file_contents:
 *
 * Writes an identity file in the format of age-keygen, which the stock
 * `age -d -i FILE` reads.
 *
 * Returns: (transfer full): the file contents; free them with
 *   bf_str_wipe_free()
 */
char *
bf_age_identity_to_file_contents (BfSecret  *identity,
                                  GError   **error)
{
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *created = NULL;
  g_autofree char *public = NULL;
  g_autofree char *head = NULL;
  char *secret;
  char *ret;
  gsize head_len;
  gsize secret_len;

  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  recipient = bf_age_identity_get_recipient (identity, error);
  if (recipient == NULL)
    return NULL;

  now = g_date_time_new_now_utc ();
  created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  public = bf_age_recipient_to_string (recipient);
  head = g_strdup_printf ("# created: %s\n# public key: %s\n", created, public);

  /* Assembled by hand: a printf-style builder may leave copies of the
   * secret behind in buffers it grows and frees. */
  secret = bf_age_identity_to_string (identity);
  head_len = strlen (head);
  secret_len = strlen (secret);
  ret = g_malloc (head_len + secret_len + 2);
  memcpy (ret, head, head_len);
  memcpy (ret + head_len, secret, secret_len);
  ret[head_len + secret_len] = '\n';
  ret[head_len + secret_len + 1] = '\0';
  bf_str_wipe_free (secret);

  return ret;
}

/**
 * bf_age_recipient_from_string:
 * @str: an `age1…` string, lowercase, with nothing around it
 *
 * Returns: (transfer full): the 32-byte public key
 */
GBytes *
bf_age_recipient_from_string (const char  *str,
                              GError     **error)
{
  g_autofree char *hrp = NULL;
  guint8 pk[BF_AGE_KEY_SIZE];
  gsize len = 0;

  g_return_val_if_fail (str != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bf_bech32_decode (str, &hrp, pk, sizeof pk, &len, NULL) ||
      g_strcmp0 (hrp, RECIPIENT_HRP) != 0 || len != sizeof pk)
    {
      g_set_error_literal (error, BF_AGE_ERROR, BF_AGE_ERROR_BAD_KEY,
                           _("This is not a valid age public key (age1…)"));
      return NULL;
    }

  return g_bytes_new (pk, sizeof pk);
}

/**
 * bf_age_recipient_to_string:
 *
 * Returns: (transfer full): `age1…`
 */
char *
bf_age_recipient_to_string (GBytes *recipient)
{
  g_return_val_if_fail (recipient != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (recipient) == BF_AGE_KEY_SIZE, NULL);

  return bf_bech32_encode (RECIPIENT_HRP, g_bytes_get_data (recipient, NULL),
                           BF_AGE_KEY_SIZE, FALSE, NULL);
}
