/* coinbase-server.h: a Coinbase Advanced Trade look-alike for the tests
 *
 * A real HTTP server (SoupServer on 127.0.0.1) answering the endpoints the
 * connector uses with Coinbase's JSON shapes, checking every private
 * request's JWT (signature with the key's public half, and its claims), and
 * failing on demand.  Its market is a candle file played on a clock the
 * test controls.
 */
#pragma once

#include <glib.h>

#include "coinbase-keys.h"
#include "dca-decimal.h"

G_BEGIN_DECLS

typedef enum
{
  FAULT_429,          /* 429 with Retry-After: 1 (seconds, as Coinbase sends) */
  FAULT_500,
  FAULT_SLOW,         /* answers after 3 s: past the client's timeout */
  FAULT_MALFORMED,    /* 200 with a body that is not JSON */
  FAULT_TRUNCATED,    /* 200 with half a JSON body */
  FAULT_WRONG_TYPE,   /* 200 with a number where a string belongs */
  FAULT_LOSE_ANSWER,  /* does the work, then answers 500 */
  FAULT_CLOCK_SKEW,   /* 401 with a Date header ten minutes ahead */
  FAULT_FORBIDDEN,    /* 403: the key lacks a permission */
} FaultKind;

typedef struct _FakeCoinbase FakeCoinbase;

FakeCoinbase *fake_coinbase_new            (TestKey       *key,
                                            const char    *candles_csv,
                                            const char    *product_id);
void          fake_coinbase_free           (FakeCoinbase  *self);
/* http://127.0.0.1:PORT/api/v3/brokerage */
const char   *fake_coinbase_get_url        (FakeCoinbase  *self);
gint64        fake_coinbase_get_time       (FakeCoinbase  *self);
void          fake_coinbase_set_time       (FakeCoinbase  *self,
                                            gint64         time);
/* the clock function for the connector's settings */
gint64        fake_coinbase_clock          (gpointer       self);
gint64        fake_coinbase_first_close    (FakeCoinbase  *self);
void          fake_coinbase_set_balance    (FakeCoinbase  *self,
                                            const char    *currency,
                                            const char    *amount);
/* The next `count` requests whose path starts with `prefix` (and whose
 * method is `method`, NULL for any) fail this way. */
void          fake_coinbase_add_fault      (FakeCoinbase  *self,
                                            const char    *method,
                                            const char    *prefix,
                                            FaultKind      kind,
                                            guint          count);
/* Real time: the candles shifted so that the last closes now, and the
 * server's clock the wall clock (for the CLI, which has no test clock). */
void          fake_coinbase_use_wall_clock (FakeCoinbase  *self);
void          fake_coinbase_set_page_size  (FakeCoinbase  *self,
                                            guint          size);

guint         fake_coinbase_requests       (FakeCoinbase  *self,
                                            const char    *prefix);
guint         fake_coinbase_orders_created (FakeCoinbase  *self);
/* POSTs of a client order id that Coinbase already had */
guint         fake_coinbase_duplicate_posts (FakeCoinbase *self);
guint         fake_coinbase_bad_jwts       (FakeCoinbase  *self);
/* every Authorization header seen, to check no secret leaks elsewhere */
GPtrArray    *fake_coinbase_tokens         (FakeCoinbase  *self);

G_END_DECLS
