/* dca-analytics-item.c: one row of the Analytics page's tables */
#define G_LOG_DOMAIN "dca-analytics-item"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-analytics-item.h"

struct _DcaAnalyticsItem
{
  GObject          parent_instance;

  DcaAnalyticsRow *row;
};

G_DEFINE_FINAL_TYPE (DcaAnalyticsItem, dca_analytics_item, G_TYPE_OBJECT)

DcaAnalyticsItem *
dca_analytics_item_new (DcaAnalyticsRow *row)
{
  DcaAnalyticsItem *self;

  g_return_val_if_fail (row != NULL, NULL);
  self = g_object_new (DCA_TYPE_ANALYTICS_ITEM, NULL);
  self->row = row;
  return self;
}

const DcaAnalyticsRow *
dca_analytics_item_get_row (DcaAnalyticsItem *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_ITEM (self), NULL);
  return self->row;
}

const char *
dca_analytics_column_title (DcaAnalyticsColumn column)
{
  switch (column)
    {
    case DCA_ANALYTICS_COLUMN_BOT: return _("Bot");
    case DCA_ANALYTICS_COLUMN_PAIR: return _("Pair");
    /* Translators: the quote currency the amounts are in */
    case DCA_ANALYTICS_COLUMN_QUOTE: return _("Quote");
    case DCA_ANALYTICS_COLUMN_DEALS: return _("Deals");
    case DCA_ANALYTICS_COLUMN_WIN_RATE: return _("Win rate");
    case DCA_ANALYTICS_COLUMN_TOTAL_PROFIT: return _("Total profit");
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT: return _("Avg. profit");
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT_PCT: return _("Avg. profit %");
    case DCA_ANALYTICS_COLUMN_AVG_DURATION: return _("Avg. duration");
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN: return _("Max. drawdown");
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN_PCT: return _("Max. drawdown %");
    case DCA_ANALYTICS_COLUMN_SHARPE: return _("Sharpe");
    case DCA_ANALYTICS_COLUMN_SORTINO: return _("Sortino");
    case DCA_ANALYTICS_COLUMN_PROFIT_FACTOR: return _("Profit factor");
    case DCA_ANALYTICS_COLUMN_FEES: return _("Fees");
    case DCA_ANALYTICS_COLUMN_ROI: return _("ROI");
    case DCA_N_ANALYTICS_COLUMNS:
    default: return "";
    }
}

char *
dca_analytics_format_duration (double seconds)
{
  guint64 s = seconds > 0 ? (guint64) (seconds + 0.5) : 0;
  guint days = (guint) (s / 86400), hours = (guint) (s % 86400 / 3600), minutes = (guint) (s % 3600 / 60);

  if (days > 0)
    /* Translators: days and hours */
    return g_strdup_printf (_("%u d %u h"), days, hours);
  if (hours > 0)
    /* Translators: hours and minutes */
    return g_strdup_printf (_("%u h %u min"), hours, minutes);
  /* Translators: minutes */
  return g_strdup_printf (_("%u min"), minutes);
}

/* "12.35", or with a percent sign "12.35 %" */
static char *
ratio (gboolean has,
       double   value,
       int      places,
       gboolean percent)
{
  if (!has)
    return g_strdup ("—");
  return g_strdup_printf ("%.*f%s", places, value, percent ? " %" : "");
}

char *
dca_analytics_item_format (DcaAnalyticsItem   *self,
                           DcaAnalyticsColumn  column)
{
  const DcaAnalyticsRow *r;

  g_return_val_if_fail (DCA_IS_ANALYTICS_ITEM (self), NULL);
  r = self->row;
  switch (column)
    {
    case DCA_ANALYTICS_COLUMN_BOT: return g_strdup (r->bot_name ? r->bot_name : "");
    case DCA_ANALYTICS_COLUMN_PAIR: return g_strdup (r->product_id ? r->product_id : "");
    case DCA_ANALYTICS_COLUMN_QUOTE: return g_strdup (r->quote_currency ? r->quote_currency : "");
    case DCA_ANALYTICS_COLUMN_DEALS: return g_strdup_printf ("%u", r->deals);
    case DCA_ANALYTICS_COLUMN_WIN_RATE: return ratio (r->has_win_rate, r->win_rate, 1, TRUE);
    case DCA_ANALYTICS_COLUMN_TOTAL_PROFIT: return dca_decimal_to_string_places (r->total_profit, 8);
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT: return dca_decimal_to_string_places (r->avg_profit, 8);
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT_PCT: return ratio (r->deals > 0, r->avg_profit_pct, 2, TRUE);
    case DCA_ANALYTICS_COLUMN_AVG_DURATION:
      return r->deals > 0 ? dca_analytics_format_duration (r->avg_duration_s) : g_strdup ("—");
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN: return dca_decimal_to_string_places (r->max_drawdown, 8);
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN_PCT:
      return ratio (r->has_max_drawdown_pct, r->max_drawdown_pct, 2, TRUE);
    case DCA_ANALYTICS_COLUMN_SHARPE: return ratio (r->has_sharpe, r->sharpe, 2, FALSE);
    case DCA_ANALYTICS_COLUMN_SORTINO: return ratio (r->has_sortino, r->sortino, 2, FALSE);
    case DCA_ANALYTICS_COLUMN_PROFIT_FACTOR: return ratio (r->has_profit_factor, r->profit_factor, 2, FALSE);
    case DCA_ANALYTICS_COLUMN_FEES: return dca_decimal_to_string_places (r->fees, 8);
    case DCA_ANALYTICS_COLUMN_ROI: return ratio (r->has_roi, r->roi_pct, 2, TRUE);
    case DCA_N_ANALYTICS_COLUMNS:
    default: return g_strdup ("");
    }
}

static int
cmp_double (gboolean has_a,
            double   a,
            gboolean has_b,
            double   b)
{
  if (!has_a || !has_b)
    return has_a - has_b;
  return a < b ? -1 : a > b;
}

int
dca_analytics_item_compare (DcaAnalyticsItem   *a,
                            DcaAnalyticsItem   *b,
                            DcaAnalyticsColumn  column)
{
  const DcaAnalyticsRow *x, *y;
  int c;

  g_return_val_if_fail (DCA_IS_ANALYTICS_ITEM (a) && DCA_IS_ANALYTICS_ITEM (b), 0);
  x = a->row;
  y = b->row;
  switch (column)
    {
    case DCA_ANALYTICS_COLUMN_BOT:
      {
        g_autofree char *ka = g_utf8_casefold (x->bot_name ? x->bot_name : "", -1);
        g_autofree char *kb = g_utf8_casefold (y->bot_name ? y->bot_name : "", -1);

        return g_utf8_collate (ka, kb);
      }
    case DCA_ANALYTICS_COLUMN_PAIR: return g_strcmp0 (x->product_id, y->product_id);
    case DCA_ANALYTICS_COLUMN_QUOTE: return g_strcmp0 (x->quote_currency, y->quote_currency);
    case DCA_ANALYTICS_COLUMN_DEALS: return x->deals < y->deals ? -1 : x->deals > y->deals;
    case DCA_ANALYTICS_COLUMN_WIN_RATE: return cmp_double (x->has_win_rate, x->win_rate, y->has_win_rate, y->win_rate);
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT_PCT:
      return cmp_double (x->deals > 0, x->avg_profit_pct, y->deals > 0, y->avg_profit_pct);
    case DCA_ANALYTICS_COLUMN_AVG_DURATION:
      return cmp_double (x->deals > 0, x->avg_duration_s, y->deals > 0, y->avg_duration_s);
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN_PCT:
      return cmp_double (x->has_max_drawdown_pct, x->max_drawdown_pct, y->has_max_drawdown_pct, y->max_drawdown_pct);
    case DCA_ANALYTICS_COLUMN_SHARPE: return cmp_double (x->has_sharpe, x->sharpe, y->has_sharpe, y->sharpe);
    case DCA_ANALYTICS_COLUMN_SORTINO: return cmp_double (x->has_sortino, x->sortino, y->has_sortino, y->sortino);
    case DCA_ANALYTICS_COLUMN_PROFIT_FACTOR:
      return cmp_double (x->has_profit_factor, x->profit_factor, y->has_profit_factor, y->profit_factor);
    case DCA_ANALYTICS_COLUMN_ROI: return cmp_double (x->has_roi, x->roi_pct, y->has_roi, y->roi_pct);
    case DCA_ANALYTICS_COLUMN_TOTAL_PROFIT:
    case DCA_ANALYTICS_COLUMN_AVG_PROFIT:
    case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN:
    case DCA_ANALYTICS_COLUMN_FEES:
      /* amounts in different quote currencies do not compare: by currency first */
      c = g_strcmp0 (x->quote_currency, y->quote_currency);
      if (c != 0)
        return c;
      switch (column)
        {
        case DCA_ANALYTICS_COLUMN_TOTAL_PROFIT: return dca_decimal_cmp (x->total_profit, y->total_profit);
        case DCA_ANALYTICS_COLUMN_AVG_PROFIT: return dca_decimal_cmp (x->avg_profit, y->avg_profit);
        case DCA_ANALYTICS_COLUMN_MAX_DRAWDOWN: return dca_decimal_cmp (x->max_drawdown, y->max_drawdown);
        default: return dca_decimal_cmp (x->fees, y->fees);
        }
    case DCA_N_ANALYTICS_COLUMNS:
    default:
      return 0;
    }
}

static void
dca_analytics_item_finalize (GObject *object)
{
  DcaAnalyticsItem *self = DCA_ANALYTICS_ITEM (object);

  g_clear_pointer (&self->row, dca_analytics_row_free);
  G_OBJECT_CLASS (dca_analytics_item_parent_class)->finalize (object);
}

static void
dca_analytics_item_class_init (DcaAnalyticsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_analytics_item_finalize;
}

static void
dca_analytics_item_init (DcaAnalyticsItem *self)
{
}
