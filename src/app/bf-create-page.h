/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BF_TYPE_CREATE_PAGE (bf_create_page_get_type ())

G_DECLARE_FINAL_TYPE (BfCreatePage, bf_create_page, BF, CREATE_PAGE, AdwBin)

const char *bf_create_page_get_root       (BfCreatePage *self);
void        bf_create_page_set_root       (BfCreatePage *self,
                                           const char   *root);
gboolean    bf_create_page_get_can_cancel (BfCreatePage *self);
void        bf_create_page_set_can_cancel (BfCreatePage *self,
                                           gboolean      can_cancel);
gboolean    bf_create_page_get_busy       (BfCreatePage *self);
void        bf_create_page_reset          (BfCreatePage *self);
void        bf_create_page_focus          (BfCreatePage *self);

G_END_DECLS
