/* dca-engine.h: runs the bots, on a worker thread, against an exchange
 *
 * The engine owns a thread with its own GMainContext, its own store
 * connection and its own exchange.  It evaluates each bot at its check
 * interval, pair by pair, with the deal state machine the backtester uses,
 * and records every order before sending it and every fill as the exchange
 * reports it.  After a crash it first settles the orders that were sent but
 * not confirmed, then resumes where it was.  See docs/engine.md.
 *
 * Signals are emitted on the main context of the thread that created the
 * engine; nothing in this API waits for the network.
 */
#pragma once

#include <glib-object.h>

#include "dca-coinbase.h"
#include "dca-exchange.h"
#include "dca-paper-exchange.h"
#include "dca-store.h"

G_BEGIN_DECLS

#define DCA_ENGINE_ERROR (dca_engine_error_quark ())

typedef enum
{
  DCA_ENGINE_ERROR_SETTINGS,   /* a setting is wrong: the message names it */
  DCA_ENGINE_ERROR_RUNNING,    /* already running */
  DCA_ENGINE_ERROR_REFUSED,    /* a deal action that cannot be done: the message says why */
} DcaEngineError;

typedef enum
{
  DCA_MARKET_REPLAY,           /* the bundled (or a given) candle replay */
  DCA_MARKET_LIVE,             /* the exchange's own live prices */
} DcaMarketKind;

/* Tests: put an exchange of their own (e.g. one that loses answers) around
 * the real one.  Returns a new reference. */
typedef DcaExchange *(*DcaExchangeWrapFunc) (DcaExchange *inner,
                                             gpointer     user_data);

typedef struct
{
  char            *store_path;   /* NULL: dca_store_default_path () */
  char            *exchange;     /* "paper" or "coinbase" */
  DcaMarketKind    market;
  char            *replay_dir;   /* NULL: the bundled market data */
  double           speed;        /* replay: 1 = real time, 1000 = 1000x; 0 = as fast as it can */
  gboolean         stop_at_end;  /* replay: stop when the data ends */
  DcaPaperSettings paper;
  /* coinbase: the key from this CDP key file, else the environment
   * (DCADESK_COINBASE_KEY_NAME / _PRIVATE_KEY), else the keyring */
  char            *key_file;
  DcaCoinbaseSettings coinbase;
  guint            live_tick_ms; /* live: how often the engine looks; default 1000 */
  DcaExchangeWrapFunc wrap_exchange; /* tests only; NULL */
  gpointer         wrap_data;
} DcaEngineSettings;

typedef enum
{
  DCA_ENGINE_STOPPED,
  DCA_ENGINE_STARTING,
  DCA_ENGINE_RUNNING,
  DCA_ENGINE_FINISHED,          /* replay data ended; stopped */
  DCA_ENGINE_FAILED,            /* could not start, or stopped on an error */
} DcaEngineState;

typedef struct
{
  DcaEngineState  state;
  char           *exchange;       /* "paper" */
  gboolean        replay;
  gint64          market_time;    /* the exchange's clock at the last tick */
  gint64          last_tick;      /* wall clock (unix seconds) of the last tick */
  guint64         ticks;
  guint           bots;           /* bots the engine runs */
  guint           open_deals;
  char           *last_error;     /* NULL: none */
  GHashTable     *prices;         /* product id -> DcaDecimal*: the latest price seen of each */
} DcaEngineStatus;

#define DCA_TYPE_ENGINE (dca_engine_get_type ())
G_DECLARE_FINAL_TYPE (DcaEngine, dca_engine, DCA, ENGINE, GObject)

#define DCA_TYPE_EVENT_RECORD (dca_event_record_get_type ())
GType              dca_event_record_get_type     (void);
DcaEventRecord    *dca_event_record_copy         (const DcaEventRecord    *event);

GQuark             dca_engine_error_quark        (void);
void               dca_engine_settings_init      (DcaEngineSettings       *settings);
void               dca_engine_settings_clear     (DcaEngineSettings       *settings);
char              *dca_engine_default_replay_dir (void);

DcaEngine         *dca_engine_new                (const DcaEngineSettings *settings);
/* Starts the thread and returns at once; a failure to start (a bad replay
 * directory, an unreadable store) arrives as an engine-error event and the
 * FAILED state. */
gboolean           dca_engine_start              (DcaEngine               *self,
                                                  GError                 **error);
/* Asks the thread to stop after the evaluation it is in, and waits for it. */
void               dca_engine_stop               (DcaEngine               *self);
/* The notification types (DCA_NOTIFICATION_MASK, ORed) the engine stores for
 * the in-app center; all by default.  The "notification" signal carries
 * every type either way. */
void               dca_engine_set_notification_types (DcaEngine           *self,
                                                      guint                in_app_mask);
/* Bots were created, edited, started or stopped: reload them at the next tick. */
void               dca_engine_reload_bots        (DcaEngine               *self);
DcaEngineStatus   *dca_engine_get_status         (DcaEngine               *self);
void               dca_engine_status_free        (DcaEngineStatus         *status);
const char        *dca_engine_state_to_string    (DcaEngineState           state);

typedef enum
{
  DCA_DEAL_ACTION_CLOSE,      /* sell everything at market now */
  DCA_DEAL_ACTION_CANCEL,     /* only a deal that bought nothing */
  DCA_DEAL_ACTION_ADD_FUNDS,  /* a manual buy of `amount` of the quote currency */
} DcaDealAction;

/* Acts on an open deal, on the engine's thread between evaluations; the
 * result (a refusal says why) comes back on the caller's main context. */
void               dca_engine_deal_action        (DcaEngine               *self,
                                                  gint64                   deal_id,
                                                  DcaDealAction            action,
                                                  DcaDecimal               amount,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean           dca_engine_deal_action_finish (DcaEngine               *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

/* Benchmarks: run one tick now, on the calling thread, without the worker
 * thread (the engine must not be started).  Returns FALSE when the engine
 * could not set up; *cpu_us gets the tick's CPU time. */
gboolean           dca_engine_run_tick_here      (DcaEngine               *self,
                                                  gint64                   market_time,
                                                  gint64                  *cpu_us,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaEngineStatus, dca_engine_status_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcaEngineSettings, dca_engine_settings_clear)

G_END_DECLS
