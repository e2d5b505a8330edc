/* dca-bot-row.h: a bot in the Bots list: name, strategy, pairs, deals, switch */
#pragma once

#include <gtk/gtk.h>

#include "dca-bot-item.h"

G_BEGIN_DECLS

#define DCA_TYPE_BOT_ROW (dca_bot_row_get_type ())
G_DECLARE_FINAL_TYPE (DcaBotRow, dca_bot_row, DCA, BOT_ROW, GtkWidget)

GtkWidget  *dca_bot_row_new      (void);
void        dca_bot_row_set_item (DcaBotRow  *self,
                                  DcaBotItem *item);
DcaBotItem *dca_bot_row_get_item (DcaBotRow  *self);

G_END_DECLS
