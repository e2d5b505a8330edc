/* dca-deal-item.c: one deal as the Deals and History lists show it */
#define G_LOG_DOMAIN "dca-deal-item"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-deal.h"
#include "dca-deal-item.h"
#include "dca-json.h"

struct _DcaDealItem
{
  GObject        parent_instance;

  DcaDealRecord *record;
  char          *bot;
  DcaDecimal     price;
  gint64         now;
  char          *strategy_type;

  /* read from the configuration snapshot on first use */
  gboolean       config_read;
  gboolean       has_levels;
  DcaDealLevels  levels;
  gboolean       has_max_safety;
  guint          max_safety;
};

G_DEFINE_FINAL_TYPE (DcaDealItem, dca_deal_item, G_TYPE_OBJECT)

DcaDealItem *
dca_deal_item_new (DcaDealRecord *record,
                   const char    *bot_name)
{
  DcaDealItem *self = g_object_new (DCA_TYPE_DEAL_ITEM, NULL);

  self->record = record;
  self->bot = g_strdup (bot_name ? bot_name : "");
  return self;
}

const DcaDealRecord *
dca_deal_item_get_record (DcaDealItem *self)
{
  return self->record;
}

const char *
dca_deal_item_get_bot (DcaDealItem *self)
{
  return self->bot;
}

void
dca_deal_item_set_price (DcaDealItem *self,
                         DcaDecimal   price)
{
  self->price = price;
}

DcaDecimal
dca_deal_item_get_price (DcaDealItem *self)
{
  return self->price;
}

void
dca_deal_item_set_now (DcaDealItem *self,
                       gint64       now)
{
  self->now = now;
}

void
dca_deal_item_set_strategy_type (DcaDealItem *self,
                                 const char  *strategy_type)
{
  if (g_strcmp0 (self->strategy_type, strategy_type) == 0)
    return;
  g_free (self->strategy_type);
  self->strategy_type = g_strdup (strategy_type);
  self->config_read = FALSE;
}

/* Core reads the snapshot the deal opened with and computes its levels. */
static void
read_config (DcaDealItem *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DcaStrategyConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  DcaStrategyType type = DCA_STRATEGY_CONDITIONAL_DCA;

  if (self->config_read)
    return;
  self->config_read = TRUE;
  self->has_levels = FALSE;
  self->has_max_safety = FALSE;
  if (self->strategy_type != NULL && !dca_strategy_type_parse (self->strategy_type, &type))
    return;
  node = dca_json_parse (self->record->config_snapshot_json ? self->record->config_snapshot_json : "{}", -1,
                         &error);
  if (node != NULL)
    config = dca_strategy_config_parse (type, node, &error);
  if (config == NULL)
    {
      g_debug ("deal %" G_GINT64_FORMAT ": its configuration: %s", self->record->id, error->message);
      return;
    }
  self->has_max_safety = TRUE;
  self->max_safety = config->max_safety_orders;
  dca_deal_levels (&self->record->state, config, &self->levels);
  self->has_levels = self->levels.has_average;
}

gboolean
dca_deal_item_get_levels (DcaDealItem   *self,
                          DcaDealLevels *levels)
{
  read_config (self);
  if (self->has_levels)
    *levels = self->levels;
  return self->has_levels;
}

gboolean
dca_deal_item_get_max_safety_orders (DcaDealItem *self,
                                     guint       *max)
{
  read_config (self);
  if (self->has_max_safety)
    *max = self->max_safety;
  return self->has_max_safety;
}

const char *
dca_deal_column_title (DcaDealColumn column)
{
  switch (column)
    {
    case DCA_DEAL_COLUMN_BOT: return _("Bot");
    case DCA_DEAL_COLUMN_PAIR: return _("Pair");
    case DCA_DEAL_COLUMN_OPENED: return _("Opened");
    case DCA_DEAL_COLUMN_CLOSED: return _("Closed");
    case DCA_DEAL_COLUMN_DURATION: return _("Duration");
    case DCA_DEAL_COLUMN_SAFETY_ORDERS: return _("Safety Orders");
    case DCA_DEAL_COLUMN_SPENT: return _("Spent");
    case DCA_DEAL_COLUMN_AVERAGE_PRICE: return _("Average Price");
    case DCA_DEAL_COLUMN_PROFIT: return _("Profit");
    case DCA_DEAL_COLUMN_PROFIT_PERCENTAGE: return _("Profit %");
    case DCA_DEAL_COLUMN_CLOSE_REASON: return _("Closed By");
    case DCA_DEAL_COLUMN_PRICE: return _("Price");
    case DCA_DEAL_COLUMN_UNREALISED: return _("Unrealised");
    case DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE: return _("Unrealised %");
    case DCA_DEAL_COLUMN_PRICE_BAR: return _("Price and Targets");
    case DCA_DEAL_COLUMN_SPENT_BOUGHT: return _("Spent / Bought");
    case DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX: return _("Safety Orders");
    case DCA_DEAL_COLUMN_AGE: return _("Age");
    case DCA_DEAL_COLUMN_LAST_ERROR: return _("Last Error");
    case DCA_N_DEAL_COLUMNS:
    default: return "";
    }
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_local (t);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  return g_strdup_printf (_("%d d %d h"), (int) (seconds / 86400), (int) (seconds % 86400 / 3600));
}

static const char *
close_reason_label (DcaCloseReason reason)
{
  switch (reason)
    {
    case DCA_CLOSE_REASON_TAKE_PROFIT: return _("Take profit");
    case DCA_CLOSE_REASON_TRAILING_TAKE_PROFIT: return _("Trailing take profit");
    case DCA_CLOSE_REASON_STOP_LOSS: return _("Stop loss");
    case DCA_CLOSE_REASON_TRAILING_STOP_LOSS: return _("Trailing stop loss");
    case DCA_CLOSE_REASON_CONDITIONS: return _("Conditions");
    case DCA_CLOSE_REASON_MANUAL: return _("Manual");
    case DCA_CLOSE_REASON_NONE:
    default: return "";
    }
}

/* amounts as the exchange counts them: 8 decimals, exact, rounded half even */
static char *
amount (DcaDecimal d)
{
  return dca_decimal_to_string_places (d, 8);
}

static gint64
now_of (DcaDealItem *self)
{
  return self->now > 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/* The price bar in words: the exact prices it places. */
static char *
price_bar_text (DcaDealItem *self)
{
  DcaDealLevels levels;
  GString *text = g_string_new (NULL);
  g_autofree char *avg = NULL;

  if (!dca_deal_item_get_levels (self, &levels))
    return g_string_free (text, FALSE);
  avg = amount (levels.average_price);
  g_string_append_printf (text, _("Average entry %s"), avg);
  if (dca_decimal_sign (self->price) > 0)
    {
      g_autofree char *p = amount (self->price);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("price %s"), p);
    }
  if (levels.has_take_profit)
    {
      g_autofree char *tp = amount (levels.take_profit);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("take profit %s"), tp);
    }
  if (levels.n_safety > 0)
    {
      g_autofree char *so = amount (levels.safety[0]);

      g_string_append (text, ", ");
      g_string_append_printf (text, _("safety order %u at %s"), levels.first_safety, so);
    }
  return g_string_free (text, FALSE);
}

char *
dca_deal_item_format (DcaDealItem   *self,
                      DcaDealColumn  column)
{
  const DcaDealRecord *r = self->record;
  const DcaDealState *s = &r->state;

  switch (column)
    {
    case DCA_DEAL_COLUMN_BOT:
      return g_strdup (self->bot);
    case DCA_DEAL_COLUMN_PAIR:
      return g_strdup (r->product_id);
    case DCA_DEAL_COLUMN_OPENED:
      return format_time (s->opened_at);
    case DCA_DEAL_COLUMN_CLOSED:
      return format_time (s->closed_at);
    case DCA_DEAL_COLUMN_DURATION:
      return s->closed_at > 0 ? format_duration (s->closed_at - s->opened_at) : g_strdup ("");
    case DCA_DEAL_COLUMN_SAFETY_ORDERS:
      return g_strdup_printf ("%u", s->safety_orders);
    case DCA_DEAL_COLUMN_SPENT:
      {
        g_autofree char *a = amount (s->quote_spent);

        return g_strdup_printf ("%s %s", a, r->quote_currency ? r->quote_currency : "");
      }
    case DCA_DEAL_COLUMN_AVERAGE_PRICE:
      return amount (dca_deal_state_average_price (s));
    case DCA_DEAL_COLUMN_PROFIT:
      return r->has_profit ? amount (r->profit) : g_strdup ("");
    case DCA_DEAL_COLUMN_PROFIT_PERCENTAGE:
      if (!r->has_profit_percentage)
        return g_strdup ("");
      {
        g_autofree char *p = dca_decimal_to_string_places (r->profit_percentage, 2);

        return g_strdup_printf ("%s %%", p);
      }
    case DCA_DEAL_COLUMN_CLOSE_REASON:
      return g_strdup (close_reason_label (s->close_reason));
    case DCA_DEAL_COLUMN_PRICE:
      return dca_decimal_sign (self->price) > 0 ? amount (self->price) : g_strdup ("—");
    case DCA_DEAL_COLUMN_UNREALISED:
    case DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE:
      {
        DcaDecimal pnl, pct;

        if (s->status != DCA_DEAL_STATUS_OPEN || !dca_deal_state_unrealised (s, self->price, &pnl, &pct))
          return g_strdup ("—");
        if (column == DCA_DEAL_COLUMN_UNREALISED)
          return amount (pnl);
        {
          g_autofree char *p = dca_decimal_to_string_places (pct, 2);

          return g_strdup_printf ("%s %%", p);
        }
      }
    case DCA_DEAL_COLUMN_PRICE_BAR:
      return price_bar_text (self);
    case DCA_DEAL_COLUMN_SPENT_BOUGHT:
      {
        g_autofree char *spent = amount (s->quote_spent);
        g_autofree char *bought = amount (s->base_bought);
        g_auto(GStrv) pair = g_strsplit (r->product_id ? r->product_id : "", "-", 2);

        return g_strdup_printf ("%s %s / %s %s", spent, r->quote_currency ? r->quote_currency : "",
                                bought, pair[0] ? pair[0] : "");
      }
    case DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX:
      {
        guint max;

        if (!dca_deal_item_get_max_safety_orders (self, &max))
          return g_strdup_printf ("%u", s->safety_orders);
        return g_strdup_printf ("%u / %u", s->safety_orders, max);
      }
    case DCA_DEAL_COLUMN_AGE:
      if (s->opened_at <= 0)
        return g_strdup ("");
      return format_duration (MAX (0, (s->closed_at > 0 ? s->closed_at : now_of (self)) - s->opened_at));
    case DCA_DEAL_COLUMN_LAST_ERROR:
      return g_strdup (r->last_error ? r->last_error : "");
    case DCA_N_DEAL_COLUMNS:
    default:
      return g_strdup ("");
    }
}

/* Known before unknown; then a against b. */
static int
cmp_known (gboolean    known_a,
           gboolean    known_b,
           DcaDecimal  a,
           DcaDecimal  b)
{
  if (known_a != known_b)
    return known_a ? -1 : 1;
  return known_a ? dca_decimal_cmp (a, b) : 0;
}

static int
cmp_int (gint64 a,
         gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static gboolean
unrealised (DcaDealItem *self,
            DcaDecimal  *amount_out,
            DcaDecimal  *percentage)
{
  return self->record->state.status == DCA_DEAL_STATUS_OPEN &&
         dca_deal_state_unrealised (&self->record->state, self->price, amount_out, percentage);
}

int
dca_deal_item_compare (DcaDealItem   *a,
                       DcaDealItem   *b,
                       DcaDealColumn  column)
{
  const DcaDealRecord *ra = a->record, *rb = b->record;
  int r = 0;

  switch (column)
    {
    case DCA_DEAL_COLUMN_BOT:
      r = g_utf8_collate (a->bot, b->bot);
      break;
    case DCA_DEAL_COLUMN_PAIR:
      r = g_strcmp0 (ra->product_id, rb->product_id);
      break;
    case DCA_DEAL_COLUMN_OPENED:
      r = cmp_int (ra->state.opened_at, rb->state.opened_at);
      break;
    case DCA_DEAL_COLUMN_AGE:
      /* the older, the longer */
      r = cmp_int (rb->state.opened_at, ra->state.opened_at);
      break;
    case DCA_DEAL_COLUMN_CLOSED:
      r = cmp_int (ra->state.closed_at, rb->state.closed_at);
      break;
    case DCA_DEAL_COLUMN_DURATION:
      r = cmp_int (ra->state.closed_at - ra->state.opened_at, rb->state.closed_at - rb->state.opened_at);
      break;
    case DCA_DEAL_COLUMN_SAFETY_ORDERS:
    case DCA_DEAL_COLUMN_SAFETY_ORDERS_MAX:
      r = cmp_int (ra->state.safety_orders, rb->state.safety_orders);
      break;
    case DCA_DEAL_COLUMN_SPENT:
    case DCA_DEAL_COLUMN_SPENT_BOUGHT:
      r = dca_decimal_cmp (ra->state.quote_spent, rb->state.quote_spent);
      break;
    case DCA_DEAL_COLUMN_AVERAGE_PRICE:
      r = dca_decimal_cmp (dca_deal_state_average_price (&ra->state), dca_deal_state_average_price (&rb->state));
      break;
    case DCA_DEAL_COLUMN_PROFIT:
      r = cmp_known (ra->has_profit, rb->has_profit, ra->profit, rb->profit);
      break;
    case DCA_DEAL_COLUMN_PROFIT_PERCENTAGE:
      r = cmp_known (ra->has_profit_percentage, rb->has_profit_percentage, ra->profit_percentage,
                     rb->profit_percentage);
      break;
    case DCA_DEAL_COLUMN_CLOSE_REASON:
      r = g_utf8_collate (close_reason_label (ra->state.close_reason), close_reason_label (rb->state.close_reason));
      break;
    case DCA_DEAL_COLUMN_PRICE:
      r = cmp_known (dca_decimal_sign (a->price) > 0, dca_decimal_sign (b->price) > 0, a->price, b->price);
      break;
    case DCA_DEAL_COLUMN_UNREALISED:
    case DCA_DEAL_COLUMN_UNREALISED_PERCENTAGE:
    case DCA_DEAL_COLUMN_PRICE_BAR:
      {
        DcaDecimal amount_a = { 0 }, amount_b = { 0 }, pct_a = { 0 }, pct_b = { 0 };
        gboolean ka = unrealised (a, &amount_a, &pct_a);
        gboolean kb = unrealised (b, &amount_b, &pct_b);

        r = column == DCA_DEAL_COLUMN_UNREALISED ? cmp_known (ka, kb, amount_a, amount_b)
                                                 : cmp_known (ka, kb, pct_a, pct_b);
        break;
      }
    case DCA_DEAL_COLUMN_LAST_ERROR:
      if ((ra->last_error == NULL) != (rb->last_error == NULL))
        r = ra->last_error != NULL ? -1 : 1;
      else
        r = g_strcmp0 (ra->last_error, rb->last_error);
      break;
    case DCA_N_DEAL_COLUMNS:
    default:
      break;
    }
  /* a stable order for equal values */
  return r != 0 ? r : cmp_int (ra->id, rb->id);
}

static void
dca_deal_item_finalize (GObject *object)
{
  DcaDealItem *self = DCA_DEAL_ITEM (object);

  dca_deal_record_free (self->record);
  g_free (self->bot);
  g_free (self->strategy_type);
  G_OBJECT_CLASS (dca_deal_item_parent_class)->finalize (object);
}

static void
dca_deal_item_class_init (DcaDealItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_deal_item_finalize;
}

static void
dca_deal_item_init (DcaDealItem *self)
{
}
