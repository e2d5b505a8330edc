/* dca-store-migrations.c: the numbered schema migrations of the store
 *
 * Each script runs once, inside its own transaction, and the store sets
 * PRAGMA user_version to its number in the same transaction.  Released
 * scripts are never edited: a change is a new script at the end.
 *
 * Amounts are TEXT columns holding canonical decimal strings: TEXT affinity
 * keeps "0.10000001" exactly as written, where REAL or NUMERIC affinity would
 * turn it into a binary double.  Times are INTEGER unix seconds (UTC).
 */
#define G_LOG_DOMAIN "dca-store"

#include "config.h"

#include "dca-store-private.h"

static const char migration_1[] =
  "CREATE TABLE bots ("
  "  id                        INTEGER PRIMARY KEY,"
  "  name                      TEXT NOT NULL CHECK (length (name) > 0),"
  "  description               TEXT NOT NULL DEFAULT '',"
  "  strategy_type             TEXT NOT NULL,"
  "  product_ids               TEXT NOT NULL,"             /* JSON array */
  "  quote_currency            TEXT NOT NULL,"
  "  strategy_config           TEXT NOT NULL,"             /* JSON object, verbatim */
  "  check_interval_seconds    INTEGER NOT NULL DEFAULT 60"
  "                            CHECK (check_interval_seconds BETWEEN 1 AND 86400),"
  "  split_budget_across_pairs INTEGER NOT NULL DEFAULT 0"
  "                            CHECK (split_budget_across_pairs IN (0, 1)),"
  "  reserved_btc_balance      TEXT NOT NULL DEFAULT '0',"
  "  reserved_usd_balance      TEXT NOT NULL DEFAULT '0',"
  "  status                    TEXT NOT NULL DEFAULT 'stopped'"
  "                            CHECK (status IN ('running', 'stopped')),"
  "  exchange                  TEXT NOT NULL DEFAULT 'paper'"
  "                            CHECK (exchange IN ('paper', 'coinbase')),"
  "  favourite                 INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),"
  "  created_at                INTEGER NOT NULL,"
  "  updated_at                INTEGER NOT NULL,"
  "  deleted_at                INTEGER"
  ");"
  "CREATE INDEX bots_live_name ON bots (name COLLATE NOCASE) WHERE deleted_at IS NULL;"

  "CREATE TABLE bot_templates ("
  "  id              INTEGER PRIMARY KEY,"
  "  name            TEXT NOT NULL CHECK (length (name) > 0),"
  "  description     TEXT NOT NULL DEFAULT '',"
  "  strategy_type   TEXT NOT NULL,"
  "  strategy_config TEXT NOT NULL,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL,"
  "  deleted_at      INTEGER"
  ");"
  "CREATE UNIQUE INDEX bot_templates_live_name ON bot_templates (name COLLATE NOCASE)"
  "  WHERE deleted_at IS NULL;"

  "CREATE TABLE deals ("
  "  id                INTEGER PRIMARY KEY,"
  "  bot_id            INTEGER NOT NULL REFERENCES bots (id),"
  "  exchange          TEXT NOT NULL CHECK (exchange IN ('paper', 'coinbase')),"
  "  product_id        TEXT NOT NULL,"
  "  quote_currency    TEXT NOT NULL,"
  "  status            TEXT NOT NULL DEFAULT 'open'"
  "                    CHECK (status IN ('open', 'closed', 'cancelled')),"
  "  config_snapshot   TEXT NOT NULL DEFAULT '{}',"
  "  opened_at         INTEGER NOT NULL,"
  "  closed_at         INTEGER,"
  "  close_reason      TEXT CHECK (close_reason IN ('take_profit', 'trailing_take_profit',"
  "                    'stop_loss', 'trailing_stop_loss', 'conditions', 'manual')),"
  "  quote_spent       TEXT NOT NULL DEFAULT '0',"
  "  base_bought       TEXT NOT NULL DEFAULT '0',"
  "  base_sold         TEXT NOT NULL DEFAULT '0',"
  "  quote_received    TEXT NOT NULL DEFAULT '0',"
  "  fees              TEXT NOT NULL DEFAULT '0',"
  "  base_price        TEXT NOT NULL DEFAULT '0',"
  "  base_order_quote  TEXT NOT NULL DEFAULT '0',"
  "  base_order_base   TEXT NOT NULL DEFAULT '0',"
  "  capital_at_open   TEXT NOT NULL DEFAULT '0',"
  "  safety_orders     INTEGER NOT NULL DEFAULT 0 CHECK (safety_orders >= 0),"
  "  last_buy_at       INTEGER,"
  "  tp_trailing       INTEGER NOT NULL DEFAULT 0 CHECK (tp_trailing IN (0, 1)),"
  "  tp_trail_high     TEXT NOT NULL DEFAULT '0',"
  "  highest_price     TEXT NOT NULL DEFAULT '0',"
  "  profit            TEXT,"
  "  profit_percentage TEXT,"
  "  notes             TEXT,"
  "  last_error        TEXT,"
  "  created_at        INTEGER NOT NULL,"
  "  updated_at        INTEGER NOT NULL"
  ");"
  /* open deals of a bot, and a bot's deals by status and time */
  "CREATE INDEX deals_bot_status_opened ON deals (bot_id, status, opened_at);"
  /* deals of a status, newest first (the open deals page) */
  "CREATE INDEX deals_status_opened ON deals (status, opened_at);"
  /* closed deals by close time: history pages, periods, analytics */
  "CREATE INDEX deals_status_closed ON deals (status, closed_at);"
  "CREATE INDEX deals_closed ON deals (closed_at);"
  "CREATE INDEX deals_opened ON deals (opened_at);"
  "CREATE INDEX deals_product_closed ON deals (product_id, closed_at);"
  "CREATE INDEX deals_bot_closed ON deals (bot_id, closed_at);"
  "CREATE INDEX deals_bot_opened ON deals (bot_id, opened_at);"

  "CREATE TABLE orders ("
  "  id                INTEGER PRIMARY KEY,"
  "  deal_id           INTEGER NOT NULL REFERENCES deals (id),"
  "  bot_id            INTEGER NOT NULL REFERENCES bots (id),"
  "  exchange          TEXT NOT NULL,"
  "  product_id        TEXT NOT NULL,"
  "  client_order_id   TEXT NOT NULL UNIQUE,"
  "  exchange_order_id TEXT,"
  "  kind              TEXT NOT NULL CHECK (kind IN ('base', 'safety', 'exit', 'manual')),"
  "  side              TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
  "  type              TEXT NOT NULL CHECK (type IN ('market', 'limit')),"
  "  status            TEXT NOT NULL DEFAULT 'pending'"
  "                    CHECK (status IN ('pending', 'open', 'filled', 'cancelled', 'failed')),"
  "  quote_size        TEXT,"
  "  base_size         TEXT,"
  "  limit_price       TEXT,"
  "  post_only         INTEGER NOT NULL DEFAULT 0 CHECK (post_only IN (0, 1)),"
  "  filled_base       TEXT NOT NULL DEFAULT '0',"
  "  filled_quote      TEXT NOT NULL DEFAULT '0',"
  "  fees              TEXT NOT NULL DEFAULT '0',"
  "  average_price     TEXT,"
  "  so_index          INTEGER NOT NULL DEFAULT 0,"
  "  error             TEXT,"
  "  created_at        INTEGER NOT NULL,"
  "  updated_at        INTEGER NOT NULL"
  ");"
  "CREATE INDEX orders_deal ON orders (deal_id);"
  /* crash reconciliation looks at the few orders not settled yet */
  "CREATE INDEX orders_unsettled ON orders (created_at) WHERE status IN ('pending', 'open');"
  "CREATE INDEX orders_exchange_order ON orders (exchange, exchange_order_id)"
  "  WHERE exchange_order_id IS NOT NULL;"

  "CREATE TABLE fills ("
  "  id       INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id),"
  "  deal_id  INTEGER NOT NULL REFERENCES deals (id),"
  "  trade_id TEXT NOT NULL,"
  "  time     INTEGER NOT NULL,"
  "  side     TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
  "  kind     TEXT NOT NULL CHECK (kind IN ('base', 'safety', 'exit', 'manual')),"
  "  price    TEXT NOT NULL,"
  "  base     TEXT NOT NULL,"
  "  quote    TEXT NOT NULL,"
  "  fee      TEXT NOT NULL,"
  "  UNIQUE (order_id, trade_id)"
  ");"
  "CREATE INDEX fills_deal ON fills (deal_id, time);"

  "CREATE TABLE decisions ("
  "  id         INTEGER PRIMARY KEY,"
  "  time       INTEGER NOT NULL,"
  "  bot_id     INTEGER REFERENCES bots (id),"
  "  deal_id    INTEGER REFERENCES deals (id),"
  "  product_id TEXT,"
  "  action     TEXT NOT NULL,"
  "  reason     TEXT NOT NULL DEFAULT '',"
  "  detail     TEXT"
  ");"
  "CREATE INDEX decisions_bot_time ON decisions (bot_id, time);"

  "CREATE TABLE events ("
  "  id         INTEGER PRIMARY KEY,"
  "  time       INTEGER NOT NULL,"
  "  type       TEXT NOT NULL,"
  "  bot_id     INTEGER REFERENCES bots (id),"
  "  deal_id    INTEGER REFERENCES deals (id),"
  "  product_id TEXT,"
  "  level      TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'warning', 'error')),"
  "  message    TEXT NOT NULL DEFAULT '',"
  "  data       TEXT"                                       /* JSON */
  ");"
  "CREATE INDEX events_time ON events (time);"

  "CREATE TABLE account_snapshots ("
  "  id        INTEGER PRIMARY KEY,"
  "  time      INTEGER NOT NULL,"
  "  exchange  TEXT NOT NULL,"
  "  currency  TEXT NOT NULL,"
  "  value     TEXT NOT NULL,"
  "  value_usd TEXT,"
  "  UNIQUE (exchange, time, currency)"
  ");"

  "CREATE TABLE balances ("
  "  exchange  TEXT NOT NULL,"
  "  currency  TEXT NOT NULL,"
  "  available TEXT NOT NULL DEFAULT '0',"
  "  hold      TEXT NOT NULL DEFAULT '0',"
  "  PRIMARY KEY (exchange, currency)"
  ") WITHOUT ROWID;"

  "CREATE TABLE kv ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;";

/* The engine's question at start: did this bot already act on this pair at
 * the market time it resumes from? */
static const char migration_2[] =
  "CREATE INDEX orders_bot_product_created ON orders (bot_id, product_id, created_at);";

/* The paper exchange's own order book (docs/paper.md).  Its wallet is the
 * balances rows of exchange "paper", moved by dca_store_record_fill (). */
static const char migration_3[] =
  "CREATE TABLE paper_orders ("
  "  id              INTEGER PRIMARY KEY,"
  "  client_order_id TEXT NOT NULL UNIQUE,"
  "  product_id      TEXT NOT NULL,"
  "  side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
  "  type            TEXT NOT NULL CHECK (type IN ('market', 'limit')),"
  "  status          TEXT NOT NULL CHECK (status IN ('open', 'filled', 'cancelled', 'failed')),"
  "  quote_size      TEXT,"
  "  base_size       TEXT,"
  "  limit_price     TEXT,"
  "  post_only       INTEGER NOT NULL DEFAULT 0 CHECK (post_only IN (0, 1)),"
  "  filled_base     TEXT NOT NULL DEFAULT '0',"
  "  filled_quote    TEXT NOT NULL DEFAULT '0',"
  "  fees            TEXT NOT NULL DEFAULT '0',"
  "  average_price   TEXT NOT NULL DEFAULT '0',"
  "  reject_reason   TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  done_at         INTEGER"
  ");"
  "CREATE INDEX paper_orders_open ON paper_orders (product_id) WHERE status = 'open';"
  "CREATE TABLE paper_fills ("
  "  id       INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES paper_orders (id),"
  "  trade_id TEXT NOT NULL,"
  "  time     INTEGER NOT NULL,"
  "  price    TEXT NOT NULL,"
  "  base     TEXT NOT NULL,"
  "  quote    TEXT NOT NULL,"
  "  fee      TEXT NOT NULL,"
  "  maker    INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (order_id, trade_id)"
  ");";

/* Notifications (docs/notifications.md): what the bots did that a trader
 * must learn, kept for the in-app notification center.  Newest first by id;
 * the unread ones through a partial index, so the badge's count stays cheap
 * with 100,000 rows. */
static const char migration_4[] =
  "CREATE TABLE notifications ("
  "  id         INTEGER PRIMARY KEY,"
  "  time       INTEGER NOT NULL,"
  "  type       TEXT NOT NULL,"
  "  priority   TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
  "  title      TEXT NOT NULL,"
  "  body       TEXT NOT NULL DEFAULT '',"
  "  read       INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),"
  "  bot_id     INTEGER REFERENCES bots (id),"
  "  deal_id    INTEGER REFERENCES deals (id),"
  "  product_id TEXT,"
  "  event_id   INTEGER REFERENCES events (id)"
  ");"
  "CREATE INDEX notifications_unread ON notifications (id) WHERE read = 0;";

/* History sorted by any column, a page at a time (dca_store_list_deals ()
 * with a DcaDealSort past CLOSED): one index per column after the status,
 * then the bot and pair, so a bot or pair filter is checked on the index
 * without reading the rows.  Amounts sort by their REAL value: an order for
 * the eye, never a sum.  The sort by bot walks the bots by name. */
static const char migration_5[] =
  "CREATE INDEX bots_name ON bots (name COLLATE NOCASE);"
  "CREATE INDEX deals_status_product ON deals (status, product_id, bot_id);"
  "CREATE INDEX deals_status_duration ON deals (status, (closed_at - opened_at), bot_id, product_id);"
  "CREATE INDEX deals_status_spent ON deals (status, CAST(quote_spent AS REAL), bot_id, product_id);"
  "CREATE INDEX deals_status_profit ON deals (status, CAST(profit AS REAL), bot_id, product_id);"
  "CREATE INDEX deals_status_profit_percentage ON deals"
  "  (status, CAST(profit_percentage AS REAL), bot_id, product_id);"
  "CREATE INDEX deals_status_close_reason ON deals (status, close_reason, bot_id, product_id);"
  "CREATE INDEX deals_status_safety_orders ON deals (status, safety_orders, bot_id, product_id);";

/* Analytics summaries (docs/analytics.md), kept in the close's transaction:
 * per scope ('bot', 'pair', 'bot-pair', 'currency') and key, one row a UTC
 * day with exact sums, and one running row (cumulative profit, its peak,
 * the max drawdown, best and worst deal).  Existing closed deals are
 * summed in C at the first open after this migration (kv
 * analytics-built). */
static const char migration_6[] =
  "CREATE TABLE analytics_days ("
  "  scope          TEXT NOT NULL,"
  "  key            TEXT NOT NULL,"
  "  day            INTEGER NOT NULL,"
  "  deals          INTEGER NOT NULL,"
  "  wins           INTEGER NOT NULL,"
  "  losses         INTEGER NOT NULL,"
  "  profit         TEXT NOT NULL,"
  "  spent          TEXT NOT NULL,"
  "  fees           TEXT NOT NULL,"
  "  win_profit     TEXT NOT NULL,"
  "  loss_profit    TEXT NOT NULL,"
  "  sum_profit_pct TEXT NOT NULL,"
  "  sum_duration   INTEGER NOT NULL,"
  "  PRIMARY KEY (scope, key, day)"
  ") WITHOUT ROWID;"
  "CREATE INDEX analytics_days_scope_day ON analytics_days (scope, day);"
  "CREATE TABLE analytics_running ("
  "  scope          TEXT NOT NULL,"
  "  key            TEXT NOT NULL,"
  "  quote_currency TEXT NOT NULL,"
  "  bot_id         INTEGER,"
  "  product_id     TEXT,"
  "  first_open     INTEGER NOT NULL,"
  "  last_close     INTEGER NOT NULL,"
  "  capital        TEXT NOT NULL,"
  "  fixed_capital  INTEGER NOT NULL DEFAULT 0,"
  "  cum            TEXT NOT NULL,"
  "  peak           TEXT NOT NULL,"
  "  max_dd         TEXT NOT NULL,"
  "  max_dd_pct     TEXT NOT NULL,"
  "  best           TEXT NOT NULL,"
  "  worst          TEXT NOT NULL,"
  "  PRIMARY KEY (scope, key)"
  ") WITHOUT ROWID;"
  "INSERT INTO kv (key, value) VALUES ('analytics-built', '0');";

/* Windows of the analytics (24 h, 7 d, 30 d, custom) read their closed
 * deals in close order from this covering index, never from the deals'
 * wide rows.  It begins as deals_status_closed did, and takes its place
 * (history pages, periods). */
static const char migration_7[] =
  "CREATE INDEX deals_closed_analytics ON deals (status, closed_at, id, bot_id, product_id, quote_currency, "
  "opened_at, profit, profit_percentage, quote_spent, fees, capital_at_open);"
  "DROP INDEX deals_status_closed;";

/* USD beside the profits (shared/spec/analytics.md: "BTC-USD at the deal's
 * close"): each closed deal keeps its quote currency's USD price at the
 * close when one was known, and the daily summaries the USD sum of the
 * deals that had one. */
static const char migration_8[] =
  "ALTER TABLE deals ADD COLUMN usd_rate TEXT;"
  "ALTER TABLE analytics_days ADD COLUMN profit_usd TEXT NOT NULL DEFAULT '0';"
  "ALTER TABLE analytics_days ADD COLUMN usd_deals INTEGER NOT NULL DEFAULT 0;"
  "DROP INDEX deals_closed_analytics;"
  "CREATE INDEX deals_closed_analytics ON deals (status, closed_at, id, bot_id, product_id, quote_currency, "
  "opened_at, profit, profit_percentage, quote_spent, fees, capital_at_open, usd_rate);";

const char *const dca_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
};

const guint dca_store_n_migrations = G_N_ELEMENTS (dca_store_migrations);
