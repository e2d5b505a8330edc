/* dca-chart.h: candlesticks with indicators, price levels and marks, by PLplot
 *
 * The price pane draws the candles, optionally with volume bars along its
 * bottom and SMA, EMA and Bollinger overlays; RSI, MACD and Stochastic panes
 * stack below it.  The indicators are core's streaming ones, fed a warm-up
 * of earlier candles so the first drawn candle already has its values.
 *
 * Horizontal levels (a deal's average entry, take profit, safety orders)
 * and point marks (fills) can be laid over the price pane; the price range
 * widens to show every level.
 *
 * PLplot keeps global state: it draws on the main thread only, one stream
 * per draw (plmkstrm, extcairo on the widget's cairo context, plend1).
 */
#pragma once

#include <gtk/gtk.h>

#include "dca-candles.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_CHART_NONE       = 0,
  DCA_CHART_SMA        = 1 << 0, /* overlay: simple moving average */
  DCA_CHART_EMA        = 1 << 1, /* overlay: exponential moving average */
  DCA_CHART_BOLLINGER  = 1 << 2, /* overlay: Bollinger bands (20, 2) */
  DCA_CHART_VOLUME     = 1 << 3, /* bars along the bottom of the price pane */
  DCA_CHART_RSI        = 1 << 4, /* pane: RSI (14) with 30 and 70 */
  DCA_CHART_MACD       = 1 << 5, /* pane: MACD (12, 26, 9) line, signal, histogram */
  DCA_CHART_STOCHASTIC = 1 << 6, /* pane: %K (14), %D (3) with 20 and 80 */
} DcaChartFeatures;

typedef enum
{
  DCA_CHART_LEVEL_AVERAGE,       /* solid blue */
  DCA_CHART_LEVEL_TAKE_PROFIT,   /* solid green */
  DCA_CHART_LEVEL_STOP_LOSS,     /* dashed red */
  DCA_CHART_LEVEL_SAFETY,        /* dashed orange */
} DcaChartLevel;

typedef enum
{
  DCA_CHART_MARK_BUY,            /* a green triangle pointing up at the price */
  DCA_CHART_MARK_SELL,           /* a red triangle pointing down at the price */
} DcaChartMark;

#define DCA_TYPE_CHART (dca_chart_get_type ())
G_DECLARE_FINAL_TYPE (DcaChart, dca_chart, DCA, CHART, GtkWidget)

GtkWidget        *dca_chart_new                (void);
/* series: copied; the last `count` candles are drawn, up to 200 before them
 * warm the indicators up */
void              dca_chart_set_candles        (DcaChart              *self,
                                                const char            *title,
                                                const DcaCandleSeries *series,
                                                guint                  count);
void              dca_chart_set_features       (DcaChart              *self,
                                                DcaChartFeatures       features);
DcaChartFeatures  dca_chart_get_features       (DcaChart              *self);
/* the moving averages' periods, 2 to 200 */
void              dca_chart_set_periods        (DcaChart              *self,
                                                guint                  sma_period,
                                                guint                  ema_period);

/* Levels and marks stay until cleared; label is drawn at the line's right end. */
void              dca_chart_clear_annotations  (DcaChart              *self);
void              dca_chart_add_level          (DcaChart              *self,
                                                DcaChartLevel          kind,
                                                double                 price,
                                                const char            *label);
/* time: unix seconds, on the candles' close-time axis */
void              dca_chart_add_mark           (DcaChart              *self,
                                                DcaChartMark           kind,
                                                gint64                 time,
                                                double                 price);

/* what the last draw drew: candles, panes (the price pane counts), the
 * levels and the marks inside the time range */
guint             dca_chart_get_n_drawn        (DcaChart              *self);
guint             dca_chart_get_n_panes        (DcaChart              *self);
guint             dca_chart_get_n_levels_drawn (DcaChart              *self);
guint             dca_chart_get_n_marks_drawn  (DcaChart              *self);

G_END_DECLS
