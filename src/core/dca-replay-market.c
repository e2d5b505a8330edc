/* dca-replay-market.c: recorded candles played back on a simulated clock */
#define G_LOG_DOMAIN "dca-replay"

#include "config.h"

#include <string.h>

#include "dca-product.h"
#include "dca-replay-market.h"

#define N_TF (DCA_TIMEFRAME_ONE_DAY + 1)

typedef struct
{
  DcaCandleSeries *by_tf[N_TF];
} Product;

struct _DcaReplayMarket
{
  GObject     parent_instance;

  char       *dir;
  GHashTable *products;   /* id -> Product */
  GStrv       ids;        /* sorted */
  gint64      start;
  gint64      end;
  gint64      now;
};

G_DEFINE_FINAL_TYPE (DcaReplayMarket, dca_replay_market, G_TYPE_OBJECT)
G_DEFINE_QUARK (dca-replay-market-error-quark, dca_replay_market_error)

static void
product_free (Product *p)
{
  for (guint i = 0; i < N_TF; i++)
    g_clear_pointer (&p->by_tf[i], dca_candle_series_free);
  g_free (p);
}

/* "ETH-BTC-5m.csv" -> "ETH-BTC", 5m; FALSE for other names. */
static gboolean
parse_name (const char    *name,
            char         **product_id,
            DcaTimeframe  *tf)
{
  g_autofree char *stem = NULL;
  const char *dash;

  if (!g_str_has_suffix (name, ".csv"))
    return FALSE;
  stem = g_strndup (name, strlen (name) - 4);
  dash = strrchr (stem, '-');
  if (dash == NULL)
    return FALSE;
  for (DcaTimeframe t = DCA_TIMEFRAME_ONE_MINUTE; t < N_TF; t++)
    if (strcmp (dash + 1, dca_timeframe_short_name (t)) == 0)
      {
        g_autofree char *id = g_strndup (stem, dash - stem);

        if (!dca_product_id_is_valid (id))
          return FALSE;
        *product_id = g_steal_pointer (&id);
        *tf = t;
        return TRUE;
      }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

DcaReplayMarket *
dca_replay_market_new (const char *dir,
                       GError    **error)
{
  g_autoptr(DcaReplayMarket) self = g_object_new (DCA_TYPE_REPLAY_MARKET, NULL);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  const char *name;

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      g_set_error (error, DCA_REPLAY_MARKET_ERROR, DCA_REPLAY_MARKET_ERROR_NO_DATA,
                   "replay market: %s", local_error->message);
      return NULL;
    }
  self->dir = g_strdup (dir);
  self->start = G_MAXINT64;
  self->end = G_MININT64;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      DcaTimeframe tf;
      DcaCandleSeries *series;
      Product *p;
      gint64 gran;

      if (!parse_name (name, &id, &tf))
        continue;
      path = g_build_filename (dir, name, NULL);
      series = dca_candle_series_load_csv (path, &local_error);
      if (series == NULL)
        {
          g_set_error (error, DCA_REPLAY_MARKET_ERROR, DCA_REPLAY_MARKET_ERROR_FILE,
                       "replay market: %s", local_error->message);
          return NULL;
        }
      if (series->len == 0)
        {
          dca_candle_series_free (series);
          continue;
        }
      gran = dca_timeframe_seconds (tf);
      series->granularity = gran;
      p = g_hash_table_lookup (self->products, id);
      if (p == NULL)
        {
          p = g_new0 (Product, 1);
          g_hash_table_insert (self->products, g_strdup (id), p);
        }
      g_clear_pointer (&p->by_tf[tf], dca_candle_series_free);
      p->by_tf[tf] = series;
      self->start = MIN (self->start, series->candles[0].time + gran);
      self->end = MAX (self->end, series->candles[series->len - 1].time + gran);
    }

  if (g_hash_table_size (self->products) == 0)
    {
      g_set_error (error, DCA_REPLAY_MARKET_ERROR, DCA_REPLAY_MARKET_ERROR_NO_DATA,
                   "replay market: no candle files (PAIR-GRANULARITY.csv, e.g. ETH-BTC-5m.csv) in %s",
                   dir);
      return NULL;
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->products);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (ids, g_strdup (key));
    g_ptr_array_sort (ids, compare_strings);
    g_ptr_array_add (ids, NULL);
    self->ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  }
  self->now = self->start;
  return g_steal_pointer (&self);
}

const char *
dca_replay_market_get_dir (DcaReplayMarket *self)
{
  return self->dir;
}

const char * const *
dca_replay_market_list_products (DcaReplayMarket *self)
{
  return (const char * const *) self->ids;
}

gboolean
dca_replay_market_has_product (DcaReplayMarket *self,
                               const char      *product_id)
{
  return g_hash_table_contains (self->products, product_id);
}

const DcaCandleSeries *
dca_replay_market_get_series (DcaReplayMarket *self,
                              const char      *product_id,
                              DcaTimeframe     tf)
{
  Product *p = g_hash_table_lookup (self->products, product_id);

  if (p == NULL || tf <= DCA_TIMEFRAME_INVALID || tf >= N_TF)
    return NULL;
  return p->by_tf[tf];
}

gint64
dca_replay_market_get_start_time (DcaReplayMarket *self)
{
  return self->start;
}

gint64
dca_replay_market_get_end_time (DcaReplayMarket *self)
{
  return self->end;
}

gint64
dca_replay_market_get_time (DcaReplayMarket *self)
{
  return self->now;
}

void
dca_replay_market_set_time (DcaReplayMarket *self,
                            gint64           time)
{
  self->now = MIN (time, self->end);
}

/* The index of the first candle whose open time is >= t. */
static gsize
lower_bound (const DcaCandleSeries *s,
             gint64                 t)
{
  gsize lo = 0, hi = s->len;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (s->candles[mid].time < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gint64
dca_replay_market_next_event (DcaReplayMarket *self,
                              gint64           after)
{
  GHashTableIter iter;
  gpointer value;
  gint64 next = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->products);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Product *p = value;

      for (guint tf = 0; tf < N_TF; tf++)
        {
          const DcaCandleSeries *s = p->by_tf[tf];
          gsize i;

          if (s == NULL)
            continue;
          /* the first candle closing after `after`: open time > after - gran */
          i = lower_bound (s, after - s->granularity + 1);
          if (i < s->len)
            next = MIN (next, s->candles[i].time + s->granularity);
        }
    }
  return next;
}

DcaCandleSeries *
dca_replay_market_get_candles (DcaReplayMarket *self,
                               const char      *product_id,
                               DcaTimeframe     tf,
                               gint64           start,
                               gint64           end)
{
  const DcaCandleSeries *s = dca_replay_market_get_series (self, product_id, tf);
  DcaCandleSeries *out = dca_candle_series_new ();
  gint64 last_open;

  out->granularity = dca_timeframe_seconds (tf);
  if (s == NULL)
    return out;
  /* closed by now: open time <= now - granularity */
  last_open = MIN (end - 1, self->now - s->granularity);
  for (gsize i = lower_bound (s, start); i < s->len && s->candles[i].time <= last_open; i++)
    dca_candle_series_append (out, &s->candles[i]);
  out->granularity = s->granularity;
  return out;
}

/* The last candle of s closed by now, or NULL. */
static const DcaCandle *
last_closed (const DcaCandleSeries *s,
             gint64                 now)
{
  gsize i = lower_bound (s, now - s->granularity + 1);

  return i > 0 ? &s->candles[i - 1] : NULL;
}

gboolean
dca_replay_market_get_price (DcaReplayMarket *self,
                             const char      *product_id,
                             DcaDecimal      *price,
                             gint64          *time)
{
  Product *p = g_hash_table_lookup (self->products, product_id);
  gint64 best = G_MININT64;

  if (p == NULL)
    return FALSE;
  for (guint tf = 0; tf < N_TF; tf++)
    {
      const DcaCandleSeries *s = p->by_tf[tf];
      const DcaCandle *c;

      if (s == NULL || (c = last_closed (s, self->now)) == NULL)
        continue;
      if (c->time + s->granularity > best)
        {
          best = c->time + s->granularity;
          *price = c->close_exact;
        }
    }
  if (best == G_MININT64)
    return FALSE;
  if (time != NULL)
    *time = best;
  return TRUE;
}

const DcaCandle *
dca_replay_market_closed_since (DcaReplayMarket *self,
                                const char      *product_id,
                                gint64           after,
                                gsize           *n)
{
  Product *p = g_hash_table_lookup (self->products, product_id);

  *n = 0;
  if (p == NULL)
    return NULL;
  for (guint tf = 0; tf < N_TF; tf++)
    {
      const DcaCandleSeries *s = p->by_tf[tf];
      gsize from, to;

      if (s == NULL)
        continue;
      from = lower_bound (s, after - s->granularity + 1);
      to = lower_bound (s, self->now - s->granularity + 1);
      if (to <= from)
        return NULL;
      *n = to - from;
      return &s->candles[from];
    }
  return NULL;
}

static void
dca_replay_market_finalize (GObject *object)
{
  DcaReplayMarket *self = DCA_REPLAY_MARKET (object);

  g_free (self->dir);
  g_hash_table_unref (self->products);
  g_strfreev (self->ids);
  G_OBJECT_CLASS (dca_replay_market_parent_class)->finalize (object);
}

static void
dca_replay_market_class_init (DcaReplayMarketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_replay_market_finalize;
}

static void
dca_replay_market_init (DcaReplayMarket *self)
{
  self->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) product_free);
}
