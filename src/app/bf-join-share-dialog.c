/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-join-share-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-join-share-dialog.h"
#include "bf-share.h"

/*
 * "Join a share": the worker chooses a folder or types an address, Bofast
 * writes this profile's enrolment request there (in BfSyncController's
 * worker, with a timeout), and shows the fingerprint to read aloud to the
 * administrator, who compares it with the request before enrolling.
 *
 * Pages: form → busy → done, or back to the form with the error in words.
 * A network address that gvfs has not mounted yet is mounted first, with
 * GtkMountOperation asking for a password when the server wants one.
 */

struct _BfJoinShareDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwEntryRow          *location_row;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  GtkLabel             *done_title;
  GtkLabel             *fingerprint_label;
  GtkLabel             *member_label;
  GtkButton            *done_button;

  /* Owned */
  BfSyncController     *controller;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *fingerprint;
  guint                 mount_timeout_id;
  gboolean              mount_timed_out;
};

#define MOUNT_TIMEOUT_SECONDS 30

G_DEFINE_FINAL_TYPE (BfJoinShareDialog, bf_join_share_dialog, ADW_TYPE_WINDOW)

static void
show_page (BfJoinShareDialog *self,
           const char        *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "busy"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.cancel", g_str_equal (page, "busy"));
}

static void
update_actions (BfJoinShareDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gboolean form = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.join", form && trimmed[0] != '\0');
}

static void
show_error (BfJoinShareDialog *self,
            const GError      *error)
{
  g_autofree char *text = NULL;
  const char *lead;

  if (g_error_matches (error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
    lead = _("There is no Bofast share there. Check the folder or address with your administrator.");
  else if (g_error_matches (error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED))
    lead = _("The share cannot be reached. Check that you are online and that the address is right.");
  else if (g_error_matches (error, BF_SHARE_ERROR, BF_SHARE_ERROR_READ_ONLY) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    lead = _("Bofast cannot write to the share. Ask your administrator for access.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    lead = _("This kind of address is not supported on this computer.");
  else
    lead = _("Could not ask to join the share.");

  /* The plain sentence first; the technical reason small, for whoever
   * helps. */
  {
    g_autofree char *lead_escaped = g_markup_escape_text (lead, -1);
    g_autofree char *reason_escaped = g_markup_escape_text (error->message, -1);

    text = g_strdup_printf ("%s\n<small>%s</small>", lead_escaped, reason_escaped);
  }
  gtk_label_set_markup (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  show_page (self, "form");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->location_row));
}

/* "0412788310…" in three groups a line, two lines: short enough to read
 * aloud without losing one's place. */
static char *
format_fingerprint (const char *fingerprint)
{
  g_auto(GStrv) groups = g_strsplit (fingerprint, " ", -1);
  GString *s = g_string_new ("<span font_family=\"monospace\">");

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, i % 3 == 0 ? "\n" : "  ");
      g_string_append (s, groups[i]);
    }
  g_string_append (s, "</span>");
  return g_string_free (s, FALSE);
}

static void
join_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BfJoinShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *org = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;
  g_autofree char *member = NULL;

  if (!bf_sync_controller_join_finish (BF_SYNC_CONTROLLER (object), result,
                                       &member_id, &fingerprint, &org, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        show_error (self, error);
      else if (!g_cancellable_is_cancelled (self->cancellable))
        {
          show_page (self, "form");
          update_actions (self);
        }
      return;
    }

  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);
  markup = format_fingerprint (fingerprint);
  gtk_label_set_markup (self->fingerprint_label, markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fingerprint_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, fingerprint, -1);
  /* Translators: %s is the organisation's name, such as Bergen kommune. */
  title = g_strdup_printf (_("You asked to join the share of %s"), org);
  gtk_label_set_label (self->done_title, title);
  /* Translators: %s is a 16-character member id. */
  member = g_strdup_printf (_("Your member ID: %s"), member_id);
  gtk_label_set_label (self->member_label, member);
  show_page (self, "done");
  /* Not on the selectable fingerprint, which would select it all. */
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static void
start_join (BfJoinShareDialog *self)
{
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));

  bf_sync_controller_join_async (self->controller, location, self->cancellable,
                                 join_cb, g_object_ref (self));
}

static void
mount_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BfJoinShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->mount_timeout_id, g_source_remove);

  if (!g_file_mount_enclosing_volume_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      if (self->mount_timed_out)
        {
          g_autoptr(GError) timeout = NULL;

          self->mount_timed_out = FALSE;
          g_clear_object (&self->cancellable);
          self->cancellable = g_cancellable_new ();
          timeout = g_error_new (BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                                 _("The share did not answer within %u seconds"), MOUNT_TIMEOUT_SECONDS);
          show_error (self, timeout);
          return;
        }
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED_HANDLED))
        {
          show_page (self, "form");
          update_actions (self);
          return;
        }
      show_error (self, error);
      return;
    }

  start_join (self);
}

static gboolean
mount_timeout_cb (gpointer user_data)
{
  BfJoinShareDialog *self = user_data;

  /* gvfs may wait long for a server that does not answer. */
  self->mount_timeout_id = 0;
  self->mount_timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BfJoinShareDialog *self = BF_JOIN_SHARE_DIALOG (widget);
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_row));
  g_autoptr(GFile) file = bf_sync_location_to_file (location);

  if (file == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_page (self, "busy");
  update_actions (self);

  if (g_file_is_native (file))
    {
      start_join (self);
      return;
    }

  {
    g_autoptr(GMountOperation) op = gtk_mount_operation_new (GTK_WINDOW (self));

    self->mount_timed_out = FALSE;
    g_clear_handle_id (&self->mount_timeout_id, g_source_remove);
    self->mount_timeout_id = g_timeout_add_seconds (MOUNT_TIMEOUT_SECONDS, mount_timeout_cb, self);
    g_file_mount_enclosing_volume (file, G_MOUNT_MOUNT_NONE, op, self->cancellable,
                                   mount_cb, g_object_ref (self));
  }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BfJoinShareDialog *self = BF_JOIN_SHARE_DIALOG (widget);

  g_clear_handle_id (&self->mount_timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_page (self, "form");
  update_actions (self);
}

static void
chooser_response_cb (BfJoinShareDialog    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (folder);
          gtk_editable_set_text (GTK_EDITABLE (self->location_row), name);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BfJoinShareDialog *self = BF_JOIN_SHARE_DIALOG (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Share’s Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_location_changed_cb (BfJoinShareDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);
}

static void
on_location_activated_cb (BfJoinShareDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "join.join", NULL);
}

static void
bf_join_share_dialog_dispose (GObject *object)
{
  BfJoinShareDialog *self = BF_JOIN_SHARE_DIALOG (object);

  g_clear_handle_id (&self->mount_timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_JOIN_SHARE_DIALOG);
  g_clear_object (&self->controller);

  G_OBJECT_CLASS (bf_join_share_dialog_parent_class)->dispose (object);
}

static void
bf_join_share_dialog_finalize (GObject *object)
{
  BfJoinShareDialog *self = BF_JOIN_SHARE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (bf_join_share_dialog_parent_class)->finalize (object);
}

static void
bf_join_share_dialog_class_init (BfJoinShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_join_share_dialog_dispose;
  object_class->finalize = bf_join_share_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-join-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, done_title);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, member_label);
  gtk_widget_class_bind_template_child (widget_class, BfJoinShareDialog, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_location_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_location_activated_cb);

  gtk_widget_class_install_action (widget_class, "join.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "join.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "join.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bf_join_share_dialog_init (BfJoinShareDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  show_page (self, "form");
  update_actions (self);
}

BfJoinShareDialog *
bf_join_share_dialog_new (GtkWindow        *parent,
                          BfSyncController *controller)
{
  BfJoinShareDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (BF_TYPE_JOIN_SHARE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);
  return self;
}

/**
 * bf_join_share_dialog_get_page:
 *
 * Returns: "form", "busy" or "done"
 */
const char *
bf_join_share_dialog_get_page (BfJoinShareDialog *self)
{
  g_return_val_if_fail (BF_IS_JOIN_SHARE_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * bf_join_share_dialog_get_fingerprint:
 *
 * Returns: (nullable): the fingerprint shown, as the core writes it
 */
const char *
bf_join_share_dialog_get_fingerprint (BfJoinShareDialog *self)
{
  g_return_val_if_fail (BF_IS_JOIN_SHARE_DIALOG (self), NULL);
  return self->fingerprint;
}
