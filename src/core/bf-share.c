/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-share"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bf-age.h"
#include "bf-feed.h"
#include "bf-json.h"
#include "bf-minisign.h"
#include "bf-share.h"

struct _BfShare
{
  GObject     parent_instance;

  /* Owned */
  GFile      *root;
  char       *org_name;
  GBytes     *org_key;
  GBytes     *recovery;
  GHashTable *members;      /* id → BfMember */
};

G_DEFINE_FINAL_TYPE (BfShare, bf_share, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-share-error-quark, bf_share_error)

/* minisign's secret key file: "Ed" ‖ kdf ‖ "B2" ‖ salt ‖ opslimit ‖
 * memlimit ‖ key id ‖ secret key ‖ BLAKE2b-256 checksum. */
#define SK_FILE_SIZE (2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32)
#define SK_KEY_OFFSET (2 + 2 + 2 + 32 + 8 + 8)

static void
bf_share_finalize (GObject *object)
{
  BfShare *self = (BfShare *)object;

  g_clear_object (&self->root);
  g_free (self->org_name);
  g_clear_pointer (&self->org_key, g_bytes_unref);
  g_clear_pointer (&self->recovery, g_bytes_unref);
  g_clear_pointer (&self->members, g_hash_table_unref);

  G_OBJECT_CLASS (bf_share_parent_class)->finalize (object);
}

static void
bf_share_class_init (BfShareClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_share_finalize;
}

static void
bf_share_init (BfShare *self)
{
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) bf_member_free);
}

/**
 * bf_share_set_io_error:
 *
 * Turns a GIO error into a sentence in the share's domain, so that "offline"
 * and "read-only" reach the user as such.
 */
void
bf_share_set_io_error (GError       **error,
                       const GError  *io_error,
                       const char    *what)
{
  int code = BF_SHARE_ERROR_FAILED;

  if (io_error->domain == G_IO_ERROR)
    switch (io_error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        code = BF_SHARE_ERROR_READ_ONLY;
        g_set_error (error, BF_SHARE_ERROR, code,
                     _("The share is read-only or access was denied (%s: %s)"), what, io_error->message);
        return;
      case G_IO_ERROR_NOT_MOUNTED:
      case G_IO_ERROR_HOST_NOT_FOUND:
      case G_IO_ERROR_NETWORK_UNREACHABLE:
      case G_IO_ERROR_CONNECTION_REFUSED:
      case G_IO_ERROR_CONNECTION_CLOSED:
      case G_IO_ERROR_TIMED_OUT:
      case G_IO_ERROR_CANCELLED:
        code = BF_SHARE_ERROR_UNREACHABLE;
        g_set_error (error, BF_SHARE_ERROR, code,
                     _("The share cannot be reached (%s: %s)"), what, io_error->message);
        return;
      case G_IO_ERROR_NOT_FOUND:
        code = BF_SHARE_ERROR_NOT_FOUND;
        break;
      case G_IO_ERROR_NO_SPACE:
        g_set_error (error, BF_SHARE_ERROR, code, _("The share is full (%s: %s)"), what, io_error->message);
        return;
      default:
        break;
      }

  g_set_error (error, BF_SHARE_ERROR, code, "%s: %s", what, io_error->message);
}

/**
 * bf_share_read_file:
 * @max_size: refuse anything larger, without reading it all
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
bf_share_read_file (GFile         *file,
                    gsize          max_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  guint8 chunk[64 * 1024];

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      bf_share_set_io_error (error, local_error, name);
      return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, sizeof chunk, cancellable, &local_error);

      if (n < 0)
        {
          bf_share_set_io_error (error, local_error, name);
          return NULL;
        }
      if (n == 0)
        break;
      if (buf->len + (gsize) n > max_size)
        {
          g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_TOO_LARGE,
                       _("%s is larger than a file of its kind can be"), name);
          return NULL;
        }
      g_byte_array_append (buf, chunk, n);
    }

  g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

gboolean
bf_share_ensure_dir (GFile         *dir,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_basename (dir);

  if (g_file_make_directory (dir, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;
  bf_share_set_io_error (error, local_error, name);
  return FALSE;
}

static gboolean
compare_existing (GFile         *target,
                  GBytes        *contents,
                  gboolean      *out_exists,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) there = NULL;
  g_autofree char *name = g_file_get_basename (target);

  *out_exists = FALSE;
  there = bf_share_read_file (target, g_bytes_get_size (contents) + 1, cancellable, &local_error);
  if (there == NULL)
    {
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_TOO_LARGE))
        goto fork;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_bytes_equal (there, contents))
    {
      *out_exists = TRUE;
      return TRUE;
    }

fork:
  g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_FORK,
               _("%s is already on the share with different contents; it was not overwritten"), name);
  return FALSE;
}

static gboolean
write_temp (GFile         *tmp,
            GBytes        *contents,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;

  out = g_file_create (tmp, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (contents, NULL),
                                  g_bytes_get_size (contents), &written, cancellable, &local_error))
    goto fail;

  /* A local file is flushed before the rename, so that a crash cannot
   * leave a short file under the final name. */
  if (G_IS_FILE_DESCRIPTOR_BASED (out) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (out))) != 0)
    {
      local_error = g_error_new (G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      goto fail;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    goto fail;
  return TRUE;

fail:
  bf_share_set_io_error (error, local_error, _("writing to the share"));
  if (out != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
  g_file_delete (tmp, NULL, NULL);
  return FALSE;
}

/**
 * bf_share_publish:
 * @dir: the folder on the share
 * @name: the final name
 * @out_already_there: (out) (optional): %TRUE when the same bytes were
 *   already there and nothing was written
 *
 * Writes @contents as @dir/@name through a temporary name and a move that
 * does not overwrite, then reads the file back and checks it. Other bytes
 * already under @name give %BF_SHARE_ERROR_FORK.
 */
gboolean
bf_share_publish (GFile         *dir,
                  const char    *name,
                  GBytes        *contents,
                  gboolean      *out_already_there,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *tmp_name = NULL;
  gboolean exists = FALSE;
  guint8 rnd[8];
  char rnd_hex[17];

  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (out_already_there)
    *out_already_there = FALSE;

  target = g_file_get_child (dir, name);
  if (!compare_existing (target, contents, &exists, cancellable, error))
    return FALSE;
  if (exists)
    {
      if (out_already_there)
        *out_already_there = TRUE;
      return TRUE;
    }

  randombytes_buf (rnd, sizeof rnd);
  sodium_bin2hex (rnd_hex, sizeof rnd_hex, rnd, sizeof rnd);
  tmp_name = g_strconcat (BF_SHARE_TEMP_PREFIX, rnd_hex, "-", name, NULL);
  tmp = g_file_get_child (dir, tmp_name);

  if (!write_temp (tmp, contents, cancellable, error))
    return FALSE;

  if (!g_file_move (tmp, target, G_FILE_COPY_NO_FALLBACK_FOR_MOVE, cancellable, NULL, NULL, &local_error))
    {
      g_file_delete (tmp, NULL, NULL);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* Someone else got there first: the same bytes are fine. */
          if (!compare_existing (target, contents, &exists, cancellable, error))
            return FALSE;
          if (out_already_there)
            *out_already_there = exists;
          return TRUE;
        }
      bf_share_set_io_error (error, local_error, name);
      return FALSE;
    }

  back = bf_share_read_file (target, g_bytes_get_size (contents) + 1, cancellable, &local_error);
  if (back == NULL)
    {
      bf_share_set_io_error (error, local_error, name);
      return FALSE;
    }
  if (!g_bytes_equal (back, contents))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_FAILED,
                   _("%s did not read back as written; the share may be damaged"), name);
      return FALSE;
    }
  return TRUE;
}

char *
bf_share_signed_comment (const char *what,
                         const char *member_id)
{
  if (member_id == NULL)
    return g_strdup_printf ("bofast/1 %s", what);
  return g_strdup_printf ("bofast/1 %s %s", what, member_id);
}

/* Publishes @json and its signature (the signature second: it marks the
 * pair complete). */
static gboolean
publish_signed (GFile         *dir,
                const char    *name,
                const char    *json,
                BfSecret      *key,
                const char    *comment,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) data = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) sig_bytes = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *sig_name = g_strconcat (name, BF_SHARE_SIG_SUFFIX, NULL);

  sig = bf_minisign_sign ((const guint8 *) json, strlen (json), key, comment, NULL, error);
  if (sig == NULL)
    return FALSE;
  sig_bytes = g_bytes_new (sig, strlen (sig));

  return bf_share_publish (dir, name, data, NULL, cancellable, error) &&
         bf_share_publish (dir, sig_name, sig_bytes, NULL, cancellable, error);
}

/* Reads @name and @name.minisig from @dir and verifies the pair. */
static GBytes *
read_signed (GFile         *dir,
             const char    *name,
             GBytes        *key,
             const char    *comment,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autofree char *sig_name = g_strconcat (name, BF_SHARE_SIG_SUFFIX, NULL);
  g_autoptr(GFile) sig_file = g_file_get_child (dir, sig_name);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) sig = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tc = NULL;

  data = bf_share_read_file (file, BF_SHARE_MAX_SMALL_FILE, cancellable, error);
  if (data == NULL)
    return NULL;
  sig = bf_share_read_file (sig_file, BF_MINISIGN_MAX_SIGNATURE, cancellable, &local_error);
  if (sig == NULL)
    {
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
        g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE,
                     _("%s has no signature"), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!bf_minisign_verify (g_bytes_get_data (data, NULL), g_bytes_get_size (data), key,
                           g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), &tc, &local_error))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE,
                   _("The signature of %s is not valid: %s"), name, local_error->message);
      return NULL;
    }
  if (!g_str_equal (tc, comment))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE,
                   _("The signature of %s was made for another file (“%s”)"), name, tc);
      return NULL;
    }
  return g_steal_pointer (&data);
}

/* ---- The administrator's folder ---- */

static gboolean
write_private_file (const char  *dir,
                    const char  *name,
                    const char  *contents,
                    GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize len = strlen (contents);
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, BF_SHARE_ERROR, e == EEXIST ? BF_SHARE_ERROR_EXISTS : BF_SHARE_ERROR_FAILED,
                   _("%s could not be created: %s"), path, g_strerror (e));
      return FALSE;
    }
  if (fchmod (fd, 0600) != 0 || write (fd, contents, len) != (gssize) len || fsync (fd) != 0)
    {
      int e = errno;
      close (fd);
      g_unlink (path);
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_FAILED,
                   _("%s could not be written: %s"), path, g_strerror (e));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static char *
org_key_file_contents (BfSecret *sk)
{
  g_autoptr(BfSecret) raw = bf_secret_new (SK_FILE_SIZE);
  g_autoptr(BfSecret) b64 = NULL;
  guint8 *p = bf_secret_get_data (raw);
  crypto_generichash_state st;
  gsize enc = sodium_base64_ENCODED_LEN (SK_FILE_SIZE, sodium_base64_VARIANT_ORIGINAL);
  char *out;

  memcpy (p, "Ed", 2);
  memset (p + 2, 0, 2);             /* no KDF: the key is not encrypted */
  memcpy (p + 4, "B2", 2);
  memset (p + 6, 0, 32 + 8 + 8);
  memcpy (p + SK_KEY_OFFSET, bf_secret_peek (sk), BF_MINISIGN_SECRET_KEY_SIZE);
  crypto_generichash_init (&st, NULL, 0, 32);
  crypto_generichash_update (&st, (const guint8 *) "Ed", 2);
  crypto_generichash_update (&st, bf_secret_peek (sk), BF_MINISIGN_SECRET_KEY_SIZE);
  crypto_generichash_final (&st, p + SK_KEY_OFFSET + BF_MINISIGN_SECRET_KEY_SIZE, 32);

  b64 = bf_secret_new (enc);
  sodium_bin2base64 ((char *) bf_secret_get_data (b64), enc, p, SK_FILE_SIZE, sodium_base64_VARIANT_ORIGINAL);
  out = g_strdup_printf ("untrusted comment: bofast organisation secret key (minisign, unencrypted)\n%s\n",
                         (const char *) bf_secret_peek (b64));
  return out;
}

/**
 * bf_share_read_admin_key:
 *
 * Returns: (transfer full): the org signing key from @admin_dir/org.key
 */
BfSecret *
bf_share_read_admin_key (const char  *admin_dir,
                         GError     **error)
{
  g_autofree char *path = g_build_filename (admin_dir, BF_SHARE_ADMIN_ORG_KEY, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(BfSecret) raw = bf_secret_new (SK_FILE_SIZE);
  g_auto(GStrv) lines = NULL;
  guint8 chk[32];
  gsize len = 0, n = 0;
  guint8 *p = bf_secret_get_data (raw);
  crypto_generichash_state st;
  BfSecret *ret;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND,
                   _("There is no organisation key in %s"), admin_dir);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", 3);
  bf_memzero (contents, len);
  if (g_strv_length (lines) < 2 ||
      sodium_base642bin (p, SK_FILE_SIZE, lines[1], strlen (lines[1]), NULL, &n, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      n != SK_FILE_SIZE || memcmp (p, "Ed", 2) != 0 || p[2] != 0 || p[3] != 0 || memcmp (p + 4, "B2", 2) != 0)
    {
      if (lines[1] != NULL)
        bf_memzero (lines[1], strlen (lines[1]));
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                   _("%s is not an unencrypted minisign secret key"), path);
      return NULL;
    }
  bf_memzero (lines[1], strlen (lines[1]));

  crypto_generichash_init (&st, NULL, 0, sizeof chk);
  crypto_generichash_update (&st, (const guint8 *) "Ed", 2);
  crypto_generichash_update (&st, p + SK_KEY_OFFSET, BF_MINISIGN_SECRET_KEY_SIZE);
  crypto_generichash_final (&st, chk, sizeof chk);
  if (sodium_memcmp (chk, p + SK_KEY_OFFSET + BF_MINISIGN_SECRET_KEY_SIZE, sizeof chk) != 0)
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID, _("%s is damaged"), path);
      return NULL;
    }

  ret = bf_minisign_secret_key_from_data (p + SK_KEY_OFFSET, BF_MINISIGN_SECRET_KEY_SIZE, error);
  return ret;
}

static BfSecret *
load_admin_key_for (BfShare     *self,
                    const char  *admin_dir,
                    GError     **error)
{
  g_autoptr(BfSecret) sk = bf_share_read_admin_key (admin_dir, error);
  g_autoptr(GBytes) pk = NULL;

  if (sk == NULL)
    return NULL;
  pk = bf_minisign_secret_key_get_public_key (sk);
  if (!g_bytes_equal (pk, self->org_key))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_WRONG_ORG,
                   _("The organisation key in %s does not belong to this share"), admin_dir);
      return NULL;
    }
  return g_steal_pointer (&sk);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} MountWait;

static void
mount_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MountWait *wait = user_data;

  g_file_mount_enclosing_volume_finish (G_FILE (source), result, &wait->error);
  wait->done = TRUE;
}

/* A gvfs location (dav://, smb://) must be mounted before it can be used.
 * Mounting is async-only in GIO, so it runs on a private main context:
 * this works the same from the main thread and from a sync worker. A
 * share that needs a password has to be mounted by the desktop first
 * (Files, or `gio mount`), which stores the password in the keyring. */
static gboolean
ensure_mounted (GFile         *root,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMainContext) context = NULL;
  MountWait wait = { FALSE, NULL };

  if (g_file_is_native (root))
    return TRUE;

  info = g_file_query_info (root, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED))
    return TRUE;   /* any other error shows up, in words, at the first read */

  /* A share that does not exist yet (share init) cannot be mounted itself
   * on WebDAV: mount the nearest folder above it that exists. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  for (g_autoptr(GFile) target = g_object_ref (root); target != NULL; )
    {
      g_autoptr(GFile) parent = NULL;

      wait.done = FALSE;
      g_clear_error (&wait.error);
      g_file_mount_enclosing_volume (target, G_MOUNT_MOUNT_NONE, NULL, cancellable, mount_done_cb, &wait);
      while (!wait.done)
        g_main_context_iteration (context, TRUE);
      if (!g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        break;
      parent = g_file_get_parent (target);
      g_set_object (&target, parent);
    }
  g_main_context_pop_thread_default (context);

  if (wait.error != NULL && !g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      bf_share_set_io_error (error, wait.error, _("mounting the share"));
      g_error_free (wait.error);
      return FALSE;
    }
  g_clear_error (&wait.error);
  return TRUE;
}

/* ---- Manifest ---- */

static char *
manifest_to_json (BfShare    *self,
                  const char *created)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *key = bf_minisign_public_key_to_string (self->org_key);
  g_autofree char *rec = bf_age_recipient_to_string (self->recovery);
  g_autofree char *text = NULL;

  json_object_set_string_member (obj, "format", BF_MEMBER_FORMAT);
  json_object_set_string_member (obj, "type", "share");
  json_object_set_string_member (obj, "org_name", self->org_name);
  json_object_set_string_member (obj, "org_key", key);
  json_object_set_string_member (obj, "recovery_recipient", rec);
  json_object_set_string_member (obj, "created", created);
  json_node_set_object (node, obj);
  text = bf_json_to_string (node, TRUE);
  return g_strconcat (text, "\n", NULL);
}

/**
 * bf_share_create:
 * @root: the share's folder; it may exist, but must hold no share yet
 * @admin_dir: a local folder for the administrator's secrets; created 0700
 *
 * Creates the org signing key and the recovery identity in @admin_dir
 * (refusing to overwrite either), and the signed manifest and folders on
 * the share.
 */
BfShare *
bf_share_create (GFile         *root,
               const char    *org_name,
               const char    *admin_dir,
               GDateTime     *now,
               GCancellable  *cancellable,
               GError       **error)
{
  static const char * const dirs[] = { "members", "revocations", "requests", "records" };
  g_autoptr(BfShare) self = NULL;
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(BfSecret) recovery = NULL;
  g_autoptr(GFile) manifest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sk_text = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *created = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *rec_path = NULL;

  g_return_val_if_fail (G_IS_FILE (root), NULL);
  g_return_val_if_fail (org_name != NULL, NULL);
  g_return_val_if_fail (admin_dir != NULL, NULL);

  if (*org_name == '\0' || !g_utf8_validate (org_name, -1, NULL) || strlen (org_name) > 200)
    {
      g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                           _("The organisation name must be a line of text"));
      return NULL;
    }

  if (!ensure_mounted (root, cancellable, error))
    return NULL;

  manifest = g_file_get_child (root, BF_SHARE_MANIFEST);
  if (g_file_query_exists (manifest, cancellable))
    {
      g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS,
                           _("There is already a share there"));
      return NULL;
    }

  key_path = g_build_filename (admin_dir, BF_SHARE_ADMIN_ORG_KEY, NULL);
  rec_path = g_build_filename (admin_dir, BF_SHARE_ADMIN_RECOVERY, NULL);
  if (g_file_test (key_path, G_FILE_TEST_EXISTS) || g_file_test (rec_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS,
                   _("%s already holds administrator keys; they were not overwritten"), admin_dir);
      return NULL;
    }
  if (g_mkdir_with_parents (admin_dir, 0700) != 0 || g_chmod (admin_dir, 0700) != 0)
    {
      int e = errno;
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_FAILED,
                   _("%s could not be created: %s"), admin_dir, g_strerror (e));
      return NULL;
    }

  self = g_object_new (BF_TYPE_SHARE, NULL);
  self->root = g_object_ref (root);
  self->org_name = g_strdup (org_name);
  sk = bf_minisign_keypair_generate (&self->org_key);
  recovery = bf_age_keypair_generate (&self->recovery);

  /* The keys first: a share whose keys were lost is worse than keys
   * without a share. */
  sk_text = org_key_file_contents (sk);
  pub_text = bf_minisign_public_key_to_file_contents (self->org_key);
  id_text = bf_age_identity_to_file_contents (recovery, error);
  if (id_text == NULL)
    return NULL;
  if (!write_private_file (admin_dir, BF_SHARE_ADMIN_ORG_KEY, sk_text, error) ||
      !write_private_file (admin_dir, BF_SHARE_ADMIN_RECOVERY, id_text, error) ||
      !write_private_file (admin_dir, BF_SHARE_ADMIN_ORG_PUB, pub_text, error))
    {
      bf_memzero (sk_text, strlen (sk_text));
      bf_memzero (id_text, strlen (id_text));
      return NULL;
    }
  bf_memzero (sk_text, strlen (sk_text));
  bf_memzero (id_text, strlen (id_text));

  if (!g_file_make_directory_with_parents (root, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      bf_share_set_io_error (error, local_error, _("creating the share"));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autoptr(GFile) d = g_file_get_child (root, dirs[i]);
      if (!bf_share_ensure_dir (d, cancellable, error))
        return NULL;
    }

  created = bf_timestamp_now_utc (now);
  json = manifest_to_json (self, created);
  comment = bf_share_signed_comment ("manifest", NULL);
  if (!publish_signed (root, BF_SHARE_MANIFEST, json, sk, comment, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * bf_share_open:
 *
 * Reads the manifest and checks its signature by the org key it names.
 * Whether that is the right organisation is for the caller to decide (sync
 * pins the key on first contact).
 */
BfShare *
bf_share_open (GFile         *root,
               GCancellable  *cancellable,
               GError       **error)
{
  static const char * const fields[] = {
    "format", "type", "org_name", "org_key", "recovery_recipient", "created", NULL };
  g_autoptr(BfShare) self = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sig_file = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) sig = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *format = NULL;
  g_autofree char *type = NULL;
  g_autofree char *key = NULL;
  g_autofree char *rec = NULL;
  g_autofree char *created = NULL;
  g_autofree char *tc = NULL;
  JsonObject *obj;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  if (!ensure_mounted (root, cancellable, error))
    return NULL;

  file = g_file_get_child (root, BF_SHARE_MANIFEST);
  data = bf_share_read_file (file, BF_SHARE_MAX_SMALL_FILE, cancellable, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
        g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND,
                             _("There is no Bofast share there (no bofast-share.json)"));
      else if (!g_file_is_native (root) &&
               g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_FAILED))
        /* gvfs reports a server that is down as a bare "HTTP Error" or
         * similar: for the user that is a share that cannot be reached. */
        g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                     _("The share cannot be reached (%s)"), local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  node = bf_json_parse (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                        BF_SHARE_MAX_SMALL_FILE, 4, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  obj = json_node_get_object (node);

  self = g_object_new (BF_TYPE_SHARE, NULL);
  self->root = g_object_ref (root);
  if (!bf_json_check_fields (obj, "", fields, &local_error) ||
      !bf_json_get_string (obj, "", "format", TRUE, &format, &local_error) ||
      !bf_json_get_string (obj, "", "type", TRUE, &type, &local_error) ||
      !bf_json_get_string (obj, "", "org_name", TRUE, &self->org_name, &local_error) ||
      !bf_json_get_string (obj, "", "org_key", TRUE, &key, &local_error) ||
      !bf_json_get_string (obj, "", "recovery_recipient", TRUE, &rec, &local_error) ||
      !bf_json_get_string (obj, "", "created", TRUE, &created, &local_error) ||
      !g_str_equal (format, BF_MEMBER_FORMAT) || !g_str_equal (type, "share"))
    goto invalid;
  self->org_key = bf_minisign_public_key_from_string (key, &local_error);
  if (self->org_key == NULL)
    goto invalid;
  self->recovery = bf_age_recipient_from_string (rec, &local_error);
  if (self->recovery == NULL)
    goto invalid;

  sig_file = g_file_get_child (root, BF_SHARE_MANIFEST BF_SHARE_SIG_SUFFIX);
  sig = bf_share_read_file (sig_file, BF_MINISIGN_MAX_SIGNATURE, cancellable, &local_error);
  if (sig == NULL ||
      !bf_minisign_verify (g_bytes_get_data (data, NULL), g_bytes_get_size (data), self->org_key,
                           g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), &tc, &local_error) ||
      !g_str_equal (tc, "bofast/1 manifest"))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE,
                   _("The share’s manifest is not signed by its organisation key: %s"),
                   local_error ? local_error->message : tc);
      return NULL;
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
               _("The share’s manifest is not valid: %s"),
               local_error ? local_error->message : "format");
  return NULL;
}

GFile *
bf_share_get_root (BfShare *self)
{
  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  return self->root;
}

const char *
bf_share_get_org_name (BfShare *self)
{
  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  return self->org_name;
}

GBytes *
bf_share_get_org_key (BfShare *self)
{
  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  return self->org_key;
}

GBytes *
bf_share_get_recovery_recipient (BfShare *self)
{
  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  return self->recovery;
}

/**
 * bf_share_get_feed_dir:
 *
 * Returns: (transfer full): records/<member-id>/
 */
GFile *
bf_share_get_feed_dir (BfShare    *self,
                       const char *member_id)
{
  g_autoptr(GFile) records = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  g_return_val_if_fail (bf_member_id_is_valid (member_id), NULL);

  records = g_file_get_child (self->root, "records");
  return g_file_get_child (records, member_id);
}

/* ---- Members and revocations ---- */

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  if (problems == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Lists the names in @dir; a missing folder is an empty one. */
static GPtrArray *
list_names (GFile         *dir,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir_name = g_file_get_basename (dir);

  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (en == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&names);
      bf_share_set_io_error (error, local_error, dir_name);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, &local_error))
        {
          bf_share_set_io_error (error, local_error, dir_name);
          return NULL;
        }
      if (info == NULL)
        break;
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  return g_steal_pointer (&names);
}

static gboolean
parse_revocation (GBytes   *data,
                  char    **out_id,
                  char    **out_time,
                  GError  **error)
{
  static const char * const fields[] = { "format", "type", "member_id", "revoked_at", "reason", NULL };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *format = NULL;
  g_autofree char *type = NULL;
  g_autofree char *reason = NULL;
  JsonObject *obj;

  node = bf_json_parse (g_bytes_get_data (data, NULL), g_bytes_get_size (data), BF_SHARE_MAX_SMALL_FILE, 4, error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  obj = json_node_get_object (node);
  if (!bf_json_check_fields (obj, "", fields, error) ||
      !bf_json_get_string (obj, "", "format", TRUE, &format, error) ||
      !bf_json_get_string (obj, "", "type", TRUE, &type, error) ||
      !bf_json_get_string (obj, "", "member_id", TRUE, out_id, error) ||
      !bf_json_get_string (obj, "", "revoked_at", TRUE, out_time, error) ||
      !bf_json_get_string (obj, "", "reason", FALSE, &reason, error))
    return FALSE;
  if (!g_str_equal (format, BF_MEMBER_FORMAT) || !g_str_equal (type, "revocation") ||
      !bf_member_id_is_valid (*out_id) || !bf_timestamp_is_strict_utc (*out_time))
    goto invalid;
  return TRUE;

invalid:
  g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID, _("The revocation is not valid"));
  return FALSE;
}

/* Checks that every name in a members/ or revocations/ folder is a
 * "<id>.json" with its ".json.minisig", and returns the ids. */
static GPtrArray *
signed_ids_in (GFile         *dir,
               const char    *folder,
               GPtrArray     *problems,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) names = list_names (dir, cancellable, error);
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    return NULL;
  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++)
    g_hash_table_add (set, g_ptr_array_index (names, i));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *id = NULL;

      if (g_str_has_suffix (name, ".json") && strlen (name) == BF_MEMBER_ID_LENGTH + 5)
        {
          g_autofree char *sig = g_strconcat (name, BF_SHARE_SIG_SUFFIX, NULL);

          id = g_strndup (name, BF_MEMBER_ID_LENGTH);
          if (!bf_member_id_is_valid (id))
            add_problem (problems, _("%s/%s: not a member id"), folder, name);
          else if (!g_hash_table_contains (set, sig))
            add_problem (problems, _("%s/%s: unsigned (no .minisig)"), folder, name);
          else
            g_ptr_array_add (ids, g_steal_pointer (&id));
        }
      else if (g_str_has_suffix (name, ".json" BF_SHARE_SIG_SUFFIX))
        {
          g_autofree char *json = g_strndup (name, strlen (name) - strlen (BF_SHARE_SIG_SUFFIX));

          if (!g_hash_table_contains (set, json))
            add_problem (problems, _("%s/%s: a signature without its file"), folder, name);
        }
      else if (g_str_has_prefix (name, BF_SHARE_TEMP_PREFIX))
        ; /* an interrupted write; harmless */
      else
        add_problem (problems, _("%s/%s: an unexpected file"), folder, name);
    }
  return g_steal_pointer (&ids);
}

/**
 * bf_share_load_members:
 * @problems: (nullable) (element-type utf8): where to add a sentence for
 *   each member or revocation file that is not valid; such files are left
 *   out
 *
 * Reads members/ and revocations/, verifying each file with the org key.
 * Fails only when the share cannot be read.
 */
gboolean
bf_share_load_members (BfShare       *self,
                       GPtrArray     *problems,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) mdir = NULL;
  g_autoptr(GFile) rdir = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) rids = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), FALSE);

  g_hash_table_remove_all (self->members);
  mdir = g_file_get_child (self->root, "members");
  rdir = g_file_get_child (self->root, "revocations");

  ids = signed_ids_in (mdir, "members", problems, cancellable, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *comment = bf_share_signed_comment ("member", id);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(BfMember) m = NULL;

      data = read_signed (mdir, name, self->org_key, comment, cancellable, &local_error);
      if (data != NULL)
        m = bf_member_from_json (g_bytes_get_data (data, NULL), g_bytes_get_size (data), FALSE, &local_error);
      if (m != NULL && !g_str_equal (m->id, id))
        g_set_error_literal (&local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                             _("the file name and the member id differ"));
      if (local_error != NULL)
        {
          if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE))
            return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
          add_problem (problems, "members/%s: %s", name, local_error->message);
          continue;
        }
      g_hash_table_replace (self->members, g_strdup (id), g_steal_pointer (&m));
    }

  rids = signed_ids_in (rdir, "revocations", problems, cancellable, error);
  if (rids == NULL)
    return FALSE;
  for (guint i = 0; i < rids->len; i++)
    {
      const char *id = g_ptr_array_index (rids, i);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *comment = bf_share_signed_comment ("revocation", id);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autofree char *rid = NULL;
      g_autofree char *time = NULL;
      BfMember *m;

      data = read_signed (rdir, name, self->org_key, comment, cancellable, &local_error);
      if (data != NULL && parse_revocation (data, &rid, &time, &local_error) && !g_str_equal (rid, id))
        g_set_error_literal (&local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                             _("the file name and the member id differ"));
      if (local_error != NULL)
        {
          if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE))
            return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
          add_problem (problems, "revocations/%s: %s", name, local_error->message);
          continue;
        }
      m = g_hash_table_lookup (self->members, id);
      if (m == NULL)
        {
          add_problem (problems, _("revocations/%s: revokes a member who is not enrolled"), name);
          continue;
        }
      g_free (m->revoked_at);
      m->revoked_at = g_steal_pointer (&time);
    }

  return TRUE;
}

/**
 * bf_share_lookup_member:
 *
 * Returns: (transfer none) (nullable): a member loaded and verified by
 *   bf_share_load_members()
 */
BfMember *
bf_share_lookup_member (BfShare    *self,
                        const char *member_id)
{
  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  return member_id ? g_hash_table_lookup (self->members, member_id) : NULL;
}

static int
compare_member_ids (gconstpointer a,
                    gconstpointer b)
{
  const BfMember *ma = *(BfMember * const *) a;
  const BfMember *mb = *(BfMember * const *) b;
  return strcmp (ma->id, mb->id);
}

/**
 * bf_share_list_members:
 *
 * Returns: (transfer container) (element-type BfMember): sorted by id
 */
GPtrArray *
bf_share_list_members (BfShare *self)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BF_IS_SHARE (self), NULL);

  g_hash_table_iter_init (&iter, self->members);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, value);
  g_ptr_array_sort (out, compare_member_ids);
  return out;
}

/**
 * bf_share_dup_recipients_for:
 * @unit: the author's unit
 * @time: now, strict RFC 3339 UTC
 *
 * Returns: (transfer full) (element-type GBytes): the recovery recipient
 *   and every supervisor of @unit whose key is valid at @time
 */
GPtrArray *
bf_share_dup_recipients_for (BfShare    *self,
                             const char *unit,
                             const char *time)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), NULL);

  g_ptr_array_add (out, g_bytes_ref (self->recovery));
  members = bf_share_list_members (self);
  for (guint i = 0; i < members->len; i++)
    {
      BfMember *m = g_ptr_array_index (members, i);

      if (m->role == BF_MEMBER_ROLE_SUPERVISOR && unit != NULL && g_strcmp0 (m->unit, unit) == 0 &&
          bf_member_check_time (m, time, NULL))
        g_ptr_array_add (out, g_bytes_ref (m->age_recipient));
    }
  return out;
}

/* ---- Requests, enrolment, revocation ---- */

/**
 * bf_share_write_request:
 *
 * Writes requests/<id>.json, signed with this profile's own key, so that
 * an administrator can enrol it. Idempotent for the same profile.
 */
gboolean
bf_share_write_request (BfShare       *self,
                        BfStore       *store,
                        const char    *name,
                        const char    *unit,
                        GDateTime     *now,
                        char         **out_member_id,
                        char         **out_fingerprint,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(BfMember) m = g_new0 (BfMember, 1);
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(BfMember) old = NULL;
  g_autofree char *json = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *comment = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), FALSE);
  g_return_val_if_fail (BF_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  m->id = bf_feed_dup_member_id (store, error);
  m->sign_key = bf_feed_dup_sign_key (store, error);
  m->age_recipient = m->id ? bf_store_dup_age_public_key (store, error) : NULL;
  sk = m->age_recipient ? bf_feed_dup_sign_secret (store, error) : NULL;
  if (sk == NULL)
    return FALSE;
  m->name = g_strdup (name);
  m->unit = g_strdup (unit ? unit : "");
  m->valid_from = bf_timestamp_now_utc (now);

  dir = g_file_get_child (self->root, "requests");
  if (!bf_share_ensure_dir (dir, cancellable, error))
    return FALSE;

  /* Asking again keeps the first request (and its time) when it is ours. */
  old = bf_share_read_request (self, m->id, cancellable, NULL);
  if (old == NULL)
    {
      json = bf_member_to_json (m, TRUE);
      file_name = g_strconcat (m->id, ".json", NULL);
      comment = bf_share_signed_comment ("request", m->id);
      if (!publish_signed (dir, file_name, json, sk, comment, cancellable, error))
        return FALSE;
    }

  if (out_member_id)
    *out_member_id = g_strdup (m->id);
  if (out_fingerprint)
    *out_fingerprint = bf_member_fingerprint (m->sign_key, m->age_recipient);
  return TRUE;
}

/**
 * bf_share_read_request:
 *
 * Reads requests/<id>.json and checks that it is signed by the key it
 * carries, and that the id belongs to that key.
 */
BfMember *
bf_share_read_request (BfShare       *self,
                       const char    *member_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(BfMember) m = NULL;
  g_autoptr(GBytes) checked = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *comment = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), NULL);

  if (!bf_member_id_is_valid (member_id))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                   _("“%s” is not a member id (16 characters 0–9 and a–f)"), member_id);
      return NULL;
    }

  dir = g_file_get_child (self->root, "requests");
  name = g_strconcat (member_id, ".json", NULL);
  file = g_file_get_child (dir, name);
  data = bf_share_read_file (file, BF_SHARE_MAX_SMALL_FILE, cancellable, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
        g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND,
                     _("There is no request from %s on the share"), member_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  m = bf_member_from_json (g_bytes_get_data (data, NULL), g_bytes_get_size (data), TRUE, error);
  if (m == NULL)
    return NULL;
  if (!g_str_equal (m->id, member_id))
    {
      g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                           _("The request’s file name and member id differ"));
      return NULL;
    }

  comment = bf_share_signed_comment ("request", member_id);
  checked = read_signed (dir, name, m->sign_key, comment, cancellable, error);
  if (checked == NULL)
    return NULL;
  if (!g_bytes_equal (checked, data))
    {
      g_set_error_literal (error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE,
                           _("The request changed while it was read"));
      return NULL;
    }
  return g_steal_pointer (&m);
}

/**
 * bf_share_enrol:
 *
 * Turns a verified request into a member file signed by the org key. The
 * member is valid from the time of the request, so records made while
 * waiting for enrolment are covered.
 */
BfMember *
bf_share_enrol (BfShare       *self,
                const char    *admin_dir,
                const char    *member_id,
                BfMemberRole   role,
                const char    *unit,
                GDateTime     *now,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(BfMember) m = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) existing = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), NULL);
  g_return_val_if_fail (admin_dir != NULL, NULL);
  g_return_val_if_fail (unit != NULL, NULL);

  sk = load_admin_key_for (self, admin_dir, error);
  if (sk == NULL)
    return NULL;

  m = bf_share_read_request (self, member_id, cancellable, error);
  if (m == NULL)
    return NULL;

  dir = g_file_get_child (self->root, "members");
  name = g_strconcat (member_id, ".json", NULL);
  existing = g_file_get_child (dir, name);
  if (g_file_query_exists (existing, cancellable))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_EXISTS,
                   _("%s is already a member; a member file is never rewritten"), member_id);
      return NULL;
    }

  time = bf_timestamp_now_utc (now);
  if (m->valid_from == NULL || strcmp (m->valid_from, time) > 0)
    {
      g_free (m->valid_from);
      m->valid_from = g_strdup (time);
    }
  m->role = role;
  g_free (m->unit);
  m->unit = g_strdup (unit);

  if (!bf_share_ensure_dir (dir, cancellable, error))
    return NULL;
  json = bf_member_to_json (m, FALSE);
  comment = bf_share_signed_comment ("member", member_id);
  if (!publish_signed (dir, name, json, sk, comment, cancellable, error))
    return NULL;

  g_hash_table_replace (self->members, g_strdup (member_id), bf_member_copy (m));
  return g_steal_pointer (&m);
}

/**
 * bf_share_revoke:
 *
 * Writes revocations/<id>.json signed by the org key. Records the member
 * signs at or after that time are refused by pull and flagged by verify.
 */
gboolean
bf_share_revoke (BfShare       *self,
                 const char    *admin_dir,
                 const char    *member_id,
                 GDateTime     *now,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(GFile) mdir = NULL;
  g_autoptr(GFile) mfile = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (BF_IS_SHARE (self), FALSE);

  sk = load_admin_key_for (self, admin_dir, error);
  if (sk == NULL)
    return FALSE;
  if (!bf_member_id_is_valid (member_id))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID,
                   _("“%s” is not a member id (16 characters 0–9 and a–f)"), member_id);
      return FALSE;
    }

  mdir = g_file_get_child (self->root, "members");
  name = g_strconcat (member_id, ".json", NULL);
  mfile = g_file_get_child (mdir, name);
  if (!g_file_query_exists (mfile, cancellable))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND,
                   _("%s is not a member of this share"), member_id);
      return FALSE;
    }

  time = bf_timestamp_now_utc (now);
  json_object_set_string_member (obj, "format", BF_MEMBER_FORMAT);
  json_object_set_string_member (obj, "type", "revocation");
  json_object_set_string_member (obj, "member_id", member_id);
  json_object_set_string_member (obj, "revoked_at", time);
  json_node_set_object (node, obj);
  text = bf_json_to_string (node, TRUE);
  json = g_strconcat (text, "\n", NULL);

  dir = g_file_get_child (self->root, "revocations");
  if (!bf_share_ensure_dir (dir, cancellable, error))
    return FALSE;
  comment = bf_share_signed_comment ("revocation", member_id);
  return publish_signed (dir, name, json, sk, comment, cancellable, error);
}

/**
 * bf_share_remember:
 * @fallback_unit: (nullable): the profile's unit, used until the member
 *   file names one
 *
 * Pins the share in the profile: its URI and its org key (trust on first
 * use; a share that later shows another org key is refused), and the
 * readers of new records (recovery + the supervisors of the member's unit).
 * The readers are remembered only once the profile is a member or has
 * asked to be; knowing them seals the records waiting in the outbox
 * (bf_feed_set_recipients()). Call it with the members loaded.
 */
gboolean
bf_share_remember (BfShare     *self,
                   BfStore     *store,
                   const char  *fallback_unit,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *pinned = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *id = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  GError *local_error = NULL;
  BfMember *me;

  g_return_val_if_fail (BF_IS_SHARE (self), FALSE);
  g_return_val_if_fail (BF_IS_STORE (store), FALSE);

  key = bf_minisign_public_key_to_string (self->org_key);
  pinned = bf_store_dup_meta (store, BF_SHARE_META_ORG_KEY, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, local_error), FALSE;
  if (pinned != NULL && !g_str_equal (pinned, key))
    {
      g_set_error (error, BF_SHARE_ERROR, BF_SHARE_ERROR_WRONG_ORG,
                   _("This share is signed by another organisation key (%s) than the one this profile "
                     "joined (%s); it may be a fake"), key, pinned);
      return FALSE;
    }

  id = bf_feed_dup_member_id (store, error);
  if (id == NULL)
    return FALSE;
  me = bf_share_lookup_member (self, id);
  time = bf_timestamp_now_utc (now);
  recipients = bf_share_dup_recipients_for (self, me ? me->unit : fallback_unit, time);

  /* The readers count as known once this profile is a member or has asked
   * to be one. Before its request there is no time its key is valid from,
   * and records sealed then would fail every check for good; they wait in
   * the outbox instead (bf-feed.h). */
  if (me == NULL)
    {
      g_autoptr(BfMember) request = bf_share_read_request (self, id, NULL, NULL);

      if (request == NULL)
        g_clear_pointer (&recipients, g_ptr_array_unref);
    }

  uri = g_file_get_uri (self->root);
  return (pinned != NULL || bf_store_set_meta (store, BF_SHARE_META_ORG_KEY, key, error)) &&
         bf_store_set_meta (store, BF_SHARE_META_URI, uri, error) &&
         (recipients == NULL || bf_feed_set_recipients (store, recipients, error));
}

/**
 * bf_share_refresh_readers:
 * @fallback_unit: (nullable): the profile's unit, until the member file
 *   names one
 *
 * Opens the share this profile remembers, reads members/ and remembers the
 * readers again (bf_share_remember()), without syncing. Call it before
 * writing many records, so that they are sealed to the supervisors the
 * share names now rather than at the last sync: a record sealed to an
 * older list can never be given to a supervisor enrolled since.
 *
 * Returns: %TRUE when the readers were refreshed or no share is known yet;
 *   %FALSE when the share could not be read (the remembered readers stay)
 */
gboolean
bf_share_refresh_readers (BfStore       *store,
                          const char    *fallback_unit,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *uri = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(BfShare) share = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);

  uri = bf_store_dup_meta (store, BF_SHARE_META_URI, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, local_error), FALSE;
  if (uri == NULL)
    return TRUE;

  root = g_file_new_for_uri (uri);
  share = bf_share_open (root, cancellable, error);
  return share != NULL &&
         bf_share_load_members (share, NULL, cancellable, error) &&
         bf_share_remember (share, store, fallback_unit, NULL, error);
}
