/* test-decimal.c: exact decimal parsing, printing and arithmetic */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dca-decimal.h"

static DcaDecimal
D (const char *s)
{
  DcaDecimal d;
  g_autoptr(GError) error = NULL;

  if (!dca_decimal_parse (s, &d, &error))
    g_error ("cannot parse %s: %s", s, error->message);
  return d;
}

static void
assert_str (DcaDecimal d, const char *expected)
{
  g_autofree char *s = dca_decimal_to_string (d);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_parse_format (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "0", "0" },
    { "-0", "0" },
    { "100", "100" },
    { "100.00000000", "100" },
    { "0.1", "0.1" },
    { ".5", "0.5" },
    { "5.", "5" },
    { "+2.50", "2.5" },
    { "-0.00000001", "-0.00000001" },
    { "0.000000000000000001", "0.000000000000000001" },
    { "99999999999999999999.999999999999999999", "99999999999999999999.999999999999999999" },
    { "1e-8", "0.00000001" },
    { "1.5E3", "1500" },
    { "0.0984", "0.0984" },
    { "00012.3400", "12.34" },
    { "1.000000000000000000000000", "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_str (D (cases[i].in), cases[i].out);
}

static void
test_parse_errors (void)
{
  static const struct { const char *in; int code; } cases[] = {
    { "", DCA_DECIMAL_ERROR_SYNTAX },
    { "-", DCA_DECIMAL_ERROR_SYNTAX },
    { ".", DCA_DECIMAL_ERROR_SYNTAX },
    { "1.2.3", DCA_DECIMAL_ERROR_SYNTAX },
    { "abc", DCA_DECIMAL_ERROR_SYNTAX },
    { " 1", DCA_DECIMAL_ERROR_SYNTAX },
    { "1 ", DCA_DECIMAL_ERROR_SYNTAX },
    { "1e", DCA_DECIMAL_ERROR_SYNTAX },
    { "nan", DCA_DECIMAL_ERROR_SYNTAX },
    { "0.0000000000000000001", DCA_DECIMAL_ERROR_PRECISION },
    { "100000000000000000000", DCA_DECIMAL_ERROR_RANGE },
    { "1e20", DCA_DECIMAL_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DcaDecimal d;

      g_assert_false (dca_decimal_parse (cases[i].in, &d, &error));
      g_assert_error (error, DCA_DECIMAL_ERROR, cases[i].code);
      /* the message names the offending text */
      g_assert_nonnull (strstr (error->message, cases[i].in));
    }
}

static void
test_parse_rounded (void)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_parse_rounded ("0.0059880239520958083832", &d, NULL));
  assert_str (d, "0.005988023952095808");
  g_assert_true (dca_decimal_parse_rounded ("0.0000000000000000015", &d, NULL));
  assert_str (d, "0.000000000000000002"); /* tie to even */
  g_assert_true (dca_decimal_parse_rounded ("0.0000000000000000025", &d, NULL));
  assert_str (d, "0.000000000000000002");
  g_assert_true (dca_decimal_parse_rounded ("0.00000000000000000251", &d, NULL));
  assert_str (d, "0.000000000000000003");
}

static void
test_arithmetic (void)
{
  DcaDecimal r;

  /* the worked example's first sell: 2.01838775 x 100.2, fee 0.1 % */
  r = dca_decimal_mul (D ("2.01838775"), D ("100.2"), DCA_ROUND_HALF_EVEN);
  assert_str (r, "202.24245255");
  r = dca_decimal_mul (r, D ("0.001"), DCA_ROUND_HALF_EVEN);
  assert_str (r, "0.20224245255");

  /* base = (q - fee) / c rounded down to the increment */
  r = dca_decimal_div (D ("99.9"), D ("98"), DCA_ROUND_DOWN);
  assert_str (r, "1.019387755102040816");
  r = dca_decimal_round_to (r, D ("0.00000001"), DCA_ROUND_DOWN);
  assert_str (r, "1.01938775");

  /* signs and rounding modes */
  g_assert_true (dca_decimal_div_checked (D ("-1"), D ("3"), DCA_ROUND_DOWN, &r));
  assert_str (r, "-0.333333333333333333");
  g_assert_true (dca_decimal_div_checked (D ("-1"), D ("3"), DCA_ROUND_FLOOR, &r));
  assert_str (r, "-0.333333333333333334");
  g_assert_true (dca_decimal_div_checked (D ("2"), D ("3"), DCA_ROUND_CEILING, &r));
  assert_str (r, "0.666666666666666667");
  g_assert_true (dca_decimal_div_checked (D ("2"), D ("3"), DCA_ROUND_HALF_EVEN, &r));
  assert_str (r, "0.666666666666666667");
  g_assert_false (dca_decimal_div_checked (D ("1"), D ("0"), DCA_ROUND_DOWN, &r));

  /* large values need the 256-bit path: 90,000 x 12,345.678 */
  r = dca_decimal_mul (D ("90000.12345678"), D ("12345.678"), DCA_ROUND_HALF_EVEN);
  assert_str (r, "1111112544.15765279684");
  /* divisor wider than 64 bits */
  g_assert_true (dca_decimal_div_checked (D ("1111112544.15765279684"), D ("12345.678"),
                                          DCA_ROUND_HALF_EVEN, &r));
  assert_str (r, "90000.12345678");
  /* a x b / c with one rounding */
  g_assert_true (dca_decimal_muldiv_checked (D ("200"), D ("101"), D ("201.83877500"),
                                             DCA_ROUND_CEILING, &r));
  assert_str (r, "100.079878110635580305");

  /* overflow is reported, not wrapped */
  g_assert_false (dca_decimal_mul_checked (D ("10000000000"), D ("10000000000"),
                                           DCA_ROUND_DOWN, &r));

  /* round_places and fixed formatting */
  {
    g_autofree char *s = dca_decimal_to_string_places (D ("1.005"), 2);
    g_autofree char *t = dca_decimal_to_string_places (D ("-3"), 3);

    g_assert_cmpstr (s, ==, "1.00");
    g_assert_cmpstr (t, ==, "-3.000");
  }
  assert_str (dca_decimal_from_units (6, 3), "0.006");
  g_assert_cmpfloat_with_epsilon (dca_decimal_to_double (D ("0.0984")), 0.0984, 1e-18);
}

static void
test_from_double (void)
{
  DcaDecimal d;

  g_assert_true (dca_decimal_from_double (0.1, &d, NULL));
  assert_str (d, "0.1");
  g_assert_true (dca_decimal_from_double (0.001, &d, NULL));
  assert_str (d, "0.001");
  g_assert_true (dca_decimal_from_double (-10, &d, NULL));
  assert_str (d, "-10");
  g_assert_true (dca_decimal_from_double (1.2, &d, NULL));
  assert_str (d, "1.2");
  g_assert_true (dca_decimal_from_double (100, &d, NULL));
  assert_str (d, "100");
  g_assert_true (dca_decimal_from_double (1e-7, &d, NULL));
  assert_str (d, "0.0000001");
  g_assert_true (dca_decimal_from_double (123456789.125, &d, NULL));
  assert_str (d, "123456789.125");
  g_assert_false (dca_decimal_from_double (NAN, &d, NULL));

  /* shortest, in plain notation where that stays short */
  {
    char buf[64];

    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 100), ==, "100");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 1000), ==, "1000");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 0.5), ==, "0.5");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, -2.5e-5), ==, "-0.000025");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 0), ==, "0");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 1e300), ==, "1e+300");
    g_assert_cmpstr (dca_double_format_shortest (buf, sizeof buf, 0.1 + 0.2), ==, "0.30000000000000004");
  }
}

/* Sums of random amounts are exact: the total equals the integer sum of the
 * same amounts counted in units of 10^-18. */
static void
test_random_sums (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  DcaDecimal total = dca_decimal_zero ();
  __int128 units = 0;

  for (int i = 0; i < 100000; i++)
    {
      gint64 whole = g_rand_int_range (rand, 0, 100000);
      gint64 frac = (gint64) g_rand_int (rand) * 1000000000LL + g_rand_int_range (rand, 0, 1000000000);
      g_autofree char *s = NULL;
      DcaDecimal d;

      frac %= 1000000000000000000LL;
      s = g_strdup_printf ("%s%" G_GINT64_FORMAT ".%018" G_GINT64_FORMAT, (i & 1) ? "-" : "",
                           whole, frac);
      d = D (s);
      total = dca_decimal_add (total, d);
      units += ((i & 1) ? -1 : 1) * ((__int128) whole * 1000000000000000000LL + frac);
    }
  g_assert_true (total.raw == units);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/parse-format", test_parse_format);
  g_test_add_func ("/decimal/parse-errors", test_parse_errors);
  g_test_add_func ("/decimal/parse-rounded", test_parse_rounded);
  g_test_add_func ("/decimal/arithmetic", test_arithmetic);
  g_test_add_func ("/decimal/from-double", test_from_double);
  g_test_add_func ("/decimal/random-sums", test_random_sums);

  return g_test_run ();
}
