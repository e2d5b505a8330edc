/* dca-desktop-notifier.c: libnotify popups, burst summaries and GSound */
#define G_LOG_DOMAIN "dca-desktop-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsound.h>
#include <libnotify/notify.h>

#include "dca-desktop-notifier.h"

struct _DcaDesktopNotifier
{
  GObject             parent_instance;

  char               *desktop_entry;
  DcaNotifyPrefs      prefs;
  DcaNotifyBurst     *burst;
  guint               flush_source;
  NotifyNotification *summary;     /* the last summary: the next replaces it */
  GHashTable         *live;        /* NotifyNotification -> itself, until closed */
  GSoundContext      *sound;
  gboolean            sound_failed;
  gboolean            show_failed;
  guint               n_shown;
};

G_DEFINE_FINAL_TYPE (DcaDesktopNotifier, dca_desktop_notifier, G_TYPE_OBJECT)

enum
{
  SIGNAL_ACTIVATED,
  SIGNAL_SOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  DcaDesktopNotifier *self; /* weak */
  gint64              notification_id;
  gint64              bot_id;
  gint64              deal_id;
} Target;

gboolean
dca_desktop_notifier_daemon_present (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) names = NULL;
  const char *name = "org.freedesktop.Notifications";
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;
  names = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 2000,
                                       NULL, NULL);
  if (names != NULL)
    {
      g_autofree const char **list = NULL;

      g_variant_get (names, "(^a&s)", &list);
      return list != NULL && g_strv_contains (list, name);
    }
  return FALSE;
}

void
dca_notify_prefs_load_settings (DcaNotifyPrefs *prefs,
                                GSettings      *settings)
{
  static const char *const kinds[] = { "desktop", "in-app", "sound" };

  dca_notify_prefs_init (prefs);
  prefs->desktop_mask = prefs->in_app_mask = prefs->sound_mask = 0;
  for (guint t = 0; t < DCA_NOTIFICATION_N_TYPES; t++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *key = g_strdup_printf ("notify-%s-%s",
                                                dca_notification_type_to_string ((DcaNotificationType) t),
                                                kinds[k]);
        guint *mask = k == 0 ? &prefs->desktop_mask : k == 1 ? &prefs->in_app_mask : &prefs->sound_mask;

        if (g_settings_get_boolean (settings, key))
          *mask |= DCA_NOTIFICATION_MASK (t);
      }
  prefs->do_not_disturb = g_settings_get_boolean (settings, "notify-do-not-disturb");
  prefs->min_close_percentage = g_settings_get_double (settings, "notify-min-close-percentage");
  prefs->burst_limit = g_settings_get_uint (settings, "notify-burst-limit");
  prefs->burst_window_seconds = g_settings_get_uint (settings, "notify-burst-window");
}

GSettings *
dca_desktop_settings_try_new (const char *schema_id)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, schema_id, TRUE)) == NULL)
    return NULL;
  /* an older installed schema without these keys: the defaults */
  if (!g_settings_schema_has_key (schema, "notify-burst-window"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_closed (NotifyNotification *nn,
           DcaDesktopNotifier *self)
{
  if (nn == self->summary)
    g_clear_object (&self->summary);
  g_hash_table_remove (self->live, nn);
}

static void
on_default_action (NotifyNotification *nn,
                   char               *action,
                   gpointer            data)
{
  Target *t = data;

  if (t->self != NULL)
    g_signal_emit (t->self, signals[SIGNAL_ACTIVATED], 0, t->notification_id, t->bot_id, t->deal_id);
  notify_notification_close (nn, NULL);
}

static void
target_free (gpointer data)
{
  Target *t = data;

  g_clear_weak_pointer (&t->self);
  g_free (t);
}

static void
send (DcaDesktopNotifier      *self,
      NotifyNotification      *nn,
      DcaNotificationPriority  priority,
      gint64                   notification_id,
      gint64                   bot_id,
      gint64                   deal_id)
{
  g_autoptr(GError) error = NULL;
  Target *t = g_new0 (Target, 1);

  g_set_weak_pointer (&t->self, self);
  t->notification_id = notification_id;
  t->bot_id = bot_id;
  t->deal_id = deal_id;
  notify_notification_set_urgency (nn, (NotifyUrgency) dca_notification_priority_urgency (priority));
  notify_notification_set_hint_string (nn, "desktop-entry", self->desktop_entry);
  notify_notification_clear_actions (nn);
  /* TRANSLATORS: the button of a desktop notification that opens the deal */
  notify_notification_add_action (nn, "default", _("Open"), on_default_action, t, target_free);
  if (!g_hash_table_contains (self->live, nn))
    {
      g_hash_table_add (self->live, g_object_ref (nn));
      g_signal_connect (nn, "closed", G_CALLBACK (on_closed), self);
    }
  if (!notify_notification_show (nn, &error))
    {
      /* no daemon: say so once, then stay quiet; in-app goes on */
      if (!self->show_failed)
        g_message ("Desktop notifications are not shown: %s", error->message);
      self->show_failed = TRUE;
      g_hash_table_remove (self->live, nn);
      return;
    }
  self->n_shown++;
}

static NotifyNotification *
new_popup (DcaDesktopNotifier *self,
           const char         *title,
           const char         *body)
{
  /* the daemon may read the body as markup: a bot named "A & B" stays so */
  g_autofree char *escaped = g_markup_escape_text (body ? body : "", -1);

  return notify_notification_new (title, escaped, self->desktop_entry);
}

static void
show_summary (DcaDesktopNotifier *self)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped = NULL;
  DcaNotificationPriority priority;
  gint64 bot_id, deal_id;

  if (!dca_notify_burst_take_summary (self->burst, g_get_monotonic_time (), &title, &body, &priority,
                                      &bot_id, &deal_id))
    return;
  escaped = g_markup_escape_text (body, -1);
  if (self->summary == NULL)
    self->summary = notify_notification_new (title, escaped, self->desktop_entry);
  else
    notify_notification_update (self->summary, title, escaped, self->desktop_entry);
  notify_notification_set_category (self->summary, "x-dcadesk.summary");
  send (self, self->summary, priority, 0, bot_id, deal_id);
}

static gboolean
on_flush (gpointer data)
{
  DcaDesktopNotifier *self = data;

  self->flush_source = 0;
  show_summary (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (DcaDesktopNotifier *self)
{
  gint64 due = dca_notify_burst_due (self->burst);
  gint64 now = g_get_monotonic_time ();

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (due == 0)
    return;
  self->flush_source = g_timeout_add (due > now ? (guint) ((due - now + 999) / 1000) : 0, on_flush, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->flush_source),
                            "[dca-desktop-notifier] summary");
}

static void
play (DcaDesktopNotifier    *self,
      const DcaNotification *n)
{
  const char *id = dca_notification_sound_id (n);
  g_autoptr(GError) error = NULL;

  g_signal_emit (self, signals[SIGNAL_SOUND], 0, id);
  if (self->sound_failed)
    return;
  if (self->sound == NULL && (self->sound = gsound_context_new (NULL, &error)) == NULL)
    {
      g_debug ("no sounds: %s", error->message);
      self->sound_failed = TRUE;
      return;
    }
  if (!gsound_context_play_simple (self->sound, NULL, &error, GSOUND_ATTR_EVENT_ID, id,
                                   GSOUND_ATTR_EVENT_DESCRIPTION, n->title, NULL))
    g_debug ("could not play “%s”: %s", id, error->message);
}

void
dca_desktop_notifier_notify (DcaDesktopNotifier    *self,
                             const DcaNotification *n)
{
  g_return_if_fail (DCA_IS_DESKTOP_NOTIFIER (self));
  g_return_if_fail (n != NULL);

  if (dca_notify_prefs_wants_sound (&self->prefs, n))
    play (self, n);
  if (!dca_notify_prefs_wants_desktop (&self->prefs, n))
    return;
  if (dca_notify_burst_offer (self->burst, n, g_get_monotonic_time ()))
    {
      NotifyNotification *nn = new_popup (self, n->title, n->body);

      notify_notification_set_category (nn, n->type == DCA_NOTIFICATION_BOT_ERROR ||
                                            n->type == DCA_NOTIFICATION_ENGINE_ERROR
                                            ? "x-dcadesk.error" : "x-dcadesk.deal");
      send (self, nn, n->priority, n->id, n->bot_id, n->deal_id);
      g_object_unref (nn);
    }
  else
    schedule_flush (self);
}

void
dca_desktop_notifier_message (DcaDesktopNotifier *self,
                              const char         *title,
                              const char         *body)
{
  NotifyNotification *nn;

  g_return_if_fail (DCA_IS_DESKTOP_NOTIFIER (self));

  if (self->prefs.do_not_disturb)
    return;
  nn = new_popup (self, title, body);
  send (self, nn, DCA_NOTIFICATION_PRIORITY_NORMAL, 0, 0, 0);
  g_object_unref (nn);
}

void
dca_desktop_notifier_flush (DcaDesktopNotifier *self)
{
  g_return_if_fail (DCA_IS_DESKTOP_NOTIFIER (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  show_summary (self);
}

guint
dca_desktop_notifier_get_n_shown (DcaDesktopNotifier *self)
{
  g_return_val_if_fail (DCA_IS_DESKTOP_NOTIFIER (self), 0);
  return self->n_shown;
}

void
dca_desktop_notifier_set_prefs (DcaDesktopNotifier   *self,
                                const DcaNotifyPrefs *prefs)
{
  g_return_if_fail (DCA_IS_DESKTOP_NOTIFIER (self));

  self->prefs = *prefs;
  dca_notify_burst_set_limits (self->burst, prefs->burst_limit, prefs->burst_window_seconds);
}

const DcaNotifyPrefs *
dca_desktop_notifier_get_prefs (DcaDesktopNotifier *self)
{
  g_return_val_if_fail (DCA_IS_DESKTOP_NOTIFIER (self), NULL);
  return &self->prefs;
}

DcaDesktopNotifier *
dca_desktop_notifier_new (const char *app_name,
                          const char *desktop_entry)
{
  DcaDesktopNotifier *self = g_object_new (DCA_TYPE_DESKTOP_NOTIFIER, NULL);

  if (!notify_is_initted ())
    notify_init (app_name);
  self->desktop_entry = g_strdup (desktop_entry);
  return self;
}

static void
dca_desktop_notifier_dispose (GObject *object)
{
  DcaDesktopNotifier *self = DCA_DESKTOP_NOTIFIER (object);
  GHashTableIter iter;
  gpointer nn;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &nn, NULL))
    g_signal_handlers_disconnect_by_data (nn, self);
  g_hash_table_remove_all (self->live);
  g_clear_object (&self->summary);
  g_clear_object (&self->sound);
  G_OBJECT_CLASS (dca_desktop_notifier_parent_class)->dispose (object);
}

static void
dca_desktop_notifier_finalize (GObject *object)
{
  DcaDesktopNotifier *self = DCA_DESKTOP_NOTIFIER (object);

  g_hash_table_unref (self->live);
  dca_notify_burst_free (self->burst);
  g_free (self->desktop_entry);
  G_OBJECT_CLASS (dca_desktop_notifier_parent_class)->finalize (object);
}

static void
dca_desktop_notifier_class_init (DcaDesktopNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dca_desktop_notifier_dispose;
  object_class->finalize = dca_desktop_notifier_finalize;

  /* ::activated (notification_id, bot_id, deal_id): the user clicked a
   * popup; ids are 0 where there is none (a summary of several deals) */
  signals[SIGNAL_ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                            G_TYPE_INT64, G_TYPE_INT64);
  /* ::sound (event_id): a sound is asked of the sound server */
  signals[SIGNAL_SOUND] = g_signal_new ("sound", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dca_desktop_notifier_init (DcaDesktopNotifier *self)
{
  dca_notify_prefs_init (&self->prefs);
  self->burst = dca_notify_burst_new (self->prefs.burst_limit, self->prefs.burst_window_seconds);
  self->live = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
}
