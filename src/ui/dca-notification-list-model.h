/* dca-notification-list-model.h: the notification center's list, newest
 * first, paged in from the store so 100,000 notifications cost a page */
#pragma once

#include <gio/gio.h>

#include "dca-notifications.h"
#include "dca-store.h"

G_BEGIN_DECLS

/* One notification, as the list shows it. */
#define DCA_TYPE_NOTIFICATION_OBJECT (dca_notification_object_get_type ())
G_DECLARE_FINAL_TYPE (DcaNotificationObject, dca_notification_object, DCA, NOTIFICATION_OBJECT, GObject)

const DcaNotification *dca_notification_object_get (DcaNotificationObject *self);

#define DCA_TYPE_NOTIFICATION_LIST_MODEL (dca_notification_list_model_get_type ())
G_DECLARE_FINAL_TYPE (DcaNotificationListModel, dca_notification_list_model, DCA, NOTIFICATION_LIST_MODEL, GObject)

DcaNotificationListModel *dca_notification_list_model_new    (DcaStore                 *store);
/* Counts again and forgets the loaded pages: after notifications changed. */
void                      dca_notification_list_model_reload (DcaNotificationListModel *self);
guint                     dca_notification_list_model_get_n_unread (DcaNotificationListModel *self);

G_END_DECLS
