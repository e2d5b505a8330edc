/* cli-analytics.c: dcadesk-cli stats, analytics and demo-data */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dca-analytics.h"
#include "dca-demo-data.h"

#include "dcadesk-cli.h"

/* --period NAME, or --from/--to dates (YYYY-MM-DD, UTC; --to exclusive) */
static gboolean
parse_period (const char *name,
              const char *from,
              const char *to,
              DcaPeriod  *period,
              int        *status)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  memset (period, 0, sizeof *period);
  if ((from != NULL || to != NULL) && name != NULL)
    {
      *status = cli_fail_message (_("--period goes without --from and --to"));
      return FALSE;
    }
  if (from != NULL || to != NULL)
    {
      const char *texts[] = { from, to };
      gint64 *outs[] = { &period->from, &period->to };

      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *iso = NULL;
          g_autoptr(GDateTime) dt = NULL;

          if (texts[i] == NULL)
            continue;
          iso = g_strdup_printf ("%sT00:00:00Z", texts[i]);
          if ((dt = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
            {
              *status = cli_fail_message (_("%s: “%s” is not a date (YYYY-MM-DD)"), i == 0 ? "--from" : "--to",
                                          texts[i]);
              return FALSE;
            }
          *outs[i] = g_date_time_to_unix (dt);
        }
      if (period->to != 0 && period->to <= period->from)
        {
          *status = cli_fail_message (_("--to must come after --from"));
          return FALSE;
        }
      if (period->from == 0)
        period->from = 1; /* a window from the start: read from the deals */
      return TRUE;
    }
  if (!dca_period_parse (name ? name : "all", now, period))
    {
      *status = cli_fail_message (_("--period: “%s” is not 24h, 7d, 30d or all"), name);
      return FALSE;
    }
  return TRUE;
}

static void
member_double_or_null (DcaJsonWriter *w,
                       const char    *key,
                       gboolean       has,
                       double         value)
{
  dca_json_key (w, key);
  if (has)
    dca_json_double (w, value);
  else
    dca_json_null (w);
}

static void
write_row (DcaJsonWriter         *w,
           const DcaAnalyticsRow *r,
           DcaAnalyticsScope      scope)
{
  dca_json_begin_object (w);
  if (scope != DCA_ANALYTICS_PAIRS)
    {
      dca_json_member_int (w, "bot_id", r->bot_id);
      dca_json_member_string (w, "bot", r->bot_name);
    }
  if (scope != DCA_ANALYTICS_BOTS)
    dca_json_member_string (w, "product_id", r->product_id);
  dca_json_member_string (w, "quote_currency", r->quote_currency);
  dca_json_member_int (w, "deals", r->deals);
  dca_json_member_int (w, "wins", r->wins);
  dca_json_member_int (w, "losses", r->losses);
  member_double_or_null (w, "win_rate", r->has_win_rate, r->win_rate);
  dca_json_member_decimal_string (w, "total_profit", r->total_profit);
  dca_json_member_decimal_string (w, "avg_profit", r->avg_profit);
  dca_json_member_double (w, "avg_profit_pct", r->avg_profit_pct);
  dca_json_member_double (w, "avg_duration_s", r->avg_duration_s);
  dca_json_member_decimal_string (w, "max_drawdown", r->max_drawdown);
  member_double_or_null (w, "max_drawdown_pct", r->has_max_drawdown_pct, r->max_drawdown_pct);
  member_double_or_null (w, "sharpe", r->has_sharpe, r->sharpe);
  member_double_or_null (w, "sortino", r->has_sortino, r->sortino);
  member_double_or_null (w, "profit_factor", r->has_profit_factor, r->profit_factor);
  member_double_or_null (w, "expectancy", r->has_expectancy, r->expectancy);
  dca_json_member_decimal_string (w, "fees", r->fees);
  member_double_or_null (w, "roi_pct", r->has_roi, r->roi_pct);
  dca_json_end_object (w);
}

static void
print_table (GPtrArray         *rows,
             DcaAnalyticsScope  scope)
{
  g_print ("%-24s %-10s %6s %7s %16s %8s %9s %7s %7s %8s\n",
           scope == DCA_ANALYTICS_PAIRS ? _("Pair") : _("Bot"), _("Quote"), _("Deals"), _("Win %"),
           _("Profit"), _("ROI %"), _("Max DD %"), _("Sharpe"), _("Sortino"), _("PF"));
  for (guint i = 0; i < rows->len; i++)
    {
      const DcaAnalyticsRow *r = rows->pdata[i];
      g_autofree char *profit = dca_decimal_to_string_places (r->total_profit, 8);
      g_autofree char *label = scope == DCA_ANALYTICS_BOT_PAIRS
                               ? g_strdup_printf ("%s · %s", r->bot_name, r->product_id)
                               : g_strdup (scope == DCA_ANALYTICS_PAIRS ? r->product_id : r->bot_name);

      g_print ("%-24s %-10s %6u %7.1f %16s %8.2f %9.2f %7.2f %7.2f %8.2f\n", label, r->quote_currency, r->deals,
               r->win_rate, profit, r->roi_pct, r->max_drawdown_pct, r->sharpe, r->sortino, r->profit_factor);
    }
}

int
cli_analytics (int    argc,
               char **argv)
{
  g_autofree char *period_name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_name, N_("Deals closed in the last 24h, 7d, 30d or all (default)"),
      "24h|7d|30d|all" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Deals closed on or after this day (UTC)"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Deals closed before this day (UTC)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  DcaAnalyticsScope scope;
  DcaPeriod period;

  if (!cli_parse_options ("bots|pairs|bot-pairs",
                          _("The performance table of the bots, the pairs, or each bot's pairs: deals, win "
                            "rate, profit, drawdown, Sharpe, Sortino, profit factor, fees and ROI "
                            "(shared/spec/analytics.md)."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cli_fail_message (_("analytics: expected bots, pairs or bot-pairs (try --help)"));
  if (strcmp (argv[1], "bots") == 0)
    scope = DCA_ANALYTICS_BOTS;
  else if (strcmp (argv[1], "pairs") == 0)
    scope = DCA_ANALYTICS_PAIRS;
  else if (strcmp (argv[1], "bot-pairs") == 0)
    scope = DCA_ANALYTICS_BOT_PAIRS;
  else
    return cli_fail_message (_("analytics: “%s” is not bots, pairs or bot-pairs"), argv[1]);
  if (!parse_period (period_name, from, to, &period, &status))
    return status;
  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  rows = dca_analytics_table (store, scope, &period, &error);
  if (rows == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (json)
    {
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

      dca_json_begin_array (w);
      for (guint i = 0; i < rows->len; i++)
        write_row (w, rows->pdata[i], scope);
      dca_json_end_array (w);
      cli_print_json (w);
    }
  else
    print_table (rows, scope);
  return 0;
}

static const char *const windows[] = { "24h", "7d", "30d", "all" };

typedef enum
{
  WINDOW_PROFIT,
  WINDOW_PREVIOUS,
  WINDOW_USD,
} WindowFigure;

/* "key": {"24h": {QUOTE: amount, ...}, ...} for the first n windows */
static void
write_windows (DcaJsonWriter  *w,
               const char     *key,
               const DcaStats *stats,
               guint           n,
               WindowFigure    figure)
{
  dca_json_key (w, key);
  dca_json_begin_object (w);
  for (guint i = 0; i < n; i++)
    {
      dca_json_key (w, windows[i]);
      dca_json_begin_object (w);
      for (guint k = 0; k < stats->profit[i]->len; k++)
        {
          const DcaStatsProfit *p = stats->profit[i]->pdata[k];

          if (figure == WINDOW_PROFIT)
            dca_json_member_decimal_string (w, p->currency, p->profit);
          else if (figure == WINDOW_PREVIOUS)
            dca_json_member_decimal_string (w, p->currency, p->previous);
          else if (p->deals > 0 && p->usd_deals == p->deals)
            dca_json_member_decimal_string (w, p->currency, p->profit_usd);
        }
      dca_json_end_object (w);
    }
  dca_json_end_object (w);
}

int
cli_stats (int    argc,
           char **argv)
{
  g_autofree char *period_name = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_name,
      N_("The period the best and worst bot are chosen over (default all)"), "24h|7d|30d|all" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(DcaStats) stats = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  DcaPeriod period;

  if (!cli_parse_options ("",
                          _("The dashboard's figures: profit over 24 h, 7 d, 30 d and all time per quote "
                            "currency, active and closed deals, win rate, best and worst bot, account value."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cli_fail_message (_("unexpected argument “%s”"), argv[1]);
  if (!parse_period (period_name, NULL, NULL, &period, &status))
    return status;
  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  stats = dca_analytics_stats (store, now, &period, &error);
  if (stats == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (json)
    {
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

      dca_json_begin_object (w);
      write_windows (w, "profit", stats, G_N_ELEMENTS (windows), WINDOW_PROFIT);
      /* the previous period of the same length, for the trend arrows */
      write_windows (w, "previous_profit", stats, 3, WINDOW_PREVIOUS);
      /* USD beside, where every deal of the window had its quote
       * currency's USD price at its close */
      write_windows (w, "profit_usd", stats, G_N_ELEMENTS (windows), WINDOW_USD);
      dca_json_member_int (w, "active_deals", stats->active_deals);
      dca_json_member_int (w, "total_deals", stats->total_deals);
      member_double_or_null (w, "win_rate", stats->has_win_rate, stats->win_rate);
      dca_json_key (w, "best_bot");
      stats->best_bot ? dca_json_string (w, stats->best_bot) : dca_json_null (w);
      dca_json_key (w, "worst_bot");
      stats->worst_bot ? dca_json_string (w, stats->worst_bot) : dca_json_null (w);
      dca_json_key (w, "account_value");
      dca_json_begin_object (w);
      for (guint i = 0; i < stats->account_value->len; i++)
        {
          const DcaSnapshotRecord *s = stats->account_value->pdata[i];

          dca_json_member_decimal_string (w, s->currency, s->value);
          if (s->has_value_usd && strcmp (s->currency, "USD") != 0)
            dca_json_member_decimal_string (w, "USD", s->value_usd);
        }
      dca_json_end_object (w);
      dca_json_end_object (w);
      cli_print_json (w);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    for (guint k = 0; k < stats->profit[i]->len; k++)
      {
        const DcaStatsProfit *p = stats->profit[i]->pdata[k];
        g_autofree char *v = dca_decimal_to_string (p->profit);

        g_print ("%-16s %-4s %s %s\n", _("Profit"), windows[i], v, p->currency);
      }
  g_print ("%-21s %u\n", _("Active deals"), stats->active_deals);
  g_print ("%-21s %u\n", _("Closed deals"), stats->total_deals);
  if (stats->has_win_rate)
    g_print ("%-21s %.1f %%\n", _("Win rate"), stats->win_rate);
  if (stats->best_bot != NULL)
    g_print ("%-21s %s\n%-21s %s\n", _("Best bot"), stats->best_bot, _("Worst bot"), stats->worst_bot);
  return 0;
}

int
cli_demo_data (int    argc,
               char **argv)
{
  int n_deals = 1000, n_bots = 5, n_pairs = 9, seed = 1;
  g_autofree char *market = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, N_("Closed deals to make (default 1000)"), "N" },
    { "bots", 0, 0, G_OPTION_ARG_INT, &n_bots, N_("Bots to make (default 5)"), "B" },
    { "pairs", 0, 0, G_OPTION_ARG_INT, &n_pairs, N_("Pairs the bots trade (default 9)"), "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed makes the same deals (default 1)"), "S" },
    { "market", 0, 0, G_OPTION_ARG_FILENAME, &market, N_("A directory of PAIR-5m.csv candles (default: the bundled ones)"),
      "DIR" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  gint64 made;

  if (!cli_parse_options ("--deals N --bots B --pairs P",
                          _("Fills the store with demo bots and realistic closed deals, priced from the "
                            "recorded market, for demos and benchmarks."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cli_fail_message (_("unexpected argument “%s”"), argv[1]);
  if (n_deals < 0 || n_deals > 100000000)
    return cli_fail_message (_("--deals: %d is not a number of deals"), n_deals);
  if (n_bots < 1 || n_bots > 10000)
    return cli_fail_message (_("--bots: %d is not a number of bots (1 to 10000)"), n_bots);
  if (n_pairs < 1 || n_pairs > 1000)
    return cli_fail_message (_("--pairs: %d is not a number of pairs (1 to 1000)"), n_pairs);
  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  made = dca_demo_data_generate (store, market, (guint) n_deals, (guint) n_bots, (guint) n_pairs, (guint32) seed,
                                 &error);
  if (made < 0)
    return cli_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", made);
  return 0;
}
