/* dca-dashboard-page.h: profit per window, deals, win rate, best and worst
 * bot, account value and profit charts, recent activity */
#pragma once

#include <gtk/gtk.h>

#include "dca-bar-chart.h"
#include "dca-context.h"
#include "dca-line-chart.h"

G_BEGIN_DECLS

#define DCA_TYPE_DASHBOARD_PAGE (dca_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaDashboardPage, dca_dashboard_page, DCA, DASHBOARD_PAGE, GtkWidget)

void        dca_dashboard_page_set_context (DcaDashboardPage *self,
                                            DcaContext       *context);
/* Recomputes in a worker thread; the page updates when it is done. */
void        dca_dashboard_page_refresh     (DcaDashboardPage *self);

/* "period": "24h", "7d", "30d" or "all"; the charts and the best and worst
 * bot cover it.  Setting it sets "bucket" to its default (day, or week for
 * all time) and refreshes. */
void        dca_dashboard_page_set_period  (DcaDashboardPage *self,
                                            const char       *period);
const char *dca_dashboard_page_get_period  (DcaDashboardPage *self);
/* "bucket": "day", "week" or "month", the bars of the profit chart */
void        dca_dashboard_page_set_bucket  (DcaDashboardPage *self,
                                            const char       *bucket);
const char *dca_dashboard_page_get_bucket  (DcaDashboardPage *self);

/* The all-time profit as shown, a line per quote currency. */
const char *dca_dashboard_page_get_profit_text (DcaDashboardPage *self);
const char *dca_dashboard_page_get_active_text (DcaDashboardPage *self);

/* Tests: the text a figure shows, NULL when it shows none.  Names:
 * "active-deals", "total-deals", "win-rate", "best-bot", "worst-bot",
 * "profit-WINDOW-QUOTE", "previous-WINDOW-QUOTE", "trend-WINDOW-QUOTE" and
 * "profit-usd-WINDOW-QUOTE" (shown where a deal had its USD price)
 * (WINDOW 24h, 7d, 30d or all; all has no previous or trend),
 * "account-value-EXCHANGE-CURRENCY" and "account-value-EXCHANGE-USD". */
const char   *dca_dashboard_page_get_figure      (DcaDashboardPage *self,
                                                  const char       *name);
DcaBarChart  *dca_dashboard_page_get_profit_chart (DcaDashboardPage *self);
DcaLineChart *dca_dashboard_page_get_value_chart  (DcaDashboardPage *self);
guint         dca_dashboard_page_get_n_activity   (DcaDashboardPage *self);
/* the time (unix seconds) the figures shown end at: the windows' "now" */
gint64        dca_dashboard_page_get_time         (DcaDashboardPage *self);
/* refreshes whose results the page has shown */
guint         dca_dashboard_page_get_n_refreshes  (DcaDashboardPage *self);

G_END_DECLS
