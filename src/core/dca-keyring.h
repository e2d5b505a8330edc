/* dca-keyring.h: the Coinbase API key in the desktop keyring (libsecret)
 *
 * The key (name and private key, as the CDP JSON file holds them) is one
 * secret of the Secret Service, labelled "DCA Desk: Coinbase API key".  It
 * is never written anywhere else.
 */
#pragma once

#include "dca-coinbase-auth.h"

G_BEGIN_DECLS

gboolean        dca_keyring_store_coinbase_key  (const char  *name,
                                                 const char  *private_key,
                                                 GError     **error);
/* NULL without an error when no key is saved or no keyring runs. */
DcaCoinbaseKey *dca_keyring_lookup_coinbase_key (GError     **error);
gboolean        dca_keyring_clear_coinbase_key  (GError     **error);

G_END_DECLS
