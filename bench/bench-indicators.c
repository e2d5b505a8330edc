/* bench-indicators.c: indicator and signal-bank throughput
 *
 * Each streaming indicator alone, then the signal bank as the backtester
 * drives it: push_base + eval per candle for RSI, MACD and Bollinger
 * conditions on 5-minute candles, bound as one list of three and as three
 * one-condition lists (the base order, safety order and take-profit phases),
 * and with conditions on longer timeframes built from the 5-minute candles.
 * Prints candles per second on one core, best of three runs.
 */
#define G_LOG_DOMAIN "dca-bench"

#include "config.h"

#include <stdio.h>

#include "bench-common.h"
#include "dca-conditions.h"
#include "dca-indicators.h"

#define N_CANDLES 2000000

typedef double (*RunFunc) (const DcaCandleSeries *series);

/* Results feed a sink so that no loop can be optimised away. */
static volatile double sink;

static double
run_sma (const DcaCandleSeries *series)
{
  DcaSma x;
  double acc = 0;

  dca_sma_init (&x, 20);
  for (gsize i = 0; i < series->len; i++)
    if (dca_sma_update (&x, series->candles[i].close))
      acc += x.value;
  dca_sma_clear (&x);
  return acc;
}

static double
run_ema (const DcaCandleSeries *series)
{
  DcaEma x;
  double acc = 0;

  dca_ema_init (&x, 20);
  for (gsize i = 0; i < series->len; i++)
    if (dca_ema_update (&x, series->candles[i].close))
      acc += x.value;
  return acc;
}

static double
run_rsi (const DcaCandleSeries *series)
{
  DcaRsi x;
  double acc = 0;

  dca_rsi_init (&x, 14);
  for (gsize i = 0; i < series->len; i++)
    if (dca_rsi_update (&x, series->candles[i].close))
      acc += x.value;
  return acc;
}

static double
run_macd (const DcaCandleSeries *series)
{
  DcaMacd x;
  double acc = 0;

  dca_macd_init (&x, 12, 26, 9);
  for (gsize i = 0; i < series->len; i++)
    if (dca_macd_update (&x, series->candles[i].close))
      acc += x.histogram;
  return acc;
}

static double
run_bollinger (const DcaCandleSeries *series)
{
  DcaBollinger x;
  double acc = 0;

  dca_bollinger_init (&x, 20, 2);
  for (gsize i = 0; i < series->len; i++)
    if (dca_bollinger_update (&x, series->candles[i].close))
      acc += x.percent_b;
  dca_bollinger_clear (&x);
  return acc;
}

static double
run_stochastic (const DcaCandleSeries *series)
{
  DcaStochastic x;
  double acc = 0;

  dca_stochastic_init (&x, 14);
  for (gsize i = 0; i < series->len; i++)
    {
      const DcaCandle *c = &series->candles[i];

      if (dca_stochastic_update (&x, c->high, c->low, c->close))
        acc += x.k + x.d;
    }
  dca_stochastic_clear (&x);
  return acc;
}

static double
run_price_change (const DcaCandleSeries *series)
{
  DcaPriceChange x;
  double acc = 0;

  dca_price_change_init (&x, 1);
  for (gsize i = 0; i < series->len; i++)
    if (dca_price_change_update (&x, series->candles[i].close))
      acc += x.value;
  dca_price_change_clear (&x);
  return acc;
}

#define RSI_CONDITION \
  "{\"type\": \"rsi\", \"operator\": \"crossing_above\", \"value\": 35, \"timeframe\": \"%s\", \"period\": 14}"
#define MACD_CONDITION \
  "{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"%s\"}"
#define BB_CONDITION \
  "{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95, \"timeframe\": \"%s\"," \
  " \"period\": 20, \"std_dev\": 2}"

static DcaConditionList *
list_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  DcaConditionList *list;

  g_assert_no_error (error);
  list = dca_condition_list_parse (node, DCA_LOGIC_AND, "bench", &error);
  g_assert_no_error (error);
  return list;
}

static double
run_bank (const DcaCandleSeries *series,
          const char *const     *lists,
          guint                  n_lists)
{
  g_autoptr(DcaSignals) bank = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  int handles[3];
  double held = 0;

  g_assert (n_lists <= G_N_ELEMENTS (handles));
  for (guint i = 0; i < n_lists; i++)
    {
      g_autoptr(DcaConditionList) list = list_of (lists[i]);
      g_autoptr(GError) error = NULL;

      handles[i] = dca_signals_bind (bank, list, &error);
      g_assert_no_error (error);
    }

  for (gsize i = 0; i < series->len; i++)
    {
      dca_signals_push_base (bank, &series->candles[i]);
      for (guint l = 0; l < n_lists; l++)
        held += dca_signals_eval (bank, handles[l]);
    }
  return held;
}

static const char *one_list[1];
static const char *three_lists[3];
static const char *multi_timeframe[1];

static double
run_bank_one_list (const DcaCandleSeries *series)
{
  return run_bank (series, one_list, 1);
}

static double
run_bank_three_lists (const DcaCandleSeries *series)
{
  return run_bank (series, three_lists, 3);
}

static double
run_bank_multi_timeframe (const DcaCandleSeries *series)
{
  return run_bank (series, multi_timeframe, 1);
}

static void
measure (const char            *label,
         RunFunc                run,
         const DcaCandleSeries *series)
{
  double best = G_MAXDOUBLE;

  for (int rep = 0; rep < 3; rep++)
    {
      gint64 t0 = g_get_monotonic_time ();

      sink = run (series);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  printf ("  %-58s %12.0f candles/s  %6.1f ns/candle\n", label, series->len / best,
          best * 1e9 / series->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DcaCandleSeries) series = NULL;
  g_autofree char *one = g_strdup_printf ("[" RSI_CONDITION ", " MACD_CONDITION ", " BB_CONDITION "]",
                                          "5m", "5m", "5m");
  g_autofree char *rsi = g_strdup_printf ("[" RSI_CONDITION "]", "5m");
  g_autofree char *macd = g_strdup_printf ("[" MACD_CONDITION "]", "5m");
  g_autofree char *bb = g_strdup_printf ("[" BB_CONDITION "]", "5m");
  g_autofree char *multi = g_strdup_printf ("[" RSI_CONDITION ", " MACD_CONDITION ", " BB_CONDITION "]",
                                            "1h", "15m", "5m");

  one_list[0] = one;
  three_lists[0] = rsi;
  three_lists[1] = macd;
  three_lists[2] = bb;
  multi_timeframe[0] = multi;

  bench_print_machine ("indicators");
  series = bench_synthetic_candles (N_CANDLES, 42);
  printf ("  %d synthetic 5-minute candles, best of 3 runs\n", N_CANDLES);

  measure ("SMA(20)", run_sma, series);
  measure ("EMA(20)", run_ema, series);
  measure ("RSI(14)", run_rsi, series);
  measure ("MACD(12, 26, 9)", run_macd, series);
  measure ("Bollinger(20, 2)", run_bollinger, series);
  measure ("Stochastic(14) %K and %D", run_stochastic, series);
  measure ("price change(1)", run_price_change, series);
  measure ("push_base + eval: 1 list of RSI, MACD, %B (5m)", run_bank_one_list, series);
  measure ("push_base + eval: 3 lists, RSI | MACD | %B (5m)", run_bank_three_lists, series);
  measure ("push_base + eval: RSI 1h, MACD 15m, %B 5m from 5m", run_bank_multi_timeframe, series);
  return 0;
}
