/* dca-analytics.c: the figures of shared/spec/analytics.md, and their summaries */
#define G_LOG_DOMAIN "dca-analytics"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dca-analytics.h"
#include "dca-store-private.h"

#define DAY 86400

/* ---- accumulating a set of deals ----------------------------------------------- */

typedef struct
{
  gint64     day;
  guint      deals, wins, losses;
  DcaDecimal profit, spent, fees, win_profit, loss_profit;
  double     sum_pct;
  gint64     sum_duration;
  DcaDecimal profit_usd;     /* of the deals with a USD price at their close */
  guint      usd_deals;
} DayAcc;

typedef struct
{
  char      *key;
  char      *quote;
  gint64     bot_id;
  char      *product_id;
  gboolean   any;
  gint64     first_open, last_close;
  DcaDecimal capital;        /* C */
  gboolean   fixed_capital;  /* the bot's reserve: not the first deal's */
  DcaDecimal cum, peak, max_dd, best, worst;
  double     max_dd_pct;
  GArray    *days;           /* DayAcc, ascending */
  gint64     dirty_day;      /* record_close: the day row to write */
} KeyAcc;

static KeyAcc *
key_acc_new (const char *key)
{
  KeyAcc *a = g_new0 (KeyAcc, 1);

  a->key = g_strdup (key);
  a->days = g_array_new (FALSE, TRUE, sizeof (DayAcc));
  a->capital = a->cum = a->peak = a->max_dd = a->best = a->worst = dca_decimal_zero ();
  return a;
}

static void
key_acc_free (KeyAcc *a)
{
  g_free (a->key);
  g_free (a->quote);
  g_free (a->product_id);
  g_array_unref (a->days);
  g_free (a);
}

static DayAcc *
day_of (KeyAcc *a,
        gint64  day)
{
  guint lo = 0, hi = a->days->len;
  DayAcc fresh = { 0 };

  /* closes come in time order: almost always the last day or a new one */
  if (hi > 0 && g_array_index (a->days, DayAcc, hi - 1).day == day)
    return &g_array_index (a->days, DayAcc, hi - 1);
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (a->days, DayAcc, mid).day < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < a->days->len && g_array_index (a->days, DayAcc, lo).day == day)
    return &g_array_index (a->days, DayAcc, lo);
  fresh.day = day;
  fresh.profit = fresh.spent = fresh.fees = fresh.win_profit = fresh.loss_profit = dca_decimal_zero ();
  fresh.profit_usd = dca_decimal_zero ();
  g_array_insert_val (a->days, lo, fresh);
  return &g_array_index (a->days, DayAcc, lo);
}

/* One more closed deal, in closed_at order; `capital` > 0 is the set's
 * fixed C (a bot's reserve). */
static void
key_acc_add (KeyAcc                 *a,
             const DcaAnalyticsDeal *d,
             DcaDecimal              capital)
{
  DayAcc *day;
  DcaDecimal dd, denom;
  gboolean win = dca_decimal_sign (d->profit) > 0;

  if (!a->any)
    {
      a->quote = g_strdup (d->quote_currency);
      a->bot_id = d->bot_id;
      a->product_id = g_strdup (d->product_id);
      a->best = a->worst = d->profit;
    }
  if (dca_decimal_sign (capital) > 0)
    {
      a->capital = capital;
      a->fixed_capital = TRUE;
    }
  if (!a->any || d->opened_at < a->first_open)
    {
      a->first_open = d->opened_at;
      if (!a->fixed_capital)
        a->capital = d->capital_at_open;
    }
  a->last_close = a->any ? MAX (a->last_close, d->closed_at) : d->closed_at;
  a->any = TRUE;

  /* the drawdown of the cumulative profit, C as known at this close */
  a->cum = dca_decimal_add (a->cum, d->profit);
  a->peak = dca_decimal_max (a->peak, a->cum);
  dd = dca_decimal_sub (a->peak, a->cum);
  a->max_dd = dca_decimal_max (a->max_dd, dd);
  denom = dca_decimal_add (a->capital, a->peak);
  if (dca_decimal_sign (denom) > 0 && dca_decimal_sign (dd) > 0)
    a->max_dd_pct = MAX (a->max_dd_pct, dca_decimal_to_double (dd) / dca_decimal_to_double (denom) * 100);
  if (dca_decimal_cmp (d->profit, a->best) > 0)
    a->best = d->profit;
  if (dca_decimal_cmp (d->profit, a->worst) < 0)
    a->worst = d->profit;

  day = day_of (a, d->closed_at / DAY);
  a->dirty_day = day->day;
  day->deals++;
  if (win)
    {
      day->wins++;
      day->win_profit = dca_decimal_add (day->win_profit, d->profit);
    }
  else
    {
      day->losses++;
      day->loss_profit = dca_decimal_add (day->loss_profit, d->profit);
    }
  day->profit = dca_decimal_add (day->profit, d->profit);
  day->spent = dca_decimal_add (day->spent, d->quote_spent);
  day->fees = dca_decimal_add (day->fees, d->fees);
  day->sum_pct += d->profit_percentage;
  day->sum_duration += d->closed_at - d->opened_at;
  if (d->has_usd_rate)
    {
      day->profit_usd = dca_decimal_add (day->profit_usd, dca_decimal_mul (d->profit, d->usd_rate, DCA_ROUND_HALF_EVEN));
      day->usd_deals++;
    }
}

static DcaAnalyticsRow *
key_acc_finish (const KeyAcc *a)
{
  DcaAnalyticsRow *row = g_new0 (DcaAnalyticsRow, 1);
  DcaDecimal win_profit = dca_decimal_zero (), loss_profit = dca_decimal_zero ();
  double sum_pct = 0, sum_r = 0, sum_r2 = 0, sum_down2 = 0, c;
  gint64 sum_duration = 0, n_days;
  gboolean losing_day = FALSE;

  row->bot_id = a->bot_id;
  row->product_id = g_strdup (a->product_id);
  row->quote_currency = g_strdup (a->quote);
  row->total_profit = row->fees = row->spent = row->total_profit_usd = dca_decimal_zero ();
  row->best = a->best;
  row->worst = a->worst;
  row->max_drawdown = a->max_dd;
  row->capital = a->capital;
  c = dca_decimal_to_double (a->capital);
  for (guint i = 0; i < a->days->len; i++)
    {
      const DayAcc *d = &g_array_index (a->days, DayAcc, i);
      double r = c > 0 ? dca_decimal_to_double (d->profit) / c : 0;

      row->deals += d->deals;
      row->wins += d->wins;
      row->losses += d->losses;
      row->total_profit = dca_decimal_add (row->total_profit, d->profit);
      row->fees = dca_decimal_add (row->fees, d->fees);
      row->spent = dca_decimal_add (row->spent, d->spent);
      win_profit = dca_decimal_add (win_profit, d->win_profit);
      loss_profit = dca_decimal_add (loss_profit, d->loss_profit);
      sum_pct += d->sum_pct;
      sum_duration += d->sum_duration;
      row->total_profit_usd = dca_decimal_add (row->total_profit_usd, d->profit_usd);
      row->usd_deals += d->usd_deals;
      sum_r += r;
      sum_r2 += r * r;
      if (r < 0)
        {
          sum_down2 += r * r;
          losing_day = TRUE;
        }
    }
  if (row->deals == 0)
    return row;
  row->has_total_profit_usd = row->usd_deals == row->deals;
  row->has_win_rate = TRUE;
  row->win_rate = (double) row->wins / (row->wins + row->losses) * 100;
  row->avg_profit = dca_decimal_div (row->total_profit, dca_decimal_from_units (row->deals, 0), DCA_ROUND_HALF_EVEN);
  row->avg_profit_pct = sum_pct / row->deals;
  row->avg_duration_s = (double) sum_duration / row->deals;
  row->has_max_drawdown_pct = dca_decimal_sign (dca_decimal_add (a->capital, a->peak)) > 0;
  row->max_drawdown_pct = a->max_dd_pct;
  if (row->losses > 0 && dca_decimal_sign (loss_profit) < 0)
    {
      row->has_profit_factor = TRUE;
      row->profit_factor = dca_decimal_to_double (win_profit) / -dca_decimal_to_double (loss_profit);
    }
  {
    double n = row->deals;
    double avg_win = row->wins ? dca_decimal_to_double (win_profit) / row->wins : 0;
    double avg_loss = row->losses ? -dca_decimal_to_double (loss_profit) / row->losses : 0;

    row->has_expectancy = TRUE;
    row->expectancy = row->wins / n * avg_win - row->losses / n * avg_loss;
  }
  if (dca_decimal_sign (row->spent) > 0)
    {
      row->has_roi = TRUE;
      row->roi_pct = dca_decimal_to_double (row->total_profit) / dca_decimal_to_double (row->spent) * 100;
    }
  /* daily returns from the first deal's open to the last close, UTC days,
   * days without closes counting as 0 */
  n_days = a->last_close / DAY - a->first_open / DAY + 1;
  if (c > 0 && n_days >= 2)
    {
      double mean = sum_r / n_days;
      double var = (sum_r2 - n_days * mean * mean) / (n_days - 1);

      if (var > 1e-300)
        {
          row->has_sharpe = TRUE;
          row->sharpe = mean / sqrt (var) * sqrt (365);
        }
      if (losing_day)
        {
          row->has_sortino = TRUE;
          row->sortino = mean / sqrt (sum_down2 / n_days) * sqrt (365);
        }
    }
  return row;
}

void
dca_analytics_row_free (DcaAnalyticsRow *row)
{
  if (row == NULL)
    return;
  g_free (row->bot_name);
  g_free (row->product_id);
  g_free (row->quote_currency);
  g_free (row);
}

DcaAnalyticsRow *
dca_analytics_compute (const DcaAnalyticsDeal *deals,
                       guint                   n_deals,
                       DcaDecimal              capital)
{
  KeyAcc *a = key_acc_new ("set");
  DcaAnalyticsRow *row;

  for (guint i = 0; i < n_deals; i++)
    key_acc_add (a, &deals[i], capital);
  row = key_acc_finish (a);
  key_acc_free (a);
  return row;
}

gboolean
dca_period_parse (const char *text,
                  gint64      now,
                  DcaPeriod  *period)
{
  static const struct { const char *name; gint64 seconds; } periods[] = {
    { "24h", DAY }, { "7d", 7 * DAY }, { "30d", 30 * DAY }, { "all", 0 },
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (periods); i++)
    if (strcmp (text, periods[i].name) == 0)
      {
        period->from = periods[i].seconds > 0 ? now - periods[i].seconds : 0;
        period->to = periods[i].seconds > 0 ? now : 0;
        return TRUE;
      }
  return FALSE;
}

/* ---- the summaries' rows ---------------------------------------------------------- */

static const char *const scope_names[] = { "bot", "pair", "bot-pair", "currency" };
#define N_SCOPES 4
#define SCOPE_CURRENCY 3

static char *
scope_key (guint                   scope,
           const DcaAnalyticsDeal *d)
{
  switch (scope)
    {
    case DCA_ANALYTICS_BOTS: return g_strdup_printf ("%" G_GINT64_FORMAT, d->bot_id);
    case DCA_ANALYTICS_PAIRS: return g_strdup (d->product_id);
    case DCA_ANALYTICS_BOT_PAIRS: return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", d->bot_id, d->product_id);
    default: return g_strdup (d->quote_currency);
    }
}

/* C of a scope: the bot's reserve in the deal's quote currency, for a bot
 * (and a bot's pair), when it has one */
static DcaDecimal
scope_capital (guint      scope,
               DcaDecimal reserve)
{
  return scope == DCA_ANALYTICS_BOTS || scope == DCA_ANALYTICS_BOT_PAIRS ? reserve : dca_decimal_zero ();
}

static sqlite3_stmt *
prepare (DcaStore    *store,
         const char  *sql,
         GError     **error)
{
  return dca_store_prepare (store, sql, "Could not read the analytics", error);
}

/* The end of a read: the statement finalized, a failure said. */
static gboolean
finish_read (DcaStore      *store,
             sqlite3_stmt  *stmt,
             int            rc,
             const char    *doing,
             GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dca_store_fail (store, error, rc, doing);
  return TRUE;
}

/* The accumulator of a key, made when it is first seen. */
static KeyAcc *
acc_for_key (GHashTable *accs,
             const char *key)
{
  KeyAcc *a = g_hash_table_lookup (accs, key);

  if (a == NULL)
    {
      a = key_acc_new (key);
      g_hash_table_insert (accs, a->key, a);
    }
  return a;
}

static DcaDecimal
column_decimal (sqlite3_stmt *stmt,
                int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  DcaDecimal d = dca_decimal_zero ();

  if (text != NULL)
    dca_decimal_parse (text, &d, NULL);
  return d;
}

static void
bind_decimal (sqlite3_stmt *stmt,
              int           col,
              DcaDecimal    d)
{
  char buf[64];

  dca_decimal_format (d, buf);
  sqlite3_bind_text (stmt, col, buf, -1, SQLITE_TRANSIENT);
}

/* Ratios are kept as text too (the store has no REAL columns): the
 * shortest text that reads back as the same double. */
static void
bind_double_text (sqlite3_stmt *stmt,
                  int           col,
                  double        v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buf, sizeof buf, v);
  sqlite3_bind_text (stmt, col, buf, -1, SQLITE_TRANSIENT);
}

static double
column_double_text (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0;
}

/* The closed deals' columns the formulas read, with the bot's reserve in
 * the deal's quote currency. */
#define DEAL_COLUMNS \
  "d.id, d.bot_id, d.product_id, d.quote_currency, d.opened_at, d.closed_at, d.profit, " \
  "d.profit_percentage, d.quote_spent, d.fees, d.capital_at_open, " \
  "CASE d.quote_currency WHEN 'BTC' THEN b.reserved_btc_balance WHEN 'USD' THEN b.reserved_usd_balance END, " \
  "d.usd_rate"

static void
read_deal (sqlite3_stmt     *stmt,
           DcaAnalyticsDeal *d,
           DcaDecimal       *reserve)
{
  d->bot_id = sqlite3_column_int64 (stmt, 1);
  d->product_id = (const char *) sqlite3_column_text (stmt, 2);
  d->quote_currency = (const char *) sqlite3_column_text (stmt, 3);
  d->opened_at = sqlite3_column_int64 (stmt, 4);
  d->closed_at = sqlite3_column_int64 (stmt, 5);
  d->profit = column_decimal (stmt, 6);
  d->profit_percentage = dca_decimal_to_double (column_decimal (stmt, 7));
  d->quote_spent = column_decimal (stmt, 8);
  d->fees = column_decimal (stmt, 9);
  d->capital_at_open = column_decimal (stmt, 10);
  *reserve = column_decimal (stmt, 11);
  d->has_usd_rate = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
  d->usd_rate = column_decimal (stmt, 12);
}

static gboolean
write_running (DcaStore      *store,
               sqlite3_stmt  *stmt,
               const char    *scope,
               const KeyAcc  *a,
               GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, a->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, a->quote, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, a->bot_id);
  sqlite3_bind_text (stmt, 5, a->product_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, a->first_open);
  sqlite3_bind_int64 (stmt, 7, a->last_close);
  bind_decimal (stmt, 8, a->capital);
  sqlite3_bind_int (stmt, 9, a->fixed_capital);
  bind_decimal (stmt, 10, a->cum);
  bind_decimal (stmt, 11, a->peak);
  bind_decimal (stmt, 12, a->max_dd);
  bind_double_text (stmt, 13, a->max_dd_pct);
  bind_decimal (stmt, 14, a->best);
  bind_decimal (stmt, 15, a->worst);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return dca_store_fail (store, error, rc, "Could not save the analytics");
  return TRUE;
}

static gboolean
write_day (DcaStore      *store,
           sqlite3_stmt  *stmt,
           const char    *scope,
           const char    *key,
           const DayAcc  *d,
           GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, d->day);
  sqlite3_bind_int (stmt, 4, d->deals);
  sqlite3_bind_int (stmt, 5, d->wins);
  sqlite3_bind_int (stmt, 6, d->losses);
  bind_decimal (stmt, 7, d->profit);
  bind_decimal (stmt, 8, d->spent);
  bind_decimal (stmt, 9, d->fees);
  bind_decimal (stmt, 10, d->win_profit);
  bind_decimal (stmt, 11, d->loss_profit);
  bind_double_text (stmt, 12, d->sum_pct);
  sqlite3_bind_int64 (stmt, 13, d->sum_duration);
  bind_decimal (stmt, 14, d->profit_usd);
  sqlite3_bind_int (stmt, 15, (int) d->usd_deals);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return dca_store_fail (store, error, rc, "Could not save the analytics");
  return TRUE;
}

#define RUNNING_INSERT \
  "INSERT OR REPLACE INTO analytics_running (scope, key, quote_currency, bot_id, product_id, " \
  "first_open, last_close, capital, fixed_capital, cum, peak, max_dd, max_dd_pct, best, worst) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
#define DAY_INSERT \
  "INSERT OR REPLACE INTO analytics_days (scope, key, day, deals, wins, losses, profit, spent, " \
  "fees, win_profit, loss_profit, sum_profit_pct, sum_duration, profit_usd, usd_deals) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
#define RUNNING_COLUMNS \
  "key, quote_currency, bot_id, product_id, first_open, last_close, capital, fixed_capital, cum, " \
  "peak, max_dd, max_dd_pct, best, worst"
#define DAY_COLUMNS \
  "key, day, deals, wins, losses, profit, spent, fees, win_profit, loss_profit, sum_profit_pct, " \
  "sum_duration, profit_usd, usd_deals"

static KeyAcc *
read_running (sqlite3_stmt *stmt)
{
  KeyAcc *a = key_acc_new ((const char *) sqlite3_column_text (stmt, 0));

  a->any = TRUE;
  a->quote = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  a->bot_id = sqlite3_column_int64 (stmt, 2);
  a->product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  a->first_open = sqlite3_column_int64 (stmt, 4);
  a->last_close = sqlite3_column_int64 (stmt, 5);
  a->capital = column_decimal (stmt, 6);
  a->fixed_capital = sqlite3_column_int (stmt, 7) != 0;
  a->cum = column_decimal (stmt, 8);
  a->peak = column_decimal (stmt, 9);
  a->max_dd = column_decimal (stmt, 10);
  a->max_dd_pct = column_double_text (stmt, 11);
  a->best = column_decimal (stmt, 12);
  a->worst = column_decimal (stmt, 13);
  return a;
}

static void
read_day (sqlite3_stmt *stmt,
          DayAcc       *d)
{
  d->day = sqlite3_column_int64 (stmt, 1);
  d->deals = sqlite3_column_int (stmt, 2);
  d->wins = sqlite3_column_int (stmt, 3);
  d->losses = sqlite3_column_int (stmt, 4);
  d->profit = column_decimal (stmt, 5);
  d->spent = column_decimal (stmt, 6);
  d->fees = column_decimal (stmt, 7);
  d->win_profit = column_decimal (stmt, 8);
  d->loss_profit = column_decimal (stmt, 9);
  d->sum_pct = column_double_text (stmt, 10);
  d->sum_duration = sqlite3_column_int64 (stmt, 11);
  d->profit_usd = column_decimal (stmt, 12);
  d->usd_deals = (guint) sqlite3_column_int (stmt, 13);
}

/* ---- USD ----------------------------------------------------------------------------- */

gboolean
dca_analytics_currency_is_usd (const char *currency)
{
  static const char *const dollars[] = { "USD", "USDC", "USDT", "DAI", NULL };

  return currency != NULL && g_strv_contains (dollars, currency);
}

gboolean
dca_analytics_set_usd_rate (DcaStore    *store,
                            const char  *currency,
                            DcaDecimal   rate,
                            gint64       time,
                            GError     **error)
{
  g_autofree char *key = g_strdup_printf ("usd-rate:%s", currency);
  g_autofree char *text = dca_decimal_to_string (rate);
  g_autofree char *value = g_strdup_printf ("%s %" G_GINT64_FORMAT, text, time);

  g_return_val_if_fail (DCA_IS_STORE (store), FALSE);
  return dca_store_kv_set (store, key, value, error);
}

/* The quote currency's USD price at a close: 1 for dollars, else the last
 * one seen if it was seen within an hour of the close. */
static gboolean
usd_rate_at (DcaStore   *store,
             const char *currency,
             gint64      time,
             DcaDecimal *rate)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 seen;

  if (dca_analytics_currency_is_usd (currency))
    {
      *rate = dca_decimal_from_units (1, 0);
      return TRUE;
    }
  key = g_strdup_printf ("usd-rate:%s", currency);
  if (!dca_store_kv_get (store, key, &value, NULL) || value == NULL)
    return FALSE;
  parts = g_strsplit (value, " ", 2);
  if (g_strv_length (parts) != 2 || !dca_decimal_parse (parts[0], rate, NULL))
    return FALSE;
  seen = g_ascii_strtoll (parts[1], NULL, 10);
  return seen - time <= 3600 && time - seen <= 3600;
}

/* ---- upkeep: one close, or everything again ---------------------------------------- */

/* In the close's transaction (the store calls it when a deal becomes
 * closed): each scope's running row and the day's row, read, added to and
 * written back. */
gboolean
dca_analytics_record_close (DcaStore  *store,
                            gint64     deal_id,
                            GError   **error)
{
  sqlite3_stmt *deal = NULL, *running = NULL, *day = NULL, *put_running = NULL, *put_day = NULL;
  DcaAnalyticsDeal d = { 0 };
  DcaDecimal reserve;
  gboolean ok = FALSE;
  int rc;

  deal = prepare (store, "SELECT " DEAL_COLUMNS " FROM deals d JOIN bots b ON b.id = d.bot_id "
                         "WHERE d.id = ?1 AND d.status = 'closed'", error);
  running = prepare (store, "SELECT " RUNNING_COLUMNS " FROM analytics_running WHERE scope = ?1 AND key = ?2",
                     error);
  day = prepare (store, "SELECT " DAY_COLUMNS " FROM analytics_days WHERE scope = ?1 AND key = ?2 AND day = ?3",
                 error);
  put_running = prepare (store, RUNNING_INSERT, error);
  put_day = prepare (store, DAY_INSERT, error);
  if (deal == NULL || running == NULL || day == NULL || put_running == NULL || put_day == NULL)
    goto out;
  sqlite3_bind_int64 (deal, 1, deal_id);
  rc = sqlite3_step (deal);
  if (rc == SQLITE_DONE)
    {
      ok = TRUE; /* not closed: nothing to count */
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      dca_store_fail (store, error, rc, "Could not read the closed deal");
      goto out;
    }
  read_deal (deal, &d, &reserve);
  if (!d.has_usd_rate && usd_rate_at (store, d.quote_currency, d.closed_at, &d.usd_rate))
    {
      /* kept with the deal: the rate at its close */
      sqlite3_stmt *set = prepare (store, "UPDATE deals SET usd_rate = ?2 WHERE id = ?1", error);

      if (set == NULL)
        goto out;
      sqlite3_bind_int64 (set, 1, deal_id);
      bind_decimal (set, 2, d.usd_rate);
      rc = sqlite3_step (set);
      sqlite3_finalize (set);
      if (rc != SQLITE_DONE)
        {
          dca_store_fail (store, error, rc, "Could not save the deal's USD rate");
          goto out;
        }
      d.has_usd_rate = TRUE;
    }
  for (guint s = 0; s < N_SCOPES; s++)
    {
      g_autofree char *key = scope_key (s, &d);
      KeyAcc *a;
      DayAcc *da;
      gint64 the_day = d.closed_at / DAY;

      sqlite3_reset (running);
      sqlite3_bind_text (running, 1, scope_names[s], -1, SQLITE_STATIC);
      sqlite3_bind_text (running, 2, key, -1, SQLITE_STATIC);
      a = sqlite3_step (running) == SQLITE_ROW ? read_running (running) : key_acc_new (key);
      sqlite3_reset (day);
      sqlite3_bind_text (day, 1, scope_names[s], -1, SQLITE_STATIC);
      sqlite3_bind_text (day, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (day, 3, the_day);
      if (sqlite3_step (day) == SQLITE_ROW)
        {
          DayAcc loaded = { 0 };

          read_day (day, &loaded);
          g_array_append_val (a->days, loaded);
        }
      key_acc_add (a, &d, scope_capital (s, reserve));
      da = day_of (a, the_day);
      ok = write_running (store, put_running, scope_names[s], a, error) &&
           write_day (store, put_day, scope_names[s], a->key, da, error);
      key_acc_free (a);
      if (!ok)
        goto out;
    }
out:
  sqlite3_finalize (deal);
  sqlite3_finalize (running);
  sqlite3_finalize (day);
  sqlite3_finalize (put_running);
  sqlite3_finalize (put_day);
  return ok;
}

static gboolean
rebuild_locked (DcaStore  *store,
                GError   **error)
{
  GHashTable *accs[N_SCOPES] = { NULL };
  sqlite3_stmt *deals = NULL, *put_running = NULL, *put_day = NULL;
  char *err = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_exec (dca_store_get_db (store), "DELETE FROM analytics_days; DELETE FROM analytics_running;",
                    NULL, NULL, &err) != SQLITE_OK)
    {
      g_set_error (error, DCA_STORE_ERROR, DCA_STORE_ERROR_FAILED, "Could not clear the analytics: %s", err);
      sqlite3_free (err);
      return FALSE;
    }
  for (guint s = 0; s < N_SCOPES; s++)
    accs[s] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) key_acc_free);
  deals = prepare (store, "SELECT " DEAL_COLUMNS " FROM deals d JOIN bots b ON b.id = d.bot_id "
                          "WHERE d.status = 'closed' ORDER BY d.closed_at, d.id", error);
  if (deals == NULL)
    goto out;
  while ((rc = sqlite3_step (deals)) == SQLITE_ROW)
    {
      DcaAnalyticsDeal d;
      DcaDecimal reserve;

      read_deal (deals, &d, &reserve);
      for (guint s = 0; s < N_SCOPES; s++)
        {
          g_autofree char *key = scope_key (s, &d);

          key_acc_add (acc_for_key (accs[s], key), &d, scope_capital (s, reserve));
        }
    }
  if (rc != SQLITE_DONE)
    {
      dca_store_fail (store, error, rc, "Could not read the closed deals");
      goto out;
    }
  put_running = prepare (store, RUNNING_INSERT, error);
  put_day = prepare (store, DAY_INSERT, error);
  if (put_running == NULL || put_day == NULL)
    goto out;
  for (guint s = 0; s < N_SCOPES; s++)
    {
      GHashTableIter iter;
      KeyAcc *a;

      g_hash_table_iter_init (&iter, accs[s]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &a))
        {
          if (!write_running (store, put_running, scope_names[s], a, error))
            goto out;
          for (guint i = 0; i < a->days->len; i++)
            if (!write_day (store, put_day, scope_names[s], a->key, &g_array_index (a->days, DayAcc, i), error))
              goto out;
        }
    }
  ok = TRUE;
out:
  sqlite3_finalize (deals);
  sqlite3_finalize (put_running);
  sqlite3_finalize (put_day);
  for (guint s = 0; s < N_SCOPES; s++)
    g_clear_pointer (&accs[s], g_hash_table_unref);
  return ok;
}

gboolean
dca_analytics_rebuild (DcaStore  *store,
                       GError   **error)
{
  g_return_val_if_fail (DCA_IS_STORE (store), FALSE);

  if (!dca_store_begin (store, error))
    return FALSE;
  if (!rebuild_locked (store, error))
    {
      dca_store_rollback (store);
      return FALSE;
    }
  return dca_store_commit (store, error);
}

/* ---- tables ------------------------------------------------------------------------- */

static int
compare_rows (gconstpointer pa,
              gconstpointer pb)
{
  const DcaAnalyticsRow *a = *(DcaAnalyticsRow **) pa, *b = *(DcaAnalyticsRow **) pb;
  int c = g_strcmp0 (a->quote_currency, b->quote_currency);

  if (c != 0)
    return c;
  c = dca_decimal_cmp (b->total_profit, a->total_profit);
  if (c != 0)
    return c;
  c = (a->bot_id > b->bot_id) - (a->bot_id < b->bot_id);
  return c != 0 ? c : g_strcmp0 (a->product_id, b->product_id);
}

/* all time: the summaries */
static GHashTable *
accs_from_summaries (DcaStore           *store,
                     guint               scope,
                     GError            **error)
{
  g_autoptr(GHashTable) accs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) key_acc_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (store, "SELECT " RUNNING_COLUMNS " FROM analytics_running WHERE scope = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_names[scope], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KeyAcc *a = read_running (stmt);

      g_hash_table_insert (accs, a->key, a);
    }
  if (!finish_read (store, stmt, rc, "Could not read the analytics", error))
    return NULL;
  stmt = prepare (store, "SELECT " DAY_COLUMNS " FROM analytics_days WHERE scope = ?1 ORDER BY key, day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_names[scope], -1, SQLITE_STATIC);
  {
    KeyAcc *a = NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *key = (const char *) sqlite3_column_text (stmt, 0);
        DayAcc d = { 0 };

        if (a == NULL || strcmp (a->key, key) != 0)
          a = g_hash_table_lookup (accs, key);
        if (a == NULL)
          continue; /* a day without its running row: left by a crash? rebuild mends it */
        read_day (stmt, &d);
        g_array_append_val (a->days, d);
      }
  }
  if (!finish_read (store, stmt, rc, "Could not read the analytics", error))
    return NULL;
  return g_steal_pointer (&accs);
}

/* a window: the deals closed in it, in order, P_0 = 0 at its start */
static GHashTable *
accs_from_deals (DcaStore         *store,
                 guint             scope,
                 const DcaPeriod  *period,
                 GError          **error)
{
  g_autoptr(GHashTable) accs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) key_acc_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (store, "SELECT " DEAL_COLUMNS " FROM deals d JOIN bots b ON b.id = d.bot_id "
                         "WHERE d.status = 'closed' AND d.closed_at >= ?1 AND d.closed_at < ?2 "
                         "ORDER BY d.closed_at, d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period->from);
  sqlite3_bind_int64 (stmt, 2, period->to > 0 ? period->to : G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DcaAnalyticsDeal d;
      DcaDecimal reserve;
      g_autofree char *key = NULL;

      read_deal (stmt, &d, &reserve);
      key = scope_key (scope, &d);
      key_acc_add (acc_for_key (accs, key), &d, scope_capital (scope, reserve));
    }
  if (!finish_read (store, stmt, rc, "Could not read the closed deals", error))
    return NULL;
  return g_steal_pointer (&accs);
}

static GHashTable *
accs_for (DcaStore         *store,
          guint             scope,
          const DcaPeriod  *period,
          GError          **error)
{
  if (period == NULL || (period->from == 0 && period->to == 0))
    return accs_from_summaries (store, scope, error);
  return accs_from_deals (store, scope, period, error);
}

static void
name_bots (DcaStore  *store,
           GPtrArray *rows)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT name FROM bots WHERE id = ?1", NULL);

  for (guint i = 0; stmt != NULL && i < rows->len; i++)
    {
      DcaAnalyticsRow *row = rows->pdata[i];

      if (row->bot_id <= 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row->bot_id);
      row->bot_name = sqlite3_step (stmt) == SQLITE_ROW
                      ? g_strdup ((const char *) sqlite3_column_text (stmt, 0))
                      : g_strdup_printf ("#%" G_GINT64_FORMAT, row->bot_id);
    }
  sqlite3_finalize (stmt);
}

GPtrArray *
dca_analytics_table (DcaStore          *store,
                     DcaAnalyticsScope  scope,
                     const DcaPeriod   *period,
                     GError           **error)
{
  g_autoptr(GHashTable) accs = NULL;
  GPtrArray *rows;
  GHashTableIter iter;
  KeyAcc *a;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  if ((accs = accs_for (store, scope, period, error)) == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_analytics_row_free);
  g_hash_table_iter_init (&iter, accs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &a))
    {
      DcaAnalyticsRow *row = key_acc_finish (a);

      if (scope == DCA_ANALYTICS_PAIRS)
        row->bot_id = 0;
      if (scope == DCA_ANALYTICS_BOTS)
        g_clear_pointer (&row->product_id, g_free);
      g_ptr_array_add (rows, row);
    }
  if (scope != DCA_ANALYTICS_PAIRS)
    name_bots (store, rows);
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

/* ---- the dashboard ------------------------------------------------------------------- */

static void
stats_profit_free (DcaStatsProfit *p)
{
  g_free (p->currency);
  g_free (p);
}

void
dca_stats_free (DcaStats *stats)
{
  if (stats == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (stats->profit); i++)
    g_clear_pointer (&stats->profit[i], g_ptr_array_unref);
  g_free (stats->best_bot);
  g_free (stats->worst_bot);
  g_clear_pointer (&stats->account_value, g_ptr_array_unref);
  g_free (stats);
}

static DcaStatsProfit *
profit_of (GPtrArray  *list,
           const char *currency)
{
  DcaStatsProfit *p;

  for (guint i = 0; i < list->len; i++)
    if (strcmp (((DcaStatsProfit *) list->pdata[i])->currency, currency) == 0)
      return list->pdata[i];
  p = g_new0 (DcaStatsProfit, 1);
  p->currency = g_strdup (currency);
  p->profit = p->previous = p->profit_usd = dca_decimal_zero ();
  g_ptr_array_add (list, p);
  return p;
}

/* Rows added to the window's figures: (quote currency, profit, USD rate or
 * NULL) of deals, or (quote currency, profit, profit in USD, deals, deals
 * with USD) of the summaries. */
static gboolean
add_profits (DcaStore      *store,
             sqlite3_stmt  *stmt,
             GPtrArray     *list,
             gboolean       previous,
             gboolean       summaries,
             const char    *doing,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DcaStatsProfit *p = profit_of (list, (const char *) sqlite3_column_text (stmt, 0));
      DcaDecimal v = column_decimal (stmt, 1);

      if (previous)
        {
          p->previous = dca_decimal_add (p->previous, v);
          continue;
        }
      p->profit = dca_decimal_add (p->profit, v);
      if (summaries)
        {
          p->profit_usd = dca_decimal_add (p->profit_usd, column_decimal (stmt, 2));
          p->deals += (guint) sqlite3_column_int (stmt, 3);
          p->usd_deals += (guint) sqlite3_column_int (stmt, 4);
        }
      else
        {
          p->deals++;
          if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            {
              p->profit_usd = dca_decimal_add (p->profit_usd, dca_decimal_mul (v, column_decimal (stmt, 2),
                                                                               DCA_ROUND_HALF_EVEN));
              p->usd_deals++;
            }
        }
    }
  return finish_read (store, stmt, rc, doing, error);
}

/* Profit per quote currency of the deals closed in [from, to): the whole
 * UTC days inside from the summaries, the two part days from the deals. */
static gboolean
add_window (DcaStore   *store,
            GPtrArray  *list,
            gboolean    previous,
            gint64      from,
            gint64      to,
            GError    **error)
{
  gint64 first_day = (from + DAY - 1) / DAY; /* the first whole day */
  gint64 end_day = to / DAY;                 /* days before this are whole */
  sqlite3_stmt *stmt;

  if (first_day >= end_day)
    first_day = end_day = 0; /* no whole day: the deals alone */
  /* the part days, each a plain range on the closed_at index (an OR of
   * two ranges makes SQLite scan every closed deal) */
  for (guint part = 0; part < (first_day == end_day ? 1u : 2u); part++)
    {
      stmt = prepare (store,
                      "SELECT quote_currency, profit, usd_rate FROM deals WHERE status = 'closed' AND "
                      "closed_at >= ?1 AND closed_at < ?2",
                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, part == 0 ? from : end_day * DAY);
      sqlite3_bind_int64 (stmt, 2, first_day == end_day ? to : part == 0 ? first_day * DAY : to);
      if (!add_profits (store, stmt, list, previous, FALSE, "Could not read the closed deals", error))
        return FALSE;
    }
  if (first_day == end_day)
    return TRUE;
  stmt = prepare (store,
                  "SELECT key, profit, profit_usd, deals, usd_deals FROM analytics_days "
                  "WHERE scope = 'currency' AND day >= ?1 AND day < ?2",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_day);
  sqlite3_bind_int64 (stmt, 2, end_day);
  return add_profits (store, stmt, list, previous, TRUE, "Could not read the analytics", error);
}

static gint64
count (DcaStore    *store,
       const char  *sql,
       GError     **error)
{
  sqlite3_stmt *stmt = prepare (store, sql, error);
  gint64 n = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    dca_store_fail (store, error, rc, "Could not count the deals");
  sqlite3_finalize (stmt);
  return n;
}

DcaStats *
dca_analytics_stats (DcaStore         *store,
                     gint64            now,
                     const DcaPeriod  *period,
                     GError          **error)
{
  static const gint64 windows[] = { DAY, 7 * DAY, 30 * DAY };
  g_autoptr(DcaStats) stats = g_new0 (DcaStats, 1);
  g_autoptr(GPtrArray) bots = NULL;
  g_autoptr(GHashTable) currencies = NULL;
  gint64 active, wins = 0, losses = 0, closed = 0;
  gboolean one_currency = TRUE;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stats->profit); i++)
    stats->profit[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_profit_free);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    if (!add_window (store, stats->profit[i], FALSE, now - windows[i], now, error) ||
        !add_window (store, stats->profit[i], TRUE, now - 2 * windows[i], now - windows[i], error))
      return NULL;

  /* all time, closed deals and wins: the currency scope's running rows */
  if ((currencies = accs_from_summaries (store, SCOPE_CURRENCY, error)) == NULL)
    return NULL;
  {
    GHashTableIter iter;
    KeyAcc *a;

    g_hash_table_iter_init (&iter, currencies);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &a))
      {
        g_autoptr(DcaAnalyticsRow) row = key_acc_finish (a);

        DcaStatsProfit *p = profit_of (stats->profit[3], a->key);

        p->profit = row->total_profit;
        p->deals = row->deals;
        p->usd_deals = row->usd_deals;
        p->profit_usd = row->total_profit_usd;
        closed += row->deals;
        wins += row->wins;
        losses += row->losses;
      }
  }
  stats->total_deals = (guint) closed;
  if (wins + losses > 0)
    {
      stats->has_win_rate = TRUE;
      stats->win_rate = (double) wins / (wins + losses) * 100;
    }
  if ((active = count (store, "SELECT count(*) FROM deals WHERE status = 'open'", error)) < 0)
    return NULL;
  stats->active_deals = (guint) active;

  /* best and worst bot over the period: by profit when the bots share one
   * quote currency, else by ROI %, which compares across currencies.  For
   * all time the running rows hold each bot's total profit: the table
   * (which sums every day) only when the currencies differ. */
  if (period == NULL || (period->from == 0 && period->to == 0))
    {
      sqlite3_stmt *stmt = prepare (store, "SELECT key, quote_currency, cum FROM analytics_running "
                                           "WHERE scope = 'bot'", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      bots = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_analytics_row_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DcaAnalyticsRow *r = g_new0 (DcaAnalyticsRow, 1);

          r->bot_id = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
          r->quote_currency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          r->total_profit = column_decimal (stmt, 2);
          g_ptr_array_add (bots, r);
        }
      if (!finish_read (store, stmt, rc, "Could not read the analytics", error))
        return NULL;
    }
  for (guint i = 1; bots != NULL && i < bots->len; i++)
    if (g_strcmp0 (((DcaAnalyticsRow *) bots->pdata[i])->quote_currency,
                   ((DcaAnalyticsRow *) bots->pdata[0])->quote_currency) != 0)
      one_currency = FALSE;
  if (bots == NULL || !one_currency)
    {
      g_clear_pointer (&bots, g_ptr_array_unref);
      if ((bots = dca_analytics_table (store, DCA_ANALYTICS_BOTS, period, error)) == NULL)
        return NULL;
    }
  else
    name_bots (store, bots);
  {
    DcaAnalyticsRow *best = NULL, *worst = NULL;

    for (guint i = 0; i < bots->len; i++)
      {
        DcaAnalyticsRow *r = bots->pdata[i];

        if (best == NULL || (one_currency ? dca_decimal_cmp (r->total_profit, best->total_profit) > 0
                                          : r->roi_pct > best->roi_pct))
          best = r;
        if (worst == NULL || (one_currency ? dca_decimal_cmp (r->total_profit, worst->total_profit) < 0
                                           : r->roi_pct < worst->roi_pct))
          worst = r;
      }
    if (best != NULL)
      {
        stats->best_bot_id = best->bot_id;
        stats->best_bot = g_strdup (best->bot_name);
        stats->worst_bot_id = worst->bot_id;
        stats->worst_bot = g_strdup (worst->bot_name);
      }
  }

  /* the account's value: the latest snapshot of each exchange */
  {
    sqlite3_stmt *stmt = prepare (store,
                                  "SELECT s.exchange, s.currency, s.value, s.value_usd, s.time FROM account_snapshots s "
                                  "WHERE s.time = (SELECT max(time) FROM account_snapshots t WHERE t.exchange = s.exchange) "
                                  "ORDER BY s.exchange, s.currency", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    stats->account_value = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_snapshot_record_free);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DcaSnapshotRecord *s = g_new0 (DcaSnapshotRecord, 1);

        s->exchange = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        s->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        s->value = column_decimal (stmt, 2);
        s->has_value_usd = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
        s->value_usd = column_decimal (stmt, 3);
        s->time = sqlite3_column_int64 (stmt, 4);
        g_ptr_array_add (stats->account_value, s);
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      {
        dca_store_fail (store, error, rc, "Could not read the account snapshots");
        return NULL;
      }
  }
  return g_steal_pointer (&stats);
}

/* ---- series for charts -------------------------------------------------------------- */

void
dca_profit_bucket_free (DcaProfitBucket *bucket)
{
  if (bucket == NULL)
    return;
  g_free (bucket->quote_currency);
  g_free (bucket);
}

static gint64
bucket_start (gint64    time,
              DcaBucket bucket)
{
  gint64 day = time / DAY;

  switch (bucket)
    {
    case DCA_BUCKET_WEEK:
      /* 1970-01-01 was a Thursday: day 4 is the first Monday */
      return (day - ((day - 4) % 7 + 7) % 7) * DAY;
    case DCA_BUCKET_MONTH:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);
        g_autoptr(GDateTime) first = g_date_time_new_utc (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                          1, 0, 0, 0);

        return g_date_time_to_unix (first);
      }
    case DCA_BUCKET_DAY:
    default:
      return day * DAY;
    }
}

static int
compare_buckets (gconstpointer pa,
                 gconstpointer pb)
{
  const DcaProfitBucket *a = *(DcaProfitBucket **) pa, *b = *(DcaProfitBucket **) pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return g_strcmp0 (a->quote_currency, b->quote_currency);
}

static void
bucket_add (GHashTable *buckets,
            gint64      start,
            const char *quote,
            DcaDecimal  profit,
            guint       deals)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", start, quote);
  DcaProfitBucket *b = g_hash_table_lookup (buckets, key);

  if (b == NULL)
    {
      b = g_new0 (DcaProfitBucket, 1);
      b->start = start;
      b->quote_currency = g_strdup (quote);
      b->profit = dca_decimal_zero ();
      g_hash_table_insert (buckets, g_steal_pointer (&key), b);
    }
  b->profit = dca_decimal_add (b->profit, profit);
  b->deals += deals;
}

GPtrArray *
dca_analytics_profit_buckets (DcaStore         *store,
                              gint64            bot_id,
                              const DcaPeriod  *period,
                              DcaBucket         bucket,
                              GError          **error)
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out;
  sqlite3_stmt *stmt;
  gboolean all_time = period == NULL || (period->from == 0 && period->to == 0);
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  if (all_time)
    {
      /* the daily summaries: a bot's, or every quote currency's */
      stmt = prepare (store,
                      bot_id > 0
                      ? "SELECT d.day, r.quote_currency, d.profit, d.deals FROM analytics_days d "
                        "JOIN analytics_running r ON r.scope = d.scope AND r.key = d.key "
                        "WHERE d.scope = 'bot' AND d.key = ?1 ORDER BY d.day"
                      : "SELECT day, key, profit, deals FROM analytics_days WHERE scope = 'currency' ORDER BY day",
                      error);
      if (stmt == NULL)
        return NULL;
      if (bot_id > 0)
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, bot_id);

          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        bucket_add (buckets, bucket_start (sqlite3_column_int64 (stmt, 0) * DAY, bucket),
                    (const char *) sqlite3_column_text (stmt, 1), column_decimal (stmt, 2),
                    (guint) sqlite3_column_int (stmt, 3));
    }
  else
    {
      stmt = prepare (store,
                      "SELECT closed_at, quote_currency, profit FROM deals WHERE status = 'closed' "
                      "AND closed_at >= ?1 AND closed_at < ?2 AND (?3 = 0 OR bot_id = ?3)",
                      error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, period->from);
      sqlite3_bind_int64 (stmt, 2, period->to > 0 ? period->to : G_MAXINT64);
      sqlite3_bind_int64 (stmt, 3, bot_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        bucket_add (buckets, bucket_start (sqlite3_column_int64 (stmt, 0), bucket),
                    (const char *) sqlite3_column_text (stmt, 1), column_decimal (stmt, 2), 1);
    }
  if (!finish_read (store, stmt, rc, "Could not read the profit over time", error))
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_profit_bucket_free);
  {
    GHashTableIter iter;
    gpointer b;

    g_hash_table_iter_init (&iter, buckets);
    while (g_hash_table_iter_next (&iter, NULL, &b))
      g_ptr_array_add (out, b);
  }
  g_ptr_array_sort (out, compare_buckets);
  return out;
}

GArray *
dca_analytics_curve (DcaStore         *store,
                     gint64            bot_id,
                     const char       *product_id,
                     const DcaPeriod  *period,
                     char            **quote_currency,
                     GError          **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (DcaCurvePoint));
  g_autofree char *quote = NULL;
  KeyAcc *a = key_acc_new ("curve");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);

  stmt = prepare (store, "SELECT " DEAL_COLUMNS " FROM deals d JOIN bots b ON b.id = d.bot_id "
                         "WHERE d.status = 'closed' AND d.closed_at >= ?1 AND d.closed_at < ?2 "
                         "AND (?3 = 0 OR d.bot_id = ?3) AND (?4 IS NULL OR d.product_id = ?4) "
                         "ORDER BY d.closed_at, d.id", error);
  if (stmt == NULL)
    {
      key_acc_free (a);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, period ? period->from : 0);
  sqlite3_bind_int64 (stmt, 2, period && period->to > 0 ? period->to : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 3, bot_id);
  if (product_id != NULL)
    sqlite3_bind_text (stmt, 4, product_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DcaAnalyticsDeal d;
      DcaDecimal reserve, denom;
      DcaCurvePoint p = { 0 };

      read_deal (stmt, &d, &reserve);
      if (quote == NULL)
        quote = g_strdup (d.quote_currency);
      else if (strcmp (quote, d.quote_currency) != 0)
        continue; /* amounts of another currency do not add up */
      key_acc_add (a, &d, bot_id > 0 ? reserve : dca_decimal_zero ());
      p.time = d.closed_at;
      p.deal_id = sqlite3_column_int64 (stmt, 0);
      p.profit = d.profit;
      p.profit_pct = d.profit_percentage;
      p.cumulative = a->cum;
      p.drawdown = dca_decimal_sub (a->peak, a->cum);
      denom = dca_decimal_add (a->capital, a->peak);
      p.drawdown_pct = dca_decimal_sign (denom) > 0
                       ? dca_decimal_to_double (p.drawdown) / dca_decimal_to_double (denom) * 100 : 0;
      g_array_append_val (points, p);
    }
  sqlite3_finalize (stmt);
  key_acc_free (a);
  if (rc != SQLITE_DONE)
    {
      dca_store_fail (store, error, rc, "Could not read the closed deals");
      return NULL;
    }
  if (quote_currency != NULL)
    *quote_currency = g_steal_pointer (&quote);
  return g_steal_pointer (&points);
}

GArray *
dca_analytics_profit_histogram (DcaStore         *store,
                                gint64            bot_id,
                                const DcaPeriod  *period,
                                guint             n_bins,
                                GError          **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *bins;
  sqlite3_stmt *stmt;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, width;
  int rc;

  g_return_val_if_fail (DCA_IS_STORE (store), NULL);
  g_return_val_if_fail (n_bins > 0, NULL);

  stmt = prepare (store, "SELECT profit_percentage FROM deals WHERE status = 'closed' AND closed_at >= ?1 "
                         "AND closed_at < ?2 AND (?3 = 0 OR bot_id = ?3) AND profit_percentage IS NOT NULL",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, period ? period->from : 0);
  sqlite3_bind_int64 (stmt, 2, period && period->to > 0 ? period->to : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 3, bot_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double v = dca_decimal_to_double (column_decimal (stmt, 0));

      g_array_append_val (values, v);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (!finish_read (store, stmt, rc, "Could not read the closed deals", error))
    return NULL;
  bins = g_array_sized_new (FALSE, TRUE, sizeof (DcaHistogramBin), n_bins);
  if (values->len == 0)
    return bins;
  if (hi <= lo)
    hi = lo + 1;  /* all alike: one unit wide */
  width = (hi - lo) / n_bins;
  for (guint i = 0; i < n_bins; i++)
    {
      DcaHistogramBin b = { lo + i * width, i + 1 == n_bins ? hi : lo + (i + 1) * width, 0 };

      g_array_append_val (bins, b);
    }
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      guint k = (guint) MIN ((v - lo) / width, n_bins - 1);

      g_array_index (bins, DcaHistogramBin, k).count++;
    }
  return bins;
}
