/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-list-model"

#include "config.h"

#include "bf-agreement-list-model.h"

/* At most this many pages stay cached; a list view shows one or two. */
#define MAX_CACHED_PAGES 8

struct _BfAgreementListModel
{
  GObject           parent_instance;

  /* Owned */
  BfAgreementStore *store;
  char             *search;
  GHashTable       *pages;        /* page index → GPtrArray of BfAgreementItem */
  BfAgreementQuery  query;        /* query.search borrows self->search */
  guint             n_items;
  guint             n_fetches;    /* pages fetched, for tests */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BfAgreementListModel, bf_agreement_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_STATE,
  PROP_FILTER,
  PROP_SORT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static guint
count_items (BfAgreementListModel *self)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!bf_agreement_store_count (self->store, &self->query, &n, &error))
    {
      g_warning ("Could not count agreements: %s", error->message);
      return 0;
    }
  return n;
}

static GPtrArray *
fetch_page (BfAgreementListModel *self,
            guint                 page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  if (g_hash_table_size (self->pages) >= MAX_CACHED_PAGES)
    g_hash_table_remove_all (self->pages);

  items = bf_agreement_store_list (self->store, &self->query,
                                   page * BF_AGREEMENT_LIST_MODEL_PAGE_SIZE,
                                   BF_AGREEMENT_LIST_MODEL_PAGE_SIZE, &error);
  if (items == NULL)
    {
      g_warning ("Could not list agreements: %s", error->message);
      items = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->n_fetches++;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static GType
bf_agreement_list_model_get_item_type (GListModel *model)
{
  return BF_TYPE_AGREEMENT_ITEM;
}

static guint
bf_agreement_list_model_get_n_items (GListModel *model)
{
  return BF_AGREEMENT_LIST_MODEL (model)->n_items;
}

static gpointer
bf_agreement_list_model_get_item (GListModel *model,
                                  guint       position)
{
  BfAgreementListModel *self = BF_AGREEMENT_LIST_MODEL (model);
  guint page = position / BF_AGREEMENT_LIST_MODEL_PAGE_SIZE;
  guint index = position % BF_AGREEMENT_LIST_MODEL_PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = fetch_page (self, page);

  /* The table changed under a cached count (a write that did not refresh
   * the model yet): an empty row, until the refresh comes. */
  if (index >= items->len)
    return bf_agreement_item_new (NULL, "", "", "", BF_AGREEMENT_STATE_NONE,
                                  NULL, NULL, NULL, BF_AGREEMENT_BADGE_NONE);

  return g_object_ref (g_ptr_array_index (items, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bf_agreement_list_model_get_item_type;
  iface->get_n_items = bf_agreement_list_model_get_n_items;
  iface->get_item = bf_agreement_list_model_get_item;
}

static void
bf_agreement_list_model_finalize (GObject *object)
{
  BfAgreementListModel *self = (BfAgreementListModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bf_agreement_list_model_parent_class)->finalize (object);
}

static void
bf_agreement_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BfAgreementListModel *self = BF_AGREEMENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:   g_value_set_object (value, self->store); break;
    case PROP_SEARCH:  g_value_set_string (value, self->search); break;
    case PROP_STATE:   g_value_set_uint (value, self->query.state); break;
    case PROP_FILTER:  g_value_set_uint (value, self->query.filter); break;
    case PROP_SORT:    g_value_set_uint (value, self->query.sort); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_list_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BfAgreementListModel *self = BF_AGREEMENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:  self->store = g_value_dup_object (value); break;
    case PROP_SEARCH: bf_agreement_list_model_set_search (self, g_value_get_string (value)); break;
    case PROP_STATE:  bf_agreement_list_model_set_state (self, g_value_get_uint (value)); break;
    case PROP_FILTER: bf_agreement_list_model_set_filter (self, g_value_get_uint (value)); break;
    case PROP_SORT:   bf_agreement_list_model_set_sort (self, g_value_get_uint (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_list_model_constructed (GObject *object)
{
  BfAgreementListModel *self = BF_AGREEMENT_LIST_MODEL (object);

  G_OBJECT_CLASS (bf_agreement_list_model_parent_class)->constructed (object);

  self->n_items = count_items (self);
}

static void
bf_agreement_list_model_class_init (BfAgreementListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bf_agreement_list_model_finalize;
  object_class->get_property = bf_agreement_list_model_get_property;
  object_class->set_property = bf_agreement_list_model_set_property;
  object_class->constructed = bf_agreement_list_model_constructed;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BF_TYPE_AGREEMENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  /* BfAgreementState, BfAgreementFilter and BfAgreementSort have no GType. */
  properties [PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, BF_AGREEMENT_STATE_AVSLATT, 0, rw);
  properties [PROP_FILTER] = g_param_spec_uint ("filter", NULL, NULL, 0, BF_AGREEMENT_FILTER_NEEDS_ATTENTION, 0, rw);
  properties [PROP_SORT] = g_param_spec_uint ("sort", NULL, NULL, 0, BF_AGREEMENT_SORT_UPDATED, 0, rw);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bf_agreement_list_model_init (BfAgreementListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  bf_agreement_query_init (&self->query, NULL);
}

BfAgreementListModel *
bf_agreement_list_model_new (BfAgreementStore *store)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);

  return g_object_new (BF_TYPE_AGREEMENT_LIST_MODEL, "store", store, NULL);
}

BfAgreementStore *
bf_agreement_list_model_get_store (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), NULL);
  return self->store;
}

/**
 * bf_agreement_list_model_refresh:
 *
 * Drops the cached rows, recounts, and tells the views that every row may
 * have changed.
 */
void
bf_agreement_list_model_refresh (BfAgreementListModel *self)
{
  guint old_n;

  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  old_n = self->n_items;
  g_hash_table_remove_all (self->pages);
  self->n_items = count_items (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

const char *
bf_agreement_list_model_get_search (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), NULL);
  return self->search;
}

void
bf_agreement_list_model_set_search (BfAgreementListModel *self,
                                    const char           *search)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  self->query.search = self->search;
  bf_agreement_list_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH]);
}

BfAgreementState
bf_agreement_list_model_get_state (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), BF_AGREEMENT_STATE_NONE);
  return self->query.state;
}

void
bf_agreement_list_model_set_state (BfAgreementListModel *self,
                                   BfAgreementState      state)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  if (self->query.state == state)
    return;
  self->query.state = state;
  bf_agreement_list_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

BfAgreementFilter
bf_agreement_list_model_get_filter (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), BF_AGREEMENT_FILTER_ALL);
  return self->query.filter;
}

void
bf_agreement_list_model_set_filter (BfAgreementListModel *self,
                                    BfAgreementFilter     filter)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  if (self->query.filter == filter)
    return;
  self->query.filter = filter;
  bf_agreement_list_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTER]);
}

BfAgreementSort
bf_agreement_list_model_get_sort (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), BF_AGREEMENT_SORT_TENANT_NAME);
  return self->query.sort;
}

void
bf_agreement_list_model_set_sort (BfAgreementListModel *self,
                                  BfAgreementSort       sort)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  if (self->query.sort == sort)
    return;
  self->query.sort = sort;
  bf_agreement_list_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT]);
}

/**
 * bf_agreement_list_model_set_today:
 * @today: (nullable): the date badges and filters judge by; %NULL for the
 *   local date at each refresh
 */
void
bf_agreement_list_model_set_today (BfAgreementListModel *self,
                                   const GDate          *today)
{
  g_return_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self));

  if (today != NULL && g_date_valid (today))
    self->query.today = *today;
  else
    g_date_clear (&self->query.today, 1);
  bf_agreement_list_model_refresh (self);
}

/* Pages fetched from the database so far; lets tests check laziness. */
guint
bf_agreement_list_model_get_n_fetches (BfAgreementListModel *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT_LIST_MODEL (self), 0);
  return self->n_fetches;
}
