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
  gsize from = series->len > count ? series->len - count : 0;

  g_free (self->title);
  g_free (self->candles);
  self->title = g_strdup (title);
  self->n = (guint) (series->len - from);
  self->candles = g_memdup2 (series->candles + from, sizeof (DcaCandle) * self->n);
  self->sma_period = sma_period;
  self->granularity = series->granularity > 0 ? series->granularity : 300;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw (DcaChart *self,
      cairo_t  *cr,
      int       width,
      int       height)
{
  g_autofree PLFLT *x = NULL;
  g_autofree PLFLT *sma = NULL;
  PLFLT lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  PLINT stream;
  guint n_sma = 0;

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  if (self->n < 2 || width < 50 || height < 50)
    return;

  x = g_new (PLFLT, self->n);
  sma = g_new (PLFLT, self->n);
  {
    DcaSma avg;

    /* the moving average from core's streaming indicator */
    dca_sma_init (&avg, MAX (self->sma_period, 1));
    for (guint i = 0; i < self->n; i++)
      {
        x[i] = (PLFLT) (self->candles[i].time + self->granularity);
        lo = MIN (lo, self->candles[i].low);
        hi = MAX (hi, self->candles[i].high);
        if (self->sma_period > 1 && dca_sma_update (&avg, self->candles[i].close))
          sma[n_sma++] = avg.value;
      }
    dca_sma_clear (&avg);
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
  plcol0 (1);
  pladv (0);
  plvpor (0.12, 0.97, 0.12, 0.9);
  plwind (x[0] - self->granularity, x[self->n - 1] + self->granularity, lo - (hi - lo) * 0.05,
          hi + (hi - lo) * 0.05);
  plschr (0, 0.8);
  /* prices in plain digits (no x10^n), times as day and hour, UTC */
  plsyax (12, 0);
  pltimefmt ("%d %b %H:%M");
  plbox ("bcnstd", 0, 0, "bcnstv", 0, 0);
  pllab ("", "", self->title ? self->title : "");

  for (guint i = 0; i < self->n; i++)
    {
      const DcaCandle *c = &self->candles[i];
      PLFLT half = self->granularity * 0.35;
      PLFLT wx[2] = { x[i], x[i] };
      PLFLT wy[2] = { c->low, c->high };
      PLFLT bx[5] = { x[i] - half, x[i] + half, x[i] + half, x[i] - half, x[i] - half };
      PLFLT by[5] = { c->open, c->open, c->close, c->close, c->open };
      gboolean up = c->close >= c->open;

      if (up)
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
  if (n_sma > 1)
    {
      plscol0 (3, 53, 132, 228);
      plcol0 (3);
      plwidth (2);
      plline ((PLINT) n_sma, x + (self->n - n_sma), sma);
    }
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
