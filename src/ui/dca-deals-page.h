/* dca-deals-page.h: the Deals page (open deals) and the History page (closed) */
#pragma once

#include <gtk/gtk.h>

#include "dca-context.h"
#include "dca-deal-item.h"

G_BEGIN_DECLS

#define DCA_TYPE_DEALS_PAGE (dca_deals_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaDealsPage, dca_deals_page, DCA, DEALS_PAGE, GtkWidget)

void                 dca_deals_page_set_context (DcaDealsPage  *self,
                                                 DcaContext    *context);
/* the rows as the list shows them: filtered and sorted */
GListModel          *dca_deals_page_get_model   (DcaDealsPage  *self);
/* the list's column of a DcaDealColumn, or NULL: for sorting by it */
GtkColumnViewColumn *dca_deals_page_get_column  (DcaDealsPage  *self,
                                                 DcaDealColumn  column);
/* Choose in the filter drop-downs, as a click would: 0 or NULL is all.
 * FALSE when the drop-down does not offer that bot or pair. */
gboolean             dca_deals_page_select_bot  (DcaDealsPage  *self,
                                                 gint64         bot_id);
gboolean             dca_deals_page_select_pair (DcaDealsPage  *self,
                                                 const char    *product_id);
/* the count above the list, e.g. "100,000 deals" */
const char          *dca_deals_page_get_count_text (DcaDealsPage *self);

G_END_DECLS
