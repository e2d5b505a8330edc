/* dca-store-private.h: what dca-store.c shares with its migrations */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration n (1-based) is dca_store_migrations[n - 1]: it takes a database
 * at user_version n - 1 to n.  Append only; never edit a released one. */
extern const char *const dca_store_migrations[];
extern const guint       dca_store_n_migrations;

G_END_DECLS
