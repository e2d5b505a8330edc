/* dca-coinbase.h: Coinbase Advanced Trade, behind the exchange interface
 *
 * Speaks https://api.coinbase.com/api/v3/brokerage (or DCADESK_COINBASE_URL)
 * with libsoup and json-glib.  Every request goes out from one I/O thread
 * the exchange owns (libsoup sessions belong to one thread), paced by a
 * token bucket per limit (private 30/s, public 10/s), with a timeout; a
 * 429 waits for Retry-After or backs off exponentially with jitter.  Only
 * GETs are retried, and a new order only after looking up whether Coinbase
 * already has it (by client order id).  Answers are checked field by field:
 * anything unexpected becomes a typed DcaExchangeError, never a crash and
 * never a fill that did not happen.  Results complete on the caller's
 * thread-default main context.
 */
#pragma once

#include "dca-coinbase-auth.h"
#include "dca-exchange.h"

G_BEGIN_DECLS

#define DCA_COINBASE_DEFAULT_URL "https://api.coinbase.com/api/v3/brokerage"

typedef gint64 (*DcaClockFunc) (gpointer user_data);

typedef struct
{
  char         *base_url;        /* NULL: DCADESK_COINBASE_URL, else the default */
  double        private_rate;    /* requests a second; default 30 */
  double        public_rate;     /* default 10 */
  guint         timeout_seconds; /* default 15 */
  guint         max_attempts;    /* default 4 */
  guint         backoff_ms;      /* the first back-off; default 500, doubling, with jitter */
  DcaClockFunc  clock;           /* tests: the exchange's clock; NULL: the wall clock */
  gpointer      clock_data;
} DcaCoinbaseSettings;

#define DCA_TYPE_COINBASE_EXCHANGE (dca_coinbase_exchange_get_type ())
G_DECLARE_FINAL_TYPE (DcaCoinbaseExchange, dca_coinbase_exchange, DCA, COINBASE_EXCHANGE, GObject)

void                  dca_coinbase_settings_init   (DcaCoinbaseSettings       *settings);
void                  dca_coinbase_settings_clear  (DcaCoinbaseSettings       *settings);

/* key: taken; NULL uses the public market endpoints only (no account). */
DcaCoinbaseExchange  *dca_coinbase_exchange_new    (const DcaCoinbaseSettings *settings,
                                                    DcaCoinbaseKey            *key);

/* "Test connection": lists the accounts; the result says how many, or the
 * error says what is wrong (bad key, no permission, clock skew, network). */
void                  dca_coinbase_exchange_test_connection        (DcaCoinbaseExchange  *self,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
char                 *dca_coinbase_exchange_test_connection_finish (DcaCoinbaseExchange  *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

G_END_DECLS
