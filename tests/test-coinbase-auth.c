/* test-coinbase-auth.c: CDP keys and the JWTs they sign */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "coinbase-keys.h"
#include "dca-coinbase-auth.h"
#include "dca-exchange.h"
#include "dca-json.h"

static void
check_jwt (gboolean ed25519)
{
  g_autoptr(TestKey) tk = test_key_new (ed25519);
  g_autoptr(GError) error = NULL;
  g_autoptr(DcaCoinbaseKey) key = dca_coinbase_key_new (tk->name, tk->secret, &error);
  g_autofree char *jwt = NULL;
  g_autofree char *header = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *why = NULL;
  g_autoptr(JsonNode) h = NULL;
  g_autoptr(JsonNode) c = NULL;
  JsonObject *ho, *co;

  g_assert_no_error (error);
  g_assert_cmpint (dca_coinbase_key_is_ed25519 (key), ==, ed25519);
  jwt = dca_coinbase_key_build_jwt (key, "GET", "api.coinbase.com", "/api/v3/brokerage/accounts",
                                    1700000000, &error);
  g_assert_no_error (error);
  if (!test_jwt_verify (tk, jwt, &header, &claims, &why))
    g_error ("%s", why);
  h = dca_json_parse (header, -1, &error);
  c = dca_json_parse (claims, -1, &error);
  g_assert_no_error (error);
  ho = json_node_get_object (h);
  co = json_node_get_object (c);
  g_assert_cmpstr (json_object_get_string_member (ho, "alg"), ==, ed25519 ? "EdDSA" : "ES256");
  g_assert_cmpstr (json_object_get_string_member (ho, "kid"), ==, tk->name);
  g_assert_cmpstr (json_object_get_string_member (ho, "typ"), ==, "JWT");
  g_assert_cmpuint (strlen (json_object_get_string_member (ho, "nonce")), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (co, "sub"), ==, tk->name);
  g_assert_cmpstr (json_object_get_string_member (co, "iss"), ==, "cdp");
  g_assert_cmpint (json_object_get_int_member (co, "nbf"), ==, 1700000000);
  g_assert_cmpint (json_object_get_int_member (co, "exp"), ==, 1700000120);
  g_assert_cmpstr (json_object_get_string_member (co, "uri"), ==,
                   "GET api.coinbase.com/api/v3/brokerage/accounts");

  /* a fresh nonce each time, and a tampered token fails */
  {
    g_autofree char *again = dca_coinbase_key_build_jwt (key, "GET", "api.coinbase.com",
                                                         "/api/v3/brokerage/accounts", 1700000000, NULL);
    g_autofree char *tampered = g_strdup (jwt);
    char *dot = strchr (tampered, '.');
    g_autofree char *h2 = NULL;
    g_autofree char *c2 = NULL;
    g_autofree char *why2 = NULL;

    g_assert_cmpstr (again, !=, jwt);
    dot[1] = dot[1] == 'A' ? 'B' : 'A';
    g_assert_false (test_jwt_verify (tk, tampered, &h2, &c2, &why2));
  }
}

static void
test_es256 (void)
{
  check_jwt (FALSE);
}

static void
test_eddsa (void)
{
  check_jwt (TRUE);
}

static void
test_key_file_and_env (void)
{
  g_autoptr(TestKey) tk = test_key_new (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("dcadesk-key-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cdp_api_key.json", NULL);
  g_autoptr(DcaJsonWriter) w = dca_json_writer_new (TRUE);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  dca_json_begin_object (w);
  dca_json_member_string (w, "name", tk->name);
  dca_json_member_string (w, "privateKey", tk->secret);
  dca_json_end_object (w);
  json = dca_json_writer_steal (w);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  {
    g_autoptr(DcaCoinbaseKey) key = dca_coinbase_key_load_file (path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dca_coinbase_key_get_name (key), ==, tk->name);
  }

  /* the PEM with literal \n, as a shell variable often holds it */
  {
    g_auto(GStrv) lines = g_strsplit (tk->secret, "\n", -1);
    g_autofree char *flat = g_strjoinv ("\\n", lines);
    g_autoptr(DcaCoinbaseKey) key = NULL;

    g_setenv ("DCADESK_COINBASE_KEY_NAME", tk->name, TRUE);
    g_setenv ("DCADESK_COINBASE_PRIVATE_KEY", flat, TRUE);
    key = dca_coinbase_key_from_env (&error);
    g_assert_no_error (error);
    g_assert_nonnull (key);
    g_unsetenv ("DCADESK_COINBASE_KEY_NAME");
    g_unsetenv ("DCADESK_COINBASE_PRIVATE_KEY");
    g_assert_null (dca_coinbase_key_from_env (&error));
    g_assert_no_error (error);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Bad keys: a clear error that never repeats the secret. */
static void
test_bad_keys (void)
{
  static const char *const secrets[] = {
    "-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END EC PRIVATE KEY-----\n",
    "c2hvcnQ=",
    "not base64 at all!",
  };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DcaCoinbaseKey) key = dca_coinbase_key_new ("organizations/o/apiKeys/k", secrets[i], &error);

      g_assert_null (key);
      g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH);
      g_assert_null (strstr (error->message, secrets[i]));
      g_assert_null (strstr (error->message, "bm90IGEga2V5"));
      g_test_message ("%s", error->message);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (dca_coinbase_key_new ("", "x", &error));
    g_assert_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coinbase-auth/es256", test_es256);
  g_test_add_func ("/coinbase-auth/eddsa", test_eddsa);
  g_test_add_func ("/coinbase-auth/key-file-and-env", test_key_file_and_env);
  g_test_add_func ("/coinbase-auth/bad-keys", test_bad_keys);
  return g_test_run ();
}
