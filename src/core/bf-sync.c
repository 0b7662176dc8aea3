/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-age.h"
#include "bf-feed.h"
#include "bf-minisign.h"
#include "bf-record.h"
#include "bf-share.h"
#include "bf-sync.h"
#include "bf-verify.h"

/* Pulled records are committed in batches: one fsync per record would
 * dominate a first pull of thousands. */
#define PULL_BATCH 256
#define PUSH_BATCH 64

typedef struct
{
  BfStore        *store;
  BfShare        *share;
  GCancellable   *cancellable;
  BfSyncSummary  *summary;
  BfSecret       *identity;
  char           *me;
  char           *now;
} Run;

void
bf_sync_summary_free (BfSyncSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->alarms);
  g_ptr_array_unref (summary->quarantined);
  g_free (summary);
}

static gboolean
exec (BfStore     *store,
      const char  *sql)
{
  return sqlite3_exec (bf_store_get_db (store), sql, NULL, NULL, NULL) == SQLITE_OK;
}

static gboolean
sql_fail (Run     *run,
          GError **error)
{
  g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
               _("The sync state could not be saved: %s"), sqlite3_errmsg (bf_store_get_db (run->store)));
  return FALSE;
}

static void
raise_alarm (Run        *run,
             const char *kind,
             const char *author,
             gint64      seq,
             const char *message)
{
  sqlite3 *db = bf_store_get_db (run->store);
  sqlite3_stmt *stmt = NULL;

  g_ptr_array_add (run->summary->alarms, g_strdup_printf ("%s/%010" G_GINT64_FORMAT ": %s", author, seq, message));
  g_debug ("%s alarm for %s/%" G_GINT64_FORMAT ": %s", kind, author, seq, message);

  bf_store_lock (run->store);
  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_alarm (kind, author, seq, message, time) "
                              "VALUES (?, ?, ?, ?, ?);", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, seq);
      sqlite3_bind_text (stmt, 4, message, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, run->now, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  bf_store_unlock (run->store);
}

static void
quarantine (Run        *run,
            const char *author,
            gint64      seq,
            const char *reason)
{
  sqlite3 *db = bf_store_get_db (run->store);
  sqlite3_stmt *stmt = NULL;

  g_ptr_array_add (run->summary->quarantined, g_strdup_printf ("%s/%010" G_GINT64_FORMAT ": %s", author, seq, reason));

  bf_store_lock (run->store);
  if (sqlite3_prepare_v2 (db, "INSERT INTO quarantine (author, seq, reason, time) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (author, seq) DO UPDATE SET reason = excluded.reason, time = excluded.time;",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, seq);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, run->now, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  bf_store_unlock (run->store);
}

typedef struct
{
  gint64 size_age;      /* -1 when absent */
  gint64 size_sig;
} Entry;

/* Lists a feed folder: seq → sizes of the .age and .minisig files.
 * Temporary files of an interrupted write are returned in @temps. */
static GHashTable *
list_feed (GFile         *dir,
           gint64        *out_max,
           GPtrArray     *temps,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  *out_max = 0;
  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (en == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&seqs);
      bf_share_set_io_error (error, local_error, _("reading a feed"));
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      gint64 seq;
      gboolean is_sig;
      Entry *e;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, &local_error))
        {
          bf_share_set_io_error (error, local_error, _("reading a feed"));
          return NULL;
        }
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (!bf_record_parse_file_name (name, &seq, &is_sig))
        {
          if (temps != NULL && g_str_has_prefix (name, BF_SHARE_TEMP_PREFIX))
            g_ptr_array_add (temps, g_strdup (name));
          continue;
        }
      e = g_hash_table_lookup (seqs, &seq);
      if (e == NULL)
        {
          e = g_new (Entry, 1);
          e->size_age = e->size_sig = -1;
          g_hash_table_insert (seqs, g_memdup2 (&seq, sizeof seq), e);
        }
      if (is_sig)
        e->size_sig = g_file_info_get_size (info);
      else
        e->size_age = g_file_info_get_size (info);
      *out_max = MAX (*out_max, seq);
    }
  return g_steal_pointer (&seqs);
}

static gboolean
push (Run     *run,
      GError **error)
{
  g_autoptr(GFile) records = g_file_get_child (bf_share_get_root (run->share), "records");
  g_autoptr(GFile) dir = bf_share_get_feed_dir (run->share, run->me);
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) there = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) todo = NULL;
  g_autoptr(GArray) pushed_seqs = NULL;
  gint64 max_there = 0;
  gint64 head = 0;

  if (!bf_share_ensure_dir (records, run->cancellable, error) ||
      !bf_share_ensure_dir (dir, run->cancellable, error))
    return FALSE;

  there = list_feed (dir, &max_there, temps, run->cancellable, error);
  if (there == NULL)
    return FALSE;

  /* Our own interrupted writes: nobody else writes in this folder. */
  for (guint i = 0; i < temps->len; i++)
    {
      g_autoptr(GFile) tmp = g_file_get_child (dir, g_ptr_array_index (temps, i));
      g_file_delete (tmp, run->cancellable, NULL);
    }

  if (!bf_feed_get_head (run->store, &head, NULL, error))
    return FALSE;

  if (max_there > head)
    raise_alarm (run, "fork", run->me, max_there,
                 _("the share has records of your feed that this profile never made (another device "
                   "with the same keys, or a forgery)"));

  /* Witness of the own feed: what was pushed must still be there, with the
   * same size; the newest pushed record is compared byte for byte. */
  all = bf_feed_list (run->store, 1, FALSE, 0, error);
  if (all == NULL)
    return FALSE;
  todo = g_ptr_array_new_with_free_func (g_object_unref);
  {
    g_autoptr(GPtrArray) unpushed = bf_feed_list (run->store, 1, TRUE, 0, error);
    g_autoptr(GHashTable) is_unpushed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    gint64 last_pushed = 0;

    if (unpushed == NULL)
      return FALSE;
    for (guint i = 0; i < unpushed->len; i++)
      {
        gint64 seq = bf_record_get_seq (g_ptr_array_index (unpushed, i));
        g_hash_table_add (is_unpushed, g_memdup2 (&seq, sizeof seq));
      }

    for (guint i = 0; i < all->len; i++)
      {
        BfRecord *r = g_ptr_array_index (all, i);
        gint64 seq = bf_record_get_seq (r);
        Entry *e = g_hash_table_lookup (there, &seq);

        if (g_hash_table_contains (is_unpushed, &seq))
          {
            g_ptr_array_add (todo, g_object_ref (r));
            continue;
          }
        if (e == NULL || e->size_age < 0 || e->size_sig < 0)
          {
            run->summary->repushed++;
            g_ptr_array_add (todo, g_object_ref (r));
            continue;
          }
        if (e->size_age != (gint64) g_bytes_get_size (bf_record_get_age (r)) ||
            e->size_sig != (gint64) strlen (bf_record_get_signature (r)))
          raise_alarm (run, "tamper", run->me, seq, _("your record on the share was changed"));
        last_pushed = seq;
      }

    if (last_pushed > 0)
      {
        BfRecord *r = g_ptr_array_index (all, last_pushed - 1);
        g_autofree char *name = bf_record_file_name (last_pushed);
        g_autoptr(GFile) f = g_file_get_child (dir, name);
        g_autoptr(GBytes) bytes = bf_share_read_file (f, BF_RECORD_MAX_FILE_SIZE, run->cancellable, NULL);

        if (bytes == NULL || !g_bytes_equal (bytes, bf_record_get_age (r)))
          raise_alarm (run, "tamper", run->me, last_pushed, _("your newest record on the share was changed"));
      }
  }

  /* Records are marked pushed in batches: a crash before a batch is saved
   * only means those files are found "already there" next time. */
  pushed_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < todo->len; i++)
    {
      BfRecord *r = g_ptr_array_index (todo, i);
      g_autofree char *age_name = bf_record_file_name (bf_record_get_seq (r));
      g_autofree char *sig_name = g_strconcat (age_name, BF_SHARE_SIG_SUFFIX, NULL);
      g_autoptr(GBytes) sig = g_bytes_new (bf_record_get_signature (r), strlen (bf_record_get_signature (r)));
      g_autoptr(GError) local_error = NULL;
      gboolean age_there = FALSE, sig_there = FALSE;
      gint64 seq;

      if (!bf_share_publish (dir, age_name, bf_record_get_age (r), &age_there, run->cancellable, &local_error) ||
          !bf_share_publish (dir, sig_name, sig, &sig_there, run->cancellable, &local_error))
        {
          if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_FORK))
            {
              raise_alarm (run, "fork", run->me, bf_record_get_seq (r), local_error->message);
              break;
            }
          bf_feed_set_pushed_many (run->store, pushed_seqs, NULL);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      seq = bf_record_get_seq (r);
      g_array_append_val (pushed_seqs, seq);
      if (pushed_seqs->len == PUSH_BATCH)
        {
          if (!bf_feed_set_pushed_many (run->store, pushed_seqs, error))
            return FALSE;
          g_array_set_size (pushed_seqs, 0);
        }
      if (age_there && sig_there)
        run->summary->already_there++;
      else
        run->summary->pushed++;
    }

  return bf_feed_set_pushed_many (run->store, pushed_seqs, error);
}

static gboolean
get_witness (Run         *run,
             const char  *author,
             gint64      *out_seq,
             char       **out_hash)
{
  sqlite3 *db = bf_store_get_db (run->store);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  *out_seq = 0;
  *out_hash = g_strdup (BF_RECORD_ZERO_HASH);
  bf_store_lock (run->store);
  if (sqlite3_prepare_v2 (db, "SELECT seq, hash FROM witness WHERE author = ?;", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, author, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *out_seq = sqlite3_column_int64 (stmt, 0);
          g_free (*out_hash);
          *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  bf_store_unlock (run->store);
  return ok;
}

static char *
pulled_time (Run        *run,
             const char *author,
             gint64      seq)
{
  sqlite3_stmt *stmt = NULL;
  char *time = NULL;

  bf_store_lock (run->store);
  if (sqlite3_prepare_v2 (bf_store_get_db (run->store), "SELECT time FROM pulled WHERE author = ? AND seq = ?;",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, seq);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        time = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  bf_store_unlock (run->store);
  return time;
}

/* Stores a verified record and moves the witness; the caller holds the
 * store lock inside a transaction. */
static gboolean
store_pulled (Run       *run,
              BfRecord  *r,
              GError   **error)
{
  sqlite3 *db = bf_store_get_db (run->store);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *body = bf_record_dup_body_json (r);
  GBytes *age = bf_record_get_age (r);
  gboolean ok;

  ok = sqlite3_prepare_v2 (db,
                           "INSERT INTO pulled (author, seq, prev, hash, kind, subject, time, body, age, minisig, pulled_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (author, seq) DO NOTHING;", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, bf_record_get_author (r), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, bf_record_get_seq (r));
      sqlite3_bind_text (stmt, 3, bf_record_get_prev (r), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, bf_record_get_hash (r), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, bf_record_kind_to_string (bf_record_get_kind (r)), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, bf_record_get_subject (r), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, bf_record_get_time (r), -1, SQLITE_STATIC);
      if (body != NULL)
        sqlite3_bind_text (stmt, 8, body, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 8);
      sqlite3_bind_blob (stmt, 9, g_bytes_get_data (age, NULL), g_bytes_get_size (age), SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, bf_record_get_signature (r), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, run->now, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (ok)
    ok = sqlite3_prepare_v2 (db,
                             "INSERT INTO witness (author, seq, hash, checked) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (author) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                             "checked = excluded.checked;", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, bf_record_get_author (r), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, bf_record_get_seq (r));
      sqlite3_bind_text (stmt, 3, bf_record_get_hash (r), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, run->now, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (ok)
    ok = sqlite3_prepare_v2 (db, "DELETE FROM quarantine WHERE author = ? AND seq = ?;", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, bf_record_get_author (r), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, bf_record_get_seq (r));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);

  return ok ? TRUE : sql_fail (run, error);
}

/* Stores a batch of verified records in one transaction. The store is
 * locked only here, not while files are read, so the UI thread can use the
 * database during a long pull. */
static gboolean
flush_pulled (Run        *run,
              GPtrArray  *batch,
              GError    **error)
{
  gboolean ok;

  if (batch->len == 0)
    return TRUE;

  bf_store_lock (run->store);
  ok = exec (run->store, "BEGIN IMMEDIATE;");
  if (!ok)
    sql_fail (run, error);
  for (guint i = 0; ok && i < batch->len; i++)
    ok = store_pulled (run, g_ptr_array_index (batch, i), error);
  if (ok && !exec (run->store, "COMMIT;"))
    ok = sql_fail (run, error);
  if (!ok)
    exec (run->store, "ROLLBACK;");
  bf_store_unlock (run->store);

  g_ptr_array_set_size (batch, 0);
  return ok;
}

static gboolean
pull_feed (Run         *run,
           GFile       *dir,
           const char  *author,
           GError     **error)
{
  g_autoptr(GHashTable) there = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *hash = NULL;
  g_autofree char *last_time = NULL;
  gint64 max = 0, wseq = 0;
  gboolean ok = TRUE;

  there = list_feed (dir, &max, NULL, run->cancellable, error);
  if (there == NULL)
    return FALSE;
  if (!get_witness (run, author, &wseq, &hash))
    return sql_fail (run, error);

  run->summary->feeds++;
  if (wseq > 0)
    last_time = pulled_time (run, author, wseq);

  /* Witness: nothing below the high-water mark may go away or change. */
  if (wseq > 0)
    {
      g_autofree char *name = bf_record_file_name (wseq);
      g_autoptr(GFile) f = g_file_get_child (dir, name);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *now_hash = NULL;
      gboolean bad = FALSE;

      for (gint64 s = 1; s <= wseq; s++)
        {
          Entry *e = g_hash_table_lookup (there, &s);

          if (e == NULL || e->size_age < 0 || e->size_sig < 0)
            {
              g_autofree char *msg = NULL;

              msg = s == wseq && max < wseq
                    ? g_strdup_printf (_("the feed shrank: record %" G_GINT64_FORMAT " was seen before and is gone"), s)
                    : g_strdup_printf (_("record %" G_GINT64_FORMAT " was seen before and is gone"), s);
              raise_alarm (run, "tamper", author, s, msg);
              bad = TRUE;
            }
        }
      if (!bad)
        {
          bytes = bf_share_read_file (f, BF_RECORD_MAX_FILE_SIZE, run->cancellable, NULL);
          now_hash = bytes ? bf_record_hash_bytes (bytes) : NULL;
          if (g_strcmp0 (now_hash, hash) != 0)
            {
              raise_alarm (run, "tamper", author, wseq, _("a record seen before has changed"));
              bad = TRUE;
            }
        }
      if (bad)
        return TRUE;
    }

  for (gint64 s = wseq + 1; s <= max && ok; s++)
    {
      Entry *e = g_hash_table_lookup (there, &s);
      g_autofree char *age_name = bf_record_file_name (s);
      g_autofree char *sig_name = g_strconcat (age_name, BF_SHARE_SIG_SUFFIX, NULL);
      g_autoptr(GFile) age_file = g_file_get_child (dir, age_name);
      g_autoptr(GFile) sig_file = g_file_get_child (dir, sig_name);
      g_autoptr(GBytes) age = NULL;
      g_autoptr(GBytes) sig = NULL;
      g_autoptr(BfRecord) r = NULL;
      g_autoptr(GError) local_error = NULL;

      if (e == NULL || e->size_age < 0 || e->size_sig < 0)
        {
          /* The newest record without its signature is a push in progress. */
          if (s == max && e != NULL && e->size_age >= 0)
            break;
          quarantine (run, author, s, _("missing from the share: the feed has a gap (a record was deleted)"));
          break;
        }

      age = bf_share_read_file (age_file, BF_RECORD_MAX_FILE_SIZE, run->cancellable, &local_error);
      if (age != NULL)
        sig = bf_share_read_file (sig_file, BF_MINISIGN_MAX_SIGNATURE, run->cancellable, &local_error);
      if (sig == NULL)
        {
          if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
              break;
            }
          quarantine (run, author, s, local_error->message);
          break;
        }

      r = bf_verify_record (run->share, author, s, hash, last_time, age, sig, &local_error);
      if (r != NULL && !bf_record_decrypt (r, run->identity, &local_error) &&
          !g_error_matches (local_error, BF_AGE_ERROR, BF_AGE_ERROR_NO_MATCH))
        g_clear_object (&r);
      if (r == NULL)
        {
          quarantine (run, author, s, local_error->message);
          break;
        }

      run->summary->pulled++;
      if (bf_record_get_body (r) != NULL)
        run->summary->readable++;
      g_free (hash);
      hash = g_strdup (bf_record_get_hash (r));
      g_free (last_time);
      last_time = g_strdup (bf_record_get_time (r));
      g_ptr_array_add (batch, g_steal_pointer (&r));

      if (batch->len == PULL_BATCH)
        ok = flush_pulled (run, batch, error);
    }

  if (ok)
    ok = flush_pulled (run, batch, error);
  return ok;
}

static gboolean
pull (Run     *run,
      GError **error)
{
  g_autoptr(GFile) records = g_file_get_child (bf_share_get_root (run->share), "records");
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_free);

  en = g_file_enumerate_children (records, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  run->cancellable, &local_error);
  if (en == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      bf_share_set_io_error (error, local_error, "records");
      return FALSE;
    }
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (en, &info, NULL, run->cancellable, &local_error))
        {
          bf_share_set_io_error (error, local_error, "records");
          return FALSE;
        }
      if (info == NULL)
        break;
      g_ptr_array_add (feeds, g_strdup (g_file_info_get_name (info)));
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      const char *author = g_ptr_array_index (feeds, i);
      g_autoptr(GFile) dir = NULL;

      /* Our own feed is witnessed against the local records in push. */
      if (!bf_member_id_is_valid (author) || g_str_equal (author, run->me))
        continue;
      dir = g_file_get_child (records, author);
      if (!pull_feed (run, dir, author, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * bf_sync_run:
 * @store: the unlocked profile's store
 * @root: the share
 * @unit: (nullable): the profile's unit, until the member file names one
 *
 * Pushes, pulls and witnesses once. Fails when the share cannot be reached
 * or written, or is not the share this profile joined; fork and tamper
 * alarms and quarantined records are reported in the summary instead.
 *
 * Returns: (transfer full): what happened
 */
BfSyncSummary *
bf_sync_run (BfStore       *store,
             GFile         *root,
             const char    *unit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(BfSyncSummary) summary = g_new0 (BfSyncSummary, 1);
  g_autoptr(BfShare) share = NULL;
  g_autoptr(BfSecret) identity = NULL;
  g_autofree char *me = NULL;
  g_autofree char *now = NULL;
  Run run = { 0 };
  gint64 pending;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (root), NULL);

  summary->alarms = g_ptr_array_new_with_free_func (g_free);
  summary->quarantined = g_ptr_array_new_with_free_func (g_free);

  share = bf_share_open (root, cancellable, error);
  if (share == NULL ||
      !bf_share_load_members (share, NULL, cancellable, error) ||
      !bf_share_remember (share, store, unit, NULL, error))
    return NULL;

  me = bf_feed_dup_member_id (store, error);
  identity = me ? bf_store_dup_age_secret_key (store, error) : NULL;
  if (identity == NULL)
    return NULL;
  now = bf_timestamp_now_utc (NULL);

  run.store = store;
  run.share = share;
  run.cancellable = cancellable;
  run.summary = summary;
  run.identity = identity;
  run.me = me;
  run.now = now;

  /* Records of someone the organisation has not enrolled (or has revoked)
   * would only be flagged by every reader; they wait. */
  {
    BfMember *m = bf_share_lookup_member (share, me);
    summary->enrolled = m != NULL && bf_member_check_time (m, now, NULL);
  }
  if (summary->enrolled && !push (&run, error))
    return NULL;
  if (!pull (&run, error))
    return NULL;

  pending = bf_feed_count_unpushed (store, error);
  if (pending < 0)
    return NULL;
  summary->pending = pending;

  if (!bf_store_set_meta (store, BF_SYNC_META_LAST_SUCCESS, now, error))
    return NULL;

  return g_steal_pointer (&summary);
}

typedef struct
{
  BfStore      *store;
  GFile        *root;
  char         *unit;
  GCancellable *inner;
  gulong        chained;
  GCancellable *outer;
  GSource      *timeout;
  guint         timeout_seconds;
  gboolean      timed_out;
} AsyncData;

static void
async_data_free (AsyncData *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  if (data->outer != NULL && data->chained != 0)
    g_cancellable_disconnect (data->outer, data->chained);
  g_clear_object (&data->outer);
  g_clear_object (&data->inner);
  g_clear_object (&data->store);
  g_clear_object (&data->root);
  g_free (data->unit);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;
  BfSyncSummary *summary;

  summary = bf_sync_run (data->store, data->root, data->unit, data->inner, &error);
  if (summary == NULL)
    {
      if (g_atomic_int_get (&data->timed_out))
        {
          g_clear_error (&error);
          g_set_error (&error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                       _("The share did not answer within %u seconds"), data->timeout_seconds);
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) bf_sync_summary_free);
}

static gboolean
timeout_cb (gpointer user_data)
{
  AsyncData *data = user_data;

  g_atomic_int_set (&data->timed_out, TRUE);
  g_cancellable_cancel (data->inner);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * bf_sync_run_async:
 * @timeout_seconds: give up (and cancel every pending I/O) after this
 *   long; 0 for %BF_SYNC_DEFAULT_TIMEOUT
 *
 * Runs bf_sync_run() in a worker thread. The store's own mutex keeps the
 * connection to one thread at a time.
 */
void
bf_sync_run_async (BfStore             *store,
                   GFile               *root,
                   const char          *unit,
                   guint                timeout_seconds,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (BF_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (root));

  data = g_new0 (AsyncData, 1);
  data->store = g_object_ref (store);
  data->root = g_object_ref (root);
  data->unit = g_strdup (unit);
  data->inner = g_cancellable_new ();
  data->timeout_seconds = timeout_seconds ? timeout_seconds : BF_SYNC_DEFAULT_TIMEOUT;
  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->chained = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                             g_object_ref (data->inner), g_object_unref);
    }
  data->timeout = g_timeout_source_new_seconds (data->timeout_seconds);
  g_source_set_callback (data->timeout, timeout_cb, data, NULL);
  g_source_attach (data->timeout, g_main_context_get_thread_default ());

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_sync_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, sync_thread);
}

BfSyncSummary *
bf_sync_run_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
count (BfStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  bf_store_lock (store);
  if (sqlite3_prepare_v2 (bf_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return n;
}

guint
bf_sync_count_alarms (BfStore *store)
{
  g_return_val_if_fail (BF_IS_STORE (store), 0);
  return count (store, "SELECT count(*) FROM sync_alarm;");
}

guint
bf_sync_count_quarantined (BfStore *store)
{
  g_return_val_if_fail (BF_IS_STORE (store), 0);
  return count (store, "SELECT count(*) FROM quarantine;");
}

/**
 * bf_sync_list_pulled:
 * @subject: (nullable): one agreement's uuid, or %NULL for every record
 *
 * Other members' records as pulled, in feed order per author (a
 * supervisor's view folds them per agreement). Records not addressed to us
 * have no body.
 *
 * Returns: (transfer full) (element-type BfRecord): the records
 */
GPtrArray *
bf_sync_list_pulled (BfStore     *store,
                     const char  *subject,
                     GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (sqlite3_prepare_v2 (db,
                          subject
                          ? "SELECT age, minisig, body FROM pulled WHERE subject = ? ORDER BY author, seq;"
                          : "SELECT age, minisig, body FROM pulled ORDER BY author, seq;",
                          -1, &stmt, NULL) != SQLITE_OK)
    ok = FALSE;
  else if (subject != NULL)
    sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_STATIC);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) age = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      g_autoptr(BfRecord) r = bf_record_new_trusted (age, (const char *) sqlite3_column_text (stmt, 1), error);
      const char *body = (const char *) sqlite3_column_text (stmt, 2);

      if (r == NULL || (body != NULL && !bf_record_set_body_json (r, body, error)))
        {
          sqlite3_finalize (stmt);
          bf_store_unlock (store);
          return NULL;
        }
      g_ptr_array_add (out, g_steal_pointer (&r));
    }
  if (!ok || rc != SQLITE_DONE)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                   _("The pulled records could not be read: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      bf_store_unlock (store);
      return NULL;
    }
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return g_steal_pointer (&out);
}

/**
 * bf_sync_dup_problems:
 *
 * What the sync status shows: every alarm and every quarantined record,
 * as "<kind> <author>/<seq>: <reason>" sentences, newest first.
 *
 * Returns: (transfer full) (element-type utf8): the problems
 */
GPtrArray *
bf_sync_dup_problems (BfStore  *store,
                      GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  bf_store_lock (store);
  db = bf_store_get_db (store);
  if (sqlite3_prepare_v2 (db,
                          "SELECT kind, author, seq, message, time FROM sync_alarm "
                          "UNION ALL SELECT 'quarantine', author, seq, reason, time FROM quarantine "
                          "ORDER BY 5 DESC;", -1, &stmt, NULL) == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (out, g_strdup_printf ("%s %s/%010" G_GINT64_FORMAT ": %s",
                                             (const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             (gint64) sqlite3_column_int64 (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                 _("The sync problems could not be read: %s"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  bf_store_unlock (store);
  return rc == SQLITE_DONE ? g_steal_pointer (&out) : NULL;
}
