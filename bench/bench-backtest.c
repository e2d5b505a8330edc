/* bench-backtest.c: backtest throughput and memory
 *
 * conditional_dca with three indicator conditions (RSI, MACD, Bollinger) over
 * millions of 5-minute candles resampled from the real returns of the bundled
 * data.  Prints candles per second on one core, and how much memory the run
 * takes beyond the candle array, for two sizes: it should not grow with the
 * number of candles.
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "dca-backtest.h"

static const char *const bot_json =
  "{\"version\": \"1.0\", \"bot\": {\"name\": \"bench: RSI entry, MACD-filtered safety orders, Bollinger exit\","
  " \"strategy_type\": \"conditional_dca\", \"product_ids\": [\"ETH-BTC\"],"
  " \"strategy_config\": {\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.1,"
  "  \"max_safety_orders\": 4, \"price_deviation\": 1.0, \"safety_order_step_scale\": 1.2,"
  "  \"safety_order_volume_scale\": 1.5, \"take_profit_percentage\": 2.5, \"stop_loss_enabled\": true,"
  "  \"stop_loss_percentage\": -15, \"min_profit_for_conditions\": 0.4,"
  "  \"base_order_conditions\": [{\"type\": \"rsi\", \"operator\": \"crossing_above\", \"value\": 35,"
  "    \"timeframe\": \"FIVE_MINUTE\", \"period\": 14}],"
  "  \"safety_order_conditions\": [{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0,"
  "    \"timeframe\": \"FIVE_MINUTE\"}],"
  "  \"take_profit_conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
  "    \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}]}}}";

static const char *const plain_bot_json =
  "{\"version\": \"1.0\", \"bot\": {\"name\": \"bench: no conditions\","
  " \"strategy_type\": \"conditional_dca\", \"product_ids\": [\"ETH-BTC\"],"
  " \"strategy_config\": {\"base_order_percentage\": 20, \"max_safety_orders\": 4,"
  "  \"price_deviation\": 1.0, \"take_profit_percentage\": 2.5}}}";

static long
max_rss_kib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void
run_once (const char            *label,
          const char            *json,
          const DcaCandleSeries *candles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotConfig) bot = dca_bot_config_parse_export (json, -1, &error);
  DcaBacktestPair pair = { "ETH-BTC", candles };
  g_autoptr(DcaBacktestResult) result = NULL;
  DcaBacktestOptions options;
  gsize report_bytes = 0;
  double best = 0;
  long rss_before, rss_after;

  g_assert_no_error (error);
  /* fixed order sizes on a deep account: the bot trades all the way through
   * rather than stopping once a losing streak has spent its balance */
  dca_backtest_options_init (&options);
  options.start_balance = dca_decimal_from_int (1000);
  rss_before = max_rss_kib ();
  /* best of three: the figure is the machine's, not the scheduler's */
  for (int rep = 0; rep < 3; rep++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gint64 t1;

      g_clear_pointer (&result, dca_backtest_result_free);
      result = dca_backtest_run (bot, &pair, 1, &options, NULL, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      best = MAX (best, (double) candles->len / ((double) (t1 - t0) / 1e6));
    }
  rss_after = max_rss_kib ();

  /* What the report itself holds: every deal with its fills.  It grows with
   * the deals a run makes, not with the candles it reads. */
  for (guint i = 0; i < result->deals->len; i++)
    {
      DcaBacktestDeal *d = g_ptr_array_index (result->deals, i);

      report_bytes += sizeof (*d) + sizeof (gpointer) + strlen (d->product_id) + 1 +
                      sizeof (GArray) + 16 +
                      (1u << g_bit_storage (MAX (d->fills->len, 1))) * sizeof (DcaFill);
    }

  printf ("  %-30s %8zu candles %10.1f M candles/s %6u deals   peak +%6.2f MiB (deals kept <= %5.2f MiB)\n",
          label, candles->len, best / 1e6, result->deals->len, (rss_after - rss_before) / 1024.0,
          report_bytes / 1048576.0);
}

int
main (int   argc,
      char *argv[])
{
  static const gsize sizes[] = { 1000000, 4000000 };

  bench_print_machine ("backtest");
  printf ("  candle array: %zu bytes per candle; \"peak +\" is the peak resident memory the runs\n"
          "  added beyond it, \"deals kept\" an upper bound of what the report's deals and fills take\n", sizeof (DcaCandle));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(DcaCandleSeries) candles = bench_synthetic_candles (sizes[i], 42);

      run_once ("3 conditions (RSI, MACD, %B)", bot_json, candles);
      run_once ("no conditions", plain_bot_json, candles);
    }
  return 0;
}
