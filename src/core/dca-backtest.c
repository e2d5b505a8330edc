/* dca-backtest.c: replays candles through the deal state machine
 *
 * Each candle is evaluated at its close, stamped with its close time (open
 * time + the file's granularity), with market fills at the close.  Pairs are
 * merged by close time; at equal times they go in the order of product_ids.
 */
#define G_LOG_DOMAIN "dca-backtest"

#include "config.h"

#include <string.h>

#include "dca-backtest.h"
#include "dca-conditions.h"
#include "dca-json.h"
#include "dca-product.h"

G_DEFINE_QUARK (dca-backtest-error-quark, dca_backtest_error)

typedef struct
{
  const char            *product_id;
  const DcaCandleSeries *series;
  gsize                  next;
  gint64                 granularity;
  DcaProduct            *product;

  DcaSignals            *signals;
  int                    handles[DCA_N_PHASES];

  gboolean               has_deal;
  DcaDeal                deal;
  DcaBacktestDeal       *record;
  double                 held;       /* base held, as a double for the equity curve */
  double                 last_close;
} PairRun;

typedef struct
{
  const DcaBotConfig     *bot;
  const DcaStrategyConfig *config;
  PairRun                *pairs;
  guint                   n_pairs;
  DcaDecimal              fee_rate;
  DcaDecimal              reserve;

  DcaDecimal              free_quote;
  double                  free_quote_d;
  DcaDecimal              spent_by_open;
  guint                   open_deals;

  DcaBacktestResult      *result;
} Run;

void
dca_backtest_options_init (DcaBacktestOptions *options)
{
  memset (options, 0, sizeof *options);
  options->start_balance = dca_decimal_from_int (1);
  options->fee_rate = dca_decimal_from_units (6, 3);
}

static void
backtest_deal_free (DcaBacktestDeal *deal)
{
  g_free (deal->product_id);
  g_array_unref (deal->fills);
  g_free (deal);
}

void
dca_backtest_result_free (DcaBacktestResult *result)
{
  if (result == NULL)
    return;
  g_free (result->bot_name);
  g_free (result->quote_currency);
  g_clear_pointer (&result->deals, g_ptr_array_unref);
  g_clear_pointer (&result->equity, g_array_unref);
  g_free (result);
}

static gboolean
pair_conditions (gpointer          user_data,
                 DcaConditionPhase phase)
{
  PairRun *pr = user_data;

  return dca_signals_eval (pr->signals, pr->handles[phase]);
}

static void
set_free_quote (Run        *run,
                DcaDecimal  value)
{
  run->free_quote = value;
  run->free_quote_d = dca_decimal_to_double (value);
}

static DcaDecimal
available_quote (Run *run)
{
  return dca_bot_available_quote (run->free_quote, run->reserve, run->spent_by_open);
}

static void
record_fill (PairRun       *pr,
             const DcaFill *fill)
{
  g_array_append_val (pr->record->fills, *fill);
}

static void
close_deal (Run            *run,
            PairRun        *pr,
            DcaCloseReason  reason,
            DcaDecimal      price,
            gint64          time)
{
  DcaFill fill;
  DcaDealState *s = &pr->deal.state;

  if (!dca_simulate_market_sell (dca_deal_state_base_held (s), price, run->fee_rate, pr->product,
                                 time, DCA_ORDER_KIND_EXIT, &fill))
    return; /* nothing sellable: cannot happen for a deal that bought */

  dca_deal_apply_fill (&pr->deal, &fill, 0);
  dca_deal_close (&pr->deal, reason, time);
  record_fill (pr, &fill);
  pr->record->state = *s;

  set_free_quote (run, dca_decimal_add (run->free_quote, fill.quote));
  run->spent_by_open = dca_decimal_sub (run->spent_by_open, s->quote_spent);
  run->open_deals--;
  pr->has_deal = FALSE;
  pr->held = 0;
}

static gboolean
buy (Run         *run,
     PairRun     *pr,
     DcaDecimal   quote,
     DcaDecimal   price,
     gint64       time,
     DcaOrderKind kind,
     guint        so_index)
{
  DcaFill fill;

  if (!dca_simulate_market_buy (quote, price, run->fee_rate, pr->product, time, kind, &fill))
    return FALSE;
  dca_deal_apply_fill (&pr->deal, &fill, so_index);
  record_fill (pr, &fill);
  pr->record->state = pr->deal.state;
  set_free_quote (run, dca_decimal_sub (run->free_quote, fill.quote));
  run->spent_by_open = dca_decimal_add (run->spent_by_open, fill.quote);
  pr->held = dca_decimal_to_double (dca_deal_state_base_held (&pr->deal.state));
  return TRUE;
}

static void
process_candle (Run             *run,
                PairRun         *pr,
                const DcaCandle *candle,
                gint64           time)
{
  const DcaStrategyConfig *config = run->config;
  DcaDecimal price = candle->close_exact;
  gboolean closed_now = FALSE;

  if (pr->signals != NULL)
    dca_signals_push_base (pr->signals, candle);
  pr->last_close = candle->close;

  if (pr->has_deal)
    {
      DcaDealInput in;
      DcaDealDecision decision;

      in.time = time;
      in.price = price;
      in.running = TRUE;
      in.available = available_quote (run);
      in.quote_increment = pr->product->quote_increment;
      in.conditions = pair_conditions;
      in.conditions_data = pr;
      dca_deal_evaluate (&pr->deal, config, &in, &decision);

      if (decision.exit != DCA_CLOSE_REASON_NONE)
        {
          close_deal (run, pr, decision.exit, price, time);
          closed_now = TRUE;
        }
      else
        {
          for (guint i = 0; i < decision.n_safety; i++)
            if (!buy (run, pr, decision.safety_quote[i], price, time, DCA_ORDER_KIND_SAFETY,
                      decision.first_safety + i))
              break;
          if (decision.state_changed)
            pr->record->state = pr->deal.state;
        }
    }

  if (!pr->has_deal && !closed_now)
    {
      DcaOpenInput in;
      DcaDecimal quote;
      DcaDealNote note;
      DcaDecimal available = available_quote (run);

      in.running = TRUE;
      in.open_deals = run->open_deals;
      in.n_pairs = run->n_pairs;
      in.split_budget = run->bot->split_budget;
      in.available = available;
      in.quote_increment = pr->product->quote_increment;
      in.conditions = pair_conditions;
      in.conditions_data = pr;

      if (dca_deal_plan_open (config, &in, &quote, &note))
        {
          DcaBacktestDeal *record = g_new0 (DcaBacktestDeal, 1);

          record->product_id = g_strdup (pr->product_id);
          record->fills = g_array_new (FALSE, FALSE, sizeof (DcaFill));
          pr->record = record;
          dca_deal_begin (&pr->deal, time, available);
          if (buy (run, pr, quote, price, time, DCA_ORDER_KIND_BASE, 0))
            {
              pr->has_deal = TRUE;
              run->open_deals++;
              g_ptr_array_add (run->result->deals, record);
            }
          else
            {
              backtest_deal_free (record);
              pr->record = NULL;
            }
        }
    }
}

static double
equity (Run *run)
{
  double e = run->free_quote_d;

  if (run->open_deals == 0)
    return e;
  for (guint i = 0; i < run->n_pairs; i++)
    if (run->pairs[i].has_deal)
      e += run->pairs[i].held * run->pairs[i].last_close;
  return e;
}

static gboolean
setup_pairs (Run                   *run,
             const DcaBacktestPair *pairs,
             guint                  n_pairs,
             GError               **error)
{
  const DcaBotConfig *bot = run->bot;
  guint n_bot = g_strv_length (bot->product_ids);
  gboolean uses_conditions = dca_strategy_config_uses_conditions (run->config);

  for (guint i = 0; i < n_pairs; i++)
    if (!g_strv_contains ((const char *const *) bot->product_ids, pairs[i].product_id))
      {
        g_autofree char *list = g_strjoinv (", ", bot->product_ids);

        g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_PAIRS,
                     "unknown pair %s: the bot trades %s", pairs[i].product_id, list);
        return FALSE;
      }

  run->n_pairs = n_bot;
  run->pairs = g_new0 (PairRun, n_bot);
  for (guint i = 0; i < n_bot; i++)
    {
      PairRun *pr = &run->pairs[i];
      const DcaBacktestPair *given = NULL;

      for (guint j = 0; j < n_pairs; j++)
        if (strcmp (pairs[j].product_id, bot->product_ids[i]) == 0)
          given = &pairs[j];
      if (given == NULL || given->candles == NULL || given->candles->len == 0)
        {
          g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_PAIRS,
                       "no candles for %s (give --candles %s=FILE.csv)", bot->product_ids[i],
                       bot->product_ids[i]);
          return FALSE;
        }

      pr->product_id = bot->product_ids[i];
      pr->series = given->candles;
      pr->granularity = given->candles->granularity;
      pr->product = dca_product_new (pr->product_id);
      if (pr->granularity <= 0)
        {
          g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_CANDLES,
                       "%s: at least two candles are needed to know their spacing",
                       pr->product_id);
          return FALSE;
        }

      if (uses_conditions)
        {
          DcaTimeframe base = dca_timeframe_from_seconds (pr->granularity);

          if (base == DCA_TIMEFRAME_INVALID)
            {
              g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_CANDLES,
                           "%s: candles %" G_GINT64_FORMAT " s apart match no timeframe "
                           "(1m, 5m, 15m, 30m, 1h, 2h, 6h or 1d), so conditions cannot run on them",
                           pr->product_id, pr->granularity);
              return FALSE;
            }
          pr->signals = dca_signals_new (base);
          for (guint p = 0; p < DCA_N_PHASES; p++)
            {
              g_autoptr(GError) local_error = NULL;

              pr->handles[p] = dca_signals_bind (pr->signals, run->config->conditions[p],
                                                 &local_error);
              if (pr->handles[p] < 0)
                {
                  g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_CANDLES, "%s: %s",
                               pr->product_id, local_error->message);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

static void
free_pairs (Run *run)
{
  for (guint i = 0; i < run->n_pairs; i++)
    {
      g_clear_pointer (&run->pairs[i].signals, dca_signals_free);
      g_clear_pointer (&run->pairs[i].product, dca_product_free);
    }
  g_clear_pointer (&run->pairs, g_free);
}

static inline gint64
next_close_time (const PairRun *pr)
{
  return pr->series->candles[pr->next].time + pr->granularity;
}

DcaBacktestResult *
dca_backtest_run (const DcaBotConfig       *bot,
                  const DcaBacktestPair    *pairs,
                  guint                     n_pairs,
                  const DcaBacktestOptions *options,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(DcaBacktestResult) result = g_new0 (DcaBacktestResult, 1);
  DcaBacktestOptions defaults;
  Run run = { 0 };
  double peak, max_dd = 0;
  guint64 total = 0, stride = 1, steps = 0;

  g_return_val_if_fail (bot != NULL, NULL);

  if (options == NULL)
    {
      dca_backtest_options_init (&defaults);
      options = &defaults;
    }

  result->bot_name = g_strdup (bot->name);
  result->quote_currency = g_strdup (bot->quote_currency);
  result->deals = g_ptr_array_new_with_free_func ((GDestroyNotify) backtest_deal_free);
  result->start_balance = options->start_balance;

  run.bot = bot;
  run.config = bot->config;
  run.fee_rate = options->fee_rate;
  run.reserve = dca_bot_config_reserve (bot);
  run.result = result;
  set_free_quote (&run, options->start_balance);

  if (!setup_pairs (&run, pairs, n_pairs, error))
    {
      free_pairs (&run);
      return NULL;
    }

  for (guint i = 0; i < run.n_pairs; i++)
    total += run.pairs[i].series->len;
  if (options->equity_points > 0)
    {
      result->equity = g_array_sized_new (FALSE, FALSE, sizeof (DcaEquityPoint),
                                          options->equity_points + 2);
      stride = MAX (1, total / run.n_pairs / options->equity_points);
    }
  result->first_time = G_MAXINT64;

  peak = dca_decimal_to_double (options->start_balance);

  for (;;)
    {
      guint best = G_MAXUINT;
      gint64 t = G_MAXINT64;
      double e;

      for (guint i = 0; i < run.n_pairs; i++)
        {
          PairRun *pr = &run.pairs[i];

          if (pr->next < pr->series->len && next_close_time (pr) < t)
            {
              t = next_close_time (pr);
              best = i;
            }
        }
      if (best == G_MAXUINT)
        break;

      /* every pair with a candle closing at t, in product_ids order */
      for (guint i = best; i < run.n_pairs; i++)
        {
          PairRun *pr = &run.pairs[i];

          if (pr->next < pr->series->len && next_close_time (pr) == t)
            {
              process_candle (&run, pr, &pr->series->candles[pr->next], t);
              pr->next++;
              result->candles++;
            }
        }

      /* drawdown once all pairs at this time are processed */
      e = equity (&run);
      if (e > peak)
        peak = e;
      else if (peak > 0)
        {
          double dd = (peak - e) / peak * 100.0;

          if (dd > max_dd)
            max_dd = dd;
        }

      if (result->first_time == G_MAXINT64)
        result->first_time = t;
      result->last_time = t;

      if (result->equity != NULL && (steps % stride) == 0)
        {
          DcaEquityPoint point = { t, e };

          g_array_append_val (result->equity, point);
        }
      steps++;

      if ((steps & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, DCA_BACKTEST_ERROR, DCA_BACKTEST_ERROR_CANCELLED,
                       "the backtest was cancelled");
          free_pairs (&run);
          return NULL;
        }
    }

  /* summary */
  result->end_balance = run.free_quote;
  result->end_equity = run.free_quote;
  result->total_profit = dca_decimal_zero ();
  result->fees_paid = dca_decimal_zero ();
  for (guint i = 0; i < result->deals->len; i++)
    {
      DcaBacktestDeal *d = g_ptr_array_index (result->deals, i);

      result->fees_paid = dca_decimal_add (result->fees_paid, d->state.fees);
      result->safety_orders += d->state.safety_orders;
      if (d->state.status == DCA_DEAL_STATUS_CLOSED)
        {
          DcaDecimal profit = dca_deal_state_profit (&d->state);

          result->deals_closed++;
          if (dca_decimal_sign (profit) > 0)
            result->wins++;
          else
            result->losses++;
          result->total_profit = dca_decimal_add (result->total_profit, profit);
        }
      else
        result->deals_open++;
    }
  for (guint i = 0; i < run.n_pairs; i++)
    {
      PairRun *pr = &run.pairs[i];

      if (pr->has_deal)
        result->end_equity = dca_decimal_add (result->end_equity,
                                              dca_deal_state_value (&pr->deal.state,
                                                                    pr->series->candles[pr->series->len - 1].close_exact));
    }
  if (result->equity != NULL && result->equity->len > 0)
    {
      DcaEquityPoint *last = &g_array_index (result->equity, DcaEquityPoint, result->equity->len - 1);

      if (last->time != result->last_time)
        {
          DcaEquityPoint point = { result->last_time, dca_decimal_to_double (result->end_equity) };

          g_array_append_val (result->equity, point);
        }
    }
  result->max_drawdown_pct = max_dd;

  free_pairs (&run);
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------------ */
/* Reports                                                                  */

/* A deal as the report writes it: product_id, status, opened_at,
 * closed_at, close_reason, safety_orders, quote_spent, base_acquired,
 * average_price, quote_received, profit, profit_percentage, fills.  The
 * members only: callers add their own (dcadesk-cli deals adds id, bot_id). */
void
dca_deal_json_write_members (DcaJsonWriter      *w,
                             const char         *product_id,
                             const DcaDealState *s,
                             const DcaFill      *fills,
                             guint               n_fills)
{
  gboolean closed = s->status == DCA_DEAL_STATUS_CLOSED;

  dca_json_member_string (w, "product_id", product_id);
  dca_json_member_string (w, "status", dca_deal_status_to_string (s->status));
  dca_json_member_int (w, "opened_at", s->opened_at);
  dca_json_key (w, "closed_at");
  if (closed)
    dca_json_int (w, s->closed_at);
  else
    dca_json_null (w);
  dca_json_member_string (w, "close_reason",
                          closed ? dca_close_reason_to_string (s->close_reason) : NULL);
  dca_json_member_int (w, "safety_orders", s->safety_orders);
  dca_json_member_decimal_string (w, "quote_spent", s->quote_spent);
  dca_json_member_decimal_string (w, "base_acquired", s->base_bought);
  dca_json_member_decimal_string (w, "average_price", dca_deal_state_average_price (s));
  if (closed)
    {
      dca_json_member_decimal_string (w, "quote_received", s->quote_received);
      dca_json_member_decimal_string (w, "profit", dca_deal_state_profit (s));
      dca_json_member_decimal_string (w, "profit_percentage", dca_deal_state_profit_percentage (s));
    }
  else
    {
      dca_json_member_string (w, "quote_received", NULL);
      dca_json_member_string (w, "profit", NULL);
      dca_json_member_string (w, "profit_percentage", NULL);
    }
  dca_json_key (w, "fills");
  dca_json_begin_array (w);
  for (guint j = 0; j < n_fills; j++)
    {
      const DcaFill *f = &fills[j];

      dca_json_begin_object (w);
      dca_json_member_int (w, "time", f->time);
      dca_json_member_string (w, "side", dca_side_to_string (f->side));
      dca_json_member_string (w, "kind", dca_order_kind_to_string (f->kind));
      dca_json_member_decimal_string (w, "price", f->price);
      dca_json_member_decimal_string (w, "base", f->base);
      dca_json_member_decimal_string (w, "quote", f->quote);
      dca_json_member_decimal_string (w, "fee", f->fee);
      dca_json_end_object (w);
    }
  dca_json_end_array (w);
}

char *
dca_backtest_result_to_json (const DcaBacktestResult *r,
                             gboolean                 pretty)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (pretty);

  dca_json_begin_object (w);
  dca_json_member_string (w, "bot", r->bot_name);
  dca_json_member_decimal_string (w, "start_balance", r->start_balance);
  dca_json_member_decimal_string (w, "end_balance", r->end_balance);
  dca_json_member_decimal_string (w, "end_equity", r->end_equity);
  dca_json_key (w, "deals");
  dca_json_begin_array (w);
  for (guint i = 0; i < r->deals->len; i++)
    {
      const DcaBacktestDeal *d = g_ptr_array_index (r->deals, i);

      dca_json_begin_object (w);
      dca_deal_json_write_members (w, d->product_id, &d->state, (const DcaFill *) d->fills->data,
                                   d->fills->len);
      dca_json_end_object (w);
    }
  dca_json_end_array (w);

  dca_json_key (w, "summary");
  dca_json_begin_object (w);
  dca_json_member_int (w, "deals_closed", r->deals_closed);
  dca_json_member_int (w, "deals_open", r->deals_open);
  dca_json_member_int (w, "wins", r->wins);
  dca_json_member_int (w, "losses", r->losses);
  dca_json_member_decimal_string (w, "total_profit", r->total_profit);
  dca_json_member_decimal_string (w, "fees_paid", r->fees_paid);
  dca_json_member_double (w, "max_drawdown_pct", r->max_drawdown_pct);
  dca_json_end_object (w);
  dca_json_end_object (w);

  if (pretty)
    {
      g_autofree char *s = dca_json_writer_steal (w);

      return g_strconcat (s, "\n", NULL);
    }
  return dca_json_writer_steal (w);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static char *
amount (DcaDecimal d,
        guint      places)
{
  return dca_decimal_to_string_places (d, places);
}

char *
dca_backtest_result_to_text (const DcaBacktestResult *r)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *from = format_time (r->first_time);
  g_autofree char *to = format_time (r->last_time);
  g_autofree char *start = dca_decimal_to_string (r->start_balance);
  g_autofree char *end_balance = dca_decimal_to_string (r->end_balance);
  g_autofree char *end_equity = dca_decimal_to_string (r->end_equity);
  g_autofree char *profit = dca_decimal_to_string (r->total_profit);
  g_autofree char *fees = dca_decimal_to_string (r->fees_paid);
  const char *q = r->quote_currency ? r->quote_currency : "";
  DcaDecimal roi = dca_decimal_zero ();
  g_autofree char *roi_s = NULL;
  guint decided = r->wins + r->losses;

  if (dca_decimal_sign (r->start_balance) > 0)
    dca_decimal_muldiv_checked (dca_decimal_sub (r->end_equity, r->start_balance),
                                dca_decimal_from_int (100), r->start_balance,
                                DCA_ROUND_HALF_EVEN, &roi);
  roi_s = amount (roi, 2);

  g_string_append_printf (out, "Backtest of “%s”\n", r->bot_name);
  g_string_append_printf (out, "  Candles        %" G_GUINT64_FORMAT ", closing %s to %s UTC\n",
                          r->candles, from, to);
  g_string_append_printf (out, "  Start balance  %s %s\n", start, q);
  g_string_append_printf (out, "  End balance    %s %s (free)\n", end_balance, q);
  g_string_append_printf (out, "  End equity     %s %s (%s%s %% incl. open deals at the last close)\n",
                          end_equity, q, dca_decimal_sign (roi) > 0 ? "+" : "", roi_s);
  g_string_append_printf (out, "  Deals          %u closed (%u won, %u lost), %u open\n",
                          r->deals_closed, r->wins, r->losses, r->deals_open);
  if (decided > 0)
    g_string_append_printf (out, "  Win rate       %.1f %%\n", 100.0 * r->wins / decided);
  g_string_append_printf (out, "  Total profit   %s %s (closed deals)\n", profit, q);
  g_string_append_printf (out, "  Fees paid      %s %s\n", fees, q);
  g_string_append_printf (out, "  Safety orders  %u\n", r->safety_orders);
  g_string_append_printf (out, "  Max drawdown   %.2f %%\n", r->max_drawdown_pct);

  if (r->deals->len > 0)
    {
      g_string_append_printf (out, "\n  %4s  %-10s  %-16s  %-16s  %-20s  %3s  %14s  %14s  %8s\n",
                              "#", "Pair", "Opened", "Closed", "Result", "SOs", "Spent", "Profit",
                              "Profit %");
      for (guint i = 0; i < r->deals->len; i++)
        {
          const DcaBacktestDeal *d = g_ptr_array_index (r->deals, i);
          const DcaDealState *s = &d->state;
          gboolean closed = s->status == DCA_DEAL_STATUS_CLOSED;
          g_autofree char *opened = format_time (s->opened_at);
          g_autofree char *closed_at = closed ? format_time (s->closed_at) : g_strdup ("");
          g_autofree char *spent = amount (s->quote_spent, 8);
          g_autofree char *p = closed ? amount (dca_deal_state_profit (s), 8) : g_strdup ("");
          g_autofree char *pct = closed ? amount (dca_deal_state_profit_percentage (s), 2)
                                        : g_strdup ("");

          g_string_append_printf (out, "  %4u  %-10s  %-16s  %-16s  %-20s  %3u  %14s  %14s  %8s\n",
                                  i + 1, d->product_id, opened, closed_at,
                                  closed ? dca_close_reason_to_string (s->close_reason) : "open",
                                  s->safety_orders, spent, p, pct);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
