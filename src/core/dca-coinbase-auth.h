/* dca-coinbase-auth.h: Coinbase CDP API keys and the JWT every request carries
 *
 * A CDP key is a name (organizations/{org}/apiKeys/{id}) and a private key:
 * an EC P-256 key in PEM (signs ES256) or an Ed25519 key as base64 of its
 * 64 bytes, seed then public key (signs EdDSA).  Signatures come from
 * GnuTLS.  The private key never leaves this object: it is not printed, not
 * logged, not stored, and it is wiped when the object is freed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DcaCoinbaseKey DcaCoinbaseKey;

/* Errors are DCA_EXCHANGE_ERROR_AUTH, saying what is wrong without the key. */
DcaCoinbaseKey *dca_coinbase_key_new         (const char      *name,
                                              const char      *private_key,
                                              GError         **error);
/* The JSON file the CDP portal gives: {"name" (or "id"), "privateKey"}. */
DcaCoinbaseKey *dca_coinbase_key_load_file   (const char      *path,
                                              GError         **error);
/* DCADESK_COINBASE_KEY_NAME and DCADESK_COINBASE_PRIVATE_KEY; NULL without
 * an error when they are not set. */
DcaCoinbaseKey *dca_coinbase_key_from_env    (GError         **error);
void            dca_coinbase_key_free        (DcaCoinbaseKey  *key);

const char     *dca_coinbase_key_get_name    (DcaCoinbaseKey  *key);
gboolean        dca_coinbase_key_is_ed25519  (DcaCoinbaseKey  *key);

/* The bearer token of one request: header {alg, kid, nonce, typ}, claims
 * {sub, iss "cdp", nbf now, exp now + 120, uri "METHOD host/path"}; host is
 * host[:port] and path has no query. */
char           *dca_coinbase_key_build_jwt   (DcaCoinbaseKey  *key,
                                              const char      *method,
                                              const char      *host,
                                              const char      *path,
                                              gint64           now,
                                              GError         **error);

/* base64url without padding, as JWTs write it */
char           *dca_base64url_encode         (const guint8    *data,
                                              gsize            len);
guint8         *dca_base64url_decode         (const char      *text,
                                              gsize           *len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaCoinbaseKey, dca_coinbase_key_free)

G_END_DECLS
