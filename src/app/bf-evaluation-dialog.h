/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_TYPE_EVALUATION_DIALOG (bf_evaluation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfEvaluationDialog, bf_evaluation_dialog, BF, EVALUATION_DIALOG, AdwWindow)

BfEvaluationDialog *bf_evaluation_dialog_new         (BfAgreementStore   *store,
                                                      BfAgreement        *agreement);
BfEvaluationDialog *bf_evaluation_dialog_present     (GtkWidget          *parent,
                                                      BfAgreementStore   *store,
                                                      BfAgreement        *agreement);
gboolean            bf_evaluation_dialog_get_blocked (BfEvaluationDialog *self);

G_END_DECLS
