/* dca-demo-data.h: a store full of realistic closed deals
 *
 * For demos and benchmarks: n_bots conditional DCA bots over n_pairs pairs,
 * and n_deals closed deals whose prices come from the recorded market
 * (each deal enters at a candle's close and leaves at its take profit, its
 * stop loss or after three days, whichever the candles reach first).
 * Pairs beyond the recorded ones replay a recorded pair's prices under a
 * demo name (DEMO10-BTC ...).  The deals are spread over a realistic time
 * (about 1,500 closes a day, from the recorded span up to two years) that
 * ends now, each keeping the prices and durations of the candles it
 * walked.  The same seed makes the same deals at the same offsets from now.
 */
#pragma once

#include "dca-store.h"

G_BEGIN_DECLS

/* replay_dir NULL: the bundled market data.  Returns the deals made. */
gint64 dca_demo_data_generate (DcaStore    *store,
                               const char  *replay_dir,
                               guint        n_deals,
                               guint        n_bots,
                               guint        n_pairs,
                               guint32      seed,
                               GError     **error);

G_END_DECLS
