/* dca-indicators.h: streaming technical indicators
 *
 * Each indicator takes one closed candle at a time and costs O(1) per candle
 * (amortised where a window is re-summed or a deque is trimmed).  Buffers are
 * sized by the period at init; an update never allocates.  The definitions are
 * those of shared/spec/deal-semantics.md: EMA seeded with the SMA of its first
 * p inputs, Wilder's RSI, MACD with an EMA signal seeded the same way,
 * Bollinger bands over the population standard deviation, and %K/%D.
 *
 * Usage: init with the parameters, feed every closed candle in time order to
 * the update function, read the value fields while the update returns TRUE
 * (ready); clear to free the buffers.  An update that returns FALSE leaves
 * the value fields meaningless.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Simple moving average of the last `period` inputs. */
typedef struct
{
  double *ring;
  guint   period;
  guint   pos;
  guint   count;
  double  sum;
  double  value;
} DcaSma;

/* Exponential moving average; k = 2 / (period + 1). */
typedef struct
{
  guint  period;
  guint  count;
  double k;
  double value;  /* the running sum while count < period */
} DcaEma;

/* Wilder's relative strength index. */
typedef struct
{
  guint    period;
  double   inv_period;
  guint    count;      /* changes seen, up to period */
  gboolean has_prev;
  double   prev_close;
  double   avg_gain;
  double   avg_loss;
  double   value;
} DcaRsi;

typedef struct
{
  DcaEma   fast;
  DcaEma   slow;
  DcaEma   signal_ema;
  gboolean line_ready;  /* line is valid (signal may not be yet) */
  double   line;
  double   signal;
  double   histogram;
} DcaMacd;

typedef struct
{
  double  *ring;
  guint    period;
  double   inv_period;
  guint    pos;
  guint    count;
  double   mult;       /* the std_dev multiplier */
  double   ref;        /* reference the sums below are taken from */
  double   dev_sum;    /* sum of (x - ref) over the window */
  double   dev_sq_sum; /* sum of (x - ref)^2 over the window */
  guint    flat_run;   /* how many latest inputs equal the latest one */
  double   middle;
  double   std_dev;
  double   upper;
  double   lower;
  double   percent_b;  /* (close - lower) / (upper - lower) x 100; 50 when upper = lower */
} DcaBollinger;

/* A window minimum or maximum: a monotonic deque of (index, value) in a ring
 * of `period` entries, which is as many as the window can hold. */
typedef struct
{
  guint64 *idx;
  double  *val;
  guint    cap;
  guint    head;
  guint    len;
} DcaMonoDeque;

#define DCA_STOCHASTIC_D_PERIOD 3

typedef struct
{
  guint        period;
  guint64      n;          /* candles seen */
  DcaMonoDeque highs;      /* decreasing: front is the highest high */
  DcaMonoDeque lows;       /* increasing: front is the lowest low */
  double       k_ring[DCA_STOCHASTIC_D_PERIOD];
  guint        k_pos;
  guint        k_count;
  double       k;          /* %K: 50 when the window is flat */
  double       d;          /* %D = SMA(3) of %K */
  gboolean     d_ready;
} DcaStochastic;

/* % change of the close against the close `period` candles earlier. */
typedef struct
{
  double *ring;       /* period + 1 closes */
  guint   period;
  guint   pos;
  guint   count;
  double  value;
} DcaPriceChange;

void      dca_sma_init             (DcaSma         *self,
                                    guint           period);
void      dca_sma_clear            (DcaSma         *self);
gboolean  dca_sma_update           (DcaSma         *self,
                                    double          x);

void      dca_ema_init             (DcaEma         *self,
                                    guint           period);
gboolean  dca_ema_update           (DcaEma         *self,
                                    double          x);

void      dca_rsi_init             (DcaRsi         *self,
                                    guint           period);
gboolean  dca_rsi_update           (DcaRsi         *self,
                                    double          close);

/* Returns TRUE once the signal (and so the histogram) is ready. */
void      dca_macd_init            (DcaMacd        *self,
                                    guint           fast,
                                    guint           slow,
                                    guint           signal);
gboolean  dca_macd_update          (DcaMacd        *self,
                                    double          close);

void      dca_bollinger_init       (DcaBollinger   *self,
                                    guint           period,
                                    double          std_dev);
void      dca_bollinger_clear      (DcaBollinger   *self);
gboolean  dca_bollinger_update     (DcaBollinger   *self,
                                    double          close);

/* Returns TRUE once %K is ready; %D is ready when d_ready is set. */
void      dca_stochastic_init      (DcaStochastic  *self,
                                    guint           period);
void      dca_stochastic_clear     (DcaStochastic  *self);
gboolean  dca_stochastic_update    (DcaStochastic  *self,
                                    double          high,
                                    double          low,
                                    double          close);

/* Not ready while the earlier close is missing or zero. */
void      dca_price_change_init    (DcaPriceChange *self,
                                    guint           period);
void      dca_price_change_clear   (DcaPriceChange *self);
gboolean  dca_price_change_update  (DcaPriceChange *self,
                                    double          close);

G_END_DECLS
