/* dca-store-private.h: what dca-store.c shares with its migrations */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "dca-store.h"

G_BEGIN_DECLS

/* Migration n (1-based) is dca_store_migrations[n - 1]: it takes a database
 * at user_version n - 1 to n.  Append only; never edit a released one. */
extern const char *const dca_store_migrations[];
extern const guint       dca_store_n_migrations;

/* For the store's own companions (the paper exchange's order book): the
 * connection, and SQLite's result code as a DcaStore error saying what we
 * were doing. */
sqlite3  *dca_store_get_db    (DcaStore    *self);
gboolean  dca_store_fail      (DcaStore    *self,
                               GError     **error,
                               int          rc,
                               const char  *doing);

/* A statement of the companions' own on the store's connection (finalize
 * it); NULL with the error saying what we were doing. */
sqlite3_stmt *dca_store_prepare (DcaStore    *self,
                                 const char  *sql,
                                 const char  *doing,
                                 GError     **error);

/* dca-analytics.c: a deal just became closed; in its transaction. */
gboolean  dca_analytics_record_close (DcaStore    *self,
                                      gint64       deal_id,
                                      GError     **error);

G_END_DECLS
