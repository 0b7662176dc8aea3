/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-list-model.h"

G_BEGIN_DECLS

#define BF_TYPE_AGREEMENT_LIST_PAGE (bf_agreement_list_page_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreementListPage, bf_agreement_list_page, BF, AGREEMENT_LIST_PAGE, AdwBin)

GtkWidget            *bf_agreement_list_page_new          (BfAgreementStore    *store);
BfAgreementListModel *bf_agreement_list_page_get_model    (BfAgreementListPage *self);
const char           *bf_agreement_list_page_get_view     (BfAgreementListPage *self);
void                  bf_agreement_list_page_set_view     (BfAgreementListPage *self,
                                                           const char          *view);
void                  bf_agreement_list_page_refresh      (BfAgreementListPage *self);
void                  bf_agreement_list_page_focus_search (BfAgreementListPage *self);
void                  bf_agreement_list_page_focus_list   (BfAgreementListPage *self);

G_END_DECLS
