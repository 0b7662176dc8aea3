/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-window-private.h"

/*
 * The main window: one toast overlay over a stack of pages.
 *   loading  while the profiles are being listed (a blink at most)
 *   create   no profile yet, or the user asked for another one
 *   unlock   a profile exists but is not open
 *   main     a profile is open
 * Locking is in bf-window-lock.c.
 */

G_DEFINE_FINAL_TYPE (BfWindow, bf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SAVE_DRAFTS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
bf_window_show_page (BfWindow   *self,
                     const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "create"))
    bf_create_page_focus (self->create_page);
  else if (g_str_equal (name, "unlock"))
    bf_unlock_page_focus (self->unlock_page);
  else
    /* The field that had the focus is gone; do not let GTK park it on
     * some header bar button. Tab starts from the top. */
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
bf_window_show_profiles (BfWindow  *self,
                         BfProfile *selected)
{
  bf_create_page_set_can_cancel (self->create_page, self->profiles->len > 0);

  if (self->profiles->len == 0)
    {
      bf_window_show_page (self, "create");
      return;
    }

  bf_unlock_page_set_profiles (self->unlock_page, self->profiles, selected);
  bf_window_show_page (self, "unlock");
}

static void
bf_window_list_profiles_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  const char *root = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *profiles;

  profiles = bf_profile_list (root, &error);

  if (profiles == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, profiles, (GDestroyNotify) g_ptr_array_unref);
}

static void
bf_window_list_profiles_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  BfWindow *self = BF_WINDOW (object);
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;

  profiles = g_task_propagate_pointer (G_TASK (result), &error);

  if (profiles == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* A missing folder is an empty list (the normal first start), so
       * this is a real problem, such as a folder that cannot be read. The
       * create page still shows, and says nothing was lost. */
      {
        g_autofree char *escaped = g_markup_escape_text (error->message, -1);

        g_message ("Could not list the profiles in %s: %s", self->profile_root, error->message);
        bf_window_add_toast (self, adw_toast_new (escaped));
      }
    }
  else
    {
      for (guint i = 0; i < profiles->len; i++)
        g_ptr_array_add (self->profiles, g_object_ref (g_ptr_array_index (profiles, i)));
    }

  bf_window_show_profiles (self, NULL);
}

static void
bf_window_list_profiles (BfWindow *self)
{
  g_autoptr(GTask) task = NULL;

  /* Reading the vault headers touches the disk, which the UI thread does
   * not do. */
  task = g_task_new (self, self->cancellable, bf_window_list_profiles_cb, NULL);
  g_task_set_source_tag (task, bf_window_list_profiles);
  g_task_set_task_data (task, g_strdup (self->profile_root), g_free);
  g_task_run_in_thread (task, bf_window_list_profiles_thread);
}

static void
on_created_cb (BfWindow     *self,
               BfProfile    *profile,
               BfCreatePage *page)
{
  g_ptr_array_add (self->profiles, g_object_ref (profile));
  bf_create_page_reset (self->create_page);
  _bf_window_show_unlocked (self, profile);
}

static void
on_create_cancelled_cb (BfWindow     *self,
                        BfCreatePage *page)
{
  bf_window_show_profiles (self, bf_unlock_page_get_profile (self->unlock_page));
}

static void
on_unlocked_cb (BfWindow     *self,
                BfProfile    *profile,
                BfUnlockPage *page)
{
  _bf_window_show_unlocked (self, profile);
}

static void
bf_window_new_profile_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);

  /* Only from the unlock page: an open profile is locked first. */
  if (self->profile != NULL && !bf_profile_get_locked (self->profile))
    return;

  bf_unlock_page_reset (self->unlock_page);
  bf_create_page_set_can_cancel (self->create_page, self->profiles->len > 0);
  bf_window_show_page (self, "create");
}

static void
bf_window_save_size (BfWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
bf_window_close_request (GtkWindow *window)
{
  BfWindow *self = BF_WINDOW (window);

  bf_window_save_size (self);
  bf_window_lock (self, BF_LOCK_REASON_CLOSE);

  return GTK_WINDOW_CLASS (bf_window_parent_class)->close_request (window);
}

static void
bf_window_dispose (GObject *object)
{
  BfWindow *self = BF_WINDOW (object);

  /* Whatever way the window goes, the profile does not stay open. */
  if (self->profile != NULL)
    bf_window_lock (self, BF_LOCK_REASON_CLOSE);

  g_cancellable_cancel (self->cancellable);
  _bf_window_sync_dispose (self);
  _bf_window_lock_dispose (self);
  _bf_window_agreements_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_WINDOW);

  g_clear_object (&self->profile);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (bf_window_parent_class)->dispose (object);
}

static void
bf_window_finalize (GObject *object)
{
  BfWindow *self = BF_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profile_root, g_free);

  G_OBJECT_CLASS (bf_window_parent_class)->finalize (object);
}

static void
bf_window_class_init (BfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bf_window_dispose;
  object_class->finalize = bf_window_finalize;

  window_class->close_request = bf_window_close_request;

  /**
   * BfWindow::save-drafts:
   * @profile: the open profile, about to be locked
   *
   * The hook for unsaved work: emitted just before the profile is locked,
   * for whatever reason, while its store is still open. A handler writes
   * any unsaved edit as a draft into the encrypted store, synchronously,
   * because the keys are wiped as soon as it returns.
   */
  signals [SAVE_DRAFTS] =
    g_signal_new ("save-drafts",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BF_TYPE_PROFILE);

  g_type_ensure (BF_TYPE_CREATE_PAGE);
  g_type_ensure (BF_TYPE_UNLOCK_PAGE);
  g_type_ensure (BF_TYPE_MAIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, BfWindow, main_page);
  gtk_widget_class_bind_template_callback (widget_class, on_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, _bf_window_lock_action);
  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, bf_window_new_profile_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);

  _bf_window_agreements_class_init (widget_class);
  _bf_window_sync_class_init (widget_class);
}

static void
bf_window_init (BfWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->profile_root = bf_profile_get_default_root ();
  /* Before the template, whose sync status looks the controller up. */
  _bf_window_sync_init (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  bf_create_page_set_root (self->create_page, self->profile_root);

  _bf_window_lock_init (self);
  _bf_window_agreements_init (self);

  bf_window_list_profiles (self);
}

BfWindow *
bf_window_new (BfApplication *application)
{
  g_return_val_if_fail (!application || BF_IS_APPLICATION (application), NULL);

  return g_object_new (BF_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * bf_window_get_profile:
 *
 * Returns: (nullable) (transfer none): the open profile, or the one that
 *   was open last (then locked), or %NULL
 */
BfProfile *
bf_window_get_profile (BfWindow *self)
{
  g_return_val_if_fail (BF_IS_WINDOW (self), NULL);

  return self->profile;
}

/**
 * bf_window_get_visible_page:
 *
 * Returns: "loading", "create", "unlock" or "main"
 */
const char *
bf_window_get_visible_page (BfWindow *self)
{
  g_return_val_if_fail (BF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * bf_window_add_toast:
 * @toast: (transfer full): the toast; its title is Pango markup
 */
void
bf_window_add_toast (BfWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (BF_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_bf_window_save_drafts (BfWindow *self)
{
  g_assert (BF_IS_WINDOW (self));
  g_assert (self->profile != NULL);

  g_signal_emit (self, signals [SAVE_DRAFTS], 0, self->profile);
}

void
_bf_window_show_unlocked (BfWindow  *self,
                          BfProfile *profile)
{
  g_assert (BF_IS_WINDOW (self));
  g_assert (BF_IS_PROFILE (profile));
  g_assert (!bf_profile_get_locked (profile));

  g_set_object (&self->profile, profile);

  bf_main_page_set_profile (self->main_page, profile);
  bf_window_show_page (self, "main");
  _bf_window_lock_update (self);
  _bf_window_agreements_opened (self);
  _bf_window_sync_opened (self);
}
