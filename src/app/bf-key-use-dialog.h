/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_TYPE_KEY_USE_DIALOG (bf_key_use_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfKeyUseDialog, bf_key_use_dialog, BF, KEY_USE_DIALOG, AdwWindow)

BfKeyUseDialog *bf_key_use_dialog_new     (BfAgreementStore *store,
                                           BfAgreement      *agreement);
BfKeyUseDialog *bf_key_use_dialog_present (GtkWidget        *parent,
                                           BfAgreementStore *store,
                                           BfAgreement      *agreement);

G_END_DECLS
