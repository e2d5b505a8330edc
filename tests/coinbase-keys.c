/* coinbase-keys.c: test keys made with GnuTLS, and a JWT checker */
#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "coinbase-keys.h"
#include "dca-coinbase-auth.h"

TestKey *
test_key_new (gboolean ed25519)
{
  TestKey *k = g_new0 (TestKey, 1);
  gnutls_privkey_t priv;
  static guint serial;

  k->name = g_strdup_printf ("organizations/test-org/apiKeys/key-%u", ++serial);
  g_assert_cmpint (gnutls_privkey_init (&priv), ==, 0);
  if (ed25519)
    {
      gnutls_datum_t x = { NULL, 0 }, kk = { NULL, 0 };
      guint8 raw[64];

      g_assert_cmpint (gnutls_privkey_generate2 (priv, GNUTLS_PK_EDDSA_ED25519, 256, 0, NULL, 0), ==, 0);
      g_assert_cmpint (gnutls_privkey_export_ecc_raw2 (priv, NULL, &x, NULL, &kk, 0), ==, 0);
      g_assert_cmpuint (x.size, ==, 32);
      g_assert_cmpuint (kk.size, ==, 32);
      memcpy (raw, kk.data, 32);
      memcpy (raw + 32, x.data, 32);
      k->secret = g_base64_encode (raw, 64);
      gnutls_free (x.data);
      gnutls_free (kk.data);
    }
  else
    {
      gnutls_x509_privkey_t x509;
      gnutls_datum_t pem = { NULL, 0 };

      g_assert_cmpint (gnutls_privkey_generate2 (priv, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0,
                                                 NULL, 0), ==, 0);
      g_assert_cmpint (gnutls_privkey_export_x509 (priv, &x509), ==, 0);
      g_assert_cmpint (gnutls_x509_privkey_export2 (x509, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
      k->secret = g_strndup ((const char *) pem.data, pem.size);
      gnutls_free (pem.data);
      gnutls_x509_privkey_deinit (x509);
    }
  g_assert_cmpint (gnutls_pubkey_init (&k->pubkey), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (k->pubkey, priv, 0, 0), ==, 0);
  gnutls_privkey_deinit (priv);
  return k;
}

void
test_key_free (TestKey *key)
{
  if (key == NULL)
    return;
  gnutls_pubkey_deinit (key->pubkey);
  g_free (key->name);
  g_free (key->secret);
  g_free (key);
}

gboolean
test_jwt_verify (TestKey     *key,
                 const char  *jwt,
                 char       **header_json,
                 char       **claims_json,
                 char       **why)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", -1);
  g_autofree guint8 *header = NULL;
  g_autofree guint8 *claims = NULL;
  g_autofree guint8 *sig = NULL;
  g_autofree char *signing_input = NULL;
  gsize hl = 0, cl = 0, sl = 0;
  gnutls_datum_t data, signature = { NULL, 0 };
  gboolean ed25519;
  int rc;

  if (g_strv_length (parts) != 3)
    {
      *why = g_strdup ("not three parts");
      return FALSE;
    }
  header = dca_base64url_decode (parts[0], &hl);
  claims = dca_base64url_decode (parts[1], &cl);
  sig = dca_base64url_decode (parts[2], &sl);
  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  data.data = (unsigned char *) signing_input;
  data.size = (unsigned int) strlen (signing_input);
  ed25519 = gnutls_pubkey_get_pk_algorithm (key->pubkey, NULL) == GNUTLS_PK_EDDSA_ED25519;
  if (ed25519)
    {
      signature.data = sig;
      signature.size = (unsigned int) sl;
      rc = gnutls_pubkey_verify_data2 (key->pubkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &data, &signature);
    }
  else
    {
      gnutls_datum_t r = { sig, 32 }, s = { sig + 32, 32 };

      if (sl != 64)
        {
          *why = g_strdup_printf ("an ES256 signature is 64 bytes, not %zu", sl);
          return FALSE;
        }
      g_assert_cmpint (gnutls_encode_rs_value (&signature, &r, &s), ==, 0);
      rc = gnutls_pubkey_verify_data2 (key->pubkey, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &signature);
      gnutls_free (signature.data);
    }
  if (rc < 0)
    {
      *why = g_strdup_printf ("bad signature: %s", gnutls_strerror (rc));
      return FALSE;
    }
  *header_json = g_strndup ((const char *) header, hl);
  *claims_json = g_strndup ((const char *) claims, cl);
  return TRUE;
}
