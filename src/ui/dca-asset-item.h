/* dca-asset-item.h: one asset of the Portfolio page */
#pragma once

#include <glib-object.h>

#include "dca-portfolio.h"

G_BEGIN_DECLS

#define DCA_TYPE_ASSET_ITEM (dca_asset_item_get_type ())
G_DECLARE_FINAL_TYPE (DcaAssetItem, dca_asset_item, DCA, ASSET_ITEM, GObject)

typedef enum
{
  DCA_ASSET_COLUMN_ASSET,
  DCA_ASSET_COLUMN_TOTAL,
  DCA_ASSET_COLUMN_AVAILABLE,
  DCA_ASSET_COLUMN_HOLD,
  DCA_ASSET_COLUMN_VALUE_BTC,
  DCA_ASSET_COLUMN_VALUE_USD,
  DCA_ASSET_COLUMN_SHARE,
  DCA_N_ASSET_COLUMNS
} DcaAssetColumn;

DcaAssetItem *dca_asset_item_new          (const DcaPortfolioRow *row);
const char   *dca_asset_item_get_currency (DcaAssetItem          *self);
char         *dca_asset_item_format       (DcaAssetItem          *self,
                                           DcaAssetColumn         column);
const char   *dca_asset_column_title      (DcaAssetColumn         column);

G_END_DECLS
