/* bench-common.h: what the benchmark programs share */
#pragma once

#include <glib.h>

#include "dca-candles.h"

G_BEGIN_DECLS

/* n 5-minute candles, 300 s apart, resampled from the real returns of the
 * bundled data (every data/market/PAIR-5m.csv): each candle takes the close-to-close
 * log return, the open, high and low relative to its close, and the volume
 * of a randomly drawn real candle.  Closes are exact 8-decimal prices
 * (close_exact, with close the nearest double).  The same seed gives the same
 * series.  Aborts if the bundled data cannot be read. */
DcaCandleSeries *bench_synthetic_candles (gsize        n,
                                          guint32      seed);

/* Prints the benchmark's name and the machine: CPU model, cores. */
void             bench_print_machine     (const char  *name);

G_END_DECLS
