/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_TYPE_VISIT_DIALOG (bf_visit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfVisitDialog, bf_visit_dialog, BF, VISIT_DIALOG, AdwWindow)

BfVisitDialog *bf_visit_dialog_new     (BfAgreementStore *store,
                                        BfAgreement      *agreement);
BfVisitDialog *bf_visit_dialog_present (GtkWidget        *parent,
                                        BfAgreementStore *store,
                                        const char       *agreement_id);
BfAgreement   *bf_visit_dialog_get_agreement (BfVisitDialog *self);

G_END_DECLS
