/* test-conditions.c: condition lists, their validation, and the signal bank */
#define G_LOG_DOMAIN "test-conditions"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dca-candles.h"
#include "dca-conditions.h"
#include "dca-indicators.h"

#define T0 1700006400 /* a whole UTC day: every timeframe's bucket starts here */

static DcaConditionList *
parse_list_as (const char  *json,
               DcaLogic     logic,
               const char  *key,
               GError     **error)
{
  g_autoptr(GError) json_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &json_error);

  g_assert_no_error (json_error);
  return dca_condition_list_parse (node, logic, key, error);
}

static DcaConditionList *
parse_list (const char *json)
{
  g_autoptr(GError) error = NULL;
  DcaConditionList *list = parse_list_as (json, DCA_LOGIC_AND, "base_order_conditions", &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static char *
list_json (const DcaConditionList *list)
{
  g_autoptr(JsonNode) node = dca_condition_list_to_json (list);

  return json_to_string (node, FALSE);
}

static DcaCandle
candle (gint64 time,
        double close,
        double volume)
{
  DcaCandle c = { 0 };

  c.time = time;
  c.open = c.high = c.low = c.close = close;
  c.volume = volume;
  return c;
}

/* Parsing -------------------------------------------------------------- */

static void
test_parse_defaults (void)
{
  g_autoptr(DcaConditionList) list = NULL;
  g_autofree char *json = NULL;

  list = parse_list ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"},"
                     " {\"type\": \"macd\", \"operator\": \"crossing_above\", \"value\": 0, \"timeframe\": \"ONE_HOUR\"},"
                     " {\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95.5, \"timeframe\": \"fifteen_minute\"},"
                     " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"1d\"},"
                     " {\"type\": \"sma_cross\", \"operator\": \"greater_equal\", \"value\": -1e-05, \"timeframe\": \"30m\"},"
                     " {\"type\": \"stochastic\", \"operator\": \"less_equal\", \"value\": 20, \"timeframe\": \"2h\"},"
                     " {\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": 1000, \"timeframe\": \"6h\"},"
                     " {\"type\": \"price_change\", \"operator\": \"less_than\", \"value\": -2, \"timeframe\": \"1m\"}]");
  g_assert_false (dca_condition_list_is_empty (list));
  g_assert_cmpint (dca_condition_list_get_logic (list), ==, DCA_LOGIC_AND);

  /* every default written out, timeframes under Coinbase's names */
  json = list_json (list);
  g_assert_cmpstr (json, ==,
                   "[{\"type\":\"rsi\",\"operator\":\"less_than\",\"value\":30,\"timeframe\":\"FIVE_MINUTE\",\"period\":14},"
                   "{\"type\":\"macd\",\"operator\":\"crossing_above\",\"value\":0,\"timeframe\":\"ONE_HOUR\",\"fast_period\":12,\"slow_period\":26,\"signal_period\":9},"
                   "{\"type\":\"bb_percent\",\"operator\":\"greater_than\",\"value\":95.5,\"timeframe\":\"FIFTEEN_MINUTE\",\"period\":20,\"std_dev\":2},"
                   "{\"type\":\"ema_cross\",\"operator\":\"crossing_below\",\"value\":0,\"timeframe\":\"ONE_DAY\",\"period\":20},"
                   "{\"type\":\"sma_cross\",\"operator\":\"greater_equal\",\"value\":-1.0000000000000001e-05,\"timeframe\":\"THIRTY_MINUTE\",\"period\":20},"
                   "{\"type\":\"stochastic\",\"operator\":\"less_equal\",\"value\":20,\"timeframe\":\"TWO_HOUR\",\"period\":14},"
                   "{\"type\":\"volume\",\"operator\":\"greater_than\",\"value\":1000,\"timeframe\":\"SIX_HOUR\"},"
                   "{\"type\":\"price_change\",\"operator\":\"less_than\",\"value\":-2,\"timeframe\":\"ONE_MINUTE\",\"period\":1}]");
}

static void
test_parse_empty (void)
{
  g_autoptr(DcaConditionList) from_null = dca_condition_list_parse (NULL, DCA_LOGIC_OR, "x", NULL);
  g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
  g_autoptr(DcaConditionList) from_json_null = dca_condition_list_parse (null_node, DCA_LOGIC_AND, "x", NULL);
  g_autoptr(DcaConditionList) from_array = parse_list ("[]");
  g_autofree char *json = list_json (from_array);

  g_assert_true (dca_condition_list_is_empty (from_null));
  g_assert_cmpint (dca_condition_list_get_logic (from_null), ==, DCA_LOGIC_OR);
  g_assert_true (dca_condition_list_is_empty (from_json_null));
  g_assert_true (dca_condition_list_is_empty (from_array));
  g_assert_cmpstr (json, ==, "[]");
  g_assert_true (dca_condition_list_equal (from_json_null, from_array));
  g_assert_false (dca_condition_list_equal (from_null, from_array)); /* logic differs */
}

/* Exports written from optional fields carry null for those never set. */
static void
test_parse_nulls (void)
{
  g_autoptr(DcaConditionList) a =
    parse_list ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"FIVE_MINUTE\","
                " \"period\": null, \"fast_period\": null, \"slow_period\": null, \"signal_period\": null,"
                " \"std_dev\": null}]");
  g_autoptr(DcaConditionList) b =
    parse_list ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"FIVE_MINUTE\","
                " \"period\": 14}]");

  g_assert_true (dca_condition_list_equal (a, b));
}

static void
test_logic_names (void)
{
  DcaLogic logic = DCA_LOGIC_AND;

  g_assert_true (dca_logic_parse ("or", &logic));
  g_assert_cmpint (logic, ==, DCA_LOGIC_OR);
  g_assert_true (dca_logic_parse ("and", &logic));
  g_assert_cmpint (logic, ==, DCA_LOGIC_AND);
  g_assert_false (dca_logic_parse ("xor", &logic));
  g_assert_false (dca_logic_parse (NULL, &logic));
  g_assert_cmpstr (dca_logic_to_string (DCA_LOGIC_AND), ==, "and");
  g_assert_cmpstr (dca_logic_to_string (DCA_LOGIC_OR), ==, "or");
}

#define RSI_OK "{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"}"

static const struct
{
  const char *key;
  const char *json;
  const char *message;  /* the whole message, or its start when it ends in '*' */
} invalid_lists[] = {
  { "take_profit_conditions",
    "[{\"logic\": \"or\", \"conditions\": [" RSI_OK ", {\"type\": \"rsi\", \"operator\": \"greater_than\","
    " \"value\": 70, \"timeframe\": \"5m\", \"period\": 1}]}]",
    "take_profit_conditions[0].conditions[1].period: must be a whole number from 2 to 500 (got 1)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"period\": 501}]",
    "base_order_conditions[0].period: must be a whole number from 2 to 500 (got 501)" },
  { "base_order_conditions",
    "[" RSI_OK ", {\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"period\": 14.5}]",
    "base_order_conditions[1].period: must be a whole number from 2 to 500 (got 14.5)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"period\": \"14\"}]",
    "base_order_conditions[0].period: must be a whole number from 2 to 500 (got \"14\")" },
  { "base_order_conditions",
    "[{\"type\": \"price_change\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"period\": 0}]",
    "base_order_conditions[0].period: must be a whole number from 1 to 500 (got 0)" },
  { "safety_order_conditions",
    "[{\"type\": \"wma\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"}]",
    "safety_order_conditions[0].type: unknown indicator \"wma\": one of rsi, macd, bb_percent, ema_cross, "
    "sma_cross, stochastic, volume, price_change" },
  { "base_order_conditions",
    "[{\"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].type: required: one of rsi, *" },
  { "base_order_conditions",
    "[{\"type\": 7, \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].type: must be a string, one of rsi, macd, bb_percent, ema_cross, sma_cross, "
    "stochastic, volume, price_change (got 7)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"below\", \"value\": 30, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].operator: must be one of greater_than, less_than, greater_equal, less_equal, "
    "crossing_above, crossing_below (got \"below\")" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"value\": 30, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].operator: required: *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30}]",
    "base_order_conditions[0].timeframe: required: one of ONE_MINUTE, FIVE_MINUTE, *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"3m\"}]",
    "base_order_conditions[0].timeframe: must be one of ONE_MINUTE, FIVE_MINUTE, FIFTEEN_MINUTE, THIRTY_MINUTE, "
    "ONE_HOUR, TWO_HOUR, SIX_HOUR, ONE_DAY (or 1m, 5m, 15m, 30m, 1h, 2h, 6h, 1d) (got \"3m\")" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": 300}]",
    "base_order_conditions[0].timeframe: must be one of *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value: required: *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": \"30\", \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value: must be a finite number or an indicator object (got \"30\")" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": [30], \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value: must be a finite number or an indicator object (got an array)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 1e999, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value: must be a finite number or an indicator object *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": {\"type\": \"rsi\", \"period\": 1},"
    " \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value.period: must be a whole number from 2 to 500 (got 1)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": {\"type\": \"rsi\", \"operator\": \"less_than\"},"
    " \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value.operator: unknown key (an indicator value takes type, timeframe, period, "
    "fast_period, slow_period, signal_period, std_dev)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": {\"period\": 7}, \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value.type: required: *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": {\"type\": \"rsi\", \"timeframe\": \"2m\"},"
    " \"timeframe\": \"5m\"}]",
    "base_order_conditions[0].value.timeframe: must be one of *" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"periods\": 14}]",
    "base_order_conditions[0].periods: unknown key (a condition takes type, operator, value, timeframe, period, "
    "fast_period, slow_period, signal_period, std_dev)" },
  { "base_order_conditions",
    "[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\", \"std_dev\": 2}]",
    "base_order_conditions[0].std_dev: rsi takes no std_dev (it takes period)" },
  { "base_order_conditions",
    "[{\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": 30, \"timeframe\": \"5m\", \"period\": 20}]",
    "base_order_conditions[0].period: volume takes no period (it takes no parameters)" },
  { "base_order_conditions",
    "[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\", \"period\": 20}]",
    "base_order_conditions[0].period: macd takes no period (it takes fast_period, slow_period, signal_period)" },
  { "base_order_conditions",
    "[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\","
    " \"fast_period\": 26, \"slow_period\": 12}]",
    "base_order_conditions[0].slow_period: must be above fast_period (26) (got 12)" },
  { "base_order_conditions",
    "[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\", \"fast_period\": 30}]",
    "base_order_conditions[0].fast_period: must be below slow_period (26) (got 30)" },
  { "base_order_conditions",
    "[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\", \"signal_period\": 1}]",
    "base_order_conditions[0].signal_period: must be a whole number from 2 to 500 (got 1)" },
  { "base_order_conditions",
    "[{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\", \"std_dev\": 0}]",
    "base_order_conditions[0].std_dev: must be a number from 0.1 to 10 (got 0)" },
  { "base_order_conditions",
    "[{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"5m\", \"std_dev\": 10.5}]",
    "base_order_conditions[0].std_dev: must be a number from 0.1 to 10 (got 10.5)" },
  { "base_order_conditions",
    "[{\"logic\": \"xor\", \"conditions\": [" RSI_OK "]}]",
    "base_order_conditions[0].logic: must be \"and\" or \"or\" (got \"xor\")" },
  { "base_order_conditions",
    "[{\"conditions\": [" RSI_OK "]}]",
    "base_order_conditions[0].logic: required: \"and\" or \"or\"" },
  { "base_order_conditions",
    "[{\"logic\": \"and\", \"conditions\": []}]",
    "base_order_conditions[0].conditions: must hold at least one condition" },
  { "base_order_conditions",
    "[{\"logic\": \"and\"}]",
    "base_order_conditions[0].conditions: required: a list of conditions" },
  { "base_order_conditions",
    "[{\"logic\": \"and\", \"conditions\": " RSI_OK "}]",
    "base_order_conditions[0].conditions: must be a list of conditions (got an object)" },
  { "base_order_conditions",
    "[{\"logic\": \"and\", \"type\": \"rsi\", \"conditions\": [" RSI_OK "]}]",
    "base_order_conditions[0].type: unknown key (a group takes logic, conditions)" },
  { "base_order_conditions",
    "[" RSI_OK ", {\"logic\": \"and\", \"conditions\": [{\"logic\": \"or\", \"conditions\": [5]}]}]",
    "base_order_conditions[1].conditions[0].conditions[0]: must be a condition or a group object (got 5)" },
  { "base_order_conditions",
    "{\"type\": \"rsi\"}",
    "base_order_conditions: must be a list of conditions (got an object)" },
};

static void
test_validation_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaConditionList) list = parse_list_as (invalid_lists[i].json, DCA_LOGIC_AND,
                                                        invalid_lists[i].key, &error);
      const char *want = invalid_lists[i].message;
      gsize len = strlen (want);

      g_test_message ("%s", invalid_lists[i].json);
      g_assert_null (list);
      g_assert_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_INVALID);
      if (want[len - 1] == '*')
        {
          if (strncmp (error->message, want, len - 1) != 0)
            g_error ("message \"%s\" does not start with \"%.*s\"", error->message, (int) len - 1, want);
        }
      else
        g_assert_cmpstr (error->message, ==, want);
    }
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(DcaConditionList) list = NULL;
  g_autoptr(GError) error = NULL;

  /* 32 levels are fine, 33 are not */
  for (guint i = 0; i < DCA_CONDITION_MAX_DEPTH; i++)
    g_string_append (ok, "[{\"logic\": \"or\", \"conditions\": ");
  g_string_append (ok, "[" RSI_OK "]");
  for (guint i = 0; i < DCA_CONDITION_MAX_DEPTH; i++)
    g_string_append (ok, "}]");
  g_string_append_printf (deep, "[{\"logic\": \"and\", \"conditions\": %s}]", ok->str);

  list = parse_list (ok->str);
  g_assert_nonnull (list);
  g_assert_null (parse_list_as (deep->str, DCA_LOGIC_AND, "k", &error));
  g_assert_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message, "conditions: groups nest too deep (at most 32 levels)"));
}

static void
test_round_trip (void)
{
  static const char *const lists[] = {
    "[]",
    "[" RSI_OK "]",
    "[{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 0.1, \"timeframe\": \"5m\", \"std_dev\": 2.5},"
    " {\"type\": \"price_change\", \"operator\": \"less_than\", \"value\": -0.333333333333333, \"timeframe\": \"1h\", \"period\": 12}]",
    "[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": {\"type\": \"macd\", \"fast_period\": 8,"
    " \"slow_period\": 21, \"signal_period\": 5}, \"timeframe\": \"FIVE_MINUTE\"}]",
    "[{\"type\": \"ema_cross\", \"operator\": \"crossing_above\", \"value\": {\"type\": \"sma_cross\", \"period\": 50,"
    " \"timeframe\": \"ONE_HOUR\"}, \"timeframe\": \"FIFTEEN_MINUTE\", \"period\": 9}]",
    "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
    " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"logic\": \"and\", \"conditions\": ["
    " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 50},"
    " {\"type\": \"volume\", \"operator\": \"greater_equal\", \"value\": 123456789012, \"timeframe\": \"1d\"}]}]},"
    " {\"type\": \"stochastic\", \"operator\": \"less_equal\", \"value\": 1e300, \"timeframe\": \"2h\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (DcaLogic logic = DCA_LOGIC_AND; logic <= DCA_LOGIC_OR; logic++)
      {
        g_autoptr(DcaConditionList) a = parse_list_as (lists[i], logic, "k", NULL);
        g_autofree char *a_json = list_json (a);
        g_autoptr(DcaConditionList) b = parse_list_as (a_json, logic, "k", NULL);
        g_autofree char *b_json = list_json (b);

        g_assert_nonnull (a);
        g_assert_nonnull (b);
        g_assert_true (dca_condition_list_equal (a, b));
        g_assert_cmpstr (a_json, ==, b_json);
      }

  /* and equality notices a difference anywhere */
  {
    g_autoptr(DcaConditionList) base = parse_list (lists[5]);
    static const char *const others[] = {
      /* value 95 -> 96 */
      "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 96,"
      " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"logic\": \"and\", \"conditions\": ["
      " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 50},"
      " {\"type\": \"volume\", \"operator\": \"greater_equal\", \"value\": 123456789012, \"timeframe\": \"1d\"}]}]},"
      " {\"type\": \"stochastic\", \"operator\": \"less_equal\", \"value\": 1e300, \"timeframe\": \"2h\"}]",
      /* inner logic and -> or */
      "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
      " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"logic\": \"or\", \"conditions\": ["
      " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 50},"
      " {\"type\": \"volume\", \"operator\": \"greater_equal\", \"value\": 123456789012, \"timeframe\": \"1d\"}]}]},"
      " {\"type\": \"stochastic\", \"operator\": \"less_equal\", \"value\": 1e300, \"timeframe\": \"2h\"}]",
      /* ema period 50 -> 49 */
      "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
      " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"logic\": \"and\", \"conditions\": ["
      " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 49},"
      " {\"type\": \"volume\", \"operator\": \"greater_equal\", \"value\": 123456789012, \"timeframe\": \"1d\"}]}]},"
      " {\"type\": \"stochastic\", \"operator\": \"less_equal\", \"value\": 1e300, \"timeframe\": \"2h\"}]",
      /* the last condition missing */
      "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
      " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"logic\": \"and\", \"conditions\": ["
      " {\"type\": \"ema_cross\", \"operator\": \"crossing_below\", \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 50},"
      " {\"type\": \"volume\", \"operator\": \"greater_equal\", \"value\": 123456789012, \"timeframe\": \"1d\"}]}]}]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autoptr(DcaConditionList) other = parse_list (others[i]);

        g_assert_false (dca_condition_list_equal (base, other));
      }
  }
}

static void
test_timeframes_and_describe (void)
{
  g_autoptr(DcaConditionList) list =
    parse_list ("[{\"type\": \"rsi\", \"operator\": \"crossing_above\", \"value\": 35, \"timeframe\": \"5m\"},"
                " {\"logic\": \"or\", \"conditions\": [{\"type\": \"macd\", \"operator\": \"greater_than\","
                " \"value\": {\"type\": \"macd\", \"fast_period\": 8, \"slow_period\": 21, \"signal_period\": 5,"
                " \"timeframe\": \"1d\"}, \"timeframe\": \"1h\"}, {\"type\": \"bb_percent\", \"operator\": \"less_than\","
                " \"value\": 0, \"timeframe\": \"5m\", \"std_dev\": 2.5}]}]");
  gboolean used[DCA_N_TIMEFRAMES] = { FALSE };
  g_autofree char *text = dca_condition_list_describe (list);

  used[DCA_TIMEFRAME_TWO_HOUR] = TRUE; /* left alone */
  dca_condition_list_get_timeframes (list, used);
  for (guint i = 0; i < DCA_N_TIMEFRAMES; i++)
    g_assert_cmpint (used[i], ==, i == DCA_TIMEFRAME_FIVE_MINUTE || i == DCA_TIMEFRAME_ONE_HOUR ||
                                  i == DCA_TIMEFRAME_ONE_DAY || i == DCA_TIMEFRAME_TWO_HOUR);
  g_assert_cmpstr (text, ==, "RSI(14, 5m) crossing above 35 and "
                             "(MACD(12, 26, 9, 1h) > MACD(8, 21, 5, 1d) or %B(20, 2.5, 5m) < 0)");
}

/* Evaluation ----------------------------------------------------------- */

/* A bank on 5m candles with one bound list. */
static DcaSignals *
bank_with (const char *json,
           int        *handle)
{
  g_autoptr(DcaConditionList) list = parse_list (json);
  g_autoptr(GError) error = NULL;
  DcaSignals *s = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);

  *handle = dca_signals_bind (s, list, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*handle, >=, 0);
  return s;
}

static const struct
{
  const char *op;
  double      value;
  double      prev;   /* NAN: only one candle */
  double      cur;
  gboolean    expected;
} operator_cases[] = {
  { "greater_than", 15, 10, 20, TRUE },
  { "greater_than", 20, 10, 20, FALSE },
  { "greater_than", 20, NAN, 21, TRUE },
  { "less_than", 15, 10, 20, FALSE },
  { "less_than", 20.5, 30, 20, TRUE },
  { "less_than", 20, 30, 20, FALSE },
  { "greater_equal", 20, 10, 20, TRUE },
  { "greater_equal", 20.0001, 10, 20, FALSE },
  { "less_equal", 20, 30, 20, TRUE },
  { "less_equal", 19.9999, 30, 20, FALSE },
  { "less_equal", 20, NAN, 20, TRUE },
  /* previous <= value and current > value */
  { "crossing_above", 15, 10, 20, TRUE },
  { "crossing_above", 15, 15, 20, TRUE },
  { "crossing_above", 15, 16, 20, FALSE },   /* already above */
  { "crossing_above", 20, 10, 20, FALSE },   /* reaching is not crossing */
  { "crossing_above", 15, 20, 10, FALSE },
  { "crossing_above", 15, NAN, 20, FALSE },  /* no previous value */
  /* previous >= value and current < value */
  { "crossing_below", 15, 20, 10, TRUE },
  { "crossing_below", 15, 15, 10, TRUE },
  { "crossing_below", 15, 14, 10, FALSE },
  { "crossing_below", 10, 20, 10, FALSE },
  { "crossing_below", 15, 10, 20, FALSE },
  { "crossing_below", 15, NAN, 10, FALSE },
};

static void
test_operators (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (operator_cases); i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(DcaSignals) s = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      int h;
      gint64 t = T0;

      /* volume is the candle's own volume: the values are exactly known */
      json = g_strdup_printf ("[{\"type\": \"volume\", \"operator\": \"%s\", \"value\": %s, \"timeframe\": \"5m\"}]",
                              operator_cases[i].op,
                              g_ascii_dtostr (buf, sizeof buf, operator_cases[i].value));
      s = bank_with (json, &h);
      g_assert_false (dca_signals_eval (s, h)); /* nothing pushed yet */
      if (!isnan (operator_cases[i].prev))
        {
          DcaCandle c = candle (t, 1, operator_cases[i].prev);

          dca_signals_push_base (s, &c);
          t += 300;
        }
      {
        DcaCandle c = candle (t, 1, operator_cases[i].cur);

        dca_signals_push_base (s, &c);
      }
      if (dca_signals_eval (s, h) != operator_cases[i].expected)
        g_error ("volume %g -> %g %s %g: expected %s", operator_cases[i].prev, operator_cases[i].cur,
                 operator_cases[i].op, operator_cases[i].value, operator_cases[i].expected ? "true" : "false");
    }
}

/* A condition's truth given the volume: "volume > 50" with 100 or 0. */
#define V_TRUE(n)  "{\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": " #n ", \"timeframe\": \"5m\"}"

static gboolean
eval_once (const char *json,
           DcaLogic    logic)
{
  g_autoptr(DcaConditionList) list = parse_list_as (json, logic, "k", NULL);
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  DcaCandle c = candle (T0, 1, 50);
  int h;

  g_assert_nonnull (list);
  h = dca_signals_bind (s, list, NULL);
  dca_signals_push_base (s, &c);
  return dca_signals_eval (s, h);
}

static void
test_groups (void)
{
  /* with volume 50: V_TRUE(10) holds, V_TRUE(90) does not */
#define T V_TRUE (10)
#define F V_TRUE (90)
  g_assert_true (eval_once ("[" T "]", DCA_LOGIC_AND));
  g_assert_false (eval_once ("[" F "]", DCA_LOGIC_OR));
  g_assert_false (eval_once ("[" T ", " F "]", DCA_LOGIC_AND));
  g_assert_true (eval_once ("[" T ", " F "]", DCA_LOGIC_OR));
  g_assert_true (eval_once ("[" T ", " T "]", DCA_LOGIC_AND));
  g_assert_false (eval_once ("[" F ", " F "]", DCA_LOGIC_OR));
  /* groups take their own logic, whatever the list's */
  g_assert_true (eval_once ("[{\"logic\": \"or\", \"conditions\": [" F ", " T "]}, " T "]", DCA_LOGIC_AND));
  g_assert_false (eval_once ("[{\"logic\": \"and\", \"conditions\": [" F ", " T "]}, " F "]", DCA_LOGIC_OR));
  g_assert_true (eval_once ("[{\"logic\": \"and\", \"conditions\": [" T ", " T "]}, " F "]", DCA_LOGIC_OR));
  /* nested: F or (T and (F or T)) */
  g_assert_true (eval_once ("[{\"logic\": \"or\", \"conditions\": [" F ", {\"logic\": \"and\", \"conditions\": ["
                            T ", {\"logic\": \"or\", \"conditions\": [" F ", " T "]}]}]}]", DCA_LOGIC_AND));
  /* F or (T and (F or F)) */
  g_assert_false (eval_once ("[{\"logic\": \"or\", \"conditions\": [" F ", {\"logic\": \"and\", \"conditions\": ["
                             T ", {\"logic\": \"or\", \"conditions\": [" F ", " F "]}]}]}]", DCA_LOGIC_AND));
  /* a group after a short-circuited one is still reached: (F and T) or T */
  g_assert_true (eval_once ("[{\"logic\": \"and\", \"conditions\": [" F ", " T "]}, " T "]", DCA_LOGIC_OR));
  /* and one after a group that held: (T or F) and F */
  g_assert_false (eval_once ("[{\"logic\": \"or\", \"conditions\": [" T ", " F "]}, " F "]", DCA_LOGIC_AND));
#undef T
#undef F
}

static void
test_empty_list_evaluates_true (void)
{
  g_autoptr(DcaConditionList) list = dca_condition_list_parse (NULL, DCA_LOGIC_AND, "k", NULL);
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_ONE_HOUR);
  g_autofree char *text = NULL;
  int h = dca_signals_bind (s, list, NULL);

  g_assert_cmpint (h, >=, 0);
  g_assert_true (dca_signals_eval (s, h));
  text = dca_signals_explain (s, h);
  g_assert_cmpstr (text, ==, "no conditions: yes");
}

static void
test_indicator_vs_indicator (void)
{
  int h;
  /* volume against the % change of the close: both known exactly */
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"volume\", \"operator\": \"crossing_above\","
               " \"value\": {\"type\": \"price_change\", \"period\": 1}, \"timeframe\": \"5m\"}]", &h);
  static const struct { double close, volume; gboolean expected; } steps[] = {
    { 100, 5, FALSE },    /* no change yet: the right side lacks history */
    { 110, 5, FALSE },    /* change 10 > volume 5: only one value of the change */
    { 121, 12, TRUE },    /* 5 <= 10 then 12 > 10 */
    { 121, 12, FALSE },   /* 12 > 0 already */
    { 145.2, 15, FALSE },  /* 12 > 0, then 15 < 20: from above to below */
    { 174.24, 25, TRUE },  /* 15 <= 20, 25 > 20 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      DcaCandle c = candle (T0 + 300 * i, steps[i].close, steps[i].volume);

      dca_signals_push_base (s, &c);
      if (dca_signals_eval (s, h) != steps[i].expected)
        g_error ("step %u: expected %d", i, steps[i].expected);
    }
}

static DcaCandleSeries *
load_market (const char *file)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  DcaCandleSeries *series;

  if (root != NULL)
    path = g_build_filename (root, "data", "market", file, NULL);
  else
    path = g_build_filename (DCA_SOURCE_DATADIR, "market", file, NULL);
  series = dca_candle_series_load_csv (path, &error);
  g_assert_no_error (error);
  return series;
}

static DcaCandleSeries *
load_eth_btc (void)
{
  return load_market ("ETH-BTC-5m.csv");
}

/* MACD(12, 26, 9) > MACD(8, 21, 5) on real candles: the bank's answer is
 * the comparison of the two histograms computed directly. */
static void
test_indicator_vs_indicator_real (void)
{
  g_autoptr(DcaCandleSeries) series = load_eth_btc ();
  int h;
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": {\"type\": \"macd\","
               " \"fast_period\": 8, \"slow_period\": 21, \"signal_period\": 5}, \"timeframe\": \"FIVE_MINUTE\"}]", &h);
  DcaMacd a, b;
  guint n_true = 0, n_false = 0;

  dca_macd_init (&a, 12, 26, 9);
  dca_macd_init (&b, 8, 21, 5);
  for (gsize i = 0; i < series->len; i++)
    {
      gboolean ra = dca_macd_update (&a, series->candles[i].close);
      gboolean rb = dca_macd_update (&b, series->candles[i].close);
      gboolean want = ra && rb && a.histogram > b.histogram;

      dca_signals_push_base (s, &series->candles[i]);
      g_assert_cmpint (dca_signals_eval (s, h), ==, want);
      if (want)
        n_true++;
      else
        n_false++;
    }
  g_assert_cmpuint (n_true, >, 100);
  g_assert_cmpuint (n_false, >, 100);
}

static void
test_too_little_history (void)
{
  int h;
  /* RSI is always below 1000 once it exists; the right side needs 51 */
  g_autoptr(DcaSignals) s = bank_with ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 1000, \"timeframe\": \"5m\"}]", &h);
  g_autoptr(DcaSignals) s2 = NULL;
  g_autoptr(DcaSignals) s3 = NULL;
  int h2, h3;

  s2 = bank_with ("[{\"type\": \"rsi\", \"operator\": \"greater_than\", \"value\": {\"type\": \"rsi\", \"period\": 50},"
                  " \"timeframe\": \"5m\"}]", &h2);
  s3 = bank_with ("[{\"type\": \"rsi\", \"operator\": \"greater_than\", \"value\": {\"type\": \"rsi\", \"period\": 50},"
                  " \"timeframe\": \"5m\", \"period\": 49}]", &h3);
  g_assert_cmpuint (dca_signals_get_warmup (s, DCA_TIMEFRAME_FIVE_MINUTE), ==, 16);
  g_assert_cmpuint (dca_signals_get_warmup (s, DCA_TIMEFRAME_ONE_HOUR), ==, 0);
  g_assert_cmpuint (dca_signals_get_warmup (s2, DCA_TIMEFRAME_FIVE_MINUTE), ==, 52);

  for (guint i = 1; i <= 60; i++)
    {
      /* rising and falling, so that RSI(49) and RSI(50) differ */
      DcaCandle c = candle (T0 + 300 * i, 1 + 0.1 * sin (i * 0.7) + 0.001 * i, 1);

      dca_signals_push_base (s, &c);
      dca_signals_push_base (s2, &c);
      dca_signals_push_base (s3, &c);
      /* 14 changes need 15 closes */
      g_assert_cmpint (dca_signals_eval (s, h), ==, i >= 15);
      /* RSI(14) exists long before RSI(50), which needs 51 closes */
      if (i <= 50)
        g_assert_false (dca_signals_eval (s2, h2));
      if (i <= 50)
        g_assert_false (dca_signals_eval (s3, h3));
    }
}

/* Longer timeframes -------------------------------------------------------- */

static void
test_no_look_ahead (void)
{
  int h;
  /* an hour's volume above 100: hour 0 trades 12 x 1, hour 1 12 x 10 */
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": 100, \"timeframe\": \"ONE_HOUR\"}]", &h);

  for (guint i = 0; i < 24; i++)
    {
      DcaCandle c = candle (T0 + 300 * i, 1, i < 12 ? 1 : 10);
      g_autofree char *text = NULL;

      dca_signals_push_base (s, &c);
      text = dca_signals_explain (s, h);
      g_test_message ("candle %u: %s", i, text);
      if (i < 11)
        g_assert_cmpstr (text, ==, "volume(1h) n/a > 100: no");
      else if (i < 23)
        /* hour 1 is not closed before its last 5m candle: what was pushed
         * of it already sums to 110 but does not count yet */
        g_assert_cmpstr (text, ==, "volume(1h) 12.00 > 100: no");
      else
        g_assert_cmpstr (text, ==, "volume(1h) 120.00 > 100: yes");
      g_assert_cmpint (dca_signals_eval (s, h), ==, i == 23);
    }
}

/* The hour's candle has the hour's open, high, low, close and volume. */
static void
test_aggregated_candle (void)
{
  int h;
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"stochastic\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"ONE_HOUR\","
               " \"period\": 2}, {\"type\": \"price_change\", \"operator\": \"greater_than\", \"value\": 0,"
               " \"timeframe\": \"1h\"}]", &h);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 24; i++)
    {
      DcaCandle c = candle (T0 + 300 * i, 10 + i, 1);

      /* hour 0: lows down to 5; hour 1: highs up to 40, closes at 33 */
      c.low = i == 3 ? 5 : c.close - 1;
      c.high = i == 20 ? 40 : c.close + 1;
      dca_signals_push_base (s, &c);
    }
  text = dca_signals_explain (s, h);
  /* %K over two hours: (33 - 5) / (40 - 5) x 100 = 80; change: 33 / 21 */
  g_assert_cmpstr (text, ==, "all of {%K(2, 1h) 80.00 > 0: yes; change%(1, 1h) 57.14 > 0: yes}: yes");
}

static void
test_gaps (void)
{
  int h;
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"ONE_HOUR\"},"
               " {\"type\": \"price_change\", \"operator\": \"greater_than\", \"value\": -1000, \"timeframe\": \"ONE_HOUR\"}]",
               &h);
  struct { guint slot; double close; } pushes[] = {
    /* hour 0 complete */
    { 0, 1 }, { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 1 }, { 5, 1 },
    { 6, 1 }, { 7, 1 }, { 8, 1 }, { 9, 1 }, { 10, 1 }, { 11, 2 },
    /* hour 1 without its last candle (slot 23) */
    { 12, 1 }, { 13, 1 }, { 22, 3 },
    /* hour 2 missing entirely; hour 3 starts */
    { 36, 4 },
  };
  const char *expected[] = {
    [11] = "all of {volume(1h) 12.00 > 0: yes; change%(1, 1h) n/a > -1000: no}: no",
    [14] = "all of {volume(1h) 12.00 > 0: yes; change%(1, 1h) n/a > -1000: no}: no",
    /* hour 1 closes when the first candle of a later hour arrives, and
     * only with its own candles: volume 3, close 3 */
    [15] = "all of {volume(1h) 3.00 > 0: yes; change%(1, 1h) 50.00 > -1000: yes}: yes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pushes); i++)
    {
      DcaCandle c = candle (T0 + 300 * pushes[i].slot, pushes[i].close, 1);
      g_autofree char *text = NULL;

      dca_signals_push_base (s, &c);
      text = dca_signals_explain (s, h);
      g_test_message ("push %u: %s", i, text);
      if (i < 11)
        g_assert_true (g_str_has_prefix (text, "all of {volume(1h) n/a"));
      else if (i < G_N_ELEMENTS (expected) && expected[i] != NULL)
        g_assert_cmpstr (text, ==, expected[i]);
    }
  /* hour 3 ends with its last slot: no candle for the empty hour 2, so the
   * change is against hour 1 (3 -> 5) */
  {
    DcaCandle c = candle (T0 + 300 * 47, 5, 1);
    g_autofree char *text = NULL;

    dca_signals_push_base (s, &c);
    text = dca_signals_explain (s, h);
    g_assert_cmpstr (text, ==, "all of {volume(1h) 2.00 > 0: yes; change%(1, 1h) 66.67 > -1000: yes}: yes");
  }
  /* an old or repeated candle changes nothing */
  {
    DcaCandle c = candle (T0 + 300 * 47, 500, 1000);
    g_autofree char *text = NULL;

    dca_signals_push_base (s, &c);
    text = dca_signals_explain (s, h);
    g_assert_cmpstr (text, ==, "all of {volume(1h) 2.00 > 0: yes; change%(1, 1h) 66.67 > -1000: yes}: yes");
  }
}

static void
test_shorter_timeframe_is_a_bind_error (void)
{
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_ONE_HOUR);
  g_autoptr(DcaConditionList) ok = parse_list ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"1h\"},"
                                               " {\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"1d\"}]");
  g_autoptr(DcaConditionList) lhs = NULL;
  g_autoptr(DcaConditionList) rhs = NULL;
  g_autoptr(GError) error = NULL;

  lhs = parse_list_as ("[" RSI_OK ", {\"logic\": \"or\", \"conditions\": [" RSI_OK "]}]", DCA_LOGIC_AND,
                       "safety_order_conditions", NULL);
  rhs = parse_list_as ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": {\"type\": \"rsi\","
                       " \"timeframe\": \"15m\"}, \"timeframe\": \"1h\"}]", DCA_LOGIC_AND, "take_profit_conditions", NULL);

  g_assert_cmpint (dca_signals_bind (s, ok, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (dca_signals_bind (s, lhs, &error), ==, -1);
  g_assert_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_TIMEFRAME);
  g_assert_cmpstr (error->message, ==,
                   "safety_order_conditions[0].timeframe: FIVE_MINUTE is shorter than the ONE_HOUR candles given, "
                   "which cannot make a 5m candle; give candles of 5m or shorter");
  g_clear_error (&error);

  g_assert_cmpint (dca_signals_bind (s, rhs, &error), ==, -1);
  g_assert_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_TIMEFRAME);
  g_assert_true (g_str_has_prefix (error->message, "take_profit_conditions[0].value.timeframe: FIFTEEN_MINUTE is shorter"));
  g_clear_error (&error);

  /* a live bank has no base and takes any timeframe */
  {
    g_autoptr(DcaSignals) live = dca_signals_new (DCA_TIMEFRAME_INVALID);

    g_assert_cmpint (dca_signals_bind (live, lhs, &error), ==, 0);
    g_assert_no_error (error);
  }
}

static void
test_explain (void)
{
  int h;
  g_autoptr(DcaSignals) s =
    bank_with ("[{\"type\": \"volume\", \"operator\": \"crossing_above\", \"value\": 15, \"timeframe\": \"5m\"},"
               " {\"logic\": \"or\", \"conditions\": [{\"type\": \"price_change\", \"operator\": \"less_than\","
               " \"value\": {\"type\": \"volume\"}, \"timeframe\": \"5m\"}, {\"type\": \"volume\", \"operator\": \"greater_equal\","
               " \"value\": 0.5, \"timeframe\": \"5m\"}]}]", &h);
  DcaCandle a = candle (T0, 0.000123, 10);
  DcaCandle b = candle (T0 + 300, 0.0001353, 20);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  dca_signals_push_base (s, &a);
  first = dca_signals_explain (s, h);
  g_assert_cmpstr (first, ==,
                   "all of {volume(5m) n/a -> 10.00 crossing above 15: no; any of {change%(1, 5m) n/a < "
                   "volume(5m) 10.00: no; volume(5m) 10.00 >= 0.5: yes}: yes}: no");
  dca_signals_push_base (s, &b);
  second = dca_signals_explain (s, h);
  g_assert_cmpstr (second, ==,
                   "all of {volume(5m) 10.00 -> 20.00 crossing above 15: yes; any of {change%(1, 5m) 10.00 < "
                   "volume(5m) 20.00: yes; volume(5m) 20.00 >= 0.5: yes}: yes}: yes");
  g_assert_true (dca_signals_eval (s, h));
}

/* Indicators are shared by identical specs, history included. */
static void
test_shared_instances (void)
{
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  g_autoptr(DcaConditionList) a = parse_list ("[{\"type\": \"rsi\", \"operator\": \"less_than\", \"value\": 1000, \"timeframe\": \"5m\"}]");
  g_autoptr(DcaConditionList) b = parse_list ("[{\"type\": \"rsi\", \"operator\": \"greater_than\", \"value\": -1, \"timeframe\": \"FIVE_MINUTE\", \"period\": 14}]");
  g_autoptr(DcaConditionList) c = parse_list ("[{\"type\": \"rsi\", \"operator\": \"greater_than\", \"value\": -1, \"timeframe\": \"5m\", \"period\": 15}]");
  int ha, hb, hc;

  ha = dca_signals_bind (s, a, NULL);
  for (guint i = 0; i < 20; i++)
    {
      DcaCandle k = candle (T0 + 300 * i, 1 + (i % 3), 1);

      dca_signals_push_base (s, &k);
    }
  hb = dca_signals_bind (s, b, NULL);
  hc = dca_signals_bind (s, c, NULL);
  g_assert_cmpint (ha, ==, 0);
  g_assert_cmpint (hb, ==, 1);
  g_assert_cmpint (hc, ==, 2);
  g_assert_true (dca_signals_eval (s, ha));
  g_assert_true (dca_signals_eval (s, hb));   /* the same RSI(14, 5m), already warm */
  g_assert_false (dca_signals_eval (s, hc));  /* a new RSI(15) starts empty */
}

/* A longer timeframe bound after candles went by never builds a candle from
 * the part of a period it saw. */
static void
test_bound_mid_way (void)
{
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  g_autoptr(DcaConditionList) early = parse_list ("[" V_TRUE (0) "]");
  g_autoptr(DcaConditionList) hourly =
    parse_list ("[{\"type\": \"volume\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"1h\"}]");
  int h = -1;

  g_assert_cmpint (dca_signals_bind (s, early, NULL), ==, 0);
  for (guint i = 0; i < 30; i++)
    {
      DcaCandle c = candle (T0 + 300 * i, 1, i < 24 ? 1 : 10);
      g_autofree char *text = NULL;

      if (i == 6)
        h = dca_signals_bind (s, hourly, NULL);
      dca_signals_push_base (s, &c);
      if (i < 6)
        continue;
      text = dca_signals_explain (s, h);
      if (i < 23)
        g_assert_cmpstr (text, ==, "volume(1h) n/a > 0: no");  /* hour 0 was seen in part */
      else
        g_assert_cmpstr (text, ==, "volume(1h) 12.00 > 0: yes");
    }
}

/* The live engine pushes each timeframe's closed candles itself; the
 * backtester pushes 5m candles and lets the bank build the rest.  On the same
 * market they must agree at every step, gaps included. */
typedef struct
{
  DcaTimeframe tf;
  gint64       seconds;
  gboolean     open;
  DcaCandle    bucket;
} Agg;

static void
agg_emit (Agg        *agg,
          DcaSignals *live)
{
  if (agg->open)
    dca_signals_push (live, agg->tf, &agg->bucket);
  agg->open = FALSE;
}

static void
compare_live_backtest (const DcaCandleSeries *series)
{
  static const char *const json =
    "[{\"type\": \"rsi\", \"operator\": \"crossing_above\", \"value\": 45, \"timeframe\": \"1h\", \"period\": 7},"
    " {\"logic\": \"or\", \"conditions\": ["
    "  {\"type\": \"macd\", \"operator\": \"greater_than\", \"value\": {\"type\": \"macd\", \"timeframe\": \"5m\"},"
    "   \"timeframe\": \"15m\", \"fast_period\": 5, \"slow_period\": 10, \"signal_period\": 4},"
    "  {\"type\": \"bb_percent\", \"operator\": \"less_than\", \"value\": 30, \"timeframe\": \"5m\"},"
    "  {\"type\": \"stochastic\", \"operator\": \"crossing_below\", \"value\": 50, \"timeframe\": \"30m\", \"period\": 5},"
    "  {\"type\": \"ema_cross\", \"operator\": \"greater_than\", \"value\": 0, \"timeframe\": \"2h\", \"period\": 5},"
    "  {\"type\": \"price_change\", \"operator\": \"less_than\", \"value\": -0.5, \"timeframe\": \"1h\", \"period\": 2}]}]";
  g_autoptr(DcaConditionList) list = parse_list (json);
  g_autoptr(DcaSignals) backtest = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  g_autoptr(DcaSignals) live = dca_signals_new (DCA_TIMEFRAME_INVALID);
  gboolean used[DCA_N_TIMEFRAMES] = { FALSE };
  Agg aggs[DCA_N_TIMEFRAMES];
  guint n_aggs = 0, n_true = 0, n_gaps = 0;
  int hb, hl;

  hb = dca_signals_bind (backtest, list, NULL);
  hl = dca_signals_bind (live, list, NULL);
  g_assert_cmpint (hb, >=, 0);
  g_assert_cmpint (hl, >=, 0);

  dca_condition_list_get_timeframes (list, used);
  for (guint tf = DCA_TIMEFRAME_FIFTEEN_MINUTE; tf < DCA_N_TIMEFRAMES; tf++)
    if (used[tf])
      aggs[n_aggs++] = (Agg) { tf, dca_timeframe_seconds (tf), FALSE, { 0 } };
  g_assert_cmpuint (n_aggs, ==, 4);

  for (gsize i = 0; i < series->len; i++)
    {
      const DcaCandle *c = &series->candles[i];
      g_autofree char *bt_text = NULL;
      g_autofree char *live_text = NULL;

      if (i > 0 && c->time - series->candles[i - 1].time > 300)
        n_gaps++;

      /* the exchange's candles of each longer timeframe, as the engine
       * would receive them once closed */
      for (guint a = 0; a < n_aggs; a++)
        {
          Agg *agg = &aggs[a];
          gint64 start = c->time - c->time % agg->seconds;

          if (agg->open && agg->bucket.time != start)
            agg_emit (agg, live);
        }
      dca_signals_push (live, DCA_TIMEFRAME_FIVE_MINUTE, c);
      for (guint a = 0; a < n_aggs; a++)
        {
          Agg *agg = &aggs[a];
          gint64 start = c->time - c->time % agg->seconds;

          if (!agg->open)
            {
              agg->bucket = *c;
              agg->bucket.time = start;
              agg->open = TRUE;
            }
          else
            {
              agg->bucket.high = MAX (agg->bucket.high, c->high);
              agg->bucket.low = MIN (agg->bucket.low, c->low);
              agg->bucket.close = c->close;
              agg->bucket.volume += c->volume;
            }
          if (c->time + 300 >= start + agg->seconds)
            agg_emit (agg, live);
        }

      dca_signals_push_base (backtest, c);

      bt_text = dca_signals_explain (backtest, hb);
      live_text = dca_signals_explain (live, hl);
      g_assert_cmpstr (bt_text, ==, live_text);
      g_assert_cmpint (dca_signals_eval (backtest, hb), ==, dca_signals_eval (live, hl));
      if (dca_signals_eval (live, hl))
        n_true++;
    }
  g_test_message ("%u of %" G_GSIZE_FORMAT " candles held; %u gaps", n_true, series->len, n_gaps);
  /* the comparison is only worth something if the answer changes */
  g_assert_cmpuint (n_true, >, 10);
  g_assert_cmpuint (n_true, <, series->len - 10);
  g_assert_cmpuint (n_gaps, >, 0);
}

static void
test_live_matches_backtest (void)
{
  /* ADA-BTC has real gaps, up to 33 candles (2 h 45 min) */
  g_autoptr(DcaCandleSeries) ada = load_market ("ADA-BTC-5m.csv");
  g_autoptr(DcaCandleSeries) holed = dca_candle_series_new ();
  g_autoptr(DcaCandleSeries) eth = load_eth_btc ();

  compare_live_backtest (ada);

  /* ETH-BTC has none: punch holes in it, at every position within an
   * hour (the hour's last candle included) and a whole day */
  for (gsize i = 0; i < eth->len; i++)
    if (i % 151 != 7 && (i < 2000 || i >= 2000 + 288 + 5))
      dca_candle_series_append (holed, &eth->candles[i]);
  compare_live_backtest (holed);
}

/* The live path ignores repeated candles and timeframes nobody uses. */
static void
test_live_push (void)
{
  g_autoptr(DcaConditionList) list =
    parse_list ("[{\"type\": \"volume\", \"operator\": \"crossing_above\", \"value\": 15, \"timeframe\": \"1h\"}]");
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_INVALID);
  DcaCandle a = candle (T0, 1, 10);
  DcaCandle b = candle (T0 + 3600, 1, 20);
  DcaCandle five = candle (T0 + 3600, 1, 1);
  int h = dca_signals_bind (s, list, NULL);

  dca_signals_push (s, DCA_TIMEFRAME_ONE_HOUR, &a);
  dca_signals_push (s, DCA_TIMEFRAME_ONE_HOUR, &b);
  g_assert_true (dca_signals_eval (s, h));
  /* the engine fetches the same closed hour again */
  dca_signals_push (s, DCA_TIMEFRAME_ONE_HOUR, &b);
  g_assert_true (dca_signals_eval (s, h));
  dca_signals_push (s, DCA_TIMEFRAME_FIVE_MINUTE, &five);
  g_assert_true (dca_signals_eval (s, h));
  g_assert_cmpuint (dca_signals_get_warmup (s, DCA_TIMEFRAME_ONE_HOUR), ==, 2);
}

/* The example bot's lists (shared/spec/examples/conditions-bot.json) bind
 * and run on the real candles. */
static void
test_example_bot_lists (void)
{
  static const char *const base =
    "[{\"type\": \"rsi\", \"operator\": \"crossing_above\", \"value\": 35, \"timeframe\": \"FIVE_MINUTE\", \"period\": 14}]";
  static const char *const take_profit =
    "[{\"logic\": \"or\", \"conditions\": [{\"type\": \"bb_percent\", \"operator\": \"greater_than\", \"value\": 95,"
    " \"timeframe\": \"FIVE_MINUTE\", \"period\": 20, \"std_dev\": 2}, {\"type\": \"ema_cross\", \"operator\": \"crossing_below\","
    " \"value\": 0, \"timeframe\": \"FIVE_MINUTE\", \"period\": 50}]}]";
  g_autoptr(DcaCandleSeries) series = load_eth_btc ();
  g_autoptr(DcaConditionList) bl = parse_list (base);
  g_autoptr(DcaConditionList) tl = parse_list (take_profit);
  g_autoptr(DcaSignals) s = dca_signals_new (DCA_TIMEFRAME_FIVE_MINUTE);
  DcaRsi rsi;
  DcaBollinger bb;
  DcaEma ema;
  double prev_rsi = 0, prev_cross = 0;
  gboolean prev_rsi_ok = FALSE, prev_cross_ok = FALSE;
  guint n_base = 0, n_tp = 0;
  int hb = dca_signals_bind (s, bl, NULL);
  int ht = dca_signals_bind (s, tl, NULL);

  dca_rsi_init (&rsi, 14);
  dca_bollinger_init (&bb, 20, 2);
  dca_ema_init (&ema, 50);
  for (gsize i = 0; i < series->len; i++)
    {
      double close = series->candles[i].close;
      gboolean rsi_ok = dca_rsi_update (&rsi, close);
      gboolean bb_ok = dca_bollinger_update (&bb, close);
      gboolean ema_ok = dca_ema_update (&ema, close);
      double cross = close - ema.value;
      gboolean want_base = rsi_ok && prev_rsi_ok && prev_rsi <= 35 && rsi.value > 35;
      gboolean want_tp = (bb_ok && bb.percent_b > 95) ||
                         (ema_ok && prev_cross_ok && prev_cross >= 0 && cross < 0);

      dca_signals_push_base (s, &series->candles[i]);
      g_assert_cmpint (dca_signals_eval (s, hb), ==, want_base);
      g_assert_cmpint (dca_signals_eval (s, ht), ==, want_tp);
      n_base += want_base;
      n_tp += want_tp;
      prev_rsi = rsi.value;
      prev_rsi_ok = rsi_ok;
      prev_cross = cross;
      prev_cross_ok = ema_ok;
    }
  g_assert_cmpuint (n_base, >, 10);
  g_assert_cmpuint (n_tp, >, 10);
  dca_bollinger_clear (&bb);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conditions/parse/defaults", test_parse_defaults);
  g_test_add_func ("/conditions/parse/empty", test_parse_empty);
  g_test_add_func ("/conditions/parse/nulls", test_parse_nulls);
  g_test_add_func ("/conditions/parse/logic-names", test_logic_names);
  g_test_add_func ("/conditions/parse/errors", test_validation_errors);
  g_test_add_func ("/conditions/parse/nesting-limit", test_nesting_limit);
  g_test_add_func ("/conditions/parse/round-trip", test_round_trip);
  g_test_add_func ("/conditions/parse/timeframes-and-describe", test_timeframes_and_describe);
  g_test_add_func ("/conditions/eval/operators", test_operators);
  g_test_add_func ("/conditions/eval/groups", test_groups);
  g_test_add_func ("/conditions/eval/empty", test_empty_list_evaluates_true);
  g_test_add_func ("/conditions/eval/indicator-vs-indicator", test_indicator_vs_indicator);
  g_test_add_func ("/conditions/eval/indicator-vs-indicator-real", test_indicator_vs_indicator_real);
  g_test_add_func ("/conditions/eval/too-little-history", test_too_little_history);
  g_test_add_func ("/conditions/eval/explain", test_explain);
  g_test_add_func ("/conditions/eval/shared-instances", test_shared_instances);
  g_test_add_func ("/conditions/eval/example-bot", test_example_bot_lists);
  g_test_add_func ("/conditions/timeframes/no-look-ahead", test_no_look_ahead);
  g_test_add_func ("/conditions/timeframes/aggregated-candle", test_aggregated_candle);
  g_test_add_func ("/conditions/timeframes/gaps", test_gaps);
  g_test_add_func ("/conditions/timeframes/shorter-is-a-bind-error", test_shorter_timeframe_is_a_bind_error);
  g_test_add_func ("/conditions/timeframes/live-matches-backtest", test_live_matches_backtest);
  g_test_add_func ("/conditions/timeframes/live-push", test_live_push);
  g_test_add_func ("/conditions/timeframes/bound-mid-way", test_bound_mid_way);

  return g_test_run ();
}
