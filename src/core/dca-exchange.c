/* dca-exchange.c: the exchange interface, its records, and blocking forms */
#define G_LOG_DOMAIN "dca-exchange"

#include "config.h"

#include "dca-exchange.h"

/* RATE_LIMITED errors carry how long to wait: an extended GError domain. */
typedef struct
{
  gint64 retry_after_ms;
} DcaExchangeErrorPrivate;

static void
dca_exchange_error_private_init (DcaExchangeErrorPrivate *priv)
{
  priv->retry_after_ms = 0;
}

static void
dca_exchange_error_private_copy (const DcaExchangeErrorPrivate *src,
                                 DcaExchangeErrorPrivate       *dest)
{
  dest->retry_after_ms = src->retry_after_ms;
}

static void
dca_exchange_error_private_clear (DcaExchangeErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (DcaExchangeError, dca_exchange_error)

gint64
dca_exchange_error_get_retry_after (const GError *error)
{
  DcaExchangeErrorPrivate *priv;

  if (error == NULL || !g_error_matches (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_RATE_LIMITED))
    return 0;
  priv = dca_exchange_error_get_private (error);
  return priv != NULL ? priv->retry_after_ms : 0;
}

void
dca_exchange_set_rate_limited (GError     **error,
                               gint64       retry_after_ms,
                               const char  *format,
                               ...)
{
  va_list args;
  GError *e;

  if (error == NULL)
    return;
  va_start (args, format);
  e = g_error_new_valist (DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_RATE_LIMITED, format, args);
  va_end (args);
  dca_exchange_error_get_private (e)->retry_after_ms = MAX (retry_after_ms, 0);
  g_propagate_error (error, e);
}

gboolean
dca_exchange_error_is_transient (const GError *error)
{
  return error != NULL && error->domain == DCA_EXCHANGE_ERROR &&
         (error->code == DCA_EXCHANGE_ERROR_RATE_LIMITED ||
          error->code == DCA_EXCHANGE_ERROR_NETWORK ||
          error->code == DCA_EXCHANGE_ERROR_SERVER);
}

/* ---- records ------------------------------------------------------------ */

DcaTicker *
dca_ticker_copy (const DcaTicker *ticker)
{
  DcaTicker *copy = g_memdup2 (ticker, sizeof *ticker);

  copy->product_id = g_strdup (ticker->product_id);
  return copy;
}

void
dca_ticker_free (DcaTicker *ticker)
{
  if (ticker == NULL)
    return;
  g_free (ticker->product_id);
  g_free (ticker);
}

DcaBalance *
dca_balance_new (const char *currency,
                 DcaDecimal  available,
                 DcaDecimal  hold)
{
  DcaBalance *b = g_new0 (DcaBalance, 1);

  b->currency = g_strdup (currency);
  b->available = available;
  b->hold = hold;
  return b;
}

void
dca_balance_free (DcaBalance *balance)
{
  if (balance == NULL)
    return;
  g_free (balance->currency);
  g_free (balance);
}

DcaExchangeOrder *
dca_exchange_order_copy (const DcaExchangeOrder *order)
{
  DcaExchangeOrder *copy = g_memdup2 (order, sizeof *order);

  copy->order_id = g_strdup (order->order_id);
  copy->client_order_id = g_strdup (order->client_order_id);
  copy->product_id = g_strdup (order->product_id);
  copy->reject_reason = g_strdup (order->reject_reason);
  return copy;
}

void
dca_exchange_order_free (DcaExchangeOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->order_id);
  g_free (order->client_order_id);
  g_free (order->product_id);
  g_free (order->reject_reason);
  g_free (order);
}

DcaExchangeFill *
dca_exchange_fill_copy (const DcaExchangeFill *fill)
{
  DcaExchangeFill *copy = g_memdup2 (fill, sizeof *fill);

  copy->trade_id = g_strdup (fill->trade_id);
  copy->order_id = g_strdup (fill->order_id);
  copy->product_id = g_strdup (fill->product_id);
  return copy;
}

void
dca_exchange_fill_free (DcaExchangeFill *fill)
{
  if (fill == NULL)
    return;
  g_free (fill->trade_id);
  g_free (fill->order_id);
  g_free (fill->product_id);
  g_free (fill);
}

/* ---- the interface ------------------------------------------------------ */

G_DEFINE_INTERFACE (DcaExchange, dca_exchange, G_TYPE_OBJECT)

static void
dca_exchange_default_init (DcaExchangeInterface *iface)
{
}

const char *
dca_exchange_get_id (DcaExchange *self)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->get_id (self);
}

gint64
dca_exchange_get_time (DcaExchange *self)
{
  DcaExchangeInterface *iface;

  g_return_val_if_fail (DCA_IS_EXCHANGE (self), 0);
  iface = DCA_EXCHANGE_GET_IFACE (self);
  if (iface->get_time == NULL)
    return g_get_real_time () / G_USEC_PER_SEC;
  return iface->get_time (self);
}

/* Each call: check, then hand to the implementation. */
#define IFACE_CALL(self, vfunc, ...)                                 \
  G_STMT_START {                                                     \
    g_return_if_fail (DCA_IS_EXCHANGE (self));                       \
    DCA_EXCHANGE_GET_IFACE (self)->vfunc (self, __VA_ARGS__);        \
  } G_STMT_END

void
dca_exchange_list_products (DcaExchange *self, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, list_products, cancellable, callback, user_data);
}

GPtrArray *
dca_exchange_list_products_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->list_products_finish (self, result, error);
}

void
dca_exchange_get_product (DcaExchange *self, const char *product_id, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, get_product, product_id, cancellable, callback, user_data);
}

DcaProduct *
dca_exchange_get_product_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->get_product_finish (self, result, error);
}

void
dca_exchange_get_candles (DcaExchange *self, const char *product_id, DcaTimeframe granularity,
                          gint64 start, gint64 end, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, get_candles, product_id, granularity, start, end, cancellable, callback,
              user_data);
}

DcaCandleSeries *
dca_exchange_get_candles_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->get_candles_finish (self, result, error);
}

void
dca_exchange_get_ticker (DcaExchange *self, const char *product_id, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, get_ticker, product_id, cancellable, callback, user_data);
}

DcaTicker *
dca_exchange_get_ticker_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->get_ticker_finish (self, result, error);
}

void
dca_exchange_list_balances (DcaExchange *self, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, list_balances, cancellable, callback, user_data);
}

GPtrArray *
dca_exchange_list_balances_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->list_balances_finish (self, result, error);
}

void
dca_exchange_place_order (DcaExchange *self, const DcaOrderRequest *request,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (request != NULL && request->client_order_id != NULL);
  IFACE_CALL (self, place_order, request, cancellable, callback, user_data);
}

DcaExchangeOrder *
dca_exchange_place_order_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->place_order_finish (self, result, error);
}

void
dca_exchange_get_order (DcaExchange *self, const char *order_id, const char *client_order_id,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (order_id != NULL || client_order_id != NULL);
  IFACE_CALL (self, get_order, order_id, client_order_id, cancellable, callback, user_data);
}

DcaExchangeOrder *
dca_exchange_get_order_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->get_order_finish (self, result, error);
}

void
dca_exchange_list_fills (DcaExchange *self, const char *order_id, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  IFACE_CALL (self, list_fills, order_id, cancellable, callback, user_data);
}

GPtrArray *
dca_exchange_list_fills_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->list_fills_finish (self, result, error);
}

void
dca_exchange_cancel_orders (DcaExchange *self, const char * const *order_ids,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  IFACE_CALL (self, cancel_orders, order_ids, cancellable, callback, user_data);
}

char **
dca_exchange_cancel_orders_finish (DcaExchange *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (DCA_IS_EXCHANGE (self), NULL);
  return DCA_EXCHANGE_GET_IFACE (self)->cancel_orders_finish (self, result, error);
}

/* ---- blocking forms ----------------------------------------------------- */

/* The call's result, once its callback ran on this thread's context. */
typedef struct
{
  GAsyncResult *result;
  GMainContext *context;
} SyncWait;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_context_wakeup (wait->context);
}

static void
sync_wait_init (SyncWait *wait)
{
  wait->result = NULL;
  wait->context = g_main_context_ref_thread_default ();
}

/* Iterates the thread-default context until the callback has run. */
static GAsyncResult *
sync_wait_run (SyncWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (wait->context, TRUE);
  g_main_context_unref (wait->context);
  return wait->result;
}

#define RUN_SYNC(type, self, finish, ...)                                    \
  G_STMT_START {                                                             \
    SyncWait wait;                                                           \
    g_autoptr(GAsyncResult) result = NULL;                                   \
                                                                             \
    sync_wait_init (&wait);                                                  \
    __VA_ARGS__;                                                             \
    result = sync_wait_run (&wait);                                          \
    return (type) finish (self, result, error);                              \
  } G_STMT_END

GPtrArray *
dca_exchange_list_products_sync (DcaExchange *self, GCancellable *cancellable, GError **error)
{
  RUN_SYNC (GPtrArray *, self, dca_exchange_list_products_finish,
            dca_exchange_list_products (self, cancellable, sync_done, &wait));
}

DcaProduct *
dca_exchange_get_product_sync (DcaExchange *self, const char *product_id,
                               GCancellable *cancellable, GError **error)
{
  RUN_SYNC (DcaProduct *, self, dca_exchange_get_product_finish,
            dca_exchange_get_product (self, product_id, cancellable, sync_done, &wait));
}

DcaCandleSeries *
dca_exchange_get_candles_sync (DcaExchange *self, const char *product_id, DcaTimeframe granularity,
                               gint64 start, gint64 end, GCancellable *cancellable, GError **error)
{
  RUN_SYNC (DcaCandleSeries *, self, dca_exchange_get_candles_finish,
            dca_exchange_get_candles (self, product_id, granularity, start, end, cancellable,
                                      sync_done, &wait));
}

DcaTicker *
dca_exchange_get_ticker_sync (DcaExchange *self, const char *product_id,
                              GCancellable *cancellable, GError **error)
{
  RUN_SYNC (DcaTicker *, self, dca_exchange_get_ticker_finish,
            dca_exchange_get_ticker (self, product_id, cancellable, sync_done, &wait));
}

GPtrArray *
dca_exchange_list_balances_sync (DcaExchange *self, GCancellable *cancellable, GError **error)
{
  RUN_SYNC (GPtrArray *, self, dca_exchange_list_balances_finish,
            dca_exchange_list_balances (self, cancellable, sync_done, &wait));
}

DcaExchangeOrder *
dca_exchange_place_order_sync (DcaExchange *self, const DcaOrderRequest *request,
                               GCancellable *cancellable, GError **error)
{
  RUN_SYNC (DcaExchangeOrder *, self, dca_exchange_place_order_finish,
            dca_exchange_place_order (self, request, cancellable, sync_done, &wait));
}

DcaExchangeOrder *
dca_exchange_get_order_sync (DcaExchange *self, const char *order_id, const char *client_order_id,
                             GCancellable *cancellable, GError **error)
{
  RUN_SYNC (DcaExchangeOrder *, self, dca_exchange_get_order_finish,
            dca_exchange_get_order (self, order_id, client_order_id, cancellable, sync_done,
                                    &wait));
}

GPtrArray *
dca_exchange_list_fills_sync (DcaExchange *self, const char *order_id, GCancellable *cancellable,
                              GError **error)
{
  RUN_SYNC (GPtrArray *, self, dca_exchange_list_fills_finish,
            dca_exchange_list_fills (self, order_id, cancellable, sync_done, &wait));
}

char **
dca_exchange_cancel_orders_sync (DcaExchange *self, const char * const *order_ids,
                                 GCancellable *cancellable, GError **error)
{
  RUN_SYNC (char **, self, dca_exchange_cancel_orders_finish,
            dca_exchange_cancel_orders (self, order_ids, cancellable, sync_done, &wait));
}
