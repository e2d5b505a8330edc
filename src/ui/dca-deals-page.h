/* dca-deals-page.h: the Deals page (open deals) and the History page (closed) */
#pragma once

#include <gtk/gtk.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_DEALS_PAGE (dca_deals_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaDealsPage, dca_deals_page, DCA, DEALS_PAGE, GtkWidget)

void        dca_deals_page_set_context (DcaDealsPage *self,
                                        DcaContext   *context);
GListModel *dca_deals_page_get_model   (DcaDealsPage *self);

G_END_DECLS
