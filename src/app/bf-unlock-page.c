/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-password.h"
#include "bf-unlock-page.h"

/*
 * The page shown whenever a profile exists but is not open: at start and
 * after every lock. It shows whose profile it is, takes the passphrase and
 * unlocks in a worker thread (Argon2id takes about a second). A wrong
 * passphrase changes nothing but the message under the field; a damaged
 * database, where the passphrase was right, gets its own explanation.
 */

struct _BfUnlockPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *unit_label;
  GtkLabel      *reason_label;
  AdwComboRow   *profile_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel      *error_label;
  GtkBox        *damaged_box;
  GtkLabel      *damaged_label;
  GtkLabel      *damaged_path_label;
  GtkButton     *unlock_button;
  GtkSpinner    *spinner;
  GtkStringList *profile_names;

  /* Owned */
  GPtrArray     *profiles;      /* BfProfile, all locked */
  GCancellable  *cancellable;

  guint          busy : 1;
};

G_DEFINE_FINAL_TYPE (BfUnlockPage, bf_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
bf_unlock_page_hide_messages (BfUnlockPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->damaged_box), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

static void
bf_unlock_page_update (BfUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  BfProfile *profile = bf_unlock_page_get_profile (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock",
                                 !self->busy && profile != NULL && passphrase[0] != '\0');
}

static void
bf_unlock_page_set_busy (BfUnlockPage *self,
                         gboolean      busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* The field stays sensitive so that it keeps the keyboard focus; it is
   * made read-only instead. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  bf_unlock_page_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
bf_unlock_page_show_profile (BfUnlockPage *self)
{
  BfProfile *profile = bf_unlock_page_get_profile (self);
  const char *name = profile ? bf_profile_get_name (profile) : "";
  const char *unit = profile ? bf_profile_get_unit (profile) : NULL;

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->unit_label, unit ? unit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), unit != NULL && unit[0] != '\0');

  bf_unlock_page_hide_messages (self);
  bf_unlock_page_update (self);
}

static void
bf_unlock_page_show_error (BfUnlockPage *self,
                           const GError *error)
{
  BfProfile *profile = bf_unlock_page_get_profile (self);

  if (g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WRONG_PASSPHRASE))
    {
      /* Nothing else changes: the text stays, selected, so that typing
       * replaces it, and the field keeps the focus. */
      gtk_label_set_label (self->error_label,
                           _("Wrong passphrase. Check that Caps Lock is off and try again."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
      return;
    }

  if (g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE) ||
      g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT))
    {
      const char *explanation;

      if (g_error_matches (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE))
        explanation = _("The passphrase is right, but the encrypted database could not be opened. "
                        "The file may be damaged, for instance after a power cut or a full disk.\n\n"
                        "Do not delete or move the profile folder. Contact your administrator: "
                        "the profile can be restored from a backup, and agreements that were "
                        "synced can be fetched again from the share.");
      else
        explanation = _("The file that holds the profile's key is missing or damaged, "
                        "so the profile cannot be opened with any passphrase.\n\n"
                        "Do not delete or move the profile folder. Contact your administrator: "
                        "the profile can be restored from a backup, and agreements that were "
                        "synced can be fetched again from the share.");

      gtk_label_set_label (self->damaged_label, explanation);
      gtk_label_set_label (self->damaged_path_label,
                           profile ? bf_profile_get_dir (profile) : "");
      gtk_widget_set_visible (GTK_WIDGET (self->damaged_box), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      g_debug ("Could not open the profile: %s", error->message);
      return;
    }

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

typedef struct
{
  BfUnlockPage *self;
  GCancellable *cancellable;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnlockData, unlock_data_free)

static void
bf_unlock_page_unlock_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  BfProfile *profile = BF_PROFILE (object);
  g_autoptr(UnlockData) data = user_data;
  BfUnlockPage *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean unlocked;

  unlocked = bf_profile_unlock_finish (profile, result, &error);

  /* Cancelled by a reset or a dispose. If the unlock got through anyway,
   * nobody wants the profile open any more. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      if (unlocked)
        bf_profile_lock (profile);
      return;
    }

  if (!unlocked)
    {

      bf_unlock_page_set_busy (self, FALSE);
      bf_unlock_page_show_error (self, error);
      return;
    }

  bf_unlock_page_set_busy (self, FALSE);

  /* The passphrase has done its job; do not leave it in the field. */
  bf_password_row_clear (self->passphrase_row);

  g_signal_emit (self, signals [UNLOCKED], 0, profile);
}

static void
bf_unlock_page_unlock (BfUnlockPage *self)
{
  BfProfile *profile = bf_unlock_page_get_profile (self);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  UnlockData *data;

  if (self->busy || profile == NULL || passphrase[0] == '\0')
    return;

  bf_unlock_page_hide_messages (self);
  bf_unlock_page_set_busy (self, TRUE);

  data = g_new0 (UnlockData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);

  bf_profile_unlock_async (profile, passphrase, self->cancellable,
                           bf_unlock_page_unlock_cb, data);
}

static void
on_passphrase_changed_cb (BfUnlockPage *self)
{
  if (self->busy)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  bf_unlock_page_update (self);
}

static void
on_passphrase_activated_cb (BfUnlockPage *self)
{
  bf_unlock_page_unlock (self);
}

static void
on_selected_profile_cb (BfUnlockPage *self)
{
  if (!self->busy)
    bf_password_row_clear (self->passphrase_row);

  bf_unlock_page_show_profile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

static void
bf_unlock_page_unlock_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  bf_unlock_page_unlock (BF_UNLOCK_PAGE (widget));
}

static void
bf_unlock_page_dispose (GObject *object)
{
  BfUnlockPage *self = BF_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_UNLOCK_PAGE);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (bf_unlock_page_parent_class)->dispose (object);
}

static void
bf_unlock_page_finalize (GObject *object)
{
  BfUnlockPage *self = BF_UNLOCK_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bf_unlock_page_parent_class)->finalize (object);
}

static void
bf_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfUnlockPage *self = BF_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, bf_unlock_page_get_profile (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_unlock_page_class_init (BfUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_unlock_page_dispose;
  object_class->finalize = bf_unlock_page_finalize;
  object_class->get_property = bf_unlock_page_get_property;

  properties [PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, BF_TYPE_PROFILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfUnlockPage::unlocked:
   * @profile: the profile, now open
   */
  signals [UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BF_TYPE_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, damaged_box);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, damaged_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, damaged_path_label);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfUnlockPage, profile_names);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_profile_cb);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, bf_unlock_page_unlock_action);
}

static void
bf_unlock_page_init (BfUnlockPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  bf_password_row_make_secure (self->passphrase_row);
  bf_unlock_page_show_profile (self);
}

/**
 * bf_unlock_page_set_profiles:
 * @profiles: (element-type BfProfile): the profiles to choose from
 * @selected: (nullable): the one to preselect
 *
 * With more than one profile a choice appears above the passphrase.
 */
void
bf_unlock_page_set_profiles (BfUnlockPage *self,
                             GPtrArray    *profiles,
                             BfProfile    *selected)
{
  g_autoptr(GPtrArray) names = NULL;
  guint position = 0;

  g_return_if_fail (BF_IS_UNLOCK_PAGE (self));
  g_return_if_fail (profiles != NULL);

  bf_unlock_page_reset (self);

  g_ptr_array_set_size (self->profiles, 0);
  names = g_ptr_array_new ();

  for (guint i = 0; i < profiles->len; i++)
    {
      BfProfile *profile = g_ptr_array_index (profiles, i);
      const char *unit = bf_profile_get_unit (profile);

      g_ptr_array_add (self->profiles, g_object_ref (profile));

      /* Two workers may share a name; the unit tells them apart. */
      if (unit != NULL && unit[0] != '\0')
        g_ptr_array_add (names, g_strdup_printf ("%s (%s)", bf_profile_get_name (profile), unit));
      else
        g_ptr_array_add (names, g_strdup (bf_profile_get_name (profile)));

      if (profile == selected ||
          (selected != NULL && g_strcmp0 (bf_profile_get_id (profile), bf_profile_get_id (selected)) == 0))
        position = i;
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->profile_row, on_selected_profile_cb, self);
  gtk_string_list_splice (self->profile_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->profile_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->profile_row, position);
  g_signal_handlers_unblock_by_func (self->profile_row, on_selected_profile_cb, self);

  for (guint i = 0; i < names->len; i++)
    g_free (g_ptr_array_index (names, i));

  gtk_widget_set_visible (GTK_WIDGET (self->profile_row), self->profiles->len > 1);

  bf_unlock_page_show_profile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

BfProfile *
bf_unlock_page_get_profile (BfUnlockPage *self)
{
  guint selected;

  g_return_val_if_fail (BF_IS_UNLOCK_PAGE (self), NULL);

  if (self->profiles == NULL)
    return NULL;

  selected = adw_combo_row_get_selected (self->profile_row);
  if (selected >= self->profiles->len)
    return NULL;

  return g_ptr_array_index (self->profiles, selected);
}

gboolean
bf_unlock_page_get_busy (BfUnlockPage *self)
{
  g_return_val_if_fail (BF_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * bf_unlock_page_reset:
 *
 * Cancels an unlock in progress, empties the passphrase and hides messages.
 */
void
bf_unlock_page_reset (BfUnlockPage *self)
{
  g_return_if_fail (BF_IS_UNLOCK_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  bf_unlock_page_set_busy (self, FALSE);
  bf_password_row_clear (self->passphrase_row);
  bf_unlock_page_hide_messages (self);
  bf_unlock_page_set_reason (self, NULL);
  bf_unlock_page_update (self);
}

void
bf_unlock_page_focus (BfUnlockPage *self)
{
  g_return_if_fail (BF_IS_UNLOCK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/**
 * bf_unlock_page_set_reason:
 * @reason: (nullable): why the profile was locked, such as "Locked after a
 *   while without activity", or %NULL
 *
 * Shown under the profile's name until the next reset, so that whoever
 * comes back to the computer sees why it asks for the passphrase.
 */
void
bf_unlock_page_set_reason (BfUnlockPage *self,
                           const char   *reason)
{
  g_return_if_fail (BF_IS_UNLOCK_PAGE (self));

  gtk_label_set_label (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && reason[0] != '\0');
}
