/* dca-notification-center.c: the in-app notification center */
#define G_LOG_DOMAIN "dca-notification-center"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-notification-center.h"
#include "dca-notification-row.h"

struct _DcaNotificationCenter
{
  GtkWidget                 parent_instance;

  DcaStore                 *store;
  DcaNotificationListModel *model;

  GtkStack                 *stack;
  GtkListView              *list_view;
};

G_DEFINE_FINAL_TYPE (DcaNotificationCenter, dca_notification_center, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ACTIVATED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
dca_notification_center_new (void)
{
  return g_object_new (DCA_TYPE_NOTIFICATION_CENTER, NULL);
}

static void
update (DcaNotificationCenter *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "center.mark-all-read",
                                 self->model != NULL && dca_notification_list_model_get_n_unread (self->model) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "center.clear-all", n > 0);
}

void
dca_notification_center_reload (DcaNotificationCenter *self)
{
  g_return_if_fail (DCA_IS_NOTIFICATION_CENTER (self));

  if (self->model != NULL)
    dca_notification_list_model_reload (self->model);
  update (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
dca_notification_center_set_store (DcaNotificationCenter *self,
                                   DcaStore              *store)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (DCA_IS_NOTIFICATION_CENTER (self));

  g_set_object (&self->store, store);
  g_clear_object (&self->model);
  if (store != NULL)
    self->model = dca_notification_list_model_new (store);
  selection = gtk_no_selection_new (self->model ? g_object_ref (G_LIST_MODEL (self->model)) : NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update (self);
}

DcaNotificationListModel *
dca_notification_center_get_model (DcaNotificationCenter *self)
{
  g_return_val_if_fail (DCA_IS_NOTIFICATION_CENTER (self), NULL);
  return self->model;
}

guint
dca_notification_center_get_n_unread (DcaNotificationCenter *self)
{
  g_return_val_if_fail (DCA_IS_NOTIFICATION_CENTER (self), 0);
  return self->model ? dca_notification_list_model_get_n_unread (self->model) : 0;
}

/* a store error is shown where the user acted: as a toast when there is an
 * overlay above, else in the log */
static void
report (DcaNotificationCenter *self,
        const GError          *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static void
on_activate (GtkListView           *view,
             guint                  position,
             DcaNotificationCenter *self)
{
  g_autoptr(DcaNotificationObject) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  g_autoptr(GError) error = NULL;
  const DcaNotification *n;
  gint64 id, bot_id, deal_id;

  if (item == NULL)
    return;
  n = dca_notification_object_get (item);
  id = n->id, bot_id = n->bot_id, deal_id = n->deal_id;
  if (!n->read && !dca_notifications_mark_read (self->store, id, &error))
    report (self, error);
  dca_notification_center_reload (self);
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, id, bot_id, deal_id);
}

static void
delete_one (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaNotificationCenter *self = DCA_NOTIFICATION_CENTER (widget);
  g_autoptr(GError) error = NULL;

  if (!dca_notifications_delete (self->store, g_variant_get_int64 (param), &error))
    report (self, error);
  dca_notification_center_reload (self);
}

static void
mark_all_read (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  DcaNotificationCenter *self = DCA_NOTIFICATION_CENTER (widget);
  g_autoptr(GError) error = NULL;

  if (!dca_notifications_mark_read (self->store, 0, &error))
    report (self, error);
  dca_notification_center_reload (self);
}

static void
clear_all (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  DcaNotificationCenter *self = DCA_NOTIFICATION_CENTER (widget);
  g_autoptr(GError) error = NULL;

  if (!dca_notifications_delete (self->store, 0, &error))
    report (self, error);
  dca_notification_center_reload (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  gtk_list_item_set_child (list_item, dca_notification_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  DcaNotificationObject *item = gtk_list_item_get_item (list_item);

  dca_notification_row_set (DCA_NOTIFICATION_ROW (gtk_list_item_get_child (list_item)),
                            item ? dca_notification_object_get (item) : NULL);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  dca_notification_row_set (DCA_NOTIFICATION_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
dca_notification_center_dispose (GObject *object)
{
  DcaNotificationCenter *self = DCA_NOTIFICATION_CENTER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DCA_TYPE_NOTIFICATION_CENTER);
  /* the template's root box has no name to be cleared by */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (dca_notification_center_parent_class)->dispose (object);
}

static void
dca_notification_center_class_init (DcaNotificationCenterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dca_notification_center_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dcadesk/DcaDesk/dca-notification-center.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationCenter, stack);
  gtk_widget_class_bind_template_child (widget_class, DcaNotificationCenter, list_view);
  gtk_widget_class_install_action (widget_class, "center.delete", "x", delete_one);
  gtk_widget_class_install_action (widget_class, "center.mark-all-read", NULL, mark_all_read);
  gtk_widget_class_install_action (widget_class, "center.clear-all", NULL, clear_all);

  /* ::activated (notification_id, bot_id, deal_id): the user opened one;
   * it is marked read */
  signals[SIGNAL_ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64,
                                            G_TYPE_INT64);
  /* ::changed: the list or the unread count changed */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 0);
}

static void
dca_notification_center_init (DcaNotificationCenter *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);
  update (self);
}
