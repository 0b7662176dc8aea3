/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-evaluation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-date.h"
#include "bf-dialog-util.h"
#include "bf-evaluation-dialog.h"

/*
 * One evaluation of an agreement (DOMAIN.md "Evaluering"): the date,
 * whether a home visit or inspection was done, how each measure works, how
 * far the goals are reached, the tenant's view, the decision and the next
 * date.
 *
 * R09: an extension requires an inspection or home visit first (002:822).
 * A home visit recorded in the visit log since the last evaluation turns
 * the switch on by itself; otherwise choosing "extend" shows why it cannot
 * be saved, and Save stays off until the switch is on or the decision
 * changes. The evaluation then carries home_visit_done, which is what the
 * lifecycle checks before "forlenget".
 */

struct _BfEvaluationDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *save_button;
  GtkLabel            *error_label;
  AdwEntryRow         *date_row;
  AdwActionRow        *home_visit_row;
  GtkSwitch           *home_visit_switch;
  AdwPreferencesGroup *measures_group;
  GtkTextView         *goal_view;
  GtkTextView         *tenant_view;
  AdwComboRow         *decision_row;
  AdwEntryRow         *next_date_row;
  GtkWidget           *r09_box;

  /* Owned */
  BfAgreementStore    *store;
  BfAgreement         *agreement;
  GPtrArray           *measure_rows;   /* of AdwComboRow, with "measure-id" */
};

G_DEFINE_FINAL_TYPE (BfEvaluationDialog, bf_evaluation_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static BfEvaluationDecision
get_decision (BfEvaluationDialog *self)
{
  return adw_combo_row_get_selected (self->decision_row) + 1;
}

static void
update (BfEvaluationDialog *self)
{
  gboolean blocked = bf_evaluation_dialog_get_blocked (self);
  gboolean ok = self->agreement != NULL;

  gtk_widget_set_visible (self->r09_box, blocked);
  ok &= bf_dialog_check_date_row (self->date_row, FALSE, NULL);
  ok &= bf_dialog_check_date_row (self->next_date_row, TRUE, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.save", ok && !blocked);
}

static void
on_changed_cb (BfEvaluationDialog *self)
{
  update (self);
}

/* The latest home visit, where someone was let in, since the last
 * evaluation: that is the visit an extension rests on. */
static const char *
find_recent_home_visit (BfAgreement *agreement)
{
  GPtrArray *visits = bf_agreement_get_visits (agreement);
  GPtrArray *evaluations = bf_agreement_get_evaluations (agreement);
  const char *since = NULL;
  const char *found = NULL;

  for (guint i = 0; i < evaluations->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (evaluations, i);

      if (since == NULL || bf_date_compare (e->date, since) > 0)
        since = e->date;
    }
  for (guint i = 0; i < visits->len; i++)
    {
      BfVisit *v = g_ptr_array_index (visits, i);

      if (v->type != BF_VISIT_TYPE_HJEMMEBESOK || v->no_access || v->date == NULL)
        continue;
      if (since != NULL && bf_date_compare (v->date, since) <= 0)
        continue;
      if (found == NULL || bf_date_compare (v->date, found) > 0)
        found = v->date;
    }
  return found;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BfEvaluationDialog *self = BF_EVALUATION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *next = NULL;
  BfEvaluation *evaluation;

  if (self->agreement == NULL || bf_evaluation_dialog_get_blocked (self) ||
      !bf_dialog_check_date_row (self->date_row, FALSE, &date) ||
      !bf_dialog_check_date_row (self->next_date_row, TRUE, &next))
    return;

  evaluation = bf_evaluation_new (date);
  evaluation->home_visit_done = gtk_switch_get_active (self->home_visit_switch);
  for (guint i = 0; i < self->measure_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->measure_rows, i);
      guint status = adw_combo_row_get_selected (row);

      /* Position 0 is "not assessed". */
      if (status > 0 && status < bf_enum_n_values (BF_ENUM_MEASURE_STATUS))
        g_ptr_array_add (evaluation->measures,
                         bf_measure_review_new (g_object_get_data (G_OBJECT (row), "measure-id"), status));
    }
  evaluation->goal_attainment = bf_dialog_dup_text (self->goal_view);
  evaluation->tenant_view = bf_dialog_dup_text (self->tenant_view);
  evaluation->decision = get_decision (self);
  evaluation->next_date = g_steal_pointer (&next);

  if (!bf_agreement_store_add_log (self->store, self->agreement, BF_LOG_KIND_EVALUATION, evaluation, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, self->agreement);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill (BfEvaluationDialog *self)
{
  GPtrArray *measures = bf_agreement_get_measures (self->agreement);
  const char *visit = find_recent_home_visit (self->agreement);

  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      g_autoptr(GtkStringList) model = bf_dialog_enum_model (BF_ENUM_MEASURE_STATUS);
      GtkWidget *row = adw_combo_row_new ();
      const char *category = bf_enum_label_en (BF_ENUM_MEASURE_CATEGORY, m->category);

      /* Translators: the status of a measure that was not looked at. */
      gtk_string_list_splice (model, 0, 0, (const char *[]) { _("Not assessed"), NULL });
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     m->description ? m->description : (category ? category : ""));
      if (m->description != NULL && category != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), category);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      g_object_set_data_full (G_OBJECT (row), "measure-id", g_strdup (m->id), g_free);
      adw_preferences_group_add (self->measures_group, row);
      g_ptr_array_add (self->measure_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->measures_group), measures->len > 0);

  if (visit != NULL)
    {
      g_autofree char *text = bf_dialog_format_date (visit);
      g_autofree char *subtitle = g_strdup_printf (_("A home visit is recorded on %s"), text);

      adw_action_row_set_subtitle (self->home_visit_row, subtitle);
      gtk_switch_set_active (self->home_visit_switch, TRUE);
    }
  update (self);
}

static void
bf_evaluation_dialog_dispose (GObject *object)
{
  BfEvaluationDialog *self = BF_EVALUATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_EVALUATION_DIALOG);
  g_clear_pointer (&self->measure_rows, g_ptr_array_unref);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_evaluation_dialog_parent_class)->dispose (object);
}

static void
bf_evaluation_dialog_class_init (BfEvaluationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_evaluation_dialog_dispose;

  /**
   * BfEvaluationDialog::saved:
   * @agreement: the agreement, with the evaluation in its log
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BF_TYPE_AGREEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-evaluation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, home_visit_row);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, home_visit_switch);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, measures_group);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, goal_view);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, tenant_view);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, decision_row);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, next_date_row);
  gtk_widget_class_bind_template_child (widget_class, BfEvaluationDialog, r09_box);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "evaluation.save", NULL, save_action);
  bf_dialog_add_close_bindings (widget_class, "evaluation.save");
}

static void
bf_evaluation_dialog_init (BfEvaluationDialog *self)
{
  g_autoptr(GtkStringList) decisions = bf_dialog_enum_model (BF_ENUM_EVALUATION_DECISION);
  g_autofree char *today = bf_dialog_today_iso ();
  g_autofree char *text = bf_dialog_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->measure_rows = g_ptr_array_new ();

  adw_combo_row_set_model (self->decision_row, G_LIST_MODEL (decisions));
  adw_combo_row_set_selected (self->decision_row, BF_EVALUATION_DECISION_VIDEREFORE - 1);
  bf_dialog_add_calendar (self->date_row);
  bf_dialog_add_calendar (self->next_date_row);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

/**
 * bf_evaluation_dialog_new:
 * @agreement: a saved agreement; the evaluation is added to this object
 */
BfEvaluationDialog *
bf_evaluation_dialog_new (BfAgreementStore *store,
                          BfAgreement      *agreement)
{
  BfEvaluationDialog *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_EVALUATION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->agreement = g_object_ref (agreement);
  fill (self);
  return self;
}

/**
 * bf_evaluation_dialog_present:
 * @parent: (nullable): a widget in the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, to connect to ::saved
 */
BfEvaluationDialog *
bf_evaluation_dialog_present (GtkWidget        *parent,
                              BfAgreementStore *store,
                              BfAgreement      *agreement)
{
  BfEvaluationDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);

  self = bf_evaluation_dialog_new (store, agreement);
  if (self == NULL)
    return NULL;
  bf_dialog_set_parent (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * bf_evaluation_dialog_get_blocked:
 *
 * Returns: %TRUE when R09 blocks saving: "extend" without a home visit or
 *   inspection
 */
gboolean
bf_evaluation_dialog_get_blocked (BfEvaluationDialog *self)
{
  g_return_val_if_fail (BF_IS_EVALUATION_DIALOG (self), FALSE);

  return get_decision (self) == BF_EVALUATION_DECISION_FORLENGE &&
         !gtk_switch_get_active (self->home_visit_switch);
}
