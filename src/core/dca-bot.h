/* dca-bot.h: between a bot's stored record and the configuration it runs
 *
 * The store keeps a bot's strategy configuration verbatim as JSON; these
 * turn a record into a validated DcaBotConfig (naming the bad key when the
 * stored JSON no longer validates) and back.
 */
#pragma once

#include "dca-store.h"
#include "dca-strategy.h"

G_BEGIN_DECLS

DcaBotRecord      *dca_bot_record_from_config      (const DcaBotConfig      *config);
DcaBotConfig      *dca_bot_config_from_record      (const DcaBotRecord      *record,
                                                    GError                 **error);
void               dca_bot_record_write            (const DcaBotRecord      *record,
                                                    DcaJsonWriter           *writer);

DcaTemplateRecord *dca_template_record_from_template (const DcaTemplate     *tmpl);
DcaTemplate       *dca_template_from_record        (const DcaTemplateRecord *record,
                                                    GError                 **error);

/* A stopped copy of a bot named NAME + suffix (e.g. " (copy)"); its id. */
gint64             dca_bot_clone                   (DcaStore                *store,
                                                    gint64                   bot_id,
                                                    const char              *suffix,
                                                    GError                 **error);

/* Built-in templates first, then the user's, as DcaTemplate. */
GPtrArray         *dca_bot_list_all_templates      (DcaStore                *store,
                                                    GError                 **error);

G_END_DECLS
