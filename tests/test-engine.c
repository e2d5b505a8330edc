/* test-engine.c: the engine on the paper exchange and the replay market
 *
 * - a replay run gives the deals of a backtest of the same bot and candles,
 *   fill by fill;
 * - a bot with a pair the market does not have gets a clear error and keeps
 *   trading its other pairs;
 * - kill -9 at random moments, then resume: the deals of an uninterrupted
 *   run, no fill lost, no order twice.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "dca-backtest.h"
#include "dca-bot.h"
#include "dca-engine.h"
#include "dca-store.h"

#include "test-util.h"

static const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC" };

typedef struct
{
  char *data_dir;
  char *replay_dir;
  char *store_path;
} Fixture;

/* A replay directory with the 5-minute candles of the three pairs. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->data_dir = g_dir_make_tmp ("dcadesk-engine-XXXXXX", NULL);
  f->replay_dir = test_replay_dir (f->data_dir, pairs, G_N_ELEMENTS (pairs));
  f->store_path = g_build_filename (f->data_dir, "dcadesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->data_dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->data_dir);
  g_free (f->replay_dir);
  g_free (f->store_path);
}

static DcaBotConfig *
example_bot (void)
{
  g_autofree char *path = test_source_path ("data/bots/altcoin-dip-buyer.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  DcaBotConfig *bot;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  bot = dca_bot_config_parse_export (text, -1, &error);
  g_assert_no_error (error);
  return bot;
}

static gint64
add_bot (const char         *store_path,
         const DcaBotConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (store_path, &error);
  g_autoptr(DcaBotRecord) record = dca_bot_record_from_config (config);
  gint64 id;

  g_assert_no_error (error);
  record->running = TRUE;
  id = dca_store_insert_bot (store, record, &error);
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  GMainLoop *loop;
  GHashTable *counts; /* type -> count */
  GPtrArray *errors;  /* messages of error events */
} Watch;

static void
on_event (DcaEngine      *engine,
          DcaEventRecord *event,
          Watch          *w)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (w->counts, event->type));

  g_hash_table_insert (w->counts, g_strdup (event->type), GUINT_TO_POINTER (n + 1));
  if (g_strcmp0 (event->level, "error") == 0)
    g_ptr_array_add (w->errors, g_strdup (event->message));
}

static void
on_stopped (DcaEngine *engine,
            Watch     *w)
{
  g_main_loop_quit (w->loop);
}

static guint
count (Watch      *w,
       const char *type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (w->counts, type));
}

/* Runs the engine over the whole replay, as fast as it goes. */
static DcaEngineState
run_engine_wrapped (Fixture             *f,
                    Watch               *w,
                    DcaExchangeWrapFunc  wrap,
                    gpointer             wrap_data)
{
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(DcaEngineStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (f->store_path);
  settings.replay_dir = g_strdup (f->replay_dir);
  settings.speed = 0;
  settings.stop_at_end = TRUE;
  settings.wrap_exchange = wrap;
  settings.wrap_data = wrap_data;

  w->loop = g_main_loop_new (NULL, FALSE);
  w->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->errors = g_ptr_array_new_with_free_func (g_free);
  engine = dca_engine_new (&settings);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), w);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), w);
  g_assert_true (dca_engine_start (engine, &error));
  g_assert_no_error (error);
  g_main_loop_run (w->loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  status = dca_engine_get_status (engine);
  return status->state;
}

static DcaEngineState
run_engine (Fixture *f,
            Watch   *w)
{
  return run_engine_wrapped (f, w, NULL, NULL);
}

static void
watch_clear (Watch *w)
{
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_clear_pointer (&w->counts, g_hash_table_unref);
  g_clear_pointer (&w->errors, g_ptr_array_unref);
}

/* The deals of a store that bought something, oldest first, with fills. */
typedef struct
{
  DcaDealRecord *deal;
  GPtrArray     *fills; /* DcaFillRecord */
} StoredDeal;

static void
stored_deal_free (StoredDeal *d)
{
  dca_deal_record_free (d->deal);
  g_ptr_array_unref (d->fills);
  g_free (d);
}

static int
compare_opened (gconstpointer a,
                gconstpointer b)
{
  const StoredDeal *x = *(StoredDeal **) a, *y = *(StoredDeal **) b;

  if (x->deal->state.opened_at != y->deal->state.opened_at)
    return x->deal->state.opened_at < y->deal->state.opened_at ? -1 : 1;
  return x->deal->id < y->deal->id ? -1 : x->deal->id > y->deal->id;
}

static GPtrArray *
stored_deals (const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (store_path, &error);
  DcaDealFilter filter = { 0 };
  g_autoptr(GPtrArray) deals = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_deal_free);

  g_assert_no_error (error);
  filter.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN) |
                       DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  deals = dca_store_list_deals (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deals->len; i++)
    {
      StoredDeal *d = g_new0 (StoredDeal, 1);

      d->deal = g_ptr_array_steal_index (deals, i--);
      d->fills = dca_store_list_fills_of_deal (store, d->deal->id, &error);
      g_assert_no_error (error);
      g_ptr_array_add (out, d);
    }
  g_ptr_array_sort (out, compare_opened);
  return out;
}

static void
assert_fill_equal (const DcaFill *a,
                   const DcaFill *b)
{
  g_assert_cmpint (a->time, ==, b->time);
  g_assert_cmpint (a->side, ==, b->side);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_true (dca_decimal_cmp (a->price, b->price) == 0);
  g_assert_true (dca_decimal_cmp (a->base, b->base) == 0);
  g_assert_true (dca_decimal_cmp (a->quote, b->quote) == 0);
  g_assert_true (dca_decimal_cmp (a->fee, b->fee) == 0);
}

static void
assert_same_deals (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      StoredDeal *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->deal->product_id, ==, y->deal->product_id);
      g_assert_cmpint (x->deal->state.status, ==, y->deal->state.status);
      g_assert_cmpint (x->deal->state.opened_at, ==, y->deal->state.opened_at);
      g_assert_cmpint (x->deal->state.closed_at, ==, y->deal->state.closed_at);
      g_assert_cmpint (x->deal->state.close_reason, ==, y->deal->state.close_reason);
      g_assert_true (dca_decimal_cmp (x->deal->state.quote_spent, y->deal->state.quote_spent) == 0);
      g_assert_cmpuint (x->fills->len, ==, y->fills->len);
      for (guint j = 0; j < x->fills->len; j++)
        assert_fill_equal (&((DcaFillRecord *) g_ptr_array_index (x->fills, j))->fill,
                           &((DcaFillRecord *) g_ptr_array_index (y->fills, j))->fill);
    }
}

static void
test_replay_equals_backtest (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_candle_series_free);
  DcaBacktestPair bt_pairs[G_N_ELEMENTS (pairs)];
  g_autoptr(DcaBacktestResult) expected = NULL;
  g_autoptr(GPtrArray) actual = NULL;
  g_autoptr(GError) error = NULL;
  Watch w = { 0 };

  /* the backtest */
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-5m.csv", pairs[i]);
      g_autofree char *path = g_build_filename (f->replay_dir, name, NULL);
      DcaCandleSeries *s = dca_candle_series_load_csv (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (series, s);
      bt_pairs[i].product_id = pairs[i];
      bt_pairs[i].candles = s;
    }
  expected = dca_backtest_run (bot, bt_pairs, G_N_ELEMENTS (pairs), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->deals->len, >, 10);

  /* the same bot in the engine */
  add_bot (f->store_path, bot);
  g_assert_cmpint (run_engine (f, &w), ==, DCA_ENGINE_FINISHED);
  if (w.errors->len > 0)
    g_error ("engine error: %s", (char *) g_ptr_array_index (w.errors, 0));
  actual = stored_deals (f->store_path);

  g_assert_cmpuint (actual->len, ==, expected->deals->len);
  for (guint i = 0; i < actual->len; i++)
    {
      StoredDeal *a = g_ptr_array_index (actual, i);
      DcaBacktestDeal *e = g_ptr_array_index (expected->deals, i);

      g_assert_cmpstr (a->deal->product_id, ==, e->product_id);
      g_assert_cmpint (a->deal->state.status, ==, e->state.status);
      g_assert_cmpint (a->deal->state.opened_at, ==, e->state.opened_at);
      g_assert_cmpint (a->deal->state.closed_at, ==, e->state.closed_at);
      g_assert_cmpint (a->deal->state.close_reason, ==, e->state.close_reason);
      g_assert_cmpuint (a->deal->state.safety_orders, ==, e->state.safety_orders);
      g_assert_cmpuint (a->fills->len, ==, e->fills->len);
      for (guint j = 0; j < a->fills->len; j++)
        assert_fill_equal (&((DcaFillRecord *) g_ptr_array_index (a->fills, j))->fill,
                           &g_array_index (e->fills, DcaFill, j));
    }

  /* and the events a user cares about */
  g_assert_cmpuint (count (&w, "deal-opened"), ==, expected->deals->len);
  g_assert_cmpuint (count (&w, "deal-closed"), ==, expected->deals_closed);
  g_assert_cmpuint (count (&w, "safety-order-filled"), ==, expected->safety_orders);
  g_assert_cmpuint (count (&w, "bot-started"), ==, 1);
  watch_clear (&w);
}

static void
test_bad_pair (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_autoptr(GPtrArray) deals = NULL;
  Watch w = { 0 };
  gboolean named = FALSE;

  /* a pair the market does not have, among good ones */
  g_strfreev (bot->product_ids);
  bot->product_ids = g_strsplit ("ETH-BTC,NOPE-BTC,XMR-BTC", ",", -1);
  add_bot (f->store_path, bot);
  g_assert_cmpint (run_engine (f, &w), ==, DCA_ENGINE_FINISHED);
  g_assert_cmpuint (count (&w, "bot-error"), >=, 1);
  for (guint i = 0; i < w.errors->len; i++)
    if (strstr (g_ptr_array_index (w.errors, i), "NOPE-BTC") != NULL)
      named = TRUE;
  g_assert_true (named);

  deals = stored_deals (f->store_path);
  g_assert_cmpuint (deals->len, >, 5);
  for (guint i = 0; i < deals->len; i++)
    g_assert_cmpstr (((StoredDeal *) g_ptr_array_index (deals, i))->deal->product_id, !=, "NOPE-BTC");
  watch_clear (&w);
}


/* What the test exchange around the paper one counted; with keep_answers
 * it loses none, and with stop_bot_id it stops that bot, from the engine's
 * thread, as the engine sends its first order: a deal is open at the stop. */
typedef struct
{
  guint       orders, lost, duplicates;
  gboolean    keep_answers;
  DcaEngine  *stop_engine;
  const char *stop_store_path;
  gint64      stop_bot_id;
  gboolean    stopped;
} LossyCounts;

static DcaExchange *wrap_lossy (DcaExchange *inner,
                                gpointer     data);

/* A bot stopped while it has a deal open: no new deal after the stop, but
 * its open deal is still managed to its exit. */
typedef struct
{
  const char *store_path;
  gint64      bot_id;
  gint64      stopped_at;  /* market time of the bot-stopped event */
} StopWatch;

static void
on_event_stop (DcaEngine      *engine,
               DcaEventRecord *event,
               StopWatch      *sw)
{
  if (g_strcmp0 (event->type, "bot-stopped") == 0)
    sw->stopped_at = event->time;
}

static void
test_stopped_bot_manages_deals (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Watch w = { 0 };
  StopWatch sw = { 0 };
  guint exits_after_stop = 0;

  LossyCounts stop = { 0 };

  /* the stop comes from the engine's thread as the first order goes out
   * (see wrap_lossy), so it lands while that deal is open whatever the
   * machine's load */
  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (f->store_path);
  settings.replay_dir = g_strdup (f->replay_dir);
  settings.speed = 0;
  settings.stop_at_end = TRUE;
  settings.wrap_exchange = wrap_lossy;
  settings.wrap_data = &stop;
  sw.bot_id = add_bot (f->store_path, bot);
  sw.store_path = f->store_path;
  stop.keep_answers = TRUE;
  stop.stop_store_path = f->store_path;
  stop.stop_bot_id = sw.bot_id;
  w.loop = g_main_loop_ref (loop);
  w.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.errors = g_ptr_array_new_with_free_func (g_free);
  engine = dca_engine_new (&settings);
  stop.stop_engine = engine;
  g_signal_connect (engine, "event", G_CALLBACK (on_event), &w);
  g_signal_connect (engine, "event", G_CALLBACK (on_event_stop), &sw);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), &w);
  g_assert_true (dca_engine_start (engine, &error));
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (stop.stopped);
  g_assert_cmpint (sw.stopped_at, >, 0);
  deals = stored_deals (f->store_path);
  g_assert_cmpuint (deals->len, >=, 1);
  for (guint i = 0; i < deals->len; i++)
    {
      StoredDeal *d = g_ptr_array_index (deals, i);

      g_assert_cmpint (d->deal->state.opened_at, <, sw.stopped_at);
      if (d->deal->state.closed_at >= sw.stopped_at)
        exits_after_stop++;
    }
  /* the deals open at the stop were managed after it (closed, here) */
  g_assert_cmpuint (exits_after_stop, >=, 1);
  watch_clear (&w);
}

/* Deal actions from a window: add funds to the first deal, then close it at
 * market; a cancel of a deal that bought is refused, saying why. */
typedef struct
{
  DcaEngine *engine;
  gint64     deal_id;
  guint      step;
  GError    *cancel_error;
  gboolean   funds_ok;
  gboolean   close_ok;
} Actions;

static void
closed_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Actions *a = data;

  a->close_ok = dca_engine_deal_action_finish (DCA_ENGINE (source), result, NULL);
}

static void
cancel_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Actions *a = data;

  g_assert_false (dca_engine_deal_action_finish (DCA_ENGINE (source), result, &a->cancel_error));
  dca_engine_deal_action (a->engine, a->deal_id, DCA_DEAL_ACTION_CLOSE, dca_decimal_zero (), NULL, closed_done, a);
}

static void
funds_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Actions *a = data;
  g_autoptr(GError) error = NULL;

  a->funds_ok = dca_engine_deal_action_finish (DCA_ENGINE (source), result, &error);
  g_assert_no_error (error);
  dca_engine_deal_action (a->engine, a->deal_id, DCA_DEAL_ACTION_CANCEL, dca_decimal_zero (), NULL, cancel_done, a);
}

static void
on_first_deal (DcaEngine      *engine,
               DcaEventRecord *event,
               Actions        *a)
{
  if (a->deal_id != 0 || g_strcmp0 (event->type, "deal-opened") != 0)
    return;
  a->deal_id = event->deal_id;
  dca_engine_deal_action (engine, a->deal_id, DCA_DEAL_ACTION_ADD_FUNDS, dca_decimal_from_units (1, 2), NULL,
                          funds_done, a);
}

static void
test_deal_actions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(DcaDealRecord) deal = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  Watch w = { 0 };
  Actions a = { 0 };
  gboolean manual_buy = FALSE;

  add_bot (f->store_path, bot);
  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (f->store_path);
  settings.replay_dir = g_strdup (f->replay_dir);
  settings.speed = 300000;
  settings.stop_at_end = TRUE;
  engine = dca_engine_new (&settings);
  a.engine = engine;
  w.loop = g_main_loop_ref (loop);
  w.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), &w);
  g_signal_connect (engine, "event", G_CALLBACK (on_first_deal), &a);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), &w);
  g_assert_true (dca_engine_start (engine, &error));
  g_main_loop_run (loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (a.funds_ok);
  g_assert_error (a.cancel_error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED);
  g_assert_nonnull (strstr (a.cancel_error->message, "close it instead"));
  g_clear_error (&a.cancel_error);
  g_assert_true (a.close_ok);
  g_assert_cmpuint (count (&w, "funds-added"), ==, 1);

  store = dca_store_open (f->store_path, &error);
  deal = dca_store_get_deal (store, a.deal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal->state.status, ==, DCA_DEAL_STATUS_CLOSED);
  g_assert_cmpint (deal->state.close_reason, ==, DCA_CLOSE_REASON_MANUAL);
  fills = dca_store_list_fills_of_deal (store, a.deal_id, &error);
  for (guint i = 0; i < fills->len; i++)
    if (((DcaFillRecord *) g_ptr_array_index (fills, i))->fill.kind == DCA_ORDER_KIND_MANUAL &&
        ((DcaFillRecord *) g_ptr_array_index (fills, i))->fill.side == DCA_SIDE_BUY)
      manual_buy = TRUE;
  g_assert_true (manual_buy);
  watch_clear (&w);
}

/* ---- an exchange that loses answers ------------------------------------- */

/* Around the paper exchange: every third order is placed, but the answer is
 * lost (a rate-limit error comes back instead), as when a connection drops
 * after the exchange took the order.  It remembers every client order id it
 * was asked to place: the engine must look an order up before it sends it
 * again, so no id may come twice. */
#define TEST_TYPE_LOSSY (test_lossy_get_type ())
G_DECLARE_FINAL_TYPE (TestLossy, test_lossy, TEST, LOSSY, GObject)

struct _TestLossy
{
  GObject      parent_instance;
  DcaExchange *inner;
  GHashTable  *placed;     /* client order ids sent to the inner exchange */
  guint        orders;
  guint        lost;
  guint        duplicates;
};

static void test_lossy_iface_init (DcaExchangeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestLossy, test_lossy, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DCA_TYPE_EXCHANGE, test_lossy_iface_init))

typedef gpointer (*RelayFinish) (DcaExchange *, GAsyncResult *, GError **);

typedef struct
{
  RelayFinish    finish;
  GDestroyNotify free;
} Relay;

static void
relay_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GTask *task = data;
  const Relay *relay = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer r = relay->finish (DCA_EXCHANGE (source), result, &error);

  if (r != NULL)
    g_task_return_pointer (task, r, relay->free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static gpointer
relay_finish (DcaExchange  *self,
              GAsyncResult *result,
              GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GTask *
relay_task (gpointer             self,
            const Relay         *relay,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, (gpointer) relay, NULL);
  return task;
}

static const Relay relay_products = { (RelayFinish) dca_exchange_list_products_finish,
                                      (GDestroyNotify) g_ptr_array_unref };
static const Relay relay_product = { (RelayFinish) dca_exchange_get_product_finish,
                                     (GDestroyNotify) dca_product_free };
static const Relay relay_candles = { (RelayFinish) dca_exchange_get_candles_finish,
                                     (GDestroyNotify) dca_candle_series_free };
static const Relay relay_ticker = { (RelayFinish) dca_exchange_get_ticker_finish,
                                    (GDestroyNotify) dca_ticker_free };
static const Relay relay_balances = { (RelayFinish) dca_exchange_list_balances_finish,
                                      (GDestroyNotify) g_ptr_array_unref };
static const Relay relay_order = { (RelayFinish) dca_exchange_get_order_finish,
                                   (GDestroyNotify) dca_exchange_order_free };
static const Relay relay_fills = { (RelayFinish) dca_exchange_list_fills_finish,
                                   (GDestroyNotify) g_ptr_array_unref };
static const Relay relay_cancel = { (RelayFinish) dca_exchange_cancel_orders_finish,
                                    (GDestroyNotify) g_strfreev };

static const char *
lossy_get_id (DcaExchange *self)
{
  return dca_exchange_get_id (TEST_LOSSY (self)->inner);
}

static gint64
lossy_get_time (DcaExchange *self)
{
  return dca_exchange_get_time (TEST_LOSSY (self)->inner);
}

static void
lossy_list_products (DcaExchange *self, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  dca_exchange_list_products (TEST_LOSSY (self)->inner, c, relay_done,
                              relay_task (self, &relay_products, c, cb, ud));
}

static void
lossy_get_product (DcaExchange *self, const char *id, GCancellable *c, GAsyncReadyCallback cb,
                   gpointer ud)
{
  dca_exchange_get_product (TEST_LOSSY (self)->inner, id, c, relay_done,
                            relay_task (self, &relay_product, c, cb, ud));
}

static void
lossy_get_candles (DcaExchange *self, const char *id, DcaTimeframe tf, gint64 start, gint64 end,
                   GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  dca_exchange_get_candles (TEST_LOSSY (self)->inner, id, tf, start, end, c, relay_done,
                            relay_task (self, &relay_candles, c, cb, ud));
}

static void
lossy_get_ticker (DcaExchange *self, const char *id, GCancellable *c, GAsyncReadyCallback cb,
                  gpointer ud)
{
  dca_exchange_get_ticker (TEST_LOSSY (self)->inner, id, c, relay_done,
                           relay_task (self, &relay_ticker, c, cb, ud));
}

static void
lossy_list_balances (DcaExchange *self, GCancellable *c, GAsyncReadyCallback cb, gpointer ud)
{
  dca_exchange_list_balances (TEST_LOSSY (self)->inner, c, relay_done,
                              relay_task (self, &relay_balances, c, cb, ud));
}

static void
lossy_get_order (DcaExchange *self, const char *id, const char *client_id, GCancellable *c,
                 GAsyncReadyCallback cb, gpointer ud)
{
  dca_exchange_get_order (TEST_LOSSY (self)->inner, id, client_id, c, relay_done,
                          relay_task (self, &relay_order, c, cb, ud));
}

static void
lossy_list_fills (DcaExchange *self, const char *id, GCancellable *c, GAsyncReadyCallback cb,
                  gpointer ud)
{
  dca_exchange_list_fills (TEST_LOSSY (self)->inner, id, c, relay_done,
                           relay_task (self, &relay_fills, c, cb, ud));
}

static void
lossy_cancel_orders (DcaExchange *self, const char * const *ids, GCancellable *c,
                     GAsyncReadyCallback cb, gpointer ud)
{
  dca_exchange_cancel_orders (TEST_LOSSY (self)->inner, ids, c, relay_done,
                              relay_task (self, &relay_cancel, c, cb, ud));
}

static void
lossy_placed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = data;
  TestLossy *self = g_task_get_source_object (task);
  GError *error = NULL;
  DcaExchangeOrder *order = dca_exchange_place_order_finish (DCA_EXCHANGE (source), result, &error);

  LossyCounts *counts = g_object_get_data (G_OBJECT (self), "counts");

  if (order == NULL)
    g_task_return_error (task, error);
  else if (++self->orders % 3 == 0 && !counts->keep_answers)
    {
      /* the exchange has the order; the engine never hears of it */
      self->lost++;
      dca_exchange_order_free (order);
      dca_exchange_set_rate_limited (&error, 1, "test: the answer was lost");
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, order, (GDestroyNotify) dca_exchange_order_free);
  g_object_unref (task);
}

static void
lossy_place_order (DcaExchange *exchange, const DcaOrderRequest *req, GCancellable *c,
                   GAsyncReadyCallback cb, gpointer ud)
{
  TestLossy *self = TEST_LOSSY (exchange);
  LossyCounts *counts = g_object_get_data (G_OBJECT (self), "counts");

  /* on the engine's thread, between its transactions: stop the bot */
  if (counts->stop_bot_id > 0 && !counts->stopped)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaStore) store = dca_store_open (counts->stop_store_path, &error);

      g_assert_no_error (error);
      g_assert_true (dca_store_set_bot_running (store, counts->stop_bot_id, FALSE, &error));
      dca_engine_reload_bots (counts->stop_engine);
      counts->stopped = TRUE;
    }
  if (g_hash_table_contains (self->placed, req->client_order_id))
    self->duplicates++;
  g_hash_table_add (self->placed, g_strdup (req->client_order_id));
  dca_exchange_place_order (self->inner, req, c, lossy_placed, g_task_new (self, c, cb, ud));
}

static void
test_lossy_iface_init (DcaExchangeInterface *iface)
{
  iface->get_id = lossy_get_id;
  iface->get_time = lossy_get_time;
  iface->list_products = lossy_list_products;
  iface->list_products_finish = (gpointer) relay_finish;
  iface->get_product = lossy_get_product;
  iface->get_product_finish = (gpointer) relay_finish;
  iface->get_candles = lossy_get_candles;
  iface->get_candles_finish = (gpointer) relay_finish;
  iface->get_ticker = lossy_get_ticker;
  iface->get_ticker_finish = (gpointer) relay_finish;
  iface->list_balances = lossy_list_balances;
  iface->list_balances_finish = (gpointer) relay_finish;
  iface->place_order = lossy_place_order;
  iface->place_order_finish = (gpointer) relay_finish;
  iface->get_order = lossy_get_order;
  iface->get_order_finish = (gpointer) relay_finish;
  iface->list_fills = lossy_list_fills;
  iface->list_fills_finish = (gpointer) relay_finish;
  iface->cancel_orders = lossy_cancel_orders;
  iface->cancel_orders_finish = (gpointer) relay_finish;
}

static void
test_lossy_finalize (GObject *object)
{
  TestLossy *self = TEST_LOSSY (object);
  LossyCounts *counts = g_object_get_data (object, "counts");

  counts->orders = self->orders;
  counts->lost = self->lost;
  counts->duplicates = self->duplicates;

  g_clear_object (&self->inner);
  g_hash_table_unref (self->placed);
  G_OBJECT_CLASS (test_lossy_parent_class)->finalize (object);
}

static void
test_lossy_class_init (TestLossyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_lossy_finalize;
}

static void
test_lossy_init (TestLossy *self)
{
  self->placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static DcaExchange *
wrap_lossy (DcaExchange *inner,
            gpointer     data)
{
  TestLossy *self = g_object_new (TEST_TYPE_LOSSY, NULL);

  self->inner = g_object_ref (inner);
  /* the counts outlive the engine's exchange: keep them in the test's struct */
  g_object_set_data (G_OBJECT (self), "counts", data);
  return DCA_EXCHANGE (self);
}

static void
test_lost_answers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_autoptr(GPtrArray) deals = NULL;
  LossyCounts counts = { 0 };
  Watch w = { 0 };

  add_bot (f->store_path, bot);
  g_assert_cmpint (run_engine_wrapped (f, &w, wrap_lossy, &counts), ==, DCA_ENGINE_FINISHED);
  g_test_message ("%u orders, %u answers lost", counts.orders, counts.lost);
  g_assert_cmpuint (counts.lost, >=, 5);
  /* each lost order was looked up, found and settled: never sent again */
  g_assert_cmpuint (counts.duplicates, ==, 0);
  g_assert_cmpuint (count (&w, "bot-error"), >=, 1);

  /* every order settled; every deal's totals are the sum of its fills */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DcaStore) store = dca_store_open (f->store_path, &error);
    g_autoptr(GPtrArray) unsettled = dca_store_list_unsettled_orders (store, "paper", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (unsettled->len, ==, 0);
  }
  deals = stored_deals (f->store_path);
  g_assert_cmpuint (deals->len, >, 10);
  for (guint i = 0; i < deals->len; i++)
    {
      StoredDeal *d = g_ptr_array_index (deals, i);
      DcaDecimal spent = dca_decimal_zero (), received = dca_decimal_zero ();

      for (guint j = 0; j < d->fills->len; j++)
        {
          const DcaFill *fill = &((DcaFillRecord *) g_ptr_array_index (d->fills, j))->fill;

          if (fill->side == DCA_SIDE_BUY)
            spent = dca_decimal_add (spent, fill->quote);
          else
            received = dca_decimal_add (received, fill->quote);
        }
      g_assert_true (dca_decimal_cmp (spent, d->deal->state.quote_spent) == 0);
      g_assert_true (dca_decimal_cmp (received, d->deal->state.quote_received) == 0);
    }
  watch_clear (&w);
}

/* ---- kill -9 ------------------------------------------------------------ */

static GPid
spawn_run_failing (const char *data_dir,
                   const char *replay_dir,
                   const char *failpoint)
{
  g_autofree char *cli = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli",
                                           "dcadesk-cli", NULL);
  g_autofree char *market = g_strdup_printf ("replay:%s", replay_dir);
  const char *argv[] = { cli, "run", "--market", market, "--speed", "max", "--until-end", "--quiet",
                         NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "DCADESK_DATA_DIR", data_dir, TRUE);
  g_autoptr(GError) error = NULL;
  GPid pid;

  envp = failpoint != NULL ? g_environ_setenv (envp, "DCADESK_FAILPOINT", failpoint, TRUE)
                           : g_environ_unsetenv (envp, "DCADESK_FAILPOINT");

  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static GPid
spawn_run (const char *data_dir,
           const char *replay_dir)
{
  return spawn_run_failing (data_dir, replay_dir, NULL);
}

/* Waits up to timeout_ms; returns TRUE with the status when it exited. */
static gboolean
wait_exit (GPid   pid,
           gint64 timeout_ms,
           int   *status)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      pid_t r = waitpid (pid, status, WNOHANG);

      if (r == pid)
        return TRUE;
      g_usleep (2000);
    }
  return FALSE;
}

static void
assert_all_settled (const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (store_path, &error);
  g_autoptr(GPtrArray) unsettled = dca_store_list_unsettled_orders (store, "paper", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (unsettled->len, ==, 0);
}

static void
test_kill_and_resume (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_autofree char *ref_dir = g_build_filename (f->data_dir, "reference", NULL);
  g_autofree char *kill_dir = g_build_filename (f->data_dir, "killed", NULL);
  g_autofree char *ref_store = g_build_filename (ref_dir, "dcadesk.db", NULL);
  g_autoptr(GPtrArray) reference = NULL;
  gint64 t0, full_ms;
  int status = 0;

  g_assert_cmpint (g_mkdir (ref_dir, 0700), ==, 0);
  add_bot (ref_store, bot);

  /* an uninterrupted run, timed */
  t0 = g_get_monotonic_time ();
  g_assert_true (wait_exit (spawn_run (ref_dir, f->replay_dir), 120000, &status));
  full_ms = (g_get_monotonic_time () - t0) / 1000;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  reference = stored_deals (ref_store);
  g_assert_cmpuint (reference->len, >, 10);

  /* the same run killed at random moments until it gets to the end, three
   * times over with shorter and shorter lives */
  for (guint seq = 0; seq < 3; seq++)
    {
      g_autofree char *dir = g_strdup_printf ("%s-%u", kill_dir, seq);
      g_autofree char *store = g_build_filename (dir, "dcadesk.db", NULL);
      g_autoptr(GPtrArray) resumed = NULL;
      guint kills = 0;

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      add_bot (store, bot);
      for (guint round = 0; round < 60; round++)
        {
          GPid pid = spawn_run (dir, f->replay_dir);
          gint64 after = g_test_rand_int_range (5, (gint32) MAX (full_ms / (3 + 3 * seq), 10));

          if (wait_exit (pid, after, &status))
            {
              g_assert_true (WIFEXITED (status));
              g_assert_cmpint (WEXITSTATUS (status), ==, 0);
              break;
            }
          kill (pid, SIGKILL);
          g_assert_true (wait_exit (pid, 10000, &status));
          if (WIFEXITED (status))
            {
              /* it finished just before the kill landed */
              g_assert_cmpint (WEXITSTATUS (status), ==, 0);
              break;
            }
          g_assert_true (WIFSIGNALED (status));
          kills++;
        }
      g_test_message ("sequence %u: killed %u times in a run that takes %" G_GINT64_FORMAT " ms",
                      seq, kills, full_ms);
      g_assert_cmpuint (kills, >=, 2);

      /* to the end, in case the rounds ran out */
      g_assert_true (wait_exit (spawn_run (dir, f->replay_dir), 120000, &status));
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      resumed = stored_deals (store);
      assert_same_deals (reference, resumed);
      assert_all_settled (store);
    }
}

/* Dies at the worst moments an order has (committed but not sent; sent but
 * its answer not read; a fill recorded but the next not), at several orders
 * of the run, and resumes: the same deals as a run that never died. */
static void
test_failpoints (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const points[] = { "before-send", "after-send", "after-fill" };
  g_autoptr(DcaBotConfig) bot = example_bot ();
  g_autofree char *ref_dir = g_build_filename (f->data_dir, "reference", NULL);
  g_autofree char *ref_store = g_build_filename (ref_dir, "dcadesk.db", NULL);
  g_autoptr(GPtrArray) reference = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir (ref_dir, 0700), ==, 0);
  add_bot (ref_store, bot);
  g_assert_true (wait_exit (spawn_run (ref_dir, f->replay_dir), 120000, &status));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  reference = stored_deals (ref_store);

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%s", f->data_dir, points[p]);
      g_autofree char *store = g_build_filename (dir, "dcadesk.db", NULL);
      g_autoptr(GPtrArray) resumed = NULL;
      guint deaths = 0;

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      add_bot (store, bot);
      /* die at the 1st order, then (counting afresh each run) every 7th */
      for (guint n = 1; deaths < 12; n = 7)
        {
          g_autofree char *fp = g_strdup_printf ("%s:%u", points[p], n);

          g_assert_true (wait_exit (spawn_run_failing (dir, f->replay_dir, fp), 120000, &status));
          g_assert_true (WIFEXITED (status));
          if (WEXITSTATUS (status) == 0)
            break;
          g_assert_cmpint (WEXITSTATUS (status), ==, 137);
          deaths++;
        }
      g_test_message ("%s: died %u times", points[p], deaths);
      g_assert_cmpuint (deaths, >=, 5);
      g_assert_true (wait_exit (spawn_run (dir, f->replay_dir), 120000, &status));
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      resumed = stored_deals (store);
      assert_same_deals (reference, resumed);
      assert_all_settled (store);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/engine/replay-equals-backtest", Fixture, NULL, fixture_set_up,
              test_replay_equals_backtest, fixture_tear_down);
  g_test_add ("/engine/bad-pair", Fixture, NULL, fixture_set_up, test_bad_pair, fixture_tear_down);
  g_test_add ("/engine/stopped-bot", Fixture, NULL, fixture_set_up, test_stopped_bot_manages_deals,
              fixture_tear_down);
  g_test_add ("/engine/deal-actions", Fixture, NULL, fixture_set_up, test_deal_actions, fixture_tear_down);
  g_test_add ("/engine/lost-answers", Fixture, NULL, fixture_set_up, test_lost_answers,
              fixture_tear_down);
  g_test_add ("/engine/kill-and-resume", Fixture, NULL, fixture_set_up, test_kill_and_resume,
              fixture_tear_down);
  g_test_add ("/engine/failpoints", Fixture, NULL, fixture_set_up, test_failpoints,
              fixture_tear_down);
  return g_test_run ();
}
