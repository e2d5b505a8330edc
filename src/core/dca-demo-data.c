/* dca-demo-data.c: a store full of realistic closed deals */
#define G_LOG_DOMAIN "dca-demo-data"

#include "config.h"

#include <string.h>

#include "dca-bot.h"
#include "dca-candles.h"
#include "dca-demo-data.h"
#include "dca-engine.h"
#include "dca-strategy.h"

#define MAX_HOLD (3 * 86400)

typedef struct
{
  char            *product_id;
  DcaCandleSeries *series;   /* borrowed from the loaded ones */
} DemoPair;

static DcaDecimal
from_double (double v,
             guint  places)
{
  DcaDecimal d = dca_decimal_zero ();

  dca_decimal_from_double (v, &d, NULL);
  return dca_decimal_round_places (d, places, DCA_ROUND_HALF_EVEN);
}

gint64
dca_demo_data_generate (DcaStore    *store,
                        const char  *replay_dir,
                        guint        n_deals,
                        guint        n_bots,
                        guint        n_pairs,
                        guint32      seed,
                        GError     **error)
{
  g_autofree char *dir = replay_dir ? g_strdup (replay_dir) : dca_engine_default_replay_dir ();
  g_autoptr(GPtrArray) recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_candle_series_free);
  g_autoptr(GPtrArray) recorded_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (DemoPair));
  g_autoptr(GArray) bot_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bot_pairs = g_array_new (FALSE, FALSE, sizeof (guint)); /* first pair of each bot */
  g_autoptr(GPtrArray) templates = dca_builtin_templates ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDir) d = NULL;
  const char *name;
  gint64 made = 0;
  gint64 span_start, end;
  DcaDecimal fee_rate;

  g_return_val_if_fail (DCA_IS_STORE (store), -1);

  if (n_bots == 0 || n_pairs == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Demo data needs at least one bot and one pair");
      return -1;
    }
  /* the recorded 5-minute candles */
  if ((d = g_dir_open (dir, 0, error)) == NULL)
    return -1;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, "-5m.csv"))
      g_ptr_array_add (recorded_names, g_strndup (name, strlen (name) - strlen ("-5m.csv")));
  g_ptr_array_sort (recorded_names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < recorded_names->len; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-5m.csv", (char *) recorded_names->pdata[i]);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      DcaCandleSeries *series = dca_candle_series_load_csv (path, error);

      if (series == NULL)
        return -1;
      g_ptr_array_add (recorded, series);
    }
  if (recorded->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "“%s” has no 5-minute candles (PAIR-5m.csv)", dir);
      return -1;
    }
  for (guint i = 0; i < n_pairs; i++)
    {
      DemoPair p = { 0 };

      p.series = recorded->pdata[i % recorded->len];
      p.product_id = i < recorded->len ? g_strdup (recorded_names->pdata[i])
                                       : g_strdup_printf ("DEMO%u-BTC", i + 1);
      g_array_append_val (pairs, p);
    }

  if (!dca_store_begin (store, error))
    return -1;
  dca_store_begin_bulk_load (store);

  /* the bots: the built-in templates in turn, a few pairs each */
  for (guint b = 0; b < n_bots; b++)
    {
      DcaTemplate *tmpl = templates->pdata[b % templates->len];
      guint first = (b * 3) % n_pairs;
      guint n = MIN (3, n_pairs);
      g_autofree char *bot_name = g_strdup_printf ("Demo %s %u", tmpl->name, b + 1);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(DcaBotRecord) record = NULL;
      DcaBotConfig bot = { 0 };
      gint64 id;

      for (guint k = 0; k < n; k++)
        g_ptr_array_add (ids, g_array_index (pairs, DemoPair, (first + k) % n_pairs).product_id);
      g_ptr_array_add (ids, NULL);
      bot.name = bot_name;
      bot.description = tmpl->description;
      bot.strategy_type = tmpl->config->type;
      bot.product_ids = (char **) ids->pdata;
      bot.quote_currency = (char *) "BTC";
      bot.check_interval_seconds = 300;
      bot.config = tmpl->config;
      record = dca_bot_record_from_config (&bot);
      record->running = FALSE;
      if ((id = dca_store_insert_bot (store, record, error)) <= 0)
        goto fail;
      g_array_append_val (bot_ids, id);
      g_array_append_val (bot_pairs, first);
    }

  /* realistic density: about 1,500 closes a day (50 bots), over at least
   * the recorded span and at most two years, ending now */
  {
    const DcaCandleSeries *first = g_ptr_array_index (recorded, 0);
    gint64 recorded_span = first->candles[first->len - 1].time - first->candles[0].time;
    gint64 span = CLAMP ((gint64) n_deals * 86400 / 1500, recorded_span, 730 * (gint64) 86400);

    end = g_get_real_time () / G_USEC_PER_SEC - MAX_HOLD;
    span_start = end - span;
  }
  dca_decimal_parse ("0.006", &fee_rate, NULL);
  for (guint i = 0; i < n_deals; i++)
    {
      guint b = g_rand_int_range (rand, 0, n_bots);
      guint k = g_rand_int_range (rand, 0, MIN (3, n_pairs));
      DemoPair *p = &g_array_index (pairs, DemoPair, (g_array_index (bot_pairs, guint, b) + k) % n_pairs);
      const DcaCandleSeries *s = p->series;
      gsize at = g_rand_int_range (rand, 0, (gint32) MAX (s->len - 2, 1));
      double entry = s->candles[at].close;
      double tp = 1 + g_rand_double_range (rand, 0.01, 0.03);
      double sl = 1 - g_rand_double_range (rand, 0.04, 0.12);
      double spent_quote = g_rand_double_range (rand, 0.002, 0.05);
      guint sos = g_rand_int_range (rand, 0, 4);
      double avg = entry * (1 - 0.01 * sos);  /* safety orders lower the average */
      double exit = 0;
      DcaCloseReason reason = DCA_CLOSE_REASON_MANUAL;
      gsize j;
      g_autoptr(DcaDealRecord) deal = dca_deal_record_new ();
      DcaDecimal spent, bought, received, fees_in, fees_out;

      /* walk the candles to the take profit, the stop loss or three days */
      for (j = at + 1; j < s->len && s->candles[j].time - s->candles[at].time < MAX_HOLD; j++)
        {
          if (s->candles[j].high >= avg * tp)
            {
              exit = avg * tp;
              reason = DCA_CLOSE_REASON_TAKE_PROFIT;
              break;
            }
          if (s->candles[j].low <= avg * sl)
            {
              exit = avg * sl;
              reason = DCA_CLOSE_REASON_STOP_LOSS;
              break;
            }
        }
      if (j >= s->len)
        j = s->len - 1;
      if (exit == 0)
        exit = s->candles[j].close;

      spent = from_double (spent_quote, 8);
      fees_in = dca_decimal_round_places (dca_decimal_mul (spent, fee_rate, DCA_ROUND_HALF_EVEN), 10,
                                          DCA_ROUND_HALF_EVEN);
      bought = from_double ((spent_quote - dca_decimal_to_double (fees_in)) / avg, 8);
      received = from_double (dca_decimal_to_double (bought) * exit, 8);
      fees_out = dca_decimal_round_places (dca_decimal_mul (received, fee_rate, DCA_ROUND_HALF_EVEN), 10,
                                           DCA_ROUND_HALF_EVEN);

      deal->bot_id = g_array_index (bot_ids, gint64, b);
      deal->product_id = g_strdup (p->product_id);
      deal->state.status = DCA_DEAL_STATUS_CLOSED;
      /* the deal lives at a time spread over the span, its prices those of
       * the recorded candles it walked */
      {
        gint64 when = span_start + (gint64) (g_rand_double (rand) * (double) (end - span_start));
        gint64 shift = when - s->candles[at].time;

        deal->state.opened_at = s->candles[at].time + shift;
        deal->state.closed_at = MAX (s->candles[j].time, s->candles[at].time + 300) + shift;
      }
      deal->state.close_reason = reason;
      deal->state.quote_spent = spent;
      deal->state.base_bought = bought;
      deal->state.base_sold = bought;
      deal->state.quote_received = dca_decimal_sub (received, fees_out);
      deal->state.fees = dca_decimal_add (fees_in, fees_out);
      deal->state.base_price = from_double (entry, 8);
      deal->state.base_order_quote = spent;
      deal->state.base_order_base = bought;
      deal->state.capital_at_open = from_double (1.0 + g_rand_double_range (rand, -0.2, 0.2), 8);
      deal->state.safety_orders = sos;
      deal->state.last_buy_at = deal->state.opened_at;
      if (dca_store_insert_deal (store, deal, error) <= 0)
        goto fail;
      made++;
    }
  if (!dca_store_end_bulk_load (store, error))
    {
      dca_store_rollback (store);
      goto fail_rolled;
    }
  if (!dca_store_commit (store, error))
    goto fail_rolled;
  for (guint i = 0; i < pairs->len; i++)
    g_free (g_array_index (pairs, DemoPair, i).product_id);
  return made;

fail:
  dca_store_end_bulk_load (store, NULL);
  dca_store_rollback (store);
fail_rolled:
  for (guint i = 0; i < pairs->len; i++)
    g_free (g_array_index (pairs, DemoPair, i).product_id);
  return -1;
}
