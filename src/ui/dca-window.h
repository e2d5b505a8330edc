/* dca-window.h: the main window: engine status, the pages */
#pragma once

#include <adwaita.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_WINDOW (dca_window_get_type ())
G_DECLARE_FINAL_TYPE (DcaWindow, dca_window, DCA, WINDOW, AdwApplicationWindow)

DcaWindow  *dca_window_new             (GtkApplication *application,
                                        DcaContext     *context);
GtkWidget  *dca_window_get_bots_page   (DcaWindow      *self);
GtkWidget  *dca_window_get_page        (DcaWindow      *self,
                                        const char     *name);
void        dca_window_show_page       (DcaWindow      *self,
                                        const char     *name);
const char *dca_window_get_status_text (DcaWindow      *self);
/* the account's value in the header bar: "1.00000000 BTC · 10000.00 USD" */
const char *dca_window_get_value_text  (DcaWindow      *self);
GtkWidget  *dca_window_get_notification_center (DcaWindow *self);
/* Opens the deal's window over this one; FALSE (saying why) when there is
 * no such deal. */
gboolean    dca_window_open_deal       (DcaWindow      *self,
                                        gint64          deal_id,
                                        GError        **error);
/* What a notification is about: its deal, else its bot's list, else the
 * dashboard. */
void        dca_window_open_target     (DcaWindow      *self,
                                        gint64          bot_id,
                                        gint64          deal_id);

G_END_DECLS
