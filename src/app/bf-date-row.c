/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-date-row"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "bf-date-row.h"

/*
 * BfDateRow: an entry row for one date. The worker may type it the way
 * Norwegians write dates, dd.mm.åååå (also d.m.åå), or pick it from a
 * calendar in a popover. The row keeps the date as "YYYY-MM-DD", the form
 * the agreement stores, in the "date" property; text that is not a date
 * leaves "date" unchanged, marks the row with the error style and says
 * what is expected, so nothing typed is silently thrown away.
 */

struct _BfDateRow
{
  AdwEntryRow     parent_instance;

  /* Template widgets (built in init) */
  GtkMenuButton  *button;
  GtkCalendar    *calendar;

  /* Owned */
  char           *date;     /* ISO, or NULL when empty */

  gboolean        valid;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (BfDateRow, bf_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
parse_date (const char *text,
            char      **iso)
{
  g_auto(GStrv) parts = NULL;
  guint64 d, m, y;
  char *end;

  *iso = NULL;
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return TRUE;

  /* Also accept the ISO form, for pasted dates. */
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *s = g_strdup (text);

      s[4] = s[7] = '\0';
      y = g_ascii_strtoull (s, &end, 10);
      m = g_ascii_strtoull (s + 5, NULL, 10);
      d = g_ascii_strtoull (s + 8, NULL, 10);
    }
  else
    {
      parts = g_strsplit_set (text, "./-", -1);
      if (g_strv_length (parts) != 3)
        return FALSE;
      for (guint i = 0; i < 3; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] == '\0')
            return FALSE;
          for (const char *c = parts[i]; *c; c++)
            if (!g_ascii_isdigit (*c))
              return FALSE;
        }
      d = g_ascii_strtoull (parts[0], NULL, 10);
      m = g_ascii_strtoull (parts[1], NULL, 10);
      y = g_ascii_strtoull (parts[2], NULL, 10);
      if (strlen (parts[2]) == 2)
        y += 2000;
      else if (strlen (parts[2]) != 4)
        return FALSE;
    }

  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *iso = g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d);
  return TRUE;
}

static char *
format_date (const char *iso)
{
  guint y, m, d;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02u.%02u.%04u", d, m, y);
}

static void
update_valid (BfDateRow *self,
              gboolean   valid)
{
  self->valid = valid;
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               valid ? _("Choose a date")
                                     : _("Write the date as dd.mm.yyyy, or choose it in the calendar"));
}

static void
set_date_internal (BfDateRow  *self,
                   const char *iso)
{
  if (g_strcmp0 (self->date, iso) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (iso);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATE]);
}

static void
on_changed_cb (BfDateRow *self)
{
  g_autofree char *iso = NULL;
  gboolean valid;

  if (self->updating)
    return;

  valid = parse_date (gtk_editable_get_text (GTK_EDITABLE (self)), &iso);
  update_valid (self, valid);
  if (valid)
    set_date_internal (self, iso);
}

static void
on_day_selected_cb (BfDateRow   *self,
                    GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%d");

  bf_date_row_set_date (self, iso);
  gtk_menu_button_popdown (self->button);
}

static void
on_popover_show_cb (BfDateRow *self)
{
  g_autoptr(GDateTime) dt = NULL;
  guint y, m, d;

  if (self->date != NULL && sscanf (self->date, "%4u-%2u-%2u", &y, &m, &d) == 3)
    dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  else
    dt = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (self->calendar, on_day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, dt);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected_cb, self);
}

static void
bf_date_row_finalize (GObject *object)
{
  BfDateRow *self = BF_DATE_ROW (object);

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (bf_date_row_parent_class)->finalize (object);
}

static void
bf_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BfDateRow *self = BF_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BfDateRow *self = BF_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      bf_date_row_set_date (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_date_row_class_init (BfDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_date_row_finalize;
  object_class->get_property = bf_date_row_get_property;
  object_class->set_property = bf_date_row_set_property;

  properties [PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bf_date_row_init (BfDateRow *self)
{
  GtkWidget *popover;

  self->valid = TRUE;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (on_day_selected_cb), self, G_CONNECT_SWAPPED);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_object (popover, "show", G_CALLBACK (on_popover_show_cb), self, G_CONNECT_SWAPPED);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));
  update_valid (self, TRUE);

  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);
}

GtkWidget *
bf_date_row_new (void)
{
  return g_object_new (BF_TYPE_DATE_ROW, NULL);
}

/**
 * bf_date_row_get_date:
 *
 * Returns: (nullable): the date as "YYYY-MM-DD", or %NULL when empty
 */
const char *
bf_date_row_get_date (BfDateRow *self)
{
  g_return_val_if_fail (BF_IS_DATE_ROW (self), NULL);

  return self->date;
}

void
bf_date_row_set_date (BfDateRow  *self,
                      const char *iso_date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BF_IS_DATE_ROW (self));

  if (iso_date != NULL && iso_date[0] == '\0')
    iso_date = NULL;

  text = format_date (iso_date);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  self->updating = FALSE;
  update_valid (self, TRUE);
  set_date_internal (self, iso_date);
}

gboolean
bf_date_row_is_valid (BfDateRow *self)
{
  g_return_val_if_fail (BF_IS_DATE_ROW (self), FALSE);

  return self->valid;
}
