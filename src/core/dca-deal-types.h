/* dca-deal-types.h: the plain data of deals, orders and fills
 *
 * Shared by the deal state machine (dca-deal.c), the store, the backtester
 * and the engine.  No behaviour lives here.
 */
#pragma once

#include <glib.h>

#include "dca-decimal.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_DEAL_STATUS_OPEN,
  DCA_DEAL_STATUS_CLOSED,
  DCA_DEAL_STATUS_CANCELLED,
} DcaDealStatus;

typedef enum
{
  DCA_CLOSE_REASON_NONE,
  DCA_CLOSE_REASON_TAKE_PROFIT,
  DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT,
  DCA_CLOSE_REASON_STOP_LOSS,
  DCA_CLOSE_REASON_TRAILING_STOP_LOSS,
  DCA_CLOSE_REASON_CONDITIONS,
  DCA_CLOSE_REASON_MANUAL,
} DcaCloseReason;

typedef enum
{
  DCA_ORDER_KIND_BASE,
  DCA_ORDER_KIND_SAFETY,
  DCA_ORDER_KIND_EXIT,
  DCA_ORDER_KIND_MANUAL,
} DcaOrderKind;

typedef enum
{
  DCA_SIDE_BUY,
  DCA_SIDE_SELL,
} DcaSide;

typedef enum
{
  DCA_ORDER_TYPE_MARKET,
  DCA_ORDER_TYPE_LIMIT,
} DcaOrderType;

typedef enum
{
  DCA_ORDER_STATUS_PENDING,   /* recorded, not yet acknowledged by the exchange */
  DCA_ORDER_STATUS_OPEN,      /* acknowledged, not (fully) filled */
  DCA_ORDER_STATUS_FILLED,
  DCA_ORDER_STATUS_CANCELLED,
  DCA_ORDER_STATUS_FAILED,    /* rejected; nothing filled */
} DcaOrderStatus;

/* One execution.  For a buy, `quote` is what was paid including the fee; for
 * a sell, what was received after the fee (deal-semantics.md). */
typedef struct
{
  gint64       time;
  DcaSide      side;
  DcaOrderKind kind;
  DcaDecimal   price;
  DcaDecimal   base;
  DcaDecimal   quote;
  DcaDecimal   fee;
} DcaFill;

/* Everything the deal state machine needs to continue a deal, and all of it
 * is persisted with the deal so a restarted engine picks up where it was. */
typedef struct
{
  DcaDealStatus  status;
  gint64         opened_at;
  gint64         closed_at;        /* 0 while open */
  DcaCloseReason close_reason;

  DcaDecimal     quote_spent;      /* S: quote paid for buys, fees included */
  DcaDecimal     base_bought;      /* base acquired by buys */
  DcaDecimal     base_sold;        /* base sold by exits */
  DcaDecimal     quote_received;   /* quote received by sells, after fees */
  DcaDecimal     fees;             /* sum of the fills' fees */
  DcaDecimal     base_price;       /* P0: the base order's fill price */
  DcaDecimal     base_order_quote; /* the base order's quote size (sizes the SOs) */
  DcaDecimal     base_order_base;  /* base bought by the base order (weights P0) */
  DcaDecimal     capital_at_open;  /* quote available to the bot when it opened */
  guint          safety_orders;    /* safety orders filled */
  gint64         last_buy_at;      /* time of the latest buy (time-based DCA) */

  /* trailing state */
  gboolean       tp_trailing;      /* trailing take profit has started */
  DcaDecimal     tp_trail_high;    /* T: highest price since it started */
  DcaDecimal     highest_price;    /* H: highest price since entry */
} DcaDealState;

const char     *dca_deal_status_to_string   (DcaDealStatus   status);
gboolean        dca_deal_status_parse       (const char     *str,
                                             DcaDealStatus  *out);
const char     *dca_close_reason_to_string  (DcaCloseReason  reason);
gboolean        dca_close_reason_parse      (const char     *str,
                                             DcaCloseReason *out);
const char     *dca_order_kind_to_string    (DcaOrderKind    kind);
gboolean        dca_order_kind_parse        (const char     *str,
                                             DcaOrderKind   *out);
const char     *dca_side_to_string          (DcaSide         side);
gboolean        dca_side_parse              (const char     *str,
                                             DcaSide        *out);
const char     *dca_order_type_to_string    (DcaOrderType    type);
gboolean        dca_order_type_parse        (const char     *str,
                                             DcaOrderType   *out);
const char     *dca_order_status_to_string  (DcaOrderStatus  status);
gboolean        dca_order_status_parse      (const char     *str,
                                             DcaOrderStatus *out);

G_END_DECLS
