/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  BF_LOCK_REASON_USER,          /* win.lock, Ctrl+L or the menu */
  BF_LOCK_REASON_IDLE,          /* no activity for idle-lock-minutes */
  BF_LOCK_REASON_SCREENSAVER,   /* GtkApplication:screensaver-active */
  BF_LOCK_REASON_SUSPEND,       /* logind PrepareForSleep(true) */
  BF_LOCK_REASON_CLOSE,         /* the window is going away */
} BfLockReason;

#define BF_TYPE_LOCK_MONITOR (bf_lock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (BfLockMonitor, bf_lock_monitor, BF, LOCK_MONITOR, GObject)

BfLockMonitor *bf_lock_monitor_new              (GtkWindow     *window);
gboolean       bf_lock_monitor_get_armed        (BfLockMonitor *self);
void           bf_lock_monitor_set_armed        (BfLockMonitor *self,
                                                 gboolean       armed);
guint          bf_lock_monitor_get_idle_minutes (BfLockMonitor *self);
void           bf_lock_monitor_set_idle_minutes (BfLockMonitor *self,
                                                 guint          minutes);
void           bf_lock_monitor_reset_idle       (BfLockMonitor *self);
gint64         bf_lock_monitor_get_idle_seconds (BfLockMonitor *self);
gint64         bf_lock_monitor_get_boottime     (void);
gboolean       bf_lock_monitor_check_idle       (BfLockMonitor *self);

/* For tests: pretend that the last activity was at this CLOCK_BOOTTIME
 * time, in microseconds. */
void           _bf_lock_monitor_set_last_activity (BfLockMonitor *self,
                                                   gint64         boottime);

G_END_DECLS
