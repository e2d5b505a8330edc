/* dca-price-bar.c: a deal's prices on one small horizontal scale */
#define G_LOG_DOMAIN "dca-price-bar"

#include "config.h"

#include <math.h>

#include "dca-price-bar.h"

#define INSET        6.0  /* room for half a mark at either end */
#define TRACK_HEIGHT 4.0
#define PRICE_SIZE   10.0

struct _DcaPriceBar
{
  GtkWidget  parent_instance;

  gboolean   has[DCA_N_PRICE_BAR_MARKS];
  double     position[DCA_N_PRICE_BAR_MARKS];
  char      *text;
};

G_DEFINE_FINAL_TYPE (DcaPriceBar, dca_price_bar, GTK_TYPE_WIDGET)

/* the Adwaita palette's success, warning and accent colours */
static const GdkRGBA green = { 0.149f, 0.635f, 0.412f, 1.0f };
static const GdkRGBA orange = { 0.902f, 0.380f, 0.0f, 1.0f };
static const GdkRGBA blue = { 0.208f, 0.518f, 0.894f, 1.0f };

GtkWidget *
dca_price_bar_new (void)
{
  return g_object_new (DCA_TYPE_PRICE_BAR, NULL);
}

static gboolean
scale (DcaPriceBar *self,
       double       width,
       double      *lo,
       double      *hi)
{
  gboolean any = FALSE;

  for (guint i = 0; i < DCA_N_PRICE_BAR_MARKS; i++)
    if (self->has[i])
      {
        *lo = any ? MIN (*lo, self->position[i]) : self->position[i];
        *hi = any ? MAX (*hi, self->position[i]) : self->position[i];
        any = TRUE;
      }
  if (!any || width <= 2 * INSET)
    return FALSE;
  if (*hi - *lo <= 0)
    {
      /* one price, or all the same: the middle */
      double pad = *lo != 0 ? ABS (*lo) * 0.01 : 1;

      *lo -= pad;
      *hi += pad;
    }
  return TRUE;
}

static double
x_of (double value,
      double lo,
      double hi,
      double width)
{
  return INSET + (value - lo) / (hi - lo) * (width - 2 * INSET);
}

double
dca_price_bar_get_mark_x (DcaPriceBar     *self,
                          DcaPriceBarMark  mark)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double lo = 0, hi = 0;

  g_return_val_if_fail (DCA_IS_PRICE_BAR (self), -1);
  g_return_val_if_fail (mark < DCA_N_PRICE_BAR_MARKS, -1);

  if (!self->has[mark] || !scale (self, width, &lo, &hi))
    return -1;
  return x_of (self->position[mark], lo, hi, width);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         w,
             double         h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h));
}

/* a band between two marks, both shown */
static void
append_zone (DcaPriceBar   *self,
             GtkSnapshot   *snapshot,
             DcaPriceBarMark a,
             DcaPriceBarMark b,
             const GdkRGBA *color,
             double         lo,
             double         hi,
             double         width,
             double         y)
{
  double xa, xb;

  if (!self->has[a] || !self->has[b])
    return;
  xa = x_of (self->position[a], lo, hi, width);
  xb = x_of (self->position[b], lo, hi, width);
  append_rect (snapshot, color, MIN (xa, xb), y, ABS (xb - xa), TRACK_HEIGHT);
}

static void
append_tick (DcaPriceBar     *self,
             GtkSnapshot     *snapshot,
             DcaPriceBarMark  mark,
             const GdkRGBA   *color,
             double           tick_width,
             double           tick_height,
             double           lo,
             double           hi,
             double           width,
             double           height)
{
  double x;

  if (!self->has[mark])
    return;
  x = x_of (self->position[mark], lo, hi, width);
  append_rect (snapshot, color, x - tick_width / 2, (height - tick_height) / 2, tick_width, tick_height);
}

static void
dca_price_bar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DcaPriceBar *self = DCA_PRICE_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double y = (height - TRACK_HEIGHT) / 2;
  double lo = 0, hi = 0;
  GdkRGBA fg, track, loss_zone, gain_zone;

  if (!scale (self, width, &lo, &hi))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  track = fg;
  track.alpha *= 0.15f;
  loss_zone = orange;
  loss_zone.alpha = 0.45f;
  gain_zone = green;
  gain_zone.alpha = 0.45f;

  /* the track; from the next safety order up to the average the deal buys
   * more, from the average up to the target it would sell at a profit */
  append_rect (snapshot, &track, INSET, y, width - 2 * INSET, TRACK_HEIGHT);
  append_zone (self, snapshot, DCA_PRICE_BAR_NEXT_SAFETY, DCA_PRICE_BAR_AVERAGE, &loss_zone, lo, hi, width, y);
  append_zone (self, snapshot, DCA_PRICE_BAR_AVERAGE, DCA_PRICE_BAR_TAKE_PROFIT, &gain_zone, lo, hi, width, y);

  append_tick (self, snapshot, DCA_PRICE_BAR_NEXT_SAFETY, &orange, 3, height * 0.7, lo, hi, width, height);
  append_tick (self, snapshot, DCA_PRICE_BAR_TAKE_PROFIT, &green, 3, height * 0.7, lo, hi, width, height);
  append_tick (self, snapshot, DCA_PRICE_BAR_AVERAGE, &fg, 2, height * 0.55, lo, hi, width, height);

  /* the latest price: a dot on top of everything */
  if (self->has[DCA_PRICE_BAR_PRICE])
    {
      double x = x_of (self->position[DCA_PRICE_BAR_PRICE], lo, hi, width);
      GskRoundedRect dot;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT ((float) (x - PRICE_SIZE / 2), (float) ((height - PRICE_SIZE) / 2),
                                                   (float) PRICE_SIZE, (float) PRICE_SIZE);

      gsk_rounded_rect_init_from_rect (&dot, &bounds, (float) (PRICE_SIZE / 2));
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &blue, &bounds);
      gtk_snapshot_pop (snapshot);
    }
}

static void
dca_price_bar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = 160;
    }
  else
    {
      *minimum = 16;
      *natural = 20;
    }
}

static void
update_accessible (DcaPriceBar *self)
{
  const char *text = self->text ? self->text : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->text);
}

void
dca_price_bar_set_marks (DcaPriceBar  *self,
                         const gboolean has[DCA_N_PRICE_BAR_MARKS],
                         const double   position[DCA_N_PRICE_BAR_MARKS],
                         const char    *text)
{
  g_return_if_fail (DCA_IS_PRICE_BAR (self));

  for (guint i = 0; i < DCA_N_PRICE_BAR_MARKS; i++)
    {
      /* a position that is not a number cannot be placed */
      self->has[i] = has[i] && isfinite (position[i]);
      self->position[i] = self->has[i] ? position[i] : 0;
    }
  if (g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      update_accessible (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dca_price_bar_clear (DcaPriceBar *self)
{
  static const gboolean none[DCA_N_PRICE_BAR_MARKS] = { 0 };
  static const double zero[DCA_N_PRICE_BAR_MARKS] = { 0 };

  dca_price_bar_set_marks (self, none, zero, NULL);
}

gboolean
dca_price_bar_has_mark (DcaPriceBar     *self,
                        DcaPriceBarMark  mark)
{
  g_return_val_if_fail (DCA_IS_PRICE_BAR (self), FALSE);
  g_return_val_if_fail (mark < DCA_N_PRICE_BAR_MARKS, FALSE);

  return self->has[mark];
}

const char *
dca_price_bar_get_text (DcaPriceBar *self)
{
  g_return_val_if_fail (DCA_IS_PRICE_BAR (self), NULL);

  return self->text;
}

static void
dca_price_bar_finalize (GObject *object)
{
  DcaPriceBar *self = DCA_PRICE_BAR (object);

  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (dca_price_bar_parent_class)->finalize (object);
}

static void
dca_price_bar_class_init (DcaPriceBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dca_price_bar_finalize;
  widget_class->snapshot = dca_price_bar_snapshot;
  widget_class->measure = dca_price_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "pricebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dca_price_bar_init (DcaPriceBar *self)
{
}
