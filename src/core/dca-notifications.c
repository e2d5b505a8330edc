/* dca-notifications.c: notification types, texts, rules, bursts and storage */
#define G_LOG_DOMAIN "dca-notifications"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dca-deal-types.h"
#include "dca-json.h"
#include "dca-notifications.h"
#include "dca-store-private.h"

/* ---- the struct ----------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (DcaNotification, dca_notification, dca_notification_copy, dca_notification_free)

DcaNotification *
dca_notification_copy (const DcaNotification *n)
{
  DcaNotification *copy = g_memdup2 (n, sizeof *n);

  copy->title = g_strdup (n->title);
  copy->body = g_strdup (n->body);
  copy->product_id = g_strdup (n->product_id);
  return copy;
}

void
dca_notification_free (DcaNotification *n)
{
  if (n == NULL)
    return;
  g_free (n->title);
  g_free (n->body);
  g_free (n->product_id);
  g_free (n);
}

static const char *const type_names[DCA_NOTIFICATION_N_TYPES] = {
  [DCA_NOTIFICATION_DEAL_OPENED] = "deal-opened",
  [DCA_NOTIFICATION_SAFETY_ORDER] = "safety-order",
  [DCA_NOTIFICATION_TAKE_PROFIT] = "take-profit",
  [DCA_NOTIFICATION_TRAILING_STARTED] = "trailing-started",
  [DCA_NOTIFICATION_TRAILING_TAKE_PROFIT] = "trailing-take-profit",
  [DCA_NOTIFICATION_STOP_LOSS] = "stop-loss",
  [DCA_NOTIFICATION_DEAL_CLOSED] = "deal-closed",
  [DCA_NOTIFICATION_BOT_ERROR] = "bot-error",
  [DCA_NOTIFICATION_ENGINE_ERROR] = "engine-error",
};

const char *
dca_notification_type_to_string (DcaNotificationType type)
{
  g_return_val_if_fail (type < DCA_NOTIFICATION_N_TYPES, NULL);
  return type_names[type];
}

gboolean
dca_notification_type_parse (const char          *str,
                             DcaNotificationType *type)
{
  for (guint i = 0; str != NULL && i < DCA_NOTIFICATION_N_TYPES; i++)
    if (strcmp (str, type_names[i]) == 0)
      {
        *type = (DcaNotificationType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dca_notification_type_label (DcaNotificationType type)
{
  switch (type)
    {
    case DCA_NOTIFICATION_DEAL_OPENED: return _("Deal opened");
    case DCA_NOTIFICATION_SAFETY_ORDER: return _("Safety order filled");
    case DCA_NOTIFICATION_TAKE_PROFIT: return _("Take profit");
    case DCA_NOTIFICATION_TRAILING_STARTED: return _("Trailing take profit started");
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT: return _("Trailing take profit");
    case DCA_NOTIFICATION_STOP_LOSS: return _("Stop loss");
    case DCA_NOTIFICATION_DEAL_CLOSED: return _("Deal closed");
    case DCA_NOTIFICATION_BOT_ERROR: return _("Bot error");
    case DCA_NOTIFICATION_ENGINE_ERROR: return _("Engine error");
    case DCA_NOTIFICATION_N_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *const priority_names[] = { "low", "normal", "high", "urgent" };

const char *
dca_notification_priority_to_string (DcaNotificationPriority priority)
{
  g_return_val_if_fail (priority <= DCA_NOTIFICATION_PRIORITY_URGENT, "normal");
  return priority_names[priority];
}

static DcaNotificationPriority
priority_parse (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (priority_names); i++)
    if (strcmp (str, priority_names[i]) == 0)
      return (DcaNotificationPriority) i;
  return DCA_NOTIFICATION_PRIORITY_NORMAL;
}

guint8
dca_notification_priority_urgency (DcaNotificationPriority priority)
{
  switch (priority)
    {
    case DCA_NOTIFICATION_PRIORITY_LOW: return 0;
    case DCA_NOTIFICATION_PRIORITY_NORMAL: return 1;
    case DCA_NOTIFICATION_PRIORITY_HIGH:
    case DCA_NOTIFICATION_PRIORITY_URGENT:
    default:
      return 2;
    }
}

static DcaNotificationPriority
type_priority (DcaNotificationType type)
{
  switch (type)
    {
    case DCA_NOTIFICATION_BOT_ERROR:
    case DCA_NOTIFICATION_ENGINE_ERROR:
      return DCA_NOTIFICATION_PRIORITY_URGENT;
    case DCA_NOTIFICATION_STOP_LOSS:
      return DCA_NOTIFICATION_PRIORITY_HIGH;
    case DCA_NOTIFICATION_DEAL_OPENED:
    case DCA_NOTIFICATION_SAFETY_ORDER:
    case DCA_NOTIFICATION_TAKE_PROFIT:
    case DCA_NOTIFICATION_TRAILING_STARTED:
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT:
    case DCA_NOTIFICATION_DEAL_CLOSED:
    case DCA_NOTIFICATION_N_TYPES:
    default:
      return DCA_NOTIFICATION_PRIORITY_NORMAL;
    }
}

const char *
dca_notification_sound_id (const DcaNotification *n)
{
  switch (n->type)
    {
    case DCA_NOTIFICATION_DEAL_OPENED:
    case DCA_NOTIFICATION_SAFETY_ORDER:
    case DCA_NOTIFICATION_TRAILING_STARTED:
      return "message-new-instant";
    case DCA_NOTIFICATION_TAKE_PROFIT:
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT:
      return "complete";
    case DCA_NOTIFICATION_DEAL_CLOSED:
      return n->has_profit_percentage && n->profit_percentage < 0 ? "dialog-warning" : "complete";
    case DCA_NOTIFICATION_STOP_LOSS:
      return "dialog-warning";
    case DCA_NOTIFICATION_BOT_ERROR:
    case DCA_NOTIFICATION_ENGINE_ERROR:
    case DCA_NOTIFICATION_N_TYPES:
    default:
      return "dialog-error";
    }
}

const char *
dca_notification_icon_name (DcaNotificationType type)
{
  switch (type)
    {
    case DCA_NOTIFICATION_DEAL_OPENED: return "list-add-symbolic";
    case DCA_NOTIFICATION_SAFETY_ORDER: return "go-down-symbolic";
    case DCA_NOTIFICATION_TRAILING_STARTED: return "go-up-symbolic";
    case DCA_NOTIFICATION_TAKE_PROFIT:
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT: return "emblem-ok-symbolic";
    case DCA_NOTIFICATION_STOP_LOSS: return "dialog-warning-symbolic";
    case DCA_NOTIFICATION_DEAL_CLOSED: return "object-select-symbolic";
    case DCA_NOTIFICATION_BOT_ERROR:
    case DCA_NOTIFICATION_ENGINE_ERROR:
    case DCA_NOTIFICATION_N_TYPES:
    default:
      return "dialog-error-symbolic";
    }
}

/* ---- from engine events --------------------------------------------------- */

/* An amount of the event's data, for reading: a price as written (up to 8
 * decimals), an amount of the quote currency to its usual places (2 for
 * fiat and dollar coins, 8 for crypto), trailing zeros dropped. */
static char *
format_amount (JsonObject *obj,
               const char *key,
               const char *currency)
{
  static const char *const fiat[] = { "USD", "EUR", "GBP", "USDC", "USDT", "DAI", NULL };
  JsonNode *node = obj ? json_object_get_member (obj, key) : NULL;
  guint places = currency != NULL && g_strv_contains (fiat, currency) ? 2 : 8;
  DcaDecimal d;
  char *text;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return g_strdup ("?");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (!dca_decimal_parse (json_node_get_string (node), &d, NULL))
        return g_strdup (json_node_get_string (node));
    }
  else if (!dca_decimal_from_double (json_node_get_double (node), &d, NULL))
    return g_strdup ("?");
  text = dca_decimal_to_string_places (dca_decimal_round_places (d, places, DCA_ROUND_HALF_EVEN), places);
  if (places == 8 && strchr (text, '.') != NULL)
    {
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len > 0 && text[len - 1] == '.')
        text[--len] = '\0';
    }
  return text;
}

static char *
member_amount (JsonObject *obj,
               const char *key)
{
  JsonNode *q = obj ? json_object_get_member (obj, "quote_currency") : NULL;
  const char *currency = q != NULL && json_node_get_value_type (q) == G_TYPE_STRING ? json_node_get_string (q) : NULL;

  /* prices keep 8 places whatever the quote currency */
  if (g_str_equal (key, "price") || g_str_equal (key, "average_price"))
    currency = NULL;
  return format_amount (obj, key, currency);
}

static const char *
member_string (JsonObject *obj,
               const char *key,
               const char *fallback)
{
  JsonNode *node = obj ? json_object_get_member (obj, key) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  return g_strdup_printf (_("%d d %d h"), (int) (seconds / 86400), (int) (seconds % 86400 / 3600));
}

static DcaNotification *
closed_notification (DcaNotification *n,
                     JsonObject      *data)
{
  DcaCloseReason reason = DCA_CLOSE_REASON_NONE;
  const char *bot = member_string (data, "bot_name", "?");
  const char *q = member_string (data, "quote_currency", "");
  g_autofree char *profit = member_amount (data, "profit");
  g_autofree char *duration = NULL;
  g_autofree char *pct = NULL;
  g_autofree char *signed_pct = NULL;
  double pct_value = 0;
  gboolean loss;

  dca_close_reason_parse (member_string (data, "close_reason", ""), &reason);
  if (data != NULL && json_object_has_member (data, "profit_percentage"))
    {
      pct_value = json_object_get_double_member (data, "profit_percentage");
      n->has_profit_percentage = TRUE;
      n->profit_percentage = pct_value;
    }
  loss = profit[0] == '-' || pct_value < 0;
  pct = g_strdup_printf ("%.2f", fabs (pct_value));
  signed_pct = g_strdup_printf ("%s%s %%", loss ? "−" : "+", pct);
  duration = format_duration (data != NULL && json_object_has_member (data, "duration_seconds")
                              ? json_object_get_int_member (data, "duration_seconds") : 0);

  switch (reason)
    {
    case DCA_CLOSE_REASON_TAKE_PROFIT:
    case DCA_CLOSE_REASON_CONDITIONS:
      n->type = DCA_NOTIFICATION_TAKE_PROFIT;
      /* TRANSLATORS: "Take profit: ETH-BTC +1.52 %" */
      n->title = g_strdup_printf (_("Take profit: %s %s"), n->product_id, signed_pct);
      break;
    case DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT:
      n->type = DCA_NOTIFICATION_TRAILING_TAKE_PROFIT;
      n->title = g_strdup_printf (_("Trailing take profit: %s %s"), n->product_id, signed_pct);
      break;
    case DCA_CLOSE_REASON_STOP_LOSS:
    case DCA_CLOSE_REASON_TRAILING_STOP_LOSS:
      n->type = DCA_NOTIFICATION_STOP_LOSS;
      n->title = g_strdup_printf (reason == DCA_CLOSE_REASON_STOP_LOSS ? _("Stop loss: %s %s")
                                                                       : _("Trailing stop loss: %s %s"),
                                  n->product_id, signed_pct);
      break;
    case DCA_CLOSE_REASON_NONE:
    case DCA_CLOSE_REASON_MANUAL:
    default:
      n->type = DCA_NOTIFICATION_DEAL_CLOSED;
      n->title = g_strdup_printf (_("Deal closed: %s %s"), n->product_id, signed_pct);
      break;
    }
  if (loss)
    /* TRANSLATORS: "“Bot” closed its deal with a loss of 0.0003 BTC (−3.00 %) after 2 d 4 h" */
    n->body = g_strdup_printf (_("“%s” closed its deal with a loss of %s %s (−%s %%) after %s"),
                               bot, profit + (profit[0] == '-'), q, pct, duration);
  else
    n->body = g_strdup_printf (_("“%s” closed its deal with a profit of %s %s (+%s %%) after %s"),
                               bot, profit, q, pct, duration);
  return n;
}

DcaNotification *
dca_notification_from_event (const DcaEventRecord *event)
{
  g_autoptr(DcaNotification) n = g_new0 (DcaNotification, 1);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *data = NULL;
  const char *type;

  g_return_val_if_fail (event != NULL && event->type != NULL, NULL);

  type = event->type;
  if (event->data_json != NULL && (root = dca_json_parse (event->data_json, -1, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    data = json_node_get_object (root);
  n->time = event->time;
  n->bot_id = event->bot_id;
  n->deal_id = event->deal_id;
  n->event_id = event->id;
  n->product_id = g_strdup (event->product_id ? event->product_id
                                              : member_string (data, "product_id", NULL));

  if (strcmp (type, "deal-opened") == 0)
    {
      g_autofree char *quote = member_amount (data, "quote");
      g_autofree char *price = member_amount (data, "price");

      n->type = DCA_NOTIFICATION_DEAL_OPENED;
      n->title = g_strdup_printf (_("Deal opened: %s"), n->product_id);
      /* TRANSLATORS: "“Bot” bought for 0.01 BTC at 0.0871" */
      n->body = g_strdup_printf (_("“%s” bought for %s %s at %s"),
                                 member_string (data, "bot_name", "?"), quote,
                                 member_string (data, "quote_currency", ""), price);
    }
  else if (strcmp (type, "safety-order-filled") == 0)
    {
      g_autofree char *quote = member_amount (data, "quote");
      g_autofree char *price = member_amount (data, "price");
      g_autofree char *avg = member_amount (data, "average_price");
      gint64 so = data && json_object_has_member (data, "safety_order")
                  ? json_object_get_int_member (data, "safety_order") : 0;
      gint64 max = data && json_object_has_member (data, "max_safety_orders")
                   ? json_object_get_int_member (data, "max_safety_orders") : 0;

      n->type = DCA_NOTIFICATION_SAFETY_ORDER;
      /* TRANSLATORS: "Safety order 2 of 5 filled: ETH-BTC" */
      n->title = g_strdup_printf (_("Safety order %d of %d filled: %s"), (int) so, (int) max,
                                  n->product_id);
      n->body = g_strdup_printf (_("“%s” bought for %s %s at %s; average price now %s"),
                                 member_string (data, "bot_name", "?"), quote,
                                 member_string (data, "quote_currency", ""), price, avg);
    }
  else if (strcmp (type, "trailing-started") == 0)
    {
      g_autofree char *price = member_amount (data, "price");
      g_autofree char *deviation = member_amount (data, "trailing_deviation");

      n->type = DCA_NOTIFICATION_TRAILING_STARTED;
      n->title = g_strdup_printf (_("Trailing take profit started: %s"), n->product_id);
      /* TRANSLATORS: "“Bot” reached its take profit at 0.0871; it sells once the price falls 0.4 % below its high" */
      n->body = g_strdup_printf (_("“%s” reached its take profit at %s; it sells once the price falls %s %% "
                                   "below its high"),
                                 member_string (data, "bot_name", "?"), price, deviation);
    }
  else if (strcmp (type, "deal-closed") == 0)
    closed_notification (n, data);
  else if (strcmp (type, "bot-error") == 0 || strcmp (type, "order-failed") == 0)
    {
      n->type = DCA_NOTIFICATION_BOT_ERROR;
      n->title = n->product_id != NULL ? g_strdup_printf (_("Bot error on %s"), n->product_id)
                                       : g_strdup (_("Bot error"));
      n->body = g_strdup (event->message ? event->message : "");
    }
  else if (strcmp (type, "engine-error") == 0)
    {
      n->type = DCA_NOTIFICATION_ENGINE_ERROR;
      n->title = g_strdup (_("Engine error"));
      n->body = g_strdup (event->message ? event->message : "");
    }
  else
    return NULL;
  n->priority = type_priority (n->type);
  /* a stop loss that did not lose (a trailing one above entry) is no alarm */
  if (n->type == DCA_NOTIFICATION_STOP_LOSS && n->has_profit_percentage && n->profit_percentage >= 0)
    n->priority = DCA_NOTIFICATION_PRIORITY_NORMAL;
  return g_steal_pointer (&n);
}

/* ---- preferences ----------------------------------------------------------- */

void
dca_notify_prefs_init (DcaNotifyPrefs *prefs)
{
  memset (prefs, 0, sizeof *prefs);
  prefs->desktop_mask = DCA_NOTIFICATION_ALL_TYPES;
  prefs->in_app_mask = DCA_NOTIFICATION_ALL_TYPES;
  prefs->sound_mask = DCA_NOTIFICATION_ALL_TYPES & ~DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_SAFETY_ORDER);
  prefs->burst_limit = 3;
  prefs->burst_window_seconds = 60;
}

static gboolean
is_close (DcaNotificationType type)
{
  return type == DCA_NOTIFICATION_TAKE_PROFIT || type == DCA_NOTIFICATION_TRAILING_TAKE_PROFIT ||
         type == DCA_NOTIFICATION_STOP_LOSS || type == DCA_NOTIFICATION_DEAL_CLOSED;
}

gboolean
dca_notify_prefs_wants_desktop (const DcaNotifyPrefs  *prefs,
                                const DcaNotification *n)
{
  if (prefs->do_not_disturb || (prefs->desktop_mask & DCA_NOTIFICATION_MASK (n->type)) == 0)
    return FALSE;
  if (is_close (n->type) && n->has_profit_percentage && prefs->min_close_percentage > 0 &&
      fabs (n->profit_percentage) < prefs->min_close_percentage)
    return FALSE;
  return TRUE;
}

gboolean
dca_notify_prefs_wants_sound (const DcaNotifyPrefs  *prefs,
                              const DcaNotification *n)
{
  if (prefs->do_not_disturb || (prefs->sound_mask & DCA_NOTIFICATION_MASK (n->type)) == 0)
    return FALSE;
  /* a close too small for a popup is too small for a sound */
  if (is_close (n->type) && n->has_profit_percentage && prefs->min_close_percentage > 0 &&
      fabs (n->profit_percentage) < prefs->min_close_percentage)
    return FALSE;
  return TRUE;
}

/* ---- bursts ---------------------------------------------------------------- */

#define QUIET_US (2 * G_USEC_PER_SEC)   /* tell the held ones after 2 s of quiet */
#define LONGEST_US (10 * G_USEC_PER_SEC) /* but at most 10 s after the first */

struct _DcaNotifyBurst
{
  guint    limit;
  gint64   window_us;
  GArray  *shown;                 /* gint64 times of recent popups */
  guint    held[DCA_NOTIFICATION_N_TYPES];
  guint    n_held;
  DcaNotificationPriority held_priority;
  gint64   held_bot_id, held_deal_id; /* -1: several */
  gint64   first_held, last_held;
};

DcaNotifyBurst *
dca_notify_burst_new (guint limit,
                      guint window_seconds)
{
  DcaNotifyBurst *b = g_new0 (DcaNotifyBurst, 1);

  b->shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  dca_notify_burst_set_limits (b, limit, window_seconds);
  return b;
}

void
dca_notify_burst_free (DcaNotifyBurst *b)
{
  if (b == NULL)
    return;
  g_array_unref (b->shown);
  g_free (b);
}

void
dca_notify_burst_set_limits (DcaNotifyBurst *b,
                             guint           limit,
                             guint           window_seconds)
{
  b->limit = limit;
  b->window_us = (gint64) MAX (window_seconds, 1) * G_USEC_PER_SEC;
}

static void
forget_old (DcaNotifyBurst *b,
            gint64          now_us)
{
  guint n = 0;

  while (n < b->shown->len && g_array_index (b->shown, gint64, n) <= now_us - b->window_us)
    n++;
  if (n > 0)
    g_array_remove_range (b->shown, 0, n);
}

gboolean
dca_notify_burst_offer (DcaNotifyBurst        *b,
                        const DcaNotification *n,
                        gint64                 now_us)
{
  forget_old (b, now_us);
  /* while some are held, later ones join them, so the order stays */
  if (b->limit == 0 || (b->n_held == 0 && b->shown->len < b->limit))
    {
      g_array_append_val (b->shown, now_us);
      return TRUE;
    }
  if (b->n_held == 0)
    {
      b->first_held = now_us;
      b->held_priority = n->priority;
      b->held_bot_id = n->bot_id;
      b->held_deal_id = n->deal_id;
    }
  b->held[n->type]++;
  b->n_held++;
  b->last_held = now_us;
  b->held_priority = MAX (b->held_priority, n->priority);
  if (b->held_bot_id != n->bot_id)
    b->held_bot_id = -1;
  if (b->held_deal_id != n->deal_id)
    b->held_deal_id = -1;
  return FALSE;
}

guint
dca_notify_burst_n_held (DcaNotifyBurst *b)
{
  return b->n_held;
}

gint64
dca_notify_burst_due (DcaNotifyBurst *b)
{
  if (b->n_held == 0)
    return 0;
  return MIN (b->last_held + QUIET_US, b->first_held + LONGEST_US);
}

static char *
held_phrase (DcaNotificationType type,
             guint               n)
{
  switch (type)
    {
    case DCA_NOTIFICATION_DEAL_OPENED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal opened", "%u deals opened", n), n);
    case DCA_NOTIFICATION_SAFETY_ORDER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u safety order filled", "%u safety orders filled", n), n);
    case DCA_NOTIFICATION_TAKE_PROFIT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u take profit", "%u take profits", n), n);
    case DCA_NOTIFICATION_TRAILING_STARTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u trailing take profit started", "%u trailing take profits started", n), n);
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u trailing take profit", "%u trailing take profits", n), n);
    case DCA_NOTIFICATION_STOP_LOSS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stop loss", "%u stop losses", n), n);
    case DCA_NOTIFICATION_DEAL_CLOSED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal closed", "%u deals closed", n), n);
    case DCA_NOTIFICATION_BOT_ERROR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bot error", "%u bot errors", n), n);
    case DCA_NOTIFICATION_ENGINE_ERROR:
    case DCA_NOTIFICATION_N_TYPES:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u engine error", "%u engine errors", n), n);
    }
}

gboolean
dca_notify_burst_take_summary (DcaNotifyBurst          *b,
                               gint64                   now_us,
                               char                   **title,
                               char                   **body,
                               DcaNotificationPriority *priority,
                               gint64                  *bot_id,
                               gint64                  *deal_id)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (b->n_held == 0)
    return FALSE;
  /* the most serious first: errors, stop losses, then the rest */
  for (int t = DCA_NOTIFICATION_N_TYPES - 1; t >= 0; t--)
    if (b->held[t] > 0)
      {
        g_autofree char *phrase = held_phrase ((DcaNotificationType) t, b->held[t]);

        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, phrase);
      }
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more event from your bots",
                                         "%u more events from your bots", b->n_held),
                            b->n_held);
  *body = g_string_free (g_steal_pointer (&text), FALSE);
  *priority = b->held_priority;
  *bot_id = MAX (b->held_bot_id, 0);
  *deal_id = MAX (b->held_deal_id, 0);
  memset (b->held, 0, sizeof b->held);
  b->n_held = 0;
  forget_old (b, now_us);
  g_array_append_val (b->shown, now_us);
  return TRUE;
}

/* ---- storage ---------------------------------------------------------------- */

#define COLUMNS "id, time, type, priority, title, body, read, bot_id, deal_id, product_id, event_id"


static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static DcaNotification *
read_row (sqlite3_stmt *stmt)
{
  DcaNotification *n = g_new0 (DcaNotification, 1);
  const char *product = (const char *) sqlite3_column_text (stmt, 9);
  DcaNotificationType type = DCA_NOTIFICATION_BOT_ERROR;

  n->id = sqlite3_column_int64 (stmt, 0);
  n->time = sqlite3_column_int64 (stmt, 1);
  /* a type a newer version wrote reads as a bot error: shown, not lost */
  dca_notification_type_parse ((const char *) sqlite3_column_text (stmt, 2), &type);
  n->type = type;
  n->priority = priority_parse ((const char *) sqlite3_column_text (stmt, 3));
  n->title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  n->body = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  n->read = sqlite3_column_int (stmt, 6) != 0;
  n->bot_id = sqlite3_column_int64 (stmt, 7);
  n->deal_id = sqlite3_column_int64 (stmt, 8);
  n->product_id = g_strdup (product);
  n->event_id = sqlite3_column_int64 (stmt, 10);
  return n;
}

gint64
dca_notifications_insert (DcaStore         *store,
                          DcaNotification  *n,
                          GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), -1);
  g_return_val_if_fail (n != NULL && n->type < DCA_NOTIFICATION_N_TYPES, -1);

  if (n->title == NULL || *n->title == '\0' || !g_utf8_validate (n->title, -1, NULL) ||
      (n->body != NULL && !g_utf8_validate (n->body, -1, NULL)))
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_INVALID,
                   "A notification needs a title in UTF-8");
      return -1;
    }
  stmt = dca_store_prepare (store,
                  "INSERT INTO notifications (time, type, priority, title, body, read, bot_id, "
                  "deal_id, product_id, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                  "Could not save the notification", error);
  if (stmt == NULL)
    return -1;
  if (n->time == 0)
    n->time = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_bind_int64 (stmt, 1, n->time);
  sqlite3_bind_text (stmt, 2, dca_notification_type_to_string (n->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, dca_notification_priority_to_string (n->priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, n->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, n->body ? n->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, n->read ? 1 : 0);
  bind_id_or_null (stmt, 7, n->bot_id);
  bind_id_or_null (stmt, 8, n->deal_id);
  if (n->product_id != NULL)
    sqlite3_bind_text (stmt, 9, n->product_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 9);
  bind_id_or_null (stmt, 10, n->event_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dca_store_fail (store, error, rc, "Could not save the notification");
      return -1;
    }
  n->id = sqlite3_last_insert_rowid (dca_store_get_db (store));
  return n->id;
}

DcaNotification *
dca_notifications_get (DcaStore  *store,
                       gint64     id,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  DcaNotification *n = NULL;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  stmt = dca_store_prepare (store, "SELECT " COLUMNS " FROM notifications WHERE id = ?1",
                  "Could not read the notification", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = read_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
                 "There is no notification %" G_GINT64_FORMAT, id);
  else
    dca_store_fail (store, error, rc, "Could not read the notification");
  sqlite3_finalize (stmt);
  return n;
}

GPtrArray *
dca_notifications_list (DcaStore  *store,
                        gboolean   unread_only,
                        guint      offset,
                        guint      limit,
                        GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_notification_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  stmt = dca_store_prepare (store,
                  unread_only
                  ? "SELECT " COLUMNS " FROM notifications WHERE read = 0 ORDER BY id DESC "
                    "LIMIT ?1 OFFSET ?2"
                  : "SELECT " COLUMNS " FROM notifications ORDER BY id DESC LIMIT ?1 OFFSET ?2",
                  "Could not read the notifications", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit != 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 2, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dca_store_fail (store, error, rc, "Could not read the notifications");
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
dca_notifications_count (DcaStore  *store,
                         gboolean   unread_only,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), -1);

  stmt = dca_store_prepare (store,
                  unread_only ? "SELECT count(*) FROM notifications WHERE read = 0"
                              : "SELECT count(*) FROM notifications",
                  "Could not count the notifications", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    dca_store_fail (store, error, rc, "Could not count the notifications");
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
change (DcaStore    *store,
        const char  *sql_one,
        const char  *sql_all,
        gint64       id,
        const char  *doing,
        GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), FALSE);

  if (id < 0)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_NOT_FOUND,
                   "There is no notification %" G_GINT64_FORMAT, id);
      return FALSE;
    }
  if (id > 0)
    {
      g_autoptr(DcaNotification) n = dca_notifications_get (store, id, error);

      if (n == NULL)
        return FALSE;
    }
  stmt = dca_store_prepare (store, id > 0 ? sql_one : sql_all, doing, error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dca_store_fail (store, error, rc, doing);
  return TRUE;
}

gboolean
dca_notifications_mark_read (DcaStore  *store,
                             gint64     id,
                             GError   **error)
{
  return change (store, "UPDATE notifications SET read = 1 WHERE id = ?1 AND read = 0",
                 "UPDATE notifications SET read = 1 WHERE read = 0", id,
                 "Could not mark the notifications read", error);
}

gboolean
dca_notifications_delete (DcaStore  *store,
                          gint64     id,
                          GError   **error)
{
  return change (store, "DELETE FROM notifications WHERE id = ?1", "DELETE FROM notifications", id,
                 "Could not delete the notifications", error);
}
