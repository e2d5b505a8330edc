/* dca-asset-item.c: one asset of the Portfolio page */
#define G_LOG_DOMAIN "dca-asset-item"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-asset-item.h"

struct _DcaAssetItem
{
  GObject         parent_instance;

  DcaPortfolioRow row;
};

G_DEFINE_FINAL_TYPE (DcaAssetItem, dca_asset_item, G_TYPE_OBJECT)

DcaAssetItem *
dca_asset_item_new (const DcaPortfolioRow *row)
{
  DcaAssetItem *self = g_object_new (DCA_TYPE_ASSET_ITEM, NULL);

  self->row = *row;
  self->row.currency = g_strdup (row->currency);
  return self;
}

const char *
dca_asset_item_get_currency (DcaAssetItem *self)
{
  return self->row.currency;
}

const char *
dca_asset_column_title (DcaAssetColumn column)
{
  switch (column)
    {
    case DCA_ASSET_COLUMN_ASSET: return _("Asset");
    case DCA_ASSET_COLUMN_TOTAL: return _("Total");
    case DCA_ASSET_COLUMN_AVAILABLE: return _("Available");
    case DCA_ASSET_COLUMN_HOLD: return _("On Hold");
    case DCA_ASSET_COLUMN_VALUE_BTC: return _("Value (BTC)");
    case DCA_ASSET_COLUMN_VALUE_USD: return _("Value (USD)");
    case DCA_ASSET_COLUMN_SHARE: return _("Share");
    case DCA_N_ASSET_COLUMNS:
    default: return "";
    }
}

char *
dca_asset_item_format (DcaAssetItem   *self,
                       DcaAssetColumn  column)
{
  const DcaPortfolioRow *r = &self->row;

  switch (column)
    {
    case DCA_ASSET_COLUMN_ASSET: return g_strdup (r->currency);
    case DCA_ASSET_COLUMN_TOTAL: return dca_decimal_to_string_places (r->total, 8);
    case DCA_ASSET_COLUMN_AVAILABLE: return dca_decimal_to_string_places (r->available, 8);
    case DCA_ASSET_COLUMN_HOLD: return dca_decimal_to_string_places (r->hold, 8);
    case DCA_ASSET_COLUMN_VALUE_BTC:
      return r->has_value_btc ? dca_decimal_to_string_places (r->value_btc, 8) : g_strdup ("—");
    case DCA_ASSET_COLUMN_VALUE_USD:
      return r->has_value_usd ? dca_decimal_to_string_places (r->value_usd, 2) : g_strdup ("—");
    case DCA_ASSET_COLUMN_SHARE:
      return r->has_value_btc ? g_strdup_printf ("%.1f %%", r->share * 100) : g_strdup ("—");
    case DCA_N_ASSET_COLUMNS:
    default: return g_strdup ("");
    }
}

static void
dca_asset_item_finalize (GObject *object)
{
  g_free (DCA_ASSET_ITEM (object)->row.currency);
  G_OBJECT_CLASS (dca_asset_item_parent_class)->finalize (object);
}

static void
dca_asset_item_class_init (DcaAssetItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_asset_item_finalize;
}

static void
dca_asset_item_init (DcaAssetItem *self)
{
}
