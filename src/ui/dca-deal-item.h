/* dca-deal-item.h: one deal as the Deals and History lists show it */
#pragma once

#include <glib-object.h>

#include "dca-deal.h"
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
DcaDecimal           dca_deal_item_get_price  (DcaDealItem   *self);
/* the clock the age of an open deal is counted to (the market's, on the
 * replay market); 0: the wall clock */
void                 dca_deal_item_set_now    (DcaDealItem   *self,
                                               gint64         now);
/* the bot's strategy type ("conditional_dca" ...): how the deal's
 * configuration snapshot is read for its take-profit and safety levels */
void                 dca_deal_item_set_strategy_type (DcaDealItem *self,
                                                      const char  *strategy_type);
/* The levels core computes from the deal's configuration snapshot; FALSE
 * when the snapshot cannot be read or nothing was bought. */
gboolean             dca_deal_item_get_levels (DcaDealItem   *self,
                                               DcaDealLevels *levels);
/* The most safety orders the deal may place; FALSE when unknown. */
gboolean             dca_deal_item_get_max_safety_orders (DcaDealItem *self,
                                                          guint       *max);

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
  DCA_DEAL_COLUMN_PRICE_BAR,               /* what the price bar says, in words */
  DCA_DEAL_COLUMN_SPENT_BOUGHT,
  DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX,       /* done / max */
  DCA_DEAL_COLUMN_AGE,
  DCA_DEAL_COLUMN_LAST_ERROR,
  DCA_N_DEAL_COLUMNS
} DcaDealColumn;

char                *dca_deal_item_format     (DcaDealItem   *self,
                                               DcaDealColumn  column);
const char          *dca_deal_column_title    (DcaDealColumn  column);
/* The order of two deals by a column, by core's exact comparison of the
 * amounts; unknown values last. */
int                  dca_deal_item_compare    (DcaDealItem   *a,
                                               DcaDealItem   *b,
                                               DcaDealColumn  column);

G_END_DECLS
