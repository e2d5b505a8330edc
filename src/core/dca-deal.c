/* dca-deal.c: the deal state machine of deal-semantics.md */
#define G_LOG_DOMAIN "dca-deal"

#include "config.h"

#include <string.h>

#include "dca-deal.h"

static inline DcaDecimal
hundred (void)
{
  return dca_decimal_from_int (100);
}

/* An unreachable threshold for "c >= x" checks. */
static inline DcaDecimal
never_above (void)
{
  return dca_decimal_from_raw (((__int128) 1) << 126);
}

/* An unreachable threshold for "c <= x" checks (prices are positive). */
static inline DcaDecimal
never_below (void)
{
  return dca_decimal_from_int (-1);
}

void
dca_deal_init (DcaDeal *deal)
{
  memset (deal, 0, sizeof *deal);
}

void
dca_deal_invalidate (DcaDeal *deal)
{
  deal->derived_valid = FALSE;
}

DcaDecimal
dca_deal_state_base_held (const DcaDealState *state)
{
  return dca_decimal_sub (state->base_bought, state->base_sold);
}

DcaDecimal
dca_deal_state_profit (const DcaDealState *state)
{
  return dca_decimal_sub (state->quote_received, state->quote_spent);
}

DcaDecimal
dca_deal_state_profit_percentage (const DcaDealState *state)
{
  DcaDecimal r;

  if (!dca_decimal_muldiv_checked (dca_deal_state_profit (state), hundred (), state->quote_spent,
                                   DCA_ROUND_HALF_EVEN, &r))
    return dca_decimal_zero ();
  return r;
}

DcaDecimal
dca_deal_state_average_price (const DcaDealState *state)
{
  DcaDecimal r;

  if (!dca_decimal_div_checked (state->quote_spent, state->base_bought, DCA_ROUND_HALF_EVEN, &r))
    return dca_decimal_zero ();
  return r;
}

/* What the deal's base is worth at a price, before the exit fee. */
DcaDecimal
dca_deal_state_value (const DcaDealState *state,
                      DcaDecimal          price)
{
  DcaDecimal r;

  if (!dca_decimal_mul_checked (dca_deal_state_base_held (state), price, DCA_ROUND_HALF_EVEN, &r))
    return dca_decimal_zero ();
  return r;
}

/* An open deal at price c, before the exit fee: value A x c less what it
 * spent, and that as a percentage of the spending (the spec's p). */
gboolean
dca_deal_state_unrealised (const DcaDealState *state,
                           DcaDecimal          price,
                           DcaDecimal         *amount,
                           DcaDecimal         *percentage)
{
  DcaDecimal value = dca_deal_state_value (state, price);
  DcaDecimal pnl = dca_decimal_sub (dca_decimal_add (value, state->quote_received), state->quote_spent);

  if (dca_decimal_sign (state->quote_spent) <= 0 || dca_decimal_sign (price) <= 0)
    return FALSE;
  *amount = pnl;
  if (!dca_decimal_muldiv_checked (pnl, hundred (), state->quote_spent, DCA_ROUND_HALF_EVEN, percentage))
    return FALSE;
  return TRUE;
}

/* Price at which p = pct: S x (100 + pct) / (100 x A). */
static DcaDecimal
profit_price (const DcaDealState *s,
              DcaDecimal          pct,
              DcaRounding         rounding,
              DcaDecimal          unreachable)
{
  DcaDecimal a100, r;
  DcaDecimal held = dca_deal_state_base_held (s);

  if (dca_decimal_sign (held) <= 0 ||
      !dca_decimal_mul_checked (held, hundred (), DCA_ROUND_HALF_EVEN, &a100) ||
      !dca_decimal_muldiv_checked (s->quote_spent, dca_decimal_add (hundred (), pct), a100, rounding,
                                   &r))
    return unreachable;
  return r;
}

/* x x (100 - pct) / 100, rounded down: c <= this is c <= x x (1 - pct / 100). */
static DcaDecimal
below_by (DcaDecimal x,
          DcaDecimal pct)
{
  DcaDecimal r;
  DcaDecimal f = dca_decimal_sub (hundred (), pct);

  if (dca_decimal_sign (f) <= 0 ||
      !dca_decimal_muldiv_checked (x, f, hundred (), DCA_ROUND_FLOOR, &r))
    return never_below ();
  return r;
}

DcaDecimal
dca_safety_trigger_price (const DcaStrategyConfig *config,
                          DcaDecimal               base_price,
                          guint                    n)
{
  if (n == 0 || n > config->max_safety_orders || n > DCA_MAX_SAFETY_ORDERS)
    return never_below ();
  return below_by (base_price, config->deviation[n]);
}

static void
ensure_derived (DcaDeal                 *deal,
                const DcaStrategyConfig *c)
{
  const DcaDealState *s = &deal->state;

  if (deal->derived_valid)
    return;

  deal->tp_price = c->take_profit_enabled
                   ? profit_price (s, c->take_profit_percentage, DCA_ROUND_CEILING, never_above ())
                   : never_above ();
  deal->sl_price = c->stop_loss_enabled
                   ? profit_price (s, c->stop_loss_percentage, DCA_ROUND_FLOOR, never_below ())
                   : never_below ();
  deal->cond_price = profit_price (s, c->min_profit_for_conditions, DCA_ROUND_CEILING,
                                   never_above ());
  deal->so_price = c->safety_trigger == DCA_SAFETY_TRIGGER_PRICE
                   ? dca_safety_trigger_price (c, s->base_price, s->safety_orders + 1)
                   : never_below ();
  deal->tsl_price = c->trailing_stop_loss ? below_by (s->highest_price, c->trailing_stop_deviation)
                                          : never_below ();
  deal->ttp_price = s->tp_trailing ? below_by (s->tp_trail_high, c->trailing_deviation)
                                   : never_below ();
  deal->derived_valid = TRUE;
}

void
dca_deal_levels (const DcaDealState      *state,
                 const DcaStrategyConfig *c,
                 DcaDealLevels           *levels)
{
  DcaDealState s = *state;

  memset (levels, 0, sizeof *levels);
  /* a closed deal sold everything: its levels are those before the exit */
  s.base_sold = dca_decimal_zero ();
  s.quote_received = dca_decimal_zero ();
  if (dca_decimal_sign (s.base_bought) <= 0)
    return;
  levels->average_price = dca_deal_state_average_price (&s);
  levels->has_average = dca_decimal_sign (levels->average_price) > 0;
  if (c->take_profit_enabled)
    {
      levels->take_profit = profit_price (&s, c->take_profit_percentage, DCA_ROUND_CEILING, never_above ());
      levels->has_take_profit = dca_decimal_cmp (levels->take_profit, never_above ()) != 0;
    }
  if (c->stop_loss_enabled)
    {
      levels->stop_loss = profit_price (&s, c->stop_loss_percentage, DCA_ROUND_FLOOR, never_below ());
      levels->has_stop_loss = dca_decimal_sign (levels->stop_loss) > 0;
    }
  if (c->safety_trigger != DCA_SAFETY_TRIGGER_PRICE || dca_decimal_sign (s.base_price) <= 0)
    return;
  levels->first_safety = s.safety_orders + 1;
  for (guint n = levels->first_safety; n <= c->max_safety_orders && n <= DCA_MAX_SAFETY_ORDERS; n++)
    {
      DcaDecimal p = dca_safety_trigger_price (c, s.base_price, n);

      if (dca_decimal_sign (p) <= 0)
        break;
      levels->safety[levels->n_safety++] = p;
    }
}

void
dca_deal_evaluate (DcaDeal                 *deal,
                   const DcaStrategyConfig *c,
                   const DcaDealInput      *in,
                   DcaDealDecision         *out)
{
  DcaDealState *s = &deal->state;
  DcaDecimal price = in->price;

  out->exit = DCA_CLOSE_REASON_NONE;
  out->n_safety = 0;
  out->first_safety = 0;
  out->note = DCA_NOTE_NONE;
  out->state_changed = FALSE;

  if (s->status != DCA_DEAL_STATUS_OPEN)
    return;

  ensure_derived (deal, c);

  /* H: the highest price since entry, for the trailing stop loss */
  if (dca_decimal_cmp (price, s->highest_price) > 0)
    {
      s->highest_price = price;
      if (c->trailing_stop_loss)
        deal->tsl_price = below_by (price, c->trailing_stop_deviation);
      out->state_changed = TRUE;
    }

  /* 1a. trailing stop loss */
  if (c->trailing_stop_loss && dca_decimal_cmp (price, deal->tsl_price) <= 0)
    {
      out->exit = DCA_CLOSE_REASON_TRAILING_STOP_LOSS;
      return;
    }

  /* 1b. stop loss */
  if (c->stop_loss_enabled && dca_decimal_cmp (price, deal->sl_price) <= 0)
    {
      out->exit = DCA_CLOSE_REASON_STOP_LOSS;
      return;
    }

  /* 1c. take profit, trailing or not */
  if (s->tp_trailing)
    {
      if (dca_decimal_cmp (price, s->tp_trail_high) > 0)
        {
          s->tp_trail_high = price;
          deal->ttp_price = below_by (price, c->trailing_deviation);
          out->state_changed = TRUE;
        }
      else if (dca_decimal_cmp (price, deal->ttp_price) <= 0)
        {
          out->exit = DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT;
          return;
        }
    }
  else if (c->take_profit_enabled && dca_decimal_cmp (price, deal->tp_price) >= 0)
    {
      if (!c->trailing_take_profit)
        {
          out->exit = DCA_CLOSE_REASON_TAKE_PROFIT;
          return;
        }
      /* start trailing; the sell is checked from the next evaluation on */
      s->tp_trailing = TRUE;
      s->tp_trail_high = price;
      deal->ttp_price = below_by (price, c->trailing_deviation);
      out->state_changed = TRUE;
      out->note = DCA_NOTE_TRAILING_STARTED;
    }

  /* 1d. take-profit conditions, at or above the minimum profit */
  if (!dca_condition_list_is_empty (c->conditions[DCA_PHASE_TAKE_PROFIT]) &&
      dca_decimal_cmp (price, deal->cond_price) >= 0 &&
      in->conditions (in->conditions_data, DCA_PHASE_TAKE_PROFIT))
    {
      out->exit = DCA_CLOSE_REASON_CONDITIONS;
      return;
    }

  /* 2. safety orders: only while the bot runs */
  if (!in->running)
    return;

  {
    guint n = s->safety_orders + 1;
    DcaDecimal available = in->available;
    gboolean conditions_checked = FALSE;

    out->first_safety = n;
    while (n <= c->max_safety_orders &&
           (c->safety_per_evaluation == 0 || out->n_safety < c->safety_per_evaluation))
      {
        DcaDecimal size;

        if (c->safety_trigger == DCA_SAFETY_TRIGGER_PRICE)
          {
            DcaDecimal trigger = n == s->safety_orders + 1 ? deal->so_price
                                                           : dca_safety_trigger_price (c, s->base_price, n);

            if (dca_decimal_cmp (price, trigger) > 0)
              break;
          }
        else if (in->time < s->last_buy_at + c->safety_interval)
          break;

        if (!conditions_checked)
          {
            conditions_checked = TRUE;
            if (!dca_condition_list_is_empty (c->conditions[DCA_PHASE_SAFETY_ORDER]) &&
                !in->conditions (in->conditions_data, DCA_PHASE_SAFETY_ORDER))
              {
                out->note = DCA_NOTE_SAFETY_CONDITIONS;
                break;
              }
          }

        size = dca_decimal_round_to (dca_strategy_config_safety_size (c, s->base_order_quote, n),
                                     in->quote_increment, DCA_ROUND_DOWN);
        if (dca_decimal_sign (size) <= 0 || dca_decimal_cmp (size, available) > 0)
          {
            /* not placed, and no later safety order at this price */
            out->note = DCA_NOTE_SAFETY_BALANCE;
            break;
          }
        out->safety_quote[out->n_safety++] = size;
        available = dca_decimal_sub (available, size);
        n++;
      }
  }
}

gboolean
dca_deal_plan_open (const DcaStrategyConfig *c,
                    const DcaOpenInput      *in,
                    DcaDecimal              *quote,
                    DcaDealNote             *note)
{
  DcaDecimal size;

  *note = DCA_NOTE_NONE;
  if (!in->running)
    {
      *note = DCA_NOTE_BOT_STOPPED;
      return FALSE;
    }
  if (in->open_deals >= c->max_concurrent_deals)
    {
      *note = DCA_NOTE_MAX_DEALS;
      return FALSE;
    }
  if (!dca_condition_list_is_empty (c->conditions[DCA_PHASE_BASE_ORDER]) &&
      !in->conditions (in->conditions_data, DCA_PHASE_BASE_ORDER))
    {
      *note = DCA_NOTE_BASE_CONDITIONS;
      return FALSE;
    }

  if (c->base_order_type == DCA_ORDER_SIZE_FIXED)
    size = c->base_order_fixed;
  else
    {
      gint64 divisor = 100;

      if (c->max_concurrent_deals > 1)
        divisor *= c->max_concurrent_deals;
      if (in->split_budget && in->n_pairs > 1)
        divisor *= in->n_pairs;
      if (!dca_decimal_muldiv_checked (in->available, c->base_order_percentage,
                                       dca_decimal_from_int (divisor), DCA_ROUND_DOWN, &size))
        size = dca_decimal_zero ();
    }
  size = dca_decimal_round_to (size, in->quote_increment, DCA_ROUND_DOWN);

  if (dca_decimal_sign (size) <= 0)
    {
      *note = DCA_NOTE_BASE_ZERO;
      return FALSE;
    }
  if (dca_decimal_cmp (size, in->available) > 0)
    {
      *note = DCA_NOTE_BASE_BALANCE;
      return FALSE;
    }
  *quote = size;
  return TRUE;
}

void
dca_deal_begin (DcaDeal   *deal,
                gint64     time,
                DcaDecimal capital)
{
  dca_deal_init (deal);
  deal->state.status = DCA_DEAL_STATUS_OPEN;
  deal->state.opened_at = time;
  deal->state.capital_at_open = capital;
}

void
dca_deal_apply_fill (DcaDeal       *deal,
                     const DcaFill *fill,
                     guint          so_index)
{
  DcaDealState *s = &deal->state;

  s->fees = dca_decimal_add (s->fees, fill->fee);
  if (fill->side == DCA_SIDE_BUY)
    {
      s->quote_spent = dca_decimal_add (s->quote_spent, fill->quote);
      s->base_bought = dca_decimal_add (s->base_bought, fill->base);
      s->last_buy_at = fill->time;
      if (fill->kind == DCA_ORDER_KIND_BASE)
        {
          /* P0: the base order's fill price, volume-weighted over its fills */
          DcaDecimal old_value = dca_decimal_mul (s->base_price, s->base_order_base,
                                                  DCA_ROUND_HALF_EVEN);
          DcaDecimal add_value = dca_decimal_mul (fill->price, fill->base, DCA_ROUND_HALF_EVEN);

          s->base_order_base = dca_decimal_add (s->base_order_base, fill->base);
          s->base_order_quote = dca_decimal_add (s->base_order_quote, fill->quote);
          if (dca_decimal_sign (s->base_order_base) > 0)
            s->base_price = dca_decimal_div (dca_decimal_add (old_value, add_value),
                                             s->base_order_base, DCA_ROUND_HALF_EVEN);
          if (dca_decimal_cmp (fill->price, s->highest_price) > 0)
            s->highest_price = fill->price;
        }
      else if (fill->kind == DCA_ORDER_KIND_SAFETY && so_index > s->safety_orders)
        s->safety_orders = so_index;
    }
  else
    {
      s->base_sold = dca_decimal_add (s->base_sold, fill->base);
      s->quote_received = dca_decimal_add (s->quote_received, fill->quote);
    }
  deal->derived_valid = FALSE;
}

void
dca_deal_close (DcaDeal        *deal,
                DcaCloseReason  reason,
                gint64          time)
{
  deal->state.status = DCA_DEAL_STATUS_CLOSED;
  deal->state.close_reason = reason;
  deal->state.closed_at = time;
  deal->derived_valid = FALSE;
}

/* With a reserve, the bot may spend the reserve less what its open deals
 * already spent, and never more than the account holds. */
DcaDecimal
dca_bot_available_quote (DcaDecimal free_quote,
                         DcaDecimal reserve,
                         DcaDecimal spent_by_open_deals)
{
  DcaDecimal budget;

  if (dca_decimal_sign (reserve) <= 0)
    return free_quote;
  budget = dca_decimal_sub (reserve, spent_by_open_deals);
  if (dca_decimal_sign (budget) < 0)
    budget = dca_decimal_zero ();
  return dca_decimal_min (budget, free_quote);
}

/* A market buy of `quote` at `price`: the fee is a rate of the quote paid,
 * the base is what the rest buys, rounded down to the increment. */
gboolean
dca_simulate_market_buy (DcaDecimal        quote,
                         DcaDecimal        price,
                         DcaDecimal        fee_rate,
                         const DcaProduct *product,
                         gint64            time,
                         DcaOrderKind      kind,
                         DcaFill          *fill)
{
  DcaDecimal q = dca_decimal_round_to (quote, product->quote_increment, DCA_ROUND_DOWN);
  DcaDecimal fee, base;

  if (dca_decimal_sign (q) <= 0 || dca_decimal_sign (price) <= 0)
    return FALSE;
  if (!dca_decimal_mul_checked (q, fee_rate, DCA_ROUND_HALF_EVEN, &fee) ||
      !dca_decimal_div_checked (dca_decimal_sub (q, fee), price, DCA_ROUND_DOWN, &base))
    return FALSE;
  base = dca_decimal_round_to (base, product->base_increment, DCA_ROUND_DOWN);
  if (dca_decimal_sign (base) <= 0)
    return FALSE;

  fill->time = time;
  fill->side = DCA_SIDE_BUY;
  fill->kind = kind;
  fill->price = price;
  fill->base = base;
  fill->quote = q;
  fill->fee = fee;
  return TRUE;
}

/* A market sell of `base` at `price`: quote received = base x price - fee. */
gboolean
dca_simulate_market_sell (DcaDecimal        base,
                          DcaDecimal        price,
                          DcaDecimal        fee_rate,
                          const DcaProduct *product,
                          gint64            time,
                          DcaOrderKind      kind,
                          DcaFill          *fill)
{
  DcaDecimal b = dca_decimal_round_to (base, product->base_increment, DCA_ROUND_DOWN);
  DcaDecimal gross, fee;

  if (dca_decimal_sign (b) <= 0 || dca_decimal_sign (price) <= 0)
    return FALSE;
  if (!dca_decimal_mul_checked (b, price, DCA_ROUND_HALF_EVEN, &gross) ||
      !dca_decimal_mul_checked (gross, fee_rate, DCA_ROUND_HALF_EVEN, &fee))
    return FALSE;

  fill->time = time;
  fill->side = DCA_SIDE_SELL;
  fill->kind = kind;
  fill->price = price;
  fill->base = b;
  fill->quote = dca_decimal_sub (gross, fee);
  fill->fee = fee;
  return TRUE;
}

const char *
dca_deal_note_to_string (DcaDealNote note)
{
  switch (note)
    {
    case DCA_NOTE_NONE:
      return "";
    case DCA_NOTE_BOT_STOPPED:
      return "the bot is stopped: no new deals";
    case DCA_NOTE_MAX_DEALS:
      return "the bot already has its maximum of open deals";
    case DCA_NOTE_BASE_CONDITIONS:
      return "the base-order conditions do not hold";
    case DCA_NOTE_BASE_ZERO:
      return "the base order rounds down to zero";
    case DCA_NOTE_BASE_BALANCE:
      return "the base order is larger than the available balance";
    case DCA_NOTE_SAFETY_CONDITIONS:
      return "the safety-order price was reached but its conditions do not hold";
    case DCA_NOTE_SAFETY_BALANCE:
      return "the next safety order is larger than the available balance";
    case DCA_NOTE_TRAILING_STARTED:
      return "take profit reached: trailing started";
    default:
      return "";
    }
}
