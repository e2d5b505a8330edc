/* test-coinbase.c: the Coinbase connector against a look-alike server
 *
 * Every private request's JWT is checked by the server with the key's
 * public half.  Pagination, rate limits, server errors, slow, malformed and
 * truncated answers, and an order whose answer is lost: typed errors, GETs
 * retried, the order never placed twice.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "coinbase-keys.h"
#include "coinbase-server.h"
#include "dca-bot.h"
#include "dca-coinbase.h"
#include "dca-deal.h"
#include "dca-engine.h"
#include "dca-json.h"

#include "test-util.h"

typedef struct
{
  TestKey             *key;
  FakeCoinbase        *server;
  DcaCoinbaseExchange *exchange;
  DcaExchange         *x;
} Fixture;

static DcaCoinbaseExchange *
make_exchange (Fixture  *f,
               TestKey  *key)
{
  DcaCoinbaseSettings s;
  g_autoptr(GError) error = NULL;
  DcaCoinbaseKey *k = key ? dca_coinbase_key_new (key->name, key->secret, &error) : NULL;
  DcaCoinbaseExchange *x;

  g_assert_no_error (error);
  dca_coinbase_settings_init (&s);
  s.base_url = g_strdup (fake_coinbase_get_url (f->server));
  s.timeout_seconds = 1;
  s.backoff_ms = 20;
  s.clock = fake_coinbase_clock;
  s.clock_data = f->server;
  x = dca_coinbase_exchange_new (&s, k);
  dca_coinbase_settings_clear (&s);
  return x;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv = test_source_path ("data/market/ETH-BTC-5m.csv");

  f->key = test_key_new (GPOINTER_TO_INT (data));
  f->server = fake_coinbase_new (f->key, csv, "ETH-BTC");
  fake_coinbase_set_balance (f->server, "BTC", "1");
  fake_coinbase_set_balance (f->server, "ETH", "0");
  fake_coinbase_set_balance (f->server, "USD", "100");
  fake_coinbase_set_time (f->server, fake_coinbase_first_close (f->server) + 1000 * 300);
  f->exchange = make_exchange (f, f->key);
  f->x = DCA_EXCHANGE (f->exchange);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->exchange);
  fake_coinbase_free (f->server);
  test_key_free (f->key);
}

static void
test_market_data (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = dca_exchange_list_products_sync (f->x, NULL, &error);
  g_autoptr(DcaProduct) dead = NULL;
  g_autoptr(DcaCandleSeries) candles = NULL;
  g_autoptr(DcaTicker) ticker = NULL;
  gint64 now = fake_coinbase_get_time (f->server);
  guint before;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 2);
  g_assert_cmpstr (((DcaProduct *) g_ptr_array_index (products, 0))->product_id, ==, "ETH-BTC");
  g_assert_false (((DcaProduct *) g_ptr_array_index (products, 0))->trading_disabled);
  dead = dca_exchange_get_product_sync (f->x, "DEAD-BTC", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dead->trading_disabled);

  /* 1000 candles take three answers of at most 350; ascending; closed only */
  before = fake_coinbase_requests (f->server, "/products/ETH-BTC/candles");
  candles = dca_exchange_get_candles_sync (f->x, "ETH-BTC", DCA_TIMEFRAME_FIVE_MINUTE, now - 1000 * 300,
                                           now + 300, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/products/ETH-BTC/candles") - before, ==, 3);
  g_assert_cmpuint (candles->len, ==, 1000);
  for (gsize i = 1; i < candles->len; i++)
    g_assert_cmpint (candles->candles[i].time, ==, candles->candles[i - 1].time + 300);
  g_assert_cmpint (candles->candles[candles->len - 1].time + 300, <=, now);

  ticker = dca_exchange_get_ticker_sync (f->x, "ETH-BTC", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dca_decimal_cmp (ticker->price, candles->candles[candles->len - 1].close_exact) == 0);

  /* every private request carried a JWT the server verified */
  g_assert_cmpuint (fake_coinbase_bad_jwts (f->server), ==, 0);
}

static void
test_accounts_paginated (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balances = NULL;

  fake_coinbase_set_page_size (f->server, 2);
  balances = dca_exchange_list_balances_sync (f->x, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (balances->len, ==, 3);
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/accounts"), ==, 2);
  g_assert_cmpstr (((DcaBalance *) g_ptr_array_index (balances, 0))->currency, ==, "BTC");
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* rate limited, then fine: waits Retry-After and succeeds */
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_429, 1);
  {
    gint64 t0 = g_get_monotonic_time ();
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (b);
    g_assert_cmpint (g_get_monotonic_time () - t0, >=, 900000); /* Retry-After: 1 */
  }
  /* a server error on a GET is retried */
  fake_coinbase_add_fault (f->server, "GET", "/products", FAULT_500, 2);
  {
    g_autoptr(GPtrArray) p = dca_exchange_list_products_sync (f->x, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (p);
  }
  /* nothing but errors: a typed error in the end */
  fake_coinbase_add_fault (f->server, "GET", "/products", FAULT_500, 4); /* every attempt */
  {
    g_autoptr(GPtrArray) p = dca_exchange_list_products_sync (f->x, NULL, &error);

    g_assert_null (p);
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER);
    g_assert_nonnull (strstr (error->message, "HTTP 500"));
    g_clear_error (&error);
  }
  /* malformed, truncated, wrong type: SERVER errors that name the request */
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_MALFORMED, 4);
  {
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER);
    g_assert_nonnull (strstr (error->message, "GET /accounts"));
    g_clear_error (&error);
  }
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_TRUNCATED, 4);
  {
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER);
    g_clear_error (&error);
  }
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_WRONG_TYPE, 1);
  {
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_SERVER);
    g_assert_nonnull (strstr (error->message, "value"));
    g_clear_error (&error);
  }
  /* a slow answer: the timeout, then a retry */
  fake_coinbase_add_fault (f->server, "GET", "/best_bid_ask", FAULT_SLOW, 1);
  {
    g_autoptr(DcaTicker) t = dca_exchange_get_ticker_sync (f->x, "ETH-BTC", NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (t);
  }
  /* unknown product */
  {
    g_autoptr(DcaProduct) p = dca_exchange_get_product_sync (f->x, "NOPE-BTC", NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_bad_key (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TestKey) other = test_key_new (FALSE);
  g_autoptr(DcaCoinbaseExchange) x = make_exchange (f, other);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (DCA_EXCHANGE (x), NULL, &error);

  g_assert_null (b);
  g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "refused the API key"));
  /* the message never carries the secret */
  g_assert_null (strstr (error->message, "PRIVATE KEY"));
  g_assert_null (strstr (error->message, other->secret));
}

/* No key: the public market endpoints, enough for paper on live prices */
static void
test_public (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DcaCoinbaseExchange) x = make_exchange (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = dca_exchange_list_products_sync (DCA_EXCHANGE (x), NULL, &error);
  g_autoptr(DcaTicker) t = NULL;
  g_autoptr(GPtrArray) balances = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 2);
  t = dca_exchange_get_ticker_sync (DCA_EXCHANGE (x), "ETH-BTC", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dca_decimal_sign (t->price), >, 0);
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/market/products"), ==, 2);
  /* nothing private without a key, and a clear word about it */
  balances = dca_exchange_list_balances_sync (DCA_EXCHANGE (x), NULL, &error);
  g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "no Coinbase API key"));
  g_assert_cmpuint (fake_coinbase_bad_jwts (f->server), ==, 0);
}

/* limit_limit_gtc with base_size, limit_price, post_only; then cancelled */
static void
test_limit_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaExchangeOrder) o = NULL;
  DcaOrderRequest r = { 0 };

  r.client_order_id = "limit-1";
  r.product_id = "ETH-BTC";
  r.side = DCA_SIDE_BUY;
  r.type = DCA_ORDER_TYPE_LIMIT;
  r.base_size = dca_decimal_from_units (123456789, 9); /* 0.123456789: rounded down to 0.12345678 */
  r.limit_price = dca_decimal_from_units (5, 2);
  r.post_only = TRUE;
  o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (o->status, ==, DCA_ORDER_STATUS_OPEN);
  g_assert_cmpint (o->type, ==, DCA_ORDER_TYPE_LIMIT);
  g_assert_true (o->post_only);
  g_assert_true (dca_decimal_cmp (o->base_size, dca_decimal_from_units (12345678, 8)) == 0);
  {
    const char *ids[] = { o->order_id, NULL };
    g_auto(GStrv) done = dca_exchange_cancel_orders_sync (f->x, ids, NULL, &error);
    g_autoptr(DcaExchangeOrder) after = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (done), ==, 1);
    after = dca_exchange_get_order_sync (f->x, o->order_id, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (after->status, ==, DCA_ORDER_STATUS_CANCELLED);
  }
}

static void
test_key_problems (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_CLOCK_SKEW, 1);
  {
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_CLOCK_SKEW);
    g_assert_nonnull (strstr (error->message, "clock"));
    g_clear_error (&error);
  }
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_FORBIDDEN, 1);
  {
    g_autoptr(GPtrArray) b = dca_exchange_list_balances_sync (f->x, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "permission"));
    g_clear_error (&error);
  }
  /* network down: nothing listens there */
  {
    DcaCoinbaseSettings s;
    g_autoptr(DcaCoinbaseExchange) x = NULL;
    g_autoptr(GPtrArray) b = NULL;

    dca_coinbase_settings_init (&s);
    s.base_url = g_strdup ("http://127.0.0.1:9/api/v3/brokerage");
    s.backoff_ms = 5;
    x = dca_coinbase_exchange_new (&s, dca_coinbase_key_new (f->key->name, f->key->secret, NULL));
    dca_coinbase_settings_clear (&s);
    b = dca_exchange_list_balances_sync (DCA_EXCHANGE (x), NULL, &error);
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NETWORK);
    g_clear_error (&error);
  }
}

static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DcaOrderRequest r = { 0 };

  r.product_id = "ETH-BTC";
  r.side = DCA_SIDE_BUY;
  r.type = DCA_ORDER_TYPE_MARKET;
  r.quote_size = dca_decimal_from_units (1, 1); /* 0.1 BTC */

  /* accepted, but the answer is lost: looked up by client order id and
   * found, not placed again */
  fake_coinbase_add_fault (f->server, "POST", "/orders", FAULT_LOSE_ANSWER, 1);
  r.client_order_id = "client-1";
  {
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);
    g_autoptr(GPtrArray) fills = NULL;
    DcaExchangeFill *fill;

    g_assert_no_error (error);
    g_assert_cmpstr (o->client_order_id, ==, "client-1");
    g_assert_cmpint (o->status, ==, DCA_ORDER_STATUS_FILLED);
    g_assert_cmpuint (fake_coinbase_orders_created (f->server), ==, 1);
    g_assert_cmpuint (fake_coinbase_duplicate_posts (f->server), ==, 0);

    /* fills and fees from the fills endpoint */
    fills = dca_exchange_list_fills_sync (f->x, o->order_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fills->len, ==, 1);
    fill = g_ptr_array_index (fills, 0);
    g_assert_true (dca_decimal_cmp (fill->fill.fee, dca_decimal_from_units (6, 4)) == 0);   /* 0.0006 */
    /* what the buy cost: size x price + commission, within the 0.1 asked */
    g_assert_true (dca_decimal_cmp (fill->fill.quote,
                                    dca_decimal_add (dca_decimal_mul (fill->fill.base, fill->fill.price,
                                                                      DCA_ROUND_HALF_EVEN),
                                                     fill->fill.fee)) == 0);
    g_assert_true (dca_decimal_cmp (fill->fill.quote, dca_decimal_from_units (1, 1)) <= 0);
    g_assert_true (dca_decimal_cmp (fill->fill.base, o->filled_base) == 0);
  }

  /* the same client order id placed again on purpose: Coinbase answers
   * with the order it has */
  {
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fake_coinbase_orders_created (f->server), ==, 1);
    g_assert_cmpuint (fake_coinbase_duplicate_posts (f->server), ==, 1);
  }

  /* below the minimum: refused before sending */
  r.client_order_id = "client-2";
  r.quote_size = dca_decimal_from_units (5, 5);
  {
    guint posts = fake_coinbase_requests (f->server, "/orders");
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER);
    g_assert_nonnull (strstr (error->message, "minimum"));
    g_assert_cmpuint (fake_coinbase_requests (f->server, "/orders"), ==, posts);
    g_clear_error (&error);
  }
  /* more than the account has: INSUFFICIENT_FUNDS */
  r.client_order_id = "client-3";
  r.quote_size = dca_decimal_from_int (5);
  {
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS);
    g_clear_error (&error);
  }
  /* a delisted product */
  r.client_order_id = "client-4";
  r.product_id = "DEAD-BTC";
  r.quote_size = dca_decimal_from_units (1, 2);
  {
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_PRODUCT_UNAVAILABLE);
    g_clear_error (&error);
  }
  /* rate limited on the POST: retried with the same client order id after
   * checking it is not there */
  r.client_order_id = "client-5";
  r.product_id = "ETH-BTC";
  fake_coinbase_add_fault (f->server, "POST", "/orders", FAULT_429, 1);
  {
    g_autoptr(DcaExchangeOrder) o = dca_exchange_place_order_sync (f->x, &r, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (fake_coinbase_orders_created (f->server), ==, 2);
    g_assert_cmpuint (fake_coinbase_duplicate_posts (f->server), ==, 1);
  }
  g_assert_cmpuint (fake_coinbase_bad_jwts (f->server), ==, 0);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* "Test connection", asynchronously as the window calls it */
static void
test_test_connection (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  dca_coinbase_exchange_test_connection (f->exchange, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  message = dca_coinbase_exchange_test_connection_finish (f->exchange, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message, ==, "Connected to Coinbase: the key can read 3 accounts");
}

/* ---- a whole run through the engine ------------------------------------- */

typedef struct
{
  FakeCoinbase *server;
  DcaEngine    *engine;
  GMainLoop    *loop;
  gint64        end;
  guint         deal_events;
} Run;

static gboolean
advance_clock (gpointer data)
{
  Run *run = data;
  gint64 now = fake_coinbase_get_time (run->server);
  g_autoptr(DcaEngineStatus) status = dca_engine_get_status (run->engine);

  /* lockstep: the next candle only once the engine has looked at this one,
   * so every candle is evaluated as in a replay */
  if (status->market_time < now && status->state != DCA_ENGINE_FAILED && now < run->end)
    return G_SOURCE_CONTINUE;
  if (now >= run->end)
    {
      dca_engine_stop (run->engine);
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  fake_coinbase_set_time (run->server, now + 300);
  return G_SOURCE_CONTINUE;
}

static void
count_events (DcaEngine      *engine,
              DcaEventRecord *event,
              Run            *run)
{
  if (g_strcmp0 (event->level, "info") != 0 || g_getenv ("TEST_EVENTS"))
    g_test_message ("event %s: %s", event->type, event->message);
  if (g_strcmp0 (event->type, "deal-closed") == 0)
    run->deal_events++;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0, n = strlen (needle); i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_engine_run (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-coinbase-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autofree char *key_path = g_build_filename (dir, "cdp_api_key.json", NULL);
  g_autoptr(DcaJsonWriter) kw = dca_json_writer_new (TRUE);
  g_autofree char *key_json = NULL;
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(DcaStore) store = NULL;
  guint orders = 0, fills = 0;
  Run run = { 0 };
  const char *bot_json =
    "{\"version\": \"1.0\", \"bot\": {\"name\": \"coinbase test\", \"strategy_type\": \"conditional_dca\","
    " \"product_ids\": [\"ETH-BTC\"], \"check_interval_seconds\": 300,"
    " \"strategy_config\": {\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.01,"
    "  \"safety_order_type\": \"fixed_btc\", \"safety_order_btc\": 0.01, \"max_safety_orders\": 3,"
    "  \"price_deviation\": 1, \"take_profit_percentage\": 1.5}}}";

  /* the key as the CDP portal's file */
  dca_json_begin_object (kw);
  dca_json_member_string (kw, "name", f->key->name);
  dca_json_member_string (kw, "privateKey", f->key->secret);
  dca_json_end_object (kw);
  key_json = dca_json_writer_steal (kw);
  g_assert_true (g_file_set_contents (key_path, key_json, -1, NULL));

  /* a running bot */
  store = dca_store_open (store_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DcaBotConfig) config = dca_bot_config_parse_export (bot_json, -1, &error);
    g_autoptr(DcaBotRecord) record = NULL;

    g_assert_no_error (error);
    record = dca_bot_record_from_config (config);
    record->running = TRUE;
    record->exchange = g_strdup ("coinbase");
    g_assert_cmpint (dca_store_insert_bot (store, record, &error), >, 0);
  }

  /* Coinbase misbehaves now and then */
  fake_coinbase_add_fault (f->server, "POST", "/orders", FAULT_LOSE_ANSWER, 2);
  fake_coinbase_add_fault (f->server, "POST", "/orders", FAULT_429, 1);
  fake_coinbase_add_fault (f->server, "GET", "/orders/historical/fills", FAULT_500, 1);
  fake_coinbase_add_fault (f->server, "GET", "/accounts", FAULT_SLOW, 1);

  dca_engine_settings_init (&settings);
  g_free (settings.exchange);
  settings.exchange = g_strdup ("coinbase");
  settings.store_path = g_strdup (store_path);
  settings.key_file = g_strdup (key_path);
  settings.market = DCA_MARKET_LIVE;
  settings.live_tick_ms = 2;
  settings.coinbase.base_url = g_strdup (fake_coinbase_get_url (f->server));
  settings.coinbase.timeout_seconds = 1;
  settings.coinbase.backoff_ms = 10;
  settings.coinbase.private_rate = 1000;
  settings.coinbase.public_rate = 1000;
  settings.coinbase.clock = fake_coinbase_clock;
  settings.coinbase.clock_data = f->server;

  engine = dca_engine_new (&settings);
  run.server = f->server;
  run.engine = engine;
  run.loop = loop;
  run.end = fake_coinbase_get_time (f->server) + 1500 * 300;
  g_signal_connect (engine, "event", G_CALLBACK (count_events), &run);
  g_assert_true (dca_engine_start (engine, &error));
  g_timeout_add (4, advance_clock, &run);
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* deals made and closed, every order once on Coinbase, every fill ours */
  {
    DcaDealFilter closed = { 0 };

    closed.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
    deals = dca_store_list_deals (store, &closed, &error);
    g_assert_no_error (error);
  }
  g_test_message ("%u deals closed, %u orders on the server", deals->len,
                  fake_coinbase_orders_created (f->server));
  g_assert_cmpuint (deals->len, >=, 2);
  g_assert_cmpuint (run.deal_events, ==, deals->len);
  {
    guint safety = 0, take_profit = 0;

    for (guint i = 0; i < deals->len; i++)
      {
        DcaDealRecord *d = g_ptr_array_index (deals, i);

        safety += d->state.safety_orders;
        take_profit += d->state.close_reason == DCA_CLOSE_REASON_TAKE_PROFIT;
      }
    g_assert_cmpuint (safety, >=, 1);
    g_assert_cmpuint (take_profit, ==, deals->len);
  }
  {
    DcaDealFilter all = { 0 };
    g_autoptr(GPtrArray) every = dca_store_list_deals (store, &all, &error);

    for (guint i = 0; i < every->len; i++)
      {
        DcaDealRecord *d = g_ptr_array_index (every, i);
        g_autoptr(GPtrArray) os = dca_store_list_orders_of_deal (store, d->id, &error);
        g_autoptr(GPtrArray) fs = dca_store_list_fills_of_deal (store, d->id, &error);
        DcaDecimal spent = dca_decimal_zero ();

        for (guint j = 0; j < os->len; j++)
          {
            DcaOrderRecord *o = g_ptr_array_index (os, j);

            g_assert_nonnull (o->exchange_order_id);
            g_assert_cmpint (o->status, ==, DCA_ORDER_STATUS_FILLED);
            orders++;
          }
        for (guint j = 0; j < fs->len; j++)
          {
            DcaFillRecord *fr = g_ptr_array_index (fs, j);

            if (fr->fill.side == DCA_SIDE_BUY)
              spent = dca_decimal_add (spent, fr->fill.quote);
            fills++;
          }
        g_assert_true (dca_decimal_cmp (spent, d->state.quote_spent) == 0);
      }
  }
  g_assert_cmpuint (orders, ==, fake_coinbase_orders_created (f->server));
  g_assert_cmpuint (fills, ==, orders);
  g_assert_cmpuint (fake_coinbase_duplicate_posts (f->server), ==, 0);
  g_assert_cmpuint (fake_coinbase_bad_jwts (f->server), ==, 0);

  /* the key is nowhere in the database */
  g_clear_object (&store);
  {
    g_auto(GStrv) lines = g_strsplit (f->key->secret, "\n", -1);
    g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);

    for (guint i = 0; lines[i]; i++)
      if (strlen (lines[i]) > 20 && !g_str_has_prefix (lines[i], "-----"))
        {
          g_assert_false (file_contains (store_path, lines[i]));
          g_assert_false (file_contains (wal, lines[i]));
        }
    g_assert_false (file_contains (store_path, f->key->name));
  }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

/* Paper trading on Coinbase's live (public) prices: no key, no account;
 * fills are the paper exchange's at the prices the market gave. */
static void
test_paper_live (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-paper-live-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(DcaBalanceRecord) btc = NULL;
  g_autoptr(DcaProduct) product = dca_product_new ("ETH-BTC");
  DcaDealFilter closed = { 0 };
  Run run = { 0 };
  const char *bot_json =
    "{\"version\": \"1.0\", \"bot\": {\"name\": \"paper live\", \"strategy_type\": \"conditional_dca\","
    " \"product_ids\": [\"ETH-BTC\"], \"check_interval_seconds\": 300,"
    " \"strategy_config\": {\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.01,"
    "  \"max_safety_orders\": 2, \"price_deviation\": 1, \"take_profit_percentage\": 1.5}}}";

  store = dca_store_open (store_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DcaBotConfig) config = dca_bot_config_parse_export (bot_json, -1, &error);
    g_autoptr(DcaBotRecord) record = dca_bot_record_from_config (config);

    record->running = TRUE;
    g_assert_cmpint (dca_store_insert_bot (store, record, &error), >, 0);
  }

  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (store_path);
  settings.market = DCA_MARKET_LIVE;
  settings.live_tick_ms = 2;
  settings.coinbase.base_url = g_strdup (fake_coinbase_get_url (f->server));
  settings.coinbase.public_rate = 1000;
  settings.coinbase.backoff_ms = 10;
  settings.coinbase.clock = fake_coinbase_clock;
  settings.coinbase.clock_data = f->server;
  engine = dca_engine_new (&settings);
  run.server = f->server;
  run.engine = engine;
  run.loop = loop;
  run.end = fake_coinbase_get_time (f->server) + 1000 * 300;
  g_signal_connect (engine, "event", G_CALLBACK (count_events), &run);
  g_assert_true (dca_engine_start (engine, &error));
  g_timeout_add (4, advance_clock, &run);
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  closed.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  deals = dca_store_list_deals (store, &closed, &error);
  g_assert_no_error (error);
  g_test_message ("%u deals closed on live paper", deals->len);
  g_assert_cmpuint (deals->len, >=, 1);
  /* no account, no key: only public requests */
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/accounts"), ==, 0);
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/orders"), ==, 0);
  g_assert_cmpuint (fake_coinbase_requests (f->server, "/market/products"), >, 0);
  g_assert_cmpuint (fake_coinbase_orders_created (f->server), ==, 0);
  /* every fill is the paper exchange's, at a price the market gave */
  for (guint i = 0; i < deals->len; i++)
    {
      DcaDealRecord *d = g_ptr_array_index (deals, i);
      g_autoptr(GPtrArray) fills = dca_store_list_fills_of_deal (store, d->id, &error);

      for (guint j = 0; j < fills->len; j++)
        {
          const DcaFill *fill = &((DcaFillRecord *) g_ptr_array_index (fills, j))->fill;
          DcaFill expected;

          if (fill->side == DCA_SIDE_BUY)
            g_assert_true (dca_simulate_market_buy (fill->quote, fill->price, dca_decimal_from_units (6, 3), product,
                                                    fill->time, fill->kind, &expected));
          else
            g_assert_true (dca_simulate_market_sell (fill->base, fill->price, dca_decimal_from_units (6, 3), product,
                                                     fill->time, fill->kind, &expected));
          g_assert_true (dca_decimal_cmp (expected.base, fill->base) == 0);
          g_assert_true (dca_decimal_cmp (expected.quote, fill->quote) == 0);
          g_assert_true (dca_decimal_cmp (expected.fee, fill->fee) == 0);
        }
    }
  btc = dca_store_get_balance (store, "paper", "BTC", &error);
  g_assert_true (dca_decimal_cmp (btc->available, dca_decimal_from_int (1)) != 0);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_clear_object (&store);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

/* ---- the command line, headless ---------------------------------------- */

typedef struct
{
  gboolean done;
  int      status;
} Child;

static void
child_exited (GPid     pid,
              int      status,
              gpointer data)
{
  Child *c = data;

  c->status = status;
  c->done = TRUE;
  g_spawn_close_pid (pid);
}

/* Runs dcadesk-cli while this thread keeps serving the look-alike server. */
static char *
run_cli_serving (const char  *data_dir,
                 const char  *url,
                 const char  *const *args,
                 int         *status)
{
  g_autofree char *cli = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli", "dcadesk-cli", NULL);
  g_autofree char *out_path = g_build_filename (data_dir, "out.txt", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Child child = { 0 };
  GPid pid;
  int out_fd;

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "DCADESK_DATA_DIR", data_dir, TRUE);
  envp = g_environ_setenv (envp, "DCADESK_COINBASE_URL", url, TRUE);
  envp = g_environ_unsetenv (envp, "DCADESK_COINBASE_KEY_NAME");
  envp = g_environ_unsetenv (envp, "DCADESK_COINBASE_PRIVATE_KEY");
  out_fd = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (out_fd, >=, 0);
  g_assert_true (g_spawn_async_with_fds (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                         NULL, &pid, -1, out_fd, out_fd, &error));
  g_assert_no_error (error);
  close (out_fd);
  g_child_watch_add (pid, child_exited, &child);
  while (!child.done)
    g_main_context_iteration (NULL, TRUE);
  *status = child.status;
  g_assert_true (g_file_get_contents (out_path, &text, NULL, NULL));
  return g_steal_pointer (&text);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-coinbase-cli-XXXXXX", NULL);
  g_autofree char *key_path = g_build_filename (dir, "cdp_api_key.json", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autoptr(DcaJsonWriter) kw = dca_json_writer_new (TRUE);
  g_autofree char *key_json = NULL;
  g_autoptr(GError) error = NULL;
  const char *bot_json =
    "{\"version\": \"1.0\", \"bot\": {\"name\": \"cli on coinbase\", \"strategy_type\": \"conditional_dca\","
    " \"product_ids\": [\"ETH-BTC\"], \"check_interval_seconds\": 300,"
    " \"strategy_config\": {\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.01,"
    "  \"max_safety_orders\": 0, \"take_profit_percentage\": 1.5}}}";
  int status = 0;

  fake_coinbase_use_wall_clock (f->server);
  dca_json_begin_object (kw);
  dca_json_member_string (kw, "name", f->key->name);
  dca_json_member_string (kw, "privateKey", f->key->secret);
  dca_json_end_object (kw);
  key_json = dca_json_writer_steal (kw);
  g_assert_true (g_file_set_contents (key_path, key_json, -1, NULL));
  {
    g_autoptr(DcaStore) store = dca_store_open (store_path, &error);
    g_autoptr(DcaBotConfig) config = dca_bot_config_parse_export (bot_json, -1, &error);
    g_autoptr(DcaBotRecord) record = NULL;

    g_assert_no_error (error);
    record = dca_bot_record_from_config (config);
    record->running = TRUE;
    record->exchange = g_strdup ("coinbase");
    g_assert_cmpint (dca_store_insert_bot (store, record, &error), >, 0);
  }

  /* "Test connection" */
  {
    const char *const args[] = { "keys", "test", "--key-file", key_path, NULL };
    g_autofree char *out = run_cli_serving (dir, fake_coinbase_get_url (f->server), args, &status);

    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_nonnull (strstr (out, "Connected to Coinbase"));
  }
  /* the engine for two seconds: the bot opens its deal */
  {
    const char *const args[] = { "run", "--exchange", "coinbase", "--key-file", key_path, "--for", "2", NULL };
    g_autofree char *out = run_cli_serving (dir, fake_coinbase_get_url (f->server), args, &status);
    g_auto(GStrv) lines = g_strsplit (f->key->secret, "\n", -1);

    g_test_message ("%s", out);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_nonnull (strstr (out, "engine-started"));
    g_assert_nonnull (strstr (out, "deal-opened"));
    g_assert_cmpuint (fake_coinbase_orders_created (f->server), ==, 1);
    g_assert_cmpuint (fake_coinbase_bad_jwts (f->server), ==, 0);
    /* no secret in what it printed */
    for (guint i = 0; lines[i]; i++)
      if (strlen (lines[i]) > 20 && !g_str_has_prefix (lines[i], "-----"))
        g_assert_null (strstr (out, lines[i]));
  }
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/coinbase/market-data", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_market_data,
              fixture_tear_down);
  g_test_add ("/coinbase/market-data-ed25519", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_market_data, fixture_tear_down);
  g_test_add ("/coinbase/accounts-paginated", Fixture, NULL, fixture_set_up, test_accounts_paginated,
              fixture_tear_down);
  g_test_add ("/coinbase/failures", Fixture, NULL, fixture_set_up, test_failures, fixture_tear_down);
  g_test_add ("/coinbase/bad-key", Fixture, NULL, fixture_set_up, test_bad_key, fixture_tear_down);
  g_test_add ("/coinbase/public", Fixture, NULL, fixture_set_up, test_public, fixture_tear_down);
  g_test_add ("/coinbase/limit-order", Fixture, NULL, fixture_set_up, test_limit_order, fixture_tear_down);
  g_test_add ("/coinbase/key-problems", Fixture, NULL, fixture_set_up, test_key_problems, fixture_tear_down);
  g_test_add ("/coinbase/orders", Fixture, NULL, fixture_set_up, test_orders, fixture_tear_down);
  g_test_add ("/coinbase/engine-run", Fixture, NULL, fixture_set_up, test_engine_run, fixture_tear_down);
  g_test_add ("/coinbase/paper-live", Fixture, NULL, fixture_set_up, test_paper_live, fixture_tear_down);
  g_test_add ("/coinbase/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/coinbase/test-connection", Fixture, NULL, fixture_set_up, test_test_connection,
              fixture_tear_down);
  return g_test_run ();
}
