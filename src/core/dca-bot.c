/* dca-bot.c: between a bot's stored record and the configuration it runs */
#define G_LOG_DOMAIN "dca-bot"

#include "config.h"

#include "dca-bot.h"

DcaBotRecord *
dca_bot_record_from_config (const DcaBotConfig *config)
{
  DcaBotRecord *record = dca_bot_record_new ();

  record->name = g_strdup (config->name);
  record->description = g_strdup (config->description ? config->description : "");
  record->strategy_type = g_strdup (dca_strategy_type_to_string (config->strategy_type));
  record->product_ids = g_strdupv (config->product_ids);
  record->quote_currency = g_strdup (config->quote_currency);
  record->strategy_config_json = dca_strategy_config_to_json (config->config);
  record->check_interval_seconds = config->check_interval_seconds;
  record->split_budget = config->split_budget;
  record->reserved_btc = config->reserved_btc;
  record->reserved_usd = config->reserved_usd;
  return record;
}

/* The bot-export members of a record, inside an object being written. */
static void
write_export_members (const DcaBotRecord *record,
                      JsonNode           *config,
                      DcaJsonWriter      *w)
{
  dca_json_member_string (w, "name", record->name);
  dca_json_member_string (w, "description", record->description ? record->description : "");
  dca_json_member_string (w, "strategy_type", record->strategy_type);
  dca_json_key (w, "product_ids");
  dca_json_begin_array (w);
  for (guint i = 0; record->product_ids != NULL && record->product_ids[i]; i++)
    dca_json_string (w, record->product_ids[i]);
  dca_json_end_array (w);
  dca_json_member_bool (w, "split_budget_across_pairs", record->split_budget);
  dca_json_member_int (w, "check_interval_seconds", record->check_interval_seconds);
  dca_json_member_decimal_number (w, "reserved_btc_balance", record->reserved_btc);
  dca_json_member_decimal_number (w, "reserved_usd_balance", record->reserved_usd);
  dca_json_key (w, "strategy_config");
  if (config != NULL)
    dca_json_node (w, config);
  else
    dca_json_null (w);
}

DcaBotConfig *
dca_bot_config_from_record (const DcaBotRecord *record,
                            GError            **error)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DcaBotConfig) bot = NULL;
  g_autofree char *text = NULL;

  /* Rebuild the bot node and validate it exactly as an import would. */
  config = dca_json_parse (record->strategy_config_json, -1, &local_error);
  if (config == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_FORMAT,
                   "bot %" G_GINT64_FORMAT ": stored strategy_config is not valid JSON: %s",
                   record->id, local_error->message);
      return NULL;
    }
  dca_json_begin_object (w);
  write_export_members (record, config, w);
  dca_json_end_object (w);

  text = dca_json_writer_steal (w);
  {
    g_autoptr(JsonNode) node = dca_json_parse (text, -1, NULL);

    bot = dca_bot_config_parse_node (node, &local_error);
  }
  if (bot == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, local_error->code,
                   "bot “%s”: %s", record->name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&bot);
}

/* A record as dcadesk-cli and scripts see it: the export's keys plus id,
 * status and times. */
void
dca_bot_record_write (const DcaBotRecord *record,
                      DcaJsonWriter      *w)
{
  g_autoptr(JsonNode) config = dca_json_parse (record->strategy_config_json, -1, NULL);

  dca_json_begin_object (w);
  dca_json_member_int (w, "id", record->id);
  write_export_members (record, config, w);
  dca_json_member_string (w, "quote_currency", record->quote_currency);
  dca_json_member_string (w, "exchange", record->exchange ? record->exchange : "paper");
  dca_json_member_string (w, "status", record->running ? "running" : "stopped");
  dca_json_member_bool (w, "favourite", record->favourite);
  dca_json_member_int (w, "created_at", record->created_at);
  dca_json_member_int (w, "updated_at", record->updated_at);
  dca_json_end_object (w);
}

DcaTemplateRecord *
dca_template_record_from_template (const DcaTemplate *tmpl)
{
  DcaTemplateRecord *record = dca_template_record_new ();

  record->id = tmpl->id;
  record->name = g_strdup (tmpl->name);
  record->description = g_strdup (tmpl->description ? tmpl->description : "");
  record->strategy_type = g_strdup (dca_strategy_type_to_string (tmpl->config->type));
  record->strategy_config_json = dca_strategy_config_to_json (tmpl->config);
  return record;
}

DcaTemplate *
dca_template_from_record (const DcaTemplateRecord *record,
                          GError                 **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DcaStrategyConfig) config = NULL;
  DcaStrategyType type;
  DcaTemplate *tmpl;

  if (!dca_strategy_type_parse (record->strategy_type, &type))
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "template “%s”: strategy_type: unknown type “%s”", record->name,
                   record->strategy_type);
      return NULL;
    }
  node = dca_json_parse (record->strategy_config_json, -1, &local_error);
  if (node != NULL)
    config = dca_strategy_config_parse (type, node, &local_error);
  if (config == NULL)
    {
      g_set_error (error, DCA_STRATEGY_ERROR, DCA_STRATEGY_ERROR_INVALID,
                   "template “%s”: %s", record->name, local_error->message);
      return NULL;
    }
  tmpl = dca_template_new (record->name, record->description, config);
  tmpl->id = record->id;
  return tmpl;
}

GPtrArray *
dca_bot_list_all_templates (DcaStore *store,
                            GError  **error)
{
  g_autoptr(GPtrArray) all = dca_builtin_templates ();
  g_autoptr(GPtrArray) records = dca_store_list_templates (store, error);

  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      DcaTemplate *tmpl = dca_template_from_record (g_ptr_array_index (records, i), &local_error);

      /* one damaged template must not hide the others */
      if (tmpl == NULL)
        g_warning ("%s", local_error->message);
      else
        g_ptr_array_add (all, tmpl);
    }
  return g_steal_pointer (&all);
}

gint64
dca_bot_clone (DcaStore    *store,
               gint64       bot_id,
               const char  *suffix,
               GError     **error)
{
  g_autoptr(DcaBotRecord) bot = dca_store_get_bot (store, bot_id, error);
  char *name;

  if (bot == NULL)
    return 0;
  name = g_strconcat (bot->name, suffix, NULL);
  g_free (bot->name);
  bot->name = name;
  bot->id = 0;
  bot->running = FALSE;
  bot->favourite = FALSE;
  return dca_store_insert_bot (store, bot, error);
}
