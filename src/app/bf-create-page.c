/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-create-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-create-page.h"
#include "bf-password.h"
#include "bf-profile.h"
#include "bf-secure.h"

/*
 * The first-start page: a new profile needs a name, optionally a unit, and
 * a passphrase typed twice. Creation derives the key with Argon2id, which
 * takes about a second, so it runs in a worker thread (bf_profile_create_async)
 * while a spinner turns. When it is done the page emits ::created with the
 * open profile.
 */

struct _BfCreatePage
{
  AdwBin        parent_instance;

  /* Template widgets */
  GtkButton    *cancel_button;
  AdwEntryRow  *name_row;
  AdwEntryRow  *unit_row;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLevelBar  *strength_bar;
  GtkLabel     *strength_label;
  GtkLabel     *mismatch_label;
  GtkLabel     *error_label;
  GtkButton    *create_button;
  GtkSpinner   *spinner;

  /* Owned */
  GSettings    *settings;
  GCancellable *cancellable;
  GtkEventControllerFocus *confirm_focus;   /* owned by confirm_row */
  char         *root;
  char         *passphrase;   /* only while creating; wiped afterwards */

  guint         busy : 1;
  guint         can_cancel : 1;
};

G_DEFINE_FINAL_TYPE (BfCreatePage, bf_create_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ROOT,
  PROP_CAN_CANCEL,
  PROP_BUSY,
  N_PROPS
};

enum {
  CREATED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
bf_create_page_dup_name (BfCreatePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static char *
bf_create_page_dup_unit (BfCreatePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row))));
}

static gboolean
bf_create_page_is_valid (BfCreatePage *self)
{
  g_autofree char *name = bf_create_page_dup_name (self);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  return name[0] != '\0' &&
         g_utf8_strlen (passphrase, -1) >= BF_PASSPHRASE_MIN_LENGTH &&
         g_strcmp0 (passphrase, confirm) == 0;
}

static const char *
strength_to_words (guint strength)
{
  switch (strength)
    {
    /* Translators: How hard a passphrase is to guess. */
    case 0: return _("Very weak");
    case 1: return _("Weak");
    case 2: return _("Fair");
    case 3: return _("Good");
    default: return _("Strong");
    }
}

static void
bf_create_page_update (BfCreatePage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  glong length = g_utf8_strlen (passphrase, -1);
  gboolean mismatch;
  g_autofree char *hint = NULL;

  if (length == 0)
    {
      gtk_level_bar_set_value (self->strength_bar, 0);
      hint = g_strdup_printf (ngettext ("Use at least %d character. A few unrelated words are easy to remember and hard to guess.",
                                        "Use at least %d characters. A few unrelated words are easy to remember and hard to guess.",
                                        BF_PASSPHRASE_MIN_LENGTH),
                              BF_PASSPHRASE_MIN_LENGTH);
    }
  else
    {
      guint strength = MIN (bf_passphrase_estimate_strength (passphrase), 4);

      gtk_level_bar_set_value (self->strength_bar, strength);

      if (length < BF_PASSPHRASE_MIN_LENGTH)
        {
          int missing = BF_PASSPHRASE_MIN_LENGTH - length;

          /* Translators: The first %s is a strength such as "Weak". */
          hint = g_strdup_printf (ngettext ("Strength: %s. %d more character needed.",
                                            "Strength: %s. %d more characters needed.",
                                            missing),
                                  strength_to_words (strength), missing);
        }
      else
        {
          /* Translators: %s is a strength such as "Good". */
          hint = g_strdup_printf (_("Strength: %s."), strength_to_words (strength));
        }
    }

  gtk_label_set_label (self->strength_label, hint);

  /* Only complain once the second field has something in it, and not
   * while it is still a beginning of the first one. */
  mismatch = confirm[0] != '\0' &&
             g_strcmp0 (passphrase, confirm) != 0 &&
             !(g_str_has_prefix (passphrase, confirm) &&
               self->confirm_focus != NULL &&
               gtk_event_controller_focus_contains_focus (self->confirm_focus));
  gtk_widget_set_visible (GTK_WIDGET (self->mismatch_label), mismatch);
  if (mismatch)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");

  /* The button follows the action, so that Enter and the button agree. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create",
                                 !self->busy && bf_create_page_is_valid (self));
}

static void
bf_create_page_set_busy (BfCreatePage *self,
                         gboolean      busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* Read-only rather than insensitive: an insensitive field would lose
   * the keyboard focus, and it would not come back afterwards. */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->unit_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.cancel", !busy && self->can_cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  bf_create_page_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
bf_create_page_wipe_passphrase (BfCreatePage *self)
{
  g_clear_pointer (&self->passphrase, bf_str_wipe_free);
}

static void
bf_create_page_show_error (BfCreatePage *self,
                           const GError *error)
{
  const char *message;

  if (g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WEAK_PASSPHRASE))
    message = _("The passphrase is too short.");
  else
    message = error->message;

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

typedef struct
{
  BfCreatePage *self;
  GCancellable *cancellable;
} CreateData;

static CreateData *
create_data_new (BfCreatePage *self)
{
  CreateData *data = g_new0 (CreateData, 1);

  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);
  return data;
}

static void
create_data_free (CreateData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateData, create_data_free)

static void
bf_create_page_unlock_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  BfProfile *profile = BF_PROFILE (object);
  g_autoptr(CreateData) data = user_data;
  BfCreatePage *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean unlocked;

  unlocked = bf_profile_unlock_finish (profile, result, &error);

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      if (unlocked)
        bf_profile_lock (profile);
      return;
    }

  if (!unlocked)
    {

      bf_create_page_wipe_passphrase (self);
      bf_create_page_set_busy (self, FALSE);
      bf_create_page_show_error (self, error);
      return;
    }

  bf_create_page_wipe_passphrase (self);
  bf_create_page_set_busy (self, FALSE);
  g_signal_emit (self, signals [CREATED], 0, profile);
}

static void
bf_create_page_create_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CreateData) data = user_data;
  BfCreatePage *self = data->self;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = bf_profile_create_finish (result, &error);

  /* Cancelled by a reset or a dispose: the profile may exist on disk now,
   * and is found at the next start, but it must not stay open. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      if (profile != NULL && !bf_profile_get_locked (profile))
        bf_profile_lock (profile);
      return;
    }

  if (profile == NULL)
    {

      bf_create_page_wipe_passphrase (self);
      bf_create_page_set_busy (self, FALSE);
      bf_create_page_show_error (self, error);
      return;
    }

  /* A new profile may come back open or locked; open it with the
   * passphrase just typed rather than asking for it again. */
  if (bf_profile_get_locked (profile))
    {
      bf_profile_unlock_async (profile, self->passphrase, self->cancellable,
                               bf_create_page_unlock_cb, g_steal_pointer (&data));
      return;
    }

  bf_create_page_wipe_passphrase (self);
  bf_create_page_set_busy (self, FALSE);
  g_signal_emit (self, signals [CREATED], 0, profile);
}

static void
bf_create_page_create (BfCreatePage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;

  if (self->busy || !bf_create_page_is_valid (self))
    return;

  g_assert (self->root != NULL);

  name = bf_create_page_dup_name (self);
  unit = bf_create_page_dup_unit (self);

  bf_create_page_wipe_passphrase (self);
  self->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  bf_create_page_set_busy (self, TRUE);

  /* Remember the unit for next time and for new agreements. */
  if (unit[0] != '\0')
    g_settings_set_string (self->settings, "default-unit", unit);

  bf_profile_create_async (self->root, name, unit, self->passphrase,
                           self->cancellable,
                           bf_create_page_create_cb, create_data_new (self));
}

static void
on_changed_cb (BfCreatePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  bf_create_page_update (self);
}

static void
on_confirm_focus_cb (BfCreatePage *self)
{
  bf_create_page_update (self);
}

static void
on_name_activated_cb (BfCreatePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->unit_row));
}

static void
on_unit_activated_cb (BfCreatePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
on_passphrase_activated_cb (BfCreatePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
on_confirm_activated_cb (BfCreatePage *self)
{
  /* Enter on the last field is the same as the default button. */
  if (bf_create_page_is_valid (self))
    bf_create_page_create (self);
  else
    bf_create_page_update (self);
}

static void
bf_create_page_create_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  bf_create_page_create (BF_CREATE_PAGE (widget));
}

static void
bf_create_page_cancel_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BfCreatePage *self = BF_CREATE_PAGE (widget);

  if (self->busy || !self->can_cancel)
    return;

  bf_create_page_reset (self);
  g_signal_emit (self, signals [CANCELLED], 0);
}

static void
bf_create_page_dispose (GObject *object)
{
  BfCreatePage *self = BF_CREATE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  self->confirm_focus = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_CREATE_PAGE);
  bf_create_page_wipe_passphrase (self);

  G_OBJECT_CLASS (bf_create_page_parent_class)->dispose (object);
}

static void
bf_create_page_finalize (GObject *object)
{
  BfCreatePage *self = BF_CREATE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->root, g_free);

  G_OBJECT_CLASS (bf_create_page_parent_class)->finalize (object);
}

static void
bf_create_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfCreatePage *self = BF_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;

    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, self->can_cancel);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_create_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BfCreatePage *self = BF_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      bf_create_page_set_root (self, g_value_get_string (value));
      break;

    case PROP_CAN_CANCEL:
      bf_create_page_set_can_cancel (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_create_page_class_init (BfCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_create_page_dispose;
  object_class->finalize = bf_create_page_finalize;
  object_class->get_property = bf_create_page_get_property;
  object_class->set_property = bf_create_page_set_property;

  properties [PROP_ROOT] =
    g_param_spec_string ("root", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CAN_CANCEL] =
    g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfCreatePage::created:
   * @profile: the new profile, open
   */
  signals [CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BF_TYPE_PROFILE);

  signals [CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, unit_row);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, BfCreatePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_focus_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);

  gtk_widget_class_install_action (widget_class, "create.create", NULL, bf_create_page_create_action);
  gtk_widget_class_install_action (widget_class, "create.cancel", NULL, bf_create_page_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "create.cancel", NULL);
}

static void
bf_create_page_init (BfCreatePage *self)
{
  g_autofree char *unit = NULL;

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  bf_password_row_make_secure (self->passphrase_row);
  bf_password_row_make_secure (self->confirm_row);

  /* The focus is in the row's text field, not on the row, so a focus
   * controller tells when the user leaves the second field. */
  self->confirm_focus = GTK_EVENT_CONTROLLER_FOCUS (gtk_event_controller_focus_new ());
  g_signal_connect_object (self->confirm_focus, "leave",
                           G_CALLBACK (on_confirm_focus_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->confirm_row),
                             GTK_EVENT_CONTROLLER (self->confirm_focus));

  unit = g_settings_get_string (self->settings, "default-unit");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), unit);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.cancel", FALSE);
  bf_create_page_update (self);
}

const char *
bf_create_page_get_root (BfCreatePage *self)
{
  g_return_val_if_fail (BF_IS_CREATE_PAGE (self), NULL);

  return self->root;
}

void
bf_create_page_set_root (BfCreatePage *self,
                         const char   *root)
{
  g_return_if_fail (BF_IS_CREATE_PAGE (self));

  if (g_strcmp0 (self->root, root) == 0)
    return;

  g_free (self->root);
  self->root = g_strdup (root);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROOT]);
}

gboolean
bf_create_page_get_can_cancel (BfCreatePage *self)
{
  g_return_val_if_fail (BF_IS_CREATE_PAGE (self), FALSE);

  return self->can_cancel;
}

void
bf_create_page_set_can_cancel (BfCreatePage *self,
                               gboolean      can_cancel)
{
  g_return_if_fail (BF_IS_CREATE_PAGE (self));

  can_cancel = !!can_cancel;
  if (self->can_cancel == can_cancel)
    return;

  self->can_cancel = can_cancel;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.cancel", !self->busy && can_cancel);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_CANCEL]);
}

gboolean
bf_create_page_get_busy (BfCreatePage *self)
{
  g_return_val_if_fail (BF_IS_CREATE_PAGE (self), FALSE);

  return self->busy;
}

/**
 * bf_create_page_reset:
 *
 * Empties the passphrase fields and hides any message. The name and unit
 * stay: they are not secret.
 */
void
bf_create_page_reset (BfCreatePage *self)
{
  g_return_if_fail (BF_IS_CREATE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  bf_create_page_wipe_passphrase (self);
  bf_create_page_set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  bf_create_page_update (self);
}

void
bf_create_page_focus (BfCreatePage *self)
{
  g_return_if_fail (BF_IS_CREATE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
