/* dca-rate-limiter.c: a token bucket */
#include "config.h"

#include <math.h>

#include "dca-rate-limiter.h"

void
dca_rate_limiter_init (DcaRateLimiter *self,
                       double          rate,
                       double          burst)
{
  self->rate = rate > 0 ? rate : 1;
  self->burst = burst >= 1 ? burst : 1;
  self->tokens = self->burst;
  self->last_us = 0;
}

gint64
dca_rate_limiter_reserve (DcaRateLimiter *self,
                          gint64          now_us)
{
  if (self->last_us == 0)
    self->last_us = now_us;
  if (now_us > self->last_us)
    {
      self->tokens = MIN (self->burst, self->tokens + (now_us - self->last_us) * self->rate / 1e6);
      self->last_us = now_us;
    }
  /* the token may go negative: later callers wait behind earlier ones */
  self->tokens -= 1;
  if (self->tokens >= 0)
    return 0;
  return (gint64) ceil (-self->tokens * 1e6 / self->rate);
}
