/* dca-signals.c: the per-pair signal bank
 *
 * Binding compiles a condition tree into a flat pre-order program of 16-byte
 * ops over a slot array, one slot per indicator instance (current and
 * previous value with their readiness) plus one per constant.  Per candle the
 * work is: for each timeframe in use, aggregate or not, then update that
 * timeframe's instances in a tight loop; evaluation walks the ops with
 * short-circuits.  No strings, hashing or allocation after bind.
 */
#define G_LOG_DOMAIN "dca-signals"

#include "config.h"

#include <math.h>

#include "dca-conditions-private.h"
#include "dca-indicators.h"

typedef struct
{
  double cur;
  double prev;
  guint8 cur_ok;
  guint8 prev_ok;
} Slot;

typedef struct
{
  DcaIndicatorSpec spec;
  guint            slot;
  union
  {
    DcaRsi         rsi;
    DcaMacd        macd;
    DcaBollinger   bb;
    DcaEma         ema;
    DcaSma         sma;
    DcaStochastic  stoch;
    DcaPriceChange change;
  } u;
} Instance;

enum
{
  OP_LEAF,
  OP_AND,
  OP_OR,
};

typedef struct
{
  guint8  kind;
  guint8  op;   /* DcaOperator, for a leaf */
  guint32 end;  /* index just past this op's subtree */
  guint32 lhs;  /* slots */
  guint32 rhs;
} Op;

typedef struct
{
  DcaConditionList *list;
  guint             first;
  guint             end;
  gboolean          is_or;
} Program;

typedef struct
{
  guint     *members;     /* instance indices */
  guint      n_members;
  gint64     seconds;
  gint64     last_time;   /* open time of the latest candle fed */
  gboolean   fed;
  gboolean   has_bucket;  /* push_base: a candle of this timeframe in progress */
  gint64     skip_before; /* push_base: bound mid-way, the first bucket is partial */
  DcaCandle  bucket;
} Timeframe;

struct _DcaSignals
{
  DcaTimeframe  base;
  gint64        base_seconds;
  gint64        last_base_time;
  gboolean      has_base;

  GArray       *instances;  /* Instance */
  GArray       *slots;      /* Slot */
  GArray       *ops;        /* Op */
  GArray       *programs;   /* Program */

  Timeframe     tfs[DCA_N_TIMEFRAMES];
  guint         active[DCA_N_TIMEFRAMES];  /* timeframes with members, shortest first */
  guint         n_active;
};

DcaSignals *
dca_signals_new (DcaTimeframe base)
{
  DcaSignals *self;

  g_return_val_if_fail ((guint) base < DCA_N_TIMEFRAMES, NULL);

  self = g_new0 (DcaSignals, 1);
  self->base = base;
  self->base_seconds = dca_timeframe_seconds (base);
  self->instances = g_array_new (FALSE, TRUE, sizeof (Instance));
  self->slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  self->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  self->programs = g_array_new (FALSE, TRUE, sizeof (Program));
  for (guint i = 0; i < DCA_N_TIMEFRAMES; i++)
    {
      self->tfs[i].seconds = dca_timeframe_seconds (i);
      self->tfs[i].skip_before = G_MININT64;
    }
  return self;
}

static void
instance_clear (Instance *inst)
{
  switch (inst->spec.type)
    {
    case DCA_INDICATOR_BB_PERCENT:
      dca_bollinger_clear (&inst->u.bb);
      break;
    case DCA_INDICATOR_SMA_CROSS:
      dca_sma_clear (&inst->u.sma);
      break;
    case DCA_INDICATOR_STOCHASTIC:
      dca_stochastic_clear (&inst->u.stoch);
      break;
    case DCA_INDICATOR_PRICE_CHANGE:
      dca_price_change_clear (&inst->u.change);
      break;
    case DCA_INDICATOR_RSI:
    case DCA_INDICATOR_MACD:
    case DCA_INDICATOR_EMA_CROSS:
    case DCA_INDICATOR_VOLUME:
    case DCA_N_INDICATORS:
    default:
      break;
    }
}

void
dca_signals_free (DcaSignals *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->instances->len; i++)
    instance_clear (&g_array_index (self->instances, Instance, i));
  for (guint i = 0; i < self->programs->len; i++)
    dca_condition_list_unref (g_array_index (self->programs, Program, i).list);
  for (guint i = 0; i < DCA_N_TIMEFRAMES; i++)
    g_free (self->tfs[i].members);
  g_array_unref (self->instances);
  g_array_unref (self->slots);
  g_array_unref (self->ops);
  g_array_unref (self->programs);
  g_free (self);
}

/* Binding -------------------------------------------------------------- */

static inline gint64
floor_to (gint64 t,
          gint64 step)
{
  gint64 r = t % step;

  return r < 0 ? t - r - step : t - r;
}

static guint
add_slot (DcaSignals *self,
          double      constant,
          gboolean    is_constant)
{
  Slot slot = { 0 };

  if (is_constant)
    {
      slot.cur = slot.prev = constant;
      slot.cur_ok = slot.prev_ok = TRUE;
    }
  g_array_append_val (self->slots, slot);
  return self->slots->len - 1;
}

static guint
instance_for (DcaSignals             *self,
              const DcaIndicatorSpec *spec)
{
  Instance inst = { 0 };
  Timeframe *tf;

  for (guint i = 0; i < self->instances->len; i++)
    {
      const Instance *other = &g_array_index (self->instances, Instance, i);

      if (dca_indicator_spec_equal (&other->spec, spec))
        return other->slot;
    }

  inst.spec = *spec;
  inst.slot = add_slot (self, 0, FALSE);
  switch (spec->type)
    {
    case DCA_INDICATOR_RSI:
      dca_rsi_init (&inst.u.rsi, spec->period);
      break;
    case DCA_INDICATOR_MACD:
      dca_macd_init (&inst.u.macd, spec->fast_period, spec->slow_period, spec->signal_period);
      break;
    case DCA_INDICATOR_BB_PERCENT:
      dca_bollinger_init (&inst.u.bb, spec->period, spec->std_dev);
      break;
    case DCA_INDICATOR_EMA_CROSS:
      dca_ema_init (&inst.u.ema, spec->period);
      break;
    case DCA_INDICATOR_SMA_CROSS:
      dca_sma_init (&inst.u.sma, spec->period);
      break;
    case DCA_INDICATOR_STOCHASTIC:
      dca_stochastic_init (&inst.u.stoch, spec->period);
      break;
    case DCA_INDICATOR_PRICE_CHANGE:
      dca_price_change_init (&inst.u.change, spec->period);
      break;
    case DCA_INDICATOR_VOLUME:
    case DCA_N_INDICATORS:
    default:
      break;
    }
  g_array_append_val (self->instances, inst);

  tf = &self->tfs[spec->timeframe];
  tf->members = g_renew (guint, tf->members, tf->n_members + 1);
  tf->members[tf->n_members++] = self->instances->len - 1;
  if (tf->n_members == 1)
    {
      /* keep the active list ordered, shortest timeframe first */
      guint i = self->n_active++;

      while (i > 0 && self->active[i - 1] > (guint) spec->timeframe)
        {
          self->active[i] = self->active[i - 1];
          i--;
        }
      self->active[i] = spec->timeframe;

      /* base candles already went by: the bucket they were in would miss
       * them, so aggregation starts with the next whole bucket */
      if (self->has_base && spec->timeframe != self->base)
        tf->skip_before = floor_to (self->last_base_time, tf->seconds) + tf->seconds;
    }
  return inst.slot;
}

static gboolean
check_timeframes (DcaSignals              *self,
                  const DcaConditionNode  *items,
                  guint                    n_items,
                  GError                 **error)
{
  if (self->base == DCA_TIMEFRAME_INVALID)
    return TRUE;

  for (guint i = 0; i < n_items; i++)
    {
      const DcaConditionNode *node = &items[i];
      DcaTimeframe tf;

      if (node->is_group)
        {
          if (!check_timeframes (self, node->children, node->n_children, error))
            return FALSE;
          continue;
        }
      tf = node->lhs.timeframe;
      if (node->rhs_is_indicator && dca_timeframe_seconds (node->rhs.timeframe) < dca_timeframe_seconds (tf))
        tf = node->rhs.timeframe;
      if (dca_timeframe_seconds (tf) < self->base_seconds)
        {
          g_set_error (error, DCA_CONDITION_ERROR, DCA_CONDITION_ERROR_TIMEFRAME,
                       "%s%s.timeframe: %s is shorter than the %s candles given, which "
                       "cannot make a %s candle; give candles of %s or shorter",
                       node->path, tf == node->lhs.timeframe ? "" : ".value",
                       dca_timeframe_to_string (tf), dca_timeframe_to_string (self->base),
                       dca_timeframe_short_name (tf), dca_timeframe_short_name (tf));
          return FALSE;
        }
    }
  return TRUE;
}

static void
compile (DcaSignals             *self,
         const DcaConditionNode *items,
         guint                   n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      const DcaConditionNode *node = &items[i];
      guint at = self->ops->len;
      Op op = { 0 };

      g_array_append_val (self->ops, op);
      if (node->is_group)
        {
          op.kind = node->logic == DCA_LOGIC_OR ? OP_OR : OP_AND;
          compile (self, node->children, node->n_children);
        }
      else
        {
          op.kind = OP_LEAF;
          op.op = node->op;
          op.lhs = instance_for (self, &node->lhs);
          op.rhs = node->rhs_is_indicator ? instance_for (self, &node->rhs)
                                          : add_slot (self, node->value, TRUE);
        }
      op.end = self->ops->len;
      g_array_index (self->ops, Op, at) = op;
    }
}

int
dca_signals_bind (DcaSignals              *self,
                  const DcaConditionList  *list,
                  GError                 **error)
{
  Program prog = { 0 };

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (list != NULL, -1);

  if (!check_timeframes (self, list->items, list->n_items, error))
    return -1;

  prog.list = dca_condition_list_ref ((DcaConditionList *) list);
  prog.first = self->ops->len;
  prog.is_or = list->logic == DCA_LOGIC_OR;
  compile (self, list->items, list->n_items);
  prog.end = self->ops->len;
  g_array_append_val (self->programs, prog);
  return (int) self->programs->len - 1;
}

/* Candles -------------------------------------------------------------- */

static inline void
update_instance (Instance        *inst,
                 Slot            *slot,
                 const DcaCandle *c)
{
  gboolean ok;
  double v;

  switch (inst->spec.type)
    {
    case DCA_INDICATOR_RSI:
      ok = dca_rsi_update (&inst->u.rsi, c->close);
      v = inst->u.rsi.value;
      break;
    case DCA_INDICATOR_MACD:
      ok = dca_macd_update (&inst->u.macd, c->close);
      v = inst->u.macd.histogram;
      break;
    case DCA_INDICATOR_BB_PERCENT:
      ok = dca_bollinger_update (&inst->u.bb, c->close);
      v = inst->u.bb.percent_b;
      break;
    case DCA_INDICATOR_EMA_CROSS:
      ok = dca_ema_update (&inst->u.ema, c->close);
      v = c->close - inst->u.ema.value;
      break;
    case DCA_INDICATOR_SMA_CROSS:
      ok = dca_sma_update (&inst->u.sma, c->close);
      v = c->close - inst->u.sma.value;
      break;
    case DCA_INDICATOR_STOCHASTIC:
      ok = dca_stochastic_update (&inst->u.stoch, c->high, c->low, c->close);
      v = inst->u.stoch.k;
      break;
    case DCA_INDICATOR_VOLUME:
      ok = TRUE;
      v = c->volume;
      break;
    case DCA_INDICATOR_PRICE_CHANGE:
      ok = dca_price_change_update (&inst->u.change, c->close);
      v = inst->u.change.value;
      break;
    case DCA_N_INDICATORS:
    default:
      g_assert_not_reached ();
    }

  slot->prev = slot->cur;
  slot->prev_ok = slot->cur_ok;
  slot->cur = ok ? v : 0;
  slot->cur_ok = ok;
}

static void
feed (DcaSignals      *self,
      Timeframe       *tf,
      const DcaCandle *c)
{
  Instance *instances = (Instance *) (gpointer) self->instances->data;
  Slot *slots = (Slot *) (gpointer) self->slots->data;

  tf->last_time = c->time;
  tf->fed = TRUE;
  for (guint i = 0; i < tf->n_members; i++)
    {
      Instance *inst = &instances[tf->members[i]];

      update_instance (inst, &slots[inst->slot], c);
    }
}

void
dca_signals_push_base (DcaSignals      *self,
                       const DcaCandle *closed)
{
  gint64 close_time;

  g_return_if_fail (self != NULL && closed != NULL);
  g_return_if_fail (self->base != DCA_TIMEFRAME_INVALID);

  if (self->has_base && closed->time <= self->last_base_time)
    return;
  self->has_base = TRUE;
  self->last_base_time = closed->time;
  close_time = closed->time + self->base_seconds;

  for (guint a = 0; a < self->n_active; a++)
    {
      DcaTimeframe id = self->active[a];
      Timeframe *tf = &self->tfs[id];
      gint64 start;

      if (id == self->base)
        {
          feed (self, tf, closed);
          continue;
        }

      if (G_UNLIKELY (closed->time < tf->skip_before))
        continue;
      start = floor_to (closed->time, tf->seconds);
      /* a gap: the bucket in progress is over although its last base
       * candles never came; it closes before this candle is used */
      if (tf->has_bucket && start != tf->bucket.time)
        {
          feed (self, tf, &tf->bucket);
          tf->has_bucket = FALSE;
        }
      if (!tf->has_bucket)
        {
          tf->bucket = *closed;
          tf->bucket.time = start;
          tf->has_bucket = TRUE;
        }
      else
        {
          if (closed->high > tf->bucket.high)
            tf->bucket.high = closed->high;
          if (closed->low < tf->bucket.low)
            tf->bucket.low = closed->low;
          tf->bucket.close = closed->close;
          tf->bucket.close_exact = closed->close_exact;
          tf->bucket.volume += closed->volume;
        }
      if (close_time >= start + tf->seconds)
        {
          feed (self, tf, &tf->bucket);
          tf->has_bucket = FALSE;
        }
    }
}

void
dca_signals_push (DcaSignals      *self,
                  DcaTimeframe     tf,
                  const DcaCandle *closed)
{
  Timeframe *t;

  g_return_if_fail (self != NULL && closed != NULL);
  g_return_if_fail ((guint) tf < DCA_N_TIMEFRAMES);

  t = &self->tfs[tf];
  if (t->n_members == 0)
    return;
  if (t->fed && closed->time <= t->last_time)
    return;
  feed (self, t, closed);
}

/* Evaluation ----------------------------------------------------------- */

/* Branch-free apart from the operator, which is the same at every call:
 * the outcomes themselves are what a branch predictor cannot guess. */
static inline gboolean
eval_leaf (const Op   *op,
           const Slot *slots)
{
  const Slot *a = &slots[op->lhs];
  const Slot *b = &slots[op->rhs];
  int ok = a->cur_ok & b->cur_ok;

  switch ((DcaOperator) op->op)
    {
    case DCA_OPERATOR_GREATER_THAN:
      return ok & (a->cur > b->cur);
    case DCA_OPERATOR_LESS_THAN:
      return ok & (a->cur < b->cur);
    case DCA_OPERATOR_GREATER_EQUAL:
      return ok & (a->cur >= b->cur);
    case DCA_OPERATOR_LESS_EQUAL:
      return ok & (a->cur <= b->cur);
    case DCA_OPERATOR_CROSSING_ABOVE:
      return ok & a->prev_ok & b->prev_ok & (a->prev <= b->prev) & (a->cur > b->cur);
    case DCA_OPERATOR_CROSSING_BELOW:
      return ok & a->prev_ok & b->prev_ok & (a->prev >= b->prev) & (a->cur < b->cur);
    case DCA_N_OPERATORS:
    default:
      return FALSE;
    }
}

/* The ops [i, end) are siblings under one logic.  OR stops at the first
 * TRUE, AND at the first FALSE. */
static gboolean
eval_range (const Op   *ops,
            const Slot *slots,
            guint       i,
            guint       end,
            gboolean    is_or)
{
  while (i < end)
    {
      const Op *op = &ops[i];
      gboolean r;

      if (op->kind == OP_LEAF)
        r = eval_leaf (op, slots);
      else
        r = eval_range (ops, slots, i + 1, op->end, op->kind == OP_OR);
      if (r == is_or)
        return r;
      i = op->end;
    }
  return !is_or;
}

gboolean
dca_signals_eval (DcaSignals *self,
                  int         handle)
{
  const Program *prog;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (handle >= 0 && (guint) handle < self->programs->len, FALSE);

  prog = &g_array_index (self->programs, Program, handle);
  if (prog->first == prog->end)
    return TRUE;
  /* most lists are a single condition */
  if (prog->end - prog->first == 1)
    return eval_leaf (&g_array_index (self->ops, Op, prog->first),
                      (const Slot *) (gconstpointer) self->slots->data);
  return eval_range ((const Op *) (gconstpointer) self->ops->data,
                     (const Slot *) (gconstpointer) self->slots->data,
                     prog->first, prog->end, prog->is_or);
}

/* Explaining ----------------------------------------------------------- */

static void
append_value (GString *out,
              double   v,
              gboolean ok)
{
  if (!ok)
    g_string_append (out, "n/a");
  else if (fabs (v) >= 1 && fabs (v) < 1e9)
    g_string_append_printf (out, "%.2f", v);
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* small values (MACD, close - EMA on BTC pairs) need their digits */
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4g", v));
    }
}

static void
append_side (GString    *out,
             const Slot *slot,
             gboolean    crossing)
{
  if (crossing)
    {
      append_value (out, slot->prev, slot->prev_ok);
      g_string_append (out, " -> ");
    }
  append_value (out, slot->cur, slot->cur_ok);
}

static void
explain_items (DcaSignals             *self,
               GString                *out,
               const DcaConditionNode *items,
               guint                   n_items,
               guint                  *op_index)
{
  const Op *ops = (const Op *) (gconstpointer) self->ops->data;
  const Slot *slots = (const Slot *) (gconstpointer) self->slots->data;

  for (guint i = 0; i < n_items; i++)
    {
      const DcaConditionNode *node = &items[i];
      const Op *op = &ops[*op_index];
      gboolean result;

      if (i > 0)
        g_string_append (out, "; ");
      if (node->is_group)
        {
          result = eval_range (ops, slots, *op_index + 1, op->end, op->kind == OP_OR);
          g_string_append_printf (out, "%s of {", node->logic == DCA_LOGIC_OR ? "any" : "all");
          (*op_index)++;
          explain_items (self, out, node->children, node->n_children, op_index);
          g_string_append_printf (out, "}: %s", result ? "yes" : "no");
          continue;
        }

      {
        gboolean crossing = node->op == DCA_OPERATOR_CROSSING_ABOVE ||
                            node->op == DCA_OPERATOR_CROSSING_BELOW;

        result = eval_leaf (op, slots);
        dca_indicator_spec_describe (&node->lhs, out);
        g_string_append_c (out, ' ');
        append_side (out, &slots[op->lhs], crossing);
        g_string_append_printf (out, " %s ", dca_operator_describe (node->op));
        if (node->rhs_is_indicator)
          {
            dca_indicator_spec_describe (&node->rhs, out);
            g_string_append_c (out, ' ');
            append_side (out, &slots[op->rhs], crossing);
          }
        else
          dca_condition_append_number (out, node->value);
        g_string_append_printf (out, ": %s", result ? "yes" : "no");
        (*op_index)++;
      }
    }
}

char *
dca_signals_explain (DcaSignals *self,
                     int         handle)
{
  const Program *prog;
  GString *out;
  guint op_index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (handle >= 0 && (guint) handle < self->programs->len, NULL);

  prog = &g_array_index (self->programs, Program, handle);
  out = g_string_new (NULL);
  op_index = prog->first;
  if (prog->list->n_items == 0)
    g_string_append (out, "no conditions: yes");
  else if (prog->list->n_items == 1)
    explain_items (self, out, prog->list->items, 1, &op_index);
  else
    {
      g_string_append_printf (out, "%s of {", prog->is_or ? "any" : "all");
      explain_items (self, out, prog->list->items, prog->list->n_items, &op_index);
      g_string_append_printf (out, "}: %s", dca_signals_eval (self, handle) ? "yes" : "no");
    }
  return g_string_free (out, FALSE);
}

/* Closed candles an indicator needs before its value exists. */
static guint
spec_warmup (const DcaIndicatorSpec *spec)
{
  switch (spec->type)
    {
    case DCA_INDICATOR_RSI:
    case DCA_INDICATOR_PRICE_CHANGE:
      return spec->period + 1;
    case DCA_INDICATOR_MACD:
      return spec->slow_period + spec->signal_period - 1;
    case DCA_INDICATOR_BB_PERCENT:
    case DCA_INDICATOR_EMA_CROSS:
    case DCA_INDICATOR_SMA_CROSS:
    case DCA_INDICATOR_STOCHASTIC:
      return spec->period;
    case DCA_INDICATOR_VOLUME:
      return 1;
    case DCA_N_INDICATORS:
    default:
      g_assert_not_reached ();
    }
}

guint
dca_signals_get_warmup (DcaSignals   *self,
                        DcaTimeframe  tf)
{
  guint need = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) tf < DCA_N_TIMEFRAMES, 0);

  for (guint i = 0; i < self->instances->len; i++)
    {
      const Instance *inst = &g_array_index (self->instances, Instance, i);

      /* + 1 for the previous value that crossings compare with */
      if (inst->spec.timeframe == tf)
        need = MAX (need, spec_warmup (&inst->spec) + 1);
    }
  return need;
}
