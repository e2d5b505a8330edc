/* dca-coinbase-auth.c: Coinbase CDP API keys and request JWTs, via GnuTLS */
#define G_LOG_DOMAIN "dca-coinbase"

#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dca-coinbase-auth.h"
#include "dca-exchange.h"
#include "dca-json.h"

struct _DcaCoinbaseKey
{
  char             *name;
  gboolean          ed25519;
  gnutls_privkey_t  key;
};

static gboolean
auth_error (GError    **error,
            const char *message)
{
  g_set_error_literal (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH, message);
  return FALSE;
}

char *
dca_base64url_encode (const guint8 *data,
                      gsize         len)
{
  char *s = g_base64_encode (data, len);
  gsize n = strlen (s);

  for (gsize i = 0; i < n; i++)
    if (s[i] == '+')
      s[i] = '-';
    else if (s[i] == '/')
      s[i] = '_';
  while (n > 0 && s[n - 1] == '=')
    s[--n] = '\0';
  return s;
}

guint8 *
dca_base64url_decode (const char *text,
                      gsize      *len)
{
  GString *s = g_string_new (text);

  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '-')
      s->str[i] = '+';
    else if (s->str[i] == '_')
      s->str[i] = '/';
  while (s->len % 4 != 0)
    g_string_append_c (s, '=');
  {
    guint8 *out = g_base64_decode (s->str, len);

    g_string_free (s, TRUE);
    return out;
  }
}

static gboolean
import_ec_pem (DcaCoinbaseKey *k,
               const char     *pem,
               GError        **error)
{
  gnutls_x509_privkey_t x509 = NULL;
  gnutls_datum_t data = { (unsigned char *) pem, (unsigned int) strlen (pem) };
  int rc;

  if (gnutls_x509_privkey_init (&x509) < 0)
    return auth_error (error, "could not set up the key");
  rc = gnutls_x509_privkey_import2 (x509, &data, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN);
  if (rc < 0)
    {
      gnutls_x509_privkey_deinit (x509);
      return auth_error (error, "the Coinbase private key is not a valid PEM key (expected "
                                "“-----BEGIN EC PRIVATE KEY-----” as the CDP portal gives it)");
    }
  rc = gnutls_x509_privkey_get_pk_algorithm (x509);
  if (rc != GNUTLS_PK_ECDSA && rc != GNUTLS_PK_EDDSA_ED25519)
    {
      gnutls_x509_privkey_deinit (x509);
      return auth_error (error, "the Coinbase private key is neither an EC (P-256) nor an Ed25519 key");
    }
  k->ed25519 = rc == GNUTLS_PK_EDDSA_ED25519;
  if (!k->ed25519)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;

      gnutls_x509_privkey_export_ecc_raw (x509, &curve, NULL, NULL, NULL);
      if (curve != GNUTLS_ECC_CURVE_SECP256R1)
        {
          gnutls_x509_privkey_deinit (x509);
          return auth_error (error, "the Coinbase EC key is not on the P-256 curve that ES256 needs");
        }
    }
  if (gnutls_privkey_init (&k->key) < 0 ||
      gnutls_privkey_import_x509 (k->key, x509, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE) < 0)
    {
      gnutls_x509_privkey_deinit (x509);
      return auth_error (error, "could not load the Coinbase private key");
    }
  return TRUE;
}

/* base64 of seed (32 bytes) and public key (32 bytes), or of the seed */
static gboolean
import_ed25519_raw (DcaCoinbaseKey *k,
                    const char     *text,
                    GError        **error)
{
  gsize len = 0;
  g_autofree guint8 *raw = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (text));
  gnutls_datum_t seed, pub;
  int rc;

  for (const char *p = clean; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return auth_error (error, "the Coinbase private key is neither PEM nor base64 "
                                "(an Ed25519 key from the CDP portal is base64)");
  raw = g_base64_decode (clean, &len);
  if (len != 64 && len != 32)
    {
      if (raw != NULL)
        memset (raw, 0, len);
      return auth_error (error, "the Coinbase Ed25519 key must be 64 bytes (seed and public key) "
                                "or 32 bytes (seed), in base64");
    }
  seed.data = raw;
  seed.size = 32;
  pub.data = len == 64 ? raw + 32 : NULL;
  pub.size = len == 64 ? 32 : 0;
  if (gnutls_privkey_init (&k->key) < 0)
    return auth_error (error, "could not set up the key");
  rc = gnutls_privkey_import_ecc_raw (k->key, GNUTLS_ECC_CURVE_ED25519, len == 64 ? &pub : NULL,
                                      NULL, &seed);
  memset (raw, 0, len);
  if (rc < 0)
    return auth_error (error, "could not load the Coinbase Ed25519 key");
  k->ed25519 = TRUE;
  return TRUE;
}

DcaCoinbaseKey *
dca_coinbase_key_new (const char *name,
                      const char *private_key,
                      GError    **error)
{
  DcaCoinbaseKey *k;
  gboolean ok;

  if (name == NULL || *name == '\0')
    {
      auth_error (error, "the Coinbase API key has no name (organizations/…/apiKeys/…)");
      return NULL;
    }
  if (private_key == NULL || *private_key == '\0')
    {
      auth_error (error, "the Coinbase API key has no private key");
      return NULL;
    }
  k = g_new0 (DcaCoinbaseKey, 1);
  k->name = g_strdup (name);
  if (strstr (private_key, "-----BEGIN") != NULL)
    {
      /* keys pasted into an environment variable often carry literal \n */
      g_autofree char *pem = NULL;
      g_auto(GStrv) parts = g_strsplit (private_key, "\\n", -1);

      pem = g_strjoinv ("\n", parts);
      ok = import_ec_pem (k, pem, error);
      memset (pem, 0, strlen (pem));
      for (guint i = 0; parts[i]; i++)
        memset (parts[i], 0, strlen (parts[i]));
    }
  else
    ok = import_ed25519_raw (k, private_key, error);
  if (!ok)
    {
      dca_coinbase_key_free (k);
      return NULL;
    }
  return k;
}

DcaCoinbaseKey *
dca_coinbase_key_load_file (const char *path,
                            GError    **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *name, *secret;
  DcaCoinbaseKey *k;

  if (!g_file_get_contents (path, &text, &len, &local_error))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH, "key file: %s",
                   local_error->message);
      return NULL;
    }
  root = dca_json_parse (text, (gssize) len, NULL);
  memset (text, 0, len);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                   "key file %s: not the JSON key file the CDP portal gives ({\"name\", \"privateKey\"})",
                   path);
      return NULL;
    }
  obj = json_node_get_object (root);
  name = json_object_has_member (obj, "name") ? json_object_get_string_member_with_default (obj, "name", NULL)
                                              : json_object_get_string_member_with_default (obj, "id", NULL);
  secret = json_object_get_string_member_with_default (obj, "privateKey", NULL);
  if (name == NULL || secret == NULL)
    {
      g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH,
                   "key file %s: needs “name” and “privateKey”", path);
      return NULL;
    }
  k = dca_coinbase_key_new (name, secret, &local_error);
  if (k == NULL)
    g_set_error (error, DCA_EXCHANGE_ERROR, DCA_EXCHANGE_ERROR_AUTH, "key file %s: %s", path,
                 local_error->message);
  return k;
}

DcaCoinbaseKey *
dca_coinbase_key_from_env (GError **error)
{
  const char *name = g_getenv ("DCADESK_COINBASE_KEY_NAME");
  const char *secret = g_getenv ("DCADESK_COINBASE_PRIVATE_KEY");

  if ((name == NULL || *name == '\0') && (secret == NULL || *secret == '\0'))
    return NULL;
  if (name == NULL || *name == '\0' || secret == NULL || *secret == '\0')
    {
      auth_error (error, "set both DCADESK_COINBASE_KEY_NAME and DCADESK_COINBASE_PRIVATE_KEY");
      return NULL;
    }
  return dca_coinbase_key_new (name, secret, error);
}

void
dca_coinbase_key_free (DcaCoinbaseKey *key)
{
  if (key == NULL)
    return;
  if (key->key != NULL)
    gnutls_privkey_deinit (key->key);
  g_free (key->name);
  g_free (key);
}

const char *
dca_coinbase_key_get_name (DcaCoinbaseKey *key)
{
  return key->name;
}

gboolean
dca_coinbase_key_is_ed25519 (DcaCoinbaseKey *key)
{
  return key->ed25519;
}

/* An ECDSA signature as JWS wants it: r and s, 32 bytes each. */
static gboolean
der_to_jose (const gnutls_datum_t *der,
             guint8                out[64])
{
  gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
  gboolean ok = FALSE;

  if (gnutls_decode_rs_value (der, &r, &s) < 0)
    return FALSE;
  memset (out, 0, 64);
  /* strip a leading zero a DER integer may carry, then right-align */
  {
    const guint8 *rp = r.data, *sp = s.data;
    guint rl = r.size, sl = s.size;

    while (rl > 32 && *rp == 0)
      rp++, rl--;
    while (sl > 32 && *sp == 0)
      sp++, sl--;
    if (rl <= 32 && sl <= 32)
      {
        memcpy (out + 32 - rl, rp, rl);
        memcpy (out + 64 - sl, sp, sl);
        ok = TRUE;
      }
  }
  gnutls_free (r.data);
  gnutls_free (s.data);
  return ok;
}

char *
dca_coinbase_key_build_jwt (DcaCoinbaseKey *key,
                            const char     *method,
                            const char     *host,
                            const char     *path,
                            gint64          now,
                            GError        **error)
{
  g_autoptr(DcaJsonWriter) hw = dca_json_writer_new (FALSE);
  g_autoptr(DcaJsonWriter) cw = dca_json_writer_new (FALSE);
  g_autofree char *uri = g_strdup_printf ("%s %s%s", method, host, path);
  g_autofree char *header = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *h64 = NULL;
  g_autofree char *c64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *s64 = NULL;
  guint8 nonce_bytes[16];
  g_autofree char *nonce = NULL;
  gnutls_datum_t data, sig = { NULL, 0 };
  guint8 jose[64];

  if (gnutls_rnd (GNUTLS_RND_NONCE, nonce_bytes, sizeof nonce_bytes) < 0)
    {
      auth_error (error, "no random numbers for the request's nonce");
      return NULL;
    }
  nonce = g_malloc (sizeof nonce_bytes * 2 + 1);
  for (guint i = 0; i < sizeof nonce_bytes; i++)
    g_snprintf (nonce + 2 * i, 3, "%02x", nonce_bytes[i]);

  dca_json_begin_object (hw);
  dca_json_member_string (hw, "alg", key->ed25519 ? "EdDSA" : "ES256");
  dca_json_member_string (hw, "kid", key->name);
  dca_json_member_string (hw, "nonce", nonce);
  dca_json_member_string (hw, "typ", "JWT");
  dca_json_end_object (hw);
  dca_json_begin_object (cw);
  dca_json_member_string (cw, "sub", key->name);
  dca_json_member_string (cw, "iss", "cdp");
  dca_json_member_int (cw, "nbf", now);
  dca_json_member_int (cw, "exp", now + 120);
  dca_json_member_string (cw, "uri", uri);
  dca_json_end_object (cw);
  header = dca_json_writer_steal (hw);
  claims = dca_json_writer_steal (cw);
  h64 = dca_base64url_encode ((const guint8 *) header, strlen (header));
  c64 = dca_base64url_encode ((const guint8 *) claims, strlen (claims));
  signing_input = g_strconcat (h64, ".", c64, NULL);

  data.data = (unsigned char *) signing_input;
  data.size = (unsigned int) strlen (signing_input);
  if (gnutls_privkey_sign_data2 (key->key, key->ed25519 ? GNUTLS_SIGN_EDDSA_ED25519 : GNUTLS_SIGN_ECDSA_SHA256,
                                 0, &data, &sig) < 0)
    {
      auth_error (error, "could not sign the request with the Coinbase key");
      return NULL;
    }
  if (key->ed25519)
    s64 = dca_base64url_encode (sig.data, sig.size);
  else
    {
      if (!der_to_jose (&sig, jose))
        {
          gnutls_free (sig.data);
          auth_error (error, "the Coinbase key made an unexpected signature");
          return NULL;
        }
      s64 = dca_base64url_encode (jose, sizeof jose);
    }
  gnutls_free (sig.data);
  return g_strconcat (signing_input, ".", s64, NULL);
}
