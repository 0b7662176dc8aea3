/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-vault"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bf-vault.h"

/*
 * Argon2id parameters for new vaults.
 *
 * Measured on the 2-core build machine (libsodium 1.0.18, one lane, which is
 * all crypto_pwhash uses), two runs each:
 *   128 MiB, ops 3: 0.20 s     256 MiB, ops 3: 0.43–0.48 s
 *   256 MiB, ops 4: 0.56–0.58 s 256 MiB, ops 5: 0.66–0.72 s
 *   384 MiB, ops 4: 0.89–0.94 s 512 MiB, ops 4: 1.27–1.29 s
 * 256 MiB with ops 4 lands at ≈0.55 s here, which leaves room for a slower
 * laptop to stay near 1 s, and 256 MiB is affordable on an 8 GiB machine.
 * tests/bench-kdf.c prints the current figure; on this machine, with other
 * builds running, it gave a median of 0.63 s, and a whole unlock
 * (tests/bench-unlock.c) 0.79–1.04 s, of which opening SQLCipher is 0.5 ms.
 */
#define BF_VAULT_OPSLIMIT 4ULL
#define BF_VAULT_MEMLIMIT (256 * 1024 * 1024)

/* Bounds for parameters read back from a file, so that a tampered vault.json
 * cannot make us allocate gigabytes or spin for hours. */
#define BF_VAULT_MAX_OPSLIMIT 32ULL
#define BF_VAULT_MAX_MEMLIMIT ((gsize) 2048 * 1024 * 1024)

#define BF_VAULT_FORMAT_NAME  "bofast-vault"
#define BF_VAULT_KDF_NAME     "argon2id13"
#define BF_VAULT_AEAD_NAME    "xchacha20poly1305-ietf"
#define BF_VAULT_SALT_SIZE    crypto_pwhash_SALTBYTES
#define BF_VAULT_NONCE_SIZE   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define BF_VAULT_WRAPPED_SIZE (BF_VAULT_KEY_SIZE + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define BF_VAULT_MAX_DEPTH    4

struct _BfVault
{
  GObject    parent_instance;

  /* Owned */
  char      *profile_id;
  char      *name;
  char      *unit;
  GDateTime *created;
  guint      format_version;
  guint64    opslimit;
  gsize      memlimit;
  guint8     salt[BF_VAULT_SALT_SIZE];
  guint8     nonce[BF_VAULT_NONCE_SIZE];
  guint8     wrapped[BF_VAULT_WRAPPED_SIZE];
  gboolean   has_wrapped;
};

G_DEFINE_FINAL_TYPE (BfVault, bf_vault, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-vault-error-quark, bf_vault_error)

/* The associated data binds the wrapped key to this format and this profile,
 * so a vault.json copied into another profile's directory does not unwrap
 * there, and a future format cannot be confused with this one. */
static char *
build_associated_data (BfVault *self)
{
  return g_strdup_printf ("%s/%u/%s", BF_VAULT_FORMAT_NAME,
                          self->format_version, self->profile_id);
}

/* Returns a copy of @passphrase in NFC in sodium memory, so that the same
 * passphrase typed with composed or decomposed letters (æ, ø, å) derives the
 * same key. ASCII needs no normalisation and is copied directly; for other
 * text g_utf8_normalize() works in heap buffers it frees without wiping,
 * which is no worse than the toolkit's own entry buffer. */
static BfSecret *
normalize_passphrase (const char  *passphrase,
                      GError     **error)
{
  g_autofree char *normalized = NULL;
  const char *p;
  BfSecret *ret;
  gsize len;

  g_assert (passphrase != NULL);

  if (!g_utf8_validate (passphrase, -1, NULL))
    {
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_INVALID,
                           _("The passphrase is not valid text"));
      return NULL;
    }

  for (p = passphrase; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      break;

  if (*p == '\0')
    return bf_secret_new_from_data ((const guint8 *) passphrase, strlen (passphrase) + 1);

  normalized = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);
  len = strlen (normalized);
  ret = bf_secret_new_from_data ((const guint8 *) normalized, len + 1);
  bf_memzero (normalized, len);
  return ret;
}

static BfSecret *
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint64        opslimit,
            gsize          memlimit,
            GError       **error)
{
  g_autoptr(BfSecret) normalized = NULL;
  g_autoptr(BfSecret) kek = NULL;

  normalized = normalize_passphrase (passphrase, error);
  if (normalized == NULL)
    return NULL;

  kek = bf_secret_new (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (crypto_pwhash (bf_secret_get_data (kek), bf_secret_get_size (kek),
                     (const char *) bf_secret_peek (normalized),
                     bf_secret_get_size (normalized) - 1,
                     salt, opslimit, memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                           _("There is not enough memory to check the passphrase"));
      return NULL;
    }

  return g_steal_pointer (&kek);
}

/* json-glib 1.6 recurses once per nesting level and can overflow the stack
 * on deep input, so the nesting is counted before it sees the bytes. */
static gboolean
check_depth (const char *data,
             gsize       len)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > BF_VAULT_MAX_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }

  return TRUE;
}

static gboolean
read_capped (const char  *path,
             char       **contents,
             gsize       *length,
             GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize total = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                   _("The vault file could not be read: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > BF_VAULT_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                           _("The vault file is not a vault"));
      return FALSE;
    }

  /* One byte more than the cap, so that a file that grew after fstat() is
   * still caught. */
  buf = g_malloc (BF_VAULT_MAX_FILE_SIZE + 2);
  for (;;)
    {
      gssize n = read (fd, buf + total, BF_VAULT_MAX_FILE_SIZE + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                       _("The vault file could not be read: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (total > BF_VAULT_MAX_FILE_SIZE)
        break;
    }
  close (fd);

  if (total > BF_VAULT_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                           _("The vault file is not a vault"));
      return FALSE;
    }

  buf[total] = '\0';
  *contents = g_steal_pointer (&buf);
  *length = total;
  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int_member (JsonObject *object,
                const char *member,
                gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
decode_exact (const char *text,
              guint8     *out,
              gsize       size)
{
  g_autofree guchar *decoded = NULL;
  gsize len = 0;

  if (text == NULL || strlen (text) > 4 * ((size + 2) / 3))
    return FALSE;
  decoded = g_base64_decode (text, &len);
  if (decoded == NULL || len != size)
    return FALSE;
  memcpy (out, decoded, size);
  return TRUE;
}

static gboolean
is_uuid (const char *text)
{
  return text != NULL && g_uuid_string_is_valid (text);
}

/* g_file_set_contents_full() writes "<name>.XXXXXX" and renames it; a
 * process killed in between leaves that file behind. It holds only a
 * wrapped key, but it should not pile up, so each successful save removes
 * the leftovers of earlier, interrupted ones. */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  gsize base_len = strlen (base);
  const char *entry;

  if (gdir == NULL)
    return;

  while ((entry = g_dir_read_name (gdir)) != NULL)
    {
      if (strlen (entry) == base_len + 7 &&
          strncmp (entry, base, base_len) == 0 &&
          entry[base_len] == '.')
        {
          g_autofree char *stale = g_build_filename (dir, entry, NULL);

          g_debug ("Removing %s, left by an interrupted save", stale);
          g_unlink (stale);
        }
    }
}

static void
bf_vault_finalize (GObject *object)
{
  BfVault *self = (BfVault *)object;

  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (bf_vault_parent_class)->finalize (object);
}

static void
bf_vault_class_init (BfVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_vault_finalize;
}

static void
bf_vault_init (BfVault *self)
{
  self->format_version = BF_VAULT_FORMAT_VERSION;
}

/**
 * bf_vault_get_default_kdf_params:
 *
 * The Argon2id parameters for newly wrapped keys. When
 * %BF_VAULT_TEST_PARAMS_ENV is "1" (tests only) they are libsodium's minimum.
 */
void
bf_vault_get_default_kdf_params (guint64 *opslimit,
                                 gsize   *memlimit)
{
  if (g_strcmp0 (g_getenv (BF_VAULT_TEST_PARAMS_ENV), "1") == 0)
    {
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }

  *opslimit = BF_VAULT_OPSLIMIT;
  *memlimit = BF_VAULT_MEMLIMIT;
}

BfVault *
bf_vault_new (const char *profile_id,
              const char *name,
              const char *unit,
              GDateTime  *created)
{
  BfVault *self;

  g_return_val_if_fail (is_uuid (profile_id), NULL);
  g_return_val_if_fail (name != NULL && g_utf8_validate (name, -1, NULL), NULL);
  g_return_val_if_fail (unit == NULL || g_utf8_validate (unit, -1, NULL), NULL);
  g_return_val_if_fail (created != NULL, NULL);

  self = g_object_new (BF_TYPE_VAULT, NULL);
  self->profile_id = g_strdup (profile_id);
  self->name = g_strdup (name);
  self->unit = g_strdup (unit != NULL ? unit : "");
  self->created = g_date_time_to_utc (created);
  bf_vault_get_default_kdf_params (&self->opslimit, &self->memlimit);
  return self;
}

/**
 * bf_vault_load:
 *
 * Reads and checks @path. Errors are %BF_VAULT_ERROR_DAMAGED for a missing,
 * oversized or malformed file and %BF_VAULT_ERROR_UNSUPPORTED for a format
 * version or algorithm this code does not know. Nothing is decrypted here.
 */
BfVault *
bf_vault_load (const char  *path,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BfVault) self = NULL;
  g_autofree char *contents = NULL;
  const char *format, *id, *name, *unit, *created, *kdf_alg, *aead;
  JsonObject *root, *kdf;
  JsonNode *node;
  gint64 version, opslimit, memlimit;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_capped (path, &contents, &len, error))
    return NULL;

  if (!g_utf8_validate (contents, len, NULL) || !check_depth (contents, len))
    goto damaged;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, len, NULL))
    goto damaged;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto damaged;
  root = json_node_get_object (node);

  format = get_string_member (root, "format");
  if (g_strcmp0 (format, BF_VAULT_FORMAT_NAME) != 0 ||
      !get_int_member (root, "version", &version))
    goto damaged;

  if (version != BF_VAULT_FORMAT_VERSION)
    {
      g_set_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_UNSUPPORTED,
                   _("The vault has format version %" G_GINT64_FORMAT ", which this version of Bofast does not know"),
                   version);
      return NULL;
    }

  id = get_string_member (root, "id");
  name = get_string_member (root, "name");
  unit = get_string_member (root, "unit");
  created = get_string_member (root, "created");
  aead = get_string_member (root, "aead");
  node = json_object_get_member (root, "kdf");
  if (!is_uuid (id) || name == NULL || unit == NULL || created == NULL ||
      aead == NULL || node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto damaged;
  kdf = json_node_get_object (node);
  kdf_alg = get_string_member (kdf, "algorithm");
  if (kdf_alg == NULL ||
      !get_int_member (kdf, "opslimit", &opslimit) ||
      !get_int_member (kdf, "memlimit", &memlimit))
    goto damaged;

  if (strcmp (kdf_alg, BF_VAULT_KDF_NAME) != 0 || strcmp (aead, BF_VAULT_AEAD_NAME) != 0)
    {
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_UNSUPPORTED,
                           _("The vault uses an algorithm this version of Bofast does not know"));
      return NULL;
    }

  if (opslimit < (gint64) crypto_pwhash_OPSLIMIT_MIN || (guint64) opslimit > BF_VAULT_MAX_OPSLIMIT ||
      memlimit < (gint64) crypto_pwhash_MEMLIMIT_MIN || (guint64) memlimit > BF_VAULT_MAX_MEMLIMIT)
    goto damaged;

  self = g_object_new (BF_TYPE_VAULT, NULL);
  self->format_version = version;
  self->opslimit = opslimit;
  self->memlimit = memlimit;
  self->created = g_date_time_new_from_iso8601 (created, NULL);
  if (self->created == NULL ||
      !decode_exact (get_string_member (kdf, "salt"), self->salt, sizeof self->salt) ||
      !decode_exact (get_string_member (root, "nonce"), self->nonce, sizeof self->nonce) ||
      !decode_exact (get_string_member (root, "wrapped-key"), self->wrapped, sizeof self->wrapped))
    goto damaged;

  self->profile_id = g_strdup (id);
  self->name = g_strdup (name);
  self->unit = g_strdup (unit);
  self->has_wrapped = TRUE;

  return g_steal_pointer (&self);

damaged:
  g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                       _("The vault file is damaged"));
  return NULL;
}

/**
 * bf_vault_save:
 *
 * Writes the vault to @path with mode 0600. g_file_set_contents_full() with
 * CONSISTENT | DURABLE writes a temporary file in the same directory, fsyncs
 * it, renames it over @path and fsyncs the directory, so a crash at any point
 * leaves either the old or the new file, complete.
 */
gboolean
bf_vault_save (BfVault     *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *created = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (BF_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->has_wrapped, FALSE);

  salt = g_base64_encode (self->salt, sizeof self->salt);
  nonce = g_base64_encode (self->nonce, sizeof self->nonce);
  wrapped = g_base64_encode (self->wrapped, sizeof self->wrapped);
  created = g_date_time_format_iso8601 (self->created);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, BF_VAULT_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, self->format_version);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->profile_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, self->unit);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "kdf");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, BF_VAULT_KDF_NAME);
  json_builder_set_member_name (builder, "opslimit");
  json_builder_add_int_value (builder, self->opslimit);
  json_builder_set_member_name (builder, "memlimit");
  json_builder_add_int_value (builder, self->memlimit);
  json_builder_set_member_name (builder, "salt");
  json_builder_add_string_value (builder, salt);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "aead");
  json_builder_add_string_value (builder, BF_VAULT_AEAD_NAME);
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, nonce);
  json_builder_set_member_name (builder, "wrapped-key");
  json_builder_add_string_value (builder, wrapped);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                   _("The vault file could not be written: %s"), local_error->message);
      return FALSE;
    }

  /* The mode above is filtered through the umask; make it exact. */
  if (g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BF_VAULT_ERROR, BF_VAULT_ERROR_DAMAGED,
                   _("The vault file could not be protected: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  remove_stale_temporaries (path);
  return TRUE;
}

/**
 * bf_vault_wrap:
 *
 * Wraps @key under @passphrase with a fresh salt and nonce and the current
 * default parameters. Only the object changes; call bf_vault_save() after.
 */
gboolean
bf_vault_wrap (BfVault         *self,
               const BfSecret  *key,
               const char      *passphrase,
               GError         **error)
{
  g_autoptr(BfSecret) kek = NULL;
  g_autofree char *ad = NULL;
  guint8 salt[BF_VAULT_SALT_SIZE];
  guint64 opslimit;
  gsize memlimit;

  g_return_val_if_fail (BF_IS_VAULT (self), FALSE);
  g_return_val_if_fail (key != NULL && bf_secret_get_size (key) == BF_VAULT_KEY_SIZE, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  bf_vault_get_default_kdf_params (&opslimit, &memlimit);
  randombytes_buf (salt, sizeof salt);

  kek = derive_key (passphrase, salt, opslimit, memlimit, error);
  if (kek == NULL)
    return FALSE;

  memcpy (self->salt, salt, sizeof salt);
  self->opslimit = opslimit;
  self->memlimit = memlimit;
  self->format_version = BF_VAULT_FORMAT_VERSION;
  randombytes_buf (self->nonce, sizeof self->nonce);

  ad = build_associated_data (self);
  crypto_aead_xchacha20poly1305_ietf_encrypt (self->wrapped, NULL,
                                              bf_secret_peek (key), BF_VAULT_KEY_SIZE,
                                              (const guint8 *) ad, strlen (ad),
                                              NULL, self->nonce, bf_secret_peek (kek));
  self->has_wrapped = TRUE;
  return TRUE;
}

/**
 * bf_vault_unwrap:
 *
 * Returns the database key, or %NULL with %BF_VAULT_ERROR_WRONG_PASSPHRASE
 * when the authentication tag does not match. A tampered file cannot be told
 * apart from a wrong passphrase here; both are refused.
 */
BfSecret *
bf_vault_unwrap (BfVault     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(BfSecret) kek = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autofree char *ad = NULL;
  unsigned long long key_len = 0;

  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (self->has_wrapped, NULL);

  kek = derive_key (passphrase, self->salt, self->opslimit, self->memlimit, error);
  if (kek == NULL)
    return NULL;

  ad = build_associated_data (self);
  key = bf_secret_new (BF_VAULT_KEY_SIZE);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (bf_secret_get_data (key), &key_len, NULL,
                                                  self->wrapped, sizeof self->wrapped,
                                                  (const guint8 *) ad, strlen (ad),
                                                  self->nonce, bf_secret_peek (kek)) != 0 ||
      key_len != BF_VAULT_KEY_SIZE)
    {
      g_set_error_literal (error, BF_VAULT_ERROR, BF_VAULT_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase is not correct"));
      return NULL;
    }

  return g_steal_pointer (&key);
}

gboolean
bf_vault_is_wrapped (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), FALSE);
  return self->has_wrapped;
}

guint
bf_vault_get_format_version (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), 0);
  return self->format_version;
}

const char *
bf_vault_get_profile_id (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  return self->profile_id;
}

const char *
bf_vault_get_name (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  return self->name;
}

const char *
bf_vault_get_unit (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  return self->unit;
}

GDateTime *
bf_vault_get_created (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  return self->created;
}

const char *
bf_vault_get_kdf_algorithm (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), NULL);
  return BF_VAULT_KDF_NAME;
}

guint64
bf_vault_get_opslimit (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), 0);
  return self->opslimit;
}

gsize
bf_vault_get_memlimit (BfVault *self)
{
  g_return_val_if_fail (BF_IS_VAULT (self), 0);
  return self->memlimit;
}
