/* dca-dashboard-page.c: the figures of shared/spec/analytics.md at a glance
 *
 * Profit over the last 24 h, 7 d, 30 d and all time per quote currency
 * with a trend against the period of the same length before, active and
 * closed deals, win rate, the account's value, the best and worst bot over
 * the chosen period, the account's value and the profit per day, week or
 * month over it, and the last events.  Core computes every figure
 * (dca_analytics_stats, dca_analytics_profit_buckets, the store's
 * snapshots and events) in a worker thread on its own store connection;
 * the page only formats what comes back.  Deal events and notifications
 * ask for a refresh, at most one a second, and only while the page shows.
 *
 * "Now" is the market's clock while the engine replays recorded candles
 * (its deals close at the replay's times, so "the last 24 h" means the
 * replay's), the wall clock otherwise.
 */
#define G_LOG_DOMAIN "dca-dashboard-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dca-analytics.h"
#include "dca-dashboard-page.h"

#define REFRESH_DELAY_MS 1000

static const char *const window_names[] = { "24h", "7d", "30d", "all" };
static const char *const bucket_names[] = { "day", "week", "month" };

struct _DcaDashboardPage
{
  GtkWidget     parent_instance;

  DcaContext   *context;
  GCancellable *cancellable;     /* the refresh under way */
  guint         refresh_source;
  gboolean      dirty;           /* a refresh was due while the page was hidden */
  char         *period;
  DcaBucket     bucket;
  guint         n_refreshes;
  gint64        shown_now;       /* the "now" of the figures shown */
  guint         n_activity;
  char         *profit_text;
  GHashTable   *figures;         /* name -> GtkLabel, borrowed from the page's tree */

  GtkLabel     *active_label;
  GtkLabel     *total_label;
  GtkLabel     *win_rate_label;
  GtkBox       *account_box;
  GtkBox       *profit_24h_box;
  GtkBox       *profit_7d_box;
  GtkBox       *profit_30d_box;
  GtkBox       *profit_all_box;
  GtkLabel     *best_label;
  GtkLabel     *worst_label;
  DcaLineChart *value_chart;
  DcaBarChart  *profit_chart;
  GtkListBox   *activity_list;
};

G_DEFINE_FINAL_TYPE (DcaDashboardPage, dca_dashboard_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PERIOD,
  PROP_BUCKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the worker ----------------------------------------------------------- */

typedef struct
{
  char      *path;
  char      *period;
  DcaBucket  bucket;
  gint64     now;
} Query;

static void
query_free (Query *q)
{
  g_free (q->path);
  g_free (q->period);
  g_free (q);
}

typedef struct
{
  DcaStats  *stats;
  GPtrArray *buckets;        /* DcaProfitBucket */
  GPtrArray *snapshots;      /* DcaSnapshotRecord of value_exchange, or NULL */
  char      *value_currency; /* the snapshots' currency the line draws */
  GPtrArray *events;         /* DcaEventRecord, newest first */
  DcaBucket  bucket;
  gint64     now;
} Result;

static void
result_free (Result *r)
{
  g_clear_pointer (&r->stats, dca_stats_free);
  g_clear_pointer (&r->buckets, g_ptr_array_unref);
  g_clear_pointer (&r->snapshots, g_ptr_array_unref);
  g_clear_pointer (&r->events, g_ptr_array_unref);
  g_free (r->value_currency);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static void
compute (GTask        *task,
         gpointer      source,
         gpointer      data,
         GCancellable *cancellable)
{
  Query *q = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (q->path, &error);
  g_autoptr(Result) r = g_new0 (Result, 1);
  const DcaSnapshotRecord *latest = NULL;
  DcaPeriod period;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!dca_period_parse (q->period, q->now, &period))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown period “%s”", q->period);
      return;
    }
  r->bucket = q->bucket;
  r->now = q->now;
  if ((r->stats = dca_analytics_stats (store, q->now, &period, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((r->buckets = dca_analytics_profit_buckets (store, 0, &period, q->bucket, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* the value over time of the exchange snapshotted last, in its currency */
  for (guint i = 0; i < r->stats->account_value->len; i++)
    {
      const DcaSnapshotRecord *s = r->stats->account_value->pdata[i];

      if (latest == NULL || s->time > latest->time)
        latest = s;
    }
  if (latest != NULL)
    {
      /* the period ends at now: the snapshot taken at now belongs in it */
      r->snapshots = dca_store_list_account_snapshots (store, latest->exchange, period.from,
                                                       period.to > 0 ? period.to + 1 : 0, &error);
      if (r->snapshots == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      r->value_currency = g_strdup (latest->currency);
    }

  if ((r->events = dca_store_list_events (store, 10, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&r), (GDestroyNotify) result_free);
}

/* ---- showing a result ----------------------------------------------------- */

static guint
places_of (const char *currency)
{
  static const char *const fiat[] = { "USD", "USDC", "USDT", "EUR", "GBP" };

  for (guint i = 0; i < G_N_ELEMENTS (fiat); i++)
    if (g_strcmp0 (currency, fiat[i]) == 0)
      return 2;
  return 8;
}

static char *
format_amount (DcaDecimal  amount,
               const char *currency)
{
  g_autofree char *number = dca_decimal_to_string_places (amount, places_of (currency));

  return g_strdup_printf ("%s %s", number, currency);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_figure (DcaDashboardPage *self,
            GtkLabel         *label,
            const char       *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
add_figure (DcaDashboardPage *self,
            GtkLabel         *label,
            const char       *format,
            ...)
{
  va_list args;
  char *name;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  g_hash_table_replace (self->figures, name, label);
}

static const char *
window_title (guint window)
{
  switch (window)
    {
    case 0: return _("the previous 24 hours");
    case 1: return _("the previous 7 days");
    default: return _("the previous 30 days");
    }
}

static void
show_profits (DcaDashboardPage *self,
              guint             window,
              GPtrArray        *profits)
{
  GtkBox *boxes[] = { self->profit_24h_box, self->profit_7d_box, self->profit_30d_box, self->profit_all_box };
  GtkBox *box = boxes[window];
  g_autoptr(GString) all = g_string_new (NULL);

  clear_box (box);
  if (profits->len == 0)
    add_label (box, _("No closed deals"), "dim-label");
  for (guint k = 0; k < profits->len; k++)
    {
      const DcaStatsProfit *p = profits->pdata[k];
      g_autofree char *amount = format_amount (p->profit, p->currency);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkLabel *value;
      int sign = dca_decimal_sign (p->profit);

      gtk_widget_set_halign (line, GTK_ALIGN_CENTER);
      gtk_box_append (box, line);
      value = add_label (GTK_BOX (line), amount, "title-4");
      gtk_widget_add_css_class (GTK_WIDGET (value), "numeric");
      if (sign != 0)
        gtk_widget_add_css_class (GTK_WIDGET (value), sign > 0 ? "success" : "error");
      add_figure (self, value, "profit-%s-%s", window_names[window], p->currency);
      g_string_append_printf (all, "%s%s", all->len ? "\n" : "", amount);

      /* USD beside, at each deal's close: all of them, or how many */
      if (p->usd_deals > 0 && !dca_analytics_currency_is_usd (p->currency))
        {
          g_autofree char *usd = format_amount (dca_decimal_round_places (p->profit_usd, 2, DCA_ROUND_HALF_EVEN),
                                                "USD");
          g_autofree char *text = p->usd_deals == p->deals
                                  ? g_strdup_printf (_("≈ %s"), usd)
                                  /* Translators: "≈ 40.00 USD for 1 of 2 deals" */
                                  : g_strdup_printf (_("≈ %s for %u of %u deals"), usd, p->usd_deals, p->deals);
          GtkLabel *usd_label = add_label (box, text, "caption");

          gtk_widget_add_css_class (GTK_WIDGET (usd_label), "numeric");
          add_figure (self, usd_label, "profit-usd-%s-%s", window_names[window], p->currency);
        }

      /* all time has no period before it */
      if (window < 3)
        {
          g_autofree char *previous = format_amount (p->previous, p->currency);
          g_autofree char *previous_text = NULL;
          g_autofree char *tip = NULL;
          int cmp = dca_decimal_cmp (p->profit, p->previous);
          GtkLabel *trend;
          GtkLabel *before;

          trend = add_label (GTK_BOX (line), cmp > 0 ? "▲" : cmp < 0 ? "▼" : "=", "title-4");
          gtk_widget_add_css_class (GTK_WIDGET (trend), cmp > 0 ? "success" : cmp < 0 ? "error" : "dim-label");
          if (cmp > 0)
            /* Translators: a trend arrow's tooltip: "Up from 0.001 BTC in the previous 24 hours" */
            tip = g_strdup_printf (_("Up from %s in %s"), previous, window_title (window));
          else if (cmp < 0)
            tip = g_strdup_printf (_("Down from %s in %s"), previous, window_title (window));
          else
            tip = g_strdup_printf (_("The same as in %s"), window_title (window));
          gtk_widget_set_tooltip_text (GTK_WIDGET (trend), tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (trend), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          add_figure (self, trend, "trend-%s-%s", window_names[window], p->currency);

          /* Translators: the profit of the period of the same length before */
          previous_text = g_strdup_printf (_("before: %s"), previous);
          before = add_label (box, previous_text, "caption");
          gtk_widget_add_css_class (GTK_WIDGET (before), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (before), "numeric");
          add_figure (self, before, "previous-%s-%s", window_names[window], p->currency);
        }
    }
  if (window == 3)
    {
      g_free (self->profit_text);
      self->profit_text = g_strdup (all->len ? all->str : "0");
    }
}

static void
show_account (DcaDashboardPage *self,
              GPtrArray        *values)
{
  clear_box (self->account_box);
  if (values->len == 0)
    add_label (self->account_box, _("Not recorded yet"), "dim-label");
  for (guint i = 0; i < values->len; i++)
    {
      const DcaSnapshotRecord *s = values->pdata[i];
      g_autofree char *amount = format_amount (s->value, s->currency);
      GtkLabel *label = add_label (self->account_box, amount, "title-4");

      gtk_widget_add_css_class (GTK_WIDGET (label), "numeric");
      add_figure (self, label, "account-value-%s-%s", s->exchange, s->currency);
      if (s->has_value_usd && g_strcmp0 (s->currency, "USD") != 0)
        {
          g_autofree char *usd = format_amount (s->value_usd, "USD");
          /* Translators: the account's value in dollars, beside its value in BTC */
          g_autofree char *text = g_strdup_printf (_("≈ %s"), usd);

          label = add_label (self->account_box, text, "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (label), "numeric");
          add_figure (self, label, "account-value-%s-USD", s->exchange);
        }
    }
}

static gint64
bucket_end (gint64    start,
            DcaBucket bucket)
{
  switch (bucket)
    {
    case DCA_BUCKET_WEEK:
      return start + 7 * 86400;
    case DCA_BUCKET_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (start);
        g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);

        return g_date_time_to_unix (next);
      }
    case DCA_BUCKET_DAY:
    default:
      return start + 86400;
    }
}

static void
show_charts (DcaDashboardPage *self,
             Result           *r)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DcaLinePoint));
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (DcaBar));
  g_autoptr(GHashTable) per_currency = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *value_title = NULL;
  g_autofree char *profit_title = NULL;
  const char *currency = NULL;
  guint most = 0;

  /* drawing only: the chart's scale needs doubles, the figures stay exact */
  if (r->snapshots != NULL)
    for (guint i = 0; i < r->snapshots->len; i++)
      {
        const DcaSnapshotRecord *s = r->snapshots->pdata[i];
        DcaLinePoint p = { s->time, dca_decimal_to_double (s->value) };

        if (g_strcmp0 (s->currency, r->value_currency) == 0)
          g_array_append_val (points, p);
      }
  dca_line_chart_set_points (self->value_chart, (DcaLinePoint *) (gpointer) points->data, points->len);
  if (r->value_currency != NULL)
    /* Translators: a chart's title; %s is a currency */
    value_title = g_strdup_printf (_("Account value (%s)"), r->value_currency);
  dca_line_chart_set_title (self->value_chart, value_title ? value_title : _("Account value"));

  /* profits of different quote currencies do not add: the bars show the
   * currency with the most buckets in the period */
  for (guint i = 0; i < r->buckets->len; i++)
    {
      const DcaProfitBucket *b = r->buckets->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_currency, b->quote_currency)) + 1;

      g_hash_table_insert (per_currency, b->quote_currency, GUINT_TO_POINTER (n));
      if (n > most || (n == most && g_strcmp0 (b->quote_currency, currency) < 0))
        {
          most = n;
          currency = b->quote_currency;
        }
    }
  for (guint i = 0; i < r->buckets->len; i++)
    {
      const DcaProfitBucket *b = r->buckets->pdata[i];
      DcaBar bar = { b->start, bucket_end (b->start, r->bucket), dca_decimal_to_double (b->profit) };

      if (g_strcmp0 (b->quote_currency, currency) == 0)
        g_array_append_val (bars, bar);
    }
  dca_bar_chart_set_bars (self->profit_chart, (DcaBar *) (gpointer) bars->data, bars->len);
  switch (r->bucket)
    {
    case DCA_BUCKET_WEEK:
      /* Translators: a chart's title; %s is a currency */
      profit_title = currency ? g_strdup_printf (_("Profit per week (%s)"), currency) : g_strdup (_("Profit per week"));
      break;
    case DCA_BUCKET_MONTH:
      /* Translators: a chart's title; %s is a currency */
      profit_title = currency ? g_strdup_printf (_("Profit per month (%s)"), currency) : g_strdup (_("Profit per month"));
      break;
    case DCA_BUCKET_DAY:
    default:
      /* Translators: a chart's title; %s is a currency */
      profit_title = currency ? g_strdup_printf (_("Profit per day (%s)"), currency) : g_strdup (_("Profit per day"));
      break;
    }
  dca_bar_chart_set_title (self->profit_chart, profit_title);
}

static const char *
event_icon (const DcaEventRecord *e,
            const char          **style)
{
  *style = NULL;
  if (g_strcmp0 (e->level, "error") == 0)
    {
      *style = "error";
      return "dialog-error-symbolic";
    }
  if (g_strcmp0 (e->level, "warning") == 0)
    {
      *style = "warning";
      return "dialog-warning-symbolic";
    }
  if (g_strcmp0 (e->type, "deal-opened") == 0)
    return "media-playback-start-symbolic";
  if (g_strcmp0 (e->type, "deal-closed") == 0)
    {
      *style = "success";
      return "object-select-symbolic";
    }
  if (g_strcmp0 (e->type, "safety-order-filled") == 0)
    return "list-add-symbolic";
  return "dialog-information-symbolic";
}

static void
show_activity (DcaDashboardPage *self,
               GPtrArray        *events)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->activity_list))) != NULL)
    gtk_list_box_remove (self->activity_list, child);
  for (guint i = 0; i < events->len; i++)
    {
      const DcaEventRecord *e = events->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      const char *style;
      GtkWidget *icon = gtk_image_new_from_icon_name (event_icon (e, &style));
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (e->time);
      g_autofree char *when = time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
      g_autofree char *subtitle = NULL;

      if (style != NULL)
        gtk_widget_add_css_class (icon, style);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->message && *e->message ? e->message : e->type);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      subtitle = e->product_id ? g_strdup_printf ("%s · %s", e->product_id, when) : g_strdup (when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->activity_list, row);
    }
  self->n_activity = events->len;
}

static void
show (DcaDashboardPage *self,
      Result           *r)
{
  DcaStats *s = r->stats;
  g_autofree char *active = g_strdup_printf ("%u", s->active_deals);
  g_autofree char *total = g_strdup_printf ("%u", s->total_deals);

  g_hash_table_remove_all (self->figures);
  gtk_label_set_label (self->active_label, active);
  add_figure (self, self->active_label, "active-deals");
  gtk_label_set_label (self->total_label, total);
  add_figure (self, self->total_label, "total-deals");
  if (s->has_win_rate)
    {
      g_autofree char *rate = g_strdup_printf ("%.1f %%", s->win_rate);

      gtk_label_set_label (self->win_rate_label, rate);
      add_figure (self, self->win_rate_label, "win-rate");
    }
  else
    gtk_label_set_label (self->win_rate_label, "—");
  gtk_label_set_label (self->best_label, s->best_bot ? s->best_bot : "—");
  gtk_label_set_label (self->worst_label, s->worst_bot ? s->worst_bot : "—");
  if (s->best_bot != NULL)
    {
      add_figure (self, self->best_label, "best-bot");
      add_figure (self, self->worst_label, "worst-bot");
    }
  for (guint i = 0; i < G_N_ELEMENTS (s->profit); i++)
    show_profits (self, i, s->profit[i]);
  show_account (self, s->account_value);
  show_charts (self, r);
  show_activity (self, r->events);
}

static void
computed (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) r = g_task_propagate_pointer (G_TASK (result), &error);

  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("dashboard: %s", error->message);
      return;
    }
  /* a newer refresh replaced this one, or the page went */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  show (self, r);
  self->shown_now = r->now;
  self->n_refreshes++;
}

static gint64
dashboard_now (DcaDashboardPage *self)
{
  DcaEngine *engine = dca_context_get_engine (self->context);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (engine != NULL)
    {
      DcaEngineStatus *status = dca_engine_get_status (engine);

      if (status->replay && status->market_time > 0)
        now = status->market_time;
      dca_engine_status_free (status);
    }
  return now;
}

void
dca_dashboard_page_refresh (DcaDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  Query *q;

  g_return_if_fail (DCA_IS_DASHBOARD_PAGE (self));

  if (self->context == NULL)
    return;
  self->dirty = FALSE;
  /* only the newest refresh is shown */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  q = g_new0 (Query, 1);
  q->path = g_strdup (dca_store_get_path (dca_context_get_store (self->context)));
  q->period = g_strdup (self->period);
  q->bucket = self->bucket;
  q->now = dashboard_now (self);
  task = g_task_new (self, self->cancellable, computed, NULL);
  g_task_set_source_tag (task, dca_dashboard_page_refresh);
  g_task_set_task_data (task, q, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, compute);
}

static gboolean
refresh_now (gpointer data)
{
  DcaDashboardPage *self = data;

  self->refresh_source = 0;
  /* hidden: the next map refreshes */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else
    dca_dashboard_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (DcaDashboardPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_now, self);
}

static void
on_notification (DcaContext       *context,
                 gpointer          notification,
                 DcaDashboardPage *self)
{
  schedule_refresh (self);
}

void
dca_dashboard_page_set_context (DcaDashboardPage *self,
                                DcaContext       *context)
{
  g_return_if_fail (DCA_IS_DASHBOARD_PAGE (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_swapped (context, "bots-changed", G_CALLBACK (schedule_refresh), self);
      g_signal_connect (context, "notification", G_CALLBACK (on_notification), self);
    }
  dca_dashboard_page_refresh (self);
}

/* ---- period and bucket ---------------------------------------------------- */

static gboolean
bucket_parse (const char *name,
              DcaBucket  *bucket)
{
  static const DcaBucket values[] = { DCA_BUCKET_DAY, DCA_BUCKET_WEEK, DCA_BUCKET_MONTH };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (bucket_names); i++)
    if (g_str_equal (name, bucket_names[i]))
      {
        *bucket = values[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
set_bucket (DcaDashboardPage *self,
            DcaBucket         bucket)
{
  if (self->bucket == bucket)
    return FALSE;
  self->bucket = bucket;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUCKET]);
  return TRUE;
}

void
dca_dashboard_page_set_period (DcaDashboardPage *self,
                               const char       *period)
{
  DcaPeriod parsed;

  g_return_if_fail (DCA_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (dca_period_parse (period, 0, &parsed));

  if (g_strcmp0 (self->period, period) == 0)
    return;
  g_free (self->period);
  self->period = g_strdup (period);
  /* days over a month or less, weeks over all time */
  set_bucket (self, g_str_equal (period, "all") ? DCA_BUCKET_WEEK : DCA_BUCKET_DAY);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  dca_dashboard_page_refresh (self);
}

const char *
dca_dashboard_page_get_period (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  return self->period;
}

void
dca_dashboard_page_set_bucket (DcaDashboardPage *self,
                               const char       *bucket)
{
  DcaBucket value;

  g_return_if_fail (DCA_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (bucket_parse (bucket, &value));

  if (set_bucket (self, value))
    dca_dashboard_page_refresh (self);
}

const char *
dca_dashboard_page_get_bucket (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  switch (self->bucket)
    {
    case DCA_BUCKET_WEEK: return "week";
    case DCA_BUCKET_MONTH: return "month";
    case DCA_BUCKET_DAY:
    default: return "day";
    }
}

/* ---- for tests and the window --------------------------------------------- */

const char *
dca_dashboard_page_get_profit_text (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  return self->profit_text ? self->profit_text : "";
}

const char *
dca_dashboard_page_get_active_text (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  return gtk_label_get_label (self->active_label);
}

const char *
dca_dashboard_page_get_figure (DcaDashboardPage *self,
                               const char       *name)
{
  GtkLabel *label;

  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  label = g_hash_table_lookup (self->figures, name);
  return label ? gtk_label_get_label (label) : NULL;
}

DcaBarChart *
dca_dashboard_page_get_profit_chart (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  return self->profit_chart;
}

DcaLineChart *
dca_dashboard_page_get_value_chart (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), NULL);
  return self->value_chart;
}

guint
dca_dashboard_page_get_n_activity (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), 0);
  return self->n_activity;
}

gint64
dca_dashboard_page_get_time (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), 0);
  return self->shown_now;
}

guint
dca_dashboard_page_get_n_refreshes (DcaDashboardPage *self)
{
  g_return_val_if_fail (DCA_IS_DASHBOARD_PAGE (self), 0);
  return self->n_refreshes;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
dca_dashboard_page_map (GtkWidget *widget)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (dca_dashboard_page_parent_class)->map (widget);
  if (self->dirty)
    dca_dashboard_page_refresh (self);
}

static void
dca_dashboard_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_BUCKET:
      g_value_set_string (value, dca_dashboard_page_get_bucket (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_dashboard_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      dca_dashboard_page_set_period (self, g_value_get_string (value));
      break;
    case PROP_BUCKET:
      dca_dashboard_page_set_bucket (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_dashboard_page_dispose (GObject *object)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (object);
  GtkWidget *child;

  /* a refresh under way finishes into nothing */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* no context signal may queue work for a page that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->context);
  g_hash_table_remove_all (self->figures);
  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_DASHBOARD_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dca_dashboard_page_parent_class)->dispose (object);
}

static void
dca_dashboard_page_finalize (GObject *object)
{
  DcaDashboardPage *self = DCA_DASHBOARD_PAGE (object);

  g_free (self->period);
  g_free (self->profit_text);
  g_hash_table_unref (self->figures);
  G_OBJECT_CLASS (dca_dashboard_page_parent_class)->finalize (object);
}

static void
dca_dashboard_page_class_init (DcaDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_dashboard_page_dispose;
  object_class->finalize = dca_dashboard_page_finalize;
  object_class->get_property = dca_dashboard_page_get_property;
  object_class->set_property = dca_dashboard_page_set_property;
  widget_class->map = dca_dashboard_page_map;

  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUCKET] =
    g_param_spec_string ("bucket", NULL, NULL, "week",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the toggle buttons of the period and the bucket */
  gtk_widget_class_install_property_action (widget_class, "dashboard.period", "period");
  gtk_widget_class_install_property_action (widget_class, "dashboard.bucket", "bucket");

  g_type_ensure (DCA_TYPE_BAR_CHART);
  g_type_ensure (DCA_TYPE_LINE_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, active_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, win_rate_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, account_box);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_24h_box);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_7d_box);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_30d_box);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_all_box);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, best_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, worst_label);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, value_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, profit_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaDashboardPage, activity_list);
}

static void
dca_dashboard_page_init (DcaDashboardPage *self)
{
  GtkWidget *placeholder;

  self->period = g_strdup ("all");
  self->bucket = DCA_BUCKET_WEEK;
  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->active_label), "accent");
  placeholder = gtk_label_new (_("No activity yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->activity_list, placeholder);
  dca_line_chart_set_placeholder (self->value_chart, _("No account snapshots in this period"));
  dca_bar_chart_set_placeholder (self->profit_chart, _("No deals closed in this period"));
}
