/* dca-bar-chart.h: a titled bar per time span (profit per day, week, month), drawn by PLplot
 *
 * Give it bars, each a span of time [start, end) and a value; it draws
 * them over a time axis with a value axis on the left and a zero line,
 * bars above zero green and below red.  With none it draws its placeholder
 * text instead ("No data yet" unless set).
 *
 *   GtkWidget *chart = dca_bar_chart_new ();
 *   DcaBar bars[] = { { 1700006400, 1700092800, 0.0012 }, { 1700092800, 1700179200, -0.0004 } };
 *
 *   dca_bar_chart_set_title (DCA_BAR_CHART (chart), _("Profit per day (BTC)"));
 *   dca_bar_chart_set_bars (DCA_BAR_CHART (chart), bars, G_N_ELEMENTS (bars));
 *
 * The widget asks for 200 x 120 pixels and expands both ways; set
 * height-request for more.  PLplot keeps global state: like DcaLineChart it
 * draws on the main thread only, one stream per draw.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 start;  /* unix seconds, UTC: the span's first second */
  gint64 end;    /* the first second after it */
  double value;
} DcaBar;

#define DCA_TYPE_BAR_CHART (dca_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (DcaBarChart, dca_bar_chart, DCA, BAR_CHART, GtkWidget)

GtkWidget   *dca_bar_chart_new             (void);

/* "title": drawn above the plot and used as the accessible label */
void         dca_bar_chart_set_title       (DcaBarChart  *self,
                                            const char   *title);
const char  *dca_bar_chart_get_title       (DcaBarChart  *self);

/* "placeholder": drawn when there are no bars */
void         dca_bar_chart_set_placeholder (DcaBarChart  *self,
                                            const char   *placeholder);
const char  *dca_bar_chart_get_placeholder (DcaBarChart  *self);

/* Copies the bars and sorts the copy by start; n = 0 clears.  Bars whose
 * value is not finite or whose end is not after their start are left out. */
void         dca_bar_chart_set_bars        (DcaBarChart  *self,
                                            const DcaBar *bars,
                                            guint         n);
guint        dca_bar_chart_get_n_bars      (DcaBarChart  *self);
/* the n-th bar (sorted), NULL past the end */
const DcaBar *dca_bar_chart_get_bar        (DcaBarChart  *self,
                                            guint         n);

/* tests: the bars the last draw plotted, and how many of them were
 * drawn above zero (green) and below it (red) */
guint        dca_bar_chart_get_n_drawn     (DcaBarChart  *self);
guint        dca_bar_chart_get_n_drawn_positive (DcaBarChart *self);
guint        dca_bar_chart_get_n_drawn_negative (DcaBarChart *self);

G_END_DECLS
