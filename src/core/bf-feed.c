/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-feed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-age.h"
#include "bf-feed.h"
#include "bf-member.h"
#include "bf-minisign.h"

G_DEFINE_QUARK (bf-feed-error-quark, bf_feed_error)

static gboolean
sql_error (GError     **error,
           sqlite3     *db,
           const char  *what)
{
  g_set_error (error, BF_FEED_ERROR, BF_FEED_ERROR_FAILED, "%s: %s",
               what, db ? sqlite3_errmsg (db) : "closed");
  return FALSE;
}

GBytes *
bf_feed_dup_sign_key (BfStore  *store,
                      GError  **error)
{
  g_autoptr(GBytes) ed = NULL;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  ed = bf_store_dup_signing_public_key (store, error);
  if (ed == NULL)
    return NULL;
  return bf_member_public_key_from_ed25519 (g_bytes_get_data (ed, NULL));
}

/**
 * bf_feed_dup_member_id:
 *
 * Returns: (transfer full): this profile's member id (see bf-member.h)
 */
char *
bf_feed_dup_member_id (BfStore  *store,
                       GError  **error)
{
  g_autoptr(GBytes) pk = bf_feed_dup_sign_key (store, error);

  return pk ? bf_member_id_for_key (pk) : NULL;
}

BfSecret *
bf_feed_dup_sign_secret (BfStore  *store,
                         GError  **error)
{
  g_autoptr(BfSecret) ed = NULL;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  ed = bf_store_dup_signing_secret_key (store, error);
  if (ed == NULL)
    return NULL;
  return bf_member_secret_key_from_ed25519 (ed, error);
}

/**
 * bf_feed_dup_recipients:
 *
 * Returns: (transfer full) (element-type GBytes): the readers remembered
 *   from the share, or an empty array when there are none
 */
GPtrArray *
bf_feed_dup_recipients (BfStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  text = bf_store_dup_meta (store, BF_FEED_META_RECIPIENTS, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (text == NULL)
    return g_steal_pointer (&out);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GBytes *r;

      if (lines[i][0] == '\0')
        continue;
      r = bf_age_recipient_from_string (lines[i], error);
      if (r == NULL)
        return NULL;
      g_ptr_array_add (out, r);
    }
  return g_steal_pointer (&out);
}

gboolean
bf_feed_set_recipients (BfStore    *store,
                        GPtrArray  *recipients,
                        GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);
  g_return_val_if_fail (recipients != NULL, FALSE);

  for (guint i = 0; i < recipients->len; i++)
    {
      g_autofree char *s = bf_age_recipient_to_string (g_ptr_array_index (recipients, i));
      g_string_append_printf (text, "%s\n", s);
    }
  return bf_store_set_meta (store, BF_FEED_META_RECIPIENTS, text->str, error);
}

static void
add_unique (GPtrArray *array,
            GBytes    *key)
{
  for (guint i = 0; i < array->len; i++)
    if (g_bytes_equal (g_ptr_array_index (array, i), key))
      return;
  g_ptr_array_add (array, g_bytes_ref (key));
}

static gboolean
read_head (sqlite3  *db,
           gint64   *out_seq,
           char    **out_hash,
           GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT seq, hash FROM feed ORDER BY seq DESC LIMIT 1;",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (error, db, _("The feed could not be read"));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      if (out_hash)
        *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      *out_seq = 0;
      if (out_hash)
        *out_hash = g_strdup (BF_RECORD_ZERO_HASH);
    }
  else
    {
      sqlite3_finalize (stmt);
      return sql_error (error, db, _("The feed could not be read"));
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * bf_feed_get_head:
 * @out_seq: (out): the highest seq, 0 for an empty feed
 * @out_hash: (out) (optional): its .age hash, or %BF_RECORD_ZERO_HASH
 */
gboolean
bf_feed_get_head (BfStore  *store,
                  gint64   *out_seq,
                  char    **out_hash,
                  GError  **error)
{
  gboolean ret;

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_seq != NULL, FALSE);

  bf_store_lock (store);
  ret = read_head (bf_store_get_db (store), out_seq, out_hash, error);
  bf_store_unlock (store);
  return ret;
}

/**
 * bf_feed_append:
 * @store: an open store with an identity
 * @kind: the record's kind
 * @subject: the agreement's uuid
 * @body_json: the body, a JSON object
 * @recipients: (nullable) (element-type GBytes): extra readers; %NULL uses
 *   the readers remembered from the share
 * @now: (nullable): the record's time; %NULL for now
 *
 * Seals the next record of this member's feed and stores it, unpushed, in
 * one transaction. The record's time is @now, or the previous record's
 * time if that is later: times in a feed never decrease.
 *
 * Returns: (transfer full): the new record
 */
BfRecord *
bf_feed_append (BfStore       *store,
                BfRecordKind   kind,
                const char    *subject,
                const char    *body_json,
                GPtrArray     *recipients,
                GDateTime     *now,
                GError       **error)
{
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) remembered = NULL;
  g_autoptr(BfSecret) secret = NULL;
  g_autoptr(GBytes) own = NULL;
  g_autoptr(BfRecord) record = NULL;
  g_autofree char *author = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *time = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 seq = 0;
  gboolean ok;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);
  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (body_json != NULL, NULL);

  if (recipients == NULL)
    {
      remembered = bf_feed_dup_recipients (store, error);
      if (remembered == NULL)
        return NULL;
      if (remembered->len == 0)
        {
          g_set_error_literal (error, BF_FEED_ERROR, BF_FEED_ERROR_NO_SHARE,
                               _("This profile has not joined a share yet, so nobody but you could "
                                 "read the record; ask to join first"));
          return NULL;
        }
      recipients = remembered;
    }

  own = bf_store_dup_age_public_key (store, error);
  secret = bf_feed_dup_sign_secret (store, error);
  author = bf_feed_dup_member_id (store, error);
  if (own == NULL || secret == NULL || author == NULL)
    return NULL;

  add_unique (readers, own);
  for (guint i = 0; i < recipients->len; i++)
    add_unique (readers, g_ptr_array_index (recipients, i));

  time = bf_timestamp_now_utc (now);

  bf_store_lock (store);
  db = bf_store_get_db (store);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (error, db, _("The record could not be saved"));
      bf_store_unlock (store);
      return NULL;
    }

  ok = read_head (db, &seq, &prev, error);
  if (ok && seq > 0)
    {
      /* Times in a feed never go backwards (readers refuse a record older
       * than the one before it, so a stolen key cannot backdate): if the
       * clock was put back, the record takes the previous record's time. */
      g_autofree char *head_time = NULL;
      sqlite3_stmt *q = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT time FROM feed WHERE seq = ?;", -1, &q, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (q, 1, seq);
          if (sqlite3_step (q) == SQLITE_ROW)
            head_time = g_strdup ((const char *) sqlite3_column_text (q, 0));
        }
      sqlite3_finalize (q);
      if (head_time != NULL && strcmp (head_time, time) > 0)
        {
          g_free (time);
          time = g_steal_pointer (&head_time);
        }
    }
  if (ok)
    {
      record = bf_record_seal (secret, author, seq + 1, prev, kind, subject, time,
                               body_json, readers, error);
      ok = record != NULL;
    }

  if (ok)
    {
      GBytes *age = bf_record_get_age (record);

      ok = sqlite3_prepare_v2 (db,
                               "INSERT INTO feed (seq, prev, hash, kind, subject, time, age, minisig, pushed) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0);", -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, bf_record_get_seq (record));
          sqlite3_bind_text (stmt, 2, bf_record_get_prev (record), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, bf_record_get_hash (record), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, bf_record_kind_to_string (kind), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, time, -1, SQLITE_STATIC);
          sqlite3_bind_blob (stmt, 7, g_bytes_get_data (age, NULL), g_bytes_get_size (age), SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, bf_record_get_signature (record), -1, SQLITE_STATIC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      if (!ok)
        sql_error (error, db, _("The record could not be saved"));
      sqlite3_finalize (stmt);
    }

  if (ok && sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
    ok = sql_error (error, db, _("The record could not be saved"));
  if (!ok)
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);

  bf_store_unlock (store);
  return ok ? g_steal_pointer (&record) : NULL;
}

static BfRecord *
record_from_row (sqlite3_stmt  *stmt,
                 int            first,
                 GError       **error)
{
  g_autoptr(GBytes) age = g_bytes_new (sqlite3_column_blob (stmt, first),
                                       sqlite3_column_bytes (stmt, first));

  return bf_record_new_trusted (age, (const char *) sqlite3_column_text (stmt, first + 1), error);
}

BfRecord *
bf_feed_get_record (BfStore  *store,
                    gint64    seq,
                    GError  **error)
{
  g_autoptr(GPtrArray) list = bf_feed_list (store, seq, FALSE, 1, error);

  if (list == NULL)
    return NULL;
  if (list->len == 0 || bf_record_get_seq (g_ptr_array_index (list, 0)) != seq)
    {
      g_set_error (error, BF_FEED_ERROR, BF_FEED_ERROR_FAILED,
                   _("Record %" G_GINT64_FORMAT " is not in this profile"), seq);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (list, 0));
}

/**
 * bf_feed_list:
 * @from_seq: the first seq to return
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full) (element-type BfRecord): records in seq order
 */
GPtrArray *
bf_feed_list (BfStore   *store,
              gint64     from_seq,
              gboolean   unpushed_only,
              guint      limit,
              GError   **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (sqlite3_prepare_v2 (db,
                          unpushed_only
                          ? "SELECT age, minisig FROM feed WHERE seq >= ? AND pushed = 0 ORDER BY seq LIMIT ?;"
                          : "SELECT age, minisig FROM feed WHERE seq >= ? ORDER BY seq LIMIT ?;",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (error, db, _("The feed could not be read"));
      bf_store_unlock (store);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from_seq);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BfRecord *r = record_from_row (stmt, 0, error);

      if (r == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (out, r);
    }
  if (ok && rc != SQLITE_DONE)
    ok = sql_error (error, db, _("The feed could not be read"));

  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return ok ? g_steal_pointer (&out) : NULL;
}

gboolean
bf_feed_set_pushed (BfStore  *store,
                    gint64    seq,
                    gboolean  pushed,
                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  ok = sqlite3_prepare_v2 (db, "UPDATE feed SET pushed = ? WHERE seq = ?;", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, pushed ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, seq);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    sql_error (error, db, _("The record could not be marked as pushed"));
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return ok;
}

/**
 * bf_feed_set_pushed_many:
 * @seqs: (element-type gint64): records that are now on the share
 *
 * Marks several records pushed in one transaction (one disk flush instead
 * of one per record).
 */
gboolean
bf_feed_set_pushed_many (BfStore  *store,
                         GArray   *seqs,
                         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);
  g_return_val_if_fail (seqs != NULL, FALSE);

  if (seqs->len == 0)
    return TRUE;

  bf_store_lock (store);
  db = bf_store_get_db (store);
  ok = sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (db, "UPDATE feed SET pushed = 1 WHERE seq = ?;", -1, &stmt, NULL) == SQLITE_OK;
  for (guint i = 0; ok && i < seqs->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (seqs, gint64, i));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (ok)
    ok = sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      sql_error (error, db, _("The records could not be marked as pushed"));
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
    }
  bf_store_unlock (store);
  return ok;
}

gint64
bf_feed_count_unpushed (BfStore  *store,
                        GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 n = -1;

  g_return_val_if_fail (BF_IS_STORE (store), -1);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM feed WHERE pushed = 0;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    sql_error (error, db, _("The feed could not be read"));
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return n;
}
