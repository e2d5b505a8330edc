/* dca-replay-market.h: recorded candles played back on a simulated clock
 *
 * A replay directory holds files named PAIR-GRANULARITY.csv (ETH-BTC-5m.csv;
 * granularities 1m 5m 15m 30m 1h 2h 6h 1d) in the backtester's format.  The
 * market's clock decides what is visible: a candle exists from its close
 * time (open time + granularity) on, never before.  Used from one thread.
 */
#pragma once

#include <glib-object.h>

#include "dca-candles.h"
#include "dca-decimal.h"

G_BEGIN_DECLS

#define DCA_REPLAY_MARKET_ERROR (dca_replay_market_error_quark ())

typedef enum
{
  DCA_REPLAY_MARKET_ERROR_NO_DATA, /* no candle files in the directory */
  DCA_REPLAY_MARKET_ERROR_FILE,    /* a file cannot be read: the message names file and line */
} DcaReplayMarketError;

#define DCA_TYPE_REPLAY_MARKET (dca_replay_market_get_type ())
G_DECLARE_FINAL_TYPE (DcaReplayMarket, dca_replay_market, DCA, REPLAY_MARKET, GObject)

GQuark                 dca_replay_market_error_quark    (void);
DcaReplayMarket       *dca_replay_market_new            (const char      *dir,
                                                         GError         **error);
const char            *dca_replay_market_get_dir        (DcaReplayMarket *self);
/* Sorted product ids, NULL-terminated; owned by the market. */
const char * const    *dca_replay_market_list_products  (DcaReplayMarket *self);
gboolean               dca_replay_market_has_product    (DcaReplayMarket *self,
                                                         const char      *product_id);
/* NULL when the data has no such series. */
const DcaCandleSeries *dca_replay_market_get_series     (DcaReplayMarket *self,
                                                         const char      *product_id,
                                                         DcaTimeframe     tf);
/* The first and last candle close times over all series. */
gint64                 dca_replay_market_get_start_time (DcaReplayMarket *self);
gint64                 dca_replay_market_get_end_time   (DcaReplayMarket *self);
gint64                 dca_replay_market_get_time       (DcaReplayMarket *self);
void                   dca_replay_market_set_time       (DcaReplayMarket *self,
                                                         gint64           time);
/* The first candle close strictly after `after`; G_MAXINT64 when none. */
gint64                 dca_replay_market_next_event     (DcaReplayMarket *self,
                                                         gint64           after);
/* Copies of the candles with open time in [start, end) closed by now. */
DcaCandleSeries       *dca_replay_market_get_candles    (DcaReplayMarket *self,
                                                         const char      *product_id,
                                                         DcaTimeframe     tf,
                                                         gint64           start,
                                                         gint64           end);
/* The close of the latest candle closed by now over the product's series
 * (at equal close times the finest); FALSE before any closed. */
gboolean               dca_replay_market_get_price      (DcaReplayMarket *self,
                                                         const char      *product_id,
                                                         DcaDecimal      *price,
                                                         gint64          *time);
/* The candles of the product's finest series that closed in (after, now]. */
const DcaCandle       *dca_replay_market_closed_since   (DcaReplayMarket *self,
                                                         const char      *product_id,
                                                         gint64           after,
                                                         gsize           *n);

G_END_DECLS
