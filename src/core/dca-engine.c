/* dca-engine.c: runs the bots, on a worker thread, against an exchange
 *
 * One tick at market time t: for every bot that is due, pair by pair in the
 * order of its product_ids, push the candles that closed since the last
 * tick into the pair's signals and, when a new candle closed, evaluate the
 * pair once at the latest price: exits and safety orders of its open deal
 * (dca_deal_evaluate), else a new deal (dca_deal_plan_open).  That is the
 * backtester's step, so a replay equals a backtest of the same candles.
 *
 * Orders: the order row (and for a base order the deal) is committed before
 * the request is sent, with the market time of the decision as created_at;
 * fills are recorded from the exchange's fills, each in one transaction with
 * the deal's new state and its event.  A pair whose order is unsettled
 * (sent but not confirmed, or refused for a passing reason) is not evaluated
 * again until the order is settled.
 *
 * Crash recovery, before the first tick: every unsettled order is looked up
 * by its client order id; found, its fills are recorded; not found, it never
 * reached the exchange and is sent now (its decision was committed).  A
 * pair that already acted at the market time the engine resumes from is not
 * evaluated again at that time.
 */
#define G_LOG_DOMAIN "dca-engine"

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dca-bot.h"
#include "dca-conditions.h"
#include "dca-deal.h"
#include "dca-engine.h"
#include "dca-exchange.h"
#include "dca-json.h"
#include "dca-keyring.h"
#include "dca-analytics.h"
#include "dca-notifications.h"
#include "dca-portfolio.h"
#include "dca-replay-market.h"

G_DEFINE_QUARK (dca-engine-error-quark, dca_engine_error)

G_DEFINE_BOXED_TYPE (DcaEventRecord, dca_event_record, dca_event_record_copy,
                     dca_event_record_free)

DcaEventRecord *
dca_event_record_copy (const DcaEventRecord *event)
{
  DcaEventRecord *copy = g_memdup2 (event, sizeof *event);

  copy->type = g_strdup (event->type);
  copy->product_id = g_strdup (event->product_id);
  copy->level = g_strdup (event->level);
  copy->message = g_strdup (event->message);
  copy->data_json = g_strdup (event->data_json);
  return copy;
}

/* ---- run-time state ----------------------------------------------------- */

typedef struct
{
  char            *product_id;
  DcaTimeframe     tf;
  DcaCandleSeries *series;      /* closed candles fetched so far */
  guint64          fetched_tick;
  gboolean         failed;
} CandleCache;

typedef struct _BotRun BotRun;

typedef struct
{
  DcaDealRecord     *record;
  DcaDeal            deal;
  DcaStrategyConfig *config;    /* the snapshot the deal opened with */
  int                handles[DCA_N_PHASES];
} DealRun;

typedef struct
{
  BotRun      *bot;
  char        *product_id;
  DcaProduct  *product;
  CandleCache *cache;
  DcaSignals  *signals;
  int          handles[DCA_N_PHASES];
  gsize        pushed;          /* candles of cache->series pushed into signals */
  gint64       evaluated_close; /* close time of the newest candle evaluated */
  gint64       acted_at;        /* resumed: it already acted at this market time */
  DealRun     *deal;            /* the open deal, or NULL */
  gboolean     unsettled;       /* an order waits to be settled */
  gint64       retry_at;        /* monotonic clock (us) before which not to retry */
  guint        failures;
  DcaDealNote  last_note;
  char        *error;           /* the pair is stopped with this error */
} PairRun;

struct _BotRun
{
  DcaBotRecord *record;
  DcaBotConfig *config;
  GPtrArray    *pairs;          /* PairRun */
  gint64        next_check;
  guint         open_deals;
  DcaDecimal    spent_by_open;
};

struct _DcaEngine
{
  GObject            parent_instance;

  DcaEngineSettings  settings;
  GMainContext      *owner_context;
  GThread           *thread;
  gint               quit;        /* atomic */
  gint               reload;      /* atomic */
  guint              notify_in_app_mask; /* atomic: the notification types to store */
  gint64             last_snapshot;      /* market time of the last account snapshot */
  gboolean           snapshot_due;       /* a deal closed this tick */
  GMutex             requests_lock;
  GQueue             requests;    /* GTask: deal actions for the engine thread */

  GMutex             status_lock;
  DcaEngineStatus    status;

  /* the worker's own (or, with run_tick_here, the caller's) */
  GMainContext      *context;
  DcaStore          *store;
  DcaReplayMarket   *market;
  DcaExchange       *exchange;
  DcaPaperExchange  *paper;       /* the paper exchange under any test wrapper */
  GHashTable        *caches;      /* "PRODUCT/tf" -> CandleCache */
  GPtrArray         *bots;        /* BotRun */
  GHashTable        *balances;    /* currency -> DcaDecimal*, free to spend */
  gboolean           balances_valid;
  GHashTable        *prices;      /* product -> DcaDecimal*, this tick */
  guint64            tick;
  gint64             now;         /* market time of the tick */
  gint64             last_reload; /* wall clock */
  gboolean           in_batch;
};

G_DEFINE_FINAL_TYPE (DcaEngine, dca_engine, G_TYPE_OBJECT)

enum
{
  SIGNAL_EVENT,
  SIGNAL_NOTIFICATION,
  SIGNAL_STATUS_CHANGED,
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- settings and status ------------------------------------------------ */

void
dca_engine_settings_init (DcaEngineSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->exchange = g_strdup ("paper");
  settings->market = DCA_MARKET_REPLAY;
  settings->speed = 1;
  settings->live_tick_ms = 1000;
  dca_paper_settings_init (&settings->paper);
  dca_coinbase_settings_init (&settings->coinbase);
}

void
dca_engine_settings_clear (DcaEngineSettings *settings)
{
  g_clear_pointer (&settings->store_path, g_free);
  g_clear_pointer (&settings->exchange, g_free);
  g_clear_pointer (&settings->replay_dir, g_free);
  g_clear_pointer (&settings->key_file, g_free);
  dca_paper_settings_clear (&settings->paper);
  dca_coinbase_settings_clear (&settings->coinbase);
}

static void
settings_copy (const DcaEngineSettings *src,
               DcaEngineSettings       *dest)
{
  *dest = *src;
  dest->store_path = g_strdup (src->store_path);
  dest->exchange = g_strdup (src->exchange ? src->exchange : "paper");
  dest->replay_dir = g_strdup (src->replay_dir);
  dest->key_file = g_strdup (src->key_file);
  dest->coinbase.base_url = g_strdup (src->coinbase.base_url);
  dca_paper_settings_copy (&src->paper, &dest->paper);
}

/* The bundled replay market: DCADESK_MARKET_DIR, the source tree's when run
 * uninstalled, else the installed data. */
char *
dca_engine_default_replay_dir (void)
{
  const char *env = g_getenv ("DCADESK_MARKET_DIR");
  g_autofree char *source = NULL;

  if (env != NULL && *env)
    return g_strdup (env);
  source = g_build_filename (DCA_SOURCE_DATADIR, "market", NULL);
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, "market", NULL);
}

const char *
dca_engine_state_to_string (DcaEngineState state)
{
  switch (state)
    {
    case DCA_ENGINE_STOPPED: return "stopped";
    case DCA_ENGINE_STARTING: return "starting";
    case DCA_ENGINE_RUNNING: return "running";
    case DCA_ENGINE_FINISHED: return "finished";
    case DCA_ENGINE_FAILED: return "failed";
    default: return "unknown";
    }
}

void
dca_engine_status_free (DcaEngineStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->exchange);
  g_free (status->last_error);
  g_clear_pointer (&status->prices, g_hash_table_unref);
  g_free (status);
}

DcaEngineStatus *
dca_engine_get_status (DcaEngine *self)
{
  DcaEngineStatus *copy;

  g_return_val_if_fail (DCA_IS_ENGINE (self), NULL);
  g_mutex_lock (&self->status_lock);
  copy = g_memdup2 (&self->status, sizeof self->status);
  copy->exchange = g_strdup (self->status.exchange);
  copy->last_error = g_strdup (self->status.last_error);
  copy->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->status.prices);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy->prices, g_strdup (key), g_memdup2 (value, sizeof (DcaDecimal)));
  }
  g_mutex_unlock (&self->status_lock);
  return copy;
}

static gboolean
emit_status_changed (gpointer data)
{
  g_signal_emit (data, signals[SIGNAL_STATUS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
post_to_owner (DcaEngine   *self,
               GSourceFunc  func,
               gpointer     data,
               GDestroyNotify destroy)
{
  /* Always through a source: g_main_context_invoke () would run func right
   * here, on the engine's thread, whenever the owner's context happens not
   * to be running. */
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[dca-engine] to the owner");
  g_source_attach (source, self->owner_context);
  g_source_unref (source);
}

static void
set_state (DcaEngine      *self,
           DcaEngineState  state,
           const char     *error)
{
  g_mutex_lock (&self->status_lock);
  self->status.state = state;
  if (error != NULL)
    {
      g_free (self->status.last_error);
      self->status.last_error = g_strdup (error);
    }
  g_mutex_unlock (&self->status_lock);
  post_to_owner (self, emit_status_changed, g_object_ref (self), g_object_unref);
}

/* ---- events ------------------------------------------------------------- */

typedef struct
{
  DcaEngine       *engine;
  DcaEventRecord  *event;
  DcaNotification *notification; /* NULL: the event is not one */
} EventDelivery;

static void
event_delivery_free (gpointer data)
{
  EventDelivery *d = data;

  g_object_unref (d->engine);
  dca_event_record_free (d->event);
  dca_notification_free (d->notification);
  g_free (d);
}

static gboolean
deliver_event (gpointer data)
{
  EventDelivery *d = data;

  g_signal_emit (d->engine, signals[SIGNAL_EVENT], 0, d->event);
  if (d->notification != NULL)
    g_signal_emit (d->engine, signals[SIGNAL_NOTIFICATION], 0, d->notification);
  return G_SOURCE_REMOVE;
}

static void
deliver (DcaEngine            *self,
         const DcaEventRecord *event,
         DcaNotification      *notification) /* taken */
{
  EventDelivery *d = g_new0 (EventDelivery, 1);

  d->engine = g_object_ref (self);
  d->event = dca_event_record_copy (event);
  d->notification = notification;
  post_to_owner (self, deliver_event, d, event_delivery_free);
}

/* Stores the event (in the caller's transaction when there is one) and
 * hands it to the subscribers.  `data` is a finished JSON object or NULL. */
static void
emit_event (DcaEngine  *self,
            const char *type,
            const char *level,
            gint64      bot_id,
            gint64      deal_id,
            const char *product_id,
            char       *message, /* taken */
            char       *data)    /* taken */
{
  g_autoptr(GError) error = NULL;
  DcaEventRecord event = { 0 };
  DcaNotification *notification;
  gint64 id;

  event.time = self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
  event.type = (char *) type;
  event.level = (char *) (level ? level : "info");
  event.bot_id = bot_id;
  event.deal_id = deal_id;
  event.product_id = (char *) product_id;
  event.message = message;
  event.data_json = data;
  /* the event and the notification it makes (when the in-app center wants
   * its type) in one transaction, nested in the caller's when there is one */
  notification = dca_notification_from_event (&event);
  if (self->store != NULL && dca_store_begin (self->store, &error))
    {
      if ((id = dca_store_insert_event (self->store, &event, &error)) > 0)
        {
          event.id = id;
          if (notification != NULL)
            notification->event_id = id;
        }
      else
        g_warning ("could not store the event “%s”: %s", message, error->message);
      g_clear_error (&error);
      if (notification != NULL &&
          (g_atomic_int_get (&self->notify_in_app_mask) & DCA_NOTIFICATION_MASK (notification->type)) &&
          dca_notifications_insert (self->store, notification, &error) <= 0)
        g_warning ("could not store the notification “%s”: %s", notification->title, error->message);
      g_clear_error (&error);
      if (!dca_store_commit (self->store, &error))
        g_warning ("could not store the event “%s”: %s", message, error->message);
    }
  else if (self->store != NULL)
    g_warning ("could not store the event “%s”: %s", message, error->message);
  deliver (self, &event, notification);
  g_free (message);
  g_free (data);
}

static void
engine_error (DcaEngine  *self,
              const char *message)
{
  g_mutex_lock (&self->status_lock);
  g_free (self->status.last_error);
  self->status.last_error = g_strdup (message);
  g_mutex_unlock (&self->status_lock);
  emit_event (self, "engine-error", "error", 0, 0, NULL, g_strdup (message), NULL);
}

void
dca_engine_set_notification_types (DcaEngine *self,
                                   guint      in_app_mask)
{
  g_return_if_fail (DCA_IS_ENGINE (self));
  g_atomic_int_set (&self->notify_in_app_mask, in_app_mask);
}

/* ---- batches of small writes -------------------------------------------- */

/* Decisions and trailing state of the evaluations that send nothing go into
 * one transaction per tick; it is committed before any order goes out, so
 * no exchange call ever waits on our write lock. */
static gboolean
batch_begin (DcaEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (self->in_batch)
    return TRUE;
  if (!dca_store_begin (self->store, &error))
    {
      engine_error (self, error->message);
      return FALSE;
    }
  self->in_batch = TRUE;
  return TRUE;
}

static gboolean
batch_commit (DcaEngine *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->in_batch)
    return TRUE;
  self->in_batch = FALSE;
  if (!dca_store_commit (self->store, &error))
    {
      dca_store_rollback (self->store);
      engine_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Live market data comes over the network: the batch's write lock is not
 * held meanwhile (the window may want to write).  The replay answers at
 * once from memory. */
static void
network_ahead (DcaEngine *self)
{
  if (self->market == NULL)
    batch_commit (self);
}

static void
log_decision (DcaEngine  *self,
              PairRun    *pr,
              const char *action,
              const char *reason,
              char       *detail) /* taken */
{
  g_autoptr(GError) error = NULL;
  DcaDecisionRecord d = { 0 };

  d.time = self->now;
  d.bot_id = pr->bot->record->id;
  d.deal_id = pr->deal ? pr->deal->record->id : 0;
  d.product_id = pr->product_id;
  d.action = (char *) action;
  d.reason = (char *) reason;
  d.detail = detail;
  if (dca_store_insert_decision (self->store, &d, &error) <= 0)
    g_warning ("could not log a decision: %s", error->message);
  g_free (detail);
}

/* ---- helpers ------------------------------------------------------------ */

static char *
dec (DcaDecimal d)
{
  return dca_decimal_to_string (d);
}

static DcaDecimal
balance_of (DcaEngine  *self,
            const char *currency)
{
  DcaDecimal *v = g_hash_table_lookup (self->balances, currency);

  return v != NULL ? *v : dca_decimal_zero ();
}

static void
balance_add (DcaEngine  *self,
             const char *currency,
             DcaDecimal  delta)
{
  DcaDecimal *v = g_hash_table_lookup (self->balances, currency);

  if (v == NULL)
    {
      v = g_new0 (DcaDecimal, 1);
      g_hash_table_insert (self->balances, g_strdup (currency), v);
    }
  *v = dca_decimal_add (*v, delta);
}

/* The exchange's balances, once per tick (and after a failed order). */
static gboolean
refresh_balances (DcaEngine *self,
                  GError   **error)
{
  g_autoptr(GPtrArray) list = NULL;

  if (self->balances_valid)
    return TRUE;
  network_ahead (self);
  list = dca_exchange_list_balances_sync (self->exchange, NULL, error);
  if (list == NULL)
    return FALSE;
  g_hash_table_remove_all (self->balances);
  for (guint i = 0; i < list->len; i++)
    {
      DcaBalance *b = g_ptr_array_index (list, i);

      g_hash_table_insert (self->balances, g_strdup (b->currency),
                           g_memdup2 (&b->available, sizeof b->available));
      /* a real exchange's balances: the store keeps a copy for the window */
      if (self->paper == NULL && batch_begin (self))
        dca_store_set_balance (self->store, dca_exchange_get_id (self->exchange), b->currency,
                               b->available, b->hold, NULL);
    }
  self->balances_valid = TRUE;
  return TRUE;
}

static gboolean
price_of (DcaEngine  *self,
          const char *product_id,
          DcaDecimal *price,
          GError    **error)
{
  DcaDecimal *cached = g_hash_table_lookup (self->prices, product_id);
  g_autoptr(DcaTicker) ticker = NULL;

  if (cached != NULL)
    {
      *price = *cached;
      return TRUE;
    }
  network_ahead (self);
  ticker = dca_exchange_get_ticker_sync (self->exchange, product_id, NULL, error);
  if (ticker == NULL)
    return FALSE;
  *price = ticker->price;
  g_hash_table_insert (self->prices, g_strdup (product_id),
                       g_memdup2 (&ticker->price, sizeof ticker->price));
  return TRUE;
}

static void
candle_cache_free (CandleCache *c)
{
  g_free (c->product_id);
  g_clear_pointer (&c->series, dca_candle_series_free);
  g_free (c);
}

static void
deal_run_free (DealRun *dr)
{
  if (dr == NULL)
    return;
  dca_deal_record_free (dr->record);
  g_clear_pointer (&dr->config, dca_strategy_config_unref);
  g_free (dr);
}

static void
pair_run_free (PairRun *pr)
{
  g_free (pr->product_id);
  g_clear_pointer (&pr->product, dca_product_free);
  g_clear_pointer (&pr->signals, dca_signals_free);
  g_clear_pointer (&pr->deal, deal_run_free);
  g_free (pr->error);
  g_free (pr);
}

static void
bot_run_free (BotRun *br)
{
  dca_bot_record_free (br->record);
  g_clear_pointer (&br->config, dca_bot_config_free);
  g_clear_pointer (&br->pairs, g_ptr_array_unref);
  g_free (br);
}

/* The candles a pair is evaluated on: in replay, the coarsest series the
 * data has that is not longer than the check interval (else its finest);
 * live, the longest exchange granularity within the check interval. */
static DcaTimeframe
choose_timeframe (DcaEngine  *self,
                  const char *product_id,
                  gint64      interval)
{
  DcaTimeframe best = DCA_TIMEFRAME_INVALID, finest = DCA_TIMEFRAME_INVALID;

  for (DcaTimeframe tf = DCA_TIMEFRAME_ONE_MINUTE; tf <= DCA_TIMEFRAME_ONE_DAY; tf++)
    {
      gboolean have = self->market == NULL ||
                      dca_replay_market_get_series (self->market, product_id, tf) != NULL;

      if (!have)
        continue;
      if (finest == DCA_TIMEFRAME_INVALID)
        finest = tf;
      if (dca_timeframe_seconds (tf) <= interval)
        best = tf;
    }
  return best != DCA_TIMEFRAME_INVALID ? best : finest;
}

static CandleCache *
get_cache (DcaEngine   *self,
           const char  *product_id,
           DcaTimeframe tf)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", product_id, dca_timeframe_short_name (tf));
  CandleCache *c = g_hash_table_lookup (self->caches, key);

  if (c == NULL)
    {
      c = g_new0 (CandleCache, 1);
      c->product_id = g_strdup (product_id);
      c->tf = tf;
      c->series = dca_candle_series_new ();
      c->series->granularity = dca_timeframe_seconds (tf);
      c->fetched_tick = G_MAXUINT64;
      g_hash_table_insert (self->caches, g_steal_pointer (&key), c);
    }
  return c;
}

/* Brings the cache up to the tick: the candles closed since the last fetch.
 * History for a new cache: in replay from the start of the data, so the
 * indicators are the backtest's; live, several warm-ups' worth. */
static gboolean
refresh_cache (DcaEngine   *self,
               CandleCache *c,
               guint        warmup,
               GError     **error)
{
  gint64 gran = dca_timeframe_seconds (c->tf);
  gint64 start;
  g_autoptr(DcaCandleSeries) fresh = NULL;

  if (c->fetched_tick == self->tick)
    return TRUE;
  if (c->series->len > 0)
    start = c->series->candles[c->series->len - 1].time + gran;
  else if (self->market != NULL)
    start = dca_replay_market_get_start_time (self->market) - 2 * gran;
  else
    start = self->now - (gint64) MAX (warmup * 3, 300) * gran;
  if (start + gran > self->now)
    {
      c->fetched_tick = self->tick;
      return TRUE;
    }
  network_ahead (self);
  fresh = dca_exchange_get_candles_sync (self->exchange, c->product_id, c->tf, MAX (start, 0),
                                         self->now + 1, NULL, error);
  if (fresh == NULL)
    return FALSE;
  for (gsize i = 0; i < fresh->len; i++)
    if (c->series->len == 0 || fresh->candles[i].time > c->series->candles[c->series->len - 1].time)
      dca_candle_series_append (c->series, &fresh->candles[i]);
  c->fetched_tick = self->tick;
  return TRUE;
}

static gboolean
deal_conditions (gpointer          user_data,
                 DcaConditionPhase phase)
{
  PairRun *pr = user_data;
  const int *handles = pr->deal != NULL ? pr->deal->handles : pr->handles;

  if (pr->signals == NULL)
    return TRUE;
  return dca_signals_eval (pr->signals, handles[phase]);
}

static gboolean
bind_config (PairRun                 *pr,
             const DcaStrategyConfig *config,
             int                     *handles,
             GError                 **error)
{
  for (guint p = 0; p < DCA_N_PHASES; p++)
    {
      handles[p] = dca_signals_bind (pr->signals, config->conditions[p], error);
      if (handles[p] < 0)
        return FALSE;
    }
  return TRUE;
}

/* ---- loading bots and deals --------------------------------------------- */

static DealRun *
load_deal (DcaEngine     *self,
           PairRun       *pr,
           DcaDealRecord *record, /* taken */
           GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  DealRun *dr = g_new0 (DealRun, 1);
  DcaStrategyType type = pr->bot->config->strategy_type;

  dr->record = record;
  dca_deal_init (&dr->deal);
  dr->deal.state = record->state;
  node = dca_json_parse (record->config_snapshot_json, -1, error);
  if (node != NULL)
    dr->config = dca_strategy_config_parse (type, node, error);
  if (dr->config == NULL)
    {
      g_prefix_error (error, "deal %" G_GINT64_FORMAT ": its configuration: ", record->id);
      deal_run_free (dr);
      return NULL;
    }
  if (pr->signals != NULL && !bind_config (pr, dr->config, dr->handles, error))
    {
      deal_run_free (dr);
      return NULL;
    }
  return dr;
}

/* Whether the pair already acted at market time t (a resumed tick). */
static gint64
pair_acted_at (DcaEngine *self,
               PairRun   *pr,
               gint64     t)
{
  DcaDealFilter f = { 0 };
  g_autoptr(GPtrArray) deals = NULL;

  f.bot_id = pr->bot->record->id;
  f.product_id = pr->product_id;
  f.sort = DCA_DEAL_SORT_OPENED;
  f.limit = 1;
  deals = dca_store_list_deals (self->store, &f, NULL);
  if (deals != NULL && deals->len > 0)
    {
      DcaDealRecord *d = g_ptr_array_index (deals, 0);
      g_autoptr(GPtrArray) orders = NULL;

      if (d->state.opened_at == t || d->state.closed_at == t)
        return t;
      orders = dca_store_list_orders_of_deal (self->store, d->id, NULL);
      for (guint i = 0; orders != NULL && i < orders->len; i++)
        if (((DcaOrderRecord *) g_ptr_array_index (orders, i))->created_at == t)
          return t;
    }
  return 0;
}

static BotRun *
load_bot (DcaEngine    *self,
          DcaBotRecord *record, /* taken */
          GError      **error)
{
  BotRun *br = g_new0 (BotRun, 1);

  br->record = record;
  br->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_run_free);
  br->config = dca_bot_config_from_record (record, error);
  if (br->config == NULL)
    {
      bot_run_free (br);
      return NULL;
    }
  for (guint i = 0; br->config->product_ids[i]; i++)
    {
      PairRun *pr = g_new0 (PairRun, 1);
      DcaTimeframe tf = choose_timeframe (self, br->config->product_ids[i],
                                          br->config->check_interval_seconds);
      DcaDealFilter f = { 0 };
      g_autoptr(GPtrArray) open = NULL;
      g_autoptr(GError) local_error = NULL;

      pr->bot = br;
      pr->product_id = g_strdup (br->config->product_ids[i]);
      pr->last_note = DCA_NOTE_NONE;
      g_ptr_array_add (br->pairs, pr);

      if (tf == DCA_TIMEFRAME_INVALID)
        {
          pr->error = g_strdup_printf ("%s: the market has no candles for this pair", pr->product_id);
          continue;
        }
      pr->cache = get_cache (self, pr->product_id, tf);
      /* a deal opened under an older configuration may have conditions the
       * bot's present one has not: every pair keeps signals */
      pr->signals = dca_signals_new (tf);
      if (!bind_config (pr, br->config->config, pr->handles, &local_error))
        {
          pr->error = g_strdup_printf ("%s: %s", pr->product_id, local_error->message);
          continue;
        }

      f.bot_id = record->id;
      f.product_id = pr->product_id;
      f.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
      open = dca_store_list_deals (self->store, &f, &local_error);
      if (open == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          bot_run_free (br);
          return NULL;
        }
      if (open->len > 0)
        {
          DcaDealRecord *d = g_ptr_array_steal_index (open, 0);

          pr->deal = load_deal (self, pr, d, &local_error);
          if (pr->deal == NULL)
            {
              pr->error = g_strdup (local_error->message);
              continue;
            }
          br->open_deals++;
          br->spent_by_open = dca_decimal_add (br->spent_by_open, pr->deal->deal.state.quote_spent);
        }
      pr->acted_at = pair_acted_at (self, pr, self->now);
    }
  return br;
}

static void
load_bots (DcaEngine *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = dca_store_list_bots (self->store, &error);
  const char *exchange_id = dca_exchange_get_id (self->exchange);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->bots);

  self->bots = g_ptr_array_new_with_free_func ((GDestroyNotify) bot_run_free);
  self->last_reload = g_get_monotonic_time () / G_USEC_PER_SEC;
  if (records == NULL)
    {
      engine_error (self, error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      DcaBotRecord *r = g_ptr_array_index (records, i);
      BotRun *prev = NULL;
      BotRun *br;

      if (g_strcmp0 (r->exchange ? r->exchange : "paper", exchange_id) != 0)
        continue;
      if (!r->running && dca_store_count_open_deals (self->store, r->id, NULL) <= 0)
        {
          /* a bot that was running a moment ago stopped */
          for (guint j = 0; old != NULL && j < old->len; j++)
            if (((BotRun *) g_ptr_array_index (old, j))->record->id == r->id)
              emit_event (self, "bot-stopped", "info", r->id, 0, NULL,
                          g_strdup_printf ("“%s” stopped", r->name), NULL);
          continue;
        }

      for (guint j = 0; old != NULL && j < old->len; j++)
        if (((BotRun *) g_ptr_array_index (old, j))->record->id == r->id)
          prev = g_ptr_array_index (old, j);
      if (prev != NULL && prev->record->updated_at == r->updated_at &&
          prev->record->running == r->running)
        {
          /* unchanged: keep its signals, caches and deals */
          guint index = 0;

          g_ptr_array_find (old, prev, &index);
          g_ptr_array_add (self->bots, g_ptr_array_steal_index (old, index));
          continue;
        }

      br = load_bot (self, dca_bot_record_copy (r), &error);
      if (br == NULL)
        {
          emit_event (self, "bot-error", "error", r->id, 0, NULL,
                      g_strdup_printf ("“%s” cannot run: %s", r->name, error->message), NULL);
          g_clear_error (&error);
          continue;
        }
      if (prev == NULL || prev->record->running != r->running)
        emit_event (self, r->running ? "bot-started" : "bot-stopped", "info", r->id, 0, NULL,
                    g_strdup_printf (r->running ? "“%s” started" : "“%s” stopped (it still manages its open deals)",
                                     r->name), NULL);
      for (guint j = 0; j < br->pairs->len; j++)
        {
          PairRun *pr = g_ptr_array_index (br->pairs, j);

          if (pr->error != NULL)
            emit_event (self, "bot-error", "error", r->id, 0, pr->product_id,
                        br->pairs->len > 1
                        ? g_strdup_printf ("“%s”, %s; it skips this pair, its other pairs go on",
                                           r->name, pr->error)
                        : g_strdup_printf ("“%s”, %s; it trades nothing until this is fixed",
                                           r->name, pr->error), NULL);
        }
      g_ptr_array_add (self->bots, br);
    }
}

/* Crash tests: DCADESK_FAILPOINT=before-send:N, after-send:N or
 * after-fill:N ends the process abruptly (as kill -9 would) at the Nth
 * order's step of that name.  Unset, it costs one comparison. */
typedef enum
{
  FAILPOINT_NONE,
  FAILPOINT_BEFORE_SEND,
  FAILPOINT_AFTER_SEND,
  FAILPOINT_AFTER_FILL,
} Failpoint;

static Failpoint failpoint_kind = FAILPOINT_NONE;
static guint     failpoint_count;

static void
failpoint_init (void)
{
  const char *spec = g_getenv ("DCADESK_FAILPOINT");
  static const char *const names[] = { NULL, "before-send:", "after-send:", "after-fill:" };

  for (guint i = 1; spec != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (spec, names[i]))
      {
        failpoint_kind = (Failpoint) i;
        failpoint_count = (guint) g_ascii_strtoull (spec + strlen (names[i]), NULL, 10);
      }
}

static void
failpoint (Failpoint kind)
{
  if (G_LIKELY (failpoint_kind != kind))
    return;
  if (failpoint_count <= 1)
    _exit (137);
  failpoint_count--;
}

/* ---- orders and fills --------------------------------------------------- */

static char *
fill_event_data (PairRun       *pr,
                 DealRun       *dr,
                 const DcaFill *fill,
                 guint          so_index)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  const DcaDealState *s = &dr->deal.state;

  dca_json_begin_object (w);
  dca_json_member_string (w, "bot_name", pr->bot->record->name);
  dca_json_member_string (w, "product_id", pr->product_id);
  dca_json_member_string (w, "quote_currency", pr->bot->record->quote_currency);
  dca_json_member_string (w, "kind", dca_order_kind_to_string (fill->kind));
  dca_json_member_decimal_number (w, "price", fill->price);
  dca_json_member_decimal_number (w, "base", fill->base);
  dca_json_member_decimal_number (w, "quote", fill->quote);
  dca_json_member_decimal_number (w, "fee", fill->fee);
  if (so_index > 0)
    {
      dca_json_member_int (w, "safety_order", so_index);
      dca_json_member_int (w, "max_safety_orders", dr->config->max_safety_orders);
    }
  dca_json_member_decimal_number (w, "average_price", dca_deal_state_average_price (s));
  dca_json_member_decimal_number (w, "quote_spent", s->quote_spent);
  if (s->status == DCA_DEAL_STATUS_CLOSED)
    {
      dca_json_member_string (w, "close_reason", dca_close_reason_to_string (s->close_reason));
      dca_json_member_decimal_number (w, "profit", dca_deal_state_profit (s));
      dca_json_member_decimal_number (w, "profit_percentage", dca_deal_state_profit_percentage (s));
      dca_json_member_int (w, "duration_seconds", s->closed_at - s->opened_at);
    }
  dca_json_end_object (w);
  return dca_json_writer_steal (w);
}

/* The events of one recorded fill; inside the fill's transaction. */
static void
fill_events (DcaEngine     *self,
             PairRun       *pr,
             DealRun       *dr,
             const DcaFill *fill,
             guint          so_index)
{
  const DcaDealState *s = &dr->deal.state;
  const char *bot = pr->bot->record->name;
  const char *q = pr->bot->record->quote_currency;
  gint64 bot_id = pr->bot->record->id, deal_id = dr->record->id;
  g_autofree char *price = dec (fill->price);
  g_autofree char *quote = dec (fill->quote);
  g_autofree char *avg = dec (dca_deal_state_average_price (s));

  switch (fill->kind)
    {
    case DCA_ORDER_KIND_BASE:
      emit_event (self, "deal-opened", "info", bot_id, deal_id, pr->product_id,
                  g_strdup_printf ("%s opened a deal on %s: %s %s at %s", bot, pr->product_id,
                                   quote, q, price),
                  fill_event_data (pr, dr, fill, 0));
      break;
    case DCA_ORDER_KIND_SAFETY:
      emit_event (self, "safety-order-filled", "info", bot_id, deal_id, pr->product_id,
                  g_strdup_printf ("%s, %s: safety order %u of %u filled at %s; average price now %s",
                                   bot, pr->product_id, so_index, dr->config->max_safety_orders,
                                   price, avg),
                  fill_event_data (pr, dr, fill, so_index));
      break;
    case DCA_ORDER_KIND_EXIT:
    case DCA_ORDER_KIND_MANUAL:
      if (fill->kind == DCA_ORDER_KIND_MANUAL && fill->side == DCA_SIDE_BUY)
        {
          emit_event (self, "funds-added", "info", bot_id, deal_id, pr->product_id,
                      g_strdup_printf ("%s, %s: %s %s added at %s; average price now %s", bot, pr->product_id,
                                       quote, q, price, avg),
                      fill_event_data (pr, dr, fill, 0));
          break;
        }
      if (s->status == DCA_DEAL_STATUS_CLOSED)
        {
          g_autofree char *profit = dec (dca_deal_state_profit (s));
          g_autofree char *pct = dca_decimal_to_string_places (dca_deal_state_profit_percentage (s), 2);
          const char *type = NULL;
          const char *what = NULL;

          switch (s->close_reason)
            {
            case DCA_CLOSE_REASON_TAKE_PROFIT:
            case DCA_CLOSE_REASON_CONDITIONS:
              type = "take-profit", what = "take profit";
              break;
            case DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT:
              type = "trailing-take-profit", what = "trailing take profit";
              break;
            case DCA_CLOSE_REASON_STOP_LOSS:
            case DCA_CLOSE_REASON_TRAILING_STOP_LOSS:
              type = "stop-loss", what = s->close_reason == DCA_CLOSE_REASON_STOP_LOSS
                                         ? "stop loss" : "trailing stop loss";
              break;
            case DCA_CLOSE_REASON_NONE:
            case DCA_CLOSE_REASON_MANUAL:
            default:
              break;
            }
          if (type != NULL)
            emit_event (self, type, strcmp (type, "stop-loss") == 0 ? "warning" : "info", bot_id,
                        deal_id, pr->product_id,
                        g_strdup_printf ("%s, %s: %s hit at %s", bot, pr->product_id, what, price),
                        fill_event_data (pr, dr, fill, 0));
          emit_event (self, "deal-closed", "info", bot_id, deal_id, pr->product_id,
                      g_strdup_printf ("%s closed its deal on %s: profit %s %s (%s %%)", bot,
                                       pr->product_id, profit, q, pct),
                      fill_event_data (pr, dr, fill, 0));
        }
      break;
    default:
      break;
    }
}

static void
deal_closed (DcaEngine *self,
             PairRun   *pr)
{
  BotRun *br = pr->bot;

  br->open_deals--;
  br->spent_by_open = dca_decimal_sub (br->spent_by_open, pr->deal->deal.state.quote_spent);
  if (dca_decimal_sign (br->spent_by_open) < 0)
    br->spent_by_open = dca_decimal_zero ();
  g_clear_pointer (&pr->deal, deal_run_free);
}

/* Records the fills the exchange reports for an order of ours, each with the
 * deal's new state, in one transaction with its events. */
static gboolean
settle_order (DcaEngine              *self,
              PairRun                *pr,
              DcaOrderRecord         *order,
              const DcaExchangeOrder *xo,
              GError                **error)
{
  DealRun *dr = pr->deal;
  g_autoptr(GPtrArray) fills = NULL;
  gboolean done = xo->status == DCA_ORDER_STATUS_FILLED || xo->status == DCA_ORDER_STATUS_CANCELLED ||
                  xo->status == DCA_ORDER_STATUS_FAILED;
  char *base = NULL, *quote = NULL;

  if (order->exchange_order_id == NULL && xo->order_id != NULL &&
      !dca_store_set_order_exchange_id (self->store, order->id, xo->order_id, error))
    return FALSE;

  if (dca_decimal_sign (xo->filled_base) > 0)
    {
      fills = dca_exchange_list_fills_sync (self->exchange, xo->order_id, NULL, error);
      if (fills == NULL)
        return FALSE;
    }
  dca_product_id_split (pr->product_id, &base, &quote);

  for (guint i = 0; fills != NULL && i < fills->len; i++)
    {
      DcaExchangeFill *xf = g_ptr_array_index (fills, i);
      DcaFill fill = xf->fill;
      DcaDeal next = dr->deal;
      g_autoptr(GError) local_error = NULL;
      gboolean last = i + 1 == fills->len;

      fill.kind = order->kind;
      fill.side = order->side;
      dca_deal_apply_fill (&next, &fill, order->so_index);
      if (fill.side == DCA_SIDE_SELL && dca_decimal_sign (dca_deal_state_base_held (&next.state)) <= 0)
        dca_deal_close (&next, next.state.close_reason != DCA_CLOSE_REASON_NONE
                               ? next.state.close_reason : DCA_CLOSE_REASON_MANUAL, fill.time);

      if (!dca_store_begin (self->store, error))
        goto fail;
      if (!dca_store_record_fill (self->store, order->id, xf->trade_id, &fill, &next.state,
                                  done && last, &local_error))
        {
          dca_store_rollback (self->store);
          if (g_error_matches (local_error, DCA_STORE_ERROR, DCA_STORE_ERROR_DUPLICATE_FILL))
            continue; /* recorded before a restart: the deal's state has it */
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      dr->deal = next;
      dr->record->state = next.state;
      fill_events (self, pr, dr, &fill, order->so_index);
      if (!dca_store_commit (self->store, error))
        {
          dca_store_rollback (self->store);
          goto fail;
        }
      failpoint (FAILPOINT_AFTER_FILL);

      /* the free balance, as the exchange will report it */
      if (fill.side == DCA_SIDE_BUY)
        {
          balance_add (self, quote, dca_decimal_neg (fill.quote));
          balance_add (self, base, fill.base);
          pr->bot->spent_by_open = dca_decimal_add (pr->bot->spent_by_open, fill.quote);
        }
      else
        {
          balance_add (self, quote, fill.quote);
          balance_add (self, base, dca_decimal_neg (fill.base));
        }
    }

  if (done && (fills == NULL || fills->len == 0))
    {
      DcaOrderStatus st = xo->status;

      if (!dca_store_set_order_status (self->store, order->id, st, error))
        goto fail;
      if (st == DCA_ORDER_STATUS_FAILED && xo->reject_reason != NULL)
        dca_store_set_order_error (self->store, order->id, xo->reject_reason, NULL);
    }
  if (dr->deal.state.status == DCA_DEAL_STATUS_CLOSED)
    {
      deal_closed (self, pr);
      self->snapshot_due = TRUE;
    }
  g_free (base);
  g_free (quote);
  return TRUE;

fail:
  g_free (base);
  g_free (quote);
  return FALSE;
}

/* An order the exchange refused for good: recorded on the order, the deal
 * and in an event; a deal that never bought anything is cancelled. */
static void
order_failed (DcaEngine      *self,
              PairRun        *pr,
              DcaOrderRecord *order,
              const GError   *why)
{
  DealRun *dr = pr->deal;
  g_autofree char *message = g_strdup_printf ("%s, %s: %s order refused: %s",
                                              pr->bot->record->name, pr->product_id,
                                              dca_order_kind_to_string (order->kind), why->message);

  dca_store_begin (self->store, NULL);
  dca_store_set_order_status (self->store, order->id, DCA_ORDER_STATUS_FAILED, NULL);
  dca_store_set_order_error (self->store, order->id, why->message, NULL);
  if (dr != NULL)
    {
      dca_store_set_deal_last_error (self->store, dr->record->id, why->message, NULL);
      if (order->kind == DCA_ORDER_KIND_EXIT)
        {
          /* the exit did not happen: forget its reason, try again next time */
          dr->deal.state.close_reason = DCA_CLOSE_REASON_NONE;
          dca_store_update_deal_state (self->store, dr->record->id, &dr->deal.state, NULL);
        }
      if (dca_decimal_is_zero (dr->deal.state.quote_spent))
        {
          DcaDealState s = dr->deal.state;

          s.status = DCA_DEAL_STATUS_CANCELLED;
          s.closed_at = self->now;
          dca_store_update_deal_state (self->store, dr->record->id, &s, NULL);
          dr->deal.state = s;
        }
    }
  emit_event (self, "order-failed", "error", pr->bot->record->id, dr ? dr->record->id : 0,
              pr->product_id, g_steal_pointer (&message), NULL);
  dca_store_commit (self->store, NULL);
  if (dr != NULL && dr->deal.state.status == DCA_DEAL_STATUS_CANCELLED)
    {
      pr->bot->open_deals--;
      g_clear_pointer (&pr->deal, deal_run_free);
    }
  self->balances_valid = FALSE;
}

static void
order_postponed (DcaEngine    *self,
                 PairRun      *pr,
                 const GError *why)
{
  gint64 wait_ms = dca_exchange_error_get_retry_after (why);
  gint64 wait;

  pr->unsettled = TRUE;
  pr->failures = MIN (pr->failures + 1, 10);
  if (wait_ms <= 0)
    wait_ms = ((gint64) 1 << MIN (pr->failures, 8)) * 1000; /* 2 s .. 256 s */
  pr->retry_at = g_get_monotonic_time () + wait_ms * 1000;
  wait = (wait_ms + 999) / 1000;
  if (pr->failures == 1)
    emit_event (self, "bot-error", "warning", pr->bot->record->id, pr->deal ? pr->deal->record->id : 0,
                pr->product_id,
                g_strdup_printf ("%s, %s: %s; trying again in %" G_GINT64_FORMAT " s",
                                 pr->bot->record->name, pr->product_id, why->message, wait),
                NULL);
}

/* Sends an order that is recorded (status pending) and settles it. */
static gboolean
send_order (DcaEngine      *self,
            PairRun        *pr,
            DcaOrderRecord *order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaExchangeOrder) xo = NULL;
  DcaOrderRequest req = { 0 };

  req.client_order_id = order->client_order_id;
  req.product_id = pr->product_id;
  req.side = order->side;
  req.type = order->type;
  req.quote_size = order->quote_size;
  req.base_size = order->base_size;
  req.limit_price = order->limit_price;
  req.post_only = order->post_only;

  failpoint (FAILPOINT_BEFORE_SEND);
  xo = dca_exchange_place_order_sync (self->exchange, &req, NULL, &error);
  failpoint (FAILPOINT_AFTER_SEND);
  if (xo == NULL)
    {
      if (dca_exchange_error_is_transient (error))
        order_postponed (self, pr, error);
      else
        order_failed (self, pr, order, error);
      return FALSE;
    }
  if (xo->status == DCA_ORDER_STATUS_FAILED)
    {
      g_autoptr(GError) why = g_error_new (DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_INVALID_ORDER, "%s",
                                           xo->reject_reason ? xo->reject_reason : "refused");

      order_failed (self, pr, order, why);
      return FALSE;
    }
  if (!settle_order (self, pr, order, xo, &error))
    {
      order_postponed (self, pr, error);
      return FALSE;
    }
  pr->failures = 0;
  pr->unsettled = xo->status == DCA_ORDER_STATUS_OPEN;
  return TRUE;
}

/* Settles what a crash or a passing error left: each unsettled order of the
 * pair is looked up by its client order id; an order the exchange never saw
 * is sent now. */
static gboolean
settle_pair (DcaEngine *self,
             PairRun   *pr)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  if (pr->deal == NULL)
    {
      pr->unsettled = FALSE;
      return TRUE;
    }
  if (g_get_monotonic_time () < pr->retry_at)
    return FALSE;
  orders = dca_store_list_orders_of_deal (self->store, pr->deal->record->id, &error);
  if (orders == NULL)
    return FALSE;
  for (guint i = 0; i < orders->len && pr->deal != NULL; i++)
    {
      DcaOrderRecord *o = g_ptr_array_index (orders, i);
      g_autoptr(DcaExchangeOrder) xo = NULL;
      g_autoptr(GError) local_error = NULL;

      if (o->status != DCA_ORDER_STATUS_PENDING && o->status != DCA_ORDER_STATUS_OPEN)
        continue;
      xo = dca_exchange_get_order_sync (self->exchange, o->exchange_order_id, o->client_order_id,
                                        NULL, &local_error);
      if (xo == NULL && g_error_matches (local_error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NOT_FOUND))
        {
          if (!send_order (self, pr, o))
            return FALSE;
          continue;
        }
      if (xo == NULL)
        {
          order_postponed (self, pr, local_error);
          return FALSE;
        }
      if (!settle_order (self, pr, o, xo, &local_error))
        {
          order_postponed (self, pr, local_error);
          return FALSE;
        }
      if (xo->status == DCA_ORDER_STATUS_OPEN)
        return FALSE; /* a resting limit order: wait for it */
    }
  pr->unsettled = FALSE;
  pr->failures = 0;
  return TRUE;
}

static DcaOrderRecord *
new_order (DcaEngine    *self,
           DealRun      *dr,
           DcaOrderKind  kind,
           DcaSide       side,
           guint         so_index)
{
  DcaOrderRecord *o = dca_order_record_new ();

  o->deal_id = dr->record->id;
  o->kind = kind;
  o->side = side;
  o->type = DCA_ORDER_TYPE_MARKET;
  o->status = DCA_ORDER_STATUS_PENDING;
  o->so_index = so_index;
  o->created_at = self->now;
  return o;
}

/* ---- one evaluation ----------------------------------------------------- */

static void
note_decision (DcaEngine   *self,
               PairRun     *pr,
               DcaDealNote  note)
{
  if (note == pr->last_note)
    return;
  pr->last_note = note;
  if (note == DCA_NOTE_NONE || !batch_begin (self))
    return;
  log_decision (self, pr, note == DCA_NOTE_TRAILING_STARTED ? "trail" : "skip",
                dca_deal_note_to_string (note), NULL);
  /* the take profit is reached and trailing starts: a trader wants to know */
  if (note == DCA_NOTE_TRAILING_STARTED && pr->deal != NULL)
    {
      DealRun *dr = pr->deal;
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
      g_autofree char *price = dec (dr->deal.state.tp_trail_high);
      g_autofree char *deviation = dec (dr->config->trailing_deviation);

      dca_json_begin_object (w);
      dca_json_member_string (w, "bot_name", pr->bot->record->name);
      dca_json_member_string (w, "product_id", pr->product_id);
      dca_json_member_string (w, "quote_currency", pr->bot->record->quote_currency);
      dca_json_member_decimal_number (w, "price", dr->deal.state.tp_trail_high);
      dca_json_member_decimal_number (w, "trailing_deviation", dr->config->trailing_deviation);
      dca_json_member_decimal_number (w, "average_price", dca_deal_state_average_price (&dr->deal.state));
      dca_json_end_object (w);
      emit_event (self, "trailing-started", "info", pr->bot->record->id, dr->record->id, pr->product_id,
                  g_strdup_printf ("%s, %s: take profit reached at %s; trailing %s %% below the high",
                                   pr->bot->record->name, pr->product_id, price, deviation),
                  dca_json_writer_steal (w));
    }
  /* a balance too small to trade is the user's to fix: say so, once */
  if (note == DCA_NOTE_BASE_BALANCE || note == DCA_NOTE_SAFETY_BALANCE)
    {
      g_autofree char *have = dec (balance_of (self, pr->bot->config->quote_currency));

      emit_event (self, "bot-error", "warning", pr->bot->record->id,
                  pr->deal ? pr->deal->record->id : 0, pr->product_id,
                  g_strdup_printf ("%s, %s: the %s balance (%s free) is too small "
                                   "for the %s; it waits for funds",
                                   pr->bot->record->name, pr->product_id,
                                   pr->bot->config->quote_currency, have,
                                   note == DCA_NOTE_BASE_BALANCE ? "base order" : "next safety order"),
                  NULL);
    }
}

static void
exit_deal (DcaEngine      *self,
           PairRun        *pr,
           DcaCloseReason  reason,
           DcaDecimal      price)
{
  DealRun *dr = pr->deal;
  g_autoptr(DcaOrderRecord) order = new_order (self, dr, DCA_ORDER_KIND_EXIT, DCA_SIDE_SELL, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *p = dec (price);

  order->base_size = dca_decimal_round_to (dca_deal_state_base_held (&dr->deal.state),
                                           pr->product->base_increment, DCA_ROUND_DOWN);
  /* the decision, its reason and the order, together */
  dr->deal.state.close_reason = reason;
  if (!batch_begin (self) ||
      !dca_store_update_deal_state (self->store, dr->record->id, &dr->deal.state, &error) ||
      dca_store_insert_order (self->store, order, &error) <= 0)
    goto fail;
  log_decision (self, pr, "exit", dca_close_reason_to_string (reason),
                g_strdup_printf ("at %s", p));
  if (!batch_commit (self))
    return;
  send_order (self, pr, order);
  return;

fail:
  dca_store_rollback (self->store);
  self->in_batch = FALSE;
  dr->deal.state.close_reason = DCA_CLOSE_REASON_NONE;
  engine_error (self, error->message);
}

static void
buy_safety_orders (DcaEngine             *self,
                   PairRun               *pr,
                   const DcaDealDecision *d,
                   DcaDecimal             price)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_order_record_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *p = dec (price);

  if (!batch_begin (self))
    return;
  for (guint i = 0; i < d->n_safety; i++)
    {
      DcaOrderRecord *o = new_order (self, pr->deal, DCA_ORDER_KIND_SAFETY, DCA_SIDE_BUY,
                                     d->first_safety + i);

      o->quote_size = d->safety_quote[i];
      g_ptr_array_add (orders, o);
      if (dca_store_insert_order (self->store, o, &error) <= 0)
        {
          dca_store_rollback (self->store);
          self->in_batch = FALSE;
          engine_error (self, error->message);
          return;
        }
    }
  if (d->state_changed)
    dca_store_update_deal_state (self->store, pr->deal->record->id, &pr->deal->deal.state, NULL);
  log_decision (self, pr, "safety", d->n_safety == 1 ? "safety order triggered" : "safety orders triggered",
                g_strdup_printf ("SO %u%s at %s", d->first_safety,
                                 d->n_safety > 1 ? " and more" : "", p));
  if (!batch_commit (self))
    return;
  for (guint i = 0; i < orders->len && pr->deal != NULL; i++)
    if (!send_order (self, pr, g_ptr_array_index (orders, i)))
      break;
}

static void
open_deal (DcaEngine  *self,
           PairRun    *pr,
           DcaDecimal  quote,
           DcaDecimal  available,
           DcaDecimal  price)
{
  BotRun *br = pr->bot;
  g_autoptr(DcaDealRecord) record = dca_deal_record_new ();
  g_autoptr(DcaOrderRecord) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p = dec (price);
  DealRun *dr = g_new0 (DealRun, 1);

  dca_deal_init (&dr->deal);
  dca_deal_begin (&dr->deal, self->now, available);
  record->bot_id = br->record->id;
  record->exchange = g_strdup (dca_exchange_get_id (self->exchange));
  record->product_id = g_strdup (pr->product_id);
  record->config_snapshot_json = dca_strategy_config_to_json (br->config->config);
  record->state = dr->deal.state;
  dr->config = dca_strategy_config_ref (br->config->config);
  memcpy (dr->handles, pr->handles, sizeof dr->handles);

  if (!batch_begin (self) || dca_store_insert_deal (self->store, record, &error) <= 0)
    goto fail;
  dr->record = g_steal_pointer (&record);
  order = new_order (self, dr, DCA_ORDER_KIND_BASE, DCA_SIDE_BUY, 0);
  order->quote_size = quote;
  if (dca_store_insert_order (self->store, order, &error) <= 0)
    goto fail;
  log_decision (self, pr, "open", "base order", g_strdup_printf ("at %s", p));
  if (!batch_commit (self))
    {
      deal_run_free (dr);
      return;
    }
  pr->deal = dr;
  br->open_deals++;
  pr->last_note = DCA_NOTE_NONE;
  send_order (self, pr, order);
  return;

fail:
  dca_store_rollback (self->store);
  self->in_batch = FALSE;
  deal_run_free (dr);
  engine_error (self, error->message);
}

/* ---- deal actions from the windows -------------------------------------- */

typedef struct
{
  gint64        deal_id;
  DcaDealAction action;
  DcaDecimal    amount;
} DealRequest;

static PairRun *
find_deal (DcaEngine *self,
           gint64     deal_id)
{
  for (guint b = 0; self->bots != NULL && b < self->bots->len; b++)
    {
      BotRun *br = g_ptr_array_index (self->bots, b);

      for (guint j = 0; j < br->pairs->len; j++)
        {
          PairRun *pr = g_ptr_array_index (br->pairs, j);

          if (pr->deal != NULL && pr->deal->record->id == deal_id)
            return pr;
        }
    }
  return NULL;
}

static gboolean
do_deal_action (DcaEngine         *self,
                const DealRequest *req,
                GError           **error)
{
  PairRun *pr = find_deal (self, req->deal_id);
  DcaDecimal price;

  if (pr == NULL)
    {
      g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED,
                   "deal %" G_GINT64_FORMAT " is not open (or its bot does not run here)", req->deal_id);
      return FALSE;
    }
  if (pr->unsettled)
    {
      g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED,
                   "the deal has an order the exchange has not settled yet; try again in a moment");
      return FALSE;
    }
  self->now = dca_exchange_get_time (self->exchange);
  switch (req->action)
    {
    case DCA_DEAL_ACTION_CANCEL:
      if (!dca_decimal_is_zero (pr->deal->deal.state.quote_spent))
        {
          g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED,
                       "the deal has bought already: close it instead, which sells at market");
          return FALSE;
        }
      {
        DcaDealState s = pr->deal->deal.state;

        s.status = DCA_DEAL_STATUS_CANCELLED;
        s.closed_at = self->now;
        if (!dca_store_update_deal_state (self->store, pr->deal->record->id, &s, error))
          return FALSE;
        pr->bot->open_deals--;
        g_clear_pointer (&pr->deal, deal_run_free);
      }
      return TRUE;
    case DCA_DEAL_ACTION_CLOSE:
      if (pr->product == NULL &&
          (pr->product = dca_exchange_get_product_sync (self->exchange, pr->product_id, NULL, error)) == NULL)
        return FALSE;
      if (!price_of (self, pr->product_id, &price, error))
        return FALSE;
      {
        gint64 id = pr->deal->record->id;

        exit_deal (self, pr, DCA_CLOSE_REASON_MANUAL, price);
        if (pr->deal != NULL && pr->deal->record->id == id && !pr->unsettled)
          {
            g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED,
                         "the exchange refused the sell: %s",
                         pr->deal->record->last_error ? pr->deal->record->last_error : "see the deal's last error");
            return FALSE;
          }
      }
      return TRUE;
    case DCA_DEAL_ACTION_ADD_FUNDS:
      {
        g_autoptr(DcaOrderRecord) order = NULL;

        if (dca_decimal_sign (req->amount) <= 0)
          {
            g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED, "the amount must be above zero");
            return FALSE;
          }
        if (!batch_begin (self))
          return FALSE;
        order = new_order (self, pr->deal, DCA_ORDER_KIND_MANUAL, DCA_SIDE_BUY, 0);
        order->quote_size = req->amount;
        if (dca_store_insert_order (self->store, order, error) <= 0)
          {
            dca_store_rollback (self->store);
            self->in_batch = FALSE;
            return FALSE;
          }
        log_decision (self, pr, "manual", "funds added", NULL);
        if (!batch_commit (self))
          return FALSE;
        if (!send_order (self, pr, order))
          {
            g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED, "the exchange refused the buy%s%s",
                         pr->deal && pr->deal->record->last_error ? ": " : "",
                         pr->deal && pr->deal->record->last_error ? pr->deal->record->last_error : "");
            return FALSE;
          }
      }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
has_requests (DcaEngine *self)
{
  gboolean any;

  g_mutex_lock (&self->requests_lock);
  any = !g_queue_is_empty (&self->requests);
  g_mutex_unlock (&self->requests_lock);
  return any;
}

/* Between evaluations, never inside one. */
static void
process_requests (DcaEngine *self)
{
  for (;;)
    {
      GTask *task;
      GError *error = NULL;

      g_mutex_lock (&self->requests_lock);
      task = g_queue_pop_head (&self->requests);
      g_mutex_unlock (&self->requests_lock);
      if (task == NULL)
        break;
      batch_commit (self);
      if (do_deal_action (self, g_task_get_task_data (task), &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      g_object_unref (task);
    }
  batch_commit (self);
}

void
dca_engine_deal_action (DcaEngine           *self,
                        gint64               deal_id,
                        DcaDealAction        action,
                        DcaDecimal           amount,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DealRequest *req = g_new0 (DealRequest, 1);

  req->deal_id = deal_id;
  req->action = action;
  req->amount = amount;
  g_task_set_task_data (task, req, g_free);
  if (self->thread == NULL)
    {
      g_task_return_new_error (task, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED, "the engine is not running");
      g_object_unref (task);
      return;
    }
  g_mutex_lock (&self->requests_lock);
  g_queue_push_tail (&self->requests, task);
  g_mutex_unlock (&self->requests_lock);
  if (self->context != NULL)
    g_main_context_wakeup (self->context);
}

gboolean
dca_engine_deal_action_finish (DcaEngine     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The backtester's step (dca-backtest.c, process_candle), with orders. */
static void
evaluate_pair (DcaEngine *self,
               PairRun   *pr)
{
  BotRun *br = pr->bot;
  const DcaBotRecord *bot = br->record;
  g_autoptr(GError) error = NULL;
  DcaDecimal price, available;
  gboolean closed_now = FALSE;
  char *quote_currency = br->config->quote_currency;

  if (pr->product == NULL)
    {
      pr->product = dca_exchange_get_product_sync (self->exchange, pr->product_id, NULL, &error);
      if (pr->product == NULL)
        {
          if (dca_exchange_error_is_transient (error))
            return;
          pr->error = g_strdup_printf ("%s: %s", pr->product_id, error->message);
          emit_event (self, "bot-error", "error", bot->id, 0, pr->product_id,
                      g_strdup_printf ("“%s” stopped trading %s: %s; its other pairs go on",
                                       bot->name, pr->product_id, error->message), NULL);
          return;
        }
      if (pr->product->trading_disabled)
        {
          pr->error = g_strdup_printf ("%s: trading is disabled (%s)", pr->product_id,
                                       pr->product->status ? pr->product->status : "disabled");
          emit_event (self, "bot-error", "error", bot->id, 0, pr->product_id,
                      g_strdup_printf ("“%s” stopped trading %s: %s; its other pairs go on",
                                       bot->name, pr->product_id, pr->error), NULL);
          return;
        }
    }

  if (!price_of (self, pr->product_id, &price, &error) || !refresh_balances (self, &error))
    {
      if (!dca_exchange_error_is_transient (error) &&
          !g_error_matches (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA))
        engine_error (self, error->message);
      return;
    }
  available = dca_bot_available_quote (balance_of (self, quote_currency),
                                       dca_bot_config_reserve (br->config), br->spent_by_open);

  if (pr->deal != NULL)
    {
      DcaDealInput in = { 0 };
      DcaDealDecision d;

      in.time = self->now;
      in.price = price;
      in.running = bot->running;
      in.available = available;
      in.quote_increment = pr->product->quote_increment;
      in.conditions = deal_conditions;
      in.conditions_data = pr;
      dca_deal_evaluate (&pr->deal->deal, pr->deal->config, &in, &d);

      if (d.exit != DCA_CLOSE_REASON_NONE)
        {
          exit_deal (self, pr, d.exit, price);
          closed_now = TRUE;
        }
      else if (d.n_safety > 0)
        buy_safety_orders (self, pr, &d, price);
      else
        {
          if (d.state_changed && batch_begin (self))
            dca_store_update_deal_state (self->store, pr->deal->record->id, &pr->deal->deal.state,
                                         NULL);
          note_decision (self, pr, d.note);
        }
    }

  if (pr->deal == NULL && !closed_now)
    {
      DcaOpenInput in = { 0 };
      DcaDecimal quote;
      DcaDealNote note;

      in.running = bot->running;
      in.open_deals = br->open_deals;
      in.n_pairs = br->pairs->len;
      in.split_budget = br->config->split_budget;
      in.available = available;
      in.quote_increment = pr->product->quote_increment;
      in.conditions = deal_conditions;
      in.conditions_data = pr;
      if (dca_deal_plan_open (br->config->config, &in, &quote, &note))
        open_deal (self, pr, quote, available, price);
      else
        note_decision (self, pr, note);
    }
}

static void
tick_pair (DcaEngine *self,
           PairRun   *pr)
{
  g_autoptr(GError) error = NULL;
  DcaCandleSeries *series;
  gint64 gran;
  gboolean fresh;

  if (pr->error != NULL || pr->cache == NULL)
    return;
  if (pr->unsettled && !settle_pair (self, pr))
    return;

  if (!refresh_cache (self, pr->cache,
                      pr->signals != NULL && pr->cache->series->len == 0
                        ? dca_signals_get_warmup (pr->signals, pr->cache->tf) : 0,
                      &error))
    {
      if (!dca_exchange_error_is_transient (error) &&
          !g_error_matches (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_NO_DATA))
        {
          pr->error = g_strdup_printf ("%s: %s", pr->product_id, error->message);
          emit_event (self, "bot-error", "error", pr->bot->record->id, 0, pr->product_id,
                      g_strdup_printf ("“%s” stopped trading %s: %s; its other pairs go on",
                                       pr->bot->record->name, pr->product_id, error->message),
                      NULL);
        }
      return;
    }
  series = pr->cache->series;
  gran = dca_timeframe_seconds (pr->cache->tf);
  fresh = pr->pushed < series->len;
  for (; pr->pushed < series->len; pr->pushed++)
    if (pr->signals != NULL)
      dca_signals_push_base (pr->signals, &series->candles[pr->pushed]);
  if (!fresh || series->len == 0)
    return;
  if (series->candles[series->len - 1].time + gran <= pr->evaluated_close)
    return;
  pr->evaluated_close = series->candles[series->len - 1].time + gran;
  if (pr->acted_at != 0 && pr->acted_at == self->now)
    return; /* resumed after it already acted at this time */
  pr->acted_at = 0;
  evaluate_pair (self, pr);
}

/* The account's value (docs/analytics.md): at least hourly while running
 * and after every tick in which a deal closed, at the market's time, from
 * the balances and the latest prices seen. */
static void
take_snapshot (DcaEngine *self)
{
  g_autoptr(GHashTable) prices = NULL;
  g_autoptr(DcaPortfolio) p = NULL;
  g_autoptr(GError) error = NULL;
  DcaSnapshotValue value = { 0 };

  if (self->now <= 0 || self->now == self->last_snapshot)
    return;
  if (!self->snapshot_due && self->last_snapshot > 0 && self->now - self->last_snapshot < 3600)
    return;
  /* the USD price of each quote currency the bots trade in, when the
   * market has one (e.g. BTC-USD): deals closing within the hour keep it
   * for their USD figures */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < self->bots->len; i++)
      {
        const char *quote = ((BotRun *) g_ptr_array_index (self->bots, i))->config->quote_currency;
        g_autofree char *product = NULL;
        g_autoptr(DcaTicker) ticker = NULL;

        if (quote == NULL || dca_analytics_currency_is_usd (quote) || g_hash_table_contains (seen, quote))
          continue;
        g_hash_table_add (seen, (gpointer) quote);
        product = g_strdup_printf ("%s-USD", quote);
        ticker = dca_exchange_get_ticker_sync (self->exchange, product, NULL, NULL);
        if (ticker != NULL && dca_decimal_sign (ticker->price) > 0)
          dca_analytics_set_usd_rate (self->store, quote, ticker->price, self->now, NULL);
      }
  }
  g_mutex_lock (&self->status_lock);
  prices = g_hash_table_ref (self->status.prices);
  g_mutex_unlock (&self->status_lock);
  /* the status' table changes only on this thread: reading it here is safe */
  p = dca_portfolio_compute (self->store, dca_exchange_get_id (self->exchange), prices, &error);
  if (p == NULL)
    {
      g_warning ("account snapshot: %s", error->message);
      return;
    }
  value.currency = "BTC";
  value.value = p->value_btc;
  value.has_value_usd = p->has_value_usd;
  value.value_usd = p->value_usd;
  /* after a restart the first tick may fall on a time already recorded */
  if (!dca_store_insert_account_snapshot (self->store, dca_exchange_get_id (self->exchange), self->now, &value, 1,
                                          &error) &&
      !g_error_matches (error, DCA_STORE_ERROR, DCA_STORE_ERROR_CONSTRAINT))
    g_warning ("account snapshot: %s", error->message);
  self->last_snapshot = self->now;
  self->snapshot_due = FALSE;
}

static void
update_status_after_tick (DcaEngine *self)
{
  guint open = 0;

  for (guint i = 0; i < self->bots->len; i++)
    open += ((BotRun *) g_ptr_array_index (self->bots, i))->open_deals;
  g_mutex_lock (&self->status_lock);
  self->status.market_time = self->now;
  self->status.last_tick = g_get_real_time () / G_USEC_PER_SEC;
  self->status.ticks++;
  self->status.bots = self->bots->len;
  self->status.open_deals = open;
  {
    GHashTableIter iter;
    gpointer key, value;

    /* the latest price of each product, for the windows' portfolio */
    g_hash_table_iter_init (&iter, self->prices);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_replace (self->status.prices, g_strdup (key), g_memdup2 (value, sizeof (DcaDecimal)));
  }
  g_mutex_unlock (&self->status_lock);
}

static void
run_tick (DcaEngine *self)
{
  gint64 wall = g_get_monotonic_time () / G_USEC_PER_SEC;

  process_requests (self);
  self->tick++;
  self->now = dca_exchange_get_time (self->exchange);
  self->balances_valid = FALSE;
  g_hash_table_remove_all (self->prices);

  if (g_atomic_int_compare_and_exchange (&self->reload, 1, 0) || wall - self->last_reload >= 10)
    load_bots (self);

  for (guint i = 0; i < self->bots->len && !g_atomic_int_get (&self->quit); i++)
    {
      BotRun *br = g_ptr_array_index (self->bots, i);

      if (self->now < br->next_check)
        {
          /* not due: but a pair with an unsettled order keeps trying */
          for (guint j = 0; j < br->pairs->len; j++)
            {
              PairRun *pr = g_ptr_array_index (br->pairs, j);

              if (pr->unsettled)
                settle_pair (self, pr);
            }
          continue;
        }
      br->next_check = self->now + br->config->check_interval_seconds;
      for (guint j = 0; j < br->pairs->len; j++)
        tick_pair (self, g_ptr_array_index (br->pairs, j));
    }
  batch_commit (self);
  update_status_after_tick (self);
  take_snapshot (self);
}

/* ---- set-up and the worker thread --------------------------------------- */

static gboolean
setup (DcaEngine *self,
       GError   **error)
{
  g_autofree char *path = self->settings.store_path ? g_strdup (self->settings.store_path)
                                                    : dca_store_default_path ();
  g_autofree char *dir = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *clock_dir = NULL;
  g_autoptr(GPtrArray) unsettled = NULL;

  gboolean coinbase = g_strcmp0 (self->settings.exchange, "coinbase") == 0;

  if (!coinbase && g_strcmp0 (self->settings.exchange, "paper") != 0)
    {
      g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_SETTINGS,
                   "exchange “%s”: not paper or coinbase", self->settings.exchange);
      return FALSE;
    }

  self->store = dca_store_open (path, error);
  if (self->store == NULL)
    return FALSE;

  if (coinbase)
    {
      g_autoptr(GError) local_error = NULL;
      DcaCoinbaseKey *key = NULL;

      if (self->settings.key_file != NULL)
        key = dca_coinbase_key_load_file (self->settings.key_file, error);
      else
        {
          key = dca_coinbase_key_from_env (&local_error);
          if (key == NULL && local_error == NULL)
            key = dca_keyring_lookup_coinbase_key (&local_error);
          if (key == NULL && local_error == NULL)
            g_set_error (&local_error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                         "no Coinbase API key: give --key-file, set DCADESK_COINBASE_KEY_NAME and "
                         "DCADESK_COINBASE_PRIVATE_KEY, or save one in the keyring");
          if (key == NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
        }
      if (key == NULL)
        return FALSE;
      self->exchange = DCA_EXCHANGE (dca_coinbase_exchange_new (&self->settings.coinbase, key));
    }
  else if (self->settings.market == DCA_MARKET_LIVE)
    {
      /* paper on live prices: Coinbase's public market, no key */
      g_autoptr(DcaCoinbaseExchange) feed = dca_coinbase_exchange_new (&self->settings.coinbase, NULL);

      self->paper = dca_paper_exchange_new_live (self->store, DCA_EXCHANGE (feed), &self->settings.paper,
                                                 error);
      if (self->paper == NULL)
        return FALSE;
      self->exchange = DCA_EXCHANGE (g_object_ref (self->paper));
    }
  else
    {
      dir = self->settings.replay_dir ? g_strdup (self->settings.replay_dir)
                                      : dca_engine_default_replay_dir ();
      self->market = dca_replay_market_new (dir, error);
      if (self->market == NULL)
        return FALSE;
      self->paper = dca_paper_exchange_new_for_store (self->store, self->market, &self->settings.paper,
                                                      error);
      if (self->paper == NULL)
        return FALSE;
      self->exchange = DCA_EXCHANGE (g_object_ref (self->paper));
    }
  if (self->settings.wrap_exchange != NULL)
    {
      DcaExchange *wrapped = self->settings.wrap_exchange (self->exchange, self->settings.wrap_data);

      g_object_unref (self->exchange);
      self->exchange = wrapped;
    }

  /* the replay clock resumes where it was, for the same data */
  if (self->market != NULL)
    {
      if (!dca_store_kv_get (self->store, "replay.clock", &clock, error) ||
          !dca_store_kv_get (self->store, "replay.dir", &clock_dir, error))
        return FALSE;
      if (clock != NULL && g_strcmp0 (clock_dir, dir) == 0)
        dca_replay_market_set_time (self->market, g_ascii_strtoll (clock, NULL, 10));
      else
        {
          g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    dca_replay_market_get_start_time (self->market));

          dca_replay_market_set_time (self->market, dca_replay_market_get_start_time (self->market));
          if (!dca_store_kv_set (self->store, "replay.dir", dir, error) ||
              !dca_store_kv_set (self->store, "replay.clock", start, error))
            return FALSE;
        }
    }
  self->now = dca_exchange_get_time (self->exchange);

  g_mutex_lock (&self->status_lock);
  g_free (self->status.exchange);
  self->status.exchange = g_strdup (dca_exchange_get_id (self->exchange));
  self->status.replay = self->market != NULL;
  self->status.market_time = self->now;
  g_mutex_unlock (&self->status_lock);

  load_bots (self);

  /* orders sent but not confirmed before a stop or a crash come first */
  unsettled = dca_store_list_unsettled_orders (self->store, dca_exchange_get_id (self->exchange), error);
  if (unsettled == NULL)
    return FALSE;
  for (guint i = 0; i < unsettled->len; i++)
    {
      DcaOrderRecord *o = g_ptr_array_index (unsettled, i);

      for (guint b = 0; b < self->bots->len; b++)
        {
          BotRun *br = g_ptr_array_index (self->bots, b);

          for (guint j = 0; j < br->pairs->len; j++)
            {
              PairRun *pr = g_ptr_array_index (br->pairs, j);

              if (pr->deal != NULL && pr->deal->record->id == o->deal_id)
                pr->unsettled = TRUE;
            }
        }
    }
  for (guint b = 0; b < self->bots->len; b++)
    {
      BotRun *br = g_ptr_array_index (self->bots, b);

      for (guint j = 0; j < br->pairs->len; j++)
        {
          PairRun *pr = g_ptr_array_index (br->pairs, j);

          if (pr->unsettled && pr->product == NULL)
            pr->product = dca_exchange_get_product_sync (self->exchange, pr->product_id, NULL, NULL);
          if (pr->unsettled)
            settle_pair (self, pr);
        }
    }
  return TRUE;
}

static void
teardown (DcaEngine *self)
{
  GTask *task;

  /* what was asked and not done is refused, not lost silently */
  g_mutex_lock (&self->requests_lock);
  while ((task = g_queue_pop_head (&self->requests)) != NULL)
    {
      g_task_return_new_error (task, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED, "the engine stopped");
      g_object_unref (task);
    }
  g_mutex_unlock (&self->requests_lock);
  batch_commit (self);
  g_clear_pointer (&self->bots, g_ptr_array_unref);
  g_hash_table_remove_all (self->caches);
  g_clear_object (&self->exchange);
  g_clear_object (&self->paper);
  g_clear_object (&self->market);
  g_clear_object (&self->store);
}

/* Moves the replay clock to the next candle close and runs a tick there.
 * Returns FALSE at the end of the data. */
static gboolean
replay_step (DcaEngine *self)
{
  gint64 next = dca_replay_market_next_event (self->market, dca_replay_market_get_time (self->market));
  g_autofree char *clock = NULL;
  g_autoptr(GError) error = NULL;

  if (next == G_MAXINT64)
    return FALSE;
  dca_replay_market_set_time (self->market, next);
  clock = g_strdup_printf ("%" G_GINT64_FORMAT, next);
  if (!dca_store_kv_set (self->store, "replay.clock", clock, &error))
    {
      engine_error (self, error->message);
      return FALSE;
    }
  if (self->paper != NULL)
    dca_paper_exchange_process (self->paper);
  run_tick (self);
  return TRUE;
}

/* The end of a replay: what waits to be settled is settled now, without
 * waiting out its back-off. */
static void
settle_all_now (DcaEngine *self)
{
  for (guint b = 0; self->bots != NULL && b < self->bots->len; b++)
    {
      BotRun *br = g_ptr_array_index (self->bots, b);

      for (guint j = 0; j < br->pairs->len; j++)
        {
          PairRun *pr = g_ptr_array_index (br->pairs, j);

          for (guint attempt = 0; pr->unsettled && attempt < 3; attempt++)
            {
              pr->retry_at = 0;
              settle_pair (self, pr);
            }
        }
    }
}

static gboolean
wake (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
engine_thread (gpointer data)
{
  DcaEngine *self = data;
  g_autoptr(GError) error = NULL;
  DcaEngineState final = DCA_ENGINE_STOPPED;

  g_main_context_push_thread_default (self->context);

  if (!setup (self, &error))
    {
      engine_error (self, error->message);
      final = DCA_ENGINE_FAILED;
      goto out;
    }
  set_state (self, DCA_ENGINE_RUNNING, NULL);
  emit_event (self, "engine-started", "info", 0, 0, NULL,
              self->market != NULL
                ? g_strdup_printf ("engine started on the %s exchange, replay at %s",
                                   dca_exchange_get_id (self->exchange),
                                   self->settings.speed > 0 ? "the chosen speed" : "full speed")
                : g_strdup_printf ("engine started on the %s exchange, live",
                                   dca_exchange_get_id (self->exchange)),
              NULL);

  /* resume: the tick at the clock's position (a fresh start: the first close) */
  run_tick (self);

  /* live: look every live_tick_ms; each bot acts at its check interval */
  while (self->market == NULL && !g_atomic_int_get (&self->quit))
    {
      gboolean due = FALSE;
      GSource *timer = g_timeout_source_new (MAX (self->settings.live_tick_ms, 1));

      g_source_set_callback (timer, wake, &due, NULL);
      g_source_attach (timer, self->context);
      while (!due && !g_atomic_int_get (&self->quit))
        {
          g_main_context_iteration (self->context, TRUE);
          if (has_requests (self))
            process_requests (self);
        }
      g_source_destroy (timer);
      g_source_unref (timer);
      if (!g_atomic_int_get (&self->quit))
        {
          if (self->paper != NULL)
            dca_paper_exchange_process (self->paper);
          run_tick (self);
        }
    }

  while (self->market != NULL && !g_atomic_int_get (&self->quit))
    {
      gint64 now = dca_replay_market_get_time (self->market);
      gint64 next = dca_replay_market_next_event (self->market, now);

      if (next == G_MAXINT64)
        {
          if (self->settings.stop_at_end)
            {
              settle_all_now (self);
              final = DCA_ENGINE_FINISHED;
              emit_event (self, "replay-finished", "info", 0, 0, NULL,
                          g_strdup ("the replay reached the end of its data"), NULL);
              break;
            }
          g_main_context_iteration (self->context, TRUE);
          process_requests (self);
          continue;
        }
      if (self->settings.speed > 0)
        {
          gboolean due = FALSE;
          double ms = (double) (next - now) * 1000.0 / self->settings.speed;
          GSource *timer = g_timeout_source_new ((guint) MIN (ms, 3600000.0));

          g_source_set_callback (timer, wake, &due, NULL);
          g_source_attach (timer, self->context);
          while (!due && !g_atomic_int_get (&self->quit))
            {
              g_main_context_iteration (self->context, TRUE);
              if (has_requests (self))
                process_requests (self);
            }
          g_source_destroy (timer);
          g_source_unref (timer);
          if (g_atomic_int_get (&self->quit))
            break;
        }
      else
        while (g_main_context_iteration (self->context, FALSE))
          ;
      if (!replay_step (self))
        break;
    }

out:
  teardown (self);
  g_main_context_pop_thread_default (self->context);
  set_state (self, final, NULL);
  return NULL;
}

static gboolean
emit_stopped (gpointer data)
{
  DcaEngine *self = data;

  if (self->thread != NULL)
    {
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  g_signal_emit (self, signals[SIGNAL_STOPPED], 0);
  return G_SOURCE_REMOVE;
}

static gpointer
engine_thread_main (gpointer data)
{
  DcaEngine *self = data;

  engine_thread (self);
  post_to_owner (self, emit_stopped, g_object_ref (self), g_object_unref);
  return NULL;
}

gboolean
dca_engine_start (DcaEngine *self,
                  GError   **error)
{
  g_return_val_if_fail (DCA_IS_ENGINE (self), FALSE);

  if (self->thread != NULL)
    {
      g_set_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_RUNNING, "the engine is already running");
      return FALSE;
    }
  g_atomic_int_set (&self->quit, 0);
  if (self->context == NULL)
    self->context = g_main_context_new ();
  set_state (self, DCA_ENGINE_STARTING, NULL);
  self->thread = g_thread_new ("dca-engine", engine_thread_main, self);
  return TRUE;
}

void
dca_engine_stop (DcaEngine *self)
{
  g_return_if_fail (DCA_IS_ENGINE (self));
  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->quit, 1);
  /* wake the worker wherever it waits */
  g_main_context_wakeup (self->context);
  g_thread_join (self->thread);
  self->thread = NULL;
}

void
dca_engine_reload_bots (DcaEngine *self)
{
  g_return_if_fail (DCA_IS_ENGINE (self));
  g_atomic_int_set (&self->reload, 1);
}

gboolean
dca_engine_run_tick_here (DcaEngine *self,
                          gint64     market_time,
                          gint64    *cpu_us,
                          GError   **error)
{
  struct timespec t0, t1;

  g_return_val_if_fail (DCA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (self->context == NULL)
    {
      self->context = g_main_context_ref_thread_default ();
      if (!setup (self, error))
        return FALSE;
    }
  if (market_time != 0)
    dca_replay_market_set_time (self->market, market_time);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t0);
  run_tick (self);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t1);
  if (cpu_us != NULL)
    *cpu_us = (t1.tv_sec - t0.tv_sec) * G_USEC_PER_SEC + (t1.tv_nsec - t0.tv_nsec) / 1000;
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------ */

DcaEngine *
dca_engine_new (const DcaEngineSettings *settings)
{
  DcaEngine *self = g_object_new (DCA_TYPE_ENGINE, NULL);

  settings_copy (settings, &self->settings);
  return self;
}

static void
dca_engine_dispose (GObject *object)
{
  DcaEngine *self = DCA_ENGINE (object);

  dca_engine_stop (self);
  if (self->store != NULL)
    teardown (self);
  G_OBJECT_CLASS (dca_engine_parent_class)->dispose (object);
}

static void
dca_engine_finalize (GObject *object)
{
  DcaEngine *self = DCA_ENGINE (object);

  dca_engine_settings_clear (&self->settings);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->caches, g_hash_table_unref);
  g_clear_pointer (&self->balances, g_hash_table_unref);
  g_clear_pointer (&self->prices, g_hash_table_unref);
  g_free (self->status.exchange);
  g_free (self->status.last_error);
  g_clear_pointer (&self->status.prices, g_hash_table_unref);
  g_mutex_clear (&self->status_lock);
  g_mutex_clear (&self->requests_lock);
  G_OBJECT_CLASS (dca_engine_parent_class)->finalize (object);
}

static void
dca_engine_class_init (DcaEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dca_engine_dispose;
  object_class->finalize = dca_engine_finalize;

  /* DcaEngine::event: a stored event (deal opened, safety order filled,
   * take profit, stop loss, deal closed, bot started/stopped/error, engine
   * error), on the creator's main context */
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        DCA_TYPE_EVENT_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* DcaEngine::notification: what a trader must learn of an event (its id
   * is 0 when the in-app center does not keep its type), on the creator's
   * main context, right after the event */
  signals[SIGNAL_NOTIFICATION] = g_signal_new ("notification", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                               DCA_TYPE_NOTIFICATION | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  /* DcaEngine::stopped: the worker thread ended (stopped, finished, failed) */
  signals[SIGNAL_STOPPED] = g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dca_engine_init (DcaEngine *self)
{
  g_mutex_init (&self->requests_lock);
  g_queue_init (&self->requests);
  static gsize failpoints_read;

  if (g_once_init_enter (&failpoints_read))
    {
      failpoint_init ();
      g_once_init_leave (&failpoints_read, 1);
    }
  g_mutex_init (&self->status_lock);
  self->owner_context = g_main_context_ref_thread_default ();
  self->caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) candle_cache_free);
  self->balances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->status.state = DCA_ENGINE_STOPPED;
  self->notify_in_app_mask = DCA_NOTIFICATION_ALL_TYPES;
  self->status.prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
