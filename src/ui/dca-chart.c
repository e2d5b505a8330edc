/* dca-chart.c: candlesticks with a moving average, drawn by PLplot */
#define G_LOG_DOMAIN "dca-chart"

#include "config.h"

#include <math.h>
#include <plplot.h>

#include "dca-chart.h"
#include "dca-indicators.h"

struct _DcaChart
{
  GtkWidget  parent_instance;

  char      *title;
  DcaCandle *candles;
  guint      n;
  guint      sma_period;
  guint      drawn;
  gint64     granularity;
  guint      shown;      /* the last `shown` of `n` candles are drawn */
};

G_DEFINE_FINAL_TYPE (DcaChart, dca_chart, GTK_TYPE_WIDGET)

GtkWidget *
dca_chart_new (void)
{
  return g_object_new (DCA_TYPE_CHART, NULL);
}

guint
dca_chart_get_n_drawn (DcaChart *self)
{
  return self->drawn;
}

void
dca_chart_set_candles (DcaChart              *self,
                       const char            *title,
                       const DcaCandleSeries *series,
                       guint                  count,
                       guint                  sma_period)
{
  /* 200 more candles than drawn: the indicators' warm-up */
  gsize from = series->len > count + 200 ? series->len - count - 200 : 0;

  g_free (self->title);
  g_free (self->candles);
  self->title = g_strdup (title);
  self->n = (guint) (series->len - from);
  self->candles = g_memdup2 (series->candles + from, sizeof (DcaCandle) * self->n);
  self->sma_period = sma_period;
  self->shown = MIN (count, self->n);
  self->granularity = series->granularity > 0 ? series->granularity : 300;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw (DcaChart *self,
      cairo_t  *cr,
      int       width,
      int       height)
{
  guint first = self->n - self->shown;
  guint m = self->shown;
  g_autofree PLFLT *x = NULL;
  g_autofree PLFLT *sma = NULL;
  g_autofree PLFLT *upper = NULL;
  g_autofree PLFLT *lower = NULL;
  g_autofree PLFLT *rsi = NULL;
  g_autofree gboolean *has_sma = NULL;
  g_autofree gboolean *has_bb = NULL;
  g_autofree gboolean *has_rsi = NULL;
  PLFLT lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  PLINT stream;

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  if (m < 2 || width < 50 || height < 80)
    return;

  x = g_new (PLFLT, m);
  sma = g_new (PLFLT, m);
  upper = g_new (PLFLT, m);
  lower = g_new (PLFLT, m);
  rsi = g_new (PLFLT, m);
  has_sma = g_new0 (gboolean, m);
  has_bb = g_new0 (gboolean, m);
  has_rsi = g_new0 (gboolean, m);
  {
    /* core's streaming indicators, over the warm-up and the drawn candles */
    DcaSma avg;
    DcaBollinger bb;
    DcaRsi r;

    dca_sma_init (&avg, MAX (self->sma_period, 2));
    dca_bollinger_init (&bb, 20, 2.0);
    dca_rsi_init (&r, 14);
    for (guint i = 0; i < self->n; i++)
      {
        gboolean s_ok = dca_sma_update (&avg, self->candles[i].close);
        gboolean b_ok = dca_bollinger_update (&bb, self->candles[i].close);
        gboolean r_ok = dca_rsi_update (&r, self->candles[i].close);
        guint j;

        if (i < first)
          continue;
        j = i - first;
        x[j] = (PLFLT) (self->candles[i].time + self->granularity);
        lo = MIN (lo, self->candles[i].low);
        hi = MAX (hi, self->candles[i].high);
        if ((has_sma[j] = s_ok))
          sma[j] = avg.value;
        if ((has_bb[j] = b_ok))
          {
            upper[j] = bb.upper;
            lower[j] = bb.lower;
          }
        if ((has_rsi[j] = r_ok))
          rsi[j] = r.value;
      }
    dca_sma_clear (&avg);
    dca_bollinger_clear (&bb);
  }
  if (hi <= lo)
    hi = lo + 1e-8;

  plsstrm (0);
  plmkstrm (&stream);
  plsdev ("extcairo");
  plspage (0, 0, width, height, 0, 0);
  plinit ();
  pl_cmd (PLESC_DEVINIT, cr);
  plscol0 (0, 255, 255, 255);
  plscol0 (1, 40, 40, 40);
  plscol0 (3, 53, 132, 228);
  plscol0 (4, 154, 153, 150);
  plscol0 (5, 145, 65, 172);
  pladv (0);
  plschr (0, 0.8);
  plsyax (12, 0);
  pltimefmt ("%d %b %H:%M");

  /* the price pane: candles, the moving average, Bollinger bands */
  plcol0 (1);
  plvpor (0.12, 0.97, 0.36, 0.9);
  plwind (x[0] - self->granularity, x[m - 1] + self->granularity, lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05);
  plbox ("bcst", 0, 0, "bcnstv", 0, 0);
  pllab ("", "", self->title ? self->title : "");
  for (guint j = 0; j < m; j++)
    {
      const DcaCandle *c = &self->candles[first + j];
      PLFLT half = self->granularity * 0.35;
      PLFLT wx[2] = { x[j], x[j] };
      PLFLT wy[2] = { c->low, c->high };
      PLFLT bx[5] = { x[j] - half, x[j] + half, x[j] + half, x[j] - half, x[j] - half };
      PLFLT by[5] = { c->open, c->open, c->close, c->close, c->open };

      if (c->close >= c->open)
        plscol0 (2, 38, 162, 105);
      else
        plscol0 (2, 192, 28, 40);
      plcol0 (2);
      plline (2, wx, wy);
      if (fabs (c->close - c->open) < (hi - lo) * 1e-4)
        plline (2, bx, by);
      else
        plfill (5, bx, by);
      self->drawn++;
    }
  for (guint j = 1; j < m; j++)
    {
      if (has_sma[j - 1] && has_sma[j])
        {
          plcol0 (3);
          plwidth (2);
          pljoin (x[j - 1], sma[j - 1], x[j], sma[j]);
        }
      if (has_bb[j - 1] && has_bb[j])
        {
          plcol0 (4);
          plwidth (1);
          pljoin (x[j - 1], upper[j - 1], x[j], upper[j]);
          pljoin (x[j - 1], lower[j - 1], x[j], lower[j]);
        }
    }

  /* the RSI pane, with its 30 and 70 lines */
  plwidth (1);
  plcol0 (1);
  plvpor (0.12, 0.97, 0.1, 0.3);
  plwind (x[0] - self->granularity, x[m - 1] + self->granularity, 0, 100);
  plbox ("bcnstd", 0, 0, "bcnstv", 50, 0);
  plmtex ("l", 5, 0.5, 0.5, "RSI 14");
  plcol0 (4);
  pljoin (x[0], 30, x[m - 1], 30);
  pljoin (x[0], 70, x[m - 1], 70);
  plcol0 (5);
  for (guint j = 1; j < m; j++)
    if (has_rsi[j - 1] && has_rsi[j])
      pljoin (x[j - 1], rsi[j - 1], x[j], rsi[j]);
  plend1 ();
}

static void
dca_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  DcaChart *self = DCA_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
dca_chart_finalize (GObject *object)
{
  DcaChart *self = DCA_CHART (object);

  g_free (self->title);
  g_free (self->candles);
  G_OBJECT_CLASS (dca_chart_parent_class)->finalize (object);
}

static void
dca_chart_class_init (DcaChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dca_chart_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = dca_chart_snapshot;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dca_chart_init (DcaChart *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, 240);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
