/* bench-common.c: synthetic candles and the machine, for the benchmarks */
#define G_LOG_DOMAIN "dca-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"

typedef struct
{
  double log_return;  /* log (close / previous close) */
  double open_rel;    /* open / close */
  double high_rel;
  double low_rel;
  double volume;
} Sample;

static char *
market_dir (void)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "market", NULL);
  return g_build_filename (DCA_SOURCE_DATADIR, "market", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every pair of consecutive 5-minute candles (no gap between them) of every
 * bundled pair; the log returns are centred on zero so that the resampled
 * walk has no drift of its own. */
static GArray *
load_samples (void)
{
  g_autofree char *dir_path = market_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  const char *name;
  double mean = 0;

  if (dir == NULL)
    g_error ("bench: %s (set DCADESK_SOURCE_ROOT to the source tree)", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, "-5m.csv"))
      g_ptr_array_add (names, g_strdup (name));
  /* the directory's order is the file system's: sort for a stable series */
  g_ptr_array_sort (names, compare_names);

  for (guint f = 0; f < names->len; f++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[f], NULL);
      g_autoptr(DcaCandleSeries) series = dca_candle_series_load_csv (path, &error);

      if (series == NULL)
        g_error ("bench: %s", error->message);
      for (gsize i = 1; i < series->len; i++)
        {
          const DcaCandle *prev = &series->candles[i - 1];
          const DcaCandle *c = &series->candles[i];
          Sample s;

          if (c->time - prev->time != 300 || prev->close <= 0 || c->close <= 0)
            continue;
          s.log_return = log (c->close / prev->close);
          s.open_rel = c->open / c->close;
          s.high_rel = c->high / c->close;
          s.low_rel = c->low / c->close;
          s.volume = c->volume;
          g_array_append_val (samples, s);
        }
    }
  if (samples->len == 0)
    g_error ("bench: no 5-minute candles in %s", dir_path);

  for (guint i = 0; i < samples->len; i++)
    mean += g_array_index (samples, Sample, i).log_return;
  mean /= samples->len;
  for (guint i = 0; i < samples->len; i++)
    g_array_index (samples, Sample, i).log_return -= mean;
  return samples;
}

/* A price as an exact 8-decimal amount and the nearest double to it. */
static double
round8 (double      price,
        DcaDecimal *exact)
{
  gint64 units = llround (price * 1e8);

  if (units < 1)
    units = 1;
  if (exact != NULL)
    *exact = dca_decimal_from_units (units, 8);
  /* both operands are exact doubles, so the quotient is the double nearest
   * to the decimal */
  return (double) units / 1e8;
}

DcaCandleSeries *
bench_synthetic_candles (gsize   n,
                         guint32 seed)
{
  /* A driftless walk wanders off: over millions of candles it would leave
   * the prices 8 decimals can express, or park far from where a deal opened
   * so that the deal never closes and the run stops trading.  So the walk is
   * pulled gently back towards its start (a discrete Ornstein-Uhlenbeck
   * process: the pull is 0.002 % of the log distance per candle, a half-life
   * of about 4 months of 5-minute candles), and returns that would still take
   * the price beyond a factor e^3 are reflected. */
  const double start = 0.05, band = 3.0, pull = 2e-5;
  g_autoptr(GArray) samples = load_samples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  DcaCandleSeries *series = dca_candle_series_new ();
  double log_start = log (start), log_price = log_start;

  series->candles = g_new (DcaCandle, MAX (n, 1));
  series->capacity = MAX (n, 1);
  for (gsize i = 0; i < n; i++)
    {
      const Sample *s = &g_array_index (samples, Sample, g_rand_int_range (rand, 0, samples->len));
      DcaCandle *c = &series->candles[i];
      double r = s->log_return - pull * (log_price - log_start);

      if (fabs (log_price + r - log_start) > band)
        r = -r;
      log_price += r;

      c->time = 1514764800 + (gint64) i * 300;  /* 2018-01-01 00:00 UTC */
      c->close = round8 (exp (log_price), &c->close_exact);
      /* keep walking from the price actually written */
      log_price = log (c->close);
      c->open = round8 (c->close * s->open_rel, NULL);
      c->high = MAX (round8 (c->close * s->high_rel, NULL), MAX (c->open, c->close));
      c->low = MIN (round8 (c->close * s->low_rel, NULL), MIN (c->open, c->close));
      c->volume = s->volume;
    }
  series->len = n;
  series->granularity = 300;
  return series;
}

void
bench_print_machine (const char *name)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *model = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (cpuinfo, "\n", -1);

      for (guint i = 0; lines[i] != NULL && model == NULL; i++)
        if (g_str_has_prefix (lines[i], "model name"))
          {
            const char *colon = strchr (lines[i], ':');

            if (colon != NULL)
              model = g_strstrip (g_strdup (colon + 1));
          }
    }
  printf ("%s benchmark\n", name);
  printf ("  cpu: %s, %u cores (one used)\n", model ? model : "unknown", g_get_num_processors ());
}
