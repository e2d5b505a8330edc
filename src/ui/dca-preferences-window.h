/* dca-preferences-window.h: exchange, Coinbase key, paper account, bots */
#pragma once

#include <adwaita.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_PREFERENCES_WINDOW (dca_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DcaPreferencesWindow, dca_preferences_window, DCA, PREFERENCES_WINDOW, AdwPreferencesWindow)

DcaPreferencesWindow *dca_preferences_window_new (GtkWindow  *parent,
                                                  DcaContext *context);

G_END_DECLS
