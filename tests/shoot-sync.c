/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Screenshots of sync in the real window, for looking at them, not a test:
 * the status popover in each state, the join dialog with its fingerprint,
 * and the problems view. Run it with tests/shoot-sync.sh, which gives it an
 * Xvfb of its own.
 *
 * A share is made with the core API, with another member (Ola) whose
 * records are pulled, and whose third record is damaged on the share so
 * that it is quarantined.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bf-feed.h"
#include "bf-join-share-dialog.h"
#include "bf-record.h"
#include "bf-secure.h"
#include "bf-share.h"
#include "bf-store.h"
#include "bf-sync.h"
#include "bf-sync-problems.h"
#include "bf-sync-status.h"
#include "bf-unlock-page.h"
#include "bf-window-private.h"

#define PASSPHRASE "korrekt hest batteri stift"
#define SUBJECT    "0b6f3a52-5a3e-4d2c-9a55-0b1a7c9d2e11"

static const char *out_dir;
static const char *prefix;

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition condition,
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
shoot (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", out_dir, prefix, name);
  g_autofree char *cmd = g_strdup_printf ("xwd -root -silent | convert xwd:- '%s'", path);
  const char *argv[] = { "sh", "-c", cmd, NULL };
  g_autoptr(GSubprocess) proc = NULL;

  iterate_for (600);
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, NULL);
  /* Keep drawing while xwd reads the screen. */
  while (g_subprocess_get_identifier (proc) != NULL)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_print ("%s\n", path);
}

static gboolean
page_is (gpointer data)
{
  const char **args = data;
  return g_strcmp0 (bf_window_get_visible_page ((BfWindow *) args[0]), args[1]) == 0;
}

static gboolean
idle (gpointer data)
{
  return !bf_sync_controller_get_busy (data);
}

static gboolean
dialog_done (gpointer data)
{
  return g_strcmp0 (bf_join_share_dialog_get_page (data), "busy") != 0;
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

static void
add_records (BfProfile *profile,
             guint      n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BfRecord) r = bf_feed_append (bf_profile_get_store (profile), BF_RECORD_KIND_VISIT, SUBJECT,
                                              "{\"note\":\"Hjemmebesøk\"}", NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
core_sync (BfProfile *profile,
           GFile     *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) s = bf_sync_run (bf_profile_get_store (profile), root,
                                            bf_profile_get_unit (profile), NULL, &error);
  g_assert_no_error (error);
}

static void
popover (BfWindow *window,
         gboolean  up)
{
  GtkWidget *status = find_descendant (GTK_WIDGET (window->main_page), BF_TYPE_SYNC_STATUS);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (status, BF_TYPE_SYNC_STATUS, "button"));

  if (up)
    gtk_menu_button_popup (button);
  else
    gtk_menu_button_popdown (button);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *base = NULL;
  g_autofree char *share_path = NULL;
  g_autofree char *gone_path = NULL;
  g_autofree char *admin_dir = NULL;
  g_autofree char *others = NULL;
  g_autofree char *root_dir = NULL;
  g_autofree char *kari_id = NULL;
  g_autofree char *ola_id = NULL;
  g_autofree char *fp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(BfShare) share = NULL;
  g_autoptr(BfProfile) ola = NULL;
  g_autoptr(BfProfile) kari = NULL;
  g_autoptr(BfMember) m = NULL;
  BfWindow *window;
  BfUnlockPage *unlock;
  BfSyncController *controller;
  BfJoinShareDialog *dialog;
  const char *wait_main[2];

  if (argc != 3)
    g_error ("Usage: shoot-sync OUT_DIR PREFIX");
  out_dir = argv[1];
  prefix = argv[2];

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BOFAST_SHOTS_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  g_setenv ("BOFAST_KDF_TEST_PARAMS", "1", TRUE);
  g_assert_true (bf_secure_init (NULL));

  base = g_build_filename (g_get_user_data_dir (), "org", NULL);
  share_path = g_build_filename (base, "share", NULL);
  gone_path = g_build_filename (base, "share-gone", NULL);
  admin_dir = g_build_filename (base, "admin", NULL);
  others = g_build_filename (base, "others", NULL);
  root_dir = bf_profile_get_default_root ();
  g_mkdir_with_parents (base, 0700);

  /* The administrator's share, and Ola, enrolled, with two records. */
  root = g_file_new_for_path (share_path);
  share = bf_share_create (root, "Bergen kommune", admin_dir, NULL, NULL, &error);
  g_assert_no_error (error);
  ola = bf_profile_create (others, "Ola Nordmann", "Bydel Nord", PASSPHRASE, &error);
  g_assert_no_error (error);
  bf_share_write_request (share, bf_profile_get_store (ola), "Ola Nordmann", "Bydel Nord", NULL,
                          &ola_id, &fp, NULL, &error);
  g_assert_no_error (error);
  m = bf_share_enrol (share, admin_dir, ola_id, BF_MEMBER_ROLE_WORKER, "Bydel Gamle Oslo", NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&m, bf_member_free);
  core_sync (ola, root);
  add_records (ola, 2);
  core_sync (ola, root);

  /* Kari's profile, not in any share yet. */
  kari = bf_profile_create (root_dir, "Kari Nordmann", "Bydel Gamle Oslo", PASSPHRASE, &error);
  g_assert_no_error (error);
  bf_profile_lock (kari);
  g_clear_object (&kari);

  window = bf_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_present (GTK_WINDOW (window));
  wait_main[0] = (const char *) window;
  wait_main[1] = "unlock";
  iterate_until (page_is, wait_main);
  unlock = BF_UNLOCK_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), BF_TYPE_WINDOW, "unlock_page"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (unlock), BF_TYPE_UNLOCK_PAGE, "passphrase_row")), PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.unlock", NULL);
  wait_main[1] = "main";
  iterate_until (page_is, wait_main);
  controller = bf_window_get_sync_controller (window);
  iterate_until (idle, controller);
  kari = g_object_ref (bf_window_get_profile (window));

  popover (window, TRUE);
  shoot ("1-no-share");
  popover (window, FALSE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.join-share", NULL);
  dialog = BF_JOIN_SHARE_DIALOG (find_toplevel (BF_TYPE_JOIN_SHARE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), BF_TYPE_JOIN_SHARE_DIALOG, "location_row")),
                         "/mnt/bofast");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "join.join", NULL);
  iterate_until (dialog_done, dialog);
  shoot ("2-join-error");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), BF_TYPE_JOIN_SHARE_DIALOG, "location_row")),
                         share_path);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "join.join", NULL);
  iterate_until (dialog_done, dialog);
  shoot ("3-join-fingerprint");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_until (idle, controller);

  /* Joined, not enrolled: three records wait. */
  add_records (kari, 3);
  bf_sync_controller_sync_now (controller);
  iterate_until (idle, controller);
  popover (window, TRUE);
  shoot ("4-pending");
  popover (window, FALSE);

  /* Enrolled: up to date, Ola's records pulled. */
  kari_id = bf_feed_dup_member_id (bf_profile_get_store (kari), NULL);
  m = bf_share_enrol (share, admin_dir, kari_id, BF_MEMBER_ROLE_WORKER, "Bydel Gamle Oslo", NULL, NULL, &error);
  g_assert_no_error (error);
  bf_sync_controller_sync_now (controller);
  iterate_until (idle, controller);
  popover (window, TRUE);
  shoot ("5-up-to-date");
  popover (window, FALSE);

  /* The share is gone. */
  g_rename (share_path, gone_path);
  bf_sync_controller_sync_now (controller);
  iterate_until (idle, controller);
  popover (window, TRUE);
  shoot ("6-offline");
  popover (window, FALSE);
  g_rename (gone_path, share_path);

  /* Ola's third record is damaged on the share: quarantined. */
  add_records (ola, 1);
  core_sync (ola, root);
  {
    g_autofree char *dir = g_build_filename (share_path, "records", ola_id, NULL);
    g_autofree char *file = g_build_filename (dir, "0000000003.age", NULL);
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (file, &data, &len, NULL));
    data[len - 10] ^= 0x55;
    g_assert_true (g_file_set_contents (file, data, len, NULL));
  }
  bf_sync_controller_sync_now (controller);
  iterate_until (idle, controller);
  shoot ("7-problem-toast");
  popover (window, TRUE);
  shoot ("8-problem");
  popover (window, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sync-problems", NULL);
  shoot ("9-problems-view");

  bf_profile_lock (ola);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
  return 0;
}
