/* dca-paper-exchange.h: a simulated account that needs no network
 *
 * Market orders fill at once at the market's price (in replay, the latest
 * close) exactly as the backtester fills them; limit orders rest until the
 * price crosses them.  Its order book lives in the store (paper_orders,
 * paper_fills) and its wallet is the store's balances of exchange "paper",
 * moved when the engine records a fill: see docs/paper.md.
 */
#pragma once

#include "dca-exchange.h"
#include "dca-replay-market.h"
#include "dca-store.h"

G_BEGIN_DECLS

typedef struct
{
  DcaDecimal taker_fee;      /* market orders; default 0.006 (0.6 %) */
  DcaDecimal maker_fee;      /* limit orders; default 0.004 */
  DcaDecimal spread;         /* fraction of the price; buys pay half above, sells get half below */
  DcaDecimal slippage;       /* fraction, on market orders, against the taker */
  GHashTable *start_balances;/* currency -> DcaDecimal*; default BTC 1, USD 10000 */
} DcaPaperSettings;

#define DCA_TYPE_PAPER_EXCHANGE (dca_paper_exchange_get_type ())
G_DECLARE_FINAL_TYPE (DcaPaperExchange, dca_paper_exchange, DCA, PAPER_EXCHANGE, GObject)

void              dca_paper_settings_init        (DcaPaperSettings       *settings);
void              dca_paper_settings_clear       (DcaPaperSettings       *settings);
void              dca_paper_settings_copy        (const DcaPaperSettings *src,
                                                  DcaPaperSettings       *dest);
void              dca_paper_settings_set_balance (DcaPaperSettings       *settings,
                                                  const char             *currency,
                                                  DcaDecimal              amount);

/* Opens its own connection to the store at store_path.  The first time a
 * store sees the paper exchange, its wallet gets the starting balances. */
DcaPaperExchange *dca_paper_exchange_new         (const char             *store_path,
                                                  DcaReplayMarket        *market,
                                                  const DcaPaperSettings *settings,
                                                  GError                **error);
/* The same on a store connection the caller already has (the engine's own:
 * one connection per thread, and no page cache thrown away between the
 * engine's writes and the exchange's). */
DcaPaperExchange *dca_paper_exchange_new_for_store (DcaStore             *store,
                                                    DcaReplayMarket        *market,
                                                    const DcaPaperSettings *settings,
                                                    GError                **error);
/* Paper trading on live prices: market data from `feed` (e.g. Coinbase's
 * public market, no key); market orders fill at the latest price the feed
 * gave for the product. */
DcaPaperExchange *dca_paper_exchange_new_live     (DcaStore               *store,
                                                   DcaExchange            *feed,
                                                   const DcaPaperSettings *settings,
                                                   GError                **error);
/* A fresh paper account: the paper order book emptied, the wallet set to
 * the starting balances, the replay clock back to the start.  Refused
 * (DCA_STORE_ERROR_HAS_OPEN_DEALS) while paper deals are open: they would
 * hold what the wallet no longer has.  The engine must be stopped. */
gboolean          dca_paper_account_reset          (DcaStore               *store,
                                                    const DcaPaperSettings *settings,
                                                    GError                **error);
/* Fills the resting limit orders the candles closed since the last call
 * crossed; the engine calls it after each move of the clock. */
void              dca_paper_exchange_process     (DcaPaperExchange       *self);

G_END_DECLS
