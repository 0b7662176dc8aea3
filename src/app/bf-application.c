/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-application.h"
#include "bf-secure.h"

struct _BfApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BfApplication, bf_application, ADW_TYPE_APPLICATION)

static void
bf_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, "Bofast");
    }
  gtk_window_present (window);
}

static void
bf_application_startup (GApplication *app)
{
  g_autoptr(GError) error = NULL;

  if (!bf_secure_init (&error))
    g_error ("%s", error->message);

  G_APPLICATION_CLASS (bf_application_parent_class)->startup (app);
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
  return g_object_new (BF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
