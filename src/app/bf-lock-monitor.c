/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-lock-monitor"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "bf-lock-monitor.h"

/*
 * BfLockMonitor watches everything that should lock an open profile without
 * the user asking: no activity in the window for idle-lock-minutes, the
 * screensaver starting, and the system going to sleep. It only decides
 * *when*; it emits BfLockMonitor::lock-requested and the window does the
 * locking (see bf-window-lock.c), so there is one lock path.
 *
 * Idle time is measured with CLOCK_BOOTTIME, which keeps counting while the
 * laptop is suspended: a lid closed for an hour is an hour of idleness,
 * whereas g_get_monotonic_time() (CLOCK_MONOTONIC) would stop.
 */

/* Often enough to lock within a few seconds of the limit, rarely enough to
 * cost nothing. */
#define CHECK_INTERVAL_SECONDS 5

struct _BfLockMonitor
{
  GObject          parent_instance;

  /* Owned */
  GCancellable    *cancellable;
  GDBusConnection *system_bus;
  GtkEventController *activity_controller;

  /* Borrowed */
  GtkWindow       *window;        /* weak */
  GtkApplication  *application;   /* weak, watched for screensaver-active */

  gint64           last_activity; /* CLOCK_BOOTTIME, µs */
  guint            idle_minutes;
  guint            check_source;
  guint            sleep_subscription;
  guint            armed : 1;
};

G_DEFINE_FINAL_TYPE (BfLockMonitor, bf_lock_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_ARMED,
  PROP_IDLE_MINUTES,
  N_PROPS
};

enum {
  LOCK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
bf_lock_monitor_request (BfLockMonitor *self,
                         BfLockReason   reason)
{
  g_assert (BF_IS_LOCK_MONITOR (self));

  if (!self->armed)
    return;

  g_debug ("Requesting a lock, reason %d", reason);
  g_signal_emit (self, signals [LOCK_REQUESTED], 0, (int) reason);
}

static gboolean
bf_lock_monitor_check_cb (gpointer user_data)
{
  bf_lock_monitor_check_idle (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
bf_lock_monitor_activity_cb (GtkEventControllerLegacy *controller,
                             GdkEvent                 *event,
                             BfLockMonitor            *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
      bf_lock_monitor_reset_idle (self);
      break;

    default:
      /* Crossing, focus and proximity events also come when nobody is at
       * the computer, for instance when another window opens. */
      break;
    }

  /* Only watching: the event goes on to the widgets. */
  return GDK_EVENT_PROPAGATE;
}

static void
bf_lock_monitor_screensaver_cb (GtkApplication *application,
                                GParamSpec     *pspec,
                                BfLockMonitor  *self)
{
  gboolean active = FALSE;

  g_object_get (application, "screensaver-active", &active, NULL);
  g_debug ("Screensaver active: %d", active);

  if (active)
    bf_lock_monitor_request (self, BF_LOCK_REASON_SCREENSAVER);
}

static void
bf_lock_monitor_application_cb (GtkWindow     *window,
                                GParamSpec    *pspec,
                                BfLockMonitor *self)
{
  GtkApplication *application = gtk_window_get_application (window);

  if (application == self->application)
    return;

  if (self->application != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->application,
                                            bf_lock_monitor_screensaver_cb, self);
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
    }

  self->application = application;

  if (application != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
      g_signal_connect_object (application, "notify::screensaver-active",
                               G_CALLBACK (bf_lock_monitor_screensaver_cb), self, 0);
    }
}

static void
bf_lock_monitor_prepare_for_sleep_cb (GDBusConnection *connection,
                                      const char      *sender_name,
                                      const char      *object_path,
                                      const char      *interface_name,
                                      const char      *signal_name,
                                      GVariant        *parameters,
                                      gpointer         user_data)
{
  BfLockMonitor *self = user_data;
  gboolean start = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &start);
  g_debug ("PrepareForSleep(%d)", start);

  /* TRUE comes before the system sleeps, FALSE after it wakes up. */
  if (start)
    bf_lock_monitor_request (self, BF_LOCK_REASON_SUSPEND);
}

static void
bf_lock_monitor_system_bus_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BfLockMonitor) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  g_weak_ref_clear (weak);
  g_free (weak);

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* Containers, CI and some test machines have no system bus; the
       * other triggers still work. */
      g_debug ("No system bus, so no lock before suspend: %s", error->message);
      return;
    }

  /* The monitor may be gone, or going, by the time the bus answers. */
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (bus);
      return;
    }

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager",
                                        "PrepareForSleep",
                                        "/org/freedesktop/login1",
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        bf_lock_monitor_prepare_for_sleep_cb,
                                        self, NULL);
}

static void
bf_lock_monitor_update_timer (BfLockMonitor *self)
{
  if (self->armed && self->check_source == 0)
    self->check_source = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS,
                                                bf_lock_monitor_check_cb, self);
  else if (!self->armed)
    g_clear_handle_id (&self->check_source, g_source_remove);
}

static void
bf_lock_monitor_constructed (GObject *object)
{
  BfLockMonitor *self = BF_LOCK_MONITOR (object);
  GWeakRef *weak;

  G_OBJECT_CLASS (bf_lock_monitor_parent_class)->constructed (object);

  g_assert (GTK_IS_WINDOW (self->window));

  /* The capture phase sees every event before any widget can stop it. */
  self->activity_controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (self->activity_controller, "bf-lock-monitor-activity");
  gtk_event_controller_set_propagation_phase (self->activity_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->activity_controller, "event",
                           G_CALLBACK (bf_lock_monitor_activity_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->window),
                             g_object_ref (self->activity_controller));

  g_signal_connect_object (self->window, "notify::application",
                           G_CALLBACK (bf_lock_monitor_application_cb), self, 0);
  bf_lock_monitor_application_cb (self->window, NULL, self);

  /* A weak reference: the monitor does not wait for the bus to go. No
   * cancellable either: cancelling g_bus_get() leaves the shared system
   * bus connection failed for everyone else in the process. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, NULL, bf_lock_monitor_system_bus_cb, weak);
}

static void
bf_lock_monitor_dispose (GObject *object)
{
  BfLockMonitor *self = BF_LOCK_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);

  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);

  if (self->application != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->application,
                                            bf_lock_monitor_screensaver_cb, self);
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
      self->application = NULL;
    }

  if (self->window != NULL)
    {
      if (self->activity_controller != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->window), self->activity_controller);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->activity_controller);

  G_OBJECT_CLASS (bf_lock_monitor_parent_class)->dispose (object);
}

static void
bf_lock_monitor_finalize (GObject *object)
{
  BfLockMonitor *self = BF_LOCK_MONITOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bf_lock_monitor_parent_class)->finalize (object);
}

static void
bf_lock_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BfLockMonitor *self = BF_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    case PROP_ARMED:
      g_value_set_boolean (value, self->armed);
      break;

    case PROP_IDLE_MINUTES:
      g_value_set_uint (value, self->idle_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_lock_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BfLockMonitor *self = BF_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = g_value_get_object (value);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      break;

    case PROP_ARMED:
      bf_lock_monitor_set_armed (self, g_value_get_boolean (value));
      break;

    case PROP_IDLE_MINUTES:
      bf_lock_monitor_set_idle_minutes (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_lock_monitor_class_init (BfLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bf_lock_monitor_constructed;
  object_class->dispose = bf_lock_monitor_dispose;
  object_class->finalize = bf_lock_monitor_finalize;
  object_class->get_property = bf_lock_monitor_get_property;
  object_class->set_property = bf_lock_monitor_set_property;

  properties [PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, GTK_TYPE_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Armed while a profile is open: a locked profile has nothing to lock. */
  properties [PROP_ARMED] =
    g_param_spec_boolean ("armed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_IDLE_MINUTES] =
    g_param_spec_uint ("idle-minutes", NULL, NULL, 1, 120, 5,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfLockMonitor::lock-requested:
   * @reason: a #BfLockReason
   *
   * The open profile should be locked now. Only emitted while armed.
   */
  signals [LOCK_REQUESTED] =
    g_signal_new ("lock-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
bf_lock_monitor_init (BfLockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->idle_minutes = 5;
  self->last_activity = bf_lock_monitor_get_boottime ();
}

BfLockMonitor *
bf_lock_monitor_new (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  return g_object_new (BF_TYPE_LOCK_MONITOR, "window", window, NULL);
}

/**
 * bf_lock_monitor_get_boottime:
 *
 * Returns: CLOCK_BOOTTIME in microseconds: like the monotonic clock, but it
 *   keeps counting while the system is suspended.
 */
gint64
bf_lock_monitor_get_boottime (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return g_get_monotonic_time ();

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

gboolean
bf_lock_monitor_get_armed (BfLockMonitor *self)
{
  g_return_val_if_fail (BF_IS_LOCK_MONITOR (self), FALSE);

  return self->armed;
}

void
bf_lock_monitor_set_armed (BfLockMonitor *self,
                           gboolean       armed)
{
  g_return_if_fail (BF_IS_LOCK_MONITOR (self));

  armed = !!armed;
  if (self->armed == armed)
    return;

  self->armed = armed;
  bf_lock_monitor_reset_idle (self);
  bf_lock_monitor_update_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARMED]);
}

guint
bf_lock_monitor_get_idle_minutes (BfLockMonitor *self)
{
  g_return_val_if_fail (BF_IS_LOCK_MONITOR (self), 0);

  return self->idle_minutes;
}

void
bf_lock_monitor_set_idle_minutes (BfLockMonitor *self,
                                  guint          minutes)
{
  g_return_if_fail (BF_IS_LOCK_MONITOR (self));

  minutes = CLAMP (minutes, 1, 120);
  if (self->idle_minutes == minutes)
    return;

  self->idle_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IDLE_MINUTES]);
}

void
bf_lock_monitor_reset_idle (BfLockMonitor *self)
{
  g_return_if_fail (BF_IS_LOCK_MONITOR (self));

  self->last_activity = bf_lock_monitor_get_boottime ();
}

gint64
bf_lock_monitor_get_idle_seconds (BfLockMonitor *self)
{
  g_return_val_if_fail (BF_IS_LOCK_MONITOR (self), 0);

  return (bf_lock_monitor_get_boottime () - self->last_activity) / G_USEC_PER_SEC;
}

/**
 * bf_lock_monitor_check_idle:
 *
 * Requests a lock if the window has been idle for idle-minutes or longer.
 * Runs every few seconds while armed; public so that it can run right
 * after a resume and in tests.
 *
 * Returns: %TRUE if a lock was requested
 */
gboolean
bf_lock_monitor_check_idle (BfLockMonitor *self)
{
  g_return_val_if_fail (BF_IS_LOCK_MONITOR (self), FALSE);

  if (!self->armed)
    return FALSE;

  if (bf_lock_monitor_get_idle_seconds (self) < (gint64) self->idle_minutes * 60)
    return FALSE;

  bf_lock_monitor_request (self, BF_LOCK_REASON_IDLE);
  return TRUE;
}

void
_bf_lock_monitor_set_last_activity (BfLockMonitor *self,
                                    gint64         boottime)
{
  g_return_if_fail (BF_IS_LOCK_MONITOR (self));

  self->last_activity = boottime;
}
