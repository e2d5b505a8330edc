/* dca-plot.h: what the PLplot chart widgets share
 *
 * PLplot keeps global state: main thread only, one stream per draw.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A new PLplot stream drawing on cr (the extcairo device), width x height
 * pixels; end it with plend1 () when the drawing is done. */
void dca_plot_begin_cairo          (cairo_t     *cr,
                                    int          width,
                                    int          height);

/* Replaces *field with a copy of value; FALSE when it was the same. */
gboolean dca_plot_set_text         (char       **field,
                                    const char  *value);

/* The placeholder text of an empty chart, centred, in a dim grey. */
void dca_plot_snapshot_placeholder (GtkWidget   *widget,
                                    GtkSnapshot *snapshot,
                                    int          width,
                                    int          height,
                                    const char  *text);

G_END_DECLS
