/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-profile.h"

G_BEGIN_DECLS

#define BF_TYPE_MAIN_PAGE (bf_main_page_get_type ())

G_DECLARE_FINAL_TYPE (BfMainPage, bf_main_page, BF, MAIN_PAGE, AdwBin)

BfProfile *bf_main_page_get_profile (BfMainPage *self);
void       bf_main_page_set_profile (BfMainPage *self,
                                     BfProfile  *profile);
GtkWidget *bf_main_page_get_content (BfMainPage *self);
void       bf_main_page_set_content (BfMainPage *self,
                                     GtkWidget  *content);

G_END_DECLS
