/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drives the agreement list in the real window: agreements seeded through
 * the store, unlock, the rows, search as you type, "Needs follow-up", the
 * editor and back, the reminder counts, and a lock that lets go of the
 * list model and everything in it.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "bf-agreement-list-page.h"
#include "bf-agreement-private.h"
#include "bf-agreement-row.h"
#include "bf-editor-page.h"
#include "bf-reminders.h"
#include "bf-secure.h"
#include "bf-unlock-page.h"
#include "bf-visit-dialog.h"
#include "bf-window-private.h"

#define NAME       "Kari Nordmann"
#define UNIT       "Bydel Lerkendal"
#define PASSPHRASE "korrekt hest batteri stift"

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition   condition,
               gpointer    data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static char *
iso_days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* An agreement as the list sees it: a state, an evaluation date and,
 * optionally, a visit @contact_days_ago days ago. */
static void
add_agreement (BfAgreementStore *store,
               const char       *tenant,
               const char       *address,
               BfAgreementState  state,
               int               evaluation_in_days,
               int               contact_days_ago)
{
  g_autoptr(BfAgreement) a = bf_agreement_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  BfHeader *h = bf_agreement_get_header (a);

  h->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
  h->tenant_name = g_strdup (tenant);
  h->address = g_strdup (address);
  h->unit = g_strdup (UNIT);
  h->lease_start = iso_days_from_today (-200);
  h->lease_expiry = iso_days_from_today (900);
  bf_agreement_get_background (a)->background = g_strdup ("Leietaker ønsker hjelp til å bo.");
  bf_agreement_get_duration (a)->from = iso_days_from_today (-200);
  bf_agreement_get_evaluation_plan (a)->date = iso_days_from_today (evaluation_in_days);

  hash = bf_agreement_compute_content_hash (a);
  bf_agreement_set_loaded_state (a, state, 0, 1, hash, "2026-01-01T10:00:00Z", 0, NULL);

  if (contact_days_ago >= 0)
    {
      g_autofree char *date = iso_days_from_today (-contact_days_ago);

      bf_agreement_add_visit (a, bf_visit_new (date, BF_VISIT_TYPE_HJEMMEBESOK));
    }

  g_assert_true (bf_agreement_store_save (store, a, NULL, &error));
  g_assert_no_error (error);
}

static void
create_profile (gboolean seed)
{
  g_autofree char *root = bf_profile_get_default_root ();
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(GError) error = NULL;

  profile = bf_profile_create (root, NAME, UNIT, PASSPHRASE, &error);
  g_assert_no_error (error);

  if (seed)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "agreement-full.json", NULL);
      g_autofree char *json = NULL;
      g_autofree char *id = NULL;

      store = bf_agreement_store_new (bf_profile_get_store (profile));

      /* Kari Østby Ålien, Bjørnstadveien: active, last contact in 2025. */
      g_assert_true (g_file_get_contents (path, &json, NULL, &error));
      g_assert_no_error (error);
      id = bf_agreement_store_import_json (store, json, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);

      /* Red light: 22 days without contact. */
      add_agreement (store, "Bjørn Berg", "Munkegata 4, 7011 Trondheim", BF_AGREEMENT_STATE_AKTIV, 60, 22);
      /* Evaluation overdue, recent contact. */
      add_agreement (store, "Ingrid Dahl", "Tempeveien 2, 7031 Trondheim", BF_AGREEMENT_STATE_AKTIV, -10, 5);
      /* Nothing to follow up. */
      add_agreement (store, "Åse Hansen", "Sjøgangen 9, 7010 Trondheim", BF_AGREEMENT_STATE_AKTIV, 90, 3);
      add_agreement (store, "Liv Moe", "Byåsveien 40, 7020 Trondheim", BF_AGREEMENT_STATE_FORLENGET, 120, 20);
      /* A draft runs no clock: no red light without contact. */
      add_agreement (store, "Per Nilsen", "Elgeseter gate 1, 7030 Trondheim", BF_AGREEMENT_STATE_UTKAST, 90, -1);
    }

  g_clear_object (&store);
  bf_profile_lock (profile);
}

typedef struct
{
  BfWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is_visible (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (bf_window_get_visible_page (wait->window), wait->page) == 0;
}

static void
wait_for_page (BfWindow   *window,
               const char *page)
{
  PageWait wait = { window, page };

  iterate_until (page_is_visible, &wait, page);
}

static BfWindow *
open_window_and_unlock (void)
{
  BfWindow *window = bf_window_new (NULL);
  BfUnlockPage *unlock_page;
  GtkWidget *row;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "unlock");

  unlock_page = template_child (window, BF_TYPE_WINDOW, "unlock_page");
  row = template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  gtk_editable_set_text (GTK_EDITABLE (row), PASSPHRASE);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
  wait_for_page (window, "main");

  return window;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
model_has_n (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static void
wait_for_n_items (BfAgreementListModel *model,
                  guint                 n)
{
  CountWait wait = { G_LIST_MODEL (model), n };
  g_autofree char *what = g_strdup_printf ("%u rows", n);

  iterate_until (model_has_n, &wait, what);
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

static gboolean
list_is_drawn (gpointer data)
{
  return count_bound_rows (data) > 0;
}

static gboolean
editor_is_gone (gpointer data)
{
  return bf_main_page_get_editor (data) == NULL;
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static void
test_list (void)
{
  BfWindow *window;
  BfMainPage *main_page;
  BfAgreementListPage *list_page;
  BfAgreementListModel *model;
  GtkWidget *search_entry;
  GtkWidget *list_view;
  gboolean model_finalized = FALSE;
  guint n_overdue = 0, n_red_lamp = 0;

  create_profile (TRUE);
  window = open_window_and_unlock ();

  main_page = bf_window_get_main_page (window);
  g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "list");
  list_page = bf_main_page_get_list_page (main_page);
  g_assert_nonnull (list_page);
  model = bf_agreement_list_page_get_model (list_page);

  /* Every agreement, and the rows on screen are filled in. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "content_stack")), ==, "list");
  list_view = template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "list_view");
  iterate_until (list_is_drawn, list_view, "the rows to be drawn");
  g_assert_cmpuint (count_bound_rows (list_view), ==, 6);
  g_test_message ("attention count: %s",
                  gtk_label_get_label (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "attention_count_label")));
  g_assert_cmpstr (gtk_label_get_label (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "attention_count_label")), ==, "3");

  /* Ctrl+F (win.find) puts the focus in the search field. */
  search_entry = template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "search_entry");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (gtk_widget_is_focus (gtk_widget_get_first_child (search_entry)) ||
                 gtk_widget_has_focus (search_entry) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), search_entry));

  /* Search as you type, without accents: "bjorn" finds Bjørn Berg and
   * the agreement on Bjørnstadveien. */
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "bjorn");
  wait_for_n_items (model, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *name = bf_agreement_item_get_tenant_name (item);

      g_assert_true (g_str_equal (name, "Bjørn Berg") || g_str_equal (name, "Kari Østby Ålien"));
    }

  /* Nothing found: the status page says so. */
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "zzzqqq");
  wait_for_n_items (model, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "content_stack")), ==, "no-results");

  gtk_editable_set_text (GTK_EDITABLE (search_entry), "");
  wait_for_n_items (model, 6);

  /* "Needs follow-up": only the red lights and the overdue evaluation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list_page), "list.view", "s", "attention"));
  g_assert_cmpstr (bf_agreement_list_page_get_view (list_page), ==, "attention");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_true (gtk_toggle_button_get_active (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "attention_button")));
  g_assert_false (gtk_toggle_button_get_active (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "all_button")));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      BfAgreementBadges badges = bf_agreement_item_get_badges (item);

      g_assert_true (badges & (BF_AGREEMENT_BADGE_RED_LAMP | BF_AGREEMENT_BADGE_OVERDUE |
                               BF_AGREEMENT_BADGE_LEASE_EXPIRING));
      g_assert_cmpstr (bf_agreement_item_get_tenant_name (item), !=, "Åse Hansen");
      if (g_str_equal (bf_agreement_item_get_tenant_name (item), "Bjørn Berg"))
        g_assert_true (badges & BF_AGREEMENT_BADGE_RED_LAMP);
      if (g_str_equal (bf_agreement_item_get_tenant_name (item), "Ingrid Dahl"))
        g_assert_true (badges & BF_AGREEMENT_BADGE_OVERDUE);
    }

  /* The state filter narrows further: no draft needs follow-up. */
  gtk_drop_down_set_selected (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "state_dropdown"),
                              BF_AGREEMENT_STATE_UTKAST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  gtk_drop_down_set_selected (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "state_dropdown"), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* The way the notification comes in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-agreements", "s", "all"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);
  bf_window_show_agreements (window, "attention");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  bf_window_show_agreements (window, "all");

  /* And the buttons themselves. */
  gtk_toggle_button_set_active (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "attention_button"), TRUE);
  g_assert_cmpstr (bf_agreement_list_page_get_view (list_page), ==, "attention");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  gtk_toggle_button_set_active (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "all_button"), TRUE);
  g_assert_cmpstr (bf_agreement_list_page_get_view (list_page), ==, "all");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);

  /* Sorting by last contact: the longest without contact first. */
  gtk_drop_down_set_selected (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "sort_dropdown"),
                              BF_AGREEMENT_SORT_LAST_CONTACT);
  g_assert_cmpuint (bf_agreement_list_model_get_sort (model), ==, BF_AGREEMENT_SORT_LAST_CONTACT);
  {
    g_autoptr(BfAgreementItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (bf_agreement_item_get_tenant_name (first), ==, "Kari Østby Ålien");
  }
  gtk_drop_down_set_selected (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "sort_dropdown"),
                              BF_AGREEMENT_SORT_TENANT_NAME);

  /* Activating a row opens that agreement; back comes to the list. */
  {
    g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_signal_emit_by_name (list_view, "activate", 0);
    g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "editor");
    g_assert_cmpstr (bf_main_page_get_open_id (main_page), ==, bf_agreement_item_get_id (item));
    g_assert_true (BF_IS_EDITOR_PAGE (bf_main_page_get_editor (main_page)));
    g_assert_cmpstr (bf_agreement_get_id (bf_editor_page_get_agreement (BF_EDITOR_PAGE (bf_main_page_get_editor (main_page)))),
                     ==, bf_agreement_item_get_id (item));
    /* The editor's own back button. */
    g_assert_true (gtk_widget_activate_action (bf_main_page_get_editor (main_page), "editor.close", NULL));
    g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "list");

    /* Escape and Alt+Left go back too (win.go-back). */
    g_signal_emit_by_name (list_view, "activate", 0);
    g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "editor");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
    g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "list");
    g_assert_null (bf_main_page_get_open_id (main_page));
  }

  /* Ctrl+N: a new agreement in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-agreement", NULL));
  g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "editor");
  g_assert_null (bf_main_page_get_open_id (main_page));
  g_assert_true (BF_IS_EDITOR_PAGE (bf_main_page_get_editor (main_page)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (bf_main_page_get_view (main_page), ==, "list");
  /* The editor goes once it has slid out of sight. */
  iterate_until (editor_is_gone, main_page, "the editor to go");
  /* The list was read again on the way back. (A new agreement that was
   * never saved as a version is kept only as a draft, which the store
   * does not list yet.) */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);

  /* "Register visit" from a row's menu: the visit dialog, over the
   * window, for that agreement. */
  {
    g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean found = FALSE;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.register-visit", "s",
                                               bf_agreement_item_get_id (item)));
    /* The dialog loads the agreement in the background; let it finish,
     * since the load keeps the dialog alive past its window otherwise. */
    iterate_for (300);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (BF_IS_VISIT_DIALOG (w))
          {
            g_assert_true (gtk_window_get_transient_for (w) == GTK_WINDOW (window));
            gtk_window_destroy (w);
            found = TRUE;
            break;
          }
      }
    g_assert_true (found);
  }

  /* "Export PDF" first says that the file will not be encrypted; Cancel
   * ends it there. */
  {
    g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *warning = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-pdf", "s",
                                               bf_agreement_item_get_id (item)));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          warning = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (warning);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (warning)) == GTK_WINDOW (window));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (warning), "not be encrypted"));
    g_assert_cmpstr (adw_message_dialog_get_default_response (warning), ==, "cancel");
    adw_message_dialog_response (warning, "cancel");
    iterate_for (100);
  }

  /* The reminder counted what the list shows, by numbers only. */
  bf_reminders_get_counts (window->reminders, &n_overdue, &n_red_lamp, NULL);
  g_assert_cmpuint (n_red_lamp, ==, 2);
  g_assert_cmpuint (n_overdue, >=, 1);
  {
    g_autoptr(GNotification) notification = bf_reminders_build_notification (n_overdue, n_red_lamp, 0);

    g_assert_nonnull (notification);
  }
  g_assert_null (bf_reminders_build_notification (0, 0, 0));

  /* Lock: the list, its model and its rows are gone. */
  g_object_weak_ref (G_OBJECT (model), weak_notify_cb, &model_finalized);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (bf_window_get_visible_page (window), ==, "unlock");
  g_assert_true (model_finalized);
  g_assert_null (bf_main_page_get_list_page (main_page));
  g_assert_null (bf_main_page_get_agreement_store (main_page));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-agreement", NULL) &&
                  g_strcmp0 (bf_main_page_get_view (main_page), "editor") == 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_empty (void)
{
  BfWindow *window;
  BfAgreementListPage *list_page;
  GtkWidget *button;

  create_profile (FALSE);
  window = open_window_and_unlock ();

  list_page = bf_main_page_get_list_page (bf_window_get_main_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bf_agreement_list_page_get_model (list_page))), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "content_stack")), ==, "empty");
  g_assert_false (gtk_widget_get_visible (template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "toolbar")));

  /* The empty state's button starts the first agreement. */
  button = template_child (list_page, BF_TYPE_AGREEMENT_LIST_PAGE, "empty_new_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.new-agreement");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (bf_main_page_get_view (bf_window_get_main_page (window)), ==, "editor");

  /* Locking from the editor leaves nothing open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (bf_main_page_get_view (bf_window_get_main_page (window)), ==, "list");
  g_assert_null (bf_main_page_get_editor (bf_window_get_main_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_setenv ("BOFAST_KDF_TEST_PARAMS", "1", FALSE);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/ui/list/list", test_list);
  g_test_add_func ("/ui/list/empty", test_empty);

  return g_test_run ();
}
