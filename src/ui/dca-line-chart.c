/* dca-line-chart.c: a titled line of values over time, drawn by PLplot */
#define G_LOG_DOMAIN "dca-line-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <plplot.h>

#include "dca-line-chart.h"
#include "dca-plot.h"

struct _DcaLineChart
{
  GtkWidget     parent_instance;

  char         *title;
  char         *placeholder;
  DcaLinePoint *points;
  guint         n;
  guint         drawn;
};

G_DEFINE_FINAL_TYPE (DcaLineChart, dca_line_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
dca_line_chart_new (void)
{
  return g_object_new (DCA_TYPE_LINE_CHART, NULL);
}

void
dca_line_chart_set_title (DcaLineChart *self,
                          const char   *title)
{
  g_return_if_fail (DCA_IS_LINE_CHART (self));
  if (!dca_plot_set_text (&self->title, title))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
dca_line_chart_get_title (DcaLineChart *self)
{
  g_return_val_if_fail (DCA_IS_LINE_CHART (self), NULL);
  return self->title;
}

void
dca_line_chart_set_placeholder (DcaLineChart *self,
                                const char   *placeholder)
{
  g_return_if_fail (DCA_IS_LINE_CHART (self));
  if (!dca_plot_set_text (&self->placeholder, placeholder))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

const char *
dca_line_chart_get_placeholder (DcaLineChart *self)
{
  g_return_val_if_fail (DCA_IS_LINE_CHART (self), NULL);
  return self->placeholder;
}

static int
compare_points (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  gint64 ta = ((const DcaLinePoint *) a)->time;
  gint64 tb = ((const DcaLinePoint *) b)->time;

  return ta < tb ? -1 : ta > tb;
}

void
dca_line_chart_set_points (DcaLineChart       *self,
                           const DcaLinePoint *points,
                           guint               n)
{
  g_return_if_fail (DCA_IS_LINE_CHART (self));
  g_return_if_fail (points != NULL || n == 0);

  g_clear_pointer (&self->points, g_free);
  self->n = 0;
  if (n > 0)
    {
      self->points = g_new (DcaLinePoint, n);
      for (guint i = 0; i < n; i++)
        if (isfinite (points[i].value))
          self->points[self->n++] = points[i];
      /* stable: points at one time keep the order they came in */
      g_qsort_with_data (self->points, (gint) self->n, sizeof (DcaLinePoint), compare_points, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dca_line_chart_get_n_points (DcaLineChart *self)
{
  g_return_val_if_fail (DCA_IS_LINE_CHART (self), 0);
  return self->n;
}

guint
dca_line_chart_get_n_drawn (DcaLineChart *self)
{
  g_return_val_if_fail (DCA_IS_LINE_CHART (self), 0);
  return self->drawn;
}

static const char *
time_format (double span)
{
  if (span > 60 * 86400)
    return "%b %Y";
  if (span > 3 * 86400)
    return "%d %b";
  if (span > 86400 / 2)
    return "%d %b %H:%M";
  return "%H:%M";
}

static void
draw (DcaLineChart *self,
      cairo_t      *cr,
      int           width,
      int           height)
{
  guint n = self->n;
  g_autofree PLFLT *x = NULL;
  g_autofree PLFLT *y = NULL;
  g_autofree PLFLT *fx = NULL;
  g_autofree PLFLT *fy = NULL;
  PLFLT lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, xmin, xmax;

  x = g_new (PLFLT, n);
  y = g_new (PLFLT, n);
  for (guint i = 0; i < n; i++)
    {
      x[i] = (PLFLT) self->points[i].time;
      y[i] = self->points[i].value;
      lo = MIN (lo, y[i]);
      hi = MAX (hi, y[i]);
    }
  if (hi - lo <= fabs (hi) * 1e-12)
    {
      PLFLT pad = MAX (fabs (hi) * 0.01, 1e-8);

      lo -= pad;
      hi += pad;
    }
  else
    {
      PLFLT pad = (hi - lo) * 0.08;

      lo -= pad;
      hi += pad;
    }
  xmin = x[0];
  xmax = x[n - 1];
  if (xmax <= xmin)
    {
      xmin -= 3600;
      xmax += 3600;
    }

  dca_plot_begin_cairo (cr, width, height);
  plscol0 (0, 255, 255, 255);
  plscol0 (1, 40, 40, 40);
  plscol0 (2, 53, 132, 228);
  plscol0a (3, 53, 132, 228, 0.15);
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
  pltimefmt (time_format (xmax - xmin));
  plvpor (74.0 / width, 1.0 - 24.0 / width, 30.0 / height, 1.0 - (self->title ? 24.0 : 10.0) / height);
  plwind (xmin, xmax, lo, hi);

  /* the area under the line, down to the bottom of the plot */
  if (n >= 2)
    {
      fx = g_new (PLFLT, n + 2);
      fy = g_new (PLFLT, n + 2);
      for (guint i = 0; i < n; i++)
        {
          fx[i] = x[i];
          fy[i] = y[i];
        }
      fx[n] = x[n - 1];
      fy[n] = lo;
      fx[n + 1] = x[0];
      fy[n + 1] = lo;
      plcol0 (3);
      plfill ((PLINT) n + 2, fx, fy);
    }

  plcol0 (1);
  plbox ("bcnstd", 0, 0, "bcnstv", 0, 0);
  if (self->title)
    plmtex ("t", 0.9, 0.5, 0.5, self->title);
  plcol0 (2);
  plwidth (2);
  if (n >= 2)
    plline ((PLINT) n, x, y);
  else
    plstring (1, x, y, "●");
  plwidth (1);
  self->drawn = n;
  plend1 ();
}

static void
dca_line_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DcaLineChart *self = DCA_LINE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  if (self->n > 0 && width >= 120 && height >= 80)
    draw (self, cr, width, height);
  cairo_destroy (cr);

  if (self->n == 0)
    dca_plot_snapshot_placeholder (widget, snapshot, width, height, self->placeholder);
}

static void
dca_line_chart_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DcaLineChart *self = DCA_LINE_CHART (object);

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
dca_line_chart_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DcaLineChart *self = DCA_LINE_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dca_line_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER:
      dca_line_chart_set_placeholder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_line_chart_finalize (GObject *object)
{
  DcaLineChart *self = DCA_LINE_CHART (object);

  g_free (self->title);
  g_free (self->placeholder);
  g_free (self->points);
  G_OBJECT_CLASS (dca_line_chart_parent_class)->finalize (object);
}

static void
dca_line_chart_class_init (DcaLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dca_line_chart_finalize;
  object_class->get_property = dca_line_chart_get_property;
  object_class->set_property = dca_line_chart_set_property;
  widget_class->snapshot = dca_line_chart_snapshot;

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
dca_line_chart_init (DcaLineChart *self)
{
  self->placeholder = g_strdup (_("No data yet"));
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 120);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
