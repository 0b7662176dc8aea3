/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_JOIN_SHARE_DIALOG (bf_join_share_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BfJoinShareDialog, bf_join_share_dialog, BF, JOIN_SHARE_DIALOG, AdwWindow)

BfJoinShareDialog *bf_join_share_dialog_new             (GtkWindow         *parent,
                                                         BfSyncController  *controller);
const char        *bf_join_share_dialog_get_page        (BfJoinShareDialog *self);
const char        *bf_join_share_dialog_get_fingerprint (BfJoinShareDialog *self);

G_END_DECLS
