/* test-keyring.c: the Coinbase key in a real Secret Service (gnome-keyring,
 * started by run-with-keyring.sh in a private D-Bus session) */
#include "config.h"

#include <string.h>

#include "coinbase-keys.h"
#include "dca-keyring.h"

static void
test_round_trip (void)
{
  g_autoptr(TestKey) tk = test_key_new (FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (dca_keyring_clear_coinbase_key (&error));
  g_assert_no_error (error);
  g_assert_null (dca_keyring_lookup_coinbase_key (&error));
  g_assert_no_error (error);

  g_assert_true (dca_keyring_store_coinbase_key (tk->name, tk->secret, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DcaCoinbaseKey) key = dca_keyring_lookup_coinbase_key (&error);

    g_assert_no_error (error);
    g_assert_nonnull (key);
    g_assert_cmpstr (dca_coinbase_key_get_name (key), ==, tk->name);
  }
  /* a key that does not work is not saved */
  g_assert_false (dca_keyring_store_coinbase_key (tk->name, "not a key", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(DcaCoinbaseKey) key = dca_keyring_lookup_coinbase_key (&error);

    g_assert_nonnull (key);
  }
  g_assert_true (dca_keyring_clear_coinbase_key (&error));
  g_assert_null (dca_keyring_lookup_coinbase_key (&error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/keyring/round-trip", test_round_trip);
  return g_test_run ();
}
