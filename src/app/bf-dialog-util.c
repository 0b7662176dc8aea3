/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-dialog-util"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bf-date.h"
#include "bf-dialog-util.h"

/*
 * Dates are typed the way they are written on Norwegian forms, 22.11.2026,
 * and also accepted as 2026-11-22; the model keeps ISO 8601 strings.
 */

char *
bf_dialog_today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
parse_dmy (const char *text,
           GDate      *out)
{
  g_auto(GStrv) parts = NULL;
  guint64 d, m, y;

  parts = g_strsplit_set (text, ".-/", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &d, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, 9999, &y, NULL))
    return FALSE;
  if (strlen (parts[2]) == 2)
    y += 2000;
  else if (strlen (parts[2]) != 4)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/**
 * bf_dialog_parse_date:
 *
 * Returns: (nullable): "YYYY-MM-DD" for "22.11.2026", "22.11.26" or
 *   "2026-11-22", or %NULL if @text is not a date
 */
char *
bf_dialog_parse_date (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  GDate date;

  g_date_clear (&date, 1);
  if (bf_date_parse (stripped, &date) || parse_dmy (stripped, &date))
    return bf_date_format (&date);
  return NULL;
}

char *
bf_dialog_format_date (const char *iso)
{
  GDate date;

  if (iso == NULL || !bf_date_parse (iso, &date))
    return g_strdup ("");
  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (&date),
                          g_date_get_month (&date), g_date_get_year (&date));
}

/**
 * bf_dialog_parse_time:
 *
 * Returns: (nullable): an RFC 3339 time in UTC for a local "22.11.2026 14:05"
 */
char *
bf_dialog_parse_time (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *date = NULL;
  char *space;
  guint64 h = 0, m = 0;

  space = strchr (stripped, ' ');
  if (space == NULL)
    return NULL;
  *space = '\0';
  date = bf_dialog_parse_date (stripped);
  if (date == NULL)
    return NULL;
  {
    g_auto(GStrv) hm = g_strsplit_set (g_strstrip (space + 1), ":.", -1);

    if (g_strv_length (hm) != 2 ||
        !g_ascii_string_to_unsigned (hm[0], 10, 0, 23, &h, NULL) ||
        !g_ascii_string_to_unsigned (hm[1], 10, 0, 59, &m, NULL))
      return NULL;
  }
  {
    GDate d;

    bf_date_parse (date, &d);
    local = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                   g_date_get_day (&d), h, m, 0);
  }
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return bf_timestamp_format (utc);
}

char *
bf_dialog_format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (rfc3339 == NULL)
    return g_strdup ("");
  time = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%d.%m.%Y %H:%M");
}

static gboolean
check_row (AdwEntryRow  *row,
           gboolean      optional,
           char       *(*parse) (const char *),
           char        **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *value = NULL;
  gboolean ok;

  value = parse (text);
  ok = value != NULL;
  if (!ok && optional)
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));

      ok = copy[0] == '\0';
    }

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  if (out != NULL)
    *out = g_steal_pointer (&value);
  return ok;
}

/**
 * bf_dialog_check_date_row:
 * @out_iso: (out) (optional) (nullable): the date, or %NULL when empty
 *
 * Marks the row with the "error" style when its text is not a date.
 */
gboolean
bf_dialog_check_date_row (AdwEntryRow  *row,
                          gboolean      optional,
                          char        **out_iso)
{
  return check_row (row, optional, bf_dialog_parse_date, out_iso);
}

gboolean
bf_dialog_check_time_row (AdwEntryRow  *row,
                          gboolean      optional,
                          char        **out_time)
{
  return check_row (row, optional, bf_dialog_parse_time, out_time);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%d.%m.%Y");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_show_cb (GtkPopover  *popover,
                  AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = bf_dialog_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autoptr(GDateTime) date = NULL;
  GDate d;

  /* Open on the date in the field, or today. */
  if (iso != NULL && bf_date_parse (iso, &d))
    date = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 12, 0, 0);
  else
    date = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (calendar, calendar_day_selected_cb, row);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_by_func (calendar, calendar_day_selected_cb, row);
}

/**
 * bf_dialog_add_calendar:
 *
 * Adds a calendar button to a date row, for a finger or a pen; typing the
 * date still works.
 */
void
bf_dialog_add_calendar (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), row, 0);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), row, 0);
  adw_entry_row_add_suffix (row, button);
}

/**
 * bf_dialog_dup_text:
 *
 * Returns: (nullable): the view's text without surrounding blanks, or
 *   %NULL when there is none, as the model wants unfilled fields
 */
char *
bf_dialog_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

char *
bf_dialog_dup_row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * bf_dialog_enum_model:
 *
 * Returns: (transfer full): the translated labels of @kind's values 1…n, so
 *   that position + 1 is the enum value
 */
GtkStringList *
bf_dialog_enum_model (BfEnumKind kind)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 1; i < bf_enum_n_values (kind); i++)
    gtk_string_list_append (list, bf_enum_label_en (kind, i));
  return list;
}

/**
 * bf_dialog_add_close_bindings:
 * @save_action: the dialog's default action, also on Ctrl+Enter so that it
 *   works from inside a multi-line text field
 *
 * Escape closes the dialog, as a dialog does.
 */
void
bf_dialog_add_close_bindings (GtkWidgetClass *widget_class,
                              const char     *save_action)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  if (save_action != NULL)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, save_action, NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, save_action, NULL);
    }
}

/*
 * Makes @dialog transient for the window that @parent is in, so that it
 * stays above it and is centred on it. @parent may be %NULL.
 */
void
bf_dialog_set_parent (GtkWindow *dialog,
                      GtkWidget *parent)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  if (parent != NULL)
    gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (parent)));
}
