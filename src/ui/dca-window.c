/* dca-window.c: the main window: engine status, the pages */
#define G_LOG_DOMAIN "dca-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-analytics-page.h"
#include "dca-bots-page.h"
#include "dca-charts-page.h"
#include "dca-dashboard-page.h"
#include "dca-deal-window.h"
#include "dca-deals-page.h"
#include "dca-notification-center.h"
#include "dca-portfolio.h"
#include "dca-portfolio-page.h"
#include "dca-window.h"

struct _DcaWindow
{
  AdwApplicationWindow  parent_instance;

  DcaContext           *context;

  AdwViewStack         *stack;
  DcaBotsPage          *bots_page;
  DcaDashboardPage     *dashboard_page;
  DcaDealsPage         *deals_page;
  DcaDealsPage         *history_page;
  DcaPortfolioPage     *portfolio_page;
  DcaChartsPage        *charts_page;
  DcaAnalyticsPage     *analytics_page;
  GtkLabel             *status_label;
  GtkImage             *status_icon;
  GtkLabel             *value_label;
  guint                 value_source;
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *bell_button;
  GtkPopover           *bell_popover;
  DcaNotificationCenter *notification_center;
  GtkLabel             *bell_badge;
  guint                 notifications_source;
};

G_DEFINE_FINAL_TYPE (DcaWindow, dca_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Paper · running · 12 Jan 2018 14:05" and an error icon with the message */
static void
update_status (DcaWindow *self)
{
  DcaEngine *engine = dca_context_get_engine (self->context);
  g_autoptr(DcaEngineStatus) status = engine ? dca_engine_get_status (engine) : NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *state;
  const char *exchange;

  if (status == NULL)
    {
      gtk_label_set_label (self->status_label, _("Engine stopped"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
      return;
    }
  switch (status->state)
    {
    case DCA_ENGINE_RUNNING: state = _("running"); break;
    case DCA_ENGINE_STARTING: state = _("starting"); break;
    case DCA_ENGINE_FINISHED: state = _("replay finished"); break;
    case DCA_ENGINE_FAILED: state = _("failed"); break;
    case DCA_ENGINE_STOPPED:
    default: state = _("stopped"); break;
    }
  exchange = g_strcmp0 (status->exchange, "coinbase") == 0 ? _("Coinbase") : _("Paper");
  if (status->market_time > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (status->market_time);

      when = g_date_time_format (dt, "%e %b %Y %H:%M");
    }
  text = when ? g_strdup_printf ("%s · %s · %s", exchange, state, g_strstrip (when))
              : g_strdup_printf ("%s · %s", exchange, state);
  gtk_label_set_label (self->status_label, text);
  /* the whole text where the header bar has no room for it */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), status->last_error != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), status->last_error);
}

/* "1.0234 BTC · 10,234.00 USD": the account's value, from core, at most
 * once a second (a fast replay sends many events) */
static gboolean
update_value (gpointer data)
{
  DcaWindow *self = data;
  DcaEngine *engine = dca_context_get_engine (self->context);
  g_autoptr(DcaEngineStatus) status = engine ? dca_engine_get_status (engine) : NULL;
  g_autoptr(DcaPortfolio) p = NULL;
  g_autofree char *btc = NULL;
  g_autofree char *text = NULL;

  self->value_source = 0;
  p = dca_portfolio_compute (dca_context_get_store (self->context),
                             status && status->exchange ? status->exchange : "paper",
                             status ? status->prices : NULL, NULL);
  if (p == NULL)
    return G_SOURCE_REMOVE;
  btc = dca_decimal_to_string_places (p->value_btc, 8);
  if (p->has_value_usd)
    {
      g_autofree char *usd = dca_decimal_to_string_places (p->value_usd, 2);

      text = g_strdup_printf ("%s BTC · %s USD", btc, usd);
    }
  else
    text = g_strdup_printf ("%s BTC", btc);
  gtk_label_set_label (self->value_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), text);
  return G_SOURCE_REMOVE;
}

static void
queue_value (DcaWindow *self)
{
  if (self->value_source == 0)
    self->value_source = g_timeout_add (1000, update_value, self);
}

const char *
dca_window_get_value_text (DcaWindow *self)
{
  return gtk_label_get_label (self->value_label);
}

static void
on_event (DcaWindow      *self,
          DcaEventRecord *event)
{
  update_status (self);
  queue_value (self);
  /* a new user lands on the welcome with the templates */
  if (g_list_model_get_n_items (dca_bots_page_get_model (self->bots_page)) == 0)
    adw_view_stack_set_visible_child_name (self->stack, "bots");
}

/* the bell's badge: the unread count, "99+" above 99 */
static void
update_badge (DcaWindow *self)
{
  guint unread = dca_notification_center_get_n_unread (self->notification_center);
  g_autofree char *text = unread > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", unread);
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (self->bell_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->bell_badge), unread > 0);
  tooltip = unread > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Notifications: %u unread",
                                            "Notifications: %u unread", unread), unread)
            : g_strdup (_("Notifications"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bell_button), tooltip);
}

static gboolean
reload_notifications (gpointer data)
{
  DcaWindow *self = data;

  self->notifications_source = 0;
  dca_notification_center_reload (self->notification_center);
  return G_SOURCE_REMOVE;
}

/* many arrive at once on a fast replay: the center reads them again at
 * most five times a second */
static void
on_notification (DcaWindow       *self,
                 DcaNotification *n)
{
  if (self->notifications_source == 0)
    self->notifications_source = g_timeout_add (200, reload_notifications, self);
}

gboolean
dca_window_open_deal (DcaWindow  *self,
                      gint64      deal_id,
                      GError    **error)
{
  DcaDealWindow *window = dca_deal_window_new (GTK_WINDOW (self), self->context, deal_id, error);

  if (window == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

void
dca_window_open_target (DcaWindow *self,
                        gint64     bot_id,
                        gint64     deal_id)
{
  g_autoptr(GError) error = NULL;

  if (deal_id > 0)
    {
      if (!dca_window_open_deal (self, deal_id, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* a bot's notification (an error) opens its list; the engine's, the dashboard */
  adw_view_stack_set_visible_child_name (self->stack, bot_id > 0 ? "bots" : "dashboard");
}

static void
on_center_activated (DcaWindow *self,
                     gint64     notification_id,
                     gint64     bot_id,
                     gint64     deal_id)
{
  gtk_popover_popdown (self->bell_popover);
  dca_window_open_target (self, bot_id, deal_id);
}

GtkWidget *
dca_window_get_notification_center (DcaWindow *self)
{
  return GTK_WIDGET (self->notification_center);
}

const char *
dca_window_get_status_text (DcaWindow *self)
{
  return gtk_label_get_label (self->status_label);
}

GtkWidget *
dca_window_get_bots_page (DcaWindow *self)
{
  return GTK_WIDGET (self->bots_page);
}

GtkWidget *
dca_window_get_page (DcaWindow  *self,
                     const char *name)
{
  return adw_view_stack_get_child_by_name (self->stack, name);
}

void
dca_window_show_page (DcaWindow  *self,
                      const char *name)
{
  adw_view_stack_set_visible_child_name (self->stack, name);
}

DcaWindow *
dca_window_new (GtkApplication *application,
                DcaContext     *context)
{
  return g_object_new (DCA_TYPE_WINDOW, "application", application, "context", context, NULL);
}

static void
new_bot (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  DcaWindow *self = DCA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "bots");
  gtk_widget_activate_action (GTK_WIDGET (self->bots_page), "bots.new", NULL);
}

static void
dca_window_constructed (GObject *object)
{
  DcaWindow *self = DCA_WINDOW (object);
  GSettings *settings = dca_context_get_settings (self->context);

  G_OBJECT_CLASS (dca_window_parent_class)->constructed (object);

  /* the app icon from our resources, also where no GtkApplication adds it */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

    if (!gtk_icon_theme_has_icon (theme, "dca-wallet-symbolic"))
      gtk_icon_theme_add_resource_path (theme, "/io/github/dcadesk/DcaDesk/icons");
  }

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  dca_bots_page_set_context (self->bots_page, self->context);
  dca_dashboard_page_set_context (self->dashboard_page, self->context);
  dca_deals_page_set_context (self->deals_page, self->context);
  dca_deals_page_set_context (self->history_page, self->context);
  dca_portfolio_page_set_context (self->portfolio_page, self->context);
  dca_charts_page_set_context (self->charts_page, self->context);
  dca_analytics_page_set_context (self->analytics_page, self->context);
  g_signal_connect_object (self->context, "event", G_CALLBACK (on_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "engine-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "engine-changed", G_CALLBACK (queue_value), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notification", G_CALLBACK (on_notification), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notification_center, "changed", G_CALLBACK (update_badge), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notification_center, "activated", G_CALLBACK (on_center_activated), self,
                           G_CONNECT_SWAPPED);
  dca_notification_center_set_store (self->notification_center, dca_context_get_store (self->context));
  update_badge (self);
  update_status (self);
  update_value (self);
}

static void
dca_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DcaWindow *self = DCA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_window_dispose (GObject *object)
{
  DcaWindow *self = DCA_WINDOW (object);

  /* no engine event may queue work for a window that is going */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->notifications_source, g_source_remove);
  g_clear_handle_id (&self->value_source, g_source_remove);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (dca_window_parent_class)->dispose (object);
}

static void
dca_window_class_init (DcaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dca_window_constructed;
  object_class->set_property = dca_window_set_property;
  object_class->dispose = dca_window_dispose;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, DCA_TYPE_CONTEXT,
                                                  G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DCA_TYPE_BOTS_PAGE);
  g_type_ensure (DCA_TYPE_DASHBOARD_PAGE);
  g_type_ensure (DCA_TYPE_DEALS_PAGE);
  g_type_ensure (DCA_TYPE_PORTFOLIO_PAGE);
  g_type_ensure (DCA_TYPE_CHARTS_PAGE);
  g_type_ensure (DCA_TYPE_ANALYTICS_PAGE);
  g_type_ensure (DCA_TYPE_NOTIFICATION_CENTER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, bots_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, deals_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, portfolio_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, charts_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, analytics_page);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, value_label);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, bell_button);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, bell_popover);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, notification_center);
  gtk_widget_class_bind_template_child (widget_class, DcaWindow, bell_badge);
  gtk_widget_class_install_action (widget_class, "win.new-bot", NULL, new_bot);
}

static void
dca_window_init (DcaWindow *self)
{
  static gsize css_loaded;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* our own styles (the bell's badge), once for the display */
  if (g_once_init_enter (&css_loaded))
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, "/io/github/dcadesk/DcaDesk/dca-window.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }
}
