/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_SYNC_STATUS (bf_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (BfSyncStatus, bf_sync_status, BF, SYNC_STATUS, GtkWidget)

BfSyncController *bf_sync_status_get_controller (BfSyncStatus     *self);
void              bf_sync_status_set_controller (BfSyncStatus     *self,
                                                 BfSyncController *controller);
char             *bf_sync_format_relative_time  (GDateTime        *time,
                                                 GDateTime        *now);

G_END_DECLS
