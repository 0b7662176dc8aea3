/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-application.h"
#include "bf-lock-monitor.h"
#include "bf-main-page.h"
#include "bf-profile.h"
#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_WINDOW (bf_window_get_type ())

G_DECLARE_FINAL_TYPE (BfWindow, bf_window, BF, WINDOW, AdwApplicationWindow)

BfWindow   *bf_window_new              (BfApplication *application);
BfProfile  *bf_window_get_profile      (BfWindow      *self);
const char *bf_window_get_visible_page (BfWindow      *self);
void        bf_window_lock             (BfWindow      *self,
                                        BfLockReason   reason);
void        bf_window_add_toast        (BfWindow      *self,
                                        AdwToast      *toast);
BfSyncController *bf_window_get_sync_controller (BfWindow *self);

BfMainPage       *bf_window_get_main_page        (BfWindow   *self);
BfAgreementStore *bf_window_get_agreement_store  (BfWindow   *self);
void              bf_window_show_agreements      (BfWindow   *self,
                                                  const char *view);
void              bf_window_agreements_changed   (BfWindow   *self);

G_END_DECLS
