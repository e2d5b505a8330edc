/* dca-deal-item.h: one deal as the Deals and History lists show it */
#pragma once

#include <glib-object.h>

#include "dca-store.h"

G_BEGIN_DECLS

#define DCA_TYPE_DEAL_ITEM (dca_deal_item_get_type ())
G_DECLARE_FINAL_TYPE (DcaDealItem, dca_deal_item, DCA, DEAL_ITEM, GObject)

/* record: taken */
DcaDealItem         *dca_deal_item_new        (DcaDealRecord *record,
                                               const char    *bot_name);
const DcaDealRecord *dca_deal_item_get_record (DcaDealItem   *self);
const char          *dca_deal_item_get_bot    (DcaDealItem   *self);
/* the latest price of the deal's pair; zero: unknown */
void                 dca_deal_item_set_price  (DcaDealItem   *self,
                                               DcaDecimal     price);

/* The texts of the columns, formatted by core's decimal printing. */
typedef enum
{
  DCA_DEAL_COLUMN_BOT,
  DCA_DEAL_COLUMN_PAIR,
  DCA_DEAL_COLUMN_OPENED,
  DCA_DEAL_COLUMN_CLOSED,
  DCA_DEAL_COLUMN_DURATION,
  DCA_DEAL_COLUMN_SAFETY_ORDERS,
  DCA_DEAL_COLUMN_SPENT,
  DCA_DEAL_COLUMN_AVERAGE_PRICE,
  DCA_DEAL_COLUMN_PROFIT,
  DCA_DEAL_COLUMN_PROFIT_PERCENTAGE,
  DCA_DEAL_COLUMN_CLOSE_REASON,
  DCA_DEAL_COLUMN_PRICE,                   /* the latest price, open deals */
  DCA_DEAL_COLUMN_UNREALISED,
  DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE,
  DCA_N_DEAL_COLUMNS
} DcaDealColumn;

char                *dca_deal_item_format     (DcaDealItem   *self,
                                               DcaDealColumn  column);
const char          *dca_deal_column_title    (DcaDealColumn  column);

G_END_DECLS
