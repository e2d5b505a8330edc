/* test-cli.c: dcadesk-cli as a user runs it: reports, exit statuses and
 * one-line errors for bad input, and the bot and template commands on a
 * fresh data directory */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dca-json.h"
#include "dca-store.h"
#include "test-util.h"

static char *data_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static Result
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli",
                                           "dcadesk-cli", NULL));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "DCADESK_DATA_DIR", data_dir, TRUE);
  g_assert_true (g_spawn_sync (g_getenv ("DCADESK_SOURCE_ROOT"), (char **) argv->pdata, envp, 0,
                               NULL, NULL, &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  r.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return r;
}

static int
take_status (Result r)
{
  int status = r.status;

  if (status != 0)
    g_printerr ("%s", r.err);
  result_clear (&r);
  return status;
}

/* runs and keeps only the exit status */
#define run_status(...) take_status (run_cli (__VA_ARGS__))

/* A failing command: exit status 2 and exactly one line on stderr that
 * says what is wrong. */
static void
assert_fails_with (Result     *r,
                   const char *needle)
{
  if (r->status != 2 || strstr (r->err, needle) == NULL)
    g_error ("expected exit 2 and “%s”, got %d: %s", needle, r->status, r->err);
  g_assert_cmpint (strchr (r->err, '\n') - r->err, ==, (int) strlen (r->err) - 1);
  g_assert_null (strstr (r->err, "CRITICAL"));
}

static void
test_backtest_json_equals_example (void)
{
  g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/ladder-bot.json",
                              "--candles", "TEST-USD=tests/fixtures/examples/ladder-candles.csv",
                              "--balance", "10000", "--fee", "0.001", "--json", NULL);
  g_autofree char *ref_path = test_source_path ("tests/fixtures/examples/ladder-report.json");
  g_autofree char *ref = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_file_get_contents (ref_path, &ref, NULL, NULL));
  expected = dca_json_parse (ref, -1, &error);
  actual = dca_json_parse (r.out, -1, &error);
  g_assert_no_error (error);
  test_compare_json (expected, actual, "report");
}

static void
test_backtest_text (void)
{
  g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                              "--candles", "ETH-BTC=data/market/ETH-BTC-5m.csv", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Backtest of “conditions example”"));
  g_assert_nonnull (strstr (r.out, "take_profit"));
  g_assert_nonnull (strstr (r.out, "Max drawdown"));
}

static void
test_backtest_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-cli-XXXXXX", NULL);
  g_autofree char *bad_row = g_build_filename (dir, "bad-row.csv", NULL);
  g_autofree char *bad_order = g_build_filename (dir, "bad-order.csv", NULL);
  g_autofree char *bad_bot = g_build_filename (dir, "bad-bot.json", NULL);
  g_autofree char *arg = NULL;

  g_assert_true (g_file_set_contents (bad_row,
                                      "time,open,high,low,close,volume\n"
                                      "1700000000,100,100,100,100,10\n"
                                      "1700000300,100,100,98,abc,10\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_order,
                                      "time,open,high,low,close,volume\n"
                                      "1700000300,100,100,100,100,10\n"
                                      "1700000000,100,100,98,98,10\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_bot,
                                      "{\"version\": \"1.0\", \"bot\": {\"name\": \"x\", \"product_ids\": [\"ETH-BTC\"],"
                                      " \"strategy_config\": {\"price_deviation\": 30}}}", -1, NULL));

  {
    g_autofree char *a = g_strdup_printf ("ETH-BTC=%s", bad_row);
    g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", a, NULL);

    assert_fails_with (&r, "bad-row.csv:3: close “abc” is not a positive number");
  }
  {
    g_autofree char *a = g_strdup_printf ("ETH-BTC=%s", bad_order);
    g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", a, NULL);

    assert_fails_with (&r, "bad-order.csv:3: time 1700000000 is not after the previous row's");
  }
  {
    g_auto(Result) r = run_cli ("backtest", "--bot", bad_bot, "--candles",
                                "ETH-BTC=data/market/ETH-BTC-5m.csv", NULL);

    assert_fails_with (&r, "strategy_config.price_deviation: must be from 0.1 to 20 (got 30)");
  }
  {
    g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", "LTC-BTC=data/market/LTC-BTC-5m.csv", NULL);

    assert_fails_with (&r, "unknown pair LTC-BTC");
  }
  {
    g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", "ETH-BTC=/nonexistent/file.csv", NULL);

    assert_fails_with (&r, "/nonexistent/file.csv");
  }
  {
    g_auto(Result) r = run_cli ("backtest", "--bot", "/nonexistent/bot.json", "--candles",
                                "ETH-BTC=data/market/ETH-BTC-5m.csv", NULL);

    assert_fails_with (&r, "/nonexistent/bot.json");
  }
  {
    g_auto(Result) r = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", "ETH-BTC=data/market/ETH-BTC-5m.csv", "--fee", "1.5", NULL);

    assert_fails_with (&r, "--fee");
  }
  {
    g_auto(Result) r = run_cli ("frobnicate", NULL);

    assert_fails_with (&r, "unknown command “frobnicate”");
  }

  g_unlink (bad_row);
  g_unlink (bad_order);
  g_unlink (bad_bot);
  g_rmdir (dir);
  (void) arg;
}

static void
test_bots_and_templates (void)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(Result) r = run_cli ("bots", "create", "--file", "data/bots/altcoin-dip-buyer.json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    id = g_strstrip (g_strdup (r.out));
    g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
  }
  {
    g_auto(Result) r = run_cli ("bots", "list", "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    list = dca_json_parse (r.out, -1, &error);
    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0), "name"),
                     ==, "Altcoin dip buyer");
  }
  {
    g_auto(Result) r = run_cli ("bots", "show", id, "--json", NULL);
    g_autoptr(JsonNode) bot = NULL;
    JsonObject *o;

    g_assert_cmpint (r.status, ==, 0);
    bot = dca_json_parse (r.out, -1, &error);
    g_assert_no_error (error);
    o = json_node_get_object (bot);
    g_assert_cmpint (json_object_get_int_member (o, "check_interval_seconds"), ==, 300);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "stopped");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "strategy_config"),
                                                 "max_safety_orders"), ==, 4);
  }
  {
    /* a bot whose config is invalid is not saved */
    g_auto(Result) r = run_cli ("bots", "create", "--file", "tests/fixtures/examples/README.md", NULL);
    g_auto(Result) l = run_cli ("bots", "list", "--json", NULL);
    g_autoptr(JsonNode) after = NULL;

    assert_fails_with (&r, "not valid JSON");
    after = dca_json_parse (l.out, -1, &error);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, 1);
  }
  {
    g_auto(Result) r = run_cli ("bots", "show", "999", NULL);

    assert_fails_with (&r, "999");
  }
  {
    /* export, then create from the export: the same bot comes back */
    g_autofree char *path = g_build_filename (data_dir, "exported.json", NULL);
    g_auto(Result) e = run_cli ("bots", "export", id, "--output", path, NULL);
    g_auto(Result) c = { 0 };
    g_auto(Result) a = { 0 };
    g_auto(Result) b = { 0 };
    g_autofree char *new_id = NULL;
    g_autoptr(JsonNode) na = NULL;
    g_autoptr(JsonNode) nb = NULL;
    JsonObject *oa, *ob;

    g_assert_cmpint (e.status, ==, 0);
    c = run_cli ("bots", "create", "--file", path, NULL);
    g_assert_cmpint (c.status, ==, 0);
    new_id = g_strstrip (g_strdup (c.out));
    a = run_cli ("bots", "show", id, "--json", NULL);
    b = run_cli ("bots", "show", new_id, "--json", NULL);
    na = dca_json_parse (a.out, -1, &error);
    g_assert_no_error (error);
    nb = dca_json_parse (b.out, -1, &error);
    g_assert_no_error (error);
    oa = json_node_get_object (na);
    ob = json_node_get_object (nb);
    g_assert_true (json_node_equal (json_object_get_member (oa, "strategy_config"),
                                    json_object_get_member (ob, "strategy_config")));
    g_assert_true (json_node_equal (json_object_get_member (oa, "product_ids"),
                                    json_object_get_member (ob, "product_ids")));
    g_assert_cmpstr (json_object_get_string_member (oa, "name"), ==,
                     json_object_get_string_member (ob, "name"));
    {
      g_auto(Result) d = run_cli ("bots", "delete", new_id, NULL);

      g_assert_cmpint (d.status, ==, 0);
    }
  }
  {
    /* clone: a stopped copy under a new name; start and stop */
    g_auto(Result) c = run_cli ("bots", "clone", id, NULL);
    g_auto(Result) s = { 0 };
    g_auto(Result) show = { 0 };
    g_auto(Result) d = { 0 };
    g_autofree char *clone_id = NULL;

    g_assert_cmpint (c.status, ==, 0);
    clone_id = g_strstrip (g_strdup (c.out));
    s = run_cli ("bots", "start", clone_id, NULL);
    g_assert_cmpint (s.status, ==, 0);
    show = run_cli ("bots", "show", clone_id, "--json", NULL);
    g_assert_nonnull (strstr (show.out, "\"Altcoin dip buyer (copy)\""));
    g_assert_nonnull (strstr (show.out, "\"running\""));
    g_assert_cmpint (run_status ("bots", "stop", clone_id, NULL), ==, 0);
    d = run_cli ("bots", "delete", clone_id, NULL);
    g_assert_cmpint (d.status, ==, 0);
  }
  {
    g_auto(Result) r = run_cli ("bots", "start", "abc", NULL);

    assert_fails_with (&r, "not a bot id");
  }
  {
    g_auto(Result) r = run_cli ("bots", "delete", id, NULL);
    g_auto(Result) l = run_cli ("bots", "list", "--json", NULL);
    g_autoptr(JsonNode) after = NULL;

    g_assert_cmpint (r.status, ==, 0);
    after = dca_json_parse (l.out, -1, &error);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==, 0);
  }
  {
    g_auto(Result) r = run_cli ("templates", "list", "--json", NULL);
    g_autoptr(JsonNode) t = NULL;
    JsonArray *a;

    g_assert_cmpint (r.status, ==, 0);
    t = dca_json_parse (r.out, -1, &error);
    g_assert_no_error (error);
    a = json_node_get_array (t);
    g_assert_cmpuint (json_array_get_length (a), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 2), "name"), ==, "Aggressive");
  }
  {
    g_autofree char *tmpl = g_build_filename (data_dir, "mine.json", NULL);
    g_auto(Result) c = { 0 };
    g_auto(Result) l = { 0 };
    g_auto(Result) d = { 0 };

    g_assert_true (g_file_set_contents (tmpl, "{\"name\": \"Mine\", \"strategy_type\": \"rsi\","
                                              " \"strategy_config\": {\"rsi_period\": 10}}", -1, NULL));
    c = run_cli ("templates", "create", "--file", tmpl, NULL);
    g_assert_cmpint (c.status, ==, 0);
    l = run_cli ("templates", "list", NULL);
    g_assert_nonnull (strstr (l.out, "Mine"));
    d = run_cli ("templates", "delete", "Conservative", NULL);
    assert_fails_with (&d, "built-in");

    /* edit replaces the settings; a bad one changes nothing */
    g_assert_true (g_file_set_contents (tmpl, "{\"name\": \"Mine\", \"strategy_type\": \"rsi\","
                                              " \"strategy_config\": {\"rsi_period\": 21}}", -1, NULL));
    g_assert_cmpint (run_status ("templates", "edit", "mine", "--file", tmpl, NULL), ==, 0);
    g_assert_true (g_file_set_contents (tmpl, "{\"name\": \"Mine\", \"strategy_type\": \"rsi\","
                                              " \"strategy_config\": {\"rsi_period\": 1}}", -1, NULL));
    {
      g_auto(Result) bad = run_cli ("templates", "edit", "Mine", "--file", tmpl, NULL);
      g_auto(Result) show = run_cli ("templates", "show", "Mine", "--json", NULL);

      assert_fails_with (&bad, "rsi_period");
      g_assert_cmpint (show.status, ==, 0);
      g_assert_nonnull (strstr (show.out, "21"));
    }
    g_assert_cmpint (run_status ("templates", "delete", "Mine", NULL), ==, 0);
    {
      g_auto(Result) gone = run_cli ("templates", "show", "Mine", NULL);

      assert_fails_with (&gone, "Mine");
    }
  }
}


/* The engine headless: a whole replay, then the deals as JSON equal the
 * backtest report's deals for the same bot and candles. */
static void
test_run_deals_balances (void)
{
  g_autofree char *saved = data_dir;
  g_autofree char *market = NULL;
  g_autofree char *csv = test_source_path ("data/market/ETH-BTC-5m.csv");
  g_autofree char *link = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) deals = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *expected, *actual;

  data_dir = g_dir_make_tmp ("dcadesk-cli-run-XXXXXX", NULL);
  market = g_build_filename (data_dir, "market", NULL);
  link = g_build_filename (market, "ETH-BTC-5m.csv", NULL);
  g_assert_cmpint (g_mkdir (market, 0700), ==, 0);
  g_assert_cmpint (symlink (csv, link), ==, 0);

  {
    g_auto(Result) c = run_cli ("bots", "create", "--file", "tests/fixtures/examples/conditions-bot.json", NULL);
    g_autofree char *replay = g_strdup_printf ("replay:%s", market);
    g_auto(Result) r = { 0 };
    g_autofree char *id = NULL;

    g_assert_cmpint (c.status, ==, 0);
    id = g_strstrip (g_strdup (c.out));
    g_assert_cmpint (run_status ("bots", "start", id, NULL), ==, 0);
    r = run_cli ("run", "--market", replay, "--speed", "max", "--until-end", NULL);
    g_assert_cmpint (r.status, ==, 0);
    /* events one per line */
    g_assert_nonnull (strstr (r.out, "deal-opened"));
    g_assert_nonnull (strstr (r.out, "deal-closed"));
    g_assert_nonnull (strstr (r.out, "replay-finished"));
  }
  {
    g_auto(Result) b = run_cli ("backtest", "--bot", "tests/fixtures/examples/conditions-bot.json",
                                "--candles", "ETH-BTC=data/market/ETH-BTC-5m.csv", "--json", NULL);
    g_auto(Result) d = run_cli ("deals", "list", "--json", NULL);

    g_assert_cmpint (b.status, ==, 0);
    g_assert_cmpint (d.status, ==, 0);
    report = dca_json_parse (b.out, -1, &error);
    g_assert_no_error (error);
    deals = dca_json_parse (d.out, -1, &error);
    g_assert_no_error (error);
  }
  expected = json_object_get_array_member (json_node_get_object (report), "deals");
  actual = json_node_get_array (deals);
  g_assert_cmpuint (json_array_get_length (actual), ==, json_array_get_length (expected));
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("deals[%u]", i);
      JsonObject *o = json_array_get_object_element (actual, i);

      JsonObject *e = json_array_get_object_element (expected, i);
      g_autoptr(GList) members = json_object_get_members (e);

      /* every key of the report's deal, with its value; deals list adds more */
      for (GList *m = members; m != NULL; m = m->next)
        {
          g_autofree char *mpath = g_strdup_printf ("%s.%s", path, (char *) m->data);

          g_assert_true (json_object_has_member (o, m->data));
          test_compare_json (json_object_get_member (e, m->data), json_object_get_member (o, m->data),
                             mpath);
        }
      g_assert_cmpint (json_object_get_int_member (o, "bot_id"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (o, "id"), >, 0);
    }

  {
    g_auto(Result) open = run_cli ("deals", "list", "--status", "closed", "--bot", "1", "--json", NULL);
    g_auto(Result) show = run_cli ("deals", "show", "1", "--json", NULL);
    g_auto(Result) bal = run_cli ("balances", "--json", NULL);
    g_auto(Result) bad = run_cli ("deals", "list", "--status", "done", NULL);
    g_auto(Result) none = run_cli ("deals", "show", "4242", NULL);
    g_autoptr(JsonNode) closed = dca_json_parse (open.out, -1, NULL);
    g_autoptr(JsonNode) one = dca_json_parse (show.out, -1, NULL);
    g_autoptr(JsonNode) balances = dca_json_parse (bal.out, -1, NULL);
    JsonObject *end_balance = NULL;
    JsonArray *rows;

    g_assert_cmpuint (json_array_get_length (json_node_get_array (closed)), ==,
                      json_object_get_int_member (json_object_get_object_member (json_node_get_object (report),
                                                                                 "summary"),
                                                  "deals_closed"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (one),
                                                                           "orders")), >=, 2);
    rows = json_node_get_array (balances);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rows, i), "currency"),
                     "BTC") == 0)
        end_balance = json_array_get_object_element (rows, i);
    g_assert_nonnull (end_balance);
    /* the paper wallet ends where the backtest's balance ends */
    {
      DcaDecimal a, b;

      g_assert_true (dca_decimal_parse (json_object_get_string_member (json_node_get_object (report),
                                                                       "end_balance"), &a, NULL));
      g_assert_true (dca_decimal_from_double (json_object_get_double_member (end_balance, "available"),
                                              &b, NULL));
      g_assert_cmpfloat_with_epsilon (dca_decimal_to_double (a), dca_decimal_to_double (b), 1e-12);
    }
    assert_fails_with (&bad, "done");
    assert_fails_with (&none, "4242");
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  data_dir = g_steal_pointer (&saved);
}

/* ---- deals and balances from a store filled directly ------------------- */

static DcaDecimal
dec (const char *s)
{
  DcaDecimal d;
  g_autoptr(GError) error = NULL;

  if (!dca_decimal_parse (s, &d, &error))
    g_error ("cannot parse %s: %s", s, error->message);
  return d;
}

static gint64
store_bot (DcaStore   *store,
           const char *name,
           const char *product)
{
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  char *products[] = { (char *) product, NULL };
  g_autoptr(GError) error = NULL;
  gint64 id;

  bot->name = g_strdup (name);
  bot->strategy_type = g_strdup ("conditional_dca");
  bot->product_ids = g_strdupv (products);
  bot->strategy_config_json = g_strdup ("{\"take_profit_percentage\": 3.0}");
  id = dca_store_insert_bot (store, bot, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
store_deal (DcaStore   *store,
            gint64      bot_id,
            const char *product,
            gint64      opened_at)
{
  g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  deal->bot_id = bot_id;
  deal->product_id = g_strdup (product);
  deal->state.status = DCA_DEAL_STATUS_OPEN;
  deal->state.opened_at = opened_at;
  id = dca_store_insert_deal (store, deal, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
store_order (DcaStore       *store,
             gint64          deal_id,
             DcaOrderKind    kind,
             DcaSide         side,
             const char     *size,
             guint           so_index,
             gint64          created_at)
{
  g_autoptr(DcaOrderRecord) order = dca_order_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  order->deal_id = deal_id;
  order->kind = kind;
  order->side = side;
  order->type = DCA_ORDER_TYPE_MARKET;
  if (side == DCA_SIDE_BUY)
    order->quote_size = dec (size);
  else
    order->base_size = dec (size);
  order->so_index = so_index;
  order->created_at = created_at;
  id = dca_store_insert_order (store, order, &error);
  g_assert_no_error (error);
  return id;
}

/* Records one fill of a whole order and moves the deal's state along, as
 * the engine does: a buy's quote includes its fee, a sell's is net of it. */
static void
store_fill (DcaStore     *store,
            gint64        order_id,
            const char   *trade_id,
            DcaDealState *s,
            gint64        time,
            DcaSide       side,
            DcaOrderKind  kind,
            const char   *price,
            const char   *base,
            const char   *quote,
            const char   *fee)
{
  DcaFill f = { time, side, kind, dec (price), dec (base), dec (quote), dec (fee) };
  g_autoptr(GError) error = NULL;

  s->fees = dca_decimal_add (s->fees, f.fee);
  if (side == DCA_SIDE_BUY)
    {
      s->quote_spent = dca_decimal_add (s->quote_spent, f.quote);
      s->base_bought = dca_decimal_add (s->base_bought, f.base);
      s->last_buy_at = time;
      if (kind == DCA_ORDER_KIND_BASE)
        {
          s->base_price = f.price;
          s->base_order_base = f.base;
        }
      else
        s->safety_orders++;
    }
  else
    {
      s->base_sold = dca_decimal_add (s->base_sold, f.base);
      s->quote_received = dca_decimal_add (s->quote_received, f.quote);
    }
  g_assert_true (dca_store_record_fill (store, order_id, trade_id, &f, s, TRUE, &error));
  g_assert_no_error (error);
}

static JsonNode *
cli_json (int         expect_status,
          const char *first,
          ...)
{
  const char *argv[12] = { first };
  guint n = 1;
  va_list args;
  g_auto(Result) r = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  va_start (args, first);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (argv) - 1);
      argv[n++] = a;
    }
  va_end (args);
  r = run_cli (argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8],
               argv[9], argv[10], NULL);
  if (r.status != expect_status)
    g_error ("%s: expected exit %d, got %d: %s", first, expect_status, r.status, r.err);
  g_assert_cmpstr (r.err, ==, "");
  node = dca_json_parse (r.out, -1, &error);
  g_assert_no_error (error);
  return node;
}

/* The ids of a JSON array of deals, in order, as "2,3,1". */
static char *
deal_ids (JsonNode *deals)
{
  JsonArray *a = json_node_get_array (deals);
  g_autoptr(GString) s = g_string_new ("");

  for (guint i = 0; i < json_array_get_length (a); i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            json_object_get_int_member (json_array_get_object_element (a, i), "id"));
  return g_strdup (s->str);
}

static void
assert_deal_ids (const char *expected,
                 const char *first,
                 ...)
{
  const char *argv[10] = { first };
  guint n = 1;
  va_list args;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ids = NULL;

  va_start (args, first);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (argv) - 1);
      argv[n++] = a;
    }
  va_end (args);
  node = cli_json (0, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7],
                   argv[8], NULL);
  ids = deal_ids (node);
  g_assert_cmpstr (ids, ==, expected);
}

static void
assert_members (JsonObject         *o,
                const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (o);

  for (guint i = 0; expected[i] != NULL; i++)
    if (!json_object_has_member (o, expected[i]))
      g_error ("member “%s” missing", expected[i]);
  for (GList *m = members; m != NULL; m = m->next)
    if (!g_strv_contains (expected, m->data))
      g_error ("unexpected member “%s”", (char *) m->data);
}

static void
assert_null_member (JsonObject *o,
                    const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  if (!json_object_get_null_member (o, name))
    g_error ("“%s” is not null", name);
}

/* deals list/show and balances over a store the test fills itself, so every
 * value is known: order, keys, amounts, nulls, filters and the errors. */
static void
test_deals_from_store (void)
{
  static const char * const deal_keys[] = {
    /* the backtest report's deal (deal-semantics.md) ... */
    "product_id", "status", "opened_at", "closed_at", "close_reason", "safety_orders",
    "quote_spent", "base_acquired", "average_price", "quote_received", "profit",
    "profit_percentage", "fills",
    /* ... and what the store adds */
    "id", "bot_id", "exchange", "notes", "last_error", NULL
  };
  static const char * const fill_keys[] = {
    "time", "side", "kind", "price", "base", "quote", "fee", NULL
  };
  static const char * const order_keys[] = {
    "id", "client_order_id", "exchange_order_id", "kind", "side", "type", "status",
    "safety_order", "quote_size", "base_size", "limit_price", "filled_base", "filled_quote",
    "fees", "average_price", "error", "created_at", NULL
  };
  g_autofree char *saved = data_dir;
  g_autoptr(GError) error = NULL;
  gint64 bot_a, bot_b, late, closed, cancelled;

  data_dir = g_dir_make_tmp ("dcadesk-cli-deals-XXXXXX", NULL);
  {
    g_autofree char *path = g_build_filename (data_dir, "dcadesk.db", NULL);
    g_autoptr(DcaStore) store = dca_store_open (path, &error);
    DcaDealState s = { 0 };
    gint64 o;

    g_assert_no_error (error);
    g_assert_true (dca_store_set_balance (store, "paper", "BTC", dec ("1"), dca_decimal_zero (), &error));
    g_assert_true (dca_store_set_balance (store, "coinbase", "USD", dec ("250.50"), dec ("10"), &error));
    g_assert_true (dca_store_set_balance (store, "coinbase", "BTC", dec ("0.00012345"),
                                          dca_decimal_zero (), &error));
    g_assert_no_error (error);

    bot_a = store_bot (store, "ETH bot", "ETH-BTC");
    bot_b = store_bot (store, "LTC bot", "LTC-BTC");

    /* inserted newest first, so ids and opening times disagree */
    late = store_deal (store, bot_b, "LTC-BTC", 3000);
    s.status = DCA_DEAL_STATUS_OPEN;
    s.opened_at = 3000;
    s.base_order_quote = dec ("0.01006");
    o = store_order (store, late, DCA_ORDER_KIND_BASE, DCA_SIDE_BUY, "0.01006", 0, 3000);
    store_fill (store, o, "l1", &s, 3000, DCA_SIDE_BUY, DCA_ORDER_KIND_BASE, "0.01", "1", "0.01006",
                "0.00006");
    g_assert_true (dca_store_set_deal_last_error (store, late, "Safety order 1 was rejected", &error));
    g_assert_no_error (error);

    closed = store_deal (store, bot_a, "ETH-BTC", 1000);
    memset (&s, 0, sizeof s);
    s.status = DCA_DEAL_STATUS_OPEN;
    s.opened_at = 1000;
    s.base_order_quote = dec ("0.1006");
    o = store_order (store, closed, DCA_ORDER_KIND_BASE, DCA_SIDE_BUY, "0.1006", 0, 1000);
    g_assert_true (dca_store_set_order_exchange_id (store, o, "cb-base-1", &error));
    store_fill (store, o, "c1", &s, 1000, DCA_SIDE_BUY, DCA_ORDER_KIND_BASE, "0.05", "2", "0.1006",
                "0.0006");
    o = store_order (store, closed, DCA_ORDER_KIND_SAFETY, DCA_SIDE_BUY, "0.04024", 1, 1500);
    store_fill (store, o, "c2", &s, 1500, DCA_SIDE_BUY, DCA_ORDER_KIND_SAFETY, "0.04", "1", "0.04024",
                "0.00024");
    o = store_order (store, closed, DCA_ORDER_KIND_EXIT, DCA_SIDE_SELL, "3", 0, 2000);
    s.status = DCA_DEAL_STATUS_CLOSED;
    s.closed_at = 2000;
    s.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
    store_fill (store, o, "c3", &s, 2000, DCA_SIDE_SELL, DCA_ORDER_KIND_EXIT, "0.05", "3", "0.1491",
                "0.0009");
    g_assert_true (dca_store_set_deal_notes (store, closed, "first try", &error));
    g_assert_no_error (error);

    /* opened in the same second as the closed one: the id breaks the tie */
    cancelled = store_deal (store, bot_a, "ETH-BTC", 1000);
    o = store_order (store, cancelled, DCA_ORDER_KIND_BASE, DCA_SIDE_BUY, "0.1", 0, 1000);
    g_assert_true (dca_store_set_order_error (store, o, "insufficient funds", &error));
    g_assert_no_error (error);
    memset (&s, 0, sizeof s);
    s.status = DCA_DEAL_STATUS_CANCELLED;
    s.opened_at = 1000;
    s.closed_at = 1001;
    g_assert_true (dca_store_update_deal_state (store, cancelled, &s, &error));
    g_assert_no_error (error);
  }

  /* oldest first: opening time, then id */
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                 closed, cancelled, late);

    g_assert_cmpint (closed, <, cancelled);
    g_assert_cmpint (late, <, closed);
    assert_deal_ids (expected, "deals", "list", "--json", NULL);
  }
  {
    g_autoptr(JsonNode) list = cli_json (0, "deals", "list", "--json", NULL);
    JsonArray *a = json_node_get_array (list);
    JsonObject *c = json_array_get_object_element (a, 0);
    JsonObject *x = json_array_get_object_element (a, 1);
    JsonObject *l = json_array_get_object_element (a, 2);
    JsonArray *fills;
    JsonObject *f;

    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *d = json_array_get_object_element (a, i);
        JsonArray *fa = json_object_get_array_member (d, "fills");

        assert_members (d, deal_keys);
        for (guint j = 0; j < json_array_get_length (fa); j++)
          assert_members (json_array_get_object_element (fa, j), fill_keys);
      }

    /* the closed deal: exact amounts, as decimal strings */
    g_assert_cmpint (json_object_get_int_member (c, "bot_id"), ==, bot_a);
    g_assert_cmpstr (json_object_get_string_member (c, "exchange"), ==, "paper");
    g_assert_cmpstr (json_object_get_string_member (c, "product_id"), ==, "ETH-BTC");
    g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "closed");
    g_assert_cmpint (json_object_get_int_member (c, "opened_at"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (c, "closed_at"), ==, 2000);
    g_assert_cmpstr (json_object_get_string_member (c, "close_reason"), ==, "take_profit");
    g_assert_cmpint (json_object_get_int_member (c, "safety_orders"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (c, "quote_spent"), ==, "0.14084");
    g_assert_cmpstr (json_object_get_string_member (c, "base_acquired"), ==, "3");
    /* 0.14084 / 3 */
    g_assert_true (g_str_has_prefix (json_object_get_string_member (c, "average_price"), "0.0469466666"));
    g_assert_cmpstr (json_object_get_string_member (c, "quote_received"), ==, "0.1491");
    g_assert_cmpstr (json_object_get_string_member (c, "profit"), ==, "0.00826");
    /* 0.00826 x 100 / 0.14084 */
    g_assert_true (g_str_has_prefix (json_object_get_string_member (c, "profit_percentage"), "5.8648111"));
    g_assert_cmpstr (json_object_get_string_member (c, "notes"), ==, "first try");
    assert_null_member (c, "last_error");
    fills = json_object_get_array_member (c, "fills");
    g_assert_cmpuint (json_array_get_length (fills), ==, 3);
    f = json_array_get_object_element (fills, 1);
    g_assert_cmpint (json_object_get_int_member (f, "time"), ==, 1500);
    g_assert_cmpstr (json_object_get_string_member (f, "side"), ==, "buy");
    g_assert_cmpstr (json_object_get_string_member (f, "kind"), ==, "safety");
    g_assert_cmpstr (json_object_get_string_member (f, "price"), ==, "0.04");
    g_assert_cmpstr (json_object_get_string_member (f, "base"), ==, "1");
    g_assert_cmpstr (json_object_get_string_member (f, "quote"), ==, "0.04024");
    g_assert_cmpstr (json_object_get_string_member (f, "fee"), ==, "0.00024");
    f = json_array_get_object_element (fills, 2);
    g_assert_cmpstr (json_object_get_string_member (f, "side"), ==, "sell");
    g_assert_cmpstr (json_object_get_string_member (f, "kind"), ==, "exit");

    /* a cancelled deal has no close and no profit, as an open one */
    g_assert_cmpstr (json_object_get_string_member (x, "status"), ==, "cancelled");
    assert_null_member (x, "closed_at");
    assert_null_member (x, "close_reason");
    assert_null_member (x, "profit");
    assert_null_member (x, "notes");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (x, "fills")), ==, 0);

    /* the open deal: nulls where the report has them */
    g_assert_cmpint (json_object_get_int_member (l, "bot_id"), ==, bot_b);
    g_assert_cmpstr (json_object_get_string_member (l, "status"), ==, "open");
    assert_null_member (l, "closed_at");
    assert_null_member (l, "close_reason");
    assert_null_member (l, "quote_received");
    assert_null_member (l, "profit");
    assert_null_member (l, "profit_percentage");
    g_assert_cmpint (json_object_get_int_member (l, "safety_orders"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (l, "quote_spent"), ==, "0.01006");
    g_assert_cmpstr (json_object_get_string_member (l, "average_price"), ==, "0.01006");
    g_assert_cmpstr (json_object_get_string_member (l, "last_error"), ==, "Safety order 1 was rejected");
  }

  /* filters, and --limit keeps the latest deals, still oldest first */
  {
    g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, closed);
    g_autofree char *x = g_strdup_printf ("%" G_GINT64_FORMAT, cancelled);
    g_autofree char *l = g_strdup_printf ("%" G_GINT64_FORMAT, late);
    g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, bot_a);
    g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, bot_b);
    g_autofree char *ca = g_strdup_printf ("%s,%s", c, x);
    g_autofree char *xl = g_strdup_printf ("%s,%s", x, l);

    assert_deal_ids (l, "deals", "list", "--status", "open", "--json", NULL);
    assert_deal_ids (c, "deals", "list", "--status", "closed", "--json", NULL);
    assert_deal_ids (x, "deals", "list", "--status", "cancelled", "--json", NULL);
    assert_deal_ids (ca, "deals", "list", "--bot", a, "--json", NULL);
    assert_deal_ids (l, "deals", "list", "--bot", b, "--json", NULL);
    assert_deal_ids ("", "deals", "list", "--bot", b, "--status", "closed", "--json", NULL);
    assert_deal_ids (c, "deals", "list", "--bot", a, "--status", "closed", "--json", NULL);
    assert_deal_ids (l, "deals", "list", "--pair", "LTC-BTC", "--json", NULL);
    assert_deal_ids (ca, "deals", "list", "--pair", "ETH-BTC", "--json", NULL);
    assert_deal_ids (xl, "deals", "list", "--limit", "2", "--json", NULL);
    assert_deal_ids ("", "deals", "list", "--bot", "4242", "--json", NULL);
  }

  /* the readable table */
  {
    g_auto(Result) r = run_cli ("deals", "list", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Profit %"));
    g_assert_nonnull (strstr (r.out, "1970-01-01 00:16"));  /* opened at 1000 */
    g_assert_nonnull (strstr (r.out, "0.00826000"));
    g_assert_nonnull (strstr (r.out, "5.86"));
    g_assert_nonnull (strstr (r.out, "cancelled"));
    g_assert_true (strstr (r.out, "ETH-BTC") < strstr (r.out, "LTC-BTC"));
  }

  /* one deal with its orders */
  {
    g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, closed);
    g_autofree char *x = g_strdup_printf ("%" G_GINT64_FORMAT, cancelled);
    g_autoptr(JsonNode) show = cli_json (0, "deals", "show", c, "--json", NULL);
    g_autoptr(JsonNode) show_x = cli_json (0, "deals", "show", x, "--json", NULL);
    g_autoptr(JsonNode) list = cli_json (0, "deals", "list", "--status", "closed", "--json", NULL);
    JsonObject *d = json_node_get_object (show);
    JsonArray *orders = json_object_get_array_member (d, "orders");
    JsonObject *o;
    g_autoptr(JsonNode) without_orders = NULL;

    g_assert_cmpint (json_object_get_int_member (d, "id"), ==, closed);
    g_assert_cmpuint (json_array_get_length (orders), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        const char *cid;

        o = json_array_get_object_element (orders, i);
        if (i == 1)
          assert_members (o, order_keys);
        else
          {
            /* safety_order only on safety orders */
            g_assert_false (json_object_has_member (o, "safety_order"));
            g_assert_true (json_object_has_member (o, "limit_price"));
          }
        cid = json_object_get_string_member (o, "client_order_id");
        g_assert_true (cid != NULL && *cid != '\0');
        g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "market");
        g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "filled");
        assert_null_member (o, "limit_price");
        assert_null_member (o, "error");
      }
    o = json_array_get_object_element (orders, 0);
    g_assert_cmpstr (json_object_get_string_member (o, "exchange_order_id"), ==, "cb-base-1");
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "base");
    g_assert_cmpstr (json_object_get_string_member (o, "side"), ==, "buy");
    g_assert_cmpstr (json_object_get_string_member (o, "quote_size"), ==, "0.1006");
    assert_null_member (o, "base_size");
    g_assert_cmpstr (json_object_get_string_member (o, "filled_base"), ==, "2");
    g_assert_cmpstr (json_object_get_string_member (o, "filled_quote"), ==, "0.1006");
    g_assert_cmpstr (json_object_get_string_member (o, "fees"), ==, "0.0006");
    g_assert_cmpstr (json_object_get_string_member (o, "average_price"), ==, "0.05");
    g_assert_cmpint (json_object_get_int_member (o, "created_at"), ==, 1000);
    o = json_array_get_object_element (orders, 1);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "safety");
    g_assert_cmpint (json_object_get_int_member (o, "safety_order"), ==, 1);
    assert_null_member (o, "exchange_order_id");
    o = json_array_get_object_element (orders, 2);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "exit");
    g_assert_cmpstr (json_object_get_string_member (o, "side"), ==, "sell");
    assert_null_member (o, "quote_size");
    g_assert_cmpstr (json_object_get_string_member (o, "base_size"), ==, "3");
    g_assert_cmpstr (json_object_get_string_member (o, "filled_quote"), ==, "0.1491");

    /* apart from its orders, the deal is what the list says */
    json_object_remove_member (d, "orders");
    without_orders = json_node_copy (json_array_get_element (json_node_get_array (list), 0));
    g_assert_true (json_node_equal (show, without_orders));

    o = json_array_get_object_element (json_object_get_array_member (json_node_get_object (show_x),
                                                                     "orders"), 0);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "pending");
    g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, "insufficient funds");
    g_assert_cmpstr (json_object_get_string_member (o, "filled_base"), ==, "0");
  }
  {
    g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, closed);
    g_auto(Result) r = run_cli ("deals", "show", c, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "take_profit"));
    g_assert_nonnull (strstr (r.out, "first try"));
    g_assert_nonnull (strstr (r.out, "Fills:"));
    g_assert_nonnull (strstr (r.out, "0.04024"));
  }

  /* balances: exact decimal numbers, paper first */
  {
    g_auto(Result) r = run_cli ("balances", "--json", NULL);
    g_autoptr(JsonNode) all = NULL;
    g_autoptr(JsonNode) cb = cli_json (0, "balances", "--exchange", "coinbase", "--json", NULL);
    JsonArray *a;
    GString *rows = g_string_new ("");
    g_autofree char *joined = NULL;

    g_assert_cmpint (r.status, ==, 0);
    all = dca_json_parse (r.out, -1, &error);
    g_assert_no_error (error);
    a = json_node_get_array (all);
    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *b = json_array_get_object_element (a, i);
        static const char * const balance_keys[] = { "exchange", "currency", "available", "hold", NULL };

        assert_members (b, balance_keys);
        g_string_append_printf (rows, "%s:%s ", json_object_get_string_member (b, "exchange"),
                                json_object_get_string_member (b, "currency"));
      }
    joined = g_string_free (rows, FALSE);
    /* 1 - 0.1006 - 0.04024 + 0.1491 - 0.01006 BTC; 3 ETH bought and sold; 1 LTC */
    g_assert_cmpstr (joined, ==, "paper:BTC paper:ETH paper:LTC coinbase:BTC coinbase:USD ");
    g_assert_nonnull (strstr (r.out, "\"available\": 0.9982,"));
    g_assert_nonnull (strstr (r.out, "\"available\": 0.00012345,"));
    g_assert_nonnull (strstr (r.out, "\"available\": 250.5,"));
    g_assert_nonnull (strstr (r.out, "\"hold\": 10\n"));
    g_assert_null (strstr (r.out, "\""  "0.9982\""));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (cb)), ==, 2);
  }
  {
    g_auto(Result) r = run_cli ("balances", "--exchange", "paper", NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "0.9982"));
    g_assert_null (strstr (r.out, "coinbase"));
  }

  /* errors: exit 2, one line naming the culprit */
  {
    g_auto(Result) unknown = run_cli ("deals", "show", "4242", "--json", NULL);
    g_auto(Result) not_id = run_cli ("deals", "show", "abc", NULL);
    g_auto(Result) status = run_cli ("deals", "list", "--status", "foo", NULL);
    g_auto(Result) bot = run_cli ("deals", "list", "--bot", "abc", NULL);
    g_auto(Result) zero = run_cli ("deals", "list", "--bot", "0", NULL);
    g_auto(Result) limit = run_cli ("deals", "list", "--limit", "many", NULL);
    g_auto(Result) negative = run_cli ("deals", "list", "--limit", "-1", NULL);
    g_auto(Result) verb = run_cli ("deals", "remove", "1", NULL);
    g_auto(Result) exchange = run_cli ("balances", "--exchange", "kraken", NULL);
    g_auto(Result) extra = run_cli ("balances", "BTC", NULL);

    assert_fails_with (&unknown, "4242");
    g_assert_cmpstr (unknown.out, ==, "");
    assert_fails_with (&not_id, "“abc”");
    assert_fails_with (&status, "“foo”");
    assert_fails_with (&bot, "“abc”");
    assert_fails_with (&zero, "“0”");
    assert_fails_with (&limit, "many");
    assert_fails_with (&negative, "-1");
    assert_fails_with (&verb, "deals:");
    assert_fails_with (&exchange, "“kraken”");
    assert_fails_with (&extra, "“BTC”");
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  data_dir = g_steal_pointer (&saved);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  data_dir = g_dir_make_tmp ("dcadesk-cli-data-XXXXXX", NULL);

  g_test_add_func ("/cli/backtest-json", test_backtest_json_equals_example);
  g_test_add_func ("/cli/backtest-text", test_backtest_text);
  g_test_add_func ("/cli/backtest-bad-input", test_backtest_bad_input);
  g_test_add_func ("/cli/bots-and-templates", test_bots_and_templates);
  g_test_add_func ("/cli/run-deals-balances", test_run_deals_balances);
  g_test_add_func ("/cli/deals-from-store", test_deals_from_store);

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  return ret;
}
