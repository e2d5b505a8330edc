/* dca-decimal.c: exact decimal arithmetic on 128-bit scaled integers
 *
 * Products and quotients go through a 256-bit intermediate so that a x b / c
 * is rounded exactly once.
 */
#define G_LOG_DOMAIN "dca-decimal"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dca-decimal.h"

typedef unsigned __int128 u128;

/* |raw| stays below 10^38, i.e. values below 10^20. */
static const u128 DECIMAL_LIMIT = (u128) 10000000000000000000ULL * (u128) 10000000000000000000ULL;
static const guint64 ONE_RAW_U64 = 1000000000000000000ULL;

G_DEFINE_QUARK (dca-decimal-error-quark, dca_decimal_error)

typedef struct
{
  guint64 limb[4]; /* little endian */
} U256;

static U256
u256_mul (u128 a, u128 b)
{
  guint64 al = (guint64) a, ah = (guint64) (a >> 64);
  guint64 bl = (guint64) b, bh = (guint64) (b >> 64);
  u128 ll = (u128) al * bl;
  u128 lh = (u128) al * bh;
  u128 hl = (u128) ah * bl;
  u128 hh = (u128) ah * bh;
  U256 r;
  u128 mid;

  r.limb[0] = (guint64) ll;
  mid = (ll >> 64) + (guint64) lh + (guint64) hl;
  r.limb[1] = (guint64) mid;
  mid = (mid >> 64) + (lh >> 64) + (hl >> 64) + (guint64) hh;
  r.limb[2] = (guint64) mid;
  r.limb[3] = (guint64) ((mid >> 64) + (hh >> 64));
  return r;
}

/* n / d for a 64-bit divisor; returns the remainder. */
static guint64
u256_div_u64 (U256 *n, guint64 d)
{
  u128 rem = 0;

  for (int i = 3; i >= 0; i--)
    {
      u128 cur = (rem << 64) | n->limb[i];
      n->limb[i] = (guint64) (cur / d);
      rem = cur % d;
    }
  return (guint64) rem;
}

/* n / d for a 128-bit divisor by shift and subtract; returns the remainder. */
static u128
u256_div_u128 (U256 *n, u128 d)
{
  u128 rem = 0;
  U256 q = { { 0, 0, 0, 0 } };
  int top = 255;

  while (top >= 0 && ((n->limb[top / 64] >> (top % 64)) & 1) == 0)
    top--;

  for (int i = top; i >= 0; i--)
    {
      gboolean carry = (rem >> 127) != 0;

      rem = (rem << 1) | ((n->limb[i / 64] >> (i % 64)) & 1);
      if (carry || rem >= d)
        {
          rem -= d;
          q.limb[i / 64] |= (guint64) 1 << (i % 64);
        }
    }
  *n = q;
  return rem;
}

/* Whether the quotient q (of a division with remainder rem by d) of a value
 * whose sign is negative when neg moves one step away from zero. */
static gboolean
round_away (DcaRounding rounding, gboolean neg, gboolean q_odd, u128 rem, u128 d)
{
  if (rem == 0)
    return FALSE;

  switch (rounding)
    {
    case DCA_ROUND_DOWN:
      return FALSE;
    case DCA_ROUND_FLOOR:
      return neg;
    case DCA_ROUND_CEILING:
      return !neg;
    case DCA_ROUND_HALF_EVEN:
    default:
      {
        u128 rest = d - rem;

        if (rem > rest)
          return TRUE;
        if (rem < rest)
          return FALSE;
        return q_odd;
      }
    }
}

static gboolean
u256_to_raw (const U256 *q, gboolean neg, DcaDecimal *out)
{
  u128 v;

  if (q->limb[2] != 0 || q->limb[3] != 0)
    return FALSE;
  v = ((u128) q->limb[1] << 64) | q->limb[0];
  if (v >= DECIMAL_LIMIT)
    return FALSE;
  out->raw = neg ? -(__int128) v : (__int128) v;
  return TRUE;
}

static inline u128
uabs (__int128 v)
{
  return v < 0 ? (u128) 0 - (u128) v : (u128) v;
}

gboolean
dca_decimal_muldiv_checked (DcaDecimal   a,
                            DcaDecimal   b,
                            DcaDecimal   c,
                            DcaRounding  rounding,
                            DcaDecimal  *out)
{
  gboolean neg = ((a.raw < 0) != (b.raw < 0)) != (c.raw < 0);
  u128 d = uabs (c.raw);
  U256 n;
  u128 rem;
  gboolean odd;

  if (d == 0)
    return FALSE;

  n = u256_mul (uabs (a.raw), uabs (b.raw));
  if (d >> 64 == 0)
    rem = u256_div_u64 (&n, (guint64) d);
  else
    rem = u256_div_u128 (&n, d);

  if (a.raw == 0 || b.raw == 0)
    neg = FALSE;

  odd = n.limb[0] & 1;
  if (round_away (rounding, neg, odd, rem, d))
    {
      for (int i = 0; i < 4; i++)
        if (++n.limb[i] != 0)
          break;
    }
  return u256_to_raw (&n, neg, out);
}

gboolean
dca_decimal_mul_checked (DcaDecimal   a,
                         DcaDecimal   b,
                         DcaRounding  rounding,
                         DcaDecimal  *out)
{
  gboolean neg = (a.raw < 0) != (b.raw < 0);
  U256 n = u256_mul (uabs (a.raw), uabs (b.raw));
  guint64 rem = u256_div_u64 (&n, ONE_RAW_U64);

  if (a.raw == 0 || b.raw == 0)
    neg = FALSE;
  if (round_away (rounding, neg, n.limb[0] & 1, rem, ONE_RAW_U64))
    {
      for (int i = 0; i < 4; i++)
        if (++n.limb[i] != 0)
          break;
    }
  return u256_to_raw (&n, neg, out);
}

gboolean
dca_decimal_div_checked (DcaDecimal   a,
                         DcaDecimal   b,
                         DcaRounding  rounding,
                         DcaDecimal  *out)
{
  return dca_decimal_muldiv_checked (a, dca_decimal_from_raw (DCA_DECIMAL_ONE_RAW), b,
                                     rounding, out);
}

/* The unchecked forms are for amounts already bounded by validation; an
 * overflow there is a programming error, reported loudly and saturated. */
DcaDecimal
dca_decimal_mul (DcaDecimal  a,
                 DcaDecimal  b,
                 DcaRounding rounding)
{
  DcaDecimal r;

  if (!dca_decimal_mul_checked (a, b, rounding, &r))
    {
      g_critical ("decimal overflow in multiplication");
      r.raw = ((a.raw < 0) != (b.raw < 0)) ? -(__int128) (DECIMAL_LIMIT - 1)
                                           : (__int128) (DECIMAL_LIMIT - 1);
    }
  return r;
}

DcaDecimal
dca_decimal_div (DcaDecimal  a,
                 DcaDecimal  b,
                 DcaRounding rounding)
{
  DcaDecimal r;

  if (!dca_decimal_div_checked (a, b, rounding, &r))
    {
      g_critical ("decimal division by zero or overflow");
      r.raw = 0;
    }
  return r;
}

DcaDecimal
dca_decimal_round_to (DcaDecimal  d,
                      DcaDecimal  increment,
                      DcaRounding rounding)
{
  __int128 q, rem;
  gboolean neg = d.raw < 0;

  if (increment.raw <= 0)
    return d;

  q = d.raw / increment.raw;
  rem = d.raw % increment.raw;
  if (round_away (rounding, neg, (q & 1) != 0, uabs (rem), (u128) increment.raw))
    q += neg ? -1 : 1;
  return dca_decimal_from_raw (q * increment.raw);
}

DcaDecimal
dca_decimal_round_places (DcaDecimal  d,
                          guint       places,
                          DcaRounding rounding)
{
  __int128 inc = 1;

  if (places >= DCA_DECIMAL_SCALE)
    return d;
  for (guint i = places; i < DCA_DECIMAL_SCALE; i++)
    inc *= 10;
  return dca_decimal_round_to (d, dca_decimal_from_raw (inc), rounding);
}

DcaDecimal
dca_decimal_from_units (gint64 v,
                        guint  exp)
{
  __int128 raw = v;

  g_return_val_if_fail (exp <= DCA_DECIMAL_SCALE, dca_decimal_zero ());

  for (guint i = exp; i < DCA_DECIMAL_SCALE; i++)
    raw *= 10;
  return dca_decimal_from_raw (raw);
}

static gboolean
parse_impl (const char  *str,
            gsize        len,
            gboolean     allow_rounding,
            DcaDecimal  *out,
            GError     **error)
{
  const char *p = str, *end = str + len;
  gboolean neg = FALSE;
  gboolean seen_point = FALSE;
  gboolean any_digit = FALSE;
  char digits[256];
  guint n_digits = 0; /* significant digits, leading zeros dropped */
  long frac = 0;      /* the value is digits x 10^-frac */
  long exp10 = 0;
  u128 v = 0;
  gboolean round_up = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    neg = *p++ == '-';

  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          any_digit = TRUE;
          if (seen_point)
            frac++;
          if (n_digits == 0 && *p == '0')
            continue;
          if (n_digits >= sizeof digits)
            goto range;
          digits[n_digits++] = *p;
        }
      else if (*p == '.' && !seen_point)
        seen_point = TRUE;
      else
        break;
    }

  if (!any_digit)
    goto syntax;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean eneg = FALSE;
      gboolean edigit = FALSE;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        eneg = *p++ == '-';
      for (; p < end && *p >= '0' && *p <= '9'; p++)
        {
          edigit = TRUE;
          if (exp10 < 10000)
            exp10 = exp10 * 10 + (*p - '0');
        }
      if (!edigit)
        goto syntax;
      if (eneg)
        exp10 = -exp10;
    }

  if (p != end)
    goto syntax;

  frac -= exp10;

  /* trailing zeros after the point add nothing */
  while (n_digits > 0 && frac > 0 && digits[n_digits - 1] == '0')
    {
      n_digits--;
      frac--;
    }
  if (n_digits == 0)
    {
      out->raw = 0;
      return TRUE;
    }

  if (frac > DCA_DECIMAL_SCALE)
    {
      long drop = frac - DCA_DECIMAL_SCALE;
      guint keep;
      char first;
      gboolean rest_nonzero = FALSE;

      if (!allow_rounding)
        {
          g_set_error (error, DCA_DECIMAL_ERROR, DCA_DECIMAL_ERROR_PRECISION,
                       "“%.*s” has more than %d decimal places", (int) MIN (len, 64), str,
                       DCA_DECIMAL_SCALE);
          return FALSE;
        }
      if (drop > (long) n_digits)
        {
          out->raw = 0;
          return TRUE;
        }
      keep = n_digits - (guint) drop;
      first = digits[keep];
      for (guint i = keep + 1; i < n_digits; i++)
        if (digits[i] != '0')
          rest_nonzero = TRUE;
      if (first > '5' || (first == '5' && rest_nonzero))
        round_up = TRUE;
      else if (first == '5')
        round_up = keep > 0 && ((digits[keep - 1] - '0') & 1);
      n_digits = keep;
      frac = DCA_DECIMAL_SCALE;
    }

  /* integer digits = n_digits - frac */
  if ((long) n_digits - frac > 20)
    goto range;

  for (guint i = 0; i < n_digits; i++)
    v = v * 10 + (u128) (digits[i] - '0');
  if (round_up)
    v += 1;
  for (long i = frac; i < DCA_DECIMAL_SCALE; i++)
    {
      v *= 10;
      if (v >= DECIMAL_LIMIT)
        goto range;
    }
  if (v >= DECIMAL_LIMIT)
    goto range;

  out->raw = neg ? -(__int128) v : (__int128) v;
  return TRUE;

range:
  g_set_error (error, DCA_DECIMAL_ERROR, DCA_DECIMAL_ERROR_RANGE,
               "“%.*s” is out of range (at most 20 integer digits)", (int) MIN (len, 64),
               str);
  return FALSE;

syntax:
  g_set_error (error, DCA_DECIMAL_ERROR, DCA_DECIMAL_ERROR_SYNTAX,
               "“%.*s” is not a decimal number", (int) MIN (len, 64), str);
  return FALSE;
}

gboolean
dca_decimal_parse_len (const char  *str,
                       gsize        len,
                       DcaDecimal  *out,
                       GError     **error)
{
  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_impl (str, len, FALSE, out, error);
}

gboolean
dca_decimal_parse (const char  *str,
                   DcaDecimal  *out,
                   GError     **error)
{
  g_return_val_if_fail (str != NULL, FALSE);

  return dca_decimal_parse_len (str, strlen (str), out, error);
}

/* For values an exchange computes itself (e.g. a commission with 20 decimal
 * places): rounded half-even at the 18th place instead of refused. */
gboolean
dca_decimal_parse_rounded (const char  *str,
                           DcaDecimal  *out,
                           GError     **error)
{
  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_impl (str, strlen (str), TRUE, out, error);
}

gboolean
dca_decimal_from_double (double       value,
                         DcaDecimal  *out,
                         GError     **error)
{
  char buf[64];

  if (!isfinite (value))
    {
      g_set_error (error, DCA_DECIMAL_ERROR, DCA_DECIMAL_ERROR_SYNTAX,
                   "not a finite number");
      return FALSE;
    }

  /* The shortest representation that reads back as the same double: the
   * number as the person who wrote "0.1" in a JSON file meant it. */
  dca_double_format_shortest (buf, sizeof buf, value);
  return dca_decimal_parse (buf, out, error);
}

const char *
dca_double_format_shortest (char   *buf,
                            gsize   len,
                            double  value)
{
  int prec;

  /* the fewest significant digits that read back as the same double */
  for (prec = 1; prec < 17; prec++)
    {
      char fmt[8];

      /* g_ascii_formatd: a '.' whatever the locale */
      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, (int) len, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* Then those digits in plain notation (100, not 1e+02; 0.0000001, not
   * 1e-07), as people write amounts, while that stays short: beyond it the
   * exponent form stays. */
  if (value != 0 && isfinite (value) && fabs (value) < 1e21 && fabs (value) >= 1e-18)
    {
      int exponent = (int) floor (log10 (fabs (value)));
      int decimals = MAX (0, prec - 1 - exponent);
      char fmt[8];
      char plain[64];

      /* log10 can be off by one right at a power of ten */
      if (fabs (value) >= pow (10, exponent + 1))
        decimals = MAX (0, decimals - 1);
      g_snprintf (fmt, sizeof fmt, "%%.%df", MIN (decimals, 40));
      g_ascii_formatd (plain, sizeof plain, fmt, value);
      if (strlen (plain) < len && g_ascii_strtod (plain, NULL) == value)
        g_strlcpy (buf, plain, len);
    }
  return buf;
}

gsize
dca_decimal_format (DcaDecimal  d,
                    char       *buf)
{
  char tmp[DCA_DECIMAL_BUF_SIZE];
  u128 v = uabs (d.raw);
  int n = 0;
  gsize len = 0;
  int frac_len = DCA_DECIMAL_SCALE;

  /* digits of v, least significant first */
  do
    {
      tmp[n++] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
  while (v != 0);
  while (n <= DCA_DECIMAL_SCALE)
    tmp[n++] = '0';

  /* trim trailing fractional zeros */
  {
    int lo = 0;

    while (lo < DCA_DECIMAL_SCALE && tmp[lo] == '0')
      lo++;
    frac_len = DCA_DECIMAL_SCALE - lo;
  }

  if (d.raw < 0)
    buf[len++] = '-';
  for (int i = n - 1; i >= DCA_DECIMAL_SCALE; i--)
    buf[len++] = tmp[i];
  if (frac_len > 0)
    {
      buf[len++] = '.';
      for (int i = DCA_DECIMAL_SCALE - 1; i >= DCA_DECIMAL_SCALE - frac_len; i--)
        buf[len++] = tmp[i];
    }
  buf[len] = '\0';
  return len;
}

char *
dca_decimal_to_string (DcaDecimal d)
{
  char buf[DCA_DECIMAL_BUF_SIZE];

  dca_decimal_format (d, buf);
  return g_strdup (buf);
}

char *
dca_decimal_to_string_places (DcaDecimal d,
                              guint      places)
{
  char buf[DCA_DECIMAL_BUF_SIZE];
  GString *s;
  const char *point;
  gsize have;

  places = MIN (places, DCA_DECIMAL_SCALE);
  d = dca_decimal_round_places (d, places, DCA_ROUND_HALF_EVEN);
  dca_decimal_format (d, buf);
  s = g_string_new (buf);
  point = strchr (s->str, '.');
  have = point ? strlen (point + 1) : 0;
  if (places > 0 && !point)
    g_string_append_c (s, '.');
  for (gsize i = have; i < places; i++)
    g_string_append_c (s, '0');
  return g_string_free (s, FALSE);
}

double
dca_decimal_to_double (DcaDecimal d)
{
  __int128 ip = d.raw / DCA_DECIMAL_ONE_RAW;
  __int128 fp = d.raw % DCA_DECIMAL_ONE_RAW;

  return (double) ip + (double) fp / 1e18;
}
