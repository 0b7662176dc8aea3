/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-preferences-window.h"

struct _BfPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkSpinButton *idle_spin;
  AdwEntryRow   *unit_row;

  /* Owned */
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (BfPreferencesWindow, bf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
bf_preferences_window_dispose (GObject *object)
{
  BfPreferencesWindow *self = BF_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (bf_preferences_window_parent_class)->dispose (object);
}

static void
bf_preferences_window_finalize (GObject *object)
{
  BfPreferencesWindow *self = BF_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bf_preferences_window_parent_class)->finalize (object);
}

static void
bf_preferences_window_class_init (BfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_preferences_window_dispose;
  object_class->finalize = bf_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BfPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, BfPreferencesWindow, unit_row);
}

static void
bf_preferences_window_init (BfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-unit",
                   self->unit_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

BfPreferencesWindow *
bf_preferences_window_new (GtkWindow *transient_for)
{
  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);

  /* Part of the application, so that its shortcuts (Ctrl+Q) work here
   * too and it counts among the windows closed at quit. */
  return g_object_new (BF_TYPE_PREFERENCES_WINDOW,
                       "application", transient_for ? gtk_window_get_application (transient_for) : NULL,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       NULL);
}
