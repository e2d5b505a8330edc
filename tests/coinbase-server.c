/* coinbase-server.c: a Coinbase Advanced Trade look-alike for the tests */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "coinbase-server.h"
#include "dca-candles.h"
#include "dca-json.h"

#define FEE_RATE "0.006"

typedef struct
{
  char      *method;
  char      *prefix;
  FaultKind  kind;
  guint      count;
} Fault;

typedef struct
{
  char       *order_id;
  char       *client_order_id;
  char       *product_id;
  gboolean    buy;
  DcaDecimal  size;       /* quote for market buys, base otherwise */
  DcaDecimal  base;
  DcaDecimal  value;
  DcaDecimal  fee;
  DcaDecimal  price;
  gint64      time;
  gboolean    limit;
  gboolean    post_only;
  DcaDecimal  limit_price;
  const char *status;     /* "FILLED", "OPEN", "CANCELLED" */
} Order;

struct _FakeCoinbase
{
  SoupServer      *server;
  char            *url;
  TestKey         *key;
  char            *product_id;
  DcaCandleSeries *candles;
  gint64           now;
  gboolean         wall_clock;
  GHashTable      *balances;  /* currency -> DcaDecimal* */
  GPtrArray       *orders;    /* Order*, oldest first */
  GPtrArray       *faults;
  GHashTable      *requests;  /* path -> count */
  GPtrArray       *tokens;
  guint            page_size;
  guint            duplicates;
  guint            bad_jwts;
};

static void
order_free (Order *o)
{
  g_free (o->order_id);
  g_free (o->client_order_id);
  g_free (o->product_id);
  g_free (o);
}

static void
fault_free (Fault *f)
{
  g_free (f->method);
  g_free (f->prefix);
  g_free (f);
}

static DcaDecimal
D (const char *s)
{
  DcaDecimal d = dca_decimal_zero ();

  dca_decimal_parse_rounded (s, &d, NULL);
  return d;
}

static DcaDecimal *
balance (FakeCoinbase *self,
         const char   *currency)
{
  DcaDecimal *b = g_hash_table_lookup (self->balances, currency);

  if (b == NULL)
    {
      b = g_new0 (DcaDecimal, 1);
      g_hash_table_insert (self->balances, g_strdup (currency), b);
    }
  return b;
}

/* the latest candle closed at the clock */
static const DcaCandle *
latest (FakeCoinbase *self)
{
  const DcaCandle *best = NULL;

  for (gsize i = 0; i < self->candles->len; i++)
    if (self->candles->candles[i].time + self->candles->granularity <= self->now)
      best = &self->candles->candles[i];
  return best;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
reply_writer (SoupServerMessage *msg,
              DcaJsonWriter     *w)
{
  g_autofree char *body = dca_json_writer_steal (w);

  reply (msg, 200, body);
}

static char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format_iso8601 (dt);
}

/* ---- JWT ---------------------------------------------------------------- */

static gboolean
check_jwt (FakeCoinbase      *self,
           SoupServerMessage *msg,
           const char        *path)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *header = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *why = NULL;
  g_autoptr(JsonNode) h = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autofree char *uri = NULL;
  GUri *u = soup_server_message_get_uri (msg);
  JsonObject *ho, *co;

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer "))
    return FALSE;
  g_ptr_array_add (self->tokens, g_strdup (auth));
  if (!test_jwt_verify (self->key, auth + 7, &header, &claims, &why))
    return FALSE;
  h = dca_json_parse (header, -1, NULL);
  c = dca_json_parse (claims, -1, NULL);
  if (h == NULL || c == NULL)
    return FALSE;
  ho = json_node_get_object (h);
  co = json_node_get_object (c);
  uri = g_strdup_printf ("%s %s:%d%s", soup_server_message_get_method (msg), g_uri_get_host (u),
                         g_uri_get_port (u), path);
  return g_strcmp0 (json_object_get_string_member_with_default (ho, "kid", ""), self->key->name) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (co, "sub", ""), self->key->name) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (co, "iss", ""), "cdp") == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (co, "uri", ""), uri) == 0 &&
         json_object_get_int_member_with_default (co, "exp", 0) -
           json_object_get_int_member_with_default (co, "nbf", 0) == 120 &&
         strlen (json_object_get_string_member_with_default (ho, "nonce", "")) >= 16;
}

/* ---- endpoints ---------------------------------------------------------- */

static void
write_product (FakeCoinbase  *self,
               DcaJsonWriter *w,
               const char    *id,
               gboolean       disabled)
{
  const DcaCandle *c = latest (self);
  g_autofree char *price = c ? dca_decimal_to_string (c->close_exact) : g_strdup ("");

  dca_json_begin_object (w);
  dca_json_member_string (w, "product_id", id);
  dca_json_member_string (w, "price", price);
  dca_json_member_string (w, "base_increment", "0.00000001");
  dca_json_member_string (w, "quote_increment", "0.00000001");
  dca_json_member_string (w, "price_increment", "0.00000001");
  dca_json_member_string (w, "base_min_size", "0.001");
  dca_json_member_string (w, "base_max_size", "10000");
  dca_json_member_string (w, "quote_min_size", "0.0001");
  dca_json_member_string (w, "quote_max_size", "100");
  dca_json_member_string (w, "status", disabled ? "delisted" : "online");
  dca_json_member_bool (w, "trading_disabled", disabled);
  dca_json_end_object (w);
}

static void
write_order (FakeCoinbase  *self,
             DcaJsonWriter *w,
             Order         *o)
{
  g_autofree char *created = iso_time (o->time);
  DcaDecimal avg = o->price;

  dca_json_begin_object (w);
  dca_json_member_string (w, "order_id", o->order_id);
  dca_json_member_string (w, "client_order_id", o->client_order_id);
  dca_json_member_string (w, "product_id", o->product_id);
  dca_json_member_string (w, "side", o->buy ? "BUY" : "SELL");
  dca_json_member_string (w, "status", o->status);
  dca_json_key (w, "order_configuration");
  dca_json_begin_object (w);
  if (o->limit)
    {
      dca_json_key (w, "limit_limit_gtc");
      dca_json_begin_object (w);
      dca_json_member_decimal_string (w, "base_size", o->size);
      dca_json_member_decimal_string (w, "limit_price", o->limit_price);
      dca_json_member_bool (w, "post_only", o->post_only);
      dca_json_end_object (w);
    }
  else
    {
      dca_json_key (w, "market_market_ioc");
      dca_json_begin_object (w);
      if (o->buy)
        dca_json_member_decimal_string (w, "quote_size", o->size);
      else
        dca_json_member_decimal_string (w, "base_size", o->size);
      dca_json_end_object (w);
    }
  dca_json_end_object (w);
  dca_json_member_decimal_string (w, "filled_size", o->base);
  dca_json_member_decimal_string (w, "filled_value", o->value);
  dca_json_member_decimal_string (w, "total_fees", o->fee);
  dca_json_member_decimal_string (w, "average_filled_price", avg);
  dca_json_member_string (w, "created_time", created);
  dca_json_end_object (w);
}

static Order *
find_order (FakeCoinbase *self,
            const char   *order_id,
            const char   *client_order_id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      Order *o = g_ptr_array_index (self->orders, i);

      if ((order_id && strcmp (o->order_id, order_id) == 0) ||
          (client_order_id && strcmp (o->client_order_id, client_order_id) == 0))
        return o;
    }
  return NULL;
}

/* A market order, filled at once at the latest close with a 0.6 % fee. */
static void
create_order (FakeCoinbase      *self,
              SoupServerMessage *msg,
              JsonObject        *body,
              gboolean           lose_answer)
{
  const char *client_id = json_object_get_string_member_with_default (body, "client_order_id", NULL);
  const char *product = json_object_get_string_member_with_default (body, "product_id", NULL);
  const char *side = json_object_get_string_member_with_default (body, "side", NULL);
  JsonObject *config = json_object_get_object_member (body, "order_configuration");
  JsonObject *market = config && json_object_has_member (config, "market_market_ioc")
                         ? json_object_get_object_member (config, "market_market_ioc") : NULL;
  JsonObject *limit = config && json_object_has_member (config, "limit_limit_gtc")
                        ? json_object_get_object_member (config, "limit_limit_gtc") : NULL;
  const DcaCandle *c = latest (self);
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_auto(GStrv) currencies = NULL;
  Order *existing, *o;
  DcaDecimal rate = D (FEE_RATE);

  if (client_id == NULL || product == NULL || side == NULL || (market == NULL && limit == NULL) || c == NULL)
    {
      reply (msg, 400, "{\"error\": \"INVALID_ARGUMENT\", \"message\": \"bad order\"}");
      return;
    }
  existing = find_order (self, NULL, client_id);
  if (existing != NULL)
    {
      /* as Coinbase does: the order with this id, not a new one */
      self->duplicates++;
      dca_json_begin_object (w);
      dca_json_member_bool (w, "success", TRUE);
      dca_json_key (w, "success_response");
      dca_json_begin_object (w);
      dca_json_member_string (w, "order_id", existing->order_id);
      dca_json_member_string (w, "client_order_id", client_id);
      dca_json_end_object (w);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  currencies = g_strsplit (product, "-", 2);
  o = g_new0 (Order, 1);
  o->order_id = g_strdup_printf ("cb-%u", self->orders->len + 1);
  o->client_order_id = g_strdup (client_id);
  o->product_id = g_strdup (product);
  o->buy = strcmp (side, "BUY") == 0;
  o->price = c->close_exact;
  o->time = self->now;
  o->status = "FILLED";
  if (limit != NULL)
    {
      /* a resting order: nothing fills here */
      o->limit = TRUE;
      o->status = "OPEN";
      o->size = D (json_object_get_string_member_with_default (limit, "base_size", "0"));
      o->limit_price = D (json_object_get_string_member_with_default (limit, "limit_price", "0"));
      o->post_only = json_object_get_boolean_member_with_default (limit, "post_only", FALSE);
      o->price = dca_decimal_zero ();
    }
  else if (o->buy)
    {
      o->size = D (json_object_get_string_member_with_default (market, "quote_size", "0"));
      o->fee = dca_decimal_mul (o->size, rate, DCA_ROUND_HALF_EVEN);
      o->value = dca_decimal_sub (o->size, o->fee);
      o->base = dca_decimal_round_to (dca_decimal_div (o->value, o->price, DCA_ROUND_DOWN),
                                      dca_decimal_from_units (1, 8), DCA_ROUND_DOWN);
      if (dca_decimal_cmp (*balance (self, currencies[1]), o->size) < 0)
        {
          order_free (o);
          reply (msg, 200, "{\"success\": false, \"error_response\": {\"error\": \"INSUFFICIENT_FUND\","
                           " \"message\": \"Insufficient balance in source account\","
                           " \"preview_failure_reason\": \"PREVIEW_INSUFFICIENT_FUND\"}}");
          return;
        }
      *balance (self, currencies[1]) = dca_decimal_sub (*balance (self, currencies[1]), o->size);
      *balance (self, currencies[0]) = dca_decimal_add (*balance (self, currencies[0]), o->base);
    }
  else
    {
      o->size = D (json_object_get_string_member_with_default (market, "base_size", "0"));
      o->base = o->size;
      o->value = dca_decimal_mul (o->base, o->price, DCA_ROUND_HALF_EVEN);
      o->fee = dca_decimal_mul (o->value, rate, DCA_ROUND_HALF_EVEN);
      *balance (self, currencies[0]) = dca_decimal_sub (*balance (self, currencies[0]), o->base);
      *balance (self, currencies[1]) = dca_decimal_add (*balance (self, currencies[1]),
                                                        dca_decimal_sub (o->value, o->fee));
    }
  g_ptr_array_add (self->orders, o);
  if (lose_answer)
    {
      reply (msg, 500, "{\"error\": \"INTERNAL\", \"message\": \"the answer was lost\"}");
      return;
    }
  dca_json_begin_object (w);
  dca_json_member_bool (w, "success", TRUE);
  dca_json_key (w, "success_response");
  dca_json_begin_object (w);
  dca_json_member_string (w, "order_id", o->order_id);
  dca_json_member_string (w, "product_id", product);
  dca_json_member_string (w, "side", side);
  dca_json_member_string (w, "client_order_id", client_id);
  dca_json_end_object (w);
  dca_json_end_object (w);
  reply_writer (msg, w);
}

static guint
page_start (GHashTable *query)
{
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;

  return cursor ? (guint) g_ascii_strtoull (cursor, NULL, 10) : 0;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *full_path,
        GHashTable        *query,
        gpointer           data)
{
  FakeCoinbase *self = data;
  const char *method = soup_server_message_get_method (msg);
  const char *path = full_path + strlen ("/api/v3/brokerage");
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  gboolean lose_answer = FALSE;
  gboolean wrong_type = FALSE;
  gboolean public = g_str_has_prefix (path, "/market/");

  if (self->wall_clock)
    self->now = g_get_real_time () / G_USEC_PER_SEC;
  g_hash_table_replace (self->requests, g_strdup (path),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, path)) + 1));

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *f = g_ptr_array_index (self->faults, i);

      if (f->count == 0 || !g_str_has_prefix (path, f->prefix) || (f->method && strcmp (f->method, method) != 0))
        continue;
      f->count--;
      switch (f->kind)
        {
        case FAULT_429:
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
          reply (msg, 429, "{\"error\": \"RATE_LIMITED\", \"message\": \"Too many requests\"}");
          return;
        case FAULT_500:
          reply (msg, 500, "{\"error\": \"INTERNAL\", \"message\": \"internal error\"}");
          return;
        case FAULT_SLOW:
          g_usleep (3 * G_USEC_PER_SEC);
          reply (msg, 200, "{}");
          return;
        case FAULT_MALFORMED:
          reply (msg, 200, "<html>Bad gateway</html>");
          return;
        case FAULT_TRUNCATED:
          reply (msg, 200, "{\"accounts\": [{\"currency\": \"BTC\", \"available_bal");
          return;
        case FAULT_WRONG_TYPE:
          wrong_type = TRUE;
          break;
        case FAULT_LOSE_ANSWER:
          lose_answer = TRUE;
          break;
        case FAULT_CLOCK_SKEW:
          {
            g_autoptr(GDateTime) ahead = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 600);
            g_autofree char *date = soup_date_time_to_string (ahead, SOUP_DATE_HTTP);

            soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
            reply (msg, 401, "{\"error\": \"UNAUTHENTICATED\", \"message\": \"jwt expired\"}");
            return;
          }
        case FAULT_FORBIDDEN:
          reply (msg, 403, "{\"error\": \"PERMISSION_DENIED\", \"message\": \"Missing required scopes\"}");
          return;
        default:
          break;
        }
      break;
    }

  if (!public && !check_jwt (self, msg, full_path))
    {
      self->bad_jwts++;
      reply (msg, 401, "{\"error\": \"UNAUTHENTICATED\", \"message\": \"invalid JWT\"}");
      return;
    }

  if (strcmp (method, "GET") == 0 && (strcmp (path, "/products") == 0 || strcmp (path, "/market/products") == 0))
    {
      dca_json_begin_object (w);
      dca_json_key (w, "products");
      dca_json_begin_array (w);
      write_product (self, w, self->product_id, FALSE);
      write_product (self, w, "DEAD-BTC", TRUE);
      dca_json_end_array (w);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && (g_str_has_suffix (path, "/candles")))
    {
      gint64 start = g_ascii_strtoll (g_hash_table_lookup (query, "start"), NULL, 10);
      gint64 end = g_ascii_strtoll (g_hash_table_lookup (query, "end"), NULL, 10);
      guint n = 0;

      dca_json_begin_object (w);
      dca_json_key (w, "candles");
      dca_json_begin_array (w);
      /* newest first, at most 350, the one still forming included */
      for (gsize i = self->candles->len; i-- > 0 && n < 350;)
        {
          const DcaCandle *c = &self->candles->candles[i];
          g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, c->time);
          char buf[64];

          if (c->time < start || c->time > end || c->time > self->now)
            continue;
          n++;
          dca_json_begin_object (w);
          dca_json_member_string (w, "start", t);
#define PRICE(key, v) dca_json_member_string (w, key, dca_double_format_shortest (buf, sizeof buf, v))
          PRICE ("low", c->low);
          PRICE ("high", c->high);
          PRICE ("open", c->open);
          dca_json_member_decimal_string (w, "close", c->close_exact);
          PRICE ("volume", c->volume);
#undef PRICE
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && strcmp (path, "/best_bid_ask") == 0)
    {
      const DcaCandle *c = latest (self);
      const char *ids = query ? g_hash_table_lookup (query, "product_ids") : NULL;

      dca_json_begin_object (w);
      dca_json_key (w, "pricebooks");
      dca_json_begin_array (w);
      if (c != NULL && g_strcmp0 (ids, self->product_id) == 0)
        {
          g_autofree char *t = iso_time (self->now);

          dca_json_begin_object (w);
          dca_json_member_string (w, "product_id", self->product_id);
          dca_json_key (w, "bids");
          dca_json_begin_array (w);
          dca_json_begin_object (w);
          dca_json_member_decimal_string (w, "price", c->close_exact);
          dca_json_member_string (w, "size", "10");
          dca_json_end_object (w);
          dca_json_end_array (w);
          dca_json_key (w, "asks");
          dca_json_begin_array (w);
          dca_json_begin_object (w);
          dca_json_member_decimal_string (w, "price", c->close_exact);
          dca_json_member_string (w, "size", "10");
          dca_json_end_object (w);
          dca_json_end_array (w);
          dca_json_member_string (w, "time", t);
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && g_str_has_prefix (path, "/market/products/") && g_str_has_suffix (path, "/ticker"))
    {
      const DcaCandle *c = latest (self);
      g_autofree char *t = c ? iso_time (c->time + self->candles->granularity) : NULL;

      if (c == NULL)
        {
          reply (msg, 200, "{\"trades\": [], \"best_bid\": \"\", \"best_ask\": \"\"}");
          return;
        }
      dca_json_begin_object (w);
      dca_json_key (w, "trades");
      dca_json_begin_array (w);
      dca_json_begin_object (w);
      dca_json_member_string (w, "trade_id", "t");
      dca_json_member_decimal_string (w, "price", c->close_exact);
      dca_json_member_string (w, "time", t);
      dca_json_end_object (w);
      dca_json_end_array (w);
      dca_json_member_decimal_string (w, "best_bid", c->close_exact);
      dca_json_member_decimal_string (w, "best_ask", c->close_exact);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 &&
      (g_str_has_prefix (path, "/products/") || g_str_has_prefix (path, "/market/products/")))
    {
      const char *id = path + strlen (public ? "/market/products/" : "/products/");

      if (strcmp (id, self->product_id) != 0 && strcmp (id, "DEAD-BTC") != 0)
        {
          reply (msg, 404, "{\"error\": \"NOT_FOUND\", \"message\": \"product not found\"}");
          return;
        }
      write_product (self, w, id, strcmp (id, "DEAD-BTC") == 0);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && strcmp (path, "/accounts") == 0)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (self->balances), (GCompareFunc) strcmp);
      guint from = page_start (query), i = 0, n = 0;

      dca_json_begin_object (w);
      dca_json_key (w, "accounts");
      dca_json_begin_array (w);
      for (GList *k = keys; k; k = k->next, i++)
        {
          if (i < from || n >= self->page_size)
            continue;
          n++;
          dca_json_begin_object (w);
          dca_json_member_string (w, "currency", k->data);
          dca_json_key (w, "available_balance");
          dca_json_begin_object (w);
          if (wrong_type)
            dca_json_member_decimal_number (w, "value", *balance (self, k->data));
          else
            dca_json_member_decimal_string (w, "value", *balance (self, k->data));
          dca_json_member_string (w, "currency", k->data);
          dca_json_end_object (w);
          dca_json_key (w, "hold");
          dca_json_begin_object (w);
          dca_json_member_string (w, "value", "0");
          dca_json_end_object (w);
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      dca_json_member_bool (w, "has_next", from + n < i);
      {
        g_autofree char *next = g_strdup_printf ("%u", from + n);

        dca_json_member_string (w, "cursor", from + n < i ? next : "");
      }
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "POST") == 0 && strcmp (path, "/orders") == 0)
    {
      SoupMessageBody *b = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (b);
      g_autoptr(JsonNode) body = dca_json_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL);

      if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        {
          reply (msg, 400, "{\"error\": \"INVALID_ARGUMENT\", \"message\": \"not JSON\"}");
          return;
        }
      create_order (self, msg, json_node_get_object (body), lose_answer);
      return;
    }
  if (strcmp (method, "GET") == 0 && strcmp (path, "/orders/historical/batch") == 0)
    {
      guint from = page_start (query), n = 0, total = self->orders->len;

      dca_json_begin_object (w);
      dca_json_key (w, "orders");
      dca_json_begin_array (w);
      /* newest first */
      for (guint i = from; i < total && n < self->page_size; i++, n++)
        write_order (self, w, g_ptr_array_index (self->orders, total - 1 - i));
      dca_json_end_array (w);
      dca_json_member_bool (w, "has_next", from + n < total);
      {
        g_autofree char *next = g_strdup_printf ("%u", from + n);

        dca_json_member_string (w, "cursor", from + n < total ? next : "");
      }
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && strcmp (path, "/orders/historical/fills") == 0)
    {
      const char *id = query ? g_hash_table_lookup (query, "order_ids") : NULL;
      Order *o = id ? find_order (self, id, NULL) : NULL;

      dca_json_begin_object (w);
      dca_json_key (w, "fills");
      dca_json_begin_array (w);
      if (o != NULL && !o->limit)
        {
          g_autofree char *t = iso_time (o->time);
          g_autofree char *trade = g_strdup_printf ("%s-t1", o->order_id);

          dca_json_begin_object (w);
          dca_json_member_string (w, "entry_id", trade);
          dca_json_member_string (w, "trade_id", trade);
          dca_json_member_string (w, "order_id", o->order_id);
          dca_json_member_string (w, "trade_time", t);
          dca_json_member_string (w, "trade_type", "FILL");
          dca_json_member_decimal_string (w, "price", o->price);
          dca_json_member_decimal_string (w, "size", o->base);
          dca_json_member_decimal_string (w, "commission", o->fee);
          dca_json_member_string (w, "product_id", o->product_id);
          dca_json_member_string (w, "side", o->buy ? "BUY" : "SELL");
          dca_json_member_bool (w, "size_in_quote", FALSE);
          dca_json_member_string (w, "liquidity_indicator", "TAKER");
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      dca_json_member_string (w, "cursor", "");
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "GET") == 0 && g_str_has_prefix (path, "/orders/historical/"))
    {
      Order *o = find_order (self, path + strlen ("/orders/historical/"), NULL);

      if (o == NULL)
        {
          reply (msg, 404, "{\"error\": \"NOT_FOUND\", \"message\": \"order not found\"}");
          return;
        }
      dca_json_begin_object (w);
      dca_json_key (w, "order");
      write_order (self, w, o);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  if (strcmp (method, "POST") == 0 && strcmp (path, "/orders/batch_cancel") == 0)
    {
      SoupMessageBody *b = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (b);
      g_autoptr(JsonNode) body = dca_json_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL);
      JsonArray *ids = body && JSON_NODE_HOLDS_OBJECT (body)
                         ? json_object_get_array_member (json_node_get_object (body), "order_ids") : NULL;

      dca_json_begin_object (w);
      dca_json_key (w, "results");
      dca_json_begin_array (w);
      for (guint i = 0; ids && i < json_array_get_length (ids); i++)
        {
          const char *id = json_array_get_string_element (ids, i);
          Order *o = find_order (self, id, NULL);
          gboolean ok = o != NULL && strcmp (o->status, "OPEN") == 0;

          if (ok)
            o->status = "CANCELLED";
          dca_json_begin_object (w);
          dca_json_member_bool (w, "success", ok);
          dca_json_member_string (w, "failure_reason", ok ? "UNKNOWN_CANCEL_FAILURE_REASON" : "UNKNOWN_CANCEL_ORDER");
          dca_json_member_string (w, "order_id", id);
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      dca_json_end_object (w);
      reply_writer (msg, w);
      return;
    }
  reply (msg, 404, "{\"error\": \"NOT_FOUND\", \"message\": \"no such endpoint\"}");
}

/* ---- life --------------------------------------------------------------- */

FakeCoinbase *
fake_coinbase_new (TestKey    *key,
                   const char *candles_csv,
                   const char *product_id)
{
  FakeCoinbase *self = g_new0 (FakeCoinbase, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  self->key = key;
  self->product_id = g_strdup (product_id);
  self->candles = dca_candle_series_load_csv (candles_csv, &error);
  g_assert_no_error (error);
  self->balances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) order_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tokens = g_ptr_array_new_with_free_func (g_free);
  self->page_size = 250;
  self->now = fake_coinbase_first_close (self);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/api/v3/brokerage", handle, self, NULL);
  g_assert_true (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  {
    GUri *u = uris->data;

    self->url = g_strdup_printf ("http://127.0.0.1:%d/api/v3/brokerage", g_uri_get_port (u));
  }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return self;
}

void
fake_coinbase_free (FakeCoinbase *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_free (self->url);
  g_free (self->product_id);
  dca_candle_series_free (self->candles);
  g_hash_table_unref (self->balances);
  g_ptr_array_unref (self->orders);
  g_ptr_array_unref (self->faults);
  g_hash_table_unref (self->requests);
  g_ptr_array_unref (self->tokens);
  g_free (self);
}

const char *
fake_coinbase_get_url (FakeCoinbase *self)
{
  return self->url;
}

gint64
fake_coinbase_get_time (FakeCoinbase *self)
{
  if (self->wall_clock)
    self->now = g_get_real_time () / G_USEC_PER_SEC;
  return self->now;
}

void
fake_coinbase_use_wall_clock (FakeCoinbase *self)
{
  gint64 gran = self->candles->granularity;
  gint64 last = self->candles->candles[self->candles->len - 1].time + gran;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 shift = (now - now % gran) - last;

  for (gsize i = 0; i < self->candles->len; i++)
    self->candles->candles[i].time += shift;
  self->wall_clock = TRUE;
  self->now = now;
}

void
fake_coinbase_set_time (FakeCoinbase *self,
                        gint64        time)
{
  self->now = time;
}

gint64
fake_coinbase_clock (gpointer data)
{
  return ((FakeCoinbase *) data)->now;
}

gint64
fake_coinbase_first_close (FakeCoinbase *self)
{
  return self->candles->candles[0].time + self->candles->granularity;
}

void
fake_coinbase_set_balance (FakeCoinbase *self,
                           const char   *currency,
                           const char   *amount)
{
  *balance (self, currency) = D (amount);
}

void
fake_coinbase_add_fault (FakeCoinbase *self,
                         const char   *method,
                         const char   *prefix,
                         FaultKind     kind,
                         guint         count)
{
  Fault *f = g_new0 (Fault, 1);

  f->method = g_strdup (method);
  f->prefix = g_strdup (prefix);
  f->kind = kind;
  f->count = count;
  g_ptr_array_add (self->faults, f);
}

void
fake_coinbase_set_page_size (FakeCoinbase *self,
                             guint         size)
{
  self->page_size = MAX (size, 1);
}

guint
fake_coinbase_requests (FakeCoinbase *self,
                        const char   *prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, prefix))
      n += GPOINTER_TO_UINT (value);
  return n;
}

guint
fake_coinbase_orders_created (FakeCoinbase *self)
{
  return self->orders->len;
}

guint
fake_coinbase_duplicate_posts (FakeCoinbase *self)
{
  return self->duplicates;
}

guint
fake_coinbase_bad_jwts (FakeCoinbase *self)
{
  return self->bad_jwts;
}

GPtrArray *
fake_coinbase_tokens (FakeCoinbase *self)
{
  return self->tokens;
}
