/* dca-analytics-chart.c: cumulative profit, drawdown and profit histogram, by PLplot */
#define G_LOG_DOMAIN "dca-analytics-chart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <plplot.h>

#include "dca-analytics-chart.h"

typedef struct
{
  char   *name;
  PLFLT  *x;
  PLFLT  *y;
  guint   n;
} Series;

struct _DcaAnalyticsChart
{
  GtkWidget              parent_instance;

  DcaAnalyticsChartKind  kind;
  char                  *title;
  char                  *placeholder;
  GPtrArray             *series;     /* Series */
  DcaHistogramBin       *bins;
  guint                  n_bins;
  guint                  drawn;
};

G_DEFINE_FINAL_TYPE (DcaAnalyticsChart, dca_analytics_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the series' colours, in turn: blue, orange, green, purple */
static const guint8 palette[][3] = {
  { 53, 132, 228 }, { 230, 97, 0 }, { 46, 194, 126 }, { 145, 65, 172 },
};

enum
{
  COL_BG,
  COL_FG,
  COL_GRID,
  COL_LOSS,
  COL_LOSS_FILL,
  COL_GAIN,
  COL_SERIES /* and the palette after it */
};

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_free (s->x);
  g_free (s->y);
  g_free (s);
}

GtkWidget *
dca_analytics_chart_new (DcaAnalyticsChartKind kind)
{
  return g_object_new (DCA_TYPE_ANALYTICS_CHART, "kind", kind, NULL);
}

DcaAnalyticsChartKind
dca_analytics_chart_get_kind (DcaAnalyticsChart *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_CHART (self), DCA_ANALYTICS_CHART_CUMULATIVE);
  return self->kind;
}

void
dca_analytics_chart_set_title (DcaAnalyticsChart *self,
                               const char        *title)
{
  g_return_if_fail (DCA_IS_ANALYTICS_CHART (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
dca_analytics_chart_get_title (DcaAnalyticsChart *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_CHART (self), NULL);
  return self->title;
}

void
dca_analytics_chart_set_placeholder (DcaAnalyticsChart *self,
                                     const char        *placeholder)
{
  g_return_if_fail (DCA_IS_ANALYTICS_CHART (self));
  if (g_strcmp0 (self->placeholder, placeholder) == 0)
    return;
  g_free (self->placeholder);
  self->placeholder = g_strdup (placeholder);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

void
dca_analytics_chart_clear (DcaAnalyticsChart *self)
{
  g_return_if_fail (DCA_IS_ANALYTICS_CHART (self));
  g_ptr_array_set_size (self->series, 0);
  g_clear_pointer (&self->bins, g_free);
  self->n_bins = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_analytics_chart_add_series (DcaAnalyticsChart *self,
                                const char        *name,
                                const gint64      *times,
                                const double      *values,
                                guint              n)
{
  Series *s;

  g_return_if_fail (DCA_IS_ANALYTICS_CHART (self));
  g_return_if_fail ((times != NULL && values != NULL) || n == 0);

  s = g_new0 (Series, 1);
  s->name = g_strdup (name ? name : "");
  s->x = g_new (PLFLT, MAX (n, 1));
  s->y = g_new (PLFLT, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        s->x[s->n] = (PLFLT) times[i];
        s->y[s->n] = values[i];
        s->n++;
      }
  g_ptr_array_add (self->series, s);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_analytics_chart_set_bins (DcaAnalyticsChart     *self,
                              const DcaHistogramBin *bins,
                              guint                  n)
{
  g_return_if_fail (DCA_IS_ANALYTICS_CHART (self));
  g_return_if_fail (bins != NULL || n == 0);

  g_clear_pointer (&self->bins, g_free);
  self->bins = n > 0 ? g_memdup2 (bins, sizeof *bins * n) : NULL;
  self->n_bins = n;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dca_analytics_chart_get_n_series (DcaAnalyticsChart *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_CHART (self), 0);
  return self->series->len;
}

guint
dca_analytics_chart_get_n_drawn (DcaAnalyticsChart *self)
{
  g_return_val_if_fail (DCA_IS_ANALYTICS_CHART (self), 0);
  return self->drawn;
}

static gboolean
has_data (DcaAnalyticsChart *self)
{
  if (self->kind == DCA_ANALYTICS_CHART_HISTOGRAM)
    return self->n_bins > 0;
  for (guint i = 0; i < self->series->len; i++)
    if (((Series *) g_ptr_array_index (self->series, i))->n > 0)
      return TRUE;
  return FALSE;
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
pad_range (PLFLT *lo,
           PLFLT *hi)
{
  if (*hi - *lo <= fabs (*hi) * 1e-12)
    {
      PLFLT pad = MAX (fabs (*hi) * 0.01, 1e-8);

      *lo -= pad;
      *hi += pad;
    }
  else
    {
      PLFLT pad = (*hi - *lo) * 0.08;

      *lo -= pad;
      *hi += pad;
    }
}

/* the colours every device gets, set before plinit */
static void
set_colours (void)
{
  plscol0 (COL_BG, 255, 255, 255);
  plscol0 (COL_FG, 40, 40, 40);
  plscol0 (COL_GRID, 200, 200, 200);
  plscol0 (COL_LOSS, 192, 28, 40);
  plscol0a (COL_LOSS_FILL, 224, 27, 36, 0.25);
  plscol0 (COL_GAIN, 38, 162, 105);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    plscol0 (COL_SERIES + (PLINT) i, palette[i][0], palette[i][1], palette[i][2]);
}

/* PLplot's default text grows with the page: keep it near 11 pixels */
static void
scale_text (int height)
{
  PLFLT def, ht, sxmin, sxmax, symin, symax;

  plgchr (&def, &ht);
  plgspa (&sxmin, &sxmax, &symin, &symax);
  if (def > 0 && symax > symin)
    plschr (0, 11.0 / (def * height / (symax - symin)));
}

static guint
draw_lines (DcaAnalyticsChart *self,
            int                width,
            int                height)
{
  PLFLT xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gboolean drawdown = self->kind == DCA_ANALYTICS_CHART_DRAWDOWN;
  gboolean legend = !drawdown && self->series->len > 1;
  guint drawn = 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->n; i++)
        {
          xmin = MIN (xmin, series->x[i]);
          xmax = MAX (xmax, series->x[i]);
          lo = MIN (lo, series->y[i]);
          hi = MAX (hi, series->y[i]);
        }
    }
  /* profit and drawdown are measured from 0: keep it in view */
  lo = MIN (lo, 0);
  hi = MAX (hi, 0);
  pad_range (&lo, &hi);
  if (xmax <= xmin)
    {
      xmin -= 3600;
      xmax += 3600;
    }

  plsyax (10, 0);
  pltimefmt (time_format (xmax - xmin));
  plvpor (74.0 / width, 1.0 - 24.0 / width, 30.0 / height, 1.0 - (self->title ? 24.0 : 10.0) / height);
  plwind (xmin, xmax, lo, hi);
  plcol0 (COL_GRID);
  plbox ("g", 0, 0, "g", 0, 0);
  plcol0 (COL_FG);
  plbox ("bcnstd", 0, 0, "bcnstv", 0, 0);
  if (self->title)
    plmtex ("t", 0.9, 0.5, 0.5, self->title);
  if (lo < 0 && hi > 0)
    {
      PLFLT zx[2] = { xmin, xmax }, zy[2] = { 0, 0 };

      pllsty (2);
      plline (2, zx, zy);
      pllsty (1);
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      PLINT colour = drawdown ? COL_LOSS : COL_SERIES + (PLINT) (s % G_N_ELEMENTS (palette));

      if (series->n == 0)
        continue;
      if (drawdown && series->n >= 2)
        {
          /* the area between 0 and the drawdown */
          g_autofree PLFLT *fx = g_new (PLFLT, series->n + 2);
          g_autofree PLFLT *fy = g_new (PLFLT, series->n + 2);

          for (guint i = 0; i < series->n; i++)
            {
              fx[i] = series->x[i];
              fy[i] = series->y[i];
            }
          fx[series->n] = series->x[series->n - 1];
          fy[series->n] = 0;
          fx[series->n + 1] = series->x[0];
          fy[series->n + 1] = 0;
          plcol0 (COL_LOSS_FILL);
          plfill ((PLINT) series->n + 2, fx, fy);
        }
      plcol0 (colour);
      plwidth (2);
      if (series->n >= 2)
        plline ((PLINT) series->n, series->x, series->y);
      else
        plstring (1, series->x, series->y, "●");
      plwidth (1);
      drawn += series->n;
    }

  if (legend)
    {
      guint n = self->series->len;
      g_autofree PLINT *opts = g_new (PLINT, n);
      g_autofree PLINT *colours = g_new (PLINT, n);
      g_autofree PLINT *styles = g_new (PLINT, n);
      g_autofree PLFLT *widths = g_new (PLFLT, n);
      g_autofree const char **texts = g_new (const char *, n);
      PLFLT lw, lh;

      for (guint s = 0; s < n; s++)
        {
          opts[s] = PL_LEGEND_LINE;
          colours[s] = COL_SERIES + (PLINT) (s % G_N_ELEMENTS (palette));
          styles[s] = 1;
          widths[s] = 2;
          texts[s] = ((Series *) g_ptr_array_index (self->series, s))->name;
        }
      pllegend (&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
                PL_POSITION_TOP | PL_POSITION_LEFT | PL_POSITION_INSIDE, 0.02, 0.03, 0.08,
                COL_BG, COL_GRID, 1, 0, 0, (PLINT) n, opts, 0.6, 0.55, 1.8, 0.0, colours,
                (PLCHAR_MATRIX) texts, NULL, NULL, NULL, NULL, colours, styles, widths, NULL, NULL, NULL, NULL);
    }
  return drawn;
}

static guint
draw_histogram (DcaAnalyticsChart *self,
                int                width,
                int                height)
{
  PLFLT xmin = self->bins[0].from, xmax = self->bins[self->n_bins - 1].to, top = 0, lo = 0;

  for (guint i = 0; i < self->n_bins; i++)
    top = MAX (top, (PLFLT) self->bins[i].count);
  top = top > 0 ? top * 1.08 : 1;
  if (xmax <= xmin)
    {
      xmin -= 0.5;
      xmax += 0.5;
    }
  plvpor (60.0 / width, 1.0 - 24.0 / width, 40.0 / height, 1.0 - (self->title ? 24.0 : 10.0) / height);
  plwind (xmin, xmax, lo, top);
  plcol0 (COL_GRID);
  plbox ("", 0, 0, "g", 0, 0);
  for (guint i = 0; i < self->n_bins; i++)
    {
      const DcaHistogramBin *b = &self->bins[i];
      PLFLT from = b->from, to = b->to;
      PLFLT x[4], y[4];

      if (to <= from)
        {
          from = xmin;
          to = xmax;
        }
      x[0] = x[1] = from;
      x[2] = x[3] = to;
      y[0] = y[3] = 0;
      y[1] = y[2] = b->count;
      /* bins of losses red, of gains green, one across 0 neither */
      plcol0 (to <= 0 ? COL_LOSS : from >= 0 ? COL_GAIN : COL_SERIES);
      if (b->count > 0)
        plfill (4, x, y);
      plcol0 (COL_BG);
      plline (4, x, y);
    }
  plcol0 (COL_FG);
  plbox ("bcnst", 0, 0, "bcnstv", 0, 0);
  /* Translators: the histogram's axis below */
  plmtex ("b", 2.6, 0.5, 0.5, _("Profit per deal (%)"));
  if (self->title)
    plmtex ("t", 0.9, 0.5, 0.5, self->title);
  return self->n_bins;
}

/* after plinit on any device */
static guint
draw_plot (DcaAnalyticsChart *self,
           int                width,
           int                height)
{
  pladv (0);
  scale_text (height);
  if (self->kind == DCA_ANALYTICS_CHART_HISTOGRAM)
    return draw_histogram (self, width, height);
  return draw_lines (self, width, height);
}

static void
dca_analytics_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  DcaAnalyticsChart *self = DCA_ANALYTICS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean data = has_data (self);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the background is ours to paint */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  self->drawn = 0;
  if (data && width >= 120 && height >= 80)
    {
      PLINT stream;

      plsstrm (0);
      plmkstrm (&stream);
      plsdev ("extcairo");
      plspage (0, 0, width, height, 0, 0);
      set_colours ();
      plinit ();
      pl_cmd (PLESC_DEVINIT, cr);
      self->drawn = draw_plot (self, width, height);
      plend1 ();
    }
  cairo_destroy (cr);

  if (!data)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->placeholder);
      int tw, th;

      pango_layout_set_width (layout, MAX (width - 24, 1) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - tw) / 2.0, (height - th) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.37, 0.37, 0.37, 1 });
      gtk_snapshot_restore (snapshot);
    }
}

gboolean
dca_analytics_chart_save (DcaAnalyticsChart  *self,
                          const char         *path,
                          int                 width,
                          int                 height,
                          GError            **error)
{
  g_autofree char *lower = NULL;
  const char *device;
  GStatBuf st;
  FILE *probe;
  PLINT stream;

  g_return_val_if_fail (DCA_IS_ANALYTICS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    device = "pngcairo";
  else if (g_str_has_suffix (lower, ".svg"))
    device = "svgcairo";
  else if (g_str_has_suffix (lower, ".pdf"))
    device = "pdfcairo";
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Charts are saved as PNG, SVG or PDF: name the file with .png, .svg or .pdf"));
      return FALSE;
    }
  if (!has_data (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The chart has nothing to save yet"));
      return FALSE;
    }
  /* PLplot ends the program when it cannot open its file: find out first */
  probe = g_fopen (path, "wb");
  if (probe == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  fclose (probe);

  plsstrm (0);
  plmkstrm (&stream);
  plsdev (device);
  plsfnam (path);
  plspage (0, 0, width, height, 0, 0);
  set_colours ();
  plinit ();
  draw_plot (self, width, height);
  plend1 ();

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the chart as “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

static void
dca_analytics_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DcaAnalyticsChart *self = DCA_ANALYTICS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
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
dca_analytics_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DcaAnalyticsChart *self = DCA_ANALYTICS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_TITLE:
      dca_analytics_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER:
      dca_analytics_chart_set_placeholder (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dca_analytics_chart_finalize (GObject *object)
{
  DcaAnalyticsChart *self = DCA_ANALYTICS_CHART (object);

  g_free (self->title);
  g_free (self->placeholder);
  g_ptr_array_unref (self->series);
  g_free (self->bins);
  G_OBJECT_CLASS (dca_analytics_chart_parent_class)->finalize (object);
}

static void
dca_analytics_chart_class_init (DcaAnalyticsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dca_analytics_chart_finalize;
  object_class->get_property = dca_analytics_chart_get_property;
  object_class->set_property = dca_analytics_chart_set_property;
  widget_class->snapshot = dca_analytics_chart_snapshot;

  /* 0 cumulative profit, 1 drawdown, 2 histogram */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, DCA_ANALYTICS_CHART_CUMULATIVE, DCA_ANALYTICS_CHART_HISTOGRAM,
                      DCA_ANALYTICS_CHART_CUMULATIVE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
dca_analytics_chart_init (DcaAnalyticsChart *self)
{
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->placeholder = g_strdup (_("No closed deals in this period"));
  gtk_widget_set_size_request (GTK_WIDGET (self), 280, 220);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
