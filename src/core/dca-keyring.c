/* dca-keyring.c: the Coinbase API key in the desktop keyring (libsecret) */
#define G_LOG_DOMAIN "dca-keyring"

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "dca-exchange.h"
#include "dca-json.h"
#include "dca-keyring.h"

static const SecretSchema *
coinbase_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".CoinbaseKey", SECRET_SCHEMA_NONE,
    {
      { "exchange", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

gboolean
dca_keyring_store_coinbase_key (const char  *name,
                                const char  *private_key,
                                GError     **error)
{
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (FALSE);
  g_autoptr(DcaCoinbaseKey) check = NULL;
  g_autoptr(GError) local_error = NULL;
  char *secret;
  gboolean ok;

  /* only a key that works is saved */
  check = dca_coinbase_key_new (name, private_key, error);
  if (check == NULL)
    return FALSE;
  dca_json_begin_object (w);
  dca_json_member_string (w, "name", name);
  dca_json_member_string (w, "privateKey", private_key);
  dca_json_end_object (w);
  secret = dca_json_writer_steal (w);
  ok = secret_password_store_sync (coinbase_schema (), SECRET_COLLECTION_DEFAULT,
                                   "DCA Desk: Coinbase API key", secret, NULL, &local_error,
                                   "exchange", "coinbase", NULL);
  memset (secret, 0, strlen (secret));
  g_free (secret);
  if (!ok)
    g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                 "the key could not be saved in the keyring: %s", local_error->message);
  return ok;
}

DcaCoinbaseKey *
dca_keyring_lookup_coinbase_key (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *secret;
  DcaCoinbaseKey *key = NULL;

  secret = secret_password_lookup_sync (coinbase_schema (), NULL, &local_error, "exchange", "coinbase", NULL);
  if (secret == NULL)
    {
      /* no keyring on a headless machine is not an error: just no key */
      if (local_error != NULL)
        g_debug ("no keyring: %s", local_error->message);
      return NULL;
    }
  root = dca_json_parse (secret, -1, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);

      key = dca_coinbase_key_new (json_object_get_string_member_with_default (o, "name", NULL),
                                  json_object_get_string_member_with_default (o, "privateKey", NULL),
                                  error);
    }
  else
    g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                 "the Coinbase key in the keyring is damaged; save it again");
  secret_password_free (secret);
  return key;
}

gboolean
dca_keyring_clear_coinbase_key (GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!secret_password_clear_sync (coinbase_schema (), NULL, &local_error, "exchange", "coinbase", NULL) &&
      local_error != NULL)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                   "the key could not be removed from the keyring: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}
