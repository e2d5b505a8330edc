/* test-strategy.c: bot configurations: defaults, ranges, validation messages
 * naming the key, the other strategy types, templates and round trips */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "dca-strategy.h"

#define assert_dec(d, expected)                                           \
  G_STMT_START {                                                          \
    g_autofree char *__s = dca_decimal_to_string (d);                     \
    g_assert_cmpstr (__s, ==, expected);                                  \
  } G_STMT_END

static DcaBotConfig *
bot_from (const char  *strategy_type,
          const char  *config,
          GError     **error)
{
  g_autofree char *text = g_strdup_printf ("{\"version\": \"1.0\", \"bot\": {\"name\": \"t\","
                                           " \"strategy_type\": \"%s\", \"product_ids\": [\"ETH-BTC\"],"
                                           " \"strategy_config\": %s}}", strategy_type, config);

  return dca_bot_config_parse_export (text, -1, error);
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotConfig) bot = bot_from ("conditional_dca", "{}", &error);
  const DcaStrategyConfig *c;

  g_assert_no_error (error);
  c = bot->config;
  g_assert_cmpuint (c->max_concurrent_deals, ==, 1);
  g_assert_cmpint (c->base_order_type, ==, DCA_ORDER_SIZE_PERCENTAGE);
  assert_dec (c->base_order_percentage, "10");
  assert_dec (c->base_order_fixed, "0.001");
  g_assert_cmpint (c->safety_order_type, ==, DCA_ORDER_SIZE_PERCENTAGE);
  assert_dec (c->safety_order_percentage, "50");
  assert_dec (c->safety_order_fixed, "0.0005");
  g_assert_cmpuint (c->max_safety_orders, ==, 5);
  assert_dec (c->price_deviation, "2");
  assert_dec (c->step_scale, "1");
  assert_dec (c->volume_scale, "1");
  g_assert_true (c->take_profit_enabled);
  assert_dec (c->take_profit_percentage, "3");
  g_assert_false (c->trailing_take_profit);
  assert_dec (c->trailing_deviation, "1");
  g_assert_false (c->stop_loss_enabled);
  assert_dec (c->stop_loss_percentage, "-10");
  g_assert_false (c->trailing_stop_loss);
  assert_dec (c->trailing_stop_deviation, "5");
  assert_dec (c->min_profit_for_conditions, "0");
  for (guint i = 0; i < DCA_N_PHASES; i++)
    g_assert_true (dca_condition_list_is_empty (c->conditions[i]));
  g_assert_cmpint (bot->check_interval_seconds, ==, 60);
  g_assert_false (bot->split_budget);
  g_assert_cmpstr (bot->quote_currency, ==, "BTC");
  g_assert_true (dca_decimal_is_zero (bot->reserved_btc));
}

/* Each bad value is refused with a message that names the key. */
static void
test_validation (void)
{
  static const struct
  {
    const char *type;
    const char *config;
    const char *expect;
  } cases[] = {
    { "conditional_dca", "{\"max_concurrent_deals\": 0}", "max_concurrent_deals: must be a whole number from 1 to 20 (got 0)" },
    { "conditional_dca", "{\"max_concurrent_deals\": 21}", "max_concurrent_deals:" },
    { "conditional_dca", "{\"max_concurrent_deals\": 1.5}", "max_concurrent_deals: must be a whole number" },
    { "conditional_dca", "{\"max_concurrent_deals\": \"2\"}", "max_concurrent_deals: must be a whole number, not a string" },
    { "conditional_dca", "{\"base_order_type\": \"fixed\"}", "base_order_type: must be “percentage” or “fixed_btc” (got “fixed”)" },
    { "conditional_dca", "{\"base_order_percentage\": 0.5}", "base_order_percentage: must be from 1 to 100 (got 0.5)" },
    { "conditional_dca", "{\"base_order_percentage\": 101}", "base_order_percentage:" },
    { "conditional_dca", "{\"base_order_btc\": 0}", "base_order_btc: must be greater than 0 (got 0)" },
    { "conditional_dca", "{\"safety_order_type\": \"percentage\"}", "safety_order_type:" },
    { "conditional_dca", "{\"safety_order_percentage\": 9}", "safety_order_percentage: must be from 10 to 500" },
    { "conditional_dca", "{\"safety_order_percentage\": 501}", "safety_order_percentage:" },
    { "conditional_dca", "{\"safety_order_btc\": -1}", "safety_order_btc:" },
    { "conditional_dca", "{\"max_safety_orders\": 21}", "max_safety_orders: must be a whole number from 0 to 20 (got 21)" },
    { "conditional_dca", "{\"price_deviation\": 0.05}", "price_deviation: must be from 0.1 to 20" },
    { "conditional_dca", "{\"price_deviation\": 20.5}", "price_deviation:" },
    { "conditional_dca", "{\"safety_order_step_scale\": 0.9}", "safety_order_step_scale: must be from 1 to 5" },
    { "conditional_dca", "{\"safety_order_volume_scale\": 5.1}", "safety_order_volume_scale: must be from 1 to 5" },
    { "conditional_dca", "{\"take_profit_percentage\": 0}", "take_profit_percentage: must be from 0.1 to 1000" },
    { "conditional_dca", "{\"take_profit_percentage\": null}", "take_profit_percentage: must be a number, not null" },
    { "conditional_dca", "{\"trailing_take_profit\": 1}", "trailing_take_profit: must be true or false, not a number" },
    { "conditional_dca", "{\"trailing_deviation\": 51}", "trailing_deviation: must be from 0.1 to 50" },
    { "conditional_dca", "{\"stop_loss_enabled\": \"yes\"}", "stop_loss_enabled: must be true or false, not a string" },
    { "conditional_dca", "{\"stop_loss_percentage\": 5}", "stop_loss_percentage: must be from -50 to -0.1 (got 5)" },
    { "conditional_dca", "{\"stop_loss_percentage\": -51}", "stop_loss_percentage:" },
    { "conditional_dca", "{\"trailing_stop_deviation\": 0}", "trailing_stop_deviation:" },
    { "conditional_dca", "{\"min_profit_for_conditions\": 51}", "min_profit_for_conditions: must be from -50 to 50" },
    { "conditional_dca", "{\"base_order_logic\": \"xor\"}", "base_order_logic: must be “and” or “or” (got “xor”)" },
    { "conditional_dca", "{\"base_order_conditions\": {}}", "base_order_conditions: must be a list of conditions, not an object" },
    { "conditional_dca", "{\"base_order_conditions\": [{\"type\": \"rsi\", \"operator\": \"above\", \"value\": 30, \"timeframe\": \"ONE_HOUR\"}]}", "base_order_conditions[0]" },
    { "conditional_dca", "{\"take_proft_percentage\": 2}", "take_proft_percentage: unknown key" },
    { "advanced_dca", "{\"base_order_conditions\": []}", "base_order_conditions: not a setting of the advanced_dca strategy" },
    { "simple_dca", "{\"max_buys\": 0}", "max_buys: must be a whole number from 1 to 100" },
    { "simple_dca", "{\"buy_interval_hours\": 0}", "buy_interval_hours: must be from 0.1 to 720" },
    { "simple_dca", "{\"max_safety_orders\": 3}", "max_safety_orders: not a setting of the simple_dca strategy" },
    { "rsi", "{\"rsi_oversold\": 70, \"rsi_overbought\": 60}", "rsi_overbought: must be above rsi_oversold" },
    { "rsi", "{\"rsi_timeframe\": \"4h\"}", "rsi_timeframe: “4h” is not a timeframe" },
    { "rsi", "{\"rsi_period\": 1}", "rsi_period: must be a whole number from 2 to 100" },
    { "bollinger_bands", "{\"bb_std_dev\": 6}", "bb_std_dev: must be from 0.5 to 5" },
    { "bollinger_bands", "{\"bb_entry_percent_b\": 50, \"bb_exit_percent_b\": 40}", "bb_exit_percent_b: must be above bb_entry_percent_b" },
    { "macd_dca", "{\"macd_fast_period\": 30, \"macd_slow_period\": 26}", "macd_slow_period: must be above macd_fast_period" },
    { "macd_dca", "{\"price_deviation\": -1}", "price_deviation: must be from 0 to 20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaBotConfig) bot = bot_from (cases[i].type, cases[i].config, &error);

      if (bot != NULL)
        g_error ("case %u (%s) was accepted", i, cases[i].config);
      g_assert_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, "strategy_config.") ||
          strstr (error->message, cases[i].expect) == NULL)
        g_error ("case %u (%s): message “%s” does not say “strategy_config.%s”", i,
                 cases[i].config, error->message, cases[i].expect);
    }
}

static void
test_bot_level_validation (void)
{
  static const struct
  {
    const char *json;
    const char *expect;
  } cases[] = {
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"\", \"product_ids\": [\"ETH-BTC\"]}}", "name:" },
    { "{\"version\": \"1.0\", \"bot\": {\"product_ids\": [\"ETH-BTC\"]}}", "name: missing" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": []}}", "product_ids: must list 1 to 100 pairs" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\", \"ETH-USD\"]}}", "product_ids[1]: “ETH-USD” is quoted in USD, but the bot's pairs are quoted in BTC" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"eth/btc\"]}}", "product_ids[0]: “eth/btc” is not a pair" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\", \"ETH-BTC\"]}}", "product_ids[1]: “ETH-BTC” is listed twice" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"check_interval_seconds\": 0}}", "check_interval_seconds: must be a whole number from 1 to 86400" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"check_interval_seconds\": 86401}}", "check_interval_seconds:" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"strategy_type\": \"grid\"}}", "strategy_type: “grid” is not a strategy" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"split_budget_across_pairs\": \"no\"}}", "split_budget_across_pairs: must be true or false" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"reserved_btc_balance\": -1}}", "reserved_btc_balance: must be a number of at least 0" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"strategy_config\": []}}", "strategy_config: must be an object, not an array" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"], \"colour\": \"red\"}}", "colour: unknown key" },
    { "{\"version\": \"2.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"]}}", "version: this DCA Desk reads bot exports of version “1.0” (the file says “2.0”)" },
    { "[1, 2]", "a bot export must be a JSON object" },
    { "{\"version\": \"1.0\"}", "bot: missing" },
    { "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", ", "not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaBotConfig) bot = dca_bot_config_parse_export (cases[i].json, -1, &error);

      if (bot != NULL)
        g_error ("case %u was accepted", i);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("case %u: message “%s” does not say “%s”", i, error->message, cases[i].expect);
    }
}

/* The spec's examples and the bundled bot read; a bot written back reads
 * again into the same bot. */
static void
test_round_trip (void)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");
  static const char *const files[] = {
    "tests/fixtures/examples/ladder-bot.json",
    "tests/fixtures/examples/conditions-bot.json",
    "data/bots/altcoin-dip-buyer.json",
  };

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (root, files[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaBotConfig) bot = NULL;
      g_autoptr(DcaBotConfig) again = NULL;
      g_autofree char *json1 = NULL;
      g_autofree char *json2 = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      bot = dca_bot_config_parse_export (text, -1, &error);
      g_assert_no_error (error);
      json1 = dca_bot_config_to_export_json (bot);
      again = dca_bot_config_parse_export (json1, -1, &error);
      g_assert_no_error (error);
      json2 = dca_bot_config_to_export_json (again);
      g_assert_cmpstr (json1, ==, json2);
    }
}

static void
test_conditions_example_config (void)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "tests/fixtures/examples/conditions-bot.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotConfig) bot = NULL;
  g_autofree char *json = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  bot = dca_bot_config_parse_export (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bot->check_interval_seconds, ==, 300);
  assert_dec (bot->config->base_order_percentage, "20");
  assert_dec (bot->config->min_profit_for_conditions, "0.4");
  assert_dec (bot->config->deviation[4], "5.368"); /* 1 x (1 + 1.2 + 1.44 + 1.728) */
  g_assert_false (dca_condition_list_is_empty (bot->config->conditions[DCA_PHASE_TAKE_PROFIT]));
  json = dca_strategy_config_to_json (bot->config);
  /* every key is written, with its default where the file had none */
  g_assert_nonnull (strstr (json, "\"stop_loss_percentage\":-10"));
  g_assert_nonnull (strstr (json, "\"min_profit_for_conditions\":0.4"));
  g_assert_nonnull (strstr (json, "\"take_profit_logic\":\"and\""));
}

static void
test_other_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotConfig) rsi = bot_from ("rsi", "{\"rsi_oversold\": 25, \"rsi_timeframe\": \"15m\"}", &error);
  g_autoptr(DcaBotConfig) bb = NULL;
  g_autoptr(DcaBotConfig) macd = NULL;
  g_autoptr(DcaBotConfig) simple = NULL;
  g_autoptr(DcaBotConfig) adv = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_false (dca_condition_list_is_empty (rsi->config->conditions[DCA_PHASE_BASE_ORDER]));
  g_assert_true (dca_condition_list_is_empty (rsi->config->conditions[DCA_PHASE_SAFETY_ORDER]));
  g_assert_false (dca_condition_list_is_empty (rsi->config->conditions[DCA_PHASE_TAKE_PROFIT]));
  json = dca_strategy_config_to_json (rsi->config);
  g_assert_nonnull (strstr (json, "\"rsi_timeframe\":\"FIFTEEN_MINUTE\""));
  g_assert_nonnull (strstr (json, "\"rsi_oversold\":25"));

  bb = bot_from ("bollinger_bands", "{}", &error);
  g_assert_no_error (error);
  g_assert_false (dca_condition_list_is_empty (bb->config->conditions[DCA_PHASE_BASE_ORDER]));

  macd = bot_from ("macd_dca", "{\"take_profit_percentage\": 4}", &error);
  g_assert_no_error (error);
  g_assert_true (macd->config->take_profit_enabled);
  g_assert_cmpuint (macd->config->safety_per_evaluation, ==, 1);
  assert_dec (macd->config->min_profit_for_conditions, "0.5");

  simple = bot_from ("simple_dca", "{\"max_buys\": 4, \"buy_interval_hours\": 0.5}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (simple->config->safety_trigger, ==, DCA_SAFETY_TRIGGER_TIME);
  g_assert_cmpint (simple->config->safety_interval, ==, 1800);
  g_assert_cmpuint (simple->config->max_safety_orders, ==, 3);

  adv = bot_from ("advanced_dca", "{\"max_safety_orders\": 7}", &error);
  g_assert_no_error (error);
  g_assert_false (dca_strategy_config_uses_conditions (adv->config));
}

static void
test_templates (void)
{
  g_autoptr(GPtrArray) list = dca_builtin_templates ();
  const DcaTemplate *t;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaTemplate) user = NULL;

  g_assert_cmpuint (list->len, ==, 3);

  t = g_ptr_array_index (list, 0);
  g_assert_cmpstr (t->name, ==, "Conservative");
  assert_dec (t->config->base_order_percentage, "2");
  assert_dec (t->config->safety_order_percentage, "50");
  g_assert_cmpuint (t->config->max_safety_orders, ==, 3);
  assert_dec (t->config->price_deviation, "2");
  assert_dec (t->config->step_scale, "1");
  assert_dec (t->config->volume_scale, "1");
  assert_dec (t->config->take_profit_percentage, "1.5");
  g_assert_true (t->config->stop_loss_enabled);
  assert_dec (t->config->stop_loss_percentage, "-5");

  t = g_ptr_array_index (list, 1);
  g_assert_cmpstr (t->name, ==, "Balanced");
  assert_dec (t->config->base_order_percentage, "5");
  assert_dec (t->config->safety_order_percentage, "100");
  g_assert_cmpuint (t->config->max_safety_orders, ==, 4);
  assert_dec (t->config->price_deviation, "3");
  assert_dec (t->config->step_scale, "1.2");
  assert_dec (t->config->volume_scale, "1.5");
  assert_dec (t->config->take_profit_percentage, "2");
  assert_dec (t->config->stop_loss_percentage, "-10");
  g_assert_true (t->config->stop_loss_enabled);

  t = g_ptr_array_index (list, 2);
  g_assert_cmpstr (t->name, ==, "Aggressive");
  assert_dec (t->config->base_order_percentage, "10");
  assert_dec (t->config->safety_order_percentage, "150");
  g_assert_cmpuint (t->config->max_safety_orders, ==, 5);
  assert_dec (t->config->price_deviation, "5");
  assert_dec (t->config->step_scale, "1.5");
  assert_dec (t->config->volume_scale, "2");
  assert_dec (t->config->take_profit_percentage, "3");
  g_assert_false (t->config->stop_loss_enabled);

  user = dca_template_parse ("{\"name\": \"Mine\", \"strategy_type\": \"rsi\","
                             " \"strategy_config\": {\"rsi_period\": 10}}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Mine");
  g_assert_cmpint (user->config->type, ==, DCA_STRATEGY_RSI);
  g_assert_null (dca_template_parse ("{\"name\": \"Bad\", \"strategy_config\": {\"max_safety_orders\": 99}}",
                                     -1, &error) ? (gpointer) 1 : NULL);
  g_assert_nonnull (strstr (error->message, "strategy_config.max_safety_orders"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/strategy/defaults", test_defaults);
  g_test_add_func ("/strategy/validation", test_validation);
  g_test_add_func ("/strategy/bot-level-validation", test_bot_level_validation);
  g_test_add_func ("/strategy/round-trip", test_round_trip);
  g_test_add_func ("/strategy/conditions-example", test_conditions_example_config);
  g_test_add_func ("/strategy/other-types", test_other_types);
  g_test_add_func ("/strategy/templates", test_templates);

  return g_test_run ();
}
