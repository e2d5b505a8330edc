/* test-dashboard.c: the dashboard's figures on a small hand-made store */
#include "config.h"

#include "dca-dashboard.h"
#include "dca-store.h"

static DcaDecimal
D (const char *s)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_parse (s, &d, NULL));
  return d;
}

static void
add_deal (DcaStore   *store,
          gint64      bot_id,
          const char *product,
          gint64      opened,
          const char *spent,
          const char *received) /* NULL: still open */
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();

  deal->bot_id = bot_id;
  deal->product_id = g_strdup (product);
  deal->config_snapshot_json = g_strdup ("{}");
  deal->state.status = DCA_DEAL_STATUS_OPEN;
  deal->state.opened_at = opened;
  deal->state.quote_spent = D (spent);
  deal->state.base_bought = D ("1");
  g_assert_cmpint (dca_store_insert_deal (store, deal, &error), >, 0);
  g_assert_no_error (error);
  if (received != NULL)
    {
      deal->state.status = DCA_DEAL_STATUS_CLOSED;
      deal->state.closed_at = opened + 600;
      deal->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
      deal->state.base_sold = D ("1");
      deal->state.quote_received = D (received);
      g_assert_true (dca_store_update_deal_state (store, deal->id, &deal->state, &error));
      g_assert_no_error (error);
    }
}

static void
test_figures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-dash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (path, &error);
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  g_autoptr(DcaBotRecord) stopped = dca_bot_record_new ();
  g_autoptr(DcaDashboard) d = NULL;
  DcaDashboardProfit *btc = NULL;
  double rate = 0;
  gint64 id;

  g_assert_no_error (error);
  bot->name = g_strdup ("a");
  bot->strategy_type = g_strdup ("conditional_dca");
  /* one bot trades BTC pairs, the other USD ones */
  bot->product_ids = g_strsplit ("ETH-BTC", ",", -1);
  bot->strategy_config_json = g_strdup ("{}");
  bot->check_interval_seconds = 60;
  bot->running = TRUE;
  id = dca_store_insert_bot (store, bot, &error);
  g_assert_no_error (error);
  stopped->name = g_strdup ("b");
  stopped->strategy_type = g_strdup ("conditional_dca");
  stopped->product_ids = g_strsplit ("ETH-USD", ",", -1);
  stopped->strategy_config_json = g_strdup ("{}");
  stopped->check_interval_seconds = 60;
  dca_store_insert_bot (store, stopped, &error);
  g_assert_no_error (error);

  /* +0.01, -0.004 BTC; +5 USD; one open */
  add_deal (store, id, "ETH-BTC", 1000, "0.1", "0.11");
  add_deal (store, id, "ETH-BTC", 2000, "0.1", "0.096");
  add_deal (store, stopped->id, "ETH-USD", 3000, "100", "105");
  add_deal (store, id, "ETH-BTC", 4000, "0.1", NULL);

  d = dca_dashboard_compute (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->closed, ==, 3);
  g_assert_cmpuint (d->wins, ==, 2);
  g_assert_cmpuint (d->active, ==, 1);
  g_assert_cmpuint (d->bots_running, ==, 1);
  g_assert_cmpuint (d->bots_stopped, ==, 1);
  g_assert_true (dca_dashboard_win_rate (d, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 200.0 / 3, 1e-9);
  g_assert_cmpuint (d->profits->len, ==, 2);
  for (guint i = 0; i < d->profits->len; i++)
    if (g_strcmp0 (((DcaDashboardProfit *) g_ptr_array_index (d->profits, i))->currency, "BTC") == 0)
      btc = g_ptr_array_index (d->profits, i);
  g_assert_nonnull (btc);
  g_assert_true (dca_decimal_cmp (btc->profit, D ("0.006")) == 0);
  g_assert_cmpuint (d->latest->len, ==, 4);
  g_assert_cmpint (((DcaDealRecord *) g_ptr_array_index (d->latest, 0))->state.opened_at, ==, 4000);

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_clear_object (&store);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dashboard/figures", test_figures);
  return g_test_run ();
}
