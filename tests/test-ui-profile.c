/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drives the real window through a profile's life: create it with the real
 * widgets, lock it, fail to unlock it with a wrong passphrase, unlock it.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bf-create-page.h"
#include "bf-secure.h"
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
  /* Argon2id may take a few seconds on a slow or busy machine. */
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

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

static gboolean
unlock_page_idle (gpointer data)
{
  return !bf_unlock_page_get_busy (data);
}

static gboolean
action_enabled (gpointer    widget,
                const char *action)
{
  GtkWidget *button = template_child (widget, G_OBJECT_TYPE (widget),
                                      g_str_equal (action, "create.create") ? "create_button" : "unlock_button");

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, action);
  return gtk_widget_get_sensitive (button);
}

static void
set_text (gpointer    page,
          GType       type,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, type, row)), text);
}

static void
press_enter (gpointer    page,
             GType       type,
             const char *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (template_child (page, type, row)));

  /* What the Enter key does in the row's text field. */
  g_signal_emit_by_name (delegate, "activate");
}

static gboolean
focus_is_in (BfWindow  *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
count_save_drafts_cb (BfWindow  *window,
                      BfProfile *profile,
                      guint     *count)
{
  /* The hook runs while the store is still open. */
  g_assert_false (bf_profile_get_locked (profile));
  (*count)++;
}

static void
test_profile_lifecycle (void)
{
  g_autofree char *root = bf_profile_get_default_root ();
  BfWindow *window;
  BfCreatePage *create_page;
  BfUnlockPage *unlock_page;
  GtkWidget *error_label;
  GtkWidget *passphrase_row;
  BfProfile *profile;
  guint save_drafts = 0;

  /* Isolated XDG directories: no profile yet. */
  g_assert_false (g_file_test (root, G_FILE_TEST_IS_DIR));

  window = bf_window_new (NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));

  /* First start: the create page. */
  wait_for_page (window, "create");
  create_page = template_child (window, BF_TYPE_WINDOW, "create_page");

  g_assert_false (action_enabled (create_page, "create.create"));
  set_text (create_page, BF_TYPE_CREATE_PAGE, "name_row", NAME);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "unit_row", UNIT);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "passphrase_row", "too short");
  set_text (create_page, BF_TYPE_CREATE_PAGE, "confirm_row", "too short");
  g_assert_false (action_enabled (create_page, "create.create"));

  /* While the second field is being typed, a beginning of the first is
   * not called a mismatch yet. */
  set_text (create_page, BF_TYPE_CREATE_PAGE, "passphrase_row", PASSPHRASE);
  gtk_widget_grab_focus (template_child (create_page, BF_TYPE_CREATE_PAGE, "confirm_row"));
  set_text (create_page, BF_TYPE_CREATE_PAGE, "confirm_row", "korrekt hest");
  g_assert_false (gtk_widget_get_visible (template_child (create_page, BF_TYPE_CREATE_PAGE, "mismatch_label")));
  g_assert_false (action_enabled (create_page, "create.create"));

  /* A mismatch is shown inline and blocks creation. */
  set_text (create_page, BF_TYPE_CREATE_PAGE, "passphrase_row", PASSPHRASE);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "confirm_row", PASSPHRASE "x");
  g_assert_true (gtk_widget_get_visible (template_child (create_page, BF_TYPE_CREATE_PAGE, "mismatch_label")));
  g_assert_false (action_enabled (create_page, "create.create"));

  set_text (create_page, BF_TYPE_CREATE_PAGE, "confirm_row", PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (template_child (create_page, BF_TYPE_CREATE_PAGE, "mismatch_label")));
  g_assert_true (action_enabled (create_page, "create.create"));
  g_assert_cmpfloat (gtk_level_bar_get_value (template_child (create_page, BF_TYPE_CREATE_PAGE, "strength_bar")), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (create_page), "create.create", NULL));
  g_assert_true (bf_create_page_get_busy (create_page));

  wait_for_page (window, "main");
  profile = bf_window_get_profile (window);
  g_assert_nonnull (profile);
  g_assert_false (bf_profile_get_locked (profile));
  g_assert_cmpstr (bf_profile_get_name (profile), ==, NAME);
  g_assert_cmpstr (bf_profile_get_unit (profile), ==, UNIT);
  /* The passphrase does not stay in the fields. */
  g_assert_cmpstr (gtk_editable_get_text (template_child (create_page, BF_TYPE_CREATE_PAGE, "passphrase_row")), ==, "");

  /* Lock: the unlock page, the profile locked, the drafts hook ran. */
  g_signal_connect (window, "save-drafts", G_CALLBACK (count_save_drafts_cb), &save_drafts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (bf_window_get_visible_page (window), ==, "unlock");
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_cmpuint (save_drafts, ==, 1);

  unlock_page = template_child (window, BF_TYPE_WINDOW, "unlock_page");
  g_assert_true (bf_unlock_page_get_profile (unlock_page) == profile);
  g_assert_cmpstr (gtk_label_get_label (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "name_label")), ==, NAME);
  g_assert_cmpstr (gtk_label_get_label (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "unit_label")), ==, UNIT);

  /* Locking again is harmless. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpuint (save_drafts, ==, 1);

  /* A wrong passphrase: a message, still locked, focus stays in the field. */
  error_label = template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "error_label");
  passphrase_row = template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  g_assert_false (action_enabled (unlock_page, "unlock.unlock"));
  set_text (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row", "feil feil feil feil");
  g_assert_true (action_enabled (unlock_page, "unlock.unlock"));
  press_enter (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  g_assert_true (bf_unlock_page_get_busy (unlock_page));
  iterate_until (unlock_page_idle, unlock_page, "the wrong passphrase to fail");

  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_visible (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "damaged_box")));
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_cmpstr (bf_window_get_visible_page (window), ==, "unlock");
  g_assert_true (focus_is_in (window, passphrase_row));

  /* Typing again hides nothing yet but clears the error style. */
  set_text (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row", PASSPHRASE);
  g_assert_false (gtk_widget_has_css_class (passphrase_row, "error"));
  press_enter (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  wait_for_page (window, "main");
  g_assert_false (bf_profile_get_locked (profile));
  g_assert_true (bf_window_get_profile (window) == profile);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (passphrase_row)), ==, "");

  /* Idle for longer than idle-lock-minutes (5 by default): locked, and
   * the unlock page says why. */
  _bf_lock_monitor_set_last_activity (window->lock_monitor,
                                      bf_lock_monitor_get_boottime () - 6 * 60 * (gint64) G_USEC_PER_SEC);
  g_assert_true (bf_lock_monitor_check_idle (window->lock_monitor));
  g_assert_cmpstr (bf_window_get_visible_page (window), ==, "unlock");
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_true (gtk_widget_get_visible (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "reason_label")));
  g_assert_cmpuint (save_drafts, ==, 2);

  /* Locked, the monitor is disarmed: nothing more to lock. */
  g_assert_false (bf_lock_monitor_get_armed (window->lock_monitor));
  g_assert_false (bf_lock_monitor_check_idle (window->lock_monitor));

  set_text (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row", PASSPHRASE);
  press_enter (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  wait_for_page (window, "main");
  g_assert_false (bf_profile_get_locked (profile));
  g_assert_true (bf_lock_monitor_get_armed (window->lock_monitor));

  /* Closing the window locks the profile too. */
  g_object_ref (profile);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_true (bf_profile_get_locked (profile));
  g_object_unref (profile);
}

static void
test_damaged_database (void)
{
  g_autofree char *root = bf_profile_get_default_root ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) first = NULL;
  g_autoptr(BfProfile) second = NULL;
  g_autofree char *db_path = NULL;
  char garbage[8192];
  BfWindow *window;
  BfUnlockPage *unlock_page;
  GtkWidget *profile_row;

  /* Two profiles, one of them with a damaged database. */
  first = bf_profile_create (root, "Anne Annensen", "Bydel Nord", PASSPHRASE, &error);
  g_assert_no_error (error);
  second = bf_profile_create (root, NAME, UNIT, PASSPHRASE, &error);
  g_assert_no_error (error);
  if (!bf_profile_get_locked (second))
    bf_profile_lock (second);
  if (!bf_profile_get_locked (first))
    bf_profile_lock (first);

  memset (garbage, 0x5a, sizeof garbage);
  db_path = g_build_filename (bf_profile_get_dir (second), "bofast.db", NULL);
  g_assert_true (g_file_set_contents (db_path, garbage, sizeof garbage, &error));
  g_assert_no_error (error);

  window = bf_window_new (NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));

  /* Profiles exist: straight to the unlock page, with a choice. */
  wait_for_page (window, "unlock");
  unlock_page = template_child (window, BF_TYPE_WINDOW, "unlock_page");
  profile_row = template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "profile_row");
  g_assert_true (gtk_widget_get_visible (profile_row));

  for (guint i = 0; i < 2; i++)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (profile_row), i);
      if (g_strcmp0 (bf_profile_get_id (bf_unlock_page_get_profile (unlock_page)),
                     bf_profile_get_id (second)) == 0)
        break;
    }
  g_assert_cmpstr (bf_profile_get_name (bf_unlock_page_get_profile (unlock_page)), ==, NAME);
  g_assert_cmpstr (gtk_label_get_label (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "name_label")), ==, NAME);

  /* The right passphrase, a damaged database: the recovery explanation,
   * not the wrong-passphrase message. */
  set_text (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row", PASSPHRASE);
  press_enter (unlock_page, BF_TYPE_UNLOCK_PAGE, "passphrase_row");
  iterate_until (unlock_page_idle, unlock_page, "the damaged profile to fail");

  g_assert_true (gtk_widget_get_visible (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "damaged_box")));
  g_assert_false (gtk_widget_get_visible (template_child (unlock_page, BF_TYPE_UNLOCK_PAGE, "error_label")));
  g_assert_cmpstr (bf_window_get_visible_page (window), ==, "unlock");
  g_assert_true (bf_profile_get_locked (bf_unlock_page_get_profile (unlock_page)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gboolean
window_is_ready (gpointer data)
{
  return g_strcmp0 (bf_window_get_visible_page (data), "loading") != 0;
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BfWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 500);

  window = bf_window_new (NULL);
  g_object_ref (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  iterate_until (window_is_ready, window, "the profiles to be listed");

  /* Closing remembers the size for next time. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 560);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 560);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init() without its g_test_init (argc, argv, NULL), which
   * would drop G_TEST_OPTION_ISOLATE_DIRS: each test gets its own XDG
   * directories, so no profile from the user or another test is seen. */
  gtk_disable_setlocale ();

  /* Load the shared MIME database before the isolation empties
   * XDG_DATA_DIRS: without it gdk-pixbuf cannot tell that an icon is an
   * SVG. */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* Cheap Argon2id parameters: this tests the UI, test-profile the KDF. */
  g_setenv ("BOFAST_KDF_TEST_PARAMS", "1", FALSE);

  /* What BfApplication::startup does: libsodium and no core dumps. */
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/ui/profile/lifecycle", test_profile_lifecycle);
  g_test_add_func ("/ui/profile/damaged-database", test_damaged_database);
  g_test_add_func ("/ui/window/size", test_window_size);

  return g_test_run ();
}
