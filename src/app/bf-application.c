/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-application.h"
#include "bf-preferences-window.h"
#include "bf-secure.h"
#include "bf-window.h"

struct _BfApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BfApplication, bf_application, ADW_TYPE_APPLICATION)

static void
bf_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  BfApplication *self = user_data;
  GList *windows;

  /* Destroying the windows first locks any open profile, so the keys are
   * wiped before the process exits. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))))
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (self));
}

static void
bf_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  const char *developers[] = { _("The Bofast developers"), NULL };
  BfApplication *self = user_data;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", "Bofast",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Bofast developers"),
                         "developers", developers,
                         /* Translators: The copyright line in the About window. */
                         "copyright", _("© 2026 The Bofast developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Follow-up agreements for municipal housing, also offline. "
                                       "Your data is kept encrypted on this computer."),
                         /* Translators: Replace "translator-credits" with your name, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
bf_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BfApplication *self = user_data;
  BfPreferencesWindow *preferences;
  GtkWindow *window;

  /* One preferences window at a time. */
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (BF_IS_PREFERENCES_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = bf_preferences_window_new (window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bf_application_shortcuts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BfApplication *self = user_data;
  GtkWindow *window;

  /* GtkApplicationWindow loads gtk/help-overlay.ui from our resources and
   * installs win.show-help-overlay; this only makes it reachable from the
   * application. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
bf_application_show_agreements_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BfApplication *self = user_data;
  GtkWindow *window;

  /* From the reminder notification: the app may have no window yet, or
   * a locked one, which then shows the view after the unlock. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (!BF_IS_WINDOW (window))
    window = GTK_WINDOW (bf_window_new (self));

  bf_window_show_agreements (BF_WINDOW (window), g_variant_get_string (parameter, NULL));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", bf_application_quit_action },
  { "about", bf_application_about_action },
  { "preferences", bf_application_preferences_action },
  { "shortcuts", bf_application_shortcuts_action },
  { "show-agreements", bf_application_show_agreements_action, "s" },
};

static void
bf_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (bf_window_new (BF_APPLICATION (app)));

  gtk_window_present (window);
}

static void
bf_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *new_agreement_accels[] = { "<Control>n", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  g_autoptr(GError) error = NULL;

  /* Keys and decrypted agreements must never reach a core dump, so a
   * process that cannot promise that does not start at all. */
  if (!bf_secure_init (&error))
    {
      g_printerr (_("Bofast cannot start safely: %s\n"), error->message);
      abort ();
    }

  G_APPLICATION_CLASS (bf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-agreement", new_agreement_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.find", find_accels);
}

static void
bf_application_class_init (BfApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bf_application_activate;
  app_class->startup = bf_application_startup;
}

static void
bf_application_init (BfApplication *self)
{
}

BfApplication *
bf_application_new (void)
{
  /* GTK 4.8 only tracks GtkApplication:screensaver-active when the
   * application registers with the session manager. */
  return g_object_new (BF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "register-session", TRUE,
                       "resource-base-path", "/no/bofast/Bofast",
                       NULL);
}
