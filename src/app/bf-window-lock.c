/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-window-private.h"

/*
 * Locking, in one place. Every way to lock (win.lock, Ctrl+L, the menu, the
 * idle timer, the screensaver, suspend, closing the window) ends in
 * bf_window_lock(), which
 *   1. lets unsaved work be saved as a draft (BfWindow::save-drafts), while
 *      the store is still open;
 *   2. closes every window opened over this one, since they may show
 *      decrypted data;
 *   3. drops the main page's content, and with it every model holding
 *      decrypted data;
 *   4. locks the profile: the store closes and the keys are wiped;
 *   5. shows the unlock page.
 * BfLockMonitor decides when the automatic triggers fire.
 */

static const char *
lock_reason_to_message (BfLockReason reason)
{
  switch (reason)
    {
    case BF_LOCK_REASON_IDLE:
      return _("Locked after a while without activity");

    case BF_LOCK_REASON_SCREENSAVER:
      return _("Locked because the screen was locked");

    case BF_LOCK_REASON_SUSPEND:
      return _("Locked because the computer went to sleep");

    case BF_LOCK_REASON_USER:
    case BF_LOCK_REASON_CLOSE:
    default:
      return NULL;
    }
}

static void
bf_window_close_transients (BfWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (doomed, g_object_ref (window));
    }

  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (g_ptr_array_index (doomed, i));
}

static void
on_lock_requested_cb (BfWindow      *self,
                      int            reason,
                      BfLockMonitor *monitor)
{
  bf_window_lock (self, reason);
}

void
_bf_window_lock_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  bf_window_lock (BF_WINDOW (widget), BF_LOCK_REASON_USER);
}

void
_bf_window_lock_init (BfWindow *self)
{
  self->lock_monitor = bf_lock_monitor_new (GTK_WINDOW (self));

  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->lock_monitor, "idle-minutes",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->lock_monitor, "lock-requested",
                           G_CALLBACK (on_lock_requested_cb), self,
                           G_CONNECT_SWAPPED);

  _bf_window_lock_update (self);
}

void
_bf_window_lock_dispose (BfWindow *self)
{
  if (self->lock_monitor != NULL)
    {
      g_settings_unbind (self->lock_monitor, "idle-minutes");
      g_object_run_dispose (G_OBJECT (self->lock_monitor));
      g_clear_object (&self->lock_monitor);
    }
}

/* Keeps the lock action and the monitor in step with the profile. */
void
_bf_window_lock_update (BfWindow *self)
{
  gboolean open = self->profile != NULL && !bf_profile_get_locked (self->profile);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-profile", !open);

  if (self->lock_monitor != NULL)
    bf_lock_monitor_set_armed (self->lock_monitor, open);
}

/**
 * bf_window_lock:
 * @reason: why, which decides the message on the unlock page
 *
 * Locks the open profile and shows the unlock page. Does nothing when no
 * profile is open.
 */
void
bf_window_lock (BfWindow     *self,
                BfLockReason  reason)
{
  const char *message;

  g_return_if_fail (BF_IS_WINDOW (self));

  if (self->profile == NULL || bf_profile_get_locked (self->profile))
    return;

  g_debug ("Locking the profile, reason %d", reason);

  /* 1. The hook for unsaved work: the store is still open. */
  _bf_window_save_drafts (self);

  /* 2. and 3. Nothing that may show or hold decrypted data survives:
   * prints and exports in progress are abandoned too. */
  _bf_window_agreements_locked (self);
  bf_window_close_transients (self);
  bf_main_page_set_profile (self->main_page, NULL);
  /* A running sync is cancelled, and its worker has left the store. */
  _bf_window_sync_locked (self);

  /* 4. Close the store and wipe the keys. */
  bf_profile_lock (self->profile);
  _bf_window_lock_update (self);

  if (reason == BF_LOCK_REASON_CLOSE)
    return;

  /* 5. */
  bf_unlock_page_set_profiles (self->unlock_page, self->profiles, self->profile);
  /* At once: a cross-fade would keep the open profile on screen a
   * moment longer. */
  gtk_stack_set_visible_child_full (self->stack, "unlock", GTK_STACK_TRANSITION_TYPE_NONE);
  bf_unlock_page_focus (self->unlock_page);

  /* Whoever comes back later should see why; a toast would be gone. */
  message = lock_reason_to_message (reason);
  bf_unlock_page_set_reason (self->unlock_page, message);
}
