/* dca-bot-editor.h: create or edit a bot
 *
 * Every value goes through core's validation as the user types: a bad one
 * is marked on its field with core's reason and Save stays off; a good
 * configuration shows its safety-order ladder and the most it can spend.
 */
#pragma once

#include <adwaita.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_BOT_EDITOR (dca_bot_editor_get_type ())
G_DECLARE_FINAL_TYPE (DcaBotEditor, dca_bot_editor, DCA, BOT_EDITOR, AdwWindow)

/* bot_id 0: a new bot */
DcaBotEditor *dca_bot_editor_new          (GtkWindow    *parent,
                                           DcaContext   *context,
                                           gint64        bot_id,
                                           GError      **error);
/* for tests: set a field by its key ("name", "product_ids", "strategy_type",
 * "check_interval_seconds" or a strategy_config key other than the
 * condition lists) as the user would type it; a choice by its JSON value */
void          dca_bot_editor_set_field    (DcaBotEditor *self,
                                           const char   *key,
                                           const char   *text);
/* NULL when the values are valid */
const char   *dca_bot_editor_get_error    (DcaBotEditor *self);
const char   *dca_bot_editor_get_summary  (DcaBotEditor *self);
/* the latest backtest preview's text; NULL before the first */
const char   *dca_bot_editor_get_preview  (DcaBotEditor *self);
gboolean      dca_bot_editor_field_is_marked (DcaBotEditor *self,
                                              const char   *key);
/* Saves; FALSE with the reason when the values are not valid. */
gboolean      dca_bot_editor_save         (DcaBotEditor *self,
                                           GError      **error);

G_END_DECLS
