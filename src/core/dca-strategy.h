/* dca-strategy.h: bot configurations, their validation, and templates
 *
 * A bot is read from the bot-export JSON format of deal-semantics.md.  Every
 * strategy type compiles to one DcaStrategyConfig that the deal state machine
 * (dca-deal.c) runs; the other types are presets of conditions and triggers
 * over the same machine, so there is one deal implementation, not six.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dca-conditions.h"
#include "dca-decimal.h"
#include "dca-json.h"

G_BEGIN_DECLS

#define DCA_STRATEGY_ERROR (dca_strategy_error_quark ())

typedef enum
{
  DCA_STRATEGY_ERROR_INVALID,  /* a key's value is wrong: the message names the key */
  DCA_STRATEGY_ERROR_FORMAT,   /* the document is not a bot export */
} DcaStrategyError;

typedef enum
{
  DCA_STRATEGY_CONDITIONAL_DCA,
  DCA_STRATEGY_ADVANCED_DCA,
  DCA_STRATEGY_SIMPLE_DCA,
  DCA_STRATEGY_RSI,
  DCA_STRATEGY_BOLLINGER_BANDS,
  DCA_STRATEGY_MACD_DCA,
  DCA_N_STRATEGIES
} DcaStrategyType;

typedef enum
{
  DCA_ORDER_SIZE_PERCENTAGE,
  DCA_ORDER_SIZE_FIXED,
} DcaOrderSizeType;

typedef enum
{
  DCA_SAFETY_TRIGGER_PRICE, /* the deviation ladder below the base price */
  DCA_SAFETY_TRIGGER_TIME,  /* every interval after the latest buy (simple_dca) */
} DcaSafetyTrigger;

typedef enum
{
  DCA_PHASE_BASE_ORDER,
  DCA_PHASE_SAFETY_ORDER,
  DCA_PHASE_TAKE_PROFIT,
  DCA_N_PHASES
} DcaConditionPhase;

#define DCA_MAX_SAFETY_ORDERS 100

/* What the deal machine runs.  Immutable once built; refcounted because
 * every deal keeps the snapshot it was opened with. */
typedef struct
{
  DcaStrategyType   type;
  guint             max_concurrent_deals;

  DcaOrderSizeType  base_order_type;
  DcaDecimal        base_order_percentage;
  DcaDecimal        base_order_fixed;      /* "base_order_btc": in the quote currency */
  DcaOrderSizeType  safety_order_type;
  DcaDecimal        safety_order_percentage;
  DcaDecimal        safety_order_fixed;    /* "safety_order_btc" */
  guint             max_safety_orders;
  DcaDecimal        price_deviation;
  DcaDecimal        step_scale;
  DcaDecimal        volume_scale;
  DcaSafetyTrigger  safety_trigger;
  gint64            safety_interval;       /* seconds, for DCA_SAFETY_TRIGGER_TIME */
  guint             safety_per_evaluation; /* 0: as many as trigger */

  gboolean          take_profit_enabled;
  DcaDecimal        take_profit_percentage;
  gboolean          trailing_take_profit;
  DcaDecimal        trailing_deviation;
  gboolean          stop_loss_enabled;
  DcaDecimal        stop_loss_percentage;  /* negative */
  gboolean          trailing_stop_loss;
  DcaDecimal        trailing_stop_deviation;
  DcaDecimal        min_profit_for_conditions;

  DcaConditionList *conditions[DCA_N_PHASES];

  /* D(n) for n = 1..max_safety_orders, precomputed: the % below the base
   * price at which safety order n triggers */
  DcaDecimal        deviation[DCA_MAX_SAFETY_ORDERS + 1];

  /* the type-specific keys as given, for writing the config back */
  JsonNode         *source;
  gint              ref_count;
} DcaStrategyConfig;

/* A bot as read from (and written to) the bot-export format. */
typedef struct
{
  char               *name;
  char               *description;
  DcaStrategyType     strategy_type;
  char              **product_ids;
  char               *quote_currency;
  gboolean            split_budget;
  gint                check_interval_seconds;
  DcaDecimal          reserved_btc;
  DcaDecimal          reserved_usd;
  DcaStrategyConfig  *config;
} DcaBotConfig;

/* A template: a strategy and its settings, without name-specific bot keys. */
typedef struct
{
  gint64              id;          /* 0 for built-in templates */
  char               *name;
  char               *description;
  gboolean            builtin;
  DcaStrategyConfig  *config;
} DcaTemplate;

GQuark              dca_strategy_error_quark            (void);

const char         *dca_strategy_type_to_string         (DcaStrategyType    type);
gboolean            dca_strategy_type_parse             (const char        *str,
                                                         DcaStrategyType   *out);
const char         *dca_strategy_type_label             (DcaStrategyType    type);

DcaStrategyConfig  *dca_strategy_config_parse           (DcaStrategyType    type,
                                                         JsonNode          *config,
                                                         GError           **error);
DcaStrategyConfig  *dca_strategy_config_ref             (DcaStrategyConfig *config);
void                dca_strategy_config_unref           (DcaStrategyConfig *config);
void                dca_strategy_config_write           (const DcaStrategyConfig *config,
                                                         DcaJsonWriter     *writer);
char               *dca_strategy_config_to_json         (const DcaStrategyConfig *config);
DcaDecimal          dca_strategy_config_safety_size     (const DcaStrategyConfig *config,
                                                         DcaDecimal         base_order_quote,
                                                         guint              n);
gboolean            dca_strategy_config_uses_conditions (const DcaStrategyConfig *config);

DcaBotConfig       *dca_bot_config_parse_export         (const char        *text,
                                                         gssize             len,
                                                         GError           **error);
DcaBotConfig       *dca_bot_config_parse_node           (JsonNode          *bot,
                                                         GError           **error);
DcaBotConfig       *dca_bot_config_copy                 (const DcaBotConfig *bot);
void                dca_bot_config_free                 (DcaBotConfig      *bot);
void                dca_bot_config_write                (const DcaBotConfig *bot,
                                                         DcaJsonWriter     *writer);
char               *dca_bot_config_to_export_json       (const DcaBotConfig *bot);
DcaDecimal          dca_bot_config_reserve              (const DcaBotConfig *bot);

GPtrArray          *dca_builtin_templates               (void);
DcaTemplate        *dca_template_new                    (const char        *name,
                                                         const char        *description,
                                                         DcaStrategyConfig *config);
void                dca_template_free                   (DcaTemplate       *tmpl);
DcaTemplate        *dca_template_parse                  (const char        *text,
                                                         gssize             len,
                                                         GError           **error);
void                dca_template_write                  (const DcaTemplate *tmpl,
                                                         DcaJsonWriter     *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaStrategyConfig, dca_strategy_config_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaBotConfig, dca_bot_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaTemplate, dca_template_free)

G_END_DECLS
