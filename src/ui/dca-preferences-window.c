/* dca-preferences-window.c: exchange, Coinbase key, paper account, bots
 *
 * Every preference is a GSettings key bound to its row.  The Coinbase key
 * goes from the CDP key file into the keyring; the keyring and the network
 * are only ever used from a worker thread or asynchronously, never waited
 * on here.
 */
#define G_LOG_DOMAIN "dca-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dca-coinbase.h"
#include "dca-decimal.h"
#include "dca-keyring.h"
#include "dca-preferences-window.h"

struct _DcaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  DcaContext           *context;
  GCancellable         *cancellable;

  AdwComboRow          *exchange_row;
  AdwComboRow          *market_row;
  GtkSpinButton        *speed_spin;
  GtkSpinButton        *interval_spin;
  AdwActionRow         *key_row;
  GtkButton            *remove_key_button;
  GtkButton            *test_button;
  GtkLabel             *test_label;
  AdwEntryRow          *start_btc_row;
  AdwEntryRow          *start_usd_row;
  AdwEntryRow          *taker_fee_row;
  AdwEntryRow          *maker_fee_row;
  GtkSwitch            *dnd_switch;
  GtkSwitch            *background_switch;
  GtkSpinButton        *min_close_spin;
  GtkSpinButton        *burst_spin;
  AdwPreferencesGroup  *events_group;
};

G_DEFINE_FINAL_TYPE (DcaPreferencesWindow, dca_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- settings <-> combo rows -------------------------------------------- */

static gboolean
enum_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  data)
{
  const char *const *nicks = data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_enum (const GValue       *value,
                  const GVariantType *type,
                  gpointer            data)
{
  const char *const *nicks = data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

static const char *const exchange_nicks[] = { "paper", "coinbase", NULL };
static const char *const market_nicks[] = { "replay", "live", NULL };

/* ---- the keyring, off the main thread ----------------------------------- */

typedef enum
{
  KEY_LOOKUP,
  KEY_SAVE,
  KEY_FORGET,
} KeyJob;

typedef struct
{
  KeyJob  job;
  char   *path;
} KeyTask;

static void
key_task_free (KeyTask *t)
{
  g_free (t->path);
  g_free (t);
}

static void
run_key_task (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  KeyTask *t = data;
  GError *error = NULL;

  switch (t->job)
    {
    case KEY_LOOKUP:
      {
        g_autoptr(DcaCoinbaseKey) key = dca_keyring_lookup_coinbase_key (&error);

        if (error != NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, key ? g_strdup (dca_coinbase_key_get_name (key)) : NULL, g_free);
      }
      break;
    case KEY_SAVE:
      {
        g_autoptr(DcaCoinbaseKey) key = dca_coinbase_key_load_file (t->path, &error);
        g_autofree char *text = NULL;
        g_autoptr(JsonParser) parser = json_parser_new ();
        JsonObject *o;

        if (key == NULL || !g_file_get_contents (t->path, &text, NULL, &error) ||
            !json_parser_load_from_data (parser, text, -1, &error))
          {
            g_task_return_error (task, error);
            break;
          }
        o = json_node_get_object (json_parser_get_root (parser));
        if (!dca_keyring_store_coinbase_key (dca_coinbase_key_get_name (key),
                                             json_object_get_string_member_with_default (o, "privateKey", ""),
                                             &error))
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, g_strdup (dca_coinbase_key_get_name (key)), g_free);
        memset (text, 0, strlen (text));
      }
      break;
    case KEY_FORGET:
      if (!dca_keyring_clear_coinbase_key (&error))
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, NULL, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
show_key (DcaPreferencesWindow *self,
          const char           *name)
{
  adw_action_row_set_subtitle (self->key_row, name ? name : _("No key: import the key file from the Coinbase Developer Platform"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_key_button), name != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), name != NULL);
}

static void
key_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  show_key (self, name);
}

static void
start_key_task (DcaPreferencesWindow *self,
                KeyJob                job,
                const char           *path)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, key_done, NULL);
  KeyTask *t = g_new0 (KeyTask, 1);

  t->job = job;
  t->path = g_strdup (path);
  g_task_set_task_data (task, t, (GDestroyNotify) key_task_free);
  g_task_run_in_thread (task, run_key_task);
}

static void
on_key_file_chosen (GtkNativeDialog      *dialog,
                    int                   response,
                    DcaPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      start_key_task (self, KEY_SAVE, path);
    }
  g_object_unref (dialog);
}

static void
import_key (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Import the Coinbase API Key File"),
                                                              GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CDP key file (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_key_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
remove_key (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  start_key_task (DCA_PREFERENCES_WINDOW (widget), KEY_FORGET, NULL);
}

/* ---- Test connection ----------------------------------------------------- */

static void
tested (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(DcaPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = dca_coinbase_exchange_test_connection_finish (DCA_COINBASE_EXCHANGE (source),
                                                                           result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  gtk_label_set_label (self->test_label, message ? message : error->message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), message ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_label), message ? "success" : "error");
}

static void
test_lookup_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  DcaCoinbaseKey *key = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(DcaCoinbaseExchange) exchange = NULL;

  if (key == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
      gtk_label_set_label (self->test_label, error ? error->message : _("No key in the keyring"));
      return;
    }
  exchange = dca_coinbase_exchange_new (NULL, key);
  dca_coinbase_exchange_test_connection (exchange, self->cancellable, tested, g_object_ref (self));
}

static void
lookup_key_for_test (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  DcaCoinbaseKey *key = dca_keyring_lookup_coinbase_key (&error);

  if (key == NULL && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) dca_coinbase_key_free);
}

static void
test_connection (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, test_lookup_done, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_label_set_label (self->test_label, _("Testing…"));
  g_task_run_in_thread (task, lookup_key_for_test);
}

/* ---- the paper account ---------------------------------------------------- */

/* an amount that is not a decimal (or is negative) is marked, not saved */
static void
check_amount (GtkEditable *row,
              gpointer     data)
{
  DcaDecimal d;
  gboolean ok = dca_decimal_parse (gtk_editable_get_text (row), &d, NULL) && dca_decimal_sign (d) >= 0;

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static gboolean
text_to_setting (GValue   *value,
                 GVariant *variant,
                 gpointer  data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

static GVariant *
setting_from_text (const GValue       *value,
                   const GVariantType *type,
                   gpointer            data)
{
  const char *text = g_value_get_string (value);
  DcaDecimal d;

  /* only a valid amount reaches the settings */
  if (text == NULL || !dca_decimal_parse (text, &d, NULL) || dca_decimal_sign (d) < 0)
    return NULL;
  return g_variant_new_string (text);
}

static void
bind_amount (GSettings   *settings,
             const char  *key,
             AdwEntryRow *row)
{
  g_settings_bind_with_mapping (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT, text_to_setting,
                                setting_from_text, NULL, NULL);
  g_signal_connect (row, "changed", G_CALLBACK (check_amount), NULL);
}

static void
on_reset_response (AdwMessageDialog     *dialog,
                   const char           *response,
                   DcaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reset") != 0)
    return;
  if (!dca_context_reset_paper_account (self->context, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("The paper account starts afresh")));
}

static void
reset_paper (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset the Paper Account?"),
                                              _("Its balances go back to the starting balances and the replay "
                                                "to its start. Closed deals stay in History."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reset", _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- notifications ------------------------------------------------------- */

/* One expander row an event type, with its three switches, each bound to
 * its notify-TYPE-KIND key and named after it. */
static void
add_event_rows (DcaPreferencesWindow *self,
                GSettings            *settings)
{
  static const struct { const char *kind; const char *title; } kinds[] = {
    { "desktop", N_("Desktop notification") },
    { "in-app", N_("In the notification center") },
    { "sound", N_("Sound") },
  };

  for (guint t = 0; t < DCA_NOTIFICATION_N_TYPES; t++)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), dca_notification_type_label (t));
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *key = g_strdup_printf ("notify-%s-%s", dca_notification_type_to_string (t),
                                                  kinds[k].kind);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *toggle = gtk_switch_new ();

          gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
          gtk_widget_set_name (toggle, key);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[k].title));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
          g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (self->events_group, expander);
    }
}

/* ---- life ---------------------------------------------------------------- */

DcaPreferencesWindow *
dca_preferences_window_new (GtkWindow  *parent,
                            DcaContext *context)
{
  DcaPreferencesWindow *self = g_object_new (DCA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  GSettings *settings = dca_context_get_settings (context);

  self->context = g_object_ref (context);
  g_settings_bind_with_mapping (settings, "exchange", self->exchange_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum, (gpointer) exchange_nicks, NULL);
  g_settings_bind_with_mapping (settings, "paper-market", self->market_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum, (gpointer) market_nicks, NULL);
  g_settings_bind (settings, "replay-speed", self->speed_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-check-interval", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  bind_amount (settings, "paper-start-btc", self->start_btc_row);
  bind_amount (settings, "paper-start-usd", self->start_usd_row);
  bind_amount (settings, "paper-taker-fee", self->taker_fee_row);
  bind_amount (settings, "paper-maker-fee", self->maker_fee_row);
  g_settings_bind (settings, "notify-do-not-disturb", self->dnd_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notify-min-close-percentage", self->min_close_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notify-burst-limit", self->burst_spin, "value", G_SETTINGS_BIND_DEFAULT);
  add_event_rows (self, settings);
  start_key_task (self, KEY_LOOKUP, NULL);
  return self;
}

static void
dca_preferences_window_dispose (GObject *object)
{
  DcaPreferencesWindow *self = DCA_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (dca_preferences_window_parent_class)->dispose (object);
}

static void
dca_preferences_window_class_init (DcaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dca_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dcadesk/DcaDesk/dca-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, exchange_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, market_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, test_label);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, start_btc_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, start_usd_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, taker_fee_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, maker_fee_row);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, dnd_switch);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, min_close_spin);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, burst_spin);
  gtk_widget_class_bind_template_child (widget_class, DcaPreferencesWindow, events_group);
  gtk_widget_class_install_action (widget_class, "prefs.reset-paper", NULL, reset_paper);
  gtk_widget_class_install_action (widget_class, "prefs.import-key", NULL, import_key);
  gtk_widget_class_install_action (widget_class, "prefs.remove-key", NULL, remove_key);
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL, test_connection);
}

static void
dca_preferences_window_init (DcaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
