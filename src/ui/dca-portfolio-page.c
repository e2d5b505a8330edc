/* dca-portfolio-page.c: the account's assets, their value and share
 *
 * The figures come from core (dca_portfolio_compute) with the prices the
 * engine saw last; the page only shows them.
 */
#define G_LOG_DOMAIN "dca-portfolio-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-asset-item.h"
#include "dca-portfolio-page.h"

struct _DcaPortfolioPage
{
  GtkWidget      parent_instance;

  DcaContext    *context;
  GListStore    *assets;
  guint          reload_source;

  GtkColumnView *column_view;
  GtkLabel      *value_label;
  GtkLabel      *deals_label;
  GtkLabel      *reserved_label;
  GtkLabel      *free_label;
};

G_DEFINE_FINAL_TYPE (DcaPortfolioPage, dca_portfolio_page, GTK_TYPE_WIDGET)

static char *
btc (DcaDecimal d)
{
  g_autofree char *s = dca_decimal_to_string_places (d, 8);

  return g_strdup_printf ("%s BTC", s);
}

void
dca_portfolio_page_reload (DcaPortfolioPage *self)
{
  DcaEngine *engine;
  g_autoptr(DcaEngineStatus) status = NULL;
  g_autoptr(DcaPortfolio) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *exchange;

  if (self->context == NULL)
    return;
  engine = dca_context_get_engine (self->context);
  status = engine ? dca_engine_get_status (engine) : NULL;
  exchange = status && status->exchange ? status->exchange : "paper";
  p = dca_portfolio_compute (dca_context_get_store (self->context), exchange, status ? status->prices : NULL,
                             &error);
  if (p == NULL)
    {
      g_warning ("portfolio: %s", error->message);
      return;
    }
  for (guint i = 0; i < p->rows->len; i++)
    g_ptr_array_add (items, dca_asset_item_new (g_ptr_array_index (p->rows, i)));
  g_list_store_splice (self->assets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->assets)), items->pdata,
                       items->len);
  {
    g_autofree char *value = btc (p->value_btc);
    g_autofree char *deals = btc (p->in_open_deals);
    g_autofree char *reserved = btc (p->reserved);
    g_autofree char *free_btc = btc (p->free_btc);

    gtk_label_set_label (self->value_label, value);
    gtk_label_set_label (self->deals_label, deals);
    gtk_label_set_label (self->reserved_label, reserved);
    gtk_label_set_label (self->free_label, free_btc);
  }
}

static gboolean
reload_now (gpointer data)
{
  DcaPortfolioPage *self = data;

  self->reload_source = 0;
  dca_portfolio_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (DcaPortfolioPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (250, reload_now, self);
}

GListModel *
dca_portfolio_page_get_model (DcaPortfolioPage *self)
{
  return G_LIST_MODEL (self->assets);
}

void
dca_portfolio_page_set_context (DcaPortfolioPage *self,
                                DcaContext       *context)
{
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (context, "bots-changed", G_CALLBACK (schedule_reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "engine-changed", G_CALLBACK (schedule_reload), self, G_CONNECT_SWAPPED);
    }
  dca_portfolio_page_reload (self);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (data) == DCA_ASSET_COLUMN_ASSET ? 0.0f : 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  g_autofree char *text = dca_asset_item_format (gtk_list_item_get_item (item), GPOINTER_TO_INT (data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
dca_portfolio_page_dispose (GObject *object)
{
  DcaPortfolioPage *self = DCA_PORTFOLIO_PAGE (object);

  /* no context signal may queue work for a page that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->context);
  g_clear_object (&self->assets);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_PORTFOLIO_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (dca_portfolio_page_parent_class)->dispose (object);
}

static void
dca_portfolio_page_class_init (DcaPortfolioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_portfolio_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-portfolio-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaPortfolioPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DcaPortfolioPage, value_label);
  gtk_widget_class_bind_template_child (widget_class, DcaPortfolioPage, deals_label);
  gtk_widget_class_bind_template_child (widget_class, DcaPortfolioPage, reserved_label);
  gtk_widget_class_bind_template_child (widget_class, DcaPortfolioPage, free_label);
}

static void
dca_portfolio_page_init (DcaPortfolioPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->assets = g_list_store_new (DCA_TYPE_ASSET_ITEM);
  for (DcaAssetColumn c = 0; c < DCA_N_ASSET_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (dca_asset_column_title (c), factory);
      gtk_column_view_column_set_expand (column, c == DCA_ASSET_COLUMN_ASSET);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->assets)))));
}
