/* dca-price-bar.h: a deal's prices on one small horizontal scale
 *
 * The average entry, the latest price, the take-profit target and the next
 * safety order's trigger, drawn where each falls between the lowest and the
 * highest of them, so a row of the Deals list shows at a glance how far the
 * price is from either.  The positions are for the eye only: the numbers
 * come from core and are what the accessible label and tooltip say.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DCA_PRICE_BAR_AVERAGE,
  DCA_PRICE_BAR_PRICE,
  DCA_PRICE_BAR_TAKE_PROFIT,
  DCA_PRICE_BAR_NEXT_SAFETY,
  DCA_N_PRICE_BAR_MARKS
} DcaPriceBarMark;

#define DCA_TYPE_PRICE_BAR (dca_price_bar_get_type ())
G_DECLARE_FINAL_TYPE (DcaPriceBar, dca_price_bar, DCA, PRICE_BAR, GtkWidget)

GtkWidget  *dca_price_bar_new       (void);
/* position: where the mark falls on the scale (not an amount); has FALSE
 * hides the mark.  text: what the bar says to a screen reader and in its
 * tooltip, the exact prices. */
void        dca_price_bar_set_marks (DcaPriceBar     *self,
                                     const gboolean   has[DCA_N_PRICE_BAR_MARKS],
                                     const double     position[DCA_N_PRICE_BAR_MARKS],
                                     const char      *text);
void        dca_price_bar_clear     (DcaPriceBar     *self);
gboolean    dca_price_bar_has_mark  (DcaPriceBar     *self,
                                     DcaPriceBarMark  mark);
/* The mark's x in the widget, from 0 to its width; -1 when hidden. */
double      dca_price_bar_get_mark_x (DcaPriceBar    *self,
                                      DcaPriceBarMark mark);
const char *dca_price_bar_get_text  (DcaPriceBar     *self);

G_END_DECLS
