/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-sync-status.h"
#include "bf-window.h"

/*
 * The sync state in the header bar: an icon button whose icon, tooltip and
 * accessible name say the state in a word, and a popover with the details
 * (last success, pending records, problems) and the actions (sync now, join
 * a share). It only shows BfSyncController's state; the window's actions
 * do the work.
 */

struct _BfSyncStatus
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkMenuButton    *button;
  GtkStack         *icon_stack;
  GtkImage         *icon;
  GtkSpinner       *spinner;
  GtkPopover       *popover;
  GtkLabel         *title_label;
  GtkLabel         *detail_label;
  GtkListBox       *rows;
  AdwActionRow     *last_row;
  AdwActionRow     *pending_row;
  AdwActionRow     *problems_row;
  GtkButton        *sync_button;
  GtkButton        *join_button;

  /* Owned */
  BfSyncController *controller;
};

G_DEFINE_FINAL_TYPE (BfSyncStatus, bf_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/**
 * bf_sync_format_relative_time:
 * @now: (nullable): for tests; %NULL for the current time
 *
 * Returns: (transfer full): "just now", "5 minutes ago", "3 hours ago",
 *   "yesterday at 14:05" or a date with the time
 */
char *
bf_sync_format_relative_time (GDateTime *time,
                              GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autofree char *clock = NULL;
  GTimeSpan span;

  g_return_val_if_fail (time != NULL, NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_local ();

  span = g_date_time_difference (now, time);
  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      int minutes = span / G_TIME_SPAN_MINUTE;
      /* Translators: How long ago the last sync was. */
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
    }
  if (span < 12 * G_TIME_SPAN_HOUR)
    {
      int hours = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);
    }

  clock = g_date_time_format (local, "%H:%M");
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: %s is a time of day, such as 14:05. */
    return g_strdup_printf (_("Today at %s"), clock);
  {
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (local_now, -1);

    if (g_date_time_get_year (local) == g_date_time_get_year (yesterday) &&
        g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
      /* Translators: %s is a time of day, such as 14:05. */
      return g_strdup_printf (_("Yesterday at %s"), clock);
  }
  {
    g_autofree char *date = g_date_time_format (local, "%d.%m.%Y");

    /* Translators: A date and a time of day, such as 03.11.2026 at 14:05. */
    return g_strdup_printf (_("%s at %s"), date, clock);
  }
}

static void
bf_sync_status_update (BfSyncStatus *self)
{
  BfSyncController *c = self->controller;
  BfSyncState state = c ? bf_sync_controller_get_state (c) : BF_SYNC_STATE_NO_SHARE;
  guint pending = c ? bf_sync_controller_get_pending (c) : 0;
  GPtrArray *problems = c ? bf_sync_controller_get_problems (c) : NULL;
  guint n_problems = problems ? problems->len : 0;
  GDateTime *last = c ? bf_sync_controller_get_last_success (c) : NULL;
  const char *error = c ? bf_sync_controller_get_error_message (c) : NULL;
  const char *uri = c ? bf_sync_controller_get_share_uri (c) : NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *pending_text = NULL;
  g_autofree char *problems_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *location = NULL;
  const char *icon_name = "emblem-synchronizing-symbolic";
  const char *title = NULL;
  const char *detail = NULL;
  gboolean has_share = state != BF_SYNC_STATE_NO_SHARE;

  switch (state)
    {
    case BF_SYNC_STATE_NO_SHARE:
      icon_name = "folder-remote-symbolic";
      title = _("Not connected to a share");
      detail = _("Join your organisation’s share to send your records and receive reviews.");
      break;

    case BF_SYNC_STATE_NEVER:
      title = _("Never synced");
      break;

    case BF_SYNC_STATE_SYNCING:
      title = _("Syncing…");
      break;

    case BF_SYNC_STATE_UP_TO_DATE:
      icon_name = "emblem-ok-symbolic";
      title = _("Up to date");
      break;

    case BF_SYNC_STATE_PENDING:
      icon_name = "document-send-symbolic";
      tooltip = g_strdup_printf (ngettext ("%u record waiting to be sent", "%u records waiting to be sent", pending), pending);
      title = tooltip;
      detail = _("Records wait until an administrator has enrolled you in the share.");
      break;

    case BF_SYNC_STATE_OFFLINE:
      icon_name = "network-offline-symbolic";
      title = _("Offline: the share cannot be reached");
      detail = _("Your records are safe on this computer. Bofast tries again when the network or the share is back.");
      break;

    case BF_SYNC_STATE_READ_ONLY:
      icon_name = "changes-prevent-symbolic";
      title = _("Cannot write to the share");
      detail = _("Your records are safe on this computer. Ask your administrator for access to the share.");
      break;

    case BF_SYNC_STATE_PROBLEM:
      icon_name = "dialog-warning-symbolic";
      tooltip = g_strdup_printf (ngettext ("Sync problem: %u record needs attention",
                                           "Sync problems: %u records need attention", n_problems), n_problems);
      title = tooltip;
      break;

    case BF_SYNC_STATE_ERROR:
    default:
      icon_name = "dialog-warning-symbolic";
      title = _("The last sync failed");
      detail = error;
      break;
    }

  if (tooltip == NULL)
    tooltip = g_strdup (title);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_stack_set_visible_child_name (self->icon_stack, state == BF_SYNC_STATE_SYNCING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == BF_SYNC_STATE_SYNCING);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  if (state == BF_SYNC_STATE_PROBLEM || state == BF_SYNC_STATE_ERROR || state == BF_SYNC_STATE_READ_ONLY)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");

  gtk_label_set_label (self->title_label, title);
  if (detail == NULL && uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is the share's folder or address. */
      detail = location = g_strdup_printf (_("Share: %s"), name);
    }
  gtk_label_set_label (self->detail_label, detail ? detail : "");
  /* The technical reason, for whoever helps. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), error);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);

  if (last != NULL)
    last_text = bf_sync_format_relative_time (last, NULL);
  adw_action_row_set_subtitle (self->last_row, last_text ? last_text : _("Never"));
  pending_text = pending == 0 ? g_strdup (_("Nothing"))
                              : g_strdup_printf (ngettext ("%u record", "%u records", pending), pending);
  adw_action_row_set_subtitle (self->pending_row, pending_text);
  problems_text = n_problems == 0 ? g_strdup (_("None"))
                                  : g_strdup_printf (ngettext ("%u record needs attention",
                                                               "%u records need attention", n_problems), n_problems);
  adw_action_row_set_subtitle (self->problems_row, problems_text);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_row), n_problems > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->rows), has_share);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), has_share);
  gtk_widget_set_visible (GTK_WIDGET (self->join_button), !has_share);
}

static void
on_popover_show_cb (BfSyncStatus *self)
{
  /* "5 minutes ago" goes stale while the popover is closed. */
  bf_sync_status_update (self);
}

static void
on_button_clicked_cb (BfSyncStatus *self)
{
  gtk_popover_popdown (self->popover);
}

static void
bf_sync_status_root (GtkWidget *widget)
{
  BfSyncStatus *self = BF_SYNC_STATUS (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (bf_sync_status_parent_class)->root (widget);

  /* The window owns the controller; the status finds it there, so the page
   * that holds the header bar needs to know nothing about sync. */
  root = gtk_widget_get_root (widget);
  if (self->controller == NULL && BF_IS_WINDOW (root))
    bf_sync_status_set_controller (self, bf_window_get_sync_controller (BF_WINDOW (root)));
}

static void
bf_sync_status_dispose (GObject *object)
{
  BfSyncStatus *self = BF_SYNC_STATUS (object);

  bf_sync_status_set_controller (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (bf_sync_status_parent_class)->dispose (object);
}

static void
bf_sync_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BfSyncStatus *self = BF_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_status_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BfSyncStatus *self = BF_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      bf_sync_status_set_controller (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_status_class_init (BfSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_sync_status_dispose;
  object_class->get_property = bf_sync_status_get_property;
  object_class->set_property = bf_sync_status_set_property;

  widget_class->root = bf_sync_status_root;

  properties [PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, BF_TYPE_SYNC_CONTROLLER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, rows);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, last_row);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, pending_row);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, problems_row);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, sync_button);
  gtk_widget_class_bind_template_child (widget_class, BfSyncStatus, join_button);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
}

static void
bf_sync_status_init (BfSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bf_sync_status_update (self);
}

BfSyncController *
bf_sync_status_get_controller (BfSyncStatus *self)
{
  g_return_val_if_fail (BF_IS_SYNC_STATUS (self), NULL);
  return self->controller;
}

void
bf_sync_status_set_controller (BfSyncStatus     *self,
                               BfSyncController *controller)
{
  g_return_if_fail (BF_IS_SYNC_STATUS (self));
  g_return_if_fail (!controller || BF_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    g_signal_connect_object (controller, "changed", G_CALLBACK (bf_sync_status_update),
                             self, G_CONNECT_SWAPPED);

  bf_sync_status_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTROLLER]);
}
