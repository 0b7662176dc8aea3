/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_TYPE_BREACH_DIALOG (bf_breach_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfBreachDialog, bf_breach_dialog, BF, BREACH_DIALOG, AdwWindow)

BfBreachDialog *bf_breach_dialog_new     (BfAgreementStore *store,
                                          BfAgreement      *agreement);
BfBreachDialog *bf_breach_dialog_present (GtkWidget        *parent,
                                          BfAgreementStore *store,
                                          BfAgreement      *agreement);

G_END_DECLS
