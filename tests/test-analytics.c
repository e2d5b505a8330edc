/* test-analytics.c: the formulas of shared/spec/analytics.md on hand-computed
 * sets, the summaries against the deals, periods at their edges, and the
 * CLI's JSON against core */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dca-analytics.h"
#include "dca-demo-data.h"
#include "dca-store.h"

#include "test-util.h"

#define DAY 86400

static DcaDecimal
dec (const char *text)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_parse (text, &d, NULL));
  return d;
}

static void
assert_dec (DcaDecimal  d,
            const char *expected)
{
  g_autofree char *text = dca_decimal_to_string (d);

  g_assert_cmpstr (text, ==, expected);
}

static DcaAnalyticsDeal
deal (gint64      opened,
      gint64      closed,
      const char *profit,
      double      pct,
      const char *spent,
      const char *fees)
{
  DcaAnalyticsDeal d = { 0 };

  d.bot_id = 1;
  d.product_id = "ETH-BTC";
  d.quote_currency = "BTC";
  d.opened_at = opened;
  d.closed_at = closed;
  d.profit = dec (profit);
  d.profit_percentage = pct;
  d.quote_spent = dec (spent);
  d.fees = dec (fees);
  d.capital_at_open = dec ("1");
  return d;
}

/* Four deals over five UTC days (C = 1):
 *   closes  profit  cumulative  peak  drawdown
 *   day 0   +0.03   0.03        0.03  0
 *   day 2   -0.01   0.02        0.03  0.01  (0.01 / 1.03 = 0.9709 %)
 *   day 3   +0.02   0.04        0.04  0
 *   day 4   -0.02   0.02        0.04  0.02  (0.02 / 1.04 = 1.9231 %)
 * daily returns 0.03, 0 (day 1, no close), -0.01, 0.02, -0.02: mean 0.004,
 * sample variance (0.0018 - 5 x 0.004²) / 4 = 0.00043,
 * Sharpe = 0.004 / 0.020736 x sqrt 365 = 3.68529;
 * downside mean square (0.0001 + 0.0004) / 5 = 0.0001,
 * Sortino = 0.004 / 0.01 x sqrt 365 = 7.64199. */
static void
test_formulas (void)
{
  DcaAnalyticsDeal deals[] = {
    deal (0, 3600, "0.03", 3, "1", "0.006"),
    deal (3600, 2 * DAY + 100, "-0.01", -1, "1", "0.006"),
    deal (DAY, 3 * DAY + 100, "0.02", 1, "2", "0.012"),
    deal (3 * DAY, 4 * DAY + 10, "-0.02", -2, "1", "0.006"),
  };
  g_autoptr(DcaAnalyticsRow) r = dca_analytics_compute (deals, G_N_ELEMENTS (deals), dca_decimal_zero ());

  g_assert_cmpuint (r->deals, ==, 4);
  g_assert_cmpuint (r->wins, ==, 2);
  g_assert_cmpuint (r->losses, ==, 2);
  g_assert_true (r->has_win_rate);
  g_assert_cmpfloat_with_epsilon (r->win_rate, 50, 1e-12);
  assert_dec (r->total_profit, "0.02");
  assert_dec (r->avg_profit, "0.005");
  g_assert_cmpfloat_with_epsilon (r->avg_profit_pct, 0.25, 1e-12);
  /* (3600 + 169300 + 172900 + 86410) / 4 */
  g_assert_cmpfloat_with_epsilon (r->avg_duration_s, 108052.5, 1e-9);
  assert_dec (r->best, "0.03");
  assert_dec (r->worst, "-0.02");
  assert_dec (r->max_drawdown, "0.02");
  g_assert_true (r->has_max_drawdown_pct);
  g_assert_cmpfloat_with_epsilon (r->max_drawdown_pct, 1.9230769230769231, 1e-9);
  g_assert_true (r->has_profit_factor);
  g_assert_cmpfloat_with_epsilon (r->profit_factor, 0.05 / 0.03, 1e-9);
  /* 0.5 x 0.025 - 0.5 x 0.015 */
  g_assert_true (r->has_expectancy);
  g_assert_cmpfloat_with_epsilon (r->expectancy, 0.005, 1e-12);
  assert_dec (r->fees, "0.03");
  g_assert_true (r->has_roi);
  g_assert_cmpfloat_with_epsilon (r->roi_pct, 0.4, 1e-12); /* 0.02 / 5 */
  g_assert_true (r->has_sharpe);
  g_assert_cmpfloat_with_epsilon (r->sharpe, 3.6852944724726138, 1e-9);
  g_assert_true (r->has_sortino);
  g_assert_cmpfloat_with_epsilon (r->sortino, 7.641989269817116, 1e-9);
  assert_dec (r->capital, "1");
}

static void
test_edge_cases (void)
{
  /* no losses: no profit factor, no Sortino; a zero profit is a loss */
  {
    DcaAnalyticsDeal deals[] = {
      deal (0, 100, "0.01", 1, "1", "0"),
      deal (0, DAY + 100, "0.02", 2, "1", "0"),
    };
    g_autoptr(DcaAnalyticsRow) r = dca_analytics_compute (deals, 2, dca_decimal_zero ());

    g_assert_false (r->has_profit_factor);
    g_assert_false (r->has_sortino);
    g_assert_true (r->has_sharpe);  /* two days: 0.01, 0.02 */
    g_assert_cmpfloat_with_epsilon (r->sharpe, 0.015 / sqrt (0.00005) * sqrt (365), 1e-9);
    assert_dec (r->max_drawdown, "0");
  }
  {
    DcaAnalyticsDeal deals[] = { deal (0, 100, "0", 0, "1", "0") };
    g_autoptr(DcaAnalyticsRow) r = dca_analytics_compute (deals, 1, dca_decimal_zero ());

    g_assert_cmpuint (r->wins, ==, 0);
    g_assert_cmpuint (r->losses, ==, 1);
    g_assert_cmpfloat (r->win_rate, ==, 0);
    /* one day: no Sharpe; a loss of nothing: no profit factor */
    g_assert_false (r->has_sharpe);
    g_assert_false (r->has_profit_factor);
  }
  /* a bot's reserve is its capital */
  {
    DcaAnalyticsDeal deals[] = {
      deal (0, 100, "-0.5", -50, "1", "0"),
    };
    g_autoptr(DcaAnalyticsRow) r = dca_analytics_compute (deals, 1, dec ("4"));

    assert_dec (r->capital, "4");
    g_assert_cmpfloat_with_epsilon (r->max_drawdown_pct, 12.5, 1e-9); /* 0.5 / (4 + 0) */
  }
  /* nothing */
  {
    g_autoptr(DcaAnalyticsRow) r = dca_analytics_compute (NULL, 0, dca_decimal_zero ());

    g_assert_cmpuint (r->deals, ==, 0);
    g_assert_false (r->has_win_rate);
    g_assert_false (r->has_roi);
  }
}

/* ---- on a store ------------------------------------------------------------------- */

static gint64
add_bot (DcaStore   *store,
         const char *name,
         const char *products)
{
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  bot->name = g_strdup (name);
  bot->strategy_type = g_strdup ("conditional_dca");
  bot->product_ids = g_strsplit (products, ",", -1);
  bot->strategy_config_json = g_strdup ("{}");
  bot->check_interval_seconds = 300;
  id = dca_store_insert_bot (store, bot, &error);
  g_assert_no_error (error);
  return id;
}

/* a deal opened and closed with these amounts, stored through the same
 * path the engine uses: inserted open, its state written closed */
static gint64
add_closed (DcaStore   *store,
            gint64      bot_id,
            const char *product,
            gint64      opened,
            gint64      closed,
            const char *spent,
            const char *received)
{
  g_autoptr(DcaDealRecord) d = dca_deal_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  d->bot_id = bot_id;
  d->product_id = g_strdup (product);
  d->state.status = DCA_DEAL_STATUS_OPEN;
  d->state.opened_at = opened;
  d->state.quote_spent = dec (spent);
  d->state.base_bought = dec ("1");
  d->state.base_price = dec ("0.1");
  d->state.capital_at_open = dec ("1");
  id = dca_store_insert_deal (store, d, &error);
  g_assert_no_error (error);
  d->state.status = DCA_DEAL_STATUS_CLOSED;
  d->state.closed_at = closed;
  d->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
  d->state.base_sold = dec ("1");
  d->state.quote_received = dec (received);
  d->state.fees = dec ("0.001");
  g_assert_true (dca_store_update_deal_state (store, id, &d->state, &error));
  g_assert_no_error (error);
  return id;
}

static const DcaAnalyticsRow *
row_of (GPtrArray  *rows,
        gint64      bot_id,
        const char *product)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const DcaAnalyticsRow *r = rows->pdata[i];

      if ((bot_id == 0 || r->bot_id == bot_id) && (product == NULL || g_strcmp0 (r->product_id, product) == 0))
        return r;
    }
  g_assert_not_reached ();
}

static void
assert_rows_equal (const DcaAnalyticsRow *a,
                   const DcaAnalyticsRow *b)
{
  g_assert_cmpint (a->bot_id, ==, b->bot_id);
  g_assert_cmpstr (a->product_id, ==, b->product_id);
  g_assert_cmpuint (a->deals, ==, b->deals);
  g_assert_cmpuint (a->wins, ==, b->wins);
  g_assert_cmpuint (a->losses, ==, b->losses);
  g_assert_cmpint (dca_decimal_cmp (a->total_profit, b->total_profit), ==, 0);
  g_assert_cmpint (dca_decimal_cmp (a->fees, b->fees), ==, 0);
  g_assert_cmpint (dca_decimal_cmp (a->max_drawdown, b->max_drawdown), ==, 0);
  g_assert_cmpint (dca_decimal_cmp (a->best, b->best), ==, 0);
  g_assert_cmpint (dca_decimal_cmp (a->worst, b->worst), ==, 0);
  g_assert_cmpfloat_with_epsilon (a->max_drawdown_pct, b->max_drawdown_pct, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->avg_profit_pct, b->avg_profit_pct, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->avg_duration_s, b->avg_duration_s, 1e-6);
  g_assert_cmpint (a->has_sharpe, ==, b->has_sharpe);
  g_assert_cmpfloat_with_epsilon (a->sharpe, b->sharpe, 1e-9);
  g_assert_cmpint (a->has_sortino, ==, b->has_sortino);
  g_assert_cmpfloat_with_epsilon (a->sortino, b->sortino, 1e-9);
  g_assert_cmpint (a->has_profit_factor, ==, b->has_profit_factor);
  g_assert_cmpfloat_with_epsilon (a->profit_factor, b->profit_factor, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->roi_pct, b->roi_pct, 1e-9);
}

/* The summaries kept at each close give what the deals give. */
static void
test_summaries (TestStore     *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) rebuilt = NULL;
  DcaPeriod everything = { 1, 0 }; /* a window from the start: read from the deals */
  gint64 a = add_bot (f->store, "Alpha", "ETH-BTC,LTC-BTC");
  gint64 b = add_bot (f->store, "Beta", "ETH-BTC");
  const DcaAnalyticsRow *ra;

  /* profit = received - spent - (fees are inside spent and received) */
  add_closed (f->store, a, "ETH-BTC", 1000, 5000, "1", "1.03");
  add_closed (f->store, a, "LTC-BTC", 2000, 2 * DAY, "1", "0.99");
  add_closed (f->store, b, "ETH-BTC", 3000, 2 * DAY + 5, "2", "2.10");
  add_closed (f->store, a, "ETH-BTC", DAY, 3 * DAY, "2", "2.02");
  add_closed (f->store, a, "LTC-BTC", 2 * DAY, 4 * DAY, "1", "0.98");

  all = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, NULL, &error);
  g_assert_no_error (error);
  raw = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, &everything, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (raw->len, ==, 2);
  /* sorted best first: Beta +0.1, Alpha +0.02 */
  g_assert_cmpstr (((DcaAnalyticsRow *) all->pdata[0])->bot_name, ==, "Beta");
  ra = row_of (all, a, NULL);
  g_assert_cmpstr (ra->bot_name, ==, "Alpha");
  g_assert_null (ra->product_id);
  g_assert_cmpuint (ra->deals, ==, 4);
  assert_dec (ra->total_profit, "0.02");   /* 0.03 - 0.01 + 0.02 - 0.02 */
  assert_dec (ra->max_drawdown, "0.02");   /* peak 0.04, then 0.02 */
  for (guint i = 0; i < all->len; i++)
    assert_rows_equal (all->pdata[i], row_of (raw, ((DcaAnalyticsRow *) all->pdata[i])->bot_id, NULL));

  /* pairs: ETH-BTC over both bots */
  pairs = dca_analytics_table (f->store, DCA_ANALYTICS_PAIRS, NULL, &error);
  g_assert_cmpuint (pairs->len, ==, 2);
  ra = row_of (pairs, 0, "ETH-BTC");
  g_assert_cmpuint (ra->deals, ==, 3);
  assert_dec (ra->total_profit, "0.15");
  g_assert_null (ra->bot_name);

  /* series: profit per day of Alpha (days 0, 2, 3, 4 of 1970: +0.03,
   * -0.01, +0.02, -0.02), the same from the summaries and from the deals;
   * two ISO weeks (1 Jan 1970 was a Thursday: Monday 29 Dec 1969 and
   * Monday 5 Jan, day 4) and one month */
  {
    g_autoptr(GPtrArray) days = dca_analytics_profit_buckets (f->store, a, NULL, DCA_BUCKET_DAY, &error);
    g_autoptr(GPtrArray) days_raw = dca_analytics_profit_buckets (f->store, a, &everything, DCA_BUCKET_DAY, &error);
    g_autoptr(GPtrArray) weeks = dca_analytics_profit_buckets (f->store, 0, NULL, DCA_BUCKET_WEEK, &error);
    g_autoptr(GPtrArray) months = dca_analytics_profit_buckets (f->store, 0, &everything, DCA_BUCKET_MONTH, &error);
    static const char *const expected[] = { "0.03", "-0.01", "0.02", "-0.02" };

    g_assert_no_error (error);
    g_assert_cmpuint (days->len, ==, 4);
    g_assert_cmpuint (days_raw->len, ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        DcaProfitBucket *x = days->pdata[i], *y = days_raw->pdata[i];

        assert_dec (x->profit, expected[i]);
        g_assert_cmpint (x->start, ==, y->start);
        g_assert_cmpint (dca_decimal_cmp (x->profit, y->profit), ==, 0);
        g_assert_cmpstr (x->quote_currency, ==, "BTC");
      }
    g_assert_cmpint (((DcaProfitBucket *) days->pdata[1])->start, ==, 2 * DAY);
    g_assert_cmpuint (weeks->len, ==, 2);
    g_assert_cmpint (((DcaProfitBucket *) weeks->pdata[0])->start, ==, -3 * DAY);
    assert_dec (((DcaProfitBucket *) weeks->pdata[0])->profit, "0.14");
    g_assert_cmpuint (((DcaProfitBucket *) weeks->pdata[0])->deals, ==, 4);
    g_assert_cmpint (((DcaProfitBucket *) weeks->pdata[1])->start, ==, 4 * DAY);
    assert_dec (((DcaProfitBucket *) weeks->pdata[1])->profit, "-0.02");
    g_assert_cmpuint (months->len, ==, 1);
    g_assert_cmpint (((DcaProfitBucket *) months->pdata[0])->start, ==, 0);
  }
  {
    g_autofree char *quote = NULL;
    g_autoptr(GArray) curve = dca_analytics_curve (f->store, a, NULL, NULL, &quote, &error);
    g_autoptr(GArray) histogram = dca_analytics_profit_histogram (f->store, a, NULL, 4, &error);
    double max_dd_pct = 0;
    guint counted = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (quote, ==, "BTC");
    g_assert_cmpuint (curve->len, ==, 4);
    assert_dec (g_array_index (curve, DcaCurvePoint, 3).cumulative, "0.02");
    assert_dec (g_array_index (curve, DcaCurvePoint, 3).drawdown, "0.02");
    assert_dec (g_array_index (curve, DcaCurvePoint, 1).drawdown, "0.01");
    for (guint i = 0; i < curve->len; i++)
      max_dd_pct = MAX (max_dd_pct, g_array_index (curve, DcaCurvePoint, i).drawdown_pct);
    g_assert_cmpfloat_with_epsilon (max_dd_pct, row_of (all, a, NULL)->max_drawdown_pct, 1e-9);
    /* profit % -1 .. +3 in four bins of 1 */
    g_assert_cmpuint (histogram->len, ==, 4);
    for (guint i = 0; i < histogram->len; i++)
      counted += g_array_index (histogram, DcaHistogramBin, i).count;
    g_assert_cmpuint (counted, ==, 4);
    g_assert_cmpfloat_with_epsilon (g_array_index (histogram, DcaHistogramBin, 0).from, -2, 1e-9);
  }

  /* all of it again from the deals: the same */
  g_assert_true (dca_analytics_rebuild (f->store, &error));
  rebuilt = dca_analytics_table (f->store, DCA_ANALYTICS_BOT_PAIRS, NULL, &error);
  g_assert_cmpuint (rebuilt->len, ==, 3);
  {
    g_autoptr(GPtrArray) before = dca_analytics_table (f->store, DCA_ANALYTICS_BOT_PAIRS, &everything, &error);

    for (guint i = 0; i < rebuilt->len; i++)
      {
        const DcaAnalyticsRow *r = rebuilt->pdata[i];

        assert_rows_equal (r, row_of (before, r->bot_id, r->product_id));
      }
  }
}

/* Windows take the deals closed in [from, to): at their edges, and the
 * dashboard's sums from whole days plus the part days. */
static void
test_periods (TestStore     *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStats) stats = NULL;
  gint64 now = 100 * DAY + 12 * 3600; /* noon of day 100 */
  gint64 bot = add_bot (f->store, "Gamma", "ETH-BTC");
  DcaPeriod day;
  const DcaStatsProfit *p;

  add_closed (f->store, bot, "ETH-BTC", now - 2 * DAY, now - DAY - 1, "1", "1.001");  /* just before 24 h */
  add_closed (f->store, bot, "ETH-BTC", now - 2 * DAY, now - DAY, "1", "1.002");      /* at the edge: in */
  add_closed (f->store, bot, "ETH-BTC", now - DAY, now - 3600, "1", "1.004");
  add_closed (f->store, bot, "ETH-BTC", now - 9 * DAY, now - 8 * DAY, "1", "1.008");   /* in 30 d, not 7 d */
  add_closed (f->store, bot, "ETH-BTC", now - 40 * DAY, now - 35 * DAY, "1", "0.984"); /* only all */

  g_assert_true (dca_period_parse ("24h", now, &day));
  g_assert_cmpint (day.from, ==, now - DAY);
  g_assert_cmpint (day.to, ==, now);
  g_assert_false (dca_period_parse ("1y", now, &day));
  {
    g_autoptr(GPtrArray) rows = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, &day, &error);

    g_assert_cmpuint (((DcaAnalyticsRow *) rows->pdata[0])->deals, ==, 2);
    assert_dec (((DcaAnalyticsRow *) rows->pdata[0])->total_profit, "0.006");
  }

  stats = dca_analytics_stats (f->store, now, NULL, &error);
  g_assert_no_error (error);
  p = stats->profit[0]->pdata[0];
  g_assert_cmpstr (p->currency, ==, "BTC");
  assert_dec (p->profit, "0.006");       /* 24 h */
  assert_dec (p->previous, "0.001");     /* the 24 h before */
  assert_dec (((DcaStatsProfit *) stats->profit[1]->pdata[0])->profit, "0.007");  /* 7 d */
  assert_dec (((DcaStatsProfit *) stats->profit[2]->pdata[0])->profit, "0.015");  /* 30 d: + the 9-day one */
  assert_dec (((DcaStatsProfit *) stats->profit[3]->pdata[0])->profit, "-0.001"); /* all */
  g_assert_cmpuint (stats->total_deals, ==, 5);
  g_assert_cmpuint (stats->active_deals, ==, 0);
  g_assert_true (stats->has_win_rate);
  g_assert_cmpfloat_with_epsilon (stats->win_rate, 80, 1e-9);
  g_assert_cmpstr (stats->best_bot, ==, "Gamma");
}

/* USD beside the profits: a dollar quote is its own USD; a BTC deal keeps
 * the BTC-USD price seen within an hour of its close; the USD figure of a
 * window is complete only when every deal had one. */
static void
test_usd (TestStore     *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStats) stats = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 t = 1000 * DAY;
  gint64 btc_bot = add_bot (f->store, "Bitcoin", "ETH-BTC");
  gint64 usd_bot = add_bot (f->store, "Dollar", "BTC-USD");
  const DcaAnalyticsRow *r;

  g_assert_true (dca_analytics_currency_is_usd ("USDC"));
  g_assert_false (dca_analytics_currency_is_usd ("BTC"));
  g_assert_true (dca_analytics_set_usd_rate (f->store, "BTC", dec ("20000"), t, &error));
  g_assert_no_error (error);
  add_closed (f->store, btc_bot, "ETH-BTC", t - 600, t + 100, "1", "1.002");          /* rate known */
  add_closed (f->store, usd_bot, "BTC-USD", t - 600, t + 200, "100", "103.5");        /* a dollar */
  add_closed (f->store, btc_bot, "ETH-BTC", t + 3600, t + 5 * 3600, "1", "1.001");    /* 5 h later: none */

  stats = dca_analytics_stats (f->store, t + 6 * 3600, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->profit[0]->len; i++)
    {
      const DcaStatsProfit *p = stats->profit[0]->pdata[i];

      if (g_str_equal (p->currency, "BTC"))
        {
          assert_dec (p->profit, "0.003");
          g_assert_cmpuint (p->deals, ==, 2);
          g_assert_cmpuint (p->usd_deals, ==, 1);
          assert_dec (p->profit_usd, "40");      /* 0.002 x 20000, the one it knows */
        }
      else
        {
          g_assert_cmpstr (p->currency, ==, "USD");
          g_assert_cmpuint (p->usd_deals, ==, p->deals);
          assert_dec (p->profit_usd, "3.5");
        }
    }
  /* all time, from the summaries: the same */
  for (guint i = 0; i < stats->profit[3]->len; i++)
    {
      const DcaStatsProfit *p = stats->profit[3]->pdata[i];

      if (g_str_equal (p->currency, "BTC"))
        {
          g_assert_cmpuint (p->usd_deals, ==, 1);
          assert_dec (p->profit_usd, "40");
        }
    }
  rows = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, NULL, &error);
  r = row_of (rows, usd_bot, NULL);
  g_assert_true (r->has_total_profit_usd);
  assert_dec (r->total_profit_usd, "3.5");
  r = row_of (rows, btc_bot, NULL);
  g_assert_false (r->has_total_profit_usd);
  g_assert_cmpuint (r->usd_deals, ==, 1);

  /* a rebuild finds the rate kept with the deal */
  g_assert_true (dca_analytics_rebuild (f->store, &error));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, NULL, &error);
  assert_dec (row_of (rows, btc_bot, NULL)->total_profit_usd, "40");
}

/* dcadesk-cli analytics and stats print what core computes; demo data
 * fills a store the summaries agree with. */
static void
test_cli_and_demo (TestStore     *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  g_autofree char *cli = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli", "dcadesk-cli", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "DCADESK_DATA_DIR", f->dir, TRUE);
  g_autoptr(JsonNode) json = NULL;
  DcaPeriod everything = { 1, 0 };
  int status;
  gint64 made;
  JsonArray *array;

  made = dca_demo_data_generate (f->store, NULL, 3000, 4, 6, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (made, ==, 3000);
  rows = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, NULL, &error);
  raw = dca_analytics_table (f->store, DCA_ANALYTICS_BOTS, &everything, &error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    assert_rows_equal (rows->pdata[i], row_of (raw, ((DcaAnalyticsRow *) rows->pdata[i])->bot_id, NULL));

  {
    const char *argv[] = { cli, "analytics", "bots", "--json", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  json = json_from_string (out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (array), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const DcaAnalyticsRow *r = rows->pdata[i];
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *profit = dca_decimal_to_string (r->total_profit);
      g_autofree char *dd = dca_decimal_to_string (r->max_drawdown);
      static const char *const keys[] = { "bot_id", "bot", "quote_currency", "deals", "wins", "losses", "win_rate",
                                          "total_profit", "avg_profit", "avg_profit_pct", "avg_duration_s",
                                          "max_drawdown", "max_drawdown_pct", "sharpe", "sortino",
                                          "profit_factor", "expectancy", "fees", "roi_pct" };

      g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (keys));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (o, keys[k]));
      g_assert_cmpint (json_object_get_int_member (o, "bot_id"), ==, r->bot_id);
      g_assert_cmpstr (json_object_get_string_member (o, "bot"), ==, r->bot_name);
      g_assert_cmpstr (json_object_get_string_member (o, "total_profit"), ==, profit);
      g_assert_cmpstr (json_object_get_string_member (o, "max_drawdown"), ==, dd);
      g_assert_cmpint (json_object_get_int_member (o, "deals"), ==, r->deals);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "win_rate"), r->win_rate, 1e-9);
      if (r->has_sharpe)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "sharpe"), r->sharpe, 1e-9);
      else
        g_assert_true (json_object_get_null_member (o, "sharpe"));
    }

  /* bad input: one line naming it, exit 2 */
  {
    const char *argv[] = { cli, "analytics", "coins", NULL };
    g_autofree char *o2 = NULL;
    g_autofree char *e2 = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &o2, &e2, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (e2, "coins"));
  }
  {
    const char *argv[] = { cli, "stats", "--period", "1y", NULL };
    g_autofree char *o2 = NULL;
    g_autofree char *e2 = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &o2, &e2, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
    g_assert_nonnull (strstr (e2, "1y"));
  }
  {
    const char *argv[] = { cli, "stats", "--json", NULL };
    g_autofree char *o2 = NULL;
    g_autoptr(JsonNode) stats = NULL;
    JsonObject *obj;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &o2, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    stats = json_from_string (o2, &error);
    g_assert_no_error (error);
    obj = json_node_get_object (stats);
    g_assert_cmpint (json_object_get_int_member (obj, "total_deals"), ==, 3000);
    g_assert_true (json_object_has_member (json_object_get_object_member (obj, "profit"), "all"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analytics/formulas", test_formulas);
  g_test_add_func ("/analytics/edge-cases", test_edge_cases);
  g_test_add ("/analytics/summaries", TestStore, NULL, test_store_set_up, test_summaries, test_store_tear_down);
  g_test_add ("/analytics/periods", TestStore, NULL, test_store_set_up, test_periods, test_store_tear_down);
  g_test_add ("/analytics/usd", TestStore, NULL, test_store_set_up, test_usd, test_store_tear_down);
  g_test_add ("/analytics/cli-and-demo", TestStore, NULL, test_store_set_up, test_cli_and_demo, test_store_tear_down);
  return g_test_run ();
}
