/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-agreement-row.h"
#include "bf-enums.h"

/*
 * One agreement in the list: the tenant's name, the address, the state,
 * when the next evaluation is due and how long since the last contact,
 * and a badge for each thing that needs the worker's eye. A badge is an
 * icon and a word (never colour alone), and the row's accessible label
 * says all of it in one sentence.
 *
 * The row is recycled by the list view: bf_agreement_row_set_item() fills
 * it again for another agreement, and NULL empties it.
 */

struct _BfAgreementRow
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *box;
  GtkLabel        *name_label;
  GtkLabel        *state_label;
  GtkLabel        *address_label;
  GtkLabel        *dates_label;
  GtkBox          *badges_box;
  GtkMenuButton   *menu_button;
  GMenuModel      *row_menu;

  /* Owned */
  BfAgreementItem *item;

  /* Borrowed */
  GtkWidget       *badges[6];     /* in badges_box, made on first use */
};

G_DEFINE_FINAL_TYPE (BfAgreementRow, bf_agreement_row, GTK_TYPE_WIDGET)

typedef struct
{
  BfAgreementBadges  badge;
  const char        *icon_name;
  const char        *style_class;
  const char        *label;
} BadgeInfo;

/* In the order of urgency, which is also the reading order. */
static const BadgeInfo badge_info[] = {
  /* Translators: R14, no contact logged for 21 days. "Rødt lys" in Norwegian. */
  { BF_AGREEMENT_BADGE_RED_LAMP,       "emblem-important-symbolic",  "error",   N_("Red Light") },
  { BF_AGREEMENT_BADGE_OVERDUE,        "alarm-symbolic",             "warning", N_("Evaluation Overdue") },
  { BF_AGREEMENT_BADGE_LEASE_EXPIRING, "x-office-calendar-symbolic", "warning", N_("Lease Expiring") },
  { BF_AGREEMENT_BADGE_KEY_ACCESS,     "dialog-password-symbolic",   "accent",  N_("Key Access") },
  { BF_AGREEMENT_BADGE_BREACH,         "action-unavailable-symbolic", "error",  N_("Breach") },
  { BF_AGREEMENT_BADGE_DRAFT,          "document-edit-symbolic",     NULL,      N_("Unsaved Changes") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (badge_info) == 6);

/**
 * bf_format_iso_date:
 * @iso_date: (nullable): "YYYY-MM-DD"
 *
 * Returns: (transfer full) (nullable): the date in the user's locale
 *   (22.11.2026 in Norwegian), or %NULL
 */
char *
bf_format_iso_date (const char *iso_date)
{
  GDate date;
  char buf[64];

  if (iso_date == NULL || strlen (iso_date) < 10)
    return NULL;

  g_date_clear (&date, 1);
  {
    g_autofree char *day = g_strndup (iso_date, 10);
    guint y = 0, m = 0, d = 0;

    if (sscanf (day, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
      return NULL;
    g_date_set_dmy (&date, d, m, y);
  }

  if (g_date_strftime (buf, sizeof buf, "%x", &date) == 0)
    return NULL;
  return g_strdup (buf);
}

static int
days_between (const char  *iso_date,
              const GDate *today)
{
  guint y = 0, m = 0, d = 0;
  GDate date;

  if (iso_date == NULL || sscanf (iso_date, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y) || !g_date_valid (today))
    return G_MININT;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_days_between (&date, today);
}

static char *
describe_dates (BfAgreementItem *item,
                const GDate     *today)
{
  const char *last_contact = bf_agreement_item_get_last_contact (item);
  g_autofree char *next = bf_format_iso_date (bf_agreement_item_get_next_evaluation (item));
  g_autofree char *contact = NULL;
  int days = days_between (last_contact, today);

  if (days == 0)
    contact = g_strdup (_("Last contact today"));
  else if (days > 0)
    /* Translators: how long since the tenant was last contacted. */
    contact = g_strdup_printf (ngettext ("Last contact %d day ago",
                                         "Last contact %d days ago", days), days);
  else if (last_contact != NULL)
    {
      g_autofree char *date = bf_format_iso_date (last_contact);
      contact = g_strdup_printf (_("Last contact %s"), date ? date : last_contact);
    }
  else
    contact = g_strdup (_("No contact logged"));

  if (next != NULL)
    /* Translators: "Evaluation 22.11.2026 · Last contact 3 days ago". */
    return g_strdup_printf (_("Evaluation %s · %s"), next, contact);

  return g_steal_pointer (&contact);
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            const char *window_action)
{
  BfAgreementRow *self = BF_AGREEMENT_ROW (widget);
  const char *id;

  if (self->item == NULL || (id = bf_agreement_item_get_id (self->item)) == NULL)
    return;

  gtk_widget_activate_action (widget, window_action, "s", id);
}

static void
bf_agreement_row_open_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  row_action (widget, action_name, "win.open-agreement");
}

static void
bf_agreement_row_register_visit_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  row_action (widget, action_name, "win.register-visit");
}

static void
bf_agreement_row_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  row_action (widget, action_name, "win.print-agreement");
}

static void
bf_agreement_row_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  row_action (widget, action_name, "win.export-pdf");
}

static void
bf_agreement_row_dispose (GObject *object)
{
  BfAgreementRow *self = BF_AGREEMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_AGREEMENT_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (bf_agreement_row_parent_class)->dispose (object);
}

static void
bf_agreement_row_class_init (BfAgreementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_agreement_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bf-agreement-row");

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-agreement-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, box);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, address_label);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, dates_label);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, badges_box);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementRow, row_menu);

  gtk_widget_class_install_action (widget_class, "row.open", NULL, bf_agreement_row_open_action);
  gtk_widget_class_install_action (widget_class, "row.register-visit", NULL, bf_agreement_row_register_visit_action);
  gtk_widget_class_install_action (widget_class, "row.print", NULL, bf_agreement_row_print_action);
  gtk_widget_class_install_action (widget_class, "row.export-pdf", NULL, bf_agreement_row_export_action);
}

static GtkWidget *
make_badge (const BadgeInfo *info)
{
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (info->icon_name);
  GtkWidget *label = gtk_label_new (_(info->label));

  gtk_widget_add_css_class (badge, "bf-badge");
  if (info->style_class != NULL)
    gtk_widget_add_css_class (badge, info->style_class);
  gtk_widget_add_css_class (label, "caption-heading");
  /* The word says it; the icon is decoration for a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (badge), icon);
  gtk_box_append (GTK_BOX (badge), label);
  return badge;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  BfAgreementRow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->row_menu);
}

static void
bf_agreement_row_init (BfAgreementRow *self)
{
  /* The badges are made when a row first needs them: GTK 4.8 builds a
   * couple of hundred rows when the list appears, most of which never
   * show a badge. */
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Likewise the menu: a GtkPopoverMenu per row is most of a row's cost,
   * so it is made when the button is first clicked. */
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
}

GtkWidget *
bf_agreement_row_new (void)
{
  return g_object_new (BF_TYPE_AGREEMENT_ROW, NULL);
}

BfAgreementItem *
bf_agreement_row_get_item (BfAgreementRow *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_ROW (self), NULL);

  return self->item;
}

/**
 * bf_agreement_row_set_item:
 * @item: (nullable): the agreement to show, or %NULL when the row is unbound
 * @today: the date "days ago" counts from
 */
void
bf_agreement_row_set_item (BfAgreementRow  *self,
                           BfAgreementItem *item,
                           const GDate     *today)
{
  g_autoptr(GString) accessible = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *menu_label = NULL;
  BfAgreementBadges badges;
  const char *name;
  const char *address;
  const char *state;

  g_return_if_fail (BF_IS_AGREEMENT_ROW (self));
  g_return_if_fail (!item || BF_IS_AGREEMENT_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  if (item == NULL)
    {
      /* Unbound: keep no tenant's name in a recycled widget. */
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->address_label, "");
      gtk_label_set_label (self->dates_label, "");
      gtk_label_set_label (self->state_label, "");
      for (guint i = 0; i < G_N_ELEMENTS (badge_info); i++)
        if (self->badges[i] != NULL)
          gtk_widget_set_visible (self->badges[i], FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  name = bf_agreement_item_get_tenant_name (item);
  if (name == NULL || name[0] == '\0')
    name = _("No tenant name yet");
  address = bf_agreement_item_get_address (item);
  if (address == NULL)
    address = "";
  state = bf_agreement_item_get_state (item) != BF_AGREEMENT_STATE_NONE
    /* Already translated, through the core's gettext domain. */
    ? bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, bf_agreement_item_get_state (item))
    : "";
  dates = describe_dates (item, today);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->address_label, address);
  gtk_widget_set_visible (GTK_WIDGET (self->address_label), address[0] != '\0');
  gtk_label_set_label (self->state_label, state);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state[0] != '\0');
  gtk_label_set_label (self->dates_label, dates);

  accessible = g_string_new (NULL);
  /* Translators: the start of a list row read by a screen reader:
   * tenant, address, state. */
  g_string_append_printf (accessible, _("%s, %s, %s"), name, address, state);
  g_string_append_printf (accessible, ". %s", dates);

  badges = bf_agreement_item_get_badges (item);
  for (guint i = 0; i < G_N_ELEMENTS (badge_info); i++)
    {
      gboolean on = (badges & badge_info[i].badge) != 0;

      if (on && self->badges[i] == NULL)
        {
          GtkWidget *before = NULL;

          /* In the table's order, whichever came first. */
          for (guint j = 0; j < i; j++)
            if (self->badges[j] != NULL)
              before = self->badges[j];
          self->badges[i] = make_badge (&badge_info[i]);
          gtk_box_insert_child_after (self->badges_box, self->badges[i], before);
        }
      if (self->badges[i] != NULL)
        gtk_widget_set_visible (self->badges[i], on);
      if (on)
        g_string_append_printf (accessible, ". %s", _(badge_info[i].label));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->badges_box), badges != BF_AGREEMENT_BADGE_NONE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);

  /* Translators: the accessible name of a row's menu button. */
  menu_label = g_strdup_printf (_("More actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}
