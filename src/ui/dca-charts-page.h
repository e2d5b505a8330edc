/* dca-charts-page.h: candlesticks of a pair, as far as the market has gone,
 * with the overlays and panes chosen in the page (kept in the settings) */
#pragma once

#include <gtk/gtk.h>

#include "dca-chart.h"
#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_CHARTS_PAGE (dca_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaChartsPage, dca_charts_page, DCA, CHARTS_PAGE, GtkWidget)

void     dca_charts_page_set_context (DcaChartsPage *self,
                                      DcaContext    *context);
/* loads the market (in a worker thread) and draws; TRUE once it has */
gboolean dca_charts_page_is_ready    (DcaChartsPage *self);
guint    dca_charts_page_get_n_drawn (DcaChartsPage *self);
/* tests: what is drawn */
DcaChart *dca_charts_page_get_chart  (DcaChartsPage *self);

G_END_DECLS
