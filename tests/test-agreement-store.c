/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-agreement-list-model.h"
#include "bf-agreement-private.h"
#include "bf-agreement-store.h"
#include "bf-json.h"
#include "bf-search-text.h"
#include "bf-test-util.h"
#include "fixtures.h"

typedef struct
{
  char             *path;
  BfSecret         *key;
  BfStore          *db;
  BfAgreementStore *store;
} Fixture;

static void
open_fixture (Fixture  *f,
              gboolean  create)
{
  g_autoptr(GError) error = NULL;

  f->db = create ? bf_store_create (f->path, f->key, &error) : bf_store_open (f->path, f->key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  f->store = bf_agreement_store_new (f->db);
}

static void
close_fixture (Fixture *f)
{
  g_clear_object (&f->store);
  if (f->db != NULL)
    bf_store_close (f->db);
  g_clear_object (&f->db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "store", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->path = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  f->key = bf_secret_new_random (BF_STORE_KEY_SIZE);
  open_fixture (f, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_fixture (f);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->key, bf_secret_free);
}

static int
exec_sql (BfAgreementStore *store,
          const char       *sql)
{
  /* The primary result code; the store turns on extended codes. */
  return sqlite3_exec (bf_store_get_db (bf_agreement_store_get_store (store)), sql, NULL, NULL, NULL) & 0xff;
}

static void
save (BfAgreementStore *store,
      BfAgreement      *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_agreement_store_save (store, a, NULL, &error));
  g_assert_no_error (error);
}

/* A small agreement in @state, saved as version 1. */
static BfAgreement *
make_agreement (const char       *tenant,
                const char       *address,
                BfAgreementState  state,
                const char       *from,
                const char       *evaluation,
                const char       *lease_expiry,
                gboolean          children)
{
  BfAgreement *a = bf_agreement_new ();
  BfHeader *h = bf_agreement_get_header (a);
  g_autofree char *hash = NULL;

  h->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
  h->tenant_name = g_strdup (tenant);
  h->address = g_strdup (address);
  h->lease_expiry = g_strdup (lease_expiry);
  h->household_with_children = children;
  bf_agreement_get_background (a)->main_goal = g_strdup ("Å mestre egen bolig");
  bf_agreement_get_duration (a)->from = g_strdup (from);
  bf_agreement_get_evaluation_plan (a)->date = g_strdup (evaluation);
  hash = bf_agreement_compute_content_hash (a);
  bf_agreement_set_loaded_state (a, state, state == BF_AGREEMENT_STATE_AVSLUTTET ? BF_END_REASON_UTLOPT : 0,
                                 1, hash, "2025-01-01T10:00:00Z", 0, NULL);
  return a;
}

static void
add_visit (BfAgreementStore *store,
           BfAgreement      *a,
           const char       *date,
           gboolean          no_access,
           const char       *observations)
{
  g_autoptr(GError) error = NULL;
  BfVisit *v = bf_visit_new (date, BF_VISIT_TYPE_HJEMMEBESOK);

  v->no_access = no_access;
  v->observations = g_strdup (observations);
  g_assert_true (bf_agreement_store_add_log (store, a, BF_LOG_KIND_VISIT, v, &error));
  g_assert_no_error (error);
}

static guint
count (BfAgreementStore  *store,
       BfAgreementFilter  filter,
       BfAgreementState   state,
       const char        *search)
{
  g_autoptr(GError) error = NULL;
  BfAgreementQuery q;
  GDate today;
  guint n = G_MAXUINT;

  fixture_today (&today);
  bf_agreement_query_init (&q, &today);
  q.filter = filter;
  q.state = state;
  q.search = search;
  g_assert_true (bf_agreement_store_count (store, &q, &n, &error));
  g_assert_no_error (error);
  return n;
}

static guint
search (BfAgreementStore *store,
        const char       *text)
{
  return count (store, BF_AGREEMENT_FILTER_ALL, BF_AGREEMENT_STATE_NONE, text);
}

/* ------------------------------------------------------------------------ */

static void
test_fold (void)
{
  g_autofree char *a = bf_search_fold ("Bjørn Ærlig-Åsen Hélène");
  g_autofree char *q = bf_search_build_query ("Bjø \"x\" OR NEAR( *");
  g_autofree char *none = bf_search_build_query (" \"*( ");
  g_autofree char *k1 = bf_search_sort_key ("Åse");
  g_autofree char *k2 = bf_search_sort_key ("Øystein");
  g_autofree char *k3 = bf_search_sort_key ("Zara");
  g_autofree char *k4 = bf_search_sort_key ("ærlig");

  g_assert_cmpstr (a, ==, "bjorn aerlig-asen helene");
  g_assert_cmpstr (q, ==, "\"bjo\"* \"x\"* \"or\"* \"near\"*");
  g_assert_null (none);
  g_assert_cmpint (strcmp (k3, k4), <, 0);
  g_assert_cmpint (strcmp (k4, k2), <, 0);
  g_assert_cmpint (strcmp (k2, k1), <, 0);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) head = NULL;
  g_autoptr(BfAgreement) v1 = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash1 = NULL;
  g_autofree char *v1_hash = NULL;

  save (f->store, a);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);
  hash1 = g_strdup (bf_agreement_get_version_hash (a));

  /* Saving unchanged text makes no new version. */
  save (f->store, a);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);

  g_free (bf_agreement_get_background (a)->main_goal);
  bf_agreement_get_background (a)->main_goal = g_strdup ("Et nytt hovedmål");
  save (f->store, a);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 2);

  versions = bf_agreement_store_list_versions (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpuint (((BfAgreementVersionInfo *) versions->pdata[0])->version, ==, 1);
  g_assert_cmpstr (((BfAgreementVersionInfo *) versions->pdata[0])->hash, ==, hash1);

  v1 = bf_agreement_store_load_version (f->store, ID_AGREEMENT, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_agreement_get_background (v1)->main_goal, !=, "Et nytt hovedmål");
  v1_hash = bf_agreement_compute_content_hash (v1);
  g_assert_cmpstr (v1_hash, ==, hash1);

  head = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_agreement_get_version (head), ==, 2);
  g_assert_cmpstr (bf_agreement_get_background (head)->main_goal, ==, "Et nytt hovedmål");

  g_assert_null (bf_agreement_store_load_version (f->store, ID_AGREEMENT, 3, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (bf_agreement_store_load (f->store, "no-such-id", &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Immutable: the database itself refuses changes and deletions. */
  g_assert_cmpint (exec_sql (f->store, "UPDATE agreement_versions SET json = '{}';"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_sql (f->store, "DELETE FROM agreement_versions;"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_sql (f->store, "DELETE FROM agreements;"), ==, SQLITE_CONSTRAINT);

  /* A stale copy of version 1 cannot overwrite the head. */
  g_clear_object (&v1);
  v1 = bf_agreement_store_load_version (f->store, ID_AGREEMENT, 1, &error);
  g_assert_no_error (error);
  g_assert_false (bf_agreement_store_save (f->store, v1, NULL, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_IMMUTABLE);
}

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BfAgreement) fresh = make_agreement ("Nina Ny", "Nyveien 1", BF_AGREEMENT_STATE_UTKAST,
                                                 "2025-01-01", "2025-06-01", NULL, FALSE);
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save (f->store, a);
  g_free (bf_agreement_get_header (a)->address);
  bf_agreement_get_header (a)->address = g_strdup ("Ulagret gate 3");
  g_assert_true (bf_agreement_store_save_draft (f->store, a, NULL, &error));
  g_assert_no_error (error);
  /* A second autosave replaces the first. */
  g_assert_true (bf_agreement_store_save_draft (f->store, a, NULL, &error));
  g_assert_no_error (error);
  /* An agreement never saved can have a draft too. */
  g_assert_true (bf_agreement_store_save_draft (f->store, fresh, NULL, &error));
  g_assert_no_error (error);
  before = bf_agreement_to_json (a, BF_AGREEMENT_JSON_DEFAULT);

  /* A draft may lack what a saved version requires (here: everything),
   * so that the editor can keep it from the first keystroke; saving it
   * as a version is still refused. */
  {
    g_autoptr(BfAgreement) empty = bf_agreement_new ();
    g_autoptr(BfAgreement) back = NULL;

    g_assert_true (bf_agreement_store_save_draft (f->store, empty, NULL, &error));
    g_assert_no_error (error);
    back = bf_agreement_store_load_draft (f->store, bf_agreement_get_id (empty), &error);
    g_assert_no_error (error);
    g_assert_nonnull (back);
    g_assert_true (bf_agreement_store_discard_draft (f->store, bf_agreement_get_id (empty), &error));
    g_assert_no_error (error);
  }

  close_fixture (f);
  open_fixture (f, FALSE);

  loaded = bf_agreement_store_load_draft (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  after = bf_agreement_to_json (loaded, BF_AGREEMENT_JSON_DEFAULT);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (bf_agreement_has_unsaved_changes (loaded));
  g_clear_object (&loaded);

  loaded = bf_agreement_store_load_draft (f->store, bf_agreement_get_id (fresh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (bf_agreement_get_header (loaded)->tenant_name, ==, "Nina Ny");
  g_clear_object (&loaded);

  /* The head is still the saved version, not the draft. */
  loaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_agreement_get_header (loaded)->address, !=, "Ulagret gate 3");
  g_clear_object (&loaded);

  g_assert_true (bf_agreement_store_discard_draft (f->store, bf_agreement_get_id (fresh), &error));
  g_assert_no_error (error);
  g_assert_null (bf_agreement_store_load_draft (f->store, bf_agreement_get_id (fresh), &error));
  g_assert_no_error (error);

  /* Saving the version takes the draft's place. */
  loaded = bf_agreement_store_load_draft (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  save (f->store, loaded);
  g_assert_cmpuint (bf_agreement_get_version (loaded), ==, 2);
  g_clear_object (&loaded);
  g_assert_null (bf_agreement_store_load_draft (f->store, ID_AGREEMENT, &error));
  g_assert_no_error (error);
}

static void
test_logs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) loaded = NULL;
  g_autoptr(BfAgreement) other = NULL;
  g_autoptr(GError) error = NULL;
  BfVisit *v;
  BfBreach *b;

  /* Logs need a saved agreement. */
  v = bf_visit_new ("2025-02-10", BF_VISIT_TYPE_TELEFON);
  g_assert_false (bf_agreement_store_add_log (f->store, a, BF_LOG_KIND_VISIT, v, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  save (f->store, a);
  g_assert_true (bf_agreement_store_add_log (f->store, a, BF_LOG_KIND_VISIT,
                                             bf_visit_new ("2025-02-12", BF_VISIT_TYPE_HJEMMEBESOK), &error));
  g_assert_no_error (error);
  b = bf_breach_new ("2025-02-14", "Møtte ikke");
  g_assert_true (bf_agreement_store_add_log (f->store, a, BF_LOG_KIND_BREACH, b, &error));
  g_assert_no_error (error);

  loaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  /* The first visit was refused by the database but kept in memory, so
   * saving the agreement stored it with the others. */
  g_assert_cmpuint (bf_agreement_get_visits (a)->len, ==, 2);
  g_assert_cmpuint (bf_agreement_get_visits (loaded)->len, ==, 2);
  g_assert_cmpuint (bf_agreement_get_breaches (loaded)->len, ==, 1);
  g_assert_true (bf_agreement_has_breach (loaded));

  /* The same entry with other content is refused. */
  other = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  b = g_ptr_array_index (bf_agreement_get_breaches (other), 0);
  g_free (b->description);
  b->description = g_strdup ("Skrevet om i ettertid");
  g_assert_false (bf_agreement_store_save (f->store, other, NULL, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_IMMUTABLE);
  g_clear_error (&error);

  g_assert_cmpint (exec_sql (f->store, "UPDATE agreement_logs SET json = '{}';"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_sql (f->store, "DELETE FROM agreement_logs;"), ==, SQLITE_CONSTRAINT);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *id = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *other_path = g_strconcat (f->path, ".other", NULL);
  g_autoptr(BfStore) other_db = NULL;
  g_autoptr(BfAgreementStore) other = NULL;
  char *p;

  save (f->store, a);
  first = bf_agreement_store_export_json (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (first, "\n"));
  g_assert_nonnull (strstr (first, "\"logs\""));

  /* The same id again is refused. */
  g_assert_null (bf_agreement_store_import_json (f->store, first, -1, &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  other_db = bf_store_create (other_path, f->key, &error);
  g_assert_no_error (error);
  other = bf_agreement_store_new (other_db);
  id = bf_agreement_store_import_json (other, first, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, ID_AGREEMENT);
  second = bf_agreement_store_export_json (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);

  /* Text changed after saving no longer matches its version hash. */
  tampered = g_strdup (first);
  p = strstr (tampered, "Kari");
  g_assert_nonnull (p);
  p[0] = 'M';
  g_assert_null (bf_agreement_store_import_json (other, tampered, -1, &error));
  g_assert_true (error != NULL && error->domain == BF_JSON_ERROR);
  g_assert_nonnull (strstr (error->message, "version.hash"));
  g_clear_error (&error);

  /* A draft's text edited after its last saved version: the parser lets
   * it through, the store does not. */
  {
    g_autoptr(BfAgreement) draft = make_agreement ("Dina Utkast", "Dalen 1", BF_AGREEMENT_STATE_UTKAST,
                                                   "2025-01-01", "2025-06-01", NULL, FALSE);
    g_autofree char *json = NULL;

    g_free (bf_agreement_get_header (draft)->address);
    bf_agreement_get_header (draft)->address = g_strdup ("Dalen 2");
    json = bf_agreement_to_json (draft, BF_AGREEMENT_JSON_PRETTY);
    g_assert_null (bf_agreement_store_import_json (other, json, -1, &error));
    g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (bf_agreement_store_contains (other, bf_agreement_get_id (draft)));
  }

  /* Not JSON at all: the safe parser's error, nothing stored. */
  g_assert_null (bf_agreement_store_import_json (other, "{\"schema\": [[[", -1, &error));
  g_assert_nonnull (error);

  g_clear_object (&other);
  bf_store_close (other_db);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) b = make_agreement ("Bjørn Ærlig", "Munkegata 3", BF_AGREEMENT_STATE_AKTIV,
                                             "2025-01-01", "2025-06-01", NULL, FALSE);
  g_autoptr(BfAgreement) c = make_agreement ("Hélène Dupont", "Elgeseter gate 10", BF_AGREEMENT_STATE_UTKAST,
                                             "2025-01-01", "2025-06-01", NULL, FALSE);
  static const char * const nasty[] = {
    "\"", "*", "OR", "NEAR(", "a\" OR \"b", "tenant_name:x", "-", "^", "()", "AND NOT", "\"\"*", "'", NULL
  };

  save (f->store, a);
  save (f->store, b);
  save (f->store, c);
  add_visit (f->store, b, "2025-02-01", FALSE, "Snakket om vaskemaskinen");

  /* Bjørn Ærlig, and the fixture's address in Bjørnstadveien. */
  g_assert_cmpuint (search (f->store, "bjorn"), ==, 2);
  g_assert_cmpuint (search (f->store, "Bjørn"), ==, 2);
  g_assert_cmpuint (search (f->store, "bjørn"), ==, 2);
  g_assert_cmpuint (search (f->store, "Bjo"), ==, 2);
  g_assert_cmpuint (search (f->store, "BJØ"), ==, 2);
  g_assert_cmpuint (search (f->store, "bjorn aerlig"), ==, 1);
  g_assert_cmpuint (search (f->store, "bjornstad"), ==, 1);
  g_assert_cmpuint (search (f->store, "aerlig"), ==, 1);
  g_assert_cmpuint (search (f->store, "Ærlig"), ==, 1);
  g_assert_cmpuint (search (f->store, "ærl"), ==, 1);
  g_assert_cmpuint (search (f->store, "helene"), ==, 1);
  g_assert_cmpuint (search (f->store, "Hélène dup"), ==, 1);
  /* Kari Østby Ålien: the fixture. */
  g_assert_cmpuint (search (f->store, "ostby alien"), ==, 1);
  g_assert_cmpuint (search (f->store, "Østby Ålien"), ==, 1);
  /* Address, both word starts and the folded form. */
  g_assert_cmpuint (search (f->store, "munkegata"), ==, 1);
  g_assert_cmpuint (search (f->store, "bjornstad"), ==, 1);
  /* Goals: “mestre” in all three, “mestrer” only in the fixture. */
  g_assert_cmpuint (search (f->store, "mestre"), ==, 3);
  g_assert_cmpuint (search (f->store, "mestrer"), ==, 1);
  /* Log notes: a visit added through the store and one imported with the fixture. */
  g_assert_cmpuint (search (f->store, "vaskemaskin"), ==, 1);
  g_assert_cmpuint (search (f->store, "kjoleskapet"), ==, 1);
  g_assert_cmpuint (search (f->store, "strømregningen"), ==, 1);
  /* Every word must match. */
  g_assert_cmpuint (search (f->store, "bjorn munkegata"), ==, 1);
  g_assert_cmpuint (search (f->store, "bjorn elgeseter"), ==, 0);
  g_assert_cmpuint (search (f->store, "ingen slik person"), ==, 0);
  /* No words: everything. */
  g_assert_cmpuint (search (f->store, "  "), ==, 3);

  for (guint i = 0; nasty[i] != NULL; i++)
    {
      g_test_message ("query %s", nasty[i]);
      search (f->store, nasty[i]);
    }
  /* Operators are words like any other: OR is the prefix "or", not a union. */
  g_assert_cmpuint (search (f->store, "Bjørn\" OR \"*"), ==, search (f->store, "bjorn or"));
  g_assert_cmpuint (search (f->store, "munkegata OR elgeseter"), ==, 0);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  BfAgreementQuery q;
  BfAgreement *a, *b, *c, *d, *e, *g;
  GDate today;

  /* FIXTURE_TODAY is 2025-03-01: the red lamp cutoff is 2025-02-08, the
   * lease horizons 2025-09-01 and 2026-03-01. */
  a = make_agreement ("Anna Rød", "A-veien 1", BF_AGREEMENT_STATE_AKTIV, "2025-01-01", "2025-06-01", "2030-01-01", FALSE);
  b = make_agreement ("Øystein Forfalt", "B-veien 2", BF_AGREEMENT_STATE_AKTIV, "2025-01-01", "2025-02-15", "2030-01-01", FALSE);
  c = make_agreement ("Åse Grense", "C-veien 3", BF_AGREEMENT_STATE_AKTIV, "2025-01-01", "2025-06-01", "2030-01-01", FALSE);
  d = make_agreement ("Zara Utkast", "D-veien 4", BF_AGREEMENT_STATE_UTKAST, "2025-01-01", "2025-02-01", "2025-08-01", FALSE);
  e = make_agreement ("Ærlig Barnefamilie", "E-veien 5", BF_AGREEMENT_STATE_AKTIV, "2025-01-01", "2025-06-01", "2026-01-15", TRUE);
  g = make_agreement ("Bodil Avsluttet", "G-veien 7", BF_AGREEMENT_STATE_AVSLUTTET, "2024-01-01", "2024-06-01", "2025-04-01", FALSE);
  g_ptr_array_add (all, a);
  g_ptr_array_add (all, b);
  g_ptr_array_add (all, c);
  g_ptr_array_add (all, d);
  g_ptr_array_add (all, e);
  g_ptr_array_add (all, make_agreement ("Frode Ok", "F-veien 6", BF_AGREEMENT_STATE_AKTIV, "2025-01-01", "2025-06-01", "2026-01-15", FALSE));
  g_ptr_array_add (all, g);
  for (guint i = 0; i < all->len; i++)
    save (f->store, all->pdata[i]);

  add_visit (f->store, a, "2025-02-28", TRUE, "Ingen åpnet");   /* an attempt, not a contact */
  add_visit (f->store, b, "2025-02-20", FALSE, NULL);
  add_visit (f->store, c, "2025-02-08", FALSE, NULL);           /* exactly 21 days */
  add_visit (f->store, e, "2025-02-25", FALSE, NULL);
  add_visit (f->store, all->pdata[5], "2025-02-25", FALSE, NULL);

  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_ALL, 0, NULL), ==, 7);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_ALL, BF_AGREEMENT_STATE_AKTIV, NULL), ==, 5);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_ALL, BF_AGREEMENT_STATE_UTKAST, NULL), ==, 1);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_ALL, BF_AGREEMENT_STATE_FORLENGET, NULL), ==, 0);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_RED_LAMP, 0, NULL), ==, 2);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_OVERDUE, 0, NULL), ==, 1);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_LEASE_EXPIRING, 0, NULL), ==, 2);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_NEEDS_ATTENTION, 0, NULL), ==, 5);
  g_assert_cmpuint (count (f->store, BF_AGREEMENT_FILTER_RED_LAMP, BF_AGREEMENT_STATE_AKTIV, "åse"), ==, 1);

  fixture_today (&today);
  bf_agreement_query_init (&q, &today);
  items = bf_agreement_store_list (f->store, &q, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 7);
  /* Norwegian order: … Z, Æ, Ø, Å. */
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[0]), ==, "Anna Rød");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[1]), ==, "Bodil Avsluttet");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[3]), ==, "Zara Utkast");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[4]), ==, "Ærlig Barnefamilie");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[5]), ==, "Øystein Forfalt");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[6]), ==, "Åse Grense");
  g_assert_cmpuint (bf_agreement_item_get_badges (items->pdata[0]), ==, BF_AGREEMENT_BADGE_RED_LAMP);
  g_assert_cmpuint (bf_agreement_item_get_badges (items->pdata[5]), ==, BF_AGREEMENT_BADGE_OVERDUE);
  g_assert_cmpuint (bf_agreement_item_get_badges (items->pdata[4]), ==, BF_AGREEMENT_BADGE_LEASE_EXPIRING);
  g_assert_cmpuint (bf_agreement_item_get_badges (items->pdata[1]), ==, BF_AGREEMENT_BADGE_NONE);
  g_assert_cmpuint (bf_agreement_item_get_state (items->pdata[3]), ==, BF_AGREEMENT_STATE_UTKAST);
  g_assert_cmpstr (bf_agreement_item_get_last_contact (items->pdata[6]), ==, "2025-02-08");
  g_assert_null (bf_agreement_item_get_last_contact (items->pdata[0]));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Paging, and the other orders. */
  items = bf_agreement_store_list (f->store, &q, 5, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  q.sort = BF_AGREEMENT_SORT_NEXT_EVALUATION;
  items = bf_agreement_store_list (f->store, &q, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[0]), ==, "Bodil Avsluttet");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[1]), ==, "Zara Utkast");
  g_clear_pointer (&items, g_ptr_array_unref);

  q.sort = BF_AGREEMENT_SORT_LAST_CONTACT;
  q.filter = BF_AGREEMENT_FILTER_RED_LAMP;
  items = bf_agreement_store_list (f->store, &q, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[0]), ==, "Anna Rød");
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (items->pdata[1]), ==, "Åse Grense");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The plans use the indexes: no full scan and no sort of the table. */
  bf_agreement_query_init (&q, &today);
  plan = bf_agreement_store_explain (f->store, &q, FALSE, &error);
  g_assert_no_error (error);
  g_test_message ("by name: %s", plan);
  g_assert_nonnull (strstr (plan, "agreements_by_name"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_clear_pointer (&plan, g_free);

  q.state = BF_AGREEMENT_STATE_AKTIV;
  plan = bf_agreement_store_explain (f->store, &q, FALSE, &error);
  g_assert_no_error (error);
  g_test_message ("by state: %s", plan);
  g_assert_nonnull (strstr (plan, "agreements_by_state"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_clear_pointer (&plan, g_free);

  plan = bf_agreement_store_explain (f->store, &q, TRUE, &error);
  g_assert_no_error (error);
  g_test_message ("count by state: %s", plan);
  g_assert_nonnull (strstr (plan, "USING COVERING INDEX agreements_by_state"));
  g_clear_pointer (&plan, g_free);

  q.state = 0;
  q.search = "bjorn";
  plan = bf_agreement_store_explain (f->store, &q, FALSE, &error);
  g_assert_no_error (error);
  g_test_message ("search: %s", plan);
  g_assert_nonnull (strstr (plan, "VIRTUAL TABLE INDEX"));
  g_assert_nonnull (strstr (plan, "USING INTEGER PRIMARY KEY"));
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) loaded = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  bf_agreement_store_save_async (f->store, a, NULL, NULL, async_done_cb, &saved);
  g_assert_true (bf_agreement_store_save_finish (f->store, wait_for (&saved), &error));
  g_assert_no_error (error);

  bf_agreement_store_load_async (f->store, ID_AGREEMENT, NULL, async_done_cb, &read);
  loaded = bf_agreement_store_load_finish (f->store, wait_for (&read), &error);
  g_assert_no_error (error);
  before = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  after = bf_agreement_to_json (loaded, BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (after, ==, before);

  bf_agreement_store_load_async (f->store, "no-such-id", NULL, async_done_cb, &missing);
  g_assert_null (bf_agreement_store_load_finish (f->store, wait_for (&missing), &error));
  g_assert_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_NOT_FOUND);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *out)
{
  out[0] = position;
  out[1] = removed;
  out[2] = added;
  out[3]++;
}

static void
test_list_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BfAgreementListModel) model = NULL;
  g_autoptr(BfAgreementItem) first = NULL;
  g_autoptr(BfAgreementItem) far = NULL;
  g_autoptr(BfAgreementItem) again = NULL;
  g_autoptr(BfAgreement) extra = NULL;
  g_autoptr(BfAgreement) rolled_back = NULL;
  g_autoptr(GError) error = NULL;
  guint changed[4] = { 0, 0, 0, 0 };
  GDate today;

  g_assert_true (bf_agreement_store_begin (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Leietaker %03u", i);
      g_autoptr(BfAgreement) a = make_agreement (name, "Storgata 1", i % 2 ? BF_AGREEMENT_STATE_AKTIV : BF_AGREEMENT_STATE_UTKAST,
                                                 "2025-02-20", "2025-06-01", NULL, FALSE);
      save (f->store, a);
    }
  g_assert_true (bf_agreement_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* A rolled-back batch leaves nothing behind. */
  g_assert_true (bf_agreement_store_begin (f->store, &error));
  rolled_back = make_agreement ("Angret", "Storgata 9", BF_AGREEMENT_STATE_UTKAST, "2025-02-20", "2025-06-01", NULL, FALSE);
  save (f->store, rolled_back);
  bf_agreement_store_rollback (f->store);
  g_assert_false (bf_agreement_store_contains (f->store, bf_agreement_get_id (rolled_back)));

  model = bf_agreement_list_model_new (f->store);
  fixture_today (&today);
  bf_agreement_list_model_set_today (model, &today);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changed);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BF_TYPE_AGREEMENT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 120);
  g_assert_cmpuint (bf_agreement_list_model_get_n_fetches (model), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (first), ==, "Leietaker 000");
  g_assert_cmpuint (bf_agreement_list_model_get_n_fetches (model), ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpuint (bf_agreement_list_model_get_n_fetches (model), ==, 1);
  far = g_list_model_get_item (G_LIST_MODEL (model), 119);
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (far), ==, "Leietaker 119");
  g_assert_cmpuint (bf_agreement_list_model_get_n_fetches (model), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 120));

  bf_agreement_list_model_set_state (model, BF_AGREEMENT_STATE_AKTIV);
  g_assert_cmpuint (changed[3], ==, 1);
  g_assert_cmpuint (changed[0], ==, 0);
  g_assert_cmpuint (changed[1], ==, 120);
  g_assert_cmpuint (changed[2], ==, 60);

  bf_agreement_list_model_set_search (model, "leietaker 01");
  g_assert_cmpuint (changed[3], ==, 2);
  g_assert_cmpuint (changed[2], ==, 5);   /* 011, 013, 015, 017, 019 */

  bf_agreement_list_model_set_search (model, NULL);
  bf_agreement_list_model_set_state (model, BF_AGREEMENT_STATE_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 120);

  extra = make_agreement ("Aaberg", "Storgata 2", BF_AGREEMENT_STATE_AKTIV, "2025-02-20", "2025-06-01", NULL, FALSE);
  save (f->store, extra);
  bf_agreement_list_model_refresh (model);
  g_assert_cmpuint (changed[1], ==, 120);
  g_assert_cmpuint (changed[2], ==, 121);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (bf_agreement_item_get_tenant_name (first), ==, "Aaberg");

  bf_agreement_list_model_set_sort (model, BF_AGREEMENT_SORT_UPDATED);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 121);
  g_assert_nonnull (bf_agreement_item_get_id (first));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/agreement-store/fold", test_fold);
  g_test_add ("/agreement-store/versions", Fixture, NULL, fixture_setup, test_versions, fixture_teardown);
  g_test_add ("/agreement-store/drafts", Fixture, NULL, fixture_setup, test_drafts, fixture_teardown);
  g_test_add ("/agreement-store/logs", Fixture, NULL, fixture_setup, test_logs, fixture_teardown);
  g_test_add ("/agreement-store/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/agreement-store/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/agreement-store/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/agreement-store/queries", Fixture, NULL, fixture_setup, test_queries, fixture_teardown);
  g_test_add ("/agreement-store/list-model", Fixture, NULL, fixture_setup, test_list_model, fixture_teardown);

  return g_test_run ();
}
