/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bf-create-page.h"
#include "bf-lock-monitor.h"
#include "bf-main-page.h"
#include "bf-reminders.h"
#include "bf-sync-controller.h"
#include "bf-unlock-page.h"
#include "bf-window.h"

G_BEGIN_DECLS

struct _BfWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  BfCreatePage    *create_page;
  BfUnlockPage    *unlock_page;
  BfMainPage      *main_page;

  /* Owned */
  GSettings       *settings;
  GCancellable    *cancellable;
  BfLockMonitor   *lock_monitor;
  GPtrArray       *profiles;      /* every BfProfile in profile_root */
  BfProfile       *profile;       /* the open profile, or the last one locked */
  char            *profile_root;
  BfReminders     *reminders;
  GCancellable    *open_cancellable; /* cancelled at lock: prints, exports */
  char            *pending_view;     /* a list view asked for while locked */
  BfSyncController *sync_controller;  /* bf-window-sync.c */
};

void _bf_window_save_drafts   (BfWindow  *self);
void _bf_window_lock_init     (BfWindow  *self);
void _bf_window_lock_dispose  (BfWindow  *self);
void _bf_window_lock_update   (BfWindow  *self);
void _bf_window_lock_action   (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);
void _bf_window_show_unlocked (BfWindow  *self,
                               BfProfile *profile);

void _bf_window_agreements_class_init (GtkWidgetClass *widget_class);
void _bf_window_agreements_init       (BfWindow       *self);
void _bf_window_agreements_dispose    (BfWindow       *self);
void _bf_window_agreements_opened     (BfWindow       *self);
void _bf_window_agreements_locked     (BfWindow       *self);
/* bf-window-sync.c */
void _bf_window_sync_class_init (GtkWidgetClass *widget_class);
void _bf_window_sync_init       (BfWindow       *self);
void _bf_window_sync_dispose    (BfWindow       *self);
void _bf_window_sync_opened     (BfWindow       *self);
void _bf_window_sync_locked     (BfWindow       *self);

G_END_DECLS
