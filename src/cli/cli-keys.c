/* cli-keys.c: dcadesk-cli keys, the Coinbase API key in the keyring */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dca-coinbase.h"
#include "dca-keyring.h"

#include "dcadesk-cli.h"

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* "Test connection": lists the accounts with the key */
static int
keys_test (DcaCoinbaseKey *key)
{
  g_autoptr(DcaCoinbaseExchange) x = dca_coinbase_exchange_new (NULL, key);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  dca_coinbase_exchange_test_connection (x, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  message = dca_coinbase_exchange_test_connection_finish (x, result, &error);
  if (message == NULL)
    return cli_fail (g_steal_pointer (&error));
  g_print ("%s\n", message);
  return 0;
}

int
cli_keys (int    argc,
          char **argv)
{
  g_autofree char *key_file = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The CDP API key file"), "KEY.json" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  const char *verb;

  if (!cli_parse_options ("save --key-file KEY.json | test [--key-file KEY.json] | forget",
                          _("Keeps the Coinbase API key in the desktop keyring, tests it, or "
                            "removes it. The key is never written anywhere else."),
                          entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cli_fail_message (_("keys: expected save, test or forget (try --help)"));
  verb = argv[1];

  if (strcmp (verb, "save") == 0)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *o;

      if (key_file == NULL)
        return cli_fail_message (_("keys save: --key-file KEY.json is required"));
      {
        g_autoptr(DcaCoinbaseKey) check = dca_coinbase_key_load_file (key_file, &error);

        if (check == NULL)
          return cli_fail (g_steal_pointer (&error));
      }
      if (!g_file_get_contents (key_file, &text, NULL, &error))
        return cli_fail (g_steal_pointer (&error));
      root = dca_json_parse (text, -1, NULL);
      memset (text, 0, strlen (text));
      o = json_node_get_object (root);
      if (!dca_keyring_store_coinbase_key (json_object_get_string_member_with_default (o, "name",
                                                                                        json_object_get_string_member_with_default (o, "id", NULL)),
                                           json_object_get_string_member_with_default (o, "privateKey", NULL),
                                           &error))
        return cli_fail (g_steal_pointer (&error));
      g_print ("%s\n", _("The key is in the keyring. You may delete the key file now."));
      return 0;
    }
  if (strcmp (verb, "forget") == 0)
    {
      if (!dca_keyring_clear_coinbase_key (&error))
        return cli_fail (g_steal_pointer (&error));
      return 0;
    }
  if (strcmp (verb, "test") == 0)
    {
      DcaCoinbaseKey *key;

      if (key_file != NULL)
        key = dca_coinbase_key_load_file (key_file, &error);
      else
        {
          key = dca_coinbase_key_from_env (&error);
          if (key == NULL && error == NULL)
            key = dca_keyring_lookup_coinbase_key (&error);
          if (key == NULL && error == NULL)
            return cli_fail_message (_("no Coinbase API key: give --key-file, set "
                                       "DCADESK_COINBASE_KEY_NAME and DCADESK_COINBASE_PRIVATE_KEY, or "
                                       "save one with “keys save”"));
        }
      if (key == NULL)
        return cli_fail (g_steal_pointer (&error));
      return keys_test (key);
    }
  return cli_fail_message (_("keys: expected save, test or forget (try --help)"));
}
