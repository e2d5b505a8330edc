/* dca-analytics.h: performance figures of shared/spec/analytics.md
 *
 * Per bot, per pair and per bot and pair: deals, wins, losses, win rate,
 * total and average profit, average profit %, average duration, max
 * drawdown (amount and %), Sharpe, Sortino, profit factor, expectancy, fees
 * and ROI.  Amounts are exact decimals in the set's quote currency; ratios
 * are doubles.
 *
 * For all time the figures come from summaries the store keeps per scope
 * (bot, pair, bot and pair, quote currency) and UTC day, and a running
 * state per scope (cumulative profit, its peak, the max drawdown), both
 * updated in the same transaction as a deal's close: a refresh reads a few
 * rows per bot and day, never every deal.  A window (24 h, 7 d, 30 d, or a
 * custom range) reads the deals closed in it, off the closed_at index.
 * See docs/analytics.md.
 */
#pragma once

#include "dca-decimal.h"
#include "dca-store.h"

G_BEGIN_DECLS

typedef enum
{
  DCA_ANALYTICS_BOTS,      /* one row a bot */
  DCA_ANALYTICS_PAIRS,     /* one row a pair (and quote currency) */
  DCA_ANALYTICS_BOT_PAIRS, /* one row a bot and pair */
} DcaAnalyticsScope;

/* Deals closed in [from, to); from 0: since the first, to 0: until now. */
typedef struct
{
  gint64 from;
  gint64 to;
} DcaPeriod;

/* "24h", "7d", "30d", "all" ending at now */
gboolean dca_period_parse (const char *text,
                           gint64      now,
                           DcaPeriod  *period);

/* One deal as the formulas see it. */
typedef struct
{
  gint64      bot_id;
  const char *product_id;
  const char *quote_currency;
  gint64      opened_at;
  gint64      closed_at;
  DcaDecimal  profit;
  double      profit_percentage;
  DcaDecimal  quote_spent;
  DcaDecimal  fees;
  DcaDecimal  capital_at_open;
  gboolean    has_usd_rate;    /* the quote currency's USD price at the close */
  DcaDecimal  usd_rate;
} DcaAnalyticsDeal;

typedef struct
{
  gint64      bot_id;          /* 0 in the pairs table */
  char       *bot_name;        /* NULL in the pairs table */
  char       *product_id;      /* NULL in the bots table */
  char       *quote_currency;
  guint       deals;
  guint       wins;
  guint       losses;
  gboolean    has_win_rate;
  double      win_rate;
  DcaDecimal  total_profit;
  DcaDecimal  avg_profit;
  double      avg_profit_pct;
  double      avg_duration_s;
  DcaDecimal  best;            /* the best and worst deal's profit */
  DcaDecimal  worst;
  DcaDecimal  max_drawdown;
  gboolean    has_max_drawdown_pct;
  double      max_drawdown_pct;
  gboolean    has_sharpe;
  double      sharpe;
  gboolean    has_sortino;
  double      sortino;
  gboolean    has_profit_factor;
  double      profit_factor;
  gboolean    has_expectancy;
  double      expectancy;
  DcaDecimal  fees;
  DcaDecimal  spent;
  gboolean    has_roi;
  double      roi_pct;
  DcaDecimal  capital;         /* C of the spec */
  guint       usd_deals;       /* deals with a USD price at their close */
  gboolean    has_total_profit_usd; /* every deal's USD price at its close known */
  DcaDecimal  total_profit_usd;
} DcaAnalyticsRow;

void             dca_analytics_row_free     (DcaAnalyticsRow        *row);

/* The formulas over one set of closed deals, ordered by closed_at (then
 * id); capital 0: the first deal's capital_at_open. */
DcaAnalyticsRow *dca_analytics_compute      (const DcaAnalyticsDeal *deals,
                                             guint                   n_deals,
                                             DcaDecimal              capital);

/* The table of a scope over a period, sorted by quote currency then total
 * profit, best first. */
GPtrArray       *dca_analytics_table        (DcaStore               *store,
                                             DcaAnalyticsScope       scope,
                                             const DcaPeriod        *period,
                                             GError                **error);

/* ---- series for charts ------------------------------------------------------- */

typedef enum
{
  DCA_BUCKET_DAY,    /* UTC days */
  DCA_BUCKET_WEEK,   /* ISO weeks, from Monday 00:00 UTC */
  DCA_BUCKET_MONTH,  /* calendar months, UTC */
} DcaBucket;

typedef struct
{
  gint64      start;           /* the bucket's first second */
  char       *quote_currency;
  DcaDecimal  profit;
  guint       deals;
} DcaProfitBucket;

void       dca_profit_bucket_free          (DcaProfitBucket  *bucket);

/* Profit of the deals closed in each bucket, per quote currency, oldest
 * first (buckets without closes left out); bot_id 0: every bot.  All time
 * reads the daily summaries. */
GPtrArray *dca_analytics_profit_buckets    (DcaStore         *store,
                                            gint64            bot_id,
                                            const DcaPeriod  *period,
                                            DcaBucket         bucket,
                                            GError          **error);

/* One point a close, in closed_at order: the cumulative profit P_k and
 * its drawdown from the running peak (amount and % of C + peak). */
typedef struct
{
  gint64     time;
  gint64     deal_id;
  DcaDecimal profit;           /* of this deal */
  double     profit_pct;
  DcaDecimal cumulative;
  DcaDecimal drawdown;
  double     drawdown_pct;
} DcaCurvePoint;

/* The deals of a bot (0: all) and pair (NULL: all) closed in the period;
 * they must share one quote currency: with several, the one of the first
 * close is kept and *quote_currency says which (may be NULL). */
GArray    *dca_analytics_curve             (DcaStore         *store,
                                            gint64            bot_id,
                                            const char       *product_id,
                                            const DcaPeriod  *period,
                                            char            **quote_currency,
                                            GError          **error);

typedef struct
{
  double from;                 /* profit %, [from, to); the last bin takes its end */
  double to;
  guint  count;
} DcaHistogramBin;

/* The deals' profit % in n_bins equal bins from the lowest to the highest. */
GArray    *dca_analytics_profit_histogram  (DcaStore         *store,
                                            gint64            bot_id,
                                            const DcaPeriod  *period,
                                            guint             n_bins,
                                            GError          **error);

/* ---- the dashboard's figures ------------------------------------------------ */

typedef struct
{
  char       *currency;
  DcaDecimal  profit;
  DcaDecimal  previous;        /* the period of the same length before */
  guint       deals;
  guint       usd_deals;       /* of them, with a USD price at the close */
  DcaDecimal  profit_usd;      /* their profit in USD: complete when usd_deals == deals */
} DcaStatsProfit;

typedef struct
{
  GPtrArray  *profit[4];       /* DcaStatsProfit: 24 h, 7 d, 30 d, all */
  guint       active_deals;
  guint       total_deals;     /* closed */
  gboolean    has_win_rate;
  double      win_rate;
  gint64      best_bot_id;     /* 0: none */
  char       *best_bot;
  gint64      worst_bot_id;
  char       *worst_bot;
  GPtrArray  *account_value;   /* DcaSnapshotRecord: the latest snapshot's */
} DcaStats;

/* period: the one best and worst bot are chosen over (NULL: all time) */
DcaStats        *dca_analytics_stats        (DcaStore               *store,
                                             gint64                  now,
                                             const DcaPeriod        *period,
                                             GError                **error);
void             dca_stats_free             (DcaStats               *stats);

/* ---- USD ----------------------------------------------------------------------- */

/* The latest USD price of a quote currency (e.g. BTC from BTC-USD), seen at
 * `time` (market time); a deal that closes within an hour of it keeps it.
 * USD and the dollar coins are 1 without being told. */
gboolean         dca_analytics_set_usd_rate (DcaStore               *store,
                                             const char             *currency,
                                             DcaDecimal              rate,
                                             gint64                  time,
                                             GError                **error);
gboolean         dca_analytics_currency_is_usd (const char          *currency);

/* ---- upkeep -------------------------------------------------------------------- */

/* Throws the summaries away and makes them again from the closed deals:
 * after a bulk load (demo data) or when a store first gets them. */
gboolean         dca_analytics_rebuild      (DcaStore               *store,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaAnalyticsRow, dca_analytics_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaStats, dca_stats_free)

G_END_DECLS
