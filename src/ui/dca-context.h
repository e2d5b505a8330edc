/* dca-context.h: what the windows share: settings, the store, the engine
 *
 * One per application (no globals).  The store connection here is the main
 * thread's own, for short reads; the engine has its own on its thread.
 * Engine events arrive as DcaContext::event on the main thread.
 */
#pragma once

#include <gio/gio.h>

#include "dca-desktop-notifier.h"
#include "dca-engine.h"
#include "dca-store.h"
#include "dca-strategy.h"

G_BEGIN_DECLS

#define DCA_TYPE_CONTEXT (dca_context_get_type ())
G_DECLARE_FINAL_TYPE (DcaContext, dca_context, DCA, CONTEXT, GObject)

/* store_path NULL: the user's data directory */
DcaContext *dca_context_new                 (const char     *store_path,
                                             GSettings      *settings,
                                             GError        **error);
GSettings  *dca_context_get_settings        (DcaContext     *self);
DcaStore   *dca_context_get_store           (DcaContext     *self);
DcaEngine  *dca_context_get_engine          (DcaContext     *self);
/* Desktop notifications, as the notify-* settings say. */
DcaDesktopNotifier *dca_context_get_notifier (DcaContext    *self);
/* Whether the engine runs with bots to run: closing the window then keeps
 * the app in the background. */
gboolean    dca_context_has_running_bots    (DcaContext     *self);
/* Starts the engine on the paper exchange over the bundled replay, at the
 * speed the settings say. */
gboolean    dca_context_start_engine        (DcaContext     *self,
                                             GError        **error);
void        dca_context_stop_engine         (DcaContext     *self);
/* Stops the engine, resets the paper account (refused while paper deals are
 * open, saying why) and starts the engine again. */
gboolean    dca_context_reset_paper_account (DcaContext     *self,
                                             GError        **error);

/* A first bot from a built-in template, on the bundled replay's pairs;
 * running.  Returns its id. */
gint64      dca_context_create_bot_from_template (DcaContext   *self,
                                                  const char   *template_name,
                                                  GError      **error);
/* A stopped copy under "NAME (copy)"; returns its id. */
gint64      dca_context_clone_bot           (DcaContext     *self,
                                             gint64          bot_id,
                                             GError        **error);
/* Refused (DCA_STORE_ERROR_HAS_OPEN_DEALS, saying why) while it has open deals. */
gboolean    dca_context_delete_bot          (DcaContext     *self,
                                             gint64          bot_id,
                                             GError        **error);
/* Bots changed in the store: reload the engine and the lists. */
void        dca_context_notify_bots_changed (DcaContext     *self);
gboolean    dca_context_set_bot_running     (DcaContext     *self,
                                             gint64          bot_id,
                                             gboolean        running,
                                             GError        **error);

G_END_DECLS
