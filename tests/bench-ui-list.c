/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What the follow-up worker waits for, with 10,000 agreements:
 *   start → first window    from main() to the first painted frame of a
 *                           window (the create page; no profile yet)
 *   unlock → drawn list     from pressing Enter on the unlock page to the
 *                           first painted frame that shows list rows; the
 *                           KDF runs with the cheap test parameters here
 *                           (bench-unlock measures the real ones)
 *   jump to the end         scrolling to the last row and painting it
 * and how many pages of 50 the list model fetched for all of it.
 * Printed as TAP comments. Run: meson test -C _build --benchmark -v ui-list
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "bf-agreement-list-page.h"
#include "bf-agreement-private.h"
#include "bf-agreement-row.h"
#include "bf-secure.h"
#include "bf-unlock-page.h"
#include "bf-window-private.h"

#define N_AGREEMENTS 10000
#define BATCH        500
#define PASSPHRASE   "korrekt hest batteri stift"

static const char * const first_names[] = {
  "Kari", "Ola", "Bjørn", "Åse", "Øystein", "Per", "Ingrid", "Nils", "Sigrid", "Jørgen",
  "Mona", "Tor", "Liv", "Håkon", "Siv", "Ahmed", "Fatima", "Marius",
};
static const char * const last_names[] = {
  "Østby", "Hansen", "Grønli", "Bø", "Nilsen", "Berg", "Sæther", "Løken", "Haugen", "Dahl",
  "Strøm", "Lie", "Moe", "Aas", "Næss", "Vik", "Holm",
};

static gint64 t_main;

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static char *
iso_days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
seed (BfAgreementStore *store)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  for (guint i = 0; i < N_AGREEMENTS; i++)
    {
      g_autoptr(BfAgreement) a = bf_agreement_new ();
      g_autofree char *hash = NULL;
      g_autofree char *visit = iso_days_from_today (-g_rand_int_range (rand, 0, 40));
      BfHeader *h = bf_agreement_get_header (a);

      if (i % BATCH == 0 && !bf_agreement_store_begin (store, &error))
        g_error ("%s", error->message);

      h->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
      h->tenant_name = g_strdup_printf ("%s %s",
                                        first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                        last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
      h->address = g_strdup_printf ("Munkegata %u, 7011 Trondheim", i % 200 + 1);
      h->unit = g_strdup ("Lerkendal");
      h->lease_start = iso_days_from_today (-300);
      h->lease_expiry = iso_days_from_today (g_rand_int_range (rand, 30, 900));
      bf_agreement_get_duration (a)->from = iso_days_from_today (-300);
      bf_agreement_get_evaluation_plan (a)->date = iso_days_from_today (g_rand_int_range (rand, -30, 300));
      hash = bf_agreement_compute_content_hash (a);
      bf_agreement_set_loaded_state (a, BF_AGREEMENT_STATE_AKTIV, 0, 1, hash, "2026-01-01T10:00:00Z", 0, NULL);
      bf_agreement_add_visit (a, bf_visit_new (visit, BF_VISIT_TYPE_HJEMMEBESOK));

      if (!bf_agreement_store_save (store, a, NULL, &error))
        g_error ("%s", error->message);

      if ((i + 1) % BATCH == 0 && !bf_agreement_store_commit (store, &error))
        g_error ("%s", error->message);
    }

  g_print ("# inserted %u agreements through the store in %.0f ms\n", N_AGREEMENTS, ms_since (t0));
}

static guint
count_bound_rows (GtkWidget *widget)
{
  guint n = 0;

  if (BF_IS_AGREEMENT_ROW (widget))
    return bf_agreement_row_get_item (BF_AGREEMENT_ROW (widget)) != NULL && gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_bound_rows (child);
  return n;
}

typedef struct
{
  GtkWidget *watch;      /* a window, or a list view whose rows must show */
  gboolean   painted;
  gint64     when;
} PaintWait;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWait     *wait)
{
  if (wait->painted)
    return;
  if (GTK_IS_WINDOW (wait->watch) || count_bound_rows (wait->watch) > 0)
    {
      wait->painted = TRUE;
      wait->when = g_get_monotonic_time ();
    }
}

static void
wait_for_paint (GtkWidget *window,
                PaintWait *wait)
{
  GdkFrameClock *clock = NULL;
  gulong id = 0;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!wait->painted)
    {
      if (clock == NULL && gtk_widget_get_realized (window))
        {
          clock = gtk_widget_get_frame_clock (window);
          id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), wait);
          gtk_widget_queue_draw (window);
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a frame");
      g_main_context_iteration (NULL, TRUE);
    }

  g_signal_handler_disconnect (clock, id);
}

static gint64 t_unlocked;

static void
on_locked_changed_cb (BfProfile  *profile,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  /* Emitted as the store is installed, before the window hears of it. */
  if (!bf_profile_get_locked (profile) && t_unlocked == 0)
    t_unlocked = g_get_monotonic_time ();
}

static gboolean
page_is (BfWindow   *window,
         const char *page)
{
  return g_strcmp0 (bf_window_get_visible_page (window), page) == 0;
}

static void
bench_list (void)
{
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  BfWindow *window;
  PaintWait first = { 0 };
  PaintWait drawn = { 0 };
  PaintWait end = { 0 };
  GtkWidget *row;
  GtkWidget *list_view;
  GtkAdjustment *adj;
  BfAgreementListPage *list_page;
  BfAgreementListModel *model;
  gint64 t_enter, t_main_page, t_jump;

  /* Start → first window: no profile yet, so the create page. */
  window = bf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  first.watch = GTK_WIDGET (window);
  wait_for_paint (GTK_WIDGET (window), &first);
  g_print ("# start → first window painted: %.0f ms\n", (first.when - t_main) / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* 10,000 agreements, then a locked profile. */
  root = bf_profile_get_default_root ();
  {
    g_autoptr(BfProfile) profile = bf_profile_create (root, "Kari Nordmann", "Lerkendal", PASSPHRASE, &error);
    g_autoptr(BfAgreementStore) store = NULL;

    g_assert_no_error (error);
    store = bf_agreement_store_new (bf_profile_get_store (profile));
    seed (store);
    g_clear_object (&store);
    bf_profile_lock (profile);

    /* The core's part of an unlock, for comparison: the KDF (test
     * parameters) and opening the store. */
    for (guint i = 0; i < 2; i++)
      {
        gint64 t0 = g_get_monotonic_time ();

        g_assert_true (bf_profile_unlock (profile, PASSPHRASE, &error));
        g_assert_no_error (error);
        g_print ("# bf_profile_unlock() alone, %s: %.0f ms\n", i == 0 ? "first" : "second", ms_since (t0));
        bf_profile_lock (profile);
      }
  }

  window = bf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  while (!page_is (window, "unlock"))
    g_main_context_iteration (NULL, TRUE);

  /* Unlock → the first frame with rows in it. */
  row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->unlock_page), BF_TYPE_UNLOCK_PAGE, "passphrase_row"));
  gtk_editable_set_text (GTK_EDITABLE (row), PASSPHRASE);
  g_signal_connect (bf_unlock_page_get_profile (window->unlock_page), "notify::locked",
                    G_CALLBACK (on_locked_changed_cb), NULL);
  t_enter = g_get_monotonic_time ();
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
  while (!page_is (window, "main"))
    g_main_context_iteration (NULL, TRUE);
  t_main_page = g_get_monotonic_time ();

  list_page = bf_main_page_get_list_page (window->main_page);
  model = bf_agreement_list_page_get_model (list_page);
  list_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (list_page), BF_TYPE_AGREEMENT_LIST_PAGE, "list_view"));
  drawn.watch = list_view;
  wait_for_paint (GTK_WIDGET (window), &drawn);

  g_print ("# %u agreements in the list\n", g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_print ("# unlock: Enter → profile open (KDF with test parameters, store open): %.0f ms\n",
           (t_unlocked - t_enter) / 1000.0);
  g_print ("# unlock: profile open → list page built and counted: %.0f ms\n",
           (t_main_page - t_unlocked) / 1000.0);
  g_print ("# unlock → drawn list: %.0f ms; %u rows on screen; %u page(s) of %u fetched\n",
           (drawn.when - t_enter) / 1000.0, count_bound_rows (list_view),
           bf_agreement_list_model_get_n_fetches (model), BF_AGREEMENT_LIST_MODEL_PAGE_SIZE);

  /* Jump to the last row: only the pages there are fetched. */
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  end.watch = list_view;
  t_jump = g_get_monotonic_time ();
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  wait_for_paint (GTK_WIDGET (window), &end);
  g_print ("# jump to the end → drawn: %.0f ms; %u page(s) fetched in all\n",
           (end.when - t_jump) / 1000.0, bf_agreement_list_model_get_n_fetches (model));

  bf_window_lock (window, BF_LOCK_REASON_USER);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  t_main = g_get_monotonic_time ();

  gtk_disable_setlocale ();
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  g_setenv ("BOFAST_KDF_TEST_PARAMS", "1", FALSE);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/bench/ui-list", bench_list);

  return g_test_run ();
}
