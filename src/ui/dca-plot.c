/* dca-plot.c: what the PLplot chart widgets share */
#define G_LOG_DOMAIN "dca-plot"

#include "config.h"

#include <plplot.h>

#include "dca-plot.h"

void
dca_plot_begin_cairo (cairo_t *cr,
                      int      width,
                      int      height)
{
  PLINT stream;

  /* a stream of its own per draw: PLplot's state does not outlive it */
  plsstrm (0);
  plmkstrm (&stream);
  plsdev ("extcairo");
  plspage (0, 0, width, height, 0, 0);
  plinit ();
  pl_cmd (PLESC_DEVINIT, cr);
}

gboolean
dca_plot_set_text (char       **field,
                   const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
dca_plot_snapshot_placeholder (GtkWidget   *widget,
                               GtkSnapshot *snapshot,
                               int          width,
                               int          height,
                               const char  *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - tw) / 2.0, (height - th) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.37, 0.37, 0.37, 1 });
  gtk_snapshot_restore (snapshot);
}
