/* dca-deal-list-model.c: deals from the store, a page at a time */
#define G_LOG_DOMAIN "dca-deal-list-model"

#include "config.h"

#include "dca-deal-item.h"
#include "dca-deal-list-model.h"

#define PAGE_SIZE 200

struct _DcaDealListModel
{
  GObject      parent_instance;

  DcaStore    *store;
  guint        status_mask;
  DcaDealSort  sort;
  gboolean     ascending;
  gint64       bot_id;
  char        *product_id;
  gint64       now;
  guint        n_items;
  GHashTable  *pages;    /* page number -> GPtrArray of DcaDealItem */
  GHashTable  *bot_names; /* bot id -> name */
  GHashTable  *bot_types; /* bot id -> strategy type, or absent */
  GHashTable  *prices;    /* product -> DcaDecimal*, or NULL */
};

static void dca_deal_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcaDealListModel, dca_deal_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dca_deal_list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return DCA_TYPE_DEAL_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return DCA_DEAL_LIST_MODEL (model)->n_items;
}

static const char *
bot_name (DcaDealListModel *self,
          gint64            bot_id)
{
  const char *name = g_hash_table_lookup (self->bot_names, &bot_id);

  if (name == NULL)
    {
      g_autoptr(DcaBotRecord) bot = dca_store_get_bot (self->store, bot_id, NULL);
      gint64 *key = g_memdup2 (&bot_id, sizeof bot_id);

      name = bot ? g_strdup (bot->name) : g_strdup_printf ("#%" G_GINT64_FORMAT, bot_id);
      g_hash_table_insert (self->bot_names, key, (gpointer) name);
      if (bot != NULL)
        g_hash_table_insert (self->bot_types, g_memdup2 (&bot_id, sizeof bot_id), g_strdup (bot->strategy_type));
    }
  return name;
}

static void
fill_filter (DcaDealListModel *self,
             DcaDealFilter    *filter)
{
  filter->status_mask = self->status_mask;
  filter->bot_id = self->bot_id;
  filter->product_id = self->product_id;
}

static GPtrArray *
load_page (DcaDealListModel *self,
           guint             page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  DcaDealFilter filter = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  if (items != NULL)
    return items;
  fill_filter (self, &filter);
  filter.sort = self->sort;
  filter.ascending = self->ascending;
  filter.limit = PAGE_SIZE;
  filter.offset = page * PAGE_SIZE;
  records = dca_store_list_deals (self->store, &filter, &error);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (records == NULL)
    g_warning ("deals: %s", error->message);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      DcaDealRecord *r = g_ptr_array_index (records, i);

      DcaDealItem *item;
      DcaDecimal *price;

      records->pdata[i] = NULL;
      item = dca_deal_item_new (r, bot_name (self, r->bot_id));
      dca_deal_item_set_strategy_type (item, g_hash_table_lookup (self->bot_types, &r->bot_id));
      dca_deal_item_set_now (item, self->now);
      price = self->prices ? g_hash_table_lookup (self->prices, r->product_id) : NULL;
      if (price != NULL)
        dca_deal_item_set_price (item, *price);
      g_ptr_array_add (items, item);
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DcaDealListModel *self = DCA_DEAL_LIST_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = load_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
dca_deal_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static guint
count (DcaDealListModel *self)
{
  DcaDealFilter filter = { 0 };
  gint64 n;

  fill_filter (self, &filter);
  n = dca_store_count_deals (self->store, &filter, NULL);
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

void
dca_deal_list_model_set_prices (DcaDealListModel *self,
                                GHashTable       *prices)
{
  g_clear_pointer (&self->prices, g_hash_table_unref);
  if (prices != NULL)
    self->prices = g_hash_table_ref (prices);
}

void
dca_deal_list_model_set_now (DcaDealListModel *self,
                             gint64            now)
{
  self->now = now;
}

void
dca_deal_list_model_set_query (DcaDealListModel *self,
                               gint64            bot_id,
                               const char       *product_id,
                               DcaDealSort       sort,
                               gboolean          ascending)
{
  g_return_if_fail (DCA_IS_DEAL_LIST_MODEL (self));

  if (self->bot_id == bot_id && g_strcmp0 (self->product_id, product_id) == 0 &&
      self->sort == sort && self->ascending == ascending)
    return;
  self->bot_id = bot_id;
  g_free (self->product_id);
  self->product_id = g_strdup (product_id);
  self->sort = sort;
  self->ascending = ascending;
  dca_deal_list_model_reload (self);
}

void
dca_deal_list_model_reload (DcaDealListModel *self)
{
  guint old = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->bot_names);
  g_hash_table_remove_all (self->bot_types);
  /* All gone, then all new, in two steps: told of one change that
   * replaces the rows, a list view asks for every new row to find the
   * ones it already shows, which would read all the pages. */
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = count (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
}

DcaDealListModel *
dca_deal_list_model_new (DcaStore    *store,
                         guint        status_mask,
                         DcaDealSort  sort)
{
  DcaDealListModel *self = g_object_new (DCA_TYPE_DEAL_LIST_MODEL, NULL);

  self->store = g_object_ref (store);
  self->status_mask = status_mask;
  self->sort = sort;
  self->n_items = count (self);
  return self;
}

static void
dca_deal_list_model_finalize (GObject *object)
{
  DcaDealListModel *self = DCA_DEAL_LIST_MODEL (object);

  g_clear_object (&self->store);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->bot_names);
  g_hash_table_unref (self->bot_types);
  g_free (self->product_id);
  g_clear_pointer (&self->prices, g_hash_table_unref);
  G_OBJECT_CLASS (dca_deal_list_model_parent_class)->finalize (object);
}

static void
dca_deal_list_model_class_init (DcaDealListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_deal_list_model_finalize;
}

static void
dca_deal_list_model_init (DcaDealListModel *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->bot_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->bot_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
