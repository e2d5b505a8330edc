/* dca-notification-row.c: one notification in the notification center */
#define G_LOG_DOMAIN "dca-notification-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-notification-row.h"

struct _DcaNotificationRow
{
  GtkWidget  parent_instance;

  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *unread;
  GtkLabel  *body;
  GtkLabel  *time;
  GtkButton *delete_button;
};

G_DEFINE_FINAL_TYPE (DcaNotificationRow, dca_notification_row, GTK_TYPE_WIDGET)

GtkWidget *
dca_notification_row_new (void)
{
  return g_object_new (DCA_TYPE_NOTIFICATION_ROW, NULL);
}

static const char *
type_style (DcaNotificationType type)
{
  switch (type)
    {
    case DCA_NOTIFICATION_BOT_ERROR:
    case DCA_NOTIFICATION_ENGINE_ERROR:
      return "error";
    case DCA_NOTIFICATION_STOP_LOSS:
      return "warning";
    case DCA_NOTIFICATION_TAKE_PROFIT:
    case DCA_NOTIFICATION_TRAILING_TAKE_PROFIT:
      return "success";
    case DCA_NOTIFICATION_DEAL_OPENED:
    case DCA_NOTIFICATION_SAFETY_ORDER:
    case DCA_NOTIFICATION_TRAILING_STARTED:
    case DCA_NOTIFICATION_DEAL_CLOSED:
    case DCA_NOTIFICATION_N_TYPES:
    default:
      return NULL;
    }
}

void
dca_notification_row_set (DcaNotificationRow    *self,
                          const DcaNotification *n)
{
  static const char *const styles[] = { "error", "warning", "success" };
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;
  const char *style;

  g_return_if_fail (DCA_IS_NOTIFICATION_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), styles[i]);
  if (n == NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), NULL);
      gtk_label_set_text (self->title, "");
      gtk_label_set_text (self->body, "");
      gtk_label_set_text (self->time, "");
      gtk_widget_set_visible (GTK_WIDGET (self->unread), FALSE);
      return;
    }
  gtk_image_set_from_icon_name (self->icon, dca_notification_icon_name (n->type));
  if ((style = type_style (n->type)) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);
  gtk_label_set_text (self->title, n->title);
  gtk_label_set_text (self->body, n->body);
  gtk_widget_set_visible (GTK_WIDGET (self->body), n->body != NULL && *n->body != '\0');
  when = g_date_time_new_from_unix_local (n->time);
  /* TRANSLATORS: the time of a notification; see g_date_time_format () */
  stamp = g_date_time_format (when, _("%Y-%m-%d %H:%M"));
  gtk_label_set_text (self->time, stamp);
  gtk_widget_set_visible (GTK_WIDGET (self->unread), !n->read);
  if (n->read)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", n->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "center.delete");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, n->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, n->body, -1);
}

static void
dca_notification_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DCA_TYPE_NOTIFICATION_ROW);
  /* the template's root box has no name to be cleared by */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dca_notification_row_parent_class)->dispose (object);
}

static void
dca_notification_row_class_init (DcaNotificationRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dca_notification_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-notification-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, icon);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, title);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, unread);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, body);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, time);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationRow, delete_button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dca_notification_row_init (DcaNotificationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
