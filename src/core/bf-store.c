/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bf-store.h"

struct _BfStore
{
  GObject    parent_instance;

  /* Owned */
  char      *path;
  char      *cipher_version;
  sqlite3   *db;
  GRecMutex  mutex;
  int        schema_version;
};

G_DEFINE_FINAL_TYPE (BfStore, bf_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-store-error-quark, bf_store_error)

typedef gboolean (*BfMigrationFunc) (BfStore  *self,
                                     GError  **error);

typedef struct
{
  int              version;
  const char      *sql;
  BfMigrationFunc  func;   /* run after sql, in the same transaction */
} BfMigration;

/*
 * The schema, one step per version. A step runs in its own transaction
 * together with the PRAGMA user_version that records it, so a crash leaves
 * the database at the previous version or the next, never between. Append
 * new steps; never edit a step that has shipped.
 */
static const BfMigration migrations[] = {
  { 1,
    "CREATE TABLE meta ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL"
    ") STRICT;"
    /* The member's own keys. Exactly one row; the secret keys never leave
     * this encrypted database. */
    "CREATE TABLE identity ("
    "  id          INTEGER PRIMARY KEY CHECK (id = 1),"
    "  sign_key_id BLOB NOT NULL CHECK (length (sign_key_id) = 8),"
    "  sign_public BLOB NOT NULL CHECK (length (sign_public) = 32),"
    "  sign_secret BLOB NOT NULL CHECK (length (sign_secret) = 64),"
    "  age_public  BLOB NOT NULL CHECK (length (age_public) = 32),"
    "  age_secret  BLOB NOT NULL CHECK (length (age_secret) = 32),"
    "  created     TEXT NOT NULL"
    ") STRICT;",
    NULL },

  /* Agreements (bf-agreement-store.c). The head row holds copies of the
   * fields that lists sort, filter and badge on, so a list never parses
   * JSON; agreement_heads holds the saved agreement as canonical JSON. Versions and log
   * entries are immutable: triggers refuse UPDATE and DELETE, and the head
   * row cannot be deleted either, so nothing is ever lost. */
  { 2,
    "CREATE TABLE agreements ("
    "  rowid           INTEGER PRIMARY KEY,"
    "  id              TEXT NOT NULL UNIQUE,"
    "  owner           TEXT,"
    "  state           TEXT NOT NULL,"
    "  running         INTEGER NOT NULL DEFAULT 0,"  /* aktiv, til evaluering, forlenget */
    "  final           INTEGER NOT NULL DEFAULT 0,"  /* avsluttet, avslått */
    "  version         INTEGER NOT NULL DEFAULT 0,"
    "  version_hash    TEXT,"
    "  tenant_name     TEXT NOT NULL DEFAULT '',"
    "  tenant_sort     TEXT NOT NULL DEFAULT '',"    /* folded, æøå after z */
    "  address         TEXT NOT NULL DEFAULT '',"
    "  unit            TEXT NOT NULL DEFAULT '',"
    "  with_children   INTEGER NOT NULL DEFAULT 0,"
    "  lease_start     TEXT,"
    "  lease_expiry    TEXT,"
    "  next_evaluation TEXT,"                        /* R15 */
    "  last_contact    TEXT,"                        /* the latest visit that reached the tenant */
    "  contact_since   TEXT,"                        /* R14: last_contact, else duration.from */
    "  has_key_access  INTEGER NOT NULL DEFAULT 0,"
    "  has_breach      INTEGER NOT NULL DEFAULT 0,"
    "  review_status   TEXT,"
    "  created_at      TEXT NOT NULL,"
    "  updated_at      TEXT NOT NULL"
    ") STRICT;"
    /* The JSON lives apart, so that the rows lists read stay small and
     * many fit on a page. */
    "CREATE TABLE agreement_heads ("
    "  agreement INTEGER PRIMARY KEY REFERENCES agreements (rowid),"
    "  json      TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX agreements_by_name ON agreements (tenant_sort, rowid);"
    "CREATE INDEX agreements_by_state ON agreements (state, tenant_sort);"
    "CREATE INDEX agreements_by_updated ON agreements (updated_at, rowid);"
    "CREATE INDEX agreements_by_evaluation ON agreements (next_evaluation, rowid);"
    "CREATE INDEX agreements_by_contact ON agreements (contact_since, rowid);"
    /* Partial, covering indexes for the R14/R15 queries, so their counts
     * never read the rows. */
    "CREATE INDEX agreements_red_lamp ON agreements (contact_since) WHERE running = 1;"
    "CREATE INDEX agreements_overdue ON agreements (next_evaluation) WHERE running = 1;"
    "CREATE INDEX agreements_lease_expiry ON agreements (lease_expiry, with_children) WHERE final = 0;"
    "CREATE TRIGGER agreements_keep BEFORE DELETE ON agreements BEGIN"
    "  SELECT RAISE (ABORT, 'agreements are never deleted');"
    "END;"

    "CREATE TABLE agreement_versions ("
    "  agreement INTEGER NOT NULL REFERENCES agreements (rowid),"
    "  version   INTEGER NOT NULL CHECK (version > 0),"
    "  hash      TEXT NOT NULL,"
    "  saved_at  TEXT NOT NULL,"
    "  json      TEXT NOT NULL,"
    "  PRIMARY KEY (agreement, version)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER agreement_versions_immutable BEFORE UPDATE ON agreement_versions BEGIN"
    "  SELECT RAISE (ABORT, 'agreement versions are immutable');"
    "END;"
    "CREATE TRIGGER agreement_versions_keep BEFORE DELETE ON agreement_versions BEGIN"
    "  SELECT RAISE (ABORT, 'agreement versions are never deleted');"
    "END;"

    /* The four logs in one table: kind is the BfLogKind schema name. */
    "CREATE TABLE agreement_logs ("
    "  rowid     INTEGER PRIMARY KEY,"
    "  id        TEXT NOT NULL UNIQUE,"
    "  agreement INTEGER NOT NULL REFERENCES agreements (rowid),"
    "  kind      TEXT NOT NULL,"
    "  date      TEXT,"
    "  json      TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX agreement_logs_by_agreement ON agreement_logs (agreement, kind, rowid);"
    "CREATE TRIGGER agreement_logs_immutable BEFORE UPDATE ON agreement_logs BEGIN"
    "  SELECT RAISE (ABORT, 'log entries are immutable');"
    "END;"
    "CREATE TRIGGER agreement_logs_keep BEFORE DELETE ON agreement_logs BEGIN"
    "  SELECT RAISE (ABORT, 'log entries are never deleted');"
    "END;"

    /* The unsaved working copy, one per agreement, also for agreements
     * that have never been saved (so no foreign key). */
    "CREATE TABLE agreement_drafts ("
    "  id       TEXT PRIMARY KEY NOT NULL,"
    "  saved_at TEXT NOT NULL,"
    "  json     TEXT NOT NULL"
    ") STRICT;"

    /* Full-text search. Contentless (the text is already in the tables
     * above) with contentless_delete so a row can be replaced. Each column
     * holds the original text and, where it differs, a folded copy (ø → o,
     * æ → ae, å → a, é → e), and the query is folded the same way: ø does
     * not decompose in Unicode, so remove_diacritics alone cannot match
     * “Bjørn” from “bjorn”. The rowid is agreements.rowid and
     * agreement_logs.rowid. */
    "CREATE VIRTUAL TABLE agreement_fts USING fts5 ("
    "  tenant_name, address, body,"
    "  content = '', contentless_delete = 1,"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
    ");"
    "CREATE VIRTUAL TABLE agreement_log_fts USING fts5 ("
    "  notes,"
    "  content = '', contentless_delete = 1,"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
    ");",
    NULL },

  /* Records and sync (bf-feed.c, bf-sync.c). feed: this member's own
   * records, sealed at creation; pushed = both files are on the share.
   * pulled: other members' records read from the share (body is NULL when a
   * record is not addressed to us). witness: per feed, the highest seq and
   * hash seen, to notice a feed that shrinks or changes. quarantine: records
   * that failed a check, with the reason. sync_alarm: fork and tamper
   * alarms, kept until someone looks at them. */
  { 3,
    "CREATE TABLE feed ("
    "  seq     INTEGER PRIMARY KEY CHECK (seq >= 1),"
    "  prev    TEXT NOT NULL CHECK (length (prev) = 64),"
    "  hash    TEXT NOT NULL UNIQUE CHECK (length (hash) = 64),"
    "  kind    TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  time    TEXT NOT NULL,"
    "  age     BLOB NOT NULL,"
    "  minisig TEXT NOT NULL,"
    "  pushed  INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1))"
    ") STRICT;"
    "CREATE INDEX feed_unpushed ON feed (seq) WHERE pushed = 0;"
    "CREATE INDEX feed_subject ON feed (subject);"
    "CREATE TABLE pulled ("
    "  author    TEXT NOT NULL,"
    "  seq       INTEGER NOT NULL CHECK (seq >= 1),"
    "  prev      TEXT NOT NULL,"
    "  hash      TEXT NOT NULL,"
    "  kind      TEXT NOT NULL,"
    "  subject   TEXT NOT NULL,"
    "  time      TEXT NOT NULL,"
    "  body      TEXT,"
    "  age       BLOB NOT NULL,"
    "  minisig   TEXT NOT NULL,"
    "  pulled_at TEXT NOT NULL,"
    "  PRIMARY KEY (author, seq)"
    ") STRICT;"
    "CREATE INDEX pulled_subject ON pulled (subject);"
    "CREATE TABLE witness ("
    "  author  TEXT PRIMARY KEY NOT NULL,"
    "  seq     INTEGER NOT NULL,"
    "  hash    TEXT NOT NULL,"
    "  checked TEXT NOT NULL"
    ") STRICT;"
    "CREATE TABLE quarantine ("
    "  author TEXT NOT NULL,"
    "  seq    INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  time   TEXT NOT NULL,"
    "  PRIMARY KEY (author, seq)"
    ") STRICT;"
    "CREATE TABLE sync_alarm ("
    "  id      INTEGER PRIMARY KEY,"
    "  kind    TEXT NOT NULL,"
    "  author  TEXT NOT NULL,"
    "  seq     INTEGER NOT NULL,"
    "  message TEXT NOT NULL,"
    "  time    TEXT NOT NULL,"
    "  UNIQUE (kind, author, seq)"
    ") STRICT;",
    NULL },

  /* The outbox (bf-feed.c): records created before this profile knows its
   * readers (it has not contacted a share yet). Each row is what the record
   * will say, in creation order (id); they are sealed into the feed, in
   * that order and in the same transaction that deletes them here, at the
   * first moment the readers are known. */
  { 4,
    "CREATE TABLE outbox ("
    "  id      INTEGER PRIMARY KEY,"
    "  kind    TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  body    TEXT NOT NULL,"
    "  created TEXT NOT NULL"
    ") STRICT;",
    NULL },
};

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          code,
                  const char  *what)
{
  /* @what is already translated; SQLite's reason is not translatable. */
  g_set_error (error, BF_STORE_ERROR, code, "%s: %s",
               what, db != NULL ? sqlite3_errmsg (db) : "out of memory");
}

static gboolean
exec_sql (BfStore     *self,
          const char  *sql,
          GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                   _("The database could not be updated: %s"),
                   errmsg != NULL ? errmsg : "unknown error");
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

/* Runs a statement that returns one text or integer value; the text is
 * returned newly allocated, an integer as text too. */
static char *
query_text (BfStore     *self,
            const char  *sql,
            int          error_code,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *ret = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, error_code, what);
      return NULL;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      ret = g_strdup (text != NULL ? text : "");
    }
  else if (rc == SQLITE_DONE)
    ret = g_strdup ("");
  else
    set_sqlite_error (error, self->db, error_code, what);

  sqlite3_finalize (stmt);
  return ret;
}

/* Pre-creates the database file with mode 0600 whatever the umask. SQLite
 * gives -wal and -shm the mode of the main file (and fchmods them to it), so
 * they follow. The process-wide umask is never touched: changing it would
 * race with every other thread that creates files. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                   _("The database file could not be created: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static void
protect_side_files (BfStore *self)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (self->path, suffixes[i], NULL);

      if (g_chmod (side, 0600) != 0 && errno != ENOENT)
        g_debug ("Could not chmod %s: %s", side, g_strerror (errno));
    }
}

static gboolean
apply_key (BfStore         *self,
           const BfSecret  *key,
           GError         **error)
{
  g_autoptr(BfSecret) blob = NULL;
  char *text;

  /* SQLCipher's raw key form is the literal x'<64 hex digits>': the hex is
   * used as the key directly, so no PBKDF2 runs and no key appears in SQL
   * text. The blob lives in sodium memory and is wiped when freed. */
  blob = bf_secret_new (2 * BF_STORE_KEY_SIZE + 4);
  text = (char *) bf_secret_get_data (blob);
  text[0] = 'x';
  text[1] = '\'';
  sodium_bin2hex (text + 2, 2 * BF_STORE_KEY_SIZE + 1, bf_secret_peek (key), BF_STORE_KEY_SIZE);
  text[2 + 2 * BF_STORE_KEY_SIZE] = '\'';
  text[3 + 2 * BF_STORE_KEY_SIZE] = '\0';

  if (sqlite3_key_v2 (self->db, "main", text, 3 + 2 * BF_STORE_KEY_SIZE) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED,
                        _("The database key could not be set"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_cipher_version (BfStore  *self,
                      GError  **error)
{
  self->cipher_version = query_text (self, "PRAGMA cipher_version;",
                                     BF_STORE_ERROR_UNSUPPORTED,
                                     _("SQLCipher could not be queried"), error);
  if (self->cipher_version == NULL)
    return FALSE;

  return bf_store_check_cipher_version (self->cipher_version, error);
}

static gboolean
configure (BfStore  *self,
           GError  **error)
{
  g_autofree char *mode = NULL;

  /* The first read decrypts page 1: with a wrong key, or a damaged file,
   * this is where SQLCipher reports "file is not a database". */
  g_autofree char *count = query_text (self, "SELECT count(*) FROM sqlite_master;",
                                       BF_STORE_ERROR_DAMAGED,
                                       _("The database could not be opened"), error);
  if (count == NULL)
    return FALSE;

  mode = query_text (self, "PRAGMA journal_mode = WAL;", BF_STORE_ERROR_DAMAGED,
                     _("The database could not be opened"), error);
  if (mode == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                   _("The database refused write-ahead logging (journal mode %s)"), mode);
      return FALSE;
    }

  return exec_sql (self,
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA secure_delete = ON;"
                   "PRAGMA foreign_keys = ON;"
                   /* SQLCipher decrypts every page it reads that is not
                    * in the page cache; SQLite's default 2 MiB is smaller
                    * than the list columns, indexes and search index of
                    * 10,000 agreements, and searches ran 5–7 times slower
                    * (tests/bench-store.c). The cache grows only as used. */
                   "PRAGMA cache_size = -32768;",
                   error);
}

static gboolean
migrate (BfStore  *self,
         GError  **error)
{
  g_autofree char *version = NULL;
  int latest = bf_store_get_latest_schema_version ();

  version = query_text (self, "PRAGMA user_version;", BF_STORE_ERROR_DAMAGED,
                        _("The database could not be opened"), error);
  if (version == NULL)
    return FALSE;
  self->schema_version = atoi (version);

  if (self->schema_version > latest)
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED,
                   _("The database was written by a newer version of Bofast (schema %d; this version knows %d)"),
                   self->schema_version, latest);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const BfMigration *m = &migrations[i];
      g_autofree char *set_version = NULL;

      if (m->version <= self->schema_version)
        continue;

      g_assert (m->version == self->schema_version + 1);

      if (!exec_sql (self, "BEGIN IMMEDIATE;", error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d;", m->version);
      if ((m->sql != NULL && !exec_sql (self, m->sql, error)) ||
          (m->func != NULL && !m->func (self, error)) ||
          !exec_sql (self, set_version, error) ||
          !exec_sql (self, "COMMIT;", error))
        {
          sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }

      g_debug ("Migrated %s to schema %d", self->path, m->version);
      self->schema_version = m->version;
    }

  return TRUE;
}

static BfStore *
open_store (const char      *path,
            const BfSecret  *key,
            gboolean         create,
            GError         **error)
{
  g_autoptr(BfStore) self = NULL;
  int rc;

  if (create)
    {
      if (!create_private_file (path, error))
        return NULL;
    }
  else if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_DAMAGED,
                           _("The database file is missing"));
      return NULL;
    }

  self = g_object_new (BF_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* No SQLITE_OPEN_CREATE: the file exists (created above with the right
   * mode), and a missing file must not silently become an empty database. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX |
                        SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, BF_STORE_ERROR_DAMAGED,
                        _("The database could not be opened"));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);

  /* Pin SQLCipher 4's page format (AES-256-CBC, HMAC-SHA512, 4 KiB pages)
   * before the first read, so that a future SQLCipher with other defaults
   * still opens the files this one wrote. */
  if (!apply_key (self, key, error) ||
      !check_cipher_version (self, error) ||
      !exec_sql (self, "PRAGMA cipher_compatibility = 4;", error) ||
      !configure (self, error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  protect_side_files (self);

  return g_steal_pointer (&self);
}

static gboolean
require_identity_blob (BfStore     *self,
                       const char  *column,
                       gsize        size,
                       guint8      *out,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM identity WHERE id = 1;", column);
  sqlite3_stmt *stmt = NULL;
  gboolean ret = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED, _("The identity could not be read"));
      return FALSE;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (gsize) sqlite3_column_bytes (stmt, 0) == size)
    {
      memcpy (out, sqlite3_column_blob (stmt, 0), size);
      ret = TRUE;
    }
  else
    g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                         _("The profile has no identity keys"));

  sqlite3_finalize (stmt);
  return ret;
}

static void
bf_store_finalize (GObject *object)
{
  BfStore *self = (BfStore *)object;

  bf_store_close (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->cipher_version, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bf_store_parent_class)->finalize (object);
}

static void
bf_store_class_init (BfStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_store_finalize;
}

static void
bf_store_init (BfStore *self)
{
  g_rec_mutex_init (&self->mutex);
}

/**
 * bf_store_parse_cipher_version:
 *
 * Parses SQLCipher's "4.6.1 community" form. Returns %FALSE for anything
 * else, including the empty string plain SQLite returns.
 */
gboolean
bf_store_parse_cipher_version (const char *version,
                               guint      *major,
                               guint      *minor,
                               guint      *micro)
{
  guint64 parts[3] = { 0, 0, 0 };
  const char *p = version;

  g_return_val_if_fail (major != NULL && minor != NULL && micro != NULL, FALSE);

  if (version == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;

      if (!g_ascii_isdigit (*p))
        {
          if (i < 2)
            return FALSE;
          break;
        }
      parts[i] = g_ascii_strtoull (p, &end, 10);
      if (parts[i] > G_MAXUINT16)
        return FALSE;
      p = end;
      if (i < 2)
        {
          if (*p != '.')
            {
              if (i == 0)
                return FALSE;
              break;
            }
          p++;
        }
    }

  *major = parts[0];
  *minor = parts[1];
  *micro = parts[2];
  return TRUE;
}

/**
 * bf_store_check_cipher_version:
 *
 * Fails with %BF_STORE_ERROR_UNSUPPORTED unless @version (PRAGMA
 * cipher_version) is SQLCipher 4.6 or newer.
 */
gboolean
bf_store_check_cipher_version (const char  *version,
                               GError     **error)
{
  guint major = 0, minor = 0, micro = 0;

  if (!bf_store_parse_cipher_version (version, &major, &minor, &micro))
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED,
                           _("The database library is plain SQLite, not SQLCipher, so it cannot encrypt"));
      return FALSE;
    }

  if (major < BF_STORE_MIN_CIPHER_MAJOR ||
      (major == BF_STORE_MIN_CIPHER_MAJOR && minor < BF_STORE_MIN_CIPHER_MINOR))
    {
      g_set_error (error, BF_STORE_ERROR, BF_STORE_ERROR_UNSUPPORTED,
                   _("SQLCipher %s is too old; Bofast needs %d.%d or newer"),
                   version, BF_STORE_MIN_CIPHER_MAJOR, BF_STORE_MIN_CIPHER_MINOR);
      return FALSE;
    }

  return TRUE;
}

/**
 * bf_store_create:
 *
 * Creates a new, empty, encrypted database at @path (which must not exist)
 * and brings it to the latest schema.
 */
BfStore *
bf_store_create (const char      *path,
                 const BfSecret  *key,
                 GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL && bf_secret_get_size (key) == BF_STORE_KEY_SIZE, NULL);

  return open_store (path, key, TRUE, error);
}

/**
 * bf_store_open:
 *
 * Opens the existing database at @path with @key. A key that does not
 * decrypt it, or a damaged file, gives %BF_STORE_ERROR_DAMAGED; an old
 * SQLCipher or a schema from a newer Bofast gives %BF_STORE_ERROR_UNSUPPORTED.
 */
BfStore *
bf_store_open (const char      *path,
               const BfSecret  *key,
               GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL && bf_secret_get_size (key) == BF_STORE_KEY_SIZE, NULL);

  return open_store (path, key, FALSE, error);
}

/**
 * bf_store_close:
 *
 * Closes the connection; the last close checkpoints the WAL and removes
 * -wal and -shm. SQLCipher wipes its copy of the key. Safe to call twice.
 */
void
bf_store_close (BfStore *self)
{
  g_return_if_fail (BF_IS_STORE (self));

  g_rec_mutex_lock (&self->mutex);
  if (self->db != NULL)
    {
      if (sqlite3_close (self->db) != SQLITE_OK)
        {
          /* An unfinalized statement from another module: close anyway once
           * it is gone, rather than leaving the key in memory. */
          g_critical ("Closing %s with statements still open", self->path);
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }
  g_rec_mutex_unlock (&self->mutex);
}

gboolean
bf_store_is_open (BfStore *self)
{
  g_return_val_if_fail (BF_IS_STORE (self), FALSE);
  return self->db != NULL;
}

const char *
bf_store_get_path (BfStore *self)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  return self->path;
}

const char *
bf_store_get_cipher_version (BfStore *self)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  return self->cipher_version;
}

int
bf_store_get_schema_version (BfStore *self)
{
  g_return_val_if_fail (BF_IS_STORE (self), 0);
  return self->schema_version;
}

int
bf_store_get_latest_schema_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

/**
 * bf_store_dup_meta:
 *
 * Returns the value for @key, or %NULL without an error when it is unset.
 */
char *
bf_store_dup_meta (BfStore     *self,
                   const char  *key,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *ret = NULL;
  int rc;

  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_rec_mutex_lock (&self->mutex);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?;", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED, _("A setting could not be read"));
      goto out;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ret = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED, _("A setting could not be read"));

out:
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

gboolean
bf_store_set_meta (BfStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ret = FALSE;

  g_return_val_if_fail (BF_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  g_rec_mutex_lock (&self->mutex);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      ret = sqlite3_step (stmt) == SQLITE_DONE;
    }

  if (!ret)
    set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED, _("A setting could not be saved"));

  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * bf_store_create_identity:
 *
 * Generates the member's Ed25519 signing keypair and X25519 (age) keypair
 * and stores them. Fails if the profile already has an identity.
 */
gboolean
bf_store_create_identity (BfStore  *self,
                          GError  **error)
{
  g_autoptr(BfSecret) sign_secret = bf_secret_new (crypto_sign_SECRETKEYBYTES);
  g_autoptr(BfSecret) age_secret = bf_secret_new_random (crypto_scalarmult_SCALARBYTES);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  guint8 sign_key_id[BF_STORE_SIGN_KEY_ID_SIZE];
  guint8 sign_public[crypto_sign_PUBLICKEYBYTES];
  guint8 age_public[crypto_scalarmult_BYTES];
  sqlite3_stmt *stmt = NULL;
  gboolean ret = FALSE;

  G_STATIC_ASSERT (crypto_sign_SECRETKEYBYTES == BF_STORE_SIGN_SECRET_SIZE);
  G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == BF_STORE_SIGN_PUBLIC_SIZE);
  G_STATIC_ASSERT (crypto_scalarmult_BYTES == BF_STORE_AGE_PUBLIC_SIZE);
  G_STATIC_ASSERT (crypto_scalarmult_SCALARBYTES == BF_STORE_AGE_SECRET_SIZE);

  g_return_val_if_fail (BF_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  crypto_sign_keypair (sign_public, bf_secret_get_data (sign_secret));
  /* minisign names a key by 8 random bytes, kept with the key so that the
   * public key and every signature carry the same id. */
  randombytes_buf (sign_key_id, sizeof sign_key_id);
  /* age X25519 identities are 32 random bytes; the recipient is the base
   * point multiplied by them (RFC 7748 clamping happens inside). */
  if (crypto_scalarmult_base (age_public, bf_secret_peek (age_secret)) != 0)
    {
      g_set_error_literal (error, BF_STORE_ERROR, BF_STORE_ERROR_FAILED,
                           _("The identity keys could not be created"));
      return FALSE;
    }

  g_rec_mutex_lock (&self->mutex);

  /* SQLITE_STATIC: SQLite reads the secrets from sodium memory while the
   * statement runs, without a copy of its own on the heap. */
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO identity (id, sign_key_id, sign_public, sign_secret, age_public, age_secret, created) "
                          "VALUES (1, ?, ?, ?, ?, ?, ?);",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_blob (stmt, 1, sign_key_id, sizeof sign_key_id, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, sign_public, sizeof sign_public, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 3, bf_secret_peek (sign_secret), bf_secret_get_size (sign_secret), SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 4, age_public, sizeof age_public, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 5, bf_secret_peek (age_secret), bf_secret_get_size (age_secret), SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, created, -1, SQLITE_STATIC);
      ret = sqlite3_step (stmt) == SQLITE_DONE;
    }

  if (!ret)
    set_sqlite_error (error, self->db, BF_STORE_ERROR_FAILED, _("The identity keys could not be saved"));

  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

gboolean
bf_store_has_identity (BfStore *self)
{
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (BF_IS_STORE (self), FALSE);

  key = bf_store_dup_signing_public_key (self, NULL);
  return key != NULL;
}

static GBytes *
dup_public (BfStore     *self,
            const char  *column,
            gsize        size,
            GError     **error)
{
  guint8 buf[64];
  gboolean ok;

  g_assert (size <= sizeof buf);

  g_rec_mutex_lock (&self->mutex);
  ok = require_identity_blob (self, column, size, buf, error);
  g_rec_mutex_unlock (&self->mutex);

  return ok ? g_bytes_new (buf, size) : NULL;
}

static BfSecret *
dup_secret (BfStore     *self,
            const char  *column,
            gsize        size,
            GError     **error)
{
  g_autoptr(BfSecret) secret = bf_secret_new (size);
  gboolean ok;

  g_rec_mutex_lock (&self->mutex);
  ok = require_identity_blob (self, column, size, bf_secret_get_data (secret), error);
  g_rec_mutex_unlock (&self->mutex);

  return ok ? g_steal_pointer (&secret) : NULL;
}

/**
 * bf_store_dup_signing_key_id:
 *
 * The 8-byte minisign key id of the signing key.
 */
GBytes *
bf_store_dup_signing_key_id (BfStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  return dup_public (self, "sign_key_id", BF_STORE_SIGN_KEY_ID_SIZE, error);
}

/**
 * bf_store_dup_minisign_public_key:
 *
 * The signing key in minisign's public key form: base64 of "Ed" ‖ key id ‖
 * Ed25519 public key, as `minisign -P` takes it.
 */
char *
bf_store_dup_minisign_public_key (BfStore  *self,
                                  GError  **error)
{
  g_autoptr(GBytes) key_id = NULL;
  g_autoptr(GBytes) public_key = NULL;
  guint8 buf[2 + BF_STORE_SIGN_KEY_ID_SIZE + BF_STORE_SIGN_PUBLIC_SIZE] = { 'E', 'd' };

  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  key_id = bf_store_dup_signing_key_id (self, error);
  if (key_id == NULL)
    return NULL;
  public_key = bf_store_dup_signing_public_key (self, error);
  if (public_key == NULL)
    return NULL;

  memcpy (buf + 2, g_bytes_get_data (key_id, NULL), BF_STORE_SIGN_KEY_ID_SIZE);
  memcpy (buf + 2 + BF_STORE_SIGN_KEY_ID_SIZE, g_bytes_get_data (public_key, NULL), BF_STORE_SIGN_PUBLIC_SIZE);
  return g_base64_encode (buf, sizeof buf);
}

GBytes *
bf_store_dup_signing_public_key (BfStore  *self,
                                 GError  **error)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  return dup_public (self, "sign_public", BF_STORE_SIGN_PUBLIC_SIZE, error);
}

/**
 * bf_store_dup_signing_secret_key:
 *
 * Returns the Ed25519 secret key in libsodium's 64-byte form (seed ‖ public
 * key), for crypto_sign_detached().
 */
BfSecret *
bf_store_dup_signing_secret_key (BfStore  *self,
                                 GError  **error)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  return dup_secret (self, "sign_secret", BF_STORE_SIGN_SECRET_SIZE, error);
}

GBytes *
bf_store_dup_age_public_key (BfStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  return dup_public (self, "age_public", BF_STORE_AGE_PUBLIC_SIZE, error);
}

BfSecret *
bf_store_dup_age_secret_key (BfStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  return dup_secret (self, "age_secret", BF_STORE_AGE_SECRET_SIZE, error);
}

/**
 * bf_store_get_db:
 *
 * The connection, for later core modules. See the thread note in the header.
 * %NULL once the store is closed.
 */
sqlite3 *
bf_store_get_db (BfStore *self)
{
  g_return_val_if_fail (BF_IS_STORE (self), NULL);
  return self->db;
}

void
bf_store_lock (BfStore *self)
{
  g_return_if_fail (BF_IS_STORE (self));
  g_rec_mutex_lock (&self->mutex);
}

void
bf_store_unlock (BfStore *self)
{
  g_return_if_fail (BF_IS_STORE (self));
  g_rec_mutex_unlock (&self->mutex);
}
