/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-agreement-list-page.h"
#include "bf-agreement-row.h"
#include "bf-enums.h"

/*
 * The follow-up worker's agreements: a search field, "All" or "Needs
 * follow-up", a state filter and a sort order over one GtkListView.
 *
 * The list view shows a BfAgreementListModel, which counts with one query
 * and fetches only the pages on screen, so 10,000 agreements cost no more
 * than twenty. The filters are the model's properties; nothing is filtered
 * in memory.
 *
 * Activating a row runs win.open-agreement with the agreement's id; the
 * row's menu runs win.print-agreement and win.export-pdf. The page never
 * opens anything itself, so the window decides how navigation works.
 *
 * The page holds decrypted data (the model's rows), so the main page
 * destroys it when the profile locks.
 */

struct _BfAgreementListPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkWidget            *toolbar;
  GtkWidget            *toolbar_separator;
  GtkToggleButton      *all_button;
  GtkToggleButton      *attention_button;
  GtkLabel             *attention_count_label;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *state_dropdown;
  GtkDropDown          *sort_dropdown;
  GtkStack             *content_stack;
  GtkListView          *list_view;
  GtkWidget            *empty_new_button;

  /* Owned */
  BfAgreementStore     *store;
  BfAgreementListModel *model;
  GSettings            *settings;
  char                 *view;
  GDate                 today;
};

G_DEFINE_FINAL_TYPE (BfAgreementListPage, bf_agreement_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The sort dropdown's rows, in BfAgreementSort order. */
static const char * const sort_labels[] = {
  N_("Tenant Name"),
  N_("Next Evaluation"),
  N_("Last Contact"),
  N_("Recently Saved"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (sort_labels) == BF_AGREEMENT_SORT_UPDATED + 1);

static void
update_today (BfAgreementListPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static guint
count_query (BfAgreementListPage *self,
             BfAgreementFilter    filter)
{
  g_autoptr(GError) error = NULL;
  BfAgreementQuery query;
  guint n = 0;

  bf_agreement_query_init (&query, &self->today);
  query.filter = filter;

  if (!bf_agreement_store_count (self->store, &query, &n, &error))
    g_warning ("Could not count agreements: %s", error->message);

  return n;
}

/* Chooses between the list and the status pages, and updates the number
 * on "Needs follow-up". Two indexed counts: cheap next to a page. */
static void
update_status (BfAgreementListPage *self)
{
  guint n_attention;
  const char *page;

  n_attention = count_query (self, BF_AGREEMENT_FILTER_NEEDS_ATTENTION);
  if (n_attention > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", n_attention);
      g_autofree char *tooltip = NULL;

      gtk_label_set_label (self->attention_count_label, text);
      /* Translators: the tooltip and accessible description of "Needs follow-up". */
      tooltip = g_strdup_printf (ngettext ("%u agreement needs follow-up",
                                           "%u agreements need follow-up", n_attention),
                                 n_attention);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->attention_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->attention_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_count_label), n_attention > 0);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else if (count_query (self, BF_AGREEMENT_FILTER_ALL) == 0)
    page = "empty";
  else if (g_str_equal (self->view, "attention")
           && bf_agreement_list_model_get_search (self->model) == NULL
           && bf_agreement_list_model_get_state (self->model) == BF_AGREEMENT_STATE_NONE)
    page = "no-attention";
  else
    page = "no-results";

  gtk_stack_set_visible_child_name (self->content_stack, page);
  /* Nothing to search or sort yet: the explanation stands alone. */
  gtk_widget_set_visible (self->toolbar, !g_str_equal (page, "empty"));
  gtk_widget_set_visible (self->toolbar_separator, !g_str_equal (page, "empty"));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, bf_agreement_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             BfAgreementListPage      *self)
{
  BfAgreementRow *row = BF_AGREEMENT_ROW (gtk_list_item_get_child (list_item));

  bf_agreement_row_set_item (row, gtk_list_item_get_item (list_item), &self->today);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  BfAgreementRow *row = BF_AGREEMENT_ROW (gtk_list_item_get_child (list_item));

  bf_agreement_row_set_item (row, NULL, NULL);
}

static void
on_list_activate_cb (BfAgreementListPage *self,
                     guint                position,
                     GtkListView         *list_view)
{
  g_autoptr(BfAgreementItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL || bf_agreement_item_get_id (item) == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-agreement", "s",
                              bf_agreement_item_get_id (item));
}

static void
on_view_toggled_cb (BfAgreementListPage *self,
                    GtkToggleButton     *button)
{
  /* The pair acts as radio buttons: only the one switched on counts. */
  if (gtk_toggle_button_get_active (button))
    bf_agreement_list_page_set_view (self, button == self->attention_button ? "attention" : "all");
}

static void
on_search_changed_cb (BfAgreementListPage *self,
                      GtkSearchEntry      *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  bf_agreement_list_model_set_search (self->model, stripped[0] != '\0' ? stripped : NULL);
  update_status (self);
}

static void
on_stop_search_cb (BfAgreementListPage *self,
                   GtkSearchEntry      *entry)
{
  /* Escape in the search field clears it; a second Escape goes on to the
   * window (back from the editor, for one). */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_search_activate_cb (BfAgreementListPage *self,
                       GtkSearchEntry      *entry)
{
  /* Enter: to the first hit, so the arrows and Enter take over. */
  bf_agreement_list_page_focus_list (self);
}

static void
on_state_selected_cb (BfAgreementListPage *self,
                      GParamSpec          *pspec,
                      GtkDropDown         *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Row 0 is "All states"; the rest are BfAgreementState in order. */
  bf_agreement_list_model_set_state (self->model,
                                     selected == GTK_INVALID_LIST_POSITION ? BF_AGREEMENT_STATE_NONE : selected);
  update_status (self);
}

static void
on_sort_selected_cb (BfAgreementListPage *self,
                     GParamSpec          *pspec,
                     GtkDropDown         *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected > BF_AGREEMENT_SORT_UPDATED)
    return;

  bf_agreement_list_model_set_sort (self->model, selected);
  if (self->settings != NULL)
    g_settings_set_uint (self->settings, "agreement-sort", selected);
}

static GtkStringList *
state_strings (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All States"));
  for (guint state = BF_AGREEMENT_STATE_UTKAST; state <= BF_AGREEMENT_STATE_AVSLATT; state++)
    gtk_string_list_append (list, bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, state));

  return list;
}

static GtkStringList *
sort_strings (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_labels); i++)
    gtk_string_list_append (list, _(sort_labels[i]));

  return list;
}

static void
bf_agreement_list_page_constructed (GObject *object)
{
  BfAgreementListPage *self = BF_AGREEMENT_LIST_PAGE (object);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkStringList) states = state_strings ();
  g_autoptr(GtkStringList) sorts = sort_strings ();
  GtkNoSelection *selection;
  guint sort;

  G_OBJECT_CLASS (bf_agreement_list_page_parent_class)->constructed (object);

  g_assert (BF_IS_AGREEMENT_STORE (self->store));

  update_today (self);
  self->model = bf_agreement_list_model_new (self->store);

  sort = g_settings_get_uint (self->settings, "agreement-sort");
  if (sort > BF_AGREEMENT_SORT_UPDATED)
    sort = BF_AGREEMENT_SORT_TENANT_NAME;
  bf_agreement_list_model_set_sort (self->model, sort);
  if (g_str_equal (self->view, "attention"))
    bf_agreement_list_model_set_filter (self->model, BF_AGREEMENT_FILTER_NEEDS_ATTENTION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  /* The dropdowns' handlers need the model, so they get their rows now. */
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  gtk_drop_down_set_selected (self->sort_dropdown, sort);

  update_status (self);
}

static void
bf_agreement_list_page_dispose (GObject *object)
{
  BfAgreementListPage *self = BF_AGREEMENT_LIST_PAGE (object);

  /* The rows hold tenants' names: the view lets go of them first. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_AGREEMENT_LIST_PAGE);

  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_agreement_list_page_parent_class)->dispose (object);
}

static void
bf_agreement_list_page_finalize (GObject *object)
{
  BfAgreementListPage *self = BF_AGREEMENT_LIST_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (bf_agreement_list_page_parent_class)->finalize (object);
}

static void
bf_agreement_list_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BfAgreementListPage *self = BF_AGREEMENT_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_list_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BfAgreementListPage *self = BF_AGREEMENT_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_VIEW:
      bf_agreement_list_page_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_list_page_class_init (BfAgreementListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bf_agreement_list_page_constructed;
  object_class->dispose = bf_agreement_list_page_dispose;
  object_class->finalize = bf_agreement_list_page_finalize;
  object_class->get_property = bf_agreement_list_page_get_property;
  object_class->set_property = bf_agreement_list_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BF_TYPE_AGREEMENT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * BfAgreementListPage:view:
   *
   * "all", or "attention" for the agreements that need follow-up: a red
   * light, an overdue evaluation or a lease about to expire.
   */
  properties [PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "all",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-agreement-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, attention_button);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, attention_count_label);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, BfAgreementListPage, empty_new_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);

  gtk_widget_class_install_property_action (widget_class, "list.view", "view");
}

static void
bf_agreement_list_page_init (BfAgreementListPage *self)
{
  self->view = g_strdup ("all");
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere in the page starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
bf_agreement_list_page_new (BfAgreementStore *store)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);

  return g_object_new (BF_TYPE_AGREEMENT_LIST_PAGE, "store", store, NULL);
}

/**
 * bf_agreement_list_page_get_model:
 *
 * Returns: (transfer none): the model the list shows
 */
BfAgreementListModel *
bf_agreement_list_page_get_model (BfAgreementListPage *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self), NULL);

  return self->model;
}

const char *
bf_agreement_list_page_get_view (BfAgreementListPage *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self), NULL);

  return self->view;
}

/**
 * bf_agreement_list_page_set_view:
 * @view: "all" or "attention"
 */
void
bf_agreement_list_page_set_view (BfAgreementListPage *self,
                                 const char          *view)
{
  gboolean attention;

  g_return_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self));
  g_return_if_fail (view != NULL);

  attention = g_str_equal (view, "attention");
  if (g_strcmp0 (self->view, attention ? "attention" : "all") == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (attention ? "attention" : "all");

  /* Whichever way the view changed (the buttons, list.view, the
   * notification), the buttons show it. */
  if (self->attention_button != NULL)
    gtk_toggle_button_set_active (attention ? self->attention_button : self->all_button, TRUE);

  if (self->model != NULL)
    {
      bf_agreement_list_model_set_filter (self->model,
                                          attention ? BF_AGREEMENT_FILTER_NEEDS_ATTENTION
                                                    : BF_AGREEMENT_FILTER_ALL);
      update_status (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
}

/**
 * bf_agreement_list_page_refresh:
 *
 * Reads the list again, after a save or a new day. The position in the
 * list stays where it was when the rows are still there.
 */
void
bf_agreement_list_page_refresh (BfAgreementListPage *self)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self));

  update_today (self);
  bf_agreement_list_model_refresh (self->model);
  update_status (self);
}

void
bf_agreement_list_page_focus_search (BfAgreementListPage *self)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
bf_agreement_list_page_focus_list (BfAgreementListPage *self)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_PAGE (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
