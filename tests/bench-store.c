/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Prints what the agreement store costs with 10,000 agreements: the time
 * to insert them (with two visits each), the median and 95th percentile
 * of 100 searches, a list page and a count, and the query plans that show
 * the indexes at work. The agreements are simple and varied; the realistic
 * demo generator is `bofastctl demo`.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bf-agreement-private.h"
#include "bf-agreement-store.h"
#include "bf-secure.h"

#define N_AGREEMENTS 10000
#define BATCH        500
#define N_SEARCHES   100

static const char * const first_names[] = {
  "Kari", "Ola", "Bjørn", "Åse", "Ærlig", "Øystein", "Hélène", "Per", "Ingrid", "Nils",
  "Sigrid", "Jørgen", "Mona", "Tor", "Liv", "Håkon", "Siv", "Ahmed", "Fatima", "Marius",
};
static const char * const last_names[] = {
  "Østby", "Ålien", "Hansen", "Grønli", "Bø", "Nilsen", "Berg", "Sæther", "Løken", "Haugen",
  "Dahl", "Strøm", "Lie", "Moe", "Aas", "Kristiansen", "Næss", "Fjærli", "Vik", "Holm",
};
static const char * const streets[] = {
  "Bjørnstadveien", "Munkegata", "Elgeseter gate", "Ålesundgata", "Kjøpmannsgata",
  "Innherredsveien", "Byåsveien", "Sjøgangen", "Lerkendalsveien", "Tempeveien",
};
static const char * const notes[] = {
  "Ryddig i stua, kjøleskapet var tomt; vi handlet sammen.",
  "Leietaker høres sliten ut, men er trygg.",
  "Snakket om husleien og strømregningen.",
  "Naboen klaget på støy; vi avtalte et møte med bomiljøteamet.",
  "Ingen åpnet døren.",
};
static const char * const queries[] = {
  "bjorn", "Bjø", "ost", "Østby", "aerlig", "ål", "helene", "hansen", "munkeg", "kjoleskap",
  "sliten", "strøm", "husleie", "bo", "kari hansen", "per berg", "tempe", "nabo", "sjø", "liv",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static char *
date_plus (guint days)
{
  GDate d;

  g_date_set_dmy (&d, 1, G_DATE_JANUARY, 2024);
  g_date_add_days (&d, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static BfAgreement *
make_agreement (GRand *rand,
                guint  i)
{
  static const BfAgreementState states[] = {
    BF_AGREEMENT_STATE_UTKAST, BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_AKTIV,
    BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_FORLENGET,
    BF_AGREEMENT_STATE_AVSLUTTET,
  };
  BfAgreement *a = bf_agreement_new ();
  BfHeader *h = bf_agreement_get_header (a);
  BfBackground *b = bf_agreement_get_background (a);
  BfAgreementState state = states[i % G_N_ELEMENTS (states)];
  guint start = g_rand_int_range (rand, 0, 400);
  g_autofree char *hash = NULL;

  h->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
  h->tenant_name = g_strdup_printf ("%s %s", first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                    last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
  h->address = g_strdup_printf ("%s %u, 70%02u Trondheim", streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                g_rand_int_range (rand, 1, 120), g_rand_int_range (rand, 10, 99));
  h->unit = g_strdup ("Lerkendal");
  h->household_with_children = g_rand_boolean (rand);
  h->lease_start = date_plus (start);
  h->lease_expiry = date_plus (start + g_rand_int_range (rand, 300, 1100));
  b->background = g_strdup ("Leietaker har hatt flere utkastelser og trenger tett oppfølging i egen bolig.");
  b->main_goal = g_strdup ("At leietaker mestrer å bo i egen bolig og beholder leieforholdet.");
  bf_agreement_get_duration (a)->from = date_plus (start);
  bf_agreement_get_evaluation_plan (a)->date = date_plus (start + g_rand_int_range (rand, 90, 400));

  hash = bf_agreement_compute_content_hash (a);
  bf_agreement_set_loaded_state (a, state, state == BF_AGREEMENT_STATE_AVSLUTTET ? BF_END_REASON_MAL_NADD : 0,
                                 1, hash, "2025-01-01T10:00:00Z", 0, NULL);

  for (guint v = 0; v < 2; v++)
    {
      g_autofree char *date = date_plus (start + g_rand_int_range (rand, 0, 420));
      BfVisit *visit = bf_visit_new (date, BF_VISIT_TYPE_HJEMMEBESOK);
      guint n = g_rand_int_range (rand, 0, G_N_ELEMENTS (notes));

      visit->observations = g_strdup (notes[n]);
      visit->no_access = n == G_N_ELEMENTS (notes) - 1;
      bf_agreement_add_visit (a, visit);
    }
  return a;
}

static void
check (gboolean      ok,
       const GError *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static void
report_timings (const char *what,
                GArray     *times)
{
  g_array_sort (times, compare_doubles);
  g_print ("%-34s median %7.3f ms   p95 %7.3f ms   max %7.3f ms   (n=%u)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           g_array_index (times, double, times->len - 1), times->len);
}

static void
print_plan (guint       n_rows,
            const char *what,
            const char *plan)
{
  g_auto(GStrv) steps = g_strsplit (g_strchomp ((char *) plan), "\n", -1);

  g_print ("  %u rows; %s plan:\n", n_rows, what);
  for (guint i = 0; steps[i] != NULL; i++)
    g_print ("    %s\n", steps[i]);
}

static void
time_query (BfAgreementStore *store,
            const char       *what,
            BfAgreementQuery *q,
            guint             offset)
{
  g_autoptr(GArray) list_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *count_plan = NULL;
  g_autofree char *list_label = g_strdup_printf ("list page (50 @ %u) %s", offset, what);
  g_autofree char *count_label = g_strdup_printf ("count %s", what);
  guint n = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      double t0 = now_ms (), t1;

      items = bf_agreement_store_list (store, q, offset, 50, &error);
      check (items != NULL, error);
      t1 = now_ms ();
      check (bf_agreement_store_count (store, q, &n, &error), error);
      g_array_append_val (list_times, (double) { t1 - t0 });
      g_array_append_val (count_times, (double) { now_ms () - t1 });
    }

  report_timings (list_label, list_times);
  report_timings (count_label, count_times);
  plan = bf_agreement_store_explain (store, q, FALSE, &error);
  check (plan != NULL, error);
  count_plan = bf_agreement_store_explain (store, q, TRUE, &error);
  check (count_plan != NULL, error);
  print_plan (n, "list", plan);
  print_plan (n, "count", count_plan);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(BfStore) db = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251122);
  g_autoptr(GArray) search_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) single_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  BfAgreementQuery q;
  GDate today;
  double t0, insert_ms;
  guint hits = 0;

  check (bf_secure_init (&error), error);
  dir = g_dir_make_tmp ("bofast-bench-XXXXXX", &error);
  check (dir != NULL, error);
  path = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  key = bf_secret_new_random (BF_STORE_KEY_SIZE);
  db = bf_store_create (path, key, &error);
  check (db != NULL, error);
  store = bf_agreement_store_new (db);

  /* Batches of BATCH agreements in one transaction, as an import would
   * run; each save is its own savepoint inside it. */
  t0 = now_ms ();
  for (guint i = 0; i < N_AGREEMENTS; i++)
    {
      g_autoptr(BfAgreement) a = make_agreement (rand, i);

      if (i % BATCH == 0)
        check (bf_agreement_store_begin (store, &error), error);
      check (bf_agreement_store_save (store, a, NULL, &error), error);
      if (i % BATCH == BATCH - 1 || i == N_AGREEMENTS - 1)
        check (bf_agreement_store_commit (store, &error), error);
    }
  insert_ms = now_ms () - t0;
  g_print ("SQLCipher %s, %d agreements with 2 visits each\n", bf_store_get_cipher_version (db), N_AGREEMENTS);
  g_print ("%-34s %.0f ms total, %.3f ms per agreement (batches of %d)\n", "insert", insert_ms,
           insert_ms / N_AGREEMENTS, BATCH);

  /* One save on its own: a durable commit (synchronous = FULL). */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(BfAgreement) a = make_agreement (rand, i);

      t0 = now_ms ();
      check (bf_agreement_store_save (store, a, NULL, &error), error);
      g_array_append_val (single_times, (double) { now_ms () - t0 });
    }
  report_timings ("save, own transaction", single_times);

  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2025);
  bf_agreement_query_init (&q, &today);

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      guint n = 0;

      q.search = queries[i % G_N_ELEMENTS (queries)];
      t0 = now_ms ();
      check (bf_agreement_store_count (store, &q, &n, &error), error);
      items = bf_agreement_store_list (store, &q, 0, 50, &error);
      check (items != NULL, error);
      g_array_append_val (search_times, (double) { now_ms () - t0 });
      hits += n;
    }
  report_timings ("search (count + first page)", search_times);
  g_print ("  %u hits in all\n", hits);

  q.search = NULL;
  time_query (store, "by name", &q, 0);
  time_query (store, "by name", &q, 5000);
  q.search = "bjorn";
  time_query (store, "search 'bjorn'", &q, 0);
  q.search = NULL;
  q.state = BF_AGREEMENT_STATE_AKTIV;
  time_query (store, "state aktiv", &q, 0);
  q.state = BF_AGREEMENT_STATE_NONE;
  q.filter = BF_AGREEMENT_FILTER_RED_LAMP;
  q.sort = BF_AGREEMENT_SORT_LAST_CONTACT;
  time_query (store, "red lamp", &q, 0);
  q.filter = BF_AGREEMENT_FILTER_NEEDS_ATTENTION;
  q.sort = BF_AGREEMENT_SORT_NEXT_EVALUATION;
  time_query (store, "needs attention", &q, 0);

  g_clear_object (&store);
  bf_store_close (db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
