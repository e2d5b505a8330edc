/* test-cli.c: dcadesk-cli as a user runs it: reports, exit statuses and
 * one-line errors for bad input, and the bot and template commands on a
 * fresh data directory */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dca-json.h"
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

  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  return ret;
}
