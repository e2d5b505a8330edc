/* dca-chart.h: candlesticks with a moving average, drawn by PLplot
 *
 * PLplot keeps global state: it draws on the main thread only, one stream
 * per draw (plmkstrm, extcairo on the widget's cairo context, plend1).
 */
#pragma once

#include <gtk/gtk.h>

#include "dca-candles.h"

G_BEGIN_DECLS

#define DCA_TYPE_CHART (dca_chart_get_type ())
G_DECLARE_FINAL_TYPE (DcaChart, dca_chart, DCA, CHART, GtkWidget)

GtkWidget *dca_chart_new          (void);
/* series: copied; the last `count` candles are drawn */
void       dca_chart_set_candles  (DcaChart              *self,
                                   const char            *title,
                                   const DcaCandleSeries *series,
                                   guint                  count,
                                   guint                  sma_period);
guint      dca_chart_get_n_drawn  (DcaChart              *self);

G_END_DECLS
