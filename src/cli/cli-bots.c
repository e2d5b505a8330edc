/* cli-bots.c: dcadesk-cli bots and dcadesk-cli templates */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dca-bot.h"

#include "dcadesk-cli.h"

static char *
join_products (char **product_ids)
{
  return g_strjoinv (",", product_ids);
}

/* ---- bots --------------------------------------------------------------- */

static int
bots_list (DcaStore *store,
           gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bots = dca_store_list_bots (store, &error);
  g_autoptr(DcaJsonWriter) w = NULL;

  if (bots == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (!json)
    {
      if (bots->len == 0)
        {
          g_print ("%s\n", _("No bots yet: create one with “dcadesk-cli bots create --file BOT.json”."));
          return 0;
        }
      g_print ("%-6s %-28s %-16s %-8s %s\n", _("ID"), _("Name"), _("Strategy"), _("Status"), _("Pairs"));
      for (guint i = 0; i < bots->len; i++)
        {
          DcaBotRecord *b = g_ptr_array_index (bots, i);
          g_autofree char *pairs = join_products (b->product_ids);

          g_print ("%-6" G_GINT64_FORMAT " %-28s %-16s %-8s %s\n", b->id, b->name, b->strategy_type,
                   b->running ? _("running") : _("stopped"), pairs);
        }
      return 0;
    }

  w = dca_json_writer_new (TRUE);
  dca_json_begin_array (w);
  for (guint i = 0; i < bots->len; i++)
    dca_bot_record_write (g_ptr_array_index (bots, i), w);
  dca_json_end_array (w);
  cli_print_json (w);
  return 0;
}

static DcaBotRecord *
get_bot (DcaStore   *store,
         const char *arg,
         GError    **error)
{
  gint64 id;

  if (!cli_parse_id (arg, &id))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a bot id (a positive number, as “bots list” shows)"), arg);
      return NULL;
    }
  return dca_store_get_bot (store, id, error);
}

static int
bots_show (DcaStore   *store,
           const char *arg,
           gboolean    json)
{
  g_autoptr(GError) error = NULL;
  DcaBotRecord *bot = get_bot (store, arg, &error);
  g_autoptr(DcaJsonWriter) w = NULL;
  g_autofree char *pairs = NULL;
  gint64 open_deals;

  if (bot == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      w = dca_json_writer_new (TRUE);
      dca_bot_record_write (bot, w);
      cli_print_json (w);
      dca_bot_record_free (bot);
      return 0;
    }

  pairs = join_products (bot->product_ids);
  open_deals = dca_store_count_open_deals (store, bot->id, NULL);
  g_print ("%s #%" G_GINT64_FORMAT ": %s\n", _("Bot"), bot->id, bot->name);
  if (bot->description && *bot->description)
    g_print ("  %s\n", bot->description);
  g_print ("  %-16s %s\n", _("Strategy:"), bot->strategy_type);
  g_print ("  %-16s %s (%s)\n", _("Pairs:"), pairs, bot->quote_currency);
  g_print ("  %-16s %s\n", _("Status:"), bot->running ? _("running") : _("stopped"));
  g_print ("  %-16s %d s\n", _("Check interval:"), bot->check_interval_seconds);
  g_print ("  %-16s %" G_GINT64_FORMAT "\n", _("Open deals:"), MAX (open_deals, 0));
  g_print ("  %-16s %s\n", _("Configuration:"), bot->strategy_config_json);
  dca_bot_record_free (bot);
  return 0;
}

static int
bots_create (DcaStore   *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(DcaBotConfig) config = NULL;
  DcaBotRecord *record;
  gint64 id;

  if (!g_file_get_contents (path, &text, &len, &error))
    return cli_fail (g_steal_pointer (&error));
  config = dca_bot_config_parse_export (text, (gssize) len, &error);
  if (config == NULL)
    return cli_fail_message ("%s: %s", path, error->message);

  record = dca_bot_record_from_config (config);
  id = dca_store_insert_bot (store, record, &error);
  dca_bot_record_free (record);
  if (id <= 0)
    return cli_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

static int
bots_export (DcaStore   *store,
             const char *arg,
             const char *output)
{
  g_autoptr(GError) error = NULL;
  DcaBotRecord *record = get_bot (store, arg, &error);
  g_autoptr(DcaBotConfig) config = NULL;
  g_autofree char *text = NULL;

  if (record == NULL)
    return cli_fail (g_steal_pointer (&error));
  config = dca_bot_config_from_record (record, &error);
  dca_bot_record_free (record);
  if (config == NULL)
    return cli_fail (g_steal_pointer (&error));
  text = dca_bot_config_to_export_json (config);
  if (output == NULL)
    {
      g_print ("%s\n", text);
      return 0;
    }
  {
    g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

    /* g_file_set_contents writes a temporary file and renames it: an
     * interrupted export never leaves half a file behind */
    if (!g_file_set_contents (output, with_newline, -1, &error))
      return cli_fail (g_steal_pointer (&error));
  }
  return 0;
}

static int
bots_clone (DcaStore   *store,
            const char *arg)
{
  g_autoptr(GError) error = NULL;
  DcaBotRecord *bot = get_bot (store, arg, &error);
  gint64 id;

  if (bot == NULL)
    return cli_fail (g_steal_pointer (&error));
  /* a clone starts stopped, with no deals, under a name that says so */
  id = dca_bot_clone (store, bot->id, _(" (copy)"), &error);
  dca_bot_record_free (bot);
  if (id <= 0)
    return cli_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

static int
bots_set_running (DcaStore   *store,
                  const char *arg,
                  gboolean    running)
{
  g_autoptr(GError) error = NULL;
  DcaBotRecord *bot = get_bot (store, arg, &error);
  g_autoptr(DcaBotConfig) config = NULL;
  gint64 id;

  if (bot == NULL)
    return cli_fail (g_steal_pointer (&error));
  id = bot->id;
  /* only a bot whose stored configuration still validates may start */
  if (running)
    config = dca_bot_config_from_record (bot, &error);
  dca_bot_record_free (bot);
  if (running && config == NULL)
    return cli_fail (g_steal_pointer (&error));
  if (!dca_store_set_bot_running (store, id, running, &error))
    return cli_fail (g_steal_pointer (&error));
  return 0;
}

static int
bots_delete (DcaStore   *store,
             const char *arg)
{
  g_autoptr(GError) error = NULL;
  DcaBotRecord *bot = get_bot (store, arg, &error);
  gint64 id;

  if (bot == NULL)
    return cli_fail (g_steal_pointer (&error));
  id = bot->id;
  dca_bot_record_free (bot);
  if (!dca_store_delete_bot (store, id, &error))
    return cli_fail (g_steal_pointer (&error));
  return 0;
}

int
cli_bots (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  g_autofree char *file = NULL;
  g_autofree char *output = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The bot to create, as a bot export (JSON)"), "BOT.json" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where export writes (default: standard output)"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  const char *verb;

  if (!cli_parse_options ("list | show ID | create --file BOT.json | export ID | clone ID | "
                          "start ID | stop ID | delete ID",
                          _("Manages the bots in the data directory. A stopped bot opens no new deals "
                            "but still manages its open ones; “delete” refuses a bot that still has "
                            "open deals."),
                          entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "list";

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (strcmp (verb, "list") == 0 && argc <= 2)
    return bots_list (store, json);
  if (strcmp (verb, "show") == 0 && argc == 3)
    return bots_show (store, argv[2], json);
  if (strcmp (verb, "create") == 0 && argc == 2)
    {
      if (file == NULL)
        return cli_fail_message (_("bots create: --file BOT.json is required"));
      return bots_create (store, file);
    }
  if (strcmp (verb, "export") == 0 && argc == 3)
    return bots_export (store, argv[2], output);
  if (strcmp (verb, "clone") == 0 && argc == 3)
    return bots_clone (store, argv[2]);
  if ((strcmp (verb, "start") == 0 || strcmp (verb, "stop") == 0) && argc == 3)
    return bots_set_running (store, argv[2], strcmp (verb, "start") == 0);
  if (strcmp (verb, "delete") == 0 && argc == 3)
    return bots_delete (store, argv[2]);
  return cli_fail_message (_("bots: expected list, show ID, create --file BOT.json, export ID, "
                             "clone ID, start ID, stop ID or delete ID (try --help)"));
}

/* ---- templates ---------------------------------------------------------- */

static DcaTemplate *
find_template (GPtrArray  *all,
               const char *arg)
{
  gint64 id = 0;
  gboolean by_id = cli_parse_id (arg, &id);

  for (guint i = 0; i < all->len; i++)
    {
      DcaTemplate *t = g_ptr_array_index (all, i);

      if (by_id ? (!t->builtin && t->id == id) : g_ascii_strcasecmp (t->name, arg) == 0)
        return t;
    }
  return NULL;
}

static int
templates_list (GPtrArray *all,
                gboolean   json)
{
  g_autoptr(DcaJsonWriter) w = NULL;

  if (!json)
    {
      g_print ("%-6s %-20s %-16s %s\n", _("ID"), _("Name"), _("Strategy"), _("Description"));
      for (guint i = 0; i < all->len; i++)
        {
          DcaTemplate *t = g_ptr_array_index (all, i);
          g_autofree char *id = t->builtin ? g_strdup (_("built-in"))
                                           : g_strdup_printf ("%" G_GINT64_FORMAT, t->id);

          g_print ("%-6s %-20s %-16s %s\n", id, t->name, dca_strategy_type_to_string (t->config->type),
                   t->description);
        }
      return 0;
    }
  w = dca_json_writer_new (TRUE);
  dca_json_begin_array (w);
  for (guint i = 0; i < all->len; i++)
    dca_template_write (g_ptr_array_index (all, i), w);
  dca_json_end_array (w);
  cli_print_json (w);
  return 0;
}

static int
templates_create (DcaStore    *store,
                  const char  *path,
                  DcaTemplate *replace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(DcaTemplate) tmpl = NULL;
  g_autoptr(GPtrArray) builtins = dca_builtin_templates ();
  DcaTemplateRecord *record;
  gint64 id;

  if (!g_file_get_contents (path, &text, &len, &error))
    return cli_fail (g_steal_pointer (&error));
  tmpl = dca_template_parse (text, (gssize) len, &error);
  if (tmpl == NULL)
    return cli_fail_message ("%s: %s", path, error->message);
  if (find_template (builtins, tmpl->name) != NULL)
    return cli_fail_message (_("%s: name: “%s” is a built-in template's name; choose another"),
                             path, tmpl->name);

  record = dca_template_record_from_template (tmpl);
  if (replace != NULL)
    {
      record->id = replace->id;
      id = dca_store_update_template (store, record, &error) ? replace->id : 0;
    }
  else
    id = dca_store_insert_template (store, record, &error);
  dca_template_record_free (record);
  if (id <= 0)
    return cli_fail (g_steal_pointer (&error));
  if (replace == NULL)
    g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

int
cli_templates (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  g_autofree char *file = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("The template to create: {\"name\", \"description\", \"strategy_type\", \"strategy_config\"}"),
      "TEMPLATE.json" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *verb;

  if (!cli_parse_options ("list | show ID|NAME | create --file TEMPLATE.json | "
                          "edit ID|NAME --file TEMPLATE.json | delete ID|NAME",
                          _("Lists the built-in templates (Conservative, Balanced, Aggressive) and "
                            "yours; creates and deletes yours."),
                          entries, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "list";

  store = cli_open_store (&error);
  if (store == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (strcmp (verb, "create") == 0 && argc == 2)
    {
      if (file == NULL)
        return cli_fail_message (_("templates create: --file TEMPLATE.json is required"));
      return templates_create (store, file, NULL);
    }

  all = dca_bot_list_all_templates (store, &error);
  if (all == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (strcmp (verb, "edit") == 0 && argc == 3)
    {
      DcaTemplate *t = find_template (all, argv[2]);

      if (t == NULL)
        return cli_fail_message (_("no template “%s” (see “templates list”)"), argv[2]);
      if (t->builtin)
        return cli_fail_message (_("“%s” is a built-in template and cannot be changed; create "
                                   "your own from it instead"), t->name);
      if (file == NULL)
        return cli_fail_message (_("templates edit: --file TEMPLATE.json is required"));
      return templates_create (store, file, t);
    }

  if (strcmp (verb, "list") == 0 && argc <= 2)
    return templates_list (all, json);
  if ((strcmp (verb, "show") == 0 || strcmp (verb, "delete") == 0) && argc == 3)
    {
      DcaTemplate *t = find_template (all, argv[2]);

      if (t == NULL)
        return cli_fail_message (_("no template “%s” (see “templates list”)"), argv[2]);
      if (strcmp (verb, "delete") == 0)
        {
          if (t->builtin)
            return cli_fail_message (_("“%s” is a built-in template and cannot be deleted"), t->name);
          if (!dca_store_delete_template (store, t->id, &error))
            return cli_fail (g_steal_pointer (&error));
          return 0;
        }
      if (json)
        {
          g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);

          dca_template_write (t, w);
          cli_print_json (w);
        }
      else
        {
          g_autofree char *config = dca_strategy_config_to_json (t->config);

          g_print ("%s%s\n  %s\n  %-16s %s\n  %-16s %s\n", t->name, t->builtin ? _(" (built-in)") : "",
                   t->description, _("Strategy:"), dca_strategy_type_to_string (t->config->type),
                   _("Configuration:"), config);
        }
      return 0;
    }
  return cli_fail_message (_("templates: expected list, show ID|NAME, create --file TEMPLATE.json, "
                             "edit ID|NAME --file TEMPLATE.json or delete ID|NAME (try --help)"));
}
