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
#include "dca-analytics.h"
#include "dca-deal.h"
#include "dca-deal-item.h"
#include "dca-deal-window.h"
#include "dca-application.h"
#include "dca-json.h"
#include "dca-line-chart.h"
#include "dca-notification-center.h"
#include "dca-replay-market.h"
#include "dca-deals-page.h"
#include "dca-price-bar.h"
#include "dca-portfolio-page.h"
#include "dca-preferences-window.h"
#include "dca-window.h"
#include "dca-analytics-page.h"
#include "dca-demo-data.h"

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

static GtkWidget *find_type (GtkWidget *widget,
                             GType      type,
                             guint      nth);

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
  /* the header bar: the paper account's value, 1 BTC and 10,000 USD to start
   * (the engine makes the paper wallet as it starts) */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_str_has_prefix (dca_window_get_value_text (window), "1.") && g_get_monotonic_time () < deadline)
    iterate (100);
  g_test_message ("account value: %s", dca_window_get_value_text (window));
  g_assert_true (g_str_has_prefix (dca_window_get_value_text (window), "1.00000000 BTC"));
  /* the whole text as a tooltip, for when the header bar cuts it short */
  {
    GtkWidget *value = find_type (GTK_WIDGET (window), GTK_TYPE_LABEL, 1);
    const char *tip = gtk_widget_get_tooltip_text (value);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (value)), ==, dca_window_get_value_text (window));
    g_assert_cmpstr (tip, ==, dca_window_get_value_text (window));
  }
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

  /* the dashboard, computed off the main thread: wait for it, however
   * slow the machine */
  {
    DcaDashboardPage *dashboard = DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard"));
    guint before = dca_dashboard_page_get_n_refreshes (dashboard);

    dca_window_show_page (window, "dashboard");
    dca_dashboard_page_refresh (dashboard);
    deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while ((dca_dashboard_page_get_n_refreshes (dashboard) == before ||
            strstr (dca_dashboard_page_get_profit_text (dashboard), "BTC") == NULL) &&
           g_get_monotonic_time () < deadline)
      iterate (100);
    iterate (200);
  }
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
    /* with its equity curve over the test */
    {
      GtkWidget *curve = find_type (GTK_WIDGET (editor), DCA_TYPE_LINE_CHART, 0);

      g_assert_nonnull (curve);
      g_assert_cmpuint (dca_line_chart_get_n_points (DCA_LINE_CHART (curve)), >, 10);
      g_assert_cmpstr (dca_line_chart_get_title (DCA_LINE_CHART (curve)), ==, "Equity (BTC)");
      iterate (300);
      g_assert_cmpuint (dca_line_chart_get_n_drawn (DCA_LINE_CHART (curve)), ==,
                        dca_line_chart_get_n_points (DCA_LINE_CHART (curve)));
    }
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
    /* an RSI bot opens as one */
    editor = dca_bot_editor_new (GTK_WINDOW (window), context, id, &error);
    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (editor));
    iterate (200);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (editor_find (GTK_WIDGET (editor), "strategy_type"))), ==, 3);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_find (GTK_WIDGET (editor), "rsi_period"))), ==, "21");
    g_assert_true (gtk_widget_is_visible (editor_find (GTK_WIDGET (editor), "rsi_period")));
    g_assert_null (dca_bot_editor_get_error (editor));
    gtk_window_destroy (GTK_WINDOW (editor));
    iterate (100);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

/* ---- charts --------------------------------------------------------------- */

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* the widget of a type after `skip` others of it, depth first */
static GtkWidget *
find_nth_type (GtkWidget *widget,
               GType      type,
               guint     *skip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*skip)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth_type (child, type, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type,
           guint      nth)
{
  return find_nth_type (widget, type, &nth);
}

static gboolean
always (gpointer          data,
        DcaConditionPhase phase)
{
  return TRUE;
}

static void
store_fill (DcaStore           *store,
            gint64              deal_id,
            const DcaFill      *fill,
            guint               so_index,
            const DcaDealState *state)
{
  g_autoptr(DcaOrderRecord) order = dca_order_record_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *trade = NULL;
  gint64 order_id;

  order->deal_id = deal_id;
  order->side = fill->side;
  order->kind = fill->kind;
  order->type = DCA_ORDER_TYPE_MARKET;
  if (fill->side == DCA_SIDE_BUY)
    order->quote_size = fill->quote;
  else
    order->base_size = fill->base;
  order->so_index = so_index;
  order->created_at = fill->time;
  order_id = dca_store_insert_order (store, order, &error);
  g_assert_no_error (error);
  trade = g_strdup_printf ("trade-%" G_GINT64_FORMAT, order_id);
  g_assert_true (dca_store_record_fill (store, order_id, trade, fill, state, TRUE, &error));
  g_assert_no_error (error);
}

/* A deal on ETH-BTC run by core's deal machine over the recorded 5-minute
 * candles, as the engine runs one, and stored with its orders and fills.
 * The ladder is tight so that safety orders fill. */
static gint64
insert_replayed_deal (DcaStore *store,
                      guint    *n_fills)
{
  static const char json[] =
    "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.01, \"safety_order_percentage\": 100,"
    " \"max_safety_orders\": 5, \"price_deviation\": 0.4, \"safety_order_step_scale\": 1.3,"
    " \"safety_order_volume_scale\": 1.5, \"take_profit_percentage\": 1.2,"
    " \"stop_loss_enabled\": true, \"stop_loss_percentage\": -6}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  g_autoptr(DcaDealRecord) record = dca_deal_record_new ();
  g_autofree char *dir = dca_engine_default_replay_dir ();
  g_autoptr(DcaReplayMarket) market = dca_replay_market_new (dir, &error);
  g_autoptr(JsonNode) node = dca_json_parse (json, -1, NULL);
  g_autoptr(DcaStrategyConfig) config = dca_strategy_config_parse (DCA_STRATEGY_CONDITIONAL_DCA, node, &error);
  DcaProduct *product = dca_product_new ("ETH-BTC");
  DcaDecimal fee, quote, capital;
  const DcaCandleSeries *series;
  DcaOpenInput open = { 0 };
  DcaDealNote note;
  DcaDeal deal;
  DcaFill fill;
  gint64 bot_id, deal_id;
  gsize i;

  g_assert_no_error (error);
  g_assert_true (dca_decimal_parse ("0.001", &fee, NULL));
  g_assert_true (dca_decimal_parse ("1", &capital, NULL));
  series = dca_replay_market_get_series (market, "ETH-BTC", DCA_TIMEFRAME_FIVE_MINUTE);
  g_assert_nonnull (series);
  g_assert_cmpuint (series->len, >, 1000);

  bot->name = g_strdup ("Chart bot");
  bot->strategy_type = g_strdup ("conditional_dca");
  bot->product_ids = g_strsplit ("ETH-BTC", ",", -1);
  bot->strategy_config_json = g_strdup (json);
  bot->check_interval_seconds = 300;
  bot_id = dca_store_insert_bot (store, bot, &error);
  g_assert_no_error (error);
  g_assert_true (dca_store_set_balance (store, "paper", "BTC", capital, dca_decimal_zero (), &error));

  /* the base order at a candle's close, 775 candles before the end: three
   * safety orders fill in the fall after it, then it takes profit */
  i = series->len - 775;
  open.running = TRUE;
  open.n_pairs = 1;
  open.available = capital;
  open.quote_increment = product->quote_increment;
  open.conditions = always;
  g_assert_true (dca_deal_plan_open (config, &open, &quote, &note));
  dca_deal_begin (&deal, series->candles[i].time + series->granularity, capital);
  record->bot_id = bot_id;
  record->product_id = g_strdup ("ETH-BTC");
  record->config_snapshot_json = g_strdup (json);
  record->state = deal.state;
  deal_id = dca_store_insert_deal (store, record, &error);
  g_assert_no_error (error);
  g_assert_true (dca_simulate_market_buy (quote, series->candles[i].close_exact, fee, product,
                                          deal.state.opened_at, DCA_ORDER_KIND_BASE, &fill));
  dca_deal_apply_fill (&deal, &fill, 0);
  store_fill (store, deal_id, &fill, 0, &deal.state);
  *n_fills = 1;

  /* then every candle until it closes */
  for (i++; i < series->len && deal.state.status == DCA_DEAL_STATUS_OPEN; i++)
    {
      const DcaCandle *c = &series->candles[i];
      DcaDealInput in = { 0 };
      DcaDealDecision d;

      in.time = c->time + series->granularity;
      in.price = c->close_exact;
      in.running = TRUE;
      in.available = dca_decimal_sub (capital, deal.state.quote_spent);
      in.quote_increment = product->quote_increment;
      in.conditions = always;
      dca_deal_evaluate (&deal, config, &in, &d);
      if (d.exit != DCA_CLOSE_REASON_NONE)
        {
          g_assert_true (dca_simulate_market_sell (dca_deal_state_base_held (&deal.state), in.price, fee, product,
                                                   in.time, DCA_ORDER_KIND_EXIT, &fill));
          dca_deal_apply_fill (&deal, &fill, 0);
          dca_deal_close (&deal, d.exit, in.time);
          store_fill (store, deal_id, &fill, 0, &deal.state);
          (*n_fills)++;
        }
      for (guint k = 0; k < d.n_safety; k++)
        {
          g_assert_true (dca_simulate_market_buy (d.safety_quote[k], in.price, fee, product, in.time,
                                                  DCA_ORDER_KIND_SAFETY, &fill));
          dca_deal_apply_fill (&deal, &fill, d.first_safety + k);
          store_fill (store, deal_id, &fill, d.first_safety + k, &deal.state);
          (*n_fills)++;
        }
    }
  /* the data was picked for this: safety orders filled, then take profit */
  g_assert_cmpuint (deal.state.safety_orders, >=, 1);
  g_assert_cmpint (deal.state.status, ==, DCA_DEAL_STATUS_CLOSED);
  dca_product_free (product);
  return deal_id;
}

/* Every overlay and pane turned on through the page's own check buttons is
 * drawn and kept in the settings, and a new page restores them; a deal's
 * window charts its pair with core's levels of the deal and its fills. */
static void
test_charts (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "charts.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  static const char *const keys[] = {
    "chart-sma", "chart-ema", "chart-bollinger", "chart-volume", "chart-rsi", "chart-macd", "chart-stochastic",
    "chart-sma-period", "chart-ema-period", "chart-product", "chart-granularity",
  };
  static const struct { const char *action, *key; } off[] = {
    { "chart.ema", "chart-ema" }, { "chart.macd", "chart-macd" }, { "chart.stochastic", "chart-stochastic" },
  };
  static const char *const on[] = { "chart.sma", "chart.bollinger", "chart.volume", "chart.rsi" };
  GtkWindow *window;
  DcaChartsPage *page;
  DcaChart *chart;
  GtkWidget *check, *spin;
  gint64 deadline;
  gint64 deal_id;
  guint n_fills;
  int period;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 780);
  page = g_object_new (DCA_TYPE_CHARTS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  dca_charts_page_set_context (page, context);
  gtk_window_present (window);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!dca_charts_page_is_ready (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dca_charts_page_is_ready (page));
  iterate (300);
  chart = dca_charts_page_get_chart (page);

  /* the defaults: SMA, Bollinger, volume and the RSI pane */
  g_assert_cmpuint (dca_chart_get_features (chart), ==,
                    DCA_CHART_SMA | DCA_CHART_BOLLINGER | DCA_CHART_VOLUME | DCA_CHART_RSI);
  g_assert_cmpuint (dca_chart_get_n_panes (chart), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (on); i++)
    {
      check = find_actionable (GTK_WIDGET (page), on[i]);
      g_assert_nonnull (check);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    }

  /* the SMA off and on again, then the others on, each by its check button */
  check = find_actionable (GTK_WIDGET (page), "chart.sma");
  gtk_widget_activate (check);
  g_assert_false (g_settings_get_boolean (settings, "chart-sma"));
  g_assert_false (dca_chart_get_features (chart) & DCA_CHART_SMA);
  gtk_widget_activate (check);
  g_assert_true (g_settings_get_boolean (settings, "chart-sma"));
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    {
      check = find_actionable (GTK_WIDGET (page), off[i].action);
      g_assert_nonnull (check);
      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      g_assert_false (g_settings_get_boolean (settings, off[i].key));
      gtk_widget_activate (check);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      g_assert_true (g_settings_get_boolean (settings, off[i].key));
    }
  /* the periods' spin buttons show the kept ones (SMA's row first); the
   * SMA period set by its spin button */
  spin = find_type (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, 1);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 50);
  spin = find_type (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, 0);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 20);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  g_assert_cmpint (g_settings_get_int (settings, "chart-sma-period"), ==, 30);

  iterate (600);
  g_assert_cmpuint (dca_chart_get_features (chart), ==,
                    DCA_CHART_SMA | DCA_CHART_EMA | DCA_CHART_BOLLINGER | DCA_CHART_VOLUME | DCA_CHART_RSI |
                    DCA_CHART_MACD | DCA_CHART_STOCHASTIC);
  g_assert_cmpuint (dca_chart_get_n_panes (chart), ==, 4);
  g_assert_cmpuint (dca_chart_get_n_drawn (chart), ==, 150);
  screenshot ("charts-all-panes");
  gtk_menu_button_popup (GTK_MENU_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, 0)));
  iterate (400);
  screenshot ("charts-indicators");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, 0)));
  iterate (200);
  gtk_window_destroy (window);
  iterate (100);

  /* a new page comes back as it was left */
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 600);
  page = g_object_new (DCA_TYPE_CHARTS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  dca_charts_page_set_context (page, context);
  g_object_get (page, "sma-period", &period, NULL);
  g_assert_cmpint (period, ==, 30);
  g_assert_cmpuint (dca_chart_get_features (dca_charts_page_get_chart (page)), ==,
                    DCA_CHART_SMA | DCA_CHART_EMA | DCA_CHART_BOLLINGER | DCA_CHART_VOLUME | DCA_CHART_RSI |
                    DCA_CHART_MACD | DCA_CHART_STOCHASTIC);
  gtk_window_present (window);

  /* a deal's window: its candles, core's levels and each fill */
  deal_id = insert_replayed_deal (dca_context_get_store (context), &n_fills);
  {
    DcaDealWindow *dw = dca_deal_window_new (window, context, deal_id, &error);
    g_autoptr(DcaDealRecord) record = dca_store_get_deal (dca_context_get_store (context), deal_id, NULL);
    g_autoptr(JsonNode) node = dca_json_parse (record->config_snapshot_json, -1, NULL);
    g_autoptr(DcaStrategyConfig) config = dca_strategy_config_parse (DCA_STRATEGY_CONDITIONAL_DCA, node, NULL);
    DcaDealLevels levels;
    DcaChart *deal_chart;

    g_assert_no_error (error);
    gtk_window_set_default_size (GTK_WINDOW (dw), 900, 780);
    gtk_window_present (GTK_WINDOW (dw));
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (!dca_deal_window_chart_is_ready (dw) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (dca_deal_window_chart_is_ready (dw));
    iterate (500);
    deal_chart = dca_deal_window_get_chart (dw);
    dca_deal_levels (&record->state, config, &levels);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (deal_chart)));
    g_assert_cmpuint (dca_chart_get_n_drawn (deal_chart), >, 30);
    g_assert_cmpuint (dca_chart_get_n_marks_drawn (deal_chart), ==, n_fills);
    g_assert_cmpuint (dca_deal_window_get_n_fills (dw), ==, n_fills);
    g_assert_cmpuint (levels.n_safety, >=, 1);
    g_assert_cmpuint (dca_chart_get_n_levels_drawn (deal_chart), ==,
                      levels.n_safety + levels.has_average + levels.has_take_profit + levels.has_stop_loss);
    screenshot ("deal-chart");
    gtk_window_destroy (GTK_WINDOW (dw));
  }
  gtk_window_destroy (window);
  iterate (100);
}

/* ---- Deals and History ---------------------------------------------------- */

/* enough for the paging and the store's sorts to matter; bench-launch
 * measures 100,000 */
#define HISTORY_DEALS 30000

static GtkWidget *
find_deals_widget (GtkWidget *widget,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_deals_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char deals_config[] =
  "{\"base_order_type\": \"fixed_btc\", \"base_order_btc\": 0.001, \"safety_order_percentage\": 100,"
  " \"max_safety_orders\": 3, \"price_deviation\": 2.0, \"take_profit_percentage\": 1.5}";

/* profit of closed deal i: from -0.001 to +0.001 in steps of 10^-6 */
static gint64
deal_profit_units (guint i)
{
  return (gint64) ((i * 7919u) % 2001u) - 1000;
}

static void
fill_history_store (const char *path,
                    gint64     *alpha,
                    gint64     *zulu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (path, &error);
  const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC" };
  const char *const names[] = { "Zulu bot", "alpha bot" };
  gint64 ids[2];

  g_assert_no_error (error);
  for (guint b = 0; b < 2; b++)
    {
      g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();

      bot->name = g_strdup (names[b]);
      bot->strategy_type = g_strdup ("conditional_dca");
      bot->product_ids = g_strsplit ("ETH-BTC,LTC-BTC,XMR-BTC", ",", -1);
      bot->strategy_config_json = g_strdup (deals_config);
      ids[b] = dca_store_insert_bot (store, bot, &error);
      g_assert_no_error (error);
    }
  *zulu = ids[0];
  *alpha = ids[1];
  g_assert_true (dca_store_begin (store, &error));
  for (guint i = 0; i < HISTORY_DEALS; i++)
    {
      g_autoptr(DcaDealRecord) d = dca_deal_record_new ();
      gint64 opened = 1515000000 + (gint64) i * 600;
      gint64 spent = 10000 + i % 500;

      d->bot_id = i % 10 == 0 ? *zulu : *alpha;
      d->product_id = g_strdup (pairs[i % G_N_ELEMENTS (pairs)]);
      d->config_snapshot_json = g_strdup (deals_config);
      d->state.status = DCA_DEAL_STATUS_CLOSED;
      d->state.opened_at = opened;
      d->state.closed_at = opened + 3000 + i % 7000;
      d->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
      d->state.quote_spent = dca_decimal_from_units (spent, 6);
      d->state.base_bought = dca_decimal_from_units (1, 0);
      d->state.base_sold = dca_decimal_from_units (1, 0);
      d->state.quote_received = dca_decimal_from_units (spent + deal_profit_units (i), 6);
      d->state.safety_orders = i % 4;
      g_assert_cmpint (dca_store_insert_deal (store, d, &error), >, 0);
    }
  /* one open deal: bought 0.02 ETH for 0.001 BTC at 0.05 */
  {
    g_autoptr(DcaDealRecord) d = dca_deal_record_new ();

    d->bot_id = *alpha;
    d->product_id = g_strdup ("ETH-BTC");
    d->config_snapshot_json = g_strdup (deals_config);
    d->state.status = DCA_DEAL_STATUS_OPEN;
    d->state.opened_at = 1700000000;
    d->state.quote_spent = dca_decimal_from_units (1, 3);
    d->state.base_bought = dca_decimal_from_units (2, 2);
    d->state.base_price = dca_decimal_from_units (5, 2);
    d->state.base_order_quote = dca_decimal_from_units (1, 3);
    d->state.base_order_base = dca_decimal_from_units (2, 2);
    g_assert_cmpint (dca_store_insert_deal (store, d, &error), >, 0);
  }
  g_assert_true (dca_store_commit (store, &error));
}

static DcaDealItem *
history_row (DcaDealsPage *page,
             guint         i)
{
  return g_list_model_get_item (dca_deals_page_get_model (page), i);
}

static void
test_deals_and_history (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-ui-history-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  DcaWindow *window;
  DcaDealsPage *history, *deals;
  GListModel *rows;
  gint64 alpha, zulu;

  gint64 t0 = g_get_monotonic_time ();

  fill_history_store (store_path, &alpha, &zulu);
  g_test_message ("%d closed deals stored in %" G_GINT64_FORMAT " ms", HISTORY_DEALS,
                  (g_get_monotonic_time () - t0) / 1000);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  window = dca_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);

  /* History: newest closed first, all counted, a page at a time */
  dca_window_show_page (window, "history");
  history = DCA_DEALS_PAGE (dca_window_get_page (window, "history"));
  rows = dca_deals_page_get_model (history);
  iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, HISTORY_DEALS);
  g_assert_cmpstr (dca_deals_page_get_count_text (history), ==, "30000 deals");
  {
    g_autoptr(DcaDealItem) first = history_row (history, 0);

    g_assert_cmpint (dca_deal_item_get_record (first)->state.opened_at, ==,
                     1515000000 + (gint64) (HISTORY_DEALS - 1) * 600);
  }

  /* a click on Profit: smallest first, by value, not as text ("-0.000001" < "-0.001") */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (find_deals_widget (GTK_WIDGET (history), GTK_TYPE_COLUMN_VIEW)),
                                  dca_deals_page_get_column (history, DCA_DEAL_COLUMN_PROFIT), GTK_SORT_ASCENDING);
  iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, HISTORY_DEALS);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(DcaDealItem) row = history_row (history, i);
      g_autofree char *text = dca_deal_item_format (row, DCA_DEAL_COLUMN_PROFIT);

      /* 2001 steps over 30,000 deals: 15 at each, the lowest first */
      if (i < 15)
        g_assert_cmpstr (text, ==, "-0.00100000");
      if (i > 0)
        {
          g_autoptr(DcaDealItem) prev = history_row (history, i - 1);

          g_assert_cmpint (dca_decimal_cmp (dca_deal_item_get_record (prev)->profit,
                                            dca_deal_item_get_record (row)->profit), <=, 0);
        }
    }
  {
    /* and the far end of the list, paged in on its own */
    g_autoptr(DcaDealItem) last = history_row (history, HISTORY_DEALS - 1);
    g_autofree char *text = dca_deal_item_format (last, DCA_DEAL_COLUMN_PROFIT);

    g_assert_cmpstr (text, ==, "0.00100000");
  }
  screenshot ("history-sorted");

  /* the other way, and by bot name (case aside: "alpha" before "Zulu") */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (find_deals_widget (GTK_WIDGET (history), GTK_TYPE_COLUMN_VIEW)),
                                  dca_deals_page_get_column (history, DCA_DEAL_COLUMN_PROFIT), GTK_SORT_DESCENDING);
  {
    g_autoptr(DcaDealItem) first = history_row (history, 0);
    g_autofree char *text = dca_deal_item_format (first, DCA_DEAL_COLUMN_PROFIT);

    g_assert_cmpstr (text, ==, "0.00100000");
  }
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (find_deals_widget (GTK_WIDGET (history), GTK_TYPE_COLUMN_VIEW)),
                                  dca_deals_page_get_column (history, DCA_DEAL_COLUMN_BOT), GTK_SORT_ASCENDING);
  {
    g_autoptr(DcaDealItem) first = history_row (history, 0);
    g_autoptr(DcaDealItem) last = history_row (history, HISTORY_DEALS - 1);

    g_assert_cmpstr (dca_deal_item_get_bot (first), ==, "alpha bot");
    g_assert_cmpstr (dca_deal_item_get_bot (last), ==, "Zulu bot");
  }

  /* the bot filter: only Zulu's tenth, still by bot */
  g_assert_true (dca_deals_page_select_bot (history, zulu));
  iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, HISTORY_DEALS / 10);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(DcaDealItem) row = history_row (history, i);

      g_assert_cmpint (dca_deal_item_get_record (row)->bot_id, ==, zulu);
    }
  /* and the pair too, sorted by spent, largest first */
  g_assert_true (dca_deals_page_select_pair (history, "LTC-BTC"));
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (find_deals_widget (GTK_WIDGET (history), GTK_TYPE_COLUMN_VIEW)),
                                  dca_deals_page_get_column (history, DCA_DEAL_COLUMN_SPENT), GTK_SORT_DESCENDING);
  iterate (200);
  /* i % 10 == 0 and i % 3 == 1 */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, HISTORY_DEALS / 30);
  {
    g_autoptr(DcaDealItem) first = history_row (history, 0);
    g_autoptr(DcaDealItem) second = history_row (history, 1);

    g_assert_cmpint (dca_deal_item_get_record (first)->bot_id, ==, zulu);
    g_assert_cmpstr (dca_deal_item_get_record (first)->product_id, ==, "LTC-BTC");
    /* the largest spent among i = 10 (mod 30): 10000 + 490 units */
    g_assert_true (dca_decimal_cmp (dca_deal_item_get_record (first)->state.quote_spent,
                                    dca_decimal_from_units (10490, 6)) == 0);
    g_assert_cmpint (dca_decimal_cmp (dca_deal_item_get_record (first)->state.quote_spent,
                                      dca_deal_item_get_record (second)->state.quote_spent), >=, 0);
  }
  screenshot ("history-filtered");
  g_assert_true (dca_deals_page_select_pair (history, NULL));
  g_assert_true (dca_deals_page_select_bot (history, 0));
  iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, HISTORY_DEALS);

  /* Deals: the open deal with its price bar, levels from core */
  dca_window_show_page (window, "deals");
  deals = DCA_DEALS_PAGE (dca_window_get_page (window, "deals"));
  iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (dca_deals_page_get_model (deals)), ==, 1);
  {
    DcaPriceBar *bar = DCA_PRICE_BAR (find_deals_widget (GTK_WIDGET (deals), DCA_TYPE_PRICE_BAR));
    g_autoptr(DcaDealItem) open = g_list_model_get_item (dca_deals_page_get_model (deals), 0);
    g_autofree char *so_text = NULL;
    g_autofree char *tp_text = NULL;
    g_autofree char *max_text = dca_deal_item_format (open, DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX);
    DcaDealLevels levels;
    double so, avg, tp;

    g_assert_nonnull (bar);
    g_assert_true (dca_deal_item_get_levels (open, &levels));
    /* 0.05 less 2 %; 0.001 x 1.015 / 0.02 */
    so_text = dca_decimal_to_string_places (levels.safety[0], 8);
    tp_text = dca_decimal_to_string_places (levels.take_profit, 8);
    g_assert_cmpstr (so_text, ==, "0.04900000");
    g_assert_cmpstr (tp_text, ==, "0.05075000");
    g_assert_cmpstr (max_text, ==, "0 / 3");
    g_assert_nonnull (strstr (dca_price_bar_get_text (bar), "0.05075000"));
    g_assert_nonnull (strstr (dca_price_bar_get_text (bar), "0.04900000"));
    g_assert_nonnull (strstr (dca_price_bar_get_text (bar), "0.05000000"));
    /* left to right: next safety order, average, take profit */
    so = dca_price_bar_get_mark_x (bar, DCA_PRICE_BAR_NEXT_SAFETY);
    avg = dca_price_bar_get_mark_x (bar, DCA_PRICE_BAR_AVERAGE);
    tp = dca_price_bar_get_mark_x (bar, DCA_PRICE_BAR_TAKE_PROFIT);
    g_assert_cmpfloat (so, >=, 0);
    g_assert_cmpfloat (so, <, avg);
    g_assert_cmpfloat (avg, <, tp);
    g_assert_cmpfloat (tp, <=, gtk_widget_get_width (GTK_WIDGET (bar)));
  }
  screenshot ("deals-price-bar");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  g_clear_object (&context);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

/* ---- notifications ---------------------------------------------------------- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DcaDealWindow *
open_deal_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (DCA_IS_DEAL_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return DCA_DEAL_WINDOW (w);
    }
  return NULL;
}

static guint n_notified;

static void
on_notification (DcaContext      *context,
                 DcaNotification *n,
                 gpointer         data)
{
  n_notified++;
}

/* The bell counts what the bots did; a click on a notification opens its
 * deal and marks it read; mark all read, delete one, clear all; the
 * preferences turn a type off. */
static void
test_notification_center (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "notifications.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  g_autoptr(DcaNotificationObject) item = NULL;
  DcaStore *store;
  DcaWindow *window;
  DcaNotificationCenter *center;
  DcaNotificationListModel *model;
  GtkWidget *list_view, *badge, *bell;
  DcaDealWindow *deal_window;
  DcaPreferencesWindow *prefs;
  GtkWidget *toggle;
  gint64 deadline, deal_id = 0, notification_id = 0;
  guint position = 0, before;

  g_settings_set_double (settings, "replay-speed", 50000);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  store = dca_context_get_store (context);
  g_signal_connect (context, "notification", G_CALLBACK (on_notification), NULL);
  g_assert_true (dca_context_start_engine (context, &error));
  window = dca_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);
  center = DCA_NOTIFICATION_CENTER (dca_window_get_notification_center (window));
  model = dca_notification_center_get_model (center);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* a bot trades: notifications arrive, the bell counts them */
  g_assert_true (gtk_widget_activate_action (dca_window_get_bots_page (window), "bots.create-from-template",
                                             "s", "Balanced"));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (n_notified < 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_notified, >=, 3);
  dca_context_stop_engine (context);
  iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    dca_notifications_count (store, FALSE, NULL));
  g_assert_cmpuint (dca_notification_center_get_n_unread (center), ==,
                    dca_notifications_count (store, TRUE, NULL));
  g_assert_cmpuint (dca_notification_center_get_n_unread (center), >=, 3);
  badge = find_type (GTK_WIDGET (window), GTK_TYPE_OVERLAY, 0);
  g_assert_nonnull (badge);
  bell = gtk_widget_get_ancestor (badge, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (bell);
  badge = gtk_widget_get_last_child (badge);
  g_assert_true (GTK_IS_LABEL (badge));
  g_assert_true (gtk_widget_get_visible (badge));
  {
    g_autofree char *count = g_strdup_printf ("%u", dca_notification_center_get_n_unread (center));

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, count);
  }

  /* open the center: newest first, each row as the store has it */
  gtk_menu_button_popup (GTK_MENU_BUTTON (bell));
  iterate (400);
  screenshot ("notifications");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)) && deal_id == 0; i++)
    {
      g_autoptr(DcaNotificationObject) it = g_list_model_get_item (G_LIST_MODEL (model), i);
      const DcaNotification *n = dca_notification_object_get (it);

      if (i > 0)
        {
          g_autoptr(DcaNotificationObject) prev = g_list_model_get_item (G_LIST_MODEL (model), i - 1);

          g_assert_cmpint (dca_notification_object_get (prev)->id, >, n->id);
        }
      if (n->deal_id > 0)
        {
          deal_id = n->deal_id;
          notification_id = n->id;
          position = i;
        }
    }
  g_assert_cmpint (deal_id, >, 0);

  /* a click on it opens its deal and marks it read */
  list_view = find_type (GTK_WIDGET (center), GTK_TYPE_LIST_VIEW, 0);
  g_assert_nonnull (list_view);
  before = dca_notification_center_get_n_unread (center);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", position));
  iterate (500);
  deal_window = open_deal_window ();
  g_assert_nonnull (deal_window);
  {
    g_autoptr(DcaDealRecord) deal = dca_store_get_deal (store, deal_id, &error);
    g_autoptr(DcaNotification) n = dca_notifications_get (store, notification_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find_type (GTK_WIDGET (deal_window),
                                                                              ADW_TYPE_WINDOW_TITLE, 0))),
                     ==, deal->product_id);
    g_assert_true (n->read);
  }
  g_assert_cmpuint (dca_notification_center_get_n_unread (center), ==, before - 1);
  screenshot ("notification-deal");
  gtk_window_destroy (GTK_WINDOW (deal_window));

  /* delete one, mark all read (the badge goes), clear all */
  before = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (center), "center.delete", "x", notification_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, before - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (center), "center.mark-all-read", NULL));
  g_assert_cmpuint (dca_notifications_count (store, TRUE, NULL), ==, 0);
  g_assert_false (gtk_widget_get_visible (badge));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (center), "center.clear-all", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpint (dca_notifications_count (store, FALSE, NULL), ==, 0);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_null (item);

  /* the preferences: a type's desktop switch reaches the notifier */
  prefs = dca_preferences_window_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "notifications");
  iterate (300);
  screenshot ("preferences-notifications");
  toggle = find_named (GTK_WIDGET (prefs), "notify-safety-order-desktop");
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_named (GTK_WIDGET (prefs), "notify-safety-order-sound"))));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notify-safety-order-desktop"));
  g_assert_cmpuint (dca_desktop_notifier_get_prefs (dca_context_get_notifier (context))->desktop_mask &
                    DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_SAFETY_ORDER), ==, 0);
  toggle = find_named (GTK_WIDGET (prefs), "notify-deal-opened-in-app");
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_cmpuint (dca_desktop_notifier_get_prefs (dca_context_get_notifier (context))->in_app_mask &
                    DCA_NOTIFICATION_MASK (DCA_NOTIFICATION_DEAL_OPENED), ==, 0);
  g_settings_reset (settings, "notify-safety-order-desktop");
  g_settings_reset (settings, "notify-deal-opened-in-app");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

/* Closing the window while bots run keeps the app and its engine running,
 * says so once; activating brings a window back; Quit stops the engine. */
static void
test_background (void)
{
  g_autofree char *app_dir = g_build_filename (data_dir, "app", NULL);
  g_autoptr(DcaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DcaEngineStatus) status = NULL;
  DcaContext *context;
  GtkWindow *window;
  gint64 deadline;

  g_setenv ("DCADESK_DATA_DIR", app_dir, TRUE);
  g_settings_set_double (settings, "replay-speed", 3000);
  app = dca_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  iterate (300);
  context = dca_application_get_context (app);
  g_assert_nonnull (context);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_cmpint (dca_context_create_bot_from_template (context, "Balanced", &error), >, 0);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!dca_context_has_running_bots (context) && g_get_monotonic_time () < deadline)
    iterate (50);
  g_assert_true (dca_context_has_running_bots (context));

  /* close the window: still running, in the background, said once */
  g_assert_false (g_settings_get_boolean (settings, "background-notice-shown"));
  gtk_window_close (window);
  iterate (300);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (dca_application_is_in_background (app));
  g_assert_true (dca_context_has_running_bots (context));
  g_assert_true (g_settings_get_boolean (settings, "background-notice-shown"));
  /* said once on the desktop (the mock daemon's log, when there is one) */
  if (g_getenv ("DCADESK_TEST_NOTIFY_LOG") != NULL)
    {
      g_autofree char *log = NULL;

      g_assert_true (g_file_get_contents (g_getenv ("DCADESK_TEST_NOTIFY_LOG"), &log, NULL, NULL));
      g_assert_nonnull (strstr (log, "\"DCA Desk Is Still Running\""));
    }

  /* the launcher brings the window back */
  g_application_activate (G_APPLICATION (app));
  iterate (300);
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_false (dca_application_is_in_background (app));

  /* with the setting off, closing the window ends the app's hold */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  gtk_window_close (gtk_application_get_active_window (GTK_APPLICATION (app)));
  iterate (300);
  g_assert_false (dca_application_is_in_background (app));
  g_settings_reset (settings, "run-in-background");

  /* Quit stops the engine cleanly */
  g_application_activate (G_APPLICATION (app));
  iterate (200);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate (200);
  status = dca_engine_get_status (dca_context_get_engine (context));
  g_assert_cmpint (status->state, ==, DCA_ENGINE_STOPPED);
  g_unsetenv ("DCADESK_DATA_DIR");
  g_settings_reset (settings, "replay-speed");
  g_settings_reset (settings, "background-notice-shown");
}

/* The equity-curve widget: points in any order drawn in time order, values
 * that are not numbers left out, the placeholder when there are none. */
static void
test_line_chart (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DcaLineChart *curve = DCA_LINE_CHART (dca_line_chart_new ());
  DcaLinePoint points[61];

  /* a week of a slowly growing balance, given newest first */
  for (guint i = 0; i < 60; i++)
    {
      points[i].time = 1700000000 + (gint64) (59 - i) * 3 * 3600;
      points[i].value = 1.0 + (59 - (int) i) * 0.001 + ((int) (i % 7) - 3) * 0.0015;
    }
  points[60].time = 1700000000;
  points[60].value = NAN;
  dca_line_chart_set_title (curve, "Equity (BTC)");
  g_assert_cmpstr (dca_line_chart_get_title (curve), ==, "Equity (BTC)");
  dca_line_chart_set_points (curve, points, G_N_ELEMENTS (points));
  g_assert_cmpuint (dca_line_chart_get_n_points (curve), ==, 60);
  gtk_window_set_default_size (window, 640, 320);
  gtk_window_set_child (window, GTK_WIDGET (curve));
  gtk_window_present (window);
  iterate (400);
  g_assert_cmpuint (dca_line_chart_get_n_drawn (curve), ==, 60);
  screenshot ("line-chart");

  dca_line_chart_set_points (curve, NULL, 0);
  iterate (200);
  g_assert_cmpuint (dca_line_chart_get_n_points (curve), ==, 0);
  g_assert_cmpuint (dca_line_chart_get_n_drawn (curve), ==, 0);
  screenshot ("line-chart-empty");
  gtk_window_destroy (window);
  iterate (100);
}

/* ---- the Analytics page over a store of demo deals -------------------------- */

static void
wait_analytics (DcaAnalyticsPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (dca_analytics_page_is_busy (page) && g_get_monotonic_time () < deadline)
    iterate (20);
  g_assert_false (dca_analytics_page_is_busy (page));
  iterate (150);
}

/* the page's row for a bot, NULL when it has none */
static DcaAnalyticsItem *
analytics_item_of (GListModel *model,
                   gint64      bot_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      DcaAnalyticsItem *item = g_list_model_get_item (model, i);

      if (dca_analytics_item_get_row (item)->bot_id == bot_id)
        return item;
      g_object_unref (item);
    }
  return NULL;
}

/* Each shown row is core's row for the same store and period, figure for
 * figure, and shows core's amounts as core prints them. */
static void
assert_rows_are_cores (GListModel *model,
                       GPtrArray  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const DcaAnalyticsRow *want = g_ptr_array_index (expected, i);
      g_autoptr(DcaAnalyticsItem) item = analytics_item_of (model, want->bot_id);
      const DcaAnalyticsRow *got;
      g_autofree char *profit = NULL;
      g_autofree char *want_profit = dca_decimal_to_string_places (want->total_profit, 8);
      g_autofree char *deals = NULL;
      g_autofree char *want_deals = g_strdup_printf ("%u", want->deals);

      g_assert_nonnull (item);
      got = dca_analytics_item_get_row (item);
      g_assert_cmpstr (got->bot_name, ==, want->bot_name);
      g_assert_cmpuint (got->deals, ==, want->deals);
      g_assert_cmpuint (got->wins, ==, want->wins);
      g_assert_cmpuint (got->losses, ==, want->losses);
      g_assert_true (dca_decimal_eq (got->total_profit, want->total_profit));
      g_assert_true (dca_decimal_eq (got->avg_profit, want->avg_profit));
      g_assert_true (dca_decimal_eq (got->max_drawdown, want->max_drawdown));
      g_assert_true (dca_decimal_eq (got->fees, want->fees));
      g_assert_cmpint (got->has_win_rate, ==, want->has_win_rate);
      g_assert_cmpfloat (got->win_rate, ==, want->win_rate);
      g_assert_cmpfloat (got->roi_pct, ==, want->roi_pct);
      g_assert_cmpint (got->has_sharpe, ==, want->has_sharpe);
      g_assert_cmpfloat (got->sharpe, ==, want->sharpe);
      g_assert_cmpfloat (got->max_drawdown_pct, ==, want->max_drawdown_pct);
      profit = dca_analytics_item_format (item, DCA_ANALYTICS_COLUMN_TOTAL_PROFIT);
      g_assert_cmpstr (profit, ==, want_profit);
      deals = dca_analytics_item_format (item, DCA_ANALYTICS_COLUMN_DEALS);
      g_assert_cmpstr (deals, ==, want_deals);
    }
}

static void
assert_magic (const char *path,
              const char *magic,
              const char *other)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 100);
  g_assert_true (memcmp (data, magic, MIN (len, strlen (magic))) == 0 ||
                 (other != NULL && memcmp (data, other, MIN (len, strlen (other))) == 0));
}

static void
test_analytics (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-ui-analytics-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(GArray) everything = NULL;
  DcaAnalyticsPage *page;
  DcaWindow *window;
  DcaStore *store;
  GListModel *rows;
  DcaPeriod period = { 0, 0 };
  gint64 last_close, t0 = g_get_monotonic_time ();
  guint month_deals = 0;

  {
    g_autoptr(DcaStore) fill = dca_store_open (store_path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dca_demo_data_generate (fill, NULL, 2000, 5, 6, 11, &error), ==, 2000);
    g_assert_no_error (error);
  }
  g_test_message ("demo data in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  store = dca_context_get_store (context);
  window = dca_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  dca_window_show_page (window, "analytics");
  page = DCA_ANALYTICS_PAGE (dca_window_get_page (window, "analytics"));
  g_assert_nonnull (page);
  rows = dca_analytics_page_get_model (page);
  wait_analytics (page);

  /* all time: five bots, as core says */
  all = dca_analytics_table (store, DCA_ANALYTICS_BOTS, &period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  assert_rows_are_cores (rows, all);
  screenshot ("analytics-bots");

  /* the CLI's JSON over the same store equals the page's items */
  {
    g_autofree char *cli = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "cli", "dcadesk-cli", NULL);
    const char *argv[] = { cli, "analytics", "bots", "--json", NULL };
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "DCADESK_DATA_DIR", dir, TRUE);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    node = json_from_string (out, &error);
    g_assert_no_error (error);
    array = json_node_get_array (node);
    g_assert_cmpuint (json_array_get_length (array), ==, g_list_model_get_n_items (rows));
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        g_autoptr(DcaAnalyticsItem) item = analytics_item_of (rows, json_object_get_int_member (o, "bot_id"));
        const DcaAnalyticsRow *r;
        DcaDecimal profit;

        g_assert_nonnull (item);
        r = dca_analytics_item_get_row (item);
        g_assert_true (dca_decimal_parse (json_object_get_string_member (o, "total_profit"), &profit, NULL));
        g_assert_true (dca_decimal_eq (profit, r->total_profit));
        g_assert_cmpint (json_object_get_int_member (o, "deals"), ==, r->deals);
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "win_rate"), r->win_rate, 1e-9);
      }
  }

  /* a click on Total profit: smallest first, exactly; on Deals, most first */
  gtk_column_view_sort_by_column (dca_analytics_page_get_column_view (page),
                                  dca_analytics_page_get_column (page, DCA_ANALYTICS_COLUMN_TOTAL_PROFIT),
                                  GTK_SORT_ASCENDING);
  iterate (100);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DcaAnalyticsItem) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(DcaAnalyticsItem) b = g_list_model_get_item (rows, i);

      g_assert_cmpint (dca_decimal_cmp (dca_analytics_item_get_row (a)->total_profit,
                                        dca_analytics_item_get_row (b)->total_profit), <=, 0);
    }
  {
    g_autoptr(DcaAnalyticsItem) first = g_list_model_get_item (rows, 0);

    /* core sorts best first: the page's first is core's last */
    g_assert_cmpint (dca_analytics_item_get_row (first)->bot_id, ==,
                     ((DcaAnalyticsRow *) g_ptr_array_index (all, all->len - 1))->bot_id);
  }
  gtk_column_view_sort_by_column (dca_analytics_page_get_column_view (page),
                                  dca_analytics_page_get_column (page, DCA_ANALYTICS_COLUMN_DEALS),
                                  GTK_SORT_DESCENDING);
  iterate (100);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DcaAnalyticsItem) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(DcaAnalyticsItem) b = g_list_model_get_item (rows, i);

      g_assert_cmpuint (dca_analytics_item_get_row (a)->deals, >=, dca_analytics_item_get_row (b)->deals);
    }

  /* 30 days up to a clock halfway through the demo's closes (they span less
   * than 30 days): fewer deals, the rows core gives */
  everything = dca_analytics_curve (store, 0, NULL, &period, NULL, &error);
  g_assert_no_error (error);
  last_close = g_array_index (everything, DcaCurvePoint, 0).time +
               (g_array_index (everything, DcaCurvePoint, everything->len - 1).time -
                g_array_index (everything, DcaCurvePoint, 0).time) / 2;
  dca_analytics_page_set_now (page, last_close + 1);
  g_assert_true (dca_analytics_page_set_period (page, "30d"));
  wait_analytics (page);
  dca_analytics_page_get_period (page, &period);
  g_assert_cmpint (period.to, ==, last_close + 1);
  g_assert_cmpint (period.from, ==, last_close + 1 - 30 * 86400);
  month = dca_analytics_table (store, DCA_ANALYTICS_BOTS, &period, &error);
  g_assert_no_error (error);
  assert_rows_are_cores (rows, month);
  for (guint i = 0; i < month->len; i++)
    month_deals += ((DcaAnalyticsRow *) g_ptr_array_index (month, i))->deals;
  g_test_message ("30 days: %u of 2000 deals", month_deals);
  g_assert_cmpuint (month_deals, >, 0);
  g_assert_cmpuint (month_deals, <, 2000);

  /* the pairs and the bots and pairs tables */
  dca_analytics_page_set_scope (page, DCA_ANALYTICS_PAIRS);
  wait_analytics (page);
  {
    g_autoptr(GPtrArray) pairs = dca_analytics_table (store, DCA_ANALYTICS_PAIRS, &period, &error);

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, pairs->len);
  }
  dca_analytics_page_set_scope (page, DCA_ANALYTICS_BOT_PAIRS);
  wait_analytics (page);
  {
    g_autoptr(GPtrArray) bot_pairs = dca_analytics_table (store, DCA_ANALYTICS_BOT_PAIRS, &period, &error);

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, bot_pairs->len);
    g_assert_cmpuint (bot_pairs->len, >, month->len);
  }
  screenshot ("analytics-bot-pairs");
  dca_analytics_page_set_scope (page, DCA_ANALYTICS_BOTS);
  wait_analytics (page);

  /* a bot's row opens its charts: as many points as core's curve, core's bins */
  {
    g_autoptr(DcaAnalyticsItem) first = g_list_model_get_item (rows, 0);
    gint64 bot_id = dca_analytics_item_get_row (first)->bot_id;
    g_autoptr(GArray) curve = dca_analytics_curve (store, bot_id, NULL, &period, NULL, &error);
    g_autoptr(GArray) bins = dca_analytics_profit_histogram (store, bot_id, &period, 20, &error);

    g_signal_emit_by_name (dca_analytics_page_get_column_view (page), "activate", 0);
    g_assert_cmpstr (dca_analytics_page_get_view (page), ==, "bot");
    wait_analytics (page);
    iterate (200);
    g_assert_cmpuint (dca_analytics_chart_get_n_series (dca_analytics_page_get_chart (page, "cumulative")), ==, 1);
    g_assert_cmpuint (dca_analytics_chart_get_n_drawn (dca_analytics_page_get_chart (page, "cumulative")), ==,
                      curve->len);
    g_assert_cmpuint (dca_analytics_chart_get_n_drawn (dca_analytics_page_get_chart (page, "drawdown")), ==,
                      curve->len);
    g_assert_cmpuint (dca_analytics_chart_get_n_drawn (dca_analytics_page_get_chart (page, "histogram")), ==,
                      bins->len);
    screenshot ("analytics-bot-charts");
  }

  /* compare two bots: two curves, their figures side by side */
  {
    const DcaAnalyticsRow *a = g_ptr_array_index (month, 0);
    const DcaAnalyticsRow *b = g_ptr_array_index (month, 1);
    gint64 ids[] = { a->bot_id, b->bot_id };
    g_autofree char *pa = dca_decimal_to_string_places (a->total_profit, 8);
    g_autofree char *pb = dca_decimal_to_string_places (b->total_profit, 8);
    g_autofree char *da = g_strdup_printf ("%u", a->deals);

    g_assert_false (dca_analytics_page_compare (page, ids, 1));
    g_assert_true (dca_analytics_page_compare (page, ids, 2));
    g_assert_cmpstr (dca_analytics_page_get_view (page), ==, "compare");
    wait_analytics (page);
    g_assert_cmpuint (dca_analytics_chart_get_n_series (dca_analytics_page_get_chart (page, "compare")), ==, 2);
    g_assert_cmpuint (dca_analytics_chart_get_n_drawn (dca_analytics_page_get_chart (page, "compare")), >, 0);
    g_assert_cmpstr (dca_analytics_page_get_compare_figure (page, 0, DCA_ANALYTICS_COLUMN_TOTAL_PROFIT), ==, pa);
    g_assert_cmpstr (dca_analytics_page_get_compare_figure (page, 1, DCA_ANALYTICS_COLUMN_TOTAL_PROFIT), ==, pb);
    g_assert_cmpstr (dca_analytics_page_get_compare_figure (page, 0, DCA_ANALYTICS_COLUMN_DEALS), ==, da);
    g_assert_null (dca_analytics_page_get_compare_figure (page, 2, DCA_ANALYTICS_COLUMN_DEALS));
    screenshot ("analytics-compare");
  }

  /* the charts as files: PNG, SVG and PDF; a folder that is not there fails, saying so */
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0755), ==, 0);
  {
    const char *const names[] = { "compare.png", "compare.svg", "compare.pdf" };
    const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (out_dir, names[i], NULL);

        g_assert_true (dca_analytics_page_export_chart (page, "compare", path, &error));
        g_assert_no_error (error);
        assert_magic (path, magic[i], i == 1 ? "<svg" : NULL);
      }
  }
  {
    g_autofree char *path = g_build_filename (out_dir, "histogram.pdf", NULL);
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);

    g_assert_true (dca_analytics_page_export_chart (page, "histogram", path, &error));
    assert_magic (path, "%PDF", NULL);
    g_assert_false (dca_analytics_page_export_chart (page, "cumulative", missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "chart.png"));
    g_clear_error (&error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* narrow: the table scrolls sideways, the charts stack */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analytics.back", NULL));
  g_assert_cmpstr (dca_analytics_page_get_view (page), ==, "table");
  iterate (400);
  {
    /* the page itself fits 360 pixels (other pages may keep the window wider) */
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, 360);
  }
  screenshot ("analytics-narrow");
  {
    g_autoptr(DcaAnalyticsItem) first = g_list_model_get_item (rows, 0);
    graphene_point_t top_a, top_b;

    dca_analytics_page_open_bot (page, dca_analytics_item_get_row (first)->bot_id);
    wait_analytics (page);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (dca_analytics_page_get_chart (page, "cumulative")),
                                             GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &top_a));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (dca_analytics_page_get_chart (page, "drawdown")),
                                             GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &top_b));
    /* two charts a line need 2 x 280 pixels and the gaps; other pages may
     * keep the window wider than 360 */
    g_test_message ("narrow: window %d, page %d pixels wide", gtk_widget_get_width (GTK_WIDGET (window)),
                    gtk_widget_get_width (GTK_WIDGET (page)));
    if (gtk_widget_get_width (GTK_WIDGET (page)) < 2 * 280 + 12 + 24)
      {
        g_assert_cmpfloat (top_b.y, >, top_a.y);
        g_assert_cmpfloat (ABS (top_b.x - top_a.x), <, 1);
      }
    else
      g_assert_cmpfloat (top_b.x, >, top_a.x);
    screenshot ("analytics-narrow-charts");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  g_clear_object (&context);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_test_message ("analytics test in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
}

/* ---- the dashboard over a store of demo deals ------------------------------ */

#define DASHBOARD_DAYS 45

/* Five-minute candles over DASHBOARD_DAYS days, ending an hour ago: a
 * wandering price, so demo deals reach their take profit or stop loss; the
 * demo spreads its deals over as many days up to now, so every window the
 * dashboard shows holds closes. */
static void
write_recent_candles (const char *dir,
                      gint64      now)
{
  g_autofree char *path = g_build_filename (dir, "ETH-BTC-5m.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("time,open,high,low,close,volume\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint n = DASHBOARD_DAYS * 288;
  double price = 0.05;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      gint64 t = now - 3600 - (gint64) (n - 1 - i) * 300;
      double open = price;
      double close = price * (1 + g_rand_double_range (rand, -0.006, 0.0062));

      g_string_append_printf (csv, "%" G_GINT64_FORMAT ",%.8f,%.8f,%.8f,%.8f,%.2f\n", t, open,
                              MAX (open, close) * 1.001, MIN (open, close) * 0.999, close,
                              g_rand_double_range (rand, 10, 100));
      price = close;
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);
}

static DcaDecimal
decimal (const char *text)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_parse (text, &d, NULL));
  return d;
}

static void
fill_dashboard_store (const char *dir,
                      const char *path,
                      gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (path, &error);
  g_autoptr(GPtrArray) bots = NULL;
  const char *const types[] = { "deal-opened", "safety-order-filled", "deal-closed", "order-failed" };

  g_assert_no_error (error);
  write_recent_candles (dir, now);
  g_assert_cmpint (dca_demo_data_generate (store, dir, 2000, 5, 6, 3, &error), ==, 2000);
  g_assert_no_error (error);
  bots = dca_store_list_bots (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bots->len, ==, 5);

  /* three deals still open */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DcaDealRecord) d = dca_deal_record_new ();

      d->bot_id = ((DcaBotRecord *) bots->pdata[i])->id;
      d->product_id = g_strdup ("ETH-BTC");
      d->config_snapshot_json = g_strdup (deals_config);
      d->state.status = DCA_DEAL_STATUS_OPEN;
      d->state.opened_at = now - 7200 - i * 600;
      d->state.quote_spent = dca_decimal_from_units (1, 3);
      d->state.base_bought = dca_decimal_from_units (2, 2);
      d->state.base_price = dca_decimal_from_units (5, 2);
      d->state.base_order_quote = dca_decimal_from_units (1, 3);
      d->state.base_order_base = dca_decimal_from_units (2, 2);
      g_assert_cmpint (dca_store_insert_deal (store, d, &error), >, 0);
      g_assert_no_error (error);
    }

  /* the account's value every 6 hours over the days */
  for (guint i = 0; i < DASHBOARD_DAYS * 4; i++)
    {
      g_autofree char *btc = g_strdup_printf ("%.8f", 1.0 + (DASHBOARD_DAYS * 4 - i) * 0.0004 + (i % 5) * 0.001);
      g_autofree char *usd = g_strdup_printf ("%.2f", (1.0 + (DASHBOARD_DAYS * 4 - i) * 0.0004) * 42000);
      DcaSnapshotValue v = { "BTC", decimal (btc), TRUE, decimal (usd) };

      g_assert_true (dca_store_insert_account_snapshot (store, "paper", now - 1800 - (gint64) i * 6 * 3600,
                                                        &v, 1, &error));
      g_assert_no_error (error);
    }

  /* twelve events, of which the page shows the last ten */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *message = g_strdup_printf ("Event %u on ETH-BTC", i);
      DcaEventRecord e = { 0 };

      e.time = now - 3600 + i * 60;
      e.type = (char *) types[i % G_N_ELEMENTS (types)];
      e.bot_id = ((DcaBotRecord *) bots->pdata[0])->id;
      e.product_id = (char *) "ETH-BTC";
      e.level = (char *) (i % G_N_ELEMENTS (types) == 3 ? "error" : "info");
      e.message = message;
      g_assert_cmpint (dca_store_insert_event (store, &e, &error), >, 0);
      g_assert_no_error (error);
    }
}

static void
wait_dashboard (DcaDashboardPage *page,
                guint             after)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (dca_dashboard_page_get_n_refreshes (page) <= after && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (dca_dashboard_page_get_n_refreshes (page), >, after);
  iterate (150);
}

/* What the page must show: the figures of core's stats, formatted. */
static void
check_dashboard_figures (DcaDashboardPage *page,
                         DcaStore         *store,
                         const char       *period_name)
{
  static const char *const windows[] = { "24h", "7d", "30d", "all" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStats) stats = NULL;
  /* the same now as the page's: a close a second later moves no window */
  gint64 now = dca_dashboard_page_get_time (page);
  g_autofree char *active = NULL;
  g_autofree char *total = NULL;
  g_autofree char *rate = NULL;
  DcaPeriod period;

  g_assert_true (dca_period_parse (period_name, now, &period));
  stats = dca_analytics_stats (store, now, &period, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      /* every window holds closes: the comparison is not over empty sets */
      g_assert_cmpuint (stats->profit[i]->len, ==, 1);
      for (guint k = 0; k < stats->profit[i]->len; k++)
        {
          const DcaStatsProfit *p = stats->profit[i]->pdata[k];
          g_autofree char *name = g_strdup_printf ("profit-%s-%s", windows[i], p->currency);
          g_autofree char *amount = dca_decimal_to_string_places (p->profit, 8);
          g_autofree char *want = g_strdup_printf ("%s %s", amount, p->currency);

          g_assert_cmpstr (dca_dashboard_page_get_figure (page, name), ==, want);
          if (i < 3)
            {
              g_autofree char *trend_name = g_strdup_printf ("trend-%s-%s", windows[i], p->currency);
              g_autofree char *previous_name = g_strdup_printf ("previous-%s-%s", windows[i], p->currency);
              g_autofree char *previous = dca_decimal_to_string_places (p->previous, 8);
              g_autofree char *want_previous = g_strdup_printf ("before: %s %s", previous, p->currency);
              int cmp = dca_decimal_cmp (p->profit, p->previous);

              g_assert_cmpstr (dca_dashboard_page_get_figure (page, trend_name), ==,
                               cmp > 0 ? "▲" : cmp < 0 ? "▼" : "=");
              g_assert_cmpstr (dca_dashboard_page_get_figure (page, previous_name), ==, want_previous);
            }
          else
            g_assert_cmpstr (dca_dashboard_page_get_profit_text (page), ==, want);
        }
    }
  g_assert_cmpuint (stats->active_deals, ==, 3);
  g_assert_cmpuint (stats->total_deals, ==, 2000);
  active = g_strdup_printf ("%u", stats->active_deals);
  total = g_strdup_printf ("%u", stats->total_deals);
  g_assert_cmpstr (dca_dashboard_page_get_figure (page, "active-deals"), ==, active);
  g_assert_cmpstr (dca_dashboard_page_get_active_text (page), ==, active);
  g_assert_cmpstr (dca_dashboard_page_get_figure (page, "total-deals"), ==, total);
  g_assert_true (stats->has_win_rate);
  rate = g_strdup_printf ("%.1f %%", stats->win_rate);
  g_assert_cmpstr (dca_dashboard_page_get_figure (page, "win-rate"), ==, rate);
  g_assert_nonnull (stats->best_bot);
  g_assert_cmpstr (dca_dashboard_page_get_figure (page, "best-bot"), ==, stats->best_bot);
  g_assert_cmpstr (dca_dashboard_page_get_figure (page, "worst-bot"), ==, stats->worst_bot);
  g_assert_cmpuint (stats->account_value->len, ==, 1);
  {
    const DcaSnapshotRecord *s = stats->account_value->pdata[0];
    g_autofree char *btc = dca_decimal_to_string_places (s->value, 8);
    g_autofree char *usd = dca_decimal_to_string_places (s->value_usd, 2);
    g_autofree char *want_btc = g_strdup_printf ("%s BTC", btc);
    g_autofree char *want_usd = g_strdup_printf ("≈ %s USD", usd);

    g_assert_cmpstr (dca_dashboard_page_get_figure (page, "account-value-paper-BTC"), ==, want_btc);
    g_assert_cmpstr (dca_dashboard_page_get_figure (page, "account-value-paper-USD"), ==, want_usd);
  }
}

/* The bar chart's bars are core's buckets of the period, one a bucket. */
static void
check_dashboard_bars (DcaDashboardPage *page,
                      DcaStore         *store,
                      const char       *period_name,
                      DcaBucket         bucket,
                      gint64            width)
{
  DcaBarChart *bars = dca_dashboard_page_get_profit_chart (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buckets = NULL;
  DcaPeriod period;

  g_assert_true (dca_period_parse (period_name, dca_dashboard_page_get_time (page), &period));
  buckets = dca_analytics_profit_buckets (store, 0, &period, bucket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, >, 0);
  g_assert_cmpuint (dca_bar_chart_get_n_bars (bars), ==, buckets->len);
  for (guint i = 0; i < buckets->len; i++)
    {
      const DcaProfitBucket *b = buckets->pdata[i];
      const DcaBar *bar = dca_bar_chart_get_bar (bars, i);

      g_assert_cmpint (bar->start, ==, b->start);
      if (width > 0)
        g_assert_cmpint (bar->end - bar->start, ==, width);
      else
        g_assert_cmpint (bar->end - bar->start, >=, 28 * 86400);
      g_assert_cmpfloat_with_epsilon (bar->value, dca_decimal_to_double (b->profit), 1e-12);
    }
  g_assert_cmpuint (dca_bar_chart_get_n_drawn (bars), ==, buckets->len);
  g_assert_cmpuint (dca_bar_chart_get_n_drawn_positive (bars) + dca_bar_chart_get_n_drawn_negative (bars), >, 0);
}

static void
test_dashboard (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-ui-dashboard-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  DcaDashboardPage *page;
  DcaStore *store;
  DcaWindow *window;
  guint refreshes;

  fill_dashboard_store (dir, store_path, now);
  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  store = dca_context_get_store (context);
  window = dca_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  dca_window_show_page (window, "dashboard");
  page = DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard"));
  wait_dashboard (page, 0);
  /* no engine runs: the wall clock */
  g_assert_cmpint (dca_dashboard_page_get_time (page), >=, now);
  g_assert_cmpint (dca_dashboard_page_get_time (page), <=, g_get_real_time () / G_USEC_PER_SEC);

  /* all time: the figures are core's, the charts hold every snapshot and week */
  g_assert_cmpstr (dca_dashboard_page_get_period (page), ==, "all");
  g_assert_cmpstr (dca_dashboard_page_get_bucket (page), ==, "week");
  check_dashboard_figures (page, store, "all");
  g_assert_cmpuint (dca_line_chart_get_n_points (dca_dashboard_page_get_value_chart (page)), ==, DASHBOARD_DAYS * 4);
  g_assert_cmpuint (dca_line_chart_get_n_drawn (dca_dashboard_page_get_value_chart (page)), ==, DASHBOARD_DAYS * 4);
  check_dashboard_bars (page, store, "all", DCA_BUCKET_WEEK, 7 * 86400);
  g_assert_cmpuint (dca_dashboard_page_get_n_activity (page), ==, 10);
  screenshot ("dashboard-wide");

  /* the period's toggle: the last 7 days, by day, on both charts and the bots */
  refreshes = dca_dashboard_page_get_n_refreshes (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.period", "s", "7d"));
  wait_dashboard (page, refreshes);
  g_assert_cmpstr (dca_dashboard_page_get_bucket (page), ==, "day");
  /* the toggles follow the action's state */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, 1))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, 3))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, 4))));
  check_dashboard_figures (page, store, "7d");
  check_dashboard_bars (page, store, "7d", DCA_BUCKET_DAY, 86400);
  g_assert_cmpuint (dca_line_chart_get_n_points (dca_dashboard_page_get_value_chart (page)), ==, 7 * 4);
  iterate (300);
  screenshot ("dashboard-7d");

  /* the bucket's toggle: all time by month */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.period", "s", "all"));
  refreshes = dca_dashboard_page_get_n_refreshes (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.bucket", "s", "month"));
  wait_dashboard (page, refreshes);
  g_assert_cmpstr (dca_dashboard_page_get_bucket (page), ==, "month");
  check_dashboard_bars (page, store, "all", DCA_BUCKET_MONTH, 0);

  /* the last events, at the bottom */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (find_type (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, 0));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    iterate (300);
    screenshot ("dashboard-activity");
  }

  /* 360 pixels wide (the window's header bar and other pages need more, so
   * the page alone): every figure still there, in one column */
  {
    GtkWindow *narrow = GTK_WINDOW (gtk_window_new ());
    DcaDashboardPage *small = g_object_new (DCA_TYPE_DASHBOARD_PAGE, NULL);
    int min;

    gtk_widget_measure (GTK_WIDGET (small), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
    gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
    gtk_window_set_child (narrow, GTK_WIDGET (small));
    gtk_window_set_default_size (narrow, 360, 780);
    gtk_window_present (narrow);
    dca_dashboard_page_set_context (small, context);
    wait_dashboard (small, 0);
    iterate (300);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (small)), <=, 360);
    check_dashboard_figures (small, store, "all");
    g_assert_cmpuint (dca_bar_chart_get_n_drawn (dca_dashboard_page_get_profit_chart (small)), >, 0);
    screenshot ("dashboard-narrow");
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (find_type (GTK_WIDGET (small), GTK_TYPE_SCROLLED_WINDOW, 0));
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * 0.45);
      iterate (300);
      screenshot ("dashboard-narrow-charts");
    }
    gtk_window_destroy (narrow);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

/* ---- narrow windows -------------------------------------------------------- */

/* Every page, and the window around it, fits 360 px: the view switcher
 * moves to the bottom bar, tables scroll sideways. */
static void
test_narrow (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "narrow.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  static const char *const pages[] = { "dashboard", "bots", "deals", "history", "portfolio", "charts", "analytics" };
  DcaWindow *window;
  int min = 0, nat = 0;
  guint wide = 0;

  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  window = dca_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  iterate (400);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = dca_window_get_page (window, pages[i]);
      g_autofree char *name = g_strdup_printf ("narrow-%s", pages[i]);

      g_assert_nonnull (page);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      g_test_message ("%s: %d px at least", pages[i], min);
      if (min > 360)
        wide++;
      dca_window_show_page (window, pages[i]);
      iterate (300);
      screenshot (name);
    }
  g_assert_cmpuint (wide, ==, 0);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("window: %d px at least", min);
  g_assert_cmpint (min, <=, 360 + 2 * 24);  /* the frame's shadow, when the window has one */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

/* ---- USD beside the dashboard's profits ------------------------------------ */

static gint64
usd_closed_deal (DcaStore   *store,
                 gint64      bot_id,
                 const char *product,
                 gint64      opened,
                 gint64      closed,
                 const char *spent,
                 const char *received)
{
  g_autoptr(DcaDealRecord) d = dca_deal_record_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  d->bot_id = bot_id;
  d->product_id = g_strdup (product);
  d->state.status = DCA_DEAL_STATUS_OPEN;
  d->state.opened_at = opened;
  g_assert_true (dca_decimal_parse (spent, &d->state.quote_spent, NULL));
  d->state.base_bought = dca_decimal_from_units (1, 0);
  d->state.base_price = dca_decimal_from_units (1, 0);
  d->state.capital_at_open = dca_decimal_from_units (1, 0);
  id = dca_store_insert_deal (store, d, &error);
  g_assert_no_error (error);
  d->state.status = DCA_DEAL_STATUS_CLOSED;
  d->state.closed_at = closed;
  d->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
  d->state.base_sold = d->state.base_bought;
  g_assert_true (dca_decimal_parse (received, &d->state.quote_received, NULL));
  g_assert_true (dca_store_update_deal_state (store, id, &d->state, &error));
  g_assert_no_error (error);
  return id;
}

/* A BTC deal closed with BTC-USD known shows its USD beside; a second
 * without says for how many; a dollar bot needs no line of its own. */
static void
test_dashboard_usd (void)
{
  g_autofree char *store_path = g_build_filename (data_dir, "usd.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaContext) context = NULL;
  DcaDashboardPage *page;
  DcaStore *store;
  DcaWindow *window;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 deadline, bot;
  const char *usd;

  context = dca_context_new (store_path, settings, &error);
  g_assert_no_error (error);
  store = dca_context_get_store (context);
  {
    g_autoptr(DcaBotRecord) b = dca_bot_record_new ();

    b->name = g_strdup ("Bitcoin bot");
    b->strategy_type = g_strdup ("conditional_dca");
    b->product_ids = g_strsplit ("ETH-BTC", ",", -1);
    b->strategy_config_json = g_strdup ("{}");
    b->check_interval_seconds = 300;
    bot = dca_store_insert_bot (store, b, &error);
    g_assert_no_error (error);
  }
  g_assert_true (dca_analytics_set_usd_rate (store, "BTC", dca_decimal_from_units (20000, 0), now - 7200, &error));
  usd_closed_deal (store, bot, "ETH-BTC", now - 9000, now - 7000, "1", "1.002");   /* 0.002 BTC = 40 USD */
  window = dca_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  page = DCA_DASHBOARD_PAGE (dca_window_get_page (window, "dashboard"));
  dca_window_show_page (window, "dashboard");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (dca_dashboard_page_get_figure (page, "profit-usd-24h-BTC") == NULL && g_get_monotonic_time () < deadline)
    iterate (100);
  usd = dca_dashboard_page_get_figure (page, "profit-usd-24h-BTC");
  g_assert_nonnull (usd);
  g_assert_nonnull (strstr (usd, "40.00"));
  g_assert_null (strstr (usd, "of"));
  screenshot ("dashboard-usd");

  /* a close hours after the last BTC-USD price: USD for 1 of 2 deals */
  usd_closed_deal (store, bot, "ETH-BTC", now - 3000, now - 600, "1", "1.001");
  {
    guint before = dca_dashboard_page_get_n_refreshes (page);

    dca_dashboard_page_refresh (page);
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (dca_dashboard_page_get_n_refreshes (page) == before && g_get_monotonic_time () < deadline)
      iterate (100);
  }
  usd = dca_dashboard_page_get_figure (page, "profit-usd-24h-BTC");
  g_assert_nonnull (usd);
  g_assert_nonnull (strstr (usd, "40.00"));
  g_assert_nonnull (strstr (usd, "1 of 2"));
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
  g_test_add_func ("/ui/notification-center", test_notification_center);
  g_test_add_func ("/ui/background", test_background);
  g_test_add_func ("/ui/narrow", test_narrow);
  g_test_add_func ("/ui/dashboard-usd", test_dashboard_usd);
  g_test_add_func ("/ui/deals-and-history", test_deals_and_history);
  g_test_add_func ("/ui/charts", test_charts);
  g_test_add_func ("/ui/line-chart", test_line_chart);
  g_test_add_func ("/ui/bot-editor-conditions", test_editor_conditions);
  g_test_add_func ("/ui/analytics", test_analytics);
  g_test_add_func ("/ui/dashboard", test_dashboard);
  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return ret;
}
