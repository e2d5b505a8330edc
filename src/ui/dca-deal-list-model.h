/* dca-deal-list-model.h: deals from the store, a page at a time
 *
 * A GListModel over a deal filter: it knows the count, and loads the rows
 * in pages of 200 as the view asks for them, so a list of 100,000 deals
 * scrolls without reading them all.
 */
#pragma once

#include <gio/gio.h>

#include "dca-store.h"

G_BEGIN_DECLS

#define DCA_TYPE_DEAL_LIST_MODEL (dca_deal_list_model_get_type ())
G_DECLARE_FINAL_TYPE (DcaDealListModel, dca_deal_list_model, DCA, DEAL_LIST_MODEL, GObject)

/* status_mask and sort as in DcaDealFilter */
DcaDealListModel *dca_deal_list_model_new    (DcaStore         *store,
                                              guint             status_mask,
                                              DcaDealSort       sort);
/* Counts again and forgets the loaded pages: after deals changed. */
void              dca_deal_list_model_reload (DcaDealListModel *self);
/* product id -> DcaDecimal*: the latest prices the items show P/L at */
void              dca_deal_list_model_set_prices (DcaDealListModel *self,
                                                  GHashTable       *prices);
/* the clock open deals' age is counted to; 0: the wall clock */
void              dca_deal_list_model_set_now    (DcaDealListModel *self,
                                                  gint64            now);
/* Which deals and in which order, as in DcaDealFilter (bot_id 0 and
 * product_id NULL: all); reloads when that changes.  The store sorts, so
 * the list stays a page at a time whatever the order. */
void              dca_deal_list_model_set_query  (DcaDealListModel *self,
                                                  gint64            bot_id,
                                                  const char       *product_id,
                                                  DcaDealSort       sort,
                                                  gboolean          ascending);

G_END_DECLS
