/* test-ui.c: the real window, driven under Xvfb
 *
 * A new user's first minutes: the welcome offers the templates; one click
 * makes a running bot on the replay market; its first deal shows in the
 * list; the switch stops it.  Screenshots go to tests/screenshots in the
 * build directory.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dca-bot-item.h"
#include "dca-bots-page.h"
#include "dca-context.h"
#include "dca-asset-item.h"
#include "dca-charts-page.h"
#include "dca-bot-editor.h"
#include "dca-condition-builder.h"
#include "dca-dashboard-page.h"
#include "dca-deal-item.h"
#include "dca-deal-window.h"
#include "dca-deals-page.h"
#include "dca-portfolio-page.h"
#include "dca-preferences-window.h"
#include "dca-window.h"

static char *data_dir;

static void
screenshot (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = NULL;
  g_autofree char *cmd = NULL;
  int status = 0;

  if (g_find_program_in_path ("import") == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  cmd = g_strdup_printf ("import -window root '%s'", path);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_test_message ("screenshot: %s", path);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  guint deals_opened;
  guint deals_closed;
} Seen;

static void
on_event (DcaContext     *context,
          DcaEventRecord *event,
          Seen           *seen)
{
  if (g_strcmp0 (event->type, "deal-opened") == 0)
    seen->deals_opened++;
  if (g_strcmp0 (event->type, "deal-closed") == 0)
    seen->deals_closed++;
}

static void
test_first_bot (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "dcadesk.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  DcaWindow *window;
  GtkWidget *page;
  GListModel *model;
  DcaBotItem *item;
  Seen seen = { 0 };
  gint64 deadline;

  g_settings_set_double (settings, "replay-speed", 50000);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  g_signal_connect (context, "event", G_CALLBACK (on_event), &seen);
  g_assert_true (dca_context_start_engine (context, &error));

  window = dca_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (500);
  page = dca_window_get_bots_page (window);
  model = dca_bots_page_get_model (DCA_BOTS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  screenshot ("welcome");

  /* one click on a template: a running bot */
  g_assert_true (gtk_widget_activate_action (page, "bots.create-from-template", "s", "Balanced"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpstr (dca_bot_item_get_name (item), ==, "Balanced bot");
  g_assert_true (dca_bot_item_get_running (item));
  g_object_unref (item);

  /* it trades on the replay market: its first deal shows */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (seen.deals_opened == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.deals_opened, >, 0);
  iterate (300);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpuint (dca_bot_item_get_total_deals (item), >, 0);
  g_object_unref (item);
  g_assert_nonnull (strstr (dca_window_get_status_text (window), "Paper"));
  screenshot ("bots");

  /* the deal in Deals; once it closes, in History */
  dca_window_show_page (window, "deals");
  iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (dca_deals_page_get_model (DCA_DEALS_PAGE (dca_window_get_page (window, "deals")))),
                    >=, 1);
  screenshot ("deals");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (seen.deals_closed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.deals_closed, >, 0);
  dca_window_show_page (window, "history");
  iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (dca_deals_page_get_model (DCA_DEALS_PAGE (dca_window_get_page (window, "history")))),
                    >=, 1);
  screenshot ("history");

  /* a deal's window: its fills, notes that are saved */
  {
    GListModel *closed = dca_deals_page_get_model (DCA_DEALS_PAGE (dca_window_get_page (window, "history")));
    g_autoptr(DcaDealItem) first = g_list_model_get_item (closed, 0);
    gint64 deal_id = dca_deal_item_get_record (first)->id;
    DcaDealWindow *dw = dca_deal_window_new (GTK_WINDOW (window), context, deal_id, &error);
    g_autoptr(DcaDealRecord) saved = NULL;

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (dw));
    iterate (400);
    g_assert_cmpuint (dca_deal_window_get_n_fills (dw), >=, 2);
    g_assert_true (dca_deal_window_save_notes (dw, "took profit as planned", &error));
    g_assert_no_error (error);
    saved = dca_store_get_deal (dca_context_get_store (context), deal_id, &error);
    g_assert_cmpstr (saved->notes, ==, "took profit as planned");
    dca_deal_window_reload (dw);
    iterate (200);
    screenshot ("deal");
    gtk_window_destroy (GTK_WINDOW (dw));
  }

  /* the portfolio: BTC and the bought assets, valued at the latest prices */
  dca_window_show_page (window, "portfolio");
  dca_portfolio_page_reload (DCA_PORTFOLIO_PAGE (dca_window_get_page (window, "portfolio")));
  iterate (300);
  {
    GListModel *assets = dca_portfolio_page_get_model (DCA_PORTFOLIO_PAGE (dca_window_get_page (window, "portfolio")));
    gboolean has_btc = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (assets), >=, 2);
    for (guint i = 0; i < g_list_model_get_n_items (assets); i++)
      {
        g_autoptr(DcaAssetItem) a = g_list_model_get_item (assets, i);

        has_btc |= g_strcmp0 (dca_asset_item_get_currency (a), "BTC") == 0;
      }
    g_assert_true (has_btc);
  }
  screenshot ("portfolio");

  /* the dashboard, computed off the main thread */
  dca_window_show_page (window, "dashboard");
  dca_dashboard_page_refresh (DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard")));
  iterate (800);
  g_assert_cmpstr (dca_dashboard_page_get_profit_text (DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard"))),
                   !=, "");
  g_assert_nonnull (strstr (dca_dashboard_page_get_profit_text (DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard"))),
                            "BTC"));
  screenshot ("dashboard");

  /* charts: candlesticks of the replay up to the engine's time, by PLplot */
  dca_window_show_page (window, "charts");
  {
    DcaChartsPage *charts = DCA_CHARTS_PAGE (dca_window_get_page (window, "charts"));

    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (!dca_charts_page_is_ready (charts) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (dca_charts_page_is_ready (charts));
    iterate (600);
    g_assert_cmpuint (dca_charts_page_get_n_drawn (charts), >, 10);
  }
  screenshot ("charts");
  dca_window_show_page (window, "bots");

  /* Preferences; a changed replay speed restarts the engine, which resumes */
  {
    DcaPreferencesWindow *prefs = dca_preferences_window_new (GTK_WINDOW (window), context);
    DcaEngine *before = dca_context_get_engine (context);
    g_autoptr(DcaEngineStatus) status = NULL;

    gtk_window_present (GTK_WINDOW (prefs));
    iterate (600);
    screenshot ("preferences");
    /* a reset while paper deals are open is refused, saying why */
    {
      g_autoptr(GError) reset_error = NULL;
      DcaDealFilter open = { 0 };

      open.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
      if (dca_store_count_deals (dca_context_get_store (context), &open, NULL) > 0)
        {
          g_assert_false (dca_context_reset_paper_account (context, &reset_error));
          g_assert_error (reset_error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS);
        }
      before = dca_context_get_engine (context);
    }
    gtk_window_destroy (GTK_WINDOW (prefs));
    g_settings_set_double (settings, "replay-speed", 40000);
    iterate (600);
    g_assert_true (dca_context_get_engine (context) != before);
    status = dca_engine_get_status (dca_context_get_engine (context));
    g_assert_cmpint (status->state, ==, DCA_ENGINE_RUNNING);
  }

  /* the switch stops it */
  item = g_list_model_get_item (model, 0);
  g_assert_true (gtk_widget_activate_action (page, "bots.set-running", "(xb)", dca_bot_item_get_id (item), FALSE));
  g_object_unref (item);
  {
    g_autoptr(DcaBotRecord) bot = dca_store_get_bot (dca_context_get_store (context), 1, &error);

    g_assert_no_error (error);
    g_assert_false (bot->running);
  }
  item = g_list_model_get_item (model, 0);
  g_assert_false (dca_bot_item_get_running (item));
  g_object_unref (item);

  /* clone: a stopped copy; deleting a bot with open deals is refused */
  item = g_list_model_get_item (model, 0);
  g_assert_true (gtk_widget_activate_action (page, "bots.clone", "x", dca_bot_item_get_id (item)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(GError) del_error = NULL;

    if (dca_store_count_open_deals (dca_context_get_store (context), dca_bot_item_get_id (item), NULL) > 0)
      {
        g_assert_false (dca_context_delete_bot (context, dca_bot_item_get_id (item), &del_error));
        g_assert_error (del_error, DCA_STORE_ERROR, DCA_STORE_ERROR_HAS_OPEN_DEALS);
        g_clear_error (&del_error);
      }
  }
  g_object_unref (item);
  {
    DcaBotItem *copy = g_list_model_get_item (model, 1);

    g_assert_cmpstr (dca_bot_item_get_name (copy), ==, "Balanced bot (copy)");
    g_assert_false (dca_bot_item_get_running (copy));
    /* the menu asks first */
    g_assert_true (gtk_widget_activate_action (page, "bots.delete", "x", dca_bot_item_get_id (copy)));
    iterate (400);
    screenshot ("delete-bot");
    g_assert_true (dca_context_delete_bot (context, dca_bot_item_get_id (copy), &error));
    g_assert_no_error (error);
    g_object_unref (copy);
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* the editor: a bad value is marked with core's reason and nothing is
   * saved; a good one shows the ladder and saves */
  {
    DcaBotEditor *editor = dca_bot_editor_new (GTK_WINDOW (window), context, 0, &error);
    guint before = g_list_model_get_n_items (model);

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (editor));
    dca_bot_editor_set_field (editor, "name", "Editor bot");
    dca_bot_editor_set_field (editor, "price_deviation", "25");
    iterate (200);
    g_assert_nonnull (dca_bot_editor_get_error (editor));
    g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "Price deviation"));
    g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "25"));
    g_assert_true (dca_bot_editor_field_is_marked (editor, "price_deviation"));
    screenshot ("editor-invalid");
    g_assert_false (dca_bot_editor_save (editor, &error));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, before);

    dca_bot_editor_set_field (editor, "price_deviation", "1.5");
    dca_bot_editor_set_field (editor, "max_safety_orders", "3");
    iterate (200);
    g_assert_null (dca_bot_editor_get_error (editor));
    g_assert_false (dca_bot_editor_field_is_marked (editor, "price_deviation"));
    g_assert_nonnull (strstr (dca_bot_editor_get_summary (editor), "The most one deal can spend"));
    /* the instant backtest preview on the recorded market */
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (dca_bot_editor_get_preview (editor) == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (dca_bot_editor_get_preview (editor));
    g_assert_nonnull (strstr (dca_bot_editor_get_preview (editor), "deals closed"));
    screenshot ("editor");
    g_assert_true (dca_bot_editor_save (editor, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (editor));
    iterate (200);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  }

  /* a narrow window still works */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  iterate (300);
  screenshot ("bots-narrow");

  dca_context_stop_engine (context);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

/* ---- the bot editor's conditions and strategy types ---------------------- */

/* the widgets of the editor, found by the names they carry */
static void
editor_collect (GtkWidget  *root,
                const char *name,
                GPtrArray  *out)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    editor_collect (child, name, out);
}

static GtkWidget *
editor_find (GtkWidget  *root,
             const char *name)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  editor_collect (root, name, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

static GtkWidget *
editor_find_last (GtkWidget  *root,
                  const char *name)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  editor_collect (root, name, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, found->len - 1);
}

static guint
editor_count (GtkWidget  *root,
              const char *name)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  editor_collect (root, name, found);
  return found->len;
}

/* picks the entry whose label is `label` in a dropdown */
static void
editor_choose (GtkWidget  *dropdown,
               const char *label)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return;
        }
    }
  g_error ("no “%s” in the dropdown %s", label, gtk_widget_get_name (dropdown));
}

static void
editor_combo_choose (GtkWidget  *row,
                     const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }
  g_error ("no “%s” in %s", label, gtk_widget_get_name (row));
}

/* as a click does, at once (activate waits for the button's animation) */
static void
editor_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static JsonObject *
editor_stored_config (DcaContext *context,
                      gint64      id,
                      JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotRecord) bot = dca_store_get_bot (dca_context_get_store (context), id, &error);

  g_assert_no_error (error);
  *keep = json_from_string (bot->strategy_config_json, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static gint64
editor_bot_id (DcaContext *context,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bots = dca_store_list_bots (dca_context_get_store (context), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < bots->len; i++)
    {
      DcaBotRecord *bot = g_ptr_array_index (bots, i);

      if (g_strcmp0 (bot->name, name) == 0)
        return bot->id;
    }
  return 0;
}

static void
test_editor_conditions (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "editor.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  g_autoptr(JsonNode) saved = NULL;
  DcaWindow *window;
  DcaBotEditor *editor;
  GtkWidget *base, *take_profit, *condition, *group;
  JsonObject *config, *c;
  JsonArray *list;
  gint64 id;

  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  window = dca_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);

  editor = dca_bot_editor_new (GTK_WINDOW (window), context, 0, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (editor), 700, 790);
  gtk_window_present (GTK_WINDOW (editor));
  iterate (300);
  dca_bot_editor_set_field (editor, "name", "Conditions bot");

  /* the base order: RSI(14) on 15m below 30, built through the widgets */
  base = editor_find (GTK_WIDGET (editor), "base_order_conditions");
  g_assert_true (DCA_IS_CONDITION_BUILDER (base));
  g_assert_true (gtk_widget_is_visible (base));
  g_assert_cmpuint (editor_count (base, "condition"), ==, 0);
  editor_click (editor_find (base, "add-condition"));
  iterate (100);
  g_assert_cmpuint (editor_count (base, "condition"), ==, 1);
  condition = editor_find_last (base, "condition");
  /* another indicator first: choosing RSI again gives RSI's own period */
  editor_choose (editor_find (condition, "indicator"), "Stochastic %K");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor_find (condition, "period")), 9);
  editor_choose (editor_find (condition, "indicator"), "RSI");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (editor_find (condition, "period"))), ==, 14);
  editor_choose (editor_find (condition, "timeframe"), "15m");
  editor_choose (editor_find (condition, "operator"), "crossing below");
  editor_choose (editor_find (condition, "operator"), "below");

  /* a value that is not a number is refused on the condition itself */
  gtk_editable_set_text (GTK_EDITABLE (editor_find (condition, "value")), "thirty");
  iterate (100);
  g_assert_nonnull (dca_bot_editor_get_error (editor));
  g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "condition 1"));
  g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "value"));
  g_assert_true (gtk_widget_has_css_class (condition, "error"));
  g_assert_false (dca_bot_editor_save (editor, &error));
  g_clear_error (&error);
  g_assert_cmpint (editor_bot_id (context, "Conditions bot"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (editor_find (condition, "value")), "30");
  iterate (100);
  g_assert_null (dca_bot_editor_get_error (editor));
  g_assert_false (gtk_widget_has_css_class (condition, "error"));

  /* take profit: a group, either RSI above 70 or the close-EMA(20) on 15m
   * crossing below the close-SMA(50) on 1h */
  take_profit = editor_find (GTK_WIDGET (editor), "take_profit_conditions");
  editor_click (editor_find (take_profit, "add-group"));
  iterate (100);
  group = editor_find_last (take_profit, "group");
  g_assert_cmpuint (editor_count (group, "condition"), ==, 1);
  editor_choose (editor_find (group, "logic"), "Any of them (or)");
  gtk_editable_set_text (GTK_EDITABLE (editor_find (group, "value")), "70");
  editor_choose (editor_find (group, "operator"), "above");
  editor_click (editor_find (group, "add-condition"));
  iterate (100);
  g_assert_cmpuint (editor_count (group, "condition"), ==, 2);
  condition = editor_find_last (group, "condition");
  editor_choose (editor_find (condition, "indicator"), "Close − EMA");
  editor_choose (editor_find (condition, "timeframe"), "15m");
  editor_choose (editor_find (condition, "operator"), "crossing below");
  editor_choose (editor_find (condition, "value-kind"), "an indicator");
  g_assert_true (gtk_widget_is_visible (editor_find (condition, "value-indicator")));
  g_assert_false (gtk_widget_is_visible (editor_find (condition, "value")));
  editor_choose (editor_find (condition, "value-indicator"), "Close − SMA");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor_find (condition, "value-period")), 50);
  editor_choose (editor_find (condition, "value-timeframe"), "1h");
  /* MACD shows its three periods, and core's rule fast < slow is shown on
   * the condition */
  editor_click (editor_find (group, "add-condition"));
  iterate (100);
  condition = editor_find_last (group, "condition");
  editor_choose (editor_find (condition, "indicator"), "MACD histogram");
  g_assert_false (gtk_widget_is_visible (editor_find (condition, "period")));
  g_assert_true (gtk_widget_is_visible (editor_find (condition, "slow_period")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor_find (condition, "slow_period")), 10);
  iterate (100);
  g_assert_nonnull (dca_bot_editor_get_error (editor));
  g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "group 1, condition 3"));
  g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "slow_period"));
  g_assert_true (gtk_widget_has_css_class (condition, "error"));
  gtk_widget_grab_focus (editor_find (condition, "slow_period"));
  iterate (300);
  screenshot ("editor-condition-invalid");
  /* removing it leaves the other two */
  editor_click (editor_find (condition, "remove"));
  iterate (100);
  g_assert_cmpuint (editor_count (group, "condition"), ==, 2);
  g_assert_null (dca_bot_editor_get_error (editor));

  /* the preview re-runs on the conditions */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (dca_bot_editor_get_preview (editor) == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (dca_bot_editor_get_preview (editor));
  }
  iterate (300);
  screenshot ("editor-conditions");
  gtk_widget_grab_focus (editor_find_last (take_profit, "value-period"));
  iterate (300);
  screenshot ("editor-conditions-group");
  /* narrow: a condition's parts flow onto more lines */
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 790);
  iterate (300);
  gtk_widget_grab_focus (editor_find_last (take_profit, "remove"));
  iterate (300);
  screenshot ("editor-conditions-narrow");

  g_assert_true (dca_bot_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate (100);

  /* what the store has is what was built */
  id = editor_bot_id (context, "Conditions bot");
  g_assert_cmpint (id, >, 0);
  config = editor_stored_config (context, id, &saved);
  list = json_object_get_array_member (config, "base_order_conditions");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "rsi");
  g_assert_cmpstr (json_object_get_string_member (c, "operator"), ==, "less_than");
  g_assert_cmpstr (json_object_get_string_member (c, "timeframe"), ==, "FIFTEEN_MINUTE");
  g_assert_cmpint (json_object_get_int_member (c, "period"), ==, 14);
  g_assert_cmpfloat (json_object_get_double_member (c, "value"), ==, 30);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (config, "safety_order_conditions")), ==, 0);
  list = json_object_get_array_member (config, "take_profit_conditions");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "logic"), ==, "or");
  list = json_object_get_array_member (c, "conditions");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  c = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "rsi");
  g_assert_cmpstr (json_object_get_string_member (c, "operator"), ==, "greater_than");
  g_assert_cmpfloat (json_object_get_double_member (c, "value"), ==, 70);
  c = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "ema_cross");
  g_assert_cmpstr (json_object_get_string_member (c, "operator"), ==, "crossing_below");
  c = json_object_get_object_member (c, "value");
  g_assert_nonnull (c);
  g_assert_cmpstr (json_object_get_string_member (c, "type"), ==, "sma_cross");
  g_assert_cmpint (json_object_get_int_member (c, "period"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (c, "timeframe"), ==, "ONE_HOUR");
  g_assert_cmpstr (json_object_get_string_member (config, "take_profit_logic"), ==, "and");

  /* opened again and saved unchanged, nothing is lost */
  {
    g_autoptr(DcaBotRecord) before = dca_store_get_bot (dca_context_get_store (context), id, &error);
    g_autoptr(DcaBotRecord) after = NULL;

    g_assert_no_error (error);
    editor = dca_bot_editor_new (GTK_WINDOW (window), context, id, &error);
    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (editor));
    iterate (200);
    g_assert_cmpuint (editor_count (editor_find (GTK_WIDGET (editor), "base_order_conditions"), "condition"), ==, 1);
    g_assert_cmpuint (editor_count (editor_find (GTK_WIDGET (editor), "take_profit_conditions"), "group"), ==, 1);
    g_assert_true (dca_bot_editor_save (editor, &error));
    g_assert_no_error (error);
    after = dca_store_get_bot (dca_context_get_store (context), id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (after->strategy_config_json, ==, before->strategy_config_json);
    g_assert_cmpstr (after->strategy_type, ==, "conditional_dca");
  }

  /* another strategy type: exactly its keys */
  {
    GtkWidget *type_row = editor_find (GTK_WIDGET (editor), "strategy_type");
    g_autoptr(JsonNode) rsi_saved = NULL;

    editor_combo_choose (type_row, "RSI");
    iterate (100);
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_period")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_oversold")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_overbought")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_timeframe")));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_find (GTK_WIDGET (editor), "rsi_oversold"))), ==, "30");
    /* its defaults where nothing was chosen: RSI on 1h */
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (editor_find (GTK_WIDGET (editor), "rsi_timeframe"))), ==, 4);
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "bb_period")));
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "buy_interval_hours")));
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "base_order_conditions")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "min_profit_for_conditions")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "max_safety_orders")));
    g_assert_null (dca_bot_editor_get_error (editor));

    /* invalid values are refused, each on its field with core's reason */
    dca_bot_editor_set_field (editor, "rsi_period", "1");
    iterate (50);
    g_assert_true (dca_bot_editor_field_is_marked (editor, "rsi_period"));
    g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "RSI period"));
    g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "2 to 100"));
    dca_bot_editor_set_field (editor, "rsi_period", "21");
    dca_bot_editor_set_field (editor, "rsi_oversold", "75");
    iterate (50);
    g_assert_true (dca_bot_editor_field_is_marked (editor, "rsi_overbought"));
    g_assert_nonnull (strstr (dca_bot_editor_get_error (editor), "rsi_oversold"));
    screenshot ("editor-rsi-invalid");
    g_assert_false (dca_bot_editor_save (editor, &error));
    g_clear_error (&error);
    dca_bot_editor_set_field (editor, "rsi_oversold", "25");
    editor_combo_choose (editor_find (GTK_WIDGET (editor), "rsi_timeframe"), "15 minutes");
    iterate (50);
    g_assert_null (dca_bot_editor_get_error (editor));

    /* Simple DCA: a schedule, no ladder, no signal */
    editor_combo_choose (type_row, "Simple DCA");
    iterate (100);
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "buy_interval_hours")));
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "max_buys")));
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "max_safety_orders")));
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_period")));
    g_assert_false (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "min_profit_for_conditions")));
    g_assert_nonnull (strstr (dca_bot_editor_get_summary (editor), "After"));
    dca_bot_editor_set_field (editor, "max_buys", "0");
    iterate (50);
    g_assert_true (dca_bot_editor_field_is_marked (editor, "max_buys"));
    dca_bot_editor_set_field (editor, "max_buys", "4");
    iterate (50);
    g_assert_null (dca_bot_editor_get_error (editor));

    /* back to RSI, what was typed is still there; saved as an RSI bot */
    editor_combo_choose (type_row, "RSI");
    iterate (100);
    screenshot ("editor-rsi");
    g_assert_true (dca_bot_editor_save (editor, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (editor));
    iterate (100);
    config = editor_stored_config (context, id, &rsi_saved);
    g_assert_cmpint (json_object_get_int_member (config, "rsi_period"), ==, 21);
    g_assert_cmpfloat (json_object_get_double_member (config, "rsi_oversold"), ==, 25);
    g_assert_cmpstr (json_object_get_string_member (config, "rsi_timeframe"), ==, "FIFTEEN_MINUTE");
    g_assert_false (json_object_has_member (config, "base_order_conditions"));
    {
      g_autoptr(DcaBotRecord) bot = dca_store_get_bot (dca_context_get_store (context), id, &error);

      g_assert_cmpstr (bot->strategy_type, ==, "rsi");
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  data_dir = g_dir_make_tmp ("dcadesk-ui-XXXXXX", NULL);
  g_test_add_func ("/ui/first-bot", test_first_bot);
  g_test_add_func ("/ui/bot-editor-conditions", test_editor_conditions);
  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return ret;
}
