/* coinbase-keys.h: test keys made with GnuTLS, and a JWT checker */
#pragma once

#include <glib.h>
#include <gnutls/abstract.h>

G_BEGIN_DECLS

typedef struct
{
  char            *name;
  char            *secret;   /* as the CDP portal gives it: PEM, or base64 for Ed25519 */
  gnutls_pubkey_t  pubkey;
} TestKey;

TestKey  *test_key_new     (gboolean     ed25519);
void      test_key_free    (TestKey     *key);
/* Checks the JWT's signature with the key and returns its claims and
 * header, or NULL with the reason in *why. */
gboolean  test_jwt_verify  (TestKey     *key,
                            const char  *jwt,
                            char       **header_json,
                            char       **claims_json,
                            char       **why);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestKey, test_key_free)

G_END_DECLS
