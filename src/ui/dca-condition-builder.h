/* dca-condition-builder.h: edit one phase's condition list
 *
 * Conditions and nested and/or groups, each condition an indicator with its
 * parameters and timeframe, an operator, and a number or another indicator
 * on the right.  What it reads and writes is the condition JSON of
 * shared/spec/deal-semantics.md; core validates it (the editor marks the
 * item core names with dca_condition_builder_mark_error()).
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DCA_TYPE_CONDITION_BUILDER (dca_condition_builder_get_type ())
G_DECLARE_FINAL_TYPE (DcaConditionBuilder, dca_condition_builder, DCA, CONDITION_BUILDER, AdwBin)

GtkWidget  *dca_condition_builder_new            (void);
/* `conditions`: a JSON array (NULL or null: empty); `logic`: "and" or "or"
 * (NULL: "and").  Core reads it first, so what is shown is core's
 * canonical form of the same list; FALSE with core's reason when it is not
 * a valid list, and the builder is left as it was. */
gboolean    dca_condition_builder_set_conditions (DcaConditionBuilder  *self,
                                                  JsonNode             *conditions,
                                                  const char           *logic,
                                                  GError              **error);
/* A new JSON array of what the widgets hold.  A value that is not a number
 * is written as the string typed, so that core refuses it naming the key. */
JsonNode   *dca_condition_builder_get_conditions (DcaConditionBuilder  *self);
/* "and" or "or": how the top-level items combine */
const char *dca_condition_builder_get_logic      (DcaConditionBuilder  *self);
void        dca_condition_builder_set_logic      (DcaConditionBuilder  *self,
                                                  const char           *logic);
const char *dca_condition_builder_get_title      (DcaConditionBuilder  *self);
void        dca_condition_builder_set_title      (DcaConditionBuilder  *self,
                                                  const char           *title);
void        dca_condition_builder_set_empty_text (DcaConditionBuilder  *self,
                                                  const char           *text);
/* Marks the item at `path`, a key path below the list as core writes it
 * ("[1].conditions[0].slow_period"), with `message`.  Returns where that
 * is, for people ("condition 1 of group 2"); NULL when no item matched
 * (the message is then shown for the whole list). */
char       *dca_condition_builder_mark_error     (DcaConditionBuilder  *self,
                                                  const char           *path,
                                                  const char           *message);
void        dca_condition_builder_clear_errors   (DcaConditionBuilder  *self);

G_END_DECLS
