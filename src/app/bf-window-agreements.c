/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-editor-page.h"
#include "bf-export.h"
#include "bf-visit-dialog.h"
#include "bf-window-private.h"

/*
 * The window's agreement actions, which the list rows, the header bars,
 * the editor, the dialogs and the reminder notification all go through:
 *
 *   win.new-agreement           Ctrl+N   a new agreement in the editor
 *   win.open-agreement    (s)            the agreement with this id in the editor
 *   win.go-back                 Escape, Alt+Left   from the editor to the list
 *   win.find                    Ctrl+F   the list's search field
 *   win.print-agreement   (s)
 *   win.export-pdf        (s)
 *   win.register-visit    (s)            the visit log dialog, from the list
 *   win.show-agreements   (s)   "all" or "attention" (app.show-agreements too)
 *
 * They are enabled only while a profile is open.
 */

static const char * const open_actions[] = {
  "win.new-agreement",
  "win.open-agreement",
  "win.go-back",
  "win.find",
  "win.print-agreement",
  "win.export-pdf",
  "win.register-visit",
  "win.show-agreements",
};

static gboolean
is_open (BfWindow *self)
{
  return self->profile != NULL && !bf_profile_get_locked (self->profile);
}

static void
update_actions (BfWindow *self)
{
  gboolean open = is_open (self);

  for (guint i = 0; i < G_N_ELEMENTS (open_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), open_actions[i], open);
}

static void
on_editor_closed_cb (BfWindow     *self,
                     BfEditorPage *editor)
{
  bf_main_page_go_back (self->main_page);
}

static void
on_editor_saved_cb (BfWindow     *self,
                    BfEditorPage *editor)
{
  /* A new version or state: the list and the reminder counts change. */
  bf_window_agreements_changed (self);
}

/* Opens the agreement with @id in the editor, or a new agreement when @id
 * is %NULL. Loading one agreement is a few indexed reads; the list stays
 * when it fails. */
static void
open_editor (BfWindow   *self,
             const char *id)
{
  BfAgreementStore *store = bf_main_page_get_agreement_store (self->main_page);
  g_autoptr(GError) error = NULL;
  BfEditorPage *editor;

  if (store == NULL)
    return;

  if (id != NULL)
    editor = bf_editor_page_new_for_id (store, id, self->profile, &error);
  else
    editor = bf_editor_page_new (store, NULL, self->profile);

  if (editor == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error ? error->message : "", -1);

      g_warning ("Could not open agreement %s: %s", id, error ? error->message : "unknown error");
      bf_window_add_toast (self, adw_toast_new (escaped));
      return;
    }

  g_signal_connect_object (editor, "closed", G_CALLBACK (on_editor_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);

  bf_main_page_show_editor (self->main_page, GTK_WIDGET (editor), id);
}

static void
bf_window_new_agreement_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);

  if (!is_open (self))
    return;

  open_editor (self, NULL);
}

static void
bf_window_open_agreement_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (!is_open (self) || id[0] == '\0')
    return;

  open_editor (self, id);
}

static void
bf_window_go_back_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);

  bf_main_page_go_back (self->main_page);
}

static void
bf_window_find_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  BfAgreementListPage *list_page = bf_main_page_get_list_page (self->main_page);

  if (list_page == NULL)
    return;

  bf_main_page_go_back (self->main_page);
  bf_agreement_list_page_focus_search (list_page);
}

static void
bf_window_print_agreement_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  BfAgreementStore *store = bf_main_page_get_agreement_store (self->main_page);

  if (store != NULL)
    bf_export_print_agreement (ADW_APPLICATION_WINDOW (self), store,
                               g_variant_get_string (parameter, NULL),
                               self->open_cancellable);
}

static void
bf_window_export_pdf_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  BfAgreementStore *store = bf_main_page_get_agreement_store (self->main_page);

  if (store != NULL)
    bf_export_pdf (ADW_APPLICATION_WINDOW (self), store,
                   g_variant_get_string (parameter, NULL),
                   self->open_cancellable);
}

static void
on_visit_saved_cb (BfWindow      *self,
                   BfAgreement   *agreement,
                   BfVisitDialog *dialog)
{
  /* A visit moves the last contact: the red light may go out. */
  bf_window_agreements_changed (self);
}

static void
bf_window_register_visit_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  BfWindow *self = BF_WINDOW (widget);
  BfAgreementStore *store = bf_main_page_get_agreement_store (self->main_page);
  BfVisitDialog *dialog;

  if (store == NULL)
    return;

  dialog = bf_visit_dialog_present (widget, store, g_variant_get_string (parameter, NULL));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_visit_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
bf_window_show_agreements_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  bf_window_show_agreements (BF_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_bf_window_agreements_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-agreement", NULL, bf_window_new_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.open-agreement", "s", bf_window_open_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, bf_window_go_back_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, bf_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.print-agreement", "s", bf_window_print_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", "s", bf_window_export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.register-visit", "s", bf_window_register_visit_action);
  gtk_widget_class_install_action (widget_class, "win.show-agreements", "s", bf_window_show_agreements_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-agreement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
}

void
_bf_window_agreements_init (BfWindow *self)
{
  update_actions (self);
}

void
_bf_window_agreements_dispose (BfWindow *self)
{
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->reminders != NULL)
    g_object_run_dispose (G_OBJECT (self->reminders));
  g_clear_object (&self->reminders);
  g_clear_pointer (&self->pending_view, g_free);
}

/* The profile has just opened, and the list with it. */
void
_bf_window_agreements_opened (BfWindow *self)
{
  BfAgreementStore *store = bf_main_page_get_agreement_store (self->main_page);
  g_autofree char *view = g_steal_pointer (&self->pending_view);

  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  update_actions (self);

  if (view != NULL)
    bf_window_show_agreements (self, view);

  /* The application is known only once the window is constructed; tests
   * run windows without one, and then the reminders only count. */
  if (self->reminders == NULL)
    self->reminders = bf_reminders_new ((GApplication *) gtk_window_get_application (GTK_WINDOW (self)));
  if (store != NULL)
    bf_reminders_start (self->reminders, store);
}

/* The profile is about to lock: nothing that holds decrypted data goes on. */
void
_bf_window_agreements_locked (BfWindow *self)
{
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  if (self->reminders != NULL)
    bf_reminders_stop (self->reminders);

  /* Right after, bf_window_lock() drops the main page's profile, and with
   * it the list, its model and the editor. The actions follow the lock. */
  for (guint i = 0; i < G_N_ELEMENTS (open_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), open_actions[i], FALSE);
}

/**
 * bf_window_get_main_page:
 *
 * Returns: (transfer none): the page of the open profile
 */
BfMainPage *
bf_window_get_main_page (BfWindow *self)
{
  g_return_val_if_fail (BF_IS_WINDOW (self), NULL);

  return self->main_page;
}

/**
 * bf_window_get_agreement_store:
 *
 * For the editor and the dialogs: the open profile's agreements. Do not
 * keep it past BfWindow::save-drafts.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL while locked
 */
BfAgreementStore *
bf_window_get_agreement_store (BfWindow *self)
{
  g_return_val_if_fail (BF_IS_WINDOW (self), NULL);

  return bf_main_page_get_agreement_store (self->main_page);
}

/**
 * bf_window_show_agreements:
 * @view: "all" or "attention"
 *
 * Shows the list in that view, coming back from the editor if need be.
 * While the profile is locked, the view is remembered for the unlock.
 */
void
bf_window_show_agreements (BfWindow   *self,
                           const char *view)
{
  BfAgreementListPage *list_page;

  g_return_if_fail (BF_IS_WINDOW (self));
  g_return_if_fail (view != NULL);

  if (!is_open (self))
    {
      g_free (self->pending_view);
      self->pending_view = g_strdup (view);
      return;
    }

  list_page = bf_main_page_get_list_page (self->main_page);
  if (list_page == NULL)
    return;

  bf_main_page_go_back (self->main_page);
  bf_agreement_list_page_set_view (list_page, view);
  bf_agreement_list_page_focus_list (list_page);
}

/**
 * bf_window_agreements_changed:
 *
 * For the editor and the dialogs, after a save or a new log entry: the
 * list reads its rows and badges again.
 */
void
bf_window_agreements_changed (BfWindow *self)
{
  g_return_if_fail (BF_IS_WINDOW (self));

  bf_main_page_agreements_changed (self->main_page);
  if (self->reminders != NULL && is_open (self))
    bf_reminders_check (self->reminders);
}
