/* dca-deals-page.c: the Deals page (open deals) and the History page (closed)
 *
 * A GtkColumnView over a DcaDealListModel that pages deals in from the
 * store; it reloads when the engine reports a deal event.  The "history"
 * property chooses the closed deals and their columns.
 */
#define G_LOG_DOMAIN "dca-deals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dca-deal-item.h"
#include "dca-deal-window.h"
#include "dca-deal-list-model.h"
#include "dca-deals-page.h"

struct _DcaDealsPage
{
  GtkWidget         parent_instance;

  DcaContext       *context;
  gboolean          history;
  DcaDealListModel *model;
  guint             reload_source;

  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkColumnView    *column_view;
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
  DCA_DEAL_COLUMN_BOT, DCA_DEAL_COLUMN_PAIR, DCA_DEAL_COLUMN_OPENED, DCA_DEAL_COLUMN_SAFETY_ORDERS,
  DCA_DEAL_COLUMN_SPENT, DCA_DEAL_COLUMN_AVERAGE_PRICE, DCA_DEAL_COLUMN_PRICE,
  DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE, DCA_DEAL_COLUMN_UNREALISED,
};

static const DcaDealColumn history_columns[] = {
  DCA_DEAL_COLUMN_PAIR, DCA_DEAL_COLUMN_BOT, DCA_DEAL_COLUMN_OPENED, DCA_DEAL_COLUMN_CLOSED,
  DCA_DEAL_COLUMN_DURATION, DCA_DEAL_COLUMN_SPENT, DCA_DEAL_COLUMN_PROFIT_PERCENTAGE,
  DCA_DEAL_COLUMN_PROFIT, DCA_DEAL_COLUMN_CLOSE_REASON, DCA_DEAL_COLUMN_SAFETY_ORDERS,
};

static void
update_empty (DcaDealsPage *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
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

      /* open deals show P/L at the engine's latest prices */
      if (status != NULL)
        dca_deal_list_model_set_prices (self->model, status->prices);
      dca_deal_list_model_reload (self->model);
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

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  DcaDealColumn column = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label),
                        column == DCA_DEAL_COLUMN_BOT || column == DCA_DEAL_COLUMN_PAIR ||
                        column == DCA_DEAL_COLUMN_CLOSE_REASON ? 0.0f : 1.0f);
  if (column == DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE || column == DCA_DEAL_COLUMN_UNREALISED)
    g_object_set_data (G_OBJECT (label), "signed", GINT_TO_POINTER (1));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column != DCA_DEAL_COLUMN_BOT && column != DCA_DEAL_COLUMN_PAIR && column != DCA_DEAL_COLUMN_CLOSE_REASON)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  DcaDealItem *deal = gtk_list_item_get_item (item);
  g_autofree char *text = deal ? dca_deal_item_format (deal, GPOINTER_TO_INT (data)) : NULL;

  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  if (g_object_get_data (G_OBJECT (label), "signed"))
    {
      /* gains green, losses red */
      gboolean loss = text != NULL && text[0] == '-';
      gboolean known = text != NULL && g_ascii_isdigit (text[loss ? 1 : 0]);

      gtk_widget_remove_css_class (label, "success");
      gtk_widget_remove_css_class (label, "error");
      if (known)
        gtk_widget_add_css_class (label, loss ? "error" : "success");
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

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (columns[i]));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (columns[i]));
      column = gtk_column_view_column_new (dca_deal_column_title (columns[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i] == DCA_DEAL_COLUMN_BOT);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             DcaDealsPage  *self)
{
  g_autoptr(DcaDealItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
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
  return G_LIST_MODEL (self->model);
}

void
dca_deals_page_set_context (DcaDealsPage *self,
                            DcaContext   *context)
{
  guint mask = DCA_DEAL_STATUS_MASK (self->history ? DCA_DEAL_STATUS_CLOSED : DCA_DEAL_STATUS_OPEN);

  g_return_if_fail (DCA_IS_DEALS_PAGE (self));
  g_set_object (&self->context, context);
  g_clear_object (&self->model);
  if (context == NULL)
    return;
  self->model = dca_deal_list_model_new (dca_context_get_store (context), mask,
                                         self->history ? DCA_DEAL_SORT_CLOSED : DCA_DEAL_SORT_OPENED);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)))));
  g_signal_connect_object (context, "bots-changed", G_CALLBACK (schedule_reload), self, G_CONNECT_SWAPPED);
  update_empty (self);
}

static void
dca_deals_page_constructed (GObject *object)
{
  DcaDealsPage *self = DCA_DEALS_PAGE (object);

  G_OBJECT_CLASS (dca_deals_page_parent_class)->constructed (object);
  add_columns (self);
  adw_status_page_set_title (self->empty_page, self->history ? _("No Closed Deals Yet") : _("No Open Deals"));
  adw_status_page_set_description (self->empty_page,
                                   self->history ? _("Deals your bots close show here, with their profit.")
                                                 : _("Deals your bots open show here while they run."));
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

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->context);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_DEALS_PAGE);
  G_OBJECT_CLASS (dca_deals_page_parent_class)->dispose (object);
}

static void
dca_deals_page_class_init (DcaDealsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dca_deals_page_constructed;
  object_class->set_property = dca_deals_page_set_property;
  object_class->dispose = dca_deals_page_dispose;

  properties[PROP_HISTORY] = g_param_spec_boolean ("history", NULL, NULL, FALSE,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-deals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DcaDealsPage, column_view);
}

static void
dca_deals_page_init (DcaDealsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_column_view_set_single_click_activate (self->column_view, FALSE);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
