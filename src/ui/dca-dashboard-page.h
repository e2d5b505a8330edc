/* dca-dashboard-page.h: profit, win rate, active deals, bots, latest deals */
#pragma once

#include <gtk/gtk.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_DASHBOARD_PAGE (dca_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaDashboardPage, dca_dashboard_page, DCA, DASHBOARD_PAGE, GtkWidget)

void        dca_dashboard_page_set_context (DcaDashboardPage *self,
                                            DcaContext       *context);
/* Recomputes in a worker thread; the page updates when it is done. */
void        dca_dashboard_page_refresh     (DcaDashboardPage *self);
const char *dca_dashboard_page_get_profit_text (DcaDashboardPage *self);
const char *dca_dashboard_page_get_active_text (DcaDashboardPage *self);

G_END_DECLS
