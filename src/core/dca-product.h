/* dca-product.h: a trading pair and the rules its orders must follow */
#pragma once

#include <glib.h>

#include "dca-decimal.h"

G_BEGIN_DECLS

typedef struct
{
  char       *product_id;      /* "ETH-BTC": BASE-QUOTE */
  char       *base_currency;
  char       *quote_currency;
  DcaDecimal  base_increment;  /* sizes are rounded down to these */
  DcaDecimal  quote_increment;
  DcaDecimal  price_increment;
  DcaDecimal  base_min_size;   /* zero: no limit */
  DcaDecimal  base_max_size;
  DcaDecimal  quote_min_size;
  DcaDecimal  quote_max_size;
  gboolean    trading_disabled;
  char       *status;          /* "online", "delisted", ... as the exchange says */
} DcaProduct;

DcaProduct *dca_product_new              (const char        *product_id);
DcaProduct *dca_product_copy             (const DcaProduct  *product);
void        dca_product_free             (DcaProduct        *product);
gboolean    dca_product_id_split         (const char        *product_id,
                                          char             **base,
                                          char             **quote);
gboolean    dca_product_id_is_valid      (const char        *product_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaProduct, dca_product_free)

G_END_DECLS
