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

/* Outbox rows sealed per transaction when the feed catches up on its own:
 * a few seconds of work per commit, and a bounded WAL. */
#define OUTBOX_CHUNK 1000

static gboolean seal_outbox (BfStore    *store,
                             GDateTime  *now,
                             guint      *out_sealed,
                             GError    **error);

/**
 * bf_feed_set_recipients:
 * @recipients: (element-type GBytes): the readers of new records besides
 *   the author
 *
 * Remembers the readers of new records. When there are any, this is the
 * moment the profile's readers become known, so the records waiting in the
 * outbox are sealed into the feed, in order, before this returns.
 */
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
  if (!bf_store_set_meta (store, BF_FEED_META_RECIPIENTS, text->str, error))
    return FALSE;
  return recipients->len == 0 || seal_outbox (store, NULL, NULL, error);
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

/* A transaction that nests: BEGIN IMMEDIATE on its own (the write lock up
 * front), a savepoint inside a caller's transaction, such as the agreement
 * store's save, so that the record and what it records commit together. */
static gboolean
txn_begin (sqlite3   *db,
           gboolean  *nested,
           GError   **error)
{
  if (db == NULL)
    {
      g_set_error_literal (error, BF_FEED_ERROR, BF_FEED_ERROR_FAILED, _("The profile is locked"));
      return FALSE;
    }
  *nested = !sqlite3_get_autocommit (db);
  if (sqlite3_exec (db, *nested ? "SAVEPOINT bf_feed;" : "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (error, db, _("The record could not be saved"));
  return TRUE;
}

static gboolean
txn_end (sqlite3   *db,
         gboolean   nested,
         gboolean   ok,
         GError   **error)
{
  if (ok && sqlite3_exec (db, nested ? "RELEASE bf_feed;" : "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
    ok = sql_error (error, db, _("The record could not be saved"));
  if (!ok)
    sqlite3_exec (db, nested ? "ROLLBACK TO bf_feed; RELEASE bf_feed;" : "ROLLBACK;", NULL, NULL, NULL);
  return ok;
}

/* What a bulk write keeps between its records: the author's keys and the
 * prepared statements. Reading the keys means three queries, two secure
 * allocations and an Ed25519 key derivation, and preparing the statements
 * costs as much again, a good part of sealing one small log entry. It
 * lives no longer than the caller's transaction (bf_feed_add()). */
struct _BfFeedBatch
{
  BfSecret     *secret;
  char         *author;
  GBytes       *own;
  sqlite3_stmt *insert;
  sqlite3_stmt *head;
  sqlite3_stmt *outbox_any;
};

void
bf_feed_batch_free (BfFeedBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->secret, bf_secret_free);
  g_clear_pointer (&batch->author, g_free);
  g_clear_pointer (&batch->own, g_bytes_unref);
  g_clear_pointer (&batch->insert, sqlite3_finalize);
  g_clear_pointer (&batch->head, sqlite3_finalize);
  g_clear_pointer (&batch->outbox_any, sqlite3_finalize);
  g_free (batch);
}

static BfFeedBatch *
feed_batch_load (BfStore  *store,
                 GError  **error)
{
  g_autoptr(BfFeedBatch) keys = g_new0 (BfFeedBatch, 1);

  keys->own = bf_store_dup_age_public_key (store, error);
  keys->secret = keys->own ? bf_feed_dup_sign_secret (store, error) : NULL;
  keys->author = keys->secret ? bf_feed_dup_member_id (store, error) : NULL;
  if (keys->author == NULL)
    return NULL;
  return g_steal_pointer (&keys);
}

/* A statement from the batch when there is one (prepared on first use),
 * else a new one that *owned receives. */
static sqlite3_stmt *
batch_stmt (sqlite3        *db,
            sqlite3_stmt  **cached,
            sqlite3_stmt  **owned,
            const char     *sql)
{
  sqlite3_stmt **slot = cached != NULL ? cached : owned;

  if (*slot == NULL && sqlite3_prepare_v2 (db, sql, -1, slot, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_reset (*slot);
  return *slot;
}

/* What sealing the next records needs: the author's keys, the readers and
 * the feed's head. Read once for a batch (the outbox), with the store's
 * lock held and a transaction open. */
typedef struct
{
  BfFeedBatch  *owned_keys;
  sqlite3_stmt *owned_insert;
  BfSecret     *secret;   /* borrowed from the keys */
  const char   *author;
  GPtrArray    *readers;
  gint64        seq;
  char         *prev;
  char         *time;     /* the head's time; NULL for an empty feed */
  sqlite3_stmt *insert;    /* borrowed from the batch, or owned_insert */
} Sealer;

static void
sealer_clear (Sealer *s)
{
  g_clear_pointer (&s->owned_keys, bf_feed_batch_free);
  g_clear_pointer (&s->owned_insert, sqlite3_finalize);
  g_clear_pointer (&s->readers, g_ptr_array_unref);
  g_clear_pointer (&s->prev, g_free);
  g_clear_pointer (&s->time, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sealer, sealer_clear)

/* @keys_cache: (inout) (optional): keys kept by the caller; loaded into it
 * when empty */
static gboolean
sealer_init (Sealer      *s,
             BfStore     *store,
             BfFeedBatch **keys_cache,
             GPtrArray   *recipients,
             GError     **error)
{
  sqlite3 *db = bf_store_get_db (store);
  BfFeedBatch *keys;

  if (keys_cache != NULL && *keys_cache != NULL)
    keys = *keys_cache;
  else
    {
      keys = feed_batch_load (store, error);
      if (keys == NULL)
        return FALSE;
      if (keys_cache != NULL)
        *keys_cache = keys;
      else
        s->owned_keys = keys;
    }
  s->secret = keys->secret;
  s->author = keys->author;

  s->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  add_unique (s->readers, keys->own);
  for (guint i = 0; i < recipients->len; i++)
    add_unique (s->readers, g_ptr_array_index (recipients, i));

  {
    sqlite3_stmt *owned = NULL;
    sqlite3_stmt *q = batch_stmt (db, keys_cache != NULL ? &keys->head : NULL, &owned,
                                  "SELECT seq, hash, time FROM feed ORDER BY seq DESC LIMIT 1;");
    int rc = q != NULL ? sqlite3_step (q) : SQLITE_ERROR;

    if (rc == SQLITE_ROW)
      {
        s->seq = sqlite3_column_int64 (q, 0);
        s->prev = g_strdup ((const char *) sqlite3_column_text (q, 1));
        s->time = g_strdup ((const char *) sqlite3_column_text (q, 2));
      }
    else if (rc == SQLITE_DONE)
      {
        s->seq = 0;
        s->prev = g_strdup (BF_RECORD_ZERO_HASH);
      }
    if (q != NULL)
      sqlite3_reset (q);
    sqlite3_finalize (owned);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return sql_error (error, db, _("The feed could not be read"));
  }

  s->insert = batch_stmt (db, keys_cache != NULL ? &keys->insert : NULL, &s->owned_insert,
                          "INSERT INTO feed (seq, prev, hash, kind, subject, time, age, minisig, pushed) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0);");
  if (s->insert == NULL)
    return sql_error (error, db, _("The record could not be saved"));
  return TRUE;
}

/* Seals the next record and stores it in the open transaction. */
static BfRecord *
sealer_seal (Sealer        *s,
             sqlite3       *db,
             BfRecordKind   kind,
             const char    *subject,
             const char    *body_json,
             const char    *time,
             GError       **error)
{
  g_autoptr(BfRecord) record = NULL;
  GBytes *age;

  /* Times in a feed never go backwards (readers refuse a record older
   * than the one before it, so a stolen key cannot backdate): if the
   * clock was put back, the record takes the previous record's time. */
  if (s->time != NULL && strcmp (s->time, time) > 0)
    time = s->time;

  record = bf_record_seal (s->secret, s->author, s->seq + 1, s->prev, kind, subject, time,
                           body_json, s->readers, error);
  if (record == NULL)
    return NULL;

  age = bf_record_get_age (record);
  sqlite3_reset (s->insert);
  sqlite3_bind_int64 (s->insert, 1, bf_record_get_seq (record));
  sqlite3_bind_text (s->insert, 2, bf_record_get_prev (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 3, bf_record_get_hash (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 4, bf_record_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 5, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 6, bf_record_get_time (record), -1, SQLITE_STATIC);
  sqlite3_bind_blob (s->insert, 7, g_bytes_get_data (age, NULL), g_bytes_get_size (age), SQLITE_STATIC);
  sqlite3_bind_text (s->insert, 8, bf_record_get_signature (record), -1, SQLITE_STATIC);
  if (sqlite3_step (s->insert) != SQLITE_DONE)
    {
      sql_error (error, db, _("The record could not be saved"));
      sqlite3_reset (s->insert);
      return NULL;
    }
  sqlite3_reset (s->insert);

  s->seq = bf_record_get_seq (record);
  g_free (s->prev);
  s->prev = g_strdup (bf_record_get_hash (record));
  g_free (s->time);
  s->time = g_strdup (bf_record_get_time (record));
  return g_steal_pointer (&record);
}

/* Seals up to @limit outbox rows (0: all), oldest first, and deletes them,
 * in the open transaction. */
static gboolean
seal_outbox_rows (Sealer      *s,
                  sqlite3     *db,
                  const char  *time,
                  guint        limit,
                  guint       *out_sealed,
                  GError     **error)
{
  sqlite3_stmt *q = NULL;
  sqlite3_stmt *del = NULL;
  gint64 last = 0;
  guint n = 0;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (db, "SELECT id, kind, subject, body FROM outbox ORDER BY id LIMIT ?;",
                          -1, &q, NULL) != SQLITE_OK)
    return sql_error (error, db, _("The outbox could not be read"));
  sqlite3_bind_int64 (q, 1, limit > 0 ? (gint64) limit : -1);

  while (ok && (rc = sqlite3_step (q)) == SQLITE_ROW)
    {
      g_autoptr(BfRecord) r = NULL;
      BfRecordKind kind;

      if (!bf_record_kind_from_string ((const char *) sqlite3_column_text (q, 1), &kind))
        {
          g_set_error_literal (error, BF_FEED_ERROR, BF_FEED_ERROR_FAILED,
                               _("A record in the outbox has an unknown kind"));
          ok = FALSE;
          break;
        }
      last = sqlite3_column_int64 (q, 0);
      r = sealer_seal (s, db, kind, (const char *) sqlite3_column_text (q, 2),
                       (const char *) sqlite3_column_text (q, 3), time, error);
      ok = r != NULL;
      n++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = sql_error (error, db, _("The outbox could not be read"));
  sqlite3_finalize (q);

  if (ok && n > 0)
    {
      ok = sqlite3_prepare_v2 (db, "DELETE FROM outbox WHERE id <= ?;", -1, &del, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (del, 1, last);
          ok = sqlite3_step (del) == SQLITE_DONE;
        }
      if (!ok)
        sql_error (error, db, _("The outbox could not be updated"));
      sqlite3_finalize (del);
    }

  if (ok && out_sealed != NULL)
    *out_sealed = n;
  return ok;
}

static gboolean
seal_outbox (BfStore    *store,
             GDateTime  *now,
             guint      *out_sealed,
             GError    **error)
{
  g_autoptr(GPtrArray) remembered = NULL;
  g_autofree char *time = bf_timestamp_now_utc (now);
  guint total = 0;
  gboolean ok = TRUE;

  remembered = bf_feed_dup_recipients (store, error);
  if (remembered == NULL)
    return FALSE;
  if (remembered->len == 0)
    {
      g_set_error_literal (error, BF_FEED_ERROR, BF_FEED_ERROR_NO_SHARE,
                           _("This profile has not joined a share yet, so its records cannot be sealed"));
      return FALSE;
    }

  bf_store_lock (store);
  for (;;)
    {
      g_auto(Sealer) sealer = { 0 };
      sqlite3 *db = bf_store_get_db (store);
      gboolean nested = FALSE;
      guint n = 0;

      if (!txn_begin (db, &nested, error))
        {
          ok = FALSE;
          break;
        }
      ok = sealer_init (&sealer, store, NULL, remembered, error) &&
           seal_outbox_rows (&sealer, db, time, OUTBOX_CHUNK, &n, error);
      ok = txn_end (db, nested, ok, error);
      if (!ok || n == 0)
        break;
      total += n;
    }
  bf_store_unlock (store);

  if (ok && out_sealed != NULL)
    *out_sealed = total;
  return ok;
}

/**
 * bf_feed_seal_outbox:
 * @now: (nullable): the records' time; %NULL for now
 * @out_sealed: (out) (optional): how many were sealed
 *
 * Seals every record waiting in the outbox into the feed, oldest first,
 * with the readers remembered from the share. bf_feed_set_recipients()
 * calls this; call it yourself only to retry after a failure.
 */
gboolean
bf_feed_seal_outbox (BfStore    *store,
                     GDateTime  *now,
                     guint      *out_sealed,
                     GError    **error)
{
  g_return_val_if_fail (BF_IS_STORE (store), FALSE);

  return seal_outbox (store, now, out_sealed, error);
}

/**
 * bf_feed_count_outbox:
 *
 * Returns: how many records wait in the outbox for their readers, or -1
 *   with @error set
 */
gint64
bf_feed_count_outbox (BfStore  *store,
                      GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 n = -1;

  g_return_val_if_fail (BF_IS_STORE (store), -1);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM outbox;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    sql_error (error, db, _("The outbox could not be read"));
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return n;
}

/**
 * bf_feed_add:
 * @store: an open store with an identity
 * @keys: (inout) (optional): what a bulk write inside one transaction keeps
 *   between its records (the author's keys, prepared statements): point at
 *   a %NULL #BfFeedBatch, and free it with bf_feed_batch_free() when the
 *   transaction ends and before the store's lock is released (keys are
 *   never to outlive it, since locking the profile must forget them). Inside
 *   a transaction, a batch adds no savepoint of its own: when this fails,
 *   the caller must roll back its transaction or savepoint
 * @kind: the record's kind
 * @subject: the agreement's uuid
 * @body_json: the body, a JSON object
 * @now: (nullable): the record's time; %NULL for now
 *
 * Creates the record of something just saved, inside the caller's
 * transaction when there is one, so that the two commit or fail together.
 * When the readers are known, the record is sealed into the feed now
 * (after anything still in the outbox); before that, it waits in the
 * outbox, and bf_feed_set_recipients() seals it.
 *
 * Returns: %TRUE if the record was sealed or queued
 */
gboolean
bf_feed_add (BfStore       *store,
             BfFeedBatch  **keys,
             BfRecordKind   kind,
             const char    *subject,
             const char    *body_json,
             GDateTime     *now,
             GError       **error)
{
  g_autoptr(GPtrArray) remembered = NULL;
  g_autofree char *time = NULL;
  sqlite3 *db;
  gboolean nested = FALSE;
  gboolean in_batch;
  gboolean ok;

  g_return_val_if_fail (BF_IS_STORE (store), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);
  g_return_val_if_fail (body_json != NULL, FALSE);

  /* The readers and the outbox are read under the same lock that the
   * write holds, so a concurrent bf_feed_set_recipients() cannot slip in
   * between. */
  bf_store_lock (store);
  remembered = bf_feed_dup_recipients (store, error);
  db = bf_store_get_db (store);
  /* In a batch, the caller's transaction is the only one: its owner rolls
   * it back when this fails (bf_feed_add() says so), and a savepoint per
   * record would cost two more statements each. */
  in_batch = keys != NULL && db != NULL && !sqlite3_get_autocommit (db);
  if (remembered == NULL || (!in_batch && !txn_begin (db, &nested, error)))
    {
      bf_store_unlock (store);
      return FALSE;
    }
  time = bf_timestamp_now_utc (now);

  if (remembered->len == 0)
    {
      sqlite3_stmt *stmt = NULL;

      ok = sqlite3_prepare_v2 (db, "INSERT INTO outbox (kind, subject, body, created) VALUES (?, ?, ?, ?);",
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, bf_record_kind_to_string (kind), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, subject, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, body_json, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, time, -1, SQLITE_STATIC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      if (!ok)
        sql_error (error, db, _("The record could not be kept in the outbox"));
      sqlite3_finalize (stmt);
    }
  else
    {
      g_auto(Sealer) sealer = { 0 };
      g_autoptr(BfRecord) record = NULL;

      ok = sealer_init (&sealer, store, keys, remembered, error);
      if (ok)
        {
          /* The outbox is empty once the readers are known, unless sealing
           * it was interrupted; a batch asks with one cached query. */
          sqlite3_stmt *any = keys != NULL
                              ? batch_stmt (db, &(*keys)->outbox_any, NULL,
                                            "SELECT EXISTS (SELECT 1 FROM outbox);")
                              : NULL;

          if (any == NULL || (sqlite3_step (any) == SQLITE_ROW && sqlite3_column_int (any, 0) != 0))
            ok = seal_outbox_rows (&sealer, db, time, 0, NULL, error);
          if (any != NULL)
            sqlite3_reset (any);
        }
      if (ok)
        {
          record = sealer_seal (&sealer, db, kind, subject, body_json, time, error);
          ok = record != NULL;
        }
    }

  if (!in_batch)
    ok = txn_end (db, nested, ok, error);
  bf_store_unlock (store);
  return ok;
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
 * one transaction (nested in the caller's, if any). The record's time is
 * @now, or the previous record's time if that is later: times in a feed
 * never decrease. With the remembered readers, records still in the outbox
 * are sealed first, so the feed keeps the order things happened in.
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
  g_autoptr(GPtrArray) remembered = NULL;
  g_auto(Sealer) sealer = { 0 };
  g_autoptr(BfRecord) record = NULL;
  g_autofree char *time = NULL;
  gboolean use_remembered = recipients == NULL;
  gboolean nested = FALSE;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);
  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (body_json != NULL, NULL);

  if (use_remembered)
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

  time = bf_timestamp_now_utc (now);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (!txn_begin (db, &nested, error))
    {
      bf_store_unlock (store);
      return NULL;
    }

  ok = sealer_init (&sealer, store, NULL, recipients, error) &&
       (!use_remembered || seal_outbox_rows (&sealer, db, time, 0, NULL, error));
  if (ok)
    {
      record = sealer_seal (&sealer, db, kind, subject, body_json, time, error);
      ok = record != NULL;
    }
  ok = txn_end (db, nested, ok, error);

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
