/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-main-page.h"

/*
 * The page of an open profile: a header bar with whose profile it is, the
 * primary menu and a lock button, and a content area. For now the content
 * is a status page; the agreement list will be set with
 * bf_main_page_set_content() when the profile opens.
 *
 * Everything that holds decrypted data hangs off this page's profile and
 * content, and both are dropped when the profile is set to %NULL at lock.
 */

struct _BfMainPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  AdwBin         *content_bin;
  AdwStatusPage  *placeholder;

  /* Owned */
  BfProfile      *profile;
  GtkWidget      *placeholder_ref;  /* kept while the content replaces it */
};

G_DEFINE_FINAL_TYPE (BfMainPage, bf_main_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
bf_main_page_dispose (GObject *object)
{
  BfMainPage *self = BF_MAIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_MAIN_PAGE);
  g_clear_object (&self->placeholder_ref);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (bf_main_page_parent_class)->dispose (object);
}

static void
bf_main_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BfMainPage *self = BF_MAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_main_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BfMainPage *self = BF_MAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      bf_main_page_set_profile (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_main_page_class_init (BfMainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_main_page_dispose;
  object_class->get_property = bf_main_page_get_property;
  object_class->set_property = bf_main_page_set_property;

  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, BF_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, content_bin);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, placeholder);
}

static void
bf_main_page_init (BfMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->placeholder_ref = g_object_ref (GTK_WIDGET (self->placeholder));
}

BfProfile *
bf_main_page_get_profile (BfMainPage *self)
{
  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  return self->profile;
}

/**
 * bf_main_page_set_profile:
 * @profile: (nullable): the open profile, or %NULL when it was locked
 *
 * Setting %NULL drops the content, and with it every model that holds
 * decrypted data.
 */
void
bf_main_page_set_profile (BfMainPage *self,
                          BfProfile  *profile)
{
  const char *name = NULL;
  const char *unit = NULL;

  g_return_if_fail (BF_IS_MAIN_PAGE (self));
  g_return_if_fail (!profile || BF_IS_PROFILE (profile));

  if (!g_set_object (&self->profile, profile))
    return;

  if (profile != NULL)
    {
      name = bf_profile_get_name (profile);
      unit = bf_profile_get_unit (profile);
    }

  if (profile == NULL)
    {
      bf_main_page_set_content (self, NULL);
      adw_window_title_set_title (self->window_title, "Bofast");
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else if (unit != NULL && unit[0] != '\0')
    {
      adw_window_title_set_title (self->window_title, unit);
      adw_window_title_set_subtitle (self->window_title, name);
    }
  else
    {
      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

GtkWidget *
bf_main_page_get_content (BfMainPage *self)
{
  GtkWidget *child;

  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  child = adw_bin_get_child (self->content_bin);
  return child == self->placeholder_ref ? NULL : child;
}

/**
 * bf_main_page_set_content:
 * @content: (nullable): the widget that shows the open profile, such as the
 *   agreement list, or %NULL for the placeholder
 */
void
bf_main_page_set_content (BfMainPage *self,
                          GtkWidget  *content)
{
  g_return_if_fail (BF_IS_MAIN_PAGE (self));
  g_return_if_fail (!content || GTK_IS_WIDGET (content));

  adw_bin_set_child (self->content_bin,
                     content ? content : self->placeholder_ref);
}
