/* dca-notifications.h: what the bots did that a trader must learn at once
 *
 * The engine turns each of its events that matters to a trader (a deal
 * opened, a safety order filled, a deal closed by take profit, trailing take
 * profit, stop loss or by hand, a bot or engine error) into a notification,
 * stores it in the same transaction as the event (when the in-app center
 * wants that type) and hands it to its owner, who may show it on the desktop
 * (dca-desktop-notifier.h).  See docs/notifications.md.
 *
 * This part is pure core: the types, the texts, the preferences' rules, the
 * burst grouping (on a clock the caller passes) and the store's table.
 */
#pragma once

#include <glib-object.h>

#include "dca-decimal.h"
#include "dca-store.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_NOTIFICATION_DEAL_OPENED,
  DCA_NOTIFICATION_SAFETY_ORDER,
  DCA_NOTIFICATION_TAKE_PROFIT,
  DCA_NOTIFICATION_TRAILING_STARTED, /* take profit reached, trailing begins */
  DCA_NOTIFICATION_TRAILING_TAKE_PROFIT,
  DCA_NOTIFICATION_STOP_LOSS,
  DCA_NOTIFICATION_DEAL_CLOSED,  /* closed otherwise: by hand, ... */
  DCA_NOTIFICATION_BOT_ERROR,
  DCA_NOTIFICATION_ENGINE_ERROR,
  DCA_NOTIFICATION_N_TYPES
} DcaNotificationType;

#define DCA_NOTIFICATION_ALL_TYPES ((1u << DCA_NOTIFICATION_N_TYPES) - 1)
#define DCA_NOTIFICATION_MASK(type) (1u << (type))

/* As GNotificationPriority; on the freedesktop bus low is urgency 0,
 * normal 1, high and urgent 2 (critical), as GLib maps them. */
typedef enum
{
  DCA_NOTIFICATION_PRIORITY_LOW,
  DCA_NOTIFICATION_PRIORITY_NORMAL,
  DCA_NOTIFICATION_PRIORITY_HIGH,
  DCA_NOTIFICATION_PRIORITY_URGENT,
} DcaNotificationPriority;

typedef struct
{
  gint64                   id;          /* 0: not stored */
  gint64                   time;        /* the event's (market) time, unix seconds */
  DcaNotificationType      type;
  DcaNotificationPriority  priority;
  char                    *title;
  char                    *body;        /* plain text */
  gboolean                 read;
  gint64                   bot_id;      /* 0: none */
  gint64                   deal_id;     /* 0: none */
  char                    *product_id;  /* may be NULL */
  gint64                   event_id;    /* 0: none */
  /* not stored: a closed deal's result, for the minimum-size rule */
  gboolean                 has_profit_percentage;
  double                   profit_percentage;
} DcaNotification;

#define DCA_TYPE_NOTIFICATION (dca_notification_get_type ())
GType            dca_notification_get_type        (void);
DcaNotification *dca_notification_copy            (const DcaNotification *n);
void             dca_notification_free            (DcaNotification       *n);

/* "deal-opened", "safety-order", "take-profit", "trailing-started", "trailing-take-profit",
 * "stop-loss", "deal-closed", "bot-error", "engine-error" */
const char      *dca_notification_type_to_string  (DcaNotificationType    type);
gboolean         dca_notification_type_parse      (const char            *str,
                                                   DcaNotificationType   *type);
/* translated, for preferences: "Deal opened" ... */
const char      *dca_notification_type_label      (DcaNotificationType    type);
const char      *dca_notification_priority_to_string (DcaNotificationPriority priority);
/* the freedesktop urgency byte: 0 low, 1 normal, 2 critical */
guint8           dca_notification_priority_urgency (DcaNotificationPriority priority);
/* an XDG sound-theme event id ("complete", "dialog-warning", ...) */
const char      *dca_notification_sound_id        (const DcaNotification *n);
/* a symbolic icon name for lists */
const char      *dca_notification_icon_name       (DcaNotificationType    type);

/* The notification an engine event makes, or NULL for events a trader need
 * not hear of (a bot started, a replay finished, the take-profit event that
 * comes with its deal-closed event: the closing is one notification, typed
 * by the close reason). */
DcaNotification *dca_notification_from_event      (const DcaEventRecord  *event);

/* ---- preferences --------------------------------------------------------- */

typedef struct
{
  guint    desktop_mask;     /* DCA_NOTIFICATION_MASK (type), ORed */
  guint    in_app_mask;
  guint    sound_mask;
  gboolean do_not_disturb;   /* no desktop popups, no sounds; in-app goes on */
  /* a closed deal whose |profit %| is below this stays in-app only; 0: none */
  double   min_close_percentage;
  /* desktop popups shown one by one within burst_window_seconds before the
   * rest are grouped into one summary; 0: never group */
  guint    burst_limit;
  guint    burst_window_seconds;
} DcaNotifyPrefs;

/* everything on, except sounds for safety orders; 3 popups a minute */
void             dca_notify_prefs_init            (DcaNotifyPrefs        *prefs);
gboolean         dca_notify_prefs_wants_desktop   (const DcaNotifyPrefs  *prefs,
                                                   const DcaNotification *n);
gboolean         dca_notify_prefs_wants_sound     (const DcaNotifyPrefs  *prefs,
                                                   const DcaNotification *n);

/* ---- bursts -------------------------------------------------------------- */

/* Decides which desktop notifications show one by one and which wait to be
 * told in one summary.  Times are monotonic microseconds, passed in. */
typedef struct _DcaNotifyBurst DcaNotifyBurst;

DcaNotifyBurst  *dca_notify_burst_new             (guint                  limit,
                                                   guint                  window_seconds);
void             dca_notify_burst_free            (DcaNotifyBurst        *burst);
void             dca_notify_burst_set_limits      (DcaNotifyBurst        *burst,
                                                   guint                  limit,
                                                   guint                  window_seconds);
/* TRUE: show n now.  FALSE: it is held for the next summary. */
gboolean         dca_notify_burst_offer           (DcaNotifyBurst        *burst,
                                                   const DcaNotification *n,
                                                   gint64                 now_us);
guint            dca_notify_burst_n_held          (DcaNotifyBurst        *burst);
/* When the held ones should be told (0: none held): a short quiet time
 * after the last one held, at most a few seconds after the first. */
gint64           dca_notify_burst_due             (DcaNotifyBurst        *burst);
/* The summary of what is held, which is then forgotten.  A summary counts
 * as one popup of the burst.  *deal_id / *bot_id: the one deal (bot) all
 * held ones concern, else 0.  FALSE when nothing is held. */
gboolean         dca_notify_burst_take_summary    (DcaNotifyBurst        *burst,
                                                   gint64                 now_us,
                                                   char                 **title,
                                                   char                 **body,
                                                   DcaNotificationPriority *priority,
                                                   gint64                *bot_id,
                                                   gint64                *deal_id);

/* ---- the store's notifications table --------------------------------------
 * On the store's connection; inserts join the caller's transaction. */

gint64           dca_notifications_insert         (DcaStore              *store,
                                                   DcaNotification       *n,
                                                   GError               **error);
DcaNotification *dca_notifications_get            (DcaStore              *store,
                                                   gint64                 id,
                                                   GError               **error);
/* Newest first, a page at a time. */
GPtrArray       *dca_notifications_list           (DcaStore              *store,
                                                   gboolean               unread_only,
                                                   guint                  offset,
                                                   guint                  limit,
                                                   GError               **error);
gint64           dca_notifications_count          (DcaStore              *store,
                                                   gboolean               unread_only,
                                                   GError               **error);
/* id 0: all.  An unknown id is DCA_STORE_ERROR_NOT_FOUND. */
gboolean         dca_notifications_mark_read      (DcaStore              *store,
                                                   gint64                 id,
                                                   GError               **error);
gboolean         dca_notifications_delete         (DcaStore              *store,
                                                   gint64                 id,
                                                   GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaNotification, dca_notification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaNotifyBurst, dca_notify_burst_free)

G_END_DECLS
