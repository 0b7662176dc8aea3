/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-breach-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-breach-dialog.h"
#include "bf-dialog-util.h"
#include "bf-rules.h"

/*
 * Records a breach of the follow-up agreement (DOMAIN.md "Brudd"): the
 * date, what happened, whether the lease or house rules were also
 * breached, an assessment against the agreement's purpose (002:826) and
 * the consequence.
 *
 * R07 is shown plainly every time, because this is the moment it matters:
 * a tenant cannot be given notice for breaching the follow-up agreement
 * alone (002:828–830). When the consequence reads as a threat to the
 * tenancy while the lease was not breached, the dialog says so next to the
 * text; it warns and never changes what was written. A breach is a flag on
 * the agreement and never ends it.
 */

struct _BfBreachDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkButton        *save_button;
  GtkLabel         *error_label;
  AdwEntryRow      *date_row;
  GtkTextView      *description_view;
  GtkSwitch        *lease_switch;
  GtkTextView      *assessment_view;
  GtkTextView      *consequence_view;
  GtkWidget        *guidance_box;
  GtkWidget        *r07_warning;

  /* Owned */
  BfAgreementStore *store;
  BfAgreement      *agreement;
};

G_DEFINE_FINAL_TYPE (BfBreachDialog, bf_breach_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update (BfBreachDialog *self)
{
  g_autofree char *description = bf_dialog_dup_text (self->description_view);
  g_autofree char *consequence = bf_dialog_dup_text (self->consequence_view);
  gboolean ok;

  gtk_widget_set_visible (self->r07_warning,
                          !gtk_switch_get_active (self->lease_switch) &&
                          bf_text_threatens_tenancy (consequence));

  ok = bf_dialog_check_date_row (self->date_row, FALSE, NULL) && description != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "breach.save", ok);
}

static void
on_changed_cb (BfBreachDialog *self)
{
  update (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BfBreachDialog *self = BF_BREACH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = bf_dialog_dup_text (self->description_view);
  BfBreach *breach;

  if (!bf_dialog_check_date_row (self->date_row, FALSE, &date) || description == NULL)
    return;

  breach = bf_breach_new (date, description);
  breach->lease_also_breached = gtk_switch_get_active (self->lease_switch);
  breach->assessment = bf_dialog_dup_text (self->assessment_view);
  breach->consequence = bf_dialog_dup_text (self->consequence_view);

  if (!bf_agreement_store_add_log (self->store, self->agreement, BF_LOG_KIND_BREACH, breach, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, self->agreement);
  gtk_window_close (GTK_WINDOW (self));
}

static void
bf_breach_dialog_dispose (GObject *object)
{
  BfBreachDialog *self = BF_BREACH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_BREACH_DIALOG);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_breach_dialog_parent_class)->dispose (object);
}

static void
bf_breach_dialog_class_init (BfBreachDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_breach_dialog_dispose;

  /**
   * BfBreachDialog::saved:
   * @agreement: the agreement, with the breach in its log
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BF_TYPE_AGREEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-breach-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, lease_switch);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, assessment_view);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, consequence_view);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, guidance_box);
  gtk_widget_class_bind_template_child (widget_class, BfBreachDialog, r07_warning);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "breach.save", NULL, save_action);
  bf_dialog_add_close_bindings (widget_class, "breach.save");
}

static void
bf_breach_dialog_init (BfBreachDialog *self)
{
  g_autofree char *today = bf_dialog_today_iso ();
  g_autofree char *text = bf_dialog_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->consequence_view), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  bf_dialog_add_calendar (self->date_row);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  update (self);
}

/**
 * bf_breach_dialog_new:
 * @agreement: a saved agreement; the breach is added to this object
 */
BfBreachDialog *
bf_breach_dialog_new (BfAgreementStore *store,
                      BfAgreement      *agreement)
{
  BfBreachDialog *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_BREACH_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->agreement = g_object_ref (agreement);
  return self;
}

/**
 * bf_breach_dialog_present:
 * @parent: (nullable): a widget in the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, to connect to ::saved
 */
BfBreachDialog *
bf_breach_dialog_present (GtkWidget        *parent,
                          BfAgreementStore *store,
                          BfAgreement      *agreement)
{
  BfBreachDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);

  self = bf_breach_dialog_new (store, agreement);
  if (self == NULL)
    return NULL;
  bf_dialog_set_parent (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
