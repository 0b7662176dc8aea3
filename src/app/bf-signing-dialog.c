/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-signing-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-date.h"
#include "bf-dialog-util.h"
#include "bf-signature-pad.h"
#include "bf-signing-dialog.h"

/*
 * Collecting the signatures on the version that is out for signing
 * (DOMAIN.md §12): every party reviews and signs before the lease is
 * signed (002:788). The dialog lists the parties with what each has done
 * and lets them sign in turn on one pad. The tenant signs only after the
 * worker confirms the text was read and explained; the tenant may decline,
 * which is recorded (002:922), and signing may be postponed, which R12
 * recommends when the tenant is under 18 or their capacity to consent is
 * in doubt. Each step is saved at once, in a thread: nothing is lost if the
 * laptop dies at the kitchen table. Once all have signed, the version is locked and
 * the agreement can become active.
 */

struct _BfSigningDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkLabel             *intro_label;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *parties_group;
  GtkWidget            *sign_box;
  GtkLabel             *sign_title;
  GtkWidget            *r12_box;
  AdwActionRow         *explained_row;
  GtkCheckButton       *explained_check;
  BfSignaturePad       *pad;
  GtkCheckButton       *no_drawing_check;
  AdwEntryRow          *note_row;
  GtkButton            *sign_button;
  GtkButton            *decline_button;
  GtkButton            *postpone_button;
  GtkWidget            *done_box;
  GtkLabel             *done_label;
  GtkButton            *activate_button;
  GtkWidget            *declined_box;

  /* Owned */
  BfAgreementStore     *store;
  BfAgreement          *agreement;
  GPtrArray            *rows;
  char                 *party_id;
  GCancellable         *cancellable;

  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (BfSigningDialog, bf_signing_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void refresh (BfSigningDialog *self);

static void
show_error (BfSigningDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
today (GDate *date)
{
  g_autofree char *iso = bf_dialog_today_iso ();

  bf_date_parse (iso, date);
}

static char *
party_name (BfParty *party)
{
  const char *role = bf_enum_label_en (BF_ENUM_PARTY_ROLE, party->role);
  const char *who = party->contact_person ? party->contact_person : party->organisation;

  if (who == NULL)
    return g_strdup (role ? role : "");
  /* Translators: a party to the agreement: "Kari Nordmann (Tenant)". */
  return g_strdup_printf (_("%s (%s)"), who, role ? role : "");
}

static BfSignatureStatus
party_status (BfSigningDialog *self,
              BfParty         *party)
{
  BfSignature *s = bf_agreement_get_signature (self->agreement, party->id);

  if (s == NULL || s->status == BF_SIGNATURE_STATUS_NONE)
    return BF_SIGNATURE_STATUS_IKKE_SIGNERT;
  /* A signature on an earlier version does not count for this one. */
  if (g_strcmp0 (s->version_hash, bf_agreement_get_version_hash (self->agreement)) != 0)
    return BF_SIGNATURE_STATUS_IKKE_SIGNERT;
  return s->status;
}

static char *
status_text (BfSigningDialog *self,
             BfParty         *party)
{
  BfSignature *s = bf_agreement_get_signature (self->agreement, party->id);
  BfSignatureStatus status = party_status (self, party);
  g_autofree char *when = NULL;

  if (status == BF_SIGNATURE_STATUS_IKKE_SIGNERT)
    return g_strdup (_("Not signed yet"));

  when = bf_dialog_format_time (s->at);
  if (s->note != NULL)
    /* Translators: a signature line: "Postponed 22.11.2026 14:05: the note". */
    return g_strdup_printf (_("%s %s: %s"), bf_enum_label_en (BF_ENUM_SIGNATURE_STATUS, status), when, s->note);
  /* Translators: a signature line: "Signed 22.11.2026 14:05". */
  return g_strdup_printf (_("%s %s"), bf_enum_label_en (BF_ENUM_SIGNATURE_STATUS, status), when);
}

static const char *
status_icon (BfSignatureStatus status)
{
  switch (status)
    {
    case BF_SIGNATURE_STATUS_SIGNERT: return "emblem-ok-symbolic";
    case BF_SIGNATURE_STATUS_AVSLATT: return "action-unavailable-symbolic";
    case BF_SIGNATURE_STATUS_UTSATT:  return "alarm-symbolic";
    default:                          return "document-edit-symbolic";
    }
}

static gboolean
tenant_needs_care (BfSigningDialog *self)
{
  BfHeader *h = bf_agreement_get_header (self->agreement);
  GDate birth, now;

  if (h->consent_capacity_in_doubt)
    return TRUE;
  if (!bf_date_parse (h->tenant_birth_date, &birth))
    return FALSE;
  today (&now);
  g_date_add_years (&birth, 18);
  return g_date_compare (&now, &birth) < 0;
}

static BfParty *
current_party (BfSigningDialog *self)
{
  return self->party_id ? bf_agreement_find_party (self->agreement, self->party_id) : NULL;
}

static gboolean
is_tenant (BfParty *party)
{
  return party != NULL && party->role == BF_PARTY_ROLE_LEIETAKER;
}

static void
update_buttons (BfSigningDialog *self)
{
  BfParty *party = current_party (self);
  gboolean can = !self->busy && party != NULL &&
                 bf_agreement_get_state (self->agreement) == BF_AGREEMENT_STATE_TIL_SIGNERING;
  gboolean drawn = !bf_signature_pad_get_empty (self->pad) ||
                   gtk_check_button_get_active (self->no_drawing_check);
  gboolean explained = !is_tenant (party) || gtk_check_button_get_active (self->explained_check);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.sign", can && drawn && explained);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.decline", can && is_tenant (party));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.postpone", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.activate", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.mark-declined", !self->busy);
}

static void
on_input_changed_cb (BfSigningDialog *self)
{
  update_buttons (self);
}

static void
on_clear_clicked_cb (BfSigningDialog *self)
{
  bf_signature_pad_clear (self->pad);
  gtk_widget_grab_focus (GTK_WIDGET (self->pad));
}

static void
row_activated_cb (AdwActionRow    *row,
                  BfSigningDialog *self)
{
  bf_signing_dialog_select_party (self, g_object_get_data (G_OBJECT (row), "party-id"));
  gtk_widget_grab_focus (is_tenant (current_party (self)) ? GTK_WIDGET (self->explained_check)
                                                          : GTK_WIDGET (self->pad));
}

static void
reset_input (BfSigningDialog *self)
{
  bf_signature_pad_clear (self->pad);
  gtk_check_button_set_active (self->no_drawing_check, FALSE);
  gtk_check_button_set_active (self->explained_check, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
}

/* The next party who has not signed, declined or postponed. */
static void
select_next (BfSigningDialog *self)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);

      if (party_status (self, p) == BF_SIGNATURE_STATUS_IKKE_SIGNERT)
        {
          bf_signing_dialog_select_party (self, p->id);
          return;
        }
    }
  bf_signing_dialog_select_party (self, NULL);
}

static void
refresh (BfSigningDialog *self)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);
  BfAgreementState state = bf_agreement_get_state (self->agreement);
  BfParty *party = current_party (self);
  BfParty *tenant = bf_agreement_find_party_by_role (self->agreement, BF_PARTY_ROLE_LEIETAKER);
  gboolean all_signed = bf_agreement_all_signed (self->agreement);
  g_autofree char *intro = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->parties_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      g_autofree char *name = party_name (p);
      g_autofree char *status = status_text (self, p);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (party_status (self, p)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, status, -1);
      g_object_set_data_full (G_OBJECT (row), "party-id", g_strdup (p->id), g_free);
      if (state == BF_AGREEMENT_STATE_TIL_SIGNERING)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
          if (party == p)
            {
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
              gtk_widget_add_css_class (row, "bf-current-party");
            }
        }
      adw_preferences_group_add (self->parties_group, row);
      g_ptr_array_add (self->rows, row);
    }

  switch (state)
    {
    case BF_AGREEMENT_STATE_TIL_SIGNERING:
      intro = g_strdup_printf (_("Version %u is out for signing. Each party reads it and signs in turn. "
                                 "Signing locks this text: a change later makes a new version that must be signed again."),
                               bf_agreement_get_version (self->agreement));
      break;
    case BF_AGREEMENT_STATE_UTKAST:
      intro = g_strdup (_("This is a draft. Send it for signing first; that saves the text as a version."));
      break;
    default:
      intro = g_strdup_printf (_("Version %u: %s."), bf_agreement_get_version (self->agreement),
                               bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, state));
      break;
    }
  gtk_label_set_label (self->intro_label, intro);
  /* Once all have signed, the card below says what that means. */
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), !all_signed);
  adw_preferences_group_set_description (self->parties_group,
                                         state == BF_AGREEMENT_STATE_TIL_SIGNERING && !all_signed
                                         ? _("Choose a party to let them sign now, in any order.") : NULL);

  gtk_widget_set_visible (self->sign_box, party != NULL && state == BF_AGREEMENT_STATE_TIL_SIGNERING);
  if (party != NULL)
    {
      g_autofree char *name = party_name (party);
      g_autofree char *title = g_strdup_printf (_("Signing: %s"), name);

      gtk_label_set_label (self->sign_title, title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->explained_row), is_tenant (party));
  gtk_widget_set_visible (GTK_WIDGET (self->decline_button), is_tenant (party));
  gtk_widget_set_visible (self->r12_box, is_tenant (party) && tenant_needs_care (self));

  gtk_widget_set_visible (self->done_box, all_signed && (state == BF_AGREEMENT_STATE_TIL_SIGNERING ||
                                                         state == BF_AGREEMENT_STATE_AKTIV));
  gtk_widget_set_visible (GTK_WIDGET (self->activate_button), state == BF_AGREEMENT_STATE_TIL_SIGNERING);
  if (all_signed)
    {
      g_autofree char *done = NULL;

      if (state == BF_AGREEMENT_STATE_TIL_SIGNERING)
        done = g_strdup_printf (_("Every party has signed version %u. Its text is now locked: any change makes a new version "
                                  "that every party must sign again. The agreement can now become active."),
                                bf_agreement_get_version (self->agreement));
      else
        done = g_strdup_printf (_("Every party has signed version %u and the agreement is active. Its text is locked: any change "
                                  "makes a new version that every party must sign again."),
                                bf_agreement_get_version (self->agreement));
      gtk_label_set_label (self->done_label, done);
    }

  /* Enter does the next step: sign, or make the agreement active. */
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 all_signed && state == BF_AGREEMENT_STATE_TIL_SIGNERING
                                 ? GTK_WIDGET (self->activate_button) : GTK_WIDGET (self->sign_button));

  gtk_widget_set_visible (self->declined_box,
                          state == BF_AGREEMENT_STATE_TIL_SIGNERING && tenant != NULL &&
                          party_status (self, tenant) == BF_SIGNATURE_STATUS_AVSLATT);
  update_buttons (self);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BfSigningDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  BfParty *party;
  gboolean ok;

  ok = bf_agreement_store_save_finish (BF_AGREEMENT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->agreement == NULL)
    return;

  self->busy = FALSE;
  if (!ok)
    {
      show_error (self, error->message);
      refresh (self);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals [SIGNED], 0, self->agreement);
  /* After a signature line, on to the next party. */
  party = current_party (self);
  if (party != NULL && party_status (self, party) != BF_SIGNATURE_STATUS_IKKE_SIGNERT)
    {
      reset_input (self);
      select_next (self);
    }
  else
    refresh (self);
}

/* Saves in a thread, so that the dialog does not wait on the disk; the
 * buttons stay off meanwhile, since the agreement must not change until
 * the save is done. */
static void
save (BfSigningDialog *self)
{
  self->busy = TRUE;
  update_buttons (self);
  bf_agreement_store_save_async (self->store, self->agreement, NULL, self->cancellable,
                                 save_cb, g_object_ref (self));
}

static gboolean
record (BfSigningDialog   *self,
        BfSignatureStatus  status,
        GPtrArray         *strokes)
{
  g_autoptr(GPtrArray) owned = strokes;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = bf_dialog_dup_row_text (self->note_row);
  BfParty *party = current_party (self);

  if (party == NULL || self->busy)
    return FALSE;

  if (!bf_agreement_sign (self->agreement, party->id, status, NULL, g_steal_pointer (&owned), note, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  save (self);
  return TRUE;
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BfSigningDialog *self = BF_SIGNING_DIALOG (widget);
  GPtrArray *strokes = NULL;

  if (!bf_signature_pad_get_empty (self->pad))
    strokes = bf_signature_pad_dup_strokes (self->pad);
  record (self, BF_SIGNATURE_STATUS_SIGNERT, strokes);
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BfSigningDialog *self = BF_SIGNING_DIALOG (widget);

  if (is_tenant (current_party (self)))
    record (self, BF_SIGNATURE_STATUS_AVSLATT, NULL);
}

static void
postpone_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  record (BF_SIGNING_DIALOG (widget), BF_SIGNATURE_STATUS_UTSATT, NULL);
}

static void
transition (BfSigningDialog  *self,
            BfAgreementState  to)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (self->busy)
    return;

  today (&date);
  if (!bf_agreement_transition (self->agreement, to, BF_END_REASON_NONE, &date, &error))
    {
      show_error (self, error->message);
      return;
    }
  save (self);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  transition (BF_SIGNING_DIALOG (widget), BF_AGREEMENT_STATE_AKTIV);
}

static void
mark_declined_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  transition (BF_SIGNING_DIALOG (widget), BF_AGREEMENT_STATE_AVSLATT);
}

static void
bf_signing_dialog_dispose (GObject *object)
{
  BfSigningDialog *self = BF_SIGNING_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_SIGNING_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->party_id, g_free);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_signing_dialog_parent_class)->dispose (object);
}

static void
bf_signing_dialog_class_init (BfSigningDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_signing_dialog_dispose;

  /**
   * BfSigningDialog::signed:
   * @agreement: the agreement, saved
   *
   * A party signed, declined or postponed, or the agreement changed state;
   * the store has it already.
   */
  signals [SIGNED] =
    g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BF_TYPE_AGREEMENT);

  g_type_ensure (BF_TYPE_SIGNATURE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-signing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, parties_group);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, sign_box);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, sign_title);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, r12_box);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, explained_row);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, explained_check);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, pad);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, no_drawing_check);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, decline_button);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, postpone_button);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, done_box);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, activate_button);
  gtk_widget_class_bind_template_child (widget_class, BfSigningDialog, declined_box);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);

  gtk_widget_class_install_action (widget_class, "signing.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "signing.decline", NULL, decline_action);
  gtk_widget_class_install_action (widget_class, "signing.postpone", NULL, postpone_action);
  gtk_widget_class_install_action (widget_class, "signing.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "signing.mark-declined", NULL, mark_declined_action);
  bf_dialog_add_close_bindings (widget_class, "signing.sign");
}

static void
bf_signing_dialog_init (BfSigningDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/**
 * bf_signing_dialog_new:
 * @agreement: the agreement; it is signed and saved in place
 */
BfSigningDialog *
bf_signing_dialog_new (BfAgreementStore *store,
                       BfAgreement      *agreement)
{
  BfSigningDialog *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_SIGNING_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->agreement = g_object_ref (agreement);
  select_next (self);

  /* Start where the party starts: the confirmation, or the pad. */
  if (current_party (self) != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), is_tenant (current_party (self)) ? GTK_WIDGET (self->explained_check)
                                                                               : GTK_WIDGET (self->pad));
  return self;
}

/**
 * bf_signing_dialog_present:
 * @parent: (nullable): a widget in the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, to connect to ::signed
 */
BfSigningDialog *
bf_signing_dialog_present (GtkWidget        *parent,
                           BfAgreementStore *store,
                           BfAgreement      *agreement)
{
  BfSigningDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);

  self = bf_signing_dialog_new (store, agreement);
  if (self == NULL)
    return NULL;
  bf_dialog_set_parent (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * bf_signing_dialog_get_party:
 *
 * Returns: (nullable): the id of the party whose turn it is
 */
const char *
bf_signing_dialog_get_party (BfSigningDialog *self)
{
  g_return_val_if_fail (BF_IS_SIGNING_DIALOG (self), NULL);
  return self->party_id;
}

void
bf_signing_dialog_select_party (BfSigningDialog *self,
                                const char      *party_id)
{
  g_return_if_fail (BF_IS_SIGNING_DIALOG (self));

  if (g_strcmp0 (self->party_id, party_id) != 0)
    {
      reset_input (self);
      g_free (self->party_id);
      self->party_id = g_strdup (party_id);
    }
  refresh (self);
}
