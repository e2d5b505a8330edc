/* test-util.h: what several test programs share */
#pragma once

#include <json-glib/json-glib.h>

#include "dca-store.h"

G_BEGIN_DECLS

char *test_source_path  (const char *rel);

/* A fresh store in a directory of its own, removed at tear-down. */
typedef struct
{
  char     *dir;
  char     *path;
  DcaStore *store;
} TestStore;

void  test_store_set_up    (TestStore     *f,
                            gconstpointer  data);
void  test_store_tear_down (TestStore     *f,
                            gconstpointer  data);
/* parent/market: a replay directory with links to the bundled 5-minute
 * candles of these pairs (data/market/PAIR-5m.csv); returns its path. */
char *test_replay_dir   (const char        *parent,
                         const char *const *pairs,
                         guint              n_pairs);
/* Every member of expected is in actual with the same value; decimal strings
 * compare as decimals within 1e-9 of the value, doubles within 1e-9. */
void  test_compare_json (JsonNode   *expected,
                         JsonNode   *actual,
                         const char *path);

G_END_DECLS
