/* dca-charts-page.c: candlesticks of a pair, as far as the market has gone
 *
 * The recorded market is loaded once, in a worker thread; the chart shows
 * the last 150 candles closed by the engine's market time.  Each overlay and
 * pane is a boolean property of the page behind a stateful action
 * ("chart.sma" ...), the moving averages' periods are properties too, and
 * all of them, with the pair and granularity, are bound to the settings.
 */
#define G_LOG_DOMAIN "dca-charts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-chart.h"
#include "dca-charts-page.h"
#include "dca-replay-market.h"

struct _DcaChartsPage
{
  GtkWidget        parent_instance;

  DcaContext      *context;
  DcaReplayMarket *market;
  GCancellable    *cancellable;
  gboolean         updating;
  DcaChartFeatures features;
  int              sma_period;
  int              ema_period;

  GtkDropDown     *product_dropdown;
  GtkDropDown     *granularity_dropdown;
  DcaChart        *chart;
};

G_DEFINE_FINAL_TYPE (DcaChartsPage, dca_charts_page, GTK_TYPE_WIDGET)

/* the show-* properties are in the order of DcaChartFeatures' bits */
enum
{
  PROP_0,
  PROP_SHOW_SMA,
  PROP_SHOW_EMA,
  PROP_SHOW_BOLLINGER,
  PROP_SHOW_VOLUME,
  PROP_SHOW_RSI,
  PROP_SHOW_MACD,
  PROP_SHOW_STOCHASTIC,
  PROP_SMA_PERIOD,
  PROP_EMA_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* property, settings key, action */
static const struct
{
  guint       prop;
  const char *key;
  const char *action;
} bound[] = {
  { PROP_SHOW_SMA, "chart-sma", "chart.sma" },
  { PROP_SHOW_EMA, "chart-ema", "chart.ema" },
  { PROP_SHOW_BOLLINGER, "chart-bollinger", "chart.bollinger" },
  { PROP_SHOW_VOLUME, "chart-volume", "chart.volume" },
  { PROP_SHOW_RSI, "chart-rsi", "chart.rsi" },
  { PROP_SHOW_MACD, "chart-macd", "chart.macd" },
  { PROP_SHOW_STOCHASTIC, "chart-stochastic", "chart.stochastic" },
  { PROP_SMA_PERIOD, "chart-sma-period", NULL },
  { PROP_EMA_PERIOD, "chart-ema-period", NULL },
};

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

static void
redraw (DcaChartsPage *self)
{
  const char *product = selected_string (self->product_dropdown);
  const char *gran = selected_string (self->granularity_dropdown);
  DcaEngine *engine;
  g_autoptr(DcaEngineStatus) status = NULL;
  g_autoptr(DcaCandleSeries) candles = NULL;
  g_autofree char *title = NULL;
  DcaTimeframe tf;

  if (self->market == NULL || product == NULL || gran == NULL || self->updating)
    return;
  tf = DCA_TIMEFRAME_INVALID;
  for (DcaTimeframe t = DCA_TIMEFRAME_ONE_MINUTE; t <= DCA_TIMEFRAME_ONE_DAY; t++)
    if (g_strcmp0 (dca_timeframe_short_name (t), gran) == 0)
      tf = t;
  if (tf == DCA_TIMEFRAME_INVALID)
    return;
  engine = self->context ? dca_context_get_engine (self->context) : NULL;
  status = engine ? dca_engine_get_status (engine) : NULL;
  dca_replay_market_set_time (self->market, status && status->market_time > 0
                                              ? status->market_time : dca_replay_market_get_end_time (self->market));
  candles = dca_replay_market_get_candles (self->market, product, tf, 0, G_MAXINT64);
  title = g_strdup_printf ("%s · %s", product, dca_timeframe_short_name (tf));
  dca_chart_set_candles (self->chart, title, candles, 150);
  if (self->context != NULL)
    {
      g_settings_set_string (dca_context_get_settings (self->context), "chart-product", product);
      g_settings_set_string (dca_context_get_settings (self->context), "chart-granularity",
                             dca_timeframe_to_string (tf));
    }
}

/* the granularities the data has for the pair */
static void
fill_granularities (DcaChartsPage *self)
{
  const char *product = selected_string (self->product_dropdown);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *kept = self->context ? g_settings_get_string (dca_context_get_settings (self->context),
                                                                 "chart-granularity") : NULL;
  guint selected = 0, n = 0;

  for (DcaTimeframe tf = DCA_TIMEFRAME_ONE_MINUTE; product && tf <= DCA_TIMEFRAME_ONE_DAY; tf++)
    if (dca_replay_market_get_series (self->market, product, tf) != NULL)
      {
        if (g_strcmp0 (kept, dca_timeframe_to_string (tf)) == 0)
          selected = n;
        gtk_string_list_append (list, dca_timeframe_short_name (tf));
        n++;
      }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->granularity_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->granularity_dropdown, selected);
  self->updating = FALSE;
}

static void
on_product (DcaChartsPage *self)
{
  if (self->market == NULL || self->updating)
    return;
  fill_granularities (self);
  redraw (self);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  DcaChartsPage *self = DCA_CHARTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  DcaReplayMarket *market = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GtkStringList) products = NULL;
  g_autofree char *kept = NULL;
  const char * const *ids;
  guint selected = 0;

  if (market == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("charts: %s", error->message);
      return;
    }
  self->market = market;
  ids = dca_replay_market_list_products (market);
  products = gtk_string_list_new (ids);
  kept = g_settings_get_string (dca_context_get_settings (self->context), "chart-product");
  for (guint i = 0; ids[i]; i++)
    if (g_strcmp0 (ids[i], kept) == 0)
      selected = i;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (products));
  gtk_drop_down_set_selected (self->product_dropdown, selected);
  self->updating = FALSE;
  fill_granularities (self);
  redraw (self);
}

static void
load_market (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autofree char *dir = dca_engine_default_replay_dir ();
  GError *error = NULL;
  DcaReplayMarket *market = dca_replay_market_new (dir, &error);

  if (market == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, market, g_object_unref);
}

static void
dca_charts_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcaChartsPage *self = DCA_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SMA:
    case PROP_SHOW_EMA:
    case PROP_SHOW_BOLLINGER:
    case PROP_SHOW_VOLUME:
    case PROP_SHOW_RSI:
    case PROP_SHOW_MACD:
    case PROP_SHOW_STOCHASTIC:
      g_value_set_boolean (value, (self->features & (1u << (prop_id - PROP_SHOW_SMA))) != 0);
      break;
    case PROP_SMA_PERIOD:
      g_value_set_int (value, self->sma_period);
      break;
    case PROP_EMA_PERIOD:
      g_value_set_int (value, self->ema_period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_charts_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcaChartsPage *self = DCA_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SMA:
    case PROP_SHOW_EMA:
    case PROP_SHOW_BOLLINGER:
    case PROP_SHOW_VOLUME:
    case PROP_SHOW_RSI:
    case PROP_SHOW_MACD:
    case PROP_SHOW_STOCHASTIC:
      {
        DcaChartFeatures bit = 1u << (prop_id - PROP_SHOW_SMA);
        DcaChartFeatures features = g_value_get_boolean (value) ? (self->features | bit) : (self->features & ~bit);

        if (features == self->features)
          return;
        self->features = features;
        if (self->chart != NULL)
          dca_chart_set_features (self->chart, features);
      }
      break;
    case PROP_SMA_PERIOD:
    case PROP_EMA_PERIOD:
      {
        int *period = prop_id == PROP_SMA_PERIOD ? &self->sma_period : &self->ema_period;

        if (*period == g_value_get_int (value))
          return;
        *period = g_value_get_int (value);
        if (self->chart != NULL)
          dca_chart_set_periods (self->chart, (guint) self->sma_period, (guint) self->ema_period);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

void
dca_charts_page_set_context (DcaChartsPage *self,
                             DcaContext    *context)
{
  g_autoptr(GTask) task = NULL;

  g_set_object (&self->context, context);
  if (context == NULL || self->market != NULL)
    return;
  /* kept settings come back here, and every change goes to them */
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_settings_bind (dca_context_get_settings (context), bound[i].key, self,
                     g_param_spec_get_name (properties[bound[i].prop]), G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (context, "bots-changed", G_CALLBACK (redraw), self, G_CONNECT_SWAPPED);
  task = g_task_new (self, self->cancellable, loaded, NULL);
  g_task_run_in_thread (task, load_market);
}

gboolean
dca_charts_page_is_ready (DcaChartsPage *self)
{
  return self->market != NULL;
}

guint
dca_charts_page_get_n_drawn (DcaChartsPage *self)
{
  return dca_chart_get_n_drawn (self->chart);
}

DcaChart *
dca_charts_page_get_chart (DcaChartsPage *self)
{
  return self->chart;
}

static void
dca_charts_page_dispose (GObject *object)
{
  DcaChartsPage *self = DCA_CHARTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* no context signal may reach a widget that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->market);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_CHARTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dca_charts_page_parent_class)->dispose (object);
}

static void
dca_charts_page_class_init (DcaChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_charts_page_dispose;
  object_class->get_property = dca_charts_page_get_property;
  object_class->set_property = dca_charts_page_set_property;

  properties[PROP_SHOW_SMA] =
    g_param_spec_boolean ("show-sma", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_EMA] =
    g_param_spec_boolean ("show-ema", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_BOLLINGER] =
    g_param_spec_boolean ("show-bollinger", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_VOLUME] =
    g_param_spec_boolean ("show-volume", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_RSI] =
    g_param_spec_boolean ("show-rsi", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_MACD] =
    g_param_spec_boolean ("show-macd", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_STOCHASTIC] =
    g_param_spec_boolean ("show-stochastic", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SMA_PERIOD] =
    g_param_spec_int ("sma-period", NULL, NULL, 2, 200, 20, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMA_PERIOD] =
    g_param_spec_int ("ema-period", NULL, NULL, 2, 200, 50, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    if (bound[i].action != NULL)
      gtk_widget_class_install_property_action (widget_class, bound[i].action,
                                                g_param_spec_get_name (properties[bound[i].prop]));

  g_type_ensure (DCA_TYPE_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaChartsPage, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaChartsPage, granularity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaChartsPage, chart);
  gtk_widget_class_bind_template_callback (widget_class, on_product);
  gtk_widget_class_bind_template_callback (widget_class, redraw);
}

static void
dca_charts_page_init (DcaChartsPage *self)
{
  /* before the template: its spin buttons take the periods from here */
  self->sma_period = 20;
  self->ema_period = 50;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  dca_chart_set_periods (self->chart, (guint) self->sma_period, (guint) self->ema_period);
}
