/* bench-launch.c: from launch to the first frame, with 100,000 closed deals
 *
 * A store with 100,000 closed deals (and a running bot), then what the app
 * does at launch: the context (store, engine), the main window, and the
 * time until its first frame is painted.  Then the History page, whose list
 * pages deals in, and the resident memory.  Goals: under 1 s, under 200 MB.
 * Runs under Xvfb (tests/run-under-xvfb.sh).
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dca-context.h"
#include "dca-window.h"

#define N_DEALS 100000

static gint64 t0;
static gint64 first_frame;

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : 0;
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  if (first_frame == 0)
    first_frame = g_get_monotonic_time ();
}

static void
on_realize (GtkWidget *widget,
            gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);
}

static void
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = dca_store_open (path, &error);
  g_autoptr(DcaBotRecord) bot = dca_bot_record_new ();
  static const char *const pairs[] = { "ETH-BTC", "LTC-BTC", "XMR-BTC", "ADA-BTC", "ZEC-BTC" };
  gint64 bot_id;

  if (store == NULL)
    g_error ("bench: %s", error->message);
  bot->name = g_strdup ("bench bot");
  bot->strategy_type = g_strdup ("conditional_dca");
  bot->product_ids = g_strsplit ("ETH-BTC,LTC-BTC,XMR-BTC,ADA-BTC,ZEC-BTC", ",", -1);
  bot->strategy_config_json = g_strdup ("{}");
  bot->check_interval_seconds = 300;
  bot_id = dca_store_insert_bot (store, bot, &error);
  dca_store_begin (store, NULL);
  for (guint i = 0; i < N_DEALS; i++)
    {
      g_autoptr(DcaDealRecord) d = dca_deal_record_new ();
      gint64 opened = 1515000000 + (gint64) i * 600;

      d->bot_id = bot_id;
      d->product_id = g_strdup (pairs[i % G_N_ELEMENTS (pairs)]);
      d->config_snapshot_json = g_strdup ("{}");
      d->state.status = DCA_DEAL_STATUS_CLOSED;
      d->state.opened_at = opened;
      d->state.closed_at = opened + 3000 + i % 7000;
      d->state.close_reason = DCA_CLOSE_REASON_TAKE_PROFIT;
      d->state.quote_spent = dca_decimal_from_units (10000 + i % 500, 6);
      d->state.base_bought = dca_decimal_from_units (1, 0);
      d->state.base_sold = dca_decimal_from_units (1, 0);
      d->state.quote_received = dca_decimal_from_units (10000 + i % 500 + (i % 3 == 0 ? -200 : 150), 6);
      if (dca_store_insert_deal (store, d, &error) <= 0)
        g_error ("bench: %s", error->message);
    }
  dca_store_commit (store, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-bench-launch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dcadesk.db", NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DcaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  DcaWindow *window;
  long rss_launch, rss_history;
  gint64 launch_ms, history_ms;
  gint64 t_context, t_window;

  adw_init ();
  printf ("launch benchmark\n");
  fill_store (path);
  printf ("  store: %d closed deals\n", N_DEALS);

  t0 = g_get_monotonic_time ();
  settings = g_settings_new (APP_ID);
  g_settings_set_double (settings, "replay-speed", 1);
  context = dca_context_new (path, settings, &error);
  if (context == NULL || !dca_context_start_engine (context, &error))
    g_error ("bench: %s", error->message);
  t_context = g_get_monotonic_time ();
  window = dca_window_new (NULL, context);
  t_window = g_get_monotonic_time ();
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (first_frame == 0 && g_get_monotonic_time () - t0 < 30 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  launch_ms = (first_frame - t0) / 1000;
  printf ("  of which: store and engine %" G_GINT64_FORMAT " ms, window built %" G_GINT64_FORMAT
          " ms, shown and painted %" G_GINT64_FORMAT " ms\n", (t_context - t0) / 1000,
          (t_window - t_context) / 1000, (first_frame - t_window) / 1000);
  rss_launch = rss_kib ();

  {
    gint64 h0 = g_get_monotonic_time ();

    first_frame = 0;
    dca_window_show_page (window, "history");
    while (first_frame == 0 && g_get_monotonic_time () - h0 < 30 * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
    history_ms = (first_frame - h0) / 1000;
  }
  rss_history = rss_kib ();

  printf ("  renderer: %s (software GL under Xvfb costs about 80 MB; GSK_RENDERER=cairo shows the rest)\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  printf ("  launch to first frame (store, engine, window): %" G_GINT64_FORMAT " ms (goal: under 1000 ms)\n",
          launch_ms);
  printf ("  History page, first frame of 100,000 deals: %" G_GINT64_FORMAT " ms\n", history_ms);
  printf ("  resident memory: %.1f MB at launch, %.1f MB with History shown (goal: under 200 MB)\n",
          rss_launch / 1024.0, rss_history / 1024.0);

  dca_context_stop_engine (context);
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return 0;
}
