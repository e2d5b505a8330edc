/* cli-run.c: dcadesk-cli run, the engine in the foreground */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dca-desktop-notifier.h"
#include "dca-engine.h"

#include "dcadesk-cli.h"

typedef struct
{
  GMainLoop *loop;
  DcaEngine *engine;
  gboolean   quiet;
  guint      events;
  DcaDesktopNotifier *notifier;
} RunContext;

static void
on_notification (DcaEngine       *engine,
                 DcaNotification *n,
                 RunContext      *run)
{
  if (run->notifier != NULL)
    dca_desktop_notifier_notify (run->notifier, n);
}

static void
on_event (DcaEngine      *engine,
          DcaEventRecord *event,
          RunContext     *run)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (event->time);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");

  run->events++;
  if (run->quiet && g_strcmp0 (event->level, "error") != 0)
    return;
  /* one line an event: time (market time), level, type, ids, message */
  printf ("%s %-7s %-20s", stamp, event->level, event->type);
  if (event->bot_id > 0)
    printf (" bot=%" G_GINT64_FORMAT, event->bot_id);
  if (event->deal_id > 0)
    printf (" deal=%" G_GINT64_FORMAT, event->deal_id);
  printf (" %s\n", event->message);
  fflush (stdout);
}

static void
on_stopped (DcaEngine  *engine,
            RunContext *run)
{
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer data)
{
  RunContext *run = data;

  /* stops after the evaluation in progress: nothing half-done */
  dca_engine_stop (run->engine);
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_time_up (gpointer data)
{
  RunContext *run = data;

  dca_engine_stop (run->engine);
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

int
cli_run (int    argc,
         char **argv)
{
  g_autofree char *exchange = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *market = NULL;
  g_autofree char *speed = NULL;
  g_auto(GStrv) balances = NULL;
  g_autofree char *taker = NULL;
  g_autofree char *maker = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *slippage = NULL;
  gboolean until_end = FALSE;
  gboolean quiet = FALSE;
  gboolean desktop = TRUE;
  int for_seconds = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "exchange", 0, 0, G_OPTION_ARG_STRING, &exchange, N_("The exchange (default: paper)"), "paper|coinbase" },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("Coinbase: the CDP API key file (else DCADESK_COINBASE_KEY_NAME and "
         "DCADESK_COINBASE_PRIVATE_KEY, else the keyring)"), "KEY.json" },
    { "market", 0, 0, G_OPTION_ARG_STRING, &market,
      N_("Market data: the bundled candle replay, a replay directory of PAIR-GRANULARITY.csv files, "
         "or live prices (default: replay)"), "replay[:DIR]|live" },
    { "speed", 0, 0, G_OPTION_ARG_STRING, &speed,
      N_("Replay speed: 1 is real time, 1000 a thousand times faster, max as fast as it can "
         "(default: 1)"), "N|max" },
    { "until-end", 0, 0, G_OPTION_ARG_NONE, &until_end, N_("Stop when the replay data ends"), NULL },
    { "for", 0, 0, G_OPTION_ARG_INT, &for_seconds, N_("Stop after this many seconds"), "SECONDS" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only"), NULL },
    { "no-desktop-notifications", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &desktop,
      N_("Do not show desktop notifications (they are shown when a notification daemon is on "
         "the session bus; the notification center keeps them either way)"), NULL },
    { "balance", 0, 0, G_OPTION_ARG_STRING_ARRAY, &balances,
      N_("Paper: a starting balance, used when the paper wallet is first created (default BTC=1 and "
         "USD=10000); repeat for more currencies"), "CURRENCY=AMOUNT" },
    { "taker-fee", 0, 0, G_OPTION_ARG_STRING, &taker, N_("Paper: the fee rate of market orders (default 0.006)"), "RATE" },
    { "maker-fee", 0, 0, G_OPTION_ARG_STRING, &maker, N_("Paper: the fee rate of limit orders (default 0.004)"), "RATE" },
    { "spread", 0, 0, G_OPTION_ARG_STRING, &spread, N_("Paper: the bid-ask spread as a fraction of the price (default 0)"), "FRACTION" },
    { "slippage", 0, 0, G_OPTION_ARG_STRING, &slippage, N_("Paper: slippage of market orders as a fraction (default 0)"), "FRACTION" },
    { NULL }
  };
  g_auto(DcaEngineSettings) settings = { 0 };
  g_autoptr(DcaEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(DcaEngineStatus) final = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaDesktopNotifier) notifier = NULL;
  g_autoptr(GSettings) app_settings = NULL;
  DcaNotifyPrefs prefs;
  RunContext run = { 0 };

  if (!cli_parse_options ("",
                          _("Runs the engine in the foreground: every running bot, and every "
                            "stopped bot with open deals, logging events one per line. Stops "
                            "cleanly on Ctrl+C (SIGINT) or SIGTERM; a later run resumes where it "
                            "stopped."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cli_fail_message (_("unexpected argument “%s”"), argv[1]);

  dca_engine_settings_init (&settings);
  if (exchange != NULL && strcmp (exchange, "paper") != 0 && strcmp (exchange, "coinbase") != 0)
    return cli_fail_message (_("--exchange: “%s” is not paper or coinbase"), exchange);
  if (exchange != NULL)
    {
      g_free (settings.exchange);
      settings.exchange = g_strdup (exchange);
    }
  settings.key_file = g_strdup (key_file);
  if (g_strcmp0 (exchange, "coinbase") == 0)
    {
      if (market != NULL && strcmp (market, "live") != 0)
        return cli_fail_message (_("--market: Coinbase trades on its live market only"));
      settings.market = DCA_MARKET_LIVE;
    }
  else if (market == NULL || strcmp (market, "replay") == 0)
    settings.market = DCA_MARKET_REPLAY;
  else if (g_str_has_prefix (market, "replay:") && market[7] != '\0')
    {
      settings.market = DCA_MARKET_REPLAY;
      settings.replay_dir = g_strdup (market + 7);
      if (!g_file_test (settings.replay_dir, G_FILE_TEST_IS_DIR))
        return cli_fail_message (_("--market: “%s” is not a directory"), settings.replay_dir);
    }
  else if (strcmp (market, "live") == 0)
    settings.market = DCA_MARKET_LIVE; /* paper on Coinbase's public prices */
  else
    return cli_fail_message (_("--market: “%s” is not replay, replay:DIR or live"), market);

  if (speed == NULL)
    settings.speed = 1;
  else if (strcmp (speed, "max") == 0)
    settings.speed = 0;
  else
    {
      char *end = NULL;
      double v = g_ascii_strtod (speed, &end);

      if (end == speed || *end != '\0' || !(v > 0) || v > 1e9)
        return cli_fail_message (_("--speed: “%s” is not a positive number or max"), speed);
      settings.speed = v;
    }
  if (for_seconds < 0)
    return cli_fail_message (_("--for: %d is not a number of seconds"), for_seconds);
  settings.stop_at_end = until_end;

  {
    struct { const char *name; const char *text; DcaDecimal *out; } rates[] = {
      { "--taker-fee", taker, &settings.paper.taker_fee },
      { "--maker-fee", maker, &settings.paper.maker_fee },
      { "--spread", spread, &settings.paper.spread },
      { "--slippage", slippage, &settings.paper.slippage },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
      if (rates[i].text != NULL &&
          (!dca_decimal_parse (rates[i].text, rates[i].out, NULL) || dca_decimal_sign (*rates[i].out) < 0 ||
           dca_decimal_cmp (*rates[i].out, dca_decimal_from_units (1, 1)) > 0))
        return cli_fail_message (_("%s: “%s” is not a fraction from 0 to 0.1 (0.006 is 0.6 %%)"),
                                 rates[i].name, rates[i].text);
  }
  if (balances != NULL)
    {
      /* the given balances replace the default ones */
      g_hash_table_remove_all (settings.paper.start_balances);
      for (guint i = 0; balances[i]; i++)
        {
          g_auto(GStrv) kv = g_strsplit (balances[i], "=", 2);
          DcaDecimal amount;

          if (g_strv_length (kv) != 2 || kv[0][0] == '\0' ||
              !dca_decimal_parse (kv[1], &amount, NULL) || dca_decimal_sign (amount) < 0)
            return cli_fail_message (_("--balance: “%s” is not CURRENCY=AMOUNT (e.g. BTC=0.5)"), balances[i]);
          dca_paper_settings_set_balance (&settings.paper, kv[0], amount);
        }
    }

  loop = g_main_loop_new (NULL, FALSE);
  engine = dca_engine_new (&settings);
  run.loop = loop;
  run.engine = engine;
  run.quiet = quiet;
  g_signal_connect (engine, "event", G_CALLBACK (on_event), &run);
  g_signal_connect (engine, "notification", G_CALLBACK (on_notification), &run);
  /* the app's notification preferences when its settings are installed */
  dca_notify_prefs_init (&prefs);
  if ((app_settings = dca_desktop_settings_try_new (APP_ID)) != NULL)
    dca_notify_prefs_load_settings (&prefs, app_settings);
  dca_engine_set_notification_types (engine, prefs.in_app_mask);
  if (desktop && dca_desktop_notifier_daemon_present ())
    {
      notifier = dca_desktop_notifier_new (_("DCA Desk"), APP_ID);
      dca_desktop_notifier_set_prefs (notifier, &prefs);
      run.notifier = notifier;
    }
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), &run);
  g_unix_signal_add (SIGINT, on_signal, &run);
  g_unix_signal_add (SIGTERM, on_signal, &run);
  if (for_seconds > 0)
    g_timeout_add_seconds ((guint) for_seconds, on_time_up, &run);

  if (!dca_engine_start (engine, &error))
    return cli_fail (g_steal_pointer (&error));
  g_main_loop_run (loop);
  dca_engine_stop (engine);
  /* events still queued for this context */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* what a burst held back is told before the program ends */
  if (notifier != NULL)
    dca_desktop_notifier_flush (notifier);

  final = dca_engine_get_status (engine);
  if (final->state == DCA_ENGINE_FAILED)
    return cli_fail_message ("%s", final->last_error ? final->last_error : _("the engine failed"));
  return 0;
}
