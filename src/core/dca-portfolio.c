/* dca-portfolio.c: an account's assets and what they are worth */
#define G_LOG_DOMAIN "dca-portfolio"

#include "config.h"

#include <string.h>

#include "dca-portfolio.h"

static void
row_free (DcaPortfolioRow *row)
{
  g_free (row->currency);
  g_free (row);
}

void
dca_portfolio_free (DcaPortfolio *portfolio)
{
  if (portfolio == NULL)
    return;
  g_clear_pointer (&portfolio->rows, g_ptr_array_unref);
  g_free (portfolio);
}

static gboolean
price (GHashTable *prices,
       const char *base,
       const char *quote,
       DcaDecimal *out)
{
  g_autofree char *id = g_strdup_printf ("%s-%s", base, quote);
  DcaDecimal *p = prices ? g_hash_table_lookup (prices, id) : NULL;

  if (p == NULL || dca_decimal_sign (*p) <= 0)
    return FALSE;
  *out = *p;
  return TRUE;
}

static int
by_value (gconstpointer a,
          gconstpointer b)
{
  const DcaPortfolioRow *x = *(DcaPortfolioRow **) a, *y = *(DcaPortfolioRow **) b;

  if (x->has_value_btc != y->has_value_btc)
    return x->has_value_btc ? -1 : 1;
  return -dca_decimal_cmp (x->value_btc, y->value_btc);
}

DcaPortfolio *
dca_portfolio_compute (DcaStore    *store,
                       const char  *exchange,
                       GHashTable  *prices,
                       GError     **error)
{
  g_autoptr(GPtrArray) balances = dca_store_list_balances (store, exchange, error);
  g_autoptr(GPtrArray) bots = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(DcaPortfolio) p = g_new0 (DcaPortfolio, 1);
  DcaDealFilter filter = { 0 };
  DcaDecimal btc_usd, btc_available = dca_decimal_zero ();
  gboolean usd = price (prices, "BTC", "USD", &btc_usd);

  if (balances == NULL)
    return NULL;
  p->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < balances->len; i++)
    {
      DcaBalanceRecord *b = g_ptr_array_index (balances, i);
      DcaPortfolioRow *row = g_new0 (DcaPortfolioRow, 1);
      DcaDecimal rate;

      row->currency = g_strdup (b->currency);
      row->available = b->available;
      row->hold = b->hold;
      row->total = dca_decimal_add (b->available, b->hold);
      if (dca_decimal_sign (row->total) == 0)
        {
          row_free (row);
          continue;
        }
      if (strcmp (b->currency, "BTC") == 0)
        {
          row->has_value_btc = TRUE;
          row->value_btc = row->total;
          btc_available = b->available;
        }
      else if (price (prices, b->currency, "BTC", &rate))
        {
          row->has_value_btc = TRUE;
          row->value_btc = dca_decimal_mul (row->total, rate, DCA_ROUND_HALF_EVEN);
        }
      if (row->has_value_btc && usd)
        {
          row->has_value_usd = TRUE;
          row->value_usd = dca_decimal_mul (row->value_btc, btc_usd, DCA_ROUND_HALF_EVEN);
        }
      else if (strcmp (b->currency, "USD") == 0)
        {
          row->has_value_usd = TRUE;
          row->value_usd = row->total;
        }
      if (row->has_value_btc)
        p->value_btc = dca_decimal_add (p->value_btc, row->value_btc);
      g_ptr_array_add (p->rows, row);
    }
  for (guint i = 0; i < p->rows->len; i++)
    {
      DcaPortfolioRow *row = g_ptr_array_index (p->rows, i);

      if (row->has_value_btc && dca_decimal_sign (p->value_btc) > 0)
        row->share = dca_decimal_to_double (row->value_btc) / dca_decimal_to_double (p->value_btc);
    }
  g_ptr_array_sort (p->rows, by_value);
  p->has_value_usd = usd;
  if (usd)
    p->value_usd = dca_decimal_mul (p->value_btc, btc_usd, DCA_ROUND_HALF_EVEN);

  /* what the bots tie up: open deals' spending, running bots' reserves */
  filter.status_mask = DCA_DEAL_STATUS_MASK (DCA_DEAL_STATUS_OPEN);
  filter.exchange = exchange;
  open = dca_store_list_deals (store, &filter, error);
  bots = dca_store_list_bots (store, error);
  if (open == NULL || bots == NULL)
    return NULL;
  for (guint i = 0; i < open->len; i++)
    {
      DcaDealRecord *d = g_ptr_array_index (open, i);

      if (g_strcmp0 (d->quote_currency, "BTC") == 0)
        p->in_open_deals = dca_decimal_add (p->in_open_deals, d->state.quote_spent);
    }
  for (guint i = 0; i < bots->len; i++)
    {
      DcaBotRecord *b = g_ptr_array_index (bots, i);

      if (b->running && g_strcmp0 (b->exchange ? b->exchange : "paper", exchange) == 0)
        p->reserved = dca_decimal_add (p->reserved, b->reserved_btc);
    }
  p->free_btc = dca_decimal_sub (btc_available, p->reserved);
  if (dca_decimal_sign (p->free_btc) < 0)
    p->free_btc = dca_decimal_zero ();
  return g_steal_pointer (&p);
}
