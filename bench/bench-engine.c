/* bench-engine.c: the CPU time of one engine tick
 *
 * 200 running bots, 5 pairs each (conditional_dca with an RSI entry and a
 * MACD filter on safety orders, check interval 5 minutes), on the paper
 * exchange over the bundled replay market: the cost of a tick once the
 * candles are cached, with the deals the bots open and close on the way
 * (orders, fills and their transactions included).  Goal: under 20 ms.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "dca-bot.h"
#include "dca-engine.h"
#include "dca-replay-market.h"

#define N_BOTS  200
#define N_PAIRS 5
#define N_TICKS 288 /* one day of 5-minute candles */

static const char *const all_pairs[] = {
  "ETH-BTC", "LTC-BTC", "XMR-BTC", "ADA-BTC", "DASH-BTC", "ETC-BTC", "TRX-BTC", "XLM-BTC", "ZEC-BTC",
};

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-bench-engine-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autofree char *market_dir = g_build_filename (DCA_SOURCE_DATADIR, "market", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(DcaReplayMarket) market = NULL;
  g_autoptr(DcaEngineStatus) status = NULL;
  gint64 start, warm_us = 0, total = 0;
  g_autofree char *cmd = NULL;

  bench_print_machine ("engine");

  market = dca_replay_market_new (market_dir, &error);
  if (market == NULL)
    g_error ("bench: %s", error->message);
  start = dca_replay_market_get_start_time (market) + 3 * 86400;

  {
    g_autoptr(DcaStore) store = dca_store_open (store_path, &error);

    if (store == NULL)
      g_error ("bench: %s", error->message);
    dca_store_begin (store, NULL);
    for (guint b = 0; b < N_BOTS; b++)
      {
        g_autofree char *json = NULL;
        g_autoptr(DcaBotConfig) config = NULL;
        g_autoptr(DcaBotRecord) record = NULL;
        GString *pairs = g_string_new (NULL);

        for (guint p = 0; p < N_PAIRS; p++)
          g_string_append_printf (pairs, "%s\"%s\"", p ? ", " : "",
                                  all_pairs[(b + p * 2) % G_N_ELEMENTS (all_pairs)]);
        json = g_strdup_printf (
          "{\"version\": \"1.0\", \"bot\": {\"name\": \"bench %u\", \"strategy_type\": \"conditional_dca\","
          " \"product_ids\": [%s], \"check_interval_seconds\": 300,"
          " \"strategy_config\": {\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.001,"
          "  \"max_concurrent_deals\": 5, \"max_safety_orders\": 3, \"price_deviation\": %u.5,"
          "  \"take_profit_percentage\": 1.%u,"
          "  \"base_order_conditions\": [{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": %u,"
          "    \"timeframe\": \"FIVE_MINUTE\", \"period\": 14}],"
          "  \"safety_order_conditions\": [{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0,"
          "    \"timeframe\": \"FIVE_MINUTE\"}]}}}",
          b, pairs->str, 1 + b % 3, b % 10, 35 + b % 20);
        g_string_free (pairs, TRUE);
        config = dca_bot_config_parse_export (json, -1, &error);
        if (config == NULL)
          g_error ("bench: %s", error->message);
        record = dca_bot_record_from_config (config);
        record->running = TRUE;
        if (dca_store_insert_bot (store, record, &error) <= 0)
          g_error ("bench: %s", error->message);
      }
    dca_store_commit (store, NULL);
  }

  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (store_path);
  settings.replay_dir = g_strdup (market_dir);
  /* enough for every bot to trade all the time */
  dca_paper_settings_set_balance (&settings.paper, "BTC", dca_decimal_from_int (1000));
  engine = dca_engine_new (&settings);

  /* the first tick loads the bots and the candles of 3 days */
  if (!dca_engine_run_tick_here (engine, start, &warm_us, &error))
    g_error ("bench: %s", error->message);
  for (guint i = 1; i <= N_TICKS; i++)
    {
      gint64 us = 0;

      if (!dca_engine_run_tick_here (engine, start + i * 300, &us, &error))
        g_error ("bench: %s", error->message);
      g_array_append_val (times, us);
      total += us;
    }
  g_array_sort (times, compare_gint64);
  status = dca_engine_get_status (engine);

  printf ("  %u bots x %u pairs, check interval 5 min, paper exchange, replay market\n", N_BOTS, N_PAIRS);
  printf ("  first tick (loads bots, 3 days of candles, warms %u signal banks): %8.1f ms\n",
          N_BOTS * N_PAIRS, warm_us / 1000.0);
  printf ("  tick, CPU time over %u ticks:  mean %.2f ms   median %.2f ms   p95 %.2f ms   max %.2f ms\n",
          N_TICKS, total / 1000.0 / N_TICKS, g_array_index (times, gint64, N_TICKS / 2) / 1000.0,
          g_array_index (times, gint64, N_TICKS * 95 / 100) / 1000.0,
          g_array_index (times, gint64, N_TICKS - 1) / 1000.0);
  {
    g_autoptr(DcaStore) store = dca_store_open (store_path, NULL);
    DcaDealFilter all = { 0 };
    DcaDealFilter closed = { 0 };

    closed.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
    printf ("  deals opened %" G_GINT64_FORMAT ", closed %" G_GINT64_FORMAT ", open at the end %u "
            "(each order: three commits, order, exchange, fill)\n",
            dca_store_count_deals (store, &all, NULL), dca_store_count_deals (store, &closed, NULL),
            status->open_deals);
  }
  printf ("  goal: a tick under 20 ms of CPU\n");

  g_clear_object (&engine);
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_warning ("could not remove %s", dir);
  return 0;
}
