/* dcadesk-cli.h: what the subcommands of dcadesk-cli share */
#pragma once

#include <glib.h>

#include "dca-json.h"
#include "dca-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} CliCommand;

int        cli_fail            (GError        *error);
int        cli_fail_message    (const char    *format,
                                ...) G_GNUC_PRINTF (1, 2);
gboolean   cli_parse_options   (const char    *usage,
                                const char    *summary,
                                GOptionEntry  *entries,
                                int           *argc,
                                char        ***argv,
                                int           *status);
gboolean   cli_parse_id        (const char    *text,
                                gint64        *id);
void       cli_print_json      (DcaJsonWriter *writer);
DcaStore  *cli_open_store      (GError       **error);

int        cli_backtest        (int            argc,
                                char         **argv);
int        cli_bots            (int            argc,
                                char         **argv);
int        cli_templates       (int            argc,
                                char         **argv);
int        cli_run             (int            argc,
                                char         **argv);
int        cli_deals           (int            argc,
                                char         **argv);
int        cli_balances        (int            argc,
                                char         **argv);
int        cli_keys            (int            argc,
                                char         **argv);
int        cli_notifications   (int            argc,
                                char         **argv);
int        cli_stats           (int            argc,
                                char         **argv);
int        cli_analytics       (int            argc,
                                char         **argv);
int        cli_demo_data       (int            argc,
                                char         **argv);

G_END_DECLS
