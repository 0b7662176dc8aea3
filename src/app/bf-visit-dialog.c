/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-visit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-dialog-util.h"
#include "bf-visit-dialog.h"

/*
 * "Registrer besøk": one entry in the visit log (besøkslogg). At the
 * kitchen table there is little time, so only the date (today), the type
 * (home visit) and the observations show; the flags and the next contact
 * wait behind an expander. Saving goes straight to the store, which also
 * updates the agreement's last contact, so the caller's list loses its red
 * lamp (R14) when it refreshes on ::saved.
 */

struct _BfVisitDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkButton        *save_button;
  GtkLabel         *error_label;
  AdwEntryRow      *date_row;
  AdwComboRow      *type_row;
  GtkTextView      *observations_view;
  AdwExpanderRow   *more_row;
  GtkSwitch        *fire_risk_switch;
  GtkSwitch        *no_access_switch;
  GtkSwitch        *concern_switch;
  AdwEntryRow      *next_contact_row;

  /* Owned */
  BfAgreementStore *store;
  BfAgreement      *agreement;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (BfVisitDialog, bf_visit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_error (BfVisitDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_sensitivity (BfVisitDialog *self)
{
  gboolean ok = self->agreement != NULL;

  ok &= bf_dialog_check_date_row (self->date_row, FALSE, NULL);
  ok &= bf_dialog_check_date_row (self->next_contact_row, TRUE, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", ok);
}

static void
on_changed_cb (BfVisitDialog *self)
{
  update_sensitivity (self);
}

static void
bf_visit_dialog_save (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BfVisitDialog *self = BF_VISIT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *next = NULL;
  BfVisit *visit;

  if (self->agreement == NULL ||
      !bf_dialog_check_date_row (self->date_row, FALSE, &date) ||
      !bf_dialog_check_date_row (self->next_contact_row, TRUE, &next))
    return;

  visit = bf_visit_new (date, adw_combo_row_get_selected (self->type_row) + 1);
  visit->observations = bf_dialog_dup_text (self->observations_view);
  visit->fire_risk = gtk_switch_get_active (self->fire_risk_switch);
  visit->no_access = gtk_switch_get_active (self->no_access_switch);
  visit->concern = gtk_switch_get_active (self->concern_switch);
  visit->next_contact = g_steal_pointer (&next);

  if (!bf_agreement_store_add_log (self->store, self->agreement, BF_LOG_KIND_VISIT, visit, &error))
    {
      g_warning ("Could not save the visit: %s", error->message);
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, self->agreement);
  gtk_window_close (GTK_WINDOW (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BfVisitDialog) self = user_data;
  g_autoptr(BfAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;

  agreement = bf_agreement_store_load_finish (BF_AGREEMENT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (agreement == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->agreement, agreement);
  update_sensitivity (self);
}

static void
bf_visit_dialog_dispose (GObject *object)
{
  BfVisitDialog *self = BF_VISIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_VISIT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_visit_dialog_parent_class)->dispose (object);
}

static void
bf_visit_dialog_class_init (BfVisitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_visit_dialog_dispose;

  /**
   * BfVisitDialog::saved:
   * @agreement: the agreement, with the new visit in its log
   *
   * The visit is in the store; lists showing the agreement should refresh.
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BF_TYPE_AGREEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-visit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, observations_view);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, more_row);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, fire_risk_switch);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, no_access_switch);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, concern_switch);
  gtk_widget_class_bind_template_child (widget_class, BfVisitDialog, next_contact_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "visit.save", NULL, bf_visit_dialog_save);
  bf_dialog_add_close_bindings (widget_class, "visit.save");
}

static void
bf_visit_dialog_init (BfVisitDialog *self)
{
  g_autoptr(GtkStringList) types = bf_dialog_enum_model (BF_ENUM_VISIT_TYPE);
  g_autofree char *today = bf_dialog_today_iso ();
  g_autofree char *text = bf_dialog_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  adw_combo_row_set_selected (self->type_row, BF_VISIT_TYPE_HJEMMEBESOK - 1);
  bf_dialog_add_calendar (self->date_row);
  bf_dialog_add_calendar (self->next_contact_row);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  update_sensitivity (self);
}

/**
 * bf_visit_dialog_new:
 * @agreement: a saved agreement; the visit is added to this object
 *
 * For a caller that holds the agreement already, such as the editor.
 */
BfVisitDialog *
bf_visit_dialog_new (BfAgreementStore *store,
                     BfAgreement      *agreement)
{
  BfVisitDialog *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (agreement == NULL || BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_VISIT_DIALOG, NULL);
  self->store = g_object_ref (store);
  g_set_object (&self->agreement, agreement);
  update_sensitivity (self);
  return self;
}

/**
 * bf_visit_dialog_present:
 * @parent: (nullable): a widget in the window the dialog belongs to
 * @agreement_id: the agreement to record a visit for; it is loaded in the
 *   background and Save waits for it
 *
 * Returns: (transfer none): the dialog, to connect to ::saved
 */
BfVisitDialog *
bf_visit_dialog_present (GtkWidget        *parent,
                         BfAgreementStore *store,
                         const char       *agreement_id)
{
  BfVisitDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (agreement_id != NULL, NULL);

  self = bf_visit_dialog_new (store, NULL);
  bf_dialog_set_parent (GTK_WINDOW (self), parent);
  bf_agreement_store_load_async (store, agreement_id, self->cancellable, load_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * bf_visit_dialog_get_agreement:
 *
 * Returns: (transfer none) (nullable): the agreement, once loaded
 */
BfAgreement *
bf_visit_dialog_get_agreement (BfVisitDialog *self)
{
  g_return_val_if_fail (BF_IS_VISIT_DIALOG (self), NULL);
  return self->agreement;
}
