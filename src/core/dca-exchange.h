/* dca-exchange.h: what every exchange implements (paper, Coinbase)
 *
 * The interface is asynchronous (GTask and GCancellable): an implementation
 * completes its calls on the thread-default main context of the thread that
 * made them.  The engine, which runs on its own thread with its own context,
 * uses the _sync helpers below, which iterate that context until the call
 * completes; the UI calls the async functions and never blocks.
 *
 * Amounts are exact decimals.  A fill's `quote` follows deal-semantics.md:
 * for a buy what was paid including the fee, for a sell what was received
 * after the fee.
 *
 * Errors are in DCA_EXCHANGE_ERROR, typed so the engine can decide what to
 * do (retry later, give up on the order, stop the pair); a cancelled call
 * fails with G_IO_ERROR_CANCELLED.  Messages never contain a key.
 */
#pragma once

#include <gio/gio.h>

#include "dca-candles.h"
#include "dca-deal-types.h"
#include "dca-decimal.h"
#include "dca-product.h"

G_BEGIN_DECLS

#define DCA_EXCHANGE_ERROR (dca_exchange_error_quark ())

typedef enum
{
  DCA_EXCHANGE_ERROR_RATE_LIMITED,       /* retry after dca_exchange_error_get_retry_after () */
  DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS, /* the account cannot pay for the order */
  DCA_EXCHANGE_ERROR_INVALID_ORDER,      /* refused; the message carries the exchange's reason */
  DCA_EXCHANGE_ERROR_NOT_FOUND,          /* no such order or product */
  DCA_EXCHANGE_ERROR_PRODUCT_UNAVAILABLE,/* delisted, or trading disabled */
  DCA_EXCHANGE_ERROR_NETWORK,            /* no answer: down, timeout, reset */
  DCA_EXCHANGE_ERROR_SERVER,             /* the exchange failed (5xx), or answered nonsense */
  DCA_EXCHANGE_ERROR_AUTH,               /* the key is bad, revoked or lacks a permission */
  DCA_EXCHANGE_ERROR_CLOCK_SKEW,         /* our clock is too far from the exchange's */
  DCA_EXCHANGE_ERROR_NO_DATA,            /* no market data (yet) for what was asked */
  DCA_EXCHANGE_ERROR_FAILED,             /* anything else */
} DcaExchangeError;

typedef struct
{
  char       *product_id;
  DcaDecimal  bid;      /* zero when unknown */
  DcaDecimal  ask;
  DcaDecimal  price;    /* the last trade, or in replay the latest close */
  gint64      time;     /* of that price, unix seconds */
} DcaTicker;

typedef struct
{
  char       *currency;
  DcaDecimal  available;
  DcaDecimal  hold;     /* on hold for open orders */
} DcaBalance;

/* What to place.  A market buy gives quote_size, a market sell base_size, a
 * limit order base_size and limit_price.  client_order_id is always set:
 * placing again with the same id returns the order already placed instead of
 * a second one. */
typedef struct
{
  const char   *client_order_id;
  const char   *product_id;
  DcaSide       side;
  DcaOrderType  type;
  DcaDecimal    quote_size;
  DcaDecimal    base_size;
  DcaDecimal    limit_price;
  gboolean      post_only;
} DcaOrderRequest;

typedef struct
{
  char           *order_id;         /* the exchange's */
  char           *client_order_id;
  char           *product_id;
  DcaSide         side;
  DcaOrderType    type;
  DcaOrderStatus  status;           /* OPEN, FILLED, CANCELLED or FAILED */
  DcaDecimal      quote_size;
  DcaDecimal      base_size;
  DcaDecimal      limit_price;
  gboolean        post_only;
  DcaDecimal      filled_base;
  DcaDecimal      filled_quote;     /* as a fill's quote: fees in for buys, out for sells */
  DcaDecimal      fees;
  DcaDecimal      average_price;    /* zero before any fill */
  char           *reject_reason;    /* FAILED: the exchange's words */
  gint64          created_at;
} DcaExchangeOrder;

typedef struct
{
  char     *trade_id;   /* unique within the order */
  char     *order_id;
  char     *product_id;
  gboolean  maker;
  DcaFill   fill;       /* fill.kind is the caller's business: MANUAL here */
} DcaExchangeFill;

#define DCA_TYPE_EXCHANGE (dca_exchange_get_type ())
G_DECLARE_INTERFACE (DcaExchange, dca_exchange, DCA, EXCHANGE, GObject)

struct _DcaExchangeInterface
{
  GTypeInterface parent_iface;

  /* "paper" or "coinbase": what bots, deals and balances are filed under */
  const char *(*get_id)            (DcaExchange         *self);
  /* the exchange's clock: real time, or the replay's simulated time */
  gint64      (*get_time)          (DcaExchange         *self);

  void        (*list_products)     (DcaExchange         *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  GPtrArray  *(*list_products_finish) (DcaExchange      *self,
                                       GAsyncResult     *result,
                                       GError          **error);
  void        (*get_product)       (DcaExchange         *self,
                                    const char          *product_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  DcaProduct *(*get_product_finish) (DcaExchange        *self,
                                     GAsyncResult       *result,
                                     GError            **error);
  /* Closed candles whose open time is in [start, end), ascending. */
  void        (*get_candles)       (DcaExchange         *self,
                                    const char          *product_id,
                                    DcaTimeframe         granularity,
                                    gint64               start,
                                    gint64               end,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  DcaCandleSeries *(*get_candles_finish) (DcaExchange   *self,
                                          GAsyncResult  *result,
                                          GError       **error);
  void        (*get_ticker)        (DcaExchange         *self,
                                    const char          *product_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  DcaTicker  *(*get_ticker_finish) (DcaExchange         *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  void        (*list_balances)     (DcaExchange         *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  GPtrArray  *(*list_balances_finish) (DcaExchange      *self,
                                       GAsyncResult     *result,
                                       GError          **error);
  void        (*place_order)       (DcaExchange           *self,
                                    const DcaOrderRequest *request,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
  DcaExchangeOrder *(*place_order_finish) (DcaExchange  *self,
                                           GAsyncResult *result,
                                           GError      **error);
  /* By the exchange's order id, or (order_id NULL) by our client order id. */
  void        (*get_order)         (DcaExchange         *self,
                                    const char          *order_id,
                                    const char          *client_order_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  DcaExchangeOrder *(*get_order_finish) (DcaExchange    *self,
                                         GAsyncResult   *result,
                                         GError        **error);
  void        (*list_fills)        (DcaExchange         *self,
                                    const char          *order_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  GPtrArray  *(*list_fills_finish) (DcaExchange         *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  /* Cancels what it can; the result lists the ids it did cancel. */
  void        (*cancel_orders)     (DcaExchange         *self,
                                    const char * const  *order_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  char      **(*cancel_orders_finish) (DcaExchange      *self,
                                       GAsyncResult     *result,
                                       GError          **error);
};

GQuark            dca_exchange_error_quark        (void);
/* How long a RATE_LIMITED error asks to wait, in milliseconds (0: not said). */
gint64            dca_exchange_error_get_retry_after (const GError *error);
void              dca_exchange_set_rate_limited   (GError     **error,
                                                   gint64       retry_after_ms,
                                                   const char  *format,
                                                   ...) G_GNUC_PRINTF (3, 4);
/* Rate limits, network and server trouble: worth trying again later. */
gboolean          dca_exchange_error_is_transient (const GError *error);

DcaTicker        *dca_ticker_copy                 (const DcaTicker        *ticker);
void              dca_ticker_free                 (DcaTicker              *ticker);
DcaBalance       *dca_balance_new                 (const char             *currency,
                                                   DcaDecimal              available,
                                                   DcaDecimal              hold);
void              dca_balance_free                (DcaBalance             *balance);
DcaExchangeOrder *dca_exchange_order_copy         (const DcaExchangeOrder *order);
void              dca_exchange_order_free         (DcaExchangeOrder       *order);
DcaExchangeFill  *dca_exchange_fill_copy          (const DcaExchangeFill  *fill);
void              dca_exchange_fill_free          (DcaExchangeFill        *fill);

const char       *dca_exchange_get_id             (DcaExchange            *self);
gint64            dca_exchange_get_time           (DcaExchange            *self);

void              dca_exchange_list_products       (DcaExchange *self, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
GPtrArray        *dca_exchange_list_products_finish (DcaExchange *self, GAsyncResult *result,
                                                     GError **error);
void              dca_exchange_get_product         (DcaExchange *self, const char *product_id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
DcaProduct       *dca_exchange_get_product_finish  (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_get_candles         (DcaExchange *self, const char *product_id,
                                                    DcaTimeframe granularity, gint64 start,
                                                    gint64 end, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
DcaCandleSeries  *dca_exchange_get_candles_finish  (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_get_ticker          (DcaExchange *self, const char *product_id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
DcaTicker        *dca_exchange_get_ticker_finish   (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_list_balances       (DcaExchange *self, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
GPtrArray        *dca_exchange_list_balances_finish (DcaExchange *self, GAsyncResult *result,
                                                     GError **error);
void              dca_exchange_place_order         (DcaExchange *self, const DcaOrderRequest *request,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
DcaExchangeOrder *dca_exchange_place_order_finish  (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_get_order           (DcaExchange *self, const char *order_id,
                                                    const char *client_order_id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
DcaExchangeOrder *dca_exchange_get_order_finish    (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_list_fills          (DcaExchange *self, const char *order_id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
GPtrArray        *dca_exchange_list_fills_finish   (DcaExchange *self, GAsyncResult *result,
                                                    GError **error);
void              dca_exchange_cancel_orders       (DcaExchange *self, const char * const *order_ids,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
char            **dca_exchange_cancel_orders_finish (DcaExchange *self, GAsyncResult *result,
                                                     GError **error);

/* Blocking forms for a worker thread: each runs the async call and iterates
 * the thread-default main context until it completes. */
GPtrArray        *dca_exchange_list_products_sync  (DcaExchange *self, GCancellable *cancellable,
                                                    GError **error);
DcaProduct       *dca_exchange_get_product_sync    (DcaExchange *self, const char *product_id,
                                                    GCancellable *cancellable, GError **error);
DcaCandleSeries  *dca_exchange_get_candles_sync    (DcaExchange *self, const char *product_id,
                                                    DcaTimeframe granularity, gint64 start,
                                                    gint64 end, GCancellable *cancellable,
                                                    GError **error);
DcaTicker        *dca_exchange_get_ticker_sync     (DcaExchange *self, const char *product_id,
                                                    GCancellable *cancellable, GError **error);
GPtrArray        *dca_exchange_list_balances_sync  (DcaExchange *self, GCancellable *cancellable,
                                                    GError **error);
DcaExchangeOrder *dca_exchange_place_order_sync    (DcaExchange *self, const DcaOrderRequest *request,
                                                    GCancellable *cancellable, GError **error);
DcaExchangeOrder *dca_exchange_get_order_sync      (DcaExchange *self, const char *order_id,
                                                    const char *client_order_id,
                                                    GCancellable *cancellable, GError **error);
GPtrArray        *dca_exchange_list_fills_sync     (DcaExchange *self, const char *order_id,
                                                    GCancellable *cancellable, GError **error);
char            **dca_exchange_cancel_orders_sync  (DcaExchange *self, const char * const *order_ids,
                                                    GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaTicker, dca_ticker_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaBalance, dca_balance_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaExchangeOrder, dca_exchange_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaExchangeFill, dca_exchange_fill_free)

G_END_DECLS
