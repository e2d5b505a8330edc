/* dca-analytics-page.h: bot, pair and bot-and-pair performance; charts; compare
 *
 * Every figure comes from core (dca-analytics.h), read in a worker thread
 * on its own store connection; the period chosen applies to the tables, a
 * bot's charts and the comparison alike.
 */
#pragma once

#include <gtk/gtk.h>

#include "dca-analytics.h"
#include "dca-analytics-chart.h"
#include "dca-analytics-item.h"
#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_ANALYTICS_PAGE (dca_analytics_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaAnalyticsPage, dca_analytics_page, DCA, ANALYTICS_PAGE, GtkWidget)

void        dca_analytics_page_set_context  (DcaAnalyticsPage   *self,
                                             DcaContext         *context);
/* Reads the table (and the charts shown) again in a worker thread. */
void        dca_analytics_page_refresh      (DcaAnalyticsPage   *self);

/* The table's rows as shown, in the order shown (DcaAnalyticsItem). */
GListModel *dca_analytics_page_get_model    (DcaAnalyticsPage   *self);
GtkColumnView *dca_analytics_page_get_column_view (DcaAnalyticsPage *self);
GtkColumnViewColumn *dca_analytics_page_get_column (DcaAnalyticsPage   *self,
                                                    DcaAnalyticsColumn  column);
void        dca_analytics_page_set_scope    (DcaAnalyticsPage   *self,
                                             DcaAnalyticsScope   scope);
/* "24h", "7d", "30d" or "all"; FALSE for anything else */
gboolean    dca_analytics_page_set_period   (DcaAnalyticsPage   *self,
                                             const char         *name);
/* YYYY-MM-DD, both days included; FALSE when either is not a date */
gboolean    dca_analytics_page_set_custom_period (DcaAnalyticsPage *self,
                                                  const char       *from,
                                                  const char       *to);
/* The period the page shows now. */
void        dca_analytics_page_get_period   (DcaAnalyticsPage   *self,
                                             DcaPeriod          *period);
/* The clock the 24 h, 7 d and 30 d windows end at; 0: the wall clock. */
void        dca_analytics_page_set_now      (DcaAnalyticsPage   *self,
                                             gint64              now);
/* Whether a worker is still reading. */
gboolean    dca_analytics_page_is_busy      (DcaAnalyticsPage   *self);
/* "table", "bot" or "compare" */
const char *dca_analytics_page_get_view     (DcaAnalyticsPage   *self);

/* A bot's charts: cumulative profit, drawdown, profit distribution. */
void        dca_analytics_page_open_bot     (DcaAnalyticsPage   *self,
                                             gint64              bot_id);
/* The Compare view with these bots ticked (two to four). */
gboolean    dca_analytics_page_compare      (DcaAnalyticsPage   *self,
                                             const gint64       *bot_ids,
                                             guint               n);
/* The text of a figure of the i-th compared bot, NULL past the last. */
const char *dca_analytics_page_get_compare_figure (DcaAnalyticsPage  *self,
                                                   guint              i,
                                                   DcaAnalyticsColumn column);
/* "cumulative", "drawdown", "histogram" or "compare" */
DcaAnalyticsChart *dca_analytics_page_get_chart (DcaAnalyticsPage *self,
                                                 const char       *name);
/* Saves that chart as PNG, SVG or PDF (by the extension), as the Save
 * button does after its file chooser; on failure a toast says why too. */
gboolean    dca_analytics_page_export_chart (DcaAnalyticsPage   *self,
                                             const char         *name,
                                             const char         *path,
                                             GError            **error);

G_END_DECLS
