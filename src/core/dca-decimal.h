/* dca-decimal.h: exact decimal amounts for prices, sizes, balances and fees
 *
 * A DcaDecimal is a signed 128-bit integer counting units of 10^-18. Every
 * decimal string with at most 18 fractional digits and an absolute value below
 * 10^20 is represented exactly; addition and subtraction are exact, products
 * and quotients are computed with 256-bit intermediates and rounded once, in
 * the mode the caller names.  Binary floating point never touches money.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DCA_DECIMAL_SCALE 18
/* Enough for "-" + 21 integer digits + "." + 18 digits + NUL. */
#define DCA_DECIMAL_BUF_SIZE 48

#define DCA_DECIMAL_ERROR (dca_decimal_error_quark ())

typedef enum
{
  DCA_DECIMAL_ERROR_SYNTAX,
  DCA_DECIMAL_ERROR_PRECISION,
  DCA_DECIMAL_ERROR_RANGE,
  DCA_DECIMAL_ERROR_DIVISION_BY_ZERO,
} DcaDecimalError;

typedef enum
{
  DCA_ROUND_DOWN,      /* toward zero: sizes rounded down to increments */
  DCA_ROUND_FLOOR,     /* toward -infinity */
  DCA_ROUND_CEILING,   /* toward +infinity */
  DCA_ROUND_HALF_EVEN, /* to nearest, ties to even */
} DcaRounding;

typedef struct
{
  __int128 raw; /* value x 10^18 */
} DcaDecimal;

#define DCA_DECIMAL_ONE_RAW ((__int128) 1000000000000000000LL)

GQuark      dca_decimal_error_quark (void);

gboolean    dca_decimal_parse           (const char  *str,
                                         DcaDecimal  *out,
                                         GError     **error);
gboolean    dca_decimal_parse_len       (const char  *str,
                                         gsize        len,
                                         DcaDecimal  *out,
                                         GError     **error);
gboolean    dca_decimal_parse_rounded   (const char  *str,
                                         DcaDecimal  *out,
                                         GError     **error);
gboolean    dca_decimal_from_double     (double       value,
                                         DcaDecimal  *out,
                                         GError     **error);
gsize       dca_decimal_format          (DcaDecimal   d,
                                         char        *buf);
char       *dca_decimal_to_string       (DcaDecimal   d);
char       *dca_decimal_to_string_places (DcaDecimal  d,
                                          guint       places);
double      dca_decimal_to_double       (DcaDecimal   d);

gboolean    dca_decimal_mul_checked     (DcaDecimal   a,
                                         DcaDecimal   b,
                                         DcaRounding  rounding,
                                         DcaDecimal  *out);
gboolean    dca_decimal_div_checked     (DcaDecimal   a,
                                         DcaDecimal   b,
                                         DcaRounding  rounding,
                                         DcaDecimal  *out);
gboolean    dca_decimal_muldiv_checked  (DcaDecimal   a,
                                         DcaDecimal   b,
                                         DcaDecimal   c,
                                         DcaRounding  rounding,
                                         DcaDecimal  *out);
DcaDecimal  dca_decimal_mul             (DcaDecimal   a,
                                         DcaDecimal   b,
                                         DcaRounding  rounding);
DcaDecimal  dca_decimal_div             (DcaDecimal   a,
                                         DcaDecimal   b,
                                         DcaRounding  rounding);
DcaDecimal  dca_decimal_round_to        (DcaDecimal   d,
                                         DcaDecimal   increment,
                                         DcaRounding  rounding);
DcaDecimal  dca_decimal_round_places    (DcaDecimal   d,
                                         guint        places,
                                         DcaRounding  rounding);

/* The shortest text that reads back as the same double ("0.1", not
 * "0.10000000000000001"), with a '.' whatever the locale; len >= 32. */
const char *dca_double_format_shortest  (char        *buf,
                                         gsize        len,
                                         double       value);

static inline DcaDecimal
dca_decimal_from_raw (__int128 raw)
{
  DcaDecimal d = { raw };
  return d;
}

static inline DcaDecimal
dca_decimal_zero (void)
{
  return dca_decimal_from_raw (0);
}

static inline DcaDecimal
dca_decimal_from_int (gint64 v)
{
  return dca_decimal_from_raw ((__int128) v * DCA_DECIMAL_ONE_RAW);
}

/* v x 10^-exp, for constants such as 0.006 = from_units (6, 3). */
DcaDecimal  dca_decimal_from_units      (gint64       v,
                                         guint        exp);

static inline DcaDecimal
dca_decimal_add (DcaDecimal a, DcaDecimal b)
{
  return dca_decimal_from_raw (a.raw + b.raw);
}

static inline DcaDecimal
dca_decimal_sub (DcaDecimal a, DcaDecimal b)
{
  return dca_decimal_from_raw (a.raw - b.raw);
}

static inline DcaDecimal
dca_decimal_neg (DcaDecimal a)
{
  return dca_decimal_from_raw (-a.raw);
}

static inline DcaDecimal
dca_decimal_abs (DcaDecimal a)
{
  return dca_decimal_from_raw (a.raw < 0 ? -a.raw : a.raw);
}

static inline int
dca_decimal_cmp (DcaDecimal a, DcaDecimal b)
{
  return (a.raw > b.raw) - (a.raw < b.raw);
}

static inline gboolean
dca_decimal_eq (DcaDecimal a, DcaDecimal b)
{
  return a.raw == b.raw;
}

static inline int
dca_decimal_sign (DcaDecimal a)
{
  return (a.raw > 0) - (a.raw < 0);
}

static inline gboolean
dca_decimal_is_zero (DcaDecimal a)
{
  return a.raw == 0;
}

static inline DcaDecimal
dca_decimal_min (DcaDecimal a, DcaDecimal b)
{
  return a.raw <= b.raw ? a : b;
}

static inline DcaDecimal
dca_decimal_max (DcaDecimal a, DcaDecimal b)
{
  return a.raw >= b.raw ? a : b;
}

G_END_DECLS
