/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drives sync through the real window: join a share with the join dialog
 * and check the fingerprint against the core's, let the administrator
 * enrol the member, sync now, lose the share, and lock during a sync.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bf-feed.h"
#include "bf-record.h"
#include "bf-join-share-dialog.h"
#include "bf-secure.h"
#include "bf-share.h"
#include "bf-store.h"
#include "bf-sync.h"
#include "bf-sync-problems.h"
#include "bf-sync-status.h"
#include "bf-unlock-page.h"
#include "bf-window-private.h"

#define NAME       "Kari Nordmann"
#define UNIT       "Bydel Gamle Oslo"
#define PASSPHRASE "korrekt hest batteri stift"

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition   condition,
               gpointer    data,
               const char *what)
{
  /* Bounded: a hang is a failure, not a stuck test. */
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
page_is_main (gpointer data)
{
  return g_strcmp0 (bf_window_get_visible_page (data), "main") == 0;
}

static gboolean
page_is_unlock (gpointer data)
{
  return g_strcmp0 (bf_window_get_visible_page (data), "unlock") == 0;
}

static gboolean
controller_idle (gpointer data)
{
  return !bf_sync_controller_get_busy (data);
}

static gboolean
dialog_not_busy (gpointer data)
{
  return g_strcmp0 (bf_join_share_dialog_get_page (data), "busy") != 0;
}

static char *
digits_only (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; s && *s; s++)
    if (g_ascii_isdigit (*s))
      g_string_append_c (out, *s);
  return g_string_free (out, FALSE);
}

static const char *
status_tooltip (BfWindow *window)
{
  GtkWidget *status = find_descendant (GTK_WIDGET (window->main_page), BF_TYPE_SYNC_STATUS);

  g_assert_nonnull (status);
  g_assert_true (bf_sync_status_get_controller (BF_SYNC_STATUS (status)) == window->sync_controller);
  return gtk_widget_get_tooltip_text (template_child (status, BF_TYPE_SYNC_STATUS, "button"));
}

static void
count_problems_cb (BfSyncController *controller,
                   guint             count,
                   guint            *total)
{
  *total += count;
}

static void
test_join_and_sync (void)
{
  g_autofree char *root_dir = bf_profile_get_default_root ();
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "org", NULL);
  g_autofree char *share_path = g_build_filename (base, "share", NULL);
  g_autofree char *gone_path = g_build_filename (base, "share-gone", NULL);
  g_autofree char *admin_dir = g_build_filename (base, "admin", NULL);
  g_autofree char *missing = g_build_filename (base, "not-a-share", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(GBytes) sign_key = NULL;
  g_autoptr(GBytes) age_key = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_digits = NULL;
  g_autofree char *shown_digits = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *last_text = NULL;
  BfProfile *profile;
  BfWindow *window;
  BfUnlockPage *unlock_page;
  BfSyncController *controller;
  BfJoinShareDialog *dialog;
  GtkWidget *status;
  guint new_problems = 0;
  gint64 start;

  /* The administrator's side, as `bofastctl share init` does it. */
  g_assert_cmpint (g_mkdir_with_parents (base, 0700), ==, 0);
  root = g_file_new_for_path (share_path);
  share = bf_share_create (root, "Testkommune", admin_dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (missing, 0700), ==, 0);

  /* A worker's profile, not yet in any share. */
  profile = bf_profile_create (root_dir, NAME, UNIT, PASSPHRASE, &error);
  g_assert_no_error (error);
  bf_profile_lock (profile);
  g_object_unref (profile);

  window = bf_window_new (NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (page_is_unlock, window, "the unlock page");

  controller = bf_window_get_sync_controller (window);
  g_signal_connect (controller, "new-problems", G_CALLBACK (count_problems_cb), &new_problems);

  unlock_page = template_child (window, BF_TYPE_WINDOW, "unlock_page");
  gtk_editable_set_text (GTK_EDITABLE (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row")), PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock_page), "unlock.unlock", NULL));
  iterate_until (page_is_main, window, "the main page");
  profile = bf_window_get_profile (window);

  /* No share yet: the status says so and offers to join. */
  iterate_until (controller_idle, controller, "the first refresh");
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_NO_SHARE);
  g_assert_cmpstr (status_tooltip (window), ==, "Not connected to a share");
  status = find_descendant (GTK_WIDGET (window->main_page), BF_TYPE_SYNC_STATUS);
  g_assert_true (gtk_widget_get_visible (template_child (status, BF_TYPE_SYNC_STATUS, "join_button")));
  g_assert_false (gtk_widget_get_visible (template_child (status, BF_TYPE_SYNC_STATUS, "sync_button")));

  /* The join dialog, with a folder that is not a share: a clear error,
   * back on the form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.join-share", NULL));
  dialog = BF_JOIN_SHARE_DIALOG (find_toplevel (BF_TYPE_JOIN_SHARE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "location_row")), missing);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "join.join", NULL));
  iterate_until (dialog_not_busy, dialog, "the join to fail");
  g_assert_cmpstr (bf_join_share_dialog_get_page (dialog), ==, "form");
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_label (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "error_label")),
                            "no Bofast share"));

  /* The real share: the fingerprint shown is the core's. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "location_row")), share_path);
  g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "error_label")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "join.join", NULL));
  iterate_until (dialog_not_busy, dialog, "the join request");
  g_assert_cmpstr (bf_join_share_dialog_get_page (dialog), ==, "done");

  sign_key = bf_feed_dup_sign_key (bf_profile_get_store (profile), &error);
  g_assert_no_error (error);
  age_key = bf_store_dup_age_public_key (bf_profile_get_store (profile), &error);
  g_assert_no_error (error);
  expected = bf_member_fingerprint (sign_key, age_key);
  expected_digits = digits_only (expected);
  shown_digits = digits_only (gtk_label_get_text (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "fingerprint_label")));
  g_assert_cmpuint (strlen (expected_digits), ==, 30);
  g_assert_cmpstr (shown_digits, ==, expected_digits);
  g_assert_cmpstr (bf_join_share_dialog_get_fingerprint (dialog), ==, expected);

  member_id = bf_feed_dup_member_id (bf_profile_get_store (profile), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gtk_label_get_label (template_child (dialog, BF_TYPE_JOIN_SHARE_DIALOG, "member_label")),
                            member_id));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Joined, not enrolled yet: the sync that follows the join works. */
  iterate_until (controller_idle, controller, "the sync after joining");
  g_assert_true (bf_sync_controller_get_has_share (controller));
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_UP_TO_DATE);

  /* The administrator compares the digits and enrols the member. */
  member = bf_share_enrol (share, admin_dir, member_id, BF_MEMBER_ROLE_WORKER, UNIT, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Sync now, as F5 does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  g_assert_true (bf_sync_controller_get_busy (controller));
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_SYNCING);
  iterate_until (controller_idle, controller, "sync now");
  g_assert_cmpstr (bf_sync_controller_get_error_message (controller), ==, NULL);
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpuint (bf_sync_controller_get_pending (controller), ==, 0);
  g_assert_nonnull (bf_sync_controller_get_last_success (controller));
  g_assert_cmpstr (status_tooltip (window), ==, "Up to date");
  last_text = g_strdup (adw_action_row_get_subtitle (template_child (status, BF_TYPE_SYNC_STATUS, "last_row")));
  g_assert_cmpstr (last_text, ==, "Just now");
  g_assert_true (gtk_widget_get_visible (template_child (status, BF_TYPE_SYNC_STATUS, "sync_button")));
  g_assert_false (gtk_widget_get_visible (template_child (status, BF_TYPE_SYNC_STATUS, "join_button")));
  g_assert_cmpuint (new_problems, ==, 0);

  /* The problems view, empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sync-problems", NULL));
  g_assert_nonnull (find_toplevel (BF_TYPE_SYNC_PROBLEMS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (find_toplevel (BF_TYPE_SYNC_PROBLEMS),
                                                                     BF_TYPE_SYNC_PROBLEMS, "stack")), ==, "empty");
  gtk_window_destroy (find_toplevel (BF_TYPE_SYNC_PROBLEMS));

  /* Another member's record, damaged on the share: quarantined, shown
   * plainly with the author's name, announced once. */
  {
    g_autofree char *others = g_build_filename (base, "others", NULL);
    g_autofree char *ola_id = NULL;
    g_autofree char *ola_fp = NULL;
    g_autofree char *file = NULL;
    g_autofree char *data = NULL;
    g_autoptr(BfProfile) ola = NULL;
    g_autoptr(BfMember) ola_member = NULL;
    g_autoptr(BfSyncSummary) summary = NULL;
    g_autoptr(BfRecord) record = NULL;
    BfSyncProblem *problem;
    GtkWindow *problems;
    gsize len;

    ola = bf_profile_create (others, "Ola Nordmann", UNIT, PASSPHRASE, &error);
    g_assert_no_error (error);
    g_assert_true (bf_share_write_request (share, bf_profile_get_store (ola), "Ola Nordmann", UNIT, NULL,
                                           &ola_id, &ola_fp, NULL, &error));
    g_assert_no_error (error);
    ola_member = bf_share_enrol (share, admin_dir, ola_id, BF_MEMBER_ROLE_WORKER, UNIT, NULL, NULL, &error);
    g_assert_no_error (error);
    summary = bf_sync_run (bf_profile_get_store (ola), root, UNIT, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&summary, bf_sync_summary_free);
    record = bf_feed_append (bf_profile_get_store (ola), BF_RECORD_KIND_VISIT,
                             "0b6f3a52-5a3e-4d2c-9a55-0b1a7c9d2e11", "{}", NULL, NULL, &error);
    g_assert_no_error (error);
    summary = bf_sync_run (bf_profile_get_store (ola), root, UNIT, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary->pushed, ==, 1);
    bf_profile_lock (ola);

    file = g_build_filename (share_path, "records", ola_id, "0000000001.age", NULL);
    g_assert_true (g_file_get_contents (file, &data, &len, NULL));
    data[len - 5] ^= 0x55;
    g_assert_true (g_file_set_contents (file, data, len, NULL));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
    iterate_until (controller_idle, controller, "a sync with a damaged record");
    g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_PROBLEM);
    g_assert_cmpuint (new_problems, ==, 1);
    g_assert_cmpuint (bf_sync_controller_get_problems (controller)->len, ==, 1);
    problem = g_ptr_array_index (bf_sync_controller_get_problems (controller), 0);
    g_assert_cmpint (problem->kind, ==, BF_SYNC_PROBLEM_QUARANTINE);
    g_assert_cmpstr (problem->author, ==, ola_id);
    g_assert_cmpstr (problem->author_name, ==, "Ola Nordmann");
    g_assert_cmpint (problem->seq, ==, 1);
    g_assert_true (gtk_widget_get_visible (template_child (status, BF_TYPE_SYNC_STATUS, "problems_row")));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sync-problems", NULL));
    problems = find_toplevel (BF_TYPE_SYNC_PROBLEMS);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (problems, BF_TYPE_SYNC_PROBLEMS, "stack")), ==, "list");
    g_assert_nonnull (gtk_widget_get_first_child (template_child (problems, BF_TYPE_SYNC_PROBLEMS, "list")));
    gtk_window_destroy (problems);

    /* Known problems are not announced again. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
    iterate_until (controller_idle, controller, "another sync");
    g_assert_cmpuint (new_problems, ==, 1);
  }

  /* The share is gone (an unmounted drive): offline, quickly. */
  g_assert_cmpint (g_rename (share_path, gone_path), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  iterate_until (controller_idle, controller, "a sync with the share gone");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_OFFLINE);
  g_assert_nonnull (bf_sync_controller_get_error_message (controller));
  g_assert_cmpstr (status_tooltip (window), ==, "Offline: the share cannot be reached");
  /* The last success is still the one before. */
  g_assert_nonnull (bf_sync_controller_get_last_success (controller));
  g_assert_cmpint (g_rename (gone_path, share_path), ==, 0);

  /* Locking during a sync cancels it, waits for its worker, and forgets
   * the state; the late result changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  g_assert_true (bf_sync_controller_get_busy (controller));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_false (bf_sync_controller_get_busy (controller));
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_NO_SHARE);
  g_assert_null (bf_sync_controller_get_last_success (controller));
  g_assert_null (bf_sync_controller_get_profile (controller));
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_NO_SHARE);
  g_assert_false (bf_sync_controller_get_busy (controller));

  /* Unlock again: the share is remembered and synced at once. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row")), PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock_page), "unlock.unlock", NULL));
  iterate_until (page_is_main, window, "the main page again");
  iterate_until (controller_idle, controller, "the sync after unlock");
  g_assert_cmpint (bf_sync_controller_get_state (controller), ==, BF_SYNC_STATE_PROBLEM);
  g_assert_cmpuint (new_problems, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_problem_text (void)
{
  BfSyncProblem p = {
    .kind = BF_SYNC_PROBLEM_QUARANTINE,
    .author = (char *) "0123456789abcdef",
    .author_name = (char *) "Kari Nordmann",
    .seq = 3,
    .reason = (char *) "bad signature",
  };
  g_autofree char *text = bf_sync_problem_dup_explanation (&p);
  g_autofree char *title = bf_sync_problem_dup_title (&p);
  g_autofree char *anonymous = NULL;

  g_assert_nonnull (strstr (text, "A record from Kari Nordmann could not be verified"));
  g_assert_nonnull (strstr (title, "record 3"));

  p.author_name = NULL;
  p.kind = BF_SYNC_PROBLEM_TAMPER;
  anonymous = bf_sync_problem_dup_explanation (&p);
  g_assert_nonnull (strstr (anonymous, "member 0123456789abcdef"));
}

static void
test_relative_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 22, 14, 30, 0);
  g_autoptr(GDateTime) five = g_date_time_add_minutes (now, -5);
  g_autoptr(GDateTime) hours = g_date_time_add_hours (now, -3);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *a = bf_sync_format_relative_time (five, now);
  g_autofree char *b = bf_sync_format_relative_time (hours, now);
  g_autofree char *c = bf_sync_format_relative_time (yesterday, now);
  g_autofree char *d = bf_sync_format_relative_time (now, now);

  g_assert_cmpstr (a, ==, "5 minutes ago");
  g_assert_cmpstr (b, ==, "3 hours ago");
  g_assert_cmpstr (c, ==, "Yesterday at 14:30");
  g_assert_cmpstr (d, ==, "Just now");
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

  g_test_add_func ("/ui/sync/join-and-sync", test_join_and_sync);
  g_test_add_func ("/ui/sync/problem-text", test_problem_text);
  g_test_add_func ("/ui/sync/relative-time", test_relative_time);

  return g_test_run ();
}
