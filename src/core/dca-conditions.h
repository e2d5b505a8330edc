/* dca-conditions.h: condition lists and the per-pair signal bank
 *
 * A condition list is the JSON of shared/spec/deal-semantics.md
 * ("Conditions"), validated and kept as an immutable tree.  docs/conditions.md
 * is the user's reference for every type, operator, default and range.
 *
 * A DcaSignals bank evaluates lists for ONE trading pair.  Binding a list
 * compiles it into a flat program over one streaming indicator per distinct
 * (timeframe, indicator) pair, shared between all lists bound to the bank.
 * Indicators advance once per closed candle of their timeframe, keeping the
 * value at the latest closed candle ("current") and at the one before it
 * ("previous"), so an evaluation never looks into an unfinished candle and a
 * crossing does not depend on how often it is evaluated.  Pushing and
 * evaluating allocate nothing.
 *
 * A bank is fed one of two ways:
 * - backtests: dca_signals_push_base() with every candle of the base
 *   granularity; longer timeframes are built from them, UTC-aligned, and
 *   advance only when complete (see dca_signals_push_base());
 * - the live engine: dca_signals_push() with each closed candle of each
 *   timeframe the bound lists use (dca_condition_list_get_timeframes()).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dca-candles.h"

G_BEGIN_DECLS

#define DCA_CONDITION_ERROR (dca_condition_error_quark ())

typedef enum
{
  DCA_CONDITION_ERROR_INVALID,   /* a list is malformed; the message names the key path */
  DCA_CONDITION_ERROR_TIMEFRAME, /* a condition's timeframe is shorter than the base candles */
} DcaConditionError;

typedef enum
{
  DCA_LOGIC_AND,
  DCA_LOGIC_OR,
} DcaLogic;

/* Validation ranges, also in docs/conditions.md. */
#define DCA_CONDITION_PERIOD_MIN        2
#define DCA_CONDITION_PERIOD_MAX        500
#define DCA_CONDITION_STD_DEV_MIN       0.1
#define DCA_CONDITION_STD_DEV_MAX       10.0
#define DCA_CONDITION_MAX_DEPTH         32  /* nesting levels of groups */

typedef struct _DcaConditionList DcaConditionList;

GQuark             dca_condition_error_quark        (void);

gboolean           dca_logic_parse                  (const char              *s,
                                                     DcaLogic                *out);
const char        *dca_logic_to_string              (DcaLogic                 logic);

/* `node` is a JSON array of conditions and groups; NULL or a JSON null
 * gives the empty list.  `key` is the root of the key paths that error
 * messages name, e.g. "base_order_conditions". */
DcaConditionList  *dca_condition_list_parse         (JsonNode                *node,
                                                     DcaLogic                 logic,
                                                     const char              *key,
                                                     GError                 **error);
DcaConditionList  *dca_condition_list_ref           (DcaConditionList        *list);
void               dca_condition_list_unref         (DcaConditionList        *list);

gboolean           dca_condition_list_is_empty      (const DcaConditionList  *list);
DcaLogic           dca_condition_list_get_logic     (const DcaConditionList  *list);
/* The canonical array: every default written out, timeframes under their
 * Coinbase names.  parse (to_json (x)) is equal to x. */
JsonNode          *dca_condition_list_to_json       (const DcaConditionList  *list);
/* Same logic and the same conditions (key paths are not compared). */
gboolean           dca_condition_list_equal         (const DcaConditionList  *a,
                                                     const DcaConditionList  *b);
/* Sets used[tf] for every timeframe a condition of the list uses, on either
 * side; other entries are left alone, so several lists can share one array. */
void               dca_condition_list_get_timeframes (const DcaConditionList *list,
                                                     gboolean                 used[DCA_N_TIMEFRAMES]);
/* One line for people: "RSI(14, 5m) crossing above 35". */
char              *dca_condition_list_describe      (const DcaConditionList  *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaConditionList, dca_condition_list_unref)

typedef struct _DcaSignals DcaSignals;

/* `base` is the granularity of the candles given to push_base(); a bank
 * fed only by dca_signals_push() may pass DCA_TIMEFRAME_INVALID. */
DcaSignals        *dca_signals_new                  (DcaTimeframe             base);
void               dca_signals_free                 (DcaSignals              *self);

/* Returns a handle >= 0 for eval and explain, or -1 with
 * DCA_CONDITION_ERROR_TIMEFRAME when a condition's timeframe is shorter than
 * the base.  The bank keeps a reference to the list.  Indicators a list
 * shares with one bound earlier keep their history; new ones start empty
 * (and a timeframe push_base() had not been building starts with its next
 * whole period, never with the part of one it missed). */
int                dca_signals_bind                 (DcaSignals              *self,
                                                     const DcaConditionList  *list,
                                                     GError                 **error);

/* Backtests: the next closed candle of the base granularity.  A candle of a
 * longer timeframe T covers [t, t + T) with t a multiple of T (UTC) and
 * advances its indicators only once complete: when a base candle closing at
 * or after t + T has been pushed, or, across a gap in the data, when the
 * first base candle of a later bucket arrives (before that candle is used).
 * A bucket with no base candle at all produces no candle.  Candles not later
 * than the previous one are ignored. */
void               dca_signals_push_base            (DcaSignals              *self,
                                                     const DcaCandle         *closed);
/* The live engine: the next closed candle of timeframe `tf`.  Timeframes no
 * bound list uses are ignored, and so are candles not later than the
 * previous one of the same timeframe (a repeated fetch). */
void               dca_signals_push                 (DcaSignals              *self,
                                                     DcaTimeframe             tf,
                                                     const DcaCandle         *closed);

/* Whether the list bound as `handle` holds now; an empty list gives TRUE. */
gboolean           dca_signals_eval                 (DcaSignals              *self,
                                                     int                      handle);
/* The same evaluation spelt out for a decision log, e.g.
 * "RSI(14, 5m) 33.20 -> 36.10 crossing above 35: yes". */
char              *dca_signals_explain              (DcaSignals              *self,
                                                     int                      handle);

/* How many closed candles of `tf` every bound condition needs before it can
 * hold (crossings need the previous value too); 0 when `tf` is unused.
 * EMA-based indicators keep converging past this: a live engine that wants
 * the values of a long backtest should load several times more. */
guint              dca_signals_get_warmup           (DcaSignals              *self,
                                                     DcaTimeframe             tf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaSignals, dca_signals_free)

G_END_DECLS
