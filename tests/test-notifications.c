/* test-notifications.c: notification texts, preferences, bursts, storage,
 * and the notifications a replay run stores */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dca-bot.h"
#include "dca-engine.h"
#include "dca-notifications.h"
#include "dca-store.h"

#include "test-util.h"

/* ---- from events ----------------------------------------------------------- */

static DcaNotification *
from_event (const char *type,
            const char *product_id,
            const char *message,
            const char *data)
{
  DcaEventRecord event = { 0 };

  event.id = 77;
  event.time = 1515000000;
  event.type = (char *) type;
  event.level = (char *) "info";
  event.bot_id = 3;
  event.deal_id = 9;
  event.product_id = (char *) product_id;
  event.message = (char *) message;
  event.data_json = (char *) data;
  return dca_notification_from_event (&event);
}

static void
test_from_event (void)
{
  g_autoptr(DcaNotification) opened = NULL;
  g_autoptr(DcaNotification) so = NULL;
  g_autoptr(DcaNotification) tp = NULL;
  g_autoptr(DcaNotification) trailing = NULL;
  g_autoptr(DcaNotification) sl = NULL;
  g_autoptr(DcaNotification) manual = NULL;
  g_autoptr(DcaNotification) bot_error = NULL;
  g_autoptr(DcaNotification) order_failed = NULL;
  g_autoptr(DcaNotification) engine_error = NULL;
  g_autoptr(DcaNotification) none = NULL;

  opened = from_event ("deal-opened", "ETH-BTC", "x",
                       "{\"bot_name\":\"Dip\",\"product_id\":\"ETH-BTC\",\"quote_currency\":\"BTC\","
                       "\"kind\":\"base\",\"price\":0.0871,\"base\":0.2,\"quote\":0.01742,\"fee\":0.0001}");
  g_assert_nonnull (opened);
  g_assert_cmpint (opened->type, ==, DCA_NOTIFICATION_DEAL_OPENED);
  g_assert_cmpint (opened->priority, ==, DCA_NOTIFICATION_PRIORITY_NORMAL);
  g_assert_cmpstr (opened->title, ==, "Deal opened: ETH-BTC");
  g_assert_cmpstr (opened->body, ==, "“Dip” bought for 0.01742 BTC at 0.0871");
  g_assert_cmpint (opened->bot_id, ==, 3);
  g_assert_cmpint (opened->deal_id, ==, 9);
  g_assert_cmpint (opened->event_id, ==, 77);
  g_assert_cmpint (opened->time, ==, 1515000000);

  so = from_event ("safety-order-filled", "ETH-BTC", "x",
                   "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"kind\":\"safety\",\"price\":0.085,"
                   "\"quote\":0.02,\"safety_order\":2,\"max_safety_orders\":5,\"average_price\":0.0861}");
  g_assert_cmpint (so->type, ==, DCA_NOTIFICATION_SAFETY_ORDER);
  g_assert_cmpstr (so->title, ==, "Safety order 2 of 5 filled: ETH-BTC");
  g_assert_cmpstr (so->body, ==, "“Dip” bought for 0.02 BTC at 0.085; average price now 0.0861");

  /* a close is one notification, typed by its reason */
  tp = from_event ("deal-closed", "LTC-BTC", "x",
                   "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"close_reason\":\"take_profit\","
                   "\"profit\":0.00015,\"profit_percentage\":1.5234,\"duration_seconds\":12000}");
  g_assert_cmpint (tp->type, ==, DCA_NOTIFICATION_TAKE_PROFIT);
  g_assert_cmpstr (tp->title, ==, "Take profit: LTC-BTC +1.52 %");
  g_assert_cmpstr (tp->body, ==, "“Dip” closed its deal with a profit of 0.00015 BTC (+1.52 %) after 3 h 20 min");
  g_assert_true (tp->has_profit_percentage);
  g_assert_cmpfloat_with_epsilon (tp->profit_percentage, 1.5234, 1e-12);

  {
    /* amounts to their currency's places, trailing zeros dropped */
    g_autoptr(DcaNotification) long_profit = NULL;
    g_autoptr(DcaNotification) usd = NULL;

    long_profit = from_event ("deal-closed", "LTC-BTC", "x",
                              "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"close_reason\":\"take_profit\","
                              "\"profit\":0.000725709137688794,\"profit_percentage\":1.45,\"duration_seconds\":600}");
    g_assert_cmpstr (long_profit->body, ==,
                     "“Dip” closed its deal with a profit of 0.00072571 BTC (+1.45 %) after 10 min");
    usd = from_event ("deal-opened", "BTC-USD", "x",
                      "{\"bot_name\":\"Dip\",\"quote_currency\":\"USD\",\"price\":16250.5,"
                      "\"quote\":100.004}");
    g_assert_cmpstr (usd->body, ==, "“Dip” bought for 100.00 USD at 16250.5");
  }

  trailing = from_event ("deal-closed", "LTC-BTC", "x",
                         "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\","
                         "\"close_reason\":\"trailing_take_profit\",\"profit\":0.0003,"
                         "\"profit_percentage\":2.1,\"duration_seconds\":200000}");
  g_assert_cmpint (trailing->type, ==, DCA_NOTIFICATION_TRAILING_TAKE_PROFIT);
  g_assert_cmpstr (trailing->title, ==, "Trailing take profit: LTC-BTC +2.10 %");
  g_assert_cmpstr (trailing->body, ==, "“Dip” closed its deal with a profit of 0.0003 BTC (+2.10 %) after 2 d 7 h");

  {
    g_autoptr(DcaNotification) started = NULL;

    started = from_event ("trailing-started", "LTC-BTC", "x",
                          "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"price\":0.0172,"
                          "\"trailing_deviation\":0.4,\"average_price\":0.0168}");
    g_assert_cmpint (started->type, ==, DCA_NOTIFICATION_TRAILING_STARTED);
    g_assert_cmpint (started->priority, ==, DCA_NOTIFICATION_PRIORITY_NORMAL);
    g_assert_cmpstr (started->title, ==, "Trailing take profit started: LTC-BTC");
    g_assert_cmpstr (started->body, ==,
                     "“Dip” reached its take profit at 0.0172; it sells once the price falls 0.4 % below its high");
    g_assert_cmpint (started->deal_id, ==, 9);
  }

  sl = from_event ("deal-closed", "XMR-BTC", "x",
                   "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"close_reason\":\"stop_loss\","
                   "\"profit\":-0.0003,\"profit_percentage\":-3,\"duration_seconds\":59}");
  g_assert_cmpint (sl->type, ==, DCA_NOTIFICATION_STOP_LOSS);
  g_assert_cmpint (sl->priority, ==, DCA_NOTIFICATION_PRIORITY_HIGH);
  g_assert_cmpstr (sl->title, ==, "Stop loss: XMR-BTC −3.00 %");
  g_assert_cmpstr (sl->body, ==, "“Dip” closed its deal with a loss of 0.0003 BTC (−3.00 %) after 0 min");
  g_assert_cmpstr (dca_notification_sound_id (sl), ==, "dialog-warning");

  manual = from_event ("deal-closed", "XMR-BTC", "x",
                       "{\"bot_name\":\"Dip\",\"quote_currency\":\"BTC\",\"close_reason\":\"manual\","
                       "\"profit\":0.001,\"profit_percentage\":0.5,\"duration_seconds\":3600}");
  g_assert_cmpint (manual->type, ==, DCA_NOTIFICATION_DEAL_CLOSED);
  g_assert_cmpstr (manual->title, ==, "Deal closed: XMR-BTC +0.50 %");

  bot_error = from_event ("bot-error", "NOPE-BTC",
                          "“Dip” stopped trading NOPE-BTC: unknown product; its other pairs go on", NULL);
  g_assert_cmpint (bot_error->type, ==, DCA_NOTIFICATION_BOT_ERROR);
  g_assert_cmpint (bot_error->priority, ==, DCA_NOTIFICATION_PRIORITY_URGENT);
  g_assert_cmpuint (dca_notification_priority_urgency (bot_error->priority), ==, 2);
  g_assert_cmpstr (bot_error->title, ==, "Bot error on NOPE-BTC");
  g_assert_cmpstr (bot_error->body, ==, "“Dip” stopped trading NOPE-BTC: unknown product; its other pairs go on");

  order_failed = from_event ("order-failed", "ETH-BTC", "the exchange refused the order", NULL);
  g_assert_cmpint (order_failed->type, ==, DCA_NOTIFICATION_BOT_ERROR);

  engine_error = from_event ("engine-error", NULL, "Coinbase is unreachable", NULL);
  g_assert_cmpint (engine_error->type, ==, DCA_NOTIFICATION_ENGINE_ERROR);
  g_assert_cmpstr (engine_error->title, ==, "Engine error");
  g_assert_cmpstr (engine_error->body, ==, "Coinbase is unreachable");

  /* not for a trader's ears: the take-profit event that comes with its
   * deal-closed event, bot starts, the replay's end */
  none = from_event ("take-profit", "ETH-BTC", "x", "{}");
  g_assert_null (none);
  none = from_event ("bot-started", NULL, "x", NULL);
  g_assert_null (none);
  none = from_event ("replay-finished", NULL, "x", NULL);
  g_assert_null (none);

  /* types round-trip as the store writes them */
  for (guint t = 0; t < DCA_NOTIFICATION_N_TYPES; t++)
    {
      DcaNotificationType back = DCA_NOTIFICATION_N_TYPES;

      g_assert_true (dca_notification_type_parse (dca_notification_type_to_string (t), &back));
      g_assert_cmpint (back, ==, t);
      g_assert_nonnull (dca_notification_type_label (t));
    }
  g_assert_false (dca_notification_type_parse ("nope", &(DcaNotificationType) { 0 }));
}

/* ---- preferences ------------------------------------------------------------ */

static void
test_prefs (void)
{
  DcaNotifyPrefs prefs;
  DcaNotification so = { .type = DCA_NOTIFICATION_SAFETY_ORDER };
  DcaNotification small = { .type = DCA_NOTIFICATION_TAKE_PROFIT, .has_profit_percentage = TRUE,
                            .profit_percentage = 0.4 };
  DcaNotification big_loss = { .type = DCA_NOTIFICATION_STOP_LOSS, .has_profit_percentage = TRUE,
                               .profit_percentage = -5 };
  DcaNotification error = { .type = DCA_NOTIFICATION_BOT_ERROR };

  dca_notify_prefs_init (&prefs);
  /* defaults: everything on, but no sound for safety orders */
  g_assert_true (dca_notify_prefs_wants_desktop (&prefs, &so));
  g_assert_false (dca_notify_prefs_wants_sound (&prefs, &so));
  g_assert_true (dca_notify_prefs_wants_sound (&prefs, &error));
  g_assert_true (dca_notify_prefs_wants_desktop (&prefs, &small));

  /* the minimum size keeps small closes in-app, not big losses nor errors */
  prefs.min_close_percentage = 0.5;
  g_assert_false (dca_notify_prefs_wants_desktop (&prefs, &small));
  g_assert_false (dca_notify_prefs_wants_sound (&prefs, &small));
  g_assert_true (dca_notify_prefs_wants_desktop (&prefs, &big_loss));
  g_assert_true (dca_notify_prefs_wants_desktop (&prefs, &error));
  small.profit_percentage = -0.5; /* at the edge: shown */
  g_assert_true (dca_notify_prefs_wants_desktop (&prefs, &small));

  /* a type turned off */
  prefs.desktop_mask &= ~DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_BOT_ERROR);
  g_assert_false (dca_notify_prefs_wants_desktop (&prefs, &error));
  g_assert_true (dca_notify_prefs_wants_sound (&prefs, &error));

  /* do not disturb: nothing on the desktop, no sound */
  prefs.do_not_disturb = TRUE;
  g_assert_false (dca_notify_prefs_wants_desktop (&prefs, &big_loss));
  g_assert_false (dca_notify_prefs_wants_sound (&prefs, &big_loss));
}

/* ---- bursts ------------------------------------------------------------------ */

static void
test_burst (void)
{
  g_autoptr(DcaNotifyBurst) b = dca_notify_burst_new (3, 60);
  DcaNotification opened = { .type = DCA_NOTIFICATION_DEAL_OPENED, .bot_id = 1, .deal_id = 5,
                             .priority = DCA_NOTIFICATION_PRIORITY_NORMAL };
  DcaNotification so = { .type = DCA_NOTIFICATION_SAFETY_ORDER, .bot_id = 1, .deal_id = 5,
                         .priority = DCA_NOTIFICATION_PRIORITY_NORMAL };
  DcaNotification sl = { .type = DCA_NOTIFICATION_STOP_LOSS, .bot_id = 1, .deal_id = 6,
                         .priority = DCA_NOTIFICATION_PRIORITY_HIGH };
  const gint64 s = G_USEC_PER_SEC;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  DcaNotificationPriority priority;
  gint64 bot_id, deal_id;

  /* three show at once, the next twenty are held */
  g_assert_true (dca_notify_burst_offer (b, &opened, 100 * s));
  g_assert_true (dca_notify_burst_offer (b, &so, 101 * s));
  g_assert_true (dca_notify_burst_offer (b, &so, 102 * s));
  g_assert_cmpint (dca_notify_burst_due (b), ==, 0);
  for (int i = 0; i < 19; i++)
    g_assert_false (dca_notify_burst_offer (b, &so, 103 * s + i * 100000));
  g_assert_false (dca_notify_burst_offer (b, &sl, 105 * s));
  g_assert_cmpuint (dca_notify_burst_n_held (b), ==, 20);
  /* told 2 s after the last one, at most 10 s after the first */
  g_assert_cmpint (dca_notify_burst_due (b), ==, 107 * s);
  g_assert_true (dca_notify_burst_take_summary (b, 107 * s, &title, &body, &priority, &bot_id, &deal_id));
  g_assert_cmpstr (title, ==, "20 more events from your bots");
  g_assert_cmpstr (body, ==, "1 stop loss, 19 safety orders filled");
  g_assert_cmpint (priority, ==, DCA_NOTIFICATION_PRIORITY_HIGH);
  g_assert_cmpint (bot_id, ==, 1);
  g_assert_cmpint (deal_id, ==, 0); /* two deals: none to open */
  g_assert_cmpuint (dca_notify_burst_n_held (b), ==, 0);
  g_assert_false (dca_notify_burst_take_summary (b, 107 * s, &(char *) { NULL }, &(char *) { NULL },
                                                 &priority, &bot_id, &deal_id));

  /* still within the minute: held again */
  g_assert_false (dca_notify_burst_offer (b, &so, 110 * s));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);
  g_assert_true (dca_notify_burst_take_summary (b, 112 * s, &title, &body, &priority, &bot_id, &deal_id));
  g_assert_cmpstr (title, ==, "1 more event from your bots");
  g_assert_cmpstr (body, ==, "1 safety order filled");
  g_assert_cmpint (deal_id, ==, 5);

  /* a stream that never pauses is told at most 10 s after its first */
  for (int i = 0; i < 50; i++)
    dca_notify_burst_offer (b, &so, 113 * s + i * s / 2);
  g_assert_cmpint (dca_notify_burst_due (b), ==, 123 * s);

  /* a quiet minute later, popups show one by one again */
  {
    g_autoptr(DcaNotifyBurst) c = dca_notify_burst_new (3, 60);

    for (int i = 0; i < 3; i++)
      g_assert_true (dca_notify_burst_offer (c, &so, (10 + i) * s));
    g_assert_false (dca_notify_burst_offer (c, &so, 69 * s));
    g_clear_pointer (&title, g_free);
    g_clear_pointer (&body, g_free);
    g_assert_true (dca_notify_burst_take_summary (c, 71 * s, &title, &body, &priority, &bot_id, &deal_id));
    /* in the 60 s before 100: the popup at 12 has gone, the summary counts */
    g_assert_true (dca_notify_burst_offer (c, &so, 100 * s));
    g_assert_true (dca_notify_burst_offer (c, &so, 101 * s));
    g_assert_false (dca_notify_burst_offer (c, &so, 102 * s));
    g_clear_pointer (&title, g_free);
    g_clear_pointer (&body, g_free);
    g_assert_true (dca_notify_burst_take_summary (c, 104 * s, &title, &body, &priority, &bot_id, &deal_id));
    g_assert_true (dca_notify_burst_offer (c, &so, 200 * s));
  }

  /* limit 0: never grouped */
  {
    g_autoptr(DcaNotifyBurst) never = dca_notify_burst_new (0, 60);

    for (int i = 0; i < 100; i++)
      g_assert_true (dca_notify_burst_offer (never, &so, s + i));
  }
}

/* ---- storage ------------------------------------------------------------------ */

static gint64
insert (DcaStore            *store,
        DcaNotificationType  type,
        const char          *title)
{
  DcaNotification n = { .type = type, .title = (char *) title, .body = (char *) "body",
                        .priority = DCA_NOTIFICATION_PRIORITY_NORMAL, .time = 1515000000 };
  g_autoptr(GError) error = NULL;
  gint64 id = dca_notifications_insert (store, &n, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_store (TestStore     *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DcaNotification) got = NULL;
  DcaNotification bad = { .type = DCA_NOTIFICATION_DEAL_OPENED, .title = (char *) "" };
  gint64 ids[5];

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("n%d", i);

      ids[i] = insert (f->store, i % 2 ? DCA_NOTIFICATION_STOP_LOSS : DCA_NOTIFICATION_DEAL_OPENED, title);
    }
  g_assert_cmpint (dca_notifications_count (f->store, FALSE, &error), ==, 5);
  g_assert_cmpint (dca_notifications_count (f->store, TRUE, &error), ==, 5);

  /* newest first, a page at a time */
  list = dca_notifications_list (f->store, FALSE, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((DcaNotification *) list->pdata[0])->title, ==, "n3");
  g_assert_cmpstr (((DcaNotification *) list->pdata[1])->title, ==, "n2");
  g_assert_cmpint (((DcaNotification *) list->pdata[0])->type, ==, DCA_NOTIFICATION_STOP_LOSS);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* read one, then the unread list skips it */
  g_assert_true (dca_notifications_mark_read (f->store, ids[4], &error));
  g_assert_no_error (error);
  g_assert_cmpint (dca_notifications_count (f->store, TRUE, &error), ==, 4);
  list = dca_notifications_list (f->store, TRUE, 0, 0, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((DcaNotification *) list->pdata[0])->title, ==, "n3");
  g_clear_pointer (&list, g_ptr_array_unref);
  got = dca_notifications_get (f->store, ids[4], &error);
  g_assert_no_error (error);
  g_assert_true (got->read);
  g_assert_cmpstr (got->body, ==, "body");
  g_assert_cmpint (got->bot_id, ==, 0);

  /* unknown ids say so and change nothing */
  g_assert_false (dca_notifications_mark_read (f->store, 999, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  g_assert_false (dca_notifications_delete (f->store, 999, &error));
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (dca_notifications_count (f->store, FALSE, &error), ==, 5);

  /* a notification without a title is refused */
  g_assert_cmpint (dca_notifications_insert (f->store, &bad, &error), ==, -1);
  g_assert_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* delete one, mark all read, delete all */
  g_assert_true (dca_notifications_delete (f->store, ids[0], &error));
  g_assert_cmpint (dca_notifications_count (f->store, FALSE, &error), ==, 4);
  g_assert_true (dca_notifications_mark_read (f->store, 0, &error));
  g_assert_cmpint (dca_notifications_count (f->store, TRUE, &error), ==, 0);
  g_assert_true (dca_notifications_delete (f->store, 0, &error));
  g_assert_cmpint (dca_notifications_count (f->store, FALSE, &error), ==, 0);
  g_assert_no_error (error);
}

/* The unread count and a page deep down stay on the indexes with 100,000. */
static void
test_store_many (TestStore     *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;

  g_assert_true (dca_store_begin (f->store, &error));
  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *title = g_strdup_printf ("n%d", i);

      insert (f->store, DCA_NOTIFICATION_SAFETY_ORDER, title);
    }
  g_assert_true (dca_store_commit (f->store, &error));
  g_assert_true (dca_notifications_mark_read (f->store, 50000, &error));
  g_assert_cmpint (dca_notifications_count (f->store, FALSE, &error), ==, 100000);
  g_assert_cmpint (dca_notifications_count (f->store, TRUE, &error), ==, 99999);
  page = dca_notifications_list (f->store, FALSE, 99990, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpstr (((DcaNotification *) page->pdata[9])->title, ==, "n0");
}

/* ---- a replay run ------------------------------------------------------------ */

static const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC" };

typedef struct
{
  GMainLoop *loop;
  GPtrArray *signalled;   /* DcaNotification */
  GHashTable *events;     /* type -> count */
} Watch;

static void
on_notification (DcaEngine       *engine,
                 DcaNotification *n,
                 Watch           *w)
{
  g_ptr_array_add (w->signalled, dca_notification_copy (n));
}

static void
on_event (DcaEngine      *engine,
          DcaEventRecord *event,
          Watch          *w)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (w->events, event->type));

  g_hash_table_insert (w->events, g_strdup (event->type), GUINT_TO_POINTER (n + 1));
}

static void
on_stopped (DcaEngine *engine,
            Watch     *w)
{
  g_main_loop_quit (w->loop);
}

static guint
count_type (GPtrArray           *list,
            DcaNotificationType  type)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((DcaNotification *) list->pdata[i])->type == type;
  return n;
}

static void
test_engine_replay (TestStore     *f,
                    gconstpointer  data)
{
  g_autofree char *replay = test_replay_dir (f->dir, pairs, G_N_ELEMENTS (pairs));
  g_autofree char *bot_path = test_source_path ("data/bots/altcoin-dip-buyer.json");
  g_autofree char *text = NULL;
  g_autoptr(DcaBotConfig) config = NULL;
  g_autoptr(DcaBotRecord) record = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  Watch w = { 0 };
  guint in_app = DCA_NOTIFICATION_ALL_TYPES & ~DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_SAFETY_ORDER);
  guint closes;

  g_assert_true (g_file_get_contents (bot_path, &text, NULL, &error));
  config = dca_bot_config_parse_export (text, -1, &error);
  g_assert_no_error (error);
  /* one pair the market lacks: a bot error */
  g_strfreev (config->product_ids);
  config->product_ids = g_strsplit ("ETH-BTC,NOPE-BTC,LTC-BTC,XMR-BTC", ",", -1);
  record = dca_bot_record_from_config (config);
  record->running = TRUE;
  g_assert_cmpint (dca_store_insert_bot (f->store, record, &error), >, 0);
  g_assert_no_error (error);

  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (f->path);
  settings.replay_dir = g_strdup (replay);
  settings.speed = 0;
  settings.stop_at_end = TRUE;
  w.loop = g_main_loop_new (NULL, FALSE);
  w.signalled = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_notification_free);
  w.events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engine = dca_engine_new (&settings);
  /* the center does not keep safety orders here: none stored, all signalled */
  dca_engine_set_notification_types (engine, in_app);
  g_signal_connect (engine, "notification", G_CALLBACK (on_notification), &w);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), &w);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), &w);
  g_assert_true (dca_engine_start (engine, &error));
  g_main_loop_run (w.loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* one notification for each event that matters */
  closes = GPOINTER_TO_UINT (g_hash_table_lookup (w.events, "deal-closed"));
  g_assert_cmpuint (closes, >, 3);
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_DEAL_OPENED), ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (w.events, "deal-opened")));
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_SAFETY_ORDER), ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (w.events, "safety-order-filled")));
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_SAFETY_ORDER), >, 0);
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_TAKE_PROFIT) +
                    count_type (w.signalled, DCA_NOTIFICATION_TRAILING_TAKE_PROFIT) +
                    count_type (w.signalled, DCA_NOTIFICATION_STOP_LOSS) +
                    count_type (w.signalled, DCA_NOTIFICATION_DEAL_CLOSED), ==, closes);
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_TRAILING_TAKE_PROFIT), ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (w.events, "trailing-take-profit")));
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_BOT_ERROR), >=, 1);
  /* every close by trailing take profit was told when its trailing started */
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_TRAILING_STARTED), >=,
                    count_type (w.signalled, DCA_NOTIFICATION_TRAILING_TAKE_PROFIT));
  g_assert_cmpuint (count_type (w.signalled, DCA_NOTIFICATION_TRAILING_STARTED), ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (w.events, "trailing-started")));

  /* the store holds the same, safety orders left out, newest first, each
   * linked to its event, bot and deal */
  stored = dca_notifications_list (f->store, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==,
                    w.signalled->len - count_type (w.signalled, DCA_NOTIFICATION_SAFETY_ORDER));
  g_assert_cmpuint (count_type (stored, DCA_NOTIFICATION_SAFETY_ORDER), ==, 0);
  for (guint i = 0, j = w.signalled->len; i < stored->len; i++)
    {
      DcaNotification *s = stored->pdata[i];
      DcaNotification *sig;

      do
        sig = w.signalled->pdata[--j];
      while (sig->type == DCA_NOTIFICATION_SAFETY_ORDER);
      g_assert_cmpint (s->id, ==, sig->id);
      g_assert_cmpstr (s->title, ==, sig->title);
      g_assert_cmpstr (s->body, ==, sig->body);
      g_assert_cmpint (s->type, ==, sig->type);
      g_assert_cmpint (s->deal_id, ==, sig->deal_id);
      g_assert_cmpint (s->event_id, >, 0);
      g_assert_cmpint (s->bot_id, ==, record->id);
      g_assert_false (s->read);
      if (s->type != DCA_NOTIFICATION_BOT_ERROR)
        g_assert_cmpint (s->deal_id, >, 0);
      else
        g_assert_nonnull (strstr (s->body, "NOPE-BTC"));
    }
  /* the engine recorded the account's value at least hourly and after
   * each close (docs/analytics.md) */
  {
    g_autoptr(GPtrArray) snapshots = dca_store_list_account_snapshots (f->store, "paper", 0, 0, &error);
    DcaSnapshotRecord *first, *last;

    g_assert_no_error (error);
    g_assert_cmpuint (snapshots->len, >, 24 * 10);
    first = snapshots->pdata[0];
    last = snapshots->pdata[snapshots->len - 1];
    g_assert_cmpuint (snapshots->len, >=, (guint) ((last->time - first->time) / 3600));
    for (guint i = 0; i < snapshots->len; i++)
      {
        DcaSnapshotRecord *s = snapshots->pdata[i];

        g_assert_cmpstr (s->currency, ==, "BTC");
        g_assert_cmpint (dca_decimal_sign (s->value), >, 0);
        if (i > 0)
          g_assert_cmpint (s->time - ((DcaSnapshotRecord *) snapshots->pdata[i - 1])->time, <=, 3600 + 300);
      }
    g_assert_cmpuint (snapshots->len, >, (guint) ((last->time - first->time) / 3600) + closes / 2);
  }
  g_ptr_array_unref (w.signalled);
  g_hash_table_unref (w.events);
  g_main_loop_unref (w.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifications/from-event", test_from_event);
  g_test_add_func ("/notifications/prefs", test_prefs);
  g_test_add_func ("/notifications/burst", test_burst);
  g_test_add ("/notifications/store", TestStore, NULL, test_store_set_up, test_store, test_store_tear_down);
  g_test_add ("/notifications/store-many", TestStore, NULL, test_store_set_up, test_store_many,
              test_store_tear_down);
  g_test_add ("/notifications/engine-replay", TestStore, NULL, test_store_set_up, test_engine_replay,
              test_store_tear_down);
  return g_test_run ();
}
