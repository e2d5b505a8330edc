/* cli-deals.c: dcadesk-cli deals and dcadesk-cli balances */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dca-backtest.h"
#include "dca-store.h"

#include "dcadesk-cli.h"

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* A deal as `deals list --json` gives it: the report's deal plus id, bot_id,
 * exchange, notes and last_error. */
static void
write_deal (DcaJsonWriter       *w,
            const DcaDealRecord *d,
            GPtrArray           *fills)
{
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (DcaFill));

  for (guint i = 0; fills != NULL && i < fills->len; i++)
    g_array_append_val (plain, ((DcaFillRecord *) g_ptr_array_index (fills, i))->fill);
  dca_json_member_int (w, "id", d->id);
  dca_json_member_int (w, "bot_id", d->bot_id);
  dca_json_member_string (w, "exchange", d->exchange);
  dca_deal_json_write_members (w, d->product_id, &d->state, (const DcaFill *) plain->data, plain->len);
  dca_json_member_string (w, "notes", d->notes);
  dca_json_member_string (w, "last_error", d->last_error);
}

static int
deals_list (DcaStore      *store,
            DcaDealFilter *filter,
            gboolean       json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(DcaJsonWriter) w = NULL;

  /* newest first from the store (so --limit keeps the latest), shown oldest first */
  filter->sort = DCA_DEAL_SORT_OPENED;
  deals = dca_store_list_deals (store, filter, &error);
  if (deals == NULL)
    return cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < deals->len / 2; i++)
    {
      gpointer tmp = deals->pdata[i];

      deals->pdata[i] = deals->pdata[deals->len - 1 - i];
      deals->pdata[deals->len - 1 - i] = tmp;
    }

  if (!json)
    {
      if (deals->len == 0)
        {
          g_print ("%s\n", _("No deals."));
          return 0;
        }
      g_print ("%-7s %-5s %-10s %-9s %-16s %-16s %3s %16s %16s %8s\n", _("ID"), _("Bot"), _("Pair"),
               _("Status"), _("Opened"), _("Closed"), _("SOs"), _("Spent"), _("Profit"), _("Profit %"));
      for (guint i = 0; i < deals->len; i++)
        {
          DcaDealRecord *d = g_ptr_array_index (deals, i);
          g_autofree char *opened = format_time (d->state.opened_at);
          g_autofree char *closed = format_time (d->state.closed_at);
          g_autofree char *spent = dca_decimal_to_string_places (d->state.quote_spent, 8);
          g_autofree char *profit = d->has_profit ? dca_decimal_to_string_places (d->profit, 8)
                                                  : g_strdup ("");
          g_autofree char *pct = d->has_profit_percentage
                                   ? dca_decimal_to_string_places (d->profit_percentage, 2)
                                   : g_strdup ("");

          g_print ("%-7" G_GINT64_FORMAT " %-5" G_GINT64_FORMAT " %-10s %-9s %-16s %-16s %3u %16s %16s %8s\n",
                   d->id, d->bot_id, d->product_id, dca_deal_status_to_string (d->state.status), opened,
                   closed, d->state.safety_orders, spent, profit, pct);
        }
      return 0;
    }

  w = dca_json_writer_new (TRUE);
  dca_json_begin_array (w);
  for (guint i = 0; i < deals->len; i++)
    {
      DcaDealRecord *d = g_ptr_array_index (deals, i);
      g_autoptr(GPtrArray) fills = dca_store_list_fills_of_deal (store, d->id, &error);

      if (fills == NULL)
        return cli_fail (g_steal_pointer (&error));
      dca_json_begin_object (w);
      write_deal (w, d, fills);
      dca_json_end_object (w);
    }
  dca_json_end_array (w);
  cli_print_json (w);
  return 0;
}

static void
write_order (DcaJsonWriter        *w,
             const DcaOrderRecord *o)
{
  dca_json_begin_object (w);
  dca_json_member_int (w, "id", o->id);
  dca_json_member_string (w, "client_order_id", o->client_order_id);
  dca_json_member_string (w, "exchange_order_id", o->exchange_order_id);
  dca_json_member_string (w, "kind", dca_order_kind_to_string (o->kind));
  dca_json_member_string (w, "side", dca_side_to_string (o->side));
  dca_json_member_string (w, "type", dca_order_type_to_string (o->type));
  dca_json_member_string (w, "status", dca_order_status_to_string (o->status));
  if (o->so_index > 0)
    dca_json_member_int (w, "safety_order", o->so_index);
  dca_json_key (w, "quote_size");
  if (dca_decimal_is_zero (o->quote_size))
    dca_json_null (w);
  else
    dca_json_decimal_string (w, o->quote_size);
  dca_json_key (w, "base_size");
  if (dca_decimal_is_zero (o->base_size))
    dca_json_null (w);
  else
    dca_json_decimal_string (w, o->base_size);
  dca_json_key (w, "limit_price");
  if (dca_decimal_is_zero (o->limit_price))
    dca_json_null (w);
  else
    dca_json_decimal_string (w, o->limit_price);
  dca_json_member_decimal_string (w, "filled_base", o->filled_base);
  dca_json_member_decimal_string (w, "filled_quote", o->filled_quote);
  dca_json_member_decimal_string (w, "fees", o->fees);
  dca_json_member_decimal_string (w, "average_price", o->average_price);
  dca_json_member_string (w, "error", o->error);
  dca_json_member_int (w, "created_at", o->created_at);
  dca_json_end_object (w);
}

static int
deals_show (DcaStore   *store,
            const char *arg,
            gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaDealRecord) d = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  gint64 id;

  if (!cli_parse_id (arg, &id))
    return cli_fail_message (_("“%s” is not a deal id (a positive number, as “deals list” shows)"), arg);
  if ((d = dca_store_get_deal (store, id, &error)) == NULL ||
      (fills = dca_store_list_fills_of_deal (store, id, &error)) == NULL ||
      (orders = dca_store_list_orders_of_deal (store, id, &error)) == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

      dca_json_begin_object (w);
      write_deal (w, d, fills);
      dca_json_key (w, "orders");
      dca_json_begin_array (w);
      for (guint i = 0; i < orders->len; i++)
        write_order (w, g_ptr_array_index (orders, i));
      dca_json_end_array (w);
      dca_json_end_object (w);
      cli_print_json (w);
      return 0;
    }

  {
    g_autofree char *opened = format_time (d->state.opened_at);
    g_autofree char *closed = format_time (d->state.closed_at);
    g_autofree char *spent = dca_decimal_to_string (d->state.quote_spent);
    g_autofree char *avg = dca_decimal_to_string (dca_deal_state_average_price (&d->state));

    g_autofree char *deal_id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
    g_autofree char *bot_id = g_strdup_printf ("%" G_GINT64_FORMAT, d->bot_id);

    g_print (_("Deal #%s of bot #%s: %s, %s\n"), deal_id, bot_id, d->product_id,
             dca_deal_status_to_string (d->state.status));
    g_print ("  %-16s %s\n", _("Opened:"), opened);
    if (d->state.closed_at != 0)
      {
        const char *reason = dca_close_reason_to_string (d->state.close_reason);

        /* a cancelled deal has no close reason */
        if (reason != NULL)
          g_print ("  %-16s %s (%s)\n", _("Closed:"), closed, reason);
        else
          g_print ("  %-16s %s\n", _("Closed:"), closed);
      }
    g_print ("  %-16s %s %s\n", _("Spent:"), spent, d->quote_currency);
    g_print ("  %-16s %s\n", _("Average price:"), avg);
    g_print ("  %-16s %u\n", _("Safety orders:"), d->state.safety_orders);
    if (d->has_profit)
      {
        g_autofree char *profit = dca_decimal_to_string (d->profit);
        g_autofree char *pct = d->has_profit_percentage
                                 ? dca_decimal_to_string_places (d->profit_percentage, 2)
                                 : g_strdup ("-");

        g_print ("  %-16s %s %s (%s %%)\n", _("Profit:"), profit, d->quote_currency, pct);
      }
    if (d->notes != NULL && *d->notes != '\0')
      g_print ("  %-16s %s\n", _("Notes:"), d->notes);
    if (d->last_error != NULL)
      g_print ("  %-16s %s\n", _("Last error:"), d->last_error);
    g_print ("\n  %s\n", _("Orders:"));
    for (guint i = 0; i < orders->len; i++)
      {
        DcaOrderRecord *o = g_ptr_array_index (orders, i);
        g_autofree char *when = format_time (o->created_at);
        g_autofree char *fq = dca_decimal_to_string (o->filled_quote);
        g_autofree char *fb = dca_decimal_to_string (o->filled_base);

        g_print ("  %-16s %-7s %-4s %-9s base %-14s quote %-18s %s\n", when,
                 dca_order_kind_to_string (o->kind), dca_side_to_string (o->side),
                 dca_order_status_to_string (o->status), fb, fq, o->client_order_id);
        if (o->error != NULL)
          g_print ("  %-16s %s\n", "", o->error);
      }
    if (orders->len == 0)
      g_print ("  %s\n", _("none"));
    g_print ("\n  %s\n", _("Fills:"));
    if (fills->len == 0)
      g_print ("  %s\n", _("none"));
    for (guint i = 0; i < fills->len; i++)
      {
        const DcaFill *f = &((DcaFillRecord *) g_ptr_array_index (fills, i))->fill;
        g_autofree char *when = format_time (f->time);
        g_autofree char *price = dca_decimal_to_string (f->price);
        g_autofree char *base = dca_decimal_to_string (f->base);
        g_autofree char *quote = dca_decimal_to_string (f->quote);
        g_autofree char *fee = dca_decimal_to_string (f->fee);

        g_print ("  %-16s %-7s %-4s price %-14s base %-14s quote %-18s fee %s\n", when,
                 dca_order_kind_to_string (f->kind), dca_side_to_string (f->side), price, base, quote,
                 fee);
      }
  }
  return 0;
}

int
cli_deals (int    argc,
           char **argv)
{
  g_autofree char *status_text = NULL;
  g_autofree char *bot_text = NULL;
  g_autofree char *pair = NULL;
  int limit = 0;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only deals with this status"),
      "open|closed|cancelled" },
    { "bot", 0, 0, G_OPTION_ARG_STRING, &bot_text, N_("Only this bot's deals"), "ID" },
    { "pair", 0, 0, G_OPTION_ARG_STRING, &pair, N_("Only deals on this pair"), "BASE-QUOTE" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most the N latest deals"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  DcaDealFilter filter = { 0 };
  const char *verb;

  if (!cli_parse_options ("list [--status …] [--bot ID] [--pair P] | show ID",
                          _("Lists deals oldest first, or shows one with its orders and fills."),
                          entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "list";

  if (status_text != NULL)
    {
      DcaDealStatus st;

      if (!dca_deal_status_parse (status_text, &st))
        return cli_fail_message (_("--status: “%s” is not open, closed or cancelled"), status_text);
      filter.status_mask = DCA_DEAL_STATUS_MASK (st);
    }
  if (bot_text != NULL && !cli_parse_id (bot_text, &filter.bot_id))
    return cli_fail_message (_("--bot: “%s” is not a bot id"), bot_text);
  if (pair != NULL)
    filter.product_id = pair;
  if (limit < 0)
    return cli_fail_message (_("--limit: %d is not a number of deals"), limit);
  filter.limit = (guint) limit;

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (strcmp (verb, "list") == 0 && argc <= 2)
    return deals_list (store, &filter, json);
  if (strcmp (verb, "show") == 0 && argc == 3)
    return deals_show (store, argv[2], json);
  return cli_fail_message (_("deals: expected list or show ID (try --help)"));
}

int
cli_balances (int    argc,
              char **argv)
{
  g_autofree char *exchange = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "exchange", 0, 0, G_OPTION_ARG_STRING, &exchange, N_("Only this exchange's"), "paper|coinbase" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (!cli_parse_options ("", _("The balances the store knows: the paper wallet, and the latest copy "
                                "of an exchange account's."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cli_fail_message (_("unexpected argument “%s”"), argv[1]);
  if (exchange != NULL && strcmp (exchange, "paper") != 0 && strcmp (exchange, "coinbase") != 0)
    return cli_fail_message (_("--exchange: “%s” is not paper or coinbase"), exchange);

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_balance_record_free);
  {
    static const char *const all[] = { "paper", "coinbase" };

    for (guint e = 0; e < G_N_ELEMENTS (all); e++)
      {
        g_autoptr(GPtrArray) some = NULL;

        if (exchange != NULL && strcmp (exchange, all[e]) != 0)
          continue;
        some = dca_store_list_balances (store, all[e], &error);
        if (some == NULL)
          return cli_fail (g_steal_pointer (&error));
        for (guint i = 0; i < some->len; i++)
          g_ptr_array_add (rows, g_steal_pointer (&some->pdata[i]));
      }
  }

  if (json)
    {
      g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

      dca_json_begin_array (w);
      for (guint i = 0; i < rows->len; i++)
        {
          DcaBalanceRecord *b = g_ptr_array_index (rows, i);

          dca_json_begin_object (w);
          dca_json_member_string (w, "exchange", b->exchange);
          dca_json_member_string (w, "currency", b->currency);
          dca_json_member_decimal_number (w, "available", b->available);
          dca_json_member_decimal_number (w, "hold", b->hold);
          dca_json_end_object (w);
        }
      dca_json_end_array (w);
      cli_print_json (w);
      return 0;
    }
  g_print ("%-10s %-8s %24s %24s\n", _("Exchange"), _("Currency"), _("Available"), _("On hold"));
  for (guint i = 0; i < rows->len; i++)
    {
      DcaBalanceRecord *b = g_ptr_array_index (rows, i);
      g_autofree char *a = dca_decimal_to_string (b->available);
      g_autofree char *h = dca_decimal_to_string (b->hold);

      g_print ("%-10s %-8s %24s %24s\n", b->exchange, b->currency, a, h);
    }
  return 0;
}
