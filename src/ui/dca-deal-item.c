/* dca-deal-item.c: one deal as the Deals and History lists show it */
#define G_LOG_DOMAIN "dca-deal-item"

#include "config.h"

#include <glib/gi18n.h>

#include "dca-deal.h"
#include "dca-deal-item.h"

struct _DcaDealItem
{
  GObject        parent_instance;

  DcaDealRecord *record;
  char          *bot;
  DcaDecimal     price;
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
    case DCA_N_DEAL_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static void
dca_deal_item_finalize (GObject *object)
{
  DcaDealItem *self = DCA_DEAL_ITEM (object);

  dca_deal_record_free (self->record);
  g_free (self->bot);
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
