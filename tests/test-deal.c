/* test-deal.c: the deal state machine, step by step, against numbers worked
 * out by hand from deal-semantics.md */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "dca-deal.h"
#include "dca-json.h"
#include "dca-strategy.h"

static DcaDecimal
D (const char *s)
{
  DcaDecimal d;

  if (!dca_decimal_parse (s, &d, NULL))
    g_error ("bad decimal %s", s);
  return d;
}

#define assert_dec(d, expected)                                           \
  G_STMT_START {                                                          \
    g_autofree char *__s = dca_decimal_to_string (d);                     \
    g_assert_cmpstr (__s, ==, expected);                                  \
  } G_STMT_END

static DcaStrategyConfig *
config_from (DcaStrategyType type,
             const char     *json)
{
  g_autoptr(JsonNode) node = dca_json_parse (json, -1, NULL);
  g_autoptr(GError) error = NULL;
  DcaStrategyConfig *c = dca_strategy_config_parse (type, node, &error);

  g_assert_no_error (error);
  return c;
}

/* Conditions whose truth the test sets. */
typedef struct
{
  gboolean holds[DCA_N_PHASES];
  guint    asked[DCA_N_PHASES];
} FakeConditions;

static gboolean
fake_conditions (gpointer          data,
                 DcaConditionPhase phase)
{
  FakeConditions *f = data;

  f->asked[phase]++;
  return f->holds[phase];
}

typedef struct
{
  DcaStrategyConfig *config;
  DcaProduct        *product;
  DcaDeal            deal;
  DcaDecimal         fee;
  DcaDecimal         balance;
  FakeConditions     cond;
  gboolean           running;
} Sim;

static void
sim_init (Sim                *sim,
          DcaStrategyConfig  *config,
          const char         *fee,
          const char         *balance)
{
  memset (sim, 0, sizeof *sim);
  sim->config = config;
  sim->product = dca_product_new ("TEST-USD");
  sim->fee = D (fee);
  sim->balance = D (balance);
  sim->running = TRUE;
  dca_deal_init (&sim->deal);
}

static void
sim_clear (Sim *sim)
{
  dca_product_free (sim->product);
  dca_strategy_config_unref (sim->config);
}

static gboolean
sim_open (Sim        *sim,
          gint64      time,
          const char *price,
          DcaFill    *fill_out)
{
  DcaOpenInput in = { 0 };
  DcaDecimal quote;
  DcaDealNote note;
  DcaFill fill;

  in.running = sim->running;
  in.n_pairs = 1;
  in.available = sim->balance;
  in.quote_increment = sim->product->quote_increment;
  in.conditions = fake_conditions;
  in.conditions_data = &sim->cond;
  if (!dca_deal_plan_open (sim->config, &in, &quote, &note))
    return FALSE;
  g_assert_true (dca_simulate_market_buy (quote, D (price), sim->fee, sim->product, time,
                                          DCA_ORDER_KIND_BASE, &fill));
  dca_deal_begin (&sim->deal, time, sim->balance);
  dca_deal_apply_fill (&sim->deal, &fill, 0);
  sim->balance = dca_decimal_sub (sim->balance, fill.quote);
  if (fill_out)
    *fill_out = fill;
  return TRUE;
}

/* One evaluation with fills executed at the price; returns the decision. */
static DcaDealDecision
sim_step (Sim        *sim,
          gint64      time,
          const char *price,
          DcaFill    *fills,
          guint      *n_fills)
{
  DcaDealInput in = { 0 };
  DcaDealDecision d;

  in.time = time;
  in.price = D (price);
  in.running = sim->running;
  in.available = sim->balance;
  in.quote_increment = sim->product->quote_increment;
  in.conditions = fake_conditions;
  in.conditions_data = &sim->cond;
  dca_deal_evaluate (&sim->deal, sim->config, &in, &d);
  if (n_fills)
    *n_fills = 0;

  if (d.exit != DCA_CLOSE_REASON_NONE)
    {
      DcaFill f;

      g_assert_true (dca_simulate_market_sell (dca_deal_state_base_held (&sim->deal.state), in.price,
                                               sim->fee, sim->product, time, DCA_ORDER_KIND_EXIT, &f));
      dca_deal_apply_fill (&sim->deal, &f, 0);
      dca_deal_close (&sim->deal, d.exit, time);
      sim->balance = dca_decimal_add (sim->balance, f.quote);
      if (fills)
        fills[*n_fills] = f;
      if (n_fills)
        (*n_fills)++;
    }
  for (guint i = 0; i < d.n_safety; i++)
    {
      DcaFill f;

      g_assert_true (dca_simulate_market_buy (d.safety_quote[i], in.price, sim->fee, sim->product,
                                              time, DCA_ORDER_KIND_SAFETY, &f));
      dca_deal_apply_fill (&sim->deal, &f, d.first_safety + i);
      sim->balance = dca_decimal_sub (sim->balance, f.quote);
      if (fills)
        fills[*n_fills] = f;
      if (n_fills)
        (*n_fills)++;
    }
  return d;
}

/* The ladder worked example, by hand:
 *   base order: fixed 100 at 100, fee 0.1 % = 0.1, base = 99.9 / 100 = 0.999
 *   SO n triggers at 100 x (1 - D(n) / 100), D(n) = 2 x (1 + 1.5 + ... + 1.5^(n-1)):
 *     SO 1: D = 2    -> 98,   size 100 (100 % of the base order)
 *     SO 2: D = 5    -> 95,   size 200 (volume scale 2)
 *     SO 3: D = 9.5  -> 90.5, size 400
 *   SO 1 at 98: fee 0.1, base = 99.9 / 98 = 1.019387755... -> 1.01938775
 *   S = 200, A = 0.999 + 1.01938775 = 2.01838775
 *   take profit 1 %: c >= 200 x 1.01 / 2.01838775 = 100.0798781106355803...
 *   at 100.2: 2.01838775 x 100.2 = 202.24245255, fee 0.20224245255,
 *     received 202.04021009745, profit 2.04021009745 = 1.020105048725 % */
static void
test_worked_example (void)
{
  Sim sim;
  DcaFill fill, fills[8];
  guint n;
  DcaDealDecision d;

  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"safety_order_percentage\": 100, \"max_safety_orders\": 3,"
                               " \"price_deviation\": 2.0, \"safety_order_step_scale\": 1.5,"
                               " \"safety_order_volume_scale\": 2.0, \"take_profit_percentage\": 1.0,"
                               " \"stop_loss_enabled\": true, \"stop_loss_percentage\": -8}"),
            "0.001", "10000");

  /* the ladder */
  assert_dec (sim.config->deviation[1], "2");
  assert_dec (sim.config->deviation[2], "5");
  assert_dec (sim.config->deviation[3], "9.5");
  assert_dec (dca_safety_trigger_price (sim.config, D ("100"), 1), "98");
  assert_dec (dca_safety_trigger_price (sim.config, D ("100"), 2), "95");
  assert_dec (dca_safety_trigger_price (sim.config, D ("100"), 3), "90.5");
  assert_dec (dca_strategy_config_safety_size (sim.config, D ("100"), 1), "100");
  assert_dec (dca_strategy_config_safety_size (sim.config, D ("100"), 2), "200");
  assert_dec (dca_strategy_config_safety_size (sim.config, D ("100"), 3), "400");

  /* base order */
  g_assert_true (sim_open (&sim, 1700000300, "100", &fill));
  assert_dec (fill.quote, "100");
  assert_dec (fill.fee, "0.1");
  assert_dec (fill.base, "0.999");
  assert_dec (sim.deal.state.base_price, "100");

  /* 98.5: above the SO 1 trigger, nothing */
  d = sim_step (&sim, 1700000600, "98.5", fills, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);

  /* 98: SO 1 exactly at its trigger */
  d = sim_step (&sim, 1700000900, "98", fills, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_dec (fills[0].quote, "100");
  assert_dec (fills[0].fee, "0.1");
  assert_dec (fills[0].base, "1.01938775");
  g_assert_cmpuint (sim.deal.state.safety_orders, ==, 1);
  assert_dec (sim.deal.state.quote_spent, "200");
  assert_dec (sim.deal.state.base_bought, "2.01838775");

  /* 95.5 does not reach SO 2 (95); 100.0798... is the take-profit price */
  d = sim_step (&sim, 1700001200, "95.5", fills, &n);
  g_assert_cmpuint (n, ==, 0);
  assert_dec (sim.deal.tp_price, "100.079878110635580305");
  assert_dec (sim.deal.so_price, "95");

  /* 100.07 is 0.99... %: not yet; 100.2 takes profit */
  d = sim_step (&sim, 1700001500, "100.07", fills, &n);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  d = sim_step (&sim, 1700002100, "100.2", fills, &n);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_TAKE_PROFIT);
  g_assert_cmpuint (n, ==, 1);
  assert_dec (fills[0].base, "2.01838775");
  assert_dec (fills[0].fee, "0.20224245255");
  assert_dec (fills[0].quote, "202.04021009745");
  assert_dec (dca_deal_state_profit (&sim.deal.state), "2.04021009745");
  assert_dec (dca_deal_state_profit_percentage (&sim.deal.state), "1.020105048725");
  g_assert_cmpint (sim.deal.state.status, ==, DCA_DEAL_STATUS_CLOSED);
  g_assert_cmpint (sim.deal.state.closed_at, ==, 1700002100);
  assert_dec (sim.balance, "10002.04021009745");

  /* deal 2: SO 1 and 2 fill at one price (93 <= 95), SO 3 at 90.5, stop at 85:
   *   S = 800, A = 0.999 + 1.07419354 + 2.14838709 + 4.41546961 = 8.63705024
   *   stop price = 800 x 0.92 / 8.63705024 = 85.21428...; 85 x 8.63705024 = 734.1492704
   *   fee 0.7341492704, received 733.4151211296, profit -66.5848788704 */
  g_assert_true (sim_open (&sim, 1700002400, "100", NULL));
  d = sim_step (&sim, 1700002700, "93", fills, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_dec (fills[0].base, "1.07419354");
  assert_dec (fills[1].quote, "200");
  assert_dec (fills[1].base, "2.14838709");
  d = sim_step (&sim, 1700003000, "90.5", fills, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_dec (fills[0].base, "4.41546961");
  g_assert_cmpuint (sim.deal.state.safety_orders, ==, 3);
  assert_dec (sim.deal.state.base_bought, "8.63705024");
  d = sim_step (&sim, 1700003300, "85", fills, &n);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_STOP_LOSS);
  assert_dec (fills[0].quote, "733.4151211296");
  assert_dec (dca_deal_state_profit (&sim.deal.state), "-66.5848788704");

  sim_clear (&sim);
}

static void
test_trailing_take_profit (void)
{
  Sim sim;
  DcaDealDecision d;

  /* TP 2 %, trailing 1 %: starts at >= 102 (no fees), sells at <= T x 0.99 */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"max_safety_orders\": 0, \"take_profit_percentage\": 2,"
                               " \"trailing_take_profit\": true, \"trailing_deviation\": 1}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  d = sim_step (&sim, 2, "102", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  g_assert_cmpint (d.note, ==, DCA_NOTE_TRAILING_STARTED);
  g_assert_true (d.state_changed);
  g_assert_true (sim.deal.state.tp_trailing);
  /* new high 105, then 104 (> 103.95) holds, 103.95 sells */
  d = sim_step (&sim, 3, "105", NULL, NULL);
  assert_dec (sim.deal.state.tp_trail_high, "105");
  d = sim_step (&sim, 4, "104", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  d = sim_step (&sim, 5, "103.95", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT);
  sim_clear (&sim);

  /* the first evaluation above the target only starts trailing, even when the
   * price would already be below T x (1 - dev) of an earlier high */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"max_safety_orders\": 0, \"take_profit_percentage\": 2,"
                               " \"trailing_take_profit\": true, \"trailing_deviation\": 1}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  d = sim_step (&sim, 2, "110", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  d = sim_step (&sim, 3, "108.9", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT);
  sim_clear (&sim);
}

static void
test_trailing_stop_loss (void)
{
  Sim sim;
  DcaDealDecision d;

  /* trailing stop 5 % below the highest price since entry */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"max_safety_orders\": 0, \"take_profit_percentage\": 50,"
                               " \"trailing_stop_loss\": true, \"trailing_stop_deviation\": 5}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  assert_dec (sim.deal.state.highest_price, "100");
  d = sim_step (&sim, 2, "95.01", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  d = sim_step (&sim, 3, "120", NULL, NULL);
  g_assert_true (d.state_changed);
  assert_dec (sim.deal.state.highest_price, "120");
  d = sim_step (&sim, 4, "114.01", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  d = sim_step (&sim, 5, "114", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_TRAILING_STOP_LOSS);
  /* a trailing stop in profit is still a trailing stop */
  g_assert_cmpint (dca_decimal_sign (dca_deal_state_profit (&sim.deal.state)), >, 0);
  sim_clear (&sim);
}

static void
test_take_profit_conditions (void)
{
  Sim sim;
  DcaDealDecision d;

  /* conditions sell only at or above min_profit_for_conditions (0.4 %), and the
   * exit fee is not part of that profit */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"max_safety_orders\": 0, \"take_profit_percentage\": 10,"
                               " \"min_profit_for_conditions\": 0.4,"
                               " \"take_profit_conditions\": [{\"type\": \"rsi\", \"operator\": \"greater_than\","
                               "   \"value\": 70, \"timeframe\": \"FIVE_MINUTE\"}]}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  sim.cond.holds[DCA_PHASE_TAKE_PROFIT] = TRUE;
  d = sim_step (&sim, 2, "100.39", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  /* below the minimum the conditions are not even evaluated */
  g_assert_cmpuint (sim.cond.asked[DCA_PHASE_TAKE_PROFIT], ==, 0);
  sim.cond.holds[DCA_PHASE_TAKE_PROFIT] = FALSE;
  d = sim_step (&sim, 3, "100.4", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE);
  g_assert_cmpuint (sim.cond.asked[DCA_PHASE_TAKE_PROFIT], ==, 1);
  sim.cond.holds[DCA_PHASE_TAKE_PROFIT] = TRUE;
  d = sim_step (&sim, 4, "100.4", NULL, NULL);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_CONDITIONS);
  sim_clear (&sim);
}

static void
test_safety_order_rules (void)
{
  Sim sim;
  DcaDealDecision d;
  guint n;
  DcaFill fills[8];

  /* SO 1 = 50, SO 2 = 100, SO 3 = 200: with 160 left after the base order,
   * a crash to 80 buys SO 1 and 2 and stops at SO 3 (too large) */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"safety_order_percentage\": 50, \"max_safety_orders\": 4,"
                               " \"price_deviation\": 1, \"safety_order_volume_scale\": 2}"),
            "0", "260");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  d = sim_step (&sim, 2, "80", fills, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (d.first_safety, ==, 1);
  g_assert_cmpint (d.note, ==, DCA_NOTE_SAFETY_BALANCE);
  assert_dec (sim.balance, "10");
  g_assert_cmpuint (sim.deal.state.safety_orders, ==, 2);

  /* a stopped bot manages exits only: no safety orders */
  sim.balance = D ("1000");
  sim.running = FALSE;
  d = sim_step (&sim, 3, "70", fills, &n);
  g_assert_cmpuint (n, ==, 0);
  sim.running = TRUE;
  d = sim_step (&sim, 4, "70", fills, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (sim.deal.state.safety_orders, ==, 4);
  /* max reached: nothing more */
  d = sim_step (&sim, 5, "10", fills, &n);
  g_assert_cmpuint (n, ==, 0);
  sim_clear (&sim);

  /* safety-order conditions gate the price trigger */
  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"max_safety_orders\": 2, \"price_deviation\": 1,"
                               " \"safety_order_conditions\": [{\"type\": \"rsi\", \"operator\": \"less_than\","
                               "   \"value\": 30, \"timeframe\": \"FIVE_MINUTE\"}]}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 1, "100", NULL));
  d = sim_step (&sim, 2, "99.5", fills, &n);
  g_assert_cmpuint (sim.cond.asked[DCA_PHASE_SAFETY_ORDER], ==, 0); /* price not reached */
  d = sim_step (&sim, 3, "98", fills, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (d.note, ==, DCA_NOTE_SAFETY_CONDITIONS);
  sim.cond.holds[DCA_PHASE_SAFETY_ORDER] = TRUE;
  d = sim_step (&sim, 4, "98", fills, &n);
  g_assert_cmpuint (n, ==, 2);
  sim_clear (&sim);
}

static void
test_open_sizing (void)
{
  g_autoptr(DcaStrategyConfig) c = config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                                                "{\"base_order_percentage\": 20, \"max_concurrent_deals\": 2}");
  g_autoptr(DcaStrategyConfig) fixed = config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                                                    "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.5}");
  FakeConditions cond = { { TRUE, TRUE, TRUE } };
  DcaOpenInput in = { 0 };
  DcaDecimal q;
  DcaDealNote note;

  in.running = TRUE;
  in.n_pairs = 3;
  in.available = D ("1.014274804194830");
  in.quote_increment = D ("0.00000001");
  in.conditions = fake_conditions;
  in.conditions_data = &cond;

  /* 1.01427480419483 x 20 % / 2 deals = 0.101427480419483 -> 0.10142748 */
  g_assert_true (dca_deal_plan_open (c, &in, &q, &note));
  assert_dec (q, "0.10142748");
  /* split across 3 pairs as well */
  in.split_budget = TRUE;
  g_assert_true (dca_deal_plan_open (c, &in, &q, &note));
  assert_dec (q, "0.03380916");
  /* max concurrent deals reached */
  in.open_deals = 2;
  g_assert_false (dca_deal_plan_open (c, &in, &q, &note));
  g_assert_cmpint (note, ==, DCA_NOTE_MAX_DEALS);
  in.open_deals = 0;
  /* stopped */
  in.running = FALSE;
  g_assert_false (dca_deal_plan_open (c, &in, &q, &note));
  g_assert_cmpint (note, ==, DCA_NOTE_BOT_STOPPED);
  in.running = TRUE;
  /* a fixed base order larger than the balance is not placed */
  in.available = D ("0.4");
  g_assert_false (dca_deal_plan_open (fixed, &in, &q, &note));
  g_assert_cmpint (note, ==, DCA_NOTE_BASE_BALANCE);
  /* nor one that rounds to zero */
  in.available = D ("0.00000004");
  g_assert_false (dca_deal_plan_open (c, &in, &q, &note));
  g_assert_cmpint (note, ==, DCA_NOTE_BASE_ZERO);

  /* a reserve caps what the bot may spend */
  assert_dec (dca_bot_available_quote (D ("5"), D ("0"), D ("1")), "5");
  assert_dec (dca_bot_available_quote (D ("5"), D ("2"), D ("0.5")), "1.5");
  assert_dec (dca_bot_available_quote (D ("1"), D ("2"), D ("0.5")), "1");
  assert_dec (dca_bot_available_quote (D ("5"), D ("2"), D ("3")), "0");
}

static void
test_time_based_buys (void)
{
  Sim sim;
  DcaDealDecision d;
  guint n;

  /* simple_dca: 50 every 2 hours, 3 buys at most, TP 5 % */
  sim_init (&sim, config_from (DCA_STRATEGY_SIMPLE_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 50,"
                               " \"buy_interval_hours\": 2, \"max_buys\": 3, \"take_profit_percentage\": 5}"),
            "0", "1000");
  g_assert_cmpint (sim.config->safety_interval, ==, 7200);
  g_assert_true (sim_open (&sim, 0, "100", NULL));
  d = sim_step (&sim, 7199, "90", NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  d = sim_step (&sim, 7200, "120", NULL, &n); /* price does not matter */
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_TAKE_PROFIT);
  sim_clear (&sim);

  sim_init (&sim, config_from (DCA_STRATEGY_SIMPLE_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 50,"
                               " \"buy_interval_hours\": 2, \"max_buys\": 3}"),
            "0", "1000");
  g_assert_true (sim_open (&sim, 0, "100", NULL));
  /* even after a long pause only one buy per evaluation */
  d = sim_step (&sim, 30000, "100", NULL, &n);
  g_assert_cmpuint (n, ==, 1);
  d = sim_step (&sim, 30001, "100", NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  d = sim_step (&sim, 37201, "100", NULL, &n);
  g_assert_cmpuint (n, ==, 1);
  d = sim_step (&sim, 90000, "100", NULL, &n);
  g_assert_cmpuint (n, ==, 0); /* three buys made */
  assert_dec (sim.deal.state.quote_spent, "150");
  sim_clear (&sim);
}

static void
test_macd_one_per_cross (void)
{
  Sim sim;
  DcaDealDecision d;
  guint n;

  /* macd_dca: DCA buys need a cross up and a price at or below the base
   * price; one per evaluation; no take profit unless set */
  sim_init (&sim, config_from (DCA_STRATEGY_MACD_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 10}"),
            "0", "1000");
  g_assert_false (sim.config->take_profit_enabled);
  g_assert_cmpuint (sim.config->max_safety_orders, ==, 3);
  g_assert_false (sim_open (&sim, 0, "100", NULL)); /* no cross up yet */
  sim.cond.holds[DCA_PHASE_BASE_ORDER] = TRUE;
  g_assert_true (sim_open (&sim, 0, "100", NULL));
  sim.cond.holds[DCA_PHASE_SAFETY_ORDER] = TRUE;
  d = sim_step (&sim, 1, "100.5", NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  d = sim_step (&sim, 2, "99", NULL, &n);
  g_assert_cmpuint (n, ==, 1);
  d = sim_step (&sim, 3, "500", NULL, &n);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_NONE); /* no fixed take profit */
  sim.cond.holds[DCA_PHASE_TAKE_PROFIT] = TRUE;
  d = sim_step (&sim, 4, "500", NULL, &n);
  g_assert_cmpint (d.exit, ==, DCA_CLOSE_REASON_CONDITIONS);
  sim_clear (&sim);
}

static void
test_market_fills (void)
{
  g_autoptr(DcaProduct) p = dca_product_new ("ETH-BTC");
  DcaFill f;

  /* the conditions example's first base order: 0.2 at 0.09670006, fee 0.6 % */
  g_assert_true (dca_simulate_market_buy (D ("0.2"), D ("0.09670006"), D ("0.006"), p, 1,
                                          DCA_ORDER_KIND_BASE, &f));
  assert_dec (f.fee, "0.0012");
  assert_dec (f.base, "2.05584153");
  /* a quote amount is rounded down to the quote increment first */
  g_assert_true (dca_simulate_market_buy (D ("0.123456789"), D ("1"), D ("0"), p, 1,
                                          DCA_ORDER_KIND_BASE, &f));
  assert_dec (f.quote, "0.12345678");
  /* too small to buy one base increment */
  /* (0.00000001 - fee) / 2 = 0.00000000497 rounds down to zero base */
  g_assert_false (dca_simulate_market_buy (D ("0.00000001"), D ("2"), D ("0.006"), p, 1,
                                           DCA_ORDER_KIND_BASE, &f));
  /* sell: 7.12677715 x 0.0973 = 0.693435416695, fee 0.6 % */
  g_assert_true (dca_simulate_market_sell (D ("7.12677715"), D ("0.0973"), D ("0.006"), p, 1,
                                           DCA_ORDER_KIND_EXIT, &f));
  assert_dec (f.fee, "0.00416061250017");
  assert_dec (f.quote, "0.68927480419483");
}

static void
test_unrealised (void)
{
  DcaDealState s = { 0 };
  DcaDecimal pnl, pct;

  s.status = DCA_DEAL_STATUS_OPEN;
  s.quote_spent = D ("100");
  s.base_bought = D ("2");
  /* 2 x 55 - 100 = 10, 10 % */
  g_assert_true (dca_deal_state_unrealised (&s, D ("55"), &pnl, &pct));
  assert_dec (pnl, "10");
  assert_dec (pct, "10");
  /* a loss */
  g_assert_true (dca_deal_state_unrealised (&s, D ("45"), &pnl, &pct));
  assert_dec (pnl, "-10");
  assert_dec (pct, "-10");
  /* no price, or nothing spent */
  g_assert_false (dca_deal_state_unrealised (&s, D ("0"), &pnl, &pct));
  s.quote_spent = D ("0");
  g_assert_false (dca_deal_state_unrealised (&s, D ("55"), &pnl, &pct));
}

/* The levels a deal's chart shows: those the machine trades at, and a closed
 * deal's as they were before its exit. */
static void
test_levels (void)
{
  Sim sim;
  DcaDealLevels before, after;
  DcaDealState empty = { 0 };
  g_autoptr(DcaStrategyConfig) time_based = NULL;
  g_autoptr(DcaStrategyConfig) no_tp = NULL;

  sim_init (&sim, config_from (DCA_STRATEGY_CONDITIONAL_DCA,
                               "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                               " \"safety_order_percentage\": 100, \"max_safety_orders\": 3,"
                               " \"price_deviation\": 2.0, \"safety_order_step_scale\": 1.5,"
                               " \"safety_order_volume_scale\": 2.0, \"take_profit_percentage\": 1.0,"
                               " \"stop_loss_enabled\": true, \"stop_loss_percentage\": -8}"),
            "0.001", "10000");

  /* nothing bought: no levels */
  dca_deal_levels (&empty, sim.config, &before);
  g_assert_false (before.has_average);
  g_assert_false (before.has_take_profit);
  g_assert_cmpuint (before.n_safety, ==, 0);

  /* after the base order: all three safety orders wait, at 98, 95, 90.5 */
  g_assert_true (sim_open (&sim, 1700000300, "100", NULL));
  dca_deal_levels (&sim.deal.state, sim.config, &before);
  g_assert_true (before.has_average);
  /* 100 / 0.999 */
  assert_dec (before.average_price, "100.1001001001001001");
  g_assert_cmpuint (before.first_safety, ==, 1);
  g_assert_cmpuint (before.n_safety, ==, 3);
  assert_dec (before.safety[0], "98");
  assert_dec (before.safety[1], "95");
  assert_dec (before.safety[2], "90.5");

  /* SO 1 at 98: two remain; take profit and stop loss are the machine's own */
  sim_step (&sim, 1700000900, "98", NULL, NULL);
  sim_step (&sim, 1700001200, "95.5", NULL, NULL);
  dca_deal_levels (&sim.deal.state, sim.config, &before);
  g_assert_cmpuint (before.first_safety, ==, 2);
  g_assert_cmpuint (before.n_safety, ==, 2);
  assert_dec (before.safety[0], "95");
  assert_dec (before.safety[1], "90.5");
  g_assert_true (before.has_take_profit);
  assert_dec (before.take_profit, "100.079878110635580305");
  g_assert_true (dca_decimal_cmp (before.take_profit, sim.deal.tp_price) == 0);
  g_assert_true (before.has_stop_loss);
  g_assert_true (dca_decimal_cmp (before.stop_loss, sim.deal.sl_price) == 0);
  /* 200 / 2.01838775 */
  assert_dec (before.average_price, "99.088988228352059707");

  /* closed at take profit: the same levels as before the exit */
  sim_step (&sim, 1700002100, "100.2", NULL, NULL);
  g_assert_cmpint (sim.deal.state.status, ==, DCA_DEAL_STATUS_CLOSED);
  dca_deal_levels (&sim.deal.state, sim.config, &after);
  g_assert_true (after.has_take_profit);
  g_assert_true (dca_decimal_cmp (after.take_profit, before.take_profit) == 0);
  g_assert_true (dca_decimal_cmp (after.average_price, before.average_price) == 0);
  g_assert_cmpuint (after.n_safety, ==, 2);

  /* time-triggered buys have no price levels */
  time_based = config_from (DCA_STRATEGY_SIMPLE_DCA,
                            "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100,"
                            " \"buy_interval_hours\": 2, \"max_buys\": 3}");
  dca_deal_levels (&sim.deal.state, time_based, &after);
  g_assert_true (after.has_average);
  g_assert_true (after.has_take_profit);
  g_assert_false (after.has_stop_loss);
  g_assert_cmpuint (after.n_safety, ==, 0);

  /* MACD DCA without a take profit percentage: no take-profit level */
  no_tp = config_from (DCA_STRATEGY_MACD_DCA, "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 100}");
  dca_deal_levels (&sim.deal.state, no_tp, &after);
  g_assert_true (after.has_average);
  g_assert_false (after.has_take_profit);

  sim_clear (&sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deal/worked-example", test_worked_example);
  g_test_add_func ("/deal/trailing-take-profit", test_trailing_take_profit);
  g_test_add_func ("/deal/trailing-stop-loss", test_trailing_stop_loss);
  g_test_add_func ("/deal/take-profit-conditions", test_take_profit_conditions);
  g_test_add_func ("/deal/safety-order-rules", test_safety_order_rules);
  g_test_add_func ("/deal/open-sizing", test_open_sizing);
  g_test_add_func ("/deal/time-based-buys", test_time_based_buys);
  g_test_add_func ("/deal/macd-one-per-cross", test_macd_one_per_cross);
  g_test_add_func ("/deal/market-fills", test_market_fills);
  g_test_add_func ("/deal/unrealised", test_unrealised);
  g_test_add_func ("/deal/levels", test_levels);

  return g_test_run ();
}
