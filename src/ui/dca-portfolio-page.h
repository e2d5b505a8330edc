/* dca-portfolio-page.h: the account's assets, their value and share */
#pragma once

#include <gtk/gtk.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_PORTFOLIO_PAGE (dca_portfolio_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaPortfolioPage, dca_portfolio_page, DCA, PORTFOLIO_PAGE, GtkWidget)

void        dca_portfolio_page_set_context (DcaPortfolioPage *self,
                                            DcaContext       *context);
GListModel *dca_portfolio_page_get_model   (DcaPortfolioPage *self);
void        dca_portfolio_page_reload      (DcaPortfolioPage *self);

G_END_DECLS
