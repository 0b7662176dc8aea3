/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_TYPE_SIGNING_DIALOG (bf_signing_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfSigningDialog, bf_signing_dialog, BF, SIGNING_DIALOG, AdwWindow)

BfSigningDialog *bf_signing_dialog_new           (BfAgreementStore *store,
                                                  BfAgreement      *agreement);
BfSigningDialog *bf_signing_dialog_present       (GtkWidget        *parent,
                                                  BfAgreementStore *store,
                                                  BfAgreement      *agreement);
const char      *bf_signing_dialog_get_party     (BfSigningDialog  *self);
void             bf_signing_dialog_select_party  (BfSigningDialog  *self,
                                                  const char       *party_id);

G_END_DECLS
