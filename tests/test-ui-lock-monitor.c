/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * BfLockMonitor: the idle timer fires only while armed and only after
 * idle-minutes, user input resets it, and the clock is CLOCK_BOOTTIME.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <time.h>

#include "bf-lock-monitor.h"

static void
lock_requested_cb (BfLockMonitor *monitor,
                   int            reason,
                   int           *last_reason)
{
  *last_reason = reason;
}

static void
test_lock_monitor_idle (void)
{
  GtkWindow *window;
  BfLockMonitor *monitor;
  int reason = -1;
  gint64 now;

  window = GTK_WINDOW (gtk_window_new ());
  monitor = bf_lock_monitor_new (window);

  g_signal_connect (monitor, "lock-requested", G_CALLBACK (lock_requested_cb), &reason);
  bf_lock_monitor_set_idle_minutes (monitor, 5);
  g_assert_cmpuint (bf_lock_monitor_get_idle_minutes (monitor), ==, 5);

  /* Out of range is clamped like the GSettings key. */
  bf_lock_monitor_set_idle_minutes (monitor, 0);
  g_assert_cmpuint (bf_lock_monitor_get_idle_minutes (monitor), ==, 1);
  bf_lock_monitor_set_idle_minutes (monitor, 5);

  now = bf_lock_monitor_get_boottime ();

  /* Not armed (no open profile): nothing happens, however long. */
  _bf_lock_monitor_set_last_activity (monitor, now - 3600 * (gint64) G_USEC_PER_SEC);
  g_assert_false (bf_lock_monitor_check_idle (monitor));
  g_assert_cmpint (reason, ==, -1);

  /* Arming starts the count afresh. */
  bf_lock_monitor_set_armed (monitor, TRUE);
  g_assert_true (bf_lock_monitor_get_armed (monitor));
  g_assert_cmpint (bf_lock_monitor_get_idle_seconds (monitor), <, 2);
  g_assert_false (bf_lock_monitor_check_idle (monitor));

  /* Four minutes: not yet. */
  _bf_lock_monitor_set_last_activity (monitor, now - 4 * 60 * (gint64) G_USEC_PER_SEC);
  g_assert_false (bf_lock_monitor_check_idle (monitor));
  g_assert_cmpint (reason, ==, -1);

  /* Five minutes: lock. */
  _bf_lock_monitor_set_last_activity (monitor, now - 5 * 60 * (gint64) G_USEC_PER_SEC);
  g_assert_true (bf_lock_monitor_check_idle (monitor));
  g_assert_cmpint (reason, ==, BF_LOCK_REASON_IDLE);

  /* Activity resets the count. */
  reason = -1;
  bf_lock_monitor_reset_idle (monitor);
  g_assert_false (bf_lock_monitor_check_idle (monitor));
  g_assert_cmpint (reason, ==, -1);

  bf_lock_monitor_set_armed (monitor, FALSE);
  _bf_lock_monitor_set_last_activity (monitor, now - 3600 * (gint64) G_USEC_PER_SEC);
  g_assert_false (bf_lock_monitor_check_idle (monitor));

  gtk_window_destroy (window);
  g_assert_finalize_object (monitor);
}

static void
test_lock_monitor_boottime (void)
{
  struct timespec ts;
  gint64 boottime = bf_lock_monitor_get_boottime ();

  /* The clock that keeps counting through suspend. */
  g_assert_cmpint (clock_gettime (CLOCK_BOOTTIME, &ts), ==, 0);
  g_assert_cmpint (boottime, >, 0);
  g_assert_cmpint (ABS ((gint64) ts.tv_sec * (gint64) G_USEC_PER_SEC - boottime), <, 2 * (gint64) G_USEC_PER_SEC);
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
emit_prepare_for_sleep (GDBusConnection *bus,
                        gboolean         start)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", start), &error);
  g_assert_no_error (error);
}

static void
test_lock_monitor_prepare_for_sleep (void)
{
  const char *session = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  BfLockMonitor *monitor;
  int reason = -1;

  if (session == NULL)
    {
      g_test_skip ("No D-Bus session bus to stand in for the system bus");
      return;
    }

  /* The session bus of with-display.sh plays the system bus (see main()),
   * and this test plays logind. */
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  monitor = bf_lock_monitor_new (window);
  g_signal_connect (monitor, "lock-requested", G_CALLBACK (lock_requested_cb), &reason);

  /* Going to sleep locks. The monitor finds the bus asynchronously, so
   * say it until it hears. */
  bf_lock_monitor_set_armed (monitor, TRUE);
  for (guint i = 0; i < 100 && reason == -1; i++)
    {
      emit_prepare_for_sleep (bus, TRUE);
      iterate_for (50);
    }
  g_assert_cmpint (reason, ==, BF_LOCK_REASON_SUSPEND);

  /* Waking up is no reason to lock. */
  reason = -1;
  emit_prepare_for_sleep (bus, FALSE);
  iterate_for (200);
  g_assert_cmpint (reason, ==, -1);

  /* Not armed (locked already): nothing to do. */
  bf_lock_monitor_set_armed (monitor, FALSE);
  emit_prepare_for_sleep (bus, TRUE);
  iterate_for (200);
  g_assert_cmpint (reason, ==, -1);

  gtk_window_destroy (window);
  g_assert_finalize_object (monitor);
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init() without its g_test_init (argc, argv, NULL), which
   * would drop G_TEST_OPTION_ISOLATE_DIRS: each test gets its own XDG
   * directories, so no profile from the user or another test is seen. */
  gtk_disable_setlocale ();

  /* Load the shared MIME database before the isolation empties
   * XDG_DATA_DIRS: without it gdk-pixbuf cannot tell that an icon is an
   * SVG. */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* Before anything connects to it: the session bus of with-display.sh
   * stands in for the system bus. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);

  g_test_add_func ("/ui/lock-monitor/idle", test_lock_monitor_idle);
  g_test_add_func ("/ui/lock-monitor/boottime", test_lock_monitor_boottime);
  g_test_add_func ("/ui/lock-monitor/prepare-for-sleep", test_lock_monitor_prepare_for_sleep);

  return g_test_run ();
}
