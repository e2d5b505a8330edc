/* test-paper.c: the replay market and the paper exchange
 *
 * No look-ahead in the replay; market fills equal the backtester's to the
 * last unit; funds, holds, limit and post-only orders; a client order id
 * placed twice gives one order; the order book and wallet survive a restart.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dca-deal.h"
#include "dca-paper-exchange.h"
#include "dca-replay-market.h"

#include "test-util.h"

#define D(s) dec (s)

static DcaDecimal
dec (const char *s)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_parse (s, &d, NULL));
  return d;
}

static void
assert_dec (DcaDecimal  d,
            const char *expected)
{
  g_autofree char *s = dca_decimal_to_string (d);

  g_assert_cmpstr (s, ==, expected);
}

typedef struct
{
  char            *dir;
  char            *market_dir;
  char            *store_path;
  DcaReplayMarket *market;
} Fixture;

/* Three 5-minute candles of TEST-USD and two 1-minute ones of ETH-BTC. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *usd = NULL;
  g_autofree char *eth = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dcadesk-paper-XXXXXX", NULL);
  f->market_dir = g_build_filename (f->dir, "market", NULL);
  f->store_path = g_build_filename (f->dir, "dcadesk.db", NULL);
  g_assert_cmpint (g_mkdir (f->market_dir, 0700), ==, 0);
  usd = g_build_filename (f->market_dir, "TEST-USD-5m.csv", NULL);
  eth = g_build_filename (f->market_dir, "ETH-BTC-1m.csv", NULL);
  g_assert_true (g_file_set_contents (usd,
                                      "time,open,high,low,close,volume\n"
                                      "1000200,100,101,99,100,1\n"
                                      "1000500,100,102,95,96,1\n"
                                      "1000800,96,110,96,108,1\n", -1, NULL));
  g_assert_true (g_file_set_contents (eth,
                                      "time,open,high,low,close,volume\n"
                                      "1000740,0.05,0.05,0.05,0.05,1\n"
                                      "1000800,0.05,0.06,0.05,0.055,1\n", -1, NULL));
  f->market = dca_replay_market_new (f->market_dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->market);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->market_dir);
  g_free (f->store_path);
}

static void
test_replay_clock (Fixture       *f,
                   gconstpointer  data)
{
  DcaReplayMarket *m = f->market;
  g_autoptr(DcaCandleSeries) some = NULL;
  DcaDecimal price;
  gint64 when;

  /* the first close of all series; then every close in turn */
  g_assert_cmpint (dca_replay_market_get_start_time (m), ==, 1000500);
  g_assert_cmpint (dca_replay_market_get_end_time (m), ==, 1001100);
  g_assert_cmpint (dca_replay_market_next_event (m, 1000500), ==, 1000800);
  g_assert_cmpint (dca_replay_market_next_event (m, 1000800), ==, 1000860);
  g_assert_cmpint (dca_replay_market_next_event (m, 1000860), ==, 1001100);
  g_assert_cmpint (dca_replay_market_next_event (m, 1001100), ==, G_MAXINT64);

  /* at 1000799 only the first candle has closed: nothing later is seen */
  dca_replay_market_set_time (m, 1000799);
  some = dca_replay_market_get_candles (m, "TEST-USD", DCA_TIMEFRAME_FIVE_MINUTE, 0, G_MAXINT64);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_true (dca_replay_market_get_price (m, "TEST-USD", &price, &when));
  assert_dec (price, "100");
  g_assert_cmpint (when, ==, 1000500);
  g_assert_false (dca_replay_market_get_price (m, "ETH-BTC", &price, NULL));
  g_clear_pointer (&some, dca_candle_series_free);

  dca_replay_market_set_time (m, 1000800);
  some = dca_replay_market_get_candles (m, "TEST-USD", DCA_TIMEFRAME_FIVE_MINUTE, 0, G_MAXINT64);
  g_assert_cmpuint (some->len, ==, 2);
  g_assert_true (dca_replay_market_get_price (m, "ETH-BTC", &price, NULL));
  assert_dec (price, "0.05");
  g_assert_null (dca_replay_market_get_series (m, "TEST-USD", DCA_TIMEFRAME_ONE_HOUR));
  g_assert_cmpstrv (dca_replay_market_list_products (m), ((const char *const[]) { "ETH-BTC", "TEST-USD", NULL }));
}

static void
test_replay_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-paper-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "BAD-USD-1h.csv", NULL);
  g_autofree char *readme = g_build_filename (dir, "README.md", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaReplayMarket) m = NULL;

  g_assert_true (g_file_set_contents (readme, "not candles", -1, NULL));
  m = dca_replay_market_new (dir, &error);
  g_assert_null (m);
  g_assert_error (error, DCA_REPLAY_MARKET_ERROR, DCA_REPLAY_MARKET_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "time,open,high,low,close,volume\n3600,1,1,1,1,1\n7200,1,x,1,1,1\n",
                                      -1, NULL));
  m = dca_replay_market_new (dir, &error);
  g_assert_null (m);
  g_assert_error (error, DCA_REPLAY_MARKET_ERROR, DCA_REPLAY_MARKET_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "BAD-USD-1h.csv"));
  g_assert_nonnull (strstr (error->message, "3"));
  g_unlink (bad);
  g_unlink (readme);
  g_rmdir (dir);
}

static DcaPaperExchange *
open_paper (Fixture                *f,
            const DcaPaperSettings *settings)
{
  g_autoptr(GError) error = NULL;
  DcaPaperExchange *p = dca_paper_exchange_new (f->store_path, f->market, settings, &error);

  g_assert_no_error (error);
  return p;
}

static DcaExchangeOrder *
market_order (DcaPaperExchange *p,
              const char       *client_id,
              const char       *product,
              DcaSide           side,
              const char       *size,
              GError          **error)
{
  DcaOrderRequest r = { 0 };

  r.client_order_id = client_id;
  r.product_id = product;
  r.side = side;
  r.type = DCA_ORDER_TYPE_MARKET;
  if (side == DCA_SIDE_BUY)
    r.quote_size = D (size);
  else
    r.base_size = D (size);
  return dca_exchange_place_order_sync (DCA_EXCHANGE (p), &r, NULL, error);
}

static DcaDecimal
free_of (DcaPaperExchange *p,
         const char       *currency,
         DcaDecimal       *hold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = dca_exchange_list_balances_sync (DCA_EXCHANGE (p), NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      DcaBalance *b = g_ptr_array_index (list, i);

      if (strcmp (b->currency, currency) == 0)
        {
          if (hold)
            *hold = b->hold;
          return b->available;
        }
    }
  if (hold)
    *hold = dca_decimal_zero ();
  return dca_decimal_zero ();
}

/* The engine's part: record the fill so the wallet moves (the exchange
 * itself never moves it). */
static void
settle_wallet (Fixture       *f,
               const char    *product,
               const DcaFill *fill)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (f->store_path, &error);
  g_autofree char *base = NULL;
  g_autofree char *quote = NULL;
  g_autoptr(DcaBalanceRecord) qb = NULL;
  g_autoptr(DcaBalanceRecord) bb = NULL;
  gboolean buy = fill->side == DCA_SIDE_BUY;

  g_assert_true (dca_product_id_split (product, &base, &quote));
  qb = dca_store_get_balance (store, "paper", quote, &error);
  bb = dca_store_get_balance (store, "paper", base, &error);
  g_assert_no_error (error);
  g_assert_true (dca_store_set_balance (store, "paper", quote,
                                        buy ? dca_decimal_sub (qb->available, fill->quote)
                                            : dca_decimal_add (qb->available, fill->quote),
                                        dca_decimal_zero (), &error));
  g_assert_true (dca_store_set_balance (store, "paper", base,
                                        buy ? dca_decimal_add (bb->available, fill->base)
                                            : dca_decimal_sub (bb->available, fill->base),
                                        dca_decimal_zero (), &error));
  g_assert_no_error (error);
}

static void
test_market_orders (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DcaPaperExchange) p = open_paper (f, NULL);
  g_autoptr(DcaExchangeOrder) buy = NULL;
  g_autoptr(DcaExchangeOrder) again = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaProduct) product = dca_product_new ("TEST-USD");
  DcaExchangeFill *xf;
  DcaFill expected;

  /* default wallet: 1 BTC and 10,000 USD */
  assert_dec (free_of (p, "BTC", NULL), "1");
  assert_dec (free_of (p, "USD", NULL), "10000");

  dca_replay_market_set_time (f->market, 1000800); /* price 96 */
  buy = market_order (p, "c-1", "TEST-USD", DCA_SIDE_BUY, "123.456789", &error);
  g_assert_no_error (error);
  g_assert_cmpint (buy->status, ==, DCA_ORDER_STATUS_FILLED);
  g_assert_true (dca_simulate_market_buy (D ("123.456789"), D ("96"), D ("0.006"), product, 1000800,
                                          DCA_ORDER_KIND_MANUAL, &expected));
  fills = dca_exchange_list_fills_sync (DCA_EXCHANGE (p), buy->order_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fills->len, ==, 1);
  xf = g_ptr_array_index (fills, 0);
  g_assert_cmpint (xf->fill.time, ==, 1000800);
  g_assert_true (dca_decimal_cmp (xf->fill.base, expected.base) == 0);
  g_assert_true (dca_decimal_cmp (xf->fill.quote, expected.quote) == 0);
  g_assert_true (dca_decimal_cmp (xf->fill.fee, expected.fee) == 0);
  assert_dec (xf->fill.quote, "123.456789");
  assert_dec (xf->fill.fee, "0.740740734");     /* 0.6 % */
  assert_dec (buy->filled_base, "1.27829216");  /* (123.456789 - fee) / 96, rounded down */

  /* the same client order id: the same order, no second fill */
  again = market_order (p, "c-1", "TEST-USD", DCA_SIDE_BUY, "123.456789", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->order_id, ==, buy->order_id);
  {
    g_autoptr(GPtrArray) still = dca_exchange_list_fills_sync (DCA_EXCHANGE (p), buy->order_id, NULL, &error);

    g_assert_cmpuint (still->len, ==, 1);
  }

  /* the exchange never moves the wallet: the engine's recording does */
  assert_dec (free_of (p, "USD", NULL), "10000");
  settle_wallet (f, "TEST-USD", &xf->fill);
  assert_dec (free_of (p, "USD", NULL), "9876.543211");

  /* more than the wallet has: refused, nothing written */
  {
    g_autoptr(DcaExchangeOrder) big = market_order (p, "c-2", "TEST-USD", DCA_SIDE_BUY, "20000", &error);
    g_autoptr(DcaExchangeOrder) none = NULL;

    g_assert_null (big);
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS);
    g_assert_nonnull (strstr (error->message, "9876.543211 USD"));
    g_clear_error (&error);
    none = dca_exchange_get_order_sync (DCA_EXCHANGE (p), NULL, "c-2", NULL, &error);
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* a sell of more base than held */
  {
    g_autoptr(DcaExchangeOrder) sell = market_order (p, "c-3", "TEST-USD", DCA_SIDE_SELL, "5", &error);

    g_assert_null (sell);
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INSUFFICIENT_FUNDS);
    g_clear_error (&error);
  }
  /* too small, unknown product, no price yet */
  {
    g_autoptr(DcaExchangeOrder) a = market_order (p, "c-4", "TEST-USD", DCA_SIDE_BUY, "0.00000001", &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER);
    g_clear_error (&error);
  }
  {
    g_autoptr(DcaExchangeOrder) a = market_order (p, "c-5", "NOPE-USD", DCA_SIDE_BUY, "1", &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "NOPE-USD"));
    g_clear_error (&error);
  }
  dca_replay_market_set_time (f->market, 1000500);
  {
    g_autoptr(DcaExchangeOrder) a = market_order (p, "c-6", "ETH-BTC", DCA_SIDE_BUY, "0.1", &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA);
    g_clear_error (&error);
  }
}

static void
test_limit_orders (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DcaPaperExchange) p = open_paper (f, NULL);
  g_autoptr(DcaExchangeOrder) buy = NULL;
  g_autoptr(DcaExchangeOrder) low = NULL;
  g_autoptr(GError) error = NULL;
  DcaOrderRequest r = { 0 };
  DcaDecimal hold;

  dca_replay_market_set_time (f->market, 1000500); /* price 100; next candle's low is 95 */
  r.product_id = "TEST-USD";
  r.side = DCA_SIDE_BUY;
  r.type = DCA_ORDER_TYPE_LIMIT;
  r.base_size = D ("10");
  r.limit_price = D ("97");
  r.post_only = TRUE;
  r.client_order_id = "l-1";
  buy = dca_exchange_place_order_sync (DCA_EXCHANGE (p), &r, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (buy->status, ==, DCA_ORDER_STATUS_OPEN);
  /* 970 + 0.4 % maker fee on hold */
  assert_dec (free_of (p, "USD", &hold), "9026.12");
  assert_dec (hold, "973.88");

  /* one that will not fill, then cancelled */
  r.client_order_id = "l-2";
  r.limit_price = D ("50");
  low = dca_exchange_place_order_sync (DCA_EXCHANGE (p), &r, NULL, &error);
  g_assert_no_error (error);
  {
    const char *ids[] = { low->order_id, NULL };
    g_auto(GStrv) done = dca_exchange_cancel_orders_sync (DCA_EXCHANGE (p), ids, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (done), ==, 1);
  }
  assert_dec (free_of (p, "USD", NULL), "9026.12");

  /* post-only at or above the market: refused */
  r.client_order_id = "l-3";
  r.limit_price = D ("100");
  g_assert_null (dca_exchange_place_order_sync (DCA_EXCHANGE (p), &r, NULL, &error));
  g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER);
  g_assert_nonnull (strstr (error->message, "post-only"));
  g_clear_error (&error);

  /* the next candle goes down to 95: filled at 97, maker fee */
  dca_replay_market_set_time (f->market, 1000800);
  dca_paper_exchange_process (p);
  {
    g_autoptr(DcaExchangeOrder) now = dca_exchange_get_order_sync (DCA_EXCHANGE (p), buy->order_id, NULL,
                                                                   NULL, &error);
    g_autoptr(GPtrArray) fills = dca_exchange_list_fills_sync (DCA_EXCHANGE (p), buy->order_id, NULL, &error);
    DcaExchangeFill *xf;

    g_assert_no_error (error);
    g_assert_cmpint (now->status, ==, DCA_ORDER_STATUS_FILLED);
    g_assert_cmpuint (fills->len, ==, 1);
    xf = g_ptr_array_index (fills, 0);
    g_assert_true (xf->maker);
    g_assert_cmpint (xf->fill.time, ==, 1000800);
    assert_dec (xf->fill.price, "97");
    assert_dec (xf->fill.fee, "3.88");
    assert_dec (xf->fill.quote, "973.88");
  }
  /* nothing held any more */
  assert_dec (free_of (p, "USD", &hold), "10000");
  assert_dec (hold, "0");
}

static void
test_settings_and_restart (Fixture       *f,
                           gconstpointer  data)
{
  DcaPaperSettings s;
  g_autoptr(GError) error = NULL;

  dca_paper_settings_init (&s);
  s.taker_fee = D ("0.001");
  s.spread = D ("0.02");
  dca_paper_settings_set_balance (&s, "USD", D ("500"));
  dca_replay_market_set_time (f->market, 1000800); /* 96 */
  {
    g_autoptr(DcaPaperExchange) p = open_paper (f, &s);
    g_autoptr(DcaExchangeOrder) o = market_order (p, "s-1", "TEST-USD", DCA_SIDE_BUY, "100", &error);
    g_autoptr(DcaTicker) t = dca_exchange_get_ticker_sync (DCA_EXCHANGE (p), "TEST-USD", NULL, &error);

    g_assert_no_error (error);
    assert_dec (free_of (p, "USD", NULL), "500");
    /* half the 2 % spread above the market */
    assert_dec (o->average_price, "96.96");
    assert_dec (o->fees, "0.1");
    assert_dec (t->ask, "96.96");
    assert_dec (t->bid, "95.04");
    assert_dec (t->price, "96");
  }
  /* a new exchange on the same store: same orders, starting balances not
   * applied twice */
  dca_paper_settings_set_balance (&s, "USD", D ("7"));
  {
    g_autoptr(DcaPaperExchange) p = open_paper (f, &s);
    g_autoptr(DcaExchangeOrder) o = dca_exchange_get_order_sync (DCA_EXCHANGE (p), NULL, "s-1", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (o->status, ==, DCA_ORDER_STATUS_FILLED);
    assert_dec (free_of (p, "USD", NULL), "500");
  }
  dca_paper_settings_clear (&s);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaPaperExchange) p = open_paper (f, NULL);
  g_autoptr(DcaStore) store = dca_store_open (f->store_path, &error);
  DcaPaperSettings s;

  dca_replay_market_set_time (f->market, 1000800);
  {
    g_autoptr(DcaExchangeOrder) o = market_order (p, "r-1", "TEST-USD", DCA_SIDE_BUY, "100", &error);

    g_assert_no_error (error);
  }
  dca_store_set_balance (store, "paper", "USD", D ("1"), dca_decimal_zero (), &error);
  dca_store_set_balance (store, "paper", "TEST", D ("3"), dca_decimal_zero (), &error);

  dca_paper_settings_init (&s);
  dca_paper_settings_set_balance (&s, "BTC", D ("2"));
  g_assert_true (dca_paper_account_reset (store, &s, &error));
  g_assert_no_error (error);
  assert_dec (free_of (p, "BTC", NULL), "2");
  assert_dec (free_of (p, "USD", NULL), "10000");
  assert_dec (free_of (p, "TEST", NULL), "0");
  {
    g_autoptr(DcaExchangeOrder) gone = dca_exchange_get_order_sync (DCA_EXCHANGE (p), NULL, "r-1", NULL, &error);

    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* refused while a paper deal is open */
  {
    g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
    g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();

    bot->name = g_strdup ("b");
    bot->strategy_type = g_strdup ("conditional_dca");
    bot->product_ids = g_strsplit ("TEST-USD", ",", -1);
    bot->strategy_config_json = g_strdup ("{}");
    bot->check_interval_seconds = 60;
    dca_store_insert_bot (store, bot, &error);
    deal->bot_id = bot->id;
    deal->product_id = g_strdup ("TEST-USD");
    deal->config_snapshot_json = g_strdup ("{}");
    deal->state.status = DCA_DEAL_STATUS_OPEN;
    deal->state.opened_at = 1;
    dca_store_insert_deal (store, deal, &error);
    g_assert_no_error (error);
    g_assert_false (dca_paper_account_reset (store, &s, &error));
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS);
    g_assert_nonnull (strstr (error->message, "close or cancel"));
  }
  dca_paper_settings_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/paper/replay-clock", Fixture, NULL, fixture_set_up, test_replay_clock, fixture_tear_down);
  g_test_add_func ("/paper/replay-errors", test_replay_errors);
  g_test_add ("/paper/market-orders", Fixture, NULL, fixture_set_up, test_market_orders, fixture_tear_down);
  g_test_add ("/paper/limit-orders", Fixture, NULL, fixture_set_up, test_limit_orders, fixture_tear_down);
  g_test_add ("/paper/reset", Fixture, NULL, fixture_set_up, test_reset, fixture_tear_down);
  g_test_add ("/paper/settings-and-restart", Fixture, NULL, fixture_set_up, test_settings_and_restart,
              fixture_tear_down);
  return g_test_run ();
}
