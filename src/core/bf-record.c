/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-record"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-json.h"
#include "bf-member.h"
#include "bf-minisign.h"
#include "bf-record.h"

struct _BfRecord
{
  GObject       parent_instance;

  /* Owned */
  char         *author;
  gint64        seq;
  char         *prev;
  BfRecordKind  kind;
  char         *subject;
  char         *time;
  char         *hash;
  GBytes       *age;
  char         *signature;
  JsonNode     *body;
};

G_DEFINE_FINAL_TYPE (BfRecord, bf_record, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-record-error-quark, bf_record_error)

static const char * const kind_names[] = {
  "agreement.version", "agreement.signatures", "visit", "key-use",
  "evaluation", "breach", "consent", "review", "transfer",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == BF_RECORD_KIND_TRANSFER + 1);

static void
bf_record_finalize (GObject *object)
{
  BfRecord *self = (BfRecord *)object;

  g_free (self->author);
  g_free (self->prev);
  g_free (self->subject);
  g_free (self->time);
  g_free (self->hash);
  g_clear_pointer (&self->age, g_bytes_unref);
  g_free (self->signature);
  g_clear_pointer (&self->body, json_node_unref);

  G_OBJECT_CLASS (bf_record_parent_class)->finalize (object);
}

static void
bf_record_class_init (BfRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_record_finalize;
}

static void
bf_record_init (BfRecord *self)
{
}

const char *
bf_record_kind_to_string (BfRecordKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
bf_record_kind_from_string (const char   *str,
                            BfRecordKind *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        if (out != NULL)
          *out = (BfRecordKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * bf_record_file_name:
 *
 * Returns: (transfer full): "NNNNNNNNNN.age", ten digits, so that file
 *   names sort in seq order
 */
char *
bf_record_file_name (gint64 seq)
{
  g_return_val_if_fail (seq >= 1 && seq <= BF_RECORD_MAX_SEQ, NULL);
  return g_strdup_printf ("%010" G_GINT64_FORMAT ".age", seq);
}

/**
 * bf_record_parse_file_name:
 *
 * Recognises "NNNNNNNNNN.age" and "NNNNNNNNNN.age.minisig" (exactly ten
 * digits, seq ≥ 1). Anything else in a feed folder is not a record.
 */
gboolean
bf_record_parse_file_name (const char *name,
                           gint64     *out_seq,
                           gboolean   *out_is_signature)
{
  gsize len;
  gint64 seq = 0;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (len == 14 && g_str_equal (name + 10, ".age"))
    {
      if (out_is_signature)
        *out_is_signature = FALSE;
    }
  else if (len == 22 && g_str_equal (name + 10, ".age.minisig"))
    {
      if (out_is_signature)
        *out_is_signature = TRUE;
    }
  else
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (!g_ascii_isdigit (name[i]))
        return FALSE;
      seq = seq * 10 + (name[i] - '0');
    }
  if (seq < 1)
    return FALSE;
  if (out_seq)
    *out_seq = seq;
  return TRUE;
}

/**
 * bf_record_hash_bytes:
 *
 * Returns: (transfer full): SHA-256 of @bytes in lowercase hex
 */
char *
bf_record_hash_bytes (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

gboolean
bf_record_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != BF_RECORD_HASH_LENGTH)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
subject_is_valid (const char *subject)
{
  g_autofree char *lower = NULL;

  if (subject == NULL || !g_uuid_string_is_valid (subject))
    return FALSE;
  lower = g_ascii_strdown (subject, -1);
  return g_str_equal (lower, subject);
}

char *
bf_record_format_comment (const char   *author,
                          gint64        seq,
                          const char   *prev,
                          BfRecordKind  kind,
                          const char   *subject,
                          const char   *time)
{
  return g_strdup_printf (BF_RECORD_FORMAT " author=%s seq=%" G_GINT64_FORMAT
                          " prev=%s kind=%s subject=%s time=%s",
                          author, seq, prev, bf_record_kind_to_string (kind), subject, time);
}

static gboolean
comment_error (GError     **error,
               const char  *why)
{
  g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_COMMENT,
               _("The record’s signed metadata is not valid: %s"), why);
  return FALSE;
}

/**
 * bf_record_parse_comment:
 * @comment: a verified trusted comment
 *
 * Parses the comment strictly: seven space-separated fields in the order
 * written, each value valid, and nothing spelled differently from what
 * bf_record_format_comment() writes.
 */
gboolean
bf_record_parse_comment (const char    *comment,
                         char         **out_author,
                         gint64        *out_seq,
                         char         **out_prev,
                         BfRecordKind  *out_kind,
                         char         **out_subject,
                         char         **out_time,
                         GError       **error)
{
  static const char * const keys[] = { "author=", "seq=", "prev=", "kind=", "subject=", "time=" };
  g_auto(GStrv) parts = NULL;
  const char *values[G_N_ELEMENTS (keys)];
  g_autofree char *again = NULL;
  BfRecordKind kind;
  gint64 seq = 0;
  char *end = NULL;

  g_return_val_if_fail (comment != NULL, FALSE);

  if (strlen (comment) > 1024)
    return comment_error (error, "too long");

  parts = g_strsplit (comment, " ", -1);
  if (g_strv_length (parts) != 1 + G_N_ELEMENTS (keys))
    return comment_error (error, "wrong number of fields");
  if (!g_str_equal (parts[0], BF_RECORD_FORMAT))
    return comment_error (error, "unknown format");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_str_has_prefix (parts[i + 1], keys[i]))
        return comment_error (error, keys[i]);
      values[i] = parts[i + 1] + strlen (keys[i]);
    }

  if (!bf_member_id_is_valid (values[0]))
    return comment_error (error, "author");
  if (!g_ascii_isdigit (values[1][0]) || strlen (values[1]) > 10)
    return comment_error (error, "seq");
  seq = g_ascii_strtoll (values[1], &end, 10);
  if (*end != '\0' || seq < 1 || seq > BF_RECORD_MAX_SEQ)
    return comment_error (error, "seq");
  if (!bf_record_hash_is_valid (values[2]))
    return comment_error (error, "prev");
  if (!bf_record_kind_from_string (values[3], &kind))
    return comment_error (error, "kind");
  if (!subject_is_valid (values[4]))
    return comment_error (error, "subject");
  if (!bf_timestamp_is_strict_utc (values[5]))
    return comment_error (error, "time");

  /* One spelling only, e.g. no leading zeros in seq. */
  again = bf_record_format_comment (values[0], seq, values[2], kind, values[4], values[5]);
  if (!g_str_equal (again, comment))
    return comment_error (error, "not in canonical form");

  if (out_author)
    *out_author = g_strdup (values[0]);
  if (out_seq)
    *out_seq = seq;
  if (out_prev)
    *out_prev = g_strdup (values[2]);
  if (out_kind)
    *out_kind = kind;
  if (out_subject)
    *out_subject = g_strdup (values[4]);
  if (out_time)
    *out_time = g_strdup (values[5]);
  return TRUE;
}

static JsonNode *
build_payload (BfRecord  *self,
               JsonNode  *body)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "format", BF_RECORD_FORMAT);
  json_object_set_string_member (obj, "author", self->author);
  json_object_set_int_member (obj, "seq", self->seq);
  json_object_set_string_member (obj, "prev", self->prev);
  json_object_set_string_member (obj, "kind", bf_record_kind_to_string (self->kind));
  json_object_set_string_member (obj, "subject", self->subject);
  json_object_set_string_member (obj, "time", self->time);
  json_object_set_member (obj, "body", json_node_ref (body));
  json_node_set_object (node, obj);
  return node;
}

/**
 * bf_record_seal:
 * @sign_secret: the author's minisign secret key
 * @author: the author's member id (it must belong to @sign_secret)
 * @seq: the record's place in the feed, from 1
 * @prev: SHA-256 hex of the previous .age file, or %BF_RECORD_ZERO_HASH
 * @subject: the agreement's uuid, lowercase
 * @time: strict RFC 3339 UTC, "YYYY-MM-DDTHH:MM:SSZ"
 * @body_json: the body, a JSON object (written canonically)
 * @recipients: (element-type GBytes): X25519 recipients, the author included
 *
 * Encrypts the payload to @recipients and signs the result.
 *
 * Returns: (transfer full): the sealed record
 */
BfRecord *
bf_record_seal (BfSecret      *sign_secret,
                const char    *author,
                gint64         seq,
                const char    *prev,
                BfRecordKind   kind,
                const char    *subject,
                const char    *time,
                const char    *body_json,
                GPtrArray     *recipients,
                GError       **error)
{
  g_autoptr(BfRecord) self = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autofree char *text = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *key_author = NULL;
  g_autofree char *untrusted = NULL;

  g_return_val_if_fail (sign_secret != NULL, NULL);
  g_return_val_if_fail (body_json != NULL, NULL);
  g_return_val_if_fail (recipients != NULL, NULL);

  pk = bf_minisign_secret_key_get_public_key (sign_secret);
  key_author = bf_member_id_for_key (pk);
  if (!bf_member_id_is_valid (author) || g_strcmp0 (key_author, author) != 0 ||
      seq < 1 || seq > BF_RECORD_MAX_SEQ || !bf_record_hash_is_valid (prev) ||
      (guint) kind >= G_N_ELEMENTS (kind_names) || !subject_is_valid (subject) ||
      !bf_timestamp_is_strict_utc (time) || recipients->len == 0)
    {
      g_set_error_literal (error, BF_RECORD_ERROR, BF_RECORD_ERROR_INVALID,
                           _("The record could not be sealed: its metadata is not valid"));
      return NULL;
    }

  body = bf_json_parse (body_json, strlen (body_json), BF_AGE_MAX_PLAINTEXT / 2,
                        BF_RECORD_MAX_BODY_DEPTH, error);
  if (body == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, BF_RECORD_ERROR, BF_RECORD_ERROR_INVALID,
                           _("The record could not be sealed: its body is not a JSON object"));
      return NULL;
    }

  self = g_object_new (BF_TYPE_RECORD, NULL);
  self->author = g_strdup (author);
  self->seq = seq;
  self->prev = g_strdup (prev);
  self->kind = kind;
  self->subject = g_strdup (subject);
  self->time = g_strdup (time);

  payload = build_payload (self, body);
  text = bf_json_to_string (payload, FALSE);
  self->age = bf_age_encrypt ((const guint8 *) text, strlen (text), recipients, error);
  bf_memzero (text, strlen (text));
  if (self->age == NULL)
    return NULL;

  comment = bf_record_format_comment (author, seq, prev, kind, subject, time);
  untrusted = g_strdup_printf ("bofast record %s/%010" G_GINT64_FORMAT, author, seq);
  self->signature = bf_minisign_sign (g_bytes_get_data (self->age, NULL), g_bytes_get_size (self->age),
                                      sign_secret, comment, untrusted, error);
  if (self->signature == NULL)
    return NULL;

  self->hash = bf_record_hash_bytes (self->age);
  self->body = g_steal_pointer (&body);
  return g_steal_pointer (&self);
}

/**
 * bf_record_verify:
 * @age: the .age file's bytes, untrusted
 * @signature: the .age.minisig file's contents, untrusted
 * @author_key: the author's 42-byte minisign public key
 * @expected_author: (nullable): the feed's member id
 * @expected_seq: the seq the file name says, or 0 to accept any
 * @expected_prev: (nullable): the previous record's hash, when known
 *
 * Checks the signature and the trusted comment. Needs no secret key.
 *
 * Returns: (transfer full): the record, not yet decrypted
 */
BfRecord *
bf_record_verify (GBytes      *age,
                  const char  *signature,
                  gssize       signature_len,
                  GBytes      *author_key,
                  const char  *expected_author,
                  gint64       expected_seq,
                  const char  *expected_prev,
                  GError     **error)
{
  g_autoptr(BfRecord) self = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (age != NULL, NULL);
  g_return_val_if_fail (signature != NULL, NULL);
  g_return_val_if_fail (author_key != NULL, NULL);

  if (g_bytes_get_size (age) > BF_RECORD_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, BF_RECORD_ERROR, BF_RECORD_ERROR_TOO_LARGE,
                           _("The record is too large"));
      return NULL;
    }

  if (!bf_minisign_verify (g_bytes_get_data (age, NULL), g_bytes_get_size (age), author_key,
                           signature, signature_len, &comment, &local_error))
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE,
                   _("The record’s signature is not valid: %s"), local_error->message);
      return NULL;
    }

  self = g_object_new (BF_TYPE_RECORD, NULL);
  if (!bf_record_parse_comment (comment, &self->author, &self->seq, &self->prev, &self->kind,
                                &self->subject, &self->time, error))
    return NULL;

  if (expected_author != NULL && !g_str_equal (expected_author, self->author))
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_WRONG_AUTHOR,
                   _("The record says its author is %s, but it is in the feed of %s"),
                   self->author, expected_author);
      return NULL;
    }
  if (expected_seq > 0 && expected_seq != self->seq)
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_WRONG_SEQ,
                   _("The record says it is number %" G_GINT64_FORMAT ", but its file is number %" G_GINT64_FORMAT
                     " (moved, reordered or replayed)"),
                   self->seq, expected_seq);
      return NULL;
    }
  if (expected_prev != NULL && !g_str_equal (expected_prev, self->prev))
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BROKEN_CHAIN,
                   _("Record %" G_GINT64_FORMAT " does not follow the previous record "
                     "(its prev hash differs: a record was changed, removed or inserted)"),
                   self->seq);
      return NULL;
    }

  self->age = g_bytes_ref (age);
  self->signature = signature_len < 0 ? g_strdup (signature) : g_strndup (signature, signature_len);
  self->hash = bf_record_hash_bytes (age);
  return g_steal_pointer (&self);
}

/**
 * bf_record_new_trusted:
 *
 * Rebuilds a record from bytes this profile sealed and kept in its own
 * encrypted database; it parses the comment but checks no signature.
 */
BfRecord *
bf_record_new_trusted (GBytes      *age,
                       const char  *signature,
                       GError     **error)
{
  g_autoptr(BfRecord) self = g_object_new (BF_TYPE_RECORD, NULL);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (age != NULL && signature != NULL, NULL);

  lines = g_strsplit (signature, "\n", 5);
  if (g_strv_length (lines) < 4 || !g_str_has_prefix (lines[2], "trusted comment: "))
    {
      g_set_error_literal (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE,
                           _("The stored signature is damaged"));
      return NULL;
    }
  if (!bf_record_parse_comment (lines[2] + strlen ("trusted comment: "), &self->author, &self->seq,
                                &self->prev, &self->kind, &self->subject, &self->time, error))
    return NULL;

  self->age = g_bytes_ref (age);
  self->signature = g_strdup (signature);
  self->hash = bf_record_hash_bytes (age);
  return g_steal_pointer (&self);
}

/**
 * bf_record_set_body_json:
 *
 * Gives a record rebuilt from the local database (bf_record_new_trusted())
 * the body that was decrypted when it was pulled.
 */
gboolean
bf_record_set_body_json (BfRecord    *self,
                         const char  *body_json,
                         GError     **error)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_val_if_fail (BF_IS_RECORD (self), FALSE);
  g_return_val_if_fail (body_json != NULL, FALSE);

  body = bf_json_parse (body_json, strlen (body_json), BF_AGE_MAX_PLAINTEXT, BF_RECORD_MAX_BODY_DEPTH, error);
  if (body == NULL)
    return FALSE;
  g_clear_pointer (&self->body, json_node_unref);
  self->body = g_steal_pointer (&body);
  return TRUE;
}

static gboolean
mismatch (GError     **error,
          const char  *field)
{
  g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_MISMATCH,
               _("The record’s encrypted %s differs from its signed metadata"), field);
  return FALSE;
}

/**
 * bf_record_decrypt:
 * @identity: the reader's X25519 identity
 *
 * Decrypts a verified record. When it is not addressed to @identity this
 * fails with %BF_AGE_ERROR_NO_MATCH, which is not a problem with the record.
 */
gboolean
bf_record_decrypt (BfRecord  *self,
                   BfSecret  *identity,
                   GError   **error)
{
  static const char * const fields[] = {
    "format", "author", "seq", "prev", "kind", "subject", "time", "body", NULL };
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *author = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *time = NULL;
  gint64 seq = 0;
  JsonObject *obj;
  JsonObject *body = NULL;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (BF_IS_RECORD (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);

  if (self->body != NULL)
    return TRUE;

  plain = bf_age_decrypt (self->age, identity, error);
  if (plain == NULL)
    return FALSE;

  data = g_bytes_get_data (plain, &len);
  node = bf_json_parse (data, len, BF_AGE_MAX_PLAINTEXT, BF_RECORD_MAX_BODY_DEPTH + 1, &local_error);
  bf_memzero ((gpointer) data, len);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_PAYLOAD,
                   _("The record’s content is not valid: %s"),
                   local_error ? local_error->message : "not an object");
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!bf_json_check_fields (obj, "", fields, &local_error) ||
      !bf_json_get_string (obj, "", "format", TRUE, &format, &local_error) ||
      !bf_json_get_string (obj, "", "author", TRUE, &author, &local_error) ||
      !bf_json_get_int (obj, "", "seq", TRUE, 1, BF_RECORD_MAX_SEQ, &seq, &local_error) ||
      !bf_json_get_string (obj, "", "prev", TRUE, &prev, &local_error) ||
      !bf_json_get_string (obj, "", "kind", TRUE, &kind, &local_error) ||
      !bf_json_get_string (obj, "", "subject", TRUE, &subject, &local_error) ||
      !bf_json_get_string (obj, "", "time", TRUE, &time, &local_error) ||
      !bf_json_get_object (obj, "", "body", TRUE, &body, &local_error))
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_PAYLOAD,
                   _("The record’s content is not valid: %s"), local_error->message);
      return FALSE;
    }

  if (!g_str_equal (format, BF_RECORD_FORMAT))
    return mismatch (error, "format");
  if (!g_str_equal (author, self->author))
    return mismatch (error, "author");
  if (seq != self->seq)
    return mismatch (error, "seq");
  if (!g_str_equal (prev, self->prev))
    return mismatch (error, "prev");
  if (!g_str_equal (kind, bf_record_kind_to_string (self->kind)))
    return mismatch (error, "kind");
  if (!g_str_equal (subject, self->subject))
    return mismatch (error, "subject");
  if (!g_str_equal (time, self->time))
    return mismatch (error, "time");

  self->body = json_node_ref (json_object_get_member (obj, "body"));
  return TRUE;
}

const char *
bf_record_get_author (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->author;
}

gint64
bf_record_get_seq (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), 0);
  return self->seq;
}

const char *
bf_record_get_prev (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->prev;
}

BfRecordKind
bf_record_get_kind (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), 0);
  return self->kind;
}

const char *
bf_record_get_subject (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->subject;
}

const char *
bf_record_get_time (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->time;
}

const char *
bf_record_get_hash (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->hash;
}

GBytes *
bf_record_get_age (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->age;
}

const char *
bf_record_get_signature (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->signature;
}

/**
 * bf_record_get_body:
 *
 * Returns: (transfer none) (nullable): the body, once decrypted or sealed
 */
JsonNode *
bf_record_get_body (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->body;
}

char *
bf_record_dup_body_json (BfRecord *self)
{
  g_return_val_if_fail (BF_IS_RECORD (self), NULL);
  return self->body ? bf_json_to_string (self->body, FALSE) : NULL;
}
