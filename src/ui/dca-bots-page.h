/* dca-bots-page.h: the Bots page: the welcome with the templates, or the list */
#pragma once

#include <gtk/gtk.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_BOTS_PAGE (dca_bots_page_get_type ())
G_DECLARE_FINAL_TYPE (DcaBotsPage, dca_bots_page, DCA, BOTS_PAGE, GtkWidget)

void        dca_bots_page_set_context (DcaBotsPage *self,
                                       DcaContext  *context);
GListModel *dca_bots_page_get_model   (DcaBotsPage *self);
/* reload from the store */
void        dca_bots_page_reload      (DcaBotsPage *self);

G_END_DECLS
