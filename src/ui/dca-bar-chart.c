/* dca-bar-chart.c: a titled bar per time span, drawn by PLplot */
#define G_LOG_DOMAIN "dca-bar-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <plplot.h>

#include "dca-bar-chart.h"
#include "dca-plot.h"

struct _DcaBarChart
{
  GtkWidget  parent_instance;

  char      *title;
  char      *placeholder;
  DcaBar    *bars;
  guint      n;
  guint      drawn;
  guint      drawn_positive;
  guint      drawn_negative;
};

G_DEFINE_FINAL_TYPE (DcaBarChart, dca_bar_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the palette of one draw (cmap0) */
enum
{
  COLOR_BACKGROUND,
  COLOR_AXES,
  COLOR_GRID,
  COLOR_GAIN,
  COLOR_LOSS,
};

GtkWidget *
dca_bar_chart_new (void)
{
  return g_object_new (DCA_TYPE_BAR_CHART, NULL);
}

void
dca_bar_chart_set_title (DcaBarChart *self,
                         const char  *title)
{
  g_return_if_fail (DCA_IS_BAR_CHART (self));
  if (!dca_plot_set_text (&self->title, title))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
dca_bar_chart_get_title (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), NULL);
  return self->title;
}

void
dca_bar_chart_set_placeholder (DcaBarChart *self,
                               const char  *placeholder)
{
  g_return_if_fail (DCA_IS_BAR_CHART (self));
  if (!dca_plot_set_text (&self->placeholder, placeholder))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

const char *
dca_bar_chart_get_placeholder (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), NULL);
  return self->placeholder;
}

static int
compare_bars (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  gint64 sa = ((const DcaBar *) a)->start;
  gint64 sb = ((const DcaBar *) b)->start;

  return sa < sb ? -1 : sa > sb;
}

void
dca_bar_chart_set_bars (DcaBarChart  *self,
                        const DcaBar *bars,
                        guint         n)
{
  g_return_if_fail (DCA_IS_BAR_CHART (self));
  g_return_if_fail (bars != NULL || n == 0);

  g_clear_pointer (&self->bars, g_free);
  self->n = 0;
  if (n > 0)
    {
      self->bars = g_new (DcaBar, n);
      for (guint i = 0; i < n; i++)
        if (isfinite (bars[i].value) && bars[i].end > bars[i].start)
          self->bars[self->n++] = bars[i];
      g_qsort_with_data (self->bars, (gint) self->n, sizeof (DcaBar), compare_bars, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dca_bar_chart_get_n_bars (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), 0);
  return self->n;
}

const DcaBar *
dca_bar_chart_get_bar (DcaBarChart *self,
                       guint        n)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), NULL);
  return n < self->n ? &self->bars[n] : NULL;
}

guint
dca_bar_chart_get_n_drawn (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), 0);
  return self->drawn;
}

guint
dca_bar_chart_get_n_drawn_positive (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), 0);
  return self->drawn_positive;
}

guint
dca_bar_chart_get_n_drawn_negative (DcaBarChart *self)
{
  g_return_val_if_fail (DCA_IS_BAR_CHART (self), 0);
  return self->drawn_negative;
}

/* a label under a bar: months by name, shorter spans by day */
static char *
bar_label (const DcaBar *bar)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (bar->start);

  if (start == NULL)
    return g_strdup ("");
  if (bar->end - bar->start >= 28 * 86400)
    return g_date_time_format (start, "%b %Y");
  if (bar->end - bar->start >= 86400)
    return g_date_time_format (start, "%d %b");
  return g_date_time_format (start, "%H:%M");
}

static void
draw (DcaBarChart *self,
      cairo_t     *cr,
      int          width,
      int          height)
{
  guint n = self->n;
  PLFLT lo = 0, hi = 0, xmin, xmax;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, self->bars[i].value);
      hi = MAX (hi, self->bars[i].value);
    }
  if (hi - lo <= MAX (fabs (hi), fabs (lo)) * 1e-12)
    {
      /* every bar is zero: a small range around it */
      lo = -1e-8;
      hi = 1e-8;
    }
  else
    {
      PLFLT pad = (hi - lo) * 0.08;

      /* zero stays on the edge when every bar is on one side */
      if (lo < 0)
        lo -= pad;
      if (hi > 0)
        hi += pad;
    }
  xmin = (PLFLT) self->bars[0].start;
  xmax = (PLFLT) self->bars[n - 1].end;

  dca_plot_begin_cairo (cr, width, height);
  plscol0 (COLOR_BACKGROUND, 255, 255, 255);
  plscol0 (COLOR_AXES, 40, 40, 40);
  plscol0 (COLOR_GRID, 222, 221, 218);
  plscol0 (COLOR_GAIN, 38, 162, 105);
  plscol0 (COLOR_LOSS, 192, 28, 40);
  pladv (0);
  {
    /* PLplot's default text grows with the page: keep it near 11 pixels */
    PLFLT def, ht, sxmin, sxmax, symin, symax;

    plgchr (&def, &ht);
    plgspa (&sxmin, &sxmax, &symin, &symax);
    if (def > 0 && symax > symin)
      plschr (0, 11.0 / (def * height / (symax - symin)));
  }
  plsyax (10, 0);
  plvpor (74.0 / width, 1.0 - 24.0 / width, 30.0 / height, 1.0 - (self->title ? 24.0 : 10.0) / height);
  plwind (xmin, xmax, lo, hi);

  plcol0 (COLOR_GRID);
  plbox ("", 0, 0, "g", 0, 0);

  self->drawn_positive = 0;
  self->drawn_negative = 0;
  for (guint i = 0; i < n; i++)
    {
      const DcaBar *b = &self->bars[i];
      /* a gap of a tenth of its span on each side keeps neighbours apart */
      PLFLT gap = (PLFLT) (b->end - b->start) * 0.1;
      PLFLT bx[4], by[4];

      if (b->value == 0)
        continue;
      bx[0] = bx[1] = (PLFLT) b->start + gap;
      bx[2] = bx[3] = (PLFLT) b->end - gap;
      by[0] = by[3] = 0;
      by[1] = by[2] = b->value;
      if (b->value > 0)
        {
          plcol0 (COLOR_GAIN);
          self->drawn_positive++;
        }
      else
        {
          plcol0 (COLOR_LOSS);
          self->drawn_negative++;
        }
      plfill (4, bx, by);
    }

  plcol0 (COLOR_AXES);
  pljoin (xmin, 0, xmax, 0);
  plbox ("bc", 0, 0, "bcnstv", 0, 0);
  {
    /* the bars' own dates under them, every step-th so that they fit:
     * PLplot's time ticks do not fall on months or ISO weeks */
    double plot_width = width - 74.0 - 24.0;
    guint step = (guint) ceil (n * 70.0 / MAX (plot_width, 1.0));

    step = MAX (step, 1);
    for (guint i = 0; i < n; i += step)
      {
        g_autofree char *label = bar_label (&self->bars[i]);
        PLFLT middle = ((PLFLT) self->bars[i].start + (PLFLT) self->bars[i].end) / 2;

        plmtex ("b", 1.6, (middle - xmin) / (xmax - xmin), 0.5, label);
      }
  }
  if (self->title)
    plmtex ("t", 0.9, 0.5, 0.5, self->title);
  self->drawn = n;
  plend1 ();
}

static void
dca_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DcaBarChart *self = DCA_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  self->drawn_positive = 0;
  self->drawn_negative = 0;
  if (self->n > 0 && width >= 120 && height >= 80)
    draw (self, cr, width, height);
  cairo_destroy (cr);

  if (self->n == 0 && self->placeholder != NULL)
    dca_plot_snapshot_placeholder (widget, snapshot, width, height, self->placeholder);
}

static void
dca_bar_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DcaBarChart *self = DCA_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_bar_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DcaBarChart *self = DCA_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dca_bar_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER:
      dca_bar_chart_set_placeholder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_bar_chart_finalize (GObject *object)
{
  DcaBarChart *self = DCA_BAR_CHART (object);

  g_free (self->title);
  g_free (self->placeholder);
  g_free (self->bars);
  G_OBJECT_CLASS (dca_bar_chart_parent_class)->finalize (object);
}

static void
dca_bar_chart_class_init (DcaBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dca_bar_chart_finalize;
  object_class->get_property = dca_bar_chart_get_property;
  object_class->set_property = dca_bar_chart_set_property;
  widget_class->snapshot = dca_bar_chart_snapshot;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dca_bar_chart_init (DcaBarChart *self)
{
  self->placeholder = g_strdup (_("No data yet"));
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 120);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
