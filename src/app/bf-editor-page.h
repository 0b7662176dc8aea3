/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"
#include "bf-profile.h"

G_BEGIN_DECLS

#define BF_TYPE_EDITOR_PAGE (bf_editor_page_get_type ())

G_DECLARE_FINAL_TYPE (BfEditorPage, bf_editor_page, BF, EDITOR_PAGE, AdwBin)

BfEditorPage *bf_editor_page_new           (BfAgreementStore *store,
                                            BfAgreement      *agreement,
                                            BfProfile        *profile);
BfEditorPage *bf_editor_page_new_for_id    (BfAgreementStore *store,
                                            const char       *id,
                                            BfProfile        *profile,
                                            GError          **error);
BfAgreement  *bf_editor_page_get_agreement (BfEditorPage     *self);
BfSection     bf_editor_page_get_section   (BfEditorPage     *self);
void          bf_editor_page_show_section  (BfEditorPage     *self,
                                            BfSection         section);
GtkWidget    *bf_editor_page_get_field_widget (BfEditorPage  *self,
                                               const char    *field_path);
GPtrArray    *bf_editor_page_get_findings  (BfEditorPage     *self);
void          bf_editor_page_check_now     (BfEditorPage     *self);
gboolean      bf_editor_page_save_draft    (BfEditorPage     *self,
                                            GError          **error);
gboolean      bf_editor_page_get_busy      (BfEditorPage     *self);
void          bf_editor_page_set_show_title_buttons (BfEditorPage *self,
                                                     gboolean      show);

G_END_DECLS
