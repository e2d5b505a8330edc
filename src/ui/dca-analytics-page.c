/* dca-analytics-page.c: bot, pair and bot-and-pair performance; charts; compare
 *
 * The tables, a bot's series and the compared bots' curves are read by core
 * in GTask threads, each on its own store connection, so a store of many
 * deals never stalls the main thread; results land on the main thread,
 * where a newer request's cancellable has replaced any older one.
 */
#define G_LOG_DOMAIN "dca-analytics-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "dca-analytics-page.h"

#define MAX_COMPARED 4
#define HISTOGRAM_BINS 20

/* the figures the Compare view sets side by side */
static const DcaAnalyticsColumn compare_figures[] = {
  DCA_ANALYTICS_COLUMN_DEALS,
  DCA_ANALYTICS_COLUMN_WIN_RATE,
  DCA_ANALYTICS_COLUMN_TOTAL_PROFIT,
  DCA_ANALYTICS_COLUMN_AVG_PROFIT_PCT,
  DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN_PCT,
  DCA_ANALYTICS_COLUMN_SHARPE,
  DCA_ANALYTICS_COLUMN_SORTINO,
  DCA_ANALYTICS_COLUMN_PROFIT_FACTOR,
  DCA_ANALYTICS_COLUMN_FEES,
  DCA_ANALYTICS_COLUMN_ROI,
};

enum
{
  PERIOD_24H,
  PERIOD_7D,
  PERIOD_30D,
  PERIOD_ALL,
  PERIOD_CUSTOM,
};

struct _DcaAnalyticsPage
{
  GtkWidget            parent_instance;

  DcaContext          *context;
  DcaAnalyticsScope    scope;
  gint64               now;
  gint64               custom_from;
  gint64               custom_to;
  GListStore          *rows;           /* DcaAnalyticsItem of the scope shown */
  GtkSortListModel    *sorted;
  GListStore          *bots;           /* DcaAnalyticsItem, one a bot: Compare's choices */
  GtkColumnViewColumn *columns[DCA_N_ANALYTICS_COLUMNS];
  GCancellable        *table_cancellable;
  GCancellable        *charts_cancellable;
  GCancellable        *compare_cancellable;
  guint                pending;
  guint                refresh_source;
  gint64               chart_bot_id;
  GArray              *compare_ids;    /* gint64, in the order ticked */
  gboolean             updating_choices;
  GtkLabel            *figure_labels[MAX_COMPARED][DCA_N_ANALYTICS_COLUMNS];

  GtkToggleButton     *bots_button;
  GtkToggleButton     *pairs_button;
  GtkToggleButton     *bot_pairs_button;
  GtkDropDown         *period_dropdown;
  GtkToggleButton     *compare_button;
  GtkWidget           *custom_box;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkStack            *view_stack;
  GtkStack            *table_stack;
  GtkColumnView       *column_view;
  GtkLabel            *bot_title;
  DcaAnalyticsChart   *cumulative_chart;
  DcaAnalyticsChart   *drawdown_chart;
  DcaAnalyticsChart   *histogram_chart;
  GtkFlowBox          *compare_choices;
  DcaAnalyticsChart   *compare_chart;
  GtkGrid             *compare_grid;
};

G_DEFINE_FINAL_TYPE (DcaAnalyticsPage, dca_analytics_page, GTK_TYPE_WIDGET)

static void start_charts  (DcaAnalyticsPage *self);
static void start_compare (DcaAnalyticsPage *self);

static void
toast (DcaAnalyticsPage *self,
       const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* A new request replaces the one before: the older result is dropped. */
static GCancellable *
renew (DcaAnalyticsPage  *self,
       GCancellable     **slot)
{
  if (*slot != NULL)
    g_cancellable_cancel (*slot);
  g_clear_object (slot);
  *slot = g_cancellable_new ();
  return *slot;
}

static const char *
store_path (DcaAnalyticsPage *self)
{
  return dca_store_get_path (dca_context_get_store (self->context));
}

void
dca_analytics_page_get_period (DcaAnalyticsPage *self,
                               DcaPeriod        *period)
{
  static const char *const names[] = { "24h", "7d", "30d", "all" };
  gint64 now = self->now > 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
  guint selected;

  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));

  selected = gtk_drop_down_get_selected (self->period_dropdown);
  if (selected == PERIOD_CUSTOM)
    {
      period->from = self->custom_from;
      period->to = self->custom_to;
      return;
    }
  if (selected >= G_N_ELEMENTS (names) || !dca_period_parse (names[selected], now, period))
    period->from = period->to = 0;
}

/* ---- the table ------------------------------------------------------------------ */

typedef struct
{
  char              *path;
  DcaAnalyticsScope  scope;
  DcaPeriod          period;
  gint64             bot_id;                 /* charts */
  gint64             ids[MAX_COMPARED];      /* compare */
  guint              n_ids;
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;

  g_free (r->path);
  g_free (r);
}

static Request *
request_new (DcaAnalyticsPage *self)
{
  Request *r = g_new0 (Request, 1);

  r->path = g_strdup (store_path (self));
  r->scope = self->scope;
  dca_analytics_page_get_period (self, &r->period);
  return r;
}

typedef struct
{
  GPtrArray *rows;   /* DcaAnalyticsRow of the scope */
  GPtrArray *bots;   /* of the bots scope; NULL when that is the scope */
} TableResult;

static void
table_result_free (gpointer data)
{
  TableResult *t = data;

  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_clear_pointer (&t->bots, g_ptr_array_unref);
  g_free (t);
}

static void
read_table (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Request *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (r->path, &error);
  TableResult *t;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  t = g_new0 (TableResult, 1);
  t->rows = dca_analytics_table (store, r->scope, &r->period, &error);
  if (t->rows != NULL && r->scope != DCA_ANALYTICS_BOTS && !g_cancellable_is_cancelled (cancellable))
    t->bots = dca_analytics_table (store, DCA_ANALYTICS_BOTS, &r->period, &error);
  if (t->rows == NULL || (r->scope != DCA_ANALYTICS_BOTS && t->bots == NULL && error != NULL))
    {
      table_result_free (t);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, t, table_result_free);
}

/* the rows' items; the rows are taken */
static GPtrArray *
items_of (GPtrArray *rows)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, dca_analytics_item_new (g_ptr_array_index (rows, i)));
  /* the items own the rows now */
  g_ptr_array_set_free_func (rows, NULL);
  return items;
}

static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

static gboolean
is_compared (DcaAnalyticsPage *self,
             gint64            bot_id)
{
  for (guint i = 0; i < self->compare_ids->len; i++)
    if (g_array_index (self->compare_ids, gint64, i) == bot_id)
      return TRUE;
  return FALSE;
}

static void on_choice_toggled (GtkCheckButton   *check,
                               DcaAnalyticsPage *self);

/* Compare's check buttons (a few bots): only the unticked go insensitive at four */
static void
update_choice_sensitivity (DcaAnalyticsPage *self)
{
  gboolean full = self->compare_ids->len >= MAX_COMPARED;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_widget_set_sensitive (check, !full || gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    }
}

static void
rebuild_choices (DcaAnalyticsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bots));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  self->updating_choices = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_choices))) != NULL)
    gtk_flow_box_remove (self->compare_choices, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DcaAnalyticsItem) item = g_list_model_get_item (G_LIST_MODEL (self->bots), i);
      const DcaAnalyticsRow *row = dca_analytics_item_get_row (item);
      GtkWidget *check = gtk_check_button_new_with_label (row->bot_name);

      g_object_set_data_full (G_OBJECT (check), "bot-id", g_memdup2 (&row->bot_id, sizeof row->bot_id), g_free);
      if (is_compared (self, row->bot_id))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          g_array_append_val (kept, row->bot_id);
        }
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled), self, 0);
      gtk_flow_box_append (self->compare_choices, check);
    }
  /* bots that have no row in this period drop out of the comparison */
  g_array_set_size (self->compare_ids, 0);
  g_array_append_vals (self->compare_ids, kept->data, kept->len);
  update_choice_sensitivity (self);
  self->updating_choices = FALSE;
}

static void
table_read (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (source);
  g_autoptr(GError) error = NULL;
  TableResult *t = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) items = NULL;

  self->pending--;
  if (t == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      table_result_free (t);
      return;
    }
  items = items_of (t->rows);
  replace_items (self->rows, items);
  if (t->bots != NULL)
    {
      g_autoptr(GPtrArray) bots = items_of (t->bots);

      replace_items (self->bots, bots);
    }
  else
    replace_items (self->bots, items);
  table_result_free (t);
  gtk_stack_set_visible_child_name (self->table_stack, items->len > 0 ? "list" : "empty");
  rebuild_choices (self);
  if (self->compare_ids->len >= 2)
    start_compare (self);
}

static void
start_table (DcaAnalyticsPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->context == NULL)
    return;
  task = g_task_new (self, renew (self, &self->table_cancellable), table_read, NULL);
  g_task_set_task_data (task, request_new (self), request_free);
  self->pending++;
  g_task_run_in_thread (task, read_table);
}

/* ---- a bot's charts ------------------------------------------------------------- */

typedef struct
{
  GArray *curve;          /* DcaCurvePoint */
  char   *quote_currency;
  GArray *bins;           /* DcaHistogramBin */
} ChartsResult;

static void
charts_result_free (gpointer data)
{
  ChartsResult *c = data;

  g_clear_pointer (&c->curve, g_array_unref);
  g_clear_pointer (&c->bins, g_array_unref);
  g_free (c->quote_currency);
  g_free (c);
}

static void
read_charts (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Request *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (r->path, &error);
  ChartsResult *c;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  c = g_new0 (ChartsResult, 1);
  c->curve = dca_analytics_curve (store, r->bot_id, NULL, &r->period, &c->quote_currency, &error);
  if (c->curve != NULL)
    c->bins = dca_analytics_profit_histogram (store, r->bot_id, &r->period, HISTOGRAM_BINS, &error);
  if (c->curve == NULL || c->bins == NULL)
    {
      charts_result_free (c);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, c, charts_result_free);
}

static void
charts_read (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (source);
  g_autoptr(GError) error = NULL;
  ChartsResult *c = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree gint64 *times = NULL;
  g_autofree double *cumulative = NULL;
  g_autofree double *drawdown = NULL;
  g_autofree char *title = NULL;

  self->pending--;
  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      charts_result_free (c);
      return;
    }
  times = g_new (gint64, MAX (c->curve->len, 1));
  cumulative = g_new (double, MAX (c->curve->len, 1));
  drawdown = g_new (double, MAX (c->curve->len, 1));
  for (guint i = 0; i < c->curve->len; i++)
    {
      const DcaCurvePoint *p = &g_array_index (c->curve, DcaCurvePoint, i);

      /* doubles only to place the points on screen; the figures stay exact in core */
      times[i] = p->time;
      cumulative[i] = dca_decimal_to_double (p->cumulative);
      drawdown[i] = -p->drawdown_pct;
    }
  /* Translators: the quote currency follows */
  title = c->quote_currency ? g_strdup_printf (_("Cumulative profit (%s)"), c->quote_currency)
                            : g_strdup (_("Cumulative profit"));
  dca_analytics_chart_clear (self->cumulative_chart);
  dca_analytics_chart_set_title (self->cumulative_chart, title);
  dca_analytics_chart_add_series (self->cumulative_chart, gtk_label_get_label (self->bot_title), times, cumulative,
                                  c->curve->len);
  dca_analytics_chart_clear (self->drawdown_chart);
  dca_analytics_chart_set_title (self->drawdown_chart, _("Drawdown (%)"));
  dca_analytics_chart_add_series (self->drawdown_chart, gtk_label_get_label (self->bot_title), times, drawdown,
                                  c->curve->len);
  dca_analytics_chart_set_title (self->histogram_chart, _("Profit distribution (deals)"));
  dca_analytics_chart_set_bins (self->histogram_chart, (const DcaHistogramBin *) c->bins->data, c->bins->len);
  charts_result_free (c);
}

static void
start_charts (DcaAnalyticsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *r;

  if (self->context == NULL || self->chart_bot_id <= 0)
    return;
  r = request_new (self);
  r->bot_id = self->chart_bot_id;
  task = g_task_new (self, renew (self, &self->charts_cancellable), charts_read, NULL);
  g_task_set_task_data (task, r, request_free);
  self->pending++;
  g_task_run_in_thread (task, read_charts);
}

static const char *
bot_name (DcaAnalyticsPage *self,
          gint64            bot_id,
          DcaAnalyticsItem **item_out)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bots));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DcaAnalyticsItem) item = g_list_model_get_item (G_LIST_MODEL (self->bots), i);
      const DcaAnalyticsRow *row = dca_analytics_item_get_row (item);

      if (row->bot_id == bot_id)
        {
          if (item_out != NULL)
            *item_out = g_object_ref (item);
          return row->bot_name;
        }
    }
  return NULL;
}

void
dca_analytics_page_open_bot (DcaAnalyticsPage *self,
                             gint64            bot_id)
{
  const char *name;

  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));

  name = bot_name (self, bot_id, NULL);
  self->chart_bot_id = bot_id;
  gtk_label_set_label (self->bot_title, name ? name : "");
  dca_analytics_chart_clear (self->cumulative_chart);
  dca_analytics_chart_clear (self->drawdown_chart);
  dca_analytics_chart_clear (self->histogram_chart);
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  gtk_stack_set_visible_child_name (self->view_stack, "bot");
  start_charts (self);
}

static void
on_activate (DcaAnalyticsPage *self,
             guint             position)
{
  g_autoptr(DcaAnalyticsItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  /* a bot's row (or a bot and pair's) opens the bot's charts */
  if (item != NULL && dca_analytics_item_get_row (item)->bot_id > 0)
    dca_analytics_page_open_bot (self, dca_analytics_item_get_row (item)->bot_id);
}

/* ---- compare -------------------------------------------------------------------- */

typedef struct
{
  GArray *curves[MAX_COMPARED];
  char   *quotes[MAX_COMPARED];
  gint64  ids[MAX_COMPARED];
  guint   n;
} CompareResult;

static void
compare_result_free (gpointer data)
{
  CompareResult *c = data;

  for (guint i = 0; i < MAX_COMPARED; i++)
    {
      g_clear_pointer (&c->curves[i], g_array_unref);
      g_free (c->quotes[i]);
    }
  g_free (c);
}

static void
read_compare (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Request *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (r->path, &error);
  CompareResult *c;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  c = g_new0 (CompareResult, 1);
  for (guint i = 0; i < r->n_ids; i++)
    {
      c->ids[i] = r->ids[i];
      c->curves[i] = dca_analytics_curve (store, r->ids[i], NULL, &r->period, &c->quotes[i], &error);
      c->n = i + 1;
      if (c->curves[i] == NULL)
        {
          compare_result_free (c);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, c, compare_result_free);
}

static void
clear_grid (DcaAnalyticsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))) != NULL)
    gtk_grid_remove (self->compare_grid, child);
  memset (self->figure_labels, 0, sizeof self->figure_labels);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static void
compare_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (source);
  g_autoptr(GError) error = NULL;
  CompareResult *c = g_task_propagate_pointer (G_TASK (result), &error);
  const char *quote = NULL;
  gboolean one_quote = TRUE;

  self->pending--;
  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      compare_result_free (c);
      return;
    }

  dca_analytics_chart_clear (self->compare_chart);
  clear_grid (self);
  for (guint f = 0; f < G_N_ELEMENTS (compare_figures); f++)
    gtk_grid_attach (self->compare_grid, grid_label (dca_analytics_column_title (compare_figures[f]), 0, "dim-label"),
                     0, (int) f + 1, 1, 1);
  for (guint i = 0; i < c->n; i++)
    {
      g_autoptr(DcaAnalyticsItem) item = NULL;
      const char *name = bot_name (self, c->ids[i], &item);
      GArray *curve = c->curves[i];
      g_autofree gint64 *times = g_new (gint64, MAX (curve->len, 1));
      g_autofree double *values = g_new (double, MAX (curve->len, 1));

      for (guint k = 0; k < curve->len; k++)
        {
          const DcaCurvePoint *p = &g_array_index (curve, DcaCurvePoint, k);

          times[k] = p->time;
          values[k] = dca_decimal_to_double (p->cumulative);
        }
      dca_analytics_chart_add_series (self->compare_chart, name ? name : "", times, values, curve->len);
      if (c->quotes[i] != NULL)
        {
          if (quote != NULL && g_strcmp0 (quote, c->quotes[i]) != 0)
            one_quote = FALSE;
          quote = quote ? quote : c->quotes[i];
        }

      gtk_grid_attach (self->compare_grid, grid_label (name ? name : "", 1, "heading"), (int) i + 1, 0, 1, 1);
      if (item == NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (compare_figures); f++)
        {
          g_autofree char *text = dca_analytics_item_format (item, compare_figures[f]);
          GtkWidget *label = grid_label (text, 1, "numeric");

          self->figure_labels[i][compare_figures[f]] = GTK_LABEL (label);
          gtk_grid_attach (self->compare_grid, label, (int) i + 1, (int) f + 1, 1, 1);
        }
    }
  if (quote != NULL && one_quote)
    {
      g_autofree char *title = g_strdup_printf (_("Cumulative profit (%s)"), quote);

      dca_analytics_chart_set_title (self->compare_chart, title);
    }
  else
    dca_analytics_chart_set_title (self->compare_chart, _("Cumulative profit (each bot's quote currency)"));
  compare_result_free (c);
}

static void
start_compare (DcaAnalyticsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *r;

  if (self->context == NULL)
    return;
  if (self->compare_ids->len < 2)
    {
      /* nothing to read: say what to do */
      if (self->compare_cancellable != NULL)
        g_cancellable_cancel (self->compare_cancellable);
      dca_analytics_chart_clear (self->compare_chart);
      dca_analytics_chart_set_title (self->compare_chart, NULL);
      clear_grid (self);
      return;
    }
  r = request_new (self);
  r->n_ids = MIN (self->compare_ids->len, MAX_COMPARED);
  for (guint i = 0; i < r->n_ids; i++)
    r->ids[i] = g_array_index (self->compare_ids, gint64, i);
  task = g_task_new (self, renew (self, &self->compare_cancellable), compare_read, NULL);
  g_task_set_task_data (task, r, request_free);
  self->pending++;
  g_task_run_in_thread (task, read_compare);
}

static void
on_choice_toggled (GtkCheckButton   *check,
                   DcaAnalyticsPage *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (check), "bot-id");

  if (self->updating_choices || id == NULL)
    return;
  if (gtk_check_button_get_active (check))
    {
      if (!is_compared (self, *id) && self->compare_ids->len < MAX_COMPARED)
        g_array_append_val (self->compare_ids, *id);
    }
  else
    for (guint i = 0; i < self->compare_ids->len; i++)
      if (g_array_index (self->compare_ids, gint64, i) == *id)
        {
          g_array_remove_index (self->compare_ids, i);
          break;
        }
  update_choice_sensitivity (self);
  start_compare (self);
}

gboolean
dca_analytics_page_compare (DcaAnalyticsPage *self,
                            const gint64     *bot_ids,
                            guint             n)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), FALSE);
  g_return_val_if_fail (bot_ids != NULL || n == 0, FALSE);

  if (n < 2 || n > MAX_COMPARED)
    return FALSE;
  gtk_toggle_button_set_active (self->compare_button, TRUE);
  /* untick all, then tick these in order, as a person would */
  self->updating_choices = TRUE;
  g_array_set_size (self->compare_ids, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child))), FALSE);
  self->updating_choices = FALSE;
  update_choice_sensitivity (self);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_choices));
           child != NULL && !found; child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          const gint64 *id = g_object_get_data (G_OBJECT (check), "bot-id");

          if (id != NULL && *id == bot_ids[i])
            {
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

const char *
dca_analytics_page_get_compare_figure (DcaAnalyticsPage   *self,
                                       guint               i,
                                       DcaAnalyticsColumn  column)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);
  g_return_val_if_fail (column < DCA_N_ANALYTICS_COLUMNS, NULL);

  if (i >= MAX_COMPARED || self->figure_labels[i][column] == NULL)
    return NULL;
  return gtk_label_get_label (self->figure_labels[i][column]);
}

static void
on_compare_toggled (DcaAnalyticsPage *self)
{
  gboolean on = gtk_toggle_button_get_active (self->compare_button);

  gtk_stack_set_visible_child_name (self->view_stack, on ? "compare" : "table");
  if (on)
    start_compare (self);
}

/* ---- period, scope, refresh ----------------------------------------------------- */

void
dca_analytics_page_refresh (DcaAnalyticsPage *self)
{
  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));

  /* the compared curves follow the table (their names and figures come from it) */
  start_table (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "bot") == 0)
    start_charts (self);
}

static gboolean
refresh_now (gpointer data)
{
  DcaAnalyticsPage *self = data;

  self->refresh_source = 0;
  dca_analytics_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* bots change in bursts (a fast replay closes many deals): once a second */
static void
schedule_refresh (DcaAnalyticsPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (1000, refresh_now, self);
}

static void
on_scope_toggled (DcaAnalyticsPage *self,
                  GtkToggleButton  *button)
{
  DcaAnalyticsScope scope;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->pairs_button)
    scope = DCA_ANALYTICS_PAIRS;
  else if (button == self->bot_pairs_button)
    scope = DCA_ANALYTICS_BOT_PAIRS;
  else
    scope = DCA_ANALYTICS_BOTS;
  self->scope = scope;
  gtk_column_view_column_set_visible (self->columns[DCA_ANALYTICS_COLUMN_BOT], scope != DCA_ANALYTICS_PAIRS);
  gtk_column_view_column_set_visible (self->columns[DCA_ANALYTICS_COLUMN_PAIR], scope != DCA_ANALYTICS_BOTS);
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  gtk_stack_set_visible_child_name (self->view_stack, "table");
  start_table (self);
}

void
dca_analytics_page_set_scope (DcaAnalyticsPage  *self,
                              DcaAnalyticsScope  scope)
{
  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));

  gtk_toggle_button_set_active (scope == DCA_ANALYTICS_PAIRS ? self->pairs_button
                                : scope == DCA_ANALYTICS_BOT_PAIRS ? self->bot_pairs_button
                                : self->bots_button, TRUE);
}

/* YYYY-MM-DD as the UTC day's first second; 0: not a date */
static gint64
parse_day (const char *text)
{
  int y, m, d;
  char end;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt ? g_date_time_to_unix (dt) : 0;
}

/* Both days valid and in order: the range (the last day included) applies. */
static gboolean
apply_custom (DcaAnalyticsPage *self)
{
  gint64 from = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
  gint64 to = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  gboolean ok = from > 0 && to > 0 && to >= from;

  if (from > 0 || *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  if ((to > 0 && (from == 0 || to >= from)) || *gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
  if (!ok)
    return FALSE;
  self->custom_from = from;
  self->custom_to = to + 86400;
  return TRUE;
}

static void
on_period_changed (DcaAnalyticsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_CUSTOM;

  gtk_widget_set_visible (self->custom_box, custom);
  if (custom && !apply_custom (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  dca_analytics_page_refresh (self);
}

static void
on_custom_changed (DcaAnalyticsPage *self)
{
  if (gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_CUSTOM && apply_custom (self))
    dca_analytics_page_refresh (self);
}

gboolean
dca_analytics_page_set_period (DcaAnalyticsPage *self,
                               const char       *name)
{
  static const char *const names[] = { "24h", "7d", "30d", "all" };

  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        if (gtk_drop_down_get_selected (self->period_dropdown) == i)
          dca_analytics_page_refresh (self);
        else
          gtk_drop_down_set_selected (self->period_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
dca_analytics_page_set_custom_period (DcaAnalyticsPage *self,
                                      const char       *from,
                                      const char       *to)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), FALSE);

  if (parse_day (from) == 0 || parse_day (to) == 0 || parse_day (to) < parse_day (from))
    return FALSE;
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_CUSTOM);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  return TRUE;
}

void
dca_analytics_page_set_now (DcaAnalyticsPage *self,
                            gint64            now)
{
  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));
  self->now = now;
}

/* ---- export --------------------------------------------------------------------- */

DcaAnalyticsChart *
dca_analytics_page_get_chart (DcaAnalyticsPage *self,
                              const char       *name)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);

  if (g_strcmp0 (name, "cumulative") == 0)
    return self->cumulative_chart;
  if (g_strcmp0 (name, "drawdown") == 0)
    return self->drawdown_chart;
  if (g_strcmp0 (name, "histogram") == 0)
    return self->histogram_chart;
  if (g_strcmp0 (name, "compare") == 0)
    return self->compare_chart;
  return NULL;
}

gboolean
dca_analytics_page_export_chart (DcaAnalyticsPage  *self,
                                 const char        *name,
                                 const char        *path,
                                 GError           **error)
{
  DcaAnalyticsChart *chart;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), FALSE);

  chart = dca_analytics_page_get_chart (self, name);
  g_return_val_if_fail (chart != NULL, FALSE);
  if (!dca_analytics_chart_save (chart, path, 1000, 600, &local))
    {
      toast (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static void
on_save_response (GtkNativeDialog  *native,
                  int               response,
                  DcaAnalyticsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (native), "chart");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      const char *ext = filter ? g_object_get_data (G_OBJECT (filter), "ext") : NULL;
      g_autofree char *lower = path ? g_ascii_strdown (path, -1) : NULL;

      if (path == NULL)
        toast (self, _("Charts can only be saved to local files"));
      else
        {
          /* no known extension: the chosen type's */
          if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
              !g_str_has_suffix (lower, ".pdf"))
            {
              char *with = g_strconcat (path, ext ? ext : ".png", NULL);

              g_free (path);
              path = with;
            }
          if (dca_analytics_page_export_chart (self, name, path, NULL))
            {
              g_autofree char *base = g_path_get_basename (path);
              /* Translators: the file's name follows */
              g_autofree char *text = g_strdup_printf (_("Chart saved as “%s”"), base);

              toast (self, text);
            }
        }
    }
  g_object_unref (native);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *label,
            const char     *mime,
            const char     *ext)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, label);
  gtk_file_filter_add_mime_type (filter, mime);
  g_object_set_data (G_OBJECT (filter), "ext", (gpointer) ext);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
save_chart (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (widget);
  const char *name = g_variant_get_string (param, NULL);
  DcaAnalyticsChart *chart = dca_analytics_page_get_chart (self, name);
  GtkFileChooserNative *native;
  g_autofree char *suggested = NULL;

  if (chart == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Save Chart"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _("PNG image"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG image"), "image/svg+xml", ".svg");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF document"), "application/pdf", ".pdf");
  /* Translators: a file name; keep it short, without spaces */
  suggested = g_strdup_printf ("%s-%s.png", _("chart"), name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  g_object_set_data_full (G_OBJECT (native), "chart", g_strdup (name), g_free);
  g_signal_connect_object (native, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
go_back (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (widget);

  self->chart_bot_id = 0;
  if (self->charts_cancellable != NULL)
    g_cancellable_cancel (self->charts_cancellable);
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  gtk_stack_set_visible_child_name (self->view_stack, "table");
}

/* ---- columns -------------------------------------------------------------------- */

static int
column_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  return dca_analytics_item_compare (DCA_ANALYTICS_ITEM ((gpointer) a), DCA_ANALYTICS_ITEM ((gpointer) b),
                                     GPOINTER_TO_INT (data));
}

static gboolean
is_text_column (DcaAnalyticsColumn column)
{
  return column == DCA_ANALYTICS_COLUMN_BOT || column == DCA_ANALYTICS_COLUMN_PAIR ||
         column == DCA_ANALYTICS_COLUMN_QUOTE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  DcaAnalyticsColumn column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), is_text_column (column) ? 0.0f : 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (!is_text_column (column))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  DcaAnalyticsColumn column = GPOINTER_TO_INT (data);
  DcaAnalyticsItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = row ? dca_analytics_item_format (row, column) : NULL;
  int sign = 0;

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (row == NULL)
    return;
  /* gains green, losses red */
  if (column == DCA_ANALYTICS_COLUMN_TOTAL_PROFIT)
    sign = dca_decimal_sign (dca_analytics_item_get_row (row)->total_profit);
  else if (column == DCA_ANALYTICS_COLUMN_AVG_PROFIT)
    sign = dca_decimal_sign (dca_analytics_item_get_row (row)->avg_profit);
  if (sign != 0)
    gtk_widget_add_css_class (label, sign > 0 ? "success" : "error");
}

static void
add_columns (DcaAnalyticsPage *self)
{
  for (guint i = 0; i < DCA_N_ANALYTICS_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkCustomSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (dca_analytics_column_title (i), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == DCA_ANALYTICS_COLUMN_BOT);
      /* names whole: the table scrolls sideways instead */
      if (i == DCA_ANALYTICS_COLUMN_BOT)
        gtk_column_view_column_set_fixed_width (column, 190);
      else if (i == DCA_ANALYTICS_COLUMN_PAIR)
        gtk_column_view_column_set_fixed_width (column, 120);
      sorter = gtk_custom_sorter_new (column_compare, GINT_TO_POINTER (i), NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_column_set_visible (column, i != DCA_ANALYTICS_COLUMN_PAIR);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);
    }
}

/* ---- the rest ------------------------------------------------------------------- */

void
dca_analytics_page_set_context (DcaAnalyticsPage *self,
                                DcaContext       *context)
{
  g_return_if_fail (DCA_IS_ANALYTICS_PAGE (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "bots-changed", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  dca_analytics_page_refresh (self);
}

GListModel *
dca_analytics_page_get_model (DcaAnalyticsPage *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
dca_analytics_page_get_column_view (DcaAnalyticsPage *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);
  return self->column_view;
}

GtkColumnViewColumn *
dca_analytics_page_get_column (DcaAnalyticsPage   *self,
                               DcaAnalyticsColumn  column)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);
  g_return_val_if_fail (column < DCA_N_ANALYTICS_COLUMNS, NULL);
  return self->columns[column];
}

gboolean
dca_analytics_page_is_busy (DcaAnalyticsPage *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), FALSE);
  return self->pending > 0 || self->refresh_source != 0;
}

const char *
dca_analytics_page_get_view (DcaAnalyticsPage *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

static void
cancel (GCancellable **slot)
{
  if (*slot != NULL)
    g_cancellable_cancel (*slot);
  g_clear_object (slot);
}

static void
dca_analytics_page_dispose (GObject *object)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (object);
  GtkWidget *child;

  cancel (&self->table_cancellable);
  cancel (&self->charts_cancellable);
  cancel (&self->compare_cancellable);
  /* no context signal may queue work for a page that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->context);
  memset (self->figure_labels, 0, sizeof self->figure_labels);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_ANALYTICS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);
  g_clear_object (&self->bots);
  G_OBJECT_CLASS (dca_analytics_page_parent_class)->dispose (object);
}

static void
dca_analytics_page_finalize (GObject *object)
{
  DcaAnalyticsPage *self = DCA_ANALYTICS_PAGE (object);

  g_array_unref (self->compare_ids);
  G_OBJECT_CLASS (dca_analytics_page_parent_class)->finalize (object);
}

static void
dca_analytics_page_class_init (DcaAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_analytics_page_dispose;
  object_class->finalize = dca_analytics_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (DCA_TYPE_ANALYTICS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, bots_button);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, pairs_button);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, bot_pairs_button);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, bot_title);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, cumulative_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, drawdown_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, histogram_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, compare_choices);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, compare_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaAnalyticsPage, compare_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_install_action (widget_class, "analytics.save-chart", "s", save_chart);
  gtk_widget_class_install_action (widget_class, "analytics.back", NULL, go_back);
}

static void
dca_analytics_page_init (DcaAnalyticsPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkSorter *sorter;

  self->compare_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  self->rows = g_list_store_new (DCA_TYPE_ANALYTICS_ITEM);
  self->bots = g_list_store_new (DCA_TYPE_ANALYTICS_ITEM);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                          sorter ? g_object_ref (sorter) : NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  gtk_column_view_set_model (self->column_view, selection);
  dca_analytics_chart_set_placeholder (self->compare_chart, _("Pick two to four bots to compare"));
}
