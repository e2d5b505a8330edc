/* dca-product.c: trading pairs */
#define G_LOG_DOMAIN "dca-product"

#include "config.h"

#include <string.h>

#include "dca-product.h"

/* "BASE-QUOTE": two runs of upper-case letters or digits, 1 to 16 each. */
gboolean
dca_product_id_is_valid (const char *product_id)
{
  const char *dash;
  gsize base_len, quote_len;

  if (product_id == NULL || (dash = strchr (product_id, '-')) == NULL)
    return FALSE;
  base_len = (gsize) (dash - product_id);
  quote_len = strlen (dash + 1);
  if (base_len == 0 || base_len > 16 || quote_len == 0 || quote_len > 16)
    return FALSE;
  for (const char *p = product_id; *p; p++)
    if (p != dash && !g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
dca_product_id_split (const char  *product_id,
                      char       **base,
                      char       **quote)
{
  const char *dash;

  if (!dca_product_id_is_valid (product_id))
    return FALSE;
  dash = strchr (product_id, '-');
  if (base)
    *base = g_strndup (product_id, (gsize) (dash - product_id));
  if (quote)
    *quote = g_strdup (dash + 1);
  return TRUE;
}

/* The spec's defaults: both increments 0.00000001, no size limits. */
DcaProduct *
dca_product_new (const char *product_id)
{
  DcaProduct *p = g_new0 (DcaProduct, 1);

  p->product_id = g_strdup (product_id);
  if (!dca_product_id_split (product_id, &p->base_currency, &p->quote_currency))
    {
      p->base_currency = g_strdup ("");
      p->quote_currency = g_strdup ("");
    }
  p->base_increment = dca_decimal_from_units (1, 8);
  p->quote_increment = dca_decimal_from_units (1, 8);
  p->price_increment = dca_decimal_from_units (1, 8);
  p->status = g_strdup ("online");
  return p;
}

DcaProduct *
dca_product_copy (const DcaProduct *product)
{
  DcaProduct *p = g_new (DcaProduct, 1);

  *p = *product;
  p->product_id = g_strdup (product->product_id);
  p->base_currency = g_strdup (product->base_currency);
  p->quote_currency = g_strdup (product->quote_currency);
  p->status = g_strdup (product->status);
  return p;
}

void
dca_product_free (DcaProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->product_id);
  g_free (product->base_currency);
  g_free (product->quote_currency);
  g_free (product->status);
  g_free (product);
}
