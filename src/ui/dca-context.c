/* dca-context.c: what the windows share: settings, the store, the engine */
#define G_LOG_DOMAIN "dca-context"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-bot.h"
#include "dca-context.h"
#include "dca-desktop-notifier.h"

struct _DcaContext
{
  GObject    parent_instance;

  GSettings *settings;
  DcaStore  *store;
  DcaEngine *engine;
  char      *store_path;
  DcaDesktopNotifier *notifier;
  DcaNotifyPrefs      notify_prefs;
};

G_DEFINE_FINAL_TYPE (DcaContext, dca_context, G_TYPE_OBJECT)

enum
{
  SIGNAL_EVENT,
  SIGNAL_BOTS_CHANGED,
  SIGNAL_ENGINE_CHANGED,
  SIGNAL_NOTIFICATION,
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_engine_event (DcaEngine      *engine,
                 DcaEventRecord *event,
                 DcaContext     *self)
{
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event);
  if (event->bot_id != 0 || event->deal_id != 0)
    g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
}

static void
on_engine_notification (DcaEngine       *engine,
                        DcaNotification *n,
                        DcaContext      *self)
{
  dca_desktop_notifier_notify (self->notifier, n);
  g_signal_emit (self, signals[SIGNAL_NOTIFICATION], 0, n);
}

static void
on_notifier_activated (DcaDesktopNotifier *notifier,
                       gint64              notification_id,
                       gint64              bot_id,
                       gint64              deal_id,
                       DcaContext         *self)
{
  if (notification_id > 0)
    dca_notifications_mark_read (self->store, notification_id, NULL);
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, notification_id, bot_id, deal_id);
}

/* a notify-* key changed: the notifier and the engine follow */
static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     DcaContext *self)
{
  if (key != NULL && !g_str_has_prefix (key, "notify-"))
    return;
  dca_notify_prefs_load_settings (&self->notify_prefs, settings);
  dca_desktop_notifier_set_prefs (self->notifier, &self->notify_prefs);
  if (self->engine != NULL)
    dca_engine_set_notification_types (self->engine, self->notify_prefs.in_app_mask);
}

static void
on_engine_status (DcaEngine  *engine,
                  DcaContext *self)
{
  g_signal_emit (self, signals[SIGNAL_ENGINE_CHANGED], 0);
}

/* A setting the engine runs with changed: it stops after the evaluation it
 * is in and starts again with the new one (a running engine only). */
static void
restart_engine (DcaContext *self)
{
  g_autoptr(GError) error = NULL;

  if (self->engine == NULL)
    return;
  dca_engine_stop (self->engine);
  g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  if (!dca_context_start_engine (self, &error))
    g_warning ("%s", error->message);
  g_signal_emit (self, signals[SIGNAL_ENGINE_CHANGED], 0);
}

DcaContext *
dca_context_new (const char *store_path,
                 GSettings  *settings,
                 GError    **error)
{
  g_autoptr(DcaContext) self = g_object_new (DCA_TYPE_CONTEXT, NULL);

  self->store_path = store_path ? g_strdup (store_path) : dca_store_default_path ();
  self->settings = g_object_ref (settings);
  self->store = dca_store_open (self->store_path, error);
  if (self->store == NULL)
    return NULL;
  g_signal_connect_object (settings, "changed::exchange", G_CALLBACK (restart_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::paper-market", G_CALLBACK (restart_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::replay-speed", G_CALLBACK (restart_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::paper-taker-fee", G_CALLBACK (restart_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::paper-maker-fee", G_CALLBACK (restart_engine), self, G_CONNECT_SWAPPED);
  self->notifier = dca_desktop_notifier_new (_("DCA Desk"), APP_ID);
  g_signal_connect_object (self->notifier, "activated", G_CALLBACK (on_notifier_activated), self, 0);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  on_settings_changed (settings, NULL, self);
  return g_steal_pointer (&self);
}

GSettings *
dca_context_get_settings (DcaContext *self)
{
  return self->settings;
}

DcaStore *
dca_context_get_store (DcaContext *self)
{
  return self->store;
}

DcaEngine *
dca_context_get_engine (DcaContext *self)
{
  return self->engine;
}

DcaDesktopNotifier *
dca_context_get_notifier (DcaContext *self)
{
  return self->notifier;
}

gboolean
dca_context_has_running_bots (DcaContext *self)
{
  g_autoptr(DcaEngineStatus) status = NULL;

  if (self->engine == NULL)
    return FALSE;
  status = dca_engine_get_status (self->engine);
  return (status->state == DCA_ENGINE_RUNNING || status->state == DCA_ENGINE_STARTING) && status->bots > 0;
}

/* The paper account's settings from GSettings; a value that is not a
 * decimal keeps the default and says so. */
static void
paper_settings_from (GSettings        *gs,
                     DcaPaperSettings *paper)
{
  static const struct { const char *key, *currency; } balances[] = {
    { "paper-start-btc", "BTC" },
    { "paper-start-usd", "USD" },
  };
  DcaDecimal d;

  for (guint i = 0; i < G_N_ELEMENTS (balances); i++)
    {
      g_autofree char *text = g_settings_get_string (gs, balances[i].key);

      if (dca_decimal_parse (text, &d, NULL) && dca_decimal_sign (d) >= 0)
        dca_paper_settings_set_balance (paper, balances[i].currency, d);
      else
        g_warning ("%s: “%s” is not an amount; the default is used", balances[i].key, text);
    }
  {
    g_autofree char *taker = g_settings_get_string (gs, "paper-taker-fee");
    g_autofree char *maker = g_settings_get_string (gs, "paper-maker-fee");

    if (dca_decimal_parse (taker, &d, NULL) && dca_decimal_sign (d) >= 0)
      paper->taker_fee = d;
    if (dca_decimal_parse (maker, &d, NULL) && dca_decimal_sign (d) >= 0)
      paper->maker_fee = d;
  }
}

gboolean
dca_context_reset_paper_account (DcaContext *self,
                                 GError    **error)
{
  DcaPaperSettings paper;
  gboolean was_running = self->engine != NULL;
  gboolean ok;

  if (self->engine != NULL)
    {
      dca_engine_stop (self->engine);
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_clear_object (&self->engine);
    }
  dca_paper_settings_init (&paper);
  paper_settings_from (self->settings, &paper);
  ok = dca_paper_account_reset (self->store, &paper, error);
  dca_paper_settings_clear (&paper);
  if (was_running)
    {
      g_autoptr(GError) start_error = NULL;

      if (!dca_context_start_engine (self, &start_error))
        g_warning ("%s", start_error->message);
    }
  g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_ENGINE_CHANGED], 0);
  return ok;
}

gboolean
dca_context_start_engine (DcaContext *self,
                          GError    **error)
{
  g_auto(DcaEngineSettings) settings = { 0 };

  if (self->engine != NULL)
    return TRUE;
  dca_engine_settings_init (&settings);
  settings.store_path = g_strdup (self->store_path);
  settings.speed = g_settings_get_double (self->settings, "replay-speed");
  paper_settings_from (self->settings, &settings.paper);
  if (g_settings_get_enum (self->settings, "paper-market") == 1)
    settings.market = DCA_MARKET_LIVE;
  if (g_settings_get_enum (self->settings, "exchange") == 1)
    {
      g_free (settings.exchange);
      settings.exchange = g_strdup ("coinbase");
      settings.market = DCA_MARKET_LIVE;
    }
  self->engine = dca_engine_new (&settings);
  g_signal_connect_object (self->engine, "event", G_CALLBACK (on_engine_event), self, 0);
  g_signal_connect_object (self->engine, "status-changed", G_CALLBACK (on_engine_status), self, 0);
  g_signal_connect_object (self->engine, "notification", G_CALLBACK (on_engine_notification), self, 0);
  dca_engine_set_notification_types (self->engine, self->notify_prefs.in_app_mask);
  return dca_engine_start (self->engine, error);
}

void
dca_context_stop_engine (DcaContext *self)
{
  if (self->engine != NULL)
    dca_engine_stop (self->engine);
}

gint64
dca_context_create_bot_from_template (DcaContext  *self,
                                      const char  *template_name,
                                      GError     **error)
{
  g_autoptr(GPtrArray) templates = dca_builtin_templates ();
  g_autoptr(DcaBotRecord) record = NULL;
  DcaTemplate *tmpl = NULL;
  DcaBotConfig bot = { 0 };
  static const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC", NULL };
  g_autofree char *name = NULL;
  gint64 id;

  for (guint i = 0; i < templates->len; i++)
    if (g_strcmp0 (((DcaTemplate *) g_ptr_array_index (templates, i))->name, template_name) == 0)
      tmpl = g_ptr_array_index (templates, i);
  if (tmpl == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no template “%s”"), template_name);
      return 0;
    }
  /* Translators: the name of a first bot, e.g. "Balanced bot" */
  name = g_strdup_printf (_("%s bot"), tmpl->name);
  bot.name = name;
  bot.description = tmpl->description;
  bot.strategy_type = tmpl->config->type;
  bot.product_ids = (char **) pairs;
  bot.quote_currency = (char *) "BTC";
  bot.check_interval_seconds = g_settings_get_int (self->settings, "default-check-interval");
  bot.config = tmpl->config;
  record = dca_bot_record_from_config (&bot);
  record->running = TRUE;
  id = dca_store_insert_bot (self->store, record, error);
  if (id > 0)
    {
      if (self->engine != NULL)
        dca_engine_reload_bots (self->engine);
      g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
    }
  return id;
}

gint64
dca_context_clone_bot (DcaContext *self,
                       gint64      bot_id,
                       GError    **error)
{
  /* Translators: added to the name of a cloned bot */
  gint64 id = dca_bot_clone (self->store, bot_id, _(" (copy)"), error);

  if (id > 0)
    g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
  return id;
}

gboolean
dca_context_delete_bot (DcaContext *self,
                        gint64      bot_id,
                        GError    **error)
{
  if (!dca_store_delete_bot (self->store, bot_id, error))
    return FALSE;
  if (self->engine != NULL)
    dca_engine_reload_bots (self->engine);
  g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
  return TRUE;
}

void
dca_context_notify_bots_changed (DcaContext *self)
{
  if (self->engine != NULL)
    dca_engine_reload_bots (self->engine);
  g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
}

gboolean
dca_context_set_bot_running (DcaContext *self,
                             gint64      bot_id,
                             gboolean    running,
                             GError    **error)
{
  if (!dca_store_set_bot_running (self->store, bot_id, running, error))
    return FALSE;
  if (self->engine != NULL)
    dca_engine_reload_bots (self->engine);
  g_signal_emit (self, signals[SIGNAL_BOTS_CHANGED], 0);
  return TRUE;
}

static void
dca_context_dispose (GObject *object)
{
  DcaContext *self = DCA_CONTEXT (object);

  if (self->engine != NULL)
    dca_engine_stop (self->engine);
  g_clear_object (&self->engine);
  if (self->notifier != NULL)
    dca_desktop_notifier_flush (self->notifier);
  g_clear_object (&self->notifier);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (dca_context_parent_class)->dispose (object);
}

static void
dca_context_finalize (GObject *object)
{
  g_free (DCA_CONTEXT (object)->store_path);
  G_OBJECT_CLASS (dca_context_parent_class)->finalize (object);
}

static void
dca_context_class_init (DcaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dca_context_dispose;
  object_class->finalize = dca_context_finalize;

  /* an engine event, on the main thread */
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 1, DCA_TYPE_EVENT_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* bots or their deals changed: lists reload */
  signals[SIGNAL_BOTS_CHANGED] = g_signal_new ("bots-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the engine's status changed */
  /* a notification the engine made (stored when its id is not 0) */
  signals[SIGNAL_NOTIFICATION] = g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                               DCA_TYPE_NOTIFICATION | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* ::open (notification_id, bot_id, deal_id): a desktop notification was
   * clicked; the app shows the deal (or the bot) */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_ENGINE_CHANGED] = g_signal_new ("engine-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dca_context_init (DcaContext *self)
{
}
