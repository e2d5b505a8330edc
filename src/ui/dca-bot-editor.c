/* dca-bot-editor.c: create or edit a bot
 *
 * The fields are built from a table of the keys of every strategy type;
 * which of them a type uses, and their defaults, come from core (its
 * canonical form of an empty configuration), so the editor shows exactly
 * the keys core reads.  Conditional DCA's condition lists each have a
 * DcaConditionBuilder.  On every change the editor writes a bot export from
 * the fields and builders (over the bot's own configuration, so a key it
 * does not show is kept) and asks core to parse it: core's message names
 * the key, and the field or the condition with that key is marked.
 */
#define G_LOG_DOMAIN "dca-bot-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dca-backtest.h"
#include "dca-bot.h"
#include "dca-line-chart.h"
#include "dca-bot-editor.h"
#include "dca-condition-builder.h"
#include "dca-engine.h"
#include "dca-replay-market.h"
#include "dca-json.h"

typedef enum
{
  FIELD_TEXT,    /* name */
  FIELD_NUMBER,  /* a decimal or an integer */
  FIELD_SWITCH,
  FIELD_CHOICE,  /* one of `choices` */
} FieldKind;

typedef enum
{
  GROUP_GENERAL,
  GROUP_STRATEGY,  /* the strategy type's own keys */
  GROUP_BASE,
  GROUP_SAFETY,
  GROUP_TAKE_PROFIT,
  GROUP_STOP_LOSS,
  N_GROUPS
} FieldGroup;

typedef struct
{
  const char         *key;
  FieldKind           kind;
  FieldGroup          group;
  gboolean            bot_level;  /* beside strategy_config in the export, not in it */
  const char         *title;
  const char         *subtitle;
  const char * const *choices;    /* FIELD_CHOICE: JSON values, NULL-terminated */
  const char * const *labels;     /* FIELD_CHOICE: what the user sees */
} FieldDef;

static const char * const base_size_choices[] = { "percentage", "fixed_btc", NULL };
static const char * const base_size_labels[] = { N_("Percentage of the balance"), N_("Fixed amount"), NULL };
static const char * const safety_size_choices[] = { "percentage_of_base", "fixed_btc", NULL };
static const char * const safety_size_labels[] = { N_("Percentage of the base order"), N_("Fixed amount"), NULL };
/* in the order of DcaStrategyType */
static const char * const type_choices[] = {
  "conditional_dca", "advanced_dca", "simple_dca", "rsi", "bollinger_bands", "macd_dca", NULL
};
static const char * const type_labels[] = {
  N_("Conditional DCA"), N_("Advanced DCA"), N_("Simple DCA"), N_("RSI"), N_("Bollinger Bands"),
  N_("MACD DCA"), NULL
};
static const char * const timeframe_choices[] = {
  "ONE_MINUTE", "FIVE_MINUTE", "FIFTEEN_MINUTE", "THIRTY_MINUTE", "ONE_HOUR", "TWO_HOUR",
  "SIX_HOUR", "ONE_DAY", NULL
};
static const char * const timeframe_labels[] = {
  N_("1 minute"), N_("5 minutes"), N_("15 minutes"), N_("30 minutes"), N_("1 hour"), N_("2 hours"),
  N_("6 hours"), N_("1 day"), NULL
};

static const FieldDef fields[] = {
  { "name", FIELD_TEXT, GROUP_GENERAL, TRUE, N_("Name"), NULL, NULL, NULL },
  { "product_ids", FIELD_TEXT, GROUP_GENERAL, TRUE, N_("Pairs"), N_("BASE-QUOTE, comma separated, one quote currency"), NULL, NULL },
  { "strategy_type", FIELD_CHOICE, GROUP_GENERAL, TRUE, N_("Strategy"), NULL, type_choices, type_labels },
  { "check_interval_seconds", FIELD_NUMBER, GROUP_GENERAL, TRUE, N_("Check interval (seconds)"), NULL, NULL, NULL },
  { "max_concurrent_deals", FIELD_NUMBER, GROUP_GENERAL, FALSE, N_("Deals at once"), NULL, NULL, NULL },
  /* simple_dca */
  { "buy_interval_hours", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Buy every (hours)"), NULL, NULL, NULL },
  { "max_buys", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Buys per deal"), NULL, NULL, NULL },
  /* rsi */
  { "rsi_timeframe", FIELD_CHOICE, GROUP_STRATEGY, FALSE, N_("Timeframe"), NULL, timeframe_choices, timeframe_labels },
  { "rsi_period", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("RSI period"), NULL, NULL, NULL },
  { "rsi_oversold", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Buy below (oversold)"), NULL, NULL, NULL },
  { "rsi_overbought", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Sell above (overbought)"), NULL, NULL, NULL },
  /* bollinger_bands */
  { "bb_timeframe", FIELD_CHOICE, GROUP_STRATEGY, FALSE, N_("Timeframe"), NULL, timeframe_choices, timeframe_labels },
  { "bb_period", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Band period"), NULL, NULL, NULL },
  { "bb_std_dev", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Standard deviations"), NULL, NULL, NULL },
  /* xgettext:no-c-format */
  { "bb_entry_percent_b", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Buy below %B"), NULL, NULL, NULL },
  /* xgettext:no-c-format */
  { "bb_exit_percent_b", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Sell above %B"), NULL, NULL, NULL },
  /* macd_dca */
  { "macd_timeframe", FIELD_CHOICE, GROUP_STRATEGY, FALSE, N_("Timeframe"), NULL, timeframe_choices, timeframe_labels },
  { "macd_fast_period", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Fast period"), NULL, NULL, NULL },
  { "macd_slow_period", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Slow period"), NULL, NULL, NULL },
  { "macd_signal_period", FIELD_NUMBER, GROUP_STRATEGY, FALSE, N_("Signal period"), NULL, NULL, NULL },
  { "base_order_type", FIELD_CHOICE, GROUP_BASE, FALSE, N_("Size"), NULL, base_size_choices, base_size_labels },
  { "base_order_percentage", FIELD_NUMBER, GROUP_BASE, FALSE, N_("Percentage of the balance"), NULL, NULL, NULL },
  { "base_order_btc", FIELD_NUMBER, GROUP_BASE, FALSE, N_("Amount (quote currency)"), NULL, NULL, NULL },
  { "max_safety_orders", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Safety orders"), N_("0 to 20"), NULL, NULL },
  { "safety_order_type", FIELD_CHOICE, GROUP_SAFETY, FALSE, N_("Size"), NULL, safety_size_choices, safety_size_labels },
  { "safety_order_percentage", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Percentage of the base order"), NULL, NULL, NULL },
  { "safety_order_btc", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Amount (quote currency)"), NULL, NULL, NULL },
  { "price_deviation", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Price deviation (%)"), N_("Below the base order's price, for the first"), NULL, NULL },
  { "safety_order_step_scale", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Step scale"), N_("Each next deviation step, times this"), NULL, NULL },
  { "safety_order_volume_scale", FIELD_NUMBER, GROUP_SAFETY, FALSE, N_("Volume scale"), N_("Each next order's size, times this"), NULL, NULL },
  { "take_profit_percentage", FIELD_NUMBER, GROUP_TAKE_PROFIT, FALSE, N_("Take profit (%)"), NULL, NULL, NULL },
  { "trailing_take_profit", FIELD_SWITCH, GROUP_TAKE_PROFIT, FALSE, N_("Trailing"), N_("Follow the price up, sell on the way down"), NULL, NULL },
  { "trailing_deviation", FIELD_NUMBER, GROUP_TAKE_PROFIT, FALSE, N_("Trailing deviation (%)"), NULL, NULL, NULL },
  { "min_profit_for_conditions", FIELD_NUMBER, GROUP_TAKE_PROFIT, FALSE, N_("Least profit for a signal exit (%)"), NULL, NULL, NULL },
  { "stop_loss_enabled", FIELD_SWITCH, GROUP_STOP_LOSS, FALSE, N_("Stop loss"), NULL, NULL, NULL },
  { "stop_loss_percentage", FIELD_NUMBER, GROUP_STOP_LOSS, FALSE, N_("Stop loss (%)"), N_("Negative: the loss that sells"), NULL, NULL },
  { "trailing_stop_loss", FIELD_SWITCH, GROUP_STOP_LOSS, FALSE, N_("Trailing stop loss"), NULL, NULL, NULL },
  { "trailing_stop_deviation", FIELD_NUMBER, GROUP_STOP_LOSS, FALSE, N_("Trailing stop deviation (%)"), NULL, NULL, NULL },
};

/* The condition lists of conditional_dca, one builder each. */
static const struct
{
  const char *key;
  const char *logic_key;
} phases[] = {
  { "base_order_conditions", "base_order_logic" },
  { "safety_order_conditions", "safety_order_logic" },
  { "take_profit_conditions", "take_profit_logic" },
};

#define N_PHASES G_N_ELEMENTS (phases)

struct _DcaBotEditor
{
  AdwWindow             parent_instance;

  DcaContext           *context;
  gint64                bot_id;
  DcaBotRecord         *record;        /* the bot being edited, for its keys the editor does not show */
  JsonNode             *base_config;   /* the bot's or the template's strategy_config */
  DcaBotConfig         *valid;         /* the last valid configuration, or NULL */
  char                 *error;
  GtkWidget            *rows[G_N_ELEMENTS (fields)];
  gboolean              touched[G_N_ELEMENTS (fields)];  /* a choice set by the bot or the user */
  guint                 loading;

  AdwPreferencesGroup  *general_group;
  AdwPreferencesGroup  *strategy_group;
  AdwPreferencesGroup  *base_group;
  AdwPreferencesGroup  *safety_group;
  AdwPreferencesGroup  *take_profit_group;
  AdwPreferencesGroup  *stop_loss_group;
  AdwPreferencesGroup  *groups[N_GROUPS];
  DcaConditionBuilder  *base_conditions;
  DcaConditionBuilder  *safety_conditions;
  DcaConditionBuilder  *take_profit_conditions;
  DcaConditionBuilder  *builders[N_PHASES];
  GtkLabel             *error_label;
  GtkLabel             *summary_label;
  GtkLabel             *preview_label;
  DcaLineChart         *preview_chart;
  GtkButton            *save_button;

  GCancellable         *preview_cancellable;
  guint                 preview_source;
  char                 *preview_text;   /* the last preview, for tests */
};

G_DEFINE_FINAL_TYPE (DcaBotEditor, dca_bot_editor, ADW_TYPE_WINDOW)

static int
field_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].key, key) == 0)
      return (int) i;
  return -1;
}

/* ---- reading and writing the fields ------------------------------------- */

static char *
field_text (DcaBotEditor *self,
            guint         i)
{
  GtkWidget *row = self->rows[i];

  switch (fields[i].kind)
    {
    case FIELD_TEXT:
    case FIELD_NUMBER:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "switch")) ? "true" : "false");
    case FIELD_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

        return g_strdup (selected < g_strv_length ((char **) fields[i].choices) ? fields[i].choices[selected]
                                                                                  : fields[i].choices[0]);
      }
    default:
      return g_strdup ("");
    }
}

void
dca_bot_editor_set_field (DcaBotEditor *self,
                          const char   *key,
                          const char   *text)
{
  int i = field_index (key);
  GtkWidget *row;

  g_return_if_fail (i >= 0);
  row = self->rows[i];
  self->touched[i] = TRUE;
  switch (fields[i].kind)
    {
    case FIELD_TEXT:
    case FIELD_NUMBER:
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (g_object_get_data (G_OBJECT (row), "switch"), g_strcmp0 (text, "true") == 0);
      break;
    case FIELD_CHOICE:
      for (guint c = 0; fields[i].choices[c] != NULL; c++)
        if (g_strcmp0 (text, fields[i].choices[c]) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), c);
      break;
    default:
      break;
    }
}

/* a JSON value as the field shows it */
static char *
node_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[64];

        return g_strdup (dca_double_format_shortest (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

/* ---- validation ---------------------------------------------------------- */

static void
write_value (DcaJsonWriter  *w,
             const FieldDef *f,
             const char     *text)
{
  DcaDecimal d;

  dca_json_key (w, f->key);
  if (f->kind == FIELD_SWITCH)
    dca_json_bool (w, g_strcmp0 (text, "true") == 0);
  else if (f->kind == FIELD_NUMBER && dca_decimal_parse (text, &d, NULL))
    dca_json_decimal_number (w, d);
  else
    /* not a number: as a string, which core refuses naming the key */
    dca_json_string (w, text);
}

/* ---- the strategy types ---------------------------------------------------- */

/* Every key of a strategy type with its default, from core: its canonical
 * form of an empty configuration.  The editor shows exactly these. */
static JsonObject *
type_defaults (DcaStrategyType type)
{
  static JsonNode *defaults[DCA_N_STRATEGIES];

  g_return_val_if_fail ((guint) type < DCA_N_STRATEGIES, NULL);
  if (defaults[type] == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaStrategyConfig) config = dca_strategy_config_parse (type, NULL, &error);

      if (config == NULL)
        {
          g_critical ("the defaults of %s: %s", dca_strategy_type_to_string (type), error->message);
          defaults[type] = json_node_init_object (json_node_alloc (), json_object_new ());
        }
      else
        defaults[type] = json_node_ref (config->source);
    }
  return json_node_get_object (defaults[type]);
}

static DcaStrategyType
current_type (DcaBotEditor *self)
{
  g_autofree char *text = field_text (self, field_index ("strategy_type"));
  DcaStrategyType type = DCA_STRATEGY_CONDITIONAL_DCA;

  dca_strategy_type_parse (text, &type);
  return type;
}

/* whether the key is one of the strategy type's (bot-level fields always are) */
static gboolean
key_applies (DcaBotEditor *self,
             const char   *key)
{
  int i = field_index (key);

  if (i >= 0 && fields[i].bot_level)
    return TRUE;
  return json_object_has_member (type_defaults (current_type (self)), key);
}

static gboolean
is_condition_key (const char *key)
{
  for (guint p = 0; p < N_PHASES; p++)
    if (strcmp (key, phases[p].key) == 0 || strcmp (key, phases[p].logic_key) == 0)
      return TRUE;
  return FALSE;
}

/* The empty fields of the type's keys get its defaults, so that a change
 * of type shows what the new type would run with.  A nullable key
 * (take profit of MACD DCA) stays empty: empty means none. */
static void
fill_defaults (DcaBotEditor *self)
{
  JsonObject *defaults = type_defaults (current_type (self));

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *def = NULL;

      if (fields[i].bot_level || fields[i].kind == FIELD_SWITCH ||
          !json_object_has_member (defaults, fields[i].key))
        continue;
      text = field_text (self, i);
      def = node_text (json_object_get_member (defaults, fields[i].key));
      /* a choice is never empty: one no one chose yet takes the default */
      if (def != NULL && (fields[i].kind == FIELD_CHOICE ? !self->touched[i] : *text == '\0'))
        dca_bot_editor_set_field (self, fields[i].key, def);
    }
  self->loading--;
}

static char *
build_export (DcaBotEditor *self)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_autofree char *name = field_text (self, field_index ("name"));
  g_autofree char *pairs = field_text (self, field_index ("product_ids"));
  g_autofree char *type = field_text (self, field_index ("strategy_type"));
  g_auto(GStrv) parts = g_strsplit (pairs, ",", -1);
  JsonObject *base = self->base_config && JSON_NODE_HOLDS_OBJECT (self->base_config)
                       ? json_node_get_object (self->base_config) : NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  dca_json_begin_object (w);
  dca_json_member_string (w, "version", "1.0");
  dca_json_key (w, "bot");
  dca_json_begin_object (w);
  dca_json_member_string (w, "name", name);
  dca_json_member_string (w, "strategy_type", type);
  dca_json_key (w, "product_ids");
  dca_json_begin_array (w);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *p = g_ascii_strup (g_strstrip (parts[i]), -1);

      if (*p)
        dca_json_string (w, p);
    }
  dca_json_end_array (w);
  {
    g_autofree char *interval = field_text (self, field_index ("check_interval_seconds"));

    write_value (w, &fields[field_index ("check_interval_seconds")], interval);
  }
  /* the bot's keys the editor does not show, kept as they were */
  if (self->record != NULL)
    {
      dca_json_member_string (w, "description", self->record->description ? self->record->description : "");
      dca_json_member_bool (w, "split_budget_across_pairs", self->record->split_budget);
      dca_json_member_decimal_string (w, "reserved_btc_balance", self->record->reserved_btc);
      dca_json_member_decimal_string (w, "reserved_usd_balance", self->record->reserved_usd);
    }
  dca_json_key (w, "strategy_config");
  dca_json_begin_object (w);
  /* the fields of this strategy type */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = NULL;

      if (fields[i].bot_level || !key_applies (self, fields[i].key))
        continue;
      text = field_text (self, i);
      if (*text == '\0')
        continue; /* empty: the default */
      write_value (w, &fields[i], text);
    }
  /* its condition lists */
  for (guint p = 0; p < N_PHASES; p++)
    if (key_applies (self, phases[p].key))
      {
        g_autoptr(JsonNode) list = dca_condition_builder_get_conditions (self->builders[p]);

        dca_json_key (w, phases[p].key);
        dca_json_node (w, list);
        dca_json_member_string (w, phases[p].logic_key, dca_condition_builder_get_logic (self->builders[p]));
      }
  /* and what else the configuration had that this type takes */
  if (base != NULL)
    {
      json_object_iter_init (&iter, base);
      while (json_object_iter_next (&iter, &member, &value))
        if (field_index (member) < 0 && !is_condition_key (member) && key_applies (self, member))
          {
            dca_json_key (w, member);
            dca_json_node (w, value);
          }
    }
  dca_json_end_object (w);
  dca_json_end_object (w);
  dca_json_end_object (w);
  return dca_json_writer_steal (w);
}

static void
show_summary (DcaBotEditor *self)
{
  const DcaStrategyConfig *c = self->valid->config;
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean fixed = c->base_order_type == DCA_ORDER_SIZE_FIXED;
  DcaDecimal base = fixed ? c->base_order_fixed
                          : dca_decimal_div (c->base_order_percentage, dca_decimal_from_int (100), DCA_ROUND_DOWN);
  DcaDecimal total = base;
  const char *q = self->valid->quote_currency ? self->valid->quote_currency : "";
  g_autofree char *base_text = dca_decimal_to_string_places (base, 8);

  if (fixed)
    g_string_append_printf (s, _("Base order: %s %s\n"), base_text, q);
  else
    g_string_append_printf (s, _("Base order: %s %s for each 1 %s available\n"), base_text, q, q);
  if (c->max_safety_orders > 0 && c->safety_trigger == DCA_SAFETY_TRIGGER_TIME)
    /* Translators: the header of the repeated buys' table of Simple DCA */
    g_string_append_printf (s, "\n%-4s %12s %14s %16s\n", _("Buy"), _("After"), _("Size"), _("Total"));
  else if (c->max_safety_orders > 0)
    /* Translators: the header of the safety-order table */
    g_string_append_printf (s, "\n%-4s %12s %14s %16s\n", _("SO"), _("Deviation"), _("Size"), _("Total"));
  for (guint n = 1; n <= c->max_safety_orders; n++)
    {
      DcaDecimal size = dca_strategy_config_safety_size (c, base, n);
      g_autofree char *dev = dca_decimal_to_string_places (c->deviation[n], 2);
      g_autofree char *size_text = NULL;
      g_autofree char *total_text = NULL;

      total = dca_decimal_add (total, size);
      size_text = dca_decimal_to_string_places (size, 8);
      total_text = dca_decimal_to_string_places (total, 8);
      if (c->safety_trigger == DCA_SAFETY_TRIGGER_TIME)
        {
          /* Translators: hours after the first buy, in the Simple DCA table */
          g_autofree char *after = g_strdup_printf (_("%.1f h"), (double) (c->safety_interval * n) / 3600.0);

          g_string_append_printf (s, "%-4u %12s %14s %16s\n", n + 1, after, size_text, total_text);
        }
      else
        g_string_append_printf (s, "%-4u %11s%% %14s %16s\n", n, dev, size_text, total_text);
    }
  {
    g_autofree char *t = dca_decimal_to_string_places (total, 8);

    g_string_append_printf (s, _("\nThe most one deal can spend: %s %s"), t, q);
  }
  gtk_label_set_label (self->summary_label, s->str);
}

/* The keys of the strategy type, and of those only the size field the
 * chosen size type uses and the details of what is switched on. */
static void
update_visibility (DcaBotEditor *self)
{
  static const struct { const char *choice, *percentage, *fixed; } pairs[] = {
    { "base_order_type", "base_order_percentage", "base_order_btc" },
    { "safety_order_type", "safety_order_percentage", "safety_order_btc" },
  };
  static const struct { const char *on, *detail; } toggles[] = {
    { "trailing_take_profit", "trailing_deviation" },
    { "stop_loss_enabled", "stop_loss_percentage" },
    { "trailing_stop_loss", "trailing_stop_deviation" },
  };
  static const struct { DcaStrategyType type; const char *title, *description; } signals[] = {
    { DCA_STRATEGY_SIMPLE_DCA, N_("Schedule"),
      N_("The base order's size is bought again after each interval, up to the number of buys; "
         "there is no price ladder.") },
    { DCA_STRATEGY_RSI, N_("RSI Signal"),
      N_("A deal starts when the RSI falls below the oversold level and sells when it rises above "
         "the overbought level (at no less than the least profit for a signal exit).") },
    { DCA_STRATEGY_BOLLINGER_BANDS, N_("Bollinger Bands Signal"),
      /* xgettext:no-c-format */
      N_("A deal starts when %B falls below the entry level and sells when it rises above the exit "
         "level; 0 is the lower band, 100 the upper.") },
    { DCA_STRATEGY_MACD_DCA, N_("MACD Signal"),
      N_("Buys when the MACD histogram crosses above zero, a safety order at most once per cross, "
         "and sells when it crosses below zero. Leave Take profit empty to sell on the signal "
         "alone.") },
  };
  DcaStrategyType type = current_type (self);
  gboolean group_used[N_GROUPS] = { FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean applies = key_applies (self, fields[i].key);

      gtk_widget_set_visible (self->rows[i], applies);
      group_used[fields[i].group] |= applies;
    }
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      gboolean fixed = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[field_index (pairs[i].choice)])) == 1;
      int p = field_index (pairs[i].percentage), f = field_index (pairs[i].fixed);

      gtk_widget_set_visible (self->rows[p], !fixed && key_applies (self, fields[p].key));
      gtk_widget_set_visible (self->rows[f], fixed && key_applies (self, fields[f].key));
    }
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      int d = field_index (toggles[i].detail);

      gtk_widget_set_visible (self->rows[d],
                              key_applies (self, fields[d].key) &&
                              gtk_switch_get_active (g_object_get_data (G_OBJECT (self->rows[field_index (toggles[i].on)]),
                                                                        "switch")));
    }
  for (guint p = 0; p < N_PHASES; p++)
    gtk_widget_set_visible (GTK_WIDGET (self->builders[p]), key_applies (self, phases[p].key));
  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), group_used[g]);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    if (signals[i].type == type)
      {
        adw_preferences_group_set_title (self->strategy_group, _(signals[i].title));
        adw_preferences_group_set_description (self->strategy_group, _(signals[i].description));
      }
}

/* ---- the instant backtest preview ----------------------------------------- */

/* The recorded market, loaded once for all editors. */
static DcaReplayMarket *
shared_market (GError **error)
{
  static GMutex lock;
  static DcaReplayMarket *market;
  DcaReplayMarket *m;

  g_mutex_lock (&lock);
  if (market == NULL)
    {
      g_autofree char *dir = dca_engine_default_replay_dir ();

      market = dca_replay_market_new (dir, error);
    }
  m = market ? g_object_ref (market) : NULL;
  g_mutex_unlock (&lock);
  return m;
}

static void
run_preview (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  DcaBotConfig *bot = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaReplayMarket) market = shared_market (&error);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DcaBacktestPair));
  DcaBacktestOptions options;
  DcaBacktestResult *result;

  if (market == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; bot->product_ids[i]; i++)
    {
      DcaBacktestPair p = { bot->product_ids[i], NULL };

      /* the finest recorded candles within the check interval, else 5m */
      p.candles = dca_replay_market_get_series (market, bot->product_ids[i], DCA_TIMEFRAME_FIVE_MINUTE);
      if (p.candles == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   _("No recorded candles for %s to test on"), bot->product_ids[i]);
          return;
        }
      g_array_append_val (pairs, p);
    }
  dca_backtest_options_init (&options);
  options.equity_points = 200; /* the preview's equity curve */
  result = dca_backtest_run (bot, (DcaBacktestPair *) pairs->data, pairs->len, &options, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) dca_backtest_result_free);
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  DcaBotEditor *self = DCA_BOT_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBacktestResult) r = g_task_propagate_pointer (G_TASK (result), &error);

  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->preview_label, error->message);
      return;
    }
  {
    g_autofree char *profit = dca_decimal_to_string_places (r->total_profit, 8);
    double win = r->deals_closed ? r->wins * 100.0 / r->deals_closed : 0;

    g_free (self->preview_text);
    /* Translators: the editor's backtest preview */
    self->preview_text = g_strdup_printf (_("On the recorded market: %u deals closed, %u open · profit %s %s · "
                                            "win rate %.1f %% · max drawdown %.2f %% · %u safety orders"),
                                          r->deals_closed, r->deals_open, profit, r->quote_currency, win,
                                          r->max_drawdown_pct, r->safety_orders);
    gtk_label_set_label (self->preview_label, self->preview_text);
  }
  /* the account's equity over the test, in the quote currency */
  {
    g_autofree char *title = g_strdup_printf (_("Equity (%s)"), r->quote_currency);
    g_autofree DcaLinePoint *points = g_new0 (DcaLinePoint, r->equity ? r->equity->len : 0);
    guint n = r->equity ? r->equity->len : 0;

    for (guint i = 0; i < n; i++)
      {
        points[i].time = g_array_index (r->equity, DcaEquityPoint, i).time;
        points[i].value = g_array_index (r->equity, DcaEquityPoint, i).equity;
      }
    dca_line_chart_set_title (self->preview_chart, title);
    dca_line_chart_set_points (self->preview_chart, points, n);
  }
}

static gboolean
start_preview (gpointer data)
{
  DcaBotEditor *self = data;
  g_autoptr(GTask) task = NULL;

  self->preview_source = 0;
  if (self->valid == NULL)
    return G_SOURCE_REMOVE;
  /* a newer change cancels the preview still running */
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  gtk_label_set_label (self->preview_label, _("Testing on the recorded market…"));
  task = g_task_new (self, self->preview_cancellable, preview_done, NULL);
  g_task_set_task_data (task, dca_bot_config_copy (self->valid), (GDestroyNotify) dca_bot_config_free);
  g_task_run_in_thread (task, run_preview);
  return G_SOURCE_REMOVE;
}

const char *
dca_bot_editor_get_preview (DcaBotEditor *self)
{
  return self->preview_text;
}

static void
validate (DcaBotEditor *self)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  update_visibility (self);
  g_clear_pointer (&self->valid, dca_bot_config_free);
  g_clear_pointer (&self->error, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (self->rows[i], "error");
  for (guint p = 0; p < N_PHASES; p++)
    dca_condition_builder_clear_errors (self->builders[p]);

  json = build_export (self);
  self->valid = dca_bot_config_parse_export (json, -1, &error);
  if (self->valid == NULL)
    {
      /* core names the key first: "strategy_config.price_deviation: ..." */
      const char *colon = strchr (error->message, ':');

      self->error = g_strdup (error->message);
      if (colon != NULL)
        {
          g_autofree char *path = g_strndup (error->message, colon - error->message);
          const char *key = g_str_has_prefix (path, "strategy_config.") ? path + strlen ("strategy_config.") : path;
          const char *dot = strrchr (path, '.');
          int i = field_index (dot ? dot + 1 : path);

          /* a condition: "strategy_config.base_order_conditions[0].period: ..."
           * marks that condition in its phase's builder */
          for (guint p = 0; p < N_PHASES; p++)
            if (g_str_has_prefix (key, phases[p].key) && key[strlen (phases[p].key)] != '_')
              {
                const char *below = key + strlen (phases[p].key);
                const char *leaf = strrchr (below, '.');
                g_autofree char *reason = g_strstrip (g_strdup (colon + 1));
                g_autofree char *where = dca_condition_builder_mark_error (self->builders[p], below, reason);
                const char *title = dca_condition_builder_get_title (self->builders[p]);

                /* the key below the item, unless the item itself is meant */
                if (leaf != NULL && strchr (leaf, ']') == NULL)
                  leaf++;
                else
                  leaf = NULL;
                g_free (self->error);
                if (where != NULL && leaf != NULL)
                  /* Translators: "Start a deal when, condition 1: slow_period: must be above ..." */
                  self->error = g_strdup_printf (_("%s, %s: %s: %s"), title, where, leaf, reason);
                else if (where != NULL)
                  self->error = g_strdup_printf (_("%s, %s: %s"), title, where, reason);
                else
                  self->error = g_strdup_printf ("%s: %s", title, reason);
                i = -1;
                break;
              }

          if (i >= 0)
            {
              /* said with the field's own name: "Price deviation (%): must be ..." */
              gtk_widget_add_css_class (self->rows[i], "error");
              g_free (self->error);
              self->error = g_strdup_printf ("%s:%s", _(fields[i].title), colon + 1);
            }
        }
      gtk_label_set_label (self->error_label, self->error);
      gtk_label_set_label (self->summary_label, "");
    }
  else
    {
      gtk_label_set_label (self->error_label, "");
      show_summary (self);
      g_clear_handle_id (&self->preview_source, g_source_remove);
      self->preview_source = g_timeout_add (150, start_preview, self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->valid != NULL);
}

const char *
dca_bot_editor_get_error (DcaBotEditor *self)
{
  return self->error;
}

const char *
dca_bot_editor_get_summary (DcaBotEditor *self)
{
  return gtk_label_get_label (self->summary_label);
}

gboolean
dca_bot_editor_field_is_marked (DcaBotEditor *self,
                                const char   *key)
{
  int i = field_index (key);

  return i >= 0 && gtk_widget_has_css_class (self->rows[i], "error");
}

gboolean
dca_bot_editor_save (DcaBotEditor *self,
                     GError      **error)
{
  g_autoptr(DcaBotRecord) record = NULL;
  DcaStore *store = dca_context_get_store (self->context);

  validate (self);
  if (self->valid == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", self->error);
      return FALSE;
    }
  record = dca_bot_record_from_config (self->valid);
  if (self->bot_id == 0)
    return dca_store_insert_bot (store, record, error) > 0 &&
           (dca_context_notify_bots_changed (self->context), TRUE);
  {
    g_autoptr(DcaBotRecord) old = dca_store_get_bot (store, self->bot_id, error);

    if (old == NULL)
      return FALSE;
    record->id = self->bot_id;
    record->running = old->running;
    record->exchange = g_strdup (old->exchange);
    record->favourite = old->favourite;
    if (!dca_store_update_bot (store, record, error))
      return FALSE;
  }
  dca_context_notify_bots_changed (self->context);
  return TRUE;
}

/* ---- the window ----------------------------------------------------------- */

static void
on_changed (DcaBotEditor *self)
{
  validate (self);
}

static void
on_choice_changed (GtkWidget    *row,
                   GParamSpec   *pspec,
                   DcaBotEditor *self)
{
  if (!self->loading)
    self->touched[field_index (gtk_widget_get_name (row))] = TRUE;
  validate (self);
}

/* a new strategy type: its keys, with its defaults where nothing is typed */
static void
on_type_changed (DcaBotEditor *self)
{
  if (self->loading)
    return;
  fill_defaults (self);
  validate (self);
}

static GtkWidget *
make_row (DcaBotEditor   *self,
          const FieldDef *f)
{
  GtkWidget *row;

  switch (f->kind)
    {
    case FIELD_SWITCH:
      {
        GtkWidget *sw = gtk_switch_new ();

        row = adw_action_row_new ();
        gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
        g_object_set_data (G_OBJECT (row), "switch", sw);
        g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (on_changed), self);
        if (f->subtitle)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(f->subtitle));
      }
      break;
    case FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

        for (guint c = 0; f->labels[c] != NULL; c++)
          gtk_string_list_append (model, _(f->labels[c]));
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
        if (strcmp (f->key, "strategy_type") == 0)
          g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_type_changed), self);
        else
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_changed), self);
      }
      break;
    case FIELD_TEXT:
    case FIELD_NUMBER:
    default:
      row = adw_entry_row_new ();
      if (f->kind == FIELD_NUMBER)
        gtk_editable_set_alignment (GTK_EDITABLE (row), 1.0f);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed), self);
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(f->title));
  gtk_widget_set_name (row, f->key);
  return row;
}

/* ---- the pairs picker ------------------------------------------------------ */

/* the text of the pairs field, as a set */
static gboolean
pairs_has (DcaBotEditor *self,
           const char   *product)
{
  g_autofree char *text = field_text (self, field_index ("product_ids"));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), product) == 0)
      return TRUE;
  return FALSE;
}

static void
pairs_toggle (DcaBotEditor *self,
              const char   *product,
              gboolean      on)
{
  g_autofree char *text = field_text (self, field_index ("product_ids"));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; parts[i]; i++)
    {
      char *p = g_strstrip (parts[i]);

      if (*p && g_ascii_strcasecmp (p, product) != 0)
        g_ptr_array_add (kept, g_strdup (p));
    }
  if (on)
    g_ptr_array_add (kept, g_strdup (product));
  g_ptr_array_add (kept, NULL);
  joined = g_strjoinv (", ", (char **) kept->pdata);
  dca_bot_editor_set_field (self, "product_ids", joined);
}

static void
on_pair_toggled (GtkCheckButton *check,
                 DcaBotEditor   *self)
{
  pairs_toggle (self, g_object_get_data (G_OBJECT (check), "product"), gtk_check_button_get_active (check));
}

static void
on_search (GtkSearchEntry *entry,
           GtkWidget      *box)
{
  g_autofree char *q = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  GtkWidget *child;

  /* case-insensitive: product ids are upper case */
  for (child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *product = g_object_get_data (G_OBJECT (child), "product");

      gtk_widget_set_visible (child, product == NULL || *q == '\0' || strstr (product, q) != NULL);
    }
}

static int
by_quote (gconstpointer a,
          gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  const char *qx = strchr (x, '-'), *qy = strchr (y, '-');
  int c = g_strcmp0 (qx, qy);

  return c != 0 ? c : g_strcmp0 (x, y);
}

/* The recorded pairs, by quote currency, each with a check button. */
static void
fill_picker (DcaBotEditor *self,
             GtkWidget    *box)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaReplayMarket) market = shared_market (&error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char * const *all;
  const char *quote = NULL;

  if (market == NULL)
    return;
  all = dca_replay_market_list_products (market);
  for (guint i = 0; all[i]; i++)
    g_ptr_array_add (ids, (gpointer) all[i]);
  g_ptr_array_sort (ids, by_quote);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *q = strchr (id, '-') + 1;
      GtkWidget *check;

      if (g_strcmp0 (quote, q) != 0)
        {
          /* Translators: a heading of the pairs picker, e.g. "Quoted in BTC" */
          g_autofree char *title = g_strdup_printf (_("Quoted in %s"), q);
          GtkWidget *heading = gtk_label_new (title);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_box_append (GTK_BOX (box), heading);
          quote = q;
        }
      check = gtk_check_button_new_with_label (id);
      g_object_set_data_full (G_OBJECT (check), "product", g_strdup (id), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), pairs_has (self, id));
      g_signal_connect (check, "toggled", G_CALLBACK (on_pair_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }
}

static void
add_pairs_picker (DcaBotEditor *self)
{
  GtkWidget *row = self->rows[field_index ("product_ids")];
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose Pairs"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_box_append (GTK_BOX (outer), search);
  gtk_box_append (GTK_BOX (outer), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), outer);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (search, "search-changed", G_CALLBACK (on_search), box);
  fill_picker (self, box);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}

static void
load (DcaBotEditor       *self,
      const DcaBotRecord *bot,
      const char         *strategy_type,
      JsonNode           *config)
{
  JsonObject *o = config && JSON_NODE_HOLDS_OBJECT (config) ? json_node_get_object (config) : NULL;

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = NULL;

      if (strcmp (fields[i].key, "name") == 0)
        text = g_strdup (bot ? bot->name : _("My bot"));
      else if (strcmp (fields[i].key, "product_ids") == 0)
        text = bot ? g_strjoinv (", ", bot->product_ids) : g_strdup ("ETH-BTC, LTC-BTC, XMR-BTC");
      else if (strcmp (fields[i].key, "strategy_type") == 0)
        text = g_strdup (strategy_type);
      else if (strcmp (fields[i].key, "check_interval_seconds") == 0)
        text = g_strdup_printf ("%d", bot ? bot->check_interval_seconds
                                          : g_settings_get_int (dca_context_get_settings (self->context),
                                                                "default-check-interval"));
      else if (o != NULL)
        text = node_text (json_object_get_member (o, fields[i].key));
      if (text != NULL)
        dca_bot_editor_set_field (self, fields[i].key, text);
    }
  for (guint p = 0; p < N_PHASES; p++)
    {
      JsonNode *list = o ? json_object_get_member (o, phases[p].key) : NULL;
      JsonNode *logic = o ? json_object_get_member (o, phases[p].logic_key) : NULL;
      g_autoptr(GError) error = NULL;

      if (!dca_condition_builder_set_conditions (self->builders[p], list,
                                                 logic && JSON_NODE_HOLDS_VALUE (logic) ? json_node_get_string (logic) : NULL,
                                                 &error))
        g_free (dca_condition_builder_mark_error (self->builders[p], NULL, error->message));
    }
  fill_defaults (self);
  self->loading--;
  validate (self);
}

static void
save_clicked (DcaBotEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!dca_bot_editor_save (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

DcaBotEditor *
dca_bot_editor_new (GtkWindow   *parent,
                    DcaContext  *context,
                    gint64       bot_id,
                    GError     **error)
{
  g_autoptr(DcaBotEditor) self = g_object_new (DCA_TYPE_BOT_EDITOR, "transient-for", parent, "modal", TRUE, NULL);
  g_autoptr(DcaBotRecord) bot = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  const char *type = dca_strategy_type_to_string (DCA_STRATEGY_CONDITIONAL_DCA);

  self->context = g_object_ref (context);
  self->bot_id = bot_id;
  if (bot_id != 0)
    {
      bot = dca_store_get_bot (dca_context_get_store (context), bot_id, error);
      if (bot == NULL)
        return NULL;
      self->record = dca_bot_record_copy (bot);
      type = bot->strategy_type;
      self->base_config = dca_json_parse (bot->strategy_config_json, -1, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Bot"));
    }
  else
    {
      /* a new bot starts from the Balanced template */
      templates = dca_builtin_templates ();
      for (guint i = 0; i < templates->len; i++)
        {
          DcaTemplate *t = g_ptr_array_index (templates, i);

          if (strcmp (t->name, "Balanced") == 0)
            {
              g_autofree char *json = dca_strategy_config_to_json (t->config);

              self->base_config = dca_json_parse (json, -1, NULL);
              type = dca_strategy_type_to_string (t->config->type);
            }
        }
      gtk_window_set_title (GTK_WINDOW (self), _("New Bot"));
    }
  load (self, bot, type, self->base_config);
  add_pairs_picker (self);
  return g_steal_pointer (&self);
}

static void
dca_bot_editor_dispose (GObject *object)
{
  DcaBotEditor *self = DCA_BOT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->base_config, json_node_unref);
  g_clear_pointer (&self->record, dca_bot_record_free);
  g_clear_pointer (&self->valid, dca_bot_config_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview_text, g_free);
  G_OBJECT_CLASS (dca_bot_editor_parent_class)->dispose (object);
}

static void
dca_bot_editor_class_init (DcaBotEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_bot_editor_dispose;
  g_type_ensure (DCA_TYPE_CONDITION_BUILDER);
  g_type_ensure (DCA_TYPE_LINE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-bot-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, general_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, strategy_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, base_conditions);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, safety_conditions);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, take_profit_conditions);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, base_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, safety_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, take_profit_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, stop_loss_group);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, preview_label);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, preview_chart);
  gtk_widget_class_bind_template_child (widget_class, DcaBotEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dca_bot_editor_init (DcaBotEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups[GROUP_GENERAL] = self->general_group;
  self->groups[GROUP_STRATEGY] = self->strategy_group;
  self->groups[GROUP_BASE] = self->base_group;
  self->groups[GROUP_SAFETY] = self->safety_group;
  self->groups[GROUP_TAKE_PROFIT] = self->take_profit_group;
  self->groups[GROUP_STOP_LOSS] = self->stop_loss_group;
  self->builders[0] = self->base_conditions;
  self->builders[1] = self->safety_conditions;
  self->builders[2] = self->take_profit_conditions;
  for (guint p = 0; p < N_PHASES; p++)
    g_signal_connect_swapped (self->builders[p], "changed", G_CALLBACK (on_changed), self);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->rows[i] = make_row (self, &fields[i]);
      adw_preferences_group_add (self->groups[fields[i].group], self->rows[i]);
    }
}
