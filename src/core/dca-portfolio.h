/* dca-portfolio.h: an account's assets and what they are worth
 *
 * Exact: amounts and values are decimals; a value is only given where a
 * price for it is known (ASSET-BTC, and BTC-USD for dollars).
 */
#pragma once

#include "dca-store.h"

G_BEGIN_DECLS

typedef struct
{
  char       *currency;
  DcaDecimal  available;
  DcaDecimal  hold;
  DcaDecimal  total;
  gboolean    has_value_btc;
  DcaDecimal  value_btc;
  gboolean    has_value_usd;
  DcaDecimal  value_usd;
  double      share;        /* of the account's BTC value, 0..1; 0 without a value */
} DcaPortfolioRow;

typedef struct
{
  GPtrArray  *rows;         /* DcaPortfolioRow, by value, largest first */
  DcaDecimal  value_btc;    /* of the assets with a known price */
  gboolean    has_value_usd;
  DcaDecimal  value_usd;
  DcaDecimal  in_open_deals; /* quote spent by open deals, in BTC */
  DcaDecimal  reserved;      /* BTC reserved by running bots */
  DcaDecimal  free_btc;      /* BTC available, less the reserves */
} DcaPortfolio;

/* prices: product id -> DcaDecimal* (may be NULL) */
DcaPortfolio *dca_portfolio_compute (DcaStore     *store,
                                     const char   *exchange,
                                     GHashTable   *prices,
                                     GError      **error);
void          dca_portfolio_free    (DcaPortfolio *portfolio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaPortfolio, dca_portfolio_free)

G_END_DECLS
