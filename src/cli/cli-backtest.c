/* cli-backtest.c: dcadesk-cli backtest */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dca-backtest.h"
#include "dca-product.h"

#include "dcadesk-cli.h"

int
cli_backtest (int    argc,
              char **argv)
{
  g_autofree char *bot_path = NULL;
  g_auto(GStrv) candle_args = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *fee_text = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "bot", 0, 0, G_OPTION_ARG_FILENAME, &bot_path, N_("The bot, as a bot export (JSON)"), "BOT.json" },
    { "candles", 0, 0, G_OPTION_ARG_STRING_ARRAY, &candle_args,
      N_("Candles of a pair (time,open,high,low,close,volume); repeat for more pairs"), "PAIR=FILE.csv" },
    { "balance", 0, 0, G_OPTION_ARG_STRING, &balance_text, N_("Starting quote balance (default 1.0)"), "AMOUNT" },
    { "fee", 0, 0, G_OPTION_ARG_STRING, &fee_text, N_("Fee rate per fill (default 0.006)"), "RATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *bot_text = NULL;
  gsize bot_len;
  g_autoptr(DcaBotConfig) bot = NULL;
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) dca_candle_series_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (DcaBacktestPair));
  g_autoptr(DcaBacktestResult) result = NULL;
  DcaBacktestOptions options;

  if (!cli_parse_options ("--bot BOT.json --candles PAIR=FILE.csv",
                          _("Replays candles through a bot at each candle's close, with market "
                            "fills at the close, and reports every deal."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cli_fail_message (_("unexpected argument “%s”"), argv[1]);
  if (bot_path == NULL)
    return cli_fail_message (_("--bot BOT.json is required"));
  if (candle_args == NULL || candle_args[0] == NULL)
    return cli_fail_message (_("--candles PAIR=FILE.csv is required"));

  dca_backtest_options_init (&options);
  if (balance_text != NULL &&
      (!dca_decimal_parse (balance_text, &options.start_balance, NULL) ||
       dca_decimal_sign (options.start_balance) <= 0))
    return cli_fail_message (_("--balance: “%s” is not a positive amount"), balance_text);
  if (fee_text != NULL &&
      (!dca_decimal_parse (fee_text, &options.fee_rate, NULL) ||
       dca_decimal_sign (options.fee_rate) < 0 ||
       dca_decimal_cmp (options.fee_rate, dca_decimal_from_int (1)) >= 0))
    return cli_fail_message (_("--fee: “%s” is not a fee rate from 0 to below 1 (0.006 is 0.6 %%)"),
                             fee_text);

  if (!g_file_get_contents (bot_path, &bot_text, &bot_len, &error))
    return cli_fail (g_steal_pointer (&error));
  bot = dca_bot_config_parse_export (bot_text, (gssize) bot_len, &error);
  if (bot == NULL)
    return cli_fail_message ("%s: %s", bot_path, error->message);

  for (guint i = 0; candle_args[i]; i++)
    {
      const char *eq = strchr (candle_args[i], '=');
      g_autofree char *pair = NULL;
      DcaCandleSeries *s;
      DcaBacktestPair p;

      if (eq == NULL || eq == candle_args[i] || eq[1] == '\0')
        return cli_fail_message (_("--candles: “%s” is not PAIR=FILE.csv"), candle_args[i]);
      pair = g_strndup (candle_args[i], (gsize) (eq - candle_args[i]));
      if (!dca_product_id_is_valid (pair))
        return cli_fail_message (_("--candles: “%s” is not a pair such as ETH-BTC"), pair);
      for (guint j = 0; j < names->len; j++)
        if (strcmp (g_ptr_array_index (names, j), pair) == 0)
          return cli_fail_message (_("--candles: %s is given twice"), pair);

      s = dca_candle_series_load_csv (eq + 1, &error);
      if (s == NULL)
        return cli_fail (g_steal_pointer (&error));
      g_ptr_array_add (series, s);
      g_ptr_array_add (names, g_steal_pointer (&pair));
      p.product_id = g_ptr_array_index (names, names->len - 1);
      p.candles = s;
      g_array_append_val (pairs, p);
    }

  result = dca_backtest_run (bot, (DcaBacktestPair *) pairs->data, pairs->len, &options, NULL,
                             &error);
  if (result == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autofree char *text = dca_backtest_result_to_json (result, TRUE);

      fputs (text, stdout);
    }
  else
    {
      g_autofree char *text = dca_backtest_result_to_text (result);

      fputs (text, stdout);
    }
  return 0;
}
