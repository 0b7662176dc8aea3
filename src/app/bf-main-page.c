/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-editor-page.h"
#include "bf-main-page.h"

/*
 * The page of an open profile, a navigation stack of two:
 *   list    the agreement list (BfAgreementListPage), under a header bar
 *           with "New agreement", whose profile it is, lock and the menu;
 *   editor  one agreement: BfEditorPage, with its own header bars and
 *           back button (it emits ::closed).
 *
 * The window decides what opens (win.open-agreement, win.new-agreement in
 * bf-window-agreements.c) and hands the editor widget to
 * bf_main_page_show_editor(); back (the button, Escape, Alt+Left:
 * win.go-back) destroys the editor and reads the list again, so whatever
 * the editor saved shows at once.
 *
 * Everything that holds decrypted data hangs off this page: the agreement
 * store, the list and its model, the editor. All of it is dropped when the
 * profile is set to %NULL at lock.
 */

struct _BfMainPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkStack         *nav_stack;        /* the AdwBin's child */
  AdwWindowTitle   *window_title;
  AdwBin           *content_bin;
  AdwStatusPage    *placeholder;
  AdwBin           *editor_bin;
  GtkWidget        *new_button;

  /* Owned */
  BfProfile        *profile;
  BfAgreementStore *store;
  GtkWidget        *placeholder_ref;  /* kept while the content replaces it */
  char             *open_id;          /* the agreement in the editor, or NULL for a new one */
};

G_DEFINE_FINAL_TYPE (BfMainPage, bf_main_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
on_nav_transition_cb (BfMainPage *self,
                      GParamSpec *pspec,
                      GtkStack   *stack)
{
  /* The editor leaves only once it has slid out of sight. */
  if (!gtk_stack_get_transition_running (stack)
      && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0)
    adw_bin_set_child (self->editor_bin, NULL);
}

static void
bf_main_page_dispose (GObject *object)
{
  BfMainPage *self = BF_MAIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_MAIN_PAGE);
  self->nav_stack = NULL;
  g_clear_object (&self->placeholder_ref);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->open_id, g_free);

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

    case PROP_VIEW:
      g_value_set_string (value, bf_main_page_get_view (self));
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

  /**
   * BfMainPage:view:
   *
   * "list" or "editor".
   */
  properties [PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "list",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BF_TYPE_AGREEMENT_LIST_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, content_bin);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, BfMainPage, new_button);
}

static void
bf_main_page_init (BfMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: it is the AdwBin's own child, which
   * AdwBin unparents itself. */
  self->nav_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->placeholder_ref = g_object_ref (GTK_WIDGET (self->placeholder));

  g_signal_connect_object (self->nav_stack, "notify::transition-running",
                           G_CALLBACK (on_nav_transition_cb), self, G_CONNECT_SWAPPED);
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
 * An open profile gets its agreement list. Setting %NULL drops the editor,
 * the list and the agreement store, and with them every model that holds
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

  /* Whatever was open belongs to the previous state of the profile. */
  gtk_stack_set_visible_child_full (self->nav_stack, "list", GTK_STACK_TRANSITION_TYPE_NONE);
  adw_bin_set_child (self->editor_bin, NULL);
  g_clear_pointer (&self->open_id, g_free);
  bf_main_page_set_content (self, NULL);
  g_clear_object (&self->store);

  if (profile != NULL)
    {
      name = bf_profile_get_name (profile);
      unit = bf_profile_get_unit (profile);

      self->store = bf_agreement_store_new (bf_profile_get_store (profile));
      bf_main_page_set_content (self, bf_agreement_list_page_new (self->store));
    }

  if (profile == NULL)
    {
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
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
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

/**
 * bf_main_page_get_agreement_store:
 *
 * Returns: (transfer none) (nullable): the open profile's agreements, or
 *   %NULL while locked
 */
BfAgreementStore *
bf_main_page_get_agreement_store (BfMainPage *self)
{
  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  return self->store;
}

/**
 * bf_main_page_get_list_page:
 *
 * Returns: (transfer none) (nullable): the agreement list, or %NULL while
 *   locked
 */
BfAgreementListPage *
bf_main_page_get_list_page (BfMainPage *self)
{
  GtkWidget *content;

  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  content = bf_main_page_get_content (self);
  return BF_IS_AGREEMENT_LIST_PAGE (content) ? BF_AGREEMENT_LIST_PAGE (content) : NULL;
}

/**
 * bf_main_page_get_view:
 *
 * Returns: "list" or "editor"
 */
const char *
bf_main_page_get_view (BfMainPage *self)
{
  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->nav_stack);
}

/**
 * bf_main_page_show_editor:
 * @editor: (transfer floating): the widget that edits the agreement
 * @agreement_id: (nullable): its id, or %NULL for a new agreement that
 *   has not been saved yet
 *
 * Slides from the list to @editor. Any editor that was open is destroyed
 * first, which is its cue to keep unsaved work as a draft.
 */
void
bf_main_page_show_editor (BfMainPage *self,
                          GtkWidget  *editor,
                          const char *agreement_id)
{
  g_return_if_fail (BF_IS_MAIN_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (editor));
  g_return_if_fail (self->profile != NULL);

  g_free (self->open_id);
  self->open_id = g_strdup (agreement_id);

  adw_bin_set_child (self->editor_bin, editor);

  gtk_stack_set_visible_child_name (self->nav_stack, "editor");
  gtk_widget_child_focus (editor, GTK_DIR_TAB_FORWARD);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
}

/**
 * bf_main_page_get_editor:
 *
 * Returns: (transfer none) (nullable): the widget in the editor view
 */
GtkWidget *
bf_main_page_get_editor (BfMainPage *self)
{
  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  return adw_bin_get_child (self->editor_bin);
}

/**
 * bf_main_page_get_open_id:
 *
 * Returns: (nullable): the id of the agreement in the editor
 */
const char *
bf_main_page_get_open_id (BfMainPage *self)
{
  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), NULL);

  return self->open_id;
}

/**
 * bf_main_page_go_back:
 *
 * From the editor to the list, which is read again.
 *
 * Returns: %FALSE when the list was already showing
 */
gboolean
bf_main_page_go_back (BfMainPage *self)
{
  BfAgreementListPage *list_page;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  g_return_val_if_fail (BF_IS_MAIN_PAGE (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->nav_stack), "list") == 0)
    return FALSE;

  /* What was typed is in the store before the list reads it again; the
   * editor would save it anyway as it leaves, but only after the slide. */
  editor = adw_bin_get_child (self->editor_bin);
  if (BF_IS_EDITOR_PAGE (editor) && !bf_editor_page_save_draft (BF_EDITOR_PAGE (editor), &error)
      && error != NULL)
    g_warning ("Could not keep the draft: %s", error->message);

  g_clear_pointer (&self->open_id, g_free);
  gtk_stack_set_visible_child_name (self->nav_stack, "list");
  if (!gtk_stack_get_transition_running (self->nav_stack))
    adw_bin_set_child (self->editor_bin, NULL);

  list_page = bf_main_page_get_list_page (self);
  if (list_page != NULL)
    {
      bf_agreement_list_page_refresh (list_page);
      bf_agreement_list_page_focus_list (list_page);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
  return TRUE;
}

/**
 * bf_main_page_agreements_changed:
 *
 * Tells the list that an agreement was saved, or a log entry added, so
 * that it reads its rows and badges again.
 */
void
bf_main_page_agreements_changed (BfMainPage *self)
{
  BfAgreementListPage *list_page;

  g_return_if_fail (BF_IS_MAIN_PAGE (self));

  list_page = bf_main_page_get_list_page (self);
  if (list_page != NULL)
    bf_agreement_list_page_refresh (list_page);
}
