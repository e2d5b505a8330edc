/* dca-candles.h: candles, timeframes and the candle CSV format */
#pragma once

#include <glib.h>

#include "dca-decimal.h"

G_BEGIN_DECLS

#define DCA_CANDLES_ERROR (dca_candles_error_quark ())

typedef enum
{
  DCA_CANDLES_ERROR_IO,
  DCA_CANDLES_ERROR_HEADER,
  DCA_CANDLES_ERROR_ROW,
  DCA_CANDLES_ERROR_ORDER,
  DCA_CANDLES_ERROR_EMPTY,
} DcaCandlesError;

/* Coinbase Advanced Trade's granularities. */
typedef enum
{
  DCA_TIMEFRAME_INVALID = 0,
  DCA_TIMEFRAME_ONE_MINUTE,
  DCA_TIMEFRAME_FIVE_MINUTE,
  DCA_TIMEFRAME_FIFTEEN_MINUTE,
  DCA_TIMEFRAME_THIRTY_MINUTE,
  DCA_TIMEFRAME_ONE_HOUR,
  DCA_TIMEFRAME_TWO_HOUR,
  DCA_TIMEFRAME_SIX_HOUR,
  DCA_TIMEFRAME_ONE_DAY,
  DCA_N_TIMEFRAMES
} DcaTimeframe;

/* A candle: `time` is its open time in unix seconds (UTC).  The prices are
 * kept twice: as doubles for indicators and statistics, and the close as an
 * exact decimal, the price market orders fill at. */
typedef struct
{
  gint64     time;
  double     open;
  double     high;
  double     low;
  double     close;
  double     volume;
  DcaDecimal close_exact;
} DcaCandle;

typedef struct
{
  DcaCandle *candles;
  gsize      len;
  gsize      capacity;
  gint64     granularity; /* smallest spacing between rows, seconds */
} DcaCandleSeries;

GQuark            dca_candles_error_quark        (void);

DcaTimeframe      dca_timeframe_parse            (const char       *name);
const char       *dca_timeframe_to_string        (DcaTimeframe      tf);
const char       *dca_timeframe_short_name       (DcaTimeframe      tf);
gint64            dca_timeframe_seconds          (DcaTimeframe      tf);
DcaTimeframe      dca_timeframe_from_seconds     (gint64            seconds);

DcaCandleSeries  *dca_candle_series_new          (void);
void              dca_candle_series_free         (DcaCandleSeries  *series);
void              dca_candle_series_append       (DcaCandleSeries  *series,
                                                  const DcaCandle  *candle);
DcaCandleSeries  *dca_candle_series_load_csv     (const char       *path,
                                                  GError          **error);
DcaCandleSeries  *dca_candle_series_parse_csv    (const char       *text,
                                                  gsize             len,
                                                  const char       *name,
                                                  GError          **error);
gboolean          dca_candle_series_save_csv     (const DcaCandleSeries *series,
                                                  const char       *path,
                                                  GError          **error);
void              dca_candle_series_update_granularity (DcaCandleSeries *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaCandleSeries, dca_candle_series_free)

G_END_DECLS
