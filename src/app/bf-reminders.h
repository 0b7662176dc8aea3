/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

#define BF_REMINDERS_NOTIFICATION_ID "follow-up-reminders"

#define BF_TYPE_REMINDERS (bf_reminders_get_type ())

G_DECLARE_FINAL_TYPE (BfReminders, bf_reminders, BF, REMINDERS, GObject)

BfReminders *bf_reminders_new             (GApplication     *application);
void         bf_reminders_start           (BfReminders      *self,
                                           BfAgreementStore *store);
void         bf_reminders_stop            (BfReminders      *self);
gboolean     bf_reminders_check           (BfReminders      *self);
void         bf_reminders_get_counts      (BfReminders      *self,
                                           guint            *n_overdue,
                                           guint            *n_red_lamp,
                                           guint            *n_lease_expiring);
GNotification *bf_reminders_build_notification (guint n_overdue,
                                                guint n_red_lamp,
                                                guint n_lease_expiring);

G_END_DECLS
