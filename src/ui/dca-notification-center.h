/* dca-notification-center.h: the in-app notification center
 *
 * The notifications the engine stored, newest first (a lazy list: 100,000
 * cost a page), each with its icon, time and read state.  Activating one
 * marks it read and emits ::activated with its bot and deal; a row's
 * button deletes it; Mark All Read and Clear All do what they say.
 */
#pragma once

#include <adwaita.h>

#include "dca-notification-list-model.h"
#include "dca-store.h"

G_BEGIN_DECLS

#define DCA_TYPE_NOTIFICATION_CENTER (dca_notification_center_get_type ())
G_DECLARE_FINAL_TYPE (DcaNotificationCenter, dca_notification_center, DCA, NOTIFICATION_CENTER, GtkWidget)

GtkWidget                *dca_notification_center_new         (void);
void                      dca_notification_center_set_store   (DcaNotificationCenter *self,
                                                               DcaStore              *store);
/* Notifications changed in the store: read them again. */
void                      dca_notification_center_reload      (DcaNotificationCenter *self);
DcaNotificationListModel *dca_notification_center_get_model   (DcaNotificationCenter *self);
guint                     dca_notification_center_get_n_unread (DcaNotificationCenter *self);

G_END_DECLS
