/* dca-chart.c: candlesticks with indicators, price levels and marks, by PLplot */
#define G_LOG_DOMAIN "dca-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <plplot.h>
#include <string.h>

#include "dca-chart.h"
#include "dca-plot.h"
#include "dca-indicators.h"

/* the warm-up kept before the drawn candles: the longest period allowed */
#define WARM_UP 200

#define RSI_PERIOD 14
#define BOLLINGER_PERIOD 20
#define BOLLINGER_WIDTH 2.0
#define MACD_FAST 12
#define MACD_SLOW 26
#define MACD_SIGNAL 9
#define STOCHASTIC_PERIOD 14

/* pixels */
#define TEXT_HEIGHT 11.0

/* cmap0 entries */
enum
{
  COL_BACKGROUND,
  COL_FOREGROUND,
  COL_CANDLE,      /* set per candle */
  COL_BLUE,
  COL_GREY,
  COL_PURPLE,
  COL_ORANGE,
  COL_GREEN,
  COL_RED,
  COL_VOLUME_UP,
  COL_VOLUME_DOWN,
  COL_DARK_BLUE,
  N_COLORS
};

typedef struct
{
  DcaChartLevel kind;
  double        price;
  char         *label;
} Level;

typedef struct
{
  DcaChartMark kind;
  gint64       time;
  double       price;
} Mark;

/* one indicator line over the drawn candles; ok[j] where it has a value */
typedef struct
{
  PLFLT    *v;
  gboolean *ok;
} Line;

struct _DcaChart
{
  GtkWidget        parent_instance;

  char            *title;
  DcaCandle       *candles;
  guint            n;
  guint            shown;      /* the last `shown` of `n` candles are drawn */
  gint64           granularity;
  DcaChartFeatures features;
  guint            sma_period;
  guint            ema_period;
  GArray          *levels;     /* Level */
  GArray          *marks;      /* Mark */

  guint            drawn;
  guint            panes;
  guint            levels_drawn;
  guint            marks_drawn;
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
  g_return_val_if_fail (DCA_IS_CHART (self), 0);
  return self->drawn;
}

guint
dca_chart_get_n_panes (DcaChart *self)
{
  g_return_val_if_fail (DCA_IS_CHART (self), 0);
  return self->panes;
}

guint
dca_chart_get_n_levels_drawn (DcaChart *self)
{
  g_return_val_if_fail (DCA_IS_CHART (self), 0);
  return self->levels_drawn;
}

guint
dca_chart_get_n_marks_drawn (DcaChart *self)
{
  g_return_val_if_fail (DCA_IS_CHART (self), 0);
  return self->marks_drawn;
}

void
dca_chart_set_candles (DcaChart              *self,
                       const char            *title,
                       const DcaCandleSeries *series,
                       guint                  count)
{
  gsize from;

  g_return_if_fail (DCA_IS_CHART (self));
  g_return_if_fail (series != NULL);

  from = series->len > (gsize) count + WARM_UP ? series->len - count - WARM_UP : 0;
  g_free (self->title);
  g_free (self->candles);
  self->title = g_strdup (title);
  self->n = (guint) (series->len - from);
  self->candles = self->n ? g_memdup2 (series->candles + from, sizeof (DcaCandle) * self->n) : NULL;
  self->shown = MIN (count, self->n);
  self->granularity = series->granularity > 0 ? series->granularity : 300;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_chart_set_features (DcaChart         *self,
                        DcaChartFeatures  features)
{
  g_return_if_fail (DCA_IS_CHART (self));
  if (self->features == features)
    return;
  self->features = features;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DcaChartFeatures
dca_chart_get_features (DcaChart *self)
{
  g_return_val_if_fail (DCA_IS_CHART (self), DCA_CHART_NONE);
  return self->features;
}

void
dca_chart_set_periods (DcaChart *self,
                       guint     sma_period,
                       guint     ema_period)
{
  g_return_if_fail (DCA_IS_CHART (self));
  self->sma_period = CLAMP (sma_period, 2, WARM_UP);
  self->ema_period = CLAMP (ema_period, 2, WARM_UP);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
level_clear (gpointer data)
{
  g_free (((Level *) data)->label);
}

void
dca_chart_clear_annotations (DcaChart *self)
{
  g_return_if_fail (DCA_IS_CHART (self));
  g_array_set_size (self->levels, 0);
  g_array_set_size (self->marks, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_chart_add_level (DcaChart      *self,
                     DcaChartLevel  kind,
                     double         price,
                     const char    *label)
{
  Level level = { kind, price, g_strdup (label) };

  g_return_if_fail (DCA_IS_CHART (self));
  g_array_append_val (self->levels, level);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_chart_add_mark (DcaChart     *self,
                    DcaChartMark  kind,
                    gint64        time,
                    double        price)
{
  Mark mark = { kind, time, price };

  g_return_if_fail (DCA_IS_CHART (self));
  g_array_append_val (self->marks, mark);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing -------------------------------------------------------------- */

static Line
line_new (guint m)
{
  Line l = { g_new0 (PLFLT, m), g_new0 (gboolean, m) };

  return l;
}

static void
line_free (Line *l)
{
  g_free (l->v);
  g_free (l->ok);
}

/* the runs of consecutive values as polylines */
static void
draw_line (const PLFLT *x,
           const Line  *l,
           guint        m,
           PLINT        color,
           PLFLT        width)
{
  plcol0 (color);
  plwidth (width);
  for (guint j = 0; j < m;)
    {
      guint k = j;

      while (k < m && l->ok[k])
        k++;
      if (k - j >= 2)
        plline ((PLINT) (k - j), x + j, l->v + j);
      j = k > j ? k : j + 1;
    }
  plwidth (1);
}

static void
hline (PLFLT xmin,
       PLFLT xmax,
       PLFLT y,
       PLINT color)
{
  plcol0 (color);
  pljoin (xmin, y, xmax, y);
}

static void
bar (PLFLT x,
     PLFLT half,
     PLFLT y0,
     PLFLT y1)
{
  PLFLT bx[4] = { x - half, x + half, x + half, x - half };
  PLFLT by[4] = { y0, y0, y1, y1 };

  plfill (4, bx, by);
}

/* pane names and the overlays' legend, left to right inside the pane's top */
typedef struct
{
  PLFLT pos;
  PLFLT em;  /* a character's width, as a fraction of the viewport's */
} Legend;

static void
legend_begin (Legend *lg,
              PLFLT   vp_width)
{
  PLFLT def, ht, xmin, xmax, ymin, ymax;

  plgchr (&def, &ht);
  plgspa (&xmin, &xmax, &ymin, &ymax);
  lg->pos = 0.01;
  lg->em = ht * 0.72 / MAX ((xmax - xmin) * vp_width, 1.0);
}

static void
legend_add (Legend     *lg,
            PLINT       color,
            const char *text)
{
  plcol0 (color);
  plmtex ("t", -1.4, lg->pos, 0.0, text);
  lg->pos += (g_utf8_strlen (text, -1) + 2) * lg->em;
}

/* PLplot's default text grows with the page: keep it near 11 pixels tall */
static void
set_text_size (int height)
{
  PLFLT def, ht, xmin, xmax, ymin, ymax;

  plgchr (&def, &ht);
  plgspa (&xmin, &xmax, &ymin, &ymax);
  if (def > 0 && ymax > ymin)
    plschr (0, TEXT_HEIGHT / (def * height / (ymax - ymin)));
}

/* 1, 2 or 5 times a power of ten, near `raw` */
static PLFLT
nice_step (PLFLT raw)
{
  PLFLT mag, norm;

  if (!(raw > 0))
    return 0;
  mag = pow (10, floor (log10 (raw)));
  norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

static const char *
time_format (PLFLT span)
{
  if (span > 5 * 86400)
    return "%d %b";
  if (span > 86400 / 2)
    return "%d %b %H:%M";
  return "%H:%M";
}

static void
draw (DcaChart *self,
      cairo_t  *cr,
      int       width,
      int       height)
{
  DcaChartFeatures f = self->features;
  guint first = self->n - self->shown;
  guint m = self->shown;
  g_autofree PLFLT *x = NULL;
  Line sma = { 0 }, ema = { 0 }, upper = { 0 }, lower = { 0 }, rsi = { 0 };
  Line macd = { 0 }, signal = { 0 }, hist = { 0 }, pk = { 0 }, pd = { 0 };
  PLFLT lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, max_volume = 0;
  PLFLT macd_lo = 0, macd_hi = 0;
  PLFLT xmin, xmax, xl, xr, pt, pb, unit, gap;
  PLFLT gran = (PLFLT) self->granularity;
  guint n_sub = 0, sub = 0;
  const char *panes[3];
  g_autofree char *sma_name = NULL;
  g_autofree char *ema_name = NULL;

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  self->panes = 0;
  self->levels_drawn = 0;
  self->marks_drawn = 0;
  if (m < 2 || width < 80 || height < 100)
    return;

  x = g_new (PLFLT, m);
  sma = line_new (m);
  ema = line_new (m);
  upper = line_new (m);
  lower = line_new (m);
  rsi = line_new (m);
  macd = line_new (m);
  signal = line_new (m);
  hist = line_new (m);
  pk = line_new (m);
  pd = line_new (m);
  {
    /* core's streaming indicators, over the warm-up and the drawn candles */
    DcaSma s;
    DcaEma e;
    DcaBollinger bb;
    DcaRsi r;
    DcaMacd md;
    DcaStochastic st;

    dca_sma_init (&s, self->sma_period);
    dca_ema_init (&e, self->ema_period);
    dca_bollinger_init (&bb, BOLLINGER_PERIOD, BOLLINGER_WIDTH);
    dca_rsi_init (&r, RSI_PERIOD);
    dca_macd_init (&md, MACD_FAST, MACD_SLOW, MACD_SIGNAL);
    dca_stochastic_init (&st, STOCHASTIC_PERIOD);
    for (guint i = 0; i < self->n; i++)
      {
        const DcaCandle *c = &self->candles[i];
        gboolean s_ok = dca_sma_update (&s, c->close);
        gboolean e_ok = dca_ema_update (&e, c->close);
        gboolean b_ok = dca_bollinger_update (&bb, c->close);
        gboolean r_ok = dca_rsi_update (&r, c->close);
        gboolean m_ok = dca_macd_update (&md, c->close);
        gboolean k_ok = dca_stochastic_update (&st, c->high, c->low, c->close);
        guint j;

        if (i < first)
          continue;
        j = i - first;
        x[j] = (PLFLT) (c->time + self->granularity);
        lo = MIN (lo, c->low);
        hi = MAX (hi, c->high);
        max_volume = MAX (max_volume, c->volume);
        if ((sma.ok[j] = s_ok))
          sma.v[j] = s.value;
        if ((ema.ok[j] = e_ok))
          ema.v[j] = e.value;
        if ((upper.ok[j] = lower.ok[j] = b_ok))
          {
            upper.v[j] = bb.upper;
            lower.v[j] = bb.lower;
          }
        if ((rsi.ok[j] = r_ok))
          rsi.v[j] = r.value;
        if ((macd.ok[j] = md.line_ready))
          {
            macd.v[j] = md.line;
            macd_lo = MIN (macd_lo, md.line);
            macd_hi = MAX (macd_hi, md.line);
          }
        if ((signal.ok[j] = hist.ok[j] = m_ok))
          {
            signal.v[j] = md.signal;
            hist.v[j] = md.histogram;
            macd_lo = MIN (macd_lo, MIN (md.signal, md.histogram));
            macd_hi = MAX (macd_hi, MAX (md.signal, md.histogram));
          }
        if ((pk.ok[j] = k_ok))
          pk.v[j] = st.k;
        if ((pd.ok[j] = k_ok && st.d_ready))
          pd.v[j] = st.d;
      }
    dca_sma_clear (&s);
    dca_bollinger_clear (&bb);
    dca_stochastic_clear (&st);
  }
  xmin = x[0] - gran;
  xmax = x[m - 1] + gran;
  /* the overlays, levels and marks shown stay inside the price range */
  for (guint j = 0; j < m; j++)
    {
      if ((f & DCA_CHART_SMA) && sma.ok[j])
        lo = MIN (lo, sma.v[j]), hi = MAX (hi, sma.v[j]);
      if ((f & DCA_CHART_EMA) && ema.ok[j])
        lo = MIN (lo, ema.v[j]), hi = MAX (hi, ema.v[j]);
      if ((f & DCA_CHART_BOLLINGER) && upper.ok[j])
        lo = MIN (lo, lower.v[j]), hi = MAX (hi, upper.v[j]);
    }
  for (guint i = 0; i < self->levels->len; i++)
    {
      const Level *l = &g_array_index (self->levels, Level, i);

      lo = MIN (lo, l->price);
      hi = MAX (hi, l->price);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *k = &g_array_index (self->marks, Mark, i);

      if (k->time >= xmin && k->time <= xmax)
        lo = MIN (lo, k->price), hi = MAX (hi, k->price);
    }
  if (hi <= lo)
    hi = lo + MAX (fabs (lo) * 1e-3, 1e-8);
  {
    PLFLT pad = (hi - lo) * 0.06;

    lo -= pad;
    hi += pad;
  }
  if (f & DCA_CHART_VOLUME && max_volume > 0)
    lo -= (hi - lo) * 0.12; /* room for the volume bars under the candles */
  if (macd_hi <= macd_lo)
    macd_hi = macd_lo + 1e-8;

  if (f & DCA_CHART_RSI)
    panes[n_sub++] = "rsi";
  if (f & DCA_CHART_MACD)
    panes[n_sub++] = "macd";
  if (f & DCA_CHART_STOCHASTIC)
    panes[n_sub++] = "stochastic";

  /* layout in pixels: a title above, time labels below; the price pane
   * three times as tall as each indicator pane */
  xl = 78.0 / width;
  xr = 1.0 - 14.0 / width;
  /* the levels' labels go in the right margin, next to their lines */
  {
    glong longest = 0;

    for (guint i = 0; i < self->levels->len; i++)
      {
        const char *label = g_array_index (self->levels, Level, i).label;

        longest = MAX (longest, label ? g_utf8_strlen (label, -1) : 0);
      }
    if (longest > 0)
      xr = 1.0 - MIN (16.0 + longest * TEXT_HEIGHT * 0.8, width * 0.45) / width;
  }
  gap = 14.0 / height;
  pt = 1.0 - 24.0 / height;
  unit = (pt - 34.0 / height - gap * n_sub) / (3.0 + n_sub);
  pb = pt - 3.0 * unit;

  dca_plot_begin_cairo (cr, width, height);
  plscol0 (COL_BACKGROUND, 255, 255, 255);
  plscol0 (COL_FOREGROUND, 40, 40, 40);
  plscol0 (COL_BLUE, 53, 132, 228);
  plscol0 (COL_GREY, 154, 153, 150);
  plscol0 (COL_PURPLE, 145, 65, 172);
  plscol0 (COL_ORANGE, 230, 97, 0);
  plscol0 (COL_GREEN, 38, 162, 105);
  plscol0 (COL_RED, 192, 28, 40);
  plscol0a (COL_VOLUME_UP, 38, 162, 105, 0.35);
  plscol0a (COL_VOLUME_DOWN, 192, 28, 40, 0.35);
  plscol0 (COL_DARK_BLUE, 26, 95, 180);
  pladv (0);
  set_text_size (height);
  plsyax (12, 0);
  pltimefmt (time_format (xmax - xmin));

  /* volume, under the candles */
  if (f & DCA_CHART_VOLUME && max_volume > 0)
    {
      plvpor (xl, xr, pb, pb + (pt - pb) * 0.2);
      plwind (xmin, xmax, 0, max_volume);
      for (guint j = 0; j < m; j++)
        {
          const DcaCandle *c = &self->candles[first + j];

          plcol0 (c->close >= c->open ? COL_VOLUME_UP : COL_VOLUME_DOWN);
          if (c->volume > 0)
            bar (x[j], gran * 0.35, 0, c->volume);
        }
    }

  /* the price pane */
  plcol0 (COL_FOREGROUND);
  plvpor (xl, xr, pb, pt);
  plwind (xmin, xmax, lo, hi);
  plbox (n_sub ? "bcstd" : "bcnstd", 0, 0, "bcnstv", 0, 0);
  if (self->title)
    plmtex ("t", 0.9, 0.5, 0.5, self->title);
  self->panes = 1;
  for (guint j = 0; j < m; j++)
    {
      const DcaCandle *c = &self->candles[first + j];
      PLFLT half = gran * 0.35;
      PLFLT wx[2] = { x[j], x[j] };
      PLFLT wy[2] = { c->low, c->high };
      PLFLT bx[5] = { x[j] - half, x[j] + half, x[j] + half, x[j] - half, x[j] - half };
      PLFLT by[5] = { c->open, c->open, c->close, c->close, c->open };

      if (c->close >= c->open)
        plscol0 (COL_CANDLE, 38, 162, 105);
      else
        plscol0 (COL_CANDLE, 192, 28, 40);
      plcol0 (COL_CANDLE);
      plline (2, wx, wy);
      if (fabs (c->close - c->open) < (hi - lo) * 1e-4)
        plline (2, bx, by);
      else
        plfill (5, bx, by);
      self->drawn++;
    }
  if (f & DCA_CHART_BOLLINGER)
    {
      draw_line (x, &upper, m, COL_GREY, 1);
      draw_line (x, &lower, m, COL_GREY, 1);
    }
  if (f & DCA_CHART_SMA)
    draw_line (x, &sma, m, COL_BLUE, 2);
  if (f & DCA_CHART_EMA)
    draw_line (x, &ema, m, COL_ORANGE, 2);
  {
    Legend lg;

    legend_begin (&lg, xr - xl);
    sma_name = g_strdup_printf ("SMA %u", self->sma_period);
    ema_name = g_strdup_printf ("EMA %u", self->ema_period);
    if (f & DCA_CHART_SMA)
      legend_add (&lg, COL_BLUE, sma_name);
    if (f & DCA_CHART_EMA)
      legend_add (&lg, COL_ORANGE, ema_name);
    if (f & DCA_CHART_BOLLINGER)
      legend_add (&lg, COL_GREY, "BB 20 2");
    if (f & DCA_CHART_VOLUME && max_volume > 0)
      legend_add (&lg, COL_GREY, _("Volume"));
  }

  /* levels across the pane, their labels beside them in the right margin,
   * nudged apart where lines are closer than a line of text */
  if (self->levels->len > 0)
    {
      static const PLINT colors[] = { COL_DARK_BLUE, COL_GREEN, COL_RED, COL_ORANGE };
      guint n_levels = self->levels->len;
      g_autofree guint *order = g_new (guint, n_levels);
      g_autofree PLFLT *pos = g_new (PLFLT, n_levels);
      PLFLT sep = TEXT_HEIGHT * 1.15 / ((pt - pb) * height);

      for (guint i = 0; i < n_levels; i++)
        {
          const Level *l = &g_array_index (self->levels, Level, i);

          pllsty (l->kind == DCA_CHART_LEVEL_SAFETY || l->kind == DCA_CHART_LEVEL_STOP_LOSS ? 2 : 1);
          plwidth (l->kind == DCA_CHART_LEVEL_AVERAGE || l->kind == DCA_CHART_LEVEL_TAKE_PROFIT ? 2 : 1.5);
          hline (xmin, xmax, l->price, colors[l->kind]);
          order[i] = i;
          pos[i] = (l->price - lo) / (hi - lo);
          self->levels_drawn++;
        }
      pllsty (1);
      plwidth (1);
      /* by position, bottom up (few levels: insertion sort) */
      for (guint i = 1; i < n_levels; i++)
        for (guint k = i; k > 0 && pos[order[k]] < pos[order[k - 1]]; k--)
          {
            guint t = order[k];

            order[k] = order[k - 1];
            order[k - 1] = t;
          }
      for (guint i = 1; i < n_levels; i++)
        pos[order[i]] = MAX (pos[order[i]], pos[order[i - 1]] + sep);
      for (guint i = 0; i < n_levels; i++)
        {
          const Level *l = &g_array_index (self->levels, Level, i);

          if (l->label == NULL)
            continue;
          plcol0 (colors[l->kind]);
          plmtex ("rv", 0.6, pos[i], 0.0, l->label);
        }
    }

  /* marks: a triangle whose tip is at the price, 12 x 11 pixels */
  {
    PLFLT px = (xmax - xmin) / ((xr - xl) * width);
    PLFLT py = (hi - lo) / ((pt - pb) * height);

    for (guint i = 0; i < self->marks->len; i++)
      {
        const Mark *k = &g_array_index (self->marks, Mark, i);
        PLFLT dir = k->kind == DCA_CHART_MARK_BUY ? -1 : 1;
        PLFLT tx[4] = { k->time, k->time - 6 * px, k->time + 6 * px, k->time };
        PLFLT ty[4] = { k->price, k->price + dir * 11 * py, k->price + dir * 11 * py, k->price };

        if (k->time < xmin || k->time > xmax)
          continue;
        plcol0 (k->kind == DCA_CHART_MARK_BUY ? COL_GREEN : COL_RED);
        plfill (3, tx, ty);
        plcol0 (COL_FOREGROUND);
        plline (4, tx, ty);
        self->marks_drawn++;
      }
  }

  /* the indicator panes below */
  for (sub = 0; sub < n_sub; sub++)
    {
      PLFLT top = pb - gap - unit * sub - gap * sub;
      const char *xopt = sub + 1 == n_sub ? "bcnstd" : "bcstd";
      Legend lg;

      plcol0 (COL_FOREGROUND);
      plvpor (xl, xr, top - unit, top);
      legend_begin (&lg, xr - xl);
      if (g_str_equal (panes[sub], "rsi"))
        {
          plwind (xmin, xmax, 0, 100);
          plbox (xopt, 0, 0, "bcnstv", 50, 0);
          hline (xmin, xmax, 30, COL_GREY);
          hline (xmin, xmax, 70, COL_GREY);
          draw_line (x, &rsi, m, COL_PURPLE, 1.5);
          legend_add (&lg, COL_PURPLE, "RSI 14");
        }
      else if (g_str_equal (panes[sub], "macd"))
        {
          /* tiny (or huge) values are drawn times a power of ten, said in
           * the pane's name, so the labels stay short */
          PLFLT big = MAX (fabs (macd_lo), fabs (macd_hi));
          int e = big > 0 ? (int) floor (log10 (big)) : 0;
          PLFLT scale = e < -2 || e > 3 ? pow (10, -e) : 1;
          PLFLT pad = (macd_hi - macd_lo) * scale * 0.1;
          g_autofree char *name = scale != 1 ? g_strdup_printf ("MACD 12 26 9 (×10#u%d#d)", e)
                                             : g_strdup ("MACD 12 26 9");

          for (guint j = 0; j < m; j++)
            {
              macd.v[j] *= scale;
              signal.v[j] *= scale;
              hist.v[j] *= scale;
            }
          plwind (xmin, xmax, macd_lo * scale - pad, macd_hi * scale + pad);
          plbox (xopt, 0, 0, "bcnstv", nice_step ((macd_hi - macd_lo) * scale * 1.2 / 3), 0);
          hline (xmin, xmax, 0, COL_GREY);
          for (guint j = 0; j < m; j++)
            if (hist.ok[j])
              {
                plcol0 (hist.v[j] >= 0 ? COL_VOLUME_UP : COL_VOLUME_DOWN);
                bar (x[j], gran * 0.35, 0, hist.v[j]);
              }
          draw_line (x, &macd, m, COL_BLUE, 1.5);
          draw_line (x, &signal, m, COL_ORANGE, 1.5);
          legend_add (&lg, COL_FOREGROUND, name);
          legend_add (&lg, COL_BLUE, "MACD");
          legend_add (&lg, COL_ORANGE, _("Signal"));
        }
      else
        {
          plwind (xmin, xmax, 0, 100);
          plbox (xopt, 0, 0, "bcnstv", 50, 0);
          hline (xmin, xmax, 20, COL_GREY);
          hline (xmin, xmax, 80, COL_GREY);
          draw_line (x, &pk, m, COL_BLUE, 1.5);
          draw_line (x, &pd, m, COL_ORANGE, 1.5);
          legend_add (&lg, COL_FOREGROUND, "Stoch 14 3");
          legend_add (&lg, COL_BLUE, "%K");
          legend_add (&lg, COL_ORANGE, "%D");
        }
      self->panes++;
    }
  plend1 ();

  line_free (&sma);
  line_free (&ema);
  line_free (&upper);
  line_free (&lower);
  line_free (&rsi);
  line_free (&macd);
  line_free (&signal);
  line_free (&hist);
  line_free (&pk);
  line_free (&pd);
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
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
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
  self->sma_period = 20;
  self->ema_period = 50;
  self->levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (self->levels, level_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, 240);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
