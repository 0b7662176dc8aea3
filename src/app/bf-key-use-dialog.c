/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-key-use-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-dialog-util.h"
#include "bf-key-use-dialog.h"

/*
 * The innlåsingslogg: each time someone lets themselves into the tenant's
 * home with the key. Entering the home is the most contested power in
 * these agreements (000:3088–3094), so each use records when, under which
 * of the agreed entry conditions, who was told and when, who was there and
 * what was found and done. The conditions offered are the ones the
 * agreement names; R05's advice (two staff present) shows while fewer
 * than two names are given.
 */

struct _BfKeyUseDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkButton        *save_button;
  GtkLabel         *error_label;
  GtkWidget        *no_access_box;
  AdwEntryRow      *time_row;
  AdwComboRow      *condition_row;
  GtkSwitch        *notice_switch;
  AdwEntryRow      *notice_to_row;
  AdwEntryRow      *notice_at_row;
  AdwEntryRow      *staff_row;
  GtkWidget        *r05_box;
  GtkTextView      *found_view;

  /* Owned */
  BfAgreementStore *store;
  BfAgreement      *agreement;
  GArray           *conditions;   /* of BfEntryCondition, by position */
};

G_DEFINE_FINAL_TYPE (BfKeyUseDialog, bf_key_use_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static GPtrArray *
dup_staff (BfKeyUseDialog *self)
{
  g_auto(GStrv) names = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->staff_row)), ",;", -1);
  GPtrArray *staff = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (names[i][0] != '\0')
        g_ptr_array_add (staff, g_strdup (names[i]));
    }
  return staff;
}

static void
update (BfKeyUseDialog *self)
{
  g_autoptr(GPtrArray) staff = dup_staff (self);
  gboolean notice = gtk_switch_get_active (self->notice_switch);
  gboolean ok = TRUE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->notice_to_row), notice);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notice_at_row), notice);
  gtk_widget_set_visible (self->r05_box, staff->len < 2);

  ok &= bf_dialog_check_time_row (self->time_row, FALSE, NULL);
  ok &= !notice || bf_dialog_check_time_row (self->notice_at_row, TRUE, NULL);
  ok &= self->conditions->len > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key-use.save", ok);
}

static void
on_changed_cb (BfKeyUseDialog *self)
{
  update (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BfKeyUseDialog *self = BF_KEY_USE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = dup_staff (self);
  g_autofree char *time = NULL;
  g_autofree char *notice_at = NULL;
  gboolean notice = gtk_switch_get_active (self->notice_switch);
  guint position = adw_combo_row_get_selected (self->condition_row);
  BfKeyUse *use;

  if (!bf_dialog_check_time_row (self->time_row, FALSE, &time) ||
      (notice && !bf_dialog_check_time_row (self->notice_at_row, TRUE, &notice_at)) ||
      position >= self->conditions->len)
    return;

  use = bf_key_use_new (time, g_array_index (self->conditions, BfEntryCondition, position));
  use->notice_given = notice;
  if (notice)
    {
      use->notice_to = bf_dialog_dup_row_text (self->notice_to_row);
      use->notice_at = g_steal_pointer (&notice_at);
    }
  for (guint i = 0; i < staff->len; i++)
    g_ptr_array_add (use->staff_present, g_strdup (g_ptr_array_index (staff, i)));
  use->found_and_done = bf_dialog_dup_text (self->found_view);

  if (!bf_agreement_store_add_log (self->store, self->agreement, BF_LOG_KIND_KEY_USE, use, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, self->agreement);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_condition (BfKeyUseDialog   *self,
               GtkStringList    *model,
               BfEntryCondition  condition)
{
  g_array_append_val (self->conditions, condition);
  gtk_string_list_append (model, bf_enum_label_en (BF_ENUM_ENTRY_CONDITION, condition));
}

static void
fill (BfKeyUseDialog *self)
{
  BfKeyAccess *k = bf_agreement_get_key_access (self->agreement);
  BfEntryConditions *c = &k->conditions;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  /* Only the situations the agreement allows entry in. */
  if (c->danger_to_life_or_health)
    add_condition (self, model, BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE);
  if (c->no_contact_hours > 0)
    add_condition (self, model, BF_ENTRY_CONDITION_INGEN_KONTAKT);
  if (c->partner_concern)
    add_condition (self, model, BF_ENTRY_CONDITION_BEKYMRING);
  if (c->suspected_house_rule_breach)
    add_condition (self, model, BF_ENTRY_CONDITION_BRUDD_HUSORDEN);
  if (c->fire_or_hms_risk)
    add_condition (self, model, BF_ENTRY_CONDITION_BRANN_HMS);
  if (c->other != NULL)
    add_condition (self, model, BF_ENTRY_CONDITION_ANNET);

  adw_combo_row_set_model (self->condition_row, G_LIST_MODEL (model));
  gtk_widget_set_visible (self->no_access_box, !k->agreed || k->consent_withdrawn != NULL ||
                                               self->conditions->len == 0);
  update (self);
}

static void
bf_key_use_dialog_dispose (GObject *object)
{
  BfKeyUseDialog *self = BF_KEY_USE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_KEY_USE_DIALOG);
  g_clear_pointer (&self->conditions, g_array_unref);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_key_use_dialog_parent_class)->dispose (object);
}

static void
bf_key_use_dialog_class_init (BfKeyUseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_key_use_dialog_dispose;

  /**
   * BfKeyUseDialog::saved:
   * @agreement: the agreement, with the key use in its log
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BF_TYPE_AGREEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-key-use-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, no_access_box);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, condition_row);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, notice_switch);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, notice_to_row);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, notice_at_row);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, r05_box);
  gtk_widget_class_bind_template_child (widget_class, BfKeyUseDialog, found_view);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "key-use.save", NULL, save_action);
  bf_dialog_add_close_bindings (widget_class, "key-use.save");
}

static void
bf_key_use_dialog_init (BfKeyUseDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%d.%m.%Y %H:%M");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->conditions = g_array_new (FALSE, FALSE, sizeof (BfEntryCondition));
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), text);
}

/**
 * bf_key_use_dialog_new:
 * @agreement: a saved agreement; the key use is added to this object
 */
BfKeyUseDialog *
bf_key_use_dialog_new (BfAgreementStore *store,
                       BfAgreement      *agreement)
{
  BfKeyUseDialog *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_KEY_USE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->agreement = g_object_ref (agreement);
  fill (self);
  return self;
}

/**
 * bf_key_use_dialog_present:
 * @parent: (nullable): a widget in the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, to connect to ::saved
 */
BfKeyUseDialog *
bf_key_use_dialog_present (GtkWidget        *parent,
                           BfAgreementStore *store,
                           BfAgreement      *agreement)
{
  BfKeyUseDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);

  self = bf_key_use_dialog_new (store, agreement);
  if (self == NULL)
    return NULL;
  bf_dialog_set_parent (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
