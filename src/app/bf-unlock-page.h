/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-profile.h"

G_BEGIN_DECLS

#define BF_TYPE_UNLOCK_PAGE (bf_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (BfUnlockPage, bf_unlock_page, BF, UNLOCK_PAGE, AdwBin)

void       bf_unlock_page_set_profiles (BfUnlockPage *self,
                                        GPtrArray    *profiles,
                                        BfProfile    *selected);
BfProfile *bf_unlock_page_get_profile  (BfUnlockPage *self);
gboolean   bf_unlock_page_get_busy     (BfUnlockPage *self);
void       bf_unlock_page_reset        (BfUnlockPage *self);
void       bf_unlock_page_focus        (BfUnlockPage *self);
void       bf_unlock_page_set_reason   (BfUnlockPage *self,
                                        const char   *reason);

G_END_DECLS
