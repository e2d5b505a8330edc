/* dcadesk-cli: the command line of DCA Desk (core only, no GTK)
 *
 * Errors are one line on stderr and exit status 2; data goes to stdout, as
 * JSON with --json.
 */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dca-backtest.h"
#include "dca-candles.h"
#include "dca-json.h"
#include "dca-store.h"
#include "dca-strategy.h"

#include "dcadesk-cli.h"

static const CliCommand commands[] = {
  { "backtest", N_("Replay candles through a bot and report its deals"), cli_backtest },
  { "bots", N_("List, show, create, export, clone, start, stop and delete bots"), cli_bots },
  { "templates", N_("List, show, create and delete bot templates"), cli_templates },
  { "run", N_("Run the engine in the foreground, logging events"), cli_run },
  { "deals", N_("List deals, or show one with its orders and fills"), cli_deals },
  { "balances", N_("Show the balances the store knows"), cli_balances },
  { "keys", N_("Save, test or forget the Coinbase API key (keyring)"), cli_keys },
  { "notifications", N_("List the notifications, mark them read or delete them"), cli_notifications },
  { "stats", N_("The dashboard's figures: profit by period, deals, win rate, best and worst bot"), cli_stats },
  { "analytics", N_("The performance table of the bots or the pairs"), cli_analytics },
  { "demo-data", N_("Fill the store with demo bots and closed deals"), cli_demo_data },
};

int
cli_fail (GError *error)
{
  g_printerr ("dcadesk-cli: %s\n", error->message);
  g_error_free (error);
  return 2;
}

int
cli_fail_message (const char *format,
                  ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("dcadesk-cli: %s\n", msg);
  return 2;
}

/* Parses options for a subcommand; on --help prints it and returns FALSE
 * with *status 0, on a usage error returns FALSE with *status 2. */
gboolean
cli_parse_options (const char    *usage,
                   const char    *summary,
                   GOptionEntry  *entries,
                   int           *argc,
                   char        ***argv,
                   int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = cli_fail_message ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* A positive id, as the lists print them. */
gboolean
cli_parse_id (const char *text,
              gint64     *id)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}

void
cli_print_json (DcaJsonWriter *w)
{
  g_autofree char *s = dca_json_writer_steal (w);

  g_print ("%s\n", s);
}

DcaStore *
cli_open_store (GError **error)
{
  g_autofree char *path = dca_store_default_path ();

  return dca_store_open (path, error);
}

static void
usage (void)
{
  g_print ("%s\n\n", _("Usage: dcadesk-cli COMMAND [OPTION…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “dcadesk-cli COMMAND --help” for a command's options."));
  g_print ("%s\n", _("Data lives in $DCADESK_DATA_DIR, or else $XDG_DATA_HOME/dcadesk."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      usage ();
      return argc < 2 ? 2 : 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("dcadesk-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* the subcommand sees itself as argv[0] */
        return commands[i].run (argc - 1, argv + 1);
      }

  return cli_fail_message (_("unknown command “%s” (try --help)"), argv[1]);
}
