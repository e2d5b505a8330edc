/* dca-line-chart.h: a titled line of values over time, drawn by PLplot
 *
 * For equity and profit curves: give it (unix time, value) points and a
 * title; it draws the line over a light fill, a time axis below and a value
 * axis on the left, scaled to the points; one point is a dot.  With none it
 * draws its placeholder text instead ("No data yet" unless set).
 *
 *   GtkWidget *curve = dca_line_chart_new ();
 *   DcaLinePoint points[] = { { 1700000000, 1.0 }, { 1700003600, 1.02 } };
 *
 *   dca_line_chart_set_title (DCA_LINE_CHART (curve), _("Equity (BTC)"));
 *   dca_line_chart_set_points (DCA_LINE_CHART (curve), points, G_N_ELEMENTS (points));
 *
 * In a template: <object class="DcaLineChart"><property name="title">…</property>.
 * The widget asks for 200 x 120 pixels and expands both ways; set
 * height-request for more.
 *
 * PLplot keeps global state: like DcaChart it draws on the main thread
 * only, one stream per draw.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 time;   /* unix seconds, UTC */
  double value;
} DcaLinePoint;

#define DCA_TYPE_LINE_CHART (dca_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (DcaLineChart, dca_line_chart, DCA, LINE_CHART, GtkWidget)

GtkWidget   *dca_line_chart_new              (void);

/* "title": drawn above the plot and used as the accessible label */
void         dca_line_chart_set_title        (DcaLineChart       *self,
                                              const char         *title);
const char  *dca_line_chart_get_title        (DcaLineChart       *self);

/* "placeholder": drawn when there are no points */
void         dca_line_chart_set_placeholder  (DcaLineChart       *self,
                                              const char         *placeholder);
const char  *dca_line_chart_get_placeholder  (DcaLineChart       *self);

/* Copies the points and sorts the copy by time; n = 0 clears.  Points
 * whose value is not finite are left out. */
void         dca_line_chart_set_points       (DcaLineChart       *self,
                                              const DcaLinePoint *points,
                                              guint               n);
guint        dca_line_chart_get_n_points     (DcaLineChart       *self);

/* tests: the points the last draw plotted */
guint        dca_line_chart_get_n_drawn      (DcaLineChart       *self);

G_END_DECLS
