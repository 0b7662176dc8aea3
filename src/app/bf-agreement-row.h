/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-item.h"

G_BEGIN_DECLS

#define BF_TYPE_AGREEMENT_ROW (bf_agreement_row_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreementRow, bf_agreement_row, BF, AGREEMENT_ROW, GtkWidget)

GtkWidget       *bf_agreement_row_new       (void);
BfAgreementItem *bf_agreement_row_get_item  (BfAgreementRow  *self);
void             bf_agreement_row_set_item  (BfAgreementRow  *self,
                                             BfAgreementItem *item,
                                             const GDate     *today);

char            *bf_format_iso_date         (const char      *iso_date);

G_END_DECLS
