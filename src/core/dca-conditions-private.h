/* dca-conditions-private.h: the parsed condition tree, shared by
 * dca-conditions.c (parsing, JSON) and dca-signals.c (the signal bank) */
#pragma once

#include "dca-conditions.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_INDICATOR_RSI,
  DCA_INDICATOR_MACD,
  DCA_INDICATOR_BB_PERCENT,
  DCA_INDICATOR_EMA_CROSS,
  DCA_INDICATOR_SMA_CROSS,
  DCA_INDICATOR_STOCHASTIC,
  DCA_INDICATOR_VOLUME,
  DCA_INDICATOR_PRICE_CHANGE,
  DCA_N_INDICATORS
} DcaIndicatorType;

typedef enum
{
  DCA_OPERATOR_GREATER_THAN,
  DCA_OPERATOR_LESS_THAN,
  DCA_OPERATOR_GREATER_EQUAL,
  DCA_OPERATOR_LESS_EQUAL,
  DCA_OPERATOR_CROSSING_ABOVE,
  DCA_OPERATOR_CROSSING_BELOW,
  DCA_N_OPERATORS
} DcaOperator;

/* Parameters a type does not take are 0, so that two specs of the same
 * indicator compare equal field by field. */
typedef struct
{
  DcaIndicatorType type;
  DcaTimeframe     timeframe;
  guint            period;
  guint            fast_period;
  guint            slow_period;
  guint            signal_period;
  double           std_dev;
} DcaIndicatorSpec;

typedef struct _DcaConditionNode DcaConditionNode;

struct _DcaConditionNode
{
  gboolean          is_group;
  char             *path;      /* e.g. "base_order_conditions[0]", for bind errors */

  /* a condition */
  DcaIndicatorSpec  lhs;
  DcaOperator       op;
  gboolean          rhs_is_indicator;
  DcaIndicatorSpec  rhs;
  double            value;     /* when !rhs_is_indicator */

  /* a group */
  DcaLogic          logic;
  DcaConditionNode *children;
  guint             n_children;
};

struct _DcaConditionList
{
  gatomicrefcount   ref_count;
  DcaLogic          logic;
  DcaConditionNode *items;
  guint             n_items;
};

const char *dca_indicator_type_to_string (DcaIndicatorType        type);
const char *dca_operator_to_string       (DcaOperator             op);
gboolean    dca_indicator_spec_equal     (const DcaIndicatorSpec *a,
                                          const DcaIndicatorSpec *b);
/* "RSI(14, 5m)" */
void        dca_indicator_spec_describe  (const DcaIndicatorSpec *spec,
                                          GString                *out);
/* "crossing above", "<" ... */
const char *dca_operator_describe        (DcaOperator             op);
/* A number as the shortest text that reads back the same. */
void        dca_condition_append_number  (GString                *out,
                                          double                  value);

G_END_DECLS
