/* dca-analytics-item.h: one row of the Analytics page's tables */
#pragma once

#include <glib-object.h>

#include "dca-analytics.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_ANALYTICS_COLUMN_BOT,
  DCA_ANALYTICS_COLUMN_PAIR,
  DCA_ANALYTICS_COLUMN_QUOTE,
  DCA_ANALYTICS_COLUMN_DEALS,
  DCA_ANALYTICS_COLUMN_WIN_RATE,
  DCA_ANALYTICS_COLUMN_TOTAL_PROFIT,
  DCA_ANALYTICS_COLUMN_AVG_PROFIT,
  DCA_ANALYTICS_COLUMN_AVG_PROFIT_PCT,
  DCA_ANALYTICS_COLUMN_AVG_DURATION,
  DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN,
  DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN_PCT,
  DCA_ANALYTICS_COLUMN_SHARPE,
  DCA_ANALYTICS_COLUMN_SORTINO,
  DCA_ANALYTICS_COLUMN_PROFIT_FACTOR,
  DCA_ANALYTICS_COLUMN_FEES,
  DCA_ANALYTICS_COLUMN_ROI,
  DCA_N_ANALYTICS_COLUMNS
} DcaAnalyticsColumn;

#define DCA_TYPE_ANALYTICS_ITEM (dca_analytics_item_get_type ())
G_DECLARE_FINAL_TYPE (DcaAnalyticsItem, dca_analytics_item, DCA, ANALYTICS_ITEM, GObject)

/* row: taken */
DcaAnalyticsItem      *dca_analytics_item_new      (DcaAnalyticsRow    *row);
const DcaAnalyticsRow *dca_analytics_item_get_row  (DcaAnalyticsItem   *self);
/* The cell's text: amounts by core's decimal printing (8 places), ratios
 * rounded, "—" where the figure is undefined. */
char                  *dca_analytics_item_format   (DcaAnalyticsItem   *self,
                                                    DcaAnalyticsColumn  column);
/* For sorting: amounts exactly (dca_decimal_cmp, within a quote currency),
 * undefined figures below every defined one. */
int                    dca_analytics_item_compare  (DcaAnalyticsItem   *a,
                                                    DcaAnalyticsItem   *b,
                                                    DcaAnalyticsColumn  column);
const char            *dca_analytics_column_title  (DcaAnalyticsColumn  column);
/* "2 d 5 h", "3 h 12 min", "40 min" */
char                  *dca_analytics_format_duration (double            seconds);

G_END_DECLS
