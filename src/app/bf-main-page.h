/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-list-page.h"
#include "bf-agreement-store.h"
#include "bf-profile.h"

G_BEGIN_DECLS

#define BF_TYPE_MAIN_PAGE (bf_main_page_get_type ())

G_DECLARE_FINAL_TYPE (BfMainPage, bf_main_page, BF, MAIN_PAGE, AdwBin)

BfProfile           *bf_main_page_get_profile         (BfMainPage *self);
void                 bf_main_page_set_profile         (BfMainPage *self,
                                                       BfProfile  *profile);
GtkWidget           *bf_main_page_get_content         (BfMainPage *self);
void                 bf_main_page_set_content         (BfMainPage *self,
                                                       GtkWidget  *content);

BfAgreementStore    *bf_main_page_get_agreement_store (BfMainPage *self);
BfAgreementListPage *bf_main_page_get_list_page       (BfMainPage *self);
const char          *bf_main_page_get_view            (BfMainPage *self);
void                 bf_main_page_show_editor         (BfMainPage *self,
                                                       GtkWidget  *editor,
                                                       const char *agreement_id);
GtkWidget           *bf_main_page_get_editor          (BfMainPage *self);
const char          *bf_main_page_get_open_id         (BfMainPage *self);
gboolean             bf_main_page_go_back             (BfMainPage *self);
void                 bf_main_page_agreements_changed  (BfMainPage *self);

G_END_DECLS
