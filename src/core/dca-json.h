/* dca-json.h: a small JSON writer that keeps decimals exact
 *
 * json-glib's generator prints doubles with 17 significant digits (0.1
 * becomes 0.10000000000000001); reports and exports need amounts printed as
 * the exact decimals they are, so output goes through this writer.  Input is
 * read with json-glib's parser.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dca-decimal.h"

G_BEGIN_DECLS

typedef struct _DcaJsonWriter DcaJsonWriter;

DcaJsonWriter *dca_json_writer_new            (gboolean        pretty);
void           dca_json_writer_free           (DcaJsonWriter  *w);
char          *dca_json_writer_steal          (DcaJsonWriter  *w);
const char    *dca_json_writer_peek           (DcaJsonWriter  *w);

void           dca_json_begin_object          (DcaJsonWriter  *w);
void           dca_json_end_object            (DcaJsonWriter  *w);
void           dca_json_begin_array           (DcaJsonWriter  *w);
void           dca_json_end_array             (DcaJsonWriter  *w);
void           dca_json_key                   (DcaJsonWriter  *w,
                                               const char     *key);
void           dca_json_string                (DcaJsonWriter  *w,
                                               const char     *value);
void           dca_json_int                   (DcaJsonWriter  *w,
                                               gint64          value);
void           dca_json_double                (DcaJsonWriter  *w,
                                               double          value);
void           dca_json_bool                  (DcaJsonWriter  *w,
                                               gboolean        value);
void           dca_json_null                  (DcaJsonWriter  *w);
/* an exact decimal as a JSON number: 0.001, 100 */
void           dca_json_decimal_number        (DcaJsonWriter  *w,
                                               DcaDecimal      value);
/* an exact decimal as a JSON string, as exchanges write amounts: "0.001" */
void           dca_json_decimal_string        (DcaJsonWriter  *w,
                                               DcaDecimal      value);
void           dca_json_node                  (DcaJsonWriter  *w,
                                               JsonNode       *node);

/* member shorthands */
void           dca_json_member_string         (DcaJsonWriter  *w,
                                               const char     *key,
                                               const char     *value);
void           dca_json_member_int            (DcaJsonWriter  *w,
                                               const char     *key,
                                               gint64          value);
void           dca_json_member_double         (DcaJsonWriter  *w,
                                               const char     *key,
                                               double          value);
void           dca_json_member_bool           (DcaJsonWriter  *w,
                                               const char     *key,
                                               gboolean        value);
void           dca_json_member_decimal_number (DcaJsonWriter  *w,
                                               const char     *key,
                                               DcaDecimal      value);
void           dca_json_member_decimal_string (DcaJsonWriter  *w,
                                               const char     *key,
                                               DcaDecimal      value);

JsonNode      *dca_json_parse                 (const char     *text,
                                               gssize          len,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcaJsonWriter, dca_json_writer_free)

G_END_DECLS
