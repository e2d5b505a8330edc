/* dca-store.c: the SQLite store of bots, deals, orders, fills and balances
 *
 * One connection per DcaStore, used from one thread.  Statements are
 * prepared once and cached; every call resets what it used before it
 * returns, so no read transaction is left open behind the caller's back.
 */
#define G_LOG_DOMAIN "dca-store"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dca-store.h"
#include "dca-analytics.h"
#include "dca-store-private.h"

#define BUSY_TIMEOUT_MS 5000

/* dca_decimal_parse reads back |x| < 10^20 only, so nothing larger may be
 * written: 10^20 x 10^18 raw units. */
#define AMOUNT_LIMIT_RAW ((__int128) 10000000000000000000ULL * (__int128) 10000000000000000000ULL)

struct _DcaStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[64];
  GHashTable   *deal_queries; /* SQL text -> sqlite3_stmt, for the deal filters */
  guint         tx_depth;
  gboolean      bulk_load;    /* closed deals inserted now are summed later */
};

static void dca_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DcaStore, dca_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      dca_store_initable_iface_init))

G_DEFINE_QUARK (dca-store-error-quark, dca_store_error)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- statements ---------------------------------------------------------- */

#define BOT_COLUMNS                                                                 \
  "id, name, description, strategy_type, product_ids, quote_currency, strategy_config, " \
  "check_interval_seconds, split_budget_across_pairs, reserved_btc_balance, "            \
  "reserved_usd_balance, status, exchange, favourite, created_at, updated_at"

#define TEMPLATE_COLUMNS \
  "id, name, description, strategy_type, strategy_config, created_at, updated_at"

#define DEAL_COLUMNS                                                                     \
  "id, bot_id, exchange, product_id, quote_currency, config_snapshot, status, opened_at, " \
  "closed_at, close_reason, quote_spent, base_bought, base_sold, quote_received, fees, "   \
  "base_price, base_order_quote, base_order_base, capital_at_open, safety_orders, "        \
  "last_buy_at, tp_trailing, tp_trail_high, highest_price, profit, profit_percentage, "    \
  "notes, last_error, created_at, updated_at"

/* The deal state is bound at ?10..?27, profit at ?28 and ?29. */
#define DEAL_STATE_COLUMNS                                                              \
  "status, opened_at, closed_at, close_reason, quote_spent, base_bought, base_sold, "   \
  "quote_received, fees, base_price, base_order_quote, base_order_base, "               \
  "capital_at_open, safety_orders, last_buy_at, tp_trailing, tp_trail_high, "           \
  "highest_price, profit, profit_percentage"
#define DEAL_STATE_PARAMS                                    \
  "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "        \
  "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29"

#define ORDER_COLUMNS                                                                 \
  "id, deal_id, bot_id, exchange, product_id, client_order_id, exchange_order_id, "   \
  "kind, side, type, status, quote_size, base_size, limit_price, post_only, "         \
  "filled_base, filled_quote, fees, average_price, so_index, error, created_at, "     \
  "updated_at"

#define FILL_COLUMNS \
  "id, order_id, deal_id, trade_id, time, side, kind, price, base, quote, fee"

#define DECISION_COLUMNS "id, time, bot_id, deal_id, product_id, action, reason, detail"

#define EVENT_COLUMNS "id, time, type, bot_id, deal_id, product_id, level, message, data"

#define SNAPSHOT_COLUMNS "id, time, exchange, currency, value, value_usd"

typedef enum
{
  STMT_BOT_INSERT,
  STMT_BOT_UPDATE,
  STMT_BOT_GET,
  STMT_BOT_LIST,
  STMT_BOT_SET_RUNNING,
  STMT_BOT_SET_FAVOURITE,
  STMT_BOT_DELETE,
  STMT_BOT_COUNT_OPEN_DEALS,
  STMT_TEMPLATE_INSERT,
  STMT_TEMPLATE_UPDATE,
  STMT_TEMPLATE_GET,
  STMT_TEMPLATE_GET_BY_NAME,
  STMT_TEMPLATE_LIST,
  STMT_TEMPLATE_DELETE,
  STMT_DEAL_INSERT,
  STMT_DEAL_GET,
  STMT_DEAL_UPDATE_STATE,
  STMT_DEAL_SET_NOTES,
  STMT_DEAL_SET_LAST_ERROR,
  STMT_ORDER_INSERT,
  STMT_ORDER_SET_EXCHANGE_ID,
  STMT_ORDER_SET_STATUS,
  STMT_ORDER_SET_ERROR,
  STMT_ORDER_UPDATE_FILLED,
  STMT_ORDER_GET,
  STMT_ORDER_GET_BY_CLIENT_ID,
  STMT_ORDER_GET_BY_EXCHANGE_ID,
  STMT_ORDER_LIST_OF_DEAL,
  STMT_ORDER_LIST_UNSETTLED,
  STMT_ORDER_LIST_UNSETTLED_EXCHANGE,
  STMT_FILL_EXISTS,
  STMT_FILL_INSERT,
  STMT_FILL_LIST_OF_DEAL,
  STMT_FILL_LIST_OF_ORDER,
  STMT_BALANCE_GET,
  STMT_BALANCE_SET,
  STMT_BALANCE_SET_AVAILABLE,
  STMT_BALANCE_LIST,
  STMT_DECISION_INSERT,
  STMT_DECISION_LIST,
  STMT_EVENT_INSERT,
  STMT_EVENT_LIST,
  STMT_EVENT_LIST_SINCE,
  STMT_SNAPSHOT_INSERT,
  STMT_SNAPSHOT_LIST,
  STMT_KV_GET,
  STMT_KV_SET,
  STMT_KV_DELETE,
  N_STMTS
} StmtId;

G_STATIC_ASSERT (N_STMTS <= G_N_ELEMENTS (((DcaStore *) NULL)->stmts));

static const struct
{
  const char *name;
  const char *sql;
} statements[N_STMTS] = {
  [STMT_BOT_INSERT] = { "bot-insert",
    "INSERT INTO bots (name, description, strategy_type, product_ids, quote_currency, "
    "strategy_config, check_interval_seconds, split_budget_across_pairs, "
    "reserved_btc_balance, reserved_usd_balance, exchange, favourite, status, created_at, "
    "updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15, ?14, ?14)" },
  [STMT_BOT_UPDATE] = { "bot-update",
    "UPDATE bots SET name = ?2, description = ?3, strategy_type = ?4, product_ids = ?5, "
    "quote_currency = ?6, strategy_config = ?7, check_interval_seconds = ?8, "
    "split_budget_across_pairs = ?9, reserved_btc_balance = ?10, reserved_usd_balance = ?11, "
    "exchange = ?12, favourite = ?13, updated_at = ?14 WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_BOT_GET] = { "bot-get",
    "SELECT " BOT_COLUMNS " FROM bots WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_BOT_LIST] = { "bots-list",
    "SELECT " BOT_COLUMNS " FROM bots WHERE deleted_at IS NULL "
    "ORDER BY name COLLATE NOCASE, id" },
  [STMT_BOT_SET_RUNNING] = { "bot-set-running",
    "UPDATE bots SET status = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_BOT_SET_FAVOURITE] = { "bot-set-favourite",
    "UPDATE bots SET favourite = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_BOT_DELETE] = { "bot-delete",
    "UPDATE bots SET deleted_at = ?2, updated_at = ?2, status = 'stopped' "
    "WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_BOT_COUNT_OPEN_DEALS] = { "bot-count-open-deals",
    "SELECT count(*) FROM deals WHERE bot_id = ?1 AND status = 'open'" },

  [STMT_TEMPLATE_INSERT] = { "template-insert",
    "INSERT INTO bot_templates (name, description, strategy_type, strategy_config, "
    "created_at, updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?6)" },
  [STMT_TEMPLATE_UPDATE] = { "template-update",
    "UPDATE bot_templates SET name = ?2, description = ?3, strategy_type = ?4, "
    "strategy_config = ?5, updated_at = ?6 WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_TEMPLATE_GET] = { "template-get",
    "SELECT " TEMPLATE_COLUMNS " FROM bot_templates WHERE id = ?1 AND deleted_at IS NULL" },
  [STMT_TEMPLATE_GET_BY_NAME] = { "template-get-by-name",
    "SELECT " TEMPLATE_COLUMNS " FROM bot_templates "
    "WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL" },
  [STMT_TEMPLATE_LIST] = { "templates-list",
    "SELECT " TEMPLATE_COLUMNS " FROM bot_templates WHERE deleted_at IS NULL "
    "ORDER BY name COLLATE NOCASE, id" },
  [STMT_TEMPLATE_DELETE] = { "template-delete",
    "UPDATE bot_templates SET deleted_at = ?2, updated_at = ?2 "
    "WHERE id = ?1 AND deleted_at IS NULL" },

  [STMT_DEAL_INSERT] = { "deal-insert",
    "INSERT INTO deals (bot_id, exchange, product_id, quote_currency, config_snapshot, "
    "notes, last_error, created_at, updated_at, " DEAL_STATE_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, " DEAL_STATE_PARAMS ")" },
  [STMT_DEAL_GET] = { "deal-get",
    "SELECT " DEAL_COLUMNS " FROM deals WHERE id = ?1" },
  [STMT_DEAL_UPDATE_STATE] = { "deal-update-state",
    "UPDATE deals SET (" DEAL_STATE_COLUMNS ", updated_at) = (" DEAL_STATE_PARAMS ", ?8) "
    "WHERE id = ?1" },
  [STMT_DEAL_SET_NOTES] = { "deal-set-notes",
    "UPDATE deals SET notes = ?2, updated_at = ?3 WHERE id = ?1" },
  [STMT_DEAL_SET_LAST_ERROR] = { "deal-set-last-error",
    "UPDATE deals SET last_error = ?2, updated_at = ?3 WHERE id = ?1" },

  [STMT_ORDER_INSERT] = { "order-insert",
    "INSERT INTO orders (deal_id, bot_id, exchange, product_id, client_order_id, "
    "exchange_order_id, kind, side, type, status, quote_size, base_size, limit_price, "
    "post_only, so_index, error, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)" },
  [STMT_ORDER_SET_EXCHANGE_ID] = { "order-set-exchange-id",
    "UPDATE orders SET exchange_order_id = ?2, updated_at = ?3 WHERE id = ?1" },
  [STMT_ORDER_SET_STATUS] = { "order-set-status",
    "UPDATE orders SET status = ?2, updated_at = ?3 WHERE id = ?1" },
  [STMT_ORDER_SET_ERROR] = { "order-set-error",
    "UPDATE orders SET error = ?2, updated_at = ?3 WHERE id = ?1" },
  [STMT_ORDER_UPDATE_FILLED] = { "order-update-filled",
    "UPDATE orders SET filled_base = ?2, filled_quote = ?3, fees = ?4, average_price = ?5, "
    "status = ?6, updated_at = ?7 WHERE id = ?1" },
  [STMT_ORDER_GET] = { "order-get",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?1" },
  [STMT_ORDER_GET_BY_CLIENT_ID] = { "order-get-by-client-id",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE client_order_id = ?1" },
  [STMT_ORDER_GET_BY_EXCHANGE_ID] = { "order-get-by-exchange-id",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE exchange = ?1 AND exchange_order_id = ?2" },
  [STMT_ORDER_LIST_OF_DEAL] = { "orders-of-deal",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE deal_id = ?1 ORDER BY id" },
  /* the WHERE must repeat the partial index's term for SQLite to use it */
  [STMT_ORDER_LIST_UNSETTLED] = { "orders-unsettled",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE status IN ('pending', 'open') "
    "ORDER BY created_at, id" },
  [STMT_ORDER_LIST_UNSETTLED_EXCHANGE] = { "orders-unsettled-of-exchange",
    "SELECT " ORDER_COLUMNS " FROM orders WHERE status IN ('pending', 'open') "
    "AND exchange = ?1 ORDER BY created_at, id" },

  [STMT_FILL_EXISTS] = { "fill-exists",
    "SELECT id FROM fills WHERE order_id = ?1 AND trade_id = ?2" },
  [STMT_FILL_INSERT] = { "fill-insert",
    "INSERT INTO fills (order_id, deal_id, trade_id, time, side, kind, price, base, quote, "
    "fee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" },
  [STMT_FILL_LIST_OF_DEAL] = { "fills-of-deal",
    "SELECT " FILL_COLUMNS " FROM fills WHERE deal_id = ?1 ORDER BY time, id" },
  [STMT_FILL_LIST_OF_ORDER] = { "fills-of-order",
    "SELECT " FILL_COLUMNS " FROM fills WHERE order_id = ?1" },

  [STMT_BALANCE_GET] = { "balance-get",
    "SELECT exchange, currency, available, hold FROM balances "
    "WHERE exchange = ?1 AND currency = ?2" },
  [STMT_BALANCE_SET] = { "balance-set",
    "INSERT INTO balances (exchange, currency, available, hold) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (exchange, currency) DO UPDATE SET available = excluded.available, "
    "hold = excluded.hold" },
  [STMT_BALANCE_SET_AVAILABLE] = { "balance-set-available",
    "INSERT INTO balances (exchange, currency, available) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (exchange, currency) DO UPDATE SET available = excluded.available" },
  [STMT_BALANCE_LIST] = { "balances-of-exchange",
    "SELECT exchange, currency, available, hold FROM balances WHERE exchange = ?1 "
    "ORDER BY currency" },

  [STMT_DECISION_INSERT] = { "decision-insert",
    "INSERT INTO decisions (time, bot_id, deal_id, product_id, action, reason, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
  [STMT_DECISION_LIST] = { "decisions-of-bot",
    "SELECT " DECISION_COLUMNS " FROM decisions WHERE bot_id = ?1 "
    "ORDER BY time DESC, id DESC LIMIT ?2" },

  [STMT_EVENT_INSERT] = { "event-insert",
    "INSERT INTO events (time, type, bot_id, deal_id, product_id, level, message, data) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
  [STMT_EVENT_LIST] = { "events-recent",
    "SELECT " EVENT_COLUMNS " FROM events ORDER BY time DESC, id DESC LIMIT ?1" },
  [STMT_EVENT_LIST_SINCE] = { "events-since",
    "SELECT " EVENT_COLUMNS " FROM events WHERE id > ?1 ORDER BY id LIMIT ?2" },

  [STMT_SNAPSHOT_INSERT] = { "snapshot-insert",
    "INSERT INTO account_snapshots (time, exchange, currency, value, value_usd) "
    "VALUES (?1, ?2, ?3, ?4, ?5)" },
  [STMT_SNAPSHOT_LIST] = { "snapshots-of-exchange",
    "SELECT " SNAPSHOT_COLUMNS " FROM account_snapshots "
    "WHERE exchange = ?1 AND time >= ?2 AND time < ?3 ORDER BY time, currency" },

  [STMT_KV_GET] = { "kv-get", "SELECT value FROM kv WHERE key = ?1" },
  [STMT_KV_SET] = { "kv-set",
    "INSERT INTO kv (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value" },
  [STMT_KV_DELETE] = { "kv-delete", "DELETE FROM kv WHERE key = ?1" },
};

/* A cached statement borrowed for one call: released (reset, bindings
 * cleared) when it goes out of scope, so no read stays open. */
typedef sqlite3_stmt StoreStmt;

static void
store_stmt_release (StoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreStmt, store_stmt_release)

/* ---- errors -------------------------------------------------------------- */

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DCA_STORE_ERROR_BUSY;
    case SQLITE_READONLY:
      return DCA_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return DCA_STORE_ERROR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DCA_STORE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return DCA_STORE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return DCA_STORE_ERROR_OPEN;
    default:
      return DCA_STORE_ERROR_FAILED;
    }
}

/* What went wrong, in words, never SQL. */
static char *
describe_rc (int         rc,
             const char *path)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return g_strdup ("it refers to a bot, deal or order that does not exist");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return g_strdup ("the same record already exists");
    default:
      break;
    }

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_strdup ("the database is busy; another program, or another part of "
                       "DCA Desk, kept it locked too long");
    case SQLITE_READONLY:
      return g_strdup_printf ("the database “%s” is read-only", path);
    case SQLITE_FULL:
      return g_strdup ("the disk is full");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return g_strdup_printf ("“%s” is damaged or is not a DCA Desk database", path);
    case SQLITE_IOERR:
      return g_strdup_printf ("reading or writing “%s” failed", path);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return g_strdup_printf ("“%s” or its folder cannot be opened or created", path);
    case SQLITE_CONSTRAINT:
      return g_strdup ("a value is missing or out of range");
    case SQLITE_NOMEM:
      return g_strdup ("out of memory");
    default:
      return g_strdup_printf ("an unexpected database error (%d)", rc);
    }
}

static gboolean store_fail (DcaStore   *self,
                            GError    **error,
                            int         rc,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* "<what we were doing>: <why it failed>"; SQLite's own text goes to the
 * debug log for developers. */
static gboolean
store_fail (DcaStore   *self,
            GError    **error,
            int         rc,
            const char *format,
            ...)
{
  g_autofree char *doing = NULL;
  g_autofree char *why = describe_rc (rc, self->path);
  va_list args;

  va_start (args, format);
  doing = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s: %s (SQLite %d: %s)", doing, why, rc,
           self->db != NULL ? sqlite3_errmsg (self->db) : "no connection");
  g_set_error (error, DCA_STORE_ERROR, error_code_for (rc), "%s: %s", doing, why);
  return FALSE;
}

static gboolean
not_found (GError    **error,
           const char *what,
           gint64      id)
{
  g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
               "There is no %s with id %" G_GINT64_FORMAT, what, id);
  return FALSE;
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/* ---- small helpers ------------------------------------------------------- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
amount_in_range (DcaDecimal d)
{
  return d.raw < AMOUNT_LIMIT_RAW && d.raw > -AMOUNT_LIMIT_RAW;
}

/* Money entering the store: within what reads back, and not negative
 * unless the field may be. */
static gboolean
check_amount (DcaDecimal  d,
              gboolean    may_be_negative,
              const char *what,
              GError    **error)
{
  g_autofree char *s = NULL;

  if (amount_in_range (d) && (may_be_negative || dca_decimal_sign (d) >= 0))
    return TRUE;
  s = dca_decimal_to_string (d);
  if (!amount_in_range (d))
    return invalid (error, "Too large to store: %s %s", what, s);
  return invalid (error, "The %s cannot be negative (%s)", what, s);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* A Coinbase spot product id: BASE-QUOTE, letters and digits. */
static gboolean
split_product_id (const char  *product_id,
                  char       **base,
                  char       **quote)
{
  const char *dash;

  if (product_id == NULL)
    return FALSE;
  dash = strchr (product_id, '-');
  if (dash == NULL || dash == product_id || dash[1] == '\0' || strchr (dash + 1, '-') != NULL)
    return FALSE;
  for (const char *p = product_id; *p != '\0'; p++)
    if (p != dash && !g_ascii_isalnum (*p))
      return FALSE;
  if (base != NULL)
    *base = g_strndup (product_id, dash - product_id);
  if (quote != NULL)
    *quote = g_strdup (dash + 1);
  return TRUE;
}

static gboolean
check_json (const char *text,
            gboolean    want_object,
            const char *what,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (text == NULL)
    return invalid (error, "%s is missing", what);
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    return invalid (error, "%s is not valid JSON: %s", what, local_error->message);
  root = json_parser_get_root (parser);
  if (root == NULL)
    return invalid (error, "%s is empty", what);
  if (want_object && !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, "%s must be a JSON object", what);
  return TRUE;
}

static char *
strv_to_json (char **strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char **
strv_from_json (const char *text)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (text == NULL || (root = json_from_string (text, NULL)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* ---- binding and reading ------------------------------------------------- */

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  /* NULL binds SQL NULL */
  sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

static void
bind_decimal (sqlite3_stmt *stmt,
              int           idx,
              DcaDecimal    d)
{
  char buf[DCA_DECIMAL_BUF_SIZE];

  dca_decimal_format (d, buf);
  sqlite3_bind_text (stmt, idx, buf, -1, SQLITE_TRANSIENT);
}

/* Sizes and prices of orders: zero means "not given". */
static void
bind_decimal_or_null (sqlite3_stmt *stmt,
                      int           idx,
                      DcaDecimal    d)
{
  if (dca_decimal_is_zero (d))
    sqlite3_bind_null (stmt, idx);
  else
    bind_decimal (stmt, idx, d);
}

/* Ids and times: zero means "none". */
static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           idx,
                  gint64        v)
{
  if (v == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, v);
}

typedef struct
{
  sqlite3_stmt *stmt;
  int           col;
  int           bad_col; /* first column that did not read, or -1 */
} Row;

static void
row_init (Row          *r,
          sqlite3_stmt *stmt)
{
  r->stmt = stmt;
  r->col = 0;
  r->bad_col = -1;
}

static void
row_bad (Row *r)
{
  if (r->bad_col < 0)
    r->bad_col = r->col;
}

static const char *
row_peek (Row *r)
{
  return (const char *) sqlite3_column_text (r->stmt, r->col);
}

static gint64
row_int (Row *r)
{
  return sqlite3_column_int64 (r->stmt, r->col++);
}

static gboolean
row_bool (Row *r)
{
  return sqlite3_column_int64 (r->stmt, r->col++) != 0;
}

static char *
row_text (Row *r)
{
  char *s = g_strdup (row_peek (r));

  r->col++;
  return s;
}

static DcaDecimal
row_decimal_full (Row      *r,
                  gboolean  nullable,
                  gboolean *present)
{
  const char *s = row_peek (r);
  DcaDecimal d = dca_decimal_zero ();

  if (present != NULL)
    *present = s != NULL;
  if (s == NULL)
    {
      if (!nullable)
        row_bad (r);
    }
  else if (!dca_decimal_parse (s, &d, NULL))
    {
      row_bad (r);
    }
  r->col++;
  return d;
}

static DcaDecimal
row_decimal (Row *r)
{
  return row_decimal_full (r, FALSE, NULL);
}

static DcaDecimal
row_decimal_opt (Row      *r,
                 gboolean *present)
{
  return row_decimal_full (r, TRUE, present);
}

#define ROW_ENUM(fn, Type, parse)                 \
  static Type                                     \
  fn (Row *r)                                     \
  {                                               \
    Type v = (Type) 0;                            \
    if (!parse (row_peek (r), &v))                \
      row_bad (r);                                \
    r->col++;                                     \
    return v;                                     \
  }

ROW_ENUM (row_deal_status, DcaDealStatus, dca_deal_status_parse)
ROW_ENUM (row_order_kind, DcaOrderKind, dca_order_kind_parse)
ROW_ENUM (row_side, DcaSide, dca_side_parse)
ROW_ENUM (row_order_type, DcaOrderType, dca_order_type_parse)
ROW_ENUM (row_order_status, DcaOrderStatus, dca_order_status_parse)

static DcaCloseReason
row_close_reason (Row *r)
{
  DcaCloseReason v = DCA_CLOSE_REASON_NONE;
  const char *s = row_peek (r);

  if (s != NULL && !dca_close_reason_parse (s, &v))
    row_bad (r);
  r->col++;
  return v;
}

static gboolean
row_check (Row        *r,
           const char *what,
           gint64      id,
           GError    **error)
{
  if (r->bad_col < 0)
    return TRUE;
  g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT,
               "The stored %s %" G_GINT64_FORMAT " has an unreadable “%s”; "
               "the database may be damaged",
               what, id, sqlite3_column_name (r->stmt, r->bad_col));
  return FALSE;
}

/* ---- connection ---------------------------------------------------------- */

static sqlite3_stmt *
get_stmt (DcaStore  *self,
          StmtId     id,
          GError   **error)
{
  int rc;

  if (self->stmts[id] != NULL)
    return self->stmts[id];
  rc = sqlite3_prepare_v3 (self->db, statements[id].sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &self->stmts[id], NULL);
  if (rc != SQLITE_OK)
    {
      store_fail (self, error, rc, "Could not prepare the query “%s”", statements[id].name);
      return NULL;
    }
  return self->stmts[id];
}

static gboolean
exec_sql (DcaStore   *self,
          const char *sql,
          const char *doing,
          GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, "%s", doing);
  return TRUE;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (DcaStore     *self,
           sqlite3_stmt *stmt,
           GError      **error,
           const char   *doing)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, "%s", doing);
  return TRUE;
}

static gint64
pragma_int (DcaStore   *self,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          v = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return v;
}

/* ---- transactions -------------------------------------------------------- */

/* SQLite ends a transaction by itself after some errors (disk full, I/O);
 * the levels above then learn that their group is gone. */
static gboolean
rolled_back (GError **error)
{
  g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_FAILED,
               "Could not save: the changes were undone after an earlier error");
  return FALSE;
}

gboolean
dca_store_begin (DcaStore  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  /* IMMEDIATE takes the write lock up front: a deferred transaction that
   * reads and then writes can fail at once with BUSY under WAL, whatever
   * the busy timeout. */
  if (self->tx_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else if (sqlite3_get_autocommit (self->db))
    return rolled_back (error);
  else
    sql = g_strdup_printf ("SAVEPOINT dca_sp_%u", self->tx_depth);
  if (!exec_sql (self, sql, "Could not start saving", error))
    return FALSE;
  self->tx_depth++;
  return TRUE;
}

gboolean
dca_store_commit (DcaStore  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  self->tx_depth--;
  if (sqlite3_get_autocommit (self->db))
    return rolled_back (error);
  if (self->tx_depth > 0)
    {
      sql = g_strdup_printf ("RELEASE dca_sp_%u", self->tx_depth);
      return exec_sql (self, sql, "Could not save", error);
    }
  if (!exec_sql (self, "COMMIT", "Could not save", error))
    {
      /* leave the connection usable: nothing of the failed group stays */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
dca_store_rollback (DcaStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (DCA_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  self->tx_depth--;
  if (sqlite3_get_autocommit (self->db))
    return; /* SQLite already undid it */
  if (self->tx_depth > 0)
    sql = g_strdup_printf ("ROLLBACK TO dca_sp_%u; RELEASE dca_sp_%u",
                           self->tx_depth, self->tx_depth);
  else
    sql = g_strdup ("ROLLBACK");
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("rollback failed: %s", sqlite3_errmsg (self->db));
}

/* Ends a group started with dca_store_begin (): commits when ok is TRUE,
 * else rolls back and keeps the error already set. */
static gboolean
finish_tx (DcaStore  *self,
           gboolean   ok,
           GError   **error)
{
  if (ok)
    return dca_store_commit (self, error);
  dca_store_rollback (self);
  return FALSE;
}

/* ---- opening ------------------------------------------------------------- */

guint
dca_store_schema_version (void)
{
  return dca_store_n_migrations;
}

char *
dca_store_default_path (void)
{
  const char *env = g_getenv ("DCADESK_DATA_DIR");
  g_autofree char *dir = NULL;

  if (env != NULL && *env != '\0')
    dir = g_strdup (env);
  else
    dir = g_build_filename (g_get_user_data_dir (), "dcadesk", NULL);
  /* a failure shows up, with the path, when the store opens the file */
  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "dcadesk.db", NULL);
}

static gboolean
migrate (DcaStore  *self,
         gint64     from,
         GError   **error)
{
  for (guint v = (guint) from + 1; v <= dca_store_n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v);
      int rc;

      if (!dca_store_begin (self, error))
        return FALSE;
      rc = sqlite3_exec (self->db, dca_store_migrations[v - 1], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_debug ("migration %u: %s", v, sqlite3_errmsg (self->db));
          dca_store_rollback (self);
          if ((rc & 0xff) == SQLITE_ERROR)
            {
              /* the script itself failed: tables that should not be there */
              g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT,
                           "“%s” is not a DCA Desk database, or it is damaged: "
                           "updating it to schema %u failed. Nothing was changed.",
                           self->path, v);
              return FALSE;
            }
          return store_fail (self, error, rc, "Could not update “%s” to schema %u",
                             self->path, v);
        }
      if (!dca_store_commit (self, error))
        return FALSE;
      g_debug ("%s: migrated to schema %u", self->path, v);
    }
  return TRUE;
}

static gboolean
dca_store_initable_init (GInitable     *initable,
                         GCancellable  *cancellable,
                         GError       **error)
{
  DcaStore *self = DCA_STORE (initable);
  gint64 version;
  int rc;

  if (self->path == NULL || *self->path == '\0')
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_OPEN, "No database file was given");
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      return store_fail (self, error, rc, "Could not open the database");
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a newer database must be left
   * exactly as it is (switching to WAL would already change its header). */
  version = pragma_int (self, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, "Could not open the database");
  if (version > (gint64) dca_store_n_migrations)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_TOO_NEW,
                   "“%s” was written by a newer DCA Desk (schema %" G_GINT64_FORMAT
                   "; this version knows up to %u). Update DCA Desk, or point "
                   "DCADESK_DATA_DIR at another folder.",
                   self->path, version, dca_store_n_migrations);
      return FALSE;
    }

  if (!exec_sql (self, "PRAGMA journal_mode = WAL", "Could not open the database", error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", "Could not open the database", error) ||
      !exec_sql (self, "PRAGMA synchronous = NORMAL", "Could not open the database", error))
    return FALSE;

  if (!migrate (self, version, error))
    return FALSE;
  /* a store whose closed deals predate the analytics summaries: sum them
   * once (migration 6 leaves analytics-built at 0) */
  {
    g_autofree char *built = NULL;

    if (!dca_store_kv_get (self, "analytics-built", &built, error))
      return FALSE;
    if (g_strcmp0 (built, "0") == 0)
      {
        if (!dca_analytics_rebuild (self, error))
          return FALSE;
        if (!dca_store_kv_set (self, "analytics-built", "1", error))
          return FALSE;
      }
  }
  return TRUE;
}

sqlite3_stmt *
dca_store_prepare (DcaStore    *self,
                   const char  *sql,
                   const char  *doing,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      store_fail (self, error, rc, "%s", doing);
      return NULL;
    }
  return stmt;
}

/* Bulk loads (demo data): closed deals inserted between these are not
 * summed one by one; the end rebuilds the summaries once. */
void
dca_store_begin_bulk_load (DcaStore *self)
{
  g_return_if_fail (DCA_IS_STORE (self));
  self->bulk_load = TRUE;
}

gboolean
dca_store_end_bulk_load (DcaStore  *self,
                         GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  self->bulk_load = FALSE;
  return dca_analytics_rebuild (self, error);
}

static void
dca_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = dca_store_initable_init;
}

DcaStore *
dca_store_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (DCA_TYPE_STORE, NULL, error, "path", path, NULL);
}

const char *
dca_store_get_path (DcaStore *self)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  return self->path;
}

static void
dca_store_finalize (GObject *object)
{
  DcaStore *self = (DcaStore *) object;

  for (guint i = 0; i < G_N_ELEMENTS (self->stmts); i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->deal_queries, g_hash_table_unref);
  /* rolls back a transaction a caller left open */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dca_store_parent_class)->finalize (object);
}

static void
dca_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DcaStore *self = DCA_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DcaStore *self = DCA_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_store_class_init (DcaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dca_store_finalize;
  object_class->get_property = dca_store_get_property;
  object_class->set_property = dca_store_set_property;

  /**
   * DcaStore:path:
   *
   * The database file, or ":memory:".
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dca_store_init (DcaStore *self)
{
  self->deal_queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) sqlite3_finalize);
}

/* ---- records ------------------------------------------------------------- */

DcaBotRecord *
dca_bot_record_new (void)
{
  DcaBotRecord *bot = g_new0 (DcaBotRecord, 1);

  bot->check_interval_seconds = 60;
  return bot;
}

DcaBotRecord *
dca_bot_record_copy (const DcaBotRecord *bot)
{
  DcaBotRecord *copy;

  g_return_val_if_fail (bot != NULL, NULL);

  copy = g_memdup2 (bot, sizeof *bot);
  copy->name = g_strdup (bot->name);
  copy->description = g_strdup (bot->description);
  copy->strategy_type = g_strdup (bot->strategy_type);
  copy->product_ids = g_strdupv (bot->product_ids);
  copy->quote_currency = g_strdup (bot->quote_currency);
  copy->strategy_config_json = g_strdup (bot->strategy_config_json);
  copy->exchange = g_strdup (bot->exchange);
  return copy;
}

void
dca_bot_record_free (DcaBotRecord *bot)
{
  if (bot == NULL)
    return;
  g_free (bot->name);
  g_free (bot->description);
  g_free (bot->strategy_type);
  g_strfreev (bot->product_ids);
  g_free (bot->quote_currency);
  g_free (bot->strategy_config_json);
  g_free (bot->exchange);
  g_free (bot);
}

DcaTemplateRecord *
dca_template_record_new (void)
{
  return g_new0 (DcaTemplateRecord, 1);
}

void
dca_template_record_free (DcaTemplateRecord *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->name);
  g_free (tmpl->description);
  g_free (tmpl->strategy_type);
  g_free (tmpl->strategy_config_json);
  g_free (tmpl);
}

DcaDealRecord *
dca_deal_record_new (void)
{
  return g_new0 (DcaDealRecord, 1);
}

DcaDealRecord *
dca_deal_record_copy (const DcaDealRecord *deal)
{
  DcaDealRecord *copy;

  g_return_val_if_fail (deal != NULL, NULL);

  copy = g_memdup2 (deal, sizeof *deal);
  copy->exchange = g_strdup (deal->exchange);
  copy->product_id = g_strdup (deal->product_id);
  copy->quote_currency = g_strdup (deal->quote_currency);
  copy->config_snapshot_json = g_strdup (deal->config_snapshot_json);
  copy->notes = g_strdup (deal->notes);
  copy->last_error = g_strdup (deal->last_error);
  return copy;
}

void
dca_deal_record_free (DcaDealRecord *deal)
{
  if (deal == NULL)
    return;
  g_free (deal->exchange);
  g_free (deal->product_id);
  g_free (deal->quote_currency);
  g_free (deal->config_snapshot_json);
  g_free (deal->notes);
  g_free (deal->last_error);
  g_free (deal);
}

DcaOrderRecord *
dca_order_record_new (void)
{
  return g_new0 (DcaOrderRecord, 1);
}

void
dca_order_record_free (DcaOrderRecord *order)
{
  if (order == NULL)
    return;
  g_free (order->exchange);
  g_free (order->product_id);
  g_free (order->client_order_id);
  g_free (order->exchange_order_id);
  g_free (order->error);
  g_free (order);
}

void
dca_fill_record_free (DcaFillRecord *fill)
{
  if (fill == NULL)
    return;
  g_free (fill->trade_id);
  g_free (fill);
}

void
dca_balance_record_free (DcaBalanceRecord *balance)
{
  if (balance == NULL)
    return;
  g_free (balance->exchange);
  g_free (balance->currency);
  g_free (balance);
}

void
dca_decision_record_free (DcaDecisionRecord *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->product_id);
  g_free (decision->action);
  g_free (decision->reason);
  g_free (decision->detail);
  g_free (decision);
}

void
dca_event_record_free (DcaEventRecord *event)
{
  if (event == NULL)
    return;
  g_free (event->type);
  g_free (event->product_id);
  g_free (event->level);
  g_free (event->message);
  g_free (event->data_json);
  g_free (event);
}

void
dca_snapshot_record_free (DcaSnapshotRecord *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->exchange);
  g_free (snapshot->currency);
  g_free (snapshot);
}

/* ---- bots ---------------------------------------------------------------- */

static gboolean
is_known_exchange (const char *exchange)
{
  return g_strcmp0 (exchange, "paper") == 0 || g_strcmp0 (exchange, "coinbase") == 0;
}

/* Checks a bot before it is written, and fills in what may be left out
 * (quote currency, exchange, description). */
static gboolean
prepare_bot (DcaBotRecord  *bot,
             GError       **error)
{
  g_autofree char *quote = NULL;
  g_autofree char *what = NULL;
  guint n_products;

  if (is_blank (bot->name) || !g_utf8_validate (bot->name, -1, NULL))
    return invalid (error, "A bot needs a name");
  if (is_blank (bot->strategy_type))
    return invalid (error, "Bot “%s” has no strategy type", bot->name);

  n_products = bot->product_ids != NULL ? g_strv_length (bot->product_ids) : 0;
  if (n_products == 0)
    return invalid (error, "Bot “%s” needs at least one pair", bot->name);
  for (guint i = 0; i < n_products; i++)
    {
      g_autofree char *q = NULL;

      if (!split_product_id (bot->product_ids[i], NULL, &q))
        return invalid (error, "Bot “%s”: “%s” is not a pair such as ETH-BTC",
                        bot->name, bot->product_ids[i]);
      for (guint j = 0; j < i; j++)
        if (strcmp (bot->product_ids[i], bot->product_ids[j]) == 0)
          return invalid (error, "Bot “%s” lists %s twice", bot->name, bot->product_ids[i]);
      if (quote == NULL)
        quote = g_steal_pointer (&q);
      else if (strcmp (quote, q) != 0)
        return invalid (error, "Bot “%s” mixes quote currencies (%s and %s); "
                        "all its pairs must share one", bot->name, quote, q);
    }
  if (bot->quote_currency == NULL)
    bot->quote_currency = g_strdup (quote);
  else if (strcmp (bot->quote_currency, quote) != 0)
    return invalid (error, "Bot “%s” has quote currency %s but its pairs are quoted in %s",
                    bot->name, bot->quote_currency, quote);

  what = g_strdup_printf ("The strategy settings of bot “%s”", bot->name);
  if (!check_json (bot->strategy_config_json, TRUE, what, error))
    return FALSE;

  if (bot->check_interval_seconds < 1 || bot->check_interval_seconds > 86400)
    return invalid (error, "Bot “%s”: the check interval must be 1 to 86400 seconds, not %d",
                    bot->name, bot->check_interval_seconds);
  if (!check_amount (bot->reserved_btc, FALSE, "reserved BTC balance", error) ||
      !check_amount (bot->reserved_usd, FALSE, "reserved USD balance", error))
    return FALSE;

  if (bot->exchange == NULL)
    bot->exchange = g_strdup ("paper");
  else if (!is_known_exchange (bot->exchange))
    return invalid (error, "Bot “%s”: “%s” is not an exchange DCA Desk knows "
                    "(paper or coinbase)", bot->name, bot->exchange);
  if (bot->description == NULL)
    bot->description = g_strdup ("");
  return TRUE;
}

static void
bind_bot (sqlite3_stmt       *stmt,
          const DcaBotRecord *bot,
          gint64              now)
{
  g_autofree char *products = strv_to_json (bot->product_ids);

  sqlite3_bind_int64 (stmt, 1, bot->id);
  bind_text (stmt, 2, bot->name);
  bind_text (stmt, 3, bot->description);
  bind_text (stmt, 4, bot->strategy_type);
  bind_text (stmt, 5, products);
  bind_text (stmt, 6, bot->quote_currency);
  bind_text (stmt, 7, bot->strategy_config_json);
  sqlite3_bind_int (stmt, 8, bot->check_interval_seconds);
  sqlite3_bind_int (stmt, 9, bot->split_budget ? 1 : 0);
  bind_decimal (stmt, 10, bot->reserved_btc);
  bind_decimal (stmt, 11, bot->reserved_usd);
  bind_text (stmt, 12, bot->exchange);
  sqlite3_bind_int (stmt, 13, bot->favourite ? 1 : 0);
  sqlite3_bind_int64 (stmt, 14, now);
  /* only an insert sets the running state; updates leave it to set_running */
  if (sqlite3_bind_parameter_count (stmt) >= 15)
    bind_text (stmt, 15, bot->running ? "running" : "stopped");
}

static DcaBotRecord *
read_bot (sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  Row r;

  row_init (&r, stmt);
  bot->id = row_int (&r);
  bot->name = row_text (&r);
  bot->description = row_text (&r);
  bot->strategy_type = row_text (&r);
  bot->product_ids = strv_from_json (row_peek (&r));
  if (bot->product_ids == NULL)
    row_bad (&r);
  r.col++;
  bot->quote_currency = row_text (&r);
  bot->strategy_config_json = row_text (&r);
  bot->check_interval_seconds = (int) row_int (&r);
  bot->split_budget = row_bool (&r);
  bot->reserved_btc = row_decimal (&r);
  bot->reserved_usd = row_decimal (&r);
  bot->running = g_strcmp0 (row_peek (&r), "running") == 0;
  r.col++;
  bot->exchange = row_text (&r);
  bot->favourite = row_bool (&r);
  bot->created_at = row_int (&r);
  bot->updated_at = row_int (&r);
  if (!row_check (&r, "bot", bot->id, error))
    return NULL;
  return g_steal_pointer (&bot);
}

gint64
dca_store_insert_bot (DcaStore      *self,
                      DcaBotRecord  *bot,
                      GError       **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (bot != NULL, 0);

  if (!prepare_bot (bot, error))
    return 0;
  if ((stmt = get_stmt (self, STMT_BOT_INSERT, error)) == NULL)
    return 0;
  bind_bot (stmt, bot, now);
  if (!step_done (self, stmt, error, "Could not save the new bot"))
    return 0;
  bot->id = sqlite3_last_insert_rowid (self->db);
  bot->created_at = bot->updated_at = now;
  return bot->id;
}

gboolean
dca_store_update_bot (DcaStore      *self,
                      DcaBotRecord  *bot,
                      GError       **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (bot != NULL, FALSE);

  if (!prepare_bot (bot, error))
    return FALSE;
  if ((stmt = get_stmt (self, STMT_BOT_UPDATE, error)) == NULL)
    return FALSE;
  bind_bot (stmt, bot, now);
  if (!step_done (self, stmt, error, "Could not save the bot"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "bot", bot->id);
  bot->updated_at = now;
  return TRUE;
}

DcaBotRecord *
dca_store_get_bot (DcaStore  *self,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_BOT_GET, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_bot (stmt, error);
  if (rc == SQLITE_DONE)
    not_found (error, "bot", id);
  else
    store_fail (self, error, rc, "Could not read bot %" G_GINT64_FORMAT, id);
  return NULL;
}

typedef gpointer (*ReadFunc) (sqlite3_stmt *stmt,
                              GError      **error);

/* Runs a bound statement and reads every row into a new array. */
static GPtrArray *
read_all (DcaStore       *self,
          sqlite3_stmt   *stmt,
          ReadFunc        read,
          GDestroyNotify  free_func,
          const char     *doing,
          GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer item = read (stmt, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (rows, item);
    }
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "%s", doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
dca_store_list_bots (DcaStore  *self,
                     GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_BOT_LIST, error)) == NULL)
    return NULL;
  return read_all (self, stmt, (ReadFunc) read_bot, (GDestroyNotify) dca_bot_record_free,
                   "Could not read the bots", error);
}

static gboolean
set_bot_flag (DcaStore   *self,
              StmtId      id,
              gint64      bot_id,
              const char *text_value,
              int         int_value,
              GError    **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bot_id);
  if (text_value != NULL)
    bind_text (stmt, 2, text_value);
  else
    sqlite3_bind_int (stmt, 2, int_value);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  if (!step_done (self, stmt, error, "Could not save the bot"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "bot", bot_id);
  return TRUE;
}

gboolean
dca_store_set_bot_running (DcaStore  *self,
                           gint64     id,
                           gboolean   running,
                           GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_bot_flag (self, STMT_BOT_SET_RUNNING, id, running ? "running" : "stopped", 0,
                       error);
}

gboolean
dca_store_set_bot_favourite (DcaStore  *self,
                             gint64     id,
                             gboolean   favourite,
                             GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_bot_flag (self, STMT_BOT_SET_FAVOURITE, id, NULL, favourite ? 1 : 0, error);
}

gint64
dca_store_count_open_deals (DcaStore  *self,
                            gint64     bot_id,
                            GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), -1);

  if ((stmt = get_stmt (self, STMT_BOT_COUNT_OPEN_DEALS, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, bot_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_fail (self, error, rc, "Could not count the open deals of bot %" G_GINT64_FORMAT,
                  bot_id);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
delete_bot_locked (DcaStore  *self,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(DcaBotRecord) bot = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  gint64 n_open;

  if ((bot = dca_store_get_bot (self, id, error)) == NULL)
    return FALSE;
  if ((n_open = dca_store_count_open_deals (self, id, error)) < 0)
    return FALSE;
  if (n_open > 0)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS,
                   n_open == 1
                   ? "“%s” still has %" G_GINT64_FORMAT " open deal; close or cancel it first"
                   : "“%s” still has %" G_GINT64_FORMAT " open deals; close or cancel them first",
                   bot->name, n_open);
      return FALSE;
    }
  if ((stmt = get_stmt (self, STMT_BOT_DELETE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  return step_done (self, stmt, error, "Could not delete the bot");
}

gboolean
dca_store_delete_bot (DcaStore  *self,
                      gint64     id,
                      GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  /* the check and the delete in one write transaction, so no deal can
   * open in between from the engine's connection */
  if (!dca_store_begin (self, error))
    return FALSE;
  return finish_tx (self, delete_bot_locked (self, id, error), error);
}

/* ---- templates ----------------------------------------------------------- */

static gboolean
prepare_template (DcaTemplateRecord  *tmpl,
                  GError            **error)
{
  g_autofree char *what = NULL;

  if (is_blank (tmpl->name) || !g_utf8_validate (tmpl->name, -1, NULL))
    return invalid (error, "A template needs a name");
  if (is_blank (tmpl->strategy_type))
    return invalid (error, "Template “%s” has no strategy type", tmpl->name);
  what = g_strdup_printf ("The strategy settings of template “%s”", tmpl->name);
  if (!check_json (tmpl->strategy_config_json, TRUE, what, error))
    return FALSE;
  if (tmpl->description == NULL)
    tmpl->description = g_strdup ("");
  return TRUE;
}

static DcaTemplateRecord *
read_template (sqlite3_stmt  *stmt,
               GError       **error)
{
  DcaTemplateRecord *tmpl = dca_template_record_new ();
  Row r;

  row_init (&r, stmt);
  tmpl->id = row_int (&r);
  tmpl->name = row_text (&r);
  tmpl->description = row_text (&r);
  tmpl->strategy_type = row_text (&r);
  tmpl->strategy_config_json = row_text (&r);
  tmpl->created_at = row_int (&r);
  tmpl->updated_at = row_int (&r);
  return tmpl;
}

static gboolean
write_template (DcaStore           *self,
                StmtId              id,
                DcaTemplateRecord  *tmpl,
                gint64              now,
                GError            **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  if (!prepare_template (tmpl, error))
    return FALSE;
  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tmpl->id);
  bind_text (stmt, 2, tmpl->name);
  bind_text (stmt, 3, tmpl->description);
  bind_text (stmt, 4, tmpl->strategy_type);
  bind_text (stmt, 5, tmpl->strategy_config_json);
  sqlite3_bind_int64 (stmt, 6, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT,
                   "A template named “%s” already exists", tmpl->name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, "Could not save template “%s”", tmpl->name);
  return TRUE;
}

gint64
dca_store_insert_template (DcaStore           *self,
                           DcaTemplateRecord  *tmpl,
                           GError            **error)
{
  gint64 now = now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (tmpl != NULL, 0);

  if (!write_template (self, STMT_TEMPLATE_INSERT, tmpl, now, error))
    return 0;
  tmpl->id = sqlite3_last_insert_rowid (self->db);
  tmpl->created_at = tmpl->updated_at = now;
  return tmpl->id;
}

gboolean
dca_store_update_template (DcaStore           *self,
                           DcaTemplateRecord  *tmpl,
                           GError            **error)
{
  gint64 now = now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (tmpl != NULL, FALSE);

  if (!write_template (self, STMT_TEMPLATE_UPDATE, tmpl, now, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "template", tmpl->id);
  tmpl->updated_at = now;
  return TRUE;
}

DcaTemplateRecord *
dca_store_get_template (DcaStore  *self,
                        gint64     id,
                        GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_TEMPLATE_GET, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_template (stmt, error);
  if (rc == SQLITE_DONE)
    not_found (error, "template", id);
  else
    store_fail (self, error, rc, "Could not read template %" G_GINT64_FORMAT, id);
  return NULL;
}

DcaTemplateRecord *
dca_store_get_template_by_name (DcaStore    *self,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((stmt = get_stmt (self, STMT_TEMPLATE_GET_BY_NAME, error)) == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_template (stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
                 "There is no template named “%s”", name);
  else
    store_fail (self, error, rc, "Could not read template “%s”", name);
  return NULL;
}

GPtrArray *
dca_store_list_templates (DcaStore  *self,
                          GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_TEMPLATE_LIST, error)) == NULL)
    return NULL;
  return read_all (self, stmt, (ReadFunc) read_template,
                   (GDestroyNotify) dca_template_record_free,
                   "Could not read the templates", error);
}

gboolean
dca_store_delete_template (DcaStore  *self,
                           gint64     id,
                           GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  if ((stmt = get_stmt (self, STMT_TEMPLATE_DELETE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (!step_done (self, stmt, error, "Could not delete the template"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "template", id);
  return TRUE;
}

/* ---- deals --------------------------------------------------------------- */

static gboolean
check_deal_state (const DcaDealState  *s,
                  GError             **error)
{
  const struct { DcaDecimal v; const char *what; } amounts[] = {
    { s->quote_spent, "quote spent" },
    { s->base_bought, "base bought" },
    { s->base_sold, "base sold" },
    { s->quote_received, "quote received" },
    { s->fees, "fees" },
    { s->base_price, "base price" },
    { s->base_order_quote, "base order size" },
    { s->base_order_base, "base order amount" },
    { s->capital_at_open, "capital at open" },
    { s->tp_trail_high, "trailing high" },
    { s->highest_price, "highest price" },
  };

  if (dca_deal_status_to_string (s->status) == NULL)
    return invalid (error, "Unknown deal status %d", (int) s->status);
  if ((guint) s->close_reason > DCA_CLOSE_REASON_MANUAL)
    return invalid (error, "Unknown close reason %d", (int) s->close_reason);
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    if (!check_amount (amounts[i].v, FALSE, amounts[i].what, error))
      return FALSE;
  if (dca_decimal_cmp (s->base_sold, s->base_bought) > 0)
    return invalid (error, "A deal cannot sell more base than it bought");
  return TRUE;
}

/* Binds ?10..?29: the state, then profit and profit % (closed deals only). */
static void
bind_deal_state (sqlite3_stmt       *stmt,
                 const DcaDealState *s)
{
  int i = 10;

  bind_text (stmt, i++, dca_deal_status_to_string (s->status));
  sqlite3_bind_int64 (stmt, i++, s->opened_at);
  bind_int_or_null (stmt, i++, s->closed_at);
  bind_text (stmt, i++, dca_close_reason_to_string (s->close_reason)); /* NONE is NULL */
  bind_decimal (stmt, i++, s->quote_spent);
  bind_decimal (stmt, i++, s->base_bought);
  bind_decimal (stmt, i++, s->base_sold);
  bind_decimal (stmt, i++, s->quote_received);
  bind_decimal (stmt, i++, s->fees);
  bind_decimal (stmt, i++, s->base_price);
  bind_decimal (stmt, i++, s->base_order_quote);
  bind_decimal (stmt, i++, s->base_order_base);
  bind_decimal (stmt, i++, s->capital_at_open);
  sqlite3_bind_int64 (stmt, i++, s->safety_orders);
  bind_int_or_null (stmt, i++, s->last_buy_at);
  sqlite3_bind_int (stmt, i++, s->tp_trailing ? 1 : 0);
  bind_decimal (stmt, i++, s->tp_trail_high);
  bind_decimal (stmt, i++, s->highest_price);

  /* analytics.md: profit = quote received - quote spent,
   * profit % = profit / quote spent x 100, both for closed deals only */
  if (s->status == DCA_DEAL_STATUS_CLOSED)
    {
      DcaDecimal profit = dca_decimal_sub (s->quote_received, s->quote_spent);
      DcaDecimal pct;

      bind_decimal (stmt, i++, profit);
      /* one rounding, as dca_deal_state_profit_percentage () does */
      if (dca_decimal_muldiv_checked (profit, dca_decimal_from_int (100), s->quote_spent,
                                      DCA_ROUND_HALF_EVEN, &pct))
        bind_decimal (stmt, i++, pct);
      else
        sqlite3_bind_null (stmt, i++);
    }
  else
    {
      sqlite3_bind_null (stmt, i++);
      sqlite3_bind_null (stmt, i++);
    }
}

static DcaDealRecord *
read_deal (sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();
  DcaDealState *s = &deal->state;
  Row r;

  row_init (&r, stmt);
  deal->id = row_int (&r);
  deal->bot_id = row_int (&r);
  deal->exchange = row_text (&r);
  deal->product_id = row_text (&r);
  deal->quote_currency = row_text (&r);
  deal->config_snapshot_json = row_text (&r);
  s->status = row_deal_status (&r);
  s->opened_at = row_int (&r);
  s->closed_at = row_int (&r);
  s->close_reason = row_close_reason (&r);
  s->quote_spent = row_decimal (&r);
  s->base_bought = row_decimal (&r);
  s->base_sold = row_decimal (&r);
  s->quote_received = row_decimal (&r);
  s->fees = row_decimal (&r);
  s->base_price = row_decimal (&r);
  s->base_order_quote = row_decimal (&r);
  s->base_order_base = row_decimal (&r);
  s->capital_at_open = row_decimal (&r);
  s->safety_orders = (guint) row_int (&r);
  s->last_buy_at = row_int (&r);
  s->tp_trailing = row_bool (&r);
  s->tp_trail_high = row_decimal (&r);
  s->highest_price = row_decimal (&r);
  deal->profit = row_decimal_opt (&r, &deal->has_profit);
  deal->profit_percentage = row_decimal_opt (&r, &deal->has_profit_percentage);
  deal->notes = row_text (&r);
  deal->last_error = row_text (&r);
  deal->created_at = row_int (&r);
  deal->updated_at = row_int (&r);
  if (!row_check (&r, "deal", deal->id, error))
    return NULL;
  return g_steal_pointer (&deal);
}

static DcaDealRecord *
get_deal (DcaStore  *self,
          gint64     id,
          GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  if ((stmt = get_stmt (self, STMT_DEAL_GET, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_deal (stmt, error);
  if (rc == SQLITE_DONE)
    not_found (error, "deal", id);
  else
    store_fail (self, error, rc, "Could not read deal %" G_GINT64_FORMAT, id);
  return NULL;
}

DcaDealRecord *
dca_store_get_deal (DcaStore  *self,
                    gint64     id,
                    GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  return get_deal (self, id, error);
}

static gboolean
insert_deal_locked (DcaStore       *self,
                    DcaDealRecord  *deal,
                    gint64          now,
                    GError        **error)
{
  g_autoptr(DcaBotRecord) bot = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  g_autofree char *quote = NULL;

  if ((bot = dca_store_get_bot (self, deal->bot_id, error)) == NULL)
    return FALSE;
  if (!split_product_id (deal->product_id, NULL, &quote))
    return invalid (error, "“%s” is not a pair such as ETH-BTC",
                    deal->product_id != NULL ? deal->product_id : "");
  if (deal->quote_currency == NULL)
    deal->quote_currency = g_strdup (quote);
  else if (strcmp (deal->quote_currency, quote) != 0)
    return invalid (error, "A deal on %s cannot be in %s", deal->product_id,
                    deal->quote_currency);
  if (deal->exchange == NULL)
    deal->exchange = g_strdup (bot->exchange);
  else if (!is_known_exchange (deal->exchange))
    return invalid (error, "“%s” is not an exchange DCA Desk knows (paper or coinbase)",
                    deal->exchange);
  if (deal->config_snapshot_json == NULL)
    deal->config_snapshot_json = g_strdup (bot->strategy_config_json);
  if (!check_json (deal->config_snapshot_json, TRUE, "The deal's configuration", error))
    return FALSE;
  if (!check_deal_state (&deal->state, error))
    return FALSE;

  if ((stmt = get_stmt (self, STMT_DEAL_INSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal->bot_id);
  bind_text (stmt, 2, deal->exchange);
  bind_text (stmt, 3, deal->product_id);
  bind_text (stmt, 4, deal->quote_currency);
  bind_text (stmt, 5, deal->config_snapshot_json);
  bind_text (stmt, 6, deal->notes);
  bind_text (stmt, 7, deal->last_error);
  sqlite3_bind_int64 (stmt, 8, now);
  bind_deal_state (stmt, &deal->state);
  if (!step_done (self, stmt, error, "Could not save the new deal"))
    return FALSE;
  deal->id = sqlite3_last_insert_rowid (self->db);
  /* a deal stored closed (imported, demo data) counts at once */
  if (deal->state.status == DCA_DEAL_STATUS_CLOSED && !self->bulk_load &&
      !dca_analytics_record_close (self, deal->id, error))
    return FALSE;
  return TRUE;
}

gint64
dca_store_insert_deal (DcaStore       *self,
                       DcaDealRecord  *deal,
                       GError        **error)
{
  g_autoptr(DcaDealRecord) stored = NULL;
  gint64 now = now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (deal != NULL, 0);

  if (!dca_store_begin (self, error))
    return 0;
  if (!finish_tx (self, insert_deal_locked (self, deal, now, error), error))
    return 0;
  /* profit columns are derived by the store: hand them back */
  if ((stored = get_deal (self, deal->id, error)) == NULL)
    return 0;
  deal->has_profit = stored->has_profit;
  deal->profit = stored->profit;
  deal->has_profit_percentage = stored->has_profit_percentage;
  deal->profit_percentage = stored->profit_percentage;
  deal->created_at = deal->updated_at = now;
  return deal->id;
}

static gboolean write_deal_state_locked (DcaStore           *self,
                                         gint64              deal_id,
                                         const DcaDealState *state,
                                         GError            **error);

/* A deal's new state; when it closes, the analytics summaries count it in
 * the same transaction. */
static gboolean
write_deal_state (DcaStore            *self,
                  gint64               deal_id,
                  const DcaDealState  *state,
                  GError             **error)
{
  gboolean was_closed = FALSE;

  if (state->status != DCA_DEAL_STATUS_CLOSED)
    return write_deal_state_locked (self, deal_id, state, error);
  if (!dca_store_begin (self, error))
    return FALSE;
  {
    sqlite3_stmt *old = NULL;

    if (sqlite3_prepare_v2 (self->db, "SELECT status = 'closed' FROM deals WHERE id = ?1", -1, &old,
                            NULL) == SQLITE_OK)
      {
        sqlite3_bind_int64 (old, 1, deal_id);
        if (sqlite3_step (old) == SQLITE_ROW)
          was_closed = sqlite3_column_int (old, 0) != 0;
      }
    sqlite3_finalize (old);
  }
  return finish_tx (self,
                    write_deal_state_locked (self, deal_id, state, error) &&
                    (was_closed || dca_analytics_record_close (self, deal_id, error)),
                    error);
}

static gboolean
write_deal_state_locked (DcaStore            *self,
                         gint64               deal_id,
                         const DcaDealState  *state,
                         GError             **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  if (!check_deal_state (state, error))
    return FALSE;
  if ((stmt = get_stmt (self, STMT_DEAL_UPDATE_STATE, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  sqlite3_bind_int64 (stmt, 8, now_seconds ());
  bind_deal_state (stmt, state);
  if (!step_done (self, stmt, error, "Could not save the deal"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "deal", deal_id);
  return TRUE;
}

gboolean
dca_store_update_deal_state (DcaStore            *self,
                             gint64               deal_id,
                             const DcaDealState  *state,
                             GError             **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  return write_deal_state (self, deal_id, state, error);
}

static gboolean
set_deal_text (DcaStore   *self,
               StmtId      id,
               gint64      deal_id,
               const char *text,
               GError    **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  if (!step_done (self, stmt, error, "Could not save the deal"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "deal", deal_id);
  return TRUE;
}

gboolean
dca_store_set_deal_notes (DcaStore    *self,
                          gint64       deal_id,
                          const char  *notes,
                          GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_deal_text (self, STMT_DEAL_SET_NOTES, deal_id, notes, error);
}

gboolean
dca_store_set_deal_last_error (DcaStore    *self,
                               gint64       deal_id,
                               const char  *message,
                               GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_deal_text (self, STMT_DEAL_SET_LAST_ERROR, deal_id, message, error);
}

/* The ORDER BY of each DcaDealSort past CLOSED, each column in the same
 * direction.  Each is the column list of the index migration 5 made for it
 * (after the status), so SQLite reads a page of it off the index in order. */
static const char *const deal_sort_columns[DCA_N_DEAL_SORTS][5] = {
  [DCA_DEAL_SORT_PAIR] = { "product_id", "bot_id", "id" },
  [DCA_DEAL_SORT_BOT] = { "sort_bot_name COLLATE NOCASE", "sort_bot_id", "opened_at", "id" },
  [DCA_DEAL_SORT_DURATION] = { "(closed_at - opened_at)", "bot_id", "product_id", "id" },
  [DCA_DEAL_SORT_SPENT] = { "CAST(quote_spent AS REAL)", "bot_id", "product_id", "id" },
  [DCA_DEAL_SORT_PROFIT] = { "CAST(profit AS REAL)", "bot_id", "product_id", "id" },
  [DCA_DEAL_SORT_PROFIT_PERCENTAGE] = { "CAST(profit_percentage AS REAL)", "bot_id", "product_id", "id" },
  [DCA_DEAL_SORT_CLOSE_REASON] = { "close_reason", "bot_id", "product_id", "id" },
  [DCA_DEAL_SORT_SAFETY_ORDERS] = { "safety_orders", "bot_id", "product_id", "id" },
};

/* The WHERE clause has only the terms the filter sets, so SQLite can pick
 * the index that fits; statements are cached per distinct text. */
static char *
deal_query_sql (const DcaDealFilter *f,
                gboolean             count)
{
  /* The sorts by a column keep SQLite on that column's index: a bot or
   * pair filter is checked on the index entries ("+" stops SQLite from
   * choosing the bot's or pair's index and sorting all their rows).  The
   * sort by bot name walks the bots by name, then each bot's deals. */
  gboolean by_column = !count && f->sort > DCA_DEAL_SORT_CLOSED && f->sort < DCA_N_DEAL_SORTS;
  gboolean by_bot = by_column && f->sort == DCA_DEAL_SORT_BOT;
  GString *sql = g_string_new (count ? "SELECT count(*) FROM deals"
                               : by_bot ? "SELECT " DEAL_COLUMNS " FROM (SELECT id AS sort_bot_id, "
                                          "name AS sort_bot_name FROM bots) CROSS JOIN deals "
                                          "ON bot_id = sort_bot_id"
                                        : "SELECT " DEAL_COLUMNS " FROM deals");
  const char *sep = " WHERE ";

  if (f->bot_id != 0)
    {
      g_string_append_printf (sql, "%s%sbot_id = :bot", sep, by_column && !by_bot ? "+" : "");
      sep = " AND ";
    }
  if (f->status_mask != 0)
    {
      const char *comma = "";
      guint n = 0;

      for (guint s = DCA_DEAL_STATUS_OPEN; s <= DCA_DEAL_STATUS_CANCELLED; s++)
        if (f->status_mask & DCA_DEAL_STATUS_MASK (s))
          n++;
      /* With several statuses an IN on the status index would need a sort
       * of all their rows; "+status" keeps SQLite on the index of the
       * ORDER BY, which a page of newest deals reads only the top of. */
      g_string_append_printf (sql, "%s%sstatus %s", sep, n > 1 && !count ? "+" : "",
                              n == 1 ? "= " : "IN (");
      for (guint s = DCA_DEAL_STATUS_OPEN; s <= DCA_DEAL_STATUS_CANCELLED; s++)
        if (f->status_mask & DCA_DEAL_STATUS_MASK (s))
          {
            g_string_append_printf (sql, "%s'%s'", comma, dca_deal_status_to_string (s));
            comma = ", ";
          }
      if (n != 1)
        g_string_append_c (sql, ')');
      sep = " AND ";
    }
  if (f->product_id != NULL)
    {
      g_string_append_printf (sql, "%s%sproduct_id = :product", sep, by_column ? "+" : "");
      sep = " AND ";
    }
  if (f->exchange != NULL)
    {
      g_string_append_printf (sql, "%sexchange = :exchange", sep);
      sep = " AND ";
    }
  if (f->closed_from != 0)
    {
      g_string_append_printf (sql, "%sclosed_at >= :from", sep);
      sep = " AND ";
    }
  if (f->closed_to != 0)
    {
      g_string_append_printf (sql, "%sclosed_at < :to", sep);
      sep = " AND ";
    }
  if (!count)
    {
      const char *dir = f->ascending ? "ASC" : "DESC";

      if (by_column)
        for (guint i = 0; deal_sort_columns[f->sort][i] != NULL; i++)
          g_string_append_printf (sql, "%s%s %s", i == 0 ? " ORDER BY " : ", ",
                                  deal_sort_columns[f->sort][i], dir);
      else
        g_string_append_printf (sql, " ORDER BY %s %s, id %s",
                                f->sort == DCA_DEAL_SORT_CLOSED ? "closed_at" : "opened_at", dir, dir);
      if (f->limit != 0 || f->offset != 0)
        g_string_append (sql, " LIMIT :limit OFFSET :offset");
    }
  return g_string_free (sql, FALSE);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        v)
{
  int idx = sqlite3_bind_parameter_index (stmt, name);

  if (idx > 0)
    sqlite3_bind_int64 (stmt, idx, v);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *v)
{
  int idx = sqlite3_bind_parameter_index (stmt, name);

  if (idx > 0)
    bind_text (stmt, idx, v);
}

static sqlite3_stmt *
get_deal_query (DcaStore             *self,
                const DcaDealFilter  *filter,
                gboolean              count,
                GError              **error)
{
  static const DcaDealFilter all = { 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (filter == NULL)
    filter = &all;
  if ((filter->status_mask & ~(guint) 0x7) != 0)
    {
      invalid (error, "Unknown deal status in the filter");
      return NULL;
    }
  if ((guint) filter->sort >= DCA_N_DEAL_SORTS)
    {
      invalid (error, "Unknown deal order in the filter");
      return NULL;
    }
  sql = deal_query_sql (filter, count);
  stmt = g_hash_table_lookup (self->deal_queries, sql);
  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          store_fail (self, error, rc, "Could not prepare the list of deals");
          return NULL;
        }
      g_hash_table_insert (self->deal_queries, g_steal_pointer (&sql), stmt);
    }
  bind_named_int (stmt, ":bot", filter->bot_id);
  bind_named_text (stmt, ":product", filter->product_id);
  bind_named_text (stmt, ":exchange", filter->exchange);
  bind_named_int (stmt, ":from", filter->closed_from);
  bind_named_int (stmt, ":to", filter->closed_to);
  bind_named_int (stmt, ":limit", filter->limit != 0 ? (gint64) filter->limit : -1);
  bind_named_int (stmt, ":offset", filter->offset);
  return stmt;
}

GPtrArray *
dca_store_list_deals (DcaStore             *self,
                      const DcaDealFilter  *filter,
                      GError              **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_deal_query (self, filter, FALSE, error)) == NULL)
    return NULL;
  return read_all (self, stmt, (ReadFunc) read_deal, (GDestroyNotify) dca_deal_record_free,
                   "Could not read the deals", error);
}

gint64
dca_store_count_deals (DcaStore             *self,
                       const DcaDealFilter  *filter,
                       GError              **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), -1);

  if ((stmt = get_deal_query (self, filter, TRUE, error)) == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_fail (self, error, rc, "Could not count the deals");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* ---- orders -------------------------------------------------------------- */

char *
dca_store_new_client_order_id (void)
{
  return g_uuid_string_random ();
}

static DcaOrderRecord *
read_order (sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(DcaOrderRecord) order = dca_order_record_new ();
  Row r;

  row_init (&r, stmt);
  order->id = row_int (&r);
  order->deal_id = row_int (&r);
  order->bot_id = row_int (&r);
  order->exchange = row_text (&r);
  order->product_id = row_text (&r);
  order->client_order_id = row_text (&r);
  order->exchange_order_id = row_text (&r);
  order->kind = row_order_kind (&r);
  order->side = row_side (&r);
  order->type = row_order_type (&r);
  order->status = row_order_status (&r);
  order->quote_size = row_decimal_opt (&r, NULL);
  order->base_size = row_decimal_opt (&r, NULL);
  order->limit_price = row_decimal_opt (&r, NULL);
  order->post_only = row_bool (&r);
  order->filled_base = row_decimal (&r);
  order->filled_quote = row_decimal (&r);
  order->fees = row_decimal (&r);
  order->average_price = row_decimal_opt (&r, NULL);
  order->so_index = (guint) row_int (&r);
  order->error = row_text (&r);
  order->created_at = row_int (&r);
  order->updated_at = row_int (&r);
  if (!row_check (&r, "order", order->id, error))
    return NULL;
  return g_steal_pointer (&order);
}

static DcaOrderRecord *
get_order (DcaStore   *self,
           StmtId      id,
           gint64      order_id,
           const char *text1,
           const char *text2,
           GError    **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return NULL;
  if (text1 != NULL)
    {
      bind_text (stmt, 1, text1);
      bind_text (stmt, 2, text2);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, order_id);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_order (stmt, error);
  if (rc != SQLITE_DONE)
    store_fail (self, error, rc, "Could not read the order");
  else if (text1 == NULL)
    not_found (error, "order", order_id);
  else
    g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
                 "There is no order with id “%s”", text2 != NULL ? text2 : text1);
  return NULL;
}

static gboolean
insert_order_locked (DcaStore        *self,
                     DcaOrderRecord  *order,
                     gint64           now,
                     GError         **error)
{
  g_autoptr(DcaDealRecord) deal = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  if ((deal = get_deal (self, order->deal_id, error)) == NULL)
    return FALSE;
  if (order->bot_id == 0)
    order->bot_id = deal->bot_id;
  if (order->exchange == NULL)
    order->exchange = g_strdup (deal->exchange);
  if (order->product_id == NULL)
    order->product_id = g_strdup (deal->product_id);
  if (order->client_order_id == NULL)
    order->client_order_id = dca_store_new_client_order_id ();

  if (dca_order_kind_to_string (order->kind) == NULL ||
      dca_side_to_string (order->side) == NULL ||
      dca_order_type_to_string (order->type) == NULL ||
      dca_order_status_to_string (order->status) == NULL)
    return invalid (error, "The order's kind, side, type or status is unknown");
  if (!check_amount (order->quote_size, FALSE, "order's quote size", error) ||
      !check_amount (order->base_size, FALSE, "order's base size", error) ||
      !check_amount (order->limit_price, FALSE, "order's limit price", error))
    return FALSE;
  if (dca_decimal_is_zero (order->quote_size) && dca_decimal_is_zero (order->base_size))
    return invalid (error, "An order needs a quote size or a base size");
  if (order->type == DCA_ORDER_TYPE_LIMIT && dca_decimal_is_zero (order->limit_price))
    return invalid (error, "A limit order needs a limit price");

  if ((stmt = get_stmt (self, STMT_ORDER_INSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->deal_id);
  sqlite3_bind_int64 (stmt, 2, order->bot_id);
  bind_text (stmt, 3, order->exchange);
  bind_text (stmt, 4, order->product_id);
  bind_text (stmt, 5, order->client_order_id);
  bind_text (stmt, 6, order->exchange_order_id);
  bind_text (stmt, 7, dca_order_kind_to_string (order->kind));
  bind_text (stmt, 8, dca_side_to_string (order->side));
  bind_text (stmt, 9, dca_order_type_to_string (order->type));
  bind_text (stmt, 10, dca_order_status_to_string (order->status));
  bind_decimal_or_null (stmt, 11, order->quote_size);
  bind_decimal_or_null (stmt, 12, order->base_size);
  bind_decimal_or_null (stmt, 13, order->limit_price);
  sqlite3_bind_int (stmt, 14, order->post_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 15, order->so_index);
  bind_text (stmt, 16, order->error);
  sqlite3_bind_int64 (stmt, 17, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT,
                   "An order with client order id “%s” is already recorded",
                   order->client_order_id);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, "Could not record the order for deal %" G_GINT64_FORMAT,
                       order->deal_id);
  order->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gint64
dca_store_insert_order (DcaStore        *self,
                        DcaOrderRecord  *order,
                        GError         **error)
{
  /* the engine stamps an order with its market clock (the replay's time) */
  gint64 now = order != NULL && order->created_at != 0 ? order->created_at : now_seconds ();

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (order != NULL, 0);

  if (!dca_store_begin (self, error))
    return 0;
  if (!finish_tx (self, insert_order_locked (self, order, now, error), error))
    return 0;
  order->created_at = order->updated_at = now;
  return order->id;
}

static gboolean
set_order_field (DcaStore   *self,
                 StmtId      id,
                 gint64      order_id,
                 const char *text,
                 GError    **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  if ((stmt = get_stmt (self, id, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  if (!step_done (self, stmt, error, "Could not save the order"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, "order", order_id);
  return TRUE;
}

gboolean
dca_store_set_order_exchange_id (DcaStore    *self,
                                 gint64       order_id,
                                 const char  *exchange_order_id,
                                 GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_order_field (self, STMT_ORDER_SET_EXCHANGE_ID, order_id, exchange_order_id,
                          error);
}

gboolean
dca_store_set_order_status (DcaStore        *self,
                            gint64           order_id,
                            DcaOrderStatus   status,
                            GError         **error)
{
  const char *name = dca_order_status_to_string (status);

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  if (name == NULL)
    return invalid (error, "Unknown order status %d", (int) status);
  return set_order_field (self, STMT_ORDER_SET_STATUS, order_id, name, error);
}

gboolean
dca_store_set_order_error (DcaStore    *self,
                           gint64       order_id,
                           const char  *message,
                           GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);

  return set_order_field (self, STMT_ORDER_SET_ERROR, order_id, message, error);
}

DcaOrderRecord *
dca_store_get_order (DcaStore  *self,
                     gint64     order_id,
                     GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  return get_order (self, STMT_ORDER_GET, order_id, NULL, NULL, error);
}

DcaOrderRecord *
dca_store_get_order_by_client_id (DcaStore    *self,
                                  const char  *client_order_id,
                                  GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  return get_order (self, STMT_ORDER_GET_BY_CLIENT_ID, 0, client_order_id, NULL, error);
}

DcaOrderRecord *
dca_store_get_order_by_exchange_id (DcaStore    *self,
                                    const char  *exchange,
                                    const char  *exchange_order_id,
                                    GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);
  g_return_val_if_fail (exchange_order_id != NULL, NULL);

  return get_order (self, STMT_ORDER_GET_BY_EXCHANGE_ID, 0, exchange, exchange_order_id,
                    error);
}

GPtrArray *
dca_store_list_orders_of_deal (DcaStore  *self,
                               gint64     deal_id,
                               GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_ORDER_LIST_OF_DEAL, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return read_all (self, stmt, (ReadFunc) read_order, (GDestroyNotify) dca_order_record_free,
                   "Could not read the orders", error);
}

GPtrArray *
dca_store_list_unsettled_orders (DcaStore    *self,
                                 const char  *exchange,
                                 GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  stmt = get_stmt (self, exchange != NULL ? STMT_ORDER_LIST_UNSETTLED_EXCHANGE
                                          : STMT_ORDER_LIST_UNSETTLED, error);
  if (stmt == NULL)
    return NULL;
  if (exchange != NULL)
    bind_text (stmt, 1, exchange);
  return read_all (self, stmt, (ReadFunc) read_order, (GDestroyNotify) dca_order_record_free,
                   "Could not read the unsettled orders", error);
}

/* ---- fills --------------------------------------------------------------- */

static DcaFillRecord *
read_fill (sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(DcaFillRecord) fill = g_new0 (DcaFillRecord, 1);
  Row r;

  row_init (&r, stmt);
  fill->id = row_int (&r);
  fill->order_id = row_int (&r);
  fill->deal_id = row_int (&r);
  fill->trade_id = row_text (&r);
  fill->fill.time = row_int (&r);
  fill->fill.side = row_side (&r);
  fill->fill.kind = row_order_kind (&r);
  fill->fill.price = row_decimal (&r);
  fill->fill.base = row_decimal (&r);
  fill->fill.quote = row_decimal (&r);
  fill->fill.fee = row_decimal (&r);
  if (!row_check (&r, "fill", fill->id, error))
    return NULL;
  return g_steal_pointer (&fill);
}

GPtrArray *
dca_store_list_fills_of_deal (DcaStore  *self,
                              gint64     deal_id,
                              GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_FILL_LIST_OF_DEAL, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  return read_all (self, stmt, (ReadFunc) read_fill, (GDestroyNotify) dca_fill_record_free,
                   "Could not read the fills", error);
}

static DcaBalanceRecord *
read_balance (sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(DcaBalanceRecord) balance = g_new0 (DcaBalanceRecord, 1);
  Row r;

  row_init (&r, stmt);
  balance->exchange = row_text (&r);
  balance->currency = row_text (&r);
  balance->available = row_decimal (&r);
  balance->hold = row_decimal (&r);
  if (r.bad_col >= 0)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CORRUPT,
                   "The stored %s balance of %s is unreadable; the database may be damaged",
                   balance->currency, balance->exchange);
      return NULL;
    }
  return g_steal_pointer (&balance);
}

static DcaBalanceRecord *
get_balance (DcaStore    *self,
             const char  *exchange,
             const char  *currency,
             GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  DcaBalanceRecord *balance;
  int rc;

  if ((stmt = get_stmt (self, STMT_BALANCE_GET, error)) == NULL)
    return NULL;
  bind_text (stmt, 1, exchange);
  bind_text (stmt, 2, currency);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_balance (stmt, error);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "Could not read the %s balance", currency);
      return NULL;
    }
  balance = g_new0 (DcaBalanceRecord, 1);
  balance->exchange = g_strdup (exchange);
  balance->currency = g_strdup (currency);
  return balance;
}

/* Adds delta to a currency's available balance.  The paper wallet may
 * never go below zero; a real exchange's row is only our copy of its
 * numbers, and refusing a fill that really happened would lose it. */
static gboolean
move_balance (DcaStore    *self,
              const char  *exchange,
              const char  *currency,
              DcaDecimal   delta,
              GError     **error)
{
  g_autoptr(DcaBalanceRecord) balance = NULL;
  g_autoptr(StoreStmt) stmt = NULL;
  DcaDecimal next;

  if ((balance = get_balance (self, exchange, currency, error)) == NULL)
    return FALSE;
  next = dca_decimal_add (balance->available, delta);
  if (!amount_in_range (next))
    return invalid (error, "The %s balance would be too large to store", currency);
  if (dca_decimal_sign (next) < 0 && strcmp (exchange, "paper") == 0)
    {
      g_autofree char *have = dca_decimal_to_string (balance->available);
      g_autofree char *need = dca_decimal_to_string (dca_decimal_neg (delta));

      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INSUFFICIENT_FUNDS,
                   "The paper wallet has %s %s available; this fill needs %s %s",
                   have, currency, need, currency);
      return FALSE;
    }
  if ((stmt = get_stmt (self, STMT_BALANCE_SET_AVAILABLE, error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, exchange);
  bind_text (stmt, 2, currency);
  bind_decimal (stmt, 3, next);
  return step_done (self, stmt, error, "Could not update the balance");
}

/* The volume-weighted price of an order's fills: sum (price x base) / sum base. */
static gboolean
order_average_price (DcaStore    *self,
                     gint64       order_id,
                     DcaDecimal  *out,
                     GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  DcaDecimal value = dca_decimal_zero ();
  DcaDecimal base = dca_decimal_zero ();

  if ((stmt = get_stmt (self, STMT_FILL_LIST_OF_ORDER, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  fills = read_all (self, stmt, (ReadFunc) read_fill, (GDestroyNotify) dca_fill_record_free,
                    "Could not read the order's fills", error);
  if (fills == NULL)
    return FALSE;
  for (guint i = 0; i < fills->len; i++)
    {
      const DcaFillRecord *f = g_ptr_array_index (fills, i);
      DcaDecimal v;

      if (!dca_decimal_mul_checked (f->fill.price, f->fill.base, DCA_ROUND_HALF_EVEN, &v))
        return invalid (error, "The fills of order %" G_GINT64_FORMAT " are too large",
                        order_id);
      value = dca_decimal_add (value, v);
      base = dca_decimal_add (base, f->fill.base);
    }
  if (!dca_decimal_div_checked (value, base, DCA_ROUND_HALF_EVEN, out))
    *out = dca_decimal_zero ();
  return TRUE;
}

static gboolean
check_fill (const char     *trade_id,
            const DcaFill  *fill,
            GError        **error)
{
  if (is_blank (trade_id))
    return invalid (error, "A fill needs a trade id");
  if (dca_side_to_string (fill->side) == NULL || dca_order_kind_to_string (fill->kind) == NULL)
    return invalid (error, "Fill “%s” has an unknown side or kind", trade_id);
  if (dca_decimal_sign (fill->price) <= 0 || dca_decimal_sign (fill->base) <= 0)
    return invalid (error, "Fill “%s” needs a price and a base amount above zero", trade_id);
  return check_amount (fill->price, FALSE, "fill's price", error) &&
         check_amount (fill->base, FALSE, "fill's base amount", error) &&
         check_amount (fill->quote, FALSE, "fill's quote amount", error) &&
         check_amount (fill->fee, FALSE, "fill's fee", error);
}

static gboolean
record_fill_locked (DcaStore            *self,
                    gint64               order_id,
                    const char          *trade_id,
                    const DcaFill       *fill,
                    const DcaDealState  *new_state,
                    gboolean             order_done,
                    GError             **error)
{
  g_autoptr(DcaOrderRecord) order = NULL;
  g_autoptr(DcaDealRecord) deal = NULL;
  g_autofree char *base_currency = NULL;
  g_autofree char *quote_currency = NULL;
  DcaOrderStatus status;
  DcaDecimal average;
  gint64 now = now_seconds ();
  int rc;

  if ((order = get_order (self, STMT_ORDER_GET, order_id, NULL, NULL, error)) == NULL)
    return FALSE;
  if (fill->side != order->side)
    return invalid (error, "A %s fill cannot belong to %s order %" G_GINT64_FORMAT,
                    dca_side_to_string (fill->side), dca_side_to_string (order->side),
                    order_id);
  if ((deal = get_deal (self, order->deal_id, error)) == NULL)
    return FALSE;
  if (!split_product_id (deal->product_id, &base_currency, &quote_currency))
    return invalid (error, "Deal %" G_GINT64_FORMAT " has no valid pair", deal->id);

  /* a fill seen twice (a retried poll, a reconciliation after a crash) */
  {
    g_autoptr(StoreStmt) stmt = NULL;

    if ((stmt = get_stmt (self, STMT_FILL_EXISTS, error)) == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, order_id);
    bind_text (stmt, 2, trade_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_DUPLICATE_FILL,
                     "Trade “%s” of order %" G_GINT64_FORMAT " is already recorded",
                     trade_id, order_id);
        return FALSE;
      }
    if (rc != SQLITE_DONE)
      return store_fail (self, error, rc, "Could not record the fill");
  }

  {
    g_autoptr(StoreStmt) stmt = NULL;

    if ((stmt = get_stmt (self, STMT_FILL_INSERT, error)) == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, order_id);
    sqlite3_bind_int64 (stmt, 2, order->deal_id);
    bind_text (stmt, 3, trade_id);
    sqlite3_bind_int64 (stmt, 4, fill->time);
    bind_text (stmt, 5, dca_side_to_string (fill->side));
    bind_text (stmt, 6, dca_order_kind_to_string (fill->kind));
    bind_decimal (stmt, 7, fill->price);
    bind_decimal (stmt, 8, fill->base);
    bind_decimal (stmt, 9, fill->quote);
    bind_decimal (stmt, 10, fill->fee);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
      {
        /* a backstop for the check above */
        g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_DUPLICATE_FILL,
                     "Trade “%s” of order %" G_GINT64_FORMAT " is already recorded",
                     trade_id, order_id);
        return FALSE;
      }
    if (rc != SQLITE_DONE)
      return store_fail (self, error, rc, "Could not record the fill");
  }

  if (!order_average_price (self, order_id, &average, error))
    return FALSE;
  if (order_done)
    status = DCA_ORDER_STATUS_FILLED;
  else if (order->status == DCA_ORDER_STATUS_PENDING)
    status = DCA_ORDER_STATUS_OPEN; /* a fill proves the exchange has it */
  else
    status = order->status;

  {
    g_autoptr(StoreStmt) stmt = NULL;
    DcaDecimal filled_base = dca_decimal_add (order->filled_base, fill->base);
    DcaDecimal filled_quote = dca_decimal_add (order->filled_quote, fill->quote);
    DcaDecimal fees = dca_decimal_add (order->fees, fill->fee);

    if (!check_amount (filled_base, FALSE, "order's filled amount", error) ||
        !check_amount (filled_quote, FALSE, "order's filled value", error) ||
        !check_amount (fees, FALSE, "order's fees", error))
      return FALSE;
    if ((stmt = get_stmt (self, STMT_ORDER_UPDATE_FILLED, error)) == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, order_id);
    bind_decimal (stmt, 2, filled_base);
    bind_decimal (stmt, 3, filled_quote);
    bind_decimal (stmt, 4, fees);
    bind_decimal_or_null (stmt, 5, average);
    bind_text (stmt, 6, dca_order_status_to_string (status));
    sqlite3_bind_int64 (stmt, 7, now);
    if (!step_done (self, stmt, error, "Could not update the order"))
      return FALSE;
  }

  if (!write_deal_state (self, deal->id, new_state, error))
    return FALSE;

  if (fill->side == DCA_SIDE_BUY)
    return move_balance (self, deal->exchange, quote_currency, dca_decimal_neg (fill->quote),
                         error) &&
           move_balance (self, deal->exchange, base_currency, fill->base, error);
  return move_balance (self, deal->exchange, base_currency, dca_decimal_neg (fill->base),
                       error) &&
         move_balance (self, deal->exchange, quote_currency, fill->quote, error);
}

gboolean
dca_store_record_fill (DcaStore            *self,
                       gint64               order_id,
                       const char          *trade_id,
                       const DcaFill       *fill,
                       const DcaDealState  *new_state,
                       gboolean             order_done,
                       GError             **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (fill != NULL, FALSE);
  g_return_val_if_fail (new_state != NULL, FALSE);

  if (!check_fill (trade_id, fill, error))
    return FALSE;
  if (!dca_store_begin (self, error))
    return FALSE;
  return finish_tx (self,
                    record_fill_locked (self, order_id, trade_id, fill, new_state, order_done,
                                        error),
                    error);
}

/* ---- balances ------------------------------------------------------------ */

DcaBalanceRecord *
dca_store_get_balance (DcaStore    *self,
                       const char  *exchange,
                       const char  *currency,
                       GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  return get_balance (self, exchange, currency, error);
}

gboolean
dca_store_set_balance (DcaStore    *self,
                       const char  *exchange,
                       const char  *currency,
                       DcaDecimal   available,
                       DcaDecimal   hold,
                       GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (exchange != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);

  if (is_blank (currency))
    return invalid (error, "A balance needs a currency");
  if (!check_amount (available, FALSE, "available balance", error) ||
      !check_amount (hold, FALSE, "balance on hold", error))
    return FALSE;
  if ((stmt = get_stmt (self, STMT_BALANCE_SET, error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, exchange);
  bind_text (stmt, 2, currency);
  bind_decimal (stmt, 3, available);
  bind_decimal (stmt, 4, hold);
  return step_done (self, stmt, error, "Could not save the balance");
}

GPtrArray *
dca_store_list_balances (DcaStore    *self,
                         const char  *exchange,
                         GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);

  if ((stmt = get_stmt (self, STMT_BALANCE_LIST, error)) == NULL)
    return NULL;
  bind_text (stmt, 1, exchange);
  return read_all (self, stmt, (ReadFunc) read_balance,
                   (GDestroyNotify) dca_balance_record_free,
                   "Could not read the balances", error);
}

/* ---- decisions and events ------------------------------------------------ */

gint64
dca_store_insert_decision (DcaStore           *self,
                           DcaDecisionRecord  *decision,
                           GError            **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (decision != NULL, 0);

  if (is_blank (decision->action))
    {
      invalid (error, "A decision needs an action");
      return 0;
    }
  if ((stmt = get_stmt (self, STMT_DECISION_INSERT, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, decision->time != 0 ? decision->time : now_seconds ());
  bind_int_or_null (stmt, 2, decision->bot_id);
  bind_int_or_null (stmt, 3, decision->deal_id);
  bind_text (stmt, 4, decision->product_id);
  bind_text (stmt, 5, decision->action);
  bind_text (stmt, 6, decision->reason != NULL ? decision->reason : "");
  bind_text (stmt, 7, decision->detail);
  if (!step_done (self, stmt, error, "Could not record the decision"))
    return 0;
  decision->id = sqlite3_last_insert_rowid (self->db);
  return decision->id;
}

static DcaDecisionRecord *
read_decision (sqlite3_stmt  *stmt,
               GError       **error)
{
  DcaDecisionRecord *d = g_new0 (DcaDecisionRecord, 1);
  Row r;

  row_init (&r, stmt);
  d->id = row_int (&r);
  d->time = row_int (&r);
  d->bot_id = row_int (&r);
  d->deal_id = row_int (&r);
  d->product_id = row_text (&r);
  d->action = row_text (&r);
  d->reason = row_text (&r);
  d->detail = row_text (&r);
  return d;
}

GPtrArray *
dca_store_list_decisions (DcaStore  *self,
                          gint64     bot_id,
                          guint      limit,
                          GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_DECISION_LIST, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, bot_id);
  sqlite3_bind_int64 (stmt, 2, limit != 0 ? (gint64) limit : -1);
  return read_all (self, stmt, (ReadFunc) read_decision,
                   (GDestroyNotify) dca_decision_record_free,
                   "Could not read the bot's decisions", error);
}

gint64
dca_store_insert_event (DcaStore        *self,
                        DcaEventRecord  *event,
                        GError         **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  const char *level;

  g_return_val_if_fail (DCA_IS_STORE (self), 0);
  g_return_val_if_fail (event != NULL, 0);

  level = event->level != NULL ? event->level : "info";
  if (is_blank (event->type))
    {
      invalid (error, "An event needs a type");
      return 0;
    }
  if (strcmp (level, "info") != 0 && strcmp (level, "warning") != 0 &&
      strcmp (level, "error") != 0)
    {
      invalid (error, "“%s” is not an event level (info, warning or error)", level);
      return 0;
    }
  if (event->data_json != NULL && !check_json (event->data_json, FALSE, "The event's data", error))
    return 0;
  if ((stmt = get_stmt (self, STMT_EVENT_INSERT, error)) == NULL)
    return 0;
  if (event->time == 0)
    event->time = now_seconds ();
  sqlite3_bind_int64 (stmt, 1, event->time);
  bind_text (stmt, 2, event->type);
  bind_int_or_null (stmt, 3, event->bot_id);
  bind_int_or_null (stmt, 4, event->deal_id);
  bind_text (stmt, 5, event->product_id);
  bind_text (stmt, 6, level);
  bind_text (stmt, 7, event->message != NULL ? event->message : "");
  bind_text (stmt, 8, event->data_json);
  if (!step_done (self, stmt, error, "Could not record the event"))
    return 0;
  event->id = sqlite3_last_insert_rowid (self->db);
  return event->id;
}

static DcaEventRecord *
read_event (sqlite3_stmt  *stmt,
            GError       **error)
{
  DcaEventRecord *e = g_new0 (DcaEventRecord, 1);
  Row r;

  row_init (&r, stmt);
  e->id = row_int (&r);
  e->time = row_int (&r);
  e->type = row_text (&r);
  e->bot_id = row_int (&r);
  e->deal_id = row_int (&r);
  e->product_id = row_text (&r);
  e->level = row_text (&r);
  e->message = row_text (&r);
  e->data_json = row_text (&r);
  return e;
}

GPtrArray *
dca_store_list_events (DcaStore  *self,
                       guint      limit,
                       GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_EVENT_LIST, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit != 0 ? (gint64) limit : -1);
  return read_all (self, stmt, (ReadFunc) read_event, (GDestroyNotify) dca_event_record_free,
                   "Could not read the events", error);
}

GPtrArray *
dca_store_list_events_since (DcaStore  *self,
                             gint64     after_id,
                             guint      limit,
                             GError   **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  if ((stmt = get_stmt (self, STMT_EVENT_LIST_SINCE, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit != 0 ? (gint64) limit : -1);
  return read_all (self, stmt, (ReadFunc) read_event, (GDestroyNotify) dca_event_record_free,
                   "Could not read the events", error);
}

/* ---- account snapshots --------------------------------------------------- */

static gboolean
insert_snapshot_locked (DcaStore                *self,
                        const char              *exchange,
                        gint64                   time,
                        const DcaSnapshotValue  *values,
                        guint                    n_values,
                        GError                 **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_INSERT, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      const DcaSnapshotValue *v = &values[i];
      int rc;

      if (is_blank (v->currency))
        return invalid (error, "An account snapshot value needs a currency");
      if (!check_amount (v->value, TRUE, "snapshot value", error) ||
          !check_amount (v->value_usd, TRUE, "snapshot value in USD", error))
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, time);
      bind_text (stmt, 2, exchange);
      bind_text (stmt, 3, v->currency);
      bind_decimal (stmt, 4, v->value);
      if (v->has_value_usd)
        bind_decimal (stmt, 5, v->value_usd);
      else
        sqlite3_bind_null (stmt, 5);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT,
                       "The account snapshot of %s at %" G_GINT64_FORMAT " already has %s",
                       exchange, time, v->currency);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        return store_fail (self, error, rc, "Could not save the account snapshot");
    }
  return TRUE;
}

gboolean
dca_store_insert_account_snapshot (DcaStore                *self,
                                   const char              *exchange,
                                   gint64                   time,
                                   const DcaSnapshotValue  *values,
                                   guint                    n_values,
                                   GError                 **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (exchange != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  if (!dca_store_begin (self, error))
    return FALSE;
  return finish_tx (self,
                    insert_snapshot_locked (self, exchange, time, values, n_values, error),
                    error);
}

static DcaSnapshotRecord *
read_snapshot (sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(DcaSnapshotRecord) s = g_new0 (DcaSnapshotRecord, 1);
  Row r;

  row_init (&r, stmt);
  s->id = row_int (&r);
  s->time = row_int (&r);
  s->exchange = row_text (&r);
  s->currency = row_text (&r);
  s->value = row_decimal (&r);
  s->value_usd = row_decimal_opt (&r, &s->has_value_usd);
  if (!row_check (&r, "account snapshot", s->id, error))
    return NULL;
  return g_steal_pointer (&s);
}

GPtrArray *
dca_store_list_account_snapshots (DcaStore    *self,
                                  const char  *exchange,
                                  gint64       from,
                                  gint64       to,
                                  GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (exchange != NULL, NULL);

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_LIST, error)) == NULL)
    return NULL;
  bind_text (stmt, 1, exchange);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to != 0 ? to : G_MAXINT64);
  return read_all (self, stmt, (ReadFunc) read_snapshot,
                   (GDestroyNotify) dca_snapshot_record_free,
                   "Could not read the account snapshots", error);
}

/* ---- kv ------------------------------------------------------------------ */

gboolean
dca_store_kv_get (DcaStore    *self,
                  const char  *key,
                  char       **value,
                  GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = NULL;
  if ((stmt = get_stmt (self, STMT_KV_GET, error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, "Could not read the setting “%s”", key);
  return TRUE;
}

gboolean
dca_store_kv_set (DcaStore    *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(StoreStmt) stmt = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((stmt = get_stmt (self, value != NULL ? STMT_KV_SET : STMT_KV_DELETE, error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);
  return step_done (self, stmt, error, "Could not save the setting");
}

/* ---- companions ---------------------------------------------------------- */

sqlite3 *
dca_store_get_db (DcaStore *self)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  return self->db;
}

gboolean
dca_store_fail (DcaStore    *self,
                GError     **error,
                int          rc,
                const char  *doing)
{
  return store_fail (self, error, rc, "%s", doing);
}

/* ---- diagnostics --------------------------------------------------------- */

static char *
explain_sql (DcaStore    *self,
             const char  *sql,
             GError     **error)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, explain, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_fail (self, error, rc, "Could not explain the query");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      store_fail (self, error, rc, "Could not explain the query");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

char *
dca_store_explain_list_deals (DcaStore             *self,
                              const DcaDealFilter  *filter,
                              GError              **error)
{
  static const DcaDealFilter all = { 0 };
  g_autofree char *sql = NULL;

  g_return_val_if_fail (DCA_IS_STORE (self), NULL);

  sql = deal_query_sql (filter != NULL ? filter : &all, FALSE);
  return explain_sql (self, sql, error);
}

char *
dca_store_explain_query (DcaStore    *self,
                         const char  *name,
                         GError     **error)
{
  g_return_val_if_fail (DCA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < N_STMTS; i++)
    if (strcmp (statements[i].name, name) == 0)
      return explain_sql (self, statements[i].sql, error);
  g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
               "The store has no query named “%s”", name);
  return NULL;
}

const char *const *
dca_store_list_query_names (void)
{
  static const char *names[N_STMTS + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_STMTS; i++)
        names[i] = statements[i].name;
      names[N_STMTS] = NULL;
      g_once_init_leave (&initialized, 1);
    }
  return names;
}
