/* dca-candles.c: timeframes and the candle CSV reader and writer */
#define G_LOG_DOMAIN "dca-candles"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dca-candles.h"

G_DEFINE_QUARK (dca-candles-error-quark, dca_candles_error)

static const struct
{
  const char *name;
  const char *short_name;
  gint64      seconds;
} timeframes[DCA_N_TIMEFRAMES] = {
  [DCA_TIMEFRAME_INVALID] = { NULL, NULL, 0 },
  [DCA_TIMEFRAME_ONE_MINUTE] = { "ONE_MINUTE", "1m", 60 },
  [DCA_TIMEFRAME_FIVE_MINUTE] = { "FIVE_MINUTE", "5m", 300 },
  [DCA_TIMEFRAME_FIFTEEN_MINUTE] = { "FIFTEEN_MINUTE", "15m", 900 },
  [DCA_TIMEFRAME_THIRTY_MINUTE] = { "THIRTY_MINUTE", "30m", 1800 },
  [DCA_TIMEFRAME_ONE_HOUR] = { "ONE_HOUR", "1h", 3600 },
  [DCA_TIMEFRAME_TWO_HOUR] = { "TWO_HOUR", "2h", 7200 },
  [DCA_TIMEFRAME_SIX_HOUR] = { "SIX_HOUR", "6h", 21600 },
  [DCA_TIMEFRAME_ONE_DAY] = { "ONE_DAY", "1d", 86400 },
};

/* Accepts Coinbase's names and the short forms (5m, 1h, 1d) that exports of
 * other tools use. */
DcaTimeframe
dca_timeframe_parse (const char *name)
{
  if (name == NULL)
    return DCA_TIMEFRAME_INVALID;
  for (guint i = 1; i < DCA_N_TIMEFRAMES; i++)
    if (g_ascii_strcasecmp (name, timeframes[i].name) == 0 ||
        strcmp (name, timeframes[i].short_name) == 0)
      return (DcaTimeframe) i;
  return DCA_TIMEFRAME_INVALID;
}

const char *
dca_timeframe_to_string (DcaTimeframe tf)
{
  if ((guint) tf >= DCA_N_TIMEFRAMES)
    return NULL;
  return timeframes[tf].name;
}

const char *
dca_timeframe_short_name (DcaTimeframe tf)
{
  if ((guint) tf >= DCA_N_TIMEFRAMES)
    return NULL;
  return timeframes[tf].short_name;
}

gint64
dca_timeframe_seconds (DcaTimeframe tf)
{
  if ((guint) tf >= DCA_N_TIMEFRAMES)
    return 0;
  return timeframes[tf].seconds;
}

DcaTimeframe
dca_timeframe_from_seconds (gint64 seconds)
{
  for (guint i = 1; i < DCA_N_TIMEFRAMES; i++)
    if (timeframes[i].seconds == seconds)
      return (DcaTimeframe) i;
  return DCA_TIMEFRAME_INVALID;
}

DcaCandleSeries *
dca_candle_series_new (void)
{
  return g_new0 (DcaCandleSeries, 1);
}

void
dca_candle_series_free (DcaCandleSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->candles);
  g_free (series);
}

void
dca_candle_series_append (DcaCandleSeries *series,
                          const DcaCandle *candle)
{
  if (series->len == series->capacity)
    {
      series->capacity = MAX (64, series->capacity * 2);
      series->candles = g_renew (DcaCandle, series->candles, series->capacity);
    }
  series->candles[series->len++] = *candle;
}

void
dca_candle_series_update_granularity (DcaCandleSeries *series)
{
  gint64 g = 0;

  for (gsize i = 1; i < series->len; i++)
    {
      gint64 d = series->candles[i].time - series->candles[i - 1].time;

      if (d > 0 && (g == 0 || d < g))
        g = d;
    }
  series->granularity = g;
}

static gboolean
parse_double_field (const char *start,
                    const char *end,
                    double     *out)
{
  char buf[64];
  char *endp;
  gsize len = (gsize) (end - start);

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, start, len);
  buf[len] = '\0';
  errno = 0;
  *out = g_ascii_strtod (buf, &endp);
  return errno == 0 && *endp == '\0' && isfinite (*out);
}

DcaCandleSeries *
dca_candle_series_parse_csv (const char  *text,
                             gsize        len,
                             const char  *name,
                             GError     **error)
{
  static const char *const columns[] = { "time", "open", "high", "low", "close", "volume" };
  g_autoptr(DcaCandleSeries) series = dca_candle_series_new ();
  const char *p = text, *end = text + len;
  guint line = 0;

  if (name == NULL)
    name = "candles";

  /* header */
  {
    const char *eol = memchr (p, '\n', (gsize) (end - p));
    const char *hend = eol ? eol : end;
    g_autofree char *header = NULL;
    g_auto(GStrv) fields = NULL;

    line = 1;
    if (hend > p && hend[-1] == '\r')
      hend--;
    header = g_strndup (p, (gsize) (hend - p));
    if (g_str_has_prefix (header, "\xEF\xBB\xBF"))
      memmove (header, header + 3, strlen (header + 3) + 1);
    fields = g_strsplit (header, ",", -1);
    if (g_strv_length (fields) != G_N_ELEMENTS (columns))
      goto bad_header;
    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      if (g_ascii_strcasecmp (g_strstrip (fields[i]), columns[i]) != 0)
        goto bad_header;
    p = eol ? eol + 1 : end;
    if (FALSE)
      {
      bad_header:
        g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_HEADER,
                     "%s:1: expected the header “time,open,high,low,close,volume”", name);
        return NULL;
      }
  }

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *lend = eol ? eol : end;
      const char *field[7];
      guint n_fields = 0;
      DcaCandle c;
      double values[5];
      g_autoptr(GError) local_error = NULL;

      line++;
      if (lend > p && lend[-1] == '\r')
        lend--;
      if (lend == p)
        {
          p = eol ? eol + 1 : end;
          continue; /* blank line */
        }

      field[n_fields++] = p;
      for (const char *q = p; q < lend; q++)
        if (*q == ',')
          {
            if (n_fields == 6)
              {
                n_fields = 7;
                break;
              }
            field[n_fields++] = q + 1;
          }
      if (n_fields != 6)
        {
          g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ROW,
                       "%s:%u: expected 6 fields (time,open,high,low,close,volume)", name, line);
          return NULL;
        }
      field[6] = lend + 1;

      {
        char buf[32];
        gsize flen = (gsize) (field[1] - 1 - field[0]);
        char *endp;

        if (flen == 0 || flen >= sizeof buf)
          goto bad_time;
        memcpy (buf, field[0], flen);
        buf[flen] = '\0';
        errno = 0;
        c.time = g_ascii_strtoll (buf, &endp, 10);
        if (errno != 0 || *endp != '\0' || c.time < 0)
          {
          bad_time:
            g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ROW,
                         "%s:%u: time “%.*s” is not a unix time in seconds", name, line,
                         (int) MIN (flen, 40), field[0]);
            return NULL;
          }
      }

      for (guint i = 0; i < 5; i++)
        {
          const char *fs = field[i + 1], *fe = field[i + 2] - 1;

          if (!parse_double_field (fs, fe, &values[i]) || values[i] < 0 ||
              (i < 4 && values[i] == 0))
            {
              g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ROW,
                           "%s:%u: %s “%.*s” is not a %s number", name, line, columns[i + 1],
                           (int) MIN (fe - fs, 40), fs, i < 4 ? "positive" : "non-negative");
              return NULL;
            }
        }
      if (!dca_decimal_parse_len (field[4], (gsize) (field[5] - 1 - field[4]), &c.close_exact,
                                  &local_error))
        {
          g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ROW, "%s:%u: close: %s", name,
                       line, local_error->message);
          return NULL;
        }
      c.open = values[0];
      c.high = values[1];
      c.low = values[2];
      c.close = values[3];
      c.volume = values[4];
      if (c.low > c.high)
        {
          g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ROW,
                       "%s:%u: low is above high", name, line);
          return NULL;
        }
      if (series->len > 0 && c.time <= series->candles[series->len - 1].time)
        {
          g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_ORDER,
                       "%s:%u: time %" G_GINT64_FORMAT " is not after the previous row's %"
                       G_GINT64_FORMAT " (rows must be in ascending time)",
                       name, line, c.time, series->candles[series->len - 1].time);
          return NULL;
        }
      dca_candle_series_append (series, &c);
      p = eol ? eol + 1 : end;
    }

  if (series->len == 0)
    {
      g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_EMPTY, "%s: no candles", name);
      return NULL;
    }

  dca_candle_series_update_granularity (series);
  return g_steal_pointer (&series);
}

DcaCandleSeries *
dca_candle_series_load_csv (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, DCA_CANDLES_ERROR, DCA_CANDLES_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return dca_candle_series_parse_csv (contents, len, path, error);
}

gboolean
dca_candle_series_save_csv (const DcaCandleSeries  *series,
                            const char             *path,
                            GError                **error)
{
  g_autoptr(GString) out = g_string_sized_new (series->len * 64 + 64);

  g_string_append (out, "time,open,high,low,close,volume\n");
  for (gsize i = 0; i < series->len; i++)
    {
      const DcaCandle *c = &series->candles[i];
      char close[DCA_DECIMAL_BUF_SIZE];
      char o[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
      char l[G_ASCII_DTOSTR_BUF_SIZE], v[G_ASCII_DTOSTR_BUF_SIZE];

      /* g_ascii_dtostr writes text that reads back to the same double */

      dca_decimal_format (c->close_exact, close);
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s\n", c->time,
                              g_ascii_dtostr (o, sizeof o, c->open),
                              g_ascii_dtostr (h, sizeof h, c->high),
                              g_ascii_dtostr (l, sizeof l, c->low), close,
                              g_ascii_dtostr (v, sizeof v, c->volume));
    }
  /* atomic: a reader never sees half a file */
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}
