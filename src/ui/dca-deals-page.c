/* dca-deals-page.c: the Deals page (open deals) and the History page (closed)
 *
 * A GtkColumnView over a DcaDealListModel that pages deals in from the
 * store; it reloads when the engine reports a deal event.  The "history"
 * property chooses the closed deals and their columns.
 *
 * Both filter by bot and pair in the store.  History can hold 100,000
 * deals, so the store sorts it too: a click on a column header becomes the
 * store's ORDER BY (over an index), and the list stays a page at a time.
 * Open deals are few and sort by their P/L at the latest prices, which
 * only the items know, so there the column view's sorter sorts the rows,
 * comparing by core's exact decimals.
 */
#define G_LOG_DOMAIN "dca-deals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dca-deal-item.h"
#include "dca-deal-window.h"
#include "dca-deal-list-model.h"
#include "dca-deals-page.h"
#include "dca-price-bar.h"

struct _DcaDealsPage
{
  GtkWidget            parent_instance;

  DcaContext          *context;
  gboolean             history;
  DcaDealListModel    *model;
  GListModel          *shown;          /* what the view shows: model, or sorted */
  guint                reload_source;
  GtkColumnViewColumn *columns[DCA_N_DEAL_COLUMNS];
  GArray              *bot_ids;        /* gint64, parallel to bot_names; [0] = 0: all */
  gboolean             updating_filters;
  gboolean             probing;
  DcaDealColumn        probed;         /* the column the sorter asked first */
  gboolean             refreshing_headers;
  char                *count_text;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkDropDown         *bot_dropdown;
  GtkDropDown         *pair_dropdown;
  GtkStringList       *bot_names;
  GtkStringList       *pair_names;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (DcaDealsPage, dca_deals_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DcaDealColumn open_columns[] = {
  DCA_DEAL_COLUMN_BOT, DCA_DEAL_COLUMN_PAIR, DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE, DCA_DEAL_COLUMN_UNREALISED,
  DCA_DEAL_COLUMN_PRICE_BAR, DCA_DEAL_COLUMN_SPENT_BOUGHT, DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX,
  DCA_DEAL_COLUMN_AGE, DCA_DEAL_COLUMN_LAST_ERROR,
};

static const DcaDealColumn history_columns[] = {
  DCA_DEAL_COLUMN_PAIR, DCA_DEAL_COLUMN_BOT, DCA_DEAL_COLUMN_OPENED, DCA_DEAL_COLUMN_CLOSED,
  DCA_DEAL_COLUMN_DURATION, DCA_DEAL_COLUMN_SPENT, DCA_DEAL_COLUMN_PROFIT_PERCENTAGE,
  DCA_DEAL_COLUMN_PROFIT, DCA_DEAL_COLUMN_CLOSE_REASON, DCA_DEAL_COLUMN_SAFETY_ORDERS,
};

/* the store's order for each History column */
static DcaDealSort
store_sort (DcaDealColumn column)
{
  switch (column)
    {
    case DCA_DEAL_COLUMN_PAIR: return DCA_DEAL_SORT_PAIR;
    case DCA_DEAL_COLUMN_BOT: return DCA_DEAL_SORT_BOT;
    case DCA_DEAL_COLUMN_OPENED: return DCA_DEAL_SORT_OPENED;
    case DCA_DEAL_COLUMN_DURATION: return DCA_DEAL_SORT_DURATION;
    case DCA_DEAL_COLUMN_SPENT: return DCA_DEAL_SORT_SPENT;
    case DCA_DEAL_COLUMN_PROFIT_PERCENTAGE: return DCA_DEAL_SORT_PROFIT_PERCENTAGE;
    case DCA_DEAL_COLUMN_PROFIT: return DCA_DEAL_SORT_PROFIT;
    case DCA_DEAL_COLUMN_CLOSE_REASON: return DCA_DEAL_SORT_CLOSE_REASON;
    case DCA_DEAL_COLUMN_SAFETY_ORDERS: return DCA_DEAL_SORT_SAFETY_ORDERS;
    case DCA_DEAL_COLUMN_CLOSED:
    default:
      return DCA_DEAL_SORT_CLOSED;
    }
}

static gboolean
filtered (DcaDealsPage *self)
{
  return gtk_drop_down_get_selected (self->bot_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->pair_dropdown) > 0;
}

static void
update_empty (DcaDealsPage *self)
{
  guint n = self->shown ? g_list_model_get_n_items (self->shown) : 0;
  gboolean any_filter = filtered (self);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (any_filter)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Deals"));
      adw_status_page_set_description (self->empty_page, _("No deal of this bot and pair. Choose “All” to see every deal."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, self->history ? _("No Closed Deals Yet") : _("No Open Deals"));
      adw_status_page_set_description (self->empty_page,
                                       self->history ? _("Deals your bots close show here, with their profit.")
                                                     : _("Deals your bots open show here while they run."));
    }
  g_free (self->count_text);
  self->count_text = g_strdup_printf (ngettext ("%u deal", "%u deals", n), n);
  gtk_label_set_label (self->count_label, n > 0 ? self->count_text : "");
}

static gint64
selected_bot (DcaDealsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->bot_dropdown);

  return self->bot_ids != NULL && i != GTK_INVALID_LIST_POSITION && i < self->bot_ids->len
         ? g_array_index (self->bot_ids, gint64, i) : 0;
}

static const char *
selected_pair (DcaDealsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->pair_dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->pair_names, i);
}

/* GTK 4.8 does not say which column the column view sorts by: its sorter
 * asks the columns' sorters in order, the first one first, and inverts a
 * descending column's answer.  Each History column's sorter notes that it
 * was asked and says "smaller", so one comparison tells both. */
static int
column_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  DcaDealsPage *self = g_object_get_data (G_OBJECT (data), "page");
  DcaDealColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "column"));

  if (self->probing)
    {
      if (self->probed == DCA_N_DEAL_COLUMNS)
        self->probed = column;
      return GTK_ORDERING_SMALLER;
    }
  /* open deals: the rows themselves, by core's comparison */
  return dca_deal_item_compare (DCA_DEAL_ITEM ((gpointer) a), DCA_DEAL_ITEM ((gpointer) b), column);
}

/* The column the list is sorted by, and whether ascending; FALSE: none. */
static gboolean
primary_sort (DcaDealsPage  *self,
              DcaDealColumn *column,
              gboolean      *ascending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  /* two objects: a sorter calls nothing to compare one with itself */
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  self->probing = TRUE;
  self->probed = DCA_N_DEAL_COLUMNS;
  order = gtk_sorter_compare (sorter, a, b);
  self->probing = FALSE;
  *column = self->probed;
  *ascending = order == GTK_ORDERING_SMALLER;
  return self->probed != DCA_N_DEAL_COLUMNS;
}

/* GTK 4.8's list views take long to be told that 100,000 rows went and
 * 100,000 came (they walk them); they take a new model faster.  So the
 * view lets go of the rows while they change, and then shows them anew. */
static void
detach (DcaDealsPage *self)
{
  gtk_column_view_set_model (self->column_view, NULL);
}

static void
attach (DcaDealsPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->shown == NULL)
    return;
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->shown)));
  gtk_column_view_set_model (self->column_view, selection);
}

static void
apply_query (DcaDealsPage *self)
{
  DcaDealSort sort = self->history ? DCA_DEAL_SORT_CLOSED : DCA_DEAL_SORT_OPENED;
  gboolean ascending = FALSE;

  if (self->model == NULL)
    return;
  if (self->history)
    {
      DcaDealColumn column;

      if (primary_sort (self, &column, &ascending))
        sort = store_sort (column);
      else
        ascending = FALSE;
    }
  detach (self);
  dca_deal_list_model_set_query (self->model, selected_bot (self), selected_pair (self), sort, ascending);
  attach (self);
  update_empty (self);
}

static gboolean
reload_now (gpointer data)
{
  DcaDealsPage *self = data;

  self->reload_source = 0;
  if (self->model != NULL)
    {
      DcaEngine *engine = self->context ? dca_context_get_engine (self->context) : NULL;
      g_autoptr(DcaEngineStatus) status = engine ? dca_engine_get_status (engine) : NULL;

      /* open deals show P/L at the engine's latest prices, and their age
       * on the market's clock (the replay market's is in the past) */
      if (status != NULL)
        {
          dca_deal_list_model_set_prices (self->model, status->prices);
          dca_deal_list_model_set_now (self->model, status->replay ? status->market_time : 0);
        }
      detach (self);
      dca_deal_list_model_reload (self->model);
      attach (self);
    }
  update_empty (self);
  return G_SOURCE_REMOVE;
}

/* many events come in bursts: reload once after them */
static void
schedule_reload (DcaDealsPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (150, reload_now, self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The drop-downs offer the bots, and the pairs they trade. */
static void
update_filters (DcaDealsPage *self)
{
  gint64 bot = selected_bot (self);
  g_autofree char *pair = g_strdup (selected_pair (self));
  g_autoptr(GPtrArray) bots = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint bot_pos = 0, pair_pos = 0;

  if (self->context == NULL)
    return;
  bots = dca_store_list_bots (dca_context_get_store (self->context), &error);
  if (bots == NULL)
    {
      g_warning ("bots: %s", error->message);
      return;
    }
  self->updating_filters = TRUE;
  g_array_set_size (self->bot_ids, 1);
  gtk_string_list_splice (self->bot_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->bot_names)), NULL);
  gtk_string_list_append (self->bot_names, _("All"));
  for (guint i = 0; i < bots->len; i++)
    {
      const DcaBotRecord *b = g_ptr_array_index (bots, i);

      g_array_append_val (self->bot_ids, b->id);
      gtk_string_list_append (self->bot_names, b->name);
      if (b->id == bot)
        bot_pos = i + 1;
      for (guint j = 0; b->product_ids != NULL && b->product_ids[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (pairs, b->product_ids[j], g_str_equal, NULL))
          g_ptr_array_add (pairs, g_strdup (b->product_ids[j]));
    }
  g_ptr_array_sort (pairs, compare_strings);
  gtk_string_list_splice (self->pair_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pair_names)), NULL);
  gtk_string_list_append (self->pair_names, _("All"));
  for (guint i = 0; i < pairs->len; i++)
    {
      gtk_string_list_append (self->pair_names, g_ptr_array_index (pairs, i));
      if (g_strcmp0 (pair, g_ptr_array_index (pairs, i)) == 0)
        pair_pos = i + 1;
    }
  gtk_drop_down_set_selected (self->bot_dropdown, bot_pos);
  gtk_drop_down_set_selected (self->pair_dropdown, pair_pos);
  self->updating_filters = FALSE;
}

static void
on_bots_changed (DcaDealsPage *self)
{
  update_filters (self);
  apply_query (self);
  schedule_reload (self);
}

static void
on_filter_changed (DcaDealsPage *self)
{
  if (!self->updating_filters)
    apply_query (self);
}

/* Only the first column sorts.  GTK 4.8 leaves the arrow on the header
 * of the column that sorted before (when sorted from code), so the others
 * drop out of the sorter, which clears their arrows. */
static void
refresh_headers (DcaDealsPage *self)
{
  DcaDealColumn primary;
  gboolean ascending;

  if (!primary_sort (self, &primary, &ascending))
    return;
  self->refreshing_headers = TRUE;
  for (guint i = 0; i < DCA_N_DEAL_COLUMNS; i++)
    if (self->columns[i] != NULL && i != primary)
      {
        g_autoptr(GtkSorter) sorter = gtk_column_view_column_get_sorter (self->columns[i]);

        g_object_ref (sorter);
        gtk_column_view_column_set_sorter (self->columns[i], NULL);
        gtk_column_view_column_set_sorter (self->columns[i], sorter);
      }
  self->refreshing_headers = FALSE;
}

static void
on_sorter_changed (DcaDealsPage *self)
{
  if (self->refreshing_headers)
    return;
  refresh_headers (self);
  if (self->history)
    apply_query (self);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  DcaDealColumn column = GPOINTER_TO_INT (data);
  GtkWidget *label;

  if (column == DCA_DEAL_COLUMN_PRICE_BAR)
    {
      gtk_list_item_set_child (item, dca_price_bar_new ());
      return;
    }
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label),
                        column == DCA_DEAL_COLUMN_BOT || column == DCA_DEAL_COLUMN_PAIR ||
                        column == DCA_DEAL_COLUMN_CLOSE_REASON || column == DCA_DEAL_COLUMN_LAST_ERROR ? 0.0f : 1.0f);
  if (column == DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE || column == DCA_DEAL_COLUMN_UNREALISED ||
      column == DCA_DEAL_COLUMN_PROFIT || column == DCA_DEAL_COLUMN_PROFIT_PERCENTAGE)
    g_object_set_data (G_OBJECT (label), "signed", GINT_TO_POINTER (1));
  if (column == DCA_DEAL_COLUMN_LAST_ERROR)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column != DCA_DEAL_COLUMN_BOT && column != DCA_DEAL_COLUMN_PAIR && column != DCA_DEAL_COLUMN_CLOSE_REASON &&
      column != DCA_DEAL_COLUMN_LAST_ERROR)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* The bar places core's levels; where each falls on the scale is for the
 * eye, so a double is enough there, and the words carry the exact prices. */
static void
bind_price_bar (DcaPriceBar *bar,
                DcaDealItem *deal)
{
  gboolean has[DCA_N_PRICE_BAR_MARKS] = { FALSE };
  double position[DCA_N_PRICE_BAR_MARKS] = { 0 };
  g_autofree char *text = NULL;
  DcaDealLevels levels;
  DcaDecimal price;

  if (deal == NULL || !dca_deal_item_get_levels (deal, &levels))
    {
      dca_price_bar_clear (bar);
      return;
    }
  price = dca_deal_item_get_price (deal);
  has[DCA_PRICE_BAR_AVERAGE] = TRUE;
  position[DCA_PRICE_BAR_AVERAGE] = dca_decimal_to_double (levels.average_price);
  has[DCA_PRICE_BAR_PRICE] = dca_decimal_sign (price) > 0;
  position[DCA_PRICE_BAR_PRICE] = dca_decimal_to_double (price);
  has[DCA_PRICE_BAR_TAKE_PROFIT] = levels.has_take_profit;
  position[DCA_PRICE_BAR_TAKE_PROFIT] = dca_decimal_to_double (levels.take_profit);
  has[DCA_PRICE_BAR_NEXT_SAFETY] = levels.n_safety > 0;
  position[DCA_PRICE_BAR_NEXT_SAFETY] = levels.n_safety > 0 ? dca_decimal_to_double (levels.safety[0]) : 0;
  text = dca_deal_item_format (deal, DCA_DEAL_COLUMN_PRICE_BAR);
  dca_price_bar_set_marks (bar, has, position, text);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  DcaDealItem *deal = gtk_list_item_get_item (item);
  DcaDealColumn column = GPOINTER_TO_INT (data);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (column == DCA_DEAL_COLUMN_PRICE_BAR)
    {
      bind_price_bar (DCA_PRICE_BAR (child), deal);
      return;
    }
  text = deal ? dca_deal_item_format (deal, column) : NULL;
  gtk_label_set_label (GTK_LABEL (child), text ? text : "");
  if (column == DCA_DEAL_COLUMN_LAST_ERROR)
    gtk_widget_set_tooltip_text (child, text != NULL && *text != '\0' ? text : NULL);
  if (g_object_get_data (G_OBJECT (child), "signed"))
    {
      /* gains green, losses red */
      gboolean loss = text != NULL && text[0] == '-';
      gboolean known = text != NULL && g_ascii_isdigit (text[loss ? 1 : 0]);

      gtk_widget_remove_css_class (child, "success");
      gtk_widget_remove_css_class (child, "error");
      if (known)
        gtk_widget_add_css_class (child, loss ? "error" : "success");
    }
}

static void
add_columns (DcaDealsPage *self)
{
  const DcaDealColumn *columns = self->history ? history_columns : open_columns;
  guint n = self->history ? G_N_ELEMENTS (history_columns) : G_N_ELEMENTS (open_columns);

  for (guint i = 0; i < n; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkCustomSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (columns[i]));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (columns[i]));
      column = gtk_column_view_column_new (dca_deal_column_title (columns[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i] == DCA_DEAL_COLUMN_BOT);
      if (columns[i] == DCA_DEAL_COLUMN_PRICE_BAR)
        gtk_column_view_column_set_fixed_width (column, 180);
      sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (sorter), "page", self);
      g_object_set_data (G_OBJECT (sorter), "column", GINT_TO_POINTER (columns[i]));
      /* the sorter is its own data: it says which column it is */
      gtk_custom_sorter_set_sort_func (sorter, column_compare, sorter, NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[columns[i]] = column;
      g_object_unref (column);
    }
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             DcaDealsPage  *self)
{
  g_autoptr(DcaDealItem) item = self->shown ? g_list_model_get_item (self->shown, position) : NULL;
  g_autoptr(GError) error = NULL;
  DcaDealWindow *window;

  if (item == NULL || self->context == NULL)
    return;
  window = dca_deal_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                dca_deal_item_get_record (item)->id, &error);
  if (window == NULL)
    g_warning ("%s", error->message);
  else
    gtk_window_present (GTK_WINDOW (window));
}

GListModel *
dca_deals_page_get_model (DcaDealsPage *self)
{
  g_return_val_if_fail (DCA_IS_DEALS_PAGE (self), NULL);

  return self->shown;
}

GtkColumnViewColumn *
dca_deals_page_get_column (DcaDealsPage  *self,
                           DcaDealColumn  column)
{
  g_return_val_if_fail (DCA_IS_DEALS_PAGE (self), NULL);
  g_return_val_if_fail (column < DCA_N_DEAL_COLUMNS, NULL);

  return self->columns[column];
}

gboolean
dca_deals_page_select_bot (DcaDealsPage *self,
                           gint64        bot_id)
{
  g_return_val_if_fail (DCA_IS_DEALS_PAGE (self), FALSE);

  for (guint i = 0; i < self->bot_ids->len; i++)
    if (g_array_index (self->bot_ids, gint64, i) == bot_id)
      {
        gtk_drop_down_set_selected (self->bot_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
dca_deals_page_select_pair (DcaDealsPage *self,
                            const char   *product_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pair_names));

  g_return_val_if_fail (DCA_IS_DEALS_PAGE (self), FALSE);

  if (product_id == NULL)
    {
      gtk_drop_down_set_selected (self->pair_dropdown, 0);
      return TRUE;
    }
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->pair_names, i), product_id) == 0)
      {
        gtk_drop_down_set_selected (self->pair_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

const char *
dca_deals_page_get_count_text (DcaDealsPage *self)
{
  g_return_val_if_fail (DCA_IS_DEALS_PAGE (self), NULL);

  return gtk_label_get_label (self->count_label);
}

void
dca_deals_page_set_context (DcaDealsPage *self,
                            DcaContext   *context)
{
  guint mask = DCA_DEAL_STATUS_MASK (self->history ? DCA_DEAL_STATUS_CLOSED : DCA_DEAL_STATUS_OPEN);

  g_return_if_fail (DCA_IS_DEALS_PAGE (self));
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);
  if (context == NULL)
    return;
  update_filters (self);
  self->model = dca_deal_list_model_new (dca_context_get_store (context), mask,
                                         self->history ? DCA_DEAL_SORT_CLOSED : DCA_DEAL_SORT_OPENED);
  if (self->history)
    self->shown = g_object_ref (G_LIST_MODEL (self->model));
  else
    self->shown = G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->model)),
                                                         g_object_ref (gtk_column_view_get_sorter (self->column_view))));
  attach (self);
  g_signal_connect_object (context, "bots-changed", G_CALLBACK (on_bots_changed), self, G_CONNECT_SWAPPED);
  apply_query (self);
}

static void
dca_deals_page_constructed (GObject *object)
{
  DcaDealsPage *self = DCA_DEALS_PAGE (object);

  G_OBJECT_CLASS (dca_deals_page_parent_class)->constructed (object);
  add_columns (self);
  /* newest first, shown on the header: History by close, Deals by age */
  if (self->history)
    gtk_column_view_sort_by_column (self->column_view, self->columns[DCA_DEAL_COLUMN_CLOSED], GTK_SORT_DESCENDING);
  else
    gtk_column_view_sort_by_column (self->column_view, self->columns[DCA_DEAL_COLUMN_AGE], GTK_SORT_ASCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (on_sorter_changed), self);
  update_empty (self);
}

static void
dca_deals_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_HISTORY:
      DCA_DEALS_PAGE (object)->history = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_deals_page_dispose (GObject *object)
{
  DcaDealsPage *self = DCA_DEALS_PAGE (object);
  GtkWidget *child;

  /* no context signal may queue work for a page that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  g_clear_object (&self->context);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_DEALS_PAGE);
  self->column_view = NULL;
  /* the template's box, which has no name to be disposed by */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dca_deals_page_parent_class)->dispose (object);
}

static void
dca_deals_page_finalize (GObject *object)
{
  DcaDealsPage *self = DCA_DEALS_PAGE (object);

  g_clear_pointer (&self->bot_ids, g_array_unref);
  g_clear_pointer (&self->count_text, g_free);
  G_OBJECT_CLASS (dca_deals_page_parent_class)->finalize (object);
}

static void
dca_deals_page_class_init (DcaDealsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dca_deals_page_constructed;
  object_class->set_property = dca_deals_page_set_property;
  object_class->dispose = dca_deals_page_dispose;
  object_class->finalize = dca_deals_page_finalize;

  properties[PROP_HISTORY] = g_param_spec_boolean ("history", NULL, NULL, FALSE,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-deals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, bot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, pair_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, bot_names);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, pair_names);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, count_label);

  g_type_ensure (DCA_TYPE_PRICE_BAR);
}

static void
dca_deals_page_init (DcaDealsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bot_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->probed = DCA_N_DEAL_COLUMNS;
  gtk_string_list_append (self->bot_names, _("All"));
  gtk_string_list_append (self->pair_names, _("All"));
  g_array_set_size (self->bot_ids, 1);
  gtk_column_view_set_single_click_activate (self->column_view, FALSE);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->bot_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->pair_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
}
