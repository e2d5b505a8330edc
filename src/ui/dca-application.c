/* dca-application.c: DCA Desk, the application
 *
 * Single instance (GApplication's D-Bus name).  It owns the context: the
 * settings, the main thread's store connection and the engine, which starts
 * with the first window and stops cleanly on quit.
 *
 * Closing the last window while bots run keeps the engine running in the
 * background (the application holds itself, and says so once); the
 * launcher or a click on a desktop notification brings a window back.
 * Quit stops the engine.  The run-in-background setting turns this off.
 */
#define G_LOG_DOMAIN "dca-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-application.h"
#include "dca-preferences-window.h"
#include "dca-window.h"

struct _DcaApplication
{
  AdwApplication  parent_instance;

  DcaContext     *context;
  gboolean        held;       /* running in the background, no window */
  gint64          open_bot_id;  /* what to show once a window is there */
  gint64          open_deal_id;
};

G_DEFINE_FINAL_TYPE (DcaApplication, dca_application, ADW_TYPE_APPLICATION)

DcaApplication *
dca_application_new (void)
{
  return g_object_new (DCA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dcadesk/DcaDesk",
                       NULL);
}

DcaContext *
dca_application_get_context (DcaApplication *self)
{
  return self->context;
}

static void
show_about (GSimpleAction *action,
            GVariant      *param,
            gpointer       data)
{
  GtkApplication *app = data;
  static const char *developers[] = { "The DCA Desk developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("DCA Desk"),
                         "application-icon", APP_ID,
                         "developer-name", _("The DCA Desk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Run DCA trading bots on Coinbase or a paper account, on your own desktop."),
                         "website", "https://github.com/dcadesk/dcadesk",
                         "issue-url", "https://github.com/dcadesk/dcadesk/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       data)
{
  DcaApplication *self = data;

  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dca_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                              self->context)));
}

static DcaWindow *
main_window (DcaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DCA_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* A desktop notification was clicked: the window (a new one when the app
 * runs in the background) on the deal or bot it is about. */
static void
on_open (DcaContext     *context,
         gint64          notification_id,
         gint64          bot_id,
         gint64          deal_id,
         DcaApplication *self)
{
  DcaWindow *window;

  self->open_bot_id = bot_id;
  self->open_deal_id = deal_id;
  g_application_activate (G_APPLICATION (self));
  window = main_window (self);
  if (window != NULL && (self->open_bot_id > 0 || self->open_deal_id > 0))
    {
      dca_window_open_target (window, self->open_bot_id, self->open_deal_id);
      self->open_bot_id = self->open_deal_id = 0;
    }
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 DcaApplication *self)
{
  /* a window holds the app again */
  if (self->held && DCA_IS_WINDOW (window))
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
on_window_removed (GtkApplication *app,
                   GtkWindow      *window,
                   DcaApplication *self)
{
  GSettings *settings;

  if (self->held || self->context == NULL || !DCA_IS_WINDOW (window) || main_window (self) != NULL)
    return;
  settings = dca_context_get_settings (self->context);
  if (!g_settings_get_boolean (settings, "run-in-background") || !dca_context_has_running_bots (self->context))
    return;
  self->held = TRUE;
  g_application_hold (G_APPLICATION (self));
  if (!g_settings_get_boolean (settings, "background-notice-shown"))
    {
      dca_desktop_notifier_message (dca_context_get_notifier (self->context),
                                    _("DCA Desk Is Still Running"),
                                    _("Your bots keep trading in the background and notifications keep "
                                      "coming. Open DCA Desk to see them; Quit in its menu stops the bots."));
      g_settings_set_boolean (settings, "background-notice-shown", TRUE);
    }
}

gboolean
dca_application_is_in_background (DcaApplication *self)
{
  g_return_val_if_fail (DCA_IS_APPLICATION (self), FALSE);
  return self->held;
}

static void
quit (GSimpleAction *action,
      GVariant      *param,
      gpointer       data)
{
  DcaApplication *self = data;

  /* the engine finishes the evaluation it is in, then the windows go */
  if (self->context != NULL)
    dca_context_stop_engine (self->context);
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  g_application_quit (G_APPLICATION (self));
}

static void
dca_application_startup (GApplication *application)
{
  DcaApplication *self = DCA_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "about", show_about, NULL, NULL, NULL, { 0 } },
    { "preferences", show_preferences, NULL, NULL, NULL, { 0 } },
    { "quit", quit, NULL, NULL, NULL, { 0 } },
  };
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *close_accels[] = { "<Primary>w", NULL };
  static const char *help_accels[] = { "<Primary>question", NULL };
  static const char *prefs_accels[] = { "<Primary>comma", NULL };
  static const char *new_bot_accels[] = { "<Primary>n", NULL };

  G_APPLICATION_CLASS (dca_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-bot", new_bot_accels);
  g_signal_connect (self, "window-added", G_CALLBACK (on_window_added), self);
  g_signal_connect (self, "window-removed", G_CALLBACK (on_window_removed), self);
}

static void
dca_application_activate (GApplication *application)
{
  DcaApplication *self = DCA_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->context == NULL)
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);

          self->context = dca_context_new (NULL, settings, &error);
          if (self->context == NULL)
            {
              /* the store cannot be opened: say why, and nothing else */
              GtkWidget *dialog = adw_message_dialog_new (NULL, _("DCA Desk Cannot Start"), error->message);

              adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
              gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
              gtk_window_present (GTK_WINDOW (dialog));
              return;
            }
          g_signal_connect_object (self->context, "open", G_CALLBACK (on_open), self, 0);
          if (!dca_context_start_engine (self->context, &error))
            g_warning ("%s", error->message);
        }
      window = GTK_WINDOW (dca_window_new (GTK_APPLICATION (self), self->context));
    }
  gtk_window_present (window);
}

static void
dca_application_shutdown (GApplication *application)
{
  DcaApplication *self = DCA_APPLICATION (application);

  if (self->context != NULL)
    dca_context_stop_engine (self->context);
  G_APPLICATION_CLASS (dca_application_parent_class)->shutdown (application);
}

static void
dca_application_dispose (GObject *object)
{
  g_clear_object (&DCA_APPLICATION (object)->context);
  G_OBJECT_CLASS (dca_application_parent_class)->dispose (object);
}

static void
dca_application_class_init (DcaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dca_application_dispose;
  app_class->startup = dca_application_startup;
  app_class->activate = dca_application_activate;
  app_class->shutdown = dca_application_shutdown;
}

static void
dca_application_init (DcaApplication *self)
{
}
