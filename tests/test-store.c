/* test-store.c: the SQLite store: schema, migrations, records, fills, plans */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "dca-store.h"

#define UNIT ((__int128) 1000000000000000000LL) /* 10^18: one whole coin in units */
#define E8   ((__int128) 10000000000LL)         /* 10^-8 of a coin, in units */

/* ---- helpers ------------------------------------------------------------- */

static DcaDecimal
D (const char *s)
{
  DcaDecimal d;
  g_autoptr(GError) error = NULL;

  if (!dca_decimal_parse (s, &d, &error))
    g_error ("cannot parse %s: %s", s, error->message);
  return d;
}

static void
set_str (char **p, const char *value)
{
  g_free (*p);
  *p = g_strdup (value);
}

/* A uniform integer in [lo, hi], for ranges wider than 32 bits. */
static gint64
rand_range (gint64 lo, gint64 hi)
{
  guint64 r = ((guint64) g_test_rand_int () << 32) ^ (guint32) g_test_rand_int ();

  return lo + (gint64) (r % (guint64) (hi - lo + 1));
}

static void
assert_decimal (DcaDecimal d, const char *expected)
{
  g_autofree char *s = dca_decimal_to_string (d);

  g_assert_cmpstr (s, ==, expected);
}

/* The test's own formatting of 10^-18 units, independent of dca-decimal.c:
 * the same canonical form the store writes ("0.1", "-2", "1.000000000000000001"). */
static char *
units_to_string (__int128 v)
{
  char digits[64];
  int n = 0;
  unsigned __int128 u = v < 0 ? (unsigned __int128) -v : (unsigned __int128) v;
  GString *s = g_string_new (v < 0 ? "-" : "");
  int frac;

  do
    {
      digits[n++] = (char) ('0' + (int) (u % 10));
      u /= 10;
    }
  while (u != 0);
  while (n <= 18)
    digits[n++] = '0';
  for (int i = n - 1; i >= 18; i--)
    g_string_append_c (s, digits[i]);
  frac = 0;
  while (frac < 18 && digits[frac] == '0')
    frac++;
  if (frac < 18)
    {
      g_string_append_c (s, '.');
      for (int i = 17; i >= frac; i--)
        g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  char *dir;
  char *path;
} TmpDb;

static void
tmp_db_init (TmpDb *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("dcadesk-store-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "dcadesk.db", NULL);
}

static void
tmp_db_clear (TmpDb *t)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (t->path, suffixes[i], NULL);

      g_unlink (p);
    }
  g_rmdir (t->dir);
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->path, g_free);
}

static DcaStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DcaStore *store = dca_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* The first column of the first row, as text (NULL for no row or NULL). */
static char *
raw_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static gint64
raw_int (sqlite3 *db, const char *sql)
{
  g_autofree char *s = raw_text (db, sql);

  g_assert_nonnull (s);
  return g_ascii_strtoll (s, NULL, 10);
}

static DcaBotRecord *
make_bot (const char *name, const char *product)
{
  DcaBotRecord *bot = dca_bot_record_new ();
  char *products[] = { (char *) product, NULL };

  bot->name = g_strdup (name);
  bot->description = g_strdup ("a test bot");
  bot->strategy_type = g_strdup ("conditional_dca");
  bot->product_ids = g_strdupv (products);
  bot->strategy_config_json =
    g_strdup ("{\"take_profit_percentage\": 3.0, \"max_safety_orders\": 5}");
  return bot;
}

static gint64
insert_bot (DcaStore *store, const char *name, const char *product)
{
  g_autoptr(DcaBotRecord) bot = make_bot (name, product);
  g_autoptr(GError) error = NULL;
  gint64 id = dca_store_insert_bot (store, bot, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
insert_deal (DcaStore *store, gint64 bot_id, const char *product, gint64 opened_at)
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
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
insert_order (DcaStore *store, gint64 deal_id, DcaSide side, DcaOrderKind kind)
{
  g_autoptr(DcaOrderRecord) order = dca_order_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  order->deal_id = deal_id;
  order->side = side;
  order->kind = kind;
  order->type = DCA_ORDER_TYPE_MARKET;
  if (side == DCA_SIDE_BUY)
    order->quote_size = D ("0.01");
  else
    order->base_size = D ("0.1");
  id = dca_store_insert_order (store, order, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_balance (DcaStore *store, const char *exchange, const char *currency, const char *amount)
{
  g_autoptr(GError) error = NULL;

  dca_store_set_balance (store, exchange, currency, D (amount), dca_decimal_zero (), &error);
  g_assert_no_error (error);
}

static DcaDecimal
available (DcaStore *store, const char *exchange, const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBalanceRecord) b = dca_store_get_balance (store, exchange, currency, &error);

  g_assert_no_error (error);
  return b->available;
}

static void
assert_state_equal (const DcaDealState *a, const DcaDealState *b)
{
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->opened_at, ==, b->opened_at);
  g_assert_cmpint (a->closed_at, ==, b->closed_at);
  g_assert_cmpint (a->close_reason, ==, b->close_reason);
  g_assert_true (a->quote_spent.raw == b->quote_spent.raw);
  g_assert_true (a->base_bought.raw == b->base_bought.raw);
  g_assert_true (a->base_sold.raw == b->base_sold.raw);
  g_assert_true (a->quote_received.raw == b->quote_received.raw);
  g_assert_true (a->fees.raw == b->fees.raw);
  g_assert_true (a->base_price.raw == b->base_price.raw);
  g_assert_true (a->base_order_quote.raw == b->base_order_quote.raw);
  g_assert_true (a->base_order_base.raw == b->base_order_base.raw);
  g_assert_true (a->capital_at_open.raw == b->capital_at_open.raw);
  g_assert_cmpuint (a->safety_orders, ==, b->safety_orders);
  g_assert_cmpint (a->last_buy_at, ==, b->last_buy_at);
  g_assert_cmpint (a->tp_trailing, ==, b->tp_trailing);
  g_assert_true (a->tp_trail_high.raw == b->tp_trail_high.raw);
  g_assert_true (a->highest_price.raw == b->highest_price.raw);
}

/* ---- schema and opening -------------------------------------------------- */

static const char *const money_columns[][2] = {
  { "bots", "reserved_btc_balance" }, { "bots", "reserved_usd_balance" },
  { "deals", "quote_spent" }, { "deals", "base_bought" }, { "deals", "base_sold" },
  { "deals", "quote_received" }, { "deals", "fees" }, { "deals", "base_price" },
  { "deals", "base_order_quote" }, { "deals", "base_order_base" },
  { "deals", "capital_at_open" }, { "deals", "tp_trail_high" },
  { "deals", "highest_price" }, { "deals", "profit" }, { "deals", "profit_percentage" },
  { "orders", "quote_size" }, { "orders", "base_size" }, { "orders", "limit_price" },
  { "orders", "filled_base" }, { "orders", "filled_quote" }, { "orders", "fees" },
  { "orders", "average_price" },
  { "fills", "price" }, { "fills", "base" }, { "fills", "quote" }, { "fills", "fee" },
  { "account_snapshots", "value" }, { "account_snapshots", "value_usd" },
  { "balances", "available" }, { "balances", "hold" },
};

static void
test_schema_fresh (void)
{
  static const char *const tables[] = {
    "bots", "bot_templates", "deals", "orders", "fills", "decisions", "events",
    "account_snapshots", "balances", "kv",
  };
  TmpDb t;
  g_autoptr(DcaStore) store = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  tmp_db_init (&t);
  store = open_store (t.path);
  g_assert_cmpstr (dca_store_get_path (store), ==, t.path);
  g_assert_cmpuint (dca_store_schema_version (), >=, 1);

  db = raw_open (t.path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, dca_store_schema_version ());
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                         tables[i]);
      g_autofree char *name = raw_text (db, sql);

      g_assert_cmpstr (name, ==, tables[i]);
    }

  /* no column anywhere may have REAL or NUMERIC affinity */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT m.name, p.name, p.type FROM sqlite_master m, "
                                       "pragma_table_info (m.name) p WHERE m.type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 2);

      g_assert_true (g_str_equal (type, "TEXT") || g_str_equal (type, "INTEGER"));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (money_columns); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT type FROM pragma_table_info ('%s') WHERE name = '%s'",
                         money_columns[i][0], money_columns[i][1]);
      g_autofree char *type = raw_text (db, sql);

      g_assert_cmpstr (type, ==, "TEXT");
    }

  /* the journal mode is persistent: WAL */
  {
    g_autofree char *mode = raw_text (db, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal");
  }
  sqlite3_close (db);

  /* reopening an up-to-date database changes nothing */
  g_clear_object (&store);
  store = open_store (t.path);
  g_clear_object (&store);
  tmp_db_clear (&t);
}

static void
test_schema_empty_file (void)
{
  TmpDb t;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  sqlite3 *db;

  tmp_db_init (&t);
  g_file_set_contents (t.path, "", 0, &error);
  g_assert_no_error (error);

  store = open_store (t.path);
  insert_bot (store, "After migration", "ETH-BTC");
  g_clear_object (&store);

  db = raw_open (t.path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, dca_store_schema_version ());
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM bots"), ==, 1);
  sqlite3_close (db);
  tmp_db_clear (&t);
}

static void
test_schema_too_new (void)
{
  TmpDb t;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  gsize before_len, after_len;
  DcaStore *store;
  sqlite3 *db;

  tmp_db_init (&t);
  db = raw_open (t.path);
  raw_exec (db, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('keep me');"
                "PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_file_get_contents (t.path, &before, &before_len, &error);
  g_assert_no_error (error);

  store = dca_store_open (t.path, &error);
  g_assert_null (store);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_TOO_NEW);
  expected = g_strdup_printf ("“%s” was written by a newer DCA Desk (schema 99; this version "
                              "knows up to %u). Update DCA Desk, or point DCADESK_DATA_DIR at "
                              "another folder.", t.path, dca_store_schema_version ());
  g_assert_cmpstr (error->message, ==, expected);

  /* byte for byte as it was: not even switched to WAL */
  g_file_get_contents (t.path, &after, &after_len, NULL);
  g_assert_cmpmem (before, before_len, after, after_len);
  {
    g_autofree char *wal = g_strconcat (t.path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  db = raw_open (t.path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 99);
  sqlite3_close (db);
  tmp_db_clear (&t);
}

/* A database that is not ours: migration 1 fails half-way (a table it
 * creates already exists) and must leave nothing behind. */
static void
test_schema_foreign_database (void)
{
  TmpDb t;
  g_autoptr(GError) error = NULL;
  DcaStore *store;
  sqlite3 *db;

  tmp_db_init (&t);
  db = raw_open (t.path);
  raw_exec (db, "CREATE TABLE orders (x TEXT);");
  sqlite3_close (db);

  store = dca_store_open (t.path, &error);
  g_assert_null (store);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, t.path));
  g_assert_nonnull (strstr (error->message, "not a DCA Desk database"));
  g_assert_null (strstr (error->message, "CREATE"));

  db = raw_open (t.path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'bots'"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'deals'"), ==, 0);
  sqlite3_close (db);
  tmp_db_clear (&t);
}

static void
test_schema_garbage_file (void)
{
  TmpDb t;
  g_autoptr(GError) error = NULL;
  DcaStore *store;
  const char junk[] = "time,open,high,low,close,volume\n1,2,3,4,5,6\n"
                      "this is a CSV file, not a database, and it is long enough to have a header";

  tmp_db_init (&t);
  g_file_set_contents (t.path, junk, sizeof junk, &error);
  g_assert_no_error (error);
  store = dca_store_open (t.path, &error);
  g_assert_null (store);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a DCA Desk database"));
  tmp_db_clear (&t);
}

static void
test_open_unwritable_folder (void)
{
  g_autoptr(GError) error = NULL;
  DcaStore *store = dca_store_open ("/nonexistent-dcadesk-dir/sub/dcadesk.db", &error);

  g_assert_null (store);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dcadesk-dir/sub/dcadesk.db"));
}

static void
test_default_path (void)
{
  TmpDb t;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  GStatBuf st;

  tmp_db_init (&t);
  dir = g_build_filename (t.dir, "data", "here", NULL);
  g_setenv ("DCADESK_DATA_DIR", dir, TRUE);
  path = dca_store_default_path ();
  expected = g_build_filename (dir, "dcadesk.db", NULL);
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_rmdir (dir);
  dir[strlen (dir) - strlen ("/here")] = '\0';
  g_rmdir (dir);

  /* empty means unset: XDG_DATA_HOME (isolated by g_test_init) */
  g_setenv ("DCADESK_DATA_DIR", "", TRUE);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&expected, g_free);
  path = dca_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "dcadesk", "dcadesk.db", NULL);
  g_assert_cmpstr (path, ==, expected);
  g_unsetenv ("DCADESK_DATA_DIR");
  g_clear_pointer (&path, g_free);
  path = dca_store_default_path ();
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_test (g_get_user_data_dir (), G_FILE_TEST_IS_DIR));
  tmp_db_clear (&t);
}

static gpointer
release_lock_later (gpointer data)
{
  sqlite3 *db = data;

  g_usleep (300 * 1000);
  raw_exec (db, "COMMIT");
  return NULL;
}

/* Foreign keys are enforced on the store's connection, and a write waits
 * for another connection's short write instead of failing (busy timeout). */
static void
test_pragmas (void)
{
  TmpDb t;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DcaDecisionRecord decision = { 0 };
  GThread *thread;
  sqlite3 *db;
  gint64 start;

  tmp_db_init (&t);
  store = open_store (t.path);

  /* decisions.bot_id is only checked by its foreign key */
  decision.bot_id = 4242;
  decision.action = (char *) "skip";
  decision.reason = (char *) "test";
  g_assert_cmpint (dca_store_insert_decision (store, &decision, &error), ==, 0);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT);
  g_assert_null (strstr (error->message, "INSERT"));
  g_clear_error (&error);

  db = raw_open (t.path);
  raw_exec (db, "BEGIN IMMEDIATE");
  start = g_get_monotonic_time ();
  thread = g_thread_new ("lock", release_lock_later, db);
  insert_bot (store, "Waited", "BTC-USD");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_thread_join (thread);
  sqlite3_close (db);

  g_clear_object (&store);
  tmp_db_clear (&t);
}

/* ---- bots and templates -------------------------------------------------- */

static void
test_bots (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(DcaBotRecord) bot = make_bot ("My bot", "ETH-BTC");
  g_autoptr(DcaBotRecord) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  char *two[] = { (char *) "ETH-BTC", (char *) "LTC-BTC", NULL };
  gint64 id, other, d1, d2;

  g_strfreev (bot->product_ids);
  bot->product_ids = g_strdupv (two);
  bot->check_interval_seconds = 300;
  bot->split_budget = TRUE;
  bot->reserved_btc = D ("0.5");
  bot->reserved_usd = D ("1000.25");
  bot->favourite = TRUE;
  bot->exchange = g_strdup ("coinbase");
  id = dca_store_insert_bot (store, bot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, bot->id);
  g_assert_cmpint (bot->created_at, >, 0);

  got = dca_store_get_bot (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "My bot");
  g_assert_cmpstr (got->description, ==, "a test bot");
  g_assert_cmpstr (got->strategy_type, ==, "conditional_dca");
  g_assert_cmpstrv (got->product_ids, two);
  g_assert_cmpstr (got->quote_currency, ==, "BTC");
  /* verbatim, spacing and all */
  g_assert_cmpstr (got->strategy_config_json, ==, bot->strategy_config_json);
  g_assert_cmpint (got->check_interval_seconds, ==, 300);
  g_assert_true (got->split_budget);
  assert_decimal (got->reserved_btc, "0.5");
  assert_decimal (got->reserved_usd, "1000.25");
  g_assert_false (got->running);
  g_assert_cmpstr (got->exchange, ==, "coinbase");
  g_assert_true (got->favourite);
  g_assert_cmpint (got->created_at, ==, bot->created_at);
  g_clear_pointer (&got, dca_bot_record_free);

  /* update and flags */
  g_free (bot->name);
  bot->name = g_strdup ("Renamed");
  bot->reserved_btc = dca_decimal_zero ();
  g_assert_true (dca_store_update_bot (store, bot, &error));
  g_assert_no_error (error);
  g_assert_true (dca_store_set_bot_running (store, id, TRUE, &error));
  g_assert_true (dca_store_set_bot_favourite (store, id, FALSE, &error));
  got = dca_store_get_bot (store, id, &error);
  g_assert_cmpstr (got->name, ==, "Renamed");
  assert_decimal (got->reserved_btc, "0");
  g_assert_true (got->running);
  g_assert_false (got->favourite);
  g_clear_pointer (&got, dca_bot_record_free);

  /* copies are deep */
  got = dca_bot_record_copy (bot);
  g_assert_true (got->name != bot->name);
  g_assert_cmpstr (got->name, ==, bot->name);
  g_clear_pointer (&got, dca_bot_record_free);

  other = insert_bot (store, "another", "BTC-USD");
  list = dca_store_list_bots (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* by name, ignoring case */
  g_assert_cmpstr (((DcaBotRecord *) list->pdata[0])->name, ==, "another");
  g_assert_cmpstr (((DcaBotRecord *) list->pdata[1])->name, ==, "Renamed");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* refused: the message names the problem */
  {
    static const struct { const char *field, *value, *needle; } bad[] = {
      { "name", "  ", "needs a name" },
      { "config", "{not json", "not valid JSON" },
      { "config", "[1, 2]", "must be a JSON object" },
      { "product", "ETHBTC", "“ETHBTC” is not a pair" },
      { "product", "ETH-USD", "mixes quote currencies" },
      { "exchange", "kraken", "“kraken” is not an exchange" },
      { "interval", NULL, "check interval" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DcaBotRecord) b = make_bot ("Bad", "ETH-BTC");

        if (g_str_equal (bad[i].field, "name"))
          set_str (&b->name, bad[i].value);
        else if (g_str_equal (bad[i].field, "config"))
          set_str (&b->strategy_config_json, bad[i].value);
        else if (g_str_equal (bad[i].field, "product"))
          {
            char *p[] = { (char *) "ETH-BTC", (char *) bad[i].value, NULL };

            if (strchr (bad[i].value, '-') == NULL)
              p[0] = (char *) bad[i].value, p[1] = NULL;
            g_strfreev (b->product_ids);
            b->product_ids = g_strdupv (p);
          }
        else if (g_str_equal (bad[i].field, "exchange"))
          set_str (&b->exchange, bad[i].value);
        else
          b->check_interval_seconds = 0;
        g_assert_cmpint (dca_store_insert_bot (store, b, &error), ==, 0);
        g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, bad[i].needle));
        g_clear_error (&error);
      }
    list = dca_store_list_bots (store, &error);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* a bot with open deals cannot go */
  set_str (&bot->name, "My bot");
  g_assert_true (dca_store_update_bot (store, bot, &error));
  d1 = insert_deal (store, id, "ETH-BTC", 1000);
  d2 = insert_deal (store, id, "LTC-BTC", 2000);
  g_assert_cmpint (dca_store_count_open_deals (store, id, &error), ==, 2);
  g_assert_false (dca_store_delete_bot (store, id, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS);
  g_assert_cmpstr (error->message, ==,
                   "“My bot” still has 2 open deals; close or cancel them first");
  g_clear_error (&error);

  {
    DcaDealState s = { 0 };

    s.status = DCA_DEAL_STATUS_CANCELLED;
    s.opened_at = 1000;
    s.closed_at = 1500;
    g_assert_true (dca_store_update_deal_state (store, d1, &s, &error));
    g_assert_no_error (error);
  }
  g_assert_false (dca_store_delete_bot (store, id, &error));
  g_assert_cmpstr (error->message, ==, "“My bot” still has 1 open deal; close or cancel it first");
  g_clear_error (&error);

  {
    DcaDealState s = { 0 };

    s.status = DCA_DEAL_STATUS_CANCELLED;
    s.opened_at = 2000;
    s.closed_at = 2500;
    g_assert_true (dca_store_update_deal_state (store, d2, &s, &error));
  }
  g_assert_true (dca_store_delete_bot (store, id, &error));
  g_assert_no_error (error);

  got = dca_store_get_bot (store, id, &error);
  g_assert_null (got);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dca_store_update_bot (store, bot, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dca_store_delete_bot (store, id, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = dca_store_list_bots (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((DcaBotRecord *) list->pdata[0])->id, ==, other);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* its deals stay, for reports */
  {
    DcaDealFilter f = { .bot_id = id };

    g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 2);
  }
}

static void
test_templates (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(DcaTemplateRecord) tmpl = dca_template_record_new ();
  g_autoptr(DcaTemplateRecord) dup = dca_template_record_new ();
  g_autoptr(DcaTemplateRecord) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  tmpl->name = g_strdup ("Scalper");
  tmpl->strategy_type = g_strdup ("rsi");
  tmpl->strategy_config_json = g_strdup ("{\"rsi_oversold\":30}");
  id = dca_store_insert_template (store, tmpl, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  got = dca_store_get_template (store, id, &error);
  g_assert_cmpstr (got->name, ==, "Scalper");
  g_assert_cmpstr (got->description, ==, "");
  g_assert_cmpstr (got->strategy_type, ==, "rsi");
  g_assert_cmpstr (got->strategy_config_json, ==, "{\"rsi_oversold\":30}");
  g_clear_pointer (&got, dca_template_record_free);

  /* names are unique, whatever the case */
  dup->name = g_strdup ("scalper");
  dup->strategy_type = g_strdup ("rsi");
  dup->strategy_config_json = g_strdup ("{}");
  g_assert_cmpint (dca_store_insert_template (store, dup, &error), ==, 0);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A template named “scalper” already exists");
  g_clear_error (&error);

  got = dca_store_get_template_by_name (store, "SCALPER", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, id);
  g_clear_pointer (&got, dca_template_record_free);
  g_assert_null (dca_store_get_template_by_name (store, "Scalp", &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_str (&tmpl->description, "quick in and out");
  set_str (&tmpl->strategy_config_json, "{\"rsi_oversold\":25}");
  g_assert_true (dca_store_update_template (store, tmpl, &error));
  got = dca_store_get_template (store, id, &error);
  g_assert_cmpstr (got->description, ==, "quick in and out");
  g_assert_cmpstr (got->strategy_config_json, ==, "{\"rsi_oversold\":25}");
  g_clear_pointer (&got, dca_template_record_free);

  list = dca_store_list_templates (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (dca_store_delete_template (store, id, &error));
  g_assert_null (dca_store_get_template (store, id, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = dca_store_list_templates (store, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the name is free again once deleted */
  g_assert_cmpint (dca_store_insert_template (store, dup, &error), >, 0);
  g_assert_no_error (error);
}

/* ---- deals --------------------------------------------------------------- */

static void
test_deal_roundtrip (void)
{
  TmpDb t;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();
  g_autoptr(DcaDealRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  DcaDealState s = { 0 };
  gint64 bot_id, id;
  sqlite3 *db;

  tmp_db_init (&t);
  store = open_store (t.path);
  bot_id = insert_bot (store, "Round trip", "ETH-BTC");

  /* every field distinct, some at full precision */
  s.status = DCA_DEAL_STATUS_OPEN;
  s.opened_at = 1515560400;
  s.closed_at = 0;
  s.close_reason = DCA_CLOSE_REASON_NONE;
  s.quote_spent = D ("0.10");
  s.base_bought = D ("1.234567890123456789");
  s.base_sold = D ("0.000000000000000001");
  s.quote_received = D ("0.00000001");
  s.fees = D ("0.0006");
  s.base_price = D ("0.08123456");
  s.base_order_quote = D ("0.05");
  s.base_order_base = D ("0.61549586");
  s.capital_at_open = D ("99999999999999999999.999999999999999999");
  s.safety_orders = 7;
  s.last_buy_at = 1515600000;
  s.tp_trailing = TRUE;
  s.tp_trail_high = D ("0.0901");
  s.highest_price = D ("0.0902");

  deal->bot_id = bot_id;
  deal->product_id = g_strdup ("ETH-BTC");
  deal->config_snapshot_json = g_strdup ("{\"take_profit_percentage\": 1.5}");
  deal->state = s;
  id = dca_store_insert_deal (store, deal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (deal->exchange, ==, "paper");
  g_assert_cmpstr (deal->quote_currency, ==, "BTC");

  got = dca_store_get_deal (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->bot_id, ==, bot_id);
  g_assert_cmpstr (got->exchange, ==, "paper");
  g_assert_cmpstr (got->product_id, ==, "ETH-BTC");
  g_assert_cmpstr (got->quote_currency, ==, "BTC");
  g_assert_cmpstr (got->config_snapshot_json, ==, "{\"take_profit_percentage\": 1.5}");
  assert_state_equal (&got->state, &s);
  g_assert_false (got->has_profit);
  g_assert_null (got->notes);
  g_clear_pointer (&got, dca_deal_record_free);

  /* the whole state, closed: profit is derived by the store */
  s.status = DCA_DEAL_STATUS_CLOSED;
  s.closed_at = 1515700000;
  s.close_reason = DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT;
  s.base_sold = s.base_bought;
  s.quote_received = D ("0.10333333");
  s.tp_trailing = FALSE;
  s.last_buy_at = 0;
  g_assert_true (dca_store_update_deal_state (store, id, &s, &error));
  g_assert_no_error (error);
  g_assert_true (dca_store_set_deal_notes (store, id, "bought the dip", &error));
  g_assert_true (dca_store_set_deal_last_error (store, id, "Insufficient funds", &error));

  got = dca_store_get_deal (store, id, &error);
  assert_state_equal (&got->state, &s);
  g_assert_true (got->has_profit);
  assert_decimal (got->profit, "0.00333333");
  g_assert_true (got->has_profit_percentage);
  assert_decimal (got->profit_percentage, "3.33333");
  g_assert_cmpstr (got->notes, ==, "bought the dip");
  g_assert_cmpstr (got->last_error, ==, "Insufficient funds");
  g_clear_pointer (&got, dca_deal_record_free);

  g_assert_true (dca_store_set_deal_last_error (store, id, NULL, &error));
  got = dca_store_get_deal (store, id, &error);
  g_assert_null (got->last_error);
  g_clear_pointer (&got, dca_deal_record_free);

  /* what is on disk: canonical decimal text, never a number */
  db = raw_open (t.path);
  {
    g_autofree char *spent = raw_text (db, "SELECT quote_spent FROM deals");
    g_autofree char *type = raw_text (db, "SELECT typeof (quote_spent) FROM deals");
    g_autofree char *profit = raw_text (db, "SELECT profit FROM deals");
    g_autofree char *cap = raw_text (db, "SELECT capital_at_open FROM deals");

    g_assert_cmpstr (spent, ==, "0.1");
    g_assert_cmpstr (type, ==, "text");
    g_assert_cmpstr (profit, ==, "0.00333333");
    g_assert_cmpstr (cap, ==, "99999999999999999999.999999999999999999");
  }

  /* text that is not an amount is reported, not read as zero */
  raw_exec (db, "UPDATE deals SET base_sold = '1,5'");
  g_assert_null (dca_store_get_deal (store, id, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“base_sold”"));
  g_clear_error (&error);
  raw_exec (db, "UPDATE deals SET base_sold = '1.234567890123456789'");
  sqlite3_close (db);

  /* refused: unknown bot, bad pair, negative money, too large */
  {
    g_autoptr(DcaDealRecord) bad = dca_deal_record_new ();

    bad->bot_id = 999;
    bad->product_id = g_strdup ("ETH-BTC");
    g_assert_cmpint (dca_store_insert_deal (store, bad, &error), ==, 0);
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    bad->bot_id = bot_id;
    bad->state.quote_spent = D ("-1");
    g_assert_cmpint (dca_store_insert_deal (store, bad, &error), ==, 0);
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
    g_clear_error (&error);

    /* 1.27 x 10^20: beyond what reads back */
    s.fees = dca_decimal_from_raw (((__int128) 1 << 126) + ((__int128) 1 << 125));
    g_assert_false (dca_store_update_deal_state (store, id, &s, &error));
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Too large to store: fees 127605887595351923798.7"));
    g_clear_error (&error);

    s.fees = D ("0.0006");
    g_assert_false (dca_store_update_deal_state (store, 12345, &s, &error));
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_clear_object (&store);
  tmp_db_clear (&t);
}

static void
test_deal_lists (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a = insert_bot (store, "A", "ETH-BTC");
  gint64 b = insert_bot (store, "B", "BTC-USD");
  DcaDealFilter f = { 0 };

  /* 10 deals of A (ETH-BTC), 5 of B; every second one of A closed */
  for (int i = 0; i < 10; i++)
    {
      gint64 id = insert_deal (store, a, "ETH-BTC", 1000 + i * 100);

      if (i % 2 == 0)
        {
          DcaDealState s = { 0 };

          s.status = DCA_DEAL_STATUS_CLOSED;
          s.opened_at = 1000 + i * 100;
          s.closed_at = 5000 - i * 100; /* closes in the opposite order */
          s.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
          s.quote_spent = D ("1");
          s.base_bought = D ("10");
          s.base_sold = D ("10");
          s.quote_received = D ("1.03");
          g_assert_true (dca_store_update_deal_state (store, id, &s, &error));
        }
    }
  for (int i = 0; i < 5; i++)
    insert_deal (store, b, "BTC-USD", 1050 + i * 100);

  g_assert_cmpint (dca_store_count_deals (store, NULL, &error), ==, 15);
  f.bot_id = a;
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 10);
  f.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 5);
  f.bot_id = 0;
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 10);
  f.product_id = "BTC-USD";
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 5);

  /* newest opened first, with paging */
  memset (&f, 0, sizeof f);
  f.limit = 4;
  f.offset = 2;
  list = dca_store_list_deals (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (((DcaDealRecord *) list->pdata[0])->state.opened_at, ==, 1700);
  g_assert_cmpint (((DcaDealRecord *) list->pdata[3])->state.opened_at, ==, 1450);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* closed in a period, newest closed first */
  memset (&f, 0, sizeof f);
  f.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  f.closed_from = 4400;
  f.closed_to = 5000;
  f.sort = DCA_DEAL_SORT_CLOSED;
  list = dca_store_list_deals (store, &f, &error);
  g_assert_cmpuint (list->len, ==, 3); /* 4800, 4600, 4400 */
  g_assert_cmpint (((DcaDealRecord *) list->pdata[0])->state.closed_at, ==, 4800);
  g_assert_cmpint (((DcaDealRecord *) list->pdata[2])->state.closed_at, ==, 4400);
  g_assert_true (((DcaDealRecord *) list->pdata[0])->has_profit);
  assert_decimal (((DcaDealRecord *) list->pdata[0])->profit, "0.03");
  assert_decimal (((DcaDealRecord *) list->pdata[0])->profit_percentage, "3");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* open or closed, by exchange */
  memset (&f, 0, sizeof f);
  f.exchange = "coinbase";
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 0);
  f.exchange = "paper";
  f.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED) |
                  DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CANCELLED);
  g_assert_cmpint (dca_store_count_deals (store, &f, &error), ==, 5);
  g_assert_no_error (error);
}

/* History sorted by a column header: amounts by value (not as text), bots
 * by name whatever the case, both directions, and a filter on top. */
static gint64
insert_closed_deal (DcaStore *store, gint64 bot_id, const char *product, gint64 opened_at,
                    gint64 duration, const char *spent, const char *received, guint safety_orders)
{
  gint64 id = insert_deal (store, bot_id, product, opened_at);
  g_autoptr(GError) error = NULL;
  DcaDealState s = { 0 };

  s.status = DCA_DEAL_STATUS_CLOSED;
  s.opened_at = opened_at;
  s.closed_at = opened_at + duration;
  s.close_reason = safety_orders % 2 == 0 ? DCA_CLOSE_REASON_TAKE_PROFIT : DCA_CLOSE_REASON_MANUAL;
  s.quote_spent = D (spent);
  s.base_bought = D ("1");
  s.base_sold = D ("1");
  s.quote_received = D (received);
  s.safety_orders = safety_orders;
  g_assert_true (dca_store_update_deal_state (store, id, &s, &error));
  g_assert_no_error (error);
  return id;
}

static void
assert_sorted (DcaStore *store, DcaDealSort sort, gboolean ascending, gint64 bot_id,
               const char *product_id, const gint64 *expected, guint n_expected)
{
  DcaDealFilter f = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  f.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  f.sort = sort;
  f.ascending = ascending;
  f.bot_id = bot_id;
  f.product_id = product_id;
  list = dca_store_list_deals (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const DcaDealRecord *r = list->pdata[i];

      if (r->id != expected[i])
        g_error ("sort %d%s: row %u is deal %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 sort, ascending ? " ascending" : "", i, r->id, expected[i]);
    }
  /* a page of it is the same rows */
  f.limit = 2;
  f.offset = 1;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dca_store_list_deals (store, &f, &error);
  g_assert_cmpuint (list->len, ==, MIN (2, n_expected - 1));
  g_assert_cmpint (((DcaDealRecord *) list->pdata[0])->id, ==, expected[1]);
}

static void
test_deal_sorts (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  gint64 zed = insert_bot (store, "zed", "ETH-BTC");
  gint64 alpha = insert_bot (store, "Alpha", "ETH-BTC");
  gint64 mid = insert_bot (store, "middle", "LTC-BTC");
  gint64 d1, d2, d3, d4, d5;
  DcaDealFilter bad = { 0 };

  /* profits -5, 0.3, 10 and 2 (as text, "10" < "2"), spent 9 < 10 < 100 */
  d1 = insert_closed_deal (store, zed, "ETH-BTC", 1000, 600, "100", "95", 3);
  d2 = insert_closed_deal (store, alpha, "LTC-BTC", 2000, 60, "10", "10.3", 0);
  d3 = insert_closed_deal (store, mid, "ADA-BTC", 3000, 7200, "100", "110", 1);
  d4 = insert_closed_deal (store, alpha, "ETH-BTC", 4000, 300, "9", "11", 2);
  insert_deal (store, zed, "ETH-BTC", 5000); /* open: never in the closed lists */

  {
    const gint64 by_profit[] = { d1, d2, d4, d3 };
    const gint64 by_profit_desc[] = { d3, d4, d2, d1 };
    /* -5 %, 3 %, 10 %, 22.2 % */
    const gint64 by_pct[] = { d1, d2, d3, d4 };
    const gint64 by_spent[] = { d4, d2, d1, d3 };   /* 9, 10, 100 (bot zed), 100 (bot middle) */
    const gint64 by_duration[] = { d2, d4, d1, d3 };
    const gint64 by_bot[] = { d2, d4, d3, d1 };     /* Alpha (oldest first), middle, zed */
    const gint64 by_bot_desc[] = { d1, d3, d4, d2 };
    const gint64 by_pair[] = { d3, d1, d4, d2 };    /* ADA, ETH (bot 1, then 2), LTC */
    const gint64 by_safety[] = { d1, d4, d3, d2 };
    /* take_profit (LTC, then ETH) > manual (bot 3, then 1) */
    const gint64 by_reason[] = { d2, d4, d3, d1 };
    const gint64 by_opened[] = { d1, d2, d3, d4 };
    const gint64 alpha_by_profit[] = { d2, d4 };
    const gint64 eth_by_bot[] = { d4, d1 };

    assert_sorted (store, DCA_DEAL_SORT_PROFIT, TRUE, 0, NULL, by_profit, 4);
    assert_sorted (store, DCA_DEAL_SORT_PROFIT, FALSE, 0, NULL, by_profit_desc, 4);
    assert_sorted (store, DCA_DEAL_SORT_PROFIT_PERCENTAGE, TRUE, 0, NULL, by_pct, 4);
    assert_sorted (store, DCA_DEAL_SORT_SPENT, TRUE, 0, NULL, by_spent, 4);
    assert_sorted (store, DCA_DEAL_SORT_DURATION, TRUE, 0, NULL, by_duration, 4);
    assert_sorted (store, DCA_DEAL_SORT_BOT, TRUE, 0, NULL, by_bot, 4);
    assert_sorted (store, DCA_DEAL_SORT_BOT, FALSE, 0, NULL, by_bot_desc, 4);
    assert_sorted (store, DCA_DEAL_SORT_PAIR, TRUE, 0, NULL, by_pair, 4);
    assert_sorted (store, DCA_DEAL_SORT_SAFETY_ORDERS, FALSE, 0, NULL, by_safety, 4);
    assert_sorted (store, DCA_DEAL_SORT_CLOSE_REASON, FALSE, 0, NULL, by_reason, 4);
    assert_sorted (store, DCA_DEAL_SORT_OPENED, TRUE, 0, NULL, by_opened, 4);
    assert_sorted (store, DCA_DEAL_SORT_PROFIT, TRUE, alpha, NULL, alpha_by_profit, 2);
    assert_sorted (store, DCA_DEAL_SORT_BOT, TRUE, 0, "ETH-BTC", eth_by_bot, 2);
  }

  /* a deleted bot's deals still sort by its name */
  d5 = insert_closed_deal (store, mid, "ETH-BTC", 6000, 60, "1", "1", 0);
  g_assert_true (dca_store_delete_bot (store, mid, &error));
  g_assert_no_error (error);
  {
    const gint64 mid_first[] = { d3, d5 };

    assert_sorted (store, DCA_DEAL_SORT_BOT, TRUE, mid, NULL, mid_first, 2);
  }

  bad.sort = DCA_N_DEAL_SORTS;
  g_assert_null (dca_store_list_deals (store, &bad, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
}

/* ---- orders -------------------------------------------------------------- */

static void
test_orders (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(DcaOrderRecord) order = dca_order_record_new ();
  g_autoptr(DcaOrderRecord) dup = dca_order_record_new ();
  g_autoptr(DcaOrderRecord) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bot = insert_bot (store, "Orders", "ETH-BTC");
  gint64 deal = insert_deal (store, bot, "ETH-BTC", 1000);
  gint64 id, other;

  order->deal_id = deal;
  order->kind = DCA_ORDER_KIND_SAFETY;
  order->side = DCA_SIDE_BUY;
  order->type = DCA_ORDER_TYPE_LIMIT;
  order->base_size = D ("0.5");
  order->limit_price = D ("0.0745");
  order->post_only = TRUE;
  order->so_index = 2;
  id = dca_store_insert_order (store, order, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (order->client_order_id));
  g_assert_cmpint (order->bot_id, ==, bot);
  g_assert_cmpstr (order->exchange, ==, "paper");
  g_assert_cmpstr (order->product_id, ==, "ETH-BTC");

  got = dca_store_get_order_by_client_id (store, order->client_order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, id);
  g_assert_cmpint (got->status, ==, DCA_ORDER_STATUS_PENDING);
  g_assert_cmpint (got->kind, ==, DCA_ORDER_KIND_SAFETY);
  g_assert_cmpint (got->type, ==, DCA_ORDER_TYPE_LIMIT);
  g_assert_true (dca_decimal_is_zero (got->quote_size));
  assert_decimal (got->base_size, "0.5");
  assert_decimal (got->limit_price, "0.0745");
  g_assert_true (got->post_only);
  g_assert_cmpuint (got->so_index, ==, 2);
  g_assert_null (got->exchange_order_id);
  g_clear_pointer (&got, dca_order_record_free);

  /* the same client order id again: refused, nothing added */
  dup->deal_id = deal;
  dup->side = DCA_SIDE_SELL;
  dup->kind = DCA_ORDER_KIND_EXIT;
  dup->base_size = D ("1");
  dup->client_order_id = g_strdup (order->client_order_id);
  g_assert_cmpint (dca_store_insert_order (store, dup, &error), ==, 0);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, order->client_order_id));
  g_assert_nonnull (strstr (error->message, "already recorded"));
  g_clear_error (&error);
  list = dca_store_list_orders_of_deal (store, deal, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* refused: no size, unknown deal */
  g_clear_pointer (&dup->client_order_id, g_free);
  dup->base_size = dca_decimal_zero ();
  g_assert_cmpint (dca_store_insert_order (store, dup, &error), ==, 0);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  dup->base_size = D ("1");
  dup->deal_id = 777;
  g_assert_cmpint (dca_store_insert_order (store, dup, &error), ==, 0);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (dca_store_set_order_exchange_id (store, id, "cb-123", &error));
  g_assert_true (dca_store_set_order_status (store, id, DCA_ORDER_STATUS_OPEN, &error));
  got = dca_store_get_order_by_exchange_id (store, "paper", "cb-123", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, id);
  g_assert_cmpint (got->status, ==, DCA_ORDER_STATUS_OPEN);
  g_clear_pointer (&got, dca_order_record_free);

  other = insert_order (store, deal, DCA_SIDE_SELL, DCA_ORDER_KIND_EXIT);
  list = dca_store_list_unsettled_orders (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (dca_store_set_order_status (store, other, DCA_ORDER_STATUS_FAILED, &error));
  g_assert_true (dca_store_set_order_error (store, other, "Insufficient balance", &error));
  list = dca_store_list_unsettled_orders (store, "paper", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((DcaOrderRecord *) list->pdata[0])->id, ==, id);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dca_store_list_unsettled_orders (store, "coinbase", &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  got = dca_store_get_order (store, other, &error);
  g_assert_cmpint (got->status, ==, DCA_ORDER_STATUS_FAILED);
  g_assert_cmpstr (got->error, ==, "Insufficient balance");
  g_clear_pointer (&got, dca_order_record_free);

  g_assert_null (dca_store_get_order (store, 999, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dca_store_set_order_status (store, 999, DCA_ORDER_STATUS_OPEN, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
}

/* ---- fills --------------------------------------------------------------- */

static DcaFill
make_fill (DcaSide side, DcaOrderKind kind, const char *price, const char *base,
           const char *quote, const char *fee)
{
  DcaFill f = { 0 };

  f.time = 1700000000;
  f.side = side;
  f.kind = kind;
  f.price = D (price);
  f.base = D (base);
  f.quote = D (quote);
  f.fee = D (fee);
  return f;
}

static void
test_fill_duplicate_and_rollback (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaOrderRecord) order = NULL;
  g_autoptr(DcaDealRecord) deal = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  gint64 bot = insert_bot (store, "Fills", "ETH-BTC");
  gint64 deal_id = insert_deal (store, bot, "ETH-BTC", 1000);
  gint64 buy = insert_order (store, deal_id, DCA_SIDE_BUY, DCA_ORDER_KIND_BASE);
  gint64 sell;
  DcaFill f = make_fill (DCA_SIDE_BUY, DCA_ORDER_KIND_BASE, "0.05", "1.988", "0.1", "0.0006");
  DcaDealState s = { 0 };
  DcaDealState s2;

  set_balance (store, "paper", "BTC", "1");
  s.status = DCA_DEAL_STATUS_OPEN;
  s.opened_at = 1000;
  s.quote_spent = D ("0.1");
  s.base_bought = D ("1.988");
  s.fees = D ("0.0006");
  s.base_price = D ("0.05");
  g_assert_true (dca_store_record_fill (store, buy, "t1", &f, &s, FALSE, &error));
  g_assert_no_error (error);
  assert_decimal (available (store, "paper", "BTC"), "0.9");
  assert_decimal (available (store, "paper", "ETH"), "1.988");

  order = dca_store_get_order (store, buy, &error);
  g_assert_cmpint (order->status, ==, DCA_ORDER_STATUS_OPEN);
  assert_decimal (order->filled_base, "1.988");
  assert_decimal (order->average_price, "0.05");
  g_clear_pointer (&order, dca_order_record_free);

  /* the same trade again, even with another state: nothing changes */
  s2 = s;
  s2.quote_spent = D ("0.2");
  g_assert_false (dca_store_record_fill (store, buy, "t1", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_DUPLICATE_FILL);
  g_clear_error (&error);
  assert_decimal (available (store, "paper", "BTC"), "0.9");
  assert_decimal (available (store, "paper", "ETH"), "1.988");
  order = dca_store_get_order (store, buy, &error);
  g_assert_cmpint (order->status, ==, DCA_ORDER_STATUS_OPEN);
  assert_decimal (order->filled_base, "1.988");
  g_clear_pointer (&order, dca_order_record_free);
  deal = dca_store_get_deal (store, deal_id, &error);
  assert_state_equal (&deal->state, &s);
  g_clear_pointer (&deal, dca_deal_record_free);

  /* a second part fills the order: volume-weighted average price */
  f = make_fill (DCA_SIDE_BUY, DCA_ORDER_KIND_BASE, "0.04", "0.5", "0.0201", "0.0001");
  s.quote_spent = D ("0.1201");
  s.base_bought = D ("2.488");
  s.fees = D ("0.0007");
  g_assert_true (dca_store_record_fill (store, buy, "t2", &f, &s, TRUE, &error));
  order = dca_store_get_order (store, buy, &error);
  g_assert_cmpint (order->status, ==, DCA_ORDER_STATUS_FILLED);
  assert_decimal (order->filled_base, "2.488");
  assert_decimal (order->filled_quote, "0.1201");
  assert_decimal (order->fees, "0.0007");
  /* (0.05 x 1.988 + 0.04 x 0.5) / 2.488 */
  assert_decimal (order->average_price, "0.047990353697749196");
  g_clear_pointer (&order, dca_order_record_free);

  /* a fill that fails at its last step (the paper wallet lacks ETH) after
   * the fill, order and deal were written: all of it rolls back */
  sell = insert_order (store, deal_id, DCA_SIDE_SELL, DCA_ORDER_KIND_EXIT);
  f = make_fill (DCA_SIDE_SELL, DCA_ORDER_KIND_EXIT, "0.06", "3", "0.1789", "0.0011");
  s2 = s;
  s2.base_sold = D ("3");
  s2.quote_received = D ("0.1789");
  s2.status = DCA_DEAL_STATUS_CLOSED;
  s2.closed_at = 2000;
  g_assert_false (dca_store_record_fill (store, sell, "t3", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID); /* sold > bought */
  g_clear_error (&error);
  s2.base_bought = D ("3");
  g_assert_false (dca_store_record_fill (store, sell, "t3", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INSUFFICIENT_FUNDS);
  g_assert_cmpstr (error->message, ==,
                   "The paper wallet has 2.488 ETH available; this fill needs 3 ETH");
  g_clear_error (&error);

  assert_decimal (available (store, "paper", "BTC"), "0.8799");
  assert_decimal (available (store, "paper", "ETH"), "2.488");
  order = dca_store_get_order (store, sell, &error);
  g_assert_cmpint (order->status, ==, DCA_ORDER_STATUS_PENDING);
  g_assert_true (dca_decimal_is_zero (order->filled_base));
  g_clear_pointer (&order, dca_order_record_free);
  deal = dca_store_get_deal (store, deal_id, &error);
  assert_state_equal (&deal->state, &s);
  g_assert_false (deal->has_profit);
  g_clear_pointer (&deal, dca_deal_record_free);
  fills = dca_store_list_fills_of_deal (store, deal_id, &error);
  g_assert_cmpuint (fills->len, ==, 2);
  g_clear_pointer (&fills, g_ptr_array_unref);

  /* unknown order, wrong side, no trade id */
  g_assert_false (dca_store_record_fill (store, 4711, "t4", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dca_store_record_fill (store, buy, "t4", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dca_store_record_fill (store, sell, "", &f, &s2, TRUE, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* selling what is held closes the deal with its profit */
  f = make_fill (DCA_SIDE_SELL, DCA_ORDER_KIND_EXIT, "0.06", "2.488", "0.14838432", "0.00089568");
  s2 = s;
  s2.base_sold = D ("2.488");
  s2.quote_received = D ("0.14838432");
  s2.fees = D ("0.00159568");
  s2.status = DCA_DEAL_STATUS_CLOSED;
  s2.closed_at = 2000;
  s2.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
  g_assert_true (dca_store_record_fill (store, sell, "t3", &f, &s2, TRUE, &error));
  g_assert_no_error (error);
  assert_decimal (available (store, "paper", "BTC"), "1.02828432");
  assert_decimal (available (store, "paper", "ETH"), "0");
  deal = dca_store_get_deal (store, deal_id, &error);
  g_assert_true (deal->has_profit);
  assert_decimal (deal->profit, "0.02828432");
  /* 0.02828432 x 100 / 0.1201, half-even at the 18th place */
  assert_decimal (deal->profit_percentage, "23.550641132389675271");
}

/* 10,000 random buys and sells; expected values kept as plain __int128
 * units of 10^-18, independent of DcaDecimal arithmetic. */

typedef struct
{
  const char *product_id;
  guint       base;   /* index into currencies */
  guint       quote;
  gint64      price_lo; /* in 10^-8 */
  gint64      price_hi;
  gint64      max_base; /* in 10^-8 */
} Product;

static const char *const currencies[] = { "BTC", "USD", "ETH", "LTC" };

static const Product products[] = {
  { "ETH-BTC", 2, 0, 2000000, 9000000, 500000000 },
  { "LTC-BTC", 3, 0, 800000, 2500000, 2000000000 },
  { "BTC-USD", 0, 1, G_GINT64_CONSTANT (2000000000000), G_GINT64_CONSTANT (6000000000000),
    20000000 },
  { "ETH-USD", 2, 1, 150000000000, 350000000000, 300000000 },
};

static const struct { gint64 num, den; } fee_rates[] = {
  { 6, 1000 }, { 1, 1000 }, { 25, 10000 }, { 4, 1000 },
};

typedef struct
{
  gint64       id;
  guint        product;
  __int128     spent, bought, sold, received, fees;
  DcaDealState state;
  gint64       order_id;
  DcaSide      order_side;
} TDeal;

typedef struct
{
  gint64   deal_id;
  __int128 base, quote, fees;
  gboolean done;
} TOrder;

typedef struct
{
  __int128    balance[G_N_ELEMENTS (currencies)];
  GHashTable *orders;       /* order id -> TOrder */
  GHashTable *closed;       /* deal id -> TDeal copy */
  TDeal       deals[12];
  gint64      bots[G_N_ELEMENTS (products)];
  guint       n_deals_total;
} World;

static void
world_state (TDeal *d, DcaDealState *s)
{
  s->quote_spent = dca_decimal_from_raw (d->spent);
  s->base_bought = dca_decimal_from_raw (d->bought);
  s->base_sold = dca_decimal_from_raw (d->sold);
  s->quote_received = dca_decimal_from_raw (d->received);
  s->fees = dca_decimal_from_raw (d->fees);
}

static void
world_open_deal (World *w, DcaStore *store, guint slot, guint product, gint64 time)
{
  TDeal *d = &w->deals[slot];

  memset (d, 0, sizeof *d);
  d->product = product;
  d->id = insert_deal (store, w->bots[product], products[product].product_id, time);
  d->state.status = DCA_DEAL_STATUS_OPEN;
  d->state.opened_at = time;
  w->n_deals_total++;
}

static void
check_deal_against (DcaStore *store, const TDeal *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaDealRecord) rec = dca_store_get_deal (store, d->id, &error);
  g_autoptr(GPtrArray) fills = NULL;
  __int128 spent = 0, bought = 0, sold = 0, received = 0, fees = 0;

  g_assert_no_error (error);
  assert_state_equal (&rec->state, &d->state);
  g_assert_true (rec->state.quote_spent.raw == d->spent);
  g_assert_true (rec->state.base_bought.raw == d->bought);
  g_assert_true (rec->state.base_sold.raw == d->sold);
  g_assert_true (rec->state.quote_received.raw == d->received);
  g_assert_true (rec->state.fees.raw == d->fees);

  /* the fills add up to the deal's totals */
  fills = dca_store_list_fills_of_deal (store, d->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fills->len; i++)
    {
      const DcaFillRecord *f = g_ptr_array_index (fills, i);

      g_assert_cmpint (f->deal_id, ==, d->id);
      if (f->fill.side == DCA_SIDE_BUY)
        {
          spent += f->fill.quote.raw;
          bought += f->fill.base.raw;
        }
      else
        {
          sold += f->fill.base.raw;
          received += f->fill.quote.raw;
        }
      fees += f->fill.fee.raw;
    }
  g_assert_true (spent == d->spent);
  g_assert_true (bought == d->bought);
  g_assert_true (sold == d->sold);
  g_assert_true (received == d->received);
  g_assert_true (fees == d->fees);

  if (d->state.status == DCA_DEAL_STATUS_CLOSED)
    {
      g_autofree char *expected = units_to_string (d->received - d->spent);
      g_autofree char *got = dca_decimal_to_string (rec->profit);

      g_assert_true (rec->has_profit);
      g_assert_cmpstr (got, ==, expected);
    }
  else
    {
      g_assert_false (rec->has_profit);
    }
}

static void
world_verify (World *w, DcaStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balances = dca_store_list_balances (store, "paper", &error);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpuint (balances->len, ==, G_N_ELEMENTS (currencies));
  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      DcaDecimal got = available (store, "paper", currencies[c]);

      if (got.raw != w->balance[c])
        {
          g_autofree char *a = units_to_string (got.raw);
          g_autofree char *b = units_to_string (w->balance[c]);

          g_error ("%s: store has %s, expected %s", currencies[c], a, b);
        }
    }

  /* and the text on disk, read without the store */
  db = raw_open (path);
  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT available FROM balances WHERE exchange = 'paper' AND "
                         "currency = '%s'", currencies[c]);
      g_autofree char *text = raw_text (db, sql);
      g_autofree char *expected = units_to_string (w->balance[c]);

      g_assert_cmpstr (text, ==, expected);
    }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM fills"), ==, 10000);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (w->deals); i++)
    check_deal_against (store, &w->deals[i]);
  g_hash_table_iter_init (&iter, w->closed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    check_deal_against (store, value);

  g_hash_table_iter_init (&iter, w->orders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const TOrder *o = value;
      g_autoptr(DcaOrderRecord) rec = dca_store_get_order (store, *(gint64 *) key, &error);

      g_assert_no_error (error);
      g_assert_cmpint (rec->deal_id, ==, o->deal_id);
      g_assert_true (rec->filled_base.raw == o->base);
      g_assert_true (rec->filled_quote.raw == o->quote);
      g_assert_true (rec->fees.raw == o->fees);
      if (o->done)
        g_assert_cmpint (rec->status, ==, DCA_ORDER_STATUS_FILLED);
      else
        g_assert_cmpint (rec->status, !=, DCA_ORDER_STATUS_FILLED);
    }
}

static void
test_fill_random (void)
{
  TmpDb t;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  World w = { 0 };
  guint n_fills = 0, n_duplicates = 0, n_refused = 0;
  gint64 time = 1700000000;
  gint64 last_order = 0;
  char last_trade[32] = "";
  DcaFill last_fill = { 0 };

  tmp_db_init (&t);
  store = open_store (t.path);
  w.orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  w.closed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  w.balance[0] = 1000 * UNIT;        /* BTC */
  w.balance[1] = 100000000 * UNIT;   /* USD */
  set_balance (store, "paper", "BTC", "1000");
  set_balance (store, "paper", "USD", "100000000");
  set_balance (store, "paper", "ETH", "0");
  set_balance (store, "paper", "LTC", "0");

  for (guint p = 0; p < G_N_ELEMENTS (products); p++)
    {
      g_autofree char *name = g_strdup_printf ("Random %s", products[p].product_id);

      w.bots[p] = insert_bot (store, name, products[p].product_id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (w.deals); i++)
    world_open_deal (&w, store, i, i % G_N_ELEMENTS (products), time);

  while (n_fills < 10000)
    {
      guint slot = (guint) g_test_rand_int_range (0, G_N_ELEMENTS (w.deals));
      TDeal *d = &w.deals[slot];
      const Product *p = &products[d->product];
      gint64 price8 = rand_range (p->price_lo, p->price_hi);
      guint rate = (guint) g_test_rand_int_range (0, G_N_ELEMENTS (fee_rates));
      __int128 held8 = (d->bought - d->sold) / E8;
      gboolean sell = held8 > 0 && g_test_rand_int_range (0, 100) < 40;
      gboolean sell_all = FALSE;
      gint64 base8;
      __int128 gross, fee, quote, base;
      DcaFill f = { 0 };
      DcaDealState s;
      gboolean done, closes = FALSE;
      TOrder *o;

      time += 60;
      if (sell)
        {
          sell_all = g_test_rand_int_range (0, 4) == 0;
          base8 = sell_all ? (gint64) held8 : rand_range (1, (gint64) held8);
          sell_all = base8 == held8;
        }
      else
        {
          base8 = rand_range (1, p->max_base);
        }
      base = (__int128) base8 * E8;
      gross = (__int128) base8 * price8 * 100; /* 10^-8 x 10^-8 = 10^-16 */
      fee = gross * fee_rates[rate].num / fee_rates[rate].den;
      quote = sell ? gross - fee : gross + fee;
      if (!sell && quote > w.balance[p->quote])
        continue;

      /* orders: a new one now and then, several fills on one otherwise */
      if (d->order_id == 0 || d->order_side != (sell ? DCA_SIDE_SELL : DCA_SIDE_BUY) ||
          g_test_rand_int_range (0, 3) == 0)
        {
          gint64 *key = g_new (gint64, 1);
          DcaOrderKind kind = sell ? DCA_ORDER_KIND_EXIT
                              : d->bought == 0 ? DCA_ORDER_KIND_BASE : DCA_ORDER_KIND_SAFETY;

          d->order_id = insert_order (store, d->id, sell ? DCA_SIDE_SELL : DCA_SIDE_BUY, kind);
          d->order_side = sell ? DCA_SIDE_SELL : DCA_SIDE_BUY;
          *key = d->order_id;
          o = g_new0 (TOrder, 1);
          o->deal_id = d->id;
          g_hash_table_insert (w.orders, key, o);
          if (kind == DCA_ORDER_KIND_SAFETY)
            d->state.safety_orders++;
        }
      o = g_hash_table_lookup (w.orders, &d->order_id);

      f.time = time;
      f.side = sell ? DCA_SIDE_SELL : DCA_SIDE_BUY;
      f.kind = sell ? DCA_ORDER_KIND_EXIT : d->bought == 0 ? DCA_ORDER_KIND_BASE
                                                           : DCA_ORDER_KIND_SAFETY;
      f.price = dca_decimal_from_raw ((__int128) price8 * E8);
      f.base = dca_decimal_from_raw (base);
      f.quote = dca_decimal_from_raw (quote);
      f.fee = dca_decimal_from_raw (fee);

      /* the test's own books */
      if (sell)
        {
          d->sold += base;
          d->received += quote;
        }
      else
        {
          if (d->bought == 0)
            {
              d->state.base_price = f.price;
              d->state.base_order_quote = f.quote;
              d->state.base_order_base = f.base;
            }
          d->spent += quote;
          d->bought += base;
          d->state.last_buy_at = time;
        }
      d->fees += fee;
      if (f.price.raw > d->state.highest_price.raw)
        d->state.highest_price = f.price;
      closes = sell_all && g_test_rand_int_range (0, 2) == 0;
      if (closes)
        {
          d->state.status = DCA_DEAL_STATUS_CLOSED;
          d->state.closed_at = time;
          d->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
        }
      world_state (d, &d->state);
      s = d->state;
      done = closes || g_test_rand_int_range (0, 3) == 0;

      g_snprintf (last_trade, sizeof last_trade, "trade-%u", n_fills);
      if (!dca_store_record_fill (store, d->order_id, last_trade, &f, &s, done, &error))
        g_error ("fill %u: %s", n_fills, error->message);
      n_fills++;
      last_order = d->order_id;
      last_fill = f;

      if (sell)
        {
          w.balance[p->base] -= base;
          w.balance[p->quote] += quote;
        }
      else
        {
          w.balance[p->quote] -= quote;
          w.balance[p->base] += base;
        }
      o->base += base;
      o->quote += quote;
      o->fees += fee;
      if (done)
        {
          o->done = TRUE;
          d->order_id = 0;
        }

      if (closes)
        {
          gint64 *key = g_new (gint64, 1);

          *key = d->id;
          g_hash_table_insert (w.closed, key, g_memdup2 (d, sizeof *d));
          world_open_deal (&w, store, slot, d->product, time);
        }

      /* now and then the same trade arrives again */
      if (n_fills % 97 == 0)
        {
          DcaDealState other = s;

          other.quote_spent = dca_decimal_from_raw (s.quote_spent.raw + UNIT);
          g_assert_false (dca_store_record_fill (store, last_order, last_trade, &last_fill,
                                                 &other, TRUE, &error));
          g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_DUPLICATE_FILL);
          g_clear_error (&error);
          g_assert_true (available (store, "paper", currencies[p->base]).raw ==
                         w.balance[p->base]);
          g_assert_true (available (store, "paper", currencies[p->quote]).raw ==
                         w.balance[p->quote]);
          n_duplicates++;
        }

      /* and now and then a buy the wallet cannot pay for */
      if (n_fills % 501 == 0)
        {
          TDeal *od = &w.deals[slot];
          const Product *op = &products[od->product];
          gint64 order_id = insert_order (store, od->id, DCA_SIDE_BUY, DCA_ORDER_KIND_MANUAL);
          g_autoptr(DcaOrderRecord) before = dca_store_get_order (store, order_id, &error);
          g_autoptr(DcaOrderRecord) after = NULL;
          gint64 *key = g_new (gint64, 1);
          DcaFill big = { 0 };
          DcaDealState bs = od->state;

          *key = order_id;
          o = g_new0 (TOrder, 1);
          o->deal_id = od->id;
          g_hash_table_insert (w.orders, key, o);

          big.time = time;
          big.side = DCA_SIDE_BUY;
          big.kind = DCA_ORDER_KIND_MANUAL;
          big.price = dca_decimal_from_raw (op->price_lo * E8);
          big.base = dca_decimal_from_raw (E8);
          big.quote = dca_decimal_from_raw (w.balance[op->quote] + E8);
          bs.quote_spent = dca_decimal_from_raw (od->spent + big.quote.raw);
          bs.base_bought = dca_decimal_from_raw (od->bought + E8);
          g_assert_false (dca_store_record_fill (store, order_id, "too-big", &big, &bs, TRUE,
                                                 &error));
          g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INSUFFICIENT_FUNDS);
          g_clear_error (&error);

          after = dca_store_get_order (store, order_id, &error);
          g_assert_cmpint (after->status, ==, before->status);
          g_assert_true (dca_decimal_is_zero (after->filled_base));
          g_assert_true (dca_decimal_is_zero (after->filled_quote));
          check_deal_against (store, od);
          g_assert_true (available (store, "paper", currencies[op->quote]).raw ==
                         w.balance[op->quote]);
          g_assert_true (available (store, "paper", currencies[op->base]).raw ==
                         w.balance[op->base]);
          n_refused++;
        }
    }
  g_test_message ("%u fills over %u deals, %u duplicates, %u refused",
                  n_fills, w.n_deals_total, n_duplicates, n_refused);
  g_assert_cmpuint (g_hash_table_size (w.closed), >, 10);

  world_verify (&w, store, t.path);

  /* the same after closing and reopening the file */
  g_clear_object (&store);
  store = open_store (t.path);
  world_verify (&w, store, t.path);

  g_clear_object (&store);
  g_hash_table_unref (w.orders);
  g_hash_table_unref (w.closed);
  tmp_db_clear (&t);
}

/* Two connections (the engine's and the window's) writing fills at once:
 * each fill's read-modify-write of the shared balance is serialised. */

typedef struct
{
  const char *path;
  gint64      deal_id;
  guint       n;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(DcaStore) store = open_store (w->path);
  DcaDealState s = { 0 };

  s.status = DCA_DEAL_STATUS_OPEN;
  s.opened_at = 1000;
  for (guint i = 0; i < w->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *trade = g_strdup_printf ("t%u", i);
      gint64 order = insert_order (store, w->deal_id, DCA_SIDE_BUY, DCA_ORDER_KIND_SAFETY);
      DcaFill f = make_fill (DCA_SIDE_BUY, DCA_ORDER_KIND_SAFETY, "0.05", "0.02", "0.001", "0");

      s.quote_spent = dca_decimal_from_raw ((i + 1) * (UNIT / 1000));
      s.base_bought = dca_decimal_from_raw ((i + 1) * (UNIT / 50));
      if (!dca_store_record_fill (store, order, trade, &f, &s, TRUE, &error))
        g_error ("writer %" G_GINT64_FORMAT ": %s", w->deal_id, error->message);
    }
  return NULL;
}

static void
test_two_connections (void)
{
  TmpDb t;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Writer writers[2];
  GThread *threads[2];
  gint64 bot;

  tmp_db_init (&t);
  store = open_store (t.path);
  bot = insert_bot (store, "Shared wallet", "ETH-BTC");
  set_balance (store, "paper", "BTC", "10");
  for (guint i = 0; i < 2; i++)
    {
      writers[i].path = t.path;
      writers[i].deal_id = insert_deal (store, bot, "ETH-BTC", 1000);
      writers[i].n = 1000;
    }
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  assert_decimal (available (store, "paper", "BTC"), "8");
  assert_decimal (available (store, "paper", "ETH"), "40");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DcaDealRecord) deal = dca_store_get_deal (store, writers[i].deal_id, &error);

      assert_decimal (deal->state.quote_spent, "1");
      assert_decimal (deal->state.base_bought, "20");
    }
  g_clear_object (&store);
  tmp_db_clear (&t);
}

/* ---- transactions -------------------------------------------------------- */

static void
test_transactions (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DcaDealRecord) deal = NULL;
  gint64 bot = insert_bot (store, "Tx", "ETH-BTC");
  gint64 deal_id = insert_deal (store, bot, "ETH-BTC", 1000);
  gint64 order;
  DcaFill f = make_fill (DCA_SIDE_BUY, DCA_ORDER_KIND_BASE, "0.05", "2", "0.1", "0");
  DcaDealState s = { 0 };

  /* nested: the inner group rolls back, the outer commits */
  g_assert_true (dca_store_begin (store, &error));
  insert_bot (store, "kept", "ETH-BTC");
  g_assert_true (dca_store_begin (store, &error));
  insert_bot (store, "dropped", "ETH-BTC");
  dca_store_rollback (store);
  g_assert_true (dca_store_commit (store, &error));
  list = dca_store_list_bots (store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((DcaBotRecord *) list->pdata[0])->name, ==, "kept");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* a fill inside a caller's group goes when the group is rolled back */
  set_balance (store, "paper", "BTC", "1");
  g_assert_true (dca_store_begin (store, &error));
  order = insert_order (store, deal_id, DCA_SIDE_BUY, DCA_ORDER_KIND_BASE);
  s.status = DCA_DEAL_STATUS_OPEN;
  s.opened_at = 1000;
  s.quote_spent = D ("0.1");
  s.base_bought = D ("2");
  g_assert_true (dca_store_record_fill (store, order, "t", &f, &s, TRUE, &error));
  assert_decimal (available (store, "paper", "BTC"), "0.9");
  dca_store_rollback (store);
  assert_decimal (available (store, "paper", "BTC"), "1");
  list = dca_store_list_orders_of_deal (store, deal_id, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  deal = dca_store_get_deal (store, deal_id, &error);
  g_assert_true (dca_decimal_is_zero (deal->state.quote_spent));

  /* a failed call inside a group leaves the group usable */
  g_assert_true (dca_store_begin (store, &error));
  g_assert_false (dca_store_record_fill (store, 999, "x", &f, &s, TRUE, &error));
  g_clear_error (&error);
  insert_bot (store, "after a failure", "ETH-BTC");
  g_assert_true (dca_store_commit (store, &error));
  list = dca_store_list_bots (store, &error);
  g_assert_cmpuint (list->len, ==, 3);
}

/* ---- the rest ------------------------------------------------------------ */

static void
test_balances_and_kv (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DcaBalanceRecord) b = NULL;
  char *value = NULL;

  b = dca_store_get_balance (store, "paper", "BTC", &error);
  g_assert_no_error (error);
  g_assert_true (dca_decimal_is_zero (b->available));
  g_clear_pointer (&b, dca_balance_record_free);

  g_assert_true (dca_store_set_balance (store, "paper", "BTC", D ("1.5"), D ("0.25"), &error));
  g_assert_true (dca_store_set_balance (store, "paper", "USD", D ("100"), D ("0"), &error));
  g_assert_true (dca_store_set_balance (store, "coinbase", "BTC", D ("3"), D ("0"), &error));
  g_assert_true (dca_store_set_balance (store, "paper", "BTC", D ("1.75"), D ("0.5"), &error));
  g_assert_false (dca_store_set_balance (store, "paper", "BTC", D ("-1"), D ("0"), &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = dca_store_list_balances (store, "paper", &error);
  g_assert_cmpuint (list->len, ==, 2);
  b = g_ptr_array_steal_index (list, 0);
  g_assert_cmpstr (b->currency, ==, "BTC");
  assert_decimal (b->available, "1.75");
  assert_decimal (b->hold, "0.5");

  g_assert_true (dca_store_kv_get (store, "replay.position", &value, &error));
  g_assert_null (value);
  g_assert_true (dca_store_kv_set (store, "replay.position", "1515560400", &error));
  g_assert_true (dca_store_kv_set (store, "replay.position", "1515560700", &error));
  g_assert_true (dca_store_kv_get (store, "replay.position", &value, &error));
  g_assert_cmpstr (value, ==, "1515560700");
  g_free (value);
  g_assert_true (dca_store_kv_set (store, "replay.position", NULL, &error));
  g_assert_true (dca_store_kv_get (store, "replay.position", &value, &error));
  g_assert_null (value);
  g_assert_no_error (error);
}

static void
test_decisions_events_snapshots (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 bot = insert_bot (store, "Log", "ETH-BTC");
  gint64 other = insert_bot (store, "Other", "ETH-BTC");
  gint64 deal = insert_deal (store, bot, "ETH-BTC", 100);
  DcaSnapshotValue values[] = {
    { "BTC", D ("1.25"), TRUE, D ("50000.5") },
    { "USD", D ("10"), TRUE, D ("10") },
    { "XMR", D ("3"), FALSE, { 0 } },
  };

  for (int i = 0; i < 5; i++)
    {
      DcaDecisionRecord d = { 0 };

      d.time = 1000 + i;
      d.bot_id = i == 4 ? other : bot;
      d.deal_id = i == 2 ? deal : 0;
      d.product_id = (char *) "ETH-BTC";
      d.action = (char *) (i == 2 ? "safety" : "skip");
      d.reason = (char *) "RSI 41.2 is not below 30";
      g_assert_cmpint (dca_store_insert_decision (store, &d, &error), >, 0);
      g_assert_no_error (error);
    }
  list = dca_store_list_decisions (store, bot, 3, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((DcaDecisionRecord *) list->pdata[0])->time, ==, 1003);
  g_assert_cmpint (((DcaDecisionRecord *) list->pdata[1])->deal_id, ==, deal);
  g_assert_cmpstr (((DcaDecisionRecord *) list->pdata[1])->action, ==, "safety");
  g_clear_pointer (&list, g_ptr_array_unref);

  for (int i = 0; i < 4; i++)
    {
      DcaEventRecord e = { 0 };

      e.time = 2000 + i;
      e.type = (char *) "deal-opened";
      e.bot_id = bot;
      e.deal_id = deal;
      e.level = (char *) (i == 3 ? "warning" : NULL);
      e.message = (char *) "Deal opened on ETH-BTC";
      e.data_json = (char *) (i == 0 ? "{\"price\": \"0.05\"}" : NULL);
      g_assert_cmpint (dca_store_insert_event (store, &e, &error), >, 0);
      g_assert_no_error (error);
    }
  {
    DcaEventRecord e = { 0 };

    e.type = (char *) "x";
    e.data_json = (char *) "{oops";
    g_assert_cmpint (dca_store_insert_event (store, &e, &error), ==, 0);
    g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  list = dca_store_list_events (store, 2, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((DcaEventRecord *) list->pdata[0])->time, ==, 2003);
  g_assert_cmpstr (((DcaEventRecord *) list->pdata[0])->level, ==, "warning");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dca_store_list_events_since (store, 1, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((DcaEventRecord *) list->pdata[0])->id, ==, 2);
  g_assert_cmpstr (((DcaEventRecord *) list->pdata[0])->level, ==, "info");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (dca_store_insert_account_snapshot (store, "paper", 3600, values, 3, &error));
  g_assert_true (dca_store_insert_account_snapshot (store, "paper", 7200, values, 2, &error));
  g_assert_true (dca_store_insert_account_snapshot (store, "coinbase", 7200, values, 1, &error));
  g_assert_no_error (error);
  /* one value per currency and time: the whole snapshot is refused */
  g_assert_false (dca_store_insert_account_snapshot (store, "paper", 10800, (DcaSnapshotValue[]) {
    { "BTC", D ("1"), FALSE, { 0 } }, { "BTC", D ("2"), FALSE, { 0 } } }, 2, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  list = dca_store_list_account_snapshots (store, "paper", 0, 0, &error);
  g_assert_cmpuint (list->len, ==, 5);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dca_store_list_account_snapshots (store, "paper", 3600, 7200, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((DcaSnapshotRecord *) list->pdata[0])->currency, ==, "BTC");
  assert_decimal (((DcaSnapshotRecord *) list->pdata[0])->value_usd, "50000.5");
  g_assert_true (((DcaSnapshotRecord *) list->pdata[0])->has_value_usd);
  g_assert_false (((DcaSnapshotRecord *) list->pdata[2])->has_value_usd);
  g_assert_no_error (error);
}

/* ---- query plans --------------------------------------------------------- */

/* An index serves the query: no full scan of the table, no sort of all its
 * rows, and when given, the index that fits the filter best. */
static void
assert_indexed_plan (const char *what, const char *plan, const char *table,
                     const char *index)
{
  g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);
  g_autofree char *scan = g_strdup_printf ("SCAN %s", table);
  gboolean uses_index = FALSE;

  g_test_message ("%s:\n%s", what, plan);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (g_str_has_prefix (l, scan) && strstr (l, "INDEX") == NULL)
        g_error ("%s scans %s:\n%s", what, table, plan);
      if (strstr (l, "TEMP B-TREE") != NULL)
        g_error ("%s sorts its rows:\n%s", what, plan);
      if (strstr (l, table) != NULL && strstr (l, "INDEX") != NULL)
        uses_index = TRUE;
    }
  if (!uses_index)
    g_error ("%s uses no index of %s:\n%s", what, table, plan);
  if (index != NULL)
    {
      g_autofree char *using = g_strdup_printf (" INDEX %s ", index);
      g_autofree char *using_end = g_strdup_printf (" INDEX %s\n", index);

      if (strstr (plan, using) == NULL && strstr (plan, using_end) == NULL)
        g_error ("%s does not use %s:\n%s", what, index, plan);
    }
}

static void
test_query_plans (void)
{
  g_autoptr(DcaStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  const guint open = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
  const guint closed = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  const guint cancelled = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CANCELLED);
  const struct { DcaDealFilter f; const char *index; } filters[] = {
    /* all deals, newest first */
    { { .limit = 50 }, "deals_opened" },
    /* open deals page */
    { { .status_mask = open }, "deals_status_opened" },
    /* the engine: open deals of a bot */
    { { .bot_id = 1, .status_mask = open }, "deals_bot_status_opened" },
    /* a bot's deals */
    { { .bot_id = 1, .limit = 50, .offset = 50 }, "deals_bot_opened" },
    /* history pages */
    { { .status_mask = closed, .sort = DCA_DEAL_SORT_CLOSED, .limit = 50, .offset = 100 },
      "deals_closed_analytics" },
    { { .status_mask = closed | cancelled, .sort = DCA_DEAL_SORT_CLOSED, .limit = 50 },
      "deals_closed" },
    /* periods */
    { { .status_mask = closed, .closed_from = 1, .closed_to = 2, .sort = DCA_DEAL_SORT_CLOSED },
      "deals_closed_analytics" },
    { { .closed_from = 1, .closed_to = 2, .sort = DCA_DEAL_SORT_CLOSED }, "deals_closed" },
    /* a pair's history and periods */
    { { .product_id = "ETH-BTC", .status_mask = closed, .sort = DCA_DEAL_SORT_CLOSED,
        .limit = 50 }, "deals_product_closed" },
    { { .product_id = "ETH-BTC", .closed_from = 1, .sort = DCA_DEAL_SORT_CLOSED },
      "deals_product_closed" },
    /* a bot's history and periods */
    { { .bot_id = 1, .status_mask = closed, .sort = DCA_DEAL_SORT_CLOSED, .limit = 50 },
      "deals_bot_closed" },
    { { .bot_id = 1, .closed_from = 1, .closed_to = 2, .sort = DCA_DEAL_SORT_CLOSED },
      "deals_bot_closed" },
  };
  static const struct { const char *name, *table; } queries[] = {
    { "bot-count-open-deals", "deals" },
    { "orders-of-deal", "orders" },
    { "orders-unsettled", "orders" },
    { "orders-unsettled-of-exchange", "orders" },
    { "order-get-by-client-id", "orders" },
    { "order-get-by-exchange-id", "orders" },
    { "fills-of-deal", "fills" },
    { "fills-of-order", "fills" },
    { "fill-exists", "fills" },
    { "decisions-of-bot", "decisions" },
    { "events-recent", "events" },
    { "snapshots-of-exchange", "account_snapshots" },
    { "template-get-by-name", "bot_templates" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *plan = dca_store_explain_list_deals (store, &filters[i].f, &error);
      g_autofree char *what = g_strdup_printf ("deal filter %u", i);

      g_assert_no_error (error);
      assert_indexed_plan (what, plan, "deals", filters[i].index);
    }
  /* History sorted by each column, both ways, filtered by bot, pair or both:
   * read off that column's index, never sorted */
  for (guint sort = DCA_DEAL_SORT_PAIR; sort < DCA_N_DEAL_SORTS; sort++)
    for (guint variant = 0; variant < 8; variant++)
      {
        static const char *const sort_index[DCA_N_DEAL_SORTS] = {
          [DCA_DEAL_SORT_PAIR] = "deals_status_product",
          [DCA_DEAL_SORT_BOT] = "deals_bot_status_opened",
          [DCA_DEAL_SORT_DURATION] = "deals_status_duration",
          [DCA_DEAL_SORT_SPENT] = "deals_status_spent",
          [DCA_DEAL_SORT_PROFIT] = "deals_status_profit",
          [DCA_DEAL_SORT_PROFIT_PERCENTAGE] = "deals_status_profit_percentage",
          [DCA_DEAL_SORT_CLOSE_REASON] = "deals_status_close_reason",
          [DCA_DEAL_SORT_SAFETY_ORDERS] = "deals_status_safety_orders",
        };
        DcaDealFilter f = { .status_mask = closed, .sort = sort, .limit = 200, .offset = 400 };
        g_autofree char *plan = NULL;
        g_autofree char *what = NULL;

        f.ascending = variant & 1;
        f.bot_id = variant & 2 ? 1 : 0;
        f.product_id = variant & 4 ? "ETH-BTC" : NULL;
        plan = dca_store_explain_list_deals (store, &f, &error);
        g_assert_no_error (error);
        what = g_strdup_printf ("history sorted by %u, variant %u", sort, variant);
        assert_indexed_plan (what, plan, "deals", sort_index[sort]);
        if (sort == DCA_DEAL_SORT_BOT && f.bot_id == 0)
          assert_indexed_plan (what, plan, "bots", "bots_name");
      }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *plan = dca_store_explain_query (store, queries[i].name, &error);

      g_assert_no_error (error);
      assert_indexed_plan (queries[i].name, plan, queries[i].table, NULL);
    }

  g_assert_true (g_strv_contains (dca_store_list_query_names (), "orders-unsettled"));
  g_assert_null (dca_store_explain_query (store, "no-such-query", &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/schema/fresh", test_schema_fresh);
  g_test_add_func ("/store/schema/empty-file", test_schema_empty_file);
  g_test_add_func ("/store/schema/too-new", test_schema_too_new);
  g_test_add_func ("/store/schema/foreign-database", test_schema_foreign_database);
  g_test_add_func ("/store/schema/garbage-file", test_schema_garbage_file);
  g_test_add_func ("/store/open/unwritable-folder", test_open_unwritable_folder);
  g_test_add_func ("/store/open/default-path", test_default_path);
  g_test_add_func ("/store/open/pragmas", test_pragmas);
  g_test_add_func ("/store/bots", test_bots);
  g_test_add_func ("/store/deal-sorts", test_deal_sorts);
  g_test_add_func ("/store/templates", test_templates);
  g_test_add_func ("/store/deals/round-trip", test_deal_roundtrip);
  g_test_add_func ("/store/deals/lists", test_deal_lists);
  g_test_add_func ("/store/orders", test_orders);
  g_test_add_func ("/store/fills/duplicate-and-rollback", test_fill_duplicate_and_rollback);
  g_test_add_func ("/store/fills/random", test_fill_random);
  g_test_add_func ("/store/fills/two-connections", test_two_connections);
  g_test_add_func ("/store/transactions", test_transactions);
  g_test_add_func ("/store/balances-and-kv", test_balances_and_kv);
  g_test_add_func ("/store/decisions-events-snapshots", test_decisions_events_snapshots);
  g_test_add_func ("/store/query-plans", test_query_plans);

  return g_test_run ();
}
