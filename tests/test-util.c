/* test-util.c: what several test programs share */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "dca-decimal.h"
#include "test-util.h"

char *
test_source_path (const char *rel)
{
  const char *root = g_getenv ("DCADESK_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, rel, NULL);
}

void
test_store_set_up (TestStore     *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dcadesk-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "dcadesk.db", NULL);
  f->store = dca_store_open (f->path, &error);
  g_assert_no_error (error);
}

void
test_store_tear_down (TestStore     *f,
                      gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

char *
test_replay_dir (const char        *parent,
                 const char *const *pairs,
                 guint              n_pairs)
{
  char *dir = g_build_filename (parent, "market", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < n_pairs; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-5m.csv", pairs[i]);
      g_autofree char *rel = g_build_filename ("data", "market", name, NULL);
      g_autofree char *src = test_source_path (rel);
      g_autofree char *dst = g_build_filename (dir, name, NULL);

      g_assert_cmpint (symlink (src, dst), ==, 0);
    }
  return dir;
}

static gboolean
is_decimal_text (const char *s)
{
  DcaDecimal d;

  return dca_decimal_parse_rounded (s, &d, NULL);
}

/* Amounts compare as decimals: equal within 1e-9 of the value (the
 * examples print quotients with 40 digits; we keep 18). */
void
test_compare_json (JsonNode   *expected,
               JsonNode   *actual,
               const char *path)
{
  if (JSON_NODE_HOLDS_NULL (expected))
    {
      if (!JSON_NODE_HOLDS_NULL (actual))
        g_error ("%s: expected null", path);
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *eo = json_node_get_object (expected);
      JsonObject *ao;
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (actual))
        g_error ("%s: expected an object", path);
      ao = json_node_get_object (actual);
      json_object_iter_init (&iter, eo);
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, name);

          if (!json_object_has_member (ao, name))
            g_error ("%s: missing", sub);
          test_compare_json (member, json_object_get_member (ao, name), sub);
        }
      if (json_object_get_size (ao) != json_object_get_size (eo))
        g_error ("%s: %u members, expected %u", path, json_object_get_size (ao),
                 json_object_get_size (eo));
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *ea = json_node_get_array (expected);
      JsonArray *aa;

      if (!JSON_NODE_HOLDS_ARRAY (actual))
        g_error ("%s: expected an array", path);
      aa = json_node_get_array (actual);
      if (json_array_get_length (ea) != json_array_get_length (aa))
        g_error ("%s: %u elements, expected %u", path, json_array_get_length (aa),
                 json_array_get_length (ea));
      for (guint i = 0; i < json_array_get_length (ea); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          test_compare_json (json_array_get_element (ea, i), json_array_get_element (aa, i), sub);
        }
      return;
    }

  if (json_node_get_value_type (expected) == G_TYPE_STRING)
    {
      const char *e = json_node_get_string (expected);
      const char *a;

      if (!JSON_NODE_HOLDS_VALUE (actual) || json_node_get_value_type (actual) != G_TYPE_STRING)
        g_error ("%s: expected the string “%s”", path, e);
      a = json_node_get_string (actual);
      if (is_decimal_text (e))
        {
          DcaDecimal ed, ad, diff, tol;

          g_assert_true (dca_decimal_parse_rounded (e, &ed, NULL));
          if (!dca_decimal_parse (a, &ad, NULL))
            g_error ("%s: “%s” is not a decimal", path, a);
          diff = dca_decimal_abs (dca_decimal_sub (ed, ad));
          tol = dca_decimal_mul (dca_decimal_abs (ed), dca_decimal_from_units (1, 9), DCA_ROUND_CEILING);
          tol = dca_decimal_max (tol, dca_decimal_from_raw (2));
          if (dca_decimal_cmp (diff, tol) > 0)
            g_error ("%s: %s, expected %s", path, a, e);
        }
      else if (strcmp (e, a) != 0)
        g_error ("%s: “%s”, expected “%s”", path, a, e);
      return;
    }
  if (json_node_get_value_type (expected) == G_TYPE_INT64)
    {
      if (json_node_get_value_type (actual) != G_TYPE_INT64 ||
          json_node_get_int (actual) != json_node_get_int (expected))
        g_error ("%s: expected %" G_GINT64_FORMAT, path, json_node_get_int (expected));
      return;
    }
  if (json_node_get_value_type (expected) == G_TYPE_DOUBLE)
    {
      double e = json_node_get_double (expected);
      double a = json_node_get_value_type (actual) == G_TYPE_INT64 ? (double) json_node_get_int (actual)
                                                                   : json_node_get_double (actual);

      if (fabs (a - e) > 1e-9 * MAX (fabs (e), 1e-9))
        g_error ("%s: %.17g, expected %.17g", path, a, e);
      return;
    }
  g_error ("%s: unexpected node", path);
}

