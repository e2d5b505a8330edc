/* dca-strategy.c: bot configurations, their validation, and templates */
#define G_LOG_DOMAIN "dca-strategy"

#include "config.h"

#include <string.h>

#include "dca-candles.h"
#include "dca-product.h"
#include "dca-strategy.h"

G_DEFINE_QUARK (dca-strategy-error-quark, dca_strategy_error)

static const struct
{
  const char *name;
  const char *label;
} strategy_names[DCA_N_STRATEGIES] = {
  [DCA_STRATEGY_CONDITIONAL_DCA] = { "conditional_dca", "Conditional DCA" },
  [DCA_STRATEGY_ADVANCED_DCA] = { "advanced_dca", "Advanced DCA" },
  [DCA_STRATEGY_SIMPLE_DCA] = { "simple_dca", "Simple DCA" },
  [DCA_STRATEGY_RSI] = { "rsi", "RSI" },
  [DCA_STRATEGY_BOLLINGER_BANDS] = { "bollinger_bands", "Bollinger Bands" },
  [DCA_STRATEGY_MACD_DCA] = { "macd_dca", "MACD DCA" },
};

const char *
dca_strategy_type_to_string (DcaStrategyType type)
{
  if ((guint) type >= DCA_N_STRATEGIES)
    return NULL;
  return strategy_names[type].name;
}

const char *
dca_strategy_type_label (DcaStrategyType type)
{
  if ((guint) type >= DCA_N_STRATEGIES)
    return NULL;
  return strategy_names[type].label;
}

gboolean
dca_strategy_type_parse (const char      *str,
                         DcaStrategyType *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < DCA_N_STRATEGIES; i++)
    if (strcmp (str, strategy_names[i].name) == 0)
      {
        *out = (DcaStrategyType) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* The keys of strategy_config                                              */

typedef enum
{
  KEY_DECIMAL,
  KEY_INT,
  KEY_BOOL,
  KEY_BASE_SIZE_TYPE,
  KEY_SAFETY_SIZE_TYPE,
  KEY_LOGIC,
  KEY_CONDITIONS,
  KEY_TIMEFRAME,
} KeyKind;

typedef enum
{
  K_MAX_CONCURRENT_DEALS,
  K_BASE_ORDER_TYPE,
  K_BASE_ORDER_PERCENTAGE,
  K_BASE_ORDER_BTC,
  K_SAFETY_ORDER_TYPE,
  K_SAFETY_ORDER_PERCENTAGE,
  K_SAFETY_ORDER_BTC,
  K_MAX_SAFETY_ORDERS,
  K_PRICE_DEVIATION,
  K_STEP_SCALE,
  K_VOLUME_SCALE,
  K_TAKE_PROFIT_PERCENTAGE,
  K_TRAILING_TAKE_PROFIT,
  K_TRAILING_DEVIATION,
  K_STOP_LOSS_ENABLED,
  K_STOP_LOSS_PERCENTAGE,
  K_TRAILING_STOP_LOSS,
  K_TRAILING_STOP_DEVIATION,
  K_MIN_PROFIT_FOR_CONDITIONS,
  K_BASE_ORDER_CONDITIONS,
  K_SAFETY_ORDER_CONDITIONS,
  K_TAKE_PROFIT_CONDITIONS,
  K_BASE_ORDER_LOGIC,
  K_SAFETY_ORDER_LOGIC,
  K_TAKE_PROFIT_LOGIC,
  K_BUY_INTERVAL_HOURS,
  K_MAX_BUYS,
  K_RSI_PERIOD,
  K_RSI_OVERSOLD,
  K_RSI_OVERBOUGHT,
  K_RSI_TIMEFRAME,
  K_BB_PERIOD,
  K_BB_STD_DEV,
  K_BB_ENTRY_PERCENT_B,
  K_BB_EXIT_PERCENT_B,
  K_BB_TIMEFRAME,
  K_MACD_FAST_PERIOD,
  K_MACD_SLOW_PERIOD,
  K_MACD_SIGNAL_PERIOD,
  K_MACD_TIMEFRAME,
  N_KEYS
} KeyId;

#define T(x) (1u << DCA_STRATEGY_##x)
#define LADDER (T (CONDITIONAL_DCA) | T (ADVANCED_DCA) | T (RSI) | T (BOLLINGER_BANDS) | T (MACD_DCA))
#define ALL (LADDER | T (SIMPLE_DCA))
#define SIGNAL_TYPES (T (CONDITIONAL_DCA) | T (RSI) | T (BOLLINGER_BANDS))

typedef struct
{
  const char *name;
  KeyId       id;
  KeyKind     kind;
  guint       types;
  const char *def;      /* NULL: the key is optional and unset by default (nullable) */
  const char *min;
  const char *max;
  gboolean    min_exclusive;
} KeyDef;

/* Order here is the order keys are written back in.  A key listed twice has
 * a different default or range for some strategy types. */
static const KeyDef keys[] = {
  { "max_concurrent_deals", K_MAX_CONCURRENT_DEALS, KEY_INT, ALL, "1", "1", "20" },
  { "base_order_type", K_BASE_ORDER_TYPE, KEY_BASE_SIZE_TYPE, ALL, "percentage" },
  { "base_order_percentage", K_BASE_ORDER_PERCENTAGE, KEY_DECIMAL, ALL, "10", "1", "100" },
  { "base_order_btc", K_BASE_ORDER_BTC, KEY_DECIMAL, ALL, "0.001", "0", NULL, TRUE },
  { "safety_order_type", K_SAFETY_ORDER_TYPE, KEY_SAFETY_SIZE_TYPE, LADDER, "percentage_of_base" },
  { "safety_order_percentage", K_SAFETY_ORDER_PERCENTAGE, KEY_DECIMAL, LADDER, "50", "10", "500" },
  { "safety_order_btc", K_SAFETY_ORDER_BTC, KEY_DECIMAL, LADDER, "0.0005", "0", NULL, TRUE },
  { "max_safety_orders", K_MAX_SAFETY_ORDERS, KEY_INT, LADDER & ~T (MACD_DCA), "5", "0", "20" },
  { "max_safety_orders", K_MAX_SAFETY_ORDERS, KEY_INT, T (MACD_DCA), "3", "0", "20" },
  { "price_deviation", K_PRICE_DEVIATION, KEY_DECIMAL, LADDER & ~T (MACD_DCA), "2.0", "0.1", "20" },
  { "price_deviation", K_PRICE_DEVIATION, KEY_DECIMAL, T (MACD_DCA), "0", "0", "20" },
  { "safety_order_step_scale", K_STEP_SCALE, KEY_DECIMAL, LADDER, "1.0", "1", "5" },
  { "safety_order_volume_scale", K_VOLUME_SCALE, KEY_DECIMAL, LADDER, "1.0", "1", "5" },
  { "take_profit_percentage", K_TAKE_PROFIT_PERCENTAGE, KEY_DECIMAL, ALL & ~T (MACD_DCA), "3.0", "0.1", "1000" },
  { "take_profit_percentage", K_TAKE_PROFIT_PERCENTAGE, KEY_DECIMAL, T (MACD_DCA), NULL, "0.1", "1000" },
  { "trailing_take_profit", K_TRAILING_TAKE_PROFIT, KEY_BOOL, ALL, "false" },
  { "trailing_deviation", K_TRAILING_DEVIATION, KEY_DECIMAL, ALL, "1.0", "0.1", "50" },
  { "stop_loss_enabled", K_STOP_LOSS_ENABLED, KEY_BOOL, ALL, "false" },
  { "stop_loss_percentage", K_STOP_LOSS_PERCENTAGE, KEY_DECIMAL, ALL, "-10", "-50", "-0.1" },
  { "trailing_stop_loss", K_TRAILING_STOP_LOSS, KEY_BOOL, ALL, "false" },
  { "trailing_stop_deviation", K_TRAILING_STOP_DEVIATION, KEY_DECIMAL, ALL, "5.0", "0.1", "50" },
  { "min_profit_for_conditions", K_MIN_PROFIT_FOR_CONDITIONS, KEY_DECIMAL, SIGNAL_TYPES, "0.0", "-50", "50" },
  { "min_profit_for_conditions", K_MIN_PROFIT_FOR_CONDITIONS, KEY_DECIMAL, T (MACD_DCA), "0.5", "-50", "50" },
  { "base_order_conditions", K_BASE_ORDER_CONDITIONS, KEY_CONDITIONS, T (CONDITIONAL_DCA), "[]" },
  { "safety_order_conditions", K_SAFETY_ORDER_CONDITIONS, KEY_CONDITIONS, T (CONDITIONAL_DCA), "[]" },
  { "take_profit_conditions", K_TAKE_PROFIT_CONDITIONS, KEY_CONDITIONS, T (CONDITIONAL_DCA), "[]" },
  { "base_order_logic", K_BASE_ORDER_LOGIC, KEY_LOGIC, T (CONDITIONAL_DCA), "and" },
  { "safety_order_logic", K_SAFETY_ORDER_LOGIC, KEY_LOGIC, T (CONDITIONAL_DCA), "and" },
  { "take_profit_logic", K_TAKE_PROFIT_LOGIC, KEY_LOGIC, T (CONDITIONAL_DCA), "and" },
  { "buy_interval_hours", K_BUY_INTERVAL_HOURS, KEY_DECIMAL, T (SIMPLE_DCA), "24", "0.1", "720" },
  { "max_buys", K_MAX_BUYS, KEY_INT, T (SIMPLE_DCA), "10", "1", "100" },
  { "rsi_period", K_RSI_PERIOD, KEY_INT, T (RSI), "14", "2", "100" },
  { "rsi_oversold", K_RSI_OVERSOLD, KEY_DECIMAL, T (RSI), "30", "1", "99" },
  { "rsi_overbought", K_RSI_OVERBOUGHT, KEY_DECIMAL, T (RSI), "70", "1", "99" },
  { "rsi_timeframe", K_RSI_TIMEFRAME, KEY_TIMEFRAME, T (RSI), "ONE_HOUR" },
  { "bb_period", K_BB_PERIOD, KEY_INT, T (BOLLINGER_BANDS), "20", "2", "200" },
  { "bb_std_dev", K_BB_STD_DEV, KEY_DECIMAL, T (BOLLINGER_BANDS), "2", "0.5", "5" },
  { "bb_entry_percent_b", K_BB_ENTRY_PERCENT_B, KEY_DECIMAL, T (BOLLINGER_BANDS), "0", "-100", "100" },
  { "bb_exit_percent_b", K_BB_EXIT_PERCENT_B, KEY_DECIMAL, T (BOLLINGER_BANDS), "100", "0", "200" },
  { "bb_timeframe", K_BB_TIMEFRAME, KEY_TIMEFRAME, T (BOLLINGER_BANDS), "ONE_HOUR" },
  { "macd_fast_period", K_MACD_FAST_PERIOD, KEY_INT, T (MACD_DCA), "12", "2", "100" },
  { "macd_slow_period", K_MACD_SLOW_PERIOD, KEY_INT, T (MACD_DCA), "26", "3", "200" },
  { "macd_signal_period", K_MACD_SIGNAL_PERIOD, KEY_INT, T (MACD_DCA), "9", "2", "100" },
  { "macd_timeframe", K_MACD_TIMEFRAME, KEY_TIMEFRAME, T (MACD_DCA), "ONE_HOUR" },
};

typedef struct
{
  gboolean          set;   /* FALSE only for an unset nullable key */
  DcaDecimal        dec;
  gint64            i;
  gboolean          b;
  DcaOrderSizeType  size;
  DcaLogic          logic;
  DcaTimeframe      tf;
  JsonNode         *conditions;
} KeyValue;

static const KeyDef *
find_key (const char      *name,
          DcaStrategyType  type,
          gboolean        *known_elsewhere)
{
  *known_elsewhere = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (keys[i].name, name) == 0)
      {
        if (keys[i].types & (1u << type))
          return &keys[i];
        *known_elsewhere = TRUE;
      }
  return NULL;
}

static DcaDecimal
D (const char *s)
{
  DcaDecimal d = dca_decimal_zero ();

  if (!dca_decimal_parse (s, &d, NULL))
    g_critical ("bad decimal constant %s", s);
  return d;
}

static gboolean
json_is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
json_number_to_decimal (JsonNode   *node,
                        DcaDecimal *out)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v > G_GINT64_CONSTANT (10000000000000000) || v < -G_GINT64_CONSTANT (10000000000000000))
        return FALSE;
      *out = dca_decimal_from_int (v);
      return TRUE;
    }
  return dca_decimal_from_double (json_node_get_double (node), out, NULL);
}

static const char *
json_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "true/false";
    default:
      return "a number";
    }
}

static char *
range_text (const KeyDef *k)
{
  if (k->min && k->max)
    return g_strdup_printf ("from %s to %s", k->min, k->max);
  if (k->min)
    return g_strdup_printf (k->min_exclusive ? "greater than %s" : "at least %s", k->min);
  return g_strdup_printf ("at most %s", k->max);
}

static gboolean
read_key (const KeyDef  *k,
          JsonNode      *node,
          KeyValue      *v,
          GError       **error)
{
  g_autoptr(JsonNode) def_node = NULL;
  gboolean from_default = node == NULL;

  if (node == NULL || (JSON_NODE_HOLDS_NULL (node) && k->def == NULL))
    {
      if (k->def == NULL)
        {
          v->set = FALSE;
          return TRUE;
        }
      if (k->kind == KEY_CONDITIONS)
        def_node = dca_json_parse (k->def, -1, NULL);
      node = def_node;
    }

  v->set = TRUE;

  switch (k->kind)
    {
    case KEY_DECIMAL:
      if (from_default)
        v->dec = D (k->def);
      else if (!json_is_number (node) || !json_number_to_decimal (node, &v->dec))
        goto wrong_type;
      if (k->min || k->max)
        {
          gboolean ok = TRUE;

          if (k->min)
            {
              int c = dca_decimal_cmp (v->dec, D (k->min));

              ok = k->min_exclusive ? c > 0 : c >= 0;
            }
          if (ok && k->max)
            ok = dca_decimal_cmp (v->dec, D (k->max)) <= 0;
          if (!ok)
            {
              g_autofree char *range = range_text (k);
              g_autofree char *got = dca_decimal_to_string (v->dec);

              g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                           "%s: must be %s (got %s)", k->name, range, got);
              return FALSE;
            }
        }
      return TRUE;

    case KEY_INT:
      if (from_default)
        v->i = g_ascii_strtoll (k->def, NULL, 10);
      else if (!json_is_number (node))
        goto wrong_type;
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        v->i = json_node_get_int (node);
      else
        {
          double d = json_node_get_double (node);

          if (d != (double) (gint64) d)
            {
              g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                           "%s: must be a whole number (got %g)", k->name, d);
              return FALSE;
            }
          v->i = (gint64) d;
        }
      if (v->i < g_ascii_strtoll (k->min, NULL, 10) || v->i > g_ascii_strtoll (k->max, NULL, 10))
        {
          g_autofree char *range = range_text (k);

          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "%s: must be a whole number %s (got %" G_GINT64_FORMAT ")", k->name, range,
                       v->i);
          return FALSE;
        }
      return TRUE;

    case KEY_BOOL:
      if (from_default)
        v->b = strcmp (k->def, "true") == 0;
      else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto wrong_type;
      else
        v->b = json_node_get_boolean (node);
      return TRUE;

    case KEY_BASE_SIZE_TYPE:
    case KEY_SAFETY_SIZE_TYPE:
      {
        const char *pct = k->kind == KEY_BASE_SIZE_TYPE ? "percentage" : "percentage_of_base";
        const char *s = from_default ? k->def : NULL;

        if (!from_default)
          {
            if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
              goto wrong_type;
            s = json_node_get_string (node);
          }
        if (strcmp (s, pct) == 0)
          v->size = DCA_ORDER_SIZE_PERCENTAGE;
        else if (strcmp (s, "fixed_btc") == 0)
          v->size = DCA_ORDER_SIZE_FIXED;
        else
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "%s: must be “%s” or “fixed_btc” (got “%s”)", k->name, pct, s);
            return FALSE;
          }
        return TRUE;
      }

    case KEY_LOGIC:
      {
        const char *s = from_default ? k->def : NULL;

        if (!from_default)
          {
            if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
              goto wrong_type;
            s = json_node_get_string (node);
          }
        if (!dca_logic_parse (s, &v->logic))
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "%s: must be “and” or “or” (got “%s”)", k->name, s);
            return FALSE;
          }
        return TRUE;
      }

    case KEY_TIMEFRAME:
      {
        const char *s = from_default ? k->def : NULL;

        if (!from_default)
          {
            if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
              goto wrong_type;
            s = json_node_get_string (node);
          }
        v->tf = dca_timeframe_parse (s);
        if (v->tf == DCA_TIMEFRAME_INVALID)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "%s: “%s” is not a timeframe (ONE_MINUTE, FIVE_MINUTE, FIFTEEN_MINUTE, "
                         "THIRTY_MINUTE, ONE_HOUR, TWO_HOUR, SIX_HOUR or ONE_DAY)", k->name, s);
            return FALSE;
          }
        return TRUE;
      }

    case KEY_CONDITIONS:
      if (!JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_NULL (node))
        goto wrong_type;
      v->conditions = json_node_ref (node);
      return TRUE;

    default:
      g_assert_not_reached ();
    }

wrong_type:
  {
    static const char *const expected[] = {
      [KEY_DECIMAL] = "a number",
      [KEY_INT] = "a whole number",
      [KEY_BOOL] = "true or false",
      [KEY_BASE_SIZE_TYPE] = "a string",
      [KEY_SAFETY_SIZE_TYPE] = "a string",
      [KEY_LOGIC] = "a string",
      [KEY_CONDITIONS] = "a list of conditions",
      [KEY_TIMEFRAME] = "a string",
    };

    g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                 "%s: must be %s, not %s", k->name, expected[k->kind], json_type_name (node));
    return FALSE;
  }
}

static DcaStrategyConfig *
config_new (DcaStrategyType type)
{
  DcaStrategyConfig *c = g_new0 (DcaStrategyConfig, 1);

  c->type = type;
  c->ref_count = 1;
  return c;
}

DcaStrategyConfig *
dca_strategy_config_ref (DcaStrategyConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_atomic_int_inc (&config->ref_count);
  return config;
}

void
dca_strategy_config_unref (DcaStrategyConfig *config)
{
  if (config == NULL || !g_atomic_int_dec_and_test (&config->ref_count))
    return;
  for (guint i = 0; i < DCA_N_PHASES; i++)
    g_clear_pointer (&config->conditions[i], dca_condition_list_unref);
  g_clear_pointer (&config->source, json_node_unref);
  g_free (config);
}

/* A one-condition list for the signal strategies, built as JSON so that it
 * goes through exactly the validation a user's condition does. */
static DcaConditionList *
preset_conditions (const char  *key,
                   GError     **error,
                   const char  *format,
                   ...) G_GNUC_PRINTF (3, 4);

static DcaConditionList *
preset_conditions (const char  *key,
                   GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  va_list args;

  /* an earlier preset of the same strategy already failed */
  if (error != NULL && *error != NULL)
    return NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  node = dca_json_parse (text, -1, error);
  if (node == NULL)
    return NULL;
  return dca_condition_list_parse (node, DCA_LOGIC_AND, key, error);
}

static void
compute_deviations (DcaStrategyConfig *c)
{
  DcaDecimal power = dca_decimal_from_int (1);
  DcaDecimal sum = dca_decimal_zero ();

  c->deviation[0] = dca_decimal_zero ();
  for (guint n = 1; n <= c->max_safety_orders && n <= DCA_MAX_SAFETY_ORDERS; n++)
    {
      DcaDecimal d;

      sum = dca_decimal_add (sum, power);
      /* a ladder whose deviation passes 100 % can never trigger; cap it there
       * rather than overflow on absurd scales */
      if (!dca_decimal_mul_checked (c->price_deviation, sum, DCA_ROUND_HALF_EVEN, &d) ||
          dca_decimal_cmp (d, dca_decimal_from_int (100)) > 0)
        d = dca_decimal_from_int (100);
      c->deviation[n] = d;
      if (!dca_decimal_mul_checked (power, c->step_scale, DCA_ROUND_HALF_EVEN, &power) ||
          dca_decimal_cmp (power, dca_decimal_from_int (1000000)) > 0)
        power = dca_decimal_from_int (1000000);
    }
}

static char *
dec_str (DcaDecimal d)
{
  return dca_decimal_to_string (d);
}

DcaStrategyConfig *
dca_strategy_config_parse (DcaStrategyType   type,
                           JsonNode         *node,
                           GError          **error)
{
  g_autoptr(DcaStrategyConfig) c = NULL;
  KeyValue values[N_KEYS] = { { 0 } };
  JsonObject *obj = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail ((guint) type < DCA_N_STRATEGIES, NULL);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "strategy_config: must be an object, not %s", json_type_name (node));
          return NULL;
        }
      obj = json_node_get_object (node);
    }

  /* unknown keys are refused: a misspelt key silently taking its default
   * would trade with settings the user never chose */
  if (obj != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, obj);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          gboolean elsewhere;

          if (find_key (name, type, &elsewhere) == NULL)
            {
              if (elsewhere)
                g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                             "%s: not a setting of the %s strategy", name,
                             dca_strategy_type_to_string (type));
              else
                g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                             "%s: unknown key", name);
              return NULL;
            }
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys) && ok; i++)
    {
      const KeyDef *k = &keys[i];

      if (!(k->types & (1u << type)))
        continue;
      ok = read_key (k, obj ? json_object_get_member (obj, k->name) : NULL, &values[k->id], error);
    }
  if (!ok)
    goto out;

  c = config_new (type);
  c->max_concurrent_deals = (guint) values[K_MAX_CONCURRENT_DEALS].i;
  c->base_order_type = values[K_BASE_ORDER_TYPE].size;
  c->base_order_percentage = values[K_BASE_ORDER_PERCENTAGE].dec;
  c->base_order_fixed = values[K_BASE_ORDER_BTC].dec;
  c->take_profit_enabled = values[K_TAKE_PROFIT_PERCENTAGE].set;
  c->take_profit_percentage = values[K_TAKE_PROFIT_PERCENTAGE].dec;
  c->trailing_take_profit = values[K_TRAILING_TAKE_PROFIT].b;
  c->trailing_deviation = values[K_TRAILING_DEVIATION].dec;
  c->stop_loss_enabled = values[K_STOP_LOSS_ENABLED].b;
  c->stop_loss_percentage = values[K_STOP_LOSS_PERCENTAGE].dec;
  c->trailing_stop_loss = values[K_TRAILING_STOP_LOSS].b;
  c->trailing_stop_deviation = values[K_TRAILING_STOP_DEVIATION].dec;
  c->min_profit_for_conditions = values[K_MIN_PROFIT_FOR_CONDITIONS].dec;
  c->safety_trigger = DCA_SAFETY_TRIGGER_PRICE;
  c->step_scale = dca_decimal_from_int (1);
  c->volume_scale = dca_decimal_from_int (1);

  if (type == DCA_STRATEGY_SIMPLE_DCA)
    {
      /* every buy after the first is a "safety order" of the base size,
       * triggered by time instead of price */
      DcaDecimal seconds = dca_decimal_mul (values[K_BUY_INTERVAL_HOURS].dec,
                                            dca_decimal_from_int (3600), DCA_ROUND_HALF_EVEN);

      c->safety_order_type = DCA_ORDER_SIZE_PERCENTAGE;
      c->safety_order_percentage = dca_decimal_from_int (100);
      c->max_safety_orders = (guint) values[K_MAX_BUYS].i - 1;
      c->safety_trigger = DCA_SAFETY_TRIGGER_TIME;
      c->safety_interval = (gint64) (dca_decimal_round_places (seconds, 0, DCA_ROUND_HALF_EVEN).raw
                                     / DCA_DECIMAL_ONE_RAW);
      c->safety_per_evaluation = 1;
    }
  else
    {
      c->safety_order_type = values[K_SAFETY_ORDER_TYPE].size;
      c->safety_order_percentage = values[K_SAFETY_ORDER_PERCENTAGE].dec;
      c->safety_order_fixed = values[K_SAFETY_ORDER_BTC].dec;
      c->max_safety_orders = (guint) values[K_MAX_SAFETY_ORDERS].i;
      c->price_deviation = values[K_PRICE_DEVIATION].dec;
      c->step_scale = values[K_STEP_SCALE].dec;
      c->volume_scale = values[K_VOLUME_SCALE].dec;
    }

  switch (type)
    {
    case DCA_STRATEGY_CONDITIONAL_DCA:
      {
        static const KeyId list_keys[DCA_N_PHASES] = {
          K_BASE_ORDER_CONDITIONS, K_SAFETY_ORDER_CONDITIONS, K_TAKE_PROFIT_CONDITIONS
        };
        static const KeyId logic_keys[DCA_N_PHASES] = {
          K_BASE_ORDER_LOGIC, K_SAFETY_ORDER_LOGIC, K_TAKE_PROFIT_LOGIC
        };
        static const char *const names[DCA_N_PHASES] = {
          "base_order_conditions", "safety_order_conditions", "take_profit_conditions"
        };

        for (guint i = 0; i < DCA_N_PHASES && ok; i++)
          {
            c->conditions[i] = dca_condition_list_parse (values[list_keys[i]].conditions,
                                                         values[logic_keys[i]].logic, names[i],
                                                         error);
            ok = c->conditions[i] != NULL;
          }
      }
      break;

    case DCA_STRATEGY_RSI:
      {
        g_autofree char *oversold = dec_str (values[K_RSI_OVERSOLD].dec);
        g_autofree char *overbought = dec_str (values[K_RSI_OVERBOUGHT].dec);
        const char *tf = dca_timeframe_to_string (values[K_RSI_TIMEFRAME].tf);
        int period = (int) values[K_RSI_PERIOD].i;

        if (dca_decimal_cmp (values[K_RSI_OVERSOLD].dec, values[K_RSI_OVERBOUGHT].dec) >= 0)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "rsi_overbought: must be above rsi_oversold (%s)", oversold);
            ok = FALSE;
            break;
          }
        c->conditions[DCA_PHASE_BASE_ORDER] =
          preset_conditions ("rsi_oversold", error,
                             "[{\"type\":\"rsi\",\"operator\":\"less_than\",\"value\":%s,"
                             "\"timeframe\":\"%s\",\"period\":%d}]", oversold, tf, period);
        c->conditions[DCA_PHASE_TAKE_PROFIT] =
          preset_conditions ("rsi_overbought", error,
                             "[{\"type\":\"rsi\",\"operator\":\"greater_than\",\"value\":%s,"
                             "\"timeframe\":\"%s\",\"period\":%d}]", overbought, tf, period);
        ok = c->conditions[DCA_PHASE_BASE_ORDER] && c->conditions[DCA_PHASE_TAKE_PROFIT];
      }
      break;

    case DCA_STRATEGY_BOLLINGER_BANDS:
      {
        g_autofree char *entry = dec_str (values[K_BB_ENTRY_PERCENT_B].dec);
        g_autofree char *exit_ = dec_str (values[K_BB_EXIT_PERCENT_B].dec);
        g_autofree char *sd = dec_str (values[K_BB_STD_DEV].dec);
        const char *tf = dca_timeframe_to_string (values[K_BB_TIMEFRAME].tf);
        int period = (int) values[K_BB_PERIOD].i;

        if (dca_decimal_cmp (values[K_BB_ENTRY_PERCENT_B].dec, values[K_BB_EXIT_PERCENT_B].dec) >= 0)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "bb_exit_percent_b: must be above bb_entry_percent_b (%s)", entry);
            ok = FALSE;
            break;
          }
        c->conditions[DCA_PHASE_BASE_ORDER] =
          preset_conditions ("bb_entry_percent_b", error,
                             "[{\"type\":\"bb_percent\",\"operator\":\"less_than\",\"value\":%s,"
                             "\"timeframe\":\"%s\",\"period\":%d,\"std_dev\":%s}]",
                             entry, tf, period, sd);
        c->conditions[DCA_PHASE_TAKE_PROFIT] =
          preset_conditions ("bb_exit_percent_b", error,
                             "[{\"type\":\"bb_percent\",\"operator\":\"greater_than\",\"value\":%s,"
                             "\"timeframe\":\"%s\",\"period\":%d,\"std_dev\":%s}]",
                             exit_, tf, period, sd);
        ok = c->conditions[DCA_PHASE_BASE_ORDER] && c->conditions[DCA_PHASE_TAKE_PROFIT];
      }
      break;

    case DCA_STRATEGY_MACD_DCA:
      {
        const char *tf = dca_timeframe_to_string (values[K_MACD_TIMEFRAME].tf);
        int fast = (int) values[K_MACD_FAST_PERIOD].i;
        int slow = (int) values[K_MACD_SLOW_PERIOD].i;
        int signal = (int) values[K_MACD_SIGNAL_PERIOD].i;
        static const char *const ops[DCA_N_PHASES] = {
          "crossing_above", "crossing_above", "crossing_below"
        };

        if (fast >= slow)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "macd_slow_period: must be above macd_fast_period (%d)", fast);
            ok = FALSE;
            break;
          }
        for (guint i = 0; i < DCA_N_PHASES && ok; i++)
          ok = (c->conditions[i] =
            preset_conditions ("macd_timeframe", error,
                               "[{\"type\":\"macd\",\"operator\":\"%s\",\"value\":0,"
                               "\"timeframe\":\"%s\",\"fast_period\":%d,\"slow_period\":%d,"
                               "\"signal_period\":%d}]", ops[i], tf, fast, slow, signal)) != NULL;
        /* one DCA buy per histogram cross up */
        c->safety_per_evaluation = 1;
      }
      break;

    case DCA_STRATEGY_ADVANCED_DCA:
    case DCA_STRATEGY_SIMPLE_DCA:
    case DCA_N_STRATEGIES:
    default:
      break;
    }

  /* the phases a strategy has no signal for get an empty list */
  for (guint i = 0; i < DCA_N_PHASES && ok; i++)
    if (c->conditions[i] == NULL)
      c->conditions[i] = dca_condition_list_parse (NULL, DCA_LOGIC_AND, "conditions", NULL);
  if (!ok)
    {
      g_clear_pointer (&c, dca_strategy_config_unref);
      goto out;
    }

  compute_deviations (c);

  /* the canonical form: every key of this type with its value */
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    json_builder_begin_object (b);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        const KeyDef *k = &keys[i];
        const KeyValue *v = &values[k->id];

        if (!(k->types & (1u << type)))
          continue;
        json_builder_set_member_name (b, k->name);
        if (!v->set)
          {
            json_builder_add_null_value (b);
            continue;
          }
        switch (k->kind)
          {
          case KEY_DECIMAL:
            if (dca_decimal_eq (dca_decimal_round_places (v->dec, 0, DCA_ROUND_DOWN), v->dec))
              json_builder_add_int_value (b, (gint64) (v->dec.raw / DCA_DECIMAL_ONE_RAW));
            else
              json_builder_add_double_value (b, dca_decimal_to_double (v->dec));
            break;
          case KEY_INT:
            json_builder_add_int_value (b, v->i);
            break;
          case KEY_BOOL:
            json_builder_add_boolean_value (b, v->b);
            break;
          case KEY_BASE_SIZE_TYPE:
            json_builder_add_string_value (b, v->size == DCA_ORDER_SIZE_FIXED ? "fixed_btc"
                                                                              : "percentage");
            break;
          case KEY_SAFETY_SIZE_TYPE:
            json_builder_add_string_value (b, v->size == DCA_ORDER_SIZE_FIXED
                                              ? "fixed_btc" : "percentage_of_base");
            break;
          case KEY_LOGIC:
            json_builder_add_string_value (b, dca_logic_to_string (v->logic));
            break;
          case KEY_TIMEFRAME:
            json_builder_add_string_value (b, dca_timeframe_to_string (v->tf));
            break;
          case KEY_CONDITIONS:
            {
              DcaConditionPhase phase = k->id == K_BASE_ORDER_CONDITIONS ? DCA_PHASE_BASE_ORDER
                                        : k->id == K_SAFETY_ORDER_CONDITIONS ? DCA_PHASE_SAFETY_ORDER
                                        : DCA_PHASE_TAKE_PROFIT;

              json_builder_add_value (b, dca_condition_list_to_json (c->conditions[phase]));
            }
            break;
          default:
            g_assert_not_reached ();
          }
      }
    json_builder_end_object (b);
    c->source = json_builder_get_root (b);
  }

out:
  for (guint i = 0; i < N_KEYS; i++)
    g_clear_pointer (&values[i].conditions, json_node_unref);
  return g_steal_pointer (&c);
}

void
dca_strategy_config_write (const DcaStrategyConfig *config,
                           DcaJsonWriter           *writer)
{
  dca_json_node (writer, config->source);
}

char *
dca_strategy_config_to_json (const DcaStrategyConfig *config)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);

  dca_strategy_config_write (config, w);
  return dca_json_writer_steal (w);
}

/* Safety order n's quote size, before rounding to the product's increment. */
DcaDecimal
dca_strategy_config_safety_size (const DcaStrategyConfig *config,
                                 DcaDecimal               base_order_quote,
                                 guint                    n)
{
  DcaDecimal size;

  if (config->safety_order_type == DCA_ORDER_SIZE_FIXED)
    size = config->safety_order_fixed;
  else
    size = dca_decimal_div (dca_decimal_mul (base_order_quote, config->safety_order_percentage,
                                             DCA_ROUND_HALF_EVEN),
                            dca_decimal_from_int (100), DCA_ROUND_DOWN);
  for (guint i = 1; i < n; i++)
    if (!dca_decimal_mul_checked (size, config->volume_scale, DCA_ROUND_DOWN, &size))
      return dca_decimal_from_raw ((__int128) 1 << 125);
  return size;
}

gboolean
dca_strategy_config_uses_conditions (const DcaStrategyConfig *config)
{
  for (guint i = 0; i < DCA_N_PHASES; i++)
    if (!dca_condition_list_is_empty (config->conditions[i]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Bots                                                                     */

void
dca_bot_config_free (DcaBotConfig *bot)
{
  if (bot == NULL)
    return;
  g_free (bot->name);
  g_free (bot->description);
  g_strfreev (bot->product_ids);
  g_free (bot->quote_currency);
  g_clear_pointer (&bot->config, dca_strategy_config_unref);
  g_free (bot);
}

DcaBotConfig *
dca_bot_config_copy (const DcaBotConfig *bot)
{
  DcaBotConfig *copy = g_new0 (DcaBotConfig, 1);

  *copy = *bot;
  copy->name = g_strdup (bot->name);
  copy->description = g_strdup (bot->description);
  copy->product_ids = g_strdupv (bot->product_ids);
  copy->quote_currency = g_strdup (bot->quote_currency);
  copy->config = dca_strategy_config_ref (bot->config);
  return copy;
}

/* Bot-level keys a web-platform export may carry that mean nothing here. */
static const char *const ignored_bot_keys[] = {
  "id", "user_id", "status", "is_active", "created_at", "updated_at", "exchange",
  "favourite", "quote_currency", "open_deals", "total_profit", NULL
};

static gboolean
get_string_member (JsonObject  *obj,
                   const char  *key,
                   gboolean     required,
                   char       **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID, "%s: missing", key);
          return FALSE;
        }
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "%s: must be a string, not %s", key, json_type_name (node));
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_reserve (JsonObject  *obj,
             const char  *key,
             DcaDecimal  *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = dca_decimal_zero ();
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* amounts may come as exchange-style decimal strings */
      if (!dca_decimal_parse (json_node_get_string (node), out, NULL))
        goto bad;
    }
  else if (!json_is_number (node) || !json_number_to_decimal (node, out))
    goto bad;
  if (dca_decimal_sign (*out) < 0)
    goto bad;
  return TRUE;

bad:
  g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
               "%s: must be a number of at least 0", key);
  return FALSE;
}

DcaBotConfig *
dca_bot_config_parse_node (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(DcaBotConfig) bot = g_new0 (DcaBotConfig, 1);
  g_autofree char *type_name = NULL;
  JsonObject *obj;
  JsonNode *member;
  JsonObjectIter iter;
  const char *name;
  static const char *const known[] = {
    "name", "description", "strategy_type", "product_ids", "strategy_config",
    "split_budget_across_pairs", "check_interval_seconds", "reserved_btc_balance",
    "reserved_usd_balance", NULL
  };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "bot: must be an object");
      return NULL;
    }
  obj = json_node_get_object (node);

  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!g_strv_contains (known, name) && !g_strv_contains (ignored_bot_keys, name))
      {
        g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                     "%s: unknown key", name);
        return NULL;
      }

  if (!get_string_member (obj, "name", TRUE, &bot->name, error))
    return NULL;
  g_strstrip (bot->name);
  if (bot->name[0] == '\0' || g_utf8_strlen (bot->name, -1) > 100 ||
      !g_utf8_validate (bot->name, -1, NULL))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "name: must be 1 to 100 characters");
      return NULL;
    }
  if (!get_string_member (obj, "description", FALSE, &bot->description, error))
    return NULL;
  if (bot->description == NULL)
    bot->description = g_strdup ("");

  if (!get_string_member (obj, "strategy_type", FALSE, &type_name, error))
    return NULL;
  if (type_name == NULL)
    type_name = g_strdup ("conditional_dca");
  if (!dca_strategy_type_parse (type_name, &bot->strategy_type))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "strategy_type: “%s” is not a strategy (conditional_dca, advanced_dca, "
                   "simple_dca, rsi, bollinger_bands or macd_dca)", type_name);
      return NULL;
    }

  /* product_ids: one quote currency per bot */
  member = json_object_get_member (obj, "product_ids");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "product_ids: must be a list of pairs such as [\"ETH-BTC\"]");
      return NULL;
    }
  {
    JsonArray *arr = json_node_get_array (member);
    guint n = json_array_get_length (arr);
    g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

    if (n == 0 || n > 100)
      {
        g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                     "product_ids: must list 1 to 100 pairs");
        return NULL;
      }
    for (guint i = 0; i < n; i++)
      {
        JsonNode *el = json_array_get_element (arr, i);
        const char *id;
        g_autofree char *quote = NULL;

        if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "product_ids[%u]: must be a string", i);
            return NULL;
          }
        id = json_node_get_string (el);
        if (!dca_product_id_split (id, NULL, &quote))
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "product_ids[%u]: “%s” is not a pair such as ETH-BTC", i, id);
            return NULL;
          }
        if (bot->quote_currency == NULL)
          bot->quote_currency = g_strdup (quote);
        else if (strcmp (bot->quote_currency, quote) != 0)
          {
            g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                         "product_ids[%u]: “%s” is quoted in %s, but the bot's pairs are quoted "
                         "in %s (one quote currency per bot)", i, id, quote, bot->quote_currency);
            return NULL;
          }
        for (guint j = 0; j < i; j++)
          if (strcmp (json_array_get_string_element (arr, j), id) == 0)
            {
              g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                           "product_ids[%u]: “%s” is listed twice", i, id);
              return NULL;
            }
        g_strv_builder_add (ids, id);
      }
    bot->product_ids = g_strv_builder_end (ids);
  }

  member = json_object_get_member (obj, "split_budget_across_pairs");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "split_budget_across_pairs: must be true or false, not %s",
                       json_type_name (member));
          return NULL;
        }
      bot->split_budget = json_node_get_boolean (member);
    }

  bot->check_interval_seconds = 60;
  member = json_object_get_member (obj, "check_interval_seconds");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      double v;

      if (!json_is_number (member))
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "check_interval_seconds: must be a whole number, not %s",
                       json_type_name (member));
          return NULL;
        }
      v = json_node_get_value_type (member) == G_TYPE_INT64 ? (double) json_node_get_int (member)
                                                            : json_node_get_double (member);
      if (v != (double) (gint64) v || v < 1 || v > 86400)
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "check_interval_seconds: must be a whole number from 1 to 86400 (got %g)",
                       v);
          return NULL;
        }
      bot->check_interval_seconds = (gint) v;
    }

  if (!get_reserve (obj, "reserved_btc_balance", &bot->reserved_btc, error) ||
      !get_reserve (obj, "reserved_usd_balance", &bot->reserved_usd, error))
    return NULL;

  {
    g_autoptr(GError) local_error = NULL;

    bot->config = dca_strategy_config_parse (bot->strategy_type,
                                             json_object_get_member (obj, "strategy_config"),
                                             &local_error);
    if (bot->config == NULL)
      {
        /* name the key as the user sees it in the file */
        if (g_str_has_prefix (local_error->message, "strategy_config"))
          g_propagate_error (error, g_steal_pointer (&local_error));
        else
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                       "strategy_config.%s", local_error->message);
        return NULL;
      }
  }

  return g_steal_pointer (&bot);
}

DcaBotConfig *
dca_bot_config_parse_export (const char  *text,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;
  JsonNode *bot;
  JsonNode *version;

  root = dca_json_parse (text, len, &local_error);
  if (root == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "a bot export must be a JSON object with a “bot” member");
      return NULL;
    }
  obj = json_node_get_object (root);

  version = json_object_get_member (obj, "version");
  if (version != NULL)
    {
      const char *v = NULL;

      if (JSON_NODE_HOLDS_VALUE (version) && json_node_get_value_type (version) == G_TYPE_STRING)
        v = json_node_get_string (version);
      if (v == NULL || (strcmp (v, "1.0") != 0 && strcmp (v, "1") != 0))
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                       "version: this DCA Desk reads bot exports of version “1.0”%s%s%s",
                       v ? " (the file says “" : "", v ? v : "", v ? "”)" : "");
          return NULL;
        }
    }

  bot = json_object_get_member (obj, "bot");
  if (bot == NULL)
    {
      /* a bare bot object, as `bots show --json` prints */
      if (json_object_has_member (obj, "strategy_config") || json_object_has_member (obj, "product_ids"))
        bot = root;
      else
        {
          g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                       "bot: missing (a bot export looks like {\"version\": \"1.0\", \"bot\": {...}})");
          return NULL;
        }
    }
  return dca_bot_config_parse_node (bot, error);
}

void
dca_bot_config_write (const DcaBotConfig *bot,
                      DcaJsonWriter      *w)
{
  dca_json_begin_object (w);
  dca_json_member_string (w, "name", bot->name);
  dca_json_member_string (w, "description", bot->description);
  dca_json_member_string (w, "strategy_type", dca_strategy_type_to_string (bot->strategy_type));
  dca_json_key (w, "product_ids");
  dca_json_begin_array (w);
  for (guint i = 0; bot->product_ids[i]; i++)
    dca_json_string (w, bot->product_ids[i]);
  dca_json_end_array (w);
  dca_json_member_bool (w, "split_budget_across_pairs", bot->split_budget);
  dca_json_member_int (w, "check_interval_seconds", bot->check_interval_seconds);
  dca_json_member_decimal_number (w, "reserved_btc_balance", bot->reserved_btc);
  dca_json_member_decimal_number (w, "reserved_usd_balance", bot->reserved_usd);
  dca_json_key (w, "strategy_config");
  dca_strategy_config_write (bot->config, w);
  dca_json_end_object (w);
}

char *
dca_bot_config_to_export_json (const DcaBotConfig *bot)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

  dca_json_begin_object (w);
  dca_json_member_string (w, "version", "1.0");
  dca_json_key (w, "bot");
  dca_bot_config_write (bot, w);
  dca_json_end_object (w);
  return dca_json_writer_steal (w);
}

/* The reserve that applies to the bot's quote currency; zero = none. */
DcaDecimal
dca_bot_config_reserve (const DcaBotConfig *bot)
{
  const char *q = bot->quote_currency ? bot->quote_currency : "";

  if (strcmp (q, "BTC") == 0)
    return bot->reserved_btc;
  if (strcmp (q, "USD") == 0 || strcmp (q, "USDC") == 0 || strcmp (q, "USDT") == 0)
    return bot->reserved_usd;
  return dca_decimal_zero ();
}

/* ------------------------------------------------------------------------ */
/* Templates                                                                */

static const struct
{
  const char *name;
  const char *description;
  const char *config;
} builtin_templates[] = {
  { "Conservative", "Small base order, three safety orders close together, quick profit, tight stop loss",
    "{\"base_order_type\":\"percentage\",\"base_order_percentage\":2,\"safety_order_percentage\":50,"
    "\"max_safety_orders\":3,\"price_deviation\":2,\"safety_order_step_scale\":1,"
    "\"safety_order_volume_scale\":1,\"take_profit_percentage\":1.5,\"stop_loss_enabled\":true,"
    "\"stop_loss_percentage\":-5}" },
  { "Balanced", "Moderate base order, four widening safety orders, 2 % profit, stop loss at -10 %",
    "{\"base_order_type\":\"percentage\",\"base_order_percentage\":5,\"safety_order_percentage\":100,"
    "\"max_safety_orders\":4,\"price_deviation\":3,\"safety_order_step_scale\":1.2,"
    "\"safety_order_volume_scale\":1.5,\"take_profit_percentage\":2,\"stop_loss_enabled\":true,"
    "\"stop_loss_percentage\":-10}" },
  { "Aggressive", "Large base order, five growing safety orders far apart, 3 % profit, no stop loss",
    "{\"base_order_type\":\"percentage\",\"base_order_percentage\":10,\"safety_order_percentage\":150,"
    "\"max_safety_orders\":5,\"price_deviation\":5,\"safety_order_step_scale\":1.5,"
    "\"safety_order_volume_scale\":2,\"take_profit_percentage\":3,\"stop_loss_enabled\":false}" },
};

DcaTemplate *
dca_template_new (const char        *name,
                  const char        *description,
                  DcaStrategyConfig *config)
{
  DcaTemplate *t = g_new0 (DcaTemplate, 1);

  t->name = g_strdup (name);
  t->description = g_strdup (description ? description : "");
  t->config = dca_strategy_config_ref (config);
  return t;
}

void
dca_template_free (DcaTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->name);
  g_free (tmpl->description);
  g_clear_pointer (&tmpl->config, dca_strategy_config_unref);
  g_free (tmpl);
}

GPtrArray *
dca_builtin_templates (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_template_free);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_templates); i++)
    {
      g_autoptr(JsonNode) node = dca_json_parse (builtin_templates[i].config, -1, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaStrategyConfig) config = NULL;
      DcaTemplate *t;

      config = dca_strategy_config_parse (DCA_STRATEGY_CONDITIONAL_DCA, node, &error);
      if (config == NULL)
        {
          g_critical ("built-in template %s: %s", builtin_templates[i].name, error->message);
          continue;
        }
      t = dca_template_new (builtin_templates[i].name, builtin_templates[i].description, config);
      t->builtin = TRUE;
      g_ptr_array_add (list, t);
    }
  return list;
}

/* {"name", "description", "strategy_type", "strategy_config"} */
DcaTemplate *
dca_template_parse (const char  *text,
                    gssize       len,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *type_name = NULL;
  g_autoptr(DcaStrategyConfig) config = NULL;
  DcaStrategyType type = DCA_STRATEGY_CONDITIONAL_DCA;
  JsonObject *obj;

  root = dca_json_parse (text, len, &local_error);
  if (root == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "a template must be a JSON object");
      return NULL;
    }
  obj = json_node_get_object (root);
  if (!get_string_member (obj, "name", TRUE, &name, error) ||
      !get_string_member (obj, "description", FALSE, &description, error) ||
      !get_string_member (obj, "strategy_type", FALSE, &type_name, error))
    return NULL;
  g_strstrip (name);
  if (name[0] == '\0' || g_utf8_strlen (name, -1) > 100)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "name: must be 1 to 100 characters");
      return NULL;
    }
  if (type_name != NULL && !dca_strategy_type_parse (type_name, &type))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "strategy_type: “%s” is not a strategy", type_name);
      return NULL;
    }
  config = dca_strategy_config_parse (type, json_object_get_member (obj, "strategy_config"),
                                      &local_error);
  if (config == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID, "strategy_config.%s",
                   local_error->message);
      return NULL;
    }
  return dca_template_new (name, description, config);
}

void
dca_template_write (const DcaTemplate *tmpl,
                    DcaJsonWriter     *w)
{
  dca_json_begin_object (w);
  if (tmpl->id > 0)
    dca_json_member_int (w, "id", tmpl->id);
  dca_json_member_string (w, "name", tmpl->name);
  dca_json_member_string (w, "description", tmpl->description);
  dca_json_member_bool (w, "builtin", tmpl->builtin);
  dca_json_member_string (w, "strategy_type", dca_strategy_type_to_string (tmpl->config->type));
  dca_json_key (w, "strategy_config");
  dca_strategy_config_write (tmpl->config, w);
  dca_json_end_object (w);
}
