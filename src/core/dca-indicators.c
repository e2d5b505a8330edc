/* dca-indicators.c: streaming technical indicators */
#define G_LOG_DOMAIN "dca-indicators"

#include "config.h"

#include <math.h>

#include "dca-indicators.h"

/* SMA ------------------------------------------------------------------ */

void
dca_sma_init (DcaSma *self,
              guint   period)
{
  g_return_if_fail (period >= 1);

  *self = (DcaSma) { 0 };
  self->period = period;
  self->ring = g_new0 (double, period);
}

void
dca_sma_clear (DcaSma *self)
{
  g_clear_pointer (&self->ring, g_free);
}

gboolean
dca_sma_update (DcaSma *self,
                double  x)
{
  if (self->count == self->period)
    self->sum -= self->ring[self->pos];
  else
    self->count++;
  self->ring[self->pos] = x;
  self->sum += x;

  if (++self->pos == self->period)
    {
      double s = 0;

      /* A running sum keeps the rounding error of every value that ever
       * passed through it: after a price falls by orders of magnitude that
       * error is no longer small against the window.  Re-summing once per
       * period bounds it by the window's own values, at O(1) amortised. */
      self->pos = 0;
      for (guint i = 0; i < self->period; i++)
        s += self->ring[i];
      self->sum = s;
    }

  if (self->count < self->period)
    return FALSE;
  self->value = self->sum / self->period;
  return TRUE;
}

/* EMA ------------------------------------------------------------------ */

void
dca_ema_init (DcaEma *self,
              guint   period)
{
  g_return_if_fail (period >= 1);

  *self = (DcaEma) { 0 };
  self->period = period;
  self->k = 2.0 / (period + 1.0);
}

gboolean
dca_ema_update (DcaEma *self,
                double  x)
{
  if (G_LIKELY (self->count == self->period))
    {
      self->value += (x - self->value) * self->k;
      return TRUE;
    }

  /* seeded with the SMA of the first `period` inputs */
  self->value += x;
  if (++self->count < self->period)
    return FALSE;
  self->value /= self->period;
  return TRUE;
}

/* RSI ------------------------------------------------------------------ */

void
dca_rsi_init (DcaRsi *self,
              guint   period)
{
  g_return_if_fail (period >= 1);

  *self = (DcaRsi) { 0 };
  self->period = period;
  self->inv_period = 1.0 / period;
}

gboolean
dca_rsi_update (DcaRsi *self,
                double  close)
{
  double change, gain, loss;

  if (G_UNLIKELY (!self->has_prev))
    {
      self->has_prev = TRUE;
      self->prev_close = close;
      return FALSE;
    }

  change = close - self->prev_close;
  self->prev_close = close;
  gain = change > 0 ? change : 0;
  loss = change < 0 ? -change : 0;

  if (G_LIKELY (self->count == self->period))
    {
      /* (prev x (p - 1) + cur) / p, rearranged so that the chain from one
       * candle to the next is a subtract and a multiply-add rather than a
       * division: the same value to within an ulp, at twice the speed */
      self->avg_gain += (gain - self->avg_gain) * self->inv_period;
      self->avg_loss += (loss - self->avg_loss) * self->inv_period;
    }
  else
    {
      /* the first averages are plain means of the first `period` changes */
      self->avg_gain += gain;
      self->avg_loss += loss;
      if (++self->count < self->period)
        return FALSE;
      self->avg_gain /= self->period;
      self->avg_loss /= self->period;
    }

  if (self->avg_loss == 0)
    self->value = 100;
  else
    self->value = 100 - 100 / (1 + self->avg_gain / self->avg_loss);
  return TRUE;
}

/* MACD ----------------------------------------------------------------- */

void
dca_macd_init (DcaMacd *self,
               guint    fast,
               guint    slow,
               guint    signal)
{
  *self = (DcaMacd) { 0 };
  dca_ema_init (&self->fast, fast);
  dca_ema_init (&self->slow, slow);
  dca_ema_init (&self->signal_ema, signal);
}

gboolean
dca_macd_update (DcaMacd *self,
                 double   close)
{
  gboolean fast_ready = dca_ema_update (&self->fast, close);
  gboolean slow_ready = dca_ema_update (&self->slow, close);

  if (G_UNLIKELY (!fast_ready || !slow_ready))
    return FALSE;

  self->line = self->fast.value - self->slow.value;
  self->line_ready = TRUE;
  /* the signal EMA only starts once there is a line to average */
  if (G_UNLIKELY (!dca_ema_update (&self->signal_ema, self->line)))
    return FALSE;
  self->signal = self->signal_ema.value;
  self->histogram = self->line - self->signal;
  return TRUE;
}

/* Bollinger ------------------------------------------------------------ */

void
dca_bollinger_init (DcaBollinger *self,
                    guint         period,
                    double        std_dev)
{
  g_return_if_fail (period >= 1);

  *self = (DcaBollinger) { 0 };
  self->period = period;
  self->inv_period = 1.0 / period;
  self->mult = std_dev;
  self->ring = g_new0 (double, period);
}

void
dca_bollinger_clear (DcaBollinger *self)
{
  g_clear_pointer (&self->ring, g_free);
}

/* The variance comes from running sums, but of deviations from a reference
 * value near the window's mean rather than of the prices themselves.  With
 * sum(x) and sum(x^2), var = E[x^2] - E[x]^2 subtracts two numbers of the
 * size of price^2 to get one of the size of spread^2: for a stable price
 * (0.09 moving by 1e-8) that loses every significant digit and can even go
 * negative.  Taken around a reference inside the window both terms are of the
 * size of spread^2, so nothing cancels.  The reference is moved to the current
 * mean, and both sums recomputed exactly, once per period (O(1) amortised),
 * which also stops rounding error from piling up over millions of candles. */
static void
bollinger_rebase (DcaBollinger *self)
{
  double mean = 0, s1 = 0, s2 = 0;

  for (guint i = 0; i < self->count; i++)
    mean += self->ring[i];
  mean /= self->count;
  for (guint i = 0; i < self->count; i++)
    {
      double d = self->ring[i] - mean;

      s1 += d;
      s2 += d * d;
    }
  self->ref = mean;
  self->dev_sum = s1;
  self->dev_sq_sum = s2;
}

gboolean
dca_bollinger_update (DcaBollinger *self,
                      double        close)
{
  double d, mean_dev, var;

  if (G_UNLIKELY (self->count == 0))
    {
      self->ref = close;
      self->flat_run = 0;
    }

  /* a flat window has exactly zero width; counting equal closes knows that
   * exactly where the sums could leave a rounding residue */
  if (self->flat_run > 0 && close == self->ring[self->pos == 0 ? self->period - 1 : self->pos - 1])
    {
      if (self->flat_run < self->period)
        self->flat_run++;
    }
  else
    self->flat_run = 1;

  if (self->count == self->period)
    {
      double old = self->ring[self->pos] - self->ref;

      self->dev_sum -= old;
      self->dev_sq_sum -= old * old;
    }
  else
    self->count++;
  self->ring[self->pos] = close;
  d = close - self->ref;
  self->dev_sum += d;
  self->dev_sq_sum += d * d;

  if (++self->pos == self->period)
    {
      self->pos = 0;
      bollinger_rebase (self);
    }

  if (self->count < self->period)
    return FALSE;

  if (self->flat_run >= self->period)
    {
      self->middle = close;
      self->std_dev = 0;
    }
  else
    {
      mean_dev = self->dev_sum * self->inv_period;
      var = self->dev_sq_sum * self->inv_period - mean_dev * mean_dev;
      self->middle = self->ref + mean_dev;
      self->std_dev = var > 0 ? sqrt (var) : 0;
    }
  self->upper = self->middle + self->mult * self->std_dev;
  self->lower = self->middle - self->mult * self->std_dev;
  if (self->upper > self->lower)
    self->percent_b = (close - self->lower) / (self->upper - self->lower) * 100;
  else
    self->percent_b = 50;
  return TRUE;
}

/* Stochastic ----------------------------------------------------------- */

static void
mono_deque_init (DcaMonoDeque *q,
                 guint         cap)
{
  q->idx = g_new0 (guint64, cap);
  q->val = g_new0 (double, cap);
  q->cap = cap;
  q->head = 0;
  q->len = 0;
}

static void
mono_deque_clear (DcaMonoDeque *q)
{
  g_clear_pointer (&q->idx, g_free);
  g_clear_pointer (&q->val, g_free);
}

static inline guint
mono_deque_at (const DcaMonoDeque *q,
               guint               i)
{
  guint p = q->head + i;

  return p >= q->cap ? p - q->cap : p;
}

/* Drops entries older than `oldest`, then appends (i, v) after dropping
 * every entry that v dominates: `keep_greater` keeps a decreasing deque
 * (window maximum at the front), otherwise an increasing one (minimum). */
static inline void
mono_deque_push (DcaMonoDeque *q,
                 guint64       i,
                 double        v,
                 guint64       oldest,
                 gboolean      keep_greater)
{
  guint tail;

  while (q->len > 0 && q->idx[q->head] < oldest)
    {
      q->head = q->head + 1 == q->cap ? 0 : q->head + 1;
      q->len--;
    }
  while (q->len > 0)
    {
      double back = q->val[mono_deque_at (q, q->len - 1)];

      if (keep_greater ? back > v : back < v)
        break;
      q->len--;
    }
  tail = mono_deque_at (q, q->len);
  q->idx[tail] = i;
  q->val[tail] = v;
  q->len++;
}

void
dca_stochastic_init (DcaStochastic *self,
                     guint          period)
{
  g_return_if_fail (period >= 1);

  *self = (DcaStochastic) { 0 };
  self->period = period;
  mono_deque_init (&self->highs, period);
  mono_deque_init (&self->lows, period);
}

void
dca_stochastic_clear (DcaStochastic *self)
{
  mono_deque_clear (&self->highs);
  mono_deque_clear (&self->lows);
}

gboolean
dca_stochastic_update (DcaStochastic *self,
                       double         high,
                       double         low,
                       double         close)
{
  guint64 i = self->n++;
  guint64 oldest = i + 1 >= self->period ? i + 1 - self->period : 0;
  double hh, ll;

  mono_deque_push (&self->highs, i, high, oldest, TRUE);
  mono_deque_push (&self->lows, i, low, oldest, FALSE);
  if (self->n < self->period)
    return FALSE;

  hh = self->highs.val[self->highs.head];
  ll = self->lows.val[self->lows.head];
  self->k = hh > ll ? (close - ll) / (hh - ll) * 100 : 50;

  /* %D: three values, summed afresh each time (exact and as cheap) */
  self->k_ring[self->k_pos] = self->k;
  self->k_pos = self->k_pos + 1 == DCA_STOCHASTIC_D_PERIOD ? 0 : self->k_pos + 1;
  if (self->k_count < DCA_STOCHASTIC_D_PERIOD)
    self->k_count++;
  self->d_ready = self->k_count == DCA_STOCHASTIC_D_PERIOD;
  if (self->d_ready)
    self->d = (self->k_ring[0] + self->k_ring[1] + self->k_ring[2]) / DCA_STOCHASTIC_D_PERIOD;
  return TRUE;
}

/* Price change --------------------------------------------------------- */

void
dca_price_change_init (DcaPriceChange *self,
                       guint           period)
{
  g_return_if_fail (period >= 1);

  *self = (DcaPriceChange) { 0 };
  self->period = period;
  self->ring = g_new0 (double, period + 1);
}

void
dca_price_change_clear (DcaPriceChange *self)
{
  g_clear_pointer (&self->ring, g_free);
}

gboolean
dca_price_change_update (DcaPriceChange *self,
                         double          close)
{
  guint n = self->period + 1;
  double before;

  self->ring[self->pos] = close;
  self->pos = self->pos + 1 == n ? 0 : self->pos + 1;
  if (self->count < n)
    self->count++;
  if (self->count < n)
    return FALSE;

  /* the oldest entry, `period` candles before this one, is next to be
   * overwritten */
  before = self->ring[self->pos];
  if (before == 0)
    return FALSE;
  self->value = (close - before) / before * 100;
  return TRUE;
}
