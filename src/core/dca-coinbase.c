/* dca-coinbase.c: Coinbase Advanced Trade, behind the exchange interface */
#define G_LOG_DOMAIN "dca-coinbase"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dca-coinbase.h"
#include "dca-json.h"
#include "dca-rate-limiter.h"

struct _DcaCoinbaseExchange
{
  GObject              parent_instance;

  DcaCoinbaseSettings  settings;
  DcaCoinbaseKey      *key;
  char                *host;        /* host[:port] of the base URL, for the JWT's uri */
  char                *base_path;   /* path of the base URL, e.g. /api/v3/brokerage */
  GThreadPool         *io;          /* one thread: every request goes out from it */

  /* the I/O thread's own */
  SoupSession         *session;
  DcaRateLimiter       private_limit;
  DcaRateLimiter       public_limit;
  GHashTable          *products;    /* id -> DcaProduct, as last listed */
};

static void dca_coinbase_exchange_iface_init (DcaExchangeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcaCoinbaseExchange, dca_coinbase_exchange, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DCA_TYPE_EXCHANGE,
                                                      dca_coinbase_exchange_iface_init))

/* ---- settings ----------------------------------------------------------- */

void
dca_coinbase_settings_init (DcaCoinbaseSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->private_rate = 30;
  settings->public_rate = 10;
  settings->timeout_seconds = 15;
  settings->max_attempts = 4;
  settings->backoff_ms = 500;
}

void
dca_coinbase_settings_clear (DcaCoinbaseSettings *settings)
{
  g_clear_pointer (&settings->base_url, g_free);
}

static gint64
now_seconds (DcaCoinbaseExchange *self)
{
  if (self->settings.clock != NULL)
    return self->settings.clock (self->settings.clock_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- requests ----------------------------------------------------------- */

typedef enum
{
  PUBLIC,
  PRIVATE,
} Access;

/* Sleeps (cancellably) on the I/O thread. */
static gboolean
pause_for (gint64        us,
           GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (end - g_get_monotonic_time (), 50000));
    }
  return TRUE;
}

static gint64
backoff_us (DcaCoinbaseExchange *self,
            guint                attempt)
{
  gint64 base = (gint64) self->settings.backoff_ms * 1000 << MIN (attempt - 1, 6);

  /* full jitter in the upper half: retries of many clients do not align */
  return base / 2 + g_random_int_range (0, (gint32) MAX (base / 2, 1));
}

static char *
error_text (JsonNode *root)
{
  JsonObject *o;
  const char *message = NULL, *err = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  message = json_object_get_string_member_with_default (o, "message", NULL);
  err = json_object_get_string_member_with_default (o, "error", NULL);
  if (message != NULL && err != NULL)
    return g_strdup_printf ("%s (%s)", message, err);
  return g_strdup (message ? message : err);
}

/* One call to Coinbase, retried where that is safe; the answer's JSON. */
static JsonNode *
call (DcaCoinbaseExchange *self,
      const char          *method,
      const char          *path,
      const char          *query,
      const char          *body,
      Access               access,
      gboolean             retry_safe,
      GCancellable        *cancellable,
      GError             **error)
{
  g_autofree char *what = g_strdup_printf ("%s %s", method, path);
  g_autoptr(GError) last = NULL;

  if (access == PRIVATE && self->key == NULL)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                   "no Coinbase API key: add one (keyring, --key-file, or DCADESK_COINBASE_KEY_NAME "
                   "and DCADESK_COINBASE_PRIVATE_KEY)");
      return NULL;
    }

  for (guint attempt = 1; attempt <= MAX (self->settings.max_attempts, 1); attempt++)
    {
      DcaRateLimiter *limit = access == PRIVATE ? &self->private_limit : &self->public_limit;
      g_autofree char *uri = g_strdup_printf ("%s%s%s%s", self->settings.base_url, path,
                                              query ? "?" : "", query ? query : "");
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = NULL;
      gint64 wait_us = 0;
      guint status;

      g_clear_error (&last);
      if (!pause_for (dca_rate_limiter_reserve (limit, g_get_monotonic_time ()), cancellable))
        break;
      msg = soup_message_new (method, uri);
      if (msg == NULL)
        {
          g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_FAILED,
                       "the Coinbase URL “%s” is not valid", self->settings.base_url);
          return NULL;
        }
      if (access == PRIVATE)
        {
          g_autofree char *full_path = g_strconcat (self->base_path, path, NULL);
          g_autofree char *jwt = dca_coinbase_key_build_jwt (self->key, method, self->host, full_path,
                                                             g_get_real_time () / G_USEC_PER_SEC, error);
          g_autofree char *bearer = NULL;

          if (jwt == NULL)
            return NULL;
          bearer = g_strconcat ("Bearer ", jwt, NULL);
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
          memset (jwt, 0, strlen (jwt));
          memset (bearer, 0, strlen (bearer));
        }
      if (body != NULL)
        {
          g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));

          soup_message_set_request_body_from_bytes (msg, "application/json", b);
        }

      bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
      if (bytes == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_set_error (&last, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NETWORK,
                       "Coinbase did not answer %s: %s", what, local_error->message);
          wait_us = backoff_us (self, attempt);
          goto retry;
        }

      status = soup_message_get_status (msg);
      {
        gsize len = 0;
        const char *data = g_bytes_get_data (bytes, &len);

        root = len > 0 ? dca_json_parse (data, (gssize) len, NULL) : NULL;
      }
      if (status >= 200 && status < 300)
        {
          if (root == NULL)
            {
              g_set_error (&last, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER,
                           "Coinbase's answer to %s is not valid JSON (cut short?)", what);
              wait_us = backoff_us (self, attempt);
              goto retry;
            }
          return g_steal_pointer (&root);
        }

      {
        g_autofree char *text = error_text (root);
        const char *reason = text ? text : soup_message_get_reason_phrase (msg);

        if (status == 429)
          {
            const char *after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Retry-After");
            gint64 after_ms = after ? (gint64) (g_ascii_strtod (after, NULL) * 1000) : 0;

            wait_us = after_ms > 0 ? after_ms * 1000 : backoff_us (self, attempt);
            dca_exchange_set_rate_limited (&last, wait_us / 1000, "Coinbase rate limit on %s: %s", what,
                                           reason ? reason : "too many requests");
            /* a 429 was not acted upon: retrying is safe for any request */
            if (attempt < self->settings.max_attempts && pause_for (wait_us, cancellable))
              continue;
            break;
          }
        if (status >= 500)
          {
            g_set_error (&last, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER,
                         "Coinbase failed on %s (HTTP %u): %s", what, status, reason ? reason : "");
            wait_us = backoff_us (self, attempt);
            goto retry;
          }
        if (status == 401)
          {
            const char *date = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                             "Date");
            g_autoptr(GDateTime) server = date ? soup_date_time_new_from_http_string (date) : NULL;
            gint64 skew = server ? g_date_time_to_unix (server) - g_get_real_time () / G_USEC_PER_SEC : 0;

            if (ABS (skew) > 30)
              g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_CLOCK_SKEW,
                           "Coinbase refused the request: this computer's clock is %" G_GINT64_FORMAT
                           " s %s Coinbase's; set the time automatically", ABS (skew),
                           skew > 0 ? "behind" : "ahead of");
            else
              g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                           "Coinbase refused the API key (HTTP 401): %s; check the key, or create a "
                           "new one", reason ? reason : "unauthorized");
            return NULL;
          }
        if (status == 403)
          {
            g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                         "the Coinbase API key lacks a permission for %s (HTTP 403): %s; give it "
                         "“view” and “trade”", what, reason ? reason : "forbidden");
            return NULL;
          }
        if (status == 404)
          {
            g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
                         "Coinbase has no such thing: %s (%s)", what, reason ? reason : "not found");
            return NULL;
          }
        g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                     "Coinbase refused %s (HTTP %u): %s", what, status, reason ? reason : "");
        return NULL;
      }

    retry:
      if (!retry_safe || attempt >= self->settings.max_attempts || !pause_for (wait_us, cancellable))
        break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (last != NULL)
    g_propagate_error (error, g_steal_pointer (&last));
  else
    g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_FAILED, "%s failed", what);
  return NULL;
}

/* ---- reading answers ---------------------------------------------------- */

static gboolean
bad_answer (GError    **error,
            const char *what,
            const char *field)
{
  g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER,
               "Coinbase's answer to %s has no valid “%s”", what, field);
  return FALSE;
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

/* Coinbase writes amounts as strings; empty means zero. */
static gboolean
decimal_member (JsonObject *o,
                const char *name,
                gboolean    required,
                DcaDecimal *out,
                const char *what,
                GError    **error)
{
  const char *s = string_member (o, name);

  *out = dca_decimal_zero ();
  if (s == NULL)
    return required ? bad_answer (error, what, name) : TRUE;
  if (*s == '\0')
    return TRUE;
  if (!dca_decimal_parse_rounded (s, out, NULL))
    return bad_answer (error, what, name);
  return TRUE;
}

static gboolean
bool_member (JsonObject *o,
             const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (n);
}

static gint64
time_member (JsonObject *o,
             const char *name)
{
  const char *s = string_member (o, name);
  g_autoptr(GDateTime) dt = NULL;

  if (s == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (s, NULL);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static DcaProduct *
read_product (JsonObject *o,
              const char *what,
              GError    **error)
{
  const char *id = string_member (o, "product_id");
  g_autoptr(DcaProduct) p = NULL;
  DcaDecimal v;

  if (id == NULL || !dca_product_id_is_valid (id))
    {
      bad_answer (error, what, "product_id");
      return NULL;
    }
  p = dca_product_new (id);
#define AMOUNT(key, field)                                                   \
  if (!decimal_member (o, key, FALSE, &v, what, error))                      \
    return NULL;                                                             \
  if (dca_decimal_sign (v) > 0)                                              \
    p->field = v;
  AMOUNT ("base_increment", base_increment);
  AMOUNT ("quote_increment", quote_increment);
  AMOUNT ("price_increment", price_increment);
  AMOUNT ("base_min_size", base_min_size);
  AMOUNT ("base_max_size", base_max_size);
  AMOUNT ("quote_min_size", quote_min_size);
  AMOUNT ("quote_max_size", quote_max_size);
#undef AMOUNT
  g_free (p->status);
  p->status = g_strdup (string_member (o, "status") ? string_member (o, "status") : "online");
  p->trading_disabled = bool_member (o, "trading_disabled") || bool_member (o, "is_disabled") ||
                        g_ascii_strcasecmp (p->status, "online") != 0;
  return g_steal_pointer (&p);
}

static DcaOrderStatus
order_status (const char *s)
{
  if (s == NULL)
    return DCA_ORDER_STATUS_OPEN;
  if (strcmp (s, "FILLED") == 0)
    return DCA_ORDER_STATUS_FILLED;
  if (strcmp (s, "CANCELLED") == 0 || strcmp (s, "EXPIRED") == 0)
    return DCA_ORDER_STATUS_CANCELLED;
  if (strcmp (s, "FAILED") == 0)
    return DCA_ORDER_STATUS_FAILED;
  return DCA_ORDER_STATUS_OPEN; /* OPEN, PENDING, QUEUED, CANCEL_QUEUED, UNKNOWN */
}

static DcaExchangeOrder *
read_order (JsonObject *o,
            const char *what,
            GError    **error)
{
  g_autoptr(DcaExchangeOrder) x = g_new0 (DcaExchangeOrder, 1);
  const char *side = string_member (o, "side");
  JsonObject *config = object_member (o, "order_configuration");
  JsonObject *market = object_member (config, "market_market_ioc");
  JsonObject *limit = object_member (config, "limit_limit_gtc");
  DcaDecimal value, fees;

  x->order_id = g_strdup (string_member (o, "order_id"));
  x->client_order_id = g_strdup (string_member (o, "client_order_id"));
  x->product_id = g_strdup (string_member (o, "product_id"));
  if (x->order_id == NULL || x->product_id == NULL)
    {
      bad_answer (error, what, x->order_id == NULL ? "order_id" : "product_id");
      return NULL;
    }
  if (side == NULL || (strcmp (side, "BUY") != 0 && strcmp (side, "SELL") != 0))
    {
      bad_answer (error, what, "side");
      return NULL;
    }
  x->side = strcmp (side, "BUY") == 0 ? DCA_SIDE_BUY : DCA_SIDE_SELL;
  x->status = order_status (string_member (o, "status"));
  x->type = limit != NULL ? DCA_ORDER_TYPE_LIMIT : DCA_ORDER_TYPE_MARKET;
  if ((market && (!decimal_member (market, "quote_size", FALSE, &x->quote_size, what, error) ||
                  !decimal_member (market, "base_size", FALSE, &x->base_size, what, error))) ||
      (limit && (!decimal_member (limit, "base_size", FALSE, &x->base_size, what, error) ||
                 !decimal_member (limit, "limit_price", FALSE, &x->limit_price, what, error))) ||
      !decimal_member (o, "filled_size", FALSE, &x->filled_base, what, error) ||
      !decimal_member (o, "filled_value", FALSE, &value, what, error) ||
      !decimal_member (o, "total_fees", FALSE, &fees, what, error) ||
      !decimal_member (o, "average_filled_price", FALSE, &x->average_price, what, error))
    return NULL;
  x->post_only = limit != NULL && bool_member (limit, "post_only");
  x->fees = fees;
  /* a fill's quote: fees in for buys, out for sells (deal-semantics.md) */
  x->filled_quote = x->side == DCA_SIDE_BUY ? dca_decimal_add (value, fees) : dca_decimal_sub (value, fees);
  x->reject_reason = g_strdup (string_member (o, "reject_reason"));
  if (x->reject_reason != NULL && *x->reject_reason == '\0')
    g_clear_pointer (&x->reject_reason, g_free);
  x->created_at = time_member (o, "created_time");
  return g_steal_pointer (&x);
}

/* ---- operations, on the I/O thread -------------------------------------- */

static GPtrArray *
op_list_products (DcaCoinbaseExchange *self,
                  GCancellable        *c,
                  GError             **error)
{
  const char *path = self->key ? "/products" : "/market/products";
  g_autoptr(JsonNode) root = call (self, "GET", path, NULL, NULL, self->key ? PRIVATE : PUBLIC, TRUE, c,
                                   error);
  JsonArray *list;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_product_free);

  if (root == NULL)
    return NULL;
  list = array_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, "products");
  if (list == NULL)
    {
      bad_answer (error, "GET /products", "products");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      DcaProduct *p = JSON_NODE_HOLDS_OBJECT (n) ? read_product (json_node_get_object (n), "GET /products",
                                                                 error)
                                                 : (bad_answer (error, "GET /products", "products"), NULL);

      if (p == NULL)
        return NULL;
      g_hash_table_replace (self->products, g_strdup (p->product_id), dca_product_copy (p));
      g_ptr_array_add (out, p);
    }
  return g_steal_pointer (&out);
}

static DcaProduct *
op_get_product (DcaCoinbaseExchange *self,
                const char          *id,
                GCancellable        *c,
                GError             **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", self->key ? "/products" : "/market/products", id);
  g_autoptr(JsonNode) root = NULL;
  DcaProduct *p;

  if (!dca_product_id_is_valid (id))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND, "“%s” is not a product id", id);
      return NULL;
    }
  root = call (self, "GET", path, NULL, NULL, self->key ? PRIVATE : PUBLIC, TRUE, c, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_answer (error, path, "product");
      return NULL;
    }
  p = read_product (json_node_get_object (root), path, error);
  if (p != NULL)
    g_hash_table_replace (self->products, g_strdup (p->product_id), dca_product_copy (p));
  return p;
}

static const char *
granularity_name (DcaTimeframe tf)
{
  return dca_timeframe_to_string (tf); /* ONE_MINUTE ... ONE_DAY, as Coinbase names them */
}

static int
compare_candles (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const DcaCandle *) a)->time, y = ((const DcaCandle *) b)->time;

  return x < y ? -1 : x > y;
}

/* At most 350 candles an answer, newest first: asked window by window. */
static DcaCandleSeries *
op_get_candles (DcaCoinbaseExchange *self,
                const char          *id,
                DcaTimeframe         tf,
                gint64               start,
                gint64               end,
                GCancellable        *c,
                GError             **error)
{
  gint64 gran = dca_timeframe_seconds (tf);
  gint64 now = now_seconds (self);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (DcaCandle));
  DcaCandleSeries *series;

  if (gran <= 0)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_FAILED, "no such candle granularity");
      return NULL;
    }
  end = MIN (end, now);
  for (gint64 from = start - start % gran; from < end; from += 350 * gran)
    {
      gint64 to = MIN (from + 350 * gran, end);
      g_autofree char *path = g_strdup_printf ("%s/%s/candles", self->key ? "/products" : "/market/products", id);
      g_autofree char *query = g_strdup_printf ("start=%" G_GINT64_FORMAT "&end=%" G_GINT64_FORMAT
                                                "&granularity=%s&limit=350", from, to - 1,
                                                granularity_name (tf));
      g_autoptr(JsonNode) root = call (self, "GET", path, query, NULL, self->key ? PRIVATE : PUBLIC, TRUE, c,
                                       error);
      JsonArray *list;

      if (root == NULL)
        return NULL;
      list = array_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, "candles");
      if (list == NULL)
        {
          bad_answer (error, path, "candles");
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *n = json_array_get_element (list, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          const char *t = string_member (o, "start");
          DcaDecimal open, high, low, close, volume;
          DcaCandle candle;

          if (t == NULL ||
              !decimal_member (o, "open", TRUE, &open, path, error) ||
              !decimal_member (o, "high", TRUE, &high, path, error) ||
              !decimal_member (o, "low", TRUE, &low, path, error) ||
              !decimal_member (o, "close", TRUE, &close, path, error) ||
              !decimal_member (o, "volume", TRUE, &volume, path, error))
            {
              if (t == NULL)
                bad_answer (error, path, "start");
              return NULL;
            }
          candle.time = g_ascii_strtoll (t, NULL, 10);
          candle.open = dca_decimal_to_double (open);
          candle.high = dca_decimal_to_double (high);
          candle.low = dca_decimal_to_double (low);
          candle.close = dca_decimal_to_double (close);
          candle.volume = dca_decimal_to_double (volume);
          candle.close_exact = close;
          /* closed candles only, in the window asked */
          if (candle.time >= start && candle.time < end && candle.time + gran <= now)
            g_array_append_val (all, candle);
        }
    }
  g_array_sort (all, compare_candles);
  series = dca_candle_series_new ();
  series->granularity = gran;
  for (guint i = 0; i < all->len; i++)
    if (series->len == 0 || g_array_index (all, DcaCandle, i).time > series->candles[series->len - 1].time)
      dca_candle_series_append (series, &g_array_index (all, DcaCandle, i));
  return series;
}

/* With a key: the order book's best bid and ask (GET /best_bid_ask); the
 * price is their middle. */
static DcaTicker *
op_best_bid_ask (DcaCoinbaseExchange *self,
                 const char          *id,
                 GCancellable        *c,
                 GError             **error)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("product_ids=%s", escaped);
  const char *what = "GET /best_bid_ask";
  g_autoptr(JsonNode) root = call (self, "GET", "/best_bid_ask", query, NULL, PRIVATE, TRUE, c, error);
  JsonArray *books;
  JsonObject *book = NULL;
  JsonArray *bids, *asks;
  g_autoptr(DcaTicker) t = NULL;

  if (root == NULL)
    return NULL;
  books = array_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, "pricebooks");
  if (books == NULL)
    {
      bad_answer (error, what, "pricebooks");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (books); i++)
    {
      JsonNode *n = json_array_get_element (books, i);
      JsonObject *b = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;

      if (g_strcmp0 (string_member (b, "product_id"), id) == 0)
        book = b;
    }
  bids = array_member (book, "bids");
  asks = array_member (book, "asks");
  if (book == NULL || bids == NULL || asks == NULL || json_array_get_length (bids) == 0 ||
      json_array_get_length (asks) == 0)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA, "Coinbase has no order book for %s", id);
      return NULL;
    }
  t = g_new0 (DcaTicker, 1);
  t->product_id = g_strdup (id);
  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (bids, 0)) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (asks, 0)) ||
      !decimal_member (json_array_get_object_element (bids, 0), "price", TRUE, &t->bid, what, error) ||
      !decimal_member (json_array_get_object_element (asks, 0), "price", TRUE, &t->ask, what, error))
    {
      if (error != NULL && *error == NULL)
        bad_answer (error, what, "price");
      return NULL;
    }
  if (dca_decimal_sign (t->bid) <= 0 || dca_decimal_sign (t->ask) <= 0)
    {
      bad_answer (error, what, "price");
      return NULL;
    }
  t->price = dca_decimal_div (dca_decimal_add (t->bid, t->ask), dca_decimal_from_int (2), DCA_ROUND_HALF_EVEN);
  t->time = time_member (book, "time");
  if (t->time == 0)
    t->time = now_seconds (self);
  return g_steal_pointer (&t);
}

/* Without a key: the public ticker, its last trade and best bid and ask. */
static DcaTicker *
op_get_ticker (DcaCoinbaseExchange *self,
               const char          *id,
               GCancellable        *c,
               GError             **error)
{
  g_autofree char *path = g_strdup_printf ("/market/products/%s/ticker", id);
  g_autoptr(JsonNode) root = call (self, "GET", path, "limit=1", NULL, PUBLIC, TRUE, c, error);
  JsonObject *o;
  JsonArray *trades;
  DcaTicker *t;

  if (root == NULL)
    return NULL;
  o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  trades = array_member (o, "trades");
  t = g_new0 (DcaTicker, 1);
  t->product_id = g_strdup (id);
  if (!decimal_member (o, "best_bid", FALSE, &t->bid, path, error) ||
      !decimal_member (o, "best_ask", FALSE, &t->ask, path, error))
    {
      dca_ticker_free (t);
      return NULL;
    }
  if (trades != NULL && json_array_get_length (trades) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (trades, 0)))
    {
      JsonObject *trade = json_array_get_object_element (trades, 0);

      if (!decimal_member (trade, "price", TRUE, &t->price, path, error))
        {
          dca_ticker_free (t);
          return NULL;
        }
      t->time = time_member (trade, "time");
    }
  else if (dca_decimal_sign (t->bid) > 0 && dca_decimal_sign (t->ask) > 0)
    t->price = dca_decimal_div (dca_decimal_add (t->bid, t->ask), dca_decimal_from_int (2), DCA_ROUND_HALF_EVEN);
  if (dca_decimal_sign (t->price) <= 0)
    {
      dca_ticker_free (t);
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA, "Coinbase has no price for %s yet", id);
      return NULL;
    }
  if (t->time == 0)
    t->time = now_seconds (self);
  return t;
}

static GPtrArray *
op_list_balances (DcaCoinbaseExchange *self,
                  GCancellable        *c,
                  GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_balance_free);
  g_autofree char *cursor = NULL;

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *query = g_strdup_printf ("limit=250%s%s", escaped ? "&cursor=" : "", escaped ? escaped : "");
      g_autoptr(JsonNode) root = call (self, "GET", "/accounts", query, NULL, PRIVATE, TRUE, c, error);
      JsonObject *o;
      JsonArray *accounts;

      if (root == NULL)
        return NULL;
      o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      accounts = array_member (o, "accounts");
      if (accounts == NULL)
        {
          bad_answer (error, "GET /accounts", "accounts");
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (accounts); i++)
        {
          JsonNode *n = json_array_get_element (accounts, i);
          JsonObject *a = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          const char *currency = string_member (a, "currency");
          DcaDecimal available, hold;

          if (currency == NULL)
            {
              bad_answer (error, "GET /accounts", "currency");
              return NULL;
            }
          if (!decimal_member (object_member (a, "available_balance"), "value", TRUE, &available,
                               "GET /accounts", error) ||
              !decimal_member (object_member (a, "hold"), "value", FALSE, &hold, "GET /accounts", error))
            return NULL;
          g_ptr_array_add (out, dca_balance_new (currency, available, hold));
        }
      g_clear_pointer (&cursor, g_free);
      if (!bool_member (o, "has_next") || string_member (o, "cursor") == NULL ||
          *string_member (o, "cursor") == '\0')
        break;
      cursor = g_strdup (string_member (o, "cursor"));
    }
  return g_steal_pointer (&out);
}

static DcaExchangeOrder *
op_get_order (DcaCoinbaseExchange *self,
              const char          *order_id,
              const char          *client_order_id,
              GCancellable        *c,
              GError             **error)
{
  g_autofree char *cursor = NULL;

  if (order_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (order_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/orders/historical/%s", escaped);
      g_autoptr(JsonNode) root = call (self, "GET", path, NULL, NULL, PRIVATE, TRUE, c, error);
      JsonObject *o;

      if (root == NULL)
        return NULL;
      o = object_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, "order");
      if (o == NULL)
        {
          bad_answer (error, path, "order");
          return NULL;
        }
      return read_order (o, path, error);
    }

  /* by our client order id: the latest orders, page by page */
  for (guint page = 0; page < 20; page++)
    {
      g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *query = g_strdup_printf ("limit=250%s%s", escaped ? "&cursor=" : "", escaped ? escaped : "");
      g_autoptr(JsonNode) root = call (self, "GET", "/orders/historical/batch", query, NULL, PRIVATE, TRUE, c,
                                       error);
      JsonObject *o;
      JsonArray *orders;

      if (root == NULL)
        return NULL;
      o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      orders = array_member (o, "orders");
      if (orders == NULL)
        {
          bad_answer (error, "GET /orders/historical/batch", "orders");
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (orders); i++)
        {
          JsonNode *n = json_array_get_element (orders, i);
          JsonObject *order = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;

          if (g_strcmp0 (string_member (order, "client_order_id"), client_order_id) == 0)
            return read_order (order, "GET /orders/historical/batch", error);
        }
      g_clear_pointer (&cursor, g_free);
      if (!bool_member (o, "has_next") || string_member (o, "cursor") == NULL ||
          *string_member (o, "cursor") == '\0')
        break;
      cursor = g_strdup (string_member (o, "cursor"));
    }
  g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND,
               "Coinbase has no order with client order id %s", client_order_id);
  return NULL;
}

static GPtrArray *
op_list_fills (DcaCoinbaseExchange *self,
               const char          *order_id,
               GCancellable        *c,
               GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_exchange_fill_free);
  g_autofree char *cursor = NULL;
  g_autofree char *id = g_uri_escape_string (order_id, NULL, FALSE);

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *query = g_strdup_printf ("order_ids=%s&limit=100%s%s", id, escaped ? "&cursor=" : "",
                                                escaped ? escaped : "");
      g_autoptr(JsonNode) root = call (self, "GET", "/orders/historical/fills", query, NULL, PRIVATE, TRUE, c,
                                       error);
      const char *what = "GET /orders/historical/fills";
      JsonObject *o;
      JsonArray *fills;

      if (root == NULL)
        return NULL;
      o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      fills = array_member (o, "fills");
      if (fills == NULL)
        {
          bad_answer (error, what, "fills");
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (fills); i++)
        {
          JsonNode *n = json_array_get_element (fills, i);
          JsonObject *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          g_autoptr(DcaExchangeFill) x = g_new0 (DcaExchangeFill, 1);
          const char *side = string_member (f, "side");
          DcaDecimal size, value;

          x->trade_id = g_strdup (string_member (f, "trade_id") ? string_member (f, "trade_id")
                                                                : string_member (f, "entry_id"));
          x->order_id = g_strdup (string_member (f, "order_id"));
          x->product_id = g_strdup (string_member (f, "product_id"));
          if (x->trade_id == NULL || g_strcmp0 (x->order_id, order_id) != 0)
            {
              bad_answer (error, what, x->trade_id == NULL ? "trade_id" : "order_id");
              return NULL;
            }
          if (side == NULL || (strcmp (side, "BUY") != 0 && strcmp (side, "SELL") != 0))
            {
              bad_answer (error, what, "side");
              return NULL;
            }
          if (!decimal_member (f, "price", TRUE, &x->fill.price, what, error) ||
              !decimal_member (f, "size", TRUE, &size, what, error) ||
              !decimal_member (f, "commission", TRUE, &x->fill.fee, what, error))
            return NULL;
          if (dca_decimal_sign (x->fill.price) <= 0)
            {
              bad_answer (error, what, "price");
              return NULL;
            }
          x->fill.side = strcmp (side, "BUY") == 0 ? DCA_SIDE_BUY : DCA_SIDE_SELL;
          x->fill.kind = DCA_ORDER_KIND_MANUAL;
          x->fill.time = time_member (f, "trade_time");
          x->maker = g_strcmp0 (string_member (f, "liquidity_indicator"), "MAKER") == 0;
          /* size in quote: what the buy cost before fees */
          if (bool_member (f, "size_in_quote"))
            {
              value = size;
              x->fill.base = dca_decimal_div (size, x->fill.price, DCA_ROUND_DOWN);
            }
          else
            {
              x->fill.base = size;
              value = dca_decimal_mul (size, x->fill.price, DCA_ROUND_HALF_EVEN);
            }
          x->fill.quote = x->fill.side == DCA_SIDE_BUY ? dca_decimal_add (value, x->fill.fee)
                                                       : dca_decimal_sub (value, x->fill.fee);
          g_ptr_array_add (out, g_steal_pointer (&x));
        }
      g_clear_pointer (&cursor, g_free);
      if (string_member (o, "cursor") == NULL || *string_member (o, "cursor") == '\0')
        break;
      cursor = g_strdup (string_member (o, "cursor"));
    }
  return g_steal_pointer (&out);
}

static DcaProduct *
cached_product (DcaCoinbaseExchange *self,
                const char          *id,
                GCancellable        *c,
                GError             **error)
{
  DcaProduct *p = g_hash_table_lookup (self->products, id);

  return p ? dca_product_copy (p) : op_get_product (self, id, c, error);
}

static gboolean
check_size (const char *label,
            DcaDecimal  size,
            DcaDecimal  min,
            DcaDecimal  max,
            const char *currency,
            const char *product,
            GError    **error)
{
  g_autofree char *s = dca_decimal_to_string (size);

  if (dca_decimal_sign (size) <= 0)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                   "the %s of the order on %s rounds down to zero", label, product);
      return FALSE;
    }
  if (dca_decimal_sign (min) > 0 && dca_decimal_cmp (size, min) < 0)
    {
      g_autofree char *m = dca_decimal_to_string (min);

      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                   "%s %s is below %s's minimum %s of %s %s", s, currency, product, label, m, currency);
      return FALSE;
    }
  if (dca_decimal_sign (max) > 0 && dca_decimal_cmp (size, max) > 0)
    {
      g_autofree char *m = dca_decimal_to_string (max);

      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER,
                   "%s %s is above %s's maximum %s of %s %s", s, currency, product, label, m, currency);
      return FALSE;
    }
  return TRUE;
}

static DcaExchangeOrder *
op_place_order (DcaCoinbaseExchange   *self,
                const DcaOrderRequest *req,
                GCancellable          *c,
                GError               **error)
{
  g_autoptr(DcaProduct) p = cached_product (self, req->product_id, c, error);
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_autofree char *body = NULL;
  DcaDecimal quote_size = dca_decimal_zero (), base_size = dca_decimal_zero ();

  if (p == NULL)
    return NULL;
  if (p->trading_disabled)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_PRODUCT_UNAVAILABLE,
                   "%s cannot be traded now (%s)", req->product_id, p->status ? p->status : "disabled");
      return NULL;
    }
  /* sizes rounded down to the increments and checked before sending */
  if (req->type == DCA_ORDER_TYPE_MARKET && req->side == DCA_SIDE_BUY)
    {
      quote_size = dca_decimal_round_to (req->quote_size, p->quote_increment, DCA_ROUND_DOWN);
      if (!check_size ("order size", quote_size, p->quote_min_size, p->quote_max_size, p->quote_currency,
                       p->product_id, error))
        return NULL;
    }
  else
    {
      base_size = dca_decimal_round_to (req->base_size, p->base_increment, DCA_ROUND_DOWN);
      if (!check_size ("size", base_size, p->base_min_size, p->base_max_size, p->base_currency,
                       p->product_id, error))
        return NULL;
    }

  dca_json_begin_object (w);
  dca_json_member_string (w, "client_order_id", req->client_order_id);
  dca_json_member_string (w, "product_id", req->product_id);
  dca_json_member_string (w, "side", req->side == DCA_SIDE_BUY ? "BUY" : "SELL");
  dca_json_key (w, "order_configuration");
  dca_json_begin_object (w);
  if (req->type == DCA_ORDER_TYPE_MARKET)
    {
      dca_json_key (w, "market_market_ioc");
      dca_json_begin_object (w);
      if (req->side == DCA_SIDE_BUY)
        dca_json_member_decimal_string (w, "quote_size", quote_size);
      else
        dca_json_member_decimal_string (w, "base_size", base_size);
      dca_json_end_object (w);
    }
  else
    {
      dca_json_key (w, "limit_limit_gtc");
      dca_json_begin_object (w);
      dca_json_member_decimal_string (w, "base_size", base_size);
      dca_json_member_decimal_string (w, "limit_price",
                                      dca_decimal_round_to (req->limit_price, p->price_increment, DCA_ROUND_DOWN));
      dca_json_member_bool (w, "post_only", req->post_only);
      dca_json_end_object (w);
    }
  dca_json_end_object (w);
  dca_json_end_object (w);
  body = dca_json_writer_steal (w);

  for (guint attempt = 1; attempt <= MAX (self->settings.max_attempts, 1); attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *o, *ok, *fail;
      const char *order_id;

      /* after a failure whose outcome is unknown: does Coinbase have it? */
      if (attempt > 1)
        {
          g_autoptr(GError) lookup_error = NULL;
          DcaExchangeOrder *found = op_get_order (self, NULL, req->client_order_id, c, &lookup_error);

          if (found != NULL)
            return found;
          if (!g_error_matches (lookup_error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&lookup_error));
              return NULL;
            }
        }

      root = call (self, "POST", "/orders", NULL, body, PRIVATE, FALSE, c, &local_error);
      if (root == NULL)
        {
          if (dca_exchange_error_is_transient (local_error) && attempt < self->settings.max_attempts)
            {
              gint64 wait = dca_exchange_error_get_retry_after (local_error) * 1000;

              if (!pause_for (wait > 0 ? wait : backoff_us (self, attempt), c))
                break;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      ok = object_member (o, "success_response");
      fail = object_member (o, "error_response");
      if (!bool_member (o, "success") || ok == NULL)
        {
          const char *err = string_member (fail, "error");
          const char *msg = string_member (fail, "message");
          const char *preview = string_member (fail, "preview_failure_reason");
          gboolean funds = (err && strstr (err, "INSUFFICIENT_FUND")) || (preview && strstr (preview, "INSUFFICIENT_FUND"));

          g_set_error (error, DCA_EXCHANGE_ERROR,
                       funds ? DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS : DCA_EXCHANGE_ERROR_INVALID_ORDER,
                       "Coinbase refused the order on %s: %s%s%s", req->product_id,
                       msg ? msg : (err ? err : "no reason given"),
                       preview ? ", " : "", preview ? preview : "");
          return NULL;
        }
      order_id = string_member (ok, "order_id");
      if (order_id == NULL)
        {
          bad_answer (error, "POST /orders", "order_id");
          return NULL;
        }
      {
        g_autoptr(GError) get_error = NULL;
        DcaExchangeOrder *full = op_get_order (self, order_id, NULL, c, &get_error);

        if (full != NULL)
          return full;
        /* accepted: say so even if its details could not be read yet */
        full = g_new0 (DcaExchangeOrder, 1);
        full->order_id = g_strdup (order_id);
        full->client_order_id = g_strdup (req->client_order_id);
        full->product_id = g_strdup (req->product_id);
        full->side = req->side;
        full->type = req->type;
        full->status = DCA_ORDER_STATUS_OPEN;
        full->quote_size = quote_size;
        full->base_size = base_size;
        return full;
      }
    }
  if (!g_cancellable_set_error_if_cancelled (c, error))
    g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NETWORK,
                 "Coinbase could not be reached to place the order on %s", req->product_id);
  return NULL;
}

static char **
op_cancel_orders (DcaCoinbaseExchange *self,
                  const char * const  *ids,
                  GCancellable        *c,
                  GError             **error)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  JsonArray *results;

  dca_json_begin_object (w);
  dca_json_key (w, "order_ids");
  dca_json_begin_array (w);
  for (guint i = 0; ids && ids[i]; i++)
    dca_json_string (w, ids[i]);
  dca_json_end_array (w);
  dca_json_end_object (w);
  body = dca_json_writer_steal (w);
  /* cancelling twice is harmless: safe to retry */
  root = call (self, "POST", "/orders/batch_cancel", NULL, body, PRIVATE, TRUE, c, error);
  if (root == NULL)
    return NULL;
  results = array_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, "results");
  if (results == NULL)
    {
      bad_answer (error, "POST /orders/batch_cancel", "results");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *n = json_array_get_element (results, i);
      JsonObject *r = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;

      if (bool_member (r, "success") && string_member (r, "order_id"))
        g_ptr_array_add (done, g_strdup (string_member (r, "order_id")));
    }
  g_ptr_array_add (done, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&done), FALSE);
}

/* ---- the I/O thread and the async interface ----------------------------- */

typedef enum
{
  OP_LIST_PRODUCTS,
  OP_GET_PRODUCT,
  OP_GET_CANDLES,
  OP_GET_TICKER,
  OP_LIST_BALANCES,
  OP_PLACE_ORDER,
  OP_GET_ORDER,
  OP_LIST_FILLS,
  OP_CANCEL_ORDERS,
  OP_TEST_CONNECTION,
} OpKind;

typedef struct
{
  OpKind        kind;
  char         *product_id;
  char         *order_id;
  char         *client_order_id;
  char        **ids;
  DcaTimeframe  tf;
  gint64        start, end;
  DcaOrderRequest request;
} Op;

static void
op_free (Op *op)
{
  g_free (op->product_id);
  g_free (op->order_id);
  g_free (op->client_order_id);
  g_strfreev (op->ids);
  g_free ((char *) op->request.client_order_id);
  g_free ((char *) op->request.product_id);
  g_free (op);
}

static void
ensure_session (DcaCoinbaseExchange *self)
{
  if (self->session != NULL)
    return;
  self->session = soup_session_new_with_options ("timeout", self->settings.timeout_seconds,
                                                 "user-agent", "DCA Desk/" PACKAGE_VERSION, NULL);
}

static void
run_op (gpointer data,
        gpointer user_data)
{
  GTask *task = data;
  DcaCoinbaseExchange *self = user_data;
  Op *op;

  /* the last job: the session ends on the thread that used it */
  if (data == (gpointer) self)
    {
      g_clear_object (&self->session);
      return;
    }
  op = g_task_get_task_data (task);
  GCancellable *c = g_task_get_cancellable (task);
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = NULL;

  ensure_session (self);
  switch (op->kind)
    {
    case OP_LIST_PRODUCTS:
      result = op_list_products (self, c, &error);
      free_func = (GDestroyNotify) g_ptr_array_unref;
      break;
    case OP_GET_PRODUCT:
      result = op_get_product (self, op->product_id, c, &error);
      free_func = (GDestroyNotify) dca_product_free;
      break;
    case OP_GET_CANDLES:
      result = op_get_candles (self, op->product_id, op->tf, op->start, op->end, c, &error);
      free_func = (GDestroyNotify) dca_candle_series_free;
      break;
    case OP_GET_TICKER:
      result = self->key ? op_best_bid_ask (self, op->product_id, c, &error)
                         : op_get_ticker (self, op->product_id, c, &error);
      free_func = (GDestroyNotify) dca_ticker_free;
      break;
    case OP_LIST_BALANCES:
      result = op_list_balances (self, c, &error);
      free_func = (GDestroyNotify) g_ptr_array_unref;
      break;
    case OP_PLACE_ORDER:
      result = op_place_order (self, &op->request, c, &error);
      free_func = (GDestroyNotify) dca_exchange_order_free;
      break;
    case OP_GET_ORDER:
      result = op_get_order (self, op->order_id, op->client_order_id, c, &error);
      free_func = (GDestroyNotify) dca_exchange_order_free;
      break;
    case OP_LIST_FILLS:
      result = op_list_fills (self, op->order_id, c, &error);
      free_func = (GDestroyNotify) g_ptr_array_unref;
      break;
    case OP_CANCEL_ORDERS:
      result = op_cancel_orders (self, (const char * const *) op->ids, c, &error);
      free_func = (GDestroyNotify) g_strfreev;
      break;
    case OP_TEST_CONNECTION:
      {
        g_autoptr(GPtrArray) accounts = op_list_balances (self, c, &error);

        if (accounts != NULL)
          result = g_strdup_printf ("Connected to Coinbase: the key can read %u accounts", accounts->len);
        free_func = g_free;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (result != NULL)
    g_task_return_pointer (task, result, free_func);
  else
    g_task_return_error (task, error ? error
                                     : g_error_new (DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_FAILED, "no result"));
  g_object_unref (task);
}

static void
submit (DcaCoinbaseExchange *self,
        Op                  *op,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_thread_pool_push (self->io, task, NULL);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

static gpointer
cb_finish (DcaExchange  *exchange,
           GAsyncResult *result,
           GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
cb_get_id (DcaExchange *exchange)
{
  return "coinbase";
}

static gint64
cb_get_time (DcaExchange *exchange)
{
  return now_seconds (DCA_COINBASE_EXCHANGE (exchange));
}

static void
cb_list_products (DcaExchange *x, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  submit (DCA_COINBASE_EXCHANGE (x), op_new (OP_LIST_PRODUCTS), c, cb, ud);
}

static void
cb_get_product (DcaExchange *x, const char *id, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  Op *op = op_new (OP_GET_PRODUCT);

  op->product_id = g_strdup (id);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_get_candles (DcaExchange *x, const char *id, DcaTimeframe tf, gint64 start, gint64 end,
                GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  Op *op = op_new (OP_GET_CANDLES);

  op->product_id = g_strdup (id);
  op->tf = tf;
  op->start = start;
  op->end = end;
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_get_ticker (DcaExchange *x, const char *id, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  Op *op = op_new (OP_GET_TICKER);

  op->product_id = g_strdup (id);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_list_balances (DcaExchange *x, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  submit (DCA_COINBASE_EXCHANGE (x), op_new (OP_LIST_BALANCES), c, cb, ud);
}

static void
cb_place_order (DcaExchange *x, const DcaOrderRequest *req, GCancellable *c, GAsyncReadyCallback cb,
                gpointer ud)
{
  Op *op = op_new (OP_PLACE_ORDER);

  op->request = *req;
  op->request.client_order_id = g_strdup (req->client_order_id);
  op->request.product_id = g_strdup (req->product_id);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_get_order (DcaExchange *x, const char *order_id, const char *client_order_id, GCancellable *c,
              GAsyncReadyCallback cb, gpointer ud)
{
  Op *op = op_new (OP_GET_ORDER);

  op->order_id = g_strdup (order_id);
  op->client_order_id = g_strdup (client_order_id);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_list_fills (DcaExchange *x, const char *order_id, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  Op *op = op_new (OP_LIST_FILLS);

  op->order_id = g_strdup (order_id);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

static void
cb_cancel_orders (DcaExchange *x, const char * const *ids, GCancellable *c, GAsyncReadyCallback cb,
                  gpointer ud)
{
  Op *op = op_new (OP_CANCEL_ORDERS);

  op->ids = g_strdupv ((char **) ids);
  submit (DCA_COINBASE_EXCHANGE (x), op, c, cb, ud);
}

void
dca_coinbase_exchange_test_connection (DcaCoinbaseExchange *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  submit (self, op_new (OP_TEST_CONNECTION), cancellable, callback, user_data);
}

char *
dca_coinbase_exchange_test_connection_finish (DcaCoinbaseExchange *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dca_coinbase_exchange_iface_init (DcaExchangeInterface *iface)
{
  iface->get_id = cb_get_id;
  iface->get_time = cb_get_time;
  iface->list_products = cb_list_products;
  iface->list_products_finish = (gpointer) cb_finish;
  iface->get_product = cb_get_product;
  iface->get_product_finish = (gpointer) cb_finish;
  iface->get_candles = cb_get_candles;
  iface->get_candles_finish = (gpointer) cb_finish;
  iface->get_ticker = cb_get_ticker;
  iface->get_ticker_finish = (gpointer) cb_finish;
  iface->list_balances = cb_list_balances;
  iface->list_balances_finish = (gpointer) cb_finish;
  iface->place_order = cb_place_order;
  iface->place_order_finish = (gpointer) cb_finish;
  iface->get_order = cb_get_order;
  iface->get_order_finish = (gpointer) cb_finish;
  iface->list_fills = cb_list_fills;
  iface->list_fills_finish = (gpointer) cb_finish;
  iface->cancel_orders = cb_cancel_orders;
  iface->cancel_orders_finish = (gpointer) cb_finish;
}

/* ---- life --------------------------------------------------------------- */

DcaCoinbaseExchange *
dca_coinbase_exchange_new (const DcaCoinbaseSettings *settings,
                           DcaCoinbaseKey            *key)
{
  DcaCoinbaseExchange *self = g_object_new (DCA_TYPE_COINBASE_EXCHANGE, NULL);
  const char *env = g_getenv ("DCADESK_COINBASE_URL");
  g_autoptr(GUri) uri = NULL;

  if (settings != NULL)
    self->settings = *settings;
  else
    dca_coinbase_settings_init (&self->settings);
  self->settings.base_url = g_strdup (settings && settings->base_url ? settings->base_url
                                      : env && *env ? env : DCA_COINBASE_DEFAULT_URL);
  /* no trailing slash: paths are appended */
  while (g_str_has_suffix (self->settings.base_url, "/"))
    self->settings.base_url[strlen (self->settings.base_url) - 1] = '\0';
  self->key = key;
  uri = g_uri_parse (self->settings.base_url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      self->host = g_uri_get_port (uri) > 0 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
                                            : g_strdup (g_uri_get_host (uri));
      self->base_path = g_strdup (g_uri_get_path (uri));
    }
  else
    {
      self->host = g_strdup ("");
      self->base_path = g_strdup ("");
    }
  dca_rate_limiter_init (&self->private_limit, self->settings.private_rate, self->settings.private_rate);
  dca_rate_limiter_init (&self->public_limit, self->settings.public_rate, self->settings.public_rate);
  self->io = g_thread_pool_new (run_op, self, 1, TRUE, NULL);
  return self;
}

static void
dca_coinbase_exchange_finalize (GObject *object)
{
  DcaCoinbaseExchange *self = DCA_COINBASE_EXCHANGE (object);

  /* the queued calls hold references to us: none is left here */
  g_thread_pool_push (self->io, self, NULL);
  g_thread_pool_free (self->io, FALSE, TRUE);
  g_clear_pointer (&self->products, g_hash_table_unref);
  g_clear_pointer (&self->key, dca_coinbase_key_free);
  g_free (self->host);
  g_free (self->base_path);
  dca_coinbase_settings_clear (&self->settings);
  G_OBJECT_CLASS (dca_coinbase_exchange_parent_class)->finalize (object);
}

static void
dca_coinbase_exchange_class_init (DcaCoinbaseExchangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_coinbase_exchange_finalize;
}

static void
dca_coinbase_exchange_init (DcaCoinbaseExchange *self)
{
  self->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dca_product_free);
}
