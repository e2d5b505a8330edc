/* dca-dashboard.c: the figures of the dashboard, exact */
#define G_LOG_DOMAIN "dca-dashboard"

#include "config.h"

#include <string.h>

#include "dca-dashboard.h"

#define PAGE 5000

static void
profit_free (DcaDashboardProfit *p)
{
  g_free (p->currency);
  g_free (p);
}

void
dca_dashboard_free (DcaDashboard *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->profits, g_ptr_array_unref);
  g_clear_pointer (&d->latest, g_ptr_array_unref);
  g_clear_pointer (&d->bot_names, g_hash_table_unref);
  g_free (d);
}

gboolean
dca_dashboard_win_rate (const DcaDashboard *d,
                        double             *percent)
{
  if (d->closed == 0)
    return FALSE;
  *percent = d->wins * 100.0 / d->closed;
  return TRUE;
}

static DcaDashboardProfit *
profit_of (DcaDashboard *d,
           const char   *currency)
{
  DcaDashboardProfit *p;

  for (guint i = 0; i < d->profits->len; i++)
    if (g_strcmp0 (((DcaDashboardProfit *) g_ptr_array_index (d->profits, i))->currency, currency) == 0)
      return g_ptr_array_index (d->profits, i);
  p = g_new0 (DcaDashboardProfit, 1);
  p->currency = g_strdup (currency);
  g_ptr_array_add (d->profits, p);
  return p;
}

DcaDashboard *
dca_dashboard_compute (DcaStore  *store,
                       GError   **error)
{
  g_autoptr(DcaDashboard) d = g_new0 (DcaDashboard, 1);
  g_autoptr(GPtrArray) bots = NULL;
  DcaDealFilter filter = { 0 };
  gint64 n;

  d->profits = g_ptr_array_new_with_free_func ((GDestroyNotify) profit_free);
  d->bot_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  bots = dca_store_list_bots (store, error);
  if (bots == NULL)
    return NULL;
  for (guint i = 0; i < bots->len; i++)
    {
      DcaBotRecord *b = g_ptr_array_index (bots, i);

      if (b->running)
        d->bots_running++;
      else
        d->bots_stopped++;
      g_hash_table_insert (d->bot_names, g_memdup2 (&b->id, sizeof b->id), g_strdup (b->name));
    }

  filter.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
  n = dca_store_count_deals (store, &filter, error);
  if (n < 0)
    return NULL;
  d->active = (guint) n;

  /* every closed deal, a page at a time: exact sums per quote currency */
  filter.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  filter.sort = DCA_DEAL_SORT_CLOSED;
  filter.limit = PAGE;
  for (filter.offset = 0;; filter.offset += PAGE)
    {
      g_autoptr(GPtrArray) page = dca_store_list_deals (store, &filter, error);

      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->len; i++)
        {
          DcaDealRecord *r = g_ptr_array_index (page, i);
          DcaDashboardProfit *p;

          if (!r->has_profit)
            continue;
          d->closed++;
          if (dca_decimal_sign (r->profit) > 0)
            d->wins++;
          p = profit_of (d, r->quote_currency);
          p->profit = dca_decimal_add (p->profit, r->profit);
        }
      if (page->len < PAGE)
        break;
    }

  memset (&filter, 0, sizeof filter);
  filter.sort = DCA_DEAL_SORT_OPENED;
  filter.limit = 5;
  filter.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN) | DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_CLOSED);
  d->latest = dca_store_list_deals (store, &filter, error);
  if (d->latest == NULL)
    return NULL;
  return g_steal_pointer (&d);
}
