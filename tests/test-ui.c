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

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  data_dir = g_dir_make_tmp ("dcadesk-ui-XXXXXX", NULL);
  g_test_add_func ("/ui/first-bot", test_first_bot);
  ret = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return ret;
}
