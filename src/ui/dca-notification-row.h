/* dca-notification-row.h: one notification in the notification center */
#pragma once

#include <gtk/gtk.h>

#include "dca-notifications.h"

G_BEGIN_DECLS

#define DCA_TYPE_NOTIFICATION_ROW (dca_notification_row_get_type ())
G_DECLARE_FINAL_TYPE (DcaNotificationRow, dca_notification_row, DCA, NOTIFICATION_ROW, GtkWidget)

GtkWidget *dca_notification_row_new (void);
/* NULL: empty (an unbound row) */
void       dca_notification_row_set (DcaNotificationRow    *self,
                                     const DcaNotification *notification);

G_END_DECLS
