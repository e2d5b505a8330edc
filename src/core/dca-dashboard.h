/* dca-dashboard.h: the figures of the dashboard, exact
 *
 * Profit per quote currency, win rate, active deals, bots running and
 * stopped, the latest deals.  It reads every closed deal: run it off the
 * main thread (the analytics issue brings incremental summaries).
 */
#pragma once

#include "dca-store.h"

G_BEGIN_DECLS

typedef struct
{
  char       *currency;
  DcaDecimal  profit;
} DcaDashboardProfit;

typedef struct
{
  guint      closed;
  guint      wins;          /* closed with profit > 0 */
  guint      active;        /* open deals */
  guint      bots_running;
  guint      bots_stopped;
  GPtrArray *profits;       /* DcaDashboardProfit, by currency */
  GPtrArray *latest;        /* DcaDealRecord, the five opened last */
  GHashTable *bot_names;    /* bot id (gint64*) -> name */
} DcaDashboard;

DcaDashboard *dca_dashboard_compute (DcaStore     *store,
                                     GError      **error);
void          dca_dashboard_free    (DcaDashboard *dashboard);
/* wins x 100 / closed; FALSE before any closed deal */
gboolean      dca_dashboard_win_rate (const DcaDashboard *dashboard,
                                      double             *percent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaDashboard, dca_dashboard_free)

G_END_DECLS
