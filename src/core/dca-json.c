/* dca-json.c: a small JSON writer that keeps decimals exact */
#define G_LOG_DOMAIN "dca-json"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dca-json.h"

struct _DcaJsonWriter
{
  GString *out;
  gboolean pretty;
  guint    depth;
  /* per depth: whether a value was already written at this level */
  guint64  has_items;
  gboolean after_key;
};

DcaJsonWriter *
dca_json_writer_new (gboolean pretty)
{
  DcaJsonWriter *w = g_new0 (DcaJsonWriter, 1);

  w->out = g_string_sized_new (256);
  w->pretty = pretty;
  return w;
}

void
dca_json_writer_free (DcaJsonWriter *w)
{
  if (w == NULL)
    return;
  g_string_free (w->out, TRUE);
  g_free (w);
}

char *
dca_json_writer_steal (DcaJsonWriter *w)
{
  char *s = g_string_free (w->out, FALSE);

  w->out = g_string_new (NULL);
  return s;
}

const char *
dca_json_writer_peek (DcaJsonWriter *w)
{
  return w->out->str;
}

static void
newline (DcaJsonWriter *w)
{
  if (!w->pretty)
    return;
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append_c (w->out, ' ');
}

/* Separator and indentation before a value or a key. */
static void
before_item (DcaJsonWriter *w)
{
  guint64 bit;

  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  bit = (guint64) 1 << MIN (w->depth, 63);
  if (w->has_items & bit)
    g_string_append_c (w->out, ',');
  w->has_items |= bit;
  newline (w);
}

static void
open_container (DcaJsonWriter *w,
                char           c)
{
  before_item (w);
  g_string_append_c (w->out, c);
  w->depth++;
  w->has_items &= ~((guint64) 1 << MIN (w->depth, 63));
}

static void
close_container (DcaJsonWriter *w,
                 char           c)
{
  gboolean had = (w->has_items & ((guint64) 1 << MIN (w->depth, 63))) != 0;

  g_return_if_fail (w->depth > 0);
  w->depth--;
  if (had)
    newline (w);
  g_string_append_c (w->out, c);
}

void
dca_json_begin_object (DcaJsonWriter *w)
{
  open_container (w, '{');
}

void
dca_json_end_object (DcaJsonWriter *w)
{
  close_container (w, '}');
}

void
dca_json_begin_array (DcaJsonWriter *w)
{
  open_container (w, '[');
}

void
dca_json_end_array (DcaJsonWriter *w)
{
  close_container (w, ']');
}

static void
append_escaped (GString    *out,
                const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
dca_json_key (DcaJsonWriter *w,
              const char    *key)
{
  before_item (w);
  append_escaped (w->out, key);
  g_string_append (w->out, w->pretty ? ": " : ":");
  w->after_key = TRUE;
}

void
dca_json_string (DcaJsonWriter *w,
                 const char    *value)
{
  before_item (w);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    append_escaped (w->out, value);
}

void
dca_json_int (DcaJsonWriter *w,
              gint64         value)
{
  before_item (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
dca_json_double (DcaJsonWriter *w,
                 double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  before_item (w);
  if (!isfinite (value))
    {
      g_string_append (w->out, "null");
      return;
    }
  g_string_append (w->out, dca_double_format_shortest (buf, sizeof buf, value));
}

void
dca_json_bool (DcaJsonWriter *w,
               gboolean       value)
{
  before_item (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
dca_json_null (DcaJsonWriter *w)
{
  before_item (w);
  g_string_append (w->out, "null");
}

void
dca_json_decimal_number (DcaJsonWriter *w,
                         DcaDecimal     value)
{
  char buf[DCA_DECIMAL_BUF_SIZE];

  before_item (w);
  dca_decimal_format (value, buf);
  g_string_append (w->out, buf);
}

void
dca_json_decimal_string (DcaJsonWriter *w,
                         DcaDecimal     value)
{
  char buf[DCA_DECIMAL_BUF_SIZE];

  before_item (w);
  dca_decimal_format (value, buf);
  g_string_append_c (w->out, '"');
  g_string_append (w->out, buf);
  g_string_append_c (w->out, '"');
}

void
dca_json_node (DcaJsonWriter *w,
               JsonNode      *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      dca_json_null (w);
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        dca_json_begin_object (w);
        json_object_iter_init_ordered (&iter, obj);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            dca_json_key (w, name);
            dca_json_node (w, member);
          }
        dca_json_end_object (w);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *arr = json_node_get_array (node);

        dca_json_begin_array (w);
        for (guint i = 0; i < json_array_get_length (arr); i++)
          dca_json_node (w, json_array_get_element (arr, i));
        dca_json_end_array (w);
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType t = json_node_get_value_type (node);

        if (t == G_TYPE_INT64)
          dca_json_int (w, json_node_get_int (node));
        else if (t == G_TYPE_DOUBLE)
          dca_json_double (w, json_node_get_double (node));
        else if (t == G_TYPE_BOOLEAN)
          dca_json_bool (w, json_node_get_boolean (node));
        else
          dca_json_string (w, json_node_get_string (node));
      }
      break;

    case JSON_NODE_NULL:
    default:
      dca_json_null (w);
      break;
    }
}

void
dca_json_member_string (DcaJsonWriter *w,
                        const char    *key,
                        const char    *value)
{
  dca_json_key (w, key);
  dca_json_string (w, value);
}

void
dca_json_member_int (DcaJsonWriter *w,
                     const char    *key,
                     gint64         value)
{
  dca_json_key (w, key);
  dca_json_int (w, value);
}

void
dca_json_member_double (DcaJsonWriter *w,
                        const char    *key,
                        double         value)
{
  dca_json_key (w, key);
  dca_json_double (w, value);
}

void
dca_json_member_bool (DcaJsonWriter *w,
                      const char    *key,
                      gboolean       value)
{
  dca_json_key (w, key);
  dca_json_bool (w, value);
}

void
dca_json_member_decimal_number (DcaJsonWriter *w,
                                const char    *key,
                                DcaDecimal     value)
{
  dca_json_key (w, key);
  dca_json_decimal_number (w, value);
}

void
dca_json_member_decimal_string (DcaJsonWriter *w,
                                const char    *key,
                                DcaDecimal     value)
{
  dca_json_key (w, key);
  dca_json_decimal_string (w, value);
}

JsonNode *
dca_json_parse (const char  *text,
                gssize       len,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "the document is empty");
      return NULL;
    }
  return json_node_ref (root);
}
