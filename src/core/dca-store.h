/* dca-store.h: the SQLite database of bots, deals, orders, fills and balances
 *
 * One DcaStore is one SQLite connection: use it from one thread only (the
 * engine opens its own).  Amounts are stored as canonical decimal text and
 * come back as exact DcaDecimal values; times are unix seconds (UTC).  See
 * docs/storage.md for the schema and the rules behind it.
 */
#pragma once

#include <glib-object.h>

#include "dca-deal-types.h"
#include "dca-decimal.h"

G_BEGIN_DECLS

#define DCA_STORE_ERROR (dca_store_error_quark ())

typedef enum
{
  DCA_STORE_ERROR_OPEN,               /* the file cannot be opened or created */
  DCA_STORE_ERROR_TOO_NEW,            /* written by a newer DCA Desk */
  DCA_STORE_ERROR_CORRUPT,            /* damaged, not a DCA Desk database, or unreadable data */
  DCA_STORE_ERROR_NOT_FOUND,          /* no such bot, template, deal or order */
  DCA_STORE_ERROR_CONSTRAINT,         /* a duplicate or a reference to nothing */
  DCA_STORE_ERROR_BUSY,               /* another connection holds the write lock too long */
  DCA_STORE_ERROR_HAS_OPEN_DEALS,     /* a bot with open deals cannot be deleted */
  DCA_STORE_ERROR_READ_ONLY,          /* the file or its folder is not writable */
  DCA_STORE_ERROR_FULL,               /* the disk is full */
  DCA_STORE_ERROR_INVALID,            /* a value the store refuses to save; the message names it */
  DCA_STORE_ERROR_DUPLICATE_FILL,     /* the fill is already recorded; nothing changed */
  DCA_STORE_ERROR_INSUFFICIENT_FUNDS, /* a paper fill would take a balance below zero */
  DCA_STORE_ERROR_FAILED,             /* anything else SQLite reports */
} DcaStoreError;

#define DCA_TYPE_STORE (dca_store_get_type ())

G_DECLARE_FINAL_TYPE (DcaStore, dca_store, DCA, STORE, GObject)

/* ---- records ------------------------------------------------------------ */

typedef struct
{
  gint64      id;
  char       *name;
  char       *description;
  char       *strategy_type;        /* e.g. "conditional_dca" */
  char      **product_ids;          /* "BASE-QUOTE", at least one */
  char       *quote_currency;       /* NULL on insert: taken from the products */
  char       *strategy_config_json; /* a JSON object, stored verbatim */
  int         check_interval_seconds;
  gboolean    split_budget;
  DcaDecimal  reserved_btc;
  DcaDecimal  reserved_usd;
  gboolean    running;
  char       *exchange;             /* "paper" or "coinbase"; NULL means paper */
  gboolean    favourite;
  gint64      created_at;
  gint64      updated_at;
} DcaBotRecord;

typedef struct
{
  gint64  id;
  char   *name;                 /* unique among user templates */
  char   *description;
  char   *strategy_type;
  char   *strategy_config_json; /* a JSON object, stored verbatim */
  gint64  created_at;
  gint64  updated_at;
} DcaTemplateRecord;

typedef struct
{
  gint64        id;
  gint64        bot_id;
  char         *exchange;             /* NULL on insert: the bot's */
  char         *product_id;
  char         *quote_currency;       /* NULL on insert: from product_id */
  char         *config_snapshot_json; /* the configuration the deal opened with */
  DcaDealState  state;
  /* Set by the store whenever state.status is closed: profit = quote
   * received - quote spent, profit % = profit x 100 / quote spent. */
  gboolean      has_profit;
  DcaDecimal    profit;
  gboolean      has_profit_percentage; /* FALSE when nothing was spent */
  DcaDecimal    profit_percentage;
  char         *notes;
  char         *last_error;
  gint64        created_at;
  gint64        updated_at;
} DcaDealRecord;

/* A size or price of zero means "not given" (stored as NULL): a market buy
 * has a quote_size, a market sell a base_size, a limit order a base_size and
 * a limit_price. */
typedef struct
{
  gint64          id;
  gint64          deal_id;
  gint64          bot_id;            /* 0 on insert: the deal's */
  char           *exchange;          /* NULL on insert: the deal's */
  char           *product_id;        /* NULL on insert: the deal's */
  char           *client_order_id;   /* NULL on insert: a fresh one */
  char           *exchange_order_id; /* NULL until the exchange acknowledges it */
  DcaOrderKind    kind;
  DcaSide         side;
  DcaOrderType    type;
  DcaOrderStatus  status;
  DcaDecimal      quote_size;
  DcaDecimal      base_size;
  DcaDecimal      limit_price;
  gboolean        post_only;
  DcaDecimal      filled_base;       /* kept by dca_store_record_fill () */
  DcaDecimal      filled_quote;
  DcaDecimal      fees;
  DcaDecimal      average_price;     /* fills' volume-weighted price; 0 before any */
  guint           so_index;          /* safety order number, 0 for other kinds */
  char           *error;
  gint64          created_at;        /* on insert: 0 means now; the engine passes its clock */
  gint64          updated_at;
} DcaOrderRecord;

typedef struct
{
  gint64   id;
  gint64   order_id;
  gint64   deal_id;
  char    *trade_id;
  DcaFill  fill;
} DcaFillRecord;

typedef struct
{
  char       *exchange;
  char       *currency;
  DcaDecimal  available;
  DcaDecimal  hold;
} DcaBalanceRecord;

typedef struct
{
  gint64  id;
  gint64  time;
  gint64  bot_id;
  gint64  deal_id;    /* 0: none */
  char   *product_id; /* may be NULL */
  char   *action;     /* "open", "safety", "exit", "skip", "error" ... */
  char   *reason;
  char   *detail;     /* may be NULL */
} DcaDecisionRecord;

typedef struct
{
  gint64  id;
  gint64  time;
  char   *type;       /* e.g. "deal-opened", "order-failed" */
  gint64  bot_id;     /* 0: none */
  gint64  deal_id;    /* 0: none */
  char   *product_id; /* may be NULL */
  char   *level;      /* "info", "warning" or "error"; NULL on insert means info */
  char   *message;
  char   *data_json;  /* a JSON value, or NULL */
} DcaEventRecord;

/* One currency of an account snapshot. */
typedef struct
{
  gint64      id;
  gint64      time;
  char       *exchange;
  char       *currency;
  DcaDecimal  value;
  gboolean    has_value_usd;
  DcaDecimal  value_usd;
} DcaSnapshotRecord;

/* What dca_store_insert_account_snapshot () takes for each currency. */
typedef struct
{
  const char *currency;
  DcaDecimal  value;
  gboolean    has_value_usd;
  DcaDecimal  value_usd;
} DcaSnapshotValue;

/* The order of dca_store_list_deals ().  Descending unless the filter says
 * ascending; ties fall to the rest of the key's index and then the id, in
 * the same direction, so pages of a sorted list neither repeat nor skip.
 * The keys after CLOSED are for one status at a time (the History page):
 * each has an index that starts with the status. */
typedef enum
{
  DCA_DEAL_SORT_OPENED,            /* newest opened first */
  DCA_DEAL_SORT_CLOSED,            /* newest closed first; deals still open last */
  DCA_DEAL_SORT_PAIR,              /* product id */
  DCA_DEAL_SORT_BOT,               /* the bot's name, without regard to ASCII case */
  DCA_DEAL_SORT_DURATION,          /* closed_at - opened_at */
  DCA_DEAL_SORT_SPENT,             /* quote spent */
  DCA_DEAL_SORT_PROFIT,            /* realised profit */
  DCA_DEAL_SORT_PROFIT_PERCENTAGE, /* realised profit % */
  DCA_DEAL_SORT_CLOSE_REASON,      /* close reason, as stored */
  DCA_DEAL_SORT_SAFETY_ORDERS,     /* safety orders filled */
  DCA_N_DEAL_SORTS
} DcaDealSort;

/* Zero-initialise, then set what you filter on: a zero field matches all. */
typedef struct
{
  gint64       bot_id;
  guint        status_mask;  /* 1 << DcaDealStatus, ORed; 0: any status */
  const char  *product_id;
  const char  *exchange;
  gint64       closed_from;  /* closed_at >= closed_from, when not 0 */
  gint64       closed_to;    /* closed_at < closed_to, when not 0 */
  DcaDealSort  sort;
  gboolean     ascending;    /* FALSE: largest, newest, last in the alphabet first */
  guint        limit;        /* 0: no limit */
  guint        offset;
} DcaDealFilter;

#define DCA_DEAL_STATUS_MASK(status) (1u << (status))

DcaBotRecord      *dca_bot_record_new       (void);
DcaBotRecord      *dca_bot_record_copy      (const DcaBotRecord      *bot);
void               dca_bot_record_free      (DcaBotRecord            *bot);
DcaTemplateRecord *dca_template_record_new  (void);
void               dca_template_record_free (DcaTemplateRecord       *tmpl);
DcaDealRecord     *dca_deal_record_new      (void);
DcaDealRecord     *dca_deal_record_copy     (const DcaDealRecord     *deal);
void               dca_deal_record_free     (DcaDealRecord           *deal);
DcaOrderRecord    *dca_order_record_new     (void);
void               dca_order_record_free    (DcaOrderRecord          *order);
void               dca_fill_record_free     (DcaFillRecord           *fill);
void               dca_balance_record_free  (DcaBalanceRecord        *balance);
void               dca_decision_record_free (DcaDecisionRecord       *decision);
void               dca_event_record_free    (DcaEventRecord          *event);
void               dca_snapshot_record_free (DcaSnapshotRecord       *snapshot);

/* ---- opening ------------------------------------------------------------ */

GQuark    dca_store_error_quark          (void);
/* The schema version this program writes (PRAGMA user_version). */
guint     dca_store_schema_version       (void);
char     *dca_store_default_path         (void);
DcaStore *dca_store_open                 (const char     *path,
                                          GError        **error);
const char *dca_store_get_path           (DcaStore       *self);

/* Group writes: nesting-safe (the outermost is a write transaction, inner
 * ones savepoints).  Every store call that writes several rows already runs
 * in its own transaction, nested in the caller's when there is one. */
gboolean  dca_store_begin                (DcaStore       *self,
                                          GError        **error);
gboolean  dca_store_commit               (DcaStore       *self,
                                          GError        **error);
void      dca_store_rollback             (DcaStore       *self);

/* Bulk loads (demo data, imports): closed deals inserted in between are
 * summed for the analytics once, at the end (dca_analytics_rebuild). */
void      dca_store_begin_bulk_load      (DcaStore       *self);
gboolean  dca_store_end_bulk_load        (DcaStore       *self,
                                          GError        **error);

/* ---- bots --------------------------------------------------------------- */

gint64        dca_store_insert_bot        (DcaStore           *self,
                                           DcaBotRecord       *bot,
                                           GError            **error);
gboolean      dca_store_update_bot        (DcaStore           *self,
                                           DcaBotRecord       *bot,
                                           GError            **error);
DcaBotRecord *dca_store_get_bot           (DcaStore           *self,
                                           gint64              id,
                                           GError            **error);
GPtrArray    *dca_store_list_bots         (DcaStore           *self,
                                           GError            **error);
gboolean      dca_store_set_bot_running   (DcaStore           *self,
                                           gint64              id,
                                           gboolean            running,
                                           GError            **error);
gboolean      dca_store_set_bot_favourite (DcaStore           *self,
                                           gint64              id,
                                           gboolean            favourite,
                                           GError            **error);
gboolean      dca_store_delete_bot        (DcaStore           *self,
                                           gint64              id,
                                           GError            **error);
gint64        dca_store_count_open_deals  (DcaStore           *self,
                                           gint64              bot_id,
                                           GError            **error);

/* ---- user templates ----------------------------------------------------- */

gint64             dca_store_insert_template (DcaStore          *self,
                                              DcaTemplateRecord *tmpl,
                                              GError           **error);
gboolean           dca_store_update_template (DcaStore          *self,
                                              DcaTemplateRecord *tmpl,
                                              GError           **error);
DcaTemplateRecord *dca_store_get_template    (DcaStore          *self,
                                              gint64             id,
                                              GError           **error);
/* Names compare without regard to ASCII case, as their uniqueness does. */
DcaTemplateRecord *dca_store_get_template_by_name (DcaStore     *self,
                                                   const char   *name,
                                                   GError      **error);
GPtrArray         *dca_store_list_templates  (DcaStore          *self,
                                              GError           **error);
gboolean           dca_store_delete_template (DcaStore          *self,
                                              gint64             id,
                                              GError           **error);

/* ---- deals -------------------------------------------------------------- */

gint64         dca_store_insert_deal        (DcaStore            *self,
                                             DcaDealRecord       *deal,
                                             GError             **error);
DcaDealRecord *dca_store_get_deal           (DcaStore            *self,
                                             gint64               id,
                                             GError             **error);
gboolean       dca_store_update_deal_state  (DcaStore            *self,
                                             gint64               deal_id,
                                             const DcaDealState  *state,
                                             GError             **error);
gboolean       dca_store_set_deal_notes     (DcaStore            *self,
                                             gint64               deal_id,
                                             const char          *notes,
                                             GError             **error);
gboolean       dca_store_set_deal_last_error (DcaStore           *self,
                                              gint64              deal_id,
                                              const char         *message,
                                              GError            **error);
GPtrArray     *dca_store_list_deals         (DcaStore            *self,
                                             const DcaDealFilter *filter,
                                             GError             **error);
gint64         dca_store_count_deals        (DcaStore            *self,
                                             const DcaDealFilter *filter,
                                             GError             **error);

/* ---- orders and fills --------------------------------------------------- */

char           *dca_store_new_client_order_id  (void);
gint64          dca_store_insert_order         (DcaStore          *self,
                                                DcaOrderRecord    *order,
                                                GError           **error);
gboolean        dca_store_set_order_exchange_id (DcaStore         *self,
                                                 gint64            order_id,
                                                 const char       *exchange_order_id,
                                                 GError          **error);
gboolean        dca_store_set_order_status     (DcaStore          *self,
                                                gint64             order_id,
                                                DcaOrderStatus     status,
                                                GError           **error);
gboolean        dca_store_set_order_error      (DcaStore          *self,
                                                gint64             order_id,
                                                const char        *message,
                                                GError           **error);
DcaOrderRecord *dca_store_get_order            (DcaStore          *self,
                                                gint64             order_id,
                                                GError           **error);
DcaOrderRecord *dca_store_get_order_by_client_id (DcaStore        *self,
                                                  const char      *client_order_id,
                                                  GError         **error);
DcaOrderRecord *dca_store_get_order_by_exchange_id (DcaStore      *self,
                                                    const char    *exchange,
                                                    const char    *exchange_order_id,
                                                    GError       **error);
GPtrArray      *dca_store_list_orders_of_deal  (DcaStore          *self,
                                                gint64             deal_id,
                                                GError           **error);
GPtrArray      *dca_store_list_unsettled_orders (DcaStore         *self,
                                                 const char       *exchange,
                                                 GError          **error);

gboolean        dca_store_record_fill          (DcaStore           *self,
                                                gint64              order_id,
                                                const char         *trade_id,
                                                const DcaFill      *fill,
                                                const DcaDealState *new_state,
                                                gboolean            order_done,
                                                GError            **error);
GPtrArray      *dca_store_list_fills_of_deal   (DcaStore          *self,
                                                gint64             deal_id,
                                                GError           **error);

/* ---- balances ----------------------------------------------------------- */

/* A currency never seen has available and hold 0 (not an error). */
DcaBalanceRecord *dca_store_get_balance   (DcaStore    *self,
                                           const char  *exchange,
                                           const char  *currency,
                                           GError     **error);
gboolean          dca_store_set_balance   (DcaStore    *self,
                                           const char  *exchange,
                                           const char  *currency,
                                           DcaDecimal   available,
                                           DcaDecimal   hold,
                                           GError     **error);
GPtrArray        *dca_store_list_balances (DcaStore    *self,
                                           const char  *exchange,
                                           GError     **error);

/* ---- decisions, events, account snapshots ------------------------------- */

gint64     dca_store_insert_decision        (DcaStore                *self,
                                             DcaDecisionRecord       *decision,
                                             GError                 **error);
GPtrArray *dca_store_list_decisions         (DcaStore                *self,
                                             gint64                   bot_id,
                                             guint                    limit,
                                             GError                 **error);
gint64     dca_store_insert_event           (DcaStore                *self,
                                             DcaEventRecord          *event,
                                             GError                 **error);
/* Newest first. */
GPtrArray *dca_store_list_events            (DcaStore                *self,
                                             guint                    limit,
                                             GError                 **error);
/* Events with an id above after_id, oldest first: what a feed has not seen. */
GPtrArray *dca_store_list_events_since      (DcaStore                *self,
                                             gint64                   after_id,
                                             guint                    limit,
                                             GError                 **error);
gboolean   dca_store_insert_account_snapshot (DcaStore               *self,
                                              const char             *exchange,
                                              gint64                  time,
                                              const DcaSnapshotValue *values,
                                              guint                   n_values,
                                              GError                **error);
/* from <= time < to (to 0: no end), by time then currency. */
GPtrArray *dca_store_list_account_snapshots (DcaStore                *self,
                                             const char              *exchange,
                                             gint64                   from,
                                             gint64                   to,
                                             GError                 **error);

/* ---- small state -------------------------------------------------------- */

/* *value is NULL (and TRUE returned) when the key is not set. */
gboolean  dca_store_kv_get (DcaStore    *self,
                            const char  *key,
                            char       **value,
                            GError     **error);
/* value NULL removes the key. */
gboolean  dca_store_kv_set (DcaStore    *self,
                            const char  *key,
                            const char  *value,
                            GError     **error);

/* ---- diagnostics (tests, benchmarks) ------------------------------------ */

/* SQLite's plan, one step a line ("SEARCH deals USING INDEX ..."), for the
 * query dca_store_list_deals () runs with this filter. */
char       *dca_store_explain_list_deals (DcaStore            *self,
                                          const DcaDealFilter *filter,
                                          GError             **error);
/* The same for the store's fixed list queries, by name (see
 * dca_store_list_query_names ()). */
char       *dca_store_explain_query      (DcaStore            *self,
                                          const char          *name,
                                          GError             **error);
const char *const *dca_store_list_query_names (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaBotRecord, dca_bot_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaTemplateRecord, dca_template_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaDealRecord, dca_deal_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaOrderRecord, dca_order_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaFillRecord, dca_fill_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaBalanceRecord, dca_balance_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaDecisionRecord, dca_decision_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaEventRecord, dca_event_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaSnapshotRecord, dca_snapshot_record_free)

G_END_DECLS
