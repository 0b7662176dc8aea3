/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-join-share-dialog.h"
#include "bf-sync-problems.h"
#include "bf-sync-status.h"
#include "bf-window-private.h"

/*
 * The window's side of sync: it owns the BfSyncController, hands it the
 * profile when it opens and takes it back before it locks (which cancels a
 * running sync and forgets its state), and installs the actions the sync
 * status and the menu use:
 *   win.sync-now            F5, Ctrl+Shift+S
 *   win.join-share          the join dialog
 *   win.show-sync-problems  quarantined records and alarms
 */

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);

  bf_sync_controller_sync_now (self->sync_controller);
}

static GtkWindow *
find_transient (BfWindow *self,
                GType     type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        return window;
    }
  return NULL;
}

static void
join_share_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  GtkWindow *dialog = find_transient (self, BF_TYPE_JOIN_SHARE_DIALOG);

  if (dialog == NULL)
    dialog = GTK_WINDOW (bf_join_share_dialog_new (GTK_WINDOW (self), self->sync_controller));
  gtk_window_present (dialog);
}

static void
show_sync_problems_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  GtkWindow *problems = find_transient (self, BF_TYPE_SYNC_PROBLEMS);

  if (problems == NULL)
    problems = GTK_WINDOW (bf_sync_problems_new (GTK_WINDOW (self), self->sync_controller));
  gtk_window_present (problems);
}

static void
on_new_problems_cb (BfWindow         *self,
                    guint             count,
                    BfSyncController *controller)
{
  AdwToast *toast;
  g_autofree char *title = NULL;

  title = g_strdup_printf (ngettext ("Sync found a record that needs attention",
                                     "Sync found %u records that need attention", count), count);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-sync-problems");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  bf_window_add_toast (self, toast);
}

static void
set_actions_enabled (BfWindow *self,
                     gboolean  enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.join-share", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-problems", enabled);
}

void
_bf_window_sync_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (BF_TYPE_SYNC_STATUS);

  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.join-share", NULL, join_share_action);
  gtk_widget_class_install_action (widget_class, "win.show-sync-problems", NULL, show_sync_problems_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.sync-now", NULL);
}

void
_bf_window_sync_init (BfWindow *self)
{
  self->sync_controller = bf_sync_controller_new ();
  g_settings_bind (self->settings, "sync-interval-minutes",
                   self->sync_controller, "interval-minutes",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->sync_controller, "new-problems",
                           G_CALLBACK (on_new_problems_cb), self, G_CONNECT_SWAPPED);
  set_actions_enabled (self, FALSE);
}

void
_bf_window_sync_dispose (BfWindow *self)
{
  if (self->sync_controller == NULL)
    return;

  g_settings_unbind (self->sync_controller, "interval-minutes");
  bf_sync_controller_set_profile (self->sync_controller, NULL);
  g_object_run_dispose (G_OBJECT (self->sync_controller));
  g_clear_object (&self->sync_controller);
}

/* The profile was opened: sync now, then on the timer and the network. */
void
_bf_window_sync_opened (BfWindow *self)
{
  bf_sync_controller_set_profile (self->sync_controller, self->profile);
  set_actions_enabled (self, TRUE);
}

/* Before the store closes: cancel, wait for the worker, forget. */
void
_bf_window_sync_locked (BfWindow *self)
{
  set_actions_enabled (self, FALSE);
  if (self->sync_controller != NULL)
    bf_sync_controller_set_profile (self->sync_controller, NULL);
}

/**
 * bf_window_get_sync_controller:
 *
 * Returns: (transfer none): the window's sync controller
 */
BfSyncController *
bf_window_get_sync_controller (BfWindow *self)
{
  g_return_val_if_fail (BF_IS_WINDOW (self), NULL);

  return self->sync_controller;
}
