/* dca-deal-window.h: one deal: its figures, a chart of its pair with its
 * levels and fills, its orders, fills, decisions, notes and actions (close
 * at market, cancel, add funds) */
#pragma once

#include <adwaita.h>

#include "dca-chart.h"
#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_DEAL_WINDOW (dca_deal_window_get_type ())
G_DECLARE_FINAL_TYPE (DcaDealWindow, dca_deal_window, DCA, DEAL_WINDOW, AdwWindow)

DcaDealWindow *dca_deal_window_new        (GtkWindow     *parent,
                                           DcaContext    *context,
                                           gint64         deal_id,
                                           GError       **error);
/* reads the deal again from the store */
void           dca_deal_window_reload     (DcaDealWindow *self);
guint          dca_deal_window_get_n_fills (DcaDealWindow *self);
/* the chart's candles load in a worker thread: TRUE once they have */
gboolean       dca_deal_window_chart_is_ready (DcaDealWindow *self);
DcaChart      *dca_deal_window_get_chart  (DcaDealWindow *self);
/* tests: save these notes as the Save button does */
gboolean       dca_deal_window_save_notes (DcaDealWindow *self,
                                           const char    *notes,
                                           GError       **error);

G_END_DECLS
