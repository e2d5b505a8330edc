/* test-desktop-notify.c: desktop notifications on a real session bus
 *
 * Runs under tests/run-with-notification-daemon.sh: python3-dbusmock's
 * notification daemon logs every Notify call to $DCADESK_TEST_NOTIFY_LOG,
 * and these tests read that log.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dca-bot.h"
#include "dca-desktop-notifier.h"
#include "dca-engine.h"
#include "dca-notifications.h"
#include "dca-store.h"

#include "test-util.h"

/* ---- the daemon's log -------------------------------------------------------- */

typedef struct
{
  guint  replaces_id;
  char  *summary;
  char  *body;
  int    urgency;
  char  *category;
  gboolean has_default_action;
} NotifyCall;

static void
notify_call_free (NotifyCall *c)
{
  g_free (c->summary);
  g_free (c->body);
  g_free (c->category);
  g_free (c);
}

/* A "..." string of dbusmock's log at *p; the strings we send hold no
 * ASCII double quote (bodies are markup-escaped). */
static char *
read_quoted (const char **p)
{
  const char *start, *end;

  while (**p == ' ')
    (*p)++;
  g_assert_cmpint (**p, ==, '"');
  start = *p + 1;
  end = strchr (start, '"');
  g_assert_nonnull (end);
  *p = end + 1;
  return g_strndup (start, end - start);
}

static gsize log_seen; /* bytes of the log the tests have consumed */
static guint last_id;  /* the id the daemon gave the latest new notification */

/* The Notify calls logged since the last call. */
static GPtrArray *
new_calls (void)
{
  const char *path = g_getenv ("DCADESK_TEST_NOTIFY_LOG");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) notify_call_free);
  gsize len = 0;

  g_assert_nonnull (path);
  if (!g_file_get_contents (path, &text, &len, NULL))
    return calls;
  g_assert_cmpuint (len, >=, log_seen);
  lines = g_strsplit (text + log_seen, "\n", -1);
  log_seen = len;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = strstr (lines[i], " Notify ");
      NotifyCall *c;
      g_autofree char *app = NULL;
      g_autofree char *icon = NULL;
      const char *u, *cat;

      if (p == NULL)
        continue;
      c = g_new0 (NotifyCall, 1);
      p += strlen (" Notify ");
      app = read_quoted (&p);
      c->replaces_id = (guint) g_ascii_strtoull (p, (char **) &p, 10);
      icon = read_quoted (&p);
      c->summary = read_quoted (&p);
      c->body = read_quoted (&p);
      c->has_default_action = strstr (p, "\"default\"") != NULL;
      u = strstr (p, "\"urgency\": ");
      g_assert_nonnull (u);
      c->urgency = atoi (u + strlen ("\"urgency\": "));
      cat = strstr (p, "\"category\": ");
      if (cat != NULL)
        {
          cat += strlen ("\"category\": ");
          c->category = read_quoted (&cat);
        }
      g_assert_cmpstr (icon, ==, APP_ID);
      /* the mock numbers new notifications 1, 2, 3 ... */
      if (c->replaces_id == 0)
        last_id++;
      g_ptr_array_add (calls, c);
    }
  return calls;
}

static guint
count_prefix (GPtrArray  *calls,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < calls->len; i++)
    n += g_str_has_prefix (((NotifyCall *) calls->pdata[i])->summary, prefix);
  return n;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* ---- a replay with every kind of event ----------------------------------------- */

typedef struct
{
  char *dir;
  char *replay_dir;
  char *store_path;
} Fixture;

static const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC", "ADA-BTC", "TRX-BTC" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dcadesk-desktop-XXXXXX", NULL);
  f->replay_dir = test_replay_dir (f->dir, pairs, G_N_ELEMENTS (pairs));
  f->store_path = g_build_filename (f->dir, "dcadesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->replay_dir);
  g_free (f->store_path);
}

/* Two bots: the bundled dip buyer (trailing take profit, safety orders)
 * with a pair the market lacks, and a tight one (plain take profit, a 3 %
 * stop loss). */
static void
add_bots (const char *store_path)
{
  g_autofree char *path = test_source_path ("data/bots/altcoin-dip-buyer.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (store_path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) root = json_from_string (text, &error);
      JsonObject *bot = json_object_get_object_member (json_node_get_object (root), "bot");
      JsonObject *c = json_object_get_object_member (bot, "strategy_config");
      JsonArray *products = json_array_new ();
      g_autofree char *edited = NULL;
      g_autoptr(DcaBotConfig) config = NULL;
      g_autoptr(DcaBotRecord) record = NULL;
      const char *const *list;
      static const char *const dip[] = { "ETH-BTC", "NOPE-BTC", "LTC-BTC", "XMR-BTC", NULL };
      static const char *const tight[] = { "ADA-BTC", "TRX-BTC", NULL };

      g_assert_no_error (error);
      list = i == 0 ? dip : tight;
      for (guint k = 0; list[k] != NULL; k++)
        json_array_add_string_element (products, list[k]);
      json_object_set_array_member (bot, "product_ids", products);
      if (i == 1)
        {
          json_object_set_string_member (bot, "name", "Tight & quick");
          json_object_set_boolean_member (c, "trailing_take_profit", FALSE);
          json_object_set_double_member (c, "take_profit_percentage", 1.5);
          json_object_set_double_member (c, "stop_loss_percentage", -3);
          json_object_set_int_member (c, "max_safety_orders", 1);
        }
      edited = json_to_string (root, FALSE);
      config = dca_bot_config_parse_export (edited, -1, &error);
      g_assert_no_error (error);
      record = dca_bot_record_from_config (config);
      record->running = TRUE;
      g_assert_cmpint (dca_store_insert_bot (store, record, &error), >, 0);
      g_assert_no_error (error);
    }
}

typedef struct
{
  GMainLoop          *loop;
  DcaEngine          *engine;
  DcaDesktopNotifier *notifier;
  GPtrArray          *notifications;
  gint64              closing_deal;
  gboolean            closed_by_hand;
} Run;

static void
close_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  run->closed_by_hand = dca_engine_deal_action_finish (DCA_ENGINE (source), result, &error);
  /* at full speed the deal may have closed by itself first: the next one */
  if (!run->closed_by_hand)
    {
      g_assert_error (error, DCA_ENGINE_ERROR, DCA_ENGINE_ERROR_REFUSED);
      run->closing_deal = 0;
    }
}

static void
on_notification (DcaEngine       *engine,
                 DcaNotification *n,
                 Run             *run)
{
  g_ptr_array_add (run->notifications, dca_notification_copy (n));
  dca_desktop_notifier_notify (run->notifier, n);
  /* a deal the tight bot opens is closed by hand */
  if (n->type == DCA_NOTIFICATION_DEAL_OPENED && run->closing_deal == 0 && !run->closed_by_hand &&
      g_str_has_prefix (n->product_id, "ADA"))
    {
      run->closing_deal = n->deal_id;
      dca_engine_deal_action (engine, n->deal_id, DCA_DEAL_ACTION_CLOSE, dca_decimal_zero (), NULL,
                              close_done, run);
    }
}

static void
on_stopped (DcaEngine *engine,
            Run       *run)
{
  g_main_loop_quit (run->loop);
}

static void
run_replay (Fixture            *f,
            Run                *run,
            DcaDesktopNotifier *notifier,
            const char         *replay_dir)
{
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (f->store_path);
  settings.replay_dir = g_strdup (replay_dir);
  settings.speed = 0;
  settings.stop_at_end = TRUE;
  run->loop = g_main_loop_new (NULL, FALSE);
  run->notifier = notifier;
  run->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_notification_free);
  engine = dca_engine_new (&settings);
  run->engine = engine;
  g_signal_connect (engine, "notification", G_CALLBACK (on_notification), run);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), run);
  dca_engine_start (engine, &error);
  g_main_loop_run (run->loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  run->engine = NULL;
  g_main_loop_unref (run->loop);
}

static const NotifyCall *
call_for (GPtrArray             *calls,
          const DcaNotification *n)
{
  g_autofree char *body = g_markup_escape_text (n->body, -1);

  for (guint i = 0; i < calls->len; i++)
    {
      const NotifyCall *c = calls->pdata[i];

      if (strcmp (c->summary, n->title) == 0 && strcmp (c->body, body) == 0)
        return c;
    }
  return NULL;
}

static void
test_replay_every_type (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DcaDesktopNotifier) notifier = dca_desktop_notifier_new ("DCA Desk", APP_ID);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) engine_calls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-market", NULL);
  DcaNotifyPrefs prefs;
  Run run = { 0 };
  Run failing = { 0 };
  guint seen[DCA_NOTIFICATION_N_TYPES] = { 0 };

  add_bots (f->store_path);
  dca_notify_prefs_init (&prefs);
  prefs.burst_limit = 0; /* each one on its own here */
  dca_desktop_notifier_set_prefs (notifier, &prefs);
  new_calls ();
  run_replay (f, &run, notifier, f->replay_dir);
  calls = new_calls ();
  g_assert_true (run.closed_by_hand);

  /* every notification of the run became one Notify call, with its
   * summary, body, urgency and a default action */
  g_assert_cmpuint (calls->len, ==, run.notifications->len);
  for (guint i = 0; i < run.notifications->len; i++)
    {
      const DcaNotification *n = run.notifications->pdata[i];
      const NotifyCall *c = call_for (calls, n);

      if (c == NULL)
        g_error ("no Notify call for “%s”: “%s”", n->title, n->body);
      g_assert_cmpint (c->urgency, ==, dca_notification_priority_urgency (n->priority));
      g_assert_true (c->has_default_action);
      g_assert_cmpuint (c->replaces_id, ==, 0);
      seen[n->type]++;
    }
  for (guint t = 0; t < DCA_NOTIFICATION_ENGINE_ERROR; t++)
    if (seen[t] == 0)
      g_error ("the replay made no “%s” notification", dca_notification_type_to_string (t));

  /* the kinds, as a trader reads them */
  g_assert_cmpuint (count_prefix (calls, "Deal opened: "), ==, seen[DCA_NOTIFICATION_DEAL_OPENED]);
  g_assert_cmpuint (count_prefix (calls, "Safety order "), ==, seen[DCA_NOTIFICATION_SAFETY_ORDER]);
  g_assert_cmpuint (count_prefix (calls, "Take profit: "), ==, seen[DCA_NOTIFICATION_TAKE_PROFIT]);
  g_assert_cmpuint (count_prefix (calls, "Trailing take profit: "), ==,
                    seen[DCA_NOTIFICATION_TRAILING_TAKE_PROFIT]);
  g_assert_cmpuint (count_prefix (calls, "Stop loss: XMR-BTC") + count_prefix (calls, "Stop loss: ADA-BTC") +
                    count_prefix (calls, "Stop loss: TRX-BTC") + count_prefix (calls, "Stop loss: ETH-BTC") +
                    count_prefix (calls, "Stop loss: LTC-BTC"), ==, seen[DCA_NOTIFICATION_STOP_LOSS]);
  g_assert_cmpuint (count_prefix (calls, "Deal closed: ADA-BTC"), ==, 1);
  g_assert_cmpuint (count_prefix (calls, "Bot error on NOPE-BTC"), >=, 1);
  for (guint i = 0; i < calls->len; i++)
    {
      const NotifyCall *c = calls->pdata[i];

      if (g_str_has_prefix (c->summary, "Stop loss: "))
        {
          g_assert_cmpint (c->urgency, ==, 2);
          g_assert_nonnull (strstr (c->body, "with a loss of"));
        }
      else if (g_str_has_prefix (c->summary, "Bot error"))
        {
          g_assert_cmpint (c->urgency, ==, 2);
          g_assert_nonnull (strstr (c->body, "NOPE-BTC"));
          /* what the bot does next */
          g_assert_nonnull (strstr (c->body, "its other pairs go on"));
          g_assert_cmpstr (c->category, ==, "x-dcadesk.error");
        }
      else
        {
          g_assert_cmpint (c->urgency, ==, 1);
          g_assert_cmpstr (c->category, ==, "x-dcadesk.deal");
        }
      /* the bot's name, markup-escaped for the daemon */
      if (strstr (c->body, "Tight") != NULL)
        g_assert_nonnull (strstr (c->body, "“Tight &amp; quick”"));
    }

  /* an engine that cannot start: an engine error, critical */
  run_replay (f, &failing, notifier, missing);
  engine_calls = new_calls ();
  g_assert_cmpuint (engine_calls->len, ==, 1);
  g_assert_cmpstr (((NotifyCall *) engine_calls->pdata[0])->summary, ==, "Engine error");
  g_assert_cmpint (((NotifyCall *) engine_calls->pdata[0])->urgency, ==, 2);
  g_assert_nonnull (strstr (((NotifyCall *) engine_calls->pdata[0])->body, "no-such-market"));

  g_ptr_array_unref (run.notifications);
  g_ptr_array_unref (failing.notifications);
}

/* ---- preferences and bursts, on the notifier alone -------------------------------- */

static DcaNotification *
make (DcaNotificationType type,
      gint64              deal_id,
      double              profit_percentage)
{
  DcaNotification *n = g_new0 (DcaNotification, 1);

  n->type = type;
  n->priority = type == DCA_NOTIFICATION_STOP_LOSS ? DCA_NOTIFICATION_PRIORITY_HIGH
                                                   : DCA_NOTIFICATION_PRIORITY_NORMAL;
  n->title = g_strdup_printf ("%s %" G_GINT64_FORMAT, dca_notification_type_to_string (type), deal_id);
  n->body = g_strdup ("body");
  n->bot_id = 1;
  n->deal_id = deal_id;
  n->has_profit_percentage = profit_percentage != 0;
  n->profit_percentage = profit_percentage;
  return n;
}

static void
on_sound (DcaDesktopNotifier *notifier,
          const char         *id,
          GPtrArray          *sounds)
{
  g_ptr_array_add (sounds, g_strdup (id));
}

static void
test_prefs (void)
{
  g_autoptr(DcaDesktopNotifier) notifier = dca_desktop_notifier_new ("DCA Desk", APP_ID);
  g_autoptr(GPtrArray) sounds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(DcaNotification) opened = make (DCA_NOTIFICATION_DEAL_OPENED, 1, 0);
  g_autoptr(DcaNotification) so = make (DCA_NOTIFICATION_SAFETY_ORDER, 1, 0);
  g_autoptr(DcaNotification) small_tp = make (DCA_NOTIFICATION_TAKE_PROFIT, 2, 0.3);
  g_autoptr(DcaNotification) big_tp = make (DCA_NOTIFICATION_TAKE_PROFIT, 3, 2.5);
  g_autoptr(DcaNotification) sl = make (DCA_NOTIFICATION_STOP_LOSS, 4, -3);
  DcaNotifyPrefs prefs;

  g_signal_connect (notifier, "sound", G_CALLBACK (on_sound), sounds);
  dca_notify_prefs_init (&prefs);
  prefs.burst_limit = 0;
  prefs.desktop_mask &= ~DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_SAFETY_ORDER);
  prefs.min_close_percentage = 0.5;
  dca_desktop_notifier_set_prefs (notifier, &prefs);
  new_calls ();

  dca_desktop_notifier_notify (notifier, opened);
  dca_desktop_notifier_notify (notifier, so);        /* type off: nothing */
  dca_desktop_notifier_notify (notifier, small_tp);  /* below the minimum: in-app only */
  dca_desktop_notifier_notify (notifier, big_tp);
  dca_desktop_notifier_notify (notifier, sl);
  calls = new_calls ();
  g_assert_cmpuint (calls->len, ==, 3);
  g_assert_cmpstr (((NotifyCall *) calls->pdata[0])->summary, ==, "deal-opened 1");
  g_assert_cmpstr (((NotifyCall *) calls->pdata[1])->summary, ==, "take-profit 3");
  g_assert_cmpstr (((NotifyCall *) calls->pdata[2])->summary, ==, "stop-loss 4");
  g_assert_cmpint (((NotifyCall *) calls->pdata[2])->urgency, ==, 2);
  /* sounds: none for safety orders by default, none for a small close */
  g_assert_cmpuint (sounds->len, ==, 3);
  g_assert_cmpstr (sounds->pdata[0], ==, "message-new-instant");
  g_assert_cmpstr (sounds->pdata[1], ==, "complete");
  g_assert_cmpstr (sounds->pdata[2], ==, "dialog-warning");

  /* do not disturb: no popup, no sound, and no app message either */
  prefs.do_not_disturb = TRUE;
  dca_desktop_notifier_set_prefs (notifier, &prefs);
  g_ptr_array_set_size (sounds, 0);
  dca_desktop_notifier_notify (notifier, sl);
  dca_desktop_notifier_message (notifier, "DCA Desk is still running", "body");
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = new_calls ();
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_cmpuint (sounds->len, ==, 0);
}

static void
test_burst (void)
{
  g_autoptr(DcaDesktopNotifier) notifier = dca_desktop_notifier_new ("DCA Desk", APP_ID);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) later = NULL;
  DcaNotifyPrefs prefs;
  const NotifyCall *summary;

  dca_notify_prefs_init (&prefs);
  dca_desktop_notifier_set_prefs (notifier, &prefs); /* 3 a minute */
  new_calls ();
  /* twenty safety orders in a crash, and a stop loss */
  for (int i = 0; i < 20; i++)
    {
      g_autoptr(DcaNotification) so = make (DCA_NOTIFICATION_SAFETY_ORDER, 10 + i % 4, 0);

      dca_desktop_notifier_notify (notifier, so);
    }
  {
    g_autoptr(DcaNotification) sl = make (DCA_NOTIFICATION_STOP_LOSS, 11, -4);

    dca_desktop_notifier_notify (notifier, sl);
  }
  calls = new_calls ();
  g_assert_cmpuint (calls->len, ==, 3);
  /* the rest, told once things are quiet for 2 s */
  wait_ms (2600);
  later = new_calls ();
  g_assert_cmpuint (later->len, ==, 1);
  summary = later->pdata[0];
  g_assert_cmpstr (summary->summary, ==, "18 more events from your bots");
  g_assert_cmpstr (summary->body, ==, "1 stop loss, 17 safety orders filled");
  g_assert_cmpint (summary->urgency, ==, 2);
  g_assert_cmpstr (summary->category, ==, "x-dcadesk.summary");
  g_assert_cmpuint (dca_desktop_notifier_get_n_shown (notifier), ==, 4);

  /* more in the same minute update that summary instead of adding one */
  {
    g_autoptr(DcaNotification) so = make (DCA_NOTIFICATION_SAFETY_ORDER, 10, 0);
    g_autoptr(GPtrArray) again = NULL;

    dca_desktop_notifier_notify (notifier, so);
    dca_desktop_notifier_flush (notifier);
    again = new_calls ();
    g_assert_cmpuint (again->len, ==, 1);
    g_assert_cmpstr (((NotifyCall *) again->pdata[0])->summary, ==, "1 more event from your bots");
    g_assert_cmpuint (((NotifyCall *) again->pdata[0])->replaces_id, >, 0);
  }
}

/* ---- clicking a popup --------------------------------------------------------- */

static void
on_activated (DcaDesktopNotifier *notifier,
              gint64              notification_id,
              gint64              bot_id,
              gint64              deal_id,
              gint64             *out)
{
  out[0] = notification_id;
  out[1] = bot_id;
  out[2] = deal_id;
}

static void
test_default_action (void)
{
  g_autoptr(DcaDesktopNotifier) notifier = dca_desktop_notifier_new ("DCA Desk", APP_ID);
  g_autoptr(DcaNotification) tp = make (DCA_NOTIFICATION_TAKE_PROFIT, 42, 2);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  gint64 got[3] = { 0 };
  DcaNotifyPrefs prefs;

  dca_notify_prefs_init (&prefs);
  prefs.burst_limit = 0;
  dca_desktop_notifier_set_prefs (notifier, &prefs);
  tp->id = 7;
  g_signal_connect (notifier, "activated", G_CALLBACK (on_activated), got);
  new_calls ();
  dca_desktop_notifier_notify (notifier, tp);
  calls = new_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  /* the daemon says the user clicked it */
  {
    GVariant *args[] = { g_variant_new_variant (g_variant_new_uint32 (last_id)),
                         g_variant_new_variant (g_variant_new_string ("default")) };

    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                         "/org/freedesktop/Notifications", "org.freedesktop.DBus.Mock",
                                         "EmitSignal",
                                         g_variant_new ("(sss@av)", "org.freedesktop.Notifications",
                                                        "ActionInvoked", "us",
                                                        g_variant_new_array (G_VARIANT_TYPE_VARIANT, args, 2)),
                                         NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
    g_assert_no_error (error);
  }
  for (int i = 0; i < 400 && got[2] == 0; i++)
    wait_ms (5);
  g_assert_cmpint (got[0], ==, 7);
  g_assert_cmpint (got[1], ==, 1);
  g_assert_cmpint (got[2], ==, 42);
}

/* ---- dcadesk-cli run and notifications ------------------------------------------ */

static char *
cli (const char *data_dir,
     int        *status,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli",
                                           "dcadesk-cli", NULL));
  va_start (ap, status);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "DCADESK_DATA_DIR", data_dir, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_cli_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *market = g_strdup_printf ("replay:%s", f->replay_dir);
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *unread = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean summary = FALSE;
  int status = -1;

  add_bots (f->store_path);
  new_calls ();
  out = cli (f->dir, &status, "run", "--market", market, "--speed", "max", "--until-end", "--quiet", NULL);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  calls = new_calls ();
  /* the defaults: three popups a minute, the rest in summaries */
  g_assert_cmpuint (calls->len, >=, 4);
  for (guint i = 0; i < calls->len; i++)
    if (strstr (((NotifyCall *) calls->pdata[i])->summary, "more events from your bots") != NULL)
      summary = TRUE;
  g_assert_true (summary);

  /* the center kept every one */
  listed = cli (f->dir, &status, "notifications", "list", "--json", NULL);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  list = json_from_string (listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), >, calls->len);
  {
    JsonObject *newest = json_array_get_object_element (json_node_get_array (list), 0);
    static const char *const keys[] = { "id", "time", "type", "priority", "title", "body", "read",
                                        "bot_id", "deal_id", "product_id" };

    g_assert_cmpuint (json_object_get_size (newest), ==, G_N_ELEMENTS (keys));
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      g_assert_true (json_object_has_member (newest, keys[k]));
    g_assert_false (json_object_get_boolean_member (newest, "read"));
  }

  g_free (cli (f->dir, &status, "notifications", "read", "--all", NULL));
  g_assert_true (g_spawn_check_wait_status (status, &error));
  unread = cli (f->dir, &status, "notifications", "list", "--unread", "--json", NULL);
  g_assert_cmpstr (g_strstrip (unread), ==, "[]");

  /* bad input: one line naming it, exit 2, nothing changed */
  g_free (cli (f->dir, &status, "notifications", "read", "999999", NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_free (cli (f->dir, &status, "notifications", "delete", NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_free (cli (f->dir, &status, "notifications", "delete", "abc", NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_free (cli (f->dir, &status, "notifications", "list", "--all", NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_free (cli (f->dir, &status, "notifications", "delete", "--all", NULL));
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_free (listed);
  listed = cli (f->dir, &status, "notifications", "list", "--json", NULL);
  g_assert_cmpstr (g_strstrip (listed), ==, "[]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/desktop/replay-every-type", Fixture, NULL, fixture_set_up, test_replay_every_type,
              fixture_tear_down);
  g_test_add_func ("/desktop/prefs", test_prefs);
  g_test_add_func ("/desktop/burst", test_burst);
  g_test_add_func ("/desktop/default-action", test_default_action);
  g_test_add ("/desktop/cli-run", Fixture, NULL, fixture_set_up, test_cli_run, fixture_tear_down);
  return g_test_run ();
}
