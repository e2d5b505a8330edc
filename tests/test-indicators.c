/* test-indicators.c: streaming indicators against independent references
 *
 * The fixtures under fixtures/indicators/ hold, for every candle of
 * data/market/ETH-BTC-5m.csv, the values that the npm libraries
 * technicalindicators and trading-signals compute (see
 * tools/indicator-fixtures/generate.mjs), null while an indicator lacks
 * history.  Each indicator must be ready at exactly the same candle and agree
 * to 1e-9 of the value (or to the reference's own rounding).
 */
#define G_LOG_DOMAIN "test-indicators"

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "dca-candles.h"
#include "dca-indicators.h"

#define REL_TOLERANCE 1e-9

static DcaCandleSeries *eth_btc;

static DcaCandleSeries *
load_candles (void)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  DcaCandleSeries *series;

  if (root != NULL)
    path = g_build_filename (root, "data", "market", "ETH-BTC-5m.csv", NULL);
  else
    path = g_build_filename (DCA_SOURCE_DATADIR, "market", "ETH-BTC-5m.csv", NULL);
  series = dca_candle_series_load_csv (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, >, 1000);
  return series;
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "indicators", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "source"), ==, "data/market/ETH-BTC-5m.csv");
  g_assert_cmpint (json_object_get_int_member (root, "candles"), ==, eth_btc->len);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
param (JsonObject *series,
       const char *name)
{
  g_assert_true (json_object_has_member (series, name));
  return (guint) json_object_get_int_member (series, name);
}

/* Values that pass through zero (MACD) have no meaningful relative error
 * there, so the tolerance also allows 1e-9 of the series' largest value. */
static void
compare_series (const char     *what,
                JsonArray      *expected,
                const double   *mine,
                const gboolean *ready,
                gsize           n,
                double          rounding)
{
  double scale = 0, worst = 0;
  gsize checked = 0;

  g_assert_cmpuint (json_array_get_length (expected), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (expected, i);

      if (!JSON_NODE_HOLDS_NULL (e))
        scale = MAX (scale, fabs (json_node_get_double (e)));
    }

  for (gsize i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (expected, i);
      double want, diff, allowed;

      if (JSON_NODE_HOLDS_NULL (e) != !ready[i])
        g_error ("%s: candle %" G_GSIZE_FORMAT ": reference %s, ours %s", what, i,
                 JSON_NODE_HOLDS_NULL (e) ? "not ready" : "ready", ready[i] ? "ready" : "not ready");
      if (!ready[i])
        continue;
      want = json_node_get_double (e);
      diff = fabs (mine[i] - want);
      if (rounding > 0)
        allowed = rounding / 2 + 1e-9; /* the reference rounds to the nearest `rounding` */
      else
        allowed = REL_TOLERANCE * MAX (MAX (fabs (want), fabs (mine[i])), scale * 1e-3);
      if (!(diff <= allowed))
        g_error ("%s: candle %" G_GSIZE_FORMAT ": reference %.17g, ours %.17g", what, i, want, mine[i]);
      worst = MAX (worst, diff / allowed);
      checked++;
    }
  g_assert_cmpuint (checked, >, n / 2);
  g_test_message ("%s: %" G_GSIZE_FORMAT " values, worst %.3g of the tolerance", what, checked, worst);
}

typedef struct
{
  double   *values;
  gboolean *ready;
  gsize     n;
} Run;

static void
run_init (Run *run)
{
  run->n = eth_btc->len;
  run->values = g_new0 (double, run->n);
  run->ready = g_new0 (gboolean, run->n);
}

static void
run_clear (Run *run)
{
  g_free (run->values);
  g_free (run->ready);
}

/* Runs every series of a fixture file through `compute`; returns how many. */
typedef void (*ComputeFunc) (JsonObject *series,
                             Run        *run);

static guint
check_fixture (const char  *file,
               ComputeFunc  compute)
{
  g_autoptr(JsonNode) root = load_fixture (file);
  JsonArray *all = json_object_get_array_member (json_node_get_object (root), "series");
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *series = json_array_get_object_element (all, i);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonObject) label = json_object_new ();
      g_autoptr(JsonNode) label_node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *what = NULL;
      double rounding = 0;
      Run run;

      g_autoptr(GList) members = json_object_get_members (series);

      /* the series' parameters, without its values, name it in messages */
      for (GList *m = members; m != NULL; m = m->next)
        if (!g_str_equal (m->data, "values"))
          json_object_set_member (label, m->data,
                                  json_node_copy (json_object_get_member (series, m->data)));
      json_node_set_object (label_node, label);
      json_generator_set_root (gen, label_node);
      what = json_generator_to_data (gen, NULL);

      if (json_object_has_member (series, "rounding"))
        rounding = pow (10, -(double) json_object_get_int_member (series, "rounding"));
      run_init (&run);
      compute (series, &run);
      compare_series (what, json_object_get_array_member (series, "values"), run.values, run.ready,
                      run.n, rounding);
      run_clear (&run);
      count++;
    }
  return count;
}

static void
compute_moving_average (JsonObject *series,
                        Run        *run)
{
  const char *indicator = json_object_get_string_member (series, "indicator");
  guint period = param (series, "period");

  if (g_str_equal (indicator, "sma"))
    {
      DcaSma sma;

      dca_sma_init (&sma, period);
      for (gsize i = 0; i < run->n; i++)
        {
          run->ready[i] = dca_sma_update (&sma, eth_btc->candles[i].close);
          run->values[i] = sma.value;
        }
      dca_sma_clear (&sma);
    }
  else
    {
      DcaEma ema;

      g_assert_cmpstr (indicator, ==, "ema");
      dca_ema_init (&ema, period);
      for (gsize i = 0; i < run->n; i++)
        {
          run->ready[i] = dca_ema_update (&ema, eth_btc->candles[i].close);
          run->values[i] = ema.value;
        }
    }
}

static void
test_moving_averages (void)
{
  g_assert_cmpuint (check_fixture ("moving-averages.json", compute_moving_average), ==, 5);
}

static void
compute_rsi (JsonObject *series,
             Run        *run)
{
  DcaRsi rsi;

  g_assert_cmpstr (json_object_get_string_member (series, "indicator"), ==, "rsi");
  dca_rsi_init (&rsi, param (series, "period"));
  for (gsize i = 0; i < run->n; i++)
    {
      run->ready[i] = dca_rsi_update (&rsi, eth_btc->candles[i].close);
      run->values[i] = rsi.value;
    }
}

static void
test_rsi (void)
{
  /* two periods, each unrounded (trading-signals) and rounded to 2
   * decimals (technicalindicators) */
  g_assert_cmpuint (check_fixture ("rsi.json", compute_rsi), ==, 4);
}

static void
compute_macd (JsonObject *series,
              Run        *run)
{
  const char *output = json_object_get_string_member (series, "output");
  DcaMacd macd;

  dca_macd_init (&macd, param (series, "fast_period"), param (series, "slow_period"),
                 param (series, "signal_period"));
  for (gsize i = 0; i < run->n; i++)
    {
      gboolean ready = dca_macd_update (&macd, eth_btc->candles[i].close);

      if (g_str_equal (output, "line"))
        {
          run->ready[i] = macd.line_ready;
          run->values[i] = macd.line;
        }
      else if (g_str_equal (output, "signal"))
        {
          run->ready[i] = ready;
          run->values[i] = macd.signal;
        }
      else
        {
          g_assert_cmpstr (output, ==, "histogram");
          run->ready[i] = ready;
          run->values[i] = macd.histogram;
        }
    }
}

static void
test_macd (void)
{
  g_assert_cmpuint (check_fixture ("macd.json", compute_macd), ==, 6);
}

static void
compute_bollinger (JsonObject *series,
                   Run        *run)
{
  DcaBollinger bb;

  g_assert_cmpstr (json_object_get_string_member (series, "output"), ==, "percent_b");
  dca_bollinger_init (&bb, param (series, "period"), json_object_get_double_member (series, "std_dev"));
  for (gsize i = 0; i < run->n; i++)
    {
      run->ready[i] = dca_bollinger_update (&bb, eth_btc->candles[i].close);
      run->values[i] = bb.percent_b;
    }
  dca_bollinger_clear (&bb);
}

static void
test_bollinger (void)
{
  g_assert_cmpuint (check_fixture ("bollinger.json", compute_bollinger), ==, 2);
}

static void
compute_stochastic (JsonObject *series,
                    Run        *run)
{
  gboolean want_d = g_str_equal (json_object_get_string_member (series, "output"), "d");
  DcaStochastic st;

  dca_stochastic_init (&st, param (series, "period"));
  for (gsize i = 0; i < run->n; i++)
    {
      const DcaCandle *c = &eth_btc->candles[i];
      gboolean ready = dca_stochastic_update (&st, c->high, c->low, c->close);

      run->ready[i] = want_d ? st.d_ready : ready;
      run->values[i] = want_d ? st.d : st.k;
    }
  dca_stochastic_clear (&st);
}

static void
test_stochastic (void)
{
  g_assert_cmpuint (check_fixture ("stochastic.json", compute_stochastic), ==, 4);
}

static void
compute_price_change (JsonObject *series,
                      Run        *run)
{
  DcaPriceChange pc;

  dca_price_change_init (&pc, param (series, "period"));
  for (gsize i = 0; i < run->n; i++)
    {
      run->ready[i] = dca_price_change_update (&pc, eth_btc->candles[i].close);
      run->values[i] = pc.value;
    }
  dca_price_change_clear (&pc);
}

static void
test_price_change (void)
{
  g_assert_cmpuint (check_fixture ("price-change.json", compute_price_change), ==, 2);
}

/* Edge cases ----------------------------------------------------------- */

static void
test_flat_prices (void)
{
  DcaRsi rsi;
  DcaBollinger bb;
  DcaStochastic st;
  DcaMacd macd;
  DcaSma sma;

  dca_rsi_init (&rsi, 14);
  dca_bollinger_init (&bb, 20, 2);
  dca_stochastic_init (&st, 14);
  dca_macd_init (&macd, 12, 26, 9);
  dca_sma_init (&sma, 20);
  for (guint i = 0; i < 200; i++)
    {
      /* 0.1 has no exact binary form: a sum of them is not 20 x 0.1 */
      double p = 0.1;

      dca_rsi_update (&rsi, p);
      dca_bollinger_update (&bb, p);
      dca_stochastic_update (&st, p, p, p);
      dca_macd_update (&macd, p);
      dca_sma_update (&sma, p);
    }
  /* no losses at all: the spec says 100 */
  g_assert_cmpfloat (rsi.value, ==, 100);
  g_assert_cmpfloat (bb.std_dev, ==, 0);
  g_assert_cmpfloat (bb.upper, ==, bb.lower);
  g_assert_cmpfloat (bb.percent_b, ==, 50);
  g_assert_cmpfloat (st.k, ==, 50);
  g_assert_cmpfloat (st.d, ==, 50);
  g_assert_cmpfloat_with_epsilon (macd.histogram, 0, 1e-17);
  g_assert_cmpfloat_with_epsilon (sma.value, 0.1, 1e-16);
  dca_bollinger_clear (&bb);
  dca_stochastic_clear (&st);
  dca_sma_clear (&sma);
}

/* A window that turns flat after moving prices: the running sums may keep a
 * rounding residue, but the band must have exactly zero width. */
static void
test_bollinger_becomes_flat (void)
{
  DcaBollinger bb;

  dca_bollinger_init (&bb, 20, 2);
  for (guint i = 0; i < 137; i++)
    dca_bollinger_update (&bb, 0.0731 + 0.00001237 * ((i * 7919) % 31));
  for (guint i = 0; i < 20; i++)
    {
      gboolean ready = dca_bollinger_update (&bb, 0.07412345);

      g_assert_true (ready);
      if (i < 19)
        g_assert_cmpfloat (bb.std_dev, >, 0);
    }
  g_assert_cmpfloat (bb.std_dev, ==, 0);
  g_assert_cmpfloat (bb.middle, ==, 0.07412345);
  g_assert_cmpfloat (bb.percent_b, ==, 50);
  /* and leaves it again */
  dca_bollinger_update (&bb, 0.07412346);
  g_assert_cmpfloat (bb.std_dev, >, 0);
  g_assert_cmpfloat (bb.percent_b, >, 50);
  dca_bollinger_clear (&bb);
}

/* Candles until each indicator is ready: the spec's definitions. */
static void
test_not_enough_history (void)
{
  DcaSma sma;
  DcaEma ema;
  DcaRsi rsi;
  DcaMacd macd;
  DcaBollinger bb;
  DcaStochastic st;
  DcaPriceChange pc;
  guint first[8] = { 0 };

  dca_sma_init (&sma, 10);
  dca_ema_init (&ema, 10);
  dca_rsi_init (&rsi, 14);
  dca_macd_init (&macd, 12, 26, 9);
  dca_bollinger_init (&bb, 20, 2);
  dca_stochastic_init (&st, 14);
  dca_price_change_init (&pc, 3);

  for (guint i = 1; i <= 100; i++)
    {
      double p = 1 + 0.01 * sin (i);
      gboolean r[8];

      r[0] = dca_sma_update (&sma, p);
      r[1] = dca_ema_update (&ema, p);
      r[2] = dca_rsi_update (&rsi, p);
      r[3] = dca_macd_update (&macd, p);
      r[4] = dca_bollinger_update (&bb, p);
      r[5] = dca_stochastic_update (&st, p + 0.001, p - 0.001, p);
      r[6] = st.d_ready;
      r[7] = dca_price_change_update (&pc, p);
      for (guint k = 0; k < 8; k++)
        {
          if (r[k] && first[k] == 0)
            first[k] = i;
          /* once ready, stays ready */
          if (first[k] != 0)
            g_assert_true (r[k]);
        }
    }
  g_assert_cmpuint (first[0], ==, 10);
  g_assert_cmpuint (first[1], ==, 10);
  g_assert_cmpuint (first[2], ==, 15);           /* 14 changes need 15 closes */
  g_assert_cmpuint (first[3], ==, 26 + 9 - 1);   /* the signal needs 9 lines */
  g_assert_cmpuint (first[4], ==, 20);
  g_assert_cmpuint (first[5], ==, 14);
  g_assert_cmpuint (first[6], ==, 16);           /* %D needs 3 %K */
  g_assert_cmpuint (first[7], ==, 4);
  dca_sma_clear (&sma);
  dca_bollinger_clear (&bb);
  dca_stochastic_clear (&st);
  dca_price_change_clear (&pc);
}

/* A price of 30000 moving by 1e-7: E[x^2] - E[x]^2 in doubles would lose all
 * of the variance (1e-15 of the price squared, below double precision). */
static void
test_bollinger_stable_price (void)
{
  const guint period = 20;
  const guint n = 20000;
  g_autofree double *x = g_new (double, n);
  DcaBollinger bb;
  double worst = 0;

  for (guint i = 0; i < n; i++)
    x[i] = 30000.123456 + 1e-7 * ((double) ((i * 7919u) % 13u) - 6);

  dca_bollinger_init (&bb, period, 2);
  for (guint i = 0; i < n; i++)
    {
      gboolean ready = dca_bollinger_update (&bb, x[i]);
      long double mean = 0, var = 0, sd, err;

      g_assert_true (ready == (i + 1 >= period));
      if (!ready)
        continue;
      for (guint j = i + 1 - period; j <= i; j++)
        mean += x[j];
      mean /= period;
      for (guint j = i + 1 - period; j <= i; j++)
        var += (x[j] - mean) * (x[j] - mean);
      sd = sqrtl (var / period);
      g_assert_cmpfloat (sd, >, 0);
      err = fabsl (bb.std_dev - sd) / sd;
      worst = MAX (worst, (double) err);
      g_assert_cmpfloat ((double) err, <, 1e-6);
      /* a double near 30000 is only good to 3.6e-12, 2e-4 % of this band's
       * width, so %B cannot be closer than that */
      g_assert_cmpfloat (fabs (bb.percent_b - (double) ((x[i] - (mean - 2 * sd)) / (4 * sd) * 100)),
                         <, 1e-3);
    }
  g_test_message ("stable price: worst relative error of the std dev %.3g", worst);
  dca_bollinger_clear (&bb);
}

/* After a price falls by nine orders of magnitude, a running sum still holds
 * the rounding error of the old prices; the periodic re-summation drops it. */
static void
test_sma_after_collapse (void)
{
  const guint period = 30;
  DcaSma sma;
  DcaBollinger bb;
  GRand *rand = g_rand_new_with_seed (42);
  g_autofree double *x = g_new (double, 4000);

  for (guint i = 0; i < 4000; i++)
    x[i] = i < 2000 ? g_rand_double_range (rand, 1e6, 2e6) : g_rand_double_range (rand, 1e-3, 2e-3);
  g_rand_free (rand);

  dca_sma_init (&sma, period);
  dca_bollinger_init (&bb, period, 2);
  for (guint i = 0; i < 4000; i++)
    {
      dca_sma_update (&sma, x[i]);
      dca_bollinger_update (&bb, x[i]);
      if (i >= 2000 + 2 * period)
        {
          long double sum = 0;

          for (guint j = i + 1 - period; j <= i; j++)
            sum += x[j];
          g_assert_cmpfloat (fabs (sma.value - (double) (sum / period)) / (double) (sum / period),
                             <, 1e-12);
          g_assert_cmpfloat (fabs (bb.middle - (double) (sum / period)) / (double) (sum / period),
                             <, 1e-12);
        }
    }
  dca_sma_clear (&sma);
  dca_bollinger_clear (&bb);
}

/* The monotonic deques against a brute-force window scan. */
static void
test_stochastic_window (void)
{
  static const guint periods[] = { 1, 2, 3, 7, 14, 50 };
  GRand *rand = g_rand_new_with_seed (7);
  const guint n = 3000;
  g_autofree double *hi = g_new (double, n);
  g_autofree double *lo = g_new (double, n);
  g_autofree double *cl = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      /* few distinct levels, so ties are common */
      double mid = 100 + g_rand_int_range (rand, 0, 8);

      hi[i] = mid + g_rand_int_range (rand, 0, 3);
      lo[i] = mid - g_rand_int_range (rand, 0, 3);
      cl[i] = lo[i] + (hi[i] - lo[i]) * g_rand_double (rand);
    }
  g_rand_free (rand);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      guint period = periods[p];
      DcaStochastic st;
      double ks[3] = { 0 };

      dca_stochastic_init (&st, period);
      for (guint i = 0; i < n; i++)
        {
          gboolean ready = dca_stochastic_update (&st, hi[i], lo[i], cl[i]);
          double hh = -G_MAXDOUBLE, ll = G_MAXDOUBLE, k;

          g_assert_true (ready == (i + 1 >= period));
          if (!ready)
            continue;
          for (guint j = i + 1 - period; j <= i; j++)
            {
              hh = MAX (hh, hi[j]);
              ll = MIN (ll, lo[j]);
            }
          k = hh > ll ? (cl[i] - ll) / (hh - ll) * 100 : 50;
          g_assert_cmpfloat (st.k, ==, k);
          ks[0] = ks[1];
          ks[1] = ks[2];
          ks[2] = k;
          if (i + 1 >= period + 2)
            {
              g_assert_true (st.d_ready);
              g_assert_cmpfloat_with_epsilon (st.d, (ks[0] + ks[1] + ks[2]) / 3, 1e-12);
            }
          else
            g_assert_false (st.d_ready);
        }
      dca_stochastic_clear (&st);
    }
}

static void
test_rsi_extremes (void)
{
  DcaRsi rsi;

  /* only losses: RSI 0 */
  dca_rsi_init (&rsi, 5);
  for (guint i = 0; i < 10; i++)
    dca_rsi_update (&rsi, 10 - i * 0.5);
  g_assert_cmpfloat (rsi.value, ==, 0);

  /* the spec's arithmetic by hand, p = 2: the first averages are the means
   * of the first two changes, then avg = (prev + current) / 2 */
  dca_rsi_init (&rsi, 2);
  g_assert_false (dca_rsi_update (&rsi, 10));
  g_assert_false (dca_rsi_update (&rsi, 11));   /* +1 */
  g_assert_true (dca_rsi_update (&rsi, 10));    /* -1: gain 0.5, loss 0.5 */
  g_assert_cmpfloat_with_epsilon (rsi.value, 50, 1e-12);
  g_assert_true (dca_rsi_update (&rsi, 11));    /* +1: gain 0.75, loss 0.25 */
  g_assert_cmpfloat_with_epsilon (rsi.value, 75, 1e-12);
  g_assert_true (dca_rsi_update (&rsi, 12));    /* +1: gain 0.875, loss 0.125 */
  g_assert_cmpfloat_with_epsilon (rsi.value, 87.5, 1e-12);
}

static void
test_price_change_zero (void)
{
  DcaPriceChange pc;

  dca_price_change_init (&pc, 1);
  g_assert_false (dca_price_change_update (&pc, 0));
  /* against a zero close there is no percentage */
  g_assert_false (dca_price_change_update (&pc, 5));
  g_assert_true (dca_price_change_update (&pc, 6));
  g_assert_cmpfloat_with_epsilon (pc.value, 20, 1e-12);
  dca_price_change_clear (&pc);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  eth_btc = load_candles ();

  g_test_add_func ("/indicators/fixtures/moving-averages", test_moving_averages);
  g_test_add_func ("/indicators/fixtures/rsi", test_rsi);
  g_test_add_func ("/indicators/fixtures/macd", test_macd);
  g_test_add_func ("/indicators/fixtures/bollinger", test_bollinger);
  g_test_add_func ("/indicators/fixtures/stochastic", test_stochastic);
  g_test_add_func ("/indicators/fixtures/price-change", test_price_change);
  g_test_add_func ("/indicators/flat-prices", test_flat_prices);
  g_test_add_func ("/indicators/bollinger-becomes-flat", test_bollinger_becomes_flat);
  g_test_add_func ("/indicators/not-enough-history", test_not_enough_history);
  g_test_add_func ("/indicators/bollinger-stable-price", test_bollinger_stable_price);
  g_test_add_func ("/indicators/sma-after-collapse", test_sma_after_collapse);
  g_test_add_func ("/indicators/stochastic-window", test_stochastic_window);
  g_test_add_func ("/indicators/rsi-extremes", test_rsi_extremes);
  g_test_add_func ("/indicators/price-change-zero", test_price_change_zero);

  ret = g_test_run ();
  dca_candle_series_free (eth_btc);
  return ret;
}
