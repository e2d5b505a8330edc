/* dca-deal-types.c: names of the deal, order and fill enumerations */
#define G_LOG_DOMAIN "dca-deal-types"

#include "config.h"

#include <string.h>

#include "dca-deal-types.h"

static gboolean
parse_name (const char *const *names,
            guint               n_names,
            const char         *str,
            int                *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (names[i] != NULL && strcmp (names[i], str) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_NAMES(Type, type, ...)                                          \
  static const char *const type##_names[] = { __VA_ARGS__ };                   \
  const char *                                                                 \
  dca_##type##_to_string (Type value)                                          \
  {                                                                            \
    if ((guint) value >= G_N_ELEMENTS (type##_names))                          \
      return NULL;                                                             \
    return type##_names[value];                                                \
  }                                                                            \
  gboolean                                                                     \
  dca_##type##_parse (const char *str, Type *out)                              \
  {                                                                            \
    int v;                                                                     \
    if (!parse_name (type##_names, G_N_ELEMENTS (type##_names), str, &v))      \
      return FALSE;                                                            \
    *out = (Type) v;                                                           \
    return TRUE;                                                               \
  }

DEFINE_NAMES (DcaDealStatus, deal_status, "open", "closed", "cancelled")
DEFINE_NAMES (DcaCloseReason, close_reason, NULL, "take_profit", "trailing_take_profit",
              "stop_loss", "trailing_stop_loss", "conditions", "manual")
DEFINE_NAMES (DcaOrderKind, order_kind, "base", "safety", "exit", "manual")
DEFINE_NAMES (DcaSide, side, "buy", "sell")
DEFINE_NAMES (DcaOrderType, order_type, "market", "limit")
DEFINE_NAMES (DcaOrderStatus, order_status, "pending", "open", "filled", "cancelled", "failed")
