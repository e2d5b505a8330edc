/* test-backtest.c: the backtester reproduces the worked examples of
 * shared/spec/examples exactly, and behaves on several pairs */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dca-backtest.h"
#include "dca-json.h"
#include "test-util.h"

static DcaBotConfig *
load_bot (const char *rel)
{
  g_autofree char *path = test_source_path (rel);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  DcaBotConfig *bot;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  bot = dca_bot_config_parse_export (text, -1, &error);
  g_assert_no_error (error);
  return bot;
}

static DcaCandleSeries *
load_candles (const char *rel)
{
  g_autofree char *path = test_source_path (rel);
  g_autoptr(GError) error = NULL;
  DcaCandleSeries *s = dca_candle_series_load_csv (path, &error);

  g_assert_no_error (error);
  return s;
}

static void
check_example (const char *bot_rel,
               const char *pair,
               const char *candles_rel,
               const char *balance,
               const char *fee,
               const char *report_rel)
{
  g_autoptr(DcaBotConfig) bot = load_bot (bot_rel);
  g_autoptr(DcaCandleSeries) candles = load_candles (candles_rel);
  DcaBacktestPair pairs[1] = { { pair, candles } };
  DcaBacktestOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBacktestResult) result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *report_path = test_source_path (report_rel);
  g_autofree char *report = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;

  dca_backtest_options_init (&options);
  if (balance)
    g_assert_true (dca_decimal_parse (balance, &options.start_balance, NULL));
  if (fee)
    g_assert_true (dca_decimal_parse (fee, &options.fee_rate, NULL));

  result = dca_backtest_run (bot, pairs, 1, &options, NULL, &error);
  g_assert_no_error (error);
  json = dca_backtest_result_to_json (result, TRUE);

  g_assert_true (g_file_get_contents (report_path, &report, NULL, &error));
  expected = dca_json_parse (report, -1, &error);
  g_assert_no_error (error);
  actual = dca_json_parse (json, -1, &error);
  g_assert_no_error (error);
  test_compare_json (expected, actual, "report");
}

static void
test_ladder_example (void)
{
  check_example ("tests/fixtures/examples/ladder-bot.json", "TEST-USD",
                 "tests/fixtures/examples/ladder-candles.csv", "10000", "0.001",
                 "tests/fixtures/examples/ladder-report.json");
}

static void
test_conditions_example (void)
{
  check_example ("tests/fixtures/examples/conditions-bot.json", "ETH-BTC",
                 "data/market/ETH-BTC-5m.csv", NULL, NULL,
                 "tests/fixtures/examples/conditions-report.json");
}

/* Several pairs: merged by close time, one balance, max_concurrent_deals
 * across all pairs, and the same result every time. */
static void
test_several_pairs (void)
{
  g_autoptr(DcaBotConfig) bot = load_bot ("data/bots/altcoin-dip-buyer.json");
  g_autoptr(DcaCandleSeries) eth = load_candles ("data/market/ETH-BTC-5m.csv");
  g_autoptr(DcaCandleSeries) ltc = load_candles ("data/market/LTC-BTC-5m.csv");
  g_autoptr(DcaCandleSeries) xmr = load_candles ("data/market/XMR-BTC-5m.csv");
  DcaBacktestPair pairs[3] = { { "XMR-BTC", xmr }, { "ETH-BTC", eth }, { "LTC-BTC", ltc } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBacktestResult) a = NULL;
  g_autoptr(DcaBacktestResult) b = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  gint64 last_time = 0;
  DcaDecimal balance = dca_decimal_from_int (1);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DcaFill));
  guint max_open = 0;

  a = dca_backtest_run (bot, pairs, 3, NULL, NULL, &error);
  g_assert_no_error (error);
  b = dca_backtest_run (bot, pairs, 3, NULL, NULL, &error);
  g_assert_no_error (error);
  ja = dca_backtest_result_to_json (a, FALSE);
  jb = dca_backtest_result_to_json (b, FALSE);
  g_assert_cmpstr (ja, ==, jb);

  g_assert_cmpuint (a->candles, ==, eth->len + ltc->len + xmr->len);
  g_assert_cmpuint (a->deals->len, >, 5);

  /* deals come in the order they opened, and all three pairs trade */
  {
    gboolean seen[3] = { FALSE, FALSE, FALSE };

    for (guint i = 0; i < a->deals->len; i++)
      {
        DcaBacktestDeal *d = g_ptr_array_index (a->deals, i);

        g_assert_cmpint (d->state.opened_at, >=, last_time);
        last_time = d->state.opened_at;
        seen[0] |= strcmp (d->product_id, "ETH-BTC") == 0;
        seen[1] |= strcmp (d->product_id, "LTC-BTC") == 0;
        seen[2] |= strcmp (d->product_id, "XMR-BTC") == 0;
      }
    g_assert_true (seen[0] && seen[1] && seen[2]);
  }

  /* replaying every fill in time order gives the end balance exactly, and
   * never more than max_concurrent_deals (2) open at once */
  for (guint i = 0; i < a->deals->len; i++)
    {
      DcaBacktestDeal *d = g_ptr_array_index (a->deals, i);

      g_array_append_vals (events, d->fills->data, d->fills->len);
    }
  for (guint i = 0; i < events->len; i++)
    {
      DcaFill *f = &g_array_index (events, DcaFill, i);

      if (f->side == DCA_SIDE_BUY)
        balance = dca_decimal_sub (balance, f->quote);
      else
        balance = dca_decimal_add (balance, f->quote);
    }
  g_assert_true (dca_decimal_eq (balance, a->end_balance));
  for (guint i = 0; i < a->deals->len; i++)
    {
      DcaBacktestDeal *d = g_ptr_array_index (a->deals, i);
      guint open = 0;

      for (guint j = 0; j < a->deals->len; j++)
        {
          DcaBacktestDeal *o = g_ptr_array_index (a->deals, j);

          if (o->state.opened_at <= d->state.opened_at &&
              (o->state.status == DCA_DEAL_STATUS_OPEN || o->state.closed_at > d->state.opened_at))
            open++;
        }
      max_open = MAX (max_open, open);
    }
  g_assert_cmpuint (max_open, <=, 2);
  g_assert_cmpuint (max_open, ==, 2);
}

static void
test_errors (void)
{
  g_autoptr(DcaBotConfig) bot = load_bot ("tests/fixtures/examples/conditions-bot.json");
  g_autoptr(DcaCandleSeries) eth = load_candles ("data/market/ETH-BTC-5m.csv");
  g_autoptr(DcaCandleSeries) one_minute = load_candles ("data/market/ETH-BTC-1m.csv");
  DcaBacktestPair wrong[1] = { { "LTC-BTC", eth } };
  DcaBacktestPair none[1] = { { "ETH-BTC", NULL } };
  g_autoptr(GError) error = NULL;
  DcaBacktestResult *r;

  r = dca_backtest_run (bot, wrong, 1, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_PAIRS);
  g_assert_nonnull (strstr (error->message, "unknown pair LTC-BTC"));
  g_clear_error (&error);

  r = dca_backtest_run (bot, none, 1, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "no candles for ETH-BTC"));
  g_clear_error (&error);

  /* 1-minute candles can drive 5-minute conditions: built from closed candles */
  {
    DcaBacktestPair p[1] = { { "ETH-BTC", one_minute } };

    r = dca_backtest_run (bot, p, 1, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (r);
    dca_backtest_result_free (r);
  }
}

static void
test_cancel (void)
{
  g_autoptr(DcaBotConfig) bot = load_bot ("tests/fixtures/examples/conditions-bot.json");
  g_autoptr(DcaCandleSeries) big = dca_candle_series_new ();
  g_autoptr(DcaCandleSeries) eth = load_candles ("data/market/ETH-BTC-5m.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  DcaBacktestPair p[1];

  /* enough candles to pass a cancellation check */
  for (guint k = 0; k < 30; k++)
    for (gsize i = 0; i < eth->len; i++)
      {
        DcaCandle c = eth->candles[i];

        c.time += (gint64) k * 3600 * 24 * 30;
        dca_candle_series_append (big, &c);
      }
  dca_candle_series_update_granularity (big);
  p[0].product_id = "ETH-BTC";
  p[0].candles = big;
  g_cancellable_cancel (cancellable);
  g_assert_null (dca_backtest_run (bot, p, 1, NULL, cancellable, &error));
  g_assert_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backtest/ladder-example", test_ladder_example);
  g_test_add_func ("/backtest/conditions-example", test_conditions_example);
  g_test_add_func ("/backtest/several-pairs", test_several_pairs);
  g_test_add_func ("/backtest/errors", test_errors);
  g_test_add_func ("/backtest/cancel", test_cancel);

  return g_test_run ();
}
