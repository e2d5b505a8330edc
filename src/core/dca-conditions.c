/* dca-conditions.c: condition lists: validation, canonical JSON, equality */
#define G_LOG_DOMAIN "dca-conditions"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dca-conditions-private.h"
#include "dca-decimal.h"

G_DEFINE_QUARK (dca-condition-error-quark, dca_condition_error)

enum
{
  P_PERIOD  = 1 << 0,
  P_FAST    = 1 << 1,
  P_SLOW    = 1 << 2,
  P_SIGNAL  = 1 << 3,
  P_STD_DEV = 1 << 4,
};

static const struct
{
  const char *name;
  guint       params;
  guint       period_default;
  guint       period_min;
} indicator_types[DCA_N_INDICATORS] = {
  [DCA_INDICATOR_RSI] = { "rsi", P_PERIOD, 14, DCA_CONDITION_PERIOD_MIN },
  [DCA_INDICATOR_MACD] = { "macd", P_FAST | P_SLOW | P_SIGNAL, 0, 0 },
  [DCA_INDICATOR_BB_PERCENT] = { "bb_percent", P_PERIOD | P_STD_DEV, 20, DCA_CONDITION_PERIOD_MIN },
  [DCA_INDICATOR_EMA_CROSS] = { "ema_cross", P_PERIOD, 20, DCA_CONDITION_PERIOD_MIN },
  [DCA_INDICATOR_SMA_CROSS] = { "sma_cross", P_PERIOD, 20, DCA_CONDITION_PERIOD_MIN },
  [DCA_INDICATOR_STOCHASTIC] = { "stochastic", P_PERIOD, 14, DCA_CONDITION_PERIOD_MIN },
  [DCA_INDICATOR_VOLUME] = { "volume", 0, 0, 0 },
  /* a change over one candle is the natural default, so 1 is allowed */
  [DCA_INDICATOR_PRICE_CHANGE] = { "price_change", P_PERIOD, 1, 1 },
};

#define MACD_FAST_DEFAULT   12
#define MACD_SLOW_DEFAULT   26
#define MACD_SIGNAL_DEFAULT 9
#define BB_STD_DEV_DEFAULT  2.0

static const struct
{
  const char *name;
  const char *symbol;
} operators[DCA_N_OPERATORS] = {
  [DCA_OPERATOR_GREATER_THAN] = { "greater_than", ">" },
  [DCA_OPERATOR_LESS_THAN] = { "less_than", "<" },
  [DCA_OPERATOR_GREATER_EQUAL] = { "greater_equal", ">=" },
  [DCA_OPERATOR_LESS_EQUAL] = { "less_equal", "<=" },
  [DCA_OPERATOR_CROSSING_ABOVE] = { "crossing_above", "crossing above" },
  [DCA_OPERATOR_CROSSING_BELOW] = { "crossing_below", "crossing below" },
};

static const char *const param_names[] = {
  "period", "fast_period", "slow_period", "signal_period", "std_dev",
};

gboolean
dca_logic_parse (const char *s,
                 DcaLogic   *out)
{
  if (g_strcmp0 (s, "and") == 0)
    *out = DCA_LOGIC_AND;
  else if (g_strcmp0 (s, "or") == 0)
    *out = DCA_LOGIC_OR;
  else
    return FALSE;
  return TRUE;
}

const char *
dca_logic_to_string (DcaLogic logic)
{
  return logic == DCA_LOGIC_OR ? "or" : "and";
}

const char *
dca_indicator_type_to_string (DcaIndicatorType type)
{
  g_return_val_if_fail ((guint) type < DCA_N_INDICATORS, NULL);
  return indicator_types[type].name;
}

const char *
dca_operator_to_string (DcaOperator op)
{
  g_return_val_if_fail ((guint) op < DCA_N_OPERATORS, NULL);
  return operators[op].name;
}

const char *
dca_operator_describe (DcaOperator op)
{
  g_return_val_if_fail ((guint) op < DCA_N_OPERATORS, NULL);
  return operators[op].symbol;
}

gboolean
dca_indicator_spec_equal (const DcaIndicatorSpec *a,
                          const DcaIndicatorSpec *b)
{
  return a->type == b->type &&
         a->timeframe == b->timeframe &&
         a->period == b->period &&
         a->fast_period == b->fast_period &&
         a->slow_period == b->slow_period &&
         a->signal_period == b->signal_period &&
         a->std_dev == b->std_dev;
}

void
dca_condition_append_number (GString *out,
                             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* whole numbers in full (100, not the equally short 1e+02), the rest
   * with the fewest digits that read back as the same double */
  if (value == floor (value) && fabs (value) < 1e15)
    g_ascii_formatd (buf, sizeof buf, "%.0f", value == 0 ? 0 : value);
  else
    dca_double_format_shortest (buf, sizeof buf, value);
  g_string_append (out, buf);
}

void
dca_indicator_spec_describe (const DcaIndicatorSpec *spec,
                             GString                *out)
{
  const char *tf = dca_timeframe_short_name (spec->timeframe);

  switch (spec->type)
    {
    case DCA_INDICATOR_RSI:
      g_string_append_printf (out, "RSI(%u, %s)", spec->period, tf);
      break;
    case DCA_INDICATOR_MACD:
      g_string_append_printf (out, "MACD(%u, %u, %u, %s)", spec->fast_period, spec->slow_period,
                              spec->signal_period, tf);
      break;
    case DCA_INDICATOR_BB_PERCENT:
      g_string_append_printf (out, "%%B(%u, ", spec->period);
      dca_condition_append_number (out, spec->std_dev);
      g_string_append_printf (out, ", %s)", tf);
      break;
    case DCA_INDICATOR_EMA_CROSS:
      g_string_append_printf (out, "close-EMA(%u, %s)", spec->period, tf);
      break;
    case DCA_INDICATOR_SMA_CROSS:
      g_string_append_printf (out, "close-SMA(%u, %s)", spec->period, tf);
      break;
    case DCA_INDICATOR_STOCHASTIC:
      g_string_append_printf (out, "%%K(%u, %s)", spec->period, tf);
      break;
    case DCA_INDICATOR_VOLUME:
      g_string_append_printf (out, "volume(%s)", tf);
      break;
    case DCA_INDICATOR_PRICE_CHANGE:
      g_string_append_printf (out, "change%%(%u, %s)", spec->period, tf);
      break;
    case DCA_N_INDICATORS:
    default:
      g_assert_not_reached ();
    }
}

/* Parsing --------------------------------------------------------------- */

typedef struct
{
  GString  *path;
  GError  **error;
} Ctx;

static gboolean fail (Ctx        *ctx,
                      const char *key,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

/* Always returns FALSE, for `return fail (...)`. */
static gboolean
fail (Ctx        *ctx,
      const char *key,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (ctx->error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_INVALID, "%s%s%s: %s",
               ctx->path->str, key ? "." : "", key ? key : "", message);
  return FALSE;
}

/* What a value was, for "(got ...)" in messages. */
static char *
describe_json (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup ("an object");
    case JSON_NODE_ARRAY:
      return g_strdup ("an array");
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        GString *s = g_string_new (NULL);

        dca_condition_append_number (s, json_node_get_double (node));
        return g_string_free (s, FALSE);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        g_autofree char *cut = g_utf8_substring (s, 0, MIN (g_utf8_strlen (s, -1), 40));
        g_autofree char *escaped = g_strescape (cut, NULL);

        return g_strdup_printf ("\"%s\"", escaped);
      }
    default:
      return g_strdup ("a value of an unknown kind");
    }
}

static gboolean
json_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

static const char *
json_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A member, with JSON null read as absent: exports written from optional
 * fields carry null for the ones never set. */
static JsonNode *
member (JsonObject *obj,
        const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
check_keys (Ctx               *ctx,
            JsonObject        *obj,
            const char        *what,
            const char *const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        return fail (ctx, l->data, "unknown key (%s takes %s)", what, list);
      }
  return TRUE;
}

static char *
type_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < DCA_N_INDICATORS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", indicator_types[i].name);
  return g_string_free (s, FALSE);
}

static char *
operator_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < DCA_N_OPERATORS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", operators[i].name);
  return g_string_free (s, FALSE);
}

static char *
timeframe_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i < DCA_N_TIMEFRAMES; i++)
    g_string_append_printf (s, "%s%s", i > 1 ? ", " : "", dca_timeframe_to_string (i));
  g_string_append (s, " (or ");
  for (guint i = 1; i < DCA_N_TIMEFRAMES; i++)
    g_string_append_printf (s, "%s%s", i > 1 ? ", " : "", dca_timeframe_short_name (i));
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static gboolean
parse_type (Ctx              *ctx,
            JsonObject       *obj,
            DcaIndicatorType *out)
{
  JsonNode *node = member (obj, "type");
  const char *s = json_string (node);
  g_autofree char *names = type_names ();

  if (node == NULL)
    return fail (ctx, "type", "required: one of %s", names);
  if (s == NULL)
    {
      g_autofree char *got = describe_json (node);

      return fail (ctx, "type", "must be a string, one of %s (got %s)", names, got);
    }
  for (guint i = 0; i < DCA_N_INDICATORS; i++)
    if (strcmp (s, indicator_types[i].name) == 0)
      {
        *out = (DcaIndicatorType) i;
        return TRUE;
      }
  {
    g_autofree char *got = describe_json (node);

    return fail (ctx, "type", "unknown indicator %s: one of %s", got, names);
  }
}

static gboolean
parse_timeframe (Ctx          *ctx,
                 JsonNode     *node,
                 DcaTimeframe *out)
{
  const char *s = json_string (node);
  g_autofree char *names = timeframe_names ();
  DcaTimeframe tf;

  if (node == NULL)
    return fail (ctx, "timeframe", "required: one of %s", names);
  tf = dca_timeframe_parse (s);
  if (tf == DCA_TIMEFRAME_INVALID)
    {
      g_autofree char *got = describe_json (node);

      return fail (ctx, "timeframe", "must be one of %s (got %s)", names, got);
    }
  *out = tf;
  return TRUE;
}

static gboolean
parse_whole (Ctx        *ctx,
             JsonObject *obj,
             const char *key,
             guint       min,
             guint       max,
             guint      *inout)
{
  JsonNode *node = member (obj, key);
  double v;

  if (node == NULL)
    return TRUE;
  if (!json_number (node, &v) || v != floor (v) || v < min || v > max)
    {
      g_autofree char *got = describe_json (node);

      return fail (ctx, key, "must be a whole number from %u to %u (got %s)", min, max, got);
    }
  *inout = (guint) v;
  return TRUE;
}

/* The parameters of `spec->type`, with their defaults; a parameter the
 * type does not take is an error rather than silently ignored. */
static gboolean
parse_params (Ctx              *ctx,
              JsonObject       *obj,
              DcaIndicatorSpec *spec)
{
  guint params = indicator_types[spec->type].params;

  for (guint i = 0; i < G_N_ELEMENTS (param_names); i++)
    if (!(params & (1u << i)) && member (obj, param_names[i]) != NULL)
      {
        GString *takes = g_string_new (NULL);
        g_autofree char *list = NULL;

        for (guint j = 0; j < G_N_ELEMENTS (param_names); j++)
          if (params & (1u << j))
            g_string_append_printf (takes, "%s%s", takes->len ? ", " : "", param_names[j]);
        list = g_string_free (takes, FALSE);
        return fail (ctx, param_names[i], "%s takes no %s (%s%s)", indicator_types[spec->type].name,
                     param_names[i], *list ? "it takes " : "it takes no parameters", list);
      }

  if (params & P_PERIOD)
    {
      spec->period = indicator_types[spec->type].period_default;
      if (!parse_whole (ctx, obj, "period", indicator_types[spec->type].period_min,
                        DCA_CONDITION_PERIOD_MAX, &spec->period))
        return FALSE;
    }

  if (params & P_FAST)
    {
      spec->fast_period = MACD_FAST_DEFAULT;
      spec->slow_period = MACD_SLOW_DEFAULT;
      spec->signal_period = MACD_SIGNAL_DEFAULT;
      if (!parse_whole (ctx, obj, "fast_period", DCA_CONDITION_PERIOD_MIN, DCA_CONDITION_PERIOD_MAX,
                        &spec->fast_period) ||
          !parse_whole (ctx, obj, "slow_period", DCA_CONDITION_PERIOD_MIN, DCA_CONDITION_PERIOD_MAX,
                        &spec->slow_period) ||
          !parse_whole (ctx, obj, "signal_period", DCA_CONDITION_PERIOD_MIN,
                        DCA_CONDITION_PERIOD_MAX, &spec->signal_period))
        return FALSE;
      /* blame the key the user wrote; with both written, the slow one */
      if (spec->fast_period >= spec->slow_period)
        {
          if (member (obj, "slow_period") != NULL)
            return fail (ctx, "slow_period", "must be above fast_period (%u) (got %u)",
                         spec->fast_period, spec->slow_period);
          return fail (ctx, "fast_period", "must be below slow_period (%u) (got %u)",
                       spec->slow_period, spec->fast_period);
        }
    }

  if (params & P_STD_DEV)
    {
      JsonNode *node = member (obj, "std_dev");

      spec->std_dev = BB_STD_DEV_DEFAULT;
      if (node != NULL &&
          (!json_number (node, &spec->std_dev) ||
           spec->std_dev < DCA_CONDITION_STD_DEV_MIN || spec->std_dev > DCA_CONDITION_STD_DEV_MAX))
        {
          g_autofree char *got = describe_json (node);

          return fail (ctx, "std_dev", "must be a number from 0.1 to 10 (got %s)", got);
        }
    }
  return TRUE;
}

static gboolean
parse_value_indicator (Ctx              *ctx,
                       JsonObject       *obj,
                       DcaTimeframe      condition_tf,
                       DcaIndicatorSpec *spec)
{
  static const char *const allowed[] = {
    "type", "timeframe", "period", "fast_period", "slow_period", "signal_period", "std_dev", NULL
  };
  JsonNode *tf_node;

  if (!check_keys (ctx, obj, "an indicator value", allowed) || !parse_type (ctx, obj, &spec->type))
    return FALSE;
  /* the condition's timeframe unless it names its own */
  spec->timeframe = condition_tf;
  tf_node = member (obj, "timeframe");
  if (tf_node != NULL && !parse_timeframe (ctx, tf_node, &spec->timeframe))
    return FALSE;
  return parse_params (ctx, obj, spec);
}

static gboolean
parse_condition (Ctx              *ctx,
                 JsonObject       *obj,
                 DcaConditionNode *out)
{
  static const char *const allowed[] = {
    "type", "operator", "value", "timeframe",
    "period", "fast_period", "slow_period", "signal_period", "std_dev", NULL
  };
  JsonNode *node;
  const char *op;

  if (!check_keys (ctx, obj, "a condition", allowed) || !parse_type (ctx, obj, &out->lhs.type) ||
      !parse_params (ctx, obj, &out->lhs))
    return FALSE;

  node = member (obj, "operator");
  op = json_string (node);
  {
    g_autofree char *names = operator_names ();
    guint i;

    if (node == NULL)
      return fail (ctx, "operator", "required: one of %s", names);
    for (i = 0; op != NULL && i < DCA_N_OPERATORS; i++)
      if (strcmp (op, operators[i].name) == 0)
        break;
    if (op == NULL || i == DCA_N_OPERATORS)
      {
        g_autofree char *got = describe_json (node);

        return fail (ctx, "operator", "must be one of %s (got %s)", names, got);
      }
    out->op = (DcaOperator) i;
  }

  if (!parse_timeframe (ctx, member (obj, "timeframe"), &out->lhs.timeframe))
    return FALSE;

  node = member (obj, "value");
  if (node == NULL)
    return fail (ctx, "value", "required: a number, or an indicator such as "
                               "{\"type\": \"ema_cross\", \"period\": 50}");
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      gsize len = ctx->path->len;
      gboolean ok;

      g_string_append (ctx->path, ".value");
      out->rhs_is_indicator = TRUE;
      ok = parse_value_indicator (ctx, json_node_get_object (node), out->lhs.timeframe, &out->rhs);
      g_string_truncate (ctx->path, len);
      return ok;
    }
  if (!json_number (node, &out->value))
    {
      g_autofree char *got = describe_json (node);

      return fail (ctx, "value", "must be a finite number or an indicator object (got %s)", got);
    }
  /* -0 and 0 compare alike; keep the canonical form free of "-0" */
  if (out->value == 0)
    out->value = 0;
  return TRUE;
}

static gboolean parse_items (Ctx               *ctx,
                             JsonArray         *array,
                             guint              depth,
                             DcaConditionNode **items,
                             guint             *n_items);

static gboolean
parse_group (Ctx              *ctx,
             JsonObject       *obj,
             guint             depth,
             DcaConditionNode *out)
{
  static const char *const allowed[] = { "logic", "conditions", NULL };
  JsonNode *node;
  gsize len;
  gboolean ok;

  out->is_group = TRUE;
  if (!check_keys (ctx, obj, "a group", allowed))
    return FALSE;
  if (depth >= DCA_CONDITION_MAX_DEPTH)
    return fail (ctx, "conditions", "groups nest too deep (at most %u levels)",
                 DCA_CONDITION_MAX_DEPTH);

  node = member (obj, "logic");
  if (node == NULL)
    return fail (ctx, "logic", "required: \"and\" or \"or\"");
  if (!dca_logic_parse (json_string (node), &out->logic))
    {
      g_autofree char *got = describe_json (node);

      return fail (ctx, "logic", "must be \"and\" or \"or\" (got %s)", got);
    }

  node = member (obj, "conditions");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *got = node ? describe_json (node) : NULL;

      if (node == NULL)
        return fail (ctx, "conditions", "required: a list of conditions");
      return fail (ctx, "conditions", "must be a list of conditions (got %s)", got);
    }
  /* an empty group would be true under "and" and false under "or": neither
   * is what someone who left it empty meant */
  if (json_array_get_length (json_node_get_array (node)) == 0)
    return fail (ctx, "conditions", "must hold at least one condition");

  len = ctx->path->len;
  g_string_append (ctx->path, ".conditions");
  ok = parse_items (ctx, json_node_get_array (node), depth + 1, &out->children, &out->n_children);
  g_string_truncate (ctx->path, len);
  return ok;
}

static void
node_clear (DcaConditionNode *node)
{
  for (guint i = 0; i < node->n_children; i++)
    node_clear (&node->children[i]);
  g_clear_pointer (&node->children, g_free);
  g_clear_pointer (&node->path, g_free);
}

static void
items_free (DcaConditionNode *items,
            guint             n_items)
{
  for (guint i = 0; i < n_items; i++)
    node_clear (&items[i]);
  g_free (items);
}

static gboolean
parse_items (Ctx               *ctx,
             JsonArray         *array,
             guint              depth,
             DcaConditionNode **items_out,
             guint             *n_items_out)
{
  guint n = json_array_get_length (array);
  DcaConditionNode *items = g_new0 (DcaConditionNode, MAX (n, 1));
  gsize len = ctx->path->len;
  gboolean ok = TRUE;
  guint i;

  for (i = 0; i < n && ok; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_string_append_printf (ctx->path, "[%u]", i);
      items[i].path = g_strdup (ctx->path->str);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *got = describe_json (node);

          ok = fail (ctx, NULL, "must be a condition or a group object (got %s)", got);
        }
      else
        {
          JsonObject *obj = json_node_get_object (node);

          if (member (obj, "conditions") != NULL || member (obj, "logic") != NULL)
            ok = parse_group (ctx, obj, depth, &items[i]);
          else
            ok = parse_condition (ctx, obj, &items[i]);
        }
      g_string_truncate (ctx->path, len);
    }

  if (!ok)
    {
      items_free (items, i);
      return FALSE;
    }
  *items_out = items;
  *n_items_out = n;
  return TRUE;
}

DcaConditionList *
dca_condition_list_parse (JsonNode    *node,
                          DcaLogic     logic,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GString) path = g_string_new (key ? key : "conditions");
  DcaConditionList *list;
  Ctx ctx = { path, error };

  g_return_val_if_fail (logic == DCA_LOGIC_AND || logic == DCA_LOGIC_OR, NULL);

  list = g_new0 (DcaConditionList, 1);
  g_atomic_ref_count_init (&list->ref_count);
  list->logic = logic;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return list;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *got = describe_json (node);

      fail (&ctx, NULL, "must be a list of conditions (got %s)", got);
      g_free (list);
      return NULL;
    }
  if (!parse_items (&ctx, json_node_get_array (node), 0, &list->items, &list->n_items))
    {
      g_free (list);
      return NULL;
    }
  return list;
}

DcaConditionList *
dca_condition_list_ref (DcaConditionList *list)
{
  g_return_val_if_fail (list != NULL, NULL);

  g_atomic_ref_count_inc (&list->ref_count);
  return list;
}

void
dca_condition_list_unref (DcaConditionList *list)
{
  if (list == NULL || !g_atomic_ref_count_dec (&list->ref_count))
    return;
  items_free (list->items, list->n_items);
  g_free (list);
}

gboolean
dca_condition_list_is_empty (const DcaConditionList *list)
{
  return list == NULL || list->n_items == 0;
}

DcaLogic
dca_condition_list_get_logic (const DcaConditionList *list)
{
  g_return_val_if_fail (list != NULL, DCA_LOGIC_AND);
  return list->logic;
}

/* Canonical JSON ------------------------------------------------------- */

static void
add_number (JsonBuilder *b,
            double       v)
{
  /* whole numbers as JSON integers (14, not 14.0), the rest as doubles,
   * which json-glib writes with enough digits to read back the same */
  if (v == floor (v) && fabs (v) < 9007199254740992.0)
    json_builder_add_int_value (b, (gint64) v);
  else
    json_builder_add_double_value (b, v);
}

static void
build_params (JsonBuilder            *b,
              const DcaIndicatorSpec *spec)
{
  guint params = indicator_types[spec->type].params;

  if (params & P_PERIOD)
    {
      json_builder_set_member_name (b, "period");
      json_builder_add_int_value (b, spec->period);
    }
  if (params & P_FAST)
    {
      json_builder_set_member_name (b, "fast_period");
      json_builder_add_int_value (b, spec->fast_period);
      json_builder_set_member_name (b, "slow_period");
      json_builder_add_int_value (b, spec->slow_period);
      json_builder_set_member_name (b, "signal_period");
      json_builder_add_int_value (b, spec->signal_period);
    }
  if (params & P_STD_DEV)
    {
      json_builder_set_member_name (b, "std_dev");
      add_number (b, spec->std_dev);
    }
}

static void
build_node (JsonBuilder            *b,
            const DcaConditionNode *node)
{
  json_builder_begin_object (b);
  if (node->is_group)
    {
      json_builder_set_member_name (b, "logic");
      json_builder_add_string_value (b, dca_logic_to_string (node->logic));
      json_builder_set_member_name (b, "conditions");
      json_builder_begin_array (b);
      for (guint i = 0; i < node->n_children; i++)
        build_node (b, &node->children[i]);
      json_builder_end_array (b);
    }
  else
    {
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, indicator_types[node->lhs.type].name);
      json_builder_set_member_name (b, "operator");
      json_builder_add_string_value (b, operators[node->op].name);
      json_builder_set_member_name (b, "value");
      if (node->rhs_is_indicator)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, indicator_types[node->rhs.type].name);
          if (node->rhs.timeframe != node->lhs.timeframe)
            {
              json_builder_set_member_name (b, "timeframe");
              json_builder_add_string_value (b, dca_timeframe_to_string (node->rhs.timeframe));
            }
          build_params (b, &node->rhs);
          json_builder_end_object (b);
        }
      else
        add_number (b, node->value);
      json_builder_set_member_name (b, "timeframe");
      json_builder_add_string_value (b, dca_timeframe_to_string (node->lhs.timeframe));
      build_params (b, &node->lhs);
    }
  json_builder_end_object (b);
}

JsonNode *
dca_condition_list_to_json (const DcaConditionList *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  if (list != NULL)
    for (guint i = 0; i < list->n_items; i++)
      build_node (b, &list->items[i]);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static gboolean
nodes_equal (const DcaConditionNode *a,
             guint                   n_a,
             const DcaConditionNode *b,
             guint                   n_b)
{
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      const DcaConditionNode *x = &a[i], *y = &b[i];

      if (x->is_group != y->is_group)
        return FALSE;
      if (x->is_group)
        {
          if (x->logic != y->logic ||
              !nodes_equal (x->children, x->n_children, y->children, y->n_children))
            return FALSE;
        }
      else if (!dca_indicator_spec_equal (&x->lhs, &y->lhs) || x->op != y->op ||
               x->rhs_is_indicator != y->rhs_is_indicator ||
               (x->rhs_is_indicator ? !dca_indicator_spec_equal (&x->rhs, &y->rhs)
                                    : x->value != y->value))
        return FALSE;
    }
  return TRUE;
}

gboolean
dca_condition_list_equal (const DcaConditionList *a,
                          const DcaConditionList *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->logic == b->logic && nodes_equal (a->items, a->n_items, b->items, b->n_items);
}

static void
mark_timeframes (const DcaConditionNode *items,
                 guint                   n_items,
                 gboolean                used[DCA_N_TIMEFRAMES])
{
  for (guint i = 0; i < n_items; i++)
    {
      const DcaConditionNode *node = &items[i];

      if (node->is_group)
        {
          mark_timeframes (node->children, node->n_children, used);
          continue;
        }
      used[node->lhs.timeframe] = TRUE;
      if (node->rhs_is_indicator)
        used[node->rhs.timeframe] = TRUE;
    }
}

void
dca_condition_list_get_timeframes (const DcaConditionList *list,
                                   gboolean                used[DCA_N_TIMEFRAMES])
{
  g_return_if_fail (list != NULL);
  mark_timeframes (list->items, list->n_items, used);
}

static void
describe_items (GString                *out,
                const DcaConditionNode *items,
                guint                   n_items,
                DcaLogic                logic)
{
  for (guint i = 0; i < n_items; i++)
    {
      const DcaConditionNode *node = &items[i];

      if (i > 0)
        g_string_append_printf (out, " %s ", dca_logic_to_string (logic));
      if (node->is_group)
        {
          g_string_append_c (out, '(');
          describe_items (out, node->children, node->n_children, node->logic);
          g_string_append_c (out, ')');
          continue;
        }
      dca_indicator_spec_describe (&node->lhs, out);
      g_string_append_printf (out, " %s ", operators[node->op].symbol);
      if (node->rhs_is_indicator)
        dca_indicator_spec_describe (&node->rhs, out);
      else
        dca_condition_append_number (out, node->value);
    }
}

char *
dca_condition_list_describe (const DcaConditionList *list)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (list != NULL, NULL);

  if (list->n_items == 0)
    g_string_append (out, "no conditions");
  else
    describe_items (out, list->items, list->n_items, list->logic);
  return g_string_free (out, FALSE);
}
