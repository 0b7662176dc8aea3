/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-agreement-store.h"
#include "bf-date.h"
#include "bf-feed.h"
#include "bf-search-text.h"

struct _BfAgreementStore
{
  GObject  parent_instance;

  /* Owned */
  BfStore     *store;
  char        *owner;
  /* The author's keys and statements for the records of a bulk
   * transaction (bf_agreement_store_begin()); forgotten at its end. */
  BfFeedBatch *batch_keys;
  gboolean     in_batch;
};

G_DEFINE_FINAL_TYPE (BfAgreementStore, bf_agreement_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-agreement-store-error-quark, bf_agreement_store_error)

/* R14: a red lamp once this many days pass without contact. */
#define RED_LAMP_DAYS 21

/* R14 and R15 as SQL, relative to :today (and :cutoff = :today − 21 days,
 * :h6 and :h12 = :today + 6 and 12 months), as bf-rules.c reads them. */
#define RED_LAMP_SQL "(a.running = 1 AND a.contact_since <= :cutoff)"
#define OVERDUE_SQL  "(a.running = 1 AND a.next_evaluation < :today)"
/* Written so that the partial index on lease_expiry serves the range. */
#define EXPIRING_SQL "(a.final = 0 AND a.lease_expiry <= :h12 AND " \
                     "(a.with_children = 1 OR a.lease_expiry <= :h6))"

/* The columns of a list row, in the order bf_agreement_store_list() reads
 * them; the last six are the badges. */
#define LIST_COLUMNS \
  "a.id, a.tenant_name, a.address, a.unit, a.state, a.next_evaluation, " \
  "a.last_contact, a.updated_at, " \
  RED_LAMP_SQL ", " OVERDUE_SQL ", " EXPIRING_SQL ", " \
  "a.has_key_access, a.has_breach, " \
  "EXISTS (SELECT 1 FROM agreement_drafts d WHERE d.id = a.id)"

/* ------------------------------------------------------------------------ */
/* SQL helpers                                                               */

static gboolean
set_db_error (BfAgreementStore  *self,
              GError           **error,
              const char        *what)
{
  sqlite3 *db = bf_store_get_db (self->store);
  int code = db != NULL ? sqlite3_errcode (db) : SQLITE_MISUSE;

  /* The triggers that guard versions and logs abort with
   * SQLITE_CONSTRAINT_TRIGGER (the store turns on extended codes). */
  g_set_error (error, BF_AGREEMENT_STORE_ERROR,
               code == SQLITE_CONSTRAINT_TRIGGER ? BF_AGREEMENT_STORE_ERROR_IMMUTABLE
                                                 : BF_AGREEMENT_STORE_ERROR_FAILED,
               "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : "closed");
  return FALSE;
}

static sqlite3_stmt *
prepare (BfAgreementStore  *self,
         const char        *sql,
         GError           **error)
{
  sqlite3 *db = bf_store_get_db (self->store);
  sqlite3_stmt *stmt = NULL;

  if (db == NULL)
    {
      g_set_error_literal (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_FAILED,
                           _("The profile is locked"));
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, _("The database query could not be prepared"));
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    bind_text (stmt, index, text);
}

static gboolean
step_done (BfAgreementStore  *self,
           sqlite3_stmt      *stmt,
           const char        *what,
           GError           **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_db_error (self, error, what);
  return TRUE;
}

static gboolean
exec (BfAgreementStore  *self,
      const char        *sql,
      GError           **error)
{
  sqlite3 *db = bf_store_get_db (self->store);

  if (db == NULL || sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error, _("The database could not be updated"));
  return TRUE;
}

/* Every write is one savepoint with the store's lock held: all of it or
 * nothing, also when the caller has opened a transaction of its own. */
static gboolean
begin (BfAgreementStore  *self,
       GError           **error)
{
  bf_store_lock (self->store);
  if (!exec (self, "SAVEPOINT bf_agreement_store;", error))
    {
      bf_store_unlock (self->store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
end (BfAgreementStore  *self,
     gboolean           ok,
     GError           **error)
{
  sqlite3 *db = bf_store_get_db (self->store);

  if (ok)
    ok = exec (self, "RELEASE bf_agreement_store;", error);
  if (!ok && db != NULL)
    sqlite3_exec (db, "ROLLBACK TO bf_agreement_store; RELEASE bf_agreement_store;", NULL, NULL, NULL);
  bf_store_unlock (self->store);
  return ok;
}

static char *
now_text (GDateTime *now)
{
  g_autoptr(GDateTime) owned = NULL;

  if (now == NULL)
    now = owned = g_date_time_new_now_utc ();
  return bf_timestamp_format (now);
}

/* ------------------------------------------------------------------------ */
/* What the list columns and the search index are made of                   */

typedef struct
{
  const char *last_contact;
  const char *contact_since;
  const char *next_evaluation;
} LogFacts;

/* The logs as R14 and R15 read them (bf-rules.c): the model keeps the
 * readings, the store copies them into columns. */
static void
read_log_facts (BfAgreement *a,
                LogFacts    *facts)
{
  facts->last_contact = bf_agreement_get_last_contact (a);
  facts->contact_since = facts->last_contact != NULL ? facts->last_contact
                                                     : bf_agreement_get_duration (a)->from;
  facts->next_evaluation = bf_agreement_get_next_evaluation (a);
}

static gboolean
has_key_access (BfAgreement *a)
{
  BfKeyAccess *k = bf_agreement_get_key_access (a);

  return k->agreed && (k->consent_withdrawn == NULL || *k->consent_withdrawn == '\0');
}

static void
append_text (GString    *out,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

/* Purpose, goals and measures: the body of the agreement's search row. */
static char *
body_text (BfAgreement *a)
{
  BfBackground *b = bf_agreement_get_background (a);
  GPtrArray *measures = bf_agreement_get_measures (a);
  g_autoptr(GString) out = g_string_new (NULL);

  append_text (out, b->background);
  append_text (out, b->main_goal);
  for (guint i = 0; b->goals_short_term != NULL && i < b->goals_short_term->len; i++)
    append_text (out, g_ptr_array_index (b->goals_short_term, i));
  for (guint i = 0; b->goals_long_term != NULL && i < b->goals_long_term->len; i++)
    append_text (out, g_ptr_array_index (b->goals_long_term, i));
  append_text (out, b->tenant_goals);
  append_text (out, b->difficult_period_wishes);
  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);

      append_text (out, m->description);
      append_text (out, m->tenant_commitment);
    }

  return bf_search_index_text (out->str);
}

typedef struct
{
  const char *id;
  const char *date;
  char       *notes;
} LogSummary;

static void
summarise_log (BfLogKind      kind,
               gconstpointer  entry,
               LogSummary    *out)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  switch (kind)
    {
    case BF_LOG_KIND_VISIT:
      {
        const BfVisit *v = entry;

        out->id = v->id;
        out->date = v->date;
        append_text (notes, v->observations);
      }
      break;

    case BF_LOG_KIND_KEY_USE:
      {
        const BfKeyUse *k = entry;

        out->id = k->id;
        out->date = k->time;
        append_text (notes, k->found_and_done);
      }
      break;

    case BF_LOG_KIND_EVALUATION:
      {
        const BfEvaluation *e = entry;

        out->id = e->id;
        out->date = e->date;
        append_text (notes, e->goal_attainment);
        append_text (notes, e->tenant_view);
        for (guint i = 0; e->measures != NULL && i < e->measures->len; i++)
          append_text (notes, ((BfMeasureReview *) g_ptr_array_index (e->measures, i))->comment);
      }
      break;

    case BF_LOG_KIND_BREACH:
      {
        const BfBreach *b = entry;

        out->id = b->id;
        out->date = b->date;
        append_text (notes, b->description);
        append_text (notes, b->assessment);
        append_text (notes, b->consequence);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  out->notes = bf_search_index_text (notes->str);
}

static GPtrArray *
log_list (BfAgreement *a,
          BfLogKind    kind)
{
  switch (kind)
    {
    case BF_LOG_KIND_VISIT:      return bf_agreement_get_visits (a);
    case BF_LOG_KIND_KEY_USE:    return bf_agreement_get_key_uses (a);
    case BF_LOG_KIND_EVALUATION: return bf_agreement_get_evaluations (a);
    case BF_LOG_KIND_BREACH:     return bf_agreement_get_breaches (a);
    default:                     g_assert_not_reached ();
    }
  return NULL;
}

static const BfLogKind all_log_kinds[] = {
  BF_LOG_KIND_VISIT, BF_LOG_KIND_KEY_USE, BF_LOG_KIND_EVALUATION, BF_LOG_KIND_BREACH,
};

static gboolean
log_kind_from_schema (const char *schema,
                      BfLogKind  *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_log_kinds); i++)
    if (g_strcmp0 (schema, bf_log_kind_to_schema (all_log_kinds[i])) == 0)
      {
        *kind = all_log_kinds[i];
        return TRUE;
      }
  return FALSE;
}

static BfRecordKind
record_kind_for_log (BfLogKind kind)
{
  switch (kind)
    {
    case BF_LOG_KIND_VISIT:      return BF_RECORD_KIND_VISIT;
    case BF_LOG_KIND_KEY_USE:    return BF_RECORD_KIND_KEY_USE;
    case BF_LOG_KIND_EVALUATION: return BF_RECORD_KIND_EVALUATION;
    case BF_LOG_KIND_BREACH:     return BF_RECORD_KIND_BREACH;
    default:                     g_assert_not_reached ();
    }
  return BF_RECORD_KIND_VISIT;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* The record of what was just written, in the same transaction (the
 * caller's savepoint): if the record cannot be made, the write is rolled
 * back with it. The record's time is the clock's, not the agreement's own
 * dates (bf-feed.h). */
static gboolean
write_record (BfAgreementStore  *self,
              BfRecordKind       kind,
              const char        *subject,
              const char        *body_json,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (bf_feed_add (self->store, self->in_batch ? &self->batch_keys : NULL,
                   kind, subject, body_json, NULL, &local_error))
    return TRUE;
  g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_FAILED,
               _("The record of this change could not be made, so nothing was saved: %s"),
               local_error->message);
  return FALSE;
}

static gint64
lookup_rowid (BfAgreementStore *self,
              const char       *id,
              guint            *version)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT rowid, version FROM agreements WHERE id = ?;", NULL);
  gint64 rowid = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      if (version != NULL)
        *version = sqlite3_column_int (stmt, 1);
    }
  return rowid;
}

/* The saved document as it stands, or NULL for an agreement never saved. */
static char *
read_head_json (BfAgreementStore *self,
                const char       *id)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT h.json FROM agreements a"
                                          " JOIN agreement_heads h ON h.agreement = a.rowid WHERE a.id = ?;",
                                          NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* Inserts or updates the head row and its search row; returns the rowid. */
static gint64
write_head (BfAgreementStore  *self,
            BfAgreement       *a,
            const char        *json,
            const char        *updated_at,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) fts_delete = NULL;
  g_autoptr(sqlite3_stmt) fts_insert = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *name_text = NULL;
  g_autofree char *address_text = NULL;
  g_autofree char *body = NULL;
  BfHeader *h = bf_agreement_get_header (a);
  BfAgreementState state = bf_agreement_get_state (a);
  LogFacts facts;
  gint64 rowid;

  stmt = prepare (self,
                  "INSERT INTO agreements (id, owner, state, running, final, version, version_hash,"
                  "  tenant_name, tenant_sort, address, unit, with_children, lease_start, lease_expiry,"
                  "  next_evaluation, last_contact, contact_since, has_key_access, has_breach,"
                  "  review_status, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                  "  ?18, ?19, ?20, ?21, ?21)"
                  " ON CONFLICT (id) DO UPDATE SET state = excluded.state, running = excluded.running,"
                  "  final = excluded.final, version = excluded.version,"
                  "  version_hash = excluded.version_hash, tenant_name = excluded.tenant_name,"
                  "  tenant_sort = excluded.tenant_sort, address = excluded.address,"
                  "  unit = excluded.unit, with_children = excluded.with_children,"
                  "  lease_start = excluded.lease_start, lease_expiry = excluded.lease_expiry,"
                  "  next_evaluation = excluded.next_evaluation,"
                  "  last_contact = excluded.last_contact, contact_since = excluded.contact_since,"
                  "  has_key_access = excluded.has_key_access, has_breach = excluded.has_breach,"
                  "  review_status = excluded.review_status, updated_at = excluded.updated_at"
                  " RETURNING rowid;",
                  error);
  if (stmt == NULL)
    return 0;

  read_log_facts (a, &facts);
  sort_key = bf_search_sort_key (h->tenant_name);

  sqlite3_bind_text (stmt, 1, bf_agreement_get_id (a), -1, SQLITE_STATIC);
  bind_text (stmt, 2, self->owner);
  sqlite3_bind_text (stmt, 3, bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, bf_lifecycle_is_running (state));
  sqlite3_bind_int (stmt, 5, bf_lifecycle_is_final (state));
  sqlite3_bind_int (stmt, 6, bf_agreement_get_version (a));
  bind_text (stmt, 7, bf_agreement_get_version_hash (a));
  sqlite3_bind_text (stmt, 8, h->tenant_name != NULL ? h->tenant_name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, h->address != NULL ? h->address : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, h->unit != NULL ? h->unit : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 12, h->household_with_children ? 1 : 0);
  bind_text (stmt, 13, h->lease_start);
  bind_text (stmt, 14, h->lease_expiry);
  bind_text (stmt, 15, facts.next_evaluation);
  bind_text (stmt, 16, facts.last_contact);
  bind_text (stmt, 17, facts.contact_since);
  sqlite3_bind_int (stmt, 18, has_key_access (a));
  sqlite3_bind_int (stmt, 19, bf_agreement_has_breach (a));
  bind_text (stmt, 20, bf_enum_to_token (BF_ENUM_REVIEW_STATUS, bf_agreement_get_review_status (a)));
  sqlite3_bind_text (stmt, 21, updated_at, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, error, _("The agreement could not be saved"));
      return 0;
    }
  rowid = sqlite3_column_int64 (stmt, 0);

  head = prepare (self,
                  "INSERT INTO agreement_heads (agreement, json) VALUES (?, ?)"
                  " ON CONFLICT (agreement) DO UPDATE SET json = excluded.json;",
                  error);
  if (head == NULL)
    return 0;
  sqlite3_bind_int64 (head, 1, rowid);
  sqlite3_bind_text (head, 2, json, -1, SQLITE_STATIC);
  if (!step_done (self, head, _("The agreement could not be saved"), error))
    return 0;

  /* The search row follows in the same transaction. */
  fts_delete = prepare (self, "DELETE FROM agreement_fts WHERE rowid = ?;", error);
  fts_insert = prepare (self, "INSERT INTO agreement_fts (rowid, tenant_name, address, body) VALUES (?, ?, ?, ?);", error);
  if (fts_delete == NULL || fts_insert == NULL)
    return 0;

  name_text = bf_search_index_text (h->tenant_name);
  address_text = bf_search_index_text (h->address);
  body = body_text (a);

  sqlite3_bind_int64 (fts_delete, 1, rowid);
  sqlite3_bind_int64 (fts_insert, 1, rowid);
  sqlite3_bind_text (fts_insert, 2, name_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts_insert, 3, address_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts_insert, 4, body, -1, SQLITE_STATIC);
  if (!step_done (self, fts_delete, _("The search index could not be updated"), error) ||
      !step_done (self, fts_insert, _("The search index could not be updated"), error))
    return 0;

  return rowid;
}

/* Inserts a log entry unless it is already stored; an entry stored with
 * other content is refused, since log entries never change. */
static gboolean
write_log (BfAgreementStore  *self,
           gint64             rowid,
           const char        *agreement_id,
           BfLogKind          kind,
           gconstpointer      entry,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autofree char *json = NULL;
  LogSummary summary = { 0 };
  g_autofree char *notes = NULL;
  sqlite3 *db = bf_store_get_db (self->store);

  summarise_log (kind, entry, &summary);
  notes = summary.notes;
  if (summary.id == NULL || *summary.id == '\0')
    {
      g_set_error_literal (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                           _("A log entry has no id"));
      return FALSE;
    }

  json = bf_log_entry_to_json (kind, entry, agreement_id, FALSE);

  stmt = prepare (self,
                  "INSERT INTO agreement_logs (id, agreement, kind, date, json) VALUES (?, ?, ?, ?, ?)"
                  " ON CONFLICT (id) DO NOTHING;",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, summary.id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_text (stmt, 3, bf_log_kind_to_schema (kind), -1, SQLITE_STATIC);
  bind_text (stmt, 4, summary.date);
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("The log entry could not be saved"), error))
    return FALSE;

  if (sqlite3_changes (db) == 0)
    {
      g_autoptr(sqlite3_stmt) check = prepare (self, "SELECT agreement, json FROM agreement_logs WHERE id = ?;", error);

      if (check == NULL)
        return FALSE;
      sqlite3_bind_text (check, 1, summary.id, -1, SQLITE_STATIC);
      if (sqlite3_step (check) != SQLITE_ROW ||
          sqlite3_column_int64 (check, 0) != rowid ||
          g_strcmp0 ((const char *) sqlite3_column_text (check, 1), json) != 0)
        {
          g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_IMMUTABLE,
                       _("The log entry %s is already saved with other content, and log entries cannot be changed"),
                       summary.id);
          return FALSE;
        }
      return TRUE;
    }

  fts = prepare (self, "INSERT INTO agreement_log_fts (rowid, notes) VALUES (?, ?);", error);
  if (fts == NULL)
    return FALSE;
  sqlite3_bind_int64 (fts, 1, sqlite3_last_insert_rowid (db));
  sqlite3_bind_text (fts, 2, notes, -1, SQLITE_STATIC);
  if (!step_done (self, fts, _("The search index could not be updated"), error))
    return FALSE;

  /* A new entry, never one already stored: its record carries the same
   * JSON as the row. */
  return write_record (self, record_kind_for_log (kind), agreement_id, json, error);
}

static gboolean
write_all_logs (BfAgreementStore  *self,
                gint64             rowid,
                BfAgreement       *a,
                GError           **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (all_log_kinds); k++)
    {
      GPtrArray *list = log_list (a, all_log_kinds[k]);

      for (guint i = 0; i < list->len; i++)
        if (!write_log (self, rowid, bf_agreement_get_id (a), all_log_kinds[k],
                        g_ptr_array_index (list, i), error))
          return FALSE;
    }
  return TRUE;
}

/* A version is written once; the same version again must be identical. */
static gboolean
write_version (BfAgreementStore  *self,
               gint64             rowid,
               BfAgreement       *a,
               const char        *json,
               gboolean          *out_inserted,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;

  if (out_inserted != NULL)
    *out_inserted = FALSE;

  if (bf_agreement_get_version (a) == 0)
    return TRUE;

  stmt = prepare (self,
                  "INSERT INTO agreement_versions (agreement, version, hash, saved_at, json)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING;",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_int (stmt, 2, bf_agreement_get_version (a));
  sqlite3_bind_text (stmt, 3, bf_agreement_get_version_hash (a), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, bf_agreement_get_saved_at (a), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("The version could not be saved"), error))
    return FALSE;
  if (sqlite3_changes (bf_store_get_db (self->store)) > 0)
    {
      if (out_inserted != NULL)
        *out_inserted = TRUE;
      return write_record (self, BF_RECORD_KIND_AGREEMENT_VERSION, bf_agreement_get_id (a), json, error);
    }

  check = prepare (self, "SELECT hash FROM agreement_versions WHERE agreement = ? AND version = ?;", error);
  if (check == NULL)
    return FALSE;
  sqlite3_bind_int64 (check, 1, rowid);
  sqlite3_bind_int (check, 2, bf_agreement_get_version (a));
  if (sqlite3_step (check) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (check, 0), bf_agreement_get_version_hash (a)) != 0)
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_IMMUTABLE,
                   _("Version %u of this agreement is already saved with other text, and saved versions cannot be changed"),
                   bf_agreement_get_version (a));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_draft (BfAgreementStore  *self,
              const char        *id,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "DELETE FROM agreement_drafts WHERE id = ?;", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, _("The draft could not be discarded"), error);
}

/* The database half of a save: @agreement already holds the version to
 * save and is only read, so this may run in a worker thread. */
static gboolean
write_saved (BfAgreementStore  *self,
             BfAgreement       *agreement,
             const char        *json,
             const char        *updated_at,
             GError           **error)
{
  g_autofree char *old_json = NULL;
  guint stored_version = 0;
  gboolean new_version = FALSE;
  gint64 rowid;
  gboolean ok;

  if (!begin (self, error))
    return FALSE;

  if (lookup_rowid (self, bf_agreement_get_id (agreement), &stored_version) != 0 &&
      stored_version > bf_agreement_get_version (agreement))
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_IMMUTABLE,
                   _("Version %u of this agreement has been saved since it was opened; open it again to make changes"),
                   stored_version);
      return end (self, FALSE, NULL);
    }

  old_json = read_head_json (self, bf_agreement_get_id (agreement));
  rowid = write_head (self, agreement, json, updated_at, error);
  ok = rowid != 0 &&
       write_version (self, rowid, agreement, json, &new_version, error);

  /* No new version, yet the saved document changed: a party signed,
   * declined or postponed, or the state moved on (which signing and the
   * lifecycle steps around it do). That is an agreement.signatures record
   * with the whole document, so that a reader's fold is simply "the latest
   * agreement.* record of a subject is its state". Saving the same
   * document again makes no record. */
  if (ok && !new_version && old_json != NULL && g_strcmp0 (old_json, json) != 0)
    ok = write_record (self, BF_RECORD_KIND_AGREEMENT_SIGNATURES, bf_agreement_get_id (agreement), json, error);

  ok = ok &&
       write_all_logs (self, rowid, agreement, error) &&
       delete_draft (self, bf_agreement_get_id (agreement), error);

  return end (self, ok, error);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

static BfAgreement *
parse_own_json (const char  *json,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  BfAgreement *a = bf_agreement_new_from_json (json, -1, &local_error);

  if (a == NULL)
    g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                 _("A saved agreement could not be read: %s"), local_error->message);
  return a;
}

static gboolean
attach_logs (BfAgreementStore  *self,
             gint64             rowid,
             BfAgreement       *a,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT kind, json FROM agreement_logs WHERE agreement = ? ORDER BY rowid;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      BfLogKind kind;
      gpointer entry;

      if (!log_kind_from_schema ((const char *) sqlite3_column_text (stmt, 0), &kind))
        {
          g_set_error_literal (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                               _("A saved log entry has an unknown kind"));
          return FALSE;
        }
      entry = bf_log_entry_new_from_json (kind, (const char *) sqlite3_column_text (stmt, 1), -1,
                                          NULL, &local_error);
      if (entry == NULL)
        {
          g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                       _("A saved log entry could not be read: %s"), local_error->message);
          return FALSE;
        }

      switch (kind)
        {
        case BF_LOG_KIND_VISIT:      bf_agreement_add_visit (a, entry); break;
        case BF_LOG_KIND_KEY_USE:    bf_agreement_add_key_use (a, entry); break;
        case BF_LOG_KIND_BREACH:     bf_agreement_add_breach (a, entry); break;
        case BF_LOG_KIND_EVALUATION:
          if (!bf_agreement_add_evaluation (a, entry, &local_error))
            {
              g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                           _("A saved evaluation could not be read: %s"), local_error->message);
              return FALSE;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("The logs could not be read"));
  return TRUE;
}

static void
not_found (GError     **error,
           const char  *id)
{
  g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND,
               _("There is no agreement with the id “%s”"), id);
}

static BfAgreement *
load_locked (BfAgreementStore  *self,
             const char        *id,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT a.rowid, h.json FROM agreements a"
                                          " JOIN agreement_heads h ON h.agreement = a.rowid WHERE a.id = ?;",
                                          error);
  g_autoptr(BfAgreement) a = NULL;
  gint64 rowid;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, id);
      return NULL;
    }

  rowid = sqlite3_column_int64 (stmt, 0);
  a = parse_own_json ((const char *) sqlite3_column_text (stmt, 1), error);
  if (a == NULL || !attach_logs (self, rowid, a, error))
    return NULL;
  return g_steal_pointer (&a);
}

/* ------------------------------------------------------------------------ */
/* Queries                                                                   */

typedef struct
{
  char *today;
  char *cutoff;
  char *h6;
  char *h12;
  char *match;
} QueryParams;

static void
query_params_clear (QueryParams *p)
{
  g_free (p->today);
  g_free (p->cutoff);
  g_free (p->h6);
  g_free (p->h12);
  g_free (p->match);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryParams, query_params_clear)

static void
query_params_init (QueryParams            *p,
                   const BfAgreementQuery *q)
{
  GDate today = q->today, d;

  if (!g_date_valid (&today))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  p->today = bf_date_format (&today);
  d = today;
  g_date_subtract_days (&d, RED_LAMP_DAYS);
  p->cutoff = bf_date_format (&d);
  d = today;
  g_date_add_months (&d, 6);
  p->h6 = bf_date_format (&d);
  d = today;
  g_date_add_months (&d, 12);
  p->h12 = bf_date_format (&d);
  p->match = bf_search_build_query (q->search);
}

static char *
build_query_sql (const BfAgreementQuery *q,
                 const QueryParams      *p,
                 gboolean                count)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *and = " WHERE ";

  if (count)
    g_string_append (sql, "SELECT count(*) FROM agreements a");
  else
    g_string_append (sql, "SELECT " LIST_COLUMNS " FROM agreements a");

  if (p->match != NULL)
    {
      g_string_append_printf (sql, "%sa.rowid IN ("
                              "SELECT rowid FROM agreement_fts WHERE agreement_fts MATCH :match"
                              " UNION "
                              "SELECT l.agreement FROM agreement_log_fts f"
                              " JOIN agreement_logs l ON l.rowid = f.rowid"
                              " WHERE agreement_log_fts MATCH :match)", and);
      and = " AND ";
    }

  if (q->state != BF_AGREEMENT_STATE_NONE)
    {
      g_string_append_printf (sql, "%sa.state = :state", and);
      and = " AND ";
    }

  switch (q->filter)
    {
    case BF_AGREEMENT_FILTER_ALL:
      break;
    case BF_AGREEMENT_FILTER_RED_LAMP:
      g_string_append_printf (sql, "%s" RED_LAMP_SQL, and);
      break;
    case BF_AGREEMENT_FILTER_OVERDUE:
      g_string_append_printf (sql, "%s" OVERDUE_SQL, and);
      break;
    case BF_AGREEMENT_FILTER_LEASE_EXPIRING:
      g_string_append_printf (sql, "%s" EXPIRING_SQL, and);
      break;
    case BF_AGREEMENT_FILTER_NEEDS_ATTENTION:
      /* A union of the three, each served by its own partial index; an OR
       * of them would scan the whole table. */
      g_string_append_printf (sql, "%sa.rowid IN ("
                              "SELECT rowid FROM agreements a WHERE " RED_LAMP_SQL
                              " UNION SELECT rowid FROM agreements a WHERE " OVERDUE_SQL
                              " UNION SELECT rowid FROM agreements a WHERE " EXPIRING_SQL ")", and);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!count)
    {
      switch (q->sort)
        {
        case BF_AGREEMENT_SORT_TENANT_NAME:
          g_string_append (sql, " ORDER BY a.tenant_sort, a.rowid");
          break;
        case BF_AGREEMENT_SORT_NEXT_EVALUATION:
          g_string_append (sql, " ORDER BY a.next_evaluation, a.rowid");
          break;
        case BF_AGREEMENT_SORT_LAST_CONTACT:
          g_string_append (sql, " ORDER BY a.contact_since, a.rowid");
          break;
        case BF_AGREEMENT_SORT_UPDATED:
          g_string_append (sql, " ORDER BY a.updated_at DESC, a.rowid DESC");
          break;
        default:
          g_assert_not_reached ();
        }
      g_string_append (sql, " LIMIT :limit OFFSET :offset");
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static sqlite3_stmt *
prepare_query (BfAgreementStore        *self,
               const BfAgreementQuery  *q,
               const QueryParams       *p,
               const char              *prefix,
               gboolean                 count,
               GError                 **error)
{
  g_autofree char *body = build_query_sql (q, p, count);
  g_autofree char *sql = g_strconcat (prefix, body, NULL);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  bind_named (stmt, ":match", p->match);
  bind_named (stmt, ":state", bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, q->state));
  bind_named (stmt, ":today", p->today);
  bind_named (stmt, ":cutoff", p->cutoff);
  bind_named (stmt, ":h6", p->h6);
  bind_named (stmt, ":h12", p->h12);
  return stmt;
}

/* ------------------------------------------------------------------------ */

static void
bf_agreement_store_finalize (GObject *object)
{
  BfAgreementStore *self = (BfAgreementStore *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->batch_keys, bf_feed_batch_free);

  G_OBJECT_CLASS (bf_agreement_store_parent_class)->finalize (object);
}

static void
bf_agreement_store_class_init (BfAgreementStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_agreement_store_finalize;
}

static void
bf_agreement_store_init (BfAgreementStore *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

/**
 * bf_agreement_query_init:
 * @today: (nullable): the date to judge by; %NULL for today's local date
 *
 * Every agreement, sorted by tenant name.
 */
void
bf_agreement_query_init (BfAgreementQuery *query,
                         const GDate      *today)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->state = BF_AGREEMENT_STATE_NONE;
  query->filter = BF_AGREEMENT_FILTER_ALL;
  query->sort = BF_AGREEMENT_SORT_TENANT_NAME;
  g_date_clear (&query->today, 1);
  if (today != NULL && g_date_valid (today))
    query->today = *today;
}

BfAgreementStore *
bf_agreement_store_new (BfStore *store)
{
  BfAgreementStore *self;

  g_return_val_if_fail (BF_IS_STORE (store), NULL);

  self = g_object_new (BF_TYPE_AGREEMENT_STORE, NULL);
  self->store = g_object_ref (store);
  /* The owner of what this profile saves is the profile itself until the
   * share gives it a member id. */
  self->owner = bf_store_dup_meta (store, "member-id", NULL);
  if (self->owner == NULL)
    self->owner = bf_store_dup_meta (store, "profile-id", NULL);
  return self;
}

BfStore *
bf_agreement_store_get_store (BfAgreementStore *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  return self->store;
}

/* A version must be one that can be opened again: a draft may lack
 * required fields (a tenant name, a measure's description), a version not.
 * Checked before the version number moves. */
static gboolean
check_complete (BfAgreement  *agreement,
                GError      **error)
{
  g_autofree char *json = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_DEFAULT);
  g_autoptr(BfAgreement) check = NULL;
  g_autoptr(GError) local_error = NULL;

  check = bf_agreement_new_from_json (json, -1, &local_error);
  if (check == NULL)
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                   _("The version cannot be saved yet: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * bf_agreement_store_save:
 * @now: (nullable): the time of saving; %NULL for now
 *
 * Saves @agreement: a changed text becomes a new version first
 * (bf_agreement_save_version()), then the head row, that version, any new
 * log entries and the search index are written in one transaction, and the
 * draft is dropped because the version now holds it. Also saves a change
 * of state, signatures or review without a new version.
 */
gboolean
bf_agreement_store_save (BfAgreementStore  *self,
                         BfAgreement       *agreement,
                         GDateTime         *now,
                         GError           **error)
{
  g_autofree char *json = NULL;
  g_autofree char *updated_at = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_complete (agreement, error) ||
      !bf_agreement_save_version (agreement, now, error))
    return FALSE;

  json = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_DEFAULT);
  updated_at = now_text (now);
  return write_saved (self, agreement, json, updated_at, error);
}

typedef struct
{
  BfAgreement *agreement;
  char        *json;
  char        *updated_at;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->agreement);
  g_free (data->json);
  g_free (data->updated_at);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (write_saved (source_object, data->agreement, data->json, data->updated_at, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * bf_agreement_store_save_async:
 *
 * Like bf_agreement_store_save(), with the database work in a thread. The
 * new version is made (and notify::version emitted) before this returns,
 * on the calling thread; leave @agreement unchanged until the callback.
 */
void
bf_agreement_store_save_async (BfAgreementStore    *self,
                               BfAgreement         *agreement,
                               GDateTime           *now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (BF_IS_AGREEMENT_STORE (self));
  g_return_if_fail (BF_IS_AGREEMENT (agreement));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_agreement_store_save_async);

  if (!check_complete (agreement, &error) ||
      !bf_agreement_save_version (agreement, now, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->agreement = g_object_ref (agreement);
  data->json = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_DEFAULT);
  data->updated_at = now_text (now);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
bf_agreement_store_save_finish (BfAgreementStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_agreement_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bf_agreement_store_add_log:
 * @entry: (transfer full): a BfVisit, BfKeyUse, BfEvaluation or BfBreach
 *
 * Adds @entry to @agreement and saves it, with the list columns it changes
 * (last contact, next evaluation, breach) and its search row, in one
 * transaction. @agreement must already be saved; its text is not touched.
 */
gboolean
bf_agreement_store_add_log (BfAgreementStore  *self,
                            BfAgreement       *agreement,
                            BfLogKind          kind,
                            gpointer           entry,
                            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LogFacts facts;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (kind <= BF_LOG_KIND_BREACH, FALSE);

  switch (kind)
    {
    case BF_LOG_KIND_VISIT:      bf_agreement_add_visit (agreement, entry); break;
    case BF_LOG_KIND_KEY_USE:    bf_agreement_add_key_use (agreement, entry); break;
    case BF_LOG_KIND_BREACH:     bf_agreement_add_breach (agreement, entry); break;
    case BF_LOG_KIND_EVALUATION:
      if (!bf_agreement_add_evaluation (agreement, entry, error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }

  if (!begin (self, error))
    return FALSE;

  rowid = lookup_rowid (self, bf_agreement_get_id (agreement), NULL);
  if (rowid == 0)
    {
      g_set_error_literal (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND,
                           _("Save the agreement before adding to its logs"));
      return end (self, FALSE, NULL);
    }

  read_log_facts (agreement, &facts);
  stmt = prepare (self,
                  "UPDATE agreements SET last_contact = ?, contact_since = ?, next_evaluation = ?,"
                  " has_breach = ? WHERE rowid = ?;",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, facts.last_contact);
      bind_text (stmt, 2, facts.contact_since);
      bind_text (stmt, 3, facts.next_evaluation);
      sqlite3_bind_int (stmt, 4, bf_agreement_has_breach (agreement));
      sqlite3_bind_int64 (stmt, 5, rowid);
      ok = step_done (self, stmt, _("The agreement could not be updated"), error) &&
           write_log (self, rowid, bf_agreement_get_id (agreement), kind, entry, error);
    }

  return end (self, ok, error);
}

gboolean
bf_agreement_store_contains (BfAgreementStore *self,
                             const char       *id)
{
  gint64 rowid;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  bf_store_lock (self->store);
  rowid = lookup_rowid (self, id, NULL);
  bf_store_unlock (self->store);
  return rowid != 0;
}

/**
 * bf_agreement_store_load:
 *
 * Returns: (transfer full): the saved agreement with all its logs
 */
BfAgreement *
bf_agreement_store_load (BfAgreementStore  *self,
                         const char        *id,
                         GError           **error)
{
  BfAgreement *a;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  bf_store_lock (self->store);
  a = load_locked (self, id, error);
  bf_store_unlock (self->store);
  return a;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BfAgreement *a = bf_agreement_store_load (source_object, task_data, &error);

  if (a != NULL)
    g_task_return_pointer (task, a, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * bf_agreement_store_load_async:
 *
 * Like bf_agreement_store_load(), in a thread.
 */
void
bf_agreement_store_load_async (BfAgreementStore    *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BF_IS_AGREEMENT_STORE (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_agreement_store_load_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * bf_agreement_store_load_finish:
 *
 * Returns: (transfer full): the agreement with its logs
 */
BfAgreement *
bf_agreement_store_load_finish (BfAgreementStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_agreement_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bf_agreement_store_load_version:
 *
 * Returns: (transfer full): @version of the agreement as it was saved,
 *   without logs
 */
BfAgreement *
bf_agreement_store_load_version (BfAgreementStore  *self,
                                 const char        *id,
                                 guint              version,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BfAgreement *a = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  bf_store_lock (self->store);
  stmt = prepare (self,
                  "SELECT v.json FROM agreement_versions v JOIN agreements a ON a.rowid = v.agreement"
                  " WHERE a.id = ? AND v.version = ?;",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, version);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        a = parse_own_json ((const char *) sqlite3_column_text (stmt, 0), error);
      else
        g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND,
                     _("The agreement “%s” has no version %u"), id, version);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);
  return a;
}

/**
 * bf_agreement_store_list_versions:
 *
 * Returns: (transfer container) (element-type BfAgreementVersionInfo): the
 *   saved versions, oldest first; empty for an agreement never saved
 */
GPtrArray *
bf_agreement_store_list_versions (BfAgreementStore  *self,
                                  const char        *id,
                                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ret = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_agreement_version_info_free);
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  bf_store_lock (self->store);
  stmt = prepare (self,
                  "SELECT v.version, v.hash, v.saved_at FROM agreement_versions v"
                  " JOIN agreements a ON a.rowid = v.agreement WHERE a.id = ? ORDER BY v.version;",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BfAgreementVersionInfo *info = g_new0 (BfAgreementVersionInfo, 1);

          info->version = sqlite3_column_int (stmt, 0);
          info->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          info->saved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (ret, info);
        }
      if (rc != SQLITE_DONE)
        set_db_error (self, error, _("The versions could not be read"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);

  return rc == SQLITE_DONE ? g_steal_pointer (&ret) : NULL;
}

/**
 * bf_agreement_store_save_draft:
 *
 * Keeps @agreement's unsaved working copy, replacing the previous draft.
 * Works for agreements that were never saved too.
 */
gboolean
bf_agreement_store_save_draft (BfAgreementStore  *self,
                               BfAgreement       *agreement,
                               GDateTime         *now,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *saved_at = NULL;
  g_autoptr(BfAgreement) check = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), FALSE);

  json = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_DEFAULT);
  saved_at = now_text (now);

  /* A draft may lack required fields (it is read back leniently), but
   * it must still be one that can be read back: say so now rather than
   * keep a draft that cannot be opened again. */
  check = bf_agreement_new_from_draft_json (json, -1, &local_error);
  if (check == NULL)
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                   _("The draft cannot be kept yet: %s"), local_error->message);
      return FALSE;
    }

  if (!begin (self, error))
    return FALSE;
  stmt = prepare (self,
                  "INSERT INTO agreement_drafts (id, saved_at, json) VALUES (?, ?, ?)"
                  " ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, json = excluded.json;",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, bf_agreement_get_id (agreement), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, saved_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
      ok = step_done (self, stmt, _("The draft could not be saved"), error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return end (self, ok, error);
}

/**
 * bf_agreement_store_load_draft:
 *
 * Returns: (transfer full) (nullable): the draft with the saved agreement's
 *   logs, or %NULL without an error when there is no draft
 */
BfAgreement *
bf_agreement_store_load_draft (BfAgreementStore  *self,
                               const char        *id,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BfAgreement) a = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  bf_store_lock (self->store);
  stmt = prepare (self, "SELECT json FROM agreement_drafts WHERE id = ?;", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 rowid;

          g_autoptr(GError) local_error = NULL;

          a = bf_agreement_new_from_draft_json ((const char *) sqlite3_column_text (stmt, 0), -1, &local_error);
          if (a == NULL)
            g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                         _("A saved agreement could not be read: %s"), local_error->message);
          ok = a != NULL;
          rowid = ok ? lookup_rowid (self, id, NULL) : 0;
          if (rowid != 0)
            ok = attach_logs (self, rowid, a, error);
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);

  return ok ? g_steal_pointer (&a) : NULL;
}

gboolean
bf_agreement_store_discard_draft (BfAgreementStore  *self,
                                  const char        *id,
                                  GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  ok = delete_draft (self, id, error);
  return end (self, ok, error);
}

/**
 * bf_agreement_store_import_json:
 * @data: untrusted agreement JSON (docs/agreement-json.md), with or
 *   without logs
 *
 * Reads @data through the safe parser and stores the agreement under the
 * id it carries, with its version and logs. An id that is already here is
 * refused rather than merged, and so is a saved version whose text does
 * not match its hash.
 *
 * Returns: (transfer full): the id of the imported agreement
 */
char *
bf_agreement_store_import_json (BfAgreementStore  *self,
                                const char        *data,
                                gssize             length,
                                GError           **error)
{
  g_autoptr(BfAgreement) a = NULL;
  g_autofree char *json = NULL;
  g_autofree char *created = NULL;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  a = bf_agreement_new_from_json (data, length, error);
  if (a == NULL)
    return NULL;

  /* The parser checks the hash once the text is locked; a draft may carry
   * edits made after its last saved version. A stored version must match
   * its hash, so such a file is refused rather than stored as that
   * version. */
  if (bf_agreement_get_version (a) > 0 && bf_agreement_has_unsaved_changes (a))
    {
      g_set_error_literal (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID,
                           _("The agreement’s text does not match the hash of its saved version"));
      return NULL;
    }

  if (!begin (self, error))
    return NULL;

  if (lookup_rowid (self, bf_agreement_get_id (a), NULL) != 0)
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_EXISTS,
                   _("The agreement %s is already in this profile"), bf_agreement_get_id (a));
      end (self, FALSE, NULL);
      return NULL;
    }

  json = bf_agreement_to_json (a, BF_AGREEMENT_JSON_DEFAULT);
  created = now_text (NULL);
  rowid = write_head (self, a, json,
                      bf_agreement_get_saved_at (a) != NULL ? bf_agreement_get_saved_at (a) : created,
                      error);
  ok = rowid != 0 &&
       write_version (self, rowid, a, json, NULL, error) &&
       write_all_logs (self, rowid, a, error);

  if (!end (self, ok, error))
    return NULL;
  return g_strdup (bf_agreement_get_id (a));
}

/**
 * bf_agreement_store_export_json:
 *
 * Returns: (transfer full): the saved agreement with its logs as canonical,
 *   indented JSON; importing it elsewhere and exporting again gives the
 *   same bytes
 */
char *
bf_agreement_store_export_json (BfAgreementStore  *self,
                                const char        *id,
                                GError           **error)
{
  g_autoptr(BfAgreement) a = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  a = bf_agreement_store_load (self, id, error);
  if (a == NULL)
    return NULL;
  return bf_agreement_to_json (a, BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS);
}

gboolean
bf_agreement_store_count (BfAgreementStore        *self,
                          const BfAgreementQuery  *query,
                          guint                   *n_items,
                          GError                 **error)
{
  g_auto(QueryParams) params = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (n_items != NULL, FALSE);

  *n_items = 0;
  query_params_init (&params, query);

  bf_store_lock (self->store);
  stmt = prepare_query (self, query, &params, "", TRUE, error);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *n_items = sqlite3_column_int (stmt, 0);
          ok = TRUE;
        }
      else
        set_db_error (self, error, _("The agreements could not be counted"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);
  return ok;
}

/**
 * bf_agreement_store_list:
 *
 * Returns: (transfer container) (element-type BfAgreementItem): up to
 *   @limit rows from @offset, in the query's order
 */
GPtrArray *
bf_agreement_store_list (BfAgreementStore        *self,
                         const BfAgreementQuery  *query,
                         guint                    offset,
                         guint                    limit,
                         GError                 **error)
{
  g_auto(QueryParams) params = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ret = g_ptr_array_new_with_free_func (g_object_unref);
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  query_params_init (&params, query);

  bf_store_lock (self->store);
  stmt = prepare_query (self, query, &params, "", FALSE, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BfAgreementBadges badges = BF_AGREEMENT_BADGE_NONE;
          int state = BF_AGREEMENT_STATE_NONE;

          bf_enum_from_token (BF_ENUM_AGREEMENT_STATE, (const char *) sqlite3_column_text (stmt, 4), &state);
          if (sqlite3_column_int (stmt, 8))
            badges |= BF_AGREEMENT_BADGE_RED_LAMP;
          if (sqlite3_column_int (stmt, 9))
            badges |= BF_AGREEMENT_BADGE_OVERDUE;
          if (sqlite3_column_int (stmt, 10))
            badges |= BF_AGREEMENT_BADGE_LEASE_EXPIRING;
          if (sqlite3_column_int (stmt, 11))
            badges |= BF_AGREEMENT_BADGE_KEY_ACCESS;
          if (sqlite3_column_int (stmt, 12))
            badges |= BF_AGREEMENT_BADGE_BREACH;
          if (sqlite3_column_int (stmt, 13))
            badges |= BF_AGREEMENT_BADGE_DRAFT;

          g_ptr_array_add (ret, bf_agreement_item_new ((const char *) sqlite3_column_text (stmt, 0),
                                                       (const char *) sqlite3_column_text (stmt, 1),
                                                       (const char *) sqlite3_column_text (stmt, 2),
                                                       (const char *) sqlite3_column_text (stmt, 3),
                                                       state,
                                                       (const char *) sqlite3_column_text (stmt, 5),
                                                       (const char *) sqlite3_column_text (stmt, 6),
                                                       (const char *) sqlite3_column_text (stmt, 7),
                                                       badges));
        }
      if (rc != SQLITE_DONE)
        set_db_error (self, error, _("The agreements could not be listed"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);

  return rc == SQLITE_DONE ? g_steal_pointer (&ret) : NULL;
}

/**
 * bf_agreement_store_explain:
 * @count: explain the count query instead of the list query
 *
 * For tests and the benchmark: SQLite's EXPLAIN QUERY PLAN for @query, one
 * step per line.
 */
char *
bf_agreement_store_explain (BfAgreementStore        *self,
                            const BfAgreementQuery  *query,
                            gboolean                 count,
                            GError                 **error)
{
  g_auto(QueryParams) params = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  query_params_init (&params, query);

  bf_store_lock (self->store);
  stmt = prepare_query (self, query, &params, "EXPLAIN QUERY PLAN ", count, error);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
      if (rc != SQLITE_DONE)
        set_db_error (self, error, _("The query plan could not be read"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  bf_store_unlock (self->store);

  return rc == SQLITE_DONE ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * bf_agreement_store_begin:
 *
 * Starts a transaction around many saves or imports (a demo data set, a
 * bulk import), so that they share one durable commit instead of one each.
 * Holds the store's lock until bf_agreement_store_commit() or
 * bf_agreement_store_rollback(), which must follow on the same thread.
 */
gboolean
bf_agreement_store_begin (BfAgreementStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);

  bf_store_lock (self->store);
  if (!exec (self, "BEGIN IMMEDIATE;", error))
    {
      bf_store_unlock (self->store);
      return FALSE;
    }
  self->in_batch = TRUE;
  return TRUE;
}

/* With the lock still held, so no other thread sees the keys. */
static void
end_batch (BfAgreementStore *self)
{
  self->in_batch = FALSE;
  g_clear_pointer (&self->batch_keys, bf_feed_batch_free);
}

gboolean
bf_agreement_store_commit (BfAgreementStore  *self,
                           GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (self), FALSE);

  ok = exec (self, "COMMIT;", error);
  if (!ok && bf_store_get_db (self->store) != NULL)
    sqlite3_exec (bf_store_get_db (self->store), "ROLLBACK;", NULL, NULL, NULL);
  end_batch (self);
  bf_store_unlock (self->store);
  return ok;
}

void
bf_agreement_store_rollback (BfAgreementStore *self)
{
  g_return_if_fail (BF_IS_AGREEMENT_STORE (self));

  if (bf_store_get_db (self->store) != NULL)
    sqlite3_exec (bf_store_get_db (self->store), "ROLLBACK;", NULL, NULL, NULL);
  end_batch (self);
  bf_store_unlock (self->store);
}

void
bf_agreement_version_info_free (BfAgreementVersionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->hash);
  g_free (info->saved_at);
  g_free (info);
}
