/* dca-rate-limiter.h: a token bucket, for an exchange's request limits */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double rate;      /* tokens a second */
  double burst;     /* the bucket's size */
  double tokens;
  gint64 last_us;   /* monotonic time of the last refill */
} DcaRateLimiter;

void   dca_rate_limiter_init    (DcaRateLimiter *self,
                                 double          rate,
                                 double          burst);
/* Takes a token for a request at now_us; returns how many microseconds the
 * request must wait first (0: go now).  Waiting requests queue in order. */
gint64 dca_rate_limiter_reserve (DcaRateLimiter *self,
                                 gint64          now_us);

G_END_DECLS
