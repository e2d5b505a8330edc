/* dca-paper-exchange.c: a simulated account that needs no network
 *
 * Fills follow deal-semantics.md to the last unit (dca_simulate_market_buy
 * and _sell, the backtester's own).  Placing an order writes the order and
 * its fill in one transaction; a client order id seen before returns the
 * order it placed, so a retry after a lost answer never buys twice.
 */
#define G_LOG_DOMAIN "dca-paper"

#include "config.h"

#include <string.h>

#include "dca-deal.h"
#include "dca-paper-exchange.h"
#include "dca-store-private.h"

struct _DcaPaperExchange
{
  GObject           parent_instance;

  DcaStore         *store;
  DcaReplayMarket  *market;     /* replay; or NULL with a live feed: */
  DcaExchange      *feed;       /* live prices (Coinbase's public market) */
  GHashTable       *live_prices;   /* product -> DcaTicker, the latest seen */
  GHashTable       *live_products; /* product -> DcaProduct */
  DcaPaperSettings  settings;
  gint64            processed; /* limit orders are filled up to this time */
};

static void dca_paper_exchange_iface_init (DcaExchangeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcaPaperExchange, dca_paper_exchange, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DCA_TYPE_EXCHANGE,
                                                      dca_paper_exchange_iface_init))

#define ORDER_COLUMNS                                                                     \
  "id, client_order_id, product_id, side, type, status, quote_size, base_size, "          \
  "limit_price, post_only, filled_base, filled_quote, fees, average_price, reject_reason, " \
  "created_at"

/* ---- settings ----------------------------------------------------------- */

void
dca_paper_settings_init (DcaPaperSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->taker_fee = dca_decimal_from_units (6, 3);
  settings->maker_fee = dca_decimal_from_units (4, 3);
  settings->start_balances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dca_paper_settings_set_balance (settings, "BTC", dca_decimal_from_int (1));
  dca_paper_settings_set_balance (settings, "USD", dca_decimal_from_int (10000));
}

void
dca_paper_settings_clear (DcaPaperSettings *settings)
{
  g_clear_pointer (&settings->start_balances, g_hash_table_unref);
}

void
dca_paper_settings_copy (const DcaPaperSettings *src,
                         DcaPaperSettings       *dest)
{
  GHashTableIter iter;
  gpointer key, value;

  *dest = *src;
  dest->start_balances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (src->start_balances == NULL)
    return;
  g_hash_table_iter_init (&iter, src->start_balances);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (dest->start_balances, g_strdup (key), g_memdup2 (value, sizeof (DcaDecimal)));
}

/* A zero amount removes the currency from the starting wallet. */
void
dca_paper_settings_set_balance (DcaPaperSettings *settings,
                                const char       *currency,
                                DcaDecimal        amount)
{
  if (dca_decimal_sign (amount) <= 0)
    g_hash_table_remove (settings->start_balances, currency);
  else
    g_hash_table_insert (settings->start_balances, g_ascii_strup (currency, -1),
                         g_memdup2 (&amount, sizeof amount));
}

/* ---- the market: a replay, or a live feed ------------------------------ */

static gint64
market_time (DcaPaperExchange *self)
{
  return self->market != NULL ? dca_replay_market_get_time (self->market) : dca_exchange_get_time (self->feed);
}

/* ---- SQL helpers -------------------------------------------------------- */

static sqlite3_stmt *
prepare (DcaPaperExchange *self,
         const char       *sql,
         GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (dca_store_get_db (self->store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      dca_store_fail (self->store, error, rc, "Could not read the paper order book");
      return NULL;
    }
  return stmt;
}

static void
bind_decimal (sqlite3_stmt *stmt,
              int           i,
              DcaDecimal    d,
              gboolean      null_if_zero)
{
  if (null_if_zero && dca_decimal_is_zero (d))
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, dca_decimal_to_string (d), -1, g_free);
}

static DcaDecimal
column_decimal (sqlite3_stmt *stmt,
                int           i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  DcaDecimal d = dca_decimal_zero ();

  if (s != NULL)
    dca_decimal_parse (s, &d, NULL);
  return d;
}

static char *
order_id_string (gint64 id)
{
  return g_strdup_printf ("paper-%" G_GINT64_FORMAT, id);
}

static gint64
parse_order_id (const char *order_id)
{
  guint64 v = 0;

  if (order_id == NULL || !g_str_has_prefix (order_id, "paper-") ||
      !g_ascii_string_to_unsigned (order_id + 6, 10, 1, G_MAXINT64, &v, NULL))
    return 0;
  return (gint64) v;
}

static DcaExchangeOrder *
read_order (sqlite3_stmt *stmt)
{
  DcaExchangeOrder *o = g_new0 (DcaExchangeOrder, 1);

  o->order_id = order_id_string (sqlite3_column_int64 (stmt, 0));
  o->client_order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  o->product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  dca_side_parse ((const char *) sqlite3_column_text (stmt, 3), &o->side);
  dca_order_type_parse ((const char *) sqlite3_column_text (stmt, 4), &o->type);
  dca_order_status_parse ((const char *) sqlite3_column_text (stmt, 5), &o->status);
  o->quote_size = column_decimal (stmt, 6);
  o->base_size = column_decimal (stmt, 7);
  o->limit_price = column_decimal (stmt, 8);
  o->post_only = sqlite3_column_int (stmt, 9) != 0;
  o->filled_base = column_decimal (stmt, 10);
  o->filled_quote = column_decimal (stmt, 11);
  o->fees = column_decimal (stmt, 12);
  o->average_price = column_decimal (stmt, 13);
  o->reject_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
  o->created_at = sqlite3_column_int64 (stmt, 15);
  return o;
}

/* By the exchange's id or, when that is NULL, by the client order id.
 * NULL with no error: no such order. */
static DcaExchangeOrder *
find_order (DcaPaperExchange *self,
            const char       *order_id,
            const char       *client_order_id,
            GError          **error)
{
  sqlite3_stmt *stmt;
  DcaExchangeOrder *o = NULL;
  int rc;

  if (order_id != NULL)
    {
      gint64 id = parse_order_id (order_id);

      if (id == 0)
        return NULL;
      stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM paper_orders WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
    }
  else
    {
      stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM paper_orders WHERE client_order_id = ?1",
                      error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_TRANSIENT);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    o = read_order (stmt);
  else if (rc != SQLITE_DONE)
    dca_store_fail (self->store, error, rc, "Could not read the paper order book");
  sqlite3_finalize (stmt);
  return o;
}

/* What the open limit orders hold, per currency. */
static gboolean
add_holds (DcaPaperExchange *self,
           GHashTable       *holds,
           GError          **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM paper_orders "
                                      "WHERE status = 'open'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DcaExchangeOrder) o = read_order (stmt);
      g_autofree char *base = NULL;
      g_autofree char *quote = NULL;
      const char *currency;
      DcaDecimal amount, *sum;

      if (!dca_product_id_split (o->product_id, &base, &quote))
        continue;
      if (o->side == DCA_SIDE_BUY)
        {
          DcaDecimal value = dca_decimal_mul (o->base_size, o->limit_price, DCA_ROUND_CEILING);

          currency = quote;
          amount = dca_decimal_add (value, dca_decimal_mul (value, self->settings.maker_fee,
                                                            DCA_ROUND_CEILING));
        }
      else
        {
          currency = base;
          amount = o->base_size;
        }
      sum = g_hash_table_lookup (holds, currency);
      if (sum == NULL)
        {
          sum = g_new0 (DcaDecimal, 1);
          g_hash_table_insert (holds, g_strdup (currency), sum);
        }
      *sum = dca_decimal_add (*sum, amount);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dca_store_fail (self->store, error, rc, "Could not read the paper order book");
  return TRUE;
}

/* available - held: what a new order may use */
static gboolean
free_balance (DcaPaperExchange *self,
              const char       *currency,
              DcaDecimal       *out,
              GError          **error)
{
  g_autoptr(GHashTable) holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(DcaBalanceRecord) b = dca_store_get_balance (self->store, "paper", currency, error);
  DcaDecimal *hold;

  if (b == NULL || !add_holds (self, holds, error))
    return FALSE;
  hold = g_hash_table_lookup (holds, currency);
  *out = dca_decimal_sub (b->available, hold ? *hold : dca_decimal_zero ());
  return TRUE;
}

/* Writes a new order and, when given, its one fill, in one transaction. */
static DcaExchangeOrder *
insert_order (DcaPaperExchange      *self,
              const DcaOrderRequest *req,
              DcaOrderStatus         status,
              const DcaFill         *fill,
              gboolean               maker,
              GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id, now = market_time (self);
  int rc;

  if (!dca_store_begin (self->store, error))
    return NULL;
  stmt = prepare (self, "INSERT INTO paper_orders (client_order_id, product_id, side, type, status, "
                        "quote_size, base_size, limit_price, post_only, filled_base, filled_quote, "
                        "fees, average_price, created_at, done_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, req->client_order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, req->product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dca_side_to_string (req->side), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, dca_order_type_to_string (req->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, dca_order_status_to_string (status), -1, SQLITE_STATIC);
  bind_decimal (stmt, 6, req->quote_size, TRUE);
  bind_decimal (stmt, 7, req->base_size, TRUE);
  bind_decimal (stmt, 8, req->limit_price, TRUE);
  sqlite3_bind_int (stmt, 9, req->post_only ? 1 : 0);
  bind_decimal (stmt, 10, fill ? fill->base : dca_decimal_zero (), FALSE);
  bind_decimal (stmt, 11, fill ? fill->quote : dca_decimal_zero (), FALSE);
  bind_decimal (stmt, 12, fill ? fill->fee : dca_decimal_zero (), FALSE);
  bind_decimal (stmt, 13, fill ? fill->price : dca_decimal_zero (), FALSE);
  sqlite3_bind_int64 (stmt, 14, now);
  if (status == DCA_ORDER_STATUS_OPEN)
    sqlite3_bind_null (stmt, 15);
  else
    sqlite3_bind_int64 (stmt, 15, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dca_store_fail (self->store, error, rc, "Could not record the paper order");
      goto fail;
    }
  id = sqlite3_last_insert_rowid (dca_store_get_db (self->store));

  if (fill != NULL)
    {
      g_autofree char *trade_id = g_strdup_printf ("paper-%" G_GINT64_FORMAT "-1", id);

      stmt = prepare (self, "INSERT INTO paper_fills (order_id, trade_id, time, price, base, quote, "
                            "fee, maker) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, trade_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, fill->time);
      bind_decimal (stmt, 4, fill->price, FALSE);
      bind_decimal (stmt, 5, fill->base, FALSE);
      bind_decimal (stmt, 6, fill->quote, FALSE);
      bind_decimal (stmt, 7, fill->fee, FALSE);
      sqlite3_bind_int (stmt, 8, maker ? 1 : 0);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          dca_store_fail (self->store, error, rc, "Could not record the paper fill");
          goto fail;
        }
    }
  if (!dca_store_commit (self->store, error))
    goto fail;
  {
    g_autofree char *order_id = order_id_string (id);

    return find_order (self, order_id, NULL, error);
  }

fail:
  dca_store_rollback (self->store);
  return NULL;
}

/* ---- the exchange's operations, synchronous ----------------------------- */

static DcaProduct *
product_of (DcaPaperExchange *self,
            const char       *product_id,
            GError          **error)
{
  DcaProduct *p;

  if (self->feed != NULL)
    {
      DcaProduct *known = product_id ? g_hash_table_lookup (self->live_products, product_id) : NULL;

      if (known != NULL)
        return dca_product_copy (known);
      if (product_id != NULL && g_hash_table_contains (self->live_prices, product_id))
        return dca_product_new (product_id);
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                   "the live market has no product “%s” (or it was not looked up yet)",
                   product_id ? product_id : "");
      return NULL;
    }
  if (product_id == NULL || !dca_replay_market_has_product (self->market, product_id))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                   "the paper market has no product “%s”", product_id ? product_id : "");
      return NULL;
    }
  p = dca_product_new (product_id);
  g_free (p->status);
  p->status = g_strdup ("online");
  return p;
}

static gboolean
market_price (DcaPaperExchange *self,
              const char       *product_id,
              DcaDecimal       *price,
              GError          **error)
{
  if (self->feed != NULL)
    {
      DcaTicker *t = g_hash_table_lookup (self->live_prices, product_id);

      if (t == NULL)
        {
          g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA,
                       "no live price for %s yet", product_id);
          return FALSE;
        }
      *price = t->price;
      return TRUE;
    }
  if (!dca_replay_market_get_price (self->market, product_id, price, NULL))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA,
                   "no price yet for %s at this point of the replay", product_id);
      return FALSE;
    }
  return TRUE;
}

/* The price a market order fills at: the market's, moved against the taker
 * by half the spread and the slippage, on the product's price increment. */
static DcaDecimal
taker_price (DcaPaperExchange *self,
             const DcaProduct *product,
             DcaSide           side,
             DcaDecimal        price)
{
  DcaDecimal half = dca_decimal_div (self->settings.spread, dca_decimal_from_int (2), DCA_ROUND_HALF_EVEN);
  DcaDecimal move = dca_decimal_add (half, self->settings.slippage);
  DcaDecimal one = dca_decimal_from_int (1);

  if (dca_decimal_is_zero (move))
    return price;
  if (side == DCA_SIDE_BUY)
    return dca_decimal_round_to (dca_decimal_mul (price, dca_decimal_add (one, move), DCA_ROUND_CEILING),
                                 product->price_increment, DCA_ROUND_CEILING);
  return dca_decimal_round_to (dca_decimal_mul (price, dca_decimal_sub (one, move), DCA_ROUND_FLOOR),
                               product->price_increment, DCA_ROUND_FLOOR);
}

static gboolean
insufficient (const char  *currency,
              DcaDecimal   have,
              DcaDecimal   need,
              GError     **error)
{
  g_autofree char *h = dca_decimal_to_string (dca_decimal_max (have, dca_decimal_zero ()));
  g_autofree char *n = dca_decimal_to_string (need);

  g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS,
               "The paper wallet has %s %s available; this order needs %s %s", h, currency, n,
               currency);
  return FALSE;
}

static DcaExchangeOrder *
place_order (DcaPaperExchange      *self,
             const DcaOrderRequest *req,
             GError               **error)
{
  g_autoptr(DcaProduct) product = NULL;
  g_autoptr(GError) local_error = NULL;
  DcaExchangeOrder *existing;
  DcaDecimal price, have;
  gint64 now = market_time (self);
  DcaFill fill;

  /* the same client order id: the order placed before, not a second one */
  existing = find_order (self, NULL, req->client_order_id, &local_error);
  if (existing != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return existing;
    }
  if ((product = product_of (self, req->product_id, error)) == NULL ||
      !market_price (self, req->product_id, &price, error))
    return NULL;

  if (req->type == DCA_ORDER_TYPE_MARKET)
    {
      DcaDecimal p = taker_price (self, product, req->side, price);

      if (req->side == DCA_SIDE_BUY)
        {
          if (!dca_simulate_market_buy (req->quote_size, p, self->settings.taker_fee, product, now,
                                        DCA_ORDER_KIND_MANUAL, &fill))
            {
              g_autofree char *q = dca_decimal_to_string (req->quote_size);

              g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                           "a market buy of %s %s on %s is too small to buy anything", q,
                           product->quote_currency, req->product_id);
              return NULL;
            }
          if (!free_balance (self, product->quote_currency, &have, error))
            return NULL;
          if (dca_decimal_cmp (fill.quote, have) > 0)
            {
              insufficient (product->quote_currency, have, fill.quote, error);
              return NULL;
            }
        }
      else
        {
          if (!dca_simulate_market_sell (req->base_size, p, self->settings.taker_fee, product, now,
                                         DCA_ORDER_KIND_MANUAL, &fill))
            {
              g_autofree char *b = dca_decimal_to_string (req->base_size);

              g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                           "a market sell of %s %s on %s is too small to sell", b,
                           product->base_currency, req->product_id);
              return NULL;
            }
          if (!free_balance (self, product->base_currency, &have, error))
            return NULL;
          if (dca_decimal_cmp (fill.base, have) > 0)
            {
              insufficient (product->base_currency, have, fill.base, error);
              return NULL;
            }
        }
      return insert_order (self, req, DCA_ORDER_STATUS_FILLED, &fill, FALSE, error);
    }

  /* limit orders */
  if (dca_decimal_sign (req->base_size) <= 0 || dca_decimal_sign (req->limit_price) <= 0)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                   "a limit order needs a positive base size and limit price");
      return NULL;
    }
  if (req->post_only &&
      ((req->side == DCA_SIDE_BUY && dca_decimal_cmp (req->limit_price, price) >= 0) ||
       (req->side == DCA_SIDE_SELL && dca_decimal_cmp (req->limit_price, price) <= 0)))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                   "post-only order would take liquidity: the limit price crosses the market");
      return NULL;
    }
  {
    DcaOrderRequest r = *req;
    const char *currency = req->side == DCA_SIDE_BUY ? product->quote_currency : product->base_currency;
    DcaDecimal need;

    r.base_size = dca_decimal_round_to (req->base_size, product->base_increment, DCA_ROUND_DOWN);
    r.quote_size = dca_decimal_zero ();
    if (dca_decimal_sign (r.base_size) <= 0)
      {
        g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                     "the base size rounds down to zero");
        return NULL;
      }
    if (req->side == DCA_SIDE_BUY)
      {
        DcaDecimal value = dca_decimal_mul (r.base_size, r.limit_price, DCA_ROUND_CEILING);

        need = dca_decimal_add (value, dca_decimal_mul (value, self->settings.maker_fee,
                                                        DCA_ROUND_CEILING));
      }
    else
      need = r.base_size;
    if (!free_balance (self, currency, &have, error))
      return NULL;
    if (dca_decimal_cmp (need, have) > 0)
      {
        insufficient (currency, have, need, error);
        return NULL;
      }
    return insert_order (self, &r, DCA_ORDER_STATUS_OPEN, NULL, TRUE, error);
  }
}

static GPtrArray *
list_fills (DcaPaperExchange *self,
            const char       *order_id,
            GError          **error)
{
  g_autoptr(DcaExchangeOrder) order = find_order (self, order_id, NULL, error);
  GPtrArray *fills;
  sqlite3_stmt *stmt;
  int rc;

  if (order == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                     "the paper exchange has no order “%s”", order_id ? order_id : "");
      return NULL;
    }
  stmt = prepare (self, "SELECT trade_id, time, price, base, quote, fee, maker FROM paper_fills "
                        "WHERE order_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, parse_order_id (order_id));
  fills = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_exchange_fill_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DcaExchangeFill *f = g_new0 (DcaExchangeFill, 1);

      f->trade_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      f->order_id = g_strdup (order->order_id);
      f->product_id = g_strdup (order->product_id);
      f->fill.time = sqlite3_column_int64 (stmt, 1);
      f->fill.side = order->side;
      f->fill.kind = DCA_ORDER_KIND_MANUAL;
      f->fill.price = column_decimal (stmt, 2);
      f->fill.base = column_decimal (stmt, 3);
      f->fill.quote = column_decimal (stmt, 4);
      f->fill.fee = column_decimal (stmt, 5);
      f->maker = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (fills, f);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (fills);
      dca_store_fail (self->store, error, rc, "Could not read the paper fills");
      return NULL;
    }
  return fills;
}

static GPtrArray *
list_balances (DcaPaperExchange *self,
               GError          **error)
{
  g_autoptr(GPtrArray) rows = dca_store_list_balances (self->store, "paper", error);
  g_autoptr(GHashTable) holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *out;

  if (rows == NULL || !add_holds (self, holds, error))
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_balance_free);
  for (guint i = 0; i < rows->len; i++)
    {
      DcaBalanceRecord *r = g_ptr_array_index (rows, i);
      DcaDecimal *hold = g_hash_table_lookup (holds, r->currency);
      DcaDecimal h = hold ? *hold : dca_decimal_zero ();

      g_ptr_array_add (out, dca_balance_new (r->currency, dca_decimal_sub (r->available, h), h));
    }
  return out;
}

static char **
cancel_orders (DcaPaperExchange   *self,
               const char * const *order_ids,
               GError            **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; order_ids != NULL && order_ids[i]; i++)
    {
      sqlite3_stmt *stmt = prepare (self, "UPDATE paper_orders SET status = 'cancelled', done_at = ?2 "
                                          "WHERE id = ?1 AND status = 'open'", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, parse_order_id (order_ids[i]));
      sqlite3_bind_int64 (stmt, 2, market_time (self));
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          dca_store_fail (self->store, error, rc, "Could not cancel the paper order");
          return NULL;
        }
      if (sqlite3_changes (dca_store_get_db (self->store)) > 0)
        g_ptr_array_add (done, g_strdup (order_ids[i]));
    }
  g_ptr_array_add (done, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&done), FALSE);
}

/* A resting limit order the market crossed: filled at its price, maker fee. */
static gboolean
fill_limit_order (DcaPaperExchange       *self,
                  const DcaExchangeOrder *o,
                  gint64                  time,
                  GError                **error)
{
  DcaDecimal value = dca_decimal_mul (o->base_size, o->limit_price, DCA_ROUND_HALF_EVEN);
  DcaDecimal fee = dca_decimal_mul (value, self->settings.maker_fee, DCA_ROUND_HALF_EVEN);
  DcaDecimal quote = o->side == DCA_SIDE_BUY ? dca_decimal_add (value, fee) : dca_decimal_sub (value, fee);
  gint64 id = parse_order_id (o->order_id);
  g_autofree char *trade_id = g_strdup_printf ("%s-1", o->order_id);
  sqlite3_stmt *stmt;
  int rc;

  if (!dca_store_begin (self->store, error))
    return FALSE;
  stmt = prepare (self, "UPDATE paper_orders SET status = 'filled', filled_base = ?2, "
                        "filled_quote = ?3, fees = ?4, average_price = ?5, done_at = ?6 "
                        "WHERE id = ?1 AND status = 'open'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_decimal (stmt, 2, o->base_size, FALSE);
  bind_decimal (stmt, 3, quote, FALSE);
  bind_decimal (stmt, 4, fee, FALSE);
  bind_decimal (stmt, 5, o->limit_price, FALSE);
  sqlite3_bind_int64 (stmt, 6, time);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;
  stmt = prepare (self, "INSERT INTO paper_fills (order_id, trade_id, time, price, base, quote, fee, "
                        "maker) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, trade_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, time);
  bind_decimal (stmt, 4, o->limit_price, FALSE);
  bind_decimal (stmt, 5, o->base_size, FALSE);
  bind_decimal (stmt, 6, quote, FALSE);
  bind_decimal (stmt, 7, fee, FALSE);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;
  return dca_store_commit (self->store, error) || (dca_store_rollback (self->store), FALSE);

sql_fail:
  dca_store_fail (self->store, error, rc, "Could not fill the paper limit order");
fail:
  dca_store_rollback (self->store);
  return FALSE;
}

void
dca_paper_exchange_process (DcaPaperExchange *self)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_exchange_order_free);
  g_autoptr(GError) error = NULL;
  gint64 now;
  sqlite3_stmt *stmt;
  int rc;

  g_return_if_fail (DCA_IS_PAPER_EXCHANGE (self));
  now = market_time (self);

  if (now <= self->processed)
    return;
  stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM paper_orders WHERE status = 'open' ORDER BY id",
                  &error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (open, read_order (stmt));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < open->len; i++)
    {
      DcaExchangeOrder *o = g_ptr_array_index (open, i);
      gsize n = 0;
      const DcaCandle *c = NULL;
      double limit = dca_decimal_to_double (o->limit_price);

      if (self->feed != NULL)
        {
          /* live: the latest price seen crossed it */
          DcaTicker *t = g_hash_table_lookup (self->live_prices, o->product_id);

          if (t != NULL && (o->side == DCA_SIDE_BUY ? dca_decimal_cmp (t->price, o->limit_price) <= 0
                                                    : dca_decimal_cmp (t->price, o->limit_price) >= 0) &&
              !fill_limit_order (self, o, t->time, &error))
            goto out;
          continue;
        }
      c = dca_replay_market_closed_since (self->market, o->product_id, MAX (self->processed, o->created_at), &n);

      for (gsize k = 0; k < n; k++)
        {
          gboolean crossed = o->side == DCA_SIDE_BUY ? c[k].low <= limit : c[k].high >= limit;
          const DcaCandleSeries *s = NULL;
          gint64 gran = 0;

          if (!crossed)
            continue;
          for (DcaTimeframe tf = DCA_TIMEFRAME_ONE_MINUTE; tf <= DCA_TIMEFRAME_ONE_DAY && s == NULL; tf++)
            s = dca_replay_market_get_series (self->market, o->product_id, tf);
          gran = s ? s->granularity : 0;
          if (!fill_limit_order (self, o, c[k].time + gran, &error))
            goto out;
          break;
        }
    }
  self->processed = now;
  {
    g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, now);

    dca_store_kv_set (self->store, "paper.processed", value, &error);
  }

out:
  if (error != NULL)
    g_warning ("paper exchange: %s", error->message);
}

/* ---- DcaExchange -------------------------------------------------------- */

static const char *
paper_get_id (DcaExchange *exchange)
{
  return "paper";
}

static gint64
paper_get_time (DcaExchange *exchange)
{
  return market_time (DCA_PAPER_EXCHANGE (exchange));
}

/* ---- a live feed: market data from another exchange --------------------- */

typedef enum
{
  FEED_PRODUCTS,
  FEED_PRODUCT,
  FEED_CANDLES,
  FEED_TICKER,
} FeedKind;

typedef struct
{
  GTask    *task;
  FeedKind  kind;
} FeedCall;

static void
feed_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  FeedCall *call = data;
  DcaPaperExchange *self = g_task_get_source_object (call->task);
  DcaExchange *feed = DCA_EXCHANGE (source);
  GError *error = NULL;

  switch (call->kind)
    {
    case FEED_PRODUCTS:
      {
        GPtrArray *list = dca_exchange_list_products_finish (feed, result, &error);

        for (guint i = 0; list != NULL && i < list->len; i++)
          {
            DcaProduct *p = g_ptr_array_index (list, i);

            g_hash_table_replace (self->live_products, g_strdup (p->product_id), dca_product_copy (p));
          }
        if (list != NULL)
          g_task_return_pointer (call->task, list, (GDestroyNotify) g_ptr_array_unref);
      }
      break;
    case FEED_PRODUCT:
      {
        DcaProduct *p = dca_exchange_get_product_finish (feed, result, &error);

        if (p != NULL)
          {
            g_hash_table_replace (self->live_products, g_strdup (p->product_id), dca_product_copy (p));
            g_task_return_pointer (call->task, p, (GDestroyNotify) dca_product_free);
          }
      }
      break;
    case FEED_CANDLES:
      {
        DcaCandleSeries *c = dca_exchange_get_candles_finish (feed, result, &error);

        if (c != NULL)
          g_task_return_pointer (call->task, c, (GDestroyNotify) dca_candle_series_free);
      }
      break;
    case FEED_TICKER:
      {
        DcaTicker *t = dca_exchange_get_ticker_finish (feed, result, &error);

        if (t != NULL)
          {
            /* the price market orders fill at, until the next one */
            g_hash_table_replace (self->live_prices, g_strdup (t->product_id), dca_ticker_copy (t));
            g_task_return_pointer (call->task, t, (GDestroyNotify) dca_ticker_free);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    g_task_return_error (call->task, error);
  g_object_unref (call->task);
  g_free (call);
}

static FeedCall *
feed_call (GTask    *task,
           FeedKind  kind)
{
  FeedCall *call = g_new0 (FeedCall, 1);

  call->task = g_object_ref (task);
  call->kind = kind;
  return call;
}

/* Each operation runs at once and completes through a GTask on the caller's
 * thread-default context. */
#define PAPER_TASK(exchange, cancellable, callback, user_data)                    \
  g_autoptr(GTask) task = g_task_new (exchange, cancellable, callback, user_data); \
  DcaPaperExchange *self = DCA_PAPER_EXCHANGE (exchange);                          \
  g_autoptr(GError) error = NULL;                                                  \
  if (g_task_return_error_if_cancelled (task))                                     \
    return

static void
return_result (GTask          *task,
               gpointer        result,
               GDestroyNotify  free_func,
               GError         *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, free_func);
  else if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_new_error (task, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_FAILED, "no result");
}

static gpointer
paper_finish (DcaExchange  *exchange,
              GAsyncResult *result,
              GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_list_products (DcaExchange *exchange, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  GPtrArray *list;
  const char * const *ids;

  if (self->feed != NULL)
    {
      dca_exchange_list_products (self->feed, cancellable, feed_done, feed_call (task, FEED_PRODUCTS));
      return;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_product_free);
  ids = dca_replay_market_list_products (self->market);

  for (guint i = 0; ids[i]; i++)
    g_ptr_array_add (list, product_of (self, ids[i], NULL));
  return_result (task, list, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
paper_get_product (DcaExchange *exchange, const char *product_id, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  DcaProduct *p;

  if (self->feed != NULL)
    {
      dca_exchange_get_product (self->feed, product_id, cancellable, feed_done, feed_call (task, FEED_PRODUCT));
      return;
    }
  p = product_of (self, product_id, &error);

  return_result (task, p, (GDestroyNotify) dca_product_free, error);
}

static void
paper_get_candles (DcaExchange *exchange, const char *product_id, DcaTimeframe granularity,
                   gint64 start, gint64 end, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  DcaCandleSeries *s = NULL;

  if (self->feed != NULL)
    {
      dca_exchange_get_candles (self->feed, product_id, granularity, start, end, cancellable, feed_done,
                                feed_call (task, FEED_CANDLES));
      return;
    }
  if (!dca_replay_market_has_product (self->market, product_id))
    g_set_error (&error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                 "the paper market has no product “%s”", product_id);
  else if (dca_replay_market_get_series (self->market, product_id, granularity) == NULL)
    g_set_error (&error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA,
                 "the replay has no %s candles of %s", dca_timeframe_short_name (granularity),
                 product_id);
  else
    s = dca_replay_market_get_candles (self->market, product_id, granularity, start, end);
  return_result (task, s, (GDestroyNotify) dca_candle_series_free, error);
}

static void
paper_get_ticker (DcaExchange *exchange, const char *product_id, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  g_autoptr(DcaProduct) product = NULL;
  DcaTicker *t = NULL;
  DcaDecimal price;
  gint64 time = 0;

  if (self->feed != NULL)
    {
      dca_exchange_get_ticker (self->feed, product_id, cancellable, feed_done, feed_call (task, FEED_TICKER));
      return;
    }
  product = product_of (self, product_id, &error);
  if (product != NULL)
    {
      if (!dca_replay_market_get_price (self->market, product_id, &price, &time))
        market_price (self, product_id, &price, &error);
      else
        {
          t = g_new0 (DcaTicker, 1);
          t->product_id = g_strdup (product_id);
          t->price = price;
          t->time = time;
          t->bid = taker_price (self, product, DCA_SIDE_SELL, price);
          t->ask = taker_price (self, product, DCA_SIDE_BUY, price);
        }
    }
  return_result (task, t, (GDestroyNotify) dca_ticker_free, error);
}

static void
paper_list_balances (DcaExchange *exchange, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  GPtrArray *list = list_balances (self, &error);

  return_result (task, list, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
paper_place_order (DcaExchange *exchange, const DcaOrderRequest *request,
                   GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  DcaExchangeOrder *o = place_order (self, request, &error);

  return_result (task, o, (GDestroyNotify) dca_exchange_order_free, error);
}

static void
paper_get_order (DcaExchange *exchange, const char *order_id, const char *client_order_id,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  DcaExchangeOrder *o = find_order (self, order_id, client_order_id, &error);

  if (o == NULL && error == NULL)
    g_set_error (&error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                 "the paper exchange has no order “%s”", order_id ? order_id : client_order_id);
  return_result (task, o, (GDestroyNotify) dca_exchange_order_free, error);
}

static void
paper_list_fills (DcaExchange *exchange, const char *order_id, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  GPtrArray *fills = list_fills (self, order_id, &error);

  return_result (task, fills, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
paper_cancel_orders (DcaExchange *exchange, const char * const *order_ids,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  PAPER_TASK (exchange, cancellable, callback, user_data);
  char **done = cancel_orders (self, order_ids, &error);

  return_result (task, done, (GDestroyNotify) g_strfreev, error);
}

static void
dca_paper_exchange_iface_init (DcaExchangeInterface *iface)
{
  iface->get_id = paper_get_id;
  iface->get_time = paper_get_time;
  iface->list_products = paper_list_products;
  iface->list_products_finish = (gpointer) paper_finish;
  iface->get_product = paper_get_product;
  iface->get_product_finish = (gpointer) paper_finish;
  iface->get_candles = paper_get_candles;
  iface->get_candles_finish = (gpointer) paper_finish;
  iface->get_ticker = paper_get_ticker;
  iface->get_ticker_finish = (gpointer) paper_finish;
  iface->list_balances = paper_list_balances;
  iface->list_balances_finish = (gpointer) paper_finish;
  iface->place_order = paper_place_order;
  iface->place_order_finish = (gpointer) paper_finish;
  iface->get_order = paper_get_order;
  iface->get_order_finish = (gpointer) paper_finish;
  iface->list_fills = paper_list_fills;
  iface->list_fills_finish = (gpointer) paper_finish;
  iface->cancel_orders = paper_cancel_orders;
  iface->cancel_orders_finish = (gpointer) paper_finish;
}

/* ---- life --------------------------------------------------------------- */

static gboolean
init_wallet (DcaPaperExchange *self,
             GError          **error)
{
  g_autofree char *done = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!dca_store_kv_get (self->store, "paper.initialised", &done, error))
    return FALSE;
  if (done != NULL)
    return TRUE;
  if (!dca_store_begin (self->store, error))
    return FALSE;
  if (self->settings.start_balances != NULL)
    {
      g_hash_table_iter_init (&iter, self->settings.start_balances);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!dca_store_set_balance (self->store, "paper", key, *(DcaDecimal *) value,
                                    dca_decimal_zero (), error))
          goto fail;
    }
  if (!dca_store_kv_set (self->store, "paper.initialised", "1", error) ||
      !dca_store_commit (self->store, error))
    goto fail;
  return TRUE;

fail:
  dca_store_rollback (self->store);
  return FALSE;
}

DcaPaperExchange *
dca_paper_exchange_new (const char             *store_path,
                        DcaReplayMarket        *market,
                        const DcaPaperSettings *settings,
                        GError                **error)
{
  g_autoptr(DcaStore) store = dca_store_open (store_path, error);

  if (store == NULL)
    return NULL;
  return dca_paper_exchange_new_for_store (store, market, settings, error);
}

DcaPaperExchange *
dca_paper_exchange_new_for_store (DcaStore               *store,
                                  DcaReplayMarket        *market,
                                  const DcaPaperSettings *settings,
                                  GError                **error)
{
  g_autoptr(DcaPaperExchange) self = g_object_new (DCA_TYPE_PAPER_EXCHANGE, NULL);
  g_autofree char *processed = NULL;
  DcaPaperSettings defaults;

  g_return_val_if_fail (DCA_IS_REPLAY_MARKET (market), NULL);

  if (settings == NULL)
    {
      dca_paper_settings_init (&defaults);
      dca_paper_settings_copy (&defaults, &self->settings);
      dca_paper_settings_clear (&defaults);
    }
  else
    dca_paper_settings_copy (settings, &self->settings);
  self->market = g_object_ref (market);
  self->store = g_object_ref (store);
  if (!init_wallet (self, error) ||
      !dca_store_kv_get (self->store, "paper.processed", &processed, error))
    return NULL;
  self->processed = processed ? g_ascii_strtoll (processed, NULL, 10) : 0;
  return g_steal_pointer (&self);
}

/* Paper trading on live prices: market data from `feed` (Coinbase's public
 * market, no key), orders filled at the latest price the feed gave. */
DcaPaperExchange *
dca_paper_exchange_new_live (DcaStore               *store,
                             DcaExchange            *feed,
                             const DcaPaperSettings *settings,
                             GError                **error)
{
  g_autoptr(DcaPaperExchange) self = g_object_new (DCA_TYPE_PAPER_EXCHANGE, NULL);
  DcaPaperSettings defaults;

  g_return_val_if_fail (DCA_IS_EXCHANGE (feed), NULL);

  if (settings == NULL)
    {
      dca_paper_settings_init (&defaults);
      dca_paper_settings_copy (&defaults, &self->settings);
      dca_paper_settings_clear (&defaults);
    }
  else
    dca_paper_settings_copy (settings, &self->settings);
  self->feed = g_object_ref (feed);
  self->store = g_object_ref (store);
  if (!init_wallet (self, error))
    return NULL;
  self->processed = 0;
  return g_steal_pointer (&self);
}

static void
dca_paper_exchange_finalize (GObject *object)
{
  DcaPaperExchange *self = DCA_PAPER_EXCHANGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->market);
  g_clear_object (&self->feed);
  g_clear_pointer (&self->live_prices, g_hash_table_unref);
  g_clear_pointer (&self->live_products, g_hash_table_unref);
  dca_paper_settings_clear (&self->settings);
  G_OBJECT_CLASS (dca_paper_exchange_parent_class)->finalize (object);
}

static void
dca_paper_exchange_class_init (DcaPaperExchangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_paper_exchange_finalize;
}

static void
dca_paper_exchange_init (DcaPaperExchange *self)
{
  self->live_prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dca_ticker_free);
  self->live_products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dca_product_free);
}

gboolean
dca_paper_account_reset (DcaStore               *store,
                         const DcaPaperSettings *settings,
                         GError                **error)
{
  DcaDealFilter open = { 0 };
  g_autoptr(GPtrArray) balances = NULL;
  gint64 n;
  int rc;

  open.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
  open.exchange = "paper";
  n = dca_store_count_deals (store, &open, error);
  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS,
                   "%" G_GINT64_FORMAT " paper deals are still open: close or cancel them first", n);
      return FALSE;
    }
  if (!dca_store_begin (store, error))
    return FALSE;
  rc = sqlite3_exec (dca_store_get_db (store), "DELETE FROM paper_fills; DELETE FROM paper_orders;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dca_store_fail (store, error, rc, "Could not empty the paper order book");
      goto fail;
    }
  balances = dca_store_list_balances (store, "paper", error);
  if (balances == NULL)
    goto fail;
  for (guint i = 0; i < balances->len; i++)
    if (!dca_store_set_balance (store, "paper", ((DcaBalanceRecord *) g_ptr_array_index (balances, i))->currency,
                                dca_decimal_zero (), dca_decimal_zero (), error))
      goto fail;
  if (settings != NULL && settings->start_balances != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, settings->start_balances);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!dca_store_set_balance (store, "paper", key, *(DcaDecimal *) value, dca_decimal_zero (), error))
          goto fail;
    }
  if (!dca_store_kv_set (store, "paper.initialised", "1", error) ||
      !dca_store_kv_set (store, "paper.processed", NULL, error) ||
      !dca_store_kv_set (store, "replay.clock", NULL, error) ||
      !dca_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  dca_store_rollback (store);
  return FALSE;
}
