/* dca-deal.h: the deal state machine of deal-semantics.md
 *
 * One implementation, used unchanged by the backtester and the live engine:
 * the caller supplies the price, the time, the balance the bot may spend and
 * the state of its conditions; the machine says what to buy or sell; the
 * caller executes that (instantly in a backtest, through an exchange live)
 * and feeds the fills back.
 */
#pragma once

#include <glib.h>

#include "dca-deal-types.h"
#include "dca-decimal.h"
#include "dca-product.h"
#include "dca-strategy.h"

G_BEGIN_DECLS

/* Why the machine did, or did not, act: written to the decision log. */
typedef enum
{
  DCA_NOTE_NONE,
  DCA_NOTE_BOT_STOPPED,         /* no new deal: the bot is stopped */
  DCA_NOTE_MAX_DEALS,           /* no new deal: max_concurrent_deals reached */
  DCA_NOTE_BASE_CONDITIONS,     /* no new deal: base-order conditions do not hold */
  DCA_NOTE_BASE_ZERO,           /* no new deal: the base order rounds to zero */
  DCA_NOTE_BASE_BALANCE,        /* no new deal: base order larger than the balance */
  DCA_NOTE_SAFETY_CONDITIONS,   /* safety order triggered, conditions do not hold */
  DCA_NOTE_SAFETY_BALANCE,      /* safety order larger than the balance */
  DCA_NOTE_TRAILING_STARTED,    /* take profit reached, trailing started */
} DcaDealNote;

/* Condition lists are evaluated only when the machine needs them. */
typedef gboolean (*DcaConditionFunc) (gpointer          user_data,
                                      DcaConditionPhase phase);

typedef struct
{
  DcaDealState state;

  /* Derived from the state and the configuration; recomputed after every
   * change, never persisted.  Comparing the price against these is exact:
   * each is the profit formula solved for the price and rounded toward the
   * side that keeps "c >= x" / "c <= x" equivalent to the formula. */
  gboolean     derived_valid;
  DcaDecimal   tp_price;    /* c >= tp_price: p >= take_profit_percentage */
  DcaDecimal   sl_price;    /* c <= sl_price: p <= stop_loss_percentage */
  DcaDecimal   cond_price;  /* c >= cond_price: p >= min_profit_for_conditions */
  DcaDecimal   so_price;    /* c <= so_price: the next safety order triggers */
  DcaDecimal   tsl_price;   /* c <= tsl_price: trailing stop loss */
  DcaDecimal   ttp_price;   /* c <= ttp_price: trailing take profit sells */
} DcaDeal;

typedef struct
{
  gint64            time;
  DcaDecimal        price;
  gboolean          running;          /* a stopped bot only exits */
  DcaDecimal        available;        /* quote the bot may spend now */
  DcaDecimal        quote_increment;  /* order sizes are rounded down to it */
  DcaConditionFunc  conditions;
  gpointer          conditions_data;
} DcaDealInput;

typedef struct
{
  DcaCloseReason exit;        /* not NONE: sell everything at the price */
  guint          n_safety;    /* safety orders to buy now, in this order */
  guint          first_safety;/* the number n of the first of them */
  DcaDecimal     safety_quote[DCA_MAX_SAFETY_ORDERS];
  DcaDealNote    note;
  gboolean       state_changed; /* trailing state moved: persist the deal */
} DcaDealDecision;

typedef struct
{
  gboolean          running;
  guint             open_deals;       /* the bot's open deals, all pairs */
  guint             n_pairs;
  gboolean          split_budget;
  DcaDecimal        available;
  DcaDecimal        quote_increment;
  DcaConditionFunc  conditions;
  gpointer          conditions_data;
} DcaOpenInput;

void      dca_deal_init              (DcaDeal                 *deal);
void      dca_deal_evaluate          (DcaDeal                 *deal,
                                      const DcaStrategyConfig *config,
                                      const DcaDealInput      *input,
                                      DcaDealDecision         *decision);
gboolean  dca_deal_plan_open         (const DcaStrategyConfig *config,
                                      const DcaOpenInput      *input,
                                      DcaDecimal              *quote,
                                      DcaDealNote             *note);
void      dca_deal_begin             (DcaDeal                 *deal,
                                      gint64                   time,
                                      DcaDecimal               capital);
void      dca_deal_apply_fill        (DcaDeal                 *deal,
                                      const DcaFill           *fill,
                                      guint                    so_index);
void      dca_deal_close             (DcaDeal                 *deal,
                                      DcaCloseReason           reason,
                                      gint64                   time);
void      dca_deal_invalidate        (DcaDeal                 *deal);

DcaDecimal dca_deal_state_base_held  (const DcaDealState      *state);
DcaDecimal dca_deal_state_profit     (const DcaDealState      *state);
DcaDecimal dca_deal_state_profit_percentage (const DcaDealState *state);
DcaDecimal dca_deal_state_average_price     (const DcaDealState *state);
DcaDecimal dca_deal_state_value      (const DcaDealState      *state,
                                      DcaDecimal               price);

gboolean   dca_deal_state_unrealised (const DcaDealState      *state,
                                      DcaDecimal               price,
                                      DcaDecimal              *amount,
                                      DcaDecimal              *percentage);

/* The price levels of a deal, as a chart shows them.  A closed deal's are
 * those it had just before its exit (its buys, none of its sells). */
typedef struct
{
  gboolean   has_average;
  DcaDecimal average_price;            /* quote spent / base bought, fees in */
  gboolean   has_take_profit;
  DcaDecimal take_profit;              /* c >= this: p >= take_profit_percentage */
  gboolean   has_stop_loss;
  DcaDecimal stop_loss;                /* c <= this: p <= stop_loss_percentage */
  guint      n_safety;                 /* price-triggered safety orders still to fill */
  guint      first_safety;             /* the number n of safety[0] */
  DcaDecimal safety[DCA_MAX_SAFETY_ORDERS]; /* c <= safety[i]: order first_safety + i */
} DcaDealLevels;

void       dca_deal_levels           (const DcaDealState      *state,
                                      const DcaStrategyConfig *config,
                                      DcaDealLevels           *levels);

DcaDecimal dca_safety_trigger_price  (const DcaStrategyConfig *config,
                                      DcaDecimal               base_price,
                                      guint                    n);
DcaDecimal dca_bot_available_quote   (DcaDecimal               free_quote,
                                      DcaDecimal               reserve,
                                      DcaDecimal               spent_by_open_deals);

gboolean  dca_simulate_market_buy    (DcaDecimal               quote,
                                      DcaDecimal               price,
                                      DcaDecimal               fee_rate,
                                      const DcaProduct        *product,
                                      gint64                   time,
                                      DcaOrderKind             kind,
                                      DcaFill                 *fill);
gboolean  dca_simulate_market_sell   (DcaDecimal               base,
                                      DcaDecimal               price,
                                      DcaDecimal               fee_rate,
                                      const DcaProduct        *product,
                                      gint64                   time,
                                      DcaOrderKind             kind,
                                      DcaFill                 *fill);

const char *dca_deal_note_to_string  (DcaDealNote              note);

G_END_DECLS
