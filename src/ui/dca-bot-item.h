/* dca-bot-item.h: one bot as the lists show it */
#pragma once

#include <glib-object.h>

#include "dca-store.h"

G_BEGIN_DECLS

#define DCA_TYPE_BOT_ITEM (dca_bot_item_get_type ())
G_DECLARE_FINAL_TYPE (DcaBotItem, dca_bot_item, DCA, BOT_ITEM, GObject)

DcaBotItem *dca_bot_item_new           (const DcaBotRecord *record,
                                        guint               open_deals,
                                        guint               total_deals);
gint64      dca_bot_item_get_id        (DcaBotItem         *self);
const char *dca_bot_item_get_name      (DcaBotItem         *self);
const char *dca_bot_item_get_strategy  (DcaBotItem         *self);
const char *dca_bot_item_get_pairs     (DcaBotItem         *self);
gboolean    dca_bot_item_get_running   (DcaBotItem         *self);
guint       dca_bot_item_get_open_deals (DcaBotItem        *self);
guint       dca_bot_item_get_total_deals (DcaBotItem       *self);

G_END_DECLS
