/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-reminders.h"

/*
 * The daily reminder: at unlock, and again whenever the date has changed
 * while the profile stays open, one notification that says how many
 * evaluations are overdue, how many agreements have a red light (no
 * contact for 21 days) and how many leases are about to expire. Clicking
 * it opens "Needs follow-up" (app.show-agreements with "attention").
 *
 * Only numbers, never a tenant's name: a notification can show on a
 * locked screen and stays in the notification list. The notification
 * always has the same id, so a new one replaces yesterday's, and it is
 * withdrawn when nothing needs follow-up. The counts are the store's
 * indexed count queries, a few milliseconds on the main thread.
 */

#define CHECK_INTERVAL_SECONDS (15 * 60)

struct _BfReminders
{
  GObject           parent_instance;

  /* Owned */
  BfAgreementStore *store;
  GSettings        *settings;
  guint             timeout_id;
  GDate             last_check;
  guint             n_overdue;
  guint             n_red_lamp;
  guint             n_lease_expiring;

  /* Borrowed */
  GApplication     *application;  /* weak pointer */
};

G_DEFINE_FINAL_TYPE (BfReminders, bf_reminders, G_TYPE_OBJECT)

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

static guint
count (BfReminders       *self,
       const GDate       *date,
       BfAgreementFilter  filter)
{
  g_autoptr(GError) error = NULL;
  BfAgreementQuery query;
  guint n = 0;

  bf_agreement_query_init (&query, date);
  query.filter = filter;
  if (!bf_agreement_store_count (self->store, &query, &n, &error))
    g_warning ("Could not count agreements for the reminder: %s", error->message);
  return n;
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  BfReminders *self = user_data;
  GDate date;

  /* A new day while the profile is open (or after a suspend). */
  today (&date);
  if (!g_date_valid (&self->last_check) || g_date_compare (&date, &self->last_check) != 0)
    bf_reminders_check (self);

  return G_SOURCE_CONTINUE;
}

static void
bf_reminders_dispose (GObject *object)
{
  BfReminders *self = BF_REMINDERS (object);

  bf_reminders_stop (self);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (bf_reminders_parent_class)->dispose (object);
}

static void
bf_reminders_finalize (GObject *object)
{
  BfReminders *self = BF_REMINDERS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bf_reminders_parent_class)->finalize (object);
}

static void
bf_reminders_class_init (BfRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_reminders_dispose;
  object_class->finalize = bf_reminders_finalize;
}

static void
bf_reminders_init (BfReminders *self)
{
  self->settings = g_settings_new (APP_ID);
  g_date_clear (&self->last_check, 1);
}

/**
 * bf_reminders_new:
 * @application: (nullable): where notifications go; %NULL only counts
 */
BfReminders *
bf_reminders_new (GApplication *application)
{
  BfReminders *self;

  g_return_val_if_fail (!application || G_IS_APPLICATION (application), NULL);

  self = g_object_new (BF_TYPE_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}

/**
 * bf_reminders_start:
 *
 * Checks now, then every day while the profile stays open.
 */
void
bf_reminders_start (BfReminders      *self,
                    BfAgreementStore *store)
{
  g_return_if_fail (BF_IS_REMINDERS (self));
  g_return_if_fail (BF_IS_AGREEMENT_STORE (store));

  bf_reminders_stop (self);
  self->store = g_object_ref (store);
  bf_reminders_check (self);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_timeout_cb, self);
}

/**
 * bf_reminders_stop:
 *
 * At lock: lets go of the store. The notification stays, since it names
 * no one and the work is still to be done.
 */
void
bf_reminders_stop (BfReminders *self)
{
  g_return_if_fail (BF_IS_REMINDERS (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);
  g_date_clear (&self->last_check, 1);
}

/**
 * bf_reminders_build_notification:
 *
 * Returns: (transfer full) (nullable): the notification for these counts,
 *   or %NULL when nothing needs follow-up
 */
GNotification *
bf_reminders_build_notification (guint n_overdue,
                                 guint n_red_lamp,
                                 guint n_lease_expiring)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *body = NULL;

  if (n_overdue == 0 && n_red_lamp == 0 && n_lease_expiring == 0)
    return NULL;

  if (n_overdue > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u evaluation is overdue",
                                                       "%u evaluations are overdue", n_overdue),
                                             n_overdue));
  if (n_red_lamp > 0)
    /* Translators: the red light, R14. */
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u red light: no contact for 21 days",
                                                       "%u red lights: no contact for 21 days", n_red_lamp),
                                             n_red_lamp));
  if (n_lease_expiring > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u lease expires soon",
                                                       "%u leases expire soon", n_lease_expiring),
                                             n_lease_expiring));
  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **) lines->pdata);

  notification = g_notification_new (_("Agreements Need Follow-up"));
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APP_ID "-symbolic");
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.show-agreements", "s", "attention");
  g_notification_add_button_with_target (notification, _("Show"), "app.show-agreements", "s", "attention");

  return g_steal_pointer (&notification);
}

/**
 * bf_reminders_check:
 *
 * Counts now and sends, replaces or withdraws the notification.
 *
 * Returns: %TRUE when something needs follow-up
 */
gboolean
bf_reminders_check (BfReminders *self)
{
  g_autoptr(GNotification) notification = NULL;
  GDate date;

  g_return_val_if_fail (BF_IS_REMINDERS (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  today (&date);
  self->last_check = date;
  self->n_overdue = count (self, &date, BF_AGREEMENT_FILTER_OVERDUE);
  self->n_red_lamp = count (self, &date, BF_AGREEMENT_FILTER_RED_LAMP);
  self->n_lease_expiring = count (self, &date, BF_AGREEMENT_FILTER_LEASE_EXPIRING);

  notification = bf_reminders_build_notification (self->n_overdue, self->n_red_lamp,
                                                   self->n_lease_expiring);

  if (self->application == NULL || !g_settings_get_boolean (self->settings, "reminders"))
    ;
  else if (notification != NULL)
    g_application_send_notification (self->application, BF_REMINDERS_NOTIFICATION_ID, notification);
  else
    g_application_withdraw_notification (self->application, BF_REMINDERS_NOTIFICATION_ID);

  return notification != NULL;
}

void
bf_reminders_get_counts (BfReminders *self,
                         guint       *n_overdue,
                         guint       *n_red_lamp,
                         guint       *n_lease_expiring)
{
  g_return_if_fail (BF_IS_REMINDERS (self));

  if (n_overdue != NULL)
    *n_overdue = self->n_overdue;
  if (n_red_lamp != NULL)
    *n_red_lamp = self->n_red_lamp;
  if (n_lease_expiring != NULL)
    *n_lease_expiring = self->n_lease_expiring;
}
