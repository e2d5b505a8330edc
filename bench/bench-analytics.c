/* bench-analytics.c: dashboard figures and analytics tables on a big store
 *
 * A store of N closed deals (default 1,000,000) across 50 bots and 20 pairs
 * from `demo-data`, kept between runs (it takes minutes to make); then the
 * dashboard's figures and the bots and pairs tables, all time and 30 days,
 * each run warm several times, the median printed.  Goals: dashboard under
 * 50 ms, both tables under 200 ms.
 *
 *   bench-analytics [STORE] [N]     STORE default: bench-analytics.db here
 */
#include "config.h"

#include <stdlib.h>

#include "dca-analytics.h"
#include "dca-demo-data.h"
#include "dca-store.h"

#include "bench-common.h"

#define RUNS 9

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef gboolean (*Job) (DcaStore *store, gint64 now, GError **error);

static gboolean
job_stats (DcaStore *store, gint64 now, GError **error)
{
  g_autoptr(DcaStats) stats = dca_analytics_stats (store, now, NULL, error);

  return stats != NULL;
}

static gboolean
job_tables_all (DcaStore *store, gint64 now, GError **error)
{
  g_autoptr(GPtrArray) bots = dca_analytics_table (store, DCA_ANALYTICS_BOTS, NULL, error);
  g_autoptr(GPtrArray) pairs = bots ? dca_analytics_table (store, DCA_ANALYTICS_PAIRS, NULL, error) : NULL;

  return pairs != NULL;
}

static gboolean
job_bot_pairs (DcaStore *store, gint64 now, GError **error)
{
  g_autoptr(GPtrArray) rows = dca_analytics_table (store, DCA_ANALYTICS_BOT_PAIRS, NULL, error);

  return rows != NULL;
}

static gboolean
job_tables_30d (DcaStore *store, gint64 now, GError **error)
{
  DcaPeriod period;
  g_autoptr(GPtrArray) bots = NULL;
  g_autoptr(GPtrArray) pairs = NULL;

  dca_period_parse ("30d", now, &period);
  bots = dca_analytics_table (store, DCA_ANALYTICS_BOTS, &period, error);
  pairs = bots ? dca_analytics_table (store, DCA_ANALYTICS_PAIRS, &period, error) : NULL;
  return pairs != NULL;
}

static gboolean
job_stats_7d (DcaStore *store, gint64 now, GError **error)
{
  DcaPeriod period;
  g_autoptr(DcaStats) stats = NULL;

  dca_period_parse ("7d", now, &period);
  stats = dca_analytics_stats (store, now, &period, error);
  return stats != NULL;
}

static double
measure (DcaStore   *store,
         gint64      now,
         Job         job)
{
  double times[RUNS];
  g_autoptr(GError) error = NULL;

  if (!job (store, now, &error)) /* warm */
    g_error ("%s", error->message);
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!job (store, now, &error))
        g_error ("%s", error->message);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (times, RUNS, sizeof times[0], compare_doubles);
  return times[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : "bench-analytics.db";
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000000;
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  DcaDealFilter closed = { .status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED) };
  gint64 have, now;

  bench_print_machine ("analytics");
  store = dca_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  have = dca_store_count_deals (store, &closed, &error);
  if (have < (gint64) n)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_print ("making %u closed deals (50 bots, 20 pairs) in %s ...\n", n, path);
      if (dca_demo_data_generate (store, NULL, n - (guint) have, 50, 20, 42, &error) < 0)
        g_error ("%s", error->message);
      g_print ("made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
      have = dca_store_count_deals (store, &closed, &error);
    }
  {
    DcaDealFilter last = closed;
    g_autoptr(GPtrArray) newest = NULL;

    last.sort = DCA_DEAL_SORT_CLOSED;
    last.limit = 1;
    newest = dca_store_list_deals (store, &last, &error);
    now = newest && newest->len ? ((DcaDealRecord *) newest->pdata[0])->state.closed_at + 3600 : 0;
  }
  g_print ("store: %" G_GINT64_FORMAT " closed deals; \"now\" an hour after the last close; "
           "median of %d warm runs\n\n", have, RUNS);
  g_print ("| figure | time | goal |\n|---|---|---|\n");
  g_print ("| dashboard (profit 24 h / 7 d / 30 d / all with trends, deals, win rate, best and worst bot, account value) | %.1f ms | 50 ms |\n",
           measure (store, now, job_stats));
  g_print ("| dashboard, best and worst bot over 7 d | %.1f ms | 50 ms |\n", measure (store, now, job_stats_7d));
  g_print ("| bots and pairs tables, all time | %.1f ms | 200 ms |\n", measure (store, now, job_tables_all));
  g_print ("| bots and pairs tables, 30 days | %.1f ms | 200 ms |\n", measure (store, now, job_tables_30d));
  g_print ("| bot-and-pair table, all time | %.1f ms | |\n", measure (store, now, job_bot_pairs));
  return 0;
}
