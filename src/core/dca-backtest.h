/* dca-backtest.h: replays candles through the deal state machine */
#pragma once

#include <gio/gio.h>

#include "dca-candles.h"
#include "dca-deal.h"
#include "dca-json.h"
#include "dca-strategy.h"

G_BEGIN_DECLS

#define DCA_BACKTEST_ERROR (dca_backtest_error_quark ())

typedef enum
{
  DCA_BACKTEST_ERROR_PAIRS,     /* a pair without candles, or candles for no pair */
  DCA_BACKTEST_ERROR_CANDLES,   /* candles that cannot drive this bot */
  DCA_BACKTEST_ERROR_CANCELLED,
} DcaBacktestError;

typedef struct
{
  const char            *product_id;
  const DcaCandleSeries *candles;
} DcaBacktestPair;

typedef struct
{
  DcaDecimal start_balance;  /* default 1.0 */
  DcaDecimal fee_rate;       /* default 0.006 */
  guint      equity_points;  /* > 0: keep an equity curve of about this many points */
} DcaBacktestOptions;

typedef struct
{
  char        *product_id;
  DcaDealState state;
  GArray      *fills;        /* DcaFill */
} DcaBacktestDeal;

typedef struct
{
  gint64 time;
  double equity;
} DcaEquityPoint;

typedef struct
{
  char        *bot_name;
  char        *quote_currency;
  DcaDecimal   start_balance;
  DcaDecimal   end_balance;
  DcaDecimal   end_equity;
  GPtrArray   *deals;        /* DcaBacktestDeal, in the order they opened */
  guint        deals_closed;
  guint        deals_open;
  guint        wins;
  guint        losses;
  guint        safety_orders;
  DcaDecimal   total_profit;
  DcaDecimal   fees_paid;
  double       max_drawdown_pct;
  guint64      candles;
  gint64       first_time;
  gint64       last_time;
  GArray      *equity;       /* DcaEquityPoint, when asked for */
} DcaBacktestResult;

GQuark              dca_backtest_error_quark     (void);
void                dca_backtest_options_init    (DcaBacktestOptions       *options);
DcaBacktestResult  *dca_backtest_run             (const DcaBotConfig       *bot,
                                                  const DcaBacktestPair    *pairs,
                                                  guint                     n_pairs,
                                                  const DcaBacktestOptions *options,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);
void                dca_backtest_result_free     (DcaBacktestResult        *result);
char               *dca_backtest_result_to_json  (const DcaBacktestResult  *result,
                                                  gboolean                  pretty);
char               *dca_backtest_result_to_text  (const DcaBacktestResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaBacktestResult, dca_backtest_result_free)

void                dca_deal_json_write_members  (DcaJsonWriter            *writer,
                                                  const char               *product_id,
                                                  const DcaDealState       *state,
                                                  const DcaFill            *fills,
                                                  guint                     n_fills);

G_END_DECLS
