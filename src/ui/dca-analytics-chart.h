/* dca-analytics-chart.h: the Analytics page's charts, drawn by PLplot
 *
 * Three kinds:
 *  - cumulative profit: one or more series (name, unix time, value) drawn
 *    as lines in turn's colours, with a legend when there are several (the
 *    Compare view);
 *  - drawdown: one series of drawdown % drawn downward from 0, filled;
 *  - histogram: bins of profit % as bars, losses red and gains green.
 * With nothing to draw it shows its placeholder text.
 *
 * dca_analytics_chart_save draws the same picture into a PNG, SVG or PDF
 * file (PLplot's cairo file devices), chosen by the file's extension.
 *
 * PLplot keeps global state: draw and save on the main thread only, one
 * stream each time.
 */
#pragma once

#include <gtk/gtk.h>

#include "dca-analytics.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_ANALYTICS_CHART_CUMULATIVE,
  DCA_ANALYTICS_CHART_DRAWDOWN,
  DCA_ANALYTICS_CHART_HISTOGRAM,
} DcaAnalyticsChartKind;

#define DCA_TYPE_ANALYTICS_CHART (dca_analytics_chart_get_type ())
G_DECLARE_FINAL_TYPE (DcaAnalyticsChart, dca_analytics_chart, DCA, ANALYTICS_CHART, GtkWidget)

GtkWidget  *dca_analytics_chart_new             (DcaAnalyticsChartKind    kind);
DcaAnalyticsChartKind dca_analytics_chart_get_kind (DcaAnalyticsChart    *self);

/* "title": drawn above the plot and the accessible label */
void        dca_analytics_chart_set_title       (DcaAnalyticsChart       *self,
                                                 const char              *title);
const char *dca_analytics_chart_get_title       (DcaAnalyticsChart       *self);
void        dca_analytics_chart_set_placeholder (DcaAnalyticsChart       *self,
                                                 const char              *placeholder);

/* Removes every series and bin. */
void        dca_analytics_chart_clear           (DcaAnalyticsChart       *self);
/* A line (cumulative profit or drawdown %): times in order, values copied;
 * values that are not finite are left out. */
void        dca_analytics_chart_add_series      (DcaAnalyticsChart       *self,
                                                 const char              *name,
                                                 const gint64            *times,
                                                 const double            *values,
                                                 guint                    n);
/* The histogram's bins, copied. */
void        dca_analytics_chart_set_bins        (DcaAnalyticsChart       *self,
                                                 const DcaHistogramBin   *bins,
                                                 guint                    n);
guint       dca_analytics_chart_get_n_series    (DcaAnalyticsChart       *self);

/* The picture as a file of width x height (pixels; points for SVG and
 * PDF): PNG, SVG or PDF by the path's extension.  FALSE with a message a
 * person understands when it cannot be written or there is nothing to draw. */
gboolean    dca_analytics_chart_save            (DcaAnalyticsChart       *self,
                                                 const char              *path,
                                                 int                      width,
                                                 int                      height,
                                                 GError                 **error);

/* tests: the points (or bins) the last on-screen draw plotted */
guint       dca_analytics_chart_get_n_drawn     (DcaAnalyticsChart       *self);

G_END_DECLS
