/* dca-desktop-notifier.h: notifications on the desktop, and their sounds
 *
 * Shows the engine's notifications through libnotify (the notification
 * daemon on the session bus), as the preferences say: per type on or off,
 * do-not-disturb, a minimum size for closed deals, and bursts grouped into
 * one summary.  Plays each type's XDG sound through GSound when its sound
 * is on.  Used by the app and by `dcadesk-cli run`; no GTK.  Main context
 * of the thread that made it only.
 */
#pragma once

#include <gio/gio.h>

#include "dca-notifications.h"

G_BEGIN_DECLS

#define DCA_TYPE_DESKTOP_NOTIFIER (dca_desktop_notifier_get_type ())
G_DECLARE_FINAL_TYPE (DcaDesktopNotifier, dca_desktop_notifier, DCA, DESKTOP_NOTIFIER, GObject)

/* app_name: shown by the daemon; desktop_entry: the app id, for its icon
 * and its grouping. */
DcaDesktopNotifier *dca_desktop_notifier_new        (const char            *app_name,
                                                     const char            *desktop_entry);
/* Whether a notification daemon owns (or can be started for) its name on
 * the session bus.  Waits for the bus: call it once, at start. */
gboolean            dca_desktop_notifier_daemon_present (void);
void                dca_desktop_notifier_set_prefs  (DcaDesktopNotifier    *self,
                                                     const DcaNotifyPrefs  *prefs);
const DcaNotifyPrefs *dca_desktop_notifier_get_prefs (DcaDesktopNotifier   *self);
/* The preferences as the app's GSettings keep them (notify-TYPE-desktop,
 * -in-app, -sound, notify-do-not-disturb, ...). */
void                dca_notify_prefs_load_settings  (DcaNotifyPrefs        *prefs,
                                                     GSettings             *settings);
/* The app's settings when its schema is installed (or in
 * GSETTINGS_SCHEMA_DIR), else NULL: headless use runs on the defaults. */
GSettings          *dca_desktop_settings_try_new    (const char            *schema_id);
/* Shows (or holds for a summary) and sounds n as the preferences say. */
void                dca_desktop_notifier_notify     (DcaDesktopNotifier    *self,
                                                     const DcaNotification *n);
/* A message of the app's own (e.g. "still running in the background"),
 * always shown unless do-not-disturb is on. */
void                dca_desktop_notifier_message    (DcaDesktopNotifier    *self,
                                                     const char            *title,
                                                     const char            *body);
/* Shows the held summary now (e.g. before the program ends). */
void                dca_desktop_notifier_flush      (DcaDesktopNotifier    *self);
/* Popups sent (individual, summaries and messages), since it was made. */
guint               dca_desktop_notifier_get_n_shown (DcaDesktopNotifier   *self);

G_END_DECLS
